/**
 * Sharded runs (src/classify/shard.ts, shard-file.ts): for any number of shards and any order of the parts, the
 * merged result is bit-identical to `predict` on one machine; parts of another plan, missing, duplicate, corrupt
 * or of another version are refused with a message naming the part.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { MonteCarloClassifier } from '../../src/classify/monte-carlo';
import { mergeShards, runShard, shardUnits } from '../../src/classify/shard';
import { decodePart, decodePlan, encodePart, encodePlan, shardablePlan, type ShardPart } from '../../src/classify/shard-file';
import { createRng } from '../../src/core/random';
import { syntheticTrainingSet } from '../../src/io/synthetic';
import type { MonteCarloResult } from '../../src/classify/result';

const td = syntheticTrainingSet({ seed: 1, perClass: { AGN: 10, YSO: 8, NS: 6, CV: 6, 'HM-STAR': 6, HMXB: 5, LMXB: 5, 'LM-STAR': 8 } });
const sources = syntheticTrainingSet({ seed: 2, namePrefix: 'FIELD J', perClass: { AGN: 4, YSO: 3, NS: 2, CV: 2, 'HM-STAR': 2, LMXB: 1 } });
// three E(B-V) bins, so units belong to different jobs
const ebv = sources.map((_, i) => [0.05, 0.6, 1.3][i % 3]!);
const mc = new MonteCarloClassifier({ nSamples: 5, seed: 'shard', workers: 1, classifier: { type: 'RandomForest', options: { nEstimators: 6 } } }).fit(td);

/** Every value of two results the same bit for bit (NaN equal to NaN). */
function expectIdentical(a: MonteCarloResult, b: MonteCarloResult): void {
  const same = (x: ArrayLike<number>, y: ArrayLike<number>) => x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));
  expect(same(a.mean.data, b.mean.data)).toBe(true);
  expect(same(a.std.data, b.std.data)).toBe(true);
  expect(same(a.ct, b.ct)).toBe(true);
  expect(same(a.classProbability, b.classProbability)).toBe(true);
  expect(same(a.classProbabilityError, b.classProbabilityError)).toBe(true);
  expect([...a.noFeatures]).toEqual([...b.noFeatures]);
  expect(a.predicted).toEqual(b.predicted);
}

