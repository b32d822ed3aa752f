// The formats the schema names (profile.schema.json), each the rule of the module that owns it, so the
// schema and the reader cannot disagree: traject-delimiter (csv.ts), traject-date-format (dates.ts),
// traject-date (a date the reader reads: dates.ts), traject-gemeente (municipality.ts). schema.ts turns a failed format into the owner's own message.
import { delimiterProblem } from './csv.js';
import { compileDateFormat, dateFormatProblem, parseDateString } from './dates.js';
import { GEMEENTE_EXPECTED, parseGemeente } from './municipality.js';

/** Why `value` does not match format `name`: a message for after the JSON path. */
export const FORMAT_PROBLEMS: Readonly<Record<string, (value: string) => string | null>> = {
  'traject-delimiter': delimiterProblem,
  'traject-date-format': dateFormatProblem,
  'traject-date': (v) => (parseDateString(v.trim(), compileDateFormat('auto')) !== -1 ? null : `expected a date such as 2022-12-31 (or 31-12-2022), got the string ${JSON.stringify(v)}`),
  'traject-gemeente': (v) => (parseGemeente(v) > 0 ? null : `expected ${GEMEENTE_EXPECTED}, got the string ${JSON.stringify(v)}`),
};

/** The formats as ajv format definitions (validate: true when valid); the generated code calls these. */
export const formats: Readonly<Record<string, { type: 'string'; validate: (value: string) => boolean }>> = Object.fromEntries(
  Object.entries(FORMAT_PROBLEMS).map(([name, problem]) => [name, { type: 'string', validate: (v: string) => problem(v) === null }]),
);
