import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ListResult } from '../../shared/list';
import { Comparator, FrameworkKind, IndicatorScope, IndicatorStatus, ValueType, Visibility } from './indicator.enums';

registerEnumType(IndicatorScope, {
  name: 'IndicatorScope',
  description: 'Which library an indicator or category belongs to.',
  valuesConfig: {
    COMMON: { description: '共性指标 common indicators, usable by every department' },
    INDUSTRY: { description: '分行业分领域指标 industry and sector indicators of the pilot departments' },
    DEPARTMENT: { description: '部门个性指标 department-specific indicators, owned by one department' },
  },
});
registerEnumType(Comparator, {
  name: 'Comparator',
  description: 'How the actual value is compared with the target value (计算符号).',
  valuesConfig: {
    GE: { description: '≥ 大于等于 at least' },
    GT: { description: '> 大于 more than' },
    EQ: { description: '= 等于 exactly' },
    LT: { description: '< 小于 less than' },
    LE: { description: '≤ 小于等于 at most' },
    QUALITATIVE: { description: '定性 qualitative: judged in words, no number and no unit' },
  },
});
registerEnumType(ValueType, {
  name: 'ValueType',
  description: 'Whether an indicator is measured by a number or judged in words.',
  valuesConfig: {
    QUANTITATIVE: { description: '定量 quantitative: a number with a unit' },
    QUALITATIVE: { description: '定性 qualitative: a judgement in words' },
  },
});
registerEnumType(Visibility, {
  name: 'Visibility',
  description: 'Who may choose an indicator for their targets.',
  valuesConfig: {
    PUBLIC: { description: '公开 every department of the fiscal division' },
    PRIVATE: { description: '私有 only the owning department and its child units' },
  },
});
registerEnumType(IndicatorStatus, {
  name: 'IndicatorStatus',
  description: 'Where an indicator version stands in the library.',
  valuesConfig: {
    DRAFT: { description: '草稿 draft: being curated, not yet usable in targets' },
    PUBLISHED: { description: '已发布 published: the current version, usable in targets; never changes again' },
    SUPERSEDED: { description: '已替代 superseded by a newer published version; targets that used it keep it' },
    RETIRED: { description: '已出库 retired from the library' },
  },
});
registerEnumType(FrameworkKind, {
  name: 'FrameworkKind',
  description: 'Which targets an indicator framework applies to.',
  valuesConfig: {
    PROJECT: { description: '项目绩效目标 project targets' },
    DEPARTMENT: { description: '部门整体绩效目标 department-wide targets' },
  },
});

@ObjectType({
  description:
    'An indicator framework (指标体系): the tree of level-1 dimensions (一级指标 such as 产出, 效益, 满意度, 成本) and their level-2 dimensions (二级指标 such as 数量, 质量, 时效).',
})
export class IndicatorFramework {
  @Field(() => ID, { description: 'Internal id.' })
  id!: number;

  @Field({ description: 'Unique code, e.g. CLASSIC or Y2021.' })
  code!: string;

  @Field({ description: 'Name, e.g. 2021版项目支出绩效指标体系.' })
  name!: string;

  @Field(() => FrameworkKind, {
    description: 'Whether it applies to project targets or to department-wide targets (部门整体).',
  })
  kind!: FrameworkKind;

  @Field(() => Int, { nullable: true, description: 'The first fiscal year the framework applies to; null: any year.' })
  fromYear!: number | null;

  @Field({ description: 'Whether new targets of this kind use this framework by default.' })
  isDefault!: boolean;

  @Field(() => String, { nullable: true, description: 'Free notes on the framework (说明).' })
  description!: string | null;
}

@ObjectType({
  description:
    'One dimension of an indicator framework: level 1 (一级指标, e.g. 产出) or level 2 (二级指标, e.g. 数量).',
})
export class IndicatorFrameworkNode {
  @Field(() => ID, { description: 'Internal id.' })
  id!: number;

  frameworkId!: number;
  parentId!: number | null;

  @Field({ description: 'Code, unique in its framework, e.g. OUTPUT or OUTPUT_QUANTITY.' })
  code!: string;

  @Field({ description: 'Name, e.g. 产出指标 or 数量指标.' })
  name!: string;

  @Field(() => Int, { description: '1 for a first-level dimension (一级指标), 2 for a second-level one (二级指标).' })
  level!: number;

  @Field(() => Int, { description: 'Position among its siblings, smallest first.' })
  sortOrder!: number;
}

@ObjectType({
  description:
    'A category of the indicator library (指标分类), in a tree per scope: e.g. 01 会议培训 in the common library (共性指标库).',
})
export class IndicatorCategory {
  @Field(() => ID, { description: 'Internal id.' })
  id!: number;

  @Field({ description: 'Fiscal division code (MOF_DIV_CODE).' })
  fiscalDivisionCode!: string;

  @Field(() => IndicatorScope, {
    description: 'Which library the category belongs to: common (共性), industry (行业) or department (部门).',
  })
  scope!: IndicatorScope;

  @Field({ description: 'Code, unique within its fiscal division and scope, e.g. 01 or 0101.' })
  code!: string;

  @Field({ description: 'Name, e.g. 会议培训.' })
  name!: string;

  @Field(() => Int, { description: 'Position among its siblings, smallest first.' })
  sortOrder!: number;

  parentId!: number | null;
  ownerDepartmentId!: number | null;
}

@ObjectType({
  description:
    'A library indicator (绩效指标), one version of it. A published version never changes: a modification publishes a new version that supersedes it, and targets keep the version they used.',
})
export class Indicator {
  @Field(() => ID, { description: 'The id of this version.' })
  id!: number;

