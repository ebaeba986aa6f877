/**
 * Equatorial (ICRS, J2000) ↔ Galactic coordinates, for the Galactic-latitude cut of the training-set cleaning
 * (paper Section 5) and for a field's line of sight.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { DEG_TO_RAD } from './angular-separation';

/**
 * The IAU definition of the Galactic system, expressed in ICRS/J2000 (ESA 1997, *The Hipparcos and Tycho
 * Catalogues*, ESA SP-1200, Vol. 1, Sec. 1.5.3; Murray 1989, A&A 218, 325): the north Galactic pole at
 * α = 192.85948°, δ = +27.12825°, and the north celestial pole at Galactic longitude 122.93192°.
 */
export const GALACTIC_POLE = {
  /** Right ascension α_G of the north Galactic pole, deg (ICRS). */
  ra: 192.85948,
  /** Declination δ_G of the north Galactic pole, deg (ICRS). */
  dec: 27.12825,
  /** Galactic longitude l_Ω of the north celestial pole, deg. */
  lNorthCelestialPole: 122.93192,
} as const;

/**
 * The rotation matrix A_G′ from equatorial (ICRS) to Galactic unit vectors, r_Gal = A_G′ r_ICRS, as printed in
 * ESA 1997, Vol. 1, Sec. 1.5.3, eq. 1.5.11 (it follows from {@link GALACTIC_POLE}; the tests rebuild it from
 * those angles). Rows are the Galactic x (toward the Galactic centre), y (toward l = 90°) and z (the north
 * Galactic pole) axes in equatorial coordinates.
 */
export const ICRS_TO_GALACTIC: readonly (readonly [number, number, number])[] = [
  [-0.0548755604162154, -0.873437090234885, -0.4838350155487132],
  [0.4941094278755837, -0.4448296299600112, 0.7469822444972189],
  [-0.8676661490190047, -0.1980763734312015, 0.4559837761750669],
];

function rotate(m: readonly (readonly [number, number, number])[], transpose: boolean, lon: number, lat: number): [number, number] {
  const a = lon * DEG_TO_RAD;
  const d = lat * DEG_TO_RAD;
  const c = Math.cos(d);
  const v = [c * Math.cos(a), c * Math.sin(a), Math.sin(d)];
  const out = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    let s = 0;
    for (let j = 0; j < 3; j++) s += (transpose ? m[j]![i]! : m[i]![j]!) * v[j]!;
    out[i] = s;
  }
  let l = Math.atan2(out[1]!, out[0]!) / DEG_TO_RAD;
  if (l < 0) l += 360;
  if (l >= 360) l -= 360;
  return [l, Math.atan2(out[2]!, Math.hypot(out[0]!, out[1]!)) / DEG_TO_RAD];
}

function assertCoordinates(fn: string, lon: number, lat: number): void {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90) {
    throw new InvalidArgumentError(`${fn} requires finite coordinates with |latitude| <= 90 deg, got (${lon}, ${lat})`);
  }
}

/**
 * Galactic longitude l and latitude b of an equatorial (ICRS/J2000) direction: r_Gal = A_G′ r_ICRS with the
 * matrix {@link ICRS_TO_GALACTIC}. Runs in O(1).
 *
 * @param ra - right ascension, deg
 * @param dec - declination, deg
 * @returns `{ l, b }` in degrees, l in [0, 360), b in [−90, 90]
 * @throws {InvalidArgumentError} for a non-finite coordinate or |dec| > 90
 * @example
 * ```ts
 * equatorialToGalactic(266.40499, -28.93617);  // => { l: 0.0000, b: 0.0000 } (the Galactic centre)
 * equatorialToGalactic(192.85948, 27.12825).b; // => 90.000000 (the north Galactic pole)
 * ```
 */
export function equatorialToGalactic(
  ra: number,
  dec: number,
): {
  /** Galactic longitude, deg in [0, 360). */
  l: number;
  /** Galactic latitude, deg in [−90, 90]. */
  b: number;
} {
  assertCoordinates('equatorialToGalactic', ra, dec);
  const [l, b] = rotate(ICRS_TO_GALACTIC, false, ra, dec);
  return { l, b };
}

/**
 * The inverse of {@link equatorialToGalactic}: r_ICRS = A_G′ᵀ r_Gal.
 *
 * @param l - Galactic longitude, deg
 * @param b - Galactic latitude, deg
 * @returns `{ ra, dec }` in degrees, ra in [0, 360)
 * @throws {InvalidArgumentError} for a non-finite coordinate or |b| > 90
 * @example
 * ```ts
 * galacticToEquatorial(0, 0); // => { ra: 266.40499…, dec: -28.93617… }
 * ```
 */
export function galacticToEquatorial(
  l: number,
  b: number,
): {
  /** Right ascension (ICRS), deg in [0, 360). */
  ra: number;
  /** Declination (ICRS), deg in [−90, 90]. */
  dec: number;
} {
  assertCoordinates('galacticToEquatorial', l, b);
  const [ra, dec] = rotate(ICRS_TO_GALACTIC, true, l, b);
  return { ra, dec };
}
