/**
 * The depth-first tree builder (scikit-learn's `DepthFirstTreeBuilder`), shared by `DecisionTree`,
 * `RandomForest` and `ExtraTrees`.
 *
 * One builder is made per `fit` and grows every tree of an ensemble, reusing its scratch buffers: no buffer
 * is allocated per node. A node becomes a leaf when it is pure, reaches `maxDepth`, has fewer than
 * `minSamplesSplit` samples (or fewer than 2 `minSamplesLeaf`), or has no valid split. Otherwise
 * `maxFeatures` features are drawn at random without replacement (Breiman 2001: a fresh draw at every
 * split), drawing on past `maxFeatures` while every drawn feature is constant in the node (as scikit-learn
 * does); features found constant are remembered for the node's descendants and never evaluated again. The
 * split with the largest impurity decrease wins (ties: the first found).
 *
 * Sample weights are integer multiplicities (a bootstrap sample is the set of distinct drawn samples, each
 * weighted by how often it was drawn, as in scikit-learn); `minSamplesSplit` and `minSamplesLeaf` count
 * distinct samples, class fractions and impurities use the weights.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { randomInt, type Rng } from '../core/random';
import type { Criterion } from './criterion';
import {
  bitsFor,
  entropyProxy,
  gatherPresorted,
  histogramRanks,
  midpointThreshold,
  RankSorter,
  scanHistogram,
  scanSortedEntropy,
  scanSortedGini,
  type PresortedFeatures,
  type Splitter,
} from './splitter';
import { Tree } from './tree';

/**
 * A node with at least n / PRESORTED_RATIO samples takes its sorted keys from the ensemble's rank order
 * ({@link gatherPresorted}, n steps) rather than sorting them (a radix sort of m samples costs several
 * times more per sample).
 */
const PRESORTED_RATIO = 3;

/** The resolved growth parameters of a tree. */
export interface TreeParams {
  readonly criterion: Criterion;
  readonly splitter: Splitter;
  /** Features drawn at every split (1 … p). */
  readonly maxFeatures: number;
  /** Maximum depth (`Infinity`: grown until the leaves are pure). */
  readonly maxDepth: number;
  /** A node with fewer distinct samples is a leaf (≥ 2). */
  readonly minSamplesSplit: number;
  /** Each child keeps at least this many distinct samples (≥ 1). */
  readonly minSamplesLeaf: number;
}

/** A grown tree and its (unnormalised) mean decrease in impurity per feature. */
export interface GrownTree {
  readonly tree: Tree;
  /** Σ over the tree's splits on each feature of W·I − W_L·I_L − W_R·I_R, divided by the root weight. */
  readonly importances: Float64Array;
}

/** Grows trees on one training set, reusing its scratch buffers across nodes and trees. */
export class TreeBuilder {
  private readonly f: PresortedFeatures;
  private readonly y: Int32Array;
  private readonly nClasses: number;
  private readonly params: TreeParams;
  private readonly nRanks: Int32Array;
  // scratch
  private readonly samples: Int32Array;
  private readonly rankBits: Int32Array;
  /** Class and weight of the sample at each node position, packed: `class << wBits | weight`. */
  private readonly nodeCW: Int32Array;
  private readonly clsBits: number;
  private wBits = 1;
  private readonly sorter: RankSorter;
  /** Per sample: `serial << cwBits | cw` while it belongs to the node being split by the presorted path. */
  private readonly tagCW: Int32Array;
  private serial = 0;
  /** Output of the presorted path (n + 1 entries). */
  private readonly presortedKeys: Int32Array;
  private readonly features: Int32Array;
  private readonly isConstant: Uint8Array;
  private readonly constants: Int32Array;
  private readonly total: Float64Array;
  private readonly leftCounts: Float64Array;
  private readonly hist: Float64Array;
  private readonly histN: Int32Array;
  private nlogn: Float64Array;
  // stack
  private readonly stStart: Int32Array;
  private readonly stEnd: Int32Array;
  private readonly stDepth: Int32Array;
  private readonly stParent: Int32Array;
  private readonly stConstants: Int32Array;
  /** Class totals of each stacked node (`nClasses` per entry): a child's come from its parent's split. */
  private readonly stTotals: Float64Array;
  // result of the split search of the current node
  private bestProxy = -Infinity;
  private bestFeature = -1;
  private bestThreshold = Number.NaN;
  private bestRankLeft = -1;
  /** The rank right of the best boundary (the threshold is computed once per node, for the winner). */
  private bestRankRight = -1;
  /** Scratch of the scan kernels: the best proxy (in/out) and the ranks around the best boundary. */
  private readonly best = new Float64Array(1);
  private readonly bestRanks = new Int32Array(2);
  private readonly range = new Int32Array(2);
  // output buffers (grown by doubling)
  private outFeature: Int32Array;
  private outThreshold: Float64Array;
  private outLeft: Int32Array;
  private outRight: Int32Array;
  private outValue: Float64Array;

