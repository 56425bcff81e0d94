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
registerEnumType(FiscalDivisionSortField, { name: 'FiscalDivisionSortField' });
export const FiscalDivisionSort = SortInput(FiscalDivisionSortField, 'FiscalDivision');

@InputType({ description: 'Filter for fiscal divisions; all given conditions must hold.' })
export class FiscalDivisionFilter {
  @Field(() => FiscalDivisionLevel, { nullable: true })
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
  @Field(() => FiscalDivisionFilter, { nullable: true })
  @ValidateNested()
  filter?: FiscalDivisionFilter;

  @Field(() => [FiscalDivisionSort], { nullable: true })
  @ArrayMaxSize(5)
  sort?: SortKey<FiscalDivisionSortField>[];
}

@InputType({ description: 'A new fiscal division.' })
export class CreateFiscalDivisionInput {
  @Field({ description: '9-digit MOF_DIV_CODE.' })
  @Matches(DIVISION_CODE, { message: 'code must be a 9-digit division code such as 410102000' })
  code!: string;

  @Field()
  @Length(1, 100)
  name!: string;

  @Field(() => FiscalDivisionLevel)
  level!: FiscalDivisionLevel;

  @Field({ nullable: true })
  @Matches(DIVISION_CODE, { message: 'parentCode must be a 9-digit division code' })
  parentCode?: string;
}

@InputType({ description: 'Changes to a fiscal division; omitted fields stay as they are.' })
export class UpdateFiscalDivisionInput {
  @Field({ nullable: true })
  @Length(1, 100)
  name?: string;

  @Field(() => FiscalDivisionLevel, { nullable: true })
  level?: FiscalDivisionLevel;
}

// ---- Finance divisions ----

export enum FinanceDivisionSortField {
  CODE = 'CODE',
  NAME = 'NAME',
  KIND = 'KIND',
}
registerEnumType(FinanceDivisionSortField, { name: 'FinanceDivisionSortField' });
export const FinanceDivisionSort = SortInput(FinanceDivisionSortField, 'FinanceDivision');

@InputType({ description: 'Filter for finance divisions.' })
export class FinanceDivisionFilter {
  @Field({ nullable: true })
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode?: string;

  @Field(() => FinanceDivisionKind, { nullable: true })
  kind?: FinanceDivisionKind;

  @Field({ nullable: true, description: 'Text contained in the code or name.' })
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class FinanceDivisionListArgs extends PageArgs {
  @Field(() => FinanceDivisionFilter, { nullable: true })
  @ValidateNested()
  filter?: FinanceDivisionFilter;

  @Field(() => [FinanceDivisionSort], { nullable: true })
  @ArrayMaxSize(5)
  sort?: SortKey<FinanceDivisionSortField>[];
}

@InputType({ description: 'A new finance bureau division.' })
export class CreateFinanceDivisionInput {
  @Field()
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode!: string;

  @Field()
  @Length(1, 30)
  code!: string;

  @Field()
  @Length(1, 100)
  name!: string;

  @Field(() => FinanceDivisionKind)
  kind!: FinanceDivisionKind;
}

@InputType({ description: 'Changes to a finance division; omitted fields stay as they are.' })
export class UpdateFinanceDivisionInput {
  @Field({ nullable: true })
  @Length(1, 30)
  code?: string;

  @Field({ nullable: true })
  @Length(1, 100)
  name?: string;

  @Field(() => FinanceDivisionKind, { nullable: true })
  kind?: FinanceDivisionKind;
}

// ---- Departments ----

export enum DepartmentSortField {
  CODE = 'CODE',
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(DepartmentSortField, { name: 'DepartmentSortField' });
export const DepartmentSort = SortInput(DepartmentSortField, 'Department');

@InputType({ description: 'Filter for departments; all given conditions must hold.' })
export class DepartmentFilter {
  @Field({ nullable: true })
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

  @Field(() => DepartmentKind, { nullable: true })
  kind?: DepartmentKind;

  @Field({ nullable: true })
  industryPilot?: boolean;

  @Field({ nullable: true, description: 'Text contained in the code or name (Chinese too).' })
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class DepartmentListArgs extends PageArgs {
  @Field(() => DepartmentFilter, { nullable: true })
  @ValidateNested()
  filter?: DepartmentFilter;

  @Field(() => [DepartmentSort], { nullable: true })
  @ArrayMaxSize(5)
  sort?: SortKey<DepartmentSortField>[];
}

@InputType({ description: 'A new budget department or unit.' })
export class CreateDepartmentInput {
  @Field()
  @Matches(DIVISION_CODE, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode!: string;

  @Field()
  @Length(1, 30)
  code!: string;

  @Field()
  @Length(1, 100)
  name!: string;

  @Field(() => DepartmentKind)
  kind!: DepartmentKind;

  @Field(() => ID, { nullable: true, description: 'The first-level unit this unit belongs to.' })
  parentId?: string;

  @Field(() => ID, { nullable: true, description: 'The expenditure division that manages this department.' })
  managingDivisionId?: string;

  @Field({ nullable: true, defaultValue: false })
  industryPilot?: boolean;
}

@InputType({ description: 'Changes to a department; omitted fields stay as they are, null clears a link.' })
export class UpdateDepartmentInput {
  @Field({ nullable: true })
  @Length(1, 30)
  code?: string;

  @Field({ nullable: true })
  @Length(1, 100)
  name?: string;

  @Field(() => DepartmentKind, { nullable: true })
  kind?: DepartmentKind;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => ID, { nullable: true })
  managingDivisionId?: string | null;

  @Field({ nullable: true })
  industryPilot?: boolean;
}

// ---- Function classes ----

export enum FunctionClassSortField {
  CODE = 'CODE',
  NAME = 'NAME',
}
registerEnumType(FunctionClassSortField, { name: 'FunctionClassSortField' });
export const FunctionClassSort = SortInput(FunctionClassSortField, 'FunctionClass');

@InputType({ description: 'Filter for function classes.' })
export class FunctionClassFilter {
  @Field(() => Int, { nullable: true })
  @IsIn([1, 2, 3])
  level?: number;

  @Field({ nullable: true })
  @MaxLength(12)
  parentCode?: string;

  @Field({ nullable: true })
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class FunctionClassListArgs extends PageArgs {
  @Field(() => FunctionClassFilter, { nullable: true })
  @ValidateNested()
  filter?: FunctionClassFilter;

  @Field(() => [FunctionClassSort], { nullable: true })
  @ArrayMaxSize(5)
  sort?: SortKey<FunctionClassSortField>[];
}

@InputType({ description: 'A new function class code.' })
export class CreateFunctionClassInput {
  @Field()
  @Matches(/^\d{3}(\d{2}){0,2}$/, { message: 'code must be 3, 5 or 7 digits, such as 205 or 20502' })
  code!: string;

  @Field()
  @Length(1, 100)
  name!: string;
}

@InputType({ description: 'Changes to a function class.' })
export class UpdateFunctionClassInput {
  @Field()
  @Length(1, 100)
  name!: string;
}
