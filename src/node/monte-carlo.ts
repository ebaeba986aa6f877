/**
 * The Monte Carlo pipeline with Node defaults: worker threads, as many as the machine has cores.
 *
 * @module
 */
import { MonteCarloClassifier as CoreMonteCarloClassifier, isPortable, type MonteCarloOptions } from '../classify/monte-carlo';
import { evaluatePipeline as coreEvaluatePipeline, type PipelineEvaluation, type PipelineEvaluationOptions } from '../eval/pipeline';
import type { Source } from '../io/schema';
import { defaultWorkerCount, workerThreadsExecutor } from './executor';

/**
 * Fills in Node's default executor: worker threads (as many as {@link defaultWorkerCount}) when the options can
 * run on workers, no executor is given and more than one worker is wanted.
 */
function withWorkerThreads<O extends MonteCarloOptions>(options: O): O {
  if (options.executor !== undefined || !isPortable(options)) return options;
  const workers = options.workers ?? defaultWorkerCount();
  return workers > 1 ? { ...options, executor: workerThreadsExecutor({ workers }) } : options;
}

/**
 * `MonteCarloClassifier` (see `muwclass/classify`) whose default executor is Node worker threads, one per core.
 * Results are bit-identical to the in-process run for the same seed.
 *
 * @example
 * ```ts
 * const td = syntheticTrainingSet({ seed: 1 });
 * const mc = new MonteCarloClassifier({ nSamples: 2, workers: 2, classifier: { type: 'RandomForest', options: { nEstimators: 4 } } }).fit(td);
 * mc.options.executor.name; // => 'worker-threads'
 * (await mc.predict(td.slice(0, 4), { ebv: 0.1 })).predicted.length; // => 4
 * ```
 */
export class MonteCarloClassifier extends CoreMonteCarloClassifier {
  constructor(options: MonteCarloOptions = {}) {
    super(withWorkerThreads(options));
  }
}

/**
 * `evaluatePipeline` (see `muwclass/eval`) on Node worker threads by default.
 *
 * @example
 * ```ts
 * const td = syntheticTrainingSet({ seed: 1 });
 * const r = await evaluatePipeline(td, { cv: 3, nSamples: 1, resample: false, classifier: { type: 'RandomForest', options: { nEstimators: 5 } } });
 * r.all.accuracy > 0.5; // => true
 * ```
 */
export function evaluatePipeline(trainingSet: readonly Source[], options: PipelineEvaluationOptions = {}): Promise<PipelineEvaluation> {
  return coreEvaluatePipeline(trainingSet, withWorkerThreads(options));
}
