/**
 * `muwclass field`: a sky position to a classify-ready table, against a local HTTP server (node:http on
 * 127.0.0.1, a random port) that answers the CSC, Gaia and VizieR TAP queries with small synthetic VOTables
 * (each in another serialization), with a synthetic HEALPix dust map written by the FITS writer; then the same
 * from `--offline` files (VOTable, FITS and CSV), and `classify` on the result.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../../src/cli/main';
import { parseNumberCell } from '../../src/io/cells';
import type { VotableTable } from '../../src/io/votable';
import type { VotableSerialization } from '../../src/io/votable-datatypes';
import { formatVotable, votableDocument } from '../../src/io/votable-writer';
import { syntheticTrainingSet } from '../../src/io/synthetic';
import { readCsv, writeFits } from '../../src/node';
import { captureCli } from '../helpers/cli';
import { writeSourcesCsv } from '../helpers/training-csv';
import { tempDir } from './helpers';

const dir = tempDir('field');
const path = (name: string) => join(dir, name);

/** What the server was asked: path and ADQL. */
const seen: { path: string; query: string }[] = [];
let server: Server;
let base: string;
/** Paths that answer with an error document. */
const failing = new Set<string>();

const double = (name: string) => ({ name, datatype: 'double' as const });
const table = (fields: VotableTable['fields'], rows: VotableTable['rows']): VotableTable => ({ fields, params: [], infos: [], rows });

// Two X-ray sources either side of RA 180 deg (the boundary between HEALPix N_side 1 RING pixels 9 and 10 in
// the south polar cap), 3' apart, each seen in two observations.
const A = { name: '2CXO J115948.0-585100', ra: 179.95, dec: -58.85, r0: 0.8 };
const B = { name: '2CXO J120012.0-585136', ra: 180.05, dec: -58.86, r0: 1.0 };
const arcsec = 1 / 3600;

const PER = ['s', 'm', 'h', 'b'].flatMap((b) => [`flux_aper90_${b}`, `flux_aper90_lolim_${b}`, `flux_aper90_hilim_${b}`]);
const CSC = table(
  [
    { name: 'name', datatype: 'char', arraysize: '*' },
    double('ra'),
    double('dec'),
    double('err_ellipse_r0'),
    double('significance'),
    { name: 'obsid', datatype: 'int' },
    { name: 'region_id', datatype: 'int' },
    { name: 'obi', datatype: 'short' },
    { name: 'instrument', datatype: 'char', arraysize: '4' },
    double('theta'),
    double('pileup_warning'),
    double('kp_prob_b'),
    double('flux_significance_b'),
    { name: 'sat_src_flag', datatype: 'boolean' },
    { name: 'streak_src_flag', datatype: 'boolean' },
    ...PER.map(double),
  ],
  [A, B].flatMap((s, k) =>
    [1, 2].map((obs) => [
      s.name, s.ra, s.dec, s.r0, 5, 1000 + obs, 10 * k + obs, 0, 'ACIS', 2, 0.01, 0.2 * obs, 4, false, false,
      // s, m, h, b: mode, lower and upper limits (the same in both observations: a constant source)
      ...[1e-15, 2e-15, 3e-15, 6e-15].flatMap((f) => [f * (k + 1), 0.7 * f * (k + 1), 1.3 * f * (k + 1)]),
    ]),
  ),
);

const GAIA_FIELDS = ['ra', 'dec', 'ra_error', 'dec_error', 'ra_dec_corr', 'parallax', 'parallax_error', 'pmra', 'pmra_error', 'pmdec', 'pmdec_error',
  'phot_g_mean_mag', 'phot_g_mean_flux_over_error', 'phot_bp_mean_mag', 'phot_bp_mean_flux_over_error', 'phot_rp_mean_mag', 'phot_rp_mean_flux_over_error',
  'r_med_geo', 'r_lo_geo', 'r_hi_geo', 'r_med_photogeo', 'r_lo_photogeo', 'r_hi_photogeo'];
