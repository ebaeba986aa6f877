/**
 * The built package in a real browser: headless Chromium (Debian's, driven by playwright-core) loads a page
 * bundled with esbuild for `platform: 'browser'` from the BUILT package (`muwclass` resolved through package.json
 * `exports`, as a user's bundler does), plus the Web Worker script `muwclass/web-worker` next to it.
 *
 * The page (page.ts) and a Node script (node-reference.ts) run the same scenario (scenario.ts); the test compares
 * their outputs as strings: the random forest, the paper's features, SMOTE, eq. 7, CSV parsing, and a small
 * Monte Carlo run that must be bit-identical on Web Workers (Chromium), in-process and on worker threads (Node).
 *
 * Needs Chromium at /usr/bin/chromium (or $MUWCLASS_CHROMIUM): `apt-get install -y chromium` (.ci/run does).
 * Without it the suite is skipped with a message — unless CI is set, where it fails.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { CHROMIUM, describeBrowser, serveStatic as serve } from '../helpers/chromium';
import { consumerProject, requireDist } from '../helpers/dist';
import type { PureResults } from './scenario';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The files of the page and of the Node reference, copied into the consumer project before bundling. */
const SOURCES = ['page.ts', 'scenario.ts', 'worker-counter.ts', 'node-reference.ts', 'index.html'];

/** What page.ts publishes as `globalThis.__results`. */
interface PageResults {
  readonly hasWorker: boolean;
  readonly pure: PureResults;
  readonly csvStream: boolean;
  readonly executor: { readonly name: string; readonly workers: number };
  readonly createdWorkers: { readonly byDefault: number; readonly byExplicit: number; readonly urls: string[] };
  readonly monteCarlo: { readonly defaultWorkers: string; readonly webWorkers: string; readonly inProcess: string };
}

/** What node-reference.ts prints. */
interface NodeResults {
  readonly pure: PureResults;
  readonly monteCarlo: { readonly inProcess: string; readonly workerThreads: string };
  readonly executor: { readonly name: string; readonly workers: number };
  readonly csv: string;
}

