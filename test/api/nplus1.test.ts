import { type Client, startApi, type TestApi } from '../helpers/api';
import { demoToken } from '../helpers/users';

let api: TestApi;
let bureau: Client;
beforeAll(async () => {
  api = await startApi();
  bureau = api.as(await demoToken(api, 'perf-admin'));
});
afterAll(async () => {
  await api.stop();
});

interface Page {
  projects: {
    totalCount: number;
    items: Array<{
      department: { name: string };
      budgets: Array<{ requested: string }>;
      targets: Array<{ rows: Array<{ indicator: { code: string; category: { name: string } } }> }>;
    }>;
  };
}

describe('nested lists load each relation with one statement, whatever the page size', () => {
  it('sends the same number of SQL statements (at most 8) for 10 and for 100 projects', async () => {
    const ten = await bureau.gql<Page>(NESTED, { limit: 10 });
    const hundred = await bureau.gql<Page>(NESTED, { limit: 100 });
    expect(ten.errors).toBeUndefined();
    expect(hundred.errors).toBeUndefined();

    // The pages are real: 100 projects, each with its department, budgets and a target with rows.
    const items = hundred.data?.projects.items ?? [];
    expect(items).toHaveLength(100);
    const rows = items.flatMap((p) => p.targets.flatMap((t) => t.rows));
    expect(rows.length).toBeGreaterThan(500);
    expect(rows.every((r) => r.indicator.code.length > 0 && r.indicator.category.name.length > 0)).toBe(true);
    expect(items.every((p) => p.department.name.length > 0 && p.budgets.length > 0)).toBe(true);

    expect(hundred.statements).toBe(ten.statements);
    expect(hundred.statements).toBeLessThanOrEqual(8);
  });
});

const NESTED = `query($limit: Int!) {
  projects(limit: $limit, filter: { fiscalDivisionCode: "410100000", fiscalYear: 2022 }, sort: [{ field: CODE }]) {
    totalCount
    items {
      code name
      department { code name }
      budgets { fiscalYear requested audited approved }
      targets {
        status funds
        rows {
          comparator targetValue unit
          indicator { code name category { code name } }
        }
      }
    }
  }
}`;
