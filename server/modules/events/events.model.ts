import { badInput } from '../../shared/errors';
import { ScopeKind } from '../identity/identity.enums';
import { Permission } from '../identity/identity.permissions';
import type { Viewer } from '../identity/identity.viewer';
import type { ReviewEventTypeName } from './events.enums';

/**
 * One committed review event as the feed reads it from the outbox, with what the row rules need to know about its
 * department (so a live event can be checked against a subscriber's scope without another query).
 */
export interface EventRecord {
  position: string;
  fiscalDivisionCode: string;
  type: ReviewEventTypeName;
  subjectType: string;
  subjectId: string;
  departmentId: number | null;
  projectId: number | null;
  targetId: number | null;
  actorLogin: string | null;
  actorRoles: string | null;
  fromState: string | null;
  toState: string | null;
  payload: Record<string, unknown> | null;
  at: Date;
  departmentParentId: number | null;
  managingDivisionId: number | null;
  parentManagingDivisionId: number | null;
}

/** The select list and joins of EventRecord; `e` is review_event. */
export const EVENT_SELECT = `select e.position::text as "position", e.fiscal_division_code as "fiscalDivisionCode",
       e.type, e.subject_type as "subjectType", e.subject_id as "subjectId", e.department_id as "departmentId",
       e.project_id as "projectId", e.target_id as "targetId", e.actor_login as "actorLogin",
       e.actor_roles as "actorRoles", e.from_state as "fromState", e.to_state as "toState", e.payload, e.at,
       d.parent_id as "departmentParentId", d.managing_division_id as "managingDivisionId",
       dp.managing_division_id as "parentManagingDivisionId"
  from review_event e
  left join department d on d.id = e.department_id
  left join department dp on dp.id = d.parent_id`;

/** What a subscriber or a poller asks for; every list given must contain the event's value. */
export interface EventFilterSpec {
  types?: readonly string[] | null;
  departmentIds?: readonly number[] | null;
  projectIds?: readonly number[] | null;
  targetIds?: readonly number[] | null;
  subjectTypes?: readonly string[] | null;
}

const inList = <T>(list: readonly T[] | null | undefined, value: T | null): boolean =>
  !list || (value !== null && list.includes(value));

/** Whether an event matches a filter (the same test the SQL of `filterSql` makes). */
export function matchesFilter(filter: EventFilterSpec, e: EventRecord): boolean {
  return (
    inList(filter.types, e.type) &&
    inList(filter.departmentIds, e.departmentId) &&
    inList(filter.projectIds, e.projectId) &&
    inList(filter.targetIds, e.targetId) &&
    inList(filter.subjectTypes, e.subjectType)
  );
}

/**
 * The row rule of review events, the same as for the records they report: events of the viewer's fiscal division;
 * scoped roles only their departments' (department roles: the department and its child units; expenditure
 * reviewers: the departments their division manages). Library events, which belong to no department, reach everyone
 * who may follow events.
 */
export function visibleTo(v: Viewer, e: EventRecord): boolean {
  if (!v.permissions.has(Permission.ReadEvents) || v.fiscalDivisionCode !== e.fiscalDivisionCode) return false;
  if (e.departmentId === null) return true;
  switch (v.scope) {
    case ScopeKind.DEPARTMENT:
      return v.departmentId !== null && (e.departmentId === v.departmentId || e.departmentParentId === v.departmentId);
    case ScopeKind.FINANCE_DIVISION:
      return (
        v.financeDivisionId !== null &&
        (e.managingDivisionId === v.financeDivisionId || e.parentManagingDivisionId === v.financeDivisionId)
      );
    default:
      return true;
  }
}

/** SQL conditions (on alias `e`) for a filter, with their parameters. */
export function filterSql(filter: EventFilterSpec): { parts: string[]; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const list = (column: string, values: readonly unknown[] | null | undefined) => {
    if (!values) return;
    if (values.length === 0) {
      parts.push('false');
      return;
    }
    parts.push(`${column} in (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  list('e.type', filter.types);
  list('e.department_id', filter.departmentIds);
  list('e.project_id', filter.projectIds);
  list('e.target_id', filter.targetIds);
  list('e.subject_type', filter.subjectTypes);
  return { parts, params };
}

/** Positions are bigint; they travel as decimal text. */
export function parsePosition(text: string | null | undefined, field = 'after'): bigint {
  if (text === null || text === undefined || text === '') return 0n;
  if (!/^\d{1,19}$/.test(text.trim())) {
    throw badInput(`${field} must be an event position (a whole number ≥ 0), got "${text}".`, field);
  }
  return BigInt(text.trim());
}

/** The later of two positions (Math.max does not take bigints). */
export function later(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
