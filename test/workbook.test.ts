// The cell rules of src/read/workbook.ts (what text a cell becomes) and the file sniffing of
// src/read/sniff.ts, on values worked out by hand: Excel's day serials (1900 and 1904 systems),
// dates in a profile's format, numbers without exponent, formulas, rich text, errors.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cellText, dateWriter, findHeader, numberCell, openSheet, serialToDay, type SheetRow } from '../src/read/workbook.js';
import { sniffFile } from '../src/read/sniff.js';
import { daysFromCivil } from '../src/model/calendar.js';
import { tempDir } from './helpers.js';
import { ExcelJS } from './workbook-helpers.js';

const tmp = tempDir('traject-workbook-unit-');
afterAll(() => tmp.cleanup());
const day = (y: number, m: number, d: number) => daysFromCivil(y, m, d);

describe('Excel day serials', () => {
  it('1900 system: 1 is 1 January 1900, 60 the 29 February 1900 Excel counts, 61 is 1 March 1900, 44256 is 1 March 2021', () => {
    expect(serialToDay(1)).toBe(day(1900, 1, 1));
    expect(serialToDay(59)).toBe(day(1900, 2, 28));
    expect(serialToDay(61)).toBe(day(1900, 3, 1));
    expect(serialToDay(25569)).toBe(0); // 1970-01-01
    expect(serialToDay(44197)).toBe(day(2021, 1, 1));
    expect(serialToDay(44256)).toBe(day(2021, 3, 1));
    expect(serialToDay(44256.75)).toBe(day(2021, 3, 1)); // 18:00 the same day
  });
  it('1904 system: 0 is 1 January 1904, 42794 is 1 March 2021', () => {
    expect(serialToDay(0, true)).toBe(day(1904, 1, 1));
    expect(serialToDay(42794, true)).toBe(day(2021, 3, 1));
  });
});

describe('cell text', () => {
  const plain = { date: null, date1904: false };
  const iso = { date: dateWriter('auto'), date1904: false };
  const dutch = { date: dateWriter('dd-MM-yyyy'), date1904: false };
  it('numbers as plain digits, never an exponent', () => {
    expect(cellText(14, plain)).toBe('14');
    expect(cellText(1234, plain)).toBe('1234');
    expect(cellText(0.5, plain)).toBe('0.5');
    expect(cellText(-3, plain)).toBe('-3');
    expect(numberCell(1e21)).toBe('1000000000000000000000');
    expect(numberCell(1.5e-7)).toBe('0.00000015');
    expect(numberCell(123456789012)).toBe('123456789012');
  });
  it('in a date column: a serial as a date in the source\'s format, an eight-digit number as yyyyMMdd, a Date by its UTC day', () => {
    expect(cellText(44256, iso)).toBe('2021-03-01');
    expect(cellText(44256, dutch)).toBe('01-03-2021');
    expect(cellText(44256, { date: dateWriter('d-M-yyyy'), date1904: false })).toBe('1-3-2021');
    expect(cellText(42794, { date: dateWriter('auto'), date1904: true })).toBe('2021-03-01');
    expect(cellText(20210301, iso)).toBe('20210301');
    expect(cellText(new Date(Date.UTC(2021, 2, 1)), dutch)).toBe('01-03-2021');
    expect(cellText(new Date(Date.UTC(2021, 2, 1, 13, 30)), iso)).toBe('2021-03-01');
    expect(cellText('1-3-2021', dutch)).toBe('1-3-2021'); // text stays text, read by the CSV rules
  });
  it('formulas by their result, rich text joined, hyperlinks by their text, errors by their code, booleans', () => {
    expect(cellText({ formula: 'A1&"1"', result: 'G1' }, plain)).toBe('G1');
    expect(cellText({ sharedFormula: 'B2', result: 14 }, plain)).toBe('14');
    expect(cellText({ formula: 'DATE(2021,3,1)', result: 44256 }, iso)).toBe('2021-03-01');
    expect(cellText({ formula: 'X()' }, plain)).toBe(''); // no cached result
    expect(cellText({ richText: [{ text: 'Zorg ' }, { text: 'BV', font: { bold: true } }] }, plain)).toBe('Zorg BV');
    expect(cellText({ text: 'Accare', hyperlink: 'https://example.invalid' }, plain)).toBe('Accare');
    expect(cellText({ error: '#N/A' }, plain)).toBe('#N/A');
    expect(cellText(true, plain)).toBe('TRUE');
    expect(cellText(null, plain)).toBe('');
  });
});

describe('the header row', () => {
  const rows = (list: unknown[][]): AsyncIterator<SheetRow> => (async function* () {
    for (const [i, cells] of list.entries()) yield { row: i + 1, cells };
  })();
  const accepts = (names: string[]) => names.includes('a') && names.includes('b');
  it('is the first row the test accepts; rows above it are title rows', async () => {
    expect(await findHeader(rows([['Titel'], ['export 2023'], ['a', 'b', 'c'], ['1', '2', '3']]), accepts)).toEqual({ row: 3, names: ['a', 'b', 'c'], titleRows: 2 });
  });
  it('takes an empty cell from the row above (a cell merged over two rows), and then counts that row as header', async () => {
    expect(await findHeader(rows([['Titel'], ['a', 'Periode'], [null, 'b']]), accepts)).toEqual({ row: 3, names: ['a', 'b'], titleRows: 1 });
  });
  it('gives up after 50 rows', async () => {
    expect(await findHeader(rows([...Array.from({ length: 50 }, () => ['x']), ['a', 'b']]), accepts)).toBeNull();
  });
});

describe('openSheet', () => {
  it('streams the first visible sheet or the one named, skipping empty rows, with Excel\'s row numbers', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Verborgen', { state: 'hidden' }).addRow(['geheim']);
    const ws = wb.addWorksheet('Data');
    ws.getRow(2).values = ['a', 'b'];
    ws.getRow(5).values = [null, 'x'];
    wb.addWorksheet('Meer').addRow(['m']);
    const file = join(tmp.dir, 'sheets.xlsx');
    await wb.xlsx.writeFile(file);
    const s = await openSheet(file);
    expect([s.sheet, s.sheets]).toEqual(['Data', ['Verborgen', 'Data', 'Meer']]);
    const got: SheetRow[] = [];
    for await (const r of s.rows) got.push(r);
    expect(got).toEqual([{ row: 2, cells: ['a', 'b'] }, { row: 5, cells: [undefined, 'x'] }]);
    const m = await openSheet(file, ' meer ');
    expect(m.sheet).toBe('Meer');
    await m.close();
    await expect(openSheet(file, 'Geen')).rejects.toThrow(`${file}: no sheet named 'Geen' (the workbook has 'Verborgen', 'Data', 'Meer')`);
  });
});

describe('sniffFile', () => {
  it('tells a workbook from text by the bytes, whatever the name', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow(['x']);
    const file = join(tmp.dir, 'named.csv');
    await wb.xlsx.writeFile(file);
    expect(sniffFile(file)).toBe('xlsx');
    expect(sniffFile(tmp.file('text.xlsx', 'client_id,gemeente\n'))).toBe('text');
    expect(sniffFile(tmp.file('empty.csv', ''))).toBe('text'); // the CSV reader says it is empty
    expect(() => sniffFile(tmp.file('doc.pdf', '%PDF-1.7\n'))).toThrow('doc.pdf: this is a PDF document, not a CSV or Excel workbook');
  });
});
