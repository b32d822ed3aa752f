// End to end through the built CLI: determinism over worker counts, disclosure control as
// published, labels, atomic output, the Excel flavour and progress output.
// Expected figures are worked out by hand in the comments; none is copied from the engine.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../src/generate/generate.js';
import { writeAtomically } from '../src/output/write.js';
import { cells, CODES_CSV, csvObjects, manifestOf, metricsOf, leftovers, metric, readTree, REGIONS_CSV, REPO, traject, cli } from './cli-helpers.js';
import { tempDir } from './helpers.js';

const tmp = tempDir('traject-cli-output-');
afterAll(() => tmp.cleanup());
const codes = tmp.file('codes.csv', CODES_CSV);
const regions = tmp.file('regions.csv', REGIONS_CSV);
const base = (out: string) => ['--codes', codes, '--regions', regions, '--year', '2021', '--out', out, '--workers', '2'];

// ------------------------------------------------------------------------------------------------
// 1. Determinism

describe('determinism', () => {
  let inputs: string[] = [];
  let genCodes = '';
  let genRegions = '';
  beforeAll(async () => {
    const g = await generate(join(tmp.dir, 'gen'), { clients: 3000, seed: 5, year: 2021 });
    inputs = g.inputs;
    genCodes = g.codes;
    genRegions = g.regions;
  });

  it('--workers 1, --workers 4 and the main thread alone write byte-identical files', () => {
    // Inputs this small run on the main thread (src/run/pool.ts); TRAJECT_IN_THREAD_BELOW_BYTES=0 makes them use the threads asked for.
    const run = (name: string, workers: number, inThread = false) => {
      const out = join(tmp.dir, name);
      const r = traject(['analyse', '--input', ...inputs, '--codes', genCodes, '--regions', genRegions, '--year', '2021', '--out', out, '--workers', String(workers), '--quiet'],
        { env: { TRAJECT_IN_THREAD_BELOW_BYTES: inThread ? String(64 << 20) : '0' } });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return readTree(out);
    };
    const one = run('det-w1', 1);
    const four = run('det-w4', 4);
    const main = run('det-main', 4, true);
    expect([...one.keys()].sort()).toEqual(['comparisons.csv', 'manifest.json', 'metrics.csv', 'metrics.json', 'rejects.csv', 'report.html']);
    for (const other of [four, main]) {
      expect([...other.keys()].sort()).toEqual([...one.keys()].sort());
      for (const [name, bytes] of one) expect(other.get(name)!.equals(bytes), name).toBe(true);
    }
    // The data are not trivial: there are rows, rejects and published figures to compare.
    expect(metricsOf(join(tmp.dir, 'det-w1')).filter((r) => r.status === 'published').length).toBeGreaterThan(50);
    expect(csvObjects(one.get('rejects.csv')!.toString('utf8')).length).toBeGreaterThan(0);
  });
});

// ------------------------------------------------------------------------------------------------
// 7. Disclosure control through the CLI
//
// Region Noord (regions.csv): GM0014, GM0034, GM0037, GM0047, GM0050. Cohort 2021 youths:
//   GM0050: 0 (no rows at all)   GM0014: 3   GM0034: 7   GM0037: 8 (4 in care in 2022)   GM0047: 12 (6 in care)
// Every youth has one product A1 from 1 Mar 2021; it ends 30 Apr 2021 (outflow) or 31 Jan 2022 (in care
// in 2022). Every trajectory is one product and closed by 31 Dec 2022.
// Noord = all: 30 youths, 10 in care, 20 outflow.

const DISCLOSURE_COUNTS: [string, number, number][] = [['GM0014', 3, 0], ['GM0034', 7, 0], ['GM0037', 8, 4], ['GM0047', 12, 6]];
function disclosureInput(prefix = 'd'): string {
  const lines = ['client_id,gemeente,productcode,begindatum,einddatum'];
  for (const [gm, youths, inCare] of DISCLOSURE_COUNTS) {
    for (let i = 0; i < youths; i++) lines.push(`${prefix}-${gm}-${i},${gm},A1,2021-03-01,${i < inCare ? '2022-01-31' : '2021-04-30'}`);
  }
  return lines.join('\n') + '\n';
}

