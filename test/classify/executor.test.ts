/**
 * Executors of a Monte Carlo plan: in-process (any runtime) and Node worker threads (`muwclass/node`) run the
 * same kernel, `runUnit`, so they give the same numbers bit for bit; cancellation and errors inside a worker
 * reach the caller as muwclass errors of the right class.
 */
import { describe, expect, it, vi } from 'vitest';

import { inProcessExecutor, type MonteCarloExecutor } from '../../src/classify/executor';
import { MonteCarloClassifier, type MonteCarloOptions, type MonteCarloPrediction } from '../../src/classify/monte-carlo';
import { planUnits, runUnit, type MonteCarloPlan } from '../../src/classify/plan';
import type { Job, UnitResult } from '../../src/classify/engine';
import { CancelledError, InvalidArgumentError, MuwclassError } from '../../src/core/errors';
import { FeatureSet } from '../../src/features/feature-set';
import { toSourceColumns } from '../../src/io/source-columns';
import { syntheticTrainingSet } from '../../src/io/synthetic';
import { RandomForest } from '../../src/ml/random-forest';
import { reddeningModel } from '../../src/reddening/redden';
import { MonteCarloClassifier as NodeMonteCarloClassifier, workerThreadsExecutor } from '../../src/node';

const td = syntheticTrainingSet({ seed: 21 });
const field = syntheticTrainingSet({ seed: 22, labelled: false }).slice(0, 24);
const ebv = field.map((_, i) => [0, 0.2, 0.9][i % 3]!);
const options: MonteCarloOptions = { nSamples: 4, seed: 9, classifier: { type: 'RandomForest', options: { nEstimators: 6 } } };

/** The outputs that must not depend on the executor, as JSON (every double written exactly). */
const fingerprint = (r: MonteCarloPrediction): string =>
  JSON.stringify({ mean: Array.from(r.mean.data), std: Array.from(r.std.data), ct: Array.from(r.ct), predicted: r.predicted, classes: r.classes });

/** Runs every unit of a plan through an executor; returns each unit's results by unit index. */
async function runAll(executor: MonteCarloExecutor, plan: MonteCarloPlan): Promise<UnitResult[]> {
  const out: UnitResult[] = [];
  await executor.run(plan, (unit, result) => {
    expect(out[unit]).toBeUndefined(); // every unit once
    out[unit] = result;
  });
  return out;
}

/** A plan of plain data built by hand: two E(B-V) jobs of the field, three draws each, one draw per unit. */
function handPlan(overrides: Partial<MonteCarloPlan> = {}): MonteCarloPlan {
  const labels = td.map((s) => s.label!);
  const jobs: Job[] = [
    { key: 0, rows: Int32Array.from({ length: 12 }, (_, i) => i), excludeFromTraining: false, model: null },
    { key: 1, rows: Int32Array.from({ length: 12 }, (_, i) => 12 + i), excludeFromTraining: false, model: reddeningModel(0.4) },
  ];
  return {
    td: toSourceColumns(td),
    labels,
    redden: Uint8Array.from(labels, (l) => (l === 'AGN' ? 1 : 0)),
    field: toSourceColumns(field),
    classes: [...new Set(labels)].sort(),
    features: FeatureSet.paper().names,
    classifier: { type: 'RandomForest', options: { nEstimators: 5 } },
    oversampler: { type: 'Smote', options: { k: 4 } },
    resample: true,
    errorScale: Math.SQRT2,
    seed: 'executor-test',
    importances: true,
    keepDraws: true,
    jobs,
    units: planUnits(jobs.length, 3, 1),
    ...overrides,
  };
}

