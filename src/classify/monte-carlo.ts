/**
 * `MonteCarloClassifier`: the MUWCLASS pipeline of the paper's Figure 2. For every Monte Carlo draw the
 * training set and the sources are resampled from their errors (× √2), the training AGNs are absorbed and
 * reddened to each E(B−V) bin of the sources (Section 3.3), features are built (Table 2), classes balanced with
 * SMOTE (Section 3.5), missing values flagged −100, a random forest trained (Section 3.7) and the bin's sources
 * classified. The outputs are the mean and standard deviation of every class probability over the draws, the
 * most probable class, and the confidence threshold CT of eq. 7.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError, NotFittedError } from '../core/errors';
import { deriveSeed, type Seed } from '../core/random';
import { isSourceColumns, toSourceColumns, type SourceColumns } from '../io/source-columns';
import type { Source } from '../io/schema';
import { binEbv, type EbvBins, type EbvBinningOptions } from '../reddening/ebv-bins';
import { reddeningModel, type ReddeningOptions } from '../reddening/redden';
import { FeatureSet } from '../features/feature-set';
import { BUILTIN_FEATURES } from '../features/builtin';
import type { ClassifierFactory, OversamplerFactory } from '../ml/classifier';
import { classifierFactory, oversamplerFactory, type ClassifierSpec, type OversamplerSpec } from '../ml/spec';
import { PREDICT_BLOCK_ROWS, type Job } from './engine';
import { inProcessExecutor, type MonteCarloExecutor } from './executor';
import { drawsPerUnit, isPortablePlan, planUnits, type MonteCarloPlan, type PlannedRun } from './plan';
import { ProgressTracker, type ProgressCallback } from './progress';
import { bandSumBroadFlux, DEFAULT_ERROR_SCALE, DEFAULT_ERRORLESS_MAGNITUDES, type ErrorlessMagnitudes } from './resample';
import { accumulatorFor, type MonteCarloResult } from './result';
import { defaultWorkerCount, hasWebWorkers, webWorkerExecutor } from './web-executor';
import { checkWorkers } from './worker-pool';
import { DEFAULT_MEMBER_GROUPS, leaveOutMembers } from './training-members';
import { priorCorrectionWeights } from './prior-correction';

/** Options of {@link MonteCarloClassifier}; every one has a documented default. */
export interface MonteCarloOptions {
  /** Monte Carlo draws (default 100; the paper used 1000). */
  readonly nSamples?: number;
  /** Factor on every 1-sigma error when resampling (default √2, Shy et al. 2022). */
  readonly errorScale?: number;
  /**
   * Resample features from their errors (default true); false trains every draw on the measured values. Either
   * way the broad flux is `Fb = Fs + Fm + Fh` (eq. 2a), as every draw makes it, not the catalog's `Fb`.
   */
  readonly resample?: boolean;
  /**
   * A magnitude with a value but no error (an upper limit in 2MASS and WISE) when resampling: `'missing'` in
   * every draw (default, as the authors' `value + error × N(0, 1)` makes it) or `'keep'` as measured.
   */
  readonly errorlessMagnitudes?: ErrorlessMagnitudes;
  /** Seed of everything random (default 0). Draw i uses seeds derived from (seed, i). */
  readonly seed?: Seed;
  /**
   * The classifier: a spec (default `{ type: 'RandomForest', options: { nEstimators: 100 } }`) or a factory
   * `(seed) => Classifier`. Factories cannot be sent to worker threads: with one, `workers` defaults to 1.
   */
  readonly classifier?: ClassifierSpec | ClassifierFactory;
  /** The oversampler: a spec (default SMOTE with k = 4), a factory `(seed) => Oversampler`, or `false` for none. */
  readonly oversampler?: OversamplerSpec | OversamplerFactory | false;
  /**
   * Prior correction exponent α ≥ 0 (default 0: none): each draw's class probabilities are multiplied by
   * π_c^−α (π_c: the class's fraction of the training set) and renormalised; see `priorCorrectionWeights`.
   */
  readonly priorCorrection?: number;
  /** Absorb and redden the training AGNs to the sources' E(B−V) (default true). */
  readonly reddenAgn?: boolean;
  /** The training classes to redden (default `['AGN']`). */
  readonly reddenClasses?: readonly string[];
  /** E(B−V) bins: fixed 0.025 mag (default) or adaptive; see `binEbv`. */
  readonly ebvBinning?: EbvBinningOptions;
  /** Absorber (cross section, Γ), R_V, broad-band rule and limit cut of the reddening; see `reddeningModel`. */
  readonly reddening?: ReddeningOptions;
  /** The features (default the paper's 29, `FeatureSet.paper()`). Custom features run in-process only. */
  readonly features?: FeatureSet;
  /**
   * Workers (default: the runtime's parallelism — `navigator.hardwareConcurrency`, or the available cores with
   * `muwclass/node` — or 1 with a classifier/oversampler factory or custom features, which cannot be sent to
   * workers). Ignored when `executor` is given.
   */
  readonly workers?: number;
  /**
   * What runs the Monte Carlo units (default: chosen by the runtime — Web Workers where the runtime has them and
   * `workers > 1`, worker threads with `muwclass/node`, otherwise in-process). Results do not depend on it.
   */
  readonly executor?: MonteCarloExecutor;
  /** Keep every draw's probabilities in the result (default false). */
  readonly keepDraws?: boolean;
  /** Keep every model's feature importances in the result (default false). */
  readonly importances?: boolean;
  /** Called after each finished work unit with draws done, total and ETA. */
  readonly onProgress?: ProgressCallback;
}

