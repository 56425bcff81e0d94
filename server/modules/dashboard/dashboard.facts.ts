import { scope, visibleDepartmentIds } from '../../shared/scope';
import { ScopeKind } from '../identity/identity.enums';
import type { FactSql } from './dashboard.sql';

/**
 * The facts dashboards aggregate, as SQL: where the rows come from, how each dimension groups them and which
 * measures are computed (GROUP BY with FILTER and window functions in PostgreSQL; nothing is loaded into JS).
 */

/** Orders an enumerated dimension as the domain lists its values, not alphabetically. */
const ordered = (column: string, values: readonly string[]) =>
  `array_position(array[${values.map((v) => `'${v}'`).join(', ')}]::text[], ${column}::text)`;
const GRADES = ['EXCELLENT', 'GOOD', 'FAIR', 'POOR'];
const DECISIONS = ['FULL', 'REDUCED', 'MERGED', 'DEFERRED', 'CANCELLED'];
const STAGES = ['DEPARTMENT', 'INITIAL_EXPENDITURE', 'INITIAL_EVALUATION', 'RECHECK', 'JOINT'];
const TARGET_STATES = [
  'DRAFT',
  'DEPARTMENT_REVIEW',
  'INITIAL_REVIEW',
  'RECHECK',
  'JOINT_REVIEW',
  'GRADED',
  'READY_FOR_BUDGET',
  'BLOCKED',
  'APPROVED',
];

const department = (column: string, alias = 'dd'): { columns: [string, string][]; joins: string[]; order: string } => ({
  columns: [
    [column, 'departmentId'],
    [`${alias}.code`, 'departmentCode'],
    [`${alias}.name`, 'departmentName'],
  ],
  joins: [`join department ${alias} on ${alias}.id = ${column}`],
  order: `${alias}.code`,
});

/** 资金 funds: the rollup kept by triggers (see the dashboard migration). */
export const FUNDS: FactSql<'FISCAL_DIVISION' | 'DEPARTMENT' | 'BUDGET_TYPE' | 'FISCAL_YEAR' | 'DECISION'> = {
  from: 'from budget_rollup r',
  divisionColumn: 'r.fiscal_division_code',
  departmentColumn: 'r.department_id',
  dimensions: {
    FISCAL_DIVISION: { columns: [['r.fiscal_division_code', 'fiscalDivisionCode']] },
    DEPARTMENT: department('r.department_id'),
    BUDGET_TYPE: { columns: [['r.budget_type', 'budgetType']] },
    FISCAL_YEAR: { columns: [['r.fiscal_year', 'fiscalYear']] },
    DECISION: {
      columns: [[`nullif(r.decision, '')`, 'decision']],
      order: ordered(`nullif(r.decision, '')`, DECISIONS),
    },
  },
  measures: `coalesce(sum(r.budgets), 0)::int as "budgets",
       coalesce(sum(r.requested), 0)::text as "requested",
       coalesce(sum(r.audited_budgets), 0)::int as "auditedBudgets",
       coalesce(sum(r.audited), 0)::text as "audited",
       coalesce(sum(r.decided_budgets), 0)::int as "decidedBudgets",
       coalesce(sum(r.decided_requested), 0)::text as "decidedRequested",
       coalesce(sum(r.approved), 0)::text as "approved",
       coalesce(sum(r.decided_requested) - sum(r.approved), 0)::text as "cut",
       round((sum(r.decided_requested) - sum(r.approved)) / nullif(sum(r.decided_requested), 0), 4)::float8 as "cutRate"`,
  having: 'sum(r.budgets) > 0',
};

/** 目标覆盖 coverage: every project budget of a year should carry a target of that year. */
export const COVERAGE: FactSql<'FISCAL_DIVISION' | 'DEPARTMENT' | 'BUDGET_TYPE' | 'FISCAL_YEAR'> = {
  from: `from project_budget b
  join project p on p.id = b.project_id
  left join lateral (select 1 as present from performance_target ct
                      where ct.project_id = b.project_id and ct.fiscal_year = b.fiscal_year limit 1) c on true`,
  divisionColumn: 'p.fiscal_division_code',
  departmentColumn: 'p.department_id',
  dimensions: {
    FISCAL_DIVISION: { columns: [['p.fiscal_division_code', 'fiscalDivisionCode']] },
    DEPARTMENT: department('p.department_id'),
    BUDGET_TYPE: { columns: [['p.budget_type', 'budgetType']] },
    FISCAL_YEAR: { columns: [['b.fiscal_year', 'fiscalYear']] },
  },
  measures: `count(*)::int as "budgets",
       count(c.present)::int as "withTarget",
       round(count(c.present)::numeric / nullif(count(*), 0), 4)::float8 as "coverage"`,
};

/** 绩效目标 targets: grades, first-pass rate, review rounds. */
export const TARGETS: FactSql<
  'FISCAL_DIVISION' | 'DEPARTMENT' | 'BUDGET_TYPE' | 'FISCAL_YEAR' | 'KIND' | 'STATUS' | 'GRADE'
