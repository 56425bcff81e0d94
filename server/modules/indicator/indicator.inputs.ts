import { ArrayMaxSize, ArrayMinSize, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs, SortInput, type SortKey } from '../../shared/list';
import { Comparator, FrameworkKind, IndicatorScope, IndicatorStatus, ValueType, Visibility } from './indicator.enums';

const DIVISION_CODE = /^\d{9}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** Long texts (explanation, calculation method, scoring rule) are `text` columns; this keeps them to a page. */
const LONG_TEXT = 4000;

// ---- Frameworks ----

export enum IndicatorFrameworkSortField {
  CODE = 'CODE',
  NAME = 'NAME',
  FROM_YEAR = 'FROM_YEAR',
}
registerEnumType(IndicatorFrameworkSortField, {
  name: 'IndicatorFrameworkSortField',
  description: 'What a list of indicator frameworks can be sorted by.',
  valuesConfig: {
    CODE: { description: 'Sort by the framework code.' },
    NAME: { description: 'Sort by the name.' },
    FROM_YEAR: { description: 'Sort by the first fiscal year it applies to.' },
  },
});
export const IndicatorFrameworkSort = SortInput(IndicatorFrameworkSortField, 'IndicatorFramework');

@InputType({ description: 'Filter for indicator frameworks; all given conditions must hold.' })
export class IndicatorFrameworkFilter {
  @Field(() => FrameworkKind, {
    nullable: true,
    description: 'Only frameworks for project targets or only department-wide ones.',
  })
  kind?: FrameworkKind;

  @Field({ nullable: true, description: 'true: only default frameworks.' })
  isDefault?: boolean;

  @Field({ nullable: true, description: 'Text contained in the code or name.' })
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class IndicatorFrameworkListArgs extends PageArgs {
  @Field(() => IndicatorFrameworkFilter, {
    nullable: true,
    description: 'Which frameworks to return; all when omitted.',
  })
  @ValidateNested()
  filter?: IndicatorFrameworkFilter;

  @Field(() => [IndicatorFrameworkSort], { nullable: true, description: 'Sort keys, at most 5; by code when omitted.' })
  @ArrayMaxSize(5)
  sort?: SortKey<IndicatorFrameworkSortField>[];
}

@InputType({ description: 'A new indicator framework (指标体系).' })
export class CreateIndicatorFrameworkInput {
  @Field({ description: 'Unique code, e.g. Y2021.' })
  @Length(1, 30)
  code!: string;

  @Field({ description: 'Name, e.g. 2021版项目支出绩效指标体系.' })
  @Length(1, 100)
  name!: string;

  @Field(() => FrameworkKind, { description: 'Project targets or department-wide targets (部门整体).' })
  kind!: FrameworkKind;

  @Field(() => Int, { nullable: true, description: 'The first fiscal year it applies to.' })
  @Min(2000)
  @Max(2100)
  fromYear?: number;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Make it the default of its kind (the previous default stops being one).',
  })
  isDefault?: boolean;

  @Field({ nullable: true, description: 'Free notes on the framework (说明).' })
  @MaxLength(LONG_TEXT)
  description?: string;
}

@InputType({ description: 'Changes to an indicator framework; omitted fields stay as they are, null clears.' })
export class UpdateIndicatorFrameworkInput {
  @Field({ nullable: true, description: 'New unique code.' })
  @Length(1, 30)
  code?: string;

  @Field({ nullable: true, description: 'New name.' })
  @Length(1, 100)
  name?: string;

  @Field(() => FrameworkKind, { nullable: true, description: 'New kind.' })
  kind?: FrameworkKind;

  @Field(() => Int, { nullable: true, description: 'New first fiscal year; null: any year.' })
  @Min(2000)
  @Max(2100)
  fromYear?: number | null;

  @Field({
    nullable: true,
    description: 'true makes it the default of its kind (the previous default stops being one).',
  })
  isDefault?: boolean;

  @Field(() => String, { nullable: true, description: 'New notes; null clears them.' })
  @MaxLength(LONG_TEXT)
  description?: string | null;
}

@InputType({
  description: 'A new dimension of a framework. Without a parent it is a level-1 dimension; under one, level 2.',
})
export class CreateIndicatorFrameworkNodeInput {
  @Field(() => ID, { description: 'The framework to add the dimension to.' })
  frameworkId!: string;

  @Field(() => ID, { nullable: true, description: 'The level-1 dimension this level-2 dimension belongs to.' })
  parentId?: string;

  @Field({ description: 'Code, unique in the framework.' })
  @Length(1, 20)
  code!: string;

