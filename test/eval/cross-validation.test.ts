import { describe, expect, it } from 'vitest';

import { InvalidArgumentError, InvalidValueError, ShapeMismatchError } from '../../src/core/errors';
import { toFeatureMatrix, type FeatureMatrix, type MatrixLike } from '../../src/core/matrix';
import { createRng } from '../../src/core/random';
import { crossValidate, type CrossValidationProgress } from '../../src/eval/cross-validate';
import { leaveOneOut, stratifiedKFold, type Fold } from '../../src/eval/folds';
import type { Classifier } from '../../src/ml/classifier';

/**
 * A tiny deterministic classifier for these tests: nearest centroid, probabilities ∝ exp(−distance²).
 * `featureImportances`: the spread of the class centroids along each feature, normalised to sum to 1.
 */
class NearestCentroid implements Classifier {
  classes: string[] = [];
  centroids: number[][] = [];
  featureImportances: Float64Array = new Float64Array(0);
  fitCalls: { n: number; seed: string | undefined }[] = [];

  constructor(private readonly seed?: string) {}

  fit(X: MatrixLike, y: readonly string[]): this {
    const m = toFeatureMatrix(X);
    this.classes = [...new Set(y)].sort();
    this.centroids = this.classes.map((c) => {
      const sum = new Array<number>(m.nCols).fill(0);
      let count = 0;
      y.forEach((label, i) => {
        if (label !== c) return;
        count++;
        for (let j = 0; j < m.nCols; j++) sum[j]! += m.data[i * m.nCols + j]!;
      });
      return sum.map((s) => s / count);
    });
    const spread = Array.from({ length: m.nCols }, (_, j) => {
      const values = this.centroids.map((c) => c[j]!);
      return Math.max(...values) - Math.min(...values);
    });
    const total = spread.reduce((a, b) => a + b, 0);
    this.featureImportances = Float64Array.from(spread, (s) => (total === 0 ? 1 / m.nCols : s / total));
    this.fitCalls.push({ n: m.nRows, seed: this.seed });
    return this;
  }

  predictProba(X: MatrixLike): FeatureMatrix {
    const m = toFeatureMatrix(X);
    const k = this.classes.length;
    const out = { data: new Float64Array(m.nRows * k), nRows: m.nRows, nCols: k };
    for (let i = 0; i < m.nRows; i++) {
      let sum = 0;
      for (let c = 0; c < k; c++) {
        let d2 = 0;
        for (let j = 0; j < m.nCols; j++) d2 += (m.data[i * m.nCols + j]! - this.centroids[c]![j]!) ** 2;
        out.data[i * k + c] = Math.exp(-d2);
        sum += out.data[i * k + c]!;
      }
      for (let c = 0; c < k; c++) out.data[i * k + c]! /= sum;
    }
    return out;
  }
}

/** Three well-separated 2-D blobs (A near (0,0), B near (3,0), C near (0,3)) with uneven class sizes. */
function blobs(): { X: number[][]; y: string[] } {
  const rng = createRng('blobs');
  const centres: Record<string, [number, number]> = { A: [0, 0], B: [3, 0], C: [0, 3] };
  const sizes: Record<string, number> = { A: 12, B: 7, C: 5 };
  const X: number[][] = [];
  const y: string[] = [];
  for (const c of ['A', 'B', 'C']) {
    for (let i = 0; i < sizes[c]!; i++) {
      X.push([centres[c]![0] + 0.3 * (rng() - 0.5), centres[c]![1] + 0.3 * (rng() - 0.5)]);
      y.push(c);
    }
  }
  // interleave so that the classes are not in blocks
  const order = X.map((_, i) => i).sort((a, b) => ((a * 7) % 24) - ((b * 7) % 24));
  return { X: order.map((i) => X[i]!), y: order.map((i) => y[i]!) };
}

function testSetsPartition(folds: Fold[], n: number): void {
  const seen = new Int32Array(n);
  for (const f of folds) {
    for (const i of f.test) seen[i]!++;
    const inTest = new Set(f.test);
    for (const i of f.train) expect(inTest.has(i)).toBe(false);
    expect(f.train.length + f.test.length).toBe(n);
    expect(Array.from(f.test)).toEqual([...f.test].sort((a, b) => a - b));
    expect(Array.from(f.train)).toEqual([...f.train].sort((a, b) => a - b));
  }
  expect(Array.from(seen).every((s) => s === 1)).toBe(true);
}

