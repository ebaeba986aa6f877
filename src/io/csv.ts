/**
 * CSV parsing and formatting on strings and web-standard streams, with typed row schemas — no I/O: the Node
 * adapter (`muwclass/node`) reads and writes files through these functions, a web page parses a dropped file's
 * `file.stream()` with them.
 *
 * The parser is RFC 4180 (quoted fields with `""` escapes and embedded delimiters or line breaks; `\n`, `\r\n` or
 * `\r` line ends), in time linear in the length of the text however it is cut into chunks. It is strict about the
 * shape: every row has as many cells as the header, a column name appears once (or, on request, repeats are
 * renamed pandas-style), and no column is named `__proto__`; records are null-prototype objects. It keeps every
 * cell as text until a schema says what it is; numbers are parsed strictly ({@link parseNumberCell}: finite
 * decimals only; empty = missing (`NaN`), never 0) and checked against the schema's ranges. Errors name the
 * source, the 1-based data row (the header is row 0) and the column.
 *
 * The formatters write numbers at full precision and, by default, escape text that a spreadsheet would run as
 * a formula (a leading `'`, the OWASP rule against CSV injection; {@link CsvFormatOptions}).
 *
 * Why not fast-csv: it extends Node stream classes (so it cannot run in a browser) and is slower than this
 * parser (`npm run bench:csv`: see the guide's performance notes); it stays as a development dependency, the
 * peer of the benchmark and of a cross-check test.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError, MissingColumnError, ParseError, type ValueLocation } from '../core/errors';
import { formatNumberCell, parseBooleanCell, parseNumberCell } from './cells';
import { textChunks, withoutBom, type TextSource } from './text-source';

/** One data row as read: the cells by column name, and its 1-based data row number. */
export interface CsvRecord {
  /** 1-based data row number (header = row 0; blank lines are not counted). */
  readonly row: number;
  /**
   * Cell text by column name, as in the header (with `duplicateColumns: 'rename'`, repeated names get `.1`,
   * `.2`, … suffixes like pandas). A null-prototype object: a column named `constructor` or `toString` reads
   * as its cell, never as an inherited property.
   */
  readonly cells: Readonly<Record<string, string>>;
}

/** Options of the CSV parsers. */
export interface CsvOptions {
  /** Field delimiter, one character (default `,`). */
  readonly delimiter?: string;
  /** Name used in error messages (e.g. the file name). */
  readonly sourceName?: string;
  /**
   * What a column name that appears twice in the header does: `'error'` (default) throws a {@link ParseError}
   * naming both 1-based column positions; `'rename'` renames the repeats the way pandas does (`a, a` →
   * `a, a.1`; see {@link dedupeHeaders}).
   */
  readonly duplicateColumns?: 'error' | 'rename';
}

/** A CSV text parsed whole: the header and the data rows. */
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
 * Renames repeated header names the way pandas does (`a, a` → `a, a.1`), skipping names already taken: what
 * the CSV readers do with a repeated column name under `duplicateColumns: 'rename'`. Runs in O(names).
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

/** Where the tokenizer is between two characters. */
const enum Scan {
  /** At the start of a field (nothing of it read yet). */
  FieldStart,
  /** Inside an unquoted field. */
  Unquoted,
  /** Inside a quoted field. */
  Quoted,
  /** Just after a quote inside a quoted field: an escape (`""`) or the closing quote. */
  QuoteSeen,
  /** Just after a CR that ended a row: a following LF belongs to it. */
  AfterCr,
}

/**
 * The incremental RFC 4180 tokenizer: text goes in by chunks, complete rows come out. Every character is
 * looked at once, whatever the chunking (the state between chunks is kept: the cells of the unfinished row and
 * the text of its unfinished field), so the time is linear in the length of the text even for one line of many
 * megabytes. Blank lines (nothing but white space, no quotes) are dropped; a line of delimiters is a row of empty
 * cells. Errors name the data row (the header is row 0, blank lines are not counted) and the line.
 */
