import { type Client, startApi, type TestApi } from '../helpers/api';
import { demoToken } from '../helpers/users';
import { buildWorld, insertId } from '../helpers/world';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

const CITY = '410100000';

interface FundsGroup {
  fiscalDivisionCode: string | null;
  departmentId: string | null;
  departmentName: string | null;
  budgetType: string | null;
  fiscalYear: number | null;
  decision: string | null;
  budgets: number;
  requested: string;
  audited: string;
  decidedBudgets: number;
  approved: string;
  cut: string;
  cutRate: number | null;
}
const FUNDS_FIELDS = `fiscalDivisionCode departmentId departmentName budgetType fiscalYear decision budgets requested
  audited decidedBudgets approved cut cutRate`;
const FUNDS = `query($groupBy: [FundsDimension!], $filter: FundsFilter) {
  fundsAggregate(groupBy: $groupBy, filter: $filter) { groups { ${FUNDS_FIELDS} } total { ${FUNDS_FIELDS} } }
}`;

async function funds(client: Client, groupBy: string[], filter: Record<string, unknown> = {}) {
  return (await client.ok<{ fundsAggregate: { groups: FundsGroup[]; total: FundsGroup } }>(FUNDS, { groupBy, filter }))
    .fundsAggregate;
}

/** The same figures computed straight from the budgets (not from the rollup), for one division. */
async function fundsFromBudgets(fd: string) {
  return api.sql<{ key: string; budgets: number; requested: string; approved: string; cut: string }>(
    `select p.department_id || '/' || p.budget_type || '/' || b.fiscal_year || '/' || coalesce(b.decision, '-') as key,
            count(*)::int as budgets, sum(b.requested)::text as requested,
            coalesce(sum(b.approved), 0)::text as approved,
            coalesce(sum(b.requested - b.approved), 0)::text as cut
       from project_budget b join project p on p.id = b.project_id
      where p.fiscal_division_code = ?
      group by 1 order by 1`,
    [fd],
  );
}

