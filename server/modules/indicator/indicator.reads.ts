import type { Context } from '../../shared/context';
import { listPage, orderBy, type Page } from '../../shared/list';
import { orNotFound, scope } from '../../shared/scope';
import { rows, type Selection, selectList, table, Where } from '../../shared/sql';
import { toId } from '../../shared/writes';
import { searchCodeName } from '../fiscal';
import { IndicatorStatus } from './indicator.enums';
import type { IndicatorCategoryListArgs, IndicatorFrameworkListArgs, IndicatorListArgs } from './indicator.inputs';
import type { Indicator, IndicatorCategory, IndicatorFramework, IndicatorFrameworkNode } from './indicator.types';

export const indicatorFrameworkTable = table<IndicatorFramework>('indicator_framework', {
  id: 'id',
  code: 'code',
  name: 'name',
  kind: 'kind',
  fromYear: 'from_year',
  isDefault: 'is_default',
  description: 'description',
});

export const indicatorFrameworkNodeTable = table<IndicatorFrameworkNode>('indicator_framework_node', {
  id: 'id',
  frameworkId: 'framework_id',
  parentId: 'parent_id',
  code: 'code',
  name: 'name',
  level: 'level',
  sortOrder: 'sort_order',
});

export const indicatorCategoryTable = table<IndicatorCategory>('indicator_category', {
  id: 'id',
  fiscalDivisionCode: 'fiscal_division_code',
  scope: 'scope',
  code: 'code',
  name: 'name',
  sortOrder: 'sort_order',
  parentId: 'parent_id',
  ownerDepartmentId: 'owner_department_id',
});

export const indicatorTable = table<Indicator>(
  'indicator',
  {
    id: 'id',
    fiscalDivisionCode: 'fiscal_division_code',
    code: 'code',
    version: 'version_no',
    name: 'name',
    scope: 'scope',
    explanation: 'explanation',
    calculationMethod: 'calculation_method',
    scoringRule: 'scoring_rule',
    defaultComparator: 'default_comparator',
    defaultUnit: 'default_unit',
    valueType: 'value_type',
    referenceValue: 'reference_value',
    dataSource: 'data_source',
    visibility: 'visibility',
    validFrom: 'valid_from',
    validTo: 'valid_to',
    status: 'status',
    enabled: 'enabled',
    publishedAt: 'published_at',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    categoryId: 'category_id',
    level1NodeId: 'level1node_id',
    level2NodeId: 'level2node_id',
    ownerDepartmentId: 'owner_department_id',
    supersedesId: 'supersedes_id',
  },
  {
    lazy: [
      'explanation',
      'calculationMethod',
      'scoringRule',
      'referenceValue',
      'dataSource',
      'validFrom',
      'validTo',
      'publishedAt',
      'createdAt',
      'updatedAt',
    ],
  },
);

/** The ids of a category and all its sub-categories, as a subquery with one `?` (`union` stops on any cycle). */
export const CATEGORY_SUBTREE = `(with recursive sub(id) as (
  select cast(? as int)
  union
  select c.id from indicator_category c join sub on c.parent_id = sub.id
) select id from sub)`;

const idOrUndefined = (id: string | undefined, label: string) => (id === undefined ? undefined : toId(id, label));

