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
registerEnumType(ExAnteAssessmentSortField, {
  name: 'ExAnteAssessmentSortField',
  description: 'What a list of ex-ante assessments can be sorted by.',
  valuesConfig: {
    FISCAL_YEAR: { description: 'Sort by the fiscal year.' },
    TOTAL_SCORE: { description: 'Sort by the total score.' },
    ASSESSED_AT: { description: 'Sort by when it was assessed.' },
  },
});
export const ExAnteAssessmentSort = SortInput(ExAnteAssessmentSortField, 'ExAnteAssessment');

@InputType({ description: 'Filter for ex-ante assessments; all given conditions must hold.' })
export class ExAnteAssessmentFilter {
  @Field({ nullable: true, description: 'Only assessments of this fiscal division (9-digit MOF_DIV_CODE).' })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode?: string;

  @Field(() => ID, { nullable: true, description: 'Only assessments of this project.' })
  projectId?: string;

  @Field(() => ID, { nullable: true, description: 'Only assessments of this department’s projects.' })
  departmentId?: string;

  @Field(() => Int, { nullable: true, description: 'Only assessments for this fiscal year.' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  fiscalYear?: number;

  @Field(() => ExAnteStage, { nullable: true, description: 'Only assessments of this stage.' })
  stage?: ExAnteStage;

  @Field(() => ExAnteConclusion, { nullable: true, description: 'Only assessments with this conclusion.' })
  conclusion?: ExAnteConclusion;
}

@ArgsType()
export class ExAnteAssessmentListArgs extends PageArgs {
  @Field(() => ExAnteAssessmentFilter, {
    nullable: true,
    description: 'Which assessments to return; all when omitted.',
  })
  @ValidateNested()
  filter?: ExAnteAssessmentFilter;

  @Field(() => [ExAnteAssessmentSort], {
    nullable: true,
    description: 'Sort keys, at most 5; by fiscal year, then stage, when omitted.',
  })
  @ArrayMaxSize(5)
  sort?: SortKey<ExAnteAssessmentSortField>[];
}

const SCORE_HINT = 'Score 0–20, at most 2 decimals.';

@InputType({
  description:
    'A new ex-ante assessment; one per project, fiscal year and stage. The total and the conclusion are computed.',
})
export class CreateExAnteAssessmentInput {
  @Field(() => ID, { description: 'The assessed project.' })
  projectId!: string;

  @Field(() => Int, { description: 'The fiscal year (预算年度) the assessment is for.' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  fiscalYear!: number;

  @Field(() => ExAnteStage, { description: 'Who assessed: self-assessment, finance audit or third party.' })
  stage!: ExAnteStage;

  @Field({ nullable: true, description: 'Who assessed: a person or an organisation (评估主体).' })
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

  @Field({ nullable: true, description: 'Summary of the findings (评估意见).' })
  @MaxLength(4000)
  summary?: string;

  @Field({ nullable: true, description: 'When it was assessed; default now.' })
  assessedAt?: Date;
}

@InputType({ description: 'Changes to an ex-ante assessment; the total and the conclusion are recomputed.' })
export class UpdateExAnteAssessmentInput {
  @Field(() => Int, { nullable: true, description: 'New fiscal year.' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  fiscalYear?: number;

  @Field(() => ExAnteStage, { nullable: true, description: 'New stage.' })
  stage?: ExAnteStage;

  @Field(() => String, { nullable: true, description: 'Who assessed (评估主体); null clears it.' })
  @Length(1, 100)
  assessor?: string | null;

  @Field(() => Decimal, { nullable: true, description: 'Necessity of the project (立项必要性), 0–20.' })
  necessityScore?: string;

  @Field(() => Decimal, { nullable: true, description: 'Economy of the inputs (投入经济性), 0–20.' })
  economyScore?: string;

  @Field(() => Decimal, {
    nullable: true,
    description: 'Reasonableness of the performance targets (绩效目标合理性), 0–20.',
  })
  targetReasonablenessScore?: string;

  @Field(() => Decimal, {
    nullable: true,
    description: 'Feasibility of the implementation plan (实施方案可行性), 0–20.',
  })
  feasibilityScore?: string;

  @Field(() => Decimal, { nullable: true, description: 'Compliance of the funding (筹资合规性), 0–20.' })
  fundingComplianceScore?: string;

  @Field(() => String, { nullable: true, description: 'New summary (评估意见); null clears it.' })
  @MaxLength(4000)
  summary?: string | null;

  @Field({ nullable: true, description: 'When it was assessed.' })
  assessedAt?: Date;
}
