/**
 * The log-gamma function and the regularized lower incomplete gamma function P(a, x), which gives the
 * chi-square CDF of the inter-observation variability (paper eq. 4b).
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';

// Lanczos approximation with g = 671/128 and 14 coefficients (Press et al. 2007, Numerical Recipes, 3rd ed.,
// §6.1, `gammln`): relative error below 1e-15 for x > 0.
const LANCZOS_G = 671 / 128;
const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4,
  0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3,
  0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
  0.368991826595316234e-5,
] as const;
const SQRT_2PI = 2.5066282746310005;

const EPSILON = Number.EPSILON;
const TINY = Number.MIN_VALUE / EPSILON;
const MAX_ITERATIONS = 1_000_000;

/**
 * ln Γ(x) for x > 0, by the Lanczos approximation of Numerical Recipes (3rd ed., §6.1): relative error below
 * 1e-15. Runs in O(1).
 *
 * @param x - a positive number
 * @returns ln Γ(x)
 * @throws {InvalidArgumentError} when x is not a positive number (NaN included)
 * @example
 * ```ts
 * logGamma(5);   // => 3.1780538303479453 (ln 24 = 3.1780538303479458)
 * logGamma(0.5); // => 0.5723649429247004 (ln sqrt(π) = 0.5723649429247001)
 * ```
 */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new InvalidArgumentError(`logGamma requires a positive argument, got ${x}`);
  if (x === Number.POSITIVE_INFINITY) return x;
  let y = x;
  const t = x + LANCZOS_G;
  const head = (x + 0.5) * Math.log(t) - t;
  let series = 0.999999999999997092;
  for (const c of LANCZOS) series += c / ++y;
  return head + Math.log((SQRT_2PI * series) / x);
}

/** P(a, x) by its power series (converges fast for x < a + 1). */
function lowerSeries(a: number, x: number, prefactor: number): number {
  let ap = a;
  let term = 1 / a;
  let sum = term;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    ap += 1;
    term *= x / ap;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) return sum * prefactor;
  }
  throw new InvalidArgumentError(`regularizedLowerGamma: series did not converge for a = ${a}, x = ${x}`);
}

/** Q(a, x) = 1 − P(a, x) by its continued fraction, modified Lentz (converges fast for x ≥ a + 1). */
function upperContinuedFraction(a: number, x: number, prefactor: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPSILON) return prefactor * h;
  }
  throw new InvalidArgumentError(`regularizedLowerGamma: continued fraction did not converge for a = ${a}, x = ${x}`);
}

/**
 * The regularized lower incomplete gamma function
 *
 *   P(a, x) = γ(a, x) / Γ(a) = (1/Γ(a)) ∫₀ˣ t^(a−1) e^(−t) dt,
 *
 * by its power series for x < a + 1 and by the continued fraction of Q = 1 − P otherwise (Press et al. 2007,
 * Numerical Recipes, 3rd ed., §6.2). Relative error about 1e-15 · a (1e-14 for a ≤ 10, 1e-12 at a = 1000;
 * checked against SciPy's `gammainc`), limited by the prefactor x^a e^−x / Γ(a). Runs in O(1 + sqrt(a))
 * iterations.
 *
 * @param a - shape, a > 0
 * @param x - upper integration limit, x ≥ 0 (`Infinity` gives 1)
 * @returns P(a, x) in [0, 1]; `NaN` when x is `NaN`
 * @throws {InvalidArgumentError} when a is not a finite positive number or x is negative
 * @example
 * ```ts
 * regularizedLowerGamma(1, 2);   // => 0.8646647167633873 (1 − e^−2)
 * regularizedLowerGamma(0.5, 1); // => 0.8427007929497147 (erf(1) = 0.8427007929497149)
 * ```
 */
export function regularizedLowerGamma(a: number, x: number): number {
  if (!(a > 0) || !Number.isFinite(a)) {
    throw new InvalidArgumentError(`regularizedLowerGamma requires a finite positive shape a, got ${a}`);
  }
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) throw new InvalidArgumentError(`regularizedLowerGamma requires x >= 0, got ${x}`);
  if (x === 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  const prefactor = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) return Math.min(1, lowerSeries(a, x, prefactor));
  return Math.max(0, 1 - upperContinuedFraction(a, x, prefactor));
}
