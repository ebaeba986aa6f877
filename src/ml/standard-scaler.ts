/**
 * Standardisation of features (scikit-learn's `StandardScaler`): z = (x − μ) / σ per feature, with μ and σ
 * (population standard deviation) learned on a training set and applied to any set.
 *
 * @module
 */
import { InvalidArgumentError, NotFittedError, ShapeMismatchError } from '../core/errors';
import { toFeatureMatrix, type FeatureMatrix, type MatrixLike } from '../core/matrix';

/** The serialised form of a fitted {@link StandardScaler}. */
export interface StandardScalerJSON {
  /** Format tag, checked by {@link StandardScaler.fromJSON}. */
  readonly type: 'StandardScaler';
  /** Format version (1). */
  readonly version: 1;
  /** Each feature's mean μ_j over its non-missing values (0 for a feature with none), one per column. */
  readonly mean: number[];
  /** Each feature's population standard deviation σ_j (1 when σ_j = 0 or the feature has no value), same length. */
  readonly scale: number[];
}

/**
 * Learns each feature's mean μ_j and standard deviation σ_j = sqrt(Σ_i (x_ij − μ_j)² / n) (population, as
 * scikit-learn) and maps x_ij to (x_ij − μ_j) / σ_j. Missing values (`NaN`) are ignored when fitting and
 * stay `NaN`; a constant feature (σ = 0) or one with no value gets scale 1 (it is only centred). Cost O(n p).
 *
 * @example
 * ```ts
 * import { StandardScaler } from 'muwclass/ml';
 * const scaler = new StandardScaler().fit([[1, 10], [3, 10]]);
 * scaler.mean;                      // => Float64Array [2, 10]
 * scaler.transform([[3, 12]]).data; // => Float64Array [1, 2]
 * ```
 */
export class StandardScaler {
  private state: { mean: Float64Array; scale: Float64Array } | undefined;

  private fitted(method: string): { mean: Float64Array; scale: Float64Array } {
    if (this.state === undefined) throw new NotFittedError(`StandardScaler.${method}`);
    return this.state;
  }

  /**
   * Learns μ and σ of every feature of `X` (not modified).
   *
   * @param X - one row per sample; `NaN` marks a missing value
   * @returns this scaler, fitted
   * @throws {InvalidArgumentError} for a matrix without rows or columns
   * @throws {ShapeMismatchError} for ragged rows
   */
  fit(X: MatrixLike): this {
    const m = toFeatureMatrix(X, 'X');
    const { data, nRows: n, nCols: p } = m;
    if (n === 0 || p === 0) throw new InvalidArgumentError(`StandardScaler.fit requires at least one sample and one feature, got ${n} x ${p}`);
    const mean = new Float64Array(p);
    const scale = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let count = 0;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const v = data[i * p + j]!;
        if (!Number.isNaN(v)) {
          sum += v;
          count++;
        }
      }
      const mu = count === 0 ? 0 : sum / count;
      let ss = 0;
      for (let i = 0; i < n; i++) {
        const v = data[i * p + j]!;
        if (!Number.isNaN(v)) ss += (v - mu) * (v - mu);
      }
      const sigma = count === 0 ? 0 : Math.sqrt(ss / count);
      mean[j] = mu;
      scale[j] = sigma > 0 ? sigma : 1;
    }
    this.state = { mean, scale };
    return this;
  }

  /** Each feature's mean μ_j (a copy). @throws {NotFittedError} before `fit` */
  get mean(): Float64Array {
    return this.fitted('mean').mean.slice();
  }

  /** Each feature's scale σ_j (1 for a constant feature; a copy). @throws {NotFittedError} before `fit` */
  get scale(): Float64Array {
    return this.fitted('scale').scale.slice();
  }

  /**
   * (x − μ) / σ for every element; `NaN` stays `NaN`. Returns a new matrix.
   *
   * @throws {NotFittedError} before `fit`
   * @throws {ShapeMismatchError} for a different number of features than in `fit`
   */
  transform(X: MatrixLike): FeatureMatrix {
    return this.apply(X, false);
  }

  /**
   * x = z σ + μ: the inverse of {@link StandardScaler.transform}. Returns a new matrix.
   *
   * @throws {NotFittedError} before `fit`
   * @throws {ShapeMismatchError} for a different number of features than in `fit`
   */
  inverseTransform(X: MatrixLike): FeatureMatrix {
    return this.apply(X, true);
  }

  /**
   * `fit(X)` then `transform(X)`.
   *
   * @throws {InvalidArgumentError} for a matrix without rows or columns
   */
  fitTransform(X: MatrixLike): FeatureMatrix {
    return this.fit(X).transform(X);
  }

  private apply(X: MatrixLike, inverse: boolean): FeatureMatrix {
    const { mean, scale } = this.fitted(inverse ? 'inverseTransform' : 'transform');
    const m = toFeatureMatrix(X, 'X');
    const p = mean.length;
    if (m.nRows > 0 && m.nCols !== p) throw new ShapeMismatchError(`StandardScaler: X has ${m.nCols} features but the scaler was fitted on ${p}`);
    const out = new Float64Array(m.nRows * p);
    for (let i = 0; i < m.nRows; i++) {
      for (let j = 0; j < p; j++) {
        const v = m.data[i * p + j]!;
        out[i * p + j] = inverse ? v * scale[j]! + mean[j]! : (v - mean[j]!) / scale[j]!;
      }
    }
    return { data: out, nRows: m.nRows, nCols: p };
  }

  /** The fitted scaler as plain JSON. @throws {NotFittedError} before `fit` */
  toJSON(): StandardScalerJSON {
    const { mean, scale } = this.fitted('toJSON');
    return { type: 'StandardScaler', version: 1, mean: Array.from(mean), scale: Array.from(scale) };
  }

  /**
   * Restores a fitted scaler.
   *
   * @throws {InvalidArgumentError} when `json` is not a version-1 StandardScaler or is inconsistent
   */
  static fromJSON(json: StandardScalerJSON): StandardScaler {
    if (json === null || typeof json !== 'object' || json.type !== 'StandardScaler' || json.version !== 1 || json.mean.length !== json.scale.length) {
      throw new InvalidArgumentError('StandardScaler.fromJSON: not a StandardScaler (version 1)');
    }
    const scaler = new StandardScaler();
    scaler.state = { mean: Float64Array.from(json.mean), scale: Float64Array.from(json.scale) };
    return scaler;
  }
}
