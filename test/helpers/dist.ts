import { existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (where package.json is). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Throws with the fix when the build output is missing: these tests check the built package, which
 * `npm test` builds before running vitest.
 */
export function requireDist(): void {
  const entry = join(PROJECT_ROOT, 'dist', 'index.js');
  if (!existsSync(entry)) {
    throw new Error(`${entry} is missing: run \`npm run build\` first (\`npm test\` builds before running vitest)`);
  }
}

/**
 * A temporary folder where `muwclass` is installed the way a user's project sees it:
 * `node_modules/muwclass` is a link to this project, so resolution goes through package.json's `exports`.
 */
export function consumerProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'muwclass-consumer-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(PROJECT_ROOT, join(dir, 'node_modules', 'muwclass'), 'dir');
  return dir;
}
