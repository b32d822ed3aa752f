// `traject codes`: every product code per municipality in the data, with how many records carry
// it and the category it gets today, and how (a mapping row, the iJw fallback, or unknown), for an
// analyst to complete the mapping table. Only the parse phase of a run, on the main thread: the
// same reading, row accounting and raw-BSN refusal as `analyse`, without stitching or figures.
import { gmLabel, type CategoryIndex, type Day } from '../model/model.js';
import { MapStatus } from '../model/rows.js';
import { RunError } from '../model/errors.js';
import type { RejectEntry, SourceAccount } from '../model/manifest.js';
import type { SourceSpec } from '../read/sources.js';
import { fileSha256 } from '../read/sources.js';
import { closeSources, openSources } from '../read/workbook-source.js';
import { CodeMapper, type MappingRow } from '../mapping/codes.js';
import { loadCodes } from '../mapping/codes-file.js';
import { ijwFallback } from '../mapping/ijw-fallback.js';
import { loadRegions } from '../mapping/regions.js';
import { ChunkParser, type RowSink } from '../normalise/normalise.js';
import { account, refuseRawBsns } from './accounting.js';
import { sourceChunks, type Parsed } from './read-sources.js';

export type CodeHow = 'mapping' | 'ijw_fallback' | 'unknown';

/** One code in one municipality, by how it is mapped (a code mapped by two rows of the table, for
 *  two periods, is two entries). */
export interface CodeUse {
  gemeente: string;
  code: string;
  how: CodeHow;
  /** The mapping row (how = mapping). */
  rule: MappingRow | null;
  /** The category it gets today: the mapping row's, the iJw fallback's suggestion, or null (unknown,
   *  counted as overig_multidisciplinair). */
  cat: CategoryIndex | null;
  sub: number;
  /** Accepted input records (rows), not products and not youths. */
  records: number;
  /** The iJw product categories of those records, with their counts. */
  productcategorie: Map<string, number>;
}

export interface CodesOptions {
  inputs: (string | SourceSpec)[];
  codes?: string;
  regions?: string;
  kind?: 'allocations' | 'claims';
  includePgb?: boolean;
  chunkBytes?: number;
}

export interface CodesResult {
  uses: CodeUse[];
  accounts: SourceAccount[];
  rejects: RejectEntry[];
  mappingRows: number;
}

/** Collects, per accepted row, what the code listing needs; resolved after the chunk is parsed
 *  (the chunk's dictionary of codes fills while it is parsed). */
class CodeSink implements RowSink {
  gm: number[] = [];
  start: Day[] = [];
  status: number[] = [];
  code: number[] = [];
  pcat: number[] = [];
  cat: number[] = [];
  write(_line: number, start: number, _end: number, gm: number, cat: number, mapStatus: number, code: number, pcat: number): void {
    this.gm.push(gm);
    this.start.push(start);
    this.status.push(mapStatus);
    this.code.push(code);
    this.pcat.push(pcat);
    this.cat.push(cat);
  }
}

export async function listCodes(opts: CodesOptions): Promise<CodesResult> {
  if (opts.inputs.length === 0) throw new RunError('no input files given (use --input a.csv b.xlsx)');
  const specs: SourceSpec[] = opts.inputs.map((i) => (typeof i === 'string' ? { path: i, kind: opts.kind } : i));
  const sources = await openSources(specs, opts.includePgb ?? false);
  try {
    const regionOf = opts.regions ? await loadRegions(opts.regions) : new Map<number, string>();
    const mapping = opts.codes ? await loadCodes(opts.codes) : [];
    const mapper = new CodeMapper(mapping, regionOf);
    const uses = new Map<string, CodeUse>();
    const parsed: Parsed[] = [];
    const sha256: string[] = [];
    for (const src of sources) {
      const parser = new ChunkParser(src.plan, mapper);
      let chunk = 0;
      for await (const c of sourceChunks(src, opts.chunkBytes ?? 4 << 20)) {
        const sink = new CodeSink();
        const result = parser.parse(c.buf, 0, c.length, sink);
        parsed.push({ source: src.plan.index, chunk: chunk++, result: { ...result, partitions: [] } });
        for (let i = 0; i < sink.gm.length; i++) {
          const code = result.dict.codes[sink.code[i]];
          const gm = sink.gm[i];
          const status = sink.status[i] as MapStatus;
          const rule = status === MapStatus.Mapped ? mapper.ruleFor(mapper.rulesFor(code), gm, sink.start[i]) ?? null : null;
          const key = `${gm}|${code}|${rule ? rule.line : 'u'}`;
          let u = uses.get(key);
          if (!u) {
            u = { gemeente: gmLabel(gm), code, how: rule ? 'mapping' : 'unknown', rule, cat: rule ? rule.cat : null, sub: rule ? rule.sub : -1, records: 0, productcategorie: new Map() };
            uses.set(key, u);
          }
          u.records++;
          const pc = result.dict.productcategorie[sink.pcat[i]];
          if (pc !== '') u.productcategorie.set(pc, (u.productcategorie.get(pc) ?? 0) + 1);
        }
      }
      sha256.push(fileSha256(src.plan.file));
    }
    const { accounts, rejects } = account(sources, { parsed, sha256 }, 0);
    refuseRawBsns(sources, { parsed });
    // Codes no row maps: the iJw fallback's suggestion from the most frequent product category
    // that has one (a code and municipality is one row, so that the table read back has one
    // category for it).
    for (const u of uses.values()) {
      if (u.how === 'mapping') continue;
      const byCount = [...u.productcategorie].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      for (const [pc] of byCount) {
        const f = ijwFallback(pc);
        if (f) {
          u.how = 'ijw_fallback';
          u.cat = f.cat;
          u.sub = f.sub ?? -1;
          break;
        }
      }
    }
    const order = (u: CodeUse) => (u.how === 'mapping' ? 1 : 0);
    const list = [...uses.values()].sort((a, b) => order(a) - order(b) || b.records - a.records || a.code.localeCompare(b.code) || a.gemeente.localeCompare(b.gemeente)
      || (a.rule?.line ?? 0) - (b.rule?.line ?? 0));
    return { uses: list, accounts, rejects, mappingRows: mapping.length };
  } finally {
    await closeSources(sources);
  }
}
