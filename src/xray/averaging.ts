/**
 * Per-observation CSC detections → per-source X-ray features (paper Section 2.2, eq. 1–4), exactly as the
 * authors' pipeline computes them (`docs/AVERAGING.md`, verified against their averaged tables):
 *
 * 1. filter detections ({@link filterDetections});
 * 2. Fechner mean and sigma of every detection's s, m, h flux (eq. 1, {@link FechnerFlux});
 * 3. per band, the inverse-variance weighted mean over the detections that have it (eq. 3);
 * 4. a band with no detection gets the null flux (mode 0, upper limit 1e-17) and sets its `flux_flag` bit;
 * 5. broad band Fb = Fs + Fm + Fh, errors in quadrature (eq. 2);
 * 6. detections with all of s, m, h give the variability inputs: per detection broad = s + m + h;
 *    `dof` = n − 1, `P_intra` = max `kp_prob_b`, `significance_max` = max `flux_significance_b`;
 * 7. with n ≥ 2, χ² of a constant fit and `P_inter` = chi-square CDF(χ², dof) (eq. 4);
 * 8. one record per source, in order of first appearance, with its master position and positional uncertainty
 *    (`err_ellipse_r0`, the paper's `CSCv2_PU`).
 *
 * Quirks kept for fidelity: a detection missing a band still contributes its other bands to the averages but
 * is left out of the variability statistics (its Kuiper probability too); the χ² uses s + m + h per
 * detection, not the catalog's broad-band flux.
 *
 * @module
 */
import { InvalidValueError } from '../core/errors';
import type { CscDetection, FluxLimits } from '../io/csc-detections';
import { filterDetections, REJECTION_REASONS, type DetectionFilterOptions, type RejectionReason } from './detection-filter';
import { broadbandFlux, FechnerFlux, fluxLimitsProblem, type FluxMoments } from './fechner';
import { interObservationVariability, intraObservationVariability } from './variability';
import { inverseVarianceWeightedMean } from './weighted-mean';

/** A band averaged over observations: soft, medium or hard (the broad band is their sum). */
export type AveragedBand = 's' | 'm' | 'h';
/** The averaged bands, in order. */
const BANDS: readonly AveragedBand[] = ['s', 'm', 'h'];

/** The `flux_flag` bit of a band with no detection (null flux): 1 soft, 2 medium, 4 hard. */
export const FLUX_FLAG_BITS: Readonly<Record<AveragedBand, number>> = { s: 1, m: 2, h: 4 };

/**
 * One source's averaged X-ray features: the training-set columns (`Fs … e_Fb`, `P_intra`, `P_inter`; fluxes
 * in erg s⁻¹ cm⁻²) and the averaging's bookkeeping. Missing values are `NaN`.
 */
export interface AveragedSource {
  /** Source name (trimmed). */
  readonly name: string;
  /** Master right ascension, deg. */
  readonly ra: number;
  /** Master declination, deg. */
  readonly dec: number;
  /**
   * Positional uncertainty PU, arcsec: the master `err_ellipse_r0`, the semi-major axis of CSC's 95% error
   * ellipse (0.71″ systematic included), which the paper takes as the X-ray "2σ" radius (Section 2.3,
   * footnote 8) and writes as the training set's `CSCv2_PU`. The first detection's value that is present
   * (a master-level column: every detection of a source carries the same); `NaN` when no detection has one.
   */
  readonly pu: number;
  /** Soft band (0.5–1.2 keV) averaged flux and its error. */
  readonly Fs: number;
  /** 1σ error of `Fs` (eq. 3b), erg s⁻¹ cm⁻². */
  readonly e_Fs: number;
  /** Medium band (1.2–2 keV) averaged flux and its error. */
  readonly Fm: number;
  /** 1σ error of `Fm` (eq. 3b), erg s⁻¹ cm⁻². */
  readonly e_Fm: number;
  /** Hard band (2–7 keV) averaged flux and its error. */
  readonly Fh: number;
  /** 1σ error of `Fh` (eq. 3b), erg s⁻¹ cm⁻². */
  readonly e_Fh: number;
  /** Broad band (0.5–7 keV) = Fs + Fm + Fh, errors in quadrature (eq. 2). */
  readonly Fb: number;
  /** 1σ error of `Fb`: e_Fs, e_Fm, e_Fh in quadrature (eq. 2), erg s⁻¹ cm⁻². */
  readonly e_Fb: number;
  /** Intra-observation variability: max Kuiper probability over detections with s, m and h (`NaN` if none). */
  readonly P_intra: number;
  /** Inter-observation variability: chi-square CDF of the constant fit (eq. 4b); `NaN` with fewer than 2. */
  readonly P_inter: number;
  /** Number of detections used (after filtering and de-duplication). */
  readonly n_obs: number;
  /** χ² of the constant fit to the per-detection broad fluxes (eq. 4a); `NaN` with fewer than 2. */
  readonly chisqr: number;
  /** Degrees of freedom: detections with all of s, m, h, minus one (−1 when none). */
  readonly dof: number;
  /** Max `flux_significance_b` over detections with s, m and h (`NaN` if none). */
  readonly significance_max: number;
  /** Sum of {@link FLUX_FLAG_BITS} of the null (never detected) bands: 0 when all three were measured. */
  readonly flux_flag: number;
}

