/**
 * Per-class and macro-averaged precision, recall and F1 score (paper Appendix A).
 *
 * @module
 */
import type { ConfusionMatrix } from './confusion-matrix';

/** Precision, recall, F1 and support of one class. */
export interface ClassScores {
  /** The class label. */
  readonly class: string;
  /** TP / (TP + FP); 0 when the class is never predicted (scikit-learn's `zero_division=0`). */
  readonly precision: number;
  /** TP / (TP + FN); 0 when the class never occurs among the true labels (`zero_division=0`). */
  readonly recall: number;
  /** 2 · precision · recall / (precision + recall) = 2TP / (2TP + FP + FN); 0 when TP = 0. */
  readonly f1: number;
  /** The number of samples whose true class is this one (TP + FN). */
  readonly support: number;
}

/**
 * Precision, recall, F1 score and support of every class of a confusion matrix (paper Appendix A):
 * precision_k = TP_k / (TP_k + FP_k), recall_k = TP_k / (TP_k + FN_k),
 * F1_k = 2 precision_k recall_k / (precision_k + recall_k).
 *
 * Undefined ratios follow scikit-learn's `zero_division=0` convention: a class never predicted has
 * precision 0, a class absent from the true labels has recall 0, and F1 is 0 whenever TP_k = 0. Runs in O(K²).
 *
 * @param cm - a confusion matrix from {@link confusionMatrix}
 * @returns one record per class, in the order of `cm.classes`
 * @example
 * ```ts
 * import { classScores, confusionMatrix } from 'muwclass/eval';
 * classScores(confusionMatrix(['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B']));
 * // => [{ class: 'A', precision: 1, recall: 0.5, f1: 0.666…, support: 2 },
 * //     { class: 'B', precision: 0.666…, recall: 1, f1: 0.8, support: 2 }]
 * ```
 */
export function classScores(cm: ConfusionMatrix): ClassScores[] {
  const k = cm.classes.length;
  const predicted = new Float64Array(k);
  for (const row of cm.counts) for (let j = 0; j < k; j++) predicted[j]! += row[j]!;
  return cm.classes.map((label, i) => {
    const row = cm.counts[i]!;
    let support = 0;
    for (const count of row) support += count;
    const tp = row[i]!;
    const p = predicted[i]!;
    const denominatorF1 = support + p; // 2TP + FP + FN
    return {
      class: label,
      precision: p === 0 ? 0 : tp / p,
      recall: support === 0 ? 0 : tp / support,
      f1: denominatorF1 === 0 ? 0 : (2 * tp) / denominatorF1,
      support,
    };
  });
}

function macro(cm: ConfusionMatrix, key: 'precision' | 'recall' | 'f1'): number {
  const scores = classScores(cm);
  if (scores.reduce((n, x) => n + x.support, 0) === 0) return Number.NaN;
  let sum = 0;
  for (const s of scores) sum += s[key];
  return sum / scores.length;
}

/**
 * Macro-averaged precision: the unweighted mean over the classes of `cm.classes` of precision_k
 * (scikit-learn's `precision_score(average='macro', zero_division=0)`: a class never predicted counts as 0).
 * `NaN` when the matrix holds no samples. Runs in O(K²).
 *
 * @param cm - a confusion matrix from {@link confusionMatrix}
 * @returns the macro precision in [0, 1]
 * @example
 * ```ts
 * import { confusionMatrix, macroPrecision } from 'muwclass/eval';
 * macroPrecision(confusionMatrix(['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B'])); // => 0.8333… (= (1 + 2/3) / 2)
 * ```
 */
export function macroPrecision(cm: ConfusionMatrix): number {
  return macro(cm, 'precision');
}

/**
 * Macro-averaged recall: the unweighted mean over the classes of `cm.classes` of recall_k (scikit-learn's
 * `recall_score(average='macro', zero_division=0)`). It differs from {@link balancedAccuracy} only when a
 * class of `cm.classes` has no true samples (it counts as 0 here and is skipped there). `NaN` when the
 * matrix holds no samples. Runs in O(K²).
 *
 * @param cm - a confusion matrix from {@link confusionMatrix}
 * @returns the macro recall in [0, 1]
 * @example
 * ```ts
 * import { confusionMatrix, macroRecall } from 'muwclass/eval';
 * macroRecall(confusionMatrix(['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B'])); // => 0.75 (= (0.5 + 1) / 2)
 * ```
 */
export function macroRecall(cm: ConfusionMatrix): number {
  return macro(cm, 'recall');
}

/**
 * Macro-averaged F1 score: the unweighted mean over the classes of `cm.classes` of F1_k (paper Appendix A;
 * scikit-learn's `f1_score(average='macro', zero_division=0)`: a class with TP = 0 counts as 0). `NaN` when
 * the matrix holds no samples. Runs in O(K²).
 *
 * @param cm - a confusion matrix from {@link confusionMatrix}
 * @returns the macro F1 in [0, 1]
 * @example
 * ```ts
 * import { confusionMatrix, macroF1 } from 'muwclass/eval';
 * macroF1(confusionMatrix(['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B'])); // => 0.7333… (= (2/3 + 0.8) / 2)
 * ```
 */
export function macroF1(cm: ConfusionMatrix): number {
  return macro(cm, 'f1');
}
