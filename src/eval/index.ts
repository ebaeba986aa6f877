/**
 * Evaluation (paper Section 4, Appendix A): cross-validation, metrics, ROC, CT sweeps, SVG plots.
 *
 * @module eval
 */
export { confusionMatrix, normalizeConfusionMatrix, type ConfusionMatrix, type ConfusionNormalization, type NormalizedConfusionMatrix, type ConfusionMatrixOptions } from './confusion-matrix';
export { accuracy, balancedAccuracy } from './accuracy';
export { classScores, macroPrecision, macroRecall, macroF1, type ClassScores } from './precision-recall';
export { matthewsCorrelation } from './matthews';
export { scoresFromConfusion, classificationScores, type ClassificationScores } from './scores';
export { areaUnderCurve, rocCurve, rocCurves, type RocCurve, type RocOptions, type MulticlassRoc } from './roc';
export { ctSweep, type CtSweepPoint, type CtSweepOptions } from './ct-sweep';
export { aggregateImportances, type AggregateImportancesOptions, type FeatureImportanceSummary } from './feature-importance';
export { stratifiedKFold, leaveOneOut, type Fold } from './folds';
export { crossValidate, type CrossValidationProgress, type ResampledSet, type CrossValidateOptions, type CrossValidationResult } from './cross-validate';
export { confusionMatrixSvg, type ConfusionMatrixSvgOptions } from './plots/confusion-matrix-svg';
export { ctSweepSvg, type CtSweepMetric, type CtSweepSvgOptions } from './plots/ct-sweep-svg';
export { evaluatePipeline, type PipelineEvaluationOptions, type PipelineEvaluation } from './pipeline';
export { rocSvg, type RocSvgOptions } from './plots/roc-svg';
export { featureImportanceSvg, type FeatureImportanceSvgOptions } from './plots/feature-importance-svg';
export { probabilityBarsSvg, type ProbabilityBarsInput, type ProbabilityBarsSvgOptions } from './plots/probability-bars-svg';
export { classCountsSvg, type ClassCountsSvgOptions } from './plots/class-counts-svg';
export { evaluationReportHtml, classificationReportHtml, type ReportSettings, type EvaluationReportInput, type ClassificationReportInput } from './report';
