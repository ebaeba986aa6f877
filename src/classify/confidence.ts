/**
 * The confidence threshold (paper eq. 7): how many combined standard deviations separate the most
 * probable class of a source from the runner-up,
 *
 *   CT = min_{c ≠ best} (P_best − P_c) / (ΔP_best + ΔP_c),
 *
 * where P_c is the mean probability of class c over the Monte Carlo draws and ΔP_c its standard deviation.
 * A large CT means the classification survives the measurement errors; the paper reports metrics for the
 * sources with CT ≥ 2.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError, ShapeMismatchError } from '../core/errors';
import { toFeatureMatrix, type MatrixLike } from '../core/matrix';

/**
 * The value that replaces a zero denominator ΔP_best + ΔP_c in eq. 7, as in the paper's code (a class
 * whose probability never varies over the draws): CT = (P_best − P_c) / 1e-5.
 */
export const CT_ZERO_DENOMINATOR = 1e-5;

/** Index of the first maximum of `p[offset … offset + k)` (ties go to the lower index, as numpy's argmax). */
function argmax(p: ArrayLike<number>, offset: number, k: number): number {
  let best = 0;
  let bestValue = p[offset]!;
  for (let c = 1; c < k; c++) {
    const v = p[offset + c]!;
    if (v > bestValue) {
      bestValue = v;
      best = c;
    }
  }
  return best;
}

/** Eq. 7 for one row, without validation. */
function ct(mean: ArrayLike<number>, std: ArrayLike<number>, offset: number, k: number, best: number): number {
  const pBest = mean[offset + best]!;
  const dBest = std[offset + best]!;
  let min = Number.POSITIVE_INFINITY;
  for (let c = 0; c < k; c++) {
    if (c === best) continue;
    const denominator = dBest + std[offset + c]!;
    const value = (pBest - mean[offset + c]!) / (denominator === 0 ? CT_ZERO_DENOMINATOR : denominator);
    if (value < min) min = value;
  }
  return min;
}

/** Throws unless every mean is a probability (in [0, 1]) and every standard deviation finite and ≥ 0. */
function validate(fn: string, mean: ArrayLike<number>, std: ArrayLike<number>, nCols: number): void {
  for (let i = 0; i < mean.length; i++) {
    const m = mean[i]!;
    const s = std[i]!;
    const location = nCols === 0 ? { column: i } : { row: Math.floor(i / nCols), column: i % nCols };
    if (!(m >= 0 && m <= 1)) throw new InvalidValueError(`${fn}: a mean probability must be in [0, 1], got ${m}`, { source: 'mean', ...location });
    if (!(Number.isFinite(s) && s >= 0)) {
      throw new InvalidValueError(`${fn}: standard deviation must be finite and non-negative, got ${s}`, { source: 'std', ...location });
    }
  }
}

/**
 * The confidence threshold of one source (paper eq. 7):
 * CT = min over c ≠ best of (P_best − P_c) / (ΔP_best + ΔP_c), a zero denominator replaced by
 * {@link CT_ZERO_DENOMINATOR} (1e-5) as in the paper. `best` is the class with the largest mean probability
 * (the first one on ties, which gives CT = 0), or `classIndex` when given (then CT is negative when that
 * class is not the most probable). Probabilities are dimensionless. Runs in O(K).
 *
 * @param mean - the mean probability P_c of each of the K classes over the Monte Carlo draws
 * @param std - the standard deviation ΔP_c of each class probability over the draws (≥ 0)
 * @param classIndex - the class to measure the confidence of; default: the most probable
 * @returns CT (dimensionless)
 * @throws {ShapeMismatchError} when `mean` and `std` differ in length
 * @throws {InvalidArgumentError} when there are fewer than two classes, or `classIndex` is not an index into `mean`
 * @throws {InvalidValueError} when a mean is not a probability (outside [0, 1], or NaN), or a standard deviation
 *   is negative or not finite — naming the offending index (`column`)
 * @example
 * ```ts
 * import { confidenceThreshold } from 'muwclass/classify';
 * confidenceThreshold([0.7, 0.2, 0.1], [0.1, 0.05, 0.05]); // => 3.333… (min(0.5/0.15, 0.6/0.15))
 * confidenceThreshold([0.5, 0.5], [0, 0]);                 // => 0 (a tie)
 * confidenceThreshold([0.6, 0.4], [0, 0]);                 // => 20000.0 (0.2 / 1e-5)
 * confidenceThreshold([1.5, -0.5], [0.1, 0.1]);            // throws InvalidValueError: a mean probability must be in [0, 1], got 1.5 (in mean, column 0)
 * confidenceThreshold([0.7, 0.3], [0.1, NaN]);             // throws InvalidValueError: standard deviation must be finite and non-negative, got NaN (in std, column 1)
 * ```
 */
