import { describe, expect, it } from 'vitest';

import { chanceCoincidence } from '../../src/field/chance-coincidence';
import { createCatalog } from '../../src/field/catalog';
import { matchCounterparts } from '../../src/field/match-counterparts';
import { createRng } from '../../src/core/random';

describe('chanceCoincidence (Appendix C) on a uniform random catalog of known density', () => {
  // 30000 sources uniform on a 1 deg x 1 deg patch at the equator (cos dec >= 0.99996: flat to 4e-5).
  const rng = createRng('uniform-catalog');
  const N = 30000;
  const ra: number[] = [];
  const dec: number[] = [];
  for (let i = 0; i < N; i++) {
    ra.push(rng());
    dec.push(rng() - 0.5);
  }
  const area = 3600 * 3600 * ((Math.sin(0.5 * (Math.PI / 180)) * 2 * 180) / Math.PI); // arcsec^2 of the patch
  const rho = N / area;
  const catalog = createCatalog({ name: 'Uniform', ra, dec, sigma: 0 });
  // X-ray positions well inside the patch (>= 30" from its edges), unrelated to the catalog.
  const xrng = createRng('xray-positions');
  const sigmaX = 2.5; // arcsec: r(2 sigma) = 5"
  const xray = Array.from({ length: 3000 }, () => ({ ra: 0.01 + 0.98 * xrng(), dec: -0.49 + 0.98 * xrng(), pu: sigmaX * Math.sqrt(2 * Math.log(20)) }));
  const pcc = chanceCoincidence(xray, catalog, { level: '2sigma' });

  it('estimates the density rho within its Poisson error', () => {
    const meanCount = pcc.count.reduce((a, b) => a + b, 0) / xray.length;
    const expected = rho * Math.PI * 100;
    expect(Math.abs(meanCount - expected)).toBeLessThan(4 * Math.sqrt(expected / xray.length));
    expect(pcc.density[0]).toBe(pcc.count[0]! / (Math.PI * 100));
  });

  it('P = 1 - exp(-rho pi r^2) with r = 2 sqrt(sx^2 + smw^2) = 5"', () => {
    expect(pcc.radius[0]).toBeCloseTo(5, 12);
    for (let i = 0; i < 20; i++) expect(pcc.probability[i]).toBeCloseTo(1 - Math.exp(-pcc.density[i]! * Math.PI * 25), 14);
    const expectedP = 1 - Math.exp(-rho * Math.PI * 25);
    // Mean of P over sources vs. the true P: the density estimate's scatter (Poisson on ~1 source per 10" circle).
    expect(Math.abs(pcc.meanProbability - expectedP)).toBeLessThan(0.1 * expectedP);
    expect(pcc.expectedFalseMatches).toBeCloseTo(pcc.meanProbability * xray.length, 9);
  });

  it('matches the fraction of X-ray sources that actually got a chance counterpart, within binomial error', () => {
    const matched = matchCounterparts(xray, catalog, { level: '2sigma' }).index.filter((j) => j >= 0).length / xray.length;
    const expectedP = 1 - Math.exp(-rho * Math.PI * 25);
    const se = Math.sqrt((expectedP * (1 - expectedP)) / xray.length);
    expect(Math.abs(matched - expectedP)).toBeLessThan(4 * se);
    expect(Math.abs(matched - pcc.meanProbability)).toBeLessThan(4 * se + 0.05 * expectedP);
  });

  it('defaults to the paper\'s "2 sigma", the 95% radius', () => {
    const paper = chanceCoincidence(xray.slice(0, 5), catalog);
    expect(paper.radius[0]).toBeCloseTo(2.5 * Math.sqrt(2 * Math.log(20)), 12);
    expect(paper).toEqual(chanceCoincidence(xray.slice(0, 5), catalog, { level: '95%' }));
  });

  it('does not mutate its inputs', () => {
    const x = [{ ra: 0.5, dec: 0, pu: 1 }];
    const decBefore = catalog.dec.slice();
    chanceCoincidence(x, catalog, { epoch: 2000 });
    expect(x).toEqual([{ ra: 0.5, dec: 0, pu: 1 }]);
    expect(catalog.dec).toEqual(decBefore);
  });

  it('gives P = 0 where the catalog has no source within R, and validates R', () => {
    const far = chanceCoincidence([{ ra: 180, dec: 45, pu: 1 }], catalog);
    expect(far.count[0]).toBe(0);
    expect(far.probability[0]).toBe(0);
    expect(() => chanceCoincidence(xray, catalog, { densityRadius: 0 })).toThrow(/densityRadius/);
  });
});