// A counterpart 0.3" north of A; another source 8" from B (outside its matching radius, inside the 10" density circle)
const GAIA = table([{ name: 'source_id', datatype: 'long' }, ...GAIA_FIELDS.map(double)], [
  [5338720146487395840n, A.ra, A.dec + 0.3 * arcsec, 0.02, 0.02, 0, 1.2, 0.05, 0, 0.05, 0, 0.05, 15, 1000, 15.5, 500, 14.5, 800, 800, 750, 850, 800, 750, 850],
  [5338720146487395841n, B.ra, B.dec + 8 * arcsec, 0.02, 0.02, 0, 0.5, 0.05, 0, 0.05, 0, 0.05, 18, 100, 18.5, 50, 17.5, 80, 2000, 1500, 2500, 2000, 1500, 2500],
]);
// 2MASS: a counterpart 0.5" east of B
const TMASS = table([{ name: '2MASS', datatype: 'char', arraysize: '16' }, ...['RAJ2000', 'DEJ2000', 'errMaj', 'errMin', 'errPA', 'Jmag', 'e_Jmag', 'Hmag', 'e_Hmag', 'Kmag', 'e_Kmag'].map(double), { name: 'Qflg', datatype: 'char', arraysize: '3' }], [
  ['12001202-5851360', B.ra + (0.5 * arcsec) / Math.cos((B.dec * Math.PI) / 180), B.dec, 0.08, 0.06, 90, 14, 0.03, 13.5, 0.04, 13.25, 0.05, 'AAA'],
]);
// AllWISE: a counterpart 0.4" south of A
const ALLWISE = table([{ name: 'AllWISE', datatype: 'char', arraysize: '19' }, ...['RAJ2000', 'DEJ2000', 'eeMaj', 'eeMin', 'eePA', 'W1mag', 'e_W1mag', 'W2mag', 'e_W2mag', 'W3mag', 'e_W3mag', 'W4mag', 'e_W4mag'].map(double), { name: 'ccf', datatype: 'char', arraysize: '4' }, { name: 'qph', datatype: 'char', arraysize: '4' }], [
  ['J115948.00-585101.4', A.ra, A.dec - 0.4 * arcsec, 0.1, 0.1, 0, 12.5, 0.02, 12.25, 0.03, 11, 0.2, 9, Number.NaN, '0000', 'AAAU'],
]);
// CatWISE2020: a counterpart 0.2" north of B (B has no AllWISE counterpart, so W1/W2 come from here)
const CATWISE = table([{ name: 'Name', datatype: 'char', arraysize: '*' }, ...['RA_ICRS', 'DE_ICRS', 'e_RA_ICRS', 'e_DE_ICRS', 'W1mproPM', 'e_W1mproPM', 'W2mproPM', 'e_W2mproPM', 'pmRA', 'e_pmRA', 'pmDE', 'e_pmDE'].map(double)], [
  ['J120012.00-585135.8', B.ra, B.dec + 0.2 * arcsec, 0.15, 0.15, 13.1, 0.04, 13, 0.05, 0, 0.1, 0, 0.1],
]);

