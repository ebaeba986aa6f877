/**
 * The results view: a sortable, filterable table of the classified sources (class, probability ± error, CT,
 * CT ≥ 2 marked, a bar per class with its error), and the detail of one source (features, nearest training
 * sources, its probabilities over the Monte Carlo draws). Downloads through the library's CSV and MRT formatters.
 */
import { formatCsv, formatMrt, FeatureSet, monteCarloColumns, monteCarloRecord, PAPER_FEATURE_NAMES, type MonteCarloPrediction, type Source } from 'muwclass';

import { byId, classColour, download, fmt, h, legend, s } from './dom';
import type { NeighbourFinder } from './features';
import type { LoadedTable } from './load';

/** A finished classification. */
export interface Classification {
  readonly training: LoadedTable;
  readonly table: LoadedTable;
  readonly result: MonteCarloPrediction;
  /** What E(B−V) was used, in words. */
  readonly ebvNote: string;
  readonly neighbours: NeighbourFinder;
}

/** Rows shown at most (the table is filtered and sorted over all of them; downloads hold every source). */
const MAX_ROWS = 1000;

type SortKey = 'row' | 'name' | 'class' | 'prob' | 'ct';

let current: Classification | undefined;
let sortKey: SortKey = 'row';
let sortDescending = false;
let selected: number | undefined;

const PAPER = new FeatureSet(PAPER_FEATURE_NAMES);

/** The probability bars of source `i`: one bar per class with its error bar (each bar carries `data-p`). */
function bars(result: MonteCarloPrediction, i: number, height = 34, barWidth = 12): SVGSVGElement {
  const k = result.classes.length;
  const width = k * (barWidth + 3) + 2;
  const svg = s('svg', { class: 'bars', width, height: height + 2, viewBox: `0 0 ${width} ${height + 2}`, role: 'img', 'aria-label': 'class probabilities' });
  svg.append(s('line', { x1: 0, x2: width, y1: height + 1, y2: height + 1, stroke: '#999' }));
  result.classes.forEach((c, j) => {
    const p = result.mean.data[i * k + j]!;
    const e = result.std.data[i * k + j]!;
    const x = 1 + j * (barWidth + 3);
    const y = (v: number): number => 1 + height * (1 - Math.min(1, Math.max(0, v)));
    const g = s('g', {}, s('title', {}, `${c}: ${fmt(p)} ± ${fmt(e, 2)}`));
    g.append(s('rect', { class: 'bar', 'data-class': c, 'data-p': String(p), x, y: y(p), width: barWidth, height: Math.max(0, height + 1 - y(p)), fill: classColour(j) }));
    if (e > 0) g.append(s('line', { x1: x + barWidth / 2, x2: x + barWidth / 2, y1: y(p - e), y2: y(p + e), stroke: '#222', 'stroke-width': 1 }));
    svg.append(g);
  });
  return svg;
}

/** The rows passing the filters, sorted. */
function visibleRows(c: Classification): number[] {
  const text = byId<HTMLInputElement>('filter').value.trim().toLowerCase();
  const cls = byId<HTMLSelectElement>('class-filter').value;
  const confident = byId<HTMLInputElement>('confident-only').checked;
  const { result, table } = c;
  const rows: number[] = [];
  for (let i = 0; i < result.predicted.length; i++) {
    if (text !== '' && !table.sources[i]!.name.toLowerCase().includes(text)) continue;
    if (cls !== '' && result.predicted[i] !== cls) continue;
    if (confident && !(result.ct[i]! >= 2)) continue;
    rows.push(i);
  }
  const key = (i: number): number | string => {
    switch (sortKey) {
      case 'name':
        return table.sources[i]!.name;
      case 'class':
        return result.predicted[i]!;
      case 'prob':
        return result.classProbability[i]!;
      case 'ct':
        return result.ct[i]!;
      default:
        return i;
    }
  };
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const order = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
    return (sortDescending ? -order : order) || a - b;
  });
  return rows;
}

function header(): HTMLTableRowElement {
  const th = (key: SortKey | undefined, label: string, cls = ''): HTMLTableCellElement => {
    if (key === undefined) return h('th', { scope: 'col', class: cls }, label);
    const sort = sortKey === key ? (sortDescending ? 'descending' : 'ascending') : undefined;
    const button = h('button', { type: 'button', 'data-sort': key }, label, sort === undefined ? '' : sort === 'ascending' ? ' ▲' : ' ▼');
    button.addEventListener('click', () => {
      if (sortKey === key) sortDescending = !sortDescending;
      else {
        sortKey = key;
        sortDescending = key === 'prob' || key === 'ct';
      }
      render();
      byId('results').querySelector<HTMLButtonElement>(`th button[data-sort="${key}"]`)?.focus();
    });
    return h('th', { scope: 'col', class: cls, 'aria-sort': sort }, button);
  };
  return h('tr', {}, th('row', '#', 'num'), th('name', 'Name'), th('class', 'Class'), th('prob', 'P ± error', 'num'), th('ct', 'CT', 'num'), th(undefined, 'Probabilities'));
}

