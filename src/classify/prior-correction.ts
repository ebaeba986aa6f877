/**
 * Prior correction of the class probabilities. A classifier trained on a set where class c has the fraction
 * π_c learns posteriors P(c | x) ∝ p(x | c) π_c: rare classes are called only where they dominate. Dividing by
 * π_c^α and renormalising,
 *   P′(c | x) = P(c | x) π_c^−α / Σ_k P(k | x) π_k^−α,
 * moves the decision towards equal priors: α = 0 leaves the probabilities as they are, α = 1 is the Bayes rule
 * for equal priors (which maximises balanced accuracy for calibrated posteriors), values between trade overall
 * accuracy for the recall of rare classes (Saerens et al. 2002, Neural Computation 14, 21, for the
 * re-weighting of posteriors to new priors). Applied to each Monte Carlo draw before the mean, so CT (eq. 7)
 * sees the corrected probabilities.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';

/**
 * The weights π_c^−α of the prior correction, one per class in `classes` order, scaled so that the largest is 1
 * (the scale cancels in the renormalisation). O(labels).
 *
 * @param labels - the training set's labels
 * @param classes - the output classes (each should occur in `labels`)
 * @param alpha - the exponent α ≥ 0 (0: no correction)
 * @returns the weights
 * @throws {InvalidArgumentError} for a negative or non-finite α, or a class absent from the labels while α > 0
 * @example
 * ```ts
 * import { priorCorrectionWeights } from 'muwclass/classify';
 * priorCorrectionWeights(['A', 'A', 'A', 'B'], ['A', 'B'], 1);   // => Float64Array [0.3333…, 1]
 * priorCorrectionWeights(['A', 'A', 'A', 'B'], ['A', 'B'], 0.5); // => Float64Array [0.57735, 1]
 * ```
 */
export function priorCorrectionWeights(labels: readonly string[], classes: readonly string[], alpha: number): Float64Array {
  if (!(Number.isFinite(alpha) && alpha >= 0)) throw new InvalidArgumentError(`priorCorrectionWeights: alpha must be a finite number >= 0, got ${alpha}`);
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const w = Float64Array.from(classes, (c) => {
    const n = counts.get(c) ?? 0;
    if (n === 0 && alpha > 0) throw new InvalidArgumentError(`priorCorrectionWeights: class "${c}" is not among the labels`);
    return alpha === 0 ? 1 : (n / labels.length) ** -alpha;
  });
  const max = Math.max(...w);
  return w.map((x) => x / max);
}
