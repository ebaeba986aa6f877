/**
 * Reproduction of the paper's evaluation, and the speed of the pipeline: `npm run bench:paper`.
 *
 * 1. Science: stratified 10-fold cross-validation of the whole MUWCLASS pipeline on the paper's training set
 *    (../shared/data/td/muwclass_td_cscv2.csv), no reddening (training set against itself, as in the paper):
 *    (a) without Monte Carlo (one draw on the measured values), (b) with Monte Carlo (BENCH_MC draws, default
 *    20, errors × √2) and the CT ≥ 2 cut. Printed next to the paper's leave-one-out numbers (Yang et al. 2022,
 *    Section 4).
 * 2. Speed: one cross-validation pass (10 folds: SMOTE k = 4, 100-tree random forest, predict), muwclass on one
 *    thread against the Python original's recipe (imbalanced-learn SMOTE + scikit-learn RandomForestClassifier,
 *    n_jobs = 1, bench/paper_peer.py) on the identical feature matrix and folds, alternating runs, medians and
 *    ratio; the run time per Monte Carlo draw; and the speed-up from worker threads (1 vs BENCH_WORKERS).
 *
 * Environment: BENCH_MC (draws, default 20), BENCH_WORKERS (default: available cores), BENCH_ROUNDS (speed
 * rounds, default 3), MUWCLASS_SHARED_DATA (data folder).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { deriveSeed } from '../src/core';
import { stratifiedKFold, type ClassificationScores, type CtSweepPoint } from '../src/eval';
import { defaultWorkerCount, evaluatePipeline, readSourceTable } from '../src/node';
import { tdFeatureMatrix } from './td-matrix';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.MUWCLASS_SHARED_DATA ?? resolve(here, '..', '..', 'shared', 'data');
const tdPath = join(dataDir, 'td', 'muwclass_td_cscv2.csv');
const MC = Number(process.env.BENCH_MC ?? 20);
const WORKERS = Number(process.env.BENCH_WORKERS ?? defaultWorkerCount());
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SEED = 1;
const K = 10;
const PYTHON = '/usr/bin/python3';

/** The paper's leave-one-out numbers (Yang et al. 2022, Section 4), in percent. */
const PAPER = {
  all: { accuracy: 88.6, balancedAccuracy: 70.2, f1: 68.1, mcc: 82.9 },
  confident: { accuracy: 97.0, balancedAccuracy: 79.0, f1: 79.5, mcc: 95.0, completeness: 81.0, balancedCompleteness: 56.9 },
};

const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const pct = (x: number): string => (100 * x).toFixed(1).padStart(6);
const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function row(label: string, paper: number, ...ours: (number | undefined)[]): string {
  const cells = ours.map((x) => (x === undefined ? '     —' : pct(x)));
  const diffs = ours.map((x) => (x === undefined ? '—' : `${100 * x - paper >= 0 ? '+' : ''}${(100 * x - paper).toFixed(1)}`).padStart(6));
  return `| ${label.padEnd(24)} | ${paper.toFixed(1).padStart(6)} | ${cells.join(' | ')} | ${diffs.join(' | ')} |`;
}

