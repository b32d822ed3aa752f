// The normaliser's text fields as bytes: a quoted field with "" escapes gives the same value as
// the same text written plainly, trimmed as String.prototype.trim trims it, and a client key read
// that way keeps its bytes while the fields after it are read. Expected values written by hand.
import { afterAll, describe, expect, it } from 'vitest';
import { ChunkParser, type RowSink } from '../src/normalise/normalise.js';
import { OPEN_END } from '../src/model/model.js';
import { CodeMapper } from '../src/mapping/codes.js';
import { loadCodes } from '../src/mapping/codes-file.js';
import { openSources } from '../src/read/workbook-source.js';
import { sourceChunks } from '../src/run/read-sources.js';
import { CODES_CSV } from './cli-helpers.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

interface Written { client: string; provider: string; allocation: string; birth: number }

/** Parses one CSV file with the default profile; returns each accepted row's client, provider and allocation text. */
async function rowsOf(csv: string): Promise<Written[]> {
  const file = tmp.file(`in-${Math.random().toString(36).slice(2)}.csv`, csv);
  const codes = tmp.file('codes.csv', CODES_CSV);
  const [src] = await openSources([{ path: file }], false);
  const parser = new ChunkParser(src.plan, new CodeMapper(await loadCodes(codes), new Map()));
  const out: Written[] = [];
  const text = (b: Uint8Array, s: number, e: number) => Buffer.from(b.subarray(s, e)).toString('utf8');
  for await (const c of sourceChunks(src, 1 << 20)) {
    const providers: number[] = [];
    const sink: RowSink = {
      write(_line, _start, _end, _gm, _cat, _status, _code, _pcat, provider, client, cs, ce, alloc, as, ae, _extra, birth) {
        providers.push(provider);
        out.push({ client: text(client, cs, ce), provider: '', allocation: text(alloc, as, ae), birth });
      },
    };
    const r = parser.parse(c.buf, 0, c.length, sink);
    providers.forEach((p, i) => (out[out.length - providers.length + i].provider = r.dict.providers[p]));
  }
  return out;
}

const HEADER = 'client_id;gemeente;productcode;productcategorie;begindatum;einddatum;toewijzingnummer;aanbieder;geboortedatum\n';

describe('text fields read as bytes', () => {
  it('a quoted field with "" escapes, padded with spaces, tabs or line ends inside the quotes, is the plain text', async () => {
    const rows = await rowsOf(HEADER + [
      'c1;GM0014;45A01;45;2021-01-04;2021-02-01;A1;Pleegzorg "Thuis" Noord;2010-05-06',
      'c1;GM0014;45A01;45;2021-03-04;2021-04-01;A2;"Pleegzorg ""Thuis"" Noord";2010-05-06',
      'c1;GM0014;45A01;45;2021-05-04;2021-06-01;A3;"  Pleegzorg ""Thuis"" Noord\t";2010-05-06',
      'c1;GM0014;45A01;45;2021-07-04;2021-08-01;A4;"\r\nPleegzorg ""Thuis"" Noord \r\n";2010-05-06',
      'c1;GM0014;45A01;45;2021-09-04;2021-10-01;A5;"""Thuis""";2010-05-06',
      'c1;GM0014;45A01;45;2021-11-04;2021-12-01;A6;"Pleegzorg ""Thuïs""";2010-05-06',
    ].join('\n') + '\n');
    expect(rows.map((r) => r.provider)).toEqual([
      'Pleegzorg "Thuis" Noord', 'Pleegzorg "Thuis" Noord', 'Pleegzorg "Thuis" Noord', 'Pleegzorg "Thuis" Noord',
      '"Thuis"', 'Pleegzorg "Thuïs"',
    ]);
  });

  it('a client key with escapes keeps its bytes while the provider and allocation number after it use their own', async () => {
    const rows = await rowsOf(HEADER + [
      '"ab""cd";GM0014;45A01;45;2021-01-04;2021-02-01;"x""1";"Zorg ""B""";2010-05-06',
      '"ab""cd";GM0014;45A01;45;2021-03-04;2021-04-01;" x""2 ";"Zorg ""C""";2010-05-06',
    ].join('\n') + '\n');
    expect(rows.map((r) => [r.client, r.allocation, r.provider])).toEqual([
      ['ab"cd', 'x"1', 'Zorg "B"'],
      ['ab"cd', 'x"2', 'Zorg "C"'],
    ]);
  });

  it('a birth date repeated on the next row gives the same day; a changed one is read anew, an unreadable one is unknown', async () => {
    const rows = await rowsOf(HEADER + [
      'c1;GM0014;45A01;45;2021-01-04;2021-02-01;A1;P;2010-05-06',
      'c1;GM0014;45A01;45;2021-03-04;2021-04-01;A2;P;2010-05-06',
      'c2;GM0014;45A01;45;2021-03-04;2021-04-01;A3;P;2011-05-06',
      'c3;GM0014;45A01;45;2021-03-04;2021-04-01;A4;P;2011-13-06',
      'c3;GM0014;45A01;45;2021-03-04;2021-04-01;A5;P;2011-13-06',
      'c4;GM0014;45A01;45;2021-03-04;2021-04-01;A6;P;',
    ].join('\n') + '\n');
    // Days since 1970-01-01: 2010-05-06 is 14735, 2011-05-06 is 15100 (365 days later).
    expect(rows.map((r) => r.birth)).toEqual([14735, 14735, 15100, OPEN_END, OPEN_END, OPEN_END]);
  });
});
