// Synthetic youth-care allocation data (toewijzingen) for demos, tests and benchmarks.
//
// The data look like municipal exports read through the default profile of SPEC section 9: one
// header, a file per group of municipalities, and the kind of mess real exports carry (two
// delimiters, three spellings of a municipality code, padded and unpadded Dutch dates, ISO dates with
// a time of day, quoted provider names, CRLF line ends, duplicate rows, re-issued allocations, rows
// whose end lies before their start, codes the mapping table does not know), and the optional
// columns of SPEC 10 and 11 (birth date, sex, referrer, reason for ending) with their own mess.
// Every client key is a random 16-hex-character pseudonym; nothing here is real data.
// `clean: true` writes the same products as an export an analyst would call clean instead.
//
// Deterministic: the same options give the same bytes (clients in order; one mulberry32 stream for
// the default columns and a second one for the optional columns, so adding or leaving out the
// optional columns changes no other byte of a row).
// Streamed: rows go out in ~1 MB chunks with back-pressure, so 10 million rows need bounded memory.
// docs/generator.md describes the distributions.

import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

export interface GenerateOptions {
  clients: number; // e.g. 2000 for the demo, 2_000_000 for benchmarks
  seed: number; // deterministic PRNG: same options -> same bytes
  year: number; // the cohort year Y the data is centred on; products start in Y-2 .. Y+2
  municipalities?: number; // default 12, spread over ceil(n/4) regions
  sources?: number; // default 2: the municipalities are split over this many files; movers appear in two
  /** Default false. True: ISO dates, ',' and LF in every file, municipality as GM0363, no rows the
   *  reader rejects, and only the default columns (no birth date, sex, referrer, reason for ending). */
  clean?: boolean;
}

export interface GeneratedFiles {
  inputs: string[];
  codes: string;
  regions: string;
  rows: number;
}

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: a tiny 32-bit generator, good enough for synthetic data and fully deterministic. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  u32(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** uniform in [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }
  /** uniform integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
}

/** Cumulative weights for fast weighted picks. */
function cumulative(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) c[i] = s += weights[i];
  for (let i = 0; i < c.length; i++) c[i] /= s;
  return c;
}
function pick(cum: Float64Array, r: number): number {
  for (let i = 0; i < cum.length; i++) if (r < cum[i]) return i;
  return cum.length - 1;
}
/** A weighted pick as a lookup on 10 random bits (shares to 1/1024, one draw for several picks). */
function pick1024(weights: readonly number[]): Uint8Array {
  const cum = cumulative(weights);
  return Uint8Array.from({ length: 1024 }, (_, k) => pick(cum, (k + 0.5) / 1024));
}

// ---------------------------------------------------------------------------------------------
// Days