class CsvTokenizer {
  private state = Scan.FieldStart;
  /** Completed cells of the unfinished row. */
  private cells: string[] = [];
  /** Text of the unfinished field (quoted: with `""` already unescaped). */
  private partial = '';
  /** Whether the unfinished row has a quoted field (then it is never a blank line). */
  private quoted = false;
  /** Line on which the unfinished row started (1-based). */
  private rowLine = 1;
  /** Line breaks inside the quoted fields of the unfinished row so far. */
  private newlines = 0;
  /** Line on which the open quoted field started. */
  private quoteLine = 1;
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

  /** Adds a chunk of text; appends the rows it completes to `out`. Runs in O(length of the chunk). */
  push(text: string, out: string[][]): void {
    const n = text.length;
    const d = this.delimiter;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case Scan.AfterCr:
          if (text.charCodeAt(i) === LF) i++;
          this.state = Scan.FieldStart;
          break;
        case Scan.FieldStart:
          if (text.charCodeAt(i) === QUOTE) {
            this.state = Scan.Quoted;
            this.quoted = true;
            this.quoteLine = this.rowLine + this.newlines;
            i++;
            break;
          }
          this.state = Scan.Unquoted;
          break;
        case Scan.Unquoted: {
          // the fast path: whole unquoted fields inside this chunk
          for (;;) {
            let j = i;
            let c = 0;
            while (j < n) {
              c = text.charCodeAt(j);
              if (c === d || c === LF || c === CR) break;
              j++;
            }
            if (j >= n) {
              this.partial += text.slice(i, n);
              i = n;
              break;
            }
            const piece = text.slice(i, j);
            this.cells.push(this.partial === '' ? piece : this.partial + piece);
            this.partial = '';
            i = j + 1;
            if (c !== d) {
              this.endRow(out);
              this.state = c === CR ? Scan.AfterCr : Scan.FieldStart;
              break;
            }
            if (i < n && text.charCodeAt(i) === QUOTE) {
              this.state = Scan.FieldStart;
              break;
            }
            if (i >= n) {
              this.state = Scan.FieldStart;
              break;
            }
          }
          break;
        }
        case Scan.Quoted: {
          const q = text.indexOf('"', i);
          if (q < 0) {
            this.partial += text.slice(i, n);
            i = n;
          } else {
            this.partial += text.slice(i, q);
            i = q + 1;
            this.state = Scan.QuoteSeen;
          }
          break;
        }
        case Scan.QuoteSeen: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.partial += '"';
            i++;
            this.state = Scan.Quoted;
            break;
          }
          this.closeQuoted();
          if (c === d) {
            i++;
            this.state = Scan.FieldStart;
          } else if (c === LF || c === CR) {
            i++;
            this.endRow(out);
            this.state = c === CR ? Scan.AfterCr : Scan.FieldStart;
          } else {
            throw new ParseError(
              `unexpected ${JSON.stringify(text[i])} after a closing quote on line ${this.rowLine + this.newlines} (a quote inside a quoted field is written "")`,
              { source: this.sourceName, row: this.emitted },
            );
          }
          break;
        }
      }
    }
  }

  /** Ends the text; appends the last row to `out`. */
  end(out: string[][]): void {
    switch (this.state) {
      case Scan.Quoted:
        throw new ParseError(`unclosed quote (opened on line ${this.quoteLine})`, { source: this.sourceName, row: this.emitted });
      case Scan.QuoteSeen:
        this.closeQuoted();
        this.endRow(out);
        break;
      case Scan.Unquoted:
        this.cells.push(this.partial);
        this.partial = '';
        this.endRow(out);
        break;
      case Scan.FieldStart:
        // after a delimiter the row has a last, empty cell; at the start of a line there is no row
        if (this.cells.length > 0) {
          this.cells.push('');
          this.endRow(out);
        }
        break;
      case Scan.AfterCr:
        break;
    }
    this.state = Scan.FieldStart;
  }

  /** The closing quote of a quoted field: its text becomes a cell. */
  private closeQuoted(): void {
    const value = this.partial;
    for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) this.newlines++;
    this.cells.push(value);
    this.partial = '';
  }

  /** A line break (or the end of the text) ends the row: emit it unless it is a blank line. */
  private endRow(out: string[][]): void {
    const cells = this.cells;
    this.rowLine += this.newlines + 1;
    this.newlines = 0;
    this.cells = [];
    if (this.quoted || cells.length > 1 || cells[0]!.trim() !== '') {
      out.push(cells);
      this.emitted++;
    }
    this.quoted = false;
  }
}

