/**
 * Per-source class probabilities with their Monte Carlo errors as SVG bar charts (pure string output, no DOM).
 *
 * @module
 */
import { InvalidArgumentError } from '../../core/errors';
import type { MonteCarloResult } from '../../classify/result';
import { categoricalColour } from './palette';
import { element, escapeXml, plotTitle, px, svgDocument } from './svg';

/** What {@link probabilityBarsSvg} reads of a Monte Carlo result. */
export type ProbabilityBarsInput = Pick<MonteCarloResult, 'classes' | 'mean' | 'std' | 'predicted' | 'ct'>;

/** Options of {@link probabilityBarsSvg}. */
export interface ProbabilityBarsSvgOptions {
  /** The sources' names, in row order (the panel titles). Default: `#1`, `#2`, … */
  readonly names?: readonly string[];
  /** The rows to draw, in this order. Default: the first `maxSources` rows. */
  readonly rows?: readonly number[];
  /** At most this many panels (the rest are left out, and the figure says how many). Default 24. */
  readonly maxSources?: number;
  /** Panels per line. Default 4. */
  readonly columns?: number;
  /** A title above the panels. Default: none. */
  readonly title?: string;
}

/**
 * Renders each source's class probabilities as a small bar chart — one bar per class at its mean probability
 * P_c over the Monte Carlo draws, an error bar of ±ΔP_c (the draws' standard deviation), the most probable class
 * outlined in black, and the panel titled with the source's name, class and CT (eq. 7) — laid out in a grid.
 * Bars share one colour per class across panels; a legend names the classes. Text is XML-escaped. Runs in O(n K)
 * for n panels of K classes.
 *
 * @param result - a Monte Carlo result (`classes`, `mean`, `std`, `predicted`, `ct`)
 * @param options - names, rows, how many panels, panels per line, title
 * @returns the SVG document as a string
 * @throws {InvalidArgumentError} when `maxSources` or `columns` is not a positive integer, a row is out of
 *   range, or `names` does not have one name per source
 * @example
 * ```ts
 * import { probabilityBarsSvg } from 'muwclass/eval';
 * const result = {
 *   classes: ['AGN', 'YSO'],
 *   mean: { data: Float64Array.of(0.9, 0.1, 0.4, 0.6), nRows: 2, nCols: 2 },
 *   std: { data: Float64Array.of(0.05, 0.05, 0.2, 0.2), nRows: 2, nCols: 2 },
 *   predicted: ['AGN', 'YSO'],
 *   ct: Float64Array.of(8, 0.5),
 * };
 * const svg = probabilityBarsSvg(result, { names: ['src 1', 'src 2'] });
 * svg.match(/class="bar"/g)!.length; // => 4
 * svg.includes('YSO, CT 0.50'); // => true
 * ```
 */