describe('disclosure control as published', () => {
  const input = tmp.file('disclosure.csv', disclosureInput());

  it('default (CBS): counts 0-7 suppressed, others rounded to 5; shares from rounded counts', async () => {
    const out = join(tmp.dir, 'out-cbs');
    const r = await cli(['analyse', '--input', input, ...base(out)]);
    expect(r.code).toBe(0);
    const rows = metricsOf(out);
    const c = (area: string, measure: string, category?: string) => cells(rows, { area, measure, category });
    // cohort_youths: 3 and 7 are <= 7: suppressed, empty; 8 -> 10; 12 -> 10; 30 -> 30.
    expect(c('GM0014', 'cohort_youths')).toEqual(['', '', '', 'suppressed']);
    expect(c('GM0034', 'cohort_youths')).toEqual(['', '', '', 'suppressed']);
    expect(c('GM0037', 'cohort_youths')).toEqual(['10', '', '10', 'published']);
    expect(c('GM0047', 'cohort_youths')).toEqual(['10', '', '10', 'published']);
    expect(c('Noord', 'cohort_youths')).toEqual(['30', '', '30', 'published']);
    expect(c('all', 'cohort_youths')).toEqual(['30', '', '30', 'published']);
    // A municipality without data has no rows (never a published 0).
    expect(rows.some((x) => x.area === 'GM0050')).toBe(false);
    // Noord: in care 10 of 30 (complement 20): all > 7, shown as 10/30 = 0.3333; outflow 20/30 = 0.6667.
    expect(c('Noord', 'in_care_next_year')?.slice(0, 4)).toEqual(['10', '30', '0.3333', 'published']);
    expect(c('Noord', 'outflow')?.slice(0, 4)).toEqual(['20', '30', '0.6667', 'published']);
    // GM0037: in care 4 of 8 -> 4 <= 7: suppressed; its outflow (4 of 8) too. GM0047: 6 of 12: suppressed.
    for (const gm of ['GM0014', 'GM0034', 'GM0037', 'GM0047']) {
      expect(c(gm, 'in_care_next_year')?.slice(0, 3), gm).toEqual(['', '', '']);
      expect(c(gm, 'outflow')?.slice(0, 3), gm).toEqual(['', '', '']);
    }
    // 30 of 30 start with ambulant care: the complement 0 is <= 7, so the share is suppressed.
    expect(c('Noord', 'start_category_any', 'ambulant_non_ggz')).toEqual(['', '', '', 'suppressed']);
    // products per trajectory: GM0037 8/8 -> 10/10 = 1; GM0047 12/12 -> 10/10 = 1; Noord 30/30 = 1.
    expect(c('GM0037', 'products_per_trajectory')?.slice(0, 3)).toEqual(['10', '10', '1']);
    expect(c('Noord', 'products_per_trajectory')?.slice(0, 3)).toEqual(['30', '30', '1']);
    expect(c('GM0014', 'products_per_trajectory')?.slice(0, 3)).toEqual(['', '', '']);

    // Whole table: status is one of the three; hidden rows have no numbers; every shown count is a
    // multiple of 5 and at least 10 (a count of 0-7 is never shown, 8 and 9 round to 10).
    expect(new Set(rows.map((x) => x.status)).size).toBeGreaterThan(1);
    for (const x of rows) {
      expect(['published', 'suppressed', 'secondary']).toContain(x.status);
      if (x.status !== 'published') {
        expect([x.numerator, x.denominator, x.value, x.ci_low, x.ci_high], JSON.stringify(x)).toEqual(['', '', '', '', '']);
        continue;
      }
      for (const n of [x.numerator, x.denominator].filter((v) => v !== '')) {
        expect(Number(n) % 5, JSON.stringify(x)).toBe(0);
        expect(Number(n), JSON.stringify(x)).toBeGreaterThanOrEqual(10);
      }
    }
    expect(manifestOf(out).publication).not.toMatch(/internal/i);
  });

  it('--disclosure off: exact figures, every row marked internal, and the manifest and report say so', async () => {
    const out = join(tmp.dir, 'out-off');
    const r = await cli(['analyse', '--input', input, ...base(out), '--disclosure', 'off']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/INTERNAL RUN/);
    const rows = metricsOf(out);
    expect(rows.length).toBeGreaterThan(0);
    for (const x of rows) expect(x.status).toBe('internal: not for publication');
    const c = (area: string, measure: string) => cells(rows, { area, measure });
    expect(c('GM0014', 'cohort_youths')?.[0]).toBe('3');
    expect(c('GM0034', 'cohort_youths')?.[0]).toBe('7');
    expect(c('GM0037', 'cohort_youths')?.[0]).toBe('8');
    expect(c('GM0047', 'cohort_youths')?.[0]).toBe('12');
    expect(c('Noord', 'cohort_youths')?.[0]).toBe('30');
    expect(c('GM0037', 'outflow')?.slice(0, 3)).toEqual(['4', '8', '0.5000']); // 4 of 8 left care
    expect(c('GM0047', 'in_care_next_year')?.slice(0, 3)).toEqual(['6', '12', '0.5000']);
    const m = manifestOf(out);
    expect(m.publication).toBe('internal: not for publication');
    expect(m.disclosure.mode).toBe('off');
    expect(JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).publication).toBe('internal: not for publication');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/niet voor publicatie/i);
    // The other tables say so on every row too (rejects.csv has a publication column even when empty).
    const comparisons = csvObjects(readFileSync(join(out, 'comparisons.csv'), 'utf8'));
    expect(comparisons.length).toBeGreaterThan(0);
    for (const x of comparisons) expect(x.publication).toBe('internal: not for publication');
    expect(readFileSync(join(out, 'rejects.csv'), 'utf8').split(/\r?\n/)[0]).toBe('file,line,column,reason,publication');
    // Exact youths on the terminal and in the manifest: 3 + 7 + 8 + 12 = 30 clients, all in the cohort.
    expect(r.stdout).toContain('30 clients');
    expect(m.totals.clients).toBe(30);
  });

  it('under disclosure control the terminal and the manifest show counts of youths rounded, or suppressed', async () => {
    // 13 youths, one product each in 2021: published as 15 (13 rounds to 15); 2 in two municipalities: suppressed.
    const lines = ['client_id,gemeente,productcode,begindatum,einddatum'];
    for (let i = 1; i <= 13; i++) lines.push(`r${i},GM0014,A1,2021-03-01,2021-04-30`);
    lines.push('r1,GM0034,A1,2021-06-01,2021-06-30', 'r2,GM0034,A1,2021-06-01,2021-06-30');
    const input13 = tmp.file('thirteen.csv', lines.join('\n') + '\n');
    const out = join(tmp.dir, 'out-13');
    const r = await cli(['analyse', '--input', input13, ...base(out)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('15 (rounded) clients');
    expect(r.stdout).toContain('cohort 2021: 15 (rounded) youths');
    expect(r.stdout.split('\n').find((l) => l.includes('clients'))).not.toMatch(/\b13\b/);
    const m = manifestOf(out);
    expect(m.totals.clients).toBe(15);
    expect(m.totals.clientsInSeveralMunicipalities).toBeNull();
    expect(m.totals.products).toBe(15); // products are records, not youths: exact
    const off = join(tmp.dir, 'out-13-off');
    const r2 = await cli(['analyse', '--input', input13, ...base(off), '--disclosure', 'off']);
    expect(r2.stdout).toContain('13 clients');
    expect(manifestOf(off).totals.clientsInSeveralMunicipalities).toBe(2);
  });

  it('--labels: Gemeente A, B, ... in code order; no municipality code in the published tables; the key file is named not for publication', async () => {
    const out = join(tmp.dir, 'out-labels');
    const r = await cli(['analyse', '--input', input, ...base(out), '--labels']);
    expect(r.code).toBe(0);
    const rows = metricsOf(out);
    // Sorted codes GM0014 < GM0034 < GM0037 < GM0047 -> A, B, C, D.
    expect([...new Set(rows.filter((x) => x.level === 'municipality').map((x) => x.area))].sort()).toEqual(['Gemeente A', 'Gemeente B', 'Gemeente C', 'Gemeente D']);
    expect(cells(rows, { area: 'Gemeente A', measure: 'cohort_youths' })?.[3]).toBe('suppressed'); // GM0014: 3
    expect(cells(rows, { area: 'Gemeente C', measure: 'cohort_youths' })?.slice(0, 1)).toEqual(['10']); // GM0037: 8
    for (const f of ['metrics.csv', 'metrics.json', 'comparisons.csv', 'report.html']) {
      expect(readFileSync(join(out, f), 'utf8'), f).not.toMatch(/GM\d{4}/);
    }
    const keyFile = 'labels-key.NOT-FOR-PUBLICATION.csv';
    expect(csvObjects(readFileSync(join(out, keyFile), 'utf8')).map((x) => [x.label, x.gemeente])).toEqual([
      ['Gemeente A', 'GM0014'], ['Gemeente B', 'GM0034'], ['Gemeente C', 'GM0037'], ['Gemeente D', 'GM0047'],
    ]);
    expect(manifestOf(out).outputs[keyFile]).toMatch(/not for publication/i);
    expect(r.stdout).toContain(keyFile);
  });
});