/** Options of {@link MonteCarloClassifier.predict}. */
export interface PredictOptions {
  /**
   * E(B−V) towards the sources (mag): one value for all, or one per source. Required while `reddenAgn` is on;
   * each E(B−V) bin gets its own reddened training set and models.
   */
  readonly ebv?: number | ArrayLike<number>;
  /**
   * The training row of each source that is a training-set member, −1 for the others (see
   * `findTrainingMembers`). Members are classified by models trained without them, in `memberGroups` groups
   * (k-fold over the members; see `leaveOutMembers`), as the paper reports training sources with their
   * leave-one-out class. Default: none (every source is classified by models trained on the whole set).
   */
  readonly trainingMembers?: ArrayLike<number>;
  /** Groups of training-set members, each left out of its own models (default 10; ≥ the members: leave-one-out). */
  readonly memberGroups?: number;
  /** Overrides the classifier's `onProgress` for this call. */
  readonly onProgress?: ProgressCallback;
  /** Stops the run: `predict` rejects with `CancelledError` and workers are stopped. */
  readonly signal?: AbortSignal;
}

/**
 * A prediction with the E(B−V) bins it used (absent when nothing was reddened) and, when `trainingMembers` was
 * given, 1 for each source classified by models that left it out (a training-set member), 0 otherwise.
 */
export type MonteCarloPrediction = MonteCarloResult & {
  /** The E(B−V) bins (mag) the sources were grouped into, each with its own reddened training set; absent when nothing was reddened. */
  readonly bins?: EbvBins;
  /** 1 for each source that is a training-set member, classified by models trained without it; absent when `trainingMembers` was not given. */
  readonly trainingMember?: Uint8Array;
};

/** The default classifier: the paper's random forest of 100 fully grown trees. */
export const DEFAULT_CLASSIFIER: ClassifierSpec = /* @__PURE__ */ Object.freeze({ type: 'RandomForest', options: /* @__PURE__ */ Object.freeze({ nEstimators: 100 }) });
/** The default oversampler: SMOTE with k = 4 neighbours, every class up to the largest. */
export const DEFAULT_OVERSAMPLER: OversamplerSpec = /* @__PURE__ */ Object.freeze({ type: 'Smote', options: /* @__PURE__ */ Object.freeze({ k: 4 }) });

