// Runs the DuckDB reference implementation (reference.sql) on CSV inputs (allocations, claims or both)
// and returns its metrics rows.
// Independent of the engine: it imports nothing from src/.
import { existsSync, openSync, readSync, closeSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export type DataKind = 'allocations' | 'claims';

/** An input file and its data kind (a plain path: allocations). */
export interface ReferenceInput {
  path: string;
  kind: DataKind;
}

export interface ReferenceOptions {
  inputs: (string | ReferenceInput)[];
  codes: string;
  regions?: string;
  year: number;
  gapDays?: number;
  /** The data cut-off D (SPEC 10, `--data-until`) as YYYY-MM-DD; default: read from the data. */
  dataUntil?: string;
  /** Prior-care lookback L in days (SPEC 10, default 365). */
  lookbackDays?: number;
  /** DuckDB threads (default: DuckDB's own choice, the number of cores). */
  threads?: number;
}

export interface ReferenceRow {
  level: 'municipality' | 'region' | 'all';
  area: string;
  data_kind: DataKind | 'mixed';
  measure: string;
  category: string;
  bucket: string;
  numerator: number;
  denominator: number | null;
  /** The Kaplan-Meier value (in_trajectory_after: S(t); trajectory_duration_median: days); null otherwise or when there is none. */
  value: number | null;
}

/** A SQL file of test/reference/, next to this file (tests run the .ts source) or in the repository (compiled into dist/). */
export function referenceSqlPath(name: string): string {
  for (const rel of [`./${name}`, `../../../test/reference/${name}`]) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  throw new Error(`test/reference/${name} not found`);
}
const sqlPath = (): string => referenceSqlPath('reference.sql');

/** The header line: ',' or ';' (whichever it holds more of, SPEC 9) and its column names, lower case. */
function headerOf(path: string): { delim: string; names: Set<string> } {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(4096);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const header = buf.subarray(0, n).toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '').split(/\r?\n/)[0];
  const count = (c: string): number => header.split(c).length - 1;
  const delim = count(';') > count(',') ? ';' : ',';
  return { delim, names: new Set(header.split(delim).map((h) => h.trim().replace(/^"|"$/g, '').trim().toLowerCase())) };
}

/** The optional columns reference.sql reads when a file has them: placeholder -> column name. */
const OPTIONAL = { reason: 'reden_beeindiging', birth: 'geboortedatum', referrer: 'verwijzer', sex: 'geslacht' } as const;

