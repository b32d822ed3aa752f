// Issue 15: a publication ledger (--ledger) keeps two publications from being subtracted. The built CLI
// runs on twelve small municipalities, then on eleven, on a corrected file, on the same data again,
// with other settings, and is interrupted. Every expected count is worked out by hand below.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, type CliResult, manifestOf, metricsOf, type MetricsRow, REPO } from './cli-helpers.js';
import { tempDir } from './helpers.js';

const tmp = tempDir('traject-cli-ledger-');
afterAll(() => tmp.cleanup());

// Twelve municipalities, six in region Noord and six in Zuid. Every youth has one product (A1,
// ambulant_non_ggz) from 1 March 2021: the first `outflow` youths end it on 31 May 2021 (no care in
// 2022: outflow), the others on 28 February 2022 (in care in 2022). So per area: cohort = youths,
// outflow and in care as below, products per trajectory and products started = youths / youths.
//                                         cohort  outflow  in care
//   Noord: GM0014 GM0034 GM0037 GM0047 GM0050 GM0059   20   10   10   each
//   Zuid:  GM0106 GM0109 GM0114 GM0118                 30   15   15   each
//          GM0119                                      25   12   13
//          GM0141                                       5    2    3
//   Noord 120, 60, 60; Zuid 150, 74, 76; all 270, 134, 136. Without GM0141: Zuid 145, 72, 73; all 265, 132, 133.
const GMS = ['GM0014', 'GM0034', 'GM0037', 'GM0047', 'GM0050', 'GM0059', 'GM0106', 'GM0109', 'GM0114', 'GM0118', 'GM0119', 'GM0141'];
const SIZES: [number, number][] = [[20, 10], [20, 10], [20, 10], [20, 10], [20, 10], [20, 10], [30, 15], [30, 15], [30, 15], [30, 15], [25, 12], [5, 2]];
const codes = tmp.file('codes.csv', 'productcode,category,subcategory\nA1,ambulant_non_ggz,opvoed_woonbegeleiding\n');
const regions = tmp.file('regions.csv', 'gemeente,regio\n' + GMS.map((g, i) => `${g},${i < 6 ? 'Noord' : 'Zuid'}\n`).join(''));
function municipalityFile(i: number, outflow = SIZES[i][1], dir = 'data'): string {
  mkdirSync(join(tmp.dir, dir), { recursive: true });
  const [n] = SIZES[i];
  const lines = ['client_id,gemeente,productcode,begindatum,einddatum'];
  for (let k = 0; k < n; k++) lines.push(`y${i}-${k},${GMS[i]},A1,2021-03-01,${k < outflow ? '2021-05-31' : '2022-02-28'}`);
  return tmp.file(join(dir, `m${i + 1}.csv`), lines.join('\n') + '\n');
}
const files = GMS.map((_, i) => municipalityFile(i));
const twelve = files;
const eleven = files.slice(0, 11);

const analyse = (inputs: string[], out: string, ...extra: string[]) =>
  cli(['analyse', '--input', ...inputs, '--codes', codes, '--regions', regions, '--year', '2021', '--out', join(tmp.dir, out), '--workers', '2', '--quiet', ...extra]);
const ok = (r: CliResult) => {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
};
const ledgerJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const byStatus = (rows: MetricsRow[], status: string) => rows.filter((r) => r.status === status).map((r) => `${r.area} ${r.measure}${r.category ? ':' + r.category : ''}`).sort();
/** The five figures each area can publish with this data (the others are 0, or all of the cohort: suppressed). */
const FIVE = ['cohort_youths', 'in_care_next_year', 'outflow', 'products_per_trajectory', 'products_started:ambulant_non_ggz'];
const five = (area: string) => FIVE.map((m) => `${area} ${m}`);

