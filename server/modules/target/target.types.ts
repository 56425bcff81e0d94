import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ListResult } from '../../shared/list';
import { Decimal, Money } from '../../shared/scalars';
import { Permission } from '../identity';
import { Comparator } from '../indicator';
import { Grade, TargetKind, TargetPeriod, TargetStatus } from './target.enums';

registerEnumType(TargetKind, {
  name: 'TargetKind',
  description: 'What a performance target is about.',
  valuesConfig: {
    PROJECT: { description: '项目绩效目标 the target of one project' },
    DEPARTMENT: { description: '部门整体绩效目标 the department-wide target of a budget department' },
    TRANSFER_REGIONAL: {
      description:
        '转移支付区域绩效目标 a district’s share of a special transfer payment, child of the city-level target',
    },
  },
});

registerEnumType(TargetStatus, {
  name: 'TargetStatus',
  description: 'Where a performance target stands in its review (绩效目标审核流程).',
  valuesConfig: {
    DRAFT: { description: '草稿 being written by the department; the only state in which it can be edited' },
    DEPARTMENT_REVIEW: { description: '部门自审 self-review by the department' },
    INITIAL_REVIEW: { description: '双初审 initial review by the expenditure division and the evaluation center' },
    RECHECK: { description: '复核 recheck by the budget performance management division' },
    JOINT_REVIEW: { description: '集中会审 joint review with People’s Congress and audit observers' },
    GRADED: { description: '已定级 graded after the joint review' },
    READY_FOR_BUDGET: { description: '待纳入预算 ready to be arranged in the budget' },
    BLOCKED: { description: '不予安排 no budget arrangement (graded 差, or ex-ante assessment missing or negative)' },
    APPROVED: { description: '已批复 approved together with the budget (四个同步)' },
  },
});

registerEnumType(Grade, {
  name: 'Grade',
  description: 'Review grade of a performance target (评审等级), bands 90 / 80 / 60.',
  valuesConfig: {
    EXCELLENT: { description: '优 excellent: budget arrangement' },
    GOOD: { description: '良 good: the bureau refines it, then budget arrangement' },
    FAIR: { description: '中 fair: the department revises and resubmits' },
    POOR: { description: '差 poor: no budget arrangement' },
  },
});

registerEnumType(TargetPeriod, {
  name: 'TargetPeriod',
  description: 'Whether a target row states the whole-term or the annual target.',
  valuesConfig: {
    TOTAL: { description: '总体 whole-term target' },
    ANNUAL: { description: '年度 annual target' },
  },
});

@ObjectType({
  description:
    'A performance target (绩效目标) for one fiscal year: of a project, of a whole department (部门整体), or a district’s share of a special transfer payment.',
})
export class PerformanceTarget {
  @Field(() => ID, { description: 'Internal id.' })
  id!: number;

  @Field({ description: 'Fiscal division code (MOF_DIV_CODE); for a regional share, the city’s code (see region).' })
  fiscalDivisionCode!: string;

  @Field(() => TargetKind, {
    description: 'Project (项目), whole department (部门整体) or a district’s share of a transfer payment.',
  })
  kind!: TargetKind;

  @Field(() => Int, { description: 'The fiscal year (预算年度) the target is set for.' })
  fiscalYear!: number;

  @Field({
    description:
      'Overall goal (总体目标); for a department target, its medium- and long-term strategic goals (中长期战略目标).',
  })
  overallGoal!: string;

  @Field({ description: 'Annual goal (年度目标); for a department target, its annual duty goals (年度履职目标).' })
  annualGoal!: string;

  @Field(() => Money, { description: 'Funds the target covers, in yuan (资金总额).' })
  funds!: string;

  @Field(() => String, { nullable: true, description: 'Implementation measures (实施保障措施).' })
  measures!: string | null;

  @Authorized(Permission.ReadReviews)
  @Field(() => TargetStatus, {
    nullable: true,
    description:
      'Where it stands in the review, from draft (草稿) to approved with the budget (已批复). Not public: roles that read reviews.',
  })
  status!: TargetStatus;

  @Field(() => Grade, { nullable: true, description: 'Grade given in the joint review (评审等级), once graded.' })
  grade!: Grade | null;

  @Authorized(Permission.ReadReviews)
  @Field(() => Int, {
    nullable: true,
    description: 'How many times the target was returned for revision (审核轮次). Not public: roles that read reviews.',
  })
  reviewRound!: number;

  @Field({
    description: 'Whether the target goes to the People’s Congress with the draft budget (随预算草案报送人大).',
  })
  submitToCongress!: boolean;

  @Authorized(Permission.ReadReviews)
  @Field(() => Date, {
    nullable: true,
    description: 'When the department last submitted it for review. Not public: roles that read reviews.',
  })
  submittedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was approved with the budget.' })
  approvedAt!: Date | null;

  @Field({ description: 'When the record was created.' })
  createdAt!: Date;

  @Field({ description: 'When the record was last changed.' })
  updatedAt!: Date;

  @Field(() => Int, {
    description:
      'Grows with every change to the target or its rows; pass it back to update or delete to refuse stale edits.',
  })
  version!: number;

  projectId!: number | null;
  departmentId!: number;
  parentId!: number | null;
  regionCode!: string | null;
  frameworkId!: number;
}

@ObjectType({
  description:
    'One row of a target table (绩效指标表): a library indicator, at the version it used, with the value the target commits to.',
})
export class TargetIndicator {
  @Field(() => ID, { description: 'Internal id.' })
  id!: number;

  @Field({ description: 'Fiscal division code (MOF_DIV_CODE).' })
  fiscalDivisionCode!: string;

  @Field(() => TargetPeriod, { description: 'Whole-term or annual (总体 / 年度).' })
  period!: TargetPeriod;

  @Field(() => Comparator, { description: 'Comparator (计算符号) between the measured and the target value.' })
  comparator!: Comparator;

  @Field({ description: 'Target value as written (指标值), e.g. "62000", "100%" or a qualitative statement.' })
  targetValue!: string;

  @Field(() => Decimal, {
    nullable: true,
    description: 'The target value parsed as a number, for quantitative rows; null for qualitative ones.',
  })
  numericValue!: string | null;

  @Field(() => String, { nullable: true, description: 'Unit of measure (计量单位), e.g. 人, %, 万元.' })
  unit!: string | null;

  @Field(() => Decimal, { nullable: true, description: 'Weight of the row (权重), 0 to 100.' })
  weight!: string | null;

  @Field(() => String, { nullable: true, description: 'Basis for the value (指标值设定依据).' })
  valueBasis!: string | null;

  @Field(() => String, { nullable: true, description: 'Remark (备注).' })
  note!: string | null;

  @Field(() => Int, { description: 'Position of the row in its table.' })
  sortOrder!: number;

  @Field({ description: 'When the record was created.' })
  createdAt!: Date;

  @Field({ description: 'When the record was last changed.' })
  updatedAt!: Date;

  targetId!: number;
  indicatorId!: number;
}

@ObjectType({ description: 'A page of performance targets.' })
export class PerformanceTargetList extends ListResult(PerformanceTarget) {}

@ObjectType({ description: 'A page of target rows.' })
export class TargetIndicatorList extends ListResult(TargetIndicator) {}
