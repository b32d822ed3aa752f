// Excel workbooks as input, end to end through the built CLI: title rows, Excel date cells, dates as
// text, municipality numbers, product codes without their leading zero, formula results, rich text,
// rejected rows named by their sheet row, sheets chosen and empty, merged header cells, content
// against file name, encrypted and damaged files, side tables as workbooks, and the figures of
// generated data read from workbooks equal to those read from the same data as CSV. Workbooks are
// made with exceljs (JSZip for the OpenDocument case); the expected figures are worked out by hand.
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../src/generate/generate.js';
import { cells, cli, CODES_CSV, csvObjects, manifestOf, metricsOf, REGIONS_CSV, traject } from './cli-helpers.js';
import { tempDir } from './helpers.js';
import { csvToWorkbook, ExcelJS } from './workbook-helpers.js';

const tmp = tempDir('traject-workbook-');
afterAll(() => tmp.cleanup());
const codes = tmp.file('codes.csv', CODES_CSV + '01234,ggz,\n');
const regions = tmp.file('regions.csv', REGIONS_CSV);
const run = (args: string[], out: string) => cli(['analyse', ...args, '--year', '2021', '--out', join(tmp.dir, out), '--workers', '2'], { cwd: tmp.dir });
/** stderr without the progress lines a slow run prints every 2 s. */
const problems = (s: string) => s.split('\n').filter((l) => l !== '' && !/^traject: read [\d,]+ rows/.test(l)).join('\n');
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

const HEADER = ['client_id', 'gemeente', 'productcode', 'productcategorie', 'begindatum', 'einddatum', 'toewijzingnummer'];

// The sheet (row numbers as Excel shows them) and the same data as a CSV export would hold it.
// Rows 1-2 are titles, row 3 is empty, row 4 is the header.
const SHEET_ROWS: { row: number; cells: unknown[]; csv: string }[] = [
  { row: 5, cells: ['c01', 14, 'G1', null, utc(2021, 3, 1), utc(2021, 4, 30), 'T1'], csv: 'c01,GM0014,G1,,2021-03-01,2021-04-30,T1' }, // date cells, municipality number
  { row: 6, cells: ['c02', '0034', 'A1', null, '01-03-2021', '2021-05-31', 'T2'], csv: 'c02,0034,A1,,01-03-2021,2021-05-31,T2' }, // dates as text
  { row: 7, cells: ['c03', 'GM0034', 'V1', null, '1-3-2021', 20210630, 'T3'], csv: 'c03,GM0034,V1,,1-3-2021,20210630,T3' }, // d-M-yyyy, a yyyyMMdd number
  { row: 8, cells: ['c04', 363, 'J1', null, 44256, null, 'T4'], csv: 'c04,363,J1,,2021-03-01,,T4' }, // a date serial without date format; open end
  { row: 9, cells: ['c05', 14, { formula: 'CONCAT("G","1")', result: 'G1' }, null, utc(2021, 6, 1), { formula: 'DATE(2021,7,1)', result: 44378 }, 'T5'], csv: 'c05,14,G1,,2021-06-01,2021-07-01,T5' }, // formulas by their result
  { row: 10, cells: ['c06', 14, 1234, '45', utc(2021, 2, 1), utc(2021, 2, 28), 'T6'], csv: 'c06,14,1234,45,2021-02-01,2021-02-28,T6' }, // a code that lost its zero
  { row: 11, cells: [{ richText: [{ text: 'c0' }, { font: { bold: true }, text: '7' }] }, 34, 'G1', null, utc(2021, 8, 1), utc(2021, 8, 15), 'T7'], csv: 'c07,34,G1,,2021-08-01,2021-08-15,T7' }, // rich text
  { row: 12, cells: ['c08', 14, 'G1', null, utc(2021, 3, 10), utc(2021, 3, 1), 'T8'], csv: 'c08,14,G1,,2021-03-10,2021-03-01,T8' }, // end before start
  { row: 13, cells: ['c09', 'XX', 'G1', null, utc(2021, 3, 10), null, 'T9'], csv: 'c09,XX,G1,,2021-03-10,,T9' }, // bad municipality
  { row: 14, cells: ['c10', 14, 'G1', null, 'soon', null, 'T10'], csv: 'c10,14,G1,,soon,,T10' }, // unreadable start
  { row: 15, cells: ['c11', 14, 'G1', null, utc(2021, 3, 1), null, 'T11', 'extra'], csv: 'c11,14,G1,,2021-03-01,,T11,extra' }, // a value right of the header
];

