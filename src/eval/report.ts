/**
 * One self-contained HTML report of a run — `muwclass evaluate --report` and `muwclass classify --report` write
 * it — built from the plots of `./plots` (inline SVG and CSS: no script, no font, no network needed to view it).
 * Pure: returns a string; the CLI writes the file.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { selectRows } from '../core/matrix';
import { rocCurves } from './roc';
import type { MonteCarloResult } from '../classify/result';
import { aggregateImportances, type FeatureImportanceSummary } from './feature-importance';
import type { PipelineEvaluation } from './pipeline';
import { classCountsSvg } from './plots/class-counts-svg';
import { confusionMatrixSvg } from './plots/confusion-matrix-svg';
import { ctSweepSvg } from './plots/ct-sweep-svg';
import { featureImportanceSvg } from './plots/feature-importance-svg';
import { probabilityBarsSvg } from './plots/probability-bars-svg';
import { rocSvg } from './plots/roc-svg';
import { escapeXml } from './plots/svg';

/** The settings of a run, in display order: a label (e.g. `Monte Carlo draws`) and its value. */
export type ReportSettings = readonly (readonly [label: string, value: string | number | boolean])[];

/** What {@link evaluationReportHtml} reports. */
export interface EvaluationReportInput {
  /** The cross-validation of the pipeline ({@link evaluatePipeline}). */
  readonly evaluation: PipelineEvaluation;
  /** The run's settings (training set, folds, draws, seed, trees, …). */
  readonly settings: ReportSettings;
  /** The CT cut of the "confident" metrics (the evaluation's own). Default 2. */
  readonly ctCut?: number;
  /** The page title. Default `muwclass evaluate`. */
  readonly title?: string;
  /** How many features the importance plot shows. Default 29 (the paper's set). */
  readonly topFeatures?: number;
}

/** What {@link classificationReportHtml} reports. */
export interface ClassificationReportInput {
  /** The Monte Carlo classification of the sources. */
  readonly result: MonteCarloResult;
  /** The sources' names, in row order. */
  readonly names: readonly string[];
  /** The run's settings (files, E(B−V), draws, seed, trees, …). */
  readonly settings: ReportSettings;
  /** The CT cut of the class counts. Default 2. */
  readonly ctCut?: number;
  /** How many sources get a probability chart and a table row (the first ones). Default 48. */
  readonly maxSources?: number;
  /** The page title. Default `muwclass classify`. */
  readonly title?: string;
  /** How many features the importance plot shows. Default 29. */
  readonly topFeatures?: number;
}

const STYLE = `
body { font-family: Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
p.lead { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.92em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { display: inline-block; margin: 0.5em 1.5em 0.5em 0; vertical-align: top; } figcaption { font-size: 0.85em; color: #555; max-width: 640px; }
svg { max-width: 100%; height: auto; }
`;

