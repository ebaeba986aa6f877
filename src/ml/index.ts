/**
 * Machine-learning core (paper Sections 3.5–3.7): random forest, SMOTE, and the shared classifier interface.
 *
 * @module ml
 */
export * from './classifier';
export { gini, entropy, impurity, impurityDecrease, CRITERIA, type Criterion } from './criterion';
export { encodeLabels, validateTrainingSet, validatePredictInput, type EncodedLabels, type TrainingSet } from './labels';
export { presortFeatures, type PresortedFeatures, type Splitter } from './splitter';
export { Tree, type TreeJSON } from './tree';
export { resolveMaxFeatures, type MaxFeatures, type TreeOptions, type ResolvedTreeOptions } from './tree-options';
export { TreeEnsemble, type TreeEnsembleOptions, type ResolvedTreeEnsembleOptions, type TreeEnsembleJSON } from './tree-ensemble';
export { RandomForest, type RandomForestOptions } from './random-forest';
export { ExtraTrees, type ExtraTreesOptions } from './extra-trees';
