// Issue 4, the canary: no client key may ever reach stdout, stderr or any file a run writes
// (SPEC section 7: "No output file, log line, error message or progress line ever contains a client
// key or any other row-level value of the client field"). Every client key below carries the string
// CANARY7f3a; the tests run the built CLI on good rows, bad rows of every kind, a file without a
// header line, a raw-BSN file, failing runs and every output flavour, and search everything for it.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bsns, cli, CODES_CSV, REGIONS_CSV, type CliResult } from './cli-helpers.js';
import { tempDir } from './helpers.js';

const tmp = tempDir('traject-cli-privacy-');
afterAll(() => tmp.cleanup());
const CANARY = 'CANARY7f3a-';
const key = (n: number | string) => `${CANARY}${n}`;

const inputs = new Set<string>();
const input = (name: string, content: string | Buffer) => {
  const p = tmp.file(name, content);
  inputs.add(p);
  return p;
};
const codes = input('codes.csv', CODES_CSV);
const regions = input('regions.csv', REGIONS_CSV);

// Good rows: 60 clients in five municipalities, mapped, fallback (45X99 with productcategorie 45) and
// unmapped (ZZ001) codes, some PGB rows, some care in 2022; enough to publish some figures.
const GMS = ['GM0014', 'GM0034', 'GM0037', 'GM0047', 'GM0363'];
const PRODUCTS = ['A1', 'G1', 'V1', 'J1', '45X99', 'ZZ001'];
const goodLines: string[] = ['client_id,gemeente,productcode,productcategorie,begindatum,einddatum,toewijzingnummer,aanbieder,leveringsvorm'];
for (let n = 0; n < 60; n++) {
  const code = PRODUCTS[n % PRODUCTS.length];
  const pcat = code === '45X99' ? '45' : '';
  goodLines.push([key(n), GMS[n % GMS.length], code, pcat, '2021-03-01', n % 3 === 0 ? '2022-02-28' : '2021-05-31', `T${n}`, 'Aanbieder', n % 10 === 9 ? 'PGB' : 'ZIN'].join(','));
  if (n % 4 === 0) goodLines.push([key(n), GMS[n % GMS.length], 'A1', '', '2021-06-15', '', `U${n}`, 'Aanbieder', 'ZIN'].join(','));
}
const good = input('good.csv', goodLines.join('\n') + '\n');

// Bad rows of every kind, each with a canary client key (CRLF, quoted newlines, a client key that is
// quoted and holds the delimiter and quotes, one that is too long, one with a non-ASCII letter).
const bad = input('bad.csv', [
  'client_id,gemeente,productcode,productcategorie,begindatum,einddatum,toewijzingnummer,aanbieder,leveringsvorm',
  `${key('b1')},GM0014,A1,,2021-01-01,2021-02-01,B1,P`, // wrong number of fields
  `"${key('b2')}"x,GM0014,A1,,2021-01-01,2021-02-01,B2,P,ZIN`, // malformed quotes in the client field
  `${key('b3')},GM0014,A1,,2021-01-01,2021-02-01,"B3"y,P,ZIN`, // malformed quotes elsewhere
  `${key('b4')},,A1,,2021-01-01,2021-02-01,B4,P,ZIN`, // missing municipality
  `${key('b5')},${key('gm')},A1,,2021-01-01,2021-02-01,B5,P,ZIN`, // unknown municipality code format
  `${key('b6')},GM0014,,,2021-01-01,2021-02-01,B6,P,ZIN`, // missing product code
  `${key('b7')},GM0014,A1,,,2021-02-01,B7,P,ZIN`, // missing start
  `${key('b8')},GM0014,A1,,${key('date')},2021-02-01,B8,P,ZIN`, // unparseable start
  `${key('b9')},GM0014,A1,,2021-01-01,31-31-2021,B9,P,ZIN`, // unparseable end
  `${key('b10')},GM0014,A1,,2021-03-01,2021-02-01,B10,P,ZIN`, // end before start
  `${key('L'.repeat(300))},GM0014,A1,,2021-01-01,2021-02-01,B11,P,ZIN`, // client field too long
  `${key('b12')},GM0014,A1,,2021-01-01,2021-02-01,B12,P,PGB`, // PGB
  `"${key('b13,""quoted""')}",GM0014,A1,,2021-01-01,2021-02-01,B13,"multi\r\nline",ZIN`, // accepted
  `${key('b14-ë')},GM0014,A1,,2021-01-01,2021-02-01,B14,P,ZIN`, // accepted
  `"${key('b15')}`, // unterminated quote at the end of the file
].join('\r\n'));

const headerless = input('headerless.csv', goodLines.slice(1).join('\n') + '\n');
const bsnKeys = bsns(40, 4242);
const bsnFile = input('bsn.csv', ['client_id,gemeente,productcode,begindatum,einddatum',
  ...bsnKeys.map((b) => `${b},GM0014,A1,2021-03-01,2021-05-31`),
  `${key('x1')},GM0014,A1,2021-03-01,2021-05-31`, `${key('x2')},GM0014,A1,2021-03-01,2021-05-31`].join('\n') + '\n');

/** Every place a client key could leak: the process output and every file under `dir` (default: the
 *  whole temporary folder) but the inputs. */
function leaks(r: CliResult, dir = tmp.dir, extraKeys: string[] = []): string[] {
  const found: string[] = [];
  const check = (where: string, text: string) => {
    if (/canary7f3a/i.test(text)) found.push(`${where}: canary`);
    for (const k of extraKeys) if (text.includes(k)) found.push(`${where}: client key ${k.slice(0, 2)}…`);
  };
  check('stdout', r.stdout);
  check('stderr', r.stderr);
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (inputs.has(p)) continue;
      if (statSync(p).isDirectory()) walk(p);
      else {
        const bytes = readFileSync(p);
        check(relative(dir, p), bytes.toString('utf8') + '\n' + bytes.toString('latin1'));
      }
    }
  };
  try {
    walk(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // a failed run writes no folder
  }
  return found;
}

