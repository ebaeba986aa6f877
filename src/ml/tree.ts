/**
 * Tree storage (scikit-learn's `tree/_tree`): a fitted classification tree as flat typed arrays.
 *
 * Internal node k tests `x[feature[k]] <= threshold[k]` and continues to `left[k]` when true, `right[k]`
 * otherwise. A child index c ≥ 0 is another internal node; c < 0 is the leaf `~c` (= −c − 1), whose weighted
 * class counts are `value[~c * nClasses … (~c + 1) * nClasses)`. Node 0 is the root; a tree without
 * internal nodes is the single leaf 0. Compared with scikit-learn's layout (leaves are nodes with children
 * −1, and every node stores a value row), only leaves store values, which halves the size of a fully grown
 * tree.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError } from '../core/errors';

/** The serialised form of a {@link Tree} (plain arrays: `JSON.stringify` round-trips it exactly). */
export interface TreeJSON {
  /** Number of features the tree was fitted on. */
  readonly nFeatures: number;
  /** Number of classes: the width of each leaf's row in `value`. */
  readonly nClasses: number;
  /** Split feature (0-based column) of each internal node. */
  readonly feature: number[];
  /** Split threshold of each internal node (go left when `x <= threshold`). */
  readonly threshold: number[];
  /** Left child of each internal node (≥ 0: internal node; < 0: leaf `~left`). */
  readonly left: number[];
  /** Right child of each internal node (≥ 0: internal node; < 0: leaf `~right`). */
  readonly right: number[];
  /** Weighted class counts of each leaf, row-major `nLeaves × nClasses`. */
  readonly value: number[];
}

/**
 * A fitted classification tree in flat-array form. Instances are immutable; build them with a tree
 * estimator (`DecisionTree`, `RandomForest`, `ExtraTrees`) or {@link Tree.fromJSON}.
 *
 * @example
 * ```ts
 * // x0 <= 0.5 ? leaf 0 (2 of class 0) : leaf 1 (3 of class 1)
 * const tree = new Tree({ nFeatures: 1, nClasses: 2, feature: [0], threshold: [0.5], left: [~0], right: [~1], value: [2, 0, 0, 3] });
 * tree.leafProba(tree.apply([0.9], 0)); // => Float64Array [0, 1]
 * ```
 */
export class Tree {
  /** Number of features the tree was fitted on. */
  readonly nFeatures: number;
  /** Number of classes. */
  readonly nClasses: number;
  /** Split feature of each internal node. */
  readonly feature: Int32Array;
  /** Split threshold of each internal node (go left when `x <= threshold`). */
  readonly threshold: Float64Array;
  /** Left child of each internal node (≥ 0: internal node; < 0: leaf `~left`). */
  readonly left: Int32Array;
  /** Right child of each internal node (≥ 0: internal node; < 0: leaf `~right`). */
  readonly right: Int32Array;
  /** Weighted class counts of each leaf, row-major `nLeaves x nClasses`. */
  readonly value: Float64Array;
  /** Class fractions of each leaf (`value` normalised per leaf), row-major `nLeaves x nClasses`. */
  readonly proba: Float64Array;
  /** The class of each pure leaf, −1 for a mixed one: the fast path of {@link Tree.accumulateProba}. */
  private readonly pureClass: Int32Array;

  /**
   * @param arrays - the flat arrays (typed or plain); they are copied
   * @throws {InvalidArgumentError} when the arrays are inconsistent (lengths, child indices, features)
   */
  constructor(arrays: {
    readonly nFeatures: number;
    readonly nClasses: number;
    readonly feature: ArrayLike<number>;
    readonly threshold: ArrayLike<number>;
    readonly left: ArrayLike<number>;
    readonly right: ArrayLike<number>;
    readonly value: ArrayLike<number>;
  }) {
    const { nFeatures, nClasses } = arrays;
    if (!Number.isInteger(nFeatures) || nFeatures < 1 || !Number.isInteger(nClasses) || nClasses < 1) {
      throw new InvalidArgumentError(`Tree: nFeatures and nClasses must be positive integers, got ${nFeatures} and ${nClasses}`);
    }
    const nInternal = arrays.feature.length;
    if (arrays.threshold.length !== nInternal || arrays.left.length !== nInternal || arrays.right.length !== nInternal) {
      throw new InvalidArgumentError('Tree: feature, threshold, left and right must have one entry per internal node');
    }
    const nLeaves = nInternal + 1;
    if (arrays.value.length !== nLeaves * nClasses) {
      throw new InvalidArgumentError(`Tree: value must hold nLeaves x nClasses = ${nLeaves} x ${nClasses} numbers, got ${arrays.value.length}`);
    }
    this.nFeatures = nFeatures;
    this.nClasses = nClasses;
    // copies (the typed-array constructor copies typed and plain arrays alike, without iterating)
    this.feature = new Int32Array(arrays.feature);
    this.threshold = new Float64Array(arrays.threshold);
    this.left = new Int32Array(arrays.left);
    this.right = new Int32Array(arrays.right);
    this.value = new Float64Array(arrays.value);
    const invalidChild = (c: number, k: number): boolean => c === 0 || c >= nInternal || ~c >= nLeaves || (c > 0 && c <= k);
    for (let k = 0; k < nInternal; k++) {
      const f = this.feature[k]!;
      if (f < 0 || f >= nFeatures) throw new InvalidArgumentError(`Tree: node ${k} splits on feature ${f}, outside 0 … ${nFeatures - 1}`);
      if (invalidChild(this.left[k]!, k)) throw new InvalidArgumentError(`Tree: node ${k} has an invalid child ${this.left[k]!}`);
      if (invalidChild(this.right[k]!, k)) throw new InvalidArgumentError(`Tree: node ${k} has an invalid child ${this.right[k]!}`);
      if (!Number.isFinite(this.threshold[k]!)) throw new InvalidValueError('Tree: a threshold is not finite', { source: 'threshold', row: k });
    }
    this.proba = new Float64Array(this.value.length);
    this.pureClass = new Int32Array(nLeaves).fill(-1);
    for (let l = 0; l < nLeaves; l++) {
      let total = 0;
      for (let c = 0; c < nClasses; c++) total += this.value[l * nClasses + c]!;
      if (!(total > 0)) throw new InvalidValueError('Tree: a leaf has no positive class weight', { source: 'value', row: l });
      for (let c = 0; c < nClasses; c++) {
        this.proba[l * nClasses + c] = this.value[l * nClasses + c]! / total;
        if (this.value[l * nClasses + c] === total) this.pureClass[l] = c;
      }
    }
  }

