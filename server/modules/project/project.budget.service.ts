import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import { DomainError, stillReferenced } from '../../shared/errors';
import { fresh } from '../../shared/loaders';
import { fromFen, toFen } from '../../shared/money';
import { assertDepartmentInScope } from '../../shared/scope';
import { rows } from '../../shared/sql';
import { assertVersion, loadOr404, toId } from '../../shared/writes';
import { Permission } from '../identity';
import { assertMay, assertMayWriteBudgetFields, visibleProjectReference } from './project.access';
import { auditUnderProject } from './project.audit';
import { ProjectBudgetEntity, ProjectEntity } from './project.entity';
import { BudgetDecision } from './project.enums';
import type { CreateProjectBudgetInput, UpdateProjectBudgetInput } from './project.inputs';
import { projectBudgetTable } from './project.reads';
import { checkBudget } from './project.rules';
import type { ProjectBudget } from './project.types';

const money = (v: string | null | undefined): string | null => (v == null ? null : fromFen(toFen(v)));

/** A budget's scalar fields for the audit trail (money as exact strings, references as ids). */
function budgetFields(b: ProjectBudgetEntity): Record<string, unknown> {
  return {
    projectId: b.project.id,
    fiscalYear: b.fiscalYear,
    requested: money(b.requested),
    audited: money(b.audited),
    approved: money(b.approved),
    decision: b.decision ?? null,
    decisionReason: b.decisionReason ?? null,
    mergedIntoId: b.mergedInto?.id ?? null,
  };
}

/** The project that takes over a MERGED budget's money: another project of the same fiscal division that the caller sees. */
async function mergeTarget(
  ctx: Context,
  em: EntityManager,
  id: string,
  project: ProjectEntity,
): Promise<ProjectEntity> {
  const target = await visibleProjectReference(ctx, em, 'mergedIntoProjectId', id);
  if (target.fiscalDivision.code !== project.fiscalDivision.code) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `${target.name} belongs to another fiscal division; merge into a project of ${project.fiscalDivision.code}.`,
      { field: 'mergedIntoProjectId' },
    );
  }
  return target;
}

/**
 * A budget row for a write with its project: NOT_FOUND when it does not exist or its project's department is outside
 * the caller's scope (own department, the departments its expenditure division manages, or the fiscal division).
 */
async function budgetInScope(
  ctx: Context,
  em: EntityManager,
  id: string,
): Promise<{ budget: ProjectBudgetEntity; project: ProjectEntity }> {
  const budget = await loadOr404(em, ProjectBudgetEntity, 'ProjectBudget', id);
  const project = await em.findOneOrFail(ProjectEntity, budget.project.id);
  await assertDepartmentInScope(ctx, em, project.department.id, { type: 'ProjectBudget', id });
  return { budget, project };
}

/**
 * A project's money per fiscal year (项目预算): requested 申报数, audited 财政审核数, approved 批复数, and the budget
 * decision (全额安排 / 核减 / 整合 / 暂缓 / 取消). One row per project and year; amounts stay exact decimals.
 * Each field is written by the role whose duty it is (see BUDGET_FIELD_PERMISSIONS): a field the caller's role may
 * not write is refused with FORBIDDEN before anything is read, a row outside its scope answers NOT_FOUND.
 */