async function handWorkbook(file: string, opts: { before?: string[]; name?: string } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const n of opts.before ?? []) wb.addWorksheet(n);
  const ws = wb.addWorksheet(opts.name ?? 'Toewijzingen');
  ws.getRow(1).values = ['Toewijzingen jeugdhulp 2021'];
  ws.getRow(2).values = ['Gemeente Noord, export van 12-01-2023'];
  ws.getRow(4).values = HEADER;
  for (const r of SHEET_ROWS) {
    const row = ws.getRow(r.row);
    row.values = r.cells as ExcelJS.CellValue[];
    [5, 6].forEach((c) => { if (r.cells[c - 1] instanceof Date) row.getCell(c).numFmt = 'dd-mm-yyyy'; });
  }
  const path = join(tmp.dir, file);
  await wb.xlsx.writeFile(path);
  return path;
}

const profile = tmp.file('p.json', JSON.stringify({ productcodeLength: 5 }));
let xlsx = '';
let csv = '';
beforeAll(async () => {
  xlsx = await handWorkbook('export.xlsx');
  csv = tmp.file('export.csv', [HEADER.join(','), ...SHEET_ROWS.map((r) => r.csv)].join('\n') + '\n');
});

describe('a workbook export as --input', () => {
  it('reads title rows, Excel dates, dates as text, municipality numbers, formulas and rich text as the same data as CSV', async () => {
    const a = await run(['--input', xlsx, '--codes', codes, '--regions', regions, '--profile', profile, '--disclosure', 'off'], 'out-x');
    expect(problems(a.stderr)).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('export.xlsx, sheet Toewijzingen: 11 rows read = 7 accepted + 4 rejected (allocations; 2 title rows above the header skipped)');
    const b = await run(['--input', csv, '--codes', codes, '--regions', regions, '--profile', profile, '--disclosure', 'off'], 'out-c');
    expect(b.code).toBe(0);
    expect(readFileSync(join(tmp.dir, 'out-x/metrics.csv'), 'utf8')).toBe(readFileSync(join(tmp.dir, 'out-c/metrics.csv'), 'utf8'));
    // By hand: the cohort is c01..c07 (every accepted product starts in 2021); GGZ starts: c01,
    // c05 (G1 from a formula), c06 (1234 read as 01234, mapped to ggz), c07 (a rich-text key).
    const rows = metricsOf(join(tmp.dir, 'out-x'));
    expect(cells(rows, { area: 'all', measure: 'cohort_youths' })?.[0]).toBe('7');
    expect(cells(rows, { area: 'all', measure: 'start_category_any', category: 'ggz' })?.slice(0, 2)).toEqual(['4', '7']);
    // Municipalities from 14, '0034', 'GM0034', 363 and 34.
    expect(cells(rows, { area: 'GM0014', measure: 'cohort_youths' })?.[0]).toBe('3'); // c01, c05, c06
    expect(cells(rows, { area: 'GM0034', measure: 'cohort_youths' })?.[0]).toBe('3'); // c02, c03, c07
    expect(cells(rows, { area: 'GM0363', measure: 'cohort_youths' })?.[0]).toBe('1'); // c04
    // c04's start is the serial 44256 = 1 March 2021, its end open: in care in 2022.
    expect(cells(rows, { area: 'GM0363', measure: 'in_care_next_year' })?.slice(0, 2)).toEqual(['1', '1']);
  });

  it('names every rejected row by its row in the sheet, in the terminal, rejects.csv and the manifest', async () => {
    const out = join(tmp.dir, 'out-x');
    const rejects = csvObjects(readFileSync(join(out, 'rejects.csv'), 'utf8')).map((r) => [r.file, r.line, r.column, r.reason]);
    expect(rejects).toEqual([
      [xlsx, '12', 'einddatum', 'end before start'],
      [xlsx, '13', 'gemeente', 'unknown municipality code format'],
      [xlsx, '14', 'begindatum', 'unparseable start date'],
      [xlsx, '15', '', 'wrong number of fields'],
    ]);
    const m = manifestOf(out);
    expect(m.inputs[0]).toMatchObject({ file: xlsx, sheet: 'Toewijzingen', titleRows: 2, read: 11, accepted: 7, rejected: 4 });
    expect(m.inputs[0].sha256).toBe(createHash('sha256').update(readFileSync(xlsx)).digest('hex'));
    expect(m.rejectsSummary.find((g: { reason: string }) => g.reason === 'end before start').first).toEqual([`${xlsx}, sheet Toewijzingen, row 12 (einddatum)`]);
    const strict = await run(['--input', xlsx, '--codes', codes, '--profile', profile, '--strict'], 'out-strict');
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(`(first: ${xlsx}, sheet Toewijzingen, row 12 column einddatum: end before start)`);
  });

  it('without productcodeLength, 1234 is read as it is (unmapped: its iJw category 45 gives ambulant)', async () => {
    const r = await run(['--input', xlsx, '--codes', codes, '--disclosure', 'off'], 'out-nopad');
    expect(r.code).toBe(0);
    const rows = metricsOf(join(tmp.dir, 'out-nopad'));
    expect(cells(rows, { area: 'all', measure: 'start_category_any', category: 'ggz' })?.[0]).toBe('3');
    expect(cells(rows, { area: 'all', measure: 'start_category_any', category: 'ambulant_non_ggz' })?.[0]).toBe('2'); // c02 (A1), c06
  });
});