/** Renders the table (after a new result, a sort or a filter change). */
export function render(): void {
  const c = current;
  if (c === undefined) return;
  const { result, table } = c;
  const thead = byId('results').querySelector('thead')!;
  const tbody = byId('results').querySelector('tbody')!;
  thead.replaceChildren(header());
  const rows = visibleRows(c);
  const shown = rows.slice(0, MAX_ROWS);
  tbody.replaceChildren(
    ...shown.map((i) => {
      const ct = result.ct[i]!;
      const confident = ct >= 2;
      const name = h('button', { type: 'button', class: 'name', 'aria-label': `details of ${table.sources[i]!.name}` }, table.sources[i]!.name);
      name.addEventListener('click', () => select(i));
      return h(
        'tr',
        { 'data-row': i, class: i === selected ? 'selected' : undefined },
        h('td', { class: 'num' }, i + 1),
        h('td', {}, name),
        h('td', {}, h('span', { class: 'swatch', style: `background:${classColour(result.classes.indexOf(result.predicted[i]!))}` }), result.predicted[i]!),
        h('td', { class: 'num' }, `${fmt(result.classProbability[i]!)} ± ${fmt(result.classProbabilityError[i]!, 2)}`),
        h('td', { class: confident ? 'num confident' : 'num', 'data-ct': String(ct), title: confident ? 'CT ≥ 2: a confident classification' : undefined }, Math.abs(ct) < 1000 ? ct.toFixed(2) : fmt(ct), confident ? ' ✓' : ''),
        h('td', {}, bars(result, i)),
      );
    }),
  );
  const note = byId('results-note');
  note.textContent = rows.length > shown.length ? `Showing the first ${shown.length} of ${rows.length} matching sources (the downloads hold all ${result.predicted.length}).` : `${rows.length} of ${result.predicted.length} sources shown.`;
}

/** The strip plot of one source's probabilities over the draws: a row per class, a tick per draw, the mean ± error. */
function drawsPlot(result: MonteCarloPrediction, i: number): SVGSVGElement | HTMLElement {
  const k = result.classes.length;
  const draws = result.draws;
  if (draws === undefined) return h('p', { class: 'status' }, 'Per-draw probabilities were not kept (too many sources × draws).');
  const left = 70;
  const width = 340;
  const rowH = 18;
  const plotW = width - left - 10;
  const height = k * rowH + 28;
  const x = (p: number): number => left + p * plotW;
  const svg = s('svg', { id: 'draws-plot', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `probabilities of ${k} classes over ${draws.length} draws` });
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(s('line', { x1: x(t), x2: x(t), y1: 4, y2: k * rowH + 6, stroke: '#e2e2e2' }), s('text', { x: x(t), y: k * rowH + 20, 'text-anchor': 'middle', 'font-size': 10 }, String(t)));
  }
  result.classes.forEach((c, j) => {
    const y = 6 + j * rowH + rowH / 2;
    svg.append(s('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 11 }, c));
    for (const d of draws) {
      const p = d.data[i * k + j]!;
      svg.append(s('line', { class: 'draw', x1: x(p), x2: x(p), y1: y - 6, y2: y + 6, stroke: classColour(j), 'stroke-opacity': 0.55, 'stroke-width': 2 }));
    }
    const m = result.mean.data[i * k + j]!;
    const e = result.std.data[i * k + j]!;
    svg.append(
      s('line', { x1: x(Math.max(0, m - e)), x2: x(Math.min(1, m + e)), y1: y + 8, y2: y + 8, stroke: '#222' }),
      s('circle', { cx: x(m), cy: y + 8, r: 2.5, fill: '#222' }, s('title', {}, `${c}: mean ${fmt(m)} ± ${fmt(e, 2)}`)),
    );
  });
  return svg;
}

/** Shows the detail of source `i`. */
export function select(i: number): void {
  const c = current;
  if (c === undefined) return;
  selected = i;
  for (const tr of byId('results').querySelectorAll('tbody tr')) tr.classList.toggle('selected', tr.getAttribute('data-row') === String(i));
  const { result, table, training, neighbours } = c;
  const source: Source = table.sources[i]!;
  const x = PAPER.row(source);
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'close the details' }, '×');
  const detail = byId('detail');
  close.addEventListener('click', () => {
    detail.hidden = true;
    selected = undefined;
    render();
  });
  const near = neighbours.nearest(source, 6);
  detail.replaceChildren(
    close,
    h('h3', {}, source.name),
    h('p', {}, `${result.predicted[i]} · P = ${fmt(result.classProbability[i]!)} ± ${fmt(result.classProbabilityError[i]!, 2)} · CT = ${fmt(result.ct[i]!, 3)}`, result.noFeatures[i] === 1 ? ' · no measured feature' : ''),
    h('h3', {}, `Probabilities over the ${result.nDraws} draws`),
    drawsPlot(result, i),
    h('h3', {}, 'Nearest training sources'),
    h('p', { class: 'hint' }, 'Standardised distance in the 29 features (measured, not reddened), over the features both have.'),
    near.length === 0
      ? h('p', { class: 'status' }, 'No training source shares 3 features with this one.')
      : h(
          'table',
          { id: 'neighbours' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Class'), h('th', { class: 'num' }, 'Distance'), h('th', { class: 'num' }, 'Features'))),
          h('tbody', {}, ...near.map((n) => h('tr', {}, h('td', {}, training.sources[n.row]!.name), h('td', {}, training.sources[n.row]!.label ?? ''), h('td', { class: 'num' }, fmt(n.distance)), h('td', { class: 'num' }, n.shared)))),
        ),
    h('h3', {}, 'Features (paper Table 2)'),
    h('table', { id: 'features' }, h('tbody', {}, ...PAPER.names.map((name, j) => h('tr', {}, h('th', { scope: 'row' }, name), h('td', { class: 'num' }, fmt(x[j]!, 4)))))),
  );
  detail.hidden = false;
}

