/**
 * `muwclass convert`: CDS machine-readable tables, FITS binary tables and VOTables to CSV and back.
 *
 * @module
 */

import { InvalidValueError, ParseError } from '../core/errors';
import { parseNumberCell } from '../io/cells';
import { csvLines, streamCsv } from '../io/csv';
import { formatFits } from '../io/fits';
import type { FitsColumnInput } from '../io/fits-bintable';
import { formatMrt, parseMrt, type MrtValue } from '../io/mrt';
import { readText } from '../io/text-source';
import { formatNumberCell } from '../io/cells';
import { parseCsv } from '../io/csv';
import { parseVotable, votableTables } from '../io/votable';
import { votableFromCsv, votableToCsv } from '../io/votable-csv';
import { votableChunks, votableDocument } from '../io/votable-writer';
import type { VotableSerialization } from '../io/votable-datatypes';
import { STDIO_PATH } from '../node/output';
import { parseCommandArgs, UsageError, type CliContext, type Command } from './command';
import { inputFile, outputFile, throwIfInterrupted, type InputFile } from './io';
import { FITS_EXTENSION, firstVotableTable, readFitsRecords, VOTABLE_EXTENSION, type TableCell } from './tables';

const USAGE = `Usage: muwclass convert <input> -o <output> [--title <text>] [--no-check-limits]
                         [--from csv|mrt|fits|votable] [--to csv|mrt|fits|votable] [--hdu <n|name>]
                         [--serialization tabledata|binary|binary2]

Converts between CSV, CDS/AAS machine-readable tables (MRT), FITS binary tables and IVOA VOTables. The format of
each file follows its extension: .csv is CSV, .fits/.fit/.fts is FITS, .vot/.votable/.xml is VOTable, anything
else (.txt, .mrt, .dat) is MRT; - (standard input or output) is CSV unless --from or --to says otherwise.
FITS -> CSV/MRT: the first binary table (or --hdu), one column per TTYPE, scaled and null values applied
(TSCAL/TZERO/TNULL; NaN and null logicals become empty cells); array columns cannot be written to one cell.
CSV/MRT -> FITS: number columns as 64-bit reals (D, NaN = missing), text columns as characters (A, ASCII only):
every value reads back identically.
VOTable -> CSV: the first table, one column per FIELD, cells as TABLEDATA text (64-bit integers exact, arrays
blank-separated), missing values empty. CSV/MRT/FITS -> VOTable: integer columns become int (long beyond 32 bits),
other numeric columns double, true/false columns boolean, the others char. VOTable -> VOTable keeps every field
and its metadata and changes the serialization.
MRT -> CSV: one column per label, numbers at full precision, missing values empty.
CSV -> MRT: columns whose non-empty cells are all numbers become I, F or E columns (formats chosen so that
every value reads back identically), the others A columns; columns with empty cells are marked nullable. A text
cell with a line break cannot be written to an MRT (an error names its row and column); an empty CSV (no
header) is an error.

Options:
  -o, --output <file>   output file (required; - writes standard output); checked before any work, replaced
                        only when complete, never the input
  --title <text>        Title: line of a written MRT
  --no-check-limits     accept MRT values outside their [min/max] limits
  --from <format>       the input's format (csv, mrt, fits or votable), whatever its name
  --to <format>         the output's format (csv, mrt, fits or votable), whatever its name
  --hdu <n|name>        FITS input: the table's HDU (0-based index or EXTNAME; default the first binary table)
  --serialization <tabledata|binary|binary2>
                        the data serialization of a written VOTable (default tabledata)`;

type Format = 'csv' | 'mrt' | 'fits' | 'votable';

const FORMATS: readonly Format[] = ['csv', 'mrt', 'fits', 'votable'];

function formatOf(path: string, given: string | undefined, option: string): Format {
  if (given !== undefined) {
    const f = given.toLowerCase();
    if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`${option} must be csv, mrt, fits or votable, got "${given}"`);
    return f as Format;
  }
  if (VOTABLE_EXTENSION.test(path)) return 'votable';
  if (FITS_EXTENSION.test(path)) return 'fits';
  return path === STDIO_PATH || path.toLowerCase().endsWith('.csv') ? 'csv' : 'mrt';
}

