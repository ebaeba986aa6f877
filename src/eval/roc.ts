/**
 * Receiver operating characteristic (ROC) curves and the area under them (paper Section 4): binary, per class
 * one-vs-rest, and macro-averaged, with scikit-learn's treatment of tied scores.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError, ShapeMismatchError } from '../core/errors';
import { toFeatureMatrix, type MatrixLike } from '../core/matrix';
import { classIndex, encodeLabels } from './labels';

/** A ROC curve: true-positive rate against false-positive rate as the score threshold decreases. */
export interface RocCurve {
  /** False-positive rate FP / (FP + TN) at each threshold, non-decreasing from 0 to 1. */
  readonly fpr: Float64Array;
  /** True-positive rate TP / (TP + FN) at each threshold, non-decreasing from 0 to 1. */
  readonly tpr: Float64Array;
  /**
   * Decreasing score thresholds: point i counts a sample as positive when its score ≥ `thresholds[i]`.
   * `thresholds[0]` is `+Infinity` (nothing positive; scikit-learn ≥ 1.3 — older versions wrote max + 1).
   */
  readonly thresholds: Float64Array;
  /** Area under the curve (trapezoidal rule); `NaN` when there are no positives or no negatives. */
  readonly auc: number;
  /** Number of positive samples. */
  readonly positives: number;
  /** Number of negative samples. */
  readonly negatives: number;
}

/** Options of {@link rocCurve} and {@link rocCurves}. */
export interface RocOptions {
  /**
   * Drop the thresholds at which the curve only continues a straight segment (scikit-learn's
   * `drop_intermediate`); the area is unchanged. Default `true`.
   */
  readonly dropIntermediate?: boolean;
}

/**
 * The area under a piecewise-linear curve by the trapezoidal rule (scikit-learn's `auc`), for `x`
 * non-decreasing (or non-increasing: the area is then returned positive). Runs in O(n).
 *
 * @param x - abscissae, monotonic
 * @param y - ordinates
 * @returns the area; `NaN` when a value is `NaN`, 0 for fewer than two points
 * @throws {ShapeMismatchError} when `x` and `y` differ in length
 * @throws {InvalidArgumentError} when `x` is not monotonic
 * @example
 * ```ts
 * import { areaUnderCurve } from 'muwclass/eval';
 * areaUnderCurve([0, 0.5, 1], [0, 1, 1]); // => 0.75
 * ```
 */
export function areaUnderCurve(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new ShapeMismatchError(`areaUnderCurve: x has ${x.length} values but y has ${y.length}`);
  let increasing = true;
  let decreasing = true;
  for (let i = 1; i < x.length; i++) {
    if (x[i]! < x[i - 1]!) increasing = false;
    if (x[i]! > x[i - 1]!) decreasing = false;
  }
  if (!increasing && !decreasing) throw new InvalidArgumentError('areaUnderCurve: x is neither non-decreasing nor non-increasing');
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return increasing ? area : -area;
}

/** Validates the scores (finite) and returns the sample indices sorted by decreasing score. */
function orderByScore(fn: string, scores: ArrayLike<number>, offset: number, stride: number, n: number): Int32Array {
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = scores[offset + i * stride]!;
    if (!Number.isFinite(v)) {
      throw new InvalidValueError(`${fn}: score is ${v}`, stride === 1 ? { source: 'scores', row: i } : { source: 'proba', row: i, column: offset });
    }
    s[i] = v;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => s[b]! - s[a]!);
  return order;
}

