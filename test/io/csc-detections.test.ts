import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { InvalidValueError, MalformedNumberError, MissingColumnError, ParseError } from '../../src/core/errors';
import { CSC_DETECTION_SCHEMA, cscDetectionSchema } from '../../src/io/csc-detections';
import { readCscDetections } from '../../src/node';
import { detection, MISSING, perObservationCsv } from '../helpers/csc';
import { describeWithData, sharedData } from '../helpers/shared-data';

const dir = mkdtempSync(join(tmpdir(), 'muwclass-csc-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describeWithData('readCscDetections on NGC3532_per.csv', ['csc-perobs/NGC3532_per.csv'], () => {
  it('reads all 389 detections with padded blanks, TRUE/False flags, sexagesimal positions and missing bands', async () => {
    const ds = await readCscDetections(sharedData('csc-perobs/NGC3532_per.csv'));
    expect(ds).toHaveLength(389);
    const d = ds[0]!;
    // first row: "2CXO J110507.4-585105", " 11 05 07.45", "-58 51 05.47", no soft band, kp_prob_b "    0.929"
    expect(d.name).toBe('2CXO J110507.4-585105');
    expect(d.ra).toBeCloseTo(166.28104166666665, 12);
    expect(d.dec).toBeCloseTo(-58.85151944444445, 12);
    expect(d).toMatchObject({ obsid: 8941, region_id: 67, obi: 1, instrument: 'ACIS', theta: 0.399, kp_prob_b: 0.929, flux_significance_b: 2.81 });
    expect(d.sat_src_flag).toBe(false);
    expect(d.streak_src_flag).toBe(false);
    expect(d.flux_aper90.h).toEqual({ mode: 6.638e-16, lo: 2.697e-16, hi: 1.058e-15 });
    expect(d.flux_aper90.s.mode).toBeNaN();
    expect(d.flux_aper90.b).toBeDefined();
    expect(d.row).toBe(1);
    expect(ds[388]!.row).toBe(389);
  });
});

