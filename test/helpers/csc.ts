import type { CscDetection, FluxLimits } from '../../src/io/csc-detections';

/** Flux limits of a band from mode and the two 1-sigma widths below / above it. */
export function limits(mode: number, below: number, above: number): FluxLimits {
  return { mode, lo: mode - below, hi: mode + above };
}

/** A band with no measurement. */
export const MISSING: FluxLimits = { mode: Number.NaN, lo: Number.NaN, hi: Number.NaN };

let nextRegion = 1;

/** A clean ACIS detection (kept by every filter), with the given fields overriding the defaults. */
export function detection(overrides: Partial<CscDetection> & { name?: string } = {}): CscDetection {
  return {
    name: 'src A',
    obsid: 100,
    region_id: nextRegion++,
    obi: 0,
    ra: 166.25,
    dec: -58.85,
    instrument: 'ACIS',
    theta: 1,
    pileup_warning: 0.01,
    sat_src_flag: false,
    streak_src_flag: false,
    kp_prob_b: 0.5,
    flux_significance_b: 3,
    flux_aper90: { s: limits(1e-15, 3e-16, 5e-16), m: limits(2e-15, 4e-16, 4e-16), h: limits(3e-15, 1e-15, 2e-15) },
    ...overrides,
  };
}

/** Fechner mean and sigma in the brief's form (written independently of src/xray/fechner.ts). */
export function fechner(mode: number, lo: number, hi: number): { mean: number; sigma: number } {
  const k = hi + lo - 2 * mode;
  return {
    mean: mode + Math.sqrt(2 / Math.PI) * k,
    sigma: Math.sqrt((1 - 2 / Math.PI) * k * k + (hi - mode) * (mode - lo)),
  };
}

/** A deep-frozen structured clone, to prove a function does not mutate its input. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

const PER_OBS_COLUMNS = [
  'name', 'ra', 'dec', 'err_ellipse_r0', 'significance', 'sat_src_flag', 'streak_src_flag',
  'flux_aper90_s', 'flux_aper90_lolim_s', 'flux_aper90_hilim_s',
  'obsid', 'region_id', 'obi', 'instrument', 'theta', 'flux_significance_b', 'pileup_warning',
  'sat_src_flag.1', 'streak_src_flag.1',
  ...['b', 'h', 'm', 's'].flatMap((b) => [`flux_aper90_${b}.1`, `flux_aper90_lolim_${b}.1`, `flux_aper90_hilim_${b}.1`]),
  'kp_prob_b',
];

function cell(x: number): string {
  return Number.isNaN(x) ? '         ' : ` ${x.toExponential(3)}`;
}

/**
 * CSV text in the layout of the CSC per-observation files (master columns first, per-observation copies with
 * `.1`, blank-padded cells, mixed TRUE/False spellings, sexagesimal positions).
 */
export function perObservationCsv(detections: readonly CscDetection[]): string {
  const lines = [PER_OBS_COLUMNS.join(',')];
  for (const d of detections) {
    const f = d.flux_aper90;
    const b = f.b ?? MISSING;
    const row: Record<string, string> = {
      name: d.name,
      ra: ' 11 05 07.45',
      dec: '-58 51 05.47',
      err_ellipse_r0: d.err_ellipse_r0 === undefined ? '0.77' : Number.isNaN(d.err_ellipse_r0) ? '' : String(d.err_ellipse_r0),
      significance: '2.81',
      sat_src_flag: 'TRUE', // master-level copy: must be ignored
      streak_src_flag: 'TRUE',
      flux_aper90_s: '9e-10',
      flux_aper90_lolim_s: '9e-10',
      flux_aper90_hilim_s: '9e-10',
      obsid: String(d.obsid),
      region_id: String(d.region_id),
      obi: String(d.obi),
      instrument: d.instrument,
      theta: String(d.theta),
      flux_significance_b: Number.isNaN(d.flux_significance_b) ? '' : String(d.flux_significance_b),
      pileup_warning: String(d.pileup_warning),
      'sat_src_flag.1': d.sat_src_flag === undefined ? '' : d.sat_src_flag ? 'True' : 'False',
      'streak_src_flag.1': d.streak_src_flag === undefined ? '' : d.streak_src_flag ? 'TRUE' : 'FALSE',
      kp_prob_b: Number.isNaN(d.kp_prob_b) ? '' : `    ${d.kp_prob_b}`,
    };
    for (const [band, l] of [['b', b], ['h', f.h], ['m', f.m], ['s', f.s]] as const) {
      row[`flux_aper90_${band}.1`] = cell(l.mode);
      row[`flux_aper90_lolim_${band}.1`] = cell(l.lo);
      row[`flux_aper90_hilim_${band}.1`] = cell(l.hi);
    }
    lines.push(PER_OBS_COLUMNS.map((c) => row[c]).join(','));
  }
  return `${lines.join('\n')}\n`;
}
