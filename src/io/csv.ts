/**
 * CSV parsing and formatting on strings and web-standard streams, with typed row schemas — no I/O: the Node
 * adapter (`muwclass/node`) reads and writes files through these functions, a web page parses a dropped file's
 * `file.stream()` with them.
 *
 * The parser is RFC 4180 (quoted fields with `""` escapes and embedded delimiters or line breaks; `\n`, `\r\n` or
 * `\r` line ends). It keeps every cell as text until a schema says what it is; numbers are parsed strictly
 * ({@link parseNumberCell}): empty = missing (`NaN`), never 0. Errors name the source, the 1-based data row
 * (the header is row 0) and the column.
 *
 * Why not fast-csv: it extends Node stream classes (so it cannot run in a browser) and is slower than this
 * parser (`npm run bench:csv`: see the guide's performance notes); it stays as a development dependency, the
 * peer of the benchmark and of a cross-check test.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError, MissingColumnError, ParseError } from '../core/errors';
import { formatNumberCell, parseBooleanCell, parseNumberCell } from './cells';
import { textChunks, type TextSource } from './text-source';

/** One data row as read: the cells by column name, and its 1-based data row number. */
export interface CsvRecord {
  /** 1-based data row number (header = row 0; blank lines are not counted). */
  readonly row: number;
  /** Cell text by column name (as in the header; duplicated names get `.1`, `.2`, … suffixes like pandas). */
  readonly cells: Readonly<Record<string, string>>;
}

/** Options of the CSV parsers. */
export interface CsvOptions {
  /** Field delimiter, one character (default `,`). */
  readonly delimiter?: string;
  /** Name used in error messages (e.g. the file name). */
  readonly sourceName?: string;
}

/** A CSV text parsed whole: the header (after {@link dedupeHeaders}) and the data rows. */
export interface CsvTable {
  /** The column names, in order. */
  readonly columns: string[];
  /** The data rows, in order. */
  readonly records: CsvRecord[];
}

/** A CSV being read: the header, and the data rows as they arrive. */
export interface CsvStream {
  /** The column names, in order. */
  readonly columns: string[];
  /** The data rows, in order, parsed as the text arrives; read once. Stopping early releases the input. */
  readonly records: AsyncGenerator<CsvRecord, void, undefined>;
}

/**
 * Renames repeated header names the way pandas does (`a, a` → `a, a.1`), skipping names already taken.
 *
 * @example
 * ```ts
 * dedupeHeaders(['x', 'y', 'x']); // => ['x', 'y', 'x.1']
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


const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * The incremental RFC 4180 tokenizer: text goes in by chunks, complete rows come out. Blank lines (nothing but
 * white space, no quotes) are dropped; a line of delimiters is a row of empty cells. Errors name the data row
 * (the header is row 0, blank lines are not counted) and the line.
 */
