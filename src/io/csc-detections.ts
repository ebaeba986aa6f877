/**
 * Chandra Source Catalog (CSCv2) per-observation detections: the typed record the X-ray averaging takes, and
 * a streaming parser of CSV text with the CSC's column names (as in `NGC3532_per.csv`).
 *
 * CSC queries that join master-level and per-observation tables repeat some column names; after a CSV
 * round-trip the per-observation copies carry a `.1` suffix (`flux_aper90_s.1`, `sat_src_flag.1`, …). The
 * unsuffixed copies are the master-level values and are not read. A file whose header still repeats the names
 * (no suffix written) is an error by default, like any repeated column; read it with
 * `duplicateColumns: 'rename'` to give the second copies the `.1` suffix.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError, type ValueLocation } from '../core/errors';
import { parseNumberCell } from './cells';
import { assertStreamColumns, parseRecord, streamCsv, type CsvOptions, type Schema } from './csv';
import { parseDeclination, parseRightAscension } from './sexagesimal';
import type { TextSource } from './text-source';

/** A CSC aperture flux as published: the mode and its 1-sigma lower and upper limits (`NaN` = missing). */
export interface FluxLimits {
  /** Mode (most probable flux), e.g. `flux_aper90_s`. */
  readonly mode: number;
  /** 1-sigma lower limit, e.g. `flux_aper90_lolim_s`. */
  readonly lo: number;
  /** 1-sigma upper limit, e.g. `flux_aper90_hilim_s`. */
  readonly hi: number;
}

/** The per-observation aperture fluxes of a detection, by CSC band (erg s⁻¹ cm⁻²). */
export interface DetectionFluxes {
  /** Soft band, 0.5–1.2 keV. */
  readonly s: FluxLimits;
  /** Medium band, 1.2–2 keV. */
  readonly m: FluxLimits;
  /** Hard band, 2–7 keV. */
  readonly h: FluxLimits;
  /** Broad band, 0.5–7 keV (read when present; the averaging does not use it). */
  readonly b?: FluxLimits;
}

/**
 * One CSC per-observation detection of a source. Property names are the CSC column names (without the
 * `.1` suffix of per-observation copies); missing numbers are `NaN`, missing flags `undefined`.
 */
export interface CscDetection {
  /** Master source name, e.g. `"2CXO J110507.4-585105"` (surrounding blanks trimmed). */
  readonly name: string;
  /** Observation id. */
  readonly obsid: number;
  /** Detection region id within the observation. */
  readonly region_id: number;
  /** Observation interval. */
  readonly obi: number;
  /** Master right ascension, deg. */
  readonly ra: number;
  /** Master declination, deg. */
  readonly dec: number;
  /** Master 95% error ellipse semi-major axis, arcsec (`NaN` when not read). */
  readonly err_ellipse_r0?: number;
  /** Master detection significance (`NaN` when not read). */
  readonly significance?: number;
  /** `"ACIS"` or `"HRC"`. */
  readonly instrument: string;
  /** Off-axis angle, arcmin. */
  readonly theta: number;
  /** Pile-up warning (counts per frame). */
  readonly pileup_warning: number;
  /** Per-observation saturated-source flag. */
  readonly sat_src_flag: boolean | undefined;
  /** Per-observation ACIS readout-streak flag. */
  readonly streak_src_flag: boolean | undefined;
  /** Kuiper-test intra-observation variability probability, broad band. */
  readonly kp_prob_b: number;
  /** Flux significance, broad band. */
  readonly flux_significance_b: number;
  /** Per-observation aperture fluxes `flux_aper90[_lolim|_hilim]_<band>`. */
  readonly flux_aper90: DetectionFluxes;
  /** 1-based data row in the file it was read from (for error messages). */
  readonly row?: number;
}

/** Options of {@link parseCscDetections}. */
export interface ReadCscDetectionsOptions extends CsvOptions {
  /**
   * Suffix of the per-observation copies of repeated column names (`sat_src_flag`, `streak_src_flag`,
   * `flux_aper90_*`). Default `".1"` (a CSV of a master + per-observation query); use `""` for a file with
   * only per-observation columns.
   */
  readonly perObservationSuffix?: string;
}

const BANDS = ['s', 'm', 'h', 'b'] as const;

/**
 * The typed schema of a CSC per-observation file: the columns {@link parseCscDetections} reads. `ra` and `dec`
 * are read as text (sexagesimal or degrees; {@link parseCscDetections} checks their ranges); `err_ellipse_r0`,
 * `significance` and the broad-band (`_b`) per-observation fluxes are optional; the off-axis angle `theta` is
 * ≥ 0.
 *
 * @param suffix - suffix of the per-observation copies of repeated names (default `".1"`)
 * @returns column name → type
 * @example
 * ```ts
 * Object.keys(cscDetectionSchema()).includes('flux_aper90_lolim_s.1'); // => true
 * ```
 */
export function cscDetectionSchema(suffix = '.1'): Schema {
  const schema: Record<string, Schema[string]> = {
    name: { type: 'string' },
    ra: { type: 'string' },
    dec: { type: 'string' },
    err_ellipse_r0: { type: 'number', required: false },
    significance: { type: 'number', required: false },
    obsid: { type: 'number' },
    region_id: { type: 'number' },
    obi: { type: 'number' },
    instrument: { type: 'string' },
    theta: { type: 'number', min: 0 },
    pileup_warning: { type: 'number' },
    [`sat_src_flag${suffix}`]: { type: 'boolean' },
    [`streak_src_flag${suffix}`]: { type: 'boolean' },
    kp_prob_b: { type: 'number' },
    flux_significance_b: { type: 'number' },
  };
  for (const band of BANDS) {
    for (const kind of ['', '_lolim', '_hilim']) {
      schema[`flux_aper90${kind}_${band}${suffix}`] = { type: 'number', required: band !== 'b' };
    }
  }
  return schema;
}

