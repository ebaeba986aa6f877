import { describe, expect, it } from 'vitest';

import { DEFAULT_MEMBER_GROUPS, findTrainingMembers, leaveOutMembers } from '../../src/classify/training-members';
import { MonteCarloClassifier, type MonteCarloOptions } from '../../src/classify/monte-carlo';
import type { Job } from '../../src/classify/engine';
import { syntheticTrainingSet } from '../../src/io/synthetic';
import { InvalidArgumentError, InvalidValueError } from '../../src/core/errors';
import { FeatureSet } from '../../src/features/feature-set';
import { flagMissing } from '../../src/features/missing';
import { KNearestNeighbors } from '../../src/ml/k-nearest-neighbors';
import { MonteCarloClassifier as NodeMonteCarloClassifier } from '../../src/node';

describe('findTrainingMembers', () => {
  const training = { names: ['A', 'B', 'C'], ra: [10, 20, 30], dec: [0, 0, -89.99] };

  it('matches by name (trimmed), -1 for the others', () => {
    expect(Array.from(findTrainingMembers({ names: [' C', 'X', 'A', 'B', 'a'] }, training))).toEqual([2, -1, 0, 1, -1]);
  });

  it('with a position tolerance (arcsec) also needs the positions to agree', () => {
    const sources = { names: ['A', 'B', 'C', 'A'], ra: [10, 20 + 0.5 / 3600, 30.0, Number.NaN], dec: [0.9 / 3600, 0, -89.99 + 2 / 3600, 0] };
    expect(Array.from(findTrainingMembers(sources, training, { positionTolerance: 1 }))).toEqual([0, 1, -1, -1]);
    expect(Array.from(findTrainingMembers(sources, training, { positionTolerance: 3 }))).toEqual([0, 1, 2, -1]);
  });

  it('rejects a bad tolerance, a tolerance without positions, and duplicate training names', () => {
    expect(() => findTrainingMembers({ names: ['A'] }, training, { positionTolerance: -1 })).toThrow(InvalidArgumentError);
    expect(() => findTrainingMembers({ names: ['A'] }, training, { positionTolerance: 1 })).toThrow(/needs the positions/);
    expect(() => findTrainingMembers({ names: ['A'] }, { names: ['A', 'B', 'A'] })).toThrow(InvalidValueError);
    expect(() => findTrainingMembers({ names: ['A'] }, { names: ['A', 'B', 'A'] })).toThrow(/rows 0 and 2 share the name "A"/);
  });
});

describe('leaveOutMembers', () => {
  const jobs: Job[] = [
    { key: 0, rows: Int32Array.of(0, 1, 2, 3), excludeFromTraining: false, model: null },
    { key: 1, rows: Int32Array.of(4, 5, 6, 7, 8, 9), excludeFromTraining: false, model: null },
  ];
  const members = Int32Array.of(-1, 40, -1, 41, 42, 43, -1, 44, 45, 46);

  it('puts every member in a job that leaves out its training row, keeps non-members in their job and key', () => {
    const out = leaveOutMembers(jobs, members, 3, 'seed');
    const seen = new Int32Array(members.length);
    for (const job of out) {
      for (const r of job.rows) {
        seen[r]!++;
        if (members[r]! >= 0) expect(Array.from(job.leaveOut!)).toContain(members[r]);
        else expect(job.leaveOut).toBeUndefined();
      }
      // a job leaves out exactly its own members' training rows
      if (job.leaveOut !== undefined) expect(Array.from(job.leaveOut).sort()).toEqual(Array.from(job.rows, (r) => members[r]!).sort());
    }
    expect(Array.from(seen)).toEqual(new Array(members.length).fill(1));
    expect(out.filter((j) => j.leaveOut === undefined).map((j) => [j.key, Array.from(j.rows)])).toEqual([
      [0, [0, 2]],
      [1, [6]],
    ]);
    // at most 3 groups per job, each member in the same group in every job; keys are unique
    expect(out.length).toBeLessThanOrEqual(2 + 2 * 3);
    expect(new Set(out.map((j) => j.key)).size).toBe(out.length);
  });

  it('is reproducible for a seed, gives one job per member with groups >= members, and nothing to do without members', () => {
    expect(leaveOutMembers(jobs, members, 3, 's')).toEqual(leaveOutMembers(jobs, members, 3, 's'));
    const loo = leaveOutMembers(jobs, members, 100, 's').filter((j) => j.leaveOut !== undefined);
    expect(loo.length).toBe(7);
    for (const j of loo) expect(j.rows.length).toBe(1);
    expect(leaveOutMembers(jobs, new Int32Array(10).fill(-1), 3, 's')).toEqual(jobs);
    expect(() => leaveOutMembers(jobs, members, 0, 's')).toThrow(/memberGroups must be an integer >= 1/);
    expect(DEFAULT_MEMBER_GROUPS).toBe(10);
  });
});

