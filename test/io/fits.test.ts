/**
 * FITS reader and writer. Golden values: test/fixtures/fits/table.fits, written by astropy.io.fits
 * (generate.py beside it), and expected.json, what astropy reads back from it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { InvalidArgumentError, InvalidValueError, ParseError, ShapeMismatchError } from '../../src/core/errors';
import { formatFits, fitsTableRecords, parseFits, selectHdu, streamFitsTable, type FitsTableHdu } from '../../src/io/fits';
import { formatFitsHeader, headerValue, parseFitsHeader } from '../../src/io/fits-header';
import { readFits, readFitsTable, writeFits } from '../../src/node';
import { PROJECT_ROOT } from '../helpers/dist';

const FIXTURES = join(PROJECT_ROOT, 'test/fixtures/fits');
const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'table.fits')));
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
const nullToNaN = (xs: (number | null)[]) => xs.map((x) => (x === null ? Number.NaN : x));

function chunk<T>(xs: ArrayLike<T>, n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(Array.from({ length: n }, (_, k) => xs[i + k]!));
  return out;
}

describe('parseFits on a file written by astropy', () => {
  const hdus = parseFits(bytes, { source: 'table.fits' });
  const table = selectHdu(hdus, 'bintable') as FitsTableHdu;
  const col = (name: string) => table.columns.find((c) => c.name === name)!;

  it('reads every HDU with its kind and name', () => {
    expect(hdus.map((h) => [h.index, h.kind, h.name])).toEqual([
      [0, 'image', undefined],
      [1, 'bintable', 'CATALOG'],
      [2, 'image', 'MAP'],
      [3, 'image', 'U16'],
    ]);
    expect(hdus.map((h) => h.offset)).toEqual([0, 5760, 14400, 20160]);
  });

  it('keeps the header: WCS keywords, CONTINUE long strings, HIERARCH, commentary cards', () => {
    const h = hdus[0]!.header;
    expect(headerValue(h, 'CTYPE1')).toBe(expected.primary.CTYPE1);
    expect(headerValue(h, 'CD1_1')).toBe(expected.primary.CD1_1);
    expect(headerValue(h, 'CRPIX2')).toBe(1.5);
    expect(headerValue(h, 'LONGSTR')).toBe(expected.primary.LONGSTR);
    expect(headerValue(h, 'ESO DET CHIP NAME')).toBe(expected.primary.HIERARCH);
    expect(h.cards.find((c) => c.keyword === 'CTYPE1')!.comment).toBe('Galactic longitude, zenithal equal area');
    expect(h.cards.filter((c) => c.keyword === 'COMMENT').map((c) => c.comment)).toEqual(['a comment card']);
    expect(h.cards.some((c) => c.keyword === 'CONTINUE')).toBe(false);
  });

  it('images: BSCALE/BZERO and BLANK give physical values with NaN; float32 kept; the unsigned convention', () => {
    const p = hdus[0]!;
    expect(p.kind === 'image' && p.shape).toEqual(expected.primary.shape);
    expect(p.kind === 'image' && p.data).toEqual(Float64Array.from(nullToNaN(expected.primary.data)));
    const map = hdus[2]!;
    expect(map.kind === 'image' && map.data).toBeInstanceOf(Float32Array);
    expect(map.kind === 'image' && Array.from(map.data as Float32Array)).toEqual(nullToNaN(expected.map.data));
    expect(map.kind === 'image' && map.shape).toEqual(expected.map.shape);
    const u16 = hdus[3]!;
    expect(u16.kind === 'image' && u16.data).toEqual(Uint16Array.from(expected.u16));
  });

  it('table: every column type as astropy reads it, in the narrowest exact typed array', () => {
    expect(table.rows).toBe(expected.table.rows);
    expect(table.columns.map((c) => c.name)).toEqual(expected.table.columns);
    expect(table.columns.map((c) => c.format)).toEqual(expected.table.formats);
    expect(col('flag').values).toEqual(expected.table.flag);
    expect(chunk(col('bits').values as Uint8Array, 11)).toEqual(expected.table.bits);
    expect(col('u8').values).toEqual(Uint8Array.from(expected.table.u8));
    expect(col('i8').values).toEqual(Int8Array.from(expected.table.i8));
    expect(col('i16').values).toEqual(Int16Array.from(expected.table.i16));
    expect(col('u16').values).toEqual(Uint16Array.from(expected.table.u16));
    expect(col('i32').values).toEqual(Int32Array.from(expected.table.i32));
    expect(col('u32').values).toEqual(Uint32Array.from(expected.table.u32));
    expect(col('i64').values).toEqual(BigInt64Array.from(expected.table.i64.map(BigInt)));
    expect(col('u64').values).toEqual(BigUint64Array.from(expected.table.u64.map(BigInt)));
    expect(col('name').values).toEqual(expected.table.name);
    expect(col('flux').values).toEqual(Float32Array.from(nullToNaN(expected.table.flux)));
    expect(Object.is((col('flux').values as Float32Array)[2], -0)).toBe(true);
    expect(col('flux').unit).toBe('erg/s/cm2');
    expect(col('ra').values).toEqual(Float64Array.from(nullToNaN(expected.table.ra)));
    expect(chunk(col('cplx').values as Float32Array, 2)).toEqual(expected.table.cplx);
    expect(chunk(col('dcplx').values as Float64Array, 2)).toEqual(expected.table.dcplx);
  });

  it('table: repeat counts and TDIM shapes, flattened row by row', () => {
    expect(col('vec')).toMatchObject({ type: 'J', repeat: 3, shape: [3] });
    expect(chunk(col('vec').values as Int32Array, 3)).toEqual(expected.table.vec);
    expect(col('mat')).toMatchObject({ type: 'E', repeat: 6, shape: [3, 2] });
    expect(chunk(col('mat').values as Float32Array, 6)).toEqual(expected.table.mat);
    expect(col('words')).toMatchObject({ type: 'A', repeat: 8, shape: [4, 2] });
    expect(chunk(col('words').values as string[], 2)).toEqual(expected.table.words);
  });

  it('table: TSCAL/TZERO give physical values, TNULL gives NaN (astropy leaves the scaled null unmasked)', () => {
    const scaled = col('scaled');
    expect(scaled).toMatchObject({ scale: 0.25, zero: 5, nullValue: -999 });
    expect(expected.table.scaled_raw).toEqual([-999, 0, 4, -20]);
    expect(scaled.values).toEqual(Float64Array.from([Number.NaN, ...expected.table.scaled.slice(1)]));
    expect(expected.table.scaled[0]).toBe(5 + 0.25 * -999);
    expect(col('withnull').values).toEqual(Float64Array.from([10, Number.NaN, 30, Number.NaN]));
  });

  it('streams the same table in batches, from chunks split anywhere, decoding only the columns asked for', async () => {
    for (const [size, batchRows] of [[1000, 1], [7, 3], [bytes.length, 100]] as const) {
      const chunks = chunk(bytes, size).map((c) => Uint8Array.from(c.filter((x) => x !== undefined)));
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const c of chunks) controller.enqueue(c);
          controller.close();
        },
      });
      const t = await streamFitsTable(stream, { columns: ['ra', 'u64', 'words'], batchRows, source: 'table.fits' });
      expect(t).toMatchObject({ index: 1, name: 'CATALOG', rows: 4 });
      expect(t.columns.map((c) => c.name)).toEqual(expected.table.columns);
      const ra: number[] = [];
      const u64: bigint[] = [];
      const words: string[] = [];
      const firstRows: number[] = [];
      for await (const b of t.batches) {
        firstRows.push(b.firstRow);
        expect(b.columns.map((c) => c.name)).toEqual(['ra', 'u64', 'words']);
        ra.push(...(b.columns[0]!.values as Float64Array));
        u64.push(...(b.columns[1]!.values as BigUint64Array));
        words.push(...(b.columns[2]!.values as string[]));
      }
      expect(firstRows).toEqual(Array.from({ length: Math.ceil(4 / batchRows) }, (_, i) => i * batchRows));
      expect(ra).toEqual(nullToNaN(expected.table.ra));
      expect(u64).toEqual(expected.table.u64.map(BigInt));
      expect(chunk(words, 2)).toEqual(expected.table.words);
    }
  });

  it('reads bytes that are a view into a larger buffer (a Node Buffer from a pool) without touching the rest', () => {
    const big = new Uint8Array(bytes.length + 100).fill(7);
    big.set(bytes, 100);
    const view = big.subarray(100);
    const again = parseFits(view);
    expect(again[2]!.kind === 'image' && again[2]!.data).toEqual(hdus[2]!.kind === 'image' && hdus[2]!.data);
    expect(again[0]!.kind === 'image' && again[0]!.data).toEqual(hdus[0]!.kind === 'image' && hdus[0]!.data);
    expect(big.subarray(0, 100).every((b) => b === 7)).toBe(true);
    expect(big.subarray(100)).toEqual(bytes);
  });

  it('releases the input when the batches are stopped, even before the first one', async () => {
    let cancelled = 0;
    const source = () => {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= bytes.length) controller.close();
          else controller.enqueue(bytes.slice(at, (at += 2880)));
        },
        cancel() {
          cancelled++;
        },
      });
    };
    const t = await streamFitsTable(source());
    await t.batches.return(undefined);
    expect(cancelled).toBe(1);
    const u = await streamFitsTable(source(), { batchRows: 1 });
    await u.batches.next();
    await u.batches.return(undefined);
    expect(cancelled).toBe(2);
  });

  it('picks a table by EXTNAME or index and names what exists when it is absent', async () => {
    expect(selectHdu(hdus, 'image', 'map').index).toBe(2);
    expect(() => selectHdu(hdus, 'bintable', 'NOPE', 'table.fits')).toThrow(/HDU 'NOPE' is absent in table\.fits \(HDUs: 0 image, 1 'CATALOG' bintable, 2 'MAP' image, 3 'U16' image\)/);
    expect(() => selectHdu(hdus, 'bintable', 2)).toThrow(InvalidArgumentError);
    await expect(streamFitsTable(bytes, { hdu: 'MAP' })).rejects.toThrow(/HDU MAP is not a binary table/);
    await expect(streamFitsTable(bytes, { columns: ['dec'] })).rejects.toThrow(/no column "dec" in the binary table \(HDU 1; columns: flag, bits, u8/);
    const onlyImage = formatFits([{ kind: 'image', data: new Float32Array(4), shape: [2, 2] }]);
    await expect(streamFitsTable(onlyImage, { source: 'img.fits' })).rejects.toThrow(/no binary table in img\.fits \(HDUs: 0 image\)/);
  });
});

describe('FITS errors name the file, HDU, byte and column', () => {
  it('rejects a variable-length array column, naming it', async () => {
    const varlen = new Uint8Array(readFileSync(join(FIXTURES, 'varlen.fits')));
    expect(() => parseFits(varlen, { source: 'varlen.fits' })).toThrow(
      /column 2 "lightcurve" \(TFORM2 = 'PJ\(3\)'\) is a variable-length array, which muwclass does not read \(HDU 1, byte 2880\) \(in varlen\.fits, column "lightcurve"\)/,
    );
    await expect(streamFitsTable(varlen)).rejects.toThrow(ParseError);
  });

  it('rejects what is not FITS, a truncated header, a truncated data unit, a bad required keyword', async () => {
    expect(() => parseFits(new TextEncoder().encode('name,ra\nA,1\n'.padEnd(2880)), { source: 'x.csv' })).toThrow(/not a FITS file: it does not start with SIMPLE = T \(HDU 0 \(primary\), byte 0\) \(in x\.csv\)/);
    expect(() => parseFits(bytes.subarray(0, 1000), { source: 't.fits' })).toThrow(/no END card before the input ends \(HDU 0 \(primary\), byte 1000; a truncated file/);
    expect(() => parseFits(bytes.subarray(0, 2000), { source: 't.fits' })).toThrow(/the last header block is incomplete \(HDU 0 \(primary\), byte 2000\) \(in t\.fits\)/);
    expect(() => parseFits(bytes.subarray(0, 11800), { source: 't.fits' })).toThrow(/the data unit needs 524 bytes from byte 11520 but the input ends at byte 11800 \(truncated\?\) \(HDU 1, byte 5760\)/);
    const t = await streamFitsTable(bytes.subarray(0, 11520 + 300), { source: 't.fits', batchRows: 1 });
    const rows: number[] = [];
    await expect(
      (async () => {
        for await (const b of t.batches) rows.push(b.firstRow);
      })(),
    ).rejects.toThrow(/the input ends inside row 3 of 4 \(HDU 1, byte 11820; truncated\?\)/);
    expect(rows).toEqual([0, 1]);
    const bad = bytes.slice();
    bad.set(new TextEncoder().encode('BITPIX  =                   12'), 80);
    expect(() => parseFits(bad, { source: 'b.fits' })).toThrow(/BITPIX must be 8, 16, 32, 64, -32 or -64, got 12 \(HDU 0 \(primary\), byte 0\)/);
    const nonAscii = bytes.slice();
    nonAscii[85] = 0xe9;
    expect(() => parseFits(nonAscii)).toThrow(/byte 233 at column 6 is not printable ASCII \(HDU 0 \(primary\), byte 80, card 2\)/);
  });

  it('names the row and column of an invalid logical byte', () => {
    const file = formatFits([{ kind: 'bintable', columns: [{ name: 'x', values: [1, 2] }, { name: 'ok', values: [true, false] }] }]);
    const broken = file.slice();
    broken[2880 * 2 + 9 + 8] = 0x3f; // row 2's logical
    expect(() => parseFits(broken, { source: 'l.fits' })).toThrow(/logical byte 63 is none of 'T', 'F' or 0 \(HDU 1, byte 2880\) \(in l\.fits, row 2, column "ok"\)/);
  });

  it('checks TFORM widths against NAXIS1 and TDIM against the repeat count', () => {
    const file = formatFits([{ kind: 'bintable', columns: [{ name: 'v', values: new Int32Array(6), repeat: 3, shape: [3] }] }]);
    const text = new TextDecoder().decode(file.subarray(2880, 5760));
    const patched = (from: string, to: string) => {
      const out = file.slice();
      out.set(new TextEncoder().encode(text.replace(from, to)), 2880);
      return out;
    };
    expect(() => parseFits(patched("TFORM1  = '3J      '", "TFORM1  = '2J      '"))).toThrow(/TDIM1 = '\(3\)' holds 3 elements but TFORM1 = '2J' has 2/);
    expect(() => parseFits(patched("TDIM1   = '(3)     '", "TDIM1   = '(3,1)   '"))).not.toThrow();
    expect(() => parseFits(patched("TFORM1  = '3J      '", "TFORM1  = '3E      '"))).not.toThrow();
    expect(() => parseFits(patched("TFORM1  = '3J      '", "TFORM1  = '3D      '"))).toThrow(/TDIM1|the columns take 24 bytes per row but NAXIS1 = 12/);
  });
});

describe('formatFits', () => {
  it('round-trips every column type a muwclass table holds: numbers with NaN, strings, booleans with null', () => {
    const ra = [166.28104166666665, Number.NaN, 1e-300, -0, 359.99999999999994];
    const name = ['2CXO J110507.4-585105', '', 'x', "it's", '  lead'];
    const flag = [true, false, null, true, false];
    const file = formatFits([{ kind: 'bintable', name: 'SOURCES', columns: [{ name: 'CSCv2_RA', values: ra, unit: 'deg' }, { name: 'CSCv2_name', values: name }, { name: 'flag', values: flag }] }]);
    const t = selectHdu(parseFits(file), 'bintable');
    expect(t.name).toBe('SOURCES');
    expect(t.columns.map((c) => [c.name, c.format, c.unit])).toEqual([['CSCv2_RA', '1D', 'deg'], ['CSCv2_name', '21A', undefined], ['flag', '1L', undefined]]);
    expect(t.columns[0]!.values).toEqual(Float64Array.from(ra));
    expect(Object.is((t.columns[0]!.values as Float64Array)[3], -0)).toBe(true);
    expect(t.columns[1]!.values).toEqual(name);
    expect(t.columns[2]!.values).toEqual(flag);
    expect(fitsTableRecords(t).records[1]).toEqual({ CSCv2_RA: Number.NaN, CSCv2_name: '', flag: false });
  });

  it('round-trips typed arrays of every width, the unsigned convention, arrays with shapes, and images', () => {
    const columns = [
      { name: 'u8', values: Uint8Array.from([0, 255]) },
      { name: 'i8', values: Int8Array.from([-128, 127]) },
      { name: 'i16', values: Int16Array.from([-32768, 32767]) },
      { name: 'u16', values: Uint16Array.from([0, 65535]) },
      { name: 'i32', values: Int32Array.from([-2147483648, 2147483647]) },
      { name: 'u32', values: Uint32Array.from([0, 4294967295]) },
      { name: 'i64', values: BigInt64Array.from([-(2n ** 63n), 2n ** 63n - 1n]) },
      { name: 'u64', values: BigUint64Array.from([0n, 2n ** 64n - 1n]) },
      { name: 'f32', values: Float32Array.from([1.5, Number.NaN]) },
      { name: 'm', values: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), repeat: 6, shape: [3, 2] },
      { name: 'w', values: ['ab', 'c', 'def', ''], repeat: 2 },
    ];
    const images = [new Float64Array([1, 2]), new Int8Array([-128, 5]), new Uint32Array([4294967295, 0]), new BigUint64Array([2n ** 64n - 1n, 1n]), new Int16Array([-1, 1])];
    const file = formatFits([...images.map((data) => ({ kind: 'image' as const, data, shape: [2] })), { kind: 'bintable', columns }]);
    const hdus = parseFits(file);
    images.forEach((d, i) => expect(hdus[i]!.kind === 'image' && hdus[i]!.data).toEqual(d));
    const t = selectHdu(hdus, 'bintable');
    columns.forEach((c, j) => expect(t.columns[j]!.values).toEqual(c.values));
    expect(t.columns[9]!.shape).toEqual([3, 2]);
    expect(t.columns[10]).toMatchObject({ format: '6A', shape: [3, 2] });
    expect(headerValue(t.header, 'TZERO8')).toBe(9223372036854775808n);
    expect(() => fitsTableRecords(t, 'm.fits')).toThrow(InvalidValueError);
    expect(() => fitsTableRecords(t, 'm.fits')).toThrow(/column holds 6 values per row \(TFORM '6D'\), which a table cell cannot hold \(in m\.fits, column "m"\)/);
  });

  it('refuses mixed types, non-ASCII text, ragged columns and structural cards, naming the column', () => {
    expect(() => formatFits([{ kind: 'bintable', columns: [{ name: 'a', values: [1, 'x'] as never }] }])).toThrow(/column "a"\): mixes|mixes number and string values/);
    expect(() => formatFits([{ kind: 'bintable', columns: [{ name: 'n', values: ['ok', 'Ångström'] }] }])).toThrow(/"Ångström" is not printable ASCII.*row 2, column "n"/);
    expect(() => formatFits([{ kind: 'bintable', columns: [{ name: 'a', values: [1, 2] }, { name: 'b', values: [1] }] }])).toThrow(ShapeMismatchError);
    expect(() => formatFits([{ kind: 'image', data: new Float32Array(3), shape: [2, 2] }])).toThrow(/shape \[2, 2\] does not hold its 3 pixels/);
    expect(() => formatFits([{ kind: 'image', data: new Float32Array(1), shape: [1], cards: [{ keyword: 'NAXIS1', value: 3 }] }])).toThrow(/the card NAXIS1 is written by formatFits itself/);
  });
});

describe('FITS header cards', () => {
  const card = (s: string) => s.padEnd(80);
  const parse = (...cards: string[]) =>
    parseFitsHeader(new TextEncoder().encode([...cards.map(card), card('END')].join('').padEnd(2880 * Math.ceil(((cards.length + 1) * 80) / 2880))), { hdu: 0, offset: 0, source: 'h.fits' }).header;

  it('reads every value kind, free-format values and comments', () => {
    const h = parse(
      "STR     = 'O''Hara   '   / name",
      'BOOL    =                    F',
      'INT     =                  -42 / answer',
      'BIG     = 18446744073709551615',
      'REAL    =             -1.5D-03',
      'FREE    = 2.5E10',
      'CPLX    = (1.5, -2)',
      'UNDEF   =                      / nothing',
      "EMPTY   = ''",
      "BLANKS  = '    '",
      'NOEQUALS  text without the value indicator',
    );
    expect(['STR', 'BOOL', 'INT', 'BIG', 'REAL', 'FREE', 'CPLX', 'UNDEF', 'EMPTY', 'BLANKS'].map((k) => headerValue(h, k))).toEqual([
      "O'Hara",
      false,
      -42,
      18446744073709551615n,
      -0.0015,
      2.5e10,
      [1.5, -2],
      null,
      '',
      '',
    ]);
    expect(h.cards[2]).toEqual({ keyword: 'INT', value: -42, comment: 'answer' });
    expect(h.cards[10]).toEqual({ keyword: 'NOEQUALS', comment: '  text without the value indicator' });
  });

  it('names the card of a malformed value or keyword', () => {
    expect(() => parse("A       = 'unterminated")).toThrow(/a string value has no closing quote \(HDU 0 \(primary\), byte 0, card 1\) \(in h\.fits\)/);
    expect(() => parse('SIMPLE  =                    T', 'X       = 1.2.3')).toThrow(/cannot read the value "1\.2\.3".*byte 80, card 2/);
    expect(() => parse('lower   = 1')).toThrow(/malformed keyword "lower   "/);
  });

  it('writes cards that read back, long strings on CONTINUE cards', () => {
    const long = `${"it's ".repeat(30)}end`;
    const cards = [
      { keyword: 'SIMPLE', value: true },
      { keyword: 'LONG', value: long, comment: 'a long one' },
      { keyword: 'X', value: 0.1 },
      { keyword: 'Y', value: 1e-300 },
      { keyword: 'N', value: 3 },
      { keyword: 'BIG', value: 9223372036854775808n },
      { keyword: 'HISTORY', comment: 'made here' },
    ] as const;
    const bytes = formatFitsHeader(cards);
    const text = new TextDecoder().decode(bytes);
    expect(text.match(/.{80}/g)!.filter((l) => l.startsWith('CONTINUE')).length).toBeGreaterThan(1);
    const h = parseFitsHeader(bytes, { hdu: 0, offset: 0 }).header;
    expect(h.cards).toEqual([
      { keyword: 'SIMPLE', value: true },
      { keyword: 'LONG', value: long, comment: 'a long one' },
      { keyword: 'X', value: 0.1 },
      { keyword: 'Y', value: 1e-300 },
      { keyword: 'N', value: 3 },
      { keyword: 'BIG', value: 9223372036854775808n },
      { keyword: 'HISTORY', comment: 'made here' },
    ]);
    expect(() => formatFitsHeader([{ keyword: 'TOOLONGKEY', value: 1 }])).toThrow(InvalidArgumentError);
  });
});

describe('the Node adapter: readFits, readFitsTable, writeFits', () => {
  it('round-trips a file and names the path of a missing file or a directory (FileError)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'muwclass-fits-node-'));
    const path = join(dir, 'a.fits');
    await writeFits(path, [{ kind: 'bintable', name: 'X', columns: [{ name: 'v', values: [1, 2, 3] }] }]);
    expect(selectHdu(await readFits(path), 'bintable').columns[0]!.values).toEqual(Float64Array.from([1, 2, 3]));
    const t = await readFitsTable(path, { batchRows: 2 });
    const rows: number[] = [];
    for await (const b of t.batches) rows.push(b.rows);
    expect(rows).toEqual([2, 1]);
    for (const read of [(p: string) => readFits(p), (p: string) => readFitsTable(p)]) {
      await expect(read(join(dir, 'nope.fits'))).rejects.toMatchObject({ code: 'FILE_ERROR', reason: 'not-found' });
      await expect(read(dir)).rejects.toMatchObject({ code: 'FILE_ERROR', reason: 'is-directory' });
    }
    await expect(readFits(join(PROJECT_ROOT, 'package.json'))).rejects.toThrow(/not a FITS file: it does not start with SIMPLE = T \(HDU 0 \(primary\), byte 0\) \(in .*package\.json\)/);
    await expect(writeFits(join(dir, 'no-dir', 'x.fits'), [])).rejects.toMatchObject({ code: 'FILE_ERROR' });
  });
});
