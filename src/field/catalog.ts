/**
 * A multiwavelength catalog in memory: positions, 1σ positional errors and magnitudes in flat typed arrays
 * (catalogs around a field reach millions of rows), with optional proper motions for epoch propagation.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError } from '../core/errors';
import type { MagnitudeBand } from '../io/schema';
import { DEG_TO_RAD } from './angular-separation';
import { SkyIndex } from './sky-index';

/** A magnitude column with its 1σ error (mag, Vega); `NaN` = not measured. */
export interface CatalogBand {
  /** Magnitude of each row (mag); `NaN` where the source was not measured in this band. */
  readonly mag: Float64Array;
  /** 1σ error of each magnitude (mag), same length; `NaN` when unknown. */
  readonly err: Float64Array;
}

/** Proper motions of a catalog, for propagating its positions to another epoch ({@link propagateCatalog}). */
export interface CatalogAstrometry {
  /** Epoch of the positions, Julian year (Gaia EDR3: 2016.0). */
  readonly epoch: number;
  /** μα* = μα cos δ, mas/yr (`NaN` = none: the position is not moved). */
  readonly pmRa: Float64Array;
  /** μδ, mas/yr. */
  readonly pmDec: Float64Array;
  /** 1σ error of μα*, mas/yr (optional). */
  readonly pmRaError?: Float64Array;
  /** 1σ error of μδ, mas/yr (optional). */
  readonly pmDecError?: Float64Array;
}

/** A validated catalog (build one with {@link createCatalog} or {@link parseCatalog}). */
export interface Catalog {
  /** Name used in messages and output columns, e.g. `"Gaia"`. */
  readonly name: string;
  /** Number of rows. */
  readonly size: number;
  /** Right ascension, deg in [0, 360). */
  readonly ra: Float64Array;
  /** Declination, deg. */
  readonly dec: Float64Array;
  /** 1σ positional error (semi-major axis of the error ellipse), arcsec. */
  readonly sigma: Float64Array;
  /** Magnitudes by band of the paper's Table 3. */
  readonly bands: Readonly<Partial<Record<MagnitudeBand, CatalogBand>>>;
  /** Proper motions, when known. */
  readonly astrometry?: CatalogAstrometry;
  /** Other numeric columns carried to the output (e.g. Gaia's `Plx`, `e_Plx`). */
  readonly extra: Readonly<Record<string, Float64Array>>;
}

/** The friendly input of {@link createCatalog}: plain arrays, converted once. */
export interface CatalogInput {
  /** Name used in messages and output columns, e.g. `"Gaia"`. */
  readonly name: string;
  /** Right ascension per row, deg (finite; wrapped into [0, 360)). */
  readonly ra: ArrayLike<number>;
  /** Declination per row, deg in [−90, 90]; same length as `ra`. */
  readonly dec: ArrayLike<number>;
  /** 1σ positional error per row, or one value for all rows, arcsec. */
  readonly sigma: ArrayLike<number> | number;
  /** Magnitudes and 1σ errors; a missing `err` is all `NaN`. */
  readonly bands?: Readonly<
    Partial<
      Record<
        MagnitudeBand,
        {
          /** Magnitude per row (mag); `NaN` = not measured. */
          readonly mag: ArrayLike<number>;
          /** 1σ magnitude error per row (mag), non-negative or `NaN`; absent = all `NaN`. */
          readonly err?: ArrayLike<number>;
        }
      >
    >
  >;
  /** Proper motions, for propagating positions to another epoch (see {@link CatalogAstrometry}). */
  readonly astrometry?: {
    /** Epoch of the positions, Julian year (Gaia EDR3: 2016.0). */
    readonly epoch: number;
    /** μα* = μα cos δ per row, mas/yr (`NaN` = none: the position is not moved). */
    readonly pmRa: ArrayLike<number>;
    /** μδ per row, mas/yr. */
    readonly pmDec: ArrayLike<number>;
    /** 1σ error of μα* per row, mas/yr (optional). */
    readonly pmRaError?: ArrayLike<number>;
    /** 1σ error of μδ per row, mas/yr (optional). */
    readonly pmDecError?: ArrayLike<number>;
  };
  /** Other numeric columns carried to the output by name (e.g. Gaia's `Plx`, `e_Plx` in mas), one value per row. */
  readonly extra?: Readonly<Record<string, ArrayLike<number>>>;
}

function column(name: string, what: string, values: ArrayLike<number>, n: number): Float64Array {
  if (values.length !== n) throw new InvalidArgumentError(`createCatalog(${name}): ${what} has ${values.length} values but ra has ${n}`);
  return Float64Array.from(values);
}

