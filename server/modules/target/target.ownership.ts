/**
 * Whom a new performance target belongs to (project, department, or a district's share of a transfer payment) and
 * which indicator framework it follows: the database side of the creation rules.
 */
import { LockMode, QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import { badInput, DomainError } from '../../shared/errors';
import { toFen } from '../../shared/money';
import { assertDepartmentInScope } from '../../shared/scope';
import { rows } from '../../shared/sql';
import { reference, toId } from '../../shared/writes';
import { DepartmentEntity, FiscalDivisionEntity } from '../fiscal';
import { IndicatorFrameworkEntity } from '../indicator';
import { ProjectEntity } from '../project';
import { PerformanceTargetEntity } from './target.entity';
import { TargetKind } from './target.enums';
import type { CreatePerformanceTargetInput } from './target.inputs';
import { checkSharesWithinParent, frameworkKindFor } from './target.rules';

/** Who a new target belongs to, worked out from its kind. */
export interface Owner {
  fiscalDivision: FiscalDivisionEntity;
  department: DepartmentEntity;
  project?: ProjectEntity;
  parent?: PerformanceTargetEntity;
  region?: FiscalDivisionEntity;
}

type OwnerField = 'projectId' | 'departmentId' | 'parentTargetId' | 'regionCode';

function mustOmit(input: CreatePerformanceTargetInput, fields: OwnerField[]): void {
  for (const field of fields) {
    if (input[field] !== undefined && input[field] !== null) {
      throw badInput(`A ${input.kind} target takes no ${field}; leave it out.`, field);
    }
  }
}

function required(input: CreatePerformanceTargetInput, field: OwnerField, what: string): string {
  const value = input[field];
  if (!value) throw badInput(`A ${input.kind} target needs ${field}: ${what}.`, field);
  return value;
}

const invalidReference = (field: string, id: string | number, what = 'record'): DomainError =>
  new DomainError('INVALID_REFERENCE', `${field} "${id}" does not refer to an existing ${what}.`, { field });

/**
 * A record named in the input must belong to a department the caller works on; one of another department answers
 * exactly like an id that does not exist (INVALID_REFERENCE), so that ids cannot be probed through the checks that
 * follow (duplicates, funds of regional shares, ...). Call it before any of them.
 */
export async function referenceInScope(
  ctx: Context,
  em: EntityManager,
  departmentId: number,
  field: string,
  id: string | number,
  what = 'record',
): Promise<void> {
  try {
    await assertDepartmentInScope(ctx, em, departmentId, { type: field, id });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'NOT_FOUND') throw invalidReference(field, id, what);
    throw err;
  }
}

function duplicateTarget(what: string, existing: PerformanceTargetEntity): DomainError {
  return new DomainError(
    'DUPLICATE',
    `${what} already has a target (performance target ${existing.id}); edit that one instead of creating another.`,
    { existingId: String(existing.id) },
  );
}

async function projectOwner(ctx: Context, em: EntityManager, input: CreatePerformanceTargetInput): Promise<Owner> {
  mustOmit(input, ['parentTargetId', 'regionCode']);
  const projectId = required(input, 'projectId', 'the project');
  const project = await reference(em, ProjectEntity, 'projectId', projectId);
  await referenceInScope(ctx, em, project.department.id, 'projectId', projectId);
  if (input.departmentId && toId(input.departmentId, 'departmentId') !== project.department.id) {
    throw badInput(`A project target belongs to its project's department; leave departmentId out.`, 'departmentId');
  }
  const existing = await em.findOne(PerformanceTargetEntity, {
    kind: TargetKind.PROJECT,
    project,
    fiscalYear: input.fiscalYear,
  });
  if (existing) throw duplicateTarget(`Project ${project.code} ${project.name} in ${input.fiscalYear}`, existing);
  return { fiscalDivision: project.fiscalDivision, department: project.department, project };
}

async function departmentOwner(ctx: Context, em: EntityManager, input: CreatePerformanceTargetInput): Promise<Owner> {
  mustOmit(input, ['projectId', 'parentTargetId', 'regionCode']);
  const id = required(input, 'departmentId', 'the department whose department-wide target (部门整体) it is');
  const department = await reference(em, DepartmentEntity, 'departmentId', id);
  await referenceInScope(ctx, em, department.id, 'departmentId', id);
  const existing = await em.findOne(PerformanceTargetEntity, {
    kind: TargetKind.DEPARTMENT,
    department,
    fiscalYear: input.fiscalYear,
  });
  if (existing) throw duplicateTarget(`Department ${department.name} in ${input.fiscalYear}`, existing);
  return { fiscalDivision: department.fiscalDivision, department };
}

