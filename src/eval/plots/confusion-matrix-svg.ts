/**
 * A confusion matrix as an SVG heat map (pure string output, no DOM), like the paper's confusion-matrix
 * figures.
 *
 * @module
 */
import { InvalidArgumentError } from '../../core/errors';
import { normalizeConfusionMatrix, type ConfusionMatrix } from '../confusion-matrix';
import { blues, element, escapeXml, plotTitle, px, svgDocument, textWidth } from './svg';

/** Options of {@link confusionMatrixSvg}. */
export interface ConfusionMatrixSvgOptions {
  /**
   * What the cells show and the colours encode: `recall` (default; each row divided by its sum, the diagonal is
   * the per-class recall), `precision` (each column divided by its sum) or `counts` (raw counts, colours scaled
   * to the largest count).
   */
  readonly normalization?: 'recall' | 'precision' | 'counts';
  /** A title above the matrix. Default: none. */
  readonly title?: string;
  /** Side of a cell in px. Default 48. */
  readonly cellSize?: number;
  /** Decimals of the fractions shown in the cells (normalised matrices). Default 2. */
  readonly digits?: number;
}

/**
 * Renders a confusion matrix as a standalone SVG heat map: one square per (true, predicted) pair, coloured on
 * a blue scale by its value and labelled with it (a normalised fraction, or the count), true classes down the
 * left, predicted classes along the bottom, a colour bar on the right, and a hover tooltip (`<title>`) with
 * the count and fraction of each cell. Rows or columns with no samples (`NaN` once normalised) are grey and
 * show "–". Labels and title are XML-escaped. Runs in O(K²).
 *
 * @param cm - a confusion matrix from {@link confusionMatrix}
 * @param options - normalisation (default `recall`), title, cell size, decimals
 * @returns the SVG document as a string (write it to a `.svg` file or inline it in HTML)
 * @throws {InvalidArgumentError} when the normalisation is unknown, or the cell size or digits are invalid
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { confusionMatrix, confusionMatrixSvg } from 'muwclass/eval';
 * const cm = confusionMatrix(['AGN', 'AGN', 'YSO', 'CV'], ['AGN', 'YSO', 'YSO', 'AGN']);
 * const svg = confusionMatrixSvg(cm, { title: 'Recall-normalised' });
 * svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'); // => true
 * writeFileSync(join(tmpdir(), 'cm.svg'), svg);
 * ```
 */
export function confusionMatrixSvg(cm: ConfusionMatrix, options: ConfusionMatrixSvgOptions = {}): string {
  const mode = options.normalization ?? 'recall';
  if (mode !== 'recall' && mode !== 'precision' && mode !== 'counts') {
    throw new InvalidArgumentError(`confusionMatrixSvg: normalization must be "recall", "precision" or "counts", got ${String(mode)}`);
  }
  const cell = options.cellSize ?? 48;
  if (!(Number.isFinite(cell) && cell > 0)) throw new InvalidArgumentError(`confusionMatrixSvg: cellSize must be a positive number, got ${cell}`);
  const digits = options.digits ?? 2;
  if (!(Number.isInteger(digits) && digits >= 0 && digits <= 10)) throw new InvalidArgumentError(`confusionMatrixSvg: digits must be an integer in [0, 10], got ${digits}`);

  const k = cm.classes.length;
  let maxCount = 0;
  for (const row of cm.counts) for (const c of row) maxCount = Math.max(maxCount, c);
  const fractions = mode === 'counts' ? undefined : normalizeConfusionMatrix(cm, mode).values;
  const colourValue = (i: number, j: number): number =>
    fractions === undefined ? (maxCount === 0 ? 0 : cm.counts[i]![j]! / maxCount) : fractions[i]![j]!;
  const label = (i: number, j: number): string => {
    if (fractions === undefined) return String(cm.counts[i]![j]!);
    const v = fractions[i]![j]!;
    return Number.isNaN(v) ? '–' : v.toFixed(digits);
  };

  const longest = Math.max(0, ...cm.classes.map((c) => textWidth(c)));
  const titleHeight = options.title === undefined ? 12 : 36;
  const left = 28 + longest + 8;
  const top = titleHeight;
  const grid = k * cell;
  const bottom = 0.75 * longest + 44;
  const barX = left + grid + 16;
  const right = 16 + 14 + 40;
  const width = left + grid + right;
  const height = top + grid + bottom;
  const fontSize = Math.max(8, Math.min(12, cell / 4));

  const parts: string[] = [];
  if (options.title !== undefined) {
    parts.push(plotTitle(width / 2, 22, options.title));
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = colourValue(i, j);
      const x = left + j * cell;
      const y = top + i * cell;
      const fraction = fractions === undefined ? '' : `, ${mode} fraction ${Number.isNaN(fractions[i]![j]!) ? 'undefined' : fractions[i]![j]!.toFixed(4)}`;
      const tooltip = element('title', {}, escapeXml(`true ${cm.classes[i]!}, predicted ${cm.classes[j]!}: ${cm.counts[i]![j]!}${fraction}`));
      parts.push(
        element('g', {}, [
          element('rect', { class: 'cell', x, y, width: cell, height: cell, fill: blues(v), stroke: '#ffffff' }, tooltip),
          element(
            'text',
            { class: 'value', x: x + cell / 2, y: y + cell / 2 + fontSize / 3, 'text-anchor': 'middle', 'font-size': fontSize, fill: v > 0.55 ? '#ffffff' : '#000000' },
            escapeXml(label(i, j)),
          ),
        ].join('')),
      );
    }
  }
  // Class labels: true classes on the left, predicted classes below (rotated).
  cm.classes.forEach((c, i) => {
    parts.push(element('text', { class: 'row-label', x: left - 6, y: top + i * cell + cell / 2 + 4, 'text-anchor': 'end' }, escapeXml(c)));
    const x = left + i * cell + cell / 2;
    const y = top + grid + 10;
    parts.push(element('text', { class: 'column-label', x, y, 'text-anchor': 'end', transform: `rotate(-45 ${px(x)} ${px(y)})` }, escapeXml(c)));
  });
  parts.push(
    element('text', { class: 'axis-title', x: 14, y: top + grid / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${px(top + grid / 2)})` }, 'True class'),
    element('text', { class: 'axis-title', x: left + grid / 2, y: height - 10, 'text-anchor': 'middle' }, 'Predicted class'),
  );
  // Colour bar.
  const barTop = top;
  const barHeight = Math.max(grid, 60);
  parts.push(
    element(
      'defs',
      {},
      element('linearGradient', { id: 'cm-scale', x1: 0, y1: 1, x2: 0, y2: 0 }, [0, 0.25, 0.5, 0.75, 1].map((t) => element('stop', { offset: t, 'stop-color': blues(t) })).join('')),
    ),
    element('rect', { class: 'colour-bar', x: barX, y: barTop, width: 14, height: barHeight, fill: 'url(#cm-scale)', stroke: '#999999' }),
  );
  const scaleMax = fractions === undefined ? String(maxCount) : '1';
  parts.push(
    element('text', { class: 'colour-tick', x: barX + 18, y: barTop + 4, 'font-size': 10 }, scaleMax),
    element('text', { class: 'colour-tick', x: barX + 18, y: barTop + barHeight + 4, 'font-size': 10 }, '0'),
  );
  return svgDocument(width, Math.max(height, top + barHeight + 10), parts.join('\n'));
}
