/**
 * Matching a field against all the paper's catalogs at once (Section 2.3): Gaia EDR3 for G, BP, RP; 2MASS for
 * J, H, K; AllWISE, CatWISE2020 and unWISE for W1, W2, W3 by priority.
 *
 * @module
 */
import { MAGNITUDE_BANDS, type MagnitudeBand } from '../io/schema';
import type { Catalog, CatalogBand } from './catalog';
import { matchCounterparts, type CounterpartMatches, type MatchOptions, type XrayPosition } from './match-counterparts';
import { combineWise } from './wise-priority';

/** The catalogs of a field, by key (any subset). */
export interface FieldCatalogs {
  /** Gaia EDR3: G, BP, RP (and `Plx`, `e_Plx`, proper motions when present). */
  readonly gaia?: Catalog;
  /** 2MASS point sources: J, H, K. */
  readonly tmass?: Catalog;
  /** AllWISE: W1, W2 (first priority) and W3 (only source of W3). */
  readonly allwise?: Catalog;
  /** CatWISE2020: W1, W2 (second priority). */
  readonly catwise?: Catalog;
  /** unWISE: W1, W2 (third priority). */
  readonly unwise?: Catalog;
}

/** A key of {@link FieldCatalogs}. */
export type FieldCatalogKey = keyof FieldCatalogs;

/** The keys of {@link FieldCatalogs} in output order. */
export const FIELD_CATALOG_KEYS: readonly FieldCatalogKey[] = ['gaia', 'tmass', 'allwise', 'catwise', 'unwise'];

/** The bands each non-WISE catalog supplies. */
export const CATALOG_BANDS: Readonly<Record<'gaia' | 'tmass', readonly MagnitudeBand[]>> = { gaia: ['G', 'BP', 'RP'], tmass: ['J', 'H', 'K'] };

/** What {@link matchField} returns. */
export interface FieldMatch {
  /** Number of X-ray sources. */
  readonly size: number;
  /** The per-catalog matches. */
  readonly matches: Readonly<Partial<Record<FieldCatalogKey, CounterpartMatches>>>;
  /** The nine bands of Table 3, `NaN` where no counterpart or no measurement. */
  readonly bands: Readonly<Record<MagnitudeBand, CatalogBand>>;
  /** The WISE catalog that gave W1 and W2, per source (`''` when none). */
  readonly wiseSource: readonly string[];
  /** Gaia astrometry of the counterpart: `Plx`, `e_Plx` (mas) and `PM` = √(μα*² + μδ²) (mas/yr), `NaN` when none. */
  readonly astrometry: {
    /** Gaia parallax ϖ of the counterpart, mas, one per X-ray source; `NaN` when no Gaia match or no parallax. */
    readonly Plx: Float64Array;
    /** 1σ error of `Plx`, mas; `NaN` when none. */
    readonly e_Plx: Float64Array;
    /** Total proper motion √(μα*² + μδ²) of the Gaia counterpart, mas/yr; `NaN` when none. */
    readonly PM: Float64Array;
  };
}

/**
 * Matches X-ray sources against every given catalog with {@link matchCounterparts} (same options for all;
 * `epoch` moves the catalogs that have proper motions) and assembles the nine magnitudes of the paper's
 * Table 3, taking WISE bands by priority ({@link combineWise}). Runs in O(Σ N_c log N_c + n log N).
 *
 * @param xray - X-ray positions
 * @param catalogs - the catalogs, any subset
 * @param options - see {@link MatchOptions}
 * @returns magnitudes per band and the per-catalog matches
 * @throws {InvalidValueError} for a missing X-ray coordinate or a negative `pu`
 * @example
 * ```ts
 * const xray = [{ ra: 166.281041, dec: -58.851519, pu: 0.8 }];
 * const gaia = createCatalog({ name: 'Gaia', ra: [166.28104], dec: [-58.85152], sigma: 0.05, bands: { G: { mag: [17.1], err: [0.003] } } });
 * const tmass = createCatalog({ name: '2MASS', ra: [166.28105], dec: [-58.85151], sigma: 0.1, bands: { J: { mag: [15.2] }, H: { mag: [14.6] } } });
 * const field = matchField(xray, { gaia, tmass });
 * field.bands.G.mag[0]; // => 17.1
 * field.bands.J.mag[0]; // => 15.2
 * field.bands.K.mag[0]; // => NaN (not measured)
 * field.wiseSource[0];  // => '' (no WISE catalog given)
 * ```
 */
