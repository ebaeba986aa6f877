/**
 * FITS files (FITS Standard 4.0; Pence et al. 2010, A&A 524, A42): header-data units, images (`BITPIX` 8, 16,
 * 32, 64, −32, −64 with `BSCALE`/`BZERO` and `BLANK`) and binary tables, read from bytes or, table rows
 * batch by batch, from a web stream; and the writer for images and binary tables. Pure: the Node adapter
 * (`readFits`, `writeFits`) reads and writes files by path.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError, ParseError } from '../core/errors';
import type { CellValue } from './csv';
import { bintableLayout, decodeRows, encodeBintable, fitsElementsPerRow, type FitsColumn, type FitsColumnInfo, type FitsColumnInput } from './fits-bintable';
import { FITS_BLOCK, FITS_CARD, formatFitsHeader, hduLabel, headerValue, parseHeaderAt, type FitsCard, type FitsHeader, type FitsHeaderLocation } from './fits-header';

/** FITS input: bytes, or a web stream / (async) iterable of byte chunks (a `fetch` body, a Node file stream). */
export type FitsSource = Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/**
 * An image's pixel values in FITS order (the first axis fastest). The stored type is kept when no scaling
 * applies (`BITPIX` 8 `Uint8Array`, 16 `Int16Array`, 32 `Int32Array`, 64 `BigInt64Array`, −32 `Float32Array`,
 * −64 `Float64Array`), and the unsigned-integer convention (`BZERO` = 2¹⁵, 2³¹, 2⁶³; −128 for signed bytes)
 * gives `Uint16Array`, `Uint32Array`, `BigUint64Array`, `Int8Array`. Any other `BSCALE`/`BZERO`, or a `BLANK`,
 * gives physical values `BZERO + BSCALE × stored` in a `Float64Array`, `NaN` for `BLANK` pixels.
 */
export type FitsImageData = Uint8Array | Int8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array | Float32Array | Float64Array;

/** What every HDU has. */
export interface FitsHduBase {
  /** 0-based position in the file (0 is the primary HDU). */
  readonly index: number;
  /** `EXTNAME`, when given. */
  readonly name?: string;
  /** The header, every card kept (WCS keywords included). */
  readonly header: FitsHeader;
  /** Byte offset of the header in the input. */
  readonly offset: number;
}

/** An image HDU (the primary array, or an `IMAGE` extension). */
export interface FitsImageHdu extends FitsHduBase {
  /** Discriminant. */
  readonly kind: 'image';
  /** `NAXIS1 … NAXISn` (the first axis varies fastest in `data`); `[]` for an HDU without data. */
  readonly shape: readonly number[];
  /** The pixels (see {@link FitsImageData}). */
  readonly data: FitsImageData;
}

/** A binary-table HDU (`XTENSION = 'BINTABLE'`). */
export interface FitsTableHdu extends FitsHduBase {
  /** Discriminant. */
  readonly kind: 'bintable';
  /** `NAXIS2`: the number of rows. */
  readonly rows: number;
  /** The columns, decoded. */
  readonly columns: readonly FitsColumn[];
}

/** Another extension (an ASCII `TABLE`, random groups, …): its header only, the data are skipped. */
export interface FitsOtherHdu extends FitsHduBase {
  /** Discriminant. */
  readonly kind: 'other';
  /** `XTENSION` (or `'PRIMARY'` for random groups). */
  readonly xtension: string;
}

/** One header-data unit. */
export type FitsHdu = FitsImageHdu | FitsTableHdu | FitsOtherHdu;

/** The HDU type of each `kind`. */
export interface FitsHduOfKind {
  /** An image HDU. */
  readonly image: FitsImageHdu;
  /** A binary table HDU. */
  readonly bintable: FitsTableHdu;
  /** Another extension. */
  readonly other: FitsOtherHdu;
}

/** Options of {@link parseFits} and {@link streamFitsTable}. */
export interface ParseFitsOptions {
  /** The input's name in error messages (e.g. the file path). */
  readonly source?: string;
}

interface Structure {
  kind: 'image' | 'bintable' | 'other';
  xtension: string;
  bitpix: number;
  naxes: number[];
  /** Data bytes without the padding. */
  dataBytes: number;
}

const BITPIX = new Set([8, 16, 32, 64, -32, -64]);

function location(at: FitsHeaderLocation): { source?: string } {
  return at.source === undefined ? {} : { source: at.source };
}

