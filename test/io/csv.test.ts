import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { dedupeHeaders, readCsv, readTable, writeCsv } from '../../src/io/csv';
import { MalformedNumberError, MissingColumnError } from '../../src/core/errors';

const dir = mkdtempSync(join(tmpdir(), 'muwclass-csv-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('dedupeHeaders', () => {
  it('suffixes repeats like pandas', () => {
    expect(dedupeHeaders(['a', 'b', 'a', 'a'])).toEqual(['a', 'b', 'a.1', 'a.2']);
    expect(dedupeHeaders(['a', 'a.1', 'a'])).toEqual(['a', 'a.1', 'a.2']);
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
});
