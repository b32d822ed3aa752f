// The generator's random numbers (mulberry32, weighted picks) and day arithmetic of its own
// (independent of the engine's calendar, so the test data do not share the engine's code).

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: a tiny 32-bit generator, good enough for synthetic data and fully deterministic. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  u32(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** uniform in [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }
  /** uniform integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
}

/** Cumulative weights for fast weighted picks. */
export function cumulative(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) c[i] = s += weights[i];
  for (let i = 0; i < c.length; i++) c[i] /= s;
  return c;
}
export function pick(cum: Float64Array, r: number): number {
  for (let i = 0; i < cum.length; i++) if (r < cum[i]) return i;
  return cum.length - 1;
}
/** A weighted pick as a lookup on 10 random bits (shares to 1/1024, one draw for several picks). */
export function pick1024(weights: readonly number[]): Uint8Array {
  const cum = cumulative(weights);
  return Uint8Array.from({ length: 1024 }, (_, k) => pick(cum, (k + 0.5) / 1024));
}

// ---------------------------------------------------------------------------------------------
// Days

export function dayOf(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}
export function civil(day: number): [number, number, number] {
  const dt = new Date(day * 86_400_000);
  return [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
}
export const p2 = (n: number): string => (n < 10 ? '0' + n : String(n));
