/**
 * `muwclass average <per-observation.csv> -o <sources.csv>`: averages CSC per-observation detections into
 * one row per source in the training-set schema (paper Section 2.2), and prints a summary to stderr.
 *
 * @module
 */
import { csvLines } from '../io/csv';
import { parseCscDetections } from '../io/csc-detections';
import { averageObservations, type AveragedSource, type AveragingSummary, type DropReason } from '../xray/averaging';
import { DEFAULT_DETECTION_FILTER, REJECTION_REASONS, type RejectionReason } from '../xray/detection-filter';
import { optionNumber, parseCommandArgs, UsageError, type Command } from './command';
import { inputFile, outputFile, throwIfInterrupted } from './io';

/** The output columns: the training-set schema's X-ray columns, then the averaging's bookkeeping. */
export const AVERAGE_OUTPUT_COLUMNS = [
  'CSCv2_name',
  'CSCv2_RA',
  'CSCv2_DEC',
  'CSCv2_PU',
  'Fs',
  'e_Fs',
  'Fm',
  'e_Fm',
  'Fh',
  'e_Fh',
  'Fb',
  'e_Fb',
  'P_intra',
  'P_inter',
  'n_obs',
  'chisqr',
  'dof',
  'significance_max',
  'flux_flag',
] as const;

/** The usage lines of the detection-filter options (`average` and `field`). */
export const DETECTION_FILTER_USAGE = `  --max-theta <arcmin>       drop detections further off-axis (default ${DEFAULT_DETECTION_FILTER.maxTheta})
  --max-pileup <warning>     drop detections with a larger pile-up warning (default ${DEFAULT_DETECTION_FILTER.maxPileupWarning})`;

/** The `parseArgs` option specs of {@link DETECTION_FILTER_USAGE}. */
export const DETECTION_FILTER_PARSE_OPTIONS = {
  'max-theta': { type: 'string' },
  'max-pileup': { type: 'string' },
} as const;

/** The detection filter's thresholds from `--max-theta` and `--max-pileup` (defaults when absent). */
export function detectionFilterFrom(values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>): { maxTheta: number; maxPileupWarning: number } {
  return {
    maxTheta: parseThreshold(values['max-theta'] as string | undefined, '--max-theta') ?? DEFAULT_DETECTION_FILTER.maxTheta,
    maxPileupWarning: parseThreshold(values['max-pileup'] as string | undefined, '--max-pileup') ?? DEFAULT_DETECTION_FILTER.maxPileupWarning,
  };
}

const USAGE = `Usage: muwclass average <per-observation.csv> -o <sources.csv> [options]

Averages Chandra Source Catalog per-observation detections (CSCv2 column names, per-observation copies
suffixed ".1") into one row per source: Fechner band fluxes, inverse-variance weighted over observations,
CSCv2_PU = the master err_ellipse_r0 (95% error radius, arcsec, as \`muwclass match\` reads it),
broad band = s + m + h, P_intra (max Kuiper probability), P_inter (chi-square CDF of a constant fit).
Writes ${AVERAGE_OUTPUT_COLUMNS.slice(0, 12).join(', ')},
${AVERAGE_OUTPUT_COLUMNS.slice(12).join(', ')} at full double precision (empty = missing). Prints a summary, with the sources dropped, to stderr.

The input may be - (standard input).

Options:
  -o, --output <file>        the averaged table to write (required; - writes standard output); checked before
                             any work, replaced only when complete, never the input
${DETECTION_FILTER_USAGE}
  -h, --help                 this help`;

const REJECTION_LABELS: Readonly<Record<RejectionReason, string>> = {
  hrc: 'HRC',
  'off-axis': 'off-axis',
  saturated: 'saturated',
  'pile-up': 'piled-up',
  streak: 'on a readout streak',
  confused: 'confused (one detection, several sources)',
  duplicate: 'duplicated',
};

