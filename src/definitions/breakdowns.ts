// SPEC 11: the groups of a breakdown, one small function each. A youth of an area's cohort is in
// exactly one group of every breakdown, decided by the first product(s) in Y.
import { CATEGORIES } from '../model/model.js';
import { completedYears } from '../model/calendar.js';
import type { ClientFacts } from './cohort.js';

export interface Breakdown {
  id: 'age_group' | 'referrer' | 'start_category' | 'sex';
  /** The groups, in output order; the last one catches what the others do not ('unknown', 'combination'). */
  groups: readonly string[];
  /** The index of a youth's group. */
  groupOf(f: ClientFacts): number;
}

/** CBS age classes: 0 tot 4, 4 tot 12, 12 tot 18, 18 en ouder. */
const AGE_FIRST_YEAR = [0, 4, 12, 18];

export const BREAKDOWNS: readonly Breakdown[] = [
  {
    id: 'age_group',
    groups: ['0-3', '4-11', '12-17', '18+', 'unknown'],
    groupOf: (f) => {
      if (f.birth === null) return 4;
      const age = completedYears(f.birth, f.firstStart);
      if (age < 0) return 4; // born after the first start: unreadable in effect
      let g = 0;
      while (g + 1 < AGE_FIRST_YEAR.length && age >= AGE_FIRST_YEAR[g + 1]) g++;
      return g;
    },
  },
  {
    id: 'referrer',
    // Referrer codes 1..7 (src/read/codelists.ts) are groups 0..6; 0 (unknown) is the last.
    groups: ['gemeente', 'huisarts', 'jeugdarts', 'gecertificeerde_instelling', 'medisch_specialist', 'geen_verwijzer', 'justitie', 'unknown'],
    groupOf: (f) => (f.referrer === 0 ? 7 : f.referrer - 1),
  },
  {
    id: 'start_category',
    groups: [...CATEGORIES, 'combination'],
    groupOf: (f) => {
      const bits = f.startCategories;
      if ((bits & (bits - 1)) !== 0) return CATEGORIES.length; // more than one category
      return 31 - Math.clz32(bits);
    },
  },
  {
    id: 'sex',
    groups: ['man', 'vrouw', 'unknown'],
    groupOf: (f) => (f.sex === 1 ? 0 : f.sex === 2 ? 1 : 2),
  },
];

export const BREAKDOWN_IDS = BREAKDOWNS.map((b) => b.id);

export function breakdown(id: string): Breakdown {
  const b = BREAKDOWNS.find((x) => x.id === id);
  if (!b) throw new Error(`unknown breakdown '${id}' (known: ${BREAKDOWN_IDS.join(', ')})`);
  return b;
}

/**
 * SPEC 12: the strata of indirect standardisation, age group x start category (the groups of
 * section 11). Stratum `a * START_GROUPS + s` holds the youths of age group a and start group s;
 * its label is `age|start`, e.g. `12-17|ggz`. `unknown` age and `combination` are strata of their own.
 */
const AGE = breakdown('age_group');
const START = breakdown('start_category');
export const STRATA: readonly string[] = AGE.groups.flatMap((a) => START.groups.map((s) => `${a}|${s}`));
export const STRATUM_BREAKDOWNS = [AGE.id, START.id] as const;

/** The stratum of a youth (an index into STRATA). */
export function stratumOf(f: ClientFacts): number {
  return AGE.groupOf(f) * START.groups.length + START.groupOf(f);
}
