// What Excel users get: metrics.xlsx with --excel (a sheet per table, real numbers, frozen header,
// column widths, the "Toelichting" sheet, "niet voor publicatie" on every sheet of an internal run,
// the same bytes from two runs), and no formula injection: text from the input data and the side
// tables that starts with = + - or @ (region names, a column name, a file name) is written so that
// neither Excel nor LibreOffice evaluates it. Checked with exceljs and with LibreOffice headless
// (soffice; .ci/run installs Debian's libreoffice-calc-nogui), told to evaluate formulas in CSV.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODES_CSV, csvObjects, parseCsv, traject } from './cli-helpers.js';
import { tempDir } from './helpers.js';
import { ExcelJS, workbookCells } from './workbook-helpers.js';

const tmp = tempDir('traject-excel-out-');
afterAll(() => tmp.cleanup());

// Region names (and a column name and a file name) a spreadsheet would run as formulas.
const EVIL = { GM0014: '=1+2', GM0034: '+SUM(1,2)', GM0363: '@SUM(3)', GM0037: '-2+3' } as const;
const codes = tmp.file('codes.csv', CODES_CSV);
tmp.file('regions.csv', 'gemeente,regio\n' + Object.entries(EVIL).map(([g, r]) => `${g},"${r}"`).join('\n') + '\n');
const profile = tmp.file('p.json', JSON.stringify({ columns: { end: '=Einde' } }));
const rows: string[] = ['client_id,gemeente,productcode,begindatum,=Einde'];
Object.keys(EVIL).forEach((gm, g) => {
  for (let i = 0; i < 12; i++) rows.push(`k${g}x${i},${gm},${['G1', 'A1', 'V1'][i % 3]},2021-0${1 + (i % 9)}-01,${i % 4 === 0 ? '' : `2021-1${i % 3}-15`}`);
});
rows.push('bad,GM0014,G1,2021-05-01,2021-04-01'); // end before start: a reject in column '=Einde'
tmp.file('+data.csv', rows.join('\n') + '\n');

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find(existsSync);

