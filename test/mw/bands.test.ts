import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../src/core/errors';
import { MAGNITUDE_BANDS } from '../../src/io/schema';
import { logMagnitudeToFlux, magnitudeLimitCut, magnitudeToFlux, photometricBand, PHOTOMETRIC_BANDS } from '../../src/mw/bands';

describe('PHOTOMETRIC_BANDS (paper Table 3)', () => {
  it('lists the nine bands in order with the paper limits', () => {
    expect(Object.keys(PHOTOMETRIC_BANDS)).toEqual([...MAGNITUDE_BANDS]);
    expect(MAGNITUDE_BANDS.map((b) => PHOTOMETRIC_BANDS[b].limitingMagnitude)).toEqual([21.5, 21.5, 21.0, 18.5, 18.0, 17.0, 18.5, 17.5, 14.5]);
  });

  it('uses the effective wavelengths of the authors’ extinction corrections', () => {
    expect(MAGNITUDE_BANDS.map((b) => PHOTOMETRIC_BANDS[b].effectiveWavelength)).toEqual([5822.39, 5035.75, 7619.96, 12350, 16620, 21590, 33526, 46028, 115608]);
  });

  it('has zero points consistent with Cohen et al. (2003) and Jarrett et al. (2011) to their rounding', () => {
    // 2MASS: 3.129e-10, 1.133e-10, 4.283e-11; WISE: 8.1787e-15, 2.4150e-15, 6.5151e-17 W cm^-2 um^-1 (x 1e3 -> erg/s/cm2/A)
    const published = { J: 3.129e-10, H: 1.133e-10, K: 4.283e-11, W1: 8.1787e-12, W2: 2.415e-12, W3: 6.5151e-14 } as const;
    for (const [b, f] of Object.entries(published)) {
      expect(Math.abs(PHOTOMETRIC_BANDS[b as keyof typeof published].zeroPoint / f - 1)).toBeLessThan(0.003);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(PHOTOMETRIC_BANDS)).toBe(true);
  });
});

describe('photometricBand', () => {
  it('returns the row and rejects unknown bands by name', () => {
    expect(photometricBand('K').effectiveWidth).toBe(2618.87);
    expect(() => photometricBand('V')).toThrow(InvalidArgumentError);
    expect(() => photometricBand('V')).toThrow(/unknown band "V"/);
  });
});

describe('magnitudeToFlux', () => {
  it('is f_lambda,0 x 10^(-m/2.5) x W_eff', () => {
    expect(magnitudeToFlux('J', 0)).toBeCloseTo(3.13e-10 * 1624.32, 20);
    expect(magnitudeToFlux('G', 10) / (2.5e-9 * 4052.97 * 1e-4)).toBeCloseTo(1, 14);
    expect(magnitudeToFlux('W3', 5) / magnitudeToFlux('W3', 7.5)).toBeCloseTo(10, 12); // 2.5 mag = factor 10
  });

  it('propagates a missing magnitude', () => {
    expect(magnitudeToFlux('H', Number.NaN)).toBeNaN();
  });

  it('agrees with its logarithmic form', () => {
    for (const b of MAGNITUDE_BANDS) expect(logMagnitudeToFlux(b, 13.7)).toBeCloseTo(Math.log10(magnitudeToFlux(b, 13.7)), 12);
  });
});

describe('magnitudeLimitCut', () => {
  it('drops magnitudes at or beyond the limit, keeps brighter ones', () => {
    expect(magnitudeLimitCut('K', 16.99)).toBe(16.99);
    expect(magnitudeLimitCut('K', 17)).toBeNaN();
    expect(magnitudeLimitCut('W3', 20)).toBeNaN();
    expect(magnitudeLimitCut('G', -1)).toBe(-1);
    expect(magnitudeLimitCut('G', Number.NaN)).toBeNaN();
  });
});
