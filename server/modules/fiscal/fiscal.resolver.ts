import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../shared/context';
import { Parent } from '../../shared/parent';
import { Permission } from '../identity';
import {
  CreateDepartmentInput,
  CreateFinanceDivisionInput,
  CreateFiscalDivisionInput,
  CreateFunctionClassInput,
  DepartmentListArgs,
  FinanceDivisionListArgs,
  FiscalDivisionListArgs,
  FunctionClassListArgs,
  UpdateDepartmentInput,
  UpdateFinanceDivisionInput,
  UpdateFiscalDivisionInput,
  UpdateFunctionClassInput,
} from './fiscal.inputs';
import { fiscalReads } from './fiscal.reads';
import { fiscalService } from './fiscal.service';
import {
  Department,
  DepartmentList,
  FinanceDivision,
  FinanceDivisionList,
  FiscalDivision,
  FiscalDivisionList,
  FunctionClass,
  FunctionClassList,
} from './fiscal.types';

@Resolver(() => FiscalDivision)
export class FiscalDivisionResolver {
  @Authorized(Permission.ReadReference)
  @Query(() => FiscalDivision, {
    description: 'One fiscal division by its 9-digit code; NOT_FOUND when there is none.',
  })
  fiscalDivision(
    @Ctx() ctx: Context,
    @Arg('code', { description: 'The 9-digit division code (MOF_DIV_CODE).' }) code: string,
  ) {
    return fiscalReads.fiscalDivisionOr404(ctx, code);
  }

  @Authorized(Permission.ReadReference)
  @Query(() => FiscalDivisionList, { description: 'Fiscal divisions (财政区划).' })
  fiscalDivisions(@Ctx() ctx: Context, @Args() args: FiscalDivisionListArgs) {
    return fiscalReads.fiscalDivisions(ctx, args);
  }

  @FieldResolver(() => FiscalDivision, { nullable: true, description: 'The division one level up.' })
  parent(@Ctx() ctx: Context, @Parent() d: FiscalDivision) {
    return d.parentCode ? fiscalReads.fiscalDivision(ctx, d.parentCode) : null;
  }

  @FieldResolver(() => [FiscalDivision], { description: 'The divisions one level down, e.g. a city’s districts.' })
  children(@Ctx() ctx: Context, @Parent() d: FiscalDivision) {
    return fiscalReads.fiscalDivisionChildren(ctx, d.code);
  }

  @Authorized(Permission.ManageReference)
  @Mutation(() => FiscalDivision, {
    description: 'Adds a fiscal division under your own division or one below it (ADMIN).',
  })
  createFiscalDivision(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The new division.' }) input: CreateFiscalDivisionInput,
  ) {
    return fiscalService.createFiscalDivision(ctx, input);
  }

  @Authorized(Permission.ManageReference)
  @Mutation(() => FiscalDivision, { description: 'Renames or re-levels a fiscal division of your tree (ADMIN).' })
  updateFiscalDivision(
    @Ctx() ctx: Context,
    @Arg('code', { description: 'The 9-digit division code (MOF_DIV_CODE).' }) code: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateFiscalDivisionInput,
  ) {
    return fiscalService.updateFiscalDivision(ctx, code, input);
  }

  @Authorized(Permission.ManageReference)
  @Mutation(() => Boolean, { description: 'Deletes a fiscal division of your tree that nothing references (ADMIN).' })
  deleteFiscalDivision(
    @Ctx() ctx: Context,
    @Arg('code', { description: 'The 9-digit division code (MOF_DIV_CODE).' }) code: string,
  ) {
    return fiscalService.deleteFiscalDivision(ctx, code);
  }
}

@Resolver(() => FinanceDivision)
export class FinanceDivisionResolver {
  @Authorized(Permission.ReadReference)
  @Query(() => FinanceDivision, { description: 'One finance bureau division by id; NOT_FOUND when there is none.' })
  financeDivision(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the finance division.' }) id: string,
  ) {
    return fiscalReads.financeDivisionOr404(ctx, id);
  }

  @Authorized(Permission.ReadReference)
  @Query(() => FinanceDivisionList, { description: 'Finance bureau divisions (财政局内设处室).' })
  financeDivisions(@Ctx() ctx: Context, @Args() args: FinanceDivisionListArgs) {
    return fiscalReads.financeDivisions(ctx, args);
  }

  @FieldResolver(() => [Department], {
    description: 'The departments this expenditure division manages (谁分配资金，谁审核目标).',
  })
  departments(@Ctx() ctx: Context, @Parent() d: FinanceDivision) {
    return fiscalReads.managedDepartments(ctx, d.id);
  }

  @Authorized(Permission.ManageReference)
  @Mutation(() => FinanceDivision, { description: 'Adds a finance bureau division in your tree (ADMIN).' })
  createFinanceDivision(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The new division.' }) input: CreateFinanceDivisionInput,
  ) {
    return fiscalService.createFinanceDivision(ctx, input);
  }

  @Authorized(Permission.ManageReference)
  @Mutation(() => FinanceDivision, { description: 'Changes a finance bureau division of your tree (ADMIN).' })
  updateFinanceDivision(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the finance division.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateFinanceDivisionInput,
  ) {
    return fiscalService.updateFinanceDivision(ctx, id, input);
  }

