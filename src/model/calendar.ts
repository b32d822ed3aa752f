// The calendar, in one place: day numbers <-> civil dates, month numbers and age in completed
// years as plain arithmetic (the hot path and the workers use these; test/calendar.test.ts checks
// them against luxon over two centuries), and the cohort year's boundaries with luxon, computed
// once on the main thread and handed to the workers as plain data. luxon is free of side
// effects, so the worker bundle, which uses only the arithmetic, leaves it out.
import { DateTime } from 'luxon';
import type { Day } from './model.js';

/** Days since 1970-01-01 of the proleptic Gregorian date y-m-d (Howard Hinnant's days_from_civil).
 *  m is 1..12, d is 1..31; no validation here. */
export function daysFromCivil(y: number, m: number, d: number): Day {
  // Integer division by `| 0` (truncation) where the operand is never negative; era rounds down.
  y -= m <= 2 ? 1 : 0;
  const era = ((y >= 0 ? y : y - 399) / 400) | 0;
  const yoe = y - era * 400; // [0, 399]
  const doy = (((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) | 0) + d - 1; // [0, 365], March-based
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil (Hinnant's civil_from_days). */
export function civilFromDays(day: Day): { y: number; m: number; d: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097; // [0, 146096]
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // [0, 365]
  const mp = Math.floor((5 * doy + 2) / 153); // [0, 11], March-based
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Months since January 1900 of a day (0 = 1900-01): for counting starts per month. */
export function monthOf(day: Day): number {
  const i = day - MONTHS_FROM;
  if (i >= 0 && i < MONTH_TABLE_DAYS) return (MONTH_OF ??= monthTable())[i];
  const { y, m } = civilFromDays(day);
  return (y - 1900) * 12 + (m - 1);
}

// The hot path counts every product's start month: a table for the days the readers accept
// (1900..2199) answers without the arithmetic and the object civilFromDays returns.
const MONTHS_FROM = daysFromCivil(1900, 1, 1);
const MONTH_TABLE_DAYS = daysFromCivil(2200, 1, 1) - MONTHS_FROM;
let MONTH_OF: Uint16Array | undefined;
function monthTable(): Uint16Array {
  const t = new Uint16Array(MONTH_TABLE_DAYS);
  let i = 0;
  for (let y = 1900; y < 2200; y++) {
    for (let m = 1; m <= 12; m++) {
      const next = m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1);
      t.fill((y - 1900) * 12 + (m - 1), i, next - MONTHS_FROM);
      i = next - MONTHS_FROM;
    }
  }
  return t;
}

/**
 * Completed years of age on day `on` of someone born on day `birth` (SPEC 11): the birthday of a
 * 29 February counts as 1 March in other years. Negative when `on` is before `birth`.
 * @public for the age groups of SPEC 11 (the breakdowns issue); tested in test/calendar.test.ts.
 */
export function completedYears(birth: Day, on: Day): number {
  const b = civilFromDays(birth);
  const o = civilFromDays(on);
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  // This year's birthday as (month, day); 29 February outside a leap year is 1 March.
  const [bm, bd] = b.m === 2 && b.d === 29 && !leap(o.y) ? [3, 1] : [b.m, b.d];
  const before = o.m < bm || (o.m === bm && o.d < bd);
  return o.y - b.y - (before ? 1 : 0);
}

export interface CohortYear {
  year: number;
  /** 1 January Y .. 31 December Y, as days. */
  first: Day;
  last: Day;
  /** 1 January Y+1 .. 31 December Y+1. */
  nextFirst: Day;
  nextLast: Day;
}

export function cohortYear(year: number): CohortYear {
  // A fixed locale spares luxon setting up Intl for the system's (about 17 ms of every run).
  const day = (y: number, m: number, d: number) =>
    DateTime.fromObject({ year: y, month: m, day: d }, { zone: 'utc', locale: 'en-US' }).toMillis() / 86_400_000;
  return {
    year,
    first: day(year, 1, 1),
    last: day(year, 12, 31),
    nextFirst: day(year + 1, 1, 1),
    nextLast: day(year + 1, 12, 31),
  };
}

/** A day as 'YYYY-MM-DD'. */
export function isoOf(day: Day): string {
  const { y, m, d } = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
