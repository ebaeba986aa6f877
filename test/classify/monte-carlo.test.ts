import { describe, expect, it } from 'vitest';

import { MonteCarloClassifier, type MonteCarloOptions } from '../../src/classify/monte-carlo';
import { monteCarloColumns, monteCarloRecords } from '../../src/classify/result';
import { confidenceThresholds } from '../../src/classify/confidence';
import { syntheticTrainingSet } from '../../src/io/synthetic';
import { MAGNITUDE_COLUMNS, type Source } from '../../src/io/schema';
import { RandomForest } from '../../src/ml/random-forest';
import { InvalidArgumentError, InvalidValueError, NotFittedError } from '../../src/core/errors';
import { stratifiedKFold } from '../../src/eval/folds';
import { MonteCarloClassifier as NodeMonteCarloClassifier } from '../../src/node';

const td = syntheticTrainingSet({ seed: 11 });
const field = syntheticTrainingSet({ seed: 12, namePrefix: 'FIELD J' }).filter((_, i) => i % 10 === 0);
const small: MonteCarloOptions = { nSamples: 4, seed: 5, workers: 1, classifier: { type: 'RandomForest', options: { nEstimators: 8 } } };
const ebv = field.map((_, i) => [0, 0.01, 0.3, 1.2][i % 4]!);

