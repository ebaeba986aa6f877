/**
 * VOTable writer (IVOA VOTable 1.4): a {@link VotableDocument} — what {@link parseVotable} returns, or one built
 * by hand — written as TABLEDATA, BINARY or BINARY2, so that reading it back gives the same values, fields and
 * metadata. {@link votableChunks} writes a large table piece by piece.
 *
 * @module
 */
import { InvalidArgumentError, ParseError } from '../core/errors';
import { ByteWriter, encodeBinaryCell, fieldCodec, formatCellText, isMissing, type FieldCodec, type VotableField, type VotableInfo, type VotableParam, type VotableSerialization } from './votable-datatypes';
import { escapeXml } from './votable-xml';
import type { VotableDocument, VotableResource, VotableTable } from './votable';

/** Options of the VOTable writers. */
export interface VotableWriteOptions {
  /**
   * The serialization of every table's data, overriding each table's own `serialization` (default: the
   * table's, else `'TABLEDATA'`).
   */
  readonly serialization?: VotableSerialization;
  /** Name used in error messages (e.g. the output file). */
  readonly sourceName?: string;
  /** Rows per piece yielded by {@link votableChunks} (default 1000). */
  readonly rowsPerChunk?: number;
}

const FIELD_ATTRIBUTES = ['name', 'ID', 'datatype', 'arraysize', 'unit', 'ucd', 'utype', 'xtype', 'ref', 'precision', 'width'] as const;

