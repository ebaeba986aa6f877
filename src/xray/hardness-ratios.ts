/**
 * X-ray hardness ratios (paper Table 2):
 *
 *   HR_ms = (F_m − F_s) / (F_m + F_s),  HR_hm = (F_h − F_m) / (F_h + F_m),
 *   HR_h(ms) = (F_h − F_m − F_s) / (F_h + F_m + F_s),
 *
 * from the soft (0.5–1.2 keV), medium (1.2–2 keV) and hard (2–7 keV) energy fluxes, with optional
 * first-order (linear) error propagation for independent band errors.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';

/** The three hardness ratios of the paper's Table 2 (`HR_hms` is the paper's HR_h(ms)). */
export interface HardnessRatioValues {
  /** HR_ms = (F_m − F_s) / (F_m + F_s) */
  readonly HR_ms: number;
  /** HR_hm = (F_h − F_m) / (F_h + F_m) */
  readonly HR_hm: number;
  /** HR_h(ms) = (F_h − F_m − F_s) / (F_h + F_m + F_s) */
  readonly HR_hms: number;
}

/** Hardness ratios with their 1-sigma errors from linear error propagation. */
export interface HardnessRatioValuesWithErrors extends HardnessRatioValues {
  /** 1σ error of HR_ms; `NaN` when a flux or band error it uses is missing, or F_m + F_s = 0. */
  readonly e_HR_ms: number;
  /** 1σ error of HR_hm; `NaN` when a flux or band error it uses is missing, or F_h + F_m = 0. */
  readonly e_HR_hm: number;
  /** 1σ error of HR_h(ms); `NaN` when a flux or band error is missing, or the total flux is 0. */
  readonly e_HR_hms: number;
}

/** Band fluxes (erg s⁻¹ cm⁻²), with optional 1-sigma errors. */
export interface BandFluxes {
  /** Soft-band (0.5–1.2 keV) energy flux F_s, erg s⁻¹ cm⁻²; ≥ 0, or `NaN` when missing. */
  readonly Fs: number;
  /** Medium-band (1.2–2 keV) energy flux F_m, erg s⁻¹ cm⁻²; ≥ 0, or `NaN` when missing. */
  readonly Fm: number;
  /** Hard-band (2–7 keV) energy flux F_h, erg s⁻¹ cm⁻²; ≥ 0, or `NaN` when missing. */
  readonly Fh: number;
  /** 1σ error of F_s, erg s⁻¹ cm⁻² (absent or `NaN`: unknown; only `withErrors` reads it). */
  readonly e_Fs?: number;
  /** 1σ error of F_m, erg s⁻¹ cm⁻² (absent or `NaN`: unknown). */
  readonly e_Fm?: number;
  /** 1σ error of F_h, erg s⁻¹ cm⁻² (absent or `NaN`: unknown). */
  readonly e_Fh?: number;
}

/** Throws unless `x` is a flux or error: finite and ≥ 0, or `NaN` (missing). */
function checkNonNegative(caller: string, name: string, x: number): void {
  if (x >= 0 ? x === Number.POSITIVE_INFINITY : !Number.isNaN(x)) {
    throw new InvalidArgumentError(`HardnessRatios.${caller}: ${name} must be finite and non-negative (NaN when missing), got ${x}`);
  }
}

/** (a − b) / (a + b); NaN when either is missing or the sum is 0. */
function ratio(a: number, b: number): number {
  const sum = a + b;
  return sum === 0 ? Number.NaN : (a - b) / sum;
}

/** σ of (a − b)/(a + b): sqrt((2b σa)² + (2a σb)²) / (a + b)². */
function ratioError(a: number, b: number, ea: number, eb: number): number {
  const sum = a + b;
  if (sum === 0) return Number.NaN;
  return Math.hypot(2 * b * ea, 2 * a * eb) / (sum * sum);
}

/**
 * Hardness ratios of the paper's Table 2. Fluxes and errors are energy fluxes (erg s⁻¹ cm⁻²), finite and ≥ 0,
 * so every ratio lies in [−1, 1]. A missing flux (`NaN`) gives `NaN` for every ratio that uses it; a zero
 * denominator gives `NaN`. Runs in O(1).
 *
 * With `errors: true` the band errors `e_Fs`, `e_Fm`, `e_Fh` are propagated to first order, treating the
 * bands as independent: for HR = (a − b)/(a + b), σ_HR = sqrt((2b σ_a)² + (2a σ_b)²)/(a + b)²; for HR_h(ms)
 * with T = F_h + F_m + F_s, σ = sqrt((2(F_m + F_s) σ_h)² + (2F_h σ_m)² + (2F_h σ_s)²)/T².
 *
 * @example
 * ```ts
 * import { HardnessRatios } from 'muwclass';
 * HardnessRatios.compute({ Fs: 1e-14, Fm: 2e-14, Fh: 1e-14 });
 * // => { HR_ms: 0.333…, HR_hm: -0.333…, HR_hms: -0.5000 }
 * HardnessRatios.withErrors({ Fs: 1e-14, Fm: 2e-14, Fh: 1e-14, e_Fs: 1e-15, e_Fm: 1e-15, e_Fh: 1e-15 }).e_HR_ms;
 * // => 0.04969…
 * HardnessRatios.compute({ Fs: -1e-14, Fm: 2e-14, Fh: 1e-14 });
 * // throws InvalidArgumentError: HardnessRatios.compute: Fs must be finite and non-negative (NaN when missing), got -1e-14
 * ```
 *
 * @throws {InvalidArgumentError} (from `compute` and `withErrors`) for a negative or infinite flux or band
 *   error, naming it
 */
export const HardnessRatios = {
  /** The three ratios from `Fs`, `Fm`, `Fh` (each finite and ≥ 0, or `NaN` when missing). */
  compute({ Fs, Fm, Fh }: BandFluxes): HardnessRatioValues {
    checkNonNegative('compute', 'Fs', Fs);
    checkNonNegative('compute', 'Fm', Fm);
    checkNonNegative('compute', 'Fh', Fh);
    return { HR_ms: ratio(Fm, Fs), HR_hm: ratio(Fh, Fm), HR_hms: ratio(Fh, Fm + Fs) };
  },

  /** The three ratios and their propagated 1-sigma errors (a missing band error gives a `NaN` error). */
  withErrors(fluxes: BandFluxes): HardnessRatioValuesWithErrors {
    const { Fs, Fm, Fh } = fluxes;
    const es = fluxes.e_Fs ?? Number.NaN;
    const em = fluxes.e_Fm ?? Number.NaN;
    const eh = fluxes.e_Fh ?? Number.NaN;
    checkNonNegative('withErrors', 'e_Fs', es);
    checkNonNegative('withErrors', 'e_Fm', em);
    checkNonNegative('withErrors', 'e_Fh', eh);
    const total = Fh + Fm + Fs;
    return {
      ...HardnessRatios.compute(fluxes),
      e_HR_ms: ratioError(Fm, Fs, em, es),
      e_HR_hm: ratioError(Fh, Fm, eh, em),
      e_HR_hms: total === 0 ? Number.NaN : Math.hypot(2 * (Fm + Fs) * eh, 2 * Fh * em, 2 * Fh * es) / (total * total),
    };
  },
} as const;
