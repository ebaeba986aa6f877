import { describe, expect, it } from 'vitest';

import { InvalidArgumentError, ShapeMismatchError } from '../../src/core/errors';
import { selectSourceRows, sourceAt, sourceColumns, toSourceColumns } from '../../src/io/source-columns';
import { SOURCE_NUMERIC_COLUMNS } from '../../src/io/schema';
import { makeSource } from '../helpers/sources';

describe('toSourceColumns / sourceAt', () => {
  it('round-trips every numeric column', () => {
    const sources = [makeSource(), makeSource({ Fs: 7e-15, Jmag: Number.NaN })];
    const cols = toSourceColumns(sources);
    expect(cols.nRows).toBe(2);
    expect(cols.Fs).toBeInstanceOf(Float64Array);
    const back = sourceAt(cols, 1, { name: 'test', ra: 10, dec: -20, label: 'AGN' });
    expect(back).toEqual(sources[1]);
    expect(sourceAt(cols, 0).name).toBe('row 0');
  });

  it('rejects a row out of range', () => {
    expect(() => sourceAt(toSourceColumns([makeSource()]), 1)).toThrow(InvalidArgumentError);
  });
});

describe('sourceColumns', () => {
  it('uses the arrays given and fills absent columns with NaN', () => {
    const Fs = Float64Array.of(1, 2);
    const cols = sourceColumns(2, { Fs });
    expect(cols.Fs).toBe(Fs);
    expect(Array.from(cols.W3mag)).toEqual([Number.NaN, Number.NaN]);
    expect(Object.keys(cols)).toHaveLength(SOURCE_NUMERIC_COLUMNS.length + 1);
  });

  it('rejects wrong lengths and unknown columns', () => {
    expect(() => sourceColumns(3, { Fs: Float64Array.of(1) })).toThrow(ShapeMismatchError);
    expect(() => sourceColumns(1, { Fx: Float64Array.of(1) } as never)).toThrow(/unknown column "Fx"/);
    expect(() => sourceColumns(-1, {})).toThrow(InvalidArgumentError);
  });
});

describe('selectSourceRows', () => {
  it('gathers rows in order, with repeats, without touching the input', () => {
    const cols = toSourceColumns([makeSource({ Fs: 1 }), makeSource({ Fs: 2 }), makeSource({ Fs: 3 })]);
    const sel = selectSourceRows(cols, [2, 0, 2]);
    expect(Array.from(sel.Fs)).toEqual([3, 1, 3]);
    expect(Array.from(cols.Fs)).toEqual([1, 2, 3]);
    expect(() => selectSourceRows(cols, [3])).toThrow(/rows\[0\] = 3/);
  });
});
