import { ArrayMaxSize, IsIn, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs, SortInput, type SortKey } from '../../shared/list';
import { DepartmentKind, FinanceDivisionKind, FiscalDivisionLevel } from './fiscal.enums';

const DIVISION_CODE = /^\d{9}$/;

// ---- Fiscal divisions ----

export enum FiscalDivisionSortField {
  CODE = 'CODE',
  NAME = 'NAME',
}
registerEnumType(FiscalDivisionSortField, {
  name: 'FiscalDivisionSortField',
  description: 'What a list of fiscal divisions can be sorted by.',
  valuesConfig: {
    CODE: { description: 'Sort by the division code.' },
    NAME: { description: 'Sort by the name.' },
  },
});
export const FiscalDivisionSort = SortInput(FiscalDivisionSortField, 'FiscalDivision');

@InputType({ description: 'Filter for fiscal divisions; all given conditions must hold.' })
export class FiscalDivisionFilter {
  @Field(() => FiscalDivisionLevel, { nullable: true, description: 'Only divisions of this level.' })
  level?: FiscalDivisionLevel;

  @Field({ nullable: true, description: 'Only the direct children of this division.' })
  @Matches(DIVISION_CODE, { message: 'parentCode must be a 9-digit division code' })
  parentCode?: string;

  @Field({ nullable: true, description: 'Text contained in the code or name.' })
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class FiscalDivisionListArgs extends PageArgs {
  @Field(() => FiscalDivisionFilter, {
    nullable: true,
    description: 'Which fiscal divisions to return; all when omitted.',
  })
  @ValidateNested()
  filter?: FiscalDivisionFilter;

  @Field(() => [FiscalDivisionSort], { nullable: true, description: 'Sort keys, at most 5; by code when omitted.' })
  @ArrayMaxSize(5)
  sort?: SortKey<FiscalDivisionSortField>[];
}

@InputType({ description: 'A new fiscal division.' })
export class CreateFiscalDivisionInput {
  @Field({ description: '9-digit MOF_DIV_CODE.' })
  @Matches(DIVISION_CODE, { message: 'code must be a 9-digit division code such as 410102000' })
  code!: string;

  @Field({ description: 'Name, e.g. 中原区.' })
  @Length(1, 100)
  name!: string;

  @Field(() => FiscalDivisionLevel, { description: 'Province, city or district.' })
  level!: FiscalDivisionLevel;

  @Field({ nullable: true, description: 'The 9-digit code of the division one level up.' })
  @Matches(DIVISION_CODE, { message: 'parentCode must be a 9-digit division code' })
  parentCode?: string;
}

@InputType({ description: 'Changes to a fiscal division; omitted fields stay as they are.' })
export class UpdateFiscalDivisionInput {
  @Field({ nullable: true, description: 'New name.' })
  @Length(1, 100)
  name?: string;

  @Field(() => FiscalDivisionLevel, { nullable: true, description: 'New level.' })
  level?: FiscalDivisionLevel;
}

// ---- Finance divisions ----

export enum FinanceDivisionSortField {
  CODE = 'CODE',
  NAME = 'NAME',
  KIND = 'KIND',
}
registerEnumType(FinanceDivisionSortField, {
  name: 'FinanceDivisionSortField',
  description: 'What a list of finance divisions can be sorted by.',
  valuesConfig: {
    CODE: { description: 'Sort by the division code.' },
    NAME: { description: 'Sort by the name.' },
    KIND: { description: 'Sort by the kind of division.' },
  },
});
export const FinanceDivisionSort = SortInput(FinanceDivisionSortField, 'FinanceDivision');

@InputType({ description: 'Filter for finance divisions.' })
export class FinanceDivisionFilter {
  @Field({ nullable: true, description: 'Only divisions of this fiscal division (9-digit MOF_DIV_CODE).' })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode?: string;

