/**
 * Ready-made queries for what MUWCLASS needs (Yang et al. 2022 §2): the Chandra Source Catalog's
 * per-observation detections in a cone, and the Gaia DR3 (with Bailer-Jones et al. 2021 distances), 2MASS PSC,
 * AllWISE and CatWISE2020 sources around a set of X-ray positions. Each service and table is named in an
 * exported constant that a caller may replace (`{ ...TWOMASS_PSC_SERVICE, url: mirror }`), and each result's
 * columns are the names the readers expect: `parseCscDetections` reads the CSC table (per-observation copies
 * carry the `.1` suffix), `parseCatalog` with `GAIA_EDR3_COLUMNS`, `TWOMASS_PSC_COLUMNS`, `ALLWISE_COLUMNS`,
 * `CATWISE2020_COLUMNS` reads the others — through `votableToCsv(result.table)`.
 *
 * Around many positions the queries are cones OR-ed together in one ADQL `WHERE` (`batchSize` positions per
 * request; rows found by two cones are kept once, by the catalog's identifier). Every service above accepts
 * these geometric constraints (ADQL 2.0 `CONTAINS`/`POINT`/`CIRCLE`), while table upload is optional in TAP
 * and not offered by every one of them; `tapQuery`'s `uploads` is there for services that do.
 *
 * Service URLs and tables were taken from the services' public documentation (cited at each constant); they are
 * not contacted by the tests, which run against a local server.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import type { VotableTable } from '../io/votable';
import { votableDocument } from '../io/votable-writer';
import type { VotableValue } from '../io/votable-datatypes';
import { checkCone, type Cone } from './cone-search';
import { tapQuery, type ServiceResult, type TapQueryOptions } from './tap';

/** A catalog on a TAP service: where it is, its table, its coordinate and identifier columns, what to select. */
export interface TapCatalogService {
  /** The catalog's name in messages. */
  readonly name: string;
  /** The TAP service's base URL. */
  readonly url: string;
  /** The table, as ADQL names it (quoted where needed, e.g. `"II/246/out"`). */
  readonly table: string;
  /** Right ascension column (deg). */
  readonly ra: string;
  /** Declination column (deg). */
  readonly dec: string;
  /** The column that identifies a source (rows found twice are kept once). */
  readonly key: string;
  /** The columns to select, as the readers name them. */
  readonly columns: readonly string[];
  /** Extra ADQL after `FROM <table> AS t` (e.g. a join); its columns are selected by {@link extraColumns}. */
  readonly join?: string;
  /** Columns of the joined table, `alias.column` (e.g. `d.r_med_geo`). */
  readonly extraColumns?: readonly string[];
}

/** The Chandra Source Catalog's TAP service and schema. */
export interface CscService {
  /** The TAP service's base URL. */
  readonly url: string;
  /** The schema of the release (`csc21` for CSC 2.1, `csc2` for CSC 2.0). */
  readonly schema: string;
}

/**
 * The CSC 2.1 TAP service of the Chandra X-ray Center (https://cxc.cfa.harvard.edu/csc/cli/ and
 * https://cxc.cfa.harvard.edu/csc/ "Accessing the catalog": TAP at `cda.cfa.harvard.edu/csc21tap`, schema
 * `csc21`; CSC 2.0 is `cda.cfa.harvard.edu/csctap` with schema `csc2`).
 */
export const CSC_TAP_SERVICE: CscService = { url: 'https://cda.cfa.harvard.edu/csc21tap', schema: 'csc21' };

/** VizieR's TAP service at CDS (https://tapvizier.cds.unistra.fr/ : TAPVizieR, tables named by catalog, e.g. `"II/246/out"`). */
export const VIZIER_TAP = 'https://tapvizier.cds.unistra.fr/TAPVizieR/tap';

/** The Gaia archive's TAP service at ESA (https://gea.esac.esa.int/archive/ , TAP at `gea.esac.esa.int/tap-server/tap`). */
export const GAIA_ARCHIVE_TAP = 'https://gea.esac.esa.int/tap-server/tap';

