import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { AVERAGE_OUTPUT_COLUMNS } from '../../src/cli/average';
import { runCli } from '../../src/cli/main';
import { readCscDetections, readCsv } from '../../src/node';
import { parseNumberCell } from '../../src/io/cells';
import { averageObservations } from '../../src/xray/averaging';
import { captureCli } from '../helpers/cli';
import { detection, limits, MISSING, perObservationCsv } from '../helpers/csc';
import { describeWithData, sharedData } from '../helpers/shared-data';

const dir = mkdtempSync(join(tmpdir(), 'muwclass-average-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function readBack(path: string): Promise<{ columns: string[]; rows: Record<string, string>[] }> {
  const header = readFileSync(path, 'utf8').split('\n')[0]!.split(',');
  const rows: Record<string, string>[] = [];
  for await (const r of readCsv(path)) rows.push({ ...r.cells });
  return { columns: header, rows };
}

describe('muwclass average', () => {
  const input = file(
    'per.csv',
    perObservationCsv([
      detection({ name: 'A', obsid: 1, kp_prob_b: 0.25, flux_aper90: { s: limits(1e-15, 3e-16, 5e-16), m: limits(2e-15, 4e-16, 4e-16), h: limits(3e-15, 1e-15, 2e-15) } }),
      detection({ name: 'far', obsid: 1, theta: 12.5 }),
      detection({ name: 'A', obsid: 2, kp_prob_b: 0.75, flux_aper90: { s: limits(2e-15, 3e-16, 5e-16), m: limits(1e-15, 2e-16, 4e-16), h: limits(6e-15, 1e-15, 1e-15) } }),
      detection({ name: 'nothing', obsid: 1, flux_aper90: { s: MISSING, m: MISSING, h: MISSING } }),
      detection({ name: 'B', obsid: 1, flux_aper90: { s: MISSING, m: limits(2e-15, 4e-16, 4e-16), h: MISSING } }),
    ]),
  );

  it('is listed by --help', async () => {
    const c = captureCli();
    expect(await runCli(['--help'], c.context)).toBe(0);
    expect(c.out()).toMatch(/average\s+average CSC per-observation detections/);
    const h = captureCli();
    expect(await runCli(['average', '--help'], h.context)).toBe(0);
    expect(h.out()).toMatch(/^Usage: muwclass average <per-observation.csv> -o <sources.csv>/);
  });

  it('writes one row per source in the training-set schema at full precision, and prints the summary', async () => {
    const output = join(dir, 'out.csv');
    const c = captureCli();
    expect(await runCli(['average', input, '-o', output], c.context)).toBe(0);
    const { columns, rows } = await readBack(output);
    expect(columns).toEqual([...AVERAGE_OUTPUT_COLUMNS]);
    expect(columns.slice(0, 14)).toEqual(['CSCv2_name', 'CSCv2_RA', 'CSCv2_DEC', 'CSCv2_PU', 'Fs', 'e_Fs', 'Fm', 'e_Fm', 'Fh', 'e_Fh', 'Fb', 'e_Fb', 'P_intra', 'P_inter']);
    expect(rows.map((r) => r.CSCv2_name)).toEqual(['A', 'B']);

    // every number reads back to exactly the library's double
    const { sources } = averageObservations(await readCscDetections(input));
    sources.forEach((s, i) => {
      expect(parseNumberCell(rows[i]!.Fs)).toBe(s.Fs);
      expect(parseNumberCell(rows[i]!.e_Fb)).toBe(s.e_Fb);
      expect(parseNumberCell(rows[i]!.P_inter)).toBe(s.P_inter);
      expect(parseNumberCell(rows[i]!.chisqr)).toBe(s.chisqr);
      expect(parseNumberCell(rows[i]!.CSCv2_RA)).toBe(s.ra);
    });
    expect(rows[0]).toMatchObject({ CSCv2_PU: '0.77', P_intra: '0.75', n_obs: '2', dof: '1', flux_flag: '0' });
    // missing values are empty cells
    expect(rows[1]).toMatchObject({ P_intra: '', P_inter: '', chisqr: '', dof: '-1', significance_max: '', flux_flag: '5' });

    const err = c.err();
    expect(err).toMatch(/per\.csv: 5 detections of 4 sources/);
    expect(err).toMatch(/used 4 detections; left out 1 off-axis \(theta > 10 arcmin\)/);
    expect(err).toMatch(/wrote 2 sources to .*out\.csv/);
    expect(err).toMatch(/dropped 1 source \(every detection filtered out\): far/);
    expect(err).toMatch(/dropped 1 source \(no s, m or h flux in any detection\): nothing/);
  });

  it('writes CSCv2_PU from the master err_ellipse_r0: the first value present, empty when none has one', async () => {
    const perObs = file(
      'pu.csv',
      perObservationCsv([
        detection({ name: 'P', obsid: 1, err_ellipse_r0: Number.NaN }),
        detection({ name: 'P', obsid: 2, err_ellipse_r0: 1.25 }),
        detection({ name: 'Q', obsid: 1, err_ellipse_r0: Number.NaN }),
      ]),
    );
    const output = join(dir, 'pu-out.csv');
    expect(await runCli(['average', perObs, '-o', output], captureCli().context)).toBe(0);
    const { columns, rows } = await readBack(output);
    expect(columns.slice(0, 4)).toEqual(['CSCv2_name', 'CSCv2_RA', 'CSCv2_DEC', 'CSCv2_PU']);
    expect(rows.map((r) => [r.CSCv2_name, r.CSCv2_PU])).toEqual([['P', '1.25'], ['Q', '']]);
  });

  it('takes the filter thresholds as options', async () => {
    const output = join(dir, 'out2.csv');
    const c = captureCli();
    expect(await runCli(['average', input, '-o', output, '--max-theta', '20', '--max-pileup', '0.5'], c.context)).toBe(0);
    const { rows } = await readBack(output);
    expect(rows.map((r) => r.CSCv2_name)).toEqual(['A', 'far', 'B']);
    expect(c.err()).not.toMatch(/left out/);
  });

  it.each([
    [['average', 'x.csv'], /the output file \(-o <sources.csv>\) is required/],
    [['average', '-o', 'y.csv'], /expected one per-observation CSV file, got 0/],
    [['average', 'a.csv', 'b.csv', '-o', 'y.csv'], /expected one per-observation CSV file, got 2/],
    [['average', 'a.csv', '-o', 'y.csv', '--max-theta', 'ten'], /--max-theta needs a number, got "ten"/],
    [['average', 'a.csv', '-o', 'y.csv', '--frobnicate'], /Unknown option '--frobnicate'/],
  ])('rejects %j with a usage error (exit 2)', async (argv, message) => {
    const c = captureCli();
    expect(await runCli(argv, c.context)).toBe(2);
    expect(c.err()).toMatch(message);
    expect(c.err()).toMatch(/Usage: muwclass average/);
  });

  it('exits 65 naming the file and column of a missing column', async () => {
    const bad = file('nokp.csv', readFileSync(input, 'utf8').replace('kp_prob_b', 'kp_prob'));
    const c = captureCli();
    expect(await runCli(['average', bad, '-o', join(dir, 'never.csv')], c.context)).toBe(65);
    expect(c.err()).toBe('muwclass average: missing required column "kp_prob_b" in nokp.csv\n');
  });

  it('exits 65 naming the file, row and column of invalid flux limits', async () => {
    const text = perObservationCsv([detection({ name: 'A' }), detection({ name: 'C', flux_aper90: { s: { mode: 1e-15, lo: 2e-15, hi: 3e-15 }, m: MISSING, h: MISSING } })]);
    const c = captureCli();
    expect(await runCli(['average', file('badlim.csv', text), '-o', join(dir, 'never.csv')], c.context)).toBe(65);
    expect(c.err()).toMatch(/detection of C \(obsid 100, region \d+, obi 0\): lower limit 2e-15 is above the mode 1e-15/);
    expect(c.err()).toMatch(/in badlim\.csv, row 2, column "flux_aper90_s"/);
  });
});

describeWithData('muwclass average on NGC3532_per.csv', ['csc-perobs/NGC3532_per.csv'], () => {
  it('writes the 373 averaged sources and names the 16 dropped ones', async () => {
    const output = join(dir, 'ngc3532.csv');
    const c = captureCli();
    expect(await runCli(['average', sharedData('csc-perobs/NGC3532_per.csv'), '-o', output], c.context)).toBe(0);
    const { rows } = await readBack(output);
    expect(rows).toHaveLength(373);
    expect(rows[0]!.CSCv2_name).toBe('2CXO J110507.4-585105');
    expect(parseNumberCell(rows[0]!.Fh)).toBe(6.638797884560804e-16);
    expect(c.err()).toMatch(/NGC3532_per\.csv: 389 detections of 389 sources/);
    expect(c.err()).toMatch(/dropped 16 sources \(every detection filtered out\): 2CXO J110624\.5-585251, .*2CXO J110351\.5-585732\n/);
  });
});

describeWithData('muwclass average → match on NGC3532_per.csv', ['csc-perobs/NGC3532_per.csv', 'csc-perobs/NGC3532_ave.csv'], () => {
  it('writes the authors\' err_ellipse_r0 as CSCv2_PU, which match reads without further options', async () => {
    const averaged = join(dir, 'chain-ave.csv');
    expect(await runCli(['average', sharedData('csc-perobs/NGC3532_per.csv'), '-o', averaged], captureCli().context)).toBe(0);
    const { rows } = await readBack(averaged);
    // golden: the authors' averaged table carries the same master err_ellipse_r0 for every source
    const authors = new Map<string, string>();
    for await (const r of readCsv(sharedData('csc-perobs/NGC3532_ave.csv'))) authors.set(r.cells.name!.trim(), r.cells.err_ellipse_r0!);
    expect(rows).toHaveLength(373);
    for (const r of rows) expect(parseNumberCell(r.CSCv2_PU)).toBe(parseNumberCell(authors.get(r.CSCv2_name!)));
    expect(rows[0]).toMatchObject({ CSCv2_name: '2CXO J110507.4-585105', CSCv2_PU: '0.77' });

    // one 2MASS source 0.3" north of the first X-ray source: inside its 95% radius √(0.77² + (2.4477 × 0.08)²)
    const ra0 = parseNumberCell(rows[0]!.CSCv2_RA);
    const dec0 = parseNumberCell(rows[0]!.CSCv2_DEC);
    const tmass = file('chain-tmass.csv', `RAJ2000,DEJ2000,errMaj,Jmag,e_Jmag,Hmag,e_Hmag,Kmag,e_Kmag\n${ra0},${dec0 + 0.3 / 3600},0.08,15.2,0.05,14.7,0.06,14.5,0.07\n`);
    const matched = join(dir, 'chain-match.csv');
    const c = captureCli();
    expect(await runCli(['match', '--xray', averaged, '--tmass', tmass, '-o', matched], c.context)).toBe(0);
    const out = await readBack(matched);
    expect(out.rows).toHaveLength(373);
    expect(out.rows[0]).toMatchObject({ CSCv2_name: '2CXO J110507.4-585105', CSCv2_PU: '0.77', Jmag: '15.2', Kmag: '14.5' });
    expect(Number(out.rows[0]!['2MASS_sep'])).toBeCloseTo(0.3, 6);
    expect(out.rows.slice(1).every((r) => r.Jmag === '')).toBe(true);
  });
});
