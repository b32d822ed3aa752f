// End to end through the built CLI: row accounting and rejections (line, column, reason), files that
// cannot be read at all, source profiles and run files, claims, the iJw fallback and raw BSNs.
// Every expected figure is worked out by hand in the comments; none is copied from the engine.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAnalysis } from '../src/run/run.js';
import { REASONS } from '../src/normalise/normalise.js';
import { bsns, cells, cli, CODES_CSV, csvObjects, elfproef, manifestOf, metricsOf, REGIONS_CSV, traject, type MetricsRow } from './cli-helpers.js';
import { tempDir } from './helpers.js';

const tmp = tempDir('traject-cli-ingest-');
afterAll(() => tmp.cleanup());
const codes = tmp.file('codes.csv', CODES_CSV);
const regions = tmp.file('regions.csv', REGIONS_CSV);
const base = (out: string) => ['--codes', codes, '--regions', regions, '--year', '2021', '--out', out, '--workers', '2'];
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

// ------------------------------------------------------------------------------------------------
// 2. Accounting and rejections

const HEADER = 'client_id,gemeente,productcode,productcategorie,begindatum,einddatum,toewijzingnummer,aanbieder,leveringsvorm';
const LONG = 'P'.repeat(300); // 300 bytes: over the 255-byte field limit
// A CRLF file. The physical line of each record is in the comment; the header is line 1.
// Quoted newlines (CRLF inside quotes) and the blank line 7 still count as lines.
const REJECTS_A = [
  HEADER, //                                                                   line 1
  'r01,GM0014,A1,,2021-01-01,2021-02-01,T1,"Zorg\r\nen Co",ZIN', //             lines 2-3, accepted
  'r02,GM0014,A1,,2021-01-01,2021-02-01,T2,P', //                               line 4: 8 fields
  'r03,GM0014,A1,,2021-01-01,2021-02-01,T3,"P"x,ZIN', //                        line 5: text after closing quote
  ',GM0014,A1,,2021-01-01,2021-02-01,T4,P,ZIN', //                              line 6: missing client
  '', //                                                                        line 7: blank
  'r05,,A1,,2021-01-01,2021-02-01,T5,P,ZIN', //                                 line 8: missing municipality
  'r06,XX12,A1,,2021-01-01,2021-02-01,T6,P,ZIN', //                             line 9: bad municipality
  'r07,GM0014,,,2021-01-01,2021-02-01,T7,P,ZIN', //                             line 10: missing product code
  'r08,GM0014,A1,,,2021-02-01,T8,P,ZIN', //                                     line 11: missing start
  'r09,GM0014,A1,,2021-13-45,2021-02-01,T9,P,ZIN', //                           line 12: month 13
  'r10,GM0014,A1,,2021-01-01,soon,T10,P,ZIN', //                                line 13: bad end
  'r11,GM0014,A1,,2021-03-01,2021-02-01,T11,P,ZIN', //                          line 14: end before start
  `r12,GM0014,A1,,2021-01-01,2021-02-01,T12,${LONG},ZIN`, //                    line 15: provider too long
  'r13,GM0014,A1,,2021-01-01,2021-02-01,T13,P,PGB', //                          line 16: PGB
  'r14,GM0014,A1,,2021-01-01,"2021-02-01",T14,"multi\r\nline\r\nprovider",ZIN', // lines 17-19, accepted
  'r15,GM0014,A1,,2021-01-01,2021-02-01,T15,P,ZIN', //                          line 20, accepted
  'r16,GM0014,A1,,2021-01-01,,T16,P,ZIN', //                                    line 21, accepted (open)
  'r17,GM0014', //                                                              line 22: 2 fields, no final newline
].join('\r\n');
// read = 17 records (22 lines minus the header, the blank line 7 and the 3 continuation lines 3, 18, 19)
// accepted = r01, r14, r15, r16 = 4; rejected = 17 - 4 = 13.
const EXPECTED_REJECTS_A: [number, string, string][] = [
  [4, '', 'wrong number of fields'],
  [5, '', 'malformed quotes'],
  [6, 'client_id', 'missing client'],
  [8, 'gemeente', 'missing municipality'],
  [9, 'gemeente', 'unknown municipality code format'],
  [10, 'productcode', 'missing product code'],
  [11, 'begindatum', 'missing start date'],
  [12, 'begindatum', 'unparseable start date'],
  [13, 'einddatum', 'unparseable end date'],
  [14, 'einddatum', 'end before start'],
  [15, 'aanbieder', 'field too long'],
  [16, 'leveringsvorm', 'PGB row (excluded by default)'],
  [22, '', 'wrong number of fields'],
];
// A second source: LF, ';', other column order. read 4 = 3 accepted + 1 rejected (line 4, end before start).
const REJECTS_B = [
  'einddatum;begindatum;productcode;gemeente;client_id',
  '2021-05-31;2021-05-01;A1;34;s1',
  '2021-05-31;2021-05-01;G1;0034;s2',
  '2021-04-30;2021-05-01;A1;GM0034;s3',
  ';2021-06-01;V1;GM0034;s4',
].join('\n') + '\n';