  @Field({ description: 'Name, e.g. 产出指标 or 数量指标.' })
  @Length(1, 50)
  name!: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 0,
    description: 'Position among its siblings, smallest first; 0 when omitted.',
  })
  @Min(0)
  @Max(32767)
  sortOrder?: number;
}

@InputType({ description: 'Changes to a framework dimension; its framework and level stay as they are.' })
export class UpdateIndicatorFrameworkNodeInput {
  @Field({ nullable: true, description: 'New code, unique in the framework.' })
  @Length(1, 20)
  code?: string;

  @Field({ nullable: true, description: 'New name.' })
  @Length(1, 50)
  name?: string;

  @Field(() => Int, { nullable: true, description: 'New position among its siblings.' })
  @Min(0)
  @Max(32767)
  sortOrder?: number;
}

// ---- Categories ----

export enum IndicatorCategorySortField {
  CODE = 'CODE',
  NAME = 'NAME',
  SORT_ORDER = 'SORT_ORDER',
}
registerEnumType(IndicatorCategorySortField, {
  name: 'IndicatorCategorySortField',
  description: 'What a list of indicator categories can be sorted by.',
  valuesConfig: {
    CODE: { description: 'Sort by the category code.' },
    NAME: { description: 'Sort by the name.' },
    SORT_ORDER: { description: 'Sort by the position among siblings.' },
  },
});
export const IndicatorCategorySort = SortInput(IndicatorCategorySortField, 'IndicatorCategory');

@InputType({ description: 'Filter for indicator categories; all given conditions must hold.' })
export class IndicatorCategoryFilter {
  @Field({ nullable: true, description: 'Only categories of this fiscal division (9-digit MOF_DIV_CODE).' })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode?: string;

  @Field(() => IndicatorScope, {
    nullable: true,
    description: 'Only categories of this library: common, industry or department.',
  })
  scope?: IndicatorScope;

  @Field(() => ID, { nullable: true, description: 'Only the direct sub-categories of this category.' })
  parentId?: string;

  @Field({ nullable: true, description: 'true: only top-level categories (一级分类); false: only sub-categories.' })
  topLevel?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only categories owned by (or piloted by) this department.' })
  ownerDepartmentId?: string;

  @Field({ nullable: true, description: 'Text contained in the code or name (Chinese too).' })
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class IndicatorCategoryListArgs extends PageArgs {
  @Field(() => IndicatorCategoryFilter, {
    nullable: true,
    description: 'Which categories to return; all when omitted.',
  })
  @ValidateNested()
  filter?: IndicatorCategoryFilter;

  @Field(() => [IndicatorCategorySort], {
    nullable: true,
    description: 'Sort keys, at most 5; by library, position and code when omitted.',
  })
  @ArrayMaxSize(5)
  sort?: SortKey<IndicatorCategorySortField>[];
}

@InputType({ description: 'A new category of the indicator library (指标分类).' })
export class CreateIndicatorCategoryInput {
  @Field({ description: 'The fiscal division (9-digit MOF_DIV_CODE) it belongs to.' })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode!: string;

  @Field(() => IndicatorScope, {
    description: 'Which library: common (共性), industry (行业) or department (部门); it never changes later.',
  })
  scope!: IndicatorScope;

  @Field({ description: 'Code, unique within the fiscal division and scope.' })
  @Length(1, 20)
  code!: string;

  @Field({ description: 'Name, e.g. 会议培训.' })
  @Length(1, 100)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The parent category: same scope and fiscal division.' })
  parentId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The owning department (required for DEPARTMENT scope) or the pilot department of an industry.',
  })
  ownerDepartmentId?: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 0,
    description: 'Position among its siblings, smallest first; 0 when omitted.',
  })
  @Min(0)
  @Max(32767)
  sortOrder?: number;
}

@InputType({
  description: 'Changes to a category; omitted fields stay as they are, null clears a link. Scope never changes.',
})
export class UpdateIndicatorCategoryInput {
  @Field({ nullable: true, description: 'New code, unique in the fiscal division and scope.' })
  @Length(1, 20)
  code?: string;

  @Field({ nullable: true, description: 'New name.' })
  @Length(1, 100)
  name?: string;

  @Field(() => ID, { nullable: true, description: 'Move under this category; null makes it top-level.' })
  parentId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'New owning or pilot department; null clears it, except for DEPARTMENT scope.',
  })
  ownerDepartmentId?: string | null;

  @Field(() => Int, { nullable: true, description: 'New position among its siblings.' })
  @Min(0)
  @Max(32767)
  sortOrder?: number;
}

