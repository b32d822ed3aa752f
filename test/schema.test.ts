// profile.schema.json is what traject validates with: the generated standalone validators must be
// those of the schema as it is, and the schema must hold the formats of the modules that own the rules.
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateValidators, trajectAjv } from '../scripts/schema-validators.js';
import { schemaProblems, didYouMean, jsonPath, typeName } from '../src/read/schema.js';

describe('the generated validators', () => {
  it('are up to date with profile.schema.json (npm run schema regenerates them)', () => {
    const committed = fs.readFileSync(new URL('../src/read/schema-validators.gen.ts', import.meta.url), 'utf8');
    expect(committed === generateValidators(), 'src/read/schema-validators.gen.ts is out of date: run npm run schema').toBe(true);
  });

  it('agree with ajv compiling the schema itself', () => {
    const schema = JSON.parse(fs.readFileSync(new URL('../src/read/profile.schema.json', import.meta.url), 'utf8')) as { $id: string };
    const ajv = trajectAjv();
    ajv.addSchema(schema);
    const compiled = ajv.getSchema(schema.$id)!;
    const docs: unknown[] = [
      {}, [], 'x', { kind: 'claims' }, { kind: 'claim' }, { delimiter: ';' }, { delimiter: '§' }, { dateFormat: 'dd–MM–yyyy' },
      { dateFormat: 'd-M-yyyy' }, { gemeente: 'GM0000' }, { gemeente: 363 }, { header: false, columns: { client: 1 } },
      { header: false, gemeente: 'GM0014', columns: { client: 1, productcode: 2, start: 3, end: 4 } }, { columns: { strat: 1 } },
    ];
    for (const d of docs) expect(schemaProblems('profile', d).length === 0, JSON.stringify(d)).toBe(compiled(d));
  });
});

describe('message helpers', () => {
  it('write JSON paths, value types and near misses', () => {
    expect(jsonPath(['sources', 1, 'profile', 'dateFormat'])).toBe('sources[1].profile.dateFormat');
    expect(jsonPath([])).toBe('');
    expect([typeName(null), typeName([1]), typeName({}), typeName('a'), typeName(5), typeName(true), typeName(NaN)]).toEqual([
      'null', 'an array', 'an object', 'the string "a"', 'number 5', 'boolean true', 'number NaN',
    ]);
    expect(didYouMean('delimeter', ['delimiter', 'encoding'])).toBe('delimiter');
    expect(didYouMean('date_format', ['dateFormat'])).toBe('dateFormat');
    expect(didYouMean('foo', ['delimiter', 'encoding'])).toBeNull();
  });
});
