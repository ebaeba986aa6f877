import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../src/core/errors';
import { confusionMatrix } from '../../src/eval/confusion-matrix';
import { ctSweep } from '../../src/eval/ct-sweep';
import { confusionMatrixSvg } from '../../src/eval/plots/confusion-matrix-svg';
import { ctSweepSvg } from '../../src/eval/plots/ct-sweep-svg';
import { findAll, parseXml } from '../helpers/xml';

describe('the test XML parser', () => {
  it('rejects malformed documents (so that the tests below can fail)', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a x=1/>')).toThrow();
    expect(() => parseXml('<a>x < y</a>')).toThrow();
    expect(() => parseXml('<a>AT&T</a>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(parseXml('<a x="&lt;&amp;"><b>&quot;hi&#39;</b></a>').children[0]!.text).toBe('"hi\'');
  });
});

describe('confusionMatrixSvg', () => {
  const classes = ['AGN', 'CV', 'HM-STAR', 'HMXB', 'LM-STAR', 'LMXB', 'NS', 'YSO'];
  const yTrue = classes.flatMap((c, i) => Array<string>(10 + i).fill(c));
  const yPred = yTrue.map((c, i) => (i % 4 === 0 ? classes[(classes.indexOf(c) + 1) % 8]! : c));
  const cm = confusionMatrix(yTrue, yPred);

  it('is well-formed SVG with one cell and one value per (true, predicted) pair', () => {
    const root = parseXml(confusionMatrixSvg(cm, { title: 'Recall' }));
    expect(root.name).toBe('svg');
    expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(findAll(root, 'rect', 'cell').length).toBe(64);
    expect(findAll(root, 'text', 'value').length).toBe(64);
    expect(findAll(root, 'text', 'row-label').map((e) => e.text)).toEqual(classes);
    expect(findAll(root, 'text', 'column-label').map((e) => e.text)).toEqual(classes);
    expect(findAll(root, 'text', 'title')[0]!.text).toBe('Recall');
  });

  it('shows the recall-normalised fractions by default, counts on request', () => {
    const values = (svg: string) => findAll(parseXml(svg), 'text', 'value').map((e) => e.text);
    const small = confusionMatrix(['a', 'a', 'a', 'b'], ['a', 'a', 'b', 'b']);
    expect(values(confusionMatrixSvg(small))).toEqual(['0.67', '0.33', '0.00', '1.00']);
    expect(values(confusionMatrixSvg(small, { normalization: 'precision', digits: 1 }))).toEqual(['1.0', '0.5', '0.0', '0.5']);
    expect(values(confusionMatrixSvg(small, { normalization: 'counts' }))).toEqual(['2', '1', '0', '1']);
  });

  it('shows an empty row as "–" on grey, never as 0', () => {
    const m = confusionMatrix(['a', 'a'], ['a', 'b']);
    const root = parseXml(confusionMatrixSvg(m));
    expect(findAll(root, 'text', 'value').map((e) => e.text)).toEqual(['0.50', '0.50', '–', '–']);
    expect(findAll(root, 'rect', 'cell')[3]!.attributes.fill).toBe('#eeeeee');
  });

  it('escapes class names and the title', () => {
    const m = confusionMatrix(['<A & B>', '"q"'], ['<A & B>', '"q"']);
    const svg = confusionMatrixSvg(m, { title: "Tom's <matrix>" });
    expect(svg).not.toContain('<A & B>');
    const root = parseXml(svg);
    expect(findAll(root, 'text', 'row-label').map((e) => e.text)).toEqual(['"q"', '<A & B>']);
    expect(findAll(root, 'text', 'title')[0]!.text).toBe("Tom's <matrix>");
    expect(findAll(root, 'title').some((e) => e.text.includes('true <A & B>, predicted <A & B>: 1'))).toBe(true);
  });

  it('colours cells darker for larger values', () => {
    const m = confusionMatrix(['a', 'a', 'a', 'a', 'b'], ['a', 'a', 'a', 'b', 'b']);
    const fills = findAll(parseXml(confusionMatrixSvg(m)), 'rect', 'cell').map((e) => e.attributes.fill!);
    const brightness = (hex: string) => parseInt(hex.slice(1, 3), 16) + parseInt(hex.slice(3, 5), 16) + parseInt(hex.slice(5, 7), 16);
    // cells: a→a 0.75, a→b 0.25, b→a 0, b→b 1
    expect(brightness(fills[3]!)).toBeLessThan(brightness(fills[0]!));
    expect(brightness(fills[0]!)).toBeLessThan(brightness(fills[1]!));
    expect(brightness(fills[1]!)).toBeLessThan(brightness(fills[2]!));
  });

  it('rejects invalid options', () => {
    expect(() => confusionMatrixSvg(cm, { normalization: 'rows' as never })).toThrow(InvalidArgumentError);
    expect(() => confusionMatrixSvg(cm, { cellSize: 0 })).toThrow(InvalidArgumentError);
    expect(() => confusionMatrixSvg(cm, { digits: -1 })).toThrow(InvalidArgumentError);
  });
});

describe('ctSweepSvg', () => {
  const yTrue = ['A', 'A', 'A', 'B', 'B', 'C', 'C', 'A'];
  const yPred = ['A', 'B', 'A', 'B', 'A', 'C', 'A', 'A'];
  const ct = [3, 0.2, 1.5, 2.5, 0.8, 1, 0.1, 4.2];
  const sweep = ctSweep(yTrue, yPred, ct, { cuts: Array.from({ length: 51 }, (_, i) => i / 10) });

  it('is well-formed SVG with one line and one legend entry per metric', () => {
    const root = parseXml(ctSweepSvg(sweep, { title: 'Metrics vs CT', marker: 2 }));
    const series = findAll(root, 'path', 'series');
    expect(series.map((e) => e.attributes['data-metric'])).toEqual(['accuracy', 'balancedAccuracy', 'f1', 'mcc', 'completeness', 'balancedCompleteness']);
    const legend = findAll(root, 'g', 'legend-entry');
    expect(legend.map((g) => g.children[1]!.text)).toEqual(['Accuracy', 'Balanced accuracy', 'Macro F1', 'MCC', 'Completeness', 'Balanced completeness']);
    expect(findAll(root, 'line', 'marker').length).toBe(1);
    expect(findAll(root, 'line', 'axis').length).toBe(2);
    // x ticks at 0, 0.5, …, 5 and y ticks at 0, 0.2, …, 1
    expect(findAll(root, 'text', 'tick-label').map((e) => e.text)).toEqual([
      '0.0', '0.5', '1.0', '1.5', '2.0', '2.5', '3.0', '3.5', '4.0', '4.5', '5.0',
      '0.0', '0.2', '0.4', '0.6', '0.8', '1.0',
    ]);
  });

  it('draws one vertex per cut with a value, and breaks the line where a cut keeps nothing', () => {
    const root = parseXml(ctSweepSvg(sweep));
    const d = findAll(root, 'path', 'series')[0]!.attributes.d!;
    const kept = sweep.filter((p) => p.n > 0).length; // cuts above 4.2 keep nothing
    expect(kept).toBe(43);
    expect((d.match(/[ML]/g) ?? []).length).toBe(kept);
    expect(d.startsWith('M')).toBe(true);
    // completeness is defined at every cut
    const completeness = findAll(root, 'path', 'series')[4]!.attributes.d!;
    expect((completeness.match(/[ML]/g) ?? []).length).toBe(51);
    expect((completeness.match(/M/g) ?? []).length).toBe(1);
  });

  it('maps values to the plot: higher values are higher up (smaller y)', () => {
    const root = parseXml(ctSweepSvg(sweep, { metrics: ['completeness'] }));
    const d = findAll(root, 'path', 'series')[0]!.attributes.d!;
    const ys = [...d.matchAll(/[ML]([-\d.]+) ([-\d.]+)/g)].map((m) => Number(m[2]));
    // completeness falls with the cut, so y grows
    for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeGreaterThanOrEqual(ys[i - 1]!);
    expect(ys[0]).toBeLessThan(ys[ys.length - 1]!);
  });

  it('extends the y axis below 0 for a negative MCC', () => {
    const bad = ctSweep(['a', 'a', 'b', 'b'], ['b', 'b', 'a', 'a'], [1, 1, 1, 1], { cuts: [0, 1] });
    const root = parseXml(ctSweepSvg(bad, { metrics: ['mcc'] }));
    expect(findAll(root, 'text', 'tick-label').map((e) => e.text)).toContain('-1.0');
  });

  it('escapes the title', () => {
    const svg = ctSweepSvg(sweep, { title: 'CT ≥ 2 & <more>' });
    expect(findAll(parseXml(svg), 'text', 'title')[0]!.text).toBe('CT ≥ 2 & <more>');
  });

  it('rejects empty sweeps, unknown or absent metrics, unsorted cuts and bad sizes', () => {
    expect(() => ctSweepSvg([])).toThrow(InvalidArgumentError);
    expect(() => ctSweepSvg(sweep, { metrics: ['auc' as never] })).toThrow(/unknown metric "auc"/);
    expect(() => ctSweepSvg(sweep, { metrics: ['macroAuc'] })).toThrow(/no macroAuc/);
    expect(() => ctSweepSvg([sweep[2]!, sweep[1]!])).toThrow(/cuts must increase/);
    expect(() => ctSweepSvg(sweep, { width: 0 })).toThrow(InvalidArgumentError);
  });
});
