import { describe, expect, it } from 'vitest';

import { InvalidArgumentError, ShapeMismatchError } from '../../src/core/errors';
import { inverseVarianceWeightedMean } from '../../src/xray/weighted-mean';

describe('inverseVarianceWeightedMean (eq. 3a, 3b)', () => {
  it('weights by 1/σ²: [1, 4] ± [1, 2] gives (1 + 4/4)/(1 + 1/4) = 1.6 ± sqrt(1/1.25)', () => {
    const r = inverseVarianceWeightedMean([1, 4], [1, 2]);
    expect(r.mean).toBeCloseTo(1.6, 15);
    expect(r.sigma).toBeCloseTo(Math.sqrt(0.8), 15);
    expect(r.n).toBe(2);
  });

  it('with equal sigmas is the arithmetic mean with sigma/sqrt(n)', () => {
    const r = inverseVarianceWeightedMean([2e-15, 3e-15, 7e-15, 4e-15], [1e-15, 1e-15, 1e-15, 1e-15]);
    expect(r.mean).toBeCloseTo(4e-15, 28);
    expect(r.sigma).toBeCloseTo(5e-16, 28);
  });

  it('returns one observation’s own mean and sigma (zero sigma included)', () => {
    expect(inverseVarianceWeightedMean([3], [0.5])).toEqual({ mean: 3, sigma: 0.5, n: 1 });
    expect(inverseVarianceWeightedMean([3], [0])).toEqual({ mean: 3, sigma: 0, n: 1 });
  });

  it('skips pairs with a missing value or sigma and says how many it used', () => {
    const r = inverseVarianceWeightedMean([1, Number.NaN, 4, 9], [1, 1, 2, Number.NaN]);
    expect(r.n).toBe(2);
    expect(r.mean).toBeCloseTo(1.6, 15);
    expect(inverseVarianceWeightedMean([Number.NaN], [1])).toEqual({ mean: Number.NaN, sigma: Number.NaN, n: 0 });
    expect(inverseVarianceWeightedMean([], []).n).toBe(0);
  });

  it('is the maximum-likelihood constant: the weighted residuals sum to zero', () => {
    const x = [1.3, 2.9, 0.4, 5.5];
    const s = [0.2, 1.1, 0.7, 2.4];
    const { mean } = inverseVarianceWeightedMean(x, s);
    const residual = x.reduce((acc, xi, i) => acc + (xi - mean) / s[i]! ** 2, 0);
    expect(Math.abs(residual)).toBeLessThan(1e-12);
  });

  it('does not modify its inputs', () => {
    const x = new Float64Array([1, 2, 3]);
    const s = new Float64Array([1, 2, 3]);
    inverseVarianceWeightedMean(x, s);
    expect([...x, ...s]).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('rejects mismatched lengths and non-positive sigmas among several', () => {
    expect(() => inverseVarianceWeightedMean([1, 2], [1])).toThrow(ShapeMismatchError);
    expect(() => inverseVarianceWeightedMean([1, 2], [1, 0])).toThrow('inverseVarianceWeightedMean requires positive finite sigmas, got sigma[1] = 0');
    expect(() => inverseVarianceWeightedMean([1, 2], [-1, 1])).toThrow(InvalidArgumentError);
    expect(() => inverseVarianceWeightedMean([1, 2], [Number.POSITIVE_INFINITY, 1])).toThrow(InvalidArgumentError);
  });
});