/** LibreOffice headless, with a profile of its own (other soffice processes may be running). */
function libreoffice(args: string[]): void {
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui (.ci/run does)');
  const r = spawnSync(soffice, [`-env:UserInstallation=file://${join(tmp.dir, 'lo-profile')}`, '--headless', '--norestore', ...args], { cwd: tmp.dir, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
}

/** CSV import options of LibreOffice: ';', '"', UTF-8, from line 1, ..., and token 13 "evaluate formulas" on. */
const EVALUATING_CSV_FILTER = 'CSV:59,34,76,1,,0,false,true,false,false,false,-1,true';

const runs: Record<string, { code: number | null; stderr: string }> = {};
beforeAll(() => {
  for (const [name, extra] of [['pub', []], ['pub2', []], ['int', ['--disclosure', 'off']]] as const) {
    runs[name] = traject(['analyse', '--input', '+data.csv', '--profile', profile, '--codes', codes, '--regions', 'regions.csv', '--year', '2021', '--excel', '--out', `out-${name}`, '-q', ...extra], { cwd: tmp.dir });
  }
});

describe('metrics.xlsx', () => {
  it('is written with --excel, listed in the manifest, and the same bytes from two runs', () => {
    expect(runs.pub.stderr).toBe('');
    expect(readdirSync(join(tmp.dir, 'out-pub'))).toContain('metrics.xlsx');
    expect(JSON.parse(readFileSync(join(tmp.dir, 'out-pub/manifest.json'), 'utf8')).outputs['metrics.xlsx']).toMatch(/workbook/);
    expect(readFileSync(join(tmp.dir, 'out-pub2/metrics.xlsx')).equals(readFileSync(join(tmp.dir, 'out-pub/metrics.xlsx')))).toBe(true);
  });

  it('has a sheet per table with the CSV rows, numbers as numbers, a frozen header, widths and the Toelichting', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(tmp.dir, 'out-pub/metrics.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['metrics', 'comparisons', 'rejects', 'Toelichting']);
    const csv = csvObjects(readFileSync(join(tmp.dir, 'out-pub/metrics.csv'), 'utf8').replace(/^\uFEFF/, ''), ';');
    const ws = wb.getWorksheet('metrics')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).values).toEqual([undefined, 'level', 'area', 'data_kind', 'year', 'gap_days', 'breakdown', 'group', 'measure', 'category', 'bucket', 'numerator', 'denominator', 'value', 'ci_low', 'ci_high', 'status']);
    expect(ws.actualRowCount).toBe(csv.length + 1);
    csv.forEach((r, i) => {
      const row = ws.getRow(i + 2);
      for (const [k, col] of [['numerator', 7], ['denominator', 8], ['value', 9], ['ci_low', 10], ['ci_high', 11]] as const) {
        const v = row.getCell(col).value;
        // The Excel CSV writes a decimal comma; the workbook holds the number itself.
        if (r[k] === '') expect(v === null || v === undefined, `${k} of row ${i + 2}`).toBe(true);
        else expect(v, `${k} of row ${i + 2}`).toBe(Number(r[k].replace(',', '.')));
      }
      expect(row.getCell(2).value).toBe(r.area.replace(/^'/, '')); // text as it is, not prefixed
    });
    expect(ws.getColumn(12).width).toBeGreaterThanOrEqual('published'.length);
    const about = wb.getWorksheet('Toelichting')!;
    const text = about.getSheetValues().flat().filter((v) => typeof v === 'string').join('\n');
    for (const m of new Set(csv.map((r) => r.measure))) expect(text, m).toContain(m);
    expect(text).toContain('Uitstroom: aandeel van het cohort zonder zorg in Y+1');
    expect(text).not.toMatch(/niet voor publicatie/);
  });

  it('says "niet voor publicatie" at the top of every sheet of an internal run, above a frozen header', async () => {
    expect(runs.int.stderr).toBe('');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(tmp.dir, 'out-int/metrics.xlsx'));
    for (const ws of wb.worksheets) {
      expect(String(ws.getCell('A1').value), ws.name).toMatch(/^INTERN: niet voor publicatie/);
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(ws.headerFooter.oddHeader, ws.name).toContain('niet voor publicatie');
    }
    expect(wb.getWorksheet('metrics')!.getCell('A2').value).toBe('level');
  });
});

describe('no formula injection', () => {
  it('the CSV files write formula-like text from the data as quoted text with a leading quote, numbers untouched', () => {
    const read = (f: string) => parseCsv(readFileSync(join(tmp.dir, 'out-pub', f), 'utf8'), ';');
    const [head, ...metrics] = read('metrics.csv');
    const area = head.indexOf('area');
    const regionAreas = new Set(metrics.filter((r) => r[0] === 'region').map((r) => r[area]));
    expect([...regionAreas].sort()).toEqual(Object.values(EVIL).map((r) => `'${r}`).sort());
    for (const r of metrics) for (const i of [10, 11, 12, 13, 14]) expect(r[i], head[i]).toMatch(/^(\d+(,\d+)?)?$/);
    const rejects = csvObjects(readFileSync(join(tmp.dir, 'out-pub/rejects.csv'), 'utf8').replace(/^\uFEFF/, ''), ';');
    expect(rejects).toEqual([expect.objectContaining({ file: "'+data.csv", line: '50', column: "'=Einde", reason: 'end before start' })]);
    const comparisons = csvObjects(readFileSync(join(tmp.dir, 'out-pub/comparisons.csv'), 'utf8').replace(/^\uFEFF/, ''), ';');
    expect(new Set(comparisons.map((c) => c.region))).toEqual(new Set(Object.values(EVIL).map((r) => `'${r}`)));
    // The raw bytes: such a cell is quoted, and its first character is the quote.
    expect(readFileSync(join(tmp.dir, 'out-pub/metrics.csv'), 'utf8')).toContain(`;"'=1+2";`);
  });

  it('metrics.xlsx holds them as text cells, with no formula anywhere (exceljs)', async () => {
    for (const out of ['out-pub', 'out-int']) {
      const all = await workbookCells(join(tmp.dir, out, 'metrics.xlsx'));
      expect(all.filter((c) => c.formula !== undefined || c.type === (ExcelJS.ValueType.Formula as number))).toEqual([]);
      for (const name of Object.values(EVIL)) {
        const hits = all.filter((c) => c.value === name);
        expect(hits.length, name).toBeGreaterThan(0);
        for (const h of hits) expect(h.type, name).toBe(ExcelJS.ValueType.String);
      }
      expect(all.some((c) => c.value === '=Einde' && c.sheet === 'rejects')).toBe(true);
    }
  });

  it('LibreOffice, evaluating formulas in CSV, evaluates none of traject\'s cells, but does evaluate the same cells unescaped', async () => {
    // The control: the same values without traject's rule, which LibreOffice must evaluate.
    const control = tmp.file('control.csv', `area;n\n${Object.values(EVIL).map((r, i) => `${r.includes(',') ? `"${r}"` : r};${i}`).join('\n')}\n`);
    mkdirSync(join(tmp.dir, 'lo-csv'), { recursive: true });
    for (const f of ['metrics.csv', 'rejects.csv', 'comparisons.csv']) copyFileSync(join(tmp.dir, 'out-pub', f), join(tmp.dir, 'lo-csv', f));
    copyFileSync(control, join(tmp.dir, 'lo-csv', 'control.csv'));
    libreoffice(['--infilter=' + EVALUATING_CSV_FILTER, '--convert-to', 'xlsx', '--outdir', join(tmp.dir, 'lo-out'),
      ...['metrics.csv', 'rejects.csv', 'comparisons.csv', 'control.csv'].map((f) => join(tmp.dir, 'lo-csv', f))]);
    const controlCells = await workbookCells(join(tmp.dir, 'lo-out/control.xlsx'));
    // LibreOffice 7 evaluates a CSV cell that starts with '=' (Excel also those with + - @).
    expect(controlCells.filter((c) => c.formula !== undefined).map((c) => c.formula)).toEqual(['1+2']);
    for (const f of ['metrics', 'rejects', 'comparisons']) {
      const got = await workbookCells(join(tmp.dir, 'lo-out', `${f}.xlsx`));
      expect(got.filter((c) => c.formula !== undefined), f).toEqual([]);
      if (f !== 'rejects') expect(got.some((c) => c.value === "'=1+2"), f).toBe(true);
    }
  });

  it('LibreOffice opens metrics.xlsx and keeps the names as text (saved again as xlsx and as CSV)', async () => {
    libreoffice(['--convert-to', 'xlsx', '--outdir', join(tmp.dir, 'lo-xlsx'), join(tmp.dir, 'out-pub/metrics.xlsx')]);
    const again = await workbookCells(join(tmp.dir, 'lo-xlsx/metrics.xlsx'));
    expect(again.filter((c) => c.formula !== undefined)).toEqual([]);
    for (const name of Object.values(EVIL)) expect(again.some((c) => c.value === name), name).toBe(true);
    libreoffice(['--convert-to', 'csv', '--outdir', join(tmp.dir, 'lo-xcsv'), join(tmp.dir, 'out-pub/metrics.xlsx')]);
    const shown = parseCsv(readFileSync(join(tmp.dir, 'lo-xcsv/metrics.csv'), 'utf8'));
    const areas = new Set(shown.filter((r) => r[0] === 'region').map((r) => r[1]));
    expect([...areas].sort()).toEqual(Object.values(EVIL).sort());
  });
});