/** The default schema, {@link cscDetectionSchema} with the `.1` suffix. */
export const CSC_DETECTION_SCHEMA: Schema = cscDetectionSchema('.1');

/**
 * Parses a coordinate cell: a plain number is degrees, anything else sexagesimal; empty is missing (`NaN`).
 * Right ascension must be in [0, 360), declination in [−90, 90].
 */
function parseAngle(text: string, kind: 'ra' | 'dec', location: ValueLocation): number {
  const t = text.trim();
  if (t === '') return Number.NaN;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t)) return kind === 'ra' ? parseRightAscension(t, location) : parseDeclination(t, location);
  const degrees = parseNumberCell(t, location);
  if (kind === 'ra' ? !(degrees >= 0 && degrees < 360) : !(degrees >= -90 && degrees <= 90)) {
    throw new InvalidValueError(`${kind === 'ra' ? 'right ascension' : 'declination'} ${degrees} deg is outside ${kind === 'ra' ? '[0, 360)' : '[-90, 90]'}`, location);
  }
  return degrees;
}

/**
 * Parses CSC per-observation detections (CSV with the CSCv2 column names of `NGC3532_per.csv`) from a string,
 * bytes or a stream (`readCscDetections(path)` in `muwclass/node` reads a file through this function),
 * streaming: the header is checked against {@link cscDetectionSchema} first, then each row is parsed as it
 * arrives. Numbers are parsed strictly (blank-padded cells are fine; empty is missing, never 0); flags
 * accept `TRUE/True/true/FALSE/False/false` (blanks ignored); `ra`/`dec` are sexagesimal
 * (`" 11 05 07.45"`, `"-58 51 05.47"`) or degrees. Other columns are ignored. Runs in O(rows × columns).
 *
 * @param input - the CSV text (see {@link TextSource})
 * @param options - delimiter, name for error messages, per-observation suffix
 * @returns the detections, in file order, each with its 1-based data `row`
 * @throws {MissingColumnError} for an absent required column (names the file and column)
 * @throws {MalformedNumberError} for a malformed number (names the file, row and column)
 * @throws {InvalidValueError} for a malformed flag, a negative off-axis angle `theta`, a position in degrees
 *   outside RA [0, 360) or Dec [−90, 90], or a row with more or fewer cells than the header (names the file, row
 *   and column)
 * @throws {ParseError} for a malformed sexagesimal coordinate, malformed CSV or a repeated column name (names the
 *   file, row and column; the per-observation copies of a CSC query carry a literal `.1` and are no repeats)
 * @example
 * ```ts
 * import { readCscDetections } from 'muwclass/node';
 * const detections = await readCscDetections('../shared/data/csc-perobs/NGC3532_per.csv');
 * detections.length;                // => 389
 * detections[0].flux_aper90.h.mode; // => 6.638e-16
 * ```
 */
export async function parseCscDetections(input: TextSource, options: ReadCscDetectionsOptions = {}): Promise<CscDetection[]> {
  const sourceName = options.sourceName;
  const suffix = options.perObservationSuffix ?? '.1';
  if (typeof suffix !== 'string') throw new InvalidArgumentError('parseCscDetections: perObservationSuffix must be a string');
  const schema = cscDetectionSchema(suffix);
  const csv = await streamCsv(input, options);
  const { columns } = csv;
  await assertStreamColumns(csv, schema, sourceName);
  const hasBroad = columns.includes(`flux_aper90_b${suffix}`);

  const detections: CscDetection[] = [];
  for await (const record of csv.records) {
    const r = parseRecord(record, schema, sourceName) as Record<string, number | string | boolean | undefined>;
    const num = (c: string): number => r[c] as number;
    const limits = (band: (typeof BANDS)[number]): FluxLimits => ({
      mode: num(`flux_aper90_${band}${suffix}`),
      lo: num(`flux_aper90_lolim_${band}${suffix}`),
      hi: num(`flux_aper90_hilim_${band}${suffix}`),
    });
    const at = (column: string): ValueLocation => ({ source: sourceName, row: record.row, column });
    detections.push({
      name: r.name as string,
      obsid: num('obsid'),
      region_id: num('region_id'),
      obi: num('obi'),
      ra: parseAngle(r.ra as string, 'ra', at('ra')),
      dec: parseAngle(r.dec as string, 'dec', at('dec')),
      err_ellipse_r0: num('err_ellipse_r0'),
      significance: num('significance'),
      instrument: r.instrument as string,
      theta: num('theta'),
      pileup_warning: num('pileup_warning'),
      sat_src_flag: r[`sat_src_flag${suffix}`] as boolean | undefined,
      streak_src_flag: r[`streak_src_flag${suffix}`] as boolean | undefined,
      kp_prob_b: num('kp_prob_b'),
      flux_significance_b: num('flux_significance_b'),
      flux_aper90: hasBroad ? { s: limits('s'), m: limits('m'), h: limits('h'), b: limits('b') } : { s: limits('s'), m: limits('m'), h: limits('h') },
      row: record.row,
    });
  }
  return detections;
}