const emptyRecord = (): Record<string, MrtValue> => Object.create(null) as Record<string, MrtValue>;

type Cell = TableCell;

/** Records as FITS columns: numbers (missing = NaN) as D, text as A, logicals as L. */
function fitsColumns(columns: readonly string[], records: readonly Record<string, Cell>[], source: string): FitsColumnInput[] {
  return columns.map((c) => {
    const values = records.map((r) => r[c]);
    const kinds = new Set(values.filter((v) => v !== undefined && !(typeof v === 'number' && Number.isNaN(v))).map((v) => typeof v));
    if (kinds.has('string')) {
      return {
        name: c,
        values: values.map((v, i) => {
          const text = v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '' : String(v);
          if (!/^[\x20-\x7e]*$/.test(text)) throw new InvalidValueError(`${JSON.stringify(text)} is not printable ASCII, which a FITS character column requires`, { source, row: i + 1, column: c });
          return text;
        }),
      };
    }
    if (kinds.has('boolean')) return { name: c, values: values.map((v) => (typeof v === 'boolean' ? v : null)) };
    return { name: c, values: values.map((v) => (typeof v === 'number' ? v : Number.NaN)) };
  });
}

async function readAny(input: InputFile, format: Format, checkLimits: boolean, hdu?: string): Promise<{ columns: string[]; records: Record<string, Cell>[]; title?: string }> {
  if (format === 'fits') return readFitsRecords(input, hdu);
  if (format === 'votable') {
    const table = firstVotableTable(await parseVotable(await input.source(), { sourceName: input.name }), input.name);
    return readAny({ ...input, source: async () => votableToCsv(table) }, 'csv', checkLimits);
  }
  if (format === 'mrt') {
    const t = parseMrt(await readText(await input.source(), input.name), { checkLimits, source: input.name });
    return { columns: t.fields.map((f) => f.label), records: t.records, ...(t.title === undefined ? {} : { title: t.title }) };
  }
  const csv = await streamCsv(await input.source(), { sourceName: input.name });
  const columns = csv.columns;
  if (columns.length === 0) throw new ParseError('the CSV is empty: no header row, nothing to convert', { source: input.name });
  const raw: Record<string, string>[] = [];
  for await (const r of csv.records) raw.push(r.cells);
  const numeric = new Set(
    columns.filter((c) =>
      raw.every((r, i) => {
        try {
          return Number.isFinite(parseNumberCell(r[c], { source: input.name, row: i + 1, column: c })) || (r[c] ?? '').trim() === '';
        } catch {
          return false;
        }
      }),
    ),
  );
  const records = raw.map((r) => {
    const out = emptyRecord();
    for (const c of columns) out[c] = numeric.has(c) ? parseNumberCell(r[c]) : (r[c] ?? '').trim();
    return out;
  });
  return { columns, records };
}

/** An MRT holds one line per row: a text cell with a line break cannot be written (it would not read back). */
function checkMrtCells(columns: readonly string[], records: readonly Record<string, Cell>[], source: string): void {
  // MRT labels are words: an empty or blank-holding column name has no label
  columns.forEach((c, j) => {
    if (!/^\S+$/.test(c)) throw new InvalidValueError(`column ${j + 1}'s name ${JSON.stringify(c)} cannot be an MRT label (a word without blanks); rename it`, { source, row: 0, column: j + 1 });
  });
  records.forEach((r, i) => {
    for (const c of columns) {
      const v = r[c];
      if (typeof v === 'string' && /[\r\n]/.test(v)) {
        throw new InvalidValueError('a text cell with a line break cannot be written to an MRT (one line per row)', { source, row: i + 1, column: c });
      }
    }
  });
}

