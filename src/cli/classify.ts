/**
 * `muwclass classify --td <td.csv> --sources <sources.csv> -o <out.csv>`: classifies sources with the
 * MUWCLASS pipeline (paper Figure 2: Monte Carlo resampling, training AGNs reddened to the sources' E(B−V),
 * SMOTE, random forest) and writes each source's own columns plus `P_<class>`, `e_P_<class>`, `Class`,
 * `Class_prob`, `e_Class_prob`, `CT`.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

import { InvalidValueError, MuwclassError, ParseError } from '../core/errors';
import { csvLines, streamCsv, type CellValue } from '../io/csv';
import { parseSourceColumns } from '../io/source-table';
import type { TextSource } from '../io/text-source';
import type { Source } from '../io/schema';
import type { MonteCarloPrediction } from '../classify/monte-carlo';
import { parseTbabsData } from '../reddening/tbabs';
import type { CrossSection } from '../reddening/cross-section';
import { readText } from '../io/text-source';
import { XrayAbsorber } from '../reddening/absorption';
import { MonteCarloClassifier } from '../node/monte-carlo';
import { monteCarloColumns, monteCarloRecord } from '../classify/result';
import { findTrainingMembers } from '../classify/training-members';
import { optionNumber, parseCommandArgs, UsageError, type CliContext, type Command } from './command';
import { checkOneStdin, inputFile, outputFile, throwIfInterrupted, type InputFile, type OutputFile } from './io';
import { shardablePlan } from '../classify/shard-file';
import { writePlanFile } from '../node/shard';
import {
  classCounts,
  monteCarloOptionsFrom,
  nonNegativeOption,
  PIPELINE_OPTIONS_USAGE,
  PIPELINE_PARSE_OPTIONS,
  plural,
  readTrainingSet,
} from './pipeline-options';
import { formatDuration, progressReporter } from './progress';
import { classificationReportHtml } from '../eval/report';
import { pipelineSettings, REPORT_OPTION_USAGE, REPORT_PARSE_OPTION } from './report';

const USAGE = `Usage: muwclass classify --td <td.csv> --sources <sources.csv> (--ebv-column <col> | --ebv <mag> | --no-redden)
                         (-o <out.csv> | --plan <plan.json>) [options]

Classifies X-ray sources with the MUWCLASS pipeline (Yang et al. 2022, Fig. 2). For each Monte Carlo draw the
training set and the sources are resampled from their errors, the training AGNs are absorbed and reddened to
the sources' E(B-V) (one training set per 0.025 mag bin), features are built, classes balanced with SMOTE
(k = 4), a random forest is trained and the sources are classified. Both files are in the schema of the paper's
training set (CSCv2_name, Fs, e_Fs, … P_intra, P_inter, Gmag, e_Gmag, … W3mag, e_W3mag; empty = missing).

Writes the sources' own columns, then P_<class> and e_P_<class> (mean and standard deviation of each class
probability over the draws), Class (largest mean), Class_prob, e_Class_prob, CT (the confidence threshold
of eq. 7; the paper trusts CT >= 2), TD_member (1 for a training-set member, classified by models that left it
out; absent with --td-members keep) and No_features (1 for a source with no measured feature: its class comes
from the training set alone). A progress bar is drawn on a terminal (a line every 10 s otherwise); a one-line
summary on stderr ends the run. A field with a header and no rows gives an output with just the header.

Options:
  --td <file>                the training set, labelled (required; - reads standard input)
  --sources <file>           the sources to classify (required; - reads standard input)
  -o, --output <file>        the output CSV (required; - writes standard output); checked before the run,
                             replaced only when complete, never one of the inputs
  --ebv-column <name>        the sources' column holding E(B-V) towards each source (mag, >= 0)
  --ebv <mag>                one E(B-V) for every source
  --no-redden                do not redden the training AGNs (e.g. sources at high Galactic latitude)
  --ebv-binning <method>     fixed (default: 0.025 mag bins, the paper's) or adaptive (max(0.025, f E(B-V)))
  --ebv-bin-fraction <f>     adaptive bins' relative width f (default 0.05: probabilities shift by 0.001 RMS,
                             half the 1,000-draw noise; 0.1 trains 1.8x fewer models and shifts them by as much
                             as that noise; measured in docs/catalog-scale.md)
  --tbabs <file>             X-ray absorption cross section from a two-line tbabs table (the paper used
                             Wilms et al. 2000's tbabs.data); default: Morrison & McCammon (1983)
  --plan <plan.json>         write the run's plan instead of running it (instead of -o): the training set,
                             the sources as columns and every unit of work, with the SHA-256 of the input
                             files; run it in shards with 'muwclass run-shard', combine with 'muwclass merge'
                             (same output, byte for byte), or on Slurm with 'muwclass slurm'
${REPORT_OPTION_USAGE}
  --td-members <mode>        sources that are in the training set (same CSCv2_name): leave-out (default, as
                             the paper: each is classified by models trained without it, in 10 groups of
                             members; TD_member = 1 in the output) or keep (trained on themselves)
  --member-radius <arcsec>   a name match is a member only if the positions also agree within this radius
${PIPELINE_OPTIONS_USAGE}
  -h, --help                 this help`;

/** Checks the E(B−V) column: every cell present (finite and ≥ 0 is checked by the reader), else an error naming the row. */
function checkEbv(ebv: Float64Array, column: string, file: string): Float64Array {
  const missing = ebv.findIndex((e) => Number.isNaN(e));
  if (missing >= 0) {
    throw new InvalidValueError('missing E(B-V): every source needs one to redden the training AGNs (or pass --no-redden)', { source: file, row: missing + 1, column });
  }
  return ebv;
}

