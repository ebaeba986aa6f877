/**
 * Sky geometry on the celestial sphere: angular separations and unit vectors. Angles are in degrees at the
 * API (right ascension α, declination δ, ICRS), radians inside.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';

/** Degrees to radians. */
export const DEG_TO_RAD = Math.PI / 180;
/** Arcseconds in one degree. */
export const ARCSEC_PER_DEGREE = 3600;

/**
 * The angular separation θ between two directions by the Vincenty formula (Vincenty 1975, the special case of
 * a sphere), with Δα = α₂ − α₁:
 *
 *   θ = atan2( √[(cos δ₂ sin Δα)² + (cos δ₁ sin δ₂ − sin δ₁ cos δ₂ cos Δα)²],
 *              sin δ₁ sin δ₂ + cos δ₁ cos δ₂ cos Δα ).
 *
 * Unlike the cosine formula (which loses all digits below ~0.01″ in double precision) and the haversine
 * (which loses them near 180°), it is accurate to a few 1e-16 relative at every separation: a 0.1″ pair is
 * resolved to ~1e-12″. Right ascension needs no wrapping (359.9999° and 0.0001° are 0.72″ apart at δ = 0).
 * Runs in O(1).
 *
 * @param ra1 - right ascension of the first direction, deg
 * @param dec1 - declination of the first direction, deg
 * @param ra2 - right ascension of the second direction, deg
 * @param dec2 - declination of the second direction, deg
 * @returns the separation in degrees, in [0, 180]; `NaN` when any coordinate is `NaN`
 * @example
 * ```ts
 * angularSeparation(359.9999, 0, 0.0001, 0) * 3600; // => 0.72 (arcsec)
 * angularSeparation(0, 90, 180, 89.9);              // => 0.1 (deg, across the pole)
 * ```
 */
export function angularSeparation(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const d1 = dec1 * DEG_TO_RAD;
  const d2 = dec2 * DEG_TO_RAD;
  const dra = (ra2 - ra1) * DEG_TO_RAD;
  const sd1 = Math.sin(d1);
  const cd1 = Math.cos(d1);
  const sd2 = Math.sin(d2);
  const cd2 = Math.cos(d2);
  const sdra = Math.sin(dra);
  const cdra = Math.cos(dra);
  const a = cd2 * sdra;
  const b = cd1 * sd2 - sd1 * cd2 * cdra;
  return Math.atan2(Math.sqrt(a * a + b * b), sd1 * sd2 + cd1 * cd2 * cdra) / DEG_TO_RAD;
}

/**
 * The unit vector of a direction: (cos δ cos α, cos δ sin α, sin δ), in the equatorial frame (x toward α = 0,
 * z toward the north celestial pole). The chord between two unit vectors, |u₁ − u₂| = 2 sin(θ/2), grows
 * monotonically with the separation θ, which is what {@link SkyIndex} searches on.
 *
 * @param ra - right ascension, deg
 * @param dec - declination, deg
 * @returns `[x, y, z]`
 * @throws {InvalidArgumentError} for a non-finite coordinate or |dec| > 90
 * @example
 * ```ts
 * unitVector(90, 0); // => [6.1e-17, 1, 0]
 * ```
 */
export function unitVector(ra: number, dec: number): [number, number, number] {
  if (!Number.isFinite(ra) || !Number.isFinite(dec) || Math.abs(dec) > 90) {
    throw new InvalidArgumentError(`unitVector requires finite coordinates with |dec| <= 90, got (${ra}, ${dec})`);
  }
  const a = ra * DEG_TO_RAD;
  const d = dec * DEG_TO_RAD;
  const c = Math.cos(d);
  return [c * Math.cos(a), c * Math.sin(a), Math.sin(d)];
}

/**
 * The direction of a unit (or any non-zero) vector as right ascension in [0, 360) and declination, deg.
 *
 * @example
 * ```ts
 * directionOf([0, 1, 0]); // => { ra: 90, dec: 0 }
 * ```
 */
export function directionOf(v: readonly [number, number, number]): {
  /** Right ascension, deg in [0, 360). */
  ra: number;
  /** Declination, deg in [−90, 90]. */
  dec: number;
} {
  const [x, y, z] = v;
  let ra = Math.atan2(y, x) / DEG_TO_RAD;
  if (ra < 0) ra += 360;
  if (ra >= 360) ra -= 360;
  return { ra, dec: Math.atan2(z, Math.hypot(x, y)) / DEG_TO_RAD };
}
