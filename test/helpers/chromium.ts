/**
 * What every headless-Chromium test shares: where Chromium is, whether this is CI (where a missing Chromium is a
 * failure, never a skip), a `describe` that says so, and a static file server on 127.0.0.1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

import { describe, it } from 'vitest';

/** The Chromium the tests drive ($MUWCLASS_CHROMIUM, or Debian's). */
export const CHROMIUM = process.env.MUWCLASS_CHROMIUM ?? '/usr/bin/chromium';
/** Whether this is a CI run (where a missing Chromium is a failure, not a skip). */
export const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/**
 * `describe` when Chromium is present; in CI without it, one failing test that says how to install it; elsewhere a
 * skipped suite with the same message.
 */
export function describeBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  const message = `needs Chromium at ${CHROMIUM} (\`apt-get install -y chromium\`, or set MUWCLASS_CHROMIUM)`;
  if (IN_CI) {
    describe(name, () => {
      it('has Chromium', () => {
        throw new Error(`CI run without Chromium: ${message}`);
      });
    });
    return;
  }
  console.warn(`[skipped] ${name}: ${message}`);
  describe.skip(`${name} [skipped: ${message}]`, body);
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json',
};

/** Serves a folder on 127.0.0.1 (a free port); files outside it are 404. */
export async function serveStatic(root: string): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
