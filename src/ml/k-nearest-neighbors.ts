/**
 * k-nearest-neighbours classification (Cover & Hart 1967), one of the classifiers the paper compared in
 * Table 4 (scikit-learn's `KNeighborsClassifier` with k = 5 on standardised features).
 *
 * @module
 */
import { InvalidArgumentError, NotFittedError } from '../core/errors';
import type { FeatureMatrix, MatrixLike } from '../core/matrix';
import type { Classifier } from './classifier';
import { mostProbable, validatePredictInput, validateTrainingSet } from './labels';
import { kNearest } from './neighbors';
import { StandardScaler, type StandardScalerJSON } from './standard-scaler';

/** Options of {@link KNearestNeighbors}. */
export interface KNearestNeighborsOptions {
  /** Number of neighbours k (default 5). */
  readonly k?: number;
  /** Standardise every feature with a {@link StandardScaler} fitted on the training set (default true). */
  readonly standardize?: boolean;
}

/** The serialised form of a fitted {@link KNearestNeighbors} (it holds the whole training set). */
export interface KNearestNeighborsJSON {
  /** Format tag, checked by {@link KNearestNeighbors.fromJSON}. */
  readonly type: 'KNearestNeighbors';
  /** Format version (1). */
  readonly version: 1;
  /** The options it was built with, defaults filled in (`k`, `standardize`). */
  readonly options: Required<KNearestNeighborsOptions>;
  /** The class labels, sorted; `codes` index into it. */
  readonly classes: string[];
  /** Number of features p: `data` holds `codes.length × nFeatures` values. */
  readonly nFeatures: number;
  /** Training features (standardised when `standardize`), row-major. */
  readonly data: number[];
  /** Class index of every training row. */
  readonly codes: number[];
  /** The scaler fitted on the training set, or `null` when `standardize` is false. */
  readonly scaler: StandardScalerJSON | null;
}

interface KnnState {
  readonly classes: readonly string[];
  readonly data: Float64Array;
  readonly codes: Int32Array;
  readonly nFeatures: number;
  readonly scaler: StandardScaler | undefined;
}

/**
 * Classifies a point by its k nearest training points (Euclidean distance on standardised features by
 * default): the probability of class c is the fraction of the k neighbours in c (uniform weights). Ties in
 * distance go to the earlier training row. Cost: predict O(n_train · p) per row (brute force).
 *
 * @example
 * ```ts
 * import { KNearestNeighbors } from 'muwclass/ml';
 * const knn = new KNearestNeighbors({ k: 3 }).fit([[0], [1], [2], [10], [11], [12]], ['a', 'a', 'a', 'b', 'b', 'b']);
 * knn.predictProba([[3]]).data; // => Float64Array [1, 0]
 * knn.predict([[9]]);           // => ['b']
 * ```
 */
export class KNearestNeighbors implements Classifier {
  /** The resolved options. */
  readonly options: Required<KNearestNeighborsOptions>;
  private state: KnnState | undefined;

  /**
   * @param options - see {@link KNearestNeighborsOptions}
   * @throws {InvalidArgumentError} for k not a positive integer
   */
  constructor(options: KNearestNeighborsOptions = {}) {
    const k = options.k ?? 5;
    if (!Number.isInteger(k) || k < 1) throw new InvalidArgumentError(`KNearestNeighbors: k must be an integer ≥ 1, got ${k}`);
    this.options = { k, standardize: options.standardize ?? true };
  }

  private fitted(method: string): KnnState {
    if (this.state === undefined) throw new NotFittedError(`KNearestNeighbors.${method}`);
    return this.state;
  }

