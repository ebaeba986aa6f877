/**
 * Input validation for the estimators of this layer, in one place (scikit-learn's `check_X_y`): the feature
 * matrix is converted once, checked for shape and finiteness, and the class labels are encoded as indices
 * into the sorted list of distinct labels.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError, ShapeMismatchError } from '../core/errors';
import { assertFinite, toFeatureMatrix, type FeatureMatrix, type MatrixLike } from '../core/matrix';

/** Class labels encoded as indices into a sorted list of distinct labels. */
export interface EncodedLabels {
  /** The distinct labels, sorted in string order (the column order of `predictProba`). */
  readonly classes: readonly string[];
  /** `codes[i]` is the index in `classes` of sample i's label. */
  readonly codes: Int32Array;
}

/**
 * Encodes string labels as indices into their sorted distinct values (scikit-learn's `np.unique` order:
 * JavaScript's default string order, by UTF-16 code unit). Any non-empty string is a label, names of
 * `Object.prototype` members (`__proto__`, `constructor`, `toString`) included: labels are kept in a `Map`,
 * never as keys of a plain object. Runs in O(n log c) for n labels of c classes.
 *
 * @param y - one label per sample
 * @param caller - the calling function, for error messages
 * @returns the sorted classes and one code per label
 * @throws {InvalidValueError} when a label is not a non-empty string (names the row)
 * @example
 * ```ts
 * encodeLabels(['YSO', 'AGN', 'YSO']); // => { classes: ['AGN', 'YSO'], codes: Int32Array [1, 0, 1] }
 * encodeLabels(['constructor', '__proto__']); // => { classes: ['__proto__', 'constructor'], codes: Int32Array [1, 0] }
 * ```
 */
export function encodeLabels(y: readonly string[], caller = 'encodeLabels'): EncodedLabels {
  const index = new Map<string, number>();
  for (let i = 0; i < y.length; i++) {
    const label = y[i];
    if (typeof label !== 'string' || label === '') {
      throw new InvalidValueError(`${caller}: every label must be a non-empty string, got ${JSON.stringify(label)}`, { source: 'y', row: i });
    }
    if (!index.has(label)) index.set(label, 0);
  }
  const classes = [...index.keys()].sort();
  classes.forEach((c, k) => index.set(c, k));
  const codes = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) codes[i] = index.get(y[i]!)!;
  return { classes, codes };
}

/** A validated training set: the matrix, and its labels encoded. */
export interface TrainingSet extends EncodedLabels {
  /** The features, one row per sample (`codes.length` rows), all finite (missing values already flagged, e.g. −100). */
  readonly X: FeatureMatrix;
}

/**
 * Validates the arguments of a classifier's `fit(X, y)`: a non-empty finite matrix, one label per row, at
 * least two classes. `X` is converted once (a {@link FeatureMatrix} is used as is, never copied or mutated).
 *
 * @param X - features, one row per sample
 * @param y - labels, one per row of `X`
 * @param caller - the calling method, e.g. `"RandomForest.fit"`, for error messages
 * @returns the matrix and the encoded labels
 * @throws {InvalidArgumentError} for empty input or a single class
 * @throws {ShapeMismatchError} when `y.length` differs from the number of rows of `X`
 * @throws {InvalidValueError} for a non-finite value in `X` (missing values must be flagged -100 first) or a bad label
 * @example
 * ```ts
 * const { X, classes, codes } = validateTrainingSet([[1], [2]], ['a', 'b'], 'MyClassifier.fit');
 * X;       // => { data: Float64Array [1, 2], nRows: 2, nCols: 1 }
 * classes; // => ['a', 'b']
 * codes;   // => Int32Array [0, 1]
 * validateTrainingSet([[1], [2]], ['a', 'a'], 'MyClassifier.fit');
 * // throws InvalidArgumentError: MyClassifier.fit requires at least two classes
 * ```
 */
export function validateTrainingSet(X: MatrixLike, y: readonly string[], caller: string): TrainingSet {
  const m = toFeatureMatrix(X, 'X');
  if (!Array.isArray(y)) throw new InvalidArgumentError(`${caller}: y must be an array of class labels`);
  if (m.nRows === 0 || m.nCols === 0) {
    throw new InvalidArgumentError(`${caller} requires at least one sample and one feature, got ${m.nRows} x ${m.nCols}`);
  }
  if (y.length !== m.nRows) throw new ShapeMismatchError(`${caller}: X has ${m.nRows} rows but y has ${y.length} labels`);
  assertFinite(m, 'X', `${caller} expects finite features: flag missing values with -100 (the paper's convention) before training`);
  const { classes, codes } = encodeLabels(y, caller);
  if (classes.length < 2) {
    throw new InvalidArgumentError(`${caller} requires at least two classes, but every label is ${JSON.stringify(classes[0])}`);
  }
  return { X: m, classes, codes };
}

/**
 * Validates the matrix passed to a fitted classifier's `predictProba` / `predict`.
 *
 * @param X - features, one row per sample
 * @param nFeatures - the number of features seen in `fit`
 * @param caller - the calling method, for error messages
 * @throws {ShapeMismatchError} when the number of columns differs from `nFeatures`
 * @throws {InvalidValueError} for a non-finite value (missing values must be flagged -100 first)
 * @example
 * ```ts
 * validatePredictInput([[1, -100]], 2, 'MyClassifier.predictProba'); // => { data: Float64Array [1, -100], nRows: 1, nCols: 2 }
 * validatePredictInput([[1, NaN]], 2, 'MyClassifier.predictProba');  // throws InvalidValueError: flag missing values with -100
 * ```
 */
export function validatePredictInput(X: MatrixLike, nFeatures: number, caller: string): FeatureMatrix {
  const m = toFeatureMatrix(X, 'X');
  if (m.nRows > 0 && m.nCols !== nFeatures) {
    throw new ShapeMismatchError(`${caller}: X has ${m.nCols} features but the model was fitted on ${nFeatures}`);
  }
  assertFinite(m, 'X', `${caller} expects finite features: flag missing values with -100 (the paper's convention) first`);
  return m.nRows === 0 ? { data: m.data, nRows: 0, nCols: nFeatures } : m;
}

/**
 * The most probable class of every row of a probability matrix (the first in `classes` order on a tie, as
 * scikit-learn's argmax).
 *
 * @param proba - row-major `nRows x classes.length` probabilities
 * @param classes - the class labels, in column order
 * @returns one label per row
 * @example
 * ```ts
 * mostProbable({ data: Float64Array.of(0.2, 0.8), nRows: 1, nCols: 2 }, ['AGN', 'YSO']); // => ['YSO']
 * ```
 */
export function mostProbable(proba: FeatureMatrix, classes: readonly string[]): string[] {
  const out: string[] = new Array(proba.nRows);
  for (let i = 0; i < proba.nRows; i++) out[i] = classes[argmax(proba.data, i * proba.nCols, proba.nCols)]!;
  return out;
}

/** Index (0 … n − 1) of the first maximum of `a[offset … offset + n)`. */
export function argmax(a: ArrayLike<number>, offset: number, n: number): number {
  let best = 0;
  for (let c = 1; c < n; c++) if (a[offset + c]! > a[offset + best]!) best = c;
  return best;
}
