/**
 * Strict parsing of single table cells. An empty (or blank) cell is a missing value — `NaN` for numbers,
 * `undefined` for booleans — never 0 or false.
 *
 * @module
 */
import { InvalidValueError, MalformedNumberError, type ValueLocation } from '../core/errors';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const MISSING = new Set(['', 'nan', 'NaN', 'NAN', '--']);
const TRUE = new Set(['true', 'True', 'TRUE', 't', 'T', '1']);
const FALSE = new Set(['false', 'False', 'FALSE', 'f', 'F', '0']);

/**
 * Parses a numeric cell strictly: a finite decimal number `[+-]digits[.digits][e[+-]digits]` (surrounding
 * blanks ignored); empty, `NaN`, `nan`, `NAN` and `--` are missing (`NaN`). Everything else throws:
 * infinities (`inf`), hexadecimal (`0x10`), digit separators (`1_000`), text, and numbers too large for a
 * double (`1e400`), so that no cell is silently read as ±Infinity. Runs in O(length).
 *
 * @param text - the cell's text (`undefined` is a missing cell)
 * @param location - where the cell is, for the error message
 * @returns the number (finite), or `NaN` when missing
 * @throws {MalformedNumberError} for text that is not a decimal number, naming the file, row and column
 *   (e.g. `"1.2.3"`, `"12 abc"`, `"inf"`, `"0x10"`, `"1_000"`)
 * @throws {InvalidValueError} for a decimal number beyond the range of a double (e.g. `"1e400"`), naming the file, row and column
 * @example
 * ```ts
 * parseNumberCell(' 2.5e-15 ');   // => 2.5e-15
 * parseNumberCell('');            // => NaN (missing)
 * parseNumberCell('x1', { source: 'td.csv', row: 3, column: 'Fs' }); // throws MalformedNumberError: malformed number "x1" (in td.csv, row 3, column "Fs")
 * parseNumberCell('inf');         // throws MalformedNumberError: malformed number "inf"
 * parseNumberCell('1e400', { row: 2, column: 'Fb' }); // throws InvalidValueError: number "1e400" is not finite (beyond the range of a double) (row 2, column "Fb")
 * ```
 */
export function parseNumberCell(text: string | undefined, location: ValueLocation = {}): number {
  if (text === undefined) return Number.NaN;
  const t = text.trim();
  if (MISSING.has(t)) return Number.NaN;
  if (!NUMBER.test(t)) throw new MalformedNumberError(text, location);
  const x = Number(t);
  if (!Number.isFinite(x)) throw new InvalidValueError(`number ${JSON.stringify(t)} is not finite (beyond the range of a double)`, location);
  return x;
}

/**
 * Parses a boolean cell: `TRUE/True/true/T/t/1` and `FALSE/False/false/F/f/0` (blanks ignored); empty is
 * missing (`undefined`).
 *
 * @throws {InvalidValueError} for any other text, naming the file, row and column
 * @example
 * ```ts
 * parseBooleanCell('  False'); // => false
 * parseBooleanCell('');        // => undefined
 * ```
 */
export function parseBooleanCell(text: string | undefined, location: ValueLocation = {}): boolean | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === '') return undefined;
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  throw new InvalidValueError(`malformed boolean ${JSON.stringify(text)}`, location);
}

/**
 * Formats a number for output at full double precision (shortest text that reads back to the same double);
 * `NaN` (missing) becomes an empty cell.
 *
 * @example
 * ```ts
 * formatNumberCell(0.1 + 0.2); // => '0.30000000000000004'
 * formatNumberCell(NaN);       // => ''
 * ```
 */
export function formatNumberCell(x: number): string {
  return Number.isNaN(x) ? '' : String(x);
}
