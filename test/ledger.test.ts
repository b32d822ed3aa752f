// The publication ledger's pure logic (src/disclosure/ledger.ts): which differences from an earlier
// publication disclose a small group, what a ledger file holds, and the status 'ledger' in
// applyDisclosure. Every expected value is worked out by hand in the comments.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Level, Measure, MetricRow } from '../src/model/model.js';
import { applyDisclosure, DEFAULT_DISCLOSURE } from '../src/disclosure/disclosure.js';
import {
  CELL_COLUMNS, cellIdentity, checkSettings, differenceDiscloses, emptyLedger, LEDGER_NOTICE, ledgerHolds, ledgerManifest,
  parseLedger, publishedCells, serialiseLedger, withRun, type Ledger,
} from '../src/disclosure/ledger.js';
import { LedgerFile } from '../src/output/ledger-file.js';
import type { RunResult } from '../src/run/run.js';
import { tempDir } from './helpers.js';

const CBS = DEFAULT_DISCLOSURE;

function row(level: Level, area: string, measure: Measure, num: number, den: number | null = null, category = '', bucket = ''): MetricRow {
  return {
    level, area, data_kind: 'allocations', year: 2021, gap_days: 30, breakdown: '', group: '', measure, category: category as MetricRow['category'], bucket,
    numerator: num, denominator: den, value: den === null ? num : num / den, ci_low: null, ci_high: null, status: 'internal',
  };
}
const c = (numerator: number, denominator: number | null = null) => ({ numerator, denominator });

describe('differenceDiscloses: the difference of two publications of one cell, judged as a cell', () => {
  it('counts: a difference of 1 to 7 discloses, 0 or 8 and more does not', () => {
    expect(differenceDiscloses('cohort_youths', c(145), c(150), 7)).toBe(true); // 5 youths left out
    expect(differenceDiscloses('cohort_youths', c(143), c(150), 7)).toBe(true); // 7
    expect(differenceDiscloses('cohort_youths', c(151), c(150), 7)).toBe(true); // 1 added
    expect(differenceDiscloses('cohort_youths', c(142), c(150), 7)).toBe(false); // 8
    expect(differenceDiscloses('cohort_youths', c(150), c(150), 7)).toBe(false);
    expect(differenceDiscloses('cohort_youths', c(149), c(150), 0)).toBe(false); // threshold 0: nothing is small
    expect(differenceDiscloses('cohort_youths', c(140), c(150), 10)).toBe(true); // threshold 10
  });

  it('shares with the same denominator: the numerator moved by 1 to 7 discloses (a corrected youth)', () => {
    expect(differenceDiscloses('outflow', c(9, 20), c(10, 20), 7)).toBe(true);
    expect(differenceDiscloses('outflow', c(3, 20), c(10, 20), 7)).toBe(true); // 7
    expect(differenceDiscloses('outflow', c(2, 20), c(10, 20), 7)).toBe(false); // 8 moved: not a small group
    expect(differenceDiscloses('outflow', c(10, 20), c(10, 20), 7)).toBe(false);
  });

  it('shares with another denominator: the difference group (size, part, rest) must have 8 or more in each', () => {
    // Zuid without a municipality of 5 youths, 2 of them outflow: 74 of 150 -> 72 of 145.
    expect(differenceDiscloses('outflow', c(72, 145), c(74, 150), 7)).toBe(true);
    // 20 youths fewer, 10 of them outflow: group 20, part 10, rest 10.
    expect(differenceDiscloses('outflow', c(50, 100), c(60, 120), 7)).toBe(false);
    // 20 youths fewer, none of them outflow: 0 of 20 is a 0, hidden as SPEC 7 hides it.
    expect(differenceDiscloses('outflow', c(50, 180), c(50, 200), 7)).toBe(true);
    // 20 fewer, all of them outflow: the rest is 0.
    expect(differenceDiscloses('outflow', c(50, 180), c(70, 200), 7)).toBe(true);
    // 20 fewer, 12 outflow, rest 8: publishable.
    expect(differenceDiscloses('outflow', c(58, 180), c(70, 200), 7)).toBe(false);
    // 20 fewer, 13 outflow, rest 7: (200 - 71) - (180 - 58) = 129 - 122 = 7.
    expect(differenceDiscloses('outflow', c(58, 180), c(71, 200), 7)).toBe(true);
    // 5 fewer in the group but 30 more in the numerator (a corrected file): the group of 5 is small.
    expect(differenceDiscloses('outflow', c(80, 195), c(50, 200), 7)).toBe(true);
  });

  it('means: numerator and denominator compared, no complement', () => {
    // 5 trajectories of 1 product fewer: 150/150 -> 145/145.
    expect(differenceDiscloses('products_per_trajectory', c(145, 145), c(150, 150), 7)).toBe(true);
    // the same 150 trajectories with 12 more products: no small group.
    expect(differenceDiscloses('products_per_trajectory', c(212, 150), c(200, 150), 7)).toBe(false);
    // 20 trajectories with 20 products fewer; for a share the rest (0) would count, for a mean it does not.
    expect(differenceDiscloses('products_per_trajectory', c(180, 130), c(200, 150), 7)).toBe(false);
    // 10 trajectories fewer and the same products: 0 products.
    expect(differenceDiscloses('products_per_trajectory', c(200, 140), c(200, 150), 7)).toBe(true);
    expect(differenceDiscloses('products_started', c(33, 30), c(40, 30), 7)).toBe(true); // 7 products, same youths
  });
});

