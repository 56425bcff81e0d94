import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../shared/context';
import { Parent } from '../../shared/parent';
import { Department, FiscalDivision, fiscalReads } from '../fiscal';
import { Permission } from '../identity';
import { IndicatorStatus } from './indicator.enums';
import {
  CreateIndicatorCategoryInput,
  CreateIndicatorFrameworkInput,
  CreateIndicatorFrameworkNodeInput,
  IndicatorCategoryListArgs,
  IndicatorFrameworkListArgs,
  UpdateIndicatorCategoryInput,
  UpdateIndicatorFrameworkInput,
  UpdateIndicatorFrameworkNodeInput,
} from './indicator.inputs';
import { indicatorReads } from './indicator.reads';
import { indicatorService } from './indicator.service';
import {
  IndicatorCategory,
  IndicatorCategoryList,
  IndicatorFramework,
  IndicatorFrameworkList,
  IndicatorFrameworkNode,
} from './indicator.types';

@Resolver(() => IndicatorFramework)
export class IndicatorFrameworkResolver {
  @Authorized(Permission.ReadLibrary)
  @Query(() => IndicatorFramework, { description: 'One indicator framework by id; NOT_FOUND when there is none.' })
  indicatorFramework(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the framework.' }) id: string) {
    return indicatorReads.frameworkOr404(ctx, id);
  }

  @Authorized(Permission.ReadLibrary)
  @Query(() => IndicatorFrameworkList, { description: 'Indicator frameworks (指标体系).' })
  indicatorFrameworks(@Ctx() ctx: Context, @Args() args: IndicatorFrameworkListArgs) {
    return indicatorReads.frameworks(ctx, args);
  }

  @FieldResolver(() => [IndicatorFrameworkNode], {
    description: 'Every dimension of the framework, level 1 first, then by position.',
  })
  nodes(@Ctx() ctx: Context, @Parent() f: IndicatorFramework) {
    return indicatorReads.frameworkNodes(ctx, f.id);
  }

  @FieldResolver(() => [IndicatorFrameworkNode], { description: 'The level-1 dimensions (一级指标), by position.' })
  roots(@Ctx() ctx: Context, @Parent() f: IndicatorFramework) {
    return indicatorReads.frameworkRoots(ctx, f.id);
  }

  @Authorized(Permission.ManageLibrary)
  @Mutation(() => IndicatorFramework, { description: 'Adds an indicator framework.' })
  createIndicatorFramework(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The new framework.' }) input: CreateIndicatorFrameworkInput,
  ) {
    return indicatorService.createFramework(ctx, input);
  }

  @Authorized(Permission.ManageLibrary)
  @Mutation(() => IndicatorFramework, { description: 'Changes an indicator framework.' })
  updateIndicatorFramework(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the framework.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateIndicatorFrameworkInput,
  ) {
    return indicatorService.updateFramework(ctx, id, input);
  }

  @Authorized(Permission.ManageLibrary)
  @Mutation(() => Boolean, { description: 'Deletes a framework that has no dimensions and no targets.' })
  deleteIndicatorFramework(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the framework.' }) id: string,
  ) {
    return indicatorService.deleteFramework(ctx, id);
  }
}

@Resolver(() => IndicatorFrameworkNode)
export class IndicatorFrameworkNodeResolver {
  @Authorized(Permission.ReadLibrary)
  @Query(() => IndicatorFrameworkNode, { description: 'One framework dimension by id; NOT_FOUND when there is none.' })
  indicatorFrameworkNode(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the dimension.' }) id: string,
  ) {
    return indicatorReads.frameworkNodeOr404(ctx, id);
  }

  @FieldResolver(() => IndicatorFramework, { description: 'The framework the dimension belongs to.' })
  framework(@Ctx() ctx: Context, @Parent() n: IndicatorFrameworkNode) {
    return indicatorReads.framework(ctx, n.frameworkId);
  }

  @FieldResolver(() => IndicatorFrameworkNode, {
    nullable: true,
    description: 'The level-1 dimension of a level-2 one; null at level 1.',
  })
  parent(@Ctx() ctx: Context, @Parent() n: IndicatorFrameworkNode) {
    return n.parentId ? indicatorReads.frameworkNode(ctx, n.parentId) : null;
  }

  @FieldResolver(() => [IndicatorFrameworkNode], { description: 'The level-2 dimensions under a level-1 one.' })
  children(@Ctx() ctx: Context, @Parent() n: IndicatorFrameworkNode) {
    return indicatorReads.frameworkNodeChildren(ctx, n.id);
  }

