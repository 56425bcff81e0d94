import type { Context } from '../../shared/context';
import { DomainError } from '../../shared/errors';
import { listPage, orderBy, type Page } from '../../shared/list';
import type { Prefetch } from '../../shared/loaders';
import type { SelectionTree } from '../../shared/lookahead';
import { prefetch, registerPrefetch } from '../../shared/prefetch';
import { orNotFound, scope } from '../../shared/scope';
import { likeEscape, rows, type Selection, type Table, table, Where, widthOf } from '../../shared/sql';
import { toId } from '../../shared/writes';
import { hasPermission, Permission } from '../identity';
import { type Indicator, indicatorCategoryTable, indicatorTable } from '../indicator';
import type { Project } from '../project';
import { TargetStatus } from './target.enums';
import {
  type PerformanceTargetListArgs,
  PerformanceTargetSortField,
  type TargetIndicatorListArgs,
} from './target.inputs';
import type { InitialStage } from './target.machine';
import type { PerformanceTarget, TargetIndicator } from './target.types';

export const targetTable = table<PerformanceTarget>(
  'performance_target',
  {
    id: 'id',
    fiscalDivisionCode: 'fiscal_division_code',
    kind: 'kind',
    fiscalYear: 'fiscal_year',
    overallGoal: 'overall_goal',
    annualGoal: 'annual_goal',
    funds: 'funds',
    measures: 'measures',
    status: 'status',
    grade: 'grade',
    reviewRound: 'review_round',
    submitToCongress: 'submit_to_congress',
    submittedAt: 'submitted_at',
    approvedAt: 'approved_at',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    version: 'version',
    projectId: 'project_id',
    departmentId: 'department_id',
    parentId: 'parent_id',
    regionCode: 'region_code',
    frameworkId: 'framework_id',
  },
  { lazy: ['overallGoal', 'annualGoal', 'measures', 'createdAt', 'updatedAt'] },
);

export const targetIndicatorTable = table<TargetIndicator>(
  'target_indicator',
  {
    id: 'id',
    fiscalDivisionCode: 'fiscal_division_code',
    period: 'period',
    comparator: 'comparator',
    targetValue: 'target_value',
    numericValue: 'numeric_value',
    unit: 'unit',
    weight: 'weight',
    valueBasis: 'value_basis',
    note: 'note',
    sortOrder: 'sort_order',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    targetId: 'target_id',
    indicatorId: 'indicator_id',
  },
  { lazy: ['valueBasis', 'note', 'createdAt', 'updatedAt'] },
);

/** Targets of a project or department, newest year first, the city-level target before its regional shares. */
const TARGET_ORDER = 't.fiscal_year desc, t.kind, t.id';
const ROW_ORDER = 't.sort_order, t.id';

/** Sorting by status follows the review lifecycle, not the alphabet. */
const STATUS_ORDER = `array_position(array[${Object.values(TargetStatus)
  .map((v) => `'${v}'`)
  .join(', ')}]::text[], t.status::text)`;

const optionalId = (id: string | undefined, label: string) => (id === undefined ? undefined : toId(id, label));

/**
 * A filter or sort on a restricted field would let a caller infer values it may not read (list the targets "where
 * status = RECHECK" and the status is known), so it is refused before anything is queried.
 */
function assertMayFilterBy(ctx: Context, permission: Permission, field: string): void {
  if (hasPermission(ctx.viewer, permission)) return;
  throw new DomainError('FORBIDDEN', `Your role may not filter or sort by ${field}.`, { field });
}

/** The draft state of targets is not public: filters and sorts on PerformanceTarget.status need ReadReviews. */
function checkRestrictedArgs(ctx: Context, args: PerformanceTargetListArgs): void {
  const f = args.filter ?? {};
  const byStatus =
    (f.status !== undefined && f.status !== null) ||
    (f.statuses !== undefined && f.statuses !== null) ||
    (args.sort ?? []).some((s) => s.field === PerformanceTargetSortField.STATUS);
  if (byStatus) assertMayFilterBy(ctx, Permission.ReadReviews, 'PerformanceTarget.status');
}

