/**
 * The VOTable data model (IVOA VOTable 1.3/1.4, §2–§5) and the value codecs of its twelve primitive
 * datatypes: the TABLEDATA text of a cell (§5.1) and its BINARY/BINARY2 bytes (§5.4–§5.5: big-endian, arrays
 * of variable length preceded by a 4-byte count, bits packed most significant first, fixed `char` arrays padded
 * with NUL). How values look in JavaScript:
 *
 * | datatype | scalar | array |
 * | --- | --- | --- |
 * | `boolean` | `true` / `false` / `null` (missing) | `(boolean \| null)[]` |
 * | `bit` | `true` / `false` | `boolean[]` |
 * | `unsignedByte`, `short`, `int`, `float`, `double` | `number` (`NaN` = missing) | `number[]` |
 * | `long` | `bigint` (`null` = missing): 64 bits, beyond a double's 53 (Gaia `source_id`) | `(bigint \| null)[]` |
 * | `char`, `unicodeChar` | `string` (`null` = missing) | a string per row (one dimension), `string[]` (more) |
 * | `floatComplex`, `doubleComplex` | `[re, im]` | `[re₀, im₀, re₁, im₁, …]` |
 *
 * Multidimensional arrays (`arraysize="3x4"`) are flat, first index fastest, as in the standard. A whole cell
 * flagged null by BINARY2 is `null`.
 *
 * @module
 */
import { ParseError, type ValueLocation } from '../core/errors';

/** The primitive datatypes of VOTable (1.3 §2.1). */
export type VotableDatatype =
  | 'boolean'
  | 'bit'
  | 'unsignedByte'
  | 'short'
  | 'int'
  | 'long'
  | 'char'
  | 'unicodeChar'
  | 'float'
  | 'double'
  | 'floatComplex'
  | 'doubleComplex';

/** The VOTable datatypes, in the standard's order. */
export const VOTABLE_DATATYPES: readonly VotableDatatype[] = [
  'boolean',
  'bit',
  'unsignedByte',
  'short',
  'int',
  'long',
  'char',
  'unicodeChar',
  'float',
  'double',
  'floatComplex',
  'doubleComplex',
];

/** One cell value (see the module's table); arrays are plain arrays. */
export type VotableValue = number | bigint | boolean | string | null | readonly (number | bigint | boolean | string | null)[];

/** A FIELD (or the shared part of a PARAM): a column's definition and metadata, as written in the document. */
export interface VotableField {
  /** The `name` attribute (required by the standard; the column name in muwclass). */
  readonly name: string;
  /** The `datatype` attribute. */
  readonly datatype: VotableDatatype;
  /** The `arraysize` attribute (`"8"`, `"*"`, `"10*"`, `"3x4"`, `"3x*"`), absent for a scalar. */
  readonly arraysize?: string;
  /** The `ID` attribute. */
  readonly ID?: string;
  /** The `unit` attribute (e.g. `"deg"`, `"erg/s/cm2"`). */
  readonly unit?: string;
  /** The `ucd` attribute: Unified Content Descriptor (e.g. `"pos.eq.ra;meta.main"`). */
  readonly ucd?: string;
  /** The `utype` attribute. */
  readonly utype?: string;
  /** The `xtype` attribute (e.g. `"timestamp"`). */
  readonly xtype?: string;
  /** The `ref` attribute. */
  readonly ref?: string;
  /** The `precision` attribute (e.g. `"6"`, `"E3"`). */
  readonly precision?: string;
  /** The `width` attribute. */
  readonly width?: string;
  /** The `null` attribute of its VALUES element: the integer value standing for a missing one. */
  readonly null?: string;
  /** The text of its DESCRIPTION element. */
  readonly description?: string;
}

/** A PARAM: a field with a constant value. */
export interface VotableParam extends VotableField {
  /** The `value` attribute as written. */
  readonly value: string;
  /** The value parsed with the param's datatype (as a TABLEDATA cell). */
  readonly parsed: VotableValue;
}

/** An INFO element (e.g. `QUERY_STATUS` with value `OK`, `ERROR` or `OVERFLOW`). */
export interface VotableInfo {
  /** The `name` attribute. */
  readonly name: string;
  /** The `value` attribute. */
  readonly value: string;
  /** The `ID` attribute. */
  readonly ID?: string;
  /** The element's text (e.g. the error message of a failed query). */
  readonly content?: string;
}

