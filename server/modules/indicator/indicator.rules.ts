import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import { DomainError, notFound } from '../../shared/errors';
import { reference, toId } from '../../shared/writes';
import { DepartmentEntity, FiscalDivisionEntity } from '../fiscal';
import { type IndicatorEntity, IndicatorFrameworkNodeEntity } from './indicator.entity';
import { Comparator, IndicatorScope, IndicatorStatus, ValueType, Visibility } from './indicator.enums';

/** BAD_USER_INPUT naming the input field. */
export const bad = (message: string, field: string) => new DomainError('BAD_USER_INPUT', message, { field });

function viewerDivision(ctx: Pick<Context, 'viewer'>): string {
  if (!ctx.viewer) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  return ctx.viewer.fiscalDivisionCode;
}

/**
 * The fiscal division a new library row goes into: the curator's own. Another division answers INVALID_REFERENCE,
 * the same as a code that does not exist.
 */
export async function ownDivision(
  ctx: Pick<Context, 'viewer'>,
  em: EntityManager,
  code: string,
): Promise<FiscalDivisionEntity> {
  if (code !== viewerDivision(ctx)) {
    throw new DomainError('INVALID_REFERENCE', `fiscalDivisionCode "${code}" does not refer to an existing record.`, {
      field: 'fiscalDivisionCode',
    });
  }
  return reference(em, FiscalDivisionEntity, 'fiscalDivisionCode', code, 'code');
}

/** A library row a write names must be of the curator's own fiscal division; another's answers NOT_FOUND. */
export function assertOwnDivision(
  ctx: Pick<Context, 'viewer'>,
  row: { fiscalDivision: { code: string } },
  type: string,
  id: string,
): void {
  if (row.fiscalDivision.code !== viewerDivision(ctx)) throw notFound(type, id);
}

/** An owning department, which must belong to the same fiscal division. */
export async function ownerIn(em: EntityManager, id: string, fiscalDivisionCode: string): Promise<DepartmentEntity> {
  const owner = await reference(em, DepartmentEntity, 'ownerDepartmentId', id);
  if (owner.fiscalDivision.code !== fiscalDivisionCode) {
    throw bad(
      `${owner.name} belongs to another fiscal division; choose a department of ${fiscalDivisionCode}.`,
      'ownerDepartmentId',
    );
  }
  return owner;
}

async function level1Node(em: EntityManager, id: string): Promise<IndicatorFrameworkNodeEntity> {
  const node = await reference(em, IndicatorFrameworkNodeEntity, 'level1NodeId', id);
  if (node.level !== 1) {
    throw bad(
      `${node.name} is a level-2 dimension; give it as level2NodeId or choose a level-1 dimension.`,
      'level1NodeId',
    );
  }
  return node;
}

/** The level-1 / level-2 pair of an indicator: level 1 is the parent of level 2 when level 2 is given. */
export async function dimensions(
  em: EntityManager,
  level1Id: string | undefined,
  level2Id: string | undefined,
): Promise<{ level1: IndicatorFrameworkNodeEntity; level2: IndicatorFrameworkNodeEntity | undefined }> {
  if (level2Id === undefined) {
    if (level1Id === undefined) {
      throw bad('Give level2NodeId (二级指标), or level1NodeId (一级指标) when there is no level 2.', 'level1NodeId');
    }
    return { level1: await level1Node(em, level1Id), level2: undefined };
  }
  const level2 = await reference(em, IndicatorFrameworkNodeEntity, 'level2NodeId', level2Id);
  if (level2.level !== 2 || !level2.parent) {
    throw bad(
      `${level2.name} is a level-1 dimension; give it as level1NodeId or choose a level-2 dimension.`,
      'level2NodeId',
    );
  }
  if (level1Id !== undefined && toId(level1Id, 'level1NodeId') !== level2.parent.id) {
    throw bad(
      `${level2.name} does not belong to the level-1 dimension ${level1Id}; omit level1NodeId and it follows from level 2.`,
      'level1NodeId',
    );
  }
  return { level1: level2.parent, level2 };
}

/** The rules every draft definition must satisfy, checked on the whole definition after a create or a patch. */
export function checkDefinition(i: IndicatorEntity): void {
  if ((i.valueType === ValueType.QUALITATIVE) !== (i.defaultComparator === Comparator.QUALITATIVE)) {
    throw bad(
      `valueType ${i.valueType} does not fit comparator ${i.defaultComparator}: use valueType QUALITATIVE exactly when the comparator is QUALITATIVE (定性).`,
      'valueType',
    );
  }
  if (i.defaultComparator !== Comparator.QUALITATIVE && !i.defaultUnit?.trim()) {
    throw new DomainError(
      'UNIT_REQUIRED',
      `A unit (计量单位) is required for the quantitative indicator ${i.name}: give defaultUnit such as 人次 or %, or make the comparator QUALITATIVE.`,
      { field: 'defaultUnit' },
    );
  }
  if (i.category.scope !== i.scope) {
    throw bad(
      `The category ${i.category.code} ${i.category.name} is in the ${i.category.scope} library; choose a ${i.scope} category or change the scope.`,
      'categoryId',
    );
  }
  if (i.category.fiscalDivision.code !== i.fiscalDivision.code) {
    throw bad(`The category ${i.category.name} belongs to another fiscal division.`, 'categoryId');
  }
  if ((i.scope === IndicatorScope.DEPARTMENT || i.visibility === Visibility.PRIVATE) && !i.ownerDepartment) {
    throw bad(
      'A DEPARTMENT-scope or PRIVATE indicator needs its owning department: give ownerDepartmentId.',
      'ownerDepartmentId',
    );
  }
  // A department's library is its own (and its units'): no filing into another department's categories.
  const categoryOwner = i.category.ownerDepartment?.id;
  const owner = i.ownerDepartment;
  if (
    i.scope === IndicatorScope.DEPARTMENT &&
    categoryOwner !== undefined &&
    owner &&
    owner.id !== categoryOwner &&
    owner.parent?.id !== categoryOwner
  ) {
    throw bad(
      `The category ${i.category.code} ${i.category.name} is another department's library; choose a category of your own department.`,
      'categoryId',
    );
  }
  if (i.validFrom && i.validTo && i.validFrom > i.validTo) {
    throw bad(`validTo ${i.validTo} is before validFrom ${i.validFrom}.`, 'validTo');
  }
}

export function assertDraft(i: IndicatorEntity, action: string): void {
  if (i.status !== IndicatorStatus.DRAFT) {
    throw new DomainError(
      'INDICATOR_IMMUTABLE',
      `Indicator ${i.code} version ${i.versionNo} is ${i.status}, and a published version never changes, so it cannot be ${action}. Propose a MODIFY (or RETIRE) through the admission queue (指标入库审核) instead.`,
      { id: String(i.id), status: i.status },
    );
  }
}

/** A value for an optional column from an update: undefined keeps it, null (or blank) clears it. */
export const optional = (v: string | null | undefined): string | null | undefined =>
  v === undefined ? undefined : v === null || v.trim() === '' ? null : v;
