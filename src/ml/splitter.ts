/**
 * Split search of a classification tree (scikit-learn's `tree/_splitter`), on typed arrays.
 *
 * Before any tree is grown, {@link presortFeatures} replaces every feature value by its dense rank among the
 * feature's distinct training values (or, with `maxBins`, by the index of its quantile bin). A node's samples
 * are then ordered along a feature by sorting 32-bit integer keys `rank << b | sample` — insertion sort for
 * tiny nodes, one 128-bucket counting pass plus insertion sort for mid-sized ones, a least-significant-digit radix sort on the
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
  /** Column-major sample order: `order[j * n + k]` is the sample with the k-th smallest value of feature j. */
  readonly order: Int32Array;
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
 * Argsort of float64 columns by a least-significant-digit radix sort of their IEEE 754 bits (made
 * order-preserving: sign bit flipped for positive values, all bits inverted for negative ones), 11 bits per
 * pass, skipping the passes whose digit is the same for every value. −0 sorts just before +0.
 */
class ValueSorter {
  private readonly bits: Float64Array;
  private readonly words: Uint32Array;
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  private idx: Int32Array;
  private tmp: Int32Array;
  private readonly count = new Int32Array(6 * 2048);

  constructor(n: number) {
    this.bits = new Float64Array(1);
    this.words = new Uint32Array(this.bits.buffer);
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.idx = new Int32Array(n);
    this.tmp = new Int32Array(n);
  }

