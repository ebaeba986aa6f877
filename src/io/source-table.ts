/**
 * The source table: one row per X-ray source in the schema of the paper's training set
 * (`muwclass_td_cscv2.csv`): averaged CSC band fluxes with errors, variability probabilities, and Gaia,
 * 2MASS and WISE magnitudes with errors. Training sets and fields to classify share this schema; a
 * training set adds the class label.
 *
 * Units: fluxes erg s⁻¹ cm⁻² (0.5–1.2, 1.2–2, 2–7, 0.5–7 keV for s, m, h, b), magnitudes in mag (Vega),
 * coordinates in degrees. Missing values are `NaN`.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError } from '../core/errors';
import { streamCsv, parseRecord, assertStreamColumns, type ColumnSpec, type Schema, type CsvOptions, type CsvRecord } from './csv';
import { FLUX_COLUMNS, SOURCE_NUMERIC_COLUMNS, type Source } from './schema';
import type { TextSource } from './text-source';
import { sourceColumns, type SourceColumns } from './source-columns';

/**
 * The physical range of each column of the source table, enforced by {@link parseSourceTable}: RA in
 * [0, 360) deg, Dec in [−90, 90] deg, band fluxes `Fs … Fb` ≥ 0, every 1-sigma error `e_*` ≥ 0, the
 * variability probabilities `P_intra`, `P_inter` in [0, 1]; magnitudes are unbounded. A missing value is
 * always allowed.
 *
 * @example
 * ```ts
 * SOURCE_COLUMN_RANGES.ra;      // => { min: 0, maxExclusive: 360 }
 * SOURCE_COLUMN_RANGES.P_inter; // => { min: 0, max: 1 }
 * SOURCE_COLUMN_RANGES.e_Gmag;  // => { min: 0 }
 * SOURCE_COLUMN_RANGES.Gmag;    // => {}
 * ```
 */
export const SOURCE_COLUMN_RANGES: Readonly<Record<'ra' | 'dec' | (typeof SOURCE_NUMERIC_COLUMNS)[number], Pick<ColumnSpec, 'min' | 'max' | 'maxExclusive'>>> = Object.freeze({
  ra: Object.freeze({ min: 0, maxExclusive: 360 }),
  dec: Object.freeze({ min: -90, max: 90 }),
  ...Object.fromEntries(
    SOURCE_NUMERIC_COLUMNS.map((c): [string, Pick<ColumnSpec, 'min' | 'max' | 'maxExclusive'>] => [
      c,
      Object.freeze(c.startsWith('e_') || (FLUX_COLUMNS as readonly string[]).includes(c) ? { min: 0 } : c === 'P_intra' || c === 'P_inter' ? { min: 0, max: 1 } : {}),
    ]),
  ),
} as Record<'ra' | 'dec' | (typeof SOURCE_NUMERIC_COLUMNS)[number], Pick<ColumnSpec, 'min' | 'max' | 'maxExclusive'>>);

/** Options of {@link parseSourceTable}. */
export interface ReadSourceTableOptions extends CsvOptions {
  /** Column holding the source name (default `CSCv2_name`). */
  readonly nameColumn?: string;
  /** Column holding the right ascension in degrees, [0, 360) (default `CSCv2_RA`; the column may be absent). */
  readonly raColumn?: string;
  /** Column holding the declination in degrees, [−90, 90] (default `CSCv2_DEC`; the column may be absent). */
  readonly decColumn?: string;
  /**
   * Column holding the class label (default `True_Class`). With `requireLabel` it must exist and every row
   * must have a label; otherwise it is read when present.
   */
  readonly classColumn?: string;
  /** Require the class column and a label on every row (a training set). Default false. */
  readonly requireLabel?: boolean;
  /**
   * Feature columns that may be absent from the file (their values become `NaN` and are listed in
   * {@link SourceTable.absentColumns}). By default every flux, error, probability and magnitude column is required,
   * so a misspelt column is never silently read as "no counterpart".
   */
  readonly optionalColumns?: readonly string[] | 'all';
}

/** What {@link parseSourceTable} returns. */
export interface SourceTable {
  /** The sources, in file order. */
  readonly sources: Source[];
  /** The raw text of every row, by column name (for passing the user's own columns through to an output). */
  readonly records: readonly CsvRecord[];
  /** The file's columns, in order. */
  readonly columns: readonly string[];
  /** Feature columns that were allowed to be absent and were (their values are `NaN`). */
  readonly absentColumns: readonly string[];
}

