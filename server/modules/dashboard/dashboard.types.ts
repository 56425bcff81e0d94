import { ArrayMaxSize } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Money } from '../../shared/scalars';
import { ChangeRequestStatus, ChangeRequestStep, ChangeRequestType } from '../admission/admission.enums';
import { ExAnteConclusion, ExAnteStage } from '../exante/exante.enums';
import { BudgetType } from '../fiscal/fiscal.enums';
import { IndicatorScope, IndicatorStatus, ValueType } from '../indicator/indicator.enums';
import { BudgetDecision } from '../project/project.enums';
import { ReviewDecision, ReviewStage } from '../review/review.enums';
import { Grade, TargetKind, TargetStatus } from '../target/target.enums';

/*
 * The aggregates for dashboards share one shape: `<fact>Aggregate(groupBy: [<Fact>Dimension!], filter)` answers
 * `groups` (one per combination of the dimensions' values, each filling the fields of its dimensions) and `total`.
 */

export enum FundsDimension {
  FISCAL_DIVISION = 'FISCAL_DIVISION',
  DEPARTMENT = 'DEPARTMENT',
  BUDGET_TYPE = 'BUDGET_TYPE',
  FISCAL_YEAR = 'FISCAL_YEAR',
  DECISION = 'DECISION',
}
export enum CoverageDimension {
  FISCAL_DIVISION = 'FISCAL_DIVISION',
  DEPARTMENT = 'DEPARTMENT',
  BUDGET_TYPE = 'BUDGET_TYPE',
  FISCAL_YEAR = 'FISCAL_YEAR',
}
export enum TargetDimension {
  FISCAL_DIVISION = 'FISCAL_DIVISION',
  DEPARTMENT = 'DEPARTMENT',
  BUDGET_TYPE = 'BUDGET_TYPE',
  FISCAL_YEAR = 'FISCAL_YEAR',
  KIND = 'KIND',
  STATUS = 'STATUS',
  GRADE = 'GRADE',
}
export enum ReviewDimension {
  FISCAL_DIVISION = 'FISCAL_DIVISION',
  DEPARTMENT = 'DEPARTMENT',
  FISCAL_YEAR = 'FISCAL_YEAR',
  STAGE = 'STAGE',
  DECISION = 'DECISION',
  ROUND = 'ROUND',
}
export enum ExAnteDimension {
  FISCAL_DIVISION = 'FISCAL_DIVISION',
  DEPARTMENT = 'DEPARTMENT',
  BUDGET_TYPE = 'BUDGET_TYPE',
  FISCAL_YEAR = 'FISCAL_YEAR',
  STAGE = 'STAGE',
  CONCLUSION = 'CONCLUSION',
}
export enum LibraryDimension {
  FISCAL_DIVISION = 'FISCAL_DIVISION',
  SCOPE = 'SCOPE',
  CATEGORY = 'CATEGORY',
  LEVEL1 = 'LEVEL1',
  STATUS = 'STATUS',
  VALUE_TYPE = 'VALUE_TYPE',
  INDICATOR = 'INDICATOR',
}
export enum AdmissionDimension {
  FISCAL_DIVISION = 'FISCAL_DIVISION',
  DEPARTMENT = 'DEPARTMENT',
  STATUS = 'STATUS',
  TYPE = 'TYPE',
  STEP = 'STEP',
}

/** What each dimension groups by (one text for the same dimension of every fact). */
const DIMENSIONS: Record<string, string> = {
  FISCAL_DIVISION: '按财政区划 by fiscal division',
  DEPARTMENT: '按预算部门 by department',
  BUDGET_TYPE: '按预算类型 by budget type (of the project)',
  FISCAL_YEAR: '按年度 by fiscal year',
  DECISION: '按决定 by decision',
  KIND: '按目标类型 by target kind',
  STATUS: '按状态 by state',
  GRADE: '按等级 by grade',
  STAGE: '按审核环节 by stage',
  ROUND: '按轮次 by review round',
  CONCLUSION: '按评估结论 by conclusion',
  SCOPE: '按指标范围 by library scope',
  CATEGORY: '按指标分类 by category',
  LEVEL1: '按一级指标 by level-1 dimension',
  VALUE_TYPE: '按指标性质 by value type',
  INDICATOR: '按指标 by indicator version (usage per indicator)',
  TYPE: '按申请类型 by request type',
  STEP: '按审核步骤 by review step',
};

