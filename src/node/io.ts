/**
 * Reading and writing files by path: each function is the pure parser or formatter of the same table
 * (`parseSourceTable`, `streamCsv`, `parseCscDetections`, `parseCatalog`, `parseMrt`, `parseTbabsData`,
 * `csvLines`, `formatMrt`) over a Node file stream, with the path named in every error. A file that is missing, a
 * directory or unreadable rejects the returned promise (or the generator's first step) with a `FileError` whose
 * `reason` is `'not-found'`, `'is-directory'` or `'permission'`: never an uncaught error.
 *
 * @module
 */
import { readText } from '../io/text-source';
import { csvLines, parseTable, streamCsv, type CellValue, type CsvFormatOptions, type CsvOptions, type CsvRecord, type RowOf, type Schema } from '../io/csv';
import { parseSourceColumns, parseSourceTable, type ReadSourceTableOptions, type SourceColumnsOptions, type SourceColumnTable, type SourceTable } from '../io/source-table';
import { parseCscDetections, type CscDetection, type ReadCscDetectionsOptions } from '../io/csc-detections';
import { formatMrt, parseMrt, type MrtTable, type MrtTableInput, type ParseMrtOptions } from '../io/mrt';
import { parseTbabsData, type TbabsDataOptions } from '../reddening/tbabs';
import type { CrossSection } from '../reddening/cross-section';
import { parseCatalog, type CatalogColumns } from '../field/catalog-reader';
import type { Catalog } from '../field/catalog';
import { fileChunks } from './files';
import { writeFileAtomically } from './output';

const named = <O extends { readonly sourceName?: string }>(path: string, options: O): O & { sourceName: string } => ({
  ...options,
  sourceName: options.sourceName ?? path,
});

/**
 * Reads a CSV file as a stream of records (see `streamCsv`).
 *
 * @param path - the CSV file
 * @param options - delimiter, name for errors (default the path), what a repeated column name does
 * @returns an async generator of records
 * @throws {FileError} (from the first step) for a missing, directory or unreadable file, naming the path
 * @throws {ParseError | InvalidValueError} as `streamCsv`
 * @example
 * ```ts
 * let n = 0;
 * for await (const r of readCsv('../shared/data/td/muwclass_td_cscv2.csv')) n++;
 * n; // => 2941
 * await readCsv('no-such-file.csv').next(); // throws FileError: no such file: no-such-file.csv
 * ```
 */
export async function* readCsv(path: string, options: CsvOptions = {}): AsyncGenerator<CsvRecord, void, undefined> {
  const csv = await streamCsv(fileChunks(path), named(path, options));
  yield* csv.records;
}

/**
 * Reads just the header of a CSV file; the rest of the file is not read.
 *
 * @throws {FileError} for a missing, directory or unreadable file, naming the path
 * @throws {ParseError} for a repeated column name (unless `duplicateColumns: 'rename'`) or a column named `__proto__`
 * @example
 * ```ts
 * (await readCsvHeader('../shared/data/td/muwclass_td_cscv2.csv')).slice(0, 2); // => ['CSCv2_name', 'CSCv2_RA']
 * await readCsvHeader('.'); // throws FileError: cannot read: a directory, not a file: .
 * ```
 */
export async function readCsvHeader(path: string, options: CsvOptions = {}): Promise<string[]> {
  const csv = await streamCsv(fileChunks(path), named(path, options));
  await csv.records.return(undefined);
  return csv.columns;
}

/**
 * Reads a CSV file into typed rows, streaming (see `parseTable`).
 *
 * @throws {FileError} (from the first step) for a missing, directory or unreadable file, naming the path
 * @throws {MissingColumnError} for a required column absent from the header
 * @throws {MalformedNumberError} for a cell that is not a number, naming file, row and column
 * @throws {InvalidValueError} for a number outside its column's range or a row of the wrong length
 * @example
 * ```ts
 * const schema = { CSCv2_name: { type: 'string' }, Fb: { type: 'number', min: 0 } } as const;
 * let n = 0;
 * for await (const r of readTable('../shared/data/td/muwclass_td_cscv2.csv', schema)) n++;
 * n; // => 2941
 * ```
 */
export async function* readTable<S extends Schema>(path: string, schema: S, options: CsvOptions = {}): AsyncGenerator<RowOf<S>, void, undefined> {
  yield* parseTable(fileChunks(path), schema, named(path, options));
}

/**
 * Writes rows to a CSV file, streaming (see `csvLines` for the cell rules), safely: into a temporary file
 * beside it, renamed over `path` only when complete, so a failed or interrupted write leaves the old file or
 * nothing.
 *
 * @param path - output file (replaced when the write completes)
 * @param columns - the header, in order
 * @param rows - rows as records keyed by column name, sync or async iterable
 * @param options - `spreadsheetSafe` (default true: text a spreadsheet would run as a formula gets a leading `'`)
 * @throws {FileError} when the file cannot be written (its directory is missing, it is a directory, permission)
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const path = join(tmpdir(), 'muwclass-example.csv');
 * await writeCsv(path, ['name', 'Fb'], [{ name: 'src 1', Fb: 1.5e-14 }]);
 * readFileSync(path, 'utf8'); // => 'name,Fb\nsrc 1,1.5e-14\n'
 * ```
 */
