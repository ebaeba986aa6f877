/**
 * Benchmark: parse a 10⁵-row field CSV (the training-set schema, 43 columns) — muwclass's own RFC 4180 parser
 * (`streamCsv`, and `readSourceTable` end to end) against fast-csv, the parser muwclass used before it ran in
 * browsers, on the same file in the same run.
 *
 *   npm run bench:csv              (CSV_BENCH_ROUNDS=5 by default)
 *
 * The file is the paper's training set (../shared/data/td/muwclass_td_cscv2.csv) repeated to 10⁵ rows, or,
 * without ../shared, a synthetic training set of the same schema. Medians of the rounds and ratios are printed.
 */
import { createReadStream, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { parse } from 'fast-csv';

import { formatCsv } from '../src/io/csv';
import { SOURCE_NUMERIC_COLUMNS } from '../src/io/schema';
import { syntheticTrainingSet } from '../src/io/synthetic';
import { fileChunks } from '../src/node/files';
import { readSourceTable } from '../src/node/io';
import { streamCsv } from '../src/io/csv';

const N_ROWS = 100_000;
const ROUNDS = Number(process.env.CSV_BENCH_ROUNDS ?? 5);
const tdPath = join(import.meta.dirname, '..', '..', 'shared', 'data', 'td', 'muwclass_td_cscv2.csv');

function makeFile(): { path: string; origin: string } {
  let header: string;
  let rows: string[];
  let origin: string;
  if (existsSync(tdPath)) {
    const lines = readFileSync(tdPath, 'utf8').split(/\r?\n/).filter((l) => l !== '');
    header = lines[0]!;
    rows = lines.slice(1);
    origin = 'the paper training set, repeated';
  } else {
    const td = syntheticTrainingSet({ seed: 1 });
    const columns = ['CSCv2_name', 'True_Class', ...SOURCE_NUMERIC_COLUMNS];
    const text = formatCsv(columns, td.map((s) => ({ ...s, CSCv2_name: s.name, True_Class: s.label })) as Record<string, number | string>[]);
    const lines = text.split('\n').filter((l) => l !== '');
    header = lines[0]!;
    rows = lines.slice(1);
    origin = 'a synthetic training set, repeated (../shared absent)';
  }
  const out = [header];
  for (let i = 0; i < N_ROWS; i++) out.push(rows[i % rows.length]!);
  const path = join(mkdtempSync(join(tmpdir(), 'muwclass-bench-csv-')), 'field.csv');
  writeFileSync(path, out.join('\n') + '\n');
  return { path, origin };
}

async function muwclassRecords(path: string): Promise<number> {
  const csv = await streamCsv(fileChunks(path), { sourceName: path });
  let n = 0;
  for await (const r of csv.records) n += r.row > 0 ? 1 : 0;
  return n;
}

async function fastCsvRecords(path: string): Promise<number> {
  // what muwclass 0.1 did: fast-csv rows as arrays, then a record keyed by the header
  let header: string[] | undefined;
  let n = 0;
  for await (const raw of createReadStream(path).pipe(parse({ headers: false, ignoreEmpty: true })) as AsyncIterable<string[]>) {
    if (header === undefined) {
      header = raw.map((h) => h.trim());
      continue;
    }
    const cells: Record<string, string> = {};
    for (let j = 0; j < header.length; j++) cells[header[j]!] = raw[j] ?? '';
    n++;
  }
  return n;
}

async function time(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { path, origin } = makeFile();
console.log(`CSV parse benchmark: ${N_ROWS.toLocaleString('en')} rows × 43 columns (${origin}), ${ROUNDS} rounds\n`);
const counts = [await muwclassRecords(path), await fastCsvRecords(path)];
if (counts[0] !== N_ROWS || counts[1] !== N_ROWS) throw new Error(`row counts differ: ${counts.join(' vs ')}`);
const t = { ours: [] as number[], fast: [] as number[], table: [] as number[] };
for (let r = 0; r < ROUNDS; r++) {
  t.fast.push(await time(() => fastCsvRecords(path)));
  t.ours.push(await time(() => muwclassRecords(path)));
  t.table.push(await time(() => readSourceTable(path, { requireLabel: true })));
}
const [ours, fast, table] = [median(t.ours), median(t.fast), median(t.table)];
console.log('| parser | median ms | rows/s | vs fast-csv |');
console.log('| --- | ---: | ---: | ---: |');
const row = (name: string, ms: number): void => console.log(`| ${name} | ${ms.toFixed(0)} | ${Math.round((N_ROWS / ms) * 1000).toLocaleString('en')} | ${(fast / ms).toFixed(2)}× |`);
row('fast-csv 5 (records)', fast);
row('muwclass streamCsv (records)', ours);
row('muwclass readSourceTable (typed sources)', table);

// ---------------------------------------------------------------------------------------------------------
// Parse time against line length: one data row of 1, 2, 4 and 8 MiB (9-digit cells, a header of as many
// columns), and one quoted cell of as many MiB with line breaks inside, fed to streamCsv in 64 KiB chunks as a
// file stream would. The time per MiB should stay flat (the tokenizer keeps its state between chunks); before
// muwclass 0.3 it grew with the line (an unfinished row was re-scanned from its start at every chunk).
// ---------------------------------------------------------------------------------------------------------

const CHUNK = 1 << 16;
const MIB = 1 << 20;

function* chunksOf(text: string): Generator<string, void, undefined> {
  for (let i = 0; i < text.length; i += CHUNK) yield text.slice(i, i + CHUNK);
}

/** A header and one row of `mib` MiB of 9-digit cells. */
function wideRow(mib: number): string {
  const n = Math.floor((mib * MIB) / 10);
  const header: string[] = new Array(n);
  const cells: string[] = new Array(n);
  for (let k = 0; k < n; k++) {
    header[k] = `c${k}`;
    cells[k] = String(100_000_000 + k);
  }
  return `${header.join(',')}\n${cells.join(',')}\n`;
}

/** A header and one row whose second cell is a quoted text of `mib` MiB with line breaks and "" escapes. */
function longQuotedCell(mib: number): string {
  const unit = 'abc""def,\n';
  return `name,note\nA,"${unit.repeat(Math.floor((mib * MIB) / unit.length))}"\n`;
}

async function parseChunks(text: string): Promise<number> {
  const csv = await streamCsv(chunksOf(text));
  let n = 0;
  for await (const r of csv.records) n += r.row;
  return n;
}

console.log('\nOne long line in 64 KiB chunks (streamCsv): ms per MiB should stay flat\n');
console.log('| line | 1 MiB | 2 MiB | 4 MiB | 8 MiB |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [name, make] of [
  ['a row of 9-digit cells (ms/MiB)', wideRow],
  ['one quoted cell with line breaks (ms/MiB)', longQuotedCell],
] as const) {
  await parseChunks(make(1)); // warm up
  const perMib: string[] = [];
  for (const mib of [1, 2, 4, 8]) {
    const text = make(mib);
    if ((await parseChunks(text)) !== 1) throw new Error('expected one data row');
    const ms: number[] = [];
    for (let r = 0; r < Math.max(1, Math.min(ROUNDS, 3)); r++) ms.push(await time(() => parseChunks(text)));
    perMib.push((median(ms) / (text.length / MIB)).toFixed(1));
  }
  console.log(`| ${name} | ${perMib.join(' | ')} |`);
}
