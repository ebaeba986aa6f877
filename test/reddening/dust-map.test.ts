/**
 * E(B−V) lookups on synthetic maps with known values at known positions: SFD polar images whose pixel values
 * are linear in the pixel coordinates (so bilinear interpolation is exact and every lookup has an analytic
 * value), both poles, the b = 0 seam between the two images, and HEALPix maps whose value is the pixel index,
 * checked at pixel centres and on either side of pixel boundaries. Also through FITS files (formatFits →
 * readDustMap).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { InvalidArgumentError, ShapeMismatchError } from '../../src/core/errors';
import { equatorialToGalactic } from '../../src/field/galactic';
import { formatFits, parseFits, selectHdu } from '../../src/io/fits';
import type { FitsCard } from '../../src/io/fits-header';
import { ebv, ebvAt, healpixDustMap, SFD_RECALIBRATION, sfdDustMap } from '../../src/reddening/dust-map';
import { healpixPixel } from '../../src/reddening/healpix';
import { readDustMap, writeFits, SFD_FILE_NAMES } from '../../src/node';

const N = 64; // pixels per side of the synthetic polar images
const SCALE = N / 2; // LAM_SCAL: pole to b = 0 in pixels
const CENTRE = N / 2 + 0.5; // CRPIX (1-based), as in the SFD files (2048.5 of 4096)
const D = Math.PI / 180;

/** Pixel values linear in (x, y): north 1 + x/100 + y/1000, south 5 + x/50 − y/500; bilinear is exact for them. */
const northValue = (x: number, y: number) => 1 + x / 100 + y / 1000;
const southValue = (x: number, y: number) => 5 + x / 50 - y / 500;

function image(value: (x: number, y: number) => number): Float32Array {
  const data = new Float32Array(N * N);
  for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) data[y * N + x] = value(x, y);
  return data;
}

const lambertCards = (nsgp: 1 | -1): FitsCard[] => [
  { keyword: 'CTYPE1', value: 'LAMBERT--X' },
  { keyword: 'CTYPE2', value: 'LAMBERT--Y' },
  { keyword: 'CRPIX1', value: CENTRE },
  { keyword: 'CRPIX2', value: CENTRE },
  { keyword: 'CRVAL1', value: 0 },
  { keyword: 'CRVAL2', value: 0 },
  { keyword: 'LAM_NSGP', value: nsgp },
  { keyword: 'LAM_SCAL', value: SCALE },
];

/** The same projection in WCS terms: GLON/GLAT-ZEA at the pole, CD matrix with the axes swapped (derived in the docs). */
const zeaCards = (nsgp: 1 | -1): FitsCard[] => {
  const k = (180 / Math.PI) * Math.SQRT2 / SCALE; // degrees per pixel of the ZEA radius
  return [
    { keyword: 'CTYPE1', value: 'GLON-ZEA' },
    { keyword: 'CTYPE2', value: 'GLAT-ZEA' },
    { keyword: 'CRPIX1', value: CENTRE },
    { keyword: 'CRPIX2', value: CENTRE },
    { keyword: 'CRVAL1', value: 0 },
    { keyword: 'CRVAL2', value: 90 * nsgp },
    { keyword: 'CD1_1', value: 0 },
    { keyword: 'CD1_2', value: -nsgp * k },
    { keyword: 'CD2_1', value: -nsgp * k },
    { keyword: 'CD2_2', value: 0 },
  ];
};

/** The SFD pixel of (l, b), written from Schlegel et al.'s lambert_lb2xy, independently of src/reddening/sfd.ts. */
function expectedPixel(l: number, b: number): [number, number] {
  const n = b >= 0 ? 1 : -1;
  const rho = Math.sqrt(1 - n * Math.sin(b * D));
  return [SCALE * rho * Math.cos(l * D) + CENTRE - 1, -n * SCALE * rho * Math.sin(l * D) + CENTRE - 1];
}
/** The exact E(B−V) of the linear synthetic maps at (l, b), clamping at the outer pixel centres as the SFD code. */
function expectedSfd(l: number, b: number, factor = SFD_RECALIBRATION): number {
  const [x, y] = expectedPixel(l, b).map((p) => Math.min(N - 1, Math.max(0, p))) as [number, number];
  return factor * (b >= 0 ? northValue(x, y) : southValue(x, y));
}

