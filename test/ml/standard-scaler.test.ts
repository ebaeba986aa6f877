import { describe, expect, it } from 'vitest';

import { StandardScaler } from '../../src/ml/standard-scaler';
import { toArrays, toFeatureMatrix } from '../../src/core/matrix';
import { InvalidArgumentError, NotFittedError, ShapeMismatchError } from '../../src/core/errors';

describe('StandardScaler', () => {
  it('learns the mean and the population standard deviation (hand-computed)', () => {
    const s = new StandardScaler().fit([[1, 10], [3, 10], [5, 10]]);
    expect(Array.from(s.mean)).toEqual([3, 10]);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(8 / 3), 15);
    expect(s.scale[1]).toBe(1); // constant feature: only centred
    expect(toArrays(s.transform([[3 + Math.sqrt(8 / 3), 12]]))[0]![0]).toBeCloseTo(1, 14);
    expect(toArrays(s.transform([[3, 12]]))).toEqual([[0, 2]]);
  });

  it('ignores NaN when fitting and passes it through', () => {
    const s = new StandardScaler().fit([[1], [NaN], [3]]);
    expect(Array.from(s.mean)).toEqual([2]);
    expect(Array.from(s.scale)).toEqual([1]);
    expect(Number.isNaN(s.transform([[NaN]]).data[0]!)).toBe(true);
  });

  it('inverts, round-trips through JSON, and does not mutate its input', () => {
    const X = [[1, -2], [4, 8], [9, 0.5]];
    const copy = structuredClone(X);
    const s = new StandardScaler();
    const z = s.fitTransform(X);
    expect(toArrays(s.inverseTransform(z)).flat().map((v, i) => v - X.flat()[i]!).every((d) => Math.abs(d) < 1e-12)).toBe(true);
    const t = StandardScaler.fromJSON(JSON.parse(JSON.stringify(s)));
    expect(t.transform(X)).toEqual(z);
    expect(X).toEqual(copy);
    const m = toFeatureMatrix(X);
    s.transform(m);
    expect(toArrays(m)).toEqual(X);
  });

  it('throws clear errors', () => {
    expect(() => new StandardScaler().transform([[1]])).toThrow(NotFittedError);
    expect(() => new StandardScaler().fit([])).toThrow(InvalidArgumentError);
    expect(() => new StandardScaler().fit([[1, 2]]).transform([[1]])).toThrow(ShapeMismatchError);
    expect(() => StandardScaler.fromJSON({ type: 'StandardScaler', version: 1, mean: [1], scale: [] })).toThrow(InvalidArgumentError);
  });
});
