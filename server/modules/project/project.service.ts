import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import { DomainError } from '../../shared/errors';
import { fresh } from '../../shared/loaders';
import { assertDepartmentInScope } from '../../shared/scope';
import {
  applyPatch,
  assertAbsent,
  assertUnreferenced,
  assertVersion,
  type ReferenceCheck,
  reference,
  toId,
} from '../../shared/writes';
import {
  DepartmentEntity,
  expenditureDivision,
  FinanceDivisionEntity,
  FiscalDivisionEntity,
  FunctionClassEntity,
} from '../fiscal';
import { projectInScope, visibleProjectReference } from './project.access';
import { auditUnderProject } from './project.audit';
import { ProjectEntity } from './project.entity';
import { ProjectPhase } from './project.enums';
import type { CreateProjectInput, UpdateProjectInput } from './project.inputs';
import { projectTable } from './project.reads';
import type { Project } from './project.types';

/** A project's scalar fields for the audit trail (references as ids). */
function projectFields(p: ProjectEntity): Record<string, unknown> {
  return {
    code: p.code,
    name: p.name,
    departmentId: p.department.id,
    managingDivisionId: p.managingDivision?.id ?? null,
    category: p.category ?? null,
    attribute: p.attribute,
    startYear: p.startYear,
    termYears: p.termYears,
    functionClassCode: p.functionClass?.code ?? null,
    budgetType: p.budgetType,
    majorPolicy: p.majorPolicy,
    specialFund: p.specialFund,
    transferPayment: p.transferPayment,
    phase: p.phase,
    parentId: p.parent?.id ?? null,
    description: p.description ?? null,
  };
}

/** What keeps a project from being deleted. */
const PROJECT_REFERENCES: readonly ReferenceCheck[] = [
  { label: 'budgets', table: 'project_budget', column: 'project_id' },
  { label: 'performance targets', table: 'performance_target', column: 'project_id' },
  { label: 'ex-ante assessments', table: 'ex_ante_assessment', column: 'project_id' },
  { label: 'child projects', table: 'project', column: 'parent_id' },
  { label: 'budgets merged into it', table: 'project_budget', column: 'merged_into_id' },
];

async function departmentIn(em: EntityManager, id: string, fiscalDivisionCode: string): Promise<DepartmentEntity> {
  const department = await reference(em, DepartmentEntity, 'departmentId', id);
  if (department.fiscalDivision.code !== fiscalDivisionCode) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `${department.name} belongs to fiscal division ${department.fiscalDivision.code}, not ${fiscalDivisionCode}; choose a department of the project’s division.`,
      { field: 'departmentId' },
    );
  }
  return department;
}

/**
 * The policy project a second-level item (二级项目) belongs to: first-level, in the same department, and one the
 * caller can see (one it cannot is answered like one that does not exist).
 */
async function parentProject(
  ctx: Context,
  em: EntityManager,
  id: string,
  self: ProjectEntity | undefined,
  department: DepartmentEntity,
): Promise<ProjectEntity> {
  const parent = await visibleProjectReference(ctx, em, 'parentId', id);
  if (self && parent.id === self.id) {
    throw new DomainError('BAD_USER_INPUT', 'A project cannot be its own parent.', { field: 'parentId' });
  }
  if (parent.parent) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `${parent.name} is itself a second-level item; choose a first-level policy project as parent.`,
      { field: 'parentId' },
    );
  }
  if (parent.department.id !== department.id) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `The parent project ${parent.name} belongs to another department; a second-level item must be in the department of its policy project.`,
      { field: 'parentId' },
    );
  }
  return parent;
}

async function assertCodeFree(em: EntityManager, fiscalDivisionCode: string, code: string): Promise<void> {
  await assertAbsent(
    em.count(ProjectEntity, { fiscalDivision: { code: fiscalDivisionCode }, code }),
    `Project ${code} in ${fiscalDivisionCode}`,
  );
}

/** A department a project is put in: the caller's own (or a child unit), else NOT_FOUND. */
async function assertDepartmentWritable(ctx: Context, em: EntityManager, department: DepartmentEntity, id: string) {
  await assertDepartmentInScope(ctx, em, department.id, { type: 'Department', id });
}

/**
 * The project library (项目库): projects of the departments, with their managing expenditure division and, for
 * second-level items, their policy project. Every NEW major policy and special fund needs an ex-ante assessment.
 * Only department roles write projects, and only in their own department and its child units (WriteProject and the
 * department scope): a project of another department answers NOT_FOUND, as if it did not exist.
 */
