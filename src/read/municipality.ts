// SPEC section 1: a municipality code may come as 363, 0363 or GM0363; traject keeps the number.

/** The CBS municipality number of `text` ('363', '0363', 'GM0363', 'gm0363', surrounding spaces), or -1. */
export function parseGemeente(text: string): number {
  let s = text.trim();
  if (s.length > 2 && (s[0] === 'G' || s[0] === 'g') && (s[1] === 'M' || s[1] === 'm')) s = s.slice(2);
  if (s.length === 0 || s.length > 4) return -1;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n > 0 ? n : -1;
}
