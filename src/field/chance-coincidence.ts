/**
 * Chance-coincidence probabilities of counterparts (paper Appendix C).
 *
 * @module
 */
import { median } from 'simple-statistics';

import { InvalidArgumentError } from '../core/errors';
import { ARCSEC_PER_DEGREE, angularSeparation } from './angular-separation';
import { catalogIndex, propagateCatalog, type Catalog } from './catalog';
import type { XrayPosition } from './match-counterparts';
import { xrayArrays } from './xray-arrays';
import { errorRadiusFactor, PAPER_MATCH_LEVEL, type ConfidenceLevel } from './positional-uncertainty';

/** Options of {@link chanceCoincidence}. */
export interface ChanceCoincidenceOptions {
  /** Radius R of the circle in which the local density is counted, arcsec (default 10). */
  readonly densityRadius?: number;
  /** Confidence level of the matching radius r (default {@link PAPER_MATCH_LEVEL}, as in {@link matchCounterparts}). */
  readonly level?: ConfidenceLevel;
  /** Epoch of the X-ray positions, Julian year (catalogs with proper motions are propagated first). */
  readonly epoch?: number;
}

/** What {@link chanceCoincidence} returns. */
export interface ChanceCoincidence {
  /** The catalog's name. */
  readonly catalog: string;
  /** Catalog sources within R of each X-ray source. */
  readonly count: Int32Array;
  /** Local density ρ = count / (π R²), arcsec⁻². */
  readonly density: Float64Array;
  /** Matching radius r = k √(σ_x² + σ̃_mw²), σ̃_mw the median 1σ of the sources counted (0 if none), arcsec. */
  readonly radius: Float64Array;
  /** P = 1 − exp(−ρ π r²) per source. */
  readonly probability: Float64Array;
  /** Mean P over the sources: the expected fraction of X-ray sources with a chance counterpart. */
  readonly meanProbability: number;
  /** Σ P: the expected number of chance counterparts in the field. */
  readonly expectedFalseMatches: number;
}

/** The median of the neighbours' σ (simple-statistics), 0 when there are none. */
function medianSigma(values: number[]): number {
  return values.length === 0 ? 0 : median(values);
}

/**
 * Chance-coincidence probability of a counterpart (paper Appendix C). Around each X-ray source the local
 * surface density of catalog sources is counted within R (default 10″), ρ = N(< R) / (π R²), and the
 * probability that at least one unrelated source falls inside the matching radius r is the Poisson
 *
 *   P = 1 − exp(−ρ π r²),
 *
 * with r the combined radius of {@link combinedErrorRadius} at `level`, σ_mw taken as the median positional
 * error of the counted sources. The count includes the true counterpart if there is one, which biases ρ up by
 * 1/(π R²) ≈ 0.003 arcsec⁻² at R = 10″ (negligible for crowded fields, conservative for sparse ones).
 * Runs in O(n (log N + N(< R))).
 *
 * @param xray - X-ray positions (`pu` = CSC `err_ellipse_r0`, arcsec)
 * @param catalog - the catalog
 * @param options - density radius, level, epoch
 * @returns per-source density, radius and probability, and the field's mean and sum
 * @throws {InvalidValueError} for a missing X-ray coordinate or a negative `pu`
 * @throws {InvalidArgumentError} for a non-positive density radius
 * @example
 * ```ts
 * const xray = [{ ra: 166.281041, dec: -58.851519, pu: 0.8 }];
 * const gaia = createCatalog({ name: 'Gaia', ra: [166.28104, 166.2812, 166.2805], dec: [-58.85152, -58.8503, -58.8525], sigma: 0.05 });
 * const pcc = chanceCoincidence(xray, gaia);
 * pcc.count[0];       // => 3 (within R = 10″)
 * pcc.density[0];     // => 0.009549 (= 3 / (π 10²) per arcsec²)
 * pcc.radius[0];      // => 0.8093 (arcsec)
 * pcc.probability[0]; // => 0.01946 (= 1 − exp(−ρ π r²))
 * ```
 */
export function chanceCoincidence(xray: readonly XrayPosition[], catalog: Catalog, options: ChanceCoincidenceOptions = {}): ChanceCoincidence {
  const R = options.densityRadius ?? 10;
  if (!(R > 0) || !Number.isFinite(R)) throw new InvalidArgumentError(`chanceCoincidence requires a positive finite densityRadius (arcsec), got ${R}`);
  const level = options.level ?? PAPER_MATCH_LEVEL;
  const k = errorRadiusFactor(level);
  const x = xrayArrays('chanceCoincidence', xray);
  const cat = options.epoch === undefined ? catalog : propagateCatalog(catalog, options.epoch);
  const tree = catalogIndex(cat);
  const n = xray.length;
  const count = new Int32Array(n);
  const density = new Float64Array(n);
  const radius = new Float64Array(n);
  const probability = new Float64Array(n);
  const area = Math.PI * R * R;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const rows = tree.within(x.ra[i]!, x.dec[i]!, R / ARCSEC_PER_DEGREE);
    const sigmas: number[] = [];
    for (let k = 0; k < rows.length; k++) {
      const j = rows[k]!;
      if (angularSeparation(x.ra[i]!, x.dec[i]!, cat.ra[j]!, cat.dec[j]!) * ARCSEC_PER_DEGREE <= R) sigmas.push(cat.sigma[j]!);
    }
    count[i] = sigmas.length;
    density[i] = sigmas.length / area;
    const sm = medianSigma(sigmas);
    const r = k * Math.sqrt(x.sigma[i]! * x.sigma[i]! + sm * sm); // combinedErrorRadius
    radius[i] = r;
    probability[i] = -Math.expm1(-density[i]! * Math.PI * r * r);
    sum += probability[i]!;
  }
  return { catalog: cat.name, count, density, radius, probability, meanProbability: n === 0 ? Number.NaN : sum / n, expectedFalseMatches: sum };
}
