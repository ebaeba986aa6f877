/**
 * The typed-array loops of the built-in features (not part of the public API: `index.ts` does not re-export this
 * module). A `FeatureSet` runs a feature's kernel when it has one, so built-ins cost a few nanoseconds per
 * value on column input.
 *
 * @module
 */
import type { SourceColumns } from '../io/source-columns';
import type { FeatureDefinition } from './definition';

/**
 * What a built-in kernel sees: the input columns, the rows to build (in order) and, computed once per build and
 * shared by every flux feature, log10 F_b of those rows.
 */
export interface BuildContext {
  readonly columns: SourceColumns;
  /** Input row of output row k. */
  readonly rows: Int32Array;
  readonly n: number;
  /** log10 F_b for output rows 0…n−1. */
  logFb(): Float64Array;
  /** The three hardness ratios (`HardnessRatios.compute`) for output rows 0…n−1. */
  hardness(): Readonly<Record<'HR_ms' | 'HR_hm' | 'HR_hms', Float64Array>>;
}

/**
 * A built-in feature's typed-array loop: writes output rows 0…n−1 into `out[first + k * stride]`. Gives exactly the
 * numbers of the definition's `compute`.
 */
export type Kernel = (ctx: BuildContext, out: Float64Array, first: number, stride: number) => void;

const KERNELS = new WeakMap<FeatureDefinition, Kernel>();

/**
 * The typed-array loop of a built-in feature, if `feature` is one.
 */
export function builtinKernel(feature: FeatureDefinition): Kernel | undefined {
  return KERNELS.get(feature);
}

/** Registers `kernel` as the typed-array loop of `feature` and returns `feature`. */
export function withKernel(feature: FeatureDefinition, kernel: Kernel): FeatureDefinition {
  KERNELS.set(feature, kernel);
  return feature;
}

