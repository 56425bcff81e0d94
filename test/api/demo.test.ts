import pino from 'pino';
import { buildDemoData, loadDemoData } from '../../server/db/seeders/demo';
import { startApi, type TestApi } from '../helpers/api';

/**
 * The demo data that `npm start`, `npm run seed` and the test database load: the article's shape and the
 * domain rules it must obey. Other test files write into the same database (in their own fiscal divisions, at
 * today's date), so counts are restricted to the city level and to the demo's dates (all before 2023).
 */
const CITY = '410100000';
const DEMO = `timestamp '2023-01-01'`;

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const rows = await api.sql<{ n: string | number }>(sql, params);
  return Number(rows[0]?.n);
}

describe('demo data: reference data and the indicator library', () => {
  it('has the city, its districts and 90 first-level budget units', async () => {
    expect(await count(`select count(*) as n from fiscal_division where parent_code = ?`, [CITY])).toBe(12);
    expect(
      await count(
        `select count(*) as n from department where fiscal_division_code = ? and parent_id is null and created_at < ${DEMO}`,
        [CITY],
      ),
    ).toBe(90);
    const data = await api.ok<{ departments: { totalCount: number } }>(
      `{ departments(filter: { fiscalDivisionCode: "${CITY}", topLevel: true }) { totalCount } }`,
    );
    expect(data.departments.totalCount).toBe(90);
    // Every first-level unit is managed by an expenditure division (谁分配资金，谁审核目标).
    expect(
      await count(
        `select count(*) as n from department d left join finance_division f on f.id = d.managing_division_id
         where d.fiscal_division_code = ? and d.created_at < ${DEMO} and (f.kind is null or f.kind <> 'EXPENDITURE')`,
        [CITY],
      ),
    ).toBe(0);
  });

  it('has the common library in the article shape: 15 categories, 9 sub-categories, 245 indicators', async () => {
    const [cats] = await api.sql<{ top: string; sub: string }>(
      `select count(*) filter (where parent_id is null) as top, count(*) filter (where parent_id is not null) as sub
       from indicator_category where fiscal_division_code = ? and scope = 'COMMON' and code ~ '^[0-9]+$' and length(code) in (2, 4)`,
      [CITY],
    );
    expect([Number(cats?.top), Number(cats?.sub)]).toEqual([15, 9]);
    expect(
      await count(
        `select count(*) as n from indicator where fiscal_division_code = ? and scope = 'COMMON' and status = 'PUBLISHED'
         and created_at < ${DEMO}`,
        [CITY],
      ),
    ).toBe(245);
    const training = await api.sql<{ name: string; default_comparator: string; default_unit: string }>(
      `select i.name, i.default_comparator, i.default_unit from indicator i join indicator_category c on c.id = i.category_id
       where c.fiscal_division_code = ? and c.scope = 'COMMON' and c.code = '01' order by i.code`,
      [CITY],
    );
    expect(training).toEqual([
      { name: '培训班次', default_comparator: 'GE', default_unit: '期' },
      { name: '培训人次', default_comparator: 'GE', default_unit: '人次' },
      { name: '培训人员合格率', default_comparator: 'GE', default_unit: '%' },
      { name: '培训计划按期完成率', default_comparator: 'EQ', default_unit: '%' },
      { name: '人均培训成本控制率', default_comparator: 'LE', default_unit: '%' },
      { name: '培训人员满意度', default_comparator: 'GE', default_unit: '%' },
    ]);
  });

  it('has industry libraries of 6 pilot departments: 83 categories, 1,142 indicators', async () => {
    const [cats] = await api.sql<{ n: string; owners: string }>(
      `select count(*) as n, count(distinct c.owner_department_id) as owners
       from indicator_category c join department d on d.id = c.owner_department_id
       where c.fiscal_division_code = ? and c.scope = 'INDUSTRY' and d.industry_pilot and d.created_at < ${DEMO}`,
      [CITY],
    );
    expect([Number(cats?.n), Number(cats?.owners)]).toEqual([83, 6]);
    const [ind] = await api.sql<{ n: string; codes: string; owners: string }>(
      `select count(*) as n, count(distinct i.code) as codes, count(distinct c.owner_department_id) as owners
       from indicator i join indicator_category c on c.id = i.category_id
       where i.fiscal_division_code = ? and i.scope = 'INDUSTRY' and i.status = 'PUBLISHED' and i.created_at < ${DEMO}`,
      [CITY],
    );
    expect([Number(ind?.n), Number(ind?.codes), Number(ind?.owners)]).toEqual([1142, 1142, 6]);
    // A modified indicator: version 2 published, version 1 superseded by it.
    expect(
      await count(
        `select count(*) as n from indicator v2 join indicator v1 on v1.id = v2.supersedes_id
         where v2.fiscal_division_code = ? and v2.version_no = 2 and v2.status = 'PUBLISHED' and v1.status = 'SUPERSEDED'
         and v1.code = v2.code and v2.created_at < ${DEMO}`,
        [CITY],
      ),
    ).toBeGreaterThanOrEqual(3);
  });

  it('keeps units, comparators and value types consistent, and names distinct within a category', async () => {
    expect(
      await count(
        `select count(*) as n from indicator where fiscal_division_code = ? and created_at < ${DEMO} and (
           (default_comparator = 'QUALITATIVE') <> (value_type = 'QUALITATIVE')
           or (default_comparator <> 'QUALITATIVE' and default_unit is null)
           or (default_comparator = 'QUALITATIVE' and default_unit is not null))`,
        [CITY],
      ),
    ).toBe(0);
    expect(
      await count(
        `select count(*) as n from (select category_id, name from indicator
         where fiscal_division_code = ? and status <> 'SUPERSEDED' and created_at < ${DEMO}
         group by category_id, name having count(*) > 1) d`,
        [CITY],
      ),
    ).toBe(0);
  });
});