export const indicatorReads = {
  framework(ctx: Context, id: string | number): Promise<IndicatorFramework | undefined> {
    return ctx.loaders.one(indicatorFrameworkTable).load(toId(id));
  },

  /** A single lookup: NOT_FOUND for an unknown id. */
  frameworkOr404(ctx: Context, id: string): Promise<IndicatorFramework> {
    return orNotFound(indicatorReads.framework(ctx, id), 'IndicatorFramework', id);
  },

  frameworks(ctx: Context, args: IndicatorFrameworkListArgs): Promise<Page<IndicatorFramework>> {
    const f = args.filter ?? {};
    const where = new Where().eq('t.kind', f.kind).eq('t.is_default', f.isDefault);
    searchCodeName(where, f.search);
    const order = orderBy(args.sort, { CODE: 't.code', NAME: 't.name', FROM_YEAR: 't.from_year' }, 't.code asc');
    return listPage(ctx, indicatorFrameworkTable, where, order, args);
  },

  /** Every dimension of a framework, level 1 first, then by position; batched across a page. */
  frameworkNodes(ctx: Context, frameworkId: number): Promise<IndicatorFrameworkNode[]> {
    return ctx.loaders
      .many(indicatorFrameworkNodeTable, 'framework_id', 't.level, t.sort_order, t.code, t.id')
      .load(frameworkId);
  },

  /** The level-1 dimensions of a framework, by position. */
  frameworkRoots(ctx: Context, frameworkId: number): Promise<IndicatorFrameworkNode[]> {
    return ctx.loaders
      .many(indicatorFrameworkNodeTable, 'framework_id', 't.sort_order, t.code, t.id', 't.level = 1')
      .load(frameworkId);
  },

  frameworkNode(ctx: Context, id: string | number): Promise<IndicatorFrameworkNode | undefined> {
    return ctx.loaders.one(indicatorFrameworkNodeTable).load(toId(id));
  },

  /** A single lookup: NOT_FOUND for an unknown id. */
  frameworkNodeOr404(ctx: Context, id: string): Promise<IndicatorFrameworkNode> {
    return orNotFound(indicatorReads.frameworkNode(ctx, id), 'IndicatorFrameworkNode', id);
  },

  frameworkNodeChildren(ctx: Context, parentId: number): Promise<IndicatorFrameworkNode[]> {
    return ctx.loaders.many(indicatorFrameworkNodeTable, 'parent_id', 't.sort_order, t.code, t.id').load(parentId);
  },

  category(ctx: Context, id: string | number): IndicatorCategory | undefined | Promise<IndicatorCategory | undefined> {
    return ctx.loaders.oneNow(indicatorCategoryTable, toId(id));
  },

  /** A single lookup: NOT_FOUND for an unknown id. */
  categoryOr404(ctx: Context, id: string): Promise<IndicatorCategory> {
    return orNotFound(Promise.resolve(indicatorReads.category(ctx, id)), 'IndicatorCategory', id);
  },

  categories(ctx: Context, args: IndicatorCategoryListArgs): Promise<Page<IndicatorCategory>> {
    const f = args.filter ?? {};
    const where = new Where()
      .eq('t.fiscal_division_code', f.fiscalDivisionCode)
      .eq('t.scope', f.scope)
      .eq('t.parent_id', idOrUndefined(f.parentId, 'parentId'))
      .eq('t.owner_department_id', idOrUndefined(f.ownerDepartmentId, 'ownerDepartmentId'));
    if (f.topLevel === true) where.add('t.parent_id is null');
    if (f.topLevel === false) where.add('t.parent_id is not null');
    searchCodeName(where, f.search);
    const order = orderBy(
      args.sort,
      { CODE: 't.code', NAME: 't.name', SORT_ORDER: 't.sort_order' },
      't.scope asc, t.sort_order asc, t.code asc',
    );
    return listPage(ctx, indicatorCategoryTable, where, order, args);
  },

  categoryChildren(ctx: Context, parentId: number): Promise<IndicatorCategory[]> {
    return ctx.loaders.many(indicatorCategoryTable, 'parent_id', 't.sort_order, t.code, t.id').load(parentId);
  },

  /**
   * How many indicator versions the caller may see in a category and its sub-categories (optionally of one status),
   * batched: one recursive statement for all categories of a response.
   */
  categoryIndicatorCount(ctx: Context, categoryId: number, status: IndicatorStatus | undefined): Promise<number> {
    const key = status ?? 'ANY';
    return ctx.loaders
      .custom<number>(`indicator.categoryCount:${key}`, async (ids) => {
        const found = await rows<{ root: number; n: string }>(
          ctx,
          `with recursive tree(root, id) as (
             select c.id, c.id from indicator_category c where c.id in (${ids.map(() => '?').join(', ')})
             union
             select tree.root, c.id from indicator_category c join tree on c.parent_id = tree.id
           )
           select tree.root as "root", count(i.id) as "n"
           from tree join indicator i on i.category_id = tree.id and ${scope.indicator(ctx, 'i')}${status ? ' and i.status = ?' : ''}
           group by tree.root`,
          status ? [...ids, status] : ids,
        );
        const byRoot = new Map(found.map((r) => [String(r.root), Number(r.n)]));
        return ids.map((id) => byRoot.get(String(id)) ?? 0);
      })
      .load(categoryId);
  },

  /**
   * An indicator version WITHOUT the caller's row scope: only for the relation of a row the caller already sees by
   * its own rule, which discloses the indicator with it (a target row of an approved target shows the version it
   * used, superseded or private as it may be). Everything else reads `visibleIndicator`.
   */
  indicator(ctx: Context, id: string | number): Promise<Indicator | undefined> {
    return ctx.loaders.one(indicatorTable).load(toId(id));
  },

  /** An indicator version the caller may see (`scope.indicator`), or undefined. */
  visibleIndicator(ctx: Context, id: string | number): Promise<Indicator | undefined> {
    return ctx.loaders.one(indicatorTable, 'id', scope.indicator(ctx)).load(toId(id));
  },

  /** A single lookup: NOT_FOUND for an unknown id and for one the caller may not see alike. */
  indicatorOr404(ctx: Context, id: string): Promise<Indicator> {
    return orNotFound(indicatorReads.visibleIndicator(ctx, id), 'Indicator', id);
  },

  indicators(ctx: Context, args: IndicatorListArgs, fields?: Selection): Promise<Page<Indicator>> {
    const f = args.filter ?? {};
    const where = new Where()
      .add(scope.indicator(ctx))
      .eq('t.fiscal_division_code', f.fiscalDivisionCode)
      .in(
        't.id',
        f.ids?.map((id) => toId(id, 'ids')),
      )
      .eq('t.scope', f.scope)
      .eq('t.level1node_id', idOrUndefined(f.level1NodeId, 'level1NodeId'))
      .eq('t.level2node_id', idOrUndefined(f.level2NodeId, 'level2NodeId'))
      .eq('t.status', f.status)
      .in('t.status', f.statuses)
      .eq('t.enabled', f.enabled)
      .eq('t.value_type', f.valueType)
      .eq('t.owner_department_id', idOrUndefined(f.ownerDepartmentId, 'ownerDepartmentId'));
    if (f.categoryId !== undefined) {
      // As an array computed once (an InitPlan), the subtree's ids drive the category index: a semi-join with the
      // recursive query has no usable estimate, and the planner scanned the whole division's library instead.
      where.add(`t.category_id = any(array${CATEGORY_SUBTREE})`, toId(f.categoryId, 'categoryId'));
    }
    if (f.usableByDepartmentId !== undefined) {
      // The multiple-choice rule: published, enabled, same fiscal division, and public or private to the department
      // or to its first-level unit.
      where.add(
        `t.status = ? and t.enabled and exists (
           select 1 from department d
           where d.id = ? and d.fiscal_division_code = t.fiscal_division_code
             and (t.visibility = 'PUBLIC' or t.owner_department_id in (d.id, d.parent_id)))`,
        IndicatorStatus.PUBLISHED,
        toId(f.usableByDepartmentId, 'usableByDepartmentId'),
      );
    }
    searchCodeName(where, f.search);
    const order = orderBy(
      args.sort,
      { CODE: 't.code', NAME: 't.name', CREATED_AT: 't.created_at', PUBLISHED_AT: 't.published_at' },
      't.code asc, t.version_no asc',
    );
    // The category of each item in the same statement, when the query asks for it (search results show it).
    const joined = fields?.has('category') ? [{ table: indicatorCategoryTable, foreignKey: 'category_id' }] : [];
    return listPage(ctx, indicatorTable, where, order, args, '', fields, joined);
  },

  /** Every version of an indicator the caller may see (same fiscal division and code), oldest first; batched. */
  versions(ctx: Context, indicatorId: number): Promise<Indicator[]> {
    return ctx.loaders
      .custom<Indicator[]>('indicator.versions', async (ids) => {
        const found = await rows<Indicator & { __key: number }>(
          ctx,
          `select ${selectList(indicatorTable, 'v')}, t.id as "__key"
           from indicator t join indicator v on v.fiscal_division_code = t.fiscal_division_code and v.code = t.code
           where t.id in (${ids.map(() => '?').join(', ')}) and ${scope.indicator(ctx, 'v')}
           order by v.version_no, v.id`,
          ids,
        );
        const byKey = new Map<string, Indicator[]>();
        for (const { __key, ...version } of found) {
          const list = byKey.get(String(__key));
          if (list) list.push(version);
          else byKey.set(String(__key), [version]);
        }
        return ids.map((id) => byKey.get(String(id)) ?? []);
      })
      .load(indicatorId);
  },
};
