/**
 * The paper's features (Table 2, Sections 2.3 and 3.4) as {@link FeatureDefinition}s.
 *
 * - X-ray: log10(F_s/F_b), log10(F_m/F_b), log10(F_h/F_b), log10 F_b (fluxes in erg s⁻¹ cm⁻²); the hardness ratios
 *   HR_hm, HR_ms, HR_h(ms) (`HardnessRatios`); the variability probabilities P_inter, P_intra.
 * - Optical/IR fluxes: log10(F_band/F_b) with F_band = f_λ,0 10^(−m/2.5) W_eff (Table 3) for G … W3.
 * - Colours: m1 − m2 for every pair of bands.
 *
 * Magnitudes at or beyond the Table 3 limit are dropped before fluxes and colours are formed, so a feature that
 * needs a dropped magnitude is missing (`NaN`), as is one whose input is missing.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { MAGNITUDE_BANDS, type MagnitudeBand } from '../io/schema';
import { PHOTOMETRIC_BANDS } from '../mw/bands';
import { HardnessRatios } from '../xray/hardness-ratios';
import { defineFeature, finiteOrNaN, type FeatureDefinition } from './definition';
import { withKernel } from './kernels';

/** log10(F_x/F_b), computed as log10 F_x − log10 F_b so that log10 F_b is shared by all flux features. */
function xrayRatio(band: 's' | 'm' | 'h', description: string): FeatureDefinition {
  const column = `F${band}` as const;
  const def = defineFeature({ name: `log_F${band}_Fb`, description, inputs: [column, 'Fb'], fn: (f, fb) => Math.log10(f) - Math.log10(fb) });
  return withKernel(def, (ctx, out, first, stride) => {
    const f = ctx.columns[column];
    const logFb = ctx.logFb();
    for (let k = 0; k < ctx.n; k++) out[first + k * stride] = finiteOrNaN(Math.log10(f[ctx.rows[k]!]!) - logFb[k]!);
  });
}

function hardnessRatio(name: 'HR_hm' | 'HR_ms' | 'HR_hms', description: string): FeatureDefinition {
  const def = defineFeature({ name, description, inputs: ['Fs', 'Fm', 'Fh'], fn: (fs, fm, fh) => HardnessRatios.compute({ Fs: fs, Fm: fm, Fh: fh })[name] });
  return withKernel(def, (ctx, out, first, stride) => {
    const hr = ctx.hardness()[name];
    for (let k = 0; k < ctx.n; k++) out[first + k * stride] = finiteOrNaN(hr[k]!);
  });
}

function probability(name: 'P_inter' | 'P_intra', description: string): FeatureDefinition {
  const def = defineFeature({ name, description, inputs: [name], fn: (p) => p });
  return withKernel(def, (ctx, out, first, stride) => {
    const p = ctx.columns[name];
    for (let k = 0; k < ctx.n; k++) out[first + k * stride] = finiteOrNaN(p[ctx.rows[k]!]!);
  });
}

const logFbFeature = withKernel(
  defineFeature({ name: 'log_Fb', description: 'log10 F_b: broad-band (0.5–7 keV) energy flux in erg s⁻¹ cm⁻²', inputs: ['Fb'], fn: (fb) => Math.log10(fb) }),
  (ctx, out, first, stride) => {
    const logFb = ctx.logFb();
    for (let k = 0; k < ctx.n; k++) out[first + k * stride] = finiteOrNaN(logFb[k]!);
  },
);

const xray: FeatureDefinition[] = [
  xrayRatio('s', 'log10(F_s/F_b): soft (0.5–1.2 keV) over broad (0.5–7 keV) energy flux'),
  xrayRatio('m', 'log10(F_m/F_b): medium (1.2–2 keV) over broad energy flux'),
  xrayRatio('h', 'log10(F_h/F_b): hard (2–7 keV) over broad energy flux'),
  logFbFeature,
  hardnessRatio('HR_hm', 'HR_hm = (F_h − F_m)/(F_h + F_m) (Table 2)'),
  hardnessRatio('HR_ms', 'HR_ms = (F_m − F_s)/(F_m + F_s) (Table 2)'),
  hardnessRatio('HR_hms', 'HR_h(ms) = (F_h − F_m − F_s)/(F_h + F_m + F_s) (Table 2)'),
  probability('P_inter', 'inter-observation variability probability (chi-square CDF, eq. 4)'),
  probability('P_intra', 'maximum intra-observation (Kuiper) variability probability'),
];

/**
 * log10(F_band/F_b) with the limit cut, as log10(f_λ,0 W_eff) − m/2.5 − log10 F_b (the same number as
 * log10(f_λ,0 10^(−m/2.5) W_eff / F_b) up to rounding, with one logarithm per row shared by all flux features).
 */