describe('row accounting and rejections', () => {
  const a = tmp.file('rejects-a.csv', REJECTS_A);
  const b = tmp.file('rejects-b.csv', REJECTS_B);

  it('the test covers every reason the engine knows', () => {
    expect(new Set(EXPECTED_REJECTS_A.map((r) => r[2]))).toEqual(new Set(REASONS));
  });

  it('read = accepted + rejected per source, in stdout and the manifest; rejects.csv has file, line, column, reason', async () => {
    const out = join(tmp.dir, 'out-rejects');
    const r = await cli(['analyse', '--input', a, b, ...base(out)]);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('traject:') && !/^traject: read /.test(l))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${a}: 17 rows read = 4 accepted + 13 rejected (allocations)`);
    expect(r.stdout).toContain(`${b}: 4 rows read = 3 accepted + 1 rejected (allocations)`);

    const m = manifestOf(out);
    expect(m.inputs.map((s: Record<string, unknown>) => [s.file, s.read, s.accepted, s.rejected])).toEqual([[a, 17, 4, 13], [b, 4, 3, 1]]);
    for (const s of m.inputs) expect(s.accepted + s.rejected).toBe(s.read);
    const reasonsA = Object.fromEntries(REASONS.map((x) => [x, x === 'wrong number of fields' ? 2 : 1]));
    expect(m.inputs[0].reasons).toEqual(reasonsA);
    expect(m.inputs[1].reasons).toEqual({ 'end before start': 1 });
    expect(m.inputs[0].sha256).toBe(sha256(a));
    expect(m.inputs[1].sha256).toBe(sha256(b));

    const rejects = csvObjects(readFileSync(join(out, 'rejects.csv'), 'utf8'));
    expect(rejects.map((x) => [x.file, Number(x.line), x.column, x.reason])).toEqual([
      ...EXPECTED_REJECTS_A.map(([line, col, reason]) => [a, line, col, reason]),
      [b, 4, 'einddatum', 'end before start'],
    ]);
  });

  it('the manifest records the checksum of the code table it read', async () => {
    const out = join(tmp.dir, 'out-rejects');
    if (!existsSync(out)) await cli(['analyse', '--input', a, b, ...base(out)]);
    expect(manifestOf(out).codes.sha256).toBe(sha256(codes));
  });

  it('line numbers do not depend on where the file is cut into chunks (API, tiny chunks)', async () => {
    for (const chunkBytes of [16, 61, 200]) {
      const r = await runAnalysis({ inputs: [a, b], codes, regions, year: 2021, workers: 2, chunkBytes });
      expect(r.rejects.map((x) => [x.file, x.line, x.column, x.reason]), `chunkBytes ${chunkBytes}`).toEqual([
        ...EXPECTED_REJECTS_A.map(([line, col, reason]) => [a, line, col, reason]),
        [b, 4, 'einddatum', 'end before start'],
      ]);
      expect(r.manifest.inputs.map((s) => [s.read, s.accepted, s.rejected])).toEqual([[17, 4, 13], [4, 3, 1]]);
    }
  });

  it('--strict with a rejected row exits 2 and writes no output folder', async () => {
    const out = join(tmp.dir, 'out-strict');
    const r = await cli(['analyse', '--input', a, b, ...base(out), '--strict']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--strict/);
    expect(existsSync(out)).toBe(false);
  });

  describe('a file that cannot be analysed fails at once: exit 1, one line naming the file and the problem', () => {
    const cases: [string, string | Buffer, RegExp][] = [
      ['empty.csv', '', /empty/],
      ['binary.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x21, 0x00, 0x0a]), /binary|not a CSV/],
      ['no-end.csv', 'client_id,gemeente,productcode,begindatum\nk1,GM0014,A1,2021-01-01\n', /\bend\b.*einddatum|einddatum.*\bend\b/],
      ['no-client.csv', 'gemeente,productcode,begindatum,einddatum\nGM0014,A1,2021-01-01,\n', /\bclient\b/],
    ];
    for (const [name, content, what] of cases) {
      it(name, async () => {
        const f = tmp.file(name, content);
        const out = join(tmp.dir, `out-${name}`);
        const r = await cli(['analyse', '--input', f, b, ...base(out)]);
        expect(r.code).toBe(1);
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(f);
        expect(lines[0]).toMatch(what);
        expect(lines[0]).not.toMatch(/\n\s+at /);
        expect(r.stdout).toBe('');
        expect(existsSync(out)).toBe(false);
      });
    }
  });
});

// ------------------------------------------------------------------------------------------------
// Unusable settings (README: exit 1, one line naming what is wrong), before any data is analysed.
// The run file accepts a year 2000-2100 and gapDays 0-3650 (docs/profiles.md section 3); the
// command line must not accept what the run file refuses, nor a value that is not a number.

describe('unusable settings on the command line fail at once with exit 1', () => {
  const f = tmp.file('settings.csv', 'client_id,gemeente,productcode,begindatum,einddatum\nk1,GM0014,A1,2021-01-01,2021-02-01\n');
  const cases: [string, string[], RegExp][] = [
    ['--year abc', ['--year', 'abc'], /year/],
    ['--year 21 (a typo for 2021)', ['--year', '21'], /year/],
    ['--gap-days abc', ['--year', '2021', '--gap-days', 'abc'], /gap/],
    ['--gap-days -5', ['--year', '2021', '--gap-days', '-5'], /gap/],
    // The same definitions and messages as a run file's (profile.schema.json, $defs/options).
    ['--year abc, named as typed', ['--year', 'abc'], /^traject: --year: expected a year such as 2021 \(an integer from 2000 to 2100\), got the string "abc"$/],
    ['--workers 0', ['--year', '2021', '--workers', '0'], /^traject: --workers: expected a number of worker threads such as 2 \(an integer from 1 to 256\), got number 0$/],
    ['--disclosure none', ['--year', '2021', '--disclosure', 'none'], /^traject: --disclosure: unknown disclosure 'none': expected 'cbs' or 'off' \(did you mean 'off'\?\)$/],
    ['--kind claim', ['--year', '2021', '--kind', 'claim'], /^traject: --kind: unknown kind 'claim': expected 'allocations' or 'claims' \(did you mean 'claims'\?\)$/],
  ];
  for (const [name, args, what] of cases) {
    it(name, async () => {
      const out = join(tmp.dir, `out-settings-${name.replace(/\W+/g, '_')}`);
      const r = await cli(['analyse', '--input', f, '--codes', codes, '--out', out, '--quiet', ...args]);
      expect(r.code).toBe(1);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(what);
      expect(existsSync(out)).toBe(false);
    });
  }
});

// ------------------------------------------------------------------------------------------------
// 3. Profiles: Windows-1252, PGB, run files, claims, profile mistakes

const cp1252 = (s: string) => Buffer.from(s, 'latin1'); // the text below only uses Latin-1 letters (ë = 0xEB)
// w1 GM0014 A1 1 Mar - 30 Apr 2021          zorg in natura
// w2 GM0014 G1 1 Mar 2021 - open            zorg in natura
// w3 GM0014 A1 15 Jun - 15 Jul 2021         PGB
// w4 GM0034 V1 1 Feb 2021 - 31 Jan 2022     zorg in natura
// w5 GM0034 A1 1 Feb - 28 Feb 2021          PGB
const W_ROWS = [
  ['w1', 'GM0014', 'A1', '01-03-2021', '30-04-2021', 'Zorg in natura'],
  ['w2', '14', 'G1', '01-03-2021', '', 'Zorg in natura'],
  ['w3', '0014', 'A1', '15-06-2021', '15-07-2021', 'PGB'],
  ['w4', 'GM0034', 'V1', '01-02-2021', '31-01-2022', 'Zorg in natura'],
  ['w5', 'GM0034', 'A1', '01-02-2021', '28-02-2021', 'PGB'],
];
const W_HEADER = 'Cliëntnummer;Gemeente;Productcode;Ingangsdatum;Einddatum;Leveringsvorm';
const wFile = (dateSep: string) => cp1252([W_HEADER, ...W_ROWS.map((r) => r.map((v) => v.replaceAll('-', dateSep)).join(';'))].join('\r\n') + '\r\n');
const W_PROFILE = {
  description: 'Gemeente W, toewijzingen, Excel-export',
  kind: 'allocations',
  encoding: 'windows-1252',
  delimiter: ';',
  dateFormat: 'dd/MM/yyyy',
  columns: { client: 'Cliëntnummer', gemeente: 'Gemeente', productcode: 'Productcode', start: 'Ingangsdatum', end: 'Einddatum', deliveryForm: 'Leveringsvorm' },
  pgbValues: ['PGB'],
};

describe('profiles', () => {
  const wAuto = tmp.file('w-auto.csv', wFile('-'));

  it('the test file really is Windows-1252: the header ë is the single byte 0xEB', () => {
    const bytes = readFileSync(wAuto);
    expect(bytes.includes(0xeb)).toBe(true);
    expect(bytes.includes(Buffer.from('ë', 'utf8'))).toBe(false);
  });

  // Without PGB: w1, w2, w4 are the cohort (3); in care in 2022: w2 (open), w4 (ends 31 Jan 2022) = 2;
  // outflow 1 (w1). GM0014: w1, w2 = 2; GM0034: w4 = 1. Two PGB rows (lines 4 and 6) rejected.
  const checkWithoutPgb = (rows: MetricsRow[]) => {
    expect(cells(rows, { area: 'all', measure: 'cohort_youths' })?.[0]).toBe('3');
    expect(cells(rows, { area: 'GM0014', measure: 'cohort_youths' })?.[0]).toBe('2');
    expect(cells(rows, { area: 'GM0034', measure: 'cohort_youths' })?.[0]).toBe('1');
    expect(cells(rows, { area: 'all', measure: 'in_care_next_year' })?.slice(0, 3)).toEqual(['2', '3', '0.6667']);
    expect(cells(rows, { area: 'all', measure: 'outflow' })?.slice(0, 3)).toEqual(['1', '3', '0.3333']);
  };

  it('a Windows-1252 export with Dutch headers is read without a profile; PGB rows are left out and counted', async () => {
    const out = join(tmp.dir, 'out-w-auto');
    const r = await cli(['analyse', '--input', wAuto, ...base(out), '--disclosure', 'off']);
    expect(r.stderr).not.toMatch(/traject: (?!read )/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${wAuto}: 5 rows read = 3 accepted + 2 rejected (allocations)`);
    checkWithoutPgb(metricsOf(out));
    const rejects = csvObjects(readFileSync(join(out, 'rejects.csv'), 'utf8'));
    expect(rejects.map((x) => [x.line, x.column, x.reason])).toEqual([
      ['4', 'Leveringsvorm', 'PGB row (excluded by default)'],
      ['6', 'Leveringsvorm', 'PGB row (excluded by default)'],
    ]);
    expect(manifestOf(out).inputs[0].reasons).toEqual({ 'PGB row (excluded by default)': 2 });
  });

  it('--include-pgb keeps the PGB rows', async () => {
    // All five: cohort 5; in care 2022: w2, w4 = 2; outflow 3/5. GM0014: w1, w2, w3 = 3; GM0034: w4, w5 = 2.
    // Products started in 2021 in ambulant_non_ggz: w1, w3, w5 = 3 products for 3 youths.
    const out = join(tmp.dir, 'out-w-pgb');
    const r = await cli(['analyse', '--input', wAuto, ...base(out), '--disclosure', 'off', '--include-pgb']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${wAuto}: 5 rows read = 5 accepted + 0 rejected (allocations)`);
    const rows = metricsOf(out);
    expect(cells(rows, { area: 'all', measure: 'cohort_youths' })?.[0]).toBe('5');
    expect(cells(rows, { area: 'GM0014', measure: 'cohort_youths' })?.[0]).toBe('3');
    expect(cells(rows, { area: 'GM0034', measure: 'cohort_youths' })?.[0]).toBe('2');
    expect(cells(rows, { area: 'all', measure: 'outflow' })?.slice(0, 3)).toEqual(['3', '5', '0.6000']);
    expect(cells(rows, { area: 'all', measure: 'products_started', category: 'ambulant_non_ggz' })?.slice(0, 3)).toEqual(['3', '3', '1']);
    expect(manifestOf(out).settings.includePgb).toBe(true);
  });

  it('the same export with a profile (windows-1252, named columns, dd/MM/yyyy) in a run file', async () => {
    const dir = join(tmp.dir, 'run-one');
    mkdirSync(join(dir, 'profiles'), { recursive: true });
    writeFileSync(join(dir, 'w.csv'), wFile('/'));
    writeFileSync(join(dir, 'profiles/w.json'), JSON.stringify(W_PROFILE, null, 2));
    writeFileSync(join(dir, 'run.json'), JSON.stringify({
      sources: [{ path: 'w.csv', profile: 'profiles/w.json' }], codes: codes, regions: regions, year: 2021, disclosure: 'off', out: 'results',
    }));
    // No --out: the run file's out is relative to the run file's folder (docs/profiles.md section 3).
    const r = await cli(['analyse', '--run', join(dir, 'run.json'), '--workers', '2']);
    expect(r.stderr).not.toMatch(/traject: (?!read )/);
    expect(r.code).toBe(0);
    const out = join(dir, 'results');
    checkWithoutPgb(metricsOf(out));
    const m = manifestOf(out);
    expect(m.inputs.map((s: Record<string, unknown>) => [s.read, s.accepted, s.rejected])).toEqual([[5, 3, 2]]);
  });

  it('a run file carries the settings too: strict, labels, threshold and rounding', () => {
    const dir = join(tmp.dir, 'run-settings');
    mkdirSync(join(dir, 'profiles'), { recursive: true });
    writeFileSync(join(dir, 'w.csv'), wFile('/'));
    writeFileSync(join(dir, 'profiles/w.json'), JSON.stringify(W_PROFILE, null, 2));
    const run = (name: string, settings: Record<string, unknown>) => {
      writeFileSync(join(dir, name), JSON.stringify({
        sources: [{ path: 'w.csv', profile: 'profiles/w.json' }], codes, regions, year: 2021, out: `out-${name}`, ...settings,
      }));
      return traject(['analyse', '--run', join(dir, name), '--workers', '1', '--quiet']);
    };
    // The same file has 2 rejected rows: strict in the run file fails the run, nothing written.
    const strict = run('strict.json', { strict: true });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/--strict/);
    expect(existsSync(join(dir, 'out-strict.json'))).toBe(false);
    // threshold 0 and rounding 1 publish the exact 2 youths of GM0014 (see checkWithoutPgb), under a label.
    const open = run('open.json', { labels: true, threshold: 0, rounding: 1 });
    expect(open.code).toBe(0);
    const rows = metricsOf(join(dir, 'out-open.json'));
    expect(rows.find((x) => x.level === 'municipality' && x.measure === 'cohort_youths')).toMatchObject({ area: 'Gemeente A', numerator: '2', status: 'published' });
    const bad = run('bad.json', { strict: 'yes' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/strict: expected true or false/);
  });

  it('a run file with two sources of different profiles, linked by client key', async () => {
    // Source 1: the Windows-1252 export above (profile file). Source 2: UTF-8, ',', yyyyMMdd, other
    // header names (inline profile):
    //   w1 GM0014 A1 15 May - 31 May 2021  -> w1's 2nd product: 15 May - 30 Apr = 15 days: same trajectory
    //   b1 GM0363 J1 1 Nov 2021 - open
    //   b2 GM0363 J1 2020 (before Y: not in the cohort, not in care in 2022)
    // Cohort (PGB left out): w1, w2, w4, b1 = 4. In care 2022: w2 (open), w4 (31 Jan 2022), b1 (open) = 3.
    // Trajectories started in 2021: w1 [1 Mar - 31 May] 2 products, closed; w2 open; w4 [1 Feb 2021 -
    // 31 Jan 2022] 1 product, closed; b1 open. products_per_trajectory = (2 + 1) / 2 = 1.5;
    // trajectories_open = 2 / 4. Regions: Noord = w1, w2, w4 = 3; West = b1 = 1.
    const dir = join(tmp.dir, 'run-two');
    mkdirSync(join(dir, 'profiles'), { recursive: true });
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data/w.csv'), wFile('/'));
    writeFileSync(join(dir, 'data/b.csv'), 'pseudo_id,gm_code,prod_code,datum_start,datum_einde\nw1,GM0014,A1,20210515,20210531\nb1,GM0363,J1,20211101,\nb2,GM0363,J1,20200101,20201231\n');
    writeFileSync(join(dir, 'profiles/w.json'), JSON.stringify(W_PROFILE));
    writeFileSync(join(dir, 'run.json'), JSON.stringify({
      description: 'two municipalities, two layouts',
      sources: [
        { path: 'data/w.csv', profile: 'profiles/w.json' },
        { path: 'data/b.csv', profile: { delimiter: ',', dateFormat: 'yyyyMMdd' }, kind: 'allocations' },
      ],
      codes, regions, year: 2021, gapDays: 30, disclosure: 'off', out: 'results',
    }));
    const out = join(tmp.dir, 'out-run-two');
    const r = await cli(['analyse', '--run', join(dir, 'run.json'), '--out', out, '--workers', '2']);
    expect(r.stderr).not.toMatch(/traject: (?!read )/);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'results'))).toBe(false); // --out wins over the run file
    const rows = metricsOf(out);
    expect(cells(rows, { area: 'all', measure: 'cohort_youths' })?.[0]).toBe('4');
    expect(cells(rows, { area: 'Noord', measure: 'cohort_youths' })?.[0]).toBe('3');
    expect(cells(rows, { area: 'West', measure: 'cohort_youths' })?.[0]).toBe('1');
    expect(cells(rows, { area: 'all', measure: 'in_care_next_year' })?.slice(0, 3)).toEqual(['3', '4', '0.7500']);
    expect(cells(rows, { area: 'all', measure: 'products_per_trajectory' })?.slice(0, 3)).toEqual(['3', '2', '1.5000']);
    expect(cells(rows, { area: 'all', measure: 'trajectories_open' })?.slice(0, 3)).toEqual(['2', '4', '0.5000']);
    const m = manifestOf(out);
    expect(m.inputs.map((s: Record<string, unknown>) => [s.read, s.accepted, s.rejected, s.kind])).toEqual([[5, 3, 2, 'allocations'], [3, 3, 0, 'allocations']]);
  });

  it('--kind claims: monthly claim lines become products, trajectories and care next year', async () => {
    // c1 A1 P1: Jan, Feb, Mar 2021 (each next month starts 1 day after the last ends: one product
    //    1 Jan - 31 Mar), then 15-30 Apr (15 - 31 Mar = 15 > 1: a 2nd product; <= 30: same trajectory).
    //    No claim in 2022: outflow.
    // c2 G1 P1: Nov 2021, Dec 2021, Jan 2022 -> one product 1 Nov 2021 - 31 Jan 2022; billed in 2022: in care.
    // c3 A1: June 2021 by P1 and by P2 (2 products: other provider), a duplicate P2 line (counts once),
    //    and Dec 2022 by P1 (a 3rd product, far from June: a trajectory started in 2022). In care in 2022.
    // c4 V1: Dec 2020 + Jan 2021 -> one product starting 1 Dec 2020: not in the 2021 cohort.
    // Cohort 3 (c1, c2, c3); in care 2022: c2, c3 = 2/3; outflow 1/3.
    // Trajectories started in 2021 (all closed by 31 Dec 2022): c1 (2 products), c2 (1), c3 (2):
    //   products_per_trajectory 5/3 = 1.6667; trajectory_size 1: 1/3, 2: 2/3; trajectories_open 0/3.
    // Products started in 2021: ambulant_non_ggz c1 2 + c3 2 = 4 for 2 youths (2 per youth); ggz 1 for 1.
    // Start category alone: ambulant c1, c3 = 2/3; ggz c2 = 1/3.
    const f = tmp.file('claims.csv', [
      'client_id,gemeente,productcode,begindatum,einddatum,aanbieder',
      'c1,GM0014,A1,2021-01-01,2021-01-31,P1',
      'c1,GM0014,A1,2021-02-01,2021-02-28,P1',
      'c1,GM0014,A1,2021-03-01,2021-03-31,P1',
      'c1,GM0014,A1,2021-04-15,2021-04-30,P1',
      'c2,GM0014,G1,2021-11-01,2021-11-30,P1',
      'c2,GM0014,G1,2021-12-01,2021-12-31,P1',
      'c2,GM0014,G1,2022-01-01,2022-01-31,P1',
      'c3,GM0014,A1,2021-06-01,2021-06-30,P1',
      'c3,GM0014,A1,2021-06-01,2021-06-30,P2',
      'c3,GM0014,A1,2021-06-01,2021-06-30,P2',
      'c3,GM0014,A1,2022-12-01,2022-12-31,P1',
      'c4,GM0014,V1,2020-12-01,2020-12-31,P1',
      'c4,GM0014,V1,2021-01-01,2021-01-31,P1',
    ].join('\n') + '\n');
    const out = join(tmp.dir, 'out-claims');
    const r = await cli(['analyse', '--input', f, ...base(out), '--kind', 'claims', '--disclosure', 'off']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${f}: 13 rows read = 13 accepted + 0 rejected (claims)`);
    const rows = metricsOf(out);
    expect(new Set(rows.map((x) => x.data_kind))).toEqual(new Set(['claims']));
    const k = { kind: 'claims' };
    expect(cells(rows, { ...k, area: 'all', measure: 'cohort_youths' })?.[0]).toBe('3');
    expect(cells(rows, { ...k, area: 'all', measure: 'in_care_next_year' })?.slice(0, 3)).toEqual(['2', '3', '0.6667']);
    expect(cells(rows, { ...k, area: 'all', measure: 'outflow' })?.slice(0, 3)).toEqual(['1', '3', '0.3333']);
    expect(cells(rows, { ...k, area: 'all', measure: 'products_per_trajectory' })?.slice(0, 3)).toEqual(['5', '3', '1.6667']);
    expect(cells(rows, { ...k, area: 'all', measure: 'trajectories_open' })?.slice(0, 2)).toEqual(['0', '3']);
    expect(cells(rows, { ...k, area: 'all', measure: 'trajectory_size', bucket: '1' })?.slice(0, 2)).toEqual(['1', '3']);
    expect(cells(rows, { ...k, area: 'all', measure: 'trajectory_size', bucket: '2' })?.slice(0, 2)).toEqual(['2', '3']);
    expect(cells(rows, { ...k, area: 'all', measure: 'products_started', category: 'ambulant_non_ggz' })?.slice(0, 3)).toEqual(['4', '2', '2']);
    expect(cells(rows, { ...k, area: 'all', measure: 'products_started', category: 'ggz' })?.slice(0, 3)).toEqual(['1', '1', '1']);
    expect(cells(rows, { ...k, area: 'all', measure: 'start_category_alone', category: 'ambulant_non_ggz' })?.slice(0, 2)).toEqual(['2', '3']);
    expect(cells(rows, { ...k, area: 'all', measure: 'start_category_alone', category: 'ggz' })?.slice(0, 2)).toEqual(['1', '3']);
    const m = manifestOf(out);
    expect(m.inputs[0].kind).toBe('claims');
    expect(m.totals.duplicateRows).toBe(1);
  });

  it('a profile mistake: exit 1, every mistake named with the profile file and the key, nothing written', async () => {
    const dir = join(tmp.dir, 'run-bad');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'w.csv'), wFile('/'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ delimeter: ';', kind: 'toewijzingen', dateFormat: 'DD/MM/YYYY' }));
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ sources: [{ path: 'w.csv', profile: 'bad.json', kind: 'allocations' }], codes, year: 2021, out: 'results' }));
    const r = await cli(['analyse', '--run', join(dir, 'run.json')]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.some((l) => /bad\.json/.test(l) && /delimeter/.test(l) && /did you mean 'delimiter'/.test(l))).toBe(true);
    expect(lines.some((l) => /bad\.json/.test(l) && /kind/.test(l) && /toewijzingen/.test(l))).toBe(true);
    expect(lines.some((l) => /bad\.json/.test(l) && /dateFormat/.test(l) && /dd\/MM\/yyyy/.test(l))).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(dir, 'results'))).toBe(false);
  });

  it('an inline profile with a date format the reader cannot read: exit 1 at load, naming its JSON path', async () => {
    // An en dash (as a word processor writes '-') used to pass the profile check and fail later in a worker.
    const dir = join(tmp.dir, 'run-dash');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'w.csv'), wFile('-'));
    writeFileSync(join(dir, 'run.json'), JSON.stringify({
      sources: [{ path: 'w.csv', kind: 'allocations', profile: { ...W_PROFILE, dateFormat: 'dd\u2013MM\u2013yyyy' } }], codes, year: 2021, out: 'results',
    }));
    const r = await cli(['analyse', '--run', join(dir, 'run.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `traject: run ${join(dir, 'run.json')}: sources[0].profile.dateFormat: unsupported separator '\u2013' (U+2013) in 'dd\u2013MM\u2013yyyy' (did you mean 'dd-MM-yyyy'?); separators are ASCII characters such as - / . or a space`,
    ]);
    expect(existsSync(join(dir, 'results'))).toBe(false);
  });

  it('a run file that names a source that does not exist: exit 1, the run file and the path named', async () => {
    const dir = join(tmp.dir, 'run-missing');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ sources: [{ path: 'nope.csv', kind: 'claims' }], codes, year: 2021, out: 'results' }));
    const r = await cli(['analyse', '--run', join(dir, 'run.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/run\.json/);
    expect(r.stderr).toMatch(/sources\[0\]\.path/);
    expect(r.stderr).toMatch(/nope\.csv/);
  });
});