export const targetReads = {
  /** A target the caller may see, or undefined (as for an id that does not exist). */
  target(ctx: Context, id: string | number): Promise<PerformanceTarget | undefined> {
    return ctx.loaders.one(targetTable, 'id', scope.target(ctx)).load(toId(id));
  },

  /** A target the caller may see, or NOT_FOUND. */
  targetOr404(ctx: Context, id: string): Promise<PerformanceTarget> {
    return orNotFound(targetReads.target(ctx, id), 'PerformanceTarget', id);
  },

  targets(ctx: Context, args: PerformanceTargetListArgs): Promise<Page<PerformanceTarget>> {
    checkRestrictedArgs(ctx, args);
    const f = args.filter ?? {};
    const where = new Where()
      .add(scope.target(ctx))
      .eq('t.fiscal_division_code', f.fiscalDivisionCode)
      .in(
        't.id',
        f.ids?.map((id) => toId(id, 'ids')),
      )
      .eq('t.kind', f.kind)
      .eq('t.status', f.status)
      .in('t.status', f.statuses)
      .eq('t.project_id', optionalId(f.projectId, 'projectId'))
      .eq('t.fiscal_year', f.fiscalYear)
      .eq('t.grade', f.grade)
      .eq('t.parent_id', optionalId(f.parentId, 'parentId'));
    const departmentId = optionalId(f.departmentId, 'departmentId');
    if (departmentId !== undefined && f.includeChildUnits) {
      where.add(
        't.department_id in (select d.id from department d where d.id = ? or d.parent_id = ?)',
        departmentId,
        departmentId,
      );
    } else where.eq('t.department_id', departmentId);
    if (f.budgetType) {
      where.add('exists (select 1 from project p where p.id = t.project_id and p.budget_type = ?)', f.budgetType);
    }
    const text = f.search?.trim();
    if (text) {
      const pattern = `%${likeEscape(text)}%`;
      where.add(
        `(exists (select 1 from project p where p.id = t.project_id and p.name ilike ?)
          or exists (select 1 from department d where d.id = t.department_id and d.name ilike ?))`,
        pattern,
        pattern,
      );
    }
    const order = orderBy(
      args.sort,
      {
        FISCAL_YEAR: 't.fiscal_year',
        STATUS: STATUS_ORDER,
        CREATED_AT: 't.created_at',
        UPDATED_AT: 't.updated_at',
        FUNDS: 't.funds',
      },
      't.fiscal_year desc',
    );
    return listPage(ctx, targetTable, where, order, args);
  },

  /** The targets of a project (its regional shares included), batched across a page of projects. */
  targetsOfProject(
    ctx: Context,
    projectId: number,
    tree?: SelectionTree,
  ): PerformanceTarget[] | Promise<PerformanceTarget[]> {
    return targetsOfProjectLoader(ctx, tree).now(projectId);
  },

  /** The targets a department owns, batched across a page of departments. */
  targetsOfDepartment(ctx: Context, departmentId: number): Promise<PerformanceTarget[]> {
    return ctx.loaders.many(targetTable, 'department_id', TARGET_ORDER, scope.target(ctx)).load(departmentId);
  },

  /** The regional shares (TRANSFER_REGIONAL) split from a city-level transfer target. */
  regionalShares(ctx: Context, parentId: number): Promise<PerformanceTarget[]> {
    return ctx.loaders.many(targetTable, 'parent_id', 't.region_code, t.id', scope.target(ctx)).load(parentId);
  },

  /** Share of a target's rows whose comparator is not QUALITATIVE; null without rows. One statement per page. */
  quantificationRatio(ctx: Context, targetId: number): Promise<number | null> {
    return ctx.loaders
      .custom<number | null>('target:quantificationRatio', async (keys) => {
        const found = await rows<{ targetId: number; ratio: number | string }>(
          ctx,
          `select target_id as "targetId",
                  (count(*) filter (where comparator <> 'QUALITATIVE'))::float8 / count(*) as ratio
             from target_indicator
            where target_id in (${keys.map(() => '?').join(', ')}) and ${scope.viaTarget(ctx, 'target_id')}
            group by target_id`,
          keys,
        );
        const byTarget = new Map(found.map((r) => [String(r.targetId), Number(r.ratio)]));
        return keys.map((k) => byTarget.get(String(k)) ?? null);
      })
      .load(targetId);
  },

  /** A target row the caller may see (its target is visible), or NOT_FOUND. */
  targetIndicatorOr404(ctx: Context, id: string): Promise<TargetIndicator> {
    return orNotFound(
      ctx.loaders.one(targetIndicatorTable, 'id', scope.viaTarget(ctx, 't.target_id')).load(toId(id)),
      'TargetIndicator',
      id,
    );
  },

  targetIndicators(ctx: Context, args: TargetIndicatorListArgs): Promise<Page<TargetIndicator>> {
    const f = args.filter ?? {};
    const where = new Where()
      .add(scope.viaTarget(ctx, 't.target_id'))
      .eq('t.target_id', optionalId(f.targetId, 'targetId'))
      .eq('t.indicator_id', optionalId(f.indicatorId, 'indicatorId'))
      .in(
        't.indicator_id',
        f.indicatorIds?.map((id) => toId(id, 'indicatorIds')),
      )
      .eq('t.comparator', f.comparator);
    const order = orderBy(
      args.sort,
      { SORT_ORDER: 't.sort_order', WEIGHT: 't.weight', CREATED_AT: 't.created_at' },
      't.target_id asc, t.sort_order asc',
    );
    return listPage(ctx, targetIndicatorTable, where, order, args);
  },

  /**
   * The library indicator a row used, whatever the library scope: a row the caller may see discloses its indicator
   * (an approved target is published with its indicators, 公开同步, even a department's private one).
   */
  rowIndicator(
    ctx: Context,
    indicatorId: number,
    fields?: Selection,
  ): Indicator | undefined | Promise<Indicator | undefined> {
    return ctx.loaders.oneNow(indicatorTable, indicatorId, 'id', '', fields);
  },

  /** The version number of the indicator a row used (shares the batch of the row's `indicator` relation). */
  indicatorVersion(
    ctx: Context,
    indicatorId: number,
    fields?: Selection,
  ): number | undefined | Promise<number | undefined> {
    const indicator = targetReads.rowIndicator(ctx, indicatorId, fields);
    return indicator instanceof Promise ? indicator.then((i) => i?.version) : indicator?.version;
  },

  /** The rows of a target in table order, with what the query selects of their indicators; batched. */
  rowsOfTarget(ctx: Context, targetId: number, tree?: SelectionTree): TargetIndicator[] | Promise<TargetIndicator[]> {
    return rowsLoader(ctx, tree).now(targetId);
  },
};