describe('twelve municipalities, then eleven', () => {
  const ledger = join(tmp.dir, 'data', 'published.ledger');
  let first: MetricsRow[] = [];

  it('the first run publishes as without a ledger and records its 65 published figures, beside the data', async () => {
    ok(await analyse(twelve, 'plain-12'));
    ok(await analyse(twelve, 'r1', '--ledger', ledger));
    expect(readFileSync(join(tmp.dir, 'r1', 'metrics.csv'))).toEqual(readFileSync(join(tmp.dir, 'plain-12', 'metrics.csv')));
    first = metricsOf(join(tmp.dir, 'r1'));
    // Hidden in run 1: GM0141 (5 youths) on its own counts, and GM0119 (25: the smallest other part of Zuid) to protect it.
    expect(byStatus(first, 'secondary')).toEqual(five('GM0119').sort());
    // Published: 10 municipalities, Noord, Zuid and all, five figures each: 13 * 5 = 65.
    expect(first.filter((r) => r.status === 'published')).toHaveLength(65);
    const l = ledgerJson(ledger);
    expect(l.notice).toMatch(/^NOT FOR PUBLICATION\./);
    expect(readFileSync(ledger, 'utf8').startsWith('{\n "notice": "NOT FOR PUBLICATION.')).toBe(true);
    expect(readFileSync(ledger, 'utf8')).not.toMatch(/y\d+-\d+/); // figures only: no client key
    expect(l.runs).toEqual([{ run: 1, out: join(tmp.dir, 'r1'), manifestSha256: expect.stringMatching(/^[0-9a-f]{64}$/), published: 65, added: 65 }]);
    expect(l.cells).toHaveLength(65);
    const cell = (area: string, measure: string) => l.cells.find((c: unknown[]) => c[4] === area && c[7] === measure)?.slice(10);
    expect(cell('Zuid', 'cohort_youths')).toEqual([150, null, 1]);
    expect(cell('Zuid', 'outflow')).toEqual([74, 150, 1]);
    expect(cell('all', 'in_care_next_year')).toEqual([136, 270, 1]);
    expect(cell('Noord', 'outflow')).toEqual([60, 120, 1]);
    expect(cell('GM0141', 'cohort_youths')).toBeUndefined(); // suppressed: not published, not recorded
    expect(cell('GM0119', 'cohort_youths')).toBeUndefined(); // secondary
    expect(manifestOf(join(tmp.dir, 'r1')).ledger).toEqual({
      file: ledger, notice: 'the ledger is not for publication and is not in this folder', earlierRuns: 0, suppressed: 0, published: 65,
    });
    // Never in the output folder; nothing left beside the ledger.
    expect(readdirSync(join(tmp.dir, 'r1')).filter((f) => /ledger|pending|lock/.test(f))).toEqual([]);
    expect(readdirSync(join(tmp.dir, 'data')).filter((f) => f.startsWith('published.ledger'))).toEqual(['published.ledger']);
  });

  it('without a ledger the second run gives GM0141 away by difference (150 - 145 youths in Zuid)', async () => {
    ok(await analyse(eleven, 'plain-11'));
    const second = metricsOf(join(tmp.dir, 'plain-11'));
    const zuid = (rows: MetricsRow[]) => rows.find((r) => r.area === 'Zuid' && r.measure === 'cohort_youths')!;
    expect([zuid(first).numerator, zuid(second).numerator]).toEqual(['150', '145']);
  });

  it('with the ledger the region and all totals of the second run are held back (status ledger), GM0119 still protects them', async () => {
    const before = readFileSync(ledger);
    const r = await analyse(eleven, 'r2', '--ledger', ledger);
    ok(r);
    const second = metricsOf(join(tmp.dir, 'r2'));
    // Zuid: 145 youths (5 fewer), 72 of 145 outflow (2 fewer), 73 in care (3 fewer), 145/145 products: all
    // differ by 2 to 5. all: 265, 132, 133, 265/265: the same differences. Noord and the ten others: equal.
    expect(byStatus(second, 'ledger')).toEqual([...five('Zuid'), ...five('all')].sort());
    // Zuid's total is hidden, so its municipalities' group needs one more hidden part: the smallest, GM0119.
    expect(byStatus(second, 'secondary')).toEqual(five('GM0119').sort());
    // Everything published is as published before (the same exact counts).
    const published = second.filter((x) => x.status === 'published');
    expect(published).toHaveLength(55); // 10 municipalities and Noord
    for (const x of published) expect(first).toContainEqual(x);
    expect(manifestOf(join(tmp.dir, 'r2')).ledger).toMatchObject({ earlierRuns: 1, suppressed: 10, published: 55 });
    const l = ledgerJson(ledger);
    expect(l.runs.map((x: { published: number; added: number }) => [x.published, x.added])).toEqual([[65, 65], [55, 0]]);
    expect(l.cells).toHaveLength(65);
    expect(readFileSync(ledger)).not.toEqual(before);
  });

  it('a rerun with the data of the first run holds nothing back and publishes the same table', async () => {
    ok(await analyse(twelve, 'r3', '--ledger', ledger));
    expect(readFileSync(join(tmp.dir, 'r3', 'metrics.csv'))).toEqual(readFileSync(join(tmp.dir, 'r1', 'metrics.csv')));
    expect(manifestOf(join(tmp.dir, 'r3')).ledger).toMatchObject({ earlierRuns: 2, suppressed: 0, published: 65 });
    expect(ledgerJson(ledger).runs.at(-1)).toMatchObject({ run: 3, published: 65, added: 0 });
  });
});

