/**
 * Running mean and sum of squared deviations (M2) of many values kept side by side in typed arrays: Welford's
 * (1962) update for one more value, and Chan, Golub & LeVeque's (1979) pairwise merge of two summaries. The
 * Monte Carlo engine adds each draw with the first; the accumulator merges the units' summaries with the
 * second, which for a one-draw unit is the first, so both do the same arithmetic.
 *
 * @module
 */

/**
 * Adds value `x` at index `q`: `n` is the count including `x`. O(1).
 */
export function addValue(mean: Float64Array, m2: Float64Array, q: number, x: number, n: number): void {
  const delta = x - mean[q]!;
  mean[q]! += delta / n;
  m2[q]! += delta * (x - mean[q]!);
}

/**
 * Merges a summary of `nb` values (mean `mb`, M2 `m2b`) into the `na` values summarised at index `q`. One value
 * is added with {@link addValue}, so merging one-value summaries equals adding the values in turn. O(1).
 */
export function mergeMoments(mean: Float64Array, m2: Float64Array, q: number, na: number, mb: number, m2b: number, nb: number): void {
  if (nb === 1) {
    addValue(mean, m2, q, mb, na + 1);
  } else if (na === 0) {
    mean[q] = mb;
    m2[q] = m2b;
  } else {
    const n = na + nb;
    const delta = mb - mean[q]!;
    mean[q]! += (delta * nb) / n;
    m2[q]! += m2b + (delta * delta * na * nb) / n;
  }
}
