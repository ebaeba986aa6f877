/**
 * HEALPix pixel indices (Górski et al. 2005, ApJ 622, 759): the pixel of the sphere holding a direction, in the
 * RING and NESTED numbering schemes, for the all-sky maps (e.g. Planck's E(B−V)) that {@link healpixDustMap}
 * reads.
 *
 * The sphere is cut at z = cos θ = ±2/3 into a north polar cap, an equatorial belt and a south polar cap
 * (Górski et al. 2005, Sec. 4 and eq. 4–8): in the belt pixel boundaries are straight lines in (z, φ) of slope
 * ±3/4 · N_side (scaled coordinates t = N_side (1/2 + 2φ/π) ∓ (3/4) N_side z), in the caps they follow
 * N_side √(3 (1 − |z|)) times the fractional longitude within a quadrant. RING numbers pixels along iso-latitude
 * rings from the north pole; NESTED numbers them within each of the 12 base pixels by interleaving the bits of
 * the pixel's (x, y) position there.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';

/** The HEALPix numbering schemes (`ORDERING` in a map's FITS header). */
export type HealpixOrdering = 'RING' | 'NESTED';

/** The largest N_side handled: 12 N_side² pixels stay exact in a double (2²⁴; HEALPix maps use ≤ 2¹³). */
export const HEALPIX_MAX_NSIDE = 2 ** 24;

const HALF_PI = Math.PI / 2;
const DEG = Math.PI / 180;

/** Spreads the bits of x (< 2²⁴) to the even bit positions: b_k → b_{2k} (the NESTED bit interleave). */
function spreadBits(x: number): number {
  let out = 0;
  let weight = 1;
  for (let v = x; v > 0; v = Math.floor(v / 2)) {
    if (v % 2 === 1) out += weight;
    weight *= 4;
  }
  return out;
}

/**
 * Checks an N_side: a positive integer up to {@link HEALPIX_MAX_NSIDE}, a power of two for NESTED.
 *
 * @throws {InvalidArgumentError} otherwise
 */
export function assertNside(nside: number, ordering: HealpixOrdering): void {
  if (!Number.isInteger(nside) || nside < 1 || nside > HEALPIX_MAX_NSIDE) {
    throw new InvalidArgumentError(`HEALPix N_side must be an integer in 1…${HEALPIX_MAX_NSIDE}, got ${nside}`);
  }
  if (ordering === 'NESTED' && (nside & (nside - 1)) !== 0) throw new InvalidArgumentError(`HEALPix NESTED ordering needs N_side a power of 2, got ${nside}`);
}

/**
 * The HEALPix pixel holding a direction (healpy's `ang2pix(nside, lon, lat, nest, lonlat=True)`). The arithmetic follows
 * the HEALPix library's (z = cos θ from the colatitude θ = 90° − lat; near the poles the cap formula from
 * sin θ), so that a point on a pixel boundary goes to the same pixel as in healpy. Runs in O(log N_side).
 *
 * @param nside - N_side (any positive integer for RING; a power of 2 for NESTED)
 * @param ordering - `'RING'` or `'NESTED'`
 * @param lon - longitude, deg (any value; taken modulo 360)
 * @param lat - latitude, deg, in [−90, 90]
 * @returns the pixel index, 0 … 12 N_side² − 1
 * @throws {InvalidArgumentError} for a bad N_side, a non-finite coordinate or |lat| > 90
 * @example
 * ```ts
 * healpixPixel(1, 'RING', 45, 60);     // => 0
 * healpixPixel(1, 'NESTED', 0, 0);     // => 4
 * healpixPixel(2, 'NESTED', 0, -90);   // => 32
 * healpixPixel(2048, 'NESTED', 10, 5); // => 18586697
 * ```
 */
export function healpixPixel(nside: number, ordering: HealpixOrdering, lon: number, lat: number): number {
  assertNside(nside, ordering);
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90) {
    throw new InvalidArgumentError(`healpixPixel requires finite coordinates with |latitude| <= 90 deg, got (${lon}, ${lat})`);
  }
  // colatitude θ and z = cos θ computed as the HEALPix library does from (lon, lat), so that points on a
  // boundary (e.g. the equator, where z = cos(π/2) = 6e-17) fall in the same pixel
  const theta = HALF_PI - lat * DEG;
  const z = Math.cos(theta);
  const nearPole = theta < 0.01 || theta > Math.PI - 0.01;
  let phi = lon * DEG;
  phi = phi >= 0 ? (phi < 2 * Math.PI ? phi : phi % (2 * Math.PI)) : (phi % (2 * Math.PI)) + 2 * Math.PI;
  let tt = phi * (2 / Math.PI);
  if (tt >= 4) tt = 0; // in [0, 4)
  const za = Math.abs(z);
  const n = nside;

  if (za <= 2 / 3) {
    // equatorial belt: the two families of boundary lines (Górski et al. 2005, eq. 4–5)
    const t1 = n * (0.5 + tt);
    const t2 = n * z * 0.75;
    const jp = Math.floor(t1 - t2); // ascending-edge index
    const jm = Math.floor(t1 + t2); // descending-edge index
    if (ordering === 'RING') {
      const ir = n + 1 + jp - jm; // ring within the belt, 1 … 2 N_side + 1
      const kshift = 1 - (ir % 2);
      const ip = Math.floor((jp + jm - n + kshift + 1 + 8 * n) / 2) % (4 * n);
      return 2 * n * (n - 1) + (ir - 1) * 4 * n + ip;
    }
    const ifp = Math.floor(jp / n);
    const ifm = Math.floor(jm / n);
    const face = ifp === ifm ? ifp | 4 : ifp < ifm ? ifp : ifm + 8;
    const ix = jm % n;
    const iy = n - (jp % n) - 1;
    return face * n * n + spreadBits(ix) + 2 * spreadBits(iy);
  }

  // polar caps (Górski et al. 2005, eq. 6–8): √(3(1 − |z|)) = sin θ / √((1 + |z|)/3), the latter near the poles
  const ntt = Math.min(3, Math.floor(tt));
  const tp = tt - ntt;
  const tmp = nearPole && za > 0.99 ? (n * Math.sin(theta)) / Math.sqrt((1 + za) / 3) : n * Math.sqrt(3 * (1 - za));
  let jp = Math.floor(tp * tmp);
  let jm = Math.floor((1 - tp) * tmp);
  if (ordering === 'RING') {
    const ir = jp + jm + 1; // ring counted from the nearer pole
    const ip = Math.floor(tt * ir) % (4 * ir);
    return z > 0 ? 2 * ir * (ir - 1) + ip : 12 * n * n - 2 * ir * (ir + 1) + ip;
  }
  jp = Math.min(jp, n - 1);
  jm = Math.min(jm, n - 1);
  const [face, ix, iy] = z >= 0 ? [ntt, n - jm - 1, n - jp - 1] : [ntt + 8, jp, jm];
  return face * n * n + spreadBits(ix) + 2 * spreadBits(iy);
}
