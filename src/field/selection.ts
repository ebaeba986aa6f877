/**
 * Source selection (paper Section 5): the "good" sample filter and the training-set cleaning cuts, as pure
 * predicates applied in order with a count of what each removed.
 *
 * @module
 */
import { InvalidArgumentError, MissingColumnError } from '../core/errors';
import { parseNumberCell } from '../io/cells';
import { ARCSEC_PER_DEGREE, angularSeparation } from './angular-separation';
import { equatorialToGalactic } from './galactic';

/** A table row: cells by column name, numbers or their text (as read from a CSV). */
export type SelectionRow = Readonly<Record<string, unknown>>;

/** A named predicate: `keep(row)` is true for a row that passes. */
export interface SelectionCriterion<T = SelectionRow> {
  /** Shown in the counts, e.g. `"S/N > 3"`. */
  readonly name: string;
  /** Whether the row passes (never mutates it). */
  readonly keep: (row: T) => boolean;
}

/** One step of {@link applySelection}. */
export interface SelectionStep {
  /** The criterion's name. */
  readonly name: string;
  /** Rows this step removed among those that passed the previous steps. */
  readonly removed: number;
  /** Rows left after this step. */
  readonly remaining: number;
  /** Rows of the whole input failing this criterion on its own (whatever the other steps do). */
  readonly failing: number;
}

/** What {@link applySelection} returns. */
export interface SelectionResult<T> {
  /** The rows that pass every criterion, in input order (the same objects, not copies). */
  readonly selected: T[];
  /** Per input row, whether it was selected. */
  readonly keep: boolean[];
  /** Per criterion, in order: removed, remaining, failing. */
  readonly steps: SelectionStep[];
}

/**
 * Applies criteria in order and counts what each removed (`removed`, sequentially) and how many rows fail it
 * on its own (`failing`). Nothing is mutated. Runs in O(n × criteria).
 *
 * @param rows - the rows
 * @param criteria - predicates, applied in order
 * @returns the selected rows, a keep mask and the counts
 * @example
 * ```ts
 * const rows = [
 *   { 'CSCv2_S/N': 4.2, CSCv2_PU: 0.8, CSCv2_flags: '' },
 *   { 'CSCv2_S/N': 2.5, CSCv2_PU: 0.6, CSCv2_flags: '' },
 *   { 'CSCv2_S/N': 9.1, CSCv2_PU: 0.4, CSCv2_flags: 'extent' },
 * ];
 * const { selected, steps } = applySelection(rows, goodSourceCriteria());
 * selected.length; // => 1
 * steps.map((s) => `${s.name}: removed ${s.removed}, ${s.remaining} left`);
 * // => ['CSCv2_S/N > 3: removed 1, 2 left', 'CSCv2_PU < 1": removed 0, 2 left', 'no conf/extent flag: removed 1, 1 left']
 * ```
 */
export function applySelection<T>(rows: readonly T[], criteria: readonly SelectionCriterion<T>[]): SelectionResult<T> {
  const keep = new Array<boolean>(rows.length).fill(true);
  let remaining = rows.length;
  const steps: SelectionStep[] = [];
  for (const criterion of criteria) {
    let removed = 0;
    let failing = 0;
    for (let i = 0; i < rows.length; i++) {
      if (criterion.keep(rows[i]!)) continue;
      failing++;
      if (keep[i]) {
        keep[i] = false;
        removed++;
      }
    }
    remaining -= removed;
    steps.push({ name: criterion.name, removed, remaining, failing });
  }
  return { selected: rows.filter((_, i) => keep[i]), keep, steps };
}

function cell(row: SelectionRow, column: string): unknown {
  if (!(column in row)) throw new MissingColumnError(column, 'selection row');
  return row[column];
}

/** A numeric cell: numbers as is, text parsed strictly (empty = `NaN`). */
function numberCell(row: SelectionRow, column: string): number {
  const v = cell(row, column);
  if (typeof v === 'number') return v;
  if (v === undefined || v === null) return Number.NaN;
  return parseNumberCell(String(v), { column });
}