  /** The indices of `column` in increasing value order (a view, valid until the next call). */
  argsort(column: Float64Array): Int32Array {
    const n = column.length;
    const { bits, words, hi, lo, count } = this;
    // little- or big-endian word order of the platform
    bits[0] = 1;
    const hw = words[1] === 0x3ff00000 ? 1 : 0;
    count.fill(0);
    for (let i = 0; i < n; i++) {
      bits[0] = column[i]!;
      let h = words[hw]!;
      let l = words[1 - hw]!;
      if (h >= 0x80000000) {
        h = ~h >>> 0;
        l = ~l >>> 0;
      } else h = (h | 0x80000000) >>> 0;
      hi[i] = h;
      lo[i] = l;
      count[l & 2047]!++;
      count[2048 + ((l >>> 11) & 2047)]!++;
      count[4096 + (l >>> 22)]!++;
      count[6144 + (h & 2047)]!++;
      count[8192 + ((h >>> 11) & 2047)]!++;
      count[10240 + (h >>> 22)]!++;
    }
    let src = this.idx;
    let dst = this.tmp;
    for (let i = 0; i < n; i++) src[i] = i;
    for (let d = 0; d < 6; d++) {
      const off = d * 2048;
      const word = d < 3 ? lo : hi;
      const shift = (d % 3) * 11;
      let skip = false;
      let sum = 0;
      for (let b = off; b < off + 2048; b++) {
        const c = count[b]!;
        if (c === n) skip = true;
        count[b] = sum;
        sum += c;
      }
      if (skip) continue;
      for (let k = 0; k < n; k++) {
        const i = src[k]!;
        dst[count[off + ((word[i]! >>> shift) & 2047)]!++] = i;
      }
      const t = src;
      src = dst;
      dst = t;
    }
    this.idx = src;
    this.tmp = dst;
    return src;
  }
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
  const order = new Int32Array(n * p);
  const offset = new Int32Array(p + 1);
  const loParts: Float64Array[] = [];
  const hiParts: Float64Array[] = [];
  const sorter = new ValueSorter(n);
  const distinct = new Float64Array(n);
  const count = new Int32Array(n);
  const binLo = new Float64Array(n);
  const binHi = new Float64Array(n);
  let nTotal = 0;
  for (let j = 0; j < p; j++) {
    const column = values.subarray(j * n, (j + 1) * n);
    const sortedIdx = sorter.argsort(column);
    order.set(sortedIdx, j * n);
    // distinct values and their multiplicities; rank[j n + i] holds the distinct index of sample i for now
    let nDistinct = 0;
    for (let k = 0; k < n; k++) {
      const i = sortedIdx[k]!;
      const v = column[i]!;
      if (nDistinct > 0 && distinct[nDistinct - 1] === v) count[nDistinct - 1]!++;
      else {
        distinct[nDistinct] = v;
        count[nDistinct] = 1;
        nDistinct++;
      }
      rank[j * n + i] = nDistinct - 1;
    }
    // bin b gets the distinct values whose cumulative count (before them) falls in [b n/B, (b+1) n/B)
    const nBins = maxBins === undefined || nDistinct <= maxBins ? nDistinct : maxBins;
    if (nBins === nDistinct) {
      loParts.push(distinct.slice(0, nDistinct));
      hiParts.push(distinct.slice(0, nDistinct));
      offset[j] = nTotal;
      nTotal += nDistinct;
      continue;
    }
    const binOf = count; // reused: the bin of each distinct value, once its count has been read
    let bin = -1;
    let cumulative = 0;
    let lastTarget = -1;
    for (let d = 0; d < nDistinct; d++) {
      const target = Math.floor((cumulative * nBins) / n);
      if (target !== lastTarget) {
        bin++;
        lastTarget = target;
        binLo[bin] = distinct[d]!;
      }
      binHi[bin] = distinct[d]!;
      cumulative += count[d]!;
      binOf[d] = bin;
    }
    loParts.push(binLo.slice(0, bin + 1));
    hiParts.push(binHi.slice(0, bin + 1));
    offset[j] = nTotal;
    nTotal += bin + 1;
    for (let i = 0; i < n; i++) rank[j * n + i] = binOf[rank[j * n + i]!]!;
  }
  offset[p] = nTotal;
  const lo = new Float64Array(nTotal);
  const hi = new Float64Array(nTotal);
  for (let j = 0; j < p; j++) {
    lo.set(loParts[j]!, offset[j]!);
    hi.set(hiParts[j]!, offset[j]!);
  }
  return { n, p, values, rank, lo, hi, offset, order };
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
/** Nodes above this size are radix-sorted (one bucket pass and an insertion sort are faster below, slower above). */
const BUCKET_MAX = 96;

// The kernels below are small module-level functions, one loop nest each, whose every branch runs on the first
// calls: V8 then optimises each of them as a whole function early and never has to deoptimise it. (A single
// large split-search method with rarely taken paths was first compiled on-stack (OSR) inside its long loops;
// whether its whole-function code was later replaced depended on the timing of V8's background compiler, so
// a fresh process fitted either fast or ~1.4x slower, and stayed so.)

/**
 * Orders a node's samples by their rank of one feature, reusing its buffers for every node of every tree.
 *
 * Each sample becomes one non-negative 31-bit integer key `rank << b | cw`, where `cw` packs the sample's
 * class and integer weight in the low b bits, so sorting plain integers orders the samples by rank and the
 * split search then reads everything it needs from the sorted keys, in order. Sorting is insertion sort up
 * to 24 samples, up to 96 one counting pass into 128 buckets of the node's rank range followed by insertion
 * sort, and above that a stable least-significant-digit
 * radix sort on the rank bits only (ties need no order: the split search only looks at boundaries between
 * distinct ranks).
 */
export class RankSorter {
  private readonly keys: Int32Array;
  private readonly tmp: Int32Array;
  private readonly count: Int32Array;
  private readonly range = new Int32Array(2);

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
    if (m <= INSERTION_MAX) {
      if (!gatherKeys(keys, rankColumn, base, samples, nodeCW, start, m, cwBits)) return undefined;
      insertionSort(keys, m);
      return keys;
    }
    if (m <= BUCKET_MAX) {
      // one counting pass into about m buckets (128 … 2048) of the node's rank range, then an insertion
      // sort that has only the few samples sharing a bucket left to order
      const range = this.range;
      gatherRange(keys, rankColumn, base, samples, nodeCW, start, m, cwBits, range);
      const rMin = range[0]!;
      const span = range[1]! - rMin;
      if (span === 0) return undefined;
      const bucketBits = Math.min(11, Math.max(7, bitsFor(m - 1)));
      const shift = Math.max(0, bitsFor(span) - bucketBits);
      const tmp = this.tmp;
      if (bucketScatter(keys, tmp, m, cwBits, rMin, shift, span >>> shift, this.count)) {
        if (shift > 0) insertionSortRanks(tmp, m, (1 << cwBits) - 1);
        return tmp;
      }
      // crowded buckets (ranks clustered in a small part of the range): the radix sort below instead
      const passes = rankBits <= 11 ? 1 : rankBits <= 22 ? 2 : 3;
      const db = Math.ceil(rankBits / passes);
      const count = this.count;
      count.fill(0, 0, passes << db);
      countDigits(keys, m, cwBits, db, passes, count);
      return this.radix(passes, db, m, cwBits);
    }
    // LSD radix sort on the rank digits: 1 pass up to 11 rank bits, 2 up to 22, else 3; the digit
    // histograms are counted while the keys are gathered
    const passes = rankBits <= 11 ? 1 : rankBits <= 22 ? 2 : 3;
    const db = Math.ceil(rankBits / passes);
    const count = this.count;
    count.fill(0, 0, passes << db);
    if (!gatherCounting(keys, rankColumn, base, samples, nodeCW, start, m, cwBits, db, passes, count)) return undefined;
    return this.radix(passes, db, m, cwBits);
  }

