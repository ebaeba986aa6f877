/**
 * The MUWCLASS pipeline (paper Figure 2): Monte Carlo classification and the confidence threshold.
 *
 * @module classify
 */
export * from './confidence';
export * from './resample';
export { MonteCarloClassifier, DEFAULT_CLASSIFIER, DEFAULT_OVERSAMPLER, type MonteCarloOptions, type ResolvedMonteCarloOptions, type PredictOptions, type MonteCarloPrediction } from './monte-carlo';
export { monteCarloRecords, monteCarloColumns, type MonteCarloResult } from './result';
export { defaultWorkerCount, type Progress, type ProgressCallback } from './pool';
