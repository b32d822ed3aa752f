import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOptions, loadProfile, loadRunFile, optionValue, parseProfile, pgbMatcher } from '../src/read/profile.js';

const W = 'profile a.json';
const SUPPORTED = "supported: yyyy, MM, M, dd, d with literal separators, or 'auto'";

function err(json: unknown): string {
  try {
    parseProfile(json, W);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected parseProfile to throw');
}

describe('parseProfile: valid profiles', () => {
  it('accepts the empty profile (the default profile)', () => {
    expect(parseProfile({}, W)).toEqual({});
  });

  it('accepts a complete profile and normalises the municipality code', () => {
    const p = parseProfile(
      {
        $schema: '../src/read/profile.schema.json',
        description: 'Gemeente X, toewijzingen export 2022',
        kind: 'allocations',
        delimiter: ';',
        encoding: 'windows-1252',
        dateFormat: 'dd-MM-yyyy',
        columns: { client: 'Cliëntnummer', start: 'Ingangsdatum', end: 'Einddatum', provider: 7 },
        pgbValues: ['PGB', 'pgb', '2'],
        header: true,
        gemeente: 363,
      },
      W,
    );
    expect(p).toEqual({
      $schema: '../src/read/profile.schema.json',
      description: 'Gemeente X, toewijzingen export 2022',
      kind: 'allocations',
      delimiter: ';',
      encoding: 'windows-1252',
      dateFormat: 'dd-MM-yyyy',
      columns: { client: 'Cliëntnummer', start: 'Ingangsdatum', end: 'Einddatum', provider: 7 },
      pgbValues: ['PGB', 'pgb', '2'],
      header: true,
      gemeente: 'GM0363',
    });
    expect(parseProfile({ gemeente: 'gm14' }, W).gemeente).toBe('GM0014');
    expect(parseProfile({ gemeente: '0363' }, W).gemeente).toBe('GM0363');
    expect(parseProfile({ delimiter: '\t', dateFormat: 'auto' }, W)).toEqual({ delimiter: '\t', dateFormat: 'auto' });
    // A fixed-width token may be followed directly by M or d; only M and d need a separator after them.
    expect(parseProfile({ dateFormat: 'ddM-yyyy' }, W)).toEqual({ dateFormat: 'ddM-yyyy' });
  });

  it('accepts a header-less profile that numbers every required column', () => {
    const p = parseProfile({ header: false, gemeente: 'GM0363', columns: { client: 1, productcode: 2, start: 3, end: 4 } }, W);
    expect(p.columns).toEqual({ client: 1, productcode: 2, start: 3, end: 4 });
  });
});

describe('parseProfile: every mistake names the file, the JSON path and what is expected', () => {
  it('a profile that is not an object', () => {
    expect(err([1])).toBe('profile a.json: expected an object (a source profile), got an array');
    expect(err('x')).toBe('profile a.json: expected an object (a source profile), got the string "x"');
  });

  it('unknown keys, with a did-you-mean when one is close', () => {
    expect(err({ delimeter: ';' })).toBe("profile a.json: delimeter: unknown key (did you mean 'delimiter'?)");
    expect(err({ dateformat: 'auto' })).toBe("profile a.json: dateformat: unknown key (did you mean 'dateFormat'?)");
    expect(err({ foo: 1 })).toBe(
      'profile a.json: foo: unknown key (expected one of $schema, description, kind, delimiter, encoding, dateFormat, columns, pgbValues, header, gemeente, sheet, productcodeLength)',
    );
    // Inside columns: a header name used as a key points at its field; a typo at the closest field.
    expect(err({ columns: { ingangsdatum: 'Ingangsdatum' } })).toBe("profile a.json: columns.ingangsdatum: unknown key (did you mean 'start'?)");
    expect(err({ columns: { strat: 'Begin' } })).toBe("profile a.json: columns.strat: unknown key (did you mean 'start'?)");
  });

  it('wrong types', () => {
    expect(err({ columns: { start: true } })).toBe(
      'profile a.json: columns.start: expected a header name or a column number (1 or more), got boolean true',
    );
    expect(err({ columns: { start: '' } })).toBe('profile a.json: columns.start: expected a non-empty header name, got the string ""');
    expect(err({ columns: { start: '  ' } })).toBe('profile a.json: columns.start: expected a non-empty header name, got the string "  "');
    expect(err({ columns: { start: 1.5 } })).toBe('profile a.json: columns.start: expected a header name or a column number (1 or more), got number 1.5');
    expect(err({ columns: { start: 0 } })).toBe('profile a.json: columns.start: expected a header name or a column number (1 or more), got number 0');
    expect(err({ columns: ['client_id'] })).toBe(
      'profile a.json: columns: expected an object mapping fields (client, gemeente, productcode, productcategorie, start, end, allocation, provider, referrer, birthdate, reason, sex, deliveryForm) to header names, got an array',
    );
    expect(err({ header: 'yes' })).toBe('profile a.json: header: expected true or false, got the string "yes"');
    expect(err({ pgbValues: 'PGB' })).toBe('profile a.json: pgbValues: expected an array of strings such as ["PGB", "2"], got the string "PGB"');
    expect(err({ pgbValues: ['PGB', 2] })).toBe('profile a.json: pgbValues[1]: expected a non-empty string, got number 2');
    expect(err({ pgbValues: [''] })).toBe('profile a.json: pgbValues[0]: expected a non-empty string, got the string ""');
    expect(err({ kind: 1 })).toBe("profile a.json: kind: expected 'allocations' or 'claims', got number 1");
    expect(err({ $schema: null })).toBe('profile a.json: $schema: expected a string, got null');
    expect(err({ description: 5 })).toBe('profile a.json: description: expected a string, got number 5');
  });

  it('unknown kind and encoding, with the likely intended value', () => {
    expect(err({ kind: 'toewijzingen' })).toBe(
      "profile a.json: kind: unknown kind 'toewijzingen': expected 'allocations' or 'claims' (did you mean 'allocations'?)",
    );
    expect(err({ kind: 'claim' })).toBe("profile a.json: kind: unknown kind 'claim': expected 'allocations' or 'claims' (did you mean 'claims'?)");
    expect(err({ kind: 'budget' })).toBe("profile a.json: kind: unknown kind 'budget': expected 'allocations' or 'claims'");
    expect(err({ encoding: 'latin1' })).toBe(
      "profile a.json: encoding: unknown encoding 'latin1': expected 'utf-8', 'utf-8-bom' or 'windows-1252' (did you mean 'windows-1252'?)",
    );
    expect(err({ encoding: 'UTF8' })).toBe(
      "profile a.json: encoding: unknown encoding 'UTF8': expected 'utf-8', 'utf-8-bom' or 'windows-1252' (did you mean 'utf-8'?)",
    );
    expect(err({ encoding: 'ebcdic' })).toBe("profile a.json: encoding: unknown encoding 'ebcdic': expected 'utf-8', 'utf-8-bom' or 'windows-1252'");
  });

  it('unsupported date format tokens', () => {
    expect(err({ dateFormat: 'DD-MM-YYYY' })).toBe(
      `profile a.json: dateFormat: unsupported token 'DD' in 'DD-MM-YYYY' (did you mean 'dd-MM-yyyy'?); ${SUPPORTED}`,
    );
    expect(err({ dateFormat: 'dd-mm-yyyy' })).toBe(
      `profile a.json: dateFormat: unsupported token 'mm' in 'dd-mm-yyyy' (did you mean 'dd-MM-yyyy'?); ${SUPPORTED}`,
    );
    expect(err({ dateFormat: 'dd-MM-yy' })).toBe(`profile a.json: dateFormat: unsupported token 'yy' in 'dd-MM-yy'; ${SUPPORTED}`);
    expect(err({ dateFormat: 'yyyy-MM-dd HH:mm' })).toBe(`profile a.json: dateFormat: unsupported token 'HH' in 'yyyy-MM-dd HH:mm'; ${SUPPORTED}`);
    expect(err({ dateFormat: 'dd-MM' })).toBe(`profile a.json: dateFormat: 'dd-MM' has no year (yyyy); ${SUPPORTED}`);
    expect(err({ dateFormat: 'dd-MM-yyyy dd' })).toBe(`profile a.json: dateFormat: 'dd-MM-yyyy dd' gives the day twice; ${SUPPORTED}`);
    expect(err({ dateFormat: 'dMyyyy' })).toBe(
      "profile a.json: dateFormat: 'dMyyyy': 'd' directly next to 'M' is ambiguous (M and d take one or two digits); put a separator between them or use MM and dd",
    );
    expect(err({ dateFormat: 'Myyyy-dd' })).toBe(
      "profile a.json: dateFormat: 'Myyyy-dd': 'M' directly next to 'yyyy' is ambiguous (M and d take one or two digits); put a separator between them or use MM and dd",
    );
    expect(err({ dateFormat: 20210301 })).toBe("profile a.json: dateFormat: expected a string such as 'dd-MM-yyyy' or 'auto', got number 20210301");
    // Formats the schema once let through and the reader then refused inside a worker, without a path:
    expect(err({ dateFormat: 'dd\u2013MM\u2013yyyy' })).toBe(
      "profile a.json: dateFormat: unsupported separator '\u2013' (U+2013) in 'dd\u2013MM\u2013yyyy' (did you mean 'dd-MM-yyyy'?); separators are ASCII characters such as - / . or a space",
    );
    expect(err({ dateFormat: "dd-MM-yyyy'T'" })).toBe(
      `profile a.json: dateFormat: quoted literals are not supported in 'dd-MM-yyyy'T'': write separators as they are, e.g. 'dd-MM-yyyy'; ${SUPPORTED}`,
    );
  });

  it('bad delimiters', () => {
    expect(err({ delimiter: 'tab' })).toBe(`profile a.json: delimiter: expected one character such as ';' or ',', got "tab" (did you mean '\\t'?)`);
    expect(err({ delimiter: ';;' })).toBe(`profile a.json: delimiter: expected one character such as ';' or ',', got ";;"`);
    expect(err({ delimiter: 'auto' })).toBe(`profile a.json: delimiter: expected one character such as ';' or ',', got "auto" (leave the delimiter out to detect it)`);
    expect(err({ delimiter: '§' })).toMatch(/^profile a.json: delimiter: '§' \(U\+00A7\) cannot be a delimiter: expected an ASCII character/);
    expect(err({ delimiter: '"' })).toBe(`profile a.json: delimiter: "\\"" cannot be a delimiter; expected a character such as ';' or ','`);
    expect(err({ delimiter: 59 })).toBe("profile a.json: delimiter: expected a string: one character such as ';' or ',', got number 59");
  });

  it('a municipality that is not a CBS code', () => {
    expect(err({ gemeente: 'Utrecht' })).toBe(
      `profile a.json: gemeente: expected a CBS municipality code such as 363, '0363' or 'GM0363', got the string "Utrecht"`,
    );
    expect(err({ gemeente: 0 })).toBe(`profile a.json: gemeente: expected a CBS municipality code such as 363, '0363' or 'GM0363', got number 0`);
    // The rule of read/municipality.ts, which the data rows follow too.
    for (const bad of ['GM0000', '10000', 'GM 363', '36 3', '٣٦٣']) {
      expect(err({ gemeente: bad }), bad).toBe(`profile a.json: gemeente: expected a CBS municipality code such as 363, '0363' or 'GM0363', got the string ${JSON.stringify(bad)}`);
    }
    expect(err({ gemeente: 10000 })).toBe(`profile a.json: gemeente: expected a CBS municipality code such as 363, '0363' or 'GM0363', got number 10000`);
    expect(err({ gemeente: 36.3 })).toBe(`profile a.json: gemeente: expected a CBS municipality code such as 363, '0363' or 'GM0363', got number 36.3`);
    expect(parseProfile({ gemeente: ' gm14\t' }, W).gemeente).toBe('GM0014');
  });

  it('one column for two fields', () => {
    expect(err({ columns: { start: 'Datum', end: 'datum' } })).toBe('profile a.json: columns.end: the same column as columns.start; each column can hold one field');
    expect(err({ columns: { start: 3, end: 3 } })).toBe('profile a.json: columns.end: the same column as columns.start; each column can hold one field');
  });

  it('header: false needs column numbers for every required field', () => {
    expect(err({ header: false, columns: { client: 'Client', productcode: 2, start: 3, end: 4, gemeente: 5 } })).toBe(
      'profile a.json: columns.client: the profile says header: false, so expected a column number (1 = first column), got the string "Client"',
    );
    expect(err({ header: false, columns: { client: 1, start: 3 } })).toBe(
      'profile a.json: columns: the profile says header: false, so expected column numbers for gemeente, productcode, end',
    );
    expect(err({ header: false, gemeente: 363, columns: { client: 1 } })).toBe(
      'profile a.json: columns: the profile says header: false, so expected column numbers for productcode, start, end',
    );
    expect(err({ header: false })).toBe(
      'profile a.json: missing key columns (the profile says header: false, so every required field needs a column number: client, gemeente (unless the profile sets gemeente), productcode, start and end)',
    );
    // A header name next to header: true is fine, as is a number.
    expect(parseProfile({ header: true, columns: { client: 'Client', end: 4 } }, W)).toEqual({ header: true, columns: { client: 'Client', end: 4 } });
  });

  it('reports every mistake of a profile at once, one per line', () => {
    expect(err({ kind: 'claimz', encoding: 'utf-16', colums: {} })).toBe(
      [
        "profile a.json: colums: unknown key (did you mean 'columns'?)",
        "profile a.json: kind: unknown kind 'claimz': expected 'allocations' or 'claims' (did you mean 'claims'?)",
        "profile a.json: encoding: unknown encoding 'utf-16': expected 'utf-8', 'utf-8-bom' or 'windows-1252'",
      ].join('\n'),
    );
  });
});

describe('pgbMatcher', () => {
  it('compares trimmed values ignoring case; default pgb', () => {
    const m = pgbMatcher(['PGB', '2']);
    expect([m('pgb'), m(' 2 '), m('ZIN'), m('1'), m('')]).toEqual([true, true, false, false, false]);
    expect(pgbMatcher()('Pgb')).toBe(true);
  });
});

describe('files: loadProfile and loadRunFile', () => {
  let dir: string;
  const write = (rel: string, text: string): string => {
    const f = path.join(dir, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };
  const runErr = (json: unknown): string => {
    const f = write('run.json', JSON.stringify(json));
    try {
      loadRunFile(f);
    } catch (e) {
      return (e as Error).message.replaceAll(dir, '<dir>');
    }
    throw new Error('expected loadRunFile to throw');
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'traject-profile-'));
    write('a.csv', 'client_id;gemeente;productcode;begindatum;einddatum\n');
    write('b.csv', 'x\n');
    write('codes.csv', 'productcode,category\n');
    write('regions.csv', 'gemeente,regio\n');
    write('profiles/a.json', JSON.stringify({ kind: 'allocations', delimiter: ';', columns: { client: 'Cliëntnummer' } }));
    write('profiles/bad.json', JSON.stringify({ columns: { start: 1.5 } }));
    write('profiles/broken.json', '{ "kind": ');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loadProfile reads a file (a byte-order mark is fine)', () => {
    const f = write('p.json', '\uFEFF{"kind":"claims"}');
    expect(loadProfile(f)).toEqual({ kind: 'claims' });
  });

  it('loadProfile names the file for unreadable or invalid JSON', () => {
    const missing = path.join(dir, 'nope.json');
    expect(() => loadProfile(missing)).toThrow(`profile ${missing}: cannot read the file (ENOENT)`);
    const broken = path.join(dir, 'profiles/broken.json');
    expect(() => loadProfile(broken)).toThrow(new RegExp(`^profile ${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not valid JSON \\(`));
  });

  it('loadRunFile resolves paths against the run file and loads profiles', () => {
    const f = write(
      'run.json',
      JSON.stringify({
        sources: [
          { path: 'a.csv', profile: 'profiles/a.json' },
          { path: 'b.csv', profile: { delimiter: ',', kind: 'allocations' }, kind: 'claims' },
        ],
        codes: 'codes.csv',
        regions: 'regions.csv',
        year: 2021,
        gapDays: 30,
        disclosure: 'cbs',
        out: 'results',
      }),
    );
    expect(loadRunFile(f)).toEqual({
      sources: [
        {
          path: path.join(dir, 'a.csv'),
          profile: { kind: 'allocations', delimiter: ';', columns: { client: 'Cliëntnummer' } },
          profilePath: path.join(dir, 'profiles/a.json'),
          kind: 'allocations',
        },
        // The source's own kind wins over its profile's.
        { path: path.join(dir, 'b.csv'), profile: { delimiter: ',', kind: 'allocations' }, kind: 'claims' },
      ],
      codes: path.join(dir, 'codes.csv'),
      regions: path.join(dir, 'regions.csv'),
      year: 2021,
      gapDays: 30,
      disclosure: 'cbs',
      out: path.join(dir, 'results'),
    });
  });

  it('run file mistakes name the run file and the JSON path', () => {
    expect(runErr([])).toBe('run <dir>/run.json: expected an object (a run file) with sources, got an array');
    expect(runErr({})).toBe('run <dir>/run.json: missing key sources (the list of input files)');
    expect(runErr({ sources: [] })).toBe('run <dir>/run.json: sources: expected a non-empty array of sources, got an array');
    expect(runErr({ sources: ['a.csv'] })).toBe(
      'run <dir>/run.json: sources[0]: expected an object such as { "path": "data/a.csv", "kind": "allocations" }, got the string "a.csv"',
    );
    expect(runErr({ sources: [{ kind: 'claims' }] })).toBe('run <dir>/run.json: sources[0]: missing key path (the CSV file or workbook, relative to the run file)');
    expect(runErr({ sources: [{ path: 'c.csv', kind: 'claims' }] })).toBe('run <dir>/run.json: sources[0].path: file not found: <dir>/c.csv');
    expect(runErr({ sources: [{ path: 'a.csv' }] })).toBe(
      'run <dir>/run.json: sources[0]: no kind: give "kind": "allocations" or "claims" here or in its profile (allocation and claims figures are not comparable, so traject does not guess)',
    );
    expect(runErr({ sources: [{ path: 'a.csv', kind: 'claims', profiel: 'x' }] })).toBe(
      "run <dir>/run.json: sources[0].profiel: unknown key (did you mean 'profile'?)",
    );
    expect(runErr({ sources: [{ path: 'a.csv', kind: 'claims', profile: 'profiles/none.json' }] })).toBe(
      'run <dir>/run.json: sources[0].profile: profile not found: <dir>/profiles/none.json',
    );
    expect(runErr({ sources: [{ path: 'a.csv', kind: 'claims' }, { path: './a.csv', kind: 'allocations' }] })).toBe(
      'run <dir>/run.json: sources[1].path: the same file as sources[0]; list each file once',
    );
    expect(runErr({ sources: [{ path: 'a.csv', kind: 'claims', profile: 3 }] })).toBe(
      'run <dir>/run.json: sources[0].profile: expected a profile file name (a string) or an inline profile (an object), got number 3',
    );
  });

  it('a mistake in a profile file names that file; one in an inline profile names the run file and path', () => {
    expect(runErr({ sources: [{ path: 'a.csv', kind: 'claims', profile: 'profiles/bad.json' }] })).toBe(
      'profile profiles/bad.json: columns.start: expected a header name or a column number (1 or more), got number 1.5',
    );
    expect(runErr({ sources: [{ path: 'a.csv', profile: { kind: 'claims', columns: { start: false } } }] })).toBe(
      'run <dir>/run.json: sources[0].profile.columns.start: expected a header name or a column number (1 or more), got boolean false',
    );
  });

  it('run settings of the wrong type or out of range', () => {
    const src = [{ path: 'a.csv', kind: 'claims' }];
    expect(runErr({ sources: src, year: '2021' })).toBe('run <dir>/run.json: year: expected a year such as 2021 (an integer from 2000 to 2100), got the string "2021"');
    expect(runErr({ sources: src, gapDays: -1 })).toBe(
      'run <dir>/run.json: gapDays: expected a number of days such as 30 (an integer from 0 to 3650), got number -1',
    );
    expect(runErr({ sources: src, disclosure: 'none' })).toBe("run <dir>/run.json: disclosure: unknown disclosure 'none': expected 'cbs' or 'off' (did you mean 'off'?)");
    expect(runErr({ sources: src, gapdays: 30 })).toBe("run <dir>/run.json: gapdays: unknown key (did you mean 'gapDays'?)");
    expect(runErr({ sources: src, codes: 'mapping.csv' })).toBe('run <dir>/run.json: codes: code mapping table not found: <dir>/mapping.csv');
    expect(runErr({ sources: src, regions: 7 })).toBe('run <dir>/run.json: regions: expected a non-empty string, got number 7');
    expect(runErr({ sources: src, out: '' })).toBe('run <dir>/run.json: out: expected a non-empty string, got the string ""');
    expect(runErr({ sources: src, threshold: 7.5, rounding: 0 })).toBe(
      [
        'run <dir>/run.json: threshold: expected a whole number such as 7 (an integer from 0 to 1000), got number 7.5',
        'run <dir>/run.json: rounding: expected a whole number such as 5 (an integer from 1 to 1000), got number 0',
      ].join('\n'),
    );
    expect(runErr({ sources: src, labels: 'yes' })).toBe('run <dir>/run.json: labels: expected true or false, got the string "yes"');
  });
});

