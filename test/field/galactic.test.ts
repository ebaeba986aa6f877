import { describe, expect, it } from 'vitest';

import { GALACTIC_POLE, ICRS_TO_GALACTIC, equatorialToGalactic, galacticToEquatorial } from '../../src/field/galactic';
import { angularSeparation } from '../../src/field/angular-separation';
import { InvalidArgumentError } from '../../src/core/errors';

const rad = Math.PI / 180;

describe('ICRS -> Galactic (IAU, Hipparcos J2000 matrix)', () => {
  it('the typed-in matrix equals the one built from the pole constants (independent construction)', () => {
    const a = GALACTIC_POLE.ra * rad;
    const d = GALACTIC_POLE.dec * rad;
    const l = GALACTIC_POLE.lNorthCelestialPole * rad;
    const z = [Math.cos(d) * Math.cos(a), Math.cos(d) * Math.sin(a), Math.sin(d)];
    // The NCP projected on the Galactic plane points to longitude l_NCP.
    const v0 = [-Math.sin(d) * z[0]!, -Math.sin(d) * z[1]!, 1 - Math.sin(d) * z[2]!];
    const nv = Math.hypot(...v0);
    const v = v0.map((t) => t / nv);
    const w = [z[1]! * v[2]! - z[2]! * v[1]!, z[2]! * v[0]! - z[0]! * v[2]!, z[0]! * v[1]! - z[1]! * v[0]!];
    const x = v.map((t, i) => Math.cos(l) * t - Math.sin(l) * w[i]!);
    const y = v.map((t, i) => Math.sin(l) * t + Math.cos(l) * w[i]!);
    for (const [row, expected] of [x, y, z].entries()) {
      for (let j = 0; j < 3; j++) expect(ICRS_TO_GALACTIC[row]![j]).toBeCloseTo(expected[j]!, 14);
    }
  });

  it('is orthonormal', () => {
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += ICRS_TO_GALACTIC[i]![k]! * ICRS_TO_GALACTIC[j]![k]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 14);
      }
    }
  });

  it('maps the defining points: NGP to b = 90, NCP to (122.93192, 27.12825), the Galactic centre to (0, 0)', () => {
    expect(equatorialToGalactic(192.85948, 27.12825).b).toBeCloseTo(90, 9);
    const ncp = equatorialToGalactic(0, 90);
    expect(ncp.l).toBeCloseTo(122.93192, 9);
    expect(ncp.b).toBeCloseTo(27.12825, 9);
    // The Galactic centre in ICRS (ESA 1997): 17h45m37.20s, -28d56m10.2s = (266.40500, -28.93617).
    const gc = galacticToEquatorial(0, 0);
    expect(gc.ra).toBeCloseTo(266.405, 4);
    expect(gc.dec).toBeCloseTo(-28.93617, 4);
  });

  it('round-trips and preserves separations', () => {
    for (const [ra, dec] of [[10, 20], [359.9, -89], [180, 0.5], [83.63, 22.01]] as const) {
      const g = equatorialToGalactic(ra, dec);
      const back = galacticToEquatorial(g.l, g.b);
      expect(angularSeparation(ra, dec, back.ra, back.dec) * 3600).toBeLessThan(1e-9);
    }
    const a = equatorialToGalactic(10, 20);
    const b = equatorialToGalactic(11, 21);
    expect(angularSeparation(a.l, a.b, b.l, b.b)).toBeCloseTo(angularSeparation(10, 20, 11, 21), 12);
  });

  it('rejects invalid coordinates', () => {
    expect(() => equatorialToGalactic(10, 95)).toThrow(InvalidArgumentError);
    expect(() => galacticToEquatorial(Number.NaN, 0)).toThrow(/galacticToEquatorial/);
  });
});
