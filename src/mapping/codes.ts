// SPEC section 3: local product codes -> shared categories. The most specific matching row
// wins; unmatched codes may use their iJw product category; the rest is overig.
import { categoryIndex, FALLBACK_CATEGORY, SUBCATEGORIES, type CategoryIndex, type Day } from '../model.js';
import { MapStatus } from '../core/products.js';
import { compileDateFormat, parseDateString } from '../ingest/dates.js';
import { parseGemeente } from '../ingest/municipality.js';
import { readTable, requireColumns } from '../ingest/table.js';
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

export async function loadCodes(file: string): Promise<MappingRow[]> {
  const t = await readTable(file);
  requireColumns(t, ['productcode', 'category']);
  const auto = compileDateFormat('auto');
  const rows: MappingRow[] = [];
  for (const row of t.rows) {
    const where = `${file}:${row.line}`;
    const code = normaliseCode(row.get('productcode'));
    if (code === '') throw new Error(`${where}: column productcode is empty`);
    let cat: CategoryIndex;
    try {
      cat = categoryIndex(row.get('category'));
    } catch (e) {
      throw new Error(`${where}: column category: ${(e as Error).message}`);
    }
    const subText = row.get('subcategory');
    const sub = subText === '' ? -1 : (SUBCATEGORIES as readonly string[]).indexOf(subText);
    if (sub === -1 && subText !== '') {
      throw new Error(`${where}: column subcategory: unknown '${subText}' (expected ${SUBCATEGORIES.join(', ')} or empty)`);
    }
    const gmText = row.get('gemeente');
    const gm = gmText === '' ? -1 : parseGemeente(gmText);
    if (gmText !== '' && gm < 0) throw new Error(`${where}: column gemeente: '${gmText}' is not a municipality code`);
    const date = (column: string, missing: number): Day => {
      const text = row.get(column);
      if (text === '') return missing;
      const d = parseDateString(text, auto);
      if (d === -1) throw new Error(`${where}: column ${column}: '${text}' is not a date`);
      return d;
    };
    rows.push({ code, cat, sub, gm, regio: row.get('regio'), from: date('geldig_vanaf', -Infinity), to: date('geldig_tot', Infinity), line: row.line });
  }
  checkTies(file, rows);
  return rows;
}

/** Two rows that match the same products equally specifically must agree. */
function checkTies(file: string, rows: MappingRow[]): void {
  const seen = new Map<string, MappingRow>();
  for (const r of rows) {
    const key = `${r.code}|${r.gm}|${r.regio}|${r.from}|${r.to}`;
    const other = seen.get(key);
    if (other && (other.cat !== r.cat || other.sub !== r.sub)) {
      throw new Error(`${file}:${r.line}: code ${r.code} is mapped twice with the same scope and period but a different category (see line ${other.line})`);
    }
    seen.set(key, r);
  }
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

  /** Category of a product with this (normalised) code, municipality, start day and iJw category. */
  resolve(code: string, gm: number, start: Day, productcategorie: string): Mapped {
    return this.resolveWith(this.byCode.get(code), gm, start, productcategorie);
  }

  /** resolve with the code's rules looked up already (the parse phase caches them per code). */
  resolveWith(rules: readonly MappingRow[] | undefined, gm: number, start: Day, productcategorie: string): Mapped {
    if (rules) {
      for (const r of rules) {
        if (r.gm >= 0 && r.gm !== gm) continue;
        if (r.regio !== '' && this.regionOf.get(gm) !== r.regio) continue;
        if (start < r.from || start > r.to) continue;
        let m = this.mapped.get(r);
        if (m === undefined) this.mapped.set(r, (m = { cat: r.cat, sub: r.sub, status: MapStatus.Mapped }));
        return m;
      }
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
