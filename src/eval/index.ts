/**
 * Evaluation (paper Section 4, Appendix A): cross-validation, metrics, ROC, CT sweeps, SVG plots.
 *
 * @module eval
 */
export * from './confusion-matrix';
export * from './accuracy';
export * from './precision-recall';
export * from './matthews';
export * from './scores';
export * from './roc';
export * from './ct-sweep';
export * from './feature-importance';
export * from './folds';
export * from './cross-validate';
export * from './plots/confusion-matrix-svg';
export * from './plots/ct-sweep-svg';
export * from './pipeline';
