import type { Context } from '../../shared/context';
import { visibleDepartmentIds } from '../../shared/scope';
import { rows } from '../../shared/sql';
import type { AuditEntry } from './audit.types';

interface Row {
  id: string;
  subjectType: string;
  subjectId: string;
  action: string;
  actorLogin: string | null;
  actorRoles: string | null;
  at: Date;
  changes: Record<string, { before: unknown; after: unknown }>;
}

/** Row-level rule for the audit trail: bureau roles see their division; scoped roles their departments' records. */
function auditScope(ctx: Context): { sql: string; params: unknown[] } {
  const v = ctx.viewer;
  if (!v) return { sql: 'false', params: [] };
  const ids = visibleDepartmentIds(v);
  return ids
    ? { sql: `a.fiscal_division_code = ? and a.department_id in (${ids})`, params: [v.fiscalDivisionCode] }
    : { sql: 'a.fiscal_division_code = ?', params: [v.fiscalDivisionCode] };
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

export const auditReads = {
  /** The recorded changes of one record, oldest first, under the same row-level rules as the record. */
  async history(ctx: Context, subjectType: string, subjectId: string): Promise<AuditEntry[]> {
    const scope = auditScope(ctx);
    const found = await rows<Row>(
      ctx,
      `select a.id::text as "id", a.subject_type as "subjectType", a.subject_id as "subjectId", a.action,
              a.actor_login as "actorLogin", a.actor_roles as "actorRoles", a.at, a.changes
         from audit_entry a
        where a.subject_type = ? and a.subject_id = ? and ${scope.sql}
        order by a.id`,
      [subjectType, subjectId, ...scope.params],
    );
    return found.map((r) => ({
      ...r,
      actorRoles: r.actorRoles ? r.actorRoles.split(',') : [],
      changes: Object.entries(r.changes ?? {}).map(([field, c]) => ({
        field,
        before: json(c.before),
        after: json(c.after),
      })),
    }));
  },
};
