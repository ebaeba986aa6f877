import { describe, expect, it } from 'vitest';

import { InvalidArgumentError, ShapeMismatchError } from '../../src/core/errors';
import { createRng } from '../../src/core/random';
import { zeros } from '../../src/core/matrix';
import { toSourceColumns } from '../../src/io/source-columns';
import { MAGNITUDE_BANDS, type Source } from '../../src/io/schema';
import { builtinFeature, FULL_FEATURE_NAMES, PAPER_FEATURE_NAMES } from '../../src/features/builtin';
import { defineFeature } from '../../src/features/definition';
import { FeatureSet } from '../../src/features/feature-set';
import { flagMissing, MISSING_FLAG } from '../../src/features/missing';
import { makeSource } from '../helpers/sources';

describe('the paper feature sets', () => {
  it('has the 29 features of Table 2 in the documented order', () => {
    expect(FeatureSet.paper().names).toEqual([
      'log_Fs_Fb', 'log_Fm_Fb', 'log_Fh_Fb', 'log_Fb', 'HR_hm', 'HR_ms', 'HR_hms', 'P_inter', 'P_intra',
      'log_FG_Fb', 'log_FBP_Fb', 'log_FRP_Fb', 'log_FJ_Fb', 'log_FH_Fb', 'log_FK_Fb', 'log_FW1_Fb', 'log_FW2_Fb',
      'G-BP', 'G-RP', 'G-J', 'G-H', 'G-K', 'BP-RP', 'J-H', 'J-K', 'H-K', 'W1-W2', 'W1-W3', 'W2-W3',
    ]);
    expect(PAPER_FEATURE_NAMES).toHaveLength(29);
  });

  it('has the full 54-feature set: 9 X-ray, 9 optical/IR fluxes, all 36 colours', () => {
    const full = FeatureSet.full();
    expect(full.size).toBe(54);
    expect(full.names.slice(0, 9)).toEqual(PAPER_FEATURE_NAMES.slice(0, 9));
    expect(full.names.slice(9, 18)).toEqual(MAGNITUDE_BANDS.map((b) => `log_F${b}_Fb`));
    expect(full.names.slice(18)).toHaveLength(36);
    expect(full.names).toContain('RP-W3');
    expect(full.names.indexOf('G-BP')).toBeLessThan(full.names.indexOf('BP-RP'));
    for (const n of PAPER_FEATURE_NAMES) expect(FULL_FEATURE_NAMES).toContain(n);
    for (const f of full.features) expect(f.description.length).toBeGreaterThan(10);
  });
});

describe('feature values (hand-computed)', () => {
  const s = makeSource(); // Fs 2e-15, Fm 3e-15, Fh 5e-15, Fb 1e-14, G 18.5, BP 18.8, …
  const row = FeatureSet.paper().row(s);
  const v = (name: string): number => row[PAPER_FEATURE_NAMES.indexOf(name)]!;

  it('computes the X-ray features', () => {
    expect(v('log_Fs_Fb')).toBeCloseTo(Math.log10(0.2), 14);
    expect(v('log_Fh_Fb')).toBeCloseTo(Math.log10(0.5), 14);
    expect(v('log_Fb')).toBeCloseTo(-14, 13);
    expect(v('HR_ms')).toBeCloseTo(0.2, 15); // (3 - 2) / 5
    expect(v('HR_hm')).toBeCloseTo(0.25, 15); // (5 - 3) / 8
    expect(v('HR_hms')).toBeCloseTo(0, 15); // (5 - 3 - 2) / 10
    expect(v('P_inter')).toBe(0.8);
    expect(v('P_intra')).toBe(0.3);
  });

  it('computes the optical/IR flux ratios from Table 3', () => {
    // F_G = 2.5e-9 x 10^(-18.5/2.5) x 4052.97 = 4.0352e-13 erg/s/cm^2
    expect(v('log_FG_Fb')).toBeCloseTo(Math.log10((2.5e-9 * 10 ** (-18.5 / 2.5) * 4052.97) / 1e-14), 12);
    expect(v('log_FW2_Fb')).toBeCloseTo(Math.log10((2.42e-12 * 10 ** (-13.1 / 2.5) * 10422.66) / 1e-14), 12);
  });

  it('computes colours', () => {
    expect(v('G-BP')).toBeCloseTo(-0.3, 12);
    expect(v('J-K')).toBeCloseTo(1.6, 12);
    expect(v('W2-W3')).toBeCloseTo(2.7, 12);
  });

  it('drops magnitudes at or beyond the limit before forming fluxes and colours', () => {
    const r = FeatureSet.full().row(makeSource({ Kmag: 17.0 }));
    const full = FeatureSet.full().names;
    for (const n of ['log_FK_Fb', 'G-K', 'J-K', 'H-K', 'K-W1']) expect(r[full.indexOf(n)]).toBeNaN();
    expect(r[full.indexOf('J-H')]).toBeCloseTo(0.8, 12);
  });

  it('gives NaN exactly where an input is missing', () => {
    const r = FeatureSet.paper().row(makeSource({ Fb: Number.NaN, P_inter: Number.NaN, Jmag: Number.NaN }));
    const names = PAPER_FEATURE_NAMES;
    for (const n of ['log_Fs_Fb', 'log_Fb', 'log_FG_Fb', 'P_inter', 'G-J', 'J-H', 'J-K', 'log_FJ_Fb']) expect(r[names.indexOf(n)]).toBeNaN();
    for (const n of ['HR_ms', 'P_intra', 'G-BP', 'H-K']) expect(r[names.indexOf(n)]).not.toBeNaN();
  });

  it('turns non-finite values (log of a zero flux) into NaN', () => {
    expect(builtinFeature('log_Fs_Fb').compute(makeSource({ Fs: 0 }))).toBeNaN();
  });
});

