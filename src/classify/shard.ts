/**
 * Sharded Monte Carlo runs: a planned run (`MonteCarloClassifier.planPredict`) split into `N` shards that
 * separate processes or machines run independently ({@link runShard}), and the parts combined again
 * ({@link mergeShards}) into the result `predict` would have given, bit for bit. Shard `i` of `N` runs the plan's
 * units `i, i + N, i + 2N, …` (the units are draw-chunk major, so every shard gets a share of every job); each
 * part holds its units' summaries unmerged, and the merge adds every unit in the plan's order, so neither the
 * number of shards nor the order in which they finish changes a bit of the result.
 *
 * Files: `shard-file.ts` (plan and part files as text and bytes); `muwclass/node` reads and writes them by path.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import type { UnitResult } from './engine';
import { inProcessExecutor, type MonteCarloExecutor } from './executor';
import type { MonteCarloPrediction } from './monte-carlo';
import type { MonteCarloPlan } from './plan';
import { ProgressTracker, type ProgressCallback } from './progress';
import { accumulatorFor } from './result';
import type { ShardablePlan, ShardPart } from './shard-file';

function checkShard(where: string, shard: number, shards: number): void {
  if (!Number.isInteger(shards) || shards < 1) throw new InvalidArgumentError(`${where}: the number of shards must be an integer >= 1, got ${shards}`);
  if (!Number.isInteger(shard) || shard < 0 || shard >= shards) throw new InvalidArgumentError(`${where}: shard ${shard} is not in 0…${shards - 1}`);
}

/**
 * The units of shard `shard` of `shards`: `shard, shard + shards, …` below `nUnits`. Every unit is in exactly
 * one shard; a shard beyond the units is empty.
 *
 * @param nUnits - the plan's number of units
 * @param shard - the shard, 0 … `shards` − 1
 * @param shards - the number of shards, at least 1
 * @returns the unit indices, ascending
 * @throws {InvalidArgumentError} for a shard outside 0 … `shards` − 1
 * @example
 * ```ts
 * shardUnits(10, 1, 4); // => [1, 5, 9]
 * shardUnits(2, 3, 4);  // => []
 * ```
 */
export function shardUnits(nUnits: number, shard: number, shards: number): number[] {
  checkShard('shardUnits', shard, shards);
  const units: number[] = [];
  for (let u = shard; u < nUnits; u += shards) units.push(u);
  return units;
}

/** Options of {@link runShard}. */
export interface RunShardOptions {
  /** What runs the shard's units (default in-process; `workerThreadsExecutor` from `muwclass/node` for threads). */
  readonly executor?: MonteCarloExecutor;
  /** Called after each finished unit with the shard's draws done, total and ETA. */
  readonly onProgress?: ProgressCallback;
  /** Stops the run (rejects with `CancelledError`). */
  readonly signal?: AbortSignal;
}

/**
 * Runs one shard of a plan: its units (see {@link shardUnits}) on the executor, each summarised by `runUnit`.
 * Costs about `1/shards` of the whole run.
 *
 * @param plan - the shardable plan (`shardablePlan`, or `decodePlan` of a plan file)
 * @param shard - the shard, 0 … `shards` − 1
 * @param shards - the number of shards
 * @param options - executor, progress, signal
 * @returns the part: the plan's hash, the shard and its unit summaries
 * @throws {InvalidArgumentError} for a shard outside 0 … `shards` − 1
 * @throws {CancelledError} when the signal fires
 * @example
 * ```ts
 * const td = syntheticTrainingSet({ seed: 1 });
 * const mc = new MonteCarloClassifier({ nSamples: 3, seed: 7, workers: 1, classifier: { type: 'RandomForest', options: { nEstimators: 5 } } }).fit(td);
 * const sources = td.slice(0, 4);
 * const plan = shardablePlan(mc.planPredict(sources, { ebv: 0.3 }));
 * const parts = [];
 * for (const i of [2, 0, 1]) parts.push(await runShard(plan, i, 3)); // any order, any machine
 * const merged = mergeShards(plan, parts);
 * const whole = await mc.predict(sources, { ebv: 0.3 });
 * merged.mean.data.every((p, i) => Object.is(p, whole.mean.data[i])); // => true
 * ```
 */
