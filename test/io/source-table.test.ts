import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SOURCE_NUMERIC_COLUMNS } from '../../src/io/schema';
import { readSourceTable } from '../../src/node';
import { InvalidValueError, MissingColumnError } from '../../src/core/errors';
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
