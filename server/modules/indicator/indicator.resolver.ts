import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../shared/context';
import { fieldsAt } from '../../shared/lookahead';
import { Parent } from '../../shared/parent';
import { Department, FiscalDivision, fiscalReads } from '../fiscal';
import { Permission } from '../identity';
import { indicatorImportService } from './indicator.import';
import {
  CreateIndicatorInput,
  ImportIndicatorsInput,
  IndicatorListArgs,
  UpdateIndicatorInput,
} from './indicator.inputs';
import { indicatorReads } from './indicator.reads';
import { indicatorService } from './indicator.service';
import {
  ImportIndicatorsResult,
  Indicator,
  IndicatorCategory,
  IndicatorFrameworkNode,
  IndicatorList,
} from './indicator.types';

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Authorized(Permission.ReadLibrary)
  @Query(() => Indicator, {
    description: 'One indicator version by id; NOT_FOUND when there is none or it is not visible to you.',
  })
  indicator(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the indicator version.' }) id: string) {
    return indicatorReads.indicatorOr404(ctx, id);
  }

  @Authorized(Permission.ReadLibrary)
  @Query(() => IndicatorList, {
    description:
      'Library indicators (绩效指标库), every version you may see: the public sees published public ones, departments also their own private ones, bureau roles their whole division.',
  })
  indicators(@Ctx() ctx: Context, @Args() args: IndicatorListArgs, @Info() info: GraphQLResolveInfo) {
    return indicatorReads.indicators(ctx, args, fieldsAt(info, ['items']));
  }

  @FieldResolver(() => FiscalDivision, { description: 'The fiscal division (财政区划) it belongs to.' })
  fiscalDivision(@Ctx() ctx: Context, @Parent() i: Indicator) {
    return fiscalReads.fiscalDivision(ctx, i.fiscalDivisionCode);
  }

  @FieldResolver(() => IndicatorCategory, { description: 'The category (指标分类).' })
  category(@Ctx() ctx: Context, @Parent() i: Indicator) {
    return indicatorReads.category(ctx, i.categoryId);
  }

  @FieldResolver(() => IndicatorFrameworkNode, { description: 'The level-1 dimension (一级指标), e.g. 产出指标.' })
  level1(@Ctx() ctx: Context, @Parent() i: Indicator) {
    return indicatorReads.frameworkNode(ctx, i.level1NodeId);
  }

  @FieldResolver(() => IndicatorFrameworkNode, {
    nullable: true,
    description: 'The level-2 dimension (二级指标), e.g. 数量指标.',
  })
  level2(@Ctx() ctx: Context, @Parent() i: Indicator) {
    return i.level2NodeId ? indicatorReads.frameworkNode(ctx, i.level2NodeId) : null;
  }

  @FieldResolver(() => Department, {
    nullable: true,
    description: 'The owning department of a DEPARTMENT or PRIVATE indicator.',
  })
  ownerDepartment(@Ctx() ctx: Context, @Parent() i: Indicator) {
    return i.ownerDepartmentId ? fiscalReads.department(ctx, i.ownerDepartmentId) : null;
  }

  @FieldResolver(() => Indicator, {
    nullable: true,
    description: 'The previous version this one replaced; null when there is none or it is not visible to you.',
  })
  supersedes(@Ctx() ctx: Context, @Parent() i: Indicator) {
    return i.supersedesId ? indicatorReads.visibleIndicator(ctx, i.supersedesId) : null;
  }

  @FieldResolver(() => [Indicator], {
    description: 'Every version of this indicator (same code) visible to you, oldest first.',
  })
  versions(@Ctx() ctx: Context, @Parent() i: Indicator) {
    return indicatorReads.versions(ctx, i.id);
  }

  @Authorized(Permission.ManageLibrary)
  @Mutation(() => Indicator, {
    description: 'Adds a DRAFT indicator (version 1); the admission queue publishes it.',
  })
  createIndicator(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The new indicator.' }) input: CreateIndicatorInput,
  ) {
    return indicatorService.createIndicator(ctx, input);
  }

  @Authorized(Permission.ManageLibrary)
  @Mutation(() => ImportIndicatorsResult, {
    description:
      "Imports DRAFT indicators from spreadsheet rows (批量导入), all or nothing, with the rules of createIndicator per row. dryRun answers every row's problems and writes nothing (the preview). A commit writes every row with its audit record in one transaction; if any row fails it writes nothing and fails with IMPORT_INVALID, the failing rows in extensions.rows.",
  })
  importIndicators(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The rows and whether to only validate them.' }) input: ImportIndicatorsInput,
  ) {
    return indicatorImportService.importIndicators(ctx, input);
  }

  @Authorized(Permission.ManageLibrary)
  @Mutation(() => Indicator, {
    description: 'Changes a DRAFT indicator. A published version never changes: propose a MODIFY instead.',
  })
  updateIndicator(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the indicator version.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateIndicatorInput,
  ) {
    return indicatorService.updateIndicator(ctx, id, input);
  }

  @Authorized(Permission.ManageLibrary)
  @Mutation(() => Boolean, {
    description: 'Deletes a DRAFT indicator that no target row and no change request references.',
  })
  deleteIndicator(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the indicator version.' }) id: string,
  ) {
    return indicatorService.deleteIndicator(ctx, id);
  }
}