/** The ROC curve of binary labels `positive` (1/0) against the scores at `scores[offset + i * stride]`. */
function curve(positive: Uint8Array, scores: ArrayLike<number>, offset: number, stride: number, dropIntermediate: boolean, fn: string): RocCurve {
  const n = positive.length;
  const order = orderByScore(fn, scores, offset, stride, n);
  // One point per distinct score: cumulative TP and FP counts after the last sample of that score.
  const tps: number[] = [];
  const fps: number[] = [];
  const thr: number[] = [];
  let tp = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    tp += positive[i]!;
    const score = scores[offset + i * stride]!;
    if (r === n - 1 || scores[offset + order[r + 1]! * stride]! !== score) {
      tps.push(tp);
      fps.push(r + 1 - tp);
      thr.push(score);
    }
  }
  let keep: number[];
  if (dropIntermediate && tps.length > 2) {
    keep = [0];
    for (let j = 1; j < tps.length - 1; j++) {
      if (fps[j - 1]! - 2 * fps[j]! + fps[j + 1]! !== 0 || tps[j - 1]! - 2 * tps[j]! + tps[j + 1]! !== 0) keep.push(j);
    }
    keep.push(tps.length - 1);
  } else {
    keep = tps.map((_, j) => j);
  }
  const positives = tp;
  const negatives = n - tp;
  const m = keep.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const thresholds = new Float64Array(m);
  thresholds[0] = Number.POSITIVE_INFINITY;
  keep.forEach((j, q) => {
    fpr[q + 1] = fps[j]! / negatives;
    tpr[q + 1] = tps[j]! / positives;
    thresholds[q + 1] = thr[j]!;
  });
  if (negatives === 0) fpr.fill(Number.NaN);
  if (positives === 0) tpr.fill(Number.NaN);
  const auc = negatives === 0 || positives === 0 ? Number.NaN : areaUnderCurve(fpr, tpr);
  return { fpr, tpr, thresholds, auc, positives, negatives };
}

/**
 * The ROC curve of a binary classification and its area (scikit-learn's `roc_curve` and `roc_auc_score`).
 * Samples with equal scores enter the curve together (one point per distinct score, a diagonal step across a
 * tie), so the area equals the Mann–Whitney probability that a random positive outscores a random negative,
 * ties counting one half. When there are no negatives (positives) the false- (true-) positive rates are
 * `NaN` and so is the area (scikit-learn warns and does the same; `roc_auc_score` raises). Runs in
 * O(n log n).
 *
 * @param isPositive - whether each sample is positive: `true`/`false` or 1/0
 * @param scores - the score of each sample (higher means more likely positive), finite
 * @param options - `dropIntermediate` (default `true`)
 * @returns the curve (`fpr`, `tpr`, `thresholds`) and its `auc`
 * @throws {ShapeMismatchError} when `isPositive` and `scores` differ in length
 * @throws {InvalidValueError} when a label is not `true`/`false`/1/0, or a score is not finite
 * @example
 * ```ts
 * import { rocCurve } from 'muwclass/eval';
 * const roc = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * roc.fpr; // => Float64Array [0, 0, 0.5, 0.5, 1]
 * roc.tpr; // => Float64Array [0, 0.5, 0.5, 1, 1]
 * roc.auc; // => 0.75
 * ```
 */
export function rocCurve(isPositive: ArrayLike<boolean | number>, scores: ArrayLike<number>, options: RocOptions = {}): RocCurve {
  if (isPositive.length !== scores.length) {
    throw new ShapeMismatchError(`rocCurve: isPositive has ${isPositive.length} entries but scores has ${scores.length}`);
  }
  const positive = new Uint8Array(isPositive.length);
  for (let i = 0; i < isPositive.length; i++) {
    const v = isPositive[i];
    if (v === true || v === 1) positive[i] = 1;
    else if (!(v === false || v === 0)) throw new InvalidValueError(`rocCurve: label must be true/false or 1/0, got ${String(v)}`, { source: 'isPositive', row: i });
  }
  return curve(positive, scores, 0, 1, options.dropIntermediate ?? true, 'rocCurve');
}

/** One-vs-rest ROC curves of a multi-class classification, with their macro averages. */
export interface MulticlassRoc {
  /** The classes, in the column order of the probabilities. */
  readonly classes: readonly string[];
  /** The one-vs-rest curve of each class (that class positive, every other negative). */
  readonly perClass: readonly RocCurve[];
  /**
   * The mean of the per-class areas (scikit-learn's `roc_auc_score(multi_class='ovr', average='macro')`),
   * over the classes that have both positives and negatives; `NaN` when none has.
   */
  readonly macroAuc: number;
  /**
   * The macro-averaged curve: at every false-positive rate of any per-class curve, the mean of the per-class
   * true-positive rates linearly interpolated there (as numpy's `interp`, the upper end of a vertical step),
   * over the same classes as `macroAuc`; `auc` is its trapezoidal area (close to, not equal to, `macroAuc`).
   */
  readonly macroCurve: {
    /** False-positive rates, ascending from 0 to 1: the union of the per-class curves' rates (empty when no class has both positives and negatives). */
    readonly fpr: Float64Array;
    /** Mean interpolated true-positive rate at each `fpr` (same length). */
    readonly tpr: Float64Array;
    /** Trapezoidal area under this curve; `NaN` when no class has both positives and negatives. */
    readonly auc: number;
  };
}

