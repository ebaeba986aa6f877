/**
 * `muwclass field --ra … --dec … --radius … -o field.csv`: from a sky position to a classify-ready table, in one
 * command — the CSC per-observation detections in the cone, averaged as `muwclass average` does (paper §2.2),
 * their Gaia DR3, 2MASS, AllWISE and CatWISE2020 counterparts found as `muwclass match` does (§2.3, App. C),
 * and E(B−V) at each source from a dust map (§3.3). `--offline DIR` does the same from files downloaded before.
 *
 * @module
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { FileError, InvalidArgumentError } from '../core/errors';
import { csvLines } from '../io/csv';
import { parseCscDetections } from '../io/csc-detections';
import { votableToCsv } from '../io/votable-csv';
import { votableDocument } from '../io/votable-writer';
import { angularSeparation } from '../field/angular-separation';
import type { Catalog } from '../field/catalog';
import { ALLWISE_COLUMNS, CATWISE2020_COLUMNS, GAIA_EDR3_COLUMNS, parseCatalog, TWOMASS_PSC_COLUMNS, type CatalogColumns } from '../field/catalog-reader';
import { ebvAt } from '../reddening/dust-map';
import { readDustMap, SFD_FILE_NAMES } from '../node/fits';
import { writeVotable } from '../node/votable';
import {
  ALLWISE_SERVICE,
  CATWISE2020_SERVICE,
  CSC_TAP_SERVICE,
  GAIA_DR3_SERVICE,
  queryCatalogAround,
  queryCscDetections,
  TWOMASS_PSC_SERVICE,
  type TapCatalogService,
} from '../services/queries';
import type { ServiceResult } from '../services/tap';
import { averageObservations } from '../xray/averaging';
import { AVERAGE_OUTPUT_COLUMNS, averageOutputRow, DETECTION_FILTER_PARSE_OPTIONS, DETECTION_FILTER_USAGE, detectionFilterFrom, formatAveragingSummary } from './average';
import { optionNumber, parseCommandArgs, UsageError, type CliContext, type Command } from './command';
import { inputFile, outputDirectory, outputFile, throwIfInterrupted, type InputFile } from './io';
import { MATCH_OPTIONS_USAGE, MATCH_PARSE_OPTIONS, matchSettingsFrom, matchTable, readXray } from './match';
import { FITS_EXTENSION, readTableAsCsv, VOTABLE_EXTENSION } from './tables';

/** The catalogs `field` queries, in output order. */
const FIELD_CATALOGS = ['gaia', 'tmass', 'allwise', 'catwise'] as const;

type FieldCatalog = (typeof FIELD_CATALOGS)[number];

/** Each catalog's service (URL replaceable with `--tap-url`) and how its table is read. */
const CATALOG_SOURCES: Readonly<Record<FieldCatalog, { readonly service: TapCatalogService; readonly columns: CatalogColumns }>> = {
  gaia: { service: GAIA_DR3_SERVICE, columns: GAIA_EDR3_COLUMNS },
  tmass: { service: TWOMASS_PSC_SERVICE, columns: TWOMASS_PSC_COLUMNS },
  allwise: { service: ALLWISE_SERVICE, columns: ALLWISE_COLUMNS },
  catwise: { service: CATWISE2020_SERVICE, columns: CATWISE2020_COLUMNS },
};

/** The extensions an offline file may have, in the order they are looked for. */
const OFFLINE_EXTENSIONS = ['vot', 'votable', 'xml', 'fits', 'fit', 'fts', 'csv'] as const;

/** The names `--tap-url` takes: `vizier` sets 2MASS, AllWISE and CatWISE2020 at once. */
const TAP_URL_NAMES = ['csc', 'gaia', 'vizier', 'tmass', 'allwise', 'catwise'] as const;

/** The column that holds E(B−V) in the output. */
const EBV_COLUMN = 'ebv';