/** A seeded shuffle. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rng = createRng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('shardUnits', () => {
  it('puts every unit in exactly one shard, for any number of shards', () => {
    for (const n of [0, 1, 7, 16, 33]) {
      for (const shards of [1, 2, 3, 5, 40]) {
        const all = Array.from({ length: shards }, (_, s) => shardUnits(n, s, shards)).flat().sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: n }, (_, u) => u));
      }
    }
  });
  it('refuses a shard outside 0…N-1', () => {
    expect(() => shardUnits(4, 4, 4)).toThrow(/shard 4 is not in 0…3/);
    expect(() => shardUnits(4, 0, 0)).toThrow(/integer >= 1/);
  });
});

describe('runShard and mergeShards', async () => {
  const whole = await mc.predict(sources, { ebv });
  const plan = decodePlan(encodePlan(shardablePlan(mc.planPredict(sources, { ebv }), { note: 'test' })), 'plan.json');
  const nUnits = plan.run.plan.units.length;

  it('the plan has several jobs and units', () => {
    expect(plan.run.plan.jobs.length).toBe(3);
    expect(nUnits).toBe(15);
  });

  it('merges to the one-machine result bit for bit, for any N and any order of the parts (through the part files)', async () => {
    // every unit computed once; a shard's part is a selection of them (runShard runs the same kernel)
    for (const shards of [1, 2, 3, 4, 7, 15, 20]) {
      const parts: ShardPart[] = [];
      for (let s = 0; s < shards; s++) parts.push(decodePart(encodePart(await runShard(plan, s, shards)), `part-${s}`));
      for (const seed of [1, 2, 3]) {
        const merged = mergeShards(plan, shuffled(parts, seed * 100 + shards));
        expectIdentical(merged, whole);
        expect(merged.bins?.ebv).toEqual(whole.bins?.ebv);
      }
    }
  });

  it('property: any N from 1 to 40 (beyond the units: empty shards), any permutation of the parts', async () => {
    // every unit once (one shard of one); a shard of N is the selection shardUnits makes, through the part files
    const all = await runShard(plan, 0, 1);
    const partsOf = (shards: number): ShardPart[] =>
      Array.from({ length: shards }, (_, s) => {
        const units = shardUnits(nUnits, s, shards);
        return decodePart(encodePart({ planHash: plan.hash, shard: s, shards, units, results: units.map((u) => all.results[u]!) }), `part-${s}`);
      });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(fc.constant(n), fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }))),
        ([n, order]) => {
          const parts = partsOf(n);
          expectIdentical(mergeShards(plan, order.map((i) => parts[i]!)), whole);
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });

  describe('refuses parts that do not make the run', async () => {
    const parts = [0, 1, 2].map((s) => runShard(plan, s, 3));
    const [p0, p1, p2] = await Promise.all(parts);
    const names = ['part-0', 'part-1', 'part-2'];
    it('a missing shard', () => {
      expect(() => mergeShards(plan, [p0!, p2!], { names: ['part-0', 'part-2'] })).toThrow(/missing shard 1\/3 \(2 of 3 parts given\)/);
    });
    it('a shard given twice, naming both files', () => {
      expect(() => mergeShards(plan, [p0!, p1!, p1!, p2!], { names: ['part-0', 'part-1', 'copy-of-1', 'part-2'] })).toThrow(/shard 1\/3 is given twice: part-1 and copy-of-1/);
    });
    it('a part of another plan (hash mismatch), naming it', async () => {
      const other = shardablePlan(mc.planPredict(sources, { ebv: 0.2 }));
      expect(other.hash).not.toBe(plan.hash);
      const foreign = await runShard(other, 1, 3);
      expect(() => mergeShards(plan, [p0!, foreign, p2!], { names })).toThrow(/part-1 belongs to another plan/);
    });
    it('parts of different numbers of shards', async () => {
      const of4 = await runShard(plan, 1, 4);
      expect(() => mergeShards(plan, [p0!, of4, p2!], { names })).toThrow(/part-1 is shard 1\/4, part-0 is of 3 shards/);
    });
    it('a part whose units are not its shard', () => {
      const wrong = { ...p1!, units: p1!.units.slice(1), results: p1!.results.slice(1) };
      expect(() => mergeShards(plan, [p0!, wrong, p2!], { names })).toThrow(/part-1 does not hold the units of shard 1\/3/);
    });
  });

  describe('part files', async () => {
    const part = await runShard(plan, 1, 2);
    const bytes = encodePart(part);
    it('come back exactly', () => {
      const back = decodePart(bytes, 'part-1');
      expect(back.planHash).toBe(plan.hash);
      expect(back.units).toEqual(part.units);
      back.results.forEach((r, i) => {
        expect(r.draws).toEqual(part.results[i]!.draws);
        expect(Buffer.from(r.mean.buffer).equals(Buffer.from(part.results[i]!.mean.buffer))).toBe(true);
        expect(Buffer.from(r.m2.buffer).equals(Buffer.from(part.results[i]!.m2.buffer))).toBe(true);
      });
    });
    it('a flipped bit, a truncated file, another version or another format are named', () => {
      const flipped = bytes.slice();
      flipped[flipped.length - 3]! ^= 1;
      expect(() => decodePart(flipped, 'parts/part-1')).toThrow(/corrupt part file: its data does not match its checksum \(in parts\/part-1\)/);
      expect(() => decodePart(bytes.subarray(0, bytes.length - 8), 'part-1')).toThrow(/truncated part file: .* \(in part-1\)/);
      expect(() => decodePart(bytes.subarray(0, 20), 'part-1')).toThrow(/truncated part file.*\(in part-1\)/);
      const text = new TextDecoder().decode(bytes.subarray(12, 60));
      const v2 = bytes.slice();
      v2.set(new TextEncoder().encode(text.replace('"version":1', '"version":2')), 12);
      expect(() => decodePart(v2, 'part-1')).toThrow(/part file version 2; this muwclass reads version 1 .*\(in part-1\)/);
      expect(() => decodePart(new TextEncoder().encode(encodePlan(plan)), 'plan.json')).toThrow(/not a muwclass part file .*\(in plan.json\)/);
    });
  });

  describe('plan files', () => {
    const text = encodePlan(plan);
    it('keep NaN, -0 and every typed array bit for bit, and the hash', () => {
      const back = decodePlan(text, 'plan.json');
      expect(back.hash).toBe(plan.hash);
      expect(back.meta).toEqual({ note: 'test' });
      const cols = plan.run.plan.td;
      expect(Object.keys(back.run.plan.td)).toEqual(Object.keys(cols));
      expect(back.run.plan.td.Gmag.some((x) => Number.isNaN(x))).toBe(true);
      expect(Buffer.from(back.run.plan.td.Gmag.buffer).equals(Buffer.from(cols.Gmag.buffer))).toBe(true);
      expect(back.run.plan.jobs[1]!.rows).toBeInstanceOf(Int32Array);
      expect(back.run.plan.jobs[1]!.model).toEqual(plan.run.plan.jobs[1]!.model);
    });
    it('an edited body, another version, another format or broken JSON are named', () => {
      const edited = text.replace('"errorScale":', '"errorScale":2,"x":');
      expect(() => decodePlan(edited, 'plan.json')).toThrow(/corrupt plan file: its body does not match its hash .*\(in plan.json\)/);
      expect(() => decodePlan(text.replace('"version":1', '"version":7'), 'plan.json')).toThrow(/plan file version 7; this muwclass reads version 1/);
      expect(() => decodePlan('{"a":1}', 'x.json')).toThrow(/not a muwclass plan file .*\(in x.json\)/);
      expect(() => decodePlan(text.slice(0, 1000), 'plan.json')).toThrow(/corrupt plan file: not JSON .*\(in plan.json\)/);
    });
    it('a plan with functions cannot be written', () => {
      const custom = new MonteCarloClassifier({ nSamples: 1, workers: 1, classifier: () => ({}) as never }).fit(td);
      expect(() => shardablePlan(custom.planPredict(sources.slice(0, 2), { ebv: 0.1 }))).toThrow(/needs specs and built-in feature names/);
    });
  });
});