/** Why a source is absent from the averaged output. */
export type DropReason =
  /** Every detection of the source was filtered out. */
  | 'all-detections-filtered'
  /** No kept detection has any of the s, m, h fluxes. */
  | 'all-bands-null';

/** A source left out of the output, and why. */
export interface DroppedSource {
  /** The source name (trimmed), as in the input. */
  readonly name: string;
  /** Why it was dropped. */
  readonly reason: DropReason;
}

/** What the averaging did: counts in and out, and the sources it dropped. */
export interface AveragingSummary {
  /** Detections given. */
  readonly detectionsIn: number;
  /** Detections used after filtering and de-duplication. */
  readonly detectionsUsed: number;
  /** Detections left out, by reason. */
  readonly rejected: Readonly<Record<RejectionReason, number>>;
  /** Distinct source names given. */
  readonly sourcesIn: number;
  /** Sources output. */
  readonly sourcesOut: number;
  /** Sources dropped, in order of first appearance, with the reason. */
  readonly dropped: readonly DroppedSource[];
}

/** What {@link averageObservations} returns. */
export interface AveragingResult {
  /** One record per source, in order of first appearance in the input. */
  readonly sources: AveragedSource[];
  /** Detection and source counts in and out, rejections by reason, and the dropped sources. */
  readonly summary: AveragingSummary;
}

/** Options of {@link averageObservations}: the detection filter thresholds and the input's name for errors. */
export type AveragingOptions = DetectionFilterOptions;

/** The largest non-NaN value, or NaN when there is none. */
function maxIgnoringMissing(values: readonly number[]): number {
  let max = Number.NaN;
  for (const x of values) if (!Number.isNaN(x) && !(x <= max)) max = x;
  return max;
}

function bandPresent(limits: FluxLimits): boolean {
  return !Number.isNaN(limits.mode) && !Number.isNaN(limits.lo) && !Number.isNaN(limits.hi);
}

/**
 * Averages CSC per-observation detections into one record of X-ray features per source, following the
 * authors' pipeline step by step (see the module description and `docs/AVERAGING.md`). Pure: records in,
 * new records and a summary out. Runs in O(n) for n detections.
 *
 * A band of a detection is missing when its mode, lower or upper limit is `NaN`. Sources whose every
 * detection was filtered out, or whose kept detections have none of s, m, h, are not output; the summary
 * names them.
 *
 * @param detections - CSC per-observation detections (e.g. from `readCscDetections`)
 * @param options - detection filter thresholds (defaults 10 arcmin, 0.3) and the input's name for errors
 * @returns the averaged sources and a summary
 * @throws {InvalidValueError} for a kept detection with invalid flux limits (negative, lower limit above the
 *   mode, upper limit below it), with zero-width limits in a band averaged over several detections, or
 *   without name/obsid/region_id/obi — naming the input, the detection's row and the column
 * @throws {InvalidArgumentError} when a filter threshold is NaN
 * @example
 * ```ts
 * import { readCscDetections } from 'muwclass/node';
 * import { averageObservations } from 'muwclass/xray';
 * const { sources, summary } = averageObservations(await readCscDetections('../shared/data/csc-perobs/NGC3532_per.csv'));
 * summary.sourcesIn;  // => 389
 * summary.sourcesOut; // => 373 (16 sources seen only beyond 10 arcmin off-axis)
 * sources[0].Fh;      // => 6.638797884560804e-16
 * ```
 */
export function averageObservations(detections: readonly CscDetection[], options: AveragingOptions = {}): AveragingResult {
  const { kept, rejected } = filterDetections(detections, options);

  // Sources in order of first appearance in the input; their kept detections.
  const order: string[] = [];
  const byName = new Map<string, CscDetection[]>();
  for (const d of detections) {
    const name = d.name.trim();
    if (!byName.has(name)) {
      byName.set(name, []);
      order.push(name);
    }
  }
  for (const d of kept) byName.get(d.name.trim())!.push(d);
  const position = new Map<CscDetection, number>();
  detections.forEach((d, i) => position.set(d, i));
  const rowOf = (d: CscDetection): number => d.row ?? position.get(d)! + 1;

  const sources: AveragedSource[] = [];
  const dropped: DroppedSource[] = [];
  for (const name of order) {
    const group = byName.get(name)!;
    if (group.length === 0) {
      dropped.push({ name, reason: 'all-detections-filtered' });
      continue;
    }
    const averaged = averageSource(name, group, rowOf, options.sourceName);
    if (averaged === undefined) dropped.push({ name, reason: 'all-bands-null' });
    else sources.push(averaged);
  }

  const counts = Object.fromEntries(REJECTION_REASONS.map((r) => [r, 0])) as Record<RejectionReason, number>;
  for (const r of rejected) counts[r.reason]++;
  return {
    sources,
    summary: {
      detectionsIn: detections.length,
      detectionsUsed: kept.length,
      rejected: counts,
      sourcesIn: order.length,
      sourcesOut: sources.length,
      dropped,
    },
  };
}