function registerDimension(values: Record<string, string>, name: string, description: string): void {
  registerEnumType(values, {
    name,
    description,
    valuesConfig: Object.fromEntries(Object.keys(values).map((k) => [k, { description: DIMENSIONS[k] ?? k }])),
  });
}

registerDimension(FundsDimension, 'FundsDimension', 'What the funds funnel can be grouped by.');
registerDimension(CoverageDimension, 'CoverageDimension', 'What target coverage can be grouped by.');
registerDimension(TargetDimension, 'TargetDimension', 'What target figures can be grouped by.');
registerDimension(ReviewDimension, 'ReviewDimension', 'What review figures can be grouped by.');
registerDimension(ExAnteDimension, 'ExAnteDimension', 'What ex-ante figures can be grouped by.');
registerDimension(LibraryDimension, 'LibraryDimension', 'What library figures can be grouped by.');
registerDimension(AdmissionDimension, 'AdmissionDimension', 'What admission-queue figures can be grouped by.');

const years = { nullable: true, description: 'Only these fiscal years.' };
const divisions = {
  nullable: true,
  description: 'Only these fiscal divisions (your own and those under it are in scope).',
};
const departments = { nullable: true, description: 'Only these departments.' };

@InputType()
abstract class DivisionFilter {
  @Field(() => [String], divisions)
  @ArrayMaxSize(500)
  fiscalDivisionCodes?: string[] | null;
}

@InputType()
abstract class DepartmentFilter extends DivisionFilter {
  @Field(() => [ID], departments)
  @ArrayMaxSize(500)
  departmentIds?: string[] | null;
}

@InputType()
abstract class YearFilter extends DepartmentFilter {
  @Field(() => [Int], years)
  @ArrayMaxSize(50)
  fiscalYears?: number[] | null;
}

/** The fields a group fills when grouped by FISCAL_DIVISION. */

@ObjectType()
abstract class DivisionGroup {
  @Field(() => String, {
    nullable: true,
    description: 'Grouped by FISCAL_DIVISION: the division (9-digit MOF_DIV_CODE).',
  })
  fiscalDivisionCode!: string | null;
}

/** The fields a group fills when grouped by DEPARTMENT. */

@ObjectType()
abstract class DepartmentGroup extends DivisionGroup {
  @Field(() => ID, { nullable: true, description: 'Grouped by DEPARTMENT: the department.' })
  departmentId!: string | null;

  @Field(() => String, { nullable: true, description: 'Grouped by DEPARTMENT: its code.' })
  departmentCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Grouped by DEPARTMENT: its name.' })
  departmentName!: string | null;
}

@InputType({ description: 'Which budgets the funds funnel counts.' })
export class FundsFilter extends YearFilter {
  @Field(() => [BudgetType], { nullable: true, description: 'Only these budget types.' })
  budgetTypes?: BudgetType[] | null;

