// Runs the DuckDB reference implementation (reference.sql) on CSV inputs and returns its metrics rows.
// Independent of the engine: it imports nothing from src/.
import { existsSync, openSync, readSync, closeSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

export interface ReferenceOptions {
  inputs: string[];
  codes: string;
  regions?: string;
  year: number;
  gapDays?: number;
  /** DuckDB threads (default: DuckDB's own choice, the number of cores). */
  threads?: number;
}

export interface ReferenceRow {
  level: 'municipality' | 'region' | 'all';
  area: string;
  data_kind: 'allocations';
  measure: string;
  category: string;
  bucket: string;
  numerator: number;
  denominator: number | null;
}

/** reference.sql next to this file (tests run the .ts source) or in the repository (compiled into dist/). */
function sqlPath(): string {
  for (const rel of ['./reference.sql', '../../../test/reference/reference.sql']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  throw new Error('test/reference/reference.sql not found');
}

/** ',' or ';', whichever the header line holds more of (SPEC 9). */
function delimiterOf(path: string): string {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(4096);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const header = buf.subarray(0, n).toString('latin1').split(/\r?\n/)[0];
  const count = (c: string): number => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

const lit = (s: string): string => s.replace(/'/g, "''");

/** The statements of reference.sql with the parameters filled in. */
export function referenceStatements(opts: ReferenceOptions): string[] {
  let sql = readFileSync(sqlPath(), 'utf8');
  const block = (name: string, render: (body: string) => string): void => {
    const re = new RegExp(`-- BEGIN ${name}\\n([\\s\\S]*?)-- END ${name}\\n`, 'g');
    if (!re.test(sql)) throw new Error(`reference.sql: block ${name} not found`);
    sql = sql.replace(re, (_, body: string) => render(body));
  };
  block('PER INPUT', (body) =>
    opts.inputs
      .map((path, i) => body.replaceAll('{{i}}', String(i)).replaceAll('{{path}}', lit(path)).replaceAll('{{delim}}', delimiterOf(path)))
      .join(''),
  );
  block('REGIONS', (body) => (opts.regions ? body.replaceAll('{{regions}}', lit(opts.regions)) : ''));
  const union = opts.inputs.map((_, i) => `SELECT ${i} AS src, rowid AS rn, * FROM norm_${i}`).join(' UNION ALL ');
  sql = sql
    .replaceAll('{{input_union}}', union)
    .replaceAll('{{year}}', String(Math.trunc(opts.year)))
    .replaceAll('{{gap_days}}', String(Math.trunc(opts.gapDays ?? 30)))
    .replaceAll('{{codes}}', lit(opts.codes));
  // Statements end with ';' at the end of a line; drop comment-only pieces.
  return sql
    .split(/;[ \t]*\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('--')));
}

export async function runReference(opts: ReferenceOptions): Promise<ReferenceRow[]> {
  if (opts.inputs.length === 0) throw new Error('no inputs');
  const db = await DuckDBInstance.create(':memory:', opts.threads ? { threads: String(opts.threads) } : {});
  const conn = await db.connect();
  try {
    const statements = referenceStatements(opts);
    for (const s of statements.slice(0, -1)) await conn.run(s);
    const reader = await conn.runAndReadAll(statements[statements.length - 1]);
    return reader.getRowObjectsJS().map((r) => ({
      level: r.level as ReferenceRow['level'],
      area: String(r.area),
      data_kind: 'allocations',
      measure: String(r.measure),
      category: String(r.category ?? ''),
      bucket: String(r.bucket ?? ''),
      numerator: Number(r.numerator),
      denominator: r.denominator === null || r.denominator === undefined ? null : Number(r.denominator),
    }));
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
