/**
 * Accuracy and balanced accuracy (paper Appendix A).
 *
 * @module
 */
import type { ConfusionMatrix } from './confusion-matrix';

/**
 * Accuracy: the fraction of samples classified correctly, Σ_k TP_k / N (paper Appendix A). `NaN` when the
 * matrix holds no samples. Runs in O(K²).
 *
 * @param cm - a confusion matrix from {@link confusionMatrix}
 * @returns the accuracy in [0, 1]
 * @example
 * ```ts
 * import { accuracy, confusionMatrix } from 'muwclass/eval';
 * accuracy(confusionMatrix(['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B'])); // => 0.75
 * ```
 */
export function accuracy(cm: ConfusionMatrix): number {
  let correct = 0;
  let total = 0;
  cm.counts.forEach((row, i) => {
    for (const count of row) total += count;
    correct += row[i]!;
  });
  return total === 0 ? Number.NaN : correct / total;
}

/**
 * Balanced accuracy: the mean over classes of the recall TP_k / (TP_k + FN_k) (paper Appendix A), which
 * weighs every class equally whatever its size. As scikit-learn's `balanced_accuracy_score`, the mean runs
 * over the classes that occur among the true labels only (a class that is predicted but never true has no
 * recall). `NaN` when the matrix holds no samples. Runs in O(K²).
 *
 * @param cm - a confusion matrix from {@link confusionMatrix}
 * @returns the balanced accuracy in [0, 1]
 * @example
 * ```ts
 * import { balancedAccuracy, confusionMatrix } from 'muwclass/eval';
 * // recall(A) = 1/2, recall(B) = 2/2
 * balancedAccuracy(confusionMatrix(['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B'])); // => 0.75
 * balancedAccuracy(confusionMatrix(['A', 'A', 'A', 'B'], ['A', 'A', 'A', 'A'])); // => 0.5 (accuracy 0.75)
 * ```
 */
export function balancedAccuracy(cm: ConfusionMatrix): number {
  let sum = 0;
  let present = 0;
  cm.counts.forEach((row, i) => {
    let support = 0;
    for (const count of row) support += count;
    if (support > 0) {
      sum += row[i]! / support;
      present += 1;
    }
  });
  return present === 0 ? Number.NaN : sum / present;
}
