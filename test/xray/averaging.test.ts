import { describe, expect, it } from 'vitest';

import { InvalidValueError } from '../../src/core/errors';
import type { CscDetection } from '../../src/io/csc-detections';
import { averageObservations, FLUX_FLAG_BITS } from '../../src/xray/averaging';
import { deepFreeze, detection, fechner, limits, MISSING } from '../helpers/csc';

// Expected values below are computed from the spec's equations (docs/AVERAGING.md; eq. 1–4) with the
// independent helper `fechner` (the brief's form of eq. 1) and closed-form chi-square CDFs.

const SQRT_2_PI = Math.sqrt(2 / Math.PI);
const NULL_MEAN = SQRT_2_PI * 1e-17;
const NULL_SIGMA = Math.sqrt(1 - 2 / Math.PI) * 1e-17;

function rel(got: number, want: number): number {
  return Math.abs(got - want) / Math.abs(want);
}

function band(d: CscDetection, b: 's' | 'm' | 'h'): { mean: number; sigma: number } {
  const l = d.flux_aper90[b];
  return fechner(l.mode, l.lo, l.hi);
}

describe('averageObservations: one observation', () => {
  it('gives the detection’s own Fechner mean and sigma, broad = s + m + h in quadrature, dof 0', () => {
    const d = detection({ name: 'J1', kp_prob_b: 0.77, flux_significance_b: 4.2 });
    const { sources } = averageObservations([d]);
    expect(sources).toHaveLength(1);
    const s = sources[0]!;
    for (const b of ['s', 'm', 'h'] as const) {
      const want = band(d, b);
      const key = `F${b}` as const;
      expect(rel(s[key], want.mean)).toBeLessThan(1e-15);
      expect(rel(s[`e_${key}`], want.sigma)).toBeLessThan(1e-15);
    }
    expect(rel(s.Fb, s.Fs + s.Fm + s.Fh)).toBeLessThan(1e-15);
    expect(rel(s.e_Fb, Math.hypot(s.e_Fs, s.e_Fm, s.e_Fh))).toBeLessThan(1e-15);
    expect(s).toMatchObject({ name: 'J1', ra: 166.25, dec: -58.85, n_obs: 1, dof: 0, P_intra: 0.77, significance_max: 4.2, flux_flag: 0 });
    expect(s.chisqr).toBeNaN();
    expect(s.P_inter).toBeNaN();
  });
});

