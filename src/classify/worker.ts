/**
 * The Monte Carlo worker thread (piscina): rebuilds the engine input once from the thread's `workerData`, then
 * runs the draws of each task it is given.
 *
 * @module
 */
import { workerData } from 'piscina';

import { FeatureSet } from '../features/feature-set';
import { classifierFactory, oversamplerFactory } from '../ml/spec';
import { runDraws, type EngineInput } from './engine';
import type { WorkerData, WorkerResult, WorkerTask } from './worker-protocol';

const data = workerData as WorkerData;

const input: EngineInput = {
  td: data.td,
  labels: data.labels,
  redden: data.redden,
  field: data.field,
  classes: data.classes,
  features: new FeatureSet(data.featureNames),
  classifier: classifierFactory(data.classifier),
  oversampler: data.oversampler === null ? null : oversamplerFactory(data.oversampler),
  resample: data.resample,
  errorScale: data.errorScale,
  seed: data.seed,
  importances: data.importances,
};

/** Runs one task: the given draws of one job. */
export default function runTask(task: WorkerTask): WorkerResult {
  return runDraws(input, data.jobs[task.job]!, task.draws);
}