export function probabilityBarsSvg(result: ProbabilityBarsInput, options: ProbabilityBarsSvgOptions = {}): string {
  const n = result.mean.nRows;
  const k = result.classes.length;
  const maxSources = options.maxSources ?? 24;
  if (!(Number.isInteger(maxSources) && maxSources > 0)) throw new InvalidArgumentError(`probabilityBarsSvg: maxSources must be a positive integer, got ${maxSources}`);
  const columns = options.columns ?? 4;
  if (!(Number.isInteger(columns) && columns > 0)) throw new InvalidArgumentError(`probabilityBarsSvg: columns must be a positive integer, got ${columns}`);
  if (options.names !== undefined && options.names.length !== n) {
    throw new InvalidArgumentError(`probabilityBarsSvg: names has ${options.names.length} entries for ${n} sources`);
  }
  const requested = options.rows ?? Array.from({ length: n }, (_, i) => i);
  for (const r of requested) {
    if (!(Number.isInteger(r) && r >= 0 && r < n)) throw new InvalidArgumentError(`probabilityBarsSvg: row ${r} is not one of the ${n} sources`);
  }
  const rows = requested.slice(0, maxSources);
  const left = requested.length - rows.length;

  const panelW = Math.max(150, 22 * k + 50);
  const panelH = 160;
  const plotTop = 36;
  const plotH = 90;
  const plotLeft = 34;
  const barSlot = (panelW - plotLeft - 10) / Math.max(1, k);
  const header = options.title === undefined ? 8 : 32;
  const legendH = 24;
  const lines = Math.max(1, Math.ceil(rows.length / columns));
  const width = Math.max(columns * panelW, 200);
  const height = header + legendH + lines * panelH + (left > 0 ? 20 : 0);

  const parts: string[] = [];
  if (options.title !== undefined) {
    parts.push(plotTitle(width / 2, 22, options.title));
  }
  let lx = 8;
  result.classes.forEach((c, j) => {
    parts.push(element('g', { class: 'legend-entry' }, element('rect', { x: lx, y: header + 4, width: 12, height: 12, fill: categoricalColour(j) }) + element('text', { x: lx + 16, y: header + 14 }, escapeXml(c))));
    lx += 16 + c.length * 7.2 + 14;
  });
  rows.forEach((row, p) => {
    const ox = (p % columns) * panelW;
    const oy = header + legendH + Math.floor(p / columns) * panelH;
    const name = options.names?.[row] ?? `#${row + 1}`;
    const ct = result.ct[row]!;
    const sy = (v: number) => oy + plotTop + (1 - Math.min(1, Math.max(0, v))) * plotH;
    const panel: string[] = [
      element(
        'text',
        { class: 'panel-title', x: ox + plotLeft, y: oy + 12, 'font-size': 11 },
        element('tspan', { 'font-weight': 'bold' }, escapeXml(name)) +
          element('tspan', { x: ox + plotLeft, dy: 13 }, escapeXml(`${result.predicted[row]!}, CT ${Number.isNaN(ct) ? '–' : ct.toFixed(2)}`)),
      ),
      element('line', { class: 'axis', x1: ox + plotLeft, y1: sy(0), x2: ox + panelW - 10, y2: sy(0), stroke: '#333333' }),
      element('line', { class: 'axis', x1: ox + plotLeft, y1: sy(0), x2: ox + plotLeft, y2: sy(1), stroke: '#333333' }),
    ];
    for (const t of [0, 0.5, 1]) {
      panel.push(element('text', { class: 'tick-label', x: ox + plotLeft - 4, y: sy(t) + 4, 'text-anchor': 'end', 'font-size': 10 }, t.toFixed(1)));
      if (t > 0) panel.push(element('line', { class: 'grid', x1: ox + plotLeft, y1: sy(t), x2: ox + panelW - 10, y2: sy(t), stroke: '#e5e5e5' }));
    }
    for (let j = 0; j < k; j++) {
      const mean = result.mean.data[row * k + j]!;
      const std = result.std.data[row * k + j]!;
      const x = ox + plotLeft + j * barSlot + barSlot * 0.15;
      const w = barSlot * 0.7;
      const best = result.classes[j] === result.predicted[row];
      const tooltip = element('title', {}, escapeXml(`${name}, P(${result.classes[j]!}) = ${mean.toFixed(3)} ± ${std.toFixed(3)}`));
      const bar: Record<string, string | number> = { class: 'bar', x, y: sy(mean), width: w, height: Math.max(0, sy(0) - sy(mean)), fill: categoricalColour(j) };
      if (best) Object.assign(bar, { stroke: '#000000', 'stroke-width': 1.5 });
      panel.push(element('rect', bar, tooltip));
      if (std > 0) {
        const xc = x + w / 2;
        const y1 = sy(mean - std);
        const y2 = sy(mean + std);
        panel.push(element('path', { class: 'error-bar', d: `M${px(xc)} ${px(y1)} L${px(xc)} ${px(y2)} M${px(xc - 3)} ${px(y1)} L${px(xc + 3)} ${px(y1)} M${px(xc - 3)} ${px(y2)} L${px(xc + 3)} ${px(y2)}`, stroke: '#222222', 'stroke-width': 1, fill: 'none' }));
      }
    }
    parts.push(element('g', { class: 'source', 'data-row': row }, panel.join('')));
  });
  if (left > 0) {
    parts.push(element('text', { class: 'note', x: 8, y: height - 6, 'font-size': 11 }, escapeXml(`… and ${left} more source${left === 1 ? '' : 's'} not drawn`)));
  }
  return svgDocument(width, height, parts.join('\n'));
}
