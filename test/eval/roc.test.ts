import { describe, expect, it } from 'vitest';

import { InvalidArgumentError, InvalidValueError, ShapeMismatchError } from '../../src/core/errors';
import { createRng } from '../../src/core/random';
import { areaUnderCurve, rocCurve, rocCurves } from '../../src/eval/roc';

/** Mann–Whitney estimate of P(score of a positive > score of a negative), ties counting 1/2, by brute force. */
function mannWhitney(positive: number[], scores: number[]): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (positive[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (positive[j] !== 0) continue;
      pairs++;
      sum += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return sum / pairs;
}

describe('rocCurve', () => {
  it('reproduces the scikit-learn documentation example', () => {
    const roc = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(Array.from(roc.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(roc.tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(Array.from(roc.thresholds)).toEqual([Number.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1]);
    expect(roc.auc).toBe(0.75);
    expect(roc.positives).toBe(2);
    expect(roc.negatives).toBe(2);
  });

  it('steps diagonally across tied scores', () => {
    // one positive and one negative tied at 0.5: the curve goes straight from (0, 0) to (1, 1)
    const roc = rocCurve([true, false], [0.5, 0.5]);
    expect(Array.from(roc.fpr)).toEqual([0, 1]);
    expect(Array.from(roc.tpr)).toEqual([0, 1]);
    expect(roc.auc).toBe(0.5);
  });

  it('has an area equal to the Mann–Whitney statistic with ties counting one half', () => {
    const rng = createRng('roc');
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + Math.floor(rng() * 40);
      const positive = Array.from({ length: n }, () => (rng() < 0.4 ? 1 : 0));
      positive[0] = 1;
      positive[1] = 0;
      const scores = Array.from({ length: n }, () => Math.floor(rng() * 6) / 5); // many ties
      expect(rocCurve(positive, scores).auc).toBeCloseTo(mannWhitney(positive, scores), 14);
    }
  });

  it('keeps the area when intermediate points are dropped, and drops only collinear ones', () => {
    const positive = [1, 1, 1, 0, 0, 1, 0, 0];
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];
    const dropped = rocCurve(positive, scores);
    const all = rocCurve(positive, scores, { dropIntermediate: false });
    expect(all.fpr.length).toBe(9);
    // (FP, TP) per distinct score: (0,1) (0,2) (0,3) (1,3) (2,3) (2,4) (3,4) (4,4); (0,2), (1,3) and (3,4)
    // lie on straight segments through their neighbours; the first point is always kept (scikit-learn)
    expect(Array.from(dropped.fpr)).toEqual([0, 0, 0, 0.5, 0.5, 1]);
    expect(Array.from(dropped.tpr)).toEqual([0, 0.25, 0.75, 0.75, 1, 1]);
    expect(dropped.auc).toBe(all.auc);
    expect(dropped.auc).toBeCloseTo(mannWhitney(positive, scores), 15);
  });

  it('gives NaN rates and area without positives or negatives', () => {
    const noPositives = rocCurve([0, 0, 0], [0.1, 0.2, 0.3]);
    expect(noPositives.auc).toBeNaN();
    expect(Array.from(noPositives.tpr).every(Number.isNaN)).toBe(true);
    expect(noPositives.fpr[noPositives.fpr.length - 1]).toBe(1);
    expect(rocCurve([1, 1], [0.1, 0.2]).auc).toBeNaN();
  });

  it('rejects bad labels, non-finite scores and mismatched lengths', () => {
    expect(() => rocCurve([0, 2], [0.1, 0.2])).toThrow(InvalidValueError);
    expect(() => rocCurve([0, 1], [0.1, Number.NaN])).toThrow(/score is NaN.*row 1/);
    expect(() => rocCurve([0, 1], [0.1])).toThrow(ShapeMismatchError);
  });

  it('does not mutate its inputs', () => {
    const scores = [0.3, 0.1, 0.2];
    rocCurve([1, 0, 1], scores);
    expect(scores).toEqual([0.3, 0.1, 0.2]);
  });
});

describe('areaUnderCurve', () => {
  it('integrates by trapezoids in either direction', () => {
    expect(areaUnderCurve([0, 0.5, 1], [0, 1, 1])).toBe(0.75);
    expect(areaUnderCurve([1, 0.5, 0], [1, 1, 0])).toBe(0.75);
    expect(areaUnderCurve([0], [1])).toBe(0);
    expect(() => areaUnderCurve([0, 1, 0.5], [0, 0, 0])).toThrow(InvalidArgumentError);
    expect(() => areaUnderCurve([0, 1], [0])).toThrow(ShapeMismatchError);
  });
});

describe('rocCurves (one-vs-rest)', () => {
  const yTrue = ['A', 'B', 'C', 'A', 'B'];
  const proba = [
    [0.8, 0.1, 0.1],
    [0.3, 0.6, 0.1],
    [0.2, 0.3, 0.5],
    [0.4, 0.5, 0.1],
    [0.5, 0.4, 0.1],
  ];

  it('gives each class its binary curve and averages the areas', () => {
    const roc = rocCurves(yTrue, proba, ['A', 'B', 'C']);
    expect(roc.classes).toEqual(['A', 'B', 'C']);
    // A: positives score 0.8, 0.4; negatives 0.3, 0.2, 0.5 -> pairs won: 3 + 2 = 5 of 6
    expect(roc.perClass[0]!.auc).toBeCloseTo(5 / 6, 15);
    expect(roc.perClass[0]!.auc).toBe(rocCurve([1, 0, 0, 1, 0], proba.map((r) => r[0]!)).auc);
    // B: positives 0.6, 0.4; negatives 0.1, 0.3, 0.5 -> 3 + 2 = 5 of 6
    expect(roc.perClass[1]!.auc).toBeCloseTo(5 / 6, 15);
    // C: positive 0.5 beats all four 0.1 -> 1
    expect(roc.perClass[2]!.auc).toBe(1);
    expect(roc.macroAuc).toBeCloseTo((5 / 6 + 5 / 6 + 1) / 3, 15);
    expect(roc.macroCurve.fpr[0]).toBe(0);
    expect(roc.macroCurve.fpr[roc.macroCurve.fpr.length - 1]).toBe(1);
    expect(roc.macroCurve.tpr[roc.macroCurve.tpr.length - 1]).toBe(1);
  });

  it('leaves a class without positives out of the averages', () => {
    const roc = rocCurves(['A', 'B', 'A'], [[0.9, 0.1, 0], [0.2, 0.8, 0], [0.6, 0.3, 0.1]], ['A', 'B', 'C']);
    expect(roc.perClass[2]!.auc).toBeNaN();
    expect(roc.macroAuc).toBe(1);
  });

  it('rejects unknown labels and mismatched shapes', () => {
    expect(() => rocCurves(['A', 'D'], [[1, 0], [0, 1]], ['A', 'B'])).toThrow(/"D".*in yTrue, row 1/);
    expect(() => rocCurves(['A', 'B'], [[1, 0]], ['A', 'B'])).toThrow(ShapeMismatchError);
    expect(() => rocCurves(['A', 'B'], [[1, 0, 0], [0, 1, 0]], ['A', 'B'])).toThrow(ShapeMismatchError);
  });
});