/** numpy's `interp(x, xp, fp)` for non-decreasing `xp` starting at or below `x`. */
function interp(x: number, xp: Float64Array, fp: Float64Array): number {
  let lo = 0;
  let hi = xp.length - 1;
  if (x >= xp[hi]!) return fp[hi]!;
  // Last j with xp[j] <= x.
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xp[mid]! <= x) lo = mid;
    else hi = mid;
  }
  while (lo + 1 < xp.length && xp[lo + 1]! <= x) lo++;
  const x0 = xp[lo]!;
  if (x0 === x) return fp[lo]!;
  const x1 = xp[lo + 1]!;
  return fp[lo]! + ((fp[lo + 1]! - fp[lo]!) * (x - x0)) / (x1 - x0);
}

/**
 * One-vs-rest ROC curves of every class from an n × K probability matrix (columns in `classes` order), their
 * mean area (scikit-learn's macro one-vs-rest `roc_auc_score`) and the macro-averaged curve (as in
 * scikit-learn's ROC example). A class with no positive or no negative sample has a `NaN` curve and area and
 * is left out of both averages (scikit-learn raises instead). Runs in O(K n log n).
 *
 * @param yTrue - true class of each sample; every label must be one of `classes`
 * @param proba - n × K class probabilities (or any scores), row-major, columns in `classes` order
 * @param classes - the class of each column
 * @param options - `dropIntermediate` (default `true`)
 * @returns the per-class curves, the macro area and the macro curve
 * @throws {ShapeMismatchError} when `proba` does not have `yTrue.length` rows and `classes.length` columns
 * @throws {InvalidArgumentError} when `classes` repeats a class
 * @throws {InvalidValueError} when a label is not one of `classes`, or a probability is not finite
 * @example
 * ```ts
 * import { rocCurves } from 'muwclass/eval';
 * const roc = rocCurves(['A', 'B', 'C'], [[0.8, 0.1, 0.1], [0.3, 0.6, 0.1], [0.2, 0.3, 0.5]], ['A', 'B', 'C']);
 * roc.macroAuc; // => 1 (each class has the top score on its own sample)
 * roc.perClass[0].auc; // => 1
 * ```
 */
export function rocCurves(yTrue: readonly string[], proba: MatrixLike, classes: readonly string[], options: RocOptions = {}): MulticlassRoc {
  const m = toFeatureMatrix(proba, 'proba');
  const k = classes.length;
  if (m.nRows !== yTrue.length || m.nCols !== k) {
    throw new ShapeMismatchError(`rocCurves: proba is ${m.nRows} x ${m.nCols} but there are ${yTrue.length} labels and ${k} classes`);
  }
  const t = encodeLabels('rocCurves', 'yTrue', yTrue, classIndex('rocCurves', classes));
  const dropIntermediate = options.dropIntermediate ?? true;
  const perClass: RocCurve[] = [];
  const positive = new Uint8Array(t.length);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < t.length; i++) positive[i] = t[i] === c ? 1 : 0;
    perClass.push(curve(positive, m.data, c, k, dropIntermediate, 'rocCurves'));
  }
  const defined = perClass.filter((r) => !Number.isNaN(r.auc));
  let macroAuc = Number.NaN;
  let fpr = new Float64Array(0);
  let tpr = new Float64Array(0);
  if (defined.length > 0) {
    macroAuc = defined.reduce((sum, r) => sum + r.auc, 0) / defined.length;
    const grid = new Set<number>();
    for (const r of defined) for (const x of r.fpr) grid.add(x);
    fpr = Float64Array.from(grid).sort();
    tpr = new Float64Array(fpr.length);
    for (let g = 0; g < fpr.length; g++) {
      let sum = 0;
      for (const r of defined) sum += interp(fpr[g]!, r.fpr, r.tpr);
      tpr[g] = sum / defined.length;
    }
  }
  return {
    classes: [...classes],
    perClass,
    macroAuc,
    macroCurve: { fpr, tpr, auc: defined.length > 0 ? areaUnderCurve(fpr, tpr) : Number.NaN },
  };
}
