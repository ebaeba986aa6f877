/**
 * Bad input to every library reader (issue 10), one row of a table per case: the Node readers of
 * `muwclass/node` (files by path) and the pure parsers they wrap (text or bytes). Every bad input rejects (or
 * throws) a `MuwclassError` with the documented class and code, naming the input, the 1-based data row and the
 * column where there is one; nothing is thrown outside the promise; the input file is left unchanged.
 * A few library functions that took absurd arguments silently (issue 10, "silent wrong answers") end the table.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { FileError, InvalidArgumentError, InvalidValueError, MalformedNumberError, MuwclassError, ParseError } from '../../src/core/errors';
import { parseCsv, streamCsv, type CsvRecord } from '../../src/io/csv';
import { parseNumberCell } from '../../src/io/cells';
import { parseSourceTable } from '../../src/io/source-table';
import { parseCscDetections } from '../../src/io/csc-detections';
import { formatMrt, parseMrt } from '../../src/io/mrt';
import { GAIA_EDR3_COLUMNS, parseCatalog } from '../../src/field/catalog-reader';
import { confidenceThreshold } from '../../src/classify/confidence';
import { fitzpatrick99 } from '../../src/reddening/extinction';
import { XrayAbsorber } from '../../src/reddening/absorption';
import { Smote } from '../../src/ml/smote';
import { RandomForest } from '../../src/ml/random-forest';
import { requireDist } from '../helpers/dist';
import { readCatalog, readCscDetections, readCsv, readCsvHeader, readMrt, readSourceTable, readTable, readTbabsData } from '../../src/node';
import {
  addColumn,
  binary,
  caseDir,
  csv,
  DIST,
  duplicateColumn,
  escape,
  extendRow,
  GAIA,
  IS_ROOT,
  MRT_TEXT,
  PEROBS,
  PLAIN,
  position,
  setCell,
  setColumn,
  TBABS_TEXT,
  TD,
  truncateRow,
  type Table,
} from './fixtures';

// ---------------------------------------------------------------------------------------------------------
// The readers
// ---------------------------------------------------------------------------------------------------------

/** What a reader reads: which valid input it is given, and so which spoilt inputs apply. */
type Kind = 'source' | 'csv' | 'header' | 'csc' | 'catalog' | 'mrt' | 'tbabs';

/** A reader: by path (Node) or of text/bytes (pure); `read` consumes everything and resolves to the result. */
interface Reader {
  readonly name: string;
  readonly kind: Kind;
  /** Reads a file by path. */
  readonly path?: (path: string) => Promise<unknown>;
  /** Parses text or bytes (`sourceName` for messages); `bytes: false` for a parser of strings only. */
  readonly text?: (input: string | Uint8Array, sourceName: string) => unknown;
  readonly bytes?: boolean;
}

async function drain<T>(records: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of records) out.push(r);
  return out;
}
const asText = (input: string | Uint8Array): string => (typeof input === 'string' ? input : new TextDecoder().decode(input));
const PLAIN_SCHEMA = { Name: { type: 'string' }, RAdeg: { type: 'number' }, Flux: { type: 'number' }, N: { type: 'number' } } as const;

const READERS: readonly Reader[] = [
  { name: 'readSourceTable', kind: 'source', path: (p) => readSourceTable(p, { requireLabel: true }) },
  { name: 'parseSourceTable', kind: 'source', text: (t, sourceName) => parseSourceTable(t, { requireLabel: true, sourceName }), bytes: true },
  { name: 'readCsv', kind: 'csv', path: (p) => drain(readCsv(p)) },
  { name: 'readTable', kind: 'csv', path: (p) => drain(readTable(p, PLAIN_SCHEMA)) },
  { name: 'parseCsv', kind: 'csv', text: (t, sourceName) => parseCsv(asText(t), { sourceName }), bytes: false },
  {
    name: 'streamCsv',
    kind: 'csv',
    text: async (t, sourceName) => {
      const s = await streamCsv(t, { sourceName });
      return { columns: s.columns, records: await drain(s.records) };
    },
    bytes: true,
  },
  { name: 'readCsvHeader', kind: 'header', path: (p) => readCsvHeader(p) },
  { name: 'readCscDetections', kind: 'csc', path: (p) => readCscDetections(p) },
  { name: 'parseCscDetections', kind: 'csc', text: (t, sourceName) => parseCscDetections(t, { sourceName }), bytes: true },
  { name: 'readCatalog', kind: 'catalog', path: (p) => readCatalog(p, GAIA_EDR3_COLUMNS) },
  { name: 'parseCatalog', kind: 'catalog', text: (t, sourceName) => parseCatalog(t, GAIA_EDR3_COLUMNS, { sourceName }), bytes: true },
  { name: 'readMrt', kind: 'mrt', path: (p) => readMrt(p) },
  { name: 'parseMrt', kind: 'mrt', text: (t, source) => parseMrt(asText(t), { source }), bytes: false },
  { name: 'readTbabsData', kind: 'tbabs', path: (p) => readTbabsData(p) },
];

