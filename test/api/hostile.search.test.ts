import { Role } from '../../server/modules/identity';
import { type Client, startApi, type TestApi } from '../helpers/api';
import { createPrivateDatabase, type PrivateDatabase } from '../helpers/privateDatabase';
import {
  buildWorld,
  insertIndicator,
  insertProject,
  newDepartment,
  newFinanceDivision,
  userOf,
  type World,
} from '../helpers/targetFixtures';

/**
 * SQL and pattern injection through the text searches of the lists is inert (issue 8): every `search` filter takes
 * its text literally. Each searchable table holds rows whose names carry LIKE, regex and quoting metacharacters;
 * each hostile search must answer exactly the rows whose searched fields contain the text literally (ignoring case,
 * trimmed, as the README's lists do), and afterwards every table is still there with its rows.
 *
 * On a database of its own (test/helpers/privateDatabase.ts): the global lists (fiscal divisions, function classes,
 * frameworks) would otherwise see other files' rows appear between the two reads each check makes.
 */

/** Names with metacharacters, one row of each searchable table per name. */
const NAMES = [
  '专项%资金',
  '专项_资金',
  '专项\\资金',
  "O'Brien专项",
  '‘引号’专项',
  '专项$1资金',
  '专项.*资金',
  '专项[资]金',
  '普通专项资金',
];

/** What each hostile search is. */
const SEARCHES = [
  '%',
  '_',
  '\\',
  '%_%',
  '\\%',
  "'",
  "'; drop table indicator; --",
  "' or 1=1 --",
  "%' or '1'='1",
  '" or ""="',
  '$1',
  '$$',
  '.*',
  '[资]',
  '^专项',
  '‘',
  '’专项',
  '＇',
  '{"a":1}',
  '$.a[*] ? (@ > 1)',
  '*/ /*',
  ') or (1=1',
  '专项%',
  '项_资',
  ' 专项\\资金 ',
  '\u202e专项',
  '😀',
  'e\u0301',
  `${'%'.repeat(50)}`,
  `${"'".repeat(100)}`,
];

interface Item {
  id?: string;
  code?: string;
  name?: string;
  loginName?: string;
  displayName?: string;
  project?: { name: string } | null;
  department?: { name: string } | null;
}

/** A list with a `search` filter: its query, how to name an item, and the fields the search looks in. */
interface SearchList {
  list: string;
  fields: string;
  key: (i: Item) => string;
  searched: (i: Item) => (string | undefined | null)[];
}

const codeName = (list: string): SearchList => ({
  list,
  fields: 'code name',
  key: (i) => i.code as string,
  searched: (i) => [i.code, i.name],
});

const LISTS: SearchList[] = [
  codeName('fiscalDivisions'),
  codeName('financeDivisions'),
  codeName('departments'),
  codeName('functionClasses'),
  codeName('indicatorCategories'),
  codeName('indicators'),
  codeName('indicatorFrameworks'),
  codeName('projects'),
  {
    list: 'performanceTargets',
    fields: 'id project { name } department { name }',
    key: (i) => i.id as string,
    searched: (i) => [i.project?.name, i.department?.name],
  },
  {
    list: 'indicatorChangeRequests',
    fields: 'id name',
    key: (i) => i.id as string,
    searched: (i) => [i.name],
  },
  {
    list: 'users',
    fields: 'id loginName displayName',
    key: (i) => i.id as string,
    searched: (i) => [i.loginName, i.displayName],
  },
];

/** What a literal, case-insensitive substring search of the trimmed text gives. */
function literal(items: Item[], l: SearchList, text: string): string[] {
  const needle = text.trim().toLowerCase();
  return items
    .filter((i) => needle === '' || l.searched(i).some((v) => (v ?? '').toLowerCase().includes(needle)))
    .map(l.key)
    .sort();
}

let db: PrivateDatabase;
let api: TestApi;
let w: World;
let bureau: Client;
let admin: Client;

async function tableCounts(): Promise<Record<string, number>> {
  const tables = await api.sql<{ t: string }>(
    `select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
     and table_name not like 'mikro_orm%' order by 1`,
  );
  const counts = await api.sql<{ t: string; n: number }>(
    tables.map((r) => `select '${r.t}' as t, count(*)::int as n from "${r.t}"`).join(' union all '),
  );
  return Object.fromEntries(counts.map((c) => [c.t, c.n]));
}

async function page(client: Client, l: SearchList, search?: string) {
  const query = `query($filter: ${filterType(l.list)}) {
    ${l.list}(filter: $filter, limit: 200) { totalCount items { ${l.fields} } } }`;
  return client.gql<Record<string, { totalCount: number; items: Item[] }>>(
    query,
    search === undefined ? {} : { filter: { search } },
  );
}

function filterType(list: string): string {
  const singular: Record<string, string> = {
    fiscalDivisions: 'FiscalDivision',
    financeDivisions: 'FinanceDivision',
    functionClasses: 'FunctionClass',
    departments: 'Department',
    indicatorCategories: 'IndicatorCategory',
    indicators: 'Indicator',
    indicatorFrameworks: 'IndicatorFramework',
    projects: 'Project',
    performanceTargets: 'PerformanceTarget',
    indicatorChangeRequests: 'IndicatorChangeRequest',
    users: 'User',
  };
  return `${singular[list]}Filter`;
}

