/**
 * The Node worker-thread executor: Monte Carlo units on a pool of `worker_threads`, with the same pool and
 * messages as the Web Worker executor (`worker-pool.ts`); and the number of workers Node uses by default.
 *
 * Why not piscina: the pool needs only "send a plan once, hand out units, gather results", which the shared
 * pool does for Web Workers anyway; piscina added 34.5 KB, Node-only classes, and a worker script located by
 * probing files. Measured against muwclass 0.1 (piscina) on 2 cores, same seeds, identical outputs: classifying
 * 300 sources with the paper's training set (8 draws of 100-tree forests, 2 threads) takes 4.15–4.34 s against
 * 4.09–4.33 s; start-up of a tiny run is 124–144 ms against 147–156 ms.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

import { WorkerError } from '../core/errors';
import type { MonteCarloExecutor } from '../classify/executor';
import { checkWorkers, workerPoolExecutor } from '../classify/worker-pool';
import type { FromWorker } from '../classify/worker-protocol';

/**
 * The number of worker threads used by default: the machine's available parallelism.
 *
 * @example
 * ```ts
 * defaultWorkerCount() >= 1; // => true
 * ```
 */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

const WORKER_NAME = 'muwclass Monte Carlo';

/**
 * Starts one worker thread on the script beside this module: `node-worker.js` in the built package; in the
 * sources (run through tsx, as the tests and examples are) `worker.ts`, loaded through tsx's module hooks.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./node-worker.js', import.meta.url), { name: WORKER_NAME });
  // tsx's ESM API (require.resolve finds its CommonJS twin beside it)
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const script = new URL('./worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { eval: true, name: WORKER_NAME });
}

/** Options of {@link workerThreadsExecutor}. */
export interface WorkerThreadsExecutorOptions {
  /** Number of worker threads (default {@link defaultWorkerCount}). */
  readonly workers?: number;
}

/**
 * An executor that runs Monte Carlo units on a pool of Node worker threads. Same seed, same results as
 * in-process, bit for bit.
 *
 * @param options - number of threads
 * @returns the executor
 * @example
 * ```ts
 * const td = syntheticTrainingSet({ seed: 1 });
 * const options = { nSamples: 2, seed: 3, classifier: { type: 'RandomForest', options: { nEstimators: 4 } } } as const;
 * const threads = await new MonteCarloClassifier({ ...options, executor: workerThreadsExecutor({ workers: 2 }) }).fit(td).predict(td.slice(0, 5), { ebv: 0.2 });
 * const inline = await new MonteCarloClassifier({ ...options, workers: 1 }).fit(td).predict(td.slice(0, 5), { ebv: 0.2 });
 * threads.mean.data.every((p, i) => p === inline.mean.data[i]); // => true
 * ```
 */
export function workerThreadsExecutor(options: WorkerThreadsExecutorOptions = {}): MonteCarloExecutor {
  const workers = checkWorkers('workerThreadsExecutor', options.workers ?? defaultWorkerCount());
  return workerPoolExecutor('worker-threads', workers, () => {
    const worker = startWorker();
    worker.unref();
    let stopped = false;
    return {
      post: (message) => worker.postMessage(message),
      listen(onMessage, onFailure) {
        worker.on('message', (message: FromWorker) => onMessage(message));
        worker.on('error', (error: Error) => onFailure(new WorkerError(`Monte Carlo worker thread failed: ${error.message}`, { cause: error })));
        worker.on('messageerror', (error: Error) => onFailure(new WorkerError(`Monte Carlo worker thread: a message could not be decoded: ${error.message}`)));
        worker.on('exit', (code: number) => {
          if (!stopped) onFailure(new WorkerError(`Monte Carlo worker thread exited early (code ${code})`));
        });
      },
      terminate() {
        stopped = true;
        void worker.terminate();
      },
    };
  });
}
