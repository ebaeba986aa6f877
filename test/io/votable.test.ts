/**
 * The VOTable reader and writer: astropy-written fixtures in the three serializations
 * (test/fixtures/votable/generate.py), write → read round trips for every datatype and serialization (also
 * as property tests), VOTable → CSV → VOTable, streaming on any chunking, metadata, and errors that name the
 * source, line, row and column.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { ParseError } from '../../src/core/errors';
import { parseCsv } from '../../src/io/csv';
import { parseVotable, queryStatus, streamVotable, votableTables, type VotableDocument, type VotableTable } from '../../src/io/votable';
import { votableFromCsv, votableRecords, votableToCsv } from '../../src/io/votable-csv';
import type { VotableField, VotableSerialization, VotableValue } from '../../src/io/votable-datatypes';
import { formatVotable, votableChunks, votableDocument } from '../../src/io/votable-writer';
import { PROJECT_ROOT } from '../helpers/dist';

const FIXTURES = join(PROJECT_ROOT, 'test/fixtures/votable');
const SERIALIZATIONS: VotableSerialization[] = ['TABLEDATA', 'BINARY', 'BINARY2'];

/** The rows test/fixtures/votable/generate.py wrote. */
const ASTROPY_ROWS: VotableValue[][] = [
  [true, [true, false, true, true, false], 255, -32768, 2147483647, 6917528997577384320n, 'J110507.4-585105', 'ACIS', 'Ωμέγα', 14.25, 166.28875, [1.5, -2], [3, 0.25], [1, 2.5], [1, 2, 3]],
  [false, [false, false, false, false, true], 0, 7, -7, -1n, 'x', 'HRC', 'a', -0.5, -58.85, [0, 0], [-0, -1], [], [-1, 0, 1]],
  [true, [true, true, true, true, true], 1, 2, 3, 4n, '', '', '', Math.fround(1e-20), 1e300, [1, 1], [2, 2], [-1e-300], [7, 8, 9]],
];

/** Chunks of `text` of `size` characters. */
function* pieces(text: string, size: number): Generator<string> {
  for (let k = 0; k < text.length; k += size) yield text.slice(k, k + size);
}

describe('VOTable written by astropy', () => {
  it.each(['tabledata', 'binary', 'binary2'])('%s: every datatype reads as astropy wrote it', async (format) => {
    const doc = await parseVotable(readFileSync(join(FIXTURES, `astropy-${format}.vot`)), { sourceName: `astropy-${format}.vot` });
    const [table] = votableTables(doc);
    expect(table!.name).toBe('every_type');
    expect(table!.serialization).toBe(format.toUpperCase());
    expect(table!.fields.map((f) => f.datatype)).toEqual(['boolean', 'bit', 'unsignedByte', 'short', 'int', 'long', 'char', 'char', 'unicodeChar', 'float', 'double', 'floatComplex', 'doubleComplex', 'double', 'int']);
    expect(table!.fields[10]).toMatchObject({ name: 'd', unit: 'deg', ucd: 'pos.eq.ra;meta.main' });
    expect(table!.rows).toEqual(ASTROPY_ROWS);
    expect(queryStatus(doc)).toEqual({ status: 'OK', message: '' });
  });

  it('the same rows when the bytes arrive 7 at a time (a web stream)', async () => {
    const bytes = readFileSync(join(FIXTURES, 'astropy-binary2.vot'));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let k = 0; k < bytes.length; k += 7) controller.enqueue(new Uint8Array(bytes.subarray(k, k + 7)));
        controller.close();
      },
    });
    const rows: VotableValue[][] = [];
    for await (const e of streamVotable(stream)) if (e.type === 'row') rows.push(e.values);
    expect(rows).toEqual(ASTROPY_ROWS);
  });
});

