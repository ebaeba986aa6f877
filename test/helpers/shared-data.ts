/**
 * Locating the public reference data in `../shared/data/` (or `$MUWCLASS_SHARED_DATA`).
 *
 * Tests that need a file use {@link describeWithData}: when the file is absent the block is skipped with a
 * message naming the file — unless the environment variable `CI` is set, where the data must be present and
 * the block fails instead of silently passing.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe } from 'vitest';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared data folder: `$MUWCLASS_SHARED_DATA`, else `<project>/../shared/data`. */
export const SHARED_DATA_DIR = process.env.MUWCLASS_SHARED_DATA ?? resolve(projectRoot, '..', 'shared', 'data');

/** Absolute path of a file in the shared data folder, e.g. `sharedData('td/muwclass_td_cscv2.csv')`. */
export function sharedData(relativePath: string): string {
  return resolve(SHARED_DATA_DIR, relativePath);
}

/** Whether every given shared data file exists. */
export function hasSharedData(...relativePaths: string[]): boolean {
  return relativePaths.every((p) => existsSync(sharedData(p)));
}

/**
 * `describe` that runs only when the shared data files exist: skipped with a message naming the missing file
 * on a user's clone, a failure under CI (where the data is always present).
 */
export function describeWithData(name: string, files: readonly string[], body: () => void): void {
  const missing = files.filter((f) => !existsSync(sharedData(f)));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const message = `needs ${missing.map(sharedData).join(', ')} (public reference data, see README "Reference data")`;
  if (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') {
    describe(name, () => {
      throw new Error(`CI run without reference data: ${message}`);
    });
    return;
  }
  console.warn(`[skipped] ${name}: ${message}`);
  describe.skip(`${name} [skipped: ${message}]`, body);
}
