/**
 * The outputs of Monte Carlo classification (paper Section 3.6 and eq. 7): per source, the mean and standard
 * deviation over draws of every class probability, the most probable class with its probability and error,
 * and the confidence threshold CT.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { zeros, type FeatureMatrix } from '../core/matrix';
import { confidenceThresholds } from './confidence';
import type { UnitResult } from './engine';
import type { PlannedRun } from './plan';
import { mergeMoments } from './running-moments';

/** What {@link MonteCarloClassifier.predict} (and cross-validation of the pipeline) returns. */
export interface MonteCarloResult {
  /** Class labels, sorted: the column order of `mean`, `std` and each draw. */
  readonly classes: readonly string[];
  /** Number of Monte Carlo draws. */
  readonly nDraws: number;
  /** Mean class probabilities P_c over draws, `nSources x classes.length`. */
  readonly mean: FeatureMatrix;
  /** Standard deviation ΔP_c over draws (population, ddof = 0, as numpy's default), same shape. */
  readonly std: FeatureMatrix;
  /** The most probable class (largest mean) of each source: `Class`. */
  readonly predicted: readonly string[];
  /** Its mean probability: `Class_prob`. */
  readonly classProbability: Float64Array;
  /** Its standard deviation: `e_Class_prob`. */
  readonly classProbabilityError: Float64Array;
  /** The confidence threshold of eq. 7 for the most probable class: `CT`. */
  readonly ct: Float64Array;
  /**
   * 1 for a source whose every feature is missing as measured (no X-ray flux, no counterpart): its probabilities
   * and CT reflect the training set alone, not a measurement — a legal but suspicious result, flagged in
   * `No_features` of {@link monteCarloRecords}.
   */
  readonly noFeatures: Uint8Array;
  /** Every draw's probabilities (`nSources x classes.length` each), when asked for with `keepDraws`. */
  readonly draws?: readonly FeatureMatrix[];
  /** Every draw's feature importances of every model (`nModels x nFeatures`, row-major), when available. */
  readonly importances?: {
    /** The feature names, one per column of `values`. */
    readonly names: readonly string[];
    /** One row per trained model (job by job, draws in order), one column per feature; each row as the classifier reports it (a forest's sum to 1). */
    readonly values: FeatureMatrix;
  };
}

/**
 * Merges unit summaries into the mean and standard deviation of every probability, per job in draw order
 * (units that arrive early wait): a one-draw unit with Welford's update, a longer one with Chan, Golub &
 * LeVeque's (1979) pairwise update. The units and the order of merging are fixed by the plan, so the outcome is
 * bit-identical whatever executor runs the units and in whatever order they finish. Memory: two values per
 * source and class, plus the units waiting.
 */
export class DrawAccumulator {
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  /** Draws merged so far, per job. */
  private readonly merged: Int32Array;
  /** Units that arrived before the draws preceding them, per job, by first draw. */
  private readonly pending: Map<number, UnitResult>[];
  private readonly draws: Float64Array[] | undefined;
  private readonly importances: (Float64Array | undefined)[][];

  /**
   * @param nRows - number of sources
   * @param classes - output classes
   * @param jobRows - the rows of each job; every row belongs to exactly one job
   * @param nDraws - draws per job
   * @param keepDraws - keep every draw's probabilities
   */
  constructor(
    private readonly nRows: number,
    private readonly classes: readonly string[],
    private readonly jobRows: readonly Int32Array[],
    private readonly nDraws: number,
    keepDraws: boolean,
  ) {
    const owner = new Int32Array(nRows).fill(-1);
    jobRows.forEach((rows, j) => {
      for (const r of rows) {
        if (owner[r] !== -1) throw new InvalidArgumentError(`Monte Carlo: source row ${r} is in two groups (${owner[r]} and ${j})`);
        owner[r] = j;
      }
    });
    const orphan = owner.indexOf(-1);
    if (orphan >= 0) throw new InvalidArgumentError(`Monte Carlo: source row ${orphan} is in no group`);
    const size = nRows * classes.length;
    this.mean = new Float64Array(size);
    this.m2 = new Float64Array(size);
    this.merged = new Int32Array(jobRows.length);
    this.pending = jobRows.map(() => new Map());
    this.draws = keepDraws ? Array.from({ length: nDraws }, () => new Float64Array(size)) : undefined;
    this.importances = jobRows.map(() => new Array<Float64Array | undefined>(nDraws));
  }

  /** Adds one job's unit summary (units in any order; each unit's draws consecutive and ascending). */
  add(job: number, result: UnitResult): void {
    const pending = this.pending[job]!;
    const first = result.draws[0];
    if (first === undefined) return;
    pending.set(first, result);
    for (let r = pending.get(this.merged[job]!); r !== undefined; r = pending.get(this.merged[job]!)) {
      pending.delete(this.merged[job]!);
      this.merge(job, r);
      this.merged[job]! += r.draws.length;
    }
  }

  private merge(job: number, unit: UnitResult): void {
    const rows = this.jobRows[job]!;
    const k = this.classes.length;
    const na = this.merged[job]!;
    const nb = unit.draws.length;
    for (let a = 0; a < rows.length; a++) {
      const base = rows[a]! * k;
      for (let c = 0; c < k; c++) mergeMoments(this.mean, this.m2, base + c, na, unit.mean[a * k + c]!, unit.m2[a * k + c]!, nb);
    }
    unit.draws.forEach((d, i) => {
      if (this.draws !== undefined && unit.proba !== undefined) {
        const p = unit.proba[i]!;
        const target = this.draws[d]!;
        for (let a = 0; a < rows.length; a++) for (let c = 0; c < k; c++) target[rows[a]! * k + c] = p[a * k + c]!;
      }
      this.importances[job]![d] = unit.importances?.[i];
    });
  }