  @Field({ description: 'Fiscal division code (MOF_DIV_CODE).' })
  fiscalDivisionCode!: string;

  @Field({
    description:
      'Indicator code (指标编码), shared by all versions, e.g. GX01010001 (GX 共性 / HY 行业 / BM 部门, then category and sequence).',
  })
  code!: string;

  @Field(() => Int, { description: 'Version number in the library (版本号), 1 for the first version.' })
  version!: number;

  @Field({ description: 'Name (指标名称), e.g. 培训人次.' })
  name!: string;

  @Field(() => IndicatorScope, {
    description: 'Which library it belongs to: common (共性), industry (行业) or department (部门).',
  })
  scope!: IndicatorScope;

  @Field(() => String, { nullable: true, description: 'What the indicator measures (指标解释).' })
  explanation!: string | null;

  @Field(() => String, { nullable: true, description: 'How the value is calculated (计算方法).' })
  calculationMethod!: string | null;

  @Field(() => String, { nullable: true, description: 'How points are given or deducted (评（扣）分标准).' })
  scoringRule!: string | null;

  @Field(() => Comparator, { description: 'The comparator target rows start with (计算符号).' })
  defaultComparator!: Comparator;

  @Field(() => String, {
    nullable: true,
    description: 'The unit target rows start with (计量单位), e.g. 人次 or %; null for qualitative indicators.',
  })
  defaultUnit!: string | null;

  @Field(() => ValueType, { description: 'Quantitative (定量) or qualitative (定性).' })
  valueType!: ValueType;

  @Field(() => String, { nullable: true, description: 'A reference value or range (参考值), e.g. ≥95.' })
  referenceValue!: string | null;

  @Field(() => String, { nullable: true, description: 'Where the actual value comes from (数据来源).' })
  dataSource!: string | null;

  @Field(() => Visibility, {
    description: 'Who may choose it: every department (PUBLIC) or only the owning department (PRIVATE).',
  })
  visibility!: Visibility;

  @Field(() => String, { nullable: true, description: 'First day of validity, YYYY-MM-DD (null: no lower bound).' })
  validFrom!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of validity, YYYY-MM-DD (null: no end).' })
  validTo!: string | null;

  @Field(() => IndicatorStatus, { description: 'Where this version stands: draft, published, superseded or retired.' })
  status!: IndicatorStatus;

  @Field({ description: 'Whether the indicator may be chosen for new targets (启用).' })
  enabled!: boolean;

  @Field(() => Date, { nullable: true, description: 'When this version was published (发布时间).' })
  publishedAt!: Date | null;

  @Field({ description: 'When the record was created.' })
  createdAt!: Date;

  @Field({ description: 'When the record was last changed.' })
  updatedAt!: Date;

  categoryId!: number;
  level1NodeId!: number;
  level2NodeId!: number | null;
  ownerDepartmentId!: number | null;
  supersedesId!: number | null;
}

@ObjectType({ description: 'A page of indicator frameworks.' })
export class IndicatorFrameworkList extends ListResult(IndicatorFramework) {}

@ObjectType({ description: 'A page of indicator categories.' })
export class IndicatorCategoryList extends ListResult(IndicatorCategory) {}

@ObjectType({ description: 'A page of library indicators.' })
export class IndicatorList extends ListResult(Indicator) {}

@ObjectType({ description: 'One problem of an import row.' })
export class ImportRowError {
  @Field(() => String, {
    nullable: true,
    description: 'The row field at fault (an ImportIndicatorRowInput field name); null when the whole row is.',
  })
  field!: string | null;

  @Field({
    description:
      'A stable error code, the same as createIndicator would answer: BAD_USER_INPUT, INVALID_REFERENCE, DUPLICATE, UNIT_REQUIRED.',
  })
  code!: string;

  @Field({ description: 'What is wrong and how to fix it, for the person editing the file.' })
  message!: string;
}

@ObjectType({ description: 'The outcome of one import row.' })
export class ImportIndicatorRowResult {
  @Field(() => Int, { description: 'The row number given in the input (or its position in rows, from 1).' })
  rowNumber!: number;

  @Field({ description: 'Whether the row passes every rule.' })
  ok!: boolean;

  @Field(() => String, { nullable: true, description: 'The indicator code of the row, as given.' })
  code!: string | null;

  @Field(() => [ImportRowError], { description: 'The problems of the row; empty when ok.' })
  errors!: ImportRowError[];

  @Field(() => ID, { nullable: true, description: 'The new DRAFT indicator, once committed; null on a dry run.' })
  indicatorId!: string | null;
}

@ObjectType({
  description:
    'The outcome of importIndicators. A dry run answers it whether or not rows fail; a commit answers it only when every row passed and all were written (otherwise the mutation fails with IMPORT_INVALID and writes nothing).',
})
export class ImportIndicatorsResult {
  @Field({ description: 'Whether this was a dry run (nothing written).' })
  dryRun!: boolean;

  @Field({ description: 'Whether every row passes; a commit writes only then.' })
  ok!: boolean;

  @Field(() => Int, { description: 'How many rows were given.' })
  rowCount!: number;

  @Field(() => Int, { description: 'How many rows fail.' })
  invalidCount!: number;

  @Field(() => Int, { description: 'How many DRAFT indicators were written: 0 on a dry run.' })
  createdCount!: number;

  @Field(() => [ImportIndicatorRowResult], { description: 'Every row, in input order.' })
  rows!: ImportIndicatorRowResult[];
}
