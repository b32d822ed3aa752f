// Mergeable counters. Each group (data kind, municipality, cohort year, gap, breakdown group)
// has one vector of sums, laid out from the measure definitions; merging is element-wise
// addition, so the result is the same in any order and for any number of workers (all values
// are integers far below 2^53). Between threads they travel as two transferable buffers.
import type { ClientFacts } from '../definitions/cohort.js';
import { slotCount, slotsPerCell, type CurveDefinition, type MeasureDefinition, type Tally } from './measure.js';
import { CURVES, MEASURES } from './registry.js';

/** Where each measure's slots start in a group's vector, and the vector's length. */
export interface Layout {
  offsets: ReadonlyMap<string, number>;
  length: number;
}

export function layoutOf(defs: readonly MeasureDefinition[]): Layout {
  const offsets = new Map<string, number>();
  let at = 0;
  for (const d of defs) {
    offsets.set(d.id, at);
    at += slotCount(d);
  }
  return { offsets, length: at };
}

export const LAYOUT = layoutOf(MEASURES);

/** Figure kinds as indexes: allocations, claims, and both stitched together (only in mixed runs). */
export const KIND_KEYS = ['allocations', 'claims', 'mixed'] as const;
export type KindKey = 0 | 1 | 2;

/**
 * The group a client's facts are counted in. year and gap are indexes into the run's cohort
 * years and gaps; group 0 is the whole area, breakdown groups follow from 1.
 */
export interface GroupKey {
  kind: KindKey;
  gm: number;
  year: number;
  gap: number;
  group: number;
}

/** A group key as one exact number; sorting keys sorts by year, gap, group, kind, municipality. */
export type CounterKey = number;
const GM = 10_000;
const KIND = 4;
const GROUP = 256;
const GAP = 64;
export function packKey(k: GroupKey): CounterKey {
  return (((k.year * GAP + k.gap) * GROUP + k.group) * KIND + k.kind) * GM + k.gm;
}
export function unpackKey(key: CounterKey): GroupKey {
  const gm = key % GM;
  let rest = (key - gm) / GM;
  const kind = (rest % KIND) as KindKey;
  rest = (rest - kind) / KIND;
  const group = rest % GROUP;
  rest = (rest - group) / GROUP;
  const gap = rest % GAP;
  return { kind, gm, year: (rest - gap) / GAP, gap, group };
}

export type Counters = Map<CounterKey, Float64Array>;

/**
 * Duration curves beside the counters, sparse (a curve has a point per distinct duration):
 * group key -> one map per curve of CURVES, from `time * 2 + (censored ? 1 : 0)` to a count.
 * Merged by addition, like the counters.
 */
export type Curves = Map<CounterKey, Map<number, number>[]>;

function curvesFor(curves: Curves, key: CounterKey, n: number): Map<number, number>[] {
  let c = curves.get(key);
  if (!c) {
    c = Array.from({ length: n }, () => new Map<number, number>());
    curves.set(key, c);
  }
  return c;
}

/** A curve's (time, ended) pairs by its code. */
export const curveCode = (time: number, ended: boolean): number => time * 2 + (ended ? 0 : 1);
export const codeTime = (code: number): number => Math.floor(code / 2);
export const codeEnded = (code: number): boolean => code % 2 === 0;

/** Curves as one transferable buffer: (key, curve, code, count) per point. */
export function packCurves(c: Curves): Float64Array {
  let n = 0;
  for (const list of c.values()) for (const m of list) n += m.size;
  const out = new Float64Array(n * 4);
  let i = 0;
  for (const [k, list] of c) {
    list.forEach((m, ci) => {
      for (const [code, count] of m) {
        out[i++] = k;
        out[i++] = ci;
        out[i++] = code;
        out[i++] = count;
      }
    });
  }
  return out;
}

