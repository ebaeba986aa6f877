/**
 * X-ray features (paper Section 2.2): Fechner fluxes, observation averaging, variability, hardness ratios.
 *
 * @module xray
 */
export * from './hardness-ratios';