// ---------------------------------------------------------------------------------------------------------
// The spoilt inputs
// ---------------------------------------------------------------------------------------------------------

/** The expected error: class, code (or the codes allowed), reason of a FileError, what the message names. */
interface Failure {
  readonly error: abstract new (...args: never[]) => MuwclassError;
  readonly code: string | readonly string[];
  readonly reason?: string;
  readonly row?: number;
  readonly column?: string;
  /** Further text the message must match. */
  readonly message?: readonly RegExp[];
}

/** An input spoilt in one way, and what reading it must give (an error, or a value checked by `ok`). */
interface Problem {
  readonly name: string;
  readonly kinds: readonly Kind[];
  /** The file or text; `{ missing }` no file, `{ dir }` a directory, `{ mode }` a file with that mode. */
  readonly input: string | Buffer | { readonly missing: true } | { readonly dir: true } | { readonly text: string; readonly mode: number };
  readonly fails?: Failure;
  readonly ok?: (value: unknown) => void;
  /** Only these readers (by name). */
  readonly only?: readonly string[];
  readonly skip?: string;
}

const BASE: Readonly<Record<Kind, Table | string>> = { source: TD, csv: PLAIN, header: PLAIN, csc: PEROBS, catalog: GAIA, mrt: MRT_TEXT, tbabs: TBABS_TEXT };
const tableOf = (kind: Kind): Table => BASE[kind] as Table;
const textOf = (kind: Kind): string => (typeof BASE[kind] === 'string' ? (BASE[kind] as string) : csv(BASE[kind] as Table));

const TABULAR: readonly Kind[] = ['source', 'csv', 'csc', 'catalog'];
const NOT_FINITE = ['MALFORMED_NUMBER', 'INVALID_VALUE'];

const problems: Problem[] = [];

// Files that cannot be read: an error naming the path, never an uncaught stream error.
for (const kind of ['source', 'csv', 'header', 'csc', 'catalog', 'mrt', 'tbabs'] as const) {
  problems.push(
    { name: 'a missing file', kinds: [kind], input: { missing: true }, fails: { error: FileError, code: 'FILE_ERROR', reason: 'not-found' } },
    { name: 'a directory', kinds: [kind], input: { dir: true }, fails: { error: FileError, code: 'FILE_ERROR', reason: 'is-directory' } },
    // as root file modes do not stop reading: then test/io/files.test.ts reads unreadable files as nobody
    ...(IS_ROOT
      ? []
      : [{ name: 'an unreadable file (mode 000)', kinds: [kind], input: { text: textOf(kind), mode: 0o000 }, fails: { error: FileError, code: 'FILE_ERROR', reason: 'permission' } } as Problem]),
    {
      name: 'binary (non-UTF-8) bytes',
      kinds: [kind],
      // a valid header (a table) or a valid start ("0.5"), then bytes that are not UTF-8
      input: typeof BASE[kind] === 'string' ? Buffer.from([0x30, 0x2e, 0x35, 0x80, 0xff, 0x0a]) : binary(tableOf(kind).columns),
      fails: { error: ParseError, code: 'PARSE_ERROR', message: [/UTF-8/i] },
    },
  );
}