const USAGE = `Usage: muwclass field --ra <deg> --dec <deg> --radius <arcmin> -o <field.csv> [options]
       muwclass field --offline <dir> -o <field.csv> [options]

From a sky position to a table that \`muwclass classify\` reads: queries the Chandra Source Catalog (CSC 2.1
TAP) for the per-observation detections of the master sources in the cone and averages them as \`muwclass
average\` does; queries Gaia DR3 (Gaia archive TAP), 2MASS, AllWISE and CatWISE2020 (VizieR TAP) around the
averaged X-ray positions and finds the counterparts as \`muwclass match\` does; looks up E(B-V) at each source
in a dust map (--dust-map), written as the column ${EBV_COLUMN}. Then:
  muwclass classify --td td.csv --sources <field.csv> --ebv-column ${EBV_COLUMN} -o classified.csv
Without --dust-map there is no ${EBV_COLUMN} column: classify then needs --ebv <mag> or --no-redden.

Writes the training-set schema (CSCv2_name, …, W3mag, e_W3mag, Plx, e_Plx, PM, …), the averaging's columns
(n_obs, chisqr, dof, significance_max, flux_flag), the match diagnostics (<Cat>_sep, <Cat>_r, <Cat>_n,
<Cat>_match, <Cat>_Pcc, WISE_source) and ${EBV_COLUMN}. Prints each step, with its counts, to stderr.

Offline (--offline <dir>): the same from files in <dir>, each a VOTable (.vot, .votable, .xml), a FITS binary
table (.fits, .fit, .fts) or a CSV (.csv), with the columns the services return:
  csc.*      CSC per-observation detections (the columns \`muwclass average\` reads; required)
  gaia.*     Gaia DR3 gaia_source (ra, dec, ra_error, …, phot_g_mean_mag, …, pmra, pmdec, parallax, …)
  tmass.*    2MASS PSC, VizieR II/246/out (RAJ2000, DEJ2000, errMaj, Jmag, e_Jmag, …)
  allwise.*  AllWISE, VizieR II/328/allwise (RAJ2000, DEJ2000, eeMaj, W1mag, e_W1mag, …)
  catwise.*  CatWISE2020, VizieR II/365/catwise (RA_ICRS, DE_ICRS, e_RA_ICRS, e_DE_ICRS, W1mproPM, …)
Every catalog of --catalogs must be there (missing files are named). --save-downloads <dir> writes exactly
these files (as VOTables) from an online run, so that a later --offline run gives the same table. With
--offline, --ra/--dec/--radius are optional: given, they keep only the CSC sources inside the cone.

Options:
  --ra <deg>                 right ascension of the field centre (ICRS, deg)
  --dec <deg>                declination of the field centre (ICRS, deg)
  --radius <arcmin>          radius of the field (arcmin)
  -o, --output <file>        the table to write (required; - writes standard output); checked before any
                             work, replaced only when complete
  --dust-map <file|dir>      E(B-V) map: a directory holding the SFD files ${SFD_FILE_NAMES.north} and
                             ${SFD_FILE_NAMES.south}, or one HEALPix FITS file (e.g. Planck's E(B-V))
  --sfd-factor <f>           the factor applied to the map's values (default 0.86 for SFD, as the paper
                             (Schlafly & Finkbeiner 2011); 1 for a HEALPix map)
  --catalogs <list>          the catalogs to match, comma-separated (default ${FIELD_CATALOGS.join(',')})
  --offline <dir>            read csc.*, gaia.*, … from <dir> instead of querying the services
  --save-downloads <dir>     write what was queried to <dir> (csc.vot, gaia.vot, tmass.vot, allwise.vot,
                             catwise.vot) for a later --offline run
  --tap-url <name=url>       another TAP service (a mirror, a local copy); name: csc, gaia, vizier (2MASS,
                             AllWISE and CatWISE2020), tmass, allwise or catwise; may be repeated
${MATCH_OPTIONS_USAGE}
${DETECTION_FILTER_USAGE}

A service that fails (HTTP error, rejected query, timeout, network) exits with status 74 and its message;
5xx answers and network failures are retried 3 times (after 1, 2, 4 s). A result truncated by a service's
row limit is reported on stderr.`;

/** A number option, required to be finite and within [min, max] (`max` exclusive when `openMax`). */
function coordinate(flag: string, text: string | undefined, min: number, max: number, openMax = false): number | undefined {
  if (text === undefined) return undefined;
  const v = optionNumber(text);
  if (!Number.isFinite(v) || v < min || (openMax ? v >= max : v > max)) {
    throw new UsageError(`${flag} must be a number in [${min}, ${max}${openMax ? ')' : ']'}, got ${JSON.stringify(text)}`);
  }
  return v;
}