  @Field(() => [BudgetDecision], { nullable: true, description: 'Only budgets with these decisions.' })
  decisions?: BudgetDecision[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only decided budgets; false: only undecided ones.' })
  decided?: boolean | null;
}

@ObjectType({ description: 'One group of the funds funnel (资金): requested → audited → approved, and the cut.' })
export class FundsGroup extends DepartmentGroup {
  @Field(() => BudgetType, { nullable: true, description: 'Grouped by BUDGET_TYPE: the budget type.' })
  budgetType!: BudgetType | null;
  @Field(() => Int, { nullable: true, description: 'Grouped by FISCAL_YEAR: the year.' }) fiscalYear!: number | null;
  @Field(() => BudgetDecision, { nullable: true, description: 'Grouped by DECISION: null for undecided budgets.' })
  decision!: BudgetDecision | null;
  @Field(() => Int, { description: 'Budgets (project × year).' }) budgets!: number;
  @Field(() => Money, { description: 'Requested (申报数), yuan.' }) requested!: string;
  @Field(() => Int, { description: 'Budgets with a finance-audited amount.' }) auditedBudgets!: number;
  @Field(() => Money, { description: 'Finance-audited (财政审核数), yuan.' }) audited!: string;
  @Field(() => Int, { description: 'Budgets decided (with an approved amount).' }) decidedBudgets!: number;
  @Field(() => Money, { description: 'Requested by the decided budgets, yuan.' }) decidedRequested!: string;
  @Field(() => Money, { description: 'Approved (批复数), yuan.' }) approved!: string;
  @Field(() => Money, { description: 'Cut (核减): decided requested − approved, yuan.' }) cut!: string;
  @Field(() => Float, { nullable: true, description: 'cut ÷ decided requested (0–1); null with nothing decided.' })
  cutRate!: number | null;
}

@ObjectType({ description: 'The funds funnel: its groups and the total.' })
export class FundsAggregate {
  @Field(() => [FundsGroup], { description: 'One entry per combination of the grouped dimensions’ values.' })
  groups!: FundsGroup[];
  @Field(() => FundsGroup, { description: 'The figures over every group.' }) total!: FundsGroup;
}

@InputType({ description: 'Which project budgets target coverage counts.' })
export class CoverageFilter extends YearFilter {
  @Field(() => [BudgetType], { nullable: true, description: 'Only these budget types.' }) budgetTypes?:
    | BudgetType[]
    | null;
}

@ObjectType({ description: 'Target coverage (目标覆盖): budgets that carry a performance target of their year.' })
export class CoverageGroup extends DepartmentGroup {
  @Field(() => BudgetType, { nullable: true, description: 'Grouped by BUDGET_TYPE: the budget type.' })
  budgetType!: BudgetType | null;
  @Field(() => Int, { nullable: true, description: 'Grouped by FISCAL_YEAR: the year.' }) fiscalYear!: number | null;
  @Field(() => Int, { description: 'Budgets (project × year) counted.' }) budgets!: number;
  @Field(() => Int, { description: 'Of those, budgets whose project has a target of that year.' }) withTarget!: number;
  @Field(() => Float, { nullable: true, description: 'withTarget ÷ budgets (goal: 1).' }) coverage!: number | null;
}

@ObjectType({ description: 'Target coverage: its groups and the total.' })
export class CoverageAggregate {
  @Field(() => [CoverageGroup], { description: 'One entry per combination of the grouped dimensions’ values.' })
  groups!: CoverageGroup[];
  @Field(() => CoverageGroup, { description: 'The figures over every group.' }) total!: CoverageGroup;
}

@InputType({ description: 'Which performance targets are counted.' })
export class TargetAggregateFilter extends YearFilter {
  @Field(() => [BudgetType], { nullable: true, description: 'Only these budget types.' }) budgetTypes?:
    | BudgetType[]
    | null;
  @Field(() => [TargetKind], { nullable: true, description: 'Only targets of these kinds.' }) kinds?:
    | TargetKind[]
    | null;
  @Field(() => [TargetStatus], { nullable: true, description: 'Only these states.' }) statuses?: TargetStatus[] | null;
  @Field(() => [Grade], { nullable: true, description: 'Only these grades.' }) grades?: Grade[] | null;
}

@ObjectType({ description: 'Performance-target figures: grade distribution, first-pass rate, review rounds.' })
export class TargetGroup extends DepartmentGroup {
  @Field(() => BudgetType, { nullable: true, description: 'Null for department-wide targets.' })
  budgetType!: BudgetType | null;
  @Field(() => Int, { nullable: true, description: 'Grouped by FISCAL_YEAR: the year.' }) fiscalYear!: number | null;
  @Field(() => TargetKind, {
    nullable: true,
    description: 'Grouped by KIND: project, department-wide or regional transfer.',
  })
  kind!: TargetKind | null;
  @Field(() => TargetStatus, { nullable: true, description: 'Grouped by STATUS: the state.' })
  status!: TargetStatus | null;
  @Field(() => Grade, { nullable: true, description: 'Grouped by GRADE: the grade (null: not graded).' })
  grade!: Grade | null;
  @Field(() => Int, { description: 'Targets counted.' }) targets!: number;
  @Field(() => Int, { description: 'Targets submitted for review at least once.' }) submitted!: number;
  @Field(() => Int, { description: 'Targets graded in the joint review.' }) graded!: number;
  @Field(() => Int, { description: '优' }) excellent!: number;
  @Field(() => Int, { description: '良' }) good!: number;
  @Field(() => Int, { description: '中' }) fair!: number;
  @Field(() => Int, { description: '差' }) poor!: number;
  @Field(() => Int, { description: 'Graded without ever being returned.' }) firstPass!: number;
  @Field(() => Float, { nullable: true, description: 'firstPass ÷ graded.' }) firstPassRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean returns per submitted target.' })
  averageRounds!: number | null;
  @Field(() => Int, { description: 'Targets approved with their budget.' }) approved!: number;
  @Field(() => Int, { description: 'Targets blocked from budget arrangement.' }) blocked!: number;
}

@ObjectType({ description: 'Performance-target figures: groups and total.' })
export class TargetAggregate {
  @Field(() => [TargetGroup], { description: 'One entry per combination of the grouped dimensions’ values.' })
  groups!: TargetGroup[];
  @Field(() => TargetGroup, { description: 'The figures over every group.' }) total!: TargetGroup;
}

@InputType({ description: 'Which reviews are counted.' })
export class ReviewAggregateFilter extends YearFilter {
  @Field(() => [ReviewStage], { nullable: true, description: 'Only these stages.' }) stages?: ReviewStage[] | null;
  @Field(() => [ReviewDecision], { nullable: true, description: 'Only these decisions.' }) decisions?:
    | ReviewDecision[]
    | null;
}

@ObjectType({ description: 'Review figures: decisions and days per stage.' })
export class ReviewGroup extends DepartmentGroup {
  @Field(() => Int, { nullable: true, description: 'Grouped by FISCAL_YEAR: the year.' }) fiscalYear!: number | null;
  @Field(() => ReviewStage, { nullable: true, description: 'Grouped by STAGE: the stage.' }) stage!: ReviewStage | null;
  @Field(() => ReviewDecision, { nullable: true, description: 'Grouped by DECISION: the decision.' })
  decision!: ReviewDecision | null;
  @Field(() => Int, { nullable: true, description: 'Grouped by ROUND: the review round (0 before any return).' })
  round!: number | null;
  @Field(() => Int, { description: 'Reviews recorded.' }) reviews!: number;
  @Field(() => Int, { description: 'Reviews that passed the target.' }) passed!: number;
  @Field(() => Int, { description: 'Reviews that returned it for revision.' }) returned!: number;
  @Field(() => Int, { description: 'Reviews that rejected it.' }) rejected!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Mean days from the target’s previous review (or its submission) to this one.',
  })
  averageDays!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median of the same days.' }) medianDays!: number | null;
}