function dayOf(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}
function civil(day: number): [number, number, number] {
  const dt = new Date(day * 86_400_000);
  return [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
}
const p2 = (n: number): string => (n < 10 ? '0' + n : String(n));

// ---------------------------------------------------------------------------------------------
// Municipalities and regions (real CBS codes, grouped roughly as the jeugdhulpregio's are)

const REGION_POOL: readonly { name: string; gm: readonly number[] }[] = [
  { name: 'Groningen', gm: [14, 37, 47, 1952, 1966, 765] },
  { name: 'Flevoland', gm: [34, 995, 50, 171, 184, 303] },
  { name: 'Drenthe', gm: [106, 114, 118, 119, 109, 1680] },
  { name: 'Fryslan', gm: [80, 74, 90, 59, 72, 86] },
  { name: 'Twente', gm: [153, 164, 141, 158, 163, 147] },
  { name: 'Amsterdam-Amstelland', gm: [363, 362, 384, 437, 451, 415] },
];

export interface Municipality {
  gm: number; // 363
  code: string; // GM0363
  region: string;
  source: number; // index of the input file it is exported in
  weight: number; // relative number of clients
  ggzShare: number; // chance that a product is a GGZ product
}

export function municipalities(n: number, sources: number): Municipality[] {
  const regions = Math.max(1, Math.ceil(n / 4));
  const out: Municipality[] = [];
  for (let j = 0; j < n; j++) {
    const r = j % regions;
    const k = Math.floor(j / regions);
    const pool = REGION_POOL[r];
    const gm = pool && k < pool.gm.length ? pool.gm[k] : 2000 + j; // beyond the pool: made-up codes
    const region = pool ? pool.name : `Regio ${r + 1}`;
    // The GGZ share is spread over 0.24 .. 0.44 in an order unrelated to size.
    const frac = n === 1 ? 0.5 : ((j * 7) % n) / (n - 1);
    out.push({
      gm,
      code: 'GM' + String(gm).padStart(4, '0'),
      region,
      source: j % sources,
      weight: 1 / (1 + 0.7 * k),
      ggzShare: 0.24 + 0.2 * frac,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Product codes

type Cat = 'ambulant_non_ggz' | 'ggz' | 'verblijf_non_ggz' | 'overig_multidisciplinair' | 'jeugdbescherming' | 'jeugdreclassering';
interface Code {
  code: string;
  ijw: string; // iJw productcategorie
  cat: Cat;
  sub: string; // subcategory (ambulant_non_ggz only)
  w: number; // relative weight within its group
  mapped: boolean; // false: missing from codes.csv
}

const C = (code: string, cat: Cat, sub: string, w: number, mapped = true): Code => ({ code, ijw: code.slice(0, 2), cat, sub, w, mapped });

/** ~40 iJw-like codes; the first two characters are the iJw product category, as in most code lists. */
export const CODES: readonly Code[] = [
  // GGZ
  C('54001', 'ggz', '', 30),
  C('54002', 'ggz', '', 18),
  C('54003', 'ggz', '', 12),
  C('54005', 'ggz', '', 8),
  C('54007', 'ggz', '', 5),
  C('54011', 'ggz', '', 3),
  C('51A01', 'ggz', '', 14),
  C('51A02', 'ggz', '', 6),
  C('52A01', 'ggz', '', 4),
  C('53A01', 'ggz', '', 2),
  // Ambulant non-GGZ
  C('45A48', 'ambulant_non_ggz', 'opvoed_woonbegeleiding', 30),
  C('45A49', 'ambulant_non_ggz', 'opvoed_woonbegeleiding', 16),
  C('45A51', 'ambulant_non_ggz', 'opvoed_woonbegeleiding', 9),
  C('45A52', 'ambulant_non_ggz', 'ambulant_overig', 6),
  C('45A53', 'ambulant_non_ggz', 'ambulant_overig', 4),
  C('45J05', 'ambulant_non_ggz', 'opvoed_woonbegeleiding', 3),
  C('41A02', 'ambulant_non_ggz', 'dagbesteding_participatie', 7),
  C('41A03', 'ambulant_non_ggz', 'dagbesteding_participatie', 4),
  C('40A01', 'ambulant_non_ggz', 'ambulant_overig', 2),
  C('34A01', 'ambulant_non_ggz', 'opvoed_woonbegeleiding', 1),
  // Verblijf non-GGZ
  C('43A01', 'verblijf_non_ggz', '', 6),
  C('43A02', 'verblijf_non_ggz', '', 3),
  C('44A01', 'verblijf_non_ggz', '', 5),
  C('44A02', 'verblijf_non_ggz', '', 2),
  C('44B01', 'verblijf_non_ggz', '', 2),
  C('35A01', 'verblijf_non_ggz', '', 1),
  // Overig en multidisciplinair
  C('46A01', 'overig_multidisciplinair', '', 5),
  C('46A02', 'overig_multidisciplinair', '', 2),
  C('42A01', 'overig_multidisciplinair', '', 4),
  C('50A01', 'overig_multidisciplinair', '', 3),
  C('55A01', 'overig_multidisciplinair', '', 1),
  // Jeugdbescherming
  C('48A01', 'jeugdbescherming', '', 8),
  C('48A02', 'jeugdbescherming', '', 3),
  C('48A03', 'jeugdbescherming', '', 1),
  // Jeugdreclassering
  C('47A01', 'jeugdreclassering', '', 5),
  C('47A02', 'jeugdreclassering', '', 2),
  // Not in codes.csv: two fall back on their iJw category (45 -> ambulant, 54 -> ggz), one has an
  // unknown iJw category (99 -> overig_multidisciplinair).
  C('45X99', 'ambulant_non_ggz', 'ambulant_overig', 1, false),
  C('54X10', 'ggz', '', 1, false),
  C('99Z01', 'overig_multidisciplinair', '', 1, false),
];

/** Share of non-GGZ products per category (the rest of a municipality's products are GGZ). */
const NON_GGZ_CAT_WEIGHT: Record<Exclude<Cat, 'ggz'>, number> = {
  ambulant_non_ggz: 0.56,
  verblijf_non_ggz: 0.12,
  overig_multidisciplinair: 0.12,
  jeugdbescherming: 0.12,
  jeugdreclassering: 0.08,
};
/** Share of products that get one of the unmapped codes. */
const UNMAPPED_SHARE = 0.012;

const PROVIDERS = [
  'Accare',
  'Lentis',
  'Elker',
  'Jeugdbescherming Noord',
  'Stichting Jeugdhulp Drenthe',
  'Zorg, Welzijn en Wonen BV', // quoted in the comma files
  'De Hoop ggz',
  'Karakter',
  'Vlechtwerk',
  'Leger des Heils',
  'Pleegzorg "Thuis" Noord', // quotes inside a quoted field
  'Kinderpraktijk Zon',
  'Yorneo',
  'Intermetzo',
];

// ---------------------------------------------------------------------------------------------
// Proportions (see docs/generator.md); exported so the generator test can check them.

export const P = {
  /** Products per client: 1..6, skewed. */
  productsPerClient: [0.34, 0.24, 0.17, 0.12, 0.08, 0.05],
  open: 0.1,
  duplicate: 0.005,
  invalid: 0.002,
  reissue: 0.03,
  noAllocationNumber: 0.02,
  emptyIjw: 0.08,
  mover: 0.05,
  sameFirstDay: 0.1,
};

/** The optional columns (SPEC 10, 11), drawn from the second stream. */
export const Q = {
  /** Age in completed years at the client's first start: 0..22 (weights). */
  age: [1.5, 2, 2.5, 3, 4, 4.5, 5, 5.5, 5.5, 5.5, 5.5, 5.5, 7, 7.5, 7.5, 7, 6.5, 5, 2, 1.2, 0.8, 0.5, 0.3],
  birthMissing: 0.02,
  birthUnreadable: 0.005,
  /** Of the clients with a known sex; the others are `0`, `9` or empty. */
  man: 0.54,
  sexUnknown: 0.01,
  /** Referrer per product, in the order of REFERRERS, by the product's category. */
  referrer: {
    other: [50, 23, 6, 2.5, 11, 6, 1.5],
    jeugdbescherming: [15, 1, 0, 75, 0, 0, 9],
    jeugdreclassering: [10, 0, 0, 30, 0, 0, 60],
  },
  referrerUnknown: 0.03,
  /** A product starting on the client's first start day has the first product's referrer. */
  sameReferrerFirstDay: 0.9,
  /** Reason for ending (JZ588) of a closed product: empty, then 31 .. 38 (weights). */
  reason: [15, 55, 8, 6, 5, 4, 3, 2, 2],
};

/** COD327 referrers: code, code without its leading zero, then names traject recognises (SPEC 11);
 *  the last group is the unknown one (empty or text that is no referrer). */
const REFERRERS: readonly (readonly string[])[] = [
  ['01', '1', 'Gemeentelijke toegang', 'wijkteam', 'Gemeente'],
  ['02', '2', 'Huisarts'],
  ['03', '3', 'Jeugdarts'],
  ['04', '4', 'GI', 'Gecertificeerde instelling'],
  ['05', '5', 'Medisch specialist'],
  ['06', '6', 'zelfverwijzer', 'Zelfverwijzer/geen verwijzer'],
  ['08', '8', 'Rechter', 'Officier van Justitie'],
  ['', '', 'onbekend', 'overig', '99'],
];
/** JZ588 codes, 0: empty. */
const REASONS = [0, 31, 32, 33, 34, 35, 36, 37, 38];
/** COD046 as one character (0: empty): `1` man, `2` vrouw, then the unknown ones `0`, `9`, empty. */
const SEXES = [49, 50, 48, 57, 0];

// ---------------------------------------------------------------------------------------------

const EMPTY_IJW_256 = Math.round(P.emptyIjw * 256);
const DUPLICATE_2048 = Math.round(P.duplicate * 2048);

/** Strings as bytes (ASCII), concatenated, for copying into the output buffers without string work. */
class ByteTable {
  readonly bytes: Uint8Array;
  /** The same bytes (and 4 more, zero) for copying four at a time. */
  readonly view: DataView;
  readonly off: Int32Array;
  readonly len: Uint8Array;
  constructor(strings: readonly string[]) {
    const enc = strings.map((s) => Buffer.from(s, 'latin1'));
    this.bytes = new Uint8Array(enc.reduce((a, b) => a + b.length, 4));
    this.view = new DataView(this.bytes.buffer);
    this.off = new Int32Array(enc.length);
    this.len = new Uint8Array(enc.length);
    let at = 0;
    enc.forEach((b, i) => {
      this.bytes.set(b, at);
      this.off[i] = at;
      this.len[i] = b.length;
      at += b.length;
    });
  }
}

/** 0000 .. 9999 as four ASCII digits in one big-endian word. */
const DIGITS4 = Uint32Array.from({ length: 10_000 }, (_, n) =>
  (((48 + ((n / 1000) | 0)) << 24) | ((48 + (((n / 100) | 0) % 10)) << 16) | ((48 + (((n / 10) | 0) % 10)) << 8) | (48 + (n % 10))) >>> 0);

/** One output file: a 1 MB buffer that goes to the stream, with back-pressure, when nearly full.
 *  Writers may scribble up to 3 bytes past `pos` (words copied whole); only bytes before it count. */
class Out {
  static readonly CHUNK = 1 << 20;
  buf: Uint8Array = new Uint8Array(Out.CHUNK);
  view: DataView = new DataView(this.buf.buffer);
  pos = 0;
  constructor(private readonly stream: WriteStream) {}
  /** Entry i of t, copied four bytes at a time. */
  put(t: ByteTable, i: number): void {
    const v = this.view;
    const src = t.view;
    const p = this.pos;
    const k = t.off[i];
    const n = t.len[i];
    for (let w = 0; w < n; w += 4) v.setUint32(p + w, src.getUint32(k + w));
    this.pos = p + n;
  }
  byte(c: number): void {
    this.buf[this.pos++] = c;
  }
  /** 16 bytes (a client key). */
  put16(src: DataView): void {
    const v = this.view;
    const p = this.pos;
    for (let w = 0; w < 16; w += 4) v.setUint32(p + w, src.getUint32(w));
    this.pos = p + 16;
  }
  /** A non-negative integer below 2^31 in decimal (8 digits, as allocation numbers have: two words). */
  int(n: number): void {
    if (n >= 10_000_000 && n < 100_000_000) {
      const v = this.view;
      const p = this.pos;
      v.setUint32(p, DIGITS4[(n / 10_000) | 0]);
      v.setUint32(p + 4, DIGITS4[n % 10_000]);
      this.pos = p + 8;
      return;
    }
    const b = this.buf;
    let digits = 1;
    for (let x = n; x >= 10; x = (x / 10) | 0) digits++;
    let p = this.pos + digits;
    this.pos = p;
    do {
      b[--p] = 48 + (n % 10);
      n = (n / 10) | 0;
    } while (n > 0);
  }
  /** Repeats the bytes from `from` to the current position (a duplicate row). */
  repeat(from: number): void {
    const len = this.pos - from;
    this.buf.copyWithin(this.pos, from, this.pos);
    this.pos += len;
  }
  async flushIfAbove(limit: number): Promise<void> {
    if (this.pos <= limit) return;
    const chunk = this.buf.subarray(0, this.pos);
    this.buf = new Uint8Array(Out.CHUNK);
    this.view = new DataView(this.buf.buffer);
    this.pos = 0;
    if (!this.stream.write(chunk)) await new Promise<void>((res) => this.stream.once('drain', res));
  }
  async end(): Promise<void> {
    await this.flushIfAbove(0);
    await new Promise<void>((res, rej) => this.stream.end((err?: Error | null) => (err ? rej(err) : res())));
  }
}

/** How one source file spells things. */
interface Style {
  delim: number;
  eol: ByteTable; // one entry
  /** spellings per municipality in gmTable (1 or 2): entry forms * m + (random bit when 2) */
  gmForms: number;
  gmTable: ByteTable;
  /** dateTable holds every day twice, the second spelling from entry nDays on; a random 0..63 below
   *  `variant` picks it (numbers, not functions: the hot loop stays free of calls it cannot inline) */
  variant: number;
  dateTable: ByteTable;
  /** unreadable birth dates: 31 February of each year from the first day of dateTable on, then `onbekend` */
  badBirth: ByteTable;
  providers: ByteTable;
}

/** Generates the files. Streams rows; returns the paths and the number of data rows written. */
export async function generate(dir: string, opts: GenerateOptions): Promise<GeneratedFiles> {
  const Y = opts.year;
  const nMun = opts.municipalities ?? 12;
  const nSrc = Math.max(1, Math.min(opts.sources ?? 2, nMun));
  if (!Number.isInteger(opts.clients) || opts.clients < 0) throw new Error('clients must be a non-negative integer');
  if (!Number.isInteger(Y) || Y < 1903 || Y > 2190) throw new Error('year out of range');
  if (!Number.isInteger(nMun) || nMun < 1) throw new Error('municipalities must be a positive integer');
  mkdirSync(dir, { recursive: true });

  const clean = opts.clean === true;
  const rng = new Rng(opts.seed ^ 0x5eed1234);
  // The optional columns' own stream: drawing from it leaves the default columns' stream as it was.
  const rng2 = new Rng(Math.imul(opts.seed ^ 0x0b7e0c01, 0x9e3779b1) ^ 0x2545f491);
  const muns = municipalities(nMun, nSrc);
  const munCum = cumulative(muns.map((m) => m.weight));
  const bySource: number[][] = Array.from({ length: nSrc }, () => []);
  muns.forEach((m, j) => bySource[m.source].push(j));

  // Codes by group.
  const codeIdx = (pred: (c: Code) => boolean): number[] => CODES.flatMap((c, i) => (pred(c) ? [i] : []));
  const ggzCodes = codeIdx((c) => c.cat === 'ggz' && c.mapped);
  const ggzCum = cumulative(ggzCodes.map((i) => CODES[i].w));
  const otherCats = Object.keys(NON_GGZ_CAT_WEIGHT) as Exclude<Cat, 'ggz'>[];
  const otherCatCum = cumulative(otherCats.map((c) => NON_GGZ_CAT_WEIGHT[c]));
  const otherCodes = otherCats.map((cat) => codeIdx((c) => c.cat === cat && c.mapped));
  const otherCodeCum = otherCodes.map((cs) => cumulative(cs.map((i) => CODES[i].w)));
  const unmapped = codeIdx((c) => !c.mapped);
  const codeBytes = new ByteTable(CODES.map((c) => c.code));
  const ijwBytes = new ByteTable(CODES.map((c) => c.ijw));

  // Date spellings, precomputed over the whole range any row can reach (birth dates from Y-26 on).
  const yearLo = Y - 26;
  const dayLo = dayOf(yearLo, 1, 1);
  const dayHi = dayOf(Y + 8, 12, 31);
  const nDays = dayHi - dayLo + 1;
  const iso: string[] = [];
  const dmy: string[] = [];
  for (let i = 0; i < nDays; i++) {
    const [y, m, d] = civil(dayLo + i);
    iso.push(`${y}-${p2(m)}-${p2(d)}`);
    dmy.push(`${p2(d)}-${p2(m)}-${y}`);
  }
  for (let i = 0; i < nDays; i++) {
    const [y, m, d] = civil(dayLo + i);
    iso.push(`${y}-${p2(m)}-${p2(d)} 00:00:00`);
    dmy.push(`${d}-${m}-${y}`);
  }
  const quote = (s: string, delim: string): string =>
    s.includes(delim) || s.includes('"') ? '"' + s.replace(/"/g, '""') + '"' : s;
  const badBirth = (f: (y: number) => string): ByteTable =>
    new ByteTable([...Array.from({ length: Y + 3 - yearLo + 1 }, (_, k) => f(yearLo + k)), 'onbekend']);
  const styles: Style[] = [
    {
      // Semicolons, Dutch dates (1 in 16 unpadded), municipality as 363 or 0363, Windows line ends.
      delim: 59,
      eol: new ByteTable(['\r\n']),
      gmForms: 2,
      gmTable: new ByteTable(muns.flatMap((m) => [String(m.gm), String(m.gm).padStart(4, '0')])),
      variant: 4,
      dateTable: new ByteTable(dmy),
      badBirth: badBirth((y) => `31-02-${y}`),
      providers: new ByteTable(PROVIDERS.map((p) => quote(p, ';'))),
    },
    {
      // Commas, ISO dates (1 in 32 with a time of day), municipality as GM0363.
      delim: 44,
      eol: new ByteTable(['\n']),
      gmForms: 1,
      gmTable: new ByteTable(muns.map((m) => m.code)),
      variant: 2,
      dateTable: new ByteTable(iso),
      badBirth: badBirth((y) => `${y}-02-31`),
      providers: new ByteTable(PROVIDERS.map((p) => quote(p, ','))),
    },
  ];
  // Clean: commas, LF, ISO dates without a time of day, municipality as GM0363, in every file.
  const cleanStyle: Style = { ...styles[1], variant: 0 };
  const referrerBytes = new ByteTable(REFERRERS.flat());
  // The spelling of a referrer group on 6 random bits: entry of referrerBytes at (group << 6) | bits.
  // A known group: 44 in 64 the code, 8 in 64 without its leading zero, 12 in 64 one of its names;
  // the unknown group: each of its entries alike.
  const referrerSpelling = new Uint8Array(REFERRERS.length << 6);
  REFERRERS.reduce((at, spellings, g) => {
    for (let k = 0; k < 64; k++) {
      const unknown = g === REFERRERS.length - 1;
      referrerSpelling[(g << 6) | k] = at + (unknown ? k % spellings.length : k < 44 ? 0 : k < 52 ? 1 : 2 + (k % (spellings.length - 2)));
    }
    return at + spellings.length;
  }, 0);
  const referrerPick = (w: readonly number[]): Uint8Array =>
    pick1024([...w.map((x) => (x * (1 - Q.referrerUnknown)) / w.reduce((a, b) => a + b, 0)), Q.referrerUnknown]);
  const referrerPicks = { other: referrerPick(Q.referrer.other), jb: referrerPick(Q.referrer.jeugdbescherming), jr: referrerPick(Q.referrer.jeugdreclassering) };
  const referrerByCode = CODES.map((c) =>
    c.cat === 'jeugdbescherming' ? referrerPicks.jb : c.cat === 'jeugdreclassering' ? referrerPicks.jr : referrerPicks.other);
  const SAME_REFERRER_1024 = Math.round(Q.sameReferrerFirstDay * 1024);
  const reasonPick = Uint8Array.from(pick1024(Q.reason), (k) => REASONS[k]);
  const agePick = pick1024(Q.age);
  const BIRTH_MISSING_4096 = Math.round(Q.birthMissing * 4096);
  const BIRTH_BAD_4096 = Math.round((Q.birthMissing + Q.birthUnreadable) * 4096);
  const SEX_UNKNOWN_1024 = Math.round(Q.sexUnknown * 1024);
  const MAN_1024 = SEX_UNKNOWN_1024 + Math.round((1 - Q.sexUnknown) * Q.man * 1024);
  const HEX = Buffer.from('0123456789abcdef', 'latin1');
  const key = new Uint8Array(16);
  const keyView = new DataView(key.buffer);

  // Outputs
  const inputs: string[] = [];
  const outs: Out[] = [];
  const srcStyle: Style[] = [];
  for (let s = 0; s < nSrc; s++) {
    const st = clean ? cleanStyle : styles[s % styles.length];
    const path = join(dir, `toewijzingen_${String.fromCharCode(97 + (s % 26))}${s >= 26 ? s : ''}.csv`);
    inputs.push(path);
    const out = new Out(createWriteStream(path));
    outs.push(out);
    srcStyle.push(st);
    const header = ['client_id', 'gemeente', 'productcode', 'productcategorie', 'begindatum', 'einddatum', 'toewijzingnummer', 'aanbieder'];
    if (!clean) header.push('geboortedatum', 'geslacht', 'verwijzer', 'reden_beeindiging');
    out.put(new ByteTable([header.join(String.fromCharCode(st.delim))]), 0);
    out.put(st.eol, 0);
  }
  const ROW_MAX = 512; // (and the 3 bytes a word copy may write past a row)
  const LIMIT = Out.CHUNK - 2 * ROW_MAX;

  // Per-client scratch
  const MAXP = 8;
  const pStart = new Int32Array(MAXP);
  const pEnd = new Int32Array(MAXP); // -1 = open
  const pMun = new Int32Array(MAXP);
  const pCode = new Int32Array(MAXP);
  const pAlloc = new Int32Array(MAXP); // -1 = no allocation number
  const pProv = new Int32Array(MAXP);
  const pRef = new Int32Array(MAXP); // referrer group (REFERRERS)
  const pReason = new Int32Array(MAXP); // JZ588 code (0: none), written when the row is closed

  const yStart = dayOf(Y, 1, 1);
  const y1Start = dayOf(Y + 1, 1, 1);
  const firstDay = dayOf(Y - 2, 1, 1);
  const lastStart = dayOf(Y + 2, 12, 31);
  const ppcCum = cumulative(P.productsPerClient);
  let allocSeq = 0;
  let rows = 0;

  const pickDuration = (): number => {
    const r = rng.next();
    if (r < 0.4) return rng.int(14, 90);
    if (r < 0.78) return rng.int(91, 300);
    if (r < 0.93) return rng.int(301, 730);
    return rng.int(731, 1100);
  };
  const pickGap = (): number => {
    const r = rng.next();
    if (r < 0.35) return rng.int(29, 32); // around the 30-day rule
    if (r < 0.65) return rng.int(1, 28);
    return 33 + Math.floor(Math.pow(rng.next(), 2) * 500);
  };
  const pickCode = (j: number): number => {
    if (rng.next() < UNMAPPED_SHARE) return unmapped[rng.int(0, unmapped.length - 1)];
    if (rng.next() < muns[j].ggzShare) return ggzCodes[pick(ggzCum, rng.next())];
    const g = pick(otherCatCum, rng.next());
    return otherCodes[g][pick(otherCodeCum[g], rng.next())];
  };

  // The client's birth date and sex (a SEXES byte), set per client below.
  let birth = -1; // day; -1 missing, -2 unreadable (spelled as badBirth entry badAt)
  let badAt = 0;
  let sex = 0;
  // The optional columns' draws (functions of their own, like writeOptional, to keep the main loop small).
  /** Referrer and reason for ending of product i. */
  const drawProduct = (i: number): void => {
    // One draw: referrer (10 bits), reason for ending (10 bits), same referrer as on the first day (10 bits).
    const u = rng2.u32();
    pRef[i] = i > 0 && pStart[i] === pStart[0] && u >>> 22 < SAME_REFERRER_1024 ? pRef[0] : referrerByCode[pCode[i]][u & 1023];
    pReason[i] = reasonPick[(u >>> 10) & 1023];
  };
  /** Birth date and sex of the client whose products are in pStart. */
  const drawClient = (): void => {
    // One draw: missing or unreadable (12 bits), age (10 bits), sex (10 bits); a second: the day in the year.
    const u = rng2.u32();
    // Completed years on the first start day are exactly the age drawn: 2 .. 361 days past a birthday.
    birth = pStart[0] - Math.floor(agePick[(u >>> 12) & 1023] * 365.2425) - 2 - Math.floor(rng2.next() * 360);
    const rb = u & 4095;
    if (rb < BIRTH_MISSING_4096) birth = -1;
    else if (rb < BIRTH_BAD_4096) {
      // 31 February of the birth year (two in three) or `onbekend`.
      badAt = rng2.next() < 2 / 3 ? civil(birth)[0] - yearLo : Y + 4 - yearLo;
      birth = -2;
    }
    const rs = u >>> 22;
    sex = SEXES[rs < SEX_UNKNOWN_1024 ? 2 + (rs % 3) : rs < MAN_1024 ? 0 : 1];
  };
  /** The optional columns after the default ones; one draw of the second stream spells them. (A
   *  function of its own, so that V8 inlines the small writers here and in the main loop.) */
  const writeOptional = (o: Out, st: Style, g: number, reason: number): void => {
    const b2 = rng2.u32();
    const d = st.delim;
    o.byte(d);
    if (birth >= 0) o.put(st.dateTable, birth - dayLo + ((b2 & 63) < st.variant ? nDays : 0));
    else if (birth === -2) o.put(st.badBirth, badAt);
    o.byte(d);
    if (sex !== 0) o.byte(sex);
    o.byte(d);
    o.put(referrerBytes, referrerSpelling[(g << 6) | ((b2 >>> 6) & 63)]);
    o.byte(d);
    if (reason !== 0) {
      o.byte(48 + ((reason / 10) | 0));
      o.byte(48 + (reason % 10));
    }
  };

  for (let c = 0; c < opts.clients; c++) {
    const k1 = rng.u32();
    const k2 = rng.u32();
    for (let b = 0; b < 8; b++) {
      key[b] = HEX[(k1 >>> (28 - 4 * b)) & 15];
      key[8 + b] = HEX[(k2 >>> (28 - 4 * b)) & 15];
    }
    const home = pick(munCum, rng.next());
    const n = pick(ppcCum, rng.next()) + 1;
    // Movers: from some product on, another municipality exported in another file.
    let moveAt = MAXP;
    let moved = home;
    if (nSrc > 1 && n > 1 && rng.next() < P.mover) {
      moveAt = rng.int(1, n - 1);
      const others = bySource[(muns[home].source + rng.int(1, nSrc - 1)) % nSrc];
      moved = others[rng.int(0, others.length - 1)];
    }
    // First start: half of the clients in Y, a quarter earlier (some still running in Y), a quarter later.
    const r0 = rng.next();
    let start =
      r0 < 0.5 ? yStart + rng.int(0, y1Start - yStart - 1)
      : r0 < 0.75 ? firstDay + rng.int(0, yStart - firstDay - 1)
      : y1Start + rng.int(0, lastStart - y1Start);
    let maxEnd = -1; // latest end of the client's closed products so far
    let anyOpen = false;
    let np = 0;
    for (let i = 0; i < n; i++) {
      if (i > 0) {
        const prevS = pStart[i - 1];
        const prevE = pEnd[i - 1];
        const r = rng.next();
        if (r < (i === 1 ? P.sameFirstDay : 0.04)) start = prevS; // same day as the previous product
        else if (r < 0.24 && prevE >= 0) start = prevS + rng.int(0, prevE - prevS); // nested or overlapping
        else if (anyOpen) start = prevS + rng.int(20, 500);
        else start = maxEnd + pickGap();
      }
      if (start > lastStart) break;
      let end: number;
      if (rng.next() < P.open) end = -1;
      else if (i > 0 && pEnd[i - 1] >= start && rng.next() < 0.5) end = start + rng.int(0, pEnd[i - 1] - start); // nested
      else end = start + pickDuration() - 1;
      pStart[i] = start;
      pEnd[i] = end;
      pMun[i] = i >= moveAt ? moved : home;
      pCode[i] = pickCode(pMun[i]);
      pAlloc[i] = rng.next() < P.noAllocationNumber ? -1 : 40_000_000 + allocSeq++;
      pProv[i] = rng.int(0, PROVIDERS.length - 1);
      if (!clean) drawProduct(i);
      if (end < 0) anyOpen = true;
      else if (end > maxEnd) maxEnd = end;
      np++;
    }
    if (!clean) drawClient();
    // Rows: products in order, a duplicate right after its original; re-issued versions and invalid
    // rows at the end of the client's block (later in the file than the version they replace).
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < np; i++) {
        const j = pMun[i];
        const s = muns[j].source;
        const st = srcStyle[s];
        const o = outs[s];
        let end = pEnd[i];
        let alloc = pAlloc[i];
        const startDay = pStart[i];
        let invalid = false;
        if (pass === 1) {
          const r = rng.next();
          if (r < P.reissue) {
            if (alloc < 0) continue;
            // A new version of the allocation: same number, the end changed.
            end = end < 0 ? startDay + rng.int(30, 700) : rng.next() < 0.3 ? -1 : Math.max(startDay, end + rng.int(-60, 365));
            if (end === pEnd[i]) end += 1;
          } else if (r < P.reissue + P.invalid * 0.96) {
            // (per product, so ~0.2% of rows)
            // A row whose end lies before its start, with its own allocation number.
            end = startDay - rng.int(1, 60);
            alloc = 90_000_000 + allocSeq++;
            invalid = true;
          } else continue;
        }
        // One draw decides the row's spelling: municipality form, date forms, empty iJw category, duplicate.
        const bits = rng.u32();
        if (invalid && clean) continue; // clean: no row the reader rejects (drawn all the same, so the rest stays)
        const d = st.delim;
        const rowStart = o.pos;
        o.put16(keyView);
        o.byte(d);
        o.put(st.gmTable, st.gmForms === 1 ? j : 2 * j + (bits & 1));
        o.byte(d);
        o.put(codeBytes, pCode[i]);
        o.byte(d);
        if (((bits >>> 13) & 255) >= EMPTY_IJW_256) o.put(ijwBytes, pCode[i]);
        o.byte(d);
        o.put(st.dateTable, startDay - dayLo + (((bits >>> 1) & 63) < st.variant ? nDays : 0));
        o.byte(d);
        if (end >= 0) o.put(st.dateTable, end - dayLo + (((bits >>> 7) & 63) < st.variant ? nDays : 0));
        o.byte(d);
        if (alloc >= 0) o.int(alloc);
        o.byte(d);
        o.put(st.providers, pProv[i]);
        if (!clean) writeOptional(o, st, pRef[i], end >= 0 ? pReason[i] : 0);
        o.put(st.eol, 0);
        rows++;
        if (pass === 0 && bits >>> 21 < DUPLICATE_2048) {
          o.repeat(rowStart);
          rows++;
        }
        if (o.pos > LIMIT) await o.flushIfAbove(0); // no await per row: a resolved await still costs a tick
      }
    }
  }
  for (const o of outs) await o.end();

  // Mapping table (SPEC 9): one unscoped row per known code, plus scoped rows.
  const ymd = (y: number, m: number, d: number): string => `${y}-${p2(m)}-${p2(d)}`;
  const codeRows: string[][] = [];
  for (const c of CODES) if (c.mapped) codeRows.push([c.code, c.cat, c.sub, c.ijw, '', '', '', '']);
  const region1 = muns[Math.min(1, muns.length - 1)].region;
  // Municipality-scoped: in the first municipality vaktherapie is mental-health care; in the third
  // crisis care 46A02 is a crisis placement (verblijf).
  codeRows.push(['45A52', 'ggz', '', '45', muns[0].code, '', '', '']);
  codeRows.push(['46A02', 'verblijf_non_ggz', '', '46', muns[Math.min(2, muns.length - 1)].code, '', '', '']);
  // Region-scoped: in the second region day treatment 41A03 is GGZ day treatment.
  codeRows.push(['41A03', 'ggz', '', '41', '', region1, '', '']);
  // Validity-scoped: from 1 July Y, maatwerk 50A01 is a parenting-support arrangement.
  codeRows.push(['50A01', 'ambulant_non_ggz', 'opvoed_woonbegeleiding', '50', '', '', ymd(Y, 7, 1), '']);
  const codes = join(dir, 'codes.csv');
  writeFileSync(
    codes,
    ['productcode,category,subcategory,productcategorie,gemeente,regio,geldig_vanaf,geldig_tot', ...codeRows.map((r) => r.join(','))].join('\n') + '\n',
  );
  const regions = join(dir, 'regions.csv');
  writeFileSync(regions, ['gemeente,regio', ...muns.map((m) => `${m.code},${m.region}`)].join('\n') + '\n');
  return { inputs, codes, regions, rows };
}