/**
 * Gaia DR3 `gaiadr3.gaia_source` with the Bailer-Jones et al. (2021, AJ 161, 147) distances
 * (`external.gaiaedr3_distance`: `r_med_geo`, `r_lo_geo`, `r_hi_geo`, `r_med_photogeo`, …, pc; DR3 keeps the
 * EDR3 astrometry and source ids), from the Gaia archive (documentation: https://gea.esac.esa.int/archive/documentation/GDR3/
 * and the archive's table browser). Columns as `GAIA_EDR3_COLUMNS` reads them.
 */
export const GAIA_DR3_SERVICE: TapCatalogService = {
  name: 'Gaia DR3',
  url: GAIA_ARCHIVE_TAP,
  table: 'gaiadr3.gaia_source',
  ra: 'ra',
  dec: 'dec',
  key: 'source_id',
  columns: [
    'source_id',
    'ra',
    'dec',
    'ra_error',
    'dec_error',
    'ra_dec_corr',
    'parallax',
    'parallax_error',
    'pmra',
    'pmra_error',
    'pmdec',
    'pmdec_error',
    'phot_g_mean_mag',
    'phot_g_mean_flux_over_error',
    'phot_bp_mean_mag',
    'phot_bp_mean_flux_over_error',
    'phot_rp_mean_mag',
    'phot_rp_mean_flux_over_error',
  ],
  join: 'LEFT OUTER JOIN external.gaiaedr3_distance AS d ON t.source_id = d.source_id',
  extraColumns: ['d.r_med_geo', 'd.r_lo_geo', 'd.r_hi_geo', 'd.r_med_photogeo', 'd.r_lo_photogeo', 'd.r_hi_photogeo'],
};

/** 2MASS Point Source Catalog, VizieR II/246/out (https://vizier.cds.unistra.fr/viz-bin/VizieR?-source=II/246): columns as `TWOMASS_PSC_COLUMNS` reads them. */
export const TWOMASS_PSC_SERVICE: TapCatalogService = {
  name: '2MASS',
  url: VIZIER_TAP,
  table: '"II/246/out"',
  ra: 'RAJ2000',
  dec: 'DEJ2000',
  key: '2MASS',
  columns: ['2MASS', 'RAJ2000', 'DEJ2000', 'errMaj', 'errMin', 'errPA', 'Jmag', 'e_Jmag', 'Hmag', 'e_Hmag', 'Kmag', 'e_Kmag', 'Qflg'],
};

/** AllWISE, VizieR II/328/allwise (https://vizier.cds.unistra.fr/viz-bin/VizieR?-source=II/328): columns as `ALLWISE_COLUMNS` reads them. */
export const ALLWISE_SERVICE: TapCatalogService = {
  name: 'AllWISE',
  url: VIZIER_TAP,
  table: '"II/328/allwise"',
  ra: 'RAJ2000',
  dec: 'DEJ2000',
  key: 'AllWISE',
  columns: ['AllWISE', 'RAJ2000', 'DEJ2000', 'eeMaj', 'eeMin', 'eePA', 'W1mag', 'e_W1mag', 'W2mag', 'e_W2mag', 'W3mag', 'e_W3mag', 'W4mag', 'e_W4mag', 'ccf', 'qph'],
};

/** CatWISE2020, VizieR II/365/catwise (https://vizier.cds.unistra.fr/viz-bin/VizieR?-source=II/365): columns as `CATWISE2020_COLUMNS` reads them. */
export const CATWISE2020_SERVICE: TapCatalogService = {
  name: 'CatWISE2020',
  url: VIZIER_TAP,
  table: '"II/365/catwise"',
  ra: 'RA_ICRS',
  dec: 'DE_ICRS',
  key: 'Name',
  columns: ['Name', 'RA_ICRS', 'DE_ICRS', 'e_RA_ICRS', 'e_DE_ICRS', 'W1mproPM', 'e_W1mproPM', 'W2mproPM', 'e_W2mproPM', 'pmRA', 'e_pmRA', 'pmDE', 'e_pmDE'],
};

