/**
 * `muwclass convert` with FITS binary tables: CSV ↔ FITS ↔ MRT round trips are lossless for the column types a
 * muwclass table holds (numbers with missing values, text, logicals), and FITS-specific errors name the file and
 * column.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { runCli } from '../../src/cli/main';
import { readFits, writeFits } from '../../src/node';
import { captureCli } from '../helpers/cli';
import { PROJECT_ROOT } from '../helpers/dist';
import { describeWithData, sharedData } from '../helpers/shared-data';

const dir = mkdtempSync(join(tmpdir(), 'muwclass-fits-convert-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const convert = async (...argv: string[]) => {
  const c = captureCli();
  const code = await runCli(['convert', ...argv], c.context);
  return { code, err: c.err(), out: c.out() };
};

const CSV = [
  'CSCv2_name,CSCv2_RA,Fb,P_inter,note,n',
  '2CXO J110507.4-585105,166.28104166666665,1.5e-14,0.123456789012345,"a, quoted ""note""",3',
  '2CXO J110600.0-585000,0.1,,1e-300,,-7',
  'x,359.99999999999994,-2.5E-17,,plain,0',
].join('\n');

describe('muwclass convert with FITS', () => {
  it('CSV -> FITS -> CSV gives back every value (numbers to the last bit, missing values, text)', async () => {
    const csv = file('t.csv', `${CSV}\n`);
    const fits = join(dir, 't.fits');
    const r = await convert(csv, '-o', fits);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/wrote 3 rows x 6 columns to .*t\.fits/);
    const [, table] = await readFits(fits);
    expect(table!.kind === 'bintable' && table!.columns.map((c) => c.format)).toEqual(['21A', '1D', '1D', '1D', '16A', '1D']);
    const back = join(dir, 'back.csv');
    expect((await convert(fits, '-o', back)).code).toBe(0);
    const direct = join(dir, 'direct.csv');
    expect((await convert(csv, '-o', direct)).code).toBe(0);
    expect(readFileSync(back, 'utf8')).toBe(readFileSync(direct, 'utf8'));
    expect(readFileSync(back, 'utf8').split('\n')[2]).toBe('2CXO J110600.0-585000,0.1,,1e-300,,-7');
  });

  it('FITS -> MRT -> FITS keeps the values; logicals become true/false text', async () => {
    const fits = join(dir, 'l.fits');
    await writeFits(fits, [{ kind: 'bintable', columns: [{ name: 'name', values: ['a', 'b'] }, { name: 'flux', values: [1.5e-14, Number.NaN] }, { name: 'ok', values: [true, null] }] }]);
    const mrt = join(dir, 'l.txt');
    expect((await convert(fits, '-o', mrt)).code).toBe(0);
    const again = join(dir, 'l2.fits');
    expect((await convert(mrt, '-o', again)).code).toBe(0);
    const [, t] = await readFits(again);
    expect(t!.kind === 'bintable' && t!.columns.map((c) => [c.name, Array.from(c.values as ArrayLike<unknown>)])).toEqual([
      ['name', ['a', 'b']],
      ['flux', [1.5e-14, Number.NaN]],
      ['ok', ['true', '']],
    ]);
    const csv = join(dir, 'l.csv');
    expect((await convert(fits, '-o', csv)).code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toBe('name,flux,ok\na,1.5e-14,true\nb,,\n');
  });

  it('reads the table of an astropy file by --hdu; an array column is refused naming it (exit 65)', async () => {
    const astropy = join(PROJECT_ROOT, 'test/fixtures/fits/table.fits');
    const r = await convert(astropy, '-o', join(dir, 'a.csv'));
    expect(r.code).toBe(65);
    expect(r.err).toMatch(/column holds 11 values per row \(TFORM '11X'\), which a table cell cannot hold \(in table\.fits, column "bits"\)/);
    const img = await convert(astropy, '-o', join(dir, 'b.csv'), '--hdu', 'MAP');
    expect(img.code).toBe(65);
    expect(img.err).toMatch(/HDU MAP is not a binary table in table\.fits/);
    const varlen = await convert(join(PROJECT_ROOT, 'test/fixtures/fits/varlen.fits'), '-o', join(dir, 'c.csv'), '--hdu', '1');
    expect(varlen.code).toBe(65);
    expect(varlen.err).toMatch(/column 2 "lightcurve" .* is a variable-length array/);
  });

  it('names the row and column of text a FITS column cannot hold, and rejects --hdu for other inputs', async () => {
    const csv = file('u.csv', 'name,x\nok,1\nÅngström,2\n');
    const r = await convert(csv, '-o', join(dir, 'u.fits'));
    expect(r.code).toBe(65);
    expect(r.err).toMatch(/"Ångström" is not printable ASCII, which a FITS character column requires \(in u\.csv, row 2, column "name"\)/);
    expect((await convert(csv, '-o', join(dir, 'u2.csv'), '--hdu', '1')).code).toBe(2);
    expect((await convert(csv, '-o', join(dir, 'u3.dat'), '--to', 'xlsx')).err).toMatch(/--to must be csv, mrt, fits or votable, got "xlsx"/);
  });
});

describeWithData('muwclass convert: the training set through FITS', ['td/muwclass_td_cscv2.csv'], () => {
  it('CSV -> FITS -> CSV is identical to CSV -> CSV for all 2,941 rows and 43 columns', async () => {
    const td = sharedData('td/muwclass_td_cscv2.csv');
    const fits = join(dir, 'td.fits');
    expect((await convert(td, '-o', fits)).code).toBe(0);
    const back = join(dir, 'td-back.csv');
    expect((await convert(fits, '-o', back)).code).toBe(0);
    const direct = join(dir, 'td-direct.csv');
    expect((await convert(td, '-o', direct)).code).toBe(0);
    const text = readFileSync(back, 'utf8');
    expect(text.split('\n').length).toBe(2943);
    expect(text).toBe(readFileSync(direct, 'utf8'));
  });
});
