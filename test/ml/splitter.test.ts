import { describe, expect, it } from 'vitest';

import { toFeatureMatrix } from '../../src/core/matrix';
import { createRng, randomInt } from '../../src/core/random';
import { bitsFor, gatherPresorted, presortFeatures, RankSorter } from '../../src/ml/splitter';

/** Dense ranks by a plain comparison sort (the reference for presortFeatures). */
function denseRanks(column: number[]): number[] {
  const distinct = [...new Set(column.map((v) => (Object.is(v, -0) ? 0 : v)))].sort((a, b) => a - b);
  return column.map((v) => distinct.indexOf(Object.is(v, -0) ? 0 : v));
}

describe('presortFeatures', () => {
  it('ranks negative, zero (±0), tiny, huge and repeated values like a comparison sort, and orders the samples', () => {
    const rng = createRng('presort');
    const pool = [-1e300, -3.5, -1, -Number.MIN_VALUE, -0, 0, Number.MIN_VALUE, 1e-300, 0.1, 0.1 + 1e-17, 2, 2.5, 1e300, -100];
    const rows = Array.from({ length: 300 }, () => [pool[randomInt(rng, pool.length)]!, rng() * 2 - 1, -100 * randomInt(rng, 2)]);
    const f = presortFeatures(toFeatureMatrix(rows));
    for (let j = 0; j < 3; j++) {
      const column = rows.map((r) => r[j]!);
      const expected = denseRanks(column);
      expect(Array.from(f.rank.subarray(j * 300, (j + 1) * 300))).toEqual(expected);
      const order = Array.from(f.order.subarray(j * 300, (j + 1) * 300));
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i)); // a permutation
      for (let k = 1; k < 300; k++) expect(column[order[k - 1]!]! <= column[order[k]!]!).toBe(true);
      // lo / hi of each rank are its value (no binning)
      const nR = f.offset[j + 1]! - f.offset[j]!;
      expect(nR).toBe(new Set(expected).size);
      for (let i = 0; i < 300; i++) expect(f.lo[f.offset[j]! + expected[i]!] === column[i]).toBe(true);
    }
    // −0 and +0 are one value, as for the split thresholds (x <= t)
    const minusZero = rows.findIndex((r) => Object.is(r[0], -0));
    const plusZero = rows.findIndex((r) => Object.is(r[0], 0));
    expect(minusZero >= 0 && plusZero >= 0).toBe(true);
    expect(f.rank[minusZero]).toBe(f.rank[plusZero]);
  });
});

describe('RankSorter and gatherPresorted', () => {
  const n = 4000;
  const nClasses = 5;
  const wBits = 3;
  const cwBits = bitsFor(nClasses - 1) + wBits;

  /** A node of m samples whose ranks come from `rankOf`; checks every sort path against a reference sort. */
  function check(m: number, rankOf: (k: number) => number, seed: string): void {
    const rng = createRng(seed);
    const rank = new Uint16Array(n);
    const samples = new Int32Array(n);
    const nodeCW = new Int32Array(n);
    // node positions 7 … 7 + m of the samples array hold distinct samples in a shuffled order
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const k = randomInt(rng, i + 1);
      [perm[i], perm[k]] = [perm[k]!, perm[i]!];
    }
    const start = 7;
    for (let k = 0; k < m; k++) {
      const s = perm[k]!;
      samples[start + k] = s;
      rank[s] = rankOf(k);
      nodeCW[start + k] = (randomInt(rng, nClasses) << wBits) | (1 + randomInt(rng, 7));
    }
    const keysOf = (k: number): number => (rank[samples[start + k]!]! << cwBits) | nodeCW[start + k]!;
    const byRank = (a: number, b: number): number => (a >>> cwBits) - (b >>> cwBits);
    const expected = Array.from({ length: m }, (_, k) => keysOf(k)).sort(byRank);
    const constant = expected[0]! >>> cwBits === expected[m - 1]! >>> cwBits;
    // rank order of all n samples (samples outside the node get ranks too)
    const maxRank = Math.max(...Array.from({ length: m }, (_, k) => rankOf(k)));
    for (let k = m; k < n; k++) rank[perm[k]!] = randomInt(rng, maxRank + 1);
    const sorted = new RankSorter(n).sort(rank, 0, bitsFor(maxRank), samples, nodeCW, start, m, cwBits);
    if (constant) expect(sorted).toBeUndefined();
    else {
      const got = Array.from(sorted!.subarray(0, m));
      // ranks in order, and the same multiset of keys within every rank
      expect(got.map((v) => v >>> cwBits)).toEqual(expected.map((v) => v >>> cwBits));
      expect([...got].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    }
    // the presorted path: the rank order of all n samples, node members tagged with serial 3
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => rank[a]! - rank[b]!);
    const tagCW = new Int32Array(n).fill(2 << cwBits);
    for (let k = 0; k < m; k++) tagCW[samples[start + k]!] = (3 << cwBits) | nodeCW[start + k]!;
    const keys = new Int32Array(n + 1);
    expect(gatherPresorted(keys, order, rank, 0, n, tagCW, 3, cwBits)).toBe(m);
    const got = Array.from(keys.subarray(0, m));
    expect(got.map((v) => v >>> cwBits)).toEqual(expected.map((v) => v >>> cwBits));
    expect([...got].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
  }

  it('sorts nodes of every size class (insertion, bucket pass, radix) by rank, with the same keys as a reference sort', () => {
    for (const m of [2, 5, 24, 25, 60, 96, 97, 500, 3000]) {
      const rng = createRng(`spread-${m}`);
      check(m, () => randomInt(rng, 3000), `spread-${m}`);
      check(m, (k) => (k * 7) % 11, `few-${m}`); // many ties
    }
  });

  it('falls back from the bucket pass to the radix sort when the ranks crowd a few buckets', () => {
    // all but one sample within 20 ranks, one far away: the top-7-bit buckets hold ~all samples in one
    for (const m of [40, 96]) check(m, (k) => (k === 0 ? 60000 : 1000 + (k % 20)), `crowded-${m}`);
  });

  it('reports a node constant in the feature', () => {
    for (const m of [3, 50, 200]) check(m, () => 42, `constant-${m}`);
  });
});