// ---- Indicators ----

export enum IndicatorSortField {
  CODE = 'CODE',
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  PUBLISHED_AT = 'PUBLISHED_AT',
}
registerEnumType(IndicatorSortField, {
  name: 'IndicatorSortField',
  description: 'What a list of library indicators can be sorted by.',
  valuesConfig: {
    CODE: { description: 'Sort by the indicator code.' },
    NAME: { description: 'Sort by the name.' },
    CREATED_AT: { description: 'Sort by when the version was created.' },
    PUBLISHED_AT: { description: 'Sort by when the version was published.' },
  },
});
export const IndicatorSort = SortInput(IndicatorSortField, 'Indicator');

@InputType({ description: 'Filter for library indicators; all given conditions must hold.' })
export class IndicatorFilter {
  @Field({ nullable: true, description: 'Only indicators of this fiscal division (9-digit MOF_DIV_CODE).' })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode?: string;

  @Field(() => [ID], { nullable: true, description: 'Only these indicator versions.' })
  @ArrayMaxSize(200)
  ids?: string[];

  @Field(() => IndicatorScope, {
    nullable: true,
    description: 'Only indicators of this library: common, industry or department.',
  })
  scope?: IndicatorScope;

  @Field(() => ID, { nullable: true, description: 'Only indicators of this category or any of its sub-categories.' })
  categoryId?: string;

  @Field(() => ID, { nullable: true, description: 'Only indicators under this level-1 dimension (一级指标).' })
  level1NodeId?: string;

  @Field(() => ID, { nullable: true, description: 'Only indicators under this level-2 dimension (二级指标).' })
  level2NodeId?: string;

  @Field(() => IndicatorStatus, { nullable: true, description: 'Only this status (default: any status).' })
  status?: IndicatorStatus;

  @Field(() => [IndicatorStatus], { nullable: true, description: 'Only these statuses.' })
  @ArrayMaxSize(4)
  statuses?: IndicatorStatus[];

  @Field({ nullable: true, description: 'true: only enabled indicators (启用); false: only disabled ones.' })
  enabled?: boolean;

  @Field(() => ValueType, {
    nullable: true,
    description: 'Only quantitative (定量) or only qualitative (定性) indicators.',
  })
  valueType?: ValueType;

  @Field(() => ID, { nullable: true, description: 'Only indicators owned by this department.' })
  ownerDepartmentId?: string;

  @Field({ nullable: true, description: 'Text contained in the code or name, case-insensitive (Chinese too).' })
  @MaxLength(100)
  search?: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Only the indicators this department may choose for its targets: published, enabled, of its fiscal division, and public or private to it or its first-level unit (the library is a multiple-choice question).',
  })
  usableByDepartmentId?: string;
}

@ArgsType()
export class IndicatorListArgs extends PageArgs {
  @Field(() => IndicatorFilter, {
    nullable: true,
    description: 'Which indicator versions to return; all when omitted.',
  })
  @ValidateNested()
  filter?: IndicatorFilter;

  @Field(() => [IndicatorSort], {
    nullable: true,
    description: 'Sort keys, at most 5; by code, then version, when omitted.',
  })
  @ArrayMaxSize(5)
  sort?: SortKey<IndicatorSortField>[];
}

@InputType({
  description:
    'A new library indicator, created as a DRAFT (version 1). It is published through the admission queue (入库审核).',
})
export class CreateIndicatorInput {
  @Field({ description: 'The fiscal division (9-digit MOF_DIV_CODE) it belongs to.' })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode!: string;

  @Field({ description: 'Indicator code, unique in the fiscal division, e.g. GX01010001.' })
  @Length(1, 30)
  code!: string;

  @Field({ description: 'Indicator name (指标名称), e.g. 培训人次.' })
  @Length(1, 100)
  name!: string;

  @Field(() => IndicatorScope, { description: 'Which library: common (共性), industry (行业) or department (部门).' })
  scope!: IndicatorScope;

