/**
 * Photoelectric absorption cross sections of the interstellar medium per hydrogen atom, σ(E) in cm², as a
 * pluggable {@link CrossSection}: the analytic Morrison & McCammon (1983) model built in
 * ({@link morrisonMcCammon1983}), or any table ({@link tabulatedCrossSection}; the Wilms, Allen & McCray 2000
 * `tbabs` table is read by `readTbabsData`).
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';

/**
 * An absorption cross section per hydrogen atom, σ(E) in cm², on an energy range in keV. The transmission
 * through a column N_H (cm⁻²) is exp(−N_H σ(E)).
 *
 * `breakpoints` lists the energies (keV, ascending, inside [`minEnergy`, `maxEnergy`]) where σ or its
 * derivative jumps (absorption edges, table nodes); quadratures split their panels there so they integrate
 * smooth pieces only.
 */
export interface CrossSection {
  /** A short description, e.g. `"Morrison & McCammon (1983)"`. */
  readonly name: string;
  /** Lowest energy (keV) where σ is defined. */
  readonly minEnergy: number;
  /** Highest energy (keV) where σ is defined. */
  readonly maxEnergy: number;
  /** Energies (keV, ascending) where σ or its slope is discontinuous. */
  readonly breakpoints: Float64Array;
  /** σ(E) in cm² per H atom at `energyKeV` (in [`minEnergy`, `maxEnergy`]). */
  sigma(energyKeV: number): number;
}

// Morrison & McCammon 1983, ApJ 270, 119, Table 2: σ(E) = (c0 + c1 E + c2 E²) E⁻³ × 1e-24 cm² per H atom, E in keV,
// for solar-abundance neutral gas without grains. Rows: [E_low, E_high, c0, c1, c2].
const MM83_TABLE: readonly (readonly [number, number, number, number, number])[] = [
  [0.03, 0.1, 17.3, 608.1, -2150],
  [0.1, 0.284, 34.6, 267.9, -476.1],
  [0.284, 0.4, 78.1, 18.8, 4.3],
  [0.4, 0.532, 71.4, 66.8, -51.4],
  [0.532, 0.707, 95.5, 145.8, -61.1],
  [0.707, 0.867, 308.9, -380.6, 294.0],
  [0.867, 1.303, 120.6, 169.3, -47.7],
  [1.303, 1.84, 141.3, 146.8, -31.5],
  [1.84, 2.471, 202.7, 104.7, -17.0],
  [2.471, 3.21, 342.7, 18.7, 0.0],
  [3.21, 4.038, 352.2, 18.7, 0.0],
  [4.038, 7.111, 433.9, -2.4, 0.75],
  [7.111, 8.331, 629.0, 30.9, 0.0],
  [8.331, 10.0, 701.2, 25.2, 0.0],
];

const MM83_EDGES = Float64Array.from([...MM83_TABLE.map((r) => r[0]), 10.0]);

function checkEnergy(fn: string, e: number, lo: number, hi: number): void {
  if (!(e >= lo && e <= hi)) {
    throw new InvalidArgumentError(`${fn}: energy ${e} keV is outside the cross section's range ${lo}–${hi} keV`);
  }
}

/**
 * The Morrison & McCammon (1983) interstellar photoelectric absorption cross section per hydrogen atom
 * (ApJ 270, 119, Table 2; solar abundances of Anders & Ebihara 1982, no grains; the XSPEC `wabs` model):
 * σ(E) = (c0 + c1 E + c2 E²) E⁻³ × 10⁻²⁴ cm² on 14 ranges between 0.03 and 10 keV whose boundaries are the
 * K/L edges of C, N, O, Fe-L, Ne, Mg, Si, S, Ar, Ca, Fe, Ni. At an edge energy the upper range applies.
 * Runs in O(1) per evaluation.
 *
 * @example
 * ```ts
 * import { morrisonMcCammon1983 } from 'muwclass/reddening';
 * morrisonMcCammon1983.sigma(1.0); // => 2.422e-22 (cm² per H atom)
 * ```
 */