// Tables of the wrong shape, prototype keys, quotes.
for (const kind of TABULAR) {
  const t = tableOf(kind);
  const n = t.rows.length;
  const width = t.columns.length;
  const second = t.columns[1]!;
  problems.push(
    {
      name: 'a truncated row (fewer cells than the header)',
      kinds: [kind],
      input: csv(truncateRow(t, n, 2)),
      fails: { error: InvalidValueError, code: 'INVALID_VALUE', row: n, message: [new RegExp(`\\b2 cells\\b.*\\b${width}\\b`)] },
    },
    {
      name: 'a longer row (more cells than the header)',
      kinds: [kind],
      input: csv(extendRow(t, 1, ['1', '2'])),
      fails: { error: InvalidValueError, code: 'INVALID_VALUE', row: 1, message: [new RegExp(`\\b${width + 2} cells\\b.*\\b${width}\\b`)] },
    },
    {
      name: `an unclosed quote in row ${n + 1}`,
      kinds: [kind],
      input: `${csv(t)}"unclosed,1\n`,
      fails: { error: ParseError, code: 'PARSE_ERROR', row: n + 1, message: [/quote/i] },
    },
    {
      name: `a duplicated column (${second}, columns 2 and ${width + 1})`,
      kinds: [kind],
      input: csv(duplicateColumn(t, second, () => '7')),
      fails: { error: ParseError, code: 'PARSE_ERROR', message: [new RegExp(escape(second)), new RegExp(`\\b${position(t, second)}\\b[^\\n]*\\b${width + 1}\\b`)] },
    },
    { name: 'a column named __proto__', kinds: [kind], input: csv(addColumn(t, '__proto__', () => 'x')), fails: { error: ParseError, code: 'PARSE_ERROR', message: [/__proto__/] } },
  );
}
problems.push(
  { name: 'a header with a duplicated column', kinds: ['header'], input: 'a,b,a\n1,2,3\n', fails: { error: ParseError, code: 'PARSE_ERROR', message: [/"?a"?/, /\b1\b[^\n]*\b3\b/] } },
  { name: 'a header with a column named __proto__', kinds: ['header'], input: 'a,__proto__\n1,2\n', fails: { error: ParseError, code: 'PARSE_ERROR', message: [/__proto__/] } },
  { name: 'a header with an unclosed quote', kinds: ['header'], input: '"a,b\n1,2\n', fails: { error: ParseError, code: 'PARSE_ERROR', message: [/quote/i] } },
  { name: 'a header with a constructor column', kinds: ['header'], input: 'a,constructor\n1,2\n', ok: (v) => expect(v).toEqual(['a', 'constructor']) },
);

/** The records of a CSV reader's result (parseCsv, streamCsv, readCsv). */
const recordsOf = (v: unknown): readonly CsvRecord[] => (Array.isArray(v) ? (v as CsvRecord[]) : (v as { records: CsvRecord[] }).records);
problems.push({
  name: 'a constructor column (read as its cells, not Object.prototype.constructor)',
  kinds: ['csv'],
  only: ['parseCsv', 'streamCsv', 'readCsv'],
  input: csv(addColumn(PLAIN, 'constructor', (row) => `c${row}`)),
  ok: (v) => {
    const rows = recordsOf(v) as unknown as readonly Record<string, unknown>[];
    expect(rows.map((r) => ('cells' in r ? (r.cells as Record<string, unknown>).constructor : r.constructor))).toEqual(['c1', 'c2', 'c3']);
  },
});
problems.push({
  name: 'no constructor column: record.cells.constructor is absent, not Object',
  kinds: ['csv'],
  input: csv(PLAIN),
  ok: (v) => {
    for (const r of recordsOf(v) as unknown as readonly Record<string, unknown>[]) {
      const cells = ('cells' in r ? r.cells : r) as Record<string, unknown>;
      expect(cells.constructor).toBeUndefined();
      expect(cells.toString).toBeUndefined();
    }
  },
});
for (const kind of ['source', 'csc', 'catalog'] as const) {
  problems.push({ name: 'a constructor column (ignored, reads fine)', kinds: [kind], input: csv(addColumn(tableOf(kind), 'constructor', () => 'x')), ok: (v) => expect(v).toBeDefined() });
}