  /** The scatter passes of the LSD radix sort of `keys[0 … m)`, whose digit histograms are in `count`. */
  private radix(passes: number, db: number, m: number, cwBits: number): Int32Array {
    let src = this.keys;
    let dst = this.tmp;
    for (let d = 0; d < passes; d++) {
      radixScatter(src, dst, m, cwBits + d * db, (1 << db) - 1, this.count, d << db);
      const t = src;
      src = dst;
      dst = t;
    }
    return src;
  }
}

/** The rank digit histograms of gathered keys, as {@link gatherCounting} counts them. */
function countDigits(keys: Int32Array, m: number, cwBits: number, db: number, passes: number, count: Int32Array): void {
  const mask = (1 << db) - 1;
  const nb = 1 << db;
  for (let k = 0; k < m; k++) {
    const r = keys[k]! >>> cwBits;
    for (let d = 0; d < passes; d++) count[d * nb + ((r >>> (d * db)) & mask)]!++;
  }
}

/**
 * The sorted keys of a large node without sorting: walks all n samples of feature j in rank order
 * (`order` and `rankColumn` of {@link PresortedFeatures}, from `base = j · n`) and keeps those of the node, whose
 * `tagCW[sample]` is `serial << cwBits | cw` (other samples carry another serial). Writes the keys
 * `rank << cwBits | cw` in increasing rank order to `keys[0 … m)` (`keys` holds n + 1 entries) and returns m.
 * Cheaper than a radix sort once the node holds more than a few tenths of the samples.
 */
export function gatherPresorted(
  keys: Int32Array,
  order: Int32Array,
  rankColumn: Uint16Array | Int32Array,
  base: number,
  n: number,
  tagCW: Int32Array,
  serial: number,
  cwBits: number,
): number {
  const cwMask = (1 << cwBits) - 1;
  let o = 0;
  for (let i = 0; i < n; i++) {
    const sample = order[base + i]!;
    const t = tagCW[sample]!;
    keys[o] = (rankColumn[base + sample]! << cwBits) | (t & cwMask);
    // branch-free o += (tag === serial): (d − 1) >>> 31 is 1 for d = 0 and 0 for 0 < d < 2^31
    o += (((t >>> cwBits) ^ serial) - 1) >>> 31;
  }
  return o;
}

/**
 * `keys[k] = rankColumn[base + samples[start + k]] << cwBits | nodeCW[start + k]` for k < m; returns false
 * when all ranks are equal.
 */
function gatherKeys(
  keys: Int32Array,
  rankColumn: Uint16Array | Int32Array,
  base: number,
  samples: Int32Array,
  nodeCW: Int32Array,
  start: number,
  m: number,
  cwBits: number,
): boolean {
  const r0 = rankColumn[base + samples[start]!]!;
  let differ = 0;
  for (let k = 0; k < m; k++) {
    const r = rankColumn[base + samples[start + k]!]!;
    keys[k] = (r << cwBits) | nodeCW[start + k]!;
    differ |= r ^ r0;
  }
  return differ !== 0;
}

