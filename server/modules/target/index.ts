/** Target module: performance targets (绩效目标) and the rows of their target tables (绩效指标表). */
export * from './target.entity';
export * from './target.enums';
export * from './target.inputs';
export { allowedActions, nextState, TargetAction } from './target.machine';
export { targetIndicatorTable, targetReads, targetTable } from './target.reads';
export { DepartmentTargetsResolver, PerformanceTargetResolver, ProjectTargetsResolver } from './target.resolver';
export { TargetIndicatorResolver } from './target.rows.resolver';
export { parseTargetValue } from './target.rules';
export { targetService } from './target.service';
export * from './target.types';
export { targetWorkflow } from './target.workflow';
export { TargetWorkflowResolver } from './target.workflow.resolver';
export * from './target.workflow.types';

import { DepartmentTargetsResolver, PerformanceTargetResolver, ProjectTargetsResolver } from './target.resolver';
import { TargetIndicatorResolver } from './target.rows.resolver';
import { TargetWorkflowResolver } from './target.workflow.resolver';

export const targetResolvers = [
  PerformanceTargetResolver,
  TargetIndicatorResolver,
  ProjectTargetsResolver,
  DepartmentTargetsResolver,
  TargetWorkflowResolver,
] as const;
