// The report's colours and patterns, for the style sheet (the charts are HTML and name them by
// class). Every colour that carries meaning has a contrast of at least 3:1 against white (WCAG
// 1.4.11), text at least 4.5:1 (1.4.3), and the categories of the start chart and the hatching
// of suppressed figures differ by pattern as well as by colour (1.4.1).

import type { CategoryId } from '../model/model.js';

export const BAR = '#3f6f9f'; // 5.3:1 on white
export const WHISKER = '#1c2a39';
export const REF_REGION = '#c2410c'; // dashed: told apart from REF_ALL by its dashes
export const REF_ALL = '#374151'; // solid
export const GRID = '#e3e7eb';
export const TRACK = '#f1f3f5';
/** Secondary text, also of "not compared" and "suppressed": 5.4:1 on white, 5.0:1 on SOFT. */
export const MUTED = '#5f6b7a';
export const SOFT = '#f4f6f8';

export const CAT_COLOUR: Record<CategoryId, string> = {
  ggz: '#c2410c', // highlighted: strong vermillion, white text 5.2:1
  ambulant_non_ggz: '#a8c8e8',
  verblijf_non_ggz: '#b7dcc8',
  overig_multidisciplinair: '#e8dca8',
  jeugdbescherming: '#dcc0d8',
  jeugdreclassering: '#c4c4e0',
};

const INK = 'rgba(31,41,51,.5)';
const lines = (angle: number, width: number, period: number): string => `repeating-linear-gradient(${angle}deg,${INK} 0 ${width}px,transparent ${width}px ${period}px)`;
/**
 * A pattern over each muted category colour (CSS background-image), so that the categories are
 * told apart without their colours: GGZ is solid and strong, the others have thin diagonal, thin
 * or thick horizontal, thin or thick vertical lines. One gradient each: Chromium prints a single
 * repeating gradient as a vector shading, but rasterises crossed or dotted ones (a 10 MB PDF).
 */
export const CAT_PATTERN: Record<CategoryId, string | null> = {
  ggz: null,
  ambulant_non_ggz: lines(45, 1, 6),
  verblijf_non_ggz: lines(0, 1, 4),
  overig_multidisciplinair: lines(90, 1, 4),
  jeugdbescherming: lines(0, 2.5, 6),
  jeugdreclassering: lines(90, 2.5, 6),
};

/** Youths who start with several categories at once: plain light grey. */
export const COMBINATION = '#e3e6ea';

/** Suppressed figures: broad diagonal stripes (3.7:1 on white), always with the word "geheim" beside or on them. */
export const HATCH = `repeating-linear-gradient(-45deg,#7b8794 0 1.6px,#f4f5f7 1.6px 6.5px)`;
