import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../shared/context';
import { FinanceDivision, fiscalReads } from '../fiscal';
import { PerformanceTarget, targetReads } from '../target';
import { TargetReviewListArgs } from './review.inputs';
import { reviewReads } from './review.reads';
import { TargetReview, TargetReviewList } from './review.types';

@Resolver(() => TargetReview)
export class TargetReviewResolver {
  @Query(() => TargetReview, { nullable: true, description: 'One target review by id.' })
  targetReview(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the review.' }) id: string) {
    return reviewReads.review(ctx, id);
  }

  @Query(() => TargetReviewList, { description: 'Reviews of performance targets (审核意见).' })
  targetReviews(@Ctx() ctx: Context, @Args() args: TargetReviewListArgs) {
    return reviewReads.reviews(ctx, args);
  }

  @FieldResolver(() => PerformanceTarget, { description: 'The target reviewed.' })
  target(@Ctx() ctx: Context, @Root() r: TargetReview) {
    return targetReads.target(ctx, r.targetId);
  }

  @FieldResolver(() => FinanceDivision, {
    nullable: true,
    description: 'The finance bureau division that reviewed (支出处室, 评价中心, 预算绩效管理处), if one did.',
  })
  organisation(@Ctx() ctx: Context, @Root() r: TargetReview) {
    return r.organisationId ? fiscalReads.financeDivision(ctx, r.organisationId) : null;
  }
}

@Resolver(() => PerformanceTarget)
export class TargetReviewsResolver {
  @FieldResolver(() => [TargetReview], { description: 'Its reviews (审核意见), in the order they were given.' })
  reviews(@Ctx() ctx: Context, @Root() t: PerformanceTarget) {
    return reviewReads.reviewsOfTarget(ctx, t.id);
  }
}