  @Authorized(Permission.ManageReference)
  @Mutation(() => Boolean, {
    description:
      'Deletes a finance division of your tree that manages nothing, reviewed nothing and has no users (ADMIN).',
  })
  deleteFinanceDivision(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the finance division.' }) id: string,
  ) {
    return fiscalService.deleteFinanceDivision(ctx, id);
  }
}

@Resolver(() => Department)
export class DepartmentResolver {
  @Authorized(Permission.ReadReference)
  @Query(() => Department, { description: 'One department by id; NOT_FOUND when there is none.' })
  department(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the department.' }) id: string) {
    return fiscalReads.departmentOr404(ctx, id);
  }

  @Authorized(Permission.ReadReference)
  @Query(() => DepartmentList, { description: 'Budget departments and units (预算部门 / 预算单位).' })
  departments(@Ctx() ctx: Context, @Args() args: DepartmentListArgs) {
    return fiscalReads.departments(ctx, args);
  }

  @FieldResolver(() => FiscalDivision, { description: 'The fiscal division (财政区划) it belongs to.' })
  fiscalDivision(@Ctx() ctx: Context, @Parent() d: Department) {
    return fiscalReads.fiscalDivision(ctx, d.fiscalDivisionCode);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The first-level unit this unit belongs to.' })
  parent(@Ctx() ctx: Context, @Parent() d: Department) {
    return d.parentId ? fiscalReads.department(ctx, d.parentId) : null;
  }

  @FieldResolver(() => [Department], { description: 'Child units (下属单位).' })
  children(@Ctx() ctx: Context, @Parent() d: Department) {
    return fiscalReads.departmentChildren(ctx, d.id);
  }

  @FieldResolver(() => FinanceDivision, { nullable: true, description: 'The expenditure division that manages it.' })
  managingDivision(@Ctx() ctx: Context, @Parent() d: Department) {
    return d.managingDivisionId ? fiscalReads.financeDivision(ctx, d.managingDivisionId) : null;
  }

  @Authorized(Permission.ManageReference)
  @Mutation(() => Department, { description: 'Adds a budget department or unit in your tree (ADMIN).' })
  createDepartment(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The new department.' }) input: CreateDepartmentInput,
  ) {
    return fiscalService.createDepartment(ctx, input);
  }

  @Authorized(Permission.ManageReference)
  @Mutation(() => Department, { description: 'Changes a department of your tree (ADMIN).' })
  updateDepartment(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the department.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateDepartmentInput,
  ) {
    return fiscalService.updateDepartment(ctx, id, input);
  }

  @Authorized(Permission.ManageReference)
  @Mutation(() => Boolean, {
    description: 'Deletes a department of your tree that has no units, projects, targets, indicators or users (ADMIN).',
  })
  deleteDepartment(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the department.' }) id: string) {
    return fiscalService.deleteDepartment(ctx, id);
  }
}

@Resolver(() => FunctionClass)
export class FunctionClassResolver {
  @Authorized(Permission.ReadReference)
  @Query(() => FunctionClass, { description: 'One function class by code; NOT_FOUND when there is none.' })
  functionClass(
    @Ctx() ctx: Context,
    @Arg('code', { description: 'The function class code, e.g. 205 or 20502.' }) code: string,
  ) {
    return fiscalReads.functionClassOr404(ctx, code);
  }

  @Authorized(Permission.ReadReference)
  @Query(() => FunctionClassList, { description: 'Function classes of expenditure (支出功能分类).' })
  functionClasses(@Ctx() ctx: Context, @Args() args: FunctionClassListArgs) {
    return fiscalReads.functionClasses(ctx, args);
  }

  @FieldResolver(() => FunctionClass, {
    nullable: true,
    description: 'The class one level up (the 类 of a 款, the 款 of a 项); null at the top.',
  })
  parent(@Ctx() ctx: Context, @Parent() f: FunctionClass) {
    return f.parentCode ? fiscalReads.functionClass(ctx, f.parentCode) : null;
  }

  @FieldResolver(() => [FunctionClass], { description: 'The classes one level down, in code order.' })
  children(@Ctx() ctx: Context, @Parent() f: FunctionClass) {
    return fiscalReads.functionClassChildren(ctx, f.code);
  }

  @Authorized(Permission.ManageReference)
  @Mutation(() => FunctionClass, {
    description: 'Adds a function class code; its parent must exist (ADMIN; national reference data).',
  })
  createFunctionClass(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The new function class.' }) input: CreateFunctionClassInput,
  ) {
    return fiscalService.createFunctionClass(ctx, input);
  }

  @Authorized(Permission.ManageReference)
  @Mutation(() => FunctionClass, { description: 'Renames a function class (ADMIN).' })
  updateFunctionClass(
    @Ctx() ctx: Context,
    @Arg('code', { description: 'The function class code, e.g. 205 or 20502.' }) code: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateFunctionClassInput,
  ) {
    return fiscalService.updateFunctionClass(ctx, code, input);
  }

  @Authorized(Permission.ManageReference)
  @Mutation(() => Boolean, { description: 'Deletes a function class that has no sub-classes and no projects (ADMIN).' })
  deleteFunctionClass(
    @Ctx() ctx: Context,
    @Arg('code', { description: 'The function class code, e.g. 205 or 20502.' }) code: string,
  ) {
    return fiscalService.deleteFunctionClass(ctx, code);
  }
}