  @Field(() => FinanceDivisionKind, {
    nullable: true,
    description: 'Only divisions of this kind, e.g. EXPENDITURE for the 支出处室.',
  })
  kind?: FinanceDivisionKind;

  @Field({ nullable: true, description: 'Text contained in the code or name.' })
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class FinanceDivisionListArgs extends PageArgs {
  @Field(() => FinanceDivisionFilter, {
    nullable: true,
    description: 'Which finance divisions to return; all when omitted.',
  })
  @ValidateNested()
  filter?: FinanceDivisionFilter;

  @Field(() => [FinanceDivisionSort], { nullable: true, description: 'Sort keys, at most 5; by code when omitted.' })
  @ArrayMaxSize(5)
  sort?: SortKey<FinanceDivisionSortField>[];
}

@InputType({ description: 'A new finance bureau division.' })
export class CreateFinanceDivisionInput {
  @Field({ description: 'The fiscal division (9-digit MOF_DIV_CODE) it belongs to.' })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode!: string;

  @Field({ description: 'Division code, unique in the fiscal division.' })
  @Length(1, 30)
  code!: string;

  @Field({ description: 'Name, e.g. 教科文处.' })
  @Length(1, 100)
  name!: string;

  @Field(() => FinanceDivisionKind, {
    description: 'What the division does: expenditure, budget, performance or evaluation center.',
  })
  kind!: FinanceDivisionKind;
}

@InputType({ description: 'Changes to a finance division; omitted fields stay as they are.' })
export class UpdateFinanceDivisionInput {
  @Field({ nullable: true, description: 'New division code.' })
  @Length(1, 30)
  code?: string;

  @Field({ nullable: true, description: 'New name.' })
  @Length(1, 100)
  name?: string;

  @Field(() => FinanceDivisionKind, { nullable: true, description: 'New kind.' })
  kind?: FinanceDivisionKind;
}

// ---- Departments ----

export enum DepartmentSortField {
  CODE = 'CODE',
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(DepartmentSortField, {
  name: 'DepartmentSortField',
  description: 'What a list of departments can be sorted by.',
  valuesConfig: {
    CODE: { description: 'Sort by the unit code.' },
    NAME: { description: 'Sort by the name.' },
    CREATED_AT: { description: 'Sort by when the department was added.' },
  },
});
export const DepartmentSort = SortInput(DepartmentSortField, 'Department');

@InputType({ description: 'Filter for departments; all given conditions must hold.' })
export class DepartmentFilter {
  @Field({ nullable: true, description: 'Only departments of this fiscal division (9-digit MOF_DIV_CODE).' })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode?: string;

  @Field(() => [ID], { nullable: true, description: 'Only these departments.' })
  @ArrayMaxSize(200)
  ids?: string[];

  @Field(() => ID, { nullable: true, description: 'Only the child units of this department.' })
  parentId?: string;

  @Field({ nullable: true, description: 'true: only first-level units (一级预算单位); false: only child units.' })
  topLevel?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only departments managed by this expenditure division.' })
  managingDivisionId?: string;

  @Field(() => DepartmentKind, {
    nullable: true,
    description: 'Only administrative units (行政单位) or only public institutions (事业单位).',
  })
  kind?: DepartmentKind;

  @Field({
    nullable: true,
    description: 'true: only industry-library pilot departments (试点部门); false: only the others.',
  })
  industryPilot?: boolean;

  @Field({ nullable: true, description: 'Text contained in the code or name (Chinese too).' })
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class DepartmentListArgs extends PageArgs {
  @Field(() => DepartmentFilter, { nullable: true, description: 'Which departments to return; all when omitted.' })
  @ValidateNested()
  filter?: DepartmentFilter;

  @Field(() => [DepartmentSort], { nullable: true, description: 'Sort keys, at most 5; by code when omitted.' })
  @ArrayMaxSize(5)
  sort?: SortKey<DepartmentSortField>[];
}

@InputType({ description: 'A new budget department or unit.' })
export class CreateDepartmentInput {
  @Field({ description: 'The fiscal division (9-digit MOF_DIV_CODE) it belongs to.' })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode!: string;

