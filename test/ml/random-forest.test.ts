import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';

import { RandomForest } from '../../src/ml/random-forest';
import { resolveMaxFeatures } from '../../src/ml/tree-options';
import { toFeatureMatrix } from '../../src/core/matrix';
import { InvalidArgumentError, InvalidValueError, NotFittedError, ShapeMismatchError } from '../../src/core/errors';
import { blobs, linearData } from './helpers';

const { X, y } = linearData(300, 5, 'forest');
const small = { nEstimators: 20 };

function accuracy(pred: string[], truth: string[]): number {
  return pred.filter((p, i) => p === truth[i]).length / truth.length;
}

describe('RandomForest: probabilities and predictions', () => {
  const forest = new RandomForest({ ...small, seed: 1 }).fit(X, y);

  it('returns sorted classes and rows of probabilities that sum to 1', () => {
    expect(forest.classes).toEqual(['neg', 'pos']);
    const proba = forest.predictProba(X);
    expect(proba.nRows).toBe(300);
    expect(proba.nCols).toBe(2);
    for (let i = 0; i < proba.nRows; i++) {
      const a = proba.data[2 * i]!;
      const b = proba.data[2 * i + 1]!;
      expect(a).toBeGreaterThanOrEqual(0);
      expect(b).toBeGreaterThanOrEqual(0);
      expect(a + b).toBeCloseTo(1, 14);
    }
  });

  it('is the mean over trees of the leaf class fractions', () => {
    const row = [X[7]!];
    const mean = [0, 0];
    for (const tree of forest.trees) {
      const leaf = tree.apply(X[7]!, 0);
      mean[0]! += tree.proba[2 * leaf]! / forest.trees.length;
      mean[1]! += tree.proba[2 * leaf + 1]! / forest.trees.length;
    }
    const p = forest.predictProba(row).data;
    expect(p[0]).toBeCloseTo(mean[0]!, 14);
    expect(p[1]).toBeCloseTo(mean[1]!, 14);
  });

  it('predicts the most probable class and generalises on a linear boundary', () => {
    const proba = forest.predictProba(X);
    const pred = forest.predict(X);
    pred.forEach((label, i) => expect(label).toBe(proba.data[2 * i]! > proba.data[2 * i + 1]! ? 'neg' : 'pos'));
    const test = linearData(300, 5, 'forest-test');
    expect(accuracy(forest.predict(test.X), test.y)).toBeGreaterThan(0.85);
  });

  it('grows each tree on a bootstrap sample, fully, with pure leaves', () => {
    for (const tree of forest.trees) {
      let total = 0;
      for (let l = 0; l < tree.leafCount; l++) {
        const a = tree.value[2 * l]!;
        const b = tree.value[2 * l + 1]!;
        expect(a === 0 || b === 0).toBe(true); // pure
        expect(Number.isInteger(a) && Number.isInteger(b)).toBe(true); // bootstrap multiplicities
        total += a + b;
      }
      expect(total).toBe(300); // n draws with replacement
    }
  });

  it('draws a fresh feature subset at every split (Breiman), not one per tree', () => {
    const stumps = new RandomForest({ nEstimators: 5, maxFeatures: 1, seed: 2 }).fit(X, y);
    for (const tree of stumps.trees) expect(new Set(tree.feature).size).toBeGreaterThan(1);
  });
});