export async function writeCsv(
  path: string,
  columns: readonly string[],
  rows: Iterable<Readonly<Record<string, CellValue>>> | AsyncIterable<Readonly<Record<string, CellValue>>>,
  options: CsvFormatOptions = {},
): Promise<void> {
  await writeFileAtomically(path, csvLines(columns, rows, options));
}

/**
 * Reads a source table file (training set or field) in the training-set schema (see `parseSourceTable`).
 *
 * @throws {FileError} for a missing, directory or unreadable file, naming the path
 * @throws {MissingColumnError | MalformedNumberError | InvalidValueError | ParseError} as `parseSourceTable`
 * @example
 * ```ts
 * const td = await readSourceTable('../shared/data/td/muwclass_td_cscv2.csv', { requireLabel: true });
 * td.sources.length;   // => 2941
 * td.sources[0].label; // => 'AGN'
 * await readSourceTable('no-such-file.csv'); // throws FileError: no such file: no-such-file.csv
 * ```
 */
export function readSourceTable(path: string, options: ReadSourceTableOptions = {}): Promise<SourceTable> {
  return parseSourceTable(fileChunks(path), named(path, options));
}

/**
 * Reads a source table file straight into columns, for large fields (see `parseSourceColumns`).
 *
 * @throws {FileError} for a missing, directory or unreadable file, naming the path
 * @example
 * ```ts
 * const td = await readSourceColumns('../shared/data/td/muwclass_td_cscv2.csv');
 * td.sources.nRows; // => 2941
 * td.labels?.[0];   // => 'AGN'
 * ```
 */
export function readSourceColumns(path: string, options: SourceColumnsOptions = {}): Promise<SourceColumnTable> {
  return parseSourceColumns(fileChunks(path), named(path, options));
}

/**
 * Reads a CSC per-observation detection file (see `parseCscDetections`).
 *
 * @throws {FileError} for a missing, directory or unreadable file, naming the path
 * @throws {MissingColumnError | MalformedNumberError | InvalidValueError | ParseError} as `parseCscDetections`
 * @example
 * ```ts
 * (await readCscDetections('../shared/data/csc-perobs/NGC3532_per.csv')).length; // => 389
 * ```
 */
export function readCscDetections(path: string, options: ReadCscDetectionsOptions = {}): Promise<CscDetection[]> {
  return parseCscDetections(fileChunks(path), named(path, options));
}

/**
 * Reads a catalog CSV file (Gaia, 2MASS, WISE, …) with the given columns (see `parseCatalog`).
 *
 * @throws {FileError} for a missing, directory or unreadable file, naming the path
 * @throws {MissingColumnError | MalformedNumberError | InvalidValueError | ParseError} as `parseCatalog`
 * @example
 * ```ts
 * await readCatalog('no-such-gaia.csv', GAIA_EDR3_COLUMNS); // throws FileError: no such file: no-such-gaia.csv
 * ```
 */
export function readCatalog(path: string, columns: CatalogColumns, options: CsvOptions = {}): Promise<Catalog> {
  return parseCatalog(fileChunks(path), columns, named(path, options));
}

/**
 * Reads a CDS machine-readable table file (see `parseMrt`).
 *
 * @throws {FileError} for a missing, directory or unreadable file, naming the path
 * @throws {ParseError} as `parseMrt`
 * @example
 * ```ts
 * await readMrt('no-such-table.txt'); // throws FileError: no such file: no-such-table.txt
 * ```
 */
export async function readMrt(path: string, options: ParseMrtOptions = {}): Promise<MrtTable> {
  return parseMrt(await readText(fileChunks(path), path), { ...options, source: options.source ?? path });
}

/**
 * Writes a table to a CDS machine-readable table file (see `formatMrt`), safely as `writeCsv` does.
 *
 * @throws {FileError} when the file cannot be written
 */
export async function writeMrt(path: string, table: MrtTableInput): Promise<void> {
  await writeFileAtomically(path, [formatMrt({ fileName: path.split(/[\\/]/).pop() ?? path, ...table })]);
}

/**
 * Reads a two-line tbabs cross-section table file, e.g. the authors' `tbabs.data` (see `parseTbabsData`).
 *
 * @throws {FileError} for a missing, directory or unreadable file, naming the path
 * @throws {ParseError} as `parseTbabsData`
 * @example
 * ```ts
 * const tbabs = await readTbabsData('../shared/data/reference/tbabs.data');
 * tbabs.sigma(1.0); // => 2.532e-22
 * ```
 */
export async function readTbabsData(path: string, options: TbabsDataOptions = {}): Promise<CrossSection> {
  return parseTbabsData(await readText(fileChunks(path), path), { ...options, sourceName: options.sourceName ?? path });
}
