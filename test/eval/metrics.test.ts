import { describe, expect, it } from 'vitest';

import { InvalidArgumentError, InvalidValueError, ShapeMismatchError } from '../../src/core/errors';
import { accuracy, balancedAccuracy } from '../../src/eval/accuracy';
import { confusionMatrix, normalizeConfusionMatrix, type ConfusionMatrix } from '../../src/eval/confusion-matrix';
import { matthewsCorrelation } from '../../src/eval/matthews';
import { classScores, macroF1, macroPrecision, macroRecall } from '../../src/eval/precision-recall';
import { classificationScores, scoresFromConfusion } from '../../src/eval/scores';

/** Labels reproducing a given confusion matrix (rows true, columns predicted). */
function labelsOf(classes: string[], counts: number[][]): { yTrue: string[]; yPred: string[] } {
  const yTrue: string[] = [];
  const yPred: string[] = [];
  counts.forEach((row, i) => row.forEach((n, j) => {
    for (let r = 0; r < n; r++) {
      yTrue.push(classes[i]!);
      yPred.push(classes[j]!);
    }
  }));
  return { yTrue, yPred };
}

// A hand-worked 3-class example. Rows: true A, B, C; columns: predicted A, B, C.
//   A: 5 1 0   (t_A = 6)
//   B: 2 3 1   (t_B = 6)
//   C: 0 2 4   (t_C = 6)
//  p:  7 6 5,  c = 12, s = 18
const classes = ['A', 'B', 'C'];
const counts = [
  [5, 1, 0],
  [2, 3, 1],
  [0, 2, 4],
];
const cm: ConfusionMatrix = { classes, counts };

describe('confusionMatrix', () => {
  it('counts true x predicted, rows true and columns predicted', () => {
    const { yTrue, yPred } = labelsOf(classes, counts);
    expect(confusionMatrix(yTrue, yPred)).toEqual(cm);
  });

  it('defaults to the sorted union of both label arrays', () => {
    expect(confusionMatrix(['b', 'a'], ['c', 'a'])).toEqual({ classes: ['a', 'b', 'c'], counts: [[1, 0, 0], [0, 0, 1], [0, 0, 0]] });
  });

  it('follows a given class order and keeps absent classes as zero rows and columns', () => {
    const m = confusionMatrix(['B', 'A'], ['B', 'B'], { classes: ['B', 'Z', 'A'] });
    expect(m).toEqual({ classes: ['B', 'Z', 'A'], counts: [[1, 0, 0], [0, 0, 0], [1, 0, 0]] });
  });

  it('never drops a label: one outside the classes is an error naming the input and row', () => {
    expect(() => confusionMatrix(['A', 'B'], ['A', 'C'], { classes: ['A', 'B'] })).toThrow(InvalidValueError);
    expect(() => confusionMatrix(['A', 'B'], ['A', 'C'], { classes: ['A', 'B'] })).toThrow(/"C".*in yPred, row 1/);
    expect(() => confusionMatrix(['A'], ['A'], { classes: ['A', 'A'] })).toThrow(InvalidArgumentError);
    expect(() => confusionMatrix(['A'], [])).toThrow(ShapeMismatchError);
  });

  it('does not mutate its inputs', () => {
    const yTrue = ['B', 'A'];
    const order = ['B', 'A'];
    confusionMatrix(yTrue, ['A', 'A'], { classes: order });
    expect(yTrue).toEqual(['B', 'A']);
    expect(order).toEqual(['B', 'A']);
  });
});

describe('normalizeConfusionMatrix', () => {
  it('divides rows by their sums (recall) and columns by theirs (precision)', () => {
    const r = normalizeConfusionMatrix(cm, 'recall').values;
    expect(r[0]).toEqual([5 / 6, 1 / 6, 0]);
    expect(r[2]).toEqual([0, 2 / 6, 4 / 6]);
    const p = normalizeConfusionMatrix(cm, 'precision').values;
    expect(p.map((row) => row[0])).toEqual([5 / 7, 2 / 7, 0]);
    expect(p.map((row) => row[2])).toEqual([0, 1 / 5, 4 / 5]);
  });

  it('puts NaN in an empty row or column, never 0', () => {
    const m = confusionMatrix(['A', 'A'], ['A', 'A'], { classes: ['A', 'B'] });
    expect(normalizeConfusionMatrix(m, 'recall').values).toEqual([[1, 0], [Number.NaN, Number.NaN]]);
    expect(normalizeConfusionMatrix(m, 'precision').values).toEqual([[1, Number.NaN], [0, Number.NaN]]);
  });

  it('rejects an unknown normalisation and leaves the counts alone', () => {
    expect(() => normalizeConfusionMatrix(cm, 'true' as never)).toThrow(InvalidArgumentError);
    normalizeConfusionMatrix(cm, 'recall');
    expect(cm.counts[0]).toEqual([5, 1, 0]);
  });
});