/** A to-many relation's loader with its arguments fixed: one place for the field resolver and the prefetcher. */
interface ManyLoader<T> {
  now(key: number): T[] | Promise<T[]>;
  loadAll(keys: readonly number[]): Promise<T[]>;
}

function manyLoader<T>(
  ctx: Context,
  t: Table<T>,
  column: string,
  orderBy: string,
  extraWhere: string,
  then: Prefetch<T> | undefined,
  fields: Selection,
): ManyLoader<T> {
  return {
    now: (key) => ctx.loaders.manyNow(t, column, key, orderBy, extraWhere, then, fields),
    async loadAll(keys) {
      const lists = await ctx.loaders.many(t, column, orderBy, extraWhere, then, fields).loadMany(keys);
      return lists.flatMap((l) => (l instanceof Error ? [] : l));
    },
  };
}

function targetsOfProjectLoader(ctx: Context, tree: SelectionTree | undefined): ManyLoader<PerformanceTarget> {
  return manyLoader(ctx, targetTable, 'project_id', TARGET_ORDER, scope.target(ctx), undefined, tree);
}

/** Rows, and in the same round the indicators (and their categories) the query selects below them. */
function rowsLoader(ctx: Context, tree: SelectionTree | undefined): ManyLoader<TargetIndicator> {
  const wantsIndicator = !!tree && (tree.has('indicator') || tree.has('indicatorVersion'));
  const indicatorFields = tree?.child('indicator');
  const withCategory = !!indicatorFields?.has('category');
  const then: Prefetch<TargetIndicator> | undefined = wantsIndicator
    ? {
        name: `${withCategory ? 'indicator+category' : 'indicator'}(${widthOf(indicatorTable, indicatorFields)})`,
        run: async (found) => {
          const ids = [...new Set(found.map((r) => r.indicatorId))];
          const indicators = await ctx.loaders.one(indicatorTable, 'id', '', indicatorFields).loadMany(ids);
          if (!withCategory) return;
          const categories = new Set<number>();
          for (const i of indicators) if (i && !(i instanceof Error)) categories.add(Number(i.categoryId));
          await ctx.loaders.one(indicatorCategoryTable).loadMany([...categories]);
        },
      }
    : undefined;
  return manyLoader(ctx, targetIndicatorTable, 'target_id', ROW_ORDER, scope.viaTarget(ctx, 't.target_id'), then, tree);
}

// A page of projects loads the targets it shows, and a page of targets their rows, before graphql-js walks them.
registerPrefetch<Project>('Project', async (ctx, projects, tree) => {
  if (!tree.has('targets')) return;
  const sub = tree.child('targets');
  const targets = await targetsOfProjectLoader(ctx, sub).loadAll(projects.map((p) => p.id));
  await prefetch(ctx, 'PerformanceTarget', targets, sub);
});

registerPrefetch<PerformanceTarget>('PerformanceTarget', async (ctx, targets, tree) => {
  if (!tree.has('rows')) return;
  await rowsLoader(ctx, tree.child('rows')).loadAll(targets.map((t) => t.id));
});

/**
 * The initial-review halves (expenditure division, evaluation center) that passed each target in its current round,
 * batched per request: what `allowedActions` needs in the dual initial review. Not row-scoped: it only narrows the
 * caller's own actions.
 */
export function passedInitialStages(ctx: Pick<Context, 'loaders' | 'em'>) {
  return ctx.loaders.custom<InitialStage[]>('target:passedInitialStages', async (keys) => {
    const found = await rows<{ target_id: number; stage: InitialStage }>(
      ctx,
      `select distinct r.target_id, r.stage from target_review r
         join performance_target t on t.id = r.target_id and r.round = t.review_round
        where r.target_id in (${keys.map(() => '?').join(', ')}) and r.decision = 'PASS'
          and r.stage in ('INITIAL_EXPENDITURE', 'INITIAL_EVALUATION')`,
      keys,
    );
    const byTarget = new Map<string, InitialStage[]>();
    for (const r of found) byTarget.set(String(r.target_id), [...(byTarget.get(String(r.target_id)) ?? []), r.stage]);
    return keys.map((k) => byTarget.get(String(k)) ?? []);
  });
}
