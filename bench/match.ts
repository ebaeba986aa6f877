/**
 * Benchmark: match 10⁵ X-ray positions against a 10⁶-row synthetic catalog.
 *
 *   npm run bench:match            (MATCH_BENCH_ROUNDS=3 by default)
 *
 * The catalog is uniform on a 3° × 3° patch at δ = −30° (≈1.1 × 10⁵ sources deg⁻², a Galactic-plane Gaia
 * density: ≈2.7 sources within 10″). Each round times, alternating, muwclass (`SkyIndex` build +
 * `matchCounterparts` + `chanceCoincidence`) and the peers doing the same nearest-within-10″ search:
 * geokdbush (kdbush + great-circle kNN, the maintained JS alternative we evaluated) and, when Debian's
 * scikit-learn is installed (/usr/bin/python3), sklearn's BallTree with the haversine metric. Medians and
 * ratios are printed; the machine is shared, so absolute times are noisy.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import KDBush from 'kdbush';
import { around } from 'geokdbush';

import { createRng } from '../src/core/random';
import { createCatalog } from '../src/field/catalog';
import { chanceCoincidence } from '../src/field/chance-coincidence';
import { matchCounterparts } from '../src/field/match-counterparts';

const N_CATALOG = 1_000_000;
const N_XRAY = 100_000;
const ROUNDS = Number(process.env.MATCH_BENCH_ROUNDS ?? 3);
const SEARCH = 10; // arcsec

const rng = createRng('bench-match');
const ra = new Float64Array(N_CATALOG);
const dec = new Float64Array(N_CATALOG);
for (let i = 0; i < N_CATALOG; i++) {
  ra[i] = 178.5 + 3 * rng();
  dec[i] = -31.5 + 3 * rng();
}
const sigma = new Float64Array(N_CATALOG).fill(0.1);
const g = new Float64Array(N_CATALOG);
for (let i = 0; i < N_CATALOG; i++) g[i] = 14 + 7 * rng();
const xray = Array.from({ length: N_XRAY }, () => ({ ra: 178.5 + 3 * rng(), dec: -31.5 + 3 * rng(), pu: 0.71 + 2 * rng() }));

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[xs.length >> 1]!;

function ours(): { ms: number; matched: number; pccMs: number } {
  const t0 = performance.now();
  // A fresh catalog object each round, so the index is built (not taken from the cache) inside the timing.
  const catalog = createCatalog({ name: 'Synthetic', ra, dec, sigma, bands: { G: { mag: g } } });
  const m = matchCounterparts(xray, catalog, { searchRadius: SEARCH });
  const t1 = performance.now();
  chanceCoincidence(xray, catalog);
  const t2 = performance.now();
  let matched = 0;
  for (let i = 0; i < N_XRAY; i++) if (m.index[i]! >= 0) matched++;
  return { ms: t1 - t0, matched, pccMs: t2 - t1 };
}

function geokdbushPeer(): { ms: number; found: number } {
  const t0 = performance.now();
  const index = new KDBush(N_CATALOG);
  for (let i = 0; i < N_CATALOG; i++) index.add(ra[i]! > 180 ? ra[i]! - 360 : ra[i]!, dec[i]!);
  index.finish();
  const km = ((SEARCH / 3600) * Math.PI * 6371) / 180; // geokdbush measures on an Earth of radius 6371 km
  let found = 0;
  for (const s of xray) if (around(index, s.ra > 180 ? s.ra - 360 : s.ra, s.dec, 1, km).length > 0) found++;
  return { ms: performance.now() - t0, found };
}

function sklearnPeer(): number | undefined {
  if (!existsSync('/usr/bin/python3')) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'muwclass-bench-'));
  const cat = join(dir, 'cat.f64');
  const q = join(dir, 'q.f64');
  const catBuf = new Float64Array(2 * N_CATALOG);
  for (let i = 0; i < N_CATALOG; i++) {
    catBuf[2 * i] = dec[i]!;
    catBuf[2 * i + 1] = ra[i]!;
  }
  const qBuf = new Float64Array(2 * N_XRAY);
  xray.forEach((s, i) => {
    qBuf[2 * i] = s.dec;
    qBuf[2 * i + 1] = s.ra;
  });
  writeFileSync(cat, Buffer.from(catBuf.buffer));
  writeFileSync(q, Buffer.from(qBuf.buffer));
  const script = [
    'import sys, time, numpy as np',
    'from sklearn.neighbors import BallTree',
    'c = np.radians(np.fromfile(sys.argv[1]).reshape(-1, 2)); q = np.radians(np.fromfile(sys.argv[2]).reshape(-1, 2))',
    't = time.perf_counter(); tree = BallTree(c, metric="haversine")',
    'd, i = tree.query(q, k=1); found = int((d[:, 0] <= np.radians(10 / 3600)).sum())',
    'print((time.perf_counter() - t) * 1000, found)',
  ].join('\n');
  try {
    const out = execFileSync('/usr/bin/python3', ['-c', script, cat, q], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return Number(out.trim().split(/\s+/)[0]);
  } catch {
    return undefined;
  }
}

const times = { ours: [] as number[], pcc: [] as number[], geokdbush: [] as number[], sklearn: [] as number[] };
let matched = 0;
for (let round = 0; round < ROUNDS; round++) {
  const a = ours();
  times.ours.push(a.ms);
  times.pcc.push(a.pccMs);
  matched = a.matched;
  const b = geokdbushPeer();
  times.geokdbush.push(b.ms);
  const c = round === 0 ? sklearnPeer() : undefined;
  if (c !== undefined) times.sklearn.push(c);
  console.log(`round ${round + 1}: muwclass ${a.ms.toFixed(0)} ms (+ chance coincidence ${a.pccMs.toFixed(0)} ms), geokdbush ${b.ms.toFixed(0)} ms${c === undefined ? '' : `, sklearn BallTree ${c.toFixed(0)} ms`}`);
}
const oursMs = median(times.ours);
console.log(`\n${N_XRAY} X-ray positions x ${N_CATALOG} catalog rows, ${ROUNDS} rounds (medians; shared machine: noisy)`);
console.log(`muwclass matchCounterparts (index build + match): ${(oursMs / 1000).toFixed(2)} s, ${matched} accepted counterparts`);
console.log(`muwclass chanceCoincidence (cached index):        ${(median(times.pcc) / 1000).toFixed(2)} s`);
console.log(`geokdbush (build + nearest within 10"):           ${(median(times.geokdbush) / 1000).toFixed(2)} s  -> muwclass is ${(median(times.geokdbush) / oursMs).toFixed(1)}x faster`);
if (times.sklearn.length > 0) {
  console.log(`sklearn BallTree haversine (build + 1-NN):        ${(median(times.sklearn) / 1000).toFixed(2)} s  -> muwclass is ${(median(times.sklearn) / oursMs).toFixed(1)}x faster`);
}
