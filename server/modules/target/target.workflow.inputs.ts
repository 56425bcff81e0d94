import { ArrayMaxSize, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ReviewCriterion, ReviewDecision } from '../review/review.enums';

const TEXT = 5000;

@InputType({ description: 'A comment on one row of the target table (逐条修改意见).' })
export class RowFeedbackInput {
  @Field(() => ID, { description: 'The row (TargetIndicator) the comment is about; a row of the reviewed target.' })
  targetIndicatorId!: string;

  @Field({ description: 'What to change in that row.' })
  @MaxLength(2000)
  comment!: string;
}

@InputType({ description: 'A reviewer’s score on one criterion (审核要点评分).' })
export class CriterionScoreInput {
  @Field(() => ReviewCriterion, { description: 'The criterion scored.' })
  criterion!: ReviewCriterion;

  @Field(() => Float, { nullable: true, description: 'Points given, 0 to 20; null for a pass/fail criterion.' })
  @Min(0)
  @Max(20)
  score?: number;

  @Field(() => Boolean, { nullable: true, description: 'For a veto criterion (合规性): whether it passed.' })
  passed?: boolean;

  @Field(() => String, { nullable: true, description: 'A comment on this criterion.' })
  @MaxLength(2000)
  comment?: string;
}

@InputType({
  description:
    'A verdict at the stage the target is in: the department’s self-review (部门自审), one half of the dual initial review (双初审: the stage follows your role, EXPENDITURE_REVIEWER → expenditure division, EVALUATION_REVIEWER → evaluation center) or the re-check (复核).',
})
export class ReviewPerformanceTargetInput {
  @Field(() => ID, { description: 'The target reviewed.' })
  targetId!: string;

  @Field(() => Int, { description: 'The version of the target you saw; a stale version is refused with CONFLICT.' })
  @Min(0)
  version!: number;

  @Field(() => ReviewDecision, { description: 'PASS or RETURN (REJECT is not a step of the target review).' })
  decision!: ReviewDecision;

  @Field(() => String, {
    nullable: true,
    description: 'Written feedback (审核意见) to the department; required for RETURN.',
  })
  @MaxLength(TEXT)
  feedback?: string;

  @Field(() => [RowFeedbackInput], { nullable: true, description: 'Comments on individual rows.' })
  @ArrayMaxSize(200)
  @ValidateNested()
  rowFeedback?: RowFeedbackInput[];

  @Field(() => [CriterionScoreInput], {
    nullable: true,
    description: 'Per-criterion scores, where the stage uses them.',
  })
  @ArrayMaxSize(10)
  @ValidateNested()
  scores?: CriterionScoreInput[];

  @Field(() => String, { nullable: true, description: 'A note for the bureau only (not shown to the department).' })
  @MaxLength(TEXT)
  internalNote?: string;
}

@InputType({
  description:
    'The joint review’s rubric: compliance (合规性) is a veto; the five scored criteria give 0–20 points each.',
})
export class JointReviewScoresInput {
  @Field({ description: '合规性: whether the target complies; false grades it 差 whatever the points.' })
  compliance!: boolean;

  @Field(() => Float, { description: '相关性, 0–20.' })
  @Min(0)
  @Max(20)
  relevance!: number;

  @Field(() => Float, { description: '完整性, 0–20.' })
  @Min(0)
  @Max(20)
  completeness!: number;

  @Field(() => Float, { description: '可行性, 0–20.' })
  @Min(0)
  @Max(20)
  feasibility!: number;

  @Field(() => Float, { description: '科学性 (refinement and quantification of the indicators), 0–20.' })
  @Min(0)
  @Max(20)
  soundness!: number;

  @Field(() => Float, { description: '适当性 (money vs target), 0–20.' })
  @Min(0)
  @Max(20)
  appropriateness!: number;
}

@InputType({
  description:
    'The joint review’s grade (集中会审定级): the total gives 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差; a failed compliance gives 差.',
})
export class GradePerformanceTargetInput {
  @Field(() => ID, { description: 'The target graded.' })
  targetId!: string;

  @Field(() => Int, { description: 'The version of the target you saw; a stale version is refused with CONFLICT.' })
  @Min(0)
  version!: number;

  @Field(() => JointReviewScoresInput, { description: 'The scores per criterion.' })
  @ValidateNested()
  scores!: JointReviewScoresInput;

  @Field(() => String, { nullable: true, description: 'The joint review’s written opinion to the department.' })
  @MaxLength(TEXT)
  feedback?: string;

  @Field(() => String, { nullable: true, description: 'A note for the bureau only.' })
  @MaxLength(TEXT)
  internalNote?: string;
}
