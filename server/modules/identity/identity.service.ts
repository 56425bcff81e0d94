import { randomBytes } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hash, verify } from '@node-rs/argon2';
import type { Context } from '../../shared/context';
import { DomainError } from '../../shared/errors';
import { fresh } from '../../shared/loaders';
import { assertAbsent, loadOr404, reference } from '../../shared/writes';
import { auditService } from '../audit';
import { DepartmentEntity, FinanceDivisionEntity, FinanceDivisionKind, FiscalDivisionEntity } from '../fiscal';
import { LoginThrottleEntity, RefreshTokenEntity, UserEntity } from './identity.entity';
import { type Role, ScopeKind } from './identity.enums';
import type { ChangePasswordInput, CreateUserInput, LoginInput, UpdateUserInput } from './identity.inputs';
import { scopeOf } from './identity.permissions';
import { toUser, userTable } from './identity.reads';
import { hashRefreshToken, newRefreshToken, signAccessToken } from './identity.tokens';
import type { AuthPayload, User } from './identity.types';

/** How sign-in behaves; from configuration. */
export interface AuthSettings {
  readonly jwtSecret: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlDays: number;
  readonly loginMaxFailures: number;
  readonly loginLockMinutes: number;
}

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes). */
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** After this many failures, each further attempt waits longer before it is answered. */
const SLOW_AFTER = 3;

const INVALID_LOGIN = 'The login name or password is wrong.';

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

type Tokens = Omit<AuthPayload, 'user'>;
type RefreshOutcome = { refused: string } | { tokens: Tokens; userId: number };

/** The payload of login and refresh; the signed-in user is read after the write committed. */
async function withUser(ctx: Context, tokens: Tokens, userId: number): Promise<AuthPayload> {
  // The signed-in user is the caller of this response, so it may read its own contact data.
  return { ...tokens, user: { ...(await userRow(ctx, userId)), selfView: true } as User };
}

async function issueTokens(ctx: Context, em: EntityManager, user: UserEntity): Promise<Tokens> {
  const settings = ctx.auth;
  const access = signAccessToken(
    {
      sub: String(user.id),
      name: user.loginName,
      roles: user.roles,
      fd: user.fiscalDivision.code,
      dept: user.department?.id ?? null,
      fdiv: user.financeDivision?.id ?? null,
    },
    settings.jwtSecret,
    settings.accessTokenTtlSeconds,
  );
  const refresh = newRefreshToken();
  const refreshExpiresAt = new Date(Date.now() + settings.refreshTokenTtlDays * 86_400_000);
  em.create(RefreshTokenEntity, { user, tokenHash: refresh.hash, expiresAt: refreshExpiresAt });
  await em.flush();
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken: refresh.token,
    refreshTokenExpiresAt: refreshExpiresAt,
  };
}

async function userRow(ctx: Context, id: number): Promise<User> {
  return toUser(await fresh(ctx, userTable, 'id', id));
}

/**
 * A user's fields for the audit trail. Never the password hash: a new password shows as `passwordChanged: true`;
 * contact data (email, phone) only as whether it is set, since the trail is read more widely than contact data.
 */
function userFields(user: UserEntity): Record<string, unknown> {
  return {
    fiscalDivisionCode: user.fiscalDivision.code,
    loginName: user.loginName,
    displayName: user.displayName,
    roles: [...user.roles],
    departmentId: user.department?.id ?? null,
    financeDivisionId: user.financeDivision?.id ?? null,
    hasEmail: Boolean(user.email),
    hasPhone: Boolean(user.phone),
    active: user.active,
  };
}

function auditUser(
  ctx: Context,
  em: EntityManager,
  user: UserEntity,
  action: 'create' | 'update',
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): void {
  auditService.record(ctx, em, {
    fiscalDivisionCode: user.fiscalDivision.code,
    subjectType: 'User',
    subjectId: user.id,
    departmentId: user.department?.id ?? null,
    action,
    before,
    after,
  });
}

