/**
 * The feature vector (paper Table 2, Section 3.4): feature sets, custom feature definitions, the -100 flag.
 *
 * @module features
 */
export * from './definition';
export * from './builtin';
export * from './feature-set';
export * from './missing';