  /**
   * @param features - the presorted training features
   * @param y - class index of every sample
   * @param nClasses - number of classes
   * @param params - growth parameters
   */
  constructor(features: PresortedFeatures, y: Int32Array, nClasses: number, params: TreeParams) {
    const { n, p } = features;
    this.f = features;
    this.y = y;
    this.nClasses = nClasses;
    this.params = params;
    this.nRanks = new Int32Array(p);
    this.rankBits = new Int32Array(p);
    let maxRanks = 1;
    for (let j = 0; j < p; j++) {
      const r = features.offset[j + 1]! - features.offset[j]!;
      this.nRanks[j] = r;
      this.rankBits[j] = bitsFor(Math.max(0, r - 1));
      maxRanks = Math.max(maxRanks, r);
    }
    this.samples = new Int32Array(n);
    this.nodeCW = new Int32Array(n);
    this.clsBits = bitsFor(nClasses - 1);
    this.sorter = new RankSorter(n);
    this.tagCW = new Int32Array(n);
    this.presortedKeys = new Int32Array(n + 1);
    this.features = new Int32Array(p);
    for (let j = 0; j < p; j++) this.features[j] = j;
    this.isConstant = new Uint8Array(p);
    this.constants = new Int32Array(p);
    this.total = new Float64Array(nClasses);
    this.leftCounts = new Float64Array(nClasses);
    // the histogram path is used only when a feature has fewer ranks than the node has samples / classes
    const histRanks = Math.min(maxRanks, Math.ceil(n / nClasses) + 1);
    this.hist = new Float64Array(histRanks * nClasses);
    this.histN = new Int32Array(histRanks);
    this.nlogn = new Float64Array(0);
    const stackSize = n + 2;
    this.stStart = new Int32Array(stackSize);
    this.stEnd = new Int32Array(stackSize);
    this.stDepth = new Int32Array(stackSize);
    this.stParent = new Int32Array(stackSize);
    this.stConstants = new Int32Array(stackSize);
    this.stTotals = new Float64Array(stackSize * nClasses);
    this.outFeature = new Int32Array(64);
    this.outThreshold = new Float64Array(64);
    this.outLeft = new Int32Array(64);
    this.outRight = new Int32Array(64);
    this.outValue = new Float64Array(65 * nClasses);
  }

