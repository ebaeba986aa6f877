import { describe, expect, it } from 'vitest';

import { createCatalog } from '../../src/field/catalog';
import { matchCounterparts } from '../../src/field/match-counterparts';
import { combineWise } from '../../src/field/wise-priority';
import { fieldMatchRecords, matchField } from '../../src/field/match-field';
import { InvalidValueError } from '../../src/core/errors';

const AS = 1 / 3600;
/** pu such that sigma_x = 0.5": 0.5 x 2.4477. */
const PU = 0.5 * Math.sqrt(2 * Math.log(20));
/** The 2-sigma combined radius with a catalog sigma of 0.1": 2 sqrt(0.5^2 + 0.1^2). */
const R2 = 2 * Math.hypot(0.5, 0.1);

describe('matchCounterparts: nearest within the search radius, kept inside the combined 2-sigma radius', () => {
  const xray = [
    { ra: 150, dec: 2, pu: PU }, // 0: counterpart just inside
    { ra: 151, dec: 2, pu: PU }, // 1: counterpart just outside
    { ra: 152, dec: 2, pu: PU }, // 2: two candidates, nearer inside
    { ra: 153, dec: 2, pu: PU }, // 3: nearer rejected, farther (large sigma) would fit: none
    { ra: 154, dec: 2, pu: PU }, // 4: nothing within 10"
    { ra: 155, dec: 2, pu: PU }, // 5: a source at 9.9" only
  ];
  const cat = createCatalog({
    name: 'Gaia',
    ra: [150, 151, 152, 152, 153, 153, 155],
    dec: [2 + (R2 - 1e-6) * AS, 2 + (R2 + 1e-6) * AS, 2 + 0.5 * AS, 2 - 0.8 * AS, 2 + 1.5 * AS, 2 - 2 * AS, 2 + 9.9 * AS],
    sigma: [0.1, 0.1, 0.1, 0.1, 0.1, 1.5, 0.1],
    bands: { G: { mag: [17, 18, 19, 20, 21, 22, 23], err: [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07] } },
  });
  const m = matchCounterparts(xray, cat, { level: '2sigma' });

  it('accepts a counterpart just inside and rejects one just outside the radius', () => {
    expect(m.index[0]).toBe(0);
    expect(m.separation[0]).toBeCloseTo(R2 - 1e-6, 9);
    expect(m.radius[0]).toBeCloseTo(R2, 14);
    expect(m.index[1]).toBe(-1);
    expect(m.nearest[1]).toBe(1);
    expect(m.separation[1]).toBeCloseTo(R2 + 1e-6, 9);
  });

  it('takes the nearer of two candidates and reports both as candidates', () => {
    expect(m.index[2]).toBe(2);
    expect(m.candidates[2]).toBe(2);
    expect(m.bands.G!.mag[2]).toBe(19);
    expect(m.bands.G!.err[2]).toBe(0.03);
  });

  it('does not fall back to a farther candidate when the nearest is rejected (as in the paper)', () => {
    expect(m.nearest[3]).toBe(4);
    expect(m.index[3]).toBe(-1);
    expect(m.bands.G!.mag[3]).toBeNaN();
  });

  it('reports no candidate as -1 / NaN, and honours the search radius', () => {
    expect(m.index[4]).toBe(-1);
    expect(m.nearest[4]).toBe(-1);
    expect(m.candidates[4]).toBe(0);
    expect(m.separation[4]).toBeNaN();
    expect(m.radius[4]).toBeNaN();
    expect(m.candidates[5]).toBe(1);
    expect(matchCounterparts(xray, cat, { searchRadius: 9.8 }).candidates[5]).toBe(0);
  });

  it('by default matches at the paper\'s "2 sigma", the 95% radius, which accepts the just-outside counterpart', () => {
    const wide = matchCounterparts(xray, cat);
    expect(wide).toEqual(matchCounterparts(xray, cat, { level: '95%' }));
    expect(wide.index[1]).toBe(1);
    expect(wide.radius[1]).toBeCloseTo(Math.sqrt(2 * Math.log(20)) * Math.hypot(0.5, 0.1), 12);
  });

  it('propagates Gaia proper motions to the X-ray epoch when asked', () => {
    const gaia = createCatalog({ name: 'Gaia', ra: [150], dec: [2 + 10 * AS], sigma: 0.01, astrometry: { epoch: 2016, pmRa: [0], pmDec: [1000] } });
    const x = [{ ra: 150, dec: 2, pu: 0.71 }];
    expect(matchCounterparts(x, gaia).index[0]).toBe(-1);
    const moved = matchCounterparts(x, gaia, { epoch: 2006 });
    expect(moved.index[0]).toBe(0);
    expect(moved.separation[0]).toBeLessThan(1e-6);
  });

  it('rejects a missing coordinate and a negative error with a clear message', () => {
    expect(() => matchCounterparts([{ ra: Number.NaN, dec: 0, pu: 1 }], cat)).toThrow(InvalidValueError);
    expect(() => matchCounterparts([{ ra: 1, dec: 0, pu: 1 }, { ra: 1, dec: 0, pu: -0.5 }], cat)).toThrow(/non-negative.*X-ray positions\[1\], column "pu"/);
    expect(() => matchCounterparts(xray, cat, { searchRadius: -1 })).toThrow(/searchRadius/);
  });

  it('does not mutate its inputs', () => {
    const before = JSON.stringify(xray);
    const decBefore = Array.from(cat.dec);
    matchCounterparts(xray, cat, { epoch: 2000 });
    expect(JSON.stringify(xray)).toBe(before);
    expect(Array.from(cat.dec)).toEqual(decBefore);
  });
});

