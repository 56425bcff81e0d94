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
  it('sends the same number of SQL statements (at most 6) for 10 and for 100 projects', async () => {
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
    expect(hundred.statements).toBeLessThanOrEqual(6);
  });
});

describe('reads select the long texts and timestamps only when the query asks for them', () => {
  it('answers lazy fields that are selected, the same as a full read, and leaves them out of the SQL otherwise', async () => {
    const narrow = await bureau.ok<Wide>(WIDE, { limit: 20, wide: false });
    const wide = await bureau.ok<Wide>(WIDE, { limit: 20, wide: true });
    const rows = wide.projects.items.flatMap((p) => p.targets.flatMap((t) => t.rows.map((r) => ({ t, r }))));
    expect(rows.length).toBeGreaterThan(20);
    // Every selected lazy field is there and equals what a single, full-width lookup answers.
    for (const { t, r } of rows.slice(0, 5)) {
      const one = await bureau.ok<{ performanceTarget: { overallGoal: string; createdAt: string } }>(
        `query($id: ID!) { performanceTarget(id: $id) { overallGoal createdAt } }`,
        { id: t.id },
      );
      expect(t.overallGoal).toBe(one.performanceTarget.overallGoal);
      expect(t.createdAt).toBe(one.performanceTarget.createdAt);
      const indicator = await bureau.ok<{ indicator: { explanation: string | null; updatedAt: string } }>(
        `query($id: ID!) { indicator(id: $id) { explanation updatedAt } }`,
        { id: r.indicator.id },
      );
      expect(r.indicator.explanation).toBe(indicator.indicator.explanation);
      expect(r.indicator.updatedAt).toBe(indicator.indicator.updatedAt);
    }
    expect(rows.every(({ t, r }) => t.overallGoal.length > 0 && typeof r.indicator.updatedAt === 'string')).toBe(true);
    // The narrow query answers the same skeleton.
    expect(narrow.projects.items.map((p) => p.targets.map((t) => t.rows.map((r) => r.indicator.id)))).toEqual(
      wide.projects.items.map((p) => p.targets.map((t) => t.rows.map((r) => r.indicator.id))),
    );

    // The columns read for the narrow request, from the ORM's query log.
    const logged: string[] = [];
    const logger = api.orm.config.getLogger();
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (context) => {
      logged.push(context.query ?? '');
      original(context);
    };
    const debug = api.orm.config.get('debug');
    api.orm.config.set('debug', ['query']);
    logger.setDebugMode(['query']);
    try {
      await bureau.ok<Wide>(WIDE, { limit: 20, wide: false });
    } finally {
      logger.logQuery = original;
      api.orm.config.set('debug', debug);
      logger.setDebugMode(debug);
    }
    const targetsSql = logged.find((q) => /from performance_target t where t\.project_id in/.test(q));
    const indicatorSql = logged.find((q) => /from indicator t where t\.id in/.test(q));
    expect(targetsSql).toBeDefined();
    expect(indicatorSql).toBeDefined();
    expect(targetsSql).not.toMatch(/overall_goal|annual_goal|measures|created_at/);
    expect(indicatorSql).not.toMatch(/explanation|calculation_method|data_source|updated_at/);
    expect(indicatorSql).toMatch(/t\.category_id/);
  });
});

interface Wide {
  projects: {
    items: Array<{
      targets: Array<{
        id: string;
        overallGoal: string;
        createdAt: string;
        rows: Array<{ indicator: { id: string; explanation: string | null; updatedAt: string } }>;
      }>;
    }>;
  };
}

const WIDE = `query($limit: Int!, $wide: Boolean!) {
  projects(limit: $limit, filter: { fiscalDivisionCode: "410100000", fiscalYear: 2022 }, sort: [{ field: CODE }]) {
    items {
      code
      targets {
        id
        overallGoal @include(if: $wide)
        createdAt @include(if: $wide)
        rows {
          comparator
          indicator { id code category { name } explanation @include(if: $wide) updatedAt @include(if: $wide) }
        }
      }
    }
  }
}`;

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