const north = { header: { cards: lambertCards(1) }, shape: [N, N], data: image(northValue) };
const south = { header: { cards: lambertCards(-1) }, shape: [N, N], data: image(southValue) };

describe('sfdDustMap: E(B−V) on synthetic polar images', () => {
  const map = sfdDustMap(north, south);

  it('defaults to the 0.86 recalibration (Schlafly & Finkbeiner 2011) and bilinear interpolation', () => {
    expect(SFD_RECALIBRATION).toBe(0.86);
    expect(map).toMatchObject({ kind: 'sfd', factor: 0.86, interpolate: true });
    expect(sfdDustMap(north, south, { factor: 1 }).factor).toBe(1);
  });

  it('at both poles: the centre of each image', () => {
    const c = CENTRE - 1;
    expect(ebv(map, 123, 90, { frame: 'galactic' })).toBeCloseTo(0.86 * northValue(c, c), 6);
    expect(ebv(map, 0, -90, { frame: 'galactic' })).toBeCloseTo(0.86 * southValue(c, c), 6);
    // the north Galactic pole given in ICRS (ESA 1997)
    expect(ebv(map, 192.85948, 27.12825)).toBeCloseTo(0.86 * northValue(c, c), 5);
  });

  it('across the Galactic plane: b >= 0 reads the north image, b < 0 the south one', () => {
    for (const l of [0, 37, 90, 180, 271.5, 359.9]) {
      expect(ebv(map, l, 0, { frame: 'galactic' })).toBeCloseTo(expectedSfd(l, 0), 5);
      expect(ebv(map, l, -1e-9, { frame: 'galactic' })).toBeCloseTo(expectedSfd(l, -1e-9), 5);
      // the two images differ there, so the seam is seen
      expect(Math.abs(expectedSfd(l, 0) - expectedSfd(l, -1e-9))).toBeGreaterThan(1);
    }
  });

  it('everywhere else: the analytic value of the linear maps (bilinear is exact for them), in both frames', () => {
    const l: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 200; i++) {
      l.push((i * 137.508) % 360);
      b.push(-89 + ((i * 61.8) % 178));
    }
    const got = ebvAt(map, l, b, { frame: 'galactic' });
    got.forEach((x, i) => expect(x).toBeCloseTo(expectedSfd(l[i]!, b[i]!), 5));
    // ICRS input: converted to Galactic first
    const ra = [10, 166.28, 266.4, 300];
    const dec = [-20, -58.85, -28.9, 40];
    ebvAt(map, ra, dec).forEach((x, i) => {
      const g = equatorialToGalactic(ra[i]!, dec[i]!);
      expect(x).toBeCloseTo(expectedSfd(g.l, g.b), 5);
    });
  });

  it('nearest pixel on request (the SFD code without interpolation)', () => {
    const nearest = sfdDustMap(north, south, { interpolate: false, factor: 1 });
    const [x, y] = expectedPixel(30, 20);
    expect(ebv(nearest, 30, 20, { frame: 'galactic' })).toBeCloseTo(northValue(Math.round(x), Math.round(y)), 6);
  });

  it('the WCS form of the same projection (GLON/GLAT-ZEA with a CD matrix) gives the same values', () => {
    const zea = sfdDustMap({ ...north, header: { cards: zeaCards(1) } }, { ...south, header: { cards: zeaCards(-1) } });
    const l = [0, 45, 90, 135, 200, 300, 359];
    const b = [89, 60, 30, 1, -1, -45, -80];
    const a = ebvAt(map, l, b, { frame: 'galactic' });
    ebvAt(zea, l, b, { frame: 'galactic' }).forEach((x, i) => expect(x).toBeCloseTo(a[i]!, 9));
  });

  it('refuses swapped or foreign images with a clear message', () => {
    expect(() => sfdDustMap(south, north, { names: { north: 'SFD_dust_4096_sgp.fits' } })).toThrow(/SFD_dust_4096_sgp\.fits is the south Galactic pole image, given as the north one \(swapped files\?\)/);
    expect(() => sfdDustMap({ ...north, header: { cards: [{ keyword: 'CTYPE1', value: 'RA---TAN' }] } }, south)).toThrow(/not an SFD polar image/);
    expect(() => sfdDustMap(north, south, { factor: 0 })).toThrow(InvalidArgumentError);
    expect(() => ebvAt(map, [1, 2], [3])).toThrow(ShapeMismatchError);
    expect(() => ebv(map, 0, 95, { frame: 'galactic' })).toThrow(/\|latitude\| <= 90/);
  });
});

