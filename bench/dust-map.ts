/**
 * Benchmark: read dust maps and look up E(B−V) — muwclass's FITS reader and lookups (`readDustMap`, `ebvAt`)
 * against astropy.io.fits + healpy (Debian python3-astropy, python3-healpy) on the same synthetic files in the
 * same run: an SFD-sized pair of 4096² float32 polar images (64 MiB each) and an N_side 1024 NESTED HEALPix map
 * in Planck's layout (two float32 columns, 1024 pixels a row; 96 MiB), then 10⁵ ICRS positions.
 *
 *   npm run bench:dust-map         (DUST_BENCH_ROUNDS=3 by default)
 *
 * The Python peer runs when /usr/bin/python3 has astropy and healpy; medians and ratios are printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { ebvAt } from '../src/reddening/dust-map';
import { readDustMap, SFD_FILE_NAMES, writeFits } from '../src/node/fits';

const ROUNDS = Number(process.env.DUST_BENCH_ROUNDS ?? 3);
const N = 4096;
const NSIDE = 1024;
const dir = mkdtempSync(join(tmpdir(), 'muwclass-bench-dust-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function makeFiles(): Promise<void> {
  const image = (nsgp: number) => ({
    kind: 'image' as const,
    data: Float32Array.from({ length: N * N }, (_, i) => (i % 4096) / 4096),
    shape: [N, N],
    cards: [
      { keyword: 'CTYPE1', value: 'LAMBERT--X' }, { keyword: 'CTYPE2', value: 'LAMBERT--Y' },
      { keyword: 'CRPIX1', value: 2048.5 }, { keyword: 'CRPIX2', value: 2048.5 }, { keyword: 'CRVAL1', value: 0 }, { keyword: 'CRVAL2', value: 0 },
      { keyword: 'LAM_NSGP', value: nsgp }, { keyword: 'LAM_SCAL', value: 2048 },
    ],
  });
  await writeFits(join(dir, SFD_FILE_NAMES.north), [image(1)]);
  await writeFits(join(dir, SFD_FILE_NAMES.south), [image(-1)]);
  const n = 12 * NSIDE * NSIDE;
  await writeFits(join(dir, 'healpix.fits'), [
    {
      kind: 'bintable',
      columns: [
        { name: 'TAU353', values: new Float32Array(n), repeat: 1024 },
        { name: 'EBV', values: Float32Array.from({ length: n }, (_, i) => (i % 1000) / 1000), repeat: 1024 },
      ],
      cards: [{ keyword: 'PIXTYPE', value: 'HEALPIX' }, { keyword: 'ORDERING', value: 'NESTED' }, { keyword: 'NSIDE', value: NSIDE }, { keyword: 'COORDSYS', value: 'G' }],
    },
  ]);
}

const PEER = `
import sys, time, numpy as np, healpy as hp
from astropy.io import fits
from astropy.coordinates import SkyCoord
import astropy.units as u
d = sys.argv[1]
i = np.arange(100000)
ra = (i * 137.508) % 360; dec = np.degrees(np.arcsin(((i * 0.618) % 2) - 1))
t0 = time.perf_counter(); n = fits.getdata(d + '/SFD_dust_4096_ngp.fits'); s = fits.getdata(d + '/SFD_dust_4096_sgp.fits'); n.sum(); s.sum(); t1 = time.perf_counter()
m = hp.read_map(d + '/healpix.fits', field=1, nest=True); t2 = time.perf_counter()
g = SkyCoord(ra=ra*u.deg, dec=dec*u.deg).galactic
v = m[hp.ang2pix(${NSIDE}, g.l.deg, g.b.deg, nest=True, lonlat=True)]; t3 = time.perf_counter()
print(f'{(t1-t0)*1000} {(t2-t1)*1000} {(t3-t2)*1000}')
`;

async function main(): Promise<void> {
  await makeFiles();
  const ra = Float64Array.from({ length: 100_000 }, (_, i) => (i * 137.508) % 360);
  const dec = Float64Array.from({ length: 100_000 }, (_, i) => (Math.asin(((i * 0.618) % 2) - 1) * 180) / Math.PI);
  const ours = { sfdRead: [] as number[], hpRead: [] as number[], hpLookup: [] as number[], sfdLookup: [] as number[] };
  const peer = { sfdRead: [] as number[], hpRead: [] as number[], hpLookup: [] as number[] };
  let peerOk = true;
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    const sfd = await readDustMap(dir);
    ours.sfdRead.push(performance.now() - t);
    t = performance.now();
    ebvAt(sfd, ra, dec);
    ours.sfdLookup.push(performance.now() - t);
    t = performance.now();
    const hp = await readDustMap(join(dir, 'healpix.fits'));
    ours.hpRead.push(performance.now() - t);
    t = performance.now();
    ebvAt(hp, ra, dec);
    ours.hpLookup.push(performance.now() - t);
    if (peerOk) {
      const p = spawnSync('/usr/bin/python3', ['-c', PEER, dir], { encoding: 'utf8' });
      if (p.status !== 0) {
        peerOk = false;
        console.log(`(no Python peer: ${p.stderr.trim().split('\n').pop() ?? 'python3 failed'})`);
      } else {
        const [a, b, c] = p.stdout.trim().split(' ').map(Number);
        peer.sfdRead.push(a!);
        peer.hpRead.push(b!);
        peer.hpLookup.push(c!);
      }
    }
  }
  const row = (name: string, mine: number[], theirs: number[] | undefined) =>
    console.log(`${name.padEnd(44)} muwclass ${median(mine).toFixed(0).padStart(6)} ms` + (theirs !== undefined && theirs.length > 0 ? `   peer ${median(theirs).toFixed(0).padStart(6)} ms   ratio ${(median(mine) / median(theirs)).toFixed(2)}` : ''));
  console.log(`medians of ${ROUNDS} rounds; peer: astropy.io.fits + healpy`);
  row('read SFD 2 x 4096^2 float32 images', ours.sfdRead, peer.sfdRead);
  row('read HEALPix N_side 1024 EBV column', ours.hpRead, peer.hpRead);
  row('1e5 ICRS positions: HEALPix lookup', ours.hpLookup, peer.hpLookup);
  row('1e5 ICRS positions: SFD bilinear lookup', ours.sfdLookup, undefined);
}

await main();
