/**
 * Exploring the training set (what XCLASS offers): a scatter plot of any two quantities — the paper's features
 * or the measured magnitudes — coloured by class, with the classified sources overlaid (outlined, coloured by
 * their predicted class); hover for a source's name and values; scroll to zoom, drag to pan. Plain SVG.
 */
import type { Source } from 'muwclass';

import { byId, classColour, fmt, h, s } from './dom';
import { VARIABLE_NAMES, variables, type Variables } from './features';

/** Named diagrams. */
const PRESETS: readonly { readonly label: string; readonly x: string; readonly y: string }[] = [
  { label: 'Hardness ratios (HR_ms vs HR_hm)', x: 'HR_ms', y: 'HR_hm' },
  { label: 'X-ray flux vs hardness (log F_b vs HR_hms)', x: 'HR_hms', y: 'log_Fb' },
  { label: 'Colour–magnitude, Gaia (BP−RP vs G)', x: 'BP-RP', y: 'Gmag' },
  { label: 'Colour–magnitude, 2MASS (J−K vs J)', x: 'J-K', y: 'Jmag' },
  { label: 'Optical to X-ray (BP−RP vs log F_G/F_b)', x: 'BP-RP', y: 'log_FG_Fb' },
  { label: 'WISE colours (W2−W3 vs W1−W2)', x: 'W2-W3', y: 'W1-W2' },
];

/** What is plotted. */
interface Layer {
  readonly names: readonly string[];
  readonly classes: readonly string[];
  /** Class index (in the training classes) of every point. */
  readonly classIndex: Int32Array;
  readonly vars: Variables;
}

let training: Layer | undefined;
let overlay: Layer | undefined;
let view: { x0: number; x1: number; y0: number; y1: number } | undefined;

const WIDTH = 820;
const HEIGHT = 540;
const M = { left: 64, right: 14, top: 12, bottom: 46 };
const PW = WIDTH - M.left - M.right;
const PH = HEIGHT - M.top - M.bottom;

/** Magnitudes: brighter is up. */
const inverted = (name: string): boolean => name.endsWith('mag');

function axis(name: 'x-axis' | 'y-axis'): string {
  return byId<HTMLSelectElement>(name).value;
}