/** The city-level transfer target a share is split from, locked so that concurrent shares cannot overshoot it. */
export async function lockedParent(em: EntityManager, id: string | number): Promise<PerformanceTargetEntity> {
  const parent = await em.findOne(PerformanceTargetEntity, toId(id, 'parentTargetId'), {
    lockMode: LockMode.PESSIMISTIC_WRITE,
  });
  if (!parent) throw invalidReference('parentTargetId', id, 'target');
  return parent;
}

/** The funds of a transfer target's regional shares, except one (the share being written), in cents. */
export async function sharedFunds(em: EntityManager, parentId: number, exceptId = 0): Promise<bigint> {
  const [r] = await rows<{ total: string }>(
    { em },
    `select coalesce(sum(funds), 0)::text as total from performance_target
      where parent_id = ? and kind = 'TRANSFER_REGIONAL' and id <> ?`,
    [parentId, exceptId],
  );
  return toFen(r?.total ?? '0');
}

async function regionalOwner(
  ctx: Context,
  em: EntityManager,
  input: CreatePerformanceTargetInput,
  funds: bigint,
): Promise<Owner> {
  mustOmit(input, ['projectId', 'departmentId']);
  const parentId = required(input, 'parentTargetId', 'the city-level target of the transfer payment');
  const regionCode = required(input, 'regionCode', 'the district or county that receives the share');
  const parent = await lockedParent(em, parentId);
  await referenceInScope(ctx, em, parent.department.id, 'parentTargetId', parentId, 'target');
  const project = parent.project ? await em.findOne(ProjectEntity, parent.project.id) : null;
  if (parent.kind !== TargetKind.PROJECT || !project) {
    throw badInput(
      `Target ${parent.id} is a ${parent.kind} target; regional shares split the PROJECT target of a transfer-payment project.`,
      'parentTargetId',
    );
  }
  if (!project.transferPayment) {
    throw badInput(
      `Project ${project.code} ${project.name} is not a transfer payment (转移支付), so its target cannot be split into regional shares; mark the project as a transfer payment first.`,
      'parentTargetId',
    );
  }
  if (input.fiscalYear !== parent.fiscalYear) {
    throw badInput(`A regional share has its parent's fiscal year, ${parent.fiscalYear}.`, 'fiscalYear');
  }
  const region = await reference(em, FiscalDivisionEntity, 'regionCode', regionCode, 'code');
  if (region.parent?.code !== parent.fiscalDivision.code) {
    throw badInput(
      `${region.name} (${region.code}) is not a district or county of ${parent.fiscalDivision.code}; choose one of its child divisions.`,
      'regionCode',
    );
  }
  const existing = await em.findOne(PerformanceTargetEntity, { kind: TargetKind.TRANSFER_REGIONAL, parent, region });
  if (existing) throw duplicateTarget(`${region.name}'s share of target ${parent.id}`, existing);
  checkSharesWithinParent(toFen(parent.funds), await sharedFunds(em, parent.id), funds);
  // The share stays in the city's fiscal division; the district is its region.
  return { fiscalDivision: parent.fiscalDivision, department: parent.department, project, parent, region };
}

/** The framework a target uses: the one named, or the default of its kind that applies to its year. */
export async function frameworkFor(
  em: EntityManager,
  kind: TargetKind,
  fiscalYear: number,
  frameworkId: string | undefined,
): Promise<IndicatorFrameworkEntity> {
  const wanted = frameworkKindFor(kind);
  if (frameworkId) {
    const framework = await reference(em, IndicatorFrameworkEntity, 'frameworkId', frameworkId);
    if (framework.kind !== wanted) {
      throw badInput(
        `Framework ${framework.name} is for ${framework.kind} targets; a ${kind} target needs a ${wanted} framework.`,
        'frameworkId',
      );
    }
    return framework;
  }
  const [framework] = await em.find(
    IndicatorFrameworkEntity,
    { kind: wanted, isDefault: true, $or: [{ fromYear: null }, { fromYear: { $lte: fiscalYear } }] },
    { orderBy: { fromYear: QueryOrder.DESC_NULLS_LAST, id: QueryOrder.DESC }, limit: 1 },
  );
  if (!framework) {
    throw badInput(
      `No default ${wanted} indicator framework applies to ${fiscalYear}; pass frameworkId, or mark a framework as the default.`,
      'frameworkId',
    );
  }
  return framework;
}

/**
 * The owner of a new target, by its kind, in a department the caller works on; `funds` (in cents) is checked against
 * a transfer target's shares.
 */
export function ownerOf(
  ctx: Context,
  em: EntityManager,
  input: CreatePerformanceTargetInput,
  funds: bigint,
): Promise<Owner> {
  if (input.kind === TargetKind.PROJECT) return projectOwner(ctx, em, input);
  if (input.kind === TargetKind.DEPARTMENT) return departmentOwner(ctx, em, input);
  return regionalOwner(ctx, em, input, funds);
}
