/**
 * The Evaluate view: k-fold cross-validation of the whole pipeline on the training set (`evaluatePipeline`, on
 * Web Workers), its metrics on all and on confident sources, the recall and precision confusion matrices and
 * the CT sweep (the library's SVG plots), and the feature importances.
 */
import { confusionMatrixSvg, ctSweepSvg, type FeatureImportanceSummary, type PipelineEvaluation } from 'muwclass';

import { byId, fmt, h } from './dom';

/** Feature importances as horizontal bars with their scatter (the `top` most important). */
export function importancesSvg(imp: FeatureImportanceSummary, top = 20): string {
  const order = Array.from(imp.order).slice(0, top);
  const rowH = 18;
  const left = 110;
  const width = 520;
  const plotW = width - left - 60;
  const height = order.length * rowH + 40;
  let max = 0;
  for (const j of order) max = Math.max(max, imp.mean[j]! + imp.std[j]!);
  max = max > 0 ? max : 1;
  const x = (v: number): number => left + (v / max) * plotW;
  const esc = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts = order.map((j, r) => {
    const y = 8 + r * rowH;
    const m = imp.mean[j]!;
    const e = imp.std[j]!;
    return [
      `<text x="${left - 6}" y="${y + 12}" text-anchor="end" font-size="11">${esc(imp.features[j]!)}</text>`,
      `<rect class="importance" x="${left}" y="${y + 2}" width="${Math.max(0, x(m) - left).toFixed(2)}" height="${rowH - 6}" fill="#4e79a7"><title>${esc(imp.features[j]!)}: ${m.toFixed(4)} ± ${e.toFixed(4)}</title></rect>`,
      `<line x1="${x(Math.max(0, m - e)).toFixed(2)}" x2="${x(m + e).toFixed(2)}" y1="${y + rowH / 2}" y2="${y + rowH / 2}" stroke="#222"/>`,
    ].join('');
  });
  const axisY = 8 + order.length * rowH + 4;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => `<text x="${x(f * max).toFixed(2)}" y="${axisY + 14}" text-anchor="middle" font-size="10">${fmt(f * max, 2)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" role="img" aria-label="feature importances"><line x1="${left}" x2="${left + plotW}" y1="${axisY}" y2="${axisY}" stroke="#999"/>${ticks.join('')}${parts.join('')}<text x="${left + plotW / 2}" y="${height - 2}" text-anchor="middle" font-size="11">mean decrease in impurity</text></svg>`;
}

/** Shows a cross-validation's results. */
export function showEvaluation(ev: PipelineEvaluation, cut = 2): void {
  const metric = (label: string, key: 'accuracy' | 'balancedAccuracy' | 'precision' | 'recall' | 'f1' | 'mcc') =>
    h('tr', {}, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, ev.all[key].toFixed(3)), h('td', { class: 'num' }, ev.confident[key].toFixed(3)));
  byId('metrics').replaceChildren(
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Metric'), h('th', { scope: 'col', class: 'num' }, `All (${ev.all.n})`), h('th', { scope: 'col', class: 'num' }, `CT ≥ ${cut} (${ev.confident.n})`))),
    h(
      'tbody',
      {},
      metric('Accuracy', 'accuracy'),
      metric('Balanced accuracy', 'balancedAccuracy'),
      metric('Macro precision', 'precision'),
      metric('Macro recall', 'recall'),
      metric('Macro F1', 'f1'),
      metric('MCC', 'mcc'),
      h('tr', {}, h('th', { scope: 'row' }, 'Completeness'), h('td', { class: 'num' }, '1.000'), h('td', { class: 'num' }, ev.confident.completeness.toFixed(3))),
      h('tr', {}, h('th', { scope: 'row' }, 'Macro ROC AUC'), h('td', { class: 'num' }, ev.roc.macroAuc.toFixed(3)), h('td', { class: 'num' }, ev.sweep.find((p) => p.cut === cut)?.macroAuc?.toFixed(3) ?? '–')),
    ),
  );
  byId('cm-recall').innerHTML = confusionMatrixSvg(ev.confusion, { normalization: 'recall', cellSize: 44 });
  byId('cm-precision').innerHTML = confusionMatrixSvg(ev.confusion, { normalization: 'precision', cellSize: 44 });
  byId('ct-sweep').innerHTML = ctSweepSvg(ev.sweep, { marker: cut, width: 640, height: 380 });
  byId('importances').innerHTML = ev.importances === undefined ? '<p class="status">The classifier reports no importances.</p>' : importancesSvg(ev.importances);
  byId('cv-results').hidden = false;
}
