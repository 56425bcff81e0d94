import type { Context } from '../../shared/context';
import { listPage, orderBy, type Page } from '../../shared/list';
import type { SelectionTree } from '../../shared/lookahead';
import { prefetch, registerPrefetch } from '../../shared/prefetch';
import { orNotFound, scope } from '../../shared/scope';
import { expression, table, Where } from '../../shared/sql';
import { toId } from '../../shared/writes';
import { departmentTable, searchCodeName } from '../fiscal';
import type { ProjectBudgetListArgs, ProjectListArgs } from './project.inputs';
import type { Project, ProjectBudget } from './project.types';

/** The 2022 rule: every NEW major policy and special fund needs an ex-ante assessment (事前绩效评估). */
export const NEEDS_EX_ANTE_SQL = `t.attribute = 'NEW' and (t.major_policy or t.special_fund)`;

export const projectTable = table<Project>(
  'project',
  {
    id: 'id',
    fiscalDivisionCode: 'fiscal_division_code',
    code: 'code',
    name: 'name',
    departmentId: 'department_id',
    managingDivisionId: 'managing_division_id',
    category: 'category',
    attribute: 'attribute',
    startYear: 'start_year',
    termYears: 'term_years',
    functionClassCode: 'function_class_code',
    budgetType: 'budget_type',
    majorPolicy: 'major_policy',
    specialFund: 'special_fund',
    transferPayment: 'transfer_payment',
    phase: 'phase',
    parentId: 'parent_id',
    description: 'description',
    needsExAnte: expression(NEEDS_EX_ANTE_SQL),
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    version: 'version',
  },
  { lazy: ['description', 'createdAt', 'updatedAt'] },
);

export const projectBudgetTable = table<ProjectBudget>(
  'project_budget',
  {
    id: 'id',
    fiscalDivisionCode: 'fiscal_division_code',
    projectId: 'project_id',
    fiscalYear: 'fiscal_year',
    requested: 'requested',
    audited: 'audited',
    approved: 'approved',
    // numeric minus numeric stays numeric(…,2): exact, and null while nothing is approved.
    cut: expression('t.requested - t.approved'),
    decision: 'decision',
    decisionReason: 'decision_reason',
    mergedIntoId: 'merged_into_id',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    version: 'version',
  },
  { lazy: ['decisionReason', 'createdAt', 'updatedAt'] },
);

const optionalId = (id: string | undefined | null, label: string) =>
  id === undefined || id === null ? undefined : toId(id, label);

/**
 * Reads apply the caller's row scope (scope.project, and through the project for budgets) to lists, lookups and
 * relations alike: a project the caller may not see is not there.
 */
