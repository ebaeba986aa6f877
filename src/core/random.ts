/**
 * Seeded randomness. Every random step in muwclass takes a {@link Seed} (or an {@link Rng} made from one) —
 * never `Math.random()` — so that a run is reproducible bit for bit.
 *
 * The generator is seedrandom's Alea (Baagøe 2010): fast, 2^116 period, good statistical quality, and
 * identical output on every JavaScript engine. Only seedrandom's Alea module is imported (not its index,
 * which bundles every generator and a Node `crypto` fallback).
 *
 * @module
 */
import alea from 'seedrandom/lib/alea.js';

import { InvalidArgumentError } from './errors';

/** A seed: any number or string. Equal seeds give equal streams. */
export type Seed = number | string;

/** A seeded stream of uniform deviates in [0, 1). */
export type Rng = () => number;

/**
 * Creates a seeded uniform generator on [0, 1).
 *
 * @param seed - any number or string
 * @returns a function returning the next uniform deviate in [0, 1)
 * @throws {InvalidArgumentError} when `seed` is neither a finite number nor a string
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng(); // => 0.6848634963389486 (the same every run)
 * rng(); // => 0.5463244677521288
 * ```
 */
export function createRng(seed: Seed): Rng {
  if (!(typeof seed === 'string' || (typeof seed === 'number' && Number.isFinite(seed)))) {
    throw new InvalidArgumentError(`createRng requires a finite number or a string as seed, got ${String(seed)}`);
  }
  const generator = alea(String(seed));
  return () => generator();
}

/**
 * Derives an independent child seed from a parent seed and a path, e.g. `deriveSeed(seed, 'draw', 17)`.
 * Work units seeded this way give identical results whatever order or thread they run in.
 *
 * @example
 * ```ts
 * deriveSeed(1, 'draw', 3); // => '1/draw/3'
 * ```
 */
export function deriveSeed(seed: Seed, ...path: readonly (number | string)[]): string {
  return [String(seed), ...path.map(String)].join('/');
}

/**
 * A uniform integer in [0, n), from one deviate of `rng`.
 *
 * @example
 * ```ts
 * randomInt(createRng(1), 6); // => 3 (a die roll in 0…5)
 * ```
 */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/**
 * A standard normal deviate by the Marsaglia polar method (consumes an even number of uniforms; the second
 * deviate of each pair is discarded so the stream position depends only on the number of calls' acceptances).
 *
 * @example
 * ```ts
 * const rng = createRng('mc');
 * const x = 3 + 0.5 * randomNormal(rng); // N(3, 0.5²)
 * x; // => 2.7231186575303905
 * ```
 */
export function randomNormal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng() - 1;
    const v = 2 * rng() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}