/** The VOTable document to write: the input's own (VOTable in), else a table inferred from the CSV or MRT. */
async function votableOf(input: InputFile, format: Format, checkLimits: boolean, hdu?: string) {
  if (format === 'votable') return parseVotable(await input.source(), { sourceName: input.name });
  if (format === 'csv') {
    const csv = parseCsv(await readText(await input.source(), input.name), { sourceName: input.name });
    if (csv.columns.length === 0) throw new ParseError('the CSV is empty: no header row, nothing to convert', { source: input.name });
    return votableDocument([votableFromCsv(csv, { sourceName: input.name })]);
  }
  const t = await readAny(input, format, checkLimits, hdu);
  const records = t.records.map((r, i) => {
    const cells = Object.create(null) as Record<string, string>;
    for (const c of t.columns) cells[c] = typeof r[c] === 'number' ? formatNumberCell(r[c] as number) : String(r[c] ?? '');
    return { row: i + 1, cells };
  });
  return { ...votableDocument([votableFromCsv({ columns: t.columns, records }, { sourceName: input.name })]), ...(t.title === undefined ? {} : { description: t.title }) };
}

const SERIALIZATIONS: Readonly<Record<string, VotableSerialization>> = { tabledata: 'TABLEDATA', binary: 'BINARY', binary2: 'BINARY2' };

async function run(argv: readonly string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: [...argv],
    options: {
      output: { type: 'string', short: 'o' },
      title: { type: 'string' },
      'no-check-limits': { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
      hdu: { type: 'string' },
      serialization: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('give exactly one input file');
  if (values.output === undefined || values.output === '') throw new UsageError('-o <output> is required');
  const inFormat = formatOf(positionals[0]!, values.from, '--from');
  const outFormat = formatOf(values.output, values.to, '--to');
  const input = await inputFile(context, 'the input', positionals[0]!);
  const out = await outputFile(context, '-o', values.output, [input]);

  if (values.hdu !== undefined && inFormat !== 'fits') throw new UsageError('--hdu applies to a FITS input only');
  const serialization = values.serialization === undefined ? undefined : SERIALIZATIONS[values.serialization.toLowerCase()];
  if (values.serialization !== undefined && serialization === undefined) throw new UsageError(`--serialization must be tabledata, binary or binary2, got "${values.serialization}"`);
  if (outFormat === 'votable') {
    const document = await votableOf(input, inFormat, values['no-check-limits'] !== true, values.hdu);
    throwIfInterrupted(context);
    const tables = votableTables(document);
    await out.write(votableChunks(document, { serialization: serialization ?? (inFormat === 'votable' ? undefined : 'TABLEDATA'), sourceName: input.name }));
    context.stderr.write(`wrote ${tables.length} ${tables.length === 1 ? 'table' : 'tables'} (${tables.reduce((n, t) => n + t.rows.length, 0)} rows) to ${out.toStdout ? 'standard output' : values.output}\n`);
    return 0;
  }
  if (inFormat === 'votable' && outFormat === 'csv') {
    const table = firstVotableTable(await parseVotable(await input.source(), { sourceName: input.name }), input.name);
    throwIfInterrupted(context);
    await out.write([votableToCsv(table)]);
    context.stderr.write(`wrote ${table.rows.length} rows x ${table.fields.length} columns to ${out.toStdout ? 'standard output' : values.output}\n`);
    return 0;
  }
  const table = await readAny(input, inFormat, values['no-check-limits'] !== true, values.hdu);
  throwIfInterrupted(context);
  if (outFormat === 'csv') await out.write(csvLines(table.columns, table.records));
  else if (outFormat === 'fits') await out.write([formatFits([{ kind: 'bintable', columns: fitsColumns(table.columns, table.records, input.name) }])]);
  else {
    checkMrtCells(table.columns, table.records, input.name);
    const title = values.title ?? table.title;
    const fileName = out.toStdout ? 'table' : (values.output.split(/[\\/]/).pop() ?? values.output);
    const records = table.records.map((r) => {
      const o = emptyRecord();
      for (const c of table.columns) {
        const v = r[c];
        o[c] = typeof v === 'boolean' ? String(v) : (v as MrtValue);
      }
      return o;
    });
    await out.write([formatMrt({ fileName, ...(title === undefined ? {} : { title }), columns: table.columns, records })]);
  }
  context.stderr.write(`wrote ${table.records.length} rows x ${table.columns.length} columns to ${out.toStdout ? 'standard output' : values.output}\n`);
  return 0;
}

/** The `convert` command. */
export const convertCommand: Command = {
  name: 'convert',
  summary: 'convert between CSV, CDS machine-readable tables (MRT), FITS binary tables and VOTables',
  usage: USAGE,
  run,
};