/**
 * {@link gatherKeys} that also counts the rank digits of every radix pass: digit d of rank r,
 * `(r >>> d·db) & (2^db − 1)`, into `count[d · 2^db + digit]`.
 */
function gatherCounting(
  keys: Int32Array,
  rankColumn: Uint16Array | Int32Array,
  base: number,
  samples: Int32Array,
  nodeCW: Int32Array,
  start: number,
  m: number,
  cwBits: number,
  db: number,
  passes: number,
  count: Int32Array,
): boolean {
  const mask = (1 << db) - 1;
  const r0 = rankColumn[base + samples[start]!]!;
  let differ = 0;
  if (passes === 1) {
    for (let k = 0; k < m; k++) {
      const r = rankColumn[base + samples[start + k]!]!;
      keys[k] = (r << cwBits) | nodeCW[start + k]!;
      differ |= r ^ r0;
      count[r]!++;
    }
  } else if (passes === 2) {
    const nb = 1 << db;
    for (let k = 0; k < m; k++) {
      const r = rankColumn[base + samples[start + k]!]!;
      keys[k] = (r << cwBits) | nodeCW[start + k]!;
      differ |= r ^ r0;
      count[r & mask]!++;
      count[nb + (r >>> db)]!++;
    }
  } else {
    const nb = 1 << db;
    for (let k = 0; k < m; k++) {
      const r = rankColumn[base + samples[start + k]!]!;
      keys[k] = (r << cwBits) | nodeCW[start + k]!;
      differ |= r ^ r0;
      count[r & mask]!++;
      count[nb + ((r >>> db) & mask)]!++;
      count[2 * nb + (r >>> (2 * db))]!++;
    }
  }
  return differ !== 0;
}

/**
 * One stable pass of an LSD radix sort: `src[0 … m)` into `dst` by the digit `(v >>> shift) & mask`, whose
 * histogram is `count[off … off + mask]` (turned into bucket starts here).
 */
function radixScatter(src: Int32Array, dst: Int32Array, m: number, shift: number, mask: number, count: Int32Array, off: number): void {
  let sum = 0;
  for (let b = off, e = off + mask; b <= e; b++) {
    const c = count[b]!;
    count[b] = sum;
    sum += c;
  }
  for (let i = 0; i < m; i++) {
    const v = src[i]!;
    dst[count[off + ((v >>> shift) & mask)]!++] = v;
  }
}

/** {@link gatherKeys} that writes the smallest and largest rank to `range[0]`, `range[1]`. */
function gatherRange(
  keys: Int32Array,
  rankColumn: Uint16Array | Int32Array,
  base: number,
  samples: Int32Array,
  nodeCW: Int32Array,
  start: number,
  m: number,
  cwBits: number,
  range: Int32Array,
): void {
  let rMin = 0x7fffffff;
  let rMax = 0;
  for (let k = 0; k < m; k++) {
    const r = rankColumn[base + samples[start + k]!]!;
    keys[k] = (r << cwBits) | nodeCW[start + k]!;
    if (r < rMin) rMin = r;
    if (r > rMax) rMax = r;
  }
  range[0] = rMin;
  range[1] = rMax;
}

/**
 * One counting-sort pass of `src[0 … m)` into `dst` by the bucket `((key >>> cwBits) − rMin) >>> shift`
 * (0 … top, top < 2048). Returns false, before scattering, when the buckets are crowded (Σ count² > 4m: the insertion
 * sort that follows would no longer be about linear).
 */
function bucketScatter(
  src: Int32Array,
  dst: Int32Array,
  m: number,
  cwBits: number,
  rMin: number,
  shift: number,
  top: number,
  count: Int32Array,
): boolean {
  count.fill(0, 0, top + 1);
  for (let k = 0; k < m; k++) count[((src[k]! >>> cwBits) - rMin) >>> shift]!++;
  let sum = 0;
  let sq = 0;
  for (let b = 0; b <= top; b++) {
    const c = count[b]!;
    count[b] = sum;
    sum += c;
    sq += c * c;
  }
  if (shift > 0 && sq > 4 * m) return false;
  for (let k = 0; k < m; k++) {
    const v = src[k]!;
    dst[count[((v >>> cwBits) - rMin) >>> shift]!++] = v;
  }
  return true;
}

