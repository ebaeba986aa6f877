/**
 * FITS headers (FITS Standard 4.0, Sec. 3–4): 80-character ASCII cards in 2880-byte blocks, ended by `END`;
 * value cards `KEYWORD = value / comment` with string, logical, integer, real and complex values; commentary
 * cards (`COMMENT`, `HISTORY`, blank); long strings continued on `CONTINUE` cards (Sec. 4.2.1.2); and the
 * `HIERARCH` convention for long keyword names. Parsing and formatting only: what a header means for the data
 * is in `fits.ts`.
 *
 * @module
 */
import { InvalidArgumentError, ParseError } from '../core/errors';

/** Bytes per FITS block (Sec. 3.1). */
export const FITS_BLOCK = 2880;
/** Bytes per header card (Sec. 4.1). */
export const FITS_CARD = 80;

/**
 * A header keyword's value: text (trailing blanks removed, Sec. 4.2.1), a logical, an integer (a `bigint` when
 * beyond ±2⁵³, e.g. `TZERO = 9223372036854775808`), a real, a complex number as `[re, im]`, or `null` for a
 * keyword present with an undefined (blank) value.
 */
export type FitsValue = string | boolean | number | bigint | readonly [number, number] | null;

/** One header card. */
export interface FitsCard {
  /** The keyword (upper case), e.g. `"NAXIS1"`, `"COMMENT"`, `""` for a blank card, or a `HIERARCH` name. */
  readonly keyword: string;
  /** The value, for a value card (`undefined` for commentary cards: `COMMENT`, `HISTORY`, blank, …). */
  readonly value?: FitsValue;
  /** The comment after `/` of a value card, or the text of a commentary card. */
  readonly comment?: string;
}

/** A FITS header: its cards in order (long strings already joined from their `CONTINUE` cards; no `END`). */
export interface FitsHeader {
  /** The cards, in file order. */
  readonly cards: readonly FitsCard[];
}

/** Where a header sits, for error messages: the input, the HDU (0 = primary) and the header's first byte. */
export interface FitsHeaderLocation {
  /** The file or input name. */
  readonly source?: string;
  /** 0-based HDU index (0 is the primary HDU). */
  readonly hdu: number;
  /** Byte offset of the header's first card in the input. */
  readonly offset: number;
}

/** A parsed header and where its data unit starts. */
export interface ParsedFitsHeader {
  /** The header. */
  readonly header: FitsHeader;
  /** The offset just past the header's last block: where the data start. */
  readonly end: number;
}

/** "HDU 2 (byte 5760)" and the like, for messages. */
export function hduLabel(at: FitsHeaderLocation, byte = at.offset): string {
  return `HDU ${at.hdu}${at.hdu === 0 ? ' (primary)' : ''}, byte ${byte}`;
}

function cardError(message: string, at: FitsHeaderLocation, card: number): ParseError {
  return new ParseError(`FITS header: ${message} (${hduLabel(at, at.offset + card * FITS_CARD)}, card ${card + 1})`, at.source === undefined ? {} : { source: at.source });
}

const INTEGER = /^[+-]?\d+$/;
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[EDed][+-]?\d+)?$/;

function parseNumber(text: string): number | bigint | undefined {
  if (INTEGER.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : BigInt(text);
  }
  if (REAL.test(text)) return Number(text.replace(/[Dd]/, 'E'));
  return undefined;
}

/** Splits `value / comment` where the value is not a string; returns the raw value text and the comment. */
function splitComment(text: string): { raw: string; comment?: string } {
  const slash = text.indexOf('/');
  if (slash < 0) return { raw: text.trim() };
  return { raw: text.slice(0, slash).trim(), comment: text.slice(slash + 1).trim() };
}

/** A quoted string starting at `text[0] === "'"`: its value (quotes unescaped) and the rest after the closing quote. */
function readQuoted(text: string): { value: string; rest: string } | undefined {
  let value = '';
  let i = 1;
  for (;;) {
    const q = text.indexOf("'", i);
    if (q < 0) return undefined;
    value += text.slice(i, q);
    if (text[q + 1] === "'") {
      value += "'";
      i = q + 2;
    } else return { value, rest: text.slice(q + 1) };
  }
}

