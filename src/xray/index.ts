/**
 * X-ray features (paper Section 2.2): Fechner fluxes, observation averaging, variability, hardness ratios.
 *
 * @module xray
 */
export * from './fechner';
export * from './weighted-mean';
export * from './incomplete-gamma';
export * from './chi-square';
export * from './variability';
export * from './detection-filter';
export * from './averaging';
export * from './hardness-ratios';
