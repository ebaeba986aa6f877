/**
 * SMOTE on the paper's training set, muwclass against imbalanced-learn: `npm run bench:smote`.
 *
 * The same 2,941 x 29 feature matrix (the library's `FeatureSet.paper()` on
 * ../shared/data/td/muwclass_td_cscv2.csv, missing values NaN, bench/td-matrix.ts) goes into both:
 * - muwclass `new Smote({ k: 4, seed })` (every class up to the largest: 2,941 → 11,120 rows);
 * - imbalanced-learn `SMOTE(k_neighbors=4)` with the authors' missing-value recipe (NaN → −9,999,999, synthetic
 *   values below the training minimum back to NaN; bench/smote_peer.py), one thread.
 * Rounds alternate (muwclass BENCH_REPEATS calls, then the Python peer's BENCH_REPEATS calls in one process);
 * the medians over all calls and their ratio are printed, and the first (cold) muwclass call separately.
 *
 * Environment: BENCH_ROUNDS (default 3), BENCH_REPEATS (calls per round, default 20), MUWCLASS_SHARED_DATA.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Smote } from '../src/ml';
import { tdFeatureMatrix } from './td-matrix';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.MUWCLASS_SHARED_DATA ?? resolve(here, '..', '..', 'shared', 'data');
const tdPath = join(dataDir, 'td', 'muwclass_td_cscv2.csv');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 20);
const PYTHON = '/usr/bin/python3';

const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const load = (): string => loadavg().map((v) => v.toFixed(2)).join(' ');

async function main(): Promise<void> {
  if (!existsSync(tdPath)) {
    console.log(`bench:smote skipped: needs ${tdPath} (public reference data, see README "Reference data")`);
    return;
  }
  console.log(`muwclass SMOTE benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, node ${process.version}`);
  console.log(`load average at start: ${load()} (other processes share this machine: compare the ratio, not the times)`);
  const td = await tdFeatureMatrix(tdPath);
  const m = td.withNaN;
  const dir = mkdtempSync(join(tmpdir(), 'muwclass-smote-'));
  const xPath = join(dir, 'X.f64');
  const yPath = join(dir, 'y.json');
  writeFileSync(xPath, Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
  writeFileSync(yPath, JSON.stringify(td.y));
  const hasPeer = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import imblearn'], { stdio: 'ignore' }).status === 0;
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

  const ours: number[] = [];
  const peer: number[] = [];
  let cold = Number.NaN;
  let rows = 0;
  let peerRows = 0;
  let version = '';
  try {
    for (let r = 0; r < ROUNDS; r++) {
      for (let i = 0; i < REPEATS; i++) {
        const t0 = performance.now();
        const out = new Smote({ k: 4, seed: r * REPEATS + i }).fitResample(m, td.y);
        const ms = performance.now() - t0;
        if (r === 0 && i === 0) cold = ms;
        else ours.push(ms);
        rows = out.y.length;
      }
      if (hasPeer) {
        const run = spawnSync(PYTHON, [join(here, 'smote_peer.py'), xPath, yPath, String(m.nRows), String(m.nCols), String(REPEATS)], { env, encoding: 'utf8' });
        if (run.status !== 0) throw new Error(`smote_peer.py failed: ${run.stderr}`);
        const reply = JSON.parse(run.stdout.trim().split('\n').pop()!) as { ms: number[]; rows: number; imblearn: string };
        peer.push(...reply.ms);
        peerRows = reply.rows;
        version = reply.imblearn;
      }
      console.log(`  round ${r + 1}/${ROUNDS}: muwclass median ${median(ours).toFixed(1)} ms${hasPeer ? `, imbalanced-learn median ${median(peer).toFixed(1)} ms` : ''}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nSMOTE k = 4, ${m.nRows} x ${m.nCols} → ${rows} rows, one thread, median of ${ours.length} calls each (alternating rounds):`);
  console.log('| implementation | median | first call |');
  console.log('| --- | ---: | ---: |');
  console.log(`| muwclass Smote | ${median(ours).toFixed(1)} ms | ${cold.toFixed(1)} ms |`);
  if (hasPeer) {
    console.log(`| imbalanced-learn ${version} SMOTE (authors' recipe) | ${median(peer).toFixed(1)} ms | |`);
    if (peerRows !== rows) console.log(`WARNING: imbalanced-learn made ${peerRows} rows, muwclass ${rows}`);
    const ratio = median(ours) / median(peer);
    console.log(`ratio muwclass / imbalanced-learn: ${ratio.toFixed(2)}x (${ratio <= 1 ? 'target met: at least as fast' : 'SLOWER than imbalanced-learn'})`);
  } else {
    console.log('imbalanced-learn skipped: /usr/bin/python3 with imbalanced-learn not found (Debian: apt-get install python3-imblearn)');
  }
  console.log(`load average at end: ${load()}`);
}

await main();