describe('a corrected file that changes one youth', () => {
  it('holds back the figures that youth moves, in its municipality, its region and all; nothing else changes', async () => {
    const ledger = join(tmp.dir, 'corrected.ledger');
    ok(await analyse(twelve, 'c1', '--ledger', ledger));
    // GM0037: 9 of its 20 youths outflow instead of 10 (one youth was still in care in 2022).
    const fixed = [...twelve];
    fixed[2] = municipalityFile(2, 9, 'corrected');
    ok(await analyse(fixed, 'c2', '--ledger', ledger));
    const before = metricsOf(join(tmp.dir, 'c1'));
    const after = metricsOf(join(tmp.dir, 'c2'));
    // outflow 10 -> 9 and in care 10 -> 11 in GM0037, 60 -> 59 and 60 -> 61 in Noord, 134 -> 133 and
    // 136 -> 137 in all: differences of 1. The cohorts and products are unchanged.
    const moved = ['GM0037', 'Noord', 'all'].flatMap((a) => [`${a} in_care_next_year`, `${a} outflow`]).sort();
    expect(byStatus(after, 'ledger')).toEqual(moved);
    expect(byStatus(after, 'secondary')).toEqual(byStatus(before, 'secondary'));
    const key = (x: MetricsRow) => `${x.area} ${x.measure}${x.category ? ':' + x.category : ''}`;
    for (const x of after) if (!moved.includes(key(x))) expect(before).toContainEqual(x);
    expect(manifestOf(join(tmp.dir, 'c2')).ledger).toMatchObject({ suppressed: 6 });
  });
});

describe('ledgers a run cannot use', () => {
  const ledger = join(tmp.dir, 'settings.ledger');
  it('setup: a ledger written with threshold 7, rounding 5', async () => ok(await analyse(twelve, 's1', '--ledger', ledger)));

  it('other disclosure settings are refused (exit 1): nothing written, the ledger unchanged', async () => {
    const before = readFileSync(ledger);
    const r = await analyse(eleven, 's2', '--ledger', ledger, '--threshold', '10');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`traject: ledger ${ledger}: written with disclosure threshold 7 and rounding 5, but this run uses threshold 10 and rounding 5;`);
    expect(existsSync(join(tmp.dir, 's2'))).toBe(false);
    expect(readFileSync(ledger)).toEqual(before);
    expect(existsSync(ledger + '.lock')).toBe(false);
  });

  it('a ledger of another engine version is refused', async () => {
    const other = join(tmp.dir, 'other-engine.ledger');
    writeFileSync(other, readFileSync(ledger, 'utf8').replace(/"engine": "[^"]*"/, '"engine": "0.0.1"'));
    const r = await analyse(twelve, 's3', '--ledger', other);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/traject: ledger .*other-engine\.ledger: written by traject 0\.0\.1, but this is traject \d+\.\d+\.\d+/);
    expect(r.stderr).toContain('start a new ledger file for this version');
  });

  it('an internal run with a ledger is refused: it publishes nothing', async () => {
    const r = await analyse(twelve, 's4', '--ledger', ledger, '--disclosure', 'off');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--ledger: an internal run (--disclosure off) publishes nothing');
    expect(existsSync(join(tmp.dir, 's4'))).toBe(false);
  });

  it('a ledger inside the output folder is refused, and a file that is not a ledger', async () => {
    const r = await analyse(twelve, 's5', '--ledger', join(tmp.dir, 's5', 'published.ledger'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the ledger holds exact small counts and is not for publication, so it must never be in the output folder/);
    const r2 = await analyse(twelve, 's6', '--ledger', regions);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('that is an input of this run');
    const notLedger = tmp.file('notes.txt', 'hello\n');
    const r3 = await analyse(twelve, 's7', '--ledger', notLedger);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toContain(`ledger ${notLedger}: not a traject publication ledger (not JSON)`);
  });

  it('a run file names the ledger relative to itself', async () => {
    const dir = join(tmp.dir, 'runfile');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'run.json'), JSON.stringify({
      sources: twelve.map((path) => ({ path, kind: 'allocations' })), codes, regions, year: 2021, out: 'out', ledger: 'pub.ledger',
    }));
    ok(await cli(['analyse', '--run', join(dir, 'run.json'), '--quiet', '--workers', '2']));
    expect(ledgerJson(join(dir, 'pub.ledger')).runs).toHaveLength(1);
    expect(manifestOf(join(dir, 'out')).ledger.published).toBe(65);
  });
});

