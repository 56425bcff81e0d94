import { type GenerateResult, generate } from '../../server/db/generate';
import { startApi, type TestApi } from '../helpers/api';

/**
 * The data generator (`npm run generate -- --scale …`) at its `tiny` scale, against the shared test database: what
 * it writes into its new fiscal division obeys the domain rules, and a seed always produces the same data.
 */
let api: TestApi;
let first: GenerateResult;
let code: string;

beforeAll(async () => {
  api = await startApi();
  first = await generate(api.orm.em.fork(), { scale: 'tiny', seed: 7 });
  code = first.cities[0]!.code;
}, 120_000);
afterAll(async () => {
  await api.stop();
});

async function count(sql: string, params: unknown[] = [code]): Promise<number> {
  const rows = await api.sql<{ n: string | number }>(sql, params);
  return Number(rows[0]?.n);
}

/** Everything a city's data depends on, independent of its code and database ids. */
async function fingerprint(division: string): Promise<string> {
  const parts = await api.sql<{ part: string | null }>(
    `select string_agg(substr(p.code, 7) || ':' || p.name || ':' || p.budget_type || ':' || b.fiscal_year || ':' ||
             b.requested || ':' || coalesce(b.approved::text, '-') || ':' || coalesce(b.decision, '-'), '|'
             order by p.code, b.fiscal_year) as part
       from project p join project_budget b on b.project_id = p.id where p.fiscal_division_code = ?
     union all
     select string_agg(t.kind || ':' || t.fiscal_year || ':' || coalesce(substr(p.code, 7), d.code) || ':' || t.status ||
             ':' || coalesce(t.grade, '-') || ':' || t.review_round || ':' || t.funds, '|'
             order by t.kind, t.fiscal_year, p.code, d.code)
       from performance_target t join department d on d.id = t.department_id
       left join project p on p.id = t.project_id where t.fiscal_division_code = ?
     union all
     select string_agg(i.code || '=' || ti.target_value, '|' order by t.kind, t.fiscal_year, p.code, d.code, ti.sort_order)
       from target_indicator ti join performance_target t on t.id = ti.target_id
       join indicator i on i.id = ti.indicator_id join department d on d.id = t.department_id
       left join project p on p.id = t.project_id where ti.fiscal_division_code = ?
     union all
     select count(*)::text || ':' || string_agg(r.stage || r.round || r.decision || r.reviewer_name, '|'
             order by r.reviewed_at, r.stage || r.round || r.decision || r.reviewer_name)
       from target_review r where r.fiscal_division_code = ?`,
    [division, division, division, division],
  );
  return parts.map((p) => p.part ?? '').join('\n');
}

