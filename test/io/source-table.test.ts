import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SOURCE_NUMERIC_COLUMNS } from '../../src/io/schema';
import { parseSourceTable, SOURCE_COLUMN_RANGES } from '../../src/io/source-table';
import { formatCsv } from '../../src/io/csv';
import { readSourceTable } from '../../src/node';
import { InvalidValueError, MalformedNumberError, MissingColumnError, ParseError } from '../../src/core/errors';
import { describeWithData, sharedData } from '../helpers/shared-data';

describeWithData('readSourceTable on the paper training set', ['td/muwclass_td_cscv2.csv'], () => {
  it('reads 2,941 labelled sources in the paper class counts (Table 1)', async () => {
    const td = await readSourceTable(sharedData('td/muwclass_td_cscv2.csv'), { requireLabel: true });
    expect(td.sources).toHaveLength(2941);
    const counts: Record<string, number> = {};
    for (const s of td.sources) counts[s.label!] = (counts[s.label!] ?? 0) + 1;
    expect(counts).toEqual({ AGN: 1390, YSO: 1004, 'LM-STAR': 207, 'HM-STAR': 118, NS: 87, LMXB: 65, CV: 44, HMXB: 26 });
    const first = td.sources[0]!;
    expect(first.name).toBe('2CXO J000009.3+135618');
    expect(first.ra).toBe(0.0391148);
    expect(first.Fs).toBe(2e-15);
    expect(first.P_intra).toBe(0.923);
    expect(first.P_inter).toBeNaN();
    expect(first.Jmag).toBeNaN();
    expect(first.W3mag).toBe(10.8);
    expect(td.absentColumns).toEqual([]);
  });
});

describe('readSourceTable errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'muwclass-src-'));
  const header = ['CSCv2_name', ...SOURCE_NUMERIC_COLUMNS].join(',');
  const row = (name: string) => [name, ...SOURCE_NUMERIC_COLUMNS.map(() => '1')].join(',');

  it('requires every feature column unless allowed to be absent', async () => {
    const path = join(dir, 'xonly.csv');
    writeFileSync(path, 'CSCv2_name,Fs,e_Fs\na,1,1\n');
    await expect(readSourceTable(path)).rejects.toThrow(MissingColumnError);
    const t = await readSourceTable(path, { optionalColumns: 'all' });
    expect(t.sources[0]!.Fs).toBe(1);
    expect(t.sources[0]!.Gmag).toBeNaN();
    expect(t.absentColumns).toContain('Gmag');
  });

  it('requires a label on every training row, naming the row', async () => {
    const path = join(dir, 'td.csv');
    writeFileSync(path, `${header},True_Class\n${row('a')},AGN\n${row('b')},\n`);
    await expect(readSourceTable(path, { requireLabel: true, sourceName: 'td.csv' })).rejects.toThrow(InvalidValueError);
    await expect(readSourceTable(path, { requireLabel: true, sourceName: 'td.csv' })).rejects.toThrow(/row 2, column "True_Class"/);
  });

  it('rejects an unknown optional column name', async () => {
    const path = join(dir, 'td2.csv');
    writeFileSync(path, `${header}\n${row('a')}\n`);
    await expect(readSourceTable(path, { optionalColumns: ['Gmagg'] })).rejects.toThrow(/Gmagg/);
  });
});

