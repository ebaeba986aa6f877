/**
 * The feature matrix: row-major `Float64Array` storage for hot loops, with converters from the friendly
 * shapes users hold at the API edge (`number[][]`, an ml-matrix `Matrix`).
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError, ShapeMismatchError } from './errors';

/** A dense row-major matrix: element (i, j) is `data[i * nCols + j]`. */
export interface FeatureMatrix {
  /** The `nRows × nCols` values, row after row (one row per source, one column per feature); NaN (or −100 after `flagMissing`) marks a missing value. */
  readonly data: Float64Array;
  /** Number of rows (sources). */
  readonly nRows: number;
  /** Number of columns (features). */
  readonly nCols: number;
}

/** The structural part of an ml-matrix `Matrix` that muwclass reads (duck-typed: ml-matrix is not imported). */
export interface MatrixView {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly columns: number;
  /** The element at 0-based (`row`, `column`). */
  get(row: number, column: number): number;
}

/** Anything accepted where a feature matrix is expected. */
export type MatrixLike = FeatureMatrix | readonly (readonly number[])[] | MatrixView;

function isFeatureMatrix(x: unknown): x is FeatureMatrix {
  return typeof x === 'object' && x !== null && (x as FeatureMatrix).data instanceof Float64Array;
}

function isMatrixView(x: unknown): x is MatrixView {
  return typeof x === 'object' && x !== null && typeof (x as MatrixView).get === 'function' && typeof (x as MatrixView).rows === 'number';
}

/**
 * Creates a zero-filled matrix.
 *
 * @example
 * ```ts
 * zeros(2, 3); // => { data: Float64Array [0, 0, 0, 0, 0, 0], nRows: 2, nCols: 3 }
 * ```
 */
export function zeros(nRows: number, nCols: number): FeatureMatrix {
  if (!Number.isInteger(nRows) || !Number.isInteger(nCols) || nRows < 0 || nCols < 0) {
    throw new InvalidArgumentError(`zeros requires non-negative integer dimensions, got ${nRows} x ${nCols}`);
  }
  return { data: new Float64Array(nRows * nCols), nRows, nCols };
}

/**
 * Converts `number[][]`, an ml-matrix `Matrix` or a {@link FeatureMatrix} to a {@link FeatureMatrix}.
 * A `FeatureMatrix` is returned as is (never copied, never mutated); other shapes are copied once.
 *
 * @param x - the matrix
 * @param name - the argument's name, for error messages
 * @throws {ShapeMismatchError} when rows of a `number[][]` differ in length, or `data.length !== nRows * nCols`
 * @example
 * ```ts
 * toFeatureMatrix([[1, 2], [3, 4]]); // => { data: Float64Array [1, 2, 3, 4], nRows: 2, nCols: 2 }
 * ```
 */
export function toFeatureMatrix(x: MatrixLike, name = 'X'): FeatureMatrix {
  if (isFeatureMatrix(x)) {
    if (x.data.length !== x.nRows * x.nCols) {
      throw new ShapeMismatchError(`${name}: data has ${x.data.length} values but nRows x nCols = ${x.nRows} x ${x.nCols}`);
    }
    return x;
  }
  if (isMatrixView(x)) {
    const m = zeros(x.rows, x.columns);
    for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.columns; j++) m.data[i * x.columns + j] = x.get(i, j);
    return m;
  }
  if (!Array.isArray(x)) throw new InvalidArgumentError(`${name} must be a number[][], an ml-matrix Matrix or a FeatureMatrix`);
  const rows = x as readonly (readonly number[])[];
  const nRows = rows.length;
  const nCols = nRows === 0 ? 0 : (rows[0]?.length ?? 0);
  const m = zeros(nRows, nCols);
  for (let i = 0; i < nRows; i++) {
    const r = rows[i]!;
    if (r.length !== nCols) throw new ShapeMismatchError(`${name}: row ${i} has ${r.length} values, row 0 has ${nCols}`);
    m.data.set(r, i * nCols);
  }
  return m;
}

/**
 * Converts a {@link FeatureMatrix} back to `number[][]`.
 *
 * @example
 * ```ts
 * toArrays(toFeatureMatrix([[1, 2]])); // => [[1, 2]]
 * ```
 */
export function toArrays(m: FeatureMatrix): number[][] {
  const out: number[][] = new Array(m.nRows);
  for (let i = 0; i < m.nRows; i++) out[i] = Array.from(m.data.subarray(i * m.nCols, (i + 1) * m.nCols));
  return out;
}

/**
 * A view of row `i` (no copy: writing to it writes to `m`, so treat it as read-only).
 *
 * @example
 * ```ts
 * rowView(toFeatureMatrix([[1, 2], [3, 4]]), 1); // => Float64Array [3, 4]
 * ```
 */
export function rowView(m: FeatureMatrix, i: number): Float64Array {
  return m.data.subarray(i * m.nCols, (i + 1) * m.nCols);
}

/**
 * A new matrix holding the given rows of `m`, in order (rows may repeat, as in a bootstrap sample).
 *
 * @example
 * ```ts
 * toArrays(selectRows(toFeatureMatrix([[1], [2], [3]]), [2, 2, 0])); // => [[3], [3], [1]]
 * ```
 */
export function selectRows(m: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  const out = zeros(rows.length, m.nCols);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    out.data.set(m.data.subarray(i * m.nCols, (i + 1) * m.nCols), k * m.nCols);
  }
  return out;
}

/**
 * Throws an {@link InvalidValueError} naming the first non-finite element (row and column), if any.
 *
 * @param m - the matrix
 * @param name - the argument's name, for the message
 * @param hint - appended to the message, e.g. "replace missing values by -100 first"
 * @example
 * ```ts
 * assertFinite(toFeatureMatrix([[1, NaN]]), 'X', 'flag missing values with -100 first');
 * // throws InvalidValueError: X holds a non-finite value (NaN): flag missing values with -100 first (in X, row 0, column 1)
 * ```
 */
export function assertFinite(m: FeatureMatrix, name = 'X', hint?: string): void {
  const { data, nCols } = m;
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k]!)) {
      const row = Math.floor(k / nCols);
      throw new InvalidValueError(
        `${name} holds a non-finite value (${data[k]})${hint === undefined ? '' : `: ${hint}`}`,
        { source: name, row, column: k - row * nCols },
      );
    }
  }
}
