/**
 * muwclass — multiwavelength machine-learning classification of X-ray sources (MUWCLASS, Yang et al. 2022,
 * ApJ 941, 104). This root entry is pure (no Node built-ins: it runs in browsers, Web Workers, Node, Deno) and
 * re-exports every layer's curated entry (`muwclass/xray`, `muwclass/ml`, …); it is tree-shakable. Files by
 * path and worker threads are in `muwclass/node`.
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
export * from './services';
