/**
 * The Fechner (split-normal) distribution of a Chandra Source Catalog band flux (paper Section 2.2,
 * eq. 1–2).
 *
 * CSC gives each aperture flux as a mode with asymmetric 1-sigma limits. Following Possolo, Merkatas & Bodnar
 * (2019, Metrologia 56, 045009) the paper reads them as a split normal: a normal of width σ₁ = mode − lo
 * below the mode joined to a normal of width σ₂ = hi − mode above it, both halves scaled to meet at the
 * mode. Its moments (eq. 1a, 1b) are
 *
 *   μ = mode + sqrt(2/π) (σ₂ − σ₁),
 *   σ² = (1 − 2/π)(σ₂ − σ₁)² + σ₁σ₂,
 *
 * which is the brief's form mean = mode + sqrt(2/π)(hi + lo − 2 mode), var = (1 − 2/π)(hi + lo − 2 mode)² +
 * (hi − mode)(mode − lo), since σ₂ − σ₁ = hi + lo − 2 mode.
 *
 * Units: whatever the limits are in (CSC: erg s⁻¹ cm⁻²).
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { createRng, randomNormal, type Rng, type Seed } from '../core/random';
import type { FluxLimits } from '../io/csc-detections';

/** The first two moments of a flux: its mean and its 1-sigma (standard deviation). */
export interface FluxMoments {
  /** Mean flux. */
  readonly mean: number;
  /** Standard deviation (1-sigma error) of the flux. */
  readonly sigma: number;
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const ONE_MINUS_2_OVER_PI = 1 - 2 / Math.PI;

/**
 * Why `mode`, `lo`, `hi` are not valid split-normal limits, or `undefined` when they are: each must be a
 * finite number, the limits non-negative, and lo ≤ mode ≤ hi. The message names the offending quantity.
 * Runs in O(1).
 *
 * @param mode - the mode
 * @param lo - the 1-sigma lower limit
 * @param hi - the 1-sigma upper limit
 * @returns a description of the first problem found, or `undefined`
 * @example
 * ```ts
 * fluxLimitsProblem(2e-15, 1e-15, 4e-15); // => undefined
 * fluxLimitsProblem(1e-15, 2e-15, 4e-15); // => 'lower limit 2e-15 is above the mode 1e-15'
 * fluxLimitsProblem(NaN, 1e-15, 4e-15);   // => 'mode is missing (NaN)'
 * ```
 */
export function fluxLimitsProblem(mode: number, lo: number, hi: number): string | undefined {
  for (const [what, x] of [
    ['mode', mode],
    ['lower limit', lo],
    ['upper limit', hi],
  ] as const) {
    if (typeof x !== 'number' || Number.isNaN(x)) return `${what} is missing (NaN)`;
    if (!Number.isFinite(x)) return `${what} is not finite (${x})`;
  }
  if (lo < 0) return `lower limit ${lo} is negative`;
  if (hi < 0) return `upper limit ${hi} is negative`;
  if (lo > mode) return `lower limit ${lo} is above the mode ${mode}`;
  if (hi < mode) return `upper limit ${hi} is below the mode ${mode}`;
  return undefined;
}

/**
 * The split-normal (Fechner) distribution of a band flux from its mode and 1-sigma limits (eq. 1a, 1b).
 * An immutable value: the moments are computed once, in O(1), by the constructor.
 *
 * @example
 * ```ts
 * import { FechnerFlux } from 'muwclass/xray';
 * const f = new FechnerFlux(6.638e-16, 2.697e-16, 1.058e-15); // mode, lo, hi (erg/s/cm²)
 * f.mean;  // => 6.638797884560804e-16
 * f.sigma; // => 3.941500014382878e-16
 * new FechnerFlux(1, 0.5, 1.5).sigma; // => 0.5 (symmetric limits give a normal)
 * ```
 */
export class FechnerFlux implements FluxMoments, FluxLimits {
  /**
   * The upper limit of the null-flux replacement (erg s⁻¹ cm⁻²): a band without any detection is given
   * mode 0, lower limit 0 and this upper limit (paper Section 2.2).
   */
  static readonly NULL_UPPER_LIMIT = 1e-17;

  /** The mode. */
  readonly mode: number;
  /** The 1-sigma lower limit. */
  readonly lo: number;
  /** The 1-sigma upper limit. */
  readonly hi: number;
  /** Mean, eq. 1a: mode + sqrt(2/π)(σ₂ − σ₁). */
  readonly mean: number;
  /** Variance, eq. 1b: (1 − 2/π)(σ₂ − σ₁)² + σ₁σ₂. */
  readonly variance: number;
  /** Standard deviation, sqrt of {@link FechnerFlux.variance}. */
  readonly sigma: number;

