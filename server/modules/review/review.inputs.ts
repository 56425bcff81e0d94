import { ArrayMaxSize, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs, SortInput, type SortKey } from '../../shared/list';
import { ReviewDecision, ReviewStage } from './review.enums';

export enum TargetReviewSortField {
  REVIEWED_AT = 'REVIEWED_AT',
  STAGE = 'STAGE',
  ROUND = 'ROUND',
}
registerEnumType(TargetReviewSortField, {
  name: 'TargetReviewSortField',
  description: 'What a list of target reviews can be sorted by.',
  valuesConfig: {
    REVIEWED_AT: { description: 'Sort by when the verdict was given.' },
    STAGE: { description: 'Sort by the stage, in review order (department first).' },
    ROUND: { description: 'Sort by the review round (审核轮次).' },
  },
});
export const TargetReviewSort = SortInput(TargetReviewSortField, 'TargetReview');

@InputType({ description: 'Filter for target reviews; all given conditions must hold.' })
export class TargetReviewFilter {
  @Field(() => ID, { nullable: true, description: 'The reviews of this target.' })
  targetId?: string;

  @Field(() => ReviewStage, { nullable: true, description: 'Only verdicts of this stage.' })
  stage?: ReviewStage;

  @Field(() => ReviewDecision, { nullable: true, description: 'Only verdicts with this decision.' })
  decision?: ReviewDecision;

  @Field(() => Int, { nullable: true, description: 'Only verdicts of this review round (审核轮次).' })
  @Min(0)
  @Max(1000)
  round?: number;

  @Field(() => ID, { nullable: true, description: 'The reviews of this department’s targets.' })
  departmentId?: string;
}

@ArgsType()
export class TargetReviewListArgs extends PageArgs {
  @Field(() => TargetReviewFilter, { nullable: true, description: 'Which reviews to return; all when omitted.' })
  @ValidateNested()
  filter?: TargetReviewFilter;

  @Field(() => [TargetReviewSort], {
    nullable: true,
    description: 'Sort keys, at most 5; newest verdict first when omitted.',
  })
  @ArrayMaxSize(5)
  sort?: SortKey<TargetReviewSortField>[];
}
