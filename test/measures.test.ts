// The measure registry, the counters and the pure publish step, without threads: facts made by
// hand, folded, rolled up and published; expected figures worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import type { ClientFacts, TrajectoryFact } from '../src/definitions/cohort.js';
import { DEFAULT_DISCLOSURE } from '../src/disclosure/disclosure.js';
import {
  Folder, layoutOf, mergeInto, mergePacked, packCounters, packKey, unpackKey, type Counters, type GroupKey, type KindKey,
} from '../src/measures/counters.js';
import { ONE_CELL, type MeasureDefinition } from '../src/measures/measure.js';
import { buildMetrics } from '../src/measures/metrics.js';
import { MEASURES, measure } from '../src/measures/registry.js';
import { publish } from '../src/publish/publish.js';
import type { MetricRow } from '../src/model/model.js';
import { mulberry32 } from './helpers.js';

const GGZ = 1; // index of 'ggz' in CATEGORIES
const JB = 4; // jeugdbescherming

/** A client of GM0014 or GM0034 with the given facts. */
function facts(gm: number, o: Partial<ClientFacts> = {}): ClientFacts {
  return {
    gm, inCareNextYear: false, trajectories: [], startCategories: 1 << GGZ,
    startedInYear: [0, 1, 0, 0, 0, 0], priorCare: false, firstStart: 18687, birth: null, referrer: 0, sex: 0, ...o,
  };
}

/** A trajectory started in Y, still running at the data cut-off (SPEC 10 facts not in play). */
const traj = (size: number, closed: boolean): TrajectoryFact => ({ size, closed, ended: false, time: 1, reason: 0, nextAfter: Infinity, followUp: 0 });

const key = (gm: number, kind: KindKey = 0): GroupKey => ({ kind, gm, year: 0, gap: 0, group: 0 });

function row(rows: readonly MetricRow[], area: string, m: string, sub = ''): MetricRow {
  const r = rows.find((x) => x.area === area && x.measure === m && (x.category === sub || x.bucket === sub) && x.data_kind === 'allocations');
  if (!r) throw new Error(`no row ${area} ${m} ${sub}`);
  return r;
}