function parseValue(text: string, fail: (m: string) => ParseError): { value: FitsValue; comment?: string } {
  const t = text.trimStart();
  if (t.startsWith("'")) {
    const q = readQuoted(t);
    if (q === undefined) throw fail('a string value has no closing quote');
    const after = q.rest.trim();
    if (after !== '' && !after.startsWith('/')) throw fail(`unexpected text after a string value: ${JSON.stringify(after)}`);
    // trailing blanks are not significant; leading blanks are (Sec. 4.2.1.1)
    const value = q.value.replace(/ +$/, '');
    return after === '' ? { value } : { value, comment: after.slice(1).trim() };
  }
  const { raw, comment } = splitComment(t);
  const withComment = (value: FitsValue) => (comment === undefined ? { value } : { value, comment });
  if (raw === '') return withComment(null);
  if (raw === 'T' || raw === 'F') return withComment(raw === 'T');
  const n = parseNumber(raw);
  if (n !== undefined) return withComment(n);
  const complex = /^\(\s*([^,]+?)\s*,\s*([^)]+?)\s*\)$/.exec(raw);
  if (complex !== null) {
    const re = parseNumber(complex[1]!);
    const im = parseNumber(complex[2]!);
    if (re !== undefined && im !== undefined) return withComment([Number(re), Number(im)]);
  }
  throw fail(`cannot read the value ${JSON.stringify(raw)} (not a string, logical, integer, real or complex number)`);
}

/**
 * Parses one header from `bytes` starting at `offset` (a block boundary): cards up to `END`, then the rest of
 * the last block. Checks that every byte is printable ASCII and that keywords use the allowed characters.
 * Runs in O(header bytes).
 *
 * @param bytes - the input
 * @param at - where the header starts, and names for error messages
 * @returns the header and the offset just past its last block (where the data start)
 * @throws {ParseError} naming the input, HDU, byte offset and card: a truncated header (no `END`), a
 *   non-ASCII byte, a malformed keyword or value
 * @example
 * ```ts
 * const card = (s: string) => s.padEnd(80);
 * const text = [card('SIMPLE  =                    T'), card('BITPIX  =                    8'),
 *   card('NAXIS   =                    0'), card("OBJECT  = 'M 31' / a galaxy"), card('END')].join('').padEnd(2880);
 * const { header, end } = parseFitsHeader(new TextEncoder().encode(text), { hdu: 0, offset: 0 });
 * headerValue(header, 'OBJECT'); // => 'M 31'
 * end; // => 2880
 * ```
 */
export function parseFitsHeader(bytes: Uint8Array, at: FitsHeaderLocation): ParsedFitsHeader {
  return parseHeaderAt(bytes, at.offset, at);
}

/**
 * {@link parseFitsHeader} on bytes that hold the header from index `start` (a stream's buffer), naming the
 * file offset `at.offset` in errors; `end` is an index into `bytes`.
 */
