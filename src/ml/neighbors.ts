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

/** Inserts candidate `c` at squared distance `d` into a sorted top-k list (order: distance, then index). */
function offer(index: Int32Array, dist: Float64Array, base: number, count: Int32Array, t: number, k: number, c: number, d: number): void {
  let found = count[t]!;
  if (found === k) {
    const worst = dist[base + k - 1]!;
    if (d > worst || (d === worst && c > index[base + k - 1]!)) return;
    found--;
  }
  let pos = base + found;
  while (pos > base && (dist[pos - 1]! > d || (dist[pos - 1]! === d && index[pos - 1]! > c))) {
    dist[pos] = dist[pos - 1]!;
    index[pos] = index[pos - 1]!;
    pos--;
  }
  dist[pos] = d;
  index[pos] = c;
  count[t] = found + 1;
}

/**
 * The k nearest neighbours of every member of a set among the other members (squared Euclidean distance, ties
 * broken by the smaller index): exactly what {@link kNearest} gives for each member in turn, for the rows of a
 * matrix where missing values hold one marker value far below every measured value (SMOTE's −9,999,999).
 *
 * Why it is fast: rows are grouped by their pattern of missing columns. Within a group the marker columns
 * contribute exactly 0 and are skipped, and each pair's distance is computed once for both rows (the same
 * sum, in the same column order, as {@link kNearest}: bit-identical distances). Two rows of different groups
 * differ in at least one column where one holds the marker, so their squared distance is at least
 * g² = (smallest measured value − marker)²; a group is searched only for rows whose k-th distance is not
 * below g² (rows of small groups). Cost O(Σ_groups n_g² p_g + n × groups) on data whose groups hold more than
 * k rows, O(n² p) at worst.
 *
 * @param data - row-major points with `p` columns
 * @param p - number of columns
 * @param members - the rows of the set, in tie-breaking order (their positions 0…n−1 are the returned indices)
 * @param k - neighbours per member, 1 ≤ k ≤ members.length − 1
 * @param marker - the value of a missing entry (should lie below every measured value; if not, the search is a
 *   brute force, still exact)
 * @returns row-major `members.length × k` positions (into `members`) of each member's neighbours, nearest first
 * @throws {InvalidArgumentError} for k outside 1…members.length − 1
 * @example
 * ```ts
 * import { kNearestWithin } from './neighbors'; // internal: not exported by muwclass
 * const S = -9_999_999;
 * const data = Float64Array.of(0, 1,  1, 1,  5, S,  6, S); // four 2-d rows, the last two miss column 1
 * kNearestWithin(data, 2, [0, 1, 2, 3], 1, S); // => Int32Array [1, 0, 3, 2]
 * ```
 */
export function kNearestWithin(data: Float64Array, p: number, members: ArrayLike<number>, k: number, marker: number): Int32Array {
  const n = members.length;
  if (!Number.isInteger(k) || k < 1 || k > n - 1) throw new InvalidArgumentError(`kNearestWithin requires an integer k in 1…${n - 1}, got ${k}`);
  // missing pattern of every member → group id (first-seen order), and the smallest measured value
  const groupOf = new Int32Array(n);
  const groups = new Map<string, number>();
  let lowest = Infinity;
  for (let t = 0; t < n; t++) {
    const base = members[t]! * p;
    let key = '';
    for (let j = 0; j < p; j++) {
      const v = data[base + j]!;
      if (v === marker) key += '0';
      else {
        key += '1';
        if (v < lowest) lowest = v;
      }
    }
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = groups.size));
    groupOf[t] = g;
  }
  const nGroups = groups.size;
  const size = new Int32Array(nGroups + 1);
  for (let t = 0; t < n; t++) size[groupOf[t]! + 1]!++;
  for (let g = 0; g < nGroups; g++) size[g + 1]! += size[g]!;
  const start = size.slice(); // start[g]…start[g+1]: group g's members, ascending position
  const order = new Int32Array(n);
  const fill = start.slice(0, nGroups);
  for (let t = 0; t < n; t++) order[fill[groupOf[t]!]!++] = t;
  const gap = lowest - marker; // every cross-group squared distance is ≥ gap² (rounding is monotone)
  const bound = lowest === Infinity || !(gap > 0) ? 0 : gap * gap; // a value at or below the marker: no pruning

  const index = new Int32Array(n * k);
  const dist = new Float64Array(n * k);
  const count = new Int32Array(n);
  // 1. pairs within each group, once per pair, on the group's measured columns (gathered contiguously)
  const cols = new Int32Array(p);
  let block = new Float64Array(0);
  for (const [key, g] of groups) {
    let q = 0;
    for (let j = 0; j < p; j++) if (key.charCodeAt(j) === 49 /* '1' */) cols[q++] = j;
    const s = start[g]!;
    const m = start[g + 1]! - s;
    if (m < 2) continue;
    if (block.length < m * q) block = new Float64Array(m * q);
    for (let a = 0; a < m; a++) {
      const base = members[order[s + a]!]! * p;
      for (let c = 0; c < q; c++) block[a * q + c] = data[base + cols[c]!]!;
    }
    for (let a = 0; a < m; a++) {
      const ta = order[s + a]!;
      const ra = a * q;
      for (let b = a + 1; b < m; b++) {
        const rb = b * q;
        let d = 0;
        for (let c = 0; c < q; c++) {
          const diff = block[rb + c]! - block[ra + c]!;
          d += diff * diff;
        }
        const tb = order[s + b]!;
        offer(index, dist, ta * k, count, ta, k, tb, d);
        offer(index, dist, tb * k, count, tb, k, ta, d);
      }
    }
  }
  // 2. other groups, for members whose list could still change: groups in increasing number h of differing
  //    pattern columns, each such column adding at least gap² (so a group farther than the k-th distance ends the search)
  if (nGroups > 1) {
    const keys = [...groups.keys()];
    const hamming = new Int32Array(nGroups * nGroups);
    for (let a = 0; a < nGroups; a++) {
      for (let b = a + 1; b < nGroups; b++) {
        let h = 0;
        for (let j = 0; j < p; j++) if (keys[a]!.charCodeAt(j) !== keys[b]!.charCodeAt(j)) h++;
        hamming[a * nGroups + b] = hamming[b * nGroups + a] = h;
      }
    }
    const nearestGroups: Int32Array[] = [];
    for (let t = 0; t < n; t++) {
      const worst = count[t] === k ? dist[t * k + k - 1]! : Infinity;
      if (worst < bound) continue;
      const own = groupOf[t]!;
      let others = nearestGroups[own];
      if (others === undefined) {
        const row = hamming.subarray(own * nGroups, (own + 1) * nGroups);
        others = Int32Array.from({ length: nGroups }, (_, g) => g).filter((g) => g !== own).sort((a, b) => row[a]! - row[b]! || a - b);
        nearestGroups[own] = others;
      }
      const qBase = members[t]! * p;
      for (const g of others) {
        // rounding is monotone: a sum of h terms each ≥ gap² is ≥ h gap² (1 − h ε)
        if (count[t] === k && hamming[own * nGroups + g]! * bound * (1 - 1e-9) > dist[t * k + k - 1]!) break;
        for (let i = start[g]!; i < start[g + 1]!; i++) {
          const u = order[i]!;
          const base = members[u]! * p;
          let d = 0;
          for (let j = 0; j < p; j++) {
            const diff = data[base + j]! - data[qBase + j]!;
            d += diff * diff;
          }
          offer(index, dist, t * k, count, t, k, u, d);
        }
      }
    }
  }
  return index;
}