/** Bundles the page and the Web Worker script into `www/`, and the Node reference into `node-reference.mjs`. */
async function bundleAll(dir: string): Promise<string> {
  for (const f of SOURCES) copyFileSync(join(HERE, f), join(dir, f));
  const www = join(dir, 'www');
  mkdirSync(www);
  copyFileSync(join(dir, 'index.html'), join(www, 'index.html'));
  await build({
    entryPoints: [
      { in: join(dir, 'page.ts'), out: 'page' },
      { in: 'muwclass/web-worker', out: 'web-worker' },
    ],
    absWorkingDir: dir,
    outdir: www,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
  });
  await build({
    entryPoints: [join(dir, 'node-reference.ts')],
    absWorkingDir: dir,
    outfile: join(dir, 'node-reference.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    external: ['muwclass', 'muwclass/*'],
    logLevel: 'silent',
  });
  return www;
}

describeBrowser('the built package in headless Chromium', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let results: PageResults;
  let node: NodeResults;
  const problems: string[] = [];
  const workerUrls: string[] = [];

  beforeAll(async () => {
    requireDist();
    const dir = consumerProject();
    const www = await bundleAll(dir);

    // The Node side first: its CSV text is the file the page fetches.
    const { stdout } = await promisify(execFile)(process.execPath, ['node-reference.mjs'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    node = JSON.parse(stdout) as NodeResults;
    writeFileSync(join(www, 'sources.csv'), node.csv);

    const served = await serve(www);
    server = served.server;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    page.on('worker', (worker) => workerUrls.push(worker.url()));
    await page.goto(served.url);

    // Wait for the page's results, its error, or any page/console error (whichever comes first).
    type Published = { __results?: PageResults; __error?: string };
    const deadline = Date.now() + 90_000;
    for (;;) {
      const state = await page.evaluate(() => {
        const g = globalThis as unknown as Published;
        return { results: g.__results, error: g.__error };
      });
      if (state.error !== undefined) throw new Error(`the page failed: ${state.error}\n${problems.join('\n')}`);
      if (state.results !== undefined) {
        results = state.results;
        break;
      }
      if (problems.length > 0) throw new Error(`the page failed:\n${problems.join('\n')}`);
      if (Date.now() > deadline) throw new Error('the page published no results within 90 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const shots = mkdtempSync(join(tmpdir(), 'muwclass-browser-'));
    await page.screenshot({ path: join(shots, 'page.png') });
    console.log(`[browser] ${await browser.version()} — screenshot: ${join(shots, 'page.png')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it('runs without page errors, console errors or failed requests', () => {
    expect(problems).toEqual([]);
    expect(results.hasWorker).toBe(true);
  });

  it('RandomForest: probabilities sum to 1, training labels of a separable set predicted, same as Node', () => {
    const rf = results.pure.randomForest;
    expect(rf.classes).toEqual(['a', 'b']);
    expect(rf.probabilitiesSumToOne).toBe(true);
    expect(rf.predictsTrainingLabels).toBe(true);
    expect(JSON.stringify(rf)).toBe(JSON.stringify(node.pure.randomForest));
  });

  it("FeatureSet.paper(): the 29 features of the synthetic training set, finite or NaN, as in Node", () => {
    const f = results.pure.features;
    const n = node.pure.features;
    expect(f.names).toHaveLength(29);
    expect(f.names).toEqual(n.names);
    expect(f.finiteOrNaN).toBe(true);
    expect(f.nRows).toBe(n.nRows);
    expect(f.nNaN).toBe(n.nNaN);
    expect(f.values).toHaveLength(29 * f.nRows);
    // NaN exactly where Node has NaN; the other values equal up to the last bits of Math.log10/pow/exp (see scenario.ts).
    const nanAt = (xs: readonly (number | string)[]): number[] => xs.flatMap((v, i) => (v === 'NaN' ? [i] : []));
    expect(nanAt(f.values)).toEqual(nanAt(n.values));
    let maxRelative = 0;
    let notBitIdentical = 0;
    f.values.forEach((v, i) => {
      const w = n.values[i]!;
      if (v === w) return;
      notBitIdentical++;
      expect(typeof v === 'number' && typeof w === 'number', `value ${i}: ${v} vs Node ${w}`).toBe(true);
      maxRelative = Math.max(maxRelative, Math.abs((v as number) - (w as number)) / Math.max(1, Math.abs(w as number)));
    });
    console.log(`[browser] features: ${notBitIdentical} of ${f.values.length} values differ from Node's in the last bits (max relative difference ${maxRelative.toExponential(2)})`);
    expect(maxRelative).toBeLessThan(1e-12);
  });

  it('Smote balances the classes, bit-identical to Node on the same (quantised) input', () => {
    const s = results.pure.smote;
    expect(s.balanced).toBe(true);
    expect(Object.keys(s.counts).length).toBeGreaterThan(1);
    expect(JSON.stringify(s)).toBe(JSON.stringify(node.pure.smote));
  });

  it('confidenceThreshold gives the values computed in Node', () => {
    expect(results.pure.confidence[1]).toBe(0);
    expect(results.pure.confidence[0]).toBeCloseTo(0.5 / 0.15, 12);
    expect(JSON.stringify(results.pure.confidence)).toBe(JSON.stringify(node.pure.confidence));
  });

  it('parseSourceTable reads a CSV string and a fetched stream', () => {
    expect(results.pure.csv).toEqual({ nSources: 10, columns: node.pure.csv.columns, roundTrip: true });
    expect(node.pure.csv.roundTrip).toBe(true);
    expect(results.csvStream).toBe(true);
  });

  it('MonteCarloClassifier on Web Workers (workers: 2) is bit-identical to Node in-process and on worker threads', () => {
    expect(results.executor).toEqual({ name: 'web-workers', workers: 2 });
    expect(results.createdWorkers.byExplicit).toBeGreaterThan(0);
    expect(results.createdWorkers.urls.every((u) => u.endsWith('/web-worker.js'))).toBe(true);
    expect(workerUrls.length).toBeGreaterThan(0);
    expect(workerUrls.every((u) => u.endsWith('/web-worker.js'))).toBe(true);

    expect(node.executor).toEqual({ name: 'worker-threads', workers: 2 });
    const reference = node.monteCarlo.inProcess;
    expect((JSON.parse(reference) as { predicted: string[] }).predicted).toHaveLength(12);
    expect(node.monteCarlo.workerThreads).toBe(reference);
    expect(results.monteCarlo.inProcess).toBe(reference);
    expect(results.monteCarlo.webWorkers).toBe(reference);
  });

  it('with workers: 2 and no executor, a browser runs on Web Workers by default (same output)', () => {
    expect(results.createdWorkers.byDefault).toBeGreaterThan(0);
    expect(results.monteCarlo.defaultWorkers).toBe(node.monteCarlo.inProcess);
  });
});
