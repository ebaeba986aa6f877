import { describe, expect, it } from 'vitest';

import { createRng, deriveSeed, randomInt, randomNormal } from '../../src/core/random';
import { InvalidArgumentError } from '../../src/core/errors';

describe('createRng', () => {
  it('gives the same stream for the same seed, whether number or its string', () => {
    const a = createRng(42);
    const b = createRng('42');
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('gives different streams for different seeds', () => {
    expect(createRng(1)()).not.toBe(createRng(2)());
  });

  it('rejects a non-finite seed', () => {
    expect(() => createRng(Number.NaN)).toThrow(InvalidArgumentError);
  });
});

describe('deriveSeed', () => {
  it('joins the path', () => {
    expect(deriveSeed(1, 'draw', 3)).toBe('1/draw/3');
    expect(createRng(deriveSeed(1, 'draw', 3))()).toBe(createRng('1/draw/3')());
  });
});

describe('randomInt and randomNormal', () => {
  it('randomInt covers [0, n) uniformly', () => {
    const rng = createRng('int');
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[randomInt(rng, 6)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400); // ~4 sigma
  });

  it('randomNormal has mean 0 and variance 1', () => {
    const rng = createRng('normal');
    let s = 0;
    let s2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = randomNormal(rng);
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.015);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
  });
});