describe('averageObservations: several observations', () => {
  // Three detections of one source with all bands: weighted means, chi-square with dof 2.
  const d1 = detection({ name: 'V', obsid: 1, kp_prob_b: 0.2, flux_significance_b: 3.1, flux_aper90: { s: limits(1e-15, 3e-16, 5e-16), m: limits(2e-15, 4e-16, 4e-16), h: limits(3e-15, 1e-15, 2e-15) } });
  const d2 = detection({ name: 'V', obsid: 2, kp_prob_b: 0.9, flux_significance_b: 8.5, flux_aper90: { s: limits(4e-15, 5e-16, 6e-16), m: limits(5e-15, 1e-15, 1e-15), h: limits(9e-15, 2e-15, 3e-15) } });
  const d3 = detection({ name: 'V', obsid: 3, kp_prob_b: Number.NaN, flux_significance_b: 5, flux_aper90: { s: limits(2e-15, 1e-16, 3e-16), m: limits(1e-15, 2e-16, 9e-16), h: limits(0, 0, 1e-15) } });
  const { sources, summary } = averageObservations([d1, d2, d3]);
  const s = sources[0]!;

  it('weights each band by inverse variance (eq. 3a, 3b)', () => {
    for (const b of ['s', 'm', 'h'] as const) {
      const f = [d1, d2, d3].map((d) => band(d, b));
      const w = f.map((x) => 1 / x.sigma ** 2);
      const sumW = w[0]! + w[1]! + w[2]!;
      const mean = (w[0]! * f[0]!.mean + w[1]! * f[1]!.mean + w[2]! * f[2]!.mean) / sumW;
      expect(rel(s[`F${b}`], mean)).toBeLessThan(1e-13);
      expect(rel(s[`e_F${b}`], Math.sqrt(1 / sumW))).toBeLessThan(1e-13);
    }
    expect(rel(s.Fb, s.Fs + s.Fm + s.Fh)).toBeLessThan(1e-15);
  });

  it('fits a constant to the per-detection broad fluxes s + m + h: χ², dof = 2, P_inter = 1 − exp(−χ²/2)', () => {
    const broad = [d1, d2, d3].map((d) => {
      const [fs, fm, fh] = [band(d, 's'), band(d, 'm'), band(d, 'h')];
      return { x: fs.mean + fm.mean + fh.mean, s: Math.hypot(fs.sigma, fm.sigma, fh.sigma) };
    });
    const w = broad.map((b) => 1 / b.s ** 2);
    const mu = broad.reduce((acc, b, i) => acc + w[i]! * b.x, 0) / (w[0]! + w[1]! + w[2]!);
    const chisqr = broad.reduce((acc, b) => acc + ((b.x - mu) / b.s) ** 2, 0);
    expect(s.dof).toBe(2);
    expect(rel(s.chisqr, chisqr)).toBeLessThan(1e-12);
    expect(s.P_inter).toBeCloseTo(-Math.expm1(-chisqr / 2), 13);
    expect(s.P_inter).toBeGreaterThan(0.99); // d2 is much brighter: variable
  });

  it('takes P_intra and significance_max as maxima over the detections, skipping a missing Kuiper probability', () => {
    expect(s.P_intra).toBe(0.9);
    expect(s.significance_max).toBe(8.5);
    expect(s.n_obs).toBe(3);
    expect(s.flux_flag).toBe(0);
    expect(summary).toMatchObject({ detectionsIn: 3, detectionsUsed: 3, sourcesIn: 1, sourcesOut: 1, dropped: [] });
  });

  it('counts a duplicated detection once', () => {
    const again = { ...d2 };
    const r = averageObservations([d1, d2, again, d3]);
    expect(r.sources).toEqual(sources);
    expect(r.summary.rejected.duplicate).toBe(1);
    expect(r.summary.detectionsUsed).toBe(3);
  });

  it('ignores a filtered detection entirely', () => {
    const far = detection({ name: 'V', obsid: 9, theta: 14, kp_prob_b: 1, flux_aper90: { s: limits(1e-12, 1e-13, 1e-13), m: limits(1e-12, 1e-13, 1e-13), h: limits(1e-12, 1e-13, 1e-13) } });
    const r = averageObservations([d1, far, d2, d3]);
    expect(r.sources).toEqual(sources);
    expect(r.summary.rejected['off-axis']).toBe(1);
  });

  it('is independent of the order of the detections (up to rounding)', () => {
    const r = averageObservations([d3, d1, d2]).sources[0]!;
    for (const k of ['Fs', 'e_Fs', 'Fm', 'Fh', 'Fb', 'e_Fb', 'chisqr', 'P_inter'] as const) expect(rel(r[k], s[k])).toBeLessThan(1e-13);
  });
});

