/**
 * The experiments behind docs/presets.md and docs/reproduction.md: `npm run bench:presets -- <mode>`.
 *
 * Modes (all on the paper's training set, ../shared/data/td/muwclass_td_cscv2.csv, stratified 10-fold CV,
 * folds `stratifiedKFold(y, 10, deriveSeed(seed, 'folds'))`, the same folds for every candidate of a seed):
 * - `nomc`: every candidate without Monte Carlo (features as measured, `Fb = Fs + Fm + Fh`), one line per
 *   candidate with mean ± SD over the seeds of accuracy, balanced accuracy, macro F1, MCC and per-class recall.
 * - `mc`: the whole pipeline (`evaluatePipeline`) with BENCH_MC draws (default 20) for the candidates named in
 *   BENCH_CANDIDATES (default `paper,balanced`), all-source and CT ≥ 2 metrics, mean ± SD over the seeds.
 * - `smote-std`: SMOTE's neighbour search on raw against standardised features (no MC), paired by seed.
 *
 * Environment: BENCH_SEEDS (`1-10` default; `101-110` are the fresh confirmation seeds), BENCH_CANDIDATES
 * (comma-separated names, default all), BENCH_MC, BENCH_WORKERS (default 1), MUWCLASS_SHARED_DATA.
 * Candidates are documented where they are defined below.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createRng, deriveSeed, randomInt, type FeatureMatrix } from '../src/core';
import { bandSumBroadFlux, PRESETS } from '../src/classify';
import { classificationScores, classScores, confusionMatrix, stratifiedKFold, type Fold } from '../src/eval';
import { FeatureSet, flagMissing } from '../src/features';
import { toSourceColumns } from '../src/io';
import { DecisionTree, ExtraTrees, RandomForest, Smote, type Classifier } from '../src/ml';
import { evaluatePipeline, readSourceTable } from '../src/node';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.MUWCLASS_SHARED_DATA ?? resolve(here, '..', '..', 'shared', 'data');
const tdPath = join(dataDir, 'td', 'muwclass_td_cscv2.csv');
const MC = Number(process.env.BENCH_MC ?? 20);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);

function seedList(text: string): number[] {
  return text.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
  });
}
const SEEDS = seedList(process.env.BENCH_SEEDS ?? '1-10');
const ONLY = process.env.BENCH_CANDIDATES?.split(',');

/** Mean ± SD (sample) in percent. */
function ms(values: readonly number[]): string {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return `${(100 * mean).toFixed(1)} ± ${(100 * sd).toFixed(1)}`;
}

/** The Gaia columns of the released training set (not in the `Source` schema): parallax, proper motion, distance. */
function gaiaColumns(path: string): { Plx: Float64Array; ePlx: Float64Array; PM: Float64Array; rgeo: Float64Array } {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const col = (name: string): number => header.indexOf(name);
  const idx = { Plx: col('Plx'), ePlx: col('e_Plx'), PM: col('PM'), rgeo: col('rgeo') };
  const out = { Plx: new Float64Array(lines.length - 1), ePlx: new Float64Array(lines.length - 1), PM: new Float64Array(lines.length - 1), rgeo: new Float64Array(lines.length - 1) };
  lines.slice(1).forEach((line, i) => {
    // the numeric columns come before any quoted text column
    const cells = line.split(',');
    for (const k of ['Plx', 'ePlx', 'PM', 'rgeo'] as const) out[k][i] = cells[idx[k]] === '' ? Number.NaN : Number(cells[idx[k]]);
  });
  return out;
}