  /**
   * Stores the (standardised) training set. Neither argument is modified.
   *
   * @param X - features, one row per sample; no NaN (flag missing values with -100 first)
   * @param y - class label of every row
   * @returns this classifier, fitted
   * @throws {InvalidArgumentError} for empty input, a single class, or fewer than k samples
   * @throws {ShapeMismatchError} when `y.length` differs from the number of rows
   * @throws {InvalidValueError} for a non-finite value in `X` or an empty label
   */
  fit(X: MatrixLike, y: readonly string[]): this {
    const { X: m, classes, codes } = validateTrainingSet(X, y, 'KNearestNeighbors.fit');
    if (m.nRows < this.options.k) {
      throw new InvalidArgumentError(`KNearestNeighbors.fit: k = ${this.options.k} neighbours need at least ${this.options.k} samples, got ${m.nRows}`);
    }
    const scaler = this.options.standardize ? new StandardScaler().fit(m) : undefined;
    const data = scaler === undefined ? m.data.slice() : scaler.transform(m).data;
    this.state = { classes, data, codes: codes.slice(), nFeatures: m.nCols, scaler };
    return this;
  }

  /**
   * Fractions of each class among the k nearest training points.
   *
   * @returns row-major `nRows x classes.length` probabilities; each row sums to 1
   * @throws {NotFittedError} before `fit`
   * @throws {ShapeMismatchError} for a different number of features than in `fit`
   * @throws {InvalidValueError} for a non-finite value
   */
  predictProba(X: MatrixLike): FeatureMatrix {
    const { classes, data, codes, nFeatures, scaler } = this.fitted('predictProba');
    const raw = validatePredictInput(X, nFeatures, 'KNearestNeighbors.predictProba');
    const q = scaler === undefined ? raw : scaler.transform(raw);
    const k = this.options.k;
    const nClasses = classes.length;
    const out = new Float64Array(q.nRows * nClasses);
    const all = new Int32Array(codes.length);
    for (let i = 0; i < all.length; i++) all[i] = i;
    const idx = new Int32Array(k);
    const dist = new Float64Array(k);
    for (let i = 0; i < q.nRows; i++) {
      const found = kNearest(data, nFeatures, all, q.data, i, k, -1, idx, dist);
      for (let t = 0; t < found; t++) out[i * nClasses + codes[idx[t]!]!]! += 1;
      for (let c = 0; c < nClasses; c++) out[i * nClasses + c]! /= found;
    }
    return { data: out, nRows: q.nRows, nCols: nClasses };
  }

  /**
   * The most probable class of every row (the first in `classes` order on a tie).
   *
   * @throws {NotFittedError} before `fit`
   * @throws {ShapeMismatchError} for a different number of features than in `fit`
   * @throws {InvalidValueError} for a non-finite value
   */
  predict(X: MatrixLike): string[] {
    return mostProbable(this.predictProba(X), this.fitted('predict').classes);
  }

  /** The class labels, sorted. @throws {NotFittedError} before `fit` */
  get classes(): readonly string[] {
    return this.fitted('classes').classes;
  }

  /** The fitted classifier as plain JSON (includes the training set). @throws {NotFittedError} before `fit` */
  toJSON(): KNearestNeighborsJSON {
    const { classes, data, codes, nFeatures, scaler } = this.fitted('toJSON');
    return {
      type: 'KNearestNeighbors',
      version: 1,
      options: { ...this.options },
      classes: [...classes],
      nFeatures,
      data: Array.from(data),
      codes: Array.from(codes),
      scaler: scaler === undefined ? null : scaler.toJSON(),
    };
  }

  /**
   * Restores a fitted classifier.
   *
   * @throws {InvalidArgumentError} when `json` is not a version-1 KNearestNeighbors or is inconsistent
   */
  static fromJSON(json: KNearestNeighborsJSON): KNearestNeighbors {
    if (
      json === null ||
      typeof json !== 'object' ||
      json.type !== 'KNearestNeighbors' ||
      json.version !== 1 ||
      json.data.length !== json.codes.length * json.nFeatures ||
      json.codes.some((c) => !(c >= 0 && c < json.classes.length))
    ) {
      throw new InvalidArgumentError('KNearestNeighbors.fromJSON: not a consistent KNearestNeighbors model (version 1)');
    }
    const model = new KNearestNeighbors(json.options);
    model.state = {
      classes: [...json.classes],
      data: Float64Array.from(json.data),
      codes: Int32Array.from(json.codes),
      nFeatures: json.nFeatures,
      scaler: json.scaler === null ? undefined : StandardScaler.fromJSON(json.scaler),
    };
    return model;
  }
}
