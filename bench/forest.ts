/**
 * Benchmark of the random forest on the paper's training set: `npm run bench:forest`.
 *
 * 1. Builds a realistic feature matrix from ../shared/data/td/muwclass_td_cscv2.csv (the library's FeatureSet.paper(), bench/td-matrix.ts),
 *    balances it with muwclass's Smote (k = 4, every class up to the largest: 8 x 1390 = 11,120 rows), and
 *    flags missing values -100.
 * 2. Times fit (100 trees; wall clock and process CPU time) and predict_proba (on the same matrix; median of
 *    3 consecutive calls) of
 *    muwclass's RandomForest and of scikit-learn's RandomForestClassifier(n_estimators=100, n_jobs=1) on the
 *    identical matrix (written to a temporary file), alternating runs, and reports medians and ratios, and
 *    whether the fit meets the target of issue 11 (≤ 0.30x scikit-learn's CPU time). ml-random-forest (the JavaScript
 *    peer) is timed on one tree and extrapolated to 100, clearly labelled.
 * 3. Reports 10-fold stratified cross-validated accuracy of both forests on the unbalanced matrix, on
 *    identical folds (they must agree within 1 percentage point).
 *
 * Options (environment): BENCH_ROUNDS (default 5), BENCH_SKIP_MLRF=1 to skip ml-random-forest,
 * BENCH_CV_REPEATS (default 3), MUWCLASS_SHARED_DATA (data folder).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { deriveSeed, toArrays, type FeatureMatrix } from '../src/core';
import { stratifiedKFold } from '../src/eval';
import { RandomForest, Smote } from '../src/ml';
import { tdFeatureMatrix } from './td-matrix';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.MUWCLASS_SHARED_DATA ?? resolve(here, '..', '..', 'shared', 'data');
const tdPath = join(dataDir, 'td', 'muwclass_td_cscv2.csv');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CV_REPEATS = Number(process.env.BENCH_CV_REPEATS ?? 3);
const N_TREES = 100;
const PYTHON = '/usr/bin/python3';

const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/** The scikit-learn peer: a Python process answering JSON lines (bench/sklearn_peer.py). */
class SklearnPeer {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: Interface,
    readonly version: string,
  ) {}

  static async start(): Promise<SklearnPeer | string> {
    if (!existsSync(PYTHON)) return `${PYTHON} not found`;
    const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
    const child = spawn(PYTHON, [join(here, 'sklearn_peer.py')], { env });
    const lines = createInterface({ input: child.stdout });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const first = await new Promise<string | undefined>((ok) => {
      lines.once('line', ok);
      child.once('exit', () => ok(undefined));
    });
    if (first === undefined) return `scikit-learn unavailable (${stderr.trim().split('\n').pop() ?? 'no output'})`;
    return new SklearnPeer(child, lines, (JSON.parse(first) as { sklearn: string }).sklearn);
  }

  send<T>(msg: object): Promise<T> {
    return new Promise((ok, fail) => {
      this.lines.once('line', (line) => {
        const reply = JSON.parse(line) as T & { error?: string };
        if (reply.error !== undefined) fail(new Error(reply.error));
        else ok(reply);
      });
      this.child.stdin.write(`${JSON.stringify(msg)}\n`);
    });
  }

  stop(): void {
    this.child.stdin.end();
  }
}

function writeMatrix(dir: string, name: string, X: FeatureMatrix, y: readonly string[]): { x: string; y: string } {
  const x = join(dir, `${name}.f64`);
  const yPath = join(dir, `${name}.json`);
  writeFileSync(x, Buffer.from(X.data.buffer, X.data.byteOffset, X.data.byteLength));
  writeFileSync(yPath, JSON.stringify(y));
  return { x, y: yPath };
}

/** Stratified k-fold assignment (the library's `stratifiedKFold`): the fold of every row. */
function stratifiedFolds(y: readonly string[], k: number, seed: string): Int32Array {
  const folds = new Int32Array(y.length);
  stratifiedKFold(y, k, seed).forEach((fold, f) => fold.test.forEach((i) => (folds[i] = f)));
  return folds;
}

function rows(X: FeatureMatrix, keep: (i: number) => boolean): FeatureMatrix {
  const idx: number[] = [];
  for (let i = 0; i < X.nRows; i++) if (keep(i)) idx.push(i);
  const data = new Float64Array(idx.length * X.nCols);
  idx.forEach((i, r) => data.set(X.data.subarray(i * X.nCols, (i + 1) * X.nCols), r * X.nCols));
  return { data, nRows: idx.length, nCols: X.nCols };
}