  /** The finished result. */
  result(featureNames?: readonly string[], noFeatures: Uint8Array = new Uint8Array(this.nRows)): MonteCarloResult {
    const k = this.classes.length;
    for (let j = 0; j < this.merged.length; j++) {
      if (this.jobRows[j]!.length > 0 && this.merged[j] !== this.nDraws) {
        throw new InvalidArgumentError(`Monte Carlo: group ${j} has ${this.merged[j]} of ${this.nDraws} draws`);
      }
    }
    const mean = { data: this.mean, nRows: this.nRows, nCols: k };
    const std = zeros(this.nRows, k);
    for (let q = 0; q < std.data.length; q++) std.data[q] = Math.sqrt(Math.max(0, this.m2[q]! / this.nDraws));
    const { ct, best } = this.nRows > 0 ? confidenceThresholds(mean, std) : { ct: new Float64Array(0), best: new Int32Array(0) };
    const classProbability = new Float64Array(this.nRows);
    const classProbabilityError = new Float64Array(this.nRows);
    const predicted: string[] = new Array(this.nRows);
    for (let i = 0; i < this.nRows; i++) {
      const b = best[i]!;
      predicted[i] = this.classes[b]!;
      classProbability[i] = this.mean[i * k + b]!;
      classProbabilityError[i] = std.data[i * k + b]!;
    }
    const out: { -readonly [K in keyof MonteCarloResult]: MonteCarloResult[K] } = {
      classes: this.classes,
      nDraws: this.nDraws,
      mean,
      std,
      predicted,
      classProbability,
      classProbabilityError,
      ct,
      noFeatures,
    };
    if (this.draws !== undefined) out.draws = this.draws.map((data) => ({ data, nRows: this.nRows, nCols: k }));
    const all = this.importances.flat().filter((x): x is Float64Array => x !== undefined);
    if (featureNames !== undefined && all.length > 0) {
      const p = featureNames.length;
      const values = zeros(all.length, p);
      all.forEach((v, i) => values.data.set(v, i * p));
      out.importances = { names: featureNames, values };
    }
    return out;
  }
}

/**
 * The accumulator of a planned run: one group per job, the run's draws, every draw kept when the plan keeps them.
 *
 * @internal
 */
export function accumulatorFor(run: PlannedRun): DrawAccumulator {
  const { plan } = run;
  const nRows = plan.field === 'td' ? plan.td.nRows : plan.field.nRows;
  return new DrawAccumulator(nRows, plan.classes, plan.jobs.map((j) => j.rows), run.nDraws, plan.keepDraws);
}

/**
 * The result as one plain record per source, with the paper's column names: `P_<class>`, `e_P_<class>` for
 * every class, then `Class`, `Class_prob`, `e_Class_prob`, `CT`, and `No_features` (1 where every feature was
 * missing: the result reflects the training set alone).
 *
 * @param result - a Monte Carlo result
 * @returns one record per source, in source order
 * @example
 * ```ts
 * const td = syntheticTrainingSet({ seed: 1 });
 * const mc = new MonteCarloClassifier({ nSamples: 4, seed: 1, classifier: { type: 'RandomForest', options: { nEstimators: 10 } } }).fit(td);
 * const records = monteCarloRecords(await mc.predict(td.slice(0, 3), { ebv: 0.4 }));
 * records[0].Class; // => 'AGN'
 * records[0].CT;    // => 2.309
 * ```
 */
export function monteCarloRecords(result: MonteCarloResult): Record<string, number | string>[] {
  return Array.from({ length: result.mean.nRows }, (_, i) => monteCarloRecord(result, i));
}

/**
 * Source `i`'s record of {@link monteCarloRecords} alone (for writing a large field row by row).
 *
 * @param result - a Monte Carlo result
 * @param i - the source's row
 * @returns its record
 * @throws {InvalidArgumentError} for a row outside the result
 * @example
 * ```ts
 * const td = syntheticTrainingSet({ seed: 1 });
 * const mc = new MonteCarloClassifier({ nSamples: 4, seed: 1, classifier: { type: 'RandomForest', options: { nEstimators: 10 } } }).fit(td);
 * monteCarloRecord(await mc.predict(td.slice(0, 3), { ebv: 0.4 }), 0).CT; // => 2.309
 * ```
 */
export function monteCarloRecord(result: MonteCarloResult, i: number): Record<string, number | string> {
  if (!Number.isInteger(i) || i < 0 || i >= result.mean.nRows) throw new InvalidArgumentError(`monteCarloRecord: row ${i} is not in 0…${result.mean.nRows - 1}`);
  const k = result.classes.length;
  const r: Record<string, number | string> = {};
  result.classes.forEach((c, j) => {
    r[`P_${c}`] = result.mean.data[i * k + j]!;
    r[`e_P_${c}`] = result.std.data[i * k + j]!;
  });
  r.Class = result.predicted[i]!;
  r.Class_prob = result.classProbability[i]!;
  r.e_Class_prob = result.classProbabilityError[i]!;
  r.CT = result.ct[i]!;
  r.No_features = result.noFeatures[i]!;
  return r;
}

/**
 * The output column names of {@link monteCarloRecords}, in order.
 *
 * @example
 * ```ts
 * monteCarloColumns(['AGN', 'YSO']); // => ['P_AGN', 'e_P_AGN', 'P_YSO', 'e_P_YSO', 'Class', 'Class_prob', 'e_Class_prob', 'CT', 'No_features']
 * ```
 */
export function monteCarloColumns(classes: readonly string[]): string[] {
  return [...classes.flatMap((c) => [`P_${c}`, `e_P_${c}`]), 'Class', 'Class_prob', 'e_Class_prob', 'CT', 'No_features'];
}