@ObjectType({ description: 'Review figures: groups and total.' })
export class ReviewAggregate {
  @Field(() => [ReviewGroup], { description: 'One entry per combination of the grouped dimensions’ values.' })
  groups!: ReviewGroup[];
  @Field(() => ReviewGroup, { description: 'The figures over every group.' }) total!: ReviewGroup;
}

@InputType({ description: 'Which ex-ante assessments are counted.' })
export class ExAnteAggregateFilter extends YearFilter {
  @Field(() => [BudgetType], { nullable: true, description: 'Only these budget types.' }) budgetTypes?:
    | BudgetType[]
    | null;
  @Field(() => [ExAnteStage], { nullable: true, description: 'Only these stages.' }) stages?: ExAnteStage[] | null;
  @Field(() => [ExAnteConclusion], { nullable: true, description: 'Only these conclusions.' }) conclusions?:
    | ExAnteConclusion[]
    | null;
}

@ObjectType({ description: 'Ex-ante assessment figures (事前绩效评估): the conclusion mix.' })
export class ExAnteGroup extends DepartmentGroup {
  @Field(() => BudgetType, { nullable: true, description: 'Grouped by BUDGET_TYPE: the budget type.' })
  budgetType!: BudgetType | null;
  @Field(() => Int, { nullable: true, description: 'Grouped by FISCAL_YEAR: the year.' }) fiscalYear!: number | null;
  @Field(() => ExAnteStage, { nullable: true, description: 'Grouped by STAGE: the stage.' }) stage!: ExAnteStage | null;
  @Field(() => ExAnteConclusion, { nullable: true, description: 'Grouped by CONCLUSION: the conclusion.' })
  conclusion!: ExAnteConclusion | null;
  @Field(() => Int, { description: 'Assessments counted.' }) assessments!: number;
  @Field(() => Int, { description: '建议予以支持 conclusions.' }) support!: number;
  @Field(() => Int, { description: '建议调整完善后予以支持 conclusions.' }) supportAfterRevision!: number;
  @Field(() => Int, { description: '不予支持 conclusions.' }) notSupport!: number;
  @Field(() => Float, { nullable: true, description: 'Mean total score (0–100).' }) averageScore!: number | null;
}

