/**
 * The shape every classifier shares (scikit-learn's estimator convention): options in the constructor,
 * `fit(X, y)` returns the fitted estimator, `predictProba(X)` returns one row of class probabilities per
 * sample in the order of `classes`.
 *
 * @module
 */
import type { FeatureMatrix, MatrixLike } from '../core/matrix';

/**
 * A probabilistic classifier.
 *
 * Conventions: `fit` never mutates `X` or `y`; `predictProba` returns an `nRows x classes.length` row-major
 * matrix whose rows sum to 1; `classes` is sorted (string order) and available after `fit` (before it,
 * reading it throws `NotFittedError`). Implemented by `RandomForest`, `ExtraTrees`, `DecisionTree` and
 * `KNearestNeighbors`; `validateTrainingSet` and `validatePredictInput` give a new implementation the same
 * input checks and error messages.
 *
 * @example
 * ```ts
 * import { RandomForest, type Classifier } from 'muwclass/ml';
 * const model: Classifier = new RandomForest({ seed: 1 }).fit([[0], [1], [2], [3]], ['a', 'a', 'b', 'b']);
 * model.predictProba([[2.5]]).data; // => Float64Array [0.05, 0.95] (p_a + p_b = 1)
 * ```
 */
export interface Classifier {
  /** Learns from features `X` (one row per sample, no NaN: missing values are flagged -100 upstream) and labels `y`. */
  fit(X: MatrixLike, y: readonly string[]): this;
  /** Class probabilities, row-major `nRows x classes.length`. */
  predictProba(X: MatrixLike): FeatureMatrix;
  /** The class labels, sorted, in the column order of {@link Classifier.predictProba}. */
  readonly classes: readonly string[];
}

/**
 * Makes a fresh, unfitted classifier for a given seed (the Monte Carlo pipeline trains one per draw).
 *
 * @example
 * ```ts
 * import { RandomForest, type ClassifierFactory } from 'muwclass/ml';
 * const factory: ClassifierFactory = (seed) => new RandomForest({ seed, nEstimators: 100 });
 * factory('draw 0').fit([[0], [1]], ['a', 'b']).predict([[0.9]]); // => ['b']
 * ```
 */
export type ClassifierFactory = (seed: string) => Classifier;

/**
 * An oversampler (imbalanced-learn's convention): returns a new, balanced training set; never mutates its
 * input. Features may hold `NaN` (missing): an oversampler documents how it treats them.
 */
export interface Oversampler {
  /** Resamples `X`, `y`; the result holds the original rows first, then the synthetic ones. */
  fitResample(
    X: MatrixLike,
    y: readonly string[],
  ): {
    /** The resampled features: the input rows, then the synthetic rows (same columns). */
    readonly X: FeatureMatrix;
    /** One label per row of the resampled `X`. */
    readonly y: string[];
  };
}

/** Makes a fresh oversampler for a given seed (the Monte Carlo pipeline oversamples once per draw). */
export type OversamplerFactory = (seed: string) => Oversampler;
