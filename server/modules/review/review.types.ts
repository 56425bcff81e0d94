import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ListResult } from '../../shared/list';
import { Decimal } from '../../shared/scalars';
import { FieldRule, Permission } from '../identity';
import { Grade, TargetStatus } from '../target';
import { ReviewCriterion, ReviewDecision, ReviewStage } from './review.enums';

registerEnumType(ReviewStage, {
  name: 'ReviewStage',
  description: 'The review stage a target review belongs to.',
  valuesConfig: {
    DEPARTMENT: { description: '部门自审 self-review by the department' },
    INITIAL_EXPENDITURE: { description: '支出处室初审 initial review by the expenditure division' },
    INITIAL_EVALUATION: { description: '评价中心初审 initial review by the evaluation center' },
    RECHECK: { description: '复核 recheck by the budget performance management division' },
    JOINT: { description: '集中会审 joint review' },
  },
});

registerEnumType(ReviewDecision, {
  name: 'ReviewDecision',
  description: 'What a reviewer decided.',
  valuesConfig: {
    PASS: { description: '通过 pass to the next stage' },
    RETURN: { description: '退回修改 return to the department for revision, with written feedback' },
    REJECT: { description: '不予通过 reject' },
  },
});

registerEnumType(ReviewCriterion, {
  name: 'ReviewCriterion',
  description: 'Joint-review criteria (审核要点).',
  valuesConfig: {
    COMPLIANCE: { description: '合规性 compliance (a veto: pass or fail)' },
    RELEVANCE: { description: '相关性 relevance' },
    COMPLETENESS: { description: '完整性 completeness' },
    FEASIBILITY: { description: '可行性 feasibility' },
    SOUNDNESS: { description: '科学性 soundness: refinement and quantification of the indicators' },
    APPROPRIATENESS: { description: '适当性 appropriateness of the money to the target' },
  },
});

@ObjectType({ description: 'A reviewer’s score on one criterion (审核要点评分).' })
export class CriterionScore {
  @Field(() => ReviewCriterion, { description: 'The criterion scored (审核要点).' })
  criterion!: ReviewCriterion;

  @Field(() => Decimal, {
    nullable: true,
    description: 'Points given, e.g. "18.5" of 20; null for a pass/fail criterion.',
  })
  score!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'For a veto criterion (合规性): whether it passed.' })
  passed!: boolean | null;

  @Field(() => String, { nullable: true, description: 'The reviewer’s comment on this criterion.' })
  comment!: string | null;
}

@ObjectType({ description: 'Written feedback on one row of the target table (逐条修改意见).' })
export class RowFeedback {
  @Field(() => ID, { description: 'The target row (TargetIndicator) the comment is about.' })
  targetIndicatorId!: number;

  @Field({ description: 'What to change in that row (修改意见).' })
  comment!: string;
}

@ObjectType({
  description:
    'One reviewer’s verdict on a performance target at one stage (审核意见): scores, decision, written feedback and grade proposal.',
})
export class TargetReview {
  @Field(() => ID, { description: 'Internal id.' })
  id!: number;

  @Field({ description: 'Fiscal division code (MOF_DIV_CODE).' })
  fiscalDivisionCode!: string;

  @Field(() => ReviewStage, { description: 'The stage the verdict was given at.' })
  stage!: ReviewStage;

  @Field(() => Int, { description: 'The review round (审核轮次) the verdict belongs to; it grows with every return.' })
  round!: number;

  @Authorized(Permission.ReadReviewerIdentity)
  @Field(() => String, {
    nullable: true,
    description: 'Reviewer’s name (审核人). Not public, nor for service accounts.',
  })
  reviewerName!: string;

  @Authorized(Permission.ReadReviewerIdentity)
  @Field(() => String, {
    nullable: true,
    description: 'Reviewing organisation as written, e.g. 人大预工委 or 审计局. Not public, nor for service accounts.',
  })
  organisationName!: string | null;

  @Authorized(FieldRule.ReviewInternals)
  @Field(() => [CriterionScore], {
    nullable: true,
    description: 'Scores per criterion. Bureau roles; observers while the target is in joint review.',
  })
  scores!: CriterionScore[] | null;

  @Authorized(FieldRule.ReviewInternals)
  @Field(() => Decimal, {
    nullable: true,
    description: 'Total score (总分), 0 to 100. Bureau roles; observers while the target is in joint review.',
  })
  totalScore!: string | null;

  @Field(() => ReviewDecision, { description: 'Pass, return for revision or reject.' })
  decision!: ReviewDecision;

  @Field(() => String, { nullable: true, description: 'Written feedback (审核意见) to the department.' })
  feedback!: string | null;

  @Field(() => [RowFeedback], { nullable: true, description: 'Feedback on individual rows of the target table.' })
  rowFeedback!: RowFeedback[] | null;

  @Field(() => Grade, { nullable: true, description: 'The grade the reviewer proposes (建议等级).' })
  gradeProposal!: Grade | null;

  @Authorized(FieldRule.ReviewInternals)
  @Field(() => String, {
    nullable: true,
    description: 'Reviewers’ internal note (内部意见): bureau roles; observers while the target is in joint review.',
  })
  internalNote!: string | null;

  @Field({ description: 'When the verdict was given.' })
  reviewedAt!: Date;

  targetId!: number;
  organisationId!: number | null;
  /** The reviewed target's status, for the field rules (not a GraphQL field). */
  targetStatus!: TargetStatus | null;
}

@ObjectType({ description: 'A page of target reviews.' })
export class TargetReviewList extends ListResult(TargetReview) {}