  @Authorized(Permission.ManageLibrary)
  @Mutation(() => IndicatorFrameworkNode, {
    description: 'Adds a dimension: level 1 without a parent, level 2 under a level-1 dimension of the same framework.',
  })
  createIndicatorFrameworkNode(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The new dimension.' }) input: CreateIndicatorFrameworkNodeInput,
  ) {
    return indicatorService.createFrameworkNode(ctx, input);
  }

  @Authorized(Permission.ManageLibrary)
  @Mutation(() => IndicatorFrameworkNode, { description: 'Renames or reorders a framework dimension.' })
  updateIndicatorFrameworkNode(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the dimension.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateIndicatorFrameworkNodeInput,
  ) {
    return indicatorService.updateFrameworkNode(ctx, id, input);
  }

  @Authorized(Permission.ManageLibrary)
  @Mutation(() => Boolean, { description: 'Deletes a dimension that has no sub-dimensions and no indicators.' })
  deleteIndicatorFrameworkNode(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the dimension.' }) id: string,
  ) {
    return indicatorService.deleteFrameworkNode(ctx, id);
  }
}

@Resolver(() => IndicatorCategory)
export class IndicatorCategoryResolver {
  @Authorized(Permission.ReadLibrary)
  @Query(() => IndicatorCategory, { description: 'One indicator category by id; NOT_FOUND when there is none.' })
  indicatorCategory(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the category.' }) id: string) {
    return indicatorReads.categoryOr404(ctx, id);
  }

  @Authorized(Permission.ReadLibrary)
  @Query(() => IndicatorCategoryList, { description: 'Categories of the indicator library (指标分类).' })
  indicatorCategories(@Ctx() ctx: Context, @Args() args: IndicatorCategoryListArgs) {
    return indicatorReads.categories(ctx, args);
  }

  @FieldResolver(() => FiscalDivision, { description: 'The fiscal division (财政区划) it belongs to.' })
  fiscalDivision(@Ctx() ctx: Context, @Parent() c: IndicatorCategory) {
    return fiscalReads.fiscalDivision(ctx, c.fiscalDivisionCode);
  }

  @FieldResolver(() => IndicatorCategory, { nullable: true, description: 'The parent category; null at the top.' })
  parent(@Ctx() ctx: Context, @Parent() c: IndicatorCategory) {
    return c.parentId ? indicatorReads.category(ctx, c.parentId) : null;
  }

  @FieldResolver(() => [IndicatorCategory], { description: 'Sub-categories (子分类), by position.' })
  children(@Ctx() ctx: Context, @Parent() c: IndicatorCategory) {
    return indicatorReads.categoryChildren(ctx, c.id);
  }

  @FieldResolver(() => Department, {
    nullable: true,
    description: 'The owning department of a DEPARTMENT category, or the pilot department of an INDUSTRY one.',
  })
  ownerDepartment(@Ctx() ctx: Context, @Parent() c: IndicatorCategory) {
    return c.ownerDepartmentId ? fiscalReads.department(ctx, c.ownerDepartmentId) : null;
  }

  @FieldResolver(() => Int, {
    description:
      'How many indicator versions visible to you this category and its sub-categories hold (of one status if given).',
  })
  indicatorCount(
    @Ctx() ctx: Context,
    @Parent() c: IndicatorCategory,
    @Arg('status', () => IndicatorStatus, {
      nullable: true,
      description: 'Count only versions of this status; all when omitted.',
    })
    status?: IndicatorStatus,
  ) {
    return indicatorReads.categoryIndicatorCount(ctx, c.id, status);
  }

  @Authorized(Permission.ManageLibrary)
  @Mutation(() => IndicatorCategory, { description: 'Adds a category to the indicator library.' })
  createIndicatorCategory(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The new category.' }) input: CreateIndicatorCategoryInput,
  ) {
    return indicatorService.createCategory(ctx, input);
  }

  @Authorized(Permission.ManageLibrary)
  @Mutation(() => IndicatorCategory, { description: 'Changes, moves or re-owns a category.' })
  updateIndicatorCategory(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the category.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateIndicatorCategoryInput,
  ) {
    return indicatorService.updateCategory(ctx, id, input);
  }

  @Authorized(Permission.ManageLibrary)
  @Mutation(() => Boolean, { description: 'Deletes a category that has no sub-categories and no indicators.' })
  deleteIndicatorCategory(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the category.' }) id: string,
  ) {
    return indicatorService.deleteCategory(ctx, id);
  }
}