describe('executors give the same results bit for bit', () => {
  it('in-process, 2 worker threads and 1 worker thread: identical mean, std, CT and classes for the same seed', async () => {
    const inProcess = new MonteCarloClassifier({ ...options, executor: inProcessExecutor() }).fit(td);
    const two = new MonteCarloClassifier({ ...options, executor: workerThreadsExecutor({ workers: 2 }) }).fit(td);
    const one = new MonteCarloClassifier({ ...options, executor: workerThreadsExecutor({ workers: 1 }) }).fit(td);
    expect([inProcess, two, one].map((mc) => [mc.options.executor.name, mc.options.workers])).toEqual([
      ['in-process', 1],
      ['worker-threads', 2],
      ['worker-threads', 1],
    ]);
    const expected = fingerprint(await inProcess.predict(field, { ebv }));
    expect(fingerprint(await two.predict(field, { ebv }))).toBe(expected);
    expect(fingerprint(await one.predict(field, { ebv }))).toBe(expected);
    // and the default of a plain classifier with workers: 1 is the in-process executor, with the same result
    const plain = new MonteCarloClassifier({ ...options, workers: 1 }).fit(td);
    expect(plain.options.executor.name).toBe('in-process');
    expect(fingerprint(await plain.predict(field, { ebv }))).toBe(expected);
  });

  it('with units of several draws (20 draws: 2 per unit) merged pairwise: identical in-process and on 2 threads', async () => {
    const twenty = { ...options, nSamples: 20 };
    const a = await new MonteCarloClassifier({ ...twenty, executor: inProcessExecutor() }).fit(td).predict(field, { ebv });
    const b = await new MonteCarloClassifier({ ...twenty, executor: workerThreadsExecutor({ workers: 2 }) }).fit(td).predict(field, { ebv });
    expect(fingerprint(b)).toBe(fingerprint(a));
  });

  it('cross-validation too (the plan classifies training rows)', async () => {
    const folds = [0, 1, 2].map((k) => ({ test: td.flatMap((_, i) => (i % 3 === k ? [i] : [])) }));
    const cv = { ...options, nSamples: 2, reddenAgn: false };
    const a = await new MonteCarloClassifier({ ...cv, executor: inProcessExecutor() }).fit(td).crossValidate(folds);
    const b = await new MonteCarloClassifier({ ...cv, executor: workerThreadsExecutor({ workers: 2 }) }).fit(td).crossValidate(folds);
    expect(fingerprint(b)).toBe(fingerprint(a));
  });

  it('runUnit called directly gives each unit\'s results, as every executor does', async () => {
    const plan = handPlan();
    expect(plan.units).toHaveLength(6);
    const direct = plan.units.map((_, u) => runUnit(plan, u));
    const size = 12 * plan.classes.length;
    expect(direct.every((r) => r.draws.length === 1 && r.mean.length === size && r.proba![0]!.length === size && r.importances![0] !== undefined)).toBe(true);
    // a one-draw unit's mean is that draw's probabilities, with no spread
    expect(direct.every((r) => r.mean.every((p, q) => p === r.proba![0]![q]) && r.m2.every((v) => v === 0))).toBe(true);
    expect(runUnit(plan, plan.units[4]!)).toEqual(direct[4]); // a unit or its index
    expect(await runAll(inProcessExecutor(), plan)).toEqual(direct);
    expect(await runAll(workerThreadsExecutor({ workers: 2 }), plan)).toEqual(direct);
    expect(await runAll(workerThreadsExecutor({ workers: 1 }), handPlan())).toEqual(direct);
    // units of several draws give the same draws as units of one
    const chunked = handPlan({ units: planUnits(2, 3, 2) });
    const byDraw = (results: UnitResult[], units: MonteCarloPlan['units']): Record<string, Float64Array> =>
      Object.fromEntries(results.flatMap((r, u) => r.draws.map((d, i) => [`${units[u]!.job}:${d}`, r.proba![i]!])));
    expect(byDraw(await runAll(workerThreadsExecutor({ workers: 2 }), chunked), chunked.units)).toEqual(byDraw(direct, plan.units));
  });
});

describe('cancellation', () => {
  const executors: [string, () => MonteCarloExecutor][] = [
    ['in-process', () => inProcessExecutor()],
    ['worker threads', () => workerThreadsExecutor({ workers: 2 })],
  ];

  it.each(executors)('%s: an already aborted signal rejects with CancelledError before any unit runs', async (_, executor) => {
    let units = 0;
    const mc = new MonteCarloClassifier({ ...options, executor: executor(), onProgress: () => units++ }).fit(td);
    const e = await mc.predict(field, { ebv, signal: AbortSignal.abort() }).catch((error: unknown) => error);
    expect(e).toBeInstanceOf(CancelledError);
    expect(e).toBeInstanceOf(MuwclassError);
    expect((e as CancelledError).code).toBe('CANCELLED');
    expect(units).toBe(0);
  });

  it.each(executors)('%s: aborting mid-run rejects with CancelledError and runs no further unit', async (_, executor) => {
    const controller = new AbortController();
    const done: number[] = [];
    const mc = new MonteCarloClassifier({
      ...options,
      nSamples: 12,
      executor: executor(),
      onProgress: (p) => {
        done.push(p.done);
        controller.abort();
      },
    }).fit(td);
    const e = await mc.predict(field, { ebv: 0.1, signal: controller.signal }).catch((error: unknown) => error);
    expect(e).toBeInstanceOf(CancelledError);
    expect(done).toHaveLength(1);
    expect(done[0]!).toBeLessThan(12);
  });

  it.each(executors)('%s: the executor\'s own run fails with CancelledError on an aborted signal', async (_, executor) => {
    // (an async wrapper: the worker pool's run throws synchronously here instead of returning a rejected promise; reported)
    await expect(async () => executor().run(handPlan(), () => undefined, { signal: AbortSignal.abort() })).rejects.toThrow(CancelledError);
  });
});