  @Field(() => ID, { description: 'A category of the same scope and fiscal division.' })
  categoryId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The level-1 dimension; may be omitted when level2NodeId is given (it is then its parent).',
  })
  level1NodeId?: string;

  @Field(() => ID, { nullable: true, description: 'The level-2 dimension.' })
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

  @Field(() => Comparator, { description: 'The comparator target rows start with (计算符号).' })
  defaultComparator!: Comparator;

  @Field({ nullable: true, description: 'Required unless the comparator is QUALITATIVE.' })
  @MaxLength(20)
  defaultUnit?: string;

  @Field(() => ValueType, { description: 'QUALITATIVE exactly when the comparator is QUALITATIVE.' })
  valueType!: ValueType;

  @Field({ nullable: true, description: 'A reference value or range (参考值), e.g. ≥95.' })
  @MaxLength(100)
  referenceValue?: string;

  @Field({ nullable: true, description: 'Where the actual value comes from (数据来源).' })
  @MaxLength(200)
  dataSource?: string;

  @Field(() => Visibility, {
    nullable: true,
    defaultValue: Visibility.PUBLIC,
    description: 'Who may choose it for their targets; PUBLIC when omitted.',
  })
  visibility?: Visibility;

  @Field(() => ID, { nullable: true, description: 'Required for DEPARTMENT scope or PRIVATE visibility.' })
  ownerDepartmentId?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD.' })
  @Matches(DATE, { message: 'validFrom must be a date such as 2026-01-01' })
  validFrom?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD.' })
  @Matches(DATE, { message: 'validTo must be a date such as 2026-12-31' })
  validTo?: string;

  @Field({
    nullable: true,
    defaultValue: true,
    description: 'Whether it may be chosen for new targets once published (启用); true when omitted.',
  })
  enabled?: boolean;
}

@InputType({
  description:
    'Changes to a DRAFT indicator; omitted fields stay as they are, null clears an optional field. Published versions never change.',
})
export class UpdateIndicatorInput {
  @Field({ nullable: true, description: 'New indicator code, unique in the fiscal division.' })
  @Length(1, 30)
  code?: string;

  @Field({ nullable: true, description: 'New name (指标名称).' })
  @Length(1, 100)
  name?: string;

  @Field(() => IndicatorScope, { nullable: true, description: 'New library scope.' })
  scope?: IndicatorScope;

  @Field(() => ID, { nullable: true, description: 'New category (指标分类).' })
  categoryId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A new level-1 dimension; given alone, it replaces both levels (level 2 is cleared).',
  })
  level1NodeId?: string;

  @Field(() => ID, { nullable: true, description: 'A new level-2 dimension (level 1 follows); null clears level 2.' })
  level2NodeId?: string | null;

  @Field(() => String, { nullable: true, description: 'What the indicator measures (指标解释); null clears it.' })
  @MaxLength(LONG_TEXT)
  explanation?: string | null;

  @Field(() => String, { nullable: true, description: 'How the value is calculated (计算方法); null clears it.' })
  @MaxLength(LONG_TEXT)
  calculationMethod?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'How points are given or deducted (评（扣）分标准); null clears it.',
  })
  @MaxLength(LONG_TEXT)
  scoringRule?: string | null;

  @Field(() => Comparator, { nullable: true, description: 'New default comparator (计算符号).' })
  defaultComparator?: Comparator;

  @Field(() => String, {
    nullable: true,
    description: 'New default unit (计量单位); required unless the comparator is QUALITATIVE.',
  })
  @MaxLength(20)
  defaultUnit?: string | null;

  @Field(() => ValueType, {
    nullable: true,
    description: 'Quantitative or qualitative; QUALITATIVE exactly when the comparator is QUALITATIVE.',
  })
  valueType?: ValueType;

  @Field(() => String, { nullable: true, description: 'New reference value (参考值); null clears it.' })
  @MaxLength(100)
  referenceValue?: string | null;

  @Field(() => String, { nullable: true, description: 'New data source (数据来源); null clears it.' })
  @MaxLength(200)
  dataSource?: string | null;

  @Field(() => Visibility, { nullable: true, description: 'Who may choose it for their targets.' })
  visibility?: Visibility;

  @Field(() => ID, { nullable: true, description: 'New owning department; null clears it.' })
  ownerDepartmentId?: string | null;

  @Field(() => String, { nullable: true, description: 'First day of validity, YYYY-MM-DD; null clears it.' })
  @Matches(DATE, { message: 'validFrom must be a date such as 2026-01-01' })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of validity, YYYY-MM-DD; null clears it.' })
  @Matches(DATE, { message: 'validTo must be a date such as 2026-12-31' })
  validTo?: string | null;

  @Field({ nullable: true, description: 'Whether it may be chosen for new targets once published (启用).' })
  enabled?: boolean;
}

// ---- Import (批量导入) ----

/** The most rows one import may carry: a whole category's library, but one transaction of bounded size. */
export const IMPORT_MAX_ROWS = 2000;

