import { describe, expect, it } from 'vitest';

import { applySelection, galacticLatitudeAbove, goodSourceCriteria, outsideRegions, positionalUncertaintyBelow, significanceAbove, withoutFlags } from '../../src/field/selection';
import { readCsv } from '../../src/node';
import { MissingColumnError } from '../../src/core/errors';
import { describeWithData, sharedData } from '../helpers/shared-data';

describe('selection predicates with counts', () => {
  const rows = [
    { name: 'a', 'CSCv2_S/N': 5, CSCv2_PU: 0.8, CSCv2_flags: '', CSCv2_RA: 150, CSCv2_DEC: 20 },
    { name: 'b', 'CSCv2_S/N': 2, CSCv2_PU: 0.8, CSCv2_flags: 'pileup', CSCv2_RA: 150, CSCv2_DEC: 20 },
    { name: 'c', 'CSCv2_S/N': 3, CSCv2_PU: 1.2, CSCv2_flags: 'extent|conf', CSCv2_RA: 150, CSCv2_DEC: 20 },
    { name: 'd', 'CSCv2_S/N': 10, CSCv2_PU: 0.9, CSCv2_flags: 'conf', CSCv2_RA: 266.40499, CSCv2_DEC: -28.93617 },
    { name: 'e', 'CSCv2_S/N': '12.5', CSCv2_PU: '0.71', CSCv2_flags: 'pileup', CSCv2_RA: '266.40499', CSCv2_DEC: '-28.93617' },
    { name: 'f', 'CSCv2_S/N': '', CSCv2_PU: 0.5, CSCv2_flags: '', CSCv2_RA: 10.6847, CSCv2_DEC: 41.269 },
  ];

  it('applies the good-source filter in order, counting removals and independent failures', () => {
    const result = applySelection(rows, goodSourceCriteria());
    expect(result.selected.map((r) => r.name)).toEqual(['a', 'e']);
    expect(result.keep).toEqual([true, false, false, false, true, false]);
    expect(result.steps).toEqual([
      { name: 'CSCv2_S/N > 3', removed: 3, remaining: 3, failing: 3 },
      { name: 'CSCv2_PU < 1"', removed: 0, remaining: 3, failing: 1 },
      { name: 'no conf/extent flag', removed: 1, remaining: 2, failing: 2 },
    ]);
  });

  it('cuts low Galactic latitude and user circles', () => {
    const result = applySelection(rows, [galacticLatitudeAbove(10), outsideRegions([{ ra: 10.6847, dec: 41.269, radius: 600 }])]);
    expect(result.selected.map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect(result.steps.map((s) => s.removed)).toEqual([2, 1]);
  });

  it('treats missing values explicitly and never mutates rows', () => {
    expect(significanceAbove().keep({ 'CSCv2_S/N': Number.NaN })).toBe(false);
    expect(withoutFlags(['conf'], 'conf_flag').keep({ conf_flag: true })).toBe(false);
    expect(withoutFlags(['conf'], 'conf_flag').keep({ conf_flag: 'False' })).toBe(true);
    const copy = JSON.stringify(rows);
    applySelection(rows, goodSourceCriteria());
    expect(JSON.stringify(rows)).toBe(copy);
  });

  it('names a missing column instead of removing every row', () => {
    expect(() => applySelection([{ snr: 4 }], [significanceAbove()])).toThrow(MissingColumnError);
    expect(() => positionalUncertaintyBelow(0)).toThrow(/positive/);
  });
});

describeWithData('selection on the paper\'s training set', ['td/muwclass_td_cscv2.csv'], () => {
  it('counts match an independent Python count of td/muwclass_td_cscv2.csv', async () => {
    const rows: Record<string, string>[] = [];
    for await (const r of readCsv(sharedData('td/muwclass_td_cscv2.csv'))) rows.push({ ...r.cells });
    expect(rows).toHaveLength(2941);
    // Counted with the csv module: S/N > 3 (2776 left), PU < 1 (2745), no conf/extent flag (1924);
    // failing on their own: 165, 38, 839; |b| < 10 deg: 538 of all, 302 of the good ones (Hipparcos matrix).
    const good = applySelection(rows, goodSourceCriteria());
    expect(good.steps.map((s) => [s.removed, s.remaining, s.failing])).toEqual([
      [165, 2776, 165],
      [31, 2745, 38],
      [821, 1924, 839],
    ]);
    const lowB = applySelection(good.selected, [galacticLatitudeAbove(10)]);
    expect(lowB.steps[0]!.removed).toBe(302);
    expect(applySelection(rows, [galacticLatitudeAbove(10)]).steps[0]!.failing).toBe(538);
  });
});