export function mergePackedCurves(into: Curves, p: Float64Array, curveCount = CURVES.length): void {
  for (let i = 0; i < p.length; i += 4) {
    const m = curvesFor(into, p[i], curveCount)[p[i + 1]];
    m.set(p[i + 2], (m.get(p[i + 2]) ?? 0) + p[i + 3]);
  }
}

export function vectorFor(counters: Counters, key: CounterKey, length = LAYOUT.length): Float64Array {
  let v = counters.get(key);
  if (!v) {
    v = new Float64Array(length);
    counters.set(key, v);
  }
  return v;
}

/** The Tally a definition's fold writes through: one measure's slots in one vector. */
class VectorTally implements Tally {
  v: Float64Array = new Float64Array(0);
  base = 0;
  stride = 1;
  /** distribution: slot of the shared denominator. */
  den = 0;
  count(cell: number, n = 1): void {
    this.v[this.base + cell] += n;
  }
  share(cell: number, hit: boolean): void {
    const i = this.base + cell * 2;
    if (hit) this.v[i]++;
    this.v[i + 1]++;
  }
  mean(cell: number, x: number): void {
    const i = this.base + cell * this.stride;
    this.v[i] += x;
    this.v[i + 1]++;
    if (this.stride === 3) this.v[i + 2] += x * x;
  }
  bucket(cell: number): void {
    this.v[this.base + cell]++;
    this.v[this.den]++;
  }
}

/** Folds facts into vectors with the given measures (the registry's unless a test says otherwise). */
export class Folder {
  private readonly tally = new VectorTally();
  private readonly plan: { d: MeasureDefinition; base: number; stride: number; den: number }[];

  constructor(readonly defs: readonly MeasureDefinition[] = MEASURES, readonly layout: Layout = layoutOf(defs),
    readonly curves: readonly CurveDefinition[] = CURVES) {
    this.plan = defs.map((d) => {
      const base = layout.offsets.get(d.id)!;
      return { d, base, stride: slotsPerCell(d), den: base + d.cells.length };
    });
  }

  /** Adds one client's facts to the vector (and the curves, when given) of `key`. */
  fold(counters: Counters, key: GroupKey, facts: ClientFacts, curves?: Curves): void {
    const t = this.tally;
    const k = packKey(key);
    t.v = vectorFor(counters, k, this.layout.length);
    for (const p of this.plan) {
      if (!p.d.fold) continue;
      t.base = p.base;
      t.stride = p.stride;
      t.den = p.den;
      p.d.fold(facts, t);
    }
    if (curves === undefined || this.curves.length === 0) return;
    const list = curvesFor(curves, k, this.curves.length);
    for (let i = 0; i < this.curves.length; i++) {
      this.curve = list[i];
      this.curves[i].fold(facts, this.addPoint);
    }
  }

  /** The curve addPoint adds to: one callback for every fold, not a closure per client. */
  private curve = new Map<number, number>();
  private readonly addPoint = (time: number, ended: boolean): void => {
    const code = curveCode(time, ended);
    this.curve.set(code, (this.curve.get(code) ?? 0) + 1);
  };
}

export function mergeInto(into: Counters, from: Counters): void {
  for (const [k, v] of from) {
    const t = vectorFor(into, k, v.length);
    for (let i = 0; i < v.length; i++) t[i] += v[i];
  }
}

/** Counters as two buffers that can be transferred between threads instead of copied. */
export interface PackedCounters {
  keys: Float64Array;
  values: Float64Array;
  length: number;
}

export function packCounters(c: Counters, length = LAYOUT.length): PackedCounters {
  const keys = new Float64Array(c.size);
  const values = new Float64Array(c.size * length);
  let i = 0;
  for (const [k, v] of c) {
    keys[i] = k;
    values.set(v, i * length);
    i++;
  }
  return { keys, values, length };
}

export function mergePacked(into: Counters, p: PackedCounters): void {
  for (let i = 0; i < p.keys.length; i++) {
    const t = vectorFor(into, p.keys[i], p.length);
    const at = i * p.length;
    for (let j = 0; j < p.length; j++) t[j] += p.values[at + j];
  }
}
