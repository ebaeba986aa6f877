/**
 * VOTable reader (IVOA VOTable 1.3 and 1.4, Ochsenbein et al. 2013/2019, https://www.ivoa.net/documents/VOTable/):
 * the XML format in which TAP and cone-search services (the Chandra Source Catalog, VizieR, the Gaia archive)
 * answer. Reads all three serializations of the data — TABLEDATA, BINARY and BINARY2 (base64 streams, BINARY2's
 * null flags) — every datatype with fixed and variable arrays, FIELD and PARAM metadata (name, ID, unit, UCD,
 * utype, null, precision, width, description), nested RESOURCEs with several TABLEs, and INFO elements
 * (`QUERY_STATUS` = `OK`, `ERROR`, `OVERFLOW`). Values are described in `votable-datatypes.ts`.
 *
 * {@link streamVotable} reads a table of any size a row at a time, from a string, bytes or a web stream, with
 * a small own XML tokenizer; {@link parseVotable} collects it. Errors name the source, the line (or the byte
 * of a binary stream), the row and the column (FIELD name).
 *
 * @module
 */
import { ParseError, withLocation, type ValueLocation } from '../core/errors';
import { textChunks, type TextSource } from './text-source';
import {
  ByteReader,
  decodeBinaryCell,
  fieldCodec,
  missingValue,
  NEED_MORE,
  parseCellText,
  VOTABLE_DATATYPES,
  type FieldCodec,
  type VotableDatatype,
  type VotableField,
  type VotableInfo,
  type VotableParam,
  type VotableSerialization,
  type VotableValue,
} from './votable-datatypes';
import { XmlTokenizer, type XmlToken } from './votable-xml';

/** A TABLE: its metadata, and its rows (empty in the header that {@link streamVotable} announces). */
export interface VotableTable {
  /** The `name` attribute. */
  readonly name?: string;
  /** The `ID` attribute. */
  readonly ID?: string;
  /** The `ucd` attribute. */
  readonly ucd?: string;
  /** The `utype` attribute. */
  readonly utype?: string;
  /** The `nrows` attribute (a hint; the rows read are in {@link VotableTable.rows}). */
  readonly nrows?: number;
  /** The text of its DESCRIPTION. */
  readonly description?: string;
  /** The columns, in order. */
  readonly fields: readonly VotableField[];
  /** Its PARAMs. */
  readonly params: readonly VotableParam[];
  /** Its INFO elements (before and after the data). */
  readonly infos: readonly VotableInfo[];
  /** How its data was (or is to be) serialized; `undefined` for a table without DATA. */
  readonly serialization?: VotableSerialization;
  /** The rows: one value per field (see the datatype table of `votable-datatypes`). */
  readonly rows: readonly (readonly VotableValue[])[];
}

/** A RESOURCE: tables, nested resources, and their metadata. */
export interface VotableResource {
  /** The `name` attribute. */
  readonly name?: string;
  /** The `ID` attribute. */
  readonly ID?: string;
  /** The `type` attribute (`"results"` or `"meta"`). */
  readonly type?: string;
  /** The `utype` attribute. */
  readonly utype?: string;
  /** The text of its DESCRIPTION. */
  readonly description?: string;
  /** Its INFO elements (e.g. `QUERY_STATUS`), before and after its tables. */
  readonly infos: readonly VotableInfo[];
  /** Its PARAMs. */
  readonly params: readonly VotableParam[];
  /** Its tables, in order. */
  readonly tables: readonly VotableTable[];
  /** Its nested resources, in order. */
  readonly resources: readonly VotableResource[];
}

/** A whole VOTable document. */
export interface VotableDocument {
  /** The `version` attribute of VOTABLE (e.g. `"1.4"`). */
  readonly version?: string;
  /** The text of its DESCRIPTION. */
  readonly description?: string;
  /** Top-level INFO elements. */
  readonly infos: readonly VotableInfo[];
  /** Top-level PARAMs. */
  readonly params: readonly VotableParam[];
  /** The resources, in order. */
  readonly resources: readonly VotableResource[];
}