async function main(): Promise<void> {
  if (!existsSync(tdPath)) {
    console.log(`bench:paper skipped: needs ${tdPath} (public reference data, see README "Reference data")`);
    return;
  }
  console.log(`muwclass paper benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, node ${process.version}`);
  console.log(`load average at start: ${loadavg().map((v) => v.toFixed(2)).join(' ')} (compare ratios measured in the same run, not absolute times)\n`);
  const td = await readSourceTable(tdPath, { requireLabel: true });

  // 1. Science.
  const t0 = performance.now();
  const plain = await evaluatePipeline(td.sources, { cv: K, nSamples: 1, resample: false, seed: SEED, workers: WORKERS });
  const tPlain = performance.now() - t0;
  const t1 = performance.now();
  const mc = await evaluatePipeline(td.sources, { cv: K, nSamples: MC, seed: SEED, workers: WORKERS });
  const tMc = performance.now() - t1;
  const a = (s: ClassificationScores | CtSweepPoint) => s;
  console.log(`Stratified ${K}-fold CV of the pipeline on the ${td.sources.length}-source training set (seed ${SEED}), against the paper's LOOCV:\n`);
  console.log(`| metric (%)               |  paper |  no MC | ${`MC ${MC}`.padStart(6)} | Δ no MC |   Δ MC |`);
  console.log('|---|---:|---:|---:|---:|---:|');
  console.log(row('accuracy', PAPER.all.accuracy, a(plain.all).accuracy, mc.all.accuracy));
  console.log(row('balanced accuracy', PAPER.all.balancedAccuracy, plain.all.balancedAccuracy, mc.all.balancedAccuracy));
  console.log(row('macro F1', PAPER.all.f1, plain.all.f1, mc.all.f1));
  console.log(row('MCC', PAPER.all.mcc, plain.all.mcc, mc.all.mcc));
  console.log(row('CT≥2 accuracy', PAPER.confident.accuracy, undefined, mc.confident.accuracy));
  console.log(row('CT≥2 balanced accuracy', PAPER.confident.balancedAccuracy, undefined, mc.confident.balancedAccuracy));
  console.log(row('CT≥2 macro F1', PAPER.confident.f1, undefined, mc.confident.f1));
  console.log(row('CT≥2 MCC', PAPER.confident.mcc, undefined, mc.confident.mcc));
  console.log(row('CT≥2 completeness', PAPER.confident.completeness, undefined, mc.confident.completeness));
  console.log(row('CT≥2 balanced complet.', PAPER.confident.balancedCompleteness, undefined, mc.confident.balancedCompleteness));
  console.log(`\nmacro ROC AUC: ${pct(plain.roc.macroAuc)} (no MC), ${pct(mc.roc.macroAuc)} (MC)`);
  console.log(`wall time with ${WORKERS} worker(s): no MC ${secs(tPlain)}; MC ${secs(tMc)} = ${secs(tMc / (K * MC))} per (fold, draw), ${secs(tMc / MC)} per draw of the 10-fold CV`);

  // 2. Speed: one CV pass, muwclass (1 thread) vs the Python original's recipe (1 thread).
  const features = await tdFeatureMatrix(tdPath);
  const folds = stratifiedKFold(features.y, K, deriveSeed(SEED, 'folds'));
  const assignment = new Int32Array(features.y.length);
  folds.forEach((f, k) => f.test.forEach((i) => (assignment[i] = k)));
  const dir = mkdtempSync(join(tmpdir(), 'muwclass-paper-'));
  const xPath = join(dir, 'X.f64');
  writeFileSync(xPath, Buffer.from(features.withNaN.data.buffer, features.withNaN.data.byteOffset, features.withNaN.data.byteLength));
  writeFileSync(join(dir, 'y.json'), JSON.stringify(features.y));
  writeFileSync(join(dir, 'folds.json'), JSON.stringify(Array.from(assignment)));
  const peerArgs = [join(here, 'paper_peer.py'), xPath, join(dir, 'y.json'), join(dir, 'folds.json'), String(features.withNaN.nRows), String(features.withNaN.nCols)];
  const hasPeer = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import imblearn, sklearn'], { stdio: 'ignore' }).status === 0;
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const ours: number[] = [];
  const peer: number[] = [];
  let peerAccuracy = Number.NaN;
  let ourAccuracy = Number.NaN;
  for (let r = 0; r < ROUNDS; r++) {
    const s = performance.now();
    const one = await evaluatePipeline(td.sources, { cv: K, nSamples: 1, resample: false, seed: SEED, workers: 1 });
    ours.push(performance.now() - s);
    ourAccuracy = one.all.accuracy;
    if (hasPeer) {
      const out = spawnSync(PYTHON, peerArgs, { env, encoding: 'utf8' });
      const reply = JSON.parse(out.stdout.trim().split('\n').pop()!) as { ms: number; accuracy: number };
      peer.push(reply.ms);
      peerAccuracy = reply.accuracy;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`\nOne ${K}-fold CV pass (SMOTE k = 4, 100 trees, predict), one thread each, median of ${ROUNDS} alternating runs:`);
  console.log(`  muwclass                         ${secs(median(ours))}  (accuracy ${pct(ourAccuracy).trim()}%)`);
  if (hasPeer) {
    console.log(`  Python original (imblearn+sklearn) ${secs(median(peer))}  (accuracy ${pct(peerAccuracy).trim()}%)`);
    console.log(`  ratio muwclass / Python           ${(median(ours) / median(peer)).toFixed(2)}x`);
  } else {
    console.log('  Python peer skipped: /usr/bin/python3 with scikit-learn and imbalanced-learn not found');
  }

  // 3. Worker speed-up.
  if (WORKERS > 1) {
    const draws = Math.max(2, Math.min(MC, 4));
    const time = async (workers: number): Promise<number> => {
      const s = performance.now();
      await evaluatePipeline(td.sources, { cv: K, nSamples: draws, seed: SEED, workers });
      return performance.now() - s;
    };
    const one: number[] = [];
    const many: number[] = [];
    for (let r = 0; r < 2; r++) {
      one.push(await time(1));
      many.push(await time(WORKERS));
    }
    console.log(`\nWorker threads (${K}-fold CV, ${draws} draws): 1 worker ${secs(median(one))}, ${WORKERS} workers ${secs(median(many))}: speed-up ${(median(one) / median(many)).toFixed(2)}x`);
  }
}

await main();