/** A balanced random forest (Chen, Liaw & Breiman 2004): each tree on a per-class bootstrap of `perClass` rows, no SMOTE. */
class BalancedForest implements Classifier {
  private trees: DecisionTree[] = [];
  classes: readonly string[] = [];
  constructor(private readonly seed: string, private readonly perClass: 'smallest' | number, private readonly nEstimators = 100) {}
  fit(X: FeatureMatrix, y: readonly string[]): this {
    this.classes = [...new Set(y)].sort();
    const byClass = this.classes.map((c) => y.flatMap((l, i) => (l === c ? [i] : [])));
    const m = this.perClass === 'smallest' ? Math.min(...byClass.map((r) => r.length)) : this.perClass;
    const p = X.nCols;
    for (let t = 0; t < this.nEstimators; t++) {
      const rng = createRng(deriveSeed(this.seed, 'tree', t));
      const rows: number[] = [];
      for (const r of byClass) for (let j = 0; j < m; j++) rows.push(r[randomInt(rng, r.length)]!);
      const data = new Float64Array(rows.length * p);
      rows.forEach((r, a) => data.set(X.data.subarray(r * p, (r + 1) * p), a * p));
      this.trees.push(new DecisionTree({ maxFeatures: 'sqrt', seed: deriveSeed(this.seed, 'fit', t) }).fit({ data, nRows: rows.length, nCols: p }, rows.map((r) => y[r]!)));
    }
    return this;
  }
  predictProba(X: FeatureMatrix): FeatureMatrix {
    const k = this.classes.length;
    const out = new Float64Array(X.nRows * k);
    for (const tree of this.trees) {
      const p = tree.predictProba(X);
      const cols = tree.classes.map((c) => this.classes.indexOf(c));
      for (let i = 0; i < X.nRows; i++) for (let j = 0; j < cols.length; j++) out[i * k + cols[j]!]! += p.data[i * p.nCols + j]! / this.trees.length;
    }
    return { data: out, nRows: X.nRows, nCols: k };
  }
  predict(): string[] {
    throw new Error('not used');
  }
}

/** A no-MC candidate: features, oversampling, classifier, and a post-hoc weighting of the class probabilities. */
interface Candidate {
  readonly name: string;
  readonly what: string;
  readonly gaia?: boolean;
  readonly smote: false | { readonly k: number; readonly standardize?: boolean };
  readonly fit: (X: FeatureMatrix, y: readonly string[], seed: string) => Classifier;
  /** Exponent α of the prior correction P_c ∝ P_c / π_c^α (π_c: class fraction of the training set); 0 = none. */
  readonly alpha?: number;
}

