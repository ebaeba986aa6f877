/**
 * The work of one Monte Carlo draw for one group of sources (paper Figure 2): resample the training set and
 * the sources from their errors, redden the training AGNs to the group's E(B−V), build the features,
 * oversample, flag missing values −100, train, and predict the group. Pure and synchronous: the same inputs
 * and seed give the same probabilities bit for bit, in any thread.
 *
 * A *job* is one group of sources classified by models trained on the same training rows: an E(B−V) bin of
 * a field, or the test part of a cross-validation fold (then its rows are left out of training).
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { zeros, type FeatureMatrix } from '../core/matrix';
import { createRng, deriveSeed, type Seed } from '../core/random';
import { selectSourceRows, type SourceColumns } from '../io/source-columns';
import { reddenColumns, type ReddeningModel } from '../reddening/redden';
import type { FeatureSet } from '../features/feature-set';
import { flagMissing } from '../features/missing';
import type { Classifier, ClassifierFactory, OversamplerFactory } from '../ml/classifier';
import { resampleColumns, type ErrorlessMagnitudes } from './resample';
import { addValue } from './running-moments';

/** The data of a run that every job and draw shares, as the plan carries it and the engine uses it. */
export interface RunData {
  /** The training set, as columns. */
  readonly td: SourceColumns;
  /** Its class labels, one per row. */
  readonly labels: readonly string[];
  /** 1 for training rows to redden (the AGNs), 0 otherwise. */
  readonly redden: Uint8Array;
  /** The sources to classify, as columns, or `'td'` to classify training rows (cross-validation). */
  readonly field: SourceColumns | 'td';
  /** The output classes, sorted: probability columns follow this order. */
  readonly classes: readonly string[];
  /** Resample the training set and sources from their errors (false: every draw uses the measured values). */
  readonly resample: boolean;
  /** Factor on every 1-sigma error when resampling. */
  readonly errorScale: number;
  /** A magnitude with a value but no error, when resampling: missing in the draw (default) or kept as measured. */
  readonly errorlessMagnitudes?: ErrorlessMagnitudes;
  /** Seed of everything random. */
  readonly seed: Seed;
  /** Collect each draw's feature importances when the classifier exposes them. */
  readonly importances: boolean;
  /** Weights of the prior correction, one per class (each draw's probabilities × weight, renormalised); absent: none. */
  readonly classWeights?: Float64Array;
}

/** Everything shared by all jobs and draws of one run, with the features and models ready to use. */
export interface EngineInput extends RunData {
  readonly features: FeatureSet;
  readonly classifier: ClassifierFactory;
  /** `null`: no oversampling. */
  readonly oversampler: OversamplerFactory | null;
}

/** One group of sources and how its models are trained. */
export interface Job {
  /** Stable key of the job in seeds (bin or fold index). */
  readonly key: number;
  /** Rows of the field (or of the training set for cross-validation) to classify. */
  readonly rows: Int32Array;
  /** Leave `rows` out of the training set (cross-validation on the training set). */
  readonly excludeFromTraining: boolean;
  /** Training rows left out of this job's models (training-set members among the sources; see `leaveOutMembers`). */
  readonly leaveOut?: Int32Array;
  /** Reddening of the training AGNs for this group, or `null` for none. */
  readonly model: ReddeningModel | null;
}

/**
 * What one unit of work (some consecutive draws of one job) hands back: the running mean and sum of squared
 * deviations (Welford) of every class probability of the job's sources over the unit's draws, in draw order —
 * a fixed-size summary, whatever the number of draws — plus what was asked for per draw.
 */
export interface UnitResult {
  /** The unit's draw indices, ascending. */
  readonly draws: readonly number[];
  /** Mean probability over the unit's draws, row-major `rows.length x classes.length` in the job's row order. */
  readonly mean: Float64Array;
  /** Sum of squared deviations from the mean over the unit's draws, same shape. */
  readonly m2: Float64Array;
  /** Each draw's probabilities (only when the plan keeps draws), same shape each. */
  readonly proba?: Float64Array[];
  /** Each draw's feature importances (only when asked for and the classifier has them). */
  readonly importances?: (Float64Array | undefined)[];
}

/** Sources are predicted in blocks of this many rows, so a draw's memory does not grow with the field. */
export const PREDICT_BLOCK_ROWS = 8192;

/** The training rows of a job, split into those kept as measured and those reddened, with their labels. */
interface TrainingRows {
  readonly plain: Int32Array;
  readonly reddened: Int32Array;
  readonly y: string[];
}

function trainingRows(input: EngineInput, job: Job): TrainingRows {
  const n = input.td.nRows;
  const excluded = new Uint8Array(n);
  if (job.excludeFromTraining) for (const r of job.rows) excluded[r] = 1;
  if (job.leaveOut !== undefined) for (const r of job.leaveOut) excluded[r] = 1;
  const plain: number[] = [];
  const reddened: number[] = [];
  for (let i = 0; i < n; i++) {
    if (excluded[i] === 1) continue;
    if (job.model !== null && input.redden[i] === 1) reddened.push(i);
    else plain.push(i);
  }
  const y = [...plain, ...reddened].map((i) => input.labels[i]!);
  return { plain: Int32Array.from(plain), reddened: Int32Array.from(reddened), y };
}

