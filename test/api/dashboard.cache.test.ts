import { type Client, startApi, type TestApi } from '../helpers/api';
import { createUser } from '../helpers/users';
import { type BaseWorld, buildWorld, insertId } from '../helpers/world';

let api: TestApi;
let other: TestApi;
let w: BaseWorld;
let p1: string;
beforeAll(async () => {
  api = await startApi();
  other = await startApi();
  w = await buildWorld(api, { name: '看板缓存区划' });
  const project = (code: string, dept: string) =>
    insertId(
      api,
      `insert into project (fiscal_division_code, code, name, department_id, attribute, start_year, budget_type,
         created_at, updated_at) values (?, ?, ?, ?, 'NEW', 2023, 'GENERAL_PUBLIC', now(), now())`,
      [w.fd, code, `项目${code}`, dept],
    );
  p1 = await project('C1', w.edu);
  const p2 = await project('C2', w.civil);
  await api.sql(
    `insert into project_budget (fiscal_division_code, project_id, fiscal_year, requested, created_at, updated_at)
     values (?, ?, 2023, 1000.00, now(), now()), (?, ?, 2023, 500.00, now(), now())`,
    [w.fd, p1, w.fd, p2],
  );
});
afterAll(async () => {
  await other?.stop();
  await api?.stop();
});

const FUNDS = `query($fd: String!) {
  fundsAggregate(groupBy: [DEPARTMENT], filter: { fiscalDivisionCodes: [$fd] }) {
    groups { departmentName requested } total { budgets requested }
  }
}`;

interface Funds {
  fundsAggregate: {
    groups: Array<{ departmentName: string; requested: string }>;
    total: { budgets: number; requested: string };
  };
}

/**
 * Asks the same dashboard query twice in a row, up to `tries` times, and returns the pairs. Other test files write
 * to the shared database at the same time and move the data generation, so a repeat is not always a hit.
 */
async function repeats(client: Client, query: string, variables: Record<string, unknown>, tries = 20) {
  const pairs: Array<{ first: Awaited<ReturnType<Client['gql']>>; second: Awaited<ReturnType<Client['gql']>> }> = [];
  for (let i = 0; i < tries; i += 1) {
    const first = await client.gql(query, variables);
    const second = await client.gql(query, variables);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    pairs.push({ first, second });
    if (second.headers.get('x-aggregate-cache') === 'hit') break;
  }
  return pairs;
}

describe('dashboard answers are reused while the data generation stands still', () => {
  test('a repeated aggregate is answered with one single-row read, and equal to the computed one', async () => {
    const analyst = await w.as('analyst');
    const pairs = await repeats(analyst, FUNDS, { fd: w.fd });
    const hit = pairs.find((p) => p.second.headers.get('x-aggregate-cache') === 'hit');
    expect(hit).toBeDefined();
    expect(hit?.second.data).toEqual(hit?.first.data);
    // Served with the generation read alone; the computed answer took the aggregate's own statements besides it.
    expect(hit?.second.statements).toBe(1);
    expect(pairs[0]?.first.headers.get('x-aggregate-cache')).toBe('miss');
    expect(pairs[0]?.first.statements).toBeGreaterThan(1);
  });

  test('answers served from the cache are counted and timed in /metrics like executed ones', async () => {
    const analyst = await w.as('analyst');
    const named = FUNDS.replace('query(', 'query CachedFunds(');
    const pairs = await repeats(analyst, named, { fd: w.fd });
    const served = pairs.flatMap((p) => [p.first, p.second]);
    const hits = served.filter((r) => r.headers.get('x-aggregate-cache') === 'hit').length;
    expect(hits).toBeGreaterThanOrEqual(1);
    const text = await (await fetch(`${api.url}/metrics`)).text();
    const sample = (series: string) =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(`${series} `))
          ?.split(' ')[1] ?? Number.NaN,
      );
    expect(sample('graphql_aggregate_cache_hits_total{operation="CachedFunds"}')).toBe(hits);
    expect(sample('graphql_request_duration_seconds_count{operation="CachedFunds",type="query"}')).toBe(served.length);
  });

  test('a committed write is in the next answer, on this instance and on another one sharing the database', async () => {
    const { token } = await createUser(api, { roles: ['ANALYST'], fiscalDivisionCode: w.fd });
    const analyst = api.as(token);
    const onOther = other.as(token);
    const before = await analyst.ok<Funds>(FUNDS, { fd: w.fd });
    expect(before.fundsAggregate.total).toEqual({ budgets: 2, requested: '1500.00' });
    await onOther.ok<Funds>(FUNDS, { fd: w.fd });

    await api.sql(`update project_budget set requested = requested + 250 where project_id = ?`, [p1]);
    const after = await analyst.ok<Funds>(FUNDS, { fd: w.fd });
    expect(after.fundsAggregate.total).toEqual({ budgets: 2, requested: '1750.00' });
    const afterOther = await onOther.ok<Funds>(FUNDS, { fd: w.fd });
    expect(afterOther.fundsAggregate.total).toEqual({ budgets: 2, requested: '1750.00' });

    // A write that rolls back leaves the answer (and what is served) as it was.
    const em = api.orm.em.fork();
    await em.begin();
    await em.execute(`update project_budget set requested = requested + 99999 where project_id = ${Number(p1)}`);
    await em.rollback();
    const unchanged = await analyst.ok<Funds>(FUNDS, { fd: w.fd });
    expect(unchanged.fundsAggregate.total).toEqual({ budgets: 2, requested: '1750.00' });
  });

  test('the answer is kept per scope: a department officer never gets the bureau’s figures', async () => {
    const analyst = await w.as('analyst');
    const officer = await w.as('officer');
    await repeats(analyst, FUNDS, { fd: w.fd });
    const mine = await repeats(officer, FUNDS, { fd: w.fd });
    const last = mine.at(-1);
    // 教育局's own figures only, cached or not.
    for (const answer of [last?.first, last?.second]) {
      const data = answer?.data as Funds;
      expect(data.fundsAggregate.groups.map((g) => g.departmentName)).toEqual(['郑州市教育局']);
      expect(data.fundsAggregate.total.budgets).toBe(1);
    }
  });

  test('operations with anything but cacheable aggregates are executed every time', async () => {
    const analyst = await w.as('analyst');
    const mixed = `query($fd: String!) {
      me { loginName }
      fundsAggregate(groupBy: [], filter: { fiscalDivisionCodes: [$fd] }) { total { budgets } }
    }`;
    const admission = `query { admissionAggregate(groupBy: [STATUS]) { total { requests oldestPendingDays } } }`;
    for (const [query, variables] of [
      [mixed, { fd: w.fd }],
      [admission, {}],
    ] as const) {
      const first = await analyst.gql(query, variables);
      const second = await analyst.gql(query, variables);
      expect(first.errors).toBeUndefined();
      expect(second.errors).toBeUndefined();
      expect(second.headers.get('x-aggregate-cache')).toBeNull();
    }
  });
});
