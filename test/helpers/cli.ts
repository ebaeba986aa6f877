import { PassThrough } from 'node:stream';

import type { CliContext } from '../../src/cli/command';

/** A CLI context whose stdout and stderr are captured as strings. */
export function captureCli(): { context: CliContext; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d: Buffer) => (o += d.toString()));
  stderr.on('data', (d: Buffer) => (e += d.toString()));
  return { context: { stdout, stderr, isTTY: false }, out: () => o, err: () => e };
}
