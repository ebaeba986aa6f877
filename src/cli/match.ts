/**
 * `muwclass match`: multiwavelength counterparts of X-ray sources (paper Section 2.3, Appendix C), written in
 * the training-set schema.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';

import { InvalidValueError, MissingColumnError, ParseError } from '../core/errors';
import { parseNumberCell } from '../io/cells';
import type { CellValue, CsvRecord } from '../io/csv';
import { readCatalog, readCsv, readCsvHeader, writeCsv } from '../node/io';
import { parseCoordinateCell } from '../io/sexagesimal';
import {
  ALLWISE_COLUMNS,
  CATWISE2020_COLUMNS,
  GAIA_EDR3_COLUMNS,
  TWOMASS_PSC_COLUMNS,
  UNWISE_COLUMNS,
  withColumns,
  type CatalogColumns,
  type CatalogColumnsOverrides,
} from '../field/catalog-reader';
import type { Catalog } from '../field/catalog';
import { chanceCoincidence } from '../field/chance-coincidence';
import { FIELD_CATALOG_KEYS, fieldMatchRecords, matchField, type FieldCatalogKey, type FieldCatalogs } from '../field/match-field';
import type { XrayPosition } from '../field/match-counterparts';
import { errorRadiusFactor, PAPER_MATCH_LEVEL, type ConfidenceLevel } from '../field/positional-uncertainty';
import { parseCommandArgs, UsageError, type CliContext, type Command } from './command';

/** The columns of the paper's training set, in its order (`td/muwclass_td_cscv2.csv`). */
export const TRAINING_SET_COLUMNS: readonly string[] = [
  'CSCv2_name', 'CSCv2_RA', 'CSCv2_DEC', 'CSCv2_PU', 'CSCv2_S/N',
  'Fs', 'e_Fs', 'Fm', 'e_Fm', 'Fh', 'e_Fh', 'Fb', 'e_Fb', 'P_intra', 'P_inter',
  'Gmag', 'e_Gmag', 'BPmag', 'e_BPmag', 'RPmag', 'e_RPmag', 'Jmag', 'e_Jmag', 'Hmag', 'e_Hmag', 'Kmag', 'e_Kmag',
  'W1mag', 'e_W1mag', 'W2mag', 'e_W2mag', 'W3mag', 'e_W3mag',
  'Plx', 'e_Plx', 'PM', 'rgeo', 'b_rgeo', 'B_rgeo', 'CSCv2_flags', 'Catalog_name', 'True_Class', 'Class_ref',
];

const DEFAULT_COLUMNS: Readonly<Record<FieldCatalogKey, CatalogColumns>> = {
  gaia: GAIA_EDR3_COLUMNS,
  tmass: TWOMASS_PSC_COLUMNS,
  allwise: ALLWISE_COLUMNS,
  catwise: CATWISE2020_COLUMNS,
  unwise: UNWISE_COLUMNS,
};

/** X-ray column names: the training set's, else CSC's own. */
const XRAY_COLUMN_CHOICES = [
  { name: 'CSCv2_name', ra: 'CSCv2_RA', dec: 'CSCv2_DEC', pu: 'CSCv2_PU' },
  { name: 'name', ra: 'ra', dec: 'dec', pu: 'err_ellipse_r0' },
] as const;

interface XrayColumns {
  readonly name: string;
  readonly ra: string;
  readonly dec: string;
  readonly pu: string;
}