/** The three serializations of a table's data (1.3 §5). */
export type VotableSerialization = 'TABLEDATA' | 'BINARY' | 'BINARY2';

/** The shape of an `arraysize`: the dimensions, whether the last is variable, the element count when fixed. */
export interface ArrayShape {
  /** The dimensions; a variable last dimension is its bound (`Infinity` for `*`). */
  readonly dims: readonly number[];
  /** Whether the last dimension is variable (`*` or `n*`). */
  readonly variable: boolean;
  /** The number of elements of a fixed array (the product of `dims`), or of the fixed part of a variable one. */
  readonly fixedCount: number;
}

/** Parses an `arraysize` attribute; `undefined` is a scalar. */
export function arrayShape(arraysize: string | undefined, location: ValueLocation = {}): ArrayShape | undefined {
  if (arraysize === undefined) return undefined;
  const parts = arraysize.trim().split('x');
  const dims: number[] = [];
  let variable = false;
  parts.forEach((p, k) => {
    const m = /^(\d*)(\*?)$/.exec(p.trim());
    if (m === null || (m[1] === '' && m[2] === '') || (m[2] === '*' && k !== parts.length - 1)) {
      throw new ParseError(`malformed arraysize ${JSON.stringify(arraysize)}`, location);
    }
    if (m[2] === '*') {
      variable = true;
      dims.push(m[1] === '' ? Infinity : Number(m[1]));
    } else dims.push(Number(m[1]));
  });
  const fixedCount = (variable ? dims.slice(0, -1) : dims).reduce((a, b) => a * b, 1);
  return { dims, variable, fixedCount };
}

/** Bytes of one element of each datatype in BINARY (`bit` is packed: 0 here). */
const ELEMENT_BYTES: Readonly<Record<VotableDatatype, number>> = {
  boolean: 1,
  bit: 0,
  unsignedByte: 1,
  short: 2,
  int: 4,
  long: 8,
  char: 1,
  unicodeChar: 2,
  float: 4,
  double: 8,
  floatComplex: 8,
  doubleComplex: 16,
};

const INTEGER_RANGE: Readonly<Partial<Record<VotableDatatype, readonly [number, number]>>> = {
  unsignedByte: [0, 255],
  short: [-32768, 32767],
  int: [-2147483648, 2147483647],
};

/** A field's codec: how its cells read and write, compiled once per table. */
export interface FieldCodec {
  /** The field. */
  readonly field: VotableField;
  /** The parsed arraysize (`undefined` for a scalar). */
  readonly shape: ArrayShape | undefined;
  /** Whether a cell holds several elements (an array, a complex pair, or a string). */
  readonly isText: boolean;
  /** The parsed `null` value (numbers: a number; long: a bigint). */
  readonly nullValue: number | bigint | undefined;
}

/**
 * Compiles a field's codec.
 *
 * @throws {ParseError} for an unknown datatype or a malformed arraysize
 */
export function fieldCodec(field: VotableField, location: ValueLocation = {}): FieldCodec {
  if (!VOTABLE_DATATYPES.includes(field.datatype)) throw new ParseError(`unknown datatype ${JSON.stringify(field.datatype)}`, location);
  const shape = arrayShape(field.arraysize, location);
  const isText = field.datatype === 'char' || field.datatype === 'unicodeChar';
  let nullValue: number | bigint | undefined;
  if (field.null !== undefined && field.null.trim() !== '') {
    if (field.datatype === 'long') nullValue = parseBigInt(field.null.trim(), { ...location, column: field.name });
    else if (!isText && field.datatype !== 'boolean' && field.datatype !== 'bit') nullValue = parseNumberText(field.null.trim(), field.datatype, location);
  }
  return { field, shape, isText, nullValue };
}

function parseBigInt(t: string, location: ValueLocation): bigint {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|\d+)$/.exec(t);
  if (m === null) throw new ParseError(`malformed long integer ${JSON.stringify(t)}`, location);
  const v = BigInt(m[2]!);
  const r = m[1] === '-' ? -v : v;
  if (r < -(1n << 63n) || r >= 1n << 63n) throw new ParseError(`long integer ${t} is outside the 64-bit range`, location);
  return r;
}

