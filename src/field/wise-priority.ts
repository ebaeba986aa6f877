/**
 * The WISE magnitudes of a source from several WISE catalogs by priority (paper Section 2.3): W1 and W2 from
 * AllWISE, else CatWISE2020, else unWISE; W3 from AllWISE only.
 *
 * @module
 */
import { ShapeMismatchError } from '../core/errors';
import type { CatalogBand } from './catalog';
import type { CounterpartMatches } from './match-counterparts';

/** The WISE catalogs in priority order for W1 and W2, by the key used in {@link FieldCatalogs}. */
export const WISE_PRIORITY = ['allwise', 'catwise', 'unwise'] as const;

/** A WISE catalog key of {@link WISE_PRIORITY}. */
export type WiseCatalogKey = (typeof WISE_PRIORITY)[number];

/** What {@link combineWise} returns. */
export interface WiseBands {
  /** W1, W2 (from the first catalog in priority order with a counterpart measured in W1 or W2) and W3 (AllWISE). */
  readonly bands: {
    /** WISE W1 (3.4 µm) magnitude and 1σ error per X-ray source, mag (Vega); `NaN` when no counterpart has W1/W2. */
    readonly W1: CatalogBand;
    /** WISE W2 (4.6 µm) magnitude and 1σ error per X-ray source, mag (Vega), from the same catalog as W1. */
    readonly W2: CatalogBand;
    /** WISE W3 (12 µm) magnitude and 1σ error per X-ray source, mag (Vega), from AllWISE only; `NaN` otherwise. */
    readonly W3: CatalogBand;
  };
  /** Per source, the name of the catalog that gave W1 and W2 (`''` when none). */
  readonly source: readonly string[];
}

function nanBand(n: number): { mag: Float64Array; err: Float64Array } {
  return { mag: new Float64Array(n).fill(Number.NaN), err: new Float64Array(n).fill(Number.NaN) };
}

/**
 * Combines per-catalog WISE matches by priority. For each source the first catalog of AllWISE → CatWISE2020 →
 * unWISE whose accepted counterpart has a W1 or a W2 magnitude supplies *both* W1 and W2 (never one band
 * from each, so that W1 − W2 is a colour measured in one catalog); W3 comes from the AllWISE counterpart only
 * (CatWISE2020 and unWISE have no W3), whichever catalog gave W1/W2. A catalog may be absent. Runs in O(n).
 *
 * @param matches - {@link matchCounterparts} results keyed `allwise`, `catwise`, `unwise` (any subset)
 * @param n - number of X-ray sources
 * @returns the W1, W2, W3 magnitudes and errors (`NaN` when none) and the W1/W2 catalog per source
 * @throws {ShapeMismatchError} when a match result does not have `n` entries
 * @example
 * ```ts
 * const xray = [{ ra: 166.281041, dec: -58.851519, pu: 0.8 }, { ra: 166.3, dec: -58.86, pu: 0.8 }];
 * const allwise = createCatalog({ name: 'AllWISE', ra: [166.28104], dec: [-58.85152], sigma: 0.1, bands: { W1: { mag: [12.1] }, W2: { mag: [11.9] }, W3: { mag: [10.2] } } });
 * const catwise = createCatalog({ name: 'CatWISE2020', ra: [166.28104, 166.3], dec: [-58.85152, -58.86], sigma: 0.1, bands: { W1: { mag: [12.2, 15.0] }, W2: { mag: [12.0, 14.8] } } });
 * const wise = combineWise({ allwise: matchCounterparts(xray, allwise), catwise: matchCounterparts(xray, catwise) }, xray.length);
 * wise.source;          // => ['AllWISE', 'CatWISE2020'] (or '' where none)
 * wise.bands.W1.mag;    // => Float64Array [12.1, 15]
 * wise.bands.W3.mag;    // => Float64Array [10.2, NaN] (AllWISE only)
 * ```
 */
export function combineWise(matches: Readonly<Partial<Record<WiseCatalogKey, CounterpartMatches>>>, n: number): WiseBands {
  for (const [key, m] of Object.entries(matches)) {
    if (m !== undefined && m.index.length !== n) throw new ShapeMismatchError(`combineWise: ${key} has ${m.index.length} entries, expected ${n}`);
  }
  const W1 = nanBand(n);
  const W2 = nanBand(n);
  const W3 = nanBand(n);
  const source: string[] = new Array<string>(n).fill('');
  for (let i = 0; i < n; i++) {
    for (const key of WISE_PRIORITY) {
      const m = matches[key];
      if (m === undefined || m.index[i]! < 0) continue;
      const w1 = m.bands.W1;
      const w2 = m.bands.W2;
      const has1 = w1 !== undefined && !Number.isNaN(w1.mag[i]!);
      const has2 = w2 !== undefined && !Number.isNaN(w2.mag[i]!);
      if (!has1 && !has2) continue;
      if (w1 !== undefined) {
        W1.mag[i] = w1.mag[i]!;
        W1.err[i] = w1.err[i]!;
      }
      if (w2 !== undefined) {
        W2.mag[i] = w2.mag[i]!;
        W2.err[i] = w2.err[i]!;
      }
      source[i] = m.catalog;
      break;
    }
    const w3 = matches.allwise?.bands.W3;
    if (w3 !== undefined) {
      W3.mag[i] = w3.mag[i]!;
      W3.err[i] = w3.err[i]!;
    }
  }
  return { bands: { W1, W2, W3 }, source };
}
