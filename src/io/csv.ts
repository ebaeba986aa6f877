/**
 * Streaming CSV input and output with fast-csv, with typed row schemas.
 *
 * Reading keeps every cell as text until a schema says what it is; numbers are parsed strictly
 * ({@link parseNumberCell}): empty = missing (`NaN`), never 0. Errors name the file, the 1-based data row
 * (the header is row 0) and the column.
 *
 * @module
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

import { parse, format } from 'fast-csv';

import { InvalidValueError, MissingColumnError } from '../core/errors';
import { formatNumberCell, parseBooleanCell, parseNumberCell } from './cells';

/** One data row as read: the cells by column name, and its 1-based data row number. */
export interface CsvRecord {
  /** 1-based data row number (header = row 0). */
  readonly row: number;
  /** Cell text by column name (as in the header; duplicated names get `.1`, `.2`, … suffixes like pandas). */
  readonly cells: Readonly<Record<string, string>>;
}

/** Options of {@link readCsv}. */
export interface ReadCsvOptions {
  /** Field delimiter (default `,`). */
  readonly delimiter?: string;
  /** Name used in error messages (default: the path). */
  readonly sourceName?: string;
}

/**
 * Renames repeated header names the way pandas does (`a, a` → `a, a.1`), skipping names already taken.
 *
 * @example
 * ```ts
 * dedupeHeaders(['x', 'y', 'x']); // ['x', 'y', 'x.1']
 * ```
 */
export function dedupeHeaders(headers: readonly string[]): string[] {
  const original = new Set(headers);
  const seen = new Set<string>();
  return headers.map((h) => {
    let name = h;
    for (let k = 1; seen.has(name); k++) {
      name = `${h}.${k}`;
      if (original.has(name)) name = h; // taken by a later header: try the next suffix
    }
    seen.add(name);
    return name;
  });
}

/**
 * Reads a CSV file as a stream of {@link CsvRecord}s. The first line is the header; blank lines are skipped;
 * header names are trimmed; a row with more cells than the header throws.
 *
 * @param path - the CSV file
 * @returns an async iterable of records; `columns` resolves with the header once it has been read
 * @throws {InvalidValueError} for a row with more cells than the header (names the file and row)
 * @example
 * ```ts
 * for await (const { row, cells } of readCsv('sources.csv')) console.log(row, cells.CSCv2_name);
 * ```
 */
export async function* readCsv(path: string, options: ReadCsvOptions = {}): AsyncGenerator<CsvRecord, void, undefined> {
  const sourceName = options.sourceName ?? path;
  const parser = createReadStream(path).pipe(parse({ headers: false, ignoreEmpty: true, delimiter: options.delimiter ?? ',' }));
  let header: string[] | undefined;
  let row = 0;
  for await (const raw of parser as AsyncIterable<string[]>) {
    if (header === undefined) {
      header = dedupeHeaders(raw.map((h) => h.trim()));
      continue;
    }
    row++;
    if (raw.length > header.length) {
      parser.destroy();
      throw new InvalidValueError(`row has ${raw.length} cells but the header has ${header.length}`, { source: sourceName, row });
    }
    const cells: Record<string, string> = {};
    for (let j = 0; j < header.length; j++) cells[header[j]!] = raw[j] ?? '';
    yield { row, cells };
  }
}

/**
 * Reads just the header line of a CSV file (after {@link dedupeHeaders}).
 *
 * @example
 * ```ts
 * const columns = await readCsvHeader('td.csv'); // ['CSCv2_name', 'CSCv2_RA', …]
 * ```
 */
export async function readCsvHeader(path: string, options: ReadCsvOptions = {}): Promise<string[]> {
  const parser = createReadStream(path).pipe(parse({ headers: false, ignoreEmpty: true, delimiter: options.delimiter ?? ',', maxRows: 1 }));
  for await (const raw of parser as AsyncIterable<string[]>) {
    parser.destroy();
    return dedupeHeaders(raw.map((h) => h.trim()));
  }
  return [];
}

/** The type of one schema column. */
export type ColumnType = 'number' | 'string' | 'boolean';

/** One column of a {@link Schema}. */
export interface ColumnSpec {
  readonly type: ColumnType;
  /** A required column that is absent from the header throws {@link MissingColumnError} (default true). */
  readonly required?: boolean;
}

/** A typed row schema: column name → spec. */
export type Schema = Readonly<Record<string, ColumnSpec>>;