describe('averageObservations: detections missing a band', () => {
  // d1 has all bands; d2 lacks the hard band: it enters the s and m averages but not the variability.
  const d1 = detection({ name: 'P', obsid: 1, kp_prob_b: 0.3, flux_significance_b: 2, flux_aper90: { s: limits(1e-15, 3e-16, 5e-16), m: limits(2e-15, 4e-16, 4e-16), h: limits(3e-15, 1e-15, 2e-15) } });
  const d2 = detection({ name: 'P', obsid: 2, kp_prob_b: 0.99, flux_significance_b: 9, flux_aper90: { s: limits(3e-15, 3e-16, 5e-16), m: limits(1e-15, 2e-16, 2e-16), h: MISSING } });

  it('averages each band over the detections that have it', () => {
    const s = averageObservations([d1, d2]).sources[0]!;
    const [a, b] = [band(d1, 's'), band(d2, 's')];
    const w = [1 / a.sigma ** 2, 1 / b.sigma ** 2];
    expect(rel(s.Fs, (w[0]! * a.mean + w[1]! * b.mean) / (w[0]! + w[1]!))).toBeLessThan(1e-13);
    expect(rel(s.Fh, band(d1, 'h').mean)).toBeLessThan(1e-15);
    expect(rel(s.e_Fh, band(d1, 'h').sigma)).toBeLessThan(1e-15);
    expect(s.n_obs).toBe(2);
  });

  it('leaves it out of the variability statistics, its Kuiper probability and significance too', () => {
    const s = averageObservations([d1, d2]).sources[0]!;
    expect(s.dof).toBe(0);
    expect(s.chisqr).toBeNaN();
    expect(s.P_inter).toBeNaN();
    expect(s.P_intra).toBe(0.3);
    expect(s.significance_max).toBe(2);
  });

  it('treats a band as missing when any of mode, lower or upper limit is missing', () => {
    const partial = detection({ name: 'Q', flux_aper90: { s: { mode: 1e-15, lo: Number.NaN, hi: 2e-15 }, m: limits(2e-15, 4e-16, 4e-16), h: limits(3e-15, 1e-15, 2e-15) } });
    const s = averageObservations([partial]).sources[0]!;
    expect(s.flux_flag).toBe(FLUX_FLAG_BITS.s);
    expect(s.Fs).toBe(NULL_MEAN);
    expect(s.dof).toBe(-1);
  });
});

describe('averageObservations: null bands and flux_flag', () => {
  it('gives a never-detected band the null flux (mode 0, upper limit 1e-17) and sets its bit', () => {
    const d = detection({ name: 'N', flux_aper90: { s: MISSING, m: limits(2e-15, 4e-16, 4e-16), h: MISSING } });
    const s = averageObservations([d]).sources[0]!;
    expect(s.flux_flag).toBe(1 + 4);
    expect(s.Fs).toBe(NULL_MEAN);
    expect(rel(s.e_Fs, NULL_SIGMA)).toBeLessThan(1e-15);
    expect(s.Fh).toBe(NULL_MEAN);
    expect(rel(s.Fb, NULL_MEAN * 2 + band(d, 'm').mean)).toBeLessThan(1e-15);
    expect(rel(s.e_Fb, Math.hypot(NULL_SIGMA, NULL_SIGMA, band(d, 'm').sigma))).toBeLessThan(1e-15);
    // no detection has all three bands
    expect(s.dof).toBe(-1);
    expect(s.P_intra).toBeNaN();
    expect(s.significance_max).toBeNaN();
  });

  it('is not null when a band is detected in any observation', () => {
    const a = detection({ name: 'N', obsid: 1, flux_aper90: { s: MISSING, m: limits(2e-15, 4e-16, 4e-16), h: MISSING } });
    const b = detection({ name: 'N', obsid: 2, flux_aper90: { s: limits(1e-15, 1e-16, 1e-16), m: MISSING, h: MISSING } });
    const s = averageObservations([a, b]).sources[0]!;
    expect(s.flux_flag).toBe(FLUX_FLAG_BITS.h);
    expect(s.Fs).toBe(band(b, 's').mean);
  });
});

