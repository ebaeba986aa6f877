/**
 * Feature importances with their scatter over models as an SVG bar chart (pure string output, no DOM).
 *
 * @module
 */
import { InvalidArgumentError } from '../../core/errors';
import type { MatrixLike } from '../../core/matrix';
import { toFeatureMatrix } from '../../core/matrix';
import type { FeatureImportanceSummary } from '../feature-importance';
import { element, escapeXml, niceTicks, plotTitle, px, svgDocument, textWidth } from './svg';

/** Options of {@link featureImportanceSvg}. */
export interface FeatureImportanceSvgOptions {
  /**
   * Every model's importances (`nModels × nFeatures`, columns in `summary.features` order, e.g. a Monte Carlo
   * result's `importances.values`): each is drawn as a dot over its feature's bar, showing the scatter over
   * folds and draws. Default: none (the bars and their ±1σ whiskers only).
   */
  readonly models?: MatrixLike;
  /** How many features to show, the most important first. Default: all. */
  readonly top?: number;
  /** A title above the chart. Default: none. */
  readonly title?: string;
  /** Width of the bar area in px. Default 360. */
  readonly barWidth?: number;
}

/**
 * Renders aggregated feature importances ({@link aggregateImportances}) as a standalone horizontal bar chart,
 * the most important feature on top: a bar at each feature's mean importance, a whisker of ±1 standard
 * deviation, and, when `models` is given, one dot per model (deterministically jittered within the bar's
 * height) so the scatter over folds and draws is visible. Each bar has a tooltip with mean ± std. Text is
 * XML-escaped. Runs in O(p log p + m p) for p features and m models.
 *
 * @param summary - mean, standard deviation and ranking of each feature's importance
 * @param options - the per-model importances, how many features, title, bar width
 * @returns the SVG document as a string
 * @throws {InvalidArgumentError} when `top` is not a positive integer, the bar width is not positive, or
 *   `models` has a different number of columns than there are features
 * @example
 * ```ts
 * import { aggregateImportances, featureImportanceSvg } from 'muwclass/eval';
 * const models = [[0.6, 0.3, 0.1], [0.5, 0.4, 0.1]];
 * const summary = aggregateImportances(models, { featureNames: ['HR_ms', 'G-J', 'P_inter'] });
 * const svg = featureImportanceSvg(summary, { models, top: 2 });
 * svg.match(/class="bar"/g)!.length; // => 2
 * svg.match(/class="model"/g)!.length; // => 4 (two models for each of the two features shown)
 * ```
 */
export function featureImportanceSvg(summary: FeatureImportanceSummary, options: FeatureImportanceSvgOptions = {}): string {
  const p = summary.features.length;
  const top = options.top ?? p;
  if (!(Number.isInteger(top) && top > 0)) throw new InvalidArgumentError(`featureImportanceSvg: top must be a positive integer, got ${top}`);
  const barWidth = options.barWidth ?? 360;
  if (!(Number.isFinite(barWidth) && barWidth > 0)) throw new InvalidArgumentError(`featureImportanceSvg: barWidth must be a positive number, got ${barWidth}`);
  const models = options.models === undefined ? undefined : toFeatureMatrix(options.models);
  if (models !== undefined && models.nCols !== p) {
    throw new InvalidArgumentError(`featureImportanceSvg: models has ${models.nCols} columns but the summary has ${p} features`);
  }
  const shown = Array.from(summary.order.subarray(0, Math.min(top, p)));
  let xMax = 0;
  for (const j of shown) {
    xMax = Math.max(xMax, summary.mean[j]! + (Number.isNaN(summary.std[j]!) ? 0 : summary.std[j]!));
    if (models !== undefined) for (let m = 0; m < models.nRows; m++) xMax = Math.max(xMax, models.data[m * p + j]!);
  }
  if (!(xMax > 0)) xMax = 1;
  const ticks = niceTicks(0, xMax, 5);
  xMax = Math.max(xMax, ticks.values[ticks.values.length - 1]!);

  const row = 22;
  const labelWidth = Math.max(40, ...shown.map((j) => textWidth(summary.features[j]!))) + 12;
  const margin = { left: labelWidth, right: 24, top: options.title === undefined ? 12 : 36, bottom: 44 };
  const width = margin.left + barWidth + margin.right;
  const height = margin.top + shown.length * row + margin.bottom;
  const sx = (x: number) => margin.left + (x / xMax) * barWidth;

  const parts: string[] = [];
  if (options.title !== undefined) {
    parts.push(plotTitle(width / 2, 22, options.title));
  }
  for (const t of ticks.values) {
    parts.push(
      element('line', { class: 'grid', x1: sx(t), y1: margin.top, x2: sx(t), y2: margin.top + shown.length * row, stroke: '#e5e5e5' }),
      element('text', { class: 'tick-label', x: sx(t), y: margin.top + shown.length * row + 16, 'text-anchor': 'middle' }, t.toFixed(ticks.decimals)),
    );
  }
  shown.forEach((j, r) => {
    const y = margin.top + r * row;
    const mean = summary.mean[j]!;
    const std = summary.std[j]!;
    const name = summary.features[j]!;
    const tooltip = element('title', {}, escapeXml(`${name}: ${mean.toFixed(4)} ± ${Number.isNaN(std) ? '–' : std.toFixed(4)} over ${summary.count} models`));
    parts.push(
      element('text', { class: 'feature-label', x: margin.left - 8, y: y + row / 2 + 4, 'text-anchor': 'end' }, escapeXml(name)),
      element('rect', { class: 'bar', x: margin.left, y: y + 4, width: Math.max(0, sx(mean) - margin.left), height: row - 8, fill: '#4e79a7', 'fill-opacity': 0.75 }, tooltip),
    );
    if (!Number.isNaN(std) && std > 0) {
      const x1 = sx(Math.max(0, mean - std));
      const x2 = sx(mean + std);
      const yc = y + row / 2;
      parts.push(element('path', { class: 'whisker', d: `M${px(x1)} ${px(yc)} L${px(x2)} ${px(yc)} M${px(x1)} ${px(yc - 4)} L${px(x1)} ${px(yc + 4)} M${px(x2)} ${px(yc - 4)} L${px(x2)} ${px(yc + 4)}`, stroke: '#222222', 'stroke-width': 1.2, fill: 'none' }));
    }
    if (models !== undefined) {
      for (let m = 0; m < models.nRows; m++) {
        // Deterministic jitter (golden-ratio sequence) so that equal values stay visible.
        const jitter = ((m * 0.6180339887498949) % 1) - 0.5;
        parts.push(element('circle', { class: 'model', cx: sx(models.data[m * p + j]!), cy: y + row / 2 + jitter * (row - 10), r: 1.6, fill: '#e15759', 'fill-opacity': 0.6 }));
      }
    }
  });
  parts.push(
    element('line', { class: 'axis', x1: margin.left, y1: margin.top + shown.length * row, x2: margin.left + barWidth, y2: margin.top + shown.length * row, stroke: '#333333' }),
    element('line', { class: 'axis', x1: margin.left, y1: margin.top, x2: margin.left, y2: margin.top + shown.length * row, stroke: '#333333' }),
    element('text', { class: 'axis-title', x: margin.left + barWidth / 2, y: height - 8, 'text-anchor': 'middle' }, 'Importance (mean decrease in impurity)'),
  );
  return svgDocument(width, height, parts.join('\n'));
}