describe('sheets', () => {
  let two = '';
  beforeAll(async () => { two = await handWorkbook('two.xlsx', { before: ['Leeg'] }); });

  it('an empty first sheet stops the run, naming the other sheets', async () => {
    const r = await run(['--input', two, '--codes', codes], 'out-empty');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`traject: ${two}, sheet Leeg: the sheet is empty (the workbook also has 'Toewijzingen': name the one to read with --sheet or the profile's "sheet")\n`);
  });

  it('--sheet, the profile\'s sheet and a run file\'s sources[].sheet choose the sheet; a missing one is named', async () => {
    const a = await run(['--input', two, '--codes', codes, '--sheet', 'toewijzingen', '-q'], 'out-sheet');
    expect(problems(a.stderr)).toBe('');
    expect(manifestOf(join(tmp.dir, 'out-sheet')).inputs[0]).toMatchObject({ sheet: 'Toewijzingen', read: 11, accepted: 7 });
    const p = tmp.file('sheet.json', JSON.stringify({ sheet: 'Toewijzingen', kind: 'allocations' }));
    expect((await run(['--input', two, '--codes', codes, '--profile', p, '-q'], 'out-psheet')).code).toBe(0);
    const rf = tmp.file('run.json', JSON.stringify({ sources: [{ path: 'two.xlsx', kind: 'allocations', sheet: 'Toewijzingen' }], codes: 'codes.csv' }));
    const viaRunFile = await cli(['analyse', '--run', rf, '--year', '2021', '--out', join(tmp.dir, 'out-rsheet'), '-q'], { cwd: tmp.dir });
    expect({ code: viaRunFile.code, problems: problems(viaRunFile.stderr) }).toEqual({ code: 0, problems: '' });
    const missing = await run(['--input', two, '--codes', codes, '--sheet', 'Blad9'], 'out-missing');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`traject: ${two}: no sheet named 'Blad9' (the workbook has 'Leeg', 'Toewijzingen'); name one with --sheet or the profile's "sheet"\n`);
  });

  it('a header over two rows with merged cells is one header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Export');
    ws.getRow(1).values = ['Cliëntnummer', 'Gemeente', 'Productcode', 'Periode', null];
    ws.getRow(2).values = [null, null, null, 'Begindatum', 'Einddatum'];
    for (const r of ['A1:A2', 'B1:B2', 'C1:C2', 'D1:E1']) ws.mergeCells(r);
    ws.getRow(3).values = ['m1', 14, 'G1', utc(2021, 3, 1), utc(2021, 3, 31)];
    ws.getRow(4).values = ['m2', 14, 'A1', utc(2021, 5, 1), utc(2021, 4, 1)];
    const file = join(tmp.dir, 'merged.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await run(['--input', file, '--codes', codes, '--disclosure', 'off'], 'out-merged');
    expect(problems(r.stderr)).toBe('');
    expect(r.stdout).toContain('merged.xlsx, sheet Export: 2 rows read = 1 accepted + 1 rejected (allocations)');
    expect(csvObjects(readFileSync(join(tmp.dir, 'out-merged/rejects.csv'), 'utf8'))[0]).toMatchObject({ line: '4', column: 'Einddatum', reason: 'end before start' });
  });

  it('a sheet without the columns says which row it looked at, naming no cell value', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad1');
    ws.addRow(['Overzicht']);
    ws.addRow(['client_id', 'gemeente', 'productcode', 'begindatum']);
    ws.addRow(['secret-key-1', 14, 'G1', utc(2021, 3, 1)]);
    const file = join(tmp.dir, 'nocols.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await run(['--input', file, '--codes', codes], 'out-nocols');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^traject: .*nocols\.xlsx, sheet Blad1: missing column for end: .* no row of the first 3 has the columns; row 2 has: client_id, gemeente, productcode, begindatum;/);
    expect(r.stderr).not.toContain('secret-key-1');
  });
});

