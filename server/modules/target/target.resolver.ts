import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Float,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
} from 'type-graphql';
import type { Context } from '../../shared/context';
import { selectionTree } from '../../shared/lookahead';
import { Parent } from '../../shared/parent';
import { Department, FiscalDivision, fiscalReads } from '../fiscal';
import { Permission } from '../identity';
import { IndicatorFramework, indicatorReads } from '../indicator';
import { Project, projectReads } from '../project';
import { CreatePerformanceTargetInput, PerformanceTargetListArgs, UpdatePerformanceTargetInput } from './target.inputs';
import { targetReads } from './target.reads';
import { targetService } from './target.service';
import { PerformanceTarget, PerformanceTargetList, TargetIndicator } from './target.types';

@Resolver(() => PerformanceTarget)
export class PerformanceTargetResolver {
  @Authorized(Permission.ReadProject)
  @Query(() => PerformanceTarget, {
    nullable: true,
    description: 'One performance target by id; NOT_FOUND if it does not exist or is outside your scope.',
  })
  performanceTarget(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the target.' }) id: string) {
    return targetReads.targetOr404(ctx, id);
  }

  @Authorized(Permission.ReadProject)
  @Query(() => PerformanceTargetList, { description: 'Performance targets (绩效目标).' })
  performanceTargets(@Ctx() ctx: Context, @Args() args: PerformanceTargetListArgs) {
    return targetReads.targets(ctx, args);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'Quantification ratio (量化率): the share of its rows whose comparator is not QUALITATIVE, 0 to 1; null without rows.',
  })
  quantificationRatio(@Ctx() ctx: Context, @Parent() t: PerformanceTarget) {
    return targetReads.quantificationRatio(ctx, t.id);
  }

  @FieldResolver(() => Project, {
    nullable: true,
    description: 'The project (for project targets and regional shares).',
  })
  project(@Ctx() ctx: Context, @Parent() t: PerformanceTarget) {
    return t.projectId ? projectReads.project(ctx, t.projectId) : null;
  }

  @FieldResolver(() => Department, { description: 'The department that owns the target.' })
  department(@Ctx() ctx: Context, @Parent() t: PerformanceTarget) {
    return fiscalReads.department(ctx, t.departmentId);
  }

  @FieldResolver(() => FiscalDivision, { description: 'The fiscal division (财政区划) it belongs to.' })
  fiscalDivision(@Ctx() ctx: Context, @Parent() t: PerformanceTarget) {
    return fiscalReads.fiscalDivision(ctx, t.fiscalDivisionCode);
  }

  @FieldResolver(() => PerformanceTarget, {
    nullable: true,
    description: 'For a regional share: the city-level transfer target it was split from.',
  })
  parent(@Ctx() ctx: Context, @Parent() t: PerformanceTarget) {
    return t.parentId ? targetReads.target(ctx, t.parentId) : null;
  }

  @FieldResolver(() => [PerformanceTarget], {
    description: 'For a transfer-payment target: its regional shares (转移支付区域绩效目标), by region code.',
  })
  regionalShares(@Ctx() ctx: Context, @Parent() t: PerformanceTarget) {
    return targetReads.regionalShares(ctx, t.id);
  }

  @FieldResolver(() => FiscalDivision, {
    nullable: true,
    description: 'For a regional share: the district or county that receives it.',
  })
  region(@Ctx() ctx: Context, @Parent() t: PerformanceTarget) {
    return t.regionCode ? fiscalReads.fiscalDivision(ctx, t.regionCode) : null;
  }

  @FieldResolver(() => IndicatorFramework, { description: 'The indicator framework (指标体系) the target follows.' })
  framework(@Ctx() ctx: Context, @Parent() t: PerformanceTarget) {
    return indicatorReads.framework(ctx, t.frameworkId);
  }

  @FieldResolver(() => [TargetIndicator], { description: 'The rows of its target table (绩效指标表), in order.' })
  rows(@Ctx() ctx: Context, @Parent() t: PerformanceTarget, @Info() info: GraphQLResolveInfo) {
    return targetReads.rowsOfTarget(ctx, t.id, selectionTree(info));
  }

  @Authorized(Permission.WriteProject)
  @Mutation(() => PerformanceTarget, { description: 'Starts a draft performance target of your department.' })
  createPerformanceTarget(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The new target.' }) input: CreatePerformanceTargetInput,
  ) {
    return targetService.createTarget(ctx, input);
  }

  @Authorized(Permission.WriteProject)
  @Mutation(() => PerformanceTarget, {
    description: 'Changes a draft target; with input.version, refuses a stale edit.',
  })
  updatePerformanceTarget(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the target.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdatePerformanceTargetInput,
  ) {
    return targetService.updateTarget(ctx, id, input);
  }

  @Authorized(Permission.WriteProject)
  @Mutation(() => Boolean, { description: 'Deletes a draft target with its rows; not while it has regional shares.' })
  deletePerformanceTarget(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the target.' }) id: string,
    @Arg('version', () => Int, { nullable: true, description: 'The version you loaded.' }) version?: number,
  ) {
    return targetService.deleteTarget(ctx, id, version);
  }
}

@Resolver(() => Project)
export class ProjectTargetsResolver {
  @FieldResolver(() => [PerformanceTarget], {
    description: 'Its performance targets, newest year first, regional shares after the city-level target.',
  })
  targets(@Ctx() ctx: Context, @Parent() p: Project, @Info() info: GraphQLResolveInfo) {
    return targetReads.targetsOfProject(ctx, p.id, selectionTree(info));
  }
}

@Resolver(() => Department)
export class DepartmentTargetsResolver {
  @FieldResolver(() => [PerformanceTarget], {
    description: 'The performance targets it owns (project, department-wide and transfer), newest year first.',
  })
  targets(@Ctx() ctx: Context, @Parent() d: Department) {
    return targetReads.targetsOfDepartment(ctx, d.id);
  }
}