function importancesOf(classifier: Classifier): Float64Array | undefined {
  const value = (classifier as { featureImportances?: unknown }).featureImportances;
  const importances = typeof value === 'function' ? (value as () => unknown).call(classifier) : value;
  if (importances === undefined || importances === null) return undefined;
  return Float64Array.from(importances as ArrayLike<number>);
}

/** The position of each of the classifier's classes among the output classes. */
function classOrder(own: readonly string[], classes: readonly string[]): Int32Array {
  return Int32Array.from(own, (c) => {
    const k = classes.indexOf(c);
    if (k < 0) throw new InvalidArgumentError(`Monte Carlo engine: the classifier predicts class "${c}", which the training set does not have`);
    return k;
  });
}

/**
 * Runs the given draws of one job and summarises them. O(draws × (training rows × features + classifier fit +
 * job rows × (features + predict))); memory O(job rows × classes) plus one block of {@link PREDICT_BLOCK_ROWS}
 * rows, whatever the number of draws.
 *
 * Seeds: the training set's draw `d` uses `deriveSeed(seed, 'draw', d, 'td')` (the same for every job, as
 * one Monte Carlo realisation of the training set per draw); the job's sources `(seed, 'draw', d, 'job', key)`,
 * one generator consumed row by row (so predicting in blocks draws the same numbers as all at once); the
 * oversampler and classifier `(…, 'oversample')` and `(…, 'classifier')`. Within the unit, draws are merged in
 * ascending order with Welford's update.
 *
 * @param input - the run's shared input
 * @param job - the group of sources
 * @param draws - draw indices to run, ascending
 * @param keepDraws - also return each draw's probabilities
 * @returns the unit's summary
 */
export function runDraws(input: EngineInput, job: Job, draws: readonly number[], keepDraws = false): UnitResult {
  const rows = trainingRows(input, job);
  const nTrain = rows.plain.length + rows.reddened.length;
  const field = input.field === 'td' ? input.td : input.field;
  const k = input.classes.length;
  const nRows = job.rows.length;
  const mean = new Float64Array(nRows * k);
  const m2 = new Float64Array(nRows * k);
  const proba: Float64Array[] | undefined = keepDraws ? [] : undefined;
  const importances: (Float64Array | undefined)[] = [];
  const resampleOptions = { errorScale: input.errorScale, ...(input.errorlessMagnitudes === undefined ? {} : { errorlessMagnitudes: input.errorlessMagnitudes }) };
  for (let q = 0; q < draws.length; q++) {
    const d = draws[q]!;
    const n = q + 1; // draws merged so far in this unit, this one included
    const jobSeed = deriveSeed(input.seed, 'draw', d, 'job', job.key);
    const td = input.resample ? resampleColumns(input.td, createRng(deriveSeed(input.seed, 'draw', d, 'td')), resampleOptions) : input.td;
    let X: FeatureMatrix = zeros(nTrain, input.features.size);
    input.features.buildInto(td, X, { rows: rows.plain });
    if (rows.reddened.length > 0) {
      const agn = reddenColumns(selectSourceRows(td, rows.reddened), job.model!);
      input.features.buildInto(agn, X, { rowOffset: rows.plain.length });
    }
    let y = rows.y;
    if (input.oversampler !== null) {
      const balanced = input.oversampler(deriveSeed(jobSeed, 'oversample')).fitResample(X, y);
      X = balanced.X;
      y = balanced.y;
    }
    const classifier = input.classifier(deriveSeed(jobSeed, 'classifier')).fit(flagMissing(X), y);
    // column of each output class in the classifier's probabilities (-1: a class it never saw, probability 0)
    const column = new Int32Array(k).fill(-1);
    classOrder(classifier.classes, input.classes).forEach((c, j) => (column[c] = j));
    const own = classifier.classes.length;
    const rng = input.resample ? createRng(jobSeed) : undefined;
    const kept = proba === undefined ? undefined : new Float64Array(nRows * k);
    for (let start = 0; start < nRows; start += PREDICT_BLOCK_ROWS) {
      const block = selectSourceRows(field, job.rows.subarray(start, Math.min(nRows, start + PREDICT_BLOCK_ROWS)));
      const drawn = rng === undefined ? block : resampleColumns(block, rng, resampleOptions);
      const p = classifier.predictProba(flagMissing(input.features.build(drawn))).data;
      const w = input.classWeights;
      for (let a = 0; a < block.nRows; a++) {
        const base = (start + a) * k;
        let norm = 1;
        if (w !== undefined) {
          norm = 0;
          for (let c = 0; c < k; c++) if (column[c]! >= 0) norm += w[c]! * p[a * own + column[c]!]!;
        }
        for (let c = 0; c < k; c++) {
          const j = column[c]!;
          const x = j < 0 ? 0 : w === undefined ? p[a * own + j]! : (w[c]! * p[a * own + j]!) / norm;
          addValue(mean, m2, base + c, x, n);
          if (kept !== undefined) kept[base + c] = x;
        }
      }
    }
    if (kept !== undefined) proba!.push(kept);
    importances.push(input.importances ? importancesOf(classifier) : undefined);
  }
  const out: { draws: readonly number[]; mean: Float64Array; m2: Float64Array; proba?: Float64Array[]; importances?: (Float64Array | undefined)[] } = { draws, mean, m2 };
  if (proba !== undefined) out.proba = proba;
  if (input.importances) out.importances = importances;
  return out;
}