  /** Number of internal (split) nodes. */
  get nodeCount(): number {
    return this.feature.length;
  }

  /** Number of leaves (`nodeCount + 1`). */
  get leafCount(): number {
    return this.feature.length + 1;
  }

  /** Depth of the tree: the number of splits on the longest root-to-leaf path (0 for a single leaf). */
  get depth(): number {
    const n = this.feature.length;
    if (n === 0) return 0;
    const depthOf = new Int32Array(n);
    let max = 0;
    // children have larger indices than their parents (depth-first construction)
    for (let k = 0; k < n; k++) {
      for (const c of [this.left[k]!, this.right[k]!]) {
        if (c > 0) depthOf[c] = depthOf[k]! + 1;
        else max = Math.max(max, depthOf[k]! + 1);
      }
    }
    return max;
  }

  /**
   * The leaf reached by row `row` of the row-major matrix `data` (with `nFeatures` columns). Runs in
   * O(depth).
   *
   * @param data - row-major features (a single row, or a whole matrix)
   * @param row - the row to route
   * @returns the leaf index (row of `value` / `proba`)
   */
  apply(data: ArrayLike<number>, row: number): number {
    const { feature, threshold, left, right } = this;
    const offset = row * this.nFeatures;
    let node = feature.length === 0 ? -1 : 0;
    while (node >= 0) node = data[offset + feature[node]!]! <= threshold[node]! ? left[node]! : right[node]!;
    return ~node;
  }

  /** The class fractions of leaf `leaf` (a new array of length `nClasses`). */
  leafProba(leaf: number): Float64Array {
    return this.proba.slice(leaf * this.nClasses, (leaf + 1) * this.nClasses);
  }

  /**
   * Adds the leaf class fractions of rows `rowStart … rowEnd − 1` of `data` to the same rows of `out`
   * (row-major `nRows x nClasses`): the inner loop of a forest's `predictProba`. Runs in O(rows · depth).
   *
   * @param data - row-major features with `nFeatures` columns
   * @param rowStart - first row
   * @param rowEnd - one past the last row
   * @param out - accumulator, row-major `nRows x nClasses`
   */
  accumulateProba(data: Float64Array, rowStart: number, rowEnd: number, out: Float64Array): void {
    const { feature, threshold, left, right, proba, pureClass, nClasses, nFeatures } = this;
    const root = feature.length === 0 ? -1 : 0;
    for (let i = rowStart, offset = rowStart * nFeatures; i < rowEnd; i++, offset += nFeatures) {
      let node = root;
      while (node >= 0) node = data[offset + feature[node]!]! <= threshold[node]! ? left[node]! : right[node]!;
      const leaf = ~node;
      const outBase = i * nClasses;
      const pure = pureClass[leaf]!;
      // a fully grown tree's leaves are mostly pure: one addition of exactly 1 instead of nClasses
      if (pure >= 0) out[outBase + pure]! += 1;
      else for (let c = 0, leafBase = leaf * nClasses; c < nClasses; c++) out[outBase + c]! += proba[leafBase + c]!;
    }
  }

  /** The tree as plain arrays (`JSON.stringify` round-trips every number exactly). */
  toJSON(): TreeJSON {
    return {
      nFeatures: this.nFeatures,
      nClasses: this.nClasses,
      feature: Array.from(this.feature),
      threshold: Array.from(this.threshold),
      left: Array.from(this.left),
      right: Array.from(this.right),
      value: Array.from(this.value),
    };
  }

  /**
   * Rebuilds a tree from {@link Tree.toJSON} output.
   *
   * @throws {InvalidArgumentError} when the arrays are inconsistent
   */
  static fromJSON(json: TreeJSON): Tree {
    return new Tree(json);
  }
}