export async function runShard(plan: ShardablePlan, shard: number, shards: number, options: RunShardOptions = {}): Promise<ShardPart> {
  const whole = plan.run.plan;
  const units = shardUnits(whole.units.length, shard, shards);
  const sub: MonteCarloPlan = { ...whole, units: units.map((u) => whole.units[u]!) };
  const results = new Array<UnitResult>(units.length);
  const progress = new ProgressTracker(
    sub.units.reduce((n, u) => n + u.draws.length, 0),
    options.onProgress,
  );
  const executor = options.executor ?? inProcessExecutor();
  if (units.length > 0) {
    await executor.run(
      sub,
      (i, result) => {
        results[i] = result;
        progress.advance(sub.units[i]!.draws.length);
      },
      options.signal === undefined ? {} : { signal: options.signal },
    );
  }
  return { planHash: plan.hash, shard, shards, units, results };
}

/** Options of {@link mergeShards}. */
export interface MergeShardsOptions {
  /** The name of each part (its file), in the order of the parts, for errors. */
  readonly names?: readonly string[];
}

/**
 * Combines the parts of every shard of a plan into the run's result: every unit's summary is added in the
 * plan's order, so the result is bit-identical to running the plan on one machine (`predict`), whatever the
 * number of shards and the order in which they finished. Memory: the parts plus two values per source and class.
 *
 * @param plan - the shardable plan the parts were computed from
 * @param parts - one part per shard, in any order
 * @param options - the parts' names, for errors
 * @returns the result, with the E(B−V) bins when the run reddened
 * @throws {InvalidArgumentError} naming the part: a part of another plan (hash mismatch), parts of different
 *   numbers of shards, a shard given twice, a missing shard, or a part whose units are not its shard's
 */
export function mergeShards(plan: ShardablePlan, parts: readonly ShardPart[], options: MergeShardsOptions = {}): MonteCarloPrediction {
  const name = (i: number): string => options.names?.[i] ?? `part ${i + 1}`;
  const { run } = plan;
  const nUnits = run.plan.units.length;
  if (parts.length === 0) throw new InvalidArgumentError('mergeShards: no parts given');
  parts.forEach((p, i) => {
    if (p.planHash !== plan.hash) {
      throw new InvalidArgumentError(`mergeShards: ${name(i)} belongs to another plan (its plan hash is ${p.planHash.slice(0, 12)}…, this plan's is ${plan.hash.slice(0, 12)}…)`);
    }
  });
  const shards = parts[0]!.shards;
  const byShard = new Map<number, number>();
  parts.forEach((p, i) => {
    if (p.shards !== shards) throw new InvalidArgumentError(`mergeShards: ${name(i)} is shard ${p.shard}/${p.shards}, ${name(0)} is of ${shards} shards`);
    checkShard(`mergeShards: ${name(i)}`, p.shard, p.shards);
    const seen = byShard.get(p.shard);
    if (seen !== undefined) throw new InvalidArgumentError(`mergeShards: shard ${p.shard}/${shards} is given twice: ${name(seen)} and ${name(i)}`);
    byShard.set(p.shard, i);
    const expected = shardUnits(nUnits, p.shard, shards);
    if (p.units.length !== expected.length || p.units.some((u, k) => u !== expected[k]) || p.results.length !== p.units.length) {
      throw new InvalidArgumentError(`mergeShards: ${name(i)} does not hold the units of shard ${p.shard}/${shards}`);
    }
  });
  const missing = Array.from({ length: shards }, (_, s) => s).filter((s) => !byShard.has(s));
  if (missing.length > 0) {
    throw new InvalidArgumentError(`mergeShards: missing ${missing.length === 1 ? 'shard' : 'shards'} ${missing.map((s) => `${s}/${shards}`).join(', ')} (${parts.length} of ${shards} parts given)`);
  }
  const k = run.plan.classes.length;
  const accumulator = accumulatorFor(run);
  for (let u = 0; u < nUnits; u++) {
    const i = byShard.get(u % shards)!;
    const result = parts[i]!.results[Math.floor(u / shards)]!;
    const unit = run.plan.units[u]!;
    const values = run.plan.jobs[unit.job]!.rows.length * k;
    if (result.mean.length !== values || result.m2.length !== values || result.draws.length !== unit.draws.length || result.draws.some((d, q) => d !== unit.draws[q])) {
      throw new InvalidArgumentError(`mergeShards: ${name(i)}: unit ${u} does not have the plan's shape (draws ${unit.draws.join(', ')}, ${values} values)`);
    }
    accumulator.add(unit.job, result);
  }
  const features = run.plan.features as readonly string[];
  const result = accumulator.result(features, run.noFeatures);
  return {
    ...result,
    ...(run.bins === undefined ? {} : { bins: run.bins }),
    ...(run.trainingMember === undefined ? {} : { trainingMember: run.trainingMember }),
  };
}
