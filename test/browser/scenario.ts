/**
 * The computations the browser test runs twice — in headless Chromium (bundled into the page) and in Node (from
 * the built package) — so that both sides run the very same code and their outputs can be compared as strings.
 *
 * Everything here returns plain JSON data. Numbers go through {@link exact}, which keeps NaN, ±Infinity and −0
 * apart, so two equal serialisations mean bit-identical doubles (up to NaN payloads).
 *
 * Bit-identical across runtimes only where the computation is IEEE arithmetic (+ − × ÷ √, comparisons, the seeded
 * RNG): `Math.log10`, `Math.pow`, `Math.exp`, `Math.cos`… are not correctly rounded and differ in the last bits
 * between V8 versions (Node 20's V8 11 and Chromium 156's V8 differ on ~10% of inputs). So the features, which
 * use them, are compared with a tolerance, and SMOTE is run on features quantised to a 1e-9 grid (exact
 * arithmetic from there on) and compared bit for bit.
 */
import type * as Muw from 'muwclass';

/** The root API (`muwclass`, or `muwclass/node`, which re-exports it). */
export type Api = typeof Muw;
/** What `MonteCarloClassifier` accepts as its `executor` option. */
export type Executor = NonNullable<NonNullable<ConstructorParameters<typeof Muw.MonteCarloClassifier>[0]>['executor']>;

/** A number as JSON data that keeps NaN, ±Infinity and −0 (JSON would turn them into null, null and 0). */
export function exact(x: number): number | string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return x;
}

const exactAll = (xs: ArrayLike<number>): (number | string)[] => Array.from(xs, exact);

/** A large array as its length, first values and a 32-bit FNV-1a hash of its exact serialisation. */
export interface Digest {
  readonly length: number;
  readonly head: (number | string)[];
  readonly fnv1a: string;
}

/** {@link Digest} of an array of numbers (equal digests: equal arrays, barring a hash collision). */
export function digest(xs: ArrayLike<number>, headLength = 8): Digest {
  const text = JSON.stringify(exactAll(xs));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return { length: xs.length, head: exactAll(Array.prototype.slice.call(xs, 0, headLength) as number[]), fnv1a: h.toString(16).padStart(8, '0') };
}

/** The small Monte Carlo run compared between Chromium (Web Workers) and Node (in-process, worker threads). */
export const MONTE_CARLO = { nSamples: 4, seed: 3, nEstimators: 4, fieldSize: 12, ebv: 0.2 } as const;

/**
 * Runs the small Monte Carlo classification (training set `syntheticTrainingSet({ seed: 1 })`, 12 field sources
 * of `syntheticTrainingSet({ seed: 2 })`)
 * and serialises its output: predicted classes, class names, mean and std probabilities and CT.
 */
export async function monteCarlo(
  api: Pick<Api, 'syntheticTrainingSet'>,
  MonteCarloClassifier: typeof Muw.MonteCarloClassifier,
  options: { readonly workers: number; readonly executor?: Executor },
): Promise<string> {
  const td = api.syntheticTrainingSet({ seed: 1 });
  // 12 sources spread over the classes (the synthetic set is grouped by class).
  const all = api.syntheticTrainingSet({ seed: 2, labelled: false });
  const step = Math.floor(all.length / MONTE_CARLO.fieldSize);
  const field = Array.from({ length: MONTE_CARLO.fieldSize }, (_, i) => all[i * step]!);
  const mc = new MonteCarloClassifier({
    nSamples: MONTE_CARLO.nSamples,
    seed: MONTE_CARLO.seed,
    workers: options.workers,
    classifier: { type: 'RandomForest', options: { nEstimators: MONTE_CARLO.nEstimators } },
    ...(options.executor === undefined ? {} : { executor: options.executor }),
  }).fit(td);
  const r = await mc.predict(field, { ebv: MONTE_CARLO.ebv });
  return JSON.stringify({
    predicted: r.predicted,
    classes: r.classes,
    mean: exactAll(r.mean.data),
    std: exactAll(r.std.data),
    ct: exactAll(r.ct),
  });
}

/** The training-set CSV text of some sources (name, RA, Dec, every numeric column, `True_Class`); NaN → empty. */
export function sourcesCsv(api: Pick<Api, 'SOURCE_NUMERIC_COLUMNS'>, sources: readonly Muw.Source[]): string {
  const columns = ['CSCv2_name', 'CSCv2_RA', 'CSCv2_DEC', ...api.SOURCE_NUMERIC_COLUMNS, 'True_Class'];
  const cell = (x: number): string => (Number.isNaN(x) ? '' : String(x));
  const lines = sources.map((s) => [s.name, cell(s.ra), cell(s.dec), ...api.SOURCE_NUMERIC_COLUMNS.map((c) => cell(s[c])), s.label ?? ''].join(','));
  return [columns.join(','), ...lines].join('\n') + '\n';
}