// ------------------------------------------------------------------------------------------------
// 4. The iJw fallback

describe('iJw productcategorie fallback', () => {
  it('maps an unknown code by its productcategorie and lists it; codes without one are unmapped with their product count', async () => {
    // 45X99 is not in the table; productcategorie 45 = "Jeugdhulp ambulant" -> ambulant_non_ggz: fallback,
    //   2 products in GM0014.
    // ZZ001 without productcategorie: unmapped, 1 product in GM0014 and 1 in GM0034.
    // ZZ002 with productcategorie 99 (not an iJw category): unmapped, 1 product in GM0014.
    // A1 with productcategorie 54 (jeugd-ggz): the table maps A1 (ambulant), the table wins.
    // Products started in 2021: ambulant_non_ggz f1, f2, f6 = 3 for 3 youths; overig f3, f4, f5 = 3 for 3.
    const f = tmp.file('ijw.csv', [
      'client_id,gemeente,productcode,productcategorie,begindatum,einddatum',
      'f1,GM0014,45X99,45,2021-02-01,2021-03-31',
      'f2,GM0014,45x99,45,2021-02-01,2021-03-31',
      'f3,GM0014,ZZ001,,2021-02-01,2021-03-31',
      'f4,GM0034,ZZ001,,2021-02-01,2021-03-31',
      'f5,GM0014,ZZ002,99,2021-02-01,2021-03-31',
      'f6,GM0014,A1,54,2021-02-01,2021-03-31',
    ].join('\n') + '\n');
    const out = join(tmp.dir, 'out-ijw');
    const r = await cli(['analyse', '--input', f, ...base(out), '--disclosure', 'off']);
    expect(r.code).toBe(0);
    const m = manifestOf(out);
    expect(m.fallbackCodes).toEqual([{ code: '45X99', gemeente: 'GM0014', products: 2 }]);
    const byKey = (x: { code: string; gemeente: string }) => `${x.code}|${x.gemeente}`;
    expect([...m.unmappedCodes].sort((x, y) => byKey(x).localeCompare(byKey(y)))).toEqual([
      { code: 'ZZ001', gemeente: 'GM0014', products: 1 },
      { code: 'ZZ001', gemeente: 'GM0034', products: 1 },
      { code: 'ZZ002', gemeente: 'GM0014', products: 1 },
    ]);
    const rows = metricsOf(out);
    expect(cells(rows, { area: 'all', measure: 'products_started', category: 'ambulant_non_ggz' })?.slice(0, 2)).toEqual(['3', '3']);
    expect(cells(rows, { area: 'all', measure: 'products_started', category: 'overig_multidisciplinair' })?.slice(0, 2)).toEqual(['3', '3']);
    expect(cells(rows, { area: 'all', measure: 'products_started', category: 'ggz' })?.[0] ?? '0').toBe('0');
    expect(r.stdout).toMatch(/unmapped codes/);
    expect(r.stdout).toContain('ZZ001 in GM0014 (1 product)');
    expect(r.stdout).toMatch(/iJw product category: 1\b/);
  });
});

