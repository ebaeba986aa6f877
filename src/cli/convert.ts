/**
 * `muwclass convert`: CDS machine-readable tables to CSV and back.
 *
 * @module
 */

import { parseNumberCell } from '../io/cells';
import type { MrtValue } from '../io/mrt';
import { readCsv, readCsvHeader, readMrt, writeCsv, writeMrt } from '../node/io';
import { parseCommandArgs, UsageError, type CliContext, type Command } from './command';

const USAGE = `Usage: muwclass convert <input> -o <output> [--title <text>] [--no-check-limits]

Converts a CDS/AAS machine-readable table (MRT) to CSV, or a CSV to an MRT. The format of each file follows its
extension: .csv is CSV, anything else (.txt, .mrt, .dat) is MRT.
MRT -> CSV: one column per label, numbers at full precision, missing values empty.
CSV -> MRT: columns whose non-empty cells are all numbers become I, F or E columns (formats chosen so that
every value reads back identically), the others A columns; columns with empty cells are marked nullable.

Options:
  -o, --output <file>   output file (required)
  --title <text>        Title: line of a written MRT
  --no-check-limits     accept MRT values outside their [min/max] limits`;

const isCsv = (path: string) => path.toLowerCase().endsWith('.csv');

async function readAny(path: string, checkLimits: boolean): Promise<{ columns: string[]; records: Record<string, MrtValue>[]; title?: string }> {
  if (!isCsv(path)) {
    const t = await readMrt(path, { checkLimits });
    return { columns: t.fields.map((f) => f.label), records: t.records, ...(t.title === undefined ? {} : { title: t.title }) };
  }
  const columns = await readCsvHeader(path);
  const raw: Record<string, string>[] = [];
  for await (const r of readCsv(path)) raw.push({ ...r.cells });
  const numeric = new Set(
    columns.filter((c) =>
      raw.every((r, i) => {
        try {
          return Number.isFinite(parseNumberCell(r[c], { source: path, row: i + 1, column: c })) || (r[c] ?? '').trim() === '';
        } catch {
          return false;
        }
      }),
    ),
  );
  const records = raw.map((r) => {
    const out: Record<string, MrtValue> = {};
    for (const c of columns) out[c] = numeric.has(c) ? parseNumberCell(r[c]) : (r[c] ?? '').trim();
    return out;
  });
  return { columns, records };
}

async function run(argv: readonly string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: [...argv],
    options: { output: { type: 'string', short: 'o' }, title: { type: 'string' }, 'no-check-limits': { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('give exactly one input file');
  if (values.output === undefined) throw new UsageError('-o <output> is required');
  const input = positionals[0]!;
  const table = await readAny(input, values['no-check-limits'] !== true);
  if (isCsv(values.output)) await writeCsv(values.output, table.columns, table.records);
  else {
    const title = values.title ?? table.title;
    await writeMrt(values.output, { ...(title === undefined ? {} : { title }), columns: table.columns, records: table.records });
  }
  context.stderr.write(`wrote ${table.records.length} rows x ${table.columns.length} columns to ${values.output}\n`);
  return 0;
}

/** The `convert` command. */
export const convertCommand: Command = {
  name: 'convert',
  summary: 'convert a CDS machine-readable table (MRT) to CSV, or a CSV to MRT',
  usage: USAGE,
  run,
};
