/**
 * Tables in any of the formats the archives serve (CSV, FITS binary tables, VOTables), read by the commands
 * that take them: `convert` and `field --offline`.
 *
 * @module
 */
import { ParseError } from '../core/errors';
import { csvLines } from '../io/csv';
import { fitsTableRecords, streamFitsTable, type FitsSource } from '../io/fits';
import type { MrtValue } from '../io/mrt';
import { readText } from '../io/text-source';
import { parseVotable, votableTables } from '../io/votable';
import { votableToCsv } from '../io/votable-csv';
import type { InputFile } from './io';

/** File names read as FITS. */
export const FITS_EXTENSION = /\.(fits|fit|fts)$/i;

/** File names read as VOTables. */
export const VOTABLE_EXTENSION = /\.(vot|votable|xml)$/i;

/** A cell of a table read from FITS, MRT or CSV. */
export type TableCell = MrtValue | boolean | undefined;

/** The first binary table of a FITS input (or `hdu`), streamed batch by batch into records. */
export async function readFitsRecords(input: Pick<InputFile, 'name' | 'source'>, hdu: string | undefined): Promise<{ columns: string[]; records: Record<string, TableCell>[] }> {
  const which = hdu === undefined ? undefined : /^\d+$/.test(hdu) ? Number(hdu) : hdu;
  const t = await streamFitsTable((await input.source()) as FitsSource, { source: input.name, ...(which === undefined ? {} : { hdu: which }) });
  const records: Record<string, TableCell>[] = [];
  let columns = t.columns.map((c) => c.name);
  for await (const batch of t.batches) {
    const part = fitsTableRecords(batch, input.name);
    columns = part.columns;
    for (const r of part.records) records.push(r as Record<string, TableCell>);
  }
  // array columns are refused even in an empty table
  if (t.rows === 0) fitsTableRecords({ columns: t.columns.map((c) => ({ ...c, values: [] })), rows: 0 }, input.name);
  return { columns, records };
}

/** The first table with fields of a VOTable document. */
export function firstVotableTable(document: Awaited<ReturnType<typeof parseVotable>>, source: string) {
  const table = votableTables(document).find((t) => t.fields.length > 0);
  if (table === undefined) throw new ParseError('the VOTable has no table with fields, nothing to convert', { source });
  return table;
}

/**
 * A table file as CSV text, for the readers that take CSV (`parseCscDetections`, `parseCatalog`): a VOTable's
 * first table as `votableToCsv` writes it, a FITS file's first binary table, a CSV file as it is.
 */
export async function readTableAsCsv(input: Pick<InputFile, 'name' | 'source' | 'path'>): Promise<string> {
  if (VOTABLE_EXTENSION.test(input.path)) return votableToCsv(firstVotableTable(await parseVotable(await input.source(), { sourceName: input.name }), input.name));
  if (FITS_EXTENSION.test(input.path)) {
    const t = await readFitsRecords(input, undefined);
    let text = '';
    for await (const line of csvLines(t.columns, t.records)) text += line;
    return text;
  }
  return readText(await input.source(), input.name);
}