  /**
   * Grows one tree on the samples with positive weight.
   *
   * @param weights - integer multiplicity of every sample (0: not in this tree's sample)
   * @param rng - the tree's random stream (feature draws, random thresholds)
   * @returns the tree and its impurity decreases per feature
   */
  build(weights: Float64Array, rng: Rng): GrownTree {
    const { f, y, nClasses, params, samples, total, isConstant, constants } = this;
    const { p } = f;
    const { maxFeatures, maxDepth, minSamplesSplit, minSamplesLeaf, criterion } = params;
    let nSamples = 0;
    let totalWeight = 0;
    let maxWeight = 1;
    for (let i = 0; i < f.n; i++) {
      const wi = weights[i]!;
      if (!(Number.isInteger(wi) && wi >= 0)) throw new InvalidArgumentError(`TreeBuilder: sample weights must be non-negative integers, got ${wi} at ${i}`);
      if (wi > maxWeight) maxWeight = wi;
    }
    // class and weight share one integer with the rank in the sort keys: rank bits + class bits + weight bits ≤ 31
    this.wBits = bitsFor(maxWeight);
    const wBits = this.wBits;
    if (bitsFor(f.n - 1) + this.clsBits + wBits > 31) {
      throw new InvalidArgumentError(
        `TreeBuilder: ${f.n} samples of ${nClasses} classes with weights up to ${maxWeight} exceed the 31-bit sort keys (samples · classes · weight < 2^31)`,
      );
    }
    for (let i = 0; i < f.n; i++) {
      if (weights[i]! > 0) {
        samples[nSamples] = i;
        this.nodeCW[nSamples] = (y[i]! << wBits) | weights[i]!;
        nSamples++;
        totalWeight += weights[i]!;
      }
    }
    if (criterion === 'entropy' && this.nlogn.length < totalWeight + 1) {
      this.nlogn = new Float64Array(totalWeight + 1);
      for (let k = 1; k <= totalWeight; k++) this.nlogn[k] = k * Math.log(k);
    }
    this.tagCW.fill(0);
    this.serial = 0;
    const importances = new Float64Array(p);
    let nInternal = 0;
    let nLeaves = 0;
    const { stStart, stEnd, stDepth, stParent, stConstants } = this;
    let top = 0;
    stStart[0] = 0;
    stEnd[0] = nSamples;
    stDepth[0] = 0;
    stParent[0] = -1; // parent index · 2 + (1 if right child)
    stConstants[0] = 0;
    const stTotals = this.stTotals;
    stTotals.fill(0, 0, nClasses);
    for (let k = 0; k < nSamples; k++) stTotals[y[samples[k]!]!]! += weights[samples[k]!]!;
    top = 1;
    while (top > 0) {
      top--;
      const start = stStart[top]!;
      const end = stEnd[top]!;
      const depth = stDepth[top]!;
      const parentSlot = stParent[top]!;
      const nKnownConstants = stConstants[top]!;
      const m = end - start;

      // class totals of the node (integer weights: every sum is exact)
      let w = 0;
      for (let c = 0; c < nClasses; c++) {
        const t = stTotals[top * nClasses + c]!;
        total[c] = t;
        w += t;
      }
      const nodeImpurity = this.impurityOf(total, w);
      if (parentSlot >= 0) importances[this.outFeature[parentSlot >> 1]!]! -= (w * nodeImpurity) / totalWeight;

      let isLeaf = depth >= maxDepth || m < minSamplesSplit || m < 2 * minSamplesLeaf || nodeImpurity <= 1e-15;
      let nConstantsOut = nKnownConstants;
      if (!isLeaf) {
        for (let k = 0; k < nKnownConstants; k++) isConstant[constants[k]!] = 1;
        nConstantsOut = this.findSplit(start, end, w, rng, maxFeatures, minSamplesLeaf, nKnownConstants);
        for (let k = 0; k < nConstantsOut; k++) isConstant[constants[k]!] = 0;
        isLeaf = this.bestFeature < 0;
      }

      let id: number;
      if (isLeaf) {
        id = ~nLeaves;
        this.ensureLeafCapacity(nLeaves + 1);
        this.outValue.set(total, nLeaves * nClasses);
        nLeaves++;
      } else {
        id = nInternal;
        this.ensureInternalCapacity(nInternal + 1);
        this.outFeature[id] = this.bestFeature;
        this.outThreshold[id] =
          this.bestRankLeft >= 0 ? midpointThreshold(this.f, this.bestFeature, this.bestRankLeft, this.bestRankRight) : this.bestThreshold;
        nInternal++;
        importances[this.bestFeature]! += (w * nodeImpurity) / totalWeight;
      }
      if (parentSlot >= 0) {
        if ((parentSlot & 1) === 0) this.outLeft[parentSlot >> 1] = id;
        else this.outRight[parentSlot >> 1] = id;
      }
      if (!isLeaf) {
        const pos = this.partition(start, end);
        // the children's class totals: a sum over the smaller child, the other is the difference
        const small = pos - start <= end - pos;
        const leftAt = (top + 1) * nClasses;
        const rightAt = top * nClasses;
        const smallAt = small ? leftAt : rightAt;
        const largeAt = small ? rightAt : leftAt;
        stTotals.fill(0, smallAt, smallAt + nClasses);
        const nodeCW = this.nodeCW;
        const wMask = (1 << wBits) - 1;
        for (let k = small ? start : pos, e = small ? pos : end; k < e; k++) {
          const cw = nodeCW[k]!;
          stTotals[smallAt + (cw >>> wBits)]! += cw & wMask;
        }
        for (let c = 0; c < nClasses; c++) stTotals[largeAt + c] = total[c]! - stTotals[smallAt + c]!;
        // push right, then left: the left subtree is built first (depth-first, pre-order)
        stStart[top] = pos;
        stEnd[top] = end;
        stDepth[top] = depth + 1;
        stParent[top] = id * 2 + 1;
        stConstants[top] = nConstantsOut;
        top++;
        stStart[top] = start;
        stEnd[top] = pos;
        stDepth[top] = depth + 1;
        stParent[top] = id * 2;
        stConstants[top] = nConstantsOut;
        top++;
      }
    }
    const tree = new Tree({
      nFeatures: p,
      nClasses,
      feature: this.outFeature.subarray(0, nInternal),
      threshold: this.outThreshold.subarray(0, nInternal),
      left: this.outLeft.subarray(0, nInternal),
      right: this.outRight.subarray(0, nInternal),
      value: this.outValue.subarray(0, nLeaves * nClasses),
    });
    return { tree, importances };
  }