let before: Record<string, number>;

beforeAll(async () => {
  db = await createPrivateDatabase('search');
  api = await startApi({ url: db.url });
  w = await buildWorld(api, 2032);
  bureau = api.as(w.users.bureau.token);
  admin = api.as((await userOf(api, w, Role.ADMIN)).token);
  const preparer = api.as(w.users.preparer.token);
  for (const [k, name] of NAMES.entries()) {
    await newDepartment(api, w.city, name);
    await newFinanceDivision(api, w.city, name);
    const projectId = await insertProject(api, w, { departmentId: w.parentDept, name });
    await preparer.ok(
      'mutation($input: CreatePerformanceTargetInput!) { createPerformanceTarget(input: $input) { id } }',
      {
        input: { kind: 'PROJECT', projectId, fiscalYear: w.year, funds: '1.00' },
      },
    );
    await insertIndicator(api, { division: w.city, category: w.library.commonCategory, node: w.library.node, name });
    await preparer.ok(
      'mutation($input: ProposeIndicatorChangeInput!) { proposeIndicatorChange(input: $input) { request { id } } }',
      {
        input: {
          type: 'ADMIT',
          reason: '测试',
          definition: {
            name,
            scope: 'COMMON',
            categoryId: String(w.library.commonCategory),
            level1NodeId: String(w.library.node),
            defaultComparator: 'GE',
            defaultUnit: '%',
            valueType: 'QUANTITATIVE',
          },
        },
      },
    );
    await api.sql(
      `insert into indicator_category (fiscal_division_code, scope, code, name) values (?, 'COMMON', ?, ?)`,
      [w.city, `S${k}`, name],
    );
    await api.sql(
      `insert into fiscal_division (code, name, level, parent_code, created_at, updated_at)
       values (?, ?, 'DISTRICT', ?, now(), now())`,
      [`8${String(k).padStart(8, '0')}`, name, w.city],
    );
    await api.sql(`insert into function_class (code, name, level) values (?, ?, 1)`, [`9${k}`, name]);
    await api.sql(
      `insert into indicator_framework (code, name, kind, from_year, is_default) values (?, ?, 'PROJECT', 2032, false)`,
      [`FWS${k}`, name],
    );
  }
  // Users: one display name per metacharacter row.
  for (const name of NAMES) {
    const u = await userOf(api, w, Role.OBSERVER);
    await api.sql(`update app_user set display_name = ? where id = ?`, [name, u.id]);
  }
  before = await tableCounts();
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await db?.stop();
});

describe.each(LISTS.map((l) => [l.list, l] as const))('%s: search is a literal substring', (_name, l) => {
  const client = () => (l.list === 'users' ? admin : bureau);

  it('the rows with metacharacters are there to be found', async () => {
    const all = await page(client(), l);
    expect(all.errors).toBeUndefined();
    expect(all.data?.[l.list]?.totalCount).toBeGreaterThan(0);
  });

  it.each(SEARCHES.map((s) => [JSON.stringify(s), s] as const))('%s', async (_label, text) => {
    const all = await page(client(), l);
    const found = await page(client(), l, text);
    expect({ status: found.status, errors: found.errors }).toEqual({ status: 200, errors: undefined });
    const items = found.data?.[l.list]?.items ?? [];
    expect(items.map(l.key).sort()).toEqual(literal(all.data?.[l.list]?.items ?? [], l, text));
    expect(found.data?.[l.list]?.totalCount).toBe(items.length);
  });
});

describe('metacharacters match only themselves', () => {
  it.each([
    ['%', ['专项%资金']],
    ['_', ['专项_资金']],
    ['\\', ['专项\\资金']],
    ["'", ["O'Brien专项"]],
    ['$1', ['专项$1资金']],
    ['.*', ['专项.*资金']],
  ])('departments named with %s', async (text, names) => {
    const r = await bureau.ok<{ departments: { items: { name: string }[] } }>(
      'query($s: String) { departments(filter: { search: $s }, limit: 200) { items { name } } }',
      { s: text },
    );
    expect(r.departments.items.map((i) => i.name)).toEqual(names);
  });
});

describe('text that cannot be searched for', () => {
  it.each([
    ['NUL', '\u0000'],
    ['NUL inside', '专项\u0000资金'],
  ])('%s: BAD_USER_INPUT naming the filter, on either database', async (_label, text) => {
    const r = await page(bureau, LISTS[2] as SearchList, text);
    expect({ status: r.status, errors: r.errors?.map((e) => e.extensions) }).toEqual({
      status: 200,
      errors: [{ code: 'BAD_USER_INPUT', field: 'filter.search' }],
    });
  });

  it('a search longer than its limit is BAD_USER_INPUT', async () => {
    const r = await page(bureau, LISTS[2] as SearchList, `${"'; drop table department; --".repeat(10_000)}`);
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('afterwards', () => {
  it('every table is still there, with the same number of rows', async () => {
    expect(await tableCounts()).toEqual(before);
  });
});
