import { describe, expect, it } from 'vitest';

import { DecisionTree } from '../../src/ml/decision-tree';
import { impurityDecrease } from '../../src/ml/criterion';
import { InvalidArgumentError, NotFittedError } from '../../src/core/errors';
import { linearData } from './helpers';

/** Brute force: the largest Gini decrease over every feature and every midpoint of distinct values. */
function bestDecrease(X: number[][], y: string[], criterion: 'gini' | 'entropy' = 'gini'): number {
  const classes = [...new Set(y)].sort();
  let best = -Infinity;
  for (let j = 0; j < X[0]!.length; j++) {
    const values = [...new Set(X.map((r) => r[j]!))].sort((a, b) => a - b);
    for (let k = 0; k + 1 < values.length; k++) {
      const t = (values[k]! + values[k + 1]!) / 2;
      const left = classes.map((c) => X.filter((r, i) => r[j]! <= t && y[i] === c).length);
      const right = classes.map((c) => X.filter((r, i) => r[j]! > t && y[i] === c).length);
      best = Math.max(best, impurityDecrease(left, right, criterion));
    }
  }
  return best;
}

function countsAt(X: number[][], y: string[], j: number, t: number, side: 'left' | 'right'): number[] {
  const classes = [...new Set(y)].sort();
  return classes.map((c) => X.filter((r, i) => (side === 'left' ? r[j]! <= t : r[j]! > t) && y[i] === c).length);
}

