/**
 * CDS machine-readable tables (MRT): the fixed-width format of the AAS journals and CDS/VizieR, in which the
 * paper's tables are published. A header describes each column byte by byte:
 *
 * ```text
 * Byte-by-byte Description of file: table1.txt
 * --------------------------------------------------------------------------------
 *    Bytes Format Units   Label   Explanations
 * --------------------------------------------------------------------------------
 *    1- 21 A21    ---     Name    Source name
 *   23- 31 F9.5   deg     RAdeg   [0/360] Right ascension
 *   33- 40 E8.2   mW/m2   Flux    ? Broad-band flux
 * --------------------------------------------------------------------------------
 * ```
 *
 * then the data follow, one record per line, each value in its byte range. Formats: `An` text, `In` integer,
 * `Fw.d` fixed-point, `Ew.d` exponent. In the explanation, `[min/max]` gives limits, `?` marks a nullable
 * column (an empty field is then missing) and `?=v` a null value `v`. Reference: CDS "Standards for
 * Astronomical Catalogues" (https://cdsarc.cds.unistra.fr/doc/catstd.htx), AAS MRT guide.
 *
 * Missing values read as `NaN` (numbers) or `''` (text).
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError, ParseError } from '../core/errors';

/** The type letter of an MRT format. */
export type MrtType = 'A' | 'I' | 'F' | 'E';

/** One column of an MRT byte-by-byte description. */
export interface MrtField {
  /** First byte, 1-based. */
  readonly start: number;
  /** Last byte, 1-based, inclusive. */
  readonly end: number;
  /** The format as written, e.g. `"F9.5"`. */
  readonly format: string;
  /** The format's type letter: `A` text, `I` integer, `F` fixed-point, `E` exponential. */
  readonly type: MrtType;
  /** Field width in bytes. */
  readonly width: number;
  /** Decimals of F and E formats (0 otherwise). */
  readonly decimals: number;
  /** Units, `"---"` when dimensionless. */
  readonly units: string;
  /** The column label (e.g. `"Fb"`), the key of the column in each record. */
  readonly label: string;
  /** The explanation without its `[min/max]` and `?` prefixes. */
  readonly explanation: string;
  /** Whether the column may be empty (`?`). */
  readonly nullable: boolean;
  /** The text that stands for a missing value (`?=-99`), if any. */
  readonly nullValue?: string;
  /** `[min/max]` limits (an open side is ∓Infinity), if given. */
  readonly limits?: {
    /** Smallest allowed value (inclusive); −Infinity when open. */
    readonly min: number;
    /** Largest allowed value (inclusive); +Infinity when open. */
    readonly max: number;
  };
}

/** A value of an MRT record: text for A columns, a number (`NaN` = missing) otherwise. */
export type MrtValue = string | number;

/** A parsed MRT. */
export interface MrtTable {
  /** The `Title:` header, if any. */
  readonly title?: string;
  /** The `Authors:` header, if any. */
  readonly authors?: string;
  /** The `Table:` header (the caption), if any. */
  readonly caption?: string;
  /** The byte-by-byte description: one field per column, in file order. */
  readonly fields: readonly MrtField[];
  /** Records keyed by label, in file order. */
  readonly records: Record<string, MrtValue>[];
}

/** Options of {@link parseMrt}. */
export interface ParseMrtOptions {
  /** Name used in error messages (default `"MRT"`). */
  readonly source?: string;
  /** Reject values outside a column's `[min/max]` limits (default true). */
  readonly checkLimits?: boolean;
}

const FIELD_LINE = /^\s*(\d+)(?:\s*-\s*(\d+))?\s+([AIFE])(\d+)(?:\.(\d+))?\s+(\S+)\s+(\S+)(?:\s+(.*))?$/;
const SEPARATOR = /^\s*(?:-{10,}|={10,})\s*$/;
const INTEGER = /^[+-]?\d+$/;
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eEdD][+-]?\d+)?$/;
const LIMITS = /^\[\s*([^\]/]*)\/([^\]]*)\]\s*/;

function parseLimit(text: string, open: number): number | undefined {
  const t = text.trim();
  if (t === '') return open;
  if (!REAL.test(t)) return undefined;
  return Number(t.replace(/[dD]/, 'e'));
}