/**
 * Keeps sources detected with S/N above a threshold (paper Section 5: S/N > 3). A missing S/N fails.
 *
 * @param min - threshold (default 3)
 * @param column - the S/N column (default the training set's `CSCv2_S/N`; CSC: `significance`)
 * @throws {InvalidArgumentError} for a non-finite threshold
 * @example
 * ```ts
 * significanceAbove(3).keep({ 'CSCv2_S/N': 4.2 }); // => true
 * ```
 */
export function significanceAbove(min = 3, column = 'CSCv2_S/N'): SelectionCriterion {
  if (!Number.isFinite(min)) throw new InvalidArgumentError(`significanceAbove requires a finite threshold, got ${min}`);
  return { name: `${column} > ${min}`, keep: (row) => numberCell(row, column) > min };
}

/**
 * Keeps sources whose positional uncertainty is below a limit (paper Section 5: PU < 1″). A missing PU fails.
 *
 * @param max - limit, arcsec (default 1)
 * @param column - the PU column (default `CSCv2_PU`; CSC: `err_ellipse_r0`)
 * @throws {InvalidArgumentError} for a non-positive limit
 * @example
 * ```ts
 * positionalUncertaintyBelow(1).keep({ CSCv2_PU: 0.8 }); // => true
 * ```
 */
export function positionalUncertaintyBelow(max = 1, column = 'CSCv2_PU'): SelectionCriterion {
  if (!(max > 0)) throw new InvalidArgumentError(`positionalUncertaintyBelow requires a positive limit, got ${max}`);
  return { name: `${column} < ${max}"`, keep: (row) => numberCell(row, column) < max };
}

/**
 * Drops sources carrying any of the given flags (paper Section 5: no confused or extended sources). The flag
 * cell is either text listing flags separated by `|`, `,`, `;` or blanks (the training set's `CSCv2_flags`,
 * e.g. `"extent|conf"`) or a boolean (a CSC `conf_flag` column: pass one flag and that column).
 *
 * @param flags - flags to exclude (default `['conf', 'extent']`)
 * @param column - the flags column (default `CSCv2_flags`)
 * @example
 * ```ts
 * withoutFlags().keep({ CSCv2_flags: 'extent|pileup' }); // => false
 * withoutFlags().keep({ CSCv2_flags: 'pileup' });        // => true
 * ```
 */
export function withoutFlags(flags: readonly string[] = ['conf', 'extent'], column = 'CSCv2_flags'): SelectionCriterion {
  const bad = new Set(flags.map((f) => f.trim().toLowerCase()));
  return {
    name: `no ${[...bad].join('/')} flag`,
    keep: (row) => {
      const v = cell(row, column);
      if (typeof v === 'boolean') return !v;
      if (v === undefined || v === null) return true;
      const text = String(v).trim().toLowerCase();
      if (text === 'true' || text === 't') return false;
      return !text.split(/[|,;\s]+/).some((f) => bad.has(f));
    },
  };
}

/** Columns holding RA and Dec in degrees (default the training set's `CSCv2_RA`, `CSCv2_DEC`). */
export interface PositionColumns {
  /** Right ascension column, deg (default `CSCv2_RA`). */
  readonly ra?: string;
  /** Declination column, deg (default `CSCv2_DEC`). */
  readonly dec?: string;
}

/**
 * Drops sources at low Galactic latitude, |b| < `minAbsLatitude` (the training-set cleaning of Section 5),
 * with b from {@link equatorialToGalactic}. A missing position fails.
 *
 * @param minAbsLatitude - limit, deg
 * @param columns - RA/Dec columns in degrees
 * @throws {InvalidArgumentError} for a negative or non-finite limit
 * @example
 * ```ts
 * galacticLatitudeAbove(10).keep({ CSCv2_RA: 266.40499, CSCv2_DEC: -28.93617 }); // => false (the Galactic centre)
 * ```
 */
export function galacticLatitudeAbove(minAbsLatitude: number, columns: PositionColumns = {}): SelectionCriterion {
  if (!(minAbsLatitude >= 0) || !Number.isFinite(minAbsLatitude)) {
    throw new InvalidArgumentError(`galacticLatitudeAbove requires a non-negative finite latitude, got ${minAbsLatitude}`);
  }
  const raColumn = columns.ra ?? 'CSCv2_RA';
  const decColumn = columns.dec ?? 'CSCv2_DEC';
  return {
    name: `|b| >= ${minAbsLatitude} deg`,
    keep: (row) => {
      const ra = numberCell(row, raColumn);
      const dec = numberCell(row, decColumn);
      if (!Number.isFinite(ra) || !Number.isFinite(dec) || Math.abs(dec) > 90) return false;
      return Math.abs(equatorialToGalactic(ra, dec).b) >= minAbsLatitude;
    },
  };
}

