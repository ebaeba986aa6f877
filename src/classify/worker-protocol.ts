/**
 * What the main thread sends to Monte Carlo worker threads, and what they send back: plain, structured-clone
 * safe data only (specs instead of functions, feature names instead of a `FeatureSet`).
 *
 * @module
 */
import type { Seed } from '../core/random';
import type { SourceColumns } from '../io/source-columns';
import type { ClassifierSpec, OversamplerSpec } from '../ml/spec';
import type { DrawResult, Job } from './engine';

/** Sent once to every worker thread. */
export interface WorkerData {
  readonly td: SourceColumns;
  readonly labels: readonly string[];
  readonly redden: Uint8Array;
  readonly field: SourceColumns | 'td';
  readonly classes: readonly string[];
  readonly featureNames: readonly string[];
  readonly classifier: ClassifierSpec;
  readonly oversampler: OversamplerSpec | null;
  readonly resample: boolean;
  readonly errorScale: number;
  readonly seed: Seed;
  readonly importances: boolean;
  readonly jobs: readonly Job[];
}

/** One unit of work: some draws of one job. */
export interface WorkerTask {
  readonly job: number;
  readonly draws: readonly number[];
}

/** A unit's results, one per draw. */
export type WorkerResult = DrawResult[];