/**
 * Builds a {@link Catalog} from plain arrays, copying them into typed arrays (inputs are never modified) and
 * validating every row. RA is wrapped into [0, 360).
 *
 * @param input - the catalog's columns
 * @returns the catalog
 * @throws {InvalidArgumentError} when column lengths differ
 * @throws {InvalidValueError} for a missing or invalid coordinate, a missing or negative positional error, or a
 *   negative magnitude error — naming the catalog, the 0-based row and the column
 * @example
 * ```ts
 * const gaia = createCatalog({ name: 'Gaia', ra: [10.0001], dec: [-5], sigma: 0.05, bands: { G: { mag: [18.2], err: [0.003] } } });
 * gaia.size;           // => 1
 * gaia.bands.G!.mag;   // => Float64Array [18.2]
 * ```
 */
export function createCatalog(input: CatalogInput): Catalog {
  const { name } = input;
  const n = input.ra.length;
  const ra = column(name, 'ra', input.ra, n);
  const dec = column(name, 'dec', input.dec, n);
  const sigma = typeof input.sigma === 'number' ? new Float64Array(n).fill(input.sigma) : column(name, 'sigma', input.sigma, n);
  for (let i = 0; i < n; i++) {
    const a = ra[i]!;
    const d = dec[i]!;
    if (!Number.isFinite(a)) throw new InvalidValueError(`${name}: missing or non-finite right ascension (${a})`, { source: name, row: i, column: 'ra' });
    if (!Number.isFinite(d) || Math.abs(d) > 90) throw new InvalidValueError(`${name}: missing or invalid declination (${d})`, { source: name, row: i, column: 'dec' });
    if (a < 0 || a >= 360) ra[i] = ((a % 360) + 360) % 360;
    const s = sigma[i]!;
    if (!(s >= 0) || !Number.isFinite(s)) {
      throw new InvalidValueError(`${name}: positional error must be a non-negative number, got ${s}`, { source: name, row: i, column: 'sigma' });
    }
  }
  const bands: Partial<Record<MagnitudeBand, CatalogBand>> = {};
  for (const [band, b] of Object.entries(input.bands ?? {}) as [MagnitudeBand, { mag: ArrayLike<number>; err?: ArrayLike<number> }][]) {
    const mag = column(name, `${band} magnitude`, b.mag, n);
    const err = b.err === undefined ? new Float64Array(n).fill(Number.NaN) : column(name, `${band} error`, b.err, n);
    for (let i = 0; i < n; i++) {
      if (err[i]! < 0) throw new InvalidValueError(`${name}: negative ${band} magnitude error ${err[i]}`, { source: name, row: i, column: `e_${band}mag` });
    }
    bands[band] = { mag, err };
  }
  let astrometry: CatalogAstrometry | undefined;
  if (input.astrometry !== undefined) {
    const a = input.astrometry;
    if (!Number.isFinite(a.epoch)) throw new InvalidArgumentError(`createCatalog(${name}): astrometry epoch must be finite, got ${a.epoch}`);
    astrometry = {
      epoch: a.epoch,
      pmRa: column(name, 'pmRa', a.pmRa, n),
      pmDec: column(name, 'pmDec', a.pmDec, n),
      ...(a.pmRaError === undefined ? {} : { pmRaError: column(name, 'pmRaError', a.pmRaError, n) }),
      ...(a.pmDecError === undefined ? {} : { pmDecError: column(name, 'pmDecError', a.pmDecError, n) }),
    };
  }
  const extra: Record<string, Float64Array> = {};
  for (const [key, values] of Object.entries(input.extra ?? {})) extra[key] = column(name, key, values, n);
  return { name, size: n, ra, dec, sigma, bands, ...(astrometry === undefined ? {} : { astrometry }), extra };
}

/**
 * Julian year of a Modified Julian Date: 2000.0 + (MJD − 51544.5) / 365.25 (J2000.0 = MJD 51544.5 TT).
 *
 * @example
 * ```ts
 * julianYearFromMjd(57388.5); // => 2016 (J2016.0, Gaia EDR3's epoch)
 * ```
 */
export function julianYearFromMjd(mjd: number): number {
  return 2000 + (mjd - 51544.5) / 365.25;
}

