/**
 * `FeatureSet`: an ordered, named list of feature definitions that turns sources into the row-major feature
 * matrix the classifiers read (paper Table 2, Section 3.4). Missing values are `NaN`; the paper's −100 flag is
 * applied separately by {@link flagMissing}, in the step that feeds the classifier.
 *
 * @module
 */
import { InvalidArgumentError, ShapeMismatchError } from '../core/errors';
import type { FeatureMatrix } from '../core/matrix';
import { SOURCE_NUMERIC_COLUMNS, type Source } from '../io/schema';
import { isSourceColumns, type SourceColumns } from '../io/source-columns';
import { BUILTIN_FEATURES, FULL_FEATURE_NAMES, PAPER_FEATURE_NAMES } from './builtin';
import { HardnessRatios } from '../xray/hardness-ratios';
import { builtinKernel, type BuildContext } from './kernels';
import { finiteOrNaN, type FeatureDefinition } from './definition';

/** A feature matrix with its column names (pass it anywhere a {@link FeatureMatrix} is expected). */
export interface FeatureTable extends FeatureMatrix {
  /** Feature names, one per column. */
  readonly names: readonly string[];
}

/** Options of {@link FeatureSet.build}. */
export interface BuildOptions {
  /** Build only these rows of the input, in this order (default: all rows). */
  readonly rows?: ArrayLike<number>;
}

/** Options of {@link FeatureSet.buildInto}. */
export interface BuildIntoOptions extends BuildOptions {
  /** First row of the target to write (default 0). */
  readonly rowOffset?: number;
}

/** What {@link FeatureSet.toJSON} returns. */
export interface FeatureSetJSON {
  /** The feature names in column order: built-in names, or custom ones {@link FeatureSet.fromJSON} is given definitions for. */
  readonly names: readonly string[];
}

/** A reusable row view over columns for row-function features (no per-row allocation). */
interface Cursor {
  i: number;
  readonly source: Source;
}

function makeCursor(columns: SourceColumns): Cursor {
  const cursor = { i: 0 } as Cursor & { source: Source };
  const view: Record<string, unknown> = { name: '', ra: Number.NaN, dec: Number.NaN };
  for (const c of SOURCE_NUMERIC_COLUMNS) {
    const a = columns[c];
    Object.defineProperty(view, c, { enumerable: true, get: () => a[cursor.i] });
  }
  cursor.source = Object.freeze(view) as Source;
  return cursor;
}

/**
 * An ordered set of named features. Build the paper's 29 with {@link FeatureSet.paper}, the 54 of its feature
 * selection with {@link FeatureSet.full}, any list of built-in names and your own {@link defineFeature}
 * definitions with `new FeatureSet([...])`, or extend one with {@link FeatureSet.with}.
 *
 * Building reads either `Source[]` (friendly) or {@link SourceColumns} (fast: column features run as typed
 * loops, row features through one reusable row view, no per-row allocation). Both give identical numbers.
 * A feature value that is not finite is stored as `NaN` (missing).
 *
 * @example
 * ```ts
 * import { readSourceTable } from 'muwclass/node';
 * import { toSourceColumns } from 'muwclass/io';
 * import { FeatureSet, flagMissing } from 'muwclass/features';
 * const td = await readSourceTable('../shared/data/td/muwclass_td_cscv2.csv', { requireLabel: true });
 * const features = FeatureSet.paper();
 * const X = features.build(td.sources);         // NaN = missing
 * [X.nRows, X.nCols];                           // => [2941, 29]
 * X.names[3];                                   // => 'log_Fb'
 * const Xc = features.build(toSourceColumns(td.sources)); // faster for repeated builds
 * Xc.data.every((v, i) => Object.is(v, X.data[i]));       // => true (the same numbers)
 * const ready = flagMissing(X);                 // NaN -> -100, for the classifier
 * ```
 */
export class FeatureSet {
  /** The definitions, in column order. */
  readonly features: readonly FeatureDefinition[];
  /** Feature names, in column order. */
  readonly names: readonly string[];