/** The options of a {@link MonteCarloClassifier} with every default filled in. */
export interface ResolvedMonteCarloOptions {
  /** Monte Carlo draws per job (an integer ≥ 1; default 100, the paper used 1000). */
  readonly nSamples: number;
  /** Factor on every 1σ error when resampling (finite, ≥ 0; default √2, Shy et al. 2022). */
  readonly errorScale: number;
  /** Whether features are resampled from their errors (false: every draw trains on the measured values). */
  readonly resample: boolean;
  /** A magnitude with a value but no error (an upper limit): `'missing'` in every draw (default, the paper's) or `'keep'` as measured. */
  readonly errorlessMagnitudes: ErrorlessMagnitudes;
  /** Seed of everything random; draw i uses seeds derived from (seed, i). */
  readonly seed: Seed;
  /** The classifier spec (default: random forest of 100 trees) or factory `(seed) => Classifier`. */
  readonly classifier: ClassifierSpec | ClassifierFactory;
  /** The oversampler spec (default SMOTE, k = 4) or factory; `null` for none. */
  readonly oversampler: OversamplerSpec | OversamplerFactory | null;
  /** Exponent α of the prior correction: each draw's probabilities × π_c^−α, renormalised (0: none, the paper's). */
  readonly priorCorrection: number;
  /** Whether the training sources of `reddenClasses` are absorbed and reddened to the sources' E(B−V). */
  readonly reddenAgn: boolean;
  /** The training classes reddened when `reddenAgn` is on (default `['AGN']`). */
  readonly reddenClasses: readonly string[];
  /** How sources are grouped by E(B−V) (default: fixed 0.025 mag bins); see `binEbv`. */
  readonly ebvBinning: EbvBinningOptions;
  /** Absorber, R_V, broad-band rule and limit cut of the reddening; see `reddeningModel`. */
  readonly reddening: ReddeningOptions;
  /** The features (default the paper's 29, `FeatureSet.paper()`). */
  readonly features: FeatureSet;
  /** Number of workers the executor runs (1: in-process). */
  readonly workers: number;
  /** What runs the Monte Carlo units; results do not depend on it. */
  readonly executor: MonteCarloExecutor;
  /** Whether every draw's probabilities are kept in the result. */
  readonly keepDraws: boolean;
  /** Whether every model's feature importances are kept in the result. */
  readonly importances: boolean;
  /** Called after each finished work unit with draws done, total and ETA; `undefined` for none. */
  readonly onProgress: ProgressCallback | undefined;
}

/** Whether a feature set holds only built-in features (so workers can rebuild it from its names). */
function isBuiltinOnly(features: FeatureSet): boolean {
  return features.features.every((f) => BUILTIN_FEATURES.get(f.name) === f);
}

/**
 * Whether these options can run on workers: specs (not factories) and built-in features only. (Used by
 * runtime adapters to choose a default executor.)
 *
 * @internal
 */
export function isPortable(options: Pick<MonteCarloOptions, 'classifier' | 'oversampler' | 'features'>): boolean {
  return typeof options.classifier !== 'function' && typeof options.oversampler !== 'function' && (options.features === undefined || isBuiltinOnly(options.features));
}

/** The default executor of this runtime: Web Workers where there are some and more than one is wanted. */
function defaultExecutor(workers: number): MonteCarloExecutor {
  if (workers <= 1) return inProcessExecutor();
  if (!hasWebWorkers()) {
    throw new InvalidArgumentError(
      `MonteCarloClassifier: workers: ${workers} needs workers, and this runtime has no Web Workers; in Node import MonteCarloClassifier from 'muwclass/node' (worker threads), or pass an executor`,
    );
  }
  return webWorkerExecutor({ workers });
}

function checkErrorless(mode: ErrorlessMagnitudes): ErrorlessMagnitudes {
  if (mode !== 'missing' && mode !== 'keep') throw new InvalidArgumentError(`MonteCarloClassifier: errorlessMagnitudes must be 'missing' or 'keep', got ${JSON.stringify(mode)}`);
  return mode;
}

function checkPriorCorrection(alpha: number): number {
  if (!(Number.isFinite(alpha) && alpha >= 0)) throw new InvalidArgumentError(`MonteCarloClassifier: priorCorrection must be a finite number >= 0, got ${alpha}`);
  return alpha;
}

