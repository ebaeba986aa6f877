import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../src/core/errors';
import { createRng } from '../../src/core/random';
import { broadbandFlux, FechnerFlux, fluxLimitsProblem } from '../../src/xray/fechner';
import { fechner } from '../helpers/csc';

/** Split-normal density with widths s1 below and s2 above the mode (Possolo et al. 2019). */
function density(x: number, mode: number, s1: number, s2: number): number {
  const s = x < mode ? s1 : s2;
  return (Math.sqrt(2 / Math.PI) / (s1 + s2)) * Math.exp(-((x - mode) ** 2) / (2 * s * s));
}

describe('FechnerFlux moments (eq. 1a, 1b)', () => {
  it('symmetric limits give mean = mode and sigma = half-width', () => {
    const f = new FechnerFlux(5, 3, 7);
    expect(f.mean).toBe(5);
    expect(f.sigma).toBeCloseTo(2, 15);
    expect(f.variance).toBeCloseTo(4, 14);
  });

  it("equals the brief's form mode + sqrt(2/π)(hi + lo − 2 mode), (1 − 2/π)(hi + lo − 2 mode)² + (hi − mode)(mode − lo)", () => {
    const rng = createRng('fechner-forms');
    for (let i = 0; i < 200; i++) {
      const lo = rng() * 1e-15;
      const mode = lo + rng() * 1e-15;
      const hi = mode + rng() * 3e-15;
      const f = new FechnerFlux(mode, lo, hi);
      const brief = fechner(mode, lo, hi);
      expect(f.mean).toBeCloseTo(brief.mean, 28);
      expect(Math.abs(f.sigma - brief.sigma) / brief.sigma).toBeLessThan(1e-13);
    }
  });

  it('agrees with the moments of the split-normal density integrated numerically', () => {
    const [mode, s1, s2] = [2, 0.5, 1.7];
    const f = new FechnerFlux(mode, mode - s1, mode + s2);
    const a = mode - 12 * s1;
    const b = mode + 12 * s2;
    const steps = 200_000;
    const dx = (b - a) / steps;
    let m0 = 0;
    let m1 = 0;
    let m2 = 0;
    for (let i = 0; i <= steps; i++) {
      const x = a + i * dx;
      const w = (i === 0 || i === steps ? 0.5 : 1) * density(x, mode, s1, s2) * dx;
      m0 += w;
      m1 += w * x;
      m2 += w * x * x;
    }
    expect(m0).toBeCloseTo(1, 9);
    expect(f.mean).toBeCloseTo(m1, 8);
    expect(f.variance).toBeCloseTo(m2 - m1 * m1, 7);
  });

  it('reproduces a band of the authors’ table (NGC3532_ave.csv, 2CXO J110507.4-585105, hard band)', () => {
    const f = new FechnerFlux(6.638e-16, 2.697e-16, 1.058e-15);
    expect(f.mean).toBeCloseTo(6.638797884560804e-16, 30);
    expect(Math.abs(f.sigma / 3.941500014382878e-16 - 1)).toBeLessThan(1e-15);
  });

  it('accepts zero-width limits as a point mass', () => {
    const f = new FechnerFlux(3, 3, 3);
    expect(f.mean).toBe(3);
    expect(f.sigma).toBe(0);
    expect(f.draw(createRng(1))).toBe(3);
  });

  it('builds from a FluxLimits record', () => {
    const f = FechnerFlux.from({ mode: 2, lo: 1, hi: 4 });
    expect(f.mean).toBeCloseTo(2 + Math.sqrt(2 / Math.PI), 15);
    expect([f.mode, f.lo, f.hi]).toEqual([2, 1, 4]);
  });
});

describe('FechnerFlux.nullFlux (mode 0, upper limit 1e-17)', () => {
  it('has mean sqrt(2/π)·1e-17 and sigma sqrt(1 − 2/π)·1e-17, as in the authors’ table', () => {
    const f = FechnerFlux.nullFlux();
    expect([f.mode, f.lo, f.hi]).toEqual([0, 0, 1e-17]);
    expect(FechnerFlux.NULL_UPPER_LIMIT).toBe(1e-17);
    // NGC3532_ave.csv, 2CXO J110507.4-585105 (no soft detection): 7.978845608028655e-18, 6.028102749890869e-18
    expect(f.mean).toBe(7.978845608028655e-18);
    expect(Math.abs(f.sigma / 6.028102749890869e-18 - 1)).toBeLessThan(1e-15);
  });
});

