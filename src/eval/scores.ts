/**
 * Every scalar metric of the paper's Appendix A at once.
 *
 * @module
 */
import { accuracy, balancedAccuracy } from './accuracy';
import { confusionMatrix, type ConfusionMatrix, type ConfusionMatrixOptions } from './confusion-matrix';
import { matthewsCorrelation } from './matthews';
import { macroF1, macroPrecision, macroRecall } from './precision-recall';

/** The scalar metrics of a classification (paper Appendix A), each in [0, 1] except MCC in [−1, 1]. */
export interface ClassificationScores {
  /** Number of samples. */
  readonly n: number;
  /** Fraction classified correctly ({@link accuracy}). */
  readonly accuracy: number;
  /** Mean recall over the classes present among the true labels ({@link balancedAccuracy}). */
  readonly balancedAccuracy: number;
  /** Macro-averaged precision ({@link macroPrecision}). */
  readonly precision: number;
  /** Macro-averaged recall ({@link macroRecall}). */
  readonly recall: number;
  /** Macro-averaged F1 score ({@link macroF1}). */
  readonly f1: number;
  /** Multi-class Matthews correlation coefficient ({@link matthewsCorrelation}). */
  readonly mcc: number;
}

/**
 * The scalar metrics of a confusion matrix: accuracy, balanced accuracy, macro precision, recall and F1, and
 * MCC, with the conventions documented on each function. Runs in O(K²).
 *
 * @param cm - a confusion matrix from {@link confusionMatrix}
 * @returns the metrics
 * @example
 * ```ts
 * import { confusionMatrix, scoresFromConfusion } from 'muwclass/eval';
 * scoresFromConfusion(confusionMatrix(['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B'])).f1; // => 0.7333…
 * ```
 */
export function scoresFromConfusion(cm: ConfusionMatrix): ClassificationScores {
  let n = 0;
  for (const row of cm.counts) for (const count of row) n += count;
  return {
    n,
    accuracy: accuracy(cm),
    balancedAccuracy: balancedAccuracy(cm),
    precision: macroPrecision(cm),
    recall: macroRecall(cm),
    f1: macroF1(cm),
    mcc: matthewsCorrelation(cm),
  };
}

/**
 * The scalar metrics of a classification from its true and predicted labels (paper Appendix A):
 * accuracy, balanced accuracy, macro precision, recall and F1, and MCC. The macro averages run over
 * `options.classes`, by default the sorted union of the labels in `yTrue` and `yPred` (scikit-learn's
 * default); see {@link classScores} for the treatment of classes that are never predicted or never true.
 * With no samples every metric is `NaN`. Runs in O(n + K²).
 *
 * @param yTrue - true class of each sample
 * @param yPred - predicted class of each sample
 * @param options - the classes to average over (default: sorted union of the labels)
 * @returns the metrics
 * @throws {ShapeMismatchError} when `yTrue` and `yPred` differ in length
 * @throws {InvalidArgumentError} when `options.classes` repeats a class
 * @throws {InvalidValueError} when a label is not one of `options.classes`
 * @example
 * ```ts
 * import { classificationScores } from 'muwclass/eval';
 * classificationScores(['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B']);
 * // => { n: 4, accuracy: 0.75, balancedAccuracy: 0.75, precision: 0.8333…, recall: 0.75, f1: 0.7333…, mcc: 0.5773… }
 * ```
 */
export function classificationScores(yTrue: readonly string[], yPred: readonly string[], options: ConfusionMatrixOptions = {}): ClassificationScores {
  return scoresFromConfusion(confusionMatrix(yTrue, yPred, options));
}
