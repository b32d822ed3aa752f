// SPEC section 2: rows become products. One function per data kind, both pure.
import type { Day, Product } from '../model/model.js';
import { type MapStatus, type ProductRow } from '../model/rows.js';

/** A product with what the run reports about it besides the definitions (code, source, mapping). */
export interface ProductOut extends Product {
  code: string;
  source: number;
  mapStatus: MapStatus;
  /** The optional columns of ProductRow (model/rows.ts). */
  reason: number;
  birth: Day;
  referrer: number;
  sex: number;
}

/** Same values in every field read: an exact duplicate (SPEC 2). */
function sameRow(a: ProductRow, b: ProductRow): boolean {
  return a.start === b.start && a.end === b.end && a.gm === b.gm && a.code === b.code &&
    a.productcategorie === b.productcategorie && a.provider === b.provider && a.allocation === b.allocation &&
    a.reason === b.reason && a.birth === b.birth && a.referrer === b.referrer && a.sex === b.sex;
}

/** Rows sorted by read order with exact duplicates (same values in every field read) removed. */
export function dedupe(rows: readonly ProductRow[]): { rows: ProductRow[]; duplicates: number } {
  // Rows usually arrive in read order already: copy and sort only when they do not.
  let inOrder = true;
  for (let i = 1; i < rows.length && inOrder; i++) inOrder = rows[i - 1].order < rows[i].order;
  const sorted = inOrder ? rows : [...rows].sort((a, b) => a.order - b.order);
  if (sorted.length < 2) return { rows: [...sorted], duplicates: 0 };
  const out: ProductRow[] = [];
  if (sorted.length <= 16) {
    // Most clients have a handful of rows: compare with the rows kept so far.
    for (const r of sorted) {
      let dup = false;
      for (let i = 0; i < out.length && !dup; i++) dup = sameRow(out[i], r);
      if (!dup) out.push(r);
    }
  } else {
    // Duplicates share their start day: compare each row only with the kept rows of that day.
    const byStart = new Map<number, ProductRow[]>();
    for (const r of sorted) {
      const same = byStart.get(r.start);
      if (same === undefined) byStart.set(r.start, [r]);
      else if (same.some((o) => sameRow(o, r))) continue;
      else same.push(r);
      out.push(r);
    }
  }
  return { rows: out, duplicates: sorted.length - out.length };
}

function toProduct(r: ProductRow, start: Day, end: Day): ProductOut {
  return {
    start, end, gm: r.gm, cat: r.cat, code: r.code, source: r.source, mapStatus: r.mapStatus,
    reason: r.reason, birth: r.birth, referrer: r.referrer, sex: r.sex,
  };
}

/**
 * Allocations (toewijzingen): rows with the same allocation number are one product and the
 * row read last is the latest version. Rows without a number are each a product.
 * `rows` must be deduplicated and in read order.
 */
export function allocationProducts(rows: readonly ProductRow[]): ProductOut[] {
  // A row already has every field of a product (and allocations never change one): no copy.
  const out: ProductRow[] = [];
  // Index in out of the product with an allocation number (the row read last overwrites it). A
  // client has few rows: search out itself unless there are many, then use a map.
  const at = rows.length > 16 ? new Map<string | number, number>() : null;
  for (const r of rows) {
    if (r.allocation === '') {
      out.push(r);
      continue;
    }
    const i = at !== null ? at.get(r.allocation) ?? -1 : out.findIndex((p) => p.allocation === r.allocation);
    if (i === -1) {
      at?.set(r.allocation, out.length);
      out.push(r);
    } else {
      out[i] = r; // later rows are later versions: the last one read wins
    }
  }
  return out;
}

/**
 * Claims (declaraties): rows with the same product code and provider whose periods overlap or
 * lie at most 1 day apart are one product (earliest start, latest end; municipality and
 * code of the earliest row). `rows` must be deduplicated.
 */
export function claimProducts(rows: readonly ProductRow[]): ProductOut[] {
  const groups = new Map<string, ProductRow[]>();
  for (const r of rows) {
    const key = `${r.code}\u0000${r.provider}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const out: ProductOut[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
    let cur: ProductOut | null = null;
    for (const r of g) {
      if (cur !== null && r.start - cur.end <= 1) {
        // The merged product ends as its latest-ending row says (equal ends: the lowest reason given).
        if (r.end > cur.end || (r.end === cur.end && r.reason !== 0 && (cur.reason === 0 || r.reason < cur.reason))) cur.reason = r.reason;
        if (r.end > cur.end) cur.end = r.end;
      } else {
        cur = toProduct(r, r.start, r.end);
        out.push(cur);
      }
    }
  }
  return out;
}
