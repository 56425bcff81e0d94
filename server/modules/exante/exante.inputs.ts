import { ArrayMaxSize, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs, SortInput, type SortKey } from '../../shared/list';
import { Decimal } from '../../shared/scalars';
import { ExAnteConclusion, ExAnteStage } from './exante.enums';

const DIVISION_CODE = /^\d{9}$/;
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

export enum ExAnteAssessmentSortField {
  FISCAL_YEAR = 'FISCAL_YEAR',
  TOTAL_SCORE = 'TOTAL_SCORE',
  ASSESSED_AT = 'ASSESSED_AT',
}
registerEnumType(ExAnteAssessmentSortField, { name: 'ExAnteAssessmentSortField' });
export const ExAnteAssessmentSort = SortInput(ExAnteAssessmentSortField, 'ExAnteAssessment');

@InputType({ description: 'Filter for ex-ante assessments; all given conditions must hold.' })
export class ExAnteAssessmentFilter {
  @Field({ nullable: true })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode?: string;

  @Field(() => ID, { nullable: true })
  projectId?: string;

  @Field(() => ID, { nullable: true, description: 'Only assessments of this department’s projects.' })
  departmentId?: string;

  @Field(() => Int, { nullable: true })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  fiscalYear?: number;

  @Field(() => ExAnteStage, { nullable: true })
  stage?: ExAnteStage;

  @Field(() => ExAnteConclusion, { nullable: true })
  conclusion?: ExAnteConclusion;
}

@ArgsType()
export class ExAnteAssessmentListArgs extends PageArgs {
  @Field(() => ExAnteAssessmentFilter, { nullable: true })
  @ValidateNested()
  filter?: ExAnteAssessmentFilter;

  @Field(() => [ExAnteAssessmentSort], { nullable: true })
  @ArrayMaxSize(5)
  sort?: SortKey<ExAnteAssessmentSortField>[];
}

const SCORE_HINT = 'Score 0–20, at most 2 decimals.';

@InputType({
  description:
    'A new ex-ante assessment; one per project, fiscal year and stage. The total and the conclusion are computed.',
})
export class CreateExAnteAssessmentInput {
  @Field(() => ID)
  projectId!: string;

  @Field(() => Int)
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  fiscalYear!: number;

  @Field(() => ExAnteStage)
  stage!: ExAnteStage;

  @Field({ nullable: true })
  @Length(1, 100)
  assessor?: string;

  @Field(() => Decimal, { description: `立项必要性. ${SCORE_HINT}` })
  necessityScore!: string;

  @Field(() => Decimal, { description: `投入经济性. ${SCORE_HINT}` })
  economyScore!: string;

  @Field(() => Decimal, { description: `绩效目标合理性. ${SCORE_HINT}` })
  targetReasonablenessScore!: string;

  @Field(() => Decimal, { description: `实施方案可行性. ${SCORE_HINT}` })
  feasibilityScore!: string;

  @Field(() => Decimal, { description: `筹资合规性. ${SCORE_HINT}` })
  fundingComplianceScore!: string;

  @Field({ nullable: true })
  @MaxLength(4000)
  summary?: string;

  @Field({ nullable: true, description: 'When it was assessed; default now.' })
  assessedAt?: Date;
}

@InputType({ description: 'Changes to an ex-ante assessment; the total and the conclusion are recomputed.' })
export class UpdateExAnteAssessmentInput {
  @Field(() => Int, { nullable: true })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  fiscalYear?: number;

  @Field(() => ExAnteStage, { nullable: true })
  stage?: ExAnteStage;

  @Field(() => String, { nullable: true })
  @Length(1, 100)
  assessor?: string | null;

  @Field(() => Decimal, { nullable: true })
  necessityScore?: string;

  @Field(() => Decimal, { nullable: true })
  economyScore?: string;

  @Field(() => Decimal, { nullable: true })
  targetReasonablenessScore?: string;

  @Field(() => Decimal, { nullable: true })
  feasibilityScore?: string;

  @Field(() => Decimal, { nullable: true })
  fundingComplianceScore?: string;

  @Field(() => String, { nullable: true })
  @MaxLength(4000)
  summary?: string | null;

  @Field({ nullable: true })
  assessedAt?: Date;
}
