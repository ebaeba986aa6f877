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
  readonly rank: Uint16Array | Int32Array;
  /** Smallest training value of each rank, features concatenated (see `offset`). */
  readonly lo: Float64Array;
  /** Largest training value of each rank, features concatenated (see `offset`). */
  readonly hi: Float64Array;
  /** Feature j's ranks are `offset[j] … offset[j + 1] − 1` in `lo` / `hi`. */
  readonly offset: Int32Array;
}

/** Bits needed to store the non-negative integer `v` (at least 1). */
export function bitsFor(v: number): number {
  if (v < 2) return 1;
  if (v <= 0x7fffffff) return 32 - Math.clz32(v);
  let b = 31;
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
 * Array.from(f.rank); // => [2, 0, 2, 1]
 * ```
 */
export function presortFeatures(X: FeatureMatrix, maxBins?: number): PresortedFeatures {
  if (maxBins !== undefined && (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > 65536)) {
    throw new InvalidArgumentError(`presortFeatures: maxBins must be an integer in 2 … 65536, got ${maxBins}`);
  }
  const { data, nRows: n, nCols: p } = X;
  const values = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) values[j * n + i] = data[i * p + j]!;
  const rank = n <= 65536 ? new Uint16Array(n * p) : new Int32Array(n * p);
  const offset = new Int32Array(p + 1);
  const loParts: Float64Array[] = [];
  const hiParts: Float64Array[] = [];
  const sorted = new Float64Array(n);
  const distinct = new Float64Array(n);
  const count = new Int32Array(n);
  const binOf = new Int32Array(n);
  const binLo = new Float64Array(n);
  const binHi = new Float64Array(n);
  let nTotal = 0;
  for (let j = 0; j < p; j++) {
    const column = values.subarray(j * n, (j + 1) * n);
    sorted.set(column);
    sorted.sort();
    // distinct values and their multiplicities
    let nDistinct = 0;
    for (let i = 0; i < n; i++) {
      const v = sorted[i]!;
      if (nDistinct > 0 && distinct[nDistinct - 1] === v) count[nDistinct - 1]!++;
      else {
        distinct[nDistinct] = v;
        count[nDistinct] = 1;
        nDistinct++;
      }
    }
    // bin b gets the distinct values whose cumulative count (before them) falls in [b n/B, (b+1) n/B)
    const nBins = maxBins === undefined || nDistinct <= maxBins ? nDistinct : maxBins;
    let bin = -1;
    let cumulative = 0;
    let lastTarget = -1;
    for (let d = 0; d < nDistinct; d++) {
      const target = nBins === nDistinct ? d : Math.floor((cumulative * nBins) / n);
      if (target !== lastTarget) {
        bin++;
        lastTarget = target;
        binLo[bin] = distinct[d]!;
      }
      binHi[bin] = distinct[d]!;
      binOf[d] = bin;
      cumulative += count[d]!;
    }
    loParts.push(binLo.slice(0, bin + 1));
    hiParts.push(binHi.slice(0, bin + 1));
    offset[j] = nTotal;
    nTotal += bin + 1;
    // rank of each sample: binary search of its value among the distinct values
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      let a = 0;
      let b = nDistinct - 1;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (distinct[mid]! < v) a = mid + 1;
        else b = mid;
      }
      rank[j * n + i] = binOf[a]!;
    }
  }
  offset[p] = nTotal;
  const lo = new Float64Array(nTotal);
  const hi = new Float64Array(nTotal);
  for (let j = 0; j < p; j++) {
    lo.set(loParts[j]!, offset[j]!);
    hi.set(hiParts[j]!, offset[j]!);
  }
  return { n, p, values, rank, lo, hi, offset };
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

/** Nodes up to this size are insertion-sorted. */
const INSERTION_MAX = 24;
/** Nodes above this size are radix-sorted (V8's native typed-array sort is faster below, slower above). */
const NATIVE_MAX = 96;

/**
 * Orders a node's samples by their rank of one feature, reusing its buffers for every node of every tree.
 *
 * Each sample becomes one non-negative 31-bit integer key `rank << b | cw`, where `cw` packs the sample's
 * class and integer weight in the low b bits, so sorting plain integers orders the samples by rank and the
 * split search then reads everything it needs from the sorted keys, in order. Sorting is insertion sort up
 * to 24 samples, V8's native `Int32Array` sort up to 96, and above that a stable least-significant-digit
 * radix sort on the rank bits only, its digit histograms counted while the keys are gathered (ties need no
 * order: the split search only looks at boundaries between distinct ranks).
 */
export class RankSorter {
  private readonly keys: Int32Array;
  private readonly tmp: Int32Array;
  private readonly count: Int32Array;

  /** @param n - the largest node size */
  constructor(n: number) {
    this.keys = new Int32Array(n);
    this.tmp = new Int32Array(n);
    this.count = new Int32Array(3 * 2048);
  }

  /**
   * Sorts the node's samples `samples[start + k]`, k = 0 … m − 1, by `rankColumn[base + samples[start + k]]`.
   *
   * @param rankBits - bits of the feature's largest rank (rankBits + cwBits ≤ 31)
   * @param nodeCW - class and weight of each node position, packed in the low `cwBits` bits
   * @returns the buffer whose positions 0 … m − 1 hold the keys `rank << cwBits | cw` in increasing rank
   *   order, or `undefined` when every sample has the same rank (the feature is constant in the node)
   */
  sort(
    rankColumn: Uint16Array | Int32Array,
    base: number,
    rankBits: number,
    samples: Int32Array,
    nodeCW: Int32Array,
    start: number,
    m: number,
    cwBits: number,
  ): Int32Array | undefined {
    const keys = this.keys;
    let rMin = 0x7fffffff;
    let rMax = -1;
    if (m > NATIVE_MAX) {
      // LSD radix sort on the rank digits, histograms counted while gathering
      const passes = rankBits <= 11 ? 1 : rankBits <= 22 ? 2 : 3;
      const db = Math.ceil(rankBits / passes);
      const nb = 1 << db;
      const dmask = nb - 1;
      const count = this.count;
      count.fill(0, 0, passes * nb);
      for (let k = 0; k < m; k++) {
        const r = rankColumn[base + samples[start + k]!]!;
        keys[k] = (r << cwBits) | nodeCW[start + k]!;
        if (r < rMin) rMin = r;
        if (r > rMax) rMax = r;
        count[r & dmask]!++;
        if (passes > 1) count[nb + ((r >>> db) & dmask)]!++;
        if (passes > 2) count[2 * nb + (r >>> (2 * db))]!++;
      }
      if (rMin === rMax) return undefined;
      for (let d = 0; d < passes; d++) {
        let sum = 0;
        for (let b = d * nb, e = b + nb; b < e; b++) {
          const c = count[b]!;
          count[b] = sum;
          sum += c;
        }
      }
      let src = keys;
      let dst = this.tmp;
      for (let d = 0; d < passes; d++) {
        const shift = cwBits + d * db;
        const off = d * nb;
        for (let i = 0; i < m; i++) {
          const v = src[i]!;
          dst[count[off + ((v >>> shift) & dmask)]!++] = v;
        }
        const t = src;
        src = dst;
        dst = t;
      }
      return src;
    }
    for (let k = 0; k < m; k++) {
      const r = rankColumn[base + samples[start + k]!]!;
      keys[k] = (r << cwBits) | nodeCW[start + k]!;
      if (r < rMin) rMin = r;
      if (r > rMax) rMax = r;
    }
    if (rMin === rMax) return undefined;
    if (m <= INSERTION_MAX) insertionSort(keys, m);
    else keys.subarray(0, m).sort();
    return keys;
  }
}

/** Insertion sort of `keys[0 … m)` (tiny nodes). */
function insertionSort(keys: Int32Array, m: number): void {
  for (let i = 1; i < m; i++) {
    const v = keys[i]!;
    let k = i - 1;
    while (k >= 0 && keys[k]! > v) {
      keys[k + 1] = keys[k]!;
      k--;
    }
    keys[k + 1] = v;
  }
}
