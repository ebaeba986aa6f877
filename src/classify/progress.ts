/**
 * Progress of a long Monte Carlo run: draws done, total, elapsed time and time left, reported after every
 * finished work unit, whatever executor runs the units.
 *
 * @module
 */

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