/** What {@link streamVotable} yields: a table's header, one of its rows, and at the end the whole document. */
export type VotableEvent =
  | {
      /** A table starts (its fields are known; its rows follow). */
      readonly type: 'table';
      /** 0-based index of the table in document order. */
      readonly index: number;
      /** The table so far: fields, params, infos before the data; `rows` empty. */
      readonly table: VotableTable;
    }
  | {
      /** A data row. */
      readonly type: 'row';
      /** 0-based index of its table in document order. */
      readonly table: number;
      /** 1-based row number within the table. */
      readonly row: number;
      /** One value per field. */
      readonly values: VotableValue[];
    }
  | {
      /** The document is complete. */
      readonly type: 'end';
      /** The whole document, every table's `rows` empty (they were yielded). */
      readonly document: VotableDocument;
    };

/** Options of the VOTable readers. */
export interface VotableReadOptions {
  /** Name used in error messages (e.g. the file name or URL). */
  readonly sourceName?: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
type TableBuilder = Mutable<VotableTable> & { rows: VotableValue[][] };
type ResourceBuilder = Mutable<VotableResource> & { tables: TableBuilder[]; resources: ResourceBuilder[] };
type DocumentBuilder = Mutable<VotableDocument> & { resources: ResourceBuilder[] };
type FieldBuilder = { attributes: Readonly<Record<string, string>>; description?: string; null?: string; line: number; isParam: boolean };

const BASE64 = new Int16Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, k) => (BASE64[c.charCodeAt(0)] = k));

/** The data of a binary stream being read: base64 text in, rows out. */
class BinaryRows {
  private readonly bytes = new ByteReader();
  private pending = '';
  private consumed = 0;
  private padded = false;
  private readonly flagBytes: number;

  constructor(
    private readonly codecs: readonly FieldCodec[],
    private readonly binary2: boolean,
    private readonly source: string | undefined,
  ) {
    this.flagBytes = binary2 ? Math.ceil(codecs.length / 8) : 0;
  }

  /** Adds base64 text; returns the rows it completes. */
  push(text: string, firstRow: number, line: number): VotableValue[][] {
    const clean = (this.pending + text).replace(/\s+/g, '');
    const whole = clean.length - (clean.length % 4);
    this.pending = clean.slice(whole);
    if (whole > 0) this.bytes.append(this.decode(clean.slice(0, whole), line));
    return this.rows(firstRow);
  }

  /** Ends the stream: checks nothing is left over. */
  end(firstRow: number, line: number): VotableValue[][] {
    if (this.pending !== '') throw new ParseError(`base64 stream ends with ${this.pending.length} characters that are not a whole group of 4 on line ${line}`, { source: this.source, row: firstRow });
    const rows = this.rows(firstRow);
    if (this.bytes.length > 0) {
      const row = firstRow + rows.length;
      throw new ParseError(`binary stream ends inside row ${row} (${this.bytes.length} bytes left at byte ${this.consumed} of the stream)`, { source: this.source, row });
    }
    return rows;
  }

  private decode(text: string, line: number): Uint8Array {
    if (this.padded) throw new ParseError(`base64 data after the closing "=" padding on line ${line}`, { source: this.source });
    let pad = 0;
    if (text.endsWith('==')) pad = 2;
    else if (text.endsWith('=')) pad = 1;
    if (pad > 0) this.padded = true;
    const out = new Uint8Array((text.length / 4) * 3 - pad);
    let o = 0;
    for (let k = 0; k < text.length; k += 4) {
      const a = BASE64[text.charCodeAt(k)] ?? -1;
      const b = BASE64[text.charCodeAt(k + 1)] ?? -1;
      const c = text[k + 2] === '=' && k + 4 === text.length ? 0 : (BASE64[text.charCodeAt(k + 2)] ?? -1);
      const d = text[k + 3] === '=' && k + 4 === text.length ? 0 : (BASE64[text.charCodeAt(k + 3)] ?? -1);
      if (a < 0 || b < 0 || c < 0 || d < 0) throw new ParseError(`malformed base64 ${JSON.stringify(text.slice(k, k + 4))} in a binary stream on line ${line}`, { source: this.source });
      const n = (a << 18) | (b << 12) | (c << 6) | d;
      out[o++] = n >> 16;
      if (o < out.length) out[o++] = (n >> 8) & 255;
      if (o < out.length) out[o++] = n & 255;
    }
    return out;
  }

