/**
 * One full Monte Carlo draw of the paper's pipeline, muwclass against the Python recipe: `npm run bench:draw`.
 *
 * The draw (paper Figure 2), on the paper's training set (../shared/data/td/muwclass_td_cscv2.csv, 2,941 sources)
 * and one E(B−V) (BENCH_EBV, default 1 mag; tbabs absorption from ../shared/data/reference/tbabs.data):
 * resample the training set and the sources to classify from their errors (× √2), redden the 1,390 training AGNs,
 * build the 29 features, SMOTE (k = 4: 2,941 → 11,120 rows), fit a 100-tree random forest, predict the sources
 * (here the training set's own 2,941 sources, resampled: a field of that size).
 * - muwclass: `MonteCarloClassifier` (muwclass/node) with `workers: 1` (in-process, one thread), `nSamples` draws
 *   per call, so the time per draw includes everything the library does (plan, bins, engine);
 * - Python: bench/draw_peer.py, the same steps with numpy/scipy/extinction, imbalanced-learn SMOTE and
 *   scikit-learn RandomForestClassifier(n_jobs=1), OMP/BLAS threads 1.
 * Rounds alternate; each prints its per-draw time; medians and the ratio follow, then a per-stage profile of both
 * (muwclass's stages timed by running the engine's steps one by one).
 *
 * Environment: BENCH_ROUNDS (default 3), BENCH_DRAWS (draws per round, default 3), BENCH_EBV, MUWCLASS_SHARED_DATA.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createRng } from '../src/core';
import { zeros } from '../src/core/matrix';
import { FeatureSet, flagMissing } from '../src/features';
import { selectSourceRows, toSourceColumns } from '../src/io/source-columns';
import { RandomForest, Smote } from '../src/ml';
import { MonteCarloClassifier, readSourceTable, readTbabsData } from '../src/node';
import { reddenColumns, reddeningModel, XrayAbsorber } from '../src/reddening';
import { resampleColumns } from '../src/classify';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.MUWCLASS_SHARED_DATA ?? resolve(here, '..', '..', 'shared', 'data');
const tdPath = join(dataDir, 'td', 'muwclass_td_cscv2.csv');
const tbabsPath = join(dataDir, 'reference', 'tbabs.data');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DRAWS = Number(process.env.BENCH_DRAWS ?? 3);
const EBV = Number(process.env.BENCH_EBV ?? 1);
const PYTHON = '/usr/bin/python3';

const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const load = (): string => loadavg().map((v) => v.toFixed(2)).join(' ');
const ms = (x: number): string => `${x.toFixed(0)} ms`;
const STAGES = ['resample', 'redden_features', 'smote', 'fit', 'predict'] as const;
type Stage = (typeof STAGES)[number];

async function main(): Promise<void> {
  if (!existsSync(tdPath) || !existsSync(tbabsPath)) {
    console.log(`bench:draw skipped: needs ${tdPath} and ${tbabsPath} (public reference data, see README "Reference data")`);
    return;
  }
  console.log(`muwclass draw benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, node ${process.version}`);
  console.log(`load average at start: ${load()} (other processes share this machine: compare the ratio, not the times)`);
  const td = await readSourceTable(tdPath, { requireLabel: true });
  const absorber = new XrayAbsorber({ crossSection: await readTbabsData(tbabsPath) });
  const sources = td.sources.map(({ label: _, ...s }) => s);
  const hasPeer = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import imblearn, sklearn, scipy, extinction'], { stdio: 'ignore' }).status === 0;
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

  const oursDraw: number[] = [];
  const peerStages: Record<Stage | 'draw', number[]> = { draw: [], resample: [], redden_features: [], smote: [], fit: [], predict: [] };
  let peerAccuracy = Number.NaN;
  const run = async (nSamples: number, seed: number) => {
    const mc = new MonteCarloClassifier({ nSamples, seed, workers: 1, reddening: { absorber } }).fit(td.sources);
    return mc.predict(sources, { ebv: EBV });
  };
  await run(1, 'warm-up' as unknown as number); // JIT warm-up, untimed
  let ourAccuracy = Number.NaN;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    const result = await run(DRAWS, r);
    oursDraw.push((performance.now() - t0) / DRAWS);
    ourAccuracy = result.predicted.filter((c, i) => c === td.sources[i]!.label).length / sources.length;
    let line = `  round ${r + 1}/${ROUNDS}: muwclass ${ms(oursDraw[r]!)} per draw`;
    if (hasPeer) {
      const out = spawnSync(PYTHON, [join(here, 'draw_peer.py'), tdPath, tbabsPath, String(DRAWS), String(EBV)], { env, encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`draw_peer.py failed: ${out.stderr}`);
      const reply = JSON.parse(out.stdout.trim().split('\n').pop()!) as Record<Stage | 'draw', number[]> & { accuracy: number };
      for (const k of Object.keys(peerStages) as (Stage | 'draw')[]) peerStages[k].push(...reply[k]);
      peerAccuracy = reply.accuracy;
      line += `, Python ${ms(median(reply.draw))} per draw`;
    }
    console.log(line);
  }

  // per-stage profile of muwclass: the engine's steps one by one (the same calls runDraws makes), after a warm-up round
  const columns = toSourceColumns(td.sources);
  const labels = td.sources.map((s) => s.label!);
  const plain = Int32Array.from(labels.flatMap((l, i) => (l === 'AGN' ? [] : [i])));
  const agnRows = Int32Array.from(labels.flatMap((l, i) => (l === 'AGN' ? [i] : [])));
  const y = [...plain, ...agnRows].map((i) => labels[i]!);
  const features = FeatureSet.paper();
  const oursStages: Record<Stage, number[]> = { resample: [], redden_features: [], smote: [], fit: [], predict: [] };
  for (let r = -1; r < ROUNDS; r++) {
    let t = performance.now();
    const tick = (stage: Stage): void => {
      const now = performance.now();
      if (r >= 0) oursStages[stage].push(now - t); // round -1 warms the JIT up
      t = now;
    };
    const drawTd = resampleColumns(columns, createRng(`td ${r}`));
    const drawField = resampleColumns(columns, createRng(`field ${r}`));
    tick('resample');
    const X = zeros(columns.nRows, features.size);
    features.buildInto(drawTd, X, { rows: plain });
    features.buildInto(reddenColumns(selectSourceRows(drawTd, agnRows), reddeningModel(EBV, { absorber })), X, { rowOffset: plain.length });
    const Xf = flagMissing(features.build(drawField));
    tick('redden_features');
    const balanced = new Smote({ k: 4, seed: r }).fitResample(X, y);
    tick('smote');
    const forest = new RandomForest({ nEstimators: 100, seed: r }).fit(flagMissing(balanced.X), balanced.y);
    tick('fit');
    forest.predictProba(Xf);
    tick('predict');
  }

  const ours = median(oursDraw);
  console.log(`\nOne Monte Carlo draw (E(B-V) = ${EBV}; ${td.sources.length} training sources → SMOTE → 100 trees; ${sources.length} sources predicted), one thread, medians of ${ROUNDS} rounds × ${DRAWS} draws:`);
  console.log('| stage | muwclass | Python (numpy, imbalanced-learn, scikit-learn) | ratio Python / muwclass |');
  console.log('| --- | ---: | ---: | ---: |');
  const stageSum = STAGES.reduce((s, k) => s + median(oursStages[k]), 0);
  for (const k of STAGES) {
    const o = median(oursStages[k]);
    const p = hasPeer ? median(peerStages[k]) : Number.NaN;
    console.log(`| ${k.replace('_', ' + ')} | ${ms(o)} (${((100 * o) / stageSum).toFixed(0)}%) | ${hasPeer ? ms(p) : '—'} | ${hasPeer ? `${(p / o).toFixed(1)}x` : '—'} |`);
  }
  const peer = hasPeer ? median(peerStages.draw) : Number.NaN;
  console.log(`| **whole draw** (muwclass: MonteCarloClassifier, workers 1) | ${ms(ours)} | ${hasPeer ? ms(peer) : '—'} | ${hasPeer ? `**${(peer / ours).toFixed(2)}x**` : '—'} |`);
  if (hasPeer) {
    const ratio = peer / ours;
    console.log(`\nmuwclass is ${ratio.toFixed(2)}x faster than the Python recipe per draw (target ≥ 5x: ${ratio >= 5 ? 'met' : 'not met'}); the forest fit is ${((100 * median(oursStages.fit)) / stageSum).toFixed(0)}% of muwclass's draw.`);
    console.log(`training-set accuracy of one draw's predictions: muwclass ${(100 * ourAccuracy).toFixed(1)}%, Python ${(100 * peerAccuracy).toFixed(1)}%`);
  } else {
    console.log('Python peer skipped: /usr/bin/python3 with scikit-learn, imbalanced-learn, scipy and extinction not found (Debian: python3-sklearn python3-imblearn python3-extinction)');
  }
  console.log(`load average at end: ${load()}`);
}

await main();
