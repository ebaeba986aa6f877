import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { runCli } from '../../src/cli/main';
import { TRAINING_SET_COLUMNS } from '../../src/cli/match';
import { readSourceTable } from '../../src/node';
import { captureCli } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'muwclass-match-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const AS = 1 / 3600;

// Two X-ray sources (CSC's own column names, sexagesimal RA/Dec as CSCview writes them) with fluxes to pass through.
const xray = file(
  'xray.csv',
  'name,ra,dec,err_ellipse_r0,Fb,flux_significance_b\n' +
    '2CXO J110507.4-585105,11 05 07.45,-58 51 05.47,0.9,1.5e-14,5.1\n' +
    '2CXO J110600.0-585000,11 06 00.00,-58 50 00.0,0.8,2.0e-15,3.2\n',
);
const ra0 = 166.28104166666665;
const dec0 = -58.85151944444445;
const gaia = file(
  'gaia.csv',
  'ra,dec,ra_error,dec_error,phot_g_mean_mag,phot_g_mean_flux_over_error,phot_bp_mean_mag,phot_bp_mean_flux_over_error,phot_rp_mean_mag,phot_rp_mean_flux_over_error,parallax,parallax_error\n' +
    `${ra0},${dec0 + 0.3 * AS},0.1,0.1,17.5,500,18.1,50,16.8,80,1.1,0.05\n` +
    `${ra0 + 0.01},${dec0},0.1,0.1,15.0,500,15.5,50,14.6,80,,\n`,
);
const tmass = file('tmass.csv', `RAJ2000,DEJ2000,errMaj,Jmag,e_Jmag,Hmag,e_Hmag,Kmag,e_Kmag\n${ra0},${dec0 - 0.4 * AS},0.08,15.2,0.05,14.7,0.06,14.5,\n`);
const allwise = file('allwise.csv', `RAJ2000,DEJ2000,eeMaj,W1mag,e_W1mag,W2mag,e_W2mag,W3mag,e_W3mag\n${ra0},${dec0 + 3 * AS},0.2,13.0,0.03,12.8,0.04,10.1,0.2\n`);
const catwise = file('catwise.csv', `RA_ICRS,DE_ICRS,e_RA_ICRS,e_DE_ICRS,W1mproPM,e_W1mproPM,W2mproPM,e_W2mproPM\n${ra0},${dec0 + 0.2 * AS},0.1,0.1,14.1,0.02,14.0,0.03\n`);

describe('muwclass match', () => {
  it('writes the training-set schema with counterparts, WISE by priority and diagnostics', async () => {
    const out = join(dir, 'field.csv');
    const c = captureCli();
    const code = await runCli(['match', '--xray', xray, '--gaia', gaia, '--tmass', tmass, '--allwise', allwise, '--catwise', catwise, '-o', out], c.context);
    expect(c.err()).toMatch(/Gaia: 2 rows, 1 of 2 X-ray sources matched/);
    expect(code).toBe(0);
    const header = readFileSync(out, 'utf8').split('\n')[0]!.split(',');
    expect(header.slice(0, TRAINING_SET_COLUMNS.length)).toEqual(TRAINING_SET_COLUMNS);
    expect(header).toContain('flux_significance_b');
    expect(header).toContain('Gaia_Pcc');
    const table = await readSourceTable(out, { optionalColumns: 'all' });
    const [s0, s1] = table.sources;
    expect(s0!.name).toBe('2CXO J110507.4-585105');
    expect(s0!.ra).toBeCloseTo(ra0, 12);
    expect(s0).toMatchObject({ Gmag: 17.5, BPmag: 18.1, Jmag: 15.2, Hmag: 14.7, W1mag: 14.1, W2mag: 14.0, Fb: 1.5e-14 });
    expect(s0!.e_Gmag).toBeCloseTo(Math.hypot(2.5 / Math.LN10 / 500, 0.0027553202), 12);
    expect(s0!.e_Kmag).toBeNaN();
    expect(s0!.W3mag).toBeNaN(); // AllWISE source 3" away is outside the 2-sigma radius
    expect(s1!.Gmag).toBeNaN();
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => l.split(','));
    const col = (name: string) => header.indexOf(name);
    expect(rows[1]![col('WISE_source')]).toBe('CatWISE2020');
    expect(Number(rows[1]![col('Gaia_sep')])).toBeCloseTo(0.3, 6);
    expect(rows[1]![col('Plx')]).toBe('1.1');
  });

  it('reads column overrides from JSON and propagates with --epoch', async () => {
    const renamed = file('x2.csv', 'src,RA,DEC,r0\nA,150,2,0.71\n');
    const g2 = file('g2.csv', `RA_ICRS,DE_ICRS,e_RA_ICRS,e_DE_ICRS,Gmag,e_Gmag,BPmag,e_BPmag,RPmag,e_RPmag,pmRA,pmDE\n150,${2 + 10 * AS},0.1,0.1,12,0.01,12.5,0.01,11.5,0.01,0,1000\n`);
    const columns = file(
      'cols.json',
      JSON.stringify({
        xray: { name: 'src', ra: 'RA', dec: 'DEC', pu: 'r0' },
        gaia: {
          ra: 'RA_ICRS',
          dec: 'DE_ICRS',
          error: { raError: 'e_RA_ICRS', decError: 'e_DE_ICRS', unit: 'mas' },
          bands: { G: { mag: 'Gmag', error: 'e_Gmag' }, BP: { mag: 'BPmag', error: 'e_BPmag' }, RP: { mag: 'RPmag', error: 'e_RPmag' } },
          astrometry: { epoch: 2016, pmRa: 'pmRA', pmDec: 'pmDE' },
        },
      }),
    );
    const out = join(dir, 'x2_out.csv');
    expect(await runCli(['match', '--xray', renamed, '--gaia', g2, '--columns', columns, '-o', out], captureCli().context)).toBe(0);
    expect((await readSourceTable(out, { optionalColumns: 'all' })).sources[0]!.Gmag).toBeNaN();
    expect(await runCli(['match', '--xray', renamed, '--gaia', g2, '--columns', columns, '--epoch', '2006', '-o', out], captureCli().context)).toBe(0);
    expect((await readSourceTable(out, { optionalColumns: 'all' })).sources[0]!.Gmag).toBe(12);
  });

  it('reports usage errors (exit 2) and input errors naming file, row and column (exit 65)', async () => {
    const c = captureCli();
    expect(await runCli(['match', '--xray', xray, '-o', join(dir, 'o.csv')], c.context)).toBe(2);
    expect(c.err()).toMatch(/at least one catalog/);
    const bad = file('bad.csv', 'name,ra,dec,err_ellipse_r0\nA,10,20,-1\n');
    const c2 = captureCli();
    expect(await runCli(['match', '--xray', bad, '--gaia', gaia, '-o', join(dir, 'o.csv')], c2.context)).toBe(65);
    expect(c2.err()).toMatch(/positional uncertainty must be a finite number >= 0.*got "-1" \(in bad.csv, row 1, column "err_ellipse_r0"\)/);
    const c3 = captureCli();
    expect(await runCli(['match', '--xray', xray, '--gaia', gaia, '--level', '3', '-o', join(dir, 'o.csv')], c3.context)).toBe(2);
  });
});