/** A position on the sky (ICRS, degrees). */
export interface SkyPosition {
  /** Right ascension, deg. */
  readonly ra: number;
  /** Declination, deg. */
  readonly dec: number;
}

/** Options of the ready-made catalog queries. */
export interface CatalogQueryOptions extends TapQueryOptions {
  /** Positions per request (default 100): each request ORs this many cones. */
  readonly batchSize?: number;
  /** Told after each request (progress): requests done, requests in all. */
  readonly onBatch?: (done: number, total: number) => void;
}

/** Quotes an ADQL column name as a delimited identifier (`"2MASS"`). */
const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** An ADQL number: finite, full precision. */
function adqlNumber(x: number, what: string): string {
  if (!Number.isFinite(x)) throw new InvalidArgumentError(`${what} must be a finite number, got ${x}`);
  return String(x);
}

/**
 * The ADQL that selects a catalog's columns within `radius` (deg) of any of `positions`.
 *
 * @example
 * ```ts
 * catalogAroundAdql(TWOMASS_PSC_SERVICE, [{ ra: 166.29, dec: -58.85 }], 0.001).split('WHERE')[1];
 * // => " 1 = CONTAINS(POINT('ICRS', t.\"RAJ2000\", t.\"DEJ2000\"), CIRCLE('ICRS', 166.29, -58.85, 0.001))"
 * ```
 */
export function catalogAroundAdql(service: TapCatalogService, positions: readonly SkyPosition[], radius: number): string {
  if (positions.length === 0) throw new InvalidArgumentError(`${service.name} query: no positions`);
  const select = [...service.columns.map((c) => `t.${quote(c)}`), ...(service.extraColumns ?? [])].join(', ');
  const where = positions
    .map((p, k) => {
      checkCone({ ...p, radius }, `${service.name} query (position ${k + 1})`);
      return `1 = CONTAINS(POINT('ICRS', t.${quote(service.ra)}, t.${quote(service.dec)}), CIRCLE('ICRS', ${adqlNumber(p.ra, 'ra')}, ${adqlNumber(p.dec, 'dec')}, ${adqlNumber(radius, 'radius')}))`;
    })
    .join(' OR ');
  return `SELECT ${select} FROM ${service.table} AS t${service.join === undefined ? '' : ` ${service.join}`} WHERE ${where}`;
}

/** A stable text key of a cell value (for dropping rows found twice). */
const keyText = (v: VotableValue): string => (typeof v === 'bigint' ? `${v}n` : JSON.stringify(v));

/**
 * The sources of a catalog within `radius` of any of the positions, in as many requests as `batchSize` makes
 * (each an OR of cones); rows found by several cones are kept once (by `service.key`), in the order first met.
 *
 * @param service - the catalog (e.g. {@link TWOMASS_PSC_SERVICE}, or a copy with another URL)
 * @param positions - the X-ray positions (ICRS, deg)
 * @param radius - the search radius, deg (e.g. 10″ = 10 / 3600)
 * @param options - batch size, MAXREC, overflow policy, timeout, retries, abort signal, progress, `fetch`
 * @returns one table (the fields of the first answer), `overflow` if any request was truncated, the warnings
 * @throws {ServiceError | CancelledError} as `tapQuery`, and {@link ServiceError} when two answers disagree on
 *   the columns
 * @throws {InvalidArgumentError} for no positions, a position or radius out of range, a bad batch size
 * @example
 * ```ts
 * await queryCatalogAround(TWOMASS_PSC_SERVICE, [], 0.001); // throws InvalidArgumentError: 2MASS query: no positions
 * ```
 */
