/**
 * A tiny strict XML parser for testing the SVG renderers: it throws on anything that is not well-formed
 * (unbalanced or mismatched tags, unquoted or repeated attributes, a raw `<` or `&` in text or attributes,
 * unknown entities, more than one root element) and returns the element tree with unescaped text.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (children's text excluded), unescaped. */
  readonly text: string;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`raw "<" in ${where}`);
  return raw.replace(/&([^;]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new Error(`unterminated entity "${match}" in ${where}`);
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    const value = ENTITIES[body];
    if (value === undefined) throw new Error(`unknown entity "&${body};" in ${where}`);
    return value;
  });
}

export function parseXml(source: string): XmlElement {
  let pos = 0;
  const skipSpace = () => {
    while (pos < source.length && /\s/.test(source[pos]!)) pos++;
  };
  const readName = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(source);
    if (m === null) throw new Error(`expected a name at offset ${pos}`);
    pos += m[0].length;
    return m[0];
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (source.startsWith('<?', pos)) {
        const end = source.indexOf('?>', pos);
        if (end < 0) throw new Error('unterminated processing instruction');
        pos = end + 2;
      } else if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos);
        if (end < 0) throw new Error('unterminated comment');
        pos = end + 3;
      } else return;
    }
  };
  const parseElement = (): XmlElement => {
    if (source[pos] !== '<') throw new Error(`expected "<" at offset ${pos}`);
    pos++;
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = pos;
      skipSpace();
      if (source.startsWith('/>', pos)) {
        pos += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (source[pos] === '>') {
        pos++;
        break;
      }
      if (pos === before) throw new Error(`expected whitespace before attribute in <${name}> at offset ${pos}`);
      const attr = readName();
      skipSpace();
      if (source[pos] !== '=') throw new Error(`attribute ${attr} of <${name}> has no value`);
      pos++;
      skipSpace();
      const quote = source[pos];
      if (quote !== '"' && quote !== "'") throw new Error(`attribute ${attr} of <${name}> is not quoted`);
      const end = source.indexOf(quote, pos + 1);
      if (end < 0) throw new Error(`unterminated attribute ${attr}`);
      if (attr in attributes) throw new Error(`repeated attribute ${attr} in <${name}>`);
      attributes[attr] = unescape(source.slice(pos + 1, end), `attribute ${attr} of <${name}>`);
      pos = end + 1;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (pos >= source.length) throw new Error(`unclosed <${name}>`);
      if (source.startsWith('</', pos)) {
        pos += 2;
        const closing = readName();
        if (closing !== name) throw new Error(`</${closing}> closes <${name}>`);
        skipSpace();
        if (source[pos] !== '>') throw new Error(`malformed </${closing}>`);
        pos++;
        return { name, attributes, children, text };
      }
      if (source.startsWith('<!--', pos)) {
        skipMisc();
        continue;
      }
      if (source[pos] === '<') {
        children.push(parseElement());
        continue;
      }
      const next = source.indexOf('<', pos);
      const end = next < 0 ? source.length : next;
      text += unescape(source.slice(pos, end), `text of <${name}>`);
      pos = end;
    }
  };
  skipMisc();
  const root = parseElement();
  skipMisc();
  if (pos !== source.length) throw new Error(`content after the root element at offset ${pos}`);
  return root;
}

/** Every element of the tree (depth first), the root included. */
export function allElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [root];
  for (const child of root.children) out.push(...allElements(child));
  return out;
}

/** The elements named `name` with `class` attribute `cls` (any class when omitted). */
export function findAll(root: XmlElement, name: string, cls?: string): XmlElement[] {
  return allElements(root).filter((e) => e.name === name && (cls === undefined || e.attributes.class === cls));
}