  private rows(firstRow: number): VotableValue[][] {
    const rows: VotableValue[][] = [];
    let at = 0;
    const r = this.bytes;
    for (;;) {
      if (at >= r.length) break;
      const start = at;
      const values: VotableValue[] = [];
      try {
        if (at + this.flagBytes > r.length) throw NEED_MORE;
        const flags = r.bytes.subarray(at, at + this.flagBytes).slice();
        at += this.flagBytes;
        for (let j = 0; j < this.codecs.length; j++) {
          const codec = this.codecs[j]!;
          const row = firstRow + rows.length;
          const location: ValueLocation = { source: this.source, row, column: codec.field.name };
          let v: VotableValue;
          let next: number;
          try {
            [v, next] = decodeBinaryCell(codec, r, at, location);
          } catch (e) {
            if (e instanceof ParseError) {
              const message = e.message.slice(0, e.message.length - withLocation('', e.location).length);
              throw new ParseError(`${message} at byte ${this.consumed + at} of the binary stream`, location);
            }
            throw e;
          }
          at = next;
          const isNull = this.binary2 && ((flags[j >> 3]! >> (7 - (j & 7))) & 1) === 1;
          values.push(isNull ? (codec.shape === undefined ? missingValue(codec) : null) : v);
        }
      } catch (e) {
        if (e === NEED_MORE) {
          at = start;
          break;
        }
        throw e;
      }
      rows.push(values);
    }
    if (at > 0) {
      r.drop(at);
      this.consumed += at;
    }
    return rows;
  }
}

/** Builds the document from tokens; emits events. */
class VotableBuilder {
  readonly document: DocumentBuilder = { infos: [], params: [], resources: [] };
  private readonly stack: { name: string; line: number }[] = [];
  private readonly resources: ResourceBuilder[] = [];
  private table: TableBuilder | undefined;
  private tableIndex = -1;
  private field: FieldBuilder | undefined;
  private info: { attributes: Readonly<Record<string, string>>; text: string } | undefined;
  private description: string | undefined;
  private codecs: FieldCodec[] = [];
  private row: VotableValue[] | undefined;
  private rowNumber = 0;
  private cell: string | undefined;
  private binary: BinaryRows | undefined;
  private seenVotable = false;

  constructor(
    private readonly tokenizer: XmlTokenizer,
    private readonly source: string | undefined,
    private readonly collect: boolean,
  ) {}

  private error(message: string, line: number, row?: number, column?: string): ParseError {
    return new ParseError(`${message} on line ${line}`, { source: this.source, ...(row === undefined ? {} : { row }), ...(column === undefined ? {} : { column }) });
  }

  private parent(): string | undefined {
    return this.stack[this.stack.length - 1]?.name;
  }

  token(t: XmlToken, out: VotableEvent[]): void {
    if (t.kind === 'start') this.start(t.name, t.attributes, t.line, out);
    else if (t.kind === 'end') this.end(t.name, t.line, out);
    else this.text(t.text, t.line, out);
  }

