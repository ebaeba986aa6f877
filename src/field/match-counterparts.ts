/**
 * Counterpart matching (paper Section 2.3): for each X-ray source, the nearest catalog source within a search
 * radius, kept only if it lies inside the combined positional-uncertainty radius.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import type { MagnitudeBand } from '../io/schema';
import { ARCSEC_PER_DEGREE, angularSeparation } from './angular-separation';
import { catalogIndex, propagateCatalog, type Catalog, type CatalogBand } from './catalog';
import { errorRadiusFactor, PAPER_MATCH_LEVEL, type ConfidenceLevel } from './positional-uncertainty';
import { xrayArrays } from './xray-arrays';

/** An X-ray source position with its CSC error radius. */
export interface XrayPosition {
  /** Right ascension, deg. */
  readonly ra: number;
  /** Declination, deg. */
  readonly dec: number;
  /**
   * Positional uncertainty, arcsec: CSC `err_ellipse_r0`, the semi-major axis of the 95% error ellipse with
   * the 0.71″ systematic included (the training set's `CSCv2_PU`).
   */
  readonly pu: number;
}

/** Options of {@link matchCounterparts}. */
export interface MatchOptions {
  /** Search radius around each X-ray position, arcsec (default 10, the paper's). */
  readonly searchRadius?: number;
  /** Confidence level of the combined acceptance radius (default {@link PAPER_MATCH_LEVEL}, `'95%'`: the paper's "2σ"). */
  readonly level?: ConfidenceLevel;
  /**
   * Epoch of the X-ray positions, Julian year. When given and the catalog has proper motions, the catalog is
   * first moved to this epoch with {@link propagateCatalog} (its positional errors grow accordingly).
   */
  readonly epoch?: number;
}

/** What {@link matchCounterparts} returns: one entry per X-ray source in every array. */
export interface CounterpartMatches {
  /** The catalog's name. */
  readonly catalog: string;
  /** Search radius used, arcsec. */
  readonly searchRadius: number;
  /** Confidence level of `radius`. */
  readonly level: ConfidenceLevel;
  /** Row of the accepted counterpart in the catalog, −1 when none. */
  readonly index: Int32Array;
  /** Row of the nearest catalog source within the search radius (accepted or not), −1 when none. */
  readonly nearest: Int32Array;
  /** Number of catalog sources within the search radius. */
  readonly candidates: Int32Array;
  /** Separation to the nearest candidate, arcsec (`NaN` when none). */
  readonly separation: Float64Array;
  /** Combined radius k √(σ_x² + σ_mw²) with the nearest candidate's σ_mw, arcsec (`NaN` when none). */
  readonly radius: Float64Array;
  /** Magnitudes and errors of the accepted counterpart by band (`NaN` when none). */
  readonly bands: Readonly<Partial<Record<MagnitudeBand, CatalogBand>>>;
  /** The catalog's extra columns for the accepted counterpart (`NaN` when none). */
  readonly extra: Readonly<Record<string, Float64Array>>;
}

/**
 * Finds each X-ray source's counterpart in a catalog (paper Section 2.3): the nearest catalog source within
 * the search radius R (default 10″) is accepted only if its separation d satisfies
 *
 *   d ≤ k √(σ_x² + σ_mw²),
 *
 * where σ_x = `pu` / 2.4477 (CSC's 95% radius as 1σ, `cscSigma`), σ_mw the catalog source's 1σ error,
 * and k the level's factor (2.4477 for the paper's "2σ", the 95% radius): the {@link combinedErrorRadius}. A farther candidate is not tried when the nearest is rejected (as in
 * the paper), so a source with two candidates gets the nearer one or none. Candidates are counted and
 * ranked by chord length in the catalog's cached {@link SkyIndex} (monotone in the separation); the reported
 * separation is Vincenty's ({@link angularSeparation}). Runs in O(N log N) once per catalog (the index) plus
 * O(log N + k) per source.
 *
 * @param xray - X-ray positions (`ra`, `dec` in deg, `pu` = `err_ellipse_r0` in arcsec)
 * @param catalog - the catalog ({@link createCatalog}, {@link parseCatalog})
 * @param options - search radius, confidence level, epoch
 * @returns per source: accepted row, nearest candidate, separation, radius, magnitudes
 * @throws {InvalidValueError} for a missing coordinate or a negative `pu`, naming the row
 * @throws {InvalidArgumentError} for a negative search radius or a malformed level
 * @example
 * ```ts
 * const gaia = createCatalog({ name: 'Gaia', ra: [166.28104], dec: [-58.85152], sigma: 0.05, bands: { G: { mag: [17.1], err: [0.003] } } });
 * const m = matchCounterparts([{ ra: 166.281041, dec: -58.851519, pu: 0.8 }], gaia);
 * m.index[0];        // => 0
 * m.bands.G!.mag[0]; // => 17.1
 * ```
 */
export function matchCounterparts(xray: readonly XrayPosition[], catalog: Catalog, options: MatchOptions = {}): CounterpartMatches {
  const searchRadius = options.searchRadius ?? 10;
  if (!(searchRadius >= 0) || !Number.isFinite(searchRadius)) {
    throw new InvalidArgumentError(`matchCounterparts requires a non-negative finite searchRadius (arcsec), got ${searchRadius}`);
  }
  const level = options.level ?? PAPER_MATCH_LEVEL;
  const k = errorRadiusFactor(level);
  const x = xrayArrays('matchCounterparts', xray);
  const cat = options.epoch === undefined ? catalog : propagateCatalog(catalog, options.epoch);
  const tree = catalogIndex(cat);
  const n = xray.length;
  const index = new Int32Array(n).fill(-1);
  const nearest = new Int32Array(n).fill(-1);
  const candidates = new Int32Array(n);
  const separation = new Float64Array(n).fill(Number.NaN);
  const radius = new Float64Array(n).fill(Number.NaN);
  const searchDeg = searchRadius / ARCSEC_PER_DEGREE;
  for (let i = 0; i < n; i++) {
    const ra = x.ra[i]!;
    const dec = x.dec[i]!;
    const { nearest: best, count } = tree.nearestAndCount(ra, dec, searchDeg);
    candidates[i] = count;
    if (best < 0) continue;
    const bestSep = angularSeparation(ra, dec, cat.ra[best]!, cat.dec[best]!) * ARCSEC_PER_DEGREE;
    nearest[i] = best;
    separation[i] = bestSep;
    const sx = x.sigma[i]!;
    const sm = cat.sigma[best]!;
    const r = k * Math.sqrt(sx * sx + sm * sm); // combinedErrorRadius, with k computed once
    radius[i] = r;
    if (bestSep <= r) index[i] = best;
  }
  const pick = (values: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = index[i]! >= 0 ? values[index[i]!]! : Number.NaN;
    return out;
  };
  const bands: Partial<Record<MagnitudeBand, CatalogBand>> = {};
  for (const [band, b] of Object.entries(cat.bands) as [MagnitudeBand, CatalogBand][]) bands[band] = { mag: pick(b.mag), err: pick(b.err) };
  const extra: Record<string, Float64Array> = {};
  for (const [key, values] of Object.entries(cat.extra)) extra[key] = pick(values);
  return { catalog: cat.name, searchRadius, level, index, nearest, candidates, separation, radius, bands, extra };
}