export function parseHeaderAt(bytes: Uint8Array, start0: number, at: FitsHeaderLocation): ParsedFitsHeader {
  const cards: FitsCard[] = [];
  let pending: { keyword: string; value: string; comment?: string; card: number } | undefined;
  const flush = (): void => {
    if (pending === undefined) return;
    cards.push(pending.comment === undefined ? { keyword: pending.keyword, value: pending.value } : { keyword: pending.keyword, value: pending.value, comment: pending.comment });
    pending = undefined;
  };
  for (let c = 0; ; c++) {
    const start = start0 + c * FITS_CARD;
    if (start + FITS_CARD > bytes.length) {
      throw new ParseError(
        `FITS header: no END card before the input ends (${hduLabel(at, at.offset + bytes.length - start0)}; a truncated file, or not a FITS file?)`,
        at.source === undefined ? {} : { source: at.source },
      );
    }
    let text = '';
    for (let i = 0; i < FITS_CARD; i++) {
      const b = bytes[start + i]!;
      if (b < 0x20 || b > 0x7e) throw cardError(`byte ${b} at column ${i + 1} is not printable ASCII`, at, c);
      text += String.fromCharCode(b);
    }
    const fail = (m: string) => cardError(m, at, c);
    let keyword = text.slice(0, 8).trimEnd();
    if (keyword === 'END') {
      if (text.slice(8).trim() !== '') throw fail('the END card has text after END');
      flush();
      const end = start0 + Math.ceil(((c + 1) * FITS_CARD) / FITS_BLOCK) * FITS_BLOCK;
      if (end > bytes.length) {
        throw new ParseError(`FITS header: the last header block is incomplete (${hduLabel(at, at.offset + bytes.length - start0)})`, at.source === undefined ? {} : { source: at.source });
      }
      return { header: { cards }, end };
    }
    if (keyword === 'CONTINUE' && pending !== undefined) {
      const body = text.slice(8).trimStart();
      if (body.startsWith("'")) {
        const { value, comment } = parseValue(body, fail);
        const v = String(value);
        pending.value = pending.value.slice(0, -1) + v;
        if (comment !== undefined) pending.comment = pending.comment === undefined ? comment : `${pending.comment} ${comment}`;
        if (!v.endsWith('&')) flush();
        continue;
      }
    }
    flush();
    let valueText: string | undefined;
    if (keyword === 'HIERARCH') {
      const eq = text.indexOf('=');
      if (eq < 0) {
        cards.push({ keyword, comment: text.slice(8).trim() });
        continue;
      }
      keyword = text.slice(8, eq).trim().toUpperCase();
      valueText = text.slice(eq + 1);
    } else {
      if (!/^[A-Z0-9_-]*$/.test(keyword) || /^ +\S/.test(text.slice(0, 8))) throw fail(`malformed keyword ${JSON.stringify(text.slice(0, 8))} (upper-case letters, digits, - and _ only, left-justified)`);
      if (text.slice(8, 10) === '= ' && keyword !== 'COMMENT' && keyword !== 'HISTORY' && keyword !== '') valueText = text.slice(10);
    }
    if (valueText === undefined) {
      const comment = text.slice(8).trimEnd();
      cards.push(comment === '' ? { keyword } : { keyword, comment });
      continue;
    }
    const { value, comment } = parseValue(valueText, fail);
    if (typeof value === 'string' && value.endsWith('&')) {
      pending = comment === undefined ? { keyword, value, card: c } : { keyword, value, comment, card: c };
      continue;
    }
    cards.push(comment === undefined ? { keyword, value } : { keyword, value, comment });
  }
}

/**
 * The value of a keyword (its last occurrence), or `undefined` when absent or commentary. Runs in O(cards).
 *
 * @example
 * ```ts
 * headerValue({ cards: [{ keyword: 'NAXIS', value: 2 }] }, 'NAXIS'); // => 2
 * headerValue({ cards: [] }, 'NAXIS'); // => undefined
 * ```
 */
export function headerValue(header: FitsHeader, keyword: string): FitsValue | undefined {
  const k = keyword.toUpperCase();
  for (let i = header.cards.length - 1; i >= 0; i--) {
    const c = header.cards[i]!;
    if (c.keyword === k && c.value !== undefined) return c.value;
  }
  return undefined;
}

function formatNumber(x: number): string {
  if (Number.isNaN(x) || !Number.isFinite(x)) throw new InvalidArgumentError(`FITS cannot hold the real value ${x} in a header`);
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return Object.is(x, -0) ? '-0.0' : String(x);
  const s = String(x).toUpperCase();
  return s.includes('.') || s.includes('E') ? s : `${s}.0`;
}

/** The value field of a card (without the comment), e.g. `'TEXT    '`, `T`, `42`. */
function formatValue(value: FitsValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return `'${value.replace(/'/g, "''").padEnd(8)}'`;
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return formatNumber(value);
  return `(${formatNumber(value[0])}, ${formatNumber(value[1])})`;
}

