// The report's English words for SPEC 10 and 11: how long a trajectory lasts, return and prior
// care, groups of a breakdown, several years and several gaps (part of en.ts).

import type { Strings } from './strings.js';

type SeriesWords = Pick<Strings, 'duration' | 'groups' | 'trend' | 'gaps' | 'yearNotFinal'>;

export const enSeries: SeriesWords = {
  yearNotFinal: (y, d) =>
    `${y} is not final yet: the data run until ${d === '' ? 'before the end of ' + (y + 1) : d}, not to the end of ${y + 1}. ` +
    'Figures about the following year may still change.',

  duration: {
    title: 'How long does a trajectory last?',
    lede: (y) =>
      `How long the trajectories that began in ${y} lasted, how many young people came back to youth care afterwards, ` +
      'and how many had care before. Trajectories still running count too, as long as the data follow them.',
    medianLabel: 'Median duration',
    medianNote: (d, lo, hi) => `${d} days; 95% interval ${hi === '' ? `${lo} days or longer` : `${lo} to ${hi} days`}. Half of the trajectories were shorter.`,
    notReached: 'not reached',
    notReachedNote: 'More than half of the trajectories were still running at the end of the data.',
    afterYearLabel: 'Still in a trajectory after 1 year',
    afterYearNote: (f) => `${f} trajectories were still running a year after they started`,
    returnLabel: 'Back within 1 year',
    returnNote: (f) => `${f} young people had care again within a year after it ended`,
    priorLabel: 'In care before',
    priorNote: (f, l) => `${f} young people had youth care in the ${l} days before they started`,
    plannedLabel: 'Ended as planned',
    plannedNote: (f) => `${f} ended trajectories with a reason for ending`,

    curveTitle: 'Still in a trajectory after the start',
    curveMeaning: (y) =>
      `The line shows what share of the trajectories that began in ${y} was still running after 3, 6, 12 and 24 months. ` +
      'Trajectories still running count as long as the data follow them, so long trajectories are not left out: this is the fair measure of how long care lasts. ' +
      'It does not say whether care ended well, nor how long a single product lasted.',
    curveDrawn:
      'Only the published points are drawn: between two points the real share goes down gradually, not in one step. ' +
      'A suppressed point is hatched; nothing is drawn there, not even between the points beside it.',
    legendCurve: 'still in a trajectory',
    legendCurveCi: '95% interval',
    legendCurveSuppressed: 'suppressed: point not published',
    axisMonths: 'months after the start',
    point: { '91': '3 mo', '182': '6 mo', '365': '1 yr', '730': '2 yrs' },
    pointLong: { '91': 'after 3 months', '182': 'after 6 months', '365': 'after 1 year', '730': 'after 2 years' },
    panelMedian: (p) => `Median: ${p}`,
    colMedianDays: 'Median (days)',
    colMedianCi: '95% interval of the median',
    muniTitle: 'Per municipality',
    muniLede: 'The share of trajectories still running after 3, 6, 12 and 24 months, and the median duration, per municipality.',

    classesTitle: 'Ended trajectories by duration',
    classesMeaning: (y) =>
      `How long the trajectories lasted that began in ${y} and have ended since, in the duration classes of Statistics Netherlands (CBS). ` +
      'Only ended trajectories count: long trajectories are often still running and missing here, so this distribution leans towards short trajectories. ' +
      'The line above is the fair measure.',
    classes: {
      '0-3m': '0–3 months',
      '3-6m': '3–6 months',
      '6-12m': '6–12 months',
      '1-2y': '1–2 years',
      '2-3y': '2–3 years',
      '3-4y': '3–4 years',
      '4y+': '4 years or more',
    },
    nEnded: 'ended trajectories',

    returnTitle: 'Back in care',
    returnMeaning: (y) =>
      `Of the trajectories that began in ${y}, have ended and that the data follow long enough: the share where the young person had a new product within 6 months or a year. ` +
      'It does not say whether the new care was of the same kind, nor whether the earlier care fell short.',
    within182: 'within 6 mo',
    within365: 'Back within 1 year',
    nFollowed: 'followed',
    priorTitle: 'In care before',
    priorMeaning: (y, l) =>
      `The share of young people who started in ${y} and had youth care in the ${l} days before (in the same kind of data). ` +
      `Care that ended more than ${l} days before the start does not count; CBS looks back five years, so this figure is lower than theirs.`,
    plannedTitle: 'Ended as planned',
    plannedMeaning:
      'Of the ended trajectories with a reason for ending: the share that ended as planned (iJw reason 31). Trajectories without a reason do not count.',
    nWithReason: 'with a reason',

    definitions: (y, g, l) => [
      {
        term: 'Duration of a trajectory',
        text: `From the first day of the trajectory to the last day of its last product. A trajectory has ended when no product is running and no new product followed within ${g} days up to the end of the data; otherwise it is still running. The line "still in a trajectory" counts running trajectories as long as the data follow them (Kaplan-Meier).`,
      },
      {
        term: 'Median duration',
        text: 'The duration after which half of the trajectories had ended. When more than half are still running at the end of the data, the median is not reached.',
      },
      {
        term: 'Back in care',
        text: `A young person has a new product within 6 months or a year after the end of an ended trajectory from ${y}. Only trajectories the data follow that long after their end count.`,
      },
      {
        term: 'In care before',
        text: `A young person of the cohort had a product running in the ${l} days before their first start in ${y}.`,
      },
    ],
  },

  groups: {
    title: 'Per group of young people',
    lede: (y) =>
      `The figures of ${y} for groups of young people, for all municipalities together and per region. A young person belongs to one group, ` +
      'decided by the first product in the year. Small groups are often suppressed.',
    heading: { age_group: 'By age', referrer: 'By referrer', start_category: 'By first care', sex: 'By sex' },
    guide: {
      age_group: (y) => `Age on the first day of youth care in ${y}, in the age classes of CBS; a higher outflow means that more young people of that age were out of care within a year.`,
      referrer: (y) => `Who referred to the first product in ${y}; differences between referrers say something about who starts the care, not about how good that care is.`,
      start_category: (y) => `The kind of care a young person started with in ${y}, or several kinds at once; it shows whether those who start with mental health care go through care differently.`,
      sex: (y) => `Sex as the municipality recorded it with the first product in ${y}; differences are no judgement on the care.`,
    },
    group: {
      age_group: { '0-3': '0 to 3 years', '4-11': '4 to 11 years', '12-17': '12 to 17 years', '18+': '18 years and over' },
      referrer: {
        gemeente: 'Municipality (access team)',
        huisarts: 'General practitioner',
        jeugdarts: 'Youth doctor',
        gecertificeerde_instelling: 'Certified institution',
        medisch_specialist: 'Medical specialist',
        geen_verwijzer: 'No referrer',
        justitie: 'Justice',
      },
      sex: { man: 'Boy or man', vrouw: 'Girl or woman' },
    },
    unknownGroup: 'Unknown',
    chartTitle: (h) => `Outflow per group · ${h}`,
    colGroup: 'Group',
    tableTitle: (h) => `Figures per group · ${h}`,
  },

  trend: {
    title: 'Over the years',
    lede: (a, b) => `The main figures for all municipalities together, per starting year from ${a} to ${b}.`,
    guide:
      'Each year is a group of its own: the young people who started youth care that year. A higher bar means more of what it is titled, ' +
      'not that the same young people changed.',
    notFinal: 'not final',
    notFinalNote: (ys, d) => `Not final: ${ys}. The data run ${d === '' ? 'not' : `until ${d}, not`} to the end of the following year; these figures may still change.`,
    colYear: 'Starting year',
  },

  gaps: {
    title: 'What the gap does',
    lede: (y) =>
      `How many days may lie between two products for them to be one trajectory is a choice. Here the trajectories that began in ${y}, ` +
      'for all municipalities together, with every gap asked for.',
    guide: (g) =>
      'With a longer gap more products become one trajectory, so products per trajectory and the share still open go up; ' +
      `the rest of this report uses ${g} days, and figures with another gap are not comparable with it.`,
    days: (g) => `${g} days`,
    thisReport: 'in this report',
    colGap: 'Gap',
  },
};