function cvAccuracy(X: FeatureMatrix, y: readonly string[], folds: Int32Array, seed: number, options: { maxBins?: number } = {}): number {
  let correct = 0;
  for (let k = 0; k <= Math.max(...folds); k++) {
    const trainX = rows(X, (i) => folds[i] !== k);
    const trainY = y.filter((_, i) => folds[i] !== k);
    const testX = rows(X, (i) => folds[i] === k);
    const testY = y.filter((_, i) => folds[i] === k);
    const pred = new RandomForest({ nEstimators: N_TREES, seed: deriveSeed(seed, 'fold', k), ...options }).fit(trainX, trainY).predict(testX);
    correct += pred.filter((p, i) => p === testY[i]).length;
  }
  return correct / y.length;
}

async function main(): Promise<void> {
  if (!existsSync(tdPath)) {
    console.log(`bench:forest skipped: needs ${tdPath} (public reference data, see README "Reference data")`);
    return;
  }
  console.log(`muwclass forest benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, node ${process.version}`);
  console.log(`load average at start: ${loadavg().map((v) => v.toFixed(2)).join(' ')} (other processes share this machine: compare ratios, not times)`);

  // 1. the matrices
  const td = await tdFeatureMatrix(tdPath);
  const smote = new Smote({ seed: 'bench' }).fitResample(td.withNaN, td.y);
  const balanced: FeatureMatrix = { ...smote.X, data: smote.X.data.map((v) => (Number.isNaN(v) ? -100 : v)) };
  const counts = [...new Set(smote.y)].sort().map((c) => `${c} ${smote.y.filter((v) => v === c).length}`);
  console.log(`TD matrix ${td.X.nRows} x ${td.X.nCols}; after Smote (k = 4): ${balanced.nRows} x ${balanced.nCols} (${counts.join(', ')})`);

  const dir = mkdtempSync(join(tmpdir(), 'muwclass-bench-'));
  const peer = await SklearnPeer.start();
  try {
    if (typeof peer === 'string') console.log(`scikit-learn skipped: ${peer}`);
    else {
      await peer.send({ cmd: 'load', name: 'balanced', ...writeMatrix(dir, 'balanced', balanced, smote.y), n: balanced.nRows, p: balanced.nCols });
      await peer.send({ cmd: 'load', name: 'td', ...writeMatrix(dir, 'td', td.X, td.y), n: td.X.nRows, p: td.X.nCols });
    }

    // 2. timing, alternating
    new RandomForest({ nEstimators: 10 }).fit(balanced, smote.y).predictProba(balanced); // JIT warm-up, untimed
    const ours = { fit: [] as number[], cpu: [] as number[], proba: [] as number[] };
    const binned = { fit: [] as number[], cpu: [] as number[], proba: [] as number[] };
    const sk = { fit: [] as number[], cpu: [] as number[], proba: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const [target, options] of [[ours, {}], [binned, { maxBins: 256 }]] as const) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const forest = new RandomForest({ nEstimators: N_TREES, seed: r, ...options }).fit(balanced, smote.y);
        target.fit.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        target.cpu.push((c.user + c.system) / 1000);
        const proba: number[] = [];
        for (let k = 0; k < 3; k++) {
          const t1 = performance.now();
          forest.predictProba(balanced);
          proba.push(performance.now() - t1);
        }
        target.proba.push(median(proba));
      }
      if (typeof peer !== 'string') {
        const t = await peer.send<{ fit: number; fitCpu: number; proba: number }>({ cmd: 'fit', name: 'balanced', nEstimators: N_TREES, seed: r });
        sk.fit.push(t.fit);
        sk.cpu.push(t.fitCpu);
        sk.proba.push(t.proba);
      }
      process.stdout.write(
        `  round ${r + 1}/${ROUNDS}: muwclass fit ${fmt(ours.fit[r]!)} (CPU ${fmt(ours.cpu[r]!)})${typeof peer === 'string' ? '' : `, scikit-learn fit ${fmt(sk.fit[r]!)} (CPU ${fmt(sk.cpu[r]!)})`}\n`,
      );
    }

    let mlrf: { fit: number; predict: number } | string = 'skipped (BENCH_SKIP_MLRF=1)';
    if (process.env.BENCH_SKIP_MLRF !== '1') {
      const { RandomForestClassifier } = (await import('ml-random-forest')) as unknown as {
        RandomForestClassifier: new (o: object) => { train(X: number[][], y: number[]): void; predict(X: number[][]): number[] };
      };
      const classes = [...new Set(smote.y)].sort();
      const arrays = toArrays(balanced);
      const labels = smote.y.map((c) => classes.indexOf(c));
      const rf = new RandomForestClassifier({ nEstimators: 1, maxFeatures: 5, replacement: false, noOOB: true, seed: 1 });
      const t0 = performance.now();
      rf.train(arrays, labels);
      const t1 = performance.now();
      rf.predict(arrays);
      mlrf = { fit: (t1 - t0) * N_TREES, predict: (performance.now() - t1) * N_TREES };
    }

    const skFit = median(sk.fit);
    const skProba = median(sk.proba);
    const ratio = (v: number, ref: number): string => (Number.isFinite(ref) && ref > 0 ? `${(v / ref).toFixed(2)}x` : '—');
    console.log(`\nfit ${N_TREES} trees and predict_proba on the ${balanced.nRows} x ${balanced.nCols} balanced matrix, single thread, median of ${ROUNDS} alternating runs:`);
    console.log('| implementation | fit (100 trees) | predict_proba | fit vs scikit-learn | predict_proba vs scikit-learn |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    const line = (name: string, fit: number, proba: number): void =>
      console.log(`| ${name} | ${fmt(fit)} | ${fmt(proba)} | ${ratio(fit, skFit)} | ${ratio(proba, skProba)} |`);
    line('muwclass RandomForest', median(ours.fit), median(ours.proba));
    line('muwclass RandomForest, maxBins 256', median(binned.fit), median(binned.proba));
    if (typeof peer !== 'string') line(`scikit-learn ${peer.version} RandomForestClassifier(n_jobs=1)`, skFit, skProba);
    if (typeof mlrf === 'string') console.log(`| ml-random-forest | ${mlrf} | | | |`);
    else {
      line('ml-random-forest 2.1.0 (1 tree timed, x100 extrapolated; 5 features per tree; predict = votes)', mlrf.fit, mlrf.predict);
      console.log(`muwclass fits ${(mlrf.fit / median(ours.fit)).toFixed(0)}x faster than ml-random-forest (extrapolated).`);
    }
    if (typeof peer !== 'string') {
      const cpuRatio = median(ours.cpu) / median(sk.cpu);
      console.log(`\nfit CPU time (process.cpuUsage / time.process_time, robust to other load): muwclass ${fmt(median(ours.cpu))}, maxBins 256 ${fmt(median(binned.cpu))}, scikit-learn ${fmt(median(sk.cpu))}`);
      console.log(`forest fit vs scikit-learn: ${cpuRatio.toFixed(2)}x CPU, ${(median(ours.fit) / skFit).toFixed(2)}x wall — target ≤ 0.30x: ${cpuRatio <= 0.3 ? 'met' : 'NOT met'}\n`);
    }

    // 3. cross-validated accuracy on identical folds
    if (typeof peer !== 'string') {
      console.log(`\n10-fold stratified CV accuracy on the unbalanced ${td.X.nRows} x ${td.X.nCols} matrix, ${N_TREES} trees, identical folds, ${CV_REPEATS} repeats:`);
      const accOurs: number[] = [];
      const accBinned: number[] = [];
      const accSk: number[] = [];
      for (let rep = 0; rep < CV_REPEATS; rep++) {
        const folds = stratifiedFolds(td.y, 10, `cv-${rep}`);
        const foldsPath = join(dir, `folds-${rep}.json`);
        writeFileSync(foldsPath, JSON.stringify(Array.from(folds)));
        accOurs.push(cvAccuracy(td.X, td.y, folds, rep));
        accBinned.push(cvAccuracy(td.X, td.y, folds, rep, { maxBins: 64 }));
        accSk.push((await peer.send<{ accuracy: number }>({ cmd: 'cv', name: 'td', folds: foldsPath, nEstimators: N_TREES, seed: rep })).accuracy);
        console.log(`  repeat ${rep + 1}: muwclass ${(100 * accOurs[rep]!).toFixed(2)} %, maxBins 64 ${(100 * accBinned[rep]!).toFixed(2)} %, scikit-learn ${(100 * accSk[rep]!).toFixed(2)} %`);
      }
      const mean = (a: number[]): number => (100 * a.reduce((s, v) => s + v, 0)) / a.length;
      const diff = mean(accOurs) - mean(accSk);
      const diffBinned = mean(accBinned) - mean(accOurs);
      console.log(`mean: muwclass ${mean(accOurs).toFixed(2)} %, scikit-learn ${mean(accSk).toFixed(2)} %: difference ${diff.toFixed(2)} pp (${Math.abs(diff) <= 1 ? 'within' : 'OUTSIDE'} 1 pp)`);
      console.log(`maxBins 64 vs exact: ${diffBinned.toFixed(2)} pp (${Math.abs(diffBinned) <= 0.5 ? 'within' : 'OUTSIDE'} 0.5 pp)`);
    }
    console.log(`load average at end: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  } finally {
    if (typeof peer !== 'string') peer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
