import { describe, expect, it } from 'vitest';

import { KNearestNeighbors } from '../../src/ml/k-nearest-neighbors';
import { kNearest } from '../../src/ml/neighbors';
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
