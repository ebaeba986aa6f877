/**
 * Classifying a small field with the MUWCLASS pipeline (Yang et al. 2022, Figure 2) — the README's first
 * command runs this:
 *
 *   npm ci && npm run example          (= tsx examples/classify-field.ts; tsx resolves "muwclass/node" to src/node/ through tsconfig paths)
 *
 * The training set is the paper's (`../shared/data/td/muwclass_td_cscv2.csv`, or `$MUWCLASS_SHARED_DATA/td/…`)
 * when it is there, otherwise a small SYNTHETIC 8-class set the library generates (`syntheticTrainingSet`; not
 * astrophysical data). The "field" is two sources of every class taken out of the training set, their labels
 * hidden. Their AGNs are then seen through E(B−V) = 0.5 of Galactic dust — as AGNs behind the Galactic plane
 * are — and the pipeline reddens the training AGNs to match (paper Section 3.3); the stars are left as they are.
 *
 * Settings through the environment: MUWCLASS_EXAMPLE_SAMPLES (Monte Carlo draws, default 20; the paper used
 * 1000), MUWCLASS_EXAMPLE_TREES (default 100), MUWCLASS_EXAMPLE_SYNTHETIC=1 (use the synthetic set even when
 * the paper's is there), MUWCLASS_EXAMPLE_OUT (folder for the output CSV; default a new temporary folder).
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  MonteCarloClassifier,
  createRng,
  monteCarloColumns,
  monteCarloRecords,
  readSourceTable,
  reddenSource,
  syntheticTrainingSet,
  writeCsv,
  type Source,
} from 'muwclass/node';

const env = (name: string, fallback: number): number => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer, got ${process.env[name]}`);
  return v;
};
const N_SAMPLES = env('MUWCLASS_EXAMPLE_SAMPLES', 20);
const N_TREES = env('MUWCLASS_EXAMPLE_TREES', 100);
const EBV = 0.5;
const PER_CLASS = 2;

// 1. The training set: the paper's, or a clearly labelled synthetic one.
const dataDir = process.env.MUWCLASS_SHARED_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');
const tdPath = join(dataDir, 'td', 'muwclass_td_cscv2.csv');
const usePaper = existsSync(tdPath) && process.env.MUWCLASS_EXAMPLE_SYNTHETIC !== '1';
const all: Source[] = usePaper ? (await readSourceTable(tdPath, { requireLabel: true })).sources : syntheticTrainingSet({ seed: 1 });
console.log(
  usePaper
    ? `Training set: the paper's (${tdPath}), ${all.length} sources`
    : `Training set: SYNTHETIC (syntheticTrainingSet, ${all.length} sources; not astrophysical data — ${existsSync(tdPath) ? 'forced by MUWCLASS_EXAMPLE_SYNTHETIC' : `${tdPath} not found`})`,
);

// 2. The field: PER_CLASS sources of each class, drawn with a seeded RNG, out of the training set.
const rng = createRng('classify-field');
const classes = [...new Set(all.map((s) => s.label!))].sort();
const held = new Set<number>();
for (const c of classes) {
  const members = all.flatMap((s, i) => (s.label === c ? [i] : []));
  for (let k = 0; k < PER_CLASS && members.length > 0; k++) held.add(members.splice(Math.floor(rng() * members.length), 1)[0]!);
}
const training = all.filter((_, i) => !held.has(i));
const truth = [...held].map((i) => all[i]!);
// Labels hidden; AGNs seen through E(B-V) = 0.5 (X-ray absorption + Fitzpatrick 1999 extinction, survey limits applied).
const field: Source[] = truth.map(({ label, ...source }) => (label === 'AGN' ? reddenSource(source, EBV) : source));
console.log(`Field: ${field.length} sources (${PER_CLASS} per class, labels hidden; the AGNs reddened to E(B-V) = ${EBV})\n`);

// 3. Classify: N_SAMPLES Monte Carlo draws, training AGNs reddened to the field's E(B-V), SMOTE, random forest.
const start = performance.now();
const mc = new MonteCarloClassifier({
  nSamples: N_SAMPLES,
  seed: 1,
  classifier: { type: 'RandomForest', options: { nEstimators: N_TREES } },
  onProgress: ({ done, total }) => {
    if (process.stderr.isTTY) process.stderr.write(`\r  Monte Carlo draw ${done}/${total}${done === total ? '\n' : ''}`);
  },
}).fit(training);
const result = await mc.predict(field, { ebv: EBV });
const seconds = (performance.now() - start) / 1000;

// 4. A readable table: the class with the largest mean probability, its probability ± scatter over the draws,
//    and the confidence threshold CT (eq. 7; the paper trusts CT >= 2).
const rows = [['name', 'true class', 'Class', 'Class_prob', 'CT', '']];
truth.forEach((s, i) => {
  const ok = result.predicted[i] === s.label;
  rows.push([s.name, s.label!, result.predicted[i]!, `${result.classProbability[i]!.toFixed(2)} ± ${result.classProbabilityError[i]!.toFixed(2)}`, result.ct[i]!.toFixed(1), ok ? 'ok' : 'WRONG']);
});
const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
for (const r of rows) console.log(`  ${r.map((cell, j) => (j >= 3 && j <= 4 ? cell.padStart(widths[j]!) : cell.padEnd(widths[j]!))).join('  ').trimEnd()}`);

const correct = truth.filter((s, i) => result.predicted[i] === s.label).length;
const confident = truth.flatMap((_, i) => (result.ct[i]! >= 2 ? [i] : []));
const confidentCorrect = confident.filter((i) => result.predicted[i] === truth[i]!.label).length;
console.log(
  `\n${correct} of ${truth.length} classified correctly; ${confident.length} with CT >= 2, of which ${confidentCorrect} correct.` +
    `\n${N_SAMPLES} Monte Carlo draws of ${N_TREES}-tree forests on ${mc.options.workers} worker thread(s) in ${seconds.toFixed(1)} s.`,
);

// 5. The output table: name, true class, then P_<class>, e_P_<class>, Class, Class_prob, e_Class_prob, CT.
const outDir = process.env.MUWCLASS_EXAMPLE_OUT ?? mkdtempSync(join(tmpdir(), 'muwclass-example-'));
mkdirSync(outDir, { recursive: true });
const out = join(outDir, 'classified_field.csv');
const records = monteCarloRecords(result);
await writeCsv(out, ['CSCv2_name', 'True_Class', ...monteCarloColumns(result.classes)], truth.map((s, i) => ({ CSCv2_name: s.name, True_Class: s.label, ...records[i] })));
console.log(`Wrote ${out}`);