export function matchField(xray: readonly XrayPosition[], catalogs: FieldCatalogs, options: MatchOptions = {}): FieldMatch {
  const n = xray.length;
  const matches: Partial<Record<FieldCatalogKey, CounterpartMatches>> = {};
  for (const key of FIELD_CATALOG_KEYS) {
    const catalog = catalogs[key];
    if (catalog !== undefined) matches[key] = matchCounterparts(xray, catalog, options);
  }
  const empty = (): CatalogBand => ({ mag: new Float64Array(n).fill(Number.NaN), err: new Float64Array(n).fill(Number.NaN) });
  const bands = Object.fromEntries(MAGNITUDE_BANDS.map((b) => [b, empty()])) as Record<MagnitudeBand, CatalogBand>;
  for (const key of ['gaia', 'tmass'] as const) {
    const m = matches[key];
    if (m === undefined) continue;
    for (const band of CATALOG_BANDS[key]) {
      const b = m.bands[band];
      if (b !== undefined) bands[band] = b;
    }
  }
  const wise = combineWise(matches, n);
  bands.W1 = wise.bands.W1;
  bands.W2 = wise.bands.W2;
  bands.W3 = wise.bands.W3;

  const nan = () => new Float64Array(n).fill(Number.NaN);
  const astrometry: { Plx: Float64Array; e_Plx: Float64Array; PM: Float64Array } = { Plx: nan(), e_Plx: nan(), PM: nan() };
  const g = matches.gaia;
  const gaia = catalogs.gaia;
  if (g !== undefined && gaia !== undefined) {
    if (g.extra.Plx !== undefined) astrometry.Plx = g.extra.Plx;
    if (g.extra.e_Plx !== undefined) astrometry.e_Plx = g.extra.e_Plx;
    const a = gaia.astrometry;
    if (a !== undefined) {
      for (let i = 0; i < n; i++) {
        const j = g.index[i]!;
        if (j >= 0) astrometry.PM[i] = Math.hypot(a.pmRa[j]!, a.pmDec[j]!);
      }
    }
  }
  return { size: n, matches, bands, wiseSource: wise.source, astrometry };
}

/**
 * The rows of a {@link FieldMatch} as records in the training-set schema's column names (`Gmag`, `e_Gmag`, …,
 * `W3mag`, `e_W3mag`, `Plx`, `e_Plx`, `PM`), followed by diagnostics per catalog (`<name>_sep` and `<name>_r`
 * in arcsec for the nearest candidate, `<name>_n` candidates within the search radius, `<name>_match` 1/0)
 * and `WISE_source`. Missing values are `NaN`.
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { writeCsv } from 'muwclass/node';
 * const xray = [{ ra: 166.281041, dec: -58.851519, pu: 0.8 }];
 * const gaia = createCatalog({ name: 'Gaia', ra: [166.28104], dec: [-58.85152], sigma: 0.05, bands: { G: { mag: [17.1], err: [0.003] } } });
 * const rows = fieldMatchRecords(matchField(xray, { gaia }));
 * rows[0].Gmag;       // => 17.1
 * rows[0].Gaia_sep;   // => 0.0041 (arcsec)
 * rows[0].Gaia_match; // => 1
 * await writeCsv(join(tmpdir(), 'field_mw.csv'), Object.keys(rows[0]), rows);
 * ```
 */
export function fieldMatchRecords(field: FieldMatch): Record<string, number | string>[] {
  const rows: Record<string, number | string>[] = [];
  for (let i = 0; i < field.size; i++) {
    const r: Record<string, number | string> = {};
    for (const band of MAGNITUDE_BANDS) {
      r[`${band}mag`] = field.bands[band].mag[i]!;
      r[`e_${band}mag`] = field.bands[band].err[i]!;
    }
    r.Plx = field.astrometry.Plx[i]!;
    r.e_Plx = field.astrometry.e_Plx[i]!;
    r.PM = field.astrometry.PM[i]!;
    for (const key of FIELD_CATALOG_KEYS) {
      const m = field.matches[key];
      if (m === undefined) continue;
      r[`${m.catalog}_sep`] = m.separation[i]!;
      r[`${m.catalog}_r`] = m.radius[i]!;
      r[`${m.catalog}_n`] = m.candidates[i]!;
      r[`${m.catalog}_match`] = m.index[i]! >= 0 ? 1 : 0;
    }
    r.WISE_source = field.wiseSource[i]!;
    rows.push(r);
  }
  return rows;
}
