/**
 * Split criteria of a classification tree (paper Section 3.7; scikit-learn's `tree/_criterion`): the impurity
 * of a node from its class counts, and the impurity decrease of a split.
 *
 * - Gini impurity: G = 1 − Σ_c p_c²,
 * - entropy (information gain): H = −Σ_c p_c log₂ p_c,
 *
 * where p_c = w_c / W is the weighted fraction of class c among the node's samples (a bootstrap sample
 * weights each training sample by its multiplicity). A split of a node of weight W into children of weights
 * W_L and W_R decreases the impurity by W·I − W_L·I_L − W_R·I_R; the tree builder keeps the split with the
 * largest decrease. Both impurities are dimensionless and 0 for a pure node.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';

/** The impurity measure: `'gini'` (the paper's choice, the default) or `'entropy'`. */
export type Criterion = 'gini' | 'entropy';

/** The criteria, for validation. */
export const CRITERIA: readonly Criterion[] = ['gini', 'entropy'];

/**
 * Gini impurity G = 1 − Σ_c (w_c / W)² of a node with class weights `counts` (W = Σ_c w_c). Runs in O(c).
 *
 * @param counts - weighted class counts of the node (non-negative)
 * @returns the impurity in [0, 1 − 1/c]; 0 for a pure or empty node
 * @example
 * ```ts
 * gini([5, 5]); // => 0.5
 * gini([4, 0]); // => 0
 * ```
 */
export function gini(counts: ArrayLike<number>): number {
  let total = 0;
  let sq = 0;
  for (let c = 0; c < counts.length; c++) {
    const w = counts[c]!;
    total += w;
    sq += w * w;
  }
  return total === 0 ? 0 : 1 - sq / (total * total);
}

/**
 * Entropy H = −Σ_c p_c log₂ p_c (bits) of a node with class weights `counts`. Runs in O(c).
 *
 * @param counts - weighted class counts of the node (non-negative)
 * @returns the entropy in [0, log₂ c]; 0 for a pure or empty node
 * @example
 * ```ts
 * entropy([5, 5]); // => 1
 * entropy([1, 1, 1, 1]); // => 2
 * ```
 */
export function entropy(counts: ArrayLike<number>): number {
  let total = 0;
  for (let c = 0; c < counts.length; c++) total += counts[c]!;
  if (total === 0) return 0;
  let h = 0;
  for (let c = 0; c < counts.length; c++) {
    const w = counts[c]!;
    if (w > 0) {
      const p = w / total;
      h -= p * Math.log2(p);
    }
  }
  return h;
}

/**
 * The impurity of a node under `criterion`.
 *
 * @param counts - weighted class counts of the node
 * @param criterion - `'gini'` or `'entropy'`
 * @throws {InvalidArgumentError} for an unknown criterion
 * @example
 * ```ts
 * impurity([3, 1], 'gini'); // => 0.375
 * ```
 */
export function impurity(counts: ArrayLike<number>, criterion: Criterion): number {
  if (criterion === 'gini') return gini(counts);
  if (criterion === 'entropy') return entropy(counts);
  throw new InvalidArgumentError(`impurity: unknown criterion ${JSON.stringify(criterion)} (expected one of ${CRITERIA.join(', ')})`);
}

/**
 * The weighted impurity decrease of splitting a node into a left and a right child:
 * W·I(parent) − W_L·I(left) − W_R·I(right), with the parent's counts the sum of the children's
 * (scikit-learn's unnormalised `impurity_improvement`; divided by the root weight it is the node's
 * contribution to the mean decrease in impurity). Runs in O(c).
 *
 * @param left - weighted class counts of the left child
 * @param right - weighted class counts of the right child
 * @param criterion - `'gini'` (default) or `'entropy'`
 * @throws {InvalidArgumentError} when the count arrays differ in length
 * @example
 * ```ts
 * // parent [2, 2] (G = 0.5, W = 4) split into pure children: 4 · 0.5 − 0 − 0
 * impurityDecrease([2, 0], [0, 2]); // => 2
 * ```
 */
export function impurityDecrease(left: ArrayLike<number>, right: ArrayLike<number>, criterion: Criterion = 'gini'): number {
  if (left.length !== right.length) {
    throw new InvalidArgumentError(`impurityDecrease: left has ${left.length} classes but right has ${right.length}`);
  }
  const parent = new Float64Array(left.length);
  let wL = 0;
  let wR = 0;
  for (let c = 0; c < left.length; c++) {
    parent[c] = left[c]! + right[c]!;
    wL += left[c]!;
    wR += right[c]!;
  }
  return (wL + wR) * impurity(parent, criterion) - wL * impurity(left, criterion) - wR * impurity(right, criterion);
}