/** The structural keywords (Sec. 4.4.1): checked, and the data size derived from them. */
function structure(header: FitsHeader, at: FitsHeaderLocation): Structure {
  const fail = (m: string) => new ParseError(`FITS: ${m} (${hduLabel(at)})`, location(at));
  const first = header.cards[0];
  const primary = at.hdu === 0;
  if (primary && (first?.keyword !== 'SIMPLE' || first.value !== true)) {
    throw fail(first?.keyword === 'SIMPLE' ? 'SIMPLE = F: the file says it does not conform to the FITS standard' : 'not a FITS file: the first card is not SIMPLE = T');
  }
  if (!primary && (first?.keyword !== 'XTENSION' || typeof first.value !== 'string')) throw fail('an extension header must start with XTENSION');
  const int = (k: string, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const v = headerValue(header, k);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw fail(`required keyword ${k} must be an integer in ${min}…${max === Number.MAX_SAFE_INTEGER ? '' : max}, got ${v === undefined ? 'nothing' : String(v)}`);
    return v;
  };
  const bitpix = int('BITPIX', -64, 64);
  if (!BITPIX.has(bitpix)) throw fail(`BITPIX must be 8, 16, 32, 64, -32 or -64, got ${bitpix}`);
  const naxis = int('NAXIS', 0, 999);
  const naxes = Array.from({ length: naxis }, (_, i) => int(`NAXIS${i + 1}`, 0));
  const xtension = primary ? 'PRIMARY' : String(first!.value).trim();
  const pcount = primary ? 0 : int('PCOUNT', 0);
  const gcount = primary ? 1 : int('GCOUNT', 1);
  const groups = primary && naxis > 0 && naxes[0] === 0 && headerValue(header, 'GROUPS') === true;
  const elements = naxis === 0 ? 0 : (groups ? naxes.slice(1) : naxes).reduce((a, b) => a * b, 1);
  const dataBytes = (Math.abs(bitpix) / 8) * gcount * (pcount + elements);
  if (xtension === 'BINTABLE') {
    if (bitpix !== 8 || naxis !== 2 || gcount !== 1) throw fail(`a BINTABLE needs BITPIX = 8, NAXIS = 2 and GCOUNT = 1, got ${bitpix}, ${naxis}, ${gcount}`);
    return { kind: 'bintable', xtension, bitpix, naxes, dataBytes };
  }
  if ((primary && !groups) || xtension === 'IMAGE') {
    if (!primary && (pcount !== 0 || gcount !== 1)) throw fail(`an IMAGE extension needs PCOUNT = 0 and GCOUNT = 1, got ${pcount}, ${gcount}`);
    return { kind: 'image', xtension, bitpix, naxes, dataBytes };
  }
  return { kind: 'other', xtension, bitpix, naxes, dataBytes };
}

/** A file that does not start with `SIMPLE  =` is not FITS: say so before complaining about its bytes. */
function notFits(bytes: Uint8Array, at: FitsHeaderLocation): void {
  const start = 'SIMPLE  =';
  for (let i = 0; i < start.length; i++) {
    if (bytes[i] !== start.charCodeAt(i)) throw new ParseError(`FITS: not a FITS file: it does not start with SIMPLE = T (${hduLabel(at)})`, location(at));
  }
}

const padded = (n: number): number => Math.ceil(n / FITS_BLOCK) * FITS_BLOCK;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * A copy of `n` big-endian values of `width` bytes from `bytes[start…]`, in the machine's byte order, in a new
 * (aligned) buffer: typed arrays can then view it directly. Much faster than a DataView read per value.
 */
function nativeOrder(bytes: Uint8Array, start: number, n: number, width: number): ArrayBuffer {
  // a fresh copy (not bytes.slice: a Node Buffer's slice is a view into the same memory)
  const out = new Uint8Array(n * width);
  out.set(bytes.subarray(start, start + n * width));
  if (!LITTLE_ENDIAN || width === 1) return out.buffer;
  if (width === 2) {
    const v = new Uint16Array(out.buffer);
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      v[i] = ((x & 0xff) << 8) | (x >>> 8);
    }
    return out.buffer;
  }
  const v = new Uint32Array(out.buffer);
  const swap = (x: number) => (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
  if (width === 4) {
    for (let i = 0; i < v.length; i++) v[i] = swap(v[i]!);
    return out.buffer;
  }
  for (let i = 0; i < v.length; i += 2) {
    const hi = v[i]!;
    v[i] = swap(v[i + 1]!);
    v[i + 1] = swap(hi);
  }
  return out.buffer;
}