const rf = (X: FeatureMatrix, y: readonly string[], seed: string): Classifier => new RandomForest({ nEstimators: 100, seed }).fit(X, y);
const CANDIDATES: Candidate[] = [
  { name: 'paper', what: 'SMOTE k = 4 + random forest (100 trees): the paper', smote: { k: 4 }, fit: rf },
  { name: 'smote-std', what: 'SMOTE on standardised features + RF', smote: { k: 4, standardize: true }, fit: rf },
  { name: 'no-smote', what: 'RF without SMOTE', smote: false, fit: rf },
  { name: 'extra-trees', what: 'SMOTE + extremely randomised trees (100)', smote: { k: 4 }, fit: (X, y, seed) => new ExtraTrees({ nEstimators: 100, seed }).fit(X, y) },
  { name: 'brf-smallest', what: 'balanced random forest: per-class bootstrap of the smallest class size, no SMOTE', smote: false, fit: (X, y, seed) => new BalancedForest(seed, 'smallest').fit(X, y) },
  { name: 'brf-100', what: 'balanced random forest: per-class bootstrap of 100 rows, no SMOTE', smote: false, fit: (X, y, seed) => new BalancedForest(seed, 100).fit(X, y) },
  { name: 'prior-0.1', what: 'paper + prior correction α = 0.1', smote: { k: 4 }, fit: rf, alpha: 0.1 },
  { name: 'prior-0.25', what: 'paper + prior correction α = 0.25', smote: { k: 4 }, fit: rf, alpha: 0.25 },
  { name: 'prior-0.5', what: 'paper + prior correction α = 0.5', smote: { k: 4 }, fit: rf, alpha: 0.5 },
  { name: 'prior-0.75', what: 'paper + prior correction α = 0.75', smote: { k: 4 }, fit: rf, alpha: 0.75 },
  { name: 'prior-1', what: 'paper + prior correction α = 1', smote: { k: 4 }, fit: rf, alpha: 1 },
  { name: 'no-smote-prior-0.3', what: 'RF without SMOTE + prior correction α = 0.3', smote: false, fit: rf, alpha: 0.3 },
  { name: 'no-smote-prior-0.4', what: 'RF without SMOTE + prior correction α = 0.4', smote: false, fit: rf, alpha: 0.4 },
  { name: 'no-smote-prior-0.5', what: 'RF without SMOTE + prior correction α = 0.5', smote: false, fit: rf, alpha: 0.5 },
  { name: 'no-smote-prior-0.6', what: 'RF without SMOTE + prior correction α = 0.6', smote: false, fit: rf, alpha: 0.6 },
  { name: 'no-smote-prior-0.75', what: 'RF without SMOTE + prior correction α = 0.75', smote: false, fit: rf, alpha: 0.75 },
  { name: 'no-smote-prior-1', what: 'RF without SMOTE + prior correction α = 1 (Bayes rule for equal priors)', smote: false, fit: rf, alpha: 1 },
  { name: 'gaia', what: 'paper + 4 Gaia features (log L_X, M_G, log PM, Plx/e_Plx)', gaia: true, smote: { k: 4 }, fit: rf },
  { name: 'gaia-prior-0.1', what: 'gaia + prior correction α = 0.1', gaia: true, smote: { k: 4 }, fit: rf, alpha: 0.1 },
  { name: 'gaia-prior-0.25', what: 'gaia + prior correction α = 0.25', gaia: true, smote: { k: 4 }, fit: rf, alpha: 0.25 },
  { name: 'gaia-prior-0.5', what: 'gaia + prior correction α = 0.5', gaia: true, smote: { k: 4 }, fit: rf, alpha: 0.5 },
  { name: 'gaia-no-smote', what: 'paper features + 4 Gaia features, RF without SMOTE', gaia: true, smote: false, fit: rf },
  { name: 'gaia-no-smote-prior-0.4', what: 'gaia, no SMOTE, prior correction α = 0.4', gaia: true, smote: false, fit: rf, alpha: 0.4 },
  { name: 'gaia-no-smote-prior-0.5', what: 'gaia, no SMOTE, prior correction α = 0.5', gaia: true, smote: false, fit: rf, alpha: 0.5 },
  { name: 'gaia-no-smote-prior-0.6', what: 'gaia, no SMOTE, prior correction α = 0.6', gaia: true, smote: false, fit: rf, alpha: 0.6 },
];

/** The probabilities of a run with the prior correction of exponent α, renormalised, and their argmax. */
function corrected(proba: FeatureMatrix, classes: readonly string[], priors: Float64Array, alpha: number): string[] {
  const k = classes.length;
  const w = priors.map((p) => p ** -alpha);
  return Array.from({ length: proba.nRows }, (_, i) => {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba.data[i * k + c]! * w[c]! > proba.data[i * k + best]! * w[best]!) best = c;
    return classes[best]!;
  });
}

