/**
 * The speed / fidelity trade of the histogram split search (`maxBins`): `npm run bench:forest-bins`.
 *
 * 1. Speed: fit CPU time (process.cpuUsage) of RandomForest(100 trees) on the SMOTE-balanced training set
 *    (11,120 x 29; bench/forest-data.ts), exact and with each `maxBins`, alternating rounds, medians; the
 *    speed-up is measured against the exact forest in the same run.
 * 2. Fidelity: 10-fold stratified cross-validation of the paper's pipeline (Smote on the training folds,
 *    missing values −100, RandomForest with 100 trees) on the 2,941-source training set. On every test fold
 *    the binned forests are compared with the exact forest grown with the same seed (fraction of test sources
 *    given the same class), and — as the yardstick of seed noise — the exact forest is compared with itself
 *    grown from another seed. Accuracy and balanced accuracy are pooled over the folds.
 *
 * Options (environment): BENCH_ROUNDS (default 3), BENCH_CV_REPEATS (default 2), BENCH_BINS (default
 * "256,64,32,16"), MUWCLASS_SHARED_DATA (data folder).
 */
import { cpus, loadavg } from 'node:os';

import { deriveSeed, type FeatureMatrix } from '../src/core';
import { classificationScores, stratifiedKFold } from '../src/eval';
import { flagMissing } from '../src/features';
import { RandomForest, Smote } from '../src/ml';
import { forestMatrices, tdPath } from './forest-data';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CV_REPEATS = Number(process.env.BENCH_CV_REPEATS ?? 2);
const BINS = (process.env.BENCH_BINS ?? '256,64,32,16').split(',').map(Number);
const N_TREES = 100;

const median = (a: readonly number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function rows(X: FeatureMatrix, idx: ArrayLike<number>): FeatureMatrix {
  const data = new Float64Array(idx.length * X.nCols);
  for (let r = 0; r < idx.length; r++) data.set(X.data.subarray(idx[r]! * X.nCols, (idx[r]! + 1) * X.nCols), r * X.nCols);
  return { data, nRows: idx.length, nCols: X.nCols };
}

function cpuMs(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

async function main(): Promise<void> {
  const m = await forestMatrices();
  if (m === undefined) {
    console.log(`bench:forest-bins skipped: needs ${tdPath} (public reference data, see README "Reference data")`);
    return;
  }
  console.log(`muwclass maxBins benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, node ${process.version}`);
  console.log(`load average at start: ${loadavg().map((v) => v.toFixed(2)).join(' ')} (other processes share this machine: compare ratios, not times)`);
  const settings: (number | undefined)[] = [undefined, ...BINS];
  const label = (b: number | undefined): string => (b === undefined ? 'exact' : `maxBins ${b}`);

  // 1. speed
  const { X, y } = m.balanced;
  new RandomForest({ nEstimators: 10 }).fit(X, y); // JIT warm-up, untimed
  const fit = new Map<number | undefined, number[]>(settings.map((b) => [b, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const b of settings) fit.get(b)!.push(cpuMs(() => new RandomForest({ nEstimators: N_TREES, seed: r, maxBins: b }).fit(X, y)));
    console.log(`  round ${r + 1}/${ROUNDS}: ${settings.map((b) => `${label(b)} ${fit.get(b)![r]!.toFixed(0)} ms`).join(', ')}`);
  }

  // 2. fidelity
  const td = m.td;
  const classes = [...new Set(td.y)].sort();
  const pred = new Map<string, string[]>();
  const truth: string[] = [];
  const keys = ['exact', 'exact, other seed', ...BINS.map((b) => `maxBins ${b}`)];
  for (const k of keys) pred.set(k, []);
  for (let rep = 0; rep < CV_REPEATS; rep++) {
    const folds = stratifiedKFold(td.y, 10, `bins-cv-${rep}`);
    folds.forEach((fold, f) => {
      const trainY = Array.from(fold.train, (i) => td.y[i]!);
      const balanced = new Smote({ seed: deriveSeed('bins', rep, f) }).fitResample(rows(td.withNaN, fold.train), trainY);
      const trainX = flagMissing(balanced.X);
      const testX = rows(td.X, fold.test);
      truth.push(...Array.from(fold.test, (i) => td.y[i]!));
      const seed = deriveSeed('bins', rep, f, 'forest');
      const grow = (s: string, b?: number): string[] => new RandomForest({ nEstimators: N_TREES, seed: s, maxBins: b }).fit(trainX, balanced.y).predict(testX);
      pred.get('exact')!.push(...grow(seed));
      pred.get('exact, other seed')!.push(...grow(`${seed}/other`));
      for (const b of BINS) pred.get(`maxBins ${b}`)!.push(...grow(seed, b));
    });
    console.log(`  CV repeat ${rep + 1}/${CV_REPEATS} done`);
  }
  const exactFit = median(fit.get(undefined)!);
  const agreement = (a: readonly string[], b: readonly string[]): number => a.filter((v, i) => v === b[i]).length / a.length;
  console.log(`\nfit: RandomForest(${N_TREES} trees) on ${X.nRows} x ${X.nCols}, CPU, median of ${ROUNDS} alternating rounds; CV: 10-fold x ${CV_REPEATS} on the ${td.X.nRows}-source training set (Smote + forest per fold):`);
  console.log('| split search | fit CPU | speed-up vs exact | CV accuracy | CV balanced accuracy | same class as the exact forest (same seed) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const k of keys) {
    const b = k === 'exact' ? undefined : k.startsWith('maxBins') ? Number(k.slice(8)) : null;
    const t = b === null ? undefined : median(fit.get(b)!);
    const s = classificationScores(truth, pred.get(k)!, { classes });
    const fitCell = t === undefined ? '—' : `${t.toFixed(0)} ms`;
    const speed = t === undefined ? '—' : `${(exactFit / t).toFixed(2)}x`;
    const agree = k === 'exact' ? '1' : (agreement(pred.get(k)!, pred.get('exact')!) * 100).toFixed(2) + ' %';
    console.log(`| ${k} | ${fitCell} | ${speed} | ${(100 * s.accuracy).toFixed(2)} % | ${(100 * s.balancedAccuracy).toFixed(2)} % | ${agree} |`);
  }
  console.log('("exact, other seed": the exact forest grown from another seed — the agreement that seed noise alone gives.)');
  console.log(`load average at end: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
}

await main();
