import { type Role, type Viewer, viewerFromClaims } from '../identity';

/** The columns of an endpoint's owner (app_user) that make its Viewer. */
export interface OwnerRow {
  ownerId: number;
  ownerLogin: string;
  ownerRoles: string[] | string;
  ownerDivision: string;
  ownerDepartmentId: number | null;
  ownerFinanceDivisionId: number | null;
}

/** The select list of OwnerRow on alias `u` (app_user). */
export const OWNER_SELECT = `u.id as "ownerId", u.login_name as "ownerLogin", u.roles::text[] as "ownerRoles",
  u.fiscal_division_code as "ownerDivision", u.department_id as "ownerDepartmentId",
  u.finance_division_id as "ownerFinanceDivisionId"`;

function roleList(roles: string[] | string): Role[] {
  if (Array.isArray(roles)) return roles as Role[];
  return roles
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean) as Role[];
}

/** The owner as a Viewer, built from the user row exactly as sign-in builds the token's claims. */
export function ownerViewer(r: OwnerRow): Viewer {
  return viewerFromClaims({
    sub: String(r.ownerId),
    name: r.ownerLogin,
    roles: roleList(r.ownerRoles),
    fd: r.ownerDivision,
    dept: r.ownerDepartmentId,
    fdiv: r.ownerFinanceDivisionId,
  });
}
