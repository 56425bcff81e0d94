/** Review module: reviewers' verdicts on performance targets (审核意见), read side. */
export * from './review.entity';
export * from './review.enums';
export * from './review.inputs';
export { reviewReads, targetReviewTable } from './review.reads';
export { TargetReviewResolver, TargetReviewsResolver } from './review.resolver';
export * from './review.types';

import { TargetReviewResolver, TargetReviewsResolver } from './review.resolver';

export const reviewResolvers = [TargetReviewResolver, TargetReviewsResolver] as const;