/** Random sources with missing values, magnitudes around the limits and occasional zero fluxes. */
function randomSources(n: number, seed: number): Source[] {
  const rng = createRng(seed);
  const maybe = (x: number): number => (rng() < 0.2 ? Number.NaN : x);
  return Array.from({ length: n }, (_, i) =>
    makeSource({
      name: `s${i}`,
      Fs: rng() < 0.02 ? 0 : 10 ** (-16 + 3 * rng()),
      Fm: 10 ** (-16 + 3 * rng()),
      Fh: maybe(10 ** (-16 + 3 * rng())),
      Fb: maybe(10 ** (-15 + 3 * rng())),
      P_inter: maybe(rng()),
      P_intra: maybe(rng()),
      ...Object.fromEntries(MAGNITUDE_BANDS.map((b) => [`${b}mag`, maybe(8 + 14 * rng())])),
    }),
  );
}

describe('FeatureSet.build', () => {
  const sources = randomSources(300, 7);
  const custom = defineFeature({ name: 'Fh/Fs', compute: (s) => s.Fh / s.Fs, description: 'hard over soft' });
  const features = FeatureSet.full().with(custom);

  it('returns a row-major matrix with names', () => {
    const X = features.build(sources);
    expect(X.nRows).toBe(300);
    expect(X.nCols).toBe(55);
    expect(X.names).toBe(features.names);
    expect(X.data).toHaveLength(300 * 55);
    const r = features.row(sources[17]!);
    expect(Array.from(X.data.subarray(17 * 55, 18 * 55))).toEqual(Array.from(r));
  });

  it('gives identical numbers from sources and from columns (typed kernels and the row view)', () => {
    const a = features.build(sources);
    const b = features.build(toSourceColumns(sources));
    let differ = 0;
    for (let k = 0; k < a.data.length; k++) if (!Object.is(a.data[k], b.data[k])) differ++;
    expect(differ).toBe(0);
    let missing = 0;
    for (const x of a.data) if (Number.isNaN(x)) missing++;
    expect(missing).toBeGreaterThan(0);
    for (const x of a.data) expect(Number.isNaN(x) || Number.isFinite(x)).toBe(true);
  });

  it('builds selected rows, in order', () => {
    const cols = toSourceColumns(sources);
    const sub = features.build(cols, { rows: [5, 2, 5] });
    const all = features.build(cols);
    expect(sub.nRows).toBe(3);
    expect(Array.from(sub.data.subarray(0, 55))).toEqual(Array.from(all.data.subarray(5 * 55, 6 * 55)));
    expect(Array.from(sub.data.subarray(55, 110))).toEqual(Array.from(all.data.subarray(2 * 55, 3 * 55)));
    expect(() => features.build(cols, { rows: [300] })).toThrow(/rows\[0\] = 300/);
  });

  it('writes into part of an existing matrix with buildInto, leaving other rows alone', () => {
    const cols = toSourceColumns(sources);
    const target = zeros(5, 55);
    target.data.fill(7);
    features.buildInto(cols, target, { rows: [0, 1], rowOffset: 3 });
    expect(target.data[0]).toBe(7);
    expect(target.data[3 * 55 - 1]).toBe(7);
    expect(Array.from(target.data.subarray(3 * 55))).toEqual(Array.from(features.build(cols, { rows: [0, 1] }).data));
    expect(() => features.buildInto(cols, zeros(5, 54))).toThrow(ShapeMismatchError);
    expect(() => features.buildInto(cols, target, { rows: [0, 1], rowOffset: 4 })).toThrow(/do not fit/);
  });

  it('does not mutate its input', () => {
    const frozen = sources.slice(0, 3).map((s) => Object.freeze({ ...s }));
    const copy = frozen.map((s) => ({ ...s }));
    features.build(frozen);
    expect(frozen).toEqual(copy);
  });
});

