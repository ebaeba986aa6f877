/**
 * CSV: the pure parser and formatter on strings and streams (`parseCsv`, `streamCsv`, `formatCsv`,
 * `formatCsvRow`), the file adapter of `muwclass/node` (`readCsv`, `readCsvHeader`, `readTable`, `writeCsv`),
 * and a cross-check of the parser against an independent one, fast-csv, on the paper's training set and a CSC
 * per-observation table.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parseString } from 'fast-csv';
import { describe, expect, it } from 'vitest';

import { csvLines, dedupeHeaders, formatCsv, formatCsvRow, parseCsv, parseRecord, parseTable, streamCsv, type CellValue, type CsvOptions, type CsvRecord, type CsvTable } from '../../src/io/csv';
import { parseNumberCell } from '../../src/io/cells';
import type { TextSource } from '../../src/io/text-source';
import { InvalidArgumentError, InvalidValueError, MalformedNumberError, MissingColumnError, ParseError } from '../../src/core/errors';
import { readCsv, readCsvHeader, readTable, writeCsv } from '../../src/node';
import { describeWithData, sharedData } from '../helpers/shared-data';

const dir = mkdtempSync(join(tmpdir(), 'muwclass-csv-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The rows of a parsed table as arrays of cells in column order. */
const cellsOf = (t: { readonly columns: readonly string[]; readonly records: readonly CsvRecord[] }): string[][] =>
  t.records.map((r) => t.columns.map((c) => r.cells[c]!));

/** Reads a whole stream with `streamCsv` into the shape `parseCsv` returns. */
async function streamAll(input: TextSource, options?: CsvOptions): Promise<CsvTable> {
  const csv = await streamCsv(input, options);
  const records: CsvRecord[] = [];
  for await (const r of csv.records) records.push(r);
  return { columns: csv.columns, records };
}

/** `text` cut at the given offsets (ascending). */
function cut<T extends string | Uint8Array>(text: T, at: readonly number[]): T[] {
  const bounds = [0, ...at, text.length];
  return bounds.slice(1).map((end, k) => text.slice(bounds[k], end) as T);
}

