// Raw-BSN detection (SPEC section 7): a source whose client keys look like citizen service numbers
// (burgerservicenummers) is refused. Nothing here ever puts a value into a message.

/**
 * The elfproef (eleven test) of a BSN: exactly 9 digits d1..d9, not all zeros, with
 * 9*d1 + 8*d2 + 7*d3 + 6*d4 + 5*d5 + 4*d6 + 3*d7 + 2*d8 - 1*d9 divisible by 11.
 */
export function passesElfproef(s: string): boolean {
  if (s.length !== 9) return false;
  let sum = 0;
  let nonZero = false;
  for (let i = 0; i < 9; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (d !== 0) nonZero = true;
    sum += i < 8 ? (9 - i) * d : -d;
  }
  return nonZero && sum % 11 === 0;
}

/** Values the sniffer needs before it judges a whole source; a source with fewer is judged on all. */
export const BSN_SAMPLE = 100;
/** Below this many values a source is too small to judge and never refused. */
export const BSN_MINIMUM = 20;
/** Share of values passing the elfproef from which a source is refused: 9 in 10 (90%). */
export const BSN_SHARE = 0.9;

/** A trimmed, non-empty client value that looks like a BSN: the elfproef, with a dropped leading zero restored. */
export function bsnLike(v: string): boolean {
  return passesElfproef(v.length === 8 ? '0' + v : v);
}

/**
 * Counts how many client values look like raw BSNs. Feed it the client values of one source (all of
 * them, or at least the first BSN_SAMPLE: `enough` says when). Empty values are not counted. A value of 8
 * digits is judged with a leading zero restored, because spreadsheets drop it from BSNs that start
 * with 0. Random 9-digit pseudonyms pass the elfproef about 1 time in 11, far below the threshold.
 */
export class BsnSniffer {
  #seen = 0;
  #passing = 0;

  readonly where: string | undefined;

  /** @param where names the source in the verdict, e.g. "a.csv, column client_id" (never a value). */
  constructor(where?: string) {
    this.where = where;
  }

  see(value: string): void {
    const v = value.trim();
    if (v === '') return;
    this.#seen++;
    if (bsnLike(v)) this.#passing++;
  }

  /** Non-empty values seen. */
  get seen(): number {
    return this.#seen;
  }

  /** Of those, values that pass the elfproef. */
  get passing(): number {
    return this.#passing;
  }

  /** True once BSN_SAMPLE values were seen: a caller that only samples a source can stop feeding. */
  get enough(): boolean {
    return this.#seen >= BSN_SAMPLE;
  }

  /** The verdict on the values seen so far, prefixed with `where` when the sniffer was given one. */
  verdict(): { refuse: boolean; message: string } {
    const v = bsnVerdict(this.#seen, this.#passing);
    return this.where === undefined ? v : { refuse: v.refuse, message: `${this.where}: ${v.message}` };
  }
}

/**
 * The verdict on counts (e.g. summed over the chunks of one source read by several workers): refuse
 * when at least BSN_MINIMUM values were seen and at least 90% of them pass the elfproef. The message
 * carries counts only, never a value, and no file name (the caller prefixes it).
 */
export function bsnVerdict(seen: number, passing: number): { refuse: boolean; message: string } {
  if (seen < BSN_MINIMUM) {
    return { refuse: false, message: `${seen} client values, too few to check for raw BSNs (at least ${BSN_MINIMUM} needed)` };
  }
  const pct = Math.floor((100 * passing) / seen);
  // Integer form of passing / seen >= BSN_SHARE.
  if (passing * 10 >= seen * 9) {
    return {
      refuse: true,
      message:
        `the client keys look like raw BSNs (citizen service numbers): ${passing} of ${seen} ` +
        `values (${pct}%) are 9 digits that pass the elfproef. traject only reads pseudonymised data. ` +
        `Pseudonymise the file first with \`npx traject pseudonymise --input <file> --output <new file> ` +
        `--key <key file> --create-key\` (use the same key for every file you want to link) and run on the output.`,
    };
  }
  return { refuse: false, message: `client keys do not look like raw BSNs (${passing} of ${seen} values, ${pct}%, pass the elfproef)` };
}