async function send(response: ServerResponse, t: VotableTable, serialization: VotableSerialization): Promise<void> {
  response.writeHead(200, { 'content-type': 'application/x-votable+xml' });
  response.end(await formatVotable(votableDocument([t], [{ name: 'QUERY_STATUS', value: 'OK' }]), { serialization }));
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void (async () => {
      const parts: Buffer[] = [];
      for await (const c of request) parts.push(c as Buffer);
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const query = new URLSearchParams(Buffer.concat(parts).toString('utf8')).get('QUERY') ?? '';
      seen.push({ path: url.pathname, query });
      if (failing.has(url.pathname)) {
        response.writeHead(400, { 'content-type': 'application/x-votable+xml' });
        response.end(await formatVotable(votableDocument([table([], [])], [{ name: 'QUERY_STATUS', value: 'ERROR', content: 'Table "csc21.master_source" is not available' }])));
      } else if (url.pathname === '/csc/sync') await send(response, CSC, 'BINARY2');
      else if (url.pathname === '/gaia/sync') await send(response, GAIA, 'BINARY');
      else if (query.includes('"II/246/out"')) await send(response, TMASS, 'TABLEDATA');
      else if (query.includes('"II/328/allwise"')) await send(response, ALLWISE, 'BINARY2');
      else if (query.includes('"II/365/catwise"')) await send(response, CATWISE, 'TABLEDATA');
      else {
        response.writeHead(404);
        response.end('not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // HEALPix N_side 1, RING, ICRS: E(B-V) = pixel / 10
  await writeFits(path('ebv.fits'), [{ kind: 'bintable', columns: [{ name: 'EBV', values: Float32Array.from({ length: 12 }, (_, i) => i / 10) }],
    cards: [{ keyword: 'PIXTYPE', value: 'HEALPIX' }, { keyword: 'ORDERING', value: 'RING' }, { keyword: 'NSIDE', value: 1 }, { keyword: 'COORDSYS', value: 'C' }] }]);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const tapUrls = () => ['--tap-url', `csc=${base}/csc`, '--tap-url', `gaia=${base}/gaia`, '--tap-url', `vizier=${base}/viz`];
const CONE = ['--ra', '180', '--dec', '-58.855', '--radius', '5'];

async function field(argv: string[]): Promise<{ code: number; err: string }> {
  const c = captureCli();
  const code = await runCli(['field', ...argv], c.context);
  return { code, err: c.err() };
}

async function readBack(file: string): Promise<{ columns: string[]; rows: Record<string, string>[] }> {
  const columns = readFileSync(file, 'utf8').split('\n')[0]!.split(',');
  const rows: Record<string, string>[] = [];
  for await (const r of readCsv(file)) rows.push({ ...r.cells });
  return { columns, rows };
}

describe('muwclass field', () => {
  const online = path('field.csv');
  const saved = path('downloads');

  it('queries CSC, averages, queries Gaia, 2MASS, AllWISE and CatWISE2020 around the sources, matches and looks up E(B-V)', async () => {
    seen.length = 0;
    const r = await field([...CONE, ...tapUrls(), '--dust-map', path('ebv.fits'), '--save-downloads', saved, '-o', online]);
    expect(r.code, r.err).toBe(0);
    // one CSC query in the cone (5' = 1/12 deg), then one query per catalog around the two averaged positions (10")
    expect(seen.map((s) => s.path)).toEqual(['/csc/sync', '/gaia/sync', '/viz/sync', '/viz/sync', '/viz/sync']);
    expect(seen[0]!.query).toContain(`CIRCLE('ICRS', 180, -58.855, ${5 / 60})`);
    expect(seen[1]!.query).toContain(`CIRCLE('ICRS', ${A.ra}, ${A.dec}, ${10 / 3600})) OR`);
    expect(seen[1]!.query).toContain(`CIRCLE('ICRS', ${B.ra}, ${B.dec}, ${10 / 3600}))`);
    // progress, with counts
    expect(r.err).toMatch(/CSC: querying http:\/\/127\.0\.0\.1:\d+\/csc for the detections within 5 arcmin of \(180, -58\.855\)\n/);
    expect(r.err).toMatch(/the CSC query: 4 detections of 2 sources\n {2}used 4 detections\n {2}averaged into 2 sources\n/);
    expect(r.err).toMatch(/Gaia DR3: querying http:\/\/127\.0\.0\.1:\d+\/gaia within 10 arcsec of 2 X-ray sources\n {2}2 rows\n/);
    expect(r.err).toMatch(/CatWISE2020: querying http:\/\/127\.0\.0\.1:\d+\/viz within 10 arcsec of 2 X-ray sources\n {2}1 row\n/);
    expect(r.err).toMatch(/Gaia: 2 rows, 1 of 2 X-ray sources matched/);
    expect(r.err).toMatch(/2MASS: 1 rows, 1 of 2 X-ray sources matched/);
    expect(r.err).toMatch(/E\(B-V\): 2 sources, from 0\.900 to 1\.00 mag\n/);
    expect(r.err).toMatch(/wrote 2 sources to .*field\.csv\n$/);

    const { columns, rows } = await readBack(online);
    expect(columns.slice(0, 5)).toEqual(['CSCv2_name', 'CSCv2_RA', 'CSCv2_DEC', 'CSCv2_PU', 'CSCv2_S/N']);
    expect(columns).toEqual(expect.arrayContaining(['n_obs', 'Gaia_sep', 'Gaia_Pcc', '2MASS_match', 'WISE_source', 'ebv']));
    expect(columns.at(-1)).toBe('ebv');
    expect(rows.map((x) => [x.CSCv2_name, x.CSCv2_PU, x.n_obs])).toEqual([[A.name, '0.8', '2'], [B.name, '1', '2']]);
    // the averaged fluxes (Fechner mean of a constant source: mode + sqrt(2/pi) (hi + lo - 2 mode))
    expect(parseNumberCell(rows[0]!.Fs)).toBeCloseTo(1e-15 + Math.sqrt(2 / Math.PI) * (1.3e-15 + 0.7e-15 - 2e-15), 30);
    // A: Gaia and AllWISE counterparts; B: 2MASS and CatWISE2020
    expect(rows[0]).toMatchObject({ Gmag: '15', BPmag: '15.5', RPmag: '14.5', Plx: '1.2', Jmag: '', W1mag: '12.5', W2mag: '12.25', W3mag: '11', WISE_source: 'AllWISE' });
    expect(rows[1]).toMatchObject({ Gmag: '', Plx: '', Jmag: '14', Hmag: '13.5', Kmag: '13.25', W1mag: '13.1', W2mag: '13', W3mag: '', WISE_source: 'CatWISE2020' });
    expect(parseNumberCell(rows[0]!.Gaia_sep)).toBeCloseTo(0.3, 6);
    expect(parseNumberCell(rows[1]!['2MASS_sep'])).toBeCloseTo(0.5, 6);
    expect(rows[1]!.Gaia_n).toBe('1'); // the Gaia source 8" from B: a candidate, not a match
    expect(parseNumberCell(rows[1]!.Gaia_Pcc)).toBeGreaterThan(0);
    // E(B-V): HEALPix RING N_side 1 south-cap pixels 9 (RA 90-180 deg) and 10 (RA 180-270 deg)
    expect(rows.map((x) => parseNumberCell(x.ebv))).toEqual([Math.fround(0.9), Math.fround(1)]);
    expect(readdirSync(saved).sort()).toEqual(['allwise.vot', 'catwise.vot', 'csc.vot', 'gaia.vot', 'tmass.vot']);
  });

  it('classify reads the table as it is (--ebv-column ebv)', async () => {
    const td = await writeSourcesCsv(path('td.csv'), syntheticTrainingSet({ seed: 1, perClass: { AGN: 12, YSO: 12, NS: 12, CV: 12, 'HM-STAR': 12, HMXB: 12, LMXB: 12, 'LM-STAR': 12 } }));
    const c = captureCli();
    const out = path('classified.csv');
    const code = await runCli(['classify', '--td', td, '--sources', online, '--ebv-column', 'ebv', '--mc', '2', '--trees', '5', '--seed', '3', '--workers', '1', '-o', out], c.context);
    expect(c.err()).toMatch(/^classified 2 sources of field\.csv with td\.csv \(96 sources, 8 classes\); 2 Monte Carlo draws x 2 E\(B-V\) bins/); // 0.9 and 1.0: two bins
    expect(code).toBe(0);
    const { columns, rows } = await readBack(out);
    expect(rows.map((x) => x.CSCv2_name)).toEqual([A.name, B.name]);
    expect(columns).toContain('Class');
    for (const x of rows) expect(['AGN', 'YSO', 'NS', 'CV', 'HM-STAR', 'HMXB', 'LMXB', 'LM-STAR']).toContain(x.Class);
  });

  it('--offline gives the same table from the saved downloads, and from FITS and CSV copies of them', async () => {
    seen.length = 0;
    const again = path('offline.csv');
    const r = await field(['--offline', saved, '--dust-map', path('ebv.fits'), '-o', again]);
    expect(r.code).toBe(0);
    expect(seen).toHaveLength(0);
    expect(r.err).toMatch(/CSC: reading csc\.vot \(VOTable\)\n/);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(online, 'utf8'));

    const mixed = path('mixed');
    mkdirSync(mixed);
    for (const f of ['csc.vot', 'gaia.vot', 'catwise.vot']) copyFileSync(join(saved, f), join(mixed, f));
    expect(await runCli(['convert', join(saved, 'tmass.vot'), '-o', join(mixed, 'tmass.fits')], captureCli().context)).toBe(0);
    expect(await runCli(['convert', join(saved, 'allwise.vot'), '-o', join(mixed, 'allwise.csv')], captureCli().context)).toBe(0);
    const third = path('mixed.csv');
    const m = await field(['--offline', mixed, '--dust-map', path('ebv.fits'), '-o', third]);
    expect(m.code).toBe(0);
    expect(readFileSync(third, 'utf8')).toBe(readFileSync(online, 'utf8'));

    // a missing file is named (exit 66); --catalogs leaves a catalog out
    rmSync(join(mixed, 'catwise.vot'));
    const missing = await field(['--offline', mixed, '-o', path('never.csv')]);
    expect(missing.code).toBe(66);
    expect(missing.err).toMatch(/--offline: missing catwise\.\{vot,votable,xml,fits,fit,fts,csv\}/);
    const without = await field(['--offline', mixed, '--catalogs', 'gaia,tmass,allwise', '-o', path('no-catwise.csv')]);
    expect(without.code).toBe(0);
    expect(without.err).toMatch(/E\(B-V\): no --dust-map, so no ebv column; classify will need --ebv <mag> \(one value for the field\) or --no-redden/);
    const { columns, rows } = await readBack(path('no-catwise.csv'));
    expect(columns).not.toContain('ebv');
    expect(rows[1]).toMatchObject({ Jmag: '14', W1mag: '', WISE_source: '' });

    // offline, a cone keeps only the CSC sources inside it (B is 3' from A)
    const cone = await field(['--offline', saved, '--ra', String(A.ra), '--dec', String(A.dec), '--radius', '1', '--no-such', '-o', path('cone.csv')]);
    expect(cone.code).toBe(2);
    const inCone = await field(['--offline', saved, '--ra', String(A.ra), '--dec', String(A.dec), '--radius', '1', '-o', path('cone.csv')]);
    expect(inCone.code, inCone.err).toBe(0);
    expect(inCone.err).toMatch(/kept the 2 detections within 1 arcmin of \(179\.95, -58\.85\), left out 2\n/);
    expect((await readBack(path('cone.csv'))).rows.map((x) => x.CSCv2_name)).toEqual([A.name]);

    // --sfd-factor scales the map's values
    const scaled = await field(['--offline', saved, '--dust-map', path('ebv.fits'), '--sfd-factor', '0.5', '-o', path('scaled.csv')]);
    expect(scaled.err).toMatch(/HEALPix N_side 1, E\(B-V\) = 0\.5 x map/);
    expect((await readBack(path('scaled.csv'))).rows.map((x) => parseNumberCell(x.ebv))).toEqual([0.5 * Math.fround(0.9), 0.5]);
  });

  it('a service error is a ServiceError with its message: exit status 74, nothing written', async () => {
    failing.add('/csc/sync');
    try {
      const out = path('failed.csv');
      const r = await field([...CONE, ...tapUrls(), '-o', out]);
      expect(r.code).toBe(74);
      expect(r.err).toMatch(/muwclass field: Chandra Source Catalog \(http:\/\/127\.0\.0\.1:\d+\/csc\): HTTP 400: Table "csc21\.master_source" is not available/);
      expect(readdirSync(dir)).not.toContain('failed.csv');
    } finally {
      failing.delete('/csc/sync');
    }
  });

  it('usage errors', async () => {
    expect((await field(['-o', path('x.csv')])).err).toMatch(/give the field: --ra <deg> --dec <deg> --radius <arcmin> \(or --offline <dir>\)/);
    expect((await field(['--ra', '10', '--dec', '5', '-o', path('x.csv')])).err).toMatch(/give --ra, --dec and --radius together/);
    expect((await field([...CONE, '--dec', '95', '-o', path('x.csv')])).code).toBe(2);
    expect((await field([...CONE, '--tap-url', 'simbad=http://x', '-o', path('x.csv')])).err).toMatch(/--tap-url needs <name>=<url> with name one of csc, gaia, vizier/);
    expect((await field([...CONE, '--catalogs', 'gaia,unwise', '-o', path('x.csv')])).err).toMatch(/--catalogs: unknown catalog "unwise"/);
    expect(readdirSync(dir)).not.toContain('x.csv');
  });
});