const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseNumberText(t: string, datatype: VotableDatatype, location: ValueLocation): number {
  const range = INTEGER_RANGE[datatype];
  if (range !== undefined) {
    let x: number;
    if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) x = (t.startsWith('-') ? -1 : 1) * Number.parseInt(t.replace(/^[+-]/, '').slice(2), 16);
    else if (/^[+-]?\d+$/.test(t)) x = Number(t);
    else throw new ParseError(`malformed ${datatype} ${JSON.stringify(t)}`, location);
    if (x < range[0] || x > range[1]) throw new ParseError(`${datatype} ${t} is outside [${range[0]}, ${range[1]}]`, location);
    return x;
  }
  // float, double, complex parts
  if (FLOAT.test(t)) return Number(t);
  if (/^nan$/i.test(t)) return Number.NaN;
  if (/^\+?inf(inity)?$/i.test(t)) return Infinity;
  if (/^-inf(inity)?$/i.test(t)) return -Infinity;
  throw new ParseError(`malformed ${datatype} ${JSON.stringify(t)}`, location);
}

function parseBooleanText(t: string, location: ValueLocation): boolean | null {
  switch (t) {
    case 'T':
    case 't':
    case '1':
    case 'true':
    case 'TRUE':
    case 'True':
      return true;
    case 'F':
    case 'f':
    case '0':
    case 'false':
    case 'FALSE':
    case 'False':
      return false;
    case '?':
    case '':
    case ' ':
    case '\0':
      return null;
    default:
      throw new ParseError(`malformed boolean ${JSON.stringify(t)}`, location);
  }
}

/** Parses one element of text (a number, a boolean, a long). */
function parseElement(codec: FieldCodec, t: string, location: ValueLocation): number | bigint | boolean | null {
  const type = codec.field.datatype;
  if (type === 'boolean') return parseBooleanText(t, location);
  if (type === 'bit') {
    if (t === '0' || t === '1') return t === '1';
    throw new ParseError(`malformed bit ${JSON.stringify(t)}`, location);
  }
  if (type === 'long') {
    const v = parseBigInt(t, location);
    return codec.nullValue !== undefined && v === codec.nullValue ? null : v;
  }
  const x = parseNumberText(t, type, location);
  if (type === 'float' || type === 'floatComplex') return Math.fround(x); // a 32-bit float, as BINARY holds it
  return codec.nullValue !== undefined && x === codec.nullValue ? Number.NaN : x;
}

/** The missing value of a cell of the codec's type (what an empty TABLEDATA cell reads as). */
export function missingValue(codec: FieldCodec): VotableValue {
  const type = codec.field.datatype;
  if (codec.isText || type === 'long' || type === 'boolean') return null;
  if (type === 'floatComplex' || type === 'doubleComplex') return codec.shape === undefined ? [Number.NaN, Number.NaN] : [];
  if (codec.shape !== undefined) return [];
  return type === 'bit' ? false : Number.NaN;
}

/**
 * Parses a TABLEDATA cell (the text of a TD) with the field's datatype: an empty cell is missing (`NaN`,
 * `null`); array elements are separated by blanks; `bit` arrays may also be written as one run of `0`/`1`.
 *
 * @throws {ParseError} for a malformed value or an array of the wrong length, naming the location
 */
export function parseCellText(codec: FieldCodec, text: string, location: ValueLocation = {}): VotableValue {
  const type = codec.field.datatype;
  if (codec.isText) {
    if (codec.shape === undefined || codec.shape.dims.length <= 1) return text;
    // a multidimensional char array: one string per first-dimension run
    const n = codec.shape.dims[0]!;
    const out: string[] = [];
    for (let k = 0; k < text.length; k += n) out.push(text.slice(k, k + n));
    return out;
  }
  const t = text.trim();
  if (t === '') return missingValue(codec);
  const complex = type === 'floatComplex' || type === 'doubleComplex';
  if (codec.shape === undefined && !complex) return parseElement(codec, t, location);
  let tokens = t.split(/\s+/);
  if (type === 'bit' && tokens.length === 1 && tokens[0]!.length > 1) tokens = [...tokens[0]!];
  const values = tokens.map((x) => parseElement(codec, x, location));
  const perElement = complex ? 2 : 1;
  if (codec.shape === undefined) {
    if (values.length !== 2) throw new ParseError(`a ${type} needs 2 numbers (real, imaginary), got ${values.length}`, location);
    return values as number[];
  }
  checkCount(codec, values.length / perElement, location);
  return values as VotableValue;
}

function checkCount(codec: FieldCodec, count: number, location: ValueLocation): void {
  const shape = codec.shape!;
  const ok = shape.variable
    ? Number.isInteger(count / shape.fixedCount) && count / shape.fixedCount <= shape.dims[shape.dims.length - 1]!
    : count === shape.fixedCount;
  if (!ok) throw new ParseError(`array of ${count} elements does not fit arraysize "${codec.field.arraysize!}"`, location);
}