  /**
   * @param features - built-in feature names (see `FULL_FEATURE_NAMES`) and/or definitions, in column order
   * @throws {InvalidArgumentError} for an unknown built-in name, a value that is neither, or a duplicate name
   */
  constructor(features: readonly (string | FeatureDefinition)[]) {
    const defs = features.map((f, k) => {
      if (typeof f === 'string') {
        const d = BUILTIN_FEATURES.get(f);
        if (d === undefined) throw new InvalidArgumentError(`FeatureSet: unknown built-in feature "${f}" at position ${k} (known: ${FULL_FEATURE_NAMES.join(', ')})`);
        return d;
      }
      if (typeof f !== 'object' || f === null || typeof f.name !== 'string' || typeof f.compute !== 'function') {
        throw new InvalidArgumentError(`FeatureSet: position ${k} is neither a built-in feature name nor a definition from defineFeature`);
      }
      return f;
    });
    const seen = new Set<string>();
    for (const d of defs) {
      if (seen.has(d.name)) throw new InvalidArgumentError(`FeatureSet: duplicate feature name "${d.name}"`);
      seen.add(d.name);
    }
    this.features = Object.freeze(defs);
    this.names = Object.freeze(defs.map((d) => d.name));
  }

  /**
   * The paper's 29 features in their documented order (`PAPER_FEATURE_NAMES`).
   *
   * @example
   * ```ts
   * FeatureSet.paper().size; // => 29
   * ```
   */
  static paper(): FeatureSet {
    return new FeatureSet(PAPER_FEATURE_NAMES);
  }

  /**
   * The paper's full 54-feature set (`FULL_FEATURE_NAMES`: X-ray, all 9 optical/IR fluxes, all 36 colours).
   *
   * @example
   * ```ts
   * FeatureSet.full().size; // => 54
   * ```
   */
  static full(): FeatureSet {
    return new FeatureSet(FULL_FEATURE_NAMES);
  }

  /**
   * Rebuilds a set from {@link FeatureSet.toJSON}: built-in names resolve themselves; custom features must be
   * passed again (functions are not serialised).
   *
   * @param json - `{ names }`
   * @param custom - definitions for the names that are not built in
   * @throws {InvalidArgumentError} for a name that is neither built in nor among `custom`
   * @example
   * ```ts
   * const myFeature = defineFeature({ name: 'log_Fs_Fh', inputs: ['Fs', 'Fh'], fn: (fs, fh) => Math.log10(fs / fh) });
   * const features = FeatureSet.paper().with(myFeature);
   * const copy = FeatureSet.fromJSON(JSON.parse(JSON.stringify(features)), [myFeature]);
   * copy.names.at(-1); // => 'log_Fs_Fh'
   * copy.size;         // => 30
   * ```
   */
  static fromJSON(json: FeatureSetJSON, custom: readonly FeatureDefinition[] = []): FeatureSet {
    const byName = new Map(custom.map((d) => [d.name, d]));
    return new FeatureSet(json.names.map((n) => byName.get(n) ?? n));
  }

  /** Number of features (columns). */
  get size(): number {
    return this.features.length;
  }

  /**
   * A new set with more features appended (built-in names or definitions).
   *
   * @throws {InvalidArgumentError} for an unknown name or a duplicate
   * @example
   * ```ts
   * FeatureSet.paper().with('log_FW3_Fb').size; // => 30
   * ```
   */
  with(...features: readonly (string | FeatureDefinition)[]): FeatureSet {
    return new FeatureSet([...this.features, ...features]);
  }

  /**
   * A new set without the named features.
   *
   * @throws {InvalidArgumentError} for a name not in the set
   * @example
   * ```ts
   * FeatureSet.paper().without('P_inter', 'P_intra').size; // => 27
   * ```
   */
  without(...names: readonly string[]): FeatureSet {
    for (const n of names) if (!this.names.includes(n)) throw new InvalidArgumentError(`FeatureSet.without: no feature named "${n}"`);
    const drop = new Set(names);
    return new FeatureSet(this.features.filter((f) => !drop.has(f.name)));
  }