export const projectReads = {
  /** A project the caller may see, or undefined (also for relations: a parent or merge target out of scope). */
  project(ctx: Context, id: string | number): Promise<Project | undefined> {
    return ctx.loaders.one(projectTable, 'id', scope.project(ctx)).load(toId(id));
  },

  /** A single lookup: NOT_FOUND for an id that does not exist and for one the caller may not see alike. */
  projectOr404(ctx: Context, id: string | number): Promise<Project> {
    return orNotFound(projectReads.project(ctx, id), 'Project', id);
  },

  async projects(ctx: Context, args: ProjectListArgs, tree?: SelectionTree): Promise<Page<Project>> {
    const f = args.filter ?? {};
    const where = new Where()
      .add(scope.project(ctx))
      .eq('t.fiscal_division_code', f.fiscalDivisionCode)
      .in(
        't.id',
        f.ids?.map((id) => toId(id, 'ids')),
      )
      .eq('t.managing_division_id', optionalId(f.managingDivisionId, 'managingDivisionId'))
      .eq('t.budget_type', f.budgetType)
      .in('t.budget_type', f.budgetTypes)
      .eq('t.attribute', f.attribute)
      .eq('t.phase', f.phase)
      .in('t.phase', f.phases)
      .eq('t.major_policy', f.majorPolicy)
      .eq('t.special_fund', f.specialFund)
      .eq('t.transfer_payment', f.transferPayment)
      .eq('t.parent_id', optionalId(f.parentId, 'parentId'));
    const departmentId = optionalId(f.departmentId, 'departmentId');
    if (departmentId !== undefined && f.includeChildUnits) {
      where.add(
        't.department_id in (select d.id from department d where d.id = ? or d.parent_id = ?)',
        departmentId,
        departmentId,
      );
    } else where.eq('t.department_id', departmentId);
    if (f.fiscalYear !== undefined && f.fiscalYear !== null) {
      where.add(
        'exists (select 1 from project_budget b where b.project_id = t.id and b.fiscal_year = ?)',
        f.fiscalYear,
      );
    }
    if (f.needsExAnte === true) where.add(`(${NEEDS_EX_ANTE_SQL})`);
    if (f.needsExAnte === false) where.add(`not (${NEEDS_EX_ANTE_SQL})`);
    searchCodeName(where, f.search);
    const order = orderBy(
      args.sort,
      { CODE: 't.code', NAME: 't.name', START_YEAR: 't.start_year', CREATED_AT: 't.created_at' },
      't.code asc',
    );
    // Each project's department in the same statement, when the query asks for it.
    const joined = tree?.has('department') ? [{ table: departmentTable, foreignKey: 'department_id' }] : [];
    const page = await listPage(ctx, projectTable, where, order, args, '', tree, joined);
    if (tree) await prefetch(ctx, 'Project', page.items, tree);
    return page;
  },

  /** The second-level items (二级项目) of a policy project, batched across a page. */
  projectChildren(ctx: Context, parentId: number): Promise<Project[]> {
    return ctx.loaders.many(projectTable, 'parent_id', 't.code', scope.project(ctx)).load(parentId);
  },

  /** A department's own projects, batched across a page (empty for a department outside the caller's scope). */
  projectsByDepartment(ctx: Context, departmentId: number): Promise<Project[]> {
    return ctx.loaders.many(projectTable, 'department_id', 't.code', scope.project(ctx)).load(departmentId);
  },

  projectBudget(ctx: Context, id: string | number): Promise<ProjectBudget | undefined> {
    return ctx.loaders.one(projectBudgetTable, 'id', scope.viaProject(ctx, 't.project_id')).load(toId(id));
  },

  /** A single lookup: NOT_FOUND for a budget that does not exist and for one the caller may not see alike. */
  projectBudgetOr404(ctx: Context, id: string | number): Promise<ProjectBudget> {
    return orNotFound(projectReads.projectBudget(ctx, id), 'ProjectBudget', id);
  },

  projectBudgets(ctx: Context, args: ProjectBudgetListArgs): Promise<Page<ProjectBudget>> {
    const f = args.filter ?? {};
    // No filter or sort key reads `audited` (财政审核数), which not every caller may read before approval: the
    // list cannot be used to infer it. Any such key added later must be refused to callers who may not read it.
    const where = new Where()
      .add(scope.viaProject(ctx, 't.project_id'))
      .eq('t.fiscal_division_code', f.fiscalDivisionCode)
      .eq('t.project_id', optionalId(f.projectId, 'projectId'))
      .eq('t.fiscal_year', f.fiscalYear)
      .eq('t.decision', f.decision);
    const departmentId = optionalId(f.departmentId, 'departmentId');
    if (departmentId !== undefined) {
      where.add('t.project_id in (select p.id from project p where p.department_id = ?)', departmentId);
    }
    if (f.budgetType) where.add('t.project_id in (select p.id from project p where p.budget_type = ?)', f.budgetType);
    const order = orderBy(
      args.sort,
      { FISCAL_YEAR: 't.fiscal_year', REQUESTED: 't.requested', APPROVED: 't.approved' },
      't.fiscal_year asc',
    );
    return listPage(ctx, projectBudgetTable, where, order, args);
  },

  /**
   * A project's budgets, one per fiscal year in year order; one statement for a whole page of projects. Always full
   * width: `budgets` and `budget(fiscalYear)` share the batch.
   */
  budgetsByProject(ctx: Context, projectId: number): ProjectBudget[] | Promise<ProjectBudget[]> {
    return ctx.loaders.manyNow(projectBudgetTable, 'project_id', projectId, ...budgetArgs(ctx));
  },

  /** A project's budget for one year, picked from the batched budgets (no statement of its own). */
  async budgetForYear(ctx: Context, projectId: number, fiscalYear: number): Promise<ProjectBudget | null> {
    const budgets = await projectReads.budgetsByProject(ctx, projectId);
    return budgets.find((b) => b.fiscalYear === fiscalYear) ?? null;
  },
};

const budgetArgs = (ctx: Context) => ['t.fiscal_year', scope.viaProject(ctx, 't.project_id')] as const;

// A page of projects loads the budgets the query selects before graphql-js walks it (departments come joined).
registerPrefetch<Project>('Project', async (ctx, projects, tree) => {
  const ids = projects.map((p) => p.id);
  if (tree.has('budgets') || tree.has('budget')) {
    await ctx.loaders.many(projectBudgetTable, 'project_id', ...budgetArgs(ctx)).loadMany(ids);
  }
});
