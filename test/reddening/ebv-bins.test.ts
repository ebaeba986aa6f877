import { describe, expect, it } from 'vitest';

import { InvalidArgumentError, InvalidValueError } from '../../src/core/errors';
import { binEbv, type EbvBins } from '../../src/reddening/ebv-bins';

/** Checks the structural invariants every binning must satisfy. */
function checkInvariants(ebv: readonly number[], bins: EbvBins): void {
  const nBins = bins.ebv.length;
  expect(bins.lower).toHaveLength(nBins);
  expect(bins.counts.reduce((a, b) => a + b, 0)).toBe(ebv.length);
  const seen = new Set<number>();
  for (let j = 0; j < nBins; j++) {
    expect(bins.counts[j]).toBeGreaterThan(0);
    expect(bins.members[j]).toHaveLength(bins.counts[j]!);
    if (j > 0) expect(bins.lower[j]!).toBeGreaterThanOrEqual(bins.upper[j - 1]! - 1e-12);
    for (const i of bins.members[j]!) {
      expect(bins.binOf[i]).toBe(j);
      expect(ebv[i]!).toBeGreaterThanOrEqual(bins.lower[j]! - 1e-12);
      expect(ebv[i]!).toBeLessThan(bins.upper[j]!);
      seen.add(i);
    }
  }
  expect(seen.size).toBe(ebv.length);
}

describe('binEbv, fixed 0.025 mag bins (paper Section 3.3)', () => {
  it('groups by 0.025 mag and reddens with the bin mean', () => {
    const ebv = [0.01, 0.02, 0.04, 1.3, 0.0];
    const bins = binEbv(ebv);
    expect(Array.from(bins.binOf)).toEqual([0, 0, 1, 2, 0]);
    expect(bins.ebv[0]).toBeCloseTo(0.01, 15);
    expect(bins.ebv[1]).toBe(0.04);
    expect(bins.ebv[2]).toBe(1.3);
    expect(Array.from(bins.counts)).toEqual([3, 1, 1]);
    expect(bins.lower[1]).toBeCloseTo(0.025, 15);
    expect(bins.upper[1]).toBeCloseTo(0.05, 15);
    checkInvariants(ebv, bins);
  });

  it('puts a value on an edge in the bin that starts there', () => {
    const ebv = [0.025, 0.3, 0.05, 0.0749999];
    const bins = binEbv(ebv, { representative: 'center' });
    expect(Array.from(bins.lower).map((x) => Math.round(x * 1000))).toEqual([25, 50, 300]);
    expect(Array.from(bins.binOf)).toEqual([0, 2, 1, 1]);
    expect(bins.ebv[2]).toBeCloseTo(0.3125, 12);
  });

  it('uses a custom width', () => {
    expect(binEbv([0.05, 0.15, 0.25], { width: 0.1 }).ebv).toHaveLength(3);
    expect(binEbv([0.05, 0.09], { width: 0.1 }).ebv).toHaveLength(1);
  });

  it('handles no sources', () => {
    expect(binEbv([]).ebv).toHaveLength(0);
  });
});

describe('binEbv, adaptive bins', () => {
  it('makes every bin max(0.025, 0.05 x lower edge) wide', () => {
    const ebv = Array.from({ length: 3001 }, (_, i) => (30 * i) / 3000);
    const bins = binEbv(ebv, { method: 'adaptive' });
    for (let j = 0; j < bins.ebv.length; j++) {
      expect(bins.upper[j]! - bins.lower[j]!).toBeCloseTo(Math.max(0.025, 0.05 * bins.lower[j]!), 10);
    }
    checkInvariants(ebv, bins);
  });

  it('needs far fewer bins than fixed bins on a wide catalogue (68/82/104 vs 201/401/1201 up to 5/10/30 mag)', () => {
    for (const [max, adaptive, fixed] of [[5, 68, 201], [10, 82, 401], [30, 104, 1201]] as const) {
      const ebv = Array.from({ length: 100001 }, (_, i) => (max * i) / 100000);
      expect(binEbv(ebv, { method: 'adaptive' }).ebv).toHaveLength(adaptive);
      expect(binEbv(ebv).ebv).toHaveLength(fixed);
    }
  });

  it('equals the fixed binning below 0.5 mag with the defaults', () => {
    const ebv = Array.from({ length: 500 }, (_, i) => i / 1000);
    const a = binEbv(ebv, { method: 'adaptive' });
    const f = binEbv(ebv);
    expect(Array.from(a.binOf)).toEqual(Array.from(f.binOf));
    expect(Array.from(a.ebv)).toEqual(Array.from(f.ebv));
  });

  it('follows the fraction option', () => {
    const bins = binEbv([20], { method: 'adaptive', fraction: 0.1 });
    expect(bins.upper[0]! / bins.lower[0]!).toBeCloseTo(1.1, 12);
  });
});

describe('binEbv errors', () => {
  it('rejects a negative or missing E(B-V), naming its index', () => {
    expect(() => binEbv([0.1, -0.01])).toThrow(InvalidValueError);
    expect(() => binEbv([0.1, -0.01])).toThrow(/row 1/);
    expect(() => binEbv([Number.NaN])).toThrow(/finite and ≥ 0/);
    expect(() => binEbv([Number.POSITIVE_INFINITY])).toThrow(InvalidValueError);
  });

  it('rejects bad options', () => {
    expect(() => binEbv([0.1], { width: 0 })).toThrow(InvalidArgumentError);
    expect(() => binEbv([0.1], { fraction: -1 })).toThrow(/fraction/);
    expect(() => binEbv([0.1], { method: 'log' as 'fixed' })).toThrow(/method/);
    expect(() => binEbv([0.1], { representative: 'median' as 'mean' })).toThrow(/representative/);
  });

  it('does not mutate its input', () => {
    const ebv = [0.3, 0.1];
    binEbv(ebv);
    expect(ebv).toEqual([0.3, 0.1]);
  });
});
