/**
 * The Fitzpatrick (1999) interstellar extinction law (paper Section 3.3: training AGNs are reddened with
 * F99, R_V = 3.1, A_V = R_V E(B−V)).
 *
 * With x = 1/λ in µm⁻¹ and k(x) = E(λ−V)/E(B−V), the extinction is A_λ = E(B−V) (k(x) + R_V) = A_V (1 + k/R_V):
 *
 * - UV, λ < 2700 Å (Fitzpatrick & Massa 1990 parameterisation, F99 eq. 4 and Table 3):
 *   k = c1 + c2 x + c3 D(x; x0, γ) + c4 F(x), with D = x² / ((x² − x0²)² + x² γ²),
 *   F = 0.5392 (x − 5.9)² + 0.05644 (x − 5.9)³ for x ≥ 5.9 (else 0),
 *   c2 = −0.824 + 4.717/R_V, c1 = 2.030 − 3.007 c2, c3 = 3.23, c4 = 0.41, x0 = 4.596 µm⁻¹, γ = 0.99 µm⁻¹.
 * - Optical/IR, λ ≥ 2700 Å: a natural cubic spline in x through the anchor points at λ = ∞, 26500, 12200,
 *   6000, 5470, 4670, 4110 Å (R_V-dependent values below) and the two UV points at 2700 and 2600 Å.
 *
 * The optical anchor values are E. Fitzpatrick's updated ones (as in the Goddard IDL astrolib `FM_UNRED` and
 * the Python `extinction` package, which the authors' pipeline used), not those printed in F99 Table 4.
 *
 * Reference: Fitzpatrick, E. L. 1999, PASP 111, 63; Fitzpatrick, E. L. & Massa, D. 1990, ApJS 72, 163.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';

// F99 UV constants (F99 Section 3; Fitzpatrick & Massa 1990): bump position x0, width γ, c3, c4, and the FUV
// curvature onset c5, all in µm⁻¹ where applicable.
const X0 = 4.596;
const GAMMA = 0.99;
const C3 = 3.23;
const C4 = 0.41;
const C5 = 5.9;

/** x = 1e4/2700 µm⁻¹: shortward of 2700 Å the UV formula applies. */
const X_UV = 1e4 / 2700;
/** x = 11 µm⁻¹ (909 Å): the shortest wavelength where F99 is defined. */
const X_MAX = 11;

/** Spline anchor points in x = 1/λ (µm⁻¹): λ = ∞, 26500, 12200, 6000, 5470, 4670, 4110, 2700, 2600 Å. */
const X_KNOTS = Float64Array.from([0, 1e4 / 26500, 1e4 / 12200, 1e4 / 6000, 1e4 / 5470, 1e4 / 4670, 1e4 / 4110, 1e4 / 2700, 1e4 / 2600]);

/** The UV part k(x) for x ≥ 1e4/2700 µm⁻¹ (also used for the two UV spline anchors). */
function kUv(x: number, rV: number): number {
  const c2 = -0.824 + 4.717 / rV;
  const c1 = 2.03 - 3.007 * c2;
  const x2 = x * x;
  const y = x2 - X0 * X0;
  const d = x2 / (y * y + x2 * GAMMA * GAMMA);
  let k = c1 + c2 * x + C3 * d;
  if (x >= C5) {
    const z = x - C5;
    k += C4 * (0.5392 * z * z + 0.05644 * z * z * z);
  }
  return k;
}

/** k = E(λ−V)/E(B−V) at the 9 anchors for a given R_V (F99 Table 4 as updated in FM_UNRED). */
function anchorValues(rV: number): Float64Array {
  const rV2 = rV * rV;
  return Float64Array.from([
    -rV, // λ = ∞: A_λ = 0
    (0.26469 * rV) / 3.1 - rV, // 26500 Å (2MASS-like IR point, A/E(B-V) = 0.265 R_V/3.1)
    (0.82925 * rV) / 3.1 - rV, // 12200 Å (A/E(B-V) = 0.829 R_V/3.1)
    -0.422809 + 1.0027 * rV + 2.13572e-4 * rV2 - rV, // 6000 Å
    -5.1354e-2 + 1.00216 * rV - 7.35778e-5 * rV2 - rV, // 5470 Å
    0.700127 + 1.00184 * rV - 3.32598e-5 * rV2 - rV, // 4670 Å
    1.19456 + 1.01707 * rV - 5.46959e-3 * rV2 + 7.97809e-4 * rV2 * rV - 4.45636e-5 * rV2 * rV2 - rV, // 4110 Å
    kUv(X_KNOTS[7]!, rV), // 2700 Å
    kUv(X_KNOTS[8]!, rV), // 2600 Å
  ]);
}

