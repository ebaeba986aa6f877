/**
 * E(B−V) at a sky position from a user-supplied dust map (paper Section 3.3: the training AGNs are reddened
 * to the field's E(B−V)): the SFD (1998) polar images or any HEALPix map in FITS (e.g. Planck 2013's E(B−V)).
 * Build a map once ({@link sfdDustMap}, {@link healpixDustMap}; from files with `readDustMap` in
 * `muwclass/node`), then look positions up with {@link ebvAt} (columns) or {@link ebv} (one position).
 *
 * @module
 */
import { InvalidArgumentError, ShapeMismatchError } from '../core/errors';
import { equatorialToGalactic, galacticToEquatorial } from '../field/galactic';
import { headerValue, type FitsHeader } from '../io/fits-header';
import { assertNside, healpixPixel, type HealpixOrdering } from './healpix';
import { bilinear, lambertPixel, lambertProjection, nearestPixel, type LambertProjection } from './sfd';

/**
 * The recalibration of the SFD E(B−V): E(B−V) = 0.86 × E(B−V)_SFD (Schlafly & Finkbeiner 2011, ApJ 737, 103,
 * from SDSS stellar spectra, with R_V = 3.1), as the paper applies it to the field's E(B−V) (Yang et al. 2022,
 * Section 3.3). {@link sfdDustMap}'s default factor.
 */
export const SFD_RECALIBRATION = 0.86;

/** HEALPix's marker of a pixel without data (`UNSEEN`, −1.6375 × 10³⁰): looked up as `NaN`. */
export const HEALPIX_UNSEEN = -1.6375e30;

/** A polar image of an SFD map: its projection and pixels. */
export interface SfdImage {
  /** The projection read from the header. */
  readonly projection: LambertProjection;
  /** `NAXIS1`: pixels per row. */
  readonly width: number;
  /** `NAXIS2`: rows. */
  readonly height: number;
  /** The pixels, first axis fastest. */
  readonly data: ArrayLike<number>;
}

/** The SFD (1998) map: the two polar images. */
export interface SfdDustMap {
  /** Discriminant. */
  readonly kind: 'sfd';
  /** The north Galactic pole image (b ≥ 0). */
  readonly north: SfdImage;
  /** The south Galactic pole image (b < 0). */
  readonly south: SfdImage;
  /** E(B−V) = factor × map value ({@link SFD_RECALIBRATION} by default). */
  readonly factor: number;
  /** Bilinear interpolation between the four nearest pixels (the SFD default), else the nearest pixel. */
  readonly interpolate: boolean;
}

/** An all-sky HEALPix map. */
export interface HealpixDustMap {
  /** Discriminant. */
  readonly kind: 'healpix';
  /** N_side. */
  readonly nside: number;
  /** The numbering scheme. */
  readonly ordering: HealpixOrdering;
  /** The map's coordinate frame (`COORDSYS` G or C). */
  readonly frame: 'galactic' | 'icrs';
  /** One value per pixel (12 N_side²), in pixel order. */
  readonly values: ArrayLike<number>;
  /** E(B−V) = factor × map value (1 by default). */
  readonly factor: number;
}

/** A dust map that {@link ebvAt} reads. */
export type DustMap = SfdDustMap | HealpixDustMap;

/** An image as FITS readers give it: its header, `[NAXIS1, NAXIS2]` and pixels (e.g. a `FitsImageHdu` from `parseFits`). */
export interface DustMapImage {
  /** The image's header. */
  readonly header: FitsHeader;
  /** `[NAXIS1, NAXIS2]`. */
  readonly shape: readonly number[];
  /** The pixels, first axis fastest (numbers). */
  readonly data: ArrayLike<number | bigint>;
}

/** Options of {@link sfdDustMap}. */
export interface SfdDustMapOptions {
  /** Multiplies the map (default {@link SFD_RECALIBRATION}, 0.86; 1 for the original SFD scale). */
  readonly factor?: number;
  /** Bilinear interpolation as the SFD code does (default true), else the nearest pixel. */
  readonly interpolate?: boolean;
  /** File names for error messages. */
  readonly names?: {
    /** The north image's file. */
    readonly north?: string;
    /** The south image's file. */
    readonly south?: string;
  };
}