/** Checks that the roles fit together and that the scope they need is given; returns the links to set. */
async function scopeLinks(
  em: EntityManager,
  roles: readonly Role[],
  fiscalDivisionCode: string,
  departmentId: string | null | undefined,
  financeDivisionId: string | null | undefined,
): Promise<{ department: DepartmentEntity | null; financeDivision: FinanceDivisionEntity | null }> {
  const scope = scopeOf(roles);
  if (scope === 'MIXED') {
    throw new DomainError(
      'BAD_USER_INPUT',
      'These roles work on different scopes (a department, an expenditure division, the whole bureau); give the user roles of one scope only.',
      { field: 'roles' },
    );
  }
  let department: DepartmentEntity | null = null;
  let financeDivision: FinanceDivisionEntity | null = null;
  if (scope === ScopeKind.DEPARTMENT) {
    if (!departmentId) {
      throw new DomainError(
        'BAD_USER_INPUT',
        'Department roles need departmentId: the department the user works for.',
        {
          field: 'departmentId',
        },
      );
    }
    department = await reference(em, DepartmentEntity, 'departmentId', departmentId);
    if (department.fiscalDivision.code !== fiscalDivisionCode) {
      throw new DomainError('BAD_USER_INPUT', `${department.name} belongs to another fiscal division.`, {
        field: 'departmentId',
      });
    }
  }
  if (scope === ScopeKind.FINANCE_DIVISION) {
    if (!financeDivisionId) {
      throw new DomainError(
        'BAD_USER_INPUT',
        'Expenditure reviewers need financeDivisionId: the division they review for.',
        {
          field: 'financeDivisionId',
        },
      );
    }
    financeDivision = await reference(em, FinanceDivisionEntity, 'financeDivisionId', financeDivisionId);
    if (
      financeDivision.kind !== FinanceDivisionKind.EXPENDITURE ||
      financeDivision.fiscalDivision.code !== fiscalDivisionCode
    ) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `financeDivisionId must name an expenditure division (支出处室) of ${fiscalDivisionCode}; ${financeDivision.name} is not.`,
        { field: 'financeDivisionId' },
      );
    }
  }
  return { department, financeDivision };
}

