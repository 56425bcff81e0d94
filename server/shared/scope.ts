import type { EntityManager } from '@mikro-orm/postgresql';
import { ScopeKind } from '../modules/identity/identity.enums';
import { Permission } from '../modules/identity/identity.permissions';
import type { Viewer } from '../modules/identity/identity.viewer';
import type { Context } from './context';
import { DomainError, notFound } from './errors';
import { rows } from './sql';

/**
 * Row-level rules, in one place. Each function returns an SQL condition (no parameters: the only values are the
 * caller's ids and fiscal division code from a verified token, checked to be integers / 9 digits before they are
 * written into the SQL) that reads add to lists, single lookups, relations, counts and aggregates alike:
 * - department roles see their department and its child units;
 * - expenditure reviewers see the departments their division manages (and those departments' child units);
 * - bureau roles see everything in their fiscal division;
 * - anonymous callers see what is disclosed: approved targets with their rows, and the published public library.
 * A row outside the scope answers as if it did not exist.
 */

function int(n: number | null | undefined): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) throw new Error('scope: not an id');
  return n;
}

function division(v: Viewer): string {
  if (!/^\d{9}$/.test(v.fiscalDivisionCode)) throw new Error('scope: not a fiscal division code');
  return `'${v.fiscalDivisionCode}'`;
}

/** SQL selecting the ids of the departments a scoped viewer works on; null for bureau scope (whole division). */
export function visibleDepartmentIds(v: Viewer): string | null {
  switch (v.scope) {
    case ScopeKind.DEPARTMENT: {
      const d = int(v.departmentId);
      return `select sd.id from department sd where sd.id = ${d} or sd.parent_id = ${d}`;
    }
    case ScopeKind.FINANCE_DIVISION: {
      const f = int(v.financeDivisionId);
      return `select sd.id from department sd left join department sp on sp.id = sd.parent_id where sd.managing_division_id = ${f} or sp.managing_division_id = ${f}`;
    }
    default:
      return null;
  }
}

/** Rows owned by a department (`column`) in a fiscal division (`divisionColumn`), for a signed-in viewer. */
function owned(v: Viewer, column: string, divisionColumn: string): string {
  const ids = visibleDepartmentIds(v);
  const inDivision = `${divisionColumn} = ${division(v)}`;
  return ids ? `${inDivision} and ${column} in (${ids})` : inDivision;
}

const can = (ctx: Pick<Context, 'viewer'>, p: Permission) => !!ctx.viewer?.permissions.has(p);

export const scope = {
  /** Projects (and, through them, budgets and ex-ante assessments). */
  project(ctx: Pick<Context, 'viewer'>, a = 't'): string {
    if (!ctx.viewer) {
      return `exists (select 1 from performance_target dp where dp.project_id = ${a}.id and dp.status = 'APPROVED')`;
    }
    if (!can(ctx, Permission.ReadProject)) return 'false';
    return owned(ctx.viewer, `${a}.department_id`, `${a}.fiscal_division_code`);
  },

  /** Rows that belong to a project, by their project id column. */
  viaProject(ctx: Pick<Context, 'viewer'>, projectIdColumn: string): string {
    return `${projectIdColumn} in (select sp2.id from project sp2 where ${scope.project(ctx, 'sp2')})`;
  },

  /** Ex-ante assessments: not disclosed to the public. */
  exAnte(ctx: Pick<Context, 'viewer'>, a = 't'): string {
    return ctx.viewer ? scope.viaProject(ctx, `${a}.project_id`) : 'false';
  },

  /** Performance targets: the public sees approved ones (公开同步). */
  target(ctx: Pick<Context, 'viewer'>, a = 't'): string {
    if (!ctx.viewer) return `${a}.status = 'APPROVED'`;
    if (!can(ctx, Permission.ReadProject)) return 'false';
    return owned(ctx.viewer, `${a}.department_id`, `${a}.fiscal_division_code`);
  },

  /** Rows that belong to a target (target rows), by their target id column. */
  viaTarget(ctx: Pick<Context, 'viewer'>, targetIdColumn: string): string {
    return `${targetIdColumn} in (select st.id from performance_target st where ${scope.target(ctx, 'st')})`;
  },

  /** Review records: signed-in roles that read reviews, on targets they see. */
  review(ctx: Pick<Context, 'viewer'>, a = 't'): string {
    if (!can(ctx, Permission.ReadReviews)) return 'false';
    return scope.viaTarget(ctx, `${a}.target_id`);
  },

  /** Indicator change requests (the admission queue). */
  changeRequest(ctx: Pick<Context, 'viewer'>, a = 't'): string {
    if (!ctx.viewer || !can(ctx, Permission.ReadAdmission)) return 'false';
    return owned(ctx.viewer, `${a}.department_id`, `${a}.fiscal_division_code`);
  },

  /**
   * Library indicators: the public sees published public ones; department roles see the public library and their own
   * department's private indicators; bureau roles the whole library of their division (drafts included).
   */
  indicator(ctx: Pick<Context, 'viewer'>, a = 't'): string {
    const published = `${a}.status <> 'DRAFT' and ${a}.visibility = 'PUBLIC'`;
    const v = ctx.viewer;
    if (!v) return `${a}.status = 'PUBLISHED' and ${a}.visibility = 'PUBLIC'`;
    const inDivision = `${a}.fiscal_division_code = ${division(v)}`;
    if (v.scope === ScopeKind.DEPARTMENT) {
      const d = int(v.departmentId);
      const own = `${a}.owner_department_id in (select sd.id from department sd where sd.id = ${d} or sd.id = (select sx.parent_id from department sx where sx.id = ${d}))`;
      return `${inDivision} and ((${published}) or ${own})`;
    }
    return inDivision;
  },
};

/** A single lookup that found nothing the caller may see: NOT_FOUND, the same as for an id that does not exist. */
export async function orNotFound<T>(
  value: Promise<T | undefined | null>,
  type: string,
  id: string | number,
): Promise<T> {
  const found = await value;
  if (found === undefined || found === null) throw notFound(type, id);
  return found;
}

/**
 * For writes: the department must be one the caller works on (its own, a managed one, or any in its division for
 * bureau roles); otherwise NOT_FOUND, so ids of other departments' rows cannot be probed.
 */
export async function assertDepartmentInScope(
  ctx: Pick<Context, 'viewer'>,
  em: EntityManager,
  departmentId: number,
  what: { type: string; id: string | number },
): Promise<void> {
  const v = ctx.viewer;
  if (!v) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  const found = await rows<{ id: number }>(
    { em },
    `select t.id from department t where t.id = ? and ${owned(v, 't.id', 't.fiscal_division_code')}`,
    [departmentId],
  );
  if (found.length === 0) throw notFound(what.type, what.id);
}