export async function queryCatalogAround(service: TapCatalogService, positions: readonly SkyPosition[], radius: number, options: CatalogQueryOptions = {}): Promise<ServiceResult> {
  const size = options.batchSize ?? 100;
  if (!(Number.isInteger(size) && size >= 1)) throw new InvalidArgumentError(`${service.name} query: batchSize must be a positive integer, got ${size}`);
  if (positions.length === 0) throw new InvalidArgumentError(`${service.name} query: no positions`);
  const batches: SkyPosition[][] = [];
  for (let k = 0; k < positions.length; k += size) batches.push(positions.slice(k, k + size));
  const adql = batches.map((b) => catalogAroundAdql(service, b, radius)); // checks every position first
  let table: VotableTable | undefined;
  const rows: VotableValue[][] = [];
  const seen = new Set<string>();
  const warnings: string[] = [];
  let overflow = false;
  let url = service.url;
  for (let k = 0; k < adql.length; k++) {
    const result = await tapQuery(service.url, adql[k]!, { serviceName: `${service.name} (${service.url})`, ...options });
    url = result.url;
    overflow ||= result.overflow;
    warnings.push(...result.warnings);
    if (result.table.fields.length > 0) {
      if (table === undefined) table = result.table;
      else if (result.table.fields.map((f) => f.name).join('\u0000') !== table.fields.map((f) => f.name).join('\u0000')) {
        throw new InvalidArgumentError(`${service.name} query: request ${k + 1} answered with other columns than request 1`);
      }
      const j = table.fields.findIndex((f) => f.name === service.key);
      for (const row of result.table.rows) {
        if (j >= 0) {
          const key = keyText(row[j]!);
          if (seen.has(key)) continue;
          seen.add(key);
        }
        rows.push([...row]);
      }
    }
    options.onBatch?.(k + 1, adql.length);
  }
  const merged: VotableTable = { ...(table ?? { fields: [], params: [], infos: [] }), rows };
  return { url, document: votableDocument([merged]), table: merged, overflow, warnings };
}

/**
 * Gaia DR3 with Bailer-Jones distances around the positions ({@link GAIA_DR3_SERVICE}; see {@link queryCatalogAround}).
 *
 * @example
 * ```ts
 * await queryGaiaDr3([{ ra: 166.29, dec: -58.85 }], -1); // throws InvalidArgumentError: Gaia DR3 query (position 1)
 * ```
 */
export function queryGaiaDr3(positions: readonly SkyPosition[], radius: number, options: CatalogQueryOptions & { readonly service?: TapCatalogService } = {}): Promise<ServiceResult> {
  return queryCatalogAround(options.service ?? GAIA_DR3_SERVICE, positions, radius, options);
}

/**
 * 2MASS PSC around the positions ({@link TWOMASS_PSC_SERVICE}; see {@link queryCatalogAround}).
 *
 * @example
 * ```ts
 * await queryTwoMass([], 0.001); // throws InvalidArgumentError: 2MASS query: no positions
 * ```
 */
export function queryTwoMass(positions: readonly SkyPosition[], radius: number, options: CatalogQueryOptions & { readonly service?: TapCatalogService } = {}): Promise<ServiceResult> {
  return queryCatalogAround(options.service ?? TWOMASS_PSC_SERVICE, positions, radius, options);
}

/**
 * AllWISE around the positions ({@link ALLWISE_SERVICE}; see {@link queryCatalogAround}).
 *
 * @example
 * ```ts
 * await queryAllWise([], 0.001); // throws InvalidArgumentError: AllWISE query: no positions
 * ```
 */
export function queryAllWise(positions: readonly SkyPosition[], radius: number, options: CatalogQueryOptions & { readonly service?: TapCatalogService } = {}): Promise<ServiceResult> {
  return queryCatalogAround(options.service ?? ALLWISE_SERVICE, positions, radius, options);
}

/**
 * CatWISE2020 around the positions ({@link CATWISE2020_SERVICE}; see {@link queryCatalogAround}).
 *
 * @example
 * ```ts
 * await queryCatWise2020([], 0.001); // throws InvalidArgumentError: CatWISE2020 query: no positions
 * ```
 */
export function queryCatWise2020(positions: readonly SkyPosition[], radius: number, options: CatalogQueryOptions & { readonly service?: TapCatalogService } = {}): Promise<ServiceResult> {
  return queryCatalogAround(options.service ?? CATWISE2020_SERVICE, positions, radius, options);
}