describe('metrics of a hand-computed confusion matrix (Appendix A)', () => {
  it('accuracy = trace / N', () => {
    expect(accuracy(cm)).toBe(12 / 18);
  });

  it('per-class precision, recall, F1 and support', () => {
    const s = classScores(cm);
    expect(s.map((x) => x.class)).toEqual(classes);
    expect(s.map((x) => x.support)).toEqual([6, 6, 6]);
    expect(s[0]!.precision).toBeCloseTo(5 / 7, 15);
    expect(s[1]!.precision).toBeCloseTo(3 / 6, 15);
    expect(s[2]!.precision).toBeCloseTo(4 / 5, 15);
    expect(s[0]!.recall).toBeCloseTo(5 / 6, 15);
    expect(s[1]!.recall).toBeCloseTo(3 / 6, 15);
    expect(s[2]!.recall).toBeCloseTo(4 / 6, 15);
    // F1 = 2PR / (P + R)
    for (const x of s) expect(x.f1).toBeCloseTo((2 * x.precision * x.recall) / (x.precision + x.recall), 15);
  });

  it('macro averages are unweighted means over the classes', () => {
    expect(macroPrecision(cm)).toBeCloseTo((5 / 7 + 1 / 2 + 4 / 5) / 3, 15);
    expect(macroRecall(cm)).toBeCloseTo((5 / 6 + 1 / 2 + 2 / 3) / 3, 15);
    expect(balancedAccuracy(cm)).toBeCloseTo((5 / 6 + 1 / 2 + 2 / 3) / 3, 15);
    const f1 = [2 * 5 / (6 + 7), 2 * 3 / (6 + 6), 2 * 4 / (6 + 5)];
    expect(macroF1(cm)).toBeCloseTo((f1[0]! + f1[1]! + f1[2]!) / 3, 15);
  });

  it('MCC follows eq. A5: (c s - sum p t) / sqrt((s^2 - sum p^2)(s^2 - sum t^2))', () => {
    const c = 12;
    const s = 18;
    const p = [7, 6, 5];
    const t = [6, 6, 6];
    const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
    const expected = (c * s - dot(p, t)) / Math.sqrt((s * s - dot(p, p)) * (s * s - dot(t, t)));
    // = (216 - 108) / sqrt((324 - 110)(324 - 108)) = 108 / sqrt(214 * 216)
    expect(expected).toBeCloseTo(108 / Math.sqrt(214 * 216), 15);
    expect(matthewsCorrelation(cm)).toBeCloseTo(expected, 15);
  });

  it('MCC reduces to the binary phi coefficient for two classes', () => {
    const tp = 7;
    const fn = 3;
    const fp = 2;
    const tn = 8;
    const binary: ConfusionMatrix = { classes: ['neg', 'pos'], counts: [[tn, fp], [fn, tp]] };
    const phi = (tp * tn - fp * fn) / Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
    expect(matthewsCorrelation(binary)).toBeCloseTo(phi, 15);
  });

  it('scoresFromConfusion and classificationScores gather them all', () => {
    const { yTrue, yPred } = labelsOf(classes, counts);
    const s = classificationScores(yTrue, yPred);
    expect(s).toEqual(scoresFromConfusion(cm));
    expect(s.n).toBe(18);
    expect(s.accuracy).toBe(accuracy(cm));
    expect(s.mcc).toBe(matthewsCorrelation(cm));
    expect(s.f1).toBe(macroF1(cm));
  });
});

describe('metric edge cases', () => {
  it('a perfect classification scores 1 everywhere', () => {
    const s = classificationScores(['a', 'b', 'c', 'a'], ['a', 'b', 'c', 'a']);
    expect(s).toEqual({ n: 4, accuracy: 1, balancedAccuracy: 1, precision: 1, recall: 1, f1: 1, mcc: 1 });
  });

  it('a fully inverted binary classification has MCC -1', () => {
    expect(classificationScores(['a', 'a', 'b', 'b'], ['b', 'b', 'a', 'a']).mcc).toBe(-1);
  });

  it('zero_division = 0: a class never predicted has precision 0, one never true has recall 0', () => {
    // true: A A B B; predicted: A A A C. B is never predicted; C is never true.
    const m = confusionMatrix(['A', 'A', 'B', 'B'], ['A', 'A', 'A', 'C']);
    const s = classScores(m);
    expect(s.map((x) => [x.class, x.precision, x.recall, x.f1, x.support])).toEqual([
      ['A', 2 / 3, 1, 0.8, 2],
      ['B', 0, 0, 0, 2],
      ['C', 0, 0, 0, 0],
    ]);
    expect(macroRecall(m)).toBeCloseTo(1 / 3, 15);
    // balanced accuracy skips C (no true samples), as scikit-learn's balanced_accuracy_score
    expect(balancedAccuracy(m)).toBeCloseTo(1 / 2, 15);
  });

  it('MCC is 0 when everything is predicted as one class (zero denominator, as scikit-learn)', () => {
    expect(classificationScores(['a', 'b', 'b'], ['b', 'b', 'b']).mcc).toBe(0);
    expect(classificationScores(['a', 'a'], ['a', 'a']).mcc).toBe(0);
  });

  it('no samples gives NaN, not 0', () => {
    const s = classificationScores([], []);
    expect(s.n).toBe(0);
    for (const key of ['accuracy', 'balancedAccuracy', 'precision', 'recall', 'f1', 'mcc'] as const) expect(s[key]).toBeNaN();
    const withClasses = classificationScores([], [], { classes: ['a', 'b'] });
    expect(withClasses.accuracy).toBeNaN();
    expect(withClasses.mcc).toBeNaN();
  });
});

describe('macro averages with no samples', () => {
  it('are NaN even when classes are given', () => {
    const s = classificationScores([], [], { classes: ['a', 'b'] });
    expect(s.precision).toBeNaN();
    expect(s.recall).toBeNaN();
    expect(s.f1).toBeNaN();
    expect(s.balancedAccuracy).toBeNaN();
  });
});
