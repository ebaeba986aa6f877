/**
 * The TAP and cone-search clients and the ready-made queries, against a local HTTP server (node:http on
 * 127.0.0.1, a random port) that answers with VOTables the tests generate in all three serializations, error
 * documents, HTTP errors, slow answers (timeout), 503 then success (retry), and a hanging answer (abort).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CancelledError, InvalidArgumentError, ServiceError } from '../../src/core/errors';
import { parseCscDetections } from '../../src/io/csc-detections';
import { parseVotable, votableTables, type VotableTable } from '../../src/io/votable';
import { votableToCsv } from '../../src/io/votable-csv';
import type { VotableSerialization } from '../../src/io/votable-datatypes';
import { formatVotable, votableDocument } from '../../src/io/votable-writer';
import { parseCatalog, GAIA_EDR3_COLUMNS, TWOMASS_PSC_COLUMNS } from '../../src/field/catalog-reader';
import { coneSearch } from '../../src/services/cone-search';
import { CSC_TAP_SERVICE, GAIA_DR3_SERVICE, TWOMASS_PSC_SERVICE, catalogAroundAdql, queryCscDetections, queryGaiaDr3, queryTwoMass } from '../../src/services/queries';
import { tapQuery } from '../../src/services/tap';

/** One request as the server saw it. */
interface Seen {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly form: URLSearchParams;
  readonly contentType: string;
  readonly body: string;
}

type Handler = (request: Seen, response: ServerResponse) => void | Promise<void>;

let server: Server;
let base: string;
let handler: Handler;
const seen: Seen[] = [];

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of request) parts.push(c as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const contentType = request.headers['content-type'] ?? '';
      const s: Seen = { method: request.method ?? '', path: url.pathname, query: url.searchParams, form: contentType.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(body) : new URLSearchParams(), contentType, body };
      seen.push(s);
      await handler(s, response);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
});

const sendVotable = async (response: ServerResponse, table: VotableTable, serialization: VotableSerialization, status = 'OK', statusText?: string, http = 200): Promise<void> => {
  const infos = [{ name: 'QUERY_STATUS', value: status, ...(statusText === undefined ? {} : { content: statusText }) }];
  response.writeHead(http, { 'content-type': 'application/x-votable+xml' });
  response.end(await formatVotable(votableDocument([table], infos), { serialization }));
};

const TMASS: VotableTable = {
  fields: [
    { name: '2MASS', datatype: 'char', arraysize: '17' },
    { name: 'RAJ2000', datatype: 'double', unit: 'deg' },
    { name: 'DEJ2000', datatype: 'double', unit: 'deg' },
    { name: 'errMaj', datatype: 'float', unit: 'arcsec' },
    { name: 'Jmag', datatype: 'float', unit: 'mag' },
    { name: 'e_Jmag', datatype: 'float', unit: 'mag' },
    { name: 'Hmag', datatype: 'float' },
    { name: 'e_Hmag', datatype: 'float' },
    { name: 'Kmag', datatype: 'float' },
    { name: 'e_Kmag', datatype: 'float' },
  ],
  params: [],
  infos: [],
  rows: [
    ['11050745-5851054', 166.2810417, -58.8515167, 0.06, 12.5, 0.02, 12.0, 0.03, 11.75, 0.025],
    ['11050800-5851100', 166.2833333, -58.8527778, 0.12, 15.25, 0.05, Number.NaN, Number.NaN, 14.5, 0.1],
  ],
};

