/**
 * The chi-square cumulative distribution function, which turns the χ² of a constant fit into the paper's
 * inter-observation variability probability (eq. 4b).
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { regularizedLowerGamma } from './incomplete-gamma';

/**
 * The chi-square CDF with k degrees of freedom,
 *
 *   F(x; k) = P(k/2, x/2),
 *
 * the regularized lower incomplete gamma function ({@link regularizedLowerGamma}). Runs in O(1 + sqrt(k)).
 *
 * @param x - the chi-square value (x ≤ 0 gives 0, `Infinity` gives 1, `NaN` gives `NaN`)
 * @param dof - degrees of freedom k, a finite positive number (need not be an integer)
 * @returns the probability that a chi-square variate with k degrees of freedom is below x
 * @throws {InvalidArgumentError} when `dof` is not a finite positive number
 * @example
 * ```ts
 * chiSquareCdf(3.841458820694124, 1); // => 0.95 (the tabulated 95% point)
 * chiSquareCdf(2, 2);                 // => 0.6321205588285578 (1 − e^−1)
 * ```
 */
export function chiSquareCdf(x: number, dof: number): number {
  if (!(dof > 0) || !Number.isFinite(dof)) {
    throw new InvalidArgumentError(`chiSquareCdf requires finite positive degrees of freedom, got ${dof}`);
  }
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  return regularizedLowerGamma(dof / 2, x / 2);
}
