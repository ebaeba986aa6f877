import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createCatalog, julianYearFromMjd, propagateCatalog } from '../../src/field/catalog';
import { ALLWISE_COLUMNS, GAIA_EDR3_COLUMNS, TWOMASS_PSC_COLUMNS, UNWISE_COLUMNS, withColumns } from '../../src/field/catalog-reader';
import { readCatalog } from '../../src/node';
import { angularSeparation } from '../../src/field/angular-separation';
import { InvalidValueError, MissingColumnError, ParseError } from '../../src/core/errors';

const dir = mkdtempSync(join(tmpdir(), 'muwclass-catalog-'));
function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('createCatalog', () => {
  it('copies into typed arrays, wraps RA and never touches the input', () => {
    const ra = [361, -1];
    const cat = createCatalog({ name: 'T', ra, dec: [0, 0], sigma: 0.1, bands: { J: { mag: [12, Number.NaN] } } });
    expect(Array.from(cat.ra)).toEqual([1, 359]);
    expect(ra).toEqual([361, -1]);
    expect(Array.from(cat.sigma)).toEqual([0.1, 0.1]);
    expect(cat.bands.J!.err[0]).toBeNaN();
  });

  it('rejects a missing coordinate, a negative positional or magnitude error, naming catalog, row and column', () => {
    expect(() => createCatalog({ name: 'Gaia', ra: [1, Number.NaN], dec: [0, 0], sigma: 0.1 })).toThrow(/Gaia.*row 1, column "ra"/);
    expect(() => createCatalog({ name: 'Gaia', ra: [1], dec: [Number.NaN], sigma: 0.1 })).toThrow(InvalidValueError);
    expect(() => createCatalog({ name: '2MASS', ra: [1, 2], dec: [0, 0], sigma: [0.1, -0.2] })).toThrow(/non-negative.*row 1, column "sigma"/);
    expect(() => createCatalog({ name: '2MASS', ra: [1], dec: [0], sigma: 0.1, bands: { J: { mag: [12], err: [-0.1] } } })).toThrow(/e_Jmag/);
  });
});

describe('propagateCatalog (proper motion)', () => {
  it('moves a 1"/yr northward star 10" back in 10 years and widens its error by the PM error', () => {
    const cat = createCatalog({
      name: 'Gaia',
      ra: [150],
      dec: [2],
      sigma: [0.01],
      astrometry: { epoch: 2016, pmRa: [0], pmDec: [1000], pmRaError: [0.1], pmDecError: [0.2] },
    });
    const moved = propagateCatalog(cat, 2006);
    expect(moved.dec[0]).toBeCloseTo(2 - 10 / 3600, 10);
    expect(moved.ra[0]).toBeCloseTo(150, 10);
    expect(moved.sigma[0]).toBeCloseTo(Math.hypot(0.01, 0.0002 * 10), 12);
    expect(moved.astrometry!.epoch).toBe(2006);
    expect(cat.dec[0]).toBe(2); // input untouched
  });

  it('moves east by mu_a* / cos(dec) in RA and stays exact across the pole', () => {
    const east = propagateCatalog(createCatalog({ name: 'G', ra: [10], dec: [60], sigma: 0, astrometry: { epoch: 2016, pmRa: [3600], pmDec: [0] } }), 2017);
    expect(angularSeparation(10, 60, east.ra[0]!, east.dec[0]!) * 3600).toBeCloseTo(3.6, 6);
    expect(east.ra[0]! - 10).toBeCloseTo(3.6 / 3600 / Math.cos(Math.PI / 3), 8);
    const polar = propagateCatalog(createCatalog({ name: 'G', ra: [0], dec: [89.9999], sigma: 0, astrometry: { epoch: 2016, pmRa: [0], pmDec: [720] } }), 2017);
    expect(polar.ra[0]).toBeCloseTo(180, 6);
    expect(polar.dec[0]).toBeCloseTo(89.9999, 9);
  });

  it('leaves rows without proper motion, and catalogs without astrometry, as they are', () => {
    const cat = createCatalog({ name: 'G', ra: [1, 2], dec: [0, 0], sigma: 0, astrometry: { epoch: 2016, pmRa: [Number.NaN, 0], pmDec: [Number.NaN, 0] } });
    expect(propagateCatalog(cat, 2000).ra[0]).toBe(1);
    const plain = createCatalog({ name: 'T', ra: [1], dec: [0], sigma: 0 });
    expect(propagateCatalog(plain, 2000)).toBe(plain);
    expect(julianYearFromMjd(57388.5)).toBe(2016); // J2016.0 = JD 2457389.0
  });
});