  /** Impurity of a node with class weights `counts` summing to `w`. */
  private impurityOf(counts: Float64Array, w: number): number {
    if (w === 0) return 0;
    if (this.params.criterion === 'gini') {
      let sq = 0;
      for (let c = 0; c < counts.length; c++) sq += counts[c]! * counts[c]!;
      return 1 - sq / (w * w);
    }
    let h = 0;
    for (let c = 0; c < counts.length; c++) {
      const v = counts[c]!;
      if (v > 0) h -= (v / w) * Math.log2(v / w);
    }
    return h;
  }

  /**
   * Draws features and searches each for its best split; leaves the winner in `best*`.
   * Returns the number of known constant features for the children (the `constants` stack grows).
   */
  private findSplit(
    start: number,
    end: number,
    w: number,
    rng: Rng,
    maxFeatures: number,
    minLeaf: number,
    nKnownConstants: number,
  ): number {
    const { features, isConstant, constants } = this;
    const p = features.length;
    this.bestFeature = -1;
    this.bestProxy = -Infinity;
    let nConstants = nKnownConstants;
    if ((end - start) * PRESORTED_RATIO >= this.f.n) this.tagNode(start, end);
    let nVisited = 0;
    let nVisitedConstant = 0;
    let remaining = p;
    while (remaining > 0 && (nVisited < maxFeatures || nVisited <= nVisitedConstant)) {
      // draw without replacement: partial Fisher–Yates over features[0 … remaining)
      const k = randomInt(rng, remaining);
      const j = features[k]!;
      remaining--;
      features[k] = features[remaining]!;
      features[remaining] = j;
      nVisited++;
      if (isConstant[j] === 1) {
        nVisitedConstant++;
        continue;
      }
      const constant =
        this.params.splitter === 'random'
          ? this.evaluateRandom(j, start, end, w, rng, minLeaf)
          : this.evaluateBest(j, start, end, w, minLeaf);
      if (constant) {
        nVisitedConstant++;
        constants[nConstants++] = j;
        isConstant[j] = 1;
      }
    }
    return nConstants;
  }

  /** Marks the node's samples with a fresh serial for {@link gatherPresorted}. */
  private tagNode(start: number, end: number): void {
    const cwBits = this.clsBits + this.wBits;
    if (this.serial + 1 >= 2 ** (31 - cwBits)) {
      this.tagCW.fill(0);
      this.serial = 0;
    }
    const serial = ++this.serial;
    const { samples, nodeCW, tagCW } = this;
    for (let k = start; k < end; k++) tagCW[samples[k]!] = (serial << cwBits) | nodeCW[k]!;
  }

  /**
   * Best threshold of feature j for the node (exact or binned ranks). Returns true when the feature is
   * constant in the node.
   */
  private evaluateBest(j: number, start: number, end: number, w: number, minLeaf: number): boolean {
    const m = end - start;
    const { f, total, leftCounts, nodeCW, wBits, best, bestRanks } = this;
    const nR = this.nRanks[j]!;
    leftCounts.fill(0);
    best[0] = this.bestProxy;
    let found: boolean;
    if (nR * this.nClasses < m && nR <= this.histN.length) {
      // histogram over the ranks: no sort needed
      const { hist, histN, range } = this;
      histogramRanks(f.rank, j * f.n, this.samples, nodeCW, start, end, wBits, this.nClasses, nR, hist, histN, range);
      if (range[0] === range[1]) return true;
      found = scanHistogram(hist, histN, range[0]!, range[1]!, m, minLeaf, total, leftCounts, w, best, bestRanks, this.nlogn);
    } else {
      const cwBits = this.clsBits + wBits;
      const clsMask = (1 << this.clsBits) - 1;
      let sorted: Int32Array | undefined;
      if (m * PRESORTED_RATIO >= f.n) {
        sorted = this.presortedKeys;
        gatherPresorted(sorted, f.order, f.rank, j * f.n, f.n, this.tagCW, this.serial, cwBits);
        if (sorted[0]! >>> cwBits === sorted[m - 1]! >>> cwBits) return true;
      } else {
        sorted = this.sorter.sort(f.rank, j * f.n, this.rankBits[j]!, this.samples, nodeCW, start, m, cwBits);
        if (sorted === undefined) return true;
      }
      found =
        this.nlogn.length === 0
          ? scanSortedGini(sorted, m, minLeaf, wBits, clsMask, cwBits, total, leftCounts, w, best, bestRanks)
          : scanSortedEntropy(sorted, m, minLeaf, wBits, clsMask, cwBits, total, leftCounts, w, best, bestRanks, this.nlogn);
    }
    if (found) {
      this.bestProxy = best[0]!;
      this.bestFeature = j;
      this.bestRankLeft = bestRanks[0]!;
      this.bestRankRight = bestRanks[1]!;
    }
    return false;
  }