/** `--tap-url name=url` options as service URLs by name. */
function tapUrls(texts: readonly string[]): Partial<Record<(typeof TAP_URL_NAMES)[number], string>> {
  const urls: Partial<Record<(typeof TAP_URL_NAMES)[number], string>> = {};
  for (const text of texts) {
    const eq = text.indexOf('=');
    const name = text.slice(0, Math.max(eq, 0)).trim() as (typeof TAP_URL_NAMES)[number];
    const url = text.slice(eq + 1).trim();
    if (eq < 0 || !TAP_URL_NAMES.includes(name)) throw new UsageError(`--tap-url needs <name>=<url> with name one of ${TAP_URL_NAMES.join(', ')}, got ${JSON.stringify(text)}`);
    try {
      new URL(url);
    } catch {
      throw new UsageError(`--tap-url ${name}: ${JSON.stringify(url)} is not a URL`);
    }
    urls[name] = url;
  }
  return urls;
}

/** `--catalogs a,b`: the catalogs, in output order. */
function catalogsOption(text: string | undefined): FieldCatalog[] {
  if (text === undefined) return [...FIELD_CATALOGS];
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const n of names) {
    if (!(FIELD_CATALOGS as readonly string[]).includes(n)) throw new UsageError(`--catalogs: unknown catalog ${JSON.stringify(n)}; the catalogs are ${FIELD_CATALOGS.join(', ')}`);
  }
  if (names.length === 0) throw new UsageError('--catalogs needs at least one catalog');
  return FIELD_CATALOGS.filter((c) => names.includes(c));
}

/**
 * The offline files: for each base name, the one file `<base>.<ext>` in `dir`.
 *
 * @throws {FileError} naming every missing file (exit 66); {@link UsageError} for two files of one base name
 */
async function offlineFiles(context: CliContext, dir: string, bases: readonly string[]): Promise<Record<string, InputFile>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileError(dir, code === 'ENOTDIR' ? 'not-found' : code === 'EACCES' ? 'permission' : 'not-found', `--offline: ${code === 'ENOTDIR' ? 'not a directory' : 'cannot read the directory'}`);
  }
  const files: Record<string, InputFile> = {};
  const missing: string[] = [];
  for (const base of bases) {
    const found = OFFLINE_EXTENSIONS.map((e) => `${base}.${e}`).filter((n) => names.includes(n));
    if (found.length > 1) throw new UsageError(`--offline: ${found.join(' and ')} are both in ${dir}; keep one`);
    if (found.length === 0) missing.push(`${base}.{${OFFLINE_EXTENSIONS.join(',')}}`);
    else files[base] = await inputFile(context, '--offline', join(dir, found[0]!));
  }
  if (missing.length > 0) throw new FileError(dir, 'not-found', `--offline: missing ${missing.join(', ')} (or leave the catalog out with --catalogs)`);
  return files;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The format a file name says (for messages). */
const formatName = (path: string): string => (VOTABLE_EXTENSION.test(path) ? 'VOTable' : FITS_EXTENSION.test(path) ? 'FITS' : 'CSV');

/** `--dec -58.85` as `--dec=-58.85` (parseArgs takes a value starting with a dash only in the second form). */
function negativeValues(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    const next = argv[k + 1];
    if ((a === '--ra' || a === '--dec' || a === '--epoch') && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      args.push(`${a}=${next}`);
      k++;
    } else args.push(a);
  }
  return args;
}

