// The region table (SPEC section 9): gemeente -> regio.
import { gmLabel } from '../model/model.js';
import { parseGemeente } from '../read/municipality.js';
import { readTable, requireColumns } from '../read/table.js';

export async function loadRegions(file: string): Promise<Map<number, string>> {
  const t = await readTable(file, { required: ['gemeente', 'regio'] });
  requireColumns(t, ['gemeente', 'regio']);
  const out = new Map<number, string>();
  for (const row of t.rows) {
    const gm = parseGemeente(row.get('gemeente'));
    const regio = row.get('regio');
    if (gm < 0) throw new Error(`${t.at(row.line)}: column gemeente: '${row.get('gemeente')}' is not a municipality code (expected 363, 0363 or GM0363)`);
    if (regio === '') throw new Error(`${t.at(row.line)}: column regio is empty`);
    const before = out.get(gm);
    if (before !== undefined && before !== regio) {
      throw new Error(`${t.at(row.line)}: ${gmLabel(gm)} is in two regions ('${before}' and '${regio}')`);
    }
    out.set(gm, regio);
  }
  return out;
}
