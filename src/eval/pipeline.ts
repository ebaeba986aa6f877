/**
 * Evaluating the whole MUWCLASS pipeline on a training set (paper Section 4): stratified k-fold or
 * leave-one-out cross-validation of the Monte Carlo classifier (resampling, SMOTE inside each fold's training
 * part, random forest), then every metric of Appendix A on all sources and on the confident ones (CT ≥ cut),
 * the CT sweep with completeness, the confusion matrices, the ROC curves and the feature importances.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { deriveSeed } from '../core/random';
import type { Source } from '../io/schema';
import { MonteCarloClassifier, type MonteCarloOptions } from '../classify/monte-carlo';
import type { MonteCarloResult } from '../classify/result';
import type { ProgressCallback } from '../classify/progress';
import { confusionMatrix, type ConfusionMatrix } from './confusion-matrix';
import { ctSweep, type CtSweepPoint } from './ct-sweep';
import { aggregateImportances, type FeatureImportanceSummary } from './feature-importance';
import { leaveOneOut, stratifiedKFold, type Fold } from './folds';
import { rocCurves, type MulticlassRoc } from './roc';
import { classificationScores, type ClassificationScores } from './scores';

/** Options of {@link evaluatePipeline}: the Monte Carlo options (without reddening) plus the cross-validation. */
export interface PipelineEvaluationOptions extends Omit<MonteCarloOptions, 'reddenAgn' | 'reddenClasses' | 'ebvBinning' | 'reddening' | 'onProgress'> {
  /** `'loo'` (leave-one-out, the paper's) or the number of stratified folds (default 10). */
  readonly cv?: 'loo' | number;
  /** The confidence-threshold cut of the "confident" metrics (default 2, the paper's). */
  readonly ctCut?: number;
  /** The cuts of the CT sweep (default 0, 0.1, …, 5). */
  readonly cuts?: ArrayLike<number>;
  /** Progress after each finished work unit. */
  readonly onProgress?: ProgressCallback;
  /** Stops the run (it rejects with `CancelledError`). */
  readonly signal?: AbortSignal;
}

/** What {@link evaluatePipeline} returns. */
export interface PipelineEvaluation {
  /** The class labels, sorted. */
  readonly classes: readonly string[];
  /** The folds used (test rows of each). */
  readonly folds: readonly Fold[];
  /** The true class of every training source. */
  readonly yTrue: readonly string[];
  /** The out-of-fold Monte Carlo result of every training source. */
  readonly result: MonteCarloResult;
  /** Every metric on all sources. */
  readonly all: ClassificationScores;
  /** Every metric on the sources with CT ≥ `ctCut`, with completeness and balanced completeness. */
  readonly confident: CtSweepPoint;
  /** Confusion matrix of all sources (rows true, columns predicted). */
  readonly confusion: ConfusionMatrix;
  /** Confusion matrix of the confident sources. */
  readonly confusionConfident: ConfusionMatrix;
  /** Per-class and macro-averaged ROC curves and AUC of all sources. */
  readonly roc: MulticlassRoc;
  /** Metrics, completeness and macro AUC against the CT cut. */
  readonly sweep: readonly CtSweepPoint[];
  /** Mean and scatter of the feature importances over folds and draws (when the classifier has them). */
  readonly importances?: FeatureImportanceSummary;
}

/**
 * Cross-validates the MUWCLASS pipeline on a labelled training set and computes the paper's metrics.
 * No reddening: the training set is evaluated against itself, as in the paper. Reproducible for a given seed,
 * whatever the number of workers.
 *
 * @param trainingSet - labelled sources (`readSourceTable(td, { requireLabel: true }).sources`)
 * @param options - Monte Carlo options (`nSamples`, `resample`, `seed`, `classifier`, `oversampler`, `workers`, …),
 *   `cv` (`'loo'` or k, default 10), `ctCut` (default 2), `cuts`, `onProgress`
 * @returns metrics on all and on confident sources, confusion matrices, ROC, CT sweep, importances
 * @throws {InvalidArgumentError} for an invalid `cv` (k < 2 or more folds than the smallest class allows) or `ctCut`
 * @example
 * ```ts
 * import { evaluatePipeline } from 'muwclass/eval';
 * import { syntheticTrainingSet } from 'muwclass/io';
 * const classifier = { type: 'RandomForest', options: { nEstimators: 20 } } as const;
 * const ev = await evaluatePipeline(syntheticTrainingSet(), { cv: 5, nSamples: 2, seed: 1, classifier });
 * ev.all.accuracy;           // => 0.934 (the same for the same seed)
 * ev.confident.completeness; // => 0.862 (the fraction of sources with CT >= 2)
 * ```
 */
export async function evaluatePipeline(trainingSet: readonly Source[], options: PipelineEvaluationOptions = {}): Promise<PipelineEvaluation> {
  const { cv = 10, ctCut = 2, cuts, onProgress, signal, ...mcOptions } = options;
  if (!Number.isFinite(ctCut)) throw new InvalidArgumentError(`evaluatePipeline: ctCut must be finite, got ${ctCut}`);
  const mc = new MonteCarloClassifier({ ...mcOptions, reddenAgn: false, importances: true }).fit(trainingSet);
  const yTrue = trainingSet.map((s) => s.label!);
  let folds: Fold[];
  if (cv === 'loo') folds = leaveOneOut(yTrue.length);
  else if (Number.isInteger(cv) && cv >= 2) folds = stratifiedKFold(yTrue, cv, deriveSeed(mc.options.seed, 'folds'));
  else throw new InvalidArgumentError(`evaluatePipeline: cv must be 'loo' or an integer >= 2, got ${String(cv)}`);
  const result = await mc.crossValidate(folds, { ...(onProgress === undefined ? {} : { onProgress }), ...(signal === undefined ? {} : { signal }) });
  const classes = result.classes;
  const yPred = result.predicted;
  const sweepCuts = cuts ?? Float64Array.from({ length: 51 }, (_, i) => i / 10);
  const [confident] = ctSweep(yTrue, yPred, result.ct, { cuts: [ctCut], classes });
  const keep = yTrue.map((_, i) => result.ct[i]! >= ctCut);
  const out: { -readonly [K in keyof PipelineEvaluation]: PipelineEvaluation[K] } = {
    classes,
    folds,
    yTrue,
    result,
    all: classificationScores(yTrue, yPred, { classes }),
    confident: confident!,
    confusion: confusionMatrix(yTrue, yPred, { classes }),
    confusionConfident: confusionMatrix(
      yTrue.filter((_, i) => keep[i]),
      yPred.filter((_, i) => keep[i]),
      { classes },
    ),
    roc: rocCurves(yTrue, result.mean, classes),
    sweep: ctSweep(yTrue, yPred, result.ct, { cuts: sweepCuts, proba: result.mean, classes }),
  };
  if (result.importances !== undefined) {
    const { names, values } = result.importances;
    const vectors = Array.from({ length: values.nRows }, (_, r) => values.data.subarray(r * values.nCols, (r + 1) * values.nCols));
    out.importances = aggregateImportances(vectors, { featureNames: names });
  }
  return out;
}