/** Splits the explanation into limits, nullability, null value and text. */
function parseExplanation(raw: string): Pick<MrtField, 'explanation' | 'nullable' | 'nullValue' | 'limits'> {
  let text = raw.trim();
  let limits: { min: number; max: number } | undefined;
  const lm = LIMITS.exec(text);
  if (lm !== null) {
    const min = parseLimit(lm[1]!, Number.NEGATIVE_INFINITY);
    const max = parseLimit(lm[2]!, Number.POSITIVE_INFINITY);
    if (min !== undefined && max !== undefined) {
      limits = { min, max };
      text = text.slice(lm[0].length);
    }
  }
  let nullable = false;
  let nullValue: string | undefined;
  const nm = /^\?(=(\S*))?\s*/.exec(text);
  if (nm !== null) {
    nullable = true;
    if (nm[1] !== undefined) nullValue = nm[2]!;
    text = text.slice(nm[0].length);
  }
  return { explanation: text.trim(), nullable, ...(nullValue === undefined ? {} : { nullValue }), ...(limits === undefined ? {} : { limits }) };
}

/**
 * Parses the text of an MRT: the header (`Title:`, `Authors:`, `Table:`), the byte-by-byte description and
 * the data lines after the last separator line. Runs in O(size of the text).
 *
 * @param text - the whole file
 * @param options - source name for messages, limit checking
 * @returns the fields and the records (null-prototype objects keyed by label, so a label such as `constructor`
 *   reads as its value); a line of blanks as wide as the record is a record whose every value is missing, a
 *   shorter blank line is skipped
 * @throws {ParseError} for a missing or malformed byte-by-byte description (a repeated label, or `__proto__`,
 *   included), or a value that does not parse in its format or overflows a double (`1.0e400`), a missing value
 *   in a non-nullable numeric column, or a value outside the limits — naming the file, the line, the byte range and the label
 * @example
 * ```ts
 * const records = [{ Name: 'src 1', Flux: 1.2e-14 }, { Name: 'src 2', Flux: NaN }];
 * const text = formatMrt({ title: 'Sources', columns: ['Name', { label: 'Flux', units: 'mW/m2' }], records });
 * const t = parseMrt(text);
 * t.fields.map((f) => f.label); // => ['Name', 'Flux']
 * t.records[1].Flux;            // => NaN
 * ```
 */
export function parseMrt(text: string, options: ParseMrtOptions = {}): MrtTable {
  const source = options.source ?? 'MRT';
  const checkLimits = options.checkLimits ?? true;
  const lines = text.split(/\r?\n/);
  const header: Record<string, string> = {};
  let key: string | undefined;
  let bbb = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^Byte-by-byte Description/i.test(line.trim())) {
      bbb = i;
      break;
    }
    const km = /^(Title|Authors|Table)\s*:\s*(.*)$/.exec(line);
    if (km !== null) {
      key = km[1]!;
      header[key] = km[2]!.trim();
    } else if (key !== undefined && /^\s+\S/.test(line) && !SEPARATOR.test(line)) {
      header[key] = `${header[key]} ${line.trim()}`.trim();
    } else key = undefined;
  }
  if (bbb < 0) throw new ParseError(`no "Byte-by-byte Description" section: not a machine-readable table`, { source });

  // The field table: after the column-heading line and its separator, until the next separator.
  let i = bbb + 1;
  while (i < lines.length && !/^\s*Bytes\s+Format/i.test(lines[i]!)) i++;
  if (i >= lines.length) throw new ParseError(`no "Bytes Format Units Label Explanations" heading after line ${bbb + 1}`, { source });
  i++;
  if (i < lines.length && SEPARATOR.test(lines[i]!)) i++;
  const fields: MrtField[] = [];
  for (; i < lines.length && !SEPARATOR.test(lines[i]!); i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const m = FIELD_LINE.exec(line);
    if (m === null) {
      const last = fields[fields.length - 1];
      if (last !== undefined && /^\s/.test(line)) {
        fields[fields.length - 1] = { ...last, explanation: `${last.explanation} ${line.trim()}`.trim() };
        continue;
      }
      throw new ParseError(`malformed byte-by-byte line ${i + 1}: ${JSON.stringify(line)}`, { source });
    }
    const start = Number(m[1]);
    const end = m[2] === undefined ? start : Number(m[2]);
    const type = m[3] as MrtType;
    const width = Number(m[4]);
    const decimals = m[5] === undefined ? 0 : Number(m[5]);
    if (end < start) throw new ParseError(`line ${i + 1}: byte range ${start}-${end} is reversed`, { source });
    if (end - start + 1 !== width) {
      throw new ParseError(`line ${i + 1}: bytes ${start}-${end} span ${end - start + 1} bytes but the format ${m[3]}${m[4]}${m[5] === undefined ? '' : `.${m[5]}`} says ${width}`, { source });
    }
    fields.push({ start, end, format: `${type}${width}${m[5] === undefined ? '' : `.${decimals}`}`, type, width, decimals, units: m[6]!, label: m[7]!, ...parseExplanation(m[8] ?? '') });
  }
  if (fields.length === 0) throw new ParseError(`the byte-by-byte description lists no column`, { source });
  const labels = new Set<string>();
  for (const f of fields) {
    if (labels.has(f.label)) throw new ParseError(`label "${f.label}" appears twice in the byte-by-byte description`, { source });
    if (f.label === '__proto__') throw new ParseError(`"__proto__" cannot be a column label`, { source, column: f.label });
    labels.add(f.label);
  }

  // Data: everything after the last separator line (notes sections end with one too).
  let dataStart = i;
  for (let k = i; k < lines.length; k++) if (SEPARATOR.test(lines[k]!)) dataStart = k;
  const records: Record<string, MrtValue>[] = [];
  // a blank line is layout, unless it reaches the last column: then it is a record whose every value is missing
  // (what formatMrt writes for one)
  const recordWidth = Math.max(...fields.map((f) => f.end));
  for (let k = dataStart + 1; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.length < recordWidth && line.trim() === '') continue;
    const record = Object.create(null) as Record<string, MrtValue>;
    for (const f of fields) record[f.label] = parseValue(line.slice(f.start - 1, f.end), f, k + 1, source, checkLimits);
    records.push(record);
  }
  return {
    ...(header.Title === undefined ? {} : { title: header.Title }),
    ...(header.Authors === undefined ? {} : { authors: header.Authors }),
    ...(header.Table === undefined ? {} : { caption: header.Table }),
    fields,
    records,
  };
}

