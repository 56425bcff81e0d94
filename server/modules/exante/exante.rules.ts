import { DomainError } from '../../shared/errors';
import { Role, type Viewer } from '../identity';
import { ExAnteStage } from './exante.enums';

/**
 * Who records which stage of an ex-ante assessment (事前绩效评估): the department assesses itself (部门自评); the
 * finance audit (财政审核) and the finance / third-party assessment (财政/第三方评估) are the bureau's, by the
 * expenditure division of the department or the evaluation center. The row scope (own department, the departments
 * an expenditure division manages) is checked separately, on the project.
 */
export const EX_ANTE_STAGE_ROLES: Readonly<Record<ExAnteStage, readonly Role[]>> = {
  [ExAnteStage.SELF]: [Role.UNIT_PREPARER, Role.DEPARTMENT_OFFICER],
  [ExAnteStage.FINANCE_AUDIT]: [Role.EXPENDITURE_REVIEWER, Role.EVALUATION_REVIEWER],
  [ExAnteStage.THIRD_PARTY]: [Role.EXPENDITURE_REVIEWER, Role.EVALUATION_REVIEWER],
};

/** Whether the viewer may record (create, change or delete) an assessment of this stage. Pure. */
export function mayAssessStage(viewer: Viewer | null, stage: ExAnteStage): boolean {
  return !!viewer && viewer.roles.some((r) => EX_ANTE_STAGE_ROLES[stage].includes(r));
}

/** FORBIDDEN, naming the stage, unless the viewer may record assessments of it. */
export function assertMayAssessStage(viewer: Viewer | null, stage: ExAnteStage): void {
  if (mayAssessStage(viewer, stage)) return;
  throw new DomainError(
    'FORBIDDEN',
    `Your role may not record ${stage} ex-ante assessments; ${EX_ANTE_STAGE_ROLES[stage].join(' and ')} do.`,
    { field: 'ExAnteAssessment.stage', stage },
  );
}
