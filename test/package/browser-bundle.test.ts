/**
 * Every pure entry of the built package bundles for the browser: esbuild with `platform: 'browser'` resolves
 * `muwclass/<entry>` through package.json `exports` (a consumer project where node_modules/muwclass links here)
 * with no error — so no Node built-in and no Node-only dependency is imported — and the output names none.
 * Also measures what a browser app pays for `confidenceThreshold`, `HardnessRatios` and the whole pipeline.
 * `muwclass/node` is the control: it must NOT bundle for the browser.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { build, type BuildFailure, type Message, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

import packageJson from '../../package.json';
import { consumerProject, requireDist } from '../helpers/dist';

/** Subpaths that are not for browsers (`./node`) or not JavaScript (`./package.json`). */
const NOT_PURE = new Set(['./node', './package.json']);

/** The file an `import` of an exports-map target loads (the `browser`/`import`/`default` condition). */
function importTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (target === null || typeof target !== 'object') return undefined;
  const conditions = target as Record<string, unknown>;
  for (const key of ['browser', 'import', 'default']) {
    const found = importTarget(conditions[key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

const EXPORTS = packageJson.exports as unknown as Record<string, unknown>;
/** The pure JavaScript entries, as import specifiers (`muwclass`, `muwclass/core`, …). */
const PURE_ENTRIES = Object.keys(EXPORTS)
  .filter((subpath) => !NOT_PURE.has(subpath) && /\.m?js$/.test(importTarget(EXPORTS[subpath]) ?? ''))
  .map((subpath) => (subpath === '.' ? 'muwclass' : `muwclass/${subpath.slice(2)}`));

/** Strings that must not appear in a browser bundle: Node built-ins and the Node-only dependencies. */
const NODE_MARKERS: readonly [string, RegExp][] = [
  ['a node: specifier', /["'`]node:[a-z_/]+["'`]/],
  ['require("fs")', /require\(\s*["'`](?:node:)?fs(?:\/promises)?["'`]\s*\)/],
  ['worker_threads', /worker_threads/],
  ['piscina', /piscina/i],
  ['fast-csv', /fast-csv/],
];

interface Bundle {
  readonly errors: Message[];
  readonly code: string;
  readonly inputs: string[];
}

let consumer: string;

/** Bundles `entry` (a file name in the consumer project, or a package specifier) for the browser, minified. */
async function bundle(entry: string): Promise<Bundle> {
  try {
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: consumer,
      bundle: true,
      write: false,
      outfile: join(consumer, 'out.js'),
      format: 'esm',
      platform: 'browser',
      minify: true,
      metafile: true,
      logLevel: 'silent',
    });
    const meta: Metafile = result.metafile;
    return { errors: result.errors, code: result.outputFiles[0]!.text, inputs: Object.keys(meta.inputs) };
  } catch (error) {
    const failure = error as BuildFailure;
    if (!Array.isArray(failure.errors)) throw error;
    return { errors: failure.errors, code: '', inputs: [] };
  }
}

/** Bundles an ES module with the given source text (written into the consumer project). */
async function bundleSource(name: string, source: string): Promise<Bundle> {
  writeFileSync(join(consumer, name), source);
  return bundle(`./${name}`);
}

const describeErrors = (errors: readonly Message[]): string =>
  errors.map((e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`).join('\n');

function expectBrowserSafe(b: Bundle, what: string): void {
  expect(describeErrors(b.errors), `${what}: esbuild errors`).toBe('');
  for (const [name, pattern] of NODE_MARKERS) {
    expect(pattern.test(b.code), `${what}: the bundle contains ${name}`).toBe(false);
  }
  expect(b.inputs.filter((p) => /node_modules\/(piscina|fast-csv)\//.test(p)), `${what}: Node-only inputs`).toEqual([]);
}

describe('bundling the built package for the browser', () => {
  beforeAll(() => {
    requireDist();
    consumer = consumerProject();
  });

  it('has pure entries to check', () => {
    expect(PURE_ENTRIES).toContain('muwclass');
    expect(PURE_ENTRIES).toContain('muwclass/web-worker');
    expect(PURE_ENTRIES).not.toContain('muwclass/node');
  });

  it.each(PURE_ENTRIES)('%s: import * bundles with no error and no Node code', async (specifier) => {
    const b = await bundleSource(`all-${specifier.replace(/\W/g, '_')}.mjs`, `import * as m from '${specifier}';\nconsole.log(Object.keys(m).length);\n`);
    expectBrowserSafe(b, `import * as m from '${specifier}'`);
  });

  it.each(PURE_ENTRIES)('%s: the whole entry (as an entry point, nothing shaken off) bundles with no Node code', async (specifier) => {
    const b = await bundle(specifier);
    expectBrowserSafe(b, `entry ${specifier}`);
    expect(b.code.length).toBeGreaterThan(0);
  });

  it('small imports stay small, and the whole pipeline bundles (sizes printed)', async () => {
    const cases: [string, string][] = [
      ['confidenceThreshold', "import { confidenceThreshold } from 'muwclass';\nconsole.log(confidenceThreshold([0.7, 0.2, 0.1], [0.1, 0.05, 0.05]));\n"],
      ['HardnessRatios', "import { HardnessRatios } from 'muwclass';\nconsole.log(HardnessRatios.compute({ Fs: 1, Fm: 2, Fh: 1 }).HR_ms);\n"],
      [
        'pipeline (MonteCarloClassifier + FeatureSet + parseSourceTable)',
        "import { MonteCarloClassifier, FeatureSet, parseSourceTable } from 'muwclass';\n" +
          "const table = await parseSourceTable('CSCv2_name\\n', { optionalColumns: 'all' });\n" +
          "const mc = new MonteCarloClassifier({ nSamples: 2, workers: 2, features: FeatureSet.paper() });\n" +
          'console.log(table.sources.length, mc);\n',
      ],
    ];
    const sizes: { bundle: string; minified: number; gzip: number }[] = [];
    for (const [name, source] of cases) {
      const b = await bundleSource(`size-${sizes.length}.mjs`, source);
      expectBrowserSafe(b, name);
      sizes.push({ bundle: name, minified: b.code.length, gzip: gzipSync(b.code).length });
    }
    console.log('browser bundle sizes (esbuild, minified, bytes):');
    console.table(sizes);
    expect(sizes[0]!.minified, 'confidenceThreshold alone').toBeLessThan(3 * 1024);
    expect(sizes[1]!.minified, 'HardnessRatios alone').toBeLessThan(3 * 1024);
    expect(sizes[2]!.minified).toBeGreaterThan(sizes[0]!.minified);
  });

  it('muwclass/node (Node-only) does not bundle for the browser — the checks above can fail', async () => {
    const b = await bundleSource('node-entry.mjs', "import * as m from 'muwclass/node';\nconsole.log(Object.keys(m).length);\n");
    expect(b.errors.length).toBeGreaterThan(0);
    expect(describeErrors(b.errors)).toMatch(/node:|built into node|worker_threads|fs/i);
  });
});
