import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../../src/cli/main';
import { monteCarloOptionsFrom } from '../../src/cli/pipeline-options';
import { BALANCED_PRESET, PAPER_PRESET } from '../../src/classify/presets';
import { evaluatePipeline, readSourceTable } from '../../src/node';
import { syntheticTrainingSet, SYNTHETIC_CLASSES } from '../../src/io/synthetic';
import { captureCli } from '../helpers/cli';
import { writeSourcesCsv } from '../helpers/training-csv';

const dir = mkdtempSync(join(tmpdir(), 'muwclass-preset-'));
let td: string;

beforeAll(async () => {
  td = await writeSourcesCsv(join(dir, 'td.csv'), syntheticTrainingSet({ seed: 3, perClass: Object.fromEntries(SYNTHETIC_CLASSES.map((c, k) => [c, 10 + 3 * k])) }));
});

describe('--preset and --errorless-magnitudes (classify and evaluate)', () => {
  it('map to the exported presets and the errorlessMagnitudes option; --trees still sets the forest', () => {
    const paper = monteCarloOptionsFrom({});
    expect(paper.oversampler).toEqual(PAPER_PRESET.options.oversampler);
    expect(paper.priorCorrection).toBe(0);
    expect(paper.errorlessMagnitudes).toBe('missing');
    const balanced = monteCarloOptionsFrom({ preset: 'balanced', trees: '7', 'errorless-magnitudes': 'keep' });
    expect(balanced.oversampler).toBe(false);
    expect(balanced.priorCorrection).toBe(BALANCED_PRESET.options.priorCorrection);
    expect(balanced.classifier).toEqual({ type: 'RandomForest', options: { nEstimators: 7 } });
    expect(balanced.errorlessMagnitudes).toBe('keep');
    expect(() => monteCarloOptionsFrom({ preset: 'best' })).toThrow(/--preset must be one of paper, balanced, got "best"/);
    expect(() => monteCarloOptionsFrom({ 'errorless-magnitudes': 'drop' })).toThrow(/--errorless-magnitudes must be missing or keep/);
  });

  it('evaluate --preset balanced prints evaluatePipeline({ ...BALANCED_PRESET.options }) numbers', async () => {
    const sources = (await readSourceTable(td, { requireLabel: true })).sources;
    const expected = await evaluatePipeline(sources, { ...BALANCED_PRESET.options, cv: 4, nSamples: 3, seed: 4, workers: 1, classifier: { type: 'RandomForest', options: { nEstimators: 8 } } });
    const paper = await evaluatePipeline(sources, { cv: 4, nSamples: 3, seed: 4, workers: 1, classifier: { type: 'RandomForest', options: { nEstimators: 8 } } });
    const c = captureCli();
    expect(await runCli(['evaluate', '--td', td, '--cv', '4', '--mc', '3', '--trees', '8', '--seed', '4', '--workers', '1', '--preset', 'balanced'], c.context)).toBe(0);
    const accuracy = /\n {2}accuracy \(%\) +(\S+) +(\S+)\n/.exec(c.out())!.slice(1);
    expect(accuracy).toEqual([(100 * expected.all.accuracy).toFixed(1), (100 * expected.confident.accuracy).toFixed(1)]);
    // the preset changes the result (so the test could fail)
    expect(Array.from(expected.result.mean.data)).not.toEqual(Array.from(paper.result.mean.data));
  });
});