describe('MonteCarloClassifier.predict with training-set members', () => {
  const td = syntheticTrainingSet({ seed: 21 });
  // a 1-nearest-neighbour classifier on the measured values: a member classified by a model that saw it gets
  // its own label with probability 1; left out, it gets its nearest other neighbour's label
  const options: MonteCarloOptions = { nSamples: 1, resample: false, oversampler: false, reddenAgn: false, workers: 1, classifier: { type: 'KNearestNeighbors', options: { k: 1 } } };
  const sources = [...td.slice(0, 30), ...syntheticTrainingSet({ seed: 22, namePrefix: 'FIELD J' }).slice(0, 5)];
  const members = findTrainingMembers({ names: sources.map((s) => s.name) }, { names: td.map((s) => s.name) });

  it('classifies each member by models trained without it (the leave-one-out class), flags the members', async () => {
    const mc = new MonteCarloClassifier(options).fit(td);
    const inSample = await mc.predict(sources);
    const left = await mc.predict(sources, { trainingMembers: members, memberGroups: 4 });
    expect(Array.from(left.trainingMember!)).toEqual([...new Array(30).fill(1), ...new Array(5).fill(0)]);
    expect(inSample.trainingMember).toBeUndefined();
    // the features as the pipeline builds them without resampling (Fb = Fs + Fm + Fh)
    const features = FeatureSet.paper();
    const X = flagMissing(features.build(td.map((s) => ({ ...s, Fb: s.Fs + s.Fm + s.Fh }))));
    const p = X.nCols;
    for (let i = 0; i < 30; i++) {
      expect(inSample.predicted[i]).toBe(td[i]!.label);
      const rows = td.map((_, r) => r).filter((r) => r !== i);
      const data = new Float64Array(rows.length * p);
      rows.forEach((r, a) => data.set(X.data.subarray(r * p, (r + 1) * p), a * p));
      const knn = new KNearestNeighbors({ k: 1 }).fit({ data, nRows: rows.length, nCols: p }, rows.map((r) => td[r]!.label!));
      expect(left.predicted[i]).toBe(knn.predict({ data: X.data.slice(i * p, (i + 1) * p), nRows: 1, nCols: p })[0]);
    }
    // some member's leave-one-out class differs from its label (otherwise the test could not fail)
    expect(left.predicted.slice(0, 30).some((c, i) => c !== td[i]!.label)).toBe(true);
    // non-members are classified as without the option
    expect(left.predicted.slice(30)).toEqual(inSample.predicted.slice(30));
  });

  it('gives bit-identical output on 1 and 2 worker threads, with members left out and prior correction, reddened per bin', async () => {
    const o: MonteCarloOptions = { nSamples: 3, seed: 9, priorCorrection: 0.4, classifier: { type: 'RandomForest', options: { nEstimators: 6 } } };
    const ebv = sources.map((_, i) => (i % 3) * 0.2);
    const one = await new NodeMonteCarloClassifier({ ...o, workers: 1 }).fit(td).predict(sources, { ebv, trainingMembers: members });
    const two = await new NodeMonteCarloClassifier({ ...o, workers: 2 }).fit(td).predict(sources, { ebv, trainingMembers: members });
    expect(Array.from(two.mean.data)).toEqual(Array.from(one.mean.data));
    expect(Array.from(two.ct)).toEqual(Array.from(one.ct));
    const again = await new MonteCarloClassifier({ ...o, workers: 1 }).fit(td).predict(sources, { ebv, trainingMembers: members });
    expect(Array.from(again.mean.data)).toEqual(Array.from(one.mean.data));
  });

  it('checks trainingMembers', async () => {
    const mc = new MonteCarloClassifier(options).fit(td);
    await expect(mc.predict(sources, { trainingMembers: [1, 2] })).rejects.toThrow(/trainingMembers has 2 values for 35 sources/);
    await expect(mc.predict(sources.slice(0, 1), { trainingMembers: [td.length] })).rejects.toThrow(InvalidValueError);
  });
});