/** Whether a parsed source table holds exactly `expected` (names, labels, positions, every numeric column). */
function sameSources(api: Pick<Api, 'SOURCE_NUMERIC_COLUMNS'>, parsed: readonly Muw.Source[], expected: readonly Muw.Source[]): boolean {
  return (
    parsed.length === expected.length &&
    parsed.every((p, i) => {
      const e = expected[i]!;
      return (
        p.name === e.name &&
        p.label === e.label &&
        Object.is(p.ra, e.ra) &&
        Object.is(p.dec, e.dec) &&
        api.SOURCE_NUMERIC_COLUMNS.every((c) => Object.is(p[c], e[c]))
      );
    })
  );
}

/** The results of {@link pureChecks}: properties (booleans) and values to compare with Node. */
export interface PureResults {
  readonly randomForest: {
    readonly classes: readonly string[];
    readonly probabilitiesSumToOne: boolean;
    readonly predictsTrainingLabels: boolean;
    readonly proba: (number | string)[];
  };
  readonly features: {
    readonly names: readonly string[];
    readonly nRows: number;
    readonly finiteOrNaN: boolean;
    readonly nNaN: number;
    /** Every value, row-major (exact serialisation; compared with a tolerance). */
    readonly values: (number | string)[];
  };
  readonly smote: {
    readonly counts: Readonly<Record<string, number>>;
    readonly balanced: boolean;
    readonly nRows: number;
    readonly values: Digest;
  };
  readonly confidence: (number | string)[];
  readonly csv: {
    readonly nSources: number;
    readonly columns: number;
    readonly roundTrip: boolean;
  };
}

/**
 * RandomForest on a separable toy set, the paper's 29 features of the synthetic training set, SMOTE on them,
 * eq. 7's confidence threshold and parsing a CSV string with `parseSourceTable`.
 */
export async function pureChecks(api: Api): Promise<PureResults> {
  // A random forest on two well-separated clusters.
  const X = [[0, 0], [0, 1], [1, 0], [1, 1], [5, 5], [5, 6], [6, 5], [6, 6], [0.5, 0.5], [5.5, 5.5]];
  const y = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'a', 'b'];
  const rf = new api.RandomForest({ nEstimators: 10, seed: 1 }).fit(X, y);
  const P = rf.predictProba(X);
  let sumsToOne = P.nRows === X.length && P.nCols === 2;
  for (let i = 0; i < P.nRows; i++) {
    let s = 0;
    for (let j = 0; j < P.nCols; j++) s += P.data[i * P.nCols + j]!;
    if (Math.abs(s - 1) > 1e-12) sumsToOne = false;
  }
  const predicted = rf.predict(X);

  // The paper's features of the synthetic training set.
  const td = api.syntheticTrainingSet({ seed: 1 });
  const table = api.FeatureSet.paper().build(td);
  const values = Array.from(table.data);

  // SMOTE balances the classes (missing values stay NaN), on the features quantised to a 1e-9 grid so that its
  // input is the same in every runtime.
  const quantised = { nRows: table.nRows, nCols: table.nCols, data: table.data.map((v) => Math.round(v * 1e9) / 1e9) };
  const labels = td.map((s) => s.label!);
  const smoted = new api.Smote({ seed: 1 }).fitResample(quantised, labels);
  const counts: Record<string, number> = {};
  for (const c of smoted.y) counts[c] = (counts[c] ?? 0) + 1;
  const sizes = Object.values(counts);

  // Eq. 7 on fixed inputs (the @example values, a tie, a zero denominator, a given class).
  const confidence = [
    api.confidenceThreshold([0.7, 0.2, 0.1], [0.1, 0.05, 0.05]),
    api.confidenceThreshold([0.5, 0.5], [0, 0]),
    api.confidenceThreshold([0.6, 0.4], [0, 0]),
    api.confidenceThreshold([0.31, 0.29, 0.4], [0.03, 0.07, 0.11], 0),
    api.confidenceThreshold([0.123456789, 0.3, 0.576543211], [0.0101, 0.0202, 0.0303]),
  ];

  // parseSourceTable on a string.
  const some = td.slice(0, 10);
  const parsed = await api.parseSourceTable(sourcesCsv(api, some), { requireLabel: true });

  return {
    randomForest: {
      classes: rf.classes,
      probabilitiesSumToOne: sumsToOne,
      predictsTrainingLabels: predicted.length === y.length && predicted.every((p, i) => p === y[i]),
      proba: exactAll(P.data),
    },
    features: {
      names: table.names,
      nRows: table.nRows,
      finiteOrNaN: values.every((v) => Number.isFinite(v) || Number.isNaN(v)),
      nNaN: values.filter((v) => Number.isNaN(v)).length,
      values: exactAll(values),
    },
    smote: {
      counts,
      balanced: sizes.length > 1 && sizes.every((n) => n === sizes[0]),
      nRows: smoted.X.nRows,
      values: digest(smoted.X.data, smoted.X.nCols),
    },
    confidence: exactAll(confidence),
    csv: { nSources: parsed.sources.length, columns: parsed.columns.length, roundTrip: sameSources(api, parsed.sources, some) },
  };
}

/** Parses the CSV of {@link sourcesCsv} from another input form and says whether it gives the same sources. */
export async function parsesLike(api: Api, input: Parameters<Api['parseSourceTable']>[0], expected: readonly Muw.Source[]): Promise<boolean> {
  const parsed = await api.parseSourceTable(input, { requireLabel: true });
  return sameSources(api, parsed.sources, expected);
}