const EVERY_TYPE: VotableField[] = [
  { name: 'b', datatype: 'boolean' },
  { name: 'bits', datatype: 'bit', arraysize: '*' },
  { name: 'u', datatype: 'unsignedByte' },
  { name: 's', datatype: 'short', null: '-999', description: 'a short with a null value' },
  { name: 'i', datatype: 'int', unit: 'ct', ucd: 'phot.count', utype: 'x:y', precision: '3', width: '8' },
  { name: 'l', datatype: 'long', null: '-9223372036854775808' },
  { name: 'c', datatype: 'char', arraysize: '*' },
  { name: 'c4', datatype: 'char', arraysize: '4' },
  { name: 'uc', datatype: 'unicodeChar', arraysize: '10*' },
  { name: 'f', datatype: 'float' },
  { name: 'd', datatype: 'double', ID: 'col_d' },
  { name: 'fc', datatype: 'floatComplex' },
  { name: 'dc', datatype: 'doubleComplex', arraysize: '2' },
  { name: 'm', datatype: 'double', arraysize: '2x*' },
  { name: 'ia', datatype: 'short', arraysize: '3' },
];
const EVERY_ROWS: VotableValue[][] = [
  [true, [true, false, true], 255, -5, 2147483647, 6917528997577384320n, 'hé <&> "q"', 'abc', 'Ωμέγα', 1.5, 0.1, [1, -2], [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3]],
  [null, [], 0, Number.NaN, -2147483648, null, '', 'ab', '', Number.NaN, Number.NaN, [Number.NaN, 0], [0, 0, 0, 0], [], [4, 5, 6]],
  [false, [false], 7, 32767, 0, -(1n << 62n), 'x', '', 'z', -Infinity, Infinity, [0.25, 0.5], [-1e-300, 1e300, 0, -0], [Number.MIN_VALUE, -Number.MAX_VALUE], [-32768, 0, 32767]],
];
const everyTable: VotableTable = { name: 'all', description: 'every datatype', fields: EVERY_TYPE, params: [], infos: [], rows: EVERY_ROWS };

describe('VOTable round trips', () => {
  it.each(SERIALIZATIONS)('%s: every datatype, arrays, nulls and metadata come back', async (serialization) => {
    const xml = await formatVotable(votableDocument([everyTable]), { serialization });
    const back = votableTables(await parseVotable(xml))[0]!;
    expect(back.rows).toEqual(EVERY_ROWS);
    expect(back.fields).toEqual(EVERY_TYPE);
    expect(back.serialization).toBe(serialization);
    expect(back).toMatchObject({ name: 'all', description: 'every datatype', nrows: 3 });
  });

  it.each(SERIALIZATIONS)('%s: read one character at a time gives the same rows', async (serialization) => {
    const xml = await formatVotable(votableDocument([everyTable]), { serialization });
    expect(votableTables(await parseVotable(pieces(xml, 1)))[0]!.rows).toEqual(EVERY_ROWS);
  });

  it('BINARY cannot say "missing" for an integer without a null value; BINARY2 and TABLEDATA can', async () => {
    const t: VotableTable = { fields: [{ name: 'n', datatype: 'int' }], params: [], infos: [], rows: [[Number.NaN]] };
    await expect(formatVotable(votableDocument([t]), { serialization: 'BINARY' })).rejects.toThrow(/needs a null value.*row 1, column "n"/);
    for (const s of ['BINARY2', 'TABLEDATA'] as const) expect(votableTables(await parseVotable(await formatVotable(votableDocument([t]), { serialization: s })))[0]!.rows).toEqual([[Number.NaN]]);
  });

  it('property: random tables of doubles, ints, longs, floats and text round-trip through each serialization and through CSV', async () => {
    const fields: VotableField[] = [
      { name: 'd', datatype: 'double' },
      { name: 'i', datatype: 'int' },
      { name: 'l', datatype: 'long' },
      { name: 'f', datatype: 'float' },
      { name: 't', datatype: 'unicodeChar', arraysize: '*' },
      { name: 'a', datatype: 'double', arraysize: '*' },
    ];
    const row = fc.tuple(
      fc.oneof(fc.double(), fc.constant(Number.NaN)),
      fc.oneof(fc.integer({ min: -2147483648, max: 2147483647 }), fc.constant(Number.NaN)),
      fc.oneof(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), fc.constant(null)),
      fc.float({ noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
      fc.string({ unit: fc.constantFrom('a', 'é', 'Ω', ' ', '<', '&', '"', ',', '\n') }),
      fc.array(fc.double({ noNaN: true }), { maxLength: 4 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 8 }), fc.constantFrom<VotableSerialization>('TABLEDATA', 'BINARY2'), async (rows, serialization) => {
        const table: VotableTable = { fields, params: [], infos: [], rows: rows as VotableValue[][] };
        const back = votableTables(await parseVotable(await formatVotable(votableDocument([table]), { serialization })))[0]!;
        expect(back.rows).toEqual(rows);
        const viaCsv = votableFromCsv(parseCsv(votableToCsv(table)), { fields });
        expect(viaCsv.rows).toEqual(rows.map((r) => r.map((v, j) => (j === 4 ? v : v))));
      }),
      { numRuns: 60, seed: 13 },
    );
  });
});

