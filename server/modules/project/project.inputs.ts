import { ArrayMaxSize, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs, SortInput, type SortKey } from '../../shared/list';
import { Money } from '../../shared/scalars';
import { BudgetType } from '../fiscal';
import { BudgetDecision, ProjectAttribute, ProjectPhase } from './project.enums';

const DIVISION_CODE = /^\d{9}$/;
/** Money that may not be negative: the Money scalar accepts a sign, budget amounts do not. */
const NON_NEGATIVE_MONEY = /^\d{1,16}(\.\d{1,2})?$/;
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

// ---- Projects ----

export enum ProjectSortField {
  CODE = 'CODE',
  NAME = 'NAME',
  START_YEAR = 'START_YEAR',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(ProjectSortField, {
  name: 'ProjectSortField',
  description: 'What a list of projects can be sorted by.',
  valuesConfig: {
    CODE: { description: 'Sort by the project code.' },
    NAME: { description: 'Sort by the name.' },
    START_YEAR: { description: 'Sort by the start year.' },
    CREATED_AT: { description: 'Sort by when the project was added.' },
  },
});
export const ProjectSort = SortInput(ProjectSortField, 'Project');

@InputType({ description: 'Filter for projects; all given conditions must hold.' })
export class ProjectFilter {
  @Field({ nullable: true, description: 'Only projects of this fiscal division (9-digit MOF_DIV_CODE).' })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode?: string;

  @Field(() => [ID], { nullable: true, description: 'Only these projects.' })
  @ArrayMaxSize(200)
  ids?: string[];

  @Field(() => ID, { nullable: true, description: 'Only projects of this department (预算部门).' })
  departmentId?: string;

  @Field({
    nullable: true,
    description: 'With departmentId: also the projects of its child units (下属单位). Default false.',
  })
  includeChildUnits?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only projects managed by this expenditure division (支出处室).' })
  managingDivisionId?: string;

  @Field(() => BudgetType, { nullable: true, description: 'Only projects in this budget (预算类型).' })
  budgetType?: BudgetType;

  @Field(() => [BudgetType], { nullable: true, description: 'Only projects in one of these budgets.' })
  @ArrayMaxSize(4)
  budgetTypes?: BudgetType[];

  @Field(() => Int, { nullable: true, description: 'Only projects that have a budget row for this fiscal year.' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  fiscalYear?: number;

  @Field(() => ProjectAttribute, { nullable: true, description: 'Only new (新增) or only continuing (延续) projects.' })
  attribute?: ProjectAttribute;

  @Field(() => ProjectPhase, { nullable: true, description: 'Only projects in this library phase.' })
  phase?: ProjectPhase;

  @Field(() => [ProjectPhase], { nullable: true, description: 'Only projects in one of these phases.' })
  @ArrayMaxSize(4)
  phases?: ProjectPhase[];

  @Field({ nullable: true, description: 'Major policies (重大政策) only, or none of them.' })
  majorPolicy?: boolean;

  @Field({ nullable: true, description: 'Special funds (专项资金) only, or none of them.' })
  specialFund?: boolean;

  @Field({ nullable: true, description: 'Transfer payments (转移支付) only, or none of them.' })
  transferPayment?: boolean;

  @Field({
    nullable: true,
    description: 'Projects that need an ex-ante assessment (事前绩效评估), or those that do not.',
  })
  needsExAnte?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only the second-level items (二级项目) of this policy project.' })
  parentId?: string;

  @Field({ nullable: true, description: 'Text contained in the code or name (Chinese too).' })
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class ProjectListArgs extends PageArgs {
  @Field(() => ProjectFilter, { nullable: true, description: 'Which projects to return; all when omitted.' })
  @ValidateNested()
  filter?: ProjectFilter;

  @Field(() => [ProjectSort], { nullable: true, description: 'Sort keys, at most 5; by code when omitted.' })
  @ArrayMaxSize(5)
  sort?: SortKey<ProjectSortField>[];
}

@InputType({ description: 'A new project in the project library.' })
export class CreateProjectInput {
  @Field({ description: 'The fiscal division (9-digit MOF_DIV_CODE) it belongs to.' })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode!: string;

  @Field({ description: 'Project code, unique in the fiscal division.' })
  @Length(1, 40)
  code!: string;

  @Field({ description: 'Project name (项目名称).' })
  @Length(1, 200)
  name!: string;

  @Field(() => ID, { description: 'The department that carries out the project; same fiscal division.' })
  departmentId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The expenditure division (支出处室) that reviews it; defaults to the department’s managing division.',
  })
  managingDivisionId?: string;

  @Field({ nullable: true, description: 'Project category (项目类别).' })
  @MaxLength(50)
  category?: string;

  @Field(() => ProjectAttribute, { description: 'New (新增) or continuing (延续).' })
  attribute!: ProjectAttribute;

  @Field(() => Int, { description: 'The fiscal year the project starts (起始年度).' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  startYear!: number;

  @Field(() => Int, { nullable: true, defaultValue: 1, description: 'Years the project runs, 1 to 30.' })
  @Min(1)
  @Max(30)
  termYears?: number;

  @Field({ nullable: true, description: 'Function class code (支出功能分类), e.g. 20502; it must exist.' })
  @MaxLength(12)
  functionClassCode?: string;

  @Field(() => BudgetType, { description: 'Which of the four budgets pays for it (预算类型).' })
  budgetType!: BudgetType;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Whether it is a major policy (重大政策); false when omitted.',
  })
  majorPolicy?: boolean;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Whether it is a special fund (专项资金); false when omitted.',
  })
  specialFund?: boolean;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Whether it is a transfer payment to districts and counties (转移支付); false when omitted.',
  })
  transferPayment?: boolean;

  @Field(() => ProjectPhase, {
    nullable: true,
    defaultValue: ProjectPhase.CANDIDATE,
    description: 'Library phase; CANDIDATE (储备) when omitted.',
  })
  phase?: ProjectPhase;

  @Field(() => ID, {
    nullable: true,
    description: 'For a second-level item (二级项目): the policy project it belongs to, of the same department.',
  })
  parentId?: string;

  @Field({ nullable: true, description: 'Free description of the project (项目概述).' })
  @MaxLength(4000)
  description?: string;
}