describe('averageObservations: dropped sources and the summary', () => {
  const ok = detection({ name: 'kept' });
  const far = detection({ name: 'far', theta: 12 });
  const hrc = detection({ name: 'far', instrument: 'HRC' });
  const nothing = detection({ name: 'empty', flux_aper90: { s: MISSING, m: MISSING, h: MISSING } });
  const later = detection({ name: 'later' });
  const { sources, summary } = averageObservations([far, ok, nothing, hrc, later]);

  it('outputs sources in order of first appearance', () => {
    expect(sources.map((s) => s.name)).toEqual(['kept', 'later']);
  });

  it('drops a source whose every detection was filtered out, and one whose every band is null, naming them', () => {
    expect(summary.dropped).toEqual([
      { name: 'far', reason: 'all-detections-filtered' },
      { name: 'empty', reason: 'all-bands-null' },
    ]);
    expect(summary).toMatchObject({ detectionsIn: 5, detectionsUsed: 3, sourcesIn: 4, sourcesOut: 2 });
    expect(summary.rejected).toEqual({ hrc: 1, 'off-axis': 1, saturated: 0, 'pile-up': 0, streak: 0, confused: 0, duplicate: 0 });
  });

  it('handles no input', () => {
    const r = averageObservations([]);
    expect(r.sources).toEqual([]);
    expect(r.summary.sourcesIn).toBe(0);
  });
});

describe('averageObservations: purity and bad input', () => {
  it('does not modify its input', () => {
    const ds = deepFreeze([detection({ name: 'A', obsid: 1 }), detection({ name: 'A', obsid: 2 }), detection({ name: 'B', flux_aper90: { s: MISSING, m: MISSING, h: limits(1, 0.5, 0.5) } })]);
    const before = JSON.stringify(ds);
    averageObservations(ds);
    expect(JSON.stringify(ds)).toBe(before);
  });

  it('names the input, row and column of flux limits that are not a valid split normal', () => {
    const bad = detection({ name: 'J2', obsid: 8941, region_id: 67, obi: 1, row: 12, flux_aper90: { s: limits(1e-15, 3e-16, 5e-16), m: { mode: 1e-15, lo: 2e-15, hi: 3e-15 }, h: limits(3e-15, 1e-15, 2e-15) } });
    expect(() => averageObservations([bad], { sourceName: 'per.csv' })).toThrow(InvalidValueError);
    expect(() => averageObservations([bad], { sourceName: 'per.csv' })).toThrow(
      'averageObservations: detection of J2 (obsid 8941, region 67, obi 1): lower limit 2e-15 is above the mode 1e-15 (in per.csv, row 12, column "flux_aper90_m")',
    );
    const negative = detection({ flux_aper90: { s: { mode: 0, lo: -1e-16, hi: 1e-15 }, m: MISSING, h: MISSING } });
    expect(() => averageObservations([negative])).toThrow(/lower limit -1e-16 is negative \(row 1, column "flux_aper90_s"\)/);
    const below = detection({ flux_aper90: { s: MISSING, m: MISSING, h: { mode: 2, lo: 1, hi: 1.5 } } });
    expect(() => averageObservations([below])).toThrow(/upper limit 1.5 is below the mode 2/);
  });

  it('does not check a detection that the filters drop', () => {
    const badButFar = detection({ theta: 20, flux_aper90: { s: { mode: 1, lo: 2, hi: 3 }, m: MISSING, h: MISSING } });
    expect(averageObservations([badButFar, detection()]).sources).toHaveLength(1);
  });

  it('rejects zero-width limits in a band averaged over several detections', () => {
    const a = detection({ name: 'Z', obsid: 1, flux_aper90: { s: limits(1e-15, 0, 0), m: MISSING, h: MISSING } });
    const b = detection({ name: 'Z', obsid: 2, flux_aper90: { s: limits(2e-15, 1e-16, 1e-16), m: MISSING, h: MISSING } });
    expect(() => averageObservations([a, b])).toThrow(/zero-width flux limits .*\(row 1, column "flux_aper90_s"\)/);
    // alone it is its own mean with sigma 0
    expect(averageObservations([a]).sources[0]!.e_Fs).toBe(0);
  });

  it('rejects NaN filter thresholds', () => {
    expect(() => averageObservations([detection()], { maxTheta: Number.NaN })).toThrow(/maxTheta is NaN/);
  });
});
