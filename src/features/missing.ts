/**
 * The paper's treatment of missing features (Section 3.4): inside muwclass a missing value is `NaN`; the step
 * that feeds a classifier replaces it by a flag value far below every real feature value, −100, which a
 * decision tree separates with a single split ("missing" becomes its own branch).
 *
 * @module
 */
import { InvalidArgumentError, ShapeMismatchError } from '../core/errors';
import type { FeatureMatrix } from '../core/matrix';

/** The paper's flag for a missing feature value: −100. */
export const MISSING_FLAG = -100;

/** Options of {@link flagMissing}. */
export interface FlagMissingOptions {
  /**
   * Write into this matrix (same shape) instead of allocating one — the one documented output argument, for
   * loops that flag a matrix of the same shape many times (e.g. once per Monte Carlo draw and E(B−V) bin). May
   * not be the input itself.
   */
  readonly into?: FeatureMatrix;
}

/**
 * Returns a copy of a feature matrix with every `NaN` replaced by `flag` (default −100, the paper's). Other
 * fields of the input (e.g. `names` of a `FeatureTable`) are kept; the input is not changed. O(rows × columns).
 *
 * @param matrix - the feature matrix (`NaN` = missing)
 * @param flag - the value that stands for "missing" (default {@link MISSING_FLAG}); finite
 * @param options - `into`: a same-shape matrix to write the result into (returned with the input's other fields)
 * @returns a new matrix of the same shape and kind, with no `NaN` (its data is `options.into.data` when given)
 * @throws {InvalidArgumentError} for a non-finite flag, or `into` being the input
 * @throws {ShapeMismatchError} when `into` has another shape
 * @example
 * ```ts
 * import { FeatureSet, flagMissing } from 'muwclass/features';
 * import { syntheticTrainingSet } from 'muwclass/io';
 * const X = FeatureSet.paper().build(syntheticTrainingSet({ seed: 1 }));
 * X.data.includes(NaN);     // => true (where a counterpart is missing)
 * const ready = flagMissing(X); // -100 there
 * ready.data.includes(NaN); // => false
 * ready.names === X.names;  // => true
 * const buffer = zeros(X.nRows, X.nCols);
 * flagMissing(X, -100, { into: buffer }).data === buffer.data; // => true (no allocation)
 * ```
 */
export function flagMissing<M extends FeatureMatrix>(matrix: M, flag: number = MISSING_FLAG, options: FlagMissingOptions = {}): M {
  if (!Number.isFinite(flag)) throw new InvalidArgumentError(`flagMissing requires a finite flag, got ${flag}`);
  const src = matrix.data;
  const { into } = options;
  if (into !== undefined) {
    if (into.data === src) throw new InvalidArgumentError('flagMissing: options.into must not be the input matrix');
    if (into.nRows !== matrix.nRows || into.nCols !== matrix.nCols || into.data.length !== src.length) {
      throw new ShapeMismatchError(`flagMissing: options.into is ${into.nRows} x ${into.nCols}, the matrix is ${matrix.nRows} x ${matrix.nCols}`);
    }
  }
  const data = into?.data ?? new Float64Array(src.length);
  for (let k = 0; k < src.length; k++) {
    const v = src[k]!;
    data[k] = v === v ? v : flag; // v !== v only for NaN
  }
  return { ...matrix, data };
}
