/**
 * Cross-validating the MUWCLASS pipeline on a training set (Yang et al. 2022, Section 4) and putting the
 * metrics next to the paper's:
 *
 *   npm run example:evaluate          (= tsx examples/evaluate-cv.ts; tsx resolves "muwclass/node" to src/node/ through tsconfig paths)
 *
 * Stratified k-fold cross-validation (k = 10) of the whole pipeline — each fold's sources classified by Monte
 * Carlo models trained on the other folds (features resampled from their errors, SMOTE on the training part
 * only, a random forest per draw) — on the paper's training set (`../shared/data/td/muwclass_td_cscv2.csv`)
 * when it is there, else on a small SYNTHETIC set (not astrophysical data; the paper's column then does not
 * apply). The paper's numbers are from leave-one-out CV with 1000 draws; this example uses 10 folds and
 * 5 draws to finish in about a minute, so expect the all-source numbers within a point or two and the CT ≥ 2
 * ones (which depend on the scatter over draws) further off.
 *
 * Settings through the environment: MUWCLASS_EXAMPLE_FOLDS (default 10), MUWCLASS_EXAMPLE_SAMPLES (default 5),
 * MUWCLASS_EXAMPLE_TREES (default 100), MUWCLASS_EXAMPLE_SYNTHETIC=1, MUWCLASS_EXAMPLE_OUT (folder for the SVG
 * plots; default a new temporary folder).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { confusionMatrixSvg, ctSweepSvg, evaluatePipeline, readSourceTable, syntheticTrainingSet, type Source } from 'muwclass/node';

const env = (name: string, fallback: number): number => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer, got ${process.env[name]}`);
  return v;
};
const FOLDS = env('MUWCLASS_EXAMPLE_FOLDS', 10);
const N_SAMPLES = env('MUWCLASS_EXAMPLE_SAMPLES', 5);
const N_TREES = env('MUWCLASS_EXAMPLE_TREES', 100);

const dataDir = process.env.MUWCLASS_SHARED_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');
const tdPath = join(dataDir, 'td', 'muwclass_td_cscv2.csv');
const usePaper = existsSync(tdPath) && process.env.MUWCLASS_EXAMPLE_SYNTHETIC !== '1';
const td: Source[] = usePaper ? (await readSourceTable(tdPath, { requireLabel: true })).sources : syntheticTrainingSet({ seed: 1 });
console.log(usePaper ? `Training set: the paper's (${tdPath}), ${td.length} sources` : `Training set: SYNTHETIC (syntheticTrainingSet, ${td.length} sources; not astrophysical data)`);
console.log(`Stratified ${FOLDS}-fold cross-validation, ${N_SAMPLES} Monte Carlo draws per fold, ${N_TREES}-tree forests …`);

const start = performance.now();
const ev = await evaluatePipeline(td, {
  cv: FOLDS,
  nSamples: N_SAMPLES,
  seed: 1,
  classifier: { type: 'RandomForest', options: { nEstimators: N_TREES } },
  onProgress: ({ done, total, etaMs }) => {
    if (process.stderr.isTTY) process.stderr.write(`\r  ${done}/${total} fold-draws, ETA ${Math.round(etaMs / 1000)} s   ${done === total ? '\n' : ''}`);
  },
});
console.log(`… done in ${((performance.now() - start) / 1000).toFixed(1)} s\n`);

// The paper's leave-one-out numbers (Section 4), in %.
const PAPER = {
  all: { accuracy: 88.6, balancedAccuracy: 70.2, f1: 68.1, mcc: 82.9 },
  confident: { accuracy: 97.0, balancedAccuracy: 79.0, f1: 79.5, mcc: 95.0, completeness: 81.0, balancedCompleteness: 56.9 },
};
const pct = (x: number | undefined) => (x === undefined ? '' : Number.isFinite(x) ? (100 * x).toFixed(1) : '–');
const paper = (x: number | undefined) => (usePaper && x !== undefined ? x.toFixed(1) : '');
const rows: string[][] = [['(%)', 'all', 'paper', 'CT >= 2', 'paper']];
const metrics = [
  ['accuracy', 'accuracy'],
  ['balanced accuracy', 'balancedAccuracy'],
  ['macro precision', 'precision'],
  ['macro recall', 'recall'],
  ['macro F1', 'f1'],
  ['MCC', 'mcc'],
] as const;
for (const [label, key] of metrics) {
  rows.push([label, pct(ev.all[key]), paper((PAPER.all as Record<string, number>)[key]), pct(ev.confident[key]), paper((PAPER.confident as Record<string, number>)[key])]);
}
rows.push(['completeness', '100.0', '', pct(ev.confident.completeness), paper(PAPER.confident.completeness)]);
rows.push(['balanced completeness', '100.0', '', pct(ev.confident.balancedCompleteness), paper(PAPER.confident.balancedCompleteness)]);
rows.push(['macro ROC AUC', ev.roc.macroAuc.toFixed(3), '', '', '']);
const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
for (const r of rows) console.log(`  ${r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join('  ').trimEnd()}`);
if (usePaper) console.log('\n  paper: leave-one-out, 1000 draws (Yang et al. 2022, Section 4)');

// Recall per class, and the plots.
console.log(`\n  recall per class: ${ev.classes.map((c, k) => `${c} ${pct(ev.confusion.counts[k]![k]! / ev.confusion.counts[k]!.reduce((a, b) => a + b, 0))}`).join(', ')}`);
const outDir = process.env.MUWCLASS_EXAMPLE_OUT ?? mkdtempSync(join(tmpdir(), 'muwclass-evaluate-'));
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'confusion-recall.svg'), confusionMatrixSvg(ev.confusion, { title: 'Recall-normalised, all sources' }));
writeFileSync(join(outDir, 'ct-sweep.svg'), ctSweepSvg(ev.sweep, { title: 'Metrics against the CT cut', marker: 2 }));
console.log(`\nWrote confusion-recall.svg and ct-sweep.svg to ${outDir}`);
