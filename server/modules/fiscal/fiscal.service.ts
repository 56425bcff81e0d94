import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import { DomainError, notFound } from '../../shared/errors';
import { fresh } from '../../shared/loaders';
import { rows } from '../../shared/sql';
import { applyPatch, assertAbsent, assertUnreferenced, loadOr404, reference, toId } from '../../shared/writes';
import { auditService } from '../audit';
import { DepartmentEntity, FinanceDivisionEntity, FiscalDivisionEntity, FunctionClassEntity } from './fiscal.entity';
import { FinanceDivisionKind } from './fiscal.enums';
import type {
  CreateDepartmentInput,
  CreateFinanceDivisionInput,
  CreateFiscalDivisionInput,
  CreateFunctionClassInput,
  UpdateDepartmentInput,
  UpdateFinanceDivisionInput,
  UpdateFiscalDivisionInput,
  UpdateFunctionClassInput,
} from './fiscal.inputs';
import { departmentTable, financeDivisionTable, fiscalDivisionTable, functionClassTable } from './fiscal.reads';
import type { Department, FinanceDivision, FiscalDivision, FunctionClass } from './fiscal.types';

type Snapshot = Record<string, unknown>;

const divisionFields = (d: FiscalDivisionEntity): Snapshot => ({
  code: d.code,
  name: d.name,
  level: d.level,
  parentCode: d.parent?.code ?? null,
});

const financeDivisionFields = (d: FinanceDivisionEntity): Snapshot => ({
  fiscalDivisionCode: d.fiscalDivision.code,
  code: d.code,
  name: d.name,
  kind: d.kind,
});

const departmentFields = (d: DepartmentEntity): Snapshot => ({
  fiscalDivisionCode: d.fiscalDivision.code,
  code: d.code,
  name: d.name,
  kind: d.kind,
  parentId: d.parent?.id ?? null,
  managingDivisionId: d.managingDivision?.id ?? null,
  industryPilot: d.industryPilot,
});

const functionClassFields = (f: FunctionClassEntity): Snapshot => ({
  code: f.code,
  name: f.name,
  level: f.level,
  parentCode: f.parent?.code ?? null,
});

/** Records a create, update or delete of reference data in the audit trail, in the transaction of the change. */
function audit(
  ctx: Context,
  em: EntityManager,
  subject: { type: string; id: string | number; fiscalDivisionCode: string; departmentId?: number },
  action: 'create' | 'update' | 'delete',
  before: Snapshot | null,
  after: Snapshot | null,
): void {
  auditService.record(ctx, em, {
    fiscalDivisionCode: subject.fiscalDivisionCode,
    subjectType: subject.type,
    subjectId: subject.id,
    departmentId: subject.departmentId ?? null,
    action,
    before,
    after,
  });
}

const divisionSubject = (d: FiscalDivisionEntity) => ({
  type: 'FiscalDivision',
  id: d.code,
  fiscalDivisionCode: d.code,
});
const financeSubject = (d: FinanceDivisionEntity) => ({
  type: 'FinanceDivision',
  id: d.id,
  fiscalDivisionCode: d.fiscalDivision.code,
});
const departmentSubject = (d: DepartmentEntity) => ({
  type: 'Department',
  id: d.id,
  fiscalDivisionCode: d.fiscalDivision.code,
  departmentId: d.id,
});
/** Function classes are national; their changes are recorded under the acting ADMIN's division. */
const functionClassSubject = (ctx: Context, f: FunctionClassEntity) => ({
  type: 'FunctionClass',
  id: f.code,
  fiscalDivisionCode: ctx.viewer?.fiscalDivisionCode ?? '',
});

