import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../src/core/errors';
import { HardnessRatios } from '../../src/xray/hardness-ratios';

describe('HardnessRatios.compute (Table 2)', () => {
  it('gives the defining ratios', () => {
    const hr = HardnessRatios.compute({ Fs: 1, Fm: 2, Fh: 1 });
    expect(hr.HR_ms).toBeCloseTo(1 / 3, 15);
    expect(hr.HR_hm).toBeCloseTo(-1 / 3, 15);
    expect(hr.HR_hms).toBeCloseTo(-0.5, 15);
  });

  it('is -1 for a pure soft source and +1 for a pure hard source', () => {
    expect(HardnessRatios.compute({ Fs: 3, Fm: 0, Fh: 0 }).HR_ms).toBe(-1);
    expect(HardnessRatios.compute({ Fs: 0, Fm: 0, Fh: 3 }).HR_hms).toBe(1);
  });

  it('propagates missing values and zero sums as NaN', () => {
    const hr = HardnessRatios.compute({ Fs: Number.NaN, Fm: 1, Fh: 1 });
    expect(hr.HR_ms).toBeNaN();
    expect(hr.HR_hms).toBeNaN();
    expect(hr.HR_hm).toBe(0);
    expect(HardnessRatios.compute({ Fs: 0, Fm: 0, Fh: 1 }).HR_ms).toBeNaN();
  });
});

describe('HardnessRatios.withErrors', () => {
  it('matches the analytic propagation', () => {
    const r = HardnessRatios.withErrors({ Fs: 1, Fm: 2, Fh: 1, e_Fs: 0.1, e_Fm: 0.1, e_Fh: 0.1 });
    // HR_ms: sqrt((2*1*0.1)^2 + (2*2*0.1)^2) / 3^2
    expect(r.e_HR_ms).toBeCloseTo(Math.sqrt(0.04 + 0.16) / 9, 15);
    // HR_hms: T = 4, sqrt((2*3*0.1)^2 + (2*1*0.1)^2 + (2*1*0.1)^2) / 16
    expect(r.e_HR_hms).toBeCloseTo(Math.sqrt(0.36 + 0.04 + 0.04) / 16, 15);
  });

  it('agrees with a numerical derivative', () => {
    const f = { Fs: 3e-15, Fm: 5e-15, Fh: 8e-15 };
    const h = 1e-21;
    const d = (HardnessRatios.compute({ ...f, Fh: f.Fh + h }).HR_hms - HardnessRatios.compute({ ...f, Fh: f.Fh - h }).HR_hms) / (2 * h);
    const r = HardnessRatios.withErrors({ ...f, e_Fs: 0, e_Fm: 0, e_Fh: 1e-15 });
    expect(r.e_HR_hms).toBeCloseTo(Math.abs(d) * 1e-15, 8);
  });

  it('gives NaN errors when band errors are missing', () => {
    expect(HardnessRatios.withErrors({ Fs: 1, Fm: 2, Fh: 1 }).e_HR_hm).toBeNaN();
  });
});

describe('HardnessRatios input checks', () => {
  it.each(['Fs', 'Fm', 'Fh'] as const)('rejects a negative or infinite %s (compute and withErrors), naming it', (band) => {
    const fluxes = { Fs: 1e-14, Fm: 2e-14, Fh: 3e-14 };
    for (const bad of [-1e-14, -Number.MIN_VALUE, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]) {
      expect(() => HardnessRatios.compute({ ...fluxes, [band]: bad })).toThrow(
        `HardnessRatios.compute: ${band} must be finite and non-negative (NaN when missing), got ${bad}`,
      );
      expect(() => HardnessRatios.withErrors({ ...fluxes, [band]: bad })).toThrow(InvalidArgumentError);
    }
  });

  it.each(['e_Fs', 'e_Fm', 'e_Fh'] as const)('rejects a negative or infinite band error %s in withErrors, naming it', (error) => {
    const fluxes = { Fs: 1e-14, Fm: 2e-14, Fh: 3e-14, e_Fs: 1e-15, e_Fm: 1e-15, e_Fh: 1e-15 };
    for (const bad of [-1e-15, Number.POSITIVE_INFINITY]) {
      expect(() => HardnessRatios.withErrors({ ...fluxes, [error]: bad })).toThrow(
        `HardnessRatios.withErrors: ${error} must be finite and non-negative (NaN when missing), got ${bad}`,
      );
    }
  });

  it('accepts zero fluxes and errors, and missing ones', () => {
    expect(HardnessRatios.compute({ Fs: 0, Fm: 0, Fh: 1 })).toEqual({ HR_ms: Number.NaN, HR_hm: 1, HR_hms: 1 });
    expect(HardnessRatios.withErrors({ Fs: 1, Fm: Number.NaN, Fh: 1, e_Fs: 0, e_Fh: 0 }).e_HR_hm).toBeNaN();
    expect(HardnessRatios.withErrors({ Fs: 1, Fm: 1, Fh: 1, e_Fs: 0, e_Fm: 0, e_Fh: 0 }).e_HR_hms).toBe(0);
  });
});
