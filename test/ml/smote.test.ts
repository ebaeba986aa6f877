import { describe, expect, it } from 'vitest';

import { Smote, SMOTE_MISSING_SENTINEL } from '../../src/ml/smote';
import { kNearest } from '../../src/ml/neighbors';
import { toArrays, toFeatureMatrix } from '../../src/core/matrix';
import { InvalidArgumentError, InvalidValueError, ShapeMismatchError } from '../../src/core/errors';
import { blobs } from './helpers';

/** Unbalanced 2-d data: 40 'big', 12 'mid', 5 'tiny'. */
function unbalanced(): { X: number[][]; y: string[] } {
  const { X, y } = blobs(40, 2, 'smote');
  const keep = (c: string, n: number): number[] => y.flatMap((v, i) => (v === c ? [i] : [])).slice(0, n);
  const rows = [...keep('a', 40), ...keep('b', 12), ...keep('c', 5)];
  const names: Record<string, string> = { a: 'big', b: 'mid', c: 'tiny' };
  return { X: rows.map((i) => X[i]!), y: rows.map((i) => names[y[i]!]!) };
}

function counts(y: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of y) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** Is point x on the segment from a to b (x = a + g (b − a), 0 ≤ g < 1)? */
function onSegment(x: number[], a: number[], b: number[]): boolean {
  let g: number | undefined;
  for (let j = 0; j < x.length; j++) {
    const d = b[j]! - a[j]!;
    if (Math.abs(d) < 1e-12) {
      if (Math.abs(x[j]! - a[j]!) > 1e-9) return false;
      continue;
    }
    const gj = (x[j]! - a[j]!) / d;
    if (g === undefined) g = gj;
    else if (Math.abs(gj - g) > 1e-9) return false;
  }
  return g === undefined || (g >= -1e-12 && g < 1 + 1e-12);
}

describe('Smote: counts', () => {
  it('oversamples every class up to the largest, keeping the original rows first and unchanged', () => {
    const { X, y } = unbalanced();
    const out = new Smote({ seed: 1 }).fitResample(X, y);
    expect(counts(out.y)).toEqual({ big: 40, mid: 40, tiny: 40 });
    expect(out.nSynthetic).toEqual({ big: 0, mid: 28, tiny: 35 });
    expect(out.X.nRows).toBe(120);
    expect(toArrays(out.X).slice(0, X.length)).toEqual(X);
    expect(out.y.slice(0, y.length)).toEqual(y);
    // synthetic rows grouped by class in sorted order
    expect(out.y.slice(57)).toEqual([...Array(28).fill('mid'), ...Array(35).fill('tiny')]);
  });

  it('reaches exactly a requested per-class target, leaving other classes alone', () => {
    const { X, y } = unbalanced();
    const out = new Smote({ target: { tiny: 20, mid: 12 } }).fitResample(X, y);
    expect(counts(out.y)).toEqual({ big: 40, mid: 12, tiny: 20 });
    expect(() => new Smote({ target: { tiny: 3 } }).fitResample(X, y)).toThrow(/below its size/);
    expect(() => new Smote({ target: { AGN: 50 } }).fitResample(X, y)).toThrow(/not in y/);
    expect(() => new Smote({ target: { tiny: 2.5 } })).toThrow(InvalidArgumentError);
  });
});

describe('Smote: synthetic points', () => {
  it('lie on segments between a member and one of its k = 4 nearest same-class neighbours', () => {
    const { X, y } = unbalanced();
    const out = new Smote({ seed: 2 }).fitResample(X, y);
    const m = toFeatureMatrix(X);
    const rows = toArrays(out.X);
    for (let r = X.length; r < rows.length; r++) {
      const label = out.y[r]!;
      const members = y.flatMap((v, i) => (v === label ? [i] : []));
      const found = members.some((a) => {
        const idx = new Int32Array(4);
        const d = new Float64Array(4);
        const nn = kNearest(m.data, 2, members, m.data, a, 4, a, idx, d);
        return Array.from(idx.subarray(0, nn)).some((b) => onSegment(rows[r]!, X[a]!, X[b]!));
      });
      expect(found, `synthetic row ${r} (${label})`).toBe(true);
    }
  });

  it('is deterministic per seed and per class', () => {
    const { X, y } = unbalanced();
    const a = new Smote({ seed: 'x' }).fitResample(X, y);
    const b = new Smote({ seed: 'x' }).fitResample(X, y);
    const c = new Smote({ seed: 'y' }).fitResample(X, y);
    expect(b.X).toEqual(a.X);
    expect(c.X).not.toEqual(a.X);
    // the 'tiny' class draws from its own stream: the same samples whatever happens to 'mid'
    const onlyTiny = new Smote({ seed: 'x', target: { tiny: 40 } }).fitResample(X, y);
    expect(toArrays(onlyTiny.X).slice(57)).toEqual(toArrays(a.X).slice(57 + 28));
  });

  it('does not mutate its inputs', () => {
    const { X, y } = unbalanced();
    const Xc = structuredClone(X);
    const yc = [...y];
    const m = toFeatureMatrix(X);
    const data = m.data.slice();
    new Smote().fitResample(X, y);
    new Smote({ standardize: true }).fitResample(m, y);
    expect(X).toEqual(Xc);
    expect(y).toEqual(yc);
    expect(m.data).toEqual(data);
  });
});

