/**
 * Running Monte Carlo work units on worker threads (piscina) or in-process, with progress. Units are
 * (job, chunk of draws); their results are handed back in completion order and accumulated in draw order, so
 * the outcome does not depend on the number of workers.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Piscina } from 'piscina';

import { InvalidArgumentError } from '../core/errors';

/** Progress of a long run, reported after every finished work unit. */
export interface Progress {
  /** Draws finished (summed over groups of sources). */
  readonly done: number;
  /** Draws in all. */
  readonly total: number;
  /** Milliseconds since the start. */
  readonly elapsedMs: number;
  /** Estimated milliseconds to go (`NaN` before the first unit finishes). */
  readonly etaMs: number;
}

/** A callback receiving {@link Progress}. */
export type ProgressCallback = (progress: Progress) => void;

/**
 * The number of worker threads used by default: the machine's available parallelism.
 *
 * @example
 * ```ts
 * defaultWorkerCount(); // 2 on a 2-core machine
 * ```
 */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

/** Validates a `workers` option. */
export function checkWorkers(caller: string, workers: number): number {
  if (!Number.isInteger(workers) || workers < 1) throw new InvalidArgumentError(`${caller}: workers must be an integer >= 1, got ${workers}`);
  return workers;
}

/**
 * Splits `nDraws` draws of each of `nJobs` jobs into units of at most `chunk` consecutive draws, draw-chunk
 * major (every job's first chunk, then every job's second, …), so early results cover all jobs.
 */
export function planUnits(nJobs: number, nDraws: number, chunk: number): { job: number; draws: number[] }[] {
  const size = Math.max(1, Math.floor(chunk));
  const units: { job: number; draws: number[] }[] = [];
  for (let d0 = 0; d0 < nDraws; d0 += size) {
    for (let job = 0; job < nJobs; job++) {
      const draws: number[] = [];
      for (let d = d0; d < Math.min(nDraws, d0 + size); d++) draws.push(d);
      units.push({ job, draws });
    }
  }
  return units;
}

/** Tracks progress and calls the callback. */
export class ProgressTracker {
  private done = 0;
  private readonly start = performance.now();

  constructor(
    private readonly total: number,
    private readonly callback: ProgressCallback | undefined,
  ) {}

  /** Records `n` more finished draws. */
  advance(n: number): void {
    this.done += n;
    if (this.callback === undefined) return;
    const elapsedMs = performance.now() - this.start;
    const etaMs = this.done === 0 ? Number.NaN : (elapsedMs / this.done) * (this.total - this.done);
    this.callback({ done: this.done, total: this.total, elapsedMs, etaMs });
  }
}

/**
 * The worker script next to this module: `worker.js`/`worker.cjs` in the built package (this module may sit
 * in `dist/` or `dist/classify/`), or `worker.ts` when running from source (then it is loaded through tsx).
 */
export function workerScript(): { filename: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const ext = extname(here);
  const dir = dirname(here);
  const candidates = [join(dir, `worker${ext}`), join(dir, 'classify', `worker${ext}`)];
  const filename = candidates.find((c) => existsSync(c));
  if (filename === undefined) throw new InvalidArgumentError(`Monte Carlo workers: no worker script found (looked for ${candidates.join(', ')})`);
  return { filename, execArgv: ext === '.ts' ? ['--import', 'tsx'] : [] };
}

/**
 * Runs tasks on a pool of `workers` threads sharing `workerData`, calling `onResult` as each finishes.
 *
 * @param workerData - sent once to every thread (structured clone)
 * @param tasks - the tasks, sent one by one
 * @param workers - number of threads
 * @param onResult - receives each task's result with the task's index
 */
export async function runOnWorkers<T, R>(workerData: unknown, tasks: readonly T[], workers: number, onResult: (result: R, index: number) => void): Promise<void> {
  const { filename, execArgv } = workerScript();
  const pool = new Piscina({ filename, workerData, minThreads: workers, maxThreads: workers, execArgv, idleTimeout: 1000 });
  try {
    await Promise.all(
      tasks.map(async (task, index) => {
        const result = (await pool.run(task)) as R;
        onResult(result, index);
      }),
    );
  } finally {
    await pool.destroy();
  }
}