describe('registry -> counters -> metrics', () => {
  // GM0014: A in care in Y+1, one closed trajectory of 2 products and one open; starts with GGZ.
  //         B not in care, one closed trajectory of 1; starts with GGZ and jeugdbescherming together.
  // GM0034: C not in care, one closed trajectory of 6; starts with jeugdbescherming, 3 JB products in Y.
  const counters: Counters = new Map();
  const folder = new Folder();
  folder.fold(counters, key(14), facts(14, { inCareNextYear: true, trajectories: [traj(2, true), traj(1, false)] }));
  folder.fold(counters, key(14), facts(14, { trajectories: [traj(1, true)], startCategories: (1 << GGZ) | (1 << JB), startedInYear: [0, 1, 0, 0, 1, 0] }));
  folder.fold(counters, key(34), facts(34, { trajectories: [traj(6, true)], startCategories: 1 << JB, startedInYear: [0, 0, 0, 0, 3, 0] }));
  const { rows, sd } = buildMetrics(counters, new Map([[14, 'Noord'], [34, 'Noord']]));

  it('gives every cell of every definition for every area, in registry order', () => {
    // Without a reason-for-ending column, ended_as_planned is left out.
    const shown = MEASURES.filter((d) => d.requires === undefined);
    const cellsPerArea = shown.reduce((s, d) => s + d.cells.length, 0);
    expect(rows).toHaveLength(4 * cellsPerArea); // GM0014, GM0034, Noord, all
    expect(rows.slice(0, cellsPerArea).map((r) => r.measure)).toEqual(shown.flatMap((d) => d.cells.map(() => d.id)));
  });

  it('counts, shares, means and distributions as worked out by hand', () => {
    const n = (r: MetricRow) => [r.numerator, r.denominator, r.value];
    expect(n(row(rows, 'GM0014', 'cohort_youths'))).toEqual([2, null, 2]);
    expect(n(row(rows, 'GM0014', 'outflow'))).toEqual([1, 2, 0.5]);
    expect(n(row(rows, 'GM0014', 'in_care_next_year'))).toEqual([1, 2, 0.5]);
    // Closed trajectories of GM0014: sizes 2 and 1 -> 3 products over 2; the open one is 1 of 3 started.
    expect(n(row(rows, 'GM0014', 'products_per_trajectory'))).toEqual([3, 2, 1.5]);
    expect(n(row(rows, 'GM0014', 'trajectories_open'))).toEqual([1, 3, 1 / 3]);
    expect(n(row(rows, 'GM0014', 'trajectory_size', '1'))).toEqual([1, 2, 0.5]);
    expect(n(row(rows, 'GM0014', 'trajectory_size', '5+'))).toEqual([0, 2, 0]);
    expect(n(row(rows, 'GM0014', 'start_category_any', 'ggz'))).toEqual([2, 2, 1]);
    expect(n(row(rows, 'GM0014', 'start_category_alone', 'ggz'))).toEqual([1, 2, 0.5]);
    expect(n(row(rows, 'GM0014', 'start_category_alone', 'jeugdbescherming'))).toEqual([0, 2, 0]);
    expect(n(row(rows, 'GM0034', 'products_started', 'jeugdbescherming'))).toEqual([3, 1, 3]);
    // Noord = both municipalities: sizes 2, 1, 6 closed -> 9 / 3; a size of 6 is bucket 5+.
    expect(n(row(rows, 'Noord', 'products_per_trajectory'))).toEqual([9, 3, 3]);
    expect(n(row(rows, 'Noord', 'trajectory_size', '5+'))).toEqual([1, 3, 1 / 3]);
    // Jeugdbescherming products started in Y: 1 (B) + 3 (C) by 2 youths.
    expect(n(row(rows, 'Noord', 'products_started', 'jeugdbescherming'))).toEqual([4, 2, 2]);
    // Sample sd of 2, 1, 6: mean 3, squares 1 + 4 + 9 = 14 over 2 -> sqrt(7).
    expect(sd.get('region|Noord|allocations|products_per_trajectory|0|0||')).toBeCloseTo(Math.sqrt(7), 12);
    const ppt = row(rows, 'Noord', 'products_per_trajectory');
    const half = (1.96 * Math.sqrt(7)) / Math.sqrt(3);
    expect(ppt.ci_low).toBeCloseTo(3 - half, 12);
    expect(ppt.ci_high).toBeCloseTo(3 + half, 12);
    // products_started keeps no sum of squares: no interval.
    expect(row(rows, 'Noord', 'products_started', 'jeugdbescherming').ci_low).toBeNull();
  });

  it('a made-up figure is one definition (the README example)', () => {
    const longTrajectory: MeasureDefinition = {
      id: 'long_trajectory', kind: 'share', unit: 'youths', cells: ONE_CELL,
      fold: (f, t) => t.share(0, f.trajectories.some((x) => x.size >= 3)),
      givesAway: [{ measure: 'cohort_youths', how: 'denominator' }],
      compared: true,
    };
    const defs = [...MEASURES, longTrajectory];
    const c: Counters = new Map();
    const f = new Folder(defs);
    f.fold(c, key(14), facts(14, { trajectories: [traj(3, true)] }));
    f.fold(c, key(14), facts(14, { trajectories: [traj(2, false)] }));
    const r = buildMetrics(c, new Map(), { defs, layout: layoutOf(defs) }).rows;
    const mine = r.filter((x) => x.measure === 'long_trajectory');
    // Areas GM0014 and all; one youth of two has a trajectory of 3 or more products.
    expect(mine.map((x) => [x.level, x.numerator, x.denominator, x.value])).toEqual([['municipality', 1, 2, 0.5], ['all', 1, 2, 0.5]]);
  });

  it('measure() names the known ids when asked for an unknown one', () => {
    expect(() => measure('outfow')).toThrow(/unknown measure 'outfow'.*outflow/);
  });
});

