/**
 * `muwclass convert`: CDS machine-readable tables and VOTables to CSV and back.
 *
 * @module
 */

import { InvalidValueError, ParseError } from '../core/errors';
import { parseNumberCell } from '../io/cells';
import { csvLines, streamCsv } from '../io/csv';
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

const USAGE = `Usage: muwclass convert <input> -o <output> [--title <text>] [--no-check-limits] [--from csv|mrt|votable]
                        [--to csv|mrt|votable] [--serialization tabledata|binary|binary2]

Converts between CSV, CDS/AAS machine-readable tables (MRT) and IVOA VOTables. The format of each file follows
its extension: .csv is CSV, .vot, .votable and .xml are VOTable, anything else (.txt, .mrt, .dat) is MRT; -
(standard input or output) is CSV unless --from or --to says otherwise.
VOTable -> CSV: the first table, one column per FIELD, cells as TABLEDATA text (64-bit integers exact, arrays
blank-separated), missing values empty. CSV/MRT -> VOTable: integer columns become int (long beyond 32 bits),
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
  --from <csv|mrt>      the input's format, whatever its name
  --to <csv|mrt|votable>  the output's format, whatever its name
  --serialization <tabledata|binary|binary2>
                        the data serialization of a written VOTable (default tabledata)`;

type Format = 'csv' | 'mrt' | 'votable';

function formatOf(path: string, given: string | undefined, option: string): Format {
  if (given !== undefined) {
    const f = given.toLowerCase();
    if (f !== 'csv' && f !== 'mrt' && f !== 'votable') throw new UsageError(`${option} must be csv, mrt or votable, got "${given}"`);
    return f;
  }
  const lower = path.toLowerCase();
  if (/\.(vot|votable|xml)$/.test(lower)) return 'votable';
  return path === STDIO_PATH || lower.endsWith('.csv') ? 'csv' : 'mrt';
}

const emptyRecord = (): Record<string, MrtValue> => Object.create(null) as Record<string, MrtValue>;

async function readAny(input: InputFile, format: Format, checkLimits: boolean): Promise<{ columns: string[]; records: Record<string, MrtValue>[]; title?: string }> {
  if (format === 'votable') {
    const table = firstTable(await parseVotable(await input.source(), { sourceName: input.name }), input.name);
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
function checkMrtCells(columns: readonly string[], records: readonly Record<string, MrtValue>[], source: string): void {
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

function firstTable(document: Awaited<ReturnType<typeof parseVotable>>, source: string) {
  const table = votableTables(document).find((t) => t.fields.length > 0);
  if (table === undefined) throw new ParseError('the VOTable has no table with fields, nothing to convert', { source });
  return table;
}

/** The VOTable document to write: the input's own (VOTable in), else a table inferred from the CSV or MRT. */
async function votableOf(input: InputFile, format: Format, checkLimits: boolean) {
  if (format === 'votable') return parseVotable(await input.source(), { sourceName: input.name });
  if (format === 'csv') {
    const csv = parseCsv(await readText(await input.source(), input.name), { sourceName: input.name });
    if (csv.columns.length === 0) throw new ParseError('the CSV is empty: no header row, nothing to convert', { source: input.name });
    return votableDocument([votableFromCsv(csv, { sourceName: input.name })]);
  }
  const t = await readAny(input, format, checkLimits);
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

  const serialization = values.serialization === undefined ? undefined : SERIALIZATIONS[values.serialization.toLowerCase()];
  if (values.serialization !== undefined && serialization === undefined) throw new UsageError(`--serialization must be tabledata, binary or binary2, got "${values.serialization}"`);
  if (outFormat === 'votable') {
    const document = await votableOf(input, inFormat, values['no-check-limits'] !== true);
    throwIfInterrupted(context);
    const tables = votableTables(document);
    await out.write(votableChunks(document, { serialization: serialization ?? (inFormat === 'votable' ? undefined : 'TABLEDATA'), sourceName: input.name }));
    context.stderr.write(`wrote ${tables.length} ${tables.length === 1 ? 'table' : 'tables'} (${tables.reduce((n, t) => n + t.rows.length, 0)} rows) to ${out.toStdout ? 'standard output' : values.output}\n`);
    return 0;
  }
  if (inFormat === 'votable' && outFormat === 'csv') {
    const table = firstTable(await parseVotable(await input.source(), { sourceName: input.name }), input.name);
    throwIfInterrupted(context);
    await out.write([votableToCsv(table)]);
    context.stderr.write(`wrote ${table.rows.length} rows x ${table.fields.length} columns to ${out.toStdout ? 'standard output' : values.output}\n`);
    return 0;
  }
  const table = await readAny(input, inFormat, values['no-check-limits'] !== true);
  throwIfInterrupted(context);
  if (outFormat === 'csv') await out.write(csvLines(table.columns, table.records));
  else {
    checkMrtCells(table.columns, table.records, input.name);
    const title = values.title ?? table.title;
    const fileName = out.toStdout ? 'table' : (values.output.split(/[\\/]/).pop() ?? values.output);
    await out.write([formatMrt({ fileName, ...(title === undefined ? {} : { title }), columns: table.columns, records: table.records })]);
  }
  context.stderr.write(`wrote ${table.records.length} rows x ${table.columns.length} columns to ${out.toStdout ? 'standard output' : values.output}\n`);
  return 0;
}

/** The `convert` command. */
export const convertCommand: Command = {
  name: 'convert',
  summary: 'convert between CSV, CDS machine-readable tables (MRT) and VOTables',
  usage: USAGE,
  run,
};
