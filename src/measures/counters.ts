// Mergeable per-area counters. Each (data kind, municipality) has one flat vector of sums;
// merging is element-wise addition, so the result is the same in any order and for any
// number of workers (all values are integers far below 2^53).
import { CATEGORIES } from '../model/model.js';
import { SIZE_BUCKETS, sizeBucket, type ClientFacts } from '../definitions/cohort.js';

const C = CATEGORIES.length;
const B = SIZE_BUCKETS.length;

/** Offsets into one area's vector. */
export const F = {
  cohort: 0,
  inCare: 1,
  trajStarted: 2,
  trajOpen: 3,
  closedTraj: 4,
  closedProducts: 5,
  closedProductsSq: 6, // sum of squared sizes: the sd of products per trajectory
  size: 7, // B buckets
  startAny: 7 + B, // C categories each
  startAlone: 7 + B + C,
  startedProducts: 7 + B + 2 * C,
  startedYouths: 7 + B + 3 * C,
  length: 7 + B + 4 * C,
} as const;

/** Figure kinds as indexes: allocations, claims, and both stitched together (only in mixed runs). */
export const KIND_KEYS = ['allocations', 'claims', 'mixed'] as const;
export type KindKey = 0 | 1 | 2;

/** key = kind * 10000 + municipality code, so sorting keys sorts by kind, then municipality. */
export type CounterKey = number;
export const counterKey = (kind: KindKey, gm: number): CounterKey => kind * 10_000 + gm;
export const keyKind = (k: CounterKey): KindKey => Math.floor(k / 10_000) as KindKey;
export const keyGm = (k: CounterKey): number => k % 10_000;

export type Counters = Map<CounterKey, Float64Array>;

export function vectorFor(counters: Counters, key: CounterKey): Float64Array {
  let v = counters.get(key);
  if (!v) {
    v = new Float64Array(F.length);
    counters.set(key, v);
  }
  return v;
}

/** Adds one client's facts to its municipality's vector for this kind. */
export function foldClient(counters: Counters, kind: KindKey, f: ClientFacts): void {
  const v = vectorFor(counters, counterKey(kind, f.gm));
  v[F.cohort]++;
  if (f.inCareNextYear) v[F.inCare]++;
  for (const t of f.trajectories) {
    v[F.trajStarted]++;
    if (!t.closed) {
      v[F.trajOpen]++;
      continue;
    }
    v[F.closedTraj]++;
    v[F.closedProducts] += t.size;
    v[F.closedProductsSq] += t.size * t.size;
    v[F.size + sizeBucket(t.size)]++;
  }
  const alone = (f.startCategories & (f.startCategories - 1)) === 0; // exactly one bit set
  for (let c = 0; c < C; c++) {
    if (f.startCategories & (1 << c)) {
      v[F.startAny + c]++;
      if (alone) v[F.startAlone + c]++;
    }
    if (f.startedInYear[c] > 0) {
      v[F.startedProducts + c] += f.startedInYear[c];
      v[F.startedYouths + c]++;
    }
  }
}

export function mergeInto(into: Counters, from: Counters): void {
  for (const [k, v] of from) {
    const t = vectorFor(into, k);
    for (let i = 0; i < v.length; i++) t[i] += v[i];
  }
}
