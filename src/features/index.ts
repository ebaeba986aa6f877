/**
 * The feature vector (paper Table 2, Section 3.4): feature sets, custom feature definitions, the -100 flag.
 *
 * @module features
 */
export { finiteOrNaN, defineFeature, type ColumnFunction, type FeatureDefinition, type RowFeatureSpec, type ColumnFeatureSpec } from './definition';
export { builtinFeature, BUILTIN_FEATURES, PAPER_FEATURE_NAMES, FULL_FEATURE_NAMES } from './builtin';
export { type FeatureTable, type BuildOptions, type BuildIntoOptions, type FeatureSetJSON, FeatureSet } from './feature-set';
export { flagMissing, MISSING_FLAG, type FlagMissingOptions } from './missing';
