// The report's Dutch words for SPEC 10 and 11: how long a trajectory lasts, return and prior
// care, groups of a breakdown, several years and several gaps (part of nl.ts).

import type { Strings } from './strings.js';

type SeriesWords = Pick<Strings, 'duration' | 'groups' | 'trend' | 'gaps' | 'yearNotFinal'>;

export const nlSeries: SeriesWords = {
  yearNotFinal: (y, d) =>
    `${y} is nog niet definitief: de gegevens lopen tot ${d === '' ? 'vóór eind ' + (y + 1) : d}, niet tot en met eind ${y + 1}. ` +
    'Cijfers over het volgende jaar kunnen nog veranderen.',

  duration: {
    title: 'Hoe lang duurt een traject?',
    lede: (y) =>
      `Hoe lang de trajecten duurden die in ${y} begonnen, hoeveel jongeren na afloop terugkwamen in de jeugdhulp, ` +
      'en hoeveel er al eerder hulp hadden. Ook trajecten die nog lopen tellen mee, zolang de gegevens ze volgen.',
    medianLabel: 'Mediane duur',
    medianNote: (d, lo, hi) => `${d} dagen; 95%-interval ${hi === '' ? `${lo} dagen of langer` : `${lo} tot ${hi} dagen`}. De helft van de trajecten duurde korter.`,
    notReached: 'niet bereikt',
    notReachedNote: 'Meer dan de helft van de trajecten liep aan het eind van de gegevens nog.',
    afterYearLabel: 'Na 1 jaar nog in traject',
    afterYearNote: (f) => `${f} trajecten liep een jaar na de start nog`,
    returnLabel: 'Binnen 1 jaar terug',
    returnNote: (f) => `${f} jongeren kreeg binnen een jaar na afloop weer hulp`,
    priorLabel: 'Al eerder in zorg',
    priorNote: (f, l) => `${f} jongeren had in de ${l} dagen vóór de start al jeugdhulp`,
    plannedLabel: 'Volgens plan beëindigd',
    plannedNote: (f) => `${f} afgesloten trajecten met een reden van beëindiging`,

    curveTitle: 'Nog in traject na de start',
    curveMeaning: (y) =>
      `De lijn laat zien welk deel van de trajecten die in ${y} begonnen na 3, 6, 12 en 24 maanden nog liep. ` +
      'Trajecten die nog lopen tellen mee zolang de gegevens ze volgen, dus lange trajecten vallen niet weg: dit is de eerlijke maat voor hoe lang hulp duurt. ' +
      'Het zegt niet of de hulp goed afliep, en niet hoe lang één product duurde.',
    curveDrawn:
      'Alleen de gepubliceerde punten zijn getekend: tussen twee punten loopt het werkelijke aandeel geleidelijk omlaag, niet in één stap. ' +
      'Een geheim punt is gearceerd; daar tekenen we niets, ook niet tussen de punten ernaast.',
    legendCurve: 'nog in traject',
    legendCurveCi: '95%-interval',
    legendCurveSuppressed: 'geheim: punt niet gepubliceerd',
    axisMonths: 'maanden na de start',
    point: { '91': '3 mnd', '182': '6 mnd', '365': '1 jaar', '730': '2 jaar' },
    pointLong: { '91': 'na 3 maanden', '182': 'na 6 maanden', '365': 'na 1 jaar', '730': 'na 2 jaar' },
    panelMedian: (p) => `Mediaan: ${p}`,
    colMedianDays: 'Mediaan (dagen)',
    colMedianCi: '95%-interval mediaan',
    muniTitle: 'Per gemeente',
    muniLede: 'Het deel van de trajecten dat na 3, 6, 12 en 24 maanden nog liep, en de mediane duur, per gemeente.',

    classesTitle: 'Afgesloten trajecten naar duur',
    classesMeaning: (y) =>
      `Hoe lang de trajecten duurden die sinds hun start in ${y} zijn afgesloten, in de duurklassen van het CBS. ` +
      'Alleen afgesloten trajecten tellen mee: lange trajecten lopen vaak nog en ontbreken hier, dus deze verdeling leunt naar korte trajecten. ' +
      'De lijn hierboven is de eerlijke maat.',
    classes: {
      '0-3m': '0–3 maanden',
      '3-6m': '3–6 maanden',
      '6-12m': '6–12 maanden',
      '1-2y': '1–2 jaar',
      '2-3y': '2–3 jaar',
      '3-4y': '3–4 jaar',
      '4y+': '4 jaar of langer',
    },
    nEnded: 'afgesloten trajecten',

    returnTitle: 'Terug in zorg',
    returnMeaning: (y) =>
      `Van de trajecten die na hun start in ${y} afliepen en die de gegevens lang genoeg volgen: het deel waarbij de jongere binnen 6 maanden of een jaar weer een product kreeg. ` +
      'Het zegt niet of de nieuwe hulp dezelfde soort was, en niet of de eerdere hulp tekortschoot.',
    within182: 'binnen 6 mnd',
    within365: 'Binnen 1 jaar terug',
    nFollowed: 'gevolgd',
    priorTitle: 'Al eerder in zorg',
    priorMeaning: (y, l) =>
      `Het deel van de jongeren dat in ${y} begon en in de ${l} dagen daarvoor al jeugdhulp had (van dezelfde soort gegevens). ` +
      `Hulp die langer dan ${l} dagen vóór de start eindigde telt niet mee; het CBS kijkt vijf jaar terug, dus dit cijfer is lager dan dat van het CBS.`,
    plannedTitle: 'Volgens plan beëindigd',
    plannedMeaning:
      'Van de afgesloten trajecten met een reden van beëindiging: het deel dat volgens plan eindigde (iJw-reden 31). Trajecten zonder reden tellen niet mee.',
    nWithReason: 'met reden',

    definitions: (y, g, l) => [
      {
        term: 'Duur van een traject',
        text: `Van de eerste dag van het traject tot de laatste dag van zijn laatste product. Een traject is afgelopen als geen product meer loopt en er tot het einde van de gegevens geen nieuw product binnen ${g} dagen volgde; anders loopt het nog. De lijn "nog in traject" telt lopende trajecten mee zolang de gegevens ze volgen (Kaplan-Meier).`,
      },
      {
        term: 'Mediane duur',
        text: 'De duur waarna de helft van de trajecten was afgelopen. Loopt meer dan de helft aan het eind van de gegevens nog, dan is de mediaan niet bereikt.',
      },
      {
        term: 'Terug in zorg',
        text: `Een jongere krijgt binnen 6 maanden of een jaar na het einde van een afgelopen traject uit ${y} weer een product. Alleen trajecten die de gegevens zo lang na hun einde volgen tellen mee.`,
      },
      {
        term: 'Al eerder in zorg',
        text: `Een jongere uit het cohort had een product dat in de ${l} dagen vóór zijn of haar eerste start in ${y} liep.`,
      },
    ],
  },

  groups: {
    title: 'Per groep jongeren',
    lede: (y) =>
      `De cijfers van ${y} voor groepen jongeren, voor alle gemeenten samen en per regio. Een jongere hoort bij één groep, ` +
      'bepaald door het eerste product in het jaar. Kleine groepen zijn vaak geheim.',
    heading: { age_group: 'Naar leeftijd', referrer: 'Naar verwijzer', start_category: 'Naar startcategorie', sex: 'Naar geslacht' },
    guide: {
      age_group: (y) => `Leeftijd op de eerste dag van jeugdhulp in ${y}, in de leeftijdsklassen van het CBS; een hogere uitstroom betekent dat meer jongeren van die leeftijd binnen een jaar uit zorg waren.`,
      referrer: (y) => `Wie naar het eerste product in ${y} verwees; verschillen tussen verwijzers zeggen iets over wie de hulp start, niet over hoe goed die hulp is.`,
      start_category: (y) => `De soort hulp waarmee een jongere in ${y} startte, of meerdere soorten tegelijk; zo zie je of jongeren die met GGZ starten anders door de hulp gaan dan anderen.`,
      sex: (y) => `Het geslacht zoals de gemeente het bij het eerste product in ${y} vastlegde; verschillen zijn geen oordeel over de hulp.`,
    },
    group: {
      age_group: { '0-3': '0 tot 4 jaar', '4-11': '4 tot 12 jaar', '12-17': '12 tot 18 jaar', '18+': '18 jaar en ouder' },
      referrer: {
        gemeente: 'Gemeente (toegang, wijkteam)',
        huisarts: 'Huisarts',
        jeugdarts: 'Jeugdarts',
        gecertificeerde_instelling: 'Gecertificeerde instelling',
        medisch_specialist: 'Medisch specialist',
        geen_verwijzer: 'Geen verwijzer',
        justitie: 'Justitie',
      },
      sex: { man: 'Jongen of man', vrouw: 'Meisje of vrouw' },
    },
    unknownGroup: 'Onbekend',
    chartTitle: (h) => `Uitstroom per groep · ${h}`,
    colGroup: 'Groep',
    tableTitle: (h) => `Cijfers per groep · ${h}`,
  },

  trend: {
    title: 'Door de jaren heen',
    lede: (a, b) => `De belangrijkste cijfers voor alle gemeenten samen, per startjaar van ${a} tot en met ${b}.`,
    guide:
      'Elk jaar is een eigen groep: de jongeren die dat jaar met jeugdhulp begonnen. Een stijgende balk betekent meer van wat erboven staat, ' +
      'niet dat dezelfde jongeren veranderden.',
    notFinal: 'niet definitief',
    notFinalNote: (ys, d) => `Niet definitief: ${ys}. De gegevens lopen ${d === '' ? 'niet' : `tot ${d}, niet`} tot en met het jaar erna; deze cijfers kunnen nog veranderen.`,
    colYear: 'Startjaar',
  },

  gaps: {
    title: 'Wat de tussenpoos doet',
    lede: (y) =>
      `Hoeveel dagen tussen twee producten er mogen zitten om nog één traject te zijn, is een keuze. Hier de trajecten die in ${y} begonnen, ` +
      'voor alle gemeenten samen, met elke tussenpoos die is gevraagd.',
    guide: (g) =>
      `Met een langere tussenpoos worden meer producten samen één traject, dus stijgen de producten per traject en het deel dat nog open is; ` +
      `de rest van dit rapport gebruikt ${g} dagen, en cijfers met een andere tussenpoos vergelijk je daar niet mee.`,
    days: (g) => `${g} dagen`,
    thisReport: 'in dit rapport',
    colGap: 'Tussenpoos',
  },
};