  private start(name: string, a: Readonly<Record<string, string>>, line: number, out: VotableEvent[]): void {
    const parent = this.parent();
    if (this.stack.length === 0) {
      if (name !== 'VOTABLE') throw this.error(`the root element is <${name}>, not <VOTABLE> (not a VOTable)`, line);
      this.seenVotable = true;
      if (a.version !== undefined) this.document.version = a.version;
    }
    this.stack.push({ name, line });
    switch (name) {
      case 'RESOURCE': {
        const r: ResourceBuilder = { infos: [], params: [], tables: [], resources: [], ...pick(a, ['name', 'ID', 'type', 'utype']) };
        const up = this.resources[this.resources.length - 1];
        if (up === undefined) this.document.resources.push(r);
        else up.resources.push(r);
        this.resources.push(r);
        break;
      }
      case 'TABLE': {
        const r = this.resources[this.resources.length - 1];
        if (r === undefined) throw this.error('<TABLE> outside a <RESOURCE>', line);
        const nrows = a.nrows === undefined ? undefined : Number(a.nrows);
        this.table = { fields: [], params: [], infos: [], rows: [], ...pick(a, ['name', 'ID', 'ucd', 'utype']), ...(nrows === undefined || !Number.isFinite(nrows) ? {} : { nrows }) };
        r.tables.push(this.table);
        this.tableIndex++;
        this.codecs = [];
        break;
      }
      case 'FIELD':
      case 'PARAM':
        if (name === 'FIELD' && (this.table === undefined || parent !== 'TABLE')) {
          if (parent !== 'TABLE') throw this.error('<FIELD> outside a <TABLE>', line);
        }
        this.field = { attributes: a, line, isParam: name === 'PARAM' };
        break;
      case 'VALUES':
        if (this.field !== undefined && a.null !== undefined) this.field.null = a.null;
        break;
      case 'DESCRIPTION':
        this.description = '';
        break;
      case 'INFO':
        this.info = { attributes: a, text: '' };
        break;
      case 'DATA': {
        if (parent !== 'TABLE' || this.table === undefined) throw this.error('<DATA> outside a <TABLE>', line);
        if (this.table.fields.length === 0) throw this.error('<DATA> in a <TABLE> without <FIELD>s', line);
        this.codecs = this.table.fields.map((f) => fieldCodec(f, { source: this.source, column: f.name }));
        if (!this.collect) out.push({ type: 'table', index: this.tableIndex, table: { ...this.table, rows: [] } });
        break;
      }
      case 'TABLEDATA':
        this.table!.serialization = 'TABLEDATA';
        break;
      case 'BINARY':
      case 'BINARY2':
        if (parent !== 'DATA') throw this.error(`<${name}> outside <DATA>`, line);
        this.table!.serialization = name;
        break;
      case 'FITS':
        throw this.error('FITS data inside a VOTable is not supported: ask the service for TABLEDATA, BINARY or BINARY2', line);
      case 'STREAM': {
        if (parent !== 'BINARY' && parent !== 'BINARY2') break;
        if (a.href !== undefined) throw this.error(`a <STREAM> referring to an external file (href=${JSON.stringify(a.href)}) is not supported: inline the data`, line);
        const encoding = a.encoding ?? 'base64';
        if (encoding !== 'base64') throw this.error(`<STREAM encoding=${JSON.stringify(encoding)}> is not supported (only base64)`, line);
        this.binary = new BinaryRows(this.codecs, parent === 'BINARY2', this.source);
        break;
      }
      case 'TR':
        if (parent !== 'TABLEDATA') throw this.error('<TR> outside <TABLEDATA>', line);
        this.row = [];
        this.rowNumber++;
        break;
      case 'TD':
        if (parent !== 'TR') throw this.error('<TD> outside <TR>', line);
        if (this.row!.length >= this.codecs.length) throw this.error(`row has more cells than the ${this.codecs.length} fields`, line, this.rowNumber);
        this.cell = '';
        break;
      default:
        break;
    }
  }

  private text(text: string, line: number, out: VotableEvent[]): void {
    const parent = this.parent();
    if (this.cell !== undefined && parent === 'TD') this.cell += text;
    else if (this.binary !== undefined && parent === 'STREAM') this.emitRows(this.binary.push(text, this.rowNumber + 1, line), out);
    else if (parent === 'DESCRIPTION' && this.description !== undefined) this.description += text;
    else if (parent === 'INFO' && this.info !== undefined) this.info.text += text;
    else if ((parent === 'TR' || parent === 'TABLEDATA' || parent === 'DATA') && text.trim() !== '') {
      throw this.error(`unexpected text ${JSON.stringify(text.trim().slice(0, 30))} in <${parent}>`, line, this.rowNumber || undefined);
    }
  }