describe('healpixDustMap: E(B−V) on synthetic HEALPix maps (value = pixel index / 1000)', () => {
  for (const [nside, ordering] of [[4, 'RING'], [4, 'NESTED'], [16, 'NESTED'], [5, 'RING']] as const) {
    const values = Float64Array.from({ length: 12 * nside * nside }, (_, i) => i / 1000);
    const map = healpixDustMap({ cards: [{ keyword: 'ORDERING', value: ordering }, { keyword: 'NSIDE', value: nside }, { keyword: 'COORDSYS', value: 'G' }] }, values);

    it(`N_side ${nside} ${ordering}: poles, the cap/belt seams, and both sides of pixel boundaries`, () => {
      expect(map).toMatchObject({ nside, ordering, frame: 'galactic', factor: 1 });
      // the first and last pixels hold the poles in RING; NESTED puts them in base pixels 0–3 / 8–11
      const np = ebv(map, 10, 90, { frame: 'galactic' }) * 1000;
      const sp = ebv(map, 10, -90, { frame: 'galactic' }) * 1000;
      if (ordering === 'RING') expect([Math.round(np), Math.round(sp)]).toEqual([0, 12 * nside * nside - 4]);
      expect(Math.round(np)).toBe(healpixPixel(nside, ordering, 10, 90));
      expect(Math.round(sp)).toBe(healpixPixel(nside, ordering, 10, -90));
      // pixel boundaries (Górski et al. 2005, eq. 4–8): in the belt where N_side (1/2 + lon/90) − (3/4) N_side z
      // is an integer; in the polar cap (at lon = 30°, 1/3 of a quadrant) where (1/3) N_side √(3 (1 − z)) is
      const z = Math.sin(0.3 * D);
      const beltLon = 90 * ((nside + 1 + 0.75 * nside * z) / nside - 0.5);
      const capLat = Math.asin(1 - 3 / (nside * nside)) / D;
      for (const [lon0, lat0, dLon, dLat] of [[beltLon, 0.3, 1e-7, 0], [30, capLat, 0, 1e-7], [30, -capLat, 0, 1e-7]] as const) {
        const a = ebv(map, lon0 - dLon, lat0 - dLat, { frame: 'galactic' }) * 1000;
        const b = ebv(map, lon0 + dLon, lat0 + dLat, { frame: 'galactic' }) * 1000;
        expect(Math.round(a)).not.toBe(Math.round(b));
        expect(a).toBeCloseTo(healpixPixel(nside, ordering, lon0 - dLon, lat0 - dLat), 6);
        expect(b).toBeCloseTo(healpixPixel(nside, ordering, lon0 + dLon, lat0 + dLat), 6);
      }
    });
  }

  it('a value at a known position: the Planck-like layout (NESTED, N_side 1) at l = 0, b = 0 is base pixel 4', () => {
    const map = healpixDustMap({ cards: [{ keyword: 'ORDERING', value: 'NESTED' }] }, Float32Array.from([0, 1, 2, 3, 0.25, 5, 6, 7, 8, 9, 10, 11]));
    expect(ebv(map, 0, 0, { frame: 'galactic' })).toBe(0.25);
    expect(ebv(map, 266.40499, -28.93617)).toBe(0.25); // the Galactic centre in ICRS
    expect(ebv(map, 180, 0, { frame: 'galactic' })).toBe(6);
  });

  it('applies a factor only when asked (0.86 for an SFD map in HEALPix form), and reads UNSEEN as NaN', () => {
    const values = new Float64Array(12).fill(0.5);
    values[0] = -1.6375e30;
    const cards = [{ keyword: 'ORDERING', value: 'RING' }];
    expect(ebv(healpixDustMap({ cards }, values), 45, 60, { frame: 'galactic' })).toBeNaN();
    expect(ebv(healpixDustMap({ cards }, values), 0, 0, { frame: 'galactic' })).toBe(0.5);
    expect(ebv(healpixDustMap({ cards }, values, { factor: 0.86 }), 0, 0, { frame: 'galactic' })).toBe(0.43);
  });

  it('a map in equatorial coordinates (COORDSYS C) is looked up at RA/Dec; Galactic input is converted', () => {
    const values = Float64Array.from({ length: 12 * 16 * 16 }, (_, i) => i);
    const map = healpixDustMap({ cards: [{ keyword: 'ORDERING', value: 'RING' }, { keyword: 'COORDSYS', value: 'C' }] }, values);
    expect(map.frame).toBe('icrs');
    expect(ebv(map, 166.28, -58.85)).toBe(healpixPixel(16, 'RING', 166.28, -58.85));
    expect(ebv(map, 0, 90, { frame: 'galactic' })).toBe(healpixPixel(16, 'RING', 192.85948, 27.12825));
  });

  it('rejects partial maps, a wrong pixel count, unknown ordering or frame', () => {
    const twelve = new Float64Array(12);
    expect(() => healpixDustMap({ cards: [{ keyword: 'ORDERING', value: 'RING' }, { keyword: 'INDXSCHM', value: 'EXPLICIT' }] }, twelve)).toThrow(/partial-sky map/);
    expect(() => healpixDustMap({ cards: [{ keyword: 'ORDERING', value: 'RING' }, { keyword: 'NSIDE', value: 2 }] }, twelve)).toThrow(/has 12 values but N_side 2 needs 12 N_side\^2 = 48/);
    expect(() => healpixDustMap({ cards: [] }, twelve)).toThrow(/ORDERING must be RING or NESTED, got none \(give the ordering option\)/);
    expect(healpixDustMap({ cards: [] }, twelve, { ordering: 'NESTED' }).ordering).toBe('NESTED');
    // LAMBDA's SFD map in HEALPix form says SKYCOORD = 'Galactic'
    expect(healpixDustMap({ cards: [{ keyword: 'ORDERING', value: 'NESTED' }, { keyword: 'SKYCOORD', value: 'Galactic' }] }, twelve, { frame: 'icrs' }).frame).toBe('galactic');
    expect(() => healpixDustMap({ cards: [{ keyword: 'ORDERING', value: 'RING' }, { keyword: 'COORDSYS', value: 'E' }] }, twelve)).toThrow(/COORDSYS 'E' is not supported/);
  });
});

