import { startApi, type TestApi, uniq } from '../helpers/api';
import { type BaseWorld, buildWorld } from '../helpers/world';

/**
 * What the hostile-input properties (hostile.input.test.ts) found, each pinned down on its own: all were answered
 * INTERNAL_SERVER_ERROR before.
 */

let api: TestApi;
let w: BaseWorld;
beforeAll(async () => {
  api = await startApi();
  w = await buildWorld(api, { name: '恶意输入回归' });
});
afterAll(async () => {
  await api.stop();
});

const count = async (sql: string, params: unknown[]) =>
  Number((await api.sql<{ n: string }>(`select count(*) as n from ${sql}`, params))[0]?.n);

describe('found by the hostile-input properties', () => {
  it('more than 50 bad values in the variables: all BAD_USER_INPUT (graphql-js gives up after 50)', async () => {
    const perfAdmin = await w.as('perfAdmin');
    const r = await perfAdmin.gql(
      'query($f: ReviewAggregateFilter) { reviewAggregate(filter: $f, groupBy: []) { __typename } }',
      { f: { departmentIds: Array.from({ length: 60 }, () => null) } },
    );
    expect(r.status).toBeLessThan(500);
    expect(r.errors).toHaveLength(51);
    expect(new Set(r.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['BAD_USER_INPUT']));
    expect(r.errors?.[50]?.message).toContain('Too many invalid values in the variables');
  });

  it('an unpaired surrogate in a name: BAD_USER_INPUT naming the field, nothing written', async () => {
    // Was: the name was written (PostgreSQL stored U+FFFD) and the audit entry's jsonb refused the escape.
    const admin = await w.as('admin');
    const audits = () => count(`audit_entry where subject_type = 'FinanceDivision' and subject_id = ?`, [w.jkw]);
    const before = await audits();
    const r = await admin.gql(
      'mutation($id: ID!, $input: UpdateFinanceDivisionInput!) { updateFinanceDivision(id: $id, input: $input) { name } }',
      { id: w.jkw, input: { name: '教科文\ud800处' } },
    );
    expect(r.data).toBeNull();
    expect(r.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.name' }]);
    expect(r.errors?.[0]?.message).toContain('unpaired UTF-16 surrogate');
    expect(await api.sql('select name from finance_division where id = ?', [w.jkw])).toEqual([{ name: '教科文处' }]);
    expect(await audits()).toBe(before);
  });

  it('a NUL in a code: BAD_USER_INPUT naming the field, nothing written', async () => {
    // Was: the NUL reached the statement's text and broke the wire protocol (08P01) on the embedded database.
    const admin = await w.as('admin');
    const name = `恶意${uniq()}`;
    const r = await admin.gql(
      'mutation($input: CreateIndicatorFrameworkInput!) { createIndicatorFramework(input: $input) { id } }',
      { input: { code: `FW\u0000${uniq()}`, name, kind: 'PROJECT' } },
    );
    expect(r.data).toBeNull();
    expect(r.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.code' }]);
    expect(await count('indicator_framework where name = ?', [name])).toBe(0);
  });

  it('a NUL in a search: BAD_USER_INPUT on either database, not a broken statement', async () => {
    const perfAdmin = await w.as('perfAdmin');
    for (const list of ['departments', 'indicators', 'projects', 'users']) {
      for (const search of ['\u0000', '教育\u0000局']) {
        const client = list === 'users' ? await w.as('admin') : perfAdmin;
        const r = await client.gql(`query($s: String) { ${list}(filter: { search: $s }) { totalCount } }`, {
          s: search,
        });
        expect({ list, errors: r.errors?.map((e) => e.extensions) }).toEqual({
          list,
          errors: [{ code: 'BAD_USER_INPUT', field: 'filter.search' }],
        });
      }
    }
  });
});
