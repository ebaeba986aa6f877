import { PassThrough } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { formatDuration, progressLine, progressReporter } from '../../src/cli/progress';

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

  it('writes nothing when stderr is not a terminal', () => {
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    const reporter = progressReporter({ stdout: new PassThrough(), stderr, isTTY: false }, 'x');
    expect(reporter.onProgress).toBeUndefined();
    reporter.finish();
    expect(err).toBe('');
  });
});