/**
 * Propagates a catalog's positions to another epoch with its proper motions (linear motion on the sphere,
 * no parallax or radial velocity; ESA 1997 Vol. 1 Sec. 1.5.5 to first order):
 *
 *   u(t) = normalise( u + Δt (μα* p̂ + μδ q̂) ),  Δt = epoch − epoch₀,
 *
 * with u the unit vector, p̂ = (−sin α, cos α, 0) toward east and q̂ = (−sin δ cos α, −sin δ sin α, cos δ)
 * toward north; exact at the poles. The positional error grows with the proper-motion error:
 * σ(t)² = σ² + (max(σ_μα*, σ_μδ) Δt)². Rows with unknown proper motion keep their position and error.
 * Gaia EDR3 positions are at J2016.0, Chandra's are at the observation epochs (≈ 2000–2020), so a
 * high-proper-motion star can be several arcseconds from its X-ray position without this.
 * Runs in O(N).
 *
 * @param catalog - a catalog with `astrometry` (returned as is, without copying, when it has none)
 * @param epoch - the target epoch, Julian year (e.g. `julianYearFromMjd(mjd)` of the X-ray observation)
 * @returns a new catalog at `epoch` (magnitudes are shared, not copied: catalogs are never mutated)
 * @throws {InvalidArgumentError} for a non-finite epoch
 * @example
 * ```ts
 * const gaia = createCatalog({ name: 'Gaia', ra: [166.28104], dec: [-58.85152], sigma: 0.05, astrometry: { epoch: 2016, pmRa: [100], pmDec: [-200] } });
 * const gaiaAt2005 = propagateCatalog(gaia, 2005.0); // 11 years earlier: 1.1″ west, 2.2″ north (μ in mas/yr)
 * (gaiaAt2005.dec[0] - gaia.dec[0]) * 3600;        // => 2.2000 (arcsec)
 * ```
 */
export function propagateCatalog(catalog: Catalog, epoch: number): Catalog {
  if (!Number.isFinite(epoch)) throw new InvalidArgumentError(`propagateCatalog requires a finite epoch, got ${epoch}`);
  const a = catalog.astrometry;
  if (a === undefined) return catalog;
  const dt = epoch - a.epoch;
  const n = catalog.size;
  const ra = Float64Array.from(catalog.ra);
  const dec = Float64Array.from(catalog.dec);
  const sigma = Float64Array.from(catalog.sigma);
  const masToRad = DEG_TO_RAD / 3.6e6;
  for (let i = 0; i < n; i++) {
    const pmRa = a.pmRa[i]!;
    const pmDec = a.pmDec[i]!;
    if (!Number.isFinite(pmRa) || !Number.isFinite(pmDec)) continue;
    const al = ra[i]! * DEG_TO_RAD;
    const de = dec[i]! * DEG_TO_RAD;
    const sa = Math.sin(al);
    const ca = Math.cos(al);
    const sd = Math.sin(de);
    const cd = Math.cos(de);
    const e = pmRa * masToRad * dt;
    const nn = pmDec * masToRad * dt;
    const x = cd * ca - e * sa - nn * sd * ca;
    const y = cd * sa + e * ca - nn * sd * sa;
    const z = sd + nn * cd;
    let r = Math.atan2(y, x) / DEG_TO_RAD;
    if (r < 0) r += 360;
    if (r >= 360) r -= 360;
    ra[i] = r;
    dec[i] = Math.atan2(z, Math.hypot(x, y)) / DEG_TO_RAD;
    const ePm = Math.max(a.pmRaError?.[i] ?? 0, a.pmDecError?.[i] ?? 0);
    if (ePm > 0) sigma[i] = Math.hypot(sigma[i]!, (ePm / 1000) * dt);
  }
  return { ...catalog, ra, dec, sigma, astrometry: { ...a, epoch } };
}

const INDEXES = new WeakMap<Catalog, SkyIndex>();

/**
 * The {@link SkyIndex} of a catalog's positions, built on first use and cached for the catalog object's
 * lifetime (a `WeakMap`: the catalog itself is not modified). Built in O(N log N): ≈0.3 s for 10⁶ rows.
 *
 * @example
 * ```ts
 * const gaia = createCatalog({ name: 'Gaia', ra: [166.28104, 166.2812, 200], dec: [-58.85152, -58.8503, 30], sigma: 0.05 });
 * catalogIndex(gaia).countWithin(166.28, -58.85, 10 / 3600); // => 2 (within 10″)
 * catalogIndex(gaia) === catalogIndex(gaia);                 // => true (built once)
 * ```
 */
export function catalogIndex(catalog: Catalog): SkyIndex {
  let index = INDEXES.get(catalog);
  if (index === undefined) {
    index = new SkyIndex(catalog.ra, catalog.dec);
    INDEXES.set(catalog, index);
  }
  return index;
}