function keyed(groups: FundsGroup[]) {
  return groups
    .map((g) => ({
      key: `${g.departmentId}/${g.budgetType}/${g.fiscalYear}/${g.decision ?? '-'}`,
      budgets: g.budgets,
      requested: g.requested,
      approved: g.approved,
      cut: g.cut,
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

const money = (s: string) => Number(s).toFixed(2);
const normal = (rows: { key: string; budgets: number; requested: string; approved: string; cut: string }[]) =>
  rows.map((r) => ({ ...r, requested: money(r.requested), approved: money(r.approved), cut: money(r.cut) }));

describe('the funds funnel', () => {
  test('stays equal to the budgets through inserts, decisions, edits, a moved project and deletes', async () => {
    const w = await buildWorld(api, { name: '资金汇总区划' });
    const analyst = await w.as('analyst');
    const project = (code: string, dept: string, type: string) =>
      insertId(
        api,
        `insert into project (fiscal_division_code, code, name, department_id, attribute, start_year, budget_type,
           created_at, updated_at) values (?, ?, ?, ?, 'NEW', 2023, ?, now(), now())`,
        [w.fd, code, `项目${code}`, dept, type],
      );
    const p1 = await project('P1', w.edu, 'GENERAL_PUBLIC');
    const p2 = await project('P2', w.edu, 'GOVERNMENT_FUND');
    const p3 = await project('P3', w.civil, 'GENERAL_PUBLIC');
    const check = async () => {
      const got = await funds(analyst, ['DEPARTMENT', 'BUDGET_TYPE', 'FISCAL_YEAR', 'DECISION'], {
        fiscalDivisionCodes: [w.fd],
      });
      expect(normal(keyed(got.groups))).toEqual(normal(await fundsFromBudgets(w.fd)));
      return got;
    };
    // Several budgets in one statement, then one by one.
    await api.sql(
      `insert into project_budget (fiscal_division_code, project_id, fiscal_year, requested, created_at, updated_at)
       values (?, ?, 2023, 1000000.00, now(), now()), (?, ?, 2023, 500000.50, now(), now()),
              (?, ?, 2023, 300000.00, now(), now())`,
      [w.fd, p1, w.fd, p2, w.fd, p3],
    );
    await api.sql(
      `insert into project_budget (fiscal_division_code, project_id, fiscal_year, requested, created_at, updated_at)
       values (?, ?, 2024, 200000.00, now(), now())`,
      [w.fd, p1],
    );
    let got = await check();
    expect(got.total).toMatchObject({ budgets: 4, requested: '2000000.50', decidedBudgets: 0, cut: '0.00' });

    await api.sql(`update project_budget set audited = requested * 0.9 where project_id = ?`, [p1]);
    await api.sql(
      `update project_budget set decision = 'REDUCED', approved = 800000.00 where project_id = ? and fiscal_year = 2023`,
      [p1],
    );
    await api.sql(`update project_budget set decision = 'FULL', approved = requested where project_id = ?`, [p2]);
    await api.sql(`update project_budget set decision = 'CANCELLED', approved = 0 where project_id = ?`, [p3]);
    got = await check();
    expect(got.total).toMatchObject({ decidedBudgets: 3, approved: '1300000.50', cut: '500000.00' });
    expect(got.total.cutRate).toBeCloseTo(500000 / 1800000.5, 4);
    expect(got.total.audited).toBe('1080000.00');

    // A project moved to another department takes its money with it.
    await api.sql('update project set department_id = ? where id = ?', [w.civil, p2]);
    got = await check();
    // A changed amount, a reverted decision, a deleted budget.
    await api.sql(`update project_budget set requested = 1200000.00 where project_id = ? and fiscal_year = 2023`, [p1]);
    await api.sql(`update project_budget set decision = null, approved = null where project_id = ?`, [p3]);
    await api.sql(`delete from project_budget where project_id = ? and fiscal_year = 2024`, [p1]);
    got = await check();
    expect(got.total).toMatchObject({ budgets: 3, requested: '2000000.50', decidedBudgets: 2 });

    const byDecision = await funds(analyst, ['DECISION'], { fiscalDivisionCodes: [w.fd] });
    expect(byDecision.groups.map((g) => [g.decision, g.budgets])).toEqual([
      ['FULL', 1],
      ['REDUCED', 1],
      [null, 1],
    ]);
    const undecided = await funds(analyst, [], { fiscalDivisionCodes: [w.fd], decided: false });
    expect(undecided.total.budgets).toBe(1);
  });

  test('the rollup equals the budgets over the whole database (demo data, migrations backfill, every test’s writes)', async () => {
    const [diff] = await api.sql<{ n: number }>(`
      with base as (
        select p.fiscal_division_code, p.department_id, p.budget_type, b.fiscal_year, coalesce(b.decision, '') as decision,
               count(*)::int as budgets, sum(b.requested) as requested, coalesce(sum(b.approved), 0) as approved
          from project_budget b join project p on p.id = b.project_id group by 1, 2, 3, 4, 5),
      rollup as (
        select fiscal_division_code, department_id, budget_type, fiscal_year, decision, budgets, requested, approved
          from budget_rollup where budgets <> 0)
      select count(*)::int as n from ((select * from base except select * from rollup)
                                       union all (select * from rollup except select * from base)) d`);
    expect(diff?.n).toBe(0);
  });

  test('row rules: a department officer gets its own figures, an analyst the division, others are refused', async () => {
    const analyst = api.as(await demoToken(api, 'analyst'));
    const officer = api.as(await demoToken(api, 'dept-officer'));
    const preparer = api.as(await demoToken(api, 'preparer'));
    const all = await funds(analyst, ['DEPARTMENT'], { fiscalYears: [2022], fiscalDivisionCodes: [CITY] });
    expect(all.groups.length).toBeGreaterThan(10);
    const own = await funds(officer, ['DEPARTMENT'], { fiscalYears: [2022] });
    const [officerDept] = await api.sql<{ department_id: number }>(
      `select department_id from app_user where login_name = 'dept-officer'`,
    );
    expect(own.groups.map((g) => Number(g.departmentId))).toEqual([officerDept?.department_id]);
    const theirs = all.groups.find((g) => Number(g.departmentId) === officerDept?.department_id);
    expect(own.total.requested).toBe(theirs?.requested);
    // Asking for another department's figures by filter gives nothing.
    const other = all.groups.find((g) => Number(g.departmentId) !== officerDept?.department_id);
    const forced = await funds(officer, ['DEPARTMENT'], { departmentIds: [other?.departmentId] });
    expect(forced.groups).toEqual([]);
    expect(forced.total.budgets).toBe(0);
    const refused = await preparer.gql(FUNDS, { groupBy: [] });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await api.gql(FUNDS, { groupBy: [] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('a division’s bureau sees the divisions under it; a division never sees its parent or siblings', async () => {
    const parent = await buildWorld(api, { name: '上级区划' });
    const child = await buildWorld(api, { name: '下级区划' });
    await api.sql('update fiscal_division set parent_code = ? where code = ?', [parent.fd, child.fd]);
    for (const w of [parent, child]) {
      const p = await insertId(
        api,
        `insert into project (fiscal_division_code, code, name, department_id, attribute, start_year, budget_type,
           created_at, updated_at) values (?, 'X1', '项目', ?, 'NEW', 2023, 'GENERAL_PUBLIC', now(), now())`,
        [w.fd, w.edu],
      );
      await api.sql(
        `insert into project_budget (fiscal_division_code, project_id, fiscal_year, requested, created_at, updated_at)
         values (?, ?, 2023, 100.00, now(), now())`,
        [w.fd, p],
      );
    }
    const upper = await funds(await parent.as('analyst'), ['FISCAL_DIVISION']);
    expect(upper.groups.map((g) => g.fiscalDivisionCode)).toEqual([parent.fd, child.fd].sort());
    const lower = await funds(await child.as('analyst'), ['FISCAL_DIVISION']);
    expect(lower.groups.map((g) => g.fiscalDivisionCode)).toEqual([child.fd]);
  });
});

describe('the other aggregates, against the demo data', () => {
  let analyst: Client;
  beforeAll(async () => {
    analyst = api.as(await demoToken(api, 'analyst'));
  });

  test('grade distribution, first-pass rate and rounds match the targets', async () => {
    const data = await analyst.ok<{
      targetAggregate: {
        groups: { grade: string | null; targets: number }[];
        total: { targets: number; graded: number; excellent: number; firstPass: number; firstPassRate: number };
      };
    }>(
      `{ targetAggregate(groupBy: [GRADE], filter: { fiscalDivisionCodes: ["${CITY}"] }) {
          groups { grade targets } total { targets graded excellent firstPass firstPassRate } } }`,
    );
    const [expected] = await api.sql<{ targets: number; graded: number; excellent: number; first: number }>(
      `select count(*)::int as targets, count(grade)::int as graded,
              count(*) filter (where grade = 'EXCELLENT')::int as excellent,
              count(*) filter (where grade is not null and review_round = 0)::int as first
         from performance_target where fiscal_division_code = ?`,
      [CITY],
    );
    const t = data.targetAggregate.total;
    expect([t.targets, t.graded, t.excellent, t.firstPass]).toEqual([
      expected?.targets,
      expected?.graded,
      expected?.excellent,
      expected?.first,
    ]);
    expect(t.firstPassRate).toBeCloseTo((expected?.first ?? 0) / (expected?.graded ?? 1), 3);
    expect(data.targetAggregate.groups.reduce((s, g) => s + g.targets, 0)).toBe(t.targets);
    expect(data.targetAggregate.groups.map((g) => g.grade)).toEqual(['EXCELLENT', 'GOOD', 'FAIR', 'POOR', null]);
  });

  test('coverage, reviews, ex-ante and the admission queue add up', async () => {
    const data = await analyst.ok<{
      coverageAggregate: { total: { budgets: number; withTarget: number; coverage: number } };
      reviewAggregate: {
        groups: { stage: string; reviews: number; averageDays: number | null }[];
        total: { reviews: number };
      };
      exAnteAggregate: { groups: { conclusion: string; assessments: number }[]; total: { assessments: number } };
      admissionAggregate: { groups: { status: string; requests: number }[]; total: { requests: number } };
    }>(`{
      coverageAggregate(filter: { fiscalDivisionCodes: ["${CITY}"] }) { total { budgets withTarget coverage } }
      reviewAggregate(groupBy: [STAGE], filter: { fiscalDivisionCodes: ["${CITY}"] }) {
        groups { stage reviews averageDays } total { reviews } }
      exAnteAggregate(groupBy: [CONCLUSION], filter: { fiscalDivisionCodes: ["${CITY}"] }) {
        groups { conclusion assessments } total { assessments } }
      admissionAggregate(groupBy: [STATUS], filter: { fiscalDivisionCodes: ["${CITY}"] }) {
        groups { status requests } total { requests } }
    }`);
    const [c] = await api.sql<{ budgets: number; covered: number }>(
      `select count(*)::int as budgets,
              count(*) filter (where exists (select 1 from performance_target t
                                              where t.project_id = b.project_id and t.fiscal_year = b.fiscal_year))::int as covered
         from project_budget b join project p on p.id = b.project_id where p.fiscal_division_code = ?`,
      [CITY],
    );
    expect(data.coverageAggregate.total).toMatchObject({ budgets: c?.budgets, withTarget: c?.covered });
    const [r] = await api.sql<{ n: number }>(
      `select count(*)::int as n from target_review r join performance_target t on t.id = r.target_id
        where t.fiscal_division_code = ?`,
      [CITY],
    );
    expect(data.reviewAggregate.total.reviews).toBe(r?.n);
    for (const g of data.reviewAggregate.groups) expect(g.averageDays ?? 0).toBeGreaterThanOrEqual(0);
    const sum = (gs: { [k: string]: unknown }[], k: string) => gs.reduce((s, g) => s + (g[k] as number), 0);
    expect(sum(data.exAnteAggregate.groups, 'assessments')).toBe(data.exAnteAggregate.total.assessments);
    expect(sum(data.admissionAggregate.groups, 'requests')).toBe(data.admissionAggregate.total.requests);
    const [q] = await api.sql<{ n: number }>(
      'select count(*)::int as n from indicator_change_request where fiscal_division_code = ?',
      [CITY],
    );
    expect(data.admissionAggregate.total.requests).toBe(q?.n);
  });

  test('library: composition, usage per indicator, never-used and the quantified share', async () => {
    const data = await analyst.ok<{
      byScope: {
        groups: { scope: string; indicators: number; used: number; neverUsed: number }[];
        total: { indicators: number; rows: number; quantifiedRows: number; quantifiedRatio: number };
      };
      top: { groups: { indicatorId: string; indicatorCode: string; rows: number }[] };
      unused: { total: { indicators: number; used: number } };
    }>(`{
      byScope: libraryAggregate(groupBy: [SCOPE], filter: { fiscalDivisionCodes: ["${CITY}"] }) {
        groups { scope indicators used neverUsed } total { indicators rows quantifiedRows quantifiedRatio } }
      top: libraryAggregate(groupBy: [INDICATOR], filter: { fiscalDivisionCodes: ["${CITY}"], used: true }) {
        groups { indicatorId indicatorCode rows } }
      unused: libraryAggregate(filter: { fiscalDivisionCodes: ["${CITY}"], used: false }) { total { indicators used } }
    }`);
    for (const g of data.byScope.groups) expect(g.used + g.neverUsed).toBe(g.indicators);
    const [rows] = await api.sql<{ n: number; q: number }>(
      `select count(*)::int as n, count(*) filter (where ti.comparator <> 'QUALITATIVE')::int as q
         from target_indicator ti join performance_target t on t.id = ti.target_id where t.fiscal_division_code = ?`,
      [CITY],
    );
    expect([data.byScope.total.rows, data.byScope.total.quantifiedRows]).toEqual([rows?.n, rows?.q]);
    expect(data.byScope.total.quantifiedRatio).toBeCloseTo((rows?.q ?? 0) / (rows?.n ?? 1), 3);
    const busiest = [...data.top.groups].sort((a, b) => b.rows - a.rows)[0];
    const [usage] = await api.sql<{ n: number }>(
      'select count(*)::int as n from target_indicator where indicator_id = ?',
      [Number(busiest?.indicatorId)],
    );
    expect(busiest?.rows).toBe(usage?.n);
    expect(data.unused.total.used).toBe(0);
    expect(data.unused.total.indicators + data.top.groups.length).toBe(data.byScope.total.indicators);
  });

  test('bad input is refused with BAD_USER_INPUT', async () => {
    const r = await analyst.gql(`{ fundsAggregate(filter: { departmentIds: ["abc"] }) { total { budgets } } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const v = await analyst.gql(`{ fundsAggregate(groupBy: [NOPE]) { total { budgets } } }`);
    expect(v.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