@InputType({
  description:
    'One spreadsheet row of an import. References are codes (as people write them in Excel), enums are plain text, and nothing is required by the schema: every rule is checked per row and reported in ImportIndicatorsResult.rows, so one bad row never hides the others.',
})
export class ImportIndicatorRowInput {
  @Field(() => Int, {
    nullable: true,
    description: 'The row number in the source file, echoed in the result; the position in rows (from 1) when omitted.',
  })
  @Min(1)
  @Max(1_000_000)
  rowNumber?: number;

  @Field({ nullable: true, description: '指标编码: unique in the fiscal division, in the file and in the library.' })
  @MaxLength(LONG_TEXT)
  code?: string;

  @Field({ nullable: true, description: '指标名称, at most 100 characters.' })
  @MaxLength(LONG_TEXT)
  name?: string;

  @Field({ nullable: true, description: '指标库: COMMON, INDUSTRY or DEPARTMENT (an IndicatorScope value).' })
  @MaxLength(LONG_TEXT)
  scope?: string;

  @Field({ nullable: true, description: '指标分类编码: the code of a category of the same scope and fiscal division.' })
  @MaxLength(LONG_TEXT)
  categoryCode?: string;

  @Field({
    nullable: true,
    description:
      '一级指标: code or name of a level-1 dimension of the framework; may be omitted when level 2 is given.',
  })
  @MaxLength(LONG_TEXT)
  level1Code?: string;

  @Field({ nullable: true, description: '二级指标: code or name of a level-2 dimension of the framework.' })
  @MaxLength(LONG_TEXT)
  level2Code?: string;

  @Field({ nullable: true, description: '指标解释.' })
  @MaxLength(LONG_TEXT)
  explanation?: string;

  @Field({ nullable: true, description: '计算方法.' })
  @MaxLength(LONG_TEXT)
  calculationMethod?: string;

  @Field({ nullable: true, description: '评（扣）分标准.' })
  @MaxLength(LONG_TEXT)
  scoringRule?: string;

  @Field({ nullable: true, description: '计算符号: GE, GT, EQ, LT, LE or QUALITATIVE (a Comparator value).' })
  @MaxLength(LONG_TEXT)
  defaultComparator?: string;

  @Field({ nullable: true, description: '计量单位: required unless the comparator is QUALITATIVE.' })
  @MaxLength(LONG_TEXT)
  defaultUnit?: string;

  @Field({ nullable: true, description: '指标性质: QUANTITATIVE or QUALITATIVE (a ValueType value).' })
  @MaxLength(LONG_TEXT)
  valueType?: string;

  @Field({ nullable: true, description: '参考值.' })
  @MaxLength(LONG_TEXT)
  referenceValue?: string;

  @Field({ nullable: true, description: '数据来源.' })
  @MaxLength(LONG_TEXT)
  dataSource?: string;

  @Field({ nullable: true, description: '可见范围: PUBLIC or PRIVATE (a Visibility value); PUBLIC when omitted.' })
  @MaxLength(LONG_TEXT)
  visibility?: string;

  @Field({
    nullable: true,
    description: '归口部门编码: the owning department, required for DEPARTMENT scope or PRIVATE visibility.',
  })
  @MaxLength(LONG_TEXT)
  ownerDepartmentCode?: string;

  @Field({ nullable: true, description: '生效日期, YYYY-MM-DD.' })
  @MaxLength(LONG_TEXT)
  validFrom?: string;

  @Field({ nullable: true, description: '失效日期, YYYY-MM-DD.' })
  @MaxLength(LONG_TEXT)
  validTo?: string;

  @Field({ nullable: true, description: '是否启用; true when omitted.' })
  enabled?: boolean;
}

@InputType({
  description:
    'A bulk import of DRAFT library indicators (批量导入), all or nothing. With dryRun it only validates (the preview).',
})
export class ImportIndicatorsInput {
  @Field({
    nullable: true,
    description: 'The fiscal division (9-digit MOF_DIV_CODE) to import into: your own; yours when omitted.',
  })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode?: string;

  @Field({
    nullable: true,
    description: 'The framework (指标体系) whose dimensions the rows name; the default PROJECT framework when omitted.',
  })
  @Length(1, 30)
  frameworkCode?: string;

  @Field(() => [ImportIndicatorRowInput], { description: `The rows, 1 to ${IMPORT_MAX_ROWS}.` })
  @ArrayMinSize(1, { message: 'rows must hold at least one row' })
  @ArrayMaxSize(IMPORT_MAX_ROWS, { message: `rows may hold at most ${IMPORT_MAX_ROWS} rows; split the file` })
  @ValidateNested()
  rows!: ImportIndicatorRowInput[];

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'true: validate every row and write nothing (the preview); false when omitted.',
  })
  dryRun?: boolean;
}
