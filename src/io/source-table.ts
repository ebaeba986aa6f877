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
import { readCsv, readCsvHeader, parseRecord, assertColumns, type Schema, type ReadCsvOptions, type CsvRecord } from './csv';

/** The CSC energy bands: soft 0.5–1.2, medium 1.2–2, hard 2–7 and broad 0.5–7 keV. */
export const XRAY_BANDS = ['s', 'm', 'h', 'b'] as const;
/** A CSC energy band. */
export type XrayBand = (typeof XRAY_BANDS)[number];

/** The photometric bands of the paper's Table 3: Gaia G, BP, RP; 2MASS J, H, K; WISE W1, W2, W3. */
export const MAGNITUDE_BANDS = ['G', 'BP', 'RP', 'J', 'H', 'K', 'W1', 'W2', 'W3'] as const;
/** A photometric band of the paper's Table 3. */
export type MagnitudeBand = (typeof MAGNITUDE_BANDS)[number];

/** The flux columns `Fs, Fm, Fh, Fb`. */
export type FluxColumn = `F${XrayBand}`;
/** The magnitude columns `Gmag … W3mag`. */
export type MagnitudeColumn = `${MagnitudeBand}mag`;

/** The flux columns `Fs, Fm, Fh, Fb`, in band order. */
export const FLUX_COLUMNS: readonly FluxColumn[] = XRAY_BANDS.map((b) => `F${b}` as const);
/** The magnitude columns `Gmag … W3mag`, in band order. */
export const MAGNITUDE_COLUMNS: readonly MagnitudeColumn[] = MAGNITUDE_BANDS.map((b) => `${b}mag` as const);

/**
 * One X-ray source: the measured quantities the classifier's features are built from.
 * Column names follow the training set (`e_X` is the 1-sigma error of `X`). Missing values are `NaN`.
 */
export type Source = {
  /** Source name, e.g. `"2CXO J000009.3+135618"`. */
  readonly name: string;
  /** Right ascension, deg (`NaN` if unknown). */
  readonly ra: number;
  /** Declination, deg (`NaN` if unknown). */
  readonly dec: number;
  /** Maximum Kuiper intra-observation variability probability. */
  readonly P_intra: number;
  /** Inter-observation variability probability (chi-square CDF, eq. 4). */
  readonly P_inter: number;
  /** The class label of a training source (e.g. `"AGN"`); `undefined` for a source to classify. */
  readonly label?: string;
} & { readonly [K in FluxColumn | `e_${FluxColumn}` | MagnitudeColumn | `e_${MagnitudeColumn}`]: number };

/** Options of {@link readSourceTable}. */
export interface ReadSourceTableOptions extends ReadCsvOptions {
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

/** What {@link readSourceTable} returns. */
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

/** The numeric columns of a {@link Source}, in training-set order. */
export const SOURCE_NUMERIC_COLUMNS: readonly (FluxColumn | `e_${FluxColumn}` | MagnitudeColumn | `e_${MagnitudeColumn}` | 'P_intra' | 'P_inter')[] = [
  ...FLUX_COLUMNS.flatMap((c) => [c, `e_${c}` as const]),
  'P_intra',
  'P_inter',
  ...MAGNITUDE_COLUMNS.flatMap((c) => [c, `e_${c}` as const]),
];

/**
 * Reads a source table (training set or field) in the training-set schema, streaming.
 *
 * @param path - CSV file in the schema of `muwclass_td_cscv2.csv`
 * @throws {MissingColumnError} for an absent required column (names the file and column)
 * @throws {MalformedNumberError} for a malformed number (names the file, row and column)
 * @throws {InvalidValueError} for a missing label when `requireLabel` is set (names the file and row)
 * @example
 * ```ts
 * const td = await readSourceTable('../shared/data/td/muwclass_td_cscv2.csv', { requireLabel: true });
 * td.sources.length;    // 2941
 * td.sources[0].label;  // "AGN"
 * ```
 */
export async function readSourceTable(path: string, options: ReadSourceTableOptions = {}): Promise<SourceTable> {
  const sourceName = options.sourceName ?? path;
  const nameColumn = options.nameColumn ?? 'CSCv2_name';
  const raColumn = options.raColumn ?? 'CSCv2_RA';
  const decColumn = options.decColumn ?? 'CSCv2_DEC';
  const classColumn = options.classColumn ?? 'True_Class';
  const optional = options.optionalColumns === 'all' ? new Set<string>(SOURCE_NUMERIC_COLUMNS) : new Set(options.optionalColumns ?? []);
  for (const c of optional) {
    if (!(SOURCE_NUMERIC_COLUMNS as readonly string[]).includes(c)) {
      throw new InvalidArgumentError(`readSourceTable: optionalColumns names "${c}", which is not a feature column`);
    }
  }

  const columns = await readCsvHeader(path, options);
  const schema: Record<string, Schema[string]> = {
    [nameColumn]: { type: 'string' },
    [raColumn]: { type: 'number', required: false },
    [decColumn]: { type: 'number', required: false },
  };
  for (const c of SOURCE_NUMERIC_COLUMNS) schema[c] = { type: 'number', required: !optional.has(c) };
  if (options.requireLabel === true || columns.includes(classColumn)) schema[classColumn] = { type: 'string' };
  assertColumns(columns, schema, sourceName);
  const absentColumns = SOURCE_NUMERIC_COLUMNS.filter((c) => !columns.includes(c));

  const sources: Source[] = [];
  const records: CsvRecord[] = [];
  for await (const record of readCsv(path, options)) {
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
