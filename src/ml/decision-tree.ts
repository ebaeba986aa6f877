/**
 * A single classification tree (CART, Breiman et al. 1984; scikit-learn's `DecisionTreeClassifier`): the
 * building block of `RandomForest` and `ExtraTrees`, useful on its own for inspecting splits.
 *
 * @module
 */
import { InvalidArgumentError, NotFittedError } from '../core/errors';
import type { FeatureMatrix, MatrixLike } from '../core/matrix';
import { createRng, deriveSeed } from '../core/random';
import type { Classifier } from './classifier';
import { mostProbable, validatePredictInput, validateTrainingSet } from './labels';
import { presortFeatures, type Splitter } from './splitter';
import { Tree, type TreeJSON } from './tree';
import { TreeBuilder } from './tree-builder';
import { resolveTreeOptions, treeParams, type ResolvedTreeOptions, type TreeOptions } from './tree-options';

/** Options of {@link DecisionTree}: the {@link TreeOptions} (with `maxFeatures` default `'all'`) and the splitter. */
export interface DecisionTreeOptions extends TreeOptions {
  /** `'best'` (default: every midpoint between distinct values) or `'random'` (one random threshold per feature). */
  readonly splitter?: Splitter;
}

/** Resolved options of a {@link DecisionTree}. */
export interface ResolvedDecisionTreeOptions extends ResolvedTreeOptions {
  /** `'best'` (every midpoint between distinct values) or `'random'` (one random threshold per feature). */
  readonly splitter: Splitter;
}

/** The serialised form of a fitted {@link DecisionTree}. */
export interface DecisionTreeJSON {
  /** Format tag, checked by `DecisionTree.fromJSON`. */
  readonly type: 'DecisionTree';
  /** Format version (1). */
  readonly version: 1;
  /** The options it was grown with, defaults filled in. */
  readonly options: ResolvedDecisionTreeOptions;
  /** The class labels, sorted: column order of `predictProba` and of the tree's leaf values. */
  readonly classes: string[];
  /** Mean decrease in impurity per feature, normalised to sum 1 (all zeros for a single-leaf tree). */
  readonly featureImportances: number[];
  /** The fitted tree's flat arrays. */
  readonly tree: TreeJSON;
}

/**
 * A classification tree grown on the whole training set (every sample weight 1), by default considering
 * every feature at every split and growing until the leaves are pure.
 *
 * @example
 * ```ts
 * import { DecisionTree } from 'muwclass/ml';
 * const tree = new DecisionTree().fit([[1], [2], [3], [4]], ['a', 'a', 'b', 'b']);
 * tree.tree.threshold[0];  // => 2.5 (the midpoint between 2 and 3)
 * tree.predict([[2.4]]);   // => ['a']
 * ```
 */
export class DecisionTree implements Classifier {
  /** The resolved options. */
  readonly options: ResolvedDecisionTreeOptions;
  private state: { classes: readonly string[]; tree: Tree; featureImportances: Float64Array } | undefined;

  /**
   * @param options - see {@link DecisionTreeOptions}
   * @throws {InvalidArgumentError} for an option outside its documented range
   */
  constructor(options: DecisionTreeOptions = {}) {
    const splitter = options.splitter ?? 'best';
    if (splitter !== 'best' && splitter !== 'random') {
      throw new InvalidArgumentError(`DecisionTree: splitter must be 'best' or 'random', got ${JSON.stringify(splitter)}`);
    }
    this.options = { ...resolveTreeOptions(options, 'all', 'DecisionTree'), splitter };
  }

  private fitted(method: string): NonNullable<DecisionTree['state']> {
    if (this.state === undefined) throw new NotFittedError(`DecisionTree.${method}`);
    return this.state;
  }

