/**
 * Feature importances aggregated over cross-validation folds or Monte Carlo draws (paper Section 4): the mean
 * importance of each feature and its scatter.
 *
 * @module
 */
import { mean as average, sampleStandardDeviation, standardDeviation } from 'simple-statistics';

import { InvalidArgumentError, InvalidValueError, ShapeMismatchError } from '../core/errors';

/** Options of {@link aggregateImportances}. */
export interface AggregateImportancesOptions {
  /** The name of each feature (default: `"0"`, `"1"`, …). */
  readonly featureNames?: readonly string[];
  /**
   * Delta degrees of freedom of the standard deviation: 0 (default, numpy's `std`, the population scatter of
   * the folds/draws) or 1 (the unbiased sample variance).
   */
  readonly ddof?: 0 | 1;
}

/** The mean and scatter of each feature's importance over a set of fitted models. */
export interface FeatureImportanceSummary {
  /** The feature names, in column order. */
  readonly features: readonly string[];
  /** Mean importance of each feature. */
  readonly mean: Float64Array;
  /** Standard deviation of each feature's importance over the models (`ddof` as requested). */
  readonly std: Float64Array;
  /** Number of models aggregated. */
  readonly count: number;
  /** Column indices by decreasing mean importance (ties keep column order). */
  readonly order: Int32Array;
}

/**
 * Aggregates feature importances (e.g. a random forest's impurity-based `featureImportances`, one vector per
 * cross-validation fold or Monte Carlo draw): the mean and standard deviation of each feature's importance,
 * and the features ranked by mean. Runs in O(m p log p) for m vectors of p features.
 *
 * @param importances - one importance vector per model, all of the same length
 * @param options - feature names, and `ddof` of the standard deviation (default 0)
 * @returns the mean, standard deviation and ranking
 * @throws {InvalidArgumentError} when `importances` is empty, `ddof` is 1 with a single vector, or
 * `featureNames` has the wrong length
 * @throws {ShapeMismatchError} when the vectors differ in length
 * @throws {InvalidValueError} when an importance is not finite (naming the vector and feature)
 * @example
 * ```ts
 * import { aggregateImportances } from 'muwclass/eval';
 * const s = aggregateImportances([[0.6, 0.4], [0.8, 0.2]], { featureNames: ['HR_hm', 'Gmag'] });
 * s.mean;  // => Float64Array [0.7, 0.3]
 * s.std;   // => Float64Array [0.1, 0.1]
 * s.order; // => Int32Array [0, 1] (most important first)
 * ```
 */
export function aggregateImportances(importances: readonly ArrayLike<number>[], options: AggregateImportancesOptions = {}): FeatureImportanceSummary {
  const m = importances.length;
  if (m === 0) throw new InvalidArgumentError('aggregateImportances requires at least one importance vector');
  const ddof = options.ddof ?? 0;
  if (ddof !== 0 && ddof !== 1) throw new InvalidArgumentError(`aggregateImportances: ddof must be 0 or 1, got ${String(ddof)}`);
  if (ddof === 1 && m < 2) throw new InvalidArgumentError('aggregateImportances: ddof = 1 requires at least two importance vectors');
  const p = importances[0]!.length;
  importances.forEach((v, r) => {
    if (v.length !== p) throw new ShapeMismatchError(`aggregateImportances: vector ${r} has ${v.length} features, vector 0 has ${p}`);
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(v[j]!)) throw new InvalidValueError(`aggregateImportances: importance is ${v[j]}`, { source: 'importances', row: r, column: j });
    }
  });
  const features = options.featureNames === undefined ? Array.from({ length: p }, (_, j) => String(j)) : [...options.featureNames];
  if (features.length !== p) {
    throw new InvalidArgumentError(`aggregateImportances: ${features.length} feature names for ${p} features`);
  }
  // One column per feature, summarised with simple-statistics (population or sample standard deviation).
  const mean = new Float64Array(p);
  const std = new Float64Array(p);
  const spread = ddof === 0 ? standardDeviation : sampleStandardDeviation;
  for (let j = 0; j < p; j++) {
    const column = importances.map((v) => v[j]!);
    mean[j] = average(column);
    std[j] = spread(column);
  }
  const order = Int32Array.from({ length: p }, (_, j) => j).sort((a, b) => mean[b]! - mean[a]! || a - b);
  return { features, mean, std, count: m, order };
}
