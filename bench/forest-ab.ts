/**
 * A/B benchmark of the forest kernel against another version of the library: `npx tsx bench/forest-ab.ts`.
 *
 * Fits RandomForest on the SMOTE-balanced training set (11,120 x 29; bench/forest-data.ts) alternately with
 * this working tree's `src/ml` and with the `src/ml` of another source tree, in one process, and prints each
 * round's fit CPU time (process.cpuUsage), the ratio, the predict_proba ratio, and whether the two forests are
 * identical (SHA-256 of the model JSON). Make the other tree with, e.g.,
 * `mkdir /tmp/old && git archive <commit> src | tar -x -C /tmp/old` (it needs this tree's node_modules:
 * `ln -s "$PWD/node_modules" /tmp/old/node_modules`).
 *
 * Options (environment): BENCH_BASE (the other tree's `src` folder, required), BENCH_ROUNDS (default 10),
 * BENCH_TREES (default 50), BENCH_OPTIONS (JSON forest options, e.g. '{"maxBins":64}'), MUWCLASS_SHARED_DATA.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { RandomForest } from '../src/ml';
import { forestMatrices, tdPath } from './forest-data';

type Forest = { fit(X: unknown, y: string[]): Forest; predictProba(X: unknown): unknown; toJSON(): unknown };
type ForestClass = new (options: object) => Forest;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const TREES = Number(process.env.BENCH_TREES ?? 50);
const OPTIONS = JSON.parse(process.env.BENCH_OPTIONS ?? '{}') as object;

const median = (a: readonly number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const cpuMs = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const hash = (f: Forest): string => createHash('sha256').update(JSON.stringify(f.toJSON())).digest('hex');

async function main(): Promise<void> {
  const base = process.env.BENCH_BASE;
  if (base === undefined || !existsSync(join(base, 'ml', 'index.ts'))) {
    console.log('bench:forest-ab needs BENCH_BASE=<another source tree>/src (see the header of bench/forest-ab.ts)');
    return;
  }
  const m = await forestMatrices();
  if (m === undefined) {
    console.log(`bench:forest-ab skipped: needs ${tdPath} (public reference data, see README "Reference data")`);
    return;
  }
  const { RandomForest: Base } = (await import(pathToFileURL(resolve(base, 'ml', 'index.ts')).href)) as { RandomForest: ForestClass };
  const Work = RandomForest as unknown as ForestClass;
  const { X, y } = m.balanced;
  console.log(`forest A/B — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, node ${process.version}`);
  console.log(`load average at start: ${loadavg().map((v) => v.toFixed(2)).join(' ')} (compare the ratios, not the times)`);
  console.log(`${ROUNDS} alternating rounds of RandomForest(${TREES} trees${Object.keys(OPTIONS).length > 0 ? `, ${JSON.stringify(OPTIONS)}` : ''}) on ${X.nRows} x ${X.nCols}; other = ${base}`);
  new Base({ nEstimators: 5 }).fit(X, y);
  new Work({ nEstimators: 5 }).fit(X, y); // JIT warm-up, untimed
  const fit: number[] = [];
  const proba: number[] = [];
  let identical = true;
  for (let r = 0; r < ROUNDS; r++) {
    const forests: Forest[] = [];
    const t: number[] = [];
    for (const F of [Base, Work]) {
      const c = cpuMs();
      forests.push(new F({ nEstimators: TREES, seed: r, ...OPTIONS }).fit(X, y));
      t.push(cpuMs() - c);
    }
    const p: number[] = [];
    for (const f of forests) {
      const c = cpuMs();
      f.predictProba(X);
      p.push(cpuMs() - c);
    }
    const same = hash(forests[0]!) === hash(forests[1]!);
    identical &&= same;
    fit.push(t[1]! / t[0]!);
    proba.push(p[1]! / p[0]!);
    console.log(`  round ${r + 1}: other ${t[0]!.toFixed(0)} ms, this ${t[1]!.toFixed(0)} ms, fit ratio ${fit[r]!.toFixed(3)}, predict_proba ratio ${proba[r]!.toFixed(3)}, ${same ? 'identical forests' : 'DIFFERENT forests'}`);
  }
  console.log(`median fit CPU ratio (this / other): ${median(fit).toFixed(3)}; predict_proba: ${median(proba).toFixed(3)}; forests ${identical ? 'bit-identical in every round' : 'NOT identical'}`);
  console.log(`load average at end: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
}

await main();