function checkFactor(fn: string, factor: number): number {
  if (!(factor > 0) || !Number.isFinite(factor)) throw new InvalidArgumentError(`${fn}: factor must be a positive number, got ${factor}`);
  return factor;
}

function sfdImage(image: DustMapImage, name: string, nsgp: 1 | -1): SfdImage {
  const projection = lambertProjection(image.header, name);
  if (projection.nsgp !== nsgp) {
    throw new InvalidArgumentError(`${name} is the ${projection.nsgp === 1 ? 'north' : 'south'} Galactic pole image, given as the ${nsgp === 1 ? 'north' : 'south'} one (swapped files?)`);
  }
  const [width, height] = image.shape;
  if (image.shape.length !== 2 || !(width! >= 1) || !(height! >= 1)) throw new InvalidArgumentError(`${name} must be a 2-D image, got shape [${image.shape.join(', ')}]`);
  const data = typeof image.data[0] === 'bigint' ? Float64Array.from(image.data as ArrayLike<bigint>, Number) : (image.data as ArrayLike<number>);
  return { projection, width: width!, height: height!, data };
}

/**
 * The SFD (1998) map from its two polar images (`SFD_dust_4096_ngp.fits` and `SFD_dust_4096_sgp.fits`, as
 * read by `parseFits`), checked to be the north and south projections. By default E(B−V) is the map times
 * 0.86 ({@link SFD_RECALIBRATION}, as the paper uses), bilinearly interpolated as the SFD code does.
 *
 * @param north - the north Galactic pole image (its header and pixels)
 * @param south - the south Galactic pole image
 * @param options - `factor` (default 0.86), `interpolate` (default true), `names`
 * @throws {InvalidArgumentError} for a header that is not an SFD polar projection, swapped hemispheres, or a
 *   factor ≤ 0
 * @example
 * ```ts
 * // a synthetic 3 × 3 pair of polar images: value 1 everywhere in the north, 2 in the south
 * const image = (nsgp: number, value: number) => ({ shape: [3, 3], data: new Float32Array(9).fill(value), header: { cards: [
 *   { keyword: 'CTYPE1', value: 'LAMBERT--X' }, { keyword: 'CTYPE2', value: 'LAMBERT--Y' }, { keyword: 'CRPIX1', value: 2 }, { keyword: 'CRPIX2', value: 2 },
 *   { keyword: 'LAM_NSGP', value: nsgp }, { keyword: 'LAM_SCAL', value: 1.5 }] } });
 * const map = sfdDustMap(image(1, 1), image(-1, 2));
 * ebv(map, 192.85948, 27.12825);                     // => 0.86 (the north Galactic pole: 0.86 × 1)
 * ebv(map, 0, -45, { frame: 'galactic' });           // => 1.72
 * ebv(sfdDustMap(image(1, 1), image(-1, 2), { factor: 1 }), 0, -45, { frame: 'galactic' }); // => 2
 * ```
 */
export function sfdDustMap(north: DustMapImage, south: DustMapImage, options: SfdDustMapOptions = {}): SfdDustMap {
  return {
    kind: 'sfd',
    north: sfdImage(north, options.names?.north ?? 'the SFD north image', 1),
    south: sfdImage(south, options.names?.south ?? 'the SFD south image', -1),
    factor: checkFactor('sfdDustMap', options.factor ?? SFD_RECALIBRATION),
    interpolate: options.interpolate ?? true,
  };
}

/** Options of {@link healpixDustMap}. */
export interface HealpixDustMapOptions {
  /** Multiplies the map (default 1; give 0.86 for an SFD map in HEALPix form to apply the recalibration). */
  readonly factor?: number;
  /** The numbering scheme when the header has no `ORDERING`. */
  readonly ordering?: HealpixOrdering;
  /** The frame when the header has no `COORDSYS` (default Galactic). */
  readonly frame?: 'galactic' | 'icrs';
  /** The map's name for error messages. */
  readonly name?: string;
}

