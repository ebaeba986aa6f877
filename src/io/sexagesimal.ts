/**
 * Sexagesimal coordinates: "11 05 07.45" (hours) and "-58 51 05.47" (degrees), blanks or colons between
 * the fields, to and from decimal degrees.
 *
 * @module
 */
import { InvalidArgumentError, ParseError, type ValueLocation } from '../core/errors';

const SEXAGESIMAL = /^([+-]?)(\d{1,3})[\s:]+(\d{1,2})[\s:]+(\d{1,2}(?:\.\d*)?)$/;

function parseFields(text: string, what: string, location: ValueLocation): { sign: number; a: number; b: number; c: number } {
  const match = SEXAGESIMAL.exec(text.trim());
  if (match === null) throw new ParseError(`malformed sexagesimal ${what} ${JSON.stringify(text)}`, location);
  const [, sign, a, b, c] = match as unknown as [string, string, string, string, string];
  const minutes = Number(b);
  const seconds = Number(c);
  if (minutes >= 60 || seconds >= 60) {
    throw new ParseError(`malformed sexagesimal ${what} ${JSON.stringify(text)}: minutes and seconds must be below 60`, location);
  }
  return { sign: sign === '-' ? -1 : 1, a: Number(a), b: minutes, c: seconds };
}

/**
 * Parses a right ascension "HH MM SS.ss" (or "HH:MM:SS.ss") to degrees: 15 × (H + M/60 + S/3600).
 *
 * @param text - the sexagesimal right ascension
 * @param location - where it was read, for the error message
 * @returns right ascension in degrees, in [0, 360)
 * @throws {ParseError} for malformed text or hours ≥ 24, naming the text and location
 * @example
 * ```ts
 * parseRightAscension(' 11 05 07.45'); // => 166.28104166666668
 * ```
 */
export function parseRightAscension(text: string, location: ValueLocation = {}): number {
  const { sign, a, b, c } = parseFields(text, 'right ascension', location);
  if (sign < 0 || a >= 24) throw new ParseError(`malformed sexagesimal right ascension ${JSON.stringify(text)}: hours must be in [0, 24)`, location);
  return 15 * (a + b / 60 + c / 3600);
}

/**
 * Parses a declination "±DD MM SS.ss" (or "±DD:MM:SS.ss") to degrees; the sign applies to the whole
 * value, so "-00 30 00" is −0.5.
 *
 * @returns declination in degrees, in [−90, 90]
 * @throws {ParseError} for malformed text or |dec| > 90, naming the text and location
 * @example
 * ```ts
 * parseDeclination('-58 51 05.47'); // => -58.85151944444445
 * ```
 */
export function parseDeclination(text: string, location: ValueLocation = {}): number {
  const { sign, a, b, c } = parseFields(text, 'declination', location);
  const dec = sign * (a + b / 60 + c / 3600);
  if (Math.abs(dec) > 90) throw new ParseError(`malformed sexagesimal declination ${JSON.stringify(text)}: |dec| must be at most 90`, location);
  return dec;
}

/**
 * Formats degrees as sexagesimal: right ascension in hours ("HH MM SS.ss") or declination ("±DD MM SS.s").
 *
 * @param degrees - the angle in degrees
 * @param kind - `'ra'` (hours, 0 ≤ ra < 360) or `'dec'` (degrees, |dec| ≤ 90)
 * @param decimals - decimals of the seconds field (default 2 for RA, 1 for Dec)
 * @param separator - between fields (default a blank)
 * @throws {InvalidArgumentError} for a non-finite or out-of-range angle
 * @example
 * ```ts
 * formatSexagesimal(166.28104166666668, 'ra');  // => '11 05 07.45'
 * formatSexagesimal(-58.85151944444445, 'dec'); // => '-58 51 05.5'
 * ```
 */
export function formatSexagesimal(degrees: number, kind: 'ra' | 'dec', decimals = kind === 'ra' ? 2 : 1, separator = ' '): string {
  if (!Number.isFinite(degrees) || (kind === 'ra' ? degrees < 0 || degrees >= 360 : Math.abs(degrees) > 90)) {
    throw new InvalidArgumentError(`formatSexagesimal: ${kind} of ${degrees} deg is out of range`);
  }
  const sign = degrees < 0 ? '-' : kind === 'dec' ? '+' : '';
  const scale = 10 ** decimals;
  // Round once, in units of the last printed digit of the seconds, so 59.999… carries into the minutes.
  let total = Math.round(Math.abs(kind === 'ra' ? degrees / 15 : degrees) * 3600 * scale);
  const whole = kind === 'ra' ? 24 * 3600 * scale : Number.POSITIVE_INFINITY;
  if (total >= whole) total -= whole;
  const seconds = (total % (60 * scale)) / scale;
  const minutes = Math.floor(total / (60 * scale)) % 60;
  const units = Math.floor(total / (3600 * scale));
  const pad = (x: number) => String(x).padStart(2, '0');
  const secondsText = seconds.toFixed(decimals).padStart(decimals > 0 ? 3 + decimals : 2, '0');
  return `${sign}${pad(units)}${separator}${pad(minutes)}${separator}${secondsText}`;
}

const PLAIN_NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * Parses a coordinate cell that holds either decimal degrees (`"166.28104"`) or sexagesimal text
 * (`"11 05 07.45"` — hours for right ascension — or `"-58:51:05.47"`), as catalogs and CSCview tables do.
 * An empty cell is missing (`NaN`).
 *
 * @param text - the cell
 * @param kind - `'ra'` (sexagesimal is hours) or `'dec'` (sexagesimal is degrees)
 * @param location - where the cell is, for the error message
 * @returns degrees, or `NaN` when empty
 * @throws {ParseError} for text that is neither a number nor valid sexagesimal, naming the location
 * @example
 * ```ts
 * parseCoordinateCell('166.28104', 'ra');   // => 166.28104
 * parseCoordinateCell('11 05 07.45', 'ra'); // => 166.28104166666668
 * parseCoordinateCell('', 'dec');           // => NaN
 * ```
 */
export function parseCoordinateCell(text: string | undefined, kind: 'ra' | 'dec', location: ValueLocation = {}): number {
  if (text === undefined || text.trim() === '') return Number.NaN;
  if (PLAIN_NUMBER.test(text)) return Number(text);
  return kind === 'ra' ? parseRightAscension(text, location) : parseDeclination(text, location);
}
