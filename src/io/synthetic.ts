/**
 * A small SYNTHETIC 8-class training set, generated from simple per-class templates, for examples, tests and
 * first experiments when the paper's training set is not at hand. It mimics the broad traits the paper's
 * classes show (hard, optically faint AGNs with red WISE colours; soft, optically bright stars; soft NSs
 * without counterparts; …) but it is NOT astrophysical data: never draw scientific conclusions from it.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { createRng, randomNormal, type Rng, type Seed } from '../core/random';
import { MAGNITUDE_BANDS, type Source } from './schema';

/** The class template of one synthetic class. */
interface ClassTemplate {
  /** Mean and spread of log10 Fb (erg s⁻¹ cm⁻²). */
  readonly logFb: readonly [number, number];
  /** Mean fractions of the broad flux in s, m, h. */
  readonly fractions: readonly [number, number, number];
  /** Probability of an optical/near-IR/WISE counterpart. */
  readonly pCounterpart: number;
  /** Mean and spread of Gaia G (mag). */
  readonly G: readonly [number, number];
  /** Mean colours BP−G, G−RP, G−J, J−H, H−K, K−W1, W1−W2, W2−W3 (mag). */
  readonly colours: readonly [number, number, number, number, number, number, number, number];
  /** Probability that a source is variable (P_intra and P_inter near 1). */
  readonly pVariable: number;
}

/** The synthetic classes, named as the paper's eight. */
export const SYNTHETIC_CLASSES = ['AGN', 'CV', 'HM-STAR', 'HMXB', 'LM-STAR', 'LMXB', 'NS', 'YSO'] as const;

const TEMPLATES: Readonly<Record<(typeof SYNTHETIC_CLASSES)[number], ClassTemplate>> = {
  AGN: { logFb: [-13.3, 0.5], fractions: [0.25, 0.25, 0.5], pCounterpart: 0.7, G: [19.5, 0.8], colours: [0.4, 0.6, 1.8, 0.8, 0.9, 1.0, 1.0, 2.8], pVariable: 0.2 },
  CV: { logFb: [-13.0, 0.5], fractions: [0.25, 0.3, 0.45], pCounterpart: 0.8, G: [17.5, 1.2], colours: [0.0, 0.2, 0.8, 0.3, 0.2, 0.2, 0.2, 0.8], pVariable: 0.6 },
  'HM-STAR': { logFb: [-13.2, 0.4], fractions: [0.45, 0.35, 0.2], pCounterpart: 1, G: [9.0, 1.2], colours: [0.1, 0.1, 0.4, 0.05, 0.05, 0.05, 0.0, 0.1], pVariable: 0.1 },
  HMXB: { logFb: [-12.3, 0.6], fractions: [0.1, 0.25, 0.65], pCounterpart: 0.95, G: [13.0, 1.2], colours: [0.5, 0.7, 1.6, 0.3, 0.2, 0.2, 0.1, 0.4], pVariable: 0.7 },
  'LM-STAR': { logFb: [-13.5, 0.5], fractions: [0.6, 0.3, 0.1], pCounterpart: 1, G: [12.0, 1.5], colours: [0.6, 0.8, 2.5, 0.6, 0.2, 0.1, 0.0, 0.1], pVariable: 0.3 },
  LMXB: { logFb: [-12.0, 0.8], fractions: [0.15, 0.3, 0.55], pCounterpart: 0.4, G: [19.0, 1.2], colours: [0.3, 0.5, 1.2, 0.4, 0.3, 0.3, 0.3, 1.0], pVariable: 0.6 },
  NS: { logFb: [-13.0, 0.6], fractions: [0.7, 0.2, 0.1], pCounterpart: 0.05, G: [20.5, 0.5], colours: [0.0, 0.0, 0.5, 0.2, 0.2, 0.2, 0.2, 0.5], pVariable: 0.05 },
  YSO: { logFb: [-13.8, 0.4], fractions: [0.3, 0.35, 0.35], pCounterpart: 0.9, G: [17.0, 1.5], colours: [0.7, 1.0, 3.0, 1.0, 0.6, 0.4, 0.4, 2.0], pVariable: 0.5 },
};

