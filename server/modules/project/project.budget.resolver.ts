import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../shared/context';
import { Parent } from '../../shared/parent';
import { FiscalDivision, fiscalReads } from '../fiscal';
import { Permission } from '../identity';
import { projectBudgetService } from './project.budget.service';
import { DecideProjectBudgetInput, ProjectBudgetDecision, projectDecisionService } from './project.decision';
import { CreateProjectBudgetInput, ProjectBudgetListArgs, UpdateProjectBudgetInput } from './project.inputs';
import { projectReads } from './project.reads';
import { Project, ProjectBudget, ProjectBudgetList } from './project.types';

@Resolver(() => ProjectBudget)
export class ProjectBudgetResolver {
  @Authorized(Permission.ReadProject)
  @Query(() => ProjectBudget, {
    description: 'One project budget by id; NOT_FOUND when it does not exist or is outside your scope.',
  })
  projectBudget(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the project budget.' }) id: string) {
    return projectReads.projectBudgetOr404(ctx, id);
  }

  @Authorized(Permission.ReadProject)
  @Query(() => ProjectBudgetList, { description: 'Project budgets per fiscal year (项目预算).' })
  projectBudgets(@Ctx() ctx: Context, @Args() args: ProjectBudgetListArgs) {
    return projectReads.projectBudgets(ctx, args);
  }

  @FieldResolver(() => FiscalDivision, { description: 'The fiscal division (财政区划) it belongs to.' })
  fiscalDivision(@Ctx() ctx: Context, @Parent() b: ProjectBudget) {
    return fiscalReads.fiscalDivision(ctx, b.fiscalDivisionCode);
  }

  @FieldResolver(() => Project, { description: 'The project the money is for.' })
  project(@Ctx() ctx: Context, @Parent() b: ProjectBudget) {
    return projectReads.project(ctx, b.projectId);
  }

  @FieldResolver(() => Project, {
    nullable: true,
    description: 'For a MERGED decision: the project that took the money over (null when outside your scope).',
  })
  mergedInto(@Ctx() ctx: Context, @Parent() b: ProjectBudget) {
    return b.mergedIntoId ? projectReads.project(ctx, b.mergedIntoId) : null;
  }

  @Authorized(Permission.WriteProject)
  @Mutation(() => ProjectBudget, {
    description:
      'Adds a project’s money for one fiscal year (department roles, own department); audited needs AuditBudget, approved and the decision DecideBudget.',
  })
  createProjectBudget(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The new budget row.' }) input: CreateProjectBudgetInput,
  ) {
    return projectBudgetService.createProjectBudget(ctx, input);
  }

  @Authorized(Permission.WriteProject, Permission.AuditBudget, Permission.DecideBudget)
  @Mutation(() => ProjectBudget, {
    description:
      'Changes amounts or the decision of a project budget; each field needs its permission (requested: WriteProject, audited: AuditBudget, approved / decision / decisionReason / mergedIntoProjectId: DecideBudget), else FORBIDDEN naming it. Refused with CONFLICT when `version` is stale.',
  })
  updateProjectBudget(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the project budget.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateProjectBudgetInput,
  ) {
    return projectBudgetService.updateProjectBudget(ctx, id, input);
  }

  @Authorized(Permission.DecideBudget)
  @Mutation(() => ProjectBudgetDecision, {
    description:
      'The budget decision (预算安排) for the project of a reviewed target (budget officer, own fiscal division): FULL, REDUCED or MERGED approve the target with the budget (APPROVED, project BUDGETED); DEFERRED or CANCELLED approve nothing and leave it BLOCKED. A target not READY_FOR_BUDGET or BLOCKED is INVALID_TRANSITION; a BLOCKED one (grade 差, ex-ante missing or NOT_SUPPORT), or one whose required ex-ante assessment is missing or NOT_SUPPORT, may only be deferred or cancelled (BUDGET_BLOCKED); a stale `version` is CONFLICT.',
  })
  decideProjectBudget(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The decision.' }) input: DecideProjectBudgetInput,
  ) {
    return projectDecisionService.decideProjectBudget(ctx, input);
  }

  @Authorized(Permission.WriteProject)
  @Mutation(() => Boolean, {
    description: 'Deletes a project budget, unless the project has performance targets for that year.',
  })
  deleteProjectBudget(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the project budget.' }) id: string,
  ) {
    return projectBudgetService.deleteProjectBudget(ctx, id);
  }
}
