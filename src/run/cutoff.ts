// SPEC 10: the data cut-off D per data kind, and the warnings that go with it. By default D is
// read from the data: for allocations the latest start of any accepted product, for claims the
// latest end of any accepted claim period; `--data-until` sets it for every kind.
import type { Day } from '../model/model.js';
import { isoOf, type CohortYear } from '../model/calendar.js';
import { RunError } from '../model/errors.js';
import type { OpenedSource } from '../read/sources.js';
import type { Parsed } from './read-sources.js';

export interface CutOff {
  /** D per figure kind: allocations, claims, mixed (mixed: the earlier of the two). */
  dataUntil: [Day, Day, Day];
  /** For the manifest: D of each kind the run holds, as a date. */
  byKind: { allocations?: string; claims?: string };
  /** Cohort years whose Y+1 the data of some kind do not cover (D < 31 Dec Y+1): not final (SPEC 11). */
  notFinal: number[];
  warnings: string[];
}

/**
 * `allocationStart`: the latest start of an allocation product once versions are merged, when a
 * first aggregate pass found it differs from the latest start of a row (a later version moved it).
 */
export function dataCutOff(sources: OpenedSource[], all: { parsed: Parsed[] }, years: readonly CohortYear[], lookbackDays: number,
  given?: Day, allocationStart?: Day): CutOff {
  const y = years[0]; // the earliest
  if (given !== undefined && given < y.first) {
    throw new RunError(`--data-until ${isoOf(given)} lies before the cohort year ${y.year}: the data could not say anything about it`);
  }
  const maxStart = [-Infinity, -Infinity];
  const maxEnd = [-Infinity, -Infinity];
  const minStart = [Infinity, Infinity];
  const has = [false, false];
  for (const p of all.parsed) {
    const kind = sources[p.source].plan.kind;
    has[kind] = true;
    maxStart[kind] = Math.max(maxStart[kind], p.result.maxStart);
    maxEnd[kind] = Math.max(maxEnd[kind], p.result.maxEnd);
    minStart[kind] = Math.min(minStart[kind], p.result.minStart);
  }
  // Claims: the latest end of a claim period; only when no period has an end, the latest start.
  const fromData = [allocationStart ?? maxStart[0], Number.isFinite(maxEnd[1]) ? maxEnd[1] : maxStart[1]];
  const d = fromData.map((x) => given ?? x) as [Day, Day];
  const out: CutOff = { dataUntil: [d[0], d[1], Math.min(d[0], d[1])], byKind: {}, notFinal: [], warnings: [] };
  (['allocations', 'claims'] as const).forEach((kind, k) => {
    if (!has[k] || !Number.isFinite(d[k])) return;
    out.byKind[kind] = isoOf(d[k]);
    for (const c of years) {
      if (d[k] >= c.nextLast) continue;
      if (!out.notFinal.includes(c.year)) out.notFinal.push(c.year);
      out.warnings.push(`${kind}: the data run until ${isoOf(d[k])}, before the end of ${c.year + 1}: for cohort ${c.year}, in care in ${c.year + 1}, outflow and the time-in-care figures are not final.`);
    }
    if (minStart[k] > y.first - lookbackDays) {
      out.warnings.push(`${kind}: the data start on ${isoOf(minStart[k])}, later than ${lookbackDays} days before ${y.year}: prior care is undercounted.`);
    }
  });
  out.notFinal.sort((a, b) => a - b);
  return out;
}
