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
import type { DrawResult } from './engine';

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
  /** Every draw's probabilities (`nSources x classes.length` each), when asked for with `keepDraws`. */
  readonly draws?: readonly FeatureMatrix[];
  /** Every draw's feature importances of every model (`nModels x nFeatures`, row-major), when available. */
  readonly importances?: { readonly names: readonly string[]; readonly values: FeatureMatrix };
}

/**
 * Accumulates draws into mean and standard deviation with Welford's algorithm, always in draw order per job
 * (results that arrive early wait), so the outcome is bit-identical whatever order workers finish in.
 */
export class DrawAccumulator {
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  private readonly next: Int32Array;
  private readonly pending: Map<number, DrawResult>[];
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
    this.next = new Int32Array(jobRows.length);
    this.pending = jobRows.map(() => new Map());
    this.draws = keepDraws ? Array.from({ length: nDraws }, () => new Float64Array(size)) : undefined;
    this.importances = jobRows.map(() => new Array<Float64Array | undefined>(nDraws));
  }

  /** Adds one job's draw (in any order). */
  add(job: number, result: DrawResult): void {
    const pending = this.pending[job]!;
    pending.set(result.draw, result);
    for (let r = pending.get(this.next[job]!); r !== undefined; r = pending.get(this.next[job]!)) {
      pending.delete(r.draw);
      this.accumulate(job, r);
      this.next[job]!++;
    }
  }

  private accumulate(job: number, result: DrawResult): void {
    const rows = this.jobRows[job]!;
    const k = this.classes.length;
    const n = this.next[job]! + 1; // draws accumulated so far for this job, including this one
    for (let a = 0; a < rows.length; a++) {
      const base = rows[a]! * k;
      for (let c = 0; c < k; c++) {
        const x = result.proba[a * k + c]!;
        const delta = x - this.mean[base + c]!;
        this.mean[base + c]! += delta / n;
        this.m2[base + c]! += delta * (x - this.mean[base + c]!);
        if (this.draws !== undefined) this.draws[result.draw]![base + c] = x;
      }
    }
    this.importances[job]![result.draw] = result.importances;
  }

  /** The finished result. */
  result(featureNames?: readonly string[]): MonteCarloResult {
    const k = this.classes.length;
    for (let j = 0; j < this.next.length; j++) {
      if (this.next[j] !== this.nDraws) throw new InvalidArgumentError(`Monte Carlo: group ${j} has ${this.next[j]} of ${this.nDraws} draws`);
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
 * The result as one plain record per source, with the paper's column names: `P_<class>`, `e_P_<class>` for
 * every class, then `Class`, `Class_prob`, `e_Class_prob`, `CT`.
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
  const k = result.classes.length;
  const out: Record<string, number | string>[] = [];
  for (let i = 0; i < result.mean.nRows; i++) {
    const r: Record<string, number | string> = {};
    result.classes.forEach((c, j) => {
      r[`P_${c}`] = result.mean.data[i * k + j]!;
      r[`e_P_${c}`] = result.std.data[i * k + j]!;
    });
    r.Class = result.predicted[i]!;
    r.Class_prob = result.classProbability[i]!;
    r.e_Class_prob = result.classProbabilityError[i]!;
    r.CT = result.ct[i]!;
    out.push(r);
  }
  return out;
}

/**
 * The output column names of {@link monteCarloRecords}, in order.
 *
 * @example
 * ```ts
 * monteCarloColumns(['AGN', 'YSO']); // => ['P_AGN', 'e_P_AGN', 'P_YSO', 'e_P_YSO', 'Class', 'Class_prob', 'e_Class_prob', 'CT']
 * ```
 */
export function monteCarloColumns(classes: readonly string[]): string[] {
  return [...classes.flatMap((c) => [`P_${c}`, `e_P_${c}`]), 'Class', 'Class_prob', 'e_Class_prob', 'CT'];
}