function decodeImage(header: FitsHeader, s: Structure, bytes: Uint8Array, start: number): FitsImageData {
  const n = s.naxes.length === 0 ? 0 : s.naxes.reduce((a, b) => a * b, 1);
  const num = (k: string): number | bigint | undefined => {
    const v = headerValue(header, k);
    return typeof v === 'number' || typeof v === 'bigint' ? v : undefined;
  };
  const bscale = Number(num('BSCALE') ?? 1);
  const bzero = num('BZERO') ?? 0;
  const blank = s.bitpix > 0 ? num('BLANK') : undefined;
  const raw = (): FitsImageData => {
    const width = Math.abs(s.bitpix) / 8;
    const buffer = nativeOrder(bytes, start, n, width);
    switch (s.bitpix) {
      case 8:
        return new Uint8Array(buffer);
      case 16:
        return new Int16Array(buffer);
      case 32:
        return new Int32Array(buffer);
      case 64:
        return new BigInt64Array(buffer);
      case -32:
        return new Float32Array(buffer);
      default:
        return new Float64Array(buffer);
    }
  };
  const stored = raw();
  if (bscale === 1 && blank === undefined) {
    const z = Number(bzero);
    if (z === 0) return stored;
    if (s.bitpix === 8 && z === -128) return Int8Array.from(stored as Uint8Array, (x) => x - 128);
    if (s.bitpix === 16 && z === 32768) return Uint16Array.from(stored as Int16Array, (x) => x + 32768);
    if (s.bitpix === 32 && z === 2147483648) return Uint32Array.from(stored as Int32Array, (x) => x + 2147483648);
    if (s.bitpix === 64 && z === 9223372036854775808) {
      const out = new BigUint64Array(n);
      (stored as BigInt64Array).forEach((x, i) => (out[i] = BigInt.asUintN(64, x) ^ 9223372036854775808n));
      return out;
    }
  }
  const out = new Float64Array(n);
  const z = Number(bzero);
  for (let i = 0; i < n; i++) {
    const x = stored[i]!;
    out[i] = blank !== undefined && x == blank /* bigint and number compare by value */ ? Number.NaN : z + bscale * Number(x);
  }
  return out;
}

/**
 * Reads every HDU of a FITS file held in memory: headers (every card kept), images decoded to typed arrays,
 * binary tables decoded to columns. Runs in O(file size).
 *
 * @param input - the file's bytes
 * @param options - `source`: the name for error messages
 * @returns the HDUs in file order
 * @throws {ParseError} naming the input, HDU, byte offset (and for table values the row and column): not a
 *   FITS file, a missing or invalid required keyword, a truncated header or data unit, an invalid `TFORMn`
 *   or a variable-length array column
 * @example
 * ```ts
 * const bytes = formatFits([{ kind: 'bintable', name: 'SRC', columns: [{ name: 'ra', values: [10.5, 11] }, { name: 'id', values: ['a', 'bc'] }] }]);
 * const [primary, table] = parseFits(bytes);
 * primary.kind; // => 'image'
 * table.kind === 'bintable' && table.columns[1].values; // => ['a', 'bc']
 * ```
 */
export function parseFits(input: Uint8Array | ArrayBuffer, options: ParseFitsOptions = {}): FitsHdu[] {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const hdus: FitsHdu[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const at: FitsHeaderLocation = { ...(options.source === undefined ? {} : { source: options.source }), hdu: hdus.length, offset };
    // a few tools pad files with zeros or blanks after the last HDU: stop at a block that cannot start a header
    if (hdus.length > 0 && (bytes[offset] === 0 || bytes[offset] === 0x20)) break;
    if (hdus.length === 0) notFits(bytes, at);
    const { header, end } = parseHeaderAt(bytes, offset, at);
    const s = structure(header, at);
    if (end + s.dataBytes > bytes.length) {
      throw new ParseError(`FITS: the data unit needs ${s.dataBytes} bytes from byte ${end} but the input ends at byte ${bytes.length} (truncated?) (${hduLabel(at)})`, location(at));
    }
    const base = { index: hdus.length, ...nameOf(header), header, offset };
    if (s.kind === 'image') hdus.push({ ...base, kind: 'image', shape: s.naxes, data: decodeImage(header, s, bytes, end) });
    else if (s.kind === 'bintable') {
      const layout = bintableLayout(header, at);
      hdus.push({ ...base, kind: 'bintable', rows: layout.rows, columns: decodeRows(layout, layout.columns.map((_, j) => j), bytes, end, layout.rows, 1) });
    } else hdus.push({ ...base, kind: 'other', xtension: s.xtension });
    offset = end + padded(s.dataBytes);
  }
  if (hdus.length === 0) throw new ParseError('FITS: the input is empty', options.source === undefined ? {} : { source: options.source });
  return hdus;
}