describe('stratifiedKFold', () => {
  const labels = [...Array(23).fill('AGN'), ...Array(10).fill('YSO'), ...Array(4).fill('CV')] as string[];

  it('partitions the rows into k test sets with per-class counts and sizes differing by at most one', () => {
    const folds = stratifiedKFold(labels, 5, 1);
    expect(folds.length).toBe(5);
    expect(folds.every((f) => f.test instanceof Int32Array && f.train instanceof Int32Array)).toBe(true);
    testSetsPartition(folds, labels.length);
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const c of ['AGN', 'YSO', 'CV']) {
      const perFold = folds.map((f) => Array.from(f.test).filter((i) => labels[i] === c).length);
      expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
      expect(perFold.reduce((a, b) => a + b, 0)).toBe(labels.filter((l) => l === c).length);
    }
  });

  it('is reproducible per seed and differs between seeds', () => {
    expect(stratifiedKFold(labels, 5, 7)).toEqual(stratifiedKFold(labels, 5, 7));
    expect(stratifiedKFold(labels, 5, 'seven')).toEqual(stratifiedKFold(labels, 5, 'seven'));
    expect(stratifiedKFold(labels, 5, 7)).not.toEqual(stratifiedKFold(labels, 5, 8));
  });

  it('works with k = n (every test set of size one)', () => {
    const folds = stratifiedKFold(['a', 'b', 'a'], 3, 0);
    testSetsPartition(folds, 3);
    expect(folds.every((f) => f.test.length === 1)).toBe(true);
  });

  it('rejects k outside [2, n]', () => {
    expect(() => stratifiedKFold(['a', 'b'], 1, 0)).toThrow(InvalidArgumentError);
    expect(() => stratifiedKFold(['a', 'b'], 3, 0)).toThrow(/2 ≤ k ≤ 2/);
    expect(() => stratifiedKFold(['a', 'b'], 1.5, 0)).toThrow(InvalidArgumentError);
  });

  it('does not mutate the labels', () => {
    const copy = [...labels];
    stratifiedKFold(copy, 3, 0);
    expect(copy).toEqual(labels);
  });
});

describe('leaveOneOut', () => {
  it('tests each row once and trains on all the others', () => {
    const folds = leaveOneOut(4);
    expect(folds.length).toBe(4);
    testSetsPartition(folds, 4);
    expect(folds[2]).toEqual({ train: Int32Array.of(0, 1, 3), test: Int32Array.of(2) });
  });

  it('rejects n < 2', () => {
    expect(() => leaveOneOut(1)).toThrow(InvalidArgumentError);
    expect(() => leaveOneOut(2.5)).toThrow(InvalidArgumentError);
  });
});