  /**
   * The features of one source, in column order (for unit tests and single lookups). O(features).
   *
   * @example
   * ```ts
   * const [source] = syntheticTrainingSet({ seed: 1 });
   * FeatureSet.paper().row({ ...source, Fs: 2e-15, Fb: 4e-15 })[0]; // => -0.30103 (log10(Fs/Fb) = log10(2e-15 / 4e-15))
   * ```
   */
  row(source: Source): Float64Array {
    const out = new Float64Array(this.features.length);
    for (let j = 0; j < out.length; j++) out[j] = finiteOrNaN(this.features[j]!.compute(source));
    return out;
  }

  /**
   * Builds the feature matrix: one row per source (or per entry of `rows`), one column per feature, row-major,
   * `NaN` where missing. O(rows × features); no per-row allocation on column input.
   *
   * @param input - sources, or the same as {@link SourceColumns}
   * @param options - `rows`: build only these rows, in this order
   * @returns a new {@link FeatureTable} (a `FeatureMatrix` plus `names`)
   * @throws {InvalidArgumentError} for a row index out of range
   * @example
   * ```ts
   * const X = FeatureSet.paper().build(syntheticTrainingSet({ seed: 1 }));
   * [X.nRows, X.nCols]; // => [407, 29]
   * ```
   */
  build(input: readonly Source[] | SourceColumns, options: BuildOptions = {}): FeatureTable {
    const nRows = options.rows?.length ?? (isSourceColumns(input) ? input.nRows : input.length);
    const target: FeatureTable = { data: new Float64Array(nRows * this.size), nRows, nCols: this.size, names: this.names };
    this.buildInto(input, target, options);
    return target;
  }

  /**
   * Like {@link FeatureSet.build}, but writes into rows `rowOffset …` of an existing matrix — the one documented
   * output argument, for pipelines that assemble a training matrix from parts (e.g. the non-AGN rows once per
   * Monte Carlo draw, the reddened AGN rows once per E(B−V) bin) without reallocating. Only those rows of
   * `target.data` are written; the input is never changed.
   *
   * @param input - sources or columns
   * @param target - the matrix to write into; `target.nCols` must equal {@link FeatureSet.size}
   * @param options - `rows` (input rows to build, default all) and `rowOffset` (first target row, default 0)
   * @throws {ShapeMismatchError} when `target.nCols` differs from the number of features, or the rows do not fit
   * @throws {InvalidArgumentError} for a row index out of range
   * @example
   * ```ts
   * const td = syntheticTrainingSet({ seed: 1 });
   * const draw = toSourceColumns(td);
   * const otherRows = td.flatMap((s, i) => (s.label === 'AGN' ? [] : [i]));
   * const agn = selectSourceRows(draw, td.flatMap((s, i) => (s.label === 'AGN' ? [i] : [])));
   * const features = FeatureSet.paper();
   * const X = zeros(td.length, features.size);
   * features.buildInto(draw, X, { rows: otherRows });                                // once per draw
   * features.buildInto(reddenColumns(agn, 0.5), X, { rowOffset: otherRows.length }); // per E(B-V) bin
   * otherRows.length; // => 218 (then 189 reddened AGNs)
   * ```
   */
  buildInto(input: readonly Source[] | SourceColumns, target: FeatureMatrix, options: BuildIntoOptions = {}): void {
    const columnar = isSourceColumns(input);
    const inputRows = columnar ? input.nRows : input.length;
    const rows = options.rows;
    const n = rows?.length ?? inputRows;
    const offset = options.rowOffset ?? 0;
    const stride = this.size;
    if (target.nCols !== stride) throw new ShapeMismatchError(`FeatureSet.buildInto: target has ${target.nCols} columns, the feature set has ${stride}`);
    if (!Number.isInteger(offset) || offset < 0 || offset + n > target.nRows) {
      throw new ShapeMismatchError(`FeatureSet.buildInto: ${n} rows at rowOffset ${offset} do not fit a target of ${target.nRows} rows`);
    }
    if (rows !== undefined) {
      for (let k = 0; k < n; k++) {
        const r = rows[k]!;
        if (!Number.isInteger(r) || r < 0 || r >= inputRows) throw new InvalidArgumentError(`FeatureSet.build: rows[${k}] = ${r} is not a row index in 0…${inputRows - 1}`);
      }
    }
    const out = target.data;
    const base = offset * stride;
    if (!columnar) {
      for (let k = 0; k < n; k++) {
        const source = input[rows === undefined ? k : rows[k]!]!;
        const at = base + k * stride;
        for (let j = 0; j < stride; j++) out[at + j] = finiteOrNaN(this.features[j]!.compute(source));
      }
      return;
    }
    let cursor: Cursor | undefined;
    let logFb: Float64Array | undefined;
    let hardness: ReturnType<BuildContext['hardness']> | undefined;
    const index = new Int32Array(n);
    for (let k = 0; k < n; k++) index[k] = rows === undefined ? k : rows[k]!;
    const ctx: BuildContext = {
      columns: input,
      rows: index,
      n,
      logFb() {
        if (logFb === undefined) {
          logFb = new Float64Array(n);
          const fb = input.Fb;
          for (let k = 0; k < n; k++) logFb[k] = Math.log10(fb[index[k]!]!);
        }
        return logFb;
      },
      hardness() {
        if (hardness === undefined) {
          const h = { HR_ms: new Float64Array(n), HR_hm: new Float64Array(n), HR_hms: new Float64Array(n) };
          const { Fs, Fm, Fh } = input;
          for (let k = 0; k < n; k++) {
            const i = index[k]!;
            const r = HardnessRatios.compute({ Fs: Fs[i]!, Fm: Fm[i]!, Fh: Fh[i]! });
            h.HR_ms[k] = r.HR_ms;
            h.HR_hm[k] = r.HR_hm;
            h.HR_hms[k] = r.HR_hms;
          }
          hardness = h;
        }
        return hardness;
      },
    };
    for (let j = 0; j < stride; j++) {
      const f = this.features[j]!;
      const kernel = builtinKernel(f);
      if (kernel !== undefined) {
        kernel(ctx, out, base + j, stride);
      } else if (f.inputs !== undefined && f.fn !== undefined) {
        columnKernel(f.fn, f.inputs.map((c) => input[c]), index, n, out, base + j, stride);
      } else {
        cursor ??= makeCursor(input);
        for (let k = 0; k < n; k++) {
          cursor.i = index[k]!;
          out[base + k * stride + j] = finiteOrNaN(f.compute(cursor.source));
        }
      }
    }
  }

