/**
 * `muwclass match`: multiwavelength counterparts of X-ray sources (paper Section 2.3, Appendix C), written in
 * the training-set schema.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError, MissingColumnError, ParseError } from '../core/errors';
import { parseNumberCell } from '../io/cells';
import { csvLines, streamCsv, type CellValue, type CsvRecord } from '../io/csv';
import { readText } from '../io/text-source';
import { parseCoordinateCell } from '../io/sexagesimal';
import {
  parseCatalog,
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
import { optionNumber, parseCommandArgs, UsageError, type CliContext, type Command } from './command';
import { checkOneStdin, inputFile, outputFile, throwIfInterrupted, type InputFile } from './io';

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

/** The X-ray columns of a table: name, RA, Dec, positional uncertainty. */
export interface XrayColumns {
  readonly name: string;
  readonly ra: string;
  readonly dec: string;
  readonly pu: string;
}

/** The usage lines of the matching options (`match` and `field`). */
export const MATCH_OPTIONS_USAGE = `  --search-radius <arcsec>   search radius (default 10)
  --level <level>            confidence level of the matching radius: 95% (default: the paper's "2σ"), 2sigma, 1sigma, …
  --epoch <year>             Julian year of the X-ray positions: Gaia is moved there with its proper motions
  --density-radius <arcsec>  radius of the local density for chance coincidences (default 10)`;

/** The `parseArgs` option specs of {@link MATCH_OPTIONS_USAGE}. */
export const MATCH_PARSE_OPTIONS = {
  'search-radius': { type: 'string' },
  level: { type: 'string' },
  epoch: { type: 'string' },
  'density-radius': { type: 'string' },
} as const;

/** The matching options read from {@link MATCH_PARSE_OPTIONS}: radii in arcsec, the level, the epoch. */
export interface MatchSettings {
  /** Search radius, arcsec. */
  readonly searchRadius: number;
  /** Radius of the local density for chance coincidences, arcsec. */
  readonly densityRadius: number;
  /** Confidence level of the matching radius. */
  readonly level: ConfidenceLevel;
  /** Julian year of the X-ray positions, when given. */
  readonly epoch?: number;
}