async function noMc(): Promise<void> {
  const td = await readSourceTable(tdPath, { requireLabel: true });
  const y = td.sources.map((s) => s.label!);
  const classes = [...new Set(y)].sort();
  const priors = Float64Array.from(classes, (c) => y.filter((l) => l === c).length / y.length);
  const columns = bandSumBroadFlux(toSourceColumns(td.sources));
  const base = FeatureSet.paper().build(columns);
  const g = gaiaColumns(tdPath);
  const extra = [
    (i: number) => Math.log10(columns.Fb[i]! * 4 * Math.PI * (g.rgeo[i]! * 3.0857e18) ** 2), // log L_X (erg/s)
    (i: number) => columns.Gmag[i]! - 5 * Math.log10(g.rgeo[i]!) + 5, // M_G
    (i: number) => Math.log10(g.PM[i]!), // log PM (mas/yr)
    (i: number) => g.Plx[i]! / g.ePlx[i]!, // parallax significance
  ];
  const p = base.nCols;
  const q = p + extra.length;
  const gaiaData = new Float64Array(base.nRows * q);
  for (let i = 0; i < base.nRows; i++) {
    gaiaData.set(base.data.subarray(i * p, (i + 1) * p), i * q);
    extra.forEach((f, j) => {
      const v = f(i);
      gaiaData[i * q + p + j] = Number.isFinite(v) ? v : Number.NaN;
    });
  }
  const withGaia: FeatureMatrix = { data: gaiaData, nRows: base.nRows, nCols: q };
  const selected = CANDIDATES.filter((c) => ONLY === undefined || ONLY.includes(c.name));
  const scores = new Map<string, { acc: number[]; ba: number[]; f1: number[]; mcc: number[]; recall: number[][] }>();
  for (const c of selected) scores.set(c.name, { acc: [], ba: [], f1: [], mcc: [], recall: classes.map(() => []) });
  const cache = new Map<string, { proba: FeatureMatrix }>();
  for (const seed of SEEDS) {
    const folds: Fold[] = stratifiedKFold(y, 10, deriveSeed(seed, 'folds'));
    for (const c of selected) {
      const t0 = performance.now();
      const key = `${c.gaia === true}|${JSON.stringify(c.smote)}|${c.fit === rf ? 'rf' : c.name}`;
      let run = cache.get(key);
      if (run === undefined) {
        const Xnan = c.gaia === true ? withGaia : base;
        const proba = { data: new Float64Array(y.length * classes.length), nRows: y.length, nCols: classes.length };
        folds.forEach((fold, f) => {
          let X = selectNan(Xnan, fold.train);
          let ytrain: readonly string[] = Array.from(fold.train, (i) => y[i]!);
          // SMOTE sees the missing values as NaN (as in the pipeline), then they are flagged -100
          if (c.smote !== false) {
            const r = new Smote({ k: c.smote.k, standardize: c.smote.standardize ?? false, seed: deriveSeed(seed, 'fold', f, 'resample') }).fitResample(X, ytrain);
            X = r.X;
            ytrain = r.y;
          }
          const model = c.fit(flagMissing(X), ytrain, deriveSeed(seed, 'fold', f));
          const pr = model.predictProba(flagMissing(selectNan(Xnan, fold.test)));
          const cols = model.classes.map((k) => classes.indexOf(k));
          Array.from(fold.test).forEach((i, a) => cols.forEach((col, j) => (proba.data[i * classes.length + col] = pr.data[a * pr.nCols + j]!)));
        });
        run = { proba };
        cache.set(key, run);
      }
      const pred = corrected(run.proba, classes, priors, c.alpha ?? 0);
      const s = classificationScores(y, pred, { classes });
      const entry = scores.get(c.name)!;
      entry.acc.push(s.accuracy);
      entry.ba.push(s.balancedAccuracy);
      entry.f1.push(s.f1);
      entry.mcc.push(s.mcc);
      const r = classScores(confusionMatrix(y, pred, { classes })).map((x) => x.recall);
      classes.forEach((_, j) => entry.recall[j]!.push(r[j]!));
      process.stderr.write(`seed ${seed} ${c.name}: acc ${(100 * s.accuracy).toFixed(1)} BA ${(100 * s.balancedAccuracy).toFixed(1)} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    }
    cache.clear();
  }
  console.log(`no Monte Carlo, 10-fold, seeds ${SEEDS.join(',')} (mean ± SD, %)\n`);
  console.log(`| candidate | accuracy | balanced acc. | macro F1 | MCC | ${classes.map((c) => `${c} recall`).join(' | ')} |`);
  console.log(`|---|---:|---:|---:|---:|${classes.map(() => '---:').join('|')}|`);
  for (const c of selected) {
    const e = scores.get(c.name)!;
    console.log(`| ${c.name} | ${ms(e.acc)} | ${ms(e.ba)} | ${ms(e.f1)} | ${ms(e.mcc)} | ${e.recall.map((r) => ms(r).split(' ±')[0]).join(' | ')} |`);
  }
  for (const c of selected) console.log(`- ${c.name}: ${c.what}`);
}

function selectNan(Xnan: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  const p = Xnan.nCols;
  const data = new Float64Array(rows.length * p);
  for (let a = 0; a < rows.length; a++) data.set(Xnan.data.subarray(rows[a]! * p, (rows[a]! + 1) * p), a * p);
  return { data, nRows: rows.length, nCols: p };
}

async function mc(): Promise<void> {
  const td = await readSourceTable(tdPath, { requireLabel: true });
  const names = ONLY ?? ['paper', 'balanced'];
  const errorless = process.env.BENCH_ERRORLESS as 'missing' | 'keep' | undefined;
  for (const name of names) {
    const preset = PRESETS[name];
    if (preset === undefined) throw new Error(`unknown preset ${name} (known: ${Object.keys(PRESETS).join(', ')})`);
    const rows: Record<string, number[]> = {};
    const push = (k: string, v: number): void => void (rows[k] ??= []).push(v);
    for (const seed of SEEDS) {
      const t0 = performance.now();
      const ev = await evaluatePipeline(td.sources, {
        ...preset.options,
        ...(errorless === undefined ? {} : { errorlessMagnitudes: errorless }),
        cv: 10,
        nSamples: MC,
        ...(MC === 0 ? { nSamples: 1, resample: false } : {}),
        seed,
        workers: WORKERS,
      });
      const { all, confident } = ev;
      for (const [k, v] of Object.entries({ acc: all.accuracy, ba: all.balancedAccuracy, f1: all.f1, mcc: all.mcc, cacc: confident.accuracy, cba: confident.balancedAccuracy, cf1: confident.f1, cmcc: confident.mcc, comp: confident.completeness, bcomp: confident.balancedCompleteness })) push(k, v);
      process.stderr.write(`seed ${seed} ${name}: acc ${(100 * all.accuracy).toFixed(1)} BA ${(100 * all.balancedAccuracy).toFixed(1)} F1 ${(100 * all.f1).toFixed(1)} MCC ${(100 * all.mcc).toFixed(1)}; CT≥2 acc ${(100 * confident.accuracy).toFixed(1)} BA ${(100 * confident.balancedAccuracy).toFixed(1)} F1 ${(100 * confident.f1).toFixed(1)} MCC ${(100 * confident.mcc).toFixed(1)} completeness ${(100 * confident.completeness).toFixed(1)} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
    }
    console.log(`\n${name}: ${MC === 0 ? 'no Monte Carlo' : `Monte Carlo ${MC} draws`}, 10-fold, seeds ${SEEDS.join(',')}${errorless === undefined ? '' : `, errorlessMagnitudes ${errorless}`} (mean ± SD, %)`);
    console.log('| | accuracy | balanced acc. | macro F1 | MCC | completeness | balanced completeness |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    console.log(`| all | ${ms(rows.acc!)} | ${ms(rows.ba!)} | ${ms(rows.f1!)} | ${ms(rows.mcc!)} | 100 | 100 |`);
    console.log(`| CT ≥ 2 | ${ms(rows.cacc!)} | ${ms(rows.cba!)} | ${ms(rows.cf1!)} | ${ms(rows.cmcc!)} | ${ms(rows.comp!)} | ${ms(rows.bcomp!)} |`);
  }
}

async function main(): Promise<void> {
  if (!existsSync(tdPath)) {
    console.log(`bench:presets skipped: needs ${tdPath}`);
    return;
  }
  const mode = process.argv[2] ?? 'nomc';
  console.log(`bench:presets ${mode} — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, load ${loadavg().map((v) => v.toFixed(2)).join(' ')}, node ${process.version}`);
  if (mode === 'nomc') await noMc();
  else if (mode === 'mc') await mc();
  else throw new Error(`unknown mode ${mode} (nomc, mc)`);
}

await main();
