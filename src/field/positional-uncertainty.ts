/**
 * Positional uncertainties (paper Section 2.3, footnotes 8 and 13): every catalog's error brought to one
 * Gaussian sigma, and the combined matching radius.
 *
 * The model is the circular 2-D Gaussian: each coordinate offset is N(0, σ²), so the offset r = √(x² + y²)
 * follows the Rayleigh distribution and the probability of r ≤ kσ is
 *
 *   P(r ≤ kσ) = 1 − exp(−k²/2).
 *
 * Hence the conversions between the levels catalogs quote:
 * - "1σ" (per-coordinate standard deviation, e.g. Gaia `ra_error`, 2MASS `errMaj`, AllWISE `eeMaj`): radius σ,
 *   containing 39.35%;
 * - "2σ": radius 2σ, containing 1 − e⁻² = 86.47%;
 * - "95%" (CSC `err_ellipse_r0`): radius σ √(−2 ln 0.05) = 2.4477 σ.
 *
 * Error ellipses are replaced by their semi-major axis (footnote 13), a conservative circle.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';

/**
 * A confidence level of a circular error region: `'<k>sigma'` (a radius of k σ, e.g. `'1sigma'`, `'2sigma'`)
 * or `'<p>%'` (the radius containing p percent of a 2-D Gaussian, e.g. `'95%'`).
 */
export type ConfidenceLevel = `${number}sigma` | `${number}%`;

/** √(−2 ln 0.05) = √(2 ln 20): the 95% radius of a circular 2-D Gaussian, in units of σ. */
export const RADIUS_95_IN_SIGMA = Math.sqrt(2 * Math.log(20));

/**
 * The systematic positional error of CSC 2.0, 0.71″ at 95% confidence, which the catalog already adds in
 * quadrature into `err_ellipse_r0` (CSC 2.0 documentation, "Position errors"; paper footnote 8). Use
 * {@link withCscSystematic} only for a statistical-only 95% radius.
 */
export const CSC_SYSTEMATIC_95 = 0.71;

const LEVEL = /^(\d+(?:\.\d*)?|\.\d+)(sigma|%)$/;

/**
 * The radius of a confidence level in units of σ: k for `'<k>sigma'`, √(−2 ln(1 − p/100)) for `'<p>%'`.
 *
 * @param level - e.g. `'1sigma'`, `'2sigma'`, `'95%'`
 * @returns the radius / σ ratio
 * @throws {InvalidArgumentError} for a malformed level, k ≤ 0, or p outside (0, 100)
 * @example
 * ```ts
 * errorRadiusFactor('2sigma'); // => 2
 * errorRadiusFactor('95%');    // => 2.447746830680816
 * ```
 */
export function errorRadiusFactor(level: ConfidenceLevel): number {
  const m = LEVEL.exec(String(level).trim());
  const value = m === null ? Number.NaN : Number(m[1]);
  if (m === null || !(value > 0) || (m[2] === '%' && value >= 100)) {
    throw new InvalidArgumentError(`errorRadiusFactor: confidence level must be like '1sigma', '2sigma' or '95%', got ${JSON.stringify(level)}`);
  }
  return m[2] === 'sigma' ? value : Math.sqrt(-2 * Math.log1p(-value / 100));
}

/**
 * The probability that a 2-D Gaussian offset falls inside a confidence level's radius: 1 − exp(−k²/2).
 *
 * @example
 * ```ts
 * confidenceProbability('2sigma'); // => 0.8646647167633873
 * confidenceProbability('95%');    // => 0.95
 * ```
 */
export function confidenceProbability(level: ConfidenceLevel): number {
  const k = errorRadiusFactor(level);
  return -Math.expm1((-k * k) / 2);
}

/**
 * Converts an error radius between confidence levels: r_to = r_from · k_to / k_from.
 *
 * @param radius - the error radius at level `from` (any angular unit; the result is in the same unit)
 * @param from - its confidence level
 * @param to - the wanted level
 * @throws {InvalidArgumentError} for a negative or non-finite radius or a malformed level
 * @example
 * ```ts
 * convertErrorRadius(0.71, '95%', '1sigma'); // => 0.29006… (CSC's systematic as a 1σ)
 * convertErrorRadius(0.1, '1sigma', '2sigma'); // => 0.2
 * ```
 */
export function convertErrorRadius(radius: number, from: ConfidenceLevel, to: ConfidenceLevel): number {
  if (!(radius >= 0) || !Number.isFinite(radius)) {
    throw new InvalidArgumentError(`convertErrorRadius requires a non-negative finite radius, got ${radius}`);
  }
  return (radius * errorRadiusFactor(to)) / errorRadiusFactor(from);
}

/**
 * The 1σ positional error of a CSC source from `err_ellipse_r0`, the semi-major axis of its 95% error
 * ellipse (which already includes the 0.71″ systematic): σ = r0 / 2.4477.
 *
 * @param errEllipseR0 - `err_ellipse_r0`, arcsec
 * @returns σ, arcsec
 * @throws {InvalidArgumentError} for a negative or non-finite value
 * @example
 * ```ts
 * cscSigma(0.71); // => 0.29006…
 * ```
 */
