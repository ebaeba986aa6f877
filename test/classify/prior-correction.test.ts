import { describe, expect, it } from 'vitest';

import { priorCorrectionWeights } from '../../src/classify/prior-correction';
import { MonteCarloClassifier, type MonteCarloOptions } from '../../src/classify/monte-carlo';
import { syntheticTrainingSet } from '../../src/io/synthetic';
import { InvalidArgumentError } from '../../src/core/errors';

describe('priorCorrectionWeights', () => {
  it('is pi_c^-alpha scaled to a largest weight of 1', () => {
    const labels = ['A', 'A', 'A', 'A', 'A', 'A', 'B', 'B', 'C'];
    // pi = 6/9, 2/9, 1/9: weights (pi/pi_C)^-alpha
    expect(Array.from(priorCorrectionWeights(labels, ['A', 'B', 'C'], 1))).toEqual([1 / 6, 1 / 2, 1]);
    const half = priorCorrectionWeights(labels, ['A', 'B', 'C'], 0.5);
    expect(half[0]).toBeCloseTo(Math.sqrt(1 / 6), 15);
    expect(half[1]).toBeCloseTo(Math.sqrt(1 / 2), 15);
    expect(Array.from(priorCorrectionWeights(labels, ['A', 'B', 'C'], 0))).toEqual([1, 1, 1]);
  });

  it('rejects a negative alpha and a class without labels', () => {
    expect(() => priorCorrectionWeights(['A'], ['A'], -1)).toThrow(InvalidArgumentError);
    expect(() => priorCorrectionWeights(['A'], ['A', 'B'], 0.5)).toThrow(/class "B" is not among the labels/);
  });
});

describe('MonteCarloClassifier with priorCorrection', () => {
  const perClass = { AGN: 60, YSO: 30, 'LM-STAR': 10, 'HM-STAR': 8, NS: 6, LMXB: 6, CV: 6, HMXB: 6 };
  const td = syntheticTrainingSet({ seed: 31, perClass });
  const field = syntheticTrainingSet({ seed: 32, namePrefix: 'FIELD J' }).slice(0, 40);
  const options: MonteCarloOptions = { nSamples: 3, seed: 2, workers: 1, reddenAgn: false, oversampler: false, keepDraws: true, classifier: { type: 'RandomForest', options: { nEstimators: 10 } } };

  it('multiplies every draw\'s probabilities by the weights and renormalises them, before the mean and CT', async () => {
    const plain = await new MonteCarloClassifier(options).fit(td).predict(field);
    const corrected = await new MonteCarloClassifier({ ...options, priorCorrection: 0.7 }).fit(td).predict(field);
    const w = priorCorrectionWeights(td.map((s) => s.label!), plain.classes, 0.7);
    const k = plain.classes.length;
    for (let d = 0; d < 3; d++) {
      const p = plain.draws![d]!.data;
      const q = corrected.draws![d]!.data;
      for (let i = 0; i < field.length; i++) {
        let norm = 0;
        for (let c = 0; c < k; c++) norm += w[c]! * p[i * k + c]!;
        for (let c = 0; c < k; c++) expect(q[i * k + c]).toBeCloseTo((w[c]! * p[i * k + c]!) / norm, 14);
      }
    }
    // rare classes gain: the summed probability of the rarest classes grows
    const rare = ['CV', 'HMXB', 'LMXB', 'NS'].map((c) => plain.classes.indexOf(c));
    const sum = (m: Float64Array) => rare.reduce((a, c) => a + m.filter((_, j) => j % k === c).reduce((x, y) => x + y, 0), 0);
    expect(sum(corrected.mean.data)).toBeGreaterThan(sum(plain.mean.data));
    expect(() => new MonteCarloClassifier({ priorCorrection: -0.1 })).toThrow(/priorCorrection must be a finite number >= 0/);
  });
});