function nameOf(header: FitsHeader): { name?: string } {
  const n = headerValue(header, 'EXTNAME');
  return typeof n === 'string' && n.trim() !== '' ? { name: n.trim() } : {};
}

/**
 * Picks one HDU of a kind: by 0-based index, by `EXTNAME` (case-insensitive), or the first of that kind with
 * data (the first binary table; the first image with pixels).
 *
 * @throws {InvalidArgumentError} naming the input when no such HDU exists, listing the HDUs there are
 * @example
 * ```ts
 * const hdus = parseFits(formatFits([{ kind: 'bintable', name: 'EVENTS', columns: [{ name: 'x', values: [1] }] }]));
 * selectHdu(hdus, 'bintable').name;           // => 'EVENTS'
 * selectHdu(hdus, 'bintable', 'events').index; // => 1
 * ```
 */
export function selectHdu<K extends FitsHdu['kind']>(hdus: readonly FitsHdu[], kind: K, which?: number | string, source?: string): FitsHduOfKind[K] {
  const match = (h: FitsHdu) =>
    which === undefined ? h.kind === kind && (h.kind !== 'image' || h.data.length > 0) : typeof which === 'number' ? h.index === which : h.name?.toUpperCase() === which.toUpperCase();
  const h = hdus.find(match);
  if (h === undefined || h.kind !== kind) {
    const list = hdus.map((x) => `${x.index}${x.name === undefined ? '' : ` '${x.name}'`} ${x.kind === 'other' ? x.xtension : x.kind}`).join(', ');
    const what = which === undefined ? `no ${kind} HDU` : `HDU ${typeof which === 'number' ? which : `'${which}'`} is ${h === undefined ? 'absent' : `not a ${kind}`}`;
    throw new InvalidArgumentError(`${what}${source === undefined ? '' : ` in ${source}`} (HDUs: ${list})`);
  }
  return h as FitsHduOfKind[K];
}

/** An image to write. */
export interface FitsImageInput {
  /** Discriminant. */
  readonly kind: 'image';
  /** The pixels, first axis fastest; the typed array sets `BITPIX` (unsigned arrays use `BZERO`, as read back). */
  readonly data: FitsImageData;
  /** `NAXIS1 … NAXISn`; their product must equal `data.length`. */
  readonly shape: readonly number[];
  /** `EXTNAME` (extensions only). */
  readonly name?: string;
  /** Further cards (WCS keywords, …) written after the structural ones; structural keywords are refused. */
  readonly cards?: readonly FitsCard[];
}

/** A binary table to write. */
export interface FitsTableInput {
  /** Discriminant. */
  readonly kind: 'bintable';
  /** The columns (see {@link FitsColumnInput}). */
  readonly columns: readonly FitsColumnInput[];
  /** `EXTNAME`. */
  readonly name?: string;
  /** Further cards written after the structural and column ones. */
  readonly cards?: readonly FitsCard[];
}

const STRUCTURAL = /^(SIMPLE|XTENSION|BITPIX|NAXIS\d*|PCOUNT|GCOUNT|EXTEND|TFIELDS|T(TYPE|FORM|DIM|ZERO|SCAL|NULL|UNIT)\d+|BZERO|BSCALE|END|EXTNAME)$/;

function extraCards(cards: readonly FitsCard[] | undefined): FitsCard[] {
  for (const c of cards ?? []) {
    if (STRUCTURAL.test(c.keyword)) throw new InvalidArgumentError(`formatFits: the card ${c.keyword} is written by formatFits itself; leave it out of cards`);
  }
  return [...(cards ?? [])];
}

