import { describe, expect, it } from 'vitest';

import { InvalidArgumentError, InvalidValueError, ShapeMismatchError } from '../../src/core/errors';
import { ctSweep } from '../../src/eval/ct-sweep';
import { rocCurves } from '../../src/eval/roc';
import { classificationScores } from '../../src/eval/scores';

// Six sources: true A A A B B C, predicted A B A B A C, with CTs.
const yTrue = ['A', 'A', 'A', 'B', 'B', 'C'];
const yPred = ['A', 'B', 'A', 'B', 'A', 'C'];
const ct = [3, 0.2, 1.5, 2.5, 0.8, 1];

describe('ctSweep', () => {
  it('computes every metric on the sources with CT >= cut, with completeness and balanced completeness', () => {
    const [all, one, two] = ctSweep(yTrue, yPred, ct, { cuts: [0, 1, 2] });
    expect(all).toEqual({ cut: 0, ...classificationScores(yTrue, yPred), completeness: 1, balancedCompleteness: 1 });
    // CT >= 1 keeps sources 0, 2, 3, 5: true A A B C, predicted A A B C
    expect(one!.n).toBe(4);
    expect(one!.accuracy).toBe(1);
    expect(one!.completeness).toBe(4 / 6);
    // kept fractions: A 2/3, B 1/2, C 1/1
    expect(one!.balancedCompleteness).toBeCloseTo((2 / 3 + 1 / 2 + 1) / 3, 15);
    // CT >= 2 keeps sources 0 and 3: C has lost all its sources and no longer counts in the macro averages
    expect(two).toEqual({ cut: 2, ...classificationScores(['A', 'B'], ['A', 'B']), completeness: 2 / 6, balancedCompleteness: (1 / 3 + 1 / 2 + 0) / 3 });
    expect(two!.f1).toBe(1);
  });

  it('gives NaN metrics and zero completeness for a cut that keeps nothing', () => {
    const [p] = ctSweep(yTrue, yPred, ct, { cuts: [10] });
    expect(p!.n).toBe(0);
    expect(p!.accuracy).toBeNaN();
    expect(p!.mcc).toBeNaN();
    expect(p!.completeness).toBe(0);
    expect(p!.balancedCompleteness).toBe(0);
  });

  it('defaults to the cuts 0, 0.1, ..., 5, and completeness never increases with the cut', () => {
    const sweep = ctSweep(yTrue, yPred, ct);
    expect(sweep.length).toBe(51);
    expect(sweep[0]!.cut).toBe(0);
    expect(sweep[20]!.cut).toBe(2);
    expect(sweep[50]!.cut).toBe(5);
    for (let i = 1; i < sweep.length; i++) {
      expect(sweep[i]!.completeness).toBeLessThanOrEqual(sweep[i - 1]!.completeness);
      expect(sweep[i]!.balancedCompleteness).toBeLessThanOrEqual(sweep[i - 1]!.balancedCompleteness);
    }
  });

  it('adds the macro ROC AUC of the kept sources when given probabilities', () => {
    const proba = [
      [0.9, 0.05, 0.05],
      [0.4, 0.5, 0.1],
      [0.6, 0.3, 0.1],
      [0.1, 0.8, 0.1],
      [0.5, 0.4, 0.1],
      [0.1, 0.1, 0.8],
    ];
    const [all, two] = ctSweep(yTrue, yPred, ct, { cuts: [0, 2], proba, classes: ['A', 'B', 'C'] });
    expect(all!.macroAuc).toBe(rocCurves(yTrue, proba, ['A', 'B', 'C']).macroAuc);
    expect(two!.macroAuc).toBe(rocCurves(['A', 'B'], [proba[0]!, proba[3]!], ['A', 'B', 'C']).macroAuc);
    expect(ctSweep(yTrue, yPred, ct, { cuts: [0] })[0]!.macroAuc).toBeUndefined();
  });

  it('rejects NaN CTs (naming the source), NaN cuts and mismatched inputs', () => {
    expect(() => ctSweep(['A', 'B'], ['A', 'B'], [1, Number.NaN])).toThrow(InvalidValueError);
    expect(() => ctSweep(['A', 'B'], ['A', 'B'], [1, Number.NaN])).toThrow(/in ct, row 1/);
    expect(() => ctSweep(['A'], ['A'], [1], { cuts: [Number.NaN] })).toThrow(InvalidArgumentError);
    expect(() => ctSweep(['A'], ['A', 'B'], [1])).toThrow(ShapeMismatchError);
    expect(() => ctSweep(['A'], ['A'], [1, 2])).toThrow(ShapeMismatchError);
    expect(() => ctSweep(['A'], ['A'], [1], { proba: [[1]] })).toThrow(/classes/);
    expect(() => ctSweep(['A'], ['A'], [1], { proba: [[1], [1]], classes: ['A'] })).toThrow(ShapeMismatchError);
  });

  it('does not mutate its inputs', () => {
    const c = [...ct];
    const t = [...yTrue];
    ctSweep(t, yPred, c, { cuts: [1] });
    expect(c).toEqual(ct);
    expect(t).toEqual(yTrue);
  });
});