/** Nice tick values covering [a, b]. */
function ticks(a: number, b: number, n = 7): number[] {
  const span = b - a;
  if (!(span > 0)) return [a];
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((st) => span / st <= n) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(a / step) * step; t <= b + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

/** The data extent of the current axes (training and overlay), padded by 5%. */
function extent(): { x0: number; x1: number; y0: number; y1: number } {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const layer of [training, overlay]) {
    if (layer === undefined) continue;
    const xs = layer.vars.columns.get(axis('x-axis'))!;
    const ys = layer.vars.columns.get(axis('y-axis'))!;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      if (Number.isNaN(x) || Number.isNaN(y)) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  if (!Number.isFinite(x0)) return { x0: 0, x1: 1, y0: 0, y1: 1 };
  const px = (x1 - x0 || 1) * 0.05;
  const py = (y1 - y0 || 1) * 0.05;
  return { x0: x0 - px, x1: x1 + px, y0: y0 - py, y1: y1 + py };
}

interface Point {
  readonly layer: Layer;
  readonly i: number;
  readonly sx: number;
  readonly sy: number;
}
let points: Point[] = [];

/** Draws the plot for the current axes and view. */
export function renderScatter(): void {
  const host = byId('scatter');
  if (training === undefined) {
    host.replaceChildren(h('p', { class: 'status', style: 'padding:12px' }, 'Load a training set (or the demo) to explore it.'));
    return;
  }
  view ??= extent();
  const v = view;
  const xName = axis('x-axis');
  const yName = axis('y-axis');
  const sx = (x: number): number => M.left + ((x - v.x0) / (v.x1 - v.x0)) * PW;
  const sy = (y: number): number => (inverted(yName) ? M.top + ((y - v.y0) / (v.y1 - v.y0)) * PH : M.top + ((v.y1 - y) / (v.y1 - v.y0)) * PH);
  const svg = s('svg', { id: 'scatter-svg', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': `${yName} against ${xName}, coloured by class` });
  svg.append(s('defs', {}, s('clipPath', { id: 'plot-area' }, s('rect', { x: M.left, y: M.top, width: PW, height: PH }))));
  svg.append(s('rect', { x: M.left, y: M.top, width: PW, height: PH, fill: '#fff', stroke: '#999' }));
  for (const t of ticks(v.x0, v.x1)) {
    const x = sx(t);
    svg.append(s('line', { x1: x, x2: x, y1: M.top, y2: M.top + PH, stroke: '#eee' }), s('text', { x, y: M.top + PH + 16, 'text-anchor': 'middle', 'font-size': 11 }, fmt(t, 3)));
  }
  for (const t of ticks(v.y0, v.y1)) {
    const y = sy(t);
    svg.append(s('line', { x1: M.left, x2: M.left + PW, y1: y, y2: y, stroke: '#eee' }), s('text', { x: M.left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 11 }, fmt(t, 3)));
  }
  svg.append(
    s('text', { x: M.left + PW / 2, y: HEIGHT - 8, 'text-anchor': 'middle', 'font-size': 13 }, xName),
    s('text', { x: 14, y: M.top + PH / 2, 'text-anchor': 'middle', 'font-size': 13, transform: `rotate(-90 14 ${M.top + PH / 2})` }, yName),
  );
  const g = s('g', { 'clip-path': 'url(#plot-area)' });
  points = [];
  const showOverlay = byId<HTMLInputElement>('show-sources').checked;
  for (const layer of showOverlay ? [training, overlay] : [training]) {
    if (layer === undefined) continue;
    const isOverlay = layer === overlay;
    const xs = layer.vars.columns.get(xName)!;
    const ys = layer.vars.columns.get(yName)!;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      if (Number.isNaN(x) || Number.isNaN(y)) continue;
      const px = sx(x);
      const py = sy(y);
      points.push({ layer, i, sx: px, sy: py });
      if (px < M.left - 6 || px > M.left + PW + 6 || py < M.top - 6 || py > M.top + PH + 6) continue;
      const colour = classColour(layer.classIndex[i]!);
      g.append(
        isOverlay
          ? s('circle', { class: 'source', cx: px, cy: py, r: 5, fill: colour, stroke: '#000', 'stroke-width': 1.5 })
          : s('circle', { class: 'training', cx: px, cy: py, r: 2.6, fill: colour, 'fill-opacity': 0.7 }),
      );
    }
  }
  svg.append(g, s('circle', { id: 'hover-mark', r: 7, fill: 'none', stroke: '#000', 'stroke-width': 2, visibility: 'hidden' }));
  host.replaceChildren(svg);
}

/** The point nearest to an event's position (within 10 plot pixels), if any. */
function nearest(event: PointerEvent | WheelEvent): { point: Point | undefined; x: number; y: number } {
  const svg = byId('scatter').querySelector('svg')!;
  const r = svg.getBoundingClientRect();
  const x = ((event.clientX - r.left) / r.width) * WIDTH;
  const y = ((event.clientY - r.top) / r.height) * HEIGHT;
  let best: Point | undefined;
  let bestD = 100;
  for (const p of points) {
    const d = (p.sx - x) ** 2 + (p.sy - y) ** 2;
    if (d < bestD || (d === bestD && p.layer === overlay)) {
      bestD = d;
      best = p;
    }
  }
  return { point: best, x, y };
}

function describe(p: Point): string {
  const xName = axis('x-axis');
  const yName = axis('y-axis');
  const cls = p.layer.classes[p.layer.classIndex[p.i]!] ?? '';
  const kind = p.layer === overlay ? `classified source, predicted ${cls}` : `training source, ${cls}`;
  return `${p.layer.names[p.i]}\n${kind}\n${xName} = ${fmt(p.layer.vars.columns.get(xName)![p.i]!, 4)}\n${yName} = ${fmt(p.layer.vars.columns.get(yName)![p.i]!, 4)}`;
}

function zoom(factor: number, cx = M.left + PW / 2, cy = M.top + PH / 2): void {
  if (view === undefined) return;
  const v = view;
  const fx = (cx - M.left) / PW;
  const fy = (cy - M.top) / PH;
  const ax = v.x0 + fx * (v.x1 - v.x0);
  const yFromTop = inverted(axis('y-axis')) ? v.y0 + fy * (v.y1 - v.y0) : v.y1 - fy * (v.y1 - v.y0);
  view = {
    x0: ax - (ax - v.x0) * factor,
    x1: ax + (v.x1 - ax) * factor,
    y0: yFromTop - (yFromTop - v.y0) * factor,
    y1: yFromTop + (v.y1 - yFromTop) * factor,
  };
  renderScatter();
}

/** Sets the training set to explore. */
export function setTraining(sources: readonly Source[]): void {
  const classes = [...new Set(sources.map((s) => s.label ?? ''))].sort();
  training = { names: sources.map((s) => s.name), classes, classIndex: Int32Array.from(sources, (s) => classes.indexOf(s.label ?? '')), vars: variables(sources) };
  overlay = undefined;
  view = undefined;
  const counts = classes.map((c) => sources.filter((s) => s.label === c).length);
  byId('scatter-legend').replaceChildren(
    h('strong', {}, 'Training set'),
    ...classes.map((c, i) => h('span', {}, h('span', { class: 'swatch', style: `background:${classColour(i)}` }), `${c} (${counts[i]})`)),
    h('span', { class: 'hint' }, 'Outlined large dots: classified sources, coloured by predicted class.'),
  );
  renderScatter();
}

/** Overlays classified sources (coloured by their predicted class). */
export function setOverlay(sources: readonly Source[], predicted: readonly string[]): void {
  if (training === undefined) return;
  const classes = training.classes;
  overlay = { names: sources.map((s) => s.name), classes, classIndex: Int32Array.from(predicted, (c) => classes.indexOf(c)), vars: variables(sources) };
  renderScatter();
}

/** Wires the axis choices, presets, hover and zoom. */
export function initScatter(): void {
  const preset = byId<HTMLSelectElement>('preset');
  preset.replaceChildren(...PRESETS.map((p, i) => h('option', { value: i }, p.label)), h('option', { value: 'custom' }, 'custom (choose x and y)'));
  for (const id of ['x-axis', 'y-axis']) byId<HTMLSelectElement>(id).replaceChildren(...VARIABLE_NAMES.map((n) => h('option', { value: n }, n)));
  const applyPreset = (): void => {
    const p = PRESETS[Number(preset.value)];
    if (p === undefined) return;
    byId<HTMLSelectElement>('x-axis').value = p.x;
    byId<HTMLSelectElement>('y-axis').value = p.y;
    view = undefined;
    renderScatter();
  };
  preset.addEventListener('change', applyPreset);
  for (const id of ['x-axis', 'y-axis']) {
    byId(id).addEventListener('change', () => {
      preset.value = 'custom';
      view = undefined;
      renderScatter();
    });
  }
  byId('show-sources').addEventListener('change', renderScatter);
  byId('zoom-in').addEventListener('click', () => zoom(1 / 1.5));
  byId('zoom-out').addEventListener('click', () => zoom(1.5));
  byId('zoom-reset').addEventListener('click', () => {
    view = undefined;
    renderScatter();
  });
  applyPreset();

  const host = byId('scatter');
  let drag: { x: number; y: number; view: NonNullable<typeof view> } | undefined;
  host.addEventListener('wheel', (event) => {
    if (training === undefined) return;
    event.preventDefault();
    const { x, y } = nearest(event);
    zoom(event.deltaY < 0 ? 1 / 1.2 : 1.2, x, y);
  }, { passive: false });
  host.addEventListener('pointerdown', (event) => {
    if (view === undefined || training === undefined) return;
    const { x, y } = nearest(event);
    drag = { x, y, view };
    host.setPointerCapture(event.pointerId);
  });
  host.addEventListener('pointerup', () => (drag = undefined));
  host.addEventListener('pointermove', (event) => {
    if (training === undefined) return;
    const { point, x, y } = nearest(event);
    if (drag !== undefined && view !== undefined) {
      const d = drag;
      const dx = ((x - d.x) / PW) * (d.view.x1 - d.view.x0);
      const dy = ((y - d.y) / PH) * (d.view.y1 - d.view.y0) * (inverted(axis('y-axis')) ? -1 : 1);
      view = { x0: d.view.x0 - dx, x1: d.view.x1 - dx, y0: d.view.y0 + dy, y1: d.view.y1 + dy };
      renderScatter();
      return;
    }
    const mark = document.getElementById('hover-mark');
    if (point === undefined) {
      mark?.setAttribute('visibility', 'hidden');
      return;
    }
    mark?.setAttribute('cx', String(point.sx));
    mark?.setAttribute('cy', String(point.sy));
    mark?.setAttribute('visibility', 'visible');
    byId('hover').textContent = describe(point);
  });
}