/** The error a function throws. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

/** The error a promise rejects with. */
async function rejected(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('dedupeHeaders', () => {
  it('suffixes repeats like pandas', () => {
    expect(dedupeHeaders(['a', 'b', 'a', 'a'])).toEqual(['a', 'b', 'a.1', 'a.2']);
    expect(dedupeHeaders(['a', 'a.1', 'a'])).toEqual(['a', 'a.1', 'a.2']);
  });
});

describe('parseCsv', () => {
  it('reads the header and the data rows, numbering data rows from 1', () => {
    const t = parseCsv('name,Fb\nA,1e-14\nB,2e-14\n');
    expect(t.columns).toEqual(['name', 'Fb']);
    expect(t.records).toEqual([
      { row: 1, cells: { name: 'A', Fb: '1e-14' } },
      { row: 2, cells: { name: 'B', Fb: '2e-14' } },
    ]);
  });

  it('reads quoted fields: "" escapes, embedded delimiters and line breaks (RFC 4180)', () => {
    const t = parseCsv('a,b,c\n"x, y","say ""hi""","line 1\nline 2"\n"","""",plain\n"cr\r\nlf",2,3\n');
    expect(cellsOf(t)).toEqual([
      ['x, y', 'say "hi"', 'line 1\nline 2'],
      ['', '"', 'plain'],
      ['cr\r\nlf', '2', '3'],
    ]);
    expect(t.records.map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it('takes LF, CRLF and CR line ends, with or without a final line end', () => {
    const expected = [
      ['1', '2'],
      ['3', '4'],
    ];
    for (const text of ['a,b\n1,2\n3,4\n', 'a,b\r\n1,2\r\n3,4\r\n', 'a,b\r1,2\r3,4\r', 'a,b\n1,2\n3,4', 'a,b\r\n1,2\r3,4']) {
      const t = parseCsv(text);
      expect(t.columns, JSON.stringify(text)).toEqual(['a', 'b']);
      expect(cellsOf(t), JSON.stringify(text)).toEqual(expected);
    }
  });

  it('skips blank lines (empty or white space only) and does not count them as rows', () => {
    const t = parseCsv('a,b\n\n1,2\n   \n\r\n3,4\n\n\n');
    expect(cellsOf(t)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(t.records.map((r) => r.row)).toEqual([1, 2]);
  });

  it('drops a leading byte-order mark', () => {
    const t = parseCsv('\uFEFFname,x\nA,1\n');
    expect(t.columns).toEqual(['name', 'x']);
    expect(t.records[0]!.cells.name).toBe('A');
  });

  it('trims header names, keeps cells as written, and de-duplicates header names only when asked to', () => {
    const t = parseCsv(' a , b ,a\n x ,,\n1,2,3\n', { duplicateColumns: 'rename' });
    expect(t.columns).toEqual(['a', 'b', 'a.1']);
    expect(t.records[0]!.cells).toEqual({ a: ' x ', b: '', 'a.1': '' });
    expect(t.records[1]!.cells).toEqual({ a: '1', b: '2', 'a.1': '3' });
    expect(() => parseCsv('a\n1\n', { duplicateColumns: 'keep' as 'rename' })).toThrow(InvalidArgumentError);
  });

  it('throws ParseError for a repeated column name, naming both 1-based positions (a silently dropped copy was the old behaviour)', () => {
    const e = thrown(() => parseCsv('name,Fs, Fb ,Fs\nA,1,2,3\n', { sourceName: 'dup.csv' }));
    expect(e).toBeInstanceOf(ParseError);
    expect((e as ParseError).location).toEqual({ source: 'dup.csv', row: 0, column: 'Fs' });
    expect((e as ParseError).message).toBe(
      'column name "Fs" appears twice, as columns 2 and 4 (rename one, or read with duplicateColumns: \'rename\') (in dup.csv, row 0, column "Fs")',
    );
    // names differing only by blanks around them are the same column once trimmed
    expect(() => parseCsv('Fb, Fb\n1,2\n')).toThrow('as columns 1 and 2');
    // two unnamed columns are a repeat too
    expect(() => parseCsv('a,,\n1,2,3\n')).toThrow('column name "" appears twice, as columns 2 and 3');
    // a literal ".1" name (a CSC per-observation copy) is not a repeat
    expect(parseCsv('flux,flux.1\n1,2\n').columns).toEqual(['flux', 'flux.1']);
  });

  it('throws ParseError for a column named __proto__, even when renaming repeats', () => {
    for (const duplicateColumns of ['error', 'rename'] as const) {
      const e = thrown(() => parseCsv('name, __proto__ \nA,1\n', { sourceName: 'p.csv', duplicateColumns }));
      expect(e).toBeInstanceOf(ParseError);
      expect((e as ParseError).message).toBe('column 2 is named "__proto__", which cannot be a column name (in p.csv, row 0, column "__proto__")');
    }
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps cells in null-prototype records: columns named constructor, toString, hasOwnProperty read as their cells', () => {
    const t = parseCsv('constructor,toString,hasOwnProperty,valueOf\nA,B,C,D\n');
    const cells = t.records[0]!.cells;
    expect(Object.getPrototypeOf(cells)).toBeNull();
    expect([cells.constructor, cells.toString, cells.hasOwnProperty, cells.valueOf]).toEqual(['A', 'B', 'C', 'D']);
    expect(formatCsv(t.columns, t.records.map((r) => r.cells))).toBe('constructor,toString,hasOwnProperty,valueOf\nA,B,C,D\n');
    // an absent key named like an Object.prototype member is an empty cell, not "function Object() …"
    expect(formatCsv(['name', 'constructor', 'toString'], [{ name: 'A' }])).toBe('name,constructor,toString\nA,,\n');
  });

  it('throws InvalidValueError for a row shorter than the header (it used to be padded with empty cells), naming the source and row', () => {
    const e = thrown(() => parseCsv('name,x,y\nA,1,2\n\nB,2\n', { sourceName: 'short.csv' }));
    expect(e).toBeInstanceOf(InvalidValueError);
    expect((e as InvalidValueError).location).toEqual({ source: 'short.csv', row: 2 });
    expect((e as InvalidValueError).message).toBe('row has 2 cells but the header has 3 (in short.csv, row 2)');
    expect(() => parseCsv('a,b\n1\n')).toThrow('row has 1 cell but the header has 2');
    // a row of empty cells has every cell; a line of blanks is skipped, not a short row
    expect(cellsOf(parseCsv('a,b\n,\n   \n'))).toEqual([['', '']]);
  });

  it('takes another one-character delimiter, and rejects a delimiter that cannot be one', () => {
    const t = parseCsv('a;b\n"1;x";2,5\n', { delimiter: ';' });
    expect(cellsOf(t)).toEqual([['1;x', '2,5']]);
    for (const delimiter of ['', ';;', '"', '\n', '\r']) expect(() => parseCsv('a\n', { delimiter })).toThrow(InvalidArgumentError);
  });

  it('gives no columns and no rows for empty text, and no rows for a header alone', () => {
    expect(parseCsv('')).toEqual({ columns: [], records: [] });
    expect(parseCsv('a,b\n')).toEqual({ columns: ['a', 'b'], records: [] });
  });

  it('throws ParseError for an unclosed quote, naming the source and a row', () => {
    const e = thrown(() => parseCsv('name,x\nA,1\n"B,2\nC,3\n', { sourceName: 'field.csv' }));
    expect(e).toBeInstanceOf(ParseError);
    expect((e as ParseError).code).toBe('PARSE_ERROR');
    expect((e as ParseError).location.source).toBe('field.csv');
    expect((e as ParseError).location.row).toBe(2);
    expect((e as ParseError).message).toBe('unclosed quote (opened on line 3) (in field.csv, row 2)');
  });

  it('throws ParseError for text after a closing quote, naming the source and a row', () => {
    for (const text of ['name,x\n"A"B,1\n', 'name,x\n"A" ,1\n', 'name,x\nA,"1"2\n']) {
      const e = thrown(() => parseCsv(text, { sourceName: 'field.csv' }));
      expect(e, JSON.stringify(text)).toBeInstanceOf(ParseError);
      expect((e as ParseError).message).toMatch(/^unexpected ".*" after a closing quote .*\(in field\.csv, row \d+\)$/);
    }
  });

  it('names the 1-based data row of a ParseError, as of every other CSV error (header = row 0)', () => {
    expect((thrown(() => parseCsv('name,x\nA,1\n"B,2\n', { sourceName: 'f.csv' })) as ParseError).location.row).toBe(2);
    expect((thrown(() => parseCsv('name,x\n\n"A\nB",1\n"C"D,2\n', { sourceName: 'f.csv' })) as ParseError).location.row).toBe(2);
  });

  it('throws InvalidValueError for a row longer than the header, naming the source and the data row', () => {
    const e = thrown(() => parseCsv('name,x\nA,1\n\nB,2,3\n', { sourceName: 'long.csv' }));
    expect(e).toBeInstanceOf(InvalidValueError);
    expect((e as InvalidValueError).location).toEqual({ source: 'long.csv', row: 2 });
    expect((e as InvalidValueError).message).toBe('row has 3 cells but the header has 2 (in long.csv, row 2)');
  });
});

describe('streamCsv', () => {
  /** Quotes with "" escapes, embedded delimiters and CRLF, CRLF and CR line ends, blank lines, 2-, 3- and 4-byte characters. */
  const tricky =
    '\uFEFFname,note,Fb\r\n' +
    '"Gaia, DR3","say ""ok""\r\nsecond line",1.5e-14\r\n' +
    '\r\n' +
    'Zoë 中,"😀,""",2e-15\r' +
    'plain,,3\n' +
    '"",x,"4"\n';
  const expected = parseCsv(tricky);

  it('parses the test text as expected (the reference for the chunked reads)', () => {
    expect(expected.columns).toEqual(['name', 'note', 'Fb']);
    expect(cellsOf(expected)).toEqual([
      ['Gaia, DR3', 'say "ok"\r\nsecond line', '1.5e-14'],
      ['Zoë 中', '😀,"', '2e-15'],
      ['plain', '', '3'],
      ['', 'x', '4'],
    ]);
    expect(expected.records.map((r) => r.row)).toEqual([1, 2, 3, 4]);
  });

  it('gives what parseCsv gives for a string, and for the text in one chunk', async () => {
    expect(await streamAll(tricky)).toEqual(expected);
    expect(await streamAll([tricky])).toEqual(expected);
    expect(await streamAll(new TextEncoder().encode(tricky))).toEqual(expected);
  });

  it('gives the same rows however string chunks split the text: inside quoted fields, "" escapes and CRLF', async () => {
    const splits = [
      tricky.indexOf('Gaia'), // inside a quoted field
      tricky.indexOf('""ok') + 1, // between the two quotes of an escape
      tricky.indexOf('\r\nsecond') + 1, // inside a CRLF inside quotes
      tricky.indexOf(',1.5e-14'), // right after a closing quote
      tricky.indexOf('1.5e-14\r\n') + 8, // inside a CRLF line end
    ];
    expect(await streamAll(cut(tricky, splits))).toEqual(expected);
    for (let i = 1; i < tricky.length; i++) expect(await streamAll(cut(tricky, [i])), `split at ${i}`).toEqual(expected);
    expect(await streamAll([...tricky])).toEqual(expected); // one UTF-16 code unit per chunk
  });

  it('gives the same rows however byte chunks split the text, inside multi-byte UTF-8 characters too', async () => {
    const bytes = new TextEncoder().encode(tricky);
    const emoji = bytes.indexOf(0xf0); // first byte of 😀 (4 bytes)
    const han = bytes.indexOf(0xe4); // first byte of 中 (3 bytes)
    expect(await streamAll(cut(bytes, [1, 2, han + 1, han + 2, emoji + 1, emoji + 2, emoji + 3]))).toEqual(expected);
    for (let i = 1; i < bytes.length; i++) expect(await streamAll(cut(bytes, [i])), `split at byte ${i}`).toEqual(expected);
    expect(await streamAll(Array.from(bytes, (b) => Uint8Array.of(b)))).toEqual(expected); // one byte per chunk
  });

  it('reads async iterables and web ReadableStreams of bytes (Blob.stream()) or strings', async () => {
    const bytes = new TextEncoder().encode(tricky);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (const c of cut(bytes, [5, 40, 41, 90])) yield c;
    }
    expect(await streamAll(chunks())).toEqual(expected);
    expect(await streamAll(new Blob([bytes.slice(0, 50), bytes.slice(50)]).stream())).toEqual(expected);
    const strings = new ReadableStream<string>({
      start(controller) {
        for (const c of cut(tricky, [3, 30, 31, 70])) controller.enqueue(c);
        controller.close();
      },
    });
    expect(await streamAll(strings)).toEqual(expected);
  });

  it('resolves with the header before the rest arrives, and yields rows as they arrive', async () => {
    let sent = 0;
    async function* slow(): AsyncGenerator<string> {
      for (const c of ['a,b\n', '1,2\n', '3,4\n']) {
        sent++;
        yield c;
      }
    }
    const csv = await streamCsv(slow());
    expect(csv.columns).toEqual(['a', 'b']);
    expect(sent).toBe(1);
    const first = await csv.records.next();
    expect(first.value).toEqual({ row: 1, cells: { a: '1', b: '2' } });
    expect(sent).toBe(2);
  });

  it('releases the input when the reading stops early', async () => {
    let closed = false;
    async function* lines(): AsyncGenerator<string> {
      try {
        for (let i = 0; ; i++) yield i === 0 ? 'a,b\n' : `${i},${i}\n`;
      } finally {
        closed = true;
      }
    }
    const csv = await streamCsv(lines());
    for await (const r of csv.records) if (r.row === 3) break;
    expect(closed).toBe(true);
  });

  // `records.return()` before the first row (as `readCsvHeader` and a missing-column check do) releases the input:
  // a web stream is cancelled, a file closed.
  it('releases the input when the reading stops before the first row (readCsvHeader)', async () => {
    let cancelled = false;
    const stream = new ReadableStream<string>({
      pull: (controller) => controller.enqueue('a,b\n1,2\n'),
      cancel: () => {
        cancelled = true;
      },
    });
    const header = await streamCsv(stream);
    await header.records.return(undefined);
    expect(header.columns).toEqual(['a', 'b']);
    expect(cancelled).toBe(true);
  });

  it('throws ParseError naming the source for bytes that are not UTF-8, whole or cut mid-character', async () => {
    const bad = Uint8Array.of(...new TextEncoder().encode('a,b\n1,'), 0xff, 0xfe, 0x0a);
    for (const input of [bad, cut(bad, [4, 7]), new Blob([bad]).stream()] as TextSource[]) {
      const e = await rejected(streamAll(input, { sourceName: 'binary.dat' }));
      expect(e).toBeInstanceOf(ParseError);
      expect((e as ParseError).message).toBe('not UTF-8 text (a binary file?) (in binary.dat)');
    }
    const truncated = new TextEncoder().encode('a,b\n1,中').slice(0, -1); // last character cut short
    expect(await rejected(streamAll(truncated, { sourceName: 'cut.csv' }))).toBeInstanceOf(ParseError);
    expect(await rejected(streamAll(cut(truncated, [5]), { sourceName: 'cut.csv' }))).toBeInstanceOf(ParseError);
  });

  it('throws the errors of parseCsv from the rows: unclosed quote, text after a closing quote, long row', async () => {
    for (const [text, type] of [
      ['a,b\n1,2\n"3,4\n', ParseError],
      ['a,b\n1,2\n"3"x,4\n', ParseError],
      ['a,b\n1,2\n3,4,5\n', InvalidValueError],
    ] as const) {
      const csv = await streamCsv(cut(text, [5, 9]), { sourceName: 's.csv' });
      const seen: number[] = [];
      const e = await rejected(
        (async () => {
          for await (const r of csv.records) seen.push(r.row);
        })(),
      );
      expect(e, JSON.stringify(text)).toBeInstanceOf(type);
      expect((e as Error).message).toContain('in s.csv, row ');
      expect(seen).toEqual([1]); // the good row before it came through
      expect((e as Error).message).toBe((thrown(() => parseCsv(text, { sourceName: 's.csv' })) as Error).message);
    }
  });
});

describe('formatCsvRow and formatCsv', () => {
  it('quotes cells with a comma, quote or line break, writes numbers at full precision and missing values empty', () => {
    expect(formatCsvRow(['src, 1', 'say "hi"', 'a\nb', 'c\rd', ' e ', 1.5e-14, 0.1 + 0.2, Number.NaN, undefined, null, true, false])).toBe(
      '"src, 1","say ""hi""","a\nb","c\rd", e ,1.5e-14,0.30000000000000004,,,,true,false\n',
    );
    expect(formatCsv(['name', 'Fb'], [{ name: 'src 1', Fb: 1.5e-14 }, { name: 'src 2' }])).toBe('name,Fb\nsrc 1,1.5e-14\nsrc 2,\n');
    expect(formatCsv(['a'], [])).toBe('a\n');
  });

  it('round-trips through parseCsv: every string cell as written, every number to the same double', () => {
    const columns = ['name', 'note', 'x', 'flag'];
    const rows: Record<string, CellValue>[] = [
      { name: 'src, 1', note: 'say "hi"', x: 0.1 + 0.2, flag: true },
      { name: 'multi\nline', note: 'crlf\r\ninside', x: 5e-324, flag: false },
      { name: ' padded ', note: 'cr\ronly', x: -1.7976931348623157e308 },
      { name: 'Zoë 中 😀', note: '""', x: Number.NaN },
      { name: '"', note: ',', x: 1.2345678901234568e20 },
      { name: 'last', x: 1e-17 },
    ];
    const text = formatCsv(columns, rows);
    const t = parseCsv(text);
    expect(t.columns).toEqual(columns);
    expect(t.records).toHaveLength(rows.length);
    t.records.forEach((r, i) => {
      const row = rows[i]!;
      expect(r.cells.name).toBe(row.name);
      expect(r.cells.note).toBe(row.note ?? '');
      const x = parseNumberCell(r.cells.x);
      if (Number.isNaN(row.x as number)) expect(x).toBeNaN();
      else expect(x).toBe(row.x);
      expect(r.cells.flag).toBe(row.flag === undefined ? '' : String(row.flag));
    });
  });

  it('writes the same text as formatCsvRow line by line, and parses back through streamCsv in small chunks', async () => {
    const columns = ['a', 'b'];
    const rows = [{ a: 'x, "y"', b: 1 }, { a: 'z\r\nw', b: 2 }];
    const text = formatCsv(columns, rows);
    expect(text).toBe(formatCsvRow(columns) + rows.map((r) => formatCsvRow([r.a, r.b])).join(''));
    expect(await streamAll(cut(text, [1, 5, 12, 13, 20]))).toEqual(parseCsv(text));
  });
});

describe('readTable', () => {
  const schema = { name: { type: 'string' }, x: { type: 'number' }, flag: { type: 'boolean', required: false } } as const;

  it('parses typed rows; empty is missing', async () => {
    const path = file('ok.csv', 'name,x,flag\n a ,1.5,TRUE\nb,,\n\n');
    const rows = [];
    for await (const r of readTable(path, schema)) rows.push(r);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ name: 'a', x: 1.5, flag: true });
    expect(rows[1]!.x).toBeNaN();
    expect(rows[1]!.flag).toBeUndefined();
  });

  it('names the file and column of a missing required column', async () => {
    const path = file('nocol.csv', 'name,flag\na,TRUE\n');
    await expect(async () => {
      for await (const _ of readTable(path, schema)) void _;
    }).rejects.toThrow(MissingColumnError);
    await expect(async () => {
      for await (const _ of readTable(path, schema, { sourceName: 'nocol.csv' })) void _;
    }).rejects.toThrow('missing required column "x" in nocol.csv');
  });

  it('names the file, row and column of a malformed number', async () => {
    const path = file('bad.csv', 'name,x\na,1\nb,1..2\n');
    await expect(async () => {
      for await (const _ of readTable(path, schema, { sourceName: 'bad.csv' })) void _;
    }).rejects.toThrow(new MalformedNumberError('1..2', { source: 'bad.csv', row: 2, column: 'x' }).message);
  });

  it('rejects a row longer than the header', async () => {
    const path = file('long.csv', 'name,x\na,1,2\n');
    await expect(async () => {
      for await (const _ of readCsv(path)) void _;
    }).rejects.toThrow(/row 1/);
  });
});

describe('readCsv and readCsvHeader', () => {
  it('read a file by path, naming the path in errors by default', async () => {
    const path = file('quoted.csv', '\uFEFFname,name,note\r\n"A, 1",x,"two\r\nlines"\r\n');
    expect(await readCsvHeader(path, { duplicateColumns: 'rename' })).toEqual(['name', 'name.1', 'note']);
    await expect(readCsvHeader(path)).rejects.toThrow(`column name "name" appears twice, as columns 1 and 2 (rename one, or read with duplicateColumns: 'rename') (in ${path}, row 0, column "name")`);
    const records = [];
    for await (const r of readCsv(path, { duplicateColumns: 'rename' })) records.push(r);
    expect(records).toEqual([{ row: 1, cells: { name: 'A, 1', 'name.1': 'x', note: 'two\r\nlines' } }]);
    const bad = file('unclosed.csv', 'a,b\n"1,2\n');
    await expect(async () => {
      for await (const _ of readCsv(bad)) void _;
    }).rejects.toThrow(`in ${bad}`);
  });
});

describe('writeCsv', () => {
  it('writes full precision, empty for missing, quotes where needed, and reads back', async () => {
    const path = join(dir, 'out.csv');
    const x = 0.1 + 0.2;
    await writeCsv(path, ['name', 'x', 'y'], [{ name: 'src, 1', x, y: Number.NaN }, { name: 'b', x: 1e-17 }]);
    expect(readFileSync(path, 'utf8')).toBe('name,x,y\n"src, 1",0.30000000000000004,\nb,1e-17,\n');
    const rows = [];
    for await (const r of readTable(path, { name: { type: 'string' }, x: { type: 'number' }, y: { type: 'number' } })) rows.push(r);
    expect(rows[0]!.x).toBe(x);
    expect(rows[0]!.name).toBe('src, 1');
    expect(rows[1]!.y).toBeNaN();
  });

  it('writes the text formatCsv makes', async () => {
    const path = join(dir, 'same.csv');
    const rows = [{ a: 'q"uote', b: 1 }, { a: 'line\nbreak', b: Number.NaN }];
    await writeCsv(path, ['a', 'b'], rows);
    expect(readFileSync(path, 'utf8')).toBe(formatCsv(['a', 'b'], rows));
  });
});

/** Every row of a CSV text as fast-csv reads it (no header handling, blank rows ignored). */
function fastCsvRows(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString<string[], string[]>(text, { headers: false, ignoreEmpty: true })
      .on('error', reject)
      .on('data', (row: string[]) => rows.push(row))
      .on('end', () => resolve(rows));
  });
}