// Numbers: finite decimals only, in the documented physical ranges.
/** One spoilt cell of a tabular kind: row, column, text, the codes allowed. */
function cell(kind: Kind, what: string, row: number, column: string, text: string, code: string | readonly string[] = 'INVALID_VALUE'): Problem {
  const codes = typeof code === 'string' ? [code] : code;
  return {
    name: `${what} (${column} = ${JSON.stringify(text)}, row ${row})`,
    kinds: [kind],
    input: csv(setCell(tableOf(kind), row, column, text)),
    fails: {
      error: codes.length === 1 && codes[0] === 'MALFORMED_NUMBER' ? MalformedNumberError : MuwclassError,
      code: codes,
      row,
      column,
      message: [new RegExp(escape(text))],
    },
  };
}
for (const [kind, row, column] of [['source', 2, 'Fb'], ['csc', 2, 'flux_aper90_s.1'], ['catalog', 1, 'phot_g_mean_mag']] as const) {
  problems.push(
    cell(kind, 'inf', row, column, 'inf', NOT_FINITE),
    cell(kind, 'an overflowing number', row, column, '1e400', NOT_FINITE),
    cell(kind, 'a hexadecimal number', row, column, '0x10', 'MALFORMED_NUMBER'),
    cell(kind, 'a digit separator', row, column, '1_000', 'MALFORMED_NUMBER'),
  );
}
problems.push(
  {
    name: 'inf in a number column of the schema',
    kinds: ['csv'],
    only: ['readTable'],
    input: csv(setCell(PLAIN, 2, 'Flux', 'inf')),
    fails: { error: MuwclassError, code: NOT_FINITE, row: 2, column: 'Flux', message: [/inf/] },
  },
  {
    name: '0x10 in a number column of the schema',
    kinds: ['csv'],
    only: ['readTable'],
    input: csv(setCell(PLAIN, 3, 'N', '0x10')),
    fails: { error: MalformedNumberError, code: 'MALFORMED_NUMBER', row: 3, column: 'N', message: [/0x10/] },
  },
  cell('source', 'a negative flux', 1, 'Fb', '-1e-14'),
  cell('source', 'a negative flux', 3, 'Fs', '-2e-16'),
  cell('source', 'a negative flux error', 2, 'e_Fh', '-1e-16'),
  cell('source', 'a negative magnitude error', 1, 'e_Gmag', '-0.05'),
  cell('source', 'RA 400', 3, 'CSCv2_RA', '400'),
  cell('source', 'RA 360 (the range is [0, 360))', 3, 'CSCv2_RA', '360'),
  cell('source', 'RA -0.5', 4, 'CSCv2_RA', '-0.5'),
  cell('source', 'Dec 95', 2, 'CSCv2_DEC', '95'),
  cell('source', 'Dec -90.5', 2, 'CSCv2_DEC', '-90.5'),
  cell('source', 'P_intra above 1', 5, 'P_intra', '1.5'),
  cell('source', 'P_inter below 0', 5, 'P_inter', '-0.1'),
  cell('csc', 'a negative off-axis angle', 1, 'theta', '-1.5'),
  cell('csc', 'RA 400', 2, 'ra', '400'),
  cell('csc', 'Dec 95', 3, 'dec', '95'),
  cell('catalog', 'RA 400', 2, 'ra', '400'),
  cell('catalog', 'Dec 95', 1, 'dec', '95'),
  cell('catalog', 'a negative positional error', 1, 'ra_error', '-0.1'),
  {
    name: 'a class named __proto__ (and constructor) reads as a label',
    kinds: ['source'],
    input: csv(setColumn(TD, 'True_Class', (row) => (row === 1 ? '__proto__' : row === 2 ? 'constructor' : 'AGN'))),
    ok: (v) => expect((v as { sources: { label?: string }[] }).sources.slice(0, 3).map((s) => s.label)).toEqual(['__proto__', 'constructor', 'AGN']),
  },
);

// MRT and tbabs: values that do not parse, out of range, prototype labels, empty input.
const mrtWith = (columns: readonly string[], records: readonly (readonly [string, string | number][])[]): string =>
  formatMrt({ columns, records: records.map((r) => Object.fromEntries(r)) });
