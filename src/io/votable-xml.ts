/**
 * A small streaming XML tokenizer, enough for VOTable: start tags with attributes, end tags, text (entities
 * and character references resolved, CDATA kept verbatim), comments, processing instructions and a DOCTYPE
 * skipped. Text comes in by chunks and tokens come out as soon as they are complete; long text (a BINARY
 * `<STREAM>` of many megabytes) comes out in pieces, so no token ever holds the whole document. Every token
 * carries the line it starts on. Not a validating parser: it checks well-formedness of what it reads (tags
 * nest, attributes are quoted and not repeated, entities are known) and nothing else. (Internal.)
 *
 * @module
 */
import { ParseError } from '../core/errors';

/** One XML token. */
export type XmlToken =
  | { readonly kind: 'start'; readonly name: string; readonly attributes: Readonly<Record<string, string>>; readonly selfClosing: boolean; readonly line: number }
  | { readonly kind: 'end'; readonly name: string; readonly line: number }
  | { readonly kind: 'text'; readonly text: string; readonly line: number };

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME_START = /[A-Za-z_:]/;
/** The attributes of a tag without any (shared, frozen). */
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze(Object.create(null) as Record<string, string>);
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
const ATTRIBUTE = /\s*([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

/** Resolves the five XML entities and numeric character references of `raw`. */
export function unescapeXml(raw: string, error: (message: string) => ParseError): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]*)(;?)/g, (_, body: string, semi: string) => {
    if (semi !== ';') throw error(`unterminated entity "&${body}"`);
    if (body.startsWith('#x') || body.startsWith('#X')) {
      const code = Number.parseInt(body.slice(2), 16);
      if (!Number.isFinite(code)) throw error(`malformed character reference "&${body};"`);
      return String.fromCodePoint(code);
    }
    if (body.startsWith('#')) {
      const code = Number.parseInt(body.slice(1), 10);
      if (!Number.isFinite(code)) throw error(`malformed character reference "&${body};"`);
      return String.fromCodePoint(code);
    }
    const value = ENTITIES[body];
    if (value === undefined) throw error(`unknown entity "&${body};"`);
    return value;
  });
}

/** Escapes text for an XML element body or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/**
 * The incremental tokenizer: `push(chunk, out)` appends the tokens the chunk completes, `end(out)` the rest.
 * Runs in time linear in the text (each character is scanned a bounded number of times).
 */
export class XmlTokenizer {
  private buffer = '';
  private line = 1;
  private readonly stack: string[] = [];
  private seenRoot = false;

  /** @param sourceName - named in errors */
  constructor(private readonly sourceName: string | undefined) {}

  /** The current line (1-based) of the tokenizer. */
  get currentLine(): number {
    return this.line;
  }

  /** A {@link ParseError} naming the source and the line. */
  error(message: string, line = this.line): ParseError {
    return new ParseError(`${message} on line ${line}`, { source: this.sourceName });
  }

