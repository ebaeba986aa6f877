import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../src/core/errors';
import { chiSquareCdf } from '../../src/xray/chi-square';
import { logGamma, regularizedLowerGamma } from '../../src/xray/incomplete-gamma';
import fixture from '../fixtures/chi-square/gammainc.json';

// Fixture: SciPy (Cephes) values written by test/fixtures/chi-square/generate.py.

function relativeError(got: number, want: number): number {
  return want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
}

describe('logGamma', () => {
  it('matches ln((n − 1)!) and ln Γ(1/2) = ln sqrt(π)', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expect(relativeError(logGamma(n), Math.log(factorial)) < 1e-14 || Math.abs(logGamma(n) - Math.log(factorial)) < 1e-14).toBe(true);
      factorial *= n;
    }
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
  });

  it('matches SciPy gammaln', () => {
    for (const { x, lngamma } of fixture.gammaln) {
      expect(Math.abs(logGamma(x) - lngamma)).toBeLessThan(1e-13 * Math.max(1, Math.abs(lngamma)));
    }
  });

  it('rejects non-positive arguments and NaN', () => {
    expect(() => logGamma(0)).toThrow(InvalidArgumentError);
    expect(() => logGamma(-1.5)).toThrow('logGamma requires a positive argument, got -1.5');
    expect(() => logGamma(Number.NaN)).toThrow(InvalidArgumentError);
  });
});

describe('regularizedLowerGamma P(a, x)', () => {
  it('matches SciPy gammainc over a in [0.05, 1000], x in [1e-3 a, 5a], to about 1e-15 · a relative', () => {
    for (const { a, x, p } of fixture.gammainc) {
      expect(relativeError(regularizedLowerGamma(a, x), p)).toBeLessThan(2e-15 * Math.max(10, a));
    }
  });

  it('P(1, x) = 1 − e^−x', () => {
    for (const x of [1e-8, 0.01, 0.5, 1, 2, 7.5, 30]) {
      expect(relativeError(regularizedLowerGamma(1, x), -Math.expm1(-x))).toBeLessThan(1e-14);
    }
  });

  it('P(n, x) = 1 − e^−x Σ_{k<n} x^k/k! for integer n', () => {
    for (const n of [2, 3, 5, 8]) {
      for (const x of [0.5, 3, n, n + 1.5, 12]) {
        let term = 1;
        let sum = 0;
        for (let k = 0; k < n; k++) {
          sum += term;
          term *= x / (k + 1);
        }
        // absolute: the closed form itself loses relative accuracy to cancellation when P is small
        expect(Math.abs(regularizedLowerGamma(n, x) - (1 - Math.exp(-x) * sum))).toBeLessThan(2e-15);
      }
    }
  });

  it('P(1/2, x) = erf(sqrt x) at tabulated erf values', () => {
    // erf(0.5), erf(1), erf(2) (Abramowitz & Stegun Table 7.1)
    expect(regularizedLowerGamma(0.5, 0.25)).toBeCloseTo(0.5204998778130465, 14);
    expect(regularizedLowerGamma(0.5, 1)).toBeCloseTo(0.8427007929497149, 14);
    expect(regularizedLowerGamma(0.5, 4)).toBeCloseTo(0.9953222650189527, 14);
  });

  it('is increasing in x and stays in [0, 1]', () => {
    for (const a of [0.3, 2, 40]) {
      let previous = 0;
      for (let x = 0; x <= 4 * a + 10; x += a / 7) {
        const p = regularizedLowerGamma(a, x);
        expect(p).toBeGreaterThanOrEqual(previous);
        expect(p).toBeLessThanOrEqual(1);
        previous = p;
      }
    }
  });

  it('handles the edges: x = 0, x = Infinity, x = NaN', () => {
    expect(regularizedLowerGamma(2, 0)).toBe(0);
    expect(regularizedLowerGamma(2, Number.POSITIVE_INFINITY)).toBe(1);
    expect(regularizedLowerGamma(2, Number.NaN)).toBeNaN();
  });

  it('rejects a ≤ 0, a = NaN or Infinity, and x < 0', () => {
    expect(() => regularizedLowerGamma(0, 1)).toThrow('regularizedLowerGamma requires a finite positive shape a, got 0');
    expect(() => regularizedLowerGamma(Number.NaN, 1)).toThrow(InvalidArgumentError);
    expect(() => regularizedLowerGamma(Number.POSITIVE_INFINITY, 1)).toThrow(InvalidArgumentError);
    expect(() => regularizedLowerGamma(1, -0.1)).toThrow('regularizedLowerGamma requires x >= 0, got -0.1');
  });
});

describe('chiSquareCdf', () => {
  it('gives 0.95 and 0.99 at the tabulated critical values (Abramowitz & Stegun Table 26.8)', () => {
    const table: [number, number, number][] = [
      // dof, 95% point, 99% point
      [1, 3.841458820694124, 6.6348966010212145],
      [2, 5.991464547107979, 9.21034037197618],
      [3, 7.814727903251179, 11.344866730144373],
      [5, 11.070497693516351, 15.08627246938899],
      [10, 18.307038053275146, 23.209251158954356],
      [30, 43.77297182574219, 50.89218131151707],
      [100, 124.34211340400407, 135.80672317102676],
    ];
    for (const [dof, p95, p99] of table) {
      expect(chiSquareCdf(p95, dof)).toBeCloseTo(0.95, 13);
      expect(chiSquareCdf(p99, dof)).toBeCloseTo(0.99, 13);
    }
  });

  it('matches SciPy chi2.cdf', () => {
    for (const { x, dof, cdf } of fixture.chi2cdf) {
      expect(relativeError(chiSquareCdf(x, dof), cdf)).toBeLessThan(1e-12);
    }
  });

  it('has the closed form 1 − e^(−x/2) for two degrees of freedom', () => {
    for (const x of [0.1, 1, 2, 9]) expect(chiSquareCdf(x, 2)).toBeCloseTo(-Math.expm1(-x / 2), 15);
  });

  it('handles the edges: x ≤ 0 gives 0, Infinity gives 1, NaN gives NaN', () => {
    expect(chiSquareCdf(0, 3)).toBe(0);
    expect(chiSquareCdf(-1, 3)).toBe(0);
    expect(chiSquareCdf(Number.POSITIVE_INFINITY, 3)).toBe(1);
    expect(chiSquareCdf(Number.NaN, 3)).toBeNaN();
  });

  it('rejects degrees of freedom that are not finite and positive', () => {
    expect(() => chiSquareCdf(1, 0)).toThrow('chiSquareCdf requires finite positive degrees of freedom, got 0');
    expect(() => chiSquareCdf(1, -1)).toThrow(InvalidArgumentError);
    expect(() => chiSquareCdf(1, Number.NaN)).toThrow(InvalidArgumentError);
  });
});
