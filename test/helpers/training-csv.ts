/** Writing sources as CSV files in the training-set schema, for CLI and example tests. */
import type { CellValue } from '../../src/io/csv';
import { SOURCE_NUMERIC_COLUMNS, type Source } from '../../src/io/schema';
import { writeCsv } from '../../src/node';

/** The columns written by {@link writeSourcesCsv}, before any extra ones. */
export const SCHEMA_COLUMNS: readonly string[] = ['CSCv2_name', 'CSCv2_RA', 'CSCv2_DEC', ...SOURCE_NUMERIC_COLUMNS, 'True_Class'];

/**
 * Writes sources in the training-set schema (labels in `True_Class`, or `classColumn`), with optional extra
 * columns per row.
 */
export async function writeSourcesCsv(
  path: string,
  sources: readonly Source[],
  options: { extra?: (source: Source, index: number) => Record<string, CellValue>; classColumn?: string; drop?: readonly string[] } = {},
): Promise<string> {
  const classColumn = options.classColumn ?? 'True_Class';
  const extraColumns = sources.length > 0 && options.extra !== undefined ? Object.keys(options.extra(sources[0]!, 0)) : [];
  const columns = [...SCHEMA_COLUMNS.map((c) => (c === 'True_Class' ? classColumn : c)), ...extraColumns].filter((c) => !(options.drop ?? []).includes(c));
  const rows = sources.map((s, i) => {
    const row: Record<string, CellValue> = { CSCv2_name: s.name, CSCv2_RA: s.ra, CSCv2_DEC: s.dec, [classColumn]: s.label };
    for (const c of SOURCE_NUMERIC_COLUMNS) row[c] = s[c];
    return { ...row, ...(options.extra?.(s, i) ?? {}) };
  });
  await writeCsv(path, columns, rows);
  return path;
}
