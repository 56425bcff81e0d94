import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../shared/context';
import { Parent } from '../../shared/parent';
import { FinanceDivision, fiscalReads } from '../fiscal';
import { Permission } from '../identity';
import { PerformanceTarget, targetReads } from '../target';
import { TargetReviewListArgs } from './review.inputs';
import { reviewReads } from './review.reads';
import { TargetReview, TargetReviewList } from './review.types';

@Resolver(() => TargetReview)
export class TargetReviewResolver {
  @Authorized(Permission.ReadReviews)
  @Query(() => TargetReview, {
    nullable: true,
    description: 'One target review by id; NOT_FOUND if it does not exist or its target is outside your scope.',
  })
  targetReview(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the review.' }) id: string) {
    return reviewReads.reviewOr404(ctx, id);
  }

  @Authorized(Permission.ReadReviews)
  @Query(() => TargetReviewList, { description: 'Reviews of performance targets (审核意见).' })
  targetReviews(@Ctx() ctx: Context, @Args() args: TargetReviewListArgs) {
    return reviewReads.reviews(ctx, args);
  }

  @FieldResolver(() => PerformanceTarget, { description: 'The target reviewed.' })
  target(@Ctx() ctx: Context, @Parent() r: TargetReview) {
    return targetReads.target(ctx, r.targetId);
  }

  @Authorized(Permission.ReadReviewerIdentity)
  @FieldResolver(() => FinanceDivision, {
    nullable: true,
    description:
      'The finance bureau division that reviewed (支出处室, 评价中心, 预算绩效管理处), if one did. Not public, nor for service accounts.',
  })
  organisation(@Ctx() ctx: Context, @Parent() r: TargetReview) {
    return r.organisationId ? fiscalReads.financeDivision(ctx, r.organisationId) : null;
  }
}

@Resolver(() => PerformanceTarget)
export class TargetReviewsResolver {
  @Authorized(Permission.ReadReviews)
  @FieldResolver(() => [TargetReview], {
    nullable: true,
    description: 'Its reviews (审核意见), in the order they were given. Not public: roles that read reviews.',
  })
  reviews(@Ctx() ctx: Context, @Parent() t: PerformanceTarget) {
    return reviewReads.reviewsOfTarget(ctx, t.id);
  }
}