/**
 * Parses a source table (training set or field) in the training-set schema, streaming: from a string, bytes, a
 * browser `File.stream()` or `fetch` body, or a Node file stream (`readSourceTable(path)` in `muwclass/node`
 * reads a file by path through this function).
 *
 * @param input - CSV text in the schema of `muwclass_td_cscv2.csv` (see {@link TextSource})
 * @param options - column names, label and optional-column rules, source name for errors
 * @returns the sources, their raw records and the columns
 * @throws {MissingColumnError} for an absent required column (names the source and column)
 * @throws {MalformedNumberError} for a malformed number (names the source, row and column)
 * @throws {InvalidValueError} for a value outside its physical range ({@link SOURCE_COLUMN_RANGES}: RA in
 *   [0, 360), Dec in [−90, 90], fluxes and errors ≥ 0, probabilities in [0, 1]), a row with more or fewer cells
 *   than the header, or a missing label when `requireLabel` is set (names the source, row and column)
 * @throws {ParseError} for malformed CSV, a repeated column name or a column named `__proto__`
 * @example
 * ```ts
 * const csv = formatCsv(['CSCv2_name', 'True_Class', ...SOURCE_NUMERIC_COLUMNS], [{ CSCv2_name: 'A', True_Class: 'AGN', Fb: 1e-14 }]);
 * const t = await parseSourceTable(csv, { requireLabel: true });
 * t.sources[0].label; // => 'AGN'
 * t.sources[0].Fb;    // => 1e-14
 * t.sources[0].Gmag;  // => NaN
 * const bad = formatCsv(['CSCv2_name', 'CSCv2_RA', ...SOURCE_NUMERIC_COLUMNS], [{ CSCv2_name: 'B', CSCv2_RA: 400 }]);
 * await parseSourceTable(bad, { sourceName: 'field.csv' }); // throws InvalidValueError: value 400 is outside the column's range [0, 360) (in field.csv, row 1, column "CSCv2_RA")
 * ```
 */
export async function parseSourceTable(input: TextSource, options: ReadSourceTableOptions = {}): Promise<SourceTable> {
  const reader = await openSourceRows(input, options, 'parseSourceTable');
  const sources: Source[] = [];
  const records: CsvRecord[] = [];
  for await (const { record, r } of reader.rows) {
    const source: Record<string, unknown> = { name: r[reader.nameColumn], ra: r[reader.raColumn], dec: r[reader.decColumn] };
    for (const c of SOURCE_NUMERIC_COLUMNS) source[c] = r[c];
    const label = r[reader.classColumn] as string | undefined;
    if (label !== undefined && label !== '') source.label = label;
    sources.push(source as Source);
    records.push(record);
  }
  return { sources, records, columns: reader.columns, absentColumns: reader.absentColumns };
}

/** The rows of a source table, parsed and checked, one at a time (shared by the table and column readers). */
async function openSourceRows(
  input: TextSource,
  options: ReadSourceTableOptions & { readonly numericColumns?: Readonly<Record<string, ColumnSpec>> },
  caller: string,
): Promise<{
  columns: string[];
  absentColumns: string[];
  nameColumn: string;
  raColumn: string;
  decColumn: string;
  classColumn: string;
  rows: AsyncGenerator<{ record: CsvRecord; r: Record<string, number | string | undefined> }, void, undefined>;
}> {
  const sourceName = options.sourceName;
  const nameColumn = options.nameColumn ?? 'CSCv2_name';
  const raColumn = options.raColumn ?? 'CSCv2_RA';
  const decColumn = options.decColumn ?? 'CSCv2_DEC';
  const classColumn = options.classColumn ?? 'True_Class';
  const optional = options.optionalColumns === 'all' ? new Set<string>(SOURCE_NUMERIC_COLUMNS) : new Set(options.optionalColumns ?? []);
  for (const c of optional) {
    if (!(SOURCE_NUMERIC_COLUMNS as readonly string[]).includes(c)) {
      throw new InvalidArgumentError(`${caller}: optionalColumns names "${c}", which is not a feature column`);
    }
  }

  const csv = await streamCsv(input, options);
  const { columns } = csv;
  const schema: Record<string, Schema[string]> = {
    [nameColumn]: { type: 'string' },
    [raColumn]: { type: 'number', required: false, ...SOURCE_COLUMN_RANGES.ra },
    [decColumn]: { type: 'number', required: false, ...SOURCE_COLUMN_RANGES.dec },
  };
  for (const c of SOURCE_NUMERIC_COLUMNS) schema[c] = { type: 'number', required: !optional.has(c), ...SOURCE_COLUMN_RANGES[c] };
  if (options.requireLabel === true || columns.includes(classColumn)) schema[classColumn] = { type: 'string' };
  for (const [c, spec] of Object.entries(options.numericColumns ?? {})) schema[c] = { ...spec, type: 'number' };
  await assertStreamColumns(csv, schema, sourceName);
  const absentColumns = SOURCE_NUMERIC_COLUMNS.filter((c) => !columns.includes(c));
  async function* rows(): AsyncGenerator<{ record: CsvRecord; r: Record<string, number | string | undefined> }, void, undefined> {
    for await (const record of csv.records) {
      const r = parseRecord(record, schema, sourceName) as Record<string, number | string | undefined>;
      if (options.requireLabel === true && (r[classColumn] === undefined || r[classColumn] === '')) {
        throw new InvalidValueError('missing class label', { source: sourceName, row: record.row, column: classColumn });
      }
      yield { record, r };
    }
  }
  return { columns, absentColumns, nameColumn, raColumn, decColumn, classColumn, rows: rows() };
}

