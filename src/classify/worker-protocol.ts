/**
 * What the main thread sends to Monte Carlo worker threads, and what they send back: plain, structured-clone
 * safe data only — the engine input with specs in place of functions and feature names in place of a
 * `FeatureSet`, plus the jobs.
 *
 * @module
 */
import type { ClassifierSpec, OversamplerSpec } from '../ml/spec';
import type { DrawResult, EngineInput, Job } from './engine';

/** Sent once to every worker thread. */
export interface WorkerData extends Omit<EngineInput, 'features' | 'classifier' | 'oversampler'> {
  readonly featureNames: readonly string[];
  readonly classifier: ClassifierSpec;
  readonly oversampler: OversamplerSpec | null;
  readonly jobs: readonly Job[];
}

/** One unit of work: some draws of one job. */
export interface WorkerTask {
  readonly job: number;
  readonly draws: readonly number[];
}

/** A unit's results, one per draw. */
export type WorkerResult = DrawResult[];
