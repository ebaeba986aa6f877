import { describe, expect, it } from 'vitest';

import { CT_ZERO_DENOMINATOR, bestClasses, confidenceThreshold, confidenceThresholds } from '../../src/classify/confidence';
import { InvalidArgumentError, InvalidValueError, ShapeMismatchError } from '../../src/core/errors';
import { toFeatureMatrix } from '../../src/core/matrix';

describe('confidenceThreshold (eq. 7)', () => {
  it('is the minimum over the other classes of (P_best - P_c) / (dP_best + dP_c), by hand', () => {
    // best = 0; c = 1: (0.7 - 0.2) / (0.1 + 0.05) = 3.333…; c = 2: (0.7 - 0.1) / (0.1 + 0.2) = 2
    expect(confidenceThreshold([0.7, 0.2, 0.1], [0.1, 0.05, 0.2])).toBeCloseTo(2, 14);
    // best = 2; c = 0: (0.5 - 0.3) / (0.04 + 0.06) = 2; c = 1: (0.5 - 0.2) / (0.04 + 0.01) = 6
    expect(confidenceThreshold([0.3, 0.2, 0.5], [0.06, 0.01, 0.04])).toBeCloseTo(2, 14);
    // the runner-up by probability is not always the minimiser: c = 1 is closer but far less uncertain
    // c = 1: (0.6 - 0.3) / (0.05 + 0.01) = 5; c = 2: (0.6 - 0.1) / (0.05 + 0.2) = 2
    expect(confidenceThreshold([0.6, 0.3, 0.1], [0.05, 0.01, 0.2])).toBeCloseTo(2, 14);
  });

  it('replaces a zero denominator by 1e-5, as in the paper', () => {
    expect(CT_ZERO_DENOMINATOR).toBe(1e-5);
    expect(confidenceThreshold([1, 0, 0], [0, 0, 0])).toBeCloseTo(1 / 1e-5, 6);
    expect(confidenceThreshold([0.6, 0.4], [0, 0])).toBeCloseTo(0.2 / 1e-5, 6);
    // only the zero pair is replaced: c = 1 has denominator 0, c = 2 has 0.1
    expect(confidenceThreshold([0.8, 0.15, 0.05], [0, 0, 0.1])).toBeCloseTo(Math.min(0.65 / 1e-5, 0.75 / 0.1), 10);
  });

  it('is 0 for a tie, picking the first of the tied classes', () => {
    expect(confidenceThreshold([0.4, 0.4, 0.2], [0.1, 0.1, 0.1])).toBe(0);
    expect(confidenceThreshold([0.5, 0.5], [0, 0])).toBe(0);
  });

  it('measures a given class, negative when it is not the most probable', () => {
    // class 1: c = 0: (0.2 - 0.7) / (0.05 + 0.1) = -3.333…; c = 2: (0.2 - 0.1) / (0.05 + 0.05) = 1
    expect(confidenceThreshold([0.7, 0.2, 0.1], [0.1, 0.05, 0.05], 1)).toBeCloseTo(-10 / 3, 14);
    expect(confidenceThreshold([0.7, 0.2, 0.1], [0.1, 0.05, 0.05], 0)).toBeCloseTo(confidenceThreshold([0.7, 0.2, 0.1], [0.1, 0.05, 0.05]), 15);
  });

  it('accepts typed arrays and does not mutate its inputs', () => {
    const mean = Float64Array.of(0.1, 0.9);
    const std = Float64Array.of(0.1, 0.1);
    expect(confidenceThreshold(mean, std)).toBeCloseTo(4, 14);
    expect(Array.from(mean)).toEqual([0.1, 0.9]);
    expect(Array.from(std)).toEqual([0.1, 0.1]);
  });

  it('rejects bad input with named errors', () => {
    expect(() => confidenceThreshold([0.5, 0.5], [0.1])).toThrow(ShapeMismatchError);
    expect(() => confidenceThreshold([1], [0])).toThrow(InvalidArgumentError);
    expect(() => confidenceThreshold([0.5, 0.5], [0, 0], 2)).toThrow(/classIndex must be an integer in \[0, 1\]/);
    expect(() => confidenceThreshold([0.5, 0.5], [0, 0], 0.5)).toThrow(InvalidArgumentError);
    expect(() => confidenceThreshold([0.5, Number.NaN], [0, 0])).toThrow(InvalidValueError);
    expect(() => confidenceThreshold([0.5, 0.5], [0, -0.1])).toThrow(/standard deviation must be finite and non-negative.*column 1/);
  });

  it('rejects mean probabilities outside [0, 1] (it used to return a number for [1.5, -0.5]), naming the index', () => {
    expect(() => confidenceThreshold([1.5, -0.5], [0.1, 0.1])).toThrow('confidenceThreshold: a mean probability must be in [0, 1], got 1.5 (in mean, column 0)');
    expect(() => confidenceThreshold([0.5, -0.5], [0.1, 0.1])).toThrow('got -0.5 (in mean, column 1)');
    expect(() => confidenceThreshold([0.2, 0.3, 1.0000000000000002], [0, 0, 0])).toThrow('(in mean, column 2)');
    expect(() => confidenceThreshold([0.5, Number.POSITIVE_INFINITY], [0, 0])).toThrow(InvalidValueError);
    // the bounds are probabilities
    expect(confidenceThreshold([1, 0], [0, 0])).toBe(1 / 1e-5);
    expect(confidenceThreshold([0, 1], [0.25, 0.25])).toBe(2);
  });

  it('rejects a NaN, infinite or negative standard deviation, naming the index', () => {
    for (const [bad, text] of [[Number.NaN, 'NaN'], [Number.POSITIVE_INFINITY, 'Infinity'], [-1e-9, '-1e-9']] as const) {
      expect(() => confidenceThreshold([0.6, 0.3, 0.1], [0.1, 0.1, bad])).toThrow(
        `confidenceThreshold: standard deviation must be finite and non-negative, got ${text} (in std, column 2)`,
      );
    }
  });
});

