// The report's colours, shared by the charts and the style sheet.

import type { CategoryId } from '../model/model.js';

export const BAR = '#3f6f9f';
export const WHISKER = '#1c2a39';
export const REF_REGION = '#c2410c';
export const REF_ALL = '#374151';
export const CAT_COLOUR: Record<CategoryId, string> = {
  ggz: '#c2410c', // highlighted: strong vermillion
  ambulant_non_ggz: '#a8c8e8',
  verblijf_non_ggz: '#b7dcc8',
  overig_multidisciplinair: '#e8dca8',
  jeugdbescherming: '#dcc0d8',
  jeugdreclassering: '#c4c4e0',
};
/** Youths who start with several categories at once. */
export const COMBINATION = '#e3e6ea';
