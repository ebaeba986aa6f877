import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { formatMrt, parseMrt } from '../../src/io/mrt';
import { readMrt, writeMrt } from '../../src/node';
import { InvalidArgumentError, InvalidValueError, ParseError } from '../../src/core/errors';

// Written by hand in the documented CDS/AAS format (byte ranges counted by hand).
const HAND = `Title: Classification of CSCv2 sources in a test field
Authors: Tester, A., Checker, B.
Table: Hand-made MRT with nullable fields, limits
    and E and F formats
================================================================================
Byte-by-byte Description of file: table1.txt
--------------------------------------------------------------------------------
   Bytes Format Units        Label   Explanations
--------------------------------------------------------------------------------
   1- 21 A21    ---          Name    CSCv2 source name
  23- 31 F9.5   deg          RAdeg   [0/360] Right ascension (J2000)
  33- 41 F9.5   deg          DEdeg   [-90/90] Declination (J2000)
  43- 50 E8.2   mW/m2        Fb      ? Broad-band (0.5-7 keV) flux;
                                      continued on a second line
  52- 56 F5.2   mag          Gmag    ?=-9.99 Gaia G magnitude
      58 I1     ---          Flag    [0/3]? Quality flag
  60- 65 A6     ---          Class   ? Predicted class
--------------------------------------------------------------------------------
Note (1): a note section that the reader must skip.
--------------------------------------------------------------------------------
2CXO J110507.4-585105 166.28104 -58.85152 1.23e-14 17.12 1 AGN
2CXO J110508.1-585210 166.28375 -58.86944          -9.99   YSO
2CXO J110509.9-585301 166.29125 -58.88361 4.5E+02  12.50 3
`;