describe('WISE priority: AllWISE -> CatWISE2020 -> unWISE for W1/W2, W3 from AllWISE only', () => {
  const xray = [0, 1, 2, 3, 4].map((k) => ({ ra: 200 + k, dec: -10, pu: 0.8 }));
  const nan = Number.NaN;
  const allwise = createCatalog({
    name: 'AllWISE',
    ra: [200, 201],
    dec: [-10, -10],
    sigma: 0.05,
    bands: { W1: { mag: [14.1, nan], err: [0.03, nan] }, W2: { mag: [13.9, nan], err: [0.04, nan] }, W3: { mag: [11.0, 10.5], err: [0.2, 0.1] } },
  });
  const catwise = createCatalog({
    name: 'CatWISE2020',
    ra: [200, 201, 203],
    dec: [-10, -10, -10],
    sigma: 0.05,
    bands: { W1: { mag: [15.0, 15.1, 15.3], err: [0.05, 0.05, 0.05] }, W2: { mag: [15.0, 14.8, 15.2], err: [0.06, 0.06, 0.06] }, W3: { mag: [9, 9, 9], err: [0.1, 0.1, 0.1] } },
  });
  const unwise = createCatalog({ name: 'unWISE', ra: [200, 202, 203], dec: [-10, -10, -10], sigma: 0, bands: { W1: { mag: [16, 16.2, 16.3], err: [0.1, 0.1, 0.1] }, W2: { mag: [16, 16.1, 16.4], err: [0.1, 0.1, 0.1] } } });
  const wise = combineWise(
    { allwise: matchCounterparts(xray, allwise), catwise: matchCounterparts(xray, catwise), unwise: matchCounterparts(xray, unwise) },
    xray.length,
  );

  it('takes W1/W2 from the first catalog that measured them, together', () => {
    expect(wise.source).toEqual(['AllWISE', 'CatWISE2020', 'unWISE', 'CatWISE2020', '']);
    expect(Array.from(wise.bands.W1.mag)).toEqual([14.1, 15.1, 16.2, 15.3, nan]);
    expect(Array.from(wise.bands.W2.err)).toEqual([0.04, 0.06, 0.1, 0.06, nan]);
  });

  it('takes W3 from AllWISE only, even when CatWISE2020 gave W1/W2', () => {
    expect(Array.from(wise.bands.W3.mag)).toEqual([11.0, 10.5, nan, nan, nan]);
  });

  it('matchField assembles the nine bands in the training-set columns', () => {
    const gaia = createCatalog({ name: 'Gaia', ra: [200], dec: [-10], sigma: 0.001, bands: { G: { mag: [18], err: [0.003] } }, extra: { Plx: [1.2], e_Plx: [0.1] }, astrometry: { epoch: 2016, pmRa: [3], pmDec: [4] } });
    const field = matchField(xray, { gaia, allwise, catwise, unwise });
    const rows = fieldMatchRecords(field);
    expect(rows[0]).toMatchObject({ Gmag: 18, e_Gmag: 0.003, W1mag: 14.1, W3mag: 11, Plx: 1.2, PM: 5, WISE_source: 'AllWISE', Gaia_match: 1, Gaia_n: 1 });
    expect(rows[0]!.Jmag).toBeNaN();
    expect(rows[1]).toMatchObject({ W1mag: 15.1, W3mag: 10.5, WISE_source: 'CatWISE2020', Gaia_match: 0 });
    expect(rows[1]!.Gmag).toBeNaN();
    expect(Object.keys(rows[0]!).slice(0, 4)).toEqual(['Gmag', 'e_Gmag', 'BPmag', 'e_BPmag']);
  });
});
