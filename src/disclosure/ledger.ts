// The publication ledger (issue 15; docs/disclosure.md, "Publications that can be subtracted").
//
// Disclosure control protects the tables of one run. Two publications of the same figure can still be
// subtracted: 2021 for twelve municipalities, later for eleven, gives the twelfth by difference. The
// ledger records, for every cell a run published, its identity and its exact counts. A later run
// compares its exact counts with the ledger's for the same identities and holds back every cell whose
// difference from an earlier publication would describe a small group (differenceDiscloses); those
// cells get status 'ledger' and secondary suppression protects them like any other hidden cell.
//
// Pure: parsing, checking, comparing and extending a ledger. Reading and writing the file is
// src/output/ledger-file.ts. The ledger holds exact small counts, so it is itself not for publication.

import type { CellStatus, Measure, MetricRow } from '../model/model.js';
import type { DisclosureSettings, LedgerManifest } from '../model/manifest.js';
import { disclosureKind } from '../measures/measure.js';
import { MEASURES, measure as measureDef } from '../measures/registry.js';

const kindOf = (m: string) => disclosureKind(measureDef(m));

export const LEDGER_FORMAT = 'traject-ledger/1';
export const LEDGER_NOTICE =
  'NOT FOR PUBLICATION. traject publication ledger: the exact counts behind figures published earlier, so that ' +
  'later runs do not publish small differences. It holds exact small counts: keep it with the data, never with the outputs.';

/** What names a cell across runs, in the order the ledger's cells list it. */
export const IDENTITY_COLUMNS = ['data_kind', 'year', 'gap_days', 'level', 'area', 'breakdown', 'group', 'measure', 'category', 'bucket'] as const;
/** The columns of one ledger cell: the identity, the exact counts, and the run that published it first. */
export const CELL_COLUMNS = [...IDENTITY_COLUMNS, 'numerator', 'denominator', 'run'] as const;

export type CellIdentity = [
  data_kind: string, year: number, gap_days: number, level: string, area: string,
  breakdown: string, group: string, measure: string, category: string, bucket: string,
];

/** What a run's rows do not carry themselves (yet): the cohort year and the gap of the run's settings. */
/**
 * A cell's identity: data kind, year, gap, level, area (the municipality code, never a label: labels
 * change with the set of municipalities), breakdown, group, measure, category, bucket. Rows do not have
 * year, gap_days, breakdown and group columns yet (SPEC 11): year and gap come from the run's settings,
 * breakdown and group are empty. The one place to extend when they arrive.
 */
export function cellIdentity(r: MetricRow): CellIdentity {
  return [r.data_kind, r.year, r.gap_days, r.level, r.area, r.breakdown, r.group, r.measure, r.category, r.bucket];
}

export const identityKey = (id: CellIdentity): string => JSON.stringify(id);

export interface ExactCounts {
  numerator: number;
  /** null for a count (cohort_youths). */
  denominator: number | null;
}

export interface LedgerCell extends ExactCounts {
  id: CellIdentity;
  /** The run (1, 2, ...) that first published these counts. */
  run: number;
}

export interface LedgerRun {
  run: number;
  /** The output folder (absolute) and the SHA-256 of the manifest.json the run wrote there. */
  out: string;
  manifestSha256: string;
  /** Cells the run published, and of those the ones new to the ledger (not already there with the same counts). */
  published: number;
  added: number;
}

export interface Ledger {
  /** The file, as the user named it (for messages and the manifest; not stored in the file). */
  file: string;
  engine: string;
  threshold: number;
  roundingBase: number;
  runs: LedgerRun[];
  cells: LedgerCell[];
}

export function emptyLedger(file: string, engine: string, d: Pick<DisclosureSettings, 'threshold' | 'roundingBase'>): Ledger {
  return { file, engine, threshold: d.threshold, roundingBase: d.roundingBase, runs: [], cells: [] };
}

/**
 * True when publishing `now` after `before` (the same cell's exact counts) would describe a small group
 * by difference, so `now` must be held back. Each exact count is compared: the numerator, the
 * denominator, and for a share the complement (denominator - numerator).
 * - Equal counts: nothing new, never held back.
 * - The denominator is equal (a count has none): held back when the numerator differs by 1 to the
 *   threshold (one youth corrected: 1; a group of 10 that moved between numerator and complement is not small).
 * - The denominator differs: the difference is a group of that many youths (or trajectories), judged like a
 *   cell of its own (SPEC 7): held back when its size, its numerator or (shares) its complement is at most
 *   the threshold, 0 included ("none of the 20 youths of the left-out municipality left care" is a 0).
 */