/** Options of {@link syntheticTrainingSet}. */
export interface SyntheticTrainingSetOptions {
  /** Sources per class (default: the paper's class proportions scaled to 400 sources in all). */
  readonly perClass?: Readonly<Partial<Record<(typeof SYNTHETIC_CLASSES)[number], number>>>;
  /** Seed (default 1). */
  readonly seed?: Seed;
  /** Prefix of the generated names (default `"SYNTH J"`). */
  readonly namePrefix?: string;
  /** Whether to set `label` (default true; false gives an unlabelled field). */
  readonly labelled?: boolean;
}

/** The paper's Table 1 proportions, scaled to 400 sources (each class at least 8). */
const DEFAULT_PER_CLASS: Readonly<Record<(typeof SYNTHETIC_CLASSES)[number], number>> = {
  AGN: 189, YSO: 137, 'LM-STAR': 28, 'HM-STAR': 16, NS: 12, LMXB: 9, CV: 8, HMXB: 8,
};

function gaussian(rng: Rng, [mean, sd]: readonly [number, number]): number {
  return mean + sd * randomNormal(rng);
}

/**
 * Generates a SYNTHETIC labelled training set (or unlabelled field) in the training-set schema. Deterministic
 * for a given seed. Fluxes are positive with 15–40% errors; magnitudes carry 0.01–0.1 mag errors; sources
 * without a counterpart have every magnitude missing (`NaN`).
 *
 * @throws {InvalidArgumentError} for a negative or non-integer class count
 * @example
 * ```ts
 * import { syntheticTrainingSet } from 'muwclass/io';
 * const td = syntheticTrainingSet({ seed: 7 });
 * td.length;      // => 407
 * td[0].label;    // => 'AGN'
 * ```
 */
export function syntheticTrainingSet(options: SyntheticTrainingSetOptions = {}): Source[] {
  const rng = createRng(options.seed ?? 1);
  const prefix = options.namePrefix ?? 'SYNTH J';
  const labelled = options.labelled ?? true;
  const sources: Source[] = [];
  for (const label of SYNTHETIC_CLASSES) {
    const n = options.perClass?.[label] ?? DEFAULT_PER_CLASS[label];
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`syntheticTrainingSet: perClass.${label} must be a non-negative integer, got ${n}`);
    const t = TEMPLATES[label];
    for (let i = 0; i < n; i++) {
      const ra = 360 * rng();
      const dec = (Math.asin(2 * rng() - 1) * 180) / Math.PI;
      const record: Record<string, number | string> = { name: `${prefix}${String(sources.length).padStart(5, '0')}`, ra, dec };
      const fb = 10 ** gaussian(rng, t.logFb);
      const raw = t.fractions.map((f) => Math.max(0.02, f + 0.08 * randomNormal(rng)));
      const total = raw[0]! + raw[1]! + raw[2]!;
      let sumVar = 0;
      ['s', 'm', 'h'].forEach((band, k) => {
        const flux = (fb * raw[k]!) / total;
        const error = flux * (0.15 + 0.25 * rng());
        record[`F${band}`] = flux;
        record[`e_F${band}`] = error;
        sumVar += error * error;
      });
      record.Fb = (record.Fs as number) + (record.Fm as number) + (record.Fh as number);
      record.e_Fb = Math.sqrt(sumVar);
      const variable = rng() < t.pVariable;
      record.P_intra = variable ? 0.9 + 0.1 * rng() : rng();
      record.P_inter = rng() < 0.4 ? Number.NaN : variable ? 0.95 + 0.05 * rng() : rng();
      const hasCounterpart = rng() < t.pCounterpart;
      const G = gaussian(rng, t.G);
      const c = t.colours.map((x) => x + 0.15 * randomNormal(rng));
      const J = G - c[2]!;
      const H = J - c[3]!;
      const K = H - c[4]!;
      const W1 = K - c[5]!;
      const W2 = W1 - c[6]!;
      const mags: Record<(typeof MAGNITUDE_BANDS)[number], number> = { G, BP: G + c[0]!, RP: G - c[1]!, J, H, K, W1, W2, W3: W2 - c[7]! };
      for (const band of MAGNITUDE_BANDS) {
        record[`${band}mag`] = hasCounterpart ? mags[band] : Number.NaN;
        record[`e_${band}mag`] = hasCounterpart ? 0.01 + 0.09 * rng() : Number.NaN;
      }
      if (labelled) record.label = label;
      sources.push(record as unknown as Source);
    }
  }
  return sources;
}
