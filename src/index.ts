/**
 * muwclass — multiwavelength machine-learning classification of X-ray sources (MUWCLASS, Yang et al. 2022,
 * ApJ 941, 104). Every layer is also its own entry point (`muwclass/xray`, `muwclass/ml`, …); this root
 * entry re-exports them all and is tree-shakable.
 *
 * @packageDocumentation
 */
export * from './core';
export * from './io';
export * from './xray';
export * from './mw';
export * from './reddening';
export * from './features';
export * from './field';
export * from './ml';
export * from './classify';
export * from './eval';