describe('FechnerFlux validation', () => {
  it.each([
    [[1, 2, 3], 'lower limit 2 is above the mode 1'],
    [[2, 1, 1.5], 'upper limit 1.5 is below the mode 2'],
    [[0, -1, 1], 'lower limit -1 is negative'],
    [[-2, -3, -1], 'lower limit -3 is negative'],
    [[Number.NaN, 1, 2], 'mode is missing (NaN)'],
    [[1, Number.NaN, 2], 'lower limit is missing (NaN)'],
    [[1, 0, Number.NaN], 'upper limit is missing (NaN)'],
    [[1, 0, Number.POSITIVE_INFINITY], 'upper limit is not finite (Infinity)'],
  ])('rejects (mode, lo, hi) = %j: %s', (args, message) => {
    const [mode, lo, hi] = args as [number, number, number];
    expect(fluxLimitsProblem(mode, lo, hi)).toBe(message);
    expect(() => new FechnerFlux(mode, lo, hi)).toThrow(InvalidArgumentError);
    expect(() => new FechnerFlux(mode, lo, hi)).toThrow(`FechnerFlux: ${message}`);
  });

  it('rejects a negative upper limit', () => {
    expect(fluxLimitsProblem(0, 0, -1)).toBe('upper limit -1 is negative');
  });

  it('accepts valid limits', () => {
    expect(fluxLimitsProblem(0, 0, 1e-17)).toBeUndefined();
  });
});

describe('FechnerFlux sampling', () => {
  const f = new FechnerFlux(2, 1.5, 4); // sigma1 = 0.5, sigma2 = 2

  it('gives the same draws for the same seed, and continues a passed generator', () => {
    expect(f.sample(50, 7)).toEqual(f.sample(50, 7));
    expect(f.sample(50, 7)).not.toEqual(f.sample(50, 8));
    const rng = createRng(7);
    const first = f.sample(25, rng);
    const second = f.sample(25, rng);
    const both = f.sample(50, 7);
    expect([...first, ...second]).toEqual([...both]);
  });

  it('has the split-normal mean, variance and mass below the mode', () => {
    const n = 200_000;
    const x = f.sample(n, 'moments');
    let sum = 0;
    let below = 0;
    for (const v of x) {
      sum += v;
      if (v < f.mode) below++;
    }
    const mean = sum / n;
    let ss = 0;
    for (const v of x) ss += (v - mean) ** 2;
    const variance = ss / (n - 1);
    // 5 standard errors
    expect(Math.abs(mean - f.mean)).toBeLessThan((5 * f.sigma) / Math.sqrt(n));
    expect(Math.abs(variance / f.variance - 1)).toBeLessThan(0.02);
    // P(x < mode) = sigma1 / (sigma1 + sigma2) = 0.2
    expect(Math.abs(below / n - 0.2)).toBeLessThan(5 * Math.sqrt((0.2 * 0.8) / n));
  });

  it('rejects a bad size', () => {
    expect(() => f.sample(-1, 1)).toThrow(/size must be a non-negative integer, got -1/);
    expect(() => f.sample(1.5, 1)).toThrow(InvalidArgumentError);
    expect(f.sample(0, 1)).toHaveLength(0);
  });
});

describe('broadbandFlux (eq. 2a, 2b)', () => {
  it('sums the means and adds the sigmas in quadrature', () => {
    const b = broadbandFlux({ mean: 1, sigma: 0.3 }, { mean: 2, sigma: 0.4 }, { mean: 3, sigma: 1.2 });
    expect(b.mean).toBe(6);
    expect(b.sigma).toBeCloseTo(1.3, 15);
  });

  it('accepts FechnerFlux bands and propagates a missing band as NaN', () => {
    const b = broadbandFlux(new FechnerFlux(1, 0.5, 1.5), new FechnerFlux(2, 1, 3));
    expect(b.mean).toBe(3);
    expect(b.sigma).toBeCloseTo(Math.sqrt(0.25 + 1), 15);
    expect(broadbandFlux({ mean: Number.NaN, sigma: 1 }, { mean: 1, sigma: 1 }).mean).toBeNaN();
  });

  it('needs at least one band', () => {
    expect(() => broadbandFlux()).toThrow('broadbandFlux requires at least one band');
  });
});
