/**
 * `muwclass evaluate --td <td.csv> [--cv loo|<k>]`: cross-validates the MUWCLASS pipeline on a training set
 * (paper Section 4) and prints the Appendix A metrics on all sources and on the confident ones (CT ≥ 2), the
 * per-class scores, the confusion matrix and the leading feature importances — as a table, or as JSON.
 *
 * @module
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { InvalidArgumentError } from '../core/errors';
import { selectRows } from '../core/matrix';
import { csvLines, type CellValue } from '../io/csv';
import { writeFileAtomically } from '../node/output';
import { defaultWorkerCount } from '../node/executor';
import { monteCarloColumns, monteCarloRecords } from '../classify/result';
import type { ConfusionMatrix } from '../eval/confusion-matrix';
import type { PipelineEvaluation } from '../eval/pipeline';
import { evaluatePipeline } from '../node/monte-carlo';
import { classScores, type ClassScores } from '../eval/precision-recall';
import { rocCurves } from '../eval/roc';
import { confusionMatrixSvg } from '../eval/plots/confusion-matrix-svg';
import { ctSweepSvg } from '../eval/plots/ct-sweep-svg';
import { optionNumber, parseCommandArgs, UsageError, type CliContext, type Command } from './command';
import { inputFile, outputDirectory, outputFile, throwIfInterrupted } from './io';
import { evaluationReportHtml, type ReportSettings } from '../eval/report';
import { pipelineSettings, REPORT_OPTION_USAGE, REPORT_PARSE_OPTION } from './report';
import { integerOption, monteCarloOptionsFrom, PIPELINE_OPTIONS_USAGE, PIPELINE_PARSE_OPTIONS, plural, readTrainingSet } from './pipeline-options';
import { formatDuration, progressReporter } from './progress';

const USAGE = `Usage: muwclass evaluate --td <td.csv> [--cv loo|<k>] [options]

Cross-validates the MUWCLASS pipeline on a labelled training set (Yang et al. 2022, Sec. 4): each fold's
sources are classified by Monte Carlo models trained on the other folds (resampled from their errors, SMOTE on
the training part only, random forest), without reddening, as in the paper. Prints, on all sources and on those
with CT >= 2: completeness and balanced completeness, accuracy, balanced accuracy, macro precision, recall and
F1, MCC (eq. A5) and the macro ROC AUC; then per-class precision and recall, the confusion matrix (rows: true
class, columns: predicted) and the leading feature importances.

Options:
  --td <file>                the training set, labelled (required; - reads standard input)
  --cv <loo|k>               leave-one-out (the paper's, slow: one model per source and draw) or k-fold
                             stratified cross-validation (default 10)
  --ct-cut <x>               the confidence-threshold cut of the "confident" metrics (default 2)
  --json                     print everything (metrics, per-class scores, confusion matrices, the CT sweep,
                             feature importances) as JSON instead of tables
  --svg-dir <dir>            write confusion-matrix plots (recall- and precision-normalised, all and CT >= cut)
                             and the CT-sweep plot as SVG files there (created if needed)
  -o, --output <file>        write every source's out-of-fold classification (its name, class, P_<class>, …, CT);
                             - writes it to standard output, and the report then goes to stderr
${REPORT_OPTION_USAGE}
Outputs are checked before the run and replaced only when complete; an output is never one of the inputs.
${PIPELINE_OPTIONS_USAGE}
  -h, --help                 this help`;

/** The paper's scalar metrics with the names the table and the JSON use. */
const METRICS = [
  ['accuracy', 'accuracy'],
  ['balancedAccuracy', 'balanced accuracy'],
  ['precision', 'macro precision'],
  ['recall', 'macro recall'],
  ['f1', 'macro F1'],
  ['mcc', 'MCC'],
] as const;

/** What the table and the JSON report: the evaluation plus the per-class scores and the confident macro AUC. */
interface Report {
  readonly trainingSet: string;
  readonly cv: 'loo' | number;
  readonly nSamples: number;
  readonly resample: boolean;
  readonly seed: number | string;
  readonly trees: number;
  readonly workers: number;
  readonly ctCut: number;
  readonly seconds: number;
  readonly evaluation: PipelineEvaluation;
  readonly perClass: readonly ClassScores[];
  readonly perClassConfident: readonly ClassScores[];
  readonly macroAucConfident: number;
}

