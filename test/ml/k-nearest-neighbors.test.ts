import { describe, expect, it } from 'vitest';

import { KNearestNeighbors } from '../../src/ml/k-nearest-neighbors';
import { kNearest, kNearestWithin } from '../../src/ml/neighbors';
import { createRng } from '../../src/core/random';
import { InvalidArgumentError, NotFittedError } from '../../src/core/errors';

describe('kNearest', () => {
  it('returns the k nearest by squared Euclidean distance, ties in candidate order, skipping `exclude`', () => {
    const data = Float64Array.of(0, 1, 5, 2, -1);
    const idx = new Int32Array(3);
    const d2 = new Float64Array(3);
    expect(kNearest(data, 1, [0, 1, 2, 3, 4], data, 0, 3, 0, idx, d2)).toBe(3);
    expect(Array.from(idx)).toEqual([1, 4, 3]); // 1 and 4 tie at distance 1: candidate order
    expect(Array.from(d2)).toEqual([1, 1, 4]);
    expect(kNearest(data, 1, [2, 0], data, 0, 3, 0, idx, d2)).toBe(1);
    expect(() => kNearest(data, 1, [0], data, 0, 0, -1, idx, d2)).toThrow(InvalidArgumentError);
  });
});

describe('kNearestWithin', () => {
  const S = -9_999_999;
  it('equals kNearest for every member (independent brute force), ties and missing patterns included', () => {
    let cases = 0;
    for (let seed = 0; seed < 150; seed++) {
      const rng = createRng(seed);
      const p = 1 + Math.floor(rng() * 6);
      const rows = 6 + Math.floor(rng() * 60);
      const missing = rng() * 0.5;
      // integer grid values: many exact ties; a missing fraction: many patterns, some groups of one row
      const data = Float64Array.from({ length: rows * p }, () => (rng() < missing ? S : Math.floor(rng() * 4)));
      const members = Array.from({ length: rows }, (_, i) => i).filter(() => rng() < 0.8);
      if (members.length < 2) continue;
      const k = 1 + Math.floor(rng() * Math.min(6, members.length - 1));
      const got = kNearestWithin(data, p, members, k, S);
      const idx = new Int32Array(k);
      const d2 = new Float64Array(k);
      members.forEach((row, t) => {
        kNearest(data, p, members, data, row, k, row, idx, d2);
        expect(Array.from(got.subarray(t * k, (t + 1) * k), (u) => members[u])).toEqual(Array.from(idx));
      });
      cases++;
    }
    expect(cases).toBeGreaterThan(140);
  });

  it('searches other missing patterns only when a group is too small (the k-th neighbour of a lone row)', () => {
    const data = Float64Array.of(0, 1, 1, 1, 5, S, 6, S, 7, 7);
    // row 4 is alone in its pattern: its neighbour is the nearest complete row, row 1
    expect(Array.from(kNearestWithin(data, 2, [0, 1, 2, 3, 4], 1, S))).toEqual([1, 0, 3, 2, 1]);
    expect(() => kNearestWithin(data, 2, [0, 1], 2, S)).toThrow(InvalidArgumentError);
  });
});

describe('KNearestNeighbors', () => {
  const X = [[0], [1], [2], [10], [11], [12]];
  const y = ['a', 'a', 'a', 'b', 'b', 'b'];

  it('gives the class fractions among the k nearest (hand-checked)', () => {
    const knn = new KNearestNeighbors({ k: 3 }).fit(X, y);
    expect(Array.from(knn.predictProba([[3]]).data)).toEqual([1, 0]);
    expect(Array.from(knn.predictProba([[6.9]]).data)).toEqual([1 / 3, 2 / 3]); // 10, 11 and 2
    expect(knn.predict([[9], [-5]])).toEqual(['b', 'a']);
  });

  it('standardises features by default, so a feature\'s unit does not matter', () => {
    const Xs = [[0, 0], [0, 1000], [1, 0], [1, 1000], [0.1, 0], [0.9, 1000]];
    const ys = ['p', 'q', 'p', 'q', 'p', 'q'];
    const scaled = new KNearestNeighbors({ k: 1 }).fit(Xs, ys);
    const raw = new KNearestNeighbors({ k: 1, standardize: false }).fit(Xs, ys);
    // query near [1, 0] in x0 but half-way in x1 units: standardised, x1 decides
    expect(scaled.predict([[0.05, 900]])).toEqual(['q']);
    expect(raw.predict([[0.95, 400]])).toEqual(['p']);
  });

  it('round-trips through JSON and rejects bad input', () => {
    const knn = new KNearestNeighbors().fit([...X, [3], [13]], [...y, 'a', 'b']);
    const copy = KNearestNeighbors.fromJSON(JSON.parse(JSON.stringify(knn)));
    expect(copy.predictProba([[4], [8]])).toEqual(knn.predictProba([[4], [8]]));
    expect(() => new KNearestNeighbors({ k: 0 })).toThrow(InvalidArgumentError);
    expect(() => new KNearestNeighbors({ k: 7 }).fit(X, y)).toThrow(/at least 7 samples/);
    expect(() => new KNearestNeighbors().predict(X)).toThrow(NotFittedError);
  });
});
