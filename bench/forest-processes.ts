/**
 * Benchmark of the forest fit across fresh Node processes: `npm run bench:forest-processes`.
 *
 * V8 compiles the split search while it runs; how a fresh process's optimised code turns out used to depend
 * on the timing of the background (concurrent) compiler, so one process fitted ~1.4x slower than another
 * and kept that speed. This bench starts PROCESSES fresh processes with the default V8 flags, alternating
 * with as many started with `--no-concurrent-recompilation` (compilation on the main thread: the same code
 * every time — the reference), each fitting a 100-tree RandomForest FITS times on the SMOTE-balanced
 * training set (11,120 x 29; bench/forest-data.ts), one process at a time. It prints each process's fit CPU
 * time (process.cpuUsage; the first fit includes compilation, then the median of the later ones) and the
 * distribution: min / median / max and how many processes are slow (median fit > 1.15x the fastest
 * reference process).
 *
 * Options (environment): BENCH_PROCESSES (default 12 of each kind), BENCH_FITS (default 3), BENCH_TREES
 * (default 100), MUWCLASS_SHARED_DATA (data folder).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { RandomForest } from '../src/ml';
import { forestMatrices, readLabelled, tdPath, writeLabelled } from './forest-data';

const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 12);
const FITS = Number(process.env.BENCH_FITS ?? 3);
const TREES = Number(process.env.BENCH_TREES ?? 100);
const SLOW = 1.15;

const median = (a: readonly number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Child: fit FITS forests, print the CPU milliseconds of each as one JSON line. */
function child(path: string): void {
  const { X, y } = readLabelled(path);
  const cpu: number[] = [];
  for (let k = 0; k < FITS; k++) {
    const c0 = process.cpuUsage();
    new RandomForest({ nEstimators: TREES, seed: k }).fit(X, y);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  console.log(JSON.stringify(cpu));
}

interface Run {
  readonly first: number;
  readonly later: number;
}

function spawnChild(path: string, flags: readonly string[]): Run {
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [...flags, '--import', 'tsx', script, '--child', path], { encoding: 'utf8', env: process.env });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  const cpu = JSON.parse(r.stdout.trim().split('\n').pop()!) as number[];
  return { first: cpu[0]!, later: cpu.length > 1 ? median(cpu.slice(1)) : cpu[0]! };
}

async function main(): Promise<void> {
  const m = await forestMatrices();
  if (m === undefined) {
    console.log(`bench:forest-processes skipped: needs ${tdPath} (public reference data, see README "Reference data")`);
    return;
  }
  console.log(`muwclass forest fit across fresh processes — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, node ${process.version}`);
  console.log(`load average at start: ${loadavg().map((v) => v.toFixed(2)).join(' ')} (other processes share this machine: compare the two kinds, not times)`);
  console.log(`${PROCESSES} + ${PROCESSES} processes, one at a time, each fitting ${FITS} x RandomForest(${TREES} trees) on ${m.balanced.X.nRows} x ${m.balanced.X.nCols}`);
  const dir = mkdtempSync(join(tmpdir(), 'muwclass-bench-'));
  try {
    const path = join(dir, 'balanced.bin');
    writeLabelled(path, m.balanced);
    const runs = { default: [] as Run[], reference: [] as Run[] };
    for (let i = 0; i < PROCESSES; i++) {
      const d = spawnChild(path, []);
      const r = spawnChild(path, ['--no-concurrent-recompilation']);
      runs.default.push(d);
      runs.reference.push(r);
      console.log(`  process ${String(i + 1).padStart(2)}: default ${d.later.toFixed(0)} ms (first fit ${d.first.toFixed(0)} ms), --no-concurrent-recompilation ${r.later.toFixed(0)} ms (first ${r.first.toFixed(0)} ms)`);
    }
    const fastest = Math.min(...runs.reference.map((r) => r.later));
    console.log(`\nfit CPU per process (median of fits 2…${FITS}), ms; slow = above ${SLOW}x the fastest reference process (${fastest.toFixed(0)} ms):`);
    console.log('| V8 flags | processes | min | median | max | slow | median vs reference |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    const refMedian = median(runs.reference.map((r) => r.later));
    for (const [name, list] of [['default', runs.default], ['--no-concurrent-recompilation (reference)', runs.reference]] as const) {
      const t = list.map((r) => r.later);
      const slow = t.filter((v) => v > SLOW * fastest).length;
      console.log(`| ${name} | ${t.length} | ${Math.min(...t).toFixed(0)} | ${median(t).toFixed(0)} | ${Math.max(...t).toFixed(0)} | ${slow} | ${(median(t) / refMedian).toFixed(2)}x |`);
    }
    console.log(`load average at end: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') child(process.argv[3]!);
else await main();