@ObjectType({ description: 'Ex-ante figures: groups and total.' })
export class ExAnteAggregate {
  @Field(() => [ExAnteGroup], { description: 'One entry per combination of the grouped dimensions’ values.' })
  groups!: ExAnteGroup[];
  @Field(() => ExAnteGroup, { description: 'The figures over every group.' }) total!: ExAnteGroup;
}

@InputType({ description: 'Which library indicators are counted.' })
export class LibraryAggregateFilter extends DivisionFilter {
  @Field(() => [IndicatorScope], { nullable: true, description: 'Only these library scopes.' }) scopes?:
    | IndicatorScope[]
    | null;

  @Field(() => [ID], { nullable: true, description: 'Only these categories.' })
  @ArrayMaxSize(500)
  categoryIds?: string[] | null;

  @Field(() => [IndicatorStatus], { nullable: true, description: 'Only these states.' }) statuses?:
    | IndicatorStatus[]
    | null;
  @Field(() => [ValueType], { nullable: true, description: 'Only these value types.' }) valueTypes?: ValueType[] | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only indicators some target row uses; false: never used.',
  })
  used?: boolean | null;
}

@ObjectType({ description: 'Library figures (指标库): composition, usage and quantification.' })
export class LibraryGroup extends DivisionGroup {
  @Field(() => IndicatorScope, { nullable: true, description: 'Grouped by SCOPE: common, industry or department.' })
  scope!: IndicatorScope | null;
  @Field(() => ID, { nullable: true, description: 'Grouped by CATEGORY: the category.' }) categoryId!: string | null;
  @Field(() => String, { nullable: true, description: 'Grouped by CATEGORY: its code.' }) categoryCode!: string | null;
  @Field(() => String, { nullable: true, description: 'Grouped by CATEGORY: its name.' }) categoryName!: string | null;
  @Field(() => ID, { nullable: true, description: 'Grouped by LEVEL1: the level-1 dimension (产出/效益/满意度/成本).' })
  level1Id!: string | null;
  @Field(() => String, { nullable: true, description: 'Grouped by LEVEL1: its name.' }) level1Name!: string | null;
  @Field(() => IndicatorStatus, { nullable: true, description: 'Grouped by STATUS: the state.' })
  status!: IndicatorStatus | null;
  @Field(() => ValueType, { nullable: true, description: 'Grouped by VALUE_TYPE: quantitative or qualitative.' })
  valueType!: ValueType | null;
  @Field(() => ID, { nullable: true, description: 'Grouped by INDICATOR: the indicator version.' }) indicatorId!:
    | string
    | null;
  @Field(() => String, { nullable: true, description: 'Grouped by INDICATOR: its code.' }) indicatorCode!:
    | string
    | null;
  @Field(() => String, { nullable: true, description: 'Grouped by INDICATOR: its name.' }) indicatorName!:
    | string
    | null;
  @Field(() => Int, { nullable: true, description: 'Grouped by INDICATOR: its version number.' }) indicatorVersion!:
    | number
    | null;
  @Field(() => Int, { description: 'Indicator versions counted.' }) indicators!: number;
  @Field(() => Int, { description: 'Indicators used by at least one target row.' }) used!: number;
  @Field(() => Int, { description: 'Indicators no target row uses.' }) neverUsed!: number;
  @Field(() => Int, { description: 'Target rows using them.' }) rows!: number;
  @Field(() => Int, { description: 'Of those rows, the quantified ones (not QUALITATIVE).' }) quantifiedRows!: number;
  @Field(() => Float, { nullable: true, description: 'quantifiedRows ÷ rows.' }) quantifiedRatio!: number | null;
}