/** The page around the sections. */
function page(title: string, lead: string, sections: readonly string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeXml(title)}</h1>`,
    `<p class="lead">${lead}</p>`,
    ...sections,
    '<p class="lead">Method: Yang et al. 2022, ApJ 941, 104 (MUWCLASS). Made by muwclass; this file needs no network.</p>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function section(heading: string, ...body: string[]): string {
  return `<section>\n<h2>${escapeXml(heading)}</h2>\n${body.join('\n')}\n</section>`;
}

function figure(svg: string, caption: string): string {
  return `<figure>\n${svg.replace(/^<svg /, '<svg role="img" ')}<figcaption>${escapeXml(caption)}</figcaption>\n</figure>`;
}

function settingsTable(settings: ReportSettings): string {
  const rows = settings.map(([label, value]) => `<tr><th>${escapeXml(label)}</th><td>${escapeXml(String(value))}</td></tr>`);
  return `<table class="settings">\n${rows.join('\n')}\n</table>`;
}

const pct = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '–' : (100 * x).toFixed(1));

function importancesSection(summary: FeatureImportanceSummary | undefined, models: MonteCarloResult['importances'], top: number): string[] {
  if (summary === undefined) return [];
  const svg = featureImportanceSvg(summary, { top: Math.min(top, summary.features.length), ...(models === undefined ? {} : { models: models.values }) });
  return [
    section(
      'Feature importances',
      figure(svg, `Mean decrease in impurity of each feature, over ${summary.count} models (folds × draws): bar = mean, whisker = ±1σ, dots = the individual models.`),
    ),
  ];
}

/**
 * The HTML report of a cross-validation of the pipeline: the settings; the paper's metrics on all sources and on
 * those with CT ≥ cut (completeness, balanced completeness, accuracy, balanced accuracy, macro precision,
 * recall, F1, MCC, macro ROC AUC); the recall- and precision-normalised confusion matrices of both; the CT
 * sweep; the one-vs-rest and macro ROC curves; and the feature importances with their scatter over folds and
 * draws. One self-contained file: inline SVG and CSS, no script, nothing fetched.
 *
 * @param input - the evaluation, the settings, and optionally the CT cut, title and number of features shown
 * @returns the HTML document as a string
 * @throws {InvalidArgumentError} when `topFeatures` is not a positive integer
 * @example
 * ```ts
 * import { evaluatePipeline, evaluationReportHtml } from 'muwclass/eval';
 * import { syntheticTrainingSet } from 'muwclass/io';
 * const classifier = { type: 'RandomForest', options: { nEstimators: 10 } } as const;
 * const evaluation = await evaluatePipeline(syntheticTrainingSet(), { cv: 3, nSamples: 2, seed: 1, classifier });
 * const html = evaluationReportHtml({ evaluation, settings: [['Training set', 'synthetic'], ['Folds', 3]] });
 * html.startsWith('<!DOCTYPE html>'); // => true
 * html.match(/<svg /g)!.length; // => 7 (four confusion matrices, the CT sweep, the ROC curves, the importances)
 * /(src|href)=/.test(html); // => false (nothing to fetch)
 * ```
 */
export function evaluationReportHtml(input: EvaluationReportInput): string {
  const ev = input.evaluation;
  const cut = input.ctCut ?? 2;
  const top = input.topFeatures ?? 29;
  if (!(Number.isInteger(top) && top > 0)) throw new InvalidArgumentError(`evaluationReportHtml: topFeatures must be a positive integer, got ${top}`);
  const label = `CT ≥ ${cut}`;
  const c = ev.confident;
  const kept = ev.yTrue.flatMap((_, i) => (ev.result.ct[i]! >= cut ? [i] : []));
  const macroAucConfident = kept.length === 0 ? Number.NaN : rocCurves(kept.map((i) => ev.yTrue[i]!), selectRows(ev.result.mean, kept), ev.classes).macroAuc;
  const metric = (name: string, all: number | undefined, confident: number | undefined): string =>
    `<tr><th>${escapeXml(name)}</th><td class="num">${pct(all)}</td><td class="num">${pct(confident)}</td></tr>`;
  const metrics = [
    `<table class="metrics">\n<tr><th>metric (%)</th><th class="num">all sources (${ev.all.n})</th><th class="num">${escapeXml(label)} (${c.n})</th></tr>`,
    metric('completeness', 1, c.completeness),
    metric('balanced completeness', 1, c.balancedCompleteness),
    metric('accuracy', ev.all.accuracy, c.accuracy),
    metric('balanced accuracy', ev.all.balancedAccuracy, c.balancedAccuracy),
    metric('macro precision', ev.all.precision, c.precision),
    metric('macro recall', ev.all.recall, c.recall),
    metric('macro F1', ev.all.f1, c.f1),
    metric('MCC (eq. A5)', ev.all.mcc, c.mcc),
    metric('macro ROC AUC', ev.roc.macroAuc, macroAucConfident),
    '</table>',
  ].join('\n');
  const sections = [
    section('Settings', settingsTable(input.settings)),
    section('Metrics', metrics),
    section(
      'Confusion matrices',
      figure(confusionMatrixSvg(ev.confusion, { normalization: 'recall', title: `Recall-normalised, all (${ev.all.n})` }), 'Rows: true class, columns: predicted; each row divided by its sum (the diagonal is the recall).'),
      figure(confusionMatrixSvg(ev.confusion, { normalization: 'precision', title: `Precision-normalised, all (${ev.all.n})` }), 'Each column divided by its sum (the diagonal is the precision).'),
      figure(confusionMatrixSvg(ev.confusionConfident, { normalization: 'recall', title: `Recall-normalised, ${label} (${c.n})` }), `The sources classified with ${label} only.`),
      figure(confusionMatrixSvg(ev.confusionConfident, { normalization: 'precision', title: `Precision-normalised, ${label} (${c.n})` }), `The sources classified with ${label} only.`),
    ),
    section('CT sweep', figure(ctSweepSvg(ev.sweep, { marker: cut }), 'Metrics (solid) and completeness (dashed) of the sources with CT at or above each cut.')),
    section('ROC curves', figure(rocSvg(ev.roc), 'One-vs-rest ROC curve of each class (thin) and their macro average (thick); the legend gives each area.')),
    ...importancesSection(ev.importances, ev.result.importances, top),
  ];
  return page(input.title ?? 'muwclass evaluate', `Cross-validation of the MUWCLASS pipeline on ${ev.yTrue.length} labelled sources in ${ev.classes.length} classes.`, sections);
}

/**
 * The HTML report of a classification: the settings; the class counts, in all and at CT ≥ cut (a table and a bar
 * chart); each source's class probabilities with their Monte Carlo errors (one small bar chart per source, the
 * first `maxSources` sources) and a table of their class, probability ± error and CT; and, when the result has
 * them, the feature importances with their scatter over draws. One self-contained file: inline SVG and CSS, no
 * script, nothing fetched.
 *
 * @param input - the result, the sources' names, the settings, and optionally the CT cut, how many sources, title
 * @returns the HTML document as a string
 * @throws {InvalidArgumentError} when `names` does not have one name per source, or `maxSources` / `topFeatures`
 *   is not a positive integer
 * @example
 * ```ts
 * import { classificationReportHtml } from 'muwclass/eval';
 * const result = {
 *   classes: ['AGN', 'YSO'], nDraws: 10,
 *   mean: { data: Float64Array.of(0.9, 0.1, 0.4, 0.6), nRows: 2, nCols: 2 },
 *   std: { data: Float64Array.of(0.05, 0.05, 0.2, 0.2), nRows: 2, nCols: 2 },
 *   predicted: ['AGN', 'YSO'], classProbability: Float64Array.of(0.9, 0.6),
 *   classProbabilityError: Float64Array.of(0.05, 0.2), ct: Float64Array.of(8, 0.5), noFeatures: new Uint8Array(2),
 * };
 * const html = classificationReportHtml({ result, names: ['src 1', 'src 2'], settings: [['E(B-V)', 0.3]] });
 * html.match(/<svg /g)!.length; // => 2 (the class counts and the probability bars)
 * html.includes('<td>src 2</td><td>YSO</td>'); // => true
 * ```
 */
export function classificationReportHtml(input: ClassificationReportInput): string {
  const r = input.result;
  const n = r.mean.nRows;
  if (input.names.length !== n) throw new InvalidArgumentError(`classificationReportHtml: ${input.names.length} names for ${n} sources`);
  const cut = input.ctCut ?? 2;
  const maxSources = input.maxSources ?? 48;
  if (!(Number.isInteger(maxSources) && maxSources > 0)) throw new InvalidArgumentError(`classificationReportHtml: maxSources must be a positive integer, got ${maxSources}`);
  const top = input.topFeatures ?? 29;
  if (!(Number.isInteger(top) && top > 0)) throw new InvalidArgumentError(`classificationReportHtml: topFeatures must be a positive integer, got ${top}`);
  const label = `CT ≥ ${cut}`;
  const counts = r.classes.map((c) => {
    let all = 0;
    let confident = 0;
    r.predicted.forEach((p, i) => {
      if (p === c) {
        all++;
        if (r.ct[i]! >= cut) confident++;
      }
    });
    return `<tr><th>${escapeXml(c)}</th><td class="num">${all}</td><td class="num">${confident}</td></tr>`;
  });
  const nConfident = Array.from(r.ct).filter((x) => x >= cut).length;
  const shown = Math.min(n, maxSources);
  const rows = Array.from({ length: shown }, (_, i) =>
    `<tr><td>${escapeXml(input.names[i]!)}</td><td>${escapeXml(r.predicted[i]!)}</td><td class="num">${r.classProbability[i]!.toFixed(3)} ± ${r.classProbabilityError[i]!.toFixed(3)}</td><td class="num">${Number.isNaN(r.ct[i]!) ? '–' : r.ct[i]!.toFixed(2)}</td></tr>`,
  );
  const summary = r.importances === undefined ? undefined : aggregateImportances(toVectors(r.importances.values), { featureNames: r.importances.names });
  const sections = [
    section('Settings', settingsTable(input.settings)),
    section(
      'Classes',
      `<table class="counts">\n<tr><th>class</th><th class="num">sources (${n})</th><th class="num">${escapeXml(label)} (${nConfident})</th></tr>\n${counts.join('\n')}\n</table>`,
      figure(classCountsSvg(r.predicted, r.ct, { classes: r.classes, ctCut: cut }), `How many sources are classified as each class, in all and with ${label} (the paper's confident classifications).`),
    ),
    section(
      'Class probabilities',
      figure(
        probabilityBarsSvg(r, { names: input.names, maxSources: shown }),
        `Each source's mean class probability over ${r.nDraws} Monte Carlo draws, with ±1σ error bars; the most probable class is outlined.${shown < n ? ` The first ${shown} of ${n} sources.` : ''}`,
      ),
      `<table class="sources">\n<tr><th>source</th><th>class</th><th class="num">probability ± error</th><th class="num">CT</th></tr>\n${rows.join('\n')}\n</table>`,
    ),
    ...importancesSection(summary, r.importances, top),
  ];
  return page(input.title ?? 'muwclass classify', `Monte Carlo classification of ${n} source${n === 1 ? '' : 's'} into ${r.classes.length} classes (${r.nDraws} draws).`, sections);
}

/** The rows of a row-major matrix as vectors. */
function toVectors(m: { readonly data: Float64Array; readonly nRows: number; readonly nCols: number }): Float64Array[] {
  return Array.from({ length: m.nRows }, (_, i) => m.data.subarray(i * m.nCols, (i + 1) * m.nCols));
}
