/**
 * The confusion matrix (paper Appendix A, Figures of Section 4) and its recall- and precision-normalised forms.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { assertSameLength, classIndex, encodeLabels, uniqueSorted } from './labels';

/** Counts of true class × predicted class. */
export interface ConfusionMatrix {
  /** The class labels, in the order of the rows and of the columns. */
  readonly classes: readonly string[];
  /** `counts[i][j]`: the number of samples of true class `classes[i]` predicted as `classes[j]` (scikit-learn's layout). */
  readonly counts: readonly (readonly number[])[];
}

/** How a confusion matrix is normalised: by true class (rows; the diagonal is the recall) or by predicted class (columns; the diagonal is the precision). */
export type ConfusionNormalization = 'recall' | 'precision';

/** A confusion matrix divided by its row sums (`recall`) or column sums (`precision`). */
export interface NormalizedConfusionMatrix {
  /** The class labels, in the order of the rows and of the columns. */
  readonly classes: readonly string[];
  /** `values[i][j]`: fraction of true class i predicted as j (`recall`), or of predictions j whose true class is i (`precision`). */
  readonly values: readonly (readonly number[])[];
  /** Which sums the counts were divided by. */
  readonly normalization: ConfusionNormalization;
}

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /**
   * The classes, in the order wanted for rows and columns; may include classes absent from both label arrays
   * (their rows and columns are 0). Default: the sorted distinct labels of `yTrue` and `yPred` together
   * (scikit-learn's default).
   */
  readonly classes?: readonly string[];
}

/**
 * The confusion matrix C of a classification: C[i][j] is the number of samples whose true class is i and whose
 * predicted class is j (rows: true class, columns: predicted class, as in scikit-learn's `confusion_matrix`).
 * TP_k = C[k][k], FN_k = row sum − TP_k, FP_k = column sum − TP_k (paper Appendix A). No label is dropped:
 * a label outside `options.classes` is an error. Runs in O(n + K²).
 *
 * @param yTrue - true class of each sample
 * @param yPred - predicted class of each sample
 * @param options - the class order (default: sorted union of the labels)
 * @returns the classes and the K × K counts
 * @throws {ShapeMismatchError} when `yTrue` and `yPred` differ in length
 * @throws {InvalidArgumentError} when `options.classes` repeats a class
 * @throws {InvalidValueError} when a label is not one of `options.classes` (naming the input and row)
 * @example
 * ```ts
 * import { confusionMatrix } from 'muwclass/eval';
 * confusionMatrix(['AGN', 'AGN', 'YSO'], ['AGN', 'YSO', 'YSO']);
 * // => { classes: ['AGN', 'YSO'], counts: [[1, 1], [0, 1]] }
 * ```
 */
export function confusionMatrix(yTrue: readonly string[], yPred: readonly string[], options: ConfusionMatrixOptions = {}): ConfusionMatrix {
  assertSameLength('confusionMatrix', 'yTrue', yTrue, 'yPred', yPred);
  const classes = options.classes === undefined ? uniqueSorted(yTrue, yPred) : [...options.classes];
  const index = classIndex('confusionMatrix', classes);
  const t = encodeLabels('confusionMatrix', 'yTrue', yTrue, index);
  const p = encodeLabels('confusionMatrix', 'yPred', yPred, index);
  const k = classes.length;
  const flat = new Float64Array(k * k);
  for (let i = 0; i < t.length; i++) flat[t[i]! * k + p[i]!]! += 1;
  const counts: number[][] = [];
  for (let i = 0; i < k; i++) counts.push(Array.from(flat.subarray(i * k, (i + 1) * k)));
  return { classes, counts };
}

/**
 * Normalises a confusion matrix by true class (`recall`: each row divided by its sum, so the diagonal holds
 * the per-class recall, the paper's recall-normalised matrix) or by predicted class (`precision`: each column
 * divided by its sum, so the diagonal holds the per-class precision). A row (column) with no samples is
 * undefined and holds `NaN` — scikit-learn writes 0 there; we keep the missing value explicit.
 * Runs in O(K²).
 *
 * @param cm - a confusion matrix from {@link confusionMatrix}
 * @param normalization - `recall` (by rows) or `precision` (by columns)
 * @returns the fractions, with the same classes
 * @throws {InvalidArgumentError} when `normalization` is neither `recall` nor `precision`
 * @example
 * ```ts
 * import { confusionMatrix, normalizeConfusionMatrix } from 'muwclass/eval';
 * const cm = confusionMatrix(['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B']);
 * normalizeConfusionMatrix(cm, 'recall').values;    // => [[0.5, 0.5], [0, 1]]
 * normalizeConfusionMatrix(cm, 'precision').values; // => [[1, 0.333…], [0, 0.666…]]
 * ```
 */
export function normalizeConfusionMatrix(cm: ConfusionMatrix, normalization: ConfusionNormalization): NormalizedConfusionMatrix {
  const k = cm.classes.length;
  const sums = new Float64Array(k);
  if (normalization === 'recall') {
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) sums[i]! += cm.counts[i]![j]!;
  } else if (normalization === 'precision') {
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) sums[j]! += cm.counts[i]![j]!;
  } else {
    throw new InvalidArgumentError(`normalizeConfusionMatrix: normalization must be "recall" or "precision", got ${String(normalization)}`);
  }
  const byRow = normalization === 'recall';
  const values = cm.counts.map((row, i) =>
    row.map((count, j) => {
      const sum = sums[byRow ? i : j]!;
      return sum === 0 ? Number.NaN : count / sum;
    }),
  );
  return { classes: [...cm.classes], values, normalization };
}
