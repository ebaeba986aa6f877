/**
 * A confidence-threshold sweep as an SVG line plot (pure string output, no DOM): metrics and completeness
 * against the CT cut.
 *
 * @module
 */
import { InvalidArgumentError } from '../../core/errors';
import type { CtSweepPoint } from '../ct-sweep';
import { element, escapeXml, niceTicks, plotTitle, px, svgDocument, textWidth } from './svg';

/** A quantity of a {@link CtSweepPoint} that {@link ctSweepSvg} can draw. */
export type CtSweepMetric =
  | 'accuracy'
  | 'balancedAccuracy'
  | 'precision'
  | 'recall'
  | 'f1'
  | 'mcc'
  | 'completeness'
  | 'balancedCompleteness'
  | 'macroAuc';

/** Legend text and colour of each metric (Tableau 10 palette). */
const STYLE: Readonly<Record<CtSweepMetric, { readonly label: string; readonly colour: string; readonly dashed: boolean }>> = {
  accuracy: { label: 'Accuracy', colour: '#4e79a7', dashed: false },
  balancedAccuracy: { label: 'Balanced accuracy', colour: '#f28e2b', dashed: false },
  precision: { label: 'Macro precision', colour: '#76b7b2', dashed: false },
  recall: { label: 'Macro recall', colour: '#edc948', dashed: false },
  f1: { label: 'Macro F1', colour: '#e15759', dashed: false },
  mcc: { label: 'MCC', colour: '#59a14f', dashed: false },
  macroAuc: { label: 'Macro ROC AUC', colour: '#b07aa1', dashed: false },
  completeness: { label: 'Completeness', colour: '#4e79a7', dashed: true },
  balancedCompleteness: { label: 'Balanced completeness', colour: '#f28e2b', dashed: true },
};

/** The metrics drawn by default. */
const DEFAULT_METRICS: readonly CtSweepMetric[] = ['accuracy', 'balancedAccuracy', 'f1', 'mcc', 'completeness', 'balancedCompleteness'];

/** Options of {@link ctSweepSvg}. */
export interface CtSweepSvgOptions {
  /** The quantities to draw, in legend order. Default: accuracy, balanced accuracy, macro F1, MCC, completeness, balanced completeness. */
  readonly metrics?: readonly CtSweepMetric[];
  /** A title above the plot. Default: none. */
  readonly title?: string;
  /** Width of the whole figure in px (legend included; the plot area is what the legend leaves). Default 680. */
  readonly width?: number;
  /** Height of the whole figure in px. Default 400. */
  readonly height?: number;
  /** Draw a dashed vertical line at this cut (e.g. 2, the paper's CT ≥ 2). Default: none. */
  readonly marker?: number;
}

/**
 * Renders a CT sweep ({@link ctSweep}) as a standalone SVG line plot: one line per metric against the CT cut
 * (completeness lines dashed), x and y axes with ticks and grid lines, a legend on the right, and optionally a
 * vertical marker (e.g. at CT = 2). The y axis runs from 0 to 1, extended below 0 if a metric (MCC) is
 * negative. A `NaN` value (a cut that keeps no source) breaks its line. Text is XML-escaped. Runs in O(C M)
 * for C cuts and M metrics.
 *
 * @param sweep - the points of a CT sweep, in increasing order of cut
 * @param options - metrics, title, size and marker
 * @returns the SVG document as a string
 * @throws {InvalidArgumentError} when `sweep` is empty, a metric is unknown or not in the sweep (`macroAuc`
 * without `proba`), the cuts are not increasing, or the size is not positive
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { ctSweep, ctSweepSvg } from 'muwclass/eval';
 * const sweep = ctSweep(['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B'], [3, 0.5, 2.5, 1]);
 * const svg = ctSweepSvg(sweep, { title: 'Metrics vs CT', marker: 2 });
 * svg.includes('Metrics vs CT'); // => true
 * writeFileSync(join(tmpdir(), 'ct-sweep.svg'), svg);
 * ```
 */
