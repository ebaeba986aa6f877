/**
 * `muwclass classify --td <td.csv> --sources <sources.csv> -o <out.csv>`: classifies sources with the
 * MUWCLASS pipeline (paper Figure 2: Monte Carlo resampling, training AGNs reddened to the sources' E(B−V),
 * SMOTE, random forest) and writes each source's own columns plus `P_<class>`, `e_P_<class>`, `Class`,
 * `Class_prob`, `e_Class_prob`, `CT`.
 *
 * @module
 */
import { basename } from 'node:path';

import { InvalidValueError, MissingColumnError } from '../core/errors';
import { parseNumberCell } from '../io/cells';
import type { CellValue } from '../io/csv';
import { readSourceTable, readTbabsData, writeCsv } from '../node/io';
import { XrayAbsorber } from '../reddening/absorption';
import { MonteCarloClassifier } from '../node/monte-carlo';
import { monteCarloColumns, monteCarloRecords } from '../classify/result';
import { parseCommandArgs, UsageError, type CliContext, type Command } from './command';
import {
  classCounts,
  monteCarloOptionsFrom,
  nonNegativeOption,
  PIPELINE_OPTIONS_USAGE,
  PIPELINE_PARSE_OPTIONS,
  plural,
  readTrainingSet,
  requireFile,
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
probability over the draws), Class (largest mean), Class_prob, e_Class_prob and CT (the confidence threshold
of eq. 7; the paper trusts CT >= 2). A progress bar is drawn on a terminal; a one-line summary ends the run.

Options:
  --td <file>                the training set, labelled (required)
  --sources <file>           the sources to classify (required)
  -o, --output <file>        the output CSV (required)
  --ebv-column <name>        the sources' column holding E(B-V) towards each source (mag, >= 0)
  --ebv <mag>                one E(B-V) for every source
  --no-redden                do not redden the training AGNs (e.g. sources at high Galactic latitude)
  --ebv-binning <method>     fixed (default: 0.025 mag bins, the paper's) or adaptive (max(0.025, 0.05 E(B-V)))
  --tbabs <file>             X-ray absorption cross section from a two-line tbabs table (the paper used
                             Wilms et al. 2000's tbabs.data); default: Morrison & McCammon (1983)
${PIPELINE_OPTIONS_USAGE}
  -h, --help                 this help`;

/** Reads the E(B−V) column: every cell finite and ≥ 0, else an error naming the file, row and column. */
function ebvFromColumn(records: readonly { row: number; cells: Readonly<Record<string, string>> }[], columns: readonly string[], column: string, file: string): Float64Array {
  if (!columns.includes(column)) throw new MissingColumnError(column, file);
  return Float64Array.from(records, ({ row, cells }) => {
    const location = { source: file, row, column };
    const text = cells[column] ?? '';
    const e = parseNumberCell(text, location);
    if (Number.isNaN(e)) throw new InvalidValueError('missing E(B-V): every source needs one to redden the training AGNs (or pass --no-redden)', location);
    if (!(e >= 0) || !Number.isFinite(e)) throw new InvalidValueError(`E(B-V) must be finite and >= 0, got ${text.trim()}`, location);
    return e;
  });
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
  const classColumn = (values['class-column'] as string | undefined) ?? 'True_Class';

  requireFile('--td', td);
  requireFile('--sources', sourcesPath);
  const tbabsPath = values.tbabs as string | undefined;
  if (tbabsPath !== undefined) requireFile('--tbabs', tbabsPath);

  const start = performance.now();
  const training = await readTrainingSet(td, classColumn);
  const sourcesName = basename(sourcesPath);
  const field = await readSourceTable(sourcesPath, { classColumn, sourceName: sourcesName });
  const ebv = ebvColumn !== undefined ? ebvFromColumn(field.records, field.columns, ebvColumn, sourcesName) : ebvValue;
  const absorber = tbabsPath === undefined ? undefined : new XrayAbsorber({ crossSection: await readTbabsData(tbabsPath, { sourceName: basename(tbabsPath) }) });

  const mc = new MonteCarloClassifier({
    ...mcOptions,
    reddenAgn: redden,
    ebvBinning: { method: binning },
    ...(absorber === undefined ? {} : { reddening: { absorber } }),
  }).fit(training.sources);
  const progress = progressReporter(context, 'classify');
  let result;
  try {
    result = await mc.predict(field.sources, {
      ...(ebv === undefined ? {} : { ebv }),
      ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
    });
  } finally {
    progress.finish();
  }

  const outputs = monteCarloColumns(result.classes);
  const replaced = field.columns.filter((c) => outputs.includes(c));
  const passThrough = field.columns.filter((c) => !outputs.includes(c));
  const records = monteCarloRecords(result);
  const rows = field.records.map((record, i): Record<string, CellValue> => {
    const out: Record<string, CellValue> = {};
    for (const c of passThrough) out[c] = record.cells[c];
    Object.assign(out, records[i]);
    return out;
  });
  await writeCsv(output, [...passThrough, ...outputs], rows);

  const n = field.sources.length;
  const confident = result.ct.reduce((k, ct) => k + (ct >= 2 ? 1 : 0), 0);
  const nBins = result.bins?.ebv.length ?? 1;
  const draws = mcOptions.resample ? `${plural(mcOptions.nSamples, 'Monte Carlo draw')}` : 'no Monte Carlo resampling';
  const parts = [
    `classified ${plural(n, 'source')} of ${sourcesName} with ${basename(td)} (${plural(training.sources.length, 'source')}, ${plural(result.classes.length, 'class', 'classes')})`,
    `${draws}${redden ? ` x ${plural(nBins, 'E(B-V) bin')}` : ', no reddening'} on ${plural(mc.options.workers, 'worker')} in ${formatDuration(performance.now() - start)}`,
  ];
  if (n > 0) parts.push(`Class: ${classCounts(result.predicted, result.classes)}`, mcOptions.resample ? `${confident} with CT >= 2` : 'CT not meaningful without Monte Carlo');
  parts.push(`wrote ${output}${replaced.length > 0 ? ` (replacing the input's ${replaced.join(', ')})` : ''}`);
  context.stderr.write(`${parts.join('; ')}\n`);
  return 0;
}

/** The `classify` command. */
export const classifyCommand: Command = {
  name: 'classify',
  summary: 'classify sources with the Monte Carlo MUWCLASS pipeline (class probabilities, CT)',
  usage: USAGE,
  run,
};