describe('what a file is, by its content', () => {
  it('a workbook named .csv is read as a workbook, a CSV named .xlsx as a CSV', async () => {
    copyFileSync(xlsx, join(tmp.dir, 'really-a-workbook.csv'));
    copyFileSync(csv, join(tmp.dir, 'really-a-csv.xlsx'));
    const r = await run(['--input', 'really-a-workbook.csv', 'really-a-csv.xlsx', '--codes', codes, '--profile', profile], 'out-names');
    expect(problems(r.stderr)).toBe('');
    expect(r.stdout).toContain('really-a-workbook.csv, sheet Toewijzingen: 11 rows read = 7 accepted + 4 rejected');
    expect(r.stdout).toContain('really-a-csv.xlsx: 11 rows read = 7 accepted + 4 rejected');
  });

  const refused = (name: string, bytes: Buffer) => {
    const file = tmp.file(name, bytes);
    // a process of its own: a damaged workbook can leave the reader waiting for data that never comes
    const r = traject(['analyse', '--input', file, '--codes', codes, '--year', '2021', '--out', join(tmp.dir, `out-${name}`), '--workers', '2'], { cwd: tmp.dir });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1); // one line, no stack trace
    expect(r.stderr).not.toMatch(/\n\s+at /);
    return r.stderr;
  };
  // A compound file (the container of .xls and of password-protected .xlsx) starts with its
  // signature; its directory names the streams in UTF-16. Just enough of one to be recognised.
  const compound = (stream: string) => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(512)]);

  it('refuses a password-protected workbook, an old .xls and an OpenDocument file with what they are', async () => {
    expect(refused('locked.xlsx', compound('EncryptedPackage'))).toContain('locked.xlsx: this is a password-protected (encrypted) Excel workbook, which traject cannot read');
    expect(refused('old.xls', compound('Workbook'))).toContain('old.xls: this is an old Excel 97-2003 workbook (.xls), which traject does not read; save it as an Excel workbook (.xlsx) or as CSV');
    const { default: JSZip } = await import('jszip');
    const z = new JSZip();
    z.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
    z.file('content.xml', '<office:document-content/>');
    expect(refused('sheet.ods', await z.generateAsync({ type: 'nodebuffer' }))).toContain('sheet.ods: this is an OpenDocument spreadsheet (.ods)');
  });

  it('refuses a workbook cut short or damaged, and a zip that is no workbook', async () => {
    const bytes = readFileSync(xlsx);
    expect(refused('cut.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)))).toContain('cut.xlsx: the workbook is damaged or incomplete');
    // Scramble the compressed data of the sheet (the largest part of the file).
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(bytes);
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('uint8array');
    const at = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 'xl/worksheets/sheet1.xml'.length + 40;
    const damaged = Buffer.from(bytes);
    for (let i = at; i < at + Math.min(200, sheet.length); i++) damaged[i] ^= 0x5a;
    expect(refused('damaged.xlsx', damaged)).toMatch(/damaged\.xlsx(, sheet Toewijzingen)?: the workbook is damaged/);
    const other = new JSZip();
    other.file('notes.txt', 'not a workbook');
    expect(refused('other.xlsx', await other.generateAsync({ type: 'nodebuffer' }))).toContain('other.xlsx: the workbook has no sheets');
  });
});

