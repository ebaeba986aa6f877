import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../src/core/errors';
import { toSourceColumns, sourceAt } from '../../src/io/source-columns';
import { MAGNITUDE_BANDS, SOURCE_NUMERIC_COLUMNS, type Source } from '../../src/io/schema';
import { PHOTOMETRIC_BANDS } from '../../src/mw/bands';
import { nhFromEbv, XrayAbsorber } from '../../src/reddening/absorption';
import { fitzpatrick99 } from '../../src/reddening/extinction';
import { reddenColumns, reddeningModel, reddenSource } from '../../src/reddening/redden';
import { HardnessRatios } from '../../src/xray/hardness-ratios';
import { makeSource } from '../helpers/sources';

const deepFreeze = <T extends object>(o: T): T => Object.freeze(o);

describe('reddeningModel', () => {
  it('collects N_H, the band factors and the F99 extinctions of one E(B-V)', () => {
    const m = reddeningModel(0.5);
    expect(m.nh).toBeCloseTo(nhFromEbv(0.5), -10);
    expect(m.aV).toBeCloseTo(1.55, 15);
    expect(m.xray).toEqual(new XrayAbsorber().bandFactors(nhFromEbv(0.5)));
    // A_G at E(B-V) = 0.5: 5 x 0.28018851709911 (extinction_MWbands.csv, E(B-V) = 0.1)
    expect(m.extinction.G).toBeCloseTo(1.4009425854955506, 12);
    expect(m.extinction.W3).toBeCloseTo(5 * 0.005281490065627416, 12);
    expect(m.broadBand).toBe('sum');
    expect(Object.isFrozen(m)).toBe(true);
  });

  it('uses the absorber and R_V given', () => {
    const absorber = new XrayAbsorber({ photonIndex: 1.5 });
    const m = reddeningModel(0.2, { absorber, rV: 4 });
    expect(m.nh).toBeCloseTo(2.21e21 * 4 * 0.2, -8);
    expect(m.xray.s).toBe(absorber.bandFactor('s', m.nh));
    expect(m.extinction.J).toBe(fitzpatrick99([12350], 0.8, 4)[0]);
  });

  it('rejects a negative E(B-V) and unknown options', () => {
    expect(() => reddeningModel(-0.1)).toThrow(InvalidArgumentError);
    expect(() => reddeningModel(0.1, { broadBand: 'b' as 'sum' })).toThrow(/broadBand/);
  });
});

