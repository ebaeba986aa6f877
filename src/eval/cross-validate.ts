/**
 * Cross-validation of any {@link Classifier} pipeline (paper Section 4): out-of-fold class probabilities and
 * predictions for every sample, with resampling (e.g. SMOTE) applied to each fold's training part only.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError, ShapeMismatchError } from '../core/errors';
import { selectRows, toFeatureMatrix, type FeatureMatrix, type MatrixLike } from '../core/matrix';
import { deriveSeed, type Seed } from '../core/random';
import type { Classifier } from '../ml/classifier';
import type { Fold } from './folds';
import { classIndex, uniqueSorted } from './labels';

/** Progress of {@link crossValidate}, reported after each fold. */
export interface CrossValidationProgress {
  /** Folds done so far. */
  readonly done: number;
  /** Number of folds. */
  readonly total: number;
  /** Index of the fold just finished. */
  readonly fold: number;
  /** Wall-clock milliseconds since the start. */
  readonly elapsedMs: number;
  /** Estimated milliseconds left (elapsed / done × folds left). */
  readonly etaMs: number;
}

/** A training set after resampling (e.g. SMOTE-balanced). */
export interface ResampledSet {
  /** The resampled features (same columns). */
  readonly X: MatrixLike;
  /** The resampled labels. */
  readonly y: readonly string[];
}

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions {
  /** Features, one row per sample (missing values already flagged, as the classifier expects). */
  readonly X: MatrixLike;
  /** The true class of each sample. */
  readonly y: readonly string[];
  /** The splits, e.g. from {@link stratifiedKFold} or {@link leaveOneOut}; their test sets must partition the samples. */
  readonly folds: readonly Fold[];
  /** Trains a classifier on a fold's (resampled) training part; `seed` is the fold's seed, derived from `seed` and the fold index. */
  readonly fit: (X: FeatureMatrix, y: readonly string[], seed: string) => Classifier;
  /**
   * Resamples a fold's training part before `fit` (e.g. SMOTE oversampling), never the test part; `seed` is
   * derived from `seed` and the fold index. Default: none.
   */
  readonly resample?: (X: FeatureMatrix, y: readonly string[], seed: string) => ResampledSet;
  /** Seed from which every fold's seeds are derived (`deriveSeed(seed, 'fold', i)`). Default 0. */
  readonly seed?: Seed;
  /** The columns of the returned probabilities. Default: the sorted distinct labels of `y`. */
  readonly classes?: readonly string[];
  /** Called after every fold. */
  readonly onProgress?: (progress: CrossValidationProgress) => void;
}

/** Out-of-fold results of {@link crossValidate}. */
export interface CrossValidationResult {
  /** The class of each probability column. */
  readonly classes: readonly string[];
  /**
   * Out-of-fold class probabilities, n × K row-major in `classes` order: row i comes from the model that did
   * not see sample i. A class missing from a fold's training part gets probability 0 in that fold.
   */
  readonly proba: FeatureMatrix;
  /** Out-of-fold predicted class of each sample (largest probability; the first class on ties). */
  readonly predictions: string[];
  /** The fold that tested each sample. */
  readonly foldOf: Int32Array;
  /**
   * Each fold's feature importances, when its classifier exposes `featureImportances` (an array of numbers,
   * or a method returning one); `undefined` when any fold's classifier does not.
   */
  readonly importances?: readonly Float64Array[];
}

/** The classifier's feature importances, if it exposes them as a property or a method. */
function importancesOf(model: Classifier, fold: number): Float64Array | undefined {
  const raw = (model as { featureImportances?: unknown }).featureImportances;
  const value: unknown = typeof raw === 'function' ? (raw as () => unknown).call(model) : raw;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || typeof (value as ArrayLike<number>).length !== 'number') {
    throw new InvalidValueError(`crossValidate: featureImportances of fold ${fold}'s classifier is not an array of numbers`);
  }
  return Float64Array.from(value as ArrayLike<number>);
}

/** Checks that the folds are in range, train and test disjoint, and the test sets a partition; returns the fold of each sample. */
function checkFolds(folds: readonly Fold[], n: number): Int32Array {
  if (folds.length === 0) throw new InvalidArgumentError('crossValidate requires at least one fold');
  const foldOf = new Int32Array(n).fill(-1);
  const stamp = new Int32Array(n).fill(-1);
  folds.forEach((fold, f) => {
    for (const [name, rows] of [['test', fold.test], ['train', fold.train]] as const) {
      for (const i of rows) {
        if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new InvalidArgumentError(`crossValidate: fold ${f} ${name} index ${i} is outside [0, ${n - 1}]`);
        if (name === 'test') {
          if (foldOf[i] !== -1) throw new InvalidArgumentError(`crossValidate: sample ${i} is in the test sets of folds ${foldOf[i]} and ${f}`);
          foldOf[i] = f;
          stamp[i] = f;
        } else if (stamp[i] === f) {
          throw new InvalidArgumentError(`crossValidate: sample ${i} is in both the training and the test set of fold ${f}`);
        }
      }
    }
    if (fold.train.length === 0) throw new InvalidArgumentError(`crossValidate: fold ${f} has an empty training set`);
  });
  const untested = foldOf.indexOf(-1);
  if (untested !== -1) throw new InvalidArgumentError(`crossValidate: sample ${untested} is in no fold's test set; the test sets must partition the samples`);
  return foldOf;
}