describe('a mistake deep in a run file names its JSON path, all mistakes at once', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'traject-run-'));
    fs.writeFileSync(path.join(dir, 'a.csv'), 'x\n');
    fs.writeFileSync(path.join(dir, 'b.csv'), 'x\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const runErr = (json: unknown): string => {
    const f = path.join(dir, 'run.json');
    fs.writeFileSync(f, JSON.stringify(json));
    try {
      loadRunFile(f);
    } catch (e) {
      return (e as Error).message.replaceAll(dir, '<dir>');
    }
    throw new Error('expected loadRunFile to throw');
  };

  it('an inline profile in the second source', () => {
    expect(
      runErr({
        sources: [
          { path: 'a.csv', kind: 'claims' },
          { path: 'b.csv', profile: { kind: 'claims', dateFormat: 'dd\u2013MM\u2013yyyy', delimiter: '\u00a7', encoding: 'latin1', colums: {} } },
        ],
        yaer: 2021,
      }),
    ).toBe(
      [
        "run <dir>/run.json: yaer: unknown key (did you mean 'year'?)",
        "run <dir>/run.json: sources[1].profile.colums: unknown key (did you mean 'columns'?)",
        "run <dir>/run.json: sources[1].profile.delimiter: '\u00a7' (U+00A7) cannot be a delimiter: expected an ASCII character such as ';', ',' or '|' (traject splits bytes, and a non-ASCII character is more than one byte in UTF-8)",
        "run <dir>/run.json: sources[1].profile.encoding: unknown encoding 'latin1': expected 'utf-8', 'utf-8-bom' or 'windows-1252' (did you mean 'windows-1252'?)",
        "run <dir>/run.json: sources[1].profile.dateFormat: unsupported separator '\u2013' (U+2013) in 'dd\u2013MM\u2013yyyy' (did you mean 'dd-MM-yyyy'?); separators are ASCII characters such as - / . or a space",
      ].join('\n'),
    );
  });

  it('a source that is neither a path nor an object, and one whose profile is neither', () => {
    expect(runErr({ sources: [{ path: 'a.csv', kind: 'claims', profile: [] }, 7, { path: '', kind: 'allocation' }] })).toBe(
      [
        'run <dir>/run.json: sources[0].profile: expected a profile file name (a string) or an inline profile (an object), got an array',
        'run <dir>/run.json: sources[1]: expected an object such as { "path": "data/a.csv", "kind": "allocations" }, got number 7',
        'run <dir>/run.json: sources[2].path: expected a non-empty string, got the string ""',
        "run <dir>/run.json: sources[2].kind: unknown kind 'allocation': expected 'allocations' or 'claims' (did you mean 'allocations'?)",
      ].join('\n'),
    );
  });
});