export function confidenceThreshold(mean: ArrayLike<number>, std: ArrayLike<number>, classIndex?: number): number {
  const k = mean.length;
  if (std.length !== k) {
    throw new ShapeMismatchError(`confidenceThreshold: mean has ${k} classes but std has ${std.length}`);
  }
  if (k < 2) throw new InvalidArgumentError(`confidenceThreshold requires at least two classes, got ${k}`);
  if (classIndex !== undefined && !(Number.isInteger(classIndex) && classIndex >= 0 && classIndex < k)) {
    throw new InvalidArgumentError(`confidenceThreshold: classIndex must be an integer in [0, ${k - 1}], got ${classIndex}`);
  }
  validate('confidenceThreshold', mean, std, 0);
  return ct(mean, std, 0, k, classIndex ?? argmax(mean, 0, k));
}

/** Eq. 7 for every row of an n × K probability matrix, with the class it was measured for. */
export interface ConfidenceThresholds {
  /** CT of each row (length n). */
  readonly ct: Float64Array;
  /** The most probable class of each row (column index into the probability matrix; first maximum on ties). */
  readonly best: Int32Array;
}

/**
 * The most probable class of each row of an n × K probability matrix: the column of the largest value, the
 * first one on ties (numpy's `argmax`). Runs in O(nK).
 *
 * @param proba - n × K row-major probabilities (a `FeatureMatrix` or `number[][]`)
 * @returns the column index of each row's largest probability
 * @throws {InvalidArgumentError} when the matrix has no columns
 * @throws {InvalidValueError} when a probability is not finite (naming row and column)
 * @example
 * ```ts
 * import { bestClasses } from 'muwclass/classify';
 * bestClasses([[0.2, 0.8], [0.5, 0.5]]); // => Int32Array [1, 0]
 * ```
 */
export function bestClasses(proba: MatrixLike): Int32Array {
  const m = toFeatureMatrix(proba, 'proba');
  if (m.nCols === 0 && m.nRows > 0) throw new InvalidArgumentError('bestClasses requires at least one class column');
  const out = new Int32Array(m.nRows);
  for (let k = 0; k < m.data.length; k++) {
    if (!Number.isFinite(m.data[k]!)) {
      throw new InvalidValueError(`bestClasses: probability is ${m.data[k]}`, { source: 'proba', row: Math.floor(k / m.nCols), column: k % m.nCols });
    }
  }
  for (let i = 0; i < m.nRows; i++) out[i] = argmax(m.data, i * m.nCols, m.nCols);
  return out;
}

/**
 * The confidence threshold (eq. 7) of every source at once, from n × K matrices of mean probabilities and of
 * their standard deviations (row-major, the columns in the classifier's `classes` order), measured for each
 * row's most probable class. Same semantics as {@link confidenceThreshold}. Runs in O(nK).
 *
 * @param mean - n × K mean class probabilities (a `FeatureMatrix` or `number[][]`)
 * @param std - n × K standard deviations of the class probabilities (≥ 0)
 * @returns `ct` (length n) and `best` (the most probable class of each row)
 * @throws {ShapeMismatchError} when the two matrices differ in shape
 * @throws {InvalidArgumentError} when there are fewer than two classes
 * @throws {InvalidValueError} when a mean is not a probability (outside [0, 1], or NaN), or a standard deviation
 *   is negative or not finite (naming row and column)
 * @example
 * ```ts
 * import { confidenceThresholds } from 'muwclass/classify';
 * const { ct, best } = confidenceThresholds(
 *   [[0.7, 0.2, 0.1], [0.3, 0.3, 0.4]],
 *   [[0.1, 0.05, 0.05], [0.05, 0.05, 0.05]],
 * );
 * ct[0];  // => 3.333…
 * ct[1];  // => 1.0000
 * best;   // => Int32Array [0, 2]
 * confidenceThresholds([[0.5, 0.5]], [[-0.1, 0.1]]); // throws InvalidValueError: standard deviation must be finite and non-negative, got -0.1 (in std, row 0, column 0)
 * ```
 */
export function confidenceThresholds(mean: MatrixLike, std: MatrixLike): ConfidenceThresholds {
  const m = toFeatureMatrix(mean, 'mean');
  const s = toFeatureMatrix(std, 'std');
  if (m.nRows !== s.nRows || m.nCols !== s.nCols) {
    throw new ShapeMismatchError(`confidenceThresholds: mean is ${m.nRows} x ${m.nCols} but std is ${s.nRows} x ${s.nCols}`);
  }
  const k = m.nCols;
  if (m.nRows > 0 && k < 2) throw new InvalidArgumentError(`confidenceThresholds requires at least two classes, got ${k}`);
  validate('confidenceThresholds', m.data, s.data, k);
  const ctOut = new Float64Array(m.nRows);
  const best = new Int32Array(m.nRows);
  for (let i = 0; i < m.nRows; i++) {
    const offset = i * k;
    const b = argmax(m.data, offset, k);
    best[i] = b;
    ctOut[i] = ct(m.data, s.data, offset, k, b);
  }
  return { ct: ctOut, best };
}
