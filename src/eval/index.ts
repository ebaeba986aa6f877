/**
 * Evaluation (paper Section 4, Appendix A): cross-validation, metrics, ROC, CT sweeps, SVG plots.
 *
 * @module eval
 */
export {};