/** A YYYY-MM-DD date as a day number (days since 1970-01-01). */
function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`dataUntil must be YYYY-MM-DD, not ${iso}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** A text as the inside of a SQL string literal. */
export const lit = (s: string): string => s.replace(/'/g, "''");

/** The statements of reference.sql with the parameters filled in. */
export function referenceStatements(opts: ReferenceOptions): string[] {
  const inputs = opts.inputs.map((i): ReferenceInput => (typeof i === 'string' ? { path: i, kind: 'allocations' } : i));
  for (const i of inputs) if (i.kind !== 'allocations' && i.kind !== 'claims') throw new Error(`unknown data kind ${String(i.kind)}`);
  let sql = readFileSync(sqlPath(), 'utf8');
  const block = (name: string, render: (body: string) => string): void => {
    const re = new RegExp(`-- BEGIN ${name}\\n([\\s\\S]*?)-- END ${name}\\n`, 'g');
    if (!re.test(sql)) throw new Error(`reference.sql: block ${name} not found`);
    sql = sql.replace(re, (_, body: string) => render(body));
  };
  const headers = inputs.map((i) => headerOf(i.path));
  block('PER INPUT', (body) =>
    inputs
      .map(({ path, kind }, i) => {
        let b = body.replaceAll('{{i}}', String(i)).replaceAll('{{path}}', lit(path)).replaceAll('{{delim}}', headers[i].delim).replaceAll('{{kind}}', kind);
        for (const [key, col] of Object.entries(OPTIONAL)) b = b.replaceAll(`{{${key}}}`, headers[i].names.has(col) ? col : 'NULL::VARCHAR');
        return b;
      })
      .join(''),
  );
  block('REGIONS', (body) => (opts.regions ? body.replaceAll('{{regions}}', lit(opts.regions)) : ''));
  const union = inputs.map((_, i) => `SELECT ${i} AS src, rowid AS rn, * FROM norm_${i}`).join(' UNION ALL ');
  const mixed = new Set(inputs.map((i) => i.kind)).size > 1;
  sql = sql
    .replaceAll('{{input_union}}', union)
    .replaceAll('{{mixed}}', mixed ? 'TRUE' : 'FALSE')
    .replaceAll('{{year}}', String(Math.trunc(opts.year)))
    .replaceAll('{{gap_days}}', String(Math.trunc(opts.gapDays ?? 30)))
    .replaceAll('{{has_reason}}', headers.some((h) => h.names.has(OPTIONAL.reason)) ? 'TRUE' : 'FALSE')
    .replaceAll('{{data_until}}', opts.dataUntil === undefined ? 'NULL' : String(dayOf(opts.dataUntil)))
    .replaceAll('{{lookback_days}}', String(Math.trunc(opts.lookbackDays ?? 365)))
    .replaceAll('{{codes}}', lit(opts.codes));
  return sqlStatements(sql);
}

/** The statements of a SQL file: each ends with ';' at the end of a line; comment-only pieces are dropped. */
export function sqlStatements(sql: string): string[] {
  return sql
    .split(/;[ \t]*\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('--')));
}

/** A number column that may be NULL. */
export const nullableNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Runs every statement on the connection (in its current database) and reads the last one's rows:
 * the metrics columns as ReferenceRow, and each row as DuckDB gave it for the columns a caller adds.
 */
export async function runMetricsSql(conn: DuckDBConnection, statements: readonly string[]): Promise<{ row: ReferenceRow; raw: Record<string, unknown> }[]> {
  for (const s of statements.slice(0, -1)) await conn.run(s);
  const reader = await conn.runAndReadAll(statements[statements.length - 1]);
  return reader.getRowObjectsJS().map((r) => ({
    row: {
      level: r.level as ReferenceRow['level'],
      area: String(r.area),
      data_kind: r.data_kind as ReferenceRow['data_kind'],
      measure: String(r.measure),
      category: String(r.category ?? ''),
      bucket: String(r.bucket ?? ''),
      numerator: Number(r.numerator),
      denominator: nullableNumber(r.denominator),
      value: nullableNumber(r.value),
    },
    raw: r,
  }));
}

/** Runs the reference on a connection (in its current database) and reads the metrics rows. */
async function runOn(conn: DuckDBConnection, opts: ReferenceOptions): Promise<ReferenceRow[]> {
  if (opts.inputs.length === 0) throw new Error('no inputs');
  return (await runMetricsSql(conn, referenceStatements(opts))).map((r) => r.row);
}

/** One DuckDB instance for many runs (e.g. the cases of one test file). */
export interface SharedReference {
  run(opts: Omit<ReferenceOptions, 'threads'>): Promise<ReferenceRow[]>;
  close(): void;
}

/**
 * Opens one DuckDB instance; each run gets an in-memory database of its own (ATTACH, USE, DETACH),
 * so runs never see each other's tables. Runs are queued: one at a time.
 */
export async function sharedReference(threads = 1): Promise<SharedReference> {
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const conn = await db.connect();
  let n = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const one = async (opts: ReferenceOptions): Promise<ReferenceRow[]> => {
    const name = `ref_run_${n++}`;
    await conn.run(`ATTACH ':memory:' AS ${name}`);
    await conn.run(`USE ${name}`);
    try {
      return await runOn(conn, opts);
    } finally {
      await conn.run('USE memory');
      await conn.run(`DETACH ${name}`);
    }
  };
  return {
    run(opts) {
      const next = queue.then(() => one(opts));
      queue = next.catch(() => {});
      return next;
    },
    close() {
      conn.closeSync();
      db.closeSync();
    },
  };
}

export async function runReference(opts: ReferenceOptions): Promise<ReferenceRow[]> {
  if (opts.inputs.length === 0) throw new Error('no inputs');
  const db = await DuckDBInstance.create(':memory:', opts.threads ? { threads: String(opts.threads) } : {});
  const conn = await db.connect();
  try {
    return await runOn(conn, opts);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