class CsvTokenizer {
  private rest = '';
  private line = 1;
  /** Rows emitted so far (the header included): the data row number of the next row. */
  private emitted = 0;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly sourceName: string | undefined,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new InvalidArgumentError(`CSV delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Adds a chunk of text; appends the rows it completes to `out`. */
  push(chunk: string, out: string[][]): void {
    const text = this.rest === '' ? chunk : this.rest + chunk;
    this.rest = text.slice(this.scan(text, false, out));
  }

  /** Ends the text; appends the last row to `out`. */
  end(out: string[][]): void {
    const text = this.rest;
    this.rest = '';
    this.scan(text, true, out);
  }

  /** Parses complete rows of `text` into `out`; returns where the unfinished tail starts. */
  private scan(text: string, final: boolean, out: string[][]): number {
    const n = text.length;
    const d = this.delimiter;
    let i = 0;
    while (i < n) {
      const rowStart = i;
      const rowLine = this.line;
      let newlines = 0;
      const cells: string[] = [];
      let quoted = false;
      for (;;) {
        if (i < n && text.charCodeAt(i) === QUOTE) {
          let value = '';
          let from = i + 1;
          for (;;) {
            const q = text.indexOf('"', from);
            if (q < 0 || (q + 1 >= n && !final)) {
              if (!final) return this.unfinished(rowStart, rowLine);
              throw new ParseError(`unclosed quote (opened on line ${rowLine + newlines})`, { source: this.sourceName, row: this.emitted });
            }
            if (text.charCodeAt(q + 1) === QUOTE) {
              value += text.slice(from, q + 1);
              from = q + 2;
              continue;
            }
            value += text.slice(from, q);
            i = q + 1;
            break;
          }
          for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) newlines++;
          cells.push(value);
          quoted = true;
          if (i >= n) break;
          const c = text.charCodeAt(i);
          if (c === d) {
            i++;
            continue;
          }
          if (c !== LF && c !== CR) {
            throw new ParseError(`unexpected ${JSON.stringify(text[i])} after a closing quote on line ${rowLine + newlines} (a quote inside a quoted field is written "")`, {
              source: this.sourceName,
              row: this.emitted,
            });
          }
        } else {
          let j = i;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === d || c === LF || c === CR) break;
            j++;
          }
          if (j >= n && !final) return this.unfinished(rowStart, rowLine);
          cells.push(text.slice(i, j));
          i = j;
          if (i >= n) break;
          if (text.charCodeAt(i) === d) {
            i++;
            continue;
          }
        }
        // a line break ends the row
        if (text.charCodeAt(i) === CR) {
          if (i + 1 >= n && !final) return this.unfinished(rowStart, rowLine);
          i += text.charCodeAt(i + 1) === LF ? 2 : 1;
        } else {
          i++;
        }
        break;
      }
      this.line = rowLine + newlines + 1;
      if (quoted || cells.length > 1 || cells[0]!.trim() !== '') {
        out.push(cells);
        this.emitted++;
      }
    }
    return n;
  }

  private unfinished(rowStart: number, rowLine: number): number {
    this.line = rowLine;
    return rowStart;
  }
}

/** Turns raw rows into records against a header; the first raw row is the header. */
class RecordBuilder {
  columns: string[] | undefined;
  private row = 0;

  constructor(private readonly sourceName: string | undefined) {}

  /** The record of a raw row, or `undefined` for the header row. */
  add(raw: string[]): CsvRecord | undefined {
    if (this.columns === undefined) {
      this.columns = dedupeHeaders(raw.map((h) => h.trim()));
      return undefined;
    }
    this.row++;
    const header = this.columns;
    if (raw.length > header.length) {
      throw new InvalidValueError(`row has ${raw.length} cells but the header has ${header.length}`, { source: this.sourceName, row: this.row });
    }
    const cells: Record<string, string> = {};
    for (let j = 0; j < header.length; j++) cells[header[j]!] = raw[j] ?? '';
    return { row: this.row, cells };
  }
}

/**
 * Parses a whole CSV string. The first row is the header (names trimmed, repeats renamed by
 * {@link dedupeHeaders}); blank lines are skipped; a row with more cells than the header throws, a shorter row
 * reads its missing cells as empty. A line of delimiters (`,,`) is a row of empty cells. Runs in O(length of
 * the text).
 *
 * @param text - the CSV text
 * @param options - delimiter, source name for errors
 * @returns the columns and the records
 * @throws {ParseError} for an unclosed quote or text after a closing quote (names the source and row)
 * @throws {InvalidValueError} for a row with more cells than the header (names the source and row)
 * @example
 * ```ts
 * const t = parseCsv('name,Fb\n"src, 1",1.5e-14\n');
 * t.columns;                 // => ['name', 'Fb']
 * t.records[0].cells.name;   // => 'src, 1'
 * t.records[0].row;          // => 1
 * ```
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const tokenizer = new CsvTokenizer(options.delimiter ?? ',', options.sourceName);
  const raw: string[][] = [];
  tokenizer.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, raw);
  tokenizer.end(raw);
  const builder = new RecordBuilder(options.sourceName);
  const records: CsvRecord[] = [];
  for (const r of raw) {
    const record = builder.add(r);
    if (record !== undefined) records.push(record);
  }
  return { columns: builder.columns ?? [], records };
}

async function* rawRows(input: TextSource, options: CsvOptions): AsyncGenerator<string[], void, undefined> {
  const tokenizer = new CsvTokenizer(options.delimiter ?? ',', options.sourceName);
  const rows: string[][] = [];
  for await (const chunk of textChunks(input, options.sourceName)) {
    tokenizer.push(chunk, rows);
    for (const r of rows) yield r;
    rows.length = 0;
  }
  tokenizer.end(rows);
  for (const r of rows) yield r;
}

/**
 * Reads CSV text as it arrives (a file stream, a `File.stream()`, a `fetch` body, or a string): resolves once
 * the header is read, then yields the data rows one by one, so a large table is never held as text. Same rules
 * as {@link parseCsv}.
 *
 * @param input - the text (see {@link TextSource})
 * @param options - delimiter, source name for errors
 * @returns the columns and an async generator of the records
 * @throws {ParseError | InvalidValueError} as {@link parseCsv} (from the generator, for rows after the header)
 * @example
 * ```ts
 * const csv = await streamCsv(new Blob(['name,Fb\nA,1e-14\n']).stream());
 * csv.columns;                       // => ['name', 'Fb']
 * for await (const r of csv.records) r.cells.Fb; // => '1e-14'
 * ```
 */
export async function streamCsv(input: TextSource, options: CsvOptions = {}): Promise<CsvStream> {
  const rows = rawRows(input, options);
  const builder = new RecordBuilder(options.sourceName);
  const first = await rows.next();
  if (first.done !== true) builder.add(first.value);
  async function* read(): AsyncGenerator<CsvRecord, void, undefined> {
    for await (const raw of rows) yield builder.add(raw)!;
  }
  const records = read();
  // Stopping early (`return`, or `throw`) releases the input even before the first record was read, when a
  // generator's own `finally` would not run.
  const release = async (): Promise<void> => {
    await rows.return(undefined);
  };
  const handle: AsyncGenerator<CsvRecord, void, undefined> = {
    next: () => records.next(),
    async return(value) {
      const result = await records.return(value);
      await release();
      return result;
    },
    async throw(error) {
      await release();
      return records.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return { columns: builder.columns ?? [], records: handle };
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
 * assertColumns(['name', 'Fs'], { name: { type: 'string' }, Fb: { type: 'number' } }, 'field.csv'); // throws MissingColumnError: missing required column "Fb" in field.csv
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
 * parseRecord({ row: 3, cells: { Fs: '2e-15', flag: 'TRUE' } }, { Fs: { type: 'number' }, flag: { type: 'boolean' } }); // => { Fs: 2e-15, flag: true }
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
 * Reads CSV text into typed rows, streaming: the header is checked against the schema before any row is
 * parsed, then each row is parsed as it arrives.
 *
 * @param input - the CSV text (see {@link TextSource})
 * @param schema - the columns to read and their types; other columns are ignored
 * @param options - delimiter, source name for errors
 * @returns an async generator of typed rows
 * @throws {MissingColumnError} for a required column absent from the header
 * @throws {MalformedNumberError} for a cell that is not a number, naming source, row and column
 * @example
 * ```ts
 * const schema = { name: { type: 'string' }, Fb: { type: 'number' } } as const;
 * for await (const r of parseTable('name,Fb\nA,1.5e-14\n', schema)) r.Fb; // => 1.5e-14
 * ```
 */
export async function* parseTable<S extends Schema>(input: TextSource, schema: S, options: CsvOptions = {}): AsyncGenerator<RowOf<S>, void, undefined> {
  const csv = await streamCsv(input, options);
  try {
    assertColumns(csv.columns, schema, options.sourceName);
  } catch (e) {
    await csv.records.return(undefined);
    throw e;
  }
  for await (const record of csv.records) yield parseRecord(record, schema, options.sourceName);
}

/** A cell value accepted by the CSV formatters: numbers are written at full precision, `NaN`/`undefined`/`null` as empty. */
export type CellValue = number | string | boolean | undefined | null;

function formatCell(value: CellValue): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'number' ? formatNumberCell(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One CSV line (with its `\n`): cells quoted where needed (a comma, quote or line break inside), numbers at full
 * double precision, missing values (`NaN`, `undefined`, `null`) empty.
 *
 * @param values - the cells, in column order
 * @returns the line
 * @example
 * ```ts
 * formatCsvRow(['src, 1', 1.5e-14, Number.NaN, true]); // => '"src, 1",1.5e-14,,true\n'
 * ```
 */
export function formatCsvRow(values: readonly CellValue[]): string {
  const line = values.map(formatCell).join(',');
  // one missing cell alone would be a blank line, which readers skip: write it quoted
  return (line === '' && values.length === 1 ? '""' : line) + '\n';
}

/**
 * The lines of a CSV table, header first, as an async generator (rows may arrive asynchronously); the
 * streaming form of {@link formatCsv}, e.g. for a file (`writeCsv` in `muwclass/node`) or a download.
 *
 * @param columns - the header, in order
 * @param rows - rows as records keyed by column name (missing keys are empty cells), sync or async iterable
 * @returns an async generator of lines, each ending in `\n`
 * @example
 * ```ts
 * const lines = [];
 * for await (const l of csvLines(['name', 'Fb'], [{ name: 'A', Fb: 1e-14 }])) lines.push(l);
 * lines; // => ['name,Fb\n', 'A,1e-14\n']
 * ```
 */
export async function* csvLines(
  columns: readonly string[],
  rows: Iterable<Readonly<Record<string, CellValue>>> | AsyncIterable<Readonly<Record<string, CellValue>>>,
): AsyncGenerator<string, void, undefined> {
  yield formatCsvRow(columns);
  for await (const row of rows) yield formatCsvRow(columns.map((c) => row[c]));
}

/**
 * Formats rows as a CSV string (see {@link formatCsvRow} for the cell rules; `\n` line ends).
 *
 * @param columns - the header, in order
 * @param rows - rows as records keyed by column name (missing keys are empty cells)
 * @returns the CSV text
 * @example
 * ```ts
 * formatCsv(['name', 'Fb'], [{ name: 'src 1', Fb: 1.5e-14 }]); // => 'name,Fb\nsrc 1,1.5e-14\n'
 * ```
 */
export function formatCsv(columns: readonly string[], rows: Iterable<Readonly<Record<string, CellValue>>>): string {
  const lines = [formatCsvRow(columns)];
  for (const row of rows) lines.push(formatCsvRow(columns.map((c) => row[c])));
  return lines.join('');
}
