/**
 * How many sources fall in each class, in all and above a CT cut, as an SVG bar chart (pure string output).
 *
 * @module
 */
import { InvalidArgumentError } from '../../core/errors';
import { element, escapeXml, niceTicks, plotTitle, svgDocument, textWidth } from './svg';

/** Options of {@link classCountsSvg}. */
export interface ClassCountsSvgOptions {
  /** The classes, in display order. Default: the predicted classes, sorted. */
  readonly classes?: readonly string[];
  /** The confidence-threshold cut (the paper's CT ≥ 2). Default 2. */
  readonly ctCut?: number;
  /** A title above the chart. Default: none. */
  readonly title?: string;
  /** Width of the bar area in px. Default 320. */
  readonly barWidth?: number;
}

/**
 * Counts the sources classified as each class, in all and among those with CT ≥ `ctCut`, and renders the counts
 * as a standalone horizontal bar chart (a pale bar for all, a dark one for the confident, each labelled with its
 * count). Text is XML-escaped. Runs in O(n + K).
 *
 * @param predicted - each source's most probable class
 * @param ct - each source's confidence threshold (eq. 7), in the same order
 * @param options - classes, the CT cut, title, bar width
 * @returns the SVG document as a string
 * @throws {InvalidArgumentError} when `predicted` and `ct` differ in length, `ctCut` is not finite, the bar width
 *   is not positive, or a predicted class is not in `classes`
 * @example
 * ```ts
 * import { classCountsSvg } from 'muwclass/eval';
 * const svg = classCountsSvg(['AGN', 'AGN', 'YSO'], [3.1, 0.4, 2.5]);
 * svg.includes('AGN: 2 sources, 1 with CT ≥ 2'); // => true
 * ```
 */
export function classCountsSvg(predicted: readonly string[], ct: ArrayLike<number>, options: ClassCountsSvgOptions = {}): string {
  if (predicted.length !== ct.length) throw new InvalidArgumentError(`classCountsSvg: ${predicted.length} classes but ${ct.length} CT values`);
  const cut = options.ctCut ?? 2;
  if (!Number.isFinite(cut)) throw new InvalidArgumentError(`classCountsSvg: ctCut must be a finite number, got ${cut}`);
  const barWidth = options.barWidth ?? 320;
  if (!(Number.isFinite(barWidth) && barWidth > 0)) throw new InvalidArgumentError(`classCountsSvg: barWidth must be a positive number, got ${barWidth}`);
  const classes = options.classes ?? [...new Set(predicted)].sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  const all = new Array<number>(classes.length).fill(0);
  const confident = new Array<number>(classes.length).fill(0);
  predicted.forEach((c, i) => {
    const j = index.get(c);
    if (j === undefined) throw new InvalidArgumentError(`classCountsSvg: source ${i + 1} is classified as "${c}", which is not one of the classes`);
    all[j]!++;
    if (ct[i]! >= cut) confident[j]!++;
  });
  const max = Math.max(1, ...all);
  const ticks = niceTicks(0, max, 5);
  const xMax = Math.max(max, ticks.values[ticks.values.length - 1]!);
  const row = 30;
  const labelWidth = Math.max(40, ...classes.map((c) => textWidth(c))) + 12;
  const margin = { left: labelWidth, right: 48, top: (options.title === undefined ? 8 : 32) + 22, bottom: 40 };
  const width = margin.left + barWidth + margin.right;
  const height = margin.top + classes.length * row + margin.bottom;
  const sx = (x: number) => margin.left + (x / xMax) * barWidth;
  const label = `CT ≥ ${cut}`;

  const parts: string[] = [];
  if (options.title !== undefined) {
    parts.push(plotTitle(width / 2, 22, options.title));
  }
  const ly = margin.top - 16;
  parts.push(
    element('g', { class: 'legend-entry' }, element('rect', { x: margin.left, y: ly - 9, width: 12, height: 12, fill: '#a0cbe8' }) + element('text', { x: margin.left + 16, y: ly + 2 }, 'all sources')),
    element('g', { class: 'legend-entry' }, element('rect', { x: margin.left + 110, y: ly - 9, width: 12, height: 12, fill: '#4e79a7' }) + element('text', { x: margin.left + 126, y: ly + 2 }, escapeXml(label))),
  );
  for (const t of ticks.values) {
    parts.push(
      element('line', { class: 'grid', x1: sx(t), y1: margin.top, x2: sx(t), y2: margin.top + classes.length * row, stroke: '#e5e5e5' }),
      element('text', { class: 'tick-label', x: sx(t), y: margin.top + classes.length * row + 16, 'text-anchor': 'middle' }, t.toFixed(ticks.decimals)),
    );
  }
  classes.forEach((c, j) => {
    const y = margin.top + j * row;
    const tooltip = element('title', {}, escapeXml(`${c}: ${all[j]!} source${all[j] === 1 ? '' : 's'}, ${confident[j]!} with ${label}`));
    parts.push(
      element('text', { class: 'class-label', x: margin.left - 8, y: y + row / 2 + 4, 'text-anchor': 'end' }, escapeXml(c)),
      element('rect', { class: 'bar', 'data-kind': 'all', x: margin.left, y: y + 3, width: sx(all[j]!) - margin.left, height: row - 6, fill: '#a0cbe8' }, tooltip),
      element('rect', { class: 'bar', 'data-kind': 'confident', x: margin.left, y: y + 8, width: sx(confident[j]!) - margin.left, height: row - 16, fill: '#4e79a7' }, tooltip),
      element('text', { class: 'count', x: sx(all[j]!) + 4, y: y + row / 2 + 4, 'font-size': 11 }, `${all[j]!} (${confident[j]!})`),
    );
  });
  parts.push(
    element('line', { class: 'axis', x1: margin.left, y1: margin.top, x2: margin.left, y2: margin.top + classes.length * row, stroke: '#333333' }),
    element('text', { class: 'axis-title', x: margin.left + barWidth / 2, y: height - 8, 'text-anchor': 'middle' }, escapeXml(`Sources per class (in brackets: ${label})`)),
  );
  return svgDocument(width, height, parts.join('\n'));
}
