import { describe, expect, it } from 'vitest';

import { formatNumberCell, parseBooleanCell, parseNumberCell } from '../../src/io/cells';
import { InvalidValueError, MalformedNumberError } from '../../src/core/errors';

describe('parseNumberCell', () => {
  it.each([
    ['1', 1],
    [' 2.5e-15 ', 2.5e-15],
    ['-.5', -0.5],
    ['3.', 3],
    ['1E+3', 1000],
    ['+7', 7],
    ['1e-400', 0],
    ['1.7976931348623157e308', 1.7976931348623157e308],
  ])('parses %j as %d', (text, value) => {
    expect(parseNumberCell(text)).toBe(value);
  });

  it.each(['', '   ', 'nan', 'NaN', '--'])('reads %j as missing (NaN), never 0', (text) => {
    expect(parseNumberCell(text)).toBeNaN();
  });

  it.each(['1.2.3', '12 abc', '0x10', '0b11', '1_000', '1,5', 'e5', '1e', 'TRUE', 'inf', '-inf', '+Inf', 'Infinity', '-Infinity', 'INF', '∞', '１'])(
    'rejects %j as a malformed number (only finite decimals are numbers)',
    (text) => {
      expect(() => parseNumberCell(text)).toThrow(MalformedNumberError);
    },
  );

  it.each(['1e400', '-1e400', '1.8e308', '9'.repeat(400)])('rejects %j, beyond the range of a double, as not finite, naming the cell', (text) => {
    let error: unknown;
    try {
      parseNumberCell(text, { source: 'f.csv', row: 4, column: 'Fb' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidValueError);
    expect((error as InvalidValueError).location).toEqual({ source: 'f.csv', row: 4, column: 'Fb' });
    expect((error as InvalidValueError).message).toBe(`number ${JSON.stringify(text)} is not finite (beyond the range of a double) (in f.csv, row 4, column "Fb")`);
  });

  it('names the location of an infinity, hexadecimal and digit-separated number', () => {
    for (const text of ['inf', '0x10', '1_000']) {
      expect(() => parseNumberCell(text, { source: 'td.csv', row: 7, column: 'Fs' })).toThrow(`malformed number "${text}" (in td.csv, row 7, column "Fs")`);
    }
  });

  it('names file, row and column', () => {
    expect(() => parseNumberCell('x1', { source: 'td.csv', row: 3, column: 'Fs' })).toThrow(
      'malformed number "x1" (in td.csv, row 3, column "Fs")',
    );
  });
});

describe('parseBooleanCell', () => {
  it('reads the spellings found in CSC exports', () => {
    expect(parseBooleanCell('                TRUE')).toBe(true);
    expect(parseBooleanCell('False')).toBe(false);
    expect(parseBooleanCell('0')).toBe(false);
    expect(parseBooleanCell(' ')).toBeUndefined();
    expect(() => parseBooleanCell('yes', { row: 2, column: 'flag' })).toThrow(InvalidValueError);
  });
});

describe('formatNumberCell', () => {
  it('round-trips doubles exactly and writes NaN as empty', () => {
    const x = 6.638797884560804e-16;
    expect(Number(formatNumberCell(x))).toBe(x);
    expect(formatNumberCell(Number.NaN)).toBe('');
  });
});