describe('demo data: projects, targets and reviews', () => {
  it('has projects in all four budgets, each 2022 project with a target and every unit with a department target', async () => {
    const types = await api.sql<{ budget_type: string }>(
      `select distinct budget_type from project where fiscal_division_code = ? and created_at < ${DEMO} order by 1`,
      [CITY],
    );
    expect(types.map((t) => t.budget_type)).toEqual([
      'GENERAL_PUBLIC',
      'GOVERNMENT_FUND',
      'SOCIAL_INSURANCE',
      'STATE_CAPITAL',
    ]);
    expect(
      await count(
        `select count(*) as n from project p join project_budget b on b.project_id = p.id and b.fiscal_year = 2022
         where p.fiscal_division_code = ? and p.created_at < ${DEMO}`,
        [CITY],
      ),
    ).toBeGreaterThanOrEqual(280);
    expect(
      await count(
        `select count(*) as n from project p join project_budget b on b.project_id = p.id and b.fiscal_year = 2022
         where p.fiscal_division_code = ? and p.created_at < ${DEMO} and not exists (
           select 1 from performance_target t where t.project_id = p.id and t.kind = 'PROJECT' and t.fiscal_year = 2022)`,
        [CITY],
      ),
    ).toBe(0);
    expect(
      await count(
        `select count(*) as n from department d where d.fiscal_division_code = ? and d.parent_id is null
         and d.created_at < ${DEMO} and not exists (
           select 1 from performance_target t where t.department_id = d.id and t.kind = 'DEPARTMENT' and t.fiscal_year = 2022)`,
        [CITY],
      ),
    ).toBe(0);
  });

  it('uses only indicators that were published (or superseded later), enabled and visible to the department', async () => {
    expect(
      await count(
        `select count(*) as n from target_indicator r
         join performance_target t on t.id = r.target_id
         join indicator i on i.id = r.indicator_id
         where t.fiscal_division_code = ? and t.created_at < ${DEMO} and not (
           i.enabled
           and (i.status = 'PUBLISHED' and i.published_at <= t.created_at
                or i.status = 'SUPERSEDED' and exists (
                  select 1 from indicator n where n.supersedes_id = i.id and n.published_at > t.created_at))
           and (i.scope = 'COMMON' or i.owner_department_id = t.department_id))`,
        [CITY],
      ),
    ).toBe(0);
  });

  it('has units on every quantitative row, rows of every level-1 dimension, and weights adding up to 100', async () => {
    expect(
      await count(
        `select count(*) as n from target_indicator where fiscal_division_code = ? and created_at < ${DEMO} and (
           (comparator <> 'QUALITATIVE' and (unit is null or numeric_value is null))
           or (comparator = 'QUALITATIVE' and unit is not null))`,
        [CITY],
      ),
    ).toBe(0);
    expect(
      await count(
        `select count(*) as n from performance_target t where t.fiscal_division_code = ? and t.created_at < ${DEMO}
         and (select count(*) from indicator_framework_node n where n.framework_id = t.framework_id and n.level = 1)
          <> (select count(distinct i.level1node_id) from target_indicator r join indicator i on i.id = r.indicator_id
              join indicator_framework_node n on n.id = i.level1node_id and n.framework_id = t.framework_id
              where r.target_id = t.id)`,
        [CITY],
      ),
    ).toBe(0);
    expect(
      await count(
        `select count(*) as n from (select target_id, sum(weight) as total from target_indicator
         where fiscal_division_code = ? and weight is not null and created_at < ${DEMO} group by target_id) w
         where w.total <> 100`,
        [CITY],
      ),
    ).toBe(0);
    const [rows] = await api.sql<{ n: string; targets: string }>(
      `select count(*) as n, count(distinct target_id) as targets from target_indicator
       where fiscal_division_code = ? and created_at < ${DEMO}`,
      [CITY],
    );
    expect(Number(rows?.n) / Number(rows?.targets)).toBeGreaterThanOrEqual(8);
  });

  it('grades ~250 targets 优 35%, 良 40%, 中 18%, 差 7% (±3 points), with the consequences', async () => {
    const rows = await api.sql<{ grade: string; n: string }>(
      `select grade, count(*) as n from performance_target where fiscal_division_code = ? and grade is not null
       and created_at < ${DEMO} group by grade`,
      [CITY],
    );
    const by = Object.fromEntries(rows.map((r) => [r.grade, Number(r.n)]));
    const total = rows.reduce((s, r) => s + Number(r.n), 0);
    expect(total).toBeGreaterThanOrEqual(240);
    expect(total).toBeLessThanOrEqual(260);
    const expected = { EXCELLENT: 35, GOOD: 40, FAIR: 18, POOR: 7 };
    for (const [grade, pct] of Object.entries(expected)) {
      expect(Math.abs(((by[grade] ?? 0) / total) * 100 - pct)).toBeLessThanOrEqual(3);
    }
    // 中 goes back to the department; 差 is blocked and its budget deferred or cancelled.
    expect(
      await count(
        `select count(*) as n from performance_target where fiscal_division_code = ? and created_at < ${DEMO}
         and grade = 'FAIR' and (status <> 'DRAFT' or review_round < 1)`,
        [CITY],
      ),
    ).toBe(0);
    expect(
      await count(
        `select count(*) as n from performance_target t join project_budget b on b.project_id = t.project_id
         and b.fiscal_year = 2022 where t.fiscal_division_code = ? and t.created_at < ${DEMO} and t.grade = 'POOR'
         and (t.status <> 'BLOCKED' or b.decision not in ('DEFERRED', 'CANCELLED'))`,
        [CITY],
      ),
    ).toBe(0);
    // Only 优 with ex-ante support (or none needed) goes to the People's Congress with the draft budget.
    expect(
      await count(
        `select count(*) as n from performance_target t join project p on p.id = t.project_id
         where t.fiscal_division_code = ? and t.created_at < ${DEMO} and t.submit_to_congress and (
           t.grade <> 'EXCELLENT' or (p.attribute = 'NEW' and (p.major_policy or p.special_fund) and not exists (
             select 1 from ex_ante_assessment a where a.project_id = p.id and a.stage = 'FINANCE_AUDIT'
             and a.conclusion = 'SUPPORT')))`,
        [CITY],
      ),
    ).toBe(0);
  });

  it('keeps the money consistent: audited ≤ requested, approved ≤ audited, regional shares ≤ the parent', async () => {
    expect(
      await count(
        `select count(*) as n from project_budget where fiscal_division_code = ? and created_at < ${DEMO}
         and (audited > requested or approved > audited or (decision = 'MERGED') <> (merged_into_id is not null))`,
        [CITY],
      ),
    ).toBe(0);
    const shares = await api.sql<{ parent: string; funds: string; shares: string; regions: string }>(
      `select p.id as parent, p.funds, sum(c.funds) as shares, string_agg(f.name, ',' order by f.name) as regions
       from performance_target p join performance_target c on c.parent_id = p.id and c.kind = 'TRANSFER_REGIONAL'
       join fiscal_division f on f.code = c.region_code
       where p.fiscal_division_code = ? and p.created_at < ${DEMO} group by p.id, p.funds`,
      [CITY],
    );
    expect(shares.length).toBeGreaterThanOrEqual(1);
    for (const s of shares) expect(Number(s.shares)).toBeLessThanOrEqual(Number(s.funds));
    const [[cut]] = [
      await api.sql<{ requested: string; approved: string; reshaped: string }>(
        `select sum(requested) as requested, sum(approved) as approved,
         count(*) filter (where decision in ('REDUCED', 'MERGED', 'CANCELLED')) as reshaped
         from project_budget where fiscal_division_code = ? and fiscal_year = 2022 and decision is not null
         and created_at < ${DEMO}`,
        [CITY],
      ),
    ];
    expect(Number(cut?.approved)).toBeLessThan(Number(cut?.requested) * 0.85);
    expect(Number(cut?.reshaped)).toBeGreaterThanOrEqual(50);
  });

  it('has the named examples of the docs', async () => {
    const rows = await api.sql<{ project: string; indicator: string; comparator: string; value: string; unit: string }>(
      `select p.name as project, i.name as indicator, r.comparator, r.target_value as value, r.unit
       from target_indicator r join performance_target t on t.id = r.target_id and t.kind = 'PROJECT'
       join project p on p.id = t.project_id join indicator i on i.id = r.indicator_id
       where p.fiscal_division_code = ? and r.period = 'ANNUAL' and p.name in
         ('城乡最低生活保障资金', '基本公共卫生服务项目', '职业技能提升培训补贴', '城市道路清扫保洁', '大气污染防治专项资金')`,
      [CITY],
    );
    const row = (project: string, indicator: string) =>
      rows.find((r) => r.project === project && r.indicator === indicator);
    expect(row('城乡最低生活保障资金', '城乡低保保障人数')).toEqual(
      expect.objectContaining({ comparator: 'GE', value: '62000', unit: '人' }),
    );
    expect(row('城乡最低生活保障资金', '符合条件对象应保尽保率')).toEqual(
      expect.objectContaining({ comparator: 'EQ', value: '100', unit: '%' }),
    );
    expect(row('城乡最低生活保障资金', '低保金按月足额发放率')).toEqual(
      expect.objectContaining({ comparator: 'EQ', value: '100', unit: '%' }),
    );
    expect(row('城乡最低生活保障资金', '低保对象满意度')).toEqual(
      expect.objectContaining({ comparator: 'GE', value: '90', unit: '%' }),
    );
    expect(row('基本公共卫生服务项目', '65岁及以上老年人健康管理率')).toEqual(
      expect.objectContaining({ comparator: 'GE', value: '70', unit: '%' }),
    );
    expect(row('职业技能提升培训补贴', '培训人次')).toEqual(
      expect.objectContaining({ comparator: 'GE', value: '50000', unit: '人次' }),
    );
    expect(row('职业技能提升培训补贴', '培训后就业率')).toEqual(
      expect.objectContaining({ comparator: 'GE', value: '60', unit: '%' }),
    );
    expect(row('城市道路清扫保洁', '主次干道机械化清扫率')).toEqual(
      expect.objectContaining({ comparator: 'GE', value: '90', unit: '%' }),
    );
    expect(row('大气污染防治专项资金', 'PM2.5年均浓度')).toEqual(
      expect.objectContaining({ comparator: 'LE', value: '48', unit: '微克/立方米' }),
    );
    const regions = await api.sql<{ name: string }>(
      `select f.name from performance_target c join performance_target p on p.id = c.parent_id
       join project pr on pr.id = p.project_id join fiscal_division f on f.code = c.region_code
       where pr.fiscal_division_code = ? and pr.name = '老旧小区改造市级补助' and c.kind = 'TRANSFER_REGIONAL'
       order by f.code`,
      [CITY],
    );
    expect(regions.map((r) => r.name)).toEqual(['中原区', '二七区', '管城回族区', '金水区']);
  });

  it('has reviews along the stages with joint-review scores adding up to the total', async () => {
    const stages = await api.sql<{ stage: string }>(
      `select distinct stage from target_review where fiscal_division_code = ? and reviewed_at < ${DEMO} order by 1`,
      [CITY],
    );
    expect(stages.map((s) => s.stage)).toEqual([
      'DEPARTMENT',
      'INITIAL_EVALUATION',
      'INITIAL_EXPENDITURE',
      'JOINT',
      'RECHECK',
    ]);
    expect(
      await count(
        `select count(*) as n from target_review r where r.fiscal_division_code = ? and r.stage = 'JOINT'
         and r.reviewed_at < ${DEMO} and r.total_score <> (select sum((s->>'score')::numeric)
           from jsonb_array_elements(r.scores) s where s->>'score' is not null)`,
        [CITY],
      ),
    ).toBe(0);
    // A graded target's joint review is its latest review.
    expect(
      await count(
        `select count(*) as n from performance_target t where t.fiscal_division_code = ? and t.grade is not null
         and t.created_at < ${DEMO} and (select stage from target_review r where r.target_id = t.id
           order by r.reviewed_at desc, r.id desc limit 1) <> 'JOINT'`,
        [CITY],
      ),
    ).toBe(0);
  });

  it('has the admission queue of the docs', async () => {
    const requests = await api.sql<{
      name: string;
      status: string;
      step: string | null;
      dept: string;
      dup: string | null;
    }>(
      `select r.name, r.status, r.step, d.name as dept, i.name as dup from indicator_change_request r
       join department d on d.id = r.department_id left join indicator i on i.id = r.duplicate_of_id
       where r.fiscal_division_code = ? and r.name in ('智慧环卫车辆在线率', '蔬菜生产保供基地面积')
       and r.created_at < ${DEMO} order by r.name`,
      [CITY],
    );
    expect(requests).toEqual([
      {
        name: '智慧环卫车辆在线率',
        status: 'IN_REVIEW',
        step: 'PERFORMANCE_REVIEW',
        dept: '郑州市城市管理局',
        dup: null,
      },
      {
        name: '蔬菜生产保供基地面积',
        status: 'REJECTED',
        step: null,
        dept: '郑州市农业农村工作委员会',
        dup: '蔬菜保供基地面积',
      },
    ]);
    const statuses = await api.sql<{ status: string }>(
      `select distinct status from indicator_change_request where fiscal_division_code = ? and created_at < ${DEMO}
       order by 1`,
      [CITY],
    );
    expect(statuses.map((s) => s.status)).toEqual(['APPROVED', 'DRAFT', 'IN_REVIEW', 'REJECTED', 'RETURNED']);
  });
});

describe('loading the demo data', () => {
  it('is deterministic', () => {
    expect(JSON.stringify(buildDemoData().rows)).toBe(JSON.stringify(buildDemoData().rows));
  });

  it('does nothing on a database that already holds data', async () => {
    const before = await count(`select count(*) as n from indicator where fiscal_division_code = ?`, [CITY]);
    expect(await loadDemoData(api.orm.em.fork(), pino({ level: 'silent' }))).toBe(false);
    expect(await count(`select count(*) as n from indicator where fiscal_division_code = ?`, [CITY])).toBe(before);
    expect(await count(`select count(*) as n from fiscal_division where code = ?`, [CITY])).toBe(1);
  });
});
