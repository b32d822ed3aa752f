// The calendar of cohort year Y, as day numbers. Computed once on the main thread (with luxon)
// and handed to the workers as plain data, so that they need no calendar library.
import { DateTime } from 'luxon';
import type { Day } from './model.js';

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