/** Second derivatives of the natural cubic spline (zero at both ends) through (xs, ys): tridiagonal solve. */
function naturalSplineSecondDerivatives(xs: Float64Array, ys: Float64Array): Float64Array {
  const n = xs.length;
  const m = new Float64Array(n);
  const c = new Float64Array(n); // modified super-diagonal
  const r = new Float64Array(n); // modified right-hand side
  for (let i = 1; i < n - 1; i++) {
    const h0 = xs[i]! - xs[i - 1]!;
    const h1 = xs[i + 1]! - xs[i]!;
    const a = h0 / 6;
    const b = (h0 + h1) / 3;
    const cc = h1 / 6;
    const rhs = (ys[i + 1]! - ys[i]!) / h1 - (ys[i]! - ys[i - 1]!) / h0;
    const denom = b - a * c[i - 1]!;
    c[i] = cc / denom;
    r[i] = (rhs - a * r[i - 1]!) / denom;
  }
  for (let i = n - 2; i >= 1; i--) m[i] = r[i]! - c[i]! * m[i + 1]!;
  return m;
}

interface Spline {
  readonly rV: number;
  readonly k: Float64Array;
  readonly m: Float64Array;
}

let cached: Spline | undefined;

function splineFor(rV: number): Spline {
  if (cached !== undefined && cached.rV === rV) return cached;
  const k = anchorValues(rV);
  cached = { rV, k, m: naturalSplineSecondDerivatives(X_KNOTS, k) };
  return cached;
}

function kSpline(x: number, s: Spline): number {
  let i = 0;
  while (i < X_KNOTS.length - 2 && x > X_KNOTS[i + 1]!) i++;
  const x0 = X_KNOTS[i]!;
  const x1 = X_KNOTS[i + 1]!;
  const h = x1 - x0;
  const a = (x1 - x) / h;
  const b = (x - x0) / h;
  return a * s.k[i]! + b * s.k[i + 1]! + (((a * a * a - a) * s.m[i]! + (b * b * b - b) * s.m[i + 1]!) * h * h) / 6;
}

/**
 * Fitzpatrick (1999) extinction A_λ in magnitudes at each wavelength, for total V-band extinction `aV` and
 * R_V = `rV` (see the module description for the formulae). Runs in O(n) for n wavelengths (plus an O(1)
 * spline setup when `rV` changes).
 *
 * A_λ is linear in `aV` (to de-redden, subtract the A_λ of a positive `aV`).
 *
 * @param wavelengthsAngstrom - wavelengths in Å, each ≥ 909.09 Å (x ≤ 11 µm⁻¹), finite
 * @param aV - A_V in magnitudes (= R_V × E(B−V)); finite and ≥ 0
 * @param rV - R_V = A_V/E(B−V), default 3.1 (Milky Way average); must be > 0
 * @returns A_λ in magnitudes, one per wavelength (a new `Float64Array`)
 * @throws {InvalidArgumentError} for a negative or non-finite `aV`, a non-positive or non-finite `rV`, or a wavelength that is not finite or below 909.09 Å (the message gives its index)
 * @example
 * ```ts
 * import { fitzpatrick99 } from 'muwclass/reddening';
 * // Gaia G, 2MASS J, WISE W1 effective wavelengths, E(B-V) = 0.1
 * fitzpatrick99([5822.39, 12350, 33526], 3.1 * 0.1); // => Float64Array [0.280188…, 0.081237…, 0.019848…]
 * fitzpatrick99([5822.39], -1);     // throws InvalidArgumentError: fitzpatrick99 requires a non-negative finite aV (mag), got -1
 * fitzpatrick99([5822.39], 0.3, 0); // throws InvalidArgumentError: fitzpatrick99 requires a positive finite rV, got 0
 * ```
 */
export function fitzpatrick99(wavelengthsAngstrom: ArrayLike<number>, aV: number, rV = 3.1): Float64Array {
  if (!(aV >= 0) || !Number.isFinite(aV)) throw new InvalidArgumentError(`fitzpatrick99 requires a non-negative finite aV (mag), got ${aV}`);
  if (!(rV > 0) || !Number.isFinite(rV)) throw new InvalidArgumentError(`fitzpatrick99 requires a positive finite rV, got ${rV}`);
  const n = wavelengthsAngstrom.length;
  const out = new Float64Array(n);
  const ebv = aV / rV;
  const spline = splineFor(rV);
  for (let i = 0; i < n; i++) {
    const w = wavelengthsAngstrom[i]!;
    const x = 1e4 / w;
    if (!Number.isFinite(w) || !(x <= X_MAX) || !(x >= 0)) {
      throw new InvalidArgumentError(`fitzpatrick99: wavelength ${i} is ${w} Å; F99 is defined for finite wavelengths ≥ 909.09 Å`);
    }
    out[i] = x >= X_UV ? aV * (1 + kUv(x, rV) / rV) : ebv * (kSpline(x, spline) + rV);
  }
  return out;
}
