/**
 * Monte Carlo resampling of a source's measured quantities from their errors (paper Section 3.6): each draw
 * replaces every flux and magnitude by a normal deviate around its value, with the 1-sigma error multiplied
 * by `errorScale` (default √2, following Shy et al. 2022: both the training set and the sources to classify are
 * resampled, so their difference carries both errors).
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError } from '../core/errors';
import { randomNormal, type Rng } from '../core/random';
import { MAGNITUDE_COLUMNS, type Source } from '../io/schema';
import type { SourceColumns } from '../io/source-columns';

/** Options of {@link resampleSource}. */
export interface ResampleOptions {
  /** Factor applied to every 1-sigma error (default √2). */
  readonly errorScale?: number;
  /** Draws allowed per flux before giving up on a positive value (default 1000). */
  readonly maxTries?: number;
}

/** The default error scale, √2 (Shy et al. 2022). */
export const DEFAULT_ERROR_SCALE = Math.SQRT2;

const BANDS = ['Fs', 'Fm', 'Fh'] as const;

function positiveNormal(rng: Rng, mean: number, sigma: number, maxTries: number, caller: string, what: string, location: { row?: number; column: string }): number {
  for (let t = 0; t < maxTries; t++) {
    const x = mean + sigma * randomNormal(rng);
    if (x > 0) return x;
  }
  throw new InvalidValueError(`${caller}: no positive flux in ${maxTries} draws from N(${mean}, ${sigma}²) for ${what}`, location);
}

function checkScale(caller: string, scale: number): void {
  if (!Number.isFinite(scale) || scale < 0) throw new InvalidArgumentError(`${caller}: errorScale must be a finite number >= 0, got ${scale}`);
}

/**
 * One Monte Carlo draw of a source. Returns a new source (the input is not modified):
 * - `Fs`, `Fm`, `Fh` ~ N(F, (errorScale · e_F)²), redrawn until positive; `Fb` = Fs + Fm + Fh of the draws
 *   (paper eq. 2a), so the broad flux stays consistent with its bands;
 * - each present magnitude ~ N(m, (errorScale · e_m)²); a magnitude without an error is kept as measured;
 * - missing values stay missing; `P_intra`, `P_inter`, errors, name, position and label are copied.
 * A band with a missing flux or error is kept as is. Runs in O(1) per source.
 *
 * @param source - the source to resample
 * @param rng - the draw's seeded generator (consumed in a fixed order, so a draw is reproducible)
 * @throws {InvalidArgumentError} for a negative or non-finite `errorScale`
 * @throws {InvalidValueError} when no positive flux is found in `maxTries` draws (names the source and band)
 * @example
 * ```ts
 * import { createRng } from 'muwclass/core';
 * import { syntheticTrainingSet } from 'muwclass/io';
 * import { resampleSource } from 'muwclass/classify';
 * const [source] = syntheticTrainingSet({ seed: 1 });
 * const draw = resampleSource(source, createRng('draw 0'));
 * draw.Fb === draw.Fs + draw.Fm + draw.Fh; // => true
 * ```
 */
export function resampleSource(source: Source, rng: Rng, options: ResampleOptions = {}): Source {
  const scale = options.errorScale ?? DEFAULT_ERROR_SCALE;
  const maxTries = options.maxTries ?? 1000;
  checkScale('resampleSource', scale);
  const out: Record<string, unknown> = { ...source };
  let fb = 0;
  for (const band of BANDS) {
    const flux = source[band];
    const error = source[`e_${band}`];
    const drawn = Number.isFinite(flux) && Number.isFinite(error) ? positiveNormal(rng, flux, scale * error, maxTries, 'resampleSource', `source "${source.name}"`, { column: band }) : flux;
    out[band] = drawn;
    fb += drawn;
  }
  out.Fb = fb;
  for (const column of MAGNITUDE_COLUMNS) {
    const m = source[column];
    const e = source[`e_${column}`];
    if (Number.isFinite(m) && Number.isFinite(e)) out[column] = m + scale * e * randomNormal(rng);
  }
  return out as Source;
}

/**
 * One Monte Carlo draw of every row of a column set: the same rules, and the same use of `rng` row by row, as
 * {@link resampleSource} (so `resampleColumns(toSourceColumns(sources), rng)` equals resampling each source in
 * turn with one generator). Returns new columns for the fluxes and magnitudes; every other column is shared
 * with the input, which is never written to. O(rows); no per-row allocation.
 *
 * @param columns - the sources as columns
 * @param rng - the draw's seeded generator
 * @throws {InvalidArgumentError} for a negative or non-finite `errorScale`
 * @throws {InvalidValueError} when no positive flux is found in `maxTries` draws (names the row and band)
 * @example
 * ```ts
 * import { createRng } from 'muwclass/core';
 * import { syntheticTrainingSet, toSourceColumns } from 'muwclass/io';
 * import { resampleColumns } from 'muwclass/classify';
 * const draw = resampleColumns(toSourceColumns(syntheticTrainingSet()), createRng('draw 0'));
 * draw.Fb[0] === draw.Fs[0] + draw.Fm[0] + draw.Fh[0]; // => true
 * ```
 */
export function resampleColumns(columns: SourceColumns, rng: Rng, options: ResampleOptions = {}): SourceColumns {
  const scale = options.errorScale ?? DEFAULT_ERROR_SCALE;
  const maxTries = options.maxTries ?? 1000;
  checkScale('resampleColumns', scale);
  const n = columns.nRows;
  const fluxes = BANDS.map(() => new Float64Array(n));
  const fb = new Float64Array(n);
  const mags = MAGNITUDE_COLUMNS.map((c) => columns[c].slice());
  const errors = MAGNITUDE_COLUMNS.map((c) => columns[`e_${c}`]);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let b = 0; b < BANDS.length; b++) {
      const band = BANDS[b]!;
      const flux = columns[band][i]!;
      const error = columns[`e_${band}`][i]!;
      const drawn = Number.isFinite(flux) && Number.isFinite(error) ? positiveNormal(rng, flux, scale * error, maxTries, 'resampleColumns', `row ${i}`, { row: i, column: band }) : flux;
      fluxes[b]![i] = drawn;
      sum += drawn;
    }
    fb[i] = sum;
    for (let k = 0; k < mags.length; k++) {
      const m = mags[k]![i]!;
      const e = errors[k]![i]!;
      if (Number.isFinite(m) && Number.isFinite(e)) mags[k]![i] = m + scale * e * randomNormal(rng);
    }
  }
  const out: Record<string, unknown> = { ...columns, Fs: fluxes[0], Fm: fluxes[1], Fh: fluxes[2], Fb: fb };
  MAGNITUDE_COLUMNS.forEach((c, k) => (out[c] = mags[k]));
  return out as SourceColumns;
}
