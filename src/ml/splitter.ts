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
  /** Bits needed to store the largest sample index (`n − 1`). */
  readonly sampleBits: number;
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
  return { n, p, values, rank, lo, hi, offset, sampleBits: bitsFor(Math.max(0, n - 1)) };
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
 * Each sample becomes the 31-bit key `rank · 2^b + k` (k: its position in the node, b: bits of the node
 * size), so sorting plain non-negative integers orders the samples by rank: insertion sort up to 24 samples,
 * V8's native `Int32Array` sort up to 300, and above that a stable least-significant-digit radix sort
 * on the rank bits only (ties need no order: the split search only looks at boundaries between distinct
 * ranks). Keys wider than 31 bits (more than 2^31 rank × node-size combinations) fall back to `Float64Array`
 * keys. After {@link RankSorter.sort}, `rank[0 … m)` holds the node's ranks in increasing order, and
 * `cls` and `weight` the class and weight of each sample in that order.
 */
export class RankSorter {
  /** The ranks, in increasing order. */
  readonly rank: Int32Array;
  /** The class of each sample, in rank order. */
  readonly cls: Int32Array;
  /** The weight of each sample, in rank order. */
  readonly weight: Float64Array;
  private readonly keys: Int32Array;
  private readonly tmp: Int32Array;
  private readonly keys64: Float64Array;
  private readonly count: Int32Array;

  /** @param n - the largest node size */
  constructor(n: number) {
    this.rank = new Int32Array(n);
    this.cls = new Int32Array(n);
    this.weight = new Float64Array(n);
    this.keys = new Int32Array(n);
    this.tmp = new Int32Array(n);
    this.keys64 = new Float64Array(n);
    this.count = new Int32Array(3 * 2048);
  }

  /**
   * Sorts the node's samples `samples[start + k]`, k = 0 … m − 1, by `rankColumn[base + samples[start + k]]`,
   * carrying their classes `nodeY[start + k]` and weights `nodeW[start + k]`.
   *
   * @param rankBits - bits of the feature's largest rank
   * @returns false when every sample has the same rank (the feature is constant in the node)
   */
  sort(
    rankColumn: Uint16Array | Int32Array,
    base: number,
    rankBits: number,
    samples: Int32Array,
    nodeY: Int32Array,
    nodeW: Float64Array,
    start: number,
    m: number,
  ): boolean {
    const { rank, cls, weight } = this;
    const pb = bitsFor(m - 1);
    const scale = 2 ** pb;
    let rMin = 0x7fffffff;
    let rMax = -1;
    if (rankBits + pb > 31) return this.sortWide(rankColumn, base, samples, nodeY, nodeW, start, m, pb);
    const keys = this.keys;
    const mask = scale - 1;
    if (m > NATIVE_MAX) {
      // LSD radix sort on the rank digits, histograms counted while gathering, decoded by the last pass
      const passes = rankBits <= 11 ? 1 : rankBits <= 22 ? 2 : 3;
      const db = Math.ceil(rankBits / passes);
      const nb = 1 << db;
      const dmask = nb - 1;
      const count = this.count;
      count.fill(0, 0, passes * nb);
      for (let k = 0; k < m; k++) {
        const r = rankColumn[base + samples[start + k]!]!;
        keys[k] = (r << pb) | k;
        if (r < rMin) rMin = r;
        if (r > rMax) rMax = r;
        count[r & dmask]!++;
        if (passes > 1) count[nb + ((r >>> db) & dmask)]!++;
        if (passes > 2) count[2 * nb + (r >>> (2 * db))]!++;
      }
      if (rMin === rMax) return false;
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
      for (let d = 0; d < passes - 1; d++) {
        const shift = pb + d * db;
        const off = d * nb;
        for (let i = 0; i < m; i++) {
          const v = src[i]!;
          dst[count[off + ((v >>> shift) & dmask)]!++] = v;
        }
        const t = src;
        src = dst;
        dst = t;
      }
      const shift = pb + (passes - 1) * db;
      const off = (passes - 1) * nb;
      for (let i = 0; i < m; i++) {
        const v = src[i]!;
        const at = count[off + ((v >>> shift) & dmask)]!++;
        const k = start + (v & mask);
        rank[at] = v >>> pb;
        cls[at] = nodeY[k]!;
        weight[at] = nodeW[k]!;
      }
      return true;
    }
    for (let k = 0; k < m; k++) {
      const r = rankColumn[base + samples[start + k]!]!;
      keys[k] = (r << pb) | k;
      if (r < rMin) rMin = r;
      if (r > rMax) rMax = r;
    }
    if (rMin === rMax) return false;
    if (m <= INSERTION_MAX) insertionSort32(keys, m);
    else keys.subarray(0, m).sort();
    for (let i = 0; i < m; i++) {
      const key = keys[i]!;
      const k = start + (key & mask);
      rank[i] = key >>> pb;
      cls[i] = nodeY[k]!;
      weight[i] = nodeW[k]!;
    }
    return true;
  }

  /** The same with keys wider than 32 bits: rank · 2^b + k is exact in a double up to 2^53. */
  private sortWide(
    rankColumn: Uint16Array | Int32Array,
    base: number,
    samples: Int32Array,
    nodeY: Int32Array,
    nodeW: Float64Array,
    start: number,
    m: number,
    pb: number,
  ): boolean {
    const { rank, cls, weight } = this;
    const scale = 2 ** pb;
    const keys = this.keys64;
    let rMin = 0x7fffffff;
    let rMax = -1;
    for (let k = 0; k < m; k++) {
      const r = rankColumn[base + samples[start + k]!]!;
      keys[k] = r * scale + k;
      if (r < rMin) rMin = r;
      if (r > rMax) rMax = r;
    }
    if (rMin === rMax) return false;
    if (m <= INSERTION_MAX) insertionSort64(keys, m);
    else keys.subarray(0, m).sort();
    for (let i = 0; i < m; i++) {
      const key = keys[i]!;
      const r = Math.floor(key / scale);
      const k = start + key - r * scale;
      rank[i] = r;
      cls[i] = nodeY[k]!;
      weight[i] = nodeW[k]!;
    }
    return true;
  }
}

/** Insertion sort of `keys[0 … m)` (tiny nodes). */
function insertionSort32(keys: Int32Array, m: number): void {
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

/** Insertion sort of `keys[0 … m)` (tiny nodes, wide keys). */
function insertionSort64(keys: Float64Array, m: number): void {
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
