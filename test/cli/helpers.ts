/** Helpers of the CLI edge tests: temporary folders, hashes, in-process and real-process runs. */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

import type { CliContext } from '../../src/cli/command';
import { runCli } from '../../src/cli/main';
import { PROJECT_ROOT } from '../helpers/dist';

/** A stack trace line (`    at f (file:1:2)`): never printed for bad input. */
export const STACK_TRACE = /\n\s+at /;

/** The built CLI. */
export const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');

/** Fast pipeline options for tests. */
export const FAST = ['--mc', '1', '--trees', '5', '--workers', '1'];

/** A new temporary folder (readable by everyone, so a test may run the CLI as another user). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `muwclass-${prefix}-`));
  chmodSync(dir, 0o777);
  return dir;
}

/** The SHA-256 of a file's bytes. */
export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The names in a folder, sorted (temporary files included: they start with a dot). */
export function listDir(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** What a run gave. */
export interface Run {
  readonly code: number | null;
  readonly signal?: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI in this process with captured streams (`stdin` given as text; `isTTY`, `env`, `signal`, `columns` optional). */
export async function runInProcess(
  argv: readonly string[],
  options: { stdin?: string; isTTY?: boolean; env?: Record<string, string | undefined>; signal?: AbortSignal; columns?: number; onStderr?: (text: string) => void } = {},
): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough() as PassThrough & { columns?: number };
  if (options.columns !== undefined) stderr.columns = options.columns;
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => {
    err += d.toString();
    options.onStderr?.(err);
  });
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const context: CliContext = {
    stdout,
    stderr,
    isTTY: options.isTTY ?? false,
    stdin,
    env: options.env ?? {},
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const code = await runCli(argv, context);
  return { code, out, err };
}

/**
 * Runs `node dist/cli.js` as a real process: `stdin` text, `uid` (to run as another user), `interrupt` (send
 * SIGINT once stderr matches `interrupt.when`, or after `interrupt.afterMs`).
 */
export function runProcess(
  args: readonly string[],
  options: { cwd?: string; stdin?: string; uid?: number; env?: Record<string, string>; interrupt?: { when?: RegExp; afterMs?: number; signal?: NodeJS.Signals }; timeoutMs?: number } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, ...(options.env ?? {}) };
    if (options.env?.MUWCLASS_DEBUG === undefined) delete env.MUWCLASS_DEBUG;
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? PROJECT_ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
    });
    let out = '';
    let err = '';
    let interrupted = false;
    const interrupt = () => {
      if (interrupted) return;
      interrupted = true;
      child.kill(options.interrupt?.signal ?? 'SIGINT');
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      if (options.interrupt?.when !== undefined && options.interrupt.when.test(err)) interrupt();
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
    const timers: NodeJS.Timeout[] = [];
    if (options.interrupt?.afterMs !== undefined) timers.push(setTimeout(interrupt, options.interrupt.afterMs));
    timers.push(setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      resolve({ code, signal, out, err });
    });
  });
}

/** Whether this process runs as root (permission checks then need another user: {@link NOBODY}). */
export const IS_ROOT = process.getuid?.() === 0;

/** The uid of `nobody`, to run the CLI without root's rights to every file. */
export const NOBODY = 65534;
