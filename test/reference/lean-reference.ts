// Runs the lean DuckDB SQL (lean.sql: what an analyst with a clean export would write) on the clean
// export of the generator, for allocations or claims, and returns its rows.
// Independent of the engine: it imports nothing from src/.
import { readFileSync } from 'node:fs';
import { lit, nullableNumber, referenceSqlPath, runMetricsSql, sqlStatements, type DataKind, type ReferenceRow } from './duckdb-reference.js';
import { DuckDBInstance } from '@duckdb/node-api';

export interface LeanOptions {
  /** The clean input files, in run order (the order decides which allocation version is the latest). */
  inputs: string[];
  codes: string;
  regions: string;
  kind: DataKind;
  year: number;
  gapDays?: number;
  lookbackDays?: number;
  /** DuckDB threads (default: DuckDB's own choice, the number of cores). */
  threads?: number;
}

/** A metrics row of the reference (of one data kind: the lean SQL has no mixed figures), with E. */
export interface LeanRow extends Omit<ReferenceRow, 'data_kind'> {
  data_kind: DataKind;
  /** SPEC 12's expected count E (municipality rows of the standardised shares); null otherwise. */
  expected: number | null;
}

const sqlPath = (): string => referenceSqlPath('lean.sql');

const date = (y: number): string => `DATE '${String(y).padStart(4, '0')}-01-01'`;

/** The statements of lean.sql for one data kind, with the parameters filled in. */
export function leanStatements(opts: LeanOptions): string[] {
  if (opts.kind !== 'allocations' && opts.kind !== 'claims') throw new Error(`unknown data kind ${String(opts.kind)}`);
  const y = Math.trunc(opts.year);
  let sql = readFileSync(sqlPath(), 'utf8');
  for (const [name, keep] of [['ALLOCATIONS', opts.kind === 'allocations'], ['CLAIMS', opts.kind === 'claims']] as const) {
    const re = new RegExp(`-- BEGIN ${name}\\n([\\s\\S]*?)-- END ${name}\\n`);
    if (!re.test(sql)) throw new Error(`lean.sql: block ${name} not found`);
    sql = sql.replace(re, (_, body: string) => (keep ? body : ''));
  }
  sql = sql
    .replaceAll('{{inputs}}', `[${opts.inputs.map((p) => `'${lit(p)}'`).join(', ')}]`)
    .replaceAll('{{codes}}', lit(opts.codes))
    .replaceAll('{{regions}}', lit(opts.regions))
    .replaceAll('{{kind}}', opts.kind)
    .replaceAll('{{y0}}', date(y))
    .replaceAll('{{y1}}', date(y + 1))
    .replaceAll('{{y2}}', date(y + 2))
    .replaceAll('{{gap}}', String(Math.trunc(opts.gapDays ?? 30)))
    .replaceAll('{{lookback}}', String(Math.trunc(opts.lookbackDays ?? 365)));
  return sqlStatements(sql);
}

export async function runLean(opts: LeanOptions): Promise<LeanRow[]> {
  if (opts.inputs.length === 0) throw new Error('no inputs');
  const db = await DuckDBInstance.create(':memory:', opts.threads ? { threads: String(opts.threads) } : {});
  const conn = await db.connect();
  try {
    return (await runMetricsSql(conn, leanStatements(opts))).map(({ row, raw }) => ({
      ...row, data_kind: row.data_kind as LeanRow['data_kind'], expected: nullableNumber(raw.expected),
    }));
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