/** Reads `--tbabs`; an error about its values (e.g. a negative cross section) names the file. */
async function readTbabs(file: InputFile): Promise<CrossSection> {
  const text = await readText(await file.source(), file.name);
  try {
    return parseTbabsData(text, { sourceName: file.name });
  } catch (error) {
    if (error instanceof MuwclassError && !error.message.includes(file.name)) throw new ParseError(`--tbabs: ${error.message}`, { source: file.name });
    throw error;
  }
}

/** The training row of each source that is a training-set member (same name; position too with --member-radius), else -1. */
function trainingMembers(field: { names: readonly string[]; ra: Float64Array; dec: Float64Array }, training: readonly Source[], tdName: string, radius: number | undefined): Int32Array {
  const first = new Map<string, number>();
  training.forEach((s, row) => {
    const name = s.name.trim();
    const seen = first.get(name);
    if (seen !== undefined) {
      throw new InvalidValueError(`two training sources are named "${name}" (rows ${seen + 1} and ${row + 1}): training-set members among the sources are found by name; pass --td-members keep to skip that`, { source: tdName, row: row + 1, column: 'CSCv2_name' });
    }
    first.set(name, row);
  });
  return findTrainingMembers(
    { names: field.names, ra: field.ra, dec: field.dec },
    { names: training.map((s) => s.name), ra: training.map((s) => s.ra), dec: training.map((s) => s.dec) },
    radius === undefined ? {} : { positionTolerance: radius },
  );
}

