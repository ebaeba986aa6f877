/**
 * FITS binary tables (FITS Standard 4.0, Sec. 7.3): the column layout from `TFORMn` (types L, X, B, I, J, K,
 * A, E, D, C, M with repeat counts; `TDIMn` shapes), big-endian decoding into typed arrays, `TSCALn`/`TZEROn`
 * (including the unsigned-integer convention, Sec. 7.3.2 and Table 19), `TNULLn`, and the encoder for
 * tables. Variable-length arrays (P, Q) are rejected with an error naming the column.
 *
 * @module
 */
import { InvalidArgumentError, ParseError, ShapeMismatchError } from '../core/errors';
import { headerValue, hduLabel, type FitsCard, type FitsHeader, type FitsHeaderLocation } from './fits-header';

/** A binary-table column's data type (`TFORMn` letter, Table 18): logical, bit, byte, 16/32/64-bit integer, character, 32/64-bit real, 32/64-bit complex. */
export type FitsColumnType = 'L' | 'X' | 'B' | 'I' | 'J' | 'K' | 'A' | 'E' | 'D' | 'C' | 'M';

/**
 * A column's values, flattened row by row: row r's elements are `values[r·n … (r+1)·n − 1]`, n =
 * {@link fitsElementsPerRow}. Numbers come in the narrowest typed array that holds them exactly: `E`
 * `Float32Array`, `D` `Float64Array`, `B` `Uint8Array` (`Int8Array` with `TZERO = −128`), `I` `Int16Array`
 * (`Uint16Array` with `TZERO = 32768`), `J` `Int32Array` (`Uint32Array` with `TZERO = 2³¹`), `K` `BigInt64Array`
 * (`BigUint64Array` with `TZERO = 2⁶³`); any other scaling, or a `TNULLn`, gives physical values
 * `TZERO + TSCAL × stored` in a `Float64Array` with `NaN` for nulls (exact to 2⁵³ for `K`). `C`/`M` are
 * `Float32Array`/`Float64Array` of (re, im) pairs; `X` a `Uint8Array` of bits (0/1); `L` booleans, `null` for
 * a null (byte 0); `A` strings (up to the first NUL, trailing blanks removed), one per `TDIMn` first-axis width.
 */
export type FitsColumnValues =
  | Float64Array
  | Float32Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | string[]
  | (boolean | null)[];

/** One decoded binary-table column. */
export interface FitsColumn {
  /** `TTYPEn`, or `COLn` when absent. */
  readonly name: string;
  /** The `TFORMn` text, e.g. `"1D"`, `"12A"`, `"3J"`. */
  readonly format: string;
  /** The data type letter. */
  readonly type: FitsColumnType;
  /** The repeat count r of `TFORMn` (for `A`, characters per row; for `X`, bits). */
  readonly repeat: number;
  /** `TDIMn` (fastest axis first), or `[repeat]` when absent. */
  readonly shape: readonly number[];
  /** `TUNITn`, when given. */
  readonly unit?: string;
  /** `TSCALn` (default 1). */
  readonly scale: number;
  /** `TZEROn` (default 0; a `bigint` for the 64-bit unsigned offset 2⁶³). */
  readonly zero: number | bigint;
  /** `TNULLn`: the stored integer that marks a null, when given. */
  readonly nullValue?: number | bigint;
  /** `TDISPn`, when given. */
  readonly display?: string;
  /** The values, flattened row by row (see {@link FitsColumnValues}). */
  readonly values: FitsColumnValues;
}

/** A column's layout without its values: what a streaming reader knows from the header. */
export type FitsColumnInfo = Omit<FitsColumn, 'values'>;

/** Bytes per element (Table 18); `X` is handled by bit count. */
const WIDTH: Readonly<Record<Exclude<FitsColumnType, 'X'>, number>> = { L: 1, B: 1, I: 2, J: 4, K: 8, A: 1, E: 4, D: 8, C: 8, M: 16 };