describe('errors inside a worker', () => {
  /** The error of running a plan on an executor. */
  const failure = (executor: MonteCarloExecutor, plan: MonteCarloPlan): Promise<unknown> => runAll(executor, plan).then(
    () => {
      throw new Error('expected the run to fail');
    },
    (e: unknown) => e,
  );

  it.each([
    ['a unit of a job that is not in the plan', () => handPlan({ units: [{ job: 0, draws: [0] }, { job: 7, draws: [0] }] }), /runUnit: job 7 is not in the plan \(2 jobs\)/],
    ['a classifier type that does not exist', () => handPlan({ classifier: { type: 'Boosting' } as never }), /unknown classifier type "Boosting"/],
    ['an oversampler type that does not exist', () => handPlan({ oversampler: { type: 'Adasyn' } as never }), /Adasyn/],
  ])('%s: reaches the caller as the same InvalidArgumentError as in-process', async (_, plan, message) => {
    const local = await failure(inProcessExecutor(), plan());
    expect(local).toBeInstanceOf(InvalidArgumentError);
    expect((local as Error).message).toMatch(message);
    for (const workers of [1, 2]) {
      const remote = await failure(workerThreadsExecutor({ workers }), plan());
      expect(remote, `${workers} worker(s)`).toBeInstanceOf(InvalidArgumentError);
      expect(remote).toBeInstanceOf(MuwclassError);
      expect(remote).toMatchObject({ name: 'InvalidArgumentError', code: 'INVALID_ARGUMENT', message: (local as Error).message });
    }
  });

  it('a plan holding functions is refused by the worker executor, naming the fix', async () => {
    const plan = handPlan({ classifier: (seed) => new RandomForest({ nEstimators: 3, seed }) });
    await expect(workerThreadsExecutor({ workers: 2 }).run(plan, () => undefined)).rejects.toThrow(InvalidArgumentError);
    await expect(runAll(inProcessExecutor(), plan)).resolves.toHaveLength(6); // in-process runs it
  });

  it('an error thrown by the result callback stops the run and reaches the caller', async () => {
    const oops = new Error('callback failed');
    await expect(
      workerThreadsExecutor({ workers: 2 }).run(handPlan(), () => {
        throw oops;
      }),
    ).rejects.toBe(oops);
  });
});

describe('choosing an executor', () => {
  it('the pure MonteCarloClassifier with workers > 1 in Node throws InvalidArgumentError pointing to muwclass/node', () => {
    expect(typeof (globalThis as { Worker?: unknown }).Worker).toBe('undefined'); // Node has no Web Workers
    const e = (() => {
      try {
        new MonteCarloClassifier({ ...options, workers: 2 });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect((e as Error).message).toContain('muwclass/node');
  });

  it('the pure MonteCarloClassifier runs in-process by default where navigator.hardwareConcurrency exists but Worker does not (Node 21+)', () => {
    vi.stubGlobal('navigator', { hardwareConcurrency: 8 });
    try {
      const mc = new MonteCarloClassifier({ nSamples: 1 });
      expect([mc.options.executor.name, mc.options.workers]).toEqual(['in-process', 1]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('the muwclass/node MonteCarloClassifier defaults to worker threads, and to in-process for one worker or functions', () => {
    expect(new NodeMonteCarloClassifier({ ...options, workers: 2 }).options.executor).toMatchObject({ name: 'worker-threads', workers: 2 });
    expect(new NodeMonteCarloClassifier({ ...options, workers: 1 }).options.executor.name).toBe('in-process');
    const factory = new NodeMonteCarloClassifier({ ...options, classifier: (seed) => new RandomForest({ nEstimators: 3, seed }) });
    expect(factory.options.executor.name).toBe('in-process');
    expect(new NodeMonteCarloClassifier({ ...options, executor: inProcessExecutor(), workers: 4 }).options.executor.name).toBe('in-process');
  });

  it('workerThreadsExecutor rejects a worker count that is not an integer >= 1', () => {
    for (const workers of [0, -1, 1.5, Number.NaN]) expect(() => workerThreadsExecutor({ workers })).toThrow(InvalidArgumentError);
    expect(workerThreadsExecutor({ workers: 3 })).toMatchObject({ name: 'worker-threads', workers: 3, needsPortablePlan: true });
    expect(inProcessExecutor()).toMatchObject({ name: 'in-process', workers: 1, needsPortablePlan: false });
  });
});