describeWithData(
  'parseCsv against fast-csv (an independent RFC 4180 parser) on the reference data',
  ['td/muwclass_td_cscv2.csv', 'csc-perobs/NGC3532_per.csv'],
  () => {
    it.each([
      ['the paper\'s training set (CRLF line ends, quoted cells)', 'td/muwclass_td_cscv2.csv', 2941],
      ['the NGC 3532 CSC per-observation table', 'csc-perobs/NGC3532_per.csv', 389],
    ])('%s: the same header and the same cells in every row', async (_, name, nRows) => {
      const text = readFileSync(sharedData(name), 'utf8');
      const ours = parseCsv(text, { sourceName: name });
      const theirs = await fastCsvRows(text);
      expect(ours.records).toHaveLength(nRows);
      expect(theirs).toHaveLength(nRows + 1);
      expect(ours.columns).toEqual(theirs[0]); // the header has no repeats or padding to rename
      ours.records.forEach((r, i) => {
        const row = theirs[i + 1]!;
        expect(row.length, `row ${r.row}`).toBeLessThanOrEqual(ours.columns.length);
        expect(
          ours.columns.map((c) => r.cells[c]),
          `row ${r.row}`,
        ).toEqual(ours.columns.map((_, j) => row[j] ?? ''));
      });
      // streamed from the bytes in file-sized chunks, the same again
      expect(await streamAll(cut(new TextEncoder().encode(text), [4096, 65536, 65537, 300_000]), { sourceName: name })).toEqual(ours);
    });
  },
);