export const morrisonMcCammon1983: CrossSection = Object.freeze({
  name: 'Morrison & McCammon (1983)',
  minEnergy: 0.03,
  maxEnergy: 10.0,
  breakpoints: MM83_EDGES,
  sigma(energyKeV: number): number {
    checkEnergy('morrisonMcCammon1983.sigma', energyKeV, 0.03, 10.0);
    let i = MM83_TABLE.length - 1;
    while (i > 0 && energyKeV < MM83_TABLE[i]![0]) i--;
    const [, , c0, c1, c2] = MM83_TABLE[i]!;
    return ((c0 + c1 * energyKeV + c2 * energyKeV * energyKeV) / (energyKeV * energyKeV * energyKeV)) * 1e-24;
  },
});

/** Options of {@link tabulatedCrossSection}. */
export interface TabulatedCrossSectionOptions {
  /** A short description for messages (default `"tabulated cross section"`). */
  readonly name?: string;
}

/**
 * A cross section given as a table, interpolated linearly in log σ versus log E (a power law between nodes,
 * the natural shape of photoelectric cross sections away from edges). Every node is a breakpoint. Runs in
 * O(log n) per evaluation (binary search); the table is copied, so later changes to the arrays have no effect.
 *
 * @param energiesKeV - node energies in keV, strictly increasing, positive
 * @param sigmaCm2 - σ at the nodes in cm² per H atom, positive (same length, at least 2)
 * @returns the cross section on [energiesKeV[0], energiesKeV[n−1]]
 * @throws {InvalidArgumentError} for arrays of different lengths or fewer than 2 nodes, a non-finite or non-positive value, or energies that do not strictly increase (the message names the index)
 * @example
 * ```ts
 * import { tabulatedCrossSection } from 'muwclass/reddening';
 * const sigma = tabulatedCrossSection([0.5, 1, 2], [1e-21, 2.5e-22, 6e-23]);
 * sigma.sigma(1); // => 2.500e-22
 * ```
 */
export function tabulatedCrossSection(
  energiesKeV: ArrayLike<number>,
  sigmaCm2: ArrayLike<number>,
  options: TabulatedCrossSectionOptions = {},
): CrossSection {
  const name = options.name ?? 'tabulated cross section';
  const n = energiesKeV.length;
  if (sigmaCm2.length !== n) {
    throw new InvalidArgumentError(`tabulatedCrossSection: ${n} energies but ${sigmaCm2.length} cross sections`);
  }
  if (n < 2) throw new InvalidArgumentError(`tabulatedCrossSection requires at least 2 nodes, got ${n}`);
  const logE = new Float64Array(n);
  const logS = new Float64Array(n);
  const energies = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = energiesKeV[i]!;
    const s = sigmaCm2[i]!;
    if (!(e > 0) || !Number.isFinite(e)) throw new InvalidArgumentError(`tabulatedCrossSection: energy ${i} is ${e}; energies must be positive and finite`);
    if (!(s > 0) || !Number.isFinite(s)) throw new InvalidArgumentError(`tabulatedCrossSection: cross section ${i} is ${s}; values must be positive and finite`);
    if (i > 0 && !(e > energies[i - 1]!)) {
      throw new InvalidArgumentError(`tabulatedCrossSection: energies must strictly increase, but energy ${i} (${e}) ≤ energy ${i - 1} (${energies[i - 1]})`);
    }
    energies[i] = e;
    logE[i] = Math.log(e);
    logS[i] = Math.log(s);
  }
  const minEnergy = energies[0]!;
  const maxEnergy = energies[n - 1]!;
  return Object.freeze({
    name,
    minEnergy,
    maxEnergy,
    breakpoints: energies,
    sigma(energyKeV: number): number {
      checkEnergy(`${name}.sigma`, energyKeV, minEnergy, maxEnergy);
      let lo = 0;
      let hi = n - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (energies[mid]! <= energyKeV) lo = mid;
        else hi = mid;
      }
      const t = (Math.log(energyKeV) - logE[lo]!) / (logE[hi]! - logE[lo]!);
      return Math.exp(logS[lo]! + t * (logS[hi]! - logS[lo]!));
    },
  });
}