/** The shortest decimal text that reads back (rounded to 32 bits) as the same 32-bit float as `x`. */
function shortestFloat32(x: number): string {
  const f = Math.fround(x);
  for (let p = 1; p < 17; p++) {
    const s = String(Number(f.toPrecision(p)));
    if (Math.fround(Number(s)) === f) return s;
  }
  return String(f);
}

/** Formats one element for TABLEDATA. */
function formatElement(codec: FieldCodec, v: unknown): string {
  const type = codec.field.datatype;
  if (type === 'boolean') return v === null || v === undefined ? '?' : v ? 'T' : 'F';
  if (type === 'bit') return v ? '1' : '0';
  if (type === 'long') return v === null || v === undefined ? (codec.nullValue === undefined ? '' : String(codec.nullValue)) : String(v);
  const x = v as number;
  if (Number.isNaN(x)) return codec.nullValue !== undefined ? String(codec.nullValue) : INTEGER_RANGE[type] === undefined ? 'NaN' : '';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (Object.is(x, -0)) return '-0';
  if (type === 'float' || type === 'floatComplex') return shortestFloat32(x);
  return String(x);
}

/**
 * Formats a value as TABLEDATA text (what {@link parseCellText} reads back to the same value): numbers at full
 * precision, `NaN` as `NaN` (floats) or empty (integers without a `null` value), booleans `T`/`F`/`?`, bits
 * `0`/`1`, arrays blank-separated.
 */
export function formatCellText(codec: FieldCodec, value: VotableValue): string {
  const type = codec.field.datatype;
  if (codec.isText) {
    if (value === null) return '';
    return Array.isArray(value) ? value.join('') : String(value);
  }
  const complex = type === 'floatComplex' || type === 'doubleComplex';
  if (codec.shape === undefined && !complex) {
    if (type === 'long' && value === null && codec.nullValue === undefined) return '';
    if ((type === 'unsignedByte' || type === 'short' || type === 'int') && Number.isNaN(value as number) && codec.nullValue === undefined) return '';
    return formatElement(codec, value);
  }
  if (value === null) return '';
  return (value as readonly unknown[]).map((v) => formatElement(codec, v)).join(type === 'bit' ? '' : ' ');
}

/** Big-endian byte reader over a growing buffer (BINARY/BINARY2 streams). */
export class ByteReader {
  /** The bytes. */
  bytes: Uint8Array;
  /** A view of the bytes. */
  view: DataView;
  /** Bytes written so far. */
  length = 0;

  constructor() {
    this.bytes = new Uint8Array(1 << 12);
    this.view = new DataView(this.bytes.buffer);
  }