/** Turns raw rows into records against a header; the first raw row is the header. */
class RecordBuilder {
  columns: string[] | undefined;
  private row = 0;

  constructor(
    private readonly sourceName: string | undefined,
    private readonly duplicateColumns: 'error' | 'rename',
  ) {
    if (duplicateColumns !== 'error' && duplicateColumns !== 'rename') {
      throw new InvalidArgumentError(`CSV duplicateColumns must be 'error' or 'rename', got ${JSON.stringify(duplicateColumns)}`);
    }
  }

  /** The record of a raw row, or `undefined` for the header row. */
  add(raw: string[]): CsvRecord | undefined {
    if (this.columns === undefined) {
      this.columns = checkHeader(raw.map((h) => h.trim()), this.duplicateColumns, this.sourceName);
      return undefined;
    }
    this.row++;
    const header = this.columns;
    if (raw.length !== header.length) {
      throw new InvalidValueError(`row has ${raw.length} ${raw.length === 1 ? 'cell' : 'cells'} but the header has ${header.length}`, { source: this.sourceName, row: this.row });
    }
    const cells: Record<string, string> = Object.create(null) as Record<string, string>;
    for (let j = 0; j < header.length; j++) cells[header[j]!] = raw[j]!;
    return { row: this.row, cells };
  }
}

/** Rejects a `__proto__` column and (unless renaming) a repeated column name, naming their 1-based positions. */
function checkHeader(names: string[], duplicateColumns: 'error' | 'rename', source: string | undefined): string[] {
  const first = new Map<string, number>();
  for (let j = 0; j < names.length; j++) {
    const name = names[j]!;
    if (name === '__proto__') {
      throw new ParseError(`column ${j + 1} is named "__proto__", which cannot be a column name`, { source, row: 0, column: name });
    }
    const k = first.get(name);
    if (k === undefined) first.set(name, j);
    else if (duplicateColumns === 'error') {
      throw new ParseError(
        `column name ${JSON.stringify(name)} appears twice, as columns ${k + 1} and ${j + 1} (rename one, or read with duplicateColumns: 'rename')`,
        { source, row: 0, column: name },
      );
    }
  }
  return duplicateColumns === 'rename' ? dedupeHeaders(names) : names;
}

/**
 * Parses a whole CSV string. The first row is the header (names trimmed; a name that appears twice, or
 * `__proto__`, throws, unless `duplicateColumns: 'rename'` renames repeats with {@link dedupeHeaders}); blank
 * lines are skipped; every row must have as many cells as the header. A line of delimiters (`,,`) is a row of
 * empty cells. Runs in O(length of the text).
 *
 * @param text - the CSV text
 * @param options - delimiter, source name for errors, what a repeated column name does
 * @returns the columns and the records
 * @throws {ParseError} for an unclosed quote, text after a closing quote, a column named `__proto__` or a
 *   repeated column name (names the source, the row and the column positions)
 * @throws {InvalidValueError} for a row with more or fewer cells than the header (names the source and row)
 * @example
 * ```ts
 * const t = parseCsv('name,Fb\n"src, 1",1.5e-14\n');
 * t.columns;                 // => ['name', 'Fb']
 * t.records[0].cells.name;   // => 'src, 1'
 * t.records[0].row;          // => 1
 * parseCsv('name,Fb\nA\n', { sourceName: 'f.csv' }); // throws InvalidValueError: row has 1 cell but the header has 2 (in f.csv, row 1)
 * parseCsv('Fb,name,Fb\n1,A,2\n');                  // throws ParseError: column name "Fb" appears twice, as columns 1 and 3
 * parseCsv('Fb,name,Fb\n1,A,2\n', { duplicateColumns: 'rename' }).columns; // => ['Fb', 'name', 'Fb.1']
 * ```
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const tokenizer = new CsvTokenizer(options.delimiter ?? ',', options.sourceName);
  const raw: string[][] = [];
  tokenizer.push(withoutBom(text), raw);
  tokenizer.end(raw);
  const builder = new RecordBuilder(options.sourceName, options.duplicateColumns ?? 'error');
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
 * @param options - delimiter, source name for errors, what a repeated column name does
 * @returns the columns and an async generator of the records
 * @throws {ParseError | InvalidValueError} as {@link parseCsv} (from the generator, for rows after the header);
 *   {@link ParseError} for bytes that are not UTF-8
 * @example
 * ```ts
 * const csv = await streamCsv(new Blob(['name,Fb\nA,1e-14\n']).stream());
 * csv.columns;                       // => ['name', 'Fb']
 * for await (const r of csv.records) r.cells.Fb; // => '1e-14'
 * ```
 */