/** Insertion sort of `keys[0 … m)` by rank only (`low` masks the class and weight bits): equal ranks stay put. */
function insertionSortRanks(keys: Int32Array, m: number, low: number): void {
  for (let i = 1; i < m; i++) {
    const v = keys[i]!;
    const top = v | low;
    let k = i - 1;
    while (k >= 0 && keys[k]! > top) {
      keys[k + 1] = keys[k]!;
      k--;
    }
    keys[k + 1] = v;
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

/**
 * The scan of a node's rank-sorted keys for the Gini criterion. Moves one sample at a time from the right
 * child to the left, updating the class weights and Σ_c w_c² of both sides in O(1), and evaluates the proxy
 * Σ_c w_c,L² / W_L + Σ_c w_c,R² / W_R (larger is better: it is W − W_L·G_L − W_R·G_R) at every boundary
 * between distinct ranks that leaves at least `minLeaf` samples on each side.
 *
 * @param best - in: the best proxy so far; out: the better one, if found
 * @param bestRanks - out: the ranks left and right of the better boundary, if found
 * @returns whether a better boundary was found
 */
export function scanSortedGini(
  sorted: Int32Array,
  m: number,
  minLeaf: number,
  wBits: number,
  clsMask: number,
  cwBits: number,
  total: Float64Array,
  leftCounts: Float64Array,
  w: number,
  best: Float64Array,
  bestRanks: Int32Array,
): boolean {
  const wMask = (1 << wBits) - 1;
  let sqR = 0;
  for (let c = 0; c < total.length; c++) sqR += total[c]! * total[c]!;
  let bestProxy = best[0]!;
  let bestAt = -1;
  let wL = 0;
  let sqL = 0;
  const last = m - minLeaf; // boundaries after position i, i + 1 in [minLeaf, m − minLeaf]
  let r = sorted[0]! >>> cwBits;
  for (let i = 0; i < last; i++) {
    const key = sorted[i]!;
    const c = (key >>> wBits) & clsMask;
    const h = key & wMask;
    const a = leftCounts[c]!;
    const b = total[c]! - a;
    leftCounts[c] = a + h;
    sqL += h * (2 * a + h);
    sqR -= h * (2 * b - h);
    wL += h;
    const rNext = sorted[i + 1]! >>> cwBits;
    if (r !== rNext && i + 1 >= minLeaf) {
      const proxy = sqL / wL + sqR / (w - wL);
      if (proxy > bestProxy) {
        bestProxy = proxy;
        bestAt = i;
      }
    }
    r = rNext;
  }
  if (bestAt < 0) return false;
  best[0] = bestProxy;
  bestRanks[0] = sorted[bestAt]! >>> cwBits;
  bestRanks[1] = sorted[bestAt + 1]! >>> cwBits;
  return true;
}

/**
 * Σ_c [n_c,L ln n_c,L + n_c,R ln n_c,R] − W_L ln W_L − W_R ln W_R: larger is better (−W_L·H_L − W_R·H_R
 * in nats), computed from the integer weights with a table of k ln k so that every path gives the same bits.
 */
export function entropyProxy(nlogn: Float64Array, leftCounts: Float64Array, total: Float64Array, wL: number, wR: number): number {
  let s = -nlogn[wL]! - nlogn[wR]!;
  for (let c = 0; c < total.length; c++) {
    const a = leftCounts[c]!;
    s += nlogn[a]! + nlogn[total[c]! - a]!;
  }
  return s;
}

/** {@link scanSortedGini} for the entropy criterion (`nlogn[k] = k ln k`). */
export function scanSortedEntropy(
  sorted: Int32Array,
  m: number,
  minLeaf: number,
  wBits: number,
  clsMask: number,
  cwBits: number,
  total: Float64Array,
  leftCounts: Float64Array,
  w: number,
  best: Float64Array,
  bestRanks: Int32Array,
  nlogn: Float64Array,
): boolean {
  const wMask = (1 << wBits) - 1;
  let bestProxy = best[0]!;
  let bestAt = -1;
  let wL = 0;
  const last = m - minLeaf;
  let r = sorted[0]! >>> cwBits;
  for (let i = 0; i < last; i++) {
    const key = sorted[i]!;
    const c = (key >>> wBits) & clsMask;
    const h = key & wMask;
    leftCounts[c]! += h;
    wL += h;
    const rNext = sorted[i + 1]! >>> cwBits;
    if (r !== rNext && i + 1 >= minLeaf) {
      const proxy = entropyProxy(nlogn, leftCounts, total, wL, w - wL);
      if (proxy > bestProxy) {
        bestProxy = proxy;
        bestAt = i;
      }
    }
    r = rNext;
  }
  if (bestAt < 0) return false;
  best[0] = bestProxy;
  bestRanks[0] = sorted[bestAt]! >>> cwBits;
  bestRanks[1] = sorted[bestAt + 1]! >>> cwBits;
  return true;
}

/**
 * Class histogram of a node over the ranks of one feature (for features with fewer ranks than the node has
 * samples): `hist[r · nClasses + c]` += weight, `histN[r]` += 1; writes the node's smallest and largest rank to
 * `range[0]` and `range[1]`.
 */
export function histogramRanks(
  rankColumn: Uint16Array | Int32Array,
  base: number,
  samples: Int32Array,
  nodeCW: Int32Array,
  start: number,
  end: number,
  wBits: number,
  nClasses: number,
  nR: number,
  hist: Float64Array,
  histN: Int32Array,
  range: Int32Array,
): void {
  const wMask = (1 << wBits) - 1;
  hist.fill(0, 0, nR * nClasses);
  histN.fill(0, 0, nR);
  let rMin = nR;
  let rMax = -1;
  for (let k = start; k < end; k++) {
    const r = rankColumn[base + samples[k]!]!;
    const cw = nodeCW[k]!;
    hist[r * nClasses + (cw >>> wBits)]! += cw & wMask;
    histN[r]!++;
    if (r < rMin) rMin = r;
    if (r > rMax) rMax = r;
  }
  range[0] = rMin;
  range[1] = rMax;
}

/**
 * The scan of a rank histogram ({@link histogramRanks}): the same boundaries, counts and floating-point
 * operations as the scan of the sorted keys, rank by rank. `nlogn` selects entropy (Gini when empty).
 */
export function scanHistogram(
  hist: Float64Array,
  histN: Int32Array,
  rMin: number,
  rMax: number,
  m: number,
  minLeaf: number,
  total: Float64Array,
  leftCounts: Float64Array,
  w: number,
  best: Float64Array,
  bestRanks: Int32Array,
  nlogn: Float64Array,
): boolean {
  const nClasses = total.length;
  const gini = nlogn.length === 0;
  let sqR = 0;
  for (let c = 0; c < nClasses; c++) sqR += total[c]! * total[c]!;
  let bestProxy = best[0]!;
  let found = false;
  let nLeft = 0;
  let wL = 0;
  let sqL = 0;
  let prevRank = -1;
  for (let r = rMin; r <= rMax; r++) {
    const cnt = histN[r]!;
    if (cnt === 0) continue;
    if (prevRank >= 0 && nLeft >= minLeaf && m - nLeft >= minLeaf) {
      const proxy = gini ? sqL / wL + sqR / (w - wL) : entropyProxy(nlogn, leftCounts, total, wL, w - wL);
      if (proxy > bestProxy) {
        bestProxy = proxy;
        bestRanks[0] = prevRank;
        bestRanks[1] = r;
        found = true;
      }
    }
    const hb = r * nClasses;
    for (let c = 0; c < nClasses; c++) {
      const h = hist[hb + c]!;
      if (h === 0) continue;
      const a = leftCounts[c]!;
      const b = total[c]! - a;
      leftCounts[c] = a + h;
      sqL += h * (2 * a + h);
      sqR -= h * (2 * b - h);
      wL += h;
    }
    nLeft += cnt;
    prevRank = r;
  }
  if (found) best[0] = bestProxy;
  return found;
}
