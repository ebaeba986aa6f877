import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../../src/cli/main';
import { parseNumberCell } from '../../src/io/cells';
import { readCsv, readSourceTable } from '../../src/node';
import { syntheticTrainingSet, SYNTHETIC_CLASSES } from '../../src/io/synthetic';
import { evaluatePipeline, type PipelineEvaluation } from '../../src/eval/pipeline';
import { captureCli } from '../helpers/cli';
import { writeSourcesCsv } from '../helpers/training-csv';

const dir = mkdtempSync(join(tmpdir(), 'muwclass-evaluate-'));
const path = (name: string) => join(dir, name);
const CLASSES = [...SYNTHETIC_CLASSES];
const FAST = ['--mc', '3', '--trees', '8', '--seed', '4', '--workers', '1'];

let td: string;
let expected: PipelineEvaluation;

async function evaluate(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = captureCli();
  const code = await runCli(['evaluate', ...argv], c.context);
  return { code, out: c.out(), err: c.err() };
}

const pct = (x: number) => (100 * x).toFixed(1);

beforeAll(async () => {
  td = await writeSourcesCsv(path('td.csv'), syntheticTrainingSet({ seed: 3, perClass: Object.fromEntries(CLASSES.map((c, k) => [c, 10 + 3 * k])) }));
  const sources = (await readSourceTable(td, { requireLabel: true })).sources;
  expected = await evaluatePipeline(sources, { cv: 4, nSamples: 3, seed: 4, workers: 1, classifier: { type: 'RandomForest', options: { nEstimators: 8 } } });
});