export function cscSigma(errEllipseR0: number): number {
  if (!(errEllipseR0 >= 0) || !Number.isFinite(errEllipseR0)) {
    throw new InvalidArgumentError(`cscSigma requires a non-negative finite err_ellipse_r0, got ${errEllipseR0}`);
  }
  return errEllipseR0 / RADIUS_95_IN_SIGMA;
}

/**
 * Adds CSC's 0.71″ (95%) systematic in quadrature to a statistical-only 95% radius: √(r² + 0.71²). Not for
 * `err_ellipse_r0`, which includes it already.
 *
 * @throws {InvalidArgumentError} for a negative or non-finite radius
 * @example
 * ```ts
 * withCscSystematic(0); // => 0.71
 * ```
 */
export function withCscSystematic(statistical95: number): number {
  if (!(statistical95 >= 0) || !Number.isFinite(statistical95)) {
    throw new InvalidArgumentError(`withCscSystematic requires a non-negative finite radius, got ${statistical95}`);
  }
  return Math.hypot(statistical95, CSC_SYSTEMATIC_95);
}

/**
 * The semi-major axis of the 1σ error ellipse from per-coordinate errors σ_α* (= σ_α cos δ, as Gaia's
 * `ra_error`), σ_δ and their correlation ρ: the square root of the largest eigenvalue of the covariance
 * matrix, λ_max = (σ_α*² + σ_δ²)/2 + √[((σ_α*² − σ_δ²)/2)² + (ρ σ_α* σ_δ)²]. With ρ = 0 it is max(σ_α*, σ_δ).
 *
 * @param sigmaRa - σ_α* (any angular unit)
 * @param sigmaDec - σ_δ (same unit)
 * @param correlation - ρ in [−1, 1] (default 0; `NaN` counts as 0)
 * @throws {InvalidArgumentError} for a negative error or |ρ| > 1
 * @example
 * ```ts
 * ellipseSemiMajorSigma(3, 4);      // => 4
 * ellipseSemiMajorSigma(1, 1, 0.5); // => 1.2247… (= √1.5)
 * ```
 */
export function ellipseSemiMajorSigma(sigmaRa: number, sigmaDec: number, correlation = 0): number {
  if (!(sigmaRa >= 0) || !(sigmaDec >= 0)) {
    throw new InvalidArgumentError(`ellipseSemiMajorSigma requires non-negative errors, got (${sigmaRa}, ${sigmaDec})`);
  }
  const rho = Number.isNaN(correlation) ? 0 : correlation;
  if (Math.abs(rho) > 1) throw new InvalidArgumentError(`ellipseSemiMajorSigma requires |correlation| <= 1, got ${correlation}`);
  const a = sigmaRa * sigmaRa;
  const b = sigmaDec * sigmaDec;
  const c = rho * sigmaRa * sigmaDec;
  return Math.sqrt((a + b) / 2 + Math.hypot((a - b) / 2, c));
}

/**
 * The confidence level the paper calls "2σ" and matches at: the 95% radius. The authors take CSC's 95%
 * `err_ellipse_r0` itself as the X-ray "2σ" positional uncertainty (their pipeline searches within r0 for
 * "sigma = 2") and quote the catalogs' errors at the same level, so the paper's 2σ radius is
 * √(−2 ln 0.05) σ = 2.4477 σ, not the 86.5% radius 2σ of a 2-D Gaussian (`'2sigma'`).
 */
export const PAPER_MATCH_LEVEL: ConfidenceLevel = '95%';

/**
 * The combined matching radius of an X-ray source and a catalog source at a confidence level (paper
 * Section 2.3): with both positional uncertainties quoted at the same level, PU = √(PU_x² + PU_mw²), i.e.
 * k √(σ_x² + σ_mw²) for σ's, k = {@link errorRadiusFactor}(level). The paper matches at its "2σ", the 95%
 * radius ({@link PAPER_MATCH_LEVEL}).
 *
 * @param sigmaX - 1σ of the X-ray position, arcsec (e.g. {@link cscSigma} of `err_ellipse_r0`)
 * @param sigmaMw - 1σ of the catalog position, arcsec
 * @param level - confidence level of the radius (default {@link PAPER_MATCH_LEVEL}, `'95%'`)
 * @returns the radius, arcsec
 * @throws {InvalidArgumentError} for a negative or non-finite σ or a malformed level
 * @example
 * ```ts
 * combinedErrorRadius(cscSigma(0.71), 0.1); // => 0.7510… (= 2.4477 × √(0.29006² + 0.1²))
 * ```
 */
export function combinedErrorRadius(sigmaX: number, sigmaMw: number, level: ConfidenceLevel = PAPER_MATCH_LEVEL): number {
  if (!(sigmaX >= 0) || !(sigmaMw >= 0) || !Number.isFinite(sigmaX) || !Number.isFinite(sigmaMw)) {
    throw new InvalidArgumentError(`combinedErrorRadius requires non-negative finite sigmas, got (${sigmaX}, ${sigmaMw})`);
  }
  return errorRadiusFactor(level) * Math.hypot(sigmaX, sigmaMw);
}