describe('command-line settings: the run file definitions, the same message after the option name', () => {
  const optErr = (values: Parameters<typeof checkOptions>[0]): string => {
    try {
      checkOptions(values);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected checkOptions to throw');
  };

  it('accepts good values and anything left out', () => {
    expect(() => checkOptions({})).not.toThrow();
    expect(() => checkOptions({ year: 2021, gapDays: 0, threshold: 0, rounding: 1, workers: 256, disclosure: 'off', kind: 'claims', delimiter: '|', encoding: 'utf-8' })).not.toThrow();
  });

  it('names the option and says what is expected', () => {
    expect(optErr({ year: 21 })).toBe('--year: expected a year such as 2021 (an integer from 2000 to 2100), got number 21');
    expect(optErr({ gapDays: -5 })).toBe('--gap-days: expected a number of days such as 30 (an integer from 0 to 3650), got number -5');
    expect(optErr({ workers: 0 })).toBe('--workers: expected a number of worker threads such as 2 (an integer from 1 to 256), got number 0');
    expect(optErr({ disclosure: 'none' })).toBe("--disclosure: unknown disclosure 'none': expected 'cbs' or 'off' (did you mean 'off'?)");
    expect(optErr({ kind: 'declaraties' })).toBe("--kind: unknown kind 'declaraties': expected 'allocations' or 'claims' (did you mean 'claims'?)");
    expect(optErr({ delimiter: 'tab' })).toBe(`--delimiter: expected one character such as ';' or ',', got "tab" (did you mean '\\t'?)`);
    expect(optErr({ encoding: 'cp1252' })).toBe("--encoding: unknown encoding 'cp1252': expected 'utf-8', 'utf-8-bom' or 'windows-1252' (did you mean 'windows-1252'?)");
    expect(optErr({ year: 1999, rounding: 0 })).toBe(
      [
        '--year: expected a year such as 2021 (an integer from 2000 to 2100), got number 1999',
        '--rounding: expected a whole number such as 5 (an integer from 1 to 1000), got number 0',
      ].join('\n'),
    );
  });

  it('reads numbers from the command line as numbers, and anything else as the text it is', () => {
    expect([optionValue('2021'), optionValue('-5'), optionValue(' 1.5'), optionValue('abc'), optionValue('1e3'), optionValue(undefined)]).toEqual([
      2021, -5, 1.5, 'abc', '1e3', undefined,
    ]);
    expect(optErr({ year: optionValue('abc') })).toBe('--year: expected a year such as 2021 (an integer from 2000 to 2100), got the string "abc"');
  });

  it('gives the message a run file gets for the same value', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'traject-same-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.csv'), 'x\n');
      for (const [key, option, value] of [['gapDays', '--gap-days', 4000], ['year', '--year', '2021'], ['disclosure', '--disclosure', 'internal']] as const) {
        const f = path.join(dir, 'run.json');
        fs.writeFileSync(f, JSON.stringify({ sources: [{ path: 'a.csv', kind: 'claims' }], [key]: value }));
        let fromRun = '';
        try {
          loadRunFile(f);
        } catch (e) {
          fromRun = (e as Error).message;
        }
        expect(fromRun.startsWith(`run ${f}: ${key}: `), fromRun).toBe(true);
        expect(optErr({ [key]: value })).toBe(`${option}: ${fromRun.slice(`run ${f}: ${key}: `.length)}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docs/profiles.md', () => {
  const schema = JSON.parse(fs.readFileSync(new URL('../src/read/profile.schema.json', import.meta.url), 'utf8')) as {
    properties: Record<string, unknown>;
    $defs: { runFile: { properties: Record<string, unknown> }; source: { properties: Record<string, unknown> } };
  };
  it('documents every profile, run file and source key of the schema', () => {
    const doc = fs.readFileSync(new URL('../docs/profiles.md', import.meta.url), 'utf8');
    for (const k of Object.keys(schema.properties)) expect(doc, k).toContain(`| \`${k}\``);
    for (const k of Object.keys(schema.$defs.runFile.properties)) expect(doc, k).toMatch(new RegExp(`\\| \`(sources\\[\\]\\.)?${k.replace('$', '\\$')}\``));
    for (const k of Object.keys(schema.$defs.source.properties)) expect(doc, k).toContain(`| \`sources[].${k}\` |`);
  });
});
