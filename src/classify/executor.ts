/**
 * Executors run the units of a {@link MonteCarloPlan}. The in-process executor is here (any runtime); the
 * worker pool that Web Workers (`webWorkerExecutor`) and Node worker threads (`workerThreadsExecutor` in
 * `muwclass/node`) share is in `worker-pool.ts`. Executors move plain data only; the kernel, `runUnit`, is the
 * same everywhere, so results do not depend on the executor.
 *
 * @module
 */
import { CancelledError } from '../core/errors';
import type { UnitResult } from './engine';
import { runUnit, type MonteCarloPlan } from './plan';

/** Called with each finished unit's index in `plan.units` and its results (in any order of units). */
export type UnitResultCallback = (unit: number, result: UnitResult) => void;

/** Options of {@link MonteCarloExecutor.run}. */
export interface ExecuteOptions {
  /** Stops the run: no unit starts after the signal fires, and `run` rejects with {@link CancelledError}. */
  readonly signal?: AbortSignal;
}

/** Runs every unit of a plan and hands each unit's results to a callback. */
export interface MonteCarloExecutor {
  /** `'in-process'`, `'web-workers'`, `'worker-threads'` or your own. */
  readonly name: string;
  /** Number of units run at once. */
  readonly workers: number;
  /** Whether the executor needs a portable plan (plain data; see `isPortablePlan`). */
  readonly needsPortablePlan: boolean;
  /**
   * Runs every unit of `plan` once, calling `onUnit` as each finishes.
   *
   * @throws {CancelledError} when `options.signal` fires
   */
  run(plan: MonteCarloPlan, onUnit: UnitResultCallback, options?: ExecuteOptions): Promise<void>;
}

/** Throws {@link CancelledError} if the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new CancelledError('Monte Carlo run cancelled');
}

/** Lets timers, events and progress output through between units (works in every runtime). */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The executor that runs units one after the other in the calling thread, yielding to the event loop between
 * units (so progress shows and a page stays responsive between units). Runs any plan, portable or not.
 *
 * @returns the executor
 * @example
 * ```ts
 * const td = syntheticTrainingSet({ seed: 1 });
 * const mc = new MonteCarloClassifier({ nSamples: 2, executor: inProcessExecutor(), classifier: { type: 'RandomForest', options: { nEstimators: 5 } } }).fit(td);
 * const r = await mc.predict(td.slice(0, 3), { ebv: 0.1 });
 * r.predicted.length; // => 3
 * ```
 */
export function inProcessExecutor(): MonteCarloExecutor {
  return {
    name: 'in-process',
    workers: 1,
    needsPortablePlan: false,
    async run(plan, onUnit, options = {}) {
      for (let u = 0; u < plan.units.length; u++) {
        throwIfCancelled(options.signal);
        onUnit(u, runUnit(plan, u));
        await nextTask();
      }
      throwIfCancelled(options.signal);
    },
  };
}
