/**
 * The quantities the page plots and compares: the paper's features (Table 2; the full 54-feature set) and the
 * measured magnitudes, and the nearest training sources of a source in the paper's 29-feature space.
 */
import { FeatureSet, MAGNITUDE_COLUMNS, PAPER_FEATURE_NAMES, type Source } from 'muwclass';

/** Values of named quantities, one column per quantity, for a list of sources. */
export interface Variables {
  /** Quantity names, in column order. */
  readonly names: readonly string[];
  /** Column by name (`NaN` = missing). */
  readonly columns: ReadonlyMap<string, Float64Array>;
}

const FULL = FeatureSet.full();

/** The names of every plottable quantity: the 54 features, then the magnitudes. */
export const VARIABLE_NAMES: readonly string[] = [...FULL.names, ...MAGNITUDE_COLUMNS];

/** The plottable quantities of the sources: the full feature set and the magnitudes as measured. */
export function variables(sources: readonly Source[]): Variables {
  const X = FULL.build(sources);
  const columns = new Map<string, Float64Array>();
  FULL.names.forEach((name, j) => columns.set(name, Float64Array.from({ length: X.nRows }, (_, i) => X.data[i * X.nCols + j]!)));
  for (const m of MAGNITUDE_COLUMNS) columns.set(m, Float64Array.from(sources, (s) => s[m]));
  return { names: VARIABLE_NAMES, columns };
}

/** One neighbour of a source in the training set. */
export interface Neighbour {
  /** Row in the training set. */
  readonly row: number;
  /** Standardised distance (root mean square over the features both sources have). */
  readonly distance: number;
  /** Number of features both have. */
  readonly shared: number;
}

/**
 * Nearest training sources in the paper's 29 features, each standardised by the training set's mean and
 * standard deviation (missing values left out): the distance is the root mean square difference over the
 * features that both sources have, over at least `minShared` of them. Measured values, not reddened.
 */
export class NeighbourFinder {
  private readonly features = new FeatureSet(PAPER_FEATURE_NAMES);
  private readonly z: Float64Array;
  private readonly mean: Float64Array;
  private readonly scale: Float64Array;
  private readonly n: number;

  constructor(training: readonly Source[]) {
    const X = this.features.build(training);
    const p = X.nCols;
    this.n = X.nRows;
    this.mean = new Float64Array(p);
    this.scale = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let k = 0;
      let sum = 0;
      let sum2 = 0;
      for (let i = 0; i < X.nRows; i++) {
        const v = X.data[i * p + j]!;
        if (Number.isNaN(v)) continue;
        k++;
        sum += v;
        sum2 += v * v;
      }
      const m = k > 0 ? sum / k : 0;
      this.mean[j] = m;
      this.scale[j] = k > 1 ? Math.sqrt(Math.max(sum2 / k - m * m, 0)) || 1 : 1;
    }
    this.z = Float64Array.from(X.data, (v, q) => (v - this.mean[q % p]!) / this.scale[q % p]!);
  }

  /** The `k` nearest training sources of `source`, nearest first. */
  nearest(source: Source, k = 5, minShared = 3): Neighbour[] {
    const x = this.features.row(source);
    const p = x.length;
    const zx = x.map((v, j) => (v - this.mean[j]!) / this.scale[j]!);
    const out: Neighbour[] = [];
    for (let i = 0; i < this.n; i++) {
      let shared = 0;
      let d2 = 0;
      for (let j = 0; j < p; j++) {
        const a = zx[j]!;
        const b = this.z[i * p + j]!;
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        shared++;
        d2 += (a - b) * (a - b);
      }
      if (shared >= minShared) out.push({ row: i, distance: Math.sqrt(d2 / shared), shared });
    }
    return out.sort((a, b) => a.distance - b.distance || a.row - b.row).slice(0, k);
  }
}