function mwFlux(band: MagnitudeBand): FeatureDefinition {
  const { zeroPoint, effectiveWidth, limitingMagnitude } = PHOTOMETRIC_BANDS[band];
  const logZw = Math.log10(zeroPoint * effectiveWidth);
  const column = `${band}mag` as const;
  const def = defineFeature({
    name: `log_F${band}_Fb`,
    description: `log10(F_${band}/F_b), F_${band} = ${zeroPoint} erg/s/cm²/Å × 10^(−${band}mag/2.5) × ${effectiveWidth} Å (Table 3; ${band}mag ≥ ${limitingMagnitude} dropped)`,
    inputs: [column, 'Fb'],
    fn: (m, fb) => (m < limitingMagnitude ? logZw - m / 2.5 - Math.log10(fb) : Number.NaN),
  });
  return withKernel(def, (ctx, out, first, stride) => {
    const mag = ctx.columns[column];
    const logFb = ctx.logFb();
    for (let k = 0; k < ctx.n; k++) {
      const m = mag[ctx.rows[k]!]!;
      out[first + k * stride] = m < limitingMagnitude ? finiteOrNaN(logZw - m / 2.5 - logFb[k]!) : Number.NaN;
    }
  });
}

/** m1 − m2 with the limit cut on both. */
function color(b1: MagnitudeBand, b2: MagnitudeBand): FeatureDefinition {
  const l1 = PHOTOMETRIC_BANDS[b1].limitingMagnitude;
  const l2 = PHOTOMETRIC_BANDS[b2].limitingMagnitude;
  const c1 = `${b1}mag` as const;
  const c2 = `${b2}mag` as const;
  const def = defineFeature({
    name: `${b1}-${b2}`,
    description: `colour ${b1} − ${b2} in mag (${b1}mag ≥ ${l1} or ${b2}mag ≥ ${l2} dropped)`,
    inputs: [c1, c2],
    fn: (m1, m2) => (m1 < l1 && m2 < l2 ? m1 - m2 : Number.NaN),
  });
  return withKernel(def, (ctx, out, first, stride) => {
    const a = ctx.columns[c1];
    const b = ctx.columns[c2];
    for (let k = 0; k < ctx.n; k++) {
      const i = ctx.rows[k]!;
      const m1 = a[i]!;
      const m2 = b[i]!;
      out[first + k * stride] = m1 < l1 && m2 < l2 ? finiteOrNaN(m1 - m2) : Number.NaN;
    }
  });
}

const mw = MAGNITUDE_BANDS.map(mwFlux);
const colors: FeatureDefinition[] = [];
MAGNITUDE_BANDS.forEach((b1, i) => MAGNITUDE_BANDS.slice(i + 1).forEach((b2) => colors.push(color(b1, b2))));

/** Every built-in feature, by name. */
export const BUILTIN_FEATURES: ReadonlyMap<string, FeatureDefinition> = new Map([...xray, ...mw, ...colors].map((f) => [f.name, f]));

/**
 * The paper's 29 features in their documented order (Table 2 after feature selection, Section 3.4): the 4 X-ray
 * fluxes, 3 hardness ratios, 2 variability probabilities, the 8 optical/IR flux ratios G … W2 (the W3 flux is
 * not used) and 12 colours.
 */
export const PAPER_FEATURE_NAMES: readonly string[] = Object.freeze([
  'log_Fs_Fb',
  'log_Fm_Fb',
  'log_Fh_Fb',
  'log_Fb',
  'HR_hm',
  'HR_ms',
  'HR_hms',
  'P_inter',
  'P_intra',
  'log_FG_Fb',
  'log_FBP_Fb',
  'log_FRP_Fb',
  'log_FJ_Fb',
  'log_FH_Fb',
  'log_FK_Fb',
  'log_FW1_Fb',
  'log_FW2_Fb',
  'G-BP',
  'G-RP',
  'G-J',
  'G-H',
  'G-K',
  'BP-RP',
  'J-H',
  'J-K',
  'H-K',
  'W1-W2',
  'W1-W3',
  'W2-W3',
]);

/**
 * The paper's full 54-feature set used for its feature selection (Section 3.4): the 9 X-ray features, the 9
 * optical/IR flux ratios G … W3, and all 36 colours (pairs in band order G, BP, RP, J, H, K, W1, W2, W3).
 */
export const FULL_FEATURE_NAMES: readonly string[] = Object.freeze([...xray, ...mw, ...colors].map((f) => f.name));

/**
 * A built-in feature definition by name.
 *
 * @param name - e.g. `'log_Fs_Fb'`, `'HR_ms'`, `'log_FJ_Fb'`, `'G-BP'`
 * @returns the definition
 * @throws {InvalidArgumentError} for an unknown name
 * @example
 * ```ts
 * import { builtinFeature } from 'muwclass/features';
 * import { syntheticTrainingSet } from 'muwclass/io';
 * const [source] = syntheticTrainingSet({ seed: 1 });
 * builtinFeature('J-H').compute({ ...source, Jmag: 15.2, Hmag: 14.6 }); // => 0.6000 (up to rounding)
 * ```
 */
export function builtinFeature(name: string): FeatureDefinition {
  const f = BUILTIN_FEATURES.get(name);
  if (f === undefined) throw new InvalidArgumentError(`unknown built-in feature "${name}" (known: ${FULL_FEATURE_NAMES.join(', ')})`);
  return f;
}