/**
 * Values per row of a column: strings for `A` (repeat / width of the first `TDIM` axis), 2 per element for `C`/`M`, else the repeat count.
 *
 * @example
 * ```ts
 * fitsElementsPerRow({ type: 'E', repeat: 3, shape: [] });     // => 3
 * fitsElementsPerRow({ type: 'A', repeat: 20, shape: [10, 2] }); // => 2 (two strings of 10 characters)
 * fitsElementsPerRow({ type: 'C', repeat: 1, shape: [] });     // => 2 (real and imaginary parts)
 * ```
 */
export function fitsElementsPerRow(column: Pick<FitsColumnInfo, 'type' | 'repeat' | 'shape'>): number {
  if (column.type === 'A') return column.repeat === 0 ? 0 : column.repeat / (column.shape[0] ?? column.repeat);
  return column.type === 'C' || column.type === 'M' ? 2 * column.repeat : column.repeat;
}

/** Bytes one column takes in a row. */
export function fitsColumnBytes(column: Pick<FitsColumnInfo, 'type' | 'repeat'>): number {
  return column.type === 'X' ? Math.ceil(column.repeat / 8) : column.repeat * WIDTH[column.type];
}

const UNSIGNED_ZERO: Partial<Record<FitsColumnType, number | bigint>> = { B: -128, I: 32768, J: 2147483648, K: 9223372036854775808n };

type Reader = {
  info: FitsColumnInfo;
  offset: number;
  alloc(rows: number): FitsColumnValues;
  read(view: DataView, bytes: Uint8Array, rowStart: number, out: FitsColumnValues, row: number, rowNumber: number): void;
};

function num(v: unknown): number | bigint | undefined {
  return typeof v === 'number' || typeof v === 'bigint' ? v : undefined;
}

/**
 * The column layout of a `BINTABLE` header: one entry per `TFORMn`, with its byte offset in the row.
 *
 * @throws {ParseError} naming the HDU and column: a missing or malformed `TFORMn`, a variable-length array
 *   (P/Q), a `TDIMn` that does not match the repeat count, or widths that do not add up to `NAXIS1`
 */
export function bintableLayout(header: FitsHeader, at: FitsHeaderLocation): { rowBytes: number; rows: number; columns: Reader[] } {
  const fail = (m: string, column?: string) => new ParseError(`FITS BINTABLE: ${m} (${hduLabel(at)})`, { ...(at.source === undefined ? {} : { source: at.source }), ...(column === undefined ? {} : { column }) });
  const tfields = headerValue(header, 'TFIELDS');
  if (typeof tfields !== 'number' || !Number.isInteger(tfields) || tfields < 0 || tfields > 999) throw fail(`TFIELDS must be an integer in 0…999, got ${String(tfields)}`);
  const rowBytes = headerValue(header, 'NAXIS1') as number;
  const rows = headerValue(header, 'NAXIS2') as number;
  const columns: Reader[] = [];
  let offset = 0;
  for (let n = 1; n <= tfields; n++) {
    const ttype = headerValue(header, `TTYPE${n}`);
    const name = typeof ttype === 'string' && ttype.trim() !== '' ? ttype.trim() : `COL${n}`;
    const tform = headerValue(header, `TFORM${n}`);
    if (typeof tform !== 'string') throw fail(`TFORM${n} is missing or not a string`, name);
    const m = /^\s*(\d*)\s*([LXBIJKAEDCMPQ])(.*)$/.exec(tform);
    if (m === null) throw fail(`TFORM${n} = '${tform}' is not a binary-table format (rT with T one of L X B I J K A E D C M)`, name);
    const letter = m[2]!;
    if (letter === 'P' || letter === 'Q') throw fail(`column ${n} "${name}" (TFORM${n} = '${tform}') is a variable-length array, which muwclass does not read`, name);
    const type = letter as FitsColumnType;
    const repeat = m[1] === '' ? 1 : Number(m[1]);
    const tdim = headerValue(header, `TDIM${n}`);
    let shape: number[] = [repeat];
    if (typeof tdim === 'string' && tdim.trim() !== '') {
      const dm = /^\s*\(\s*(\d+(?:\s*,\s*\d+)*)\s*\)\s*$/.exec(tdim);
      if (dm === null) throw fail(`TDIM${n} = '${tdim}' is not like '(2,3)'`, name);
      shape = dm[1]!.split(',').map((s) => Number(s.trim()));
      const size = shape.reduce((a, b) => a * b, 1);
      if (size !== repeat) throw fail(`TDIM${n} = '${tdim}' holds ${size} elements but TFORM${n} = '${tform}' has ${repeat}`, name);
    }
    const unit = headerValue(header, `TUNIT${n}`);
    const display = headerValue(header, `TDISP${n}`);
    const tscal = num(headerValue(header, `TSCAL${n}`));
    const tzero = num(headerValue(header, `TZERO${n}`));
    const tnull = num(headerValue(header, `TNULL${n}`));
    const info: FitsColumnInfo = {
      name,
      format: tform.trim(),
      type,
      repeat,
      shape,
      ...(typeof unit === 'string' && unit !== '' ? { unit } : {}),
      scale: tscal === undefined ? 1 : Number(tscal),
      zero: tzero ?? 0,
      ...(tnull !== undefined && 'BIJK'.includes(type) ? { nullValue: tnull } : {}),
      ...(typeof display === 'string' && display !== '' ? { display } : {}),
    };
    columns.push(makeReader(info, offset, at));
    offset += fitsColumnBytes(info);
  }
  if (offset !== rowBytes) throw fail(`the columns take ${offset} bytes per row but NAXIS1 = ${rowBytes}`);
  return { rowBytes, rows, columns };
}

