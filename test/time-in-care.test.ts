// SPEC 10 definitions by hand: ended or censored, duration classes, reason for ending, prior care,
// and how a client's trajectories become facts (analyseClient with a data cut-off).
import { describe, expect, it } from 'vitest';
import { analyseClient } from '../src/definitions/cohort.js';
import { censoredAfter, DURATION_CLASSES, durationClass, durationOf, hadPriorCare, hasEnded, reasonOf, SURVIVAL_POINTS } from '../src/definitions/time-in-care.js';
import type { Trajectory } from '../src/definitions/stitch.js';

/** The two rules together, as the cohort facts use them. */
const endingOf = (t: Trajectory, gap: number, D: number) => ({ ended: hasEnded(t, gap, D), time: hasEnded(t, gap, D) ? durationOf(t) : censoredAfter(t, D) });
import { cohortYear, daysFromCivil } from '../src/model/calendar.js';
import { OPEN_END, type Product } from '../src/model/model.js';

const d = (iso: string) => {
  const [y, m, day] = iso.split('-').map(Number);
  return daysFromCivil(y, m, day);
};
const p = (start: string, end: string | null, reason = 0): Product => ({ start: d(start), end: end === null ? OPEN_END : d(end), gm: 14, cat: 1, reason });
const y2021 = cohortYear(2021);

describe('ended or censored at the data cut-off D (SPEC 10)', () => {
  const t = { start: d('2021-03-01'), maxEnd: d('2021-05-31'), size: 1 };
  it('ends when maxEnd + gap < D; its duration counts both ends', () => {
    // 1 March .. 31 May: 31 + 30 + 31 = 92 days.
    expect(endingOf(t, 30, d('2021-07-01'))).toEqual({ ended: true, time: 92 });
  });
  it('is censored when a product within the gap could still come: maxEnd + gap >= D', () => {
    // 31 May + 30 = 30 June = D: not before D, so censored after min(maxEnd, D) - start + 1 = 92 days.
    expect(endingOf(t, 30, d('2021-06-30'))).toEqual({ ended: false, time: 92 });
    // D inside the trajectory: censored at D.
    expect(endingOf(t, 30, d('2021-04-10'))).toEqual({ ended: false, time: 41 });
  });
  it('an open trajectory is censored at D', () => {
    expect(endingOf({ ...t, maxEnd: OPEN_END }, 30, d('2022-02-28'))).toEqual({ ended: false, time: 365 });
  });
});

describe('duration classes of CBS 85096NED', () => {
  it('puts each boundary day in its class', () => {
    const cases: [number, string][] = [[1, '0-3m'], [91, '0-3m'], [92, '3-6m'], [182, '3-6m'], [183, '6-12m'], [365, '6-12m'],
      [366, '1-2y'], [730, '1-2y'], [731, '2-3y'], [1095, '2-3y'], [1096, '3-4y'], [1461, '3-4y'], [1462, '4y+'], [5000, '4y+']];
    for (const [days, cls] of cases) expect(DURATION_CLASSES[durationClass(days)], String(days)).toBe(cls);
  });
  it('the first four classes end on the published points of the curve (the registry relies on it)', () => {
    SURVIVAL_POINTS.forEach((t, k) => {
      expect(durationClass(t)).toBe(k);
      expect(durationClass(t + 1)).toBe(k + 1);
    });
  });
});

describe('how a trajectory ended', () => {
  it('the reason of the product with the latest end; several: the lowest code; none: 0', () => {
    const t = { start: d('2021-01-10'), maxEnd: d('2021-06-30'), size: 3 };
    expect(reasonOf([p('2021-01-10', '2021-03-31', 31), p('2021-02-01', '2021-06-30', 35)], t)).toBe(35);
    expect(reasonOf([p('2021-01-10', '2021-06-30', 36), p('2021-02-01', '2021-06-30', 31), p('2021-03-01', '2021-06-30', 0)], t)).toBe(31);
    expect(reasonOf([p('2021-01-10', '2021-06-30', 0)], t)).toBe(0);
    // A product of another trajectory ending on the same day does not count.
    expect(reasonOf([p('2020-01-01', '2021-06-30', 31), p('2021-01-10', '2021-06-30', 0)], t)).toBe(0);
  });
});

describe('prior care', () => {
  const first = d('2021-04-01');
  it('a product before the first start touching the lookback window, open ends included', () => {
    // Ended 2 April 2020: 364 days before 1 April 2021, inside a 365-day window.
    expect(hadPriorCare([p('2019-06-01', '2020-04-02')], first, 365)).toBe(true);
    // Ended 31 March 2020: 366 days before: outside.
    expect(hadPriorCare([p('2019-06-01', '2020-03-31')], first, 365)).toBe(false);
    expect(hadPriorCare([p('2015-06-01', null)], first, 365)).toBe(true);
    // The first product itself is not prior care.
    expect(hadPriorCare([p('2021-04-01', '2021-05-01')], first, 365)).toBe(false);
  });
});

describe('facts of one client with a cut-off', () => {
  it('ended trajectories carry their duration, reason, follow-up and the gap to the next product', () => {
    // Trajectory 1: 1 Feb - 30 Apr 2021 (89 days), reason 31. Next product 1 Sep 2021: 124 days after 30 Apr.
    // Trajectory 2: 1 Sep 2021, open: censored at D = 31 Dec 2022 after 487 days.
    const f = analyseClient([p('2021-02-01', '2021-04-30', 31), p('2021-09-01', null), p('2020-01-01', '2020-12-01')], {
      y: y2021, gapDays: 30, dataUntil: d('2022-12-31'), lookbackDays: 365,
    })!;
    expect(f.trajectories).toEqual([
      { size: 1, closed: true, ended: true, time: 89, reason: 31, nextAfter: 124, followUp: d('2022-12-31') - d('2021-04-30') },
      { size: 1, closed: false, ended: false, time: 487, reason: 0, nextAfter: Infinity, followUp: 0 },
    ]);
    // The 2020 product ended 1 Dec 2020, 62 days before the first start in 2021.
    expect(f.priorCare).toBe(true);
  });
});
