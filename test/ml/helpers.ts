/** Small deterministic datasets for the ml tests. */
import { createRng, randomNormal } from '../../src/core/random';

/** n rows of p standard-normal features, labelled by the sign of x0 + 0.5 x1 (feature 2 … p−1 are noise). */
export function linearData(n: number, p: number, seed: string): { X: number[][]; y: string[] } {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: p }, () => randomNormal(rng));
    X.push(row);
    y.push(row[0]! + 0.5 * row[1]! > 0 ? 'pos' : 'neg');
  }
  return { X, y };
}

/** Three Gaussian blobs in p dimensions (classes 'a', 'b', 'c'), n per class. */
export function blobs(n: number, p: number, seed: string, spread = 1): { X: number[][]; y: string[] } {
  const rng = createRng(seed);
  const centres = [0, 3, 6];
  const X: number[][] = [];
  const y: string[] = [];
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < n; i++) {
      X.push(Array.from({ length: p }, (_, j) => (j < 2 ? centres[c]! : 0) + spread * randomNormal(rng)));
      y.push('abc'[c]!);
    }
  }
  return { X, y };
}
