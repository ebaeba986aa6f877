/**
 * A Monte Carlo run as plain data: the *plan* (the run's shared input, its jobs — E(B−V) bins or
 * cross-validation folds — and its units of work, each a chunk of draws of one job) and the one kernel that
 * executes a unit, {@link runUnit}. Executors (in-process, Node worker threads, Web Workers) only move plans and
 * results; every unit's seeds derive from the plan's seed, the draw and the job's key alone, so the outcome
 * is bit-identical whatever runs the units, in whatever order, on however many workers.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { FeatureSet } from '../features/feature-set';
import type { EbvBins } from '../reddening/ebv-bins';
import type { ClassifierFactory, OversamplerFactory } from '../ml/classifier';
import { classifierFactory, oversamplerFactory, type ClassifierSpec, type OversamplerSpec } from '../ml/spec';
import { runDraws, type EngineInput, type Job, type RunData, type UnitResult } from './engine';

/** One unit of work: some draws of one job (its index in {@link MonteCarloPlan.jobs}). */
export interface WorkUnit {
  /** Index of the job in the plan. */
  readonly job: number;
  /** Draw indices, ascending. */
  readonly draws: readonly number[];
}

/**
 * Everything a Monte Carlo run needs. A plan whose features are built-in names and whose classifier and
 * oversampler are specs is plain data (structured-clone safe, see {@link isPortablePlan}), and can be sent to
 * workers; a plan holding functions (a `FeatureSet` with custom features, factories) runs in-process only.
 */
export interface MonteCarloPlan extends RunData {
  /** The features: built-in feature names (portable) or a `FeatureSet`. */
  readonly features: readonly string[] | FeatureSet;
  /** The classifier: a spec (portable) or a factory `(seed) => Classifier`. */
  readonly classifier: ClassifierSpec | ClassifierFactory;
  /** The oversampler: a spec (portable), a factory, or `null` for none. */
  readonly oversampler: OversamplerSpec | OversamplerFactory | null;
  /** Return every draw's probabilities as well as the summary (memory grows with the draws). */
  readonly keepDraws: boolean;
  /** The groups of sources, each classified by its own models. */
  readonly jobs: readonly Job[];
  /** The units of work: every (job, draw) pair in exactly one unit. */
  readonly units: readonly WorkUnit[];
}

/**
 * A Monte Carlo run prepared but not yet run: its plan and what turns the merged units into a result. Returned by
 * `MonteCarloClassifier.planPredict`; run it whole (`predict` does) or in shards (`runShard`, `mergeShards`).
 */
export interface PlannedRun {
  /** The plan: shared data, jobs and units. */
  readonly plan: MonteCarloPlan;
  /** Monte Carlo draws per job. */
  readonly nDraws: number;
  /** 1 for each source whose every feature is missing as measured (see `MonteCarloResult.noFeatures`). */
  readonly noFeatures: Uint8Array;
  /** The E(B−V) bins of the sources (absent when nothing is reddened). */
  readonly bins?: EbvBins;
  /** 1 for each source that is a training-set member, classified by models trained without it (absent when not asked). */
  readonly trainingMember?: Uint8Array;
}

/**
 * The number of consecutive draws in a unit: about 16 units per job (enough to keep 16 workers busy), at most 16
 * draws each (so progress shows often). A function of the number of draws alone: the units, and so the order
 * in which draws are merged, are the same for every executor and worker count, which keeps results
 * bit-identical.
 *
 * @example
 * ```ts
 * [drawsPerUnit(4), drawsPerUnit(100), drawsPerUnit(1000)]; // => [1, 7, 16]
 * ```
 */
export function drawsPerUnit(nDraws: number): number {
  return Math.min(16, Math.max(1, Math.ceil(nDraws / 16)));
}

/**
 * Splits `nDraws` draws of each of `nJobs` jobs into units of at most `chunk` consecutive draws, draw-chunk
 * major (every job's first chunk, then every job's second, …), so early results cover all jobs.
 *
 * @param nJobs - number of jobs
 * @param nDraws - draws per job
 * @param chunk - the most draws in one unit (at least 1)
 * @returns the units
 * @example
 * ```ts
 * planUnits(2, 3, 2); // => [{ job: 0, draws: [0, 1] }, { job: 1, draws: [0, 1] }, { job: 0, draws: [2] }, { job: 1, draws: [2] }]
 * ```
 */
export function planUnits(nJobs: number, nDraws: number, chunk: number): WorkUnit[] {
  const size = Math.max(1, Math.floor(chunk));
  const units: WorkUnit[] = [];
  for (let d0 = 0; d0 < nDraws; d0 += size) {
    for (let job = 0; job < nJobs; job++) {
      const draws: number[] = [];
      for (let d = d0; d < Math.min(nDraws, d0 + size); d++) draws.push(d);
      units.push({ job, draws });
    }
  }
  return units;
}

/**
 * Whether a plan is plain data that can be sent to workers: feature names rather than a `FeatureSet`, specs
 * rather than factories.
 *
 * @example
 * ```ts
 * isPortablePlan({ features: ['HR_ms'], classifier: { type: 'RandomForest' }, oversampler: null }); // => true
 * isPortablePlan({ features: ['HR_ms'], classifier: () => new RandomForest(), oversampler: null });  // => false
 * ```
 */
export function isPortablePlan(plan: Pick<MonteCarloPlan, 'features' | 'classifier' | 'oversampler'>): boolean {
  return Array.isArray(plan.features) && typeof plan.classifier !== 'function' && typeof plan.oversampler !== 'function';
}

const resolved = new WeakMap<MonteCarloPlan, EngineInput>();

/** The engine input of a plan (specs made factories, names made a feature set), built once per plan object. */
function engineInput(plan: MonteCarloPlan): EngineInput {
  let input = resolved.get(plan);
  if (input === undefined) {
    const { features, classifier, oversampler } = plan;
    input = {
      ...plan,
      features: features instanceof FeatureSet ? features : new FeatureSet(features as readonly string[]),
      classifier: typeof classifier === 'function' ? classifier : classifierFactory(classifier),
      oversampler: oversampler === null ? null : typeof oversampler === 'function' ? oversampler : oversamplerFactory(oversampler),
    };
    resolved.set(plan, input);
  }
  return input;
}

/**
 * The kernel: runs one unit of a plan — for each of its draws, resample, redden, build features, oversample,
 * train and classify the job's sources (see `runDraws`). Pure and synchronous; the same plan and unit give the
 * same probabilities bit for bit in any runtime and thread.
 *
 * @param plan - the run
 * @param unit - a unit of the plan (or its index in `plan.units`)
 * @returns the unit's summary (mean and squared deviations of every probability over its draws)
 * @throws {InvalidArgumentError} for a unit index or job outside the plan
 */
export function runUnit(plan: MonteCarloPlan, unit: WorkUnit | number): UnitResult {
  const u = typeof unit === 'number' ? plan.units[unit] : unit;
  if (u === undefined) throw new InvalidArgumentError(`runUnit: unit ${String(unit)} is not in the plan (${plan.units.length} units)`);
  const job = plan.jobs[u.job];
  if (job === undefined) throw new InvalidArgumentError(`runUnit: job ${u.job} is not in the plan (${plan.jobs.length} jobs)`);
  return runDraws(engineInput(plan), job, u.draws, plan.keepDraws);
}