describe('Smote: the paper\'s missing-value semantics', () => {
  // class 'few' (3 members): feature 1 missing for one member; class 'many' pads the majority
  const X = [
    [1, 10, 100],
    [2, 20, 200],
    [3, NaN, 300],
    [50, 1, 5], [51, 2, 6], [52, 3, 7], [53, 4, 8], [54, 5, 9], [55, 6, 10], [56, 7, 11],
  ];
  const y = ['few', 'few', 'few', 'many', 'many', 'many', 'many', 'many', 'many', 'many'];

  it('makes a value missing when a parent lacks it (sentinel −9,999,999 falls below the training minimum)', () => {
    const out = new Smote({ seed: 3 }).fitResample(X, y);
    const rows = toArrays(out.X).slice(10);
    expect(rows.length).toBe(4);
    for (const r of rows) {
      // feature 0 and 2 are always measured: ordinary interpolations between members of 'few'
      expect(r[0]).toBeGreaterThanOrEqual(1);
      expect(r[0]).toBeLessThanOrEqual(3);
      expect(r[2]! / r[0]!).toBeCloseTo(100, 9);
      // feature 1: missing exactly when the pair involves member 3 (x0 beyond 2), else between 10 and 20
      if (Number.isNaN(r[1]!)) expect(r[0]).toBeGreaterThan(2);
      else {
        expect(r[1]).toBeGreaterThanOrEqual(10);
        expect(r[1]! / r[0]!).toBeCloseTo(10, 9);
      }
    }
    expect(rows.some((r) => Number.isNaN(r[1]!))).toBe(true);
    expect(SMOTE_MISSING_SENTINEL).toBe(-9_999_999);
  });

  it('keeps missing values missing and finds neighbours among sources with the same missing pattern', () => {
    // class 'A': two members lack feature 1; their synthetic children lack it too
    const Xa = [[1, NaN], [1.1, NaN], [5, 2], [5.1, 2.1], [5.2, 2.2], [9, 9], [9, 9], [9, 9], [9, 9], [9, 9], [9, 9], [9, 9]];
    const ya = ['A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'B', 'B', 'B'];
    const out = new Smote({ k: 1, seed: 4 }).fitResample(Xa, ya);
    for (const r of toArrays(out.X).slice(12)) {
      if (r[0]! < 2) expect(Number.isNaN(r[1]!)).toBe(true); // child of the two NaN sources (each other's nearest)
      else expect(r[1]).toBeGreaterThanOrEqual(2);
    }
  });

  it('accepts the classifier\'s -100 flag as the missing marker when asked, and warns when it looks unflagged', () => {
    const flagged = X.map((r) => r.map((v) => (Number.isNaN(v) ? -100 : v)));
    const out = new Smote({ seed: 3, missingValue: -100 }).fitResample(flagged, y);
    const nan = new Smote({ seed: 3 }).fitResample(X, y);
    expect(toArrays(out.X)).toEqual(toArrays(nan.X).map((r) => r.map((v) => (Number.isNaN(v) ? -100 : v))));
    const warnings: string[] = [];
    const naive = new Smote({ seed: 3, onWarning: (w) => warnings.push(w) }).fitResample(flagged, y);
    expect(naive.warnings.some((w) => /-100/.test(w))).toBe(true);
    expect(warnings).toEqual(naive.warnings);
    expect(() => new Smote({ missingValue: -100 }).fitResample(X, y)).toThrow(/NaN, but missing values are marked -100/);
  });
});

describe('Smote: small classes', () => {
  it('uses all n − 1 other members when a class has ≤ k members, and says so', () => {
    const X = [[0, 0], [1, 1], [2, 2], [9, 9], [9, 8], [8, 9], [8, 8], [7, 7], [7, 8]];
    const y = ['s', 's', 's', 'L', 'L', 'L', 'L', 'L', 'L'];
    const out = new Smote({ seed: 5 }).fitResample(X, y);
    expect(out.warnings).toEqual(['Smote: class "s" has 3 members, fewer than k + 1 = 5: using its 2 other members as neighbours']);
    for (const r of toArrays(out.X).slice(9)) {
      expect(r[0]).toBeCloseTo(r[1]!, 12); // on the diagonal between members
      expect(r[0]).toBeGreaterThanOrEqual(0);
      expect(r[0]).toBeLessThanOrEqual(2);
    }
  });

  it('duplicates a single-member class instead of interpolating, and says so', () => {
    const seen: string[] = [];
    const out = new Smote({ onWarning: (w) => seen.push(w) }).fitResample([[1, 2], [5, 5], [6, 6], [7, 7]], ['one', 'L', 'L', 'L']);
    expect(toArrays(out.X).slice(4)).toEqual([[1, 2], [1, 2]]);
    expect(seen).toEqual(['Smote: class "one" has a single member: it is duplicated 2 times, not interpolated']);
  });

  it('warns nothing and adds nothing when the classes are balanced', () => {
    const out = new Smote().fitResample([[1], [2]], ['a', 'b']);
    expect(out.X.nRows).toBe(2);
    expect(out.warnings).toEqual([]);
  });
});

describe('Smote: standardise option and errors', () => {
  it('with standardize, searches neighbours in standardised units (a large-scale feature no longer dominates)', () => {
    const X = [[0, 0], [10, 0], [0.1, 300], [11, 0], [20, 5000], [30, 6000], [50, 0], [50, 0], [50, 0], [50, 0], [50, 0], [50, 0], [50, 0]];
    const y = ['c', 'c', 'c', 'c', 'c', 'c', 'd', 'd', 'd', 'd', 'd', 'd', 'd'];
    const members = [0, 1, 2, 3, 4, 5];
    // independent 1-NN of each 'c' member, unscaled and with population-standardised columns
    const mean = [0, 1].map((j) => X.reduce((s, r) => s + r[j]!, 0) / X.length);
    const sd = [0, 1].map((j) => Math.sqrt(X.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / X.length));
    const nearest = (scale: number[]): number[] =>
      members.map((a) => {
        let best = -1;
        let bestD = Infinity;
        for (const b of members) {
          if (b === a) continue;
          const d = Math.hypot((X[a]![0]! - X[b]![0]!) / scale[0]!, (X[a]![1]! - X[b]![1]!) / scale[1]!);
          if (d < bestD) [best, bestD] = [b, d];
        }
        return best;
      });
    const plainNN = nearest([1, 1]);
    const scaledNN = nearest(sd);
    expect(plainNN[0]).toBe(1); // [0, 0] is nearest to [10, 0] in raw units …
    expect(scaledNN[0]).toBe(2); // … and to [0.1, 300] once the columns are standardised
    expect(scaledNN[1]).toBe(3); // (nobody else's neighbour: segment 0–1 exists only unscaled)
    for (const [standardize, nn] of [[false, plainNN], [true, scaledNN]] as const) {
      const out = new Smote({ k: 1, seed: 6, target: { c: 60 }, standardize }).fitResample(X, y);
      const synthetic = toArrays(out.X).slice(13);
      for (const r of synthetic) expect(members.some((a) => onSegment(r, X[a]!, X[nn[a]!]!))).toBe(true);
      expect(synthetic.some((r) => onSegment(r, X[0]!, X[1]!))).toBe(!standardize);
    }
  });

  it('throws clear errors', () => {
    expect(() => new Smote({ k: 0 })).toThrow(InvalidArgumentError);
    expect(() => new Smote().fitResample([], [])).toThrow(InvalidArgumentError);
    expect(() => new Smote().fitResample([[1], [2]], ['a'])).toThrow(ShapeMismatchError);
    expect(() => new Smote().fitResample([[1], [Infinity]], ['a', 'b'])).toThrow(InvalidValueError);
    expect(() => new Smote().fitResample([[1], [-1e8]], ['a', 'b'])).toThrow(/sentinel/);
    expect(() => new Smote({ missingValue: Infinity })).toThrow(InvalidArgumentError);
  });
});
