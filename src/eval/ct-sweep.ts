/**
 * Metrics as a function of the confidence-threshold cut (paper Section 4): keeping only the sources with
 * CT ≥ cut trades completeness for reliability.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError, ShapeMismatchError } from '../core/errors';
import { toFeatureMatrix, selectRows, type MatrixLike } from '../core/matrix';
import { assertSameLength, uniqueSorted } from './labels';
import { rocCurves } from './roc';
import { classificationScores, type ClassificationScores } from './scores';

/** The metrics of the sources kept by one CT cut. */
export interface CtSweepPoint extends ClassificationScores {
  /** The cut: sources with CT ≥ `cut` are kept. */
  readonly cut: number;
  /** Completeness: the fraction of all sources kept (`n` / total). */
  readonly completeness: number;
  /**
   * Balanced completeness: the mean over the true classes (those present among all sources) of the fraction
   * of each class's sources kept.
   */
  readonly balancedCompleteness: number;
  /** Macro one-vs-rest ROC AUC of the kept sources ({@link MulticlassRoc.macroAuc}); present when `proba` is given. */
  readonly macroAuc?: number;
}

/** Options of {@link ctSweep}. */
export interface CtSweepOptions {
  /** The cuts, in the order wanted. Default: 0, 0.1, …, 5 (51 cuts). */
  readonly cuts?: ArrayLike<number>;
  /** n × K class probabilities (columns in `classes` order) to add the macro ROC AUC of each cut. */
  readonly proba?: MatrixLike;
  /** The class of each column of `proba`; required with `proba`. */
  readonly classes?: readonly string[];
}

/** The default cuts 0, 0.1, …, 5. */
function defaultCuts(): Float64Array {
  const cuts = new Float64Array(51);
  for (let i = 0; i < cuts.length; i++) cuts[i] = i / 10;
  return cuts;
}

/**
 * Sweeps the confidence-threshold cut (paper Section 4, e.g. its CT ≥ 2 results): for each cut, every metric
 * of {@link classificationScores} on the sources with CT ≥ cut, plus the completeness (the fraction of sources
 * kept) and the balanced completeness (the mean over the true classes of the per-class kept fraction).
 * At each cut the macro averages run over the classes present among the kept sources' true or predicted
 * labels (scikit-learn's default), so a class that loses all its sources stops counting; a cut that keeps no
 * source has `n = 0` and `NaN` metrics. Runs in O(C (n + K²)) for C cuts, O(C K n log n) with `proba`.
 *
 * @param yTrue - true class of each source
 * @param yPred - predicted class of each source
 * @param ct - confidence threshold of each source (see `confidenceThresholds` in `muwclass/classify`)
 * @param options - the cuts (default 0, 0.1, …, 5), and optional probabilities for the ROC AUC
 * @returns one point per cut, in the order of the cuts
 * @throws {ShapeMismatchError} when the arrays (or `proba`'s rows) differ in length
 * @throws {InvalidArgumentError} when a cut is `NaN`, or `proba` is given without `classes`
 * @throws {InvalidValueError} when a CT is `NaN` (naming the source) — every source must have one
 * @example
 * ```ts
 * import { ctSweep } from 'muwclass/eval';
 * const sweep = ctSweep(['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B'], [3, 0.5, 2.5, 1], { cuts: [0, 2] });
 * sweep[1]; // => { cut: 2, n: 2, accuracy: 1, balancedAccuracy: 1, precision: 1, recall: 1, f1: 1, mcc: 1,
 * //               completeness: 0.5, balancedCompleteness: 0.5 }
 * ```
 */
export function ctSweep(yTrue: readonly string[], yPred: readonly string[], ct: ArrayLike<number>, options: CtSweepOptions = {}): CtSweepPoint[] {
  assertSameLength('ctSweep', 'yTrue', yTrue, 'yPred', yPred);
  assertSameLength('ctSweep', 'yTrue', yTrue, 'ct', ct);
  for (let i = 0; i < ct.length; i++) {
    if (Number.isNaN(ct[i]!)) throw new InvalidValueError('ctSweep: CT is NaN; every source needs a confidence threshold', { source: 'ct', row: i });
  }
  const cuts = options.cuts ?? defaultCuts();
  for (let c = 0; c < cuts.length; c++) {
    if (Number.isNaN(cuts[c]!)) throw new InvalidArgumentError(`ctSweep: cut ${c} is NaN`);
  }
  const proba = options.proba === undefined ? undefined : toFeatureMatrix(options.proba, 'proba');
  if (proba !== undefined) {
    if (options.classes === undefined) throw new InvalidArgumentError('ctSweep: options.classes (the columns of proba) is required with proba');
    if (proba.nRows !== yTrue.length) throw new ShapeMismatchError(`ctSweep: proba has ${proba.nRows} rows but there are ${yTrue.length} sources`);
  }
  const n = yTrue.length;
  const trueClasses = uniqueSorted(yTrue);
  const classTotal = new Map<string, number>(trueClasses.map((c) => [c, 0]));
  for (const label of yTrue) classTotal.set(label, classTotal.get(label)! + 1);

  return Array.from(cuts, (cut) => {
    const kept: number[] = [];
    for (let i = 0; i < n; i++) if (ct[i]! >= cut) kept.push(i);
    const keptTrue = kept.map((i) => yTrue[i]!);
    const keptPred = kept.map((i) => yPred[i]!);
    const keptPerClass = new Map<string, number>(trueClasses.map((c) => [c, 0]));
    for (const label of keptTrue) keptPerClass.set(label, keptPerClass.get(label)! + 1);
    let balanced = 0;
    for (const c of trueClasses) balanced += keptPerClass.get(c)! / classTotal.get(c)!;
    const point: CtSweepPoint = {
      cut,
      ...classificationScores(keptTrue, keptPred),
      completeness: n === 0 ? Number.NaN : kept.length / n,
      balancedCompleteness: trueClasses.length === 0 ? Number.NaN : balanced / trueClasses.length,
    };
    if (proba === undefined) return point;
    return { ...point, macroAuc: rocCurves(keptTrue, selectRows(proba, kept), options.classes!).macroAuc };
  });
}