  /** Appends bytes. */
  append(data: Uint8Array): void {
    if (this.length + data.length > this.bytes.length) {
      let size = this.bytes.length;
      while (size < this.length + data.length) size *= 2;
      const bigger = new Uint8Array(size);
      bigger.set(this.bytes.subarray(0, this.length));
      this.bytes = bigger;
      this.view = new DataView(bigger.buffer);
    }
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  /** Drops the first `n` bytes (consumed rows). */
  drop(n: number): void {
    this.bytes.copyWithin(0, n, this.length);
    this.length -= n;
  }
}

/** A marker thrown (and caught) when a row needs more bytes than have arrived. */
export const NEED_MORE: unique symbol = Symbol('need more bytes');

function need(r: ByteReader, at: number, n: number): void {
  if (at + n > r.length) throw NEED_MORE;
}

const UTF16 = new TextDecoder('utf-16be');

/**
 * Decodes one cell of BINARY data at `at`; returns the value and the next offset. Throws {@link NEED_MORE}
 * when the row is cut by the end of the bytes that have arrived.
 */
export function decodeBinaryCell(codec: FieldCodec, r: ByteReader, at: number, location: ValueLocation): [VotableValue, number] {
  const type = codec.field.datatype;
  const shape = codec.shape;
  let count: number;
  let isArray = shape !== undefined;
  if (shape === undefined) count = 1;
  else if (shape.variable) {
    need(r, at, 4);
    const items = r.view.getInt32(at);
    at += 4;
    if (items < 0) throw new ParseError(`negative array length ${items}`, location);
    count = items;
  } else count = shape.fixedCount;
  if (type === 'bit') {
    const bytes = Math.ceil(count / 8);
    need(r, at, bytes);
    const out: boolean[] = [];
    for (let k = 0; k < count; k++) out.push(((r.bytes[at + (k >> 3)]! >> (7 - (k & 7))) & 1) === 1);
    return [isArray ? out : out[0]!, at + bytes];
  }
  const size = ELEMENT_BYTES[type];
  need(r, at, size * count);
  const v = r.view;
  if (type === 'char') {
    let end = at;
    const stop = at + count;
    while (end < stop && r.bytes[end] !== 0) end++;
    let s = '';
    for (let k = at; k < end; k++) s += String.fromCharCode(r.bytes[k]!);
    return [shape !== undefined && shape.dims.length > 1 ? (parseCellText(codec, s, location) as string[]) : s, stop];
  }
  if (type === 'unicodeChar') {
    let s = UTF16.decode(r.bytes.subarray(at, at + 2 * count));
    const z = s.indexOf('\0');
    if (z >= 0) s = s.slice(0, z);
    return [s, at + 2 * count];
  }
  const out: (number | bigint | boolean | null)[] = [];
  for (let k = 0; k < count; k++, at += size) {
    switch (type) {
      case 'boolean':
        out.push(parseBooleanText(String.fromCharCode(r.bytes[at]!), location));
        break;
      case 'unsignedByte':
        out.push(nullNumber(codec, v.getUint8(at)));
        break;
      case 'short':
        out.push(nullNumber(codec, v.getInt16(at)));
        break;
      case 'int':
        out.push(nullNumber(codec, v.getInt32(at)));
        break;
      case 'long': {
        const x = v.getBigInt64(at);
        out.push(codec.nullValue !== undefined && x === codec.nullValue ? null : x);
        break;
      }
      case 'float':
        out.push(v.getFloat32(at));
        break;
      case 'double':
        out.push(v.getFloat64(at));
        break;
      case 'floatComplex':
        out.push(v.getFloat32(at), v.getFloat32(at + 4));
        isArray = true;
        break;
      case 'doubleComplex':
        out.push(v.getFloat64(at), v.getFloat64(at + 8));
        isArray = true;
        break;
    }
  }
  return [isArray ? out : out[0]!, at];
}

function nullNumber(codec: FieldCodec, x: number): number {
  return codec.nullValue !== undefined && x === codec.nullValue ? Number.NaN : x;
}

/** A growable big-endian byte writer. */
export class ByteWriter {
  private bytes = new Uint8Array(1 << 12);
  private view = new DataView(this.bytes.buffer);
  /** Bytes written. */
  length = 0;

  /** Room for `n` more bytes; returns the offset to write at. */
  reserve(n: number): number {
    if (this.length + n > this.bytes.length) {
      let size = this.bytes.length;
      while (size < this.length + n) size *= 2;
      const bigger = new Uint8Array(size);
      bigger.set(this.bytes.subarray(0, this.length));
      this.bytes = bigger;
      this.view = new DataView(bigger.buffer);
    }
    const at = this.length;
    this.length += n;
    return at;
  }

  /** The data view (valid until the next {@link reserve}). */
  get dataView(): DataView {
    return this.view;
  }

