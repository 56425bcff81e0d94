import { IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Comparator, IndicatorScope, ValueType, Visibility } from '../indicator';
import { ChangeRequestType } from './admission.enums';

const LONG_TEXT = 2000;

export enum PrecheckDecision {
  PASS = 'PASS',
  RETURN = 'RETURN',
}
registerEnumType(PrecheckDecision, {
  name: 'PrecheckDecision',
  description: 'The department pre-check’s decision (部门预审).',
  valuesConfig: {
    PASS: { description: 'Pass it on to the performance division.' },
    RETURN: { description: 'Return it to the applicant for changes.' },
  },
});

@InputType({
  description:
    'A proposed indicator definition (拟入库指标). For ADMIT the name, scope, category, dimension, comparator and value type are required; for MODIFY (and when editing a request) only the fields that change: a value replaces the field, null clears an optional one (level 2, explanation, calculation method, scoring rule, unit, reference value, data source), an omitted field is kept.',
})
export class IndicatorDefinitionInput {
  @Field({ nullable: true, description: 'Indicator name (指标名称).' })
  @Length(1, 100)
  @IsOptional()
  name?: string;

  @Field(() => IndicatorScope, { nullable: true, description: 'Which library: common, industry or department.' })
  scope?: IndicatorScope;

  @Field(() => ID, { nullable: true, description: 'A category of the same scope and fiscal division.' })
  categoryId?: string;

  @Field(() => ID, { nullable: true, description: 'The level-1 dimension (一级指标).' })
  level1NodeId?: string;

  @Field(() => ID, { nullable: true, description: 'The level-2 dimension (二级指标).' })
  level2NodeId?: string;

  @Field({ nullable: true, description: 'What the indicator measures (指标解释).' })
  @MaxLength(LONG_TEXT)
  explanation?: string;

  @Field({ nullable: true, description: 'How the value is calculated (计算方法).' })
  @MaxLength(LONG_TEXT)
  calculationMethod?: string;

  @Field({ nullable: true, description: 'How points are given or deducted (评（扣）分标准).' })
  @MaxLength(LONG_TEXT)
  scoringRule?: string;

  @Field(() => Comparator, { nullable: true, description: 'Default comparator (计算符号).' })
  defaultComparator?: Comparator;

  @Field({ nullable: true, description: 'Default unit (计量单位); required unless the comparator is QUALITATIVE.' })
  @MaxLength(20)
  defaultUnit?: string;

  @Field(() => ValueType, { nullable: true, description: 'QUALITATIVE exactly when the comparator is QUALITATIVE.' })
  valueType?: ValueType;

  @Field({ nullable: true, description: 'A reference value (参考值).' })
  @MaxLength(100)
  referenceValue?: string;

  @Field({ nullable: true, description: 'Where the actual value comes from (数据来源).' })
  @MaxLength(200)
  dataSource?: string;

  @Field(() => Visibility, { nullable: true, description: 'Who may choose it; PUBLIC when omitted.' })
  visibility?: Visibility;
}

@InputType({ description: 'A new request to admit, modify or retire a library indicator, filed as a DRAFT.' })
export class ProposeIndicatorChangeInput {
  @Field(() => ChangeRequestType, { description: 'Admit (入库), modify (修改) or retire (出库).' })
  type!: ChangeRequestType;

  @Field(() => ID, { nullable: true, description: 'For MODIFY and RETIRE: the published indicator version.' })
  indicatorId?: string;

  @Field(() => IndicatorDefinitionInput, {
    nullable: true,
    description: 'ADMIT: the full definition; MODIFY: the fields that change; RETIRE: omit.',
  })
  @ValidateNested()
  definition?: IndicatorDefinitionInput;

  @Field({ description: 'Why the change is needed (申请理由).' })
  @Length(1, 2000)
  reason!: string;

  @Field({ nullable: true, description: 'A project that would use it (示例项目).' })
  @MaxLength(200)
  exampleProject?: string;
}

@InputType({ description: 'Changes to a DRAFT or RETURNED request; omitted fields stay as they are.' })
export class UpdateIndicatorChangeRequestInput {
  @Field(() => IndicatorDefinitionInput, {
    nullable: true,
    description: 'Fields of the proposed definition to change.',
  })
  @ValidateNested()
  definition?: IndicatorDefinitionInput;

  @Field({ nullable: true, description: 'New reason (申请理由).' })
  @Length(1, 2000)
  @IsOptional()
  reason?: string;

  @Field({ nullable: true, description: 'New example project (示例项目).' })
  @MaxLength(200)
  exampleProject?: string;

  @Field(() => Int, { nullable: true, description: 'The version you loaded; a stale one answers CONFLICT.' })
  version?: number;
}