describe('confidenceThresholds (vectorised eq. 7)', () => {
  const mean = [
    [0.7, 0.2, 0.1],
    [0.3, 0.2, 0.5],
    [0.4, 0.4, 0.2],
    [1, 0, 0],
  ];
  const std = [
    [0.1, 0.05, 0.2],
    [0.06, 0.01, 0.04],
    [0.1, 0.1, 0.1],
    [0, 0, 0],
  ];

  it('agrees with the one-source form row by row', () => {
    const { ct, best } = confidenceThresholds(mean, std);
    expect(Array.from(best)).toEqual([0, 2, 0, 0]);
    mean.forEach((row, i) => expect(ct[i]).toBe(confidenceThreshold(row, std[i]!)));
    expect(ct[0]).toBeCloseTo(2, 14);
    expect(ct[3]).toBeCloseTo(1e5, 6);
  });

  it('accepts FeatureMatrix input without mutating it', () => {
    const m = toFeatureMatrix(mean);
    const s = toFeatureMatrix(std);
    const before = Array.from(m.data);
    const { ct } = confidenceThresholds(m, s);
    expect(ct.length).toBe(4);
    expect(Array.from(m.data)).toEqual(before);
  });

  it('handles zero rows', () => {
    const { ct, best } = confidenceThresholds([], []);
    expect(ct.length).toBe(0);
    expect(best.length).toBe(0);
  });

  it('rejects mismatched shapes and invalid values, naming row and column', () => {
    expect(() => confidenceThresholds(mean, std.slice(1))).toThrow(ShapeMismatchError);
    expect(() => confidenceThresholds([[1], [1]], [[0], [0]])).toThrow(InvalidArgumentError);
    expect(() => confidenceThresholds([[0.5, 0.5], [0.5, Number.NaN]], [[0, 0], [0, 0]])).toThrow(/row 1, column 1/);
    expect(() => confidenceThresholds([[0.5, 0.5]], [[0, Number.POSITIVE_INFINITY]])).toThrow(InvalidValueError);
    expect(() => confidenceThresholds([[0.5, 0.5], [1.2, -0.2]], [[0, 0], [0, 0]])).toThrow(
      'confidenceThresholds: a mean probability must be in [0, 1], got 1.2 (in mean, row 1, column 0)',
    );
    expect(() => confidenceThresholds([[0.5, 0.5], [0.5, 0.5]], [[0, 0], [Number.NaN, 0]])).toThrow('got NaN (in std, row 1, column 0)');
  });
});

describe('bestClasses', () => {
  it('returns the column of the first maximum of each row', () => {
    expect(Array.from(bestClasses([[0.2, 0.8], [0.5, 0.5], [0.1, 0.1]]))).toEqual([1, 0, 0]);
    expect(Array.from(bestClasses([[0.1, 0.3, 0.6], [0.6, 0.3, 0.1], [0.2, 0.4, 0.4]]))).toEqual([2, 0, 1]);
  });

  it('rejects NaN probabilities', () => {
    expect(() => bestClasses([[Number.NaN, 1]])).toThrow(/row 0, column 0/);
  });
});