function imageBytes(image: FitsImageInput, index: number): { cards: FitsCard[]; scaling: FitsCard[]; data: Uint8Array } {
  const d = image.data;
  const n = image.shape.reduce((a, b) => a * b, 1);
  if (image.shape.some((x) => !Number.isInteger(x) || x < 0) || (image.shape.length > 0 ? n : 0) !== d.length) {
    throw new InvalidArgumentError(`formatFits: HDU ${index}'s shape [${image.shape.join(', ')}] does not hold its ${d.length} pixels`);
  }
  const [bitpix, bzero]: [number, number | bigint] =
    d instanceof Float64Array ? [-64, 0]
    : d instanceof Float32Array ? [-32, 0]
    : d instanceof Int8Array ? [8, -128]
    : d instanceof Uint8Array ? [8, 0]
    : d instanceof Int16Array ? [16, 0]
    : d instanceof Uint16Array ? [16, 32768]
    : d instanceof Int32Array ? [32, 0]
    : d instanceof Uint32Array ? [32, 2147483648]
    : d instanceof BigInt64Array ? [64, 0]
    : [64, 9223372036854775808n];
  const data = new Uint8Array(d.length * (Math.abs(bitpix) / 8));
  const view = new DataView(data.buffer);
  for (let i = 0; i < d.length; i++) {
    const x = d[i]!;
    switch (bitpix) {
      case -64: view.setFloat64(8 * i, x as number); break;
      case -32: view.setFloat32(4 * i, x as number); break;
      case 8: data[i] = bzero === 0 ? (x as number) : (x as number) + 128; break;
      case 16: view.setInt16(2 * i, bzero === 0 ? (x as number) : (x as number) - 32768); break;
      case 32: view.setInt32(4 * i, bzero === 0 ? (x as number) : (x as number) - 2147483648); break;
      default: view.setBigUint64(8 * i, bzero === 0 ? BigInt.asUintN(64, x as bigint) : (x as bigint) ^ 9223372036854775808n);
    }
  }
  const cards: FitsCard[] = [
    { keyword: 'BITPIX', value: bitpix },
    { keyword: 'NAXIS', value: image.shape.length },
    ...image.shape.map((x, i) => ({ keyword: `NAXIS${i + 1}`, value: x })),
  ];
  const scaling: FitsCard[] = bzero === 0 ? [] : [{ keyword: 'BSCALE', value: 1 }, { keyword: 'BZERO', value: bzero }];
  return { cards, scaling, data };
}

/**
 * Writes HDUs as a FITS file: the first must be an image (the primary HDU; an empty one is added before a
 * table that comes first), the others images or binary tables. Headers carry the structural keywords, then
 * `EXTNAME`, then the given cards. Runs in O(data size).
 *
 * @param hdus - the HDUs, in order
 * @returns the file's bytes (a multiple of 2880)
 * @throws {InvalidArgumentError} for a shape that does not match the data, a structural keyword among
 *   `cards`, a column mixing types, or non-ASCII text
 * @throws {ShapeMismatchError} when a table's columns have different lengths
 * @example
 * ```ts
 * const bytes = formatFits([{ kind: 'image', data: new Float32Array([1, 2, 3, 4, 5, 6]), shape: [3, 2], cards: [{ keyword: 'CTYPE1', value: 'GLON-ZEA' }] }]);
 * bytes.length; // => 5760
 * const [image] = parseFits(bytes);
 * image.kind === 'image' && [image.shape, image.data[5], headerValue(image.header, 'CTYPE1')]; // => [[3, 2], 6, 'GLON-ZEA']
 * ```
 */