describe('parseSourceTable: physical ranges and strict cells', () => {
  const columns = ['CSCv2_name', 'CSCv2_RA', 'CSCv2_DEC', ...SOURCE_NUMERIC_COLUMNS, 'True_Class'];
  const good = { CSCv2_name: 'A', CSCv2_RA: 359.9, CSCv2_DEC: -90, Fs: 0, e_Fs: 0, Fb: 1e-14, e_Fb: 1e-15, P_intra: 0, P_inter: 1, Gmag: -1.5, e_Gmag: 0.01, W3mag: 25, True_Class: 'AGN' };
  const table = (override: Record<string, string | number>) => formatCsv(columns, [good, { ...good, CSCv2_name: 'B', ...override }], { spreadsheetSafe: false });

  it('accepts values at the edges of every range, and negative magnitudes', async () => {
    const t = await parseSourceTable(table({}), { requireLabel: true });
    expect(t.sources[1]).toMatchObject({ ra: 359.9, dec: -90, Fs: 0, P_intra: 0, P_inter: 1, Gmag: -1.5 });
  });

  it.each([
    ['CSCv2_RA', 400, '[0, 360)'],
    ['CSCv2_RA', 360, '[0, 360)'],
    ['CSCv2_RA', -0.5, '[0, 360)'],
    ['CSCv2_DEC', 95, '[-90, 90]'],
    ['CSCv2_DEC', -90.5, '[-90, 90]'],
    ['Fs', -1e-15, '[0, ∞)'],
    ['Fb', -1e-14, '[0, ∞)'],
    ['e_Fh', -2e-16, '[0, ∞)'],
    ['e_Jmag', -0.1, '[0, ∞)'],
    ['e_W3mag', -1, '[0, ∞)'],
    ['P_intra', 1.5, '[0, 1]'],
    ['P_inter', -0.01, '[0, 1]'],
  ])('rejects %s = %d, naming source, row, column, value and range %s', async (column, value, range) => {
    const e = await parseSourceTable(table({ [column]: value }), { sourceName: 'field.csv' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidValueError);
    expect((e as InvalidValueError).location).toEqual({ source: 'field.csv', row: 2, column });
    expect((e as InvalidValueError).message).toBe(`value ${value} is outside the column's range ${range} (in field.csv, row 2, column "${column}")`);
  });

  it('applies the ranges to renamed RA and Dec columns', async () => {
    const text = table({ CSCv2_DEC: 91 }).replace('CSCv2_RA,CSCv2_DEC', 'RA,DEC');
    await expect(parseSourceTable(text, { raColumn: 'RA', decColumn: 'DEC' })).rejects.toThrow('value 91 is outside the column\'s range [-90, 90] (row 2, column "DEC")');
  });

  it.each(['inf', '-inf', '0x10', '1_000'])('rejects the number %j as malformed, naming the row and column', async (text) => {
    const csv = table({}).replace(/\nB,359\.9,-90,0,/, `\nB,359.9,-90,${text},`);
    const e = await parseSourceTable(csv, { sourceName: 'field.csv' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MalformedNumberError);
    expect((e as MalformedNumberError).message).toBe(`malformed number ${JSON.stringify(text)} (in field.csv, row 2, column "Fs")`);
  });

  it('rejects 1e400 as not finite', async () => {
    const csv = table({}).replace(/\nB,359\.9,-90,0,/, '\nB,359.9,-90,1e400,');
    await expect(parseSourceTable(csv)).rejects.toThrow('number "1e400" is not finite (beyond the range of a double) (row 2, column "Fs")');
  });

  it('rejects a truncated row (12 of the cells) instead of reading it as a source without counterparts', async () => {
    const text = table({});
    const lines = text.trimEnd().split('\n');
    lines[2] = lines[2]!.split(',').slice(0, 12).join(',');
    await expect(parseSourceTable(lines.join('\n'), { sourceName: 'cut.csv' })).rejects.toThrow(`row has 12 cells but the header has ${columns.length} (in cut.csv, row 2)`);
  });

  it('rejects a duplicated column', async () => {
    const text = table({}).replace('e_Fs', 'Fs');
    await expect(parseSourceTable(text, { sourceName: 'dup.csv' })).rejects.toThrow(ParseError);
    await expect(parseSourceTable(text, { sourceName: 'dup.csv' })).rejects.toThrow('column name "Fs" appears twice, as columns 4 and 5');
  });

  it('lists the ranges it enforces', () => {
    expect(SOURCE_COLUMN_RANGES.ra).toEqual({ min: 0, maxExclusive: 360 });
    expect(SOURCE_COLUMN_RANGES.dec).toEqual({ min: -90, max: 90 });
    for (const c of SOURCE_NUMERIC_COLUMNS) {
      const expected = c.startsWith('e_') || ['Fs', 'Fm', 'Fh', 'Fb'].includes(c) ? { min: 0 } : c.startsWith('P_') ? { min: 0, max: 1 } : {};
      expect(SOURCE_COLUMN_RANGES[c], c).toEqual(expected);
    }
  });
});