describe('cellIdentity', () => {
  it('is data kind, year, gap, level, area, breakdown, group, measure, category, bucket; year and gap from the row', () => {
    expect(cellIdentity(row('municipality', 'GM0014', 'trajectory_size', 9, 20, '', '5+')))
      .toEqual(['allocations', 2021, 30, 'municipality', 'GM0014', '', '', 'trajectory_size', '', '5+']);
    const other = { ...row('all', 'all', 'outflow', 9, 20), year: 2022, gap_days: 60, breakdown: 'age_group', group: '4-11' };
    expect(cellIdentity(other)).toEqual(['allocations', 2022, 60, 'all', 'all', 'age_group', '4-11', 'outflow', '', '']);
    expect(CELL_COLUMNS).toEqual(['data_kind', 'year', 'gap_days', 'level', 'area', 'breakdown', 'group', 'measure', 'category', 'bucket', 'numerator', 'denominator', 'run']);
  });
});

/** A ledger with one earlier run that published these rows. */
function ledgerOf(rows: MetricRow[], settings = { threshold: 7, roundingBase: 5 }): Ledger {
  const shown = rows.map(() => ({ status: 'published' as const }));
  return withRun(emptyLedger('pub.ledger', '0.1.0', settings), publishedCells(rows, shown), { out: '/r1', manifestSha256: 'aa' });
}

describe('ledgerHolds: which rows of a new run are held back', () => {
  const first = [
    row('municipality', 'GM0014', 'cohort_youths', 20),
    row('region', 'Zuid', 'cohort_youths', 150),
    row('region', 'Zuid', 'outflow', 74, 150),
    row('all', 'all', 'cohort_youths', 270),
  ];
  it('the same identity with a small difference, not an equal one or a large one, nor another year or gap', () => {
    const l = ledgerOf(first);
    const next = [
      row('municipality', 'GM0014', 'cohort_youths', 20), // equal
      row('region', 'Zuid', 'cohort_youths', 145), // 5 fewer: held
      row('region', 'Zuid', 'outflow', 72, 145), // held
      row('all', 'all', 'cohort_youths', 250), // 20 fewer: not held
      row('municipality', 'GM0034', 'cohort_youths', 9), // new to the ledger: nothing to compare with
    ];
    expect([...ledgerHolds(l, next, CBS)]).toEqual([1, 2]);
    expect([...ledgerHolds(l, next.map((r) => ({ ...r, year: 2022 })), CBS)]).toEqual([]);
    expect([...ledgerHolds(l, next.map((r) => ({ ...r, gap_days: 14 })), CBS)]).toEqual([]);
  });

  it('compares with every earlier publication of the cell', () => {
    // Run 1: 150; run 2 (of other data) 120; now 122: 28 from run 1 but 2 from run 2.
    const l1 = ledgerOf([row('all', 'all', 'cohort_youths', 150)]);
    const l2 = withRun(l1, publishedCells([row('all', 'all', 'cohort_youths', 120)], [{ status: 'published' }]), { out: '/r2', manifestSha256: 'bb' });
    expect(l2.cells.map((x) => [x.numerator, x.run])).toEqual([[150, 1], [120, 2]]);
    expect([...ledgerHolds(l2, [row('all', 'all', 'cohort_youths', 122)], CBS)]).toEqual([0]);
    expect([...ledgerHolds(l2, [row('all', 'all', 'cohort_youths', 130)], CBS)]).toEqual([]);
  });

  it('refuses an internal run and other disclosure settings', () => {
    const l = ledgerOf(first);
    expect(() => ledgerHolds(l, first, { ...CBS, mode: 'off' })).toThrow(/an internal run \(--disclosure off\) publishes nothing/);
    expect(() => ledgerHolds(l, first, { ...CBS, threshold: 10 })).toThrow(
      'ledger pub.ledger: written with disclosure threshold 7 and rounding 5, but this run uses threshold 10 and rounding 5');
    expect(() => checkSettings(l, { ...CBS, roundingBase: 10 })).toThrow(/run with --threshold 7 --rounding 5, or start a new ledger file/);
  });
});

