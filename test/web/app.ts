/**
 * Helpers of the web app's end-to-end tests and of `npm run screenshots:web`: build the app with Vite's JS API
 * into a temporary folder, serve it on 127.0.0.1, open it in headless Chromium (Debian's, via playwright-core).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'vite';

export { CHROMIUM, serveStatic as serve } from '../helpers/chromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds the production app into a new temporary folder and returns it. */
export async function buildApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'muwclass-web-'));
  await build({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  return outDir;
}

