/**
 * The growth options shared by every tree estimator (`DecisionTree`, `RandomForest`, `ExtraTrees`), their
 * defaults, and their validation.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import type { Seed } from '../core/random';
import { CRITERIA, type Criterion } from './criterion';
import type { TreeParams } from './tree-builder';

/**
 * Features drawn at every split: `'sqrt'` (⌊√p⌋, Breiman's and scikit-learn's default for forests), `'log2'`
 * (⌊log₂ p⌋), `'all'` (p: no feature sampling, as in CART), an integer count 1 … p, or a fraction in (0, 1)
 * (⌊f·p⌋, at least 1).
 */
export type MaxFeatures = 'sqrt' | 'log2' | 'all' | number;

/** Growth options of a tree (every one optional; defaults grow a tree until its leaves are pure). */
export interface TreeOptions {
  /** Impurity measure: `'gini'` (default, the paper's choice) or `'entropy'`. */
  readonly criterion?: Criterion;
  /** Features drawn at every split (default: `'sqrt'` for forests, `'all'` for a single tree). */
  readonly maxFeatures?: MaxFeatures;
  /** Maximum depth (default `null`: unlimited — grown until the leaves are pure). */
  readonly maxDepth?: number | null;
  /** A node with fewer (distinct) samples is not split (default 2, at least 2). */
  readonly minSamplesSplit?: number;
  /** Each child of a split keeps at least this many (distinct) samples (default 1). */
  readonly minSamplesLeaf?: number;
  /**
   * Histogram split search: candidate thresholds only between at most `maxBins` quantile bins per feature
   * (2 … 65536), each bin a run of consecutive distinct training values of roughly equal count, the
   * threshold the midpoint between two adjacent bins. Default `null`: exact search over every distinct
   * value (scikit-learn's). A feature with at most `maxBins` distinct values is searched exactly anyway.
   *
   * Trade (`npm run bench:forest-bins`, docs/performance-forest.md): on the paper's SMOTE-balanced training
   * set (11,120 x 29) a 100-tree forest fits 1.3x faster with `maxBins: 256` and 1.6x faster with `64`.
   * Cross-validated, those binned forests agree with the exact forest grown from the same seed as often as
   * the exact forest reseeded does (97.7–97.8 % of sources), with accuracy and balanced accuracy unchanged.
   * At 32 or fewer bins, the agreement drops measurably below that.
   */
  readonly maxBins?: number | null;
  /** Seed of every random draw (default 0): equal seeds give identical models. */
  readonly seed?: Seed;
}

/** Resolved, validated options (as stored in a model's JSON; `maxDepth: null` is unlimited). */
export interface ResolvedTreeOptions {
  /** Impurity measure: `'gini'` (the paper's) or `'entropy'`. */
  readonly criterion: Criterion;
  /** Features drawn at every split: `'sqrt'`, `'log2'`, `'all'`, a count or a fraction. */
  readonly maxFeatures: MaxFeatures;
  /** Maximum depth; `null` is unlimited (grown until the leaves are pure). */
  readonly maxDepth: number | null;
  /** A node with fewer (distinct) samples is not split (≥ 2). */
  readonly minSamplesSplit: number;
  /** Each child of a split keeps at least this many (distinct) samples (≥ 1). */
  readonly minSamplesLeaf: number;
  /** Quantile bins per feature for the histogram split search (2 … 65536); `null` is the exact search. */
  readonly maxBins: number | null;
  /** Seed of every random draw. */
  readonly seed: Seed;
}

function positiveInteger(value: unknown, name: string, caller: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidArgumentError(`${caller}: ${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
  return value;
}

/**
 * Validates tree options and fills in the defaults.
 *
 * @param options - the user's options
 * @param defaultMaxFeatures - `'sqrt'` for forests, `'all'` for a single tree
 * @param caller - the estimator, for error messages
 * @throws {InvalidArgumentError} for an option outside its documented range
 */
export function resolveTreeOptions(options: TreeOptions, defaultMaxFeatures: MaxFeatures, caller: string): ResolvedTreeOptions {
  const criterion = options.criterion ?? 'gini';
  if (!CRITERIA.includes(criterion)) {
    throw new InvalidArgumentError(`${caller}: criterion must be one of ${CRITERIA.join(', ')}, got ${JSON.stringify(criterion)}`);
  }
  const maxFeatures = options.maxFeatures ?? defaultMaxFeatures;
  if (typeof maxFeatures === 'number') {
    if (!(maxFeatures > 0 && (Number.isInteger(maxFeatures) || maxFeatures < 1))) {
      throw new InvalidArgumentError(`${caller}: maxFeatures must be 'sqrt', 'log2', 'all', an integer ≥ 1 or a fraction in (0, 1), got ${maxFeatures}`);
    }
  } else if (!['sqrt', 'log2', 'all'].includes(maxFeatures)) {
    throw new InvalidArgumentError(`${caller}: maxFeatures must be 'sqrt', 'log2', 'all', an integer ≥ 1 or a fraction in (0, 1), got ${JSON.stringify(maxFeatures)}`);
  }
  const maxDepth = options.maxDepth == null || options.maxDepth === Infinity ? null : positiveInteger(options.maxDepth, 'maxDepth', caller, 1);
  const maxBins = options.maxBins == null ? null : positiveInteger(options.maxBins, 'maxBins', caller, 2);
  if (maxBins !== null && maxBins > 65536) throw new InvalidArgumentError(`${caller}: maxBins must be at most 65536, got ${maxBins}`);
  const seed = options.seed ?? 0;
  if (!(typeof seed === 'string' || (typeof seed === 'number' && Number.isFinite(seed)))) {
    throw new InvalidArgumentError(`${caller}: seed must be a finite number or a string, got ${String(seed)}`);
  }
  return {
    criterion,
    maxFeatures,
    maxDepth,
    minSamplesSplit: positiveInteger(options.minSamplesSplit ?? 2, 'minSamplesSplit', caller, 2),
    minSamplesLeaf: positiveInteger(options.minSamplesLeaf ?? 1, 'minSamplesLeaf', caller, 1),
    maxBins,
    seed,
  };
}

/**
 * The number of features drawn at every split for `p` features.
 *
 * @param maxFeatures - the option
 * @param p - number of features
 * @param caller - the estimator, for error messages
 * @throws {InvalidArgumentError} when an integer count exceeds `p`
 * @example
 * ```ts
 * resolveMaxFeatures('sqrt', 29); // => 5
 * resolveMaxFeatures(0.5, 29);    // => 14
 * ```
 */
export function resolveMaxFeatures(maxFeatures: MaxFeatures, p: number, caller = 'resolveMaxFeatures'): number {
  if (maxFeatures === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(p)));
  if (maxFeatures === 'log2') return Math.max(1, Math.floor(Math.log2(p)));
  if (maxFeatures === 'all') return p;
  if (Number.isInteger(maxFeatures)) {
    if (maxFeatures > p) throw new InvalidArgumentError(`${caller}: maxFeatures is ${maxFeatures} but X has only ${p} features`);
    return maxFeatures;
  }
  return Math.max(1, Math.floor(maxFeatures * p));
}

/** The builder's parameters for `p` features. */
export function treeParams(options: ResolvedTreeOptions, splitter: TreeParams['splitter'], p: number, caller: string): TreeParams {
  return {
    criterion: options.criterion,
    splitter,
    maxFeatures: resolveMaxFeatures(options.maxFeatures, p, caller),
    maxDepth: options.maxDepth ?? Infinity,
    minSamplesSplit: options.minSamplesSplit,
    minSamplesLeaf: options.minSamplesLeaf,
  };
}