describe('reddenSource (paper Section 3.3)', () => {
  it('is the identity at E(B-V) = 0 and returns a new object', () => {
    const s = makeSource({ Kmag: 17.5, Fb: 1.2e-14 }); // K beyond its limit, Fb != Fs + Fm + Fh: still unchanged
    const r = reddenSource(s, 0);
    expect(r).toEqual(s);
    expect(r).not.toBe(s);
  });

  it('is pure: the input is not changed (frozen input)', () => {
    const s = deepFreeze(makeSource());
    const copy = { ...s };
    reddenSource(s, 1);
    expect(s).toEqual(copy);
  });

  it('multiplies band fluxes by the absorption factors and adds A_lambda to magnitudes', () => {
    const s = makeSource();
    const m = reddeningModel(0.3);
    const r = reddenSource(s, m);
    expect(r.Fs).toBe(s.Fs * m.xray.s);
    expect(r.Fm).toBe(s.Fm * m.xray.m);
    expect(r.Fh).toBe(s.Fh * m.xray.h);
    expect(r.e_Fh / r.Fh).toBeCloseTo(s.e_Fh / s.Fh, 14); // relative errors kept
    for (const b of MAGNITUDE_BANDS) {
      expect(r[`${b}mag`]).toBe(s[`${b}mag`] + m.extinction[b]);
      expect(r[`e_${b}mag`]).toBe(s[`e_${b}mag`]);
    }
    expect(r.name).toBe(s.name);
    expect(r.label).toBe('AGN');
    expect(r.P_inter).toBe(s.P_inter);
  });

  it("reddens the broad band as the sum of the absorbed s, m, h fluxes ('sum') or by the power-law factor", () => {
    const s = makeSource(); // Fb = Fs + Fm + Fh
    const sum = reddenSource(s, 1);
    expect(sum.Fb / (sum.Fs + sum.Fm + sum.Fh)).toBeCloseTo(1, 14);
    const pl = reddenSource(s, 1, { broadBand: 'power-law' });
    expect(pl.Fb).toBe(s.Fb * reddeningModel(1).xray.b);
    // a source with a missing narrow band falls back to the power-law factor
    const partial = reddenSource(makeSource({ Fs: Number.NaN }), 1);
    expect(partial.Fb).toBe(s.Fb * reddeningModel(1).xray.b);
    expect(partial.Fs).toBeNaN();
  });

  it('removes magnitudes that reach the survey limit, with their errors', () => {
    const s = makeSource({ Kmag: 16.8, W3mag: 14.45 });
    const r = reddenSource(s, 1);
    expect(16.8 + reddeningModel(1).extinction.K).toBeGreaterThan(PHOTOMETRIC_BANDS.K.limitingMagnitude);
    expect(r.Kmag).toBeNaN();
    expect(r.e_Kmag).toBeNaN();
    expect(r.W3mag).toBeNaN();
    expect(r.W2mag).toBeCloseTo(13.1 + reddeningModel(1).extinction.W2, 12);
    const kept = reddenSource(s, 1, { applyLimits: false });
    expect(kept.Kmag).toBeCloseTo(16.8 + reddeningModel(1).extinction.K, 12);
  });

  it('keeps missing values missing', () => {
    const r = reddenSource(makeSource({ Jmag: Number.NaN, e_Jmag: Number.NaN, P_inter: Number.NaN }), 0.5);
    expect(r.Jmag).toBeNaN();
    expect(r.P_inter).toBeNaN();
  });

  it('is monotone: more E(B-V) gives fainter, redder and harder sources', () => {
    const s = makeSource({ Gmag: 12, BPmag: 12.3, RPmag: 11.5, Jmag: 10, Hmag: 9.5, Kmag: 9, W1mag: 8.8, W2mag: 8.7, W3mag: 8 });
    let prev: Source = s;
    for (const ebv of [0.05, 0.2, 0.5, 1, 2, 4]) {
      const r = reddenSource(s, ebv, { applyLimits: false }); // the cut is tested above
      for (const f of ['Fs', 'Fm', 'Fh', 'Fb'] as const) expect(r[f]).toBeLessThan(prev[f]); // fainter in X-rays
      for (const b of MAGNITUDE_BANDS) expect(r[`${b}mag`]).toBeGreaterThan(prev[`${b}mag`]); // fainter in optical/IR
      // redder: every colour (shorter-wavelength band minus longer) grows; BP is bluer than G
      const byWavelength = [...MAGNITUDE_BANDS].sort((a, b) => PHOTOMETRIC_BANDS[a].effectiveWavelength - PHOTOMETRIC_BANDS[b].effectiveWavelength);
      byWavelength.forEach((b1, i) =>
        byWavelength.slice(i + 1).forEach((b2) => {
          expect(r[`${b1}mag`] - r[`${b2}mag`]).toBeGreaterThan(prev[`${b1}mag`] - prev[`${b2}mag`]);
        }),
      );
      const hr = HardnessRatios.compute(r);
      const hrPrev = HardnessRatios.compute(prev);
      expect(hr.HR_ms).toBeGreaterThan(hrPrev.HR_ms); // harder
      expect(hr.HR_hm).toBeGreaterThan(hrPrev.HR_hm);
      expect(hr.HR_hms).toBeGreaterThan(hrPrev.HR_hms);
      prev = r;
    }
  });
});

describe('reddenColumns', () => {
  const sources = [
    makeSource(),
    makeSource({ Kmag: 16.9, Fs: Number.NaN, Gmag: Number.NaN }),
    makeSource({ Fb: 2e-14, W3mag: 14.49 }),
  ];

  it('gives exactly reddenSource, row by row', () => {
    const cols = toSourceColumns(sources);
    for (const ebv of [0, 0.1, 1.7]) {
      const model = reddeningModel(ebv);
      const red = reddenColumns(cols, model);
      sources.forEach((s, i) => {
        const a = reddenSource(s, model);
        const b = sourceAt(red, i);
        for (const c of SOURCE_NUMERIC_COLUMNS) expect(Object.is(a[c], b[c]) || a[c] === b[c]).toBe(true);
      });
    }
  });

  it('is pure: input columns are unchanged; unchanged columns are shared, changed ones are new', () => {
    const cols = toSourceColumns(sources);
    const before = Object.fromEntries(SOURCE_NUMERIC_COLUMNS.map((c) => [c, Array.from(cols[c])]));
    const red = reddenColumns(cols, 0.8);
    for (const c of SOURCE_NUMERIC_COLUMNS) expect(Array.from(cols[c])).toEqual(before[c]);
    expect(red.P_inter).toBe(cols.P_inter);
    expect(red.Fs).not.toBe(cols.Fs);
    expect(red.nRows).toBe(3);
  });
});
