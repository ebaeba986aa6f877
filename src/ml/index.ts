/**
 * Machine-learning core (paper Sections 3.5–3.7): the random forest and its tree builder, SMOTE, the other
 * classifiers of the paper's Table 4, and the shared classifier interface.
 *
 * @module ml
 */
export * from './classifier';
export { gini, entropy, impurity, impurityDecrease, CRITERIA, type Criterion } from './criterion';
export { encodeLabels, validateTrainingSet, validatePredictInput, mostProbable, type EncodedLabels, type TrainingSet } from './labels';
export { presortFeatures, type PresortedFeatures, type Splitter } from './splitter';
export { Tree, type TreeJSON } from './tree';
export { resolveMaxFeatures, type MaxFeatures, type TreeOptions, type ResolvedTreeOptions } from './tree-options';
export { DecisionTree, type DecisionTreeOptions, type ResolvedDecisionTreeOptions, type DecisionTreeJSON } from './decision-tree';
export { TreeEnsemble, type TreeEnsembleOptions, type ResolvedTreeEnsembleOptions, type TreeEnsembleJSON } from './tree-ensemble';
export { RandomForest, type RandomForestOptions } from './random-forest';
export { ExtraTrees, type ExtraTreesOptions } from './extra-trees';
export { StandardScaler, type StandardScalerJSON } from './standard-scaler';
export { KNearestNeighbors, type KNearestNeighborsOptions, type KNearestNeighborsJSON } from './k-nearest-neighbors';
export { Smote, SMOTE_MISSING_SENTINEL, type SmoteOptions, type SmoteResult } from './smote';
export { classifierFactory, oversamplerFactory, type ClassifierSpec, type OversamplerSpec } from './spec';
