import { describe, expect, it } from 'vitest';

import { angularSeparation, directionOf, unitVector } from '../../src/field/angular-separation';
import { InvalidArgumentError } from '../../src/core/errors';

const ARCSEC = 1 / 3600;

describe('angularSeparation (Vincenty)', () => {
  it('is zero for identical positions and 180 deg for antipodes', () => {
    expect(angularSeparation(123.4, -56.7, 123.4, -56.7)).toBe(0);
    expect(angularSeparation(10, 20, 190, -20)).toBeCloseTo(180, 12);
  });

  it('measures along a meridian exactly: 0.1" in declination is 0.1"', () => {
    for (const dec of [-89.9, -45, 0, 30, 89.9]) {
      expect(angularSeparation(200, dec, 200, dec + 0.1 * ARCSEC) / ARCSEC).toBeCloseTo(0.1, 10);
    }
  });

  it('0.1" pairs in right ascension follow the hand formula 2 asin(cos d sin(da/2))', () => {
    for (const dec of [0, 45, 80]) {
      const dra = (0.1 * ARCSEC) / Math.cos((dec * Math.PI) / 180);
      const expected = (2 * Math.asin(Math.cos((dec * Math.PI) / 180) * Math.sin((dra * Math.PI) / 360)) * 180) / Math.PI;
      expect(angularSeparation(10, dec, 10 + dra, dec) / ARCSEC).toBeCloseTo(expected / ARCSEC, 10);
      expect(angularSeparation(10, dec, 10 + dra, dec) / ARCSEC).toBeCloseTo(0.1, 6);
    }
  });

  it('wraps right ascension at 0/360', () => {
    expect(angularSeparation(359.9999, 0, 0.0001, 0) / ARCSEC).toBeCloseTo(0.72, 9);
    expect(angularSeparation(0, 0, 360, 0)).toBeCloseTo(0, 12);
    // 359.9999 is stored to ~6e-14 deg: the two spellings agree to that.
    expect(angularSeparation(-0.0001, 10, 0.0001, 10)).toBeCloseTo(angularSeparation(359.9999, 10, 0.0001, 10), 12);
  });

  it('crosses the pole: (0, 90) to any RA at 89.9 is 0.1 deg; opposite meridians near the pole add up', () => {
    expect(angularSeparation(0, 90, 180, 89.9)).toBeCloseTo(0.1, 12);
    expect(angularSeparation(0, 90, 73.2, 89.9)).toBeCloseTo(0.1, 12);
    expect(angularSeparation(0, 89.99, 180, 89.99)).toBeCloseTo(0.02, 12);
    expect(angularSeparation(45, -89.995, 225, -89.995) / ARCSEC).toBeCloseTo(36, 8);
  });

  it('is symmetric and returns NaN for a missing coordinate', () => {
    expect(angularSeparation(1, 2, 3, 4)).toBe(angularSeparation(3, 4, 1, 2));
    expect(angularSeparation(Number.NaN, 2, 3, 4)).toBeNaN();
  });
});

describe('unitVector / directionOf', () => {
  it('maps the axes and round-trips', () => {
    const [x, y, z] = unitVector(90, 0);
    expect(x).toBeCloseTo(0, 15);
    expect(y).toBe(1);
    expect(z).toBe(0);
    expect(unitVector(0, 90)[2]).toBe(1);
    const d = directionOf(unitVector(359.5, -12.25));
    expect(d.ra).toBeCloseTo(359.5, 12);
    expect(d.dec).toBeCloseTo(-12.25, 12);
  });

  it('rejects |dec| > 90 and missing coordinates', () => {
    expect(() => unitVector(0, 91)).toThrow(InvalidArgumentError);
    expect(() => unitVector(Number.NaN, 0)).toThrow(/unitVector/);
  });
});
