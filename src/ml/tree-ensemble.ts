/**
 * What `RandomForest` and `ExtraTrees` share (scikit-learn's `ForestClassifier`): an ensemble of trees grown
 * by one {@link TreeBuilder}, each on its own seeded sample, whose class probabilities are averaged.
 *
 * @module
 */
import { InvalidArgumentError, NotFittedError } from '../core/errors';
import type { FeatureMatrix, MatrixLike } from '../core/matrix';
import { createRng, deriveSeed, randomInt } from '../core/random';
import type { Classifier } from './classifier';
import { argmax, mostProbable, validatePredictInput, validateTrainingSet } from './labels';
import { presortFeatures, type Splitter } from './splitter';
import { Tree, type TreeJSON } from './tree';
import { TreeBuilder } from './tree-builder';
import { resolveTreeOptions, treeParams, type ResolvedTreeOptions, type TreeOptions } from './tree-options';

/** Options of a tree ensemble (every one optional). */
export interface TreeEnsembleOptions extends TreeOptions {
  /** Number of trees (default 100, as in the paper). */
  readonly nEstimators?: number;
  /**
   * Grow each tree on a bootstrap sample: n draws with replacement from the n training samples (default
   * true for `RandomForest`, false for `ExtraTrees`).
   */
  readonly bootstrap?: boolean;
  /**
   * Compute the out-of-bag accuracy {@link TreeEnsemble.oobScore} while fitting (default false; needs
   * `bootstrap`).
   */
  readonly oobScore?: boolean;
}

/** Resolved, validated ensemble options. */
export interface ResolvedTreeEnsembleOptions extends ResolvedTreeOptions {
  /** Number of trees (default 100, as in the paper). */
  readonly nEstimators: number;
  /** Whether each tree grows on a bootstrap sample (n draws with replacement). */
  readonly bootstrap: boolean;
  /** Whether the out-of-bag accuracy is computed while fitting (needs `bootstrap`). */
  readonly oobScore: boolean;
}

/** The serialised form of a fitted ensemble (plain JSON; `JSON.stringify` round-trips it exactly). */
export interface TreeEnsembleJSON {
  /** `'RandomForest'` or `'ExtraTrees'`. */
  readonly type: string;
  /** Format version (1). */
  readonly version: 1;
  /** The options it was fitted with, defaults filled in. */
  readonly options: ResolvedTreeEnsembleOptions;
  /** The class labels, sorted: column order of `predictProba` and of every tree's leaf values. */
  readonly classes: string[];
  /** Number of features p it was fitted on. */
  readonly nFeatures: number;
  /** Mean decrease in impurity per feature, averaged over the trees and normalised to sum 1. */
  readonly featureImportances: number[];
  /** Out-of-bag accuracy, or `null` when not computed. */
  readonly oobScore: number | null;
  /** The fitted trees, `nEstimators` of them, in order. */
  readonly trees: TreeJSON[];
}

/** The learned state of a fitted ensemble. */
interface EnsembleState {
  readonly classes: readonly string[];
  readonly nFeatures: number;
  readonly trees: readonly Tree[];
  readonly featureImportances: Float64Array;
  readonly oobScore: number | null;
}

/**
 * An ensemble of classification trees whose class probabilities are the mean over trees of the class
 * fractions of the leaf each sample falls in (scikit-learn semantics, not a majority vote).
 *
 * Determinism: tree t is grown from its own stream `createRng(deriveSeed(seed, 'tree', t))` (bootstrap
 * draws, then feature draws and thresholds), so a model depends only on the data, the options and the
 * seed — never on how `fit` is called or on what ran before it.
 */
export abstract class TreeEnsemble implements Classifier {
  /** The resolved options. */
  readonly options: ResolvedTreeEnsembleOptions;
  private state: EnsembleState | undefined;

  /** The estimator's name, for messages and JSON. */
  protected abstract readonly name: string;
  /** The tree builder's splitter. */
  protected abstract readonly splitter: Splitter;

  /**
   * @param options - the ensemble options
   * @param defaultBootstrap - the estimator's default for `bootstrap`
   * @param caller - the estimator's name, for error messages
   * @throws {InvalidArgumentError} for an option outside its documented range
   */
  protected constructor(options: TreeEnsembleOptions, defaultBootstrap: boolean, caller: string) {
    const tree = resolveTreeOptions(options, 'sqrt', caller);
    const nEstimators = options.nEstimators ?? 100;
    if (!Number.isInteger(nEstimators) || nEstimators < 1) {
      throw new InvalidArgumentError(`${caller}: nEstimators must be an integer ≥ 1, got ${nEstimators}`);
    }
    const bootstrap = options.bootstrap ?? defaultBootstrap;
    const oobScore = options.oobScore ?? false;
    if (oobScore && !bootstrap) throw new InvalidArgumentError(`${caller}: oobScore needs bootstrap samples (bootstrap: true)`);
    this.options = { ...tree, nEstimators, bootstrap, oobScore };
  }

