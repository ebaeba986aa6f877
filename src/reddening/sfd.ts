/**
 * The Schlegel, Finkbeiner & Davis (1998, ApJ 500, 525; "SFD") E(B−V) map: two Lambert zenithal-equal-area
 * (ZEA) images centred on the Galactic poles, the north one for b ≥ 0 and the south one for b < 0, 4096 × 4096
 * pixels of 2.37′ each (`SFD_dust_4096_ngp.fits`, `SFD_dust_4096_sgp.fits`). A direction's pixel and the
 * bilinear interpolation between the four nearest pixels follow the authors' lookup code (`lambert_lb2fpix`
 * and `lambert_getval` in their `subs_lambert.c`, release 2, after the half-pixel fix of 18 March 1999).
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { headerValue, type FitsHeader } from '../io/fits-header';

const DEG = Math.PI / 180;

/**
 * One polar image's projection, read from its FITS header: either the SFD convention (`CTYPE1 =
 * 'LAMBERT--X'` with `LAM_NSGP` = +1 north / −1 south and `LAM_SCAL`, the radius of b = 0 in pixels) or the
 * standard WCS one (`GLON-ZEA` / `GLAT-ZEA` with `CRVAL2` = ±90, `CD` or `CDELT`, `LONPOLE`).
 */
export type LambertProjection =
  | {
      /** The SFD convention. */
      readonly kind: 'lambert';
      /** +1: north Galactic pole at the centre (b ≥ 0); −1: south. */
      readonly nsgp: 1 | -1;
      /** `LAM_SCAL`: pixels from the pole to b = 0. */
      readonly scale: number;
      /** `CRPIX1 − CRVAL1 − 1`: the pole's 0-based x pixel. */
      readonly x0: number;
      /** `CRPIX2 − CRVAL2 − 1`: the pole's 0-based y pixel. */
      readonly y0: number;
    }
  | {
      /** The WCS convention (Calabretta & Greisen 2002, A&A 395, 1077). */
      readonly kind: 'zea';
      /** +1: `CRVAL2 = 90` (b ≥ 0); −1: `CRVAL2 = −90`. */
      readonly nsgp: 1 | -1;
      /** `CRVAL1`, deg. */
      readonly crval1: number;
      /** `LONPOLE` (default 180), deg. */
      readonly lonpole: number;
      /** The inverse of the CD matrix (pixels per degree), row-major. */
      readonly inverse: readonly [number, number, number, number];
      /** `CRPIX1 − 1`. */
      readonly x0: number;
      /** `CRPIX2 − 1`. */
      readonly y0: number;
    };

function numberCard(header: FitsHeader, keyword: string, fallback?: number): number {
  const v = headerValue(header, keyword);
  if (typeof v === 'number') return v;
  if (v === undefined && fallback !== undefined) return fallback;
  throw new InvalidArgumentError(`the SFD map header lacks a numeric ${keyword} (got ${v === undefined ? 'nothing' : String(v)})`);
}

/**
 * Reads a polar image's projection from its header.
 *
 * @param header - the image HDU's header
 * @param name - the file's name, for errors
 * @throws {InvalidArgumentError} for a header that is neither an SFD Lambert nor a polar GLON/GLAT-ZEA image
 * @example
 * ```ts
 * const header = { cards: [
 *   { keyword: 'CTYPE1', value: 'LAMBERT--X' }, { keyword: 'CTYPE2', value: 'LAMBERT--Y' },
 *   { keyword: 'CRPIX1', value: 2048.5 }, { keyword: 'CRPIX2', value: 2048.5 }, { keyword: 'CRVAL1', value: 0 }, { keyword: 'CRVAL2', value: 0 },
 *   { keyword: 'LAM_NSGP', value: 1 }, { keyword: 'LAM_SCAL', value: 2048 },
 * ] };
 * lambertProjection(header); // => { kind: 'lambert', nsgp: 1, scale: 2048, x0: 2047.5, y0: 2047.5 }
 * ```
 */
export function lambertProjection(header: FitsHeader, name = 'the SFD map'): LambertProjection {
  const ctype1 = String(headerValue(header, 'CTYPE1') ?? '').trim();
  const ctype2 = String(headerValue(header, 'CTYPE2') ?? '').trim();
  if (ctype1 === 'LAMBERT--X' && ctype2 === 'LAMBERT--Y') {
    const nsgp = numberCard(header, 'LAM_NSGP');
    if (nsgp !== 1 && nsgp !== -1) throw new InvalidArgumentError(`${name}: LAM_NSGP must be 1 (north) or -1 (south), got ${nsgp}`);
    return {
      kind: 'lambert',
      nsgp,
      scale: numberCard(header, 'LAM_SCAL'),
      x0: numberCard(header, 'CRPIX1') - numberCard(header, 'CRVAL1', 0) - 1,
      y0: numberCard(header, 'CRPIX2') - numberCard(header, 'CRVAL2', 0) - 1,
    };
  }
  if (ctype1 === 'GLON-ZEA' && ctype2 === 'GLAT-ZEA') {
    const crval2 = numberCard(header, 'CRVAL2');
    if (Math.abs(Math.abs(crval2) - 90) > 1e-4) throw new InvalidArgumentError(`${name}: a GLON-ZEA dust map must be centred on a Galactic pole (CRVAL2 = ±90), got ${crval2}`);
    const hasCd = headerValue(header, 'CD1_1') !== undefined || headerValue(header, 'CD2_2') !== undefined;
    const [a, b, c, d] = hasCd
      ? [numberCard(header, 'CD1_1', 0), numberCard(header, 'CD1_2', 0), numberCard(header, 'CD2_1', 0), numberCard(header, 'CD2_2', 0)]
      : [numberCard(header, 'CDELT1'), 0, 0, numberCard(header, 'CDELT2')];
    const det = a * d - b * c;
    if (det === 0 || !Number.isFinite(det)) throw new InvalidArgumentError(`${name}: the CD matrix is singular`);
    return {
      kind: 'zea',
      nsgp: crval2 > 0 ? 1 : -1,
      crval1: numberCard(header, 'CRVAL1', 0),
      lonpole: numberCard(header, 'LONPOLE', 180),
      inverse: [d / det, -b / det, -c / det, a / det],
      x0: numberCard(header, 'CRPIX1') - 1,
      y0: numberCard(header, 'CRPIX2') - 1,
    };
  }
  throw new InvalidArgumentError(`${name}: not an SFD polar image (CTYPE1/CTYPE2 must be LAMBERT--X/LAMBERT--Y or GLON-ZEA/GLAT-ZEA, got '${ctype1}'/'${ctype2}')`);
}