  /** The bytes written (a view; valid until the next write). */
  get data(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  /** Forgets the bytes written (keeps the buffer). */
  clear(): void {
    this.length = 0;
  }
}

/** The value written for a missing element of an integer type without a `null` value: BINARY cannot say "missing". */
function integerFor(codec: FieldCodec, x: unknown, location: ValueLocation, binary2: boolean): number {
  const n = x as number;
  if (!Number.isNaN(n)) {
    const range = INTEGER_RANGE[codec.field.datatype]!;
    if (!Number.isInteger(n) || n < range[0] || n > range[1]) throw new ParseError(`value ${n} is not a ${codec.field.datatype}`, location);
    return n;
  }
  if (codec.nullValue !== undefined) return codec.nullValue as number;
  if (binary2) return 0;
  throw new ParseError(`a missing ${codec.field.datatype} needs a null value (VALUES null="…") to be written as BINARY; write BINARY2 or TABLEDATA, or declare one`, location);
}

/**
 * Encodes one cell as BINARY bytes (BINARY2: `binary2` true, where a missing integer scalar is flagged by the
 * caller and written as 0).
 *
 * @throws {ParseError} for a value that does not fit its datatype or arraysize, naming the location
 */
export function encodeBinaryCell(codec: FieldCodec, value: VotableValue, w: ByteWriter, location: ValueLocation, binary2: boolean): void {
  const type = codec.field.datatype;
  const shape = codec.shape;
  if (codec.isText) {
    const text = value === null ? '' : Array.isArray(value) ? value.join('') : String(value);
    const units = type === 'char' ? 1 : 2;
    let count: number;
    if (shape === undefined) count = 1;
    else if (shape.variable) {
      count = text.length;
      if (count > shape.dims[shape.dims.length - 1]! * shape.fixedCount) throw new ParseError(`text of ${count} characters is longer than arraysize "${codec.field.arraysize!}"`, location);
      w.dataView.setInt32(w.reserve(4), count);
    } else count = shape.fixedCount;
    if (shape !== undefined && !shape.variable && text.length > count) throw new ParseError(`text of ${text.length} characters is longer than arraysize "${codec.field.arraysize!}"`, location);
    if (shape === undefined && text.length > 1) throw new ParseError(`a single ${type} cannot hold ${JSON.stringify(text)} (no arraysize)`, location);
    const at = w.reserve(count * units);
    const v = w.dataView;
    for (let k = 0; k < count; k++) {
      const c = k < text.length ? text.charCodeAt(k) : 0;
      if (type === 'char') {
        if (c > 255) throw new ParseError(`character ${JSON.stringify(text[k])} is not one byte: use datatype unicodeChar`, location);
        v.setUint8(at + k, c);
      } else v.setUint16(at + 2 * k, c);
    }
    return;
  }
  const complex = type === 'floatComplex' || type === 'doubleComplex';
  let elements: readonly unknown[];
  if (shape === undefined && !complex) elements = [value];
  else elements = value === null ? [] : (value as readonly unknown[]);
  const per = complex ? 2 : 1;
  let count = elements.length / per;
  if (shape === undefined) {
    if (count !== 1) throw new ParseError(`a ${type} is [re, im]`, location);
  } else {
    if (shape.variable) w.dataView.setInt32(w.reserve(4), count);
    else if (value === null) {
      count = shape.fixedCount;
      elements = new Array<unknown>(count * per).fill(type === 'long' || type === 'boolean' ? null : type === 'bit' ? false : Number.NaN);
    }
    checkCount(codec, count, location);
  }
  if (type === 'bit') {
    const at = w.reserve(Math.ceil(count / 8));
    const bytes = w.data;
    for (let k = 0; k < count; k++) if (elements[k]) bytes[at + (k >> 3)]! |= 1 << (7 - (k & 7));
    return;
  }
  const size = ELEMENT_BYTES[type] / per;
  const at = w.reserve(size * elements.length);
  const v = w.dataView;
  elements.forEach((x, k) => {
    const o = at + k * size;
    switch (type) {
      case 'boolean':
        v.setUint8(o, x === null || x === undefined ? 63 /* ? */ : x ? 84 /* T */ : 70 /* F */);
        break;
      case 'unsignedByte':
        v.setUint8(o, integerFor(codec, x, location, binary2 && shape === undefined));
        break;
      case 'short':
        v.setInt16(o, integerFor(codec, x, location, binary2 && shape === undefined));
        break;
      case 'int':
        v.setInt32(o, integerFor(codec, x, location, binary2 && shape === undefined));
        break;
      case 'long':
        if (x === null || x === undefined) {
          if (codec.nullValue !== undefined) v.setBigInt64(o, codec.nullValue as bigint);
          else if (binary2 && shape === undefined) v.setBigInt64(o, 0n);
          else throw new ParseError('a missing long needs a null value (VALUES null="…") to be written as BINARY; write BINARY2 or TABLEDATA, or declare one', location);
        } else v.setBigInt64(o, typeof x === 'bigint' ? x : BigInt(x as number));
        break;
      case 'float':
      case 'floatComplex':
        v.setFloat32(o, x as number);
        break;
      case 'double':
      case 'doubleComplex':
        v.setFloat64(o, x as number);
        break;
    }
  });
}

/** Whether a cell value is missing (BINARY2's null flag): `null`, or `NaN` for a numeric scalar. */
export function isMissing(codec: FieldCodec, value: VotableValue): boolean {
  if (value === null) return true;
  const type = codec.field.datatype;
  return codec.shape === undefined && typeof value === 'number' && Number.isNaN(value) && type !== 'float' && type !== 'double';
}
