import { ArrayMaxSize, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs, SortInput, type SortKey } from '../../shared/list';
import { Decimal, Money } from '../../shared/scalars';
import { BudgetType } from '../fiscal';
import { Comparator } from '../indicator';
import { Grade, TargetKind, TargetPeriod, TargetStatus } from './target.enums';

const DIVISION_CODE = /^\d{9}$/;
const GOAL_LENGTH = 5000;

// ---- Performance targets ----

export enum PerformanceTargetSortField {
  FISCAL_YEAR = 'FISCAL_YEAR',
  STATUS = 'STATUS',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  FUNDS = 'FUNDS',
}
registerEnumType(PerformanceTargetSortField, {
  name: 'PerformanceTargetSortField',
  description: 'What a list of performance targets can be sorted by.',
  valuesConfig: {
    FISCAL_YEAR: { description: 'Sort by the fiscal year.' },
    STATUS: { description: 'Sort by the status, in review order (draft first).' },
    CREATED_AT: { description: 'Sort by when the target was created.' },
    UPDATED_AT: { description: 'Sort by when the target was last changed.' },
    FUNDS: { description: 'Sort by the funds (资金总额).' },
  },
});
export const PerformanceTargetSort = SortInput(PerformanceTargetSortField, 'PerformanceTarget');

@InputType({ description: 'Filter for performance targets; all given conditions must hold.' })
export class PerformanceTargetFilter {
  @Field({ nullable: true, description: 'Only targets of this fiscal division (9-digit MOF_DIV_CODE).' })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode?: string;

  @Field(() => [ID], { nullable: true, description: 'Only these targets.' })
  @ArrayMaxSize(200)
  ids?: string[];

  @Field(() => TargetKind, { nullable: true, description: 'Only targets of this kind.' })
  kind?: TargetKind;

  @Field(() => TargetStatus, { nullable: true, description: 'Only targets in this state.' })
  status?: TargetStatus;

  @Field(() => [TargetStatus], { nullable: true, description: 'Any of these states.' })
  @ArrayMaxSize(20)
  statuses?: TargetStatus[];

  @Field(() => ID, { nullable: true, description: 'Only the targets of this department.' })
  departmentId?: string;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'With departmentId: also the targets of its child units (下属单位).',
  })
  includeChildUnits?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only the targets of this project (its regional shares included).' })
  projectId?: string;

  @Field(() => Int, { nullable: true, description: 'Only targets for this fiscal year.' })
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @Field(() => Grade, { nullable: true, description: 'Only targets with this grade (评审等级).' })
  grade?: Grade;

  @Field(() => BudgetType, { nullable: true, description: 'Only targets of projects in this budget (四本预算).' })
  budgetType?: BudgetType;

  @Field(() => ID, { nullable: true, description: 'Only the regional shares of this city-level transfer target.' })
  parentId?: string;

  @Field({ nullable: true, description: 'Text contained in the project name or the department name (Chinese too).' })
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class PerformanceTargetListArgs extends PageArgs {
  @Field(() => PerformanceTargetFilter, { nullable: true, description: 'Which targets to return; all when omitted.' })
  @ValidateNested()
  filter?: PerformanceTargetFilter;

  @Field(() => [PerformanceTargetSort], {
    nullable: true,
    description: 'Sort keys, at most 5; newest fiscal year first when omitted.',
  })
  @ArrayMaxSize(5)
  sort?: SortKey<PerformanceTargetSortField>[];
}

@InputType({
  description:
    'A new performance target. PROJECT needs projectId; DEPARTMENT needs departmentId; TRANSFER_REGIONAL needs parentTargetId and regionCode.',
})
export class CreatePerformanceTargetInput {
  @Field(() => TargetKind, {
    description: 'Project, department-wide or regional share; it decides which of the ids below are needed.',
  })
  kind!: TargetKind;

  @Field(() => Int, { description: 'The fiscal year; a regional share has its parent’s year.' })
  @Min(2000)
  @Max(2100)
  fiscalYear!: number;

  @Field(() => ID, {
    nullable: true,
    description: 'For a PROJECT target: the project (its department owns the target).',
  })
  projectId?: string;

  @Field(() => ID, { nullable: true, description: 'For a DEPARTMENT target: the department.' })
  departmentId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'For a TRANSFER_REGIONAL share: the city-level PROJECT target of a transfer-payment project.',
  })
  parentTargetId?: string;

  @Field({
    nullable: true,
    description: 'For a TRANSFER_REGIONAL share: the district or county (a child of the parent target’s division).',
  })
  @Matches(DIVISION_CODE, { message: 'regionCode must be a 9-digit division code' })
  regionCode?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The indicator framework; by default the default framework for the target’s kind and year.',
  })
  frameworkId?: string;

  @Field({ nullable: true, description: '总体目标.' })
  @MaxLength(GOAL_LENGTH)
  overallGoal?: string;

  @Field({ nullable: true, description: '年度目标.' })
  @MaxLength(GOAL_LENGTH)
  annualGoal?: string;

  @Field(() => Money, { description: 'Funds in yuan, 0 or more.' })
  funds!: string;

  @Field({ nullable: true, description: 'Implementation measures.' })
  @MaxLength(GOAL_LENGTH)
  measures?: string;
}

@InputType({ description: 'Changes to a draft target; omitted fields stay as they are, null clears measures.' })
export class UpdatePerformanceTargetInput {
  @Field(() => Int, {
    nullable: true,
    description: 'The version you loaded; if someone changed the target since, the update is refused (CONFLICT).',
  })
  version?: number;

  @Field({ nullable: true, description: 'New overall goal (总体目标).' })
  @MaxLength(GOAL_LENGTH)
  overallGoal?: string;

