/**
 * Benchmark: the per-(draw, E(B-V) bin) work of the Monte Carlo pipeline on the paper's training set — redden the
 * 1,390 training AGNs to one E(B-V) (tbabs band factors + Fitzpatrick 1999), build the 29 paper features of all
 * 2,941 sources, flag missing values with -100 — against a peer doing the same steps the authors' way in
 * numpy/scipy (`bench/peers/reddened_features.py`, run with Debian's /usr/bin/python3), alternating, in one run.
 *
 * Run: `npm run bench:reddened-features` (needs ../shared/data and /usr/bin/python3 with numpy, scipy, extinction).
 * Timings on a shared machine are noisy: compare the ratio, not the milliseconds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { zeros } from '../src/core/matrix';
import { selectSourceRows, toSourceColumns } from '../src/io/source-columns';
import { FeatureSet, flagMissing } from '../src/features';
import { reddenColumns, reddeningModel, XrayAbsorber } from '../src/reddening';
import { readSourceTable, readTbabsData } from '../src/node/io';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const data = process.env.MUWCLASS_SHARED_DATA ?? resolve(root, '..', 'shared', 'data');
const tdPath = resolve(data, 'td/muwclass_td_cscv2.csv');
const tbabsPath = resolve(data, 'reference/tbabs.data');
if (!existsSync(tdPath) || !existsSync(tbabsPath)) {
  console.log(`skipped: needs ${tdPath} and ${tbabsPath}`);
  process.exit(0);
}
const EBV = 0.8;
const REPEATS = 200;

const td = await readSourceTable(tdPath, { requireLabel: true });
const columns = toSourceColumns(td.sources);
const agnRows = Int32Array.from(td.sources.flatMap((s, i) => (s.label === 'AGN' ? [i] : [])));
const otherRows = Int32Array.from(td.sources.flatMap((s, i) => (s.label === 'AGN' ? [] : [i])));
const absorber = new XrayAbsorber({ crossSection: await readTbabsData(tbabsPath) });
const features = FeatureSet.paper();
const agn = selectSourceRows(columns, agnRows); // once per draw
const X = zeros(td.sources.length, features.size);
const ready = zeros(td.sources.length, features.size); // the flagged matrix handed to the classifier
features.buildInto(columns, X, { rows: otherRows }); // once per draw

let model = reddeningModel(EBV, { absorber });

/** Once per E(B-V) bin: the band factors and extinctions. */
function perBin(): void {
  model = reddeningModel(EBV, { absorber });
}

/** Once per (draw, bin): redden the AGN rows, build their features into the training matrix, flag missing. */
function perDrawAndBin(): number {
  const reddened = reddenColumns(agn, model);
  features.buildInto(reddened, X, { rowOffset: otherRows.length });
  flagMissing(X, -100, { into: ready });
  return ready.data[ready.data.length - 1]!;
}

function time(f: () => unknown): number {
  for (let r = 0; r < 20; r++) f();
  const t = performance.now();
  for (let r = 0; r < REPEATS; r++) f();
  return (performance.now() - t) / REPEATS;
}

function timePeer(): { model_ms: number; apply_ms: number } {
  const out = spawnSync('/usr/bin/python3', [resolve(root, 'bench/peers/reddened_features.py'), tdPath, tbabsPath, String(REPEATS), String(EBV)], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`peer failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim()) as { model_ms: number; apply_ms: number };
}

const rounds = { oursModel: [] as number[], oursApply: [] as number[], peerModel: [] as number[], peerApply: [] as number[] };
for (let round = 0; round < 3; round++) {
  rounds.oursModel.push(time(perBin));
  rounds.oursApply.push(time(perDrawAndBin));
  const p = timePeer();
  rounds.peerModel.push(p.model_ms);
  rounds.peerApply.push(p.apply_ms);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const row = (label: string, ours: number[], peer: number[]): string =>
  `  ${label.padEnd(46)} ${median(ours).toFixed(3).padStart(8)} ms ${median(peer).toFixed(3).padStart(8)} ms ${(median(peer) / median(ours)).toFixed(1).padStart(6)}x`;
console.log(`E(B-V) = ${EBV}; ${agnRows.length} AGNs of ${td.sources.length} sources; medians of 3 alternating rounds of ${REPEATS}`);
console.log(`  ${''.padEnd(46)} ${'muwclass'.padStart(11)} ${'numpy peer'.padStart(11)} ${'ratio'.padStart(7)}`);
console.log(row('per bin: tbabs band factors + F99', rounds.oursModel, rounds.peerModel));
console.log(row('per (draw, bin): redden AGNs, 29 features, -100', rounds.oursApply, rounds.peerApply));
