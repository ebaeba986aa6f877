/**
 * Interoperability with ml-matrix, the matrix library of the mljs ecosystem (ml-pca, ml-regression, …):
 * every muwclass function that takes a matrix also accepts an ml-matrix `Matrix` (read by its shape, see
 * `toFeatureMatrix`), and `toMlMatrix` hands a feature matrix the other way.
 *
 * @module
 */
import { Matrix } from 'ml-matrix';

import type { FeatureMatrix } from './matrix';

/**
 * Copies a row-major {@link FeatureMatrix} into an ml-matrix `Matrix` (for ml-pca, ml-regression and the rest
 * of the mljs ecosystem). O(rows × columns).
 *
 * @param m - the feature matrix
 * @returns a new `Matrix` of the same shape and values
 * @example
 * ```ts
 * import { toFeatureMatrix, toMlMatrix } from 'muwclass/core';
 * const M = toMlMatrix(toFeatureMatrix([[1, 2], [3, 4]]));
 * M.get(1, 0);              // => 3
 * M.transpose().to2DArray(); // => [[1, 3], [2, 4]]
 * ```
 */
export function toMlMatrix(m: FeatureMatrix): Matrix {
  const out = new Matrix(m.nRows, m.nCols);
  for (let i = 0; i < m.nRows; i++) for (let j = 0; j < m.nCols; j++) out.set(i, j, m.data[i * m.nCols + j]!);
  return out;
}