export const projectBudgetService = {
  async createProjectBudget(ctx: Context, input: CreateProjectBudgetInput): Promise<ProjectBudget> {
    assertMay(ctx, Permission.WriteProject, 'create project budgets');
    assertMayWriteBudgetFields(ctx, input);
    const id = await ctx.em.transactional(async (em) => {
      const project = await visibleProjectReference(ctx, em, 'projectId', input.projectId);
      if ((await em.count(ProjectBudgetEntity, { project, fiscalYear: input.fiscalYear })) > 0) {
        throw new DomainError(
          'DUPLICATE',
          `Project ${project.code} already has a budget for ${input.fiscalYear}; edit that one instead.`,
          { field: 'fiscalYear' },
        );
      }
      const mergedInto = input.mergedIntoProjectId
        ? await mergeTarget(ctx, em, input.mergedIntoProjectId, project)
        : null;
      checkBudget({
        projectId: project.id,
        requested: input.requested,
        audited: input.audited ?? null,
        approved: input.approved ?? null,
        decision: input.decision ?? null,
        mergedIntoId: mergedInto?.id ?? null,
      });
      const budget = em.create(ProjectBudgetEntity, {
        fiscalDivision: project.fiscalDivision,
        project,
        fiscalYear: input.fiscalYear,
        requested: input.requested,
        audited: input.audited ?? undefined,
        approved: input.approved ?? undefined,
        decision: input.decision ?? undefined,
        decisionReason: input.decisionReason ?? undefined,
        mergedInto: mergedInto ?? undefined,
      });
      await em.flush();
      auditUnderProject(
        ctx,
        em,
        project,
        { type: 'ProjectBudget', id: budget.id },
        'create',
        null,
        budgetFields(budget),
      );
      return budget.id;
    });
    return fresh(ctx, projectBudgetTable, 'id', id);
  },

  async updateProjectBudget(ctx: Context, id: string, input: UpdateProjectBudgetInput): Promise<ProjectBudget> {
    assertMayWriteBudgetFields(ctx, input);
    await ctx.em.transactional(async (em) => {
      const { budget, project } = await budgetInScope(ctx, em, id);
      assertVersion(budget.version, input.version, `The ${budget.fiscalYear} budget of project ${project.code}`);
      const before = budgetFields(budget);
      const decision = input.decision === undefined ? (budget.decision ?? null) : input.decision;
      // Leaving MERGED drops the link to the project that took the money over, unless the caller sets one.
      let mergedInto: ProjectEntity | null = null;
      if (input.mergedIntoProjectId) mergedInto = await mergeTarget(ctx, em, input.mergedIntoProjectId, project);
      else if (input.mergedIntoProjectId === undefined && decision === BudgetDecision.MERGED) {
        mergedInto = budget.mergedInto ?? null;
      }
      const next = {
        requested: input.requested ?? budget.requested,
        audited: input.audited === undefined ? (budget.audited ?? null) : input.audited,
        approved: input.approved === undefined ? (budget.approved ?? null) : input.approved,
        decision,
        decisionReason: input.decisionReason === undefined ? (budget.decisionReason ?? null) : input.decisionReason,
      };
      checkBudget({ ...next, projectId: project.id, mergedIntoId: mergedInto?.id ?? null });
      // Nullable columns are cleared with null (the entity types them as optional).
      Object.assign(budget, { ...next, mergedInto });
      auditUnderProject(
        ctx,
        em,
        project,
        { type: 'ProjectBudget', id: budget.id },
        'update',
        before,
        budgetFields(budget),
      );
    });
    return fresh(ctx, projectBudgetTable, 'id', toId(id));
  },

  async deleteProjectBudget(ctx: Context, id: string): Promise<boolean> {
    assertMay(ctx, Permission.WriteProject, 'delete project budgets');
    await ctx.em.transactional(async (em) => {
      const { budget, project } = await budgetInScope(ctx, em, id);
      const [found] = await rows<{ n: string }>(
        { em },
        'select count(*) as n from performance_target where project_id = ? and fiscal_year = ?',
        [project.id, budget.fiscalYear],
      );
      const targets = Number(found?.n ?? 0);
      if (targets > 0) {
        throw stillReferenced(`The ${budget.fiscalYear} budget of project ${project.code}`, {
          [`performance targets of ${budget.fiscalYear}`]: targets,
        });
      }
      auditUnderProject(
        ctx,
        em,
        project,
        { type: 'ProjectBudget', id: budget.id },
        'delete',
        budgetFields(budget),
        null,
      );
      em.remove(budget);
    });
    return true;
  },
};
