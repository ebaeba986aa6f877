/**
 * `muwclass classify --td <td.csv> --sources <sources.csv> -o <out.csv>`: classifies sources with the
 * MUWCLASS pipeline (paper Figure 2: Monte Carlo resampling, training AGNs reddened to the sources' E(B−V),
 * SMOTE, random forest) and writes each source's own columns plus `P_<class>`, `e_P_<class>`, `Class`,
 * `Class_prob`, `e_Class_prob`, `CT`.
 *
 * @module
 */
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
import { parseCommandArgs, UsageError, type CliContext, type Command } from './command';
import { checkOneStdin, inputFile, outputFile, throwIfInterrupted, type InputFile } from './io';
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

const USAGE = `Usage: muwclass classify --td <td.csv> --sources <sources.csv> (--ebv-column <col> | --ebv <mag> | --no-redden)
                         -o <out.csv> [options]

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
  --ebv-binning <method>     fixed (default: 0.025 mag bins, the paper's) or adaptive (max(0.025, 0.05 E(B-V)))
  --tbabs <file>             X-ray absorption cross section from a two-line tbabs table (the paper used
                             Wilms et al. 2000's tbabs.data); default: Morrison & McCammon (1983)
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
      tbabs: { type: 'string' },
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
  if (output === undefined || output === '') throw new UsageError('-o <out.csv> is required');
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
  const out = await outputFile(context, '-o', output, tbabsFile === undefined ? [tdFile, sourcesFile] : [tdFile, sourcesFile, tbabsFile]);

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
    ebvBinning: { method: binning },
    ...(absorber === undefined ? {} : { reddening: { absorber } }),
  }).fit(training.sources);
  const n = field.sources.nRows;
  const members = membersMode === 'keep' ? undefined : trainingMembers(field, training.sources, tdFile.name, memberRadius);
  const outputs = [...monteCarloColumns(mc.classes), ...(members === undefined ? [] : ['TD_member'])];
  const replaced = field.columns.filter((c) => outputs.includes(c));
  const passThrough = field.columns.filter((c) => !outputs.includes(c));
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
  await out.write(csvLines([...passThrough, ...outputs], outputRows(await sourcesFile.source(), sourcesFile.name, passThrough, result)));

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
  context.stderr.write(`${parts.join('; ')}\n`);
  return 0;
}

/**
 * The output rows, streamed: the input is read again record by record, its own columns copied through as text
 * and the Monte Carlo columns of the same row appended, so memory does not grow with the field.
 */
async function* outputRows(
  input: TextSource,
  sourceName: string,
  passThrough: readonly string[],
  result: MonteCarloPrediction | undefined,
): AsyncGenerator<Record<string, CellValue>, void, undefined> {
  if (result === undefined) return;
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