/**
 * Cross-validates a classification pipeline: for each fold, takes its training rows, resamples them if asked
 * (SMOTE belongs here, inside the fold, so that no synthetic sample leaks information from the test rows),
 * fits a fresh classifier with a seed derived from `seed` and the fold index, and predicts the fold's test
 * rows. Returns the out-of-fold probabilities (columns in `classes` order, a class absent from a fold's model
 * getting 0) and predictions of every sample, and each fold's feature importances when the classifier exposes
 * `featureImportances`. Feed the result to {@link confusionMatrix}, {@link classificationScores},
 * {@link rocCurves} and {@link aggregateImportances}. Never mutates its inputs. Runs in the time of the k fits
 * and predictions, plus O(k n p) to copy the folds.
 *
 * @param options - features, labels, folds, the `fit` (and optional `resample`) functions, seed, classes and
 * a progress callback
 * @returns the out-of-fold probabilities, predictions, fold of each sample, and per-fold importances
 * @throws {ShapeMismatchError} when `X` and `y` differ in length, or a classifier returns probabilities of the
 * wrong shape
 * @throws {InvalidArgumentError} when there are no folds, a fold index is out of range, a sample is in both
 * the training and the test set of a fold, the test sets do not partition the samples, a training set is
 * empty, or `classes` repeats a class
 * @throws {InvalidValueError} when a label is not one of `classes`, a classifier knows a class outside
 * `classes`, returns a non-finite probability, or its `featureImportances` is not an array of numbers
 * @example
 * ```ts
 * import { crossValidate, stratifiedKFold, classificationScores } from 'muwclass/eval';
 * import { RandomForest } from 'muwclass/ml';
 * const X = [[0], [1], [2], [3], [4], [10], [11], [12], [13], [14]];
 * const y = ['a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b'];
 * const cv = crossValidate({
 *   X, y,
 *   folds: stratifiedKFold(y, 5, 1),
 *   fit: (Xtrain, ytrain, seed) => new RandomForest({ seed, nEstimators: 10 }).fit(Xtrain, ytrain),
 *   seed: 1,
 * });
 * cv.predictions;                             // => ['a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b']
 * classificationScores(y, cv.predictions).f1; // => 1
 * ```
 */
export function crossValidate(options: CrossValidateOptions): CrossValidationResult {
  const X = toFeatureMatrix(options.X, 'X');
  const { y, folds, fit, resample } = options;
  if (X.nRows !== y.length) throw new ShapeMismatchError(`crossValidate: X has ${X.nRows} rows but y has ${y.length} labels`);
  const classes = options.classes === undefined ? uniqueSorted(y) : [...options.classes];
  const index = classIndex('crossValidate', classes);
  y.forEach((label, i) => {
    if (!index.has(label)) throw new InvalidValueError(`crossValidate: label ${JSON.stringify(label)} is not one of the classes [${classes.join(', ')}]`, { source: 'y', row: i });
  });
  const n = X.nRows;
  const k = classes.length;
  const foldOf = checkFolds(folds, n);
  const seed = options.seed ?? 0;
  const proba = { data: new Float64Array(n * k), nRows: n, nCols: k };
  const importances: Float64Array[] = [];
  let allHaveImportances = true;
  const start = performance.now();

  folds.forEach((fold, f) => {
    let Xtrain: FeatureMatrix = selectRows(X, fold.train);
    let ytrain: readonly string[] = Array.from(fold.train, (i) => y[i]!);
    if (resample !== undefined) {
      const resampled = resample(Xtrain, ytrain, deriveSeed(seed, 'fold', f, 'resample'));
      Xtrain = toFeatureMatrix(resampled.X, 'resampled X');
      ytrain = resampled.y;
      if (Xtrain.nRows !== ytrain.length) {
        throw new ShapeMismatchError(`crossValidate: resample of fold ${f} returned ${Xtrain.nRows} rows but ${ytrain.length} labels`);
      }
    }
    const model = fit(Xtrain, ytrain, deriveSeed(seed, 'fold', f));
    const columns = model.classes.map((c) => {
      const column = index.get(c);
      if (column === undefined) throw new InvalidValueError(`crossValidate: fold ${f}'s classifier knows class ${JSON.stringify(c)}, not one of [${classes.join(', ')}]`);
      return column;
    });
    const p = toFeatureMatrix(model.predictProba(selectRows(X, fold.test)), 'predictProba');
    if (p.nRows !== fold.test.length || p.nCols !== columns.length) {
      throw new ShapeMismatchError(
        `crossValidate: fold ${f}'s classifier returned ${p.nRows} x ${p.nCols} probabilities for ${fold.test.length} test rows and ${columns.length} classes`,
      );
    }
    fold.test.forEach((i, r) => {
      for (let c = 0; c < columns.length; c++) {
        const value = p.data[r * p.nCols + c]!;
        if (!Number.isFinite(value)) {
          throw new InvalidValueError(`crossValidate: fold ${f}'s classifier returned probability ${value}`, { source: 'predictProba', row: i, column: model.classes[c]! });
        }
        proba.data[i * k + columns[c]!] = value;
      }
    });
    const fi = importancesOf(model, f);
    if (fi === undefined) allHaveImportances = false;
    else importances.push(fi);
    if (options.onProgress !== undefined) {
      const elapsedMs = performance.now() - start;
      const done = f + 1;
      options.onProgress({ done, total: folds.length, fold: f, elapsedMs, etaMs: (elapsedMs / done) * (folds.length - done) });
    }
  });

  const predictions = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba.data[i * k + c]! > proba.data[i * k + best]!) best = c;
    predictions[i] = classes[best]!;
  }
  return allHaveImportances ? { classes, proba, predictions, foldOf, importances } : { classes, proba, predictions, foldOf };
}