async function run(argv: readonly string[], context: CliContext): Promise<number> {
  const { values }: { values: Record<string, string | boolean | undefined> } = parseCommandArgs({
    args: [...argv],
    options: {
      td: { type: 'string' },
      sources: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'ebv-column': { type: 'string' },
      ebv: { type: 'string' },
      'no-redden': { type: 'boolean' },
      'ebv-binning': { type: 'string' },
      'ebv-bin-fraction': { type: 'string' },
      ...REPORT_PARSE_OPTION,
      tbabs: { type: 'string' },
      plan: { type: 'string' },
      'td-members': { type: 'string' },
      'member-radius': { type: 'string' },
      ...PIPELINE_PARSE_OPTIONS,
    },
    strict: true,
    allowPositionals: false,
  });
  const td = values.td as string | undefined;
  const sourcesPath = values.sources as string | undefined;
  const output = values.output as string | undefined;
  if (td === undefined || td === '') throw new UsageError('--td <td.csv> (the training set) is required');
  if (sourcesPath === undefined || sourcesPath === '') throw new UsageError('--sources <sources.csv> (the sources to classify) is required');
  const planPath = values.plan as string | undefined;
  if (planPath !== undefined && output !== undefined) throw new UsageError('--plan and -o exclude each other: with --plan the output is named at merge (muwclass merge plan.json part-* -o out.csv)');
  if (planPath === '') throw new UsageError('--plan needs a file name');
  if (planPath === undefined && (output === undefined || output === '')) throw new UsageError('-o <out.csv> is required');
  if (planPath !== undefined && sourcesPath === '-') throw new UsageError('--plan needs --sources as a file: merge reads its columns again');
  const redden = values['no-redden'] !== true;
  const ebvColumn = values['ebv-column'] as string | undefined;
  const ebvValue = nonNegativeOption('--ebv', values.ebv as string | undefined);
  const given = [ebvColumn !== undefined && '--ebv-column', ebvValue !== undefined && '--ebv', !redden && '--no-redden'].filter(Boolean);
  if (given.length > 1) throw new UsageError(`${given.join(' and ')} exclude each other`);
  if (given.length === 0) {
    throw new UsageError('give the E(B-V) towards the sources (--ebv-column <col> or --ebv <mag>) to redden the training AGNs, or --no-redden');
  }
  const binning = (values['ebv-binning'] as string | undefined) ?? 'fixed';
  if (binning !== 'fixed' && binning !== 'adaptive') throw new UsageError(`--ebv-binning must be fixed or adaptive, got "${binning}"`);
  if (!redden && values['ebv-binning'] !== undefined) throw new UsageError('--ebv-binning has no effect with --no-redden');
  const fractionText = values['ebv-bin-fraction'] as string | undefined;
  const fraction = fractionText === undefined ? undefined : optionNumber(fractionText);
  if (fractionText !== undefined && binning !== 'adaptive') throw new UsageError('--ebv-bin-fraction applies to --ebv-binning adaptive only');
  if (fraction !== undefined && !(fraction > 0 && fraction <= 1)) throw new UsageError(`--ebv-bin-fraction must be a number in (0, 1], got "${fractionText}"`);
  if (!redden && values.tbabs !== undefined) throw new UsageError('--tbabs has no effect with --no-redden');
  const mcOptions = monteCarloOptionsFrom(values);
  const membersMode = (values['td-members'] as string | undefined) ?? 'leave-out';
  if (membersMode !== 'leave-out' && membersMode !== 'keep') throw new UsageError(`--td-members must be leave-out or keep, got "${membersMode}"`);
  const memberRadius = nonNegativeOption('--member-radius', values['member-radius'] as string | undefined);
  if (membersMode === 'keep' && memberRadius !== undefined) throw new UsageError('--member-radius has no effect with --td-members keep');
  const classColumn = (values['class-column'] as string | undefined) ?? 'True_Class';
  const tbabsPath = values.tbabs as string | undefined;

  checkOneStdin([
    { option: '--td', path: td },
    { option: '--sources', path: sourcesPath },
    { option: '--tbabs', path: tbabsPath },
  ]);
  const tdFile = await inputFile(context, '--td', td);
  const sourcesFile = await inputFile(context, '--sources', sourcesPath);
  const tbabsFile = tbabsPath === undefined ? undefined : await inputFile(context, '--tbabs', tbabsPath);
  const inputs = tbabsFile === undefined ? [tdFile, sourcesFile] : [tdFile, sourcesFile, tbabsFile];
  const out = await outputFile(context, planPath === undefined ? '-o' : '--plan', planPath ?? output!, inputs);
  const reportPath = values.report as string | undefined;
  if (reportPath === '-' || reportPath === '') throw new UsageError('--report needs an HTML file name (not standard output)');
  if (reportPath !== undefined && planPath !== undefined) {
    throw new UsageError('--report cannot be combined with --plan (a plan is not run; the report needs the results)');
  }
  const htmlReport = reportPath === undefined ? undefined : await outputFile(context, '--report', reportPath, inputs);

  const start = performance.now();
  const training = await readTrainingSet(tdFile, classColumn);
  // the sources as columns (about 250 bytes a source); the user's own columns are streamed from the file again on output
  const field = await parseSourceColumns(await sourcesFile.source(), {
    classColumn,
    sourceName: sourcesFile.name,
    ...(ebvColumn === undefined ? {} : { numericColumns: { [ebvColumn]: { min: 0 } } }),
  });
  const ebv = ebvColumn !== undefined ? checkEbv(field.numeric[ebvColumn]!, ebvColumn, sourcesFile.name) : ebvValue;
  const absorber = tbabsFile === undefined ? undefined : new XrayAbsorber({ crossSection: await readTbabs(tbabsFile) });
  throwIfInterrupted(context);

  const mc = new MonteCarloClassifier({
    ...mcOptions,
    reddenAgn: redden,
    ebvBinning: { method: binning, ...(fraction === undefined ? {} : { fraction }) },
    ...(absorber === undefined ? {} : { reddening: { absorber } }),
    ...(htmlReport === undefined ? {} : { importances: true }),
  }).fit(training.sources);
  const n = field.sources.nRows;
  const members = membersMode === 'keep' ? undefined : trainingMembers(field, training.sources, tdFile.name, memberRadius);
  if (planPath !== undefined) {
    const run = mc.planPredict(field.sources, { ...(ebv === undefined ? {} : { ebv }), ...(members === undefined ? {} : { trainingMembers: members }) });
    const meta: ClassifyPlanMeta = {
      command: 'classify',
      inputs: await Promise.all(inputs.map(describeInput)),
      sourceColumns: field.columns,
      draws: mcOptions.resample ? mcOptions.nSamples : 0,
      redden,
      trainingMembers: members !== undefined,
    };
    const plan = shardablePlan(run, meta as unknown as Record<string, unknown>);
    await writePlanFile(out.path, plan, { option: '--plan', ...(context.signal === undefined ? {} : { signal: context.signal }) });
    context.stderr.write(
      `planned ${plural(n, 'source')} of ${sourcesFile.name}: ${plural(run.plan.jobs.length, 'group')} x ${plural(run.nDraws, 'draw')} in ${plural(run.plan.units.length, 'unit')} of work; wrote ${planPath} (plan ${plan.hash.slice(0, 12)})\n`,
    );
    return 0;
  }
  const outputs = classificationColumns(mc.classes, members !== undefined);
  const replaced = field.columns.filter((c) => outputs.includes(c));
  let result: MonteCarloPrediction | undefined;
  if (n > 0) {
    const progress = progressReporter(context, 'classify');
    try {
      result = await mc.predict(field.sources, {
        ...(ebv === undefined ? {} : { ebv }),
        ...(members === undefined ? {} : { trainingMembers: members }),
        onProgress: progress.onProgress,
        ...(context.signal === undefined ? {} : { signal: context.signal }),
      });
    } finally {
      progress.finish();
    }
  }
  throwIfInterrupted(context);
  await writeClassification(out, sourcesFile, field.columns, mc.classes, result, members !== undefined);

  if (htmlReport !== undefined && result !== undefined) {
    const settings = [
      ['Training set', `${tdFile.name} (${training.sources.length} sources)`],
      ['Sources', `${sourcesFile.name} (${n})`],
      ['E(B-V)', !redden ? 'no reddening' : ebvColumn !== undefined ? `column ${ebvColumn}, ${binning} bins${fraction === undefined ? '' : ` (${fraction})`}` : `${ebvValue} mag`],
      ['X-ray absorption', tbabsFile === undefined ? 'Morrison & McCammon (1983)' : `tbabs, ${tbabsFile.name}`],
      ...pipelineSettings(mcOptions, mc.options.workers),
      ['Run time', formatDuration(performance.now() - start)],
    ] as const;
    await htmlReport.write([classificationReportHtml({ result, names: field.names, settings })]);
  }
  const confident = result === undefined ? 0 : result.ct.reduce((k, ct) => k + (ct >= 2 ? 1 : 0), 0);
  const noFeatures = result === undefined ? 0 : result.noFeatures.reduce((k, f) => k + f, 0);
  const nBins = result?.bins?.ebv.length ?? 1;
  const draws = mcOptions.resample ? `${plural(mcOptions.nSamples, 'Monte Carlo draw')}` : 'no Monte Carlo resampling';
  const parts = [`classified ${plural(n, 'source')} of ${sourcesFile.name} with ${tdFile.name} (${plural(training.sources.length, 'source')}, ${plural(mc.classes.length, 'class', 'classes')})`];
  if (n > 0) {
    parts.push(`${draws}${redden ? ` x ${plural(nBins, 'E(B-V) bin')}` : ', no reddening'} on ${plural(mc.options.workers, 'worker')} in ${formatDuration(performance.now() - start)}`);
    parts.push(`Class: ${classCounts(result!.predicted, result!.classes)}`, mcOptions.resample ? `${confident} with CT >= 2` : 'CT not meaningful without Monte Carlo');
    const nMembers = result!.trainingMember?.reduce((k, f) => k + f, 0) ?? 0;
    if (nMembers > 0) parts.push(`${plural(nMembers, 'training-set member')} classified by models trained without them (TD_member = 1)`);
    if (noFeatures > 0) parts.push(`${plural(noFeatures, 'source')} with no measured feature (No_features = 1: class from the training set alone)`);
  } else {
    parts.push('nothing to classify');
  }
  parts.push(`wrote ${out.toStdout ? 'standard output' : output}${replaced.length > 0 ? ` (replacing the input's ${replaced.join(', ')})` : ''}`);
  if (htmlReport !== undefined && result !== undefined) parts.push(`wrote the HTML report to ${htmlReport.toStdout ? 'standard output' : htmlReport.path}`);
  context.stderr.write(`${parts.join('; ')}\n`);
  return 0;
}

/** The columns `classify` (and `merge`) append: the Monte Carlo columns, then `TD_member` when members were looked for. */
function classificationColumns(classes: readonly string[], trainingMembers: boolean): string[] {
  return [...monteCarloColumns(classes), ...(trainingMembers ? ['TD_member'] : [])];
}

/**
 * Writes the output of `classify` (and of `merge`): the sources' own columns, streamed from their file again,
 * then the Monte Carlo columns. No rows for a field without sources.
 */
export async function writeClassification(
  out: OutputFile,
  sources: Pick<InputFile, 'name' | 'source'>,
  sourceColumns: readonly string[],
  classes: readonly string[],
  result: MonteCarloPrediction | undefined,
  trainingMembers: boolean,
): Promise<void> {
  const outputs = classificationColumns(classes, trainingMembers);
  const passThrough = sourceColumns.filter((c) => !outputs.includes(c));
  if (result === undefined || result.mean.nRows === 0) {
    // the header alone: the classes are known even without sources
    await out.write(csvLines([...passThrough, ...outputs], []));
    return;
  }
  await out.write(csvLines([...passThrough, ...outputs], outputRows(await sources.source(), sources.name, passThrough, result)));
}

/** What `classify --plan` records beside the run, for `merge`. */
export interface ClassifyPlanMeta {
  readonly command: 'classify';
  /** The input files (option, absolute path, size, SHA-256). */
  readonly inputs: readonly PlanInput[];
  /** The columns of the sources file, in order. */
  readonly sourceColumns: readonly string[];
  /** Monte Carlo draws (0: no resampling). */
  readonly draws: number;
  /** Whether the AGNs are reddened. */
  readonly redden: boolean;
  /** Whether training-set members among the sources are left out of their models (a TD_member column). */
  readonly trainingMembers?: boolean;
}

/** An input file of a plan. */
export interface PlanInput {
  readonly option: string;
  /** Absolute path, or `-` for standard input. */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** An input's absolute path, size and SHA-256 (read once more, streamed). */
export async function describeInput(file: InputFile): Promise<PlanInput> {
  const hash = createHash('sha256');
  let bytes = 0;
  const source = await file.source();
  const chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> =
    typeof source === 'string' ? [new TextEncoder().encode(source)] : source instanceof Uint8Array ? [source] : (source as AsyncIterable<Uint8Array>);
  for await (const chunk of chunks) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { option: file.option, path: file.isStdin ? '-' : resolve(file.path), bytes, sha256: hash.digest('hex') };
}

/**
 * The output rows, streamed: the input is read again record by record, its own columns copied through as text
 * and the Monte Carlo columns of the same row appended, so memory does not grow with the field.
 */
async function* outputRows(
  input: TextSource,
  sourceName: string,
  passThrough: readonly string[],
  result: MonteCarloPrediction,
): AsyncGenerator<Record<string, CellValue>, void, undefined> {
  const csv = await streamCsv(input, { sourceName });
  let i = 0;
  for await (const record of csv.records) {
    const row: Record<string, CellValue> = Object.create(null) as Record<string, CellValue>;
    for (const c of passThrough) row[c] = record.cells[c];
    Object.assign(row, monteCarloRecord(result, i));
    if (result.trainingMember !== undefined) row.TD_member = result.trainingMember[i]!;
    i++;
    yield row;
  }
}

/** The `classify` command. */
export const classifyCommand: Command = {
  name: 'classify',
  summary: 'classify sources with the Monte Carlo MUWCLASS pipeline (class probabilities, CT)',
  usage: USAGE,
  run,
};