describe('group keys and packed counters', () => {
  it('packKey and unpackKey are inverse over the whole key space', () => {
    const rnd = mulberry32(7);
    const int = (n: number) => Math.floor(rnd() * n);
    for (let i = 0; i < 2000; i++) {
      const k: GroupKey = { kind: int(3) as KindKey, gm: int(10_000), year: int(60), gap: int(64), group: int(256) };
      expect(unpackKey(packKey(k))).toEqual(k);
      expect(Number.isSafeInteger(packKey(k))).toBe(true);
    }
  });

  it('keys sort by year, gap, group, kind, then municipality', () => {
    const keys = [
      { kind: 1, gm: 1, year: 0, gap: 0, group: 0 },
      { kind: 0, gm: 9999, year: 0, gap: 0, group: 0 },
      { kind: 0, gm: 5, year: 0, gap: 0, group: 1 },
      { kind: 2, gm: 3, year: 0, gap: 1, group: 0 },
      { kind: 0, gm: 1, year: 1, gap: 0, group: 0 },
    ] as GroupKey[];
    const sorted = [...keys].sort((a, b) => packKey(a) - packKey(b));
    expect(sorted.map((k) => `${k.year}${k.gap}${k.group}${k.kind}`)).toEqual(['0000', '0001', '0010', '0102', '1000']);
  });

  it('a packed merge equals a plain merge, in any order', () => {
    const rnd = mulberry32(3);
    const parts: Counters[] = Array.from({ length: 4 }, () => {
      const c: Counters = new Map();
      for (let i = 0; i < 20; i++) {
        const v = new Float64Array(5).map(() => Math.floor(rnd() * 100));
        c.set(packKey({ kind: 0, gm: Math.floor(rnd() * 8), year: 0, gap: 0, group: 0 }), v);
      }
      return c;
    });
    const plain: Counters = new Map();
    for (const p of parts) mergeInto(plain, p);
    const packed: Counters = new Map();
    for (const p of [...parts].reverse()) mergePacked(packed, packCounters(p, 5));
    expect(new Map([...packed].sort((a, b) => a[0] - b[0]))).toEqual(new Map([...plain].sort((a, b) => a[0] - b[0])));
  });
});

describe('publish, without threads', () => {
  // Noord: GM0014 40 youths (10 in care in Y+1), GM0037 30 (15 in care), GM0034 5 (all in care).
  const counters: Counters = new Map();
  const folder = new Folder();
  for (let i = 0; i < 40; i++) folder.fold(counters, key(14), facts(14, { inCareNextYear: i < 10 }));
  for (let i = 0; i < 30; i++) folder.fold(counters, key(37), facts(37, { inCareNextYear: i < 15 }));
  for (let i = 0; i < 5; i++) folder.fold(counters, key(34), facts(34, { inCareNextYear: true }));
  const regionOf = new Map([[14, 'Noord'], [34, 'Noord'], [37, 'Noord']]);

  it('suppresses small cells, rounds the rest and compares on exact counts', () => {
    const p = publish({ counters, regionOf, disclosure: DEFAULT_DISCLOSURE, labels: false });
    const get = (rows: readonly MetricRow[], area: string, m: string) => rows.find((r) => r.area === area && r.measure === m)!;
    // GM0034 has 5 youths: suppressed. Noord (75) minus the others would give it back, so the
    // smallest other member, GM0037 (30), is hidden too; and with its cohort count, its shares.
    expect(get(p.metrics, 'GM0034', 'cohort_youths').status).toBe('suppressed');
    expect(get(p.metrics, 'GM0037', 'cohort_youths').status).toBe('secondary');
    expect(get(p.metrics, 'GM0037', 'outflow').status).toBe('secondary');
    expect(get(p.metrics, 'GM0014', 'cohort_youths')).toMatchObject({ numerator: 40, status: 'published' });
    expect(get(p.metrics, 'Noord', 'cohort_youths')).toMatchObject({ numerator: 75, status: 'published' });
    // Outflow GM0014: 30 of 40; Noord: 45 of 75, both published from rounded counts.
    expect(get(p.metrics, 'GM0014', 'outflow')).toMatchObject({ numerator: 30, denominator: 40, value: 0.75 });
    expect(get(p.metrics, 'Noord', 'outflow')).toMatchObject({ numerator: 45, denominator: 75, value: 0.6 });
    expect(get(p.exact, 'GM0034', 'outflow')).toMatchObject({ numerator: 0, denominator: 5, status: 'internal' });
    // A hidden figure is not compared; a published one is, against its region and all data.
    const outflow = p.comparisons.filter((c) => c.measure === 'outflow');
    expect(outflow.filter((c) => c.area === 'GM0037').map((c) => c.reason)).toEqual(['suppressed', 'suppressed']);
    expect(outflow.filter((c) => c.area === 'GM0014').map((c) => c.against)).toEqual(['region', 'all']);
    expect(p.labels).toBeNull();
  });

  it('labels municipalities and keeps the key apart', () => {
    const p = publish({ counters, regionOf: new Map([[14, 'Noord']]), disclosure: { ...DEFAULT_DISCLOSURE, mode: 'off' }, labels: true });
    expect([...p.labels!]).toEqual([['GM0014', 'Gemeente A'], ['GM0034', 'Gemeente B'], ['GM0037', 'Gemeente C']]);
    expect(p.metrics.some((r) => r.area.startsWith('GM'))).toBe(false);
    expect(p.municipalitiesWithoutRegion).toEqual(['Gemeente B', 'Gemeente C']);
    expect([...p.regionByArea]).toEqual([['Gemeente A', 'Noord']]);
  });
});