  /**
   * @param mode - the mode (most probable flux)
   * @param lo - the 1-sigma lower limit (σ₁ = mode − lo)
   * @param hi - the 1-sigma upper limit (σ₂ = hi − mode)
   * @throws {InvalidArgumentError} when any is NaN or infinite, a limit is negative, lo > mode or hi < mode;
   *   the message names which
   */
  constructor(mode: number, lo: number, hi: number) {
    const problem = fluxLimitsProblem(mode, lo, hi);
    if (problem !== undefined) throw new InvalidArgumentError(`FechnerFlux: ${problem}`);
    this.mode = mode;
    this.lo = lo;
    this.hi = hi;
    const below = mode - lo;
    const above = hi - mode;
    const skew = above - below;
    this.mean = mode + SQRT_2_OVER_PI * skew;
    this.variance = ONE_MINUS_2_OVER_PI * skew * skew + above * below;
    this.sigma = Math.sqrt(this.variance);
  }

  /**
   * The Fechner flux of a {@link FluxLimits} record, e.g. one band of a CSC detection.
   *
   * @throws {InvalidArgumentError} as the constructor
   * @example
   * ```ts
   * FechnerFlux.from({ mode: 2, lo: 1, hi: 4 }).mean; // => 2.7978845608028653 (= 2 + sqrt(2/π))
   * ```
   */
  static from(limits: FluxLimits): FechnerFlux {
    return new FechnerFlux(limits.mode, limits.lo, limits.hi);
  }

  /**
   * The null-flux replacement for a band with no detection: mode 0, lower limit 0, upper limit 1e-17, so
   * mean = sqrt(2/π)·1e-17 and sigma = sqrt(1 − 2/π)·1e-17 (erg s⁻¹ cm⁻²).
   *
   * @example
   * ```ts
   * FechnerFlux.nullFlux().mean;  // => 7.978845608028655e-18
   * FechnerFlux.nullFlux().sigma; // => 6.02810274989087e-18
   * ```
   */
  static nullFlux(): FechnerFlux {
    return new FechnerFlux(0, 0, FechnerFlux.NULL_UPPER_LIMIT);
  }

  /**
   * One draw from the split normal: with probability σ₁/(σ₁ + σ₂) the lower half, mode − σ₁|z|, else the
   * upper half, mode + σ₂|z|, for a standard normal z. Consumes uniforms from `rng`. Runs in O(1).
   *
   * @param rng - a seeded generator from `createRng`
   * @returns one flux
   * @example
   * ```ts
   * import { createRng } from 'muwclass/core';
   * const rng = createRng(7);
   * new FechnerFlux(2, 1, 4).draw(rng); // => 0.6289472278991364 (one flux, the same every run)
   * ```
   */
  draw(rng: Rng): number {
    const below = this.mode - this.lo;
    const above = this.hi - this.mode;
    const width = below + above;
    if (width === 0) return this.mode;
    const z = Math.abs(randomNormal(rng));
    return rng() * width < below ? this.mode - below * z : this.mode + above * z;
  }

  /**
   * `size` independent draws (see {@link FechnerFlux.draw}). Runs in O(size).
   *
   * @param size - number of draws (a non-negative integer)
   * @param random - a seed, or a generator from `createRng` to continue its stream
   * @returns the draws
   * @throws {InvalidArgumentError} when `size` is not a non-negative integer
   * @example
   * ```ts
   * const x = new FechnerFlux(2, 1, 4).sample(100_000, 42);
   * x.length;                              // => 100000
   * x.reduce((s, v) => s + v) / x.length; // => 2.800 (close to the mean 2 + sqrt(2/π) = 2.798)
   * ```
   */
  sample(size: number, random: Seed | Rng): Float64Array {
    if (!Number.isInteger(size) || size < 0) {
      throw new InvalidArgumentError(`FechnerFlux.sample: size must be a non-negative integer, got ${size}`);
    }
    const rng = typeof random === 'function' ? random : createRng(random);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = this.draw(rng);
    return out;
  }
}

/**
 * The broad-band flux as the sum of the soft, medium and hard band fluxes (eq. 2a, 2b):
 *
 *   F_b = F_s + F_m + F_h,   σ_b = sqrt(σ_s² + σ_m² + σ_h²),
 *
 * treating the bands as independent. Takes any number of bands. Runs in O(bands). A `NaN` in any band gives
 * `NaN` (a missing band must be null-replaced first, see {@link FechnerFlux.nullFlux}).
 *
 * @param bands - the band moments (usually s, m, h)
 * @returns the summed mean and quadrature sigma
 * @throws {InvalidArgumentError} when no band is given
 * @example
 * ```ts
 * broadbandFlux({ mean: 1, sigma: 0.3 }, { mean: 2, sigma: 0.4 }, { mean: 3, sigma: 1.2 });
 * // => { mean: 6, sigma: 1.3 }
 * ```
 */
export function broadbandFlux(...bands: readonly FluxMoments[]): FluxMoments {
  if (bands.length === 0) throw new InvalidArgumentError('broadbandFlux requires at least one band');
  let mean = 0;
  let variance = 0;
  for (const b of bands) {
    mean += b.mean;
    variance += b.sigma * b.sigma;
  }
  return { mean, sigma: Math.sqrt(variance) };
}
