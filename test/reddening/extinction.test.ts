import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../src/core/errors';
import { MAGNITUDE_BANDS } from '../../src/io/schema';
import { PHOTOMETRIC_BANDS } from '../../src/mw/bands';
import { fitzpatrick99 } from '../../src/reddening/extinction';
import { describeWithData, sharedData } from '../helpers/shared-data';

const fixture = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'f99', 'f99.json'), 'utf8')) as {
  wavelengths: number[];
  cases: { rV: number; aV: number; A: number[] }[];
};

describe('fitzpatrick99 against the Python extinction package (fixtures/f99, generate.py)', () => {
  for (const c of fixture.cases) {
    it(`matches at 36 wavelengths 910 Å–30 µm for R_V = ${c.rV}`, () => {
      const a = fitzpatrick99(fixture.wavelengths, c.aV, c.rV);
      let max = 0;
      c.A.forEach((ref, i) => (max = Math.max(max, Math.abs(a[i]! - ref))));
      expect(max).toBeLessThan(1e-12);
    });
  }
});

describe('fitzpatrick99 analytic properties', () => {
  it('gives A_V at the V anchor 5470 Å and A_B - A_V = E(B-V) at 4400 Å for R_V = 3.1 (within the spline’s accuracy)', () => {
    const [aV] = fitzpatrick99([5470], 3.1, 3.1);
    expect(aV).toBeCloseTo(3.1 * (1 + (-5.1354e-2 + 1.00216 * 3.1 - 7.35778e-5 * 3.1 * 3.1 - 3.1) / 3.1), 12);
    const [aB, aV2] = fitzpatrick99([4400, 5500], 3.1, 3.1);
    expect(aB! - aV2!).toBeCloseTo(1, 1);
  });

  it('is linear in A_V and zero at A_V = 0', () => {
    const w = [1500, 5000, 20000];
    const one = fitzpatrick99(w, 1);
    const three = fitzpatrick99(w, 3);
    one.forEach((x, i) => expect(three[i]).toBeCloseTo(3 * x, 12));
    expect(Array.from(fitzpatrick99(w, 0))).toEqual([0, 0, 0]);
  });

  it('decreases with wavelength from the UV bump outwards and vanishes at long wavelengths', () => {
    const w = [3000, 4000, 5000, 7000, 12000, 22000, 46000, 115608, 1e7];
    const a = fitzpatrick99(w, 1);
    for (let i = 1; i < a.length; i++) expect(a[i]!).toBeLessThan(a[i - 1]!);
    expect(a[a.length - 1]!).toBeLessThan(1e-3);
  });

  it('has the 2175 Å bump', () => {
    const [a2000, a2175, a2600] = fitzpatrick99([1900, 2175, 2600], 1);
    expect(a2175!).toBeGreaterThan(a2000!);
    expect(a2175!).toBeGreaterThan(a2600!);
  });

  it('does not mutate its input and returns a new array', () => {
    const w = [5000, 6000];
    const a = fitzpatrick99(w, 1);
    expect(w).toEqual([5000, 6000]);
    expect(a).toBeInstanceOf(Float64Array);
  });

  it('rejects invalid arguments, naming the offending wavelength', () => {
    expect(() => fitzpatrick99([5000], Number.NaN)).toThrow(InvalidArgumentError);
    expect(() => fitzpatrick99([5000], 1, 0)).toThrow(/rV/);
    expect(() => fitzpatrick99([5000, 800], 1)).toThrow(/wavelength 1 is 800/);
    expect(() => fitzpatrick99([-5], 1)).toThrow(InvalidArgumentError);
    expect(() => fitzpatrick99([Number.NaN], 1)).toThrow(InvalidArgumentError);
  });

  it('rejects a negative or non-finite A_V (fitzpatrick99(w, -1) used to return negative extinctions) and R_V <= 0', () => {
    for (const [aV, text] of [[-1, '-1'], [-1e-300, '-1e-300'], [Number.POSITIVE_INFINITY, 'Infinity'], [Number.NEGATIVE_INFINITY, '-Infinity'], [Number.NaN, 'NaN']] as const) {
      expect(() => fitzpatrick99([5000], aV)).toThrow(`fitzpatrick99 requires a non-negative finite aV (mag), got ${text}`);
    }
    for (const rV of [0, -3.1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => fitzpatrick99([5000], 1, rV)).toThrow(`fitzpatrick99 requires a positive finite rV, got ${rV}`);
    }
    expect(Array.from(fitzpatrick99([5000], 0))).toEqual([0]);
    expect(fitzpatrick99([5000], 1, 1e-3)[0]).toBeGreaterThan(0);
  });
});

describeWithData('fitzpatrick99 against the authors’ band corrections (reference/extinction_MWbands.csv)', ['reference/extinction_MWbands.csv'], () => {
  it('reproduces -A_lambda of every band at every E(B-V) = 0…50 within 1e-3 mag', () => {
    const lines = readFileSync(sharedData('reference/extinction_MWbands.csv'), 'utf8').trim().split(/\r?\n/);
    const header = lines[0]!.split(',');
    const wavelengths = MAGNITUDE_BANDS.map((b) => PHOTOMETRIC_BANDS[b].effectiveWavelength);
    const cols = MAGNITUDE_BANDS.map((b) => header.indexOf(`${b}mag_cor`));
    expect(cols.every((c) => c > 0)).toBe(true);
    let max = 0;
    let points = 0;
    for (const line of lines.slice(1)) {
      const cells = line.split(',').map(Number);
      const ebv = cells[header.indexOf('ebv')]!;
      const a = fitzpatrick99(wavelengths, 3.1 * ebv, 3.1);
      cols.forEach((c, k) => {
        max = Math.max(max, Math.abs(-a[k]! - cells[c]!));
        points++;
      });
    }
    expect(points).toBe(501 * 9);
    // measured: 5.7e-14 mag (the tolerance asked for is 1e-3)
    expect(max).toBeLessThan(1e-3);
    expect(max).toBeLessThan(1e-11);
  });
});
