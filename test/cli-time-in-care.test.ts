// SPEC 10 through the CLI: the optional columns are read, unreadable values are counted in the
// manifest and never rejected, ended_as_planned appears only with a reason column. By hand.
import { afterAll, describe, expect, it } from 'vitest';
import { cli, CODES_CSV, manifestOf, metric, metricsOf } from './cli-helpers.js';
import { tempDir } from './helpers.js';

const tmp = tempDir('traject-tic-');
afterAll(() => tmp.cleanup());
const codes = tmp.file('codes.csv', CODES_CSV);

// D (allocations) = the latest start: z's 2023-06-01. Gap 30.
// c1 ended 31 Mar 2021, reason 31; c2 ended 30 Apr, reason 35; c3 ended 31 May, reason 'xx'
// (unreadable: no reason); c4 open: censored. z is not in the 2021 cohort.
const header = 'client_id,gemeente,productcode,begindatum,einddatum,reden_beeindiging,geboortedatum,geslacht,verwijzer';
const rows = [
  'c1,GM0014,G1,2021-01-01,2021-03-31,31,2010-13-45,1,01',
  'c2,GM0014,G1,2021-02-01,2021-04-30,35,2009-05-01,M,huisarts',
  'c3,GM0014,A1,2021-03-01,2021-05-31,xx,2011-01-01,2,leraar',
  'c4,GM0014,A1,2021-04-01,,,,,',
  'z,GM0014,A1,2023-06-01,2023-07-01,31,2012-02-02,2,GI',
];

describe('optional columns of SPEC 10 and 11', () => {
  it('counts unreadable values as data quality, rejects nothing, and reports how trajectories ended', async () => {
    const input = tmp.file('with.csv', [header, ...rows].join('\n') + '\n');
    const out = `${tmp.dir}/out-with`;
    const r = await cli(['analyse', '--input', input, '--codes', codes, '--year', '2021', '--out', out, '--disclosure', 'off', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = manifestOf(out);
    expect(m.inputs[0]).toMatchObject({ read: 5, accepted: 5, rejected: 0 });
    // One of each: birth date 2010-13-45, sex M, reason xx, referrer leraar.
    expect(m.inputs[0].unreadable).toEqual({ referrer: 1, sex: 1, reason: 1, birthdate: 1 });
    expect(m.dataUntil).toEqual({ allocations: '2023-06-01' });
    const rowsOut = metricsOf(out);
    // Ended with a reason: c1 (31) and c2 (35); c3's reason is unreadable, c4 has not ended.
    expect(metric(rowsOut, { area: 'all', measure: 'ended_as_planned' })).toMatchObject({ numerator: '1', denominator: '2', value: '0.5000' });
    // Four trajectories, three ended: 90 and 89 days (0-3m: 1-91) and 92 days (3-6m).
    expect(metric(rowsOut, { area: 'all', measure: 'duration_class', bucket: '0-3m' })).toMatchObject({ numerator: '2', denominator: '3' });
    expect(metric(rowsOut, { area: 'all', measure: 'duration_class', bucket: '3-6m' })).toMatchObject({ numerator: '1', denominator: '3' });
  });

  it('leaves ended_as_planned out when no source has a reason for ending', async () => {
    const plain = [header.split(',').slice(0, 5).join(','), ...rows.map((l) => l.split(',').slice(0, 5).join(','))];
    const input = tmp.file('without.csv', plain.join('\n') + '\n');
    const out = `${tmp.dir}/out-without`;
    const r = await cli(['analyse', '--input', input, '--codes', codes, '--year', '2021', '--out', out, '--disclosure', 'off', '--quiet']);
    expect(r.code).toBe(0);
    expect(metricsOf(out).some((x) => x.measure === 'ended_as_planned')).toBe(false);
    expect(manifestOf(out).inputs[0].unreadable).toBeUndefined();
  });
});
