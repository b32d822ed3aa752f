// SPEC section 3: local product codes -> shared categories. The most specific matching row
// wins; unmatched codes may use their iJw product category; the rest is overig.
// The mapper runs in the workers; reading the table file is codes-file.ts (main thread only).
import { FALLBACK_CATEGORY, type CategoryIndex, type Day } from '../model/model.js';
import { MapStatus } from '../model/rows.js';
import { ijwFallback } from './ijw-fallback.js';

/** One mapping row, as plain data (it is sent to every worker). */
export interface MappingRow {
  code: string;
  cat: CategoryIndex;
  sub: number; // index into SUBCATEGORIES, -1 for none
  gm: number; // scope: municipality number, or -1
  regio: string; // scope: region name, or ''
  from: Day; // -Infinity when not given
  to: Day; // +Infinity when not given
  line: number;
}

export interface Mapped {
  cat: CategoryIndex;
  sub: number;
  status: MapStatus;
}

export const normaliseCode = (code: string): string => code.trim().toUpperCase();

const scopeRank = (r: MappingRow): number => (r.gm >= 0 ? 2 : r.regio !== '' ? 1 : 0);
const hasPeriod = (r: MappingRow): number => (r.from !== -Infinity || r.to !== Infinity ? 1 : 0);

/** Most specific first: municipality > region > none; with a period > without; later start first. */
function bySpecificity(a: MappingRow, b: MappingRow): number {
  return scopeRank(b) - scopeRank(a) || hasPeriod(b) - hasPeriod(a) || b.from - a.from;
}

export class CodeMapper {
  private readonly byCode = new Map<string, MappingRow[]>();
  /** Results are shared objects (one per rule, one per iJw category): no allocation per row. */
  private readonly mapped = new Map<MappingRow, Mapped>();
  private readonly fallback = new Map<string, Mapped>();

  constructor(rows: readonly MappingRow[], private readonly regionOf: ReadonlyMap<number, string>) {
    for (const r of rows) {
      const list = this.byCode.get(r.code);
      if (list) list.push(r);
      else this.byCode.set(r.code, [r]);
    }
    for (const list of this.byCode.values()) list.sort(bySpecificity);
  }

  /** The mapping rows of a (normalised) code, most specific first; undefined when none. */
  rulesFor(code: string): MappingRow[] | undefined {
    return this.byCode.get(code);
  }

  /** The mapping row that maps a product of the code's rules, municipality and start day: the most
   *  specific matching one; undefined when none does. */
  ruleFor(rules: readonly MappingRow[] | undefined, gm: number, start: Day): MappingRow | undefined {
    if (!rules) return undefined;
    for (const r of rules) {
      if (r.gm >= 0 && r.gm !== gm) continue;
      if (r.regio !== '' && this.regionOf.get(gm) !== r.regio) continue;
      if (start < r.from || start > r.to) continue;
      return r;
    }
    return undefined;
  }

  /** Category of a product with this (normalised) code, municipality, start day and iJw category. */
  resolve(code: string, gm: number, start: Day, productcategorie: string): Mapped {
    return this.resolveWith(this.byCode.get(code), gm, start, productcategorie);
  }

  /** resolve with the code's rules looked up already (the parse phase caches them per code). */
  resolveWith(rules: readonly MappingRow[] | undefined, gm: number, start: Day, productcategorie: string): Mapped {
    const r = this.ruleFor(rules, gm, start);
    if (r) {
      let m = this.mapped.get(r);
      if (m === undefined) this.mapped.set(r, (m = { cat: r.cat, sub: r.sub, status: MapStatus.Mapped }));
      return m;
    }
    if (productcategorie === '') return UNMAPPED;
    let m = this.fallback.get(productcategorie);
    if (m === undefined) {
      const f = ijwFallback(productcategorie);
      m = f ? { cat: f.cat, sub: f.sub ?? -1, status: MapStatus.Fallback } : UNMAPPED;
      this.fallback.set(productcategorie, m);
    }
    return m;
  }
}

const UNMAPPED: Mapped = { cat: FALLBACK_CATEGORY, sub: -1, status: MapStatus.Unmapped };
