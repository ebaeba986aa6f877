import { describe, expect, it } from 'vitest';

import { Tree } from '../../src/ml/tree';
import { InvalidArgumentError, InvalidValueError } from '../../src/core/errors';

// x0 <= 0.5 ? (x1 <= 2 ? leaf 0 : leaf 1) : leaf 2
const arrays = {
  nFeatures: 2,
  nClasses: 2,
  feature: [0, 1],
  threshold: [0.5, 2],
  left: [1, ~0],
  right: [~2, ~1],
  value: [3, 0, 1, 3, 0, 2],
};

describe('Tree', () => {
  it('routes rows with x <= threshold to the left', () => {
    const tree = new Tree(arrays);
    expect(tree.apply([0.5, 2], 0)).toBe(0); // equality goes left at both nodes
    expect(tree.apply([0.2, 2.1], 0)).toBe(1);
    expect(tree.apply([0.6, 0], 0)).toBe(2);
    expect(tree.apply([9, 9, 0.1, 5], 1)).toBe(1); // second row of a matrix
  });

  it('normalises leaf counts to class fractions', () => {
    const tree = new Tree(arrays);
    expect(Array.from(tree.leafProba(1))).toEqual([0.25, 0.75]);
    const out = new Float64Array(4);
    tree.accumulateProba(Float64Array.of(0, 0, 1, 1), 0, 2, out);
    expect(Array.from(out)).toEqual([1, 0, 0, 1]);
  });

  it('reports node count, leaf count and depth', () => {
    const tree = new Tree(arrays);
    expect(tree.nodeCount).toBe(2);
    expect(tree.leafCount).toBe(3);
    expect(tree.depth).toBe(2);
    const leaf = new Tree({ nFeatures: 1, nClasses: 2, feature: [], threshold: [], left: [], right: [], value: [1, 1] });
    expect(leaf.depth).toBe(0);
    expect(leaf.apply([123], 0)).toBe(0);
  });

  it('round-trips through JSON exactly', () => {
    const tree = new Tree({ ...arrays, threshold: [0.1 + 0.2, Math.PI] });
    const copy = Tree.fromJSON(JSON.parse(JSON.stringify(tree.toJSON())));
    expect(copy.toJSON()).toEqual(tree.toJSON());
    expect(copy.threshold[0]).toBe(0.1 + 0.2);
  });

  it('rejects inconsistent arrays', () => {
    expect(() => new Tree({ ...arrays, value: [1, 2] })).toThrow(InvalidArgumentError);
    expect(() => new Tree({ ...arrays, feature: [0, 5] })).toThrow(/feature 5/);
    expect(() => new Tree({ ...arrays, left: [0, ~0] })).toThrow(/invalid child/);
    expect(() => new Tree({ ...arrays, right: [~7, ~1] })).toThrow(/invalid child/);
    expect(() => new Tree({ ...arrays, threshold: [NaN, 1] })).toThrow(InvalidValueError);
    expect(() => new Tree({ ...arrays, value: [0, 0, 1, 3, 0, 2] })).toThrow(/no positive class weight/);
  });
});
