import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
