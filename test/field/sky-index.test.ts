import { describe, expect, it } from 'vitest';

import { SkyIndex } from '../../src/field/sky-index';
import { angularSeparation } from '../../src/field/angular-separation';
import { createRng } from '../../src/core/random';
import { InvalidArgumentError, InvalidValueError } from '../../src/core/errors';

function randomSky(n: number, seed: number): { ra: number[]; dec: number[] } {
  const rng = createRng(seed);
  const ra: number[] = [];
  const dec: number[] = [];
  for (let i = 0; i < n; i++) {
    ra.push(360 * rng());
    dec.push((Math.asin(2 * rng() - 1) * 180) / Math.PI);
  }
  return { ra, dec };
}

describe('SkyIndex (3-D kd-tree on unit vectors)', () => {
  it('finds exactly the brute-force cone members, all over the sky', () => {
    const { ra, dec } = randomSky(5000, 1);
    const index = new SkyIndex(ra, dec);
    const q = randomSky(200, 2);
    for (let k = 0; k < q.ra.length; k++) {
      const r = 3; // deg
      const expected = ra.map((_, i) => i).filter((i) => angularSeparation(q.ra[k]!, q.dec[k]!, ra[i]!, dec[i]!) <= r);
      expect(Array.from(index.within(q.ra[k]!, q.dec[k]!, r)).sort((a, b) => a - b)).toEqual(expected);
      expect(index.countWithin(q.ra[k]!, q.dec[k]!, r)).toBe(expected.length);
    }
  });

  it('returns the nearest within the radius, and -1 when none', () => {
    const { ra, dec } = randomSky(3000, 3);
    const index = new SkyIndex(ra, dec);
    const q = randomSky(100, 4);
    for (let k = 0; k < q.ra.length; k++) {
      let best = -1;
      let bestSep = Infinity;
      for (let i = 0; i < ra.length; i++) {
        const s = angularSeparation(q.ra[k]!, q.dec[k]!, ra[i]!, dec[i]!);
        if (s < bestSep) {
          bestSep = s;
          best = i;
        }
      }
      expect(index.nearest(q.ra[k]!, q.dec[k]!, 10)).toBe(bestSep <= 10 ? best : -1);
      expect(index.nearest(q.ra[k]!, q.dec[k]!, bestSep * 0.999)).toBe(-1);
    }
  });

  it('is seamless across RA = 0/360 and over the poles', () => {
    const index = new SkyIndex([359.9999, 0.0001, 180, 0], [0, 0, 89.9999, -89.9999]);
    expect(Array.from(index.within(0, 0, 1 / 3600)).sort()).toEqual([0, 1]);
    expect(index.nearest(0.00005, 0, 1 / 3600)).toBe(1);
    expect(index.nearest(0, 90, 1 / 3600)).toBe(2); // 0.36" from the pole, on the opposite meridian
    expect(index.countWithin(90, -90, 0.5 / 3600)).toBe(1);
  });

  it('resolves sub-arcsecond neighbours and includes the boundary', () => {
    const ra = [150, 150, 150];
    const dec = [2, 2 + 0.1 / 3600, 2 + 0.2 / 3600];
    const index = new SkyIndex(ra, dec);
    expect(index.nearest(150, 2 + 0.04 / 3600, 1)).toBe(0);
    expect(index.nearest(150, 2 + 0.06 / 3600, 1)).toBe(1);
    expect(index.countWithin(150, 2, 0.2000001 / 3600)).toBe(3);
    expect(index.countWithin(150, 2, 0.15 / 3600)).toBe(2);
    expect(index.nearestAndCount(150, 2 + 0.16 / 3600, 0.1 / 3600)).toEqual({ nearest: 2, count: 2 });
  });

  it('handles an empty index and does not modify its inputs', () => {
    expect(new SkyIndex([], []).nearest(0, 0, 1)).toBe(-1);
    const ra = new Float64Array([3, 1, 2]);
    const dec = new Float64Array([0, 0, 0]);
    new SkyIndex(ra, dec);
    expect(Array.from(ra)).toEqual([3, 1, 2]);
  });

  it('rejects bad positions and radii with clear errors', () => {
    expect(() => new SkyIndex([1, Number.NaN], [0, 0])).toThrow(InvalidValueError);
    expect(() => new SkyIndex([1, 2], [0, 95])).toThrow(/row 1, column "dec"/);
    expect(() => new SkyIndex([1], [0, 1])).toThrow(InvalidArgumentError);
    expect(() => new SkyIndex([1], [0]).within(0, 0, -1)).toThrow(/non-negative radius/);
  });
});
