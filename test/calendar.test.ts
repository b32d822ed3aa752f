// The calendar's arithmetic (src/model/calendar.ts) against luxon, and the SPEC 11 age rule by hand.
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { civilFromDays, cohortYear, completedYears, daysFromCivil, monthOf } from '../src/model/calendar.js';
import { mulberry32 } from './helpers.js';

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toMillis() / 86_400_000;

describe('age in completed years (SPEC 11)', () => {
  it('counts a birthday on the day itself, not the day before', () => {
    expect(completedYears(day('2010-03-15'), day('2021-03-14'))).toBe(10);
    expect(completedYears(day('2010-03-15'), day('2021-03-15'))).toBe(11);
    expect(completedYears(day('2021-06-01'), day('2021-06-01'))).toBe(0);
    expect(completedYears(day('2021-06-02'), day('2021-06-01'))).toBe(-1);
  });

  it('a 29 February birthday counts as 1 March in other years', () => {
    expect(completedYears(day('2008-02-29'), day('2021-02-28'))).toBe(12);
    expect(completedYears(day('2008-02-29'), day('2021-03-01'))).toBe(13);
    // In a leap year the birthday is 29 February itself.
    expect(completedYears(day('2008-02-29'), day('2020-02-28'))).toBe(11);
    expect(completedYears(day('2008-02-29'), day('2020-02-29'))).toBe(12);
  });

  it('agrees with a luxon-based count on random dates, 1900-2100', () => {
    const rnd = mulberry32(11);
    const lo = day('1900-01-01');
    const span = day('2100-12-31') - lo;
    for (let i = 0; i < 20_000; i++) {
      const b = lo + Math.floor(rnd() * span);
      const o = b + Math.floor(rnd() * 9000) - 500;
      const bd = DateTime.fromMillis(b * 86_400_000, { zone: 'utc' });
      const od = DateTime.fromMillis(o * 86_400_000, { zone: 'utc' });
      // This year's birthday by luxon: 29 February in a non-leap year is 1 March.
      const birthday = bd.month === 2 && bd.day === 29 && !od.isInLeapYear
        ? DateTime.fromObject({ year: od.year, month: 3, day: 1 }, { zone: 'utc' })
        : bd.set({ year: od.year });
      const expected = od.year - bd.year - (od < birthday ? 1 : 0);
      expect(completedYears(b, o), `${bd.toISODate()} on ${od.toISODate()}`).toBe(expected);
    }
  });
});

describe('day numbers and months', () => {
  it('civil dates round-trip and match luxon', () => {
    for (let d = day('1899-12-25'); d <= day('2200-01-05'); d += 7) {
      const dt = DateTime.fromMillis(d * 86_400_000, { zone: 'utc' });
      expect(civilFromDays(d)).toEqual({ y: dt.year, m: dt.month, d: dt.day });
      expect(daysFromCivil(dt.year, dt.month, dt.day)).toBe(d);
      expect(monthOf(d)).toBe((dt.year - 1900) * 12 + dt.month - 1);
    }
  });

  it('the cohort year runs 1 January Y to 31 December Y, and Y+1 likewise', () => {
    expect(cohortYear(2020)).toEqual({
      year: 2020, first: day('2020-01-01'), last: day('2020-12-31'), nextFirst: day('2021-01-01'), nextLast: day('2021-12-31'),
    });
  });
});