function parseValue(raw: string, f: MrtField, line: number, source: string, checkLimits: boolean): MrtValue {
  const t = raw.trim();
  const where = `at line ${line}, bytes ${f.start}-${f.end} (${f.label})`;
  if (f.type === 'A') return t === f.nullValue ? '' : t;
  if (t === '' || (f.nullValue !== undefined && t === f.nullValue)) {
    if (t === '' && !f.nullable) throw new ParseError(`empty ${f.format} value ${where}, but the column is not nullable ("?")`, { source, column: f.label });
    return Number.NaN;
  }
  const ok = f.type === 'I' ? INTEGER.test(t) : REAL.test(t);
  if (!ok) throw new ParseError(`malformed ${f.format} value ${JSON.stringify(raw)} ${where}`, { source, column: f.label });
  const value = Number(t.replace(/[dD]/, 'e'));
  if (!Number.isFinite(value)) throw new ParseError(`${f.format} value ${t} ${where} is not finite (beyond the range of a double)`, { source, column: f.label });
  if (checkLimits && f.limits !== undefined && (value < f.limits.min || value > f.limits.max)) {
    throw new ParseError(`value ${t} ${where} is outside the column's limits [${f.limits.min}/${f.limits.max}] (pass checkLimits: false to accept it)`, { source, column: f.label });
  }
  return value;
}

/** A column to write: its label and, optionally, format, units and explanation. */
export interface MrtColumn {
  /** The label (no blanks). */
  readonly label: string;
  /** Format (`A12`, `I5`, `F8.3`, `E10.3`); inferred from the values when absent, so they read back exactly. */
  readonly format?: string;
  /** Units (default `"---"`). */
  readonly units?: string;
  /** Explanation (default the label). */
  readonly explanation?: string;
}

/** What {@link formatMrt} writes. */
export interface MrtTableInput {
  /** The `Title:` header line (one line; omitted when absent). */
  readonly title?: string;
  /** The `Authors:` header line (one line; omitted when absent). */
  readonly authors?: string;
  /** The `Table:` header line, the caption (one line; omitted when absent). */
  readonly caption?: string;
  /** File name shown in the byte-by-byte heading (default `"table"`). */
  readonly fileName?: string;
  /** The columns, in order: labels or {@link MrtColumn}s. */
  readonly columns: readonly (string | MrtColumn)[];
  /** Records keyed by label: text, numbers (`NaN` = missing), `undefined`/`null`/`''` = missing. */
  readonly records: readonly Readonly<Record<string, MrtValue | undefined | null>>[];
}

const FORMAT = /^([AIFE])(\d+)(?:\.(\d+))?$/;