// ------------------------------------------------------------------------------------------------
// 8. Atomic output

describe('atomic output', () => {
  const input = tmp.file('atomic.csv', disclosureInput('t'));
  const bad = tmp.file('atomic-bad.csv', 'client_id,gemeente,productcode,begindatum,einddatum\nx1,GM0014,A1,2021-03-01,2021-04-30\nx2,GM0014,A1,2021-03-01,2021-02-01\n');

  const prepare = (name: string) => {
    const parent = join(tmp.dir, name);
    const out = join(parent, 'results');
    mkdirSync(out, { recursive: true });
    // An earlier traject run's folder (its manifest says so), with a file someone added since.
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ engine: { name: 'traject', version: '0.0.0' } }));
    writeFileSync(join(out, 'metrics.csv'), 'previous results\n');
    writeFileSync(join(out, 'notes.txt'), 'kept by the analyst\n');
    return { parent, out, before: readTree(out) };
  };

  it('an existing folder that is not an earlier traject run is refused, untouched', async () => {
    const parent = join(tmp.dir, 'atomic-foreign');
    const out = join(parent, 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'thesis.docx'), 'years of work\n');
    const before = readTree(out);
    const r = await cli(['analyse', '--input', input, ...base(out), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not the output of an earlier traject run');
    expect(readTree(out)).toEqual(before);
  });

  it('a failed run (missing codes file) leaves the existing folder as it was, and no temp folders', async () => {
    const { parent, out, before } = prepare('atomic-codes');
    const r = await cli(['analyse', '--input', input, '--codes', join(tmp.dir, 'no-such-codes.csv'), '--year', '2021', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no-such-codes\.csv/);
    expect(readTree(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['results']);
  });

  it('a refused run (--strict) leaves the existing folder as it was, and no temp folders', async () => {
    const { parent, out, before } = prepare('atomic-strict');
    const r = await cli(['analyse', '--input', input, bad, ...base(out), '--strict']);
    expect(r.code).toBe(2);
    expect(readTree(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['results']);
  });

  it('a successful run replaces the folder as a whole', async () => {
    const { parent, out } = prepare('atomic-ok');
    const r = await cli(['analyse', '--input', input, ...base(out), '--quiet']);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'notes.txt'))).toBe(false);
    expect(readFileSync(join(out, 'metrics.csv'), 'utf8')).toMatch(/^level,area,/);
    expect(readdirSync(parent)).toEqual(['results']);
  });

  it('--out naming the folder that holds the inputs (here: .) never deletes them', async () => {
    const work = join(tmp.dir, 'atomic-dot');
    mkdirSync(work);
    writeFileSync(join(work, 'data.csv'), disclosureInput('dot'));
    writeFileSync(join(work, 'codes.csv'), CODES_CSV);
    writeFileSync(join(work, 'notes.txt'), 'the analyst\'s notes\n');
    const before = readTree(work);
    const r = await cli(['analyse', '--input', 'data.csv', '--codes', 'codes.csv', '--year', '2021', '--out', '.', '--quiet'], { cwd: work });
    const after = readTree(work);
    for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), `${name} survives`).toBe(true);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/out/);
  });

  it('--out naming an existing file (the input itself) does not replace it', async () => {
    const f = join(tmp.dir, 'atomic-file.csv');
    writeFileSync(f, disclosureInput('file'));
    const before = readFileSync(f);
    const r = await cli(['analyse', '--input', f, '--codes', codes, '--year', '2021', '--out', f, '--quiet']);
    expect(existsSync(f) && statSync(f).isFile() && readFileSync(f).equals(before)).toBe(true);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(f);
  });

  it('writeAtomically with a failure before the rename: no new folder, an old one unchanged, no leftovers', () => {
    const parent = join(tmp.dir, 'atomic-api');
    mkdirSync(parent);
    const files = [{ name: 'a.csv', content: 'x\n' }, { name: 'b.json', content: '{}\n' }];
    const boom = () => { throw new Error('injected'); };
    expect(() => writeAtomically(join(parent, 'fresh'), files, boom)).toThrow('injected');
    expect(existsSync(join(parent, 'fresh'))).toBe(false);
    expect(leftovers(parent)).toEqual([]);

    const old = join(parent, 'old');
    mkdirSync(old);
    writeFileSync(join(old, 'a.csv'), 'old\n');
    expect(() => writeAtomically(old, files, boom)).toThrow('injected');
    expect(readTree(old)).toEqual(new Map([['a.csv', Buffer.from('old\n')]]));
    expect(readdirSync(parent).sort()).toEqual(['old']);

    writeAtomically(old, files);
    expect(readTree(old)).toEqual(new Map([['a.csv', Buffer.from('x\n')], ['b.json', Buffer.from('{}\n')]]));
    expect(readdirSync(parent).sort()).toEqual(['old']);
  });
});

