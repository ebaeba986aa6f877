/**
 * How wide can an E(B−V) bin be? The adaptive binning's trade-off, measured: `npm run bench:ebv-binning`.
 *
 * Every source of an adaptive bin [E, E(1+f)) is classified by models trained on AGNs reddened to the bin's one
 * E(B−V), not to its own: a relative error of up to ±f/2 in E(B−V). The cost of a bin is one model per draw, so the
 * relative width f trades models trained against a probability shift. Measured here:
 *
 * 1. The shift: for reference colour excesses E₀ (BENCH_EBV, default 1, 3, 10, 30 mag — the field's quartiles, see
 *    bench/galactic-field.ts), the mean class probabilities of BENCH_SOURCES training-set sources (stratified) over
 *    BENCH_DRAWS Monte Carlo draws (paper features, SMOTE k = 4, 100 trees) with the AGNs reddened to E₀(1 − f/2) and
 *    to E₀(1 + f/2), with common random numbers (identical seeds: the same training-set and source draws, SMOTE
 *    pairs and bootstrap samples — only the reddening differs). The RMS difference D(f) over sources and classes
 *    grows as the reddening difference grows, on top of a floor c from the forest's sensitivity to any change of
 *    its training set (which averages away over draws): D(f)² = (s f)² + c², fitted over f = 0.1, 0.2, 0.4. A source
 *    at relative offset x from its bin's E(B−V) is then shifted by s |x|: RMS s f/√12 for x uniform in ±f/2.
 * 2. The Monte Carlo noise of the final probabilities after 1,000 draws: the draws' standard deviation / √1000,
 *    averaged over sources and classes.
 * 3. The models trained: bins of the synthetic 66,000-source Galactic field for each f.
 *
 * Environment: BENCH_EBV (comma-separated, mag), BENCH_DRAWS (default 4), BENCH_SOURCES (default 400),
 * MUWCLASS_SHARED_DATA. About 100 forest fits: several minutes on 2 cores.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { MonteCarloClassifier, readSourceTable } from '../src/node';
import { binEbv } from '../src/reddening';
import { galacticField } from './galactic-field';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.MUWCLASS_SHARED_DATA ?? resolve(here, '..', '..', 'shared', 'data');
const tdPath = join(dataDir, 'td', 'muwclass_td_cscv2.csv');
const E0 = (process.env.BENCH_EBV ?? '1,3,10,30').split(',').map(Number);
const DRAWS = Number(process.env.BENCH_DRAWS ?? 4);
const N_SOURCES = Number(process.env.BENCH_SOURCES ?? 400);
const FIT_F = [0.1, 0.2, 0.4];
const TABLE_F = [0.025, 0.05, 0.1, 0.2];
const load = (): string => loadavg().map((v) => v.toFixed(2)).join(' ');

async function main(): Promise<void> {
  if (!existsSync(tdPath)) {
    console.log(`bench:ebv-binning skipped: needs ${tdPath} (public reference data, see README "Reference data")`);
    return;
  }
  console.log(`muwclass E(B-V) binning trade-off — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, node ${process.version}; load average ${load()}`);
  const td = await readSourceTable(tdPath, { requireLabel: true });
  // every k-th source: all classes in their proportions
  const step = td.sources.length / N_SOURCES;
  const sources = Array.from({ length: N_SOURCES }, (_, i) => td.sources[Math.floor(i * step)]!).map(({ label: _, ...s }) => s);
  const mc = new MonteCarloClassifier({ nSamples: DRAWS, seed: 'binning', workers: 1 }).fit(td.sources);
  const classify = async (ebv: number) => mc.predict(sources, { ebv });

  const rows: { e0: number; s: number; c: number; noise1000: number }[] = [];
  for (const e0 of E0) {
    const d2: number[] = [];
    let noise = 0;
    let nNoise = 0;
    for (const f of FIT_F) {
      const lo = await classify(e0 * (1 - f / 2));
      const hi = await classify(e0 * (1 + f / 2));
      let ss = 0;
      let n = 0;
      const a = lo.mean.data;
      const z = hi.mean.data;
      for (let j = 0; j < a.length; j++) {
        const d = z[j]! - a[j]!;
        ss += d * d;
        n++;
        noise += (lo.std.data[j]! + hi.std.data[j]!) / 2;
        nNoise++;
      }
      d2.push(ss / n);
      console.log(`  E0 = ${e0} mag, f = ${f}: RMS difference of the mean probabilities ${Math.sqrt(ss / n).toFixed(4)}`);
    }
    // least squares of D² = s² f² + c² over the f values
    const x = FIT_F.map((f) => f * f);
    const mx = x.reduce((a, v) => a + v, 0) / x.length;
    const my = d2.reduce((a, v) => a + v, 0) / d2.length;
    const slope = x.reduce((a, v, i) => a + (v - mx) * (d2[i]! - my), 0) / x.reduce((a, v) => a + (v - mx) ** 2, 0);
    const s = Math.sqrt(Math.max(0, slope));
    const c = Math.sqrt(Math.max(0, my - slope * mx));
    rows.push({ e0, s, c, noise1000: noise / nNoise / Math.sqrt(1000) });
    console.log(`  E0 = ${e0} mag: dP/dlnE (RMS) s = ${s.toFixed(4)}, floor c = ${c.toFixed(4)}, 1,000-draw noise ${(noise / nNoise / Math.sqrt(1000)).toFixed(4)}`);
  }

  const field = galacticField(td.sources);
  const sMax = Math.max(...rows.map((r) => r.s));
  const noise = rows.reduce((a, r) => a + r.noise1000, 0) / rows.length;
  console.log(`\nShift of the probabilities by binning (RMS over sources and classes; s = ${rows.map((r) => `${r.s.toFixed(4)} at ${r.e0}`).join(', ')} mag — the largest used):`);
  console.log('| relative bin width f | bins for the 66,000-source field | RMS shift s f/√12 | largest shift s f/2 | 1,000-draw noise |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  for (const f of TABLE_F) {
    const bins = binEbv(field.ebv, { method: 'adaptive', fraction: f }).ebv.length;
    console.log(`| ${100 * f}% | ${bins} | ${((sMax * f) / Math.sqrt(12)).toFixed(4)} | ${((sMax * f) / 2).toFixed(4)} | ${noise.toFixed(4)} |`);
  }
  console.log(`load average at end: ${load()}`);
}

await main();
