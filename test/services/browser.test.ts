/**
 * The VOTable reader and the TAP and cone-search clients in a real browser: headless Chromium (Debian's, driven
 * by playwright-core) loads a page bundled by esbuild for `platform: 'browser'` from src/, served by a local
 * HTTP server (127.0.0.1) that also answers the page's TAP and cone-search requests with VOTables generated here
 * (BINARY2, TABLEDATA) and an error document. The page publishes what it parsed; the test checks the values.
 *
 * Needs Chromium at /usr/bin/chromium (or $MUWCLASS_CHROMIUM): skipped with a message without it, a failure under CI.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

import type { VotableTable } from '../../src/io/votable';
import { formatVotable, votableDocument } from '../../src/io/votable-writer';
import { CHROMIUM, describeBrowser } from '../helpers/chromium';
import { PROJECT_ROOT } from '../helpers/dist';


const PAGE = `
import { tapQuery, coneSearch } from '${join(PROJECT_ROOT, 'src/services/index.ts')}';
import { streamVotable, votableToCsv } from '${join(PROJECT_ROOT, 'src/io/index.ts')}';
const g = globalThis;
(async () => {
  const base = location.origin;
  const tap = await tapQuery(base + '/tap', 'SELECT * FROM t', { maxrec: 10 });
  const cone = await coneSearch(base + '/scs', { ra: 166.28875, dec: -58.85, radius: 0.01 });
  let error;
  try { await tapQuery(base + '/bad', 'SELECT nope FROM t', { retries: 0 }); } catch (e) { error = { name: e.name, reason: e.reason, serviceMessage: e.serviceMessage }; }
  const rows = [];
  const blob = new Blob(['<VOTABLE><RESOURCE><TABLE><FIELD name="x" datatype="short"/><DATA><TABLEDATA><TR><TD>7</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>']);
  for await (const e of streamVotable(blob.stream())) if (e.type === 'row') rows.push(e.values[0]);
  g.__results = {
    tapRows: tap.table.rows.map((r) => r.map((v) => (typeof v === 'bigint' ? v.toString() + 'n' : v))),
    tapOverflow: tap.overflow,
    tapWarnings: tap.warnings.length,
    coneCsv: votableToCsv(cone.table),
    error,
    streamed: rows,
  };
})().catch((e) => { g.__error = String(e && e.stack || e); });
`;

const TABLE: VotableTable = {
  fields: [
    { name: 'source_id', datatype: 'long' },
    { name: 'ra', datatype: 'double', unit: 'deg' },
    { name: 'name', datatype: 'unicodeChar', arraysize: '*' },
  ],
  params: [],
  infos: [],
  rows: [
    [5338720146487395840n, 166.28, 'Ωμέγα'],
    [1n, 0.5, 'b'],
  ],
};

describeBrowser('VOTable, TAP and cone search in headless Chromium', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let results: Record<string, unknown>;
  const requests: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'muwclass-services-browser-'));
    writeFileSync(join(dir, 'page.ts'), PAGE);
    await build({ entryPoints: [join(dir, 'page.ts')], outfile: join(dir, 'page.js'), bundle: true, format: 'esm', platform: 'browser', logLevel: 'silent' });
    const tapXml = await formatVotable(votableDocument([TABLE], [{ name: 'QUERY_STATUS', value: 'OVERFLOW' }]), { serialization: 'BINARY2' });
    const coneXml = await formatVotable(votableDocument([TABLE]), { serialization: 'TABLEDATA' });
    const errorXml = await formatVotable(votableDocument([], [{ name: 'QUERY_STATUS', value: 'ERROR', content: 'column "nope" does not exist' }]));
    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      requests.push(`${request.method} ${path}`);
      const votable = (xml: string, status = 200): void => {
        response.writeHead(status, { 'content-type': 'application/x-votable+xml' });
        response.end(xml);
      };
      if (path === '/') {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>');
      } else if (path === '/page.js') {
        response.writeHead(200, { 'content-type': 'text/javascript' });
        response.end(readFileSync(join(dir, 'page.js')));
      } else if (path === '/tap/sync') votable(tapXml);
      else if (path === '/scs') votable(coneXml);
      else if (path === '/bad/sync') votable(errorXml, 400);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const state = await page.evaluate(() => {
        const g = globalThis as unknown as { __results?: Record<string, unknown>; __error?: string };
        return { results: g.__results, error: g.__error };
      });
      if (state.error !== undefined) throw new Error(`the page failed: ${state.error}`);
      if (state.results !== undefined) {
        results = state.results;
        break;
      }
      if (Date.now() > deadline) throw new Error('the page published no results within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it('a TAP query POSTs to /sync, parses BINARY2 (64-bit ids exact, UCS-2 text) and reports the overflow', () => {
    expect(requests).toContain('POST /tap/sync');
    expect(results.tapRows).toEqual([
      ['5338720146487395840n', 166.28, 'Ωμέγα'],
      ['1n', 0.5, 'b'],
    ]);
    expect(results.tapOverflow).toBe(true);
    expect(results.tapWarnings).toBe(1);
  });

  it('a cone search GETs and parses TABLEDATA, which becomes CSV', () => {
    expect(requests.some((r) => r.startsWith('GET /scs'))).toBe(true);
    expect(results.coneCsv).toBe('source_id,ra,name\n5338720146487395840,166.28,Ωμέγα\n1,0.5,b\n');
  });

  it("an error document becomes a ServiceError with the service's message", () => {
    expect(results.error).toEqual({ name: 'ServiceError', reason: 'http', serviceMessage: 'column "nope" does not exist' });
  });

  it('streams a VOTable from a Blob', () => {
    expect(results.streamed).toEqual([7]);
  });
});
