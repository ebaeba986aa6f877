/**
 * The detection filters applied before averaging CSC observations (paper Section 2.2; step 1 of the
 * averaging spec): HRC detections, far off-axis detections, saturated sources, piled-up detections, readout
 * streaks and confused detections are dropped, and a detection listed twice for the same source counts once.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError } from '../core/errors';
import type { CscDetection } from '../io/csc-detections';

/** Why a detection was left out of the averaging. */
export type RejectionReason =
  /** Observed with HRC (no ACIS energy bands). */
  | 'hrc'
  /** Off-axis angle `theta` above `maxTheta` (default 10 arcmin). */
  | 'off-axis'
  /** `sat_src_flag` set (saturated source). */
  | 'saturated'
  /** `pileup_warning` above `maxPileupWarning` (default 0.3). */
  | 'pile-up'
  /** `streak_src_flag` set (ACIS readout streak). */
  | 'streak'
  /** Its (obsid, region_id, obi) is attributed to more than one source name. */
  | 'confused'
  /** The same (name, obsid, region_id, obi) listed again (overlapping queries); the first copy is kept. */
  | 'duplicate';

/** Every {@link RejectionReason}, in the order the filters are applied. */
export const REJECTION_REASONS: readonly RejectionReason[] = ['hrc', 'off-axis', 'saturated', 'pile-up', 'streak', 'confused', 'duplicate'];

/** Options of {@link filterDetections}. */
export interface DetectionFilterOptions {
  /** Largest off-axis angle kept, arcmin (default 10: `theta > 10` is dropped). */
  readonly maxTheta?: number;
  /** Largest pile-up warning kept (default 0.3: `pileup_warning > 0.3` is dropped). */
  readonly maxPileupWarning?: number;
  /** Name of the input used in error messages (e.g. the file name). */
  readonly sourceName?: string;
}

/** The defaults of {@link DetectionFilterOptions}: 10 arcmin off-axis and a 0.3 pile-up warning. */
export const DEFAULT_DETECTION_FILTER = {
  /** Largest off-axis angle θ kept, arcmin. */
  maxTheta: 10,
  /** Largest CSC `pileup_warning` kept (counts per frame). */
  maxPileupWarning: 0.3,
} as const;

/** A detection left out, and why. */
export interface RejectedDetection {
  /** The detection, as given. */
  readonly detection: CscDetection;
  /** The first filter, in {@link REJECTION_REASONS} order, that dropped it. */
  readonly reason: RejectionReason;
}

/** What {@link filterDetections} returns. */
export interface FilteredDetections {
  /** The detections kept, in input order (the same objects, not copies). */
  readonly kept: readonly CscDetection[];
  /** The detections left out, in input order, with the first reason that applies. */
  readonly rejected: readonly RejectedDetection[];
}

function thresholds(options: DetectionFilterOptions): { maxTheta: number; maxPileupWarning: number } {
  const maxTheta = options.maxTheta ?? DEFAULT_DETECTION_FILTER.maxTheta;
  const maxPileupWarning = options.maxPileupWarning ?? DEFAULT_DETECTION_FILTER.maxPileupWarning;
  if (Number.isNaN(maxTheta)) throw new InvalidArgumentError('filterDetections: maxTheta is NaN');
  if (Number.isNaN(maxPileupWarning)) throw new InvalidArgumentError('filterDetections: maxPileupWarning is NaN');
  return { maxTheta, maxPileupWarning };
}

/**
 * The first per-detection filter that drops `detection`, or `undefined` when none does: instrument HRC;
 * `theta > maxTheta`; `sat_src_flag` true; `pileup_warning > maxPileupWarning`; `streak_src_flag` true.
 * A missing value (`NaN` number, `undefined` flag) does not trigger its filter. The cross-detection filters
 * (confused, duplicate) need the whole list: see {@link filterDetections}. Runs in O(1).
 *
 * @param detection - one CSC per-observation detection
 * @param options - the thresholds (defaults {@link DEFAULT_DETECTION_FILTER})
 * @returns the reason, or `undefined`
 * @throws {InvalidArgumentError} when a threshold is NaN
 * @example
 * ```ts
 * import { readCscDetections } from 'muwclass/node';
 * const [detection] = await readCscDetections('../shared/data/csc-perobs/NGC3532_per.csv');
 * detection.theta;                                   // => 0.399 (arcmin)
 * detectionRejection(detection);                     // => undefined (kept)
 * detectionRejection({ ...detection, theta: 11.2 }); // => 'off-axis'
 * ```
 */