describe('rows of empty cells', () => {
  it('keeps a line of delimiters as a row of empty cells and round-trips rows whose every cell is missing', () => {
    const text = formatCsv(['a', 'b'], [{ a: 1 }, {}, { b: 2 }]);
    expect(text).toBe('a,b\n1,\n,\n,2\n');
    expect(parseCsv(text).records.map((r) => r.cells)).toEqual([
      { a: '1', b: '' },
      { a: '', b: '' },
      { a: '', b: '2' },
    ]);
    const single = formatCsv(['a'], [{ a: 1 }, { a: Number.NaN }, { a: 3 }]);
    expect(single).toBe('a\n1\n""\n3\n');
    expect(parseCsv(single).records.map((r) => r.cells.a)).toEqual(['1', '', '3']);
  });
});

describe('long lines, in chunks (the tokenizer keeps its state between chunks)', () => {
  /** One row of `n` cells, each a 9-digit number, with a header of as many columns. */
  function wideTable(n: number): { text: string; cells: string[] } {
    const cells = Array.from({ length: n }, (_, k) => String(100_000_000 + k));
    const header = cells.map((_, k) => `c${k}`);
    return { text: `${header.join(',')}\n${cells.join(',')}\n`, cells };
  }

  it('reads a 1 MiB row of 100,000 cells in 64 KiB chunks, and in chunks cut mid-cell, as parseCsv reads it whole', async () => {
    const { text, cells } = wideTable(100_000);
    const whole = parseCsv(text);
    expect(whole.columns).toHaveLength(100_000);
    expect(cellsOf(whole)).toEqual([cells]);
    const at = (step: number) => Array.from({ length: Math.floor((text.length - 1) / step) }, (_, k) => (k + 1) * step);
    expect(await streamAll(cut(text, at(1 << 16)))).toEqual(whole);
    expect(await streamAll(cut(text, at(7)))).toEqual(whole);
  });

  it('reads a quoted cell of 1 MiB with line breaks and "" escapes spread over many chunks', async () => {
    const value = 'ab"c\r\nd,e\n'.repeat(100_000);
    const text = `name,note\nA,"${value.replace(/"/g, '""')}"\nB,x\n`;
    const at = Array.from({ length: 300 }, (_, k) => (k + 1) * 3_571);
    const t = await streamAll(cut(text, at), { sourceName: 'long.csv' });
    expect(t.records.map((r) => [r.row, r.cells.name, r.cells.note === value])).toEqual([
      [1, 'A', true],
      [2, 'B', false],
    ]);
    expect(t.records[1]!.cells.note).toBe('x');
  });

  it('counts lines across chunks: the line of an unclosed quote after a multi-line cell', async () => {
    const text = 'a,b\n"1\n2\n3",x\ny,"open\n';
    for (const at of [[], [5], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]]) {
      const e = await rejected(streamAll(cut(text, at), { sourceName: 'q.csv' }));
      expect((e as ParseError).message, JSON.stringify(at)).toBe('unclosed quote (opened on line 5) (in q.csv, row 2)');
    }
  });

  it('reads a final row without a line end, whether the text ends inside a field, after a quote or after a delimiter', () => {
    expect(cellsOf(parseCsv('a,b\n1,2'))).toEqual([['1', '2']]);
    expect(cellsOf(parseCsv('a,b\n1,"2"'))).toEqual([['1', '2']]);
    expect(cellsOf(parseCsv('a,b\n1,'))).toEqual([['1', '']]);
    expect(cellsOf(parseCsv('a,b\n1,2\r'))).toEqual([['1', '2']]);
  });
});

