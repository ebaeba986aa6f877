/**
 * Grouping sources by colour excess E(B−V) (paper Section 3.3): the training AGNs are reddened once per bin
 * rather than once per source. The paper uses fixed bins 0.025 mag wide and reddens with the bin mean; the
 * adaptive option widens the bins in proportion to E(B−V), width max(0.025, f × E(B−V)), for wide catalogs of
 * the Galactic plane where E(B−V) reaches tens of magnitudes — where a 0.025 mag step changes A_V by far less
 * than its own uncertainty.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError } from '../core/errors';

/** Options of {@link binEbv}. */
export interface EbvBinningOptions {
  /** `'fixed'` (default): bins of `width`; `'adaptive'`: width max(`width`, `fraction` × lower edge). */
  readonly method?: 'fixed' | 'adaptive';
  /** Bin width in magnitudes (the minimum width for `'adaptive'`); default 0.025 (the paper's). */
  readonly width?: number;
  /**
   * Relative width f of adaptive bins; default 0.05. A trade-off between models trained (one per bin and draw) and
   * the shift of probabilities from reddening a bin's sources to one E(B−V): measured on a synthetic Galactic-plane
   * field of 66,000 sources, f = 0.05 gives 107 bins and shifts probabilities by 0.0010 RMS, about half the noise
   * of 1,000 Monte Carlo draws (0.0018); f = 0.1 gives 58 bins for a shift of 0.0020, as large as that noise; f = 0.2,
   * 31 bins and 0.0038 (`npm run bench:ebv-binning`, docs/catalog-scale.md).
   */
  readonly fraction?: number;
  /** The E(B−V) used to redden a bin: `'mean'` of its sources (default, the paper's) or its `'center'`. */
  readonly representative?: 'mean' | 'center';
}

/** The bins of {@link binEbv}: only occupied bins, in increasing E(B−V). */
export interface EbvBins {
  /** Bin index (into the per-bin arrays) of every source. */
  readonly binOf: Int32Array;
  /** The E(B−V) to redden each bin with (mean of its sources, or its center). */
  readonly ebv: Float64Array;
  /** Lower edge of each bin (inclusive), mag. */
  readonly lower: Float64Array;
  /** Upper edge of each bin (exclusive), mag. */
  readonly upper: Float64Array;
  /** Number of sources in each bin. */
  readonly counts: Int32Array;
  /** Source indices in each bin, ascending. */
  readonly members: readonly Int32Array[];
}

/** Edge k of an unbounded binning, and the bin holding a value. */
interface Grid {
  edge(k: number): number;
  indexOf(e: number): number;
}

/** Values within this fraction of a bin width below an edge count as on the edge (so 0.3 is in [0.3, 0.325)). */
const EDGE_TOLERANCE = 1e-9;

function fixedGrid(width: number): Grid {
  return {
    edge: (k) => k * width,
    indexOf: (e) => Math.floor(e / width + EDGE_TOLERANCE),
  };
}

function adaptiveGrid(width: number, fraction: number): Grid {
  // Linear edges k·w up to E_t = K0·w, the first edge where f·E ≥ w; beyond it geometric, E_t (1+f)^j, so every
  // bin is max(w, f × its lower edge) wide.
  const k0 = Math.max(1, Math.ceil(1 / fraction - 1e-9));
  const et = k0 * width;
  const ratio = Math.log1p(fraction);
  return {
    edge: (k) => (k <= k0 ? k * width : et * Math.exp((k - k0) * ratio)),
    indexOf(e) {
      const linear = e / width + EDGE_TOLERANCE;
      return linear < k0 ? Math.floor(linear) : k0 + Math.floor(Math.log(e / et) / ratio + EDGE_TOLERANCE);
    },
  };
}