describe('parseMrt on a hand-written table', () => {
  const t = parseMrt(HAND, { source: 'table1.txt' });

  it('reads the header and the byte-by-byte description', () => {
    expect(t.title).toBe('Classification of CSCv2 sources in a test field');
    expect(t.caption).toBe('Hand-made MRT with nullable fields, limits and E and F formats');
    expect(t.fields.map((f) => f.label)).toEqual(['Name', 'RAdeg', 'DEdeg', 'Fb', 'Gmag', 'Flag', 'Class']);
    const fb = t.fields[3]!;
    expect(fb).toMatchObject({ start: 43, end: 50, type: 'E', width: 8, decimals: 2, units: 'mW/m2', nullable: true });
    expect(fb.explanation).toBe('Broad-band (0.5-7 keV) flux; continued on a second line');
    expect(t.fields[1]!.limits).toEqual({ min: 0, max: 360 });
    expect(t.fields[4]).toMatchObject({ nullable: true, nullValue: '-9.99' });
    expect(t.fields[5]).toMatchObject({ start: 58, end: 58, type: 'I', nullable: true, limits: { min: 0, max: 3 } });
  });

  it('parses values: F, E with exponent (either case), empty and ?= nulls', () => {
    expect(t.records).toHaveLength(3);
    expect(t.records[0]).toEqual({ Name: '2CXO J110507.4-585105', RAdeg: 166.28104, DEdeg: -58.85152, Fb: 1.23e-14, Gmag: 17.12, Flag: 1, Class: 'AGN' });
    expect(t.records[1]!.Fb).toBeNaN();
    expect(t.records[1]!.Gmag).toBeNaN();
    expect(t.records[1]!.Flag).toBeNaN();
    expect(t.records[2]!.Fb).toBe(450);
    expect(t.records[2]!.Class).toBe('');
  });

  it('names the line, byte range and label of a value that does not parse', () => {
    const bad = HAND.replace('166.28375', '166.2x375');
    expect(() => parseMrt(bad, { source: 'table1.txt' })).toThrow(ParseError);
    expect(() => parseMrt(bad, { source: 'table1.txt' })).toThrow(/malformed F9\.5 value "166.2x375" at line 22, bytes 23-31 \(RAdeg\)/);
    const empty = HAND.replace('-58.85152', '         ');
    expect(() => parseMrt(empty)).toThrow(/empty F9\.5 value at line 21, bytes 33-41 \(DEdeg\).*not nullable/);
    const outside = HAND.replace(' 17.12 1 ', ' 17.12 7 ');
    expect(() => parseMrt(outside)).toThrow(/value 7 at line 21, bytes 58-58 \(Flag\) is outside the column's limits \[0\/3\]/);
    expect(parseMrt(outside, { checkLimits: false }).records[0]!.Flag).toBe(7);
    const int = HAND.replace(' 17.12 1 ', ' 17.12 x ');
    expect(() => parseMrt(int)).toThrow(/malformed I1 value "x"/);
  });

  it('rejects a value that overflows a double (1.0e400 used to read as Infinity) and an infinity', () => {
    const overflow = HAND.replace('1.23e-14', '1.0e+400');
    expect(() => parseMrt(overflow, { source: 'table1.txt' })).toThrow(
      'E8.2 value 1.0e+400 at line 21, bytes 43-50 (Fb) is not finite (beyond the range of a double) (in table1.txt, column "Fb")',
    );
    expect(() => parseMrt(HAND.replace('1.23e-14', '     inf'))).toThrow(/malformed E8\.2 value "     inf"/);
  });

  it('rejects a malformed description', () => {
    expect(() => parseMrt('just text\n1 2 3\n')).toThrow(/Byte-by-byte/);
    expect(() => parseMrt(HAND.replace('  23- 31 F9.5', '  23- 30 F9.5'))).toThrow(/span 8 bytes but the format F9\.5 says 9/);
  });
});

describe('formatMrt / writeMrt round trip', () => {
  const records = [
    { Name: '2CXO J000009.3+135618', RA: 0.0391148, Flux: 2e-15, Count: 12, P: 0.923, Mag: 18.494, Label: 'AGN' },
    { Name: '2CXO J000230.7+004959', RA: 0.6279737, Flux: 5.7e-14, Count: -3, P: Number.NaN, Mag: 17.834, Label: '' },
    { Name: 'X', RA: 359.9999999, Flux: 1.2345678901234567e-300, Count: 0, P: 0.1 + 0.2, Mag: Number.NaN, Label: 'LM-STAR' },
  ];

  it('write then read gives the same records (inferred formats are exact)', () => {
    const text = formatMrt({ title: 'Round trip', columns: ['Name', { label: 'RA', units: 'deg', explanation: 'Right ascension' }, 'Flux', 'Count', 'P', 'Mag', 'Label'], records });
    const back = parseMrt(text);
    expect(back.title).toBe('Round trip');
    expect(back.records).toEqual(records);
    const byLabel = Object.fromEntries(back.fields.map((f) => [f.label, f]));
    expect(byLabel.Count!.type).toBe('I');
    expect(byLabel.Mag!.format).toBe('F6.3');
    expect(byLabel.Flux!.type).toBe('E');
    expect(byLabel.P!.nullable).toBe(true);
    expect(byLabel.RA!.units).toBe('deg');
  });

  it('honours explicit formats and rejects values that do not fit', () => {
    const text = formatMrt({ columns: [{ label: 'x', format: 'F6.2' }, { label: 'e', format: 'E9.2' }], records: [{ x: 1.5, e: 12345 }] });
    expect(text.trimEnd().split('\n').pop()).toBe('  1.50  1.23e+04');
    expect(parseMrt(text).records[0]).toEqual({ x: 1.5, e: 12300 });
    expect(() => formatMrt({ columns: [{ label: 'x', format: 'F4.2' }], records: [{ x: 123.4 }] })).toThrow(InvalidValueError);
    expect(() => formatMrt({ columns: [{ label: 'x', format: 'I3' }], records: [{ x: 1.5 }] })).toThrow(/not an integer/);
    expect(() => formatMrt({ columns: ['bad label'], records: [] })).toThrow(InvalidArgumentError);
    expect(() => formatMrt({ columns: ['m'], records: [{ m: 1 }, { m: 'a' }] })).toThrow(/mixes text and numbers/);
  });

  it('writes and reads a file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'muwclass-mrt-')), 'out_mrt.txt');
    await writeMrt(path, { columns: ['Name', 'RA'], records: records.map(({ Name, RA }) => ({ Name, RA })) });
    const back = await readMrt(path);
    expect(back.records.map((r) => r.RA)).toEqual(records.map((r) => r.RA));
    await expect(readMrt(path.replace('out', 'missing'))).rejects.toThrow();
  });
});