  private advance(text: string): void {
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) this.line++;
  }

  /** Adds a chunk of text; appends complete tokens to `out`. */
  push(chunk: string, out: XmlToken[]): void {
    this.buffer = this.buffer === '' ? chunk : this.buffer + chunk;
    this.scan(out, false);
  }

  /** Ends the text: appends what is left, and checks every element was closed. */
  end(out: XmlToken[]): void {
    this.scan(out, true);
    if (this.buffer.trim() !== '') throw this.error('unexpected end of the document inside markup');
    if (this.stack.length > 0) throw this.error(`unexpected end of the document: <${this.stack[this.stack.length - 1]!}> is not closed`);
    if (!this.seenRoot) throw this.error('no XML element in the document');
  }

  private scan(out: XmlToken[], final: boolean): void {
    const b = this.buffer;
    const n = b.length;
    let i = 0;
    while (i < n) {
      if (b.charCodeAt(i) !== 60 /* < */) {
        let j = b.indexOf('<', i);
        if (j < 0) {
          if (!final) {
            // keep a possibly cut entity for the next chunk; emit the rest
            const amp = b.lastIndexOf('&');
            j = amp >= i && b.indexOf(';', amp) < 0 ? amp : n;
            if (j === i) break;
          } else j = n;
        }
        this.text(b.slice(i, j), out);
        i = j;
        continue;
      }
      // markup
      if (b.startsWith('<!--', i)) {
        const e = b.indexOf('-->', i + 4);
        if (e < 0) break;
        this.advance(b.slice(i, e + 3));
        i = e + 3;
        continue;
      }
      if (b.startsWith('<![CDATA[', i)) {
        const e = b.indexOf(']]>', i + 9);
        if (e < 0) break;
        const text = b.slice(i + 9, e);
        this.textRaw(text, out);
        i = e + 3;
        continue;
      }
      if (b.startsWith('<?', i)) {
        const e = b.indexOf('?>', i + 2);
        if (e < 0) break;
        this.advance(b.slice(i, e + 2));
        i = e + 2;
        continue;
      }
      if (b.startsWith('<!', i)) {
        if (n - i < 9 && !final) break;
        const e = this.doctypeEnd(b, i);
        if (e < 0) break;
        this.advance(b.slice(i, e));
        i = e;
        continue;
      }
      const e = this.tagEnd(b, i);
      if (e < 0) break;
      this.tag(b.slice(i, e), out);
      i = e;
    }
    this.buffer = i >= n ? '' : b.slice(i);
  }

  /** The end of a `<!DOCTYPE …>` (with an internal subset in brackets), or −1 when not yet complete. */
  private doctypeEnd(b: string, i: number): number {
    if (!b.startsWith('<!DOCTYPE', i)) throw this.error(`unexpected markup ${JSON.stringify(b.slice(i, i + 9))}`);
    let depth = 0;
    for (let k = i + 9; k < b.length; k++) {
      const c = b[k];
      if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '>' && depth <= 0) return k + 1;
    }
    return -1;
  }

  /** The end (exclusive) of the tag at `i`, quotes respected, or −1 when not yet complete. */
  private tagEnd(b: string, i: number): number {
    let quote = 0;
    for (let k = i + 1; k < b.length; k++) {
      const c = b.charCodeAt(k);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62 /* > */) return k + 1;
      else if (c === 60) throw this.error('"<" inside a tag');
    }
    return -1;
  }

  private text(raw: string, out: XmlToken[]): void {
    const line = this.line;
    this.advance(raw);
    if (this.stack.length === 0) {
      if (raw.trim() !== '') throw this.error('text outside the root element', line);
      return;
    }
    if (raw.includes('>') && raw.includes(']]>')) throw this.error('"]]>" in text', line);
    out.push({ kind: 'text', text: unescapeXml(raw, (m) => this.error(m, line)), line });
  }

  private textRaw(text: string, out: XmlToken[]): void {
    const line = this.line;
    this.advance(text);
    if (this.stack.length === 0) throw this.error('CDATA outside the root element', line);
    out.push({ kind: 'text', text, line });
  }

  private tag(raw: string, out: XmlToken[]): void {
    const line = this.line;
    this.advance(raw);
    if (raw[1] === '/') {
      const name = raw.slice(2, -1).trim();
      const open = this.stack.pop();
      if (open === undefined) throw this.error(`closing tag </${name}> without an opening tag`, line);
      if (open !== name) throw this.error(`closing tag </${name}> does not match <${open}>`, line);
      out.push({ kind: 'end', name, line });
      return;
    }
    const selfClosing = raw.endsWith('/>');
    const body = raw.slice(1, selfClosing ? -2 : -1);
    if (!NAME_START.test(body[0] ?? '')) throw this.error(`malformed tag ${JSON.stringify(raw.slice(0, 40))}`, line);
    let k = 0;
    while (k < body.length && !isSpace(body.charCodeAt(k))) k++;
    const name = body.slice(0, k);
    if (k === body.length) {
      // no attributes (every <TR> and <TD>): the fast path
      this.open(name, NO_ATTRIBUTES, selfClosing, line, out);
      return;
    }
    const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
    ATTRIBUTE.lastIndex = k;
    while (ATTRIBUTE.lastIndex < body.length) {
      const at = ATTRIBUTE.lastIndex;
      if (body.slice(at).trim() === '') break;
      const m = ATTRIBUTE.exec(body);
      if (m === null) throw this.error(`malformed attribute in <${name}>: ${JSON.stringify(body.slice(at).trim().slice(0, 40))}`, line);
      const attribute = m[1]!;
      if (Object.hasOwn(attributes, attribute)) throw this.error(`attribute "${attribute}" repeated in <${name}>`, line);
      const value = m[2] ?? m[3]!;
      if (value.includes('<')) throw this.error(`"<" in the value of attribute "${attribute}" of <${name}>`, line);
      attributes[attribute] = unescapeXml(value, (msg) => this.error(msg, line));
    }
    this.open(name, attributes, selfClosing, line, out);
  }

  private open(name: string, attributes: Readonly<Record<string, string>>, selfClosing: boolean, line: number, out: XmlToken[]): void {
    if (this.stack.length === 0) {
      if (this.seenRoot) throw this.error(`a second root element <${name}>`, line);
      this.seenRoot = true;
    }
    if (!selfClosing) this.stack.push(name);
    out.push({ kind: 'start', name, attributes, selfClosing, line });
    if (selfClosing) out.push({ kind: 'end', name, line });
  }
}
