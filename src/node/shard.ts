/**
 * Plan and part files of a sharded Monte Carlo run, by path: thin wrappers of `encodePlan` / `decodePlan` and
 * `encodePart` / `decodePart` (see `muwclass/classify`). Writes are atomic (a temporary file renamed into place,
 * see `writeFileAtomically`), so a shard that dies leaves no part behind, never half of one; every read error names the file.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';

import { decodePart, decodePlan, encodePart, encodePlan, type ShardablePlan, type ShardPart } from '../classify/shard-file';
import { fileErrorOf } from './files';
import { writeFileAtomically } from './output';

/** Options of {@link writePlanFile} and {@link writePartFile}. */
export interface ShardFileWriteOptions {
  /** Stops the write: the temporary file is removed and the promise rejects with `CancelledError`. */
  readonly signal?: AbortSignal;
  /** The option that named the file, for messages (e.g. `-o`). */
  readonly option?: string;
}

async function bytesOf(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw fileErrorOf(path, error, 'read');
  }
}

/**
 * Writes a plan file (JSON, atomically).
 *
 * @param path - the file
 * @param plan - from `shardablePlan`
 * @param options - `signal`, `option` (for messages)
 * @throws {FileError} when it cannot be written
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const td = syntheticTrainingSet({ seed: 1 });
 * const mc = new MonteCarloClassifier({ nSamples: 2, workers: 1, classifier: { type: 'RandomForest', options: { nEstimators: 4 } } }).fit(td);
 * const file = join(tmpdir(), 'muwclass-doc-plan.json');
 * await writePlanFile(file, shardablePlan(mc.planPredict(td.slice(0, 5), { ebv: 0.1 })));
 * const plan = await readPlanFile(file);
 * await writePartFile(`${file}.part-0`, await runShard(plan, 0, 2));
 * await writePartFile(`${file}.part-1`, await runShard(plan, 1, 2));
 * const parts = [await readPartFile(`${file}.part-1`), await readPartFile(`${file}.part-0`)];
 * mergeShards(plan, parts).predicted.length; // => 5
 * await readPlanFile(`${file}.part-0`); // throws ParseError: not JSON
 * ```
 */
export async function writePlanFile(path: string, plan: ShardablePlan, options: ShardFileWriteOptions = {}): Promise<void> {
  await writeFileAtomically(path, [encodePlan(plan)], options);
}

/**
 * Reads a plan file, checking its format, version and hash.
 *
 * @param path - the file
 * @returns the plan
 * @throws {FileError} when it cannot be read
 * @throws {ParseError} naming the file: not a plan file, another version, corrupt
 */
export async function readPlanFile(path: string): Promise<ShardablePlan> {
  return decodePlan(await bytesOf(path), path);
}

/**
 * Writes a part file (binary, atomically).
 *
 * @param path - the file
 * @param part - from `runShard`
 * @param options - `signal`, `option` (for messages)
 * @throws {FileError} when it cannot be written
 */
export async function writePartFile(path: string, part: ShardPart, options: ShardFileWriteOptions = {}): Promise<void> {
  await writeFileAtomically(path, [encodePart(part)], options);
}

/**
 * Reads a part file, checking its signature, version, length and checksum.
 *
 * @param path - the file
 * @returns the part
 * @throws {FileError} when it cannot be read
 * @throws {ParseError} naming the file: not a part file, another version, truncated, corrupt
 */
export async function readPartFile(path: string): Promise<ShardPart> {
  return decodePart(await bytesOf(path), path);
}