function makeReader(info: FitsColumnInfo, offset: number, at: FitsHeaderLocation): Reader {
  const { type, repeat, name } = info;
  const per = fitsElementsPerRow(info);
  const base = { info, offset };
  if (type === 'L') {
    return {
      ...base,
      alloc: (rows) => new Array<boolean | null>(rows * repeat).fill(null),
      read(_view, bytes, rowStart, out, row, rowNumber) {
        const o = out as (boolean | null)[];
        for (let k = 0; k < repeat; k++) {
          const b = bytes[rowStart + offset + k]!;
          if (b === 84) o[row * repeat + k] = true;
          else if (b === 70) o[row * repeat + k] = false;
          else if (b === 0) o[row * repeat + k] = null;
          else throw new ParseError(`FITS BINTABLE: logical byte ${b} is none of 'T', 'F' or 0 (${hduLabel(at)})`, { ...(at.source === undefined ? {} : { source: at.source }), row: rowNumber, column: name });
        }
      },
    };
  }
  if (type === 'X') {
    return {
      ...base,
      alloc: (rows) => new Uint8Array(rows * repeat),
      read(_view, bytes, rowStart, out, row) {
        const o = out as Uint8Array;
        for (let k = 0; k < repeat; k++) o[row * repeat + k] = (bytes[rowStart + offset + (k >> 3)]! >> (7 - (k & 7))) & 1;
      },
    };
  }
  if (type === 'A') {
    const width = repeat === 0 ? 0 : repeat / per;
    return {
      ...base,
      alloc: (rows) => new Array<string>(rows * per).fill(''),
      read(_view, bytes, rowStart, out, row) {
        const o = out as string[];
        for (let k = 0; k < per; k++) {
          let s = '';
          const from = rowStart + offset + k * width;
          for (let i = 0; i < width; i++) {
            const b = bytes[from + i]!;
            if (b === 0) break;
            s += String.fromCharCode(b);
          }
          o[row * per + k] = s.replace(/ +$/, '');
        }
      },
    };
  }
  const get = getter(type);
  const unsigned = UNSIGNED_ZERO[type];
  const plain = info.scale === 1 && info.nullValue === undefined;
  if (plain && (info.zero === 0 || info.zero === 0n)) {
    const Native = NATIVE[type];
    return {
      ...base,
      alloc: (rows) => new Native(rows * per),
      read(view, _bytes, rowStart, out, row) {
        const o = out as { [i: number]: number | bigint };
        const w = WIDTH[type] / (type === 'C' || type === 'M' ? 2 : 1);
        for (let k = 0; k < per; k++) o[row * per + k] = get(view, rowStart + offset + k * w);
      },
    };
  }
  if (plain && unsigned !== undefined && (info.zero === unsigned || (typeof unsigned === 'bigint' && info.zero === Number(unsigned)))) {
    const w = WIDTH[type];
    const read: (view: DataView, at: number) => number | bigint =
      type === 'B'
        ? (v, p) => v.getUint8(p) - 128
        : type === 'I'
          ? (v, p) => v.getInt16(p) + 32768
          : type === 'J'
            ? (v, p) => v.getInt32(p) + 2147483648
            : (v, p) => v.getBigUint64(p) ^ 9223372036854775808n;
    const Out = type === 'B' ? Int8Array : type === 'I' ? Uint16Array : type === 'J' ? Uint32Array : BigUint64Array;
    return {
      ...base,
      alloc: (rows) => new Out(rows * per),
      read(view, _bytes, rowStart, out, row) {
        const o = out as { [i: number]: number | bigint };
        for (let k = 0; k < per; k++) o[row * per + k] = read(view, rowStart + offset + k * w);
      },
    };
  }
  // physical values: zero + scale × stored, NaN for TNULL
  const zero = Number(info.zero);
  const scale = info.scale;
  const nullValue = info.nullValue;
  const w = WIDTH[type] / (type === 'C' || type === 'M' ? 2 : 1);
  return {
    ...base,
    alloc: (rows) => new Float64Array(rows * per),
    read(view, _bytes, rowStart, out, row) {
      const o = out as Float64Array;
      for (let k = 0; k < per; k++) {
        const raw = get(view, rowStart + offset + k * w);
        o[row * per + k] = nullValue !== undefined && raw == nullValue /* bigint and number compare by value */ ? Number.NaN : zero + scale * Number(raw);
      }
    },
  };
}