/**
 * A HEALPix map from its FITS header (`ORDERING` RING or NESTED, `NSIDE` — else derived from the number of
 * values —, `COORDSYS` (or LAMBDA's `SKYCOORD`) G or C, `INDXSCHM` IMPLICIT) and one value per pixel, e.g. the `EBV` column of Planck's
 * `HFI_CompMap_ThermalDustModel_2048_R1.20.fits`. Lookups take the pixel holding the position (no
 * interpolation); `UNSEEN` pixels read as `NaN`. (`readDustMap` also reads these keywords from the primary header.) The map is used as E(B−V) times `factor` (default 1: the SFD
 * recalibration is not applied to a HEALPix map unless asked for).
 *
 * @param header - the map's table header (or any header carrying its HEALPix keywords)
 * @param values - 12 N_side² values in pixel order (a column from `parseFits`/`streamFitsTable`, flattened)
 * @param options - `factor`, and `ordering`/`frame` for headers without them
 * @throws {InvalidArgumentError} for a partial-sky map (`INDXSCHM = 'EXPLICIT'`), an unknown ordering or
 *   frame, or a value count that is not 12 N_side²
 * @example
 * ```ts
 * const header = { cards: [{ keyword: 'ORDERING', value: 'NESTED' }, { keyword: 'COORDSYS', value: 'G' }] };
 * const map = healpixDustMap(header, Float32Array.from({ length: 12 }, (_, i) => i / 100)); // N_side 1
 * map.nside;                                   // => 1
 * ebv(map, 0, 0, { frame: 'galactic' });       // => 0.04 (base pixel 4 holds l = 0, b = 0)
 * ebv(map, 266.40499, -28.93617);              // => 0.04 (the same point given in ICRS)
 * ```
 */
export function healpixDustMap(header: FitsHeader, values: ArrayLike<number | bigint>, options: HealpixDustMapOptions = {}): HealpixDustMap {
  const name = options.name ?? 'the HEALPix map';
  const text = (k: string) => {
    const v = headerValue(header, k);
    return typeof v === 'string' ? v.trim().toUpperCase() : undefined;
  };
  const scheme = text('INDXSCHM');
  if (scheme === 'EXPLICIT' || text('OBJECT') === 'PARTIAL') throw new InvalidArgumentError(`${name} is a partial-sky map (INDXSCHM = 'EXPLICIT'), which muwclass does not read; write it as a full-sky map`);
  const ordering = text('ORDERING') ?? options.ordering;
  if (ordering !== 'RING' && ordering !== 'NESTED') throw new InvalidArgumentError(`${name}: ORDERING must be RING or NESTED, got ${ordering === undefined ? 'none (give the ordering option)' : `'${ordering}'`}`);
  const coordsys = text('COORDSYS') ?? text('SKYCOORD'); // LAMBDA's maps write SKYCOORD
  const frame = coordsys === undefined ? (options.frame ?? 'galactic') : coordsys.startsWith('G') ? 'galactic' : coordsys === 'C' || coordsys.startsWith('CEL') || coordsys === 'Q' || coordsys === 'EQUATORIAL' ? 'icrs' : undefined;
  if (frame === undefined) throw new InvalidArgumentError(`${name}: COORDSYS '${coordsys}' is not supported (G Galactic or C equatorial)`);
  const nsideCard = headerValue(header, 'NSIDE');
  const nside = typeof nsideCard === 'number' ? nsideCard : Math.round(Math.sqrt(values.length / 12));
  assertNside(nside, ordering);
  if (values.length !== 12 * nside * nside) throw new ShapeMismatchError(`${name} has ${values.length} values but N_side ${nside} needs 12 N_side^2 = ${12 * nside * nside}`);
  const numeric = values.length > 0 && typeof values[0] === 'bigint' ? Float64Array.from(values as ArrayLike<bigint>, Number) : (values as ArrayLike<number>);
  return { kind: 'healpix', nside, ordering, frame, values: numeric, factor: checkFactor('healpixDustMap', options.factor ?? 1) };
}

