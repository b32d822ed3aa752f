// Small helpers shared by the tests: temporary folders and looking up metrics rows.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MetricRow } from '../src/model/model.js';

export function tempDir(prefix = 'traject-test-'): { dir: string; file: (name: string, content: string | Buffer) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name, content) => {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Finds one row by `measure[:category-or-bucket][@area]` (no area: level all). */
export function findRow(rows: readonly MetricRow[], key: string, kind = 'allocations'): MetricRow | undefined {
  const [what, area] = key.split('@');
  const [measure, sub = ''] = what.split(':');
  return rows.find((r) =>
    r.measure === measure && r.data_kind === kind &&
    (area === undefined ? r.level === 'all' : r.area === area) &&
    (measure === 'trajectory_size' ? r.bucket === sub : r.category === sub));
}

/** A small seeded random number generator (mulberry32): the same sequence on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