@InputType({ description: 'Changes to a project; omitted fields stay as they are, null clears a link.' })
export class UpdateProjectInput {
  @Field(() => Int, {
    nullable: true,
    description: 'The version you loaded; if someone changed the project since, the update is refused (CONFLICT).',
  })
  version?: number;

  @Field({ nullable: true, description: 'New project code, unique in the fiscal division.' })
  @Length(1, 40)
  code?: string;

  @Field({ nullable: true, description: 'New name.' })
  @Length(1, 200)
  name?: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Moves the project to another department of the same fiscal division; unless managingDivisionId is given, the new department’s managing division takes over.',
  })
  departmentId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The expenditure division (支出处室) that reviews it; null clears it.',
  })
  managingDivisionId?: string | null;

  @Field(() => String, { nullable: true, description: 'Project category (项目类别); null clears it.' })
  @MaxLength(50)
  category?: string | null;

  @Field(() => ProjectAttribute, { nullable: true, description: 'New (新增) or continuing (延续).' })
  attribute?: ProjectAttribute;

  @Field(() => Int, { nullable: true, description: 'New start year (起始年度).' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  startYear?: number;

  @Field(() => Int, { nullable: true, description: 'New term in years (实施期限), 1 to 30.' })
  @Min(1)
  @Max(30)
  termYears?: number;

  @Field(() => String, { nullable: true, description: 'Function class code (支出功能分类); null clears it.' })
  @MaxLength(12)
  functionClassCode?: string | null;

  @Field(() => BudgetType, { nullable: true, description: 'Which of the four budgets pays for it (预算类型).' })
  budgetType?: BudgetType;

  @Field({ nullable: true, description: 'Whether it is a major policy (重大政策).' })
  majorPolicy?: boolean;

  @Field({ nullable: true, description: 'Whether it is a special fund (专项资金).' })
  specialFund?: boolean;

  @Field({ nullable: true, description: 'Whether it is a transfer payment (转移支付).' })
  transferPayment?: boolean;

  @Field(() => ProjectPhase, { nullable: true, description: 'New library phase.' })
  phase?: ProjectPhase;

  @Field(() => ID, {
    nullable: true,
    description: 'The policy project it belongs to (二级项目); null makes it a top-level project.',
  })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: 'New description (项目概述); null clears it.' })
  @MaxLength(4000)
  description?: string | null;
}

// ---- Project budgets ----

export enum ProjectBudgetSortField {
  FISCAL_YEAR = 'FISCAL_YEAR',
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
}
registerEnumType(ProjectBudgetSortField, {
  name: 'ProjectBudgetSortField',
  description: 'What a list of project budgets can be sorted by.',
  valuesConfig: {
    FISCAL_YEAR: { description: 'Sort by the fiscal year.' },
    REQUESTED: { description: 'Sort by the requested amount (申报数).' },
    APPROVED: { description: 'Sort by the approved amount (批复数).' },
  },
});
export const ProjectBudgetSort = SortInput(ProjectBudgetSortField, 'ProjectBudget');

