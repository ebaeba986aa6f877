/**
 * Multiwavelength photometry (paper Section 2.3, Table 3): bands, limits, zero points, magnitude to flux.
 *
 * @module mw
 */
export { photometricBand, magnitudeToFlux, logMagnitudeToFlux, magnitudeLimitCut, type PhotometricBand, PHOTOMETRIC_BANDS } from './bands';