describe('RandomForest: determinism and serialisation', () => {
  it('gives identical forests for the same seed, different ones for another', () => {
    const a = new RandomForest({ ...small, seed: 'run-1' }).fit(X, y).toJSON();
    const b = new RandomForest({ ...small, seed: 'run-1' }).fit(X, y).toJSON();
    const c = new RandomForest({ ...small, seed: 'run-2' }).fit(X, y).toJSON();
    expect(b).toEqual(a);
    expect(c.trees).not.toEqual(a.trees);
  });

  it('does not depend on how it is called: input shape, or the number of trees grown after tree t', () => {
    const fromArrays = new RandomForest({ ...small, seed: 5 }).fit(X, y).toJSON();
    const fromMatrix = new RandomForest({ ...small, seed: 5 }).fit(toFeatureMatrix(X), y).toJSON();
    const fromMl = new RandomForest({ ...small, seed: 5 }).fit(new Matrix(X), y).toJSON();
    expect(fromMatrix).toEqual(fromArrays);
    expect(fromMl).toEqual(fromArrays);
    const more = new RandomForest({ nEstimators: 30, seed: 5 }).fit(X, y).toJSON();
    expect(more.trees.slice(0, 20)).toEqual(fromArrays.trees);
  });

  it('round-trips through JSON text exactly (identical predictions)', () => {
    const forest = new RandomForest({ ...small, seed: 3, oobScore: true }).fit(X, y);
    const text = JSON.stringify(forest);
    const copy = RandomForest.fromJSON(JSON.parse(text));
    expect(JSON.stringify(copy)).toBe(text);
    const test = linearData(50, 5, 'json-test').X;
    expect(copy.predictProba(test)).toEqual(forest.predictProba(test));
    expect(copy.featureImportances).toEqual(forest.featureImportances);
    expect(copy.oobScore).toBe(forest.oobScore);
  });

  it('does not mutate its inputs', () => {
    const Xcopy = structuredClone(X);
    const ycopy = [...y];
    const m = toFeatureMatrix(X);
    const data = m.data.slice();
    const forest = new RandomForest({ nEstimators: 3 }).fit(m, y);
    forest.fit(X, y).predictProba(X);
    forest.predict(m);
    expect(X).toEqual(Xcopy);
    expect(y).toEqual(ycopy);
    expect(m.data).toEqual(data);
    forest.featureImportances.fill(0);
    expect(forest.featureImportances.some((v) => v > 0)).toBe(true);
  });
});

describe('RandomForest: feature importances and out-of-bag score', () => {
  it('importances sum to 1 and rank the informative features above pure noise', () => {
    const forest = new RandomForest({ nEstimators: 30, seed: 4 }).fit(X, y);
    const imp = forest.featureImportances;
    expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    const noise = Math.max(imp[2]!, imp[3]!, imp[4]!);
    expect(imp[0]).toBeGreaterThan(noise);
    expect(imp[1]).toBeGreaterThan(noise);
    expect(imp[0]).toBeGreaterThan(imp[1]!); // x0 carries twice the weight of x1
  });

  it('computes an out-of-bag accuracy close to the held-out accuracy', () => {
    const forest = new RandomForest({ nEstimators: 40, seed: 6, oobScore: true }).fit(X, y);
    const test = linearData(400, 5, 'oob-test');
    const held = accuracy(forest.predict(test.X), test.y);
    expect(forest.oobScore).not.toBeNull();
    expect(Math.abs(forest.oobScore! - held)).toBeLessThan(0.06);
    expect(new RandomForest({ nEstimators: 2 }).fit(X, y).oobScore).toBeNull();
  });
});

