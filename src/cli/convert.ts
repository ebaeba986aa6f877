/**
 * `muwclass convert`: CDS machine-readable tables to CSV and back.
 *
 * @module
 */

import { InvalidValueError, ParseError } from '../core/errors';
import { parseNumberCell } from '../io/cells';
import { csvLines, streamCsv } from '../io/csv';
import { formatMrt, parseMrt, type MrtValue } from '../io/mrt';
import { readText } from '../io/text-source';
import { STDIO_PATH } from '../node/output';
import { parseCommandArgs, UsageError, type CliContext, type Command } from './command';
import { inputFile, outputFile, throwIfInterrupted, type InputFile } from './io';

const USAGE = `Usage: muwclass convert <input> -o <output> [--title <text>] [--no-check-limits] [--from csv|mrt] [--to csv|mrt]

Converts a CDS/AAS machine-readable table (MRT) to CSV, or a CSV to an MRT. The format of each file follows its
extension: .csv is CSV, anything else (.txt, .mrt, .dat) is MRT; - (standard input or output) is CSV unless
--from or --to says otherwise.
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
  --to <csv|mrt>        the output's format, whatever its name`;

type Format = 'csv' | 'mrt';

function formatOf(path: string, given: string | undefined, option: string): Format {
  if (given !== undefined) {
    const f = given.toLowerCase();
    if (f !== 'csv' && f !== 'mrt') throw new UsageError(`${option} must be csv or mrt, got "${given}"`);
    return f;
  }
  return path === STDIO_PATH || path.toLowerCase().endsWith('.csv') ? 'csv' : 'mrt';
}

const emptyRecord = (): Record<string, MrtValue> => Object.create(null) as Record<string, MrtValue>;

async function readAny(input: InputFile, format: Format, checkLimits: boolean): Promise<{ columns: string[]; records: Record<string, MrtValue>[]; title?: string }> {
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

async function run(argv: readonly string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: [...argv],
    options: {
      output: { type: 'string', short: 'o' },
      title: { type: 'string' },
      'no-check-limits': { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
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
  summary: 'convert a CDS machine-readable table (MRT) to CSV, or a CSV to MRT',
  usage: USAGE,
  run,
};
