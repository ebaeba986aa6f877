/**
 * Split search of a classification tree (scikit-learn's `tree/_splitter`), on typed arrays.
 *
 * Before any tree is grown, {@link presortFeatures} replaces every feature value by its dense rank among the
 * feature's distinct training values (or, with `maxBins`, by the index of its quantile bin). A node's samples
 * are then ordered along a feature by sorting 32-bit integer keys `rank << b | sample` — insertion sort for
 * tiny nodes, V8's native typed-array sort for mid-sized ones, a least-significant-digit radix sort on the
 * rank bits for large ones — or, when the feature has fewer ranks than the node has samples, by a class
 * histogram over the ranks, which needs no sort at all. The sorted samples are scanned once, moving one
 * sample at a time from the right child to the left while the class counts and Σ_c w_c² of both sides are
 * updated in O(1), so every boundary between two distinct values is evaluated in O(1) (Gini) or O(c)
 * (entropy). The splitters are:
 *
 * - `'best'` (random forest, CART): every boundary between consecutive distinct values of the node is a
 *   candidate; the threshold is their midpoint, as in scikit-learn.
 * - `'random'` (extremely randomised trees, Geurts et al. 2006): one threshold drawn uniformly between the
 *   node's minimum and maximum of the feature.
 * - binned (`maxBins`): like `'best'`, but candidate thresholds are restricted to the boundaries between
 *   at most `maxBins` quantile bins per feature (a histogram split search, as in LightGBM).
 *
 * Unlike scikit-learn, which treats values closer than 1e-7 as equal, every distinct value is a candidate,
 * so features need no particular scale.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import type { FeatureMatrix } from '../core/matrix';

/** How a tree chooses a split threshold: `'best'` (exhaustive, midpoints) or `'random'` (ExtraTrees). */
export type Splitter = 'best' | 'random';

/**
 * The training features prepared once for all trees of an ensemble: column-major values and ranks.
 * Rank r of feature j covers the training values in [`lo[offset[j] + r]`, `hi[offset[j] + r]`] (one value
 * without binning: `lo === hi`).
 */
export interface PresortedFeatures {
  /** Number of samples. */
  readonly n: number;
  /** Number of features. */
  readonly p: number;
  /** Column-major values: feature j of sample i is `values[j * n + i]`. */
  readonly values: Float64Array;
  /** Column-major ranks (dense, 0-based, in increasing value order) or bin indices. */
  readonly rank: Int32Array;
  /** Smallest training value of each rank, features concatenated (see `offset`). */
  readonly lo: Float64Array;
  /** Largest training value of each rank, features concatenated (see `offset`). */
  readonly hi: Float64Array;
  /** Feature j's ranks are `offset[j] … offset[j + 1] − 1` in `lo` / `hi`. */
  readonly offset: Int32Array;
  /** Bits needed to store the largest sample index (`n − 1`). */
  readonly sampleBits: number;
}

/** Bits needed to store the non-negative integer `v` (at least 1). */
export function bitsFor(v: number): number {
  let b = 1;
  while (v >= 2 ** b) b++;
  return b;
}

/**
 * Ranks every feature of `X` (dense ranks of the distinct values, or at most `maxBins` quantile bins), once
 * for all trees of an ensemble. Runs in O(p n log n).
 *
 * Bins hold runs of consecutive distinct values of roughly equal total count; a feature with at most
 * `maxBins` distinct values keeps one bin per value, so binned and exact split search then coincide.
 *
 * @param X - finite training features
 * @param maxBins - at most this many bins per feature (2 … 65536); `undefined` for exact ranks
 * @returns the column-major values and ranks with their value ranges
 * @throws {InvalidArgumentError} for `maxBins` outside 2 … 65536
 * @example
 * ```ts
 * const f = presortFeatures(toFeatureMatrix([[3], [1], [3], [2]]));
 * Array.from(f.rank); // [2, 0, 2, 1]
 * ```
 */