function attributes(pairs: readonly (readonly [string, string | number | undefined])[]): string {
  return pairs
    .filter((p): p is readonly [string, string | number] => p[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

/** XML text, with characters that XML 1.0 cannot hold refused. */
function body(text: string, where: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) throw new ParseError(`a control character cannot be written in XML (${where}): use BINARY or BINARY2`, {});
  return escapeXml(text);
}

function infoXml(info: VotableInfo, indent: string): string {
  const a = attributes([
    ['name', info.name],
    ['value', info.value],
    ['ID', info.ID],
  ]);
  return info.content === undefined ? `${indent}<INFO${a}/>\n` : `${indent}<INFO${a}>${body(info.content, `INFO ${info.name}`)}</INFO>\n`;
}

function fieldXml(field: VotableField | VotableParam, indent: string, tag: 'FIELD' | 'PARAM'): string {
  const pairs: [string, string | undefined][] = FIELD_ATTRIBUTES.map((k) => [k, field[k]]);
  if (tag === 'PARAM') pairs.push(['value', (field as VotableParam).value]);
  const inner: string[] = [];
  if (field.description !== undefined) inner.push(`${indent}  <DESCRIPTION>${body(field.description, `${tag} ${field.name}`)}</DESCRIPTION>\n`);
  if (field.null !== undefined) inner.push(`${indent}  <VALUES null="${escapeXml(field.null)}"/>\n`);
  const a = attributes(pairs);
  return inner.length === 0 ? `${indent}<${tag}${a}/>\n` : `${indent}<${tag}${a}>\n${inner.join('')}${indent}</${tag}>\n`;
}

function description(text: string | undefined, indent: string): string {
  return text === undefined ? '' : `${indent}<DESCRIPTION>${body(text, 'DESCRIPTION')}</DESCRIPTION>\n`;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes (with `=` padding), in lines of 76 characters. */
function base64Lines(bytes: Uint8Array): string {
  let out = '';
  let line = 0;
  for (let k = 0; k < bytes.length; k += 3) {
    const a = bytes[k]!;
    const b = k + 1 < bytes.length ? bytes[k + 1]! : 0;
    const c = k + 2 < bytes.length ? bytes[k + 2]! : 0;
    out += B64[a >> 2]! + B64[((a & 3) << 4) | (b >> 4)]! + (k + 1 < bytes.length ? B64[((b & 15) << 2) | (c >> 6)]! : '=') + (k + 2 < bytes.length ? B64[c & 63]! : '=');
    line += 4;
    if (line >= 76) {
      out += '\n';
      line = 0;
    }
  }
  return line === 0 ? out : `${out}\n`;
}

async function* tableChunks(table: VotableTable, indent: string, options: VotableWriteOptions): AsyncGenerator<string, void, undefined> {
  const source = options.sourceName;
  const serialization = options.serialization ?? table.serialization ?? 'TABLEDATA';
  if (serialization !== 'TABLEDATA' && serialization !== 'BINARY' && serialization !== 'BINARY2') {
    throw new InvalidArgumentError(`formatVotable: serialization must be TABLEDATA, BINARY or BINARY2, got ${JSON.stringify(serialization)}`);
  }
  const head: string[] = [
    `${indent}<TABLE${attributes([
      ['name', table.name],
      ['ID', table.ID],
      ['ucd', table.ucd],
      ['utype', table.utype],
      ['nrows', table.rows.length],
    ])}>\n`,
    description(table.description, `${indent}  `),
    ...table.params.map((p) => fieldXml(p, `${indent}  `, 'PARAM')),
    ...table.fields.map((f) => fieldXml(f, `${indent}  `, 'FIELD')),
  ];
  yield head.join('');
  const codecs: FieldCodec[] = table.fields.map((f) => fieldCodec(f, { source, column: f.name }));
  const per = Math.max(1, options.rowsPerChunk ?? 1000);
  if (table.fields.length > 0) {
    if (serialization === 'TABLEDATA') {
      yield `${indent}  <DATA><TABLEDATA>\n`;
      let piece: string[] = [];
      for (let i = 0; i < table.rows.length; i++) {
        const row = table.rows[i]!;
        checkRow(row.length, codecs.length, i + 1, source);
        piece.push(`${indent}   <TR>${codecs.map((c, j) => `<TD>${bodyAt(formatCellText(c, row[j]!), i + 1, c.field.name, source)}</TD>`).join('')}</TR>\n`);
        if (piece.length >= per) {
          yield piece.join('');
          piece = [];
        }
      }
      if (piece.length > 0) yield piece.join('');
      yield `${indent}  </TABLEDATA></DATA>\n`;
    } else {
      yield `${indent}  <DATA><${serialization}><STREAM encoding="base64">\n`;
      const binary2 = serialization === 'BINARY2';
      const flagBytes = binary2 ? Math.ceil(codecs.length / 8) : 0;
      const w = new ByteWriter();
      let carry = new Uint8Array(0);
      for (let i = 0; i < table.rows.length; i++) {
        const row = table.rows[i]!;
        checkRow(row.length, codecs.length, i + 1, source);
        const flagsAt = w.reserve(flagBytes);
        codecs.forEach((c, j) => {
          const v = row[j]!;
          if (binary2 && isMissing(c, v)) w.data[flagsAt + (j >> 3)]! |= 1 << (7 - (j & 7));
          encodeBinaryCell(c, v, w, { source, row: i + 1, column: c.field.name }, binary2);
        });
        if ((i + 1) % per === 0) {
          const all = concat(carry, w.data);
          const whole = all.length - (all.length % 57);
          yield base64Lines(all.subarray(0, whole));
          carry = all.slice(whole);
          w.clear();
        }
      }
      const rest = concat(carry, w.data);
      if (rest.length > 0) yield base64Lines(rest);
      yield `${indent}  </STREAM></${serialization}></DATA>\n`;
    }
  }
  yield table.infos.map((i) => infoXml(i, `${indent}  `)).join('') + `${indent}</TABLE>\n`;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function checkRow(n: number, fields: number, row: number, source: string | undefined): void {
  if (n !== fields) throw new ParseError(`row has ${n} values but the table has ${fields} fields`, { source, row });
}

function bodyAt(text: string, row: number, column: string, source: string | undefined): string {
  try {
    return body(text, 'a TABLEDATA cell');
  } catch (e) {
    throw new ParseError((e as Error).message, { source, row, column });
  }
}

async function* resourceChunks(resource: VotableResource, indent: string, options: VotableWriteOptions): AsyncGenerator<string, void, undefined> {
  // INFOs named QUERY_STATUS with value OVERFLOW go after the tables (DALI); all others before.
  const after = resource.infos.filter((i) => i.name === 'QUERY_STATUS' && i.value === 'OVERFLOW');
  const before = resource.infos.filter((i) => !after.includes(i));
  yield `${indent}<RESOURCE${attributes([
    ['name', resource.name],
    ['ID', resource.ID],
    ['type', resource.type],
    ['utype', resource.utype],
  ])}>\n${description(resource.description, `${indent}  `)}${before.map((i) => infoXml(i, `${indent}  `)).join('')}${resource.params.map((p) => fieldXml(p, `${indent}  `, 'PARAM')).join('')}`;
  for (const t of resource.tables) yield* tableChunks(t, `${indent}  `, options);
  for (const r of resource.resources) yield* resourceChunks(r, `${indent}  `, options);
  yield `${after.map((i) => infoXml(i, `${indent}  `)).join('')}${indent}</RESOURCE>\n`;
}

/**
 * Writes a VOTable document piece by piece (the streaming form of {@link formatVotable}, e.g. for a file or a
 * download): the XML declaration and `<VOTABLE>` first, then each resource and table, rows in pieces of
 * `rowsPerChunk`.
 *
 * @param document - the document
 * @param options - the serialization, source name for errors, rows per piece
 * @returns an async generator of text pieces
 * @throws {ParseError} for a value that does not fit its field (a non-integer in an `int` column, a missing
 *   integer in BINARY without a `null` value, text longer than its arraysize, a control character in
 *   TABLEDATA), naming the row and column
 * @throws {InvalidArgumentError} for an unknown serialization
 * @example
 * ```ts
 * const doc = votableDocument([{ fields: [{ name: 'x', datatype: 'short' }], params: [], infos: [], rows: [[1], [2]] }]);
 * let xml = '';
 * for await (const piece of votableChunks(doc, { serialization: 'BINARY' })) xml += piece;
 * xml.includes('<BINARY><STREAM encoding="base64">\nAAEAAg==\n'); // => true (the shorts 1 and 2, big-endian, in base64)
 * ```
 */
export async function* votableChunks(document: VotableDocument, options: VotableWriteOptions = {}): AsyncGenerator<string, void, undefined> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<VOTABLE version="${escapeXml(document.version ?? '1.4')}" xmlns="http://www.ivoa.net/xml/VOTable/v1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n${description(document.description, ' ')}${document.infos.map((i) => infoXml(i, ' ')).join('')}${document.params.map((p) => fieldXml(p, ' ', 'PARAM')).join('')}`;
  for (const r of document.resources) yield* resourceChunks(r, ' ', options);
  yield '</VOTABLE>\n';
}

/**
 * Formats a VOTable document as one string (see {@link votableChunks}). Reading it back with
 * `parseVotable` gives the same fields, values and metadata, in each of the three serializations.
 *
 * @param document - the document
 * @param options - the serialization of every table (default each table's own, else TABLEDATA)
 * @returns the XML text
 * @throws {ParseError | InvalidArgumentError} as {@link votableChunks}
 * @example
 * ```ts
 * const table = { fields: [{ name: 'id', datatype: 'long' }, { name: 'G', datatype: 'float', unit: 'mag' }], params: [], infos: [], rows: [[4295806720n, 14.25]] };
 * const xml = await formatVotable(votableDocument([table]), { serialization: 'BINARY2' });
 * const back = votableTables(await parseVotable(xml))[0];
 * back.rows[0][0] === 4295806720n; // => true (a long is a bigint: 64 bits, exact)
 * back.rows[0][1]; // => 14.25
 * back.fields[1].unit; // => 'mag'
 * ```
 */
export async function formatVotable(document: VotableDocument, options: VotableWriteOptions = {}): Promise<string> {
  const parts: string[] = [];
  for await (const p of votableChunks(document, options)) parts.push(p);
  return parts.join('');
}

/**
 * A document of one `results` resource holding the given tables (and optional INFOs, e.g. a
 * `QUERY_STATUS`): the usual shape of a service's answer.
 *
 * @example
 * ```ts
 * votableDocument([]).resources[0].type; // => 'results'
 * ```
 */
export function votableDocument(tables: readonly VotableTable[], infos: readonly VotableInfo[] = []): VotableDocument {
  return { version: '1.4', infos: [], params: [], resources: [{ type: 'results', infos: [...infos], params: [], tables: [...tables], resources: [] }] };
}