describe('VOTable and CSV', () => {
  it('every datatype goes to CSV and back with the fields (missing text becomes empty text)', () => {
    const back = votableFromCsv(parseCsv(votableToCsv(everyTable)), { fields: EVERY_TYPE });
    expect(back.rows).toEqual(EVERY_ROWS.map((r) => r.map((v, j) => (v === null && (j === 6 || j === 8) ? '' : v))));
  });

  it('cells are TABLEDATA text: 64-bit integers exact, booleans T/F, arrays blank-separated, missing empty', () => {
    expect(votableRecords(everyTable)[0]).toMatchObject({ l: '6917528997577384320', b: 'T', bits: '101', ia: '1 2 3', fc: '1 -2' });
    expect(votableRecords(everyTable)[1]).toMatchObject({ b: '', s: '', l: '', f: '', c: '' });
  });

  it('without fields the datatypes are inferred, and integer columns with gaps get a null value', async () => {
    const t = votableFromCsv(parseCsv('name,obsid,big,flux,flag\nA,12,9007199254740993,1.5e-14,true\nB,,1,,F\n'));
    expect(t.fields).toEqual([
      { name: 'name', datatype: 'char', arraysize: '*' },
      { name: 'obsid', datatype: 'int', null: '-2147483648' },
      { name: 'big', datatype: 'long' },
      { name: 'flux', datatype: 'double' },
      { name: 'flag', datatype: 'boolean' },
    ]);
    expect(t.rows).toEqual([
      ['A', 12, 9007199254740993n, 1.5e-14, true],
      ['B', Number.NaN, 1n, Number.NaN, false],
    ]);
    expect(votableTables(await parseVotable(await formatVotable(votableDocument([t]), { serialization: 'BINARY' })))[0]!.rows).toEqual(t.rows);
  });
});

const NESTED = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE VOTABLE>
<VOTABLE version="1.3" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
 <DESCRIPTION>two resources</DESCRIPTION>
 <INFO name="provider" value="test">made for a test</INFO>
 <RESOURCE name="r1" type="results">
  <INFO name="QUERY_STATUS" value="OK"/>
  <PARAM name="epoch" datatype="double" value="2016.0" unit="yr"/>
  <TABLE name="t1">
   <FIELD name="id" datatype="int"/>
   <FIELD name="note" datatype="char" arraysize="*"><DESCRIPTION>free text</DESCRIPTION></FIELD>
   <DATA><TABLEDATA>
    <TR><TD>1</TD><TD><![CDATA[a <b> & c]]></TD></TR>
    <TR><TD>2</TD></TR>
   </TABLEDATA></DATA>
  </TABLE>
  <RESOURCE name="inner">
   <TABLE name="t2"><FIELD name="x" datatype="float"/><DATA><TABLEDATA><TR><TD>0.5</TD></TR></TABLEDATA></DATA></TABLE>
  </RESOURCE>
  <TABLE name="t3"><FIELD name="y" datatype="short"/><DATA><TABLEDATA><TR><TD>0x10</TD></TR></TABLEDATA></DATA></TABLE>
  <INFO name="QUERY_STATUS" value="OVERFLOW"/>
 </RESOURCE>
 <!-- a comment -->
 <RESOURCE name="r2" type="meta"><TABLE name="empty"><FIELD name="z" datatype="double"/></TABLE></RESOURCE>
