import { describe, expect, it } from 'vitest';

import { evaluatePipeline } from '../../src/eval/pipeline';
import { syntheticTrainingSet } from '../../src/io/synthetic';
import { InvalidArgumentError } from '../../src/core/errors';

const td = syntheticTrainingSet({ seed: 21 });
const options = { cv: 4, nSamples: 3, seed: 2, workers: 1, classifier: { type: 'RandomForest', options: { nEstimators: 10 } } } as const;

describe('evaluatePipeline', () => {
  it('computes the metrics of the out-of-fold predictions, all and with CT >= 2', async () => {
    const ev = await evaluatePipeline(td, options);
    const y = td.map((s) => s.label!);
    expect(ev.yTrue).toEqual(y);
    expect(ev.folds).toHaveLength(4);
    const correct = ev.result.predicted.filter((c, i) => c === y[i]).length;
    expect(ev.all.accuracy).toBeCloseTo(correct / td.length, 14);
    const kept = Array.from(ev.result.ct).filter((ct) => ct >= 2).length;
    expect(ev.confident.completeness).toBeCloseTo(kept / td.length, 14);
    expect(ev.confident.n).toBe(kept);
    expect(ev.confusion.counts.flat().reduce((a, b) => a + b, 0)).toBe(td.length);
    expect(ev.confusionConfident.counts.flat().reduce((a, b) => a + b, 0)).toBe(kept);
    expect(ev.sweep[0]!.cut).toBe(0);
    expect(ev.sweep[20]!.n).toBe(kept);
    expect(ev.roc.macroAuc).toBeGreaterThan(0.9);
    expect(ev.importances!.count).toBe(4 * 3); // one model per fold and draw
    expect(ev.importances!.mean.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('is reproducible and rejects a bad cv', async () => {
    const a = await evaluatePipeline(td, { ...options, nSamples: 1 });
    const b = await evaluatePipeline(td, { ...options, nSamples: 1 });
    expect(b.all).toEqual(a.all);
    await expect(evaluatePipeline(td, { ...options, cv: 1 })).rejects.toThrow(InvalidArgumentError);
  });
});