  /**
   * The set's names, for saving with a model; see {@link FeatureSet.fromJSON}.
   *
   * @example
   * ```ts
   * JSON.stringify(FeatureSet.paper()); // '{"names":["log_Fs_Fb", …]}'
   * FeatureSet.paper().toJSON().names.slice(0, 2); // => ['log_Fs_Fb', 'log_Fm_Fb']
   * ```
   */
  toJSON(): FeatureSetJSON {
    return { names: [...this.names] };
  }
}

/** Evaluates a column feature into column `first` (stride `stride`) of `out`, for n rows. */
function columnKernel(
  fn: (...values: number[]) => number,
  cols: readonly Float64Array[],
  rows: Int32Array,
  n: number,
  out: Float64Array,
  first: number,
  stride: number,
): void {
  const r = (k: number): number => rows[k]!;
  switch (cols.length) {
    case 1: {
      const a = cols[0]!;
      for (let k = 0; k < n; k++) out[first + k * stride] = finiteOrNaN(fn(a[r(k)]!));
      return;
    }
    case 2: {
      const a = cols[0]!;
      const b = cols[1]!;
      for (let k = 0; k < n; k++) {
        const i = r(k);
        out[first + k * stride] = finiteOrNaN(fn(a[i]!, b[i]!));
      }
      return;
    }
    case 3: {
      const a = cols[0]!;
      const b = cols[1]!;
      const c = cols[2]!;
      for (let k = 0; k < n; k++) {
        const i = r(k);
        out[first + k * stride] = finiteOrNaN(fn(a[i]!, b[i]!, c[i]!));
      }
      return;
    }
    default: {
      const args = new Array<number>(cols.length);
      for (let k = 0; k < n; k++) {
        const i = r(k);
        for (let m = 0; m < cols.length; m++) args[m] = cols[m]![i]!;
        out[first + k * stride] = finiteOrNaN(fn(...args));
      }
    }
  }
}
