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
 *    pairs and bootstrap samples — only the reddening differs). A draw's difference of probabilities is the
 *    systematic shift plus a random part (the forest's response to any change of its training set, different in
 *    every draw, which averages away over draws); the squared systematic shift of a probability is estimated without
 *    bias as m² − v/N (m, v: mean and sample variance of its N per-draw differences), averaged over sources and
 *    classes: S(f)². For a linear response S(f) = s f; s is fitted through the origin over f = 0.1, 0.2, 0.4
 *    (s² = Σ f² S² / Σ f⁴). A source at relative offset x from its bin's E(B−V) is then shifted by s |x|: RMS
 *    s f/√12 for x uniform in ±f/2, at most s f/2.
 * 2. The Monte Carlo noise of the final probabilities after 1,000 draws: the draws' standard deviation / √1000, RMS
 *    over sources and classes (the same average as the shift).
 * 3. On the synthetic 66,000-source Galactic field (bench/galactic-field.ts), for each binning: the models trained
 *    per draw (bins) and every source's shift, s(E_bin) |ln(E_source / E_bin)| with s(E) interpolated in ln E
 *    between the measured E₀ — RMS and 99th percentile over the field. BENCH_SLOPES="E0:s:noise,…" prints this table
 *    from an earlier run's slopes without measuring them again (without ":noise", only the noise is measured).
 *
 * Environment: BENCH_EBV (comma-separated, mag), BENCH_DRAWS (default 4), BENCH_SOURCES (default 400),
 * MUWCLASS_SHARED_DATA. About 100 forest fits: several minutes on 2 cores.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { MonteCarloClassifier, readSourceTable } from '../src/node';
import { binEbv, type EbvBinningOptions } from '../src/reddening';
import { galacticField } from './galactic-field';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.MUWCLASS_SHARED_DATA ?? resolve(here, '..', '..', 'shared', 'data');
const tdPath = join(dataDir, 'td', 'muwclass_td_cscv2.csv');
const E0 = (process.env.BENCH_EBV ?? '1,3,10,30').split(',').map(Number);
const DRAWS = Number(process.env.BENCH_DRAWS ?? 4);
const N_SOURCES = Number(process.env.BENCH_SOURCES ?? 400);
const FIT_F = [0.1, 0.2, 0.4];
const TABLE_F = [0.025, 0.05, 0.1, 0.2, 0.4];
const load = (): string => loadavg().map((v) => v.toFixed(2)).join(' ');

/** The measured systematic slope s = dP/dlnE at E0 and the RMS 1,000-draw noise there. */
interface Slope {
  readonly e0: number;
  readonly s: number;
  readonly noise1000: number;
}

/**
 * s(E): linear in ln E between the measured E0, constant above the largest; below the smallest, proportional to E
 * (probabilities are smooth in E(B−V) at 0, so dP/dlnE = E dP/dE vanishes there).
 */
function slopeAt(rows: readonly Slope[], e: number): number {
  const sorted = [...rows].sort((a, b) => a.e0 - b.e0);
  if (e <= sorted[0]!.e0) return (sorted[0]!.s * e) / sorted[0]!.e0;
  for (let k = 1; k < sorted.length; k++) {
    const a = sorted[k - 1]!;
    const b = sorted[k]!;
    if (e <= b.e0) return a.s + ((b.s - a.s) * Math.log(e / a.e0)) / Math.log(b.e0 / a.e0);
  }
  return sorted[sorted.length - 1]!.s;
}

/**
 * The trade-off on the synthetic Galactic field: for each binning, the models per draw (bins) and the shift of every
 * source's probabilities, s(E_bin) × |ln(E_source / E_bin)| (E floored at 0.01 mag), RMS and 99th percentile over the
 * field's sources, next to the 1,000-draw noise.
 */
