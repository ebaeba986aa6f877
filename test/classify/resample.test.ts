import { describe, expect, it } from 'vitest';

import { resampleColumns, resampleSource } from '../../src/classify/resample';
import { toSourceColumns } from '../../src/io/source-columns';
import { createRng } from '../../src/core/random';
import { syntheticTrainingSet } from '../../src/io/synthetic';
import { InvalidArgumentError, InvalidValueError } from '../../src/core/errors';
import type { Source } from '../../src/io/schema';

const [base] = syntheticTrainingSet({ seed: 2, perClass: { AGN: 1, CV: 0, 'HM-STAR': 0, HMXB: 0, 'LM-STAR': 0, LMXB: 0, NS: 0, YSO: 0 } }) as [Source];
const withMags: Source = { ...base, Gmag: 18, e_Gmag: 0.1, Jmag: Number.NaN, e_Jmag: Number.NaN, Kmag: 15, e_Kmag: Number.NaN };

describe('resampleSource', () => {
  it('does not modify its input and is reproducible per seed', () => {
    const copy = structuredClone(withMags);
    const a = resampleSource(withMags, createRng(5));
    expect(withMags).toEqual(copy);
    expect(resampleSource(withMags, createRng(5))).toEqual(a);
    expect(resampleSource(withMags, createRng(6)).Fs).not.toBe(a.Fs);
  });

  it('keeps Fb = Fs + Fm + Fh and positive fluxes, even at S/N ~ 0.5', () => {
    const faint: Source = { ...withMags, Fs: 1e-16, e_Fs: 2e-16, Fm: 1e-16, e_Fm: 2e-16, Fh: 1e-16, e_Fh: 2e-16 };
    const rng = createRng('faint');
    for (let i = 0; i < 2000; i++) {
      const d = resampleSource(faint, rng);
      expect(d.Fs).toBeGreaterThan(0);
      expect(d.Fm).toBeGreaterThan(0);
      expect(d.Fh).toBeGreaterThan(0);
      expect(d.Fb).toBe(d.Fs + d.Fm + d.Fh);
    }
  });

  it('draws magnitudes with sigma = errorScale x error, keeps missing ones missing and error-less ones fixed', () => {
    const rng = createRng('mags');
    const n = 20_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const d = resampleSource(withMags, rng, { errorScale: 2 });
      s += d.Gmag;
      s2 += d.Gmag * d.Gmag;
      expect(d.Jmag).toBeNaN();
      expect(d.Kmag).toBe(15);
    }
    const mean = s / n;
    expect(mean).toBeCloseTo(18, 2);
    expect(Math.sqrt(s2 / n - mean * mean)).toBeCloseTo(0.2, 2);
  });

  it('with errorScale 0 returns the measured values', () => {
    const d = resampleSource(withMags, createRng(1), { errorScale: 0 });
    expect(d.Fs).toBe(withMags.Fs);
    expect(d.Gmag).toBe(18);
  });

  it('rejects a bad errorScale and names a source whose flux cannot be drawn positive', () => {
    expect(() => resampleSource(withMags, createRng(1), { errorScale: -1 })).toThrow(InvalidArgumentError);
    const negative: Source = { ...withMags, name: 'bad src', Fs: -1, e_Fs: 1e-3 };
    expect(() => resampleSource(negative, createRng(1), { maxTries: 10 })).toThrow(InvalidValueError);
    expect(() => resampleSource(negative, createRng(1), { maxTries: 10 })).toThrow(/"bad src".*column "Fs"/);
  });
});

describe('resampleColumns', () => {
  const sources = syntheticTrainingSet({ seed: 9 });
  const columns = toSourceColumns(sources);

  it('equals resampling each source in turn with one generator', () => {
    const draw = resampleColumns(columns, createRng('same'));
    const rng = createRng('same');
    const each = toSourceColumns(sources.map((s) => resampleSource(s, rng)));
    expect(draw).toEqual(each);
  });

  it('never writes to its input and shares the columns it does not draw', () => {
    const before = structuredClone(columns);
    const draw = resampleColumns(columns, createRng(1));
    expect(columns).toEqual(before);
    expect(draw.P_intra).toBe(columns.P_intra);
    expect(draw.e_Fs).toBe(columns.e_Fs);
    expect(draw.Fs).not.toBe(columns.Fs);
  });

  it('names the row and band of a flux that cannot be drawn positive', () => {
    const bad = { ...columns, Fm: columns.Fm.map((x, i) => (i === 3 ? -1 : x)) };
    expect(() => resampleColumns(bad, createRng(1), { maxTries: 5 })).toThrow(/row 3, column "Fm"/);
  });
});
