// The side tables (codes.csv, regions.csv) are read with the sources' CSV dialect (read/csv.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../src/read/table.js';
import { loadRegions } from '../src/mapping/regions.js';

let dir: string;
let n = 0;
const file = (content: string | Buffer): string => {
  const f = path.join(dir, `${n++}.csv`);
  fs.writeFileSync(f, content);
  return f;
};
const rowsOf = async (content: string | Buffer, columns: string[]): Promise<string[][]> => {
  const t = await readTable(file(content));
  return t.rows.map((r) => [String(r.line), ...columns.map((c) => r.get(c))]);
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'traject-table-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('readTable', () => {
  it('detects the delimiter as for a source: a;b,c is read with a comma, TAB and | too', async () => {
    expect((await readTable(file('gemeente;regio,x\n1;2,3\n'))).columns).toEqual(['gemeente;regio', 'x']);
    expect(await rowsOf('gemeente;regio\n363;Amsterdam\n', ['gemeente', 'regio'])).toEqual([['2', '363', 'Amsterdam']]);
    expect(await rowsOf('gemeente\tregio\n363\tAmsterdam\n', ['gemeente', 'regio'])).toEqual([['2', '363', 'Amsterdam']]);
    expect(await rowsOf('gemeente|regio\n363|Amsterdam\n', ['gemeente', 'regio'])).toEqual([['2', '363', 'Amsterdam']]);
  });

  it('reads quotes as the splitter does, trims values, lower-cases names, skips empty lines with their numbers kept', async () => {
    const text = '\uFEFFGemeente,"Regio"\r\n"0014","Groningen, stad"\r\n\r\n , \r\n"GM0034"," Almere ""Poort"" "\r\n';
    expect(await rowsOf(text, ['gemeente', 'regio'])).toEqual([
      ['2', '0014', 'Groningen, stad'],
      ['5', 'GM0034', 'Almere "Poort"'],
    ]);
  });

  it('reads a Windows-1252 table (Fryslân with â = 0xE2)', async () => {
    const f = file(Buffer.concat([Buffer.from('gemeente,regio\n80,Frysl'), Buffer.from([0xe2]), Buffer.from('n\n')]));
    expect([...(await loadRegions(f))]).toEqual([[80, 'Fryslân']]);
  });

  it('names the file and line of broken quotes, and an empty table', async () => {
    const broken = file('gemeente,regio\n"14"x,Groningen\n');
    await expect(readTable(broken)).rejects.toThrow(`${broken}:2: not a readable CSV table (text after closing quote)`);
    const empty = file('\n\n');
    await expect(readTable(empty)).rejects.toThrow(`${empty}: empty table (expected a header line)`);
  });
});
