/**
 * The Web Worker executor: Monte Carlo units on a pool of browser Web Workers (module workers), so a page stays
 * responsive while it classifies. Uses only web-standard globals (`Worker`, `URL`), so it also runs in Deno.
 *
 * @module
 */
import { InvalidArgumentError, WorkerError } from '../core/errors';
import type { MonteCarloExecutor } from './executor';
import { checkWorkers, workerPoolExecutor, type WorkerHandle } from './worker-pool';
import type { FromWorker } from './worker-protocol';

/** The part of a Web Worker the executor uses. */
interface WebWorker {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown; message?: string }) => void): void;
  terminate(): void;
}

type WebWorkerConstructor = new (url: string | URL, options?: { type?: 'module' | 'classic'; name?: string }) => WebWorker;

/** The runtime's `Worker` constructor, if it has Web Workers. */
function webWorkerConstructor(): WebWorkerConstructor | undefined {
  const w = (globalThis as { Worker?: unknown }).Worker;
  return typeof w === 'function' ? (w as WebWorkerConstructor) : undefined;
}

/** Whether this runtime has Web Workers (browsers, Deno; not Node). */
export function hasWebWorkers(): boolean {
  return webWorkerConstructor() !== undefined;
}

/**
 * The number of workers used by default: the runtime's `navigator.hardwareConcurrency`, or 1 where it is unknown.
 * (`muwclass/node` has its own, from the machine's available parallelism.)
 *
 * @example
 * ```ts
 * defaultWorkerCount() >= 1; // => true
 * ```
 */
export function defaultWorkerCount(): number {
  const n = (globalThis as { navigator?: { hardwareConcurrency?: unknown } }).navigator?.hardwareConcurrency;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : 1;
}

/** Options of {@link webWorkerExecutor}. */
export interface WebWorkerExecutorOptions {
  /** Number of Web Workers (default {@link defaultWorkerCount}). */
  readonly workers?: number;
  /**
   * The worker script: the package's `muwclass/web-worker` entry, built next to the page's bundle. Default
   * `new URL('./web-worker.js', import.meta.url)` — the file beside this module in the package, or beside your
   * bundle (copy or bundle `muwclass/web-worker` there).
   */
  readonly url?: string | URL;
}

/**
 * An executor that runs Monte Carlo units on a pool of module Web Workers, each running the
 * `muwclass/web-worker` script. Same seed, same results as in-process, bit for bit.
 *
 * @param options - number of workers, worker script URL
 * @returns the executor
 * @throws {InvalidArgumentError} where the runtime has no Web Workers, or for an invalid `workers`
 * @example
 * ```ts
 * // in a page, with web-worker.js (bundled from 'muwclass/web-worker') beside the page's script:
 * // const mc = new MonteCarloClassifier({ executor: webWorkerExecutor({ workers: 4 }) }).fit(td);
 * typeof webWorkerExecutor; // => 'function'
 * ```
 */
export function webWorkerExecutor(options: WebWorkerExecutorOptions = {}): MonteCarloExecutor {
  const Worker = webWorkerConstructor();
  if (Worker === undefined) throw new InvalidArgumentError('webWorkerExecutor: this runtime has no Web Workers (in Node, use workerThreadsExecutor from muwclass/node)');
  const workers = checkWorkers('webWorkerExecutor', options.workers ?? defaultWorkerCount());
  const url = options.url ?? new URL('./web-worker.js', import.meta.url);
  return workerPoolExecutor('web-workers', workers, (): WorkerHandle => {
    const worker = new Worker(url, { type: 'module', name: 'muwclass Monte Carlo' });
    return {
      post: (message) => worker.postMessage(message),
      listen(onMessage, onFailure) {
        worker.addEventListener('message', (event) => onMessage(event.data as FromWorker));
        worker.addEventListener('error', (event) =>
          onFailure(new WorkerError(`Monte Carlo Web Worker failed (${String(url)}): ${event.message ?? 'could not load or run the script'}`)),
        );
        worker.addEventListener('messageerror', () => onFailure(new WorkerError('Monte Carlo Web Worker: a message could not be decoded')));
      },
      terminate: () => worker.terminate(),
    };
  });
}
