import { describe, expect, it } from 'vitest';

import { InvalidArgumentError, InvalidValueError } from '../../src/core/errors';
import { detectionRejection, filterDetections, REJECTION_REASONS } from '../../src/xray/detection-filter';
import { deepFreeze, detection } from '../helpers/csc';

describe('detectionRejection', () => {
  it('keeps a clean ACIS detection', () => {
    expect(detectionRejection(detection())).toBeUndefined();
  });

  it.each([
    [{ instrument: 'HRC' }, 'hrc'],
    [{ instrument: ' HRC-I ' }, 'hrc'],
    [{ theta: 10.001 }, 'off-axis'],
    [{ sat_src_flag: true }, 'saturated'],
    [{ pileup_warning: 0.31 }, 'pile-up'],
    [{ streak_src_flag: true }, 'streak'],
  ] as const)('drops %j as %s', (overrides, reason) => {
    expect(detectionRejection(detection(overrides))).toBe(reason);
  });

  it('keeps the boundary values theta = 10 and pileup_warning = 0.3 (the filters are strict inequalities)', () => {
    expect(detectionRejection(detection({ theta: 10, pileup_warning: 0.3 }))).toBeUndefined();
  });

  it('does not drop on a missing value', () => {
    expect(detectionRejection(detection({ theta: Number.NaN, pileup_warning: Number.NaN, sat_src_flag: undefined, streak_src_flag: undefined }))).toBeUndefined();
  });

  it('reports the first filter in the documented order', () => {
    expect(detectionRejection(detection({ instrument: 'HRC', theta: 12, sat_src_flag: true }))).toBe('hrc');
    expect(detectionRejection(detection({ pileup_warning: 0.5, streak_src_flag: true }))).toBe('pile-up');
  });

  it('takes custom thresholds', () => {
    expect(detectionRejection(detection({ theta: 6 }), { maxTheta: 5 })).toBe('off-axis');
    expect(detectionRejection(detection({ pileup_warning: 0.2 }), { maxPileupWarning: 0.1 })).toBe('pile-up');
    expect(() => detectionRejection(detection(), { maxTheta: Number.NaN })).toThrow(InvalidArgumentError);
  });
});

describe('filterDetections', () => {
  it('drops every detection of an (obsid, region_id, obi) attributed to two source names (confused)', () => {
    const a = detection({ name: 'A', obsid: 5, region_id: 7, obi: 0 });
    const b = detection({ name: 'B', obsid: 5, region_id: 7, obi: 0 });
    const c = detection({ name: 'B', obsid: 5, region_id: 7, obi: 1 });
    const { kept, rejected } = filterDetections([a, b, c]);
    expect(kept).toEqual([c]);
    expect(rejected.map((r) => [r.detection.name, r.reason])).toEqual([
      ['A', 'confused'],
      ['B', 'confused'],
    ]);
  });

  it('keeps the first of a detection listed twice for the same source (names compared trimmed)', () => {
    const first = detection({ name: 'A', obsid: 5, region_id: 7, obi: 0, kp_prob_b: 0.1 });
    const again = detection({ name: ' A ', obsid: 5, region_id: 7, obi: 0, kp_prob_b: 0.1 });
    const { kept, rejected } = filterDetections([first, again]);
    expect(kept).toEqual([first]);
    expect(rejected).toEqual([{ detection: again, reason: 'duplicate' }]);
  });

  it('keeps the same region in another observation or observation interval', () => {
    const ds = [detection({ obsid: 1, region_id: 3, obi: 0 }), detection({ obsid: 2, region_id: 3, obi: 0 }), detection({ obsid: 1, region_id: 3, obi: 1 })];
    expect(filterDetections(ds).kept).toHaveLength(3);
  });

  it('returns rejections in input order with their reasons, and does not modify its input', () => {
    const ds = deepFreeze([detection({ theta: 11 }), detection(), detection({ instrument: 'HRC' })]);
    const before = JSON.stringify(ds);
    const { kept, rejected } = filterDetections(ds);
    expect(kept).toEqual([ds[1]]);
    expect(rejected.map((r) => r.reason)).toEqual(['off-axis', 'hrc']);
    expect(JSON.stringify(ds)).toBe(before);
    expect(REJECTION_REASONS).toContain('duplicate');
  });

  it('names the row and column of a detection without identity', () => {
    expect(() => filterDetections([detection(), detection({ obsid: Number.NaN })], { sourceName: 'per.csv' })).toThrow(
      new InvalidValueError('detection of src A has no obsid', { source: 'per.csv', row: 2, column: 'obsid' }).message,
    );
    expect(() => filterDetections([detection({ name: '  ', row: 17 })])).toThrow('detection has no source name (row 17, column "name")');
  });
});
