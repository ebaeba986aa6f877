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
import { resampleColumns } from './resample';

/** Everything shared by all jobs and draws of one run. */
export interface EngineInput {
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
  readonly features: FeatureSet;
  readonly classifier: ClassifierFactory;
  /** `null`: no oversampling. */
  readonly oversampler: OversamplerFactory | null;
  /** Resample the training set and sources from their errors (false: every draw uses the measured values). */
  readonly resample: boolean;
  readonly errorScale: number;
  readonly seed: Seed;
  /** Collect each draw's feature importances when the classifier exposes them. */
  readonly importances: boolean;
}

/** One group of sources and how its models are trained. */
export interface Job {
  /** Stable key of the job in seeds (bin or fold index). */
  readonly key: number;
  /** Rows of the field (or of the training set for cross-validation) to classify. */
  readonly rows: Int32Array;
  /** Leave `rows` out of the training set (cross-validation on the training set). */
  readonly excludeFromTraining: boolean;
  /** Reddening of the training AGNs for this group, or `null` for none. */
  readonly model: ReddeningModel | null;
}

/** The output of one job over some draws. */
export interface DrawResult {
  /** Draw index. */
  readonly draw: number;
  /** Class probabilities of the job's rows, row-major `rows.length x classes.length`. */
  readonly proba: Float64Array;
  /** Feature importances of the draw's model (when asked for and available). */
  readonly importances?: Float64Array;
}

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

/** Reorders a classifier's probability columns into the output classes (a class it never saw gets 0). */
function toClassOrder(proba: FeatureMatrix, own: readonly string[], classes: readonly string[]): Float64Array {
  if (own.length === classes.length && own.every((c, k) => c === classes[k])) return proba.data.slice();
  const out = new Float64Array(proba.nRows * classes.length);
  own.forEach((c, j) => {
    const k = classes.indexOf(c);
    if (k < 0) throw new InvalidArgumentError(`Monte Carlo engine: the classifier predicts class "${c}", which the training set does not have`);
    for (let i = 0; i < proba.nRows; i++) out[i * classes.length + k] = proba.data[i * own.length + j]!;
  });
  return out;
}

/**
 * Runs the given draws of one job. O(draws × (training rows × features + classifier fit)).
 *
 * Seeds: the training set's draw `d` uses `deriveSeed(seed, 'draw', d, 'td')` (the same for every job, as
 * one Monte Carlo realisation of the training set per draw); the job's sources `(seed, 'draw', d, 'job', key)`;
 * the oversampler and classifier `(…, 'oversample')` and `(…, 'classifier')`.
 *
 * @param input - the run's shared input
 * @param job - the group of sources
 * @param draws - draw indices to run
 * @returns one result per draw, in the order given
 */
export function runDraws(input: EngineInput, job: Job, draws: ArrayLike<number>): DrawResult[] {
  const rows = trainingRows(input, job);
  const nTrain = rows.plain.length + rows.reddened.length;
  const field = input.field === 'td' ? input.td : input.field;
  const sources = selectSourceRows(field, job.rows);
  const resampleOptions = { errorScale: input.errorScale };
  const results: DrawResult[] = [];
  for (let k = 0; k < draws.length; k++) {
    const d = draws[k]!;
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
    const drawn = input.resample ? resampleColumns(sources, createRng(jobSeed), resampleOptions) : sources;
    const proba = classifier.predictProba(flagMissing(input.features.build(drawn)));
    const result: { draw: number; proba: Float64Array; importances?: Float64Array } = { draw: d, proba: toClassOrder(proba, classifier.classes, input.classes) };
    if (input.importances) {
      const importances = importancesOf(classifier);
      if (importances !== undefined) result.importances = importances;
    }
    results.push(result);
  }
  return results;
}
