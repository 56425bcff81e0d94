import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../shared/context';
import { selectionTree } from '../../shared/lookahead';
import { Parent } from '../../shared/parent';
import { Department, FinanceDivision, FiscalDivision, FunctionClass, fiscalReads } from '../fiscal';
import { Permission } from '../identity';
import { CreateProjectInput, ProjectListArgs, UpdateProjectInput } from './project.inputs';
import { projectReads } from './project.reads';
import { projectService } from './project.service';
import { Project, ProjectBudget, ProjectList } from './project.types';

@Resolver(() => Project)
export class ProjectResolver {
  @Authorized(Permission.ReadProject)
  @Query(() => Project, {
    description: 'One project by id; NOT_FOUND when it does not exist or is outside your scope.',
  })
  project(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the project.' }) id: string) {
    return projectReads.projectOr404(ctx, id);
  }

  @Authorized(Permission.ReadProject)
  @Query(() => ProjectList, { description: 'Projects of the project library (项目库).' })
  projects(@Ctx() ctx: Context, @Args() args: ProjectListArgs, @Info() info: GraphQLResolveInfo) {
    return projectReads.projects(ctx, args, selectionTree(info, ['items']));
  }

  @FieldResolver(() => FiscalDivision, { description: 'The fiscal division (财政区划) it belongs to.' })
  fiscalDivision(@Ctx() ctx: Context, @Parent() p: Project) {
    return fiscalReads.fiscalDivision(ctx, p.fiscalDivisionCode);
  }

  @FieldResolver(() => Department, { description: 'The department that carries out the project (预算部门).' })
  department(@Ctx() ctx: Context, @Parent() p: Project) {
    return fiscalReads.departmentNow(ctx, p.departmentId);
  }

  @FieldResolver(() => FinanceDivision, {
    nullable: true,
    description: 'The expenditure division (支出处室) that allocates the money and reviews the targets.',
  })
  managingDivision(@Ctx() ctx: Context, @Parent() p: Project) {
    return p.managingDivisionId ? fiscalReads.financeDivision(ctx, p.managingDivisionId) : null;
  }

  @FieldResolver(() => FunctionClass, { nullable: true, description: 'Function class of expenditure (支出功能分类).' })
  functionClass(@Ctx() ctx: Context, @Parent() p: Project) {
    return p.functionClassCode ? fiscalReads.functionClass(ctx, p.functionClassCode) : null;
  }

  @FieldResolver(() => Project, {
    nullable: true,
    description: 'For a second-level item (二级项目): the policy project it belongs to (null when outside your scope).',
  })
  parent(@Ctx() ctx: Context, @Parent() p: Project) {
    return p.parentId ? projectReads.project(ctx, p.parentId) : null;
  }

  @FieldResolver(() => [Project], { description: 'Second-level items (二级项目) of this policy project.' })
  children(@Ctx() ctx: Context, @Parent() p: Project) {
    return projectReads.projectChildren(ctx, p.id);
  }

  @FieldResolver(() => [ProjectBudget], { description: 'The project’s money per fiscal year, in year order.' })
  budgets(@Ctx() ctx: Context, @Parent() p: Project) {
    return projectReads.budgetsByProject(ctx, p.id);
  }

  @FieldResolver(() => ProjectBudget, { nullable: true, description: 'The project’s money for one fiscal year.' })
  budget(
    @Ctx() ctx: Context,
    @Parent() p: Project,
    @Arg('fiscalYear', () => Int, { description: 'The fiscal year (预算年度).' }) fiscalYear: number,
  ) {
    return projectReads.budgetForYear(ctx, p.id, fiscalYear);
  }

  @Authorized(Permission.WriteProject)
  @Mutation(() => Project, { description: 'Adds a project to the project library.' })
  createProject(@Ctx() ctx: Context, @Arg('input', { description: 'The new project.' }) input: CreateProjectInput) {
    return projectService.createProject(ctx, input);
  }

  @Authorized(Permission.WriteProject)
  @Mutation(() => Project, { description: 'Changes a project; refused with CONFLICT when `version` is stale.' })
  updateProject(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the project.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateProjectInput,
  ) {
    return projectService.updateProject(ctx, id, input);
  }

  @Authorized(Permission.WriteProject)
  @Mutation(() => Boolean, {
    description: 'Deletes a project that has no budgets, targets, ex-ante assessments, second-level items or merges.',
  })
  deleteProject(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the project.' }) id: string) {
    return projectService.deleteProject(ctx, id);
  }
}

@Resolver(() => Department)
export class DepartmentProjectsResolver {
  @FieldResolver(() => [Project], { description: 'The department’s own projects (项目), in code order.' })
  projects(@Ctx() ctx: Context, @Parent() d: Department) {
    return projectReads.projectsByDepartment(ctx, d.id);
  }
}
