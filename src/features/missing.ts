/**
 * The paper's treatment of missing features (Section 3.4): inside muwclass a missing value is `NaN`; the step
 * that feeds a classifier replaces it by a flag value far below every real feature value, −100, which a
 * decision tree separates with a single split ("missing" becomes its own branch).
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import type { FeatureMatrix } from '../core/matrix';

/** The paper's flag for a missing feature value: −100. */
export const MISSING_FLAG = -100;

/**
 * Returns a copy of a feature matrix with every `NaN` replaced by `flag` (default −100, the paper's). Other
 * fields of the input (e.g. `names` of a `FeatureTable`) are kept; the input is not changed. O(rows × columns).
 *
 * @param matrix - the feature matrix (`NaN` = missing)
 * @param flag - the value that stands for "missing" (default {@link MISSING_FLAG}); finite
 * @returns a new matrix of the same shape and kind, with no `NaN`
 * @throws {InvalidArgumentError} for a non-finite flag
 * @example
 * ```ts
 * import { FeatureSet, flagMissing } from 'muwclass/features';
 * const X = FeatureSet.paper().build(sources); // NaN where a counterpart is missing
 * const ready = flagMissing(X);                // -100 there; ready.names === X.names
 * ```
 */
export function flagMissing<M extends FeatureMatrix>(matrix: M, flag: number = MISSING_FLAG): M {
  if (!Number.isFinite(flag)) throw new InvalidArgumentError(`flagMissing requires a finite flag, got ${flag}`);
  const src = matrix.data;
  const data = new Float64Array(src.length);
  for (let k = 0; k < src.length; k++) {
    const v = src[k]!;
    data[k] = v === v ? v : flag; // v !== v only for NaN
  }
  return { ...matrix, data };
}
