/** Project module: the project library (项目库) and each project's money per fiscal year (项目预算). */

export {
  assertMayWriteBudgetFields,
  BUDGET_FIELD_PERMISSIONS,
  type BudgetField,
  projectInScope,
  visibleProjectReference,
} from './project.access';
export { ProjectBudgetResolver } from './project.budget.resolver';
export { projectBudgetService } from './project.budget.service';
export { DecideProjectBudgetInput, ProjectBudgetDecision, projectDecisionService } from './project.decision';
export * from './project.entity';
export * from './project.enums';
export { NEEDS_EX_ANTE_SQL, projectBudgetTable, projectReads, projectTable } from './project.reads';
export { DepartmentProjectsResolver, ProjectResolver } from './project.resolver';
export { type BudgetState, checkBudget } from './project.rules';
export { projectService } from './project.service';
export * from './project.types';

import { ProjectBudgetResolver } from './project.budget.resolver';
import { DepartmentProjectsResolver, ProjectResolver } from './project.resolver';

export const projectResolvers = [ProjectResolver, ProjectBudgetResolver, DepartmentProjectsResolver] as const;
export { auditUnderProject } from './project.audit';