describe('spreadsheet-safe CSV output (OWASP CSV injection rule)', () => {
  it('prefixes text starting with = + - @ tab or CR with a quote mark, unless it is a number', () => {
    expect(formatCsvRow(['=1+2', '+A1', '-A1', '@SUM(A1)', '\tcmd', '\r=cmd', 'ok', 'a=b'])).toBe("'=1+2,'+A1,'-A1,'@SUM(A1),'\tcmd,\"'\r=cmd\",ok,a=b\n");
    // a text cell that is a number (a raw cell passed through) is never altered, nor the missing marker --
    expect(formatCsvRow(['-1.5', '+2e-3', '-.5', ' -7 ', '--', '-', '-inf'])).toBe("-1.5,+2e-3,-.5, -7 ,--,'-,'-inf\n");
    // numbers and booleans are never altered
    expect(formatCsvRow([-1.5, -1e-300, -0, true])).toBe('-1.5,-1e-300,0,true\n');
  });

  it('quotes an escaped cell that needs quoting, so that it reads back as the escaped text', () => {
    const text = formatCsv(['name'], [{ name: '=HYPERLINK("http://x","y")' }]);
    expect(text).toBe('name\n"\'=HYPERLINK(""http://x"",""y"")"\n');
    expect(parseCsv(text).records[0]!.cells.name).toBe('\'=HYPERLINK("http://x","y")');
  });

  it('escapes the header too', () => {
    expect(formatCsv(['=name', 'Fb'], [])).toBe("'=name,Fb\n");
  });

  it('writes text as given with spreadsheetSafe: false, in formatCsvRow, formatCsv and csvLines', async () => {
    const rows = [{ a: '=1+2', b: -1 }];
    expect(formatCsvRow(['=1+2', '@x'], { spreadsheetSafe: false })).toBe('=1+2,@x\n');
    expect(formatCsv(['a', 'b'], rows, { spreadsheetSafe: false })).toBe('a,b\n=1+2,-1\n');
    const lines: string[] = [];
    for await (const l of csvLines(['a', 'b'], rows, { spreadsheetSafe: false })) lines.push(l);
    expect(lines.join('')).toBe('a,b\n=1+2,-1\n');
    const safe: string[] = [];
    for await (const l of csvLines(['a', 'b'], rows)) safe.push(l);
    expect(safe.join('')).toBe("a,b\n'=1+2,-1\n");
  });
});