  private emitRows(rows: VotableValue[][], out: VotableEvent[]): void {
    for (const values of rows) this.emitRow(values, out);
  }

  private emitRow(values: VotableValue[], out: VotableEvent[], counted = false): void {
    if (!counted) this.rowNumber++;
    if (this.collect) this.table!.rows.push(values);
    else out.push({ type: 'row', table: this.tableIndex, row: this.rowNumber, values });
  }

  private end(name: string, line: number, out: VotableEvent[]): void {
    this.stack.pop();
    const parent = this.parent();
    switch (name) {
      case 'RESOURCE':
        this.resources.pop();
        break;
      case 'TABLE':
        this.table = undefined;
        this.rowNumber = 0;
        break;
      case 'FIELD':
      case 'PARAM': {
        const f = this.field!;
        this.field = undefined;
        const location = { source: this.source, column: f.attributes.name ?? f.attributes.ID };
        const field = this.fieldOf(f, line);
        if (f.isParam) {
          const value = f.attributes.value ?? '';
          let parsed: VotableValue;
          try {
            parsed = parseCellText(fieldCodec(field, location), value, location);
          } catch (e) {
            throw e instanceof ParseError ? this.error(`PARAM value: ${e.message}`, f.line, undefined, field.name) : e;
          }
          const param: VotableParam = { ...field, value, parsed };
          (this.table ?? this.resources[this.resources.length - 1] ?? this.document).params.push(param);
        } else this.table!.fields.push(field);
        break;
      }
      case 'DESCRIPTION': {
        const text = (this.description ?? '').trim();
        this.description = undefined;
        if (parent === 'FIELD' || parent === 'PARAM') {
          if (this.field !== undefined) this.field.description = text;
        } else if (parent === 'TABLE' && this.table !== undefined) this.table.description = text;
        else if (parent === 'RESOURCE') this.resources[this.resources.length - 1]!.description = text;
        else if (parent === 'VOTABLE') this.document.description = text;
        break;
      }
      case 'INFO': {
        const i = this.info!;
        this.info = undefined;
        const content = i.text.trim();
        const info: VotableInfo = { name: i.attributes.name ?? '', value: i.attributes.value ?? '', ...pick(i.attributes, ['ID']), ...(content === '' ? {} : { content }) };
        if (parent === 'TABLE' && this.table !== undefined) this.table.infos.push(info);
        else if (parent === 'RESOURCE') this.resources[this.resources.length - 1]!.infos.push(info);
        else if (parent === 'VOTABLE') this.document.infos.push(info);
        break;
      }
      case 'TD': {
        const codec = this.codecs[this.row!.length]!;
        const location = { source: this.source, row: this.rowNumber, column: codec.field.name };
        try {
          this.row!.push(parseCellText(codec, this.cell!, location));
        } catch (e) {
          throw e instanceof ParseError ? this.error(e.message.replace(/ \(in .*\)$/, ''), line, this.rowNumber, codec.field.name) : e;
        }
        this.cell = undefined;
        break;
      }
      case 'TR': {
        const values = this.row!;
        this.row = undefined;
        // missing trailing TDs are missing values
        for (let j = values.length; j < this.codecs.length; j++) values.push(missingValue(this.codecs[j]!));
        this.emitRow(values, out, true);
        break;
      }
      case 'STREAM':
        if (this.binary !== undefined) {
          this.emitRows(this.binary.end(this.rowNumber + 1, line), out);
          this.binary = undefined;
        }
        break;
      default:
        break;
    }
  }