/** Options of {@link parseSourceColumns}. */
export interface SourceColumnsOptions extends ReadSourceTableOptions {
  /** More numeric columns to read, e.g. `{ ebv: { min: 0 } }` (parsed and range-checked like the feature columns). */
  readonly numericColumns?: Readonly<Record<string, Omit<ColumnSpec, 'type'>>>;
}

/** What {@link parseSourceColumns} returns: the sources as columns, with their names, positions and labels. */
export interface SourceColumnTable {
  /** The numeric columns of the sources (`Fs`, `e_Fs`, …), in file order. */
  readonly sources: SourceColumns;
  /** Source names, in file order. */
  readonly names: string[];
  /** Right ascension per source, deg (`NaN` where absent). */
  readonly ra: Float64Array;
  /** Declination per source, deg (`NaN` where absent). */
  readonly dec: Float64Array;
  /** Class labels (`undefined` where empty), when the file has the class column. */
  readonly labels?: (string | undefined)[];
  /** The extra numeric columns asked for in `numericColumns`. */
  readonly numeric: Readonly<Record<string, Float64Array>>;
  /** The file's columns, in order. */
  readonly columns: readonly string[];
  /** Feature columns that were allowed to be absent and were. */
  readonly absentColumns: readonly string[];
}

/** A Float64Array that grows by doubling. */
class GrowingColumn {
  data = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }
  done(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Parses a source table straight into columns — one `Float64Array` per numeric column, with the names — for
 * fields too large to hold as one object per source (about 250 bytes per source instead of 10 KB). The same
 * schema, checks and errors as {@link parseSourceTable}; the raw records are not kept (stream the input again
 * to copy the user's own columns through to an output).
 *
 * @param input - CSV text in the training-set schema (see {@link TextSource})
 * @param options - as {@link parseSourceTable}, plus `numericColumns` to read more numeric columns (e.g. E(B−V))
 * @returns the columns, names, positions, labels and extra columns
 * @throws as {@link parseSourceTable}
 * @example
 * ```ts
 * const csv = formatCsv(['CSCv2_name', 'ebv', ...SOURCE_NUMERIC_COLUMNS], [{ CSCv2_name: 'A', ebv: 0.3, Fb: 1e-14 }, { CSCv2_name: 'B', ebv: 0.5 }]);
 * const t = await parseSourceColumns(csv, { numericColumns: { ebv: { min: 0 } } });
 * t.sources.nRows;  // => 2
 * t.sources.Fb;     // => Float64Array [1e-14, NaN]
 * t.numeric.ebv;    // => Float64Array [0.3, 0.5]
 * t.names;          // => ['A', 'B']
 * ```
 */
export async function parseSourceColumns(input: TextSource, options: SourceColumnsOptions = {}): Promise<SourceColumnTable> {
  const extra = Object.keys(options.numericColumns ?? {});
  const reader = await openSourceRows(input, options as ReadSourceTableOptions & { numericColumns?: Record<string, ColumnSpec> }, 'parseSourceColumns');
  const numeric = SOURCE_NUMERIC_COLUMNS.map(() => new GrowingColumn());
  const more = extra.map(() => new GrowingColumn());
  const ra = new GrowingColumn();
  const dec = new GrowingColumn();
  const names: string[] = [];
  const hasLabels = reader.columns.includes(reader.classColumn);
  const labels: (string | undefined)[] = [];
  for await (const { r } of reader.rows) {
    names.push(r[reader.nameColumn] as string);
    ra.push(r[reader.raColumn] as number);
    dec.push(r[reader.decColumn] as number);
    SOURCE_NUMERIC_COLUMNS.forEach((c, k) => numeric[k]!.push(r[c] as number));
    extra.forEach((c, k) => more[k]!.push(r[c] as number));
    if (hasLabels) {
      const label = r[reader.classColumn] as string | undefined;
      labels.push(label === '' ? undefined : label);
    }
  }
  const sources = sourceColumns(names.length, Object.fromEntries(SOURCE_NUMERIC_COLUMNS.map((c, k) => [c, numeric[k]!.done()])));
  const out: { -readonly [K in keyof SourceColumnTable]: SourceColumnTable[K] } = {
    sources,
    names,
    ra: ra.done(),
    dec: dec.done(),
    numeric: Object.fromEntries(extra.map((c, k) => [c, more[k]!.done()])),
    columns: reader.columns,
    absentColumns: reader.absentColumns,
  };
  if (hasLabels) out.labels = labels;
  return out;
}
