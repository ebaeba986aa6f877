import { describe, expect, it } from 'vitest';

import { syntheticTrainingSet, SYNTHETIC_CLASSES } from '../../src/io/synthetic';
import { SOURCE_NUMERIC_COLUMNS } from '../../src/io/schema';
import { InvalidArgumentError } from '../../src/core/errors';

describe('syntheticTrainingSet', () => {
  it('has the requested class counts and every column of the schema', () => {
    const td = syntheticTrainingSet({ perClass: { AGN: 5, NS: 3, CV: 0, HMXB: 0, LMXB: 0, YSO: 0, 'LM-STAR': 0, 'HM-STAR': 0 } });
    expect(td.map((s) => s.label)).toEqual(['AGN', 'AGN', 'AGN', 'AGN', 'AGN', 'NS', 'NS', 'NS']);
    for (const s of td) for (const c of SOURCE_NUMERIC_COLUMNS) expect(c in s).toBe(true);
  });

  it('defaults to the paper proportions over eight classes', () => {
    const td = syntheticTrainingSet();
    expect(td).toHaveLength(407);
    expect(new Set(td.map((s) => s.label))).toEqual(new Set(SYNTHETIC_CLASSES));
  });

  it('is deterministic per seed, with positive fluxes and Fb = Fs + Fm + Fh', () => {
    const a = syntheticTrainingSet({ seed: 3 });
    expect(syntheticTrainingSet({ seed: 3 })).toEqual(a);
    expect(syntheticTrainingSet({ seed: 4 })[0]!.Fb).not.toBe(a[0]!.Fb);
    for (const s of a) {
      expect(s.Fs).toBeGreaterThan(0);
      expect(s.Fb).toBeCloseTo(s.Fs + s.Fm + s.Fh, 25);
      expect(Number.isNaN(s.Gmag)).toBe(Number.isNaN(s.W3mag));
    }
  });

  it('can make an unlabelled field and rejects bad counts', () => {
    expect(syntheticTrainingSet({ labelled: false })[0]!.label).toBeUndefined();
    expect(() => syntheticTrainingSet({ perClass: { AGN: -1 } })).toThrow(InvalidArgumentError);
  });
});
