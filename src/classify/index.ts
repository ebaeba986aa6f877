/**
 * The MUWCLASS pipeline (paper Figure 2): Monte Carlo classification and the confidence threshold.
 *
 * @module classify
 */
export * from './resample';