const USAGE = `Usage: muwclass match --xray <sources.csv> [--gaia <g.csv>] [--tmass <t.csv>] [--allwise <a.csv>]
                      [--catwise <c.csv>] [--unwise <u.csv>] -o <out.csv> [options]

Finds the Gaia EDR3, 2MASS and WISE counterparts of X-ray sources (Yang et al. 2022, Sec. 2.3): the nearest
catalog source within the search radius, kept if inside the combined 2-sigma radius; W1/W2 from AllWISE, else
CatWISE2020, else unWISE, W3 from AllWISE. Writes the training-set schema (CSCv2_name, …, Gmag, e_Gmag, …,
W3mag, e_W3mag, Plx, e_Plx, PM, …), then the input's other columns, then per catalog <Cat>_sep, <Cat>_r
(arcsec), <Cat>_n (candidates), <Cat>_match, <Cat>_Pcc (chance coincidence, App. C) and WISE_source.

Input columns:
  X-ray: CSCv2_name, CSCv2_RA, CSCv2_DEC, CSCv2_PU (training-set names) or name, ra, dec, err_ellipse_r0 (CSC);
         RA/Dec in degrees or sexagesimal; PU = 95% error radius in arcsec (0.71" systematic included).
  Catalogs (each catalog's own names):
    --gaia     Gaia archive gaia_source: ra, dec, ra_error, dec_error, ra_dec_corr, phot_g_mean_mag,
               phot_g_mean_flux_over_error, … (bp, rp), pmra, pmdec, pmra_error, pmdec_error, parallax, parallax_error
    --tmass    VizieR II/246: RAJ2000, DEJ2000, errMaj, Jmag, e_Jmag, Hmag, e_Hmag, Kmag, e_Kmag
    --allwise  VizieR II/328: RAJ2000, DEJ2000, eeMaj, W1mag, e_W1mag, W2mag, e_W2mag, W3mag, e_W3mag
    --catwise  VizieR II/365: RA_ICRS, DE_ICRS, e_RA_ICRS, e_DE_ICRS, W1mproPM, e_W1mproPM, W2mproPM, e_W2mproPM
    --unwise   VizieR II/363: RAJ2000, DEJ2000, FW1, e_FW1, FW2, e_FW2 (nanomaggies)

Options:
  --columns <file.json>      column-name overrides, e.g. {"xray": {"pu": "r0"}, "gaia": {"ra": "RA_ICRS"},
                             "tmass": {"bands": {"K": {"mag": "Ksmag", "error": "e_Ksmag"}}}}
  --search-radius <arcsec>   search radius (default 10)
  --level <level>            confidence level of the matching radius: 95% (default: the paper's "2σ"), 2sigma, 1sigma, …
  --epoch <year>             Julian year of the X-ray positions: Gaia is moved there with its proper motions
  --density-radius <arcsec>  radius of the local density for chance coincidences (default 10)
  -o, --output <file>        output CSV (required)`;

function positiveNumber(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!(v > 0) || !Number.isFinite(v)) throw new UsageError(`--${flag} must be a positive number, got ${JSON.stringify(text)}`);
  return v;
}

async function readXray(path: string, override: Partial<XrayColumns> | undefined): Promise<{ columns: readonly string[]; records: CsvRecord[]; positions: XrayPosition[]; names: string[]; xcols: XrayColumns }> {
  const header = await readCsvHeader(path);
  const base = XRAY_COLUMN_CHOICES.find((c) => header.includes(c.ra)) ?? XRAY_COLUMN_CHOICES[0];
  const xcols: XrayColumns = { ...base, ...(override ?? {}) };
  for (const c of [xcols.ra, xcols.dec, xcols.pu]) if (!header.includes(c)) throw new MissingColumnError(c, path);
  const records: CsvRecord[] = [];
  const positions: XrayPosition[] = [];
  const names: string[] = [];
  for await (const record of readCsv(path)) {
    const { row, cells } = record;
    const ra = parseCoordinateCell(cells[xcols.ra], 'ra', { source: path, row, column: xcols.ra });
    const dec = parseCoordinateCell(cells[xcols.dec], 'dec', { source: path, row, column: xcols.dec });
    const pu = parseNumberCell(cells[xcols.pu], { source: path, row, column: xcols.pu });
    if (!Number.isFinite(ra)) throw new InvalidValueError('missing right ascension', { source: path, row, column: xcols.ra });
    if (!Number.isFinite(dec)) throw new InvalidValueError('missing declination', { source: path, row, column: xcols.dec });
    if (!(pu >= 0)) throw new InvalidValueError(`positional uncertainty must be a non-negative number, got ${cells[xcols.pu] ?? ''}`, { source: path, row, column: xcols.pu });
    records.push(record);
    positions.push({ ra, dec, pu });
    names.push((cells[xcols.name] ?? '').trim());
  }
  return { columns: header, records, positions, names, xcols };
}