describe('tapQuery', () => {
  it.each(['TABLEDATA', 'BINARY', 'BINARY2'] as const)('POSTs a synchronous ADQL query and parses a %s answer', async (serialization) => {
    handler = (_, res) => sendVotable(res, TMASS, serialization);
    const result = await tapQuery(`${base}/tap/`, 'SELECT * FROM "II/246/out"', { maxrec: 5000 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/tap/sync' });
    expect(Object.fromEntries(seen[0]!.form)).toEqual({ REQUEST: 'doQuery', LANG: 'ADQL', FORMAT: 'votable', QUERY: 'SELECT * FROM "II/246/out"', MAXREC: '5000' });
    expect(result.overflow).toBe(false);
    expect(result.warnings).toEqual([]);
    expect(result.table.rows).toEqual(TMASS.rows.map((r) => r.map((v) => (typeof v === 'number' && TMASS.fields[r.indexOf(v)]?.datatype === 'float' ? Math.fround(v) : v))));
    expect(result.table.rows[1]![0]).toBe('11050800-5851100');
    expect(result.table.rows[0]![1]).toBe(166.2810417);
    expect(result.table.fields[3]!.unit).toBe('arcsec');
  });

  it('an error document becomes a ServiceError with the service message (HTTP 200 and HTTP 400)', async () => {
    handler = (_, res) => sendVotable(res, { fields: [], params: [], infos: [], rows: [] }, 'TABLEDATA', 'ERROR', 'Incorrect ADQL query: unknown column "jmag"');
    const e1 = await tapQuery(`${base}/tap`, 'SELECT jmag FROM t', { retries: 0 }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(ServiceError);
    expect(e1).toMatchObject({ reason: 'query', status: 200, serviceMessage: 'Incorrect ADQL query: unknown column "jmag"' });
    expect((e1 as Error).message).toMatch(/^TAP service 127\.0\.0\.1:\d+: the query failed: Incorrect ADQL query: unknown column "jmag" \(http:\/\/127\.0\.0\.1:\d+\/tap\/sync\)$/);
    handler = (_, res) => sendVotable(res, { fields: [], params: [], infos: [], rows: [] }, 'TABLEDATA', 'ERROR', 'syntax error at "FORM"', 400);
    const e2 = await tapQuery(`${base}/tap`, 'SELECT * FORM t').catch((e: unknown) => e);
    expect(e2).toMatchObject({ reason: 'http', status: 400, serviceMessage: 'syntax error at "FORM"' });
    expect(seen).toHaveLength(2); // 4xx is not retried
  });

  it('a plain-text HTTP error carries its text; an answer that is not a VOTable is a format error', async () => {
    handler = (_, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body><h1>Not Found</h1></body></html>');
    };
    await expect(tapQuery(`${base}/tap`, 'SELECT 1')).rejects.toMatchObject({ reason: 'http', status: 404, serviceMessage: 'Not Found' });
    handler = (_, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end('a,b\n1,2\n');
    };
    await expect(tapQuery(`${base}/tap`, 'SELECT 1')).rejects.toThrow(/the answer is not a VOTable \(content type "text\/csv"\)/);
    handler = (_, res) => {
      res.writeHead(200, { 'content-type': 'application/x-votable+xml' });
      res.end('<VOTABLE><RESOURCE><TABLE><FIELD name="n" datatype="int"/>\n<DATA><TABLEDATA><TR><TD>1.5</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>');
    };
    await expect(tapQuery(`${base}/tap`, 'SELECT 1')).rejects.toMatchObject({
      reason: 'format',
      message: expect.stringMatching(/the answer is not a valid VOTable: malformed int "1\.5" on line 2 \(in http:\/\/127\.0\.0\.1:\d+\/tap\/sync, row 1, column "n"\)/),
    });
  });

  it('an OVERFLOW is reported (overflow: true and a warning), or refused with overflow: "error"', async () => {
    handler = (_, res) => sendVotable(res, TMASS, 'BINARY2', 'OVERFLOW');
    const result = await tapQuery(`${base}/tap`, 'SELECT * FROM t', { maxrec: 2 });
    expect(result.overflow).toBe(true);
    expect(result.table.rows).toHaveLength(2);
    expect(result.warnings).toEqual([expect.stringMatching(/truncated at 2 rows \(MAXREC=2\)/)]);
    await expect(tapQuery(`${base}/tap`, 'SELECT * FROM t', { maxrec: 2, overflow: 'error' })).rejects.toMatchObject({ reason: 'overflow' });
  });

  it('retries 5xx answers with exponential backoff, then succeeds', async () => {
    let calls = 0;
    handler = (_, res) => {
      calls++;
      if (calls <= 2) {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('busy');
        return;
      }
      return sendVotable(res, TMASS, 'BINARY');
    };
    const retries: unknown[] = [];
    const result = await tapQuery(`${base}/tap`, 'SELECT 1', { backoffMs: 5, onRetry: (r) => retries.push(r) });
    expect(result.table.rows).toHaveLength(2);
    expect(retries).toEqual([
      { attempt: 1, delayMs: 5, reason: 'HTTP 503: busy' },
      { attempt: 2, delayMs: 10, reason: 'HTTP 503: busy' },
    ]);
  });

  it('gives up after the last retry with the last status', async () => {
    handler = (_, res) => {
      res.writeHead(502);
      res.end();
    };
    const e = await tapQuery(`${base}/tap`, 'SELECT 1', { retries: 2, backoffMs: 1 }).catch((x: unknown) => x);
    expect(e).toMatchObject({ reason: 'http', status: 502 });
    expect((e as Error).message).toMatch(/HTTP 502, after 3 attempts/);
    expect(seen).toHaveLength(3);
  });

  it('a network failure is retried, then reported', async () => {
    // a port nothing listens on: one a server had, then gave back
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const e = await tapQuery(`http://127.0.0.1:${port}/tap`, 'SELECT 1', { retries: 1, backoffMs: 1 }).catch((x: unknown) => x);
    expect(e).toMatchObject({ reason: 'network' });
    expect((e as Error).message).toMatch(/network failure: fetch failed \(.*ECONNREFUSED.*\), after 2 attempts/);
  });

  it('a large answer is parsed as it arrives (10⁵ rows, BINARY2)', async () => {
    const rows = Array.from({ length: 100_000 }, (_, k) => [k, k / 7]);
    const big: VotableTable = { fields: [{ name: 'k', datatype: 'int' }, { name: 'x', datatype: 'double' }], params: [], infos: [], rows };
    const xml = await formatVotable(votableDocument([big]), { serialization: 'BINARY2' });
    handler = (_, res) => {
      res.writeHead(200, { 'content-type': 'application/x-votable+xml' });
      for (let k = 0; k < xml.length; k += 65536) res.write(xml.slice(k, k + 65536));
      res.end();
    };
    const result = await tapQuery(`${base}/tap`, 'SELECT k, x FROM t');
    expect(result.table.rows).toHaveLength(100_000);
    expect(result.table.rows[99_999]).toEqual([99_999, 99_999 / 7]);
  });

  it('times out on a slow answer (not retried)', async () => {
    handler = (_, res) => {
      res.writeHead(200, { 'content-type': 'application/x-votable+xml' });
      res.write('<VOTABLE>'); // and never more
    };
    const e = await tapQuery(`${base}/tap`, 'SELECT 1', { timeoutMs: 200 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ServiceError);
    expect(e).toMatchObject({ reason: 'timeout' });
    expect((e as Error).message).toMatch(/no complete answer within 200 ms/);
    expect(seen).toHaveLength(1);
  });

  it('an abort signal cancels a pending query, and one aborted before the call makes no request', async () => {
    handler = () => undefined; // never answers
    const controller = new AbortController();
    const pending = tapQuery(`${base}/tap`, 'SELECT 1', { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    seen.length = 0;
    await expect(tapQuery(`${base}/tap`, 'SELECT 1', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toHaveLength(0);
  });

  it('uploads tables as multipart (UPLOAD=name,param:name)', async () => {
    handler = (_, res) => sendVotable(res, TMASS, 'TABLEDATA');
    const upload: VotableTable = { fields: [{ name: 'ra', datatype: 'double' }, { name: 'dec', datatype: 'double' }], params: [], infos: [], rows: [[166.28, -58.85]] };
    await tapQuery(`${base}/tap`, 'SELECT * FROM TAP_UPLOAD.xray', { uploads: { xray: upload } });
    const s = seen[0]!;
    expect(s.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(s.body).toMatch(/name="UPLOAD"\r\n\r\nxray,param:xray\r\n/);
    const part = /name="xray"; filename="xray\.vot"\r\nContent-Type: application\/x-votable\+xml\r\n\r\n([\s\S]*?)\r\n--/.exec(s.body);
    expect(votableTables(await parseVotable(part![1]!))[0]!.rows).toEqual([[166.28, -58.85]]);
    await expect(tapQuery(`${base}/tap`, 'SELECT 1', { uploads: { 'x;y': upload } })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe('coneSearch', () => {
  it('GETs RA, DEC, SR (and VERB) and parses the answer', async () => {
    handler = (_, res) => sendVotable(res, TMASS, 'BINARY2');
    const result = await coneSearch(`${base}/scs?CAT=2mass`, { ra: 166.28875, dec: -58.85, radius: 0.01 }, { verbosity: 3 });
    expect(seen[0]!.method).toBe('GET');
    expect(Object.fromEntries(seen[0]!.query)).toEqual({ CAT: '2mass', RA: '166.28875', DEC: '-58.85', SR: '0.01', VERB: '3' });
    expect(result.table.rows.map((r) => r[0])).toEqual(['11050745-5851054', '11050800-5851100']);
  });

  it('reads the legacy error INFO of Simple Cone Search 1.03', async () => {
    handler = (_, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end('<?xml version="1.0"?><VOTABLE version="1.1"><DESCRIPTION>x</DESCRIPTION><INFO ID="Error" name="Error" value="SR is too large"/></VOTABLE>');
    };
    await expect(coneSearch(`${base}/scs`, { ra: 1, dec: 2, radius: 30 })).rejects.toMatchObject({ reason: 'query', serviceMessage: 'SR is too large' });
  });
});

describe('ready-made queries', () => {
  it('queryTwoMass ORs cones in batches, keeps each source once, and its table reads with TWOMASS_PSC_COLUMNS', async () => {
    handler = (_, res) => sendVotable(res, TMASS, 'BINARY'); // every batch finds the same two sources
    const positions = [
      { ra: 166.281, dec: -58.8515 },
      { ra: 166.2833, dec: -58.8528 },
      { ra: 166.29, dec: -58.85 },
    ];
    const batches: number[] = [];
    const result = await queryTwoMass(positions, 5 / 3600, { service: { ...TWOMASS_PSC_SERVICE, url: `${base}/viz` }, batchSize: 2, onBatch: (done) => batches.push(done) });
    expect(seen.map((s) => s.path)).toEqual(['/viz/sync', '/viz/sync']);
    const adql = seen.map((s) => s.form.get('QUERY')!);
    expect(adql[0]).toBe(catalogAroundAdql({ ...TWOMASS_PSC_SERVICE, url: `${base}/viz` }, positions.slice(0, 2), 5 / 3600));
    expect(adql[0]!.match(/CONTAINS/g)).toHaveLength(2);
    expect(adql[1]!.match(/CONTAINS/g)).toHaveLength(1);
    expect(adql[0]).toMatch(/^SELECT t\."2MASS", t\."RAJ2000", .* FROM "II\/246\/out" AS t WHERE 1 = CONTAINS\(POINT\('ICRS', t\."RAJ2000", t\."DEJ2000"\), CIRCLE\('ICRS', 166\.281, -58\.8515, 0\.001388/);
    expect(batches).toEqual([1, 2]);
    expect(result.table.rows).toHaveLength(2);
    const catalog = await parseCatalog(votableToCsv(result.table), TWOMASS_PSC_COLUMNS);
    expect(catalog.size).toBe(2);
    expect(Array.from(catalog.ra)).toEqual([166.2810417, 166.2833333]);
    expect(catalog.bands.J!.mag[1]).toBe(15.25);
    expect(Number.isNaN(catalog.bands.H!.mag[1]!)).toBe(true);
  });

  it('queryGaiaDr3 joins the Bailer-Jones distances; source ids stay exact 64-bit integers', async () => {
    const names = GAIA_DR3_SERVICE.columns;
    const fields = [...names.map((n) => ({ name: n, datatype: n === 'source_id' ? ('long' as const) : ('double' as const) })), { name: 'r_med_geo', datatype: 'float' as const, unit: 'pc' }];
    const row = names.map((n) => (n === 'source_id' ? 5338720146487395840n : n === 'ra' ? 166.28 : n === 'dec' ? -58.85 : n.endsWith('_error') ? 0.02 : n === 'ra_dec_corr' ? 0.1 : n.endsWith('over_error') ? 500 : 15));
    handler = (_, res) => sendVotable(res, { fields, params: [], infos: [], rows: [[...row, 480.5]] }, 'BINARY2');
    const result = await queryGaiaDr3([{ ra: 166.28, dec: -58.85 }], 2 / 3600, { service: { ...GAIA_DR3_SERVICE, url: `${base}/gaia` } });
    expect(seen[0]!.form.get('QUERY')).toMatch(/FROM gaiadr3\.gaia_source AS t LEFT OUTER JOIN external\.gaiaedr3_distance AS d ON t\.source_id = d\.source_id WHERE/);
    expect(result.table.rows[0]![0]).toBe(5338720146487395840n);
    const csv = votableToCsv(result.table);
    expect(csv.split('\n')[1]!.startsWith('5338720146487395840,166.28,-58.85')).toBe(true);
    const gaia = await parseCatalog(csv, GAIA_EDR3_COLUMNS);
    expect(gaia.size).toBe(1);
    expect(gaia.bands.G!.mag[0]).toBe(15);
  });

  it('queryCscDetections: one cone, the CSC join, and a table parseCscDetections reads as it is', async () => {
    const per = ['s', 'm', 'h', 'b'].flatMap((b) => [`flux_aper90_${b}`, `flux_aper90_lolim_${b}`, `flux_aper90_hilim_${b}`]);
    const fields = [
      { name: 'name', datatype: 'char' as const, arraysize: '*' },
      { name: 'ra', datatype: 'double' as const },
      { name: 'dec', datatype: 'double' as const },
      { name: 'err_ellipse_r0', datatype: 'double' as const },
      { name: 'significance', datatype: 'double' as const },
      { name: 'obsid', datatype: 'int' as const },
      { name: 'region_id', datatype: 'int' as const },
      { name: 'obi', datatype: 'short' as const },
      { name: 'instrument', datatype: 'char' as const, arraysize: '4' },
      { name: 'theta', datatype: 'double' as const },
      { name: 'pileup_warning', datatype: 'double' as const },
      { name: 'kp_prob_b', datatype: 'double' as const },
      { name: 'flux_significance_b', datatype: 'double' as const },
      { name: 'sat_src_flag', datatype: 'boolean' as const },
      { name: 'streak_src_flag', datatype: 'boolean' as const },
      ...per.map((name) => ({ name, datatype: 'double' as const })),
    ];
    const fluxes = per.map((_, k) => (k % 3 === 0 ? 6.638e-16 : k % 3 === 1 ? 4e-16 : 9e-16));
    const row = ['2CXO J110507.4-585105', 166.2810417, -58.8515167, 0.8, 5.2, 8941, 12, 0, 'ACIS', 3.5, 0.01, 0.3, 4.5, false, null, ...fluxes];
    handler = (_, res) => sendVotable(res, { fields, params: [], infos: [], rows: [row, [...row.slice(0, 5), 9999, ...row.slice(6)]] }, 'BINARY2');
    const result = await queryCscDetections({ ra: 166.28875, dec: -58.85, radius: 0.2 }, { service: { ...CSC_TAP_SERVICE, url: `${base}/csc` } });
    const adql = seen[0]!.form.get('QUERY')!;
    expect(adql).toMatch(/FROM csc21\.master_source m, csc21\.master_stack_assoc a, csc21\.observation_source o, csc21\.stack_observation_assoc b, csc21\.stack_source s WHERE 1 = CONTAINS\(POINT\('ICRS', m\.ra, m\.dec\), CIRCLE\('ICRS', 166\.28875, -58\.85, 0\.2\)\)/);
    expect(result.table.fields.map((f) => f.name)).toContain('flux_aper90_hilim_b.1');
    const detections = await parseCscDetections(votableToCsv(result.table));
    expect(detections).toHaveLength(2);
    expect(detections.map((d) => d.obsid)).toEqual([8941, 9999]);
    expect(detections[0]).toMatchObject({ name: '2CXO J110507.4-585105', instrument: 'ACIS', ra: 166.2810417, sat_src_flag: false, streak_src_flag: undefined, theta: 3.5 });
    expect(detections[0]!.flux_aper90.h).toEqual({ mode: 6.638e-16, lo: 4e-16, hi: 9e-16 });
  });

  it('checks positions before any request', async () => {
    await expect(queryTwoMass([{ ra: 10, dec: 95 }], 0.001, { service: { ...TWOMASS_PSC_SERVICE, url: `${base}/viz` } })).rejects.toThrow(/2MASS query \(position 1\): declination 95 deg is outside/);
    await expect(queryTwoMass([{ ra: 10, dec: 5 }], 0.001, { batchSize: 0 })).rejects.toThrow(/batchSize must be a positive integer/);
    expect(seen).toHaveLength(0);
  });
});
