/**
 * Monte Carlo resampling of a source's measured quantities from their errors (paper Section 3.6): each draw
 * replaces every flux and magnitude by a normal deviate around its value, with the 1-sigma error multiplied
 * by `errorScale` (default √2, following Shy et al. 2022: both the training set and the sources to classify are
 * resampled, so their difference carries both errors).
 *
 * A magnitude with a value but no error is, in 2MASS and WISE, an upper limit. The authors draw
 * `value + error × N(0, 1) × errorScale`, so a missing error makes the magnitude missing in every draw; that is
 * the default here (`errorlessMagnitudes: 'missing'`). `'keep'` keeps such a magnitude as measured in every
 * draw (what muwclass did before). In the paper's training set this concerns 511 magnitudes (J 115, H 47, K 40, W1 7,
 * W2 15, W3 287). Without resampling (`--mc 0`) nothing is drawn and every magnitude is used as measured.
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
  /**
   * A magnitude with a value but no error (an upper limit in 2MASS and WISE): `'missing'` in every draw (default,
   * the authors' pipeline) or `'keep'` as measured.
   */
  readonly errorlessMagnitudes?: ErrorlessMagnitudes;
}

/**
 * What a draw does with a magnitude that has a value but no error: `'missing'` (the paper's pipeline: the draw
 * `value + error × N(0, 1)` is missing) or `'keep'` (the measured value in every draw).
 */
export type ErrorlessMagnitudes = 'missing' | 'keep';

/** The default treatment of magnitudes without an error: missing in every draw, as in the authors' pipeline. */
export const DEFAULT_ERRORLESS_MAGNITUDES: ErrorlessMagnitudes = 'missing';

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

/** Whether errorless magnitudes are kept, after checking the option. */
function keepsErrorless(caller: string, options: ResampleOptions): boolean {
  const mode = options.errorlessMagnitudes ?? DEFAULT_ERRORLESS_MAGNITUDES;
  if (mode !== 'missing' && mode !== 'keep') throw new InvalidArgumentError(`${caller}: errorlessMagnitudes must be 'missing' or 'keep', got ${JSON.stringify(mode)}`);
  return mode === 'keep';
}

/**
 * One Monte Carlo draw of a source. Returns a new source (the input is not modified):
 * - `Fs`, `Fm`, `Fh` ~ N(F, (errorScale · e_F)²), redrawn until positive; `Fb` = Fs + Fm + Fh of the draws
 *   (paper eq. 2a), so the broad flux stays consistent with its bands;
 * - each present magnitude ~ N(m, (errorScale · e_m)²); a magnitude without an error (an upper limit) is missing
 *   in the draw, as in the authors' pipeline, or kept as measured with `errorlessMagnitudes: 'keep'`;
 * - missing values stay missing; `P_intra`, `P_inter`, errors, name, position and label are copied.
 * A band with a missing flux or error is kept as is. Runs in O(1) per source.
 *
 * @param source - the source to resample
 * @param rng - the draw's seeded generator (consumed in a fixed order, so a draw is reproducible)
 * @throws {InvalidArgumentError} for a negative or non-finite `errorScale`, or an unknown `errorlessMagnitudes`
 * @throws {InvalidValueError} when no positive flux is found in `maxTries` draws (names the source and band)
 * @example
 * ```ts
 * import { createRng } from 'muwclass/core';
 * import { syntheticTrainingSet } from 'muwclass/io';
 * import { resampleSource } from 'muwclass/classify';
 * const [source] = syntheticTrainingSet({ seed: 1 });
 * const draw = resampleSource(source, createRng('draw 0'));
 * draw.Fb === draw.Fs + draw.Fm + draw.Fh; // => true
 * // an upper limit (a magnitude without an error) is missing in the draw, unless kept
 * resampleSource({ ...source, Jmag: 16.5, e_Jmag: NaN }, createRng(1)).Jmag; // => NaN
 * resampleSource({ ...source, Jmag: 16.5, e_Jmag: NaN }, createRng(1), { errorlessMagnitudes: 'keep' }).Jmag; // => 16.5
 * ```
 */
export function resampleSource(source: Source, rng: Rng, options: ResampleOptions = {}): Source {
  const scale = options.errorScale ?? DEFAULT_ERROR_SCALE;
  const maxTries = options.maxTries ?? 1000;
  checkScale('resampleSource', scale);
  const keep = keepsErrorless('resampleSource', options);
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
    else if (!keep) out[column] = Number.NaN;
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
 * @throws {InvalidArgumentError} for a negative or non-finite `errorScale`, or an unknown `errorlessMagnitudes`
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
  const keep = keepsErrorless('resampleColumns', options);
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
      else if (!keep) mags[k]![i] = Number.NaN;
    }
  }
  const out: Record<string, unknown> = { ...columns, Fs: fluxes[0], Fm: fluxes[1], Fh: fluxes[2], Fb: fb };
  MAGNITUDE_COLUMNS.forEach((c, k) => (out[c] = mags[k]));
  return out as SourceColumns;
}

/**
 * The sources with the broad flux made the sum of the bands, `Fb = Fs + Fm + Fh` (paper eq. 2a), as every Monte
 * Carlo draw makes it: a run without resampling (`resample: false`, `--mc 0`) uses this, so that it and the
 * draws see the same broad flux (catalog `Fb` values are rounded and averaged separately, and differ from the
 * sum). A row with a missing band gets a missing `Fb`, as in a draw. Returns new columns for `Fb` only; the
 * others are shared with the input, which is not written to. O(rows).
 *
 * @param columns - the sources as columns
 * @returns the same columns with `Fb` replaced
 * @example
 * ```ts
 * import { sourceColumns } from 'muwclass/io';
 * import { bandSumBroadFlux } from 'muwclass/classify';
 * const cols = sourceColumns(1, { Fs: Float64Array.of(1e-15), Fm: Float64Array.of(2e-15), Fh: Float64Array.of(4e-15), Fb: Float64Array.of(8e-15) });
 * bandSumBroadFlux(cols).Fb[0]; // => 7e-15
 * ```
 */
export function bandSumBroadFlux(columns: SourceColumns): SourceColumns {
  const n = columns.nRows;
  const fb = new Float64Array(n);
  const { Fs, Fm, Fh } = columns;
  for (let i = 0; i < n; i++) fb[i] = Fs[i]! + Fm[i]! + Fh[i]!;
  return { ...columns, Fb: fb };
}
