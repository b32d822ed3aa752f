// `traject codes`: the list of product codes per municipality an analyst fills in. Checked by hand
// on a small data set (a CSV and a workbook): which codes, how many records, how each is mapped
// today, the order (unmapped first, most records first), the notes, and the round trip: filled in,
// the file reads back as a --codes table that gives the figures of the same rows written by hand
// into the mapping table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, type CliResult } from './cli-helpers.js';
import { tempDir } from './helpers.js';
import { ExcelJS } from './workbook-helpers.js';

const tmp = tempDir('traject-codes-');
afterAll(() => tmp.cleanup());

// Lines: 1 header, 2 G1, 3 A1, 4 P1 (GM0034, first half of 2021 only).
const CODES = 'productcode,category,subcategory,gemeente,geldig_vanaf,geldig_tot\nG1,ggz,,,,\nA1,ambulant_non_ggz,opvoed_woonbegeleiding,,,\nP1,verblijf_non_ggz,,GM0034,2021-01-01,2021-06-30\n';
tmp.file('codes.csv', CODES);

// GM0014 in a CSV: G1 x5, A1 x2, X9 x3 (iJw 54: ggz by the fallback), Z1 x4 (no category: unknown),
// and one row rejected (no start date), which is not counted.
const gm14 = ['client_id,gemeente,productcode,productcategorie,begindatum,einddatum'];
const add = (code: string, n: number, pcat = '', start = '2021-02-01') => {
  for (let i = 0; i < n; i++) gm14.push(`k${code}${i},GM0014,${code},${pcat},${start},2021-03-01`);
};
add('G1', 5);
add('A1', 2);
add('X9', 3, '54');
add('Z1', 4);
gm14.push('kbad,GM0014,Z1,,,2021-03-01');
tmp.file('gm14.csv', gm14.join('\n') + '\n');

const EXPECTED = [
  // productcode, gemeente, category, subcategory, geldig_vanaf, geldig_tot, how, mapping_line, records, productcategorie_seen
  ['Z1', 'GM0014', null, null, null, null, 'unknown', null, 4, null],
  ['X9', 'GM0014', 'ggz', null, null, null, 'ijw_fallback', null, 3, '54 (3)'],
  ['P1', 'GM0034', null, null, null, null, 'unknown', null, 1, null], // starts 2021-09-01, after the row's period
  ['G1', 'GM0014', 'ggz', null, null, null, 'mapping', 2, 5, null],
  ['A1', 'GM0014', 'ambulant_non_ggz', 'opvoed_woonbegeleiding', null, null, 'mapping', 3, 2, null],
  ['P1', 'GM0034', 'verblijf_non_ggz', null, '2021-01-01', '2021-06-30', 'mapping', 4, 2, null],
  ['G1', 'GM0034', 'ggz', null, null, null, 'mapping', 2, 1, null],
];

async function dataRows(file: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Codes')!;
  const out: unknown[][] = [];
  ws.eachRow((row, n) => { if (n > 3) out.push(Array.from({ length: 10 }, (_, i) => row.getCell(i + 1).value ?? null)); });
  return out;
}

let listing: CliResult;
beforeAll(async () => {
  // GM0034 in a workbook: P1 twice in the row's period, once after it; G1 once.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Export');
  ws.addRow(['client_id', 'gemeente', 'productcode', 'begindatum', 'einddatum']);
  ws.addRow(['p1', 34, 'P1', new Date(Date.UTC(2021, 2, 1)), null]);
  ws.addRow(['p2', 34, 'P1', new Date(Date.UTC(2021, 4, 1)), null]);
  ws.addRow(['p3', 34, 'P1', new Date(Date.UTC(2021, 8, 1)), null]);
  ws.addRow(['g1', 34, 'G1', new Date(Date.UTC(2021, 8, 1)), null]);
  await wb.xlsx.writeFile(join(tmp.dir, 'gm34.xlsx'));
  listing = await cli(['codes', '--input', 'gm14.csv', 'gm34.xlsx', '--codes', 'codes.csv', '--out', 'codes-todo.xlsx'], { cwd: tmp.dir });
});

