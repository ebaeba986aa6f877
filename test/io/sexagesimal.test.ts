import { describe, expect, it } from 'vitest';

import { formatSexagesimal, parseDeclination, parseRightAscension } from '../../src/io/sexagesimal';
import { ParseError } from '../../src/core/errors';

describe('sexagesimal coordinates', () => {
  it('parses the CSC strings of NGC3532_per.csv to the authors\' degrees (NGC3532_ave.csv)', () => {
    expect(parseRightAscension(' 11 05 07.45')).toBeCloseTo(166.28104166666665, 12);
    expect(parseDeclination('-58 51 05.47')).toBeCloseTo(-58.85151944444445, 12);
  });

  it('accepts colons and applies the sign of "-00" to the whole value', () => {
    expect(parseRightAscension('00:00:00')).toBe(0);
    expect(parseDeclination('-00:30:00')).toBe(-0.5);
    expect(parseDeclination('+89 59 60'.replace('60', '59.99'))).toBeCloseTo(89.99999722, 7);
  });

  it.each(['11 05', '11h05m07s', '24 00 00', '11 60 00', '', 'abc'])('rejects right ascension %j', (text) => {
    expect(() => parseRightAscension(text, { row: 4, column: 'ra' })).toThrow(ParseError);
  });

  it('rejects |dec| > 90, naming the location', () => {
    expect(() => parseDeclination('91 00 00', { source: 'x.csv', row: 2, column: 'dec' })).toThrow(/row 2, column "dec"/);
  });

  it('formats degrees and round-trips', () => {
    expect(formatSexagesimal(166.28104166666665, 'ra')).toBe('11 05 07.45');
    expect(formatSexagesimal(-58.85151944444445, 'dec')).toBe('-58 51 05.5');
    expect(formatSexagesimal(359.9999999, 'ra')).toBe('00 00 00.00');
    expect(formatSexagesimal(10.5, 'dec', 0, ':')).toBe('+10:30:00');
    expect(parseDeclination(formatSexagesimal(-0.25, 'dec'))).toBe(-0.25);
  });
});