</VOTABLE>`;

describe('VOTable structure', () => {
  it('nested resources, several tables, PARAMs, INFOs, descriptions, CDATA, missing trailing cells', async () => {
    const doc: VotableDocument = await parseVotable(NESTED);
    expect(doc.version).toBe('1.3');
    expect(doc.description).toBe('two resources');
    expect(doc.infos).toEqual([{ name: 'provider', value: 'test', content: 'made for a test' }]);
    const [r1, r2] = doc.resources;
    expect(r1!.params[0]).toMatchObject({ name: 'epoch', unit: 'yr', value: '2016.0', parsed: 2016 });
    expect(r1!.infos.map((i) => i.value)).toEqual(['OK', 'OVERFLOW']);
    expect(r1!.tables.map((t) => t.name)).toEqual(['t1', 't3']);
    expect(r1!.resources[0]!.tables[0]!.rows).toEqual([[0.5]]);
    expect(r1!.tables[0]!.rows).toEqual([
      [1, 'a <b> & c'],
      [2, null],
    ]);
    expect(r1!.tables[0]!.fields[1]!.description).toBe('free text');
    expect(r1!.tables[1]!.rows).toEqual([[16]]);
    expect(r2!.tables[0]).toMatchObject({ name: 'empty', rows: [] });
    expect(votableTables(doc).map((t) => t.name)).toEqual(['t1', 't3', 't2', 'empty']);
    expect(queryStatus(doc).status).toBe('OVERFLOW');
  });

  it('streams events: each table, then its rows, then the document', async () => {
    const events = [];
    for await (const e of streamVotable(NESTED)) events.push(e.type === 'row' ? `row ${e.table}:${e.row}` : e.type === 'table' ? `table ${e.index} ${e.table.name}` : 'end');
    expect(events).toEqual(['table 0 t1', 'row 0:1', 'row 0:2', 'table 1 t2', 'row 1:1', 'table 2 t3', 'row 2:1', 'end']);
  });

  it('writes and reads back the structure (OVERFLOW after the tables)', async () => {
    const doc = await parseVotable(NESTED);
    const again = await parseVotable(await formatVotable(doc, { serialization: 'BINARY2' }));
    expect(again.resources[0]!.infos.map((i) => i.value)).toEqual(['OK', 'OVERFLOW']);
    expect(votableTables(again).map((t) => t.rows)).toEqual(votableTables(doc).map((t) => t.rows));
    expect(again.resources[0]!.params).toEqual(doc.resources[0]!.params);
  });

  it('votableChunks writes a large table in pieces', async () => {
    const rows = Array.from({ length: 2500 }, (_, k) => [k]);
    const t: VotableTable = { fields: [{ name: 'k', datatype: 'int' }], params: [], infos: [], rows };
    let n = 0;
    let xml = '';
    for await (const p of votableChunks(votableDocument([t]), { serialization: 'BINARY', rowsPerChunk: 1000 })) {
      n++;
      xml += p;
    }
    expect(n).toBeGreaterThan(4);
    expect(votableTables(await parseVotable(xml))[0]!.rows).toEqual(rows);
  });
});

describe('VOTable errors name the source, line, row and column', () => {
  const wrap = (data: string, fields = '<FIELD name="n" datatype="int"/><FIELD name="x" datatype="double"/>') =>
    `<VOTABLE>\n<RESOURCE>\n<TABLE>${fields}\n<DATA>${data}</DATA></TABLE></RESOURCE></VOTABLE>`;
  it.each([
    [wrap('<TABLEDATA>\n<TR><TD>1</TD><TD>x</TD></TR></TABLEDATA>'), /malformed double "x" on line 5 \(in q\.vot, row 1, column "x"\)/],
    [wrap('<TABLEDATA>\n<TR><TD>1</TD><TD>2</TD><TD>3</TD></TR></TABLEDATA>'), /more cells than the 2 fields on line 5 \(in q\.vot, row 1\)/],
    [wrap('<TABLEDATA>\n<TR><TD>3000000000</TD></TR></TABLEDATA>'), /int 3000000000 is outside .* \(in q\.vot, row 1, column "n"\)/],
    [wrap('<BINARY><STREAM encoding="base64">AAAAAQ==</STREAM></BINARY>'), /binary stream ends inside row 1 .*in q\.vot, row 1/],
    [wrap('<BINARY><STREAM encoding="base64">AA*A</STREAM></BINARY>'), /malformed base64/],
    [wrap('<BINARY><STREAM href="file:///x.bin"/></BINARY>'), /external file/],
    [wrap('<FITS/>'), /FITS data inside a VOTable is not supported/],
    [wrap('<TABLEDATA><TR><TD>1</TD></TABLEDATA>'), /closing tag <\/TABLEDATA> does not match <TR> on line 4 \(in q\.vot\)/],
    ['<VOTABLE><RESOURCE>', /<RESOURCE> is not closed/],
    ['<html><body/></html>', /not a VOTable/],
    [wrap('', '<FIELD name="n" datatype="integer"/>'), /unknown datatype "integer".*column "n"/],
    [wrap('', '<FIELD name="n" datatype="int" arraysize="*x3"/>'), /malformed arraysize "\*x3"/],
    [wrap('<TABLEDATA><TR><TD>&bogus;</TD></TR></TABLEDATA>'), /unknown entity "&bogus;"/],
  ])('%#', async (xml, message) => {
    const error = await parseVotable(xml, { sourceName: 'q.vot' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(message);
  });

  it('a malformed boolean in a BINARY stream names the row, column and byte', async () => {
    // row 1: int 1, double 0; row 2: int 2, then a boolean byte "x"
    const fields = '<FIELD name="n" datatype="int"/><FIELD name="flag" datatype="boolean"/>';
    const bytes = Uint8Array.from([0, 0, 0, 1, 84, 0, 0, 0, 2, 120]);
    const b64 = btoa(String.fromCharCode(...bytes));
    const error = await parseVotable(wrap(`<BINARY><STREAM encoding="base64">${b64}</STREAM></BINARY>`, fields), { sourceName: 'b.vot' }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('malformed boolean "x" at byte 9 of the binary stream (in b.vot, row 2, column "flag")');
  });

  it('a binary stream cut inside a row names the row and the bytes left', async () => {
    // two fields, one row of 4 + 4 bytes: only 6 arrive
    const error = await parseVotable(wrap('<BINARY><STREAM encoding="base64">AAAAAQAA</STREAM></BINARY>'), { sourceName: 'b.vot' }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/ends inside row 1 \(6 bytes left at byte 0/);
  });
});
