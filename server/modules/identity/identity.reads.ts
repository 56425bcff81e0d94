import type { Context } from '../../shared/context';
import { notFound } from '../../shared/errors';
import { listPage, orderBy, type Page } from '../../shared/list';
import { likeEscape, table, Where } from '../../shared/sql';
import { toId } from '../../shared/writes';
import { ScopeKind } from './identity.enums';
import type { UserListArgs } from './identity.inputs';
import { Permission, permissionsOf, scopeOf } from './identity.permissions';
import type { User } from './identity.types';

interface UserRow extends Omit<User, 'scope' | 'permissions'> {}

export const userTable = table<UserRow>('app_user', {
  id: 'id',
  loginName: 'login_name',
  displayName: 'display_name',
  roles: 'roles',
  fiscalDivisionCode: 'fiscal_division_code',
  departmentId: 'department_id',
  financeDivisionId: 'finance_division_id',
  email: 'email',
  phone: 'phone',
  active: 'active',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
});

/** PostgreSQL hands a text[] back as an array, or as its text form "{A,B}" through some drivers. */
function rolesOf(value: unknown): User['roles'] {
  if (Array.isArray(value)) return value as User['roles'];
  if (typeof value === 'string')
    return value
      .replace(/^\{|\}$/g, '')
      .split(',')
      .filter(Boolean) as User['roles'];
  return [];
}

export function toUser(row: UserRow): User {
  const roles = rolesOf(row.roles);
  const scope = scopeOf(roles);
  const granted = permissionsOf(roles);
  // An empty role list would mean the anonymous permissions in permissionsOf: a user without roles has none.
  const permissions = roles.length === 0 ? [] : Object.values(Permission).filter((p) => granted.has(p));
  return { ...row, roles, scope: scope === 'MIXED' ? ScopeKind.DEPARTMENT : scope, permissions };
}

/** Users an ADMIN may see: those of its fiscal division. */
function userScope(ctx: Context): string {
  const code = ctx.viewer?.fiscalDivisionCode ?? '';
  return /^\d{9}$/.test(code) ? `t.fiscal_division_code = '${code}'` : 'false';
}

export const identityReads = {
  async me(ctx: Context): Promise<User | null> {
    if (!ctx.viewer) return null;
    const row = await ctx.loaders.one(userTable).load(ctx.viewer.id);
    return row ? toUser(row) : null;
  },

  async userOr404(ctx: Context, id: string | number): Promise<User> {
    const row = await ctx.loaders.one(userTable, 'id', userScope(ctx)).load(toId(id));
    if (!row) throw notFound('User', id);
    return toUser(row);
  },

  async users(ctx: Context, args: UserListArgs): Promise<Page<User>> {
    const f = args.filter ?? {};
    const where = new Where()
      .add(userScope(ctx))
      .eq('t.department_id', f.departmentId === undefined ? undefined : toId(f.departmentId, 'departmentId'))
      .eq('t.active', f.active);
    if (f.role) where.add('? = any(t.roles)', f.role);
    const search = f.search?.trim();
    if (search) {
      const pattern = `%${likeEscape(search)}%`;
      where.add('(t.login_name ilike ? or t.display_name ilike ?)', pattern, pattern);
    }
    const order = orderBy(
      args.sort,
      { LOGIN_NAME: 't.login_name', DISPLAY_NAME: 't.display_name', CREATED_AT: 't.created_at' },
      't.login_name asc',
    );
    const page = await listPage(ctx, userTable, where, order, args);
    return { items: page.items.map(toUser), totalCount: page.totalCount };
  },
};