function percent(x: number): string {
  return Number.isFinite(x) ? (100 * x).toFixed(1) : '–';
}

function fixed(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

/** Right-aligns every column but the first of a table of strings. */
function table(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length)));
  return rows.map((r) => indent + r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join('  ').trimEnd()).join('\n');
}

function describeRun(r: Report): string {
  const cv = r.cv === 'loo' ? 'leave-one-out' : `stratified ${r.cv}-fold`;
  const mc = r.resample ? plural(r.nSamples, 'Monte Carlo draw') : 'no Monte Carlo resampling';
  return `${r.trainingSet}: ${plural(r.evaluation.yTrue.length, 'source')}, ${plural(r.evaluation.classes.length, 'class', 'classes')}; ${cv} cross-validation, ${mc}, ${r.trees} trees, seed ${r.seed}`;
}

/** The report as readable tables. */
export function formatReport(r: Report): string {
  const ev = r.evaluation;
  const cut = `CT >= ${r.ctCut}`;
  const lines: string[] = [describeRun(r), ''];
  const metricRows: string[][] = [
    ['', 'all sources', cut],
    ['sources', String(ev.all.n), String(ev.confident.n)],
    ['completeness (%)', percent(1), percent(ev.confident.completeness)],
    ['balanced completeness (%)', percent(1), percent(ev.confident.balancedCompleteness)],
    ...METRICS.map(([key, label]) => [`${label} (%)`, percent(ev.all[key]), percent(ev.confident[key])]),
    ['macro ROC AUC', fixed(ev.roc.macroAuc), fixed(r.macroAucConfident)],
  ];
  lines.push(table(metricRows));
  if (!r.resample) lines.push(`  (no Monte Carlo: every e_P is 0, so CT separates only exact ties; use --mc N for the paper's CT)`);
  lines.push('', `Per class (precision and recall in %):`);
  const classRows: string[][] = [['class', 'n', 'precision', 'recall', 'F1', `n (${cut})`, 'precision', 'recall']];
  r.perClass.forEach((s, k) => {
    const c = r.perClassConfident[k]!;
    classRows.push([s.class, String(s.support), percent(s.precision), percent(s.recall), percent(s.f1), String(c.support), percent(c.precision), percent(c.recall)]);
  });
  lines.push(table(classRows));
  lines.push('', 'Confusion matrix, all sources (rows: true class, columns: predicted):');
  lines.push(confusionTable(ev.confusion));
  if (ev.importances !== undefined) {
    const imp = ev.importances;
    const top = Array.from(imp.order.subarray(0, Math.min(10, imp.order.length)));
    lines.push('', `Feature importances (mean ± std over ${plural(imp.count, 'model')}), top ${top.length}:`);
    lines.push(table(top.map((j) => [imp.features[j]!, fixed(imp.mean[j]!), `± ${fixed(imp.std[j]!)}`])));
  }
  lines.push('', `(${formatDuration(r.seconds * 1000)} on ${plural(r.workers, 'worker')})`);
  return `${lines.join('\n')}\n`;
}

function confusionTable(cm: ConfusionMatrix): string {
  return table([['', ...cm.classes], ...cm.classes.map((c, i) => [c, ...cm.counts[i]!.map(String)])]);
}

