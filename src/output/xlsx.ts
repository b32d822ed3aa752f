// Excel workbooks that traject writes (metrics.xlsx with --excel, and `traject codes`), with
// exceljs. One sheet per table: a frozen header row with a filter, column widths from the content,
// numbers as real numbers (so Excel shows them in the reader's own decimal style: no decimal-comma
// trouble) and text as string cells, which Excel and LibreOffice never evaluate (the formula rule
// of format.ts). The bytes depend on nothing but the content: the document's dates are fixed and
// the zip entries get one fixed time, so two runs give the same file.

/** A cell: text, a number, or empty. */
export type Cell = string | number | null;

export interface SheetSpec {
  name: string;
  /** Rows above the header (a notice such as "niet voor publicatie"): bold, in one cell each. */
  notes?: string[];
  header: string[];
  rows: Cell[][];
  /** Widths in characters, per column; default: from the content. */
  widths?: number[];
  /** Colour the notes and the tab red (internal runs, files not for publication). */
  warn?: boolean;
  /** Per column, the values a cell may take (a drop-down list in Excel), for the data rows. */
  lists?: (readonly string[] | undefined)[];
}

/** The dates a workbook's properties carry (Excel shows them under File > Info): fixed, so that the
 *  same tables give the same bytes. 2000-01-01 stands for "no date". */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

const widthOf = (v: Cell) => (v === null ? 0 : typeof v === 'number' ? String(v).length : Math.max(...v.split('\n').map((l) => l.length)));

/** The workbook's bytes. */
export async function workbookBuffer(sheets: readonly SheetSpec[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'traject';
  wb.lastModifiedBy = 'traject';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  for (const spec of sheets) {
    const notes = spec.notes ?? [];
    const ws = wb.addWorksheet(spec.name, {
      views: [{ state: 'frozen', ySplit: notes.length + 1, xSplit: 0 }],
      ...(spec.warn ? { properties: { tabColor: { argb: 'FFC00000' } } } : {}),
      // Printed: landscape, as wide as the page, the header row on every page.
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${notes.length + 1}:${notes.length + 1}` },
    });
    if (spec.warn && notes.length > 0) {
      // Printed on every page too.
      ws.headerFooter.oddHeader = `&C&"-,Bold"${notes[0].replaceAll('&', '&&')}`;
    }
    for (const n of notes) {
      const r = ws.addRow([n]);
      r.font = { bold: true, ...(spec.warn ? { color: { argb: 'FFC00000' } } : {}) };
    }
    const head = ws.addRow(spec.header);
    head.font = { bold: true };
    for (const row of spec.rows) {
      const r = ws.addRow(row.map((v) => (v === null ? null : v)));
      spec.lists?.forEach((values, i) => {
        if (values) r.getCell(i + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`] };
      });
    }
    const headerRow = notes.length + 1;
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: spec.header.length } };
    spec.header.forEach((h, i) => {
      let w = spec.widths?.[i];
      if (w === undefined) {
        w = widthOf(h);
        for (let k = 0; k < spec.rows.length && k < 2000; k++) w = Math.max(w, widthOf(spec.rows[k][i] ?? null));
        w = Math.min(60, Math.max(8, w + 2));
      }
      ws.getColumn(i + 1).width = w;
    });
  }
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  return fixZipTimes(raw);
}

/** exceljs (through JSZip) stamps every zip entry with the time of writing: give them all one time. */
async function fixZipTimes(bytes: Buffer): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const name of Object.keys(zip.files)) { // exceljs's order, [Content_Types].xml first
    const f = zip.files[name];
    if (f.dir) continue;
    out.file(name, await f.async('uint8array'), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}
