// Small helpers shared by the tests: temporary folders and looking up metrics rows.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { DurationHistogram } from '../src/definitions/survival.js';
import { join } from 'node:path';

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

/**
 * Builds a histogram from (duration, ended) pairs: ended = true is an event at that duration,
 * false a censoring after that many days. Durations must be whole days >= 1.
 */
/** (A test helper: the engine folds curves itself, src/measures/counters.ts.) */
export function histogramOf(observations: Iterable<readonly [duration: number, ended: boolean]>): DurationHistogram {
  const counts = new Map<number, [number, number]>();
  for (const [duration, ended] of observations) {
    if (!Number.isInteger(duration) || duration < 1) {
      throw new RangeError(`duration ${duration} is not a whole number of days >= 1`);
    }
    let c = counts.get(duration);
    if (c === undefined) {
      c = [0, 0];
      counts.set(duration, c);
    }
    c[ended ? 0 : 1]++;
  }
  const times = [...counts.keys()].sort((a, b) => a - b);
  return {
    times,
    events: times.map((t) => counts.get(t)![0]),
    censored: times.map((t) => counts.get(t)![1]),
  };
}