/** The report as plain JSON data (typed arrays as arrays; `NaN` becomes `null`). */
export function reportJson(r: Report): unknown {
  const ev = r.evaluation;
  const arrays = (x: ArrayLike<number>): number[] => Array.from(x);
  return {
    trainingSet: r.trainingSet,
    sources: ev.yTrue.length,
    classes: ev.classes,
    cv: r.cv,
    nSamples: r.nSamples,
    resample: r.resample,
    trees: r.trees,
    seed: r.seed,
    ctCut: r.ctCut,
    workers: r.workers,
    seconds: r.seconds,
    all: { ...ev.all, completeness: 1, balancedCompleteness: 1, macroAuc: ev.roc.macroAuc },
    confident: { ...ev.confident, macroAuc: r.macroAucConfident },
    perClass: r.perClass,
    perClassConfident: r.perClassConfident,
    confusion: ev.confusion.counts,
    confusionConfident: ev.confusionConfident.counts,
    roc: { macroAuc: ev.roc.macroAuc, perClass: ev.classes.map((c, k) => ({ class: c, auc: ev.roc.perClass[k]!.auc })) },
    sweep: ev.sweep,
    importances:
      ev.importances === undefined
        ? null
        : { features: ev.importances.features, mean: arrays(ev.importances.mean), std: arrays(ev.importances.std), count: ev.importances.count },
  };
}

/** The files {@link writePlots} writes. */
const PLOT_FILES = ['confusion-recall.svg', 'confusion-precision.svg', 'confusion-confident-recall.svg', 'confusion-confident-precision.svg', 'ct-sweep.svg'];

/** Writes the five plots (each safely: temporary file, then rename); returns their file names. */
async function writePlots(dir: string, r: Report, signal: AbortSignal | undefined): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const ev = r.evaluation;
  const cut = `CT ≥ ${r.ctCut}`;
  const files: [string, string][] = [
    ['confusion-recall.svg', confusionMatrixSvg(ev.confusion, { normalization: 'recall', title: `Recall-normalised, all sources (${ev.all.n})` })],
    ['confusion-precision.svg', confusionMatrixSvg(ev.confusion, { normalization: 'precision', title: `Precision-normalised, all sources (${ev.all.n})` })],
    ['confusion-confident-recall.svg', confusionMatrixSvg(ev.confusionConfident, { normalization: 'recall', title: `Recall-normalised, ${cut} (${ev.confident.n})` })],
    ['confusion-confident-precision.svg', confusionMatrixSvg(ev.confusionConfident, { normalization: 'precision', title: `Precision-normalised, ${cut} (${ev.confident.n})` })],
    ['ct-sweep.svg', ctSweepSvg(ev.sweep, { title: 'Metrics and completeness against the CT cut', marker: r.ctCut })],
  ];
  for (const [name, svg] of files) await writeFileAtomically(join(dir, name), [svg], { option: `--svg-dir file ${name}`, ...(signal === undefined ? {} : { signal }) });
  return files.map(([name]) => name);
}

