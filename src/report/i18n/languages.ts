// The report's words in every language it speaks (the types are in strings.ts).
import type { Lang, Strings } from './strings.js';
import { en } from './en.js';
import { nl } from './nl.js';

export const STRINGS: Record<Lang, Strings> = { nl, en };
