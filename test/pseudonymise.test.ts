import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonym, pseudonymiseFile } from '../src/cli/pseudonymise.js';

const KEY_A = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const KEY_B = 'ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100';

/** The definition, written out: first 32 hex characters of HMAC-SHA256(key, value). */
const h = (keyHex: string, v: string): string => createHmac('sha256', Buffer.from(keyHex, 'hex')).update(v, 'utf8').digest('hex').slice(0, 32);

let dir: string;
let n = 0;
const file = (name: string, content?: string | Buffer): string => {
  const f = path.join(dir, `${n++}-${name}`);
  if (content !== undefined) fs.writeFileSync(f, content);
  return f;
};
const key = (hex: string): string => {
  const f = file('key.hex', hex + '\n');
  fs.chmodSync(f, 0o600);
  return f;
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'traject-pseudo-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('pseudonym', () => {
  it('is the first 32 hex characters of HMAC-SHA256', () => {
    const p = pseudonym(Buffer.from(KEY_A, 'hex'), '123456782');
    expect(p).toBe(h(KEY_A, '123456782'));
    expect(p).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('pseudonymiseFile', () => {
  it('replaces the client column and keeps every other byte', async () => {
    const text = 'client_id;gemeente;productcode;begindatum;einddatum\n123456782;GM0363;45A48;01-03-2021;\n111222333;363;54001;2021-01-01;2021-06-30\n';
    const input = file('in.csv', text);
    const output = file('out.csv');
    const res = await pseudonymiseFile({ input, output, keyFile: key(KEY_A) });
    expect(fs.readFileSync(output, 'utf8')).toBe(
      `client_id;gemeente;productcode;begindatum;einddatum\n${h(KEY_A, '123456782')};GM0363;45A48;01-03-2021;\n${h(KEY_A, '111222333')};363;54001;2021-01-01;2021-06-30\n`,
    );
    expect(res).toMatchObject({ rows: 2, pseudonymised: 2, empty: 0, short: 0, bsnLike: 2, column: 'client_id', columnIndex: 0, delimiter: ';', encoding: 'auto', keyCreated: false, warnings: [] });
    // The input is untouched.
    expect(fs.readFileSync(input, 'utf8')).toBe(text);
  });

  it('links files with one key, not across keys', async () => {
    const a = file('a.csv', 'clientnummer,gemeente\n555,GM0014\n777,GM0014\n');
    const b = file('b.csv', 'gemeente,clientnummer\nGM0363,555\n');
    const kA = key(KEY_A);
    const kB = key(KEY_B);
    const [oa, ob, oc] = [file('oa.csv'), file('ob.csv'), file('oc.csv')];
    await pseudonymiseFile({ input: a, output: oa, keyFile: kA });
    await pseudonymiseFile({ input: b, output: ob, keyFile: kA });
    await pseudonymiseFile({ input: b, output: oc, keyFile: kB });
    const pa = fs.readFileSync(oa, 'utf8').split('\n')[1].split(',')[0];
    const pb = fs.readFileSync(ob, 'utf8').split('\n')[1].split(',')[1];
    const pc = fs.readFileSync(oc, 'utf8').split('\n')[1].split(',')[1];
    expect(pa).toBe(pb); // same client, same key: linked across municipalities
    expect(pc).not.toBe(pb); // another key: no link
    expect(pa).toBe(h(KEY_A, '555'));
    expect(pc).toBe(h(KEY_B, '555'));
  });

  it('creates a key file (32 random bytes, hex, mode 0600) only when asked, and reuses it', async () => {
    const input = file('in.csv', 'client_id,x\n1,a\n');
    const kf = path.join(dir, `${n++}-new.key`);
    await expect(pseudonymiseFile({ input, output: file('o.csv'), keyFile: kf })).rejects.toThrow(
      `key file ${kf} does not exist; pass --create-key to create a new key`,
    );
    const o1 = file('o1.csv');
    const r1 = await pseudonymiseFile({ input, output: o1, keyFile: kf, createKey: true });
    expect(r1.keyCreated).toBe(true);
    const hex = fs.readFileSync(kf, 'utf8');
    expect(hex).toMatch(/^[0-9a-f]{64}\n$/);
    if (process.platform !== 'win32') expect(fs.statSync(kf).mode & 0o777).toBe(0o600);
    const o2 = file('o2.csv');
    const r2 = await pseudonymiseFile({ input, output: o2, keyFile: kf, createKey: true });
    expect(r2.keyCreated).toBe(false);
    expect(fs.readFileSync(kf, 'utf8')).toBe(hex); // not replaced
    expect(fs.readFileSync(o2, 'utf8')).toBe(fs.readFileSync(o1, 'utf8'));
    expect(fs.readFileSync(o1, 'utf8')).toBe(`client_id,x\n${h(hex.trim(), '1')},a\n`);
  });

  it('warns about a key file others can read, and rejects a malformed one', async () => {
    const input = file('in.csv', 'client_id\n1\n');
    const open = file('open.key', KEY_A);
    fs.chmodSync(open, 0o644);
    const res = await pseudonymiseFile({ input, output: file('o.csv'), keyFile: open });
    if (process.platform !== 'win32') expect(res.warnings).toEqual([`key file ${open} can be read by other users (mode 0644); run chmod 600 on it`]);
    const bad = file('bad.key', 'not a key');
    await expect(pseudonymiseFile({ input, output: file('o.csv'), keyFile: bad })).rejects.toThrow(
      `key file ${bad}: expected 64 hexadecimal characters (a 32-byte key), as written by --create-key`,
    );
  });

  it('refuses to overwrite the input, however it is spelled, and an existing output without force', async () => {
    const text = 'client_id\n123456782\n';
    const input = file('in.csv', text);
    const k = key(KEY_A);
    const sameViaDots = path.join(dir, '.', path.basename(input));
    await expect(pseudonymiseFile({ input, output: sameViaDots, keyFile: k })).rejects.toThrow(/is the input; traject never overwrites its input/);
    const link = path.join(dir, `${n++}-link.csv`);
    fs.symlinkSync(input, link);
    await expect(pseudonymiseFile({ input, output: link, keyFile: k })).rejects.toThrow(/is the input/);
    expect(fs.readFileSync(input, 'utf8')).toBe(text);
    const existing = file('exists.csv', 'old');
    await expect(pseudonymiseFile({ input, output: existing, keyFile: k })).rejects.toThrow(`output ${existing} already exists; pass --force to replace it`);
    expect(fs.readFileSync(existing, 'utf8')).toBe('old');
    await pseudonymiseFile({ input, output: existing, keyFile: k, force: true });
    expect(fs.readFileSync(existing, 'utf8')).toBe(`client_id\n${h(KEY_A, '123456782')}\n`);
  });

  it('keeps CRLF, a missing final newline, a byte-order mark and all-quoted fields', async () => {
    const input = file('in.csv', '\uFEFF"Cliëntnummer";"gemeente";"omschrijving"\r\n"123456782";"GM0363";"Begeleiding; individueel"\r\n"";"GM0363";"x ""y"""');
    const output = file('out.csv');
    const res = await pseudonymiseFile({ input, output, keyFile: key(KEY_A) });
    expect(res).toMatchObject({ rows: 2, pseudonymised: 1, empty: 1, column: 'Cliëntnummer', encoding: 'auto', delimiter: ';' });
    expect(fs.readFileSync(output, 'utf8')).toBe(
      `\uFEFF"Cliëntnummer";"gemeente";"omschrijving"\r\n"${h(KEY_A, '123456782')}";"GM0363";"Begeleiding; individueel"\r\n"";"GM0363";"x ""y"""`,
    );
  });

  it('keeps unquoted columns unquoted and quotes only what needs it', async () => {
    const text = 'client_id,naam,gemeente\n1,"Jansen, P.",GM0014\n2,Pietersen,GM0014\n';
    const input = file('in.csv', text);
    const output = file('out.csv');
    await pseudonymiseFile({ input, output, keyFile: key(KEY_A) });
    expect(fs.readFileSync(output, 'utf8')).toBe(`client_id,naam,gemeente\n${h(KEY_A, '1')},"Jansen, P.",GM0014\n${h(KEY_A, '2')},Pietersen,GM0014\n`);
  });

  it('reads and writes Windows-1252 byte for byte, and decodes a Windows-1252 client value as analyse does', async () => {
    // "client_id;omschrijving\n" + "42;Caf\xe9 \x80 5\n" + "Jos\xe9;x\n" in Windows-1252: é = E9, € = 80
    const bytes = Buffer.concat([Buffer.from('client_id;omschrijving\n42;Caf'), Buffer.from([0xe9, 0x20, 0x80]), Buffer.from(' 5\nJos'), Buffer.from([0xe9]), Buffer.from(';x\n')]);
    const input = file('in.csv', bytes);
    const output = file('out.csv');
    const res = await pseudonymiseFile({ input, output, keyFile: key(KEY_A) });
    expect(res).toMatchObject({ encoding: 'auto', rows: 2, pseudonymised: 2 });
    const expected = Buffer.concat([Buffer.from(`client_id;omschrijving\n${h(KEY_A, '42')};Caf`), Buffer.from([0xe9, 0x20, 0x80]), Buffer.from(` 5\n${h(KEY_A, 'José')};x\n`)]);
    expect(fs.readFileSync(output).equals(expected)).toBe(true);
    // Told that the file is Windows-1252, the same.
    const o2 = file('out2.csv');
    expect((await pseudonymiseFile({ input, output: o2, keyFile: key(KEY_A), encoding: 'windows-1252' })).encoding).toBe('windows-1252');
    expect(fs.readFileSync(o2).equals(expected)).toBe(true);
  });

  it('fails on a client value that is not valid UTF-8 when told the file is UTF-8, and leaves no output', async () => {
    const input = file('in.csv', Buffer.concat([Buffer.from('client_id;x\n1;a\n2'), Buffer.from([0xe9]), Buffer.from(';b\n')]));
    const output = file('out.csv');
    await expect(pseudonymiseFile({ input, output, keyFile: key(KEY_A), encoding: 'utf-8' })).rejects.toThrow(
      `${input}: line 3: the client value is not valid UTF-8; pass --encoding windows-1252 if it is a Windows export`,
    );
    expect(fs.existsSync(output)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Bytes outside the client column are only copied, so there they do not matter.
    const other = file('other.csv', Buffer.concat([Buffer.from('client_id;x\n1;'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const o2 = file('o2.csv');
    await pseudonymiseFile({ input: other, output: o2, keyFile: key(KEY_A), encoding: 'utf-8' });
    expect(fs.readFileSync(o2).equals(Buffer.concat([Buffer.from(`client_id;x\n${h(KEY_A, '1')};`), Buffer.from([0xe9]), Buffer.from('\n')]))).toBe(true);
  });

  it('splits records exactly as analyse does: a CR alone is data, a quoted newline stays in its field', async () => {
    // fast-csv, used here before, ended a record at a lone CR; analyse does not. Split there, the
    // second half of line 2 would have put the raw value 123456782 in no client position.
    const text = 'omschrijving;client_id\nab\rcd;123456782\n"regel 1\nregel 2";111222333\n';
    const input = file('in.csv', text);
    const output = file('out.csv');
    const res = await pseudonymiseFile({ input, output, keyFile: key(KEY_A) });
    expect(res).toMatchObject({ rows: 2, pseudonymised: 2, columnIndex: 1 });
    expect(fs.readFileSync(output, 'utf8')).toBe(`omschrijving;client_id\nab\rcd;${h(KEY_A, '123456782')}\n"regel 1\nregel 2";${h(KEY_A, '111222333')}\n`);
  });

  it('detects the delimiter as analyse does: the header a;b,c is read with a comma', async () => {
    // Before, pseudonymise took ';' here and analyse ','.
    const input = file('in.csv', 'x;y,client_id\n1;2,3\n');
    const output = file('out.csv');
    const res = await pseudonymiseFile({ input, output, keyFile: key(KEY_A) });
    expect(res).toMatchObject({ delimiter: ',', columnIndex: 1, column: 'client_id' });
    expect(fs.readFileSync(output, 'utf8')).toBe(`x;y,client_id\n1;2,${h(KEY_A, '3')}\n`);
    await expect(pseudonymiseFile({ input, output: file('o.csv'), keyFile: key(KEY_A), delimiter: 'tab' })).rejects.toThrow(
      `--delimiter: expected one character such as ';' or ',', got "tab" (did you mean '\\t'?)`,
    );
  });

  it('refuses broken quotes and CR-only line endings, naming the line, never a value', async () => {
    const k = key(KEY_A);
    const broken = file('broken.csv', 'client_id;naam\n"123456782"x;a\n');
    const o1 = file('o1.csv');
    const e1 = await pseudonymiseFile({ input: broken, output: o1, keyFile: k }).catch((e: Error) => e.message);
    expect(e1).toBe(`${broken}: line 2: malformed quotes (text after closing quote); the client column cannot be found with certainty, so the file is not pseudonymised`);
    expect(fs.existsSync(o1)).toBe(false);
    const mac = file('mac.csv', 'client_id;naam\r123456782;a\r');
    const e2 = await pseudonymiseFile({ input: mac, output: file('o2.csv'), keyFile: k }).catch((e: Error) => e.message);
    expect(e2).toBe(`${mac}: line 1 holds a carriage return (CR) that does not end the line; traject reads lines that end in LF or CRLF, so convert the line endings first`);
    expect(`${e1}${e2}`).not.toContain('123456782');
  });

  it('reads a file of many chunks, records cut anywhere, with a quoted newline and BOM bytes at the start of records', async () => {
    // About 3 MB, so several 1 MB chunks; every 7th row has a newline inside quotes, every 11th
    // starts with U+FEFF (EF BB BF) in its first field, which only at the start of the file is a BOM.
    const lines: string[] = ['\uFEFFnaam,client_id,x'];
    const expected: string[] = ['\uFEFFnaam,client_id,x'];
    for (let i = 0; i < 60000; i++) {
      const naam = i % 7 === 0 ? `"naam\n${i}"` : i % 11 === 0 ? `\uFEFFn${i}` : `n${i}`;
      lines.push(`${naam},k${i},${'v'.repeat(i % 40)}`);
      expected.push(`${naam},${h(KEY_A, `k${i}`)},${'v'.repeat(i % 40)}`);
    }
    const input = file('big.csv', lines.join('\r\n') + '\r\n');
    expect(fs.statSync(input).size).toBeGreaterThan(2e6);
    const output = file('big-out.csv');
    const res = await pseudonymiseFile({ input, output, keyFile: key(KEY_A) });
    expect(res).toMatchObject({ rows: 60000, pseudonymised: 60000, columnIndex: 1, column: 'client_id' });
    expect(fs.readFileSync(output, 'utf8')).toBe(expected.join('\r\n') + '\r\n');
  });

  it('keeps empty values, short rows and blank lines as they are', async () => {
    const input = file('in.csv', 'x,client_id,y\na,,b\nc\n\nd,9,e\n');
    const output = file('out.csv');
    const res = await pseudonymiseFile({ input, output, keyFile: key(KEY_A) });
    // A blank line is not a row (as in analyse's row accounting), and is copied as it is.
    expect(res).toMatchObject({ rows: 3, pseudonymised: 1, empty: 1, short: 1, columnIndex: 1 });
    expect(fs.readFileSync(output, 'utf8')).toBe(`x,client_id,y\na,,b\nc\n\nd,${h(KEY_A, '9')},e\n`);
  });

  it('writes a header-only file as it was', async () => {
    const input = file('in.csv', 'client_id;gemeente\n');
    const output = file('out.csv');
    expect((await pseudonymiseFile({ input, output, keyFile: key(KEY_A) })).rows).toBe(0);
    expect(fs.readFileSync(output, 'utf8')).toBe('client_id;gemeente\n');
  });

  it('uses --column, trims values, and restores leading zeros with padBsn', async () => {
    const input = file('in.csv', 'id;BSN nummer\nx; 12345672 \ny;012345672\n');
    const o1 = file('o1.csv');
    const r = await pseudonymiseFile({ input, output: o1, keyFile: key(KEY_A), column: 'bsn_nummer', padBsn: true });
    expect(r).toMatchObject({ column: 'BSN nummer', columnIndex: 1, pseudonymised: 2, bsnLike: 2 });
    const p = h(KEY_A, '012345672');
    expect(fs.readFileSync(o1, 'utf8')).toBe(`id;BSN nummer\nx;${p}\ny;${p}\n`);
    const o2 = file('o2.csv');
    await pseudonymiseFile({ input, output: o2, keyFile: key(KEY_A), column: 'BSN nummer' });
    expect(fs.readFileSync(o2, 'utf8')).toBe(`id;BSN nummer\nx;${h(KEY_A, '12345672')}\ny;${p}\n`);
  });

  it('says which column it cannot find or cannot choose, without showing values', async () => {
    const k = key(KEY_A);
    const none = file('none.csv', 'a;b\n123456782;2\n');
    await expect(pseudonymiseFile({ input: none, output: file('o.csv'), keyFile: k })).rejects.toThrow(
      /^no client column found \(expected a header named one of client_id, clientnummer, .*\); name it with --column$/,
    );
    const two = file('two.csv', 'client_id;bsn\n1;123456782\n');
    await expect(pseudonymiseFile({ input: two, output: file('o.csv'), keyFile: k })).rejects.toThrow(
      "more than one column looks like the client column ('client_id', 'bsn'); name it with --column",
    );
    await expect(pseudonymiseFile({ input: none, output: file('o.csv'), keyFile: k, column: 'client' })).rejects.toThrow(
      "no column named 'client' (the header has 'a', 'b')",
    );
  });
});

describe('pseudonymiseFile on a workbook', () => {
  it('refuses it with what to do, and writes nothing', async () => {
    const { ExcelJS } = await import('./workbook-helpers.js');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Blad1').addRow(['client_id']);
    const input = file('raw.xlsx');
    await wb.xlsx.writeFile(input);
    const output = file('out.csv');
    await expect(pseudonymiseFile({ input, output, keyFile: key(KEY_A) })).rejects.toThrow(`${input} is an Excel workbook; traject pseudonymise works on CSV files`);
    expect(fs.existsSync(output)).toBe(false);
  });
});