const NATIVE = {
  B: Uint8Array,
  I: Int16Array,
  J: Int32Array,
  K: BigInt64Array,
  E: Float32Array,
  D: Float64Array,
  C: Float32Array,
  M: Float64Array,
} as const;

function getter(type: FitsColumnType): (view: DataView, at: number) => number | bigint {
  switch (type) {
    case 'B':
      return (v, p) => v.getUint8(p);
    case 'I':
      return (v, p) => v.getInt16(p);
    case 'J':
      return (v, p) => v.getInt32(p);
    case 'K':
      return (v, p) => v.getBigInt64(p);
    case 'E':
    case 'C':
      return (v, p) => v.getFloat32(p);
    default:
      return (v, p) => v.getFloat64(p);
  }
}

/**
 * Decodes `rows` rows of a binary table from `bytes` (the first row at index `start`) into fresh columns; used
 * by the whole-file reader and, batch by batch, by the stream reader.
 *
 * @param layout - from {@link bintableLayout}
 * @param keep - the columns to decode (indices into the layout)
 * @param firstRow - the 1-based number of the first row, for error messages
 */
export function decodeRows(layout: { rowBytes: number; columns: Reader[] }, keep: readonly number[], bytes: Uint8Array, start: number, rows: number, firstRow: number): FitsColumn[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return keep.map((j) => {
    const reader = layout.columns[j]!;
    const values = reader.alloc(rows);
    for (let r = 0; r < rows; r++) reader.read(view, bytes, start + r * layout.rowBytes, values, r, firstRow + r);
    return { ...reader.info, values };
  });
}

/** A column to write: its name and values (flattened row by row when a row holds several elements). */
export interface FitsColumnInput {
  /** `TTYPEn`. */
  readonly name: string;
  /**
   * The values. Typed arrays keep their type (`Float64Array` → `D`, `Float32Array` → `E`, `Int16Array` → `I`,
   * `Int32Array` → `J`, `BigInt64Array` → `K`, `Uint8Array` → `B`, and the unsigned/signed-byte variants with
   * their `TZEROn`); an array of numbers (`null`/`undefined`/`NaN` for missing) is written as `D` with `NaN`
   * for missing; an array of strings (`null`/`undefined` = `''`) as `A` of the longest string's width
   * (printable ASCII only); an array of booleans (`null`/`undefined` = null) as `L`.
   */
  readonly values: FitsColumnValues | readonly (number | null | undefined)[] | readonly (string | null | undefined)[] | readonly (boolean | null | undefined)[];
  /** Elements per row (default 1; strings per row for text). */
  readonly repeat?: number;
  /** `TDIMn` for a multi-dimensional cell (fastest axis first; for text, without the string width). */
  readonly shape?: readonly number[];
  /** `TUNITn`. */
  readonly unit?: string;
  /** Text columns: the characters per string (default the longest, at least 1). */
  readonly width?: number;
}