/** Tables whose rows carry a fiscal division code, for the delete check. */
const DIVISION_REFERENCES = [
  { label: 'child divisions', table: 'fiscal_division', column: 'parent_code' },
  { label: 'departments', table: 'department', column: 'fiscal_division_code' },
  { label: 'finance divisions', table: 'finance_division', column: 'fiscal_division_code' },
  { label: 'users', table: 'app_user', column: 'fiscal_division_code' },
  { label: 'indicator categories', table: 'indicator_category', column: 'fiscal_division_code' },
  { label: 'indicators', table: 'indicator', column: 'fiscal_division_code' },
  { label: 'indicator change requests', table: 'indicator_change_request', column: 'fiscal_division_code' },
  { label: 'indicator change approvals', table: 'indicator_change_approval', column: 'fiscal_division_code' },
  { label: 'projects', table: 'project', column: 'fiscal_division_code' },
  { label: 'project budgets', table: 'project_budget', column: 'fiscal_division_code' },
  { label: 'ex-ante assessments', table: 'ex_ante_assessment', column: 'fiscal_division_code' },
  { label: 'performance targets', table: 'performance_target', column: 'fiscal_division_code' },
  { label: 'regional targets', table: 'performance_target', column: 'region_code' },
  { label: 'target indicator rows', table: 'target_indicator', column: 'fiscal_division_code' },
  { label: 'target reviews', table: 'target_review', column: 'fiscal_division_code' },
];

const DEPARTMENT_REFERENCES = [
  { label: 'child units', table: 'department', column: 'parent_id' },
  { label: 'projects', table: 'project', column: 'department_id' },
  { label: 'performance targets', table: 'performance_target', column: 'department_id' },
  { label: 'indicator categories', table: 'indicator_category', column: 'owner_department_id' },
  { label: 'indicators', table: 'indicator', column: 'owner_department_id' },
  { label: 'indicator change requests', table: 'indicator_change_request', column: 'department_id' },
  { label: 'users', table: 'app_user', column: 'department_id' },
];

const FINANCE_DIVISION_REFERENCES = [
  { label: 'managed departments', table: 'department', column: 'managing_division_id' },
  { label: 'projects', table: 'project', column: 'managing_division_id' },
  { label: 'target reviews', table: 'target_review', column: 'organisation_id' },
  { label: 'users', table: 'app_user', column: 'finance_division_id' },
];

const FUNCTION_CLASS_REFERENCES = [
  { label: 'sub-classes', table: 'function_class', column: 'parent_code' },
  { label: 'projects', table: 'project', column: 'function_class_code' },
];

/**
 * Whether a fiscal division is the signed-in ADMIN's own or one below it (following `parent_code` up; `union` stops
 * on a cycle). An ADMIN keeps the reference data of its own tree: a city's ADMIN also its districts', never a
 * neighbour's.
 */
async function inAdminTree(ctx: Context, em: EntityManager, code: string): Promise<boolean> {
  if (!ctx.viewer) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  const found = await rows<{ code: string }>(
    { em },
    `with recursive up(code, parent_code) as (
       select code, parent_code from fiscal_division where code = ?
       union
       select f.code, f.parent_code from fiscal_division f join up on f.code = up.parent_code
     ) select code from up where code = ?`,
    [code, ctx.viewer.fiscalDivisionCode],
  );
  return found.length > 0;
}

/** The row a write names must be in the ADMIN's tree; outside it, it answers as if it did not exist (NOT_FOUND). */
async function assertInTree(ctx: Context, em: EntityManager, code: string, type: string, id: string): Promise<void> {
  if (!(await inAdminTree(ctx, em, code))) throw notFound(type, id);
}

/**
 * A fiscal division an input refers to (a new row's division, a new division's parent): it must exist and be in the
 * ADMIN's tree; otherwise INVALID_REFERENCE, the same answer as for a code that does not exist.
 */
async function divisionInTree(ctx: Context, em: EntityManager, field: string, code: string) {
  const division = await reference(em, FiscalDivisionEntity, field, code, 'code');
  if (!(await inAdminTree(ctx, em, division.code))) {
    throw new DomainError('INVALID_REFERENCE', `${field} "${code}" does not refer to an existing record.`, { field });
  }
  return division;
}

