/**
 * The source table in columns: one `Float64Array` per numeric column of {@link Source} (fluxes, errors,
 * variability probabilities, magnitudes), for the hot loops of Monte Carlo draws, reddening and feature
 * building (no per-row objects). Names, positions and labels stay with the caller (the row order is the same).
 *
 * Columns are treated as immutable: functions that change some columns return a new object with new arrays
 * for those columns and share the others.
 *
 * @module
 */
import { InvalidArgumentError, ShapeMismatchError } from '../core/errors';
import { SOURCE_NUMERIC_COLUMNS, type Source } from './schema';

/** A numeric column of a {@link Source}: `Fs, e_Fs, …, P_intra, P_inter, Gmag, e_Gmag, …, W3mag, e_W3mag`. */
export type SourceNumericColumn = (typeof SOURCE_NUMERIC_COLUMNS)[number];

/** Sources as columns: `nRows` and one `Float64Array` of length `nRows` per numeric column (`NaN` = missing). */
export type SourceColumns = {
  /** Number of sources: the length of every column. */
  readonly nRows: number;
} & { readonly [K in SourceNumericColumn]: Float64Array };

/** Whether an input is columns (`nRows` and typed arrays) rather than an array of sources. (Internal.) */
export function isSourceColumns(input: readonly Source[] | SourceColumns): input is SourceColumns {
  return !Array.isArray(input) && typeof (input as SourceColumns).nRows === 'number';
}

/**
 * Converts sources to columns (one copy, O(rows × 40)).
 *
 * @param sources - the sources
 * @returns the columns, in the sources' order
 * @example
 * ```ts
 * import { toSourceColumns } from 'muwclass/io';
 * import { readSourceTable } from 'muwclass/node';
 * const td = await readSourceTable('../shared/data/td/muwclass_td_cscv2.csv');
 * const cols = toSourceColumns(td.sources);
 * cols.nRows;  // => 2941
 * cols.Fs[0];  // => 2e-15
 * ```
 */
export function toSourceColumns(sources: readonly Source[]): SourceColumns {
  const n = sources.length;
  const out: Record<string, unknown> = { nRows: n };
  for (const c of SOURCE_NUMERIC_COLUMNS) {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = sources[i]![c];
    out[c] = a;
  }
  return out as SourceColumns;
}

/**
 * Builds columns from arrays you already hold (e.g. Monte Carlo draws written into preallocated buffers).
 * Arrays are used as given (not copied); a column left out is all missing (`NaN`).
 *
 * @param nRows - number of rows
 * @param columns - some or all numeric columns, each of length `nRows`
 * @returns the columns
 * @throws {ShapeMismatchError} when a column's length differs from `nRows`
 * @throws {InvalidArgumentError} for a negative or fractional `nRows`, or an unknown column name
 * @example
 * ```ts
 * const cols = sourceColumns(2, { Fs: Float64Array.of(1e-14, 2e-14), Fb: Float64Array.of(3e-14, 4e-14) });
 * cols.Gmag; // => Float64Array [NaN, NaN]
 * ```
 */
export function sourceColumns(nRows: number, columns: Partial<Record<SourceNumericColumn, Float64Array>>): SourceColumns {
  if (!Number.isInteger(nRows) || nRows < 0) throw new InvalidArgumentError(`sourceColumns requires a non-negative integer nRows, got ${nRows}`);
  for (const name of Object.keys(columns)) {
    if (!(SOURCE_NUMERIC_COLUMNS as readonly string[]).includes(name)) {
      throw new InvalidArgumentError(`sourceColumns: unknown column "${name}"`);
    }
  }
  const out: Record<string, unknown> = { nRows };
  for (const c of SOURCE_NUMERIC_COLUMNS) {
    const a = columns[c];
    if (a === undefined) {
      out[c] = new Float64Array(nRows).fill(Number.NaN);
    } else {
      if (a.length !== nRows) throw new ShapeMismatchError(`sourceColumns: column "${c}" has ${a.length} values, nRows is ${nRows}`);
      out[c] = a;
    }
  }
  return out as SourceColumns;
}

/**
 * The given rows of a column set, in order (rows may repeat). O(rows × 40).
 *
 * @param columns - the columns
 * @param rows - row indices
 * @returns new columns holding those rows
 * @throws {InvalidArgumentError} for a row index outside 0…nRows−1 (names its position)
 * @example
 * ```ts
 * const cols = toSourceColumns(syntheticTrainingSet({ seed: 1 }));
 * const some = selectSourceRows(cols, [0, 5, 9, 0]);
 * some.nRows; // => 4
 * some.Fs[3] === cols.Fs[0]; // => true
 * ```
 */
export function selectSourceRows(columns: SourceColumns, rows: ArrayLike<number>): SourceColumns {
  const n = rows.length;
  for (let k = 0; k < n; k++) {
    const i = rows[k]!;
    if (!Number.isInteger(i) || i < 0 || i >= columns.nRows) {
      throw new InvalidArgumentError(`selectSourceRows: rows[${k}] = ${i} is not a row index in 0…${columns.nRows - 1}`);
    }
  }
  const out: Record<string, unknown> = { nRows: n };
  for (const c of SOURCE_NUMERIC_COLUMNS) {
    const from = columns[c];
    const a = new Float64Array(n);
    for (let k = 0; k < n; k++) a[k] = from[rows[k]!]!;
    out[c] = a;
  }
  return out as SourceColumns;
}

/**
 * Row `i` as a {@link Source} (a new object; `name` defaults to `"row <i>"`, coordinates are `NaN`).
 *
 * @param columns - the columns
 * @param i - the row
 * @param identity - the row's name, coordinates and label, if known
 * @returns the source
 * @throws {InvalidArgumentError} for a row index outside 0…nRows−1
 * @example
 * ```ts
 * const cols = sourceColumns(1, { Fs: Float64Array.of(2e-15) });
 * sourceAt(cols, 0, { name: '2CXO J000009.3+135618' }).Fs; // => 2e-15
 * sourceAt(cols, 0).Gmag; // => NaN
 * ```
 */
export function sourceAt(
  columns: SourceColumns,
  i: number,
  identity: { readonly name?: string; readonly ra?: number; readonly dec?: number; readonly label?: string } = {},
): Source {
  if (!Number.isInteger(i) || i < 0 || i >= columns.nRows) {
    throw new InvalidArgumentError(`sourceAt: row ${i} is not in 0…${columns.nRows - 1}`);
  }
  const s: Record<string, unknown> = { name: identity.name ?? `row ${i}`, ra: identity.ra ?? Number.NaN, dec: identity.dec ?? Number.NaN };
  for (const c of SOURCE_NUMERIC_COLUMNS) s[c] = columns[c][i];
  if (identity.label !== undefined) s.label = identity.label;
  return s as Source;
}