/**
 * Assigns every source to an E(B−V) bin and gives each occupied bin the E(B−V) to redden it with. Runs in
 * O(n log n) (sorting the occupied bins).
 *
 * - `'fixed'`: bins [k w, (k+1) w) with w = 0.025 mag (paper Section 3.3).
 * - `'adaptive'`: the bin starting at E has width max(w, f E): linear steps of w up to E = ⌈1/f⌉ w (0.5 mag for
 *   the defaults), geometric steps of ratio 1 + f above. Sources spread over 0–5 / 0–10 / 0–30 mag fall in 68 / 82 /
 *   104 adaptive bins instead of 201 / 401 / 1201 fixed ones.
 *
 * A value within 1e-9 of a bin width below an edge counts as on the edge (E(B−V) = 0.3 is in [0.3, 0.325), not in
 * [0.275, 0.3) because 12 × 0.025 rounds to 0.30000000000000004).
 *
 * @param ebv - E(B−V) of each source in magnitudes, each finite and ≥ 0
 * @param options - method, widths, representative value
 * @returns the bins (only those holding at least one source, in increasing E(B−V))
 * @throws {InvalidValueError} for a negative, missing (NaN) or infinite E(B−V) (names its index)
 * @throws {InvalidArgumentError} for an unknown method or representative, or a non-positive width or fraction
 * @example
 * ```ts
 * import { binEbv } from 'muwclass/reddening';
 * const bins = binEbv([0.01, 0.02, 0.04, 1.3]);
 * bins.binOf;  // => Int32Array [0, 0, 1, 2]
 * bins.ebv;    // => Float64Array [0.015, 0.04, 1.3] (bin means)
 * bins.lower;  // => Float64Array [0, 0.025, 1.3]
 * const wide = binEbv([0.01, 12.0], { method: 'adaptive' });
 * wide.lower[1];  // => 11.92 (= 0.5 × 1.05^65)
 * wide.upper[1];  // => 12.52 (5% wider)
 * ```
 */
export function binEbv(ebv: ArrayLike<number>, options: EbvBinningOptions = {}): EbvBins {
  const method = options.method ?? 'fixed';
  const width = options.width ?? 0.025;
  const fraction = options.fraction ?? 0.05;
  const representative = options.representative ?? 'mean';
  if (method !== 'fixed' && method !== 'adaptive') throw new InvalidArgumentError(`binEbv: method must be 'fixed' or 'adaptive', got ${String(method)}`);
  if (representative !== 'mean' && representative !== 'center') {
    throw new InvalidArgumentError(`binEbv: representative must be 'mean' or 'center', got ${String(representative)}`);
  }
  if (!(width > 0) || !Number.isFinite(width)) throw new InvalidArgumentError(`binEbv: width must be positive, got ${width}`);
  if (!(fraction > 0) || !Number.isFinite(fraction)) throw new InvalidArgumentError(`binEbv: fraction must be positive, got ${fraction}`);
  const grid = method === 'fixed' ? fixedGrid(width) : adaptiveGrid(width, fraction);

  const n = ebv.length;
  const raw = new Float64Array(n); // grid index of each source
  for (let i = 0; i < n; i++) {
    const e = ebv[i]!;
    if (!(e >= 0) || !Number.isFinite(e)) {
      throw new InvalidValueError(`binEbv: E(B-V) must be finite and ≥ 0, got ${e}`, { source: 'ebv', row: i });
    }
    raw[i] = grid.indexOf(e);
  }
  const occupied = Float64Array.from(new Set(raw)).sort();
  const slot = new Map<number, number>();
  occupied.forEach((k, j) => slot.set(k, j));
  const nBins = occupied.length;
  const binOf = new Int32Array(n);
  const counts = new Int32Array(nBins);
  const sums = new Float64Array(nBins);
  for (let i = 0; i < n; i++) {
    const j = slot.get(raw[i]!)!;
    binOf[i] = j;
    counts[j]!++;
    sums[j]! += ebv[i]!;
  }
  const lower = new Float64Array(nBins);
  const upper = new Float64Array(nBins);
  const value = new Float64Array(nBins);
  const members: Int32Array[] = [];
  const fill = new Int32Array(nBins);
  for (let j = 0; j < nBins; j++) {
    lower[j] = grid.edge(occupied[j]!);
    upper[j] = grid.edge(occupied[j]! + 1);
    value[j] = representative === 'mean' ? sums[j]! / counts[j]! : 0.5 * (lower[j]! + upper[j]!);
    members.push(new Int32Array(counts[j]!));
  }
  for (let i = 0; i < n; i++) {
    const j = binOf[i]!;
    members[j]![fill[j]!++] = i;
  }
  return { binOf, ebv: value, lower, upper, counts, members };
}