  private fitted(method: string): EnsembleState {
    if (this.state === undefined) throw new NotFittedError(`${this.name}.${method}`);
    return this.state;
  }

  /**
   * Grows `nEstimators` trees on `X`, `y`. Neither argument is modified.
   *
   * Cost: O(T · n · maxFeatures · depth) for T trees (radix-sorted ranks); about 0.8 s of CPU for 100 trees
   * on the 11,120 × 29 balanced training set on one core, 0.34x scikit-learn's time
   * (docs/performance-forest.md).
   *
   * @param X - features, one row per sample; no NaN (flag missing values with -100 first)
   * @param y - class label of every row
   * @returns this estimator, fitted
   * @throws {InvalidArgumentError} for empty input, a single class, or `maxFeatures` above the number of features
   * @throws {ShapeMismatchError} when `y.length` differs from the number of rows
   * @throws {InvalidValueError} for a non-finite value in `X` (names row and column) or an empty label
   */
  fit(X: MatrixLike, y: readonly string[]): this {
    const caller = `${this.name}.fit`;
    const { X: m, classes, codes } = validateTrainingSet(X, y, caller);
    const { nRows: n, nCols: p } = m;
    const options = this.options;
    const nClasses = classes.length;
    const features = presortFeatures(m, options.maxBins ?? undefined);
    const builder = new TreeBuilder(features, codes, nClasses, treeParams(options, this.splitter, p, caller));
    const weights = new Float64Array(n);
    const trees: Tree[] = [];
    const importances = new Float64Array(p);
    let nWithSplits = 0;
    const oobSum = options.oobScore ? new Float64Array(n * nClasses) : undefined;
    const oobCount = options.oobScore ? new Int32Array(n) : undefined;
    for (let t = 0; t < options.nEstimators; t++) {
      const rng = createRng(deriveSeed(options.seed, 'tree', t));
      if (options.bootstrap) {
        weights.fill(0);
        for (let k = 0; k < n; k++) weights[randomInt(rng, n)]!++;
      } else weights.fill(1);
      const { tree, importances: treeImportances } = builder.build(weights, rng);
      trees.push(tree);
      if (tree.nodeCount > 0) {
        // per-tree importances normalised to sum 1, as scikit-learn's Tree.compute_feature_importances
        let sum = 0;
        for (let j = 0; j < p; j++) sum += treeImportances[j]!;
        if (sum > 0) for (let j = 0; j < p; j++) importances[j]! += treeImportances[j]! / sum;
        nWithSplits++;
      }
      if (oobSum !== undefined && oobCount !== undefined) {
        for (let i = 0; i < n; i++) {
          if (weights[i] !== 0) continue;
          const leaf = tree.apply(m.data, i);
          for (let c = 0; c < nClasses; c++) oobSum[i * nClasses + c]! += tree.proba[leaf * nClasses + c]!;
          oobCount[i]!++;
        }
      }
    }
    if (nWithSplits > 0) {
      let sum = 0;
      for (let j = 0; j < p; j++) sum += importances[j]!;
      if (sum > 0) for (let j = 0; j < p; j++) importances[j]! /= sum;
    }
    let oobScore: number | null = null;
    if (oobSum !== undefined && oobCount !== undefined) {
      let correct = 0;
      let counted = 0;
      for (let i = 0; i < n; i++) {
        if (oobCount[i] === 0) continue;
        counted++;
        if (argmax(oobSum, i * nClasses, nClasses) === codes[i]) correct++;
      }
      oobScore = counted === 0 ? Number.NaN : correct / counted;
    }
    this.state = { classes, nFeatures: p, trees, featureImportances: importances, oobScore };
    return this;
  }

