import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../shared/context';
import { fieldsAt } from '../../shared/lookahead';
import { Parent } from '../../shared/parent';
import { Permission } from '../identity';
import { Indicator } from '../indicator';
import { AddTargetIndicatorInput, TargetIndicatorListArgs, UpdateTargetIndicatorInput } from './target.inputs';
import { targetReads } from './target.reads';
import { targetService } from './target.service';
import { PerformanceTarget, TargetIndicator, TargetIndicatorList } from './target.types';

/** The version number needs none of the indicator's lazy columns. */
const NO_LAZY_FIELDS: ReadonlySet<string> = new Set();

@Resolver(() => TargetIndicator)
export class TargetIndicatorResolver {
  @Authorized(Permission.ReadProject)
  @Query(() => TargetIndicator, {
    nullable: true,
    description: 'One target row by id; NOT_FOUND if it does not exist or its target is outside your scope.',
  })
  targetIndicator(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the row.' }) id: string) {
    return targetReads.targetIndicatorOr404(ctx, id);
  }

  @Authorized(Permission.ReadProject)
  @Query(() => TargetIndicatorList, { description: 'Rows of target tables (绩效指标表).' })
  targetIndicators(@Ctx() ctx: Context, @Args() args: TargetIndicatorListArgs) {
    return targetReads.targetIndicators(ctx, args);
  }

  @FieldResolver(() => PerformanceTarget, { description: 'The target whose table the row belongs to.' })
  target(@Ctx() ctx: Context, @Parent() r: TargetIndicator) {
    return targetReads.target(ctx, r.targetId);
  }

  @FieldResolver(() => Indicator, { description: 'The library indicator, at the exact version this row used.' })
  indicator(@Ctx() ctx: Context, @Parent() r: TargetIndicator, @Info() info: GraphQLResolveInfo) {
    return targetReads.rowIndicator(ctx, r.indicatorId, fieldsAt(info));
  }

  @FieldResolver(() => Int, { description: 'The version number of the indicator this row used.' })
  indicatorVersion(@Ctx() ctx: Context, @Parent() r: TargetIndicator) {
    return targetReads.indicatorVersion(ctx, r.indicatorId, NO_LAZY_FIELDS);
  }

  @Authorized(Permission.WriteProject)
  @Mutation(() => TargetIndicator, { description: 'Adds a row to a draft target from the indicator library.' })
  addTargetIndicator(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The new row.' }) input: AddTargetIndicatorInput,
  ) {
    return targetService.addRow(ctx, input);
  }

  @Authorized(Permission.WriteProject)
  @Mutation(() => TargetIndicator, { description: 'Changes a row of a draft target.' })
  updateTargetIndicator(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the row.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateTargetIndicatorInput,
  ) {
    return targetService.updateRow(ctx, id, input);
  }

  @Authorized(Permission.WriteProject)
  @Mutation(() => Boolean, { description: 'Removes a row from a draft target.' })
  removeTargetIndicator(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the row.' }) id: string) {
    return targetService.removeRow(ctx, id);
  }
}