/** One 80-character card for a keyword of at most 8 characters; long strings become `CONTINUE` cards. */
function formatCards(card: FitsCard): string[] {
  const { keyword, value, comment } = card;
  if (!/^[A-Z0-9_-]{0,8}$/.test(keyword)) throw new InvalidArgumentError(`FITS keyword ${JSON.stringify(keyword)} must be 0–8 upper-case letters, digits, - or _`);
  const ascii = (s: string, what: string) => {
    if (!/^[\x20-\x7e]*$/.test(s)) throw new InvalidArgumentError(`FITS header text must be printable ASCII: ${what} ${JSON.stringify(s)}`);
  };
  if (value === undefined) {
    const text = comment ?? '';
    ascii(text, `the ${keyword || 'blank'} card`);
    const out: string[] = [];
    for (let i = 0; i === 0 || i < text.length; i += 72) out.push(`${keyword.padEnd(8)}${text.slice(i, i + 72)}`.padEnd(FITS_CARD));
    return out;
  }
  if (typeof value === 'string') ascii(value, `the value of ${keyword}`);
  if (comment !== undefined) ascii(comment, `the comment of ${keyword}`);
  const head = `${keyword.padEnd(8)}= `;
  if (typeof value === 'string' && formatValue(value).length > 70) {
    // long string (Sec. 4.2.1.2): pieces ending in '&', each on its own card, without splitting a doubled quote
    const out: string[] = [];
    let rest = value;
    let first = true;
    while (rest.length > 0) {
      let n = Math.min(rest.length, 67);
      let piece = rest.slice(0, n);
      while (piece.replace(/'/g, "''").length > 67) piece = rest.slice(0, --n);
      rest = rest.slice(n);
      const text = `'${piece.replace(/'/g, "''")}${rest.length > 0 ? '&' : ''}'`;
      // the comment goes on the last card, cut at column 80
      const note = rest.length === 0 && comment !== undefined && comment !== '' ? ` / ${comment}` : '';
      out.push(`${first ? head : 'CONTINUE  '}${text}${note}`.slice(0, FITS_CARD).padEnd(FITS_CARD));
      first = false;
    }
    return out;
  }
  const v = formatValue(value);
  // fixed format: strings start in column 11, other values end in column 30 (Sec. 4.2)
  const field = typeof value === 'string' ? v : v.padStart(20);
  const line = comment === undefined || comment === '' ? `${head}${field}` : `${head}${field} / ${comment}`;
  return [line.slice(0, FITS_CARD).padEnd(FITS_CARD)];
}

/**
 * Formats header cards as FITS header bytes: 80-character cards, `END`, blank-padded to a whole 2880-byte
 * block. Strings longer than a card are continued on `CONTINUE` cards; comments are cut at column 80.
 *
 * @param cards - the cards, in order (without `END`)
 * @returns the header bytes, a multiple of 2880
 * @throws {InvalidArgumentError} for a keyword longer than 8 characters, non-ASCII text or a non-finite number
 * @example
 * ```ts
 * const bytes = formatFitsHeader([{ keyword: 'SIMPLE', value: true }, { keyword: 'BITPIX', value: 8 }, { keyword: 'NAXIS', value: 0 }]);
 * bytes.length; // => 2880
 * new TextDecoder().decode(bytes.subarray(0, 30)); // => 'SIMPLE  =                    T'
 * ```
 */
export function formatFitsHeader(cards: readonly FitsCard[]): Uint8Array {
  const lines = cards.flatMap(formatCards);
  lines.push('END'.padEnd(FITS_CARD));
  const size = Math.ceil((lines.length * FITS_CARD) / FITS_BLOCK) * FITS_BLOCK;
  const out = new Uint8Array(size).fill(0x20);
  lines.forEach((l, i) => {
    for (let j = 0; j < FITS_CARD; j++) out[i * FITS_CARD + j] = l.charCodeAt(j);
  });
  return out;
}
