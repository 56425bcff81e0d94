import type { Context } from '../../shared/context';
import { badInput, DomainError } from '../../shared/errors';
import { toId } from '../../shared/writes';
import { ADMISSION, COVERAGE, EX_ANTE, FUNDS, LIBRARY, REVIEWS, TARGETS } from './dashboard.facts';
import { aggregateSql, type FactSql, inList } from './dashboard.sql';
import type {
  AdmissionAggregateFilter,
  CoverageFilter,
  ExAnteAggregateFilter,
  FundsFilter,
  LibraryAggregateFilter,
  ReviewAggregateFilter,
  TargetAggregateFilter,
} from './dashboard.types';

/** More groups than a chart can show: the caller should filter or group by less. */
const MAX_GROUPS = 5000;

interface Grouped<G> {
  groups: G[];
  total: G;
}

async function run<D extends string, G>(
  ctx: Context,
  fact: FactSql<D>,
  groupBy: readonly D[],
  where: string[],
  params: unknown[],
): Promise<Grouped<G>> {
  const viewer = ctx.viewer;
  if (!viewer) throw new DomainError('UNAUTHENTICATED', 'Sign in to read aggregates.');
  const { sql, params: all } = aggregateSql(fact, viewer, { groupBy, where, params });
  const rows = (await ctx.em.execute(`${sql} limit ${MAX_GROUPS + 2}`, all, 'all')) as (G & { isTotal: boolean })[];
  if (rows.length > MAX_GROUPS + 1) {
    throw badInput(`More than ${MAX_GROUPS} groups: filter further or group by fewer dimensions.`, 'groupBy');
  }
  const total = rows.find((r) => r.isTotal);
  if (!total) throw new Error('aggregate: the total row is missing');
  return { groups: groupBy.length ? rows.filter((r) => !r.isTotal) : [], total };
}

const ids = (values: readonly string[] | null | undefined, field: string) =>
  values?.map((v) => toId(v, `filter.${field}`));

function common(
  filter: { fiscalDivisionCodes?: string[] | null; departmentIds?: string[] | null; fiscalYears?: number[] | null },
  columns: { division: string; department?: string; year?: string },
) {
  const where: string[] = [];
  const params: unknown[] = [];
  inList(where, params, columns.division, filter.fiscalDivisionCodes);
  if (columns.department) inList(where, params, columns.department, ids(filter.departmentIds, 'departmentIds'));
  if (columns.year) inList(where, params, columns.year, filter.fiscalYears);
  return { where, params };
}

export const dashboardReads = {
  funds<D extends string, G>(ctx: Context, groupBy: D[], filter: FundsFilter = {}) {
    const { where, params } = common(filter, {
      division: 'r.fiscal_division_code',
      department: 'r.department_id',
      year: 'r.fiscal_year',
    });
    inList(where, params, 'r.budget_type', filter.budgetTypes);
    inList(where, params, 'r.decision', filter.decisions);
    if (filter.decided === true) where.push(`r.decision <> ''`);
    if (filter.decided === false) where.push(`r.decision = ''`);
    return run<D, G>(ctx, FUNDS as FactSql<D>, groupBy, where, params);
  },

  coverage<D extends string, G>(ctx: Context, groupBy: D[], filter: CoverageFilter = {}) {
    const { where, params } = common(filter, {
      division: 'p.fiscal_division_code',
      department: 'p.department_id',
      year: 'b.fiscal_year',
    });
    inList(where, params, 'p.budget_type', filter.budgetTypes);
    return run<D, G>(ctx, COVERAGE as FactSql<D>, groupBy, where, params);
  },

  targets<D extends string, G>(ctx: Context, groupBy: D[], filter: TargetAggregateFilter = {}) {
    const { where, params } = common(filter, {
      division: 't.fiscal_division_code',
      department: 't.department_id',
      year: 't.fiscal_year',
    });
    inList(where, params, 'tp.budget_type', filter.budgetTypes);
    inList(where, params, 't.kind', filter.kinds);
    inList(where, params, 't.status', filter.statuses);
    inList(where, params, 't.grade', filter.grades);
    return run<D, G>(ctx, TARGETS as FactSql<D>, groupBy, where, params);
  },

  reviews<D extends string, G>(ctx: Context, groupBy: D[], filter: ReviewAggregateFilter = {}) {
    const { where, params } = common(filter, {
      division: 'v.fiscal_division_code',
      department: 'v.department_id',
      year: 'v.fiscal_year',
    });
    inList(where, params, 'v.stage', filter.stages);
    inList(where, params, 'v.decision', filter.decisions);
    return run<D, G>(ctx, REVIEWS as FactSql<D>, groupBy, where, params);
  },

  exAnte<D extends string, G>(ctx: Context, groupBy: D[], filter: ExAnteAggregateFilter = {}) {
    const { where, params } = common(filter, {
      division: 'a.fiscal_division_code',
      department: 'ap.department_id',
      year: 'a.fiscal_year',
    });
    inList(where, params, 'ap.budget_type', filter.budgetTypes);
    inList(where, params, 'a.stage', filter.stages);
    inList(where, params, 'a.conclusion', filter.conclusions);
    return run<D, G>(ctx, EX_ANTE as FactSql<D>, groupBy, where, params);
  },

  library<D extends string, G>(ctx: Context, groupBy: D[], filter: LibraryAggregateFilter = {}) {
    const { where, params } = common(filter, { division: 'i.fiscal_division_code' });
    inList(where, params, 'i.scope', filter.scopes);
    inList(where, params, 'i.category_id', ids(filter.categoryIds, 'categoryIds'));
    inList(where, params, 'i.status', filter.statuses);
    inList(where, params, 'i.value_type', filter.valueTypes);
    if (filter.used === true) where.push('u.indicator_id is not null');
    if (filter.used === false) where.push('u.indicator_id is null');
    return run<D, G>(ctx, LIBRARY as FactSql<D>, groupBy, where, params);
  },

  admission<D extends string, G>(ctx: Context, groupBy: D[], filter: AdmissionAggregateFilter = {}) {
    const { where, params } = common(filter, { division: 'q.fiscal_division_code', department: 'q.department_id' });
    inList(where, params, 'q.status', filter.statuses);
    inList(where, params, 'q.type', filter.types);
    return run<D, G>(ctx, ADMISSION as FactSql<D>, groupBy, where, params);
  },
};