> = {
  from: 'from performance_target t\n  left join project tp on tp.id = t.project_id',
  divisionColumn: 't.fiscal_division_code',
  departmentColumn: 't.department_id',
  dimensions: {
    FISCAL_DIVISION: { columns: [['t.fiscal_division_code', 'fiscalDivisionCode']] },
    DEPARTMENT: department('t.department_id'),
    BUDGET_TYPE: { columns: [['tp.budget_type', 'budgetType']] },
    FISCAL_YEAR: { columns: [['t.fiscal_year', 'fiscalYear']] },
    KIND: { columns: [['t.kind', 'kind']] },
    STATUS: { columns: [['t.status', 'status']], order: ordered('t.status', TARGET_STATES) },
    GRADE: { columns: [['t.grade', 'grade']], order: ordered('t.grade', GRADES) },
  },
  measures: `count(*)::int as "targets",
       count(t.submitted_at)::int as "submitted",
       count(t.grade)::int as "graded",
       count(*) filter (where t.grade = 'EXCELLENT')::int as "excellent",
       count(*) filter (where t.grade = 'GOOD')::int as "good",
       count(*) filter (where t.grade = 'FAIR')::int as "fair",
       count(*) filter (where t.grade = 'POOR')::int as "poor",
       count(*) filter (where t.grade is not null and t.review_round = 0)::int as "firstPass",
       round(count(*) filter (where t.grade is not null and t.review_round = 0)::numeric
             / nullif(count(t.grade), 0), 4)::float8 as "firstPassRate",
       round(avg(t.review_round) filter (where t.submitted_at is not null), 2)::float8 as "averageRounds",
       count(*) filter (where t.status = 'APPROVED')::int as "approved",
       count(*) filter (where t.status = 'BLOCKED')::int as "blocked"`,
};

/**
 * 审核 reviews: decisions and days per stage — from the previous review of the same round, or for the first review
 * of a target never returned from its submission (a resubmission's time is not kept on the target, so the first
 * review of a later round has no duration).
 */
export const REVIEWS: FactSql<'FISCAL_DIVISION' | 'DEPARTMENT' | 'FISCAL_YEAR' | 'STAGE' | 'DECISION' | 'ROUND'> = {
  from: `from (select r.id, r.stage, r.decision, r.round, t.fiscal_division_code, t.department_id, t.fiscal_year,
               extract(epoch from r.reviewed_at - coalesce(
                 lag(r.reviewed_at) over (partition by r.target_id, r.round order by r.reviewed_at, r.id),
                 case when t.review_round = 0 then t.submitted_at end)) / 86400 as days
          from target_review r join performance_target t on t.id = r.target_id) v`,
  divisionColumn: 'v.fiscal_division_code',
  departmentColumn: 'v.department_id',
  dimensions: {
    FISCAL_DIVISION: { columns: [['v.fiscal_division_code', 'fiscalDivisionCode']] },
    DEPARTMENT: department('v.department_id'),
    FISCAL_YEAR: { columns: [['v.fiscal_year', 'fiscalYear']] },
    STAGE: { columns: [['v.stage', 'stage']], order: ordered('v.stage', STAGES) },
    DECISION: { columns: [['v.decision', 'decision']], order: ordered('v.decision', ['PASS', 'RETURN', 'REJECT']) },
    ROUND: { columns: [['v.round', 'round']] },
  },
  measures: `count(*)::int as "reviews",
       count(*) filter (where v.decision = 'PASS')::int as "passed",
       count(*) filter (where v.decision = 'RETURN')::int as "returned",
       count(*) filter (where v.decision = 'REJECT')::int as "rejected",
       round(avg(v.days)::numeric, 2)::float8 as "averageDays",
       round((percentile_cont(0.5) within group (order by v.days))::numeric, 2)::float8 as "medianDays"`,
};

/** 事前绩效评估 ex-ante assessments. */
export const EX_ANTE: FactSql<
  'FISCAL_DIVISION' | 'DEPARTMENT' | 'BUDGET_TYPE' | 'FISCAL_YEAR' | 'STAGE' | 'CONCLUSION'
> = {
  from: 'from ex_ante_assessment a\n  join project ap on ap.id = a.project_id',
  divisionColumn: 'a.fiscal_division_code',
  departmentColumn: 'ap.department_id',
  dimensions: {
    FISCAL_DIVISION: { columns: [['a.fiscal_division_code', 'fiscalDivisionCode']] },
    DEPARTMENT: department('ap.department_id'),
    BUDGET_TYPE: { columns: [['ap.budget_type', 'budgetType']] },
    FISCAL_YEAR: { columns: [['a.fiscal_year', 'fiscalYear']] },
    STAGE: { columns: [['a.stage', 'stage']] },
    CONCLUSION: {
      columns: [['a.conclusion', 'conclusion']],
      order: ordered('a.conclusion', ['SUPPORT', 'SUPPORT_AFTER_REVISION', 'NOT_SUPPORT']),
    },
  },
  measures: `count(*)::int as "assessments",
       count(*) filter (where a.conclusion = 'SUPPORT')::int as "support",
       count(*) filter (where a.conclusion = 'SUPPORT_AFTER_REVISION')::int as "supportAfterRevision",
       count(*) filter (where a.conclusion = 'NOT_SUPPORT')::int as "notSupport",
       round(avg(a.total_score), 2)::float8 as "averageScore"`,
};

