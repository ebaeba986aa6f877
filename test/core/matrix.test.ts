import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';

import { assertFinite, selectRows, toArrays, toFeatureMatrix } from '../../src/core/matrix';
import { toMlMatrix } from '../../src/core/ml-matrix';
import { InvalidValueError, ShapeMismatchError } from '../../src/core/errors';

describe('toFeatureMatrix', () => {
  it('converts number[][] row-major', () => {
    const m = toFeatureMatrix([[1, 2, 3], [4, 5, 6]]);
    expect(m.nRows).toBe(2);
    expect(m.nCols).toBe(3);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('converts an ml-matrix Matrix', () => {
    const m = toFeatureMatrix(new Matrix([[1, 2], [3, 4]]));
    expect(toArrays(m)).toEqual([[1, 2], [3, 4]]);
  });

  it('returns a FeatureMatrix unchanged (no copy)', () => {
    const m = toFeatureMatrix([[1]]);
    expect(toFeatureMatrix(m)).toBe(m);
  });

  it('rejects ragged rows, naming the row', () => {
    expect(() => toFeatureMatrix([[1, 2], [3]])).toThrow(ShapeMismatchError);
    expect(() => toFeatureMatrix([[1, 2], [3]])).toThrow(/row 1 has 1 values/);
  });
});

describe('selectRows', () => {
  it('copies rows in order, with repeats, without touching the input', () => {
    const m = toFeatureMatrix([[1, 2], [3, 4], [5, 6]]);
    const s = selectRows(m, [2, 0, 2]);
    expect(toArrays(s)).toEqual([[5, 6], [1, 2], [5, 6]]);
    expect(toArrays(m)).toEqual([[1, 2], [3, 4], [5, 6]]);
  });
});

describe('assertFinite', () => {
  it('names the row and column of the first NaN', () => {
    const m = toFeatureMatrix([[1, 2], [3, Number.NaN]]);
    expect(() => assertFinite(m, 'X', 'flag missing values as -100')).toThrow(InvalidValueError);
    expect(() => assertFinite(m, 'X')).toThrow(/row 1, column 1/);
  });
});

describe('toMlMatrix', () => {
  it('round-trips through ml-matrix', () => {
    const m = toFeatureMatrix([[1, 2, 3], [4, 5, 6]]);
    const M = toMlMatrix(m);
    expect(M).toBeInstanceOf(Matrix);
    expect(M.to2DArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(toArrays(toFeatureMatrix(M))).toEqual(toArrays(m));
  });
});
