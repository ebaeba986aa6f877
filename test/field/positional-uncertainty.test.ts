import { describe, expect, it } from 'vitest';

import {
  CSC_SYSTEMATIC_95,
  RADIUS_95_IN_SIGMA,
  combinedErrorRadius,
  confidenceProbability,
  convertErrorRadius,
  cscSigma,
  ellipseSemiMajorSigma,
  errorRadiusFactor,
  withCscSystematic,
} from '../../src/field/positional-uncertainty';
import { createRng, randomNormal } from '../../src/core/random';
import { InvalidArgumentError } from '../../src/core/errors';

describe('confidence levels of a circular 2-D Gaussian', () => {
  it('95% radius = sqrt(2 ln 20) sigma = 2.4477 sigma, analytically', () => {
    expect(RADIUS_95_IN_SIGMA).toBeCloseTo(2.447746830680816, 14);
    expect(errorRadiusFactor('95%')).toBeCloseTo(RADIUS_95_IN_SIGMA, 14);
    expect(1 - Math.exp(-(RADIUS_95_IN_SIGMA ** 2) / 2)).toBeCloseTo(0.95, 14);
    expect(errorRadiusFactor('2sigma')).toBe(2);
    expect(confidenceProbability('1sigma')).toBeCloseTo(0.3934693402873666, 14);
    expect(confidenceProbability('2sigma')).toBeCloseTo(0.8646647167633873, 14);
    expect(confidenceProbability('99.73%')).toBeCloseTo(0.9973, 12);
  });

  it('the 95% radius contains 95% of simulated offsets (seeded Monte Carlo, 3-sigma binomial band)', () => {
    const rng = createRng('rayleigh');
    const n = 40000;
    let inside95 = 0;
    let inside2 = 0;
    for (let i = 0; i < n; i++) {
      const r = Math.hypot(randomNormal(rng), randomNormal(rng));
      if (r <= errorRadiusFactor('95%')) inside95++;
      if (r <= 2) inside2++;
    }
    expect(Math.abs(inside95 / n - 0.95)).toBeLessThan(3 * Math.sqrt((0.95 * 0.05) / n));
    expect(Math.abs(inside2 / n - 0.8647)).toBeLessThan(3 * Math.sqrt((0.8647 * 0.1353) / n));
  });

  it('converts between levels: 95% <-> 1sigma <-> 2sigma', () => {
    expect(convertErrorRadius(2.4477468306808166, '95%', '1sigma')).toBeCloseTo(1, 14);
    expect(convertErrorRadius(1, '1sigma', '2sigma')).toBe(2);
    expect(convertErrorRadius(0.71, '95%', '2sigma')).toBeCloseTo((2 * 0.71) / 2.447746830680816, 14);
    expect(convertErrorRadius(convertErrorRadius(0.8, '95%', '2sigma'), '2sigma', '95%')).toBeCloseTo(0.8, 14);
  });

  it('rejects malformed levels and negative radii', () => {
    for (const bad of ['2', 'sigma', '100%', '0sigma', '-1sigma', '95 %']) {
      expect(() => errorRadiusFactor(bad as '2sigma')).toThrow(InvalidArgumentError);
    }
    expect(() => convertErrorRadius(-0.1, '95%', '1sigma')).toThrow(/non-negative/);
  });
});

describe('CSC and catalog errors', () => {
  it('err_ellipse_r0 (95%, systematic included) to sigma', () => {
    expect(cscSigma(0.71)).toBeCloseTo(0.71 / 2.447746830680816, 14);
    expect(() => cscSigma(-0.5)).toThrow(InvalidArgumentError);
    expect(CSC_SYSTEMATIC_95).toBe(0.71);
    expect(withCscSystematic(0)).toBe(0.71);
    expect(withCscSystematic(0.4)).toBeCloseTo(Math.sqrt(0.16 + 0.5041), 14);
  });

  it('ellipse semi-major axis from per-coordinate errors and correlation', () => {
    expect(ellipseSemiMajorSigma(3, 4)).toBe(4);
    expect(ellipseSemiMajorSigma(1, 1, 0.5)).toBeCloseTo(Math.sqrt(1.5), 14);
    expect(ellipseSemiMajorSigma(1, 1, -1)).toBeCloseTo(Math.SQRT2, 14);
    expect(ellipseSemiMajorSigma(2, 1, Number.NaN)).toBe(2);
    expect(() => ellipseSemiMajorSigma(-1, 1)).toThrow(InvalidArgumentError);
    expect(() => ellipseSemiMajorSigma(1, 1, 1.5)).toThrow(/correlation/);
  });

  it('combined 2-sigma radius = 2 sqrt(sx^2 + smw^2) = sqrt(PU_x^2 + PU_mw^2) with both PUs at 2 sigma', () => {
    const sx = cscSigma(0.9);
    expect(combinedErrorRadius(sx, 0.1, '2sigma')).toBeCloseTo(2 * Math.hypot(sx, 0.1), 14);
    expect(combinedErrorRadius(sx, 0.1, '2sigma')).toBeCloseTo(Math.hypot(convertErrorRadius(0.9, '95%', '2sigma'), 0.2), 14);
    // The default is the paper's "2 sigma", the 95% radius: r0 itself combined with the catalog's 95% radius.
    expect(combinedErrorRadius(sx, 0.1)).toBeCloseTo(Math.hypot(0.9, convertErrorRadius(0.1, '1sigma', '95%')), 14);
    expect(combinedErrorRadius(sx, 0, '95%')).toBeCloseTo(0.9, 14);
    expect(() => combinedErrorRadius(Number.NaN, 0)).toThrow(InvalidArgumentError);
  });
});