function resolve(options: MonteCarloOptions): ResolvedMonteCarloOptions {
  const nSamples = options.nSamples ?? 100;
  if (!Number.isInteger(nSamples) || nSamples < 1) throw new InvalidArgumentError(`MonteCarloClassifier: nSamples must be an integer >= 1, got ${nSamples}`);
  const errorScale = options.errorScale ?? DEFAULT_ERROR_SCALE;
  if (!(errorScale >= 0) || !Number.isFinite(errorScale)) throw new InvalidArgumentError(`MonteCarloClassifier: errorScale must be finite and >= 0, got ${errorScale}`);
  const classifier = options.classifier ?? DEFAULT_CLASSIFIER;
  const oversampler = options.oversampler === false ? null : (options.oversampler ?? DEFAULT_OVERSAMPLER);
  const features = options.features ?? FeatureSet.paper();
  const portable = isPortable(options);
  const fnMessage = 'MonteCarloClassifier: functions (a classifier or oversampler factory, custom features) cannot be sent to workers; use specs and built-in features, or workers: 1';
  if (options.executor === undefined && options.workers !== undefined && options.workers > 1 && !portable) throw new InvalidArgumentError(fnMessage);
  if (options.executor !== undefined && options.executor.needsPortablePlan && !portable) throw new InvalidArgumentError(fnMessage);
  // the runtime's parallelism only where it has Web Workers to use it (Node 21+ has navigator.hardwareConcurrency, not Worker)
  const defaultWorkers = portable && hasWebWorkers() ? defaultWorkerCount() : 1;
  const executor = options.executor ?? defaultExecutor(checkWorkers('MonteCarloClassifier', options.workers ?? defaultWorkers));
  const workers = executor.workers;
  // Validate specs now, not inside a worker.
  if (typeof classifier !== 'function') classifierFactory(classifier);
  if (oversampler !== null && typeof oversampler !== 'function') oversamplerFactory(oversampler);
  return {
    nSamples,
    errorScale,
    resample: options.resample ?? true,
    errorlessMagnitudes: checkErrorless(options.errorlessMagnitudes ?? DEFAULT_ERRORLESS_MAGNITUDES),
    seed: options.seed ?? 0,
    classifier,
    oversampler,
    priorCorrection: checkPriorCorrection(options.priorCorrection ?? 0),
    reddenAgn: options.reddenAgn ?? true,
    reddenClasses: options.reddenClasses ?? ['AGN'],
    ebvBinning: options.ebvBinning ?? {},
    reddening: options.reddening ?? {},
    features,
    workers,
    executor,
    keepDraws: options.keepDraws ?? false,
    importances: options.importances ?? false,
    onProgress: options.onProgress,
  };
}

/** What `fit` learns: the training set, as columns, with its labels and classes. */
interface TrainingSet {
  readonly columns: SourceColumns;
  readonly labels: readonly string[];
  readonly classes: readonly string[];
  readonly redden: Uint8Array;
}

/**
 * The Monte Carlo classification pipeline of the paper (Figure 2). `fit` takes the training set; `predict`
 * classifies sources on the executor of your choice (in-process, Web Workers, or worker threads with
 * `muwclass/node`), bit-identically for any executor and number of workers.
 *
 * @example
 * ```ts
 * import { MonteCarloClassifier, syntheticTrainingSet } from 'muwclass';
 * const td = syntheticTrainingSet({ seed: 1 });
 * const mc = new MonteCarloClassifier({ nSamples: 4, seed: 1, classifier: { type: 'RandomForest', options: { nEstimators: 10 } } }).fit(td);
 * const result = await mc.predict(td.slice(0, 3), { ebv: 0.4 });
 * result.predicted;        // => ['AGN', 'AGN', 'AGN']
 * result.classProbability; // => [0.85, 0.45, 0.9]
 * result.ct[0];            // => 2.309
 * ```
 */
export class MonteCarloClassifier {
  /** The resolved options. */
  readonly options: Readonly<ResolvedMonteCarloOptions>;
  private trainingSet: TrainingSet | undefined;

