/**
 * The worker pool that the Web Worker and Node worker-thread executors share: it starts `workers` workers,
 * sends each the plan once, hands out units one at a time to whichever worker is free, and gathers results as
 * they come. Only the way a worker is started differs between runtimes (a {@link WorkerHandle}).
 *
 * @module
 */
import { InvalidArgumentError, WorkerError } from '../core/errors';
import { throwIfCancelled, type ExecuteOptions, type MonteCarloExecutor, type UnitResultCallback } from './executor';
import type { MonteCarloPlan } from './plan';
import { isPortablePlan } from './plan';
import { errorFromData, type FromWorker, type ToWorker } from './worker-protocol';

/** A started worker, as the pool sees it (a thin wrapper of a Web Worker or a Node `Worker`). */
export interface WorkerHandle {
  /** Sends a message. */
  post(message: ToWorker): void;
  /** Registers the handlers of messages and of failures (a worker that cannot start, crashes or exits). */
  listen(onMessage: (message: FromWorker) => void, onFailure: (error: Error) => void): void;
  /** Stops the worker. */
  terminate(): void;
}

/** Validates a `workers` count. */
export function checkWorkers(caller: string, workers: number): number {
  if (!Number.isInteger(workers) || workers < 1) throw new InvalidArgumentError(`${caller}: workers must be an integer >= 1, got ${workers}`);
  return workers;
}

/**
 * An executor over a pool of `workers` workers started by `start`.
 *
 * @param name - the executor's name
 * @param workers - number of workers
 * @param start - starts one worker
 * @returns the executor
 */
export function workerPoolExecutor(name: string, workers: number, start: () => WorkerHandle): MonteCarloExecutor {
  checkWorkers(name, workers);
  return {
    name,
    workers,
    needsPortablePlan: true,
    run: async (plan, onUnit, options) => runPool(plan, workers, start, onUnit, options ?? {}),
  };
}

function runPool(plan: MonteCarloPlan, workers: number, start: () => WorkerHandle, onUnit: UnitResultCallback, options: ExecuteOptions): Promise<void> {
  if (!isPortablePlan(plan)) {
    return Promise.reject(new InvalidArgumentError('Monte Carlo workers need a plan of plain data: use specs and built-in features, or the in-process executor'));
  }
  const { signal } = options;
  throwIfCancelled(signal);
  const nUnits = plan.units.length;
  if (nUnits === 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const handles: WorkerHandle[] = [];
    let next = 0;
    let finished = 0;
    let settled = false;
    const stop = (error?: Error): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      for (const h of handles) h.terminate();
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = (): void => {
      try {
        throwIfCancelled(signal);
      } catch (e) {
        stop(e as Error);
      }
    };
    signal?.addEventListener('abort', onAbort);
    const feed = (h: WorkerHandle): void => {
      if (next < nUnits) h.post({ type: 'unit', unit: next++ });
    };
    try {
      for (let w = 0; w < Math.min(workers, nUnits); w++) {
        const h = start();
        handles.push(h);
        h.listen(
          (message) => {
            if (settled) return;
            if (message.type === 'error') {
              stop(errorFromData(message.error));
              return;
            }
            try {
              onUnit(message.unit, message.result);
            } catch (e) {
              stop(e as Error);
              return;
            }
            finished++;
            if (finished === nUnits) stop();
            else feed(h);
          },
          (error) => stop(error instanceof WorkerError ? error : new WorkerError(`a Monte Carlo worker failed: ${error.message}`, { cause: error })),
        );
        h.post({ type: 'plan', plan });
        feed(h);
      }
    } catch (e) {
      stop(e instanceof Error ? e : new WorkerError(String(e)));
    }
  });
}
