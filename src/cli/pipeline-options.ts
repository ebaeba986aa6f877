/**
 * What `muwclass classify` and `muwclass evaluate` share: reading the training set, and turning `--mc`,
 * `--seed`, `--workers` and `--trees` into Monte Carlo options.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import type { Seed } from '../core/random';
import { streamCsv } from '../io/csv';
import { parseSourceTable, type SourceTable } from '../io/source-table';
import type { MonteCarloOptions } from '../classify/monte-carlo';
import { PRESETS } from '../classify/presets';
import { optionNumber, UsageError } from './command';
import type { InputFile } from './io';

/** The usage lines of the options both commands share. */
export const PIPELINE_OPTIONS_USAGE = `  --class-column <name>      the training set's class column (default True_Class)
  --mc <N>                   Monte Carlo draws: features resampled from their errors (x sqrt 2) N times
                             (default 100; the paper used 1000); --mc 0 = no resampling, one forest per
                             group trained on the measured values (then every e_P is 0 and CT is not meaningful)
  --preset <name>            paper (default: SMOTE k = 4, random forest) or balanced (higher recall of the
                             rare classes: no SMOTE, probabilities prior-corrected; see docs/presets.md)
  --errorless-magnitudes <m> a magnitude with a value but no error (an upper limit in 2MASS/WISE), when
                             resampling: missing (default, as the paper's pipeline) or keep (as measured)
  --trees <N>                trees of each random forest (default 100, the paper's)
  --seed <S>                 seed of everything random (default 0); same seed, same output, for any --workers
  --workers <N>              worker threads (default: the available cores)`;

/** The `parseArgs` option specs of {@link PIPELINE_OPTIONS_USAGE}. */
export const PIPELINE_PARSE_OPTIONS = {
  'class-column': { type: 'string' },
  mc: { type: 'string' },
  trees: { type: 'string' },
  preset: { type: 'string' },
  'errorless-magnitudes': { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
} as const;

/** An integer option ≥ `min`, or `fallback` when absent. */
export function integerOption(flag: string, text: string | undefined, min: number, fallback: number): number;
export function integerOption(flag: string, text: string | undefined, min: number): number | undefined;
export function integerOption(flag: string, text: string | undefined, min: number, fallback?: number): number | undefined {
  if (text === undefined) return fallback;
  const v = optionNumber(text);
  if (text.trim() === '' || !Number.isInteger(v) || v < min) throw new UsageError(`${flag} needs an integer >= ${min}, got "${text}"`);
  return v;
}

/** A non-negative finite number option, or `undefined` when absent. */
export function nonNegativeOption(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = optionNumber(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < 0) throw new UsageError(`${flag} needs a non-negative number, got "${text}"`);
  return v;
}

/** `--seed`: an integer when it reads as one, otherwise the text itself (any string is a seed). */
export function seedOption(text: string | undefined): Seed {
  if (text === undefined) return 0;
  if (text.trim() === '') throw new UsageError('--seed needs a value');
  const v = optionNumber(text);
  return Number.isInteger(v) ? v : text;
}

/** The Monte Carlo options from `--preset`, `--errorless-magnitudes`, `--mc`, `--trees`, `--seed`, `--workers`. */
export function monteCarloOptionsFrom(values: Readonly<Record<string, string | boolean | undefined>>): MonteCarloOptions & { readonly nSamples: number; readonly resample: boolean } {
  const mc = integerOption('--mc', values.mc as string | undefined, 0, 100);
  const trees = integerOption('--trees', values.trees as string | undefined, 1, 100);
  const workers = integerOption('--workers', values.workers as string | undefined, 1);
  const presetName = (values.preset as string | undefined) ?? 'paper';
  const preset = PRESETS[presetName];
  if (preset === undefined) throw new UsageError(`--preset must be one of ${Object.keys(PRESETS).join(', ')}, got "${presetName}"`);
  const errorless = (values['errorless-magnitudes'] as string | undefined) ?? 'missing';
  if (errorless !== 'missing' && errorless !== 'keep') throw new UsageError(`--errorless-magnitudes must be missing or keep, got "${errorless}"`);
  const forest = preset.options.classifier as { readonly options?: object } | undefined;
  return {
    ...preset.options,
    errorlessMagnitudes: errorless,
    nSamples: mc === 0 ? 1 : mc,
    resample: mc !== 0,
    seed: seedOption(values.seed as string | undefined),
    classifier: { type: 'RandomForest', options: { ...forest?.options, nEstimators: trees } },
    ...(workers === undefined ? {} : { workers }),
  };
}

/** "1 source", "2 sources". */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** Class counts in the order given, e.g. `AGN 12, YSO 3`. */
export function classCounts(labels: readonly string[], classes?: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const order = classes ?? [...counts.keys()].sort();
  return order.filter((c) => (counts.get(c) ?? 0) > 0).map((c) => `${c} ${counts.get(c)}`).join(', ');
}

/**
 * Reads a training set in the training-set schema with its labels in `classColumn`, checking first that the
 * column exists and afterwards that there are at least two classes.
 *
 * @param input - the training set CSV (a file or standard input)
 * @param classColumn - the label column
 * @returns the table (`sources[i].label` set on every row)
 * @throws {InvalidArgumentError} for an absent class column or a single class (naming the file and column)
 * @throws {MissingColumnError | MalformedNumberError | InvalidValueError} from `parseSourceTable`
 */
export async function readTrainingSet(input: InputFile, classColumn: string): Promise<SourceTable> {
  const name = input.name;
  const csv = await streamCsv(await input.source(), { sourceName: name });
  await csv.records.return(undefined);
  if (!csv.columns.includes(classColumn)) {
    throw new InvalidArgumentError(
      `the class column "${classColumn}" is not in the training set ${name}; name the column holding the classes with --class-column`,
    );
  }
  const table = await parseSourceTable(await input.source(), { requireLabel: true, classColumn, sourceName: name });
  const classes = [...new Set(table.sources.map((s) => s.label!))].sort();
  if (classes.length < 2) {
    throw new InvalidArgumentError(
      `the training set ${name} has ${classes.length === 0 ? 'no sources' : `a single class (${classes[0]}) in column "${classColumn}"`}; at least two classes are needed`,
    );
  }
  return table;
}
