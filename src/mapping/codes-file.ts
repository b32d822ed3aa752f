// Reads the code mapping table (SPEC 9) into plain rows for the CodeMapper. Main thread only:
// kept apart from codes.ts so that workers never load the CSV library.
import { CATEGORIES, categoryIndex, SUBCATEGORIES, type CategoryIndex, type Day } from '../model/model.js';
import { compileDateFormat, parseDateString } from '../read/dates.js';
import { parseGemeente } from '../read/municipality.js';
import { readTable, requireColumns, type Table } from '../read/table.js';
import { normaliseCode, type MappingRow } from './codes.js';

export async function loadCodes(file: string): Promise<MappingRow[]> {
  const t = await readTable(file, { required: ['productcode', 'category'], dates: ['geldig_vanaf', 'geldig_tot'] });
  requireColumns(t, ['productcode', 'category']);
  const auto = compileDateFormat('auto');
  const rows: MappingRow[] = [];
  for (const row of t.rows) {
    const where = t.at(row.line);
    const code = normaliseCode(row.get('productcode'));
    if (code === '') throw new Error(`${where}: column productcode is empty`);
    let cat: CategoryIndex;
    if (row.get('category') === '') throw new Error(`${where}: column category is empty (fill in one of ${CATEGORIES.join(', ')})`);
    try {
      cat = categoryIndex(row.get('category'));
    } catch (e) {
      throw new Error(`${where}: column category: ${(e as Error).message}`, { cause: e });
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
  checkTies(t, rows);
  return rows;
}

/** Two rows that match the same products equally specifically must agree. */
function checkTies(t: Table, rows: MappingRow[]): void {
  const seen = new Map<string, MappingRow>();
  for (const r of rows) {
    const key = `${r.code}|${r.gm}|${r.regio}|${r.from}|${r.to}`;
    const other = seen.get(key);
    if (other && (other.cat !== r.cat || other.sub !== r.sub)) {
      throw new Error(`${t.at(r.line)}: code ${r.code} is mapped twice with the same scope and period but a different category (see ${t.lineWord} ${other.line})`);
    }
    seen.set(key, r);
  }
}
