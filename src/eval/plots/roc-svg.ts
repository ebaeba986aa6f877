/**
 * One-vs-rest ROC curves with their macro average as an SVG line plot (pure string output, no DOM), like the
 * paper's ROC figure.
 *
 * @module
 */
import { InvalidArgumentError } from '../../core/errors';
import type { MulticlassRoc } from '../roc';
import { categoricalColour } from './palette';
import { element, escapeXml, niceTicks, plotTitle, px, svgDocument, textWidth } from './svg';

/** Options of {@link rocSvg}. */
export interface RocSvgOptions {
  /** A title above the plot. Default: none. */
  readonly title?: string;
  /** Side of the square plot area in px. Default 320. */
  readonly size?: number;
  /** Draw each class's one-vs-rest curve as a thin line under the macro curve. Default `true`. */
  readonly perClass?: boolean;
}

/** A polyline path through (fpr, tpr) points scaled by `sx`, `sy`. */
function curvePath(fpr: ArrayLike<number>, tpr: ArrayLike<number>, sx: (x: number) => number, sy: (y: number) => number): string {
  let d = '';
  for (let i = 0; i < fpr.length; i++) d += `${i === 0 ? 'M' : 'L'}${px(sx(fpr[i]!))} ${px(sy(tpr[i]!))} `;
  return d.trim() || 'M0 0';
}

/**
 * Renders the ROC curves of a multiclass classification ({@link rocCurves}) as a standalone SVG: the
 * macro-averaged curve (thick, black) with its area in the legend, each class's one-vs-rest curve (thin, one
 * colour per class, its AUC in the legend; a class without positives or negatives is listed as "–"), the
 * chance diagonal, axes from 0 to 1 with grid lines. Text is XML-escaped. Runs in O(total curve points).
 *
 * @param roc - per-class and macro curves from {@link rocCurves}
 * @param options - title, plot size, whether to draw the per-class curves
 * @returns the SVG document as a string
 * @throws {InvalidArgumentError} when the size is not a positive number
 * @example
 * ```ts
 * import { rocCurves, rocSvg } from 'muwclass/eval';
 * const roc = rocCurves(['A', 'B', 'B', 'A'], [[0.9, 0.1], [0.3, 0.7], [0.6, 0.4], [0.4, 0.6]], ['A', 'B']);
 * roc.macroAuc; // => 0.75
 * const svg = rocSvg(roc, { title: 'ROC' });
 * svg.match(/class="curve"/g)!.length; // => 3 (two classes and the macro average)
 * ```
 */
export function rocSvg(roc: MulticlassRoc, options: RocSvgOptions = {}): string {
  const size = options.size ?? 320;
  if (!(Number.isFinite(size) && size > 0)) throw new InvalidArgumentError(`rocSvg: size must be a positive number, got ${size}`);
  const perClass = options.perClass ?? true;
  const labels = [
    `Macro average (AUC ${Number.isNaN(roc.macroAuc) ? '–' : roc.macroAuc.toFixed(3)})`,
    ...(perClass ? roc.classes.map((c, i) => `${c} (${Number.isNaN(roc.perClass[i]!.auc) ? '–' : roc.perClass[i]!.auc.toFixed(3)})`) : []),
  ];
  const legendWidth = 20 + 30 + Math.max(...labels.map((l) => textWidth(l))) + 8;
  const margin = { left: 56, right: legendWidth, top: options.title === undefined ? 16 : 40, bottom: 48 };
  const width = margin.left + size + margin.right;
  const height = Math.max(margin.top + size + margin.bottom, margin.top + 20 * labels.length + 20);
  const sx = (x: number) => margin.left + x * size;
  const sy = (y: number) => margin.top + (1 - y) * size;

  const parts: string[] = [];
  if (options.title !== undefined) {
    parts.push(plotTitle(margin.left + size / 2, 24, options.title));
  }
  const ticks = niceTicks(0, 1, 5);
  for (const t of ticks.values) {
    parts.push(
      element('line', { class: 'grid', x1: sx(t), y1: margin.top, x2: sx(t), y2: margin.top + size, stroke: '#e5e5e5' }),
      element('line', { class: 'grid', x1: margin.left, y1: sy(t), x2: margin.left + size, y2: sy(t), stroke: '#e5e5e5' }),
      element('text', { class: 'tick-label', x: sx(t), y: margin.top + size + 18, 'text-anchor': 'middle' }, t.toFixed(ticks.decimals)),
      element('text', { class: 'tick-label', x: margin.left - 8, y: sy(t) + 4, 'text-anchor': 'end' }, t.toFixed(ticks.decimals)),
    );
  }
  parts.push(
    element('rect', { class: 'axis', x: margin.left, y: margin.top, width: size, height: size, fill: 'none', stroke: '#333333' }),
    element('line', { class: 'chance', x1: sx(0), y1: sy(0), x2: sx(1), y2: sy(1), stroke: '#999999', 'stroke-dasharray': '4 4' }),
    element('text', { class: 'axis-title', x: margin.left + size / 2, y: height - 10, 'text-anchor': 'middle' }, 'False-positive rate'),
    element('text', { class: 'axis-title', x: 16, y: margin.top + size / 2, 'text-anchor': 'middle', transform: `rotate(-90 16 ${px(margin.top + size / 2)})` }, 'True-positive rate'),
  );
  const legend = (index: number, colour: string, strokeWidth: number, label: string): string => {
    const ly = margin.top + 10 + index * 20;
    const lx = margin.left + size + 20;
    return element('g', { class: 'legend-entry' }, element('line', { x1: lx, y1: ly, x2: lx + 24, y2: ly, stroke: colour, 'stroke-width': strokeWidth }) + element('text', { x: lx + 30, y: ly + 4 }, escapeXml(label)));
  };
  if (perClass) {
    roc.perClass.forEach((curve, i) => {
      const colour = categoricalColour(i);
      parts.push(element('path', { class: 'curve', 'data-class': roc.classes[i]!, d: curvePath(curve.fpr, curve.tpr, sx, sy), fill: 'none', stroke: colour, 'stroke-width': 1.2 }));
      parts.push(legend(i + 1, colour, 1.2, labels[i + 1]!));
    });
  }
  parts.push(element('path', { class: 'curve', 'data-class': 'macro', d: curvePath(roc.macroCurve.fpr, roc.macroCurve.tpr, sx, sy), fill: 'none', stroke: '#000000', 'stroke-width': 2.5 }));
  parts.push(legend(0, '#000000', 2.5, labels[0]!));
  return svgDocument(width, height, parts.join('\n'));
}