@ObjectType({ description: 'Library figures: groups and total.' })
export class LibraryAggregate {
  @Field(() => [LibraryGroup], { description: 'One entry per combination of the grouped dimensions’ values.' })
  groups!: LibraryGroup[];
  @Field(() => LibraryGroup, { description: 'The figures over every group.' }) total!: LibraryGroup;
}

@InputType({ description: 'Which change requests of the admission queue are counted.' })
export class AdmissionAggregateFilter extends DepartmentFilter {
  @Field(() => [ChangeRequestStatus], { nullable: true, description: 'Only these states.' }) statuses?:
    | ChangeRequestStatus[]
    | null;
  @Field(() => [ChangeRequestType], { nullable: true, description: 'Only these request types.' }) types?:
    | ChangeRequestType[]
    | null;
}

@ObjectType({ description: 'Admission-queue figures (入库审核): by status, time to decision, age.' })
export class AdmissionGroup extends DepartmentGroup {
  @Field(() => ChangeRequestStatus, { nullable: true, description: 'Grouped by STATUS: the state.' })
  status!: ChangeRequestStatus | null;
  @Field(() => ChangeRequestType, { nullable: true, description: 'Grouped by TYPE: ADMIT, MODIFY or RETIRE.' })
  type!: ChangeRequestType | null;
  @Field(() => ChangeRequestStep, { nullable: true, description: 'Grouped by STEP: where a request in review waits.' })
  step!: ChangeRequestStep | null;
  @Field(() => Int, { description: 'Change requests counted.' }) requests!: number;
  @Field(() => Int, { description: 'In review now.' }) pending!: number;
  @Field(() => Int, { description: 'Requests decided (approved or rejected).' }) decided!: number;
  @Field(() => Float, { nullable: true, description: 'Mean days from submission to decision.' })
  averageDaysToDecision!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median days from submission to decision.' })
  medianDaysToDecision!: number | null;
  @Field(() => Float, { nullable: true, description: 'Days the oldest request in review has waited.' })
  oldestPendingDays!: number | null;
}

@ObjectType({ description: 'Admission-queue figures: groups and total.' })
export class AdmissionAggregate {
  @Field(() => [AdmissionGroup], { description: 'One entry per combination of the grouped dimensions’ values.' })
  groups!: AdmissionGroup[];
  @Field(() => AdmissionGroup, { description: 'The figures over every group.' }) total!: AdmissionGroup;
}