describe('DecisionTree: hand-checkable splits', () => {
  it('splits at the midpoint of the separating values (x0 <= 3.5: Gini decrease 3 beats 1.5 on x1)', () => {
    const X = [[1, 5], [2, 3], [3, 6], [4, 1], [5, 2], [6, 4]];
    const y = ['a', 'a', 'a', 'b', 'b', 'b'];
    const model = new DecisionTree().fit(X, y);
    const { tree } = model;
    expect(tree.nodeCount).toBe(1);
    expect(tree.feature[0]).toBe(0);
    expect(tree.threshold[0]).toBe(3.5);
    expect(Array.from(tree.value)).toEqual([3, 0, 0, 3]);
    expect(Array.from(model.featureImportances)).toEqual([1, 0]);
  });

  it('finds the known best Gini split on one feature (decrease 16/15 at 2.5), then splits ties at the first boundary', () => {
    const X = [[1], [2], [3], [4], [5]];
    const y = ['a', 'a', 'b', 'a', 'b'];
    // candidates: 1.5 → 0.4, 2.5 → 16/15, 3.5 → 1/15, 4.5 → 0.9
    expect(impurityDecrease([2, 0], [1, 2])).toBeCloseTo(16 / 15, 14);
    const stump = new DecisionTree({ maxDepth: 1 }).fit(X, y);
    expect(stump.tree.threshold[0]).toBe(2.5);
    expect(Array.from(stump.predictProba([[4]]).data)).toEqual([1 / 3, 2 / 3]);
    const full = new DecisionTree().fit(X, y);
    expect(Array.from(full.tree.threshold)).toEqual([2.5, 3.5, 4.5]);
    expect(full.predict(X)).toEqual(y);
  });

  it('chooses the split with the largest impurity decrease (brute force, random data)', () => {
    for (const seed of ['s1', 's2', 's3', 's4']) {
      const { X, y } = linearData(40, 3, seed);
      const stump = new DecisionTree({ maxDepth: 1 }).fit(X, y);
      const j = stump.tree.feature[0]!;
      const t = stump.tree.threshold[0]!;
      const got = impurityDecrease(countsAt(X, y, j, t, 'left'), countsAt(X, y, j, t, 'right'));
      expect(got).toBeCloseTo(bestDecrease(X, y), 12);
    }
  });

  it('finds the same best split through the class histogram (few distinct values) as by sorting, for both criteria', () => {
    for (const seed of ['h1', 'h2', 'h3']) {
      const { X, y } = linearData(120, 3, seed);
      const coarse = X.map((r) => r.map((v) => Math.round(v * 2) / 2)); // ≤ ~12 values per feature: histogram path
      for (const data of [X, coarse]) {
        const stump = new DecisionTree({ maxDepth: 1 }).fit(data, y);
        const j = stump.tree.feature[0]!;
        const t = stump.tree.threshold[0]!;
        expect(impurityDecrease(countsAt(data, y, j, t, 'left'), countsAt(data, y, j, t, 'right'))).toBeCloseTo(bestDecrease(data, y), 12);
        const ent = new DecisionTree({ maxDepth: 1, criterion: 'entropy' }).fit(data, y);
        const je = ent.tree.feature[0]!;
        const te = ent.tree.threshold[0]!;
        expect(impurityDecrease(countsAt(data, y, je, te, 'left'), countsAt(data, y, je, te, 'right'), 'entropy')).toBeCloseTo(bestDecrease(data, y, 'entropy'), 12);
      }
    }
  });

  it('solves XOR with a depth-2 tree (the root split has zero gain; as in scikit-learn it is still made)', () => {
    const X = [[0, 0], [0, 1], [1, 0], [1, 1], [0, 0], [0, 1], [1, 0], [1, 1]];
    const y = ['a', 'b', 'b', 'a', 'a', 'b', 'b', 'a'];
    const model = new DecisionTree({ maxDepth: 2 }).fit(X, y);
    expect(model.tree.depth).toBe(2);
    expect(model.predict(X)).toEqual(y);
    expect(model.predict([[0.05, 0.95], [0.95, 0.95]])).toEqual(['b', 'a']);
  });

  it('grows pure leaves on training data when fully grown', () => {
    const { X, y } = linearData(200, 4, 'pure');
    const model = new DecisionTree().fit(X, y);
    const { value, nClasses } = model.tree;
    for (let l = 0; l < model.tree.leafCount; l++) {
      const nonzero = Array.from(value.subarray(l * nClasses, (l + 1) * nClasses)).filter((v) => v > 0);
      expect(nonzero.length).toBe(1);
    }
    expect(model.predict(X)).toEqual(y);
  });

  it('respects maxDepth, minSamplesLeaf and minSamplesSplit', () => {
    const { X, y } = linearData(200, 4, 'limits');
    expect(new DecisionTree({ maxDepth: 3 }).fit(X, y).tree.depth).toBeLessThanOrEqual(3);
    const leafy = new DecisionTree({ minSamplesLeaf: 10 }).fit(X, y).tree;
    for (let l = 0; l < leafy.leafCount; l++) {
      expect(leafy.value[2 * l]! + leafy.value[2 * l + 1]!).toBeGreaterThanOrEqual(10);
    }
    const split = new DecisionTree({ minSamplesSplit: 50 }).fit(X, y).tree;
    expect(split.nodeCount).toBeLessThan(new DecisionTree().fit(X, y).tree.nodeCount);
  });

  it('leaves identical rows with different labels in one mixed leaf', () => {
    const model = new DecisionTree().fit([[1], [1], [1], [2]], ['a', 'b', 'b', 'a']);
    expect(Array.from(model.predictProba([[1]]).data)).toEqual([1 / 3, 2 / 3]);
  });

  it('with the entropy criterion picks the same perfect split', () => {
    const model = new DecisionTree({ criterion: 'entropy' }).fit([[1, 5], [2, 3], [3, 6], [4, 1], [5, 2], [6, 4]], ['a', 'a', 'a', 'b', 'b', 'b']);
    expect(model.tree.threshold[0]).toBe(3.5);
  });

  it('random splitter draws thresholds inside the node range', () => {
    const { X, y } = linearData(100, 2, 'rnd');
    const model = new DecisionTree({ splitter: 'random', seed: 4 }).fit(X, y);
    const column = X.map((r) => r[model.tree.feature[0]!]!);
    expect(model.tree.threshold[0]).toBeGreaterThanOrEqual(Math.min(...column));
    expect(model.tree.threshold[0]).toBeLessThan(Math.max(...column));
    expect(model.predict(X)).toEqual(y);
  });

  it('round-trips through JSON', () => {
    const { X, y } = linearData(100, 3, 'json');
    const model = new DecisionTree().fit(X, y);
    const copy = DecisionTree.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(copy.toJSON()).toEqual(model.toJSON());
    expect(copy.predictProba(X)).toEqual(model.predictProba(X));
  });

  it('throws clear errors', () => {
    expect(() => new DecisionTree().predict([[1]])).toThrow(NotFittedError);
    expect(() => new DecisionTree({ splitter: 'worst' as never })).toThrow(InvalidArgumentError);
    expect(() => new DecisionTree({ maxFeatures: 3 }).fit([[1], [2]], ['a', 'b'])).toThrow(/only 1 features/);
    expect(() => DecisionTree.fromJSON({} as never)).toThrow(InvalidArgumentError);
  });
});
