// The workbook reader (src/read/xlsx-reader.ts through openSheet) on what broke exceljs's
// streaming reader: many sheets before the wanted one, sheets skipped while their shared strings
// come later in the zip, and parts stored in an unusual order; then its rows against those of an
// independent reader (exceljs's whole-file reader) on random workbooks written by exceljs, and the
// details of the format that exceljs does not write, on parts written by hand and zipped by JSZip.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { openSheet, WorkbookError, type SheetRow } from '../src/read/workbook.js';
import { mulberry32, tempDir } from './helpers.js';
import { ExcelJS } from './workbook-helpers.js';

const tmp = tempDir('traject-workbook-reader-');
afterAll(() => tmp.cleanup());

const HEADER = ['clientnummer', 'gemeente', 'productcode', 'begindatum', 'einddatum'];

async function readAll(file: string, sheet?: string): Promise<{ sheet: string; sheets: string[]; date1904: boolean; rows: SheetRow[] }> {
  const s = await openSheet(file, sheet);
  const rows: SheetRow[] = [];
  for await (const r of s.rows) rows.push(r);
  return { sheet: s.sheet, sheets: s.sheets, date1904: s.date1904, rows };
}

/** A workbook with `before` sheets of `rowsBefore` rows of text (shared strings) ahead of 'Target'. */
async function manySheets(file: string, before: number, rowsBefore: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (let i = 0; i < before; i++) {
    const ws = wb.addWorksheet(`S${i}`);
    for (let r = 0; r < rowsBefore; r++) ws.addRow([`blad ${i} rij ${r}`, r, `tekst ${r % 7}`]);
  }
  const ws = wb.addWorksheet('Target');
  ws.addRow(HEADER);
  ws.addRow(['c1', 14, 'G1', 44256, 44286]);
  const path = join(tmp.dir, file);
  await wb.xlsx.writeFile(path);
  return path;
}

const TARGET_ROWS: SheetRow[] = [
  { row: 1, cells: HEADER },
  { row: 2, cells: ['c1', 14, 'G1', 44256, 44286] },
];

describe('sheets before the wanted one', () => {
  it('30 small sheets before it: the wanted sheet is read (exceljs failed: "reading \'sheets\'")', async () => {
    const file = await manySheets('thirty.xlsx', 30, 1);
    const got = await readAll(file, 'Target');
    expect(got.sheets).toEqual([...Array.from({ length: 30 }, (_, i) => `S${i}`), 'Target']);
    expect(got.rows).toEqual(TARGET_ROWS);
  });

  it('skipping sheets whose strings come later in the zip, 50 times over, never fails (exceljs unlinked its temp files under a pending read)', async () => {
    const file = await manySheets('skipped.xlsx', 4, 200);
    for (let i = 0; i < 50; i++) expect((await readAll(file, 'Target')).rows).toEqual(TARGET_ROWS);
    // And a skipped sheet, read by name, is all there.
    const s2 = await readAll(file, 'S2');
    expect(s2.rows).toHaveLength(200);
    expect(s2.rows[199]).toEqual({ row: 200, cells: ['blad 2 rij 199', 199, 'tekst 3'] });
  });

  it('a zip with the sheets first and the workbook, its relationships and the shared strings last reads the same', async () => {
    const file = await manySheets('order.xlsx', 2, 3);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    const last = (n: string) => /sharedStrings|workbook\.xml|_rels|Content_Types/.test(n);
    const order = [...names.filter((n) => !last(n)).reverse(), ...names.filter(last).reverse()];
    const out = new JSZip();
    for (const n of order) out.file(n, await zip.file(n)!.async('uint8array'), { compression: 'DEFLATE' });
    const moved = tmp.file('moved.xlsx', await out.generateAsync({ type: 'nodebuffer' }));
    const stored = Object.keys((await JSZip.loadAsync(await out.generateAsync({ type: 'nodebuffer' }))).files);
    expect(stored.at(-1)).toBe('[Content_Types].xml');
    expect(stored.indexOf('xl/sharedStrings.xml')).toBeGreaterThan(stored.indexOf('xl/worksheets/sheet3.xml'));
    for (const sheet of ['Target', 'S1']) expect(await readAll(moved, sheet)).toEqual(await readAll(file, sheet));
    expect((await readAll(moved, 'Target')).rows).toEqual(TARGET_ROWS);
  });
});