const FLUX_CELL = /(?<= )1\.5e-14(?= |$)/m;
problems.push(
  { name: 'an F/E value "inf"', kinds: ['mrt'], input: MRT_TEXT.replace(FLUX_CELL, '    inf'), fails: { error: ParseError, code: 'PARSE_ERROR', column: 'Flux', message: [/inf/] } },
  { name: 'an E value that overflows (1.0e400)', kinds: ['mrt'], input: MRT_TEXT.replace(FLUX_CELL, '1.0e400'), fails: { error: MuwclassError, code: ['PARSE_ERROR', 'INVALID_VALUE'], column: 'Flux', message: [/1\.0e400/] } },
  { name: 'empty text', kinds: ['mrt'], input: '', fails: { error: ParseError, code: 'PARSE_ERROR' } },
  {
    name: 'a label __proto__',
    kinds: ['mrt'],
    // written with another label of the same length, then renamed (formatMrt itself refuses the label)
    input: mrtWith(['Name', 'Xproto_xx'], [[['Name', 'a'], ['Xproto_xx', 1]]]).replace(/Xproto_xx/g, '__proto__'),
    fails: { error: ParseError, code: 'PARSE_ERROR', message: [/__proto__/] },
  },
  {
    name: 'a label constructor reads as a value',
    kinds: ['mrt'],
    input: mrtWith(['Name', 'constructor'], [[['Name', 'a'], ['constructor', 5]]]),
    ok: (v) => expect((v as { records: Record<string, unknown>[] }).records[0]!.constructor).toBe(5),
  },
  { name: 'a value "inf"', kinds: ['tbabs'], input: TBABS_TEXT.replace('2.53', 'inf'), fails: { error: ParseError, code: 'PARSE_ERROR', message: [/inf/] } },
  { name: 'a value that overflows (1e400)', kinds: ['tbabs'], input: TBABS_TEXT.replace('0.55', '1e400'), fails: { error: MuwclassError, code: ['PARSE_ERROR', 'INVALID_VALUE', 'INVALID_ARGUMENT'], message: [/1e400|Infinity|not finite/] } },
  { name: 'a negative cross section', kinds: ['tbabs'], input: TBABS_TEXT.replace('0.55', '-0.55'), fails: { error: MuwclassError, code: ['PARSE_ERROR', 'INVALID_VALUE', 'INVALID_ARGUMENT'], message: [/-0\.55|negative/] } },
);

// ---------------------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------------------

