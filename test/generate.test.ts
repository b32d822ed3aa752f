// The sample data generator: deterministic bytes, and the proportions docs/generator.md promises.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type GeneratedFiles } from '../src/generate/generate.js';
import { cli, parseCsv } from './cli-helpers.js';
import { tempDir } from './helpers.js';

const tmp = tempDir('traject-gen-');
afterAll(() => tmp.cleanup());

interface Row {
  file: number;
  client: string;
  gm: string;
  code: string;
  ijw: string;
  start: string;
  end: string;
  alloc: string;
  provider: string;
  /** The optional columns; undefined when the file has none (clean). */
  birth?: string;
  sex?: string;
  referrer?: string;
  reason?: string;
  line: string;
}

const DEFAULT_HEADER = ['client_id', 'gemeente', 'productcode', 'productcategorie', 'begindatum', 'einddatum', 'toewijzingnummer', 'aanbieder'];
const OPTIONAL_HEADER = ['geboortedatum', 'geslacht', 'verwijzer', 'reden_beeindiging'];

/** Day number from either spelling the generator writes, or NaN for a date that does not exist. */
function dayOrNaN(s: string): number {
  const t = s.split(' ')[0];
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const dmy = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(t);
  const ymd = iso ? [+iso[1], +iso[2], +iso[3]] : dmy ? [+dmy[3], +dmy[2], +dmy[1]] : null;
  if (!ymd) return NaN;
  const d = new Date(Date.UTC(ymd[0], ymd[1] - 1, ymd[2]));
  return d.getUTCMonth() === ymd[1] - 1 && d.getUTCDate() === ymd[2] ? d.getTime() / 864e5 : NaN;
}
function day(s: string): number {
  const d = dayOrNaN(s);
  if (Number.isNaN(d)) throw new Error(`unexpected date '${s}'`);
  return d;
}
/** Completed years from birth day b to day d (UTC calendar; 29 February birthdays as 1 March). */
function ageOn(b: number, d: number): number {
  const x = new Date(b * 864e5);
  const y = new Date(d * 864e5);
  let age = y.getUTCFullYear() - x.getUTCFullYear();
  const bm = x.getUTCMonth() * 100 + x.getUTCDate();
  if (y.getUTCMonth() * 100 + y.getUTCDate() < bm) age--;
  return age;
}
/** SPEC 11 referrer groups (COD327 code with or without leading zero, or a name), written out here
 *  independently of src/read/codelists.ts. */
function referrerGroup(s: string): string {
  const p = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
  const byCode: Record<string, string> = { 1: 'gemeente', 2: 'huisarts', 3: 'jeugdarts', 4: 'gi', 5: 'medisch_specialist', 6: 'geen_verwijzer', 8: 'justitie' };
  if (/^\d{1,2}$/.test(p)) return byCode[Number(p)] ?? 'unknown';
  const byName: Record<string, string> = {
    gemeente: 'gemeente', gemeentelijketoegang: 'gemeente', wijkteam: 'gemeente', huisarts: 'huisarts', jeugdarts: 'jeugdarts',
    gi: 'gi', gecertificeerdeinstelling: 'gi', medischspecialist: 'medisch_specialist', zelfverwijzer: 'geen_verwijzer',
    geenverwijzer: 'geen_verwijzer', zelfverwijzergeenverwijzer: 'geen_verwijzer', justitie: 'justitie', rechter: 'justitie',
    officiervanjustitie: 'justitie', jji: 'justitie',
  };
  return byName[p] ?? 'unknown';
}
const gmNum = (s: string): number => Number(s.replace(/^GM/, ''));