describe('schema ranges (min, max, maxExclusive) in parseRecord', () => {
  const schema = {
    ra: { type: 'number', min: 0, maxExclusive: 360 },
    dec: { type: 'number', min: -90, max: 90 },
    e_Fb: { type: 'number', min: 0 },
    lo: { type: 'number', max: 1 },
  } as const;
  const record = (cells: Record<string, string>, row = 5): CsvRecord => ({ row, cells });
  const ok = { ra: '0', dec: '-90', e_Fb: '0', lo: '1' };

  it('accepts values at the inclusive bounds, and missing values', () => {
    expect(parseRecord(record(ok), schema)).toEqual({ ra: 0, dec: -90, e_Fb: 0, lo: 1 });
    expect(parseRecord(record({ ra: '359.999', dec: '90', e_Fb: '', lo: '-1e300' }), schema)).toEqual({ ra: 359.999, dec: 90, e_Fb: Number.NaN, lo: -1e300 });
  });

  it.each([
    ['ra', '360', 'value 360 is outside the column\'s range [0, 360)'],
    ['ra', '-0.001', 'value -0.001 is outside the column\'s range [0, 360)'],
    ['dec', '95', 'value 95 is outside the column\'s range [-90, 90]'],
    ['e_Fb', '-1e-15', 'value -1e-15 is outside the column\'s range [0, ∞)'],
    ['lo', '1.5', 'value 1.5 is outside the column\'s range (-∞, 1]'],
  ])('rejects %s = %s with InvalidValueError naming source, row, column, value and range', (column, text, message) => {
    const e = thrown(() => parseRecord(record({ ...ok, [column]: text }), schema, 'field.csv'));
    expect(e).toBeInstanceOf(InvalidValueError);
    expect((e as InvalidValueError).location).toEqual({ source: 'field.csv', row: 5, column });
    expect((e as InvalidValueError).message).toBe(`${message} (in field.csv, row 5, column "${column}")`);
  });

  it('reads only own cells: a record made by hand without a constructor cell gives a missing value', () => {
    const row = parseRecord(record({ x: '1' }), { x: { type: 'number' }, constructor: { type: 'number', required: false }, toString: { type: 'string', required: false } } as const);
    expect(row.x).toBe(1);
    expect(row.constructor).toBeNaN();
    expect(row.toString).toBe('');
  });

  it('applies the ranges in parseTable, streaming', async () => {
    const rows: unknown[] = [];
    const e = await rejected(
      (async () => {
        for await (const r of parseTable('ra,dec,e_Fb,lo\n10,20,0,0\n400,20,0,0\n', schema, { sourceName: 't.csv' })) rows.push(r);
      })(),
    );
    expect(rows).toHaveLength(1);
    expect((e as InvalidValueError).message).toBe('value 400 is outside the column\'s range [0, 360) (in t.csv, row 2, column "ra")');
  });
});