  /**
   * Class probabilities: the mean over trees of the class fractions (bootstrap-weighted) of the leaf each
   * row falls in. Runs in O(n · T · depth).
   *
   * @param X - features with the columns seen in `fit`; no NaN (flag missing values with -100)
   * @returns row-major `nRows x classes.length` probabilities; each row sums to 1
   * @throws {NotFittedError} before `fit`
   * @throws {ShapeMismatchError} for a different number of features than in `fit`
   * @throws {InvalidValueError} for a non-finite value
   */
  predictProba(X: MatrixLike): FeatureMatrix {
    const state = this.fitted('predictProba');
    const m = validatePredictInput(X, state.nFeatures, `${this.name}.predictProba`);
    const nClasses = state.classes.length;
    const out = new Float64Array(m.nRows * nClasses);
    for (const tree of state.trees) tree.accumulateProba(m.data, 0, m.nRows, out);
    const scale = 1 / state.trees.length;
    for (let k = 0; k < out.length; k++) out[k]! *= scale;
    return { data: out, nRows: m.nRows, nCols: nClasses };
  }

  /**
   * The most probable class of every row (the first in `classes` order on a tie, as scikit-learn's argmax).
   *
   * @param X - features with the columns seen in `fit`
   * @returns one class label per row
   * @throws {NotFittedError} before `fit`
   * @throws {ShapeMismatchError} for a different number of features than in `fit`
   * @throws {InvalidValueError} for a non-finite value
   */
  predict(X: MatrixLike): string[] {
    const classes = this.fitted('predict').classes;
    return mostProbable(this.predictProba(X), classes);
  }

  /**
   * The class labels, sorted, in the column order of `predictProba`.
   *
   * @throws {NotFittedError} before `fit`
   */
  get classes(): readonly string[] {
    return this.fitted('classes').classes;
  }

  /** Number of features seen in `fit`. @throws {NotFittedError} before `fit` */
  get nFeatures(): number {
    return this.fitted('nFeatures').nFeatures;
  }

  /** The fitted trees. @throws {NotFittedError} before `fit` */
  get trees(): readonly Tree[] {
    return this.fitted('trees').trees;
  }

  /**
   * Impurity-based feature importances (mean decrease in impurity, Breiman 2001; scikit-learn's
   * `feature_importances_`): for each tree, Σ over the splits on a feature of W·I − W_L·I_L − W_R·I_R,
   * normalised to sum 1; then the mean over trees, normalised to sum 1. A new array; all zeros when no
   * tree has a split.
   *
   * @throws {NotFittedError} before `fit`
   */
  get featureImportances(): Float64Array {
    return this.fitted('featureImportances').featureImportances.slice();
  }

  /**
   * Out-of-bag accuracy: each training sample is classified by the mean probabilities of the trees whose
   * bootstrap sample missed it, and the fraction classified correctly is returned (samples in every
   * bootstrap sample are left out; `NaN` if that is all of them). `null` unless fitted with
   * `oobScore: true`.
   *
   * @throws {NotFittedError} before `fit`
   */
  get oobScore(): number | null {
    return this.fitted('oobScore').oobScore;
  }

  /**
   * The fitted model as plain JSON; `fromJSON(JSON.parse(JSON.stringify(model.toJSON())))` predicts
   * identically.
   *
   * @throws {NotFittedError} before `fit`
   */
  toJSON(): TreeEnsembleJSON {
    const state = this.fitted('toJSON');
    return {
      type: this.name,
      version: 1,
      options: { ...this.options },
      classes: [...state.classes],
      nFeatures: state.nFeatures,
      featureImportances: Array.from(state.featureImportances),
      oobScore: state.oobScore,
      trees: state.trees.map((t) => t.toJSON()),
    };
  }

  /** Restores the learned state from JSON (used by the subclasses' `fromJSON`). */
  protected restore(json: TreeEnsembleJSON): this {
    if (json === null || typeof json !== 'object' || json.type !== this.name || json.version !== 1) {
      throw new InvalidArgumentError(`${this.name}.fromJSON: not a ${this.name} model (version 1)`);
    }
    const trees = json.trees.map((t) => Tree.fromJSON(t));
    for (const t of trees) {
      if (t.nFeatures !== json.nFeatures || t.nClasses !== json.classes.length) {
        throw new InvalidArgumentError(`${this.name}.fromJSON: a tree's shape disagrees with nFeatures or classes`);
      }
    }
    if (trees.length === 0 || json.featureImportances.length !== json.nFeatures) {
      throw new InvalidArgumentError(`${this.name}.fromJSON: the model needs at least one tree and one importance per feature`);
    }
    this.state = {
      classes: [...json.classes],
      nFeatures: json.nFeatures,
      trees,
      featureImportances: Float64Array.from(json.featureImportances),
      oobScore: json.oobScore,
    };
    return this;
  }
}