describe('dust maps from FITS files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'muwclass-dust-'));

  it('SFD: two polar images written as FITS, read from a directory or by { north, south }', async () => {
    await writeFits(join(dir, SFD_FILE_NAMES.north), [{ kind: 'image', data: north.data, shape: [N, N], cards: lambertCards(1) }]);
    await writeFits(join(dir, SFD_FILE_NAMES.south), [{ kind: 'image', data: south.data, shape: [N, N], cards: lambertCards(-1) }]);
    const a = await readDustMap(dir);
    const b = await readDustMap({ north: join(dir, SFD_FILE_NAMES.north), south: join(dir, SFD_FILE_NAMES.south) }, { factor: 1 });
    expect(ebv(a, 33, 44, { frame: 'galactic' })).toBeCloseTo(expectedSfd(33, 44), 5);
    expect(ebv(b, 33, -44, { frame: 'galactic' })).toBeCloseTo(expectedSfd(33, -44, 1), 5);
    await expect(readDustMap({ north: join(dir, SFD_FILE_NAMES.south), south: join(dir, SFD_FILE_NAMES.north) })).rejects.toThrow(/SFD_dust_4096_sgp\.fits is the south Galactic pole image/);
    await expect(readDustMap(join(dir, SFD_FILE_NAMES.north))).rejects.toThrow(/holds no HEALPix table; for the SFD map give both polar images/);
  });

  it('HEALPix: the EBV column of a table (Planck layout, 1024 pixels per row), streamed', async () => {
    const nside = 16;
    const ebvValues = Float32Array.from({ length: 12 * nside * nside }, (_, i) => i / 4096);
    const path = join(dir, 'planck-like.fits');
    await writeFits(path, [
      {
        kind: 'bintable',
        name: 'COMP-MAP',
        columns: [
          { name: 'TAU353', values: new Float32Array(ebvValues.length), repeat: 1024 },
          { name: 'EBV', values: ebvValues, repeat: 1024 },
        ],
        cards: [
          { keyword: 'PIXTYPE', value: 'HEALPIX' },
          { keyword: 'ORDERING', value: 'NESTED' },
          { keyword: 'NSIDE', value: nside },
          { keyword: 'COORDSYS', value: 'GALACTIC' },
        ],
      },
    ]);
    const map = await readDustMap(path);
    expect(map).toMatchObject({ kind: 'healpix', nside, ordering: 'NESTED', frame: 'galactic', factor: 1 });
    const p = healpixPixel(nside, 'NESTED', 250, -12);
    expect(ebv(map, 250, -12, { frame: 'galactic' })).toBe(Math.fround(p / 4096));
    const tau = await readDustMap(path, { column: 'TAU353' });
    expect(ebv(tau, 250, -12, { frame: 'galactic' })).toBe(0);
    await expect(readDustMap(path, { column: 'NOPE' })).rejects.toThrow(/no column "NOPE"/);
    await expect(readDustMap(join(dir, 'absent.fits'))).rejects.toThrow(/no such file/);
    // LAMBDA's layout: ORDERING and SKYCOORD in the primary header, the map in the first column
    const lambda = join(dir, 'lambda-like.fits');
    await writeFits(lambda, [
      { kind: 'image', data: new Uint8Array(0), shape: [], cards: [{ keyword: 'ORDERING', value: 'NESTED' }, { keyword: 'NSIDE', value: nside }, { keyword: 'SKYCOORD', value: 'Galactic' }] },
      { kind: 'bintable', columns: [{ name: 'TEMPERATURE', values: ebvValues }, { name: 'N_OBS', values: new Float32Array(ebvValues.length) }] },
    ]);
    const sfdHealpix = await readDustMap(lambda, { factor: 0.86 });
    expect(sfdHealpix).toMatchObject({ ordering: 'NESTED', frame: 'galactic', factor: 0.86 });
    expect(ebv(sfdHealpix, 250, -12, { frame: 'galactic' })).toBeCloseTo(0.86 * Math.fround(p / 4096), 12);
  });

  it('a map parsed in memory works the same (parseFits → selectHdu → sfdDustMap)', () => {
    const bytes = formatFits([{ kind: 'image', data: north.data, shape: [N, N], cards: lambertCards(1) }]);
    const img = selectHdu(parseFits(bytes), 'image');
    const map = sfdDustMap(img, south);
    expect(ebv(map, 100, 50, { frame: 'galactic' })).toBeCloseTo(expectedSfd(100, 50), 5);
  });
});