  @Field({ description: 'Unit code (单位编码), unique in the fiscal division.' })
  @Length(1, 30)
  code!: string;

  @Field({ description: 'Name, e.g. 郑州市教育局.' })
  @Length(1, 100)
  name!: string;

  @Field(() => DepartmentKind, { description: 'Administrative unit (行政单位) or public institution (事业单位).' })
  kind!: DepartmentKind;

  @Field(() => ID, { nullable: true, description: 'The first-level unit this unit belongs to.' })
  parentId?: string;

  @Field(() => ID, { nullable: true, description: 'The expenditure division that manages this department.' })
  managingDivisionId?: string;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Whether it pilots an industry indicator library (分行业分领域指标库试点).',
  })
  industryPilot?: boolean;
}

@InputType({ description: 'Changes to a department; omitted fields stay as they are, null clears a link.' })
export class UpdateDepartmentInput {
  @Field({ nullable: true, description: 'New unit code.' })
  @Length(1, 30)
  code?: string;

  @Field({ nullable: true, description: 'New name.' })
  @Length(1, 100)
  name?: string;

  @Field(() => DepartmentKind, { nullable: true, description: 'New kind.' })
  kind?: DepartmentKind;

  @Field(() => ID, {
    nullable: true,
    description: 'Move under this first-level unit; null makes it a first-level unit.',
  })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The expenditure division that manages it; null clears it.' })
  managingDivisionId?: string | null;

  @Field({ nullable: true, description: 'Whether it pilots an industry indicator library.' })
  industryPilot?: boolean;
}

// ---- Function classes ----

export enum FunctionClassSortField {
  CODE = 'CODE',
  NAME = 'NAME',
}
registerEnumType(FunctionClassSortField, {
  name: 'FunctionClassSortField',
  description: 'What a list of function classes can be sorted by.',
  valuesConfig: {
    CODE: { description: 'Sort by the national code.' },
    NAME: { description: 'Sort by the name.' },
  },
});
export const FunctionClassSort = SortInput(FunctionClassSortField, 'FunctionClass');

@InputType({ description: 'Filter for function classes.' })
export class FunctionClassFilter {
  @Field(() => Int, { nullable: true, description: 'Only classes of this level: 1 for 类, 2 for 款, 3 for 项.' })
  @IsIn([1, 2, 3])
  level?: number;

  @Field({ nullable: true, description: 'Only the direct sub-classes of this code.' })
  @MaxLength(12)
  parentCode?: string;

  @Field({ nullable: true, description: 'Text contained in the code or name.' })
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class FunctionClassListArgs extends PageArgs {
  @Field(() => FunctionClassFilter, {
    nullable: true,
    description: 'Which function classes to return; all when omitted.',
  })
  @ValidateNested()
  filter?: FunctionClassFilter;

  @Field(() => [FunctionClassSort], { nullable: true, description: 'Sort keys, at most 5; by code when omitted.' })
  @ArrayMaxSize(5)
  sort?: SortKey<FunctionClassSortField>[];
}

@InputType({ description: 'A new function class code.' })
export class CreateFunctionClassInput {
  @Field({ description: 'National code of 3, 5 or 7 digits, e.g. 205 or 20502.' })
  @Matches(/^\d{3}(\d{2}){0,2}$/, { message: 'code must be 3, 5 or 7 digits, such as 205 or 20502' })
  code!: string;

  @Field({ description: 'Name, e.g. 普通教育.' })
  @Length(1, 100)
  name!: string;
}

@InputType({ description: 'Changes to a function class.' })
export class UpdateFunctionClassInput {
  @Field({ description: 'New name.' })
  @Length(1, 100)
  name!: string;
}