/** Sign-in, tokens and user administration (用户与权限). */
export const identityService = {
  /**
   * Signs in. Failures are counted per login name (known or not): after a few, answers slow down; after
   * `loginMaxFailures`, the name is refused for `loginLockMinutes`, with a message that says until when.
   */
  async login(ctx: Context, input: LoginInput): Promise<AuthPayload> {
    const loginName = input.loginName.trim().toLowerCase();
    const settings = ctx.auth;
    const em = ctx.em.fork();
    const throttle = await em.findOne(LoginThrottleEntity, { loginName });
    const now = new Date();
    if (throttle?.lockedUntil && throttle.lockedUntil > now) {
      const minutes = Math.ceil((throttle.lockedUntil.getTime() - now.getTime()) / 60_000);
      throw new DomainError(
        'LOGIN_LOCKED',
        `Too many failed sign-ins for ${loginName}; sign-in is refused for ${minutes} more minute(s), until ${throttle.lockedUntil.toISOString()}.`,
        { retryAfterSeconds: Math.ceil((throttle.lockedUntil.getTime() - now.getTime()) / 1000) },
      );
    }
    if (throttle && throttle.failures >= SLOW_AFTER) {
      await sleep(Math.min(250 * 2 ** (throttle.failures - SLOW_AFTER), 4_000));
    }
    const user = await em.findOne(
      UserEntity,
      { loginName },
      { populate: ['fiscalDivision', 'department', 'financeDivision'] },
    );
    const ok = user?.active ? await verify(user.passwordHash, input.password) : false;
    if (!user || !ok) {
      // A wrong name costs the same hashing time as a wrong password, so names cannot be probed by timing.
      if (!user) await hashPassword(input.password);
      await em.execute(
        `insert into login_throttle (login_name, failures, last_failure_at, locked_until)
         values (?, 1, now(), null)
         on conflict (login_name) do update set
           failures = login_throttle.failures + 1,
           last_failure_at = now(),
           locked_until = case when login_throttle.failures + 1 >= ? then now() + make_interval(mins => ?) else null end`,
        [loginName, settings.loginMaxFailures, settings.loginLockMinutes],
      );
      throw new DomainError('UNAUTHENTICATED', INVALID_LOGIN);
    }
    if (throttle) await em.nativeDelete(LoginThrottleEntity, { loginName });
    return withUser(ctx, await issueTokens(ctx, em, user), user.id);
  },

  /** Exchanges a refresh token for new tokens; the old one stops working (rotation). A reused token revokes all. */
  async refresh(ctx: Context, refreshToken: string): Promise<AuthPayload> {
    const outcome = await ctx.em.transactional(async (em): Promise<RefreshOutcome> => {
      const token = await em.findOne(
        RefreshTokenEntity,
        { tokenHash: hashRefreshToken(refreshToken) },
        {
          populate: ['user', 'user.fiscalDivision', 'user.department', 'user.financeDivision'],
          lockMode: LockMode.PESSIMISTIC_WRITE,
        },
      );
      if (!token) return { refused: 'The refresh token is not valid; sign in again.' };
      if (token.revokedAt) {
        // A revoked token used again: someone may hold a stolen copy. End every session of the user (committed).
        await em.nativeUpdate(RefreshTokenEntity, { user: token.user, revokedAt: null }, { revokedAt: new Date() });
        return { refused: 'The refresh token was already used or revoked; sign in again.' };
      }
      if (token.expiresAt <= new Date() || !token.user.active) {
        return { refused: 'The refresh token has expired; sign in again.' };
      }
      token.revokedAt = new Date();
      return { tokens: await issueTokens(ctx, em, token.user), userId: token.user.id };
    });
    if (!('tokens' in outcome)) throw new DomainError('UNAUTHENTICATED', outcome.refused);
    return withUser(ctx, outcome.tokens, outcome.userId);
  },

  /** Revokes a refresh token. Access tokens expire by themselves within minutes. */
  async logout(ctx: Context, refreshToken: string): Promise<boolean> {
    await ctx.em.nativeUpdate(
      RefreshTokenEntity,
      { tokenHash: hashRefreshToken(refreshToken), revokedAt: null },
      { revokedAt: new Date() },
    );
    return true;
  },

  async changePassword(ctx: Context, input: ChangePasswordInput): Promise<boolean> {
    const viewer = ctx.viewer;
    if (!viewer) throw new DomainError('UNAUTHENTICATED', 'Sign in to change your password.');
    await ctx.em.transactional(async (em) => {
      const user = await loadOr404(em, UserEntity, 'User', viewer.id);
      if (!(await verify(user.passwordHash, input.currentPassword))) {
        throw new DomainError('BAD_USER_INPUT', 'The current password is wrong.', { field: 'currentPassword' });
      }
      user.passwordHash = await hashPassword(input.newPassword);
      user.passwordChangedAt = new Date();
      await em.nativeUpdate(RefreshTokenEntity, { user, revokedAt: null }, { revokedAt: new Date() });
    });
    return true;
  },

  async createUser(ctx: Context, input: CreateUserInput): Promise<User> {
    const id = await ctx.em.transactional(async (em) => {
      const loginName = input.loginName.toLowerCase();
      await assertAbsent(em.count(UserEntity, { loginName }), `User ${loginName}`);
      const fiscalDivision = await reference(
        em,
        FiscalDivisionEntity,
        'fiscalDivisionCode',
        input.fiscalDivisionCode,
        'code',
      );
      const links = await scopeLinks(em, input.roles, fiscalDivision.code, input.departmentId, input.financeDivisionId);
      const user = em.create(UserEntity, {
        fiscalDivision,
        loginName,
        displayName: input.displayName,
        passwordHash: await hashPassword(input.password),
        roles: [...new Set(input.roles)],
        department: links.department ?? undefined,
        financeDivision: links.financeDivision ?? undefined,
        email: input.email,
        phone: input.phone,
      });
      await em.flush();
      auditUser(ctx, em, user, 'create', null, { ...userFields(user), passwordChanged: true });
      return user.id;
    });
    return userRow(ctx, id);
  },

  async updateUser(ctx: Context, id: string, input: UpdateUserInput): Promise<User> {
    const userId = await ctx.em.transactional(async (em) => {
      const user = await loadOr404(em, UserEntity, 'User', id);
      const roles = input.roles ? [...new Set(input.roles)] : user.roles;
      const links = await scopeLinks(
        em,
        roles,
        user.fiscalDivision.code,
        input.departmentId === undefined ? (user.department?.id.toString() ?? null) : input.departmentId,
        input.financeDivisionId === undefined ? (user.financeDivision?.id.toString() ?? null) : input.financeDivisionId,
      );
      const before = userFields(user);
      const revoke = input.active === false || input.password !== undefined || input.roles !== undefined;
      user.roles = roles;
      user.department = links.department ?? undefined;
      user.financeDivision = links.financeDivision ?? undefined;
      if (input.displayName !== undefined) user.displayName = input.displayName;
      if (input.email !== undefined) user.email = input.email ?? undefined;
      if (input.phone !== undefined) user.phone = input.phone ?? undefined;
      if (input.active !== undefined) user.active = input.active;
      if (input.password !== undefined) {
        user.passwordHash = await hashPassword(input.password);
        user.passwordChangedAt = new Date();
      }
      if (revoke) await em.nativeUpdate(RefreshTokenEntity, { user, revokedAt: null }, { revokedAt: new Date() });
      const after = userFields(user);
      auditUser(
        ctx,
        em,
        user,
        'update',
        before,
        input.password !== undefined ? { ...after, passwordChanged: true } : after,
      );
      return user.id;
    });
    return userRow(ctx, userId);
  },
};

/**
 * The secret that signs access tokens: JWT_SECRET when configured (required in production); otherwise one generated
 * once and kept in the database, so every instance on the same database shares it and restarts keep sessions.
 */
export async function signingSecret(em: EntityManager, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const fresh = randomBytes(48).toString('base64url');
  await em.execute(`insert into app_setting (key, value) values ('jwt_secret', ?) on conflict (key) do nothing`, [
    fresh,
  ]);
  const [row] = (await em.execute(`select value from app_setting where key = 'jwt_secret'`)) as Array<{
    value: string;
  }>;
  if (!row) throw new Error('the signing secret could not be stored');
  return row.value;
}
