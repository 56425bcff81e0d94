import { ArrayMaxSize, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs, SortInput, type SortKey } from '../../shared/list';
import { ReviewDecision, ReviewStage } from './review.enums';

export enum TargetReviewSortField {
  REVIEWED_AT = 'REVIEWED_AT',
  STAGE = 'STAGE',
  ROUND = 'ROUND',
}
registerEnumType(TargetReviewSortField, { name: 'TargetReviewSortField' });
export const TargetReviewSort = SortInput(TargetReviewSortField, 'TargetReview');

@InputType({ description: 'Filter for target reviews; all given conditions must hold.' })
export class TargetReviewFilter {
  @Field(() => ID, { nullable: true, description: 'The reviews of this target.' })
  targetId?: string;

  @Field(() => ReviewStage, { nullable: true })
  stage?: ReviewStage;

  @Field(() => ReviewDecision, { nullable: true })
  decision?: ReviewDecision;

  @Field(() => Int, { nullable: true })
  @Min(0)
  @Max(1000)
  round?: number;

  @Field(() => ID, { nullable: true, description: 'The reviews of this department’s targets.' })
  departmentId?: string;
}

@ArgsType()
export class TargetReviewListArgs extends PageArgs {
  @Field(() => TargetReviewFilter, { nullable: true })
  filter?: TargetReviewFilter;

  @Field(() => [TargetReviewSort], { nullable: true })
  @ArrayMaxSize(5)
  sort?: SortKey<TargetReviewSortField>[];
}