export async function streamCsv(input: TextSource, options: CsvOptions = {}): Promise<CsvStream> {
  const builder = new RecordBuilder(options.sourceName, options.duplicateColumns ?? 'error');
  const rows = rawRows(input, options);
  const first = await rows.next();
  if (first.done !== true) {
    try {
      builder.add(first.value);
    } catch (e) {
      await rows.return(undefined);
      throw e;
    }
  }
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
  /** How cells are parsed: `'number'` (strict; empty → `NaN`), `'boolean'` (`T`/`F`, `1`/`0`, …; empty → `undefined`) or `'string'` (trimmed). */
  readonly type: ColumnType;
  /** A required column that is absent from the header throws {@link MissingColumnError} (default true). */
  readonly required?: boolean;
  /** Number columns: the smallest allowed value (inclusive); a smaller one throws {@link InvalidValueError}. */
  readonly min?: number;
  /** Number columns: the largest allowed value (inclusive). */
  readonly max?: number;
  /** Number columns: an exclusive upper bound (e.g. 360 for a right ascension in [0, 360)). */
  readonly maxExclusive?: number;
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
 * The range of a number column as text: `[0, 360)`, `[-90, 90]`, `[0, ∞)`; `undefined` when unbounded.
 */
function rangeText(spec: ColumnSpec): string | undefined {
  if (spec.min === undefined && spec.max === undefined && spec.maxExclusive === undefined) return undefined;
  const lower = spec.min === undefined ? '(-∞' : `[${spec.min}`;
  let upper = '∞)';
  if (spec.maxExclusive !== undefined && (spec.max === undefined || spec.maxExclusive <= spec.max)) upper = `${spec.maxExclusive})`;
  else if (spec.max !== undefined) upper = `${spec.max}]`;
  return `${lower}, ${upper}`;
}

/** Whether `x` (not NaN) is inside the spec's range. */
function inRange(x: number, spec: ColumnSpec): boolean {
  return !(
    (spec.min !== undefined && x < spec.min) ||
    (spec.max !== undefined && x > spec.max) ||
    (spec.maxExclusive !== undefined && x >= spec.maxExclusive)
  );
}

/**
 * Checks a number against a column's `min` / `max` / `maxExclusive` (a missing value, `NaN`, always passes).
 *
 * @throws {InvalidValueError} naming the value, the range, and the file, row and column
 */
function checkRange(x: number, spec: ColumnSpec, location: ValueLocation): number {
  if (Number.isNaN(x) || inRange(x, spec)) return x;
  throw new InvalidValueError(`value ${x} is outside the column's range ${rangeText(spec)!}`, location);
}

/**
 * Parses one record's cells with a schema: numbers strictly ({@link parseNumberCell}) and within the
 * column's `min` / `max` / `maxExclusive` when given, booleans with {@link parseBooleanCell}, strings trimmed.
 * Absent optional columns give `NaN` / `''` / `undefined`. Runs in O(columns of the schema).
 *
 * @param record - the row (only its own cells are read)
 * @param schema - the columns to read and their types and ranges
 * @param sourceName - the file, for error messages
 * @returns the typed row (a null-prototype object)
 * @throws {MalformedNumberError | InvalidValueError} naming the file, row and column; {@link InvalidValueError}
 *   for a number outside its column's range, naming the value and the range
 * @example
 * ```ts
 * parseRecord({ row: 3, cells: { Fs: '2e-15', flag: 'TRUE' } }, { Fs: { type: 'number' }, flag: { type: 'boolean' } }); // => { Fs: 2e-15, flag: true }
 * parseRecord({ row: 3, cells: { RA: '400' } }, { RA: { type: 'number', min: 0, maxExclusive: 360 } }, 'field.csv');
 * // throws InvalidValueError: value 400 is outside the column's range [0, 360) (in field.csv, row 3, column "RA")
 * ```
 */
export function parseRecord<S extends Schema>(record: CsvRecord, schema: S, sourceName?: string): RowOf<S> {
  const out = Object.create(null) as Record<string, unknown>;
  const cells = record.cells;
  for (const [column, spec] of Object.entries(schema)) {
    const text = Object.hasOwn(cells, column) ? cells[column] : undefined;
    const location = { source: sourceName, row: record.row, column };
    if (spec.type === 'number') out[column] = checkRange(parseNumberCell(text, location), spec, location);
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
 * @param schema - the columns to read, their types and ranges; other columns are ignored
 * @param options - delimiter, source name for errors, what a repeated column name does
 * @returns an async generator of typed rows
 * @throws {MissingColumnError} for a required column absent from the header
 * @throws {MalformedNumberError} for a cell that is not a number, naming source, row and column
 * @throws {InvalidValueError} for a number outside its column's range or a row of the wrong length
 * @throws {ParseError} as {@link parseCsv}
 * @example
 * ```ts
 * const schema = { name: { type: 'string' }, Fb: { type: 'number' } } as const;
 * for await (const r of parseTable('name,Fb\nA,1.5e-14\n', schema)) r.Fb; // => 1.5e-14
 * ```
 */
export async function* parseTable<S extends Schema>(input: TextSource, schema: S, options: CsvOptions = {}): AsyncGenerator<RowOf<S>, void, undefined> {
  const csv = await streamCsv(input, options);
  await assertStreamColumns(csv, schema, options.sourceName);
  for await (const record of csv.records) yield parseRecord(record, schema, options.sourceName);
}

/**
 * {@link assertColumns} on a stream's header; a missing column releases the input (closes the file, cancels the
 * web stream) before the error is thrown. (Internal: shared by the readers of this package.)
 */
export async function assertStreamColumns(csv: CsvStream, schema: Schema, sourceName?: string): Promise<void> {
  try {
    assertColumns(csv.columns, schema, sourceName);
  } catch (e) {
    await csv.records.return(undefined);
    throw e;
  }
}

/** A cell value accepted by the CSV formatters: numbers are written at full precision, `NaN`/`undefined`/`null` as empty. */
export type CellValue = number | string | boolean | undefined | null;

/** Options of the CSV formatters ({@link formatCsvRow}, {@link formatCsv}, {@link csvLines}). */
export interface CsvFormatOptions {
  /**
   * Escape text that a spreadsheet would run as a formula (default true): a text cell that starts with `=`,
   * `+`, `-`, `@`, a tab or a carriage return, and is not a number, gets a leading `'` (the OWASP rule
   * against CSV injection). Numbers — values of type number, and text that reads as a number, such as
   * `"-1.5"` — are never altered, nor is the missing-value marker `--`. Set false to write text exactly as given.
   */
  readonly spreadsheetSafe?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Whether a text cell would be taken for a formula by a spreadsheet (and is not a number or `--`). */
function looksLikeFormula(text: string): boolean {
  if (!FORMULA_START.test(text)) return false;
  const t = text.trim();
  return !(NUMBER_TEXT.test(t) || t === '--');
}

function formatCell(value: CellValue, spreadsheetSafe: boolean): string {
  if (value === undefined || value === null) return '';
  let text: string;
  if (typeof value === 'number') text = formatNumberCell(value);
  else {
    text = String(value);
    if (spreadsheetSafe && typeof value === 'string' && looksLikeFormula(text)) text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A row's value in a column; a name inherited from `Object.prototype` (`constructor`, …) is an absent key. */
function cellOf(row: Readonly<Record<string, CellValue>>, column: string): CellValue {
  const v = row[column];
  return typeof v === 'function' || (typeof v === 'object' && v !== null) ? undefined : v;
}

/**
 * One CSV line (with its `\n`): cells quoted where needed (a comma, quote or line break inside), numbers at full
 * double precision, missing values (`NaN`, `undefined`, `null`) empty, and, by default, text that a spreadsheet
 * would run as a formula escaped with a leading `'` ({@link CsvFormatOptions.spreadsheetSafe}).
 *
 * @param values - the cells, in column order
 * @param options - `spreadsheetSafe` (default true)
 * @returns the line
 * @example
 * ```ts
 * formatCsvRow(['src, 1', 1.5e-14, Number.NaN, true]); // => '"src, 1",1.5e-14,,true\n'
 * formatCsvRow(['=1+2', '@SUM(A1)', -1.5, '-1.5', '-x']); // => "'=1+2,'@SUM(A1),-1.5,-1.5,'-x\n"
 * formatCsvRow(['=1+2'], { spreadsheetSafe: false });     // => '=1+2\n'
 * ```
 */
export function formatCsvRow(values: readonly CellValue[], options: CsvFormatOptions = {}): string {
  const safe = options.spreadsheetSafe ?? true;
  const line = values.map((v) => formatCell(v, safe)).join(',');
  // one missing cell alone would be a blank line, which readers skip: write it quoted
  return (line === '' && values.length === 1 ? '""' : line) + '\n';
}

/**
 * The lines of a CSV table, header first, as an async generator (rows may arrive asynchronously); the
 * streaming form of {@link formatCsv}, e.g. for a file (`writeCsv` in `muwclass/node`) or a download. Same cell
 * rules as {@link formatCsvRow}, spreadsheet-safe by default.
 *
 * @param columns - the header, in order
 * @param rows - rows as records keyed by column name (missing keys are empty cells), sync or async iterable
 * @param options - `spreadsheetSafe` (default true)
 * @returns an async generator of lines, each ending in `\n`
 * @example
 * ```ts
 * const lines = [];
 * for await (const l of csvLines(['name', 'Fb'], [{ name: 'A', Fb: 1e-14 }, { name: '=cmd()', Fb: -1 }])) lines.push(l);
 * lines; // => ['name,Fb\n', 'A,1e-14\n', "'=cmd(),-1\n"]
 * ```
 */
export async function* csvLines(
  columns: readonly string[],
  rows: Iterable<Readonly<Record<string, CellValue>>> | AsyncIterable<Readonly<Record<string, CellValue>>>,
  options: CsvFormatOptions = {},
): AsyncGenerator<string, void, undefined> {
  yield formatCsvRow(columns, options);
  for await (const row of rows) yield formatCsvRow(columns.map((c) => cellOf(row, c)), options);
}

/**
 * Formats rows as a CSV string (see {@link formatCsvRow} for the cell rules, spreadsheet-safe by default; `\n`
 * line ends). Runs in O(cells).
 *
 * @param columns - the header, in order
 * @param rows - rows as records keyed by column name (missing keys are empty cells)
 * @param options - `spreadsheetSafe` (default true)
 * @returns the CSV text
 * @example
 * ```ts
 * formatCsv(['name', 'Fb'], [{ name: 'src 1', Fb: 1.5e-14 }]); // => 'name,Fb\nsrc 1,1.5e-14\n'
 * formatCsv(['name'], [{ name: '+SUM(A1:A9)' }]);               // => "name\n'+SUM(A1:A9)\n"
 * formatCsv(['name'], [{ name: '+SUM(A1:A9)' }], { spreadsheetSafe: false }); // => 'name\n+SUM(A1:A9)\n'
 * ```
 */
export function formatCsv(columns: readonly string[], rows: Iterable<Readonly<Record<string, CellValue>>>, options: CsvFormatOptions = {}): string {
  const lines = [formatCsvRow(columns, options)];
  for (const row of rows) lines.push(formatCsvRow(columns.map((c) => cellOf(row, c)), options));
  return lines.join('');
}
