/**
 * The inverse-variance weighted mean of fluxes measured in several observations (paper eq. 3a, 3b).
 *
 * @module
 */
import { InvalidArgumentError, ShapeMismatchError } from '../core/errors';
import type { FluxMoments } from './fechner';

/** What {@link inverseVarianceWeightedMean} returns: the mean, its 1-sigma error, and how many values entered. */
export interface WeightedMean extends FluxMoments {
  /** Number of (value, sigma) pairs used (pairs with a missing value are skipped). */
  readonly n: number;
}

/**
 * The inverse-variance weighted mean and its error (eq. 3a, 3b):
 *
 *   F̄ = Σ (Fᵢ/σᵢ²) / Σ (1/σᵢ²),   σ_F̄ = sqrt(1 / Σ (1/σᵢ²)).
 *
 * One pair returns its own value and sigma (whatever the sigma, zero included). Pairs whose value or sigma is
 * `NaN` (missing) are skipped and not counted in `n`; with no pair left the mean and sigma are `NaN`.
 * Runs in O(n).
 *
 * @param values - the values Fᵢ (e.g. per-observation Fechner mean fluxes)
 * @param sigmas - their 1-sigma errors σᵢ
 * @returns the weighted mean, its sigma and the number of pairs used
 * @throws {ShapeMismatchError} when `values` and `sigmas` differ in length
 * @throws {InvalidArgumentError} when, with two or more pairs, a sigma is not positive and finite (a zero
 *   sigma would take all the weight; the message gives its index)
 * @example
 * ```ts
 * inverseVarianceWeightedMean([1, 2], [1, 1]);  // => { mean: 1.5, sigma: 0.7071067811865476, n: 2 }
 * inverseVarianceWeightedMean([1, 4], [1, 2]);  // => { mean: 1.6, sigma: 0.8944271909999159, n: 2 }
 * inverseVarianceWeightedMean([3], [0.5]);      // => { mean: 3, sigma: 0.5, n: 1 }
 * ```
 */
export function inverseVarianceWeightedMean(values: ArrayLike<number>, sigmas: ArrayLike<number>): WeightedMean {
  if (values.length !== sigmas.length) {
    throw new ShapeMismatchError(`inverseVarianceWeightedMean: ${values.length} values but ${sigmas.length} sigmas`);
  }
  let n = 0;
  let only = -1;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i]!) && !Number.isNaN(sigmas[i]!)) {
      n++;
      only = i;
    }
  }
  if (n === 0) return { mean: Number.NaN, sigma: Number.NaN, n: 0 };
  if (n === 1) return { mean: values[only]!, sigma: sigmas[only]!, n: 1 };
  let sumW = 0;
  let sumWX = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    const s = sigmas[i]!;
    if (Number.isNaN(x) || Number.isNaN(s)) continue;
    if (!(s > 0) || !Number.isFinite(s)) {
      throw new InvalidArgumentError(`inverseVarianceWeightedMean requires positive finite sigmas, got sigma[${i}] = ${s}`);
    }
    const w = 1 / (s * s);
    sumW += w;
    sumWX += w * x;
  }
  return { mean: sumWX / sumW, sigma: Math.sqrt(1 / sumW), n };
}