describe('generate --scale tiny', () => {
  it('creates one new city-level fiscal division with a code of its own', async () => {
    expect(first.cities).toHaveLength(1);
    expect(code).toMatch(/^99\d{3}0000$/);
    const [division] = await api.sql<{ level: string; parent_code: string; name: string }>(
      'select level, parent_code, name from fiscal_division where code = ?',
      [code],
    );
    expect(division).toMatchObject({ level: 'CITY', parent_code: '990000000' });
    expect(first.rows.project).toBe(60);
    expect(first.totalRows).toBeGreaterThan(2000);
    expect(first.peakHeap).toBeGreaterThan(0);
    // What the result reports is what the database holds.
    expect(await count('select count(*) as n from project where fiscal_division_code = ?')).toBe(60);
    expect(await count('select count(*) as n from target_indicator where fiscal_division_code = ?')).toBe(
      first.rows.target_indicator,
    );
  });

  it('has departments, budgets in all four budget types over 2021–2023 and targets for every project', async () => {
    const departments = await count(
      'select count(*) as n from department where fiscal_division_code = ? and parent_id is null',
    );
    expect(departments).toBe(12);
    const types = await api.sql<{ budget_type: string }>(
      `select distinct p.budget_type from project_budget b join project p on p.id = b.project_id
       where b.fiscal_division_code = ? order by 1`,
      [code],
    );
    expect(types.map((t) => t.budget_type)).toEqual([
      'GENERAL_PUBLIC',
      'GOVERNMENT_FUND',
      'SOCIAL_INSURANCE',
      'STATE_CAPITAL',
    ]);
    const years = await api.sql<{ fiscal_year: number }>(
      'select distinct fiscal_year from project_budget where fiscal_division_code = ? order by 1',
      [code],
    );
    expect(years.map((y) => Number(y.fiscal_year))).toEqual([2021, 2022, 2023]);
    expect(
      await count(
        `select count(*) as n from project p where p.fiscal_division_code = ?
         and not exists (select 1 from performance_target t where t.project_id = p.id and t.kind = 'PROJECT')`,
      ),
    ).toBe(0);
    // Each project's target year has its budget.
    expect(
      await count(
        `select count(*) as n from performance_target t where t.fiscal_division_code = ? and t.kind = 'PROJECT'
         and not exists (select 1 from project_budget b where b.project_id = t.project_id and b.fiscal_year = t.fiscal_year)`,
      ),
    ).toBe(0);
    // One department-wide target per first-level department and year.
    const perDepartment = await api.sql<{ n: string | number; years: string | number }>(
      `select count(*) as n, count(distinct (department_id, fiscal_year)) as years from performance_target
       where fiscal_division_code = ? and kind = 'DEPARTMENT'`,
      [code],
    );
    expect(Number(perDepartment[0]?.n)).toBe(departments * 3);
    expect(Number(perDepartment[0]?.years)).toBe(departments * 3);
    expect(
      await count(
        `select count(*) as n from performance_target t join department d on d.id = t.department_id
         where t.fiscal_division_code = ? and (d.fiscal_division_code <> t.fiscal_division_code or
           (t.kind = 'DEPARTMENT' and d.parent_id is not null))`,
      ),
    ).toBe(0);
  });

  it('fills target rows only from PUBLISHED indicators of the division, in the target framework', async () => {
    expect(
      await count(
        `select count(*) as n from target_indicator ti
         join performance_target t on t.id = ti.target_id
         join indicator i on i.id = ti.indicator_id
         join indicator_framework_node n on n.id = i.level1node_id
         where ti.fiscal_division_code = ? and (i.status <> 'PUBLISHED' or not i.enabled
           or i.fiscal_division_code <> t.fiscal_division_code or n.framework_id <> t.framework_id
           or ti.fiscal_division_code <> t.fiscal_division_code
           or (i.scope <> 'COMMON' and i.owner_department_id <> t.department_id))`,
      ),
    ).toBe(0);
    expect(
      await count(
        `select count(*) as n from performance_target t where t.fiscal_division_code = ?
         and not exists (select 1 from target_indicator ti where ti.target_id = t.id)`,
      ),
    ).toBe(0);
    const [mix] = await api.sql<{ quantified: string; rows: string; unused: string; indicators: string }>(
      `select (select count(*) filter (where comparator <> 'QUALITATIVE')::float / count(*) from target_indicator
                where fiscal_division_code = ?) as quantified,
              (select count(*) from target_indicator where fiscal_division_code = ?) as rows,
              (select count(*) from indicator i where i.fiscal_division_code = ? and not exists
                (select 1 from target_indicator ti where ti.indicator_id = i.id)) as unused,
              (select count(*) from indicator where fiscal_division_code = ?) as indicators`,
      [code, code, code, code],
    );
    expect(Number(mix?.quantified)).toBeGreaterThanOrEqual(0.7);
    expect(Number(mix?.quantified)).toBeLessThanOrEqual(0.88);
    expect(Number(mix?.unused)).toBeGreaterThan(0);
    expect(Number(mix?.unused)).toBeLessThan(Number(mix?.indicators));
    const scopes = await api.sql<{ scope: string }>(
      'select distinct scope from indicator where fiscal_division_code = ? order by 1',
      [code],
    );
    expect(scopes.map((s) => s.scope)).toEqual(['COMMON', 'DEPARTMENT', 'INDUSTRY']);
  });

  it('has a review history with rounds, and grades in the wanted mix', async () => {
    expect(
      await count('select count(*) as n from performance_target where fiscal_division_code = ? and review_round > 0'),
    ).toBeGreaterThan(5);
    expect(
      await count('select count(*) as n from target_review where fiscal_division_code = ? and round > 0'),
    ).toBeGreaterThan(5);
    // No review belongs to a round the target has not reached; every graded target was graded in a joint review.
    expect(
      await count(
        `select count(*) as n from target_review r join performance_target t on t.id = r.target_id
         where r.fiscal_division_code = ? and r.round > t.review_round`,
      ),
    ).toBe(0);
    expect(
      await count(
        `select count(*) as n from performance_target t where t.fiscal_division_code = ? and t.grade is not null
         and not exists (select 1 from target_review r where r.target_id = t.id and r.stage = 'JOINT'
           and r.grade_proposal = t.grade and r.total_score is not null)`,
      ),
    ).toBe(0);
    const stages = await api.sql<{ stage: string }>(
      'select distinct stage from target_review where fiscal_division_code = ? order by 1',
      [code],
    );
    expect(stages).toHaveLength(5);
    const grades = await api.sql<{ grade: string; n: string | number }>(
      `select grade, count(*) as n from performance_target where fiscal_division_code = ? and grade is not null
       group by grade`,
      [code],
    );
    const total = grades.reduce((s, g) => s + Number(g.n), 0);
    const share = (g: string) => (100 * Number(grades.find((x) => x.grade === g)?.n ?? 0)) / total;
    expect(Math.abs(share('EXCELLENT') - 35)).toBeLessThanOrEqual(4);
    expect(Math.abs(share('GOOD') - 40)).toBeLessThanOrEqual(4);
    expect(Math.abs(share('FAIR') - 18)).toBeLessThanOrEqual(4);
    expect(Math.abs(share('POOR') - 7)).toBeLessThanOrEqual(3);
    expect(
      await count(
        `select count(*) as n from performance_target where fiscal_division_code = ? and grade = 'POOR' and kind <> 'PROJECT'`,
      ),
    ).toBe(0);
  });

  it('decides budgets consistently with the grades: approved ≤ requested, cut = requested − approved', async () => {
    const budgets = await api.sql<{
      requested: string;
      audited: string | null;
      approved: string | null;
      decision: string | null;
      grade: string | null;
      current: boolean;
    }>(
      `select b.requested, b.audited, b.approved, b.decision, t.grade, (t.id is not null) as current
       from project_budget b left join performance_target t
         on t.project_id = b.project_id and t.fiscal_year = b.fiscal_year and t.kind = 'PROJECT'
       where b.fiscal_division_code = ?`,
      [code],
    );
    expect(budgets.length).toBeGreaterThanOrEqual(60);
    let requestedTotal = 0;
    let approvedTotal = 0;
    let cutTotal = 0;
    for (const b of budgets) {
      const requested = Number(b.requested);
      expect(requested).toBeGreaterThan(0);
      if (b.approved === null) {
        expect(b.decision).toBeNull();
        continue;
      }
      const approved = Number(b.approved);
      expect(approved).toBeLessThanOrEqual(requested);
      expect(approved).toBeGreaterThanOrEqual(0);
      requestedTotal += requested;
      approvedTotal += approved;
      cutTotal += requested - approved;
      if (b.decision === 'FULL') expect(approved).toBe(requested);
      else if (b.decision === 'REDUCED') {
        expect(approved).toBeGreaterThan(0);
        expect(approved).toBeLessThan(requested);
      } else expect(approved).toBe(0);
      if (b.audited !== null) expect(Number(b.audited)).toBeLessThanOrEqual(requested);
      if (b.grade === 'POOR') expect(['CANCELLED', 'DEFERRED']).toContain(b.decision);
      if (b.grade === 'EXCELLENT') expect(['FULL', 'REDUCED']).toContain(b.decision);
    }
    expect(cutTotal).toBeCloseTo(requestedTotal - approvedTotal, 0);
    const [sums] = await api.sql<{ cut: string }>(
      'select sum(requested - approved) as cut from project_budget where fiscal_division_code = ?',
      [code],
    );
    expect(Number(sums?.cut)).toBeCloseTo(cutTotal, 0);
    const decisions = new Set(budgets.map((b) => b.decision));
    for (const d of ['FULL', 'REDUCED', 'DEFERRED', 'CANCELLED']) expect(decisions).toContain(d);
  });

  it('assesses new major projects ex ante and keeps an admission queue in every status', async () => {
    expect(
      await count(
        `select count(*) as n from ex_ante_assessment a join project p on p.id = a.project_id
         where a.fiscal_division_code = ? and (p.attribute <> 'NEW' or not (p.major_policy or p.special_fund))`,
      ),
    ).toBe(0);
    expect(await count('select count(*) as n from ex_ante_assessment where fiscal_division_code = ?')).toBeGreaterThan(
      0,
    );
    const statuses = await api.sql<{ status: string }>(
      'select distinct status from indicator_change_request where fiscal_division_code = ? order by 1',
      [code],
    );
    expect(statuses.map((s) => s.status)).toEqual(['APPROVED', 'DRAFT', 'IN_REVIEW', 'REJECTED', 'RETURNED']);
    expect(
      await count(
        `select count(*) as n from indicator_change_request r where r.fiscal_division_code = ?
         and r.status in ('APPROVED', 'REJECTED', 'RETURNED')
         and (r.decided_at is null or not exists (select 1 from indicator_change_approval a where a.request_id = r.id
           and a.decided_at = r.decided_at))`,
      ),
    ).toBe(0);
    expect(
      await count(
        `select count(*) as n from indicator_change_request where fiscal_division_code = ?
         and ((status = 'APPROVED' and result_indicator_id is null) or (status = 'REJECTED' and duplicate_of_id is null))`,
      ),
    ).toBe(0);
  });

  it('is deterministic for a seed', async () => {
    const again = await generate(api.orm.em.fork(), { scale: 'tiny', seed: 7 });
    const other = await generate(api.orm.em.fork(), { scale: 'tiny', seed: 8 });
    const codes = [code, again.cities[0]!.code, other.cities[0]!.code];
    expect(new Set(codes).size).toBe(3);
    expect(again.rows).toEqual(first.rows);
    const [a, b, c] = await Promise.all(codes.map(fingerprint));
    expect(a!.length).toBeGreaterThan(1000);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  }, 120_000);
});