async function run(argv: readonly string[], context: CliContext): Promise<number> {
  const { values } = parseCommandArgs({
    args: negativeValues(argv),
    options: {
      ra: { type: 'string' },
      dec: { type: 'string' },
      radius: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'dust-map': { type: 'string' },
      'sfd-factor': { type: 'string' },
      catalogs: { type: 'string' },
      offline: { type: 'string' },
      'save-downloads': { type: 'string' },
      'tap-url': { type: 'string', multiple: true },
      ...MATCH_PARSE_OPTIONS,
      ...DETECTION_FILTER_PARSE_OPTIONS,
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.output === undefined || values.output === '') throw new UsageError('-o <field.csv> is required');
  const ra = coordinate('--ra', values.ra, 0, 360, true);
  const dec = coordinate('--dec', values.dec, -90, 90);
  const radius = coordinate('--radius', values.radius, 0, 180 * 60);
  const offline = values.offline;
  const cone = [ra, dec, radius];
  if (cone.some((x) => x !== undefined) && cone.some((x) => x === undefined)) throw new UsageError('give --ra, --dec and --radius together');
  if (offline === undefined && ra === undefined) throw new UsageError('give the field: --ra <deg> --dec <deg> --radius <arcmin> (or --offline <dir>)');
  if (radius !== undefined && !(radius > 0)) throw new UsageError(`--radius must be positive (arcmin), got ${JSON.stringify(values.radius)}`);
  if (offline !== undefined && values['save-downloads'] !== undefined) throw new UsageError('--save-downloads has nothing to save with --offline');
  if (offline !== undefined && values['tap-url'] !== undefined) throw new UsageError('--tap-url has no effect with --offline');
  let factor: number | undefined;
  if (values['sfd-factor'] !== undefined) {
    factor = optionNumber(values['sfd-factor']);
    if (!(factor > 0) || !Number.isFinite(factor)) throw new UsageError(`--sfd-factor must be a positive number, got ${JSON.stringify(values['sfd-factor'])}`);
    if (values['dust-map'] === undefined) throw new UsageError('--sfd-factor needs --dust-map');
  }
  const catalogKeys = catalogsOption(values.catalogs);
  const urls = tapUrls(values['tap-url'] ?? []);
  const settings = matchSettingsFrom(values);
  const filter = detectionFilterFrom(values);

  // every file checked before any work: offline inputs, the dust map, the output, the download folder
  const files = offline === undefined ? undefined : await offlineFiles(context, offline, ['csc', ...catalogKeys]);
  const inputs = files === undefined ? [] : Object.values(files);
  const out = await outputFile(context, '-o', values.output, inputs);
  const saveDir = values['save-downloads'];
  if (saveDir !== undefined) await outputDirectory('--save-downloads', saveDir, ['csc', ...catalogKeys].map((b) => `${b}.vot`), inputs);
  const say = (text: string) => context.stderr.write(`${text}\n`);
  const dustMap = values['dust-map'] === undefined ? undefined : await readDustMap(values['dust-map'], factor === undefined ? {} : { factor });
  if (dustMap !== undefined) say(`dust map ${values['dust-map']}: ${dustMap.kind === 'sfd' ? 'SFD (1998)' : `HEALPix N_side ${dustMap.nside}`}, E(B-V) = ${dustMap.factor} x map`);

  const serviceOptions = {
    ...(context.signal === undefined ? {} : { signal: context.signal }),
    onRetry: (r: { attempt: number; delayMs: number; reason: string }) => say(`  retry ${r.attempt} in ${r.delayMs / 1000} s (${r.reason})`),
  };
  const save = async (base: string, result: ServiceResult): Promise<void> => {
    if (saveDir === undefined) return;
    await mkdir(saveDir, { recursive: true });
    await writeVotable(join(saveDir, `${base}.vot`), votableDocument([result.table]), { serialization: 'BINARY2' });
  };
  const warn = (result: ServiceResult) => {
    for (const w of result.warnings) say(`  warning: ${w}`);
  };

  // 1. CSC per-observation detections in the cone
  let cscCsv: string;
  let cscName: string;
  if (files !== undefined) {
    cscName = files.csc!.name;
    say(`CSC: reading ${cscName} (${formatName(files.csc!.path)})`);
    cscCsv = await readTableAsCsv(files.csc!);
  } else {
    const service = { ...CSC_TAP_SERVICE, ...(urls.csc === undefined ? {} : { url: urls.csc }) };
    say(`CSC: querying ${service.url} for the detections within ${radius} arcmin of (${ra}, ${dec})`);
    const result = await queryCscDetections({ ra: ra!, dec: dec!, radius: radius! / 60 }, { ...serviceOptions, service });
    warn(result);
    await save('csc', result);
    cscName = 'the CSC query';
    cscCsv = votableToCsv(result.table);
  }
  let detections = await parseCscDetections(cscCsv, { sourceName: cscName });
  if (files !== undefined && ra !== undefined) {
    const inside = detections.filter((d) => angularSeparation(ra, dec!, d.ra, d.dec) * 60 <= radius!);
    if (inside.length < detections.length) say(`  kept the ${plural(inside.length, 'detection')} within ${radius} arcmin of (${ra}, ${dec}), left out ${detections.length - inside.length}`);
    detections = inside;
  }
  throwIfInterrupted(context);

  // 2. averaged per source (paper §2.2), as `muwclass average`
  const { sources, summary } = averageObservations(detections, { ...filter, sourceName: cscName });
  context.stderr.write(formatAveragingSummary(summary, cscName, undefined, filter.maxTheta, filter.maxPileupWarning));
  if (sources.length === 0) throw new InvalidArgumentError(`${cscName}: no CSC source left to classify in the field`);
  let averaged = '';
  for await (const line of csvLines(AVERAGE_OUTPUT_COLUMNS, sources.map(averageOutputRow))) averaged += line;
  const xray = await readXray({ name: 'the averaged CSC sources', source: async () => averaged }, undefined);

  // 3. the catalogs around the X-ray positions, matched as `muwclass match`
  const around = Math.max(settings.searchRadius, settings.densityRadius);
  const catalogs: Partial<Record<FieldCatalog, Catalog>> = {};
  for (const key of catalogKeys) {
    const { columns } = CATALOG_SOURCES[key];
    let text: string;
    let name: string;
    if (files !== undefined) {
      name = files[key]!.name;
      text = await readTableAsCsv(files[key]!);
    } else {
      const base = CATALOG_SOURCES[key].service;
      const url = urls[key] ?? (key === 'gaia' ? urls.gaia : urls.vizier) ?? base.url;
      const service = { ...base, url };
      const positions = xray.positions.map((p) => ({ ra: p.ra, dec: p.dec }));
      say(`${service.name}: querying ${url} within ${around} arcsec of ${plural(positions.length, 'X-ray source')}`);
      const result = await queryCatalogAround(service, positions, around / 3600, {
        ...serviceOptions,
        onBatch: (done, total) => {
          if (total > 1) say(`  request ${done} of ${total}`);
        },
      });
      say(`  ${plural(result.table.rows.length, 'row')}${result.overflow ? ' (truncated)' : ''}`);
      warn(result);
      await save(key, result);
      name = `the ${service.name} query`;
      text = votableToCsv(result.table);
    }
    catalogs[key] = await parseCatalog(text, columns, { sourceName: name });
    throwIfInterrupted(context);
  }
  const table = matchTable(xray, catalogs, settings, context.stderr);

  // 4. E(B-V) at each source (§3.3)
  const columns = [...table.columns];
  let rows = table.rows;
  if (dustMap !== undefined) {
    const ebv = ebvAt(dustMap, xray.positions.map((p) => p.ra), xray.positions.map((p) => p.dec));
    columns.push(EBV_COLUMN);
    rows = rows.map((r, i) => ({ ...r, [EBV_COLUMN]: ebv[i]! }));
    const finite = Array.from(ebv).filter((e) => Number.isFinite(e));
    const negative = finite.filter((e) => e < 0).length;
    say(`E(B-V): ${plural(finite.length, 'source')}, from ${Math.min(...finite).toPrecision(3)} to ${Math.max(...finite).toPrecision(3)} mag`);
    if (negative > 0) say(`  warning: ${plural(negative, 'source')} with E(B-V) < 0 in the map; classify refuses negative values (set them to 0 or give --ebv)`);
  } else {
    say(`E(B-V): no --dust-map, so no ${EBV_COLUMN} column; classify will need --ebv <mag> (one value for the field) or --no-redden`);
  }
  throwIfInterrupted(context);
  await out.write(csvLines(columns, rows));
  const where = out.toStdout ? 'standard output' : values.output;
  say(`wrote ${plural(rows.length, 'source')} to ${where}`);
  return 0;
}

/** The `field` command. */
export const fieldCommand: Command = {
  name: 'field',
  summary: 'from a sky position (or downloaded files) to a classify-ready table: CSC, averaging, counterparts, E(B-V)',
  usage: USAGE,
  run,
};
