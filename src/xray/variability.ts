/**
 * X-ray variability features (paper Section 2.2): the inter-observation variability probability from the
 * χ² of a constant fit to the per-observation fluxes (eq. 4a, 4b), and the intra-observation variability
 * probability, the largest Kuiper-test probability over the observations.
 *
 * @module
 */
import { ShapeMismatchError } from '../core/errors';
import { chiSquareCdf } from './chi-square';
import { inverseVarianceWeightedMean } from './weighted-mean';

/** The constant-flux fit of {@link interObservationVariability}. */
export interface InterObservationVariability {
  /** Inverse-variance weighted mean flux μ (eq. 3a). */
  readonly mean: number;
  /** χ² = Σ (Fᵢ − μ)²/σᵢ² (eq. 4a); `NaN` with fewer than two observations. */
  readonly chisqr: number;
  /** Degrees of freedom, n − 1 (−1 with no observation). */
  readonly dof: number;
  /** P_inter = χ² CDF(χ², dof) (eq. 4b); `NaN` with fewer than two observations. */
  readonly P_inter: number;
}

/**
 * The inter-observation variability of a source from its per-observation fluxes Fᵢ ± σᵢ (eq. 4):
 *
 *   χ² = Σᵢ (Fᵢ − μ)²/σᵢ²,   P_inter = P(dof/2, χ²/2),   dof = n − 1,
 *
 * where μ is the inverse-variance weighted mean (eq. 3a) and P the regularized lower incomplete gamma
 * function, i.e. the chi-square CDF: the probability that a constant source gives a smaller χ². P_inter
 * near 1 means variable. Needs n ≥ 2 (else χ² and P_inter are `NaN`). Pairs with a missing value are skipped.
 * Runs in O(n).
 *
 * @param fluxes - per-observation fluxes Fᵢ (in the paper: broad = s + m + h per observation)
 * @param sigmas - their 1-sigma errors σᵢ
 * @returns μ, χ², dof and P_inter
 * @throws {ShapeMismatchError} when the lengths differ
 * @throws {InvalidArgumentError} when, with two or more observations, a sigma is not positive and finite
 * @example
 * ```ts
 * interObservationVariability([1, 3], [1, 1]);
 * // => { mean: 2, chisqr: 2, dof: 1, P_inter: 0.8427007929497147 } (P_inter = erf(1))
 * ```
 */
export function interObservationVariability(fluxes: ArrayLike<number>, sigmas: ArrayLike<number>): InterObservationVariability {
  if (fluxes.length !== sigmas.length) {
    throw new ShapeMismatchError(`interObservationVariability: ${fluxes.length} fluxes but ${sigmas.length} sigmas`);
  }
  const { mean, n } = inverseVarianceWeightedMean(fluxes, sigmas);
  const dof = n - 1;
  if (n < 2) return { mean, chisqr: Number.NaN, dof, P_inter: Number.NaN };
  let chisqr = 0;
  for (let i = 0; i < fluxes.length; i++) {
    const x = fluxes[i]!;
    const s = sigmas[i]!;
    if (Number.isNaN(x) || Number.isNaN(s)) continue;
    const r = (x - mean) / s;
    chisqr += r * r;
  }
  return { mean, chisqr, dof, P_inter: chiSquareCdf(chisqr, dof) };
}

/**
 * The intra-observation variability probability P_intra: the largest Kuiper-test probability
 * (`kp_prob_b`) over the observations. Missing values (`NaN`) are skipped; `NaN` when none is left.
 * Runs in O(n).
 *
 * @param kuiperProbabilities - per-observation Kuiper variability probabilities
 * @returns the maximum, or `NaN`
 * @example
 * ```ts
 * intraObservationVariability([0.2, NaN, 0.93]); // => 0.93
 * intraObservationVariability([]);               // => NaN
 * ```
 */
export function intraObservationVariability(kuiperProbabilities: ArrayLike<number>): number {
  let max = Number.NaN;
  for (let i = 0; i < kuiperProbabilities.length; i++) {
    const p = kuiperProbabilities[i]!;
    if (!Number.isNaN(p) && !(p <= max)) max = p;
  }
  return max;
}