describe('traject codes', () => {
  it('lists every code per municipality with its records and how it is mapped, unmapped first', async () => {
    expect(listing.stderr).toBe('');
    expect(listing.code).toBe(0);
    expect(listing.stdout).toContain('gm14.csv: 15 rows read = 14 accepted + 1 rejected (allocations)');
    expect(listing.stdout).toContain('gm34.xlsx, sheet Export: 4 rows read = 4 accepted + 0 rejected (allocations)');
    expect(listing.stdout).toContain('codes-todo.xlsx: 7 codes in 2 municipalities; 3 without a mapping row (1 with an iJw suggestion, 2 to fill in); for your own use, not for publication (counts are records)');
    expect(await dataRows(join(tmp.dir, 'codes-todo.xlsx'))).toEqual(EXPECTED);
  });

  it('says in the file that it is for the analyst\'s own use and that the counts are records', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(tmp.dir, 'codes-todo.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Codes', 'Toelichting']);
    const ws = wb.getWorksheet('Codes')!;
    expect(String(ws.getCell('A1').value)).toMatch(/voor eigen gebruik van de analist, niet voor publicatie\. De aantallen \(records\) zijn rijen van de invoer, geen jongeren/);
    expect(ws.getRow(3).values).toEqual([undefined, 'productcode', 'gemeente', 'category', 'subcategory', 'geldig_vanaf', 'geldig_tot', 'how', 'mapping_line', 'records', 'productcategorie_seen']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getCell('C4').dataValidation).toMatchObject({ type: 'list' });
    expect(String(wb.getWorksheet('Toelichting')!.getCell('A1').value)).toMatch(/voor eigen gebruik/);
  });

  it('does not replace an existing file without --force, and writes only .xlsx', async () => {
    const first = await cli(['codes', '--input', 'gm14.csv', '--out', 'forced.xlsx', '-q'], { cwd: tmp.dir });
    expect(first.code).toBe(0);
    const again = await cli(['codes', '--input', 'gm14.csv', '--out', 'forced.xlsx'], { cwd: tmp.dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('traject: --out forced.xlsx: the file exists (it may hold categories you filled in); choose another name, or replace it with --force\n');
    expect((await cli(['codes', '--input', 'gm14.csv', '--out', 'todo.csv'], { cwd: tmp.dir })).stderr).toContain('expected a workbook name ending in .xlsx');
    expect((await cli(['codes', '--input', 'gm14.csv', '--out', 'forced.xlsx', '--force', '-q'], { cwd: tmp.dir })).code).toBe(0);
  });

  it('filled in, reads back as a --codes table: every code mapped, the figures of the same rows added by hand', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(tmp.dir, 'codes-todo.xlsx'));
    const ws = wb.getWorksheet('Codes')!;
    const fill: Record<string, string> = { 'Z1 GM0014': 'jeugdbescherming', 'P1 GM0034': 'overig_multidisciplinair' };
    ws.eachRow((row, n) => {
      if (n > 3 && row.getCell(3).value === null) row.getCell(3).value = fill[`${row.getCell(1).value} ${row.getCell(2).value}`];
    });
    await wb.xlsx.writeFile(join(tmp.dir, 'filled.xlsx'));
    // An unfilled row is named by its row.
    const unfilled = await cli(['analyse', '--input', 'gm14.csv', '--codes', 'codes-todo.xlsx', '--year', '2021', '--out', 'out-unfilled'], { cwd: tmp.dir });
    expect(unfilled.code).toBe(1);
    expect(unfilled.stderr).toContain('codes-todo.xlsx, sheet Codes, row 4: column category is empty (fill in one of ambulant_non_ggz, ggz,');

    const again = await cli(['codes', '--input', 'gm14.csv', 'gm34.xlsx', '--codes', 'filled.xlsx', '--out', 'again.xlsx', '-q'], { cwd: tmp.dir });
    expect(again.stderr).toBe('');
    const rows = await dataRows(join(tmp.dir, 'again.xlsx'));
    expect(rows.every((r) => r[6] === 'mapping')).toBe(true);
    const key = (r: unknown[]) => `${r[0]} ${r[1]} ${r[2] ?? fill[`${r[0]} ${r[1]}`]} ${r[8]}`;
    expect(rows.map(key).sort()).toEqual(EXPECTED.map(key).sort());

    // The same mapping by hand: the old table plus one municipality row per code filled in.
    tmp.file('by-hand.csv', CODES + 'Z1,jeugdbescherming,,GM0014,,\nX9,ggz,,GM0014,,\nP1,overig_multidisciplinair,,GM0034,,\n');
    const common = ['--input', 'gm14.csv', 'gm34.xlsx', '--year', '2021', '--disclosure', 'off', '-q'];
    expect((await cli(['analyse', ...common, '--codes', 'filled.xlsx', '--out', 'out-filled'], { cwd: tmp.dir })).stderr).toBe('');
    expect((await cli(['analyse', ...common, '--codes', 'by-hand.csv', '--out', 'out-hand'], { cwd: tmp.dir })).stderr).toBe('');
    expect(readFileSync(join(tmp.dir, 'out-filled/metrics.csv'), 'utf8')).toBe(readFileSync(join(tmp.dir, 'out-hand/metrics.csv'), 'utf8'));
    // And by hand: 14 youths start in 2021 in GM0014 (G1 x5 and X9 x3: 8 ggz; Z1 x4: jeugdbescherming;
    // A1 x2); 4 in GM0034, of whom p3 (P1 after the period) is overig.
    const m = readFileSync(join(tmp.dir, 'out-filled/metrics.csv'), 'utf8');
    expect(m).toContain('municipality,GM0014,allocations,2021,30,,,start_category_any,jeugdbescherming,,4,14,');
    expect(m).toContain('municipality,GM0014,allocations,2021,30,,,start_category_any,ggz,,8,14,');
    expect(m).toContain('municipality,GM0034,allocations,2021,30,,,start_category_any,overig_multidisciplinair,,1,4,');
  });
});
