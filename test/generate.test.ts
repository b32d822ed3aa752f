// The sample data generator: deterministic bytes, and the proportions docs/generator.md promises.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type GeneratedFiles } from '../src/generate/generate.js';
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
  line: string;
}

/** ISO day number from either spelling the generator writes. */
function day(s: string): number {
  const t = s.split(' ')[0];
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3]) / 864e5;
  m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(t);
  if (m) return Date.UTC(+m[3], +m[2] - 1, +m[1]) / 864e5;
  throw new Error(`unexpected date '${s}'`);
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
    for (const line of lines.slice(1)) {
      if (line === '') continue;
      // The provider (last column) may be quoted and hold the delimiter; the first seven never do.
      const f = line.split(delim);
      rows.push({ file, client: f[0], gm: f[1], code: f[2], ijw: f[3], start: f[4], end: f[5], alloc: f[6], line });
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
    expect(headers[0]).toBe('client_id;gemeente;productcode;productcategorie;begindatum;einddatum;toewijzingnummer;aanbieder');
    expect(headers[1]).toBe('client_id,gemeente,productcode,productcategorie,begindatum,einddatum,toewijzingnummer,aanbieder');
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

  it('takes other municipality and source counts', async () => {
    const g = await generate(tmp.dir + '/m', { clients: 300, seed: 1, year: 2019, municipalities: 40, sources: 3 });
    expect(g.inputs).toHaveLength(3);
    const regions = readFileSync(g.regions, 'utf8').trim().split('\n').slice(1);
    expect(regions).toHaveLength(40);
    expect(new Set(regions.map((l) => l.split(',')[0])).size).toBe(40);
    expect(regions.every((l) => /^GM\d{4},/.test(l))).toBe(true);
  });
});