async function run(argv: readonly string[], context: CliContext): Promise<number> {
  const { values }: { values: Record<string, string | boolean | undefined> } = parseCommandArgs({
    args: [...argv],
    options: {
      td: { type: 'string' },
      cv: { type: 'string' },
      'ct-cut': { type: 'string' },
      json: { type: 'boolean' },
      'svg-dir': { type: 'string' },
      output: { type: 'string', short: 'o' },
      ...REPORT_PARSE_OPTION,
      ...PIPELINE_PARSE_OPTIONS,
    },
    strict: true,
    allowPositionals: false,
  });
  const td = values.td as string | undefined;
  if (td === undefined || td === '') throw new UsageError('--td <td.csv> (the training set) is required');
  const cvText = (values.cv as string | undefined) ?? '10';
  const cv: 'loo' | number = cvText.toLowerCase() === 'loo' ? 'loo' : integerOption('--cv', cvText, 2, 10);
  const ctCutText = values['ct-cut'] as string | undefined;
  const ctCut = ctCutText === undefined ? 2 : optionNumber(ctCutText);
  if (ctCutText !== undefined && (ctCutText.trim() === '' || !Number.isFinite(ctCut))) throw new UsageError(`--ct-cut needs a number, got "${ctCutText}"`);
  const mcOptions = monteCarloOptionsFrom(values);
  const classColumn = (values['class-column'] as string | undefined) ?? 'True_Class';
  const svgDir = values['svg-dir'] as string | undefined;
  const output = values.output as string | undefined;
  if (svgDir === '-') throw new UsageError('--svg-dir needs a directory (- is not one)');

  const tdFile = await inputFile(context, '--td', td);
  const out = output === undefined ? undefined : await outputFile(context, '-o', output, [tdFile]);
  if (svgDir !== undefined) await outputDirectory('--svg-dir', svgDir, PLOT_FILES, [tdFile]);
  const reportPath = values.report as string | undefined;
  if (reportPath === '-' || reportPath === '') throw new UsageError('--report needs an HTML file name (not standard output)');
  const htmlReport = reportPath === undefined ? undefined : await outputFile(context, '--report', reportPath, [tdFile]);
  // With the out-of-fold table on standard output, the report goes to stderr.
  const reportStream = out?.toStdout === true ? context.stderr : context.stdout;

  const start = performance.now();
  const training = await readTrainingSet(tdFile, classColumn);
  throwIfInterrupted(context);
  const progress = progressReporter(context, 'evaluate');
  let evaluation: PipelineEvaluation;
  try {
    evaluation = await evaluatePipeline(training.sources, {
      ...mcOptions,
      cv,
      ctCut,
      onProgress: progress.onProgress,
      ...(context.signal === undefined ? {} : { signal: context.signal }),
    });
  } catch (error) {
    // the folds are the user's --cv: say so rather than naming the library function
    if (error instanceof InvalidArgumentError && error.message.startsWith('stratifiedKFold requires ')) {
      throw new InvalidArgumentError(`--cv ${cv}: the training set allows ${error.message.slice('stratifiedKFold requires '.length)}`);
    }
    throw error;
  } finally {
    progress.finish();
  }
  throwIfInterrupted(context);
  const workers = mcOptions.workers ?? defaultWorkerCount(); // the pipeline's own default
  const { result, yTrue, classes } = evaluation;
  const kept = yTrue.flatMap((_, i) => (result.ct[i]! >= ctCut ? [i] : []));
  const report: Report = {
    trainingSet: tdFile.name,
    cv,
    nSamples: mcOptions.nSamples,
    resample: mcOptions.resample,
    seed: mcOptions.seed ?? 0,
    trees: (mcOptions.classifier as { options: { nEstimators: number } }).options.nEstimators,
    workers,
    ctCut,
    seconds: (performance.now() - start) / 1000,
    evaluation,
    perClass: classScores(evaluation.confusion),
    perClassConfident: classScores(evaluation.confusionConfident),
    macroAucConfident: rocCurves(
      kept.map((i) => yTrue[i]!),
      selectRows(result.mean, kept),
      classes,
    ).macroAuc,
  };

  // The files first (each replaced only when complete), then the report.
  const notes: string[] = [];
  if (out !== undefined) {
    const records = monteCarloRecords(result);
    const rows = training.sources.map((s, i): Record<string, CellValue> => ({ CSCv2_name: s.name, [classColumn]: s.label, ...records[i] }));
    await out.write(csvLines(['CSCv2_name', classColumn, ...monteCarloColumns(classes)], rows));
    notes.push(`wrote the out-of-fold classification of every source to ${out.toStdout ? 'standard output' : out.path}`);
  }
  if (svgDir !== undefined) notes.push(`wrote ${(await writePlots(svgDir, report, context.signal)).join(', ')} to ${svgDir}`);
  if (htmlReport !== undefined) {
    const settings: ReportSettings = [
      ['Training set', `${tdFile.name} (${training.sources.length} sources, class column ${classColumn})`],
      ['Cross-validation', cv === 'loo' ? 'leave-one-out' : `stratified ${cv}-fold`],
      ['CT cut', ctCut],
      ...pipelineSettings(mcOptions, workers),
      ['Run time', formatDuration(report.seconds * 1000)],
    ];
    await htmlReport.write([evaluationReportHtml({ evaluation, settings, ctCut })]);
    notes.push(`wrote the HTML report to ${htmlReport.toStdout ? 'standard output' : htmlReport.path}`);
  }
  reportStream.write(values.json === true ? `${JSON.stringify(reportJson(report), null, 2)}\n` : formatReport(report));
  for (const note of notes) context.stderr.write(`${note}\n`);
  return 0;
}

/** The `evaluate` command. */
export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'cross-validate the pipeline on a training set and print the paper\'s metrics',
  usage: USAGE,
  run,
};