/** The per-observation columns of a CSC query that `parseCscDetections` reads with the `.1` suffix. */
const PER_OBSERVATION_RENAMED = [
  'sat_src_flag',
  'streak_src_flag',
  ...['s', 'm', 'h', 'b'].flatMap((b) => [`flux_aper90_${b}`, `flux_aper90_lolim_${b}`, `flux_aper90_hilim_${b}`]),
];

/**
 * The ADQL of {@link queryCscDetections}: master sources within the cone joined to their per-observation
 * detections through the stack associations (the join of the CSC's own per-observation queries: `master_source
 * m`, `master_stack_assoc a`, `stack_source s`, `stack_observation_assoc b`, `observation_source o`), selecting
 * the columns `parseCscDetections` reads.
 *
 * @example
 * ```ts
 * cscDetectionsAdql({ ra: 166.28875, dec: -58.85, radius: 0.2 }).includes("CIRCLE('ICRS', 166.28875, -58.85, 0.2)"); // => true
 * ```
 */
export function cscDetectionsAdql(cone: Cone, schema = CSC_TAP_SERVICE.schema): string {
  checkCone(cone, 'queryCscDetections');
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new InvalidArgumentError(`queryCscDetections: schema ${JSON.stringify(schema)} is not a plain identifier`);
  const master = ['name', 'ra', 'dec', 'err_ellipse_r0', 'significance'].map((c) => `m.${c}`);
  const perObservation = ['obsid', 'region_id', 'obi', 'instrument', 'theta', 'pileup_warning', 'kp_prob_b', 'flux_significance_b', ...PER_OBSERVATION_RENAMED].map((c) => `o.${c}`);
  return (
    `SELECT ${[...master, ...perObservation].join(', ')} ` +
    `FROM ${schema}.master_source m, ${schema}.master_stack_assoc a, ${schema}.observation_source o, ${schema}.stack_observation_assoc b, ${schema}.stack_source s ` +
    `WHERE 1 = CONTAINS(POINT('ICRS', m.ra, m.dec), CIRCLE('ICRS', ${cone.ra}, ${cone.dec}, ${cone.radius})) ` +
    'AND m.name = a.name AND s.detect_stack_id = a.detect_stack_id AND s.region_id = a.region_id ' +
    'AND s.detect_stack_id = b.detect_stack_id AND s.region_id = b.region_id ' +
    'AND o.obsid = b.obsid AND o.obi = b.obi AND o.region_id = b.region_id ' +
    'ORDER BY m.name, o.obsid, o.obi, o.region_id'
  );
}

/**
 * CSC 2.x per-observation detections of the master sources in a cone, from the CSC TAP service
 * ({@link CSC_TAP_SERVICE}): the table `muwclass average` reads. The per-observation flags and fluxes are renamed
 * with the `.1` suffix (`flux_aper90_s.1`, …) that `parseCscDetections` expects by default, so
 * `parseCscDetections(votableToCsv(result.table))` reads it as it is.
 *
 * @param cone - centre (ICRS, deg) and radius (deg) of the field
 * @param options - the service (URL and schema), MAXREC, overflow policy, timeout, retries, abort signal, `fetch`
 * @returns the detections table, overflow flag and warnings
 * @throws {ServiceError | CancelledError} as `tapQuery`
 * @throws {InvalidArgumentError} for a cone out of range
 * @example
 * ```ts
 * await queryCscDetections({ ra: 166.3, dec: -95, radius: 0.2 }); // throws InvalidArgumentError: queryCscDetections: declination -95 deg is outside [-90, 90]
 * ```
 */
export async function queryCscDetections(cone: Cone, options: TapQueryOptions & { readonly service?: CscService } = {}): Promise<ServiceResult> {
  const service = options.service ?? CSC_TAP_SERVICE;
  const adql = cscDetectionsAdql(cone, service.schema);
  const result = await tapQuery(service.url, adql, { serviceName: `Chandra Source Catalog (${service.url})`, ...options });
  const rename = new Set(PER_OBSERVATION_RENAMED);
  const table: VotableTable = { ...result.table, fields: result.table.fields.map((f) => (rename.has(f.name) ? { ...f, name: `${f.name}.1` } : f)) };
  return { ...result, table, document: votableDocument([table]) };
}
