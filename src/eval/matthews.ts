/**
 * The multi-class Matthews correlation coefficient (paper Appendix A, eq. A5; Gorodkin 2004).
 *
 * @module
 */
import type { ConfusionMatrix } from './confusion-matrix';

/**
 * The multi-class Matthews correlation coefficient (paper eq. A5; Gorodkin 2004, Comput. Biol. Chem. 28, 367,
 * the R_K statistic; scikit-learn's `matthews_corrcoef`):
 *
 *   MCC = (c · s − Σ_k p_k t_k) / sqrt((s² − Σ_k p_k²)(s² − Σ_k t_k²)),
 *
 * with c = Σ_k C_kk the number of correct predictions, s the number of samples, p_k the number of times class
 * k was predicted (column sums) and t_k the number of times it truly occurs (row sums). It is 1 for a perfect
 * classification, 0 for one no better than chance, and lies in [−1, 1]. As scikit-learn, a zero
 * denominator (all samples truly in one class, or all predicted as one class) gives 0; a matrix with no
 * samples gives `NaN`. Runs in O(K²).
 *
 * @param cm - a confusion matrix from {@link confusionMatrix}
 * @returns MCC in [−1, 1]
 * @example
 * ```ts
 * import { confusionMatrix, matthewsCorrelation } from 'muwclass/eval';
 * // c = 3, s = 4, p = (1, 3), t = (2, 2): (12 − 8) / sqrt((16 − 10)(16 − 8)) = 0.5773…
 * matthewsCorrelation(confusionMatrix(['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B'])); // => 0.5773…
 * ```
 */
export function matthewsCorrelation(cm: ConfusionMatrix): number {
  const k = cm.classes.length;
  const p = new Float64Array(k);
  let c = 0;
  let s = 0;
  let sumPT = 0;
  let sumT2 = 0;
  for (let i = 0; i < k; i++) {
    const row = cm.counts[i]!;
    let t = 0;
    for (let j = 0; j < k; j++) {
      t += row[j]!;
      p[j]! += row[j]!;
    }
    c += row[i]!;
    s += t;
    sumT2 += t * t;
  }
  if (s === 0) return Number.NaN;
  let sumP2 = 0;
  for (let i = 0; i < k; i++) {
    let t = 0;
    for (const count of cm.counts[i]!) t += count;
    sumPT += p[i]! * t;
    sumP2 += p[i]! * p[i]!;
  }
  const denominator = (s * s - sumP2) * (s * s - sumT2);
  return denominator === 0 ? 0 : (c * s - sumPT) / Math.sqrt(denominator);
}
