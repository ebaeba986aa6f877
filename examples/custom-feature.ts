/**
 * Defining, unit-testing and using a custom feature:
 *
 *   npm run example:custom-feature          (= tsx examples/custom-feature.ts; tsx resolves "muwclass/node" to src/node/ through tsconfig paths)
 *
 * Two features beside the paper's 29 (Table 2): a hard-to-soft hardness ratio from two columns (the fast,
 * column path), and the number of optical/IR bands with a measured magnitude (a function of the whole source).
 * Each is checked on hand-made sources with node:assert, added to `FeatureSet.paper()`, and used in a quick
 * Monte Carlo classification. Custom features are functions, which cannot be sent to worker threads, so the
 * classifier runs in-process (`workers: 1`).
 *
 * The training set is the paper's (`../shared/data/td/muwclass_td_cscv2.csv`) when present, otherwise a small
 * SYNTHETIC one. Environment: MUWCLASS_EXAMPLE_SAMPLES (default 5), MUWCLASS_EXAMPLE_TREES (default 100),
 * MUWCLASS_EXAMPLE_SYNTHETIC=1.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  FeatureSet,
  MAGNITUDE_COLUMNS,
  MonteCarloClassifier,
  aggregateImportances,
  classificationScores,
  defineFeature,
  readSourceTable,
  syntheticTrainingSet,
  type Source,
} from 'muwclass/node';

const env = (name: string, fallback: number): number => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer, got ${process.env[name]}`);
  return v;
};

// 1. The features.
const hardSoft = defineFeature({
  name: 'HR_hs',
  description: 'Hard-to-soft hardness ratio (Fh − Fs)/(Fh + Fs), 2–7 vs 0.5–1.2 keV; in [−1, 1]',
  inputs: ['Fh', 'Fs'],
  fn: (fh, fs) => (fh - fs) / (fh + fs),
});
const mwBands = defineFeature({
  name: 'n_MW_bands',
  description: 'Number of the nine Gaia/2MASS/WISE bands with a measured magnitude (0–9)',
  compute: (source) => MAGNITUDE_COLUMNS.filter((c) => Number.isFinite(source[c])).length,
});

// 2. Unit tests on hand-made sources: every column of the schema, then what each test varies.
const base = syntheticTrainingSet({ seed: 1, perClass: { AGN: 1, CV: 0, 'HM-STAR': 0, HMXB: 0, 'LM-STAR': 0, LMXB: 0, NS: 0, YSO: 0 } })[0]!;
const withFluxes = (Fs: number, Fh: number): Source => ({ ...base, Fs, Fh });
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} is not ${expected}`);
close(hardSoft.compute(withFluxes(1e-14, 3e-14)), 0.5); // (3 − 1)/(3 + 1), up to rounding
assert.equal(hardSoft.compute(withFluxes(2e-14, 2e-14)), 0); // equal fluxes
assert.equal(hardSoft.compute(withFluxes(1e-14, 0)), -1); // all soft
assert.ok(Number.isNaN(hardSoft.compute(withFluxes(Number.NaN, 1e-14))), 'a missing flux gives a missing feature');
assert.ok(Number.isNaN(hardSoft.compute(withFluxes(0, 0))), '0/0 is missing, not 0');
const noCounterpart: Source = { ...base, ...Object.fromEntries(MAGNITUDE_COLUMNS.map((c) => [c, Number.NaN])) };
assert.equal(mwBands.compute(noCounterpart), 0);
assert.equal(mwBands.compute({ ...noCounterpart, Gmag: 18.2, W1mag: 14.1 }), 2);
assert.equal(mwBands.compute({ ...base, ...Object.fromEntries(MAGNITUDE_COLUMNS.map((c) => [c, 15])) }), 9);
const features = FeatureSet.paper().with(hardSoft, mwBands);
assert.equal(features.size, 31);
assert.deepEqual(features.names.slice(-2), ['HR_hs', 'n_MW_bands']);
const row = features.row(withFluxes(1e-14, 3e-14));
close(row[29]!, 0.5);
console.log(`HR_hs and n_MW_bands: 11 assertions passed; FeatureSet.paper().with(…) has ${features.size} features`);

// 3. A quick classification with the 31 features: hold out every 10th source, train on the rest.
const dataDir = process.env.MUWCLASS_SHARED_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');
const tdPath = join(dataDir, 'td', 'muwclass_td_cscv2.csv');
const usePaper = existsSync(tdPath) && process.env.MUWCLASS_EXAMPLE_SYNTHETIC !== '1';
const td: Source[] = usePaper ? (await readSourceTable(tdPath, { requireLabel: true })).sources : syntheticTrainingSet({ seed: 1 });
console.log(usePaper ? `Training set: the paper's, ${td.length} sources` : `Training set: SYNTHETIC (syntheticTrainingSet, ${td.length} sources; not astrophysical data)`);
const test = td.filter((_, i) => i % 10 === 0);
const training = td.filter((_, i) => i % 10 !== 0);

const nSamples = env('MUWCLASS_EXAMPLE_SAMPLES', 5);
const start = performance.now();
const mc = new MonteCarloClassifier({
  features,
  workers: 1, // custom features run in-process
  nSamples,
  seed: 1,
  reddenAgn: false, // the held-out sources are training-set sources: no reddening, as in the paper's evaluation
  importances: true,
  classifier: { type: 'RandomForest', options: { nEstimators: env('MUWCLASS_EXAMPLE_TREES', 100) } },
}).fit(training);
const result = await mc.predict(test);
const scores = classificationScores(test.map((s) => s.label!), result.predicted, { classes: result.classes });
console.log(
  `Held-out ${test.length} sources, ${nSamples} Monte Carlo draws in ${((performance.now() - start) / 1000).toFixed(1)} s: ` +
    `accuracy ${(100 * scores.accuracy).toFixed(1)}%, balanced accuracy ${(100 * scores.balancedAccuracy).toFixed(1)}%`,
);

// 4. Where do the new features rank among the 31 by mean impurity importance over the draws?
const { names, values } = result.importances!;
const vectors = Array.from({ length: values.nRows }, (_, r) => values.data.subarray(r * values.nCols, (r + 1) * values.nCols));
const summary = aggregateImportances(vectors, { featureNames: names });
const rank = (name: string) => Array.from(summary.order).indexOf(names.indexOf(name)) + 1;
for (const name of ['HR_hs', 'n_MW_bands']) {
  const j = names.indexOf(name);
  console.log(`  ${name.padEnd(10)} importance ${summary.mean[j]!.toFixed(3)} ± ${summary.std[j]!.toFixed(3)}, rank ${rank(name)} of ${names.length}`);
}