function printTable(pool: Parameters<typeof galacticField>[0], rows: readonly Slope[]): void {
  const field = galacticField(pool);
  const noise = Math.sqrt(rows.reduce((a, r) => a + r.noise1000 ** 2, 0) / rows.length);
  console.log(`\nThe trade-off on the synthetic 66,000-source Galactic field (bench/galactic-field.ts); s(E) = ${rows.map((r) => `${r.s.toFixed(3)} at ${r.e0}`).join(', ')} mag:`);
  console.log('| E(B−V) bins | models per draw | RMS probability shift | 99th percentile | RMS 1,000-draw noise |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  const options: { name: string; o: EbvBinningOptions }[] = [
    { name: 'fixed 0.025 mag (paper)', o: { method: 'fixed' } },
    ...TABLE_F.map((f) => ({ name: `adaptive ${100 * f}%`, o: { method: 'adaptive' as const, fraction: f } })),
  ];
  for (const { name, o } of options) {
    const bins = binEbv(field.ebv, o);
    const shift = Float64Array.from(field.ebv, (e, i) => {
      const rep = bins.ebv[bins.binOf[i]!]!;
      return slopeAt(rows, rep) * Math.abs(Math.log(Math.max(e, 0.01) / Math.max(rep, 0.01)));
    });
    const rms = Math.sqrt(shift.reduce((a, v) => a + v * v, 0) / shift.length);
    const p99 = shift.sort()[Math.floor(0.99 * (shift.length - 1))]!;
    console.log(`| ${name} | ${bins.ebv.length} | ${rms.toFixed(4)} | ${p99.toFixed(4)} | ${noise.toFixed(4)} |`);
  }
}

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
  const mc = new MonteCarloClassifier({ nSamples: DRAWS, seed: 'binning', workers: 1, keepDraws: true }).fit(td.sources);
  const classify = async (ebv: number) => mc.predict(sources, { ebv });

  const rows: Slope[] = [];
  if (process.env.BENCH_SLOPES !== undefined) {
    // "E0:s:noise,…" from an earlier run: only the table
    // (without ":noise", the noise is measured: one run of BENCH_DRAWS draws at each E0)
    for (const item of process.env.BENCH_SLOPES.split(',')) {
      const [e0, sl, nz] = item.split(':').map(Number);
      let noise1000 = nz;
      if (noise1000 === undefined) {
        const r = await classify(e0!);
        noise1000 = Math.sqrt((r.std.data.reduce((a, v) => a + v * v, 0) / r.std.data.length) * (DRAWS / (DRAWS - 1)) / 1000);
        console.log(`  E0 = ${e0} mag: RMS 1,000-draw noise ${noise1000.toFixed(4)}`);
      }
      rows.push({ e0: e0!, s: sl!, noise1000 });
    }
    printTable(td.sources, rows);
    return;
  }
  for (const e0 of E0) {
    const s2: number[] = [];
    let noise = 0;
    let nNoise = 0;
    for (const f of FIT_F) {
      const lo = await classify(e0 * (1 - f / 2));
      const hi = await classify(e0 * (1 + f / 2));
      const size = lo.mean.data.length;
      let sum = 0;
      let raw = 0;
      for (let j = 0; j < size; j++) {
        let m = 0;
        let m2 = 0;
        for (let d = 0; d < DRAWS; d++) {
          const x = hi.draws![d]!.data[j]! - lo.draws![d]!.data[j]!;
          const delta = x - m;
          m += delta / (d + 1);
          m2 += delta * (x - m);
        }
        sum += m * m - m2 / (DRAWS - 1) / DRAWS; // unbiased: E[m²] = shift² + variance / N
        raw += (hi.mean.data[j]! - lo.mean.data[j]!) ** 2;
        noise += ((lo.std.data[j]! ** 2 + hi.std.data[j]! ** 2) / 2) * (DRAWS / (DRAWS - 1)); // sample variance of one draw
        nNoise++;
      }
      s2.push(sum / size);
      console.log(`  E0 = ${e0} mag, f = ${f}: RMS difference of the ${DRAWS}-draw means ${Math.sqrt(raw / size).toFixed(4)}; systematic part S = ${Math.sqrt(Math.max(0, sum / size)).toFixed(4)}`);
    }
    const s = Math.sqrt(Math.max(0, FIT_F.reduce((a, f, i) => a + f * f * s2[i]!, 0) / FIT_F.reduce((a, f) => a + f ** 4, 0)));
    const noise1000 = Math.sqrt(noise / nNoise / 1000);
    rows.push({ e0, s, noise1000 });
    console.log(`  E0 = ${e0} mag: systematic dP/dlnE (RMS over sources and classes) s = ${s.toFixed(4)}; RMS 1,000-draw noise ${noise1000.toFixed(4)}`);
  }

  printTable(td.sources, rows);
  console.log(`load average at end: ${load()}`);
}

await main();