export function differenceDiscloses(measure: Measure, now: ExactCounts, before: ExactCounts, threshold: number): boolean {
  const kind = kindOf(measure);
  const dn = Math.abs(now.numerator - before.numerator);
  const dd = kind === 'count' ? 0 : Math.abs((now.denominator ?? 0) - (before.denominator ?? 0));
  if (dn === 0 && dd === 0) return false;
  if (dd === 0) return dn <= threshold;
  if (dd <= threshold || dn <= threshold) return true;
  if (kind !== 'share') return false;
  const dc = Math.abs((now.denominator! - now.numerator) - (before.denominator! - before.numerator));
  return dc <= threshold;
}

/** Earlier published counts by identity key. */
function byIdentity(ledger: Ledger): Map<string, ExactCounts[]> {
  const m = new Map<string, ExactCounts[]>();
  for (const c of ledger.cells) {
    const k = identityKey(c.id);
    const list = m.get(k);
    if (list) list.push(c);
    else m.set(k, [c]);
  }
  return m;
}

/**
 * The rows (indices into `exact`, the run's exact rows) to hold back: those whose exact counts differ
 * from an earlier publication of the same cell in a way that discloses (differenceDiscloses).
 * A cell the ledger does not know is new and compared with nothing; a cell the ledger knows that this
 * run lacks (a municipality left out) is not published, and its absence shows no count.
 */
export function ledgerHolds(ledger: Ledger, exact: readonly MetricRow[], settings: DisclosureSettings): Set<number> {
  checkSettings(ledger, settings);
  const earlier = byIdentity(ledger);
  const held = new Set<number>();
  exact.forEach((r, i) => {
    if (r.numerator === null) return;
    const list = earlier.get(identityKey(cellIdentity(r)));
    const now = { numerator: r.numerator, denominator: r.denominator };
    if (list?.some((b) => differenceDiscloses(r.measure, now, b, settings.threshold))) held.add(i);
  });
  return held;
}

/** A ledger is only valid with the disclosure settings it was written with, in a run with disclosure on. */
export function checkSettings(ledger: Ledger, settings: DisclosureSettings): void {
  if (settings.mode === 'off') {
    throw new LedgerError(
      `--ledger: an internal run (--disclosure off) publishes nothing, so it is neither compared with nor recorded in a ledger; ` +
        `leave out --ledger (or the run file's "ledger") for internal runs`);
  }
  if (settings.threshold !== ledger.threshold || settings.roundingBase !== ledger.roundingBase) {
    throw new LedgerError(
      `ledger ${ledger.file}: written with disclosure threshold ${ledger.threshold} and rounding ${ledger.roundingBase}, ` +
        `but this run uses threshold ${settings.threshold} and rounding ${settings.roundingBase}; a ledger compares counts under one ` +
        `set of rules: run with --threshold ${ledger.threshold} --rounding ${ledger.roundingBase}, or start a new ledger file (keep the old one with the data)`);
  }
}

/** A ledger the run cannot use; the CLI reports it as unusable settings (exit 1). */
export class LedgerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerError';
  }
}

/** The cells a run published (status 'published'), with their exact counts. `exact` and `shown` are parallel. */
export function publishedCells(exact: readonly MetricRow[], shown: readonly { status: CellStatus }[]): (ExactCounts & { id: CellIdentity })[] {
  if (exact.length !== shown.length) throw new Error(`ledger: ${exact.length} exact rows but ${shown.length} published rows`);
  const out: (ExactCounts & { id: CellIdentity })[] = [];
  exact.forEach((r, i) => {
    if (shown[i].status !== 'published' || r.numerator === null) return;
    out.push({ id: cellIdentity(r), numerator: r.numerator, denominator: kindOf(r.measure) === 'count' ? null : r.denominator });
  });
  return out;
}

/** The ledger with one more run's published cells; a cell already there with the same counts is kept once. */
export function withRun(ledger: Ledger, cells: readonly (ExactCounts & { id: CellIdentity })[], run: { out: string; manifestSha256: string }): Ledger {
  const n = (ledger.runs.at(-1)?.run ?? 0) + 1;
  const known = new Set(ledger.cells.map(cellKey));
  const added: LedgerCell[] = [];
  for (const c of cells) {
    const cell: LedgerCell = { id: c.id, numerator: c.numerator, denominator: c.denominator, run: n };
    const k = cellKey(cell);
    if (known.has(k)) continue;
    known.add(k);
    added.push(cell);
  }
  return {
    ...ledger,
    runs: [...ledger.runs, { run: n, out: run.out, manifestSha256: run.manifestSha256, published: cells.length, added: added.length }],
    cells: [...ledger.cells, ...added],
  };
}

const cellKey = (c: ExactCounts & { id: CellIdentity }) => JSON.stringify([...c.id, c.numerator, c.denominator]);