describe('an interrupted run leaves the ledger unchanged', () => {
  const ledger = join(tmp.dir, 'interrupted.ledger');
  it('setup', async () => ok(await analyse(twelve, 'i1', '--ledger', ledger)));

  it('a run that fails (--strict with a rejected row) changes nothing and leaves no lock or pending file', async () => {
    const before = readFileSync(ledger);
    const bad = tmp.file('bad.csv', 'client_id,gemeente,productcode,begindatum,einddatum\nz1,GM0014,A1,2021-03-01,2021-02-01\n');
    const r = await analyse([...eleven, bad], 'i2', '--ledger', ledger, '--strict');
    expect(r.code).toBe(2);
    expect(readFileSync(ledger)).toEqual(before);
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('interrupted.ledger'))).toEqual(['interrupted.ledger']);
  });

  it('a run killed while it reads (kill -9) changes nothing; the next run takes over its stale lock', async () => {
    const before = readFileSync(ledger);
    // A larger input, so the run is still reading when it is killed.
    const lines = ['client_id,gemeente,productcode,begindatum,einddatum'];
    for (let k = 0; k < 400_000; k++) lines.push(`big${k},GM0014,A1,2021-03-01,2021-05-31`);
    const big = tmp.file('big.csv', lines.join('\n') + '\n');
    const out = join(tmp.dir, 'i3');
    const child = spawn(process.execPath, [join(REPO, 'bin/traject.js'), 'analyse', '--input', big, '--codes', codes, '--regions', regions,
      '--year', '2021', '--out', out, '--workers', '2', '--quiet', '--ledger', ledger], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, signal) => res(signal)));
    const deadline = Date.now() + 20_000;
    while (!existsSync(ledger + '.lock') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(existsSync(ledger + '.lock')).toBe(true);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(ledger)).toEqual(before);
    expect(existsSync(ledger + '.pending')).toBe(false);
    expect(existsSync(ledger + '.lock')).toBe(true); // the killed run's
    ok(await analyse(twelve, 'i4', '--ledger', ledger));
    expect(existsSync(ledger + '.lock')).toBe(false);
    expect(ledgerJson(ledger).runs).toHaveLength(2);
  }, 30_000);

  it('killed between the outputs and the ledger: the next run applies the pending ledger when the outputs are in place, else discards it', async () => {
    const l = join(tmp.dir, 'window.ledger');
    ok(await analyse(twelve, 'w1', '--ledger', l));
    const v1 = readFileSync(l);
    ok(await analyse(eleven, 'w2', '--ledger', l));
    // As if run 2 had died after renaming its outputs into w2/ but before renaming its ledger.
    renameSync(l, l + '.pending');
    writeFileSync(l, v1);
    ok(await analyse(twelve, 'w3', '--ledger', l));
    expect(ledgerJson(l).runs.map((x: { out: string }) => x.out)).toEqual(['w1', 'w2', 'w3'].map((o) => join(tmp.dir, o)));
    // As if run 4 had died before its outputs were in place: w4/ does not hold the manifest it names.
    ok(await analyse(eleven, 'w4', '--ledger', l));
    const w4manifest = readFileSync(join(tmp.dir, 'w4', 'manifest.json'));
    renameSync(l, l + '.pending');
    copyFileSync(join(tmp.dir, 'w3', 'manifest.json'), join(tmp.dir, 'w4', 'manifest.json'));
    expect(readFileSync(join(tmp.dir, 'w4', 'manifest.json'))).not.toEqual(w4manifest);
    const l3 = ledgerJson(l + '.pending');
    l3.runs.pop();
    writeFileSync(l, JSON.stringify(l3));
    ok(await analyse(twelve, 'w5', '--ledger', l));
    expect(ledgerJson(l).runs.map((x: { out: string }) => x.out)).toEqual(['w1', 'w2', 'w3', 'w5'].map((o) => join(tmp.dir, o)));
    expect(existsSync(l + '.pending')).toBe(false);
  });
});
