/**
 * Plain-data descriptions of classifiers and oversamplers ("specs"): `{ type, options }` objects that can be
 * saved as JSON and sent to worker threads, where a factory function cannot. The Monte Carlo pipeline takes a
 * spec and builds a fresh, seeded estimator from it for every draw.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import type { ClassifierFactory, OversamplerFactory } from './classifier';
import { ExtraTrees, type ExtraTreesOptions } from './extra-trees';
import { KNearestNeighbors, type KNearestNeighborsOptions } from './k-nearest-neighbors';
import { RandomForest, type RandomForestOptions } from './random-forest';
import { Smote, type SmoteOptions } from './smote';

/** A classifier as plain data (the paper's Table 4 compared these three). The seed comes from the caller. */
export type ClassifierSpec =
  | {
      /** A {@link RandomForest} (the paper's choice). */
      readonly type: 'RandomForest';
      /** Its options, without the seed (default: the estimator's defaults). */
      readonly options?: Omit<RandomForestOptions, 'seed'>;
    }
  | {
      /** An {@link ExtraTrees} ensemble. */
      readonly type: 'ExtraTrees';
      /** Its options, without the seed (default: the estimator's defaults). */
      readonly options?: Omit<ExtraTreesOptions, 'seed'>;
    }
  | {
      /** A {@link KNearestNeighbors} classifier (deterministic: takes no seed). */
      readonly type: 'KNearestNeighbors';
      /** Its options (default: k = 5 on standardised features). */
      readonly options?: KNearestNeighborsOptions;
    };

/** An oversampler as plain data. The seed comes from the caller; `onWarning` is not plain data. */
export type OversamplerSpec = {
  /** {@link Smote} (the only oversampler). */
  readonly type: 'Smote';
  /** Its options, without seed and `onWarning` (default: k = 4, every class up to the largest). */
  readonly options?: Omit<SmoteOptions, 'seed' | 'onWarning'>;
};

/**
 * The factory of a classifier spec: `(seed) => new X({ ...options, seed })`.
 *
 * @param spec - `{ type: 'RandomForest' | 'ExtraTrees' | 'KNearestNeighbors', options }`
 * @returns a factory of fresh, unfitted classifiers
 * @throws {InvalidArgumentError} for an unknown type, or options the estimator rejects
 * @example
 * ```ts
 * import { classifierFactory } from 'muwclass/ml';
 * const make = classifierFactory({ type: 'RandomForest', options: { nEstimators: 100 } });
 * const forest = make('draw 7').fit([[0], [1], [2], [3]], ['a', 'a', 'b', 'b']);
 * forest.predict([[2.5]]); // => ['b']
 * ```
 */
export function classifierFactory(spec: ClassifierSpec): ClassifierFactory {
  const options = (spec as { options?: object }).options ?? {};
  let make: ClassifierFactory;
  switch (spec?.type) {
    case 'RandomForest':
      make = (seed) => new RandomForest({ ...options, seed });
      break;
    case 'ExtraTrees':
      make = (seed) => new ExtraTrees({ ...options, seed });
      break;
    case 'KNearestNeighbors':
      make = () => new KNearestNeighbors(options);
      break;
    default:
      throw new InvalidArgumentError(`classifierFactory: unknown classifier type ${JSON.stringify((spec as { type?: unknown })?.type)} (known: RandomForest, ExtraTrees, KNearestNeighbors)`);
  }
  make('validate'); // constructing one checks the options now, not inside a worker thread
  return make;
}

/**
 * The factory of an oversampler spec: `(seed) => new Smote({ ...options, seed })`.
 *
 * @param spec - `{ type: 'Smote', options }`
 * @returns a factory of fresh oversamplers
 * @throws {InvalidArgumentError} for an unknown type, or options SMOTE rejects
 * @example
 * ```ts
 * import { oversamplerFactory } from 'muwclass/ml';
 * const X = [[0, 1], [1, 1], [2, 2], [10, 5], [11, 6], [12, 7], [13, 8], [14, 9]];
 * const y = ['CV', 'CV', 'CV', 'AGN', 'AGN', 'AGN', 'AGN', 'AGN'];
 * const balanced = oversamplerFactory({ type: 'Smote', options: { k: 2 } })('draw 7').fitResample(X, y);
 * balanced.nSynthetic; // => { AGN: 0, CV: 2 }
 * ```
 */
export function oversamplerFactory(spec: OversamplerSpec): OversamplerFactory {
  if (spec?.type !== 'Smote') {
    throw new InvalidArgumentError(`oversamplerFactory: unknown oversampler type ${JSON.stringify((spec as { type?: unknown })?.type)} (known: Smote)`);
  }
  const options = spec.options ?? {};
  const make: OversamplerFactory = (seed) => new Smote({ ...options, seed });
  make('validate');
  return make;
}
