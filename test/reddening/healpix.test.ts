/**
 * HEALPix pixel indices against healpy (test/fixtures/healpix/ang2pix.json, written by generate.py beside it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../src/core/errors';
import { healpixPixel, type HealpixOrdering } from '../../src/reddening/healpix';
import { PROJECT_ROOT } from '../helpers/dist';

const fixtures: { nside: number; ordering: HealpixOrdering; lon: number[]; lat: number[]; pixel: number[] }[] = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'test/fixtures/healpix/ang2pix.json'), 'utf8'),
);

describe('healpixPixel agrees with healpy', () => {
  it.each(fixtures.map((f) => [f.nside, f.ordering, f] as const))('N_side %i, %s: random points, poles, seams, points just inside pixel corners', (_n, _o, f) => {
    const got = f.lon.map((lon, i) => healpixPixel(f.nside, f.ordering, lon, f.lat[i]!));
    expect(got).toEqual(f.pixel);
  });
});

describe('healpixPixel', () => {
  it('numbers every pixel once: the 12 N_side^2 pixel centres of a small map map back to themselves (RING and NESTED)', () => {
    // the 12 base pixels at N_side 1: centres at z = ±2/3 and the equator (Górski et al. 2005, Fig. 4)
    const z = Math.asin(2 / 3) / (Math.PI / 180);
    const centres = [[45, z], [135, z], [225, z], [315, z], [0, 0], [90, 0], [180, 0], [270, 0], [45, -z], [135, -z], [225, -z], [315, -z]];
    expect(centres.map(([l, b]) => healpixPixel(1, 'RING', l!, b!))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(centres.map(([l, b]) => healpixPixel(1, 'NESTED', l!, b!))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('takes longitudes modulo 360', () => {
    expect(healpixPixel(64, 'RING', -30, 10)).toBe(healpixPixel(64, 'RING', 330, 10));
    expect(healpixPixel(64, 'NESTED', 725, -50)).toBe(healpixPixel(64, 'NESTED', 5, -50));
  });

  it('rejects a bad N_side or coordinate', () => {
    expect(() => healpixPixel(3, 'NESTED', 0, 0)).toThrow(/NESTED ordering needs N_side a power of 2, got 3/);
    expect(() => healpixPixel(0, 'RING', 0, 0)).toThrow(InvalidArgumentError);
    expect(() => healpixPixel(2 ** 25, 'RING', 0, 0)).toThrow(/N_side must be an integer in 1…16777216/);
    expect(() => healpixPixel(4, 'RING', 0, 91)).toThrow(/\|latitude\| <= 90/);
    expect(() => healpixPixel(4, 'RING', Number.NaN, 0)).toThrow(InvalidArgumentError);
  });
});
