/**
 * Extremely randomised trees (Geurts, Ernst & Wehenkel 2006), one of the classifiers the paper compared in
 * Table 4 (scikit-learn's `ExtraTreesClassifier`): the random forest's tree builder with the `'random'`
 * splitter — one threshold drawn uniformly between the node's minimum and maximum of each drawn feature —
 * grown on the whole training set (no bootstrap) by default.
 *
 * @module
 */
import { TreeEnsemble, type TreeEnsembleJSON, type TreeEnsembleOptions } from './tree-ensemble';

/**
 * Options of {@link ExtraTrees}: as {@link RandomForestOptions}, but `bootstrap` defaults to false.
 * `maxBins` has no effect (thresholds are drawn, not searched).
 */
export type ExtraTreesOptions = TreeEnsembleOptions;

/**
 * An extremely randomised trees classifier (Geurts et al. 2006).
 *
 * At every split ⌊√p⌋ features are drawn; for each, one threshold is drawn uniformly in (min, max) of the
 * feature over the node's samples, and the feature whose threshold decreases the Gini impurity most splits
 * the node. Trees are fully grown on the whole training set; probabilities are averaged as in
 * {@link RandomForest}.
 *
 * Cost: fit O(T · n · √p · depth) (no sorting).
 *
 * @example
 * ```ts
 * import { ExtraTrees } from 'muwclass/ml';
 * const model = new ExtraTrees({ nEstimators: 50, seed: 1 }).fit([[0], [1], [2], [3]], ['a', 'a', 'b', 'b']);
 * model.predict([[2.5]]); // => ['b']
 * ```
 */
export class ExtraTrees extends TreeEnsemble {
  protected readonly name = 'ExtraTrees';
  protected readonly splitter = 'random' as const;

  /**
   * @param options - see {@link ExtraTreesOptions}
   * @throws {InvalidArgumentError} for an option outside its documented range
   */
  constructor(options: ExtraTreesOptions = {}) {
    super(options, false, 'ExtraTrees');
  }

  /**
   * Restores a fitted model from {@link TreeEnsemble.toJSON} output (exact: identical predictions).
   *
   * @throws {InvalidArgumentError} when `json` is not a version-1 ExtraTrees model or is inconsistent
   */
  static fromJSON(json: TreeEnsembleJSON): ExtraTrees {
    return new ExtraTrees(json.options).restore(json);
  }
}