function readRows(files: GeneratedFiles): { rows: Row[]; headers: string[] } {
  const rows: Row[] = [];
  const headers: string[] = [];
  files.inputs.forEach((path, file) => {
    const text = readFileSync(path, 'latin1');
    const lines = text.split(/\r?\n/);
    headers.push(lines[0]);
    const delim = lines[0].includes(';') ? ';' : ',';
    const names = lines[0].split(delim);
    for (const line of lines.slice(1)) {
      if (line === '') continue;
      // The provider may be quoted and hold the delimiter.
      const f = parseCsv(line, delim)[0];
      if (f.length !== names.length) throw new Error(`${names.length} columns expected: ${line}`);
      const o = names.length > 8 ? { birth: f[8], sex: f[9], referrer: f[10], reason: f[11] } : {};
      rows.push({ file, client: f[0], gm: f[1], code: f[2], ijw: f[3], start: f[4], end: f[5], alloc: f[6], provider: f[7], ...o, line });
    }
  });
  return { rows, headers };
}

describe('generate', () => {
  let files: GeneratedFiles;
  let rows: Row[];
  let headers: string[];
  const Y = 2021;
  beforeAll(async () => {
    files = await generate(tmp.dir + '/big', { clients: 20_000, seed: 7, year: Y });
    ({ rows, headers } = readRows(files));
  });

  it('is deterministic: same options give the same bytes, another seed other bytes', async () => {
    const a = await generate(tmp.dir + '/a', { clients: 500, seed: 3, year: Y });
    const b = await generate(tmp.dir + '/b', { clients: 500, seed: 3, year: Y });
    const c = await generate(tmp.dir + '/c', { clients: 500, seed: 4, year: Y });
    expect(a.rows).toBe(b.rows);
    for (const k of [0, 1]) expect(readFileSync(a.inputs[k]).equals(readFileSync(b.inputs[k]))).toBe(true);
    expect(readFileSync(a.codes).equals(readFileSync(b.codes))).toBe(true);
    expect(readFileSync(a.regions).equals(readFileSync(b.regions))).toBe(true);
    expect(readFileSync(a.inputs[0]).equals(readFileSync(c.inputs[0]))).toBe(false);
  });

  it('writes the default profile: header, two delimiters, three municipality spellings, two date styles', () => {
    expect(files.inputs).toHaveLength(2);
    expect(headers[0]).toBe([...DEFAULT_HEADER, ...OPTIONAL_HEADER].join(';'));
    expect(headers[1]).toBe([...DEFAULT_HEADER, ...OPTIONAL_HEADER].join(','));
    expect(rows.length).toBe(files.rows);
    const a = rows.filter((r) => r.file === 0);
    const b = rows.filter((r) => r.file === 1);
    expect(a.some((r) => /^\d{3}$/.test(r.gm)) && a.some((r) => /^0\d{3}$/.test(r.gm))).toBe(true);
    expect(a.every((r) => /^\d{1,4}$/.test(r.gm))).toBe(true);
    expect(b.every((r) => /^GM\d{4}$/.test(r.gm))).toBe(true);
    expect(a.every((r) => /^\d{1,2}-\d{1,2}-\d{4}$/.test(r.start))).toBe(true);
    expect(a.some((r) => /^\d-/.test(r.start))).toBe(true); // 1-3-2021
    expect(b.every((r) => /^\d{4}-\d{2}-\d{2}( 00:00:00)?$/.test(r.start))).toBe(true);
    expect(b.some((r) => r.start.endsWith(' 00:00:00'))).toBe(true);
    expect(rows.every((r) => /^[0-9a-f]{16}$/.test(r.client))).toBe(true);
    expect(rows.every((r) => /^[0-9A-Z]{5}$/.test(r.code))).toBe(true);
    // Every data day lies in Y-2 .. Y+2 for starts.
    const starts = rows.map((r) => day(r.start));
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(Date.UTC(Y - 2, 0, 1) / 864e5);
    expect(Math.max(...starts)).toBeLessThanOrEqual(Date.UTC(Y + 2, 11, 31) / 864e5);
  });

  it('holds the stated proportions (open ends, duplicates, invalid rows, re-issued allocations)', () => {
    const n = rows.length;
    const share = (k: number): number => k / n;
    expect(share(rows.filter((r) => r.end === '').length)).toBeGreaterThan(0.07);
    expect(share(rows.filter((r) => r.end === '').length)).toBeLessThan(0.14);
    const seen = new Set<string>();
    let dups = 0;
    for (const r of rows) {
      const k = r.file + '|' + r.line;
      if (seen.has(k)) dups++;
      seen.add(k);
    }
    expect(share(dups)).toBeGreaterThan(0.003);
    expect(share(dups)).toBeLessThan(0.008);
    const invalid = rows.filter((r) => r.end !== '' && day(r.end) < day(r.start)).length;
    expect(share(invalid)).toBeGreaterThan(0.001);
    expect(share(invalid)).toBeLessThan(0.004);
    // Allocation numbers: mostly unique; a few re-issued with another end (never an exact duplicate).
    const byAlloc = new Map<string, Set<string>>();
    for (const r of rows) {
      if (r.alloc === '') continue;
      const k = r.client + '|' + r.alloc;
      const s = byAlloc.get(k) ?? new Set<string>();
      s.add(r.end === '' ? 'open' : String(day(r.end)));
      byAlloc.set(k, s);
    }
    const reissued = [...byAlloc.values()].filter((s) => s.size > 1).length;
    expect(reissued / byAlloc.size).toBeGreaterThan(0.02);
    expect(reissued / byAlloc.size).toBeLessThan(0.045);
    const noNumber = rows.filter((r) => r.alloc === '').length;
    expect(share(noNumber)).toBeGreaterThan(0.01);
    expect(share(noNumber)).toBeLessThan(0.04);
  });

  it('has the shapes the analysis cares about: 1-6 products, gaps around 30 days, same first day, movers', () => {
    const byClient = new Map<string, Row[]>();
    for (const r of rows) {
      const list = byClient.get(r.client) ?? [];
      list.push(r);
      byClient.set(r.client, list);
    }
    expect(byClient.size).toBeGreaterThan(19_900); // 20 000 random 64-bit keys: no collisions expected
    expect(byClient.size).toBeLessThanOrEqual(20_000);
    let gap29to32 = 0;
    let sameFirstDay = 0;
    let movers = 0;
    let before = 0;
    const sizes = new Map<number, number>();
    for (const list of byClient.values()) {
      const products = new Map<string, Row>(); // by allocation number (latest version), else by line
      for (const r of list) products.set(r.alloc || r.line, r);
      const ps = [...products.values()].filter((r) => r.end === '' || day(r.end) >= day(r.start));
      const distinctNumbers = new Set(list.map((r) => r.alloc || r.line)).size;
      sizes.set(distinctNumbers, (sizes.get(distinctNumbers) ?? 0) + 1);
      ps.sort((x, y) => day(x.start) - day(y.start));
      if (ps.length > 1 && day(ps[0].start) === day(ps[1].start)) sameFirstDay++;
      if (new Set(list.map((r) => r.file)).size > 1) movers++;
      if (ps.some((p) => day(p.start) < Date.UTC(Y, 0, 1) / 864e5 && (p.end === '' || day(p.end) >= Date.UTC(Y, 0, 1) / 864e5))) before++;
      let maxEnd = -Infinity;
      for (const p of ps) {
        const g = day(p.start) - maxEnd;
        if (g >= 29 && g <= 32) gap29to32++;
        maxEnd = Math.max(maxEnd, p.end === '' ? Infinity : day(p.end));
      }
    }
    const clients = byClient.size;
    expect(sameFirstDay / clients).toBeGreaterThan(0.03);
    expect(movers / clients).toBeGreaterThan(0.01);
    expect(movers / clients).toBeLessThan(0.05);
    expect(before / clients).toBeGreaterThan(0.1); // products before Y still running in Y
    expect(gap29to32 / clients).toBeGreaterThan(0.1);
    expect(Math.max(...sizes.keys())).toBeLessThanOrEqual(8); // 6 products + an invalid row or two
    expect((sizes.get(1) ?? 0) / clients).toBeGreaterThan(0.25); // skewed towards few products
  });

  it('covers all six categories, leaves a few codes unmapped, and GGZ starts at 25-50% per municipality', () => {
    const codes = readFileSync(files.codes, 'utf8').trim().split('\n').map((l) => l.split(','));
    expect(codes[0].join(',')).toBe('productcode,category,subcategory,productcategorie,gemeente,regio,geldig_vanaf,geldig_tot');
    const body = codes.slice(1);
    expect(new Set(body.map((r) => r[1]))).toEqual(
      new Set(['ambulant_non_ggz', 'ggz', 'verblijf_non_ggz', 'overig_multidisciplinair', 'jeugdbescherming', 'jeugdreclassering']),
    );
    expect(body.filter((r) => r[4] !== '').length).toBeGreaterThanOrEqual(2); // municipality-scoped
    expect(body.filter((r) => r[5] !== '').length).toBeGreaterThanOrEqual(1); // region-scoped
    expect(body.filter((r) => r[6] !== '' || r[7] !== '').length).toBe(1); // validity-scoped
    const distinctCodes = new Set(rows.map((r) => r.code));
    expect(distinctCodes.size).toBeGreaterThanOrEqual(35);
    const known = new Set(body.map((r) => r[0]));
    const unknown = [...distinctCodes].filter((c) => !known.has(c));
    expect(unknown.length).toBeGreaterThanOrEqual(2);
    expect(unknown.length).toBeLessThanOrEqual(5);

    // GGZ share of the first product started in Y, per municipality (unscoped rows only: a rough check).
    const ggz = new Set(body.filter((r) => r[1] === 'ggz' && r[4] === '' && r[5] === '').map((r) => r[0]));
    const y0 = Date.UTC(Y, 0, 1) / 864e5;
    const y1 = Date.UTC(Y + 1, 0, 1) / 864e5;
    const first = new Map<string, Row>();
    for (const r of rows) {
      const d = day(r.start);
      if (d < y0 || d >= y1) continue;
      const f = first.get(r.client);
      if (!f || d < day(f.start)) first.set(r.client, r);
    }
    const perGm = new Map<number, [number, number]>();
    for (const r of first.values()) {
      const c = perGm.get(gmNum(r.gm)) ?? [0, 0];
      c[0] += ggz.has(r.code) ? 1 : 0;
      c[1]++;
      perGm.set(gmNum(r.gm), c);
    }
    expect(perGm.size).toBe(12);
    const shares = [...perGm.values()].map(([g, n]) => g / n);
    for (const s of shares) {
      expect(s).toBeGreaterThan(0.2);
      expect(s).toBeLessThan(0.52);
    }
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.1); // it depends on the municipality
    const regions = readFileSync(files.regions, 'utf8').trim().split('\n');
    expect(regions[0]).toBe('gemeente,regio');
    expect(new Set(regions.slice(1).map((l) => l.split(',')[1])).size).toBe(3);
  });

  it('writes one birth date and one sex per client, in the file\'s own date style, with a few missing or unreadable', () => {
    const byClient = new Map<string, Row[]>();
    for (const r of rows) byClient.set(r.client, [...(byClient.get(r.client) ?? []), r]);
    const a = rows.filter((r) => r.file === 0);
    const b = rows.filter((r) => r.file === 1);
    const oddA = a.filter((r) => r.birth !== '' && r.birth !== 'onbekend' && !/^\d{1,2}-\d{1,2}-\d{4}$/.test(r.birth!));
    const oddB = b.filter((r) => r.birth !== '' && r.birth !== 'onbekend' && !/^\d{4}-\d{2}-\d{2}( 00:00:00)?$/.test(r.birth!));
    expect(oddA.concat(oddB).map((r) => r.birth)).toEqual([]);
    expect(a.some((r) => /^\d-/.test(r.birth!)) && b.some((r) => r.birth!.endsWith(' 00:00:00'))).toBe(true);
    expect(a.some((r) => r.birth === '31-02-' + r.birth!.slice(-4)) && b.some((r) => /^\d{4}-02-31$/.test(r.birth!))).toBe(true);

    let missing = 0;
    let unreadable = 0;
    let twoBirths = 0;
    let twoSexes = 0;
    const ages = new Map<number, number>();
    const sexes = new Map<string, number>();
    for (const list of byClient.values()) {
      const births = new Set(list.map((r) => (r.birth === '' ? 'missing' : Number.isNaN(dayOrNaN(r.birth!)) ? 'unreadable' : String(dayOrNaN(r.birth!)))));
      if (births.size > 1) twoBirths++;
      if (new Set(list.map((r) => r.sex)).size > 1) twoSexes++;
      sexes.set(list[0].sex!, (sexes.get(list[0].sex!) ?? 0) + 1);
      const [bd] = births;
      if (bd === 'missing') missing++;
      else if (bd === 'unreadable') unreadable++;
      else {
        const age = ageOn(Number(bd), Math.min(...list.map((r) => day(r.start))));
        ages.set(age, (ages.get(age) ?? 0) + 1);
      }
    }
    const clients = byClient.size;
    expect(twoBirths).toBe(0);
    expect(twoSexes).toBe(0);
    expect(missing / clients).toBeGreaterThan(0.014);
    expect(missing / clients).toBeLessThan(0.026);
    expect(unreadable / clients).toBeGreaterThan(0.0025);
    expect(unreadable / clients).toBeLessThan(0.008);
    // Age in completed years at the first start: 0..22, most under 18 and spread over childhood.
    expect(Math.min(...ages.keys())).toBe(0);
    expect(Math.max(...ages.keys())).toBe(22);
    const known = [...ages.values()].reduce((x, y) => x + y, 0);
    const band = (lo: number, hi: number): number => [...ages].filter(([k]) => k >= lo && k <= hi).reduce((x, [, n]) => x + n, 0) / known;
    expect(band(0, 3)).toBeGreaterThan(0.06);
    expect(band(0, 3)).toBeLessThan(0.13);
    expect(band(4, 11)).toBeGreaterThan(0.38);
    expect(band(4, 11)).toBeLessThan(0.48);
    expect(band(12, 17)).toBeGreaterThan(0.38);
    expect(band(12, 17)).toBeLessThan(0.48);
    expect(band(18, 22)).toBeGreaterThan(0.03);
    expect(band(18, 22)).toBeLessThan(0.08);
    // COD046: 1 man, 2 vrouw; about 1% 0, 9 or empty.
    expect(new Set(sexes.keys())).toEqual(new Set(['1', '2', '0', '9', '']));
    expect((sexes.get('1') ?? 0) / clients).toBeGreaterThan(0.5);
    expect((sexes.get('1') ?? 0) / clients).toBeLessThan(0.58);
    const unknownSex = ((sexes.get('0') ?? 0) + (sexes.get('9') ?? 0) + (sexes.get('') ?? 0)) / clients;
    expect(unknownSex).toBeGreaterThan(0.005);
    expect(unknownSex).toBeLessThan(0.015);
  });

  it('writes a referrer per product: COD327 codes with and without leading zero, names, realistic shares', () => {
    const count = new Map<string, number>();
    for (const r of rows) count.set(referrerGroup(r.referrer!), (count.get(referrerGroup(r.referrer!)) ?? 0) + 1);
    const share = (g: string): number => (count.get(g) ?? 0) / rows.length;
    const expected: [string, number, number][] = [
      ['gemeente', 0.4, 0.5], ['huisarts', 0.16, 0.24], ['medisch_specialist', 0.07, 0.13], ['gi', 0.07, 0.13],
      ['jeugdarts', 0.03, 0.07], ['justitie', 0.03, 0.07], ['geen_verwijzer', 0.03, 0.07], ['unknown', 0.02, 0.04],
    ];
    for (const [g, lo, hi] of expected) {
      expect(share(g), g).toBeGreaterThan(lo);
      expect(share(g), g).toBeLessThan(hi);
    }
    expect(rows.some((r) => r.referrer === '')).toBe(true);
    expect(rows.some((r) => r.referrer === 'onbekend')).toBe(true);
    const spelled = (re: RegExp): number => rows.filter((r) => re.test(r.referrer!)).length / rows.length;
    expect(spelled(/^0[1-68]$/)).toBeGreaterThan(0.5); // 01 .. 06, 08
    expect(spelled(/^[1-68]$/)).toBeGreaterThan(0.08); // without the leading zero
    expect(spelled(/^[A-Za-z]/)).toBeGreaterThan(0.1); // names: Huisarts, Gemeentelijke toegang, GI, zelfverwijzer, ...
    // Youth protection mostly through a GI, youth probation mostly through the courts.
    const within = (prefix: string, g: string): number => {
      const of = rows.filter((r) => r.code.startsWith(prefix));
      return of.filter((r) => referrerGroup(r.referrer!) === g).length / of.length;
    };
    expect(within('48', 'gi')).toBeGreaterThan(0.6);
    expect(within('47', 'justitie')).toBeGreaterThan(0.45);
    expect(within('54', 'gi')).toBeLessThan(0.05);
    // Products on the client's first start day mostly share one referrer.
    const firstDay = new Map<string, Map<string, string>>(); // client -> product (allocation number or line) -> group
    const first = new Map<string, number>();
    for (const r of rows) first.set(r.client, Math.min(first.get(r.client) ?? Infinity, day(r.start)));
    for (const r of rows) {
      if (day(r.start) !== first.get(r.client)) continue;
      const m = firstDay.get(r.client) ?? new Map<string, string>();
      m.set(r.alloc || r.line, referrerGroup(r.referrer!));
      firstDay.set(r.client, m);
    }
    const several = [...firstDay.values()].filter((m) => m.size > 1);
    expect(several.length).toBeGreaterThan(1000);
    expect(several.filter((m) => new Set(m.values()).size === 1).length / several.length).toBeGreaterThan(0.85);
  });

  it('writes a JZ588 reason for ending on closed rows: mostly 31 (volgens plan), empty on open rows', () => {
    expect(rows.filter((r) => r.end === '' && r.reason !== '')).toEqual([]);
    const closed = rows.filter((r) => r.end !== '');
    expect(new Set(closed.map((r) => r.reason))).toEqual(new Set(['', '31', '32', '33', '34', '35', '36', '37', '38']));
    const share = (v: string): number => closed.filter((r) => r.reason === v).length / closed.length;
    expect(share('31')).toBeGreaterThan(0.5);
    expect(share('31')).toBeLessThan(0.6);
    expect(share('')).toBeGreaterThan(0.12);
    expect(share('')).toBeLessThan(0.18);
    expect(share('32')).toBeGreaterThan(0.05);
  });

  it('takes other municipality and source counts', async () => {
    const g = await generate(tmp.dir + '/m', { clients: 300, seed: 1, year: 2019, municipalities: 40, sources: 3 });
    expect(g.inputs).toHaveLength(3);
    const regions = readFileSync(g.regions, 'utf8').trim().split('\n').slice(1);
    expect(regions).toHaveLength(40);
    expect(new Set(regions.map((l) => l.split(',')[0])).size).toBe(40);
    expect(regions.every((l) => /^GM\d{4},/.test(l))).toBe(true);
  });
});

