/**
 * Cross-check of the tree builder against an independent CART implementation, ml-cart (mljs), on the same
 * data: the exhaustive Gini search must pick the same root split, and fully grown trees must agree on almost
 * every unseen point (they may differ only where two splits tie in Gini decrease).
 */
import { DecisionTreeClassifier } from 'ml-cart';
import { describe, expect, it } from 'vitest';

import { createRng, randomNormal } from '../../src/core/random';
import { DecisionTree } from '../../src/ml/decision-tree';

/** Three Gaussian blobs in 4-D, labels '0', '1', '2'. */
function blobs(n: number, seed: string): { X: number[][]; y: string[] } {
  const rng = createRng(seed);
  const centres = [[0, 0, 0, 0], [2, 1, 0, 1], [0, 2, 2, 0]];
  const X: number[][] = [];
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    X.push(centres[c]!.map((m) => m + randomNormal(rng)));
    y.push(String(c));
  }
  return { X, y };
}

describe('DecisionTree against ml-cart (independent CART, Gini)', () => {
  const train = blobs(300, 'train');
  const test = blobs(300, 'test');
  const ours = new DecisionTree({ maxFeatures: 'all', seed: 1 }).fit(train.X, train.y);
  const cart = new DecisionTreeClassifier({ gainFunction: 'gini', maxDepth: 1000, minNumSamples: 1, gainThreshold: 0 });
  cart.train(train.X, train.y.map(Number));

  it('picks the same root split (feature and midpoint threshold)', () => {
    const root = (cart.toJSON() as { root: { splitColumn: number; splitValue: number } }).root;
    expect(ours.tree.feature[0]).toBe(root.splitColumn);
    expect(ours.tree.threshold[0]).toBeCloseTo(root.splitValue, 12);
  });

  it('agrees on at least 95% of unseen points when both are fully grown', () => {
    const a = ours.predict(test.X);
    const b = (cart.predict(test.X) as number[]).map(String);
    const agree = a.filter((c, i) => c === b[i]).length / a.length;
    expect(agree).toBeGreaterThanOrEqual(0.95);
  });
});