type Encoded = { cards: FitsCard[]; bytes: number; write(view: DataView, bytes: Uint8Array, rowStart: number, row: number): void };

function encodeColumn(c: FitsColumnInput, n: number, table: string): Encoded {
  const v = c.values;
  const per = c.repeat ?? 1;
  const fail = (m: string, row?: number) => new InvalidArgumentError(`formatFitsTable: ${m} (${table}, ${row === undefined ? '' : `row ${row}, `}column "${c.name}")`);
  const cards: FitsCard[] = [{ keyword: `TTYPE${n}`, value: c.name }];
  const tdim = (inner: readonly number[]) => {
    if (c.shape !== undefined) {
      if (c.shape.reduce((a, b) => a * b, 1) !== per) throw fail(`shape [${c.shape.join(', ')}] does not hold ${per} elements per row`);
      cards.push({ keyword: `TDIM${n}`, value: `(${[...inner, ...c.shape].join(',')})` });
    }
  };
  const unit = () => {
    if (c.unit !== undefined && c.unit !== '') cards.push({ keyword: `TUNIT${n}`, value: c.unit });
  };
  const typed = ArrayBuffer.isView(v) ? v : undefined;
  if (typed !== undefined) {
    const spec =
      typed instanceof Float64Array ? (['D', 0] as const)
      : typed instanceof Float32Array ? (['E', 0] as const)
      : typed instanceof Int8Array ? (['B', -128] as const)
      : typed instanceof Uint8Array ? (['B', 0] as const)
      : typed instanceof Int16Array ? (['I', 0] as const)
      : typed instanceof Uint16Array ? (['I', 32768] as const)
      : typed instanceof Int32Array ? (['J', 0] as const)
      : typed instanceof Uint32Array ? (['J', 2147483648] as const)
      : typed instanceof BigInt64Array ? (['K', 0] as const)
      : typed instanceof BigUint64Array ? (['K', 9223372036854775808n] as const)
      : undefined;
    if (spec === undefined) throw fail(`unsupported typed array ${(typed as object).constructor.name}`);
    const [type, zero] = spec;
    cards.push({ keyword: `TFORM${n}`, value: `${per}${type}` });
    if (zero !== 0) cards.push({ keyword: `TZERO${n}`, value: zero });
    unit();
    tdim([]);
    const w = WIDTH[type];
    const arr = typed as unknown as { [i: number]: number | bigint };
    const put: (view: DataView, p: number, x: number | bigint) => void =
      type === 'D' ? (d, p, x) => d.setFloat64(p, x as number)
      : type === 'E' ? (d, p, x) => d.setFloat32(p, x as number)
      : type === 'B' ? (zero === 0 ? (d, p, x) => d.setUint8(p, x as number) : (d, p, x) => d.setUint8(p, (x as number) + 128))
      : type === 'I' ? (zero === 0 ? (d, p, x) => d.setInt16(p, x as number) : (d, p, x) => d.setInt16(p, (x as number) - 32768))
      : type === 'J' ? (zero === 0 ? (d, p, x) => d.setInt32(p, x as number) : (d, p, x) => d.setInt32(p, (x as number) - 2147483648))
      : zero === 0 ? (d, p, x) => d.setBigInt64(p, x as bigint)
      : (d, p, x) => d.setBigUint64(p, (x as bigint) ^ 9223372036854775808n);
    return {
      cards,
      bytes: per * w,
      write(view, _bytes, rowStart, row) {
        for (let k = 0; k < per; k++) put(view, rowStart + k * w, arr[row * per + k]!);
      },
    };
  }
  const list = v as readonly unknown[];
  const kinds = new Set(list.filter((x) => x !== null && x !== undefined).map((x) => typeof x));
  if (kinds.size > 1) throw fail(`mixes ${[...kinds].join(' and ')} values; a FITS column holds one type`);
  const kind = kinds.size === 0 ? 'number' : [...kinds][0]!;
  if (kind === 'number') {
    cards.push({ keyword: `TFORM${n}`, value: `${per}D` });
    unit();
    tdim([]);
    return {
      cards,
      bytes: per * 8,
      write(view, _bytes, rowStart, row) {
        for (let k = 0; k < per; k++) {
          const x = list[row * per + k];
          view.setFloat64(rowStart + k * 8, typeof x === 'number' ? x : Number.NaN);
        }
      },
    };
  }
  if (kind === 'boolean') {
    cards.push({ keyword: `TFORM${n}`, value: `${per}L` });
    unit();
    tdim([]);
    return {
      cards,
      bytes: per,
      write(_view, bytes, rowStart, row) {
        for (let k = 0; k < per; k++) {
          const x = list[row * per + k];
          bytes[rowStart + k] = x === true ? 84 : x === false ? 70 : 0;
        }
      },
    };
  }
  if (kind !== 'string') throw fail(`holds ${kind} values; a FITS column holds numbers, strings or booleans`);
  let width = c.width ?? 1;
  for (let i = 0; i < list.length; i++) {
    const s = (list[i] ?? '') as string;
    if (!/^[\x20-\x7e]*$/.test(s)) throw fail(`${JSON.stringify(s)} is not printable ASCII, which a FITS character column requires`, Math.floor(i / per) + 1);
    if (c.width === undefined) width = Math.max(width, s.length);
    else if (s.length > width) throw fail(`${JSON.stringify(s)} is longer than the width ${width}`, Math.floor(i / per) + 1);
  }
  cards.push({ keyword: `TFORM${n}`, value: `${per * width}A` });
  unit();
  if (per > 1 || c.shape !== undefined) {
    if (c.shape === undefined) cards.push({ keyword: `TDIM${n}`, value: `(${width},${per})` });
    else tdim([width]);
  }
  return {
    cards,
    bytes: per * width,
    write(_view, bytes, rowStart, row) {
      for (let k = 0; k < per; k++) {
        const s = (list[row * per + k] ?? '') as string;
        const at = rowStart + k * width;
        for (let i = 0; i < s.length; i++) bytes[at + i] = s.charCodeAt(i);
        // the rest stays NUL (Sec. 7.3.3.1: a NUL ends a shorter string)
      }
    },
  };
}

