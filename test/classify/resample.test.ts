import { describe, expect, it } from 'vitest';

import { bandSumBroadFlux, resampleColumns, resampleSource } from '../../src/classify/resample';
import { readSourceTable } from '../../src/node/io';
import { MAGNITUDE_COLUMNS } from '../../src/io/schema';
import { describeWithData, sharedData } from '../helpers/shared-data';
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

  it('draws magnitudes with sigma = errorScale x error, keeps missing ones missing and, by default, makes error-less ones (upper limits) missing', () => {
    const rng = createRng('mags');
    const n = 20_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const d = resampleSource(withMags, rng, { errorScale: 2 });
      s += d.Gmag;
      s2 += d.Gmag * d.Gmag;
      expect(d.Jmag).toBeNaN();
      expect(d.Kmag).toBeNaN();
    }
    const mean = s / n;
    expect(mean).toBeCloseTo(18, 2);
    expect(Math.sqrt(s2 / n - mean * mean)).toBeCloseTo(0.2, 2);
  });

  it("keeps an error-less magnitude as measured with errorlessMagnitudes: 'keep', drawing the same numbers otherwise", () => {
    const keep = resampleSource(withMags, createRng(3), { errorlessMagnitudes: 'keep' });
    const missing = resampleSource(withMags, createRng(3));
    expect(keep.Kmag).toBe(15);
    expect(missing.Kmag).toBeNaN();
    // the treatment of upper limits consumes no random numbers: every other value is the same draw
    expect({ ...keep, Kmag: 0 }).toEqual({ ...missing, Kmag: 0 });
    expect(() => resampleSource(withMags, createRng(3), { errorlessMagnitudes: 'drop' as 'keep' })).toThrow(/errorlessMagnitudes must be 'missing' or 'keep'/);
  });

  it('only touches magnitudes: an error-less flux band is kept as measured', () => {
    const s: Source = { ...withMags, Fm: 3e-15, e_Fm: Number.NaN };
    const d = resampleSource(s, createRng(4));
    expect(d.Fm).toBe(3e-15);
    expect(d.Fb).toBe(d.Fs + 3e-15 + d.Fh);
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

  it('makes error-less magnitudes missing row by row, like resampleSource, or keeps them', () => {
    const J = columns.Jmag.slice();
    const eJ = columns.e_Jmag.slice();
    J[0] = 16.2;
    eJ[0] = Number.NaN; // an upper limit
    J[1] = Number.NaN;
    eJ[1] = Number.NaN; // no counterpart
    const cols = { ...columns, Jmag: J, e_Jmag: eJ };
    const missing = resampleColumns(cols, createRng('ul'));
    const keep = resampleColumns(cols, createRng('ul'), { errorlessMagnitudes: 'keep' });
    expect(missing.Jmag[0]).toBeNaN();
    expect(keep.Jmag[0]).toBe(16.2);
    expect(missing.Jmag[1]).toBeNaN();
    expect(keep.Jmag[1]).toBeNaN();
    expect(Array.from(missing.Jmag.subarray(2))).toEqual(Array.from(keep.Jmag.subarray(2)));
    expect(cols.Jmag[0]).toBe(16.2); // the input is not written to
  });

  it('names the row and band of a flux that cannot be drawn positive', () => {
    const bad = { ...columns, Fm: columns.Fm.map((x, i) => (i === 3 ? -1 : x)) };
    expect(() => resampleColumns(bad, createRng(1), { maxTries: 5 })).toThrow(/row 3, column "Fm"/);
  });
});

describe('bandSumBroadFlux', () => {
  it('replaces Fb by Fs + Fm + Fh (missing where a band is) and shares every other column', () => {
    const columns = toSourceColumns(syntheticTrainingSet({ seed: 9 }));
    const Fm = columns.Fm.slice();
    Fm[2] = Number.NaN;
    const cols = { ...columns, Fm, Fb: columns.Fb.map((x) => 2 * x) };
    const out = bandSumBroadFlux(cols);
    for (let i = 0; i < cols.nRows; i++) {
      if (i === 2) expect(out.Fb[i]).toBeNaN();
      else expect(out.Fb[i]).toBe(cols.Fs[i]! + cols.Fm[i]! + cols.Fh[i]!);
    }
    expect(out.Fs).toBe(cols.Fs);
    expect(out.Jmag).toBe(cols.Jmag);
    expect(cols.Fb[0]).toBe(2 * columns.Fb[0]!);
  });
});

describeWithData('the paper\'s training set: magnitudes without an error', ['td/muwclass_td_cscv2.csv'], () => {
  it('are the 511 of the issue (J 115, H 47, K 40, W1 7, W2 15, W3 287), all missing in a draw by default, all kept with "keep"', async () => {
    const td = await readSourceTable(sharedData('td/muwclass_td_cscv2.csv'), { requireLabel: true });
    const columns = toSourceColumns(td.sources);
    const counts: Record<string, number> = {};
    for (const c of MAGNITUDE_COLUMNS) {
      let k = 0;
      for (let i = 0; i < columns.nRows; i++) if (Number.isFinite(columns[c][i]) && !Number.isFinite(columns[`e_${c}`][i])) k++;
      if (k > 0) counts[c] = k;
    }
    expect(counts).toEqual({ Jmag: 115, Hmag: 47, Kmag: 40, W1mag: 7, W2mag: 15, W3mag: 287 });
    const lost = (draw: typeof columns): number =>
      MAGNITUDE_COLUMNS.reduce((n, c) => n + columns[c].reduce((k, m, i) => k + (Number.isFinite(m) && !Number.isFinite(draw[c][i]) ? 1 : 0), 0), 0);
    expect(lost(resampleColumns(columns, createRng('td')))).toBe(511);
    expect(lost(resampleColumns(columns, createRng('td'), { errorlessMagnitudes: 'keep' }))).toBe(0);
  });
});