  /**
   * Grows the tree. Neither argument is modified. Cost: O(n log n · maxFeatures · depth).
   *
   * @param X - features, one row per sample; no NaN (flag missing values with -100 first)
   * @param y - class label of every row
   * @returns this tree, fitted
   * @throws {InvalidArgumentError} for empty input, a single class, or `maxFeatures` above the number of features
   * @throws {ShapeMismatchError} when `y.length` differs from the number of rows
   * @throws {InvalidValueError} for a non-finite value in `X` or an empty label
   */
  fit(X: MatrixLike, y: readonly string[]): this {
    const { X: m, classes, codes } = validateTrainingSet(X, y, 'DecisionTree.fit');
    const features = presortFeatures(m, this.options.maxBins ?? undefined);
    const builder = new TreeBuilder(features, codes, classes.length, treeParams(this.options, this.options.splitter, m.nCols, 'DecisionTree.fit'));
    const { tree, importances } = builder.build(new Float64Array(m.nRows).fill(1), createRng(deriveSeed(this.options.seed, 'tree', 0)));
    let sum = 0;
    for (let j = 0; j < importances.length; j++) sum += importances[j]!;
    if (sum > 0) for (let j = 0; j < importances.length; j++) importances[j]! /= sum;
    this.state = { classes, tree, featureImportances: importances };
    return this;
  }

  /**
   * Class fractions of the leaf each row falls in.
   *
   * @returns row-major `nRows x classes.length` probabilities; each row sums to 1
   * @throws {NotFittedError} before `fit`
   * @throws {ShapeMismatchError} for a different number of features than in `fit`
   * @throws {InvalidValueError} for a non-finite value
   */
  predictProba(X: MatrixLike): FeatureMatrix {
    const { tree, classes } = this.fitted('predictProba');
    const m = validatePredictInput(X, tree.nFeatures, 'DecisionTree.predictProba');
    const out = new Float64Array(m.nRows * classes.length);
    tree.accumulateProba(m.data, 0, m.nRows, out);
    return { data: out, nRows: m.nRows, nCols: classes.length };
  }

  /**
   * The most probable class of every row.
   *
   * @throws {NotFittedError} before `fit`
   * @throws {ShapeMismatchError} for a different number of features than in `fit`
   * @throws {InvalidValueError} for a non-finite value
   */
  predict(X: MatrixLike): string[] {
    return mostProbable(this.predictProba(X), this.fitted('predict').classes);
  }

  /** The class labels, sorted. @throws {NotFittedError} before `fit` */
  get classes(): readonly string[] {
    return this.fitted('classes').classes;
  }

  /** The fitted tree (flat arrays). @throws {NotFittedError} before `fit` */
  get tree(): Tree {
    return this.fitted('tree').tree;
  }

  /**
   * Mean decrease in impurity per feature, normalised to sum 1 (all zeros for a single-leaf tree).
   *
   * @throws {NotFittedError} before `fit`
   */
  get featureImportances(): Float64Array {
    return this.fitted('featureImportances').featureImportances.slice();
  }

  /** The fitted tree as plain JSON. @throws {NotFittedError} before `fit` */
  toJSON(): DecisionTreeJSON {
    const { classes, tree, featureImportances } = this.fitted('toJSON');
    return {
      type: 'DecisionTree',
      version: 1,
      options: { ...this.options },
      classes: [...classes],
      featureImportances: Array.from(featureImportances),
      tree: tree.toJSON(),
    };
  }

  /**
   * Restores a fitted tree from {@link DecisionTree.toJSON} output.
   *
   * @throws {InvalidArgumentError} when `json` is not a version-1 DecisionTree or is inconsistent
   */
  static fromJSON(json: DecisionTreeJSON): DecisionTree {
    if (json === null || typeof json !== 'object' || json.type !== 'DecisionTree' || json.version !== 1) {
      throw new InvalidArgumentError('DecisionTree.fromJSON: not a DecisionTree model (version 1)');
    }
    const model = new DecisionTree(json.options);
    const tree = Tree.fromJSON(json.tree);
    if (tree.nClasses !== json.classes.length || json.featureImportances.length !== tree.nFeatures) {
      throw new InvalidArgumentError('DecisionTree.fromJSON: the tree disagrees with classes or featureImportances');
    }
    model.state = { classes: [...json.classes], tree, featureImportances: Float64Array.from(json.featureImportances) };
    return model;
  }
}
