/**
 * `--report <file.html>` of `muwclass evaluate` and `muwclass classify`: the option's help line and the
 * settings both reports list. The HTML itself is built by the pure `evaluationReportHtml` /
 * `classificationReportHtml` of `muwclass/eval`; the command writes it like any output (checked before the run,
 * replaced only when complete).
 *
 * @module
 */
import type { ReportSettings } from '../eval/report';
import type { monteCarloOptionsFrom } from './pipeline-options';

/** The help line of `--report`. */
export const REPORT_OPTION_USAGE = `  --report <file.html>       also write one self-contained HTML report (settings, metrics and plots; inline
                             SVG, viewable without a network); checked before the run like every output`;

/** The `parseArgs` spec of `--report`. */
export const REPORT_PARSE_OPTION = { report: { type: 'string' } } as const;

/** The Monte Carlo settings every report lists. */
export function pipelineSettings(options: ReturnType<typeof monteCarloOptionsFrom>, workers: number): ReportSettings {
  return [
    ['Monte Carlo draws', options.resample ? options.nSamples : 'none (measured values)'],
    ['Trees per forest', (options.classifier as { options: { nEstimators: number } }).options.nEstimators],
    ['Seed', options.seed ?? 0],
    ['Worker threads', workers],
  ];
}
