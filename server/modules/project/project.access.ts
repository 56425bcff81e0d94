import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import { DomainError, notFound } from '../../shared/errors';
import { assertDepartmentInScope, scope } from '../../shared/scope';
import { rows } from '../../shared/sql';
import { toId } from '../../shared/writes';
import { Permission } from '../identity';
import { ProjectEntity } from './project.entity';

/**
 * Who may write which field of a project budget (项目预算): the department requests (申报数), the expenditure division
 * audits (财政审核数), the budget division approves and decides (批复数, 预算安排结果). Creating and deleting a
 * budget row is the department's.
 */
export const BUDGET_FIELD_PERMISSIONS = {
  requested: Permission.WriteProject,
  audited: Permission.AuditBudget,
  approved: Permission.DecideBudget,
  decision: Permission.DecideBudget,
  decisionReason: Permission.DecideBudget,
  mergedIntoProjectId: Permission.DecideBudget,
} as const satisfies Record<string, Permission>;

export type BudgetField = keyof typeof BUDGET_FIELD_PERMISSIONS;

/** Whether the caller holds a permission (anonymous callers hold none that writes need). */
export function may(ctx: Pick<Context, 'viewer'>, permission: Permission): boolean {
  return !!ctx.viewer?.permissions.has(permission);
}

/**
 * Refuses, before anything is read or written, a budget write that sets a field the caller's role may not write:
 * FORBIDDEN naming the first such field. Only the fields present in the input count (undefined = unchanged).
 */
export function assertMayWriteBudgetFields(
  ctx: Pick<Context, 'viewer'>,
  input: Partial<Record<BudgetField, unknown>>,
): void {
  for (const [field, permission] of Object.entries(BUDGET_FIELD_PERMISSIONS) as [BudgetField, Permission][]) {
    if (input[field] !== undefined && !may(ctx, permission)) {
      throw new DomainError('FORBIDDEN', `Your role may not write ProjectBudget.${field}.`, {
        field: `ProjectBudget.${field}`,
      });
    }
  }
}

/** Refuses an action that needs a permission the caller's role lacks: FORBIDDEN naming the action. */
export function assertMay(ctx: Pick<Context, 'viewer'>, permission: Permission, action: string): void {
  if (!may(ctx, permission)) throw new DomainError('FORBIDDEN', `Your role may not ${action}.`);
}

/**
 * The project a write is about, loaded for the unit of work: NOT_FOUND when it does not exist or its department is
 * outside the caller's scope, so other departments' ids cannot be probed.
 */
export async function projectInScope(
  ctx: Pick<Context, 'viewer'>,
  em: EntityManager,
  id: string | number,
): Promise<ProjectEntity> {
  const project = await em.findOne(ProjectEntity, toId(id));
  if (!project) throw notFound('Project', id);
  await assertDepartmentInScope(ctx, em, project.department.id, { type: 'Project', id });
  return project;
}

/**
 * A project named by an input field (projectId of a new budget or assessment, parentId, mergedIntoProjectId): one
 * outside the caller's scope is answered exactly like one that does not exist (INVALID_REFERENCE naming the field),
 * before any other check, so nothing about it leaks through the messages that follow.
 */
export async function visibleProjectReference(
  ctx: Pick<Context, 'viewer'>,
  em: EntityManager,
  field: string,
  id: string | number,
): Promise<ProjectEntity> {
  const pk = toId(id, field);
  const visible = await rows<{ id: number }>(
    { em },
    `select t.id from project t where t.id = ? and ${scope.project(ctx, 't')}`,
    [pk],
  );
  const found = visible.length ? await em.findOne(ProjectEntity, pk) : null;
  if (!found) {
    throw new DomainError('INVALID_REFERENCE', `${field} "${id}" does not refer to an existing record.`, { field });
  }
  return found;
}