/** The parsed row type of a schema: numbers (`NaN` = missing), strings (trimmed) and booleans (`undefined` = missing). */
export type RowOf<S extends Schema> = {
  -readonly [K in keyof S]: S[K]['type'] extends 'number' ? number : S[K]['type'] extends 'boolean' ? boolean | undefined : string;
};

/**
 * Checks that every required column of `schema` is in `columns`.
 *
 * @throws {MissingColumnError} naming the first missing column and the file
 * @example
 * ```ts
 * assertColumns(['name', 'Fs'], { name: { type: 'string' }, Fb: { type: 'number' } }, 'field.csv');
 * // throws MissingColumnError: missing required column "Fb" in field.csv
 * ```
 */
export function assertColumns(columns: readonly string[], schema: Schema, sourceName?: string): void {
  const have = new Set(columns);
  for (const [name, spec] of Object.entries(schema)) {
    if (spec.required !== false && !have.has(name)) throw new MissingColumnError(name, sourceName);
  }
}

/**
 * Parses one record's cells with a schema. Absent optional columns give `NaN` / `''` / `undefined`.
 *
 * @throws {MalformedNumberError | InvalidValueError} naming the file, row and column
 * @example
 * ```ts
 * parseRecord({ row: 3, cells: { Fs: '2e-15', flag: 'TRUE' } }, { Fs: { type: 'number' }, flag: { type: 'boolean' } });
 * // { Fs: 2e-15, flag: true }
 * ```
 */
export function parseRecord<S extends Schema>(record: CsvRecord, schema: S, sourceName?: string): RowOf<S> {
  const out: Record<string, unknown> = {};
  for (const [column, spec] of Object.entries(schema)) {
    const text = record.cells[column];
    const location = { source: sourceName, row: record.row, column };
    if (spec.type === 'number') out[column] = parseNumberCell(text, location);
    else if (spec.type === 'boolean') out[column] = parseBooleanCell(text, location);
    else out[column] = (text ?? '').trim();
  }
  return out as RowOf<S>;
}

/**
 * Reads a CSV file into typed rows, streaming: the header is checked against the schema before any row is
 * parsed, then each row is parsed as it arrives.
 *
 * @param path - the CSV file
 * @param schema - the columns to read and their types; other columns are ignored
 * @throws {MissingColumnError} for a required column absent from the header
 * @throws {MalformedNumberError} for a cell that is not a number, naming file, row and column
 * @example
 * ```ts
 * const schema = { CSCv2_name: { type: 'string' }, Fb: { type: 'number' } } as const;
 * for await (const r of readTable('td.csv', schema)) console.log(r.CSCv2_name, r.Fb);
 * ```
 */
export async function* readTable<S extends Schema>(path: string, schema: S, options: ReadCsvOptions = {}): AsyncGenerator<RowOf<S>, void, undefined> {
  const sourceName = options.sourceName ?? path;
  assertColumns(await readCsvHeader(path, options), schema, sourceName);
  for await (const record of readCsv(path, options)) yield parseRecord(record, schema, sourceName);
}

/** A cell value accepted by {@link writeCsv}: numbers are written at full precision, `NaN`/`undefined` as empty. */
export type CellValue = number | string | boolean | undefined | null;

/**
 * Writes rows to a CSV file (streaming through fast-csv): numbers at full double precision, missing values
 * (`NaN`, `undefined`, `null`) as empty cells, quoting where needed.
 *
 * @param path - output file (overwritten)
 * @param columns - the header, in order
 * @param rows - rows as records keyed by column name (missing keys are empty cells), sync or async iterable
 * @example
 * ```ts
 * await writeCsv('out.csv', ['name', 'Fb'], [{ name: 'src 1', Fb: 1.5e-14 }]);
 * ```
 */
export async function writeCsv(
  path: string,
  columns: readonly string[],
  rows: Iterable<Readonly<Record<string, CellValue>>> | AsyncIterable<Readonly<Record<string, CellValue>>>,
): Promise<void> {
  const out = createWriteStream(path);
  const formatter = format({ headers: [...columns], writeHeaders: true, includeEndRowDelimiter: true });
  formatter.pipe(out);
  for await (const row of rows) {
    const cells = columns.map((c) => formatCell(row[c]));
    if (!formatter.write(cells)) await once(formatter, 'drain');
  }
  formatter.end();
  await finished(out);
}

function formatCell(value: CellValue): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return formatNumberCell(value);
  return String(value);
}
