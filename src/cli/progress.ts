/**
 * Progress of a Monte Carlo run on the command line: a bar redrawn in place on a terminal
 * (`[#######-----]  412/1000 draws  41%  ETA 1 min 12 s`), nothing on a pipe or file (the command prints a
 * one-line summary instead).
 *
 * @module
 */
import type { Progress, ProgressCallback } from '../classify/progress';
import type { CliContext } from './command';

/** Seconds (or minutes and seconds) in words: `8 s`, `1 min 12 s`, `2 h 3 min`; `?` when unknown. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** One line of the progress bar for `progress` (no carriage return). */
export function progressLine(progress: Progress, width = 30): string {
  const { done, total } = progress;
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  const count = `${String(done).padStart(String(total).length)}/${total} draws`;
  const when = done >= total ? `done in ${formatDuration(progress.elapsedMs)}` : `ETA ${formatDuration(progress.etaMs)}`;
  return `${bar} ${count} ${String(Math.round(fraction * 100)).padStart(3)}%  ${when}`;
}

/** A progress reporter: the callback for the classifier, and `finish()` to end the bar's line. */
export interface ProgressReporter {
  /** Pass as `onProgress`; `undefined` when no bar is drawn (not a terminal). */
  readonly onProgress: ProgressCallback | undefined;
  /** Ends the bar (a newline after the last redraw); does nothing when no bar was drawn. */
  finish(): void;
}

/**
 * A progress bar on `context.stderr` when it is a terminal (redrawn at most every 100 ms, and at the end),
 * nothing otherwise.
 *
 * @param context - the CLI context (its `isTTY` decides)
 * @param label - a short prefix, e.g. `classify`
 */
export function progressReporter(context: CliContext, label: string): ProgressReporter {
  if (!context.isTTY) return { onProgress: undefined, finish() {} };
  let last = -Infinity;
  let drawn = false;
  let lastLength = 0;
  return {
    onProgress(progress) {
      const now = performance.now();
      if (progress.done < progress.total && now - last < 100) return;
      last = now;
      const line = `${label} ${progressLine(progress)}`;
      context.stderr.write(`\r${line}${' '.repeat(Math.max(0, lastLength - line.length))}`);
      lastLength = line.length;
      drawn = true;
    },
    finish() {
      if (drawn) context.stderr.write('\n');
      drawn = false;
    },
  };
}