  private fieldOf(f: FieldBuilder, line: number): VotableField {
    const a = f.attributes;
    const kind = f.isParam ? 'PARAM' : 'FIELD';
    if (a.name === undefined) throw this.error(`<${kind}> without a name attribute`, f.line);
    if (a.datatype === undefined) throw this.error(`<${kind}> without a datatype attribute`, f.line, undefined, a.name);
    if (!(VOTABLE_DATATYPES as readonly string[]).includes(a.datatype)) {
      throw this.error(`unknown datatype ${JSON.stringify(a.datatype)} (expected one of ${VOTABLE_DATATYPES.join(', ')})`, f.line, undefined, a.name);
    }
    void line;
    return {
      name: a.name,
      datatype: a.datatype as VotableDatatype,
      ...pick(a, ['arraysize', 'ID', 'unit', 'ucd', 'utype', 'xtype', 'ref', 'precision', 'width']),
      ...(f.null === undefined ? {} : { null: f.null }),
      ...(f.description === undefined ? {} : { description: f.description }),
    };
  }

  finish(): DocumentBuilder {
    if (!this.seenVotable) throw this.error('no <VOTABLE> element', this.tokenizer.currentLine);
    return this.document;
  }
}

function pick(a: Readonly<Record<string, string>>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (a[k] !== undefined) out[k] = a[k];
  return out;
}

/**
 * Reads a VOTable as it arrives, a row at a time: yields `table` when a table's fields are known, then its
 * `row`s, and finally `end` with the whole document (metadata, INFOs after the data included; rows empty).
 * Memory stays bounded by one row and one chunk of input, whatever the size of the table.
 *
 * @param input - the document (see {@link TextSource}: a string, bytes, a `fetch` body, a file stream)
 * @param options - the source name for errors
 * @returns an async generator of {@link VotableEvent}s
 * @throws {ParseError} for malformed XML, a document that is not a VOTable, an unknown datatype, a malformed
 *   arraysize or value, malformed base64, a binary stream that ends inside a row, a FITS or external stream;
 *   naming the source, the line (or the byte of the stream), the row and the column
 * @example
 * ```ts
 * const xml = '<VOTABLE version="1.4"><RESOURCE><TABLE><FIELD name="ra" datatype="double" unit="deg"/>'
 *   + '<DATA><TABLEDATA><TR><TD>10.5</TD></TR><TR><TD>11</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>';
 * const ras = [];
 * for await (const e of streamVotable(xml)) if (e.type === 'row') ras.push(e.values[0]);
 * ras; // => [10.5, 11]
 * ```
 */
export function streamVotable(input: TextSource, options: VotableReadOptions = {}): AsyncGenerator<VotableEvent, void, undefined> {
  return readEvents(input, options, false);
}

/** The events of a document; with `collect`, rows go into their tables instead of being yielded. */
async function* readEvents(input: TextSource, options: VotableReadOptions, collect: boolean): AsyncGenerator<VotableEvent, void, undefined> {
  const tokenizer = new XmlTokenizer(options.sourceName);
  const builder = new VotableBuilder(tokenizer, options.sourceName, collect);
  const tokens: XmlToken[] = [];
  const events: VotableEvent[] = [];
  const drain = function* (): Generator<VotableEvent, void, undefined> {
    for (const t of tokens) {
      builder.token(t, events);
      if (events.length > 0) {
        yield* events;
        events.length = 0;
      }
    }
    tokens.length = 0;
  };
  for await (const chunk of textChunks(input, options.sourceName)) {
    tokenizer.push(chunk, tokens);
    yield* drain();
  }
  tokenizer.end(tokens);
  yield* drain();
  yield { type: 'end', document: builder.finish() as VotableDocument };
}

