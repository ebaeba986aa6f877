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
    ['inf', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])('parses %j as %d', (text, value) => {
    expect(parseNumberCell(text)).toBe(value);
  });

  it.each(['', '   ', 'nan', 'NaN', '--'])('reads %j as missing (NaN), never 0', (text) => {
    expect(parseNumberCell(text)).toBeNaN();
  });

  it.each(['1.2.3', '12 abc', '0x10', 'e5', '1e', 'TRUE'])('rejects %j', (text) => {
    expect(() => parseNumberCell(text)).toThrow(MalformedNumberError);
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