describe('generate with clean: true', () => {
  const opts = { clients: 20_000, seed: 7, year: 2021 };
  let messy: GeneratedFiles;
  let clean: GeneratedFiles;
  beforeAll(async () => {
    messy = await generate(tmp.dir + '/clean-messy', opts);
    clean = await generate(tmp.dir + '/clean', { ...opts, clean: true });
  });

  it('writes the default columns only, with ",", LF, ISO dates and GM codes, and no row the reader rejects', () => {
    const { rows, headers } = readRows(clean);
    expect(headers).toEqual([DEFAULT_HEADER.join(','), DEFAULT_HEADER.join(',')]);
    for (const p of clean.inputs) expect(readFileSync(p, 'latin1').includes('\r')).toBe(false);
    expect(rows.length).toBe(clean.rows);
    expect(rows.every((r) => r.birth === undefined)).toBe(true); // readRows checked: 8 fields on every line
    expect(rows.filter((r) => !/^\d{4}-\d{2}-\d{2}$/.test(r.start) || !/^(\d{4}-\d{2}-\d{2})?$/.test(r.end))).toEqual([]);
    expect(rows.filter((r) => !/^GM\d{4}$/.test(r.gm))).toEqual([]);
    expect(rows.filter((r) => r.end !== '' && day(r.end) < day(r.start))).toEqual([]);
    expect(rows.filter((r) => !/^[0-9a-f]{16}$/.test(r.client) || !/^[0-9A-Z]{5}$/.test(r.code))).toEqual([]);
  });

  it('holds the same rows as the export with the same options, less the invalid ones', () => {
    const norm = (r: Row): string =>
      [r.client, Number(r.gm.replace(/^GM/, '')), r.code, r.ijw, day(r.start), r.end === '' ? '' : day(r.end), r.alloc, r.provider].join('|');
    const m = readRows(messy).rows;
    const c = readRows(clean).rows;
    const invalid = m.filter((r) => r.end !== '' && day(r.end) < day(r.start));
    expect(invalid.length).toBeGreaterThan(20);
    expect(clean.rows).toBe(messy.rows - invalid.length);
    for (const file of [0, 1]) {
      const want = m.filter((r) => r.file === file && (r.end === '' || day(r.end) >= day(r.start))).map(norm);
      const got = c.filter((r) => r.file === file).map(norm);
      expect(got.length).toBe(want.length);
      expect(got.every((g, i) => g === want[i])).toBe(true);
    }
  });

  it('gives the engine the same figures as the default export', async () => {
    const small = { clients: 3000, seed: 3, year: 2021, municipalities: 9 };
    const metrics: string[] = [];
    for (const [name, g] of [['m', await generate(tmp.dir + '/fig-m', small)], ['c', await generate(tmp.dir + '/fig-c', { ...small, clean: true })]] as const) {
      const out = `${tmp.dir}/fig-out-${name}`;
      const r = await cli(['analyse', '--input', ...g.inputs, '--codes', g.codes, '--regions', g.regions, '--year', '2021', '--disclosure', 'off', '--out', out, '--quiet']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      metrics.push(readFileSync(`${out}/metrics.csv`, 'utf8'));
    }
    expect(metrics[0].split('\n').length).toBeGreaterThan(100);
    // The clean export has no reason-for-ending column, so no ended_as_planned rows; every other row is the same.
    const withoutReason = metrics[0].split('\n').filter((l) => !l.includes(',ended_as_planned,')).join('\n');
    expect(withoutReason).not.toBe(metrics[0]);
    expect(metrics[1]).toBe(withoutReason);
  });

  it('is deterministic too', async () => {
    const again = await generate(tmp.dir + '/clean-again', { ...opts, clients: 2000, clean: true });
    const once = await generate(tmp.dir + '/clean-once', { ...opts, clients: 2000, clean: true });
    for (const k of [0, 1]) expect(readFileSync(again.inputs[k]).equals(readFileSync(once.inputs[k]))).toBe(true);
  });
});