  /** One random threshold of feature j (ExtraTrees). Returns true when the feature is constant in the node. */
  private evaluateRandom(j: number, start: number, end: number, w: number, rng: Rng, minLeaf: number): boolean {
    const { f, samples, total, leftCounts, nClasses, nodeCW, wBits } = this;
    const wMask = (1 << wBits) - 1;
    const values = f.values;
    const base = j * f.n;
    let min = Infinity;
    let max = -Infinity;
    for (let k = start; k < end; k++) {
      const v = values[base + samples[k]!]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (max <= min) return true;
    let threshold = min + rng() * (max - min);
    if (threshold >= max) threshold = min;
    leftCounts.fill(0);
    let nLeft = 0;
    let wL = 0;
    for (let k = start; k < end; k++) {
      if (values[base + samples[k]!]! <= threshold) {
        const cw = nodeCW[k]!;
        leftCounts[cw >>> wBits]! += cw & wMask;
        wL += cw & wMask;
        nLeft++;
      }
    }
    const m = end - start;
    if (nLeft < minLeaf || m - nLeft < minLeaf) return false;
    let proxy: number;
    if (this.params.criterion === 'gini') {
      let sqL = 0;
      let sqR = 0;
      for (let c = 0; c < nClasses; c++) {
        const a = leftCounts[c]!;
        const b = total[c]! - a;
        sqL += a * a;
        sqR += b * b;
      }
      proxy = sqL / wL + sqR / (w - wL);
    } else proxy = entropyProxy(this.nlogn, leftCounts, total, wL, w - wL);
    if (proxy > this.bestProxy) {
      this.bestProxy = proxy;
      this.bestFeature = j;
      this.bestThreshold = threshold;
      this.bestRankLeft = -1;
    }
    return false;
  }

  /** Partitions the node's samples by the best split; returns the first position of the right child. */
  private partition(start: number, end: number): number {
    const { samples, nodeCW, f } = this;
    const j = this.bestFeature;
    const byRank = this.bestRankLeft >= 0;
    const column = byRank ? f.rank : f.values;
    const base = j * f.n;
    const limit = byRank ? this.bestRankLeft : this.bestThreshold;
    let i = start;
    let k = end - 1;
    while (i <= k) {
      const s = samples[i]!;
      if (column[base + s]! <= limit) i++;
      else {
        samples[i] = samples[k]!;
        samples[k] = s;
        const cw = nodeCW[i]!;
        nodeCW[i] = nodeCW[k]!;
        nodeCW[k] = cw;
        k--;
      }
    }
    return i;
  }

  private ensureInternalCapacity(size: number): void {
    if (size <= this.outFeature.length) return;
    const cap = Math.max(size, this.outFeature.length * 2);
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.outFeature = grow(this.outFeature, (n) => new Int32Array(n));
    this.outThreshold = grow(this.outThreshold, (n) => new Float64Array(n));
    this.outLeft = grow(this.outLeft, (n) => new Int32Array(n));
    this.outRight = grow(this.outRight, (n) => new Int32Array(n));
  }

  private ensureLeafCapacity(size: number): void {
    const need = size * this.nClasses;
    if (need <= this.outValue.length) return;
    const b = new Float64Array(Math.max(need, this.outValue.length * 2));
    b.set(this.outValue);
    this.outValue = b;
  }
}
