/**
 * Random forest classification (Breiman 2001; paper Section 3.7): an ensemble of fully grown Gini trees,
 * each grown on a bootstrap sample with a fresh random subset of ⌊√p⌋ features drawn at every split, whose
 * class probabilities are averaged (scikit-learn's `RandomForestClassifier`, which the paper used with
 * 100 trees).
 *
 * @module
 */
import { TreeEnsemble, type TreeEnsembleJSON, type TreeEnsembleOptions } from './tree-ensemble';

/**
 * Options of {@link RandomForest}: `nEstimators` (100), `criterion` (`'gini'`), `maxFeatures` (`'sqrt'`),
 * `maxDepth` (unlimited), `minSamplesSplit` (2), `minSamplesLeaf` (1), `bootstrap` (true), `oobScore`
 * (false), `maxBins` (exact), `seed` (0).
 */
export type RandomForestOptions = TreeEnsembleOptions;

/**
 * A random forest classifier (Breiman 2001) on typed arrays.
 *
 * Each tree t is grown on its own bootstrap sample (n draws with replacement; a sample drawn k times has
 * weight k); at every split ⌊√p⌋ features are drawn afresh, and for each the threshold with the largest
 * Gini decrease (midpoints between consecutive distinct values) is found; the best of them splits the node,
 * until the leaves are pure. `predictProba` is the mean over trees of the leaf class fractions.
 *
 * Cost: fit O(T · n · √p · depth); on the paper's SMOTE-balanced training set (11,120 × 29) 100 trees take
 * about 0.34x scikit-learn's single-thread CPU time (0.28x with `maxBins: 256`), and `predictProba` about
 * the same time as scikit-learn's (docs/performance-forest.md, `npm run bench:forest`).
 *
 * @example
 * ```ts
 * import { RandomForest } from 'muwclass/ml';
 * const X = [[0, 0], [0, 1], [1, 0], [1, 1], [0.1, 0.2], [0.9, 0.8]];
 * const y = ['a', 'b', 'b', 'a', 'a', 'a'];
 * const forest = new RandomForest({ nEstimators: 50, seed: 1 }).fit(X, y);
 * forest.classes;                     // => ['a', 'b']
 * forest.predictProba([[0.95, 0.9]]); // => { data: Float64Array [0.88, 0.12], nRows: 1, nCols: 2 }
 * forest.predict([[0.95, 0.9]]);      // => ['a']
 * const copy = RandomForest.fromJSON(JSON.parse(JSON.stringify(forest)));
 * copy.predictProba([[0.95, 0.9]]).data; // => Float64Array [0.88, 0.12]
 * ```
 */
export class RandomForest extends TreeEnsemble {
  protected readonly name = 'RandomForest';
  protected readonly splitter = 'best' as const;

  /**
   * @param options - see {@link RandomForestOptions}
   * @throws {InvalidArgumentError} for an option outside its documented range
   */
  constructor(options: RandomForestOptions = {}) {
    super(options, true, 'RandomForest');
  }

  /**
   * Restores a fitted forest from {@link TreeEnsemble.toJSON} output (exact: identical predictions).
   *
   * @throws {InvalidArgumentError} when `json` is not a version-1 RandomForest model or is inconsistent
   */
  static fromJSON(json: TreeEnsembleJSON): RandomForest {
    return new RandomForest(json.options).restore(json);
  }
}
