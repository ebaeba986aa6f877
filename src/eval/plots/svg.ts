/**
 * Internal SVG helpers shared by the plot renderers: escaping, number formatting, ticks and colours.
 *
 * @module
 * @internal
 */

/** Escapes text for an XML text node or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => {
    switch (ch) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&#39;';
    }
  });
}

/** A coordinate rounded to 0.01 px, as a short string. */
export function px(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** An element with attributes (values escaped) and optional raw inner markup. */
export function element(name: string, attributes: Readonly<Record<string, string | number>>, inner?: string): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(typeof value === 'number' ? px(value) : value)}"`)
    .join('');
  return inner === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${inner}</${name}>`;
}

/** A plot's title: bold 14 px text centred on `x`, its baseline at `y` (the text escaped). */
export function plotTitle(x: number, y: number, title: string): string {
  return element('text', { class: 'title', x, y, 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 'bold' }, escapeXml(title));
}

/** The root `<svg>` element around `body`. */
export function svgDocument(width: number, height: number, body: string): string {
  const w = px(width);
  const h = px(height);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" ` +
    `font-family="Helvetica, Arial, sans-serif" font-size="12">\n${body}\n</svg>\n`
  );
}

/** "Nice" tick values (1, 2 or 5 × 10^k steps) covering [min, max], about `count` of them, with their decimals. */
export function niceTicks(min: number, max: number, count = 5): { values: number[]; decimals: number } {
  if (!(max > min)) return { values: [min], decimals: Math.max(0, -Math.floor(Math.log10(Math.abs(min) || 1))) };
  const raw = (max - min) / count;
  let step = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / step;
  if (ratio >= 7.5) step *= 10;
  else if (ratio >= 3.5) step *= 5;
  else if (ratio >= 1.5) step *= 2;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const values: number[] = [];
  for (let i = first; i <= last; i++) values.push(Number((i * step).toFixed(decimals)));
  return { values, decimals };
}

/** The sequential blue scale (ColorBrewer "Blues" end points and middle) at t in [0, 1]; grey for NaN. */
export function blues(t: number): string {
  if (Number.isNaN(t)) return '#eeeeee';
  const stops: readonly (readonly [number, number, number])[] = [
    [247, 251, 255],
    [107, 174, 214],
    [8, 48, 107],
  ];
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  const hex = (k: number) => Math.round(a[k]! + (b[k]! - a[k]!) * f).toString(16).padStart(2, '0');
  return `#${hex(0)}${hex(1)}${hex(2)}`;
}

/** A rough text width in px for a 12 px sans-serif font (no DOM to measure with). */
export function textWidth(text: string, fontSize = 12): number {
  return text.length * fontSize * 0.6;
}