export function detectionRejection(detection: CscDetection, options: DetectionFilterOptions = {}): RejectionReason | undefined {
  const { maxTheta, maxPileupWarning } = thresholds(options);
  if (detection.instrument.trim().toUpperCase().startsWith('HRC')) return 'hrc';
  if (detection.theta > maxTheta) return 'off-axis';
  if (detection.sat_src_flag === true) return 'saturated';
  if (detection.pileup_warning > maxPileupWarning) return 'pile-up';
  if (detection.streak_src_flag === true) return 'streak';
  return undefined;
}

/** The observation-level identity of a detection: (obsid, region_id, obi). */
function detectionKey(d: CscDetection): string {
  return `${d.obsid}/${d.region_id}/${d.obi}`;
}

/** Throws InvalidValueError unless every detection has a name and finite obsid, region_id and obi. */
function checkDetectionIdentity(detections: readonly CscDetection[], sourceName?: string): void {
  detections.forEach((d, i) => {
    const row = d.row ?? i + 1;
    if (typeof d.name !== 'string' || d.name.trim() === '') {
      throw new InvalidValueError('detection has no source name', { source: sourceName, row, column: 'name' });
    }
    for (const column of ['obsid', 'region_id', 'obi'] as const) {
      if (!Number.isFinite(d[column])) {
        throw new InvalidValueError(`detection of ${d.name.trim()} has no ${column}`, { source: sourceName, row, column });
      }
    }
  });
}

/**
 * Applies the detection filters of the averaging (step 1): drops a detection observed with HRC, with
 * `theta > maxTheta` (10 arcmin), `sat_src_flag`, `pileup_warning > maxPileupWarning` (0.3), `streak_src_flag`,
 * or whose (obsid, region_id, obi) is attributed to more than one source name in the input (confused); then
 * keeps only the first of detections listed more than once for the same source (same trimmed name, obsid,
 * region_id, obi). Pure: the input is not modified. Runs in O(n).
 *
 * @param detections - CSC per-observation detections (e.g. from `readCscDetections`)
 * @param options - thresholds and the input's name for error messages
 * @returns the kept detections and the rejected ones with their reasons, both in input order
 * @throws {InvalidValueError} when a detection has no name, obsid, region_id or obi (names its row and column)
 * @throws {InvalidArgumentError} when a threshold is NaN
 * @example
 * ```ts
 * import { readCscDetections } from 'muwclass/node';
 * import { filterDetections } from 'muwclass/xray';
 * const { kept, rejected } = filterDetections(await readCscDetections('../shared/data/csc-perobs/NGC3532_per.csv'));
 * kept.length;        // => 373
 * rejected.length;    // => 16
 * rejected[0].reason; // => 'off-axis'
 * ```
 */
export function filterDetections(detections: readonly CscDetection[], options: DetectionFilterOptions = {}): FilteredDetections {
  thresholds(options);
  checkDetectionIdentity(detections, options.sourceName);
  const namesByKey = new Map<string, Set<string>>();
  for (const d of detections) {
    const key = detectionKey(d);
    let names = namesByKey.get(key);
    if (names === undefined) namesByKey.set(key, (names = new Set()));
    names.add(d.name.trim());
  }
  const kept: CscDetection[] = [];
  const rejected: RejectedDetection[] = [];
  const seen = new Set<string>();
  for (const d of detections) {
    const key = detectionKey(d);
    let reason = detectionRejection(d, options);
    if (reason === undefined && namesByKey.get(key)!.size > 1) reason = 'confused';
    if (reason === undefined) {
      const sourceKey = `${d.name.trim()}\u0000${key}`;
      if (seen.has(sourceKey)) reason = 'duplicate';
      else seen.add(sourceKey);
    }
    if (reason === undefined) kept.push(d);
    else rejected.push({ detection: d, reason });
  }
  return { kept, rejected };
}