  /**
   * @param options - see {@link MonteCarloOptions}
   * @throws {InvalidArgumentError} for an invalid option (e.g. `nSamples < 1`, an unknown classifier type, or
   * `workers > 1` with a function that cannot be sent to a worker thread)
   */
  constructor(options: MonteCarloOptions = {}) {
    this.options = resolve(options);
  }

  /**
   * Stores the training set (its labels in `label`). Nothing is trained yet: every draw trains its own models.
   *
   * @param trainingSet - labelled sources (e.g. `readSourceTable(td, { requireLabel: true }).sources`)
   * @returns this
   * @throws {InvalidValueError} for a source without a label (names its row)
   * @throws {InvalidArgumentError} for an empty training set or fewer than two classes
   */
  fit(trainingSet: readonly Source[]): this {
    if (trainingSet.length === 0) throw new InvalidArgumentError('MonteCarloClassifier.fit: the training set is empty');
    const labels = trainingSet.map((s, i) => {
      if (s.label === undefined || s.label === '') throw new InvalidValueError(`MonteCarloClassifier.fit: source "${s.name}" has no class label`, { source: 'trainingSet', row: i });
      return s.label;
    });
    const classes = [...new Set(labels)].sort();
    if (classes.length < 2) throw new InvalidArgumentError(`MonteCarloClassifier.fit: the training set has a single class (${classes[0]}); at least two are needed`);
    const reddened = new Set(this.options.reddenClasses);
    this.trainingSet = {
      columns: toSourceColumns(trainingSet),
      labels,
      classes,
      redden: Uint8Array.from(labels, (l) => (reddened.has(l) ? 1 : 0)),
    };
    return this;
  }

  /** The class labels, sorted (after `fit`). */
  get classes(): readonly string[] {
    return this.fitted('classes').classes;
  }

  private fitted(method: string): TrainingSet {
    if (this.trainingSet === undefined) throw new NotFittedError(`MonteCarloClassifier (${method})`);
    return this.trainingSet;
  }

  /**
   * Classifies sources: `nSamples` draws per E(B−V) bin, each training its own models.
   *
   * @param sources - the sources to classify (training-set schema; labels, if any, are ignored), as `Source`
   *   objects or, for large fields, as columns (`SourceColumns`, e.g. from `sourceColumns`), which are not copied
   * @param options - `ebv` (required while `reddenAgn` is on), `trainingMembers` and `memberGroups`, `onProgress`
   * @returns means, standard deviations, classes, CT (and bins)
   * @throws {NotFittedError} before `fit`
   * @throws {InvalidArgumentError} when `ebv` is needed but missing, or has the wrong length
   * @throws {InvalidValueError} for a negative or non-finite E(B−V) (names the source's row), or a
   *   `trainingMembers` value that is not a training row or −1
   */
  async predict(sources: readonly Source[] | SourceColumns, options: PredictOptions = {}): Promise<MonteCarloPrediction> {
    const run = this.prepare('predict', sources, options);
    const result = await this.execute(run, options.onProgress, options.signal);
    return {
      ...result,
      ...(run.bins === undefined ? {} : { bins: run.bins }),
      ...(run.trainingMember === undefined ? {} : { trainingMember: run.trainingMember }),
    };
  }

  /**
   * Prepares {@link MonteCarloClassifier.predict} without running it: the plan (every unit of work as plain data
   * when the options are portable), the number of draws, the no-feature flags and the E(B−V) bins. Run it in
   * shards, on other machines, with `runShard` and combine the parts with `mergeShards`: the result is
   * bit-identical to `predict`'s.
   *
   * @param sources - as for `predict`
   * @param options - `ebv` (required while `reddenAgn` is on)
   * @returns the planned run
   * @throws {NotFittedError} before `fit`
   * @throws {InvalidArgumentError} when `ebv` is needed but missing, or has the wrong length
   * @throws {InvalidValueError} for a negative or non-finite E(B−V) (names the source's row)
   * @example
   * ```ts
   * const td = syntheticTrainingSet({ seed: 1 });
   * const mc = new MonteCarloClassifier({ nSamples: 4, seed: 1, classifier: { type: 'RandomForest', options: { nEstimators: 10 } } }).fit(td);
   * const run = mc.planPredict(td.slice(0, 3), { ebv: 0.4 });
   * [run.nDraws, run.plan.jobs.length, run.plan.units.length]; // => [4, 1, 4]
   * ```
   */
  planPredict(sources: readonly Source[] | SourceColumns, options: Pick<PredictOptions, 'ebv' | 'trainingMembers' | 'memberGroups'> = {}): PlannedRun {
    return this.prepare('planPredict', sources, options);
  }