describe('crossValidate', () => {
  const { X, y } = blobs();
  const models: NearestCentroid[] = [];
  const fit = (Xtrain: FeatureMatrix, ytrain: readonly string[], seed: string) => {
    const model = new NearestCentroid(seed).fit(Xtrain, ytrain);
    models.push(model);
    return model;
  };

  it('returns out-of-fold probabilities, predictions and per-fold importances', () => {
    models.length = 0;
    const folds = stratifiedKFold(y, 4, 1);
    const cv = crossValidate({ X, y, folds, fit, seed: 3 });
    expect(cv.classes).toEqual(['A', 'B', 'C']);
    expect(cv.proba.nRows).toBe(24);
    expect(cv.proba.nCols).toBe(3);
    expect(cv.predictions).toEqual(y); // well-separated blobs
    for (let i = 0; i < 24; i++) {
      const row = cv.proba.data.subarray(i * 3, i * 3 + 3);
      expect(row[0]! + row[1]! + row[2]!).toBeCloseTo(1, 14);
      expect(cv.foldOf[i]).toBe(folds.findIndex((f) => f.test.includes(i)));
    }
    // each fold trained on its training rows only, with the fold's derived seed
    expect(models.map((m) => m.fitCalls[0])).toEqual(folds.map((f, i) => ({ n: f.train.length, seed: `3/fold/${i}` })));
    expect(cv.importances?.length).toBe(4);
    expect(cv.importances![0]).toEqual(models[0]!.featureImportances);
  });

  it('row i comes from the model of the fold that tested it (an independent recomputation)', () => {
    models.length = 0;
    const folds = stratifiedKFold(y, 3, 2);
    const cv = crossValidate({ X, y, folds, fit });
    folds.forEach((fold, f) => {
      const p = models[f]!.predictProba(fold.test.length === 0 ? [] : Array.from(fold.test, (i) => X[i]!));
      fold.test.forEach((i, r) => {
        for (let c = 0; c < 3; c++) expect(cv.proba.data[i * 3 + c]).toBe(p.data[r * 3 + c]);
      });
    });
  });

  it('applies resample to the training part of each fold only, with a derived seed', () => {
    const calls: { n: number; seed: string }[] = [];
    const folds = leaveOneOut(y.length);
    const cv = crossValidate({
      X,
      y,
      folds,
      fit: (Xt, yt) => new NearestCentroid().fit(Xt, yt),
      resample: (Xt, yt, seed) => {
        calls.push({ n: Xt.nRows, seed });
        // duplicate every training row
        const data = new Float64Array(Xt.data.length * 2);
        data.set(Xt.data);
        data.set(Xt.data, Xt.data.length);
        return { X: { data, nRows: Xt.nRows * 2, nCols: Xt.nCols }, y: [...yt, ...yt] };
      },
      seed: 'r',
    });
    expect(calls.length).toBe(y.length);
    expect(calls[5]).toEqual({ n: y.length - 1, seed: 'r/fold/5/resample' });
    expect(cv.predictions).toEqual(y);
  });

  it('gives probability 0 to a class absent from a fold’s training part', () => {
    // leave-one-out on a class with a single member: its fold never saw it
    const X1 = [[0], [0.1], [5], [5.1], [10]];
    const y1 = ['A', 'A', 'B', 'B', 'C'];
    const cv = crossValidate({ X: X1, y: y1, folds: leaveOneOut(5), fit: (Xt, yt) => new NearestCentroid().fit(Xt, yt) });
    expect(cv.proba.data[4 * 3 + 2]).toBe(0);
    expect(cv.predictions[4]).toBe('B');
    expect(cv.predictions.slice(0, 4)).toEqual(['A', 'A', 'B', 'B']);
  });

  it('is reproducible and never mutates its inputs', () => {
    const Xcopy = X.map((r) => [...r]);
    const ycopy = [...y];
    const folds = stratifiedKFold(y, 4, 9);
    const a = crossValidate({ X: Xcopy, y: ycopy, folds, fit: (Xt, yt) => new NearestCentroid().fit(Xt, yt) });
    const b = crossValidate({ X: Xcopy, y: ycopy, folds, fit: (Xt, yt) => new NearestCentroid().fit(Xt, yt) });
    expect(a).toEqual(b);
    expect(Xcopy).toEqual(X);
    expect(ycopy).toEqual(y);
    const m = toFeatureMatrix(X);
    const before = Float64Array.from(m.data);
    crossValidate({ X: m, y, folds, fit: (Xt, yt) => new NearestCentroid().fit(Xt, yt) });
    expect(m.data).toEqual(before);
  });

  it('reports progress after every fold', () => {
    const seen: CrossValidationProgress[] = [];
    crossValidate({ X, y, folds: stratifiedKFold(y, 3, 1), fit: (Xt, yt) => new NearestCentroid().fit(Xt, yt), onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => [p.done, p.total, p.fold])).toEqual([[1, 3, 0], [2, 3, 1], [3, 3, 2]]);
    expect(seen.every((p) => p.elapsedMs >= 0 && p.etaMs >= 0)).toBe(true);
    expect(seen[2]!.etaMs).toBe(0);
  });

  it('omits importances when the classifier has none', () => {
    const plain = (Xt: FeatureMatrix, yt: readonly string[]): Classifier => {
      const m = new NearestCentroid().fit(Xt, yt);
      return { classes: m.classes, fit: () => plain(Xt, yt) as never, predictProba: (Xp) => m.predictProba(Xp) };
    };
    const cv = crossValidate({ X, y, folds: stratifiedKFold(y, 3, 1), fit: plain });
    expect(cv.importances).toBeUndefined();
    expect('importances' in cv).toBe(false);
  });

  it('accepts featureImportances as a method', () => {
    const cv = crossValidate({
      X,
      y,
      folds: stratifiedKFold(y, 2, 1),
      fit: (Xt, yt) => {
        const m = new NearestCentroid().fit(Xt, yt);
        return Object.assign(Object.create(null) as object, {
          classes: m.classes,
          fit: () => m,
          predictProba: (Xp: MatrixLike) => m.predictProba(Xp),
          featureImportances: () => [0.25, 0.75],
        }) as Classifier;
      },
    });
    expect(cv.importances).toEqual([Float64Array.of(0.25, 0.75), Float64Array.of(0.25, 0.75)]);
  });

  it('rejects folds that leak, overlap, miss samples or point outside', () => {
    const fitNc = (Xt: FeatureMatrix, yt: readonly string[]) => new NearestCentroid().fit(Xt, yt);
    const X3 = [[0], [1], [2], [3]];
    const y3 = ['a', 'a', 'b', 'b'];
    const f = (train: number[], test: number[]): Fold => ({ train: Int32Array.from(train), test: Int32Array.from(test) });
    expect(() => crossValidate({ X: X3, y: y3, folds: [], fit: fitNc })).toThrow(InvalidArgumentError);
    expect(() => crossValidate({ X: X3, y: y3, folds: [f([0, 1, 2], [2, 3]), f([2, 3], [0, 1])], fit: fitNc })).toThrow(/sample 2 is in both the training and the test set of fold 0/);
    expect(() => crossValidate({ X: X3, y: y3, folds: [f([0, 1], [2, 3]), f([2, 3], [0, 1, 2])], fit: fitNc })).toThrow(/sample 2 is in the test sets of folds 0 and 1/);
    expect(() => crossValidate({ X: X3, y: y3, folds: [f([0, 1], [2, 3])], fit: fitNc })).toThrow(/sample 0 is in no fold's test set/);
    expect(() => crossValidate({ X: X3, y: y3, folds: [f([0, 1, 7], [2, 3])], fit: fitNc })).toThrow(/index 7 is outside/);
    expect(() => crossValidate({ X: X3, y: y3, folds: [f([], [0, 1, 2, 3])], fit: fitNc })).toThrow(/empty training set/);
  });

  it('rejects mismatched shapes, unknown labels and misbehaving classifiers', () => {
    const folds = leaveOneOut(4);
    const X3 = [[0], [1], [2], [3]];
    const y3 = ['a', 'a', 'b', 'b'];
    const fitNc = (Xt: FeatureMatrix, yt: readonly string[]) => new NearestCentroid().fit(Xt, yt);
    expect(() => crossValidate({ X: X3, y: ['a'], folds, fit: fitNc })).toThrow(ShapeMismatchError);
    expect(() => crossValidate({ X: X3, y: y3, folds, fit: fitNc, classes: ['a'] })).toThrow(/label "b".*in y, row 2/);
    const liar = (): Classifier => ({ classes: ['a', 'z'], fit: liar as never, predictProba: () => toFeatureMatrix([[0.5, 0.5]]) });
    expect(() => crossValidate({ X: X3, y: y3, folds, fit: liar })).toThrow(/knows class "z"/);
    const wrongShape = (): Classifier => ({ classes: ['a', 'b'], fit: wrongShape as never, predictProba: () => toFeatureMatrix([[1, 0], [1, 0]]) });
    expect(() => crossValidate({ X: X3, y: y3, folds, fit: wrongShape })).toThrow(ShapeMismatchError);
    const nan = (): Classifier => ({ classes: ['a', 'b'], fit: nan as never, predictProba: () => toFeatureMatrix([[Number.NaN, 1]]) });
    expect(() => crossValidate({ X: X3, y: y3, folds, fit: nan })).toThrow(InvalidValueError);
    const badResample = () => ({ X: [[1]], y: ['a', 'b'] });
    expect(() => crossValidate({ X: X3, y: y3, folds, fit: fitNc, resample: badResample })).toThrow(/resample of fold 0 returned 1 rows but 2 labels/);
  });
});
