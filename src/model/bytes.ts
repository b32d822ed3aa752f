// Byte ranges as the hot path hashes and compares them (client keys, codes, providers), shared
// by the stages that keep text as bytes: one FNV-1a and one comparison for all of them.

/** FNV-1a's 32-bit offset basis: the hash of no bytes. */
export const FNV_OFFSET = 0x811c9dc5;

/** 32-bit FNV-1a of b[s, e), continued from `h` (FNV_OFFSET: from the start), as an int32. */
export function fnv1a(b: Uint8Array, s: number, e: number, h: number = FNV_OFFSET): number {
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h | 0;
}

/** a[x, x + n) and b[y, y + n) hold the same bytes (a and b may be the same buffer). */
export function sameBytes(a: Uint8Array, x: number, b: Uint8Array, y: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[x + i] !== b[y + i]) return false;
  return true;
}
