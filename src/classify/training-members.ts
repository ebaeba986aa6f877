/**
 * Training-set members among the sources to classify. A source that is also in the training set would be
 * classified by models trained on itself; the paper reports such sources with their leave-one-out class
 * (Section 4). muwclass does the same in groups: the members are dealt at random (seeded) into `memberGroups`
 * groups, and each group is classified by models trained without that group's training rows — k-fold
 * cross-validation over the members, so every member is left out of every model that classifies it, while a
 * run trains `memberGroups` extra models per E(B−V) bin and draw instead of one per member. With
 * `memberGroups` equal to the number of members this is the paper's leave-one-out exactly; the default 10 leaves
 * out a tenth of the members at once (at most a tenth of the training set: the models see ≥ 90 % of it, against
 * all but one source in the paper's LOOCV).
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError } from '../core/errors';
import { createRng, randomInt, type Seed } from '../core/random';
import { angularSeparation } from '../field/angular-separation';
import type { Job } from './engine';

/** Options of {@link findTrainingMembers}. */
export interface TrainingMemberOptions {
  /**
   * When given, a source matching a training source by name is a member only if their positions also agree
   * within this radius (arcsec); a source or training source without a position then never matches. Default:
   * names alone.
   */
  readonly positionTolerance?: number;
}

/** Names and (optionally) positions, deg, of a list of sources. */
export interface NamedPositions {
  /** Source names. */
  readonly names: readonly string[];
  /** Right ascension of each source, deg (`NaN` if unknown). */
  readonly ra?: ArrayLike<number>;
  /** Declination of each source, deg (`NaN` if unknown). */
  readonly dec?: ArrayLike<number>;
}

/**
 * For each source, the row of the training source it is (same name, and with `positionTolerance` a position
 * within that radius), or −1. Names are compared exactly, after trimming. O(sources + training set).
 *
 * @param sources - names (and positions) of the sources to classify
 * @param training - names (and positions) of the training set
 * @param options - `positionTolerance` (arcsec)
 * @returns the training row of each source, −1 for a source outside the training set
 * @throws {InvalidArgumentError} for a negative or non-finite `positionTolerance`, or one without positions
 * @throws {InvalidValueError} when two training sources share a name (names the rows)
 * @example
 * ```ts
 * import { findTrainingMembers } from 'muwclass/classify';
 * const training = { names: ['A', 'B'], ra: [10, 20], dec: [0, 0] };
 * findTrainingMembers({ names: ['B', 'C', 'A'] }, training); // => Int32Array [1, -1, 0]
 * findTrainingMembers({ names: ['B'], ra: [20.001], dec: [0] }, training, { positionTolerance: 1 }); // => Int32Array [-1]
 * ```
 */
export function findTrainingMembers(sources: NamedPositions, training: NamedPositions, options: TrainingMemberOptions = {}): Int32Array {
  const tolerance = options.positionTolerance;
  if (tolerance !== undefined && !(Number.isFinite(tolerance) && tolerance >= 0)) {
    throw new InvalidArgumentError(`findTrainingMembers: positionTolerance must be a finite number of arcsec >= 0, got ${tolerance}`);
  }
  if (tolerance !== undefined && (sources.ra === undefined || sources.dec === undefined || training.ra === undefined || training.dec === undefined)) {
    throw new InvalidArgumentError('findTrainingMembers: positionTolerance needs the positions (ra, dec) of the sources and of the training set');
  }
  const rowOf = new Map<string, number>();
  training.names.forEach((name, row) => {
    const key = name.trim();
    const first = rowOf.get(key);
    if (first !== undefined) throw new InvalidValueError(`findTrainingMembers: training rows ${first} and ${row} share the name "${key}"`, { source: 'training set', row });
    rowOf.set(key, row);
  });
  return Int32Array.from(sources.names, (name, i) => {
    const row = rowOf.get(name.trim());
    if (row === undefined) return -1;
    if (tolerance === undefined) return row;
    const separation = angularSeparation(sources.ra![i]!, sources.dec![i]!, training.ra![row]!, training.dec![row]!) * 3600;
    return separation <= tolerance ? row : -1;
  });
}

/** The default number of member groups: 10, k-fold cross-validation over the training-set members. */
export const DEFAULT_MEMBER_GROUPS = 10;

/**
 * Splits jobs so that no training-set member is classified by a model trained on it: each job's members are
 * dealt into at most `groups` groups (a seeded shuffle of all members, then round robin, so a member's group
 * is the same in every job and draw), and each group becomes its own job whose models leave out that group's
 * training rows. Non-members stay in their job, with its key (so a run without members is unchanged). New
 * jobs get keys after every existing key. O(sources).
 *
 * @param jobs - the run's jobs (E(B−V) bins), rows indexing the sources
 * @param members - the training row of each source, −1 for none (from {@link findTrainingMembers})
 * @param groups - the most groups (≥ 1); a number ≥ the members gives leave-one-out
 * @param seed - the seed of the shuffle
 * @returns the jobs
 * @throws {InvalidArgumentError} for `groups` < 1 or not an integer
 * @internal
 */
export function leaveOutMembers(jobs: readonly Job[], members: ArrayLike<number>, groups: number, seed: Seed): Job[] {
  if (!Number.isInteger(groups) || groups < 1) throw new InvalidArgumentError(`leaveOutMembers: memberGroups must be an integer >= 1, got ${groups}`);
  const memberRows: number[] = [];
  for (let i = 0; i < members.length; i++) if (members[i]! >= 0) memberRows.push(i);
  if (memberRows.length === 0) return [...jobs];
  // Fisher–Yates shuffle of the members, then round robin into groups
  const rng = createRng(seed);
  for (let i = memberRows.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    [memberRows[i], memberRows[j]] = [memberRows[j]!, memberRows[i]!];
  }
  const groupOf = new Int32Array(members.length).fill(-1);
  memberRows.forEach((row, a) => (groupOf[row] = a % groups));
  let nextKey = jobs.reduce((m, j) => Math.max(m, j.key), -1) + 1;
  const out: Job[] = [];
  for (const job of jobs) {
    const plain: number[] = [];
    const byGroup: number[][] = Array.from({ length: groups }, () => []);
    for (const r of job.rows) {
      const g = groupOf[r]!;
      if (g < 0) plain.push(r);
      else byGroup[g]!.push(r);
    }
    if (plain.length > 0) out.push({ ...job, rows: Int32Array.from(plain) });
    for (const rows of byGroup) {
      if (rows.length === 0) continue;
      out.push({ ...job, key: nextKey++, rows: Int32Array.from(rows), leaveOut: Int32Array.from(rows, (r) => members[r]!) });
    }
  }
  return out;
}