describe('formatMrt refuses what parseMrt could not read back', () => {
  it('rejects a text cell with a line break (LF, CRLF or CR), naming the 1-based row and the column', () => {
    for (const v of ['two\nlines', 'two\r\nlines', 'cr\ronly']) {
      let e: unknown;
      try {
        formatMrt({ columns: ['Name', 'Note'], records: [{ Name: 'a', Note: 'ok' }, { Name: 'b', Note: v }] });
      } catch (x) {
        e = x;
      }
      expect(e).toBeInstanceOf(InvalidValueError);
      expect((e as InvalidValueError).location).toEqual({ row: 2, column: 'Note' });
      expect((e as InvalidValueError).message).toBe(`formatMrt: text with a line break cannot be written to an MRT (one record per line): ${JSON.stringify(v)} (row 2, column "Note")`);
    }
  });

  it('rejects a table with no columns (an empty CSV used to become a 0-column MRT)', () => {
    expect(() => formatMrt({ columns: [], records: [] })).toThrow(InvalidArgumentError);
    expect(() => formatMrt({ columns: [], records: [{ a: 1 }] })).toThrow('formatMrt: a machine-readable table needs at least one column, got none');
  });

  it('rejects repeated and __proto__ labels, units with blanks, and header texts with a line break', () => {
    expect(() => formatMrt({ columns: ['a', 'a'], records: [] })).toThrow('label "a" appears twice');
    expect(() => formatMrt({ columns: ['__proto__'], records: [] })).toThrow(InvalidArgumentError);
    expect(() => formatMrt({ columns: [{ label: 'x', units: 'erg s-1' }], records: [] })).toThrow(/units "erg s-1"/);
    expect(() => formatMrt({ title: 'a\nb', columns: ['x'], records: [] })).toThrow(/title must be one line/);
    expect(() => formatMrt({ columns: [{ label: 'x', explanation: 'a\nb' }], records: [] })).toThrow(/explanation of column "x" must be one line/);
  });

  it('rejects text longer than an explicit A format, and a record that would read as a separator line', () => {
    expect(() => formatMrt({ columns: [{ label: 'n', format: 'A3' }], records: [{ n: 'abcd' }] })).toThrow('formatMrt: text "abcd" does not fit A3 (row 1, column "n")');
    expect(() => formatMrt({ columns: ['n'], records: [{ n: 'x' }, { n: '----------' }] })).toThrow(/separator line.*row 2/);
  });

  it('round-trips a record whose every value is missing, first, inside and last, and an all-missing number column', () => {
    const records = [{ a: '', b: Number.NaN }, { a: 'x', b: 1 }, { a: '', b: Number.NaN }, { a: 'y', b: 2 }, { a: '', b: Number.NaN }];
    const back = parseMrt(formatMrt({ columns: ['a', 'b'], records }));
    expect(back.records).toEqual(records);
    const nan = parseMrt(formatMrt({ columns: ['n', 'x'], records: [{ n: 'a', x: Number.NaN }, { n: 'b', x: Number.NaN }] }));
    expect(nan.records.map((r) => r.x)).toEqual([Number.NaN, Number.NaN]);
    expect(nan.fields[1]!.format).toBe('I1');
    // a short line of blanks in a hand-written file is layout, still skipped
    expect(parseMrt(`${formatMrt({ columns: ['abc'], records: [{ abc: 'xyz12' }] })}  \n\n`).records).toHaveLength(1);
  });

  it('reads labels such as constructor and toString as values (null-prototype records), and rejects a __proto__ label', () => {
    const records = [{ constructor: 'a', toString: 1, valueOf: 'z' }];
    const back = parseMrt(formatMrt({ columns: ['constructor', 'toString', 'valueOf'], records }));
    expect(back.records[0]!.constructor).toBe('a');
    expect(back.records[0]!.toString).toBe(1);
    expect(Object.getPrototypeOf(back.records[0])).toBeNull();
    // a record without the key is a missing value, not Object.prototype.constructor
    expect(parseMrt(formatMrt({ columns: ['name', 'constructor'], records: [{ name: 'a' }] })).records[0]!.constructor).toBe('');
    const text = formatMrt({ columns: ['x'], records: [{ x: 1 }] }).replace(' x ', ' __proto__ ').replace('---   x ', '---   __proto__ ');
    expect(() => parseMrt(text)).toThrow(ParseError);
  });

  it('round-trips random small tables (property: parseMrt(formatMrt(t)) gives t back, up to the documented losses)', () => {
    const text = fc.oneof(
      fc.constant(''),
      fc.string({ maxLength: 12 }).filter((s) => !/[\r\n]/.test(s)),
      fc.constantFrom('2CXO J000009.3+135618', 'AGN', 'LM-STAR', '  padded ', '-', '----------', '==', 'Zoë 中', 'a\tb'),
    );
    const number = fc.oneof(
      fc.constant(Number.NaN),
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0.1 + 0.2, 1e-300, 5e-324, 1.7976931348623157e308, -2.5e-15, 359.9999999),
    );
    const table = fc
      .array(fc.constantFrom<'text' | 'number'>('text', 'number'), { minLength: 1, maxLength: 4 })
      .chain((types) =>
        fc.record({
          types: fc.constant(types),
          rows: fc.array(fc.tuple(...types.map((t) => (t === 'text' ? text : number))), { maxLength: 6 }),
        }),
      );
    fc.assert(
      fc.property(table, ({ types, rows }) => {
        const columns = types.map((_, j) => `c${j}`);
        const records = rows.map((row) => Object.fromEntries(row.map((v, j) => [columns[j]!, v])));
        let written: string;
        try {
          written = formatMrt({ columns, records });
        } catch (e) {
          // the one refusal among these values: a record that would read as a separator line
          expect(e).toBeInstanceOf(InvalidValueError);
          expect((e as Error).message).toMatch(/separator line/);
          return;
        }
        const back = parseMrt(written);
        expect(back.fields.map((f) => f.label)).toEqual(columns);
        expect(back.records).toHaveLength(records.length);
        back.records.forEach((r, i) => {
          columns.forEach((c, j) => {
            const v = rows[i]![j]!;
            const expected = typeof v === 'string' ? v.trim() : Object.is(v, -0) ? 0 : v;
            // a text column whose every value is blank reads as text; a number column of NaN as numbers
            expect(r[c], `${c} of row ${i + 1}: ${JSON.stringify(v)}`).toEqual(expected);
          });
        });
      }),
      { numRuns: 300, seed: 20240610 },
    );
  });
});
