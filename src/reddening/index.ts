/**
 * Galactic absorption and reddening of training AGNs (paper Section 3.3): X-ray absorption, Fitzpatrick (1999)
 * extinction, E(B-V) bins.
 *
 * @module reddening
 */
export * from './cross-section';
export * from './tbabs';
export * from './absorption';
export * from './extinction';
export * from './redden';
export * from './ebv-bins';