/** A row of the table: one reader, one problem. */
interface Row {
  readonly name: string;
  readonly reader: Reader;
  readonly problem: Problem;
}
const rows: Row[] = [];
for (const reader of READERS) {
  for (const problem of problems) {
    if (!problem.kinds.includes(reader.kind)) continue;
    if (problem.only !== undefined && !problem.only.includes(reader.name)) continue;
    const fileOnly = typeof problem.input === 'object' && !Buffer.isBuffer(problem.input);
    if (reader.path === undefined && fileOnly) continue; // a missing file, a directory: Node readers only
    if (reader.path === undefined && Buffer.isBuffer(problem.input) && reader.bytes === false) continue; // a parser of strings
    rows.push({ name: `${reader.name}: ${problem.name}`, reader, problem });
  }
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Runs a reader on a problem's input; resolves to the value or the error (and whether it was an error). */
async function attempt(row: Row): Promise<{ threw: boolean; value: unknown; name: string; unchanged: boolean }> {
  const { reader, problem } = row;
  const input = problem.input;
  if (reader.path !== undefined) {
    const dir = caseDir({});
    const path = join(dir, 'input.csv');
    if (typeof input === 'string' || Buffer.isBuffer(input)) writeFileSync(path, input);
    else if ('dir' in input) mkdirSync(path);
    else if ('mode' in input) {
      writeFileSync(path, input.text);
      chmodSync(path, input.mode);
    }
    const hash = typeof input === 'string' || Buffer.isBuffer(input) ? sha256(path) : undefined;
    try {
      const value = await reader.path(path);
      return { threw: false, value, name: 'input.csv', unchanged: hash === undefined || sha256(path) === hash };
    } catch (e) {
      return { threw: true, value: e, name: 'input.csv', unchanged: hash === undefined || sha256(path) === hash };
    }
  }
  const text = typeof input === 'string' ? input : new Uint8Array(input as Buffer);
  try {
    return { threw: false, value: await reader.text!(text, 'input.csv'), name: 'input.csv', unchanged: true };
  } catch (e) {
    return { threw: true, value: e, name: 'input.csv', unchanged: true };
  }
}

describe('library readers: bad-input suite', () => {
  it('has unique case names', () => {
    const names = rows.map((r) => r.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  describe.concurrent('each reader rejects bad input with the documented error, naming input, row and column', () => {
    for (const row of rows) {
      const { problem } = row;
      it.skipIf(problem.skip !== undefined)(problem.skip === undefined ? row.name : `${row.name} (skipped: ${problem.skip})`, async () => {
        const r = await attempt(row);
        // MUWCLASS_ROBUSTNESS_LOG=<file>: every case's outcome, to review the messages
        if (process.env.MUWCLASS_ROBUSTNESS_LOG) {
          const v = r.value as Error;
          appendFileSync(process.env.MUWCLASS_ROBUSTNESS_LOG, `## ${row.name}\n${r.threw ? `${v?.constructor?.name} ${(v as MuwclassError).code}: ${v?.message}` : 'ok'}\n`);
        }
        expect(r.unchanged, 'the input file is unchanged').toBe(true);
        if (problem.ok !== undefined) {
          if (r.threw) throw r.value;
          problem.ok(r.value);
          return;
        }
        const f = problem.fails!;
        expect(r.threw, `expected ${f.error.name}, got a value`).toBe(true);
        const e = r.value as Error;
        const detail = `${e?.constructor?.name}: ${e?.message}`;
        expect(e, detail).toBeInstanceOf(f.error);
        expect(e, detail).toBeInstanceOf(MuwclassError);
        const codes = typeof f.code === 'string' ? [f.code] : f.code;
        expect(codes, detail).toContain((e as MuwclassError).code);
        if (f.reason !== undefined) expect((e as FileError).reason, detail).toBe(f.reason);
        expect(e.message, 'names the input').toContain(r.name);
        if (f.row !== undefined) {
          expect(e.message, detail).toMatch(new RegExp(`\\brow ${f.row}\\b`));
          const location = (e as unknown as { location?: { row?: number } }).location;
          if (location !== undefined) expect(location.row, detail).toBe(f.row);
        }
        if (f.column !== undefined) expect(e.message, detail).toMatch(new RegExp(`(^|[^\\w.])${escape(f.column)}($|[^\\w.])`));
        for (const re of f.message ?? []) expect(e.message, detail).toMatch(re);
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Library functions that accepted absurd arguments (issue 10, "silent wrong answers" and "prototype keys")
// ---------------------------------------------------------------------------------------------------------

interface FunctionCase {
  readonly name: string;
  readonly call: () => unknown;
  readonly fails?: { readonly error: abstract new (...args: never[]) => MuwclassError; readonly code: readonly string[] };
  readonly ok?: (value: unknown) => void;
}

const X8 = [[0, 1], [1, 1], [2, 2], [1.5, 0.5], [10, 5], [11, 6], [12, 7], [13, 8], [20, 0], [21, 1], [22, 0], [23, 1]];
const Y8 = ['__proto__', '__proto__', '__proto__', '__proto__', 'AGN', 'AGN', 'AGN', 'AGN', 'constructor', 'constructor', 'constructor', 'toString'];

const FUNCTION_CASES: readonly FunctionCase[] = [
  { name: 'parseNumberCell("0x10")', call: () => parseNumberCell('0x10'), fails: { error: MalformedNumberError, code: ['MALFORMED_NUMBER'] } },
  { name: 'parseNumberCell("1_000")', call: () => parseNumberCell('1_000'), fails: { error: MalformedNumberError, code: ['MALFORMED_NUMBER'] } },
  { name: 'parseNumberCell("inf")', call: () => parseNumberCell('inf'), fails: { error: MuwclassError, code: NOT_FINITE } },
  { name: 'parseNumberCell("-Infinity")', call: () => parseNumberCell('-Infinity'), fails: { error: MuwclassError, code: NOT_FINITE } },
  { name: 'parseNumberCell("1e400")', call: () => parseNumberCell('1e400'), fails: { error: MuwclassError, code: NOT_FINITE } },
  { name: 'parseNumberCell("-1e400")', call: () => parseNumberCell('-1e400'), fails: { error: MuwclassError, code: NOT_FINITE } },
  { name: 'parseNumberCell("1e-400") is 0 (underflow is not an error)', call: () => parseNumberCell('1e-400'), ok: (v) => expect(v).toBe(0) },
  { name: 'confidenceThreshold([1.5, -0.5], [0, 0]): probabilities outside [0, 1]', call: () => confidenceThreshold([1.5, -0.5], [0, 0]), fails: { error: MuwclassError, code: ['INVALID_VALUE', 'INVALID_ARGUMENT'] } },
  { name: 'fitzpatrick99([5500], -1): a negative A_V', call: () => fitzpatrick99([5500], -1), fails: { error: InvalidArgumentError, code: ['INVALID_ARGUMENT'] } },
  { name: 'new XrayAbsorber({ photonIndex: 1e6 }): an absurd photon index', call: () => new XrayAbsorber({ photonIndex: 1e6 }), fails: { error: InvalidArgumentError, code: ['INVALID_ARGUMENT'] } },
  { name: 'XrayAbsorber.bandFactor with an absurd photon index', call: () => new XrayAbsorber().bandFactor('s', 1e21, -1e6), fails: { error: InvalidArgumentError, code: ['INVALID_ARGUMENT'] } },
  {
    name: 'Smote with classes __proto__, constructor, toString',
    call: () => new Smote({ seed: 1, k: 2 }).fitResample(X8, Y8),
    ok: (v) => {
      const out = v as { y: string[]; nSynthetic: Record<string, number> };
      expect(new Set(out.y)).toEqual(new Set(['__proto__', 'AGN', 'constructor', 'toString']));
      expect(Object.prototype.hasOwnProperty.call(out.nSynthetic, '__proto__')).toBe(true);
      expect(out.nSynthetic.__proto__).toBe(0);
    },
  },
  {
    name: 'RandomForest with classes __proto__, constructor, toString',
    call: () => new RandomForest({ nEstimators: 3, seed: 1 }).fit(X8, Y8),
    ok: (v) => {
      const rf = v as RandomForest;
      expect([...rf.classes].sort()).toEqual(['AGN', '__proto__', 'constructor', 'toString']);
      expect(rf.predict([[0.5, 1]])).toEqual(['__proto__']);
    },
  },
  {
    name: 'Object.prototype is not polluted by any of the above',
    call: () => Object.getOwnPropertyNames(Object.prototype).sort(),
    ok: (v) => expect(v).toEqual(Object.getOwnPropertyNames(Object.getPrototypeOf({})).sort()),
  },
];

describe('library functions: absurd arguments and prototype-named classes', () => {
  for (const c of FUNCTION_CASES) {
    it(c.name, () => {
      let threw = false;
      let value: unknown;
      try {
        value = c.call();
      } catch (e) {
        threw = true;
        value = e;
      }
      if (c.ok !== undefined) {
        if (threw) throw value;
        c.ok(value);
        return;
      }
      expect(threw, `expected ${c.fails!.error.name}, got ${String(value)}`).toBe(true);
      const e = value as MuwclassError;
      expect(e, `${e?.constructor?.name}: ${e?.message}`).toBeInstanceOf(c.fails!.error);
      expect(c.fails!.code).toContain(e.code);
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// The built package: the reproduction of issue 10 ("a missing input file kills the process even inside
// try/catch"), for every Node reader, in a process of its own (an uncaught stream error would end it)
// ---------------------------------------------------------------------------------------------------------

describe('the built package (dist/node.js): every reader of a missing file or a directory rejects, inside try/catch', () => {
  beforeAll(requireDist);

  it('ESM: caught as FileError by every reader', () => {
    const dir = caseDir({ 'dir.csv': { dir: true } });
    const script = `
      import * as m from ${JSON.stringify(pathToFileURL(join(DIST, 'node.js')).href)};
      const drain = async (g) => { for await (const _ of g) {} };
      const readers = {
        readSourceTable: (p) => m.readSourceTable(p),
        readCsv: (p) => drain(m.readCsv(p)),
        readCsvHeader: (p) => m.readCsvHeader(p),
        readTable: (p) => drain(m.readTable(p, { a: { type: 'number' } })),
        readCscDetections: (p) => m.readCscDetections(p),
        readCatalog: (p) => m.readCatalog(p, m.GAIA_EDR3_COLUMNS),
        readMrt: (p) => m.readMrt(p),
        readTbabsData: (p) => m.readTbabsData(p),
      };
      const out = {};
      for (const [name, read] of Object.entries(readers)) {
        for (const path of ['nope.csv', 'dir.csv']) {
          try { await read(path); out[name + ' ' + path] = 'no error'; }
          catch (e) { out[name + ' ' + path] = e.code + ' ' + e.reason; }
        }
      }
      console.log(JSON.stringify(out));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, string>;
    for (const [key, value] of Object.entries(out)) expect(value, key).toBe(key.endsWith('nope.csv') ? 'FILE_ERROR not-found' : 'FILE_ERROR is-directory');
    expect(Object.keys(out)).toHaveLength(16);
  });
});
