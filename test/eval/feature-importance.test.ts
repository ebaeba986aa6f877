import { describe, expect, it } from 'vitest';

import { InvalidArgumentError, InvalidValueError, ShapeMismatchError } from '../../src/core/errors';
import { aggregateImportances } from '../../src/eval/feature-importance';

describe('aggregateImportances', () => {
  it('gives the mean, the population standard deviation and the ranking', () => {
    const s = aggregateImportances([[0.6, 0.1, 0.3], [0.8, 0.1, 0.1], [0.4, 0.4, 0.2]], { featureNames: ['HR_hm', 'Gmag', 'W1mag'] });
    expect(s.features).toEqual(['HR_hm', 'Gmag', 'W1mag']);
    expect(s.count).toBe(3);
    expect(s.mean[0]).toBeCloseTo(0.6, 15);
    expect(s.mean[1]).toBeCloseTo(0.2, 15);
    expect(s.mean[2]).toBeCloseTo(0.2, 15);
    // HR_hm: deviations 0, 0.2, -0.2 -> sqrt(0.08 / 3)
    expect(s.std[0]).toBeCloseTo(Math.sqrt(0.08 / 3), 15);
    expect(s.std[1]).toBeCloseTo(Math.sqrt((0.01 + 0.01 + 0.04) / 3), 15);
    // the tie between Gmag and W1mag keeps column order
    expect(Array.from(s.order)).toEqual([0, 1, 2]);
  });

  it('uses the sample standard deviation with ddof = 1', () => {
    const s = aggregateImportances([[1, 0], [0, 1]], { ddof: 1 });
    expect(Array.from(s.std)).toEqual([Math.SQRT1_2, Math.SQRT1_2]);
    expect(s.features).toEqual(['0', '1']);
    expect(aggregateImportances([[1, 0]]).std[0]).toBe(0);
  });

  it('ranks by decreasing mean', () => {
    expect(Array.from(aggregateImportances([Float64Array.of(0.1, 0.5, 0.4)]).order)).toEqual([1, 2, 0]);
  });

  it('rejects empty, ragged and non-finite input', () => {
    expect(() => aggregateImportances([])).toThrow(InvalidArgumentError);
    expect(() => aggregateImportances([[1]], { ddof: 1 })).toThrow(InvalidArgumentError);
    expect(() => aggregateImportances([[1, 2], [1]])).toThrow(ShapeMismatchError);
    expect(() => aggregateImportances([[1, 2], [1, Number.NaN]])).toThrow(InvalidValueError);
    expect(() => aggregateImportances([[1, 2], [1, Number.NaN]])).toThrow(/row 1, column 1/);
    expect(() => aggregateImportances([[1, 2]], { featureNames: ['a'] })).toThrow(InvalidArgumentError);
  });

  it('does not mutate its inputs', () => {
    const rows = [[0.5, 0.5], [0.7, 0.3]];
    aggregateImportances(rows);
    expect(rows).toEqual([[0.5, 0.5], [0.7, 0.3]]);
  });
});
