import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ListResult } from '../../shared/list';
import { BudgetType, DepartmentKind, FinanceDivisionKind, FiscalDivisionLevel } from './fiscal.enums';

registerEnumType(BudgetType, {
  name: 'BudgetType',
  description: 'The four budgets (四本预算).',
  valuesConfig: {
    GENERAL_PUBLIC: { description: '一般公共预算 general public budget' },
    GOVERNMENT_FUND: { description: '政府性基金预算 government fund budget' },
    STATE_CAPITAL: { description: '国有资本经营预算 state capital operation budget' },
    SOCIAL_INSURANCE: { description: '社会保险基金预算 social insurance fund budget' },
  },
});
registerEnumType(FiscalDivisionLevel, {
  name: 'FiscalDivisionLevel',
  description: 'Level of a fiscal division.',
  valuesConfig: {
    PROVINCE: { description: '省级 province' },
    CITY: { description: '市级 city, e.g. 郑州市本级' },
    DISTRICT: { description: '区县级 district or county, e.g. 中原区' },
  },
});
registerEnumType(DepartmentKind, {
  name: 'DepartmentKind',
  description: 'Kind of budget unit.',
  valuesConfig: {
    ADMINISTRATIVE: { description: '行政单位 administrative unit' },
    INSTITUTION: { description: '事业单位 public institution' },
  },
});
registerEnumType(FinanceDivisionKind, {
  name: 'FinanceDivisionKind',
  description: 'Kind of finance bureau division.',
  valuesConfig: {
    EXPENDITURE: {
      description: '支出处室 expenditure division: allocates a department’s money and reviews its targets',
    },
    BUDGET: { description: '预算处 budget division' },
    PERFORMANCE: { description: '预算绩效管理处 budget performance management division' },
    EVALUATION_CENTER: { description: '预算绩效评价中心 budget performance evaluation center' },
  },
});

@ObjectType({
  description: 'A fiscal division (财政区划, MOF_DIV_CODE): the tenant that every business record belongs to.',
})
export class FiscalDivision {
  @Field(() => ID, { description: 'The 9-digit division code, e.g. 410100000 (郑州市本级).' })
  code!: string;

  @Field({ description: 'Name, e.g. 郑州市本级.' })
  name!: string;

  @Field(() => FiscalDivisionLevel, { description: 'Province, city or district (省 / 市 / 区县).' })
  level!: FiscalDivisionLevel;

  parentCode!: string | null;

  @Field({ description: 'When the record was created.' })
  createdAt!: Date;

  @Field({ description: 'When the record was last changed.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'An internal division of the finance bureau (财政局内设处室).' })
export class FinanceDivision {
  @Field(() => ID, { description: 'Internal id.' })
  id!: number;

  @Field({ description: 'Fiscal division code (MOF_DIV_CODE) this division belongs to.' })
  fiscalDivisionCode!: string;

  @Field({ description: 'Division code, unique in its fiscal division.' })
  code!: string;

  @Field({ description: 'Name, e.g. 教科文处.' })
  name!: string;

  @Field(() => FinanceDivisionKind, {
    description: 'What the division does: expenditure (支出处室), budget, performance or evaluation center.',
  })
  kind!: FinanceDivisionKind;

  @Field({ description: 'When the record was created.' })
  createdAt!: Date;

  @Field({ description: 'When the record was last changed.' })
  updatedAt!: Date;
}

@ObjectType({
  description:
    'A budget department or unit (预算部门 / 预算单位). First-level units (一级预算单位) have child agencies.',
})
export class Department {
  @Field(() => ID, { description: 'Internal id.' })
  id!: number;

  @Field({ description: 'Fiscal division code (MOF_DIV_CODE).' })
  fiscalDivisionCode!: string;

  @Field({ description: 'Unit code, unique in its fiscal division.' })
  code!: string;

  @Field({ description: 'Name, e.g. 郑州市教育局.' })
  name!: string;

  @Field(() => DepartmentKind, { description: 'Administrative unit (行政单位) or public institution (事业单位).' })
  kind!: DepartmentKind;

  @Field({ description: 'Whether the department pilots an industry indicator library (分行业分领域指标库试点).' })
  industryPilot!: boolean;

  parentId!: number | null;
  managingDivisionId!: number | null;

  @Field({ description: 'When the record was created.' })
  createdAt!: Date;

  @Field({ description: 'When the record was last changed.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A function class of expenditure (支出功能分类), e.g. 205 教育.' })
export class FunctionClass {
  @Field(() => ID, { description: 'National code, e.g. 205 or 20502.' })
  code!: string;

  @Field({ description: 'Name, e.g. 教育.' })
  name!: string;

  @Field(() => Int, { description: '1 for 类, 2 for 款, 3 for 项.' })
  level!: number;

  parentCode!: string | null;
}

@ObjectType({ description: 'A page of fiscal divisions.' })
export class FiscalDivisionList extends ListResult(FiscalDivision) {}

@ObjectType({ description: 'A page of finance divisions.' })
export class FinanceDivisionList extends ListResult(FinanceDivision) {}

@ObjectType({ description: 'A page of departments.' })
export class DepartmentList extends ListResult(Department) {}

@ObjectType({ description: 'A page of function classes.' })
export class FunctionClassList extends ListResult(FunctionClass) {}
