/**
 * Class labels that are names of Object.prototype members (`__proto__`, `constructor`, `toString`,
 * `hasOwnProperty`) are ordinary labels: through label encoding, SMOTE (a `__proto__` class used to crash it) and
 * the classifiers, with JSON round trips. Object.prototype is never touched.
 */
import { describe, expect, it } from 'vitest';

import { encodeLabels } from '../../src/ml/labels';
import { Smote } from '../../src/ml/smote';
import { RandomForest } from '../../src/ml/random-forest';
import { ExtraTrees } from '../../src/ml/extra-trees';
import { KNearestNeighbors } from '../../src/ml/k-nearest-neighbors';

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;
// two well separated groups per class, 3 to 6 members per class (unbalanced, so SMOTE has work to do)
const X: number[][] = [];
const y: string[] = [];
NAMES.forEach((name, c) => {
  for (let i = 0; i < 3 + c; i++) {
    X.push([10 * c + 0.1 * i, -10 * c + 0.2 * i]);
    y.push(name);
  }
});

describe('labels named like Object.prototype members', () => {
  it('encode in sorted order', () => {
    const { classes, codes } = encodeLabels(y);
    expect(classes).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString']);
    expect(Array.from(codes.slice(0, 3))).toEqual([0, 0, 0]);
  });

  it('are oversampled by SMOTE up to the largest class, with per-class counts readable by label', () => {
    const out = new Smote({ k: 2, seed: 3 }).fitResample(X, y);
    expect(out.y).toHaveLength(4 * 6);
    expect(Object.entries(out.nSynthetic)).toEqual([['__proto__', 3], ['constructor', 2], ['hasOwnProperty', 0], ['toString', 1]]);
    expect(Object.getPrototypeOf(out.nSynthetic)).toBeNull();
    for (const name of NAMES) expect(out.y.filter((l) => l === name), name).toHaveLength(6);
    // every synthetic sample lies in its class's group
    for (let i = X.length; i < out.y.length; i++) {
      const c = NAMES.indexOf(out.y[i] as (typeof NAMES)[number]);
      expect(out.X.data[2 * i]! - 10 * c).toBeGreaterThanOrEqual(0);
      expect(out.X.data[2 * i]! - 10 * c).toBeLessThanOrEqual(0.5);
    }
  });

  it('take a SMOTE target record keyed by such labels, and a label absent from the target keeps its size', () => {
    const target = Object.fromEntries([['__proto__', 5], ['toString', 7]]);
    const out = new Smote({ k: 2, seed: 3, target }).fitResample(X, y);
    expect(Object.entries(out.nSynthetic)).toEqual([['__proto__', 2], ['constructor', 0], ['hasOwnProperty', 0], ['toString', 2]]);
    expect(() => new Smote({ target: Object.fromEntries([['valueOf', 9]]) }).fitResample(X, y)).toThrow(/valueOf/);
  });

  it.each([
    ['RandomForest', () => new RandomForest({ nEstimators: 10, seed: 1 }), (j: unknown) => RandomForest.fromJSON(j as never)],
    ['ExtraTrees', () => new ExtraTrees({ nEstimators: 10, seed: 1 }), (j: unknown) => ExtraTrees.fromJSON(j as never)],
    ['KNearestNeighbors', () => new KNearestNeighbors({ k: 1 }), (j: unknown) => KNearestNeighbors.fromJSON(j as never)],
  ] as const)('are fitted and predicted by %s, through a JSON round trip', (_, make, fromJSON) => {
    const model = make().fit(X, y);
    expect(model.classes).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString']);
    const probe = NAMES.map((_, c) => [10 * c + 0.1, -10 * c + 0.2]);
    expect(model.predict(probe)).toEqual([...NAMES]);
    const back = fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(back.predict(probe)).toEqual([...NAMES]);
  });

  it('leave Object.prototype untouched', () => {
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(typeof ({} as { constructor: unknown }).constructor).toBe('function');
    expect(({} as Record<string, unknown>).hasOwnProperty).toBe(Object.prototype.hasOwnProperty);
  });
});
