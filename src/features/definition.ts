/**
 * Feature definitions: a named, documented function of a source that returns one number (`NaN` = missing).
 * The paper's features are definitions like any other, and users add their own with {@link defineFeature} and
 * unit-test them by calling `compute` on a hand-made source.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { SOURCE_NUMERIC_COLUMNS, type Source } from '../io/schema';
import type { SourceNumericColumn } from '../io/source-columns';

/** A function of some source columns' values, in the order of its `inputs`. */
export type ColumnFunction = (...values: number[]) => number;

/**
 * One feature. `compute(source)` gives its value for one source; a non-finite result (±Infinity, e.g. log10 of a
 * zero flux, or NaN) is returned as `NaN` (missing).
 *
 * A definition with `inputs` and `fn` reads only those columns, which lets a {@link FeatureSet} evaluate it
 * on typed-array columns in a tight loop; one with only a row function is called once per row.
 */
export interface FeatureDefinition {
  /** The feature's name (column name in the feature matrix), unique within a feature set. */
  readonly name: string;
  /** What it is: the formula, units, reference. */
  readonly description: string;
  /** The source columns `fn` reads, in argument order (column features only). */
  readonly inputs?: readonly SourceNumericColumn[];
  /** The value from the input columns' values (column features only); may return NaN. */
  readonly fn?: ColumnFunction;
  /** The value for one source; `NaN` when missing. Never mutates the source. */
  readonly compute: (source: Source) => number;
}

/** A feature computed from a whole source row: `compute` receives the source. */
export interface RowFeatureSpec {
  /** The feature's name (its column name in the feature matrix); non-empty, unique within a feature set. */
  readonly name: string;
  /** What it is: the formula, units, reference (default `''`). */
  readonly description?: string;
  /** The value for one source (return NaN when it cannot be computed). */
  readonly compute: (source: Source) => number;
}

/** A feature computed from a few named columns: the fast path on column input. */
export interface ColumnFeatureSpec {
  /** The feature's name (its column name in the feature matrix); non-empty, unique within a feature set. */
  readonly name: string;
  /** What it is: the formula, units, reference (default `''`). */
  readonly description?: string;
  /** The columns read, in the order `fn` takes them. */
  readonly inputs: readonly SourceNumericColumn[];
  /** The value from the columns' values (return NaN when it cannot be computed). */
  readonly fn: ColumnFunction;
}

/**
 * `x` when finite, otherwise `NaN` (the library's missing value).
 *
 * @example
 * ```ts
 * finiteOrNaN(Math.log10(0)); // => NaN (not -Infinity)
 * ```
 */
export function finiteOrNaN(x: number): number {
  return Number.isFinite(x) ? x : Number.NaN;
}

/**
 * Defines a feature: either a function of the whole source (`compute`), or — faster on column input — a
 * function `fn` of named `inputs` columns. Either way the result has a `compute(source)` to unit-test.
 *
 * @param spec - `{ name, description?, compute }` or `{ name, description?, inputs, fn }`
 * @returns the definition, to pass to a {@link FeatureSet}
 * @throws {InvalidArgumentError} for an empty name, a missing function, or an unknown input column
 * @example
 * ```ts
 * import { defineFeature, FeatureSet } from 'muwclass/features';
 * import { syntheticTrainingSet } from 'muwclass/io';
 * // log10 of the soft-to-hard flux ratio, from two columns
 * const softHard = defineFeature({
 *   name: 'log_Fs_Fh',
 *   description: 'log10(Fs/Fh)',
 *   inputs: ['Fs', 'Fh'],
 *   fn: (fs, fh) => Math.log10(fs / fh),
 * });
 * const [source] = syntheticTrainingSet({ seed: 1 });
 * softHard.compute({ ...source, Fs: 1e-14, Fh: 1e-13 }); // => -1
 * FeatureSet.paper().with(softHard).size;                 // => 30
 * ```
 */
export function defineFeature(spec: RowFeatureSpec | ColumnFeatureSpec): FeatureDefinition {
  if (typeof spec !== 'object' || spec === null) throw new InvalidArgumentError('defineFeature requires a specification object');
  const { name } = spec;
  if (typeof name !== 'string' || name.trim() === '') throw new InvalidArgumentError('defineFeature requires a non-empty name');
  const description = spec.description ?? '';
  if ('inputs' in spec && spec.inputs !== undefined) {
    const { inputs, fn } = spec;
    if (typeof fn !== 'function') throw new InvalidArgumentError(`defineFeature "${name}": inputs are given, so fn must be a function`);
    if (inputs.length === 0) throw new InvalidArgumentError(`defineFeature "${name}": inputs must name at least one column`);
    for (const c of inputs) {
      if (!(SOURCE_NUMERIC_COLUMNS as readonly string[]).includes(c)) {
        throw new InvalidArgumentError(`defineFeature "${name}": unknown input column "${c}" (known: ${SOURCE_NUMERIC_COLUMNS.join(', ')})`);
      }
    }
    const cols = Object.freeze([...inputs]);
    const compute = (source: Source): number => {
      switch (cols.length) {
        case 1:
          return finiteOrNaN(fn(source[cols[0]!]));
        case 2:
          return finiteOrNaN(fn(source[cols[0]!], source[cols[1]!]));
        case 3:
          return finiteOrNaN(fn(source[cols[0]!], source[cols[1]!], source[cols[2]!]));
        default:
          return finiteOrNaN(fn(...cols.map((c) => source[c])));
      }
    };
    return Object.freeze({ name, description, inputs: cols, fn, compute });
  }
  const row = (spec as RowFeatureSpec).compute;
  if (typeof row !== 'function') throw new InvalidArgumentError(`defineFeature "${name}" requires a compute(source) function, or inputs and fn`);
  return Object.freeze({ name, description, compute: (source: Source) => finiteOrNaN(row(source)) });
}
