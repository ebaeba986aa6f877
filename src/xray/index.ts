/**
 * X-ray features (paper Section 2.2): Fechner fluxes, observation averaging, variability, hardness ratios.
 *
 * @module xray
 */
export { fluxLimitsProblem, broadbandFlux, type FluxMoments, FechnerFlux } from './fechner';
export { inverseVarianceWeightedMean, type WeightedMean } from './weighted-mean';
export { logGamma, regularizedLowerGamma } from './incomplete-gamma';
export { chiSquareCdf } from './chi-square';
export { interObservationVariability, intraObservationVariability, type InterObservationVariability } from './variability';
export { detectionRejection, filterDetections, type RejectionReason, REJECTION_REASONS, type DetectionFilterOptions, DEFAULT_DETECTION_FILTER, type RejectedDetection, type FilteredDetections } from './detection-filter';
export { averageObservations, type AveragedBand, FLUX_FLAG_BITS, type AveragedSource, type DropReason, type DroppedSource, type AveragingSummary, type AveragingResult, type AveragingOptions } from './averaging';
export { type HardnessRatioValues, type HardnessRatioValuesWithErrors, type BandFluxes, HardnessRatios } from './hardness-ratios';
