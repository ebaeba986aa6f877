/**
 * File-permission checks in tests that run as root (CI does): root reads and writes any file, so a case that
 * needs a permission to be refused runs in a child Node process as `nobody` instead of being skipped.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { PROJECT_ROOT } from './dist';

/** Whether the tests run as root. */
export const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

/** The user and group id of `nobody` (Debian). */
export const NOBODY = 65534;

/** A temporary folder that `nobody` may enter (mkdtemp makes it 0700). */
export function sharedTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/**
 * Runs a module given as source text in a fresh Node process — as `nobody` when the tests run as root, as the
 * current user otherwise — and returns the JSON value it printed last on stdout. TypeScript (`typescript: true`)
 * runs through tsx from the project, so the module may import `src/` by absolute file URL (`srcUrl`).
 */
export function runUnprivileged(source: string, options: { readonly typescript?: boolean } = {}): unknown {
  const dir = sharedTempDir('muwclass-unprivileged-');
  const file = join(dir, options.typescript === true ? 'run.mts' : 'run.mjs');
  writeFileSync(file, source);
  chmodSync(file, 0o644);
  const args = options.typescript === true ? ['--import', 'tsx', file] : [file];
  const stdout = execFileSync(process.execPath, args, {
    cwd: options.typescript === true ? PROJECT_ROOT : dir,
    encoding: 'utf8',
    env: { ...process.env, HOME: dir },
    ...(IS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

/** The file URL of a module under src/, for a child process's import. */
export function srcUrl(path: string): string {
  return pathToFileURL(join(PROJECT_ROOT, 'src', path)).href;
}
