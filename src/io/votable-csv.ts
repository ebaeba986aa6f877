/**
 * VOTable ↔ CSV: a VOTable table as CSV records (what every CSV reader of muwclass — `parseCatalog`,
 * `parseCscDetections`, `parseSourceTable` — takes), and a CSV table as a VOTable table, with each column's
 * datatype given or inferred. Cells are written as TABLEDATA text (arrays blank-separated, booleans `T`/`F`,
 * 64-bit integers exactly), missing values as empty cells; reading that CSV back with the same fields gives the
 * same values, for every datatype.
 *
 * @module
 */
import { parseNumberCell } from './cells';
import { formatCsv, type CsvTable } from './csv';
import { fieldCodec, formatCellText, parseCellText, type VotableField, type VotableValue } from './votable-datatypes';
import type { VotableTable } from './votable';

/**
 * A table's rows as CSV records: column name → cell text (TABLEDATA text; missing values empty). Column names
 * are the FIELD names.
 *
 * @example
 * ```ts
 * const t = { fields: [{ name: 'id', datatype: 'long' }, { name: 'Jmag', datatype: 'float' }, { name: 'flag', datatype: 'boolean' }], params: [], infos: [], rows: [[1n, 12.5, true], [null, NaN, null]] };
 * votableRecords(t); // => [{ id: '1', Jmag: '12.5', flag: 'T' }, { id: '', Jmag: '', flag: '' }]
 * ```
 */
export function votableRecords(table: VotableTable): Record<string, string>[] {
  const codecs = table.fields.map((f) => fieldCodec(f, { column: f.name }));
  return table.rows.map((row) => {
    const out = Object.create(null) as Record<string, string>;
    codecs.forEach((c, j) => {
      const v = row[j]!;
      const missing = v === null || (typeof v === 'number' && Number.isNaN(v));
      out[c.field.name] = missing ? '' : formatCellText(c, v);
    });
    return out;
  });
}

/**
 * A VOTable table as CSV text (header = FIELD names), for the CSV readers of muwclass: e.g.
 * `parseCatalog(votableToCsv(table), TWOMASS_PSC_COLUMNS)`. Text is written as is (`spreadsheetSafe: false`), so
 * that it reads back unchanged.
 *
 * @example
 * ```ts
 * votableToCsv({ fields: [{ name: 'ra', datatype: 'double' }, { name: 'name', datatype: 'char', arraysize: '*' }], params: [], infos: [], rows: [[10.5, 'a, b']] });
 * // => 'ra,name\n10.5,"a, b"\n'
 * ```
 */
export function votableToCsv(table: VotableTable): string {
  return formatCsv(
    table.fields.map((f) => f.name),
    votableRecords(table),
    { spreadsheetSafe: false },
  );
}

const INTEGER = /^[+-]?\d+$/;
const BOOLEAN = /^(?:true|false|TRUE|FALSE|True|False|T|F)$/;

/**
 * The datatype of a CSV column, inferred from its non-empty cells: integers → `int` (or `long` beyond 32 bits),
 * other numbers → `double`, `true`/`false`/`T`/`F` → `boolean`, anything else → `char` (`unicodeChar` for a
 * character beyond Latin-1) of variable length. An integer column with empty cells gets a `null` value outside
 * its values.
 */
function inferField(name: string, cells: readonly string[]): VotableField {
  const present = cells.map((c) => c.trim()).filter((c) => c !== '');
  const hasMissing = present.length < cells.length;
  if (present.length > 0 && present.every((c) => INTEGER.test(c))) {
    const values = present.map((c) => BigInt(c));
    const fits32 = values.every((v) => v > -2147483648n && v <= 2147483647n);
    if (fits32) return { name, datatype: 'int', ...(hasMissing ? { null: '-2147483648' } : {}) };
    if (values.every((v) => v > -(1n << 63n) && v < 1n << 63n)) return { name, datatype: 'long', ...(hasMissing ? { null: String(-(1n << 63n)) } : {}) };
  }
  if (
    present.length > 0 &&
    present.every((c) => {
      try {
        parseNumberCell(c);
        return true;
      } catch {
        return false;
      }
    })
  ) {
    return { name, datatype: 'double' };
  }
  if (present.length > 0 && present.every((c) => BOOLEAN.test(c))) return { name, datatype: 'boolean' };
  // eslint-disable-next-line no-control-regex
  const wide = cells.some((c) => /[^\u0000-\u00ff]/.test(c));
  return { name, datatype: wide ? 'unicodeChar' : 'char', arraysize: '*' };
}

/** Options of {@link votableFromCsv}. */
export interface VotableFromCsvOptions {
  /** The fields of some or all columns, by name (e.g. those of the VOTable the CSV came from); others are inferred. */
  readonly fields?: readonly VotableField[];
  /** Name used in error messages (e.g. the file name). */
  readonly sourceName?: string;
}

/**
 * A CSV table as a VOTable table: each column's field is taken from `options.fields` (by name) or inferred
 * from its cells (integers → `int`/`long`, numbers → `double`, booleans → `boolean`, else `char`); cells are
 * parsed as TABLEDATA text of that field. With the fields of the VOTable a CSV was written from
 * ({@link votableRecords}), the values come back exactly.
 *
 * @param csv - the CSV table (`parseCsv`)
 * @param options - known fields, source name for errors
 * @returns the VOTable table (serialization unset: TABLEDATA unless the writer says otherwise)
 * @throws {ParseError} for a cell that does not parse as its given field, naming the source, row and column
 * @example
 * ```ts
 * const t = votableFromCsv(parseCsv('name,obsid,flux\nA,1234,1.5e-14\nB,,\n'));
 * t.fields.map((f) => f.datatype); // => ['char', 'int', 'double']
 * t.rows[1];                       // => ['B', NaN, NaN]
 * ```
 */
export function votableFromCsv(csv: CsvTable, options: VotableFromCsvOptions = {}): VotableTable {
  const given = new Map((options.fields ?? []).map((f) => [f.name, f]));
  const fields = csv.columns.map((c) => given.get(c) ?? inferField(c, csv.records.map((r) => r.cells[c] ?? '')));
  const codecs = fields.map((f) => fieldCodec(f, { source: options.sourceName, column: f.name }));
  const rows: VotableValue[][] = csv.records.map((r) =>
    codecs.map((codec) => {
      const text = r.cells[codec.field.name] ?? '';
      return parseCellText(codec, text, { source: options.sourceName, row: r.row, column: codec.field.name });
    }),
  );
  return { fields, params: [], infos: [], rows };
}
