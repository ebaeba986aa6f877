import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { runCli } from '../../src/cli/main';
import { readMrt } from '../../src/node';
import { captureCli } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'muwclass-convert-'));
const MRT = `Title: Test
================================================================================
Byte-by-byte Description of file: t.txt
--------------------------------------------------------------------------------
   Bytes Format Units  Label Explanations
--------------------------------------------------------------------------------
   1-  5 A5     ---    Name  Name
   7- 14 E8.2   ---    Flux  ? Flux
  16- 18 I3     ---    N     Count
--------------------------------------------------------------------------------
alpha 1.50e-14  12
beta            -3
`;

describe('muwclass convert', () => {
  it('MRT -> CSV -> MRT gives back the records', async () => {
    const mrt = join(dir, 't.txt');
    writeFileSync(mrt, MRT);
    const csv = join(dir, 't.csv');
    const c = captureCli();
    expect(await runCli(['convert', mrt, '-o', csv], c.context)).toBe(0);
    expect(readFileSync(csv, 'utf8').trimEnd()).toBe('Name,Flux,N\nalpha,1.5e-14,12\nbeta,,-3');
    const back = join(dir, 'back.mrt');
    expect(await runCli(['convert', csv, '-o', back, '--title', 'Again'], captureCli().context)).toBe(0);
    const table = await readMrt(back);
    expect(table.title).toBe('Again');
    expect(table.records).toEqual([
      { Name: 'alpha', Flux: 1.5e-14, N: 12 },
      { Name: 'beta', Flux: Number.NaN, N: -3 },
    ]);
  });

  it('names the line and bytes of a bad value and exits 65', async () => {
    const mrt = join(dir, 'bad.txt');
    writeFileSync(mrt, MRT.replace('-3', 'xx'));
    const c = captureCli();
    expect(await runCli(['convert', mrt, '-o', join(dir, 'bad.csv')], c.context)).toBe(65);
    expect(c.err()).toMatch(/malformed I3 value " xx" at line 12, bytes 16-18 \(N\)/);
  });

  it('requires an input and an output', async () => {
    expect(await runCli(['convert', '-o', 'x.csv'], captureCli().context)).toBe(2);
  });
});