function isMissing(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

function exponentText(v: number, d: number): string {
  return v.toExponential(d).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** The shortest format that writes every value of a column so that it reads back identically. */
function inferFormat(label: string, values: readonly unknown[]): string {
  const present = values.filter((v) => !isMissing(v));
  // no value: a number column (NaN) stays a number column, anything else is text
  if (present.length === 0) return values.some((v) => typeof v === 'number') ? 'I1' : 'A1';
  if (present.every((v) => typeof v === 'string')) return `A${Math.max(1, ...present.map((v) => (v as string).length))}`;
  if (!present.every((v) => typeof v === 'number')) throw new InvalidArgumentError(`formatMrt: column "${label}" mixes text and numbers`);
  const nums = present as number[];
  const bad = nums.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new InvalidValueError(`formatMrt: ${bad} cannot be written in an MRT`, { column: label });
  if (nums.every((v) => Number.isInteger(v) && Math.abs(v) < 1e15)) return `I${Math.max(...nums.map((v) => String(v).length))}`;
  for (let d = 1; d <= 10; d++) {
    const texts = nums.map((v) => v.toFixed(d));
    if (texts.every((t, k) => Number(t) === nums[k]) && texts.every((t) => t.length <= 20)) return `F${Math.max(...texts.map((t) => t.length))}.${d}`;
  }
  for (let d = 0; d <= 16; d++) {
    const texts = nums.map((v) => exponentText(v, d));
    if (texts.every((t, k) => Number(t) === nums[k])) return `E${Math.max(...texts.map((t) => t.length))}.${d}`;
  }
  return `E${Math.max(...nums.map((v) => exponentText(v, 16).length))}.16`;
}

function formatValue(v: unknown, type: MrtType, width: number, decimals: number, label: string, row: number): string {
  if (isMissing(v)) return ' '.repeat(width);
  let text: string;
  if (type === 'A') {
    if (typeof v !== 'string') throw new InvalidValueError(`formatMrt: expected text, got ${String(v)}`, { row, column: label });
    if (/[\r\n]/.test(v)) {
      throw new InvalidValueError(`formatMrt: text with a line break cannot be written to an MRT (one record per line): ${JSON.stringify(v)}`, { row, column: label });
    }
    if (v.length > width) throw new InvalidValueError(`formatMrt: text ${JSON.stringify(v)} does not fit A${width}`, { row, column: label });
    return v.padEnd(width);
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidValueError(`formatMrt: expected a finite number, got ${String(v)}`, { row, column: label });
  if (type === 'I') {
    if (!Number.isInteger(v)) throw new InvalidValueError(`formatMrt: ${v} is not an integer for an I format`, { row, column: label });
    text = String(v);
  } else text = type === 'F' ? v.toFixed(decimals) : exponentText(v, decimals);
  if (text.length > width) throw new InvalidValueError(`formatMrt: ${text} does not fit ${type}${width}`, { row, column: label });
  return text.padStart(width);
}

/** A record's value of a column: own keys only (a label like `constructor` absent from a record is missing). */
function valueOf(record: Readonly<Record<string, MrtValue | undefined | null>>, label: string): unknown {
  return Object.hasOwn(record, label) ? record[label] : undefined;
}

/** Rejects a line break in a header text (it would end the header line). */
function checkHeaderText(what: string, text: string | undefined): void {
  if (text !== undefined && /[\r\n]/.test(text)) throw new InvalidArgumentError(`formatMrt: the ${what} must be one line, got ${JSON.stringify(text)}`);
}

/**
 * Writes a table as MRT text: header, byte-by-byte description and fixed-width data (one blank between
 * columns; text left-aligned, numbers right-aligned). Formats not given are inferred so that every value reads
 * back identically with {@link parseMrt} (text: `A` of the longest; integers: `I`; otherwise the fewest `F`
 * decimals that round-trip, else `E`); a column with a missing value is marked nullable (`?`). What
 * {@link parseMrt} reads back is what was written, except that text loses leading and trailing blanks, a missing
 * value reads as `''` (text) or `NaN` (numbers), and −0 reads as 0. Runs in O(cells).
 *
 * @param table - columns and records (`row` in errors is the 1-based record number)
 * @returns the MRT text
 * @throws {InvalidArgumentError} for no column, a label with blanks, a repeated label, `__proto__`, a malformed
 *   format, units with blanks, a column mixing text and numbers, or a title, caption, author or explanation with
 *   a line break
 * @throws {InvalidValueError} for a value that does not fit its format, a text value with a line break (one
 *   record per line), or a record that would read as a separator line (names the row and column)
 * @example
 * ```ts
 * const records = [{ Name: 'src 1', P_AGN: 0.81 }, { Name: 'src 2', P_AGN: NaN }];
 * const text = formatMrt({ title: 'Classified sources', columns: ['Name', { label: 'P_AGN', units: '---' }], records });
 * parseMrt(text).records; // => [{ Name: 'src 1', P_AGN: 0.81 }, { Name: 'src 2', P_AGN: NaN }]
 * formatMrt({ columns: ['Name'], records: [{ Name: 'two\nlines' }] }); // throws InvalidValueError: text with a line break cannot be written to an MRT
 * formatMrt({ columns: [], records: [] });                              // throws InvalidArgumentError: at least one column
 * ```
 */
export function formatMrt(table: MrtTableInput): string {
  const columns = table.columns.map((c) => (typeof c === 'string' ? { label: c } : c));
  if (columns.length === 0) throw new InvalidArgumentError('formatMrt: a machine-readable table needs at least one column, got none');
  checkHeaderText('title', table.title);
  checkHeaderText('authors', table.authors);
  checkHeaderText('caption', table.caption);
  checkHeaderText('file name', table.fileName);
  const fieldsOut: { label: string; type: MrtType; width: number; decimals: number; format: string; units: string; explanation: string; start: number; end: number }[] = [];
  const labels = new Set<string>();
  let byte = 1;
  for (const c of columns) {
    if (typeof c.label !== 'string' || !/^\S+$/.test(c.label)) throw new InvalidArgumentError(`formatMrt: label ${JSON.stringify(c.label)} must be non-empty without blanks`);
    if (c.label === '__proto__') throw new InvalidArgumentError('formatMrt: "__proto__" cannot be a column label');
    if (labels.has(c.label)) throw new InvalidArgumentError(`formatMrt: label "${c.label}" appears twice`);
    labels.add(c.label);
    if (c.units !== undefined && !/^\S+$/.test(c.units)) throw new InvalidArgumentError(`formatMrt: units ${JSON.stringify(c.units)} of column "${c.label}" must be non-empty without blanks`);
    checkHeaderText(`explanation of column "${c.label}"`, c.explanation);
    const values = table.records.map((r) => valueOf(r, c.label));
    const format = c.format ?? inferFormat(c.label, values);
    const fm = FORMAT.exec(format);
    if (fm === null) throw new InvalidArgumentError(`formatMrt: malformed format ${JSON.stringify(format)} for column "${c.label}"`);
    const width = Number(fm[2]);
    if (width < 1) throw new InvalidArgumentError(`formatMrt: format ${JSON.stringify(format)} of column "${c.label}" has no width`);
    const nullable = values.some(isMissing);
    const explanation = `${nullable ? '? ' : ''}${c.explanation ?? c.label}`;
    fieldsOut.push({ label: c.label, type: fm[1] as MrtType, width, decimals: fm[3] === undefined ? 0 : Number(fm[3]), format, units: c.units ?? '---', explanation, start: byte, end: byte + width - 1 });
    byte += width + 1;
  }
  const rule = '-'.repeat(80);
  const formatWidth = Math.max(6, ...fieldsOut.map((f) => f.format.length));
  const unitsWidth = Math.max(5, ...fieldsOut.map((f) => f.units.length));
  const labelWidth = Math.max(5, ...fieldsOut.map((f) => f.label.length));
  const out: string[] = [];
  if (table.title !== undefined) out.push(`Title: ${table.title}`);
  if (table.authors !== undefined) out.push(`Authors: ${table.authors}`);
  if (table.caption !== undefined) out.push(`Table: ${table.caption}`);
  out.push('='.repeat(80), `Byte-by-byte Description of file: ${table.fileName ?? 'table'}`, rule);
  out.push(`   Bytes ${'Format'.padEnd(formatWidth)} ${'Units'.padEnd(unitsWidth)} ${'Label'.padEnd(labelWidth)} Explanations`, rule);
  for (const f of fieldsOut) {
    const bytes = f.start === f.end ? `${String(f.start).padStart(4)}    ` : `${String(f.start).padStart(4)}-${String(f.end).padStart(3)}`;
    out.push(`${bytes} ${f.format.padEnd(formatWidth)} ${f.units.padEnd(unitsWidth)} ${f.label.padEnd(labelWidth)} ${f.explanation}`);
  }
  out.push(rule);
  table.records.forEach((r, i) => {
    const row = i + 1;
    const full = fieldsOut.map((f) => formatValue(valueOf(r, f.label), f.type, f.width, f.decimals, f.label, row)).join(' ');
    const line = full.trimEnd();
    if (line !== '' && SEPARATOR.test(line)) {
      throw new InvalidValueError(`formatMrt: the record would read as a separator line: ${JSON.stringify(line)}`, { row, column: fieldsOut[0]!.label });
    }
    // a record of missing values only is written as blanks across the whole record, so that it reads back
    out.push(line === '' ? full : line);
  });
  return `${out.join('\n')}\n`;
}
