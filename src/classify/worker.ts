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

const { featureNames, classifier, oversampler, jobs, ...shared } = workerData as WorkerData;

const input: EngineInput = {
  ...shared,
  features: new FeatureSet(featureNames),
  classifier: classifierFactory(classifier),
  oversampler: oversampler === null ? null : oversamplerFactory(oversampler),
};

/** Runs one task: the given draws of one job. */
export default function runTask(task: WorkerTask): WorkerResult {
  return runDraws(input, jobs[task.job]!, task.draws);
}