// ---------------------------------------------------------------------------------------------
// Against exceljs's whole-file reader

/** exceljs's value of a cell in the reader's raw form (src/read/xlsx-reader.ts, at the top). */
function rawOf(v: unknown, date1904: boolean): unknown {
  if (v === null || v === undefined) return undefined;
  // A date cell: the day serial stored in the file (exceljs's own dateToExcel).
  if (v instanceof Date) return 25569 + v.getTime() / 86_400_000 - (date1904 ? 1462 : 0);
  if (typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if ('formula' in o || 'sharedFormula' in o) return { formula: o.formula, result: rawOf(o.result, date1904) };
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
  if ('hyperlink' in o) return rawOf(o.text, date1904);
  if ('error' in o) return { error: o.error };
  throw new Error(`unexpected exceljs value ${JSON.stringify(v)}`);
}

/** Holes as undefined, trailing undefined cut: two ways of saying the same row. */
const tidy = (cells: unknown[]) => {
  const out = Array.from({ length: cells.length }, (_, i) => cells[i]);
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out;
};
const isValue = (v: unknown) => v !== undefined && v !== '';

async function exceljsRows(file: string, sheet: string): Promise<{ date1904: boolean; rows: SheetRow[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const date1904 = wb.properties.date1904 === true;
  const rows: SheetRow[] = [];
  wb.getWorksheet(sheet)!.eachRow({ includeEmpty: false }, (row) => {
    const cells = tidy((row.values as unknown[]).slice(1).map((v) => rawOf(v, date1904)));
    if (cells.some(isValue)) rows.push({ row: row.number, cells });
  });
  return { date1904, rows };
}

/** A random workbook: 1-4 sheets (some hidden), rows with gaps, every kind of cell. */
function randomWorkbook(rand: () => number): { wb: ExcelJS.Workbook; names: string[]; hidden: boolean[] } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const int = (n: number) => Math.floor(rand() * n);
  // No ';' (no entity can form: exceljs decodes formula strings twice) and no '_x' escapes; no
  // formula whose result is FALSE (exceljs's reader drops it: the hand-made workbook below has one).
  const chars = ['a', 'b', 'Z', '0', '7', ' ', 'é', 'ß', 'ĳ', '€', '中', '😀', '&', '<', '>', '"', "'", '\n', '\t', ','];
  const text = () => Array.from({ length: 1 + int(12) }, () => pick(chars)).join('');
  const pool = Array.from({ length: 5 }, text); // repeated strings: one shared string each
  const day = () => new Date(Date.UTC(1990 + int(40), int(12), 1 + int(28), pick([0, 6, 12, 18])));
  const cell = (): unknown => {
    switch (int(14)) {
      case 0: return int(100000);
      case 1: return (rand() - 0.5) * 10 ** (int(30) - 15);
      case 2: return text();
      case 3: case 4: return pick(pool);
      case 5: return day();
      case 6: return rand() < 0.5;
      case 7: return { error: pick(['#N/A', '#DIV/0!', '#VALUE!', '#REF!']) };
      case 8: return { formula: `A1+${int(9)}`, result: int(1000) };
      case 9: return pick([{ formula: 'CONCAT("x","y")', result: text() }, { formula: 'TRUE()', result: true }, { formula: 'NA()', result: { error: '#N/A' } }, { formula: 'NOW()' }]);
      case 10: return { richText: [{ text: text() }, { font: { bold: true }, text: text() }] };
      case 11: return { text: text(), hyperlink: 'https://example.invalid/' + int(100) };
      default: return null;
    }
  };
  const wb = new ExcelJS.Workbook();
  if (rand() < 0.3) wb.properties.date1904 = true;
  const names: string[] = [];
  const hidden: boolean[] = [];
  const sheets = 1 + int(4);
  for (let s = 0; s < sheets; s++) {
    let name = '';
    while (name === '' || names.some((n) => n.toLowerCase() === name.toLowerCase())) name = Array.from({ length: 1 + int(10) }, () => pick(['A', 'b', 'é', ' ', '1', 'Ω', '-'])).join('').trim();
    const hide = s < sheets - 1 && rand() < 0.25;
    names.push(name);
    hidden.push(hide);
    const ws = wb.addWorksheet(name, hide ? { state: 'hidden' } : {});
    let r = 0;
    for (let k = int(30); k > 0; k--) {
      r += 1 + (rand() < 0.2 ? int(20) : 0);
      const row = ws.getRow(r);
      const used = new Set<number>();
      for (let c = 1 + int(12); c > 0; c--) {
        const v = cell();
        const at = 1 + int(14);
        if (used.has(at)) continue; // a cell once: a format left by an earlier value would change the later one
        used.add(at);
        if (v !== null) row.getCell(at).value = v as ExcelJS.CellValue;
        // A date format on dates and on some numeric formulas (exceljs turns any result so formatted into a Date).
        const numeric = typeof v === 'object' && v !== null && 'formula' in v && typeof (v as { result?: unknown }).result === 'number';
        if (v instanceof Date || (numeric && rand() < 0.5)) row.getCell(at).numFmt = 'dd-mm-yyyy';
      }
    }
  }
  return { wb, names, hidden };
}

describe('random workbooks: the rows exceljs\'s whole-file reader reads', () => {
  it('32 workbooks written by exceljs (shared strings, or inline strings from its streaming writer), every sheet', async () => {
    const rand = mulberry32(20240513);
    let sheetsRead = 0;
    let rowsRead = 0;
    for (let n = 0; n < 32; n++) {
      const { wb, names, hidden } = randomWorkbook(rand);
      const file = join(tmp.dir, `random-${n}.xlsx`);
      if (n % 4 === 3) {
        // The streaming writer: no shared strings, so strings inline (t="str", rich text as <is>); no 1904 dates.
        const w = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
        wb.eachSheet((ws) => {
          const out = w.addWorksheet(ws.name, { state: ws.state });
          ws.eachRow((row, r) => {
            const o = out.getRow(r);
            row.eachCell((c, col) => { o.getCell(col).value = c.value; o.getCell(col).numFmt = c.numFmt; });
            o.commit();
          });
          out.commit();
        });
        await w.commit();
      } else {
        await wb.xlsx.writeFile(file);
      }
      for (const name of names) {
        const mine = await readAll(file, name);
        const theirs = await exceljsRows(file, name);
        expect(mine.sheet).toBe(name);
        expect(mine.sheets).toEqual(names);
        expect(mine.date1904, `${file} ${name}`).toBe(theirs.date1904);
        expect(mine.rows.map((r) => ({ row: r.row, cells: tidy(r.cells) })), `${file} ${name}`).toEqual(theirs.rows);
        sheetsRead++;
        rowsRead += mine.rows.length;
      }
      expect((await readAll(file)).sheet, 'the first visible sheet').toBe(names[hidden.indexOf(false)]);
    }
    expect(sheetsRead).toBeGreaterThan(60);
    expect(rowsRead).toBeGreaterThan(800);
  });
});

// ---------------------------------------------------------------------------------------------
// What exceljs does not write

/** A workbook of parts written here (as other tools write them), zipped by JSZip. */
async function handZip(name: string, parts: Record<string, string>): Promise<string> {
  const z = new JSZip();
  for (const [p, xml] of Object.entries(parts)) z.file(p, xml);
  return tmp.file(name, await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const basics = (sheet: string, strings: string) => ({
  '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="${NS}" xmlns:r="${REL}"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="Verborgen" sheetId="1" state="veryHidden" r:id="rId1"/><x:sheet name="Data" sheetId="2" r:id="rId2"/></x:sheets></x:workbook>`,
  'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="${REL}/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/hidden.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="strings.xml"/></Relationships>`,
  'xl/worksheets/hidden.xml': `<x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
  'xl/worksheets/data.xml': sheet,
  'xl/strings.xml': strings,
});

describe('the format beyond what exceljs writes', () => {
  it('namespace prefixes, parts found through the relationships, rich and phonetic strings, _xHHHH_ escapes, cells and rows without a reference, ISO dates', async () => {
    const strings = `<sst xmlns="${NS}">`
      + '<si><t>gewoon</t></si>'
      + '<si><r><rPr><b/></rPr><t xml:space="preserve">Zorg </t></r><r><t>BV</t></r><rPh sb="0" eb="1"><t>ゾルグ</t></rPh><phoneticPr fontId="1"/></si>'
      + '<si><t>regel 1_x000D_\nregel 2</t></si>'
      + '<si><t>_x005F_x0041_ blijft</t></si>'
      + '<si><t></t></si>'
      + '</sst>';
    const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}"><sheetData>`
      + '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="F2"><v>42794</v></c></row>'
      + '<row><c t="s"><v>2</v></c><c t="s"><v>3</v></c><c t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c></row>'
      + '<row r="9" spans="1:4"><c r="B9" t="b"><v>1</v></c><c r="C9" t="e"><v>#N/A</v></c><c r="D9" t="d"><v>2021-03-01T00:00:00</v></c><c r="E9" t="b"><f>1=2</f><v>0</v></c></row>'
      + '<row r="10"><c r="A10" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="B10"><f>1/0</f><v></v></c><c r="C10" s="3"/></row>'
      + '<row r="11"><c r="A11" s="1"/><c r="B11" t="s"><v>4</v></c></row>'
      + '</sheetData></worksheet>';
    const file = await handZip('hand.xlsx', basics(sheet, strings));
    const got = await readAll(file);
    expect([got.sheet, got.sheets, got.date1904]).toEqual(['Data', ['Verborgen', 'Data'], true]);
    expect(got.rows).toEqual([
      { row: 2, cells: ['gewoon', undefined, 'Zorg BV', undefined, undefined, 42794] },
      { row: 3, cells: ['regel 1\r\nregel 2', '_x0041_ blijft', 'inline'] },
      { row: 9, cells: [undefined, true, { error: '#N/A' }, new Date(Date.UTC(2021, 2, 1)), { formula: '1=2', result: false }] },
      { row: 10, cells: [{ formula: '"a"&"b"', result: 'ab' }, { formula: '1/0', result: undefined }] },
    ]);
    expect((await readAll(file, 'verborgen')).rows).toEqual([{ row: 1, cells: [1] }]);
  });

  it('invalid XML in the sheet or the workbook part is a damaged workbook, in one line', async () => {
    const good = `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>`;
    const broken = await handZip('badsheet.xlsx', basics(good + '<row r="2"><c r="A2"><v>2</c></row></sheetData></worksheet>', `<sst xmlns="${NS}"/>`));
    await expect(readAll(broken)).rejects.toThrow(new WorkbookError(`${broken}, sheet Data: the workbook is damaged (a part of it is not valid XML); save it again from Excel, or export the sheet as CSV`));
    const cut = await handZip('cutsheet.xlsx', basics(good, `<sst xmlns="${NS}"/>`));
    await expect(readAll(cut)).rejects.toThrow(`${cut}, sheet Data: the workbook is damaged (a part of it is not valid XML)`);
    const book = await handZip('badbook.xlsx', { ...basics(good, ''), 'xl/workbook.xml': '<workbook><sheets><sheet name="A"></workbook>' });
    await expect(openSheet(book)).rejects.toThrow(`${book}: the workbook is damaged (a part of it is not valid XML)`);
  });
});
