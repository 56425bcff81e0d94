import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../shared/errors';
import { rows } from '../../shared/sql';
import { reference } from '../../shared/writes';
import type { DepartmentEntity, FiscalDivisionEntity } from '../fiscal';
import {
  Comparator,
  checkDefinition,
  dimensions,
  IndicatorCategoryEntity,
  IndicatorEntity,
  IndicatorScope,
  ValueType,
  Visibility,
} from '../indicator';
import type { IndicatorDefinitionInput } from './admission.workflow.inputs';

/** The proposed definition as it is kept in the request's jsonb: the fields of a library indicator. */
export type Proposal = Record<string, unknown>;

const FIELDS = [
  'name',
  'scope',
  'categoryId',
  'level1NodeId',
  'level2NodeId',
  'explanation',
  'calculationMethod',
  'scoringRule',
  'defaultComparator',
  'defaultUnit',
  'valueType',
  'referenceValue',
  'dataSource',
  'visibility',
] as const;

const bad = (message: string, field: string) =>
  new DomainError('BAD_USER_INPUT', message, { field: `definition.${field}` });

/** A published indicator's definition, the starting point of a MODIFY or the subject of a RETIRE. */
export function definitionOf(i: IndicatorEntity): Proposal {
  return {
    code: i.code,
    name: i.name,
    scope: i.scope,
    categoryId: String(i.category.id),
    level1NodeId: String(i.level1Node.id),
    level2NodeId: i.level2Node ? String(i.level2Node.id) : null,
    explanation: i.explanation ?? null,
    calculationMethod: i.calculationMethod ?? null,
    scoringRule: i.scoringRule ?? null,
    defaultComparator: i.defaultComparator,
    defaultUnit: i.defaultUnit ?? null,
    valueType: i.valueType,
    referenceValue: i.referenceValue ?? null,
    dataSource: i.dataSource ?? null,
    visibility: i.visibility,
  };
}

/** Optional fields of a definition: null in a MODIFY (or in an edit of a request) clears them. */
const CLEARABLE = new Set<string>([
  'level2NodeId',
  'explanation',
  'calculationMethod',
  'scoringRule',
  'defaultUnit',
  'referenceValue',
  'dataSource',
]);

/**
 * The given fields of an input laid over a definition: a value replaces the field, null clears an optional field
 * (CLEARABLE), an omitted field is kept. Null for a field the definition must have is refused when the base has it
 * (a MODIFY cannot clear the name) and means "not given" when it has not (an ADMIT, whose rules then ask for it).
 * A new level 1 alone clears level 2 and vice versa.
 */