describe('readCscDetections', () => {
  it('reads the per-observation (.1) copies, not the master-level columns', async () => {
    const d0 = detection({ name: 'J1', obsid: 4, region_id: 2, obi: 0, sat_src_flag: false, streak_src_flag: undefined, kp_prob_b: Number.NaN });
    const path = file('one.csv', perObservationCsv([d0]));
    const [d] = await readCscDetections(path);
    expect(d!.sat_src_flag).toBe(false); // master sat_src_flag is TRUE
    expect(d!.streak_src_flag).toBeUndefined();
    expect(d!.kp_prob_b).toBeNaN();
    expect(d!.flux_aper90.s).toEqual({ mode: 1e-15, lo: 7e-16, hi: 1.5e-15 }); // master flux_aper90_s is 9e-10
    expect(d!.flux_aper90.b).toEqual(MISSING);
  });

  it('accepts positions in degrees and a file without the .1 suffix', async () => {
    const path = file(
      'plain.csv',
      [
        'name,ra,dec,obsid,region_id,obi,instrument,theta,pileup_warning,sat_src_flag,streak_src_flag,kp_prob_b,flux_significance_b,' +
          'flux_aper90_s,flux_aper90_lolim_s,flux_aper90_hilim_s,flux_aper90_m,flux_aper90_lolim_m,flux_aper90_hilim_m,flux_aper90_h,flux_aper90_lolim_h,flux_aper90_hilim_h',
        'J2,166.5,-58.25,1,2,0,ACIS,3,0.01,false,FALSE,0.5,3,1e-15,5e-16,2e-15,,,,0,0,1e-15',
      ].join('\n'),
    );
    const [d] = await readCscDetections(path, { perObservationSuffix: '' });
    expect(d).toMatchObject({ name: 'J2', ra: 166.5, dec: -58.25, obsid: 1 });
    expect(d!.err_ellipse_r0).toBeNaN();
    expect(d!.flux_aper90.b).toBeUndefined();
    expect(d!.flux_aper90.m.mode).toBeNaN();
    expect(d!.flux_aper90.h).toEqual({ mode: 0, lo: 0, hi: 1e-15 });
  });

  it('names the file and column of a missing required column', async () => {
    const path = file('nokp.csv', perObservationCsv([detection()]).replace('kp_prob_b', 'kp_prob_x'));
    await expect(readCscDetections(path, { sourceName: 'nokp.csv' })).rejects.toThrow(new MissingColumnError('kp_prob_b', 'nokp.csv').message);
    await expect(readCscDetections(path, { sourceName: 'nokp.csv', perObservationSuffix: '.2' })).rejects.toThrow(MissingColumnError);
  });

  it('names the file, row and column of a malformed number, flag or coordinate', async () => {
    const text = perObservationCsv([detection(), detection({ theta: 2.5 })]);
    const lines = text.trimEnd().split('\n');
    await expect(readCscDetections(file('num.csv', lines.join('\n').replace(',2.5,', ',2x,')), { sourceName: 'num.csv' })).rejects.toThrow(
      new MalformedNumberError('2x', { source: 'num.csv', row: 2, column: 'theta' }).message,
    );
    await expect(readCscDetections(file('flag.csv', text.replace(',True,', ',yes,').replace(',False,', ',yes,')), { sourceName: 'flag.csv' })).rejects.toThrow(InvalidValueError);
    await expect(readCscDetections(file('flag2.csv', text.replace(',False,', ',maybe,')), { sourceName: 'flag2.csv' })).rejects.toThrow(
      /malformed boolean "maybe" \(in flag2.csv, row 1, column "sat_src_flag.1"\)/,
    );
    await expect(readCscDetections(file('ra.csv', text.replace(' 11 05 07.45', '25 05 07.45')), { sourceName: 'ra.csv' })).rejects.toThrow(ParseError);
  });

  it('rejects a negative off-axis angle and positions in degrees out of range, naming file, row, column, value and range', async () => {
    const text = perObservationCsv([detection(), detection({ theta: -0.5 })]);
    const e = await readCscDetections(file('theta.csv', text), { sourceName: 'theta.csv' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidValueError);
    expect((e as InvalidValueError).message).toBe('value -0.5 is outside the column\'s range [0, ∞) (in theta.csv, row 2, column "theta")');
    const one = perObservationCsv([detection()]);
    for (const [from, to, message] of [
      [' 11 05 07.45', '400', 'right ascension 400 deg is outside [0, 360) (in deg.csv, row 1, column "ra")'],
      [' 11 05 07.45', '360', 'right ascension 360 deg is outside [0, 360) (in deg.csv, row 1, column "ra")'],
      [' 11 05 07.45', '-1', 'right ascension -1 deg is outside [0, 360) (in deg.csv, row 1, column "ra")'],
      ['-58 51 05.47', '-95', 'declination -95 deg is outside [-90, 90] (in deg.csv, row 1, column "dec")'],
      ['-58 51 05.47', '1e400', 'number "1e400" is not finite (beyond the range of a double) (in deg.csv, row 1, column "dec")'],
    ] as const) {
      await expect(readCscDetections(file('deg.csv', one.replace(from, to)), { sourceName: 'deg.csv' }), to).rejects.toThrow(message);
    }
    // the bounds themselves are positions
    const [d] = await readCscDetections(file('edge.csv', one.replace(' 11 05 07.45', '0').replace('-58 51 05.47', '90')));
    expect([d!.ra, d!.dec, d!.theta]).toEqual([0, 90, 1]);
  });

  it('rejects a row cut short (it used to be read with empty cells)', async () => {
    const lines = perObservationCsv([detection(), detection()]).trimEnd().split('\n');
    lines[2] = lines[2]!.split(',').slice(0, 12).join(',');
    await expect(readCscDetections(file('short.csv', lines.join('\n')), { sourceName: 'short.csv' })).rejects.toThrow(
      'row has 12 cells but the header has 32 (in short.csv, row 2)',
    );
  });

  it('rejects a header that repeats a name unsuffixed, and reads it with duplicateColumns: rename', async () => {
    const text = perObservationCsv([detection({ sat_src_flag: true })]).replace('sat_src_flag.1', 'sat_src_flag');
    await expect(readCscDetections(file('dup.csv', text), { sourceName: 'dup.csv' })).rejects.toThrow(
      'column name "sat_src_flag" appears twice, as columns 6 and 18',
    );
    const [d] = await readCscDetections(file('dup.csv', text), { duplicateColumns: 'rename' });
    expect(d!.sat_src_flag).toBe(true);
  });

  it('exposes its schema with the real column names', () => {
    expect(Object.keys(CSC_DETECTION_SCHEMA)).toEqual(Object.keys(cscDetectionSchema('.1')));
    expect(CSC_DETECTION_SCHEMA['flux_aper90_hilim_h.1']).toEqual({ type: 'number', required: true });
    expect(CSC_DETECTION_SCHEMA.theta).toEqual({ type: 'number', min: 0 });
    expect(CSC_DETECTION_SCHEMA['flux_aper90_b.1']).toEqual({ type: 'number', required: false });
    expect(CSC_DETECTION_SCHEMA['streak_src_flag.1']).toEqual({ type: 'boolean' });
  });
});
