/**
 * `muwclass convert` with VOTables: CSV → VOTable (each serialization) → CSV gives back the CSV, types are
 * inferred, VOTable → VOTable keeps the fields and changes the serialization, errors name the file and line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { runCli } from '../../src/cli/main';
import { readVotable, votableTables } from '../../src/node';
import { captureCli } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'muwclass-convert-votable-'));
const CSV = 'name,obsid,flux,source_id,flag\n"src, 1",8941,1.5e-14,6917528997577384320,true\nB,,2e-15,1,false\n';

describe('muwclass convert with VOTables', () => {
  it.each(['tabledata', 'binary', 'binary2'])('CSV -> VOTable (%s) -> CSV gives back the CSV', async (serialization) => {
    const csv = join(dir, `in-${serialization}.csv`);
    writeFileSync(csv, CSV);
    const vot = join(dir, `t-${serialization}.vot`);
    const c = captureCli();
    expect(await runCli(['convert', csv, '-o', vot, '--serialization', serialization], c.context)).toBe(0);
    const [table] = votableTables(await readVotable(vot));
    expect(table!.serialization).toBe(serialization.toUpperCase());
    expect(table!.fields.map((f) => `${f.name}:${f.datatype}`)).toEqual(['name:char', 'obsid:int', 'flux:double', 'source_id:long', 'flag:boolean']);
    expect(table!.rows[0]).toEqual(['src, 1', 8941, 1.5e-14, 6917528997577384320n, true]);
    const back = join(dir, `back-${serialization}.csv`);
    expect(await runCli(['convert', vot, '-o', back], captureCli().context)).toBe(0);
    expect(readFileSync(back, 'utf8')).toBe('name,obsid,flux,source_id,flag\n"src, 1",8941,1.5e-14,6917528997577384320,T\nB,,2e-15,1,F\n');
  });

  it('VOTable -> VOTable keeps units and UCDs and changes the serialization; --to votable for another extension', async () => {
    const vot = join(dir, 'meta.vot');
    writeFileSync(
      vot,
      '<VOTABLE version="1.4"><RESOURCE><TABLE><FIELD name="ra" datatype="double" unit="deg" ucd="pos.eq.ra"/><DATA><TABLEDATA><TR><TD>1.25</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>',
    );
    const out = join(dir, 'meta.out');
    expect(await runCli(['convert', vot, '-o', out, '--to', 'votable', '--serialization', 'binary'], captureCli().context)).toBe(0);
    const [table] = votableTables(await readVotable(out));
    expect(table).toMatchObject({ serialization: 'BINARY', rows: [[1.25]] });
    expect(table!.fields[0]).toEqual({ name: 'ra', datatype: 'double', unit: 'deg', ucd: 'pos.eq.ra' });
  });

  it('a malformed VOTable names the file, line, row and column; a bad --serialization is a usage error', async () => {
    const vot = join(dir, 'bad.vot');
    writeFileSync(vot, '<VOTABLE>\n<RESOURCE><TABLE><FIELD name="n" datatype="int"/>\n<DATA><TABLEDATA><TR><TD>x</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>');
    const c = captureCli();
    expect(await runCli(['convert', vot, '-o', join(dir, 'bad.csv')], c.context)).toBe(65);
    expect(c.err()).toMatch(/malformed int "x" on line 3 \(in .*bad\.vot, row 1, column "n"\)/);
    const u = captureCli();
    expect(await runCli(['convert', vot, '-o', join(dir, 'x.vot'), '--serialization', 'fits'], u.context)).toBe(2);
    expect(u.err()).toMatch(/--serialization must be tabledata, binary or binary2/);
  });
});
