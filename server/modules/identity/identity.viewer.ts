import { Role, ScopeKind } from './identity.enums';
import { type Permission, permissionsOf, scopeOf } from './identity.permissions';

/** The signed-in caller as every read and service sees it (from the access token's claims), or null for anonymous. */
export interface Viewer {
  readonly id: number;
  readonly loginName: string;
  readonly roles: readonly Role[];
  readonly fiscalDivisionCode: string;
  readonly scope: ScopeKind;
  readonly departmentId: number | null;
  readonly financeDivisionId: number | null;
  readonly permissions: ReadonlySet<Permission>;
}

/** The claims of an access token (JWT). */
export interface AccessClaims {
  sub: string;
  name: string;
  roles: Role[];
  fd: string;
  dept: number | null;
  fdiv: number | null;
}

export function viewerFromClaims(claims: AccessClaims): Viewer {
  const roles = claims.roles.filter((r) => Object.values(Role).includes(r));
  const scope = scopeOf(roles);
  return {
    id: Number(claims.sub),
    loginName: claims.name,
    roles,
    fiscalDivisionCode: claims.fd,
    scope: scope === 'MIXED' ? ScopeKind.DEPARTMENT : scope,
    departmentId: claims.dept ?? null,
    financeDivisionId: claims.fdiv ?? null,
    permissions: permissionsOf(roles),
  };
}

export function hasPermission(viewer: Viewer | null, permission: Permission): boolean {
  return viewer ? viewer.permissions.has(permission) : permissionsOf([]).has(permission);
}