/** Options of {@link ebvAt} and {@link ebv}. */
export interface EbvLookupOptions {
  /** The frame of the given coordinates: `'icrs'` (default; RA, Dec) or `'galactic'` (l, b). */
  readonly frame?: 'icrs' | 'galactic';
}

function sfdValue(map: SfdDustMap, l: number, b: number): number {
  const image = b >= 0 ? map.north : map.south;
  const [x, y] = lambertPixel(image.projection, l, b);
  return (map.interpolate ? bilinear : nearestPixel)(image.data, image.width, image.height, x, y);
}

/**
 * E(B−V) at many positions: the map's value there times its factor (SFD: bilinear between the four nearest
 * pixels of the image of the position's hemisphere, b ≥ 0 north; HEALPix: the pixel holding the position).
 * Coordinates are ICRS (RA, Dec) by default, converted to Galactic (`equatorialToGalactic`). Runs in O(n).
 *
 * @param map - from {@link sfdDustMap}, {@link healpixDustMap} or `readDustMap`
 * @param lon - right ascensions (or Galactic longitudes with `frame: 'galactic'`), deg
 * @param lat - declinations (or Galactic latitudes), deg
 * @param options - `frame`
 * @returns E(B−V) per position, mag (`NaN` where the map has no data)
 * @throws {ShapeMismatchError} when `lon` and `lat` differ in length
 * @throws {InvalidArgumentError} for a non-finite coordinate or |latitude| > 90
 * @example
 * ```ts
 * const header = { cards: [{ keyword: 'ORDERING', value: 'RING' }] };
 * const map = healpixDustMap(header, Float64Array.from({ length: 12 }, (_, i) => i));
 * ebvAt(map, [45, 0, 45], [60, 0, -60], { frame: 'galactic' }); // => Float64Array [0, 4, 8]
 * ```
 */
export function ebvAt(map: DustMap, lon: ArrayLike<number>, lat: ArrayLike<number>, options: EbvLookupOptions = {}): Float64Array {
  if (lon.length !== lat.length) throw new ShapeMismatchError(`ebvAt: ${lon.length} longitudes but ${lat.length} latitudes`);
  const galacticIn = options.frame === 'galactic';
  const out = new Float64Array(lon.length);
  for (let i = 0; i < lon.length; i++) {
    let l = lon[i]!;
    let b = lat[i]!;
    if (map.kind === 'sfd' || map.frame === 'galactic') {
      if (!galacticIn) ({ l, b } = equatorialToGalactic(l, b));
    } else if (galacticIn) ({ ra: l, dec: b } = galacticToEquatorial(l, b));
    if (!Number.isFinite(l) || !Number.isFinite(b) || Math.abs(b) > 90) {
      throw new InvalidArgumentError(`ebvAt requires finite coordinates with |latitude| <= 90 deg, got (${lon[i]}, ${lat[i]}) at index ${i}`);
    }
    let value: number;
    if (map.kind === 'sfd') value = sfdValue(map, l, b);
    else {
      value = map.values[healpixPixel(map.nside, map.ordering, l, b)]!;
      if (value <= HEALPIX_UNSEEN * 0.999999) value = Number.NaN;
    }
    out[i] = map.factor * value;
  }
  return out;
}

/**
 * E(B−V) at one position: {@link ebvAt} for a single row.
 *
 * @example
 * ```ts
 * const map = healpixDustMap({ cards: [{ keyword: 'ORDERING', value: 'RING' }] }, new Float64Array(12).fill(0.1));
 * ebv(map, 166.28, -58.85); // => 0.1
 * ```
 */
export function ebv(map: DustMap, lon: number, lat: number, options: EbvLookupOptions = {}): number {
  return ebvAt(map, [lon], [lat], options)[0]!;
}
