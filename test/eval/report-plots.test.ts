/**
 * The plots of the HTML report (`rocSvg`, `featureImportanceSvg`, `probabilityBarsSvg`, `classCountsSvg`) and the
 * report builders: well-formed SVG, marks where the numbers put them (analytic cases), escaped text, and the
 * documented errors.
 */
import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../src/core/errors';
import { aggregateImportances } from '../../src/eval/feature-importance';
import { classCountsSvg } from '../../src/eval/plots/class-counts-svg';
import { featureImportanceSvg } from '../../src/eval/plots/feature-importance-svg';
import { probabilityBarsSvg } from '../../src/eval/plots/probability-bars-svg';
import { rocSvg } from '../../src/eval/plots/roc-svg';
import { classificationReportHtml } from '../../src/eval/report';
import { rocCurves } from '../../src/eval/roc';
import { findAll, parseXml } from '../helpers/xml';

/** The numbers of an SVG path's `d`, as [x, y] pairs. */
const points = (d: string): number[][] => {
  const n = (d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  return Array.from({ length: n.length / 2 }, (_, i) => [n[2 * i]!, n[2 * i + 1]!]);
};

describe('rocSvg', () => {
  it('draws a perfect classifier through the top-left corner, and the macro curve last', () => {
    const roc = rocCurves(['A', 'B', 'A', 'B'], [[0.9, 0.1], [0.2, 0.8], [0.7, 0.3], [0.4, 0.6]], ['A', 'B']);
    const root = parseXml(rocSvg(roc, { size: 100 }));
    const curves = findAll(root, 'path', 'curve');
    expect(curves.map((c) => c.attributes['data-class'])).toEqual(['A', 'B', 'macro']);
    // plot area: x from 56 to 156, y from 16 (tpr 1) to 116 (tpr 0)
    const corner = points(curves[0]!.attributes.d!);
    expect(corner[0]).toEqual([56, 116]);
    expect(corner).toContainEqual([56, 16]);
    expect(corner[corner.length - 1]).toEqual([156, 16]);
    expect(findAll(root, 'g', 'legend-entry').map((g) => g.children[1]!.text)).toEqual(['A (1.000)', 'B (1.000)', 'Macro average (AUC 1.000)']);
  });

  it('lists a class without negatives as "–", and refuses a bad size', () => {
    const roc = rocCurves(['A', 'A'], [[0.9, 0.1], [0.6, 0.4]], ['A', 'B']);
    expect(rocSvg(roc)).toContain('A (–)');
    expect(() => rocSvg(roc, { size: 0 })).toThrow(InvalidArgumentError);
  });
});

describe('featureImportanceSvg', () => {
  const models = [[0.5, 0.3, 0.2], [0.7, 0.1, 0.2]];
  const summary = aggregateImportances(models, { featureNames: ['a<b', 'c', 'd'] });

  it('ranks the features by mean, bars to scale, whiskers of ±1σ, one dot per model', () => {
    const root = parseXml(featureImportanceSvg(summary, { models, barWidth: 100 }));
    expect(findAll(root, 'text', 'feature-label').map((t) => t.text)).toEqual(['a<b', 'c', 'd']); // c and d tie at 0.2: column order
    // the axis ends at the nice tick covering the largest value 0.7 → 0.7; bar widths are mean / 0.7 × 100
    const widths = findAll(root, 'rect', 'bar').map((b) => Number(b.attributes.width));
    expect(widths[0]).toBeCloseTo((0.6 / 0.7) * 100, 1);
    expect(widths[1]).toBeCloseTo((0.2 / 0.7) * 100, 1);
    expect(findAll(root, 'path', 'whisker')).toHaveLength(2); // 'd' has no scatter (σ = 0)
    expect(findAll(root, 'circle', 'model')).toHaveLength(6);
  });

  it('refuses models of the wrong width and a bad top', () => {
    expect(() => featureImportanceSvg(summary, { models: [[1, 2]] })).toThrow(/2 columns but the summary has 3/);
    expect(() => featureImportanceSvg(summary, { top: 0 })).toThrow(InvalidArgumentError);
  });
});

describe('probabilityBarsSvg', () => {
  const result = {
    classes: ['AGN', 'YSO'],
    mean: { data: Float64Array.of(0.75, 0.25, 0.5, 0.5, 1, 0), nRows: 3, nCols: 2 },
    std: { data: Float64Array.of(0.25, 0.25, 0, 0, 0, 0), nRows: 3, nCols: 2 },
    predicted: ['AGN', 'AGN', 'AGN'],
    ct: Float64Array.of(1.5, Number.NaN, 9),
  };

  it('puts each bar at its probability and its error bar at ±σ', () => {
    const root = parseXml(probabilityBarsSvg(result, { names: ['x&y', 'b', 'c'], maxSources: 2 }));
    expect(findAll(root, 'g', 'source')).toHaveLength(2);
    const bars = findAll(root, 'rect', 'bar');
    expect(bars).toHaveLength(4);
    // plot height 90 px: a bar of 0.75 is 67.5 px, of 0.25 is 22.5 px
    expect(Number(bars[0]!.attributes.height)).toBeCloseTo(67.5, 2);
    expect(Number(bars[1]!.attributes.height)).toBeCloseTo(22.5, 2);
    expect(bars[0]!.attributes.stroke).toBe('#000000'); // the most probable class
    const [low, high] = points(findAll(root, 'path', 'error-bar')[0]!.attributes.d!);
    expect(low![1]! - high![1]!).toBeCloseTo(45, 2); // ±0.25 → 0.5 of 90 px
    expect(findAll(root, 'path', 'error-bar')).toHaveLength(2); // no error bar where σ = 0
    expect(root.children.some((c) => c.text.includes('… and 1 more source not drawn'))).toBe(true);
  });

  it('escapes names, shows a missing CT as "–", and refuses bad input', () => {
    const svg = probabilityBarsSvg(result, { names: ['x&y', 'b', 'c'] });
    expect(svg).toContain('x&amp;y');
    expect(svg).toContain('AGN, CT –');
    expect(() => probabilityBarsSvg(result, { names: ['a'] })).toThrow(/1 entries for 3 sources/);
    expect(() => probabilityBarsSvg(result, { rows: [3] })).toThrow(/row 3/);
    expect(() => probabilityBarsSvg(result, { columns: 1.5 })).toThrow(InvalidArgumentError);
  });
});

describe('classCountsSvg', () => {
  it('counts all and confident sources per class, to scale', () => {
    const root = parseXml(classCountsSvg(['A', 'B', 'A', 'A'], [2, 5, 1.9, 3], { classes: ['A', 'B', 'C'], barWidth: 100 }));
    expect(findAll(root, 'text', 'count').map((t) => t.text)).toEqual(['3 (2)', '1 (1)', '0 (0)']);
    const all = findAll(root, 'rect', 'bar').filter((b) => b.attributes['data-kind'] === 'all').map((b) => Number(b.attributes.width));
    expect(all[0]! / all[1]!).toBeCloseTo(3, 2); // coordinates are rounded to 0.01 px
    expect(all[2]).toBe(0);
  });

  it('refuses an unknown class and mismatched lengths', () => {
    expect(() => classCountsSvg(['A', 'Z'], [1, 2], { classes: ['A'] })).toThrow(/source 2 is classified as "Z"/);
    expect(() => classCountsSvg(['A'], [1, 2])).toThrow(InvalidArgumentError);
  });
});

describe('classificationReportHtml', () => {
  it('is one document with the settings escaped and one table row per source shown', () => {
    const result = {
      classes: ['AGN', 'YSO'],
      nDraws: 4,
      mean: { data: Float64Array.of(0.9, 0.1, 0.3, 0.7, 0.6, 0.4), nRows: 3, nCols: 2 },
      std: { data: Float64Array.of(0.1, 0.1, 0.2, 0.2, 0.3, 0.3), nRows: 3, nCols: 2 },
      predicted: ['AGN', 'YSO', 'AGN'],
      classProbability: Float64Array.of(0.9, 0.7, 0.6),
      classProbabilityError: Float64Array.of(0.1, 0.2, 0.3),
      ct: Float64Array.of(4, 2.5, 0.5),
      noFeatures: new Uint8Array(3),
    };
    const html = classificationReportHtml({ result, names: ['s1', 's2', 's<3>'], settings: [['Note', '<b>']], maxSources: 2 });
    expect(html).toContain('<td>&lt;b&gt;</td>');
    expect(html.match(/<tr><td>/g)).toHaveLength(2);
    expect(html).toContain('<tr><th>AGN</th><td class="num">2</td><td class="num">1</td></tr>');
    expect(html).toContain('<tr><th>YSO</th><td class="num">1</td><td class="num">1</td></tr>');
    expect(html).toContain('The first 2 of 3 sources.');
    expect(() => classificationReportHtml({ result, names: ['s1'], settings: [] })).toThrow(/1 names for 3 sources/);
  });
});
