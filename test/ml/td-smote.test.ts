import { expect, it } from 'vitest';

import { readSourceTable } from '../../src/node';
import { Smote } from '../../src/ml/smote';
import { describeWithData, sharedData } from '../helpers/shared-data';

const TD = 'td/muwclass_td_cscv2.csv';

describeWithData('Smote on the paper\'s training set (td/muwclass_td_cscv2.csv)', [TD], () => {
  it('balances the 8 classes to 1390 each (Table 1: AGN 1390 … HMXB 26) and keeps the missing-band semantics', async () => {
    const td = await readSourceTable(sharedData(TD), { requireLabel: true });
    // a few raw features with missing values: log Fb, P_inter (often missing), G and W1 magnitudes
    const X = td.sources.map((s) => [Math.log10(s.Fb), s.P_inter, s.Gmag, s.W1mag]);
    const y = td.sources.map((s) => s.label!);
    const out = new Smote({ seed: 'td' }).fitResample(X, y);
    const counts: Record<string, number> = {};
    for (const label of out.y) counts[label] = (counts[label] ?? 0) + 1;
    expect(counts).toEqual({ AGN: 1390, CV: 1390, 'HM-STAR': 1390, HMXB: 1390, 'LM-STAR': 1390, LMXB: 1390, NS: 1390, YSO: 1390 });
    expect(out.nSynthetic).toEqual({ AGN: 0, CV: 1346, 'HM-STAR': 1272, HMXB: 1364, 'LM-STAR': 1183, LMXB: 1325, NS: 1303, YSO: 386 });
    expect(out.warnings).toEqual([]);
    const p = 4;
    const min = [0, 1, 2, 3].map((j) => Math.min(...X.map((r) => r[j]!).filter((v) => !Number.isNaN(v))));
    const max = [0, 1, 2, 3].map((j) => Math.max(...X.map((r) => r[j]!).filter((v) => !Number.isNaN(v))));
    let missing = 0;
    for (let i = X.length; i < out.X.nRows; i++) {
      for (let j = 0; j < p; j++) {
        const v = out.X.data[i * p + j]!;
        if (Number.isNaN(v)) missing++;
        else {
          expect(v).toBeGreaterThanOrEqual(min[j]!);
          expect(v).toBeLessThanOrEqual(max[j]!);
        }
      }
    }
    // a synthetic value is missing whenever a parent lacks it: more often than in the original table
    const missingBefore = X.flat().filter((v) => Number.isNaN(v)).length / (X.length * p);
    expect(missing / ((out.X.nRows - X.length) * p)).toBeGreaterThan(missingBefore);
  });
});
