import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { FinanceDivisionEntity, FiscalDivisionEntity } from '../fiscal/fiscal.entity';
import { PerformanceTargetEntity } from '../target/target.entity';
import { Grade } from '../target/target.enums';
import { ReviewDecision, ReviewStage } from './review.enums';

export interface CriterionScoreValue {
  criterion: string;
  score?: string | null;
  passed?: boolean | null;
  comment?: string | null;
}

export interface RowFeedbackValue {
  targetIndicatorId: number;
  comment: string;
}

/** One reviewer's verdict on a target at one stage (审核意见): scores, decision, written feedback, grade proposal. */
@Entity({ tableName: 'target_review' })
export class TargetReviewEntity {
  [OptionalProps]?: 'round' | 'reviewedAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => FiscalDivisionEntity, { fieldName: 'fiscal_division_code', index: true })
  fiscalDivision!: Rel<FiscalDivisionEntity>;

  @ManyToOne(() => PerformanceTargetEntity, { index: true, deleteRule: 'cascade' })
  target!: Rel<PerformanceTargetEntity>;

  @Enum({ items: () => ReviewStage })
  @Index()
  stage!: ReviewStage;

  @Property({ type: 'smallint', default: 0 })
  round: number = 0;

  @Property({ length: 50 })
  reviewerName!: string;

  @ManyToOne(() => FinanceDivisionEntity, { nullable: true, index: true })
  organisation?: Rel<FinanceDivisionEntity>;

  @Property({ length: 100, nullable: true })
  organisationName?: string;

  @Property({ type: 'jsonb', nullable: true })
  scores?: CriterionScoreValue[];

  @Property({ type: 'decimal', precision: 5, scale: 2, nullable: true })
  totalScore?: string;

  @Enum({ items: () => ReviewDecision })
  decision!: ReviewDecision;

  @Property({ type: 'text', nullable: true })
  feedback?: string;

  @Property({ type: 'jsonb', nullable: true })
  rowFeedback?: RowFeedbackValue[];

  @Enum({ items: () => Grade, nullable: true })
  gradeProposal?: Grade;

  /** Reviewers' internal note: bureau-only. */
  @Property({ type: 'text', nullable: true })
  internalNote?: string;

  @Property({ type: 'timestamptz' })
  @Index()
  reviewedAt: Date = new Date();
}
