/** Small DOM helpers: element creation, lookup by id, SVG elements, downloads, number formatting. */

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | undefined | null>;

/** An HTML element with attributes (`false`/`null`/`undefined` are left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (v === undefined || v === null || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'number' ? String(c) : c);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes and children. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (v === undefined || v === null || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'number' ? String(c) : c);
  return el;
}

/** The element with this id (throws if the page lacks it: a bug, not a user error). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el as T;
}

/** Offers text as a file download. */
export function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A number for display: `digits` significant digits, `–` for missing. */
export function fmt(x: number, digits = 3): string {
  if (Number.isNaN(x)) return '–';
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e5 || a < 1e-3 ? x.toExponential(digits - 1) : Number(x.toPrecision(digits)).toString();
}

/** Milliseconds as a short duration ("1 min 05 s", "12 s"). */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '…';
  const sec = Math.max(0, Math.round(ms / 1000));
  if (sec < 60) return `${sec} s`;
  const m = Math.floor(sec / 60);
  return `${m} min ${String(sec % 60).padStart(2, '0')} s`;
}

/** The value of a number input, checked: an integer ≥ `min`, or an Error naming the field. */
export function intInput(id: string, label: string, min: number): number {
  const el = byId<HTMLInputElement>(id);
  const v = Number(el.value);
  if (el.value.trim() === '' || !Number.isInteger(v) || v < min) throw new Error(`${label} must be an integer ≥ ${min}, got "${el.value}"`);
  return v;
}

/** Tableau 10 colours, then more; one per class, in the order of the sorted class list. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#1b9e77', '#7570b3'];

/** The colour of class number `i`. */
export function classColour(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

/** A legend: a swatch and the class name for each class. */
export function legend(classes: readonly string[]): HTMLElement[] {
  return classes.map((c, i) => h('span', {}, h('span', { class: 'swatch', style: `background:${classColour(i)}` }), c));
}
