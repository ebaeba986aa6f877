/**
 * The paper's Galactic-plane run at catalog scale, projected from a measured sample: `npm run bench:catalog`.
 *
 * 1. A synthetic 66,000-source Galactic field (bench/galactic-field.ts: training-set sources placed along the plane,
 *    E(B−V) the total dust column through an exponential dust disk, capped at 50 mag) and its E(B−V) bins: fixed
 *    0.025 mag (the paper's) and adaptive at several relative widths (`binEbv`).
 * 2. The Monte Carlo run as the library plans it (`MonteCarloPlan`: paper features, SMOTE k = 4, 100-tree random
 *    forest, errors × √2; adaptive bins at the default width), of which BENCH_BINS bins (spread over E(B−V)) ×
 *    BENCH_DRAWS draws are run with `runUnit`, one thread, in the order the plan runs them: the measured cost per
 *    (bin, draw) unit. Also timed alone: the work that every bin of a draw repeats identically (the training-set
 *    draw, the features of the rows not reddened) and SMOTE, i.e. what sharing work between bins could save.
 *    Times are CPU times of this process (`process.cpuUsage`): on a machine shared with other processes they are
 *    far less inflated than wall times.
 * 3. The cost per source per draw (resample, features, predict of the sources, in blocks as the engine does) and so
 *    the fixed cost per (bin, draw) unit: unit = fixed + per-source × sources in the bin.
 * 4. The projection: wall time of the full run (BENCH_PROJECT_DRAWS = 1,000 draws) on this machine's cores, for each
 *    binning: draws × (bins × fixed + 66,000 × per-source) / cores, assuming all cores free and perfect parallelism
 *    (units are independent; measured worker-thread speed-up on 2 cores: see bench:paper).
 *
 * Environment: BENCH_BINS (default 3), BENCH_DRAWS (default 2), BENCH_PROJECT_DRAWS (default 1000), BENCH_CORES
 * (default: this machine's), MUWCLASS_SHARED_DATA. A quiet machine runs it in about 1–2 minutes.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createRng } from '../src/core';
import { FeatureSet, flagMissing } from '../src/features';
import { selectSourceRows, toSourceColumns } from '../src/io/source-columns';
import { RandomForest, Smote } from '../src/ml';
import { readSourceTable } from '../src/node';
import { binEbv, reddeningModel, type EbvBinningOptions } from '../src/reddening';
import { planUnits, resampleColumns, runUnit, type Job, type MonteCarloPlan } from '../src/classify';
import { galacticField, quantiles } from './galactic-field';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.MUWCLASS_SHARED_DATA ?? resolve(here, '..', '..', 'shared', 'data');
const tdPath = join(dataDir, 'td', 'muwclass_td_cscv2.csv');
const N_BINS = Number(process.env.BENCH_BINS ?? 3);
const N_DRAWS = Number(process.env.BENCH_DRAWS ?? 2);
const PROJECT_DRAWS = Number(process.env.BENCH_PROJECT_DRAWS ?? 1000);
const CORES = Number(process.env.BENCH_CORES ?? cpus().length);
const FIELD_SIZE = 66_000;

const load = (): string => loadavg().map((v) => v.toFixed(2)).join(' ');
const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
const hours = (s: number): string => (s >= 2 * 86400 ? `${(s / 86400).toFixed(1)} days` : `${(s / 3600).toFixed(1)} h`);

async function main(): Promise<void> {
  if (!existsSync(tdPath)) {
    console.log(`bench:catalog skipped: needs ${tdPath} (public reference data, see README "Reference data")`);
    return;
  }
  console.log(`muwclass catalog benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, node ${process.version}`);
  console.log(`load average at start: ${load()} (other processes share this machine: the projection assumes its ${CORES} cores free)`);
  const td = await readSourceTable(tdPath, { requireLabel: true });
  const field = galacticField(td.sources, FIELD_SIZE);
  const q = quantiles(field.ebv, [0.05, 0.25, 0.5, 0.75, 0.95]);
  console.log(`\nSynthetic Galactic field: ${FIELD_SIZE} sources; E(B-V) quantiles 5/25/50/75/95%: ${q.map((v) => v.toFixed(2)).join(' / ')} mag; ${field.ebv.filter((v) => v >= 50).length} at the 50 mag cap`);

  // 1. bins
  const binnings: { name: string; options: EbvBinningOptions }[] = [
    { name: 'fixed 0.025 mag (paper)', options: { method: 'fixed' } },
    ...[0.025, 0.05, 0.1, 0.2].map((fraction) => ({ name: `adaptive ${100 * fraction}%`, options: { method: 'adaptive' as const, fraction } })),
    { name: 'adaptive, library default', options: { method: 'adaptive' as const } },
  ];
  const nBins = binnings.map((b) => binEbv(field.ebv, b.options).ebv.length);

  // 2. the plan and the sampled (bin, draw) units
  const bins = binEbv(field.ebv, { method: 'adaptive' });
  const labels = td.sources.map((s) => s.label!);
  const classes = [...new Set(labels)].sort();
  const jobs: Job[] = bins.members.map((rows, key) => ({ key, rows, excludeFromTraining: false, model: reddeningModel(bins.ebv[key]!) }));
  const plan: MonteCarloPlan = {
    td: toSourceColumns(td.sources),
    labels,
    redden: Uint8Array.from(labels, (l) => (l === 'AGN' ? 1 : 0)),
    field: toSourceColumns(field.sources),
    classes,
    features: FeatureSet.paper().names,
    classifier: { type: 'RandomForest', options: { nEstimators: 100 } },
    oversampler: { type: 'Smote', options: { k: 4 } },
    resample: true,
    errorScale: Math.SQRT2,
    seed: 'catalog',
    importances: false,
    keepDraws: false,
    jobs,
    units: planUnits(jobs.length, PROJECT_DRAWS, 16),
  };
  // bins spread over E(B-V): those holding the sources at evenly spaced quantiles
  const order = Int32Array.from(field.ebv.keys()).sort((a, b) => field.ebv[a]! - field.ebv[b]!);
  const sampled = [...new Set(Array.from({ length: N_BINS }, (_, k) => bins.binOf[order[Math.floor(((k + 0.5) / N_BINS) * FIELD_SIZE)]!]!))];
  console.log(`\nSampled ${sampled.length} of ${jobs.length} adaptive bins × ${N_DRAWS} draws: ${sampled.map((b) => `E(B-V) ${bins.ebv[b]!.toFixed(2)} (${bins.counts[b]} sources)`).join(', ')}`);
  runUnit({ ...plan }, { job: sampled[0]!, draws: [PROJECT_DRAWS - 1] }); // JIT warm-up, untimed
  // CPU time of this process (user + system, all its threads): what the units cost, much less inflated than wall
  // time when other processes share the cores
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const time = (p: MonteCarloPlan, job: number, d: number): number => {
    const t0 = cpu();
    runUnit(p, { job, draws: [d] });
    return cpu() - t0;
  };
  const perUnit: { job: number; s: number }[] = [];
  for (let d = 0; d < N_DRAWS; d++) {
    const line: number[] = [];
    for (const job of sampled) {
      const s = time(plan, job, d);
      perUnit.push({ job, s });
      line.push(s);
    }
    console.log(`  draw ${d + 1}/${N_DRAWS}: ${line.map((s) => s.toFixed(2)).join(', ')} CPU-s per (bin, draw)`);
  }

  // 3. per source per draw: the engine's predict path on a block of field sources
  const features = FeatureSet.paper();
  const X = features.build(plan.td);
  const balanced = new Smote({ k: 4, seed: 1 }).fitResample(X, labels);
  const forest = new RandomForest({ nEstimators: 100, seed: 1 }).fit(flagMissing(balanced.X), balanced.y);
  const block = Int32Array.from({ length: 8192 }, (_, i) => i);
  const perSource: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = cpu();
    const drawn = resampleColumns(selectSourceRows(plan.field as never, block), createRng(`block ${r}`));
    forest.predictProba(flagMissing(features.build(drawn)));
    perSource.push((cpu() - t0) / block.length);
  }
  const b = perSource.sort((x, y) => x - y)[1]!;
  // the work identical for every bin of a draw, timed alone (the engine's steps: training-set draw, features of
  // the rows not reddened, selection of the rows to redden), and SMOTE of a whole training matrix
  const plainRows = Int32Array.from(labels.flatMap((l, i) => (l === 'AGN' ? [] : [i])));
  const agnRows = Int32Array.from(labels.flatMap((l, i) => (l === 'AGN' ? [i] : [])));
  const sharedWork: number[] = [];
  const smoteWork: number[] = [];
  for (let r = 0; r < 7; r++) {
    let t0 = cpu();
    const drawn = resampleColumns(plan.td, createRng(`td ${r}`));
    features.build(drawn, { rows: plainRows });
    selectSourceRows(drawn, agnRows);
    sharedWork.push(cpu() - t0);
    t0 = cpu();
    new Smote({ k: 4, seed: r }).fitResample(X, labels);
    smoteWork.push(cpu() - t0);
  }
  const w = sharedWork.sort((x, y) => x - y)[3]!;
  const sm = smoteWork.sort((x, y) => x - y)[3]!;
  const fixed = mean(perUnit.map((u) => u.s - b * bins.counts[u.job]!));
  const unit = mean(perUnit.map((u) => u.s));

  console.log(`\nMeasured, one thread, CPU time: ${unit.toFixed(3)} s per (bin, draw) unit; ${(b * 1e6).toFixed(1)} µs per source per draw (resample, features, predict); fixed cost per (bin, draw): ${fixed.toFixed(3)} s`);
  console.log(`  identical for every bin of a draw: ${(1000 * w).toFixed(1)} ms (training-set draw, features of the rows not reddened) — computing it once per draw would make a (bin, draw) ${(fixed / (fixed - w)).toFixed(3)}x faster;`);
  console.log(`  the whole SMOTE: ${(1000 * sm).toFixed(1)} ms (${((100 * sm) / fixed).toFixed(1)}% of a unit), so sharing the non-AGN classes' part could save less than that`);
  console.log(`\nProjected wall time of the full ${FIELD_SIZE}-source run, ${PROJECT_DRAWS} draws, on ${CORES} cores (draws × (bins × ${fixed.toFixed(3)} s + ${FIELD_SIZE} × ${(b * 1e6).toFixed(1)} µs) / ${CORES}):`);
  console.log('| E(B−V) binning | bins (models per draw) | projected wall time |');
  console.log('| --- | ---: | ---: |');
  binnings.forEach((bn, k) => {
    const seconds = (PROJECT_DRAWS * (nBins[k]! * fixed + FIELD_SIZE * b)) / CORES;
    console.log(`| ${bn.name} | ${nBins[k]} | ${hours(seconds)} |`);
  });
  const def = (PROJECT_DRAWS * (nBins[nBins.length - 1]! * fixed + FIELD_SIZE * b)) / CORES;
  console.log(`\nWith the default adaptive bins: ${hours(def)} (target ≤ 6 h on 2 cores: ${def / 3600 <= 6 ? 'met' : 'not met'})`);
  console.log(`load average at end: ${load()}`);
}

await main();
