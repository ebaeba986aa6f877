/**
 * Benchmark: peak memory (max RSS of the whole process, worker threads included) of catalog-scale
 * classifications, each scenario in a fresh Node process running the built package (`npm run build` first):
 *
 *   npm run bench:memory                 (all scenarios; MEMORY_BENCH=lib-1e6 to pick one)
 *
 * - lib-1e6: 10⁶ sources (as columns), 2 draws of 10-tree forests, 2 worker threads (target ≤ 1.5 GB)
 * - lib-1e5x1000: 10⁵ sources, 1000 draws of 10-tree forests, 2 worker threads (target ≤ 1 GB)
 * - cli-1e6: `muwclass classify` on a 10⁶-row CSV, --mc 2 --trees 10, 2 workers (target ≤ 1.5 GB)
 *
 * The training set is the synthetic one (407 sources); the field repeats it (labels dropped). The peer is the
 * same run on 10³ sources, measured in the same way: the difference is what the field costs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist', 'node.js');
const CLI = join(ROOT, 'dist', 'cli.js');

/** A child script: classify `n` sources with `draws` draws on 2 threads; prints seconds and max RSS (MB). */
const libraryScript = (n: number, draws: number): string => `
import { MonteCarloClassifier, syntheticTrainingSet, toSourceColumns, selectSourceRows } from ${JSON.stringify(DIST)};
const td = syntheticTrainingSet({ seed: 1 });
const base = toSourceColumns(syntheticTrainingSet({ seed: 2, labelled: false }));
const field = selectSourceRows(base, Int32Array.from({ length: ${n} }, (_, i) => i % base.nRows));
const t0 = performance.now();
const mc = new MonteCarloClassifier({ nSamples: ${draws}, seed: 1, workers: 2, classifier: { type: 'RandomForest', options: { nEstimators: 10 } } }).fit(td);
const r = await mc.predict(field, { ebv: 0.3 });
if (r.predicted.length !== ${n}) throw new Error('wrong length');
console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
`;

function runLibrary(n: number, draws: number): { seconds: number; maxRssMB: number } {
  const dir = mkdtempSync(join(tmpdir(), 'muwclass-bench-memory-'));
  const file = join(dir, 'run.mjs');
  writeFileSync(file, libraryScript(n, draws));
  return JSON.parse(execFileSync(process.execPath, [file], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop()!);
}

/** Writes an n-row field CSV (synthetic sources repeated, unique names) and a training-set CSV. */
function writeCsvFiles(n: number): { td: string; field: string } {
  const dir = mkdtempSync(join(tmpdir(), 'muwclass-bench-memory-'));
  const td = join(dir, 'td.csv');
  const field = join(dir, 'field.csv');
  const script = `
import { createWriteStream } from 'node:fs';
import { syntheticTrainingSet, formatCsv, formatCsvRow, SOURCE_NUMERIC_COLUMNS, writeCsv } from ${JSON.stringify(DIST)};
const columns = ['CSCv2_name', 'True_Class', 'ebv', ...SOURCE_NUMERIC_COLUMNS];
const td = syntheticTrainingSet({ seed: 1 });
await writeCsv(${JSON.stringify(td)}, columns, td.map((s) => ({ ...s, CSCv2_name: s.name, True_Class: s.label, ebv: 0 })));
const base = syntheticTrainingSet({ seed: 2, labelled: false });
const out = createWriteStream(${JSON.stringify(field)});
out.write(formatCsvRow(columns));
for (let i = 0; i < ${n}; i++) {
  const s = base[i % base.length];
  if (!out.write(formatCsvRow(columns.map((c) => (c === 'CSCv2_name' ? 'src ' + i : c === 'True_Class' ? '' : c === 'ebv' ? 0.3 : s[c])))))
    await new Promise((r) => out.once('drain', r));
}
out.end();
await new Promise((r) => out.on('finish', r));
`;
  const file = join(dir, 'write.mjs');
  writeFileSync(file, script);
  execFileSync(process.execPath, [file]);
  return { td, field };
}

function runCli(n: number): { seconds: number; maxRssMB: number } {
  const { td, field } = writeCsvFiles(n);
  const out = join(mkdtempSync(join(tmpdir(), 'muwclass-bench-memory-')), 'out.csv');
  const wrapper = join(mkdtempSync(join(tmpdir(), 'muwclass-bench-memory-')), 'wrap.mjs');
  // run the CLI in this process (import its module), then report this process's peak RSS
  writeFileSync(
    wrapper,
    `const t0 = performance.now();
process.argv = [process.argv[0], ${JSON.stringify(CLI)}, 'classify', '--td', ${JSON.stringify(td)}, '--sources', ${JSON.stringify(field)}, '--ebv-column', 'ebv', '--mc', '2', '--trees', '10', '--workers', '2', '-o', ${JSON.stringify(out)}];
await import(${JSON.stringify(CLI)});
process.on('exit', (code) => { if (code === 0) console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024 })); });
`,
  );
  const stdout = execFileSync(process.execPath, [wrapper], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

const scenarios: Record<string, { what: string; target: number; run: () => { seconds: number; maxRssMB: number }; peer: () => { seconds: number; maxRssMB: number } }> = {
  'lib-1e6': { what: '10⁶ sources (columns), 2 draws × 10 trees, 2 threads', target: 1536, run: () => runLibrary(1e6, 2), peer: () => runLibrary(1e3, 2) },
  'lib-1e5x1000': { what: '10⁵ sources, 1000 draws × 10 trees, 2 threads', target: 1024, run: () => runLibrary(1e5, 1000), peer: () => runLibrary(1e3, 1000) },
  'cli-1e6': { what: '`muwclass classify`, 10⁶-row CSV, --mc 2 --trees 10, 2 workers', target: 1536, run: () => runCli(1e6), peer: () => runCli(1e3) },
};

const pick = process.env.MEMORY_BENCH?.split(',') ?? Object.keys(scenarios);
console.log('| scenario | peak RSS | target | time | same run on 10³ sources |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const key of pick) {
  const s = scenarios[key];
  if (s === undefined) throw new Error(`unknown scenario ${key}; one of ${Object.keys(scenarios).join(', ')}`);
  const peer = s.peer();
  const r = s.run();
  const mb = (x: number): string => `${Math.round(x)} MB`;
  console.log(`| ${s.what} | ${mb(r.maxRssMB)} | ${mb(s.target)} ${r.maxRssMB <= s.target ? '✓' : '✗'} | ${r.seconds.toFixed(0)} s | ${mb(peer.maxRssMB)}, ${peer.seconds.toFixed(1)} s |`);
}
