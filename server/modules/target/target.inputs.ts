import { ArrayMaxSize, Length, Matches, Max, MaxLength, Min } from 'class-validator';
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
registerEnumType(PerformanceTargetSortField, { name: 'PerformanceTargetSortField' });
export const PerformanceTargetSort = SortInput(PerformanceTargetSortField, 'PerformanceTarget');

@InputType({ description: 'Filter for performance targets; all given conditions must hold.' })
export class PerformanceTargetFilter {
  @Field({ nullable: true })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode?: string;

  @Field(() => [ID], { nullable: true, description: 'Only these targets.' })
  @ArrayMaxSize(200)
  ids?: string[];

  @Field(() => TargetKind, { nullable: true })
  kind?: TargetKind;

  @Field(() => TargetStatus, { nullable: true })
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

  @Field(() => Int, { nullable: true })
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @Field(() => Grade, { nullable: true })
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
  @Field(() => PerformanceTargetFilter, { nullable: true })
  filter?: PerformanceTargetFilter;

  @Field(() => [PerformanceTargetSort], { nullable: true })
  @ArrayMaxSize(5)
  sort?: SortKey<PerformanceTargetSortField>[];
}

@InputType({
  description:
    'A new performance target. PROJECT needs projectId; DEPARTMENT needs departmentId; TRANSFER_REGIONAL needs parentTargetId and regionCode.',
})
export class CreatePerformanceTargetInput {
  @Field(() => TargetKind)
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
  @Field({ nullable: true })
  @MaxLength(GOAL_LENGTH)
  overallGoal?: string;

  @Field({ nullable: true })
  @MaxLength(GOAL_LENGTH)
  annualGoal?: string;

  @Field(() => Money, { nullable: true })
  funds?: string;

  @Field(() => String, { nullable: true })
  @MaxLength(GOAL_LENGTH)
  measures?: string | null;

  @Field(() => ID, { nullable: true })
  frameworkId?: string;
}

// ---- Target rows ----

export enum TargetIndicatorSortField {
  SORT_ORDER = 'SORT_ORDER',
  WEIGHT = 'WEIGHT',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(TargetIndicatorSortField, { name: 'TargetIndicatorSortField' });
export const TargetIndicatorSort = SortInput(TargetIndicatorSortField, 'TargetIndicator');

@InputType({ description: 'Filter for target rows; all given conditions must hold.' })
export class TargetIndicatorFilter {
  @Field(() => ID, { nullable: true })
  targetId?: string;

  @Field(() => ID, { nullable: true, description: 'Rows that use this indicator version.' })
  indicatorId?: string;

  @Field(() => Comparator, { nullable: true })
  comparator?: Comparator;
}

@ArgsType()
export class TargetIndicatorListArgs extends PageArgs {
  @Field(() => TargetIndicatorFilter, { nullable: true })
  filter?: TargetIndicatorFilter;

  @Field(() => [TargetIndicatorSort], { nullable: true })
  @ArrayMaxSize(5)
  sort?: SortKey<TargetIndicatorSortField>[];
}

@InputType({
  description:
    'A new row of a draft target, choosing a published library indicator (先入库、后使用). Comparator and unit default to the indicator’s.',
})
export class AddTargetIndicatorInput {
  @Field(() => ID)
  targetId!: string;

  @Field(() => ID, { description: 'The indicator version to use (a PUBLISHED, enabled one).' })
  indicatorId!: string;

  @Field(() => TargetPeriod, { nullable: true, defaultValue: TargetPeriod.ANNUAL })
  period?: TargetPeriod;

  @Field(() => Comparator, { nullable: true })
  comparator?: Comparator;

  @Field({ description: 'The value, e.g. "62000", "62,000", "95.5", "100%" or, if qualitative, a statement.' })
  @Length(1, 200)
  targetValue!: string;

  @Field({ nullable: true })
  @MaxLength(20)
  unit?: string;

  @Field(() => Decimal, { nullable: true, description: '0 to 100.' })
  weight?: string;

  @Field({ nullable: true })
  @MaxLength(GOAL_LENGTH)
  valueBasis?: string;

  @Field({ nullable: true })
  @MaxLength(GOAL_LENGTH)
  note?: string;

  @Field(() => Int, { nullable: true, description: 'Position; by default after the last row.' })
  @Min(0)
  @Max(32767)
  sortOrder?: number;
}

@InputType({ description: 'Changes to a row of a draft target; omitted fields stay as they are, null clears.' })
export class UpdateTargetIndicatorInput {
  @Field(() => TargetPeriod, { nullable: true })
  period?: TargetPeriod;

  @Field(() => Comparator, { nullable: true })
  comparator?: Comparator;

  @Field({ nullable: true })
  @Length(1, 200)
  targetValue?: string;

  @Field(() => String, { nullable: true })
  @MaxLength(20)
  unit?: string | null;

  @Field(() => Decimal, { nullable: true })
  weight?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(GOAL_LENGTH)
  valueBasis?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(GOAL_LENGTH)
  note?: string | null;

  @Field(() => Int, { nullable: true })
  @Min(0)
  @Max(32767)
  sortOrder?: number;
}