describe('muwclass evaluate', () => {
  it('is listed by --help', async () => {
    const c = captureCli();
    expect(await runCli(['--help'], c.context)).toBe(0);
    expect(c.out()).toMatch(/evaluate\s+cross-validate the pipeline on a training set/);
    const h = captureCli();
    expect(await runCli(['evaluate', '--help'], h.context)).toBe(0);
    expect(h.out()).toMatch(/^Usage: muwclass evaluate --td <td.csv> \[--cv loo\|<k>\]/);
  });

  it("prints the paper's metrics on all and on CT >= 2 sources, per class, the confusion matrix and importances: evaluatePipeline's numbers", async () => {
    const r = await evaluate(['--td', td, '--cv', '4', ...FAST]);
    expect(r.code).toBe(0);
    const out = r.out;
    expect(out).toMatch(/^td\.csv: 164 sources, 8 classes; stratified 4-fold cross-validation, 3 Monte Carlo draws, 8 trees, seed 4\n/);
    const row = (label: string) => new RegExp(`\\n  ${label.replace(/[()]/g, '\\$&')} +(\\S+) +(\\S+)\\n`).exec(out)?.slice(1);
    const { all, confident } = expected;
    expect(row('sources')).toEqual([String(all.n), String(confident.n)]);
    expect(row('completeness (%)')).toEqual(['100.0', pct(confident.completeness)]);
    expect(row('balanced completeness (%)')).toEqual(['100.0', pct(confident.balancedCompleteness)]);
    expect(row('accuracy (%)')).toEqual([pct(all.accuracy), pct(confident.accuracy)]);
    expect(row('balanced accuracy (%)')).toEqual([pct(all.balancedAccuracy), pct(confident.balancedAccuracy)]);
    expect(row('macro F1 (%)')).toEqual([pct(all.f1), pct(confident.f1)]);
    expect(row('MCC (%)')).toEqual([pct(all.mcc), pct(confident.mcc)]);
    expect(row('macro ROC AUC')![0]).toBe(expected.roc.macroAuc.toFixed(3));
    // per class: one line per class with its support
    for (const [k, c] of CLASSES.entries()) expect(out).toMatch(new RegExp(`\\n  ${c} +${10 + 3 * k} `));
    // the confusion matrix: header of classes, then each true class's counts
    expect(out).toMatch(/Confusion matrix, all sources \(rows: true class, columns: predicted\):\n +AGN +CV +HM-STAR +HMXB +LM-STAR +LMXB +NS +YSO\n/);
    expected.confusion.counts.forEach((counts, i) => expect(out).toMatch(new RegExp(`\\n  ${CLASSES[i]} +${counts.join(' +')}\\n`)));
    expect(out).toMatch(/Feature importances \(mean ± std over 12 models\), top 10:\n/);
    expect(r.err).toBe('');
  });

  it('--json gives the same numbers as data', async () => {
    const r = await evaluate(['--td', td, '--cv', '4', '--json', ...FAST]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Record<string, any>;
    expect(json).toMatchObject({ trainingSet: 'td.csv', sources: 164, classes: CLASSES, cv: 4, nSamples: 3, resample: true, trees: 8, seed: 4, ctCut: 2, workers: 1 });
    expect(json.all).toMatchObject({ ...expected.all, macroAuc: expected.roc.macroAuc, completeness: 1 });
    const { macroAuc: _unused, ...confident } = json.confident as Record<string, number>;
    expect(confident).toEqual(JSON.parse(JSON.stringify(expected.confident)));
    expect(json.confusion).toEqual(expected.confusion.counts);
    expect(json.confusionConfident).toEqual(expected.confusionConfident.counts);
    expect(json.perClass).toHaveLength(8);
    expect(json.perClass[0]).toMatchObject({ class: 'AGN', support: 10 });
    expect(json.sweep).toHaveLength(51);
    expect(json.sweep[20].cut).toBe(2);
    expect(json.importances.features).toHaveLength(29);
    expect(json.importances.mean).toEqual(Array.from(expected.importances!.mean));
  });

  it('--svg-dir writes the five plots and -o every source\'s out-of-fold classification', async () => {
    const svgDir = path('plots/nested');
    const oof = path('oof.csv');
    const r = await evaluate(['--td', td, '--cv', '4', '--svg-dir', svgDir, '-o', oof, ...FAST]);
    expect(r.code).toBe(0);
    expect(readdirSync(svgDir).sort()).toEqual(['confusion-confident-precision.svg', 'confusion-confident-recall.svg', 'confusion-precision.svg', 'confusion-recall.svg', 'ct-sweep.svg']);
    for (const f of readdirSync(svgDir)) expect(readFileSync(join(svgDir, f), 'utf8')).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(readFileSync(join(svgDir, 'confusion-confident-recall.svg'), 'utf8')).toContain('CT ≥ 2');
    expect(r.err).toMatch(/wrote confusion-recall\.svg, .*, ct-sweep\.svg to .*nested\n/);
    const rows: Record<string, string>[] = [];
    for await (const rec of readCsv(oof)) rows.push({ ...rec.cells });
    expect(rows).toHaveLength(164);
    rows.forEach((row, i) => {
      expect(row.True_Class).toBe(expected.yTrue[i]);
      expect(row.Class).toBe(expected.result.predicted[i]);
      expect(parseNumberCell(row.CT)).toBe(expected.result.ct[i]);
    });
  });

  it('--mc 0 evaluates without Monte Carlo and says CT is not meaningful', async () => {
    const r = await evaluate(['--td', td, '--cv', '3', '--mc', '0', '--trees', '8', '--workers', '1', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Record<string, any>;
    expect(json).toMatchObject({ nSamples: 1, resample: false, cv: 3 });
    const table = await evaluate(['--td', td, '--cv', '3', '--mc', '0', '--trees', '8', '--workers', '1']);
    expect(table.out).toMatch(/no Monte Carlo resampling/);
    expect(table.out).toMatch(/no Monte Carlo: every e_P is 0, so CT separates only exact ties/);
  });

  it('--cv loo runs leave-one-out', async () => {
    const small = await writeSourcesCsv(path('small.csv'), syntheticTrainingSet({ seed: 5, perClass: Object.fromEntries(CLASSES.map((c) => [c, 6])) }));
    const r = await evaluate(['--td', small, '--cv', 'loo', '--mc', '1', '--trees', '4', '--workers', '1', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Record<string, any>;
    expect(json.cv).toBe('loo');
    expect(json.all.n).toBe(48);
  });

  it.each([
    [['--cv', '5'], /--td <td.csv> \(the training set\) is required/],
    [['--td', 't.csv', '--cv', '1'], /--cv needs an integer >= 2, got "1"/],
    [['--td', 't.csv', '--cv', 'ten'], /--cv needs an integer >= 2, got "ten"/],
    [['--td', 't.csv', '--ct-cut', 'two'], /--ct-cut needs a number, got "two"/],
    [['--td', 't.csv', '--json=yes'], /Option '--json' does not take an argument/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const r = await evaluate(argv);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/Usage: muwclass evaluate/);
    expect(r.code).toBe(2);
  });

  it('names the training set of an unknown class column, and rejects a single class', async () => {
    const r = await evaluate(['--td', td, '--class-column', 'Kind']);
    expect(r.err).toBe('muwclass evaluate: the class column "Kind" is not in the training set td.csv; name the column holding the classes with --class-column\n');
    expect(r.code).toBe(65);
    const one = await writeSourcesCsv(path('one.csv'), syntheticTrainingSet({ seed: 1, perClass: Object.fromEntries(CLASSES.map((c) => [c, c === 'YSO' ? 5 : 0])) }));
    const s = await evaluate(['--td', one]);
    expect(s.err).toBe('muwclass evaluate: the training set one.csv has a single class (YSO) in column "True_Class"; at least two classes are needed\n');
    expect(s.code).toBe(65);
  });

  it('reports more folds than sources', async () => {
    const r = await evaluate(['--td', td, '--cv', '200', ...FAST]);
    expect(r.err).toBe('muwclass evaluate: --cv 200: the training set allows an integer number of folds k with 2 ≤ k ≤ 164 (the number of rows), got 200\n');
    expect(r.code).toBe(65);
  });
});