// ------------------------------------------------------------------------------------------------
// 5. Raw BSNs

describe('raw BSNs', () => {
  const rowsFor = (keys: string[], col = 'client_id') => `${col},gemeente,productcode,begindatum,einddatum\n` + keys.map((k) => `${k},GM0014,A1,2021-02-01,2021-03-31`).join('\n') + '\n';
  const real = bsns(40, 17);
  // 8 of them with a leading zero, 4 of those written without it (as a spreadsheet does).
  const zeroLed = bsns(200, 99).filter((s) => s.startsWith('0')).slice(0, 8);
  const rawKeys = [...real, ...zeroLed.slice(0, 4), ...zeroLed.slice(4).map((s) => s.slice(1))];

  it('the test data: every raw key passes the elfproef (with its zero restored), the pseudonyms mostly do not', () => {
    expect(zeroLed).toHaveLength(8);
    for (const k of rawKeys) expect(elfproef(k.padStart(9, '0')), k).toBe(true);
  });

  it('a source of raw BSNs is refused: exit 2, one line naming the file, telling to pseudonymise, no value', async () => {
    const f = tmp.file('bsn.csv', rowsFor(rawKeys));
    const out = join(tmp.dir, 'out-bsn');
    const r = await cli(['analyse', '--input', f, ...base(out)]);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('traject:') && !/^traject: read /.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(f);
    expect(lines[0]).toMatch(/pseudonymise/);
    for (const k of rawKeys) expect(r.stdout + r.stderr).not.toContain(k);
    expect(existsSync(out)).toBe(false);
  });

  it('random 9-digit pseudonyms are not refused', async () => {
    // A linear congruential stream of 9-digit numbers: about 1 in 11 passes the elfproef by chance.
    const keys: string[] = [];
    let x = 12345;
    while (keys.length < 60) {
      x = (Math.imul(x, 22695477) + 1) >>> 0;
      keys.push(String(100_000_000 + (x % 900_000_000)));
    }
    const passing = keys.filter(elfproef).length;
    expect(passing).toBeLessThan(60 * 0.5);
    const f = tmp.file('pseudo9.csv', rowsFor(keys));
    const out = join(tmp.dir, 'out-pseudo9');
    const r = await cli(['analyse', '--input', f, ...base(out), '--disclosure', 'off']);
    expect(r.stderr).not.toMatch(/traject: (?!read )/);
    expect(r.code).toBe(0);
    // 60 distinct clients, each one product starting 1 Feb 2021: cohort 60.
    expect(cells(metricsOf(out), { area: 'all', measure: 'cohort_youths' })?.[0]).toBe(String(new Set(keys).size));
  });

  it('decides by the evidence, not a minimum (docs/profiles.md 4): 3, 10 and 19 raw BSNs are refused, 2 are not; 8 of 20 is, 7 of 20 is not', async () => {
    // Minimum passing values of n distinct ones (chance for random pseudonyms at most 1 in 1,331):
    // n = 3: 3 (1/1331); n = 20: 8 (2.2e-4; 7 of 20: 1.4e-3). 2 of 2 (1/121) is too little evidence.
    const others = Array.from({ length: 13 }, (_, i) => `abc${i}`);
    const run = (name: string, keys: string[], col?: string) => traject(['analyse', '--input', tmp.file(name, rowsFor(keys, col)), ...base(join(tmp.dir, `out-${name}`))]);
    expect(run('bsn-2.csv', real.slice(0, 2)).code).toBe(0);
    const three = run('bsn-3.csv', real.slice(0, 3));
    expect(three.code).toBe(2);
    expect(three.stderr).toContain('3 of 3 distinct values are 9 digits that pass the elfproef; random pseudonyms would do that with a chance of 1 in 1,331');
    expect(three.stderr).toContain('npx traject pseudonymise');
    expect(run('bsn-10.csv', real.slice(0, 10)).code).toBe(2);
    expect(run('bsn-19.csv', real.slice(0, 19)).code).toBe(2);
    expect(run('bsn-8of20.csv', [...real.slice(0, 8), ...others.slice(0, 12)]).code).toBe(2);
    expect(run('bsn-7of20.csv', [...real.slice(0, 7), ...others]).code).toBe(0);
    // Two youths with five products each are two values, not ten.
    expect(run('bsn-2x5.csv', [...real.slice(0, 2), ...real.slice(0, 2), ...real.slice(0, 2), ...real.slice(0, 2), ...real.slice(0, 2)]).code).toBe(0);
  });

  it('a column named bsn is evidence too: 2 of 2 there are refused; a bsn column of hex pseudonyms is accepted', async () => {
    const run = (name: string, keys: string[]) => traject(['analyse', '--input', tmp.file(name, rowsFor(keys, 'BSN')), ...base(join(tmp.dir, `out-${name}`))]);
    const two = run('named-2.csv', real.slice(0, 2));
    expect(two.code).toBe(2);
    expect(two.stderr).toContain("2 of 2 distinct values in a column named 'BSN' are 9 digits that pass the elfproef");
    const hex = Array.from({ length: 12 }, (_, i) => createHash('sha256').update(`h${i}`).digest('hex').slice(0, 32));
    expect(run('named-hex.csv', hex).code).toBe(0);
  });

  it('traject pseudonymise makes the file acceptable', async () => {
    const f = tmp.file('bsn-raw.csv', rowsFor(rawKeys));
    const ps = join(tmp.dir, 'bsn-pseudo.csv');
    const key = join(tmp.dir, 'secrets', 'regio.key');
    mkdirSync(join(tmp.dir, 'secrets'), { recursive: true });
    const p = await cli(['pseudonymise', '--input', f, '--output', ps, '--key', key, '--create-key', '--pad-bsn']);
    expect(p.stderr).toBe('');
    expect(p.code).toBe(0);
    for (const k of rawKeys) {
      expect(p.stdout).not.toContain(k);
      expect(readFileSync(ps, 'utf8')).not.toContain(k);
    }
    const out = join(tmp.dir, 'out-bsn-pseudo');
    const r = await cli(['analyse', '--input', ps, ...base(out), '--disclosure', 'off']);
    expect(r.stderr).not.toMatch(/traject: (?!read )/);
    expect(r.code).toBe(0);
    // 48 raw keys, distinct once the leading zeros are restored (--pad-bsn hashes an 8-digit value like
    // its 9-digit form): 48 clients, one product each starting 1 Feb 2021.
    expect(new Set(rawKeys.map((k) => k.padStart(9, '0'))).size).toBe(48);
    expect(cells(metricsOf(out), { area: 'all', measure: 'cohort_youths' })?.[0]).toBe('48');
  });
});