/**
 * 指标库 the library: indicators and how target rows use them. `usage` is computed per indicator over the target
 * rows the viewer may see (see dashboard.reads.ts).
 */
export const LIBRARY: FactSql<
  'FISCAL_DIVISION' | 'SCOPE' | 'CATEGORY' | 'LEVEL1' | 'STATUS' | 'VALUE_TYPE' | 'INDICATOR'
> = {
  from: 'from indicator i\n  left join usage u on u.indicator_id = i.id',
  divisionColumn: 'i.fiscal_division_code',
  departmentColumn: null,
  // Department roles count what they may see of the library: the published public one and their own indicators.
  scope: (v) => (v.scope === ScopeKind.DEPARTMENT ? [scope.indicator({ viewer: v }, 'i')] : []),
  ctes: (v) => {
    const departments = visibleDepartmentIds(v);
    return `usage as (
    select ti.indicator_id, count(*) as rows, count(*) filter (where ti.comparator <> 'QUALITATIVE') as quantified
      from target_indicator ti join performance_target ut on ut.id = ti.target_id
     where ut.fiscal_division_code in (select code from scope_division)
       ${departments ? `and ut.department_id in (${departments})` : ''}
     group by ti.indicator_id
  )`;
  },
  dimensions: {
    FISCAL_DIVISION: { columns: [['i.fiscal_division_code', 'fiscalDivisionCode']] },
    SCOPE: { columns: [['i.scope', 'scope']] },
    CATEGORY: {
      columns: [
        ['i.category_id', 'categoryId'],
        ['lc.code', 'categoryCode'],
        ['lc.name', 'categoryName'],
      ],
      joins: ['join indicator_category lc on lc.id = i.category_id'],
    },
    LEVEL1: {
      columns: [
        ['i.level1node_id', 'level1Id'],
        ['ln.name', 'level1Name'],
      ],
      joins: ['join indicator_framework_node ln on ln.id = i.level1node_id'],
    },
    STATUS: { columns: [['i.status', 'status']] },
    VALUE_TYPE: { columns: [['i.value_type', 'valueType']] },
    INDICATOR: {
      columns: [
        ['i.id', 'indicatorId'],
        ['i.code', 'indicatorCode'],
        ['i.name', 'indicatorName'],
        ['i.version_no', 'indicatorVersion'],
      ],
    },
  },
  measures: `count(*)::int as "indicators",
       count(u.indicator_id)::int as "used",
       (count(*) - count(u.indicator_id))::int as "neverUsed",
       coalesce(sum(u.rows), 0)::int as "rows",
       coalesce(sum(u.quantified), 0)::int as "quantifiedRows",
       round(sum(u.quantified)::numeric / nullif(sum(u.rows), 0), 4)::float8 as "quantifiedRatio"`,
};

/** 入库审核 the admission queue. */
export const ADMISSION: FactSql<'FISCAL_DIVISION' | 'DEPARTMENT' | 'STATUS' | 'TYPE' | 'STEP'> = {
  from: 'from indicator_change_request q',
  divisionColumn: 'q.fiscal_division_code',
  departmentColumn: 'q.department_id',
  dimensions: {
    FISCAL_DIVISION: { columns: [['q.fiscal_division_code', 'fiscalDivisionCode']] },
    DEPARTMENT: department('q.department_id'),
    STATUS: {
      columns: [['q.status', 'status']],
      order: ordered('q.status', ['DRAFT', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'REJECTED']),
    },
    TYPE: { columns: [['q.type', 'type']] },
    STEP: { columns: [['q.step', 'step']] },
  },
  measures: `count(*)::int as "requests",
       count(*) filter (where q.status = 'IN_REVIEW')::int as "pending",
       count(q.decided_at)::int as "decided",
       round((avg(extract(epoch from q.decided_at - q.submitted_at)) / 86400)::numeric, 2)::float8 as "averageDaysToDecision",
       round((percentile_cont(0.5) within group (order by extract(epoch from q.decided_at - q.submitted_at)) / 86400)::numeric, 2)::float8 as "medianDaysToDecision",
       round((max(extract(epoch from now() - q.submitted_at)) filter (where q.status = 'IN_REVIEW') / 86400)::numeric, 2)::float8 as "oldestPendingDays"`,
};