/** Steps 2–7 for one source's kept detections; `undefined` when no detection has any of s, m, h. */
function averageSource(
  name: string,
  group: readonly CscDetection[],
  rowOf: (d: CscDetection) => number,
  sourceName: string | undefined,
): AveragedSource | undefined {
  const n = group.length;
  // Step 2: Fechner moments per detection and band (NaN where the band is missing).
  const means: Record<AveragedBand, Float64Array> = { s: new Float64Array(n), m: new Float64Array(n), h: new Float64Array(n) };
  const sigmas: Record<AveragedBand, Float64Array> = { s: new Float64Array(n), m: new Float64Array(n), h: new Float64Array(n) };
  const counts: Record<AveragedBand, number> = { s: 0, m: 0, h: 0 };
  for (let i = 0; i < n; i++) {
    const d = group[i]!;
    for (const band of BANDS) {
      const limits = d.flux_aper90[band];
      if (!bandPresent(limits)) {
        means[band][i] = Number.NaN;
        sigmas[band][i] = Number.NaN;
        continue;
      }
      const problem = fluxLimitsProblem(limits.mode, limits.lo, limits.hi);
      if (problem !== undefined) {
        throw new InvalidValueError(`averageObservations: detection of ${name} (obsid ${d.obsid}, region ${d.region_id}, obi ${d.obi}): ${problem}`, {
          source: sourceName,
          row: rowOf(d),
          column: `flux_aper90_${band}`,
        });
      }
      const f = FechnerFlux.from(limits);
      means[band][i] = f.mean;
      sigmas[band][i] = f.sigma;
      counts[band]++;
    }
  }

  // Steps 3–4: weighted mean per band, null flux for a band never detected.
  let flux_flag = 0;
  const averaged = {} as Record<AveragedBand, FluxMoments>;
  for (const band of BANDS) {
    if (counts[band] === 0) {
      flux_flag += FLUX_FLAG_BITS[band];
      averaged[band] = FechnerFlux.nullFlux();
      continue;
    }
    if (counts[band] > 1) {
      for (let i = 0; i < n; i++) {
        if (sigmas[band][i] === 0) {
          const d = group[i]!;
          throw new InvalidValueError(
            `averageObservations: detection of ${name} (obsid ${d.obsid}, region ${d.region_id}, obi ${d.obi}) has zero-width flux limits (mode = lower = upper limit), which cannot be inverse-variance weighted`,
            { source: sourceName, row: rowOf(d), column: `flux_aper90_${band}` },
          );
        }
      }
    }
    averaged[band] = inverseVarianceWeightedMean(means[band], sigmas[band]);
  }
  if (flux_flag === FLUX_FLAG_BITS.s + FLUX_FLAG_BITS.m + FLUX_FLAG_BITS.h) return undefined;

  // Step 5: broad band from the averaged (null-replaced) bands.
  const broad = broadbandFlux(averaged.s, averaged.m, averaged.h);

  // Step 6: variability inputs from detections with all three bands.
  const broadMeans: number[] = [];
  const broadSigmas: number[] = [];
  const kuiper: number[] = [];
  const significance: number[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(means.s[i]!) || Number.isNaN(means.m[i]!) || Number.isNaN(means.h[i]!)) continue;
    const b = broadbandFlux(
      { mean: means.s[i]!, sigma: sigmas.s[i]! },
      { mean: means.m[i]!, sigma: sigmas.m[i]! },
      { mean: means.h[i]!, sigma: sigmas.h[i]! },
    );
    broadMeans.push(b.mean);
    broadSigmas.push(b.sigma);
    kuiper.push(group[i]!.kp_prob_b);
    significance.push(group[i]!.flux_significance_b);
  }

  // Step 7: constant-fit chi-square and P_inter (NaN with fewer than two detections).
  const inter = interObservationVariability(broadMeans, broadSigmas);

  const first = group[0]!;
  return {
    name,
    ra: first.ra,
    dec: first.dec,
    pu: group.find((d) => d.err_ellipse_r0 !== undefined && !Number.isNaN(d.err_ellipse_r0))?.err_ellipse_r0 ?? Number.NaN,
    Fs: averaged.s.mean,
    e_Fs: averaged.s.sigma,
    Fm: averaged.m.mean,
    e_Fm: averaged.m.sigma,
    Fh: averaged.h.mean,
    e_Fh: averaged.h.sigma,
    Fb: broad.mean,
    e_Fb: broad.sigma,
    P_intra: intraObservationVariability(kuiper),
    P_inter: inter.P_inter,
    n_obs: n,
    chisqr: inter.chisqr,
    dof: broadMeans.length - 1,
    significance_max: maxIgnoringMissing(significance),
    flux_flag,
  };
}
