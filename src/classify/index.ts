/**
 * The MUWCLASS pipeline (paper Figure 2): Monte Carlo classification and the confidence threshold, as a plan
 * of plain data run by an executor (in-process, or Web Workers here; worker threads in `muwclass/node`).
 *
 * @module classify
 */
export { confidenceThreshold, confidenceThresholds, bestClasses, CT_ZERO_DENOMINATOR, type ConfidenceThresholds } from './confidence';
export { resampleSource, resampleColumns, bandSumBroadFlux, DEFAULT_ERROR_SCALE, DEFAULT_ERRORLESS_MAGNITUDES, type ResampleOptions, type ErrorlessMagnitudes } from './resample';
export {
  MonteCarloClassifier,
  DEFAULT_CLASSIFIER,
  DEFAULT_OVERSAMPLER,
  type MonteCarloOptions,
  type ResolvedMonteCarloOptions,
  type PredictOptions,
  type MonteCarloPrediction,
} from './monte-carlo';
export { monteCarloRecords, monteCarloRecord, monteCarloColumns, type MonteCarloResult } from './result';
export { PAPER_PRESET, BALANCED_PRESET, PRESETS, type PipelinePreset } from './presets';
export { priorCorrectionWeights } from './prior-correction';
export { findTrainingMembers, leaveOutMembers, DEFAULT_MEMBER_GROUPS, type TrainingMemberOptions, type NamedPositions } from './training-members';
export { PREDICT_BLOCK_ROWS, type Job, type UnitResult } from './engine';
export { runUnit, planUnits, drawsPerUnit, isPortablePlan, type MonteCarloPlan, type WorkUnit, type PlannedRun } from './plan';
export { shardUnits, runShard, mergeShards, type RunShardOptions, type MergeShardsOptions } from './shard';
export {
  shardablePlan,
  encodePlan,
  decodePlan,
  encodePart,
  decodePart,
  PLAN_FILE_VERSION,
  PART_FILE_VERSION,
  type ShardablePlan,
  type ShardPart,
} from './shard-file';
export { inProcessExecutor, type MonteCarloExecutor, type ExecuteOptions, type UnitResultCallback } from './executor';
export { webWorkerExecutor, defaultWorkerCount, hasWebWorkers, type WebWorkerExecutorOptions } from './web-executor';
export { workerPoolExecutor, type WorkerHandle } from './worker-pool';
export { serveMonteCarloWorker, type ToWorker, type FromWorker, type WorkerSide, type ErrorData } from './worker-protocol';
export type { Progress, ProgressCallback } from './progress';
