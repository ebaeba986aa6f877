import { beforeAll, expect, it } from 'vitest';

import type { SourceTable } from '../../src/io/source-table';
import { readSourceTable } from '../../src/node';
import { toSourceColumns, type SourceNumericColumn } from '../../src/io/source-columns';
import { PHOTOMETRIC_BANDS } from '../../src/mw/bands';
import { FeatureSet } from '../../src/features/feature-set';
import { flagMissing } from '../../src/features/missing';
import { describeWithData, sharedData } from '../helpers/shared-data';

const TD = 'td/muwclass_td_cscv2.csv';

/** Whether a source column's value is usable: present and, for a magnitude, brighter than its Table 3 limit. */
function usable(column: SourceNumericColumn, value: number): boolean {
  if (Number.isNaN(value)) return false;
  const m = /^(G|BP|RP|J|H|K|W1|W2|W3)mag$/.exec(column);
  return m === null || value < PHOTOMETRIC_BANDS[m[1] as keyof typeof PHOTOMETRIC_BANDS].limitingMagnitude;
}

describeWithData('features of the paper training set (td/muwclass_td_cscv2.csv)', [TD], () => {
  let td: SourceTable;
  beforeAll(async () => {
    td = await readSourceTable(sharedData(TD), { requireLabel: true });
  });

  it('has no NaN where the inputs exist and NaN exactly where one does not (all 2,941 rows, 54 features)', () => {
    const full = FeatureSet.full();
    const X = full.build(td.sources);
    expect(X.nRows).toBe(2941);
    let missing = 0;
    const wrong: string[] = [];
    full.features.forEach((f, j) => {
      td.sources.forEach((s, i) => {
        const value = X.data[i * X.nCols + j]!;
        const inputsUsable = f.inputs!.every((c) => usable(c, s[c]));
        if (!inputsUsable) missing++;
        if (inputsUsable ? !Number.isFinite(value) : !Number.isNaN(value)) wrong.push(`row ${i} ${f.name} = ${value}`);
      });
    });
    expect(wrong).toEqual([]);
    expect(missing).toBe(55972); // of 2941 x 54 = 158,814 values (= Σ (2941 − present) of the snapshot below)
    // -100-ready: flagging leaves no NaN
    expect(flagMissing(X).data.some((x) => Number.isNaN(x))).toBe(false);
  });

  it('matches hand-computed rows (Python, math.log10 of the CSV cells)', () => {
    const paper = FeatureSet.paper();
    const expected: Record<number, readonly number[]> = {
      // 2CXO J000009.3+135618 (AGN): no 2MASS, no P_inter
      0: [-0.3010299956639812, -0.9030899869919435, -0.3010299956639812, -14.397940008672037, 0.6, -0.6, -0.1111111111111111, Number.NaN, 0.923, 2.0060534064589053, 1.8345509761491647, 1.7597864451080767, Number.NaN, Number.NaN, Number.NaN, 0.9359722714929337, 0.9557339454293362, -0.276, 0.474, Number.NaN, Number.NaN, Number.NaN, 0.75, Number.NaN, Number.NaN, Number.NaN, 0.88, 4.69, 3.81],
      // 2CXO J021102.7-000910 (AGN): BP = 22.6 beyond the 21.5 limit, no W3
      85: [-0.744727494896694, -0.09691001300805639, -2.795880017344075, -14.301029995663981, -0.996007984031936, 0.6326530612244898, -0.9967400162999185, Number.NaN, Number.NaN, 0.8947433934508477, Number.NaN, 0.9908764321000206, Number.NaN, Number.NaN, Number.NaN, 0.08706225848487671, -0.0171760675787213, Number.NaN, 1.33, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, 0.57, Number.NaN, Number.NaN],
      // 2CXO J022634.3+620152 (YSO): every band
      1443: [-1.0, -0.4559319556497244, -0.24303804868629436, -13.853871964321762, 0.24031007751937988, 0.5555555555555556, 0.11888111888111892, 1.0, 0.963, 3.2471853621086293, 2.9568829317988894, 3.1205184007578017, 2.7080878936107835, 2.6305203014620244, 2.3154296740343505, 2.003904227142657, 1.6556659010790604, -0.573, 0.773, 1.901, 2.341, 2.561, 1.346, 0.44, 0.66, 0.22, -0.04, 2.28, 2.32],
    };
    for (const [row, values] of Object.entries(expected)) {
      const got = paper.row(td.sources[Number(row)]!);
      values.forEach((v, j) => {
        if (Number.isNaN(v)) expect(got[j], `row ${row} ${paper.names[j]}`).toBeNaN();
        else expect(got[j]!, `row ${row} ${paper.names[j]}`).toBeCloseTo(v, 12);
      });
    }
    expect(td.sources[1443]!.name).toBe('2CXO J022634.3+620152');
  });

  it('builds identical matrices from sources and from columns', () => {
    const full = FeatureSet.full();
    const a = full.build(td.sources);
    const b = full.build(toSourceColumns(td.sources));
    let same = true;
    for (let k = 0; k < a.data.length; k++) same &&= Object.is(a.data[k], b.data[k]);
    expect(same).toBe(true);
  });

  // The snapshot's 49 means of the flux ratios, log_Fb, HR_h(ms), P_inter and all colours were cross-checked against an
  // independent Python computation (csv + math.log10) to 1e-8 relative.
  it('keeps the per-feature means over the TD (snapshot of mean and count of present values)', () => {
    const full = FeatureSet.full();
    const X = full.build(td.sources);
    const summary: Record<string, { mean: string; present: number }> = {};
    full.names.forEach((name, j) => {
      let sum = 0;
      let present = 0;
      for (let i = 0; i < X.nRows; i++) {
        const v = X.data[i * X.nCols + j]!;
        if (!Number.isNaN(v)) {
          sum += v;
          present++;
        }
      }
      summary[name] = { mean: (sum / present).toPrecision(10), present };
    });
    expect(summary).toMatchSnapshot();
  });
});