export function presortFeatures(X: FeatureMatrix, maxBins?: number): PresortedFeatures {
  if (maxBins !== undefined && (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > 65536)) {
    throw new InvalidArgumentError(`presortFeatures: maxBins must be an integer in 2 … 65536, got ${maxBins}`);
  }
  const { data, nRows: n, nCols: p } = X;
  const values = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) values[j * n + i] = data[i * p + j]!;
  const rank = new Int32Array(n * p);
  const lo: number[] = [];
  const hi: number[] = [];
  const offset = new Int32Array(p + 1);
  const column = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    offset[j] = lo.length;
    column.set(values.subarray(j * n, (j + 1) * n));
    column.sort();
    // distinct values and their multiplicities
    const distinct: number[] = [];
    const count: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      if (distinct.length > 0 && distinct[distinct.length - 1] === v) count[count.length - 1]!++;
      else {
        distinct.push(v);
        count.push(1);
      }
    }
    // bin b gets the distinct values whose cumulative count (before them) falls in [b n/B, (b+1) n/B)
    const nBins = maxBins === undefined || distinct.length <= maxBins ? distinct.length : maxBins;
    const binOf = new Int32Array(distinct.length);
    let bin = -1;
    let cumulative = 0;
    let lastTarget = -1;
    for (let d = 0; d < distinct.length; d++) {
      const target = nBins === distinct.length ? d : Math.floor((cumulative * nBins) / n);
      if (target !== lastTarget) {
        bin++;
        lastTarget = target;
        lo.push(distinct[d]!);
        hi.push(distinct[d]!);
      } else hi[hi.length - 1] = distinct[d]!;
      binOf[d] = bin;
      cumulative += count[d]!;
    }
    // rank of each sample: binary search of its value among the distinct values
    for (let i = 0; i < n; i++) {
      const v = values[j * n + i]!;
      let a = 0;
      let b = distinct.length - 1;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (distinct[mid]! < v) a = mid + 1;
        else b = mid;
      }
      rank[j * n + i] = binOf[a]!;
    }
  }
  offset[p] = lo.length;
  return { n, p, values, rank, lo: Float64Array.from(lo), hi: Float64Array.from(hi), offset, sampleBits: bitsFor(Math.max(0, n - 1)) };
}

/**
 * The threshold between two adjacent ranks `rLeft < rRight` of a node: the midpoint of the largest value of
 * the left rank and the smallest of the right one, computed as scikit-learn does (a/2 + b/2, falling back to
 * a when rounding reaches b), so that a ≤ threshold < b.
 */
export function midpointThreshold(f: PresortedFeatures, feature: number, rLeft: number, rRight: number): number {
  const a = f.hi[f.offset[feature]! + rLeft]!;
  const b = f.lo[f.offset[feature]! + rRight]!;
  const t = a / 2 + b / 2;
  return t >= b || !Number.isFinite(t) ? a : t;
}

// ---------------------------------------------------------------------------------------------------------

/** Buckets up to this size are insertion-sorted; larger ones (rare) go to V8's native typed-array sort. */
const INSERTION_MAX = 24;

/**
 * Orders a node's samples by their rank of one feature, reusing its buffers for every node of every tree.
 *
 * The ranks are gathered, then distributed by one counting pass into `min(range, m)` buckets by their
 * position in the node's rank range (`range = rMax − rMin + 1`; with `range ≤ 2m` one bucket per rank, an
 * exact counting sort), and each bucket holding several distinct ranks is finished by insertion sort (or
 * the native sort when it is large). Dense ranks are close to uniform, so this runs in O(m + range) for
 * large nodes and O(m) expected for small ones. Only the order of distinct ranks matters to the split
 * search (ties are interchangeable), so ties are not ordered.
 *
 * After {@link RankSorter.sort}, positions 0 … m − 1 of `rank`, `cls` and `weight` hold the node's samples
 * in increasing rank order.
 */
export class RankSorter {
  /** Sorted ranks. */
  readonly rank: Int32Array;
  /** Class of each sorted sample. */
  readonly cls: Int32Array;
  /** Weight of each sorted sample. */
  readonly weight: Float64Array;
  private readonly gRank: Int32Array;
  private readonly gCls: Int32Array;
  private readonly gWeight: Float64Array;
  private readonly gBucket: Int32Array;
  private readonly count: Int32Array;
  private readonly keys32: Uint32Array;
  private readonly keys64: Float64Array;

  /** @param n - the largest node size */
  constructor(n: number) {
    this.rank = new Int32Array(n);
    this.cls = new Int32Array(n);
    this.weight = new Float64Array(n);
    this.gRank = new Int32Array(n);
    this.gCls = new Int32Array(n);
    this.gWeight = new Float64Array(n);
    this.gBucket = new Int32Array(n);
    this.count = new Int32Array(2 * n + 2);
    this.keys32 = new Uint32Array(n);
    this.keys64 = new Float64Array(n);
  }

