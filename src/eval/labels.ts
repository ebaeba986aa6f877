/**
 * Internal helpers shared by the evaluation modules: class lists and label validation.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError, InvalidValueError, ShapeMismatchError } from '../core/errors';

/** The sorted distinct labels of the given label arrays (scikit-learn's `unique_labels`). */
export function uniqueSorted(...labelSets: readonly (readonly string[])[]): string[] {
  const set = new Set<string>();
  for (const labels of labelSets) for (const label of labels) set.add(label);
  return [...set].sort();
}

/** Throws a {@link ShapeMismatchError} unless `a` and `b` have equal lengths. */
export function assertSameLength(fn: string, nameA: string, a: { length: number }, nameB: string, b: { length: number }): void {
  if (a.length !== b.length) throw new ShapeMismatchError(`${fn}: ${nameA} has ${a.length} entries but ${nameB} has ${b.length}`);
}

/** Checks that `classes` holds distinct strings and returns the class → column index map. */
export function classIndex(fn: string, classes: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  classes.forEach((c, i) => {
    if (typeof c !== 'string') throw new InvalidArgumentError(`${fn}: classes must be strings, got ${String(c)} at position ${i}`);
    if (index.has(c)) throw new InvalidArgumentError(`${fn}: class "${c}" appears twice in classes`);
    index.set(c, i);
  });
  return index;
}

/** Encodes labels as column indices of `index`, throwing an {@link InvalidValueError} naming the first unknown label. */
export function encodeLabels(fn: string, name: string, labels: readonly string[], index: ReadonlyMap<string, number>): Int32Array {
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const c = index.get(labels[i]!);
    if (c === undefined) {
      throw new InvalidValueError(`${fn}: label ${JSON.stringify(labels[i])} is not one of the classes [${[...index.keys()].join(', ')}]`, {
        source: name,
        row: i,
      });
    }
    out[i] = c;
  }
  return out;
}
