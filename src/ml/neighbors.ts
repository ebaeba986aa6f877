/**
 * Exact k-nearest-neighbour search by brute force (Euclidean distance), shared by `KNearestNeighbors` and
 * `Smote`.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';

/**
 * Finds the k nearest candidates of a query point by squared Euclidean distance Σ_j (a_j − b_j)². Runs in
 * O(m p + m k) for m candidates. Ties are broken by candidate order (the earlier candidate is nearer).
 *
 * @param data - row-major points with `p` columns
 * @param p - number of columns
 * @param candidates - row indices of the candidate points, in tie-breaking order
 * @param query - row-major array holding the query point
 * @param queryRow - the query point's row in `query`
 * @param k - number of neighbours wanted (at most the number of eligible candidates)
 * @param exclude - a row index of `data` never returned (the query itself), or −1
 * @param outIndex - receives the neighbours' row indices, nearest first (length ≥ k)
 * @param outDistance - receives their squared distances (length ≥ k)
 * @returns the number of neighbours found: min(k, eligible candidates)
 * @throws {InvalidArgumentError} for k < 1
 * @example
 * ```ts
 * import { kNearest } from './neighbors'; // internal: not exported by muwclass
 * const data = Float64Array.of(0, 1, 5, 2);   // four 1-d points
 * const idx = new Int32Array(2), d2 = new Float64Array(2);
 * kNearest(data, 1, [0, 1, 2, 3], data, 0, 2, 0, idx, d2); // => 2
 * idx; // => Int32Array [1, 3]
 * d2;  // => Float64Array [1, 4]
 * ```
 */
export function kNearest(
  data: Float64Array,
  p: number,
  candidates: ArrayLike<number>,
  query: Float64Array,
  queryRow: number,
  k: number,
  exclude: number,
  outIndex: Int32Array,
  outDistance: Float64Array,
): number {
  if (!Number.isInteger(k) || k < 1) throw new InvalidArgumentError(`kNearest requires an integer k ≥ 1, got ${k}`);
  const q = queryRow * p;
  let found = 0;
  for (let t = 0; t < candidates.length; t++) {
    const i = candidates[t]!;
    if (i === exclude) continue;
    const base = i * p;
    let d = 0;
    for (let j = 0; j < p; j++) {
      const diff = data[base + j]! - query[q + j]!;
      d += diff * diff;
    }
    if (found === k && d >= outDistance[k - 1]!) continue;
    // insert into the sorted list (strictly nearer moves ahead: ties keep candidate order)
    let pos = found < k ? found : k - 1;
    while (pos > 0 && outDistance[pos - 1]! > d) {
      outDistance[pos] = outDistance[pos - 1]!;
      outIndex[pos] = outIndex[pos - 1]!;
      pos--;
    }
    outDistance[pos] = d;
    outIndex[pos] = i;
    if (found < k) found++;
  }
  return found;
}
