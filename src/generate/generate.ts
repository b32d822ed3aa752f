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

import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { civil, cumulative, dayOf, p2, pick, pick1024, Rng } from './random.js';
import { CODES, municipalities, NON_GGZ_CAT_WEIGHT, P, PROVIDERS, Q, REASONS, REFERRERS, SEXES, UNMAPPED_SHARE, type Cat, type Code } from './world.js';
import { ByteTable, DUPLICATE_2048, EMPTY_IJW_256, Out, type Style } from './out.js';
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
