import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { InvalidArgumentError, ParseError } from '../../src/core/errors';
import { morrisonMcCammon1983, tabulatedCrossSection } from '../../src/reddening/cross-section';
import { parseTbabsData } from '../../src/reddening/tbabs';
import { readTbabsData } from '../../src/node';
import { describeWithData, sharedData } from '../helpers/shared-data';

describe('morrisonMcCammon1983 (ApJ 270, 119, Table 2)', () => {
  it('evaluates the published polynomial of each range', () => {
    // 0.867-1.303 keV: (120.6 + 169.3 E - 47.7 E^2) / E^3 x 1e-24
    expect(morrisonMcCammon1983.sigma(1)).toBeCloseTo(242.2e-24, 30);
    // 4.038-7.111 keV: (433.9 - 2.4 E + 0.75 E^2) / E^3
    expect(morrisonMcCammon1983.sigma(5) / ((433.9 - 12 + 18.75) / 125) / 1e-24).toBeCloseTo(1, 14);
    // 0.03-0.1 keV
    expect(morrisonMcCammon1983.sigma(0.05) / ((17.3 + 608.1 * 0.05 - 2150 * 0.0025) / 0.05 ** 3) / 1e-24).toBeCloseTo(1, 14);
  });

  it('jumps up at absorption edges (the upper range applies at the edge)', () => {
    for (const edge of [0.284, 0.532, 0.867, 1.84, 7.111]) {
      expect(morrisonMcCammon1983.sigma(edge)).toBeGreaterThan(morrisonMcCammon1983.sigma(edge * (1 - 1e-9)));
    }
  });

  it('falls roughly as E^-2.5 between edges', () => {
    const slope = Math.log(morrisonMcCammon1983.sigma(4) / morrisonMcCammon1983.sigma(3.3)) / Math.log(4 / 3.3);
    expect(slope).toBeGreaterThan(-3);
    expect(slope).toBeLessThan(-2.3);
  });

  it('lists its edges as breakpoints and rejects energies outside 0.03-10 keV', () => {
    expect(Array.from(morrisonMcCammon1983.breakpoints)).toContain(0.532);
    expect(() => morrisonMcCammon1983.sigma(20)).toThrow(InvalidArgumentError);
  });
});

describe('tabulatedCrossSection', () => {
  it('is exact at nodes and a power law between them', () => {
    const cs = tabulatedCrossSection([1, 2, 4], [8e-22, 1e-22, 5e-23]);
    expect(cs.sigma(1)).toBeCloseTo(8e-22, 35);
    expect(cs.sigma(2)).toBeCloseTo(1e-22, 35);
    expect(cs.sigma(Math.SQRT2) / Math.sqrt(8e-22 * 1e-22)).toBeCloseTo(1, 12); // geometric mean at the log midpoint
    expect(cs.minEnergy).toBe(1);
    expect(cs.maxEnergy).toBe(4);
  });

  it('copies its input', () => {
    const e = [1, 2];
    const s = [2e-22, 1e-22];
    const cs = tabulatedCrossSection(e, s);
    e[1] = 3;
    s[0] = 5;
    expect(cs.sigma(1)).toBeCloseTo(2e-22, 35);
    expect(cs.maxEnergy).toBe(2);
  });

  it('rejects bad tables, naming the index', () => {
    expect(() => tabulatedCrossSection([1, 2], [1e-22])).toThrow(/2 energies but 1/);
    expect(() => tabulatedCrossSection([1], [1e-22])).toThrow(/at least 2/);
    expect(() => tabulatedCrossSection([1, 1], [1e-22, 1e-22])).toThrow(/energy 1/);
    expect(() => tabulatedCrossSection([1, 2], [1e-22, 0])).toThrow(/cross section 1/);
    expect(() => tabulatedCrossSection([1, 2], [1e-22, 1e-22]).sigma(3)).toThrow(InvalidArgumentError);
  });
});

describe('parseTbabsData / readTbabsData', () => {
  it('reads the two-line format in units of 1e-22 cm^2', async () => {
    const cs = parseTbabsData('0.5 1.0 2.0\n10.0 2.53 0.55\n');
    expect(cs.sigma(1)).toBeCloseTo(2.53e-22, 35);
    const dir = mkdtempSync(join(tmpdir(), 'muwclass-tbabs-'));
    const path = join(dir, 't.data');
    writeFileSync(path, '\n 0.5   1.0  2.0 \r\n10.0 2.53 0.55');
    expect((await readTbabsData(path)).sigma(2)).toBeCloseTo(0.55e-22, 35);
  });

  it('rejects a table in the wrong unit by its 1 keV value', () => {
    expect(() => parseTbabsData('0.5 1.0 2.0\n10e-22 2.53e-22 0.55e-22')).toThrow(ParseError);
    expect(() => parseTbabsData('0.5 1.0 2.0\n10e-22 2.53e-22 0.55e-22')).toThrow(/wrong unit/);
    expect(parseTbabsData('0.5 1.0 2.0\n10e-22 2.53e-22 0.55e-22', { unit: 1 }).sigma(1)).toBeCloseTo(2.53e-22, 35);
    expect(parseTbabsData('2 3\n1 0.5').sigma(2)).toBeCloseTo(1e-22, 35); // no 1 keV node: no check
  });

  it('names the file, line and column of a malformed number', () => {
    expect(() => parseTbabsData('0.5 1.0 2.0\n10 2.5x 0.5', { sourceName: 't.data' })).toThrow(/malformed number "2.5x" \(in t.data, row 2, column 2\)/);
    expect(() => parseTbabsData('0.5 1.0\n10 2.5\n1 2')).toThrow(/exactly two/);
    expect(() => parseTbabsData('0.5 1.0 2\n10 2.5')).toThrow(/3 energies but 2/);
  });
});

describeWithData('the tbabs table (reference/tbabs.data)', ['reference/tbabs.data'], () => {
  it('holds Wilms et al. (2000) cross sections: 2.53e-22 cm^2 at 1 keV, 3706 nodes over 0.1-10 keV', async () => {
    const tbabs = await readTbabsData(sharedData('reference/tbabs.data'));
    expect(tbabs.breakpoints).toHaveLength(3706);
    expect(tbabs.minEnergy).toBeCloseTo(0.1, 3);
    expect(tbabs.maxEnergy).toBeCloseTo(10, 2);
    expect(tbabs.sigma(1) / 1e-22).toBeCloseTo(2.532, 3);
    // within 5% of Morrison & McCammon at 1 keV (different abundances and cross sections)
    expect(Math.abs(tbabs.sigma(1) / morrisonMcCammon1983.sigma(1) - 1)).toBeLessThan(0.05);
  });
});
