import { PassThrough } from 'node:stream';

import { describe, expect, it } from 'vitest';

import type { Progress } from '../../src/classify/progress';
import { fitProgressLine, formatDuration, progressLine, progressReporter } from '../../src/cli/progress';

/** A fake stderr (with an optional terminal width) and what was written to it. */
function stderr(columns?: number): { stream: PassThrough & { columns?: number }; text: () => string } {
  const stream = new PassThrough() as PassThrough & { columns?: number };
  if (columns !== undefined) stream.columns = columns;
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
}

/** The visible lines of what a terminal shows: segments between \r and \n, escape sequences removed. */
const segments = (text: string): string[] => text.replace(/\x1b\[K/g, '').split(/[\r\n]/);

const at = (done: number, total: number, elapsedMs = 1000 * done): Progress => ({ done, total, elapsedMs, etaMs: done === 0 ? Number.NaN : (elapsedMs / done) * (total - done) });

describe('progress on the command line', () => {
  it('formats durations in s, min and h, and "?" when unknown', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(59_400)).toBe('59 s');
    expect(formatDuration(72_000)).toBe('1 min 12 s');
    expect(formatDuration(7_380_000)).toBe('2 h 3 min');
    expect(formatDuration(Number.NaN)).toBe('?');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('?');
  });

  it('draws a bar of the fraction done with the ETA, then the time taken', () => {
    expect(progressLine({ done: 0, total: 1000, elapsedMs: 0, etaMs: Number.NaN }, 10)).toBe('[----------]    0/1000 draws   0%  ETA ?');
    expect(progressLine({ done: 412, total: 1000, elapsedMs: 50_000, etaMs: 72_000 }, 10)).toBe('[####------]  412/1000 draws  41%  ETA 1 min 12 s');
    expect(progressLine({ done: 1000, total: 1000, elapsedMs: 121_000, etaMs: 0 }, 10)).toBe('[##########] 1000/1000 draws 100%  done in 2 min 1 s');
  });

  it('fits the line to the terminal: at most columns - 1 characters, the bar shrunk, then left out', () => {
    const p = { done: 412, total: 1000, elapsedMs: 50_000, etaMs: 72_000 };
    expect(fitProgressLine('classify', p, 120)).toBe(`classify ${progressLine(p, 30)}`);
    const at50 = fitProgressLine('classify', p, 50);
    expect(at50.length).toBeLessThanOrEqual(49);
    expect(at50).toBe('classify  412/1000 draws  41%  ETA 1 min 12 s');
    const at60 = fitProgressLine('classify', p, 60);
    expect(at60.length).toBe(59);
    expect(at60).toMatch(/^classify \[#+-+\]  412\/1000 draws  41%  ETA 1 min 12 s$/);
    for (const columns of [1, 5, 20, 30, 49, 50, 51, 79, 80, 200]) {
      expect(fitProgressLine('evaluate', p, columns).length).toBeLessThanOrEqual(Math.max(1, columns - 1));
      expect(fitProgressLine('evaluate', undefined, columns).length).toBeLessThanOrEqual(Math.max(1, columns - 1));
    }
    expect(fitProgressLine('classify', undefined, 80)).toMatch(/^classify \[-{30}\]   0%  starting$/);
  });

  it('on a terminal: shows the bar at once at 0 %, redraws in place with \\r, never wider than the terminal', () => {
    for (const columns of [50, 80, 132]) {
      const err = stderr(columns);
      let t = 0;
      const reporter = progressReporter({ stdout: new PassThrough(), stderr: err.stream, isTTY: true }, 'classify', { now: () => t });
      // Drawn before any draw finished.
      expect(err.text()).toMatch(/^\rclassify (\[-+\] )?  0%  starting\x1b\[K$/);
      for (let done = 1; done <= 300; done++) {
        t += 7;
        reporter.onProgress(at(done, 300, t));
      }
      reporter.finish();
      const text = err.text();
      expect(text.endsWith('\n')).toBe(true);
      expect(text.split('\n')).toHaveLength(2); // one line: every redraw went back with \r
      for (const s of segments(text)) expect(s.length).toBeLessThanOrEqual(columns - 1);
      expect(text).toMatch(/300\/300 draws 100%  done in 2 s\x1b\[K\n$/);
      // Redrawn at most every 100 ms (here every 7 ms of progress): about 2100 / 100 times, plus the start and the end.
      const redraws = text.split('\r').length - 1;
      expect(redraws).toBeGreaterThan(15);
      expect(redraws).toBeLessThan(30);
    }
  });

  it('without a width, assumes 80 columns', () => {
    const err = stderr();
    const reporter = progressReporter({ stdout: new PassThrough(), stderr: err.stream, isTTY: true }, 'evaluate');
    reporter.onProgress(at(5, 10));
    reporter.finish();
    for (const s of segments(err.text())) expect(s.length).toBeLessThanOrEqual(79);
    expect(err.text()).toMatch(/evaluate \[#{15}-{15}\]  5\/10 draws  50%/);
  });

  it('off a terminal: plain lines every interval, no carriage return, nothing for a short run', () => {
    const err = stderr(50);
    let t = 0;
    const reporter = progressReporter({ stdout: new PassThrough(), stderr: err.stream, isTTY: false }, 'classify', { now: () => t, intervalMs: 10_000 });
    for (let done = 1; done <= 100; done++) {
      t += 1000; // 100 s in all: a line every 10 s
      reporter.onProgress(at(done, 100, t));
    }
    reporter.finish();
    const lines = err.text().split('\n').filter((l) => l !== '');
    expect(err.text()).not.toMatch(/\r/);
    expect(lines).toHaveLength(9); // at 10, 20, …, 90 s; the end is the command's summary
    expect(lines[0]).toBe('classify: 10/100 draws (10%), ETA 1 min 30 s');

    const quiet = stderr();
    const short = progressReporter({ stdout: new PassThrough(), stderr: quiet.stream, isTTY: false }, 'x', { now: () => 0 });
    short.onProgress(at(1, 2));
    short.onProgress(at(2, 2));
    short.finish();
    expect(quiet.text()).toBe('');
  });
});
