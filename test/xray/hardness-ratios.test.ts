import { describe, expect, it } from 'vitest';

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