describe('side tables as workbooks', () => {
  it('a code table below a title row and a region table with municipality numbers give the same figures', async () => {
    const c = new ExcelJS.Workbook();
    const cs = c.addWorksheet('Codes');
    cs.addRow(['Mappingtabel regio Noord, versie 3']);
    cs.addRow(['productcode', 'category', 'subcategory']);
    for (const line of (CODES_CSV + '01234,ggz,\n').trim().split('\n').slice(1)) cs.addRow(line.split(',').map((v) => (v === '' ? null : v)));
    c.addWorksheet('Notities').addRow(['vrije tekst']);
    await c.xlsx.writeFile(join(tmp.dir, 'codes.xlsx'));
    const g = new ExcelJS.Workbook();
    const gs = g.addWorksheet('Regio');
    gs.addRow(['gemeente', 'regio']);
    for (const line of REGIONS_CSV.trim().split('\n').slice(1)) {
      const [gm, regio] = line.split(',');
      gs.addRow([Number(gm.slice(2)), regio]);
    }
    await g.xlsx.writeFile(join(tmp.dir, 'regions.xlsx'));
    const r = await run(['--input', xlsx, '--codes', 'codes.xlsx', '--regions', 'regions.xlsx', '--profile', profile, '--disclosure', 'off'], 'out-tables');
    expect(problems(r.stderr)).toBe('');
    expect(readFileSync(join(tmp.dir, 'out-tables/metrics.csv'), 'utf8')).toBe(readFileSync(join(tmp.dir, 'out-x/metrics.csv'), 'utf8'));
    // A mistake in a workbook table is named by its row.
    cs.addRow(['X9', 'gzz']);
    await c.xlsx.writeFile(join(tmp.dir, 'codes-bad.xlsx'));
    const bad = await run(['--input', xlsx, '--codes', 'codes-bad.xlsx'], 'out-badtable');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('codes-bad.xlsx, sheet Codes, row 8: column category: unknown category id');
  });
});

describe('generated data: workbooks and CSV give the same figures', () => {
  it('two sources in different shapes, tables as workbooks, disclosure on', async () => {
    const gen = await generate(join(tmp.dir, 'gen'), { clients: 1500, seed: 21, year: 2021, municipalities: 6, sources: 2 });
    const books: string[] = [];
    for (const [i, f] of gen.inputs.entries()) {
      const b = join(tmp.dir, `gen-${i}.xlsx`);
      await csvToWorkbook(f, b, { titles: ['Toewijzingen', `bron ${i}`] });
      books.push(b);
    }
    await csvToWorkbook(gen.codes, join(tmp.dir, 'gen-codes.xlsx'));
    await csvToWorkbook(gen.regions, join(tmp.dir, 'gen-regions.xlsx'));
    const a = await run(['--input', ...gen.inputs, '--codes', gen.codes, '--regions', gen.regions, '-q'], 'out-gen-csv');
    const b = await run(['--input', ...books, '--codes', 'gen-codes.xlsx', '--regions', 'gen-regions.xlsx', '-q'], 'out-gen-xlsx');
    expect(problems(a.stderr + b.stderr)).toBe('');
    for (const f of ['metrics.csv', 'comparisons.csv', 'metrics.json']) {
      expect(readFileSync(join(tmp.dir, 'out-gen-xlsx', f), 'utf8'), f).toBe(readFileSync(join(tmp.dir, 'out-gen-csv', f), 'utf8'));
    }
    const [mc, mx] = [manifestOf(join(tmp.dir, 'out-gen-csv')), manifestOf(join(tmp.dir, 'out-gen-xlsx'))];
    mx.inputs.forEach((s: { read: number; accepted: number; rejected: number; reasons: object }, i: number) => {
      expect([s.read, s.accepted, s.rejected, s.reasons]).toEqual([mc.inputs[i].read, mc.inputs[i].accepted, mc.inputs[i].rejected, mc.inputs[i].reasons]);
    });
    expect(mx.unmappedCodes).toEqual(mc.unmappedCodes);
  });
});
