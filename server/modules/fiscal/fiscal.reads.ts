import type { Context } from '../../shared/context';
import { listPage, orderBy, type Page } from '../../shared/list';
import { orNotFound } from '../../shared/scope';
import { likeEscape, table, Where } from '../../shared/sql';
import { toId } from '../../shared/writes';
import type {
  DepartmentListArgs,
  FinanceDivisionListArgs,
  FiscalDivisionListArgs,
  FunctionClassListArgs,
} from './fiscal.inputs';
import type { Department, FinanceDivision, FiscalDivision, FunctionClass } from './fiscal.types';

export const fiscalDivisionTable = table<FiscalDivision>('fiscal_division', {
  code: 'code',
  name: 'name',
  level: 'level',
  parentCode: 'parent_code',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
});

export const financeDivisionTable = table<FinanceDivision>('finance_division', {
  id: 'id',
  fiscalDivisionCode: 'fiscal_division_code',
  code: 'code',
  name: 'name',
  kind: 'kind',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
});

export const departmentTable = table<Department>('department', {
  id: 'id',
  fiscalDivisionCode: 'fiscal_division_code',
  code: 'code',
  name: 'name',
  kind: 'kind',
  industryPilot: 'industry_pilot',
  parentId: 'parent_id',
  managingDivisionId: 'managing_division_id',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
});

export const functionClassTable = table<FunctionClass>('function_class', {
  code: 'code',
  name: 'name',
  level: 'level',
  parentCode: 'parent_code',
});

/** `code ilike %text% or name ilike %text%` (served by trigram indexes where they exist). */
export function searchCodeName(where: Where, text: string | undefined, alias = 't'): void {
  const trimmed = text?.trim();
  if (!trimmed) return;
  const pattern = `%${likeEscape(trimmed)}%`;
  where.add(`(${alias}.code ilike ? or ${alias}.name ilike ?)`, pattern, pattern);
}

export const fiscalReads = {
  fiscalDivision(ctx: Context, code: string): Promise<FiscalDivision | undefined> {
    return ctx.loaders.one(fiscalDivisionTable, 'code').load(code);
  },

  /** A single lookup: NOT_FOUND for an unknown code. */
  fiscalDivisionOr404(ctx: Context, code: string): Promise<FiscalDivision> {
    return orNotFound(fiscalReads.fiscalDivision(ctx, code), 'FiscalDivision', code);
  },

  fiscalDivisions(ctx: Context, args: FiscalDivisionListArgs): Promise<Page<FiscalDivision>> {
    const f = args.filter ?? {};
    const where = new Where().eq('t.level', f.level).eq('t.parent_code', f.parentCode);
    searchCodeName(where, f.search);
    const order = orderBy(args.sort, { CODE: 't.code', NAME: 't.name' }, 't.code asc', 't.code');
    return listPage(ctx, fiscalDivisionTable, where, order, args);
  },

  financeDivision(ctx: Context, id: string | number): Promise<FinanceDivision | undefined> {
    return ctx.loaders.one(financeDivisionTable).load(toId(id));
  },

  /** A single lookup: NOT_FOUND for an unknown id. */
  financeDivisionOr404(ctx: Context, id: string): Promise<FinanceDivision> {
    return orNotFound(fiscalReads.financeDivision(ctx, id), 'FinanceDivision', id);
  },

  financeDivisions(ctx: Context, args: FinanceDivisionListArgs): Promise<Page<FinanceDivision>> {
    const f = args.filter ?? {};
    const where = new Where().eq('t.fiscal_division_code', f.fiscalDivisionCode).eq('t.kind', f.kind);
    searchCodeName(where, f.search);
    const order = orderBy(args.sort, { CODE: 't.code', NAME: 't.name', KIND: 't.kind' }, 't.code asc');
    return listPage(ctx, financeDivisionTable, where, order, args);
  },

  department(ctx: Context, id: string | number): Promise<Department | undefined> {
    return ctx.loaders.one(departmentTable).load(toId(id));
  },

  /** Like `department`, but synchronous once this request loaded it (a batch, or a list that joined it). */
  departmentNow(ctx: Context, id: number): Department | undefined | Promise<Department | undefined> {
    return ctx.loaders.oneNow(departmentTable, id);
  },

  /** A single lookup: NOT_FOUND for an unknown id. */
  departmentOr404(ctx: Context, id: string): Promise<Department> {
    return orNotFound(fiscalReads.department(ctx, id), 'Department', id);
  },

  departments(ctx: Context, args: DepartmentListArgs): Promise<Page<Department>> {
    const f = args.filter ?? {};
    const where = new Where()
      .eq('t.fiscal_division_code', f.fiscalDivisionCode)
      .in(
        't.id',
        f.ids?.map((id) => toId(id, 'ids')),
      )
      .eq('t.parent_id', f.parentId === undefined ? undefined : toId(f.parentId, 'parentId'))
      .eq(
        't.managing_division_id',
        f.managingDivisionId === undefined ? undefined : toId(f.managingDivisionId, 'managingDivisionId'),
      )
      .eq('t.kind', f.kind)
      .eq('t.industry_pilot', f.industryPilot);
    if (f.topLevel === true) where.add('t.parent_id is null');
    if (f.topLevel === false) where.add('t.parent_id is not null');
    searchCodeName(where, f.search);
    const order = orderBy(args.sort, { CODE: 't.code', NAME: 't.name', CREATED_AT: 't.created_at' }, 't.code asc');
    return listPage(ctx, departmentTable, where, order, args);
  },

  /** The divisions one level down, batched across a page. */
  fiscalDivisionChildren(ctx: Context, code: string): Promise<FiscalDivision[]> {
    return ctx.loaders.many(fiscalDivisionTable, 'parent_code', 't.code').load(code);
  },

  /** The child units of a department, batched across a page. */
  departmentChildren(ctx: Context, parentId: number): Promise<Department[]> {
    return ctx.loaders.many(departmentTable, 'parent_id', 't.code').load(parentId);
  },

  /** The departments an expenditure division manages, batched across a page. */
  managedDepartments(ctx: Context, divisionId: number): Promise<Department[]> {
    return ctx.loaders.many(departmentTable, 'managing_division_id', 't.code').load(divisionId);
  },

  functionClass(ctx: Context, code: string): Promise<FunctionClass | undefined> {
    return ctx.loaders.one(functionClassTable, 'code').load(code);
  },

  /** A single lookup: NOT_FOUND for an unknown code. */
  functionClassOr404(ctx: Context, code: string): Promise<FunctionClass> {
    return orNotFound(fiscalReads.functionClass(ctx, code), 'FunctionClass', code);
  },

  functionClasses(ctx: Context, args: FunctionClassListArgs): Promise<Page<FunctionClass>> {
    const f = args.filter ?? {};
    const where = new Where().eq('t.level', f.level).eq('t.parent_code', f.parentCode);
    searchCodeName(where, f.search);
    const order = orderBy(args.sort, { CODE: 't.code', NAME: 't.name' }, 't.code asc', 't.code');
    return listPage(ctx, functionClassTable, where, order, args);
  },

  functionClassChildren(ctx: Context, code: string): Promise<FunctionClass[]> {
    return ctx.loaders.many(functionClassTable, 'parent_code', 't.code').load(code);
  },
};
