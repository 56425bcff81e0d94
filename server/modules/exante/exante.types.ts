import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ListResult } from '../../shared/list';
import { Decimal } from '../../shared/scalars';
import { ExAnteConclusion, ExAnteStage } from './exante.enums';

registerEnumType(ExAnteStage, {
  name: 'ExAnteStage',
  description: 'Who made an ex-ante assessment (事前绩效评估阶段).',
  valuesConfig: {
    SELF: { description: '部门自评 the department’s self-assessment' },
    FINANCE_AUDIT: { description: '财政审核 the finance bureau’s audit of the self-assessment' },
    THIRD_PARTY: { description: '财政/第三方评估 an assessment by the finance bureau or a third party (optional)' },
  },
});

registerEnumType(ExAnteConclusion, {
  name: 'ExAnteConclusion',
  description: 'Conclusion of an ex-ante assessment (评估结论), from its total score and the configured thresholds.',
  valuesConfig: {
    SUPPORT: { description: '建议予以支持 support (default: total ≥ 90)' },
    SUPPORT_AFTER_REVISION: { description: '建议调整完善后予以支持 support after revision (default: 70 to 89.99)' },
    NOT_SUPPORT: { description: '建议不予支持 do not support (default: total < 70)' },
  },
});

@ObjectType({
  description:
    'An ex-ante performance assessment (事前绩效评估) of a project for one fiscal year and stage: five dimensions scored 0–20, their total and the conclusion. Required for every new major policy and special fund (see Project.needsExAnte); any project may have one.',
})
export class ExAnteAssessment {
  @Field(() => ID, { description: 'Internal id.' })
  id!: number;

  @Field({ description: 'Fiscal division code (MOF_DIV_CODE), the project’s.' })
  fiscalDivisionCode!: string;

  @Field(() => Int, { description: 'The fiscal year (预算年度) the assessment is for.' })
  fiscalYear!: number;

  @Field(() => ExAnteStage, {
    description: 'Who assessed: the department itself (自评), the finance audit or a third party.',
  })
  stage!: ExAnteStage;

  @Field(() => String, { nullable: true, description: 'Who assessed: a person or an organisation (评估主体).' })
  assessor!: string | null;

  @Field(() => Decimal, { description: 'Necessity of the project (立项必要性), 0–20.' })
  necessityScore!: string;

  @Field(() => Decimal, { description: 'Economy of the inputs (投入经济性), 0–20.' })
  economyScore!: string;

  @Field(() => Decimal, { description: 'Reasonableness of the performance targets (绩效目标合理性), 0–20.' })
  targetReasonablenessScore!: string;

  @Field(() => Decimal, { description: 'Feasibility of the implementation plan (实施方案可行性), 0–20.' })
  feasibilityScore!: string;

  @Field(() => Decimal, { description: 'Compliance of the funding (筹资合规性), 0–20.' })
  fundingComplianceScore!: string;

  @Field(() => Decimal, { description: 'Total of the five scores, 0–100 (总分).' })
  totalScore!: string;

  @Field(() => ExAnteConclusion, { description: 'The conclusion the total earned when it was scored (评估结论).' })
  conclusion!: ExAnteConclusion;

  @Field(() => String, { nullable: true, description: 'Summary of the findings (评估意见).' })
  summary!: string | null;

  @Field({ description: 'When the assessment was made.' })
  assessedAt!: Date;

  @Field({ description: 'When the record was created.' })
  createdAt!: Date;

  @Field({ description: 'When the record was last changed.' })
  updatedAt!: Date;

  projectId!: number;
}

@ObjectType({ description: 'A page of ex-ante assessments.' })
export class ExAnteAssessmentList extends ListResult(ExAnteAssessment) {}