/** The expenditure division (支出处室) named by an input, which must manage departments of the same fiscal division. */
export async function expenditureDivision(
  em: EntityManager,
  id: string,
  fiscalDivisionCode: string,
): Promise<FinanceDivisionEntity> {
  const division = await reference(em, FinanceDivisionEntity, 'managingDivisionId', id);
  if (division.kind !== FinanceDivisionKind.EXPENDITURE) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `managingDivisionId must name an expenditure division (支出处室); ${division.name} is ${division.kind}.`,
      { field: 'managingDivisionId' },
    );
  }
  if (division.fiscalDivision.code !== fiscalDivisionCode) {
    throw new DomainError('BAD_USER_INPUT', `${division.name} belongs to another fiscal division.`, {
      field: 'managingDivisionId',
    });
  }
  return division;
}

async function parentDepartment(
  em: EntityManager,
  id: string,
  self: DepartmentEntity | undefined,
  fiscalDivisionCode: string,
) {
  const parent = await reference(em, DepartmentEntity, 'parentId', id);
  if (self && parent.id === self.id) {
    throw new DomainError('BAD_USER_INPUT', 'A department cannot be its own parent.', { field: 'parentId' });
  }
  if (parent.parent) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `${parent.name} is itself a child unit; choose a first-level unit as parent.`,
      {
        field: 'parentId',
      },
    );
  }
  if (parent.fiscalDivision.code !== fiscalDivisionCode) {
    throw new DomainError('BAD_USER_INPUT', `${parent.name} belongs to another fiscal division.`, {
      field: 'parentId',
    });
  }
  return parent;
}