describe('RandomForest: options', () => {
  it('resolves maxFeatures as scikit-learn', () => {
    expect(resolveMaxFeatures('sqrt', 29)).toBe(5);
    expect(resolveMaxFeatures('log2', 29)).toBe(4);
    expect(resolveMaxFeatures('all', 29)).toBe(29);
    expect(resolveMaxFeatures(0.5, 29)).toBe(14);
    expect(resolveMaxFeatures(0.01, 29)).toBe(1);
    expect(resolveMaxFeatures(7, 29)).toBe(7);
  });

  it('with maxBins at least the number of distinct values, grows exactly the trees of exact search', () => {
    const Xr = X.map((r) => r.map((v) => Math.round(v * 4) / 4)); // ≤ ~30 distinct values per feature
    const exact = new RandomForest({ ...small, seed: 8 }).fit(Xr, y).toJSON();
    const binned = new RandomForest({ ...small, seed: 8, maxBins: 64 }).fit(Xr, y).toJSON();
    expect(binned.trees).toEqual(exact.trees);
  });

  it('with few bins stays close to exact accuracy', () => {
    const train = blobs(150, 4, 'bins', 1.5);
    const test = blobs(150, 4, 'bins-test', 1.5);
    const exact = accuracy(new RandomForest({ nEstimators: 30, seed: 9 }).fit(train.X, train.y).predict(test.X), test.y);
    const binned = accuracy(new RandomForest({ nEstimators: 30, seed: 9, maxBins: 16 }).fit(train.X, train.y).predict(test.X), test.y);
    expect(Math.abs(binned - exact)).toBeLessThan(0.03);
  });

  it('supports entropy, maxDepth and minSamplesLeaf', () => {
    const forest = new RandomForest({ nEstimators: 5, criterion: 'entropy', maxDepth: 3, minSamplesLeaf: 5, seed: 1 }).fit(X, y);
    for (const tree of forest.trees) expect(tree.depth).toBeLessThanOrEqual(3);
    expect(accuracy(forest.predict(X), y)).toBeGreaterThan(0.8);
  });

  it('rejects invalid options', () => {
    expect(() => new RandomForest({ nEstimators: 0 })).toThrow(InvalidArgumentError);
    expect(() => new RandomForest({ maxFeatures: 0 })).toThrow(/maxFeatures/);
    expect(() => new RandomForest({ maxFeatures: 1.5 })).toThrow(/maxFeatures/);
    expect(() => new RandomForest({ maxDepth: 0 })).toThrow(/maxDepth/);
    expect(() => new RandomForest({ minSamplesSplit: 1 })).toThrow(/minSamplesSplit/);
    expect(() => new RandomForest({ minSamplesLeaf: 0 })).toThrow(/minSamplesLeaf/);
    expect(() => new RandomForest({ maxBins: 1 })).toThrow(/maxBins/);
    expect(() => new RandomForest({ criterion: 'mse' as never })).toThrow(/criterion/);
    expect(() => new RandomForest({ bootstrap: false, oobScore: true })).toThrow(/bootstrap/);
    expect(() => new RandomForest({ seed: NaN })).toThrow(/seed/);
  });
});

describe('RandomForest: input errors', () => {
  const forest = new RandomForest({ nEstimators: 2 });

  it('rejects NaN in X, asking for the -100 flag and naming row and column', () => {
    const bad = X.map((r) => [...r]);
    bad[4]![2] = NaN;
    expect(() => forest.fit(bad, y)).toThrow(InvalidValueError);
    expect(() => forest.fit(bad, y)).toThrow(/-100.*row 4, column 2/);
  });

  it('rejects mismatched lengths, a single class and empty input', () => {
    expect(() => forest.fit(X, y.slice(1))).toThrow(ShapeMismatchError);
    expect(() => forest.fit(X, y.map(() => 'AGN'))).toThrow(/at least two classes.*"AGN"/);
    expect(() => forest.fit([], [])).toThrow(InvalidArgumentError);
    expect(() => forest.fit(X, y.map((v, i) => (i === 3 ? '' : v)))).toThrow(/row 3/);
  });

  it('rejects predicting before fit, or with another number of features', () => {
    expect(() => new RandomForest().predictProba(X)).toThrow(NotFittedError);
    expect(() => new RandomForest().classes).toThrow(NotFittedError);
    const fitted = new RandomForest({ nEstimators: 2 }).fit(X, y);
    expect(() => fitted.predictProba([[1, 2]])).toThrow(ShapeMismatchError);
    expect(() => fitted.predictProba([[1, 2, 3, 4, Infinity]])).toThrow(InvalidValueError);
    expect(fitted.predictProba([]).nRows).toBe(0);
  });

  it('rejects foreign JSON', () => {
    const json = new RandomForest({ nEstimators: 2 }).fit(X, y).toJSON();
    expect(() => RandomForest.fromJSON({ ...json, type: 'ExtraTrees' })).toThrow(InvalidArgumentError);
    expect(() => RandomForest.fromJSON({ ...json, trees: [] })).toThrow(InvalidArgumentError);
  });
});