/**
 * The 0-based fractional pixel (x, y) of Galactic (l, b) in a polar image. SFD convention: with
 * ρ = √(1 − n sin b) (n = `LAM_NSGP`), x = `LAM_SCAL` ρ cos l + x₀, y = −n `LAM_SCAL` ρ sin l + y₀. WCS
 * convention: native (φ, θ) from the pole rotation (θ = n b; φ = l + 180° + `LONPOLE` − `CRVAL1` in the
 * north, `LONPOLE` + `CRVAL1` − l in the south), R_θ = (360°/π) sin((90° − θ)/2) (ZEA, Calabretta & Greisen
 * 2002 eq. 69), (x, y) = (R sin φ, −R cos φ), then the inverse CD matrix.
 *
 * @example
 * ```ts
 * const p = { kind: 'lambert', nsgp: 1, scale: 2048, x0: 2047.5, y0: 2047.5 } as const;
 * lambertPixel(p, 0, 90); // => [2047.5, 2047.5] (the pole: the image centre)
 * lambertPixel(p, 90, 0); // => [2047.5, -0.5] (b = 0: the edge, half a pixel out)
 * ```
 */
export function lambertPixel(p: LambertProjection, l: number, b: number): [number, number] {
  if (p.kind === 'lambert') {
    const rho = Math.sqrt(1 - p.nsgp * Math.sin(b * DEG));
    return [p.scale * rho * Math.cos(l * DEG) + p.x0, -p.nsgp * p.scale * rho * Math.sin(l * DEG) + p.y0];
  }
  const theta = p.nsgp * b;
  let phi = p.nsgp === 1 ? l + 180 + p.lonpole - p.crval1 : p.lonpole + p.crval1 - l;
  phi -= 360 * Math.floor(phi / 360);
  const r = (360 / Math.PI) * Math.sin(((90 - theta) / 2) * DEG);
  const x = r * Math.sin(phi * DEG);
  const y = -r * Math.cos(phi * DEG);
  const [a, bb, c, d] = p.inverse;
  return [a * x + bb * y + p.x0, c * x + d * y + p.y0];
}

/**
 * Bilinear interpolation of an image at a 0-based fractional pixel, as the SFD lookup code does: the four
 * pixels around (x, y) weighted by their overlap; outside the outermost pixel centres the edge pixels' value
 * (the code clamps there). The authors' code truncates x toward zero, which extrapolates within half a pixel
 * outside the first row or column (at b ≈ 0); this one clamps there too.
 *
 * @param data - the image, first axis fastest
 * @param width - `NAXIS1`
 * @param height - `NAXIS2`
 * @example
 * ```ts
 * const img = new Float32Array([0, 1, 2, 3]); // 2 × 2: (0,0)=0, (1,0)=1, (0,1)=2, (1,1)=3
 * bilinear(img, 2, 2, 0.5, 0.5); // => 1.5
 * bilinear(img, 2, 2, 0.25, 0);  // => 0.25
 * bilinear(img, 2, 2, -3, 9);    // => 2 (clamped to the corner pixel)
 * ```
 */
export function bilinear(data: ArrayLike<number>, width: number, height: number, x: number, y: number): number {
  let ix = Math.floor(x);
  let iy = Math.floor(y);
  let dx = ix - x + 1; // weight of column ix
  let dy = iy - y + 1;
  if (ix < 0) [ix, dx] = [0, 1];
  if (iy < 0) [iy, dy] = [0, 1];
  if (ix >= width - 1) [ix, dx] = [Math.max(0, width - 2), width === 1 ? 1 : 0];
  if (iy >= height - 1) [iy, dy] = [Math.max(0, height - 2), height === 1 ? 1 : 0];
  const ix1 = Math.min(ix + 1, width - 1);
  const iy1 = Math.min(iy + 1, height - 1);
  return (
    dx * dy * data[iy * width + ix]! +
    (1 - dx) * dy * data[iy * width + ix1]! +
    dx * (1 - dy) * data[iy1 * width + ix]! +
    (1 - dx) * (1 - dy) * data[iy1 * width + ix1]!
  );
}

/**
 * The nearest pixel's value, as the SFD code's non-interpolating lookup (`lambert_lb2pix`: round to the
 * nearest pixel centre, clamped to the image).
 */
export function nearestPixel(data: ArrayLike<number>, width: number, height: number, x: number, y: number): number {
  const ix = Math.min(width - 1, Math.max(0, Math.floor(x + 0.5)));
  const iy = Math.min(height - 1, Math.max(0, Math.floor(y + 0.5)));
  return data[iy * width + ix]!;
}