  private prepare(method: string, sources: readonly Source[] | SourceColumns, options: Pick<PredictOptions, 'ebv' | 'trainingMembers' | 'memberGroups'>): PlannedRun {
    const { ebv } = options;
    const td = this.fitted(method);
    const field = isSourceColumns(sources) ? sources : toSourceColumns(sources);
    const n = field.nRows;
    const members = options.trainingMembers;
    if (members !== undefined) {
      if (members.length !== n) throw new InvalidArgumentError(`MonteCarloClassifier.predict: trainingMembers has ${members.length} values for ${n} sources`);
      for (let i = 0; i < n; i++) {
        const r = members[i]!;
        if (!(Number.isInteger(r) && r >= -1 && r < td.columns.nRows)) throw new InvalidValueError(`MonteCarloClassifier.predict: trainingMembers[${i}] = ${r} is not a training row (0 to ${td.columns.nRows - 1}) or -1`, { source: 'trainingMembers', row: i });
      }
    }
    const split = (jobs: Job[]): Job[] => (members === undefined ? jobs : leaveOutMembers(jobs, members, options.memberGroups ?? DEFAULT_MEMBER_GROUPS, deriveSeed(this.options.seed, 'members')));
    const flagged = members === undefined ? {} : { trainingMember: Uint8Array.from({ length: n }, (_, i) => (members[i]! >= 0 ? 1 : 0)) };
    if (!this.options.reddenAgn) {
      const all = Int32Array.from({ length: n }, (_, i) => i);
      return this.planned(td, field, split([{ key: 0, rows: all, excludeFromTraining: false, model: null }]), flagged);
    }
    if (ebv === undefined) {
      throw new InvalidArgumentError('MonteCarloClassifier.predict: pass the sources\' E(B-V) (options.ebv) to redden the training AGNs, or set reddenAgn: false');
    }
    let values: ArrayLike<number>;
    if (typeof ebv === 'number') {
      if (!(ebv >= 0) || !Number.isFinite(ebv)) throw new InvalidArgumentError(`MonteCarloClassifier.predict: E(B-V) must be finite and >= 0, got ${ebv}`);
      values = new Float64Array(n).fill(ebv);
    } else {
      if (ebv.length !== n) throw new InvalidArgumentError(`MonteCarloClassifier.predict: ebv has ${ebv.length} values for ${n} sources`);
      values = ebv;
    }
    const bins = binEbv(values, this.options.ebvBinning);
    const jobs: Job[] = bins.members.map((rows, b) => ({
      key: b,
      rows,
      excludeFromTraining: false,
      model: reddeningModel(bins.ebv[b]!, this.options.reddening),
    }));
    return { ...this.planned(td, field, split(jobs), flagged), bins };
  }

  /**
   * Cross-validates the whole pipeline on the training set: each fold's test rows are classified by models
   * trained on the other rows (resampled, oversampled — inside the fold only — and fitted per draw). No
   * reddening: the training set is evaluated against itself, as in the paper.
   *
   * @param folds - test rows of each fold (e.g. from `stratifiedKFold` or `leaveOneOut`); every row in exactly one
   * @param options - `onProgress`
   * @returns the out-of-fold result for every training row, in training-set order
   * @throws {NotFittedError} before `fit`
   * @throws {InvalidArgumentError} when a row is in no fold or in two
   */
  async crossValidate(
    folds: readonly { readonly test: ArrayLike<number> }[],
    options: { readonly onProgress?: ProgressCallback; readonly signal?: AbortSignal } = {},
  ): Promise<MonteCarloResult> {
    const td = this.fitted('crossValidate');
    const jobs: Job[] = folds.map((f, k) => ({ key: k, rows: Int32Array.from(f.test), excludeFromTraining: true, model: null }));
    return this.execute(this.planned(td, 'td', jobs), options.onProgress, options.signal);
  }