/**
 * Parses a whole VOTable document: every resource and table with its rows (see {@link streamVotable}).
 *
 * @param input - the document (see {@link TextSource})
 * @param options - the source name for errors
 * @returns the document
 * @throws {ParseError} as {@link streamVotable}
 * @example
 * ```ts
 * const xml = `<?xml version="1.0"?>
 * <VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
 *  <RESOURCE type="results">
 *   <INFO name="QUERY_STATUS" value="OK"/>
 *   <TABLE>
 *    <FIELD name="name" datatype="char" arraysize="*"/>
 *    <FIELD name="obsid" datatype="int"><VALUES null="-1"/></FIELD>
 *    <FIELD name="flux" datatype="double" unit="erg/s/cm2" ucd="phot.flux"/>
 *    <DATA><TABLEDATA>
 *     <TR><TD>2CXO J110507.4-585105</TD><TD>-1</TD><TD>6.6e-16</TD></TR>
 *    </TABLEDATA></DATA>
 *   </TABLE>
 *  </RESOURCE>
 * </VOTABLE>`;
 * const doc = await parseVotable(xml);
 * const table = votableTables(doc)[0];
 * table.fields[2].unit; // => 'erg/s/cm2'
 * table.rows[0];        // => ['2CXO J110507.4-585105', NaN, 6.6e-16]
 * queryStatus(doc);     // => { status: 'OK', message: '' }
 * await parseVotable('<VOTABLE><RESOURCE><TABLE><FIELD name="n" datatype="int"/><DATA><TABLEDATA><TR><TD>1.5</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>', { sourceName: 'q.vot' });
 * // throws ParseError: malformed int "1.5" on line 1 (in q.vot, row 1, column "n")
 * ```
 */
export async function parseVotable(input: TextSource, options: VotableReadOptions = {}): Promise<VotableDocument> {
  for await (const e of readEvents(input, options, true)) if (e.type === 'end') return e.document;
  throw new ParseError('VOTable ended without its end', { source: options.sourceName });
}

/**
 * Every table of a document, in document order (the tables of a resource, then those of its nested
 * resources).
 *
 * @example
 * ```ts
 * votableTables({ infos: [], params: [], resources: [] }); // => []
 * ```
 */
export function votableTables(document: VotableDocument): VotableTable[] {
  const out: VotableTable[] = [];
  const walk = (r: VotableResource): void => {
    out.push(...r.tables);
    r.resources.forEach(walk);
  };
  document.resources.forEach(walk);
  return out;
}

/** A query's status as its VOTable reports it (DALI / TAP 1.1 §2.9: INFO `QUERY_STATUS`). */
export interface QueryStatus {
  /** `'OK'`, `'ERROR'`, `'OVERFLOW'`, or `undefined` when the document says nothing. */
  readonly status: 'OK' | 'ERROR' | 'OVERFLOW' | undefined;
  /** The service's message (the INFO's text), `''` when none. */
  readonly message: string;
}

/**
 * The query status of a service's answer: the `QUERY_STATUS` INFO of the results resource (TAP 1.1 §4.4 and
 * DALI 1.1 §4.4.1; an `OVERFLOW` after the table means the result was truncated at MAXREC). Where there are
 * several, `ERROR` wins over `OVERFLOW`, which wins over `OK`. A cone search's legacy `<INFO name="Error">`
 * (Simple Cone Search 1.03 §3) also reads as `ERROR`.
 *
 * @example
 * ```ts
 * queryStatus({ infos: [], params: [], resources: [{ infos: [{ name: 'QUERY_STATUS', value: 'ERROR', content: 'syntax error' }], params: [], tables: [], resources: [] }] });
 * // => { status: 'ERROR', message: 'syntax error' }
 * ```
 */
export function queryStatus(document: VotableDocument): QueryStatus {
  const infos: VotableInfo[] = [...document.infos];
  const walk = (r: VotableResource): void => {
    infos.push(...r.infos);
    for (const t of r.tables) infos.push(...t.infos);
    r.resources.forEach(walk);
  };
  document.resources.forEach(walk);
  let best: QueryStatus = { status: undefined, message: '' };
  const rank = { OK: 1, OVERFLOW: 2, ERROR: 3 } as const;
  for (const i of infos) {
    let status: 'OK' | 'ERROR' | 'OVERFLOW' | undefined;
    if (i.name === 'QUERY_STATUS') {
      const v = i.value.trim().toUpperCase();
      if (v === 'OK' || v === 'ERROR' || v === 'OVERFLOW') status = v;
    } else if (i.name.toLowerCase() === 'error' || i.ID?.toLowerCase() === 'error') status = 'ERROR';
    if (status === undefined) continue;
    if (best.status === undefined || rank[status] > rank[best.status]) best = { status, message: i.content ?? (i.name === 'QUERY_STATUS' ? '' : i.value) };
  }
  return best;
}