/** What the manifest says about the ledger: no counts of cells, only how many. */
export function ledgerManifest(ledger: Ledger, shown: readonly { status: CellStatus }[]): LedgerManifest {
  return {
    file: ledger.file,
    notice: 'the ledger is not for publication and is not in this folder',
    earlierRuns: ledger.runs.length,
    suppressed: shown.filter((r) => r.status === 'ledger').length,
    published: shown.filter((r) => r.status === 'published').length,
  };
}

/** The file's text: JSON, one run and one cell per line. */
export function serialiseLedger(l: Ledger): string {
  const j = JSON.stringify;
  return [
    '{',
    ` "notice": ${j(LEDGER_NOTICE)},`,
    ` "format": ${j(LEDGER_FORMAT)},`,
    ` "engine": ${j(l.engine)},`,
    ` "disclosure": ${j({ threshold: l.threshold, roundingBase: l.roundingBase })},`,
    ` "columns": ${j(CELL_COLUMNS)},`,
    ` "runs": [${l.runs.map((r) => `\n  ${j(r)}`).join(',')}${l.runs.length ? '\n ' : ''}],`,
    ` "cells": [${l.cells.map((c) => `\n  ${j([...c.id, c.numerator, c.denominator, c.run])}`).join(',')}${l.cells.length ? '\n ' : ''}]`,
    '}',
    '',
  ].join('\n');
}

/**
 * Reads a ledger's text. Refuses, with one message naming the file, anything that is not a traject
 * ledger of this format, and a ledger written by another engine version than `engine` (its exact counts
 * may follow other definitions). Its disclosure settings are checked against the run's by checkSettings.
 */
export function parseLedger(text: string, file: string, engine: string): Ledger {
  const bad = (why: string) => new LedgerError(`ledger ${file}: not a traject publication ledger (${why}); give a ledger written by traject, or a new file name to start one`);
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    throw bad('not JSON');
  }
  if (typeof j !== 'object' || j === null || Array.isArray(j)) throw bad('not a JSON object');
  const o = j as Record<string, unknown>;
  if (o.format !== LEDGER_FORMAT) throw bad(`format is not ${LEDGER_FORMAT}`);
  if (typeof o.notice !== 'string' || !o.notice.startsWith('NOT FOR PUBLICATION')) throw bad('no NOT FOR PUBLICATION notice');
  if (typeof o.engine !== 'string') throw bad('no engine version');
  if (o.engine !== engine) {
    throw new LedgerError(
      `ledger ${file}: written by traject ${o.engine}, but this is traject ${engine}; its exact counts may follow other ` +
        `definitions, so it cannot protect this run: start a new ledger file for this version (keep the old one with the data)`);
  }
  const d = o.disclosure as Record<string, unknown> | null;
  if (typeof d !== 'object' || d === null || !Number.isInteger(d.threshold) || !Number.isInteger(d.roundingBase)) throw bad('no disclosure settings');
  if (JSON.stringify(o.columns) !== JSON.stringify(CELL_COLUMNS)) throw bad('unexpected columns');
  if (!Array.isArray(o.runs) || !Array.isArray(o.cells)) throw bad('no runs or cells');
  const runs: LedgerRun[] = o.runs.map((r: unknown, i: number) => {
    const x = r as Record<string, unknown>;
    if (typeof x !== 'object' || x === null || x.run !== i + 1 || typeof x.out !== 'string' || typeof x.manifestSha256 !== 'string' ||
      !Number.isInteger(x.published) || !Number.isInteger(x.added)) throw bad(`runs[${i}] is malformed`);
    return { run: x.run, out: x.out, manifestSha256: x.manifestSha256, published: x.published as number, added: x.added as number };
  });
  const str = (v: unknown) => typeof v === 'string';
  const int = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
  const cells: LedgerCell[] = o.cells.map((c: unknown, i: number) => {
    const a = c as unknown[];
    const ok = Array.isArray(a) && a.length === CELL_COLUMNS.length &&
      str(a[0]) && int(a[1]) && int(a[2]) && [3, 4, 5, 6, 7, 8, 9].every((k) => str(a[k])) &&
      int(a[10]) && (a[11] === null || int(a[11])) && int(a[12]) && (a[12] as number) >= 1 && (a[12] as number) <= runs.length &&
      MEASURES.some((d) => d.id === a[7]);
    if (!ok) throw bad(`cells[${i}] is malformed`);
    return { id: a.slice(0, 10) as CellIdentity, numerator: a[10] as number, denominator: a[11] as number | null, run: a[12] as number };
  });
  return { file, engine: o.engine, threshold: d.threshold as number, roundingBase: d.roundingBase as number, runs, cells };
}
