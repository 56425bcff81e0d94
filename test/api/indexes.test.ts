import { startApi, type TestApi } from '../helpers/api';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

describe('indexes', () => {
  it('every foreign key column leads an index', async () => {
    const unindexed = await api.sql<{ tbl: string; col: string }>(
      `select c.conrelid::regclass::text as tbl, a.attname as col
         from pg_constraint c
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f'
          and c.connamespace = 'public'::regnamespace
          and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])
        order by 1, 2`,
    );
    expect(unindexed).toEqual([]);
  });

  it('text search on codes and names is served by trigram indexes', async () => {
    const trgm = await api.sql<{ indexname: string }>(
      `select indexname from pg_indexes where indexdef like '%gin_trgm_ops%' order by indexname`,
    );
    expect(trgm.map((r) => r.indexname)).toEqual(
      expect.arrayContaining([
        'department_name_trgm',
        'indicator_code_trgm',
        'indicator_name_trgm',
        'project_name_trgm',
      ]),
    );
  });
});