describe('applyDisclosure with held rows: status ledger, secondary suppression follows', () => {
  // Region Zuid = GM0106 (30) + GM0109 (40) + GM0114 (25); all = Zuid. The ledger holds back Zuid's total.
  const tree = { regionOf: new Map([['GM0106', 'Zuid'], ['GM0109', 'Zuid'], ['GM0114', 'Zuid']]) };
  const rows = [
    row('municipality', 'GM0106', 'cohort_youths', 30),
    row('municipality', 'GM0109', 'cohort_youths', 40),
    row('municipality', 'GM0114', 'cohort_youths', 25),
    row('region', 'Zuid', 'cohort_youths', 95),
    row('all', 'all', 'cohort_youths', 95),
  ];
  it('the held total gets status ledger; the smallest municipality (25) and then all (the only other part of its group) are hidden to protect it', () => {
    const out = applyDisclosure(rows, CBS, tree, new Set([3]));
    // Zuid hidden (ledger): its municipalities' group has one hidden cell, so the smallest part, GM0114 (25),
    // is hidden too. The regions' group (Zuid; total all) has one hidden cell and no other part: the total.
    expect(out.map((r) => r.status)).toEqual(['published', 'published', 'secondary', 'ledger', 'secondary']);
    expect(out[3]).toMatchObject({ numerator: null, denominator: null, value: null });
    expect(out.map((r) => r.numerator)).toEqual([30, 40, null, null, null]);
    expect(ledgerManifest(ledgerOf(rows), out)).toEqual({
      file: 'pub.ledger', notice: 'the ledger is not for publication and is not in this folder', earlierRuns: 1, suppressed: 1, published: 2,
    });
  });

  it('a held row that is small anyway stays suppressed; nothing held: the same table as before', () => {
    const small = [row('municipality', 'GM0106', 'cohort_youths', 5)];
    expect(applyDisclosure(small, CBS, { regionOf: new Map() }, new Set([0]))[0].status).toBe('suppressed');
    expect(applyDisclosure(rows, CBS, tree, new Set())).toEqual(applyDisclosure(rows, CBS, tree));
  });
});