export const projectService = {
  // Every lookup happens before the entity changes: a query on a changed unit of work would flush it early (MikroORM's
  // auto-flush) and count the version up twice.
  async createProject(ctx: Context, input: CreateProjectInput): Promise<Project> {
    const id = await ctx.em.transactional(async (em) => {
      const fiscalDivision = await reference(
        em,
        FiscalDivisionEntity,
        'fiscalDivisionCode',
        input.fiscalDivisionCode,
        'code',
      );
      const department = await departmentIn(em, input.departmentId, fiscalDivision.code);
      await assertDepartmentWritable(ctx, em, department, input.departmentId);
      await assertCodeFree(em, fiscalDivision.code, input.code);
      // "Whoever allocates the money reviews the target": by default the department's own expenditure division.
      const managingDivision = input.managingDivisionId
        ? await expenditureDivision(em, input.managingDivisionId, fiscalDivision.code)
        : department.managingDivision;
      const functionClass = input.functionClassCode
        ? await reference(em, FunctionClassEntity, 'functionClassCode', input.functionClassCode, 'code')
        : undefined;
      const parent = input.parentId ? await parentProject(ctx, em, input.parentId, undefined, department) : undefined;
      const project = em.create(ProjectEntity, {
        fiscalDivision,
        code: input.code,
        name: input.name,
        department,
        managingDivision,
        category: input.category,
        attribute: input.attribute,
        startYear: input.startYear,
        termYears: input.termYears ?? 1,
        functionClass,
        budgetType: input.budgetType,
        majorPolicy: input.majorPolicy ?? false,
        specialFund: input.specialFund ?? false,
        transferPayment: input.transferPayment ?? false,
        phase: input.phase ?? ProjectPhase.CANDIDATE,
        parent,
        description: input.description,
      });
      await em.flush();
      auditUnderProject(ctx, em, project, { type: 'Project', id: project.id }, 'create', null, projectFields(project));
      return project.id;
    });
    return fresh(ctx, projectTable, 'id', id);
  },

  async updateProject(ctx: Context, id: string, input: UpdateProjectInput): Promise<Project> {
    await ctx.em.transactional(async (em) => {
      const project = await projectInScope(ctx, em, id);
      assertVersion(project.version, input.version, `Project ${project.code}`);
      const before = projectFields(project);
      const divisionCode = project.fiscalDivision.code;
      if (input.code && input.code !== project.code) await assertCodeFree(em, divisionCode, input.code);
      const hasChildren = async () => (await em.count(ProjectEntity, { parent: project })) > 0;

      // undefined: unchanged; null: cleared.
      let department: DepartmentEntity | undefined;
      if (input.departmentId && toId(input.departmentId, 'departmentId') !== project.department.id) {
        department = await departmentIn(em, input.departmentId, divisionCode);
        await assertDepartmentWritable(ctx, em, department, input.departmentId);
        if (await hasChildren()) {
          throw new DomainError(
            'BAD_USER_INPUT',
            `${project.name} has second-level items in its department; detach them (parentId null) before moving it.`,
            { field: 'departmentId' },
          );
        }
      }
      let managingDivision: FinanceDivisionEntity | null | undefined;
      if (input.managingDivisionId === null) managingDivision = null;
      else if (input.managingDivisionId !== undefined) {
        managingDivision = await expenditureDivision(em, input.managingDivisionId, divisionCode);
      } else if (department) {
        // The managing division follows the department unless the caller names one.
        managingDivision = department.managingDivision ?? null;
      }
      let functionClass: FunctionClassEntity | null | undefined;
      if (input.functionClassCode === null) functionClass = null;
      else if (input.functionClassCode !== undefined) {
        functionClass = await reference(em, FunctionClassEntity, 'functionClassCode', input.functionClassCode, 'code');
      }
      let parent: ProjectEntity | null | undefined;
      if (input.parentId === null) parent = null;
      else if (input.parentId !== undefined) {
        if (await hasChildren()) {
          throw new DomainError(
            'BAD_USER_INPUT',
            `${project.name} has second-level items, so it must stay a first-level project.`,
            { field: 'parentId' },
          );
        }
        parent = await parentProject(ctx, em, input.parentId, project, department ?? project.department);
      } else if (department && project.parent) {
        const current = await em.findOneOrFail(ProjectEntity, project.parent.id);
        if (current.department.id !== department.id) {
          throw new DomainError(
            'BAD_USER_INPUT',
            `${project.name} is a second-level item of ${current.name}, which stays in its department; clear parentId to move it.`,
            { field: 'departmentId' },
          );
        }
      }

      applyPatch(project, {
        code: input.code ?? undefined,
        name: input.name ?? undefined,
        attribute: input.attribute ?? undefined,
        startYear: input.startYear ?? undefined,
        termYears: input.termYears ?? undefined,
        budgetType: input.budgetType ?? undefined,
        majorPolicy: input.majorPolicy ?? undefined,
        specialFund: input.specialFund ?? undefined,
        transferPayment: input.transferPayment ?? undefined,
        phase: input.phase ?? undefined,
        department,
        // Nullable columns are cleared with null (the entity types them as optional).
        category: input.category,
        description: input.description,
        managingDivision,
        functionClass,
        parent,
      });
      auditUnderProject(
        ctx,
        em,
        project,
        { type: 'Project', id: project.id },
        'update',
        before,
        projectFields(project),
      );
    });
    return fresh(ctx, projectTable, 'id', toId(id));
  },

  async deleteProject(ctx: Context, id: string): Promise<boolean> {
    await ctx.em.transactional(async (em) => {
      const project = await projectInScope(ctx, em, id);
      await assertUnreferenced(em, `Project ${project.code} (${project.name})`, project.id, PROJECT_REFERENCES);
      auditUnderProject(ctx, em, project, { type: 'Project', id: project.id }, 'delete', projectFields(project), null);
      em.remove(project);
    });
    return true;
  },
};
