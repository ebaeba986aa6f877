/**
 * Benchmark: read a 10⁵-row, 20-column VOTable (the training set's numeric columns, a name and a 64-bit id)
 * with `streamVotable` from a file, in each serialization (TABLEDATA, BINARY, BINARY2), against two peers on
 * the same table in the same run: muwclass's own CSV parser (`streamCsv`) on the table as CSV, and astropy's
 * VOTable parser (`astropy.io.votable.parse`, timed with Python's `time.perf_counter`) when Debian's
 * python3-astropy is installed. Also the peak heap growth while streaming (bounded: a row at a time).
 *
 *   npm run bench:votable          (VOTABLE_BENCH_ROUNDS=3 by default)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { streamCsv } from '../src/io/csv';
import { SOURCE_NUMERIC_COLUMNS } from '../src/io/schema';
import { syntheticTrainingSet } from '../src/io/synthetic';
import { streamVotable, type VotableTable } from '../src/io/votable';
import { votableToCsv } from '../src/io/votable-csv';
import type { VotableSerialization, VotableValue } from '../src/io/votable-datatypes';
import { formatVotable, votableDocument } from '../src/io/votable-writer';
import { fileChunks } from '../src/node/files';

const N_ROWS = 100_000;
const ROUNDS = Number(process.env.VOTABLE_BENCH_ROUNDS ?? 3);
const numeric = SOURCE_NUMERIC_COLUMNS.slice(0, 18);

function makeTable(): VotableTable {
  const td = syntheticTrainingSet({ seed: 1 });
  const rows: VotableValue[][] = [];
  for (let i = 0; i < N_ROWS; i++) {
    const s = td[i % td.length]! as unknown as Record<string, number | string>;
    rows.push([`src ${i}`, BigInt(i) * 4294967296n + 7n, ...numeric.map((c) => s[c] as number)]);
  }
  return {
    fields: [{ name: 'name', datatype: 'char', arraysize: '*' }, { name: 'id', datatype: 'long' }, ...numeric.map((name) => ({ name, datatype: 'double' as const }))],
    params: [],
    infos: [],
    rows,
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function readVotableFile(path: string): Promise<{ rows: number; heapGrowthMb: number }> {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  let rows = 0;
  for await (const e of streamVotable(fileChunks(path), { sourceName: path })) {
    if (e.type === 'row' && ++rows % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  return { rows, heapGrowthMb: (peak - before) / 2 ** 20 };
}

async function readCsvFile(path: string): Promise<number> {
  const csv = await streamCsv(fileChunks(path), { sourceName: path });
  let n = 0;
  for await (const r of csv.records) n += r.row > 0 ? 1 : 0;
  return n;
}

function astropySeconds(path: string): number | undefined {
  const python = '/usr/bin/python3';
  if (!existsSync(python)) return undefined;
  const script = 'import sys, time\nfrom astropy.io.votable import parse\nt = time.perf_counter()\nv = parse(sys.argv[1])\nn = len(v.get_first_table().array)\nprint(time.perf_counter() - t, n)';
  const r = spawnSync(python, ['-c', script, path], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return Number(r.stdout.trim().split(' ')[0]);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'muwclass-bench-votable-'));
  const table = makeTable();
  const csvPath = join(dir, 't.csv');
  writeFileSync(csvPath, votableToCsv(table));
  console.log(`${N_ROWS} rows x ${table.fields.length} columns, ${ROUNDS} rounds, medians (${process.platform}, node ${process.version})`);
  const csvTimes: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    await readCsvFile(csvPath);
    csvTimes.push(performance.now() - t);
  }
  const csvMs = median(csvTimes);
  console.log(`streamCsv (peer)          ${csvMs.toFixed(0).padStart(6)} ms`);
  for (const serialization of ['TABLEDATA', 'BINARY', 'BINARY2'] as VotableSerialization[]) {
    const path = join(dir, `t-${serialization}.vot`);
    writeFileSync(path, await formatVotable(votableDocument([table]), { serialization }));
    const times: number[] = [];
    let growth = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      const { rows, heapGrowthMb } = await readVotableFile(path);
      times.push(performance.now() - t);
      growth = Math.max(growth, heapGrowthMb);
      if (rows !== N_ROWS) throw new Error(`read ${rows} rows`);
    }
    const ms = median(times);
    const astropy = astropySeconds(path);
    const peer = astropy === undefined ? 'astropy absent' : `astropy ${(astropy * 1000).toFixed(0)} ms, ratio ${(ms / (astropy * 1000)).toFixed(2)}`;
    console.log(`streamVotable ${serialization.padEnd(10)} ${ms.toFixed(0).padStart(6)} ms  ratio to streamCsv ${(ms / csvMs).toFixed(2)}  ${peer}  peak heap growth ${growth.toFixed(0)} MB`);
  }
}

await main();
