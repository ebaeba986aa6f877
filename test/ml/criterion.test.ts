import { describe, expect, it } from 'vitest';

import { entropy, gini, impurity, impurityDecrease } from '../../src/ml/criterion';
import { InvalidArgumentError } from '../../src/core/errors';

describe('gini', () => {
  it('is 1 − Σ p² (hand-computed)', () => {
    expect(gini([5, 5])).toBe(0.5);
    expect(gini([3, 1])).toBe(0.375); // 1 − 9/16 − 1/16
    expect(gini([1, 1, 1, 1])).toBe(0.75);
    expect(gini([2, 1, 1])).toBeCloseTo(1 - 0.25 - 1 / 16 - 1 / 16, 15);
  });

  it('is 0 for pure and empty nodes', () => {
    expect(gini([7, 0, 0])).toBe(0);
    expect(gini([0, 0])).toBe(0);
  });
});

describe('entropy', () => {
  it('is −Σ p log2 p (hand-computed)', () => {
    expect(entropy([5, 5])).toBe(1);
    expect(entropy([1, 1, 1, 1])).toBe(2);
    expect(entropy([3, 1])).toBeCloseTo(-(0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25)), 15);
    expect(entropy([4, 0])).toBe(0);
  });
});

describe('impurity / impurityDecrease', () => {
  it('dispatches on the criterion and rejects unknown ones', () => {
    expect(impurity([3, 1], 'gini')).toBe(0.375);
    expect(impurity([5, 5], 'entropy')).toBe(1);
    expect(() => impurity([1], 'mse' as never)).toThrow(InvalidArgumentError);
  });

  it('is W·I − W_L·I_L − W_R·I_R', () => {
    // parent [2, 2]: W·G = 4 · 0.5 = 2; pure children
    expect(impurityDecrease([2, 0], [0, 2])).toBe(2);
    // parent [3, 3] split into [3, 1] and [0, 2]: 6·0.5 − 4·0.375 − 0 = 1.5
    expect(impurityDecrease([3, 1], [0, 2])).toBeCloseTo(1.5, 15);
    expect(impurityDecrease([2, 0], [0, 2], 'entropy')).toBe(4);
    expect(() => impurityDecrease([1, 2], [1])).toThrow(InvalidArgumentError);
  });
});