  /**
   * Sorts positions `start … start + m − 1` of a node by `rankColumn[base + samples[k]]`, carrying each
   * sample's class `nodeY[k]` and weight `nodeW[k]`.
   *
   * @returns false when every sample has the same rank (the feature is constant in the node)
   */
  sort(rankColumn: Int32Array, base: number, samples: Int32Array, nodeY: Int32Array, nodeW: Float64Array, start: number, m: number): boolean {
    const { gRank, gCls, gWeight, rank, cls, weight } = this;
    let rMin = 0x7fffffff;
    let rMax = -1;
    for (let k = 0; k < m; k++) {
      const r = rankColumn[base + samples[start + k]!]!;
      gRank[k] = r;
      if (r < rMin) rMin = r;
      if (r > rMax) rMax = r;
    }
    if (rMin === rMax) return false;
    if (m <= INSERTION_MAX) {
      rank.set(gRank.subarray(0, m));
      cls.set(nodeY.subarray(start, start + m));
      weight.set(nodeW.subarray(start, start + m));
      this.insertion(0, m);
      return true;
    }
    gCls.set(nodeY.subarray(start, start + m));
    gWeight.set(nodeW.subarray(start, start + m));
    const range = rMax - rMin + 1;
    const exact = range <= 2 * m;
    const nBuckets = exact ? range : m;
    const scale = nBuckets / range;
    const { gBucket, count } = this;
    count.fill(0, 0, nBuckets + 1);
    for (let k = 0; k < m; k++) {
      const b = exact ? gRank[k]! - rMin : Math.floor((gRank[k]! - rMin) * scale);
      gBucket[k] = b;
      count[b + 1]!++;
    }
    for (let b = 1; b <= nBuckets; b++) count[b]! += count[b - 1]!;
    for (let k = 0; k < m; k++) {
      const d = count[gBucket[k]!]!++;
      rank[d] = gRank[k]!;
      cls[d] = gCls[k]!;
      weight[d] = gWeight[k]!;
    }
    if (!exact) {
      // count[b] is now the end of bucket b
      let lo = 0;
      for (let b = 0; b < nBuckets; b++) {
        const hi = count[b]!;
        if (hi - lo > 1) {
          if (hi - lo <= INSERTION_MAX) this.insertion(lo, hi);
          else this.bigBucket(lo, hi);
        }
        lo = hi;
      }
    }
    return true;
  }

  /** Insertion sort of positions lo … hi − 1 by rank. */
  private insertion(lo: number, hi: number): void {
    const { rank, cls, weight } = this;
    for (let i = lo + 1; i < hi; i++) {
      const r = rank[i]!;
      if (r >= rank[i - 1]!) continue;
      const c = cls[i]!;
      const w = weight[i]!;
      let k = i - 1;
      while (k >= lo && rank[k]! > r) {
        rank[k + 1] = rank[k]!;
        cls[k + 1] = cls[k]!;
        weight[k + 1] = weight[k]!;
        k--;
      }
      rank[k + 1] = r;
      cls[k + 1] = c;
      weight[k + 1] = w;
    }
  }

  /** Sorts a large bucket (positions lo … hi − 1) with the native sort of packed (rank, position) keys. */
  private bigBucket(lo: number, hi: number): void {
    const { rank, cls, weight, gRank, gCls, gWeight } = this;
    const size = hi - lo;
    let rMin = 0x7fffffff;
    let rMax = -1;
    for (let k = lo; k < hi; k++) {
      const r = rank[k]!;
      if (r < rMin) rMin = r;
      if (r > rMax) rMax = r;
    }
    if (rMin === rMax) return;
    const posBits = bitsFor(size - 1);
    const scale = 2 ** posBits;
    gRank.set(rank.subarray(lo, hi));
    gCls.set(cls.subarray(lo, hi));
    gWeight.set(weight.subarray(lo, hi));
    const packed32 = bitsFor(rMax - rMin) + posBits <= 32;
    const keys = packed32 ? this.keys32 : this.keys64;
    for (let t = 0; t < size; t++) keys[t] = (gRank[t]! - rMin) * scale + t;
    keys.subarray(0, size).sort();
    for (let t = 0; t < size; t++) {
      const from = keys[t]! % scale;
      rank[lo + t] = gRank[from]!;
      cls[lo + t] = gCls[from]!;
      weight[lo + t] = gWeight[from]!;
    }
  }
}
