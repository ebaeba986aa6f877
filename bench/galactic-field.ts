/**
 * A synthetic Galactic-plane field for the catalog-scale benchmarks (bench/catalog.ts, bench/ebv-binning.ts): the
 * size of the paper's Galactic CSCv2 classification (66,369 sources; here 66,000), with an E(B−V) distribution
 * built the way the real one arises. ../shared/data holds no Galactic field with E(B−V), so this stands in for it.
 *
 * E(B−V) of a source is the total dust column along its line of sight (what reddens a background AGN, the paper's
 * Section 3.3), integrated through an exponential dust disk
 *
 *   dE(B−V)/ds = k₀ exp(−(R − R₀)/h_R − |z|/h_z),
 *
 * R₀ = 8.2 kpc (GRAVITY Collaboration 2019), radial scale length h_R = 3 kpc and scale height h_z = 0.125 kpc
 * (the dust disk of Drimmel & Spergel 2001, ApJ 556, 181: h_R ≈ 0.28 R₀, h_z ≈ 0.13 kpc), local reddening
 * k₀ = 0.58 mag/kpc (A_V ≈ 1.8 mag/kpc, Whittet 2003), out to 30 kpc; times a log-normal clumpiness (σ = 0.2 dex
 * per pointing, 0.05 dex within one) for molecular clouds; capped at 50 mag (where the authors' extinction table,
 * and so their models, stop). This gives E(B−V) ≈ 50 mag towards the Galactic centre at b = 0 (the SFD map saturates
 * there), ≈ 1.5 mag at b = 2° and ≈ 0.2 mag at b = 10° towards the anticentre.
 *
 * Where the sources are: Chandra's Galactic sources cluster in pointings; 1,000 pointings (0.1° radius), 30% of the
 * sources in the Galactic-centre surveys (l ~ N(0, 0.6°), b ~ N(−0.05°, 0.25°): Muno et al. 2009, ApJS 181, 110),
 * the others along the plane (|l| < 60° for 60% of the pointings, anywhere for 40%; |b| exponential with scale
 * 1.5°, cut at 10°). Each source is a training-set source (the paper's TD, drawn with replacement, label removed):
 * real fluxes, magnitudes and their errors, so that the cost of classifying it is realistic.
 */
import { createRng, deriveSeed, randomNormal, type Rng } from '../src/core';
import type { Source } from '../src/io';

const R0 = 8.2; // kpc
const H_R = 3; // kpc
const H_Z = 0.125; // kpc
const K0 = 0.58; // mag/kpc in the plane at the Sun
const S_MAX = 30; // kpc
const STEPS = 600;
const DEG = Math.PI / 180;

/** The total E(B−V) (mag) through the dust disk towards Galactic (l, b) in degrees, uncapped. */
export function diskEbv(l: number, b: number): number {
  const cb = Math.cos(b * DEG);
  const sb = Math.sin(b * DEG);
  const cl = Math.cos(l * DEG);
  const ds = S_MAX / STEPS;
  let sum = 0;
  for (let k = 0; k <= STEPS; k++) {
    const s = k * ds;
    const x = s * cb;
    const r = Math.sqrt(R0 * R0 + x * x - 2 * R0 * x * cl);
    const w = k === 0 || k === STEPS ? 0.5 : 1; // trapezoid
    sum += w * Math.exp(-(r - R0) / H_R - Math.abs(s * sb) / H_Z);
  }
  return K0 * sum * ds;
}

/** The E(B−V) cap (mag): the authors' extinction table ends at 50. */
export const EBV_CAP = 50;

const laplace = (rng: Rng, scale: number): number => (rng() < 0.5 ? -1 : 1) * -scale * Math.log(1 - rng());

/** A synthetic Galactic field: sources (TD rows without labels) with their (l, b) and E(B−V). */
export interface GalacticField {
  readonly sources: Source[];
  readonly l: Float64Array;
  readonly b: Float64Array;
  readonly ebv: Float64Array;
}

/**
 * Builds the field: `n` sources drawn from `pool` (with replacement), placed and reddened as described above.
 *
 * @param pool - the sources to draw from (the paper's training set)
 * @param n - number of sources (default 66,000)
 * @param seed - seed of every draw
 */
export function galacticField(pool: readonly Source[], n = 66_000, seed = 'galactic field'): GalacticField {
  const rng = createRng(deriveSeed(seed, 'pointings'));
  const nPointings = 1000;
  const pl = new Float64Array(nPointings);
  const pb = new Float64Array(nPointings);
  const clump = new Float64Array(nPointings);
  for (let p = 0; p < nPointings; p++) {
    if (p < 0.3 * nPointings) {
      pl[p] = 0.6 * randomNormal(rng);
      pb[p] = -0.05 + 0.25 * randomNormal(rng);
    } else {
      pl[p] = rng() < 0.6 ? -60 + 120 * rng() : -180 + 360 * rng();
      let b: number;
      do b = laplace(rng, 1.5);
      while (Math.abs(b) > 10);
      pb[p] = b;
    }
    clump[p] = 0.2 * randomNormal(rng);
  }
  const src = createRng(deriveSeed(seed, 'sources'));
  const sources: Source[] = [];
  const l = new Float64Array(n);
  const b = new Float64Array(n);
  const ebv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = Math.floor(src() * nPointings);
    const r = 0.1 * Math.sqrt(src());
    const phi = 2 * Math.PI * src();
    l[i] = pl[p]! + r * Math.cos(phi);
    b[i] = pb[p]! + r * Math.sin(phi);
    const clumpy = 10 ** (clump[p]! + 0.05 * randomNormal(src));
    ebv[i] = Math.min(EBV_CAP, diskEbv(l[i]!, b[i]!) * clumpy);
    const { label: _, ...s } = pool[Math.floor(src() * pool.length)]!;
    sources.push({ ...s, name: `field ${i}` });
  }
  return { sources, l, b, ebv };
}

/** Quantiles of an array (linear interpolation). */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const s = Float64Array.from(values).sort();
  return qs.map((q) => {
    const x = q * (s.length - 1);
    const i = Math.floor(x);
    return i + 1 < s.length ? s[i]! + (x - i) * (s[i + 1]! - s[i]!) : s[i]!;
  });
}