/** Shows a new classification. */
export function showResults(c: Classification): void {
  current = c;
  selected = undefined;
  sortKey = 'row';
  sortDescending = false;
  byId('detail').hidden = true;
  const { result } = c;
  const select = byId<HTMLSelectElement>('class-filter');
  select.replaceChildren(h('option', { value: '' }, 'all'), ...result.classes.map((cl) => h('option', { value: cl }, cl)));
  byId('legend').replaceChildren(...legend(result.classes));
  const confident = result.ct.reduce((n, ct) => n + (ct >= 2 ? 1 : 0), 0);
  byId('results-summary').textContent = `${result.predicted.length} sources of ${c.table.fileName}, ${result.nDraws} draws, ${c.ebvNote}; ${confident} with CT ≥ 2`;
  byId('results-area').hidden = false;
  render();
}

/** Marks the results as made from earlier inputs (after a new file is loaded). */
export function markStale(): void {
  if (current === undefined) return;
  const summary = byId('results-summary');
  if (!summary.textContent?.includes('inputs changed')) summary.textContent = `${summary.textContent ?? ''} — inputs changed since: classify again`;
}

/** The current classification, if any. */
export function currentClassification(): Classification | undefined {
  return current;
}

function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') || 'sources';
}

/** The CSV download: the input's own columns, then the Monte Carlo columns (library formatter). */
export function resultsCsv(c: Classification): string {
  const outputs = monteCarloColumns(c.result.classes);
  const passThrough = c.table.columns.filter((col) => !outputs.includes(col));
  const rows = c.table.sources.map((src, i) => {
    const record: Record<string, string | number> = c.table.records.length > 0 ? { ...c.table.records[i] } : { CSCv2_name: src.name };
    return { ...record, ...monteCarloRecord(c.result, i) };
  });
  return formatCsv([...passThrough, ...outputs], rows);
}

/** The MRT download: name and position, then the Monte Carlo columns (library formatter). */
export function resultsMrt(c: Classification): string {
  const outputs = monteCarloColumns(c.result.classes);
  const records = c.table.sources.map((src, i) => ({ Name: src.name, RAdeg: src.ra, DEdeg: src.dec, ...monteCarloRecord(c.result, i) }));
  const columns = [
    { label: 'Name', explanation: 'Source name' },
    { label: 'RAdeg', units: 'deg', explanation: 'Right ascension' },
    { label: 'DEdeg', units: 'deg', explanation: 'Declination' },
    ...outputs.map((o) => ({ label: o, explanation: o.startsWith('e_P_') ? `Standard deviation of P_${o.slice(4)} over the draws` : o.startsWith('P_') ? `Mean probability of class ${o.slice(2)}` : o === 'CT' ? 'Confidence threshold (eq. 7)' : o === 'No_features' ? '1 when every feature is missing' : o })),
  ];
  return formatMrt({ title: `muwclass classification of ${c.table.fileName}`, fileName: `${baseName(c.table.fileName)}-classified.txt`, columns, records });
}

/** Wires the filters, sort and downloads. */
export function initResults(): void {
  for (const id of ['filter', 'class-filter', 'confident-only']) byId(id).addEventListener('input', render);
  byId('download-csv').addEventListener('click', () => {
    if (current !== undefined) download(`${baseName(current.table.fileName)}-classified.csv`, resultsCsv(current), 'text/csv');
  });
  byId('download-mrt').addEventListener('click', () => {
    if (current !== undefined) download(`${baseName(current.table.fileName)}-classified.txt`, resultsMrt(current), 'text/plain');
  });
}