describe('the ledger file', () => {
  const rows = [
    row('municipality', 'GM0014', 'cohort_youths', 20),
    row('municipality', 'GM0014', 'outflow', 10, 20),
    row('municipality', 'GM0034', 'outflow', 3, 20),
  ];

  it('records only published cells, with exact counts (a count has no denominator), once per identity and counts', () => {
    const shown = [{ status: 'published' as const }, { status: 'published' as const }, { status: 'suppressed' as const }];
    const cells = publishedCells(rows, shown);
    expect(cells).toEqual([
      { id: ['allocations', 2021, 30, 'municipality', 'GM0014', '', '', 'cohort_youths', '', ''], numerator: 20, denominator: null },
      { id: ['allocations', 2021, 30, 'municipality', 'GM0014', '', '', 'outflow', '', ''], numerator: 10, denominator: 20 },
    ]);
    const l1 = withRun(emptyLedger('pub.ledger', '0.1.0', CBS), cells, { out: '/r1', manifestSha256: 'aa' });
    const l2 = withRun(l1, cells, { out: '/r2', manifestSha256: 'bb' });
    expect(l2.cells).toHaveLength(2);
    expect(l2.runs).toEqual([
      { run: 1, out: '/r1', manifestSha256: 'aa', published: 2, added: 2 },
      { run: 2, out: '/r2', manifestSha256: 'bb', published: 2, added: 0 },
    ]);
  });

  it('is JSON that says NOT FOR PUBLICATION first, with one run and one cell per line, and reads back', () => {
    const l = ledgerOf(rows);
    const text = serialiseLedger(l);
    expect(text.split('\n').slice(0, 3)).toEqual(['{', ` "notice": ${JSON.stringify(LEDGER_NOTICE)},`, ' "format": "traject-ledger/1",']);
    expect(LEDGER_NOTICE).toMatch(/^NOT FOR PUBLICATION\. /);
    expect(text).toContain('\n  ["allocations",2021,30,"municipality","GM0034","","","outflow","","",3,20,1]');
    expect(parseLedger(text, 'pub.ledger', '0.1.0')).toEqual(l);
    const empty = emptyLedger('new.ledger', '0.1.0', CBS);
    expect(parseLedger(serialiseLedger(empty), 'new.ledger', '0.1.0')).toEqual(empty);
  });

  it('refuses another engine version, and anything that is not a ledger, naming the file', () => {
    const text = serialiseLedger(ledgerOf(rows));
    expect(() => parseLedger(text, 'pub.ledger', '0.2.0')).toThrow(
      'ledger pub.ledger: written by traject 0.1.0, but this is traject 0.2.0; its exact counts may follow other definitions, so it cannot protect this run: start a new ledger file for this version');
    const notLedger = /^ledger x\.csv: not a traject publication ledger \(/;
    expect(() => parseLedger('level,area\n', 'x.csv', '0.1.0')).toThrow(notLedger);
    expect(() => parseLedger('[]', 'x.csv', '0.1.0')).toThrow(notLedger);
    expect(() => parseLedger(text.replace(LEDGER_NOTICE, 'published figures'), 'x.csv', '0.1.0')).toThrow(/no NOT FOR PUBLICATION notice/);
    expect(() => parseLedger(text.replace(',3,20,1]', ',-3,20,1]'), 'x.csv', '0.1.0')).toThrow(/cells\[2\] is malformed/);
    expect(() => parseLedger(text.replace(',3,20,1]', ',3,20,2]'), 'x.csv', '0.1.0')).toThrow(/cells\[2\] is malformed/); // no run 2
    expect(() => parseLedger(text.replace('"outflow"', '"uitstroom"'), 'x.csv', '0.1.0')).toThrow(/cells\[1\] is malformed/);
  });
});

describe('LedgerFile: the ledger changes only once the outputs are in place', () => {
  const tmp = tempDir('traject-ledger-file-');
  afterAll(() => tmp.cleanup());
  const opts = { inputs: [], codes: join(tmp.dir, 'codes.csv'), out: join(tmp.dir, 'out') };
  // A run that published one figure: 20 youths in GM0014.
  const result = {
    exact: [row('municipality', 'GM0014', 'cohort_youths', 20)],
    metrics: [{ ...row('municipality', 'GM0014', 'cohort_youths', 20), status: 'published' }],
    manifest: { settings: { year: 2021, gapDays: 30 } },
  } as unknown as RunResult;
  const files = [{ name: 'manifest.json', content: '{"engine":{"name":"traject"}}\n' }];

  it('a failure while the outputs are written leaves the ledger as it was, with no pending file and no lock', () => {
    const file = join(tmp.dir, 'a.ledger');
    const first = LedgerFile.open(file, opts);
    first.publish(result, files, opts.out, () => {});
    first.release();
    const before = readFileSync(file, 'utf8');
    expect(JSON.parse(before).cells).toEqual([['allocations', 2021, 30, 'municipality', 'GM0014', '', '', 'cohort_youths', '', '', 20, null, 1]]);
    const second = LedgerFile.open(file, opts);
    expect(existsSync(file + '.lock')).toBe(true);
    expect(() => second.publish(result, files, opts.out, () => { throw new Error('disk full'); })).toThrow('disk full');
    second.release();
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('a.ledger'))).toEqual(['a.ledger']);
  });

  it('one run at a time: a second open while the first holds the lock is refused', () => {
    const file = join(tmp.dir, 'b.ledger');
    const first = LedgerFile.open(file, opts);
    expect(() => LedgerFile.open(file, opts)).toThrow(`--ledger ${file}: another traject run (process ${process.pid}) is using this ledger`);
    first.release();
    LedgerFile.open(file, opts).release();
    expect(existsSync(file)).toBe(false); // nothing published: no ledger written
  });
});