async function run(argv: readonly string[], context: CliContext): Promise<number> {
  const { values }: { values: Record<string, string | undefined> } = parseCommandArgs({
    args: [...argv],
    options: {
      xray: { type: 'string' },
      gaia: { type: 'string' },
      tmass: { type: 'string' },
      allwise: { type: 'string' },
      catwise: { type: 'string' },
      unwise: { type: 'string' },
      columns: { type: 'string' },
      'search-radius': { type: 'string' },
      level: { type: 'string' },
      epoch: { type: 'string' },
      'density-radius': { type: 'string' },
      output: { type: 'string', short: 'o' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.xray === undefined) throw new UsageError('--xray <sources.csv> is required');
  if (values.output === undefined) throw new UsageError('-o <out.csv> is required');
  const given = FIELD_CATALOG_KEYS.filter((k) => values[k] !== undefined);
  if (given.length === 0) throw new UsageError('give at least one catalog: --gaia, --tmass, --allwise, --catwise or --unwise');
  const searchRadius = positiveNumber('search-radius', values['search-radius'], 10);
  const densityRadius = positiveNumber('density-radius', values['density-radius'], 10);
  const level = (values.level ?? PAPER_MATCH_LEVEL) as ConfidenceLevel;
  try {
    errorRadiusFactor(level);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let epoch: number | undefined;
  if (values.epoch !== undefined) {
    epoch = Number(values.epoch);
    if (!Number.isFinite(epoch)) throw new UsageError(`--epoch must be a Julian year such as 2010.5, got ${JSON.stringify(values.epoch)}`);
  }
  let overrides: Partial<Record<FieldCatalogKey, CatalogColumnsOverrides>> & { xray?: Partial<XrayColumns> } = {};
  if (values.columns !== undefined) {
    try {
      overrides = JSON.parse(await readFile(values.columns, 'utf8')) as typeof overrides;
    } catch (error) {
      throw new ParseError(`--columns: ${values.columns} is not valid JSON (${(error as Error).message})`, { source: values.columns });
    }
  }

  const xray = await readXray(values.xray, overrides.xray);
  const catalogs: Record<string, Catalog> = {};
  for (const key of given) {
    const spec = overrides[key] === undefined ? DEFAULT_COLUMNS[key] : withColumns(DEFAULT_COLUMNS[key], overrides[key]);
    catalogs[key] = await readCatalog(values[key]!, spec);
  }
  const options = { searchRadius, level, ...(epoch === undefined ? {} : { epoch }) };
  const field = matchField(xray.positions, catalogs as FieldCatalogs, options);
  const mw = fieldMatchRecords(field);
  const pcc: Record<string, Float64Array> = {};
  for (const key of given) {
    const c = chanceCoincidence(xray.positions, catalogs[key]!, { densityRadius, level, ...(epoch === undefined ? {} : { epoch }) });
    pcc[`${catalogs[key]!.name}_Pcc`] = c.probability;
    const m = field.matches[key]!;
    const matched = m.index.filter((j) => j >= 0).length;
    context.stderr.write(
      `${catalogs[key]!.name}: ${catalogs[key]!.size} rows, ${matched} of ${xray.positions.length} X-ray sources matched; ` +
        `expected chance coincidences ${c.expectedFalseMatches.toFixed(2)} (mean P ${c.meanProbability.toFixed(4)})\n`,
    );
  }

  const mwColumns = mw.length > 0 ? Object.keys(mw[0]!) : [];
  const diagnostics = mwColumns.filter((c) => !TRAINING_SET_COLUMNS.includes(c)).concat(Object.keys(pcc));
  const xrayOwn = new Set([xray.xcols.name, xray.xcols.ra, xray.xcols.dec, xray.xcols.pu]);
  const passThrough = xray.columns.filter((c) => !TRAINING_SET_COLUMNS.includes(c) && !xrayOwn.has(c) && !diagnostics.includes(c));
  const columns = [...TRAINING_SET_COLUMNS, ...passThrough, ...diagnostics];
  const rows = xray.records.map((record, i) => {
    const out: Record<string, CellValue> = {};
    for (const c of TRAINING_SET_COLUMNS) out[c] = record.cells[c];
    for (const c of passThrough) out[c] = record.cells[c];
    out.CSCv2_name = xray.names[i];
    out.CSCv2_RA = xray.positions[i]!.ra;
    out.CSCv2_DEC = xray.positions[i]!.dec;
    out.CSCv2_PU = xray.positions[i]!.pu;
    const m = mw[i]!;
    for (const c of mwColumns) {
      // A catalog not given leaves the input's own value (if any) of a training-set column.
      const v = m[c];
      if (typeof v === 'number' && Number.isNaN(v) && TRAINING_SET_COLUMNS.includes(c) && !bandFromGiven(c, given)) continue;
      out[c] = v;
    }
    for (const [c, p] of Object.entries(pcc)) out[c] = p[i]!;
    return out;
  });
  await writeCsv(values.output, columns, rows);
  context.stderr.write(`wrote ${rows.length} sources to ${values.output}\n`);
  return 0;
}

/** Whether a training-set column is produced by one of the given catalogs. */
function bandFromGiven(column: string, given: readonly FieldCatalogKey[]): boolean {
  if (/^e?_?(G|BP|RP)mag$/.test(column) || ['Plx', 'e_Plx', 'PM'].includes(column)) return given.includes('gaia');
  if (/^e?_?(J|H|K)mag$/.test(column)) return given.includes('tmass');
  if (/^e?_?W3mag$/.test(column)) return given.includes('allwise');
  if (/^e?_?W[12]mag$/.test(column)) return given.some((k) => k === 'allwise' || k === 'catwise' || k === 'unwise');
  return true;
}

/** The `match` command. */
export const matchCommand: Command = {
  name: 'match',
  summary: 'find Gaia, 2MASS and WISE counterparts of X-ray sources (training-set schema out)',
  usage: USAGE,
  run,
};