describe('readCatalog with each catalog\'s own column names', () => {
  it('Gaia archive: mas errors -> arcsec 1 sigma semi-major, magnitude errors from flux_over_error with the EDR3 zero-point terms', async () => {
    const path = csv(
      'gaia.csv',
      [
        'source_id,ra,dec,ra_error,dec_error,ra_dec_corr,phot_g_mean_mag,phot_g_mean_flux_over_error,phot_bp_mean_mag,phot_bp_mean_flux_over_error,phot_rp_mean_mag,phot_rp_mean_flux_over_error,pmra,pmdec,pmra_error,pmdec_error,parallax,parallax_error',
        '1,166.28,-58.85,0.30,0.40,0,17.5,1000,18.0,100,16.9,,1.5,-2.0,0.1,0.1,0.8,0.05',
        '2,11 05 07.45,-58:51:05.47,0.2,0.2,0.5,,,,,,,,,,,,',
      ].join('\n'),
    );
    const gaia = await readCatalog(path, GAIA_EDR3_COLUMNS);
    expect(gaia.name).toBe('Gaia');
    expect(gaia.sigma[0]).toBeCloseTo(0.0004, 15);
    expect(gaia.sigma[1]).toBeCloseTo(0.0002 * Math.sqrt(1.5), 15);
    expect(gaia.ra[1]).toBeCloseTo(166.28104166666665, 12);
    expect(gaia.dec[1]).toBeCloseTo(-58.85151944444445, 12);
    expect(gaia.bands.G!.err[0]).toBeCloseTo(Math.hypot(2.5 / Math.LN10 / 1000, 0.0027553202), 15);
    expect(gaia.bands.BP!.err[0]).toBeCloseTo(Math.hypot(2.5 / Math.LN10 / 100, 0.00279017), 15);
    expect(gaia.bands.RP!.mag[0]).toBe(16.9);
    expect(gaia.bands.RP!.err[0]).toBeNaN();
    expect(gaia.bands.G!.mag[1]).toBeNaN();
    expect(gaia.astrometry!.pmRa[0]).toBe(1.5);
    expect(gaia.extra.Plx![0]).toBe(0.8);
  });

  it('2MASS (VizieR) and AllWISE defaults, and renamed columns', async () => {
    const tmass = await readCatalog(csv('tmass.csv', 'RAJ2000,DEJ2000,errMaj,Jmag,e_Jmag,Hmag,e_Hmag,Kmag,e_Kmag\n10,20,0.06,12.1,0.02,11.5,,11.2,0.03\n'), TWOMASS_PSC_COLUMNS);
    expect(tmass.sigma[0]).toBe(0.06);
    expect(tmass.bands.H!.mag[0]).toBe(11.5);
    expect(tmass.bands.H!.err[0]).toBeNaN();
    const renamed = withColumns(ALLWISE_COLUMNS, { ra: 'ra', dec: 'dec', error: { semiMajor: 'sigma95', level: '95%' }, bands: { W3: null } });
    expect(ALLWISE_COLUMNS.bands.W3).toBeDefined();
    const wise = await readCatalog(csv('wise.csv', 'ra,dec,sigma95,W1mag,e_W1mag,W2mag,e_W2mag\n1,2,0.24477468306808166,15,0.1,14,0.2\n'), renamed);
    expect(wise.sigma[0]).toBeCloseTo(0.1, 14);
    expect(wise.bands.W3).toBeUndefined();
  });

  it('unWISE fluxes in nanomaggies -> Vega magnitudes', async () => {
    const unwise = await readCatalog(csv('unwise.csv', 'RAJ2000,DEJ2000,FW1,e_FW1,FW2,e_FW2\n1,2,1000,10,-5,1\n'), UNWISE_COLUMNS);
    expect(unwise.bands.W1!.mag[0]).toBeCloseTo(15, 12);
    expect(unwise.bands.W1!.err[0]).toBeCloseTo((2.5 / Math.LN10) * 0.01, 12);
    expect(unwise.bands.W2!.mag[0]).toBeNaN();
    expect(unwise.sigma[0]).toBe(0);
  });

  it('gives clear errors: missing column, missing coordinate, negative error, malformed sexagesimal', async () => {
    await expect(readCatalog(csv('a.csv', 'RAJ2000,DEJ2000,Jmag,e_Jmag,Hmag,e_Hmag,Kmag,e_Kmag\n1,2,3,4,5,6,7,8\n'), TWOMASS_PSC_COLUMNS)).rejects.toThrow(MissingColumnError);
    const header = 'RAJ2000,DEJ2000,errMaj,Jmag,e_Jmag,Hmag,e_Hmag,Kmag,e_Kmag\n';
    await expect(readCatalog(csv('b.csv', `${header}1,2,0.1,1,1,1,1,1,1\n,3,0.1,1,1,1,1,1,1\n`), TWOMASS_PSC_COLUMNS)).rejects.toThrow(/missing right ascension.*row 2, column "RAJ2000"/);
    await expect(readCatalog(csv('c.csv', `${header}1,2,-0.1,1,1,1,1,1,1\n`), TWOMASS_PSC_COLUMNS)).rejects.toThrow(/negative error.*row 1, column "errMaj"/);
    await expect(readCatalog(csv('d.csv', `${header}11 75 00,2,0.1,1,1,1,1,1,1\n`), TWOMASS_PSC_COLUMNS)).rejects.toThrow(ParseError);
  });

  it('rejects positions out of range (an RA of 400 deg used to match a star at 40), naming file, row, column, value and range', async () => {
    const header = 'RAJ2000,DEJ2000,errMaj,Jmag,e_Jmag,Hmag,e_Hmag,Kmag,e_Kmag\n';
    const ok = '40,2,0.1,1,0.1,1,0.1,1,0.1\n';
    for (const [ra, dec, message] of [
      ['400', '2', 'right ascension 400 deg is outside [0, 360) (in r.csv, row 2, column "RAJ2000")'],
      ['360', '2', 'right ascension 360 deg is outside [0, 360) (in r.csv, row 2, column "RAJ2000")'],
      ['-1', '2', 'right ascension -1 deg is outside [0, 360) (in r.csv, row 2, column "RAJ2000")'],
      ['1e400', '2', 'right ascension Infinity deg is outside [0, 360) (in r.csv, row 2, column "RAJ2000")'],
      ['40', '95', 'declination 95 deg is outside [-90, 90] (in r.csv, row 2, column "DEJ2000")'],
      ['40', '-90.01', 'declination -90.01 deg is outside [-90, 90] (in r.csv, row 2, column "DEJ2000")'],
      ['40', '', '2MASS: missing declination (in r.csv, row 2, column "DEJ2000")'],
    ]) {
      const e = await readCatalog(csv('r.csv', `${header}${ok}${ra},${dec},0.1,1,0.1,1,0.1,1,0.1\n`), TWOMASS_PSC_COLUMNS, { sourceName: 'r.csv' }).catch((x: unknown) => x);
      expect(e, `${ra} ${dec}`).toBeInstanceOf(InvalidValueError);
      expect((e as InvalidValueError).message, `${ra} ${dec}`).toContain(message);
    }
    const edge = await readCatalog(csv('edge.csv', `${header}0,-90,0.1,1,0.1,1,0.1,1,0.1\n359.999,90,0.1,1,0.1,1,0.1,1,0.1\n`), TWOMASS_PSC_COLUMNS);
    expect(Array.from(edge.ra)).toEqual([0, 359.999]);
    expect(Array.from(edge.dec)).toEqual([-90, 90]);
  });

  it('names the column that is missing of a pair of positional errors (dec_error, not ra_error)', async () => {
    const header = 'ra,dec,ra_error,dec_error,phot_g_mean_mag,phot_g_mean_flux_over_error,phot_bp_mean_mag,phot_bp_mean_flux_over_error,phot_rp_mean_mag,phot_rp_mean_flux_over_error\n';
    const row = (decError: string) => `10,20,0.1,${decError},18,100,18.5,50,17.5,60\n`;
    const path = csv('gaia-err.csv', header + row('0.1') + row(''));
    await expect(readCatalog(path, GAIA_EDR3_COLUMNS, { sourceName: 'gaia.csv' })).rejects.toThrow('Gaia: missing positional error (in gaia.csv, row 2, column "dec_error")');
  });

  it('rejects a band that is not one of the paper\'s (a "__proto__" band from a JSON file was silently dropped) and a __proto__ extra column', async () => {
    const bands = JSON.parse('{"__proto__": {"mag": "Jmag", "error": "e_Jmag"}}') as Record<string, never>;
    expect(() => withColumns(TWOMASS_PSC_COLUMNS, { bands })).toThrow('withColumns: unknown band "__proto__" (the bands are G, BP, RP, J, H, K, W1, W2, W3)');
    expect(() => withColumns(TWOMASS_PSC_COLUMNS, { bands: { Z: { mag: 'Zmag', error: 'e_Zmag' } } as never })).toThrow('unknown band "Z"');
    expect(() => withColumns(TWOMASS_PSC_COLUMNS, { extra: JSON.parse('{"__proto__": "x"}') as Record<string, string> })).toThrow('"__proto__" cannot name an extra column');
    const header = 'RAJ2000,DEJ2000,errMaj,Jmag,e_Jmag\n';
    const columns = { name: 'mine', ra: 'RAJ2000', dec: 'DEJ2000', error: { semiMajor: 'errMaj' }, bands: JSON.parse('{"J": {"mag": "Jmag", "error": "e_Jmag"}, "constructor": {"mag": "Jmag", "error": "e_Jmag"}}') };
    await expect(readCatalog(csv('bands.csv', `${header}40,2,0.1,1,0.1\n`), columns)).rejects.toThrow('parseCatalog(mine): unknown band "constructor"');
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('rejects an infinite magnitude, a short row and a repeated column', async () => {
    const header = 'RAJ2000,DEJ2000,errMaj,Jmag,e_Jmag,Hmag,e_Hmag,Kmag,e_Kmag\n';
    await expect(readCatalog(csv('inf.csv', `${header}40,2,0.1,inf,0.1,1,0.1,1,0.1\n`), TWOMASS_PSC_COLUMNS, { sourceName: 'inf.csv' })).rejects.toThrow(
      'malformed number "inf" (in inf.csv, row 1, column "Jmag")',
    );
    await expect(readCatalog(csv('short.csv', `${header}40,2,0.1\n`), TWOMASS_PSC_COLUMNS, { sourceName: 'short.csv' })).rejects.toThrow(
      'row has 3 cells but the header has 9 (in short.csv, row 1)',
    );
    await expect(readCatalog(csv('dup.csv', header.replace('e_Hmag', 'e_Jmag') + '40,2,0.1,1,0.1,1,0.1,1,0.1\n'), TWOMASS_PSC_COLUMNS)).rejects.toThrow(
      'column name "e_Jmag" appears twice, as columns 5 and 7',
    );
  });
});