  @Field({ nullable: true, description: 'New annual goal (年度目标).' })
  @MaxLength(GOAL_LENGTH)
  annualGoal?: string;

  @Field(() => Money, { nullable: true, description: 'New funds in yuan (资金总额), 0 or more.' })
  funds?: string;

  @Field(() => String, { nullable: true, description: 'New implementation measures (实施保障措施); null clears them.' })
  @MaxLength(GOAL_LENGTH)
  measures?: string | null;

  @Field(() => ID, { nullable: true, description: 'Another indicator framework (指标体系) for the target.' })
  frameworkId?: string;
}

// ---- Target rows ----

export enum TargetIndicatorSortField {
  SORT_ORDER = 'SORT_ORDER',
  WEIGHT = 'WEIGHT',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(TargetIndicatorSortField, {
  name: 'TargetIndicatorSortField',
  description: 'What a list of target rows can be sorted by.',
  valuesConfig: {
    SORT_ORDER: { description: 'Sort by the position of the row in its table.' },
    WEIGHT: { description: 'Sort by the weight (权重).' },
    CREATED_AT: { description: 'Sort by when the row was added.' },
  },
});
export const TargetIndicatorSort = SortInput(TargetIndicatorSortField, 'TargetIndicator');

@InputType({ description: 'Filter for target rows; all given conditions must hold.' })
export class TargetIndicatorFilter {
  @Field(() => ID, { nullable: true, description: 'Only the rows of this target.' })
  targetId?: string;

  @Field(() => ID, { nullable: true, description: 'Rows that use this indicator version.' })
  indicatorId?: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'Rows that use any of these indicator versions (at most 100), e.g. every version of one code.',
  })
  @ArrayMaxSize(100)
  indicatorIds?: string[];

  @Field(() => Comparator, { nullable: true, description: 'Only rows with this comparator (计算符号).' })
  comparator?: Comparator;
}

@ArgsType()
export class TargetIndicatorListArgs extends PageArgs {
  @Field(() => TargetIndicatorFilter, { nullable: true, description: 'Which rows to return; all when omitted.' })
  @ValidateNested()
  filter?: TargetIndicatorFilter;

  @Field(() => [TargetIndicatorSort], {
    nullable: true,
    description: 'Sort keys, at most 5; by target, then position, when omitted.',
  })
  @ArrayMaxSize(5)
  sort?: SortKey<TargetIndicatorSortField>[];
}

@InputType({
  description:
    'A new row of a draft target, choosing a published library indicator (先入库、后使用). Comparator and unit default to the indicator’s.',
})
export class AddTargetIndicatorInput {
  @Field(() => ID, { description: 'The draft target to add the row to.' })
  targetId!: string;

  @Field(() => ID, { description: 'The indicator version to use (a PUBLISHED, enabled one).' })
  indicatorId!: string;

  @Field(() => TargetPeriod, {
    nullable: true,
    defaultValue: TargetPeriod.ANNUAL,
    description: 'Whole-term (总体) or annual (年度); ANNUAL when omitted.',
  })
  period?: TargetPeriod;

  @Field(() => Comparator, {
    nullable: true,
    description: 'Comparator (计算符号); the indicator’s default when omitted.',
  })
  comparator?: Comparator;

  @Field({ description: 'The value, e.g. "62000", "62,000", "95.5", "100%" or, if qualitative, a statement.' })
  @Length(1, 200)
  targetValue!: string;

  @Field({
    nullable: true,
    description:
      'Unit of measure (计量单位); the indicator’s default when omitted. Required unless the comparator is QUALITATIVE.',
  })
  @MaxLength(20)
  unit?: string;

  @Field(() => Decimal, { nullable: true, description: '0 to 100.' })
  weight?: string;

  @Field({ nullable: true, description: 'Basis for the value (指标值设定依据).' })
  @MaxLength(GOAL_LENGTH)
  valueBasis?: string;

  @Field({ nullable: true, description: 'Remark (备注).' })
  @MaxLength(GOAL_LENGTH)
  note?: string;

  @Field(() => Int, { nullable: true, description: 'Position; by default after the last row.' })
  @Min(0)
  @Max(32767)
  sortOrder?: number;
}

@InputType({ description: 'Changes to a row of a draft target; omitted fields stay as they are, null clears.' })
export class UpdateTargetIndicatorInput {
  @Field(() => TargetPeriod, { nullable: true, description: 'Whole-term (总体) or annual (年度).' })
  period?: TargetPeriod;

  @Field(() => Comparator, { nullable: true, description: 'New comparator (计算符号).' })
  comparator?: Comparator;

  @Field({ nullable: true, description: 'New target value (指标值), as in AddTargetIndicatorInput.targetValue.' })
  @Length(1, 200)
  targetValue?: string;

  @Field(() => String, {
    nullable: true,
    description: 'New unit (计量单位); null clears it, which only a QUALITATIVE row allows.',
  })
  @MaxLength(20)
  unit?: string | null;

  @Field(() => Decimal, { nullable: true, description: 'New weight (权重), 0 to 100; null clears it.' })
  weight?: string | null;

  @Field(() => String, { nullable: true, description: 'New basis for the value (指标值设定依据); null clears it.' })
  @MaxLength(GOAL_LENGTH)
  valueBasis?: string | null;

  @Field(() => String, { nullable: true, description: 'New remark (备注); null clears it.' })
  @MaxLength(GOAL_LENGTH)
  note?: string | null;

  @Field(() => Int, { nullable: true, description: 'New position of the row in its table.' })
  @Min(0)
  @Max(32767)
  sortOrder?: number;
}
