/**
 * Named configurations of the pipeline. `paper` is the paper's (Yang et al. 2022: SMOTE with k = 4 to balance
 * the classes, a random forest of 100 trees), and the default of every option. `balanced` trades about no
 * overall accuracy for a higher recall of the rare classes (higher balanced accuracy): no SMOTE, and a prior
 * correction of each draw's class probabilities (see `priorCorrectionWeights`). Measured on the paper's
 * training set in docs/presets.md (`npm run bench:presets`), with when to choose which.
 *
 * @module
 */
import type { MonteCarloOptions } from './monte-carlo';

/** A named set of pipeline options: spread it into the options of `MonteCarloClassifier` or `evaluatePipeline`. */
export interface PipelinePreset {
  /** The name (`--preset <name>` on the command line). */
  readonly name: string;
  /** One line on what it is. */
  readonly description: string;
  /** The options it sets; any other option keeps its default, and options given after the spread win. */
  readonly options: Readonly<Pick<MonteCarloOptions, 'classifier' | 'oversampler' | 'priorCorrection'>>;
}

/**
 * The paper's configuration (the default): SMOTE (k = 4) up to the largest class, random forest of 100 trees,
 * no prior correction.
 *
 * @example
 * ```ts
 * import { MonteCarloClassifier, PAPER_PRESET } from 'muwclass/classify';
 * new MonteCarloClassifier({ ...PAPER_PRESET.options, workers: 1 }).options.priorCorrection; // => 0
 * ```
 */
export const PAPER_PRESET: PipelinePreset = /* @__PURE__ */ Object.freeze({
  name: 'paper',
  description: "the paper's configuration: SMOTE (k = 4) and a random forest of 100 trees",
  options: /* @__PURE__ */ Object.freeze({
    classifier: /* @__PURE__ */ Object.freeze({ type: 'RandomForest', options: /* @__PURE__ */ Object.freeze({ nEstimators: 100 }) }),
    oversampler: /* @__PURE__ */ Object.freeze({ type: 'Smote', options: /* @__PURE__ */ Object.freeze({ k: 4 }) }),
    priorCorrection: 0,
  }),
} as const);

/**
 * Higher recall of the rare classes at about the paper's overall accuracy: a random forest of 100 trees on the
 * training set as it is (no SMOTE), its class probabilities corrected for the training set's class fractions
 * with exponent α = 0.4 (P_c ∝ P_c / π_c^0.4). See docs/presets.md for its measured metrics.
 *
 * @example
 * ```ts
 * import { evaluatePipeline, syntheticTrainingSet, BALANCED_PRESET } from 'muwclass';
 * BALANCED_PRESET.options.oversampler; // => false
 * const ev = await evaluatePipeline(syntheticTrainingSet(), { ...BALANCED_PRESET.options, cv: 5, nSamples: 2, seed: 1, workers: 1 });
 * ev.all.accuracy > 0.8; // => true
 * ```
 */
export const BALANCED_PRESET: PipelinePreset = /* @__PURE__ */ Object.freeze({
  name: 'balanced',
  description: 'higher rare-class recall: no SMOTE, random forest of 100 trees, prior correction alpha = 0.4',
  options: /* @__PURE__ */ Object.freeze({
    classifier: /* @__PURE__ */ Object.freeze({ type: 'RandomForest', options: /* @__PURE__ */ Object.freeze({ nEstimators: 100 }) }),
    oversampler: false,
    priorCorrection: 0.4,
  }),
} as const);

/** The presets by name: `paper` (the default) and `balanced`. */
export const PRESETS: Readonly<Record<string, PipelinePreset>> = /* @__PURE__ */ Object.freeze({ paper: PAPER_PRESET, balanced: BALANCED_PRESET });