export function formatFits(hdus: readonly (FitsImageInput | FitsTableInput)[]): Uint8Array {
  const list = hdus[0]?.kind === 'image' ? hdus : [{ kind: 'image' as const, data: new Uint8Array(0), shape: [] }, ...hdus];
  const parts: Uint8Array[] = [];
  list.forEach((h, i) => {
    const name = h.name !== undefined && i > 0 ? [{ keyword: 'EXTNAME', value: h.name }] : [];
    if (h.kind === 'image') {
      const { cards, scaling, data } = imageBytes(h, i);
      // mandatory keywords in their order (Sec. 4.4.1), then the scaling
      const head =
        i === 0
          ? [{ keyword: 'SIMPLE', value: true }, ...cards, ...(list.length > 1 ? [{ keyword: 'EXTEND', value: true }] : []), ...scaling]
          : [{ keyword: 'XTENSION', value: 'IMAGE' }, ...cards, { keyword: 'PCOUNT', value: 0 }, { keyword: 'GCOUNT', value: 1 }, ...scaling];
      parts.push(formatFitsHeader([...head, ...name, ...extraCards(h.cards)]), data, new Uint8Array(padded(data.length) - data.length));
    } else {
      const t = encodeBintable(h.columns, h.name === undefined ? `HDU ${i}` : `HDU ${i} '${h.name}'`);
      const head: FitsCard[] = [
        { keyword: 'XTENSION', value: 'BINTABLE' },
        { keyword: 'BITPIX', value: 8 },
        { keyword: 'NAXIS', value: 2 },
        { keyword: 'NAXIS1', value: t.rowBytes },
        { keyword: 'NAXIS2', value: t.rows },
        { keyword: 'PCOUNT', value: 0 },
        { keyword: 'GCOUNT', value: 1 },
        { keyword: 'TFIELDS', value: h.columns.length },
      ];
      parts.push(formatFitsHeader([...head, ...t.cards, ...name, ...extraCards(h.cards)]), t.data, new Uint8Array(padded(t.data.length) - t.data.length));
    }
  });
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A binary table being read: its header, its columns' layout, and its rows in batches as the bytes arrive. */
export interface FitsTableStream {
  /** The table HDU's 0-based index. */
  readonly index: number;
  /** `EXTNAME`, when given. */
  readonly name?: string;
  /** The table's header. */
  readonly header: FitsHeader;
  /** The primary HDU's header (some files keep keywords about the whole file there, e.g. HEALPix `ORDERING`). */
  readonly primaryHeader: FitsHeader;
  /** `NAXIS2`: the number of rows. */
  readonly rows: number;
  /** Every column's layout (all of them, even those not decoded). */
  readonly columns: readonly FitsColumnInfo[];
  /** Batches of rows, in order, each holding the selected columns' values for its rows; read once. */
  readonly batches: AsyncGenerator<FitsTableBatch, void, undefined>;
}

/** A batch of consecutive table rows. */
export interface FitsTableBatch {
  /** 0-based index of the batch's first row in the table. */
  readonly firstRow: number;
  /** Rows in this batch. */
  readonly rows: number;
  /** The selected columns, values for these rows only. */
  readonly columns: readonly FitsColumn[];
}

/** Options of {@link streamFitsTable}. */
export interface StreamFitsTableOptions extends ParseFitsOptions {
  /** The table: 0-based HDU index or `EXTNAME` (default: the first binary table). */
  readonly hdu?: number | string;
  /** Names of the columns to decode (default all); the others are skipped without decoding. */
  readonly columns?: readonly string[];
  /** Rows per batch (default: about 16 MiB of rows, at most 65,536). */
  readonly batchRows?: number;
}

function isReadableStream(x: unknown): x is ReadableStream<Uint8Array> {
  return typeof x === 'object' && x !== null && typeof (x as { getReader?: unknown }).getReader === 'function';
}

/** Exact-size reads from a chunked byte source; each byte is copied at most once. */
class ByteReader {
  private readonly it: AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  /** Chunks received and not yet consumed; the first from index `head`. */
  private readonly chunks: Uint8Array[] = [];
  private head = 0;
  private available = 0;
  /** Bytes consumed so far (the file offset of the next byte). */
  offset = 0;
  private readonly release: () => Promise<void>;

  constructor(input: Exclude<FitsSource, Uint8Array | ArrayBuffer>) {
    if (isReadableStream(input)) {
      const reader = input.getReader();
      this.it = { next: () => reader.read() as Promise<IteratorResult<Uint8Array>> };
      this.release = async () => {
        await reader.cancel().catch(() => undefined);
        reader.releaseLock();
      };
    } else {
      const it = Symbol.asyncIterator in input ? (input as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]() : (input as Iterable<Uint8Array>)[Symbol.iterator]();
      this.it = it;
      this.release = async () => {
        await it.return?.();
      };
    }
  }

  /** Up to `n` bytes (fewer only at the end of the input). */
  async read(n: number): Promise<Uint8Array> {
    while (this.available < n) {
      const { done, value } = await this.it.next();
      if (done === true) break;
      const chunk = value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer);
      if (chunk.length === 0) continue;
      this.chunks.push(chunk);
      this.available += chunk.length;
    }
    const take = Math.min(n, this.available);
    const first = this.chunks[0];
    let out: Uint8Array;
    if (first !== undefined && first.length - this.head >= take) {
      out = first.subarray(this.head, this.head + take); // within one chunk: no copy
      this.head += take;
    } else {
      out = new Uint8Array(take);
      let filled = 0;
      while (filled < take) {
        const c = this.chunks[0]!;
        const k = Math.min(c.length - this.head, take - filled);
        out.set(c.subarray(this.head, this.head + k), filled);
        filled += k;
        this.head += k;
        if (this.head === c.length) {
          this.chunks.shift();
          this.head = 0;
        }
      }
    }
    if (first !== undefined && this.chunks[0] === first && this.head === first.length) {
      this.chunks.shift();
      this.head = 0;
    }
    this.available -= take;
    this.offset += take;
    return out;
  }

  private closed = false;

  /** Releases the input (once; later calls do nothing). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release();
  }
}

/** Reads header blocks until one holds the END card; returns the header bytes. */
async function readHeaderBytes(reader: ByteReader): Promise<Uint8Array> {
  const blocks: Uint8Array[] = [];
  for (;;) {
    const block = await reader.read(FITS_BLOCK);
    blocks.push(Uint8Array.prototype.slice.call(block));
    if (block.length < FITS_BLOCK) break;
    let end = false;
    for (let c = 0; c < FITS_BLOCK && !end; c += FITS_CARD) {
      end = block[c] === 0x45 && block[c + 1] === 0x4e && block[c + 2] === 0x44 && block.subarray(c + 3, c + 8).every((b) => b === 0x20);
    }
    if (end) break;
  }
  const out = new Uint8Array(blocks.reduce((a, b) => a + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/**
 * Reads one binary table from a stream, rows in batches as the bytes arrive: earlier HDUs are skipped, only
 * the selected columns are decoded, and memory holds one batch. For maps and catalogs larger than memory
 * allows as a whole file (a Planck HEALPix map is 2 GB). Bytes and arrays work too.
 *
 * @param input - the FITS bytes or stream
 * @param options - `hdu`, `columns`, `batchRows`, `source`
 * @returns the table's header and layout, and its rows as an async generator of batches
 * @throws {ParseError} as {@link parseFits} does, and for a stream that ends inside the table
 * @throws {InvalidArgumentError} for an absent table or column (listing what there is)
 * @example
 * ```ts
 * const bytes = formatFits([{ kind: 'bintable', columns: [{ name: 'A', values: new Int32Array([1, 2, 3]) }, { name: 'B', values: [0.5, 1.5, 2.5] }] }]);
 * const t = await streamFitsTable([bytes.subarray(0, 3000), bytes.subarray(3000)], { columns: ['B'], batchRows: 2 });
 * const got = [];
 * for await (const b of t.batches) got.push(...b.columns[0].values);
 * got; // => [0.5, 1.5, 2.5]
 * ```
 */
export async function streamFitsTable(input: FitsSource, options: StreamFitsTableOptions = {}): Promise<FitsTableStream> {
  const source = options.source;
  const chunks = input instanceof Uint8Array ? [input] : input instanceof ArrayBuffer ? [new Uint8Array(input)] : input;
  const reader = new ByteReader(chunks);
  const seen: string[] = [];
  let primaryHeader: FitsHeader = { cards: [] };
  try {
    for (let index = 0; ; index++) {
      const offset = reader.offset;
      const at: FitsHeaderLocation = { ...(source === undefined ? {} : { source }), hdu: index, offset };
      const head = await readHeaderBytes(reader);
      if (head.length === 0 || (index > 0 && (head[0] === 0 || head[0] === 0x20))) {
        throw new InvalidArgumentError(`${options.hdu === undefined ? 'no binary table' : `no binary table HDU ${typeof options.hdu === 'number' ? options.hdu : `'${options.hdu}'`}`}${source === undefined ? '' : ` in ${source}`} (HDUs: ${seen.join(', ') || 'none'})`);
      }
      if (index === 0) notFits(head, at);
      const { header } = parseHeaderAt(head, 0, at);
      const s = structure(header, at);
      if (index === 0) primaryHeader = header;
      const name = nameOf(header);
      seen.push(`${index}${name.name === undefined ? '' : ` '${name.name}'`} ${s.kind === 'other' ? s.xtension : s.kind}`);
      const wanted =
        options.hdu === undefined ? s.kind === 'bintable' : typeof options.hdu === 'number' ? index === options.hdu : name.name?.toUpperCase() === options.hdu.toUpperCase();
      if (!wanted || s.kind !== 'bintable') {
        if (wanted) throw new InvalidArgumentError(`HDU ${options.hdu} is not a binary table${source === undefined ? '' : ` in ${source}`} (HDUs: ${seen.join(', ')})`);
        let left = padded(s.dataBytes);
        while (left > 0) {
          const got = await reader.read(Math.min(left, 1 << 20));
          if (got.length === 0) throw new ParseError(`FITS: the input ends inside the data unit (${hduLabel(at, reader.offset)})`, location(at));
          left -= got.length;
        }
        continue;
      }
      const layout = bintableLayout(header, at);
      const names = layout.columns.map((c) => c.info.name);
      const keep = (options.columns ?? names).map((c) => {
        const j = names.indexOf(c);
        if (j < 0) throw new InvalidArgumentError(`no column "${c}" in the binary table${source === undefined ? '' : ` of ${source}`} (HDU ${index}; columns: ${names.join(', ')})`);
        return j;
      });
      const batchRows = Math.max(1, Math.floor(options.batchRows ?? Math.min(65536, (1 << 24) / Math.max(1, layout.rowBytes))));
      const dataStart = reader.offset;
      async function* batches(): AsyncGenerator<FitsTableBatch, void, undefined> {
        try {
          for (let first = 0; first < layout.rows; first += batchRows) {
            const n = Math.min(batchRows, layout.rows - first);
            const bytes = await reader.read(n * layout.rowBytes);
            if (bytes.length < n * layout.rowBytes) {
              throw new ParseError(
                `FITS: the input ends inside row ${first + Math.floor(bytes.length / Math.max(1, layout.rowBytes)) + 1} of ${layout.rows} (${hduLabel(at, dataStart + first * layout.rowBytes + bytes.length)}; truncated?)`,
                location(at),
              );
            }
            yield { firstRow: first, rows: n, columns: decodeRows(layout, keep, bytes, 0, n, first + 1) };
          }
        } finally {
          await reader.close();
        }
      }
      // stopping before the first batch (return() on a generator that never started runs no finally) releases the input too
      const generator = batches();
      const stop = generator.return.bind(generator);
      generator.return = async (value) => {
        await reader.close();
        return stop(value);
      };
      return { index, ...name, header, primaryHeader, rows: layout.rows, columns: layout.columns.map((c) => c.info), batches: generator };
    }
  } catch (e) {
    await reader.close();
    throw e;
  }
}

/** A table as records: what CSV and the other text formats hold. */
export interface FitsRecords {
  /** The column names, in order. */
  readonly columns: string[];
  /** One record per row. */
  readonly records: Record<string, CellValue>[];
}

/**
 * A table's columns as records for CSV and the other text formats: one value per cell (numbers, strings,
 * booleans; `NaN` and null logicals become missing; 64-bit integers beyond ±2⁵³ become their exact digits).
 *
 * @param table - a decoded table (e.g. from {@link parseFits})
 * @param source - the input's name for error messages
 * @returns the column names and one record per row
 * @throws {InvalidValueError} naming the column for an array column (several values per cell)
 * @example
 * ```ts
 * const [, t] = parseFits(formatFits([{ kind: 'bintable', columns: [{ name: 'n', values: new Int16Array([1, -2]) }, { name: 'ok', values: [true, null] }] }]));
 * t.kind === 'bintable' && fitsTableRecords(t).records; // => [{ n: 1, ok: true }, { n: -2, ok: undefined }]
 * ```
 */
export function fitsTableRecords(
  table: Pick<FitsTableHdu, 'columns' | 'rows'>,
  source?: string,
): FitsRecords {
  for (const c of table.columns) {
    if (fitsElementsPerRow(c) !== 1) {
      throw new InvalidValueError(`column holds ${fitsElementsPerRow(c)} values per row (TFORM '${c.format}'${c.type === 'C' || c.type === 'M' ? ', complex' : ''}), which a table cell cannot hold`, { ...(source === undefined ? {} : { source }), column: c.name });
    }
  }
  const records = Array.from({ length: table.rows }, () => Object.create(null) as Record<string, CellValue>);
  for (const c of table.columns) {
    const v = c.values as ArrayLike<unknown>;
    for (let r = 0; r < table.rows; r++) {
      const x = v[r];
      records[r]![c.name] =
        typeof x === 'bigint' ? (x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : x.toString())
        : x === null ? undefined
        : (x as CellValue);
    }
  }
  return { columns: table.columns.map((c) => c.name), records };
}