  /**
   * The plan of a run: the training set, the sources, the jobs and their units of work (plain data when the
   * options are portable). `runUnit(plan, unit)` is the kernel every executor calls.
   */
  private plan(td: TrainingSet, field: SourceColumns | 'td', jobs: readonly Job[]): MonteCarloPlan {
    const o = this.options;
    const portable = o.executor.needsPortablePlan || isBuiltinOnly(o.features);
    return {
      td: td.columns,
      labels: td.labels,
      redden: td.redden,
      field,
      classes: td.classes,
      features: portable ? o.features.names : o.features,
      classifier: o.classifier,
      oversampler: o.oversampler,
      resample: o.resample,
      errorScale: o.errorScale,
      errorlessMagnitudes: o.errorlessMagnitudes,
      seed: o.seed,
      importances: o.importances,
      ...(o.priorCorrection > 0 ? { classWeights: priorCorrectionWeights(td.labels, td.classes, o.priorCorrection) } : {}),
      keepDraws: o.keepDraws,
      jobs,
      units: planUnits(jobs.length, o.nSamples, drawsPerUnit(o.nSamples)),
    };
  }

  /** 1 for each source whose every feature is missing as measured (built in blocks, so memory stays bounded). */
  private noFeatures(columns: SourceColumns): Uint8Array {
    const flags = new Uint8Array(columns.nRows);
    const p = this.options.features.size;
    for (let start = 0; start < columns.nRows; start += PREDICT_BLOCK_ROWS) {
      const rows = Int32Array.from({ length: Math.min(PREDICT_BLOCK_ROWS, columns.nRows - start) }, (_, a) => start + a);
      const X = this.options.features.build(columns, { rows }).data;
      for (let a = 0; a < rows.length; a++) {
        let missing = 1;
        for (let j = 0; j < p && missing === 1; j++) if (!Number.isNaN(X[a * p + j]!)) missing = 0;
        flags[start + a] = missing;
      }
    }
    return flags;
  }

  /** A run's plan with the number of draws and the no-feature flags. */
  private planned(td: TrainingSet, field: SourceColumns | 'td', jobs: readonly Job[], flagged: { trainingMember?: Uint8Array } = {}): PlannedRun {
    const noFeatures = this.noFeatures(field === 'td' ? td.columns : field);
    // without resampling, the broad flux is the sum of the bands, as in every draw (eq. 2a)
    const plan = this.options.resample
      ? this.plan(td, field, jobs)
      : this.plan({ ...td, columns: bandSumBroadFlux(td.columns) }, field === 'td' ? field : bandSumBroadFlux(field), jobs);
    return { plan, nDraws: this.options.nSamples, noFeatures, ...flagged };
  }

  private async execute(run: PlannedRun, onProgress: ProgressCallback | undefined, signal?: AbortSignal): Promise<MonteCarloResult> {
    const o = this.options;
    const { plan } = run;
    const accumulator = accumulatorFor(run);
    if (run.noFeatures.length === 0) return accumulator.result(o.features.names, run.noFeatures); // no sources
    const progress = new ProgressTracker(plan.jobs.length * run.nDraws, onProgress ?? o.onProgress);
    if (o.executor.needsPortablePlan && !isPortablePlan(plan)) throw new InvalidArgumentError('MonteCarloClassifier: this executor needs specs and built-in features');
    await o.executor.run(
      plan,
      (unit, result) => {
        const u = plan.units[unit]!;
        accumulator.add(u.job, result);
        progress.advance(u.draws.length);
      },
      signal === undefined ? {} : { signal },
    );
    return accumulator.result(o.features.names, run.noFeatures);
  }
}