/**
 * Encodes columns as a binary table's header cards (after the structural ones) and data (unpadded).
 *
 * @param columns - the columns, all with the same number of rows
 * @param table - the table's name for error messages
 * @throws {ShapeMismatchError} when columns disagree on the number of rows
 * @throws {InvalidArgumentError} for a column mixing value types, non-ASCII text, or a bad shape
 */
export function encodeBintable(columns: readonly FitsColumnInput[], table: string): { cards: FitsCard[]; rowBytes: number; rows: number; data: Uint8Array } {
  const rowCounts = columns.map((c) => {
    const per = c.repeat ?? 1;
    if (!Number.isInteger(per) || per < 1) throw new InvalidArgumentError(`formatFitsTable: repeat must be a positive integer, got ${per} (${table}, column "${c.name}")`);
    if (c.values.length % per !== 0) throw new ShapeMismatchError(`formatFitsTable: column "${c.name}" of ${table} has ${c.values.length} values, not a multiple of its ${per} per row`);
    return c.values.length / per;
  });
  const rows = rowCounts[0] ?? 0;
  rowCounts.forEach((r, j) => {
    if (r !== rows) throw new ShapeMismatchError(`formatFitsTable: column "${columns[j]!.name}" of ${table} has ${r} rows but column "${columns[0]!.name}" has ${rows}`);
  });
  const encoded = columns.map((c, j) => encodeColumn(c, j + 1, table));
  const rowBytes = encoded.reduce((a, e) => a + e.bytes, 0);
  const data = new Uint8Array(rows * rowBytes);
  const view = new DataView(data.buffer);
  let offset = 0;
  for (const e of encoded) {
    for (let r = 0; r < rows; r++) e.write(view, data, r * rowBytes + offset, r);
    offset += e.bytes;
  }
  return { cards: encoded.flatMap((e) => e.cards), rowBytes, rows, data };
}