export function ctSweepSvg(sweep: readonly CtSweepPoint[], options: CtSweepSvgOptions = {}): string {
  if (sweep.length === 0) throw new InvalidArgumentError('ctSweepSvg requires at least one sweep point');
  const metrics = options.metrics ?? DEFAULT_METRICS;
  for (const m of metrics) {
    if (!Object.hasOwn(STYLE, m)) throw new InvalidArgumentError(`ctSweepSvg: unknown metric ${JSON.stringify(m)}`);
    if (m === 'macroAuc' && sweep[0]!.macroAuc === undefined) {
      throw new InvalidArgumentError('ctSweepSvg: the sweep has no macroAuc (pass proba and classes to ctSweep)');
    }
  }
  for (let i = 1; i < sweep.length; i++) {
    if (!(sweep[i]!.cut > sweep[i - 1]!.cut)) throw new InvalidArgumentError(`ctSweepSvg: cuts must increase, but cut ${i} (${sweep[i]!.cut}) follows ${sweep[i - 1]!.cut}`);
  }
  const width = options.width ?? 680;
  const height = options.height ?? 400;
  if (!(width > 0 && height > 0)) throw new InvalidArgumentError(`ctSweepSvg: width and height must be positive, got ${width} x ${height}`);

  const legendWidth = 20 + 30 + Math.max(...metrics.map((m) => textWidth(STYLE[m].label))) + 8;
  const margin = { left: 56, right: legendWidth, top: options.title === undefined ? 16 : 40, bottom: 48 };
  const plotW = Math.max(10, width - margin.left - margin.right);
  const plotH = Math.max(10, height - margin.top - margin.bottom);
  const xMin = sweep[0]!.cut;
  const xMax = sweep.length > 1 ? sweep[sweep.length - 1]!.cut : xMin + 1;
  let yMin = 0;
  for (const p of sweep) for (const m of metrics) if ((p[m] ?? 0) < yMin) yMin = p[m]!;
  if (yMin < 0) yMin = Math.floor(yMin * 5) / 5;
  const yMax = 1;
  const sx = (x: number) => margin.left + ((x - xMin) / (xMax - xMin)) * plotW;
  const sy = (y: number) => margin.top + ((yMax - y) / (yMax - yMin)) * plotH;

  const parts: string[] = [];
  if (options.title !== undefined) {
    parts.push(plotTitle(margin.left + plotW / 2, 24, options.title));
  }
  // Grid lines, ticks and tick labels.
  const xTicks = niceTicks(xMin, xMax, 8);
  for (const t of xTicks.values) {
    const x = sx(t);
    parts.push(
      element('line', { class: 'grid', x1: x, y1: margin.top, x2: x, y2: margin.top + plotH, stroke: '#e5e5e5' }),
      element('line', { class: 'tick', x1: x, y1: margin.top + plotH, x2: x, y2: margin.top + plotH + 5, stroke: '#333333' }),
      element('text', { class: 'tick-label', x, y: margin.top + plotH + 18, 'text-anchor': 'middle' }, t.toFixed(xTicks.decimals)),
    );
  }
  const yTicks = niceTicks(yMin, yMax, 5);
  for (const t of yTicks.values) {
    const y = sy(t);
    parts.push(
      element('line', { class: 'grid', x1: margin.left, y1: y, x2: margin.left + plotW, y2: y, stroke: '#e5e5e5' }),
      element('line', { class: 'tick', x1: margin.left - 5, y1: y, x2: margin.left, y2: y, stroke: '#333333' }),
      element('text', { class: 'tick-label', x: margin.left - 8, y: y + 4, 'text-anchor': 'end' }, t.toFixed(yTicks.decimals)),
    );
  }
  // Axes.
  parts.push(
    element('line', { class: 'axis', x1: margin.left, y1: margin.top + plotH, x2: margin.left + plotW, y2: margin.top + plotH, stroke: '#333333' }),
    element('line', { class: 'axis', x1: margin.left, y1: margin.top, x2: margin.left, y2: margin.top + plotH, stroke: '#333333' }),
    element('text', { class: 'axis-title', x: margin.left + plotW / 2, y: height - 10, 'text-anchor': 'middle' }, 'CT cut (sources with CT ≥ cut)'),
    element('text', { class: 'axis-title', x: 16, y: margin.top + plotH / 2, 'text-anchor': 'middle', transform: `rotate(-90 16 ${px(margin.top + plotH / 2)})` }, 'Score'),
  );
  if (options.marker !== undefined && options.marker >= xMin && options.marker <= xMax) {
    const x = sx(options.marker);
    parts.push(element('line', { class: 'marker', x1: x, y1: margin.top, x2: x, y2: margin.top + plotH, stroke: '#777777', 'stroke-dasharray': '2 3' }));
  }
  // One line per metric, broken at NaN.
  metrics.forEach((m, index) => {
    const style = STYLE[m];
    let d = '';
    let pen = false;
    for (const p of sweep) {
      const v = p[m];
      if (v === undefined || Number.isNaN(v)) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${px(sx(p.cut))} ${px(sy(v))} `;
      pen = true;
    }
    const attributes: Record<string, string | number> = { class: 'series', 'data-metric': m, d: d.trim() || 'M0 0', fill: 'none', stroke: style.colour, 'stroke-width': 2 };
    if (style.dashed) attributes['stroke-dasharray'] = '6 4';
    parts.push(element('path', attributes));
    // Legend entry.
    const ly = margin.top + 10 + index * 20;
    const lx = margin.left + plotW + 20;
    const legendLine: Record<string, string | number> = { x1: lx, y1: ly, x2: lx + 24, y2: ly, stroke: style.colour, 'stroke-width': 2 };
    if (style.dashed) legendLine['stroke-dasharray'] = '6 4';
    parts.push(element('g', { class: 'legend-entry' }, element('line', legendLine) + element('text', { x: lx + 30, y: ly + 4 }, escapeXml(style.label))));
  });
  return svgDocument(width, height, parts.join('\n'));
}
