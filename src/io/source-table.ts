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
import { streamCsv, parseRecord, assertColumns, type Schema, type CsvOptions, type CsvRecord } from './csv';
import { SOURCE_NUMERIC_COLUMNS, type Source } from './schema';
import type { TextSource } from './text-source';

/** Options of {@link parseSourceTable}. */
export interface ReadSourceTableOptions extends CsvOptions {
  /** Column holding the source name (default `CSCv2_name`). */
  readonly nameColumn?: string;
  /** Columns holding RA and Dec in degrees (default `CSCv2_RA`, `CSCv2_DEC`; optional columns). */
  readonly raColumn?: string;
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
 * @throws {InvalidValueError} for a missing label when `requireLabel` is set (names the source and row)
 * @example
 * ```ts
 * const csv = formatCsv(['CSCv2_name', 'True_Class', ...SOURCE_NUMERIC_COLUMNS], [{ CSCv2_name: 'A', True_Class: 'AGN', Fb: 1e-14 }]);
 * const t = await parseSourceTable(csv, { requireLabel: true });
 * t.sources[0].label; // => 'AGN'
 * t.sources[0].Fb;    // => 1e-14
 * t.sources[0].Gmag;  // => NaN
 * ```
 */
export async function parseSourceTable(input: TextSource, options: ReadSourceTableOptions = {}): Promise<SourceTable> {
  const sourceName = options.sourceName;
  const nameColumn = options.nameColumn ?? 'CSCv2_name';
  const raColumn = options.raColumn ?? 'CSCv2_RA';
  const decColumn = options.decColumn ?? 'CSCv2_DEC';
  const classColumn = options.classColumn ?? 'True_Class';
  const optional = options.optionalColumns === 'all' ? new Set<string>(SOURCE_NUMERIC_COLUMNS) : new Set(options.optionalColumns ?? []);
  for (const c of optional) {
    if (!(SOURCE_NUMERIC_COLUMNS as readonly string[]).includes(c)) {
      throw new InvalidArgumentError(`parseSourceTable: optionalColumns names "${c}", which is not a feature column`);
    }
  }

  const csv = await streamCsv(input, options);
  const { columns } = csv;
  const schema: Record<string, Schema[string]> = {
    [nameColumn]: { type: 'string' },
    [raColumn]: { type: 'number', required: false },
    [decColumn]: { type: 'number', required: false },
  };
  for (const c of SOURCE_NUMERIC_COLUMNS) schema[c] = { type: 'number', required: !optional.has(c) };
  if (options.requireLabel === true || columns.includes(classColumn)) schema[classColumn] = { type: 'string' };
  try {
    assertColumns(columns, schema, sourceName);
  } catch (e) {
    await csv.records.return(undefined);
    throw e;
  }
  const absentColumns = SOURCE_NUMERIC_COLUMNS.filter((c) => !columns.includes(c));

  const sources: Source[] = [];
  const records: CsvRecord[] = [];
  for await (const record of csv.records) {
    const r = parseRecord(record, schema, sourceName) as Record<string, number | string | undefined>;
    const label = r[classColumn] as string | undefined;
    if (options.requireLabel === true && (label === undefined || label === '')) {
      throw new InvalidValueError('missing class label', { source: sourceName, row: record.row, column: classColumn });
    }
    const source: Record<string, unknown> = { name: r[nameColumn], ra: r[raColumn], dec: r[decColumn] };
    for (const c of SOURCE_NUMERIC_COLUMNS) source[c] = r[c];
    if (label !== undefined && label !== '') source.label = label;
    sources.push(source as Source);
    records.push(record);
  }
  return { sources, records, columns, absentColumns };
}