describe('custom features', () => {
  const softHard = defineFeature({ name: 'log_Fs_Fh', description: 'log10(Fs/Fh)', inputs: ['Fs', 'Fh'], fn: (fs, fh) => Math.log10(fs / fh) });

  it('can be unit-tested through compute', () => {
    expect(softHard.compute(makeSource({ Fs: 1e-14, Fh: 1e-13 }))).toBeCloseTo(-1, 14);
    expect(softHard.compute(makeSource({ Fh: 0 }))).toBeNaN(); // +Infinity -> missing
    expect(softHard.inputs).toEqual(['Fs', 'Fh']);
  });

  it('join a feature set and build on both input shapes', () => {
    const rowFeature = defineFeature({ name: 'brightest', compute: (s) => Math.min(s.Gmag, s.Jmag) });
    const fs = FeatureSet.paper().with(softHard, rowFeature);
    expect(fs.size).toBe(31);
    const sources = randomSources(50, 3);
    const a = fs.build(sources);
    const b = fs.build(toSourceColumns(sources));
    for (let k = 0; k < a.data.length; k++) expect(Object.is(a.data[k], b.data[k])).toBe(true);
    sources.forEach((s, i) => {
      const expected = Math.min(s.Gmag, s.Jmag); // NaN when either is missing
      expect(Object.is(a.data[i * 31 + 30], expected)).toBe(true);
      expect(a.data[i * 31 + 29]).toBe(softHard.compute(s));
    });
  });

  it('are validated', () => {
    expect(() => defineFeature({ name: '', compute: () => 1 })).toThrow(InvalidArgumentError);
    expect(() => defineFeature({ name: 'x' } as never)).toThrow(/compute/);
    expect(() => defineFeature({ name: 'x', inputs: ['Fx' as 'Fs'], fn: () => 1 })).toThrow(/unknown input column "Fx"/);
    expect(() => defineFeature({ name: 'x', inputs: [], fn: () => 1 })).toThrow(/at least one/);
    expect(() => FeatureSet.paper().with('HR_ms')).toThrow(/duplicate feature name "HR_ms"/);
    expect(() => new FeatureSet(['HR_sm'])).toThrow(/unknown built-in feature "HR_sm"/);
    expect(() => new FeatureSet([42 as unknown as string])).toThrow(/position 0/);
  });
});

describe('FeatureSet composition and serialisation', () => {
  it('removes features with without', () => {
    const fs = FeatureSet.paper().without('P_inter', 'P_intra');
    expect(fs.size).toBe(27);
    expect(fs.names).not.toContain('P_inter');
    expect(() => fs.without('P_inter')).toThrow(/no feature named "P_inter"/);
  });

  it('round-trips through JSON, with custom definitions passed back', () => {
    const custom = defineFeature({ name: 'zero', compute: () => 0 });
    const fs = FeatureSet.paper().with(custom);
    const json = JSON.parse(JSON.stringify(fs)) as { names: string[] };
    expect(json.names).toHaveLength(30);
    expect(FeatureSet.fromJSON(json, [custom]).names).toEqual(fs.names);
    expect(() => FeatureSet.fromJSON(json)).toThrow(/unknown built-in feature "zero"/);
  });
});

describe('flagMissing', () => {
  it('replaces NaN by -100 in a copy and keeps the names', () => {
    const X = FeatureSet.paper().build([makeSource({ Jmag: Number.NaN })]);
    const flagged = flagMissing(X);
    expect(MISSING_FLAG).toBe(-100);
    expect(flagged.names).toBe(X.names);
    expect(flagged.data).not.toBe(X.data);
    const j = X.names.indexOf('G-J');
    expect(X.data[j]).toBeNaN(); // input unchanged
    expect(flagged.data[j]).toBe(-100);
    expect(flagged.data[0]).toBe(X.data[0]);
    for (const x of flagged.data) expect(Number.isNaN(x)).toBe(false);
  });

  it('takes another flag and rejects a non-finite one', () => {
    const m = { data: Float64Array.of(1, Number.NaN), nRows: 1, nCols: 2 };
    expect(Array.from(flagMissing(m, -999).data)).toEqual([1, -999]);
    expect(() => flagMissing(m, Number.NaN)).toThrow(InvalidArgumentError);
  });
});

describe('flagMissing into a buffer', () => {
  it('writes the result into options.into without allocating, and checks it', () => {
    const m = { data: Float64Array.of(1, Number.NaN, 3, Number.NaN), nRows: 2, nCols: 2 };
    const into = zeros(2, 2);
    const out = flagMissing(m, -100, { into });
    expect(out.data).toBe(into.data);
    expect(Array.from(into.data)).toEqual([1, -100, 3, -100]);
    expect(Number.isNaN(m.data[1])).toBe(true);
    expect(() => flagMissing(m, -100, { into: zeros(1, 4) })).toThrow(ShapeMismatchError);
    expect(() => flagMissing(m, -100, { into: m })).toThrow(/must not be the input/);
  });
});