// ------------------------------------------------------------------------------------------------
// 9. Excel

describe('--excel', () => {
  it("metrics.csv with a UTF-8 BOM, ';' and decimal commas", async () => {
    const input = tmp.file('excel.csv', disclosureInput('e'));
    const out = join(tmp.dir, 'out-excel');
    const r = await cli(['analyse', '--input', input, ...base(out), '--excel', '--disclosure', 'off']);
    expect(r.code).toBe(0);
    const bytes = readFileSync(join(out, 'metrics.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\n')[0]).toBe('level;area;data_kind;year;gap_days;breakdown;group;measure;category;bucket;numerator;denominator;value;ci_low;ci_high;status');
    const rows = csvObjects(text, ';');
    // all: 20 of 30 left care: 0.6667 -> "0,6667"; GM0037: 4 of 8 -> "0,5000".
    expect(cells(rows, { area: 'all', measure: 'outflow' })?.slice(0, 3)).toEqual(['20', '30', '0,6667']);
    expect(cells(rows, { area: 'GM0037', measure: 'outflow' })?.slice(0, 3)).toEqual(['4', '8', '0,5000']);
    expect(metric(rows, { area: 'all', measure: 'outflow' })?.ci_low).toMatch(/^0,\d{4}$/);
    for (const x of rows) {
      for (const k of ['numerator', 'denominator', 'value', 'ci_low', 'ci_high']) expect(x[k], `${k} ${JSON.stringify(x)}`).not.toContain('.');
    }
  });
});

// ------------------------------------------------------------------------------------------------
// 10. Progress

describe('progress and summary', () => {
  const input = tmp.file('progress.csv', disclosureInput('p'));

  it('--quiet: nothing on stdout or stderr on success', async () => {
    const r = await cli(['analyse', '--input', input, ...base(join(tmp.dir, 'out-quiet')), '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
  });

  it('without --quiet and not on a terminal: plain progress lines on stderr, a summary naming the out folder on stdout', () => {
    const out = join(tmp.dir, 'out-progress');
    const r = traject(['analyse', '--input', input, ...base(out)]);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^traject: read [\d,]+ rows/);
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).not.toContain('\u001b'); // no terminal escapes when stderr is not a TTY
    expect(r.stdout).toContain(`${input}: 30 rows read = 30 accepted + 0 rejected (allocations)`);
    expect(r.stdout).toContain(`outputs in ${relative(REPO, out)}/`);
  });
});

describe('version', () => {
  it('--version prints the package version, the one the manifest records', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const r = traject(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});
