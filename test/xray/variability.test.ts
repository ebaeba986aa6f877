import { describe, expect, it } from 'vitest';

import { ShapeMismatchError } from '../../src/core/errors';
import { interObservationVariability, intraObservationVariability } from '../../src/xray/variability';

describe('interObservationVariability (eq. 4a, 4b)', () => {
  it('two observations: χ² = (F₁ − F₂)²/(σ₁² + σ₂²), dof 1, P_inter = erf(sqrt(χ²/2))', () => {
    const r = interObservationVariability([1, 3], [1, 1]);
    expect(r.mean).toBe(2);
    expect(r.chisqr).toBeCloseTo(2, 15);
    expect(r.dof).toBe(1);
    expect(r.P_inter).toBeCloseTo(0.8427007929497149, 14); // erf(1)
    const u = interObservationVariability([1e-15, 4e-15], [1e-15, 2e-15]);
    expect(u.chisqr).toBeCloseTo(9 / 5, 13);
  });

  it('three observations: dof 2, P_inter = 1 − exp(−χ²/2)', () => {
    const x = [2, 5, 3];
    const s = [1, 2, 0.5];
    const w = s.map((v) => 1 / v ** 2);
    const mu = (2 * w[0]! + 5 * w[1]! + 3 * w[2]!) / (w[0]! + w[1]! + w[2]!);
    const chi = x.reduce((acc, xi, i) => acc + ((xi - mu) / s[i]!) ** 2, 0);
    const r = interObservationVariability(x, s);
    expect(r.mean).toBeCloseTo(mu, 14);
    expect(r.chisqr).toBeCloseTo(chi, 13);
    expect(r.dof).toBe(2);
    expect(r.P_inter).toBeCloseTo(-Math.expm1(-chi / 2), 14);
  });

  it('a constant source has χ² = 0 and P_inter = 0', () => {
    const r = interObservationVariability([4, 4, 4, 4], [1, 2, 3, 4]);
    expect(r.chisqr).toBe(0);
    expect(r.P_inter).toBe(0);
    expect(r.dof).toBe(3);
  });

  it('a strongly variable source has P_inter → 1', () => {
    expect(interObservationVariability([1, 100], [1, 1]).P_inter).toBe(1);
  });

  it('needs two observations: one gives dof 0, none gives dof −1, both with χ² and P_inter missing', () => {
    const one = interObservationVariability([3], [1]);
    expect(one).toEqual({ mean: 3, chisqr: Number.NaN, dof: 0, P_inter: Number.NaN });
    const none = interObservationVariability([], []);
    expect(none.dof).toBe(-1);
    expect(none.P_inter).toBeNaN();
  });

  it('skips missing pairs', () => {
    expect(interObservationVariability([1, Number.NaN, 3], [1, 1, 1])).toEqual(interObservationVariability([1, 3], [1, 1]));
  });

  it('rejects mismatched lengths', () => {
    expect(() => interObservationVariability([1, 2], [1])).toThrow(ShapeMismatchError);
  });
});

describe('intraObservationVariability', () => {
  it('is the largest Kuiper probability, skipping missing ones', () => {
    expect(intraObservationVariability([0.2, Number.NaN, 0.93, 0.5])).toBe(0.93);
    expect(intraObservationVariability([Number.NaN, 0.1])).toBe(0.1);
  });

  it('is missing when there is no probability', () => {
    expect(intraObservationVariability([])).toBeNaN();
    expect(intraObservationVariability([Number.NaN])).toBeNaN();
  });
});