/** The matching options from `--search-radius`, `--level`, `--epoch`, `--density-radius` (usage errors named). */
export function matchSettingsFrom(values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>): MatchSettings {
  const text = (k: string) => values[k] as string | undefined;
  const searchRadius = positiveNumber('search-radius', text('search-radius'), 10);
  const densityRadius = positiveNumber('density-radius', text('density-radius'), 10);
  const level = (text('level') ?? PAPER_MATCH_LEVEL) as ConfidenceLevel;
  try {
    errorRadiusFactor(level);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let epoch: number | undefined;
  if (text('epoch') !== undefined) {
    epoch = optionNumber(text('epoch')!);
    if (!Number.isFinite(epoch)) throw new UsageError(`--epoch must be a Julian year such as 2010.5, got ${JSON.stringify(text('epoch'))}`);
  }
  return { searchRadius, densityRadius, level, ...(epoch === undefined ? {} : { epoch }) };
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
${MATCH_OPTIONS_USAGE}
  -o, --output <file>        output CSV (required; - writes standard output); checked before any work,
                             replaced only when complete, never one of the inputs
One input may be - (standard input). Errors name the file, the data row (1 = the first row after the header)
and the column as named in the file.`;

function positiveNumber(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const v = optionNumber(text);
  if (!(v > 0) || !Number.isFinite(v)) throw new UsageError(`--${flag} must be a positive number, got ${JSON.stringify(text)}`);
  return v;
}

/** The option naming each catalog, for messages. */
const CATALOG_OPTIONS: Readonly<Record<FieldCatalogKey, string>> = { gaia: '--gaia', tmass: '--tmass', allwise: '--allwise', catwise: '--catwise', unwise: '--unwise' };

/** The X-ray sources as `match` reads them: the file's columns and records, the checked positions and names. */
export interface XrayTable {
  /** The file's columns. */
  readonly columns: readonly string[];
  /** The file's records (cells as text). */
  readonly records: readonly CsvRecord[];
  /** The positions (deg) and 95% radii (arcsec). */
  readonly positions: readonly XrayPosition[];
  /** The source names. */
  readonly names: readonly string[];
  /** The columns read. */
  readonly xcols: XrayColumns;
}

/**
 * Reads the X-ray sources: every position checked here, so errors name the file, the 1-based data row and the
 * user's column (RA in [0, 360) degrees, Dec in [-90, 90], PU finite and >= 0).
 */
export async function readXray(
  input: Pick<InputFile, 'name' | 'source'>,
  override: Partial<XrayColumns> | undefined,
): Promise<XrayTable> {
  const source = input.name;
  const csv = await streamCsv(await input.source(), { sourceName: source });
  const header = csv.columns;
  const base = XRAY_COLUMN_CHOICES.find((c) => header.includes(c.ra)) ?? XRAY_COLUMN_CHOICES[0];
  const xcols: XrayColumns = { ...base, ...(override ?? {}) };
  for (const c of [xcols.ra, xcols.dec, xcols.pu]) {
    if (!header.includes(c)) {
      await csv.records.return(undefined);
      throw new MissingColumnError(c, `${source} (--xray)`);
    }
  }
  const records: CsvRecord[] = [];
  const positions: XrayPosition[] = [];
  const names: string[] = [];
  for await (const record of csv.records) {
    const { row, cells } = record;
    const at = (column: string) => ({ source, row, column });
    const ra = parseCoordinateCell(cells[xcols.ra], 'ra', at(xcols.ra));
    const dec = parseCoordinateCell(cells[xcols.dec], 'dec', at(xcols.dec));
    const pu = parseNumberCell(cells[xcols.pu], at(xcols.pu));
    const text = (column: string) => JSON.stringify((cells[column] ?? '').trim());
    if (Number.isNaN(ra)) throw new InvalidValueError('missing right ascension', at(xcols.ra));
    if (!(ra >= 0 && ra < 360)) throw new InvalidValueError(`right ascension ${text(xcols.ra)} is outside [0, 360) degrees`, at(xcols.ra));
    if (Number.isNaN(dec)) throw new InvalidValueError('missing declination', at(xcols.dec));
    if (!(dec >= -90 && dec <= 90)) throw new InvalidValueError(`declination ${text(xcols.dec)} is outside [-90, 90] degrees`, at(xcols.dec));
    if (Number.isNaN(pu)) throw new InvalidValueError('missing positional uncertainty (arcsec)', at(xcols.pu));
    if (!(pu >= 0) || !Number.isFinite(pu)) throw new InvalidValueError(`positional uncertainty must be a finite number >= 0 (arcsec), got ${text(xcols.pu)}`, at(xcols.pu));
    records.push(record);
    positions.push({ ra, dec, pu });
    names.push((cells[xcols.name] ?? '').trim());
  }
  return { columns: header, records, positions, names, xcols };
}

type ColumnOverrides = Partial<Record<FieldCatalogKey, CatalogColumnsOverrides>> & { xray?: Partial<XrayColumns> };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Reads and checks `--columns`: an object of `xray` (name, ra, dec, pu: column names) and catalog overrides. */
async function readColumnOverrides(input: InputFile): Promise<ColumnOverrides> {
  const source = `${input.name} (--columns)`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readText(await input.source(), input.name));
  } catch (error) {
    if (error instanceof ParseError) throw error;
    throw new ParseError(`not valid JSON (${(error as Error).message})`, { source });
  }
  if (!isObject(parsed)) throw new ParseError('must be a JSON object such as {"xray": {"pu": "r0"}, "gaia": {"ra": "RA_ICRS"}}', { source });
  const known = ['xray', ...FIELD_CATALOG_KEYS];
  for (const [key, value] of Object.entries(parsed)) {
    if (!known.includes(key)) throw new ParseError(`unknown key ${JSON.stringify(key)}; the keys are ${known.join(', ')}`, { source });
    if (!isObject(value)) throw new ParseError(`"${key}" must be an object of column names`, { source });
    if (key === 'xray') {
      for (const [k, v] of Object.entries(value)) {
        if (!['name', 'ra', 'dec', 'pu'].includes(k)) throw new ParseError(`unknown key "xray.${k}"; the X-ray keys are name, ra, dec, pu`, { source });
        if (typeof v !== 'string' || v === '') throw new ParseError(`"xray.${k}" must be a column name`, { source });
      }
    }
  }
  return parsed as ColumnOverrides;
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
      ...MATCH_PARSE_OPTIONS,
      output: { type: 'string', short: 'o' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.xray === undefined) throw new UsageError('--xray <sources.csv> is required');
  if (values.output === undefined) throw new UsageError('-o <out.csv> is required');
  const given = FIELD_CATALOG_KEYS.filter((k) => values[k] !== undefined);
  if (given.length === 0) throw new UsageError('give at least one catalog: --gaia, --tmass, --allwise, --catwise or --unwise');
  const settings = matchSettingsFrom(values);
  checkOneStdin([{ option: '--xray', path: values.xray }, ...given.map((k) => ({ option: CATALOG_OPTIONS[k], path: values[k] })), { option: '--columns', path: values.columns }]);
  const xrayFile = await inputFile(context, '--xray', values.xray);
  const catalogFiles: Partial<Record<FieldCatalogKey, InputFile>> = {};
  for (const key of given) catalogFiles[key] = await inputFile(context, CATALOG_OPTIONS[key], values[key]!);
  const columnsFile = values.columns === undefined ? undefined : await inputFile(context, '--columns', values.columns);
  const inputs = [xrayFile, ...given.map((k) => catalogFiles[k]!), ...(columnsFile === undefined ? [] : [columnsFile])];
  const out = await outputFile(context, '-o', values.output, inputs);
  const overrides: ColumnOverrides = columnsFile === undefined ? {} : await readColumnOverrides(columnsFile);

  const xray = await readXray(xrayFile, overrides.xray);
  const catalogs: Record<string, Catalog> = {};
  for (const key of given) {
    let spec = DEFAULT_COLUMNS[key];
    if (overrides[key] !== undefined) {
      try {
        spec = withColumns(DEFAULT_COLUMNS[key], overrides[key]);
      } catch (error) {
        // a bad override is a mistake in the --columns file: name it
        if (error instanceof InvalidArgumentError) throw new ParseError(`"${key}": ${error.message.replace(/^withColumns: /, '')}`, { source: `${columnsFile!.name} (--columns)` });
        throw error;
      }
    }
    const file = catalogFiles[key]!;
    catalogs[key] = await parseCatalog(await file.source(), spec, { sourceName: file.name });
  }
  throwIfInterrupted(context);
  const { columns, rows } = matchTable(xray, catalogs as Partial<Record<FieldCatalogKey, Catalog>>, settings, context.stderr);
  throwIfInterrupted(context);
  await out.write(csvLines(columns, rows));
  context.stderr.write(`wrote ${plural(rows.length, 'source')} to ${out.toStdout ? 'standard output' : values.output}\n`);
  return 0;
}

/**
 * The table `match` writes: the X-ray sources matched against the catalogs given (Sec. 2.3), in the
 * training-set schema, then the X-ray table's other columns, then per catalog the match diagnostics and the
 * chance-coincidence probability (App. C). Prints one line per catalog (rows, matches, expected chance
 * coincidences) to `stderr`.
 */
export function matchTable(
  xray: XrayTable,
  catalogs: Readonly<Partial<Record<FieldCatalogKey, Catalog>>>,
  settings: MatchSettings,
  stderr: { write(text: string): unknown },
): { columns: string[]; rows: Record<string, CellValue>[] } {
  const given = FIELD_CATALOG_KEYS.filter((k) => catalogs[k] !== undefined);
  const { searchRadius, densityRadius, level, epoch } = settings;
  const options = { searchRadius, level, ...(epoch === undefined ? {} : { epoch }) };
  const field = matchField(xray.positions, catalogs as FieldCatalogs, options);
  const mw = fieldMatchRecords(field);
  const pcc: Record<string, Float64Array> = {};
  for (const key of given) {
    const c = chanceCoincidence(xray.positions, catalogs[key]!, { densityRadius, level, ...(epoch === undefined ? {} : { epoch }) });
    pcc[`${catalogs[key]!.name}_Pcc`] = c.probability;
    const m = field.matches[key]!;
    const matched = m.index.filter((j) => j >= 0).length;
    stderr.write(
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
    const row: Record<string, CellValue> = Object.create(null) as Record<string, CellValue>;
    for (const c of TRAINING_SET_COLUMNS) row[c] = record.cells[c];
    for (const c of passThrough) row[c] = record.cells[c];
    row.CSCv2_name = xray.names[i];
    row.CSCv2_RA = xray.positions[i]!.ra;
    row.CSCv2_DEC = xray.positions[i]!.dec;
    row.CSCv2_PU = xray.positions[i]!.pu;
    const m = mw[i]!;
    for (const c of mwColumns) {
      // A catalog not given leaves the input's own value (if any) of a training-set column.
      const v = m[c];
      if (typeof v === 'number' && Number.isNaN(v) && TRAINING_SET_COLUMNS.includes(c) && !bandFromGiven(c, given)) continue;
      row[c] = v;
    }
    for (const [c, p] of Object.entries(pcc)) row[c] = p[i]!;
    return row;
  });
  return { columns, rows };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
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