/** A circular sky region: centre in degrees, radius in arcsec. */
export interface SkyCircle {
  /** Right ascension of the centre, deg. */
  readonly ra: number;
  /** Declination of the centre, deg. */
  readonly dec: number;
  /** Radius, arcsec. */
  readonly radius: number;
  /** Optional label, e.g. `"M31 bulge"`. */
  readonly name?: string;
}

/**
 * Drops sources inside any of the given circles (crowded regions given by the user: globular clusters,
 * galaxy bulges, …; boundary counts as inside). A missing position fails.
 *
 * @param circles - the regions
 * @param columns - RA/Dec columns in degrees
 * @throws {InvalidArgumentError} for a circle with an invalid centre or a negative radius
 * @example
 * ```ts
 * const notM31 = outsideRegions([{ ra: 10.6847, dec: 41.2690, radius: 600, name: 'M31 bulge' }]);
 * notM31.keep({ CSCv2_RA: 10.6847, CSCv2_DEC: 41.2690 }); // => false
 * notM31.keep({ CSCv2_RA: 10.0, CSCv2_DEC: 41.2690 });    // => true (31′ from the centre)
 * ```
 */
export function outsideRegions(circles: readonly SkyCircle[], columns: PositionColumns = {}): SelectionCriterion {
  for (const c of circles) {
    if (!Number.isFinite(c.ra) || !Number.isFinite(c.dec) || Math.abs(c.dec) > 90 || !(c.radius >= 0)) {
      throw new InvalidArgumentError(`outsideRegions: invalid circle ${JSON.stringify(c)}`);
    }
  }
  const raColumn = columns.ra ?? 'CSCv2_RA';
  const decColumn = columns.dec ?? 'CSCv2_DEC';
  return {
    name: `outside ${circles.length} region${circles.length === 1 ? '' : 's'}`,
    keep: (row) => {
      const ra = numberCell(row, raColumn);
      const dec = numberCell(row, decColumn);
      if (!Number.isFinite(ra) || !Number.isFinite(dec)) return false;
      return circles.every((c) => angularSeparation(ra, dec, c.ra, c.dec) * ARCSEC_PER_DEGREE > c.radius);
    },
  };
}

/** Options of {@link goodSourceCriteria}; columns default to the training set's. */
export interface GoodSourceOptions {
  /** S/N threshold (default 3). */
  readonly minSignificance?: number;
  /** PU limit, arcsec (default 1). */
  readonly maxPositionalUncertainty?: number;
  /** Flags to exclude (default `['conf', 'extent']`). */
  readonly excludeFlags?: readonly string[];
  /** Detection S/N column (default `CSCv2_S/N`; CSC: `significance`). */
  readonly significanceColumn?: string;
  /** Positional uncertainty column, arcsec (default `CSCv2_PU`; CSC: `err_ellipse_r0`). */
  readonly positionalUncertaintyColumn?: string;
  /** Flags column: text such as `"extent|conf"` or a boolean (default `CSCv2_flags`). */
  readonly flagsColumn?: string;
}

/**
 * The paper's "good" source sample (Section 5): S/N > 3, PU < 1″, and neither confused nor extended.
 *
 * @example
 * ```ts
 * goodSourceCriteria().map((c) => c.name); // => ['CSCv2_S/N > 3', 'CSCv2_PU < 1"', 'no conf/extent flag']
 * ```
 */
export function goodSourceCriteria(options: GoodSourceOptions = {}): SelectionCriterion[] {
  return [
    significanceAbove(options.minSignificance ?? 3, options.significanceColumn),
    positionalUncertaintyBelow(options.maxPositionalUncertainty ?? 1, options.positionalUncertaintyColumn),
    withoutFlags(options.excludeFlags, options.flagsColumn),
  ];
}
