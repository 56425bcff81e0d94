import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ListResult } from '../../shared/list';
import { Money } from '../../shared/scalars';
import { BudgetType } from '../fiscal';
import { FieldRule } from '../identity';
import { BudgetDecision, ProjectAttribute, ProjectPhase } from './project.enums';

registerEnumType(ProjectAttribute, {
  name: 'ProjectAttribute',
  description: 'Whether a project is new this budget round or continues from earlier years (项目属性).',
  valuesConfig: {
    NEW: { description: '新增 new project' },
    CONTINUING: { description: '延续 continuing project' },
  },
});

registerEnumType(ProjectPhase, {
  name: 'ProjectPhase',
  description: 'Where a project stands in the project library (项目库阶段).',
  valuesConfig: {
    CANDIDATE: { description: '储备 candidate: proposed, not yet admitted to the library' },
    ADMITTED: { description: '已入库 admitted to the project library' },
    BUDGETED: { description: '已纳入预算 included in the budget' },
    ENDED: { description: '结束 ended' },
  },
});

registerEnumType(BudgetDecision, {
  name: 'BudgetDecision',
  description: 'What the budget division decided for a project’s money in one year (预算安排结果).',
  valuesConfig: {
    FULL: { description: '全额安排 arranged in full' },
    REDUCED: { description: '核减 reduced: approved below the requested amount' },
    MERGED: { description: '整合 merged into another project (see mergedInto)' },
    DEFERRED: { description: '暂缓 deferred to a later year' },
    CANCELLED: { description: '取消 cancelled' },
  },
});

@ObjectType({
  description:
    'A project in the project library (项目库): what a department wants money for, in one of the four budgets, with its money per fiscal year.',
})
export class Project {
  @Field(() => ID, { description: 'Internal id.' })
  id!: number;

  @Field({ description: 'Fiscal division code (MOF_DIV_CODE) the project belongs to.' })
  fiscalDivisionCode!: string;

  @Field({ description: 'Project code (项目编码), unique in its fiscal division.' })
  code!: string;

  @Field({ description: 'Project name (项目名称), e.g. 城乡最低生活保障资金.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Project category (项目类别), e.g. 特定目标类 or 其他运转类.' })
  category!: string | null;

  @Field(() => ProjectAttribute, { description: 'New (新增) or continuing (延续).' })
  attribute!: ProjectAttribute;

  @Field(() => Int, { description: 'The fiscal year the project starts (起始年度).' })
  startYear!: number;

  @Field(() => Int, { description: 'How many years the project runs (实施期限, years).' })
  termYears!: number;

  @Field(() => BudgetType, { description: 'Which of the four budgets pays for it (预算类型).' })
  budgetType!: BudgetType;

  @Field({ description: 'Whether it is a major policy (重大政策).' })
  majorPolicy!: boolean;

  @Field({ description: 'Whether it is a special fund (专项资金).' })
  specialFund!: boolean;

  @Field({ description: 'Whether it is a transfer payment to districts and counties (转移支付).' })
  transferPayment!: boolean;

  @Field(() => ProjectPhase, { description: 'Library phase: candidate → admitted → budgeted → ended.' })
  phase!: ProjectPhase;

  @Field(() => String, { nullable: true, description: 'Free description of the project (项目概述).' })
  description!: string | null;

  @Field({
    description:
      'Whether the project needs an ex-ante performance assessment (事前绩效评估) before it may be budgeted: true for every NEW major policy or special fund.',
  })
  needsExAnte!: boolean;

  @Field({ description: 'When the record was created.' })
  createdAt!: Date;

  @Field({ description: 'When the record was last changed.' })
  updatedAt!: Date;

  @Field(() => Int, {
    description: 'Changes with every update; send it back with an update so that concurrent edits are refused.',
  })
  version!: number;

  departmentId!: number;
  managingDivisionId!: number | null;
  functionClassCode!: string | null;
  parentId!: number | null;
}

@ObjectType({
  description:
    'A project’s money for one fiscal year (项目预算): requested by the department (申报数), audited by the finance bureau (财政审核数) and approved (批复数), with the budget decision.',
})
export class ProjectBudget {
  @Field(() => ID, { description: 'Internal id.' })
  id!: number;

  @Field({ description: 'Fiscal division code (MOF_DIV_CODE).' })
  fiscalDivisionCode!: string;

  @Field(() => Int, { description: 'The fiscal year (预算年度).' })
  fiscalYear!: number;

  @Field(() => Money, { description: 'Amount the department requested, in yuan (申报数).' })
  requested!: string;

  @Authorized(FieldRule.AuditedAmount)
  @Field(() => Money, {
    nullable: true,
    description:
      'Amount the finance bureau audited, in yuan (财政审核数). Before the budget is approved only bureau roles and the owning department may read it (others get null and FORBIDDEN); once `approved` is set, everyone who sees the row.',
  })
  audited!: string | null;

  @Field(() => Money, { nullable: true, description: 'Amount approved in the budget, in yuan (批复数).' })
  approved!: string | null;

  @Field(() => Money, {
    nullable: true,
    description: 'Amount cut (核减额): requested minus approved, in yuan; empty until an amount is approved.',
  })
  cut!: string | null;

  @Field(() => BudgetDecision, { nullable: true, description: 'The budget decision (预算安排结果), once made.' })
  decision!: BudgetDecision | null;

  @Field(() => String, { nullable: true, description: 'Why the decision was made (安排理由 / 核减理由).' })
  decisionReason!: string | null;

  @Field({ description: 'When the record was created.' })
  createdAt!: Date;

  @Field({ description: 'When the record was last changed.' })
  updatedAt!: Date;

  @Field(() => Int, {
    description: 'Changes with every update; send it back with an update so that concurrent edits are refused.',
  })
  version!: number;

  projectId!: number;
  mergedIntoId!: number | null;
}

@ObjectType({ description: 'A page of projects.' })
export class ProjectList extends ListResult(Project) {}

@ObjectType({ description: 'A page of project budgets.' })
export class ProjectBudgetList extends ListResult(ProjectBudget) {}