describe('MonteCarloClassifier', () => {
  it('gives mean probabilities that sum to 1, and CT, Class, Class_prob consistent with eq. 7', async () => {
    const r = await new MonteCarloClassifier({ ...small, keepDraws: true }).fit(td).predict(field, { ebv });
    const k = r.classes.length;
    expect(r.classes).toEqual([...new Set(td.map((s) => s.label!))].sort());
    for (let i = 0; i < field.length; i++) {
      let sum = 0;
      for (let c = 0; c < k; c++) sum += r.mean.data[i * k + c]!;
      expect(sum).toBeCloseTo(1, 12);
    }
    const { ct, best } = confidenceThresholds(r.mean, r.std);
    expect(Array.from(r.ct)).toEqual(Array.from(ct));
    best.forEach((b, i) => {
      expect(r.predicted[i]).toBe(r.classes[b]);
      expect(r.classProbability[i]).toBe(r.mean.data[i * k + b]);
      expect(r.classProbabilityError[i]).toBe(r.std.data[i * k + b]);
    });
  });

  it('accumulates the mean and population standard deviation of the draws', async () => {
    const r = await new MonteCarloClassifier({ ...small, keepDraws: true }).fit(td).predict(field, { ebv });
    expect(r.draws).toHaveLength(4);
    for (let q = 0; q < r.mean.data.length; q++) {
      const xs = r.draws!.map((d) => d.data[q]!);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
      expect(r.mean.data[q]).toBeCloseTo(mean, 14);
      expect(r.std.data[q]).toBeCloseTo(std, 14);
    }
  });

  it('is reproducible: the same seed gives identical output, another seed another one', async () => {
    const a = await new MonteCarloClassifier(small).fit(td).predict(field, { ebv });
    const b = await new MonteCarloClassifier(small).fit(td).predict(field, { ebv });
    const c = await new MonteCarloClassifier({ ...small, seed: 6 }).fit(td).predict(field, { ebv });
    expect(b).toEqual(a);
    expect(c.mean.data).not.toEqual(a.mean.data);
  });

  it('gives bit-identical output with 1 and 2 worker threads', async () => {
    const options = { ...small, nSamples: 3 };
    const one = await new MonteCarloClassifier({ ...options, workers: 1 }).fit(td).predict(field, { ebv });
    const mc = new NodeMonteCarloClassifier({ ...options, workers: 2 });
    expect(mc.options.executor.name).toBe('worker-threads');
    const two = await mc.fit(td).predict(field, { ebv });
    expect(Array.from(two.mean.data)).toEqual(Array.from(one.mean.data));
    expect(Array.from(two.std.data)).toEqual(Array.from(one.std.data));
    expect(Array.from(two.ct)).toEqual(Array.from(one.ct));
  }, 120_000);

  it('reddens per E(B-V) bin: one bin per occupied 0.025 mag interval', async () => {
    const r = await new MonteCarloClassifier(small).fit(td).predict(field, { ebv });
    expect(Array.from(r.bins!.lower)).toEqual([0, 0.3, 1.2].map((e) => Math.floor(e / 0.025 + 1e-9) * 0.025));
    expect(r.bins!.counts.reduce((a, b) => a + b, 0)).toBe(field.length);
    const flat = await new MonteCarloClassifier(small).fit(td).predict(field, { ebv: 0.3 });
    expect(flat.bins!.counts).toEqual(Int32Array.of(field.length));
  });

  it('never mutates the training set or the sources', async () => {
    const tdCopy = structuredClone(td);
    const fieldCopy = structuredClone(field);
    await new MonteCarloClassifier(small).fit(td).predict(field, { ebv });
    expect(td).toEqual(tdCopy);
    expect(field).toEqual(fieldCopy);
  });

  it('classifies a source with no multiwavelength counterpart', async () => {
    const lonely: Source = { ...field[0]!, name: 'no counterpart' };
    for (const c of MAGNITUDE_COLUMNS) Object.assign(lonely, { [c]: Number.NaN, [`e_${c}`]: Number.NaN });
    const r = await new MonteCarloClassifier(small).fit(td).predict([lonely], { ebv: 0.1 });
    expect(r.predicted).toHaveLength(1);
    expect(Number.isFinite(r.classProbability[0]!)).toBe(true);
    expect(r.classes).toContain(r.predicted[0]);
  });

  it('accepts a classifier factory and an oversampler switched off (in-process)', async () => {
    const mc = new MonteCarloClassifier({ nSamples: 2, seed: 1, oversampler: false, classifier: (seed) => new RandomForest({ nEstimators: 5, seed }) });
    expect(mc.options.workers).toBe(1);
    const r = await mc.fit(td).predict(field, { ebv: 0 });
    expect(r.mean.nRows).toBe(field.length);
  });

  it('without resampling, every draw of a deterministic classifier is the same: std = 0', async () => {
    const r = await new MonteCarloClassifier({ ...small, resample: false, oversampler: false, classifier: { type: 'KNearestNeighbors' } })
      .fit(td)
      .predict(field, { ebv: 0 });
    expect(Array.from(r.std.data).every((s) => s === 0)).toBe(true);
  });

  it('writes records with the paper\'s output columns', async () => {
    const r = await new MonteCarloClassifier(small).fit(td).predict(field.slice(0, 2), { ebv: 0 });
    const records = monteCarloRecords(r);
    expect(Object.keys(records[0]!)).toEqual(monteCarloColumns(r.classes));
    expect(monteCarloColumns(['AGN', 'YSO'])).toEqual(['P_AGN', 'e_P_AGN', 'P_YSO', 'e_P_YSO', 'Class', 'Class_prob', 'e_Class_prob', 'CT', 'No_features']);
    expect(records[0]!.Class).toBe(r.predicted[0]);
  });

  it('flags a source whose every feature is missing (No_features = 1), and only that one', async () => {
    const blank = { ...field[0]!, name: 'blank' } as Record<string, unknown>;
    for (const key of Object.keys(blank)) if (key !== 'name' && key !== 'ra' && key !== 'dec') blank[key] = Number.NaN;
    const r = await new MonteCarloClassifier(small).fit(td).predict([field[0]!, blank as unknown as Source, field[1]!], { ebv: 0 });
    expect(Array.from(r.noFeatures)).toEqual([0, 1, 0]);
    expect(monteCarloRecords(r).map((x) => x.No_features)).toEqual([0, 1, 0]);
  });

  it('merges units of many draws (Chan et al.) to the mean and spread of draw-by-draw merging, and the same for every executor', async () => {
    // 40 draws: units of 3 draws; the reference merges the kept draws one by one in draw order
    const many = { ...small, nSamples: 40, keepDraws: true };
    const r = await new MonteCarloClassifier(many).fit(td).predict(field.slice(0, 6), { ebv: 0 });
    const k = r.classes.length;
    for (let q = 0; q < r.mean.data.length; q++) {
      const xs = r.draws!.map((d) => d.data[q]!);
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
      expect(r.mean.data[q]).toBeCloseTo(m, 13);
      expect(r.std.data[q]).toBeCloseTo(sd, 13);
    }
    expect(r.mean.nCols).toBe(k);
  });

  it('reports progress up to the total', async () => {
    const seen: number[] = [];
    await new MonteCarloClassifier({ ...small, onProgress: (p) => seen.push(p.done) }).fit(td).predict(field, { ebv });
    expect(seen.at(-1)).toBe(3 * 4); // 3 bins x 4 draws
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('cross-validates out of fold, leaving each fold out of its training set', async () => {
    const folds = stratifiedKFold(td.map((s) => s.label!), 3, 1);
    const r = await new MonteCarloClassifier({ ...small, nSamples: 2, reddenAgn: false }).fit(td).crossValidate(folds);
    expect(r.mean.nRows).toBe(td.length);
    const accuracy = r.predicted.filter((c, i) => c === td[i]!.label).length / td.length;
    expect(accuracy).toBeGreaterThan(0.7); // the synthetic classes are well separated
    await expect(new MonteCarloClassifier(small).fit(td).crossValidate([{ test: [0, 1] }])).rejects.toThrow(/row 2 is in no group/);
  });
});

describe('MonteCarloClassifier errors', () => {
  it('names the bad option or input', async () => {
    expect(() => new MonteCarloClassifier({ nSamples: 0 })).toThrow(InvalidArgumentError);
    expect(() => new MonteCarloClassifier({ classifier: { type: 'Boosting' } as never })).toThrow(/unknown classifier type "Boosting"/);
    expect(() => new MonteCarloClassifier({ workers: 2, classifier: (seed) => new RandomForest({ seed }) })).toThrow(/cannot be sent to workers/);
    expect(() => new MonteCarloClassifier().fit([])).toThrow(/empty/);
    expect(() => new MonteCarloClassifier().fit(td.filter((s) => s.label === 'AGN'))).toThrow(/single class \(AGN\)/);
    expect(() => new MonteCarloClassifier().fit([{ ...td[0]!, label: undefined }, td[1]!])).toThrow(InvalidValueError);
    await expect(new MonteCarloClassifier(small).predict(field)).rejects.toThrow(NotFittedError);
    const mc = new MonteCarloClassifier(small).fit(td);
    await expect(mc.predict(field)).rejects.toThrow(/pass the sources' E\(B-V\)/);
    await expect(mc.predict(field, { ebv: -0.1 })).rejects.toThrow(/E\(B-V\) must be finite and >= 0/);
    await expect(mc.predict(field, { ebv: [0.1] })).rejects.toThrow(/ebv has 1 values/);
    await expect(mc.predict(field, { ebv: field.map((_, i) => (i === 2 ? -1 : 0.1)) })).rejects.toThrow(/row 2/);
  });
});

describe('MonteCarloClassifier without resampling (--mc 0)', () => {
  it('uses Fb = Fs + Fm + Fh, as every draw does, not the catalog Fb', async () => {
    const options: MonteCarloOptions = { ...small, nSamples: 1, resample: false, reddenAgn: false };
    const wrongFb = (s: Source): Source => ({ ...s, Fb: 10 * (s.Fs + s.Fm + s.Fh) });
    const a = await new MonteCarloClassifier(options).fit(td).predict(field);
    const b = await new MonteCarloClassifier(options).fit(td.map(wrongFb)).predict(field.map(wrongFb));
    expect(Array.from(b.mean.data)).toEqual(Array.from(a.mean.data));
  });
});
