import { Role } from './identity.enums';
import { FieldRule, type Guard, Permission, permissionsOf } from './identity.permissions';
import type { Viewer } from './identity.viewer';

/** The parts of a row the field rules look at. */
export interface RuleRow {
  /** TargetReview: the reviewed target's status. */
  targetStatus?: string | null;
  /** ProjectBudget: the approved amount (null before the budget is approved). */
  approved?: string | null;
  /** User: the user's id. */
  id?: number | string | null;
  /** User: set on the user returned by login and refresh, who is the caller even before the token is used. */
  selfView?: boolean;
}

/** The bureau's reviewing staff. ADMIN (IT) is deliberately not among them: least privilege. */
const BUREAU_INTERNAL_ROLES = new Set<Role>([
  Role.EXPENDITURE_REVIEWER,
  Role.EVALUATION_REVIEWER,
  Role.PERFORMANCE_ADMIN,
  Role.BUDGET_OFFICER,
]);

function has(viewer: Viewer | null, permission: Permission): boolean {
  return (viewer?.permissions ?? permissionsOf([])).has(permission);
}

/** Whether the viewer may read a field guarded by `guard` on this row. Pure: no database. */
export function allows(guard: Guard, viewer: Viewer | null, row: RuleRow | undefined): boolean {
  switch (guard) {
    case FieldRule.ReviewInternals:
      if (!viewer) return false;
      if (viewer.roles.some((r) => BUREAU_INTERNAL_ROLES.has(r))) return true;
      return viewer.roles.includes(Role.OBSERVER) && row?.targetStatus === 'JOINT_REVIEW';
    case FieldRule.AuditedAmount:
      return (row?.approved !== null && row?.approved !== undefined) || has(viewer, Permission.ReadAuditedAmount);
    case FieldRule.ContactData:
      if (row?.selfView === true) return true;
      return !!viewer && (has(viewer, Permission.ReadContactData) || String(viewer.id) === String(row?.id));
    case FieldRule.OwnUser:
      if (row?.selfView === true) return true;
      return !!viewer && String(viewer.id) === String(row?.id);
    default:
      return has(viewer, guard);
  }
}