const DROP_LABELS: Readonly<Record<DropReason, string>> = {
  'all-detections-filtered': 'every detection filtered out',
  'all-bands-null': 'no s, m or h flux in any detection',
};

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function parseThreshold(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const x = optionNumber(text);
  if (text.trim() === '' || !Number.isFinite(x)) throw new UsageError(`${option} needs a number, got "${text}"`);
  return x;
}

/** The summary printed to stderr (one line per item; dropped sources listed by name). */
export function formatAveragingSummary(summary: AveragingSummary, input: string, output: string | undefined, maxTheta: number, maxPileup: number): string {
  const lines = [`${input}: ${plural(summary.detectionsIn, 'detection')} of ${plural(summary.sourcesIn, 'source')}`];
  const left = REJECTION_REASONS.filter((r) => summary.rejected[r] > 0).map((r) => {
    const extra = r === 'off-axis' ? ` (theta > ${maxTheta} arcmin)` : r === 'pile-up' ? ` (pileup_warning > ${maxPileup})` : '';
    return `${summary.rejected[r]} ${REJECTION_LABELS[r]}${extra}`;
  });
  lines.push(`  used ${plural(summary.detectionsUsed, 'detection')}${left.length > 0 ? `; left out ${left.join(', ')}` : ''}`);
  lines.push(output === undefined ? `  averaged into ${plural(summary.sourcesOut, 'source')}` : `  wrote ${plural(summary.sourcesOut, 'source')} to ${output}`);
  for (const reason of Object.keys(DROP_LABELS) as DropReason[]) {
    const names = summary.dropped.filter((d) => d.reason === reason).map((d) => d.name);
    if (names.length > 0) lines.push(`  dropped ${plural(names.length, 'source')} (${DROP_LABELS[reason]}): ${names.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One averaged source as a row of {@link AVERAGE_OUTPUT_COLUMNS}. */
export function averageOutputRow(s: AveragedSource): Record<(typeof AVERAGE_OUTPUT_COLUMNS)[number], number | string> {
  return {
    CSCv2_name: s.name,
    CSCv2_RA: s.ra,
    CSCv2_DEC: s.dec,
    CSCv2_PU: s.pu,
    Fs: s.Fs,
    e_Fs: s.e_Fs,
    Fm: s.Fm,
    e_Fm: s.e_Fm,
    Fh: s.Fh,
    e_Fh: s.e_Fh,
    Fb: s.Fb,
    e_Fb: s.e_Fb,
    P_intra: s.P_intra,
    P_inter: s.P_inter,
    n_obs: s.n_obs,
    chisqr: s.chisqr,
    dof: s.dof,
    significance_max: s.significance_max,
    flux_flag: s.flux_flag,
  };
}

/** The `average` command. */
export const averageCommand: Command = {
  name: 'average',
  summary: 'average CSC per-observation detections into per-source X-ray features',
  usage: USAGE,
  async run(argv, context) {
    const { values, positionals } = parseCommandArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        ...DETECTION_FILTER_PARSE_OPTIONS,
      },
    });
    if (positionals.length !== 1) throw new UsageError(`expected one per-observation CSV file, got ${positionals.length}`);
    if (values.output === undefined || values.output === '') throw new UsageError('the output file (-o <sources.csv>) is required');
    const { maxTheta, maxPileupWarning } = detectionFilterFrom(values);
    const input = await inputFile(context, 'the per-observation file', positionals[0]!);
    const out = await outputFile(context, '-o', values.output, [input]);

    const detections = await parseCscDetections(await input.source(), { sourceName: input.name });
    const { sources, summary } = averageObservations(detections, { maxTheta, maxPileupWarning, sourceName: input.name });
    throwIfInterrupted(context);
    await out.write(csvLines(AVERAGE_OUTPUT_COLUMNS, sources.map(averageOutputRow)));
    context.stderr.write(formatAveragingSummary(summary, input.name, out.toStdout ? 'standard output' : values.output, maxTheta, maxPileupWarning));
    return 0;
  },
};