/** Reference data of the bureau: fiscal divisions, finance divisions, departments and function classes. */
export const fiscalService = {
  async createFiscalDivision(ctx: Context, input: CreateFiscalDivisionInput): Promise<FiscalDivision> {
    await ctx.em.transactional(async (em) => {
      if (!input.parentCode) {
        throw new DomainError(
          'BAD_USER_INPUT',
          `Give parentCode: a new fiscal division sits under your own division (${ctx.viewer?.fiscalDivisionCode}) or one below it.`,
          { field: 'parentCode' },
        );
      }
      const parent = await divisionInTree(ctx, em, 'parentCode', input.parentCode);
      await assertAbsent(em.count(FiscalDivisionEntity, { code: input.code }), `Fiscal division ${input.code}`);
      const division = em.create(FiscalDivisionEntity, {
        code: input.code,
        name: input.name,
        level: input.level,
        parent,
      });
      audit(ctx, em, divisionSubject(division), 'create', null, divisionFields(division));
    });
    return fresh(ctx, fiscalDivisionTable, 'code', input.code);
  },

  async updateFiscalDivision(ctx: Context, code: string, input: UpdateFiscalDivisionInput): Promise<FiscalDivision> {
    await ctx.em.transactional(async (em) => {
      const division = await loadOr404(em, FiscalDivisionEntity, 'FiscalDivision', code, 'code');
      await assertInTree(ctx, em, division.code, 'FiscalDivision', code);
      const before = divisionFields(division);
      applyPatch(division, { name: input.name ?? undefined, level: input.level ?? undefined });
      audit(ctx, em, divisionSubject(division), 'update', before, divisionFields(division));
    });
    return fresh(ctx, fiscalDivisionTable, 'code', code);
  },

  async deleteFiscalDivision(ctx: Context, code: string): Promise<boolean> {
    await ctx.em.transactional(async (em) => {
      const division = await loadOr404(em, FiscalDivisionEntity, 'FiscalDivision', code, 'code');
      await assertInTree(ctx, em, division.code, 'FiscalDivision', code);
      await assertUnreferenced(em, `Fiscal division ${code}`, code, DIVISION_REFERENCES);
      audit(ctx, em, divisionSubject(division), 'delete', divisionFields(division), null);
      em.remove(division);
    });
    return true;
  },

  async createFinanceDivision(ctx: Context, input: CreateFinanceDivisionInput): Promise<FinanceDivision> {
    const id = await ctx.em.transactional(async (em) => {
      const fiscalDivision = await divisionInTree(ctx, em, 'fiscalDivisionCode', input.fiscalDivisionCode);
      await assertAbsent(
        em.count(FinanceDivisionEntity, { fiscalDivision, code: input.code }),
        `Finance division ${input.code} in ${input.fiscalDivisionCode}`,
      );
      const division = em.create(FinanceDivisionEntity, {
        fiscalDivision,
        code: input.code,
        name: input.name,
        kind: input.kind,
      });
      await em.flush();
      audit(ctx, em, financeSubject(division), 'create', null, financeDivisionFields(division));
      return division.id;
    });
    return fresh(ctx, financeDivisionTable, 'id', id);
  },

  async updateFinanceDivision(ctx: Context, id: string, input: UpdateFinanceDivisionInput): Promise<FinanceDivision> {
    await ctx.em.transactional(async (em) => {
      const division = await loadOr404(em, FinanceDivisionEntity, 'FinanceDivision', id);
      await assertInTree(ctx, em, division.fiscalDivision.code, 'FinanceDivision', id);
      if (input.code && input.code !== division.code) {
        await assertAbsent(
          em.count(FinanceDivisionEntity, { fiscalDivision: division.fiscalDivision, code: input.code }),
          `Finance division ${input.code}`,
        );
      }
      if (input.kind && input.kind !== division.kind && input.kind !== FinanceDivisionKind.EXPENDITURE) {
        // A division that manages departments must stay an expenditure division.
        await assertUnreferenced(em, `${division.name} (still an expenditure division)`, division.id, [
          FINANCE_DIVISION_REFERENCES[0]!,
        ]);
      }
      const before = financeDivisionFields(division);
      applyPatch(division, {
        code: input.code ?? undefined,
        name: input.name ?? undefined,
        kind: input.kind ?? undefined,
      });
      audit(ctx, em, financeSubject(division), 'update', before, financeDivisionFields(division));
    });
    return fresh(ctx, financeDivisionTable, 'id', toId(id));
  },

  async deleteFinanceDivision(ctx: Context, id: string): Promise<boolean> {
    await ctx.em.transactional(async (em) => {
      const division = await loadOr404(em, FinanceDivisionEntity, 'FinanceDivision', id);
      await assertInTree(ctx, em, division.fiscalDivision.code, 'FinanceDivision', id);
      await assertUnreferenced(em, `Finance division ${division.name}`, division.id, FINANCE_DIVISION_REFERENCES);
      audit(ctx, em, financeSubject(division), 'delete', financeDivisionFields(division), null);
      em.remove(division);
    });
    return true;
  },

  async createDepartment(ctx: Context, input: CreateDepartmentInput): Promise<Department> {
    const id = await ctx.em.transactional(async (em) => {
      const fiscalDivision = await divisionInTree(ctx, em, 'fiscalDivisionCode', input.fiscalDivisionCode);
      await assertAbsent(
        em.count(DepartmentEntity, { fiscalDivision, code: input.code }),
        `Department ${input.code} in ${input.fiscalDivisionCode}`,
      );
      const department = em.create(DepartmentEntity, {
        fiscalDivision,
        code: input.code,
        name: input.name,
        kind: input.kind,
        industryPilot: input.industryPilot ?? false,
      });
      if (input.parentId)
        department.parent = await parentDepartment(em, input.parentId, undefined, fiscalDivision.code);
      if (input.managingDivisionId) {
        department.managingDivision = await expenditureDivision(em, input.managingDivisionId, fiscalDivision.code);
      }
      await em.flush();
      audit(ctx, em, departmentSubject(department), 'create', null, departmentFields(department));
      return department.id;
    });
    return fresh(ctx, departmentTable, 'id', id);
  },

  async updateDepartment(ctx: Context, id: string, input: UpdateDepartmentInput): Promise<Department> {
    await ctx.em.transactional(async (em) => {
      const department = await loadOr404(em, DepartmentEntity, 'Department', id);
      await assertInTree(ctx, em, department.fiscalDivision.code, 'Department', id);
      const divisionCode = department.fiscalDivision.code;
      if (input.code && input.code !== department.code) {
        await assertAbsent(
          em.count(DepartmentEntity, { fiscalDivision: department.fiscalDivision, code: input.code }),
          `Department ${input.code} in ${divisionCode}`,
        );
      }
      const before = departmentFields(department);
      applyPatch(department, {
        code: input.code ?? undefined,
        name: input.name ?? undefined,
        kind: input.kind ?? undefined,
        industryPilot: input.industryPilot ?? undefined,
      });
      if (input.parentId === null) department.parent = undefined;
      else if (input.parentId !== undefined) {
        if ((await em.count(DepartmentEntity, { parent: department })) > 0) {
          throw new DomainError(
            'BAD_USER_INPUT',
            `${department.name} has child units, so it must stay a first-level unit.`,
            {
              field: 'parentId',
            },
          );
        }
        department.parent = await parentDepartment(em, input.parentId, department, divisionCode);
      }
      if (input.managingDivisionId === null) department.managingDivision = undefined;
      else if (input.managingDivisionId !== undefined) {
        department.managingDivision = await expenditureDivision(em, input.managingDivisionId, divisionCode);
      }
      audit(ctx, em, departmentSubject(department), 'update', before, departmentFields(department));
    });
    return fresh(ctx, departmentTable, 'id', toId(id));
  },

  async deleteDepartment(ctx: Context, id: string): Promise<boolean> {
    await ctx.em.transactional(async (em) => {
      const department = await loadOr404(em, DepartmentEntity, 'Department', id);
      await assertInTree(ctx, em, department.fiscalDivision.code, 'Department', id);
      await assertUnreferenced(em, `Department ${department.name}`, department.id, DEPARTMENT_REFERENCES);
      audit(ctx, em, departmentSubject(department), 'delete', departmentFields(department), null);
      em.remove(department);
    });
    return true;
  },

  async createFunctionClass(ctx: Context, input: CreateFunctionClassInput): Promise<FunctionClass> {
    await ctx.em.transactional(async (em) => {
      await assertAbsent(em.count(FunctionClassEntity, { code: input.code }), `Function class ${input.code}`);
      const level = (input.code.length - 1) / 2;
      const fc = em.create(FunctionClassEntity, { code: input.code, name: input.name, level });
      if (level > 1) {
        const parentCode = input.code.slice(0, input.code.length - 2);
        const parent = await em.findOne(FunctionClassEntity, { code: parentCode });
        if (!parent) {
          throw new DomainError('INVALID_REFERENCE', `Create the parent class ${parentCode} before ${input.code}.`, {
            field: 'code',
          });
        }
        fc.parent = parent;
      }
      audit(ctx, em, functionClassSubject(ctx, fc), 'create', null, functionClassFields(fc));
    });
    return fresh(ctx, functionClassTable, 'code', input.code);
  },

  async updateFunctionClass(ctx: Context, code: string, input: UpdateFunctionClassInput): Promise<FunctionClass> {
    await ctx.em.transactional(async (em) => {
      const fc = await loadOr404(em, FunctionClassEntity, 'FunctionClass', code, 'code');
      const before = functionClassFields(fc);
      fc.name = input.name;
      audit(ctx, em, functionClassSubject(ctx, fc), 'update', before, functionClassFields(fc));
    });
    return fresh(ctx, functionClassTable, 'code', code);
  },

  async deleteFunctionClass(ctx: Context, code: string): Promise<boolean> {
    await ctx.em.transactional(async (em) => {
      const fc = await loadOr404(em, FunctionClassEntity, 'FunctionClass', code, 'code');
      await assertUnreferenced(em, `Function class ${code}`, code, FUNCTION_CLASS_REFERENCES);
      audit(ctx, em, functionClassSubject(ctx, fc), 'delete', functionClassFields(fc), null);
      em.remove(fc);
    });
    return true;
  },
};
