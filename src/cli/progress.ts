/**
 * Progress of a Monte Carlo run on the command line. On a terminal, a bar drawn at once (0 %) and redrawn in
 * place (`[#######-----]  412/1000 draws  41%  ETA 1 min 12 s`), never wider than the terminal; on a pipe or
 * file, a plain line every so often (`classify: 412/1000 draws (41%), ETA 1 min 12 s`), and the command's
 * one-line summary at the end.
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

function fraction(progress: Progress): number {
  return progress.total > 0 ? Math.min(1, progress.done / progress.total) : 1;
}

/** The text after the bar: `412/1000 draws  41%  ETA 1 min 12 s`. */
function progressText(progress: Progress): string {
  const { done, total } = progress;
  const count = `${String(done).padStart(String(total).length)}/${total} draws`;
  const when = done >= total ? `done in ${formatDuration(progress.elapsedMs)}` : `ETA ${formatDuration(progress.etaMs)}`;
  return `${count} ${String(Math.round(fraction(progress) * 100)).padStart(3)}%  ${when}`;
}

function bar(f: number, width: number): string {
  const filled = Math.round(f * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

/** One line of the progress bar for `progress` (no carriage return), the bar `width` characters inside. */
export function progressLine(progress: Progress, width = 30): string {
  return `${bar(fraction(progress), width)} ${progressText(progress)}`;
}

/** The widest bar drawn. */
const MAX_BAR = 30;
/** A narrower bar is left out. */
const MIN_BAR = 5;

/**
 * The progress line for a terminal `columns` wide: at most `columns - 1` characters (the last column is left
 * free so a terminal never wraps), the bar shrunk (or left out) to fit. `progress` undefined: the run is
 * starting (0 %).
 */
export function fitProgressLine(label: string, progress: Progress | undefined, columns: number): string {
  const max = Math.max(1, Math.floor(columns) - 1);
  const text = progress === undefined ? '  0%  starting' : progressText(progress);
  const f = progress === undefined ? 0 : fraction(progress);
  const prefix = label === '' ? '' : `${label} `;
  const room = max - prefix.length - text.length - 3; // "[", "]", " "
  const line = room >= MIN_BAR ? `${prefix}${bar(f, Math.min(MAX_BAR, room))} ${text}` : `${prefix}${text}`;
  return line.length <= max ? line : line.slice(0, max);
}

/** A progress reporter: the callback for the classifier, and `finish()` to end the bar's line. */
export interface ProgressReporter {
  /** Pass as `onProgress`. */
  readonly onProgress: ProgressCallback;
  /** Ends the bar (a newline after the last redraw on a terminal); call it also when the run fails. */
  finish(): void;
}

/** Options of {@link progressReporter}. */
export interface ProgressReporterOptions {
  /** Milliseconds between plain lines when stderr is not a terminal (default 10 000). */
  readonly intervalMs?: number;
  /** Milliseconds between redraws of the bar on a terminal (default 100). */
  readonly redrawMs?: number;
  /** The clock (default `performance.now`), for tests. */
  readonly now?: () => number;
}

/** The terminal width of stderr: its `columns`, or 80. */
export function terminalColumns(context: CliContext): number {
  const c = context.stderr.columns;
  return typeof c === 'number' && Number.isFinite(c) && c > 0 ? c : 80;
}

/**
 * Progress on `context.stderr`. On a terminal (`context.isTTY`): the bar is drawn at once at 0 %, redrawn in
 * place with `\r` at most every `redrawMs` and at the end, never wider than the terminal (`stderr.columns`,
 * read at every redraw, so a resized terminal is followed). Otherwise: one plain line every `intervalMs`
 * (none for a run shorter than that), no carriage returns.
 *
 * @param context - the CLI context (its `isTTY` and `stderr.columns` decide)
 * @param label - a short prefix, e.g. `classify`
 * @param options - intervals and clock
 */
export function progressReporter(context: CliContext, label: string, options: ProgressReporterOptions = {}): ProgressReporter {
  const now = options.now ?? (() => performance.now());
  const started = now();
  if (!context.isTTY) {
    const interval = options.intervalMs ?? 10_000;
    let last = started;
    return {
      onProgress(progress) {
        const t = now();
        if (progress.done >= progress.total || t - last < interval) return;
        last = t;
        const when = `ETA ${formatDuration(progress.etaMs)}`;
        context.stderr.write(`${label}: ${progress.done}/${progress.total} draws (${Math.round(fraction(progress) * 100)}%), ${when}\n`);
      },
      finish() {},
    };
  }
  const redraw = options.redrawMs ?? 100;
  let last = -Infinity;
  let drawn = false;
  const draw = (progress: Progress | undefined) => {
    context.stderr.write(`\r${fitProgressLine(label, progress, terminalColumns(context))}\x1b[K`);
    drawn = true;
  };
  draw(undefined);
  return {
    onProgress(progress) {
      const t = now();
      if (progress.done < progress.total && t - last < redraw) return;
      last = t;
      draw(progress);
    },
    finish() {
      if (drawn) context.stderr.write('\n');
      drawn = false;
    },
  };
}