@InputType({ description: 'Filter for project budgets; all given conditions must hold.' })
export class ProjectBudgetFilter {
  @Field({ nullable: true, description: 'Only budgets of this fiscal division (9-digit MOF_DIV_CODE).' })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode?: string;

  @Field(() => ID, { nullable: true, description: 'Only budgets of this project.' })
  projectId?: string;

  @Field(() => ID, { nullable: true, description: 'Only budgets of this department’s projects.' })
  departmentId?: string;

  @Field(() => Int, { nullable: true, description: 'Only budgets of this fiscal year.' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  fiscalYear?: number;

  @Field(() => BudgetDecision, { nullable: true, description: 'Only budgets with this decision.' })
  decision?: BudgetDecision;

  @Field(() => BudgetType, { nullable: true, description: 'Only budgets of projects in this budget.' })
  budgetType?: BudgetType;
}

@ArgsType()
export class ProjectBudgetListArgs extends PageArgs {
  @Field(() => ProjectBudgetFilter, {
    nullable: true,
    description: 'Which project budgets to return; all when omitted.',
  })
  @ValidateNested()
  filter?: ProjectBudgetFilter;

  @Field(() => [ProjectBudgetSort], {
    nullable: true,
    description: 'Sort keys, at most 5; by fiscal year when omitted.',
  })
  @ArrayMaxSize(5)
  sort?: SortKey<ProjectBudgetSortField>[];
}

const moneyMessage = (field: string) =>
  `${field} must be an amount in yuan of at least 0 with at most 2 decimals, such as "1250000.00"`;

@InputType({ description: 'A project’s money for one fiscal year; one per project and year.' })
export class CreateProjectBudgetInput {
  @Field(() => ID, { description: 'The project the money is for.' })
  projectId!: string;

  @Field(() => Int, { description: 'The fiscal year (预算年度).' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  fiscalYear!: number;

  @Field(() => Money, { description: 'Requested amount (申报数), yuan.' })
  @Matches(NON_NEGATIVE_MONEY, { message: moneyMessage('requested') })
  requested!: string;

  @Field(() => Money, {
    nullable: true,
    description: 'Audited amount (财政审核数), yuan; at most the requested amount.',
  })
  @Matches(NON_NEGATIVE_MONEY, { message: moneyMessage('audited') })
  audited?: string;

  @Field(() => Money, { nullable: true, description: 'Approved amount (批复数), yuan; at most the requested amount.' })
  @Matches(NON_NEGATIVE_MONEY, { message: moneyMessage('approved') })
  approved?: string;

  @Field(() => BudgetDecision, { nullable: true, description: 'The budget decision (预算安排结果), if already made.' })
  decision?: BudgetDecision;

  @Field({ nullable: true, description: 'Why the decision was made (安排理由 / 核减理由).' })
  @MaxLength(2000)
  decisionReason?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'For a MERGED decision: the project of the same fiscal division that takes the money over.',
  })
  mergedIntoProjectId?: string;
}

@InputType({ description: 'Changes to a project budget; omitted fields stay as they are, null clears a value.' })
export class UpdateProjectBudgetInput {
  @Field(() => Int, {
    nullable: true,
    description: 'The version you loaded; if someone changed the budget since, the update is refused (CONFLICT).',
  })
  version?: number;

  @Field(() => Money, { nullable: true, description: 'New requested amount (申报数), yuan.' })
  @Matches(NON_NEGATIVE_MONEY, { message: moneyMessage('requested') })
  requested?: string;

  @Field(() => Money, { nullable: true, description: 'New audited amount (财政审核数), yuan; null clears it.' })
  @Matches(NON_NEGATIVE_MONEY, { message: moneyMessage('audited') })
  audited?: string | null;

  @Field(() => Money, { nullable: true, description: 'New approved amount (批复数), yuan; null clears it.' })
  @Matches(NON_NEGATIVE_MONEY, { message: moneyMessage('approved') })
  approved?: string | null;

  @Field(() => BudgetDecision, { nullable: true, description: 'New budget decision (预算安排结果); null clears it.' })
  decision?: BudgetDecision | null;

  @Field(() => String, { nullable: true, description: 'New reason for the decision; null clears it.' })
  @MaxLength(2000)
  decisionReason?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'For a MERGED decision: the project that takes the money over; null clears it.',
  })
  mergedIntoProjectId?: string | null;
}