export function mergeDefinition(base: Proposal, input: IndicatorDefinitionInput | undefined): Proposal {
  const merged: Proposal = { ...base };
  if (!input) return merged;
  for (const f of FIELDS) {
    const v = input[f];
    if (v === undefined) continue;
    if (v === null) {
      if (CLEARABLE.has(f)) merged[f] = null;
      // Level 1 follows from a level 2 given with it.
      else if (f === 'level1NodeId' && input.level2NodeId) continue;
      else if (base[f] !== undefined && base[f] !== null) {
        throw bad(`${f} cannot be cleared: it is required. Omit it to keep the current value.`, f);
      }
      continue;
    }
    merged[f] = typeof v === 'string' ? v.trim() : v;
  }
  if (input.level1NodeId && !input.level2NodeId) merged.level2NodeId = null;
  if (input.level2NodeId && !input.level1NodeId) merged.level1NodeId = null;
  return merged;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const id = (v: unknown): string | undefined =>
  typeof v === 'number' ? String(v) : typeof v === 'string' && v !== '' ? v : undefined;
function required<T>(v: T | undefined, field: string): T {
  if (v === undefined) throw bad(`The proposed definition needs ${field}.`, field);
  return v;
}
function member<E extends Record<string, string>>(e: E, v: unknown, field: string): E[keyof E] {
  if (typeof v === 'string' && Object.values(e).includes(v)) return v as E[keyof E];
  throw bad(`The proposed definition needs ${field}, one of ${Object.values(e).join(', ')}.`, field);
}

/**
 * The indicator a proposal describes, checked by the library's own rules (indicator.rules) but not persisted:
 * approval persists it, a proposal or an edit only validates it.
 */
export async function buildDefinition(
  em: EntityManager,
  fiscalDivision: FiscalDivisionEntity,
  department: DepartmentEntity,
  p: Proposal,
): Promise<IndicatorEntity> {
  const i = new IndicatorEntity();
  i.fiscalDivision = fiscalDivision;
  i.name = required(str(p.name), 'name');
  if (i.name.length > 100) throw bad('The name may have at most 100 characters.', 'name');
  i.scope = member(IndicatorScope, p.scope, 'scope');
  i.category = await reference(em, IndicatorCategoryEntity, 'categoryId', required(id(p.categoryId), 'categoryId'));
  const { level1, level2 } = await dimensions(em, id(p.level1NodeId), id(p.level2NodeId));
  i.level1Node = level1;
  i.level2Node = level2;
  i.explanation = str(p.explanation);
  i.calculationMethod = str(p.calculationMethod);
  i.scoringRule = str(p.scoringRule);
  i.defaultComparator = member(Comparator, p.defaultComparator, 'defaultComparator');
  i.defaultUnit = str(p.defaultUnit)?.trim();
  i.valueType = member(ValueType, p.valueType, 'valueType');
  i.referenceValue = str(p.referenceValue);
  i.dataSource = str(p.dataSource);
  i.visibility =
    p.visibility === undefined || p.visibility === null
      ? Visibility.PUBLIC
      : member(Visibility, p.visibility, 'visibility');
  // A department-scope or private indicator belongs to the department that proposed it.
  if (i.scope === IndicatorScope.DEPARTMENT || i.visibility === Visibility.PRIVATE) i.ownerDepartment = department;
  checkDefinition(i);
  return i;
}

const PREFIX: Record<IndicatorScope, string> = {
  [IndicatorScope.COMMON]: 'GX',
  [IndicatorScope.INDUSTRY]: 'HY',
  [IndicatorScope.DEPARTMENT]: 'BM',
};

/** The advisory-lock class of indicator code assignment (two-key form: apart from the outbox's single-key lock). */
const CODE_LOCK_CLASS = 72405;

/**
 * The code an admitted indicator gets (指标编码): the scope prefix (GX 共性 / HY 行业 / BM 部门), the category code, then
 * the next free 4-digit sequence in the fiscal division. Approvals in one category at once (several users, several
 * instances) would read the same maximum and all but one would fail on the unique (division, code, version) key, so
 * the assignment first takes a transaction-scoped advisory lock on the division and prefix: the next approval waits
 * until this one commits and then sees its code.
 */
export async function nextCode(
  em: EntityManager,
  scope: IndicatorScope,
  category: IndicatorCategoryEntity,
): Promise<string> {
  const prefix = `${PREFIX[scope]}${category.code}`;
  const start = prefix.length + 1;
  await rows({ em }, 'select pg_advisory_xact_lock(?::int, hashtext(?)) as locked', [
    CODE_LOCK_CLASS,
    `${category.fiscalDivision.code}:${prefix}`,
  ]);
  const [row] = await rows<{ n: number | string }>(
    { em },
    `select coalesce(max(substr(t.code, ?::int)::int), 0) + 1 as n from indicator t
     where t.fiscal_division_code = ? and left(t.code, ?::int) = ? and length(t.code) = ?::int
       and substr(t.code, ?::int) ~ '^[0-9]{4}$'`,
    [start, category.fiscalDivision.code, prefix.length, prefix, prefix.length + 4, start],
  );
  const n = Number(row?.n ?? 1);
  if (n > 9999 || prefix.length + 4 > 30) {
    throw new DomainError('BAD_USER_INPUT', `No free indicator code is left under ${prefix}; split the category.`);
  }
  return `${prefix}${String(n).padStart(4, '0')}`;
}