const common = (out: string) => ['--codes', codes, '--regions', regions, '--year', '2021', '--out', join(tmp.dir, out), '--workers', '2'];

describe('the canary: no client key in any output, message or file', () => {
  it('the search itself finds a planted key (control)', () => {
    const dir = join(tmp.dir, 'control');
    mkdirSync(dir);
    writeFileSync(join(dir, 'x.txt'), `a,${key(1)},b`);
    writeFileSync(join(dir, 'y.txt'), Buffer.from(`a,${key('ë')}`, 'latin1'));
    writeFileSync(join(dir, 'z.txt'), `no key but ${bsnKeys[3]}`);
    expect(leaks({ code: 0, stdout: key(2), stderr: '' }, dir, bsnKeys)).toEqual(['stdout: canary', 'x.txt: canary', 'y.txt: canary', 'z.txt: client key ' + bsnKeys[3].slice(0, 2) + '…']);
    rmSync(dir, { recursive: true });
  });

  it('the test data exercise every kind of row (checked through the default run)', async () => {
    const r = await cli(['analyse', '--input', good, bad, ...common('out-default')]);
    expect(r.code).toBe(0);
    const rejects = readFileSync(join(tmp.dir, 'out-default', 'rejects.csv'), 'utf8');
    for (const reason of ['wrong number of fields', 'malformed quotes', 'missing municipality', 'unknown municipality code format',
      'missing product code', 'missing start date', 'unparseable start date', 'unparseable end date', 'end before start',
      'field too long', 'PGB row (excluded by default)']) expect(rejects).toContain(reason);
    expect(leaks(r, join(tmp.dir, 'out-default'))).toEqual([]);
  });

  it('--labels --excel --lang en', async () => {
    const r = await cli(['analyse', '--input', good, bad, ...common('out-labels'), '--labels', '--excel', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(leaks(r, join(tmp.dir, 'out-labels'))).toEqual([]);
  });

  it('--disclosure off (exact figures)', async () => {
    const r = await cli(['analyse', '--input', good, bad, ...common('out-off'), '--disclosure', 'off', '--include-pgb']);
    expect(r.code).toBe(0);
    expect(leaks(r, join(tmp.dir, 'out-off'))).toEqual([]);
  });

  it('--kind claims', async () => {
    const r = await cli(['analyse', '--input', good, bad, ...common('out-claims'), '--kind', 'claims']);
    expect(r.code).toBe(0);
    expect(leaks(r, join(tmp.dir, 'out-claims'))).toEqual([]);
  });

  it('a run that fails: --strict with rejected rows', async () => {
    const r = await cli(['analyse', '--input', good, bad, ...common('out-strict'), '--strict']);
    expect(r.code).toBe(2);
    expect(leaks(r, join(tmp.dir, 'out-strict'))).toEqual([]);
  });

  it('a run that fails: the code table is missing', async () => {
    const r = await cli(['analyse', '--input', good, '--codes', join(tmp.dir, 'missing.csv'), '--year', '2021', '--out', join(tmp.dir, 'out-nocodes')]);
    expect(r.code).toBe(1);
    expect(leaks(r, join(tmp.dir, 'out-nocodes'))).toEqual([]);
  });

  it('a file without a header line (its first line is data) fails without printing that line', async () => {
    const r = await cli(['analyse', '--input', headerless, ...common('out-headerless')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(headerless);
    expect(leaks(r, join(tmp.dir, 'out-headerless'))).toEqual([]);
  });

  it('the same file read through a profile with header: false', async () => {
    const dir = join(tmp.dir, 'run-noheader');
    mkdirSync(dir);
    const run = join(dir, 'run.json');
    writeFileSync(run, JSON.stringify({
      sources: [{ path: headerless, kind: 'allocations', profile: { header: false, columns: { client: 1, gemeente: 2, productcode: 3, productcategorie: 4, start: 5, end: 6, allocation: 7, deliveryForm: 9 } } }],
      codes, regions, year: 2021, out: 'results',
    }));
    inputs.add(run);
    const r = await cli(['analyse', '--run', run, '--workers', '2']);
    expect(r.code).toBe(0);
    expect(leaks(r, dir)).toEqual([]);
  });

  it('a raw-BSN file is refused without printing a BSN or another key', async () => {
    const r = await cli(['analyse', '--input', bsnFile, ...common('out-bsn')]);
    expect(r.code).toBe(2);
    expect(leaks(r, join(tmp.dir, 'out-bsn'), bsnKeys)).toEqual([]);
  });

  it('traject pseudonymise prints counts only and leaves no key in its output', async () => {
    const out = join(tmp.dir, 'pseudo', 'good.csv');
    mkdirSync(join(tmp.dir, 'pseudo'));
    const r = await cli(['pseudonymise', '--input', good, '--output', out, '--key', join(tmp.dir, 'pseudo', 'k.key'), '--create-key']);
    expect(r.code).toBe(0);
    expect(leaks(r, join(tmp.dir, 'pseudo'))).toEqual([]);
    const r2 = await cli(['analyse', '--input', out, ...common('out-pseudo')]);
    expect(r2.code).toBe(0);
    expect(leaks(r2, join(tmp.dir, 'out-pseudo'))).toEqual([]);
  });

  it('nothing anywhere in the temporary folder but the inputs holds a key (all runs above)', () => {
    expect(leaks({ code: 0, stdout: '', stderr: '' }, tmp.dir, bsnKeys)).toEqual([]);
  });
});
