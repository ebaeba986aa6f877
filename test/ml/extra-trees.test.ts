import { describe, expect, it } from 'vitest';

import { ExtraTrees } from '../../src/ml/extra-trees';
import { blobs } from './helpers';

describe('ExtraTrees', () => {
  const train = blobs(100, 4, 'et', 1.2);
  const test = blobs(100, 4, 'et-test', 1.2);

  it('classifies separable blobs, with probabilities summing to 1', () => {
    const model = new ExtraTrees({ nEstimators: 30, seed: 1 }).fit(train.X, train.y);
    const pred = model.predict(test.X);
    expect(pred.filter((p, i) => p === test.y[i]).length / test.y.length).toBeGreaterThan(0.9);
    const proba = model.predictProba(test.X);
    for (let i = 0; i < proba.nRows; i++) expect(proba.data[3 * i]! + proba.data[3 * i + 1]! + proba.data[3 * i + 2]!).toBeCloseTo(1, 14);
  });

  it('grows every tree on the whole training set (no bootstrap by default), to pure leaves', () => {
    const model = new ExtraTrees({ nEstimators: 5, seed: 2 }).fit(train.X, train.y);
    for (const tree of model.trees) {
      let total = 0;
      for (let l = 0; l < tree.leafCount; l++) {
        const v = Array.from(tree.value.subarray(3 * l, 3 * l + 3));
        expect(v.filter((x) => x > 0).length).toBe(1);
        total += v.reduce((a, b) => a + b, 0);
      }
      expect(total).toBe(300);
    }
  });

  it('draws thresholds at random: not the midpoints a RandomForest would use', () => {
    const model = new ExtraTrees({ nEstimators: 1, seed: 3 }).fit(train.X, train.y);
    const tree = model.trees[0]!;
    const column = train.X.map((r) => r[tree.feature[0]!]!).sort((a, b) => a - b);
    const midpoints = new Set(column.slice(1).map((v, i) => column[i]! / 2 + v / 2));
    expect(midpoints.has(tree.threshold[0]!)).toBe(false);
  });

  it('is deterministic per seed and round-trips through JSON', () => {
    const a = new ExtraTrees({ nEstimators: 5, seed: 4 }).fit(train.X, train.y);
    const b = new ExtraTrees({ nEstimators: 5, seed: 4 }).fit(train.X, train.y);
    expect(b.toJSON()).toEqual(a.toJSON());
    const copy = ExtraTrees.fromJSON(JSON.parse(JSON.stringify(a)));
    expect(copy.predictProba(test.X)).toEqual(a.predictProba(test.X));
    expect(copy.toJSON().type).toBe('ExtraTrees');
  });
});
