import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import { auditService } from '../audit';
import type { ProjectEntity } from './project.entity';

/**
 * Records a change of a project or of a record that belongs to one (its budgets, its ex-ante assessments) in the
 * audit trail, filed under the project's department, in the transaction of the change.
 */
export function auditUnderProject(
  ctx: Context,
  em: EntityManager,
  project: ProjectEntity,
  subject: { type: 'Project' | 'ProjectBudget' | 'ExAnteAssessment'; id: number },
  action: 'create' | 'update' | 'delete',
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): void {
  auditService.record(ctx, em, {
    fiscalDivisionCode: project.fiscalDivision.code,
    subjectType: subject.type,
    subjectId: subject.id,
    departmentId: project.department.id,
    action,
    before,
    after,
  });
}
