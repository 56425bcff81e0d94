import { DEMO_USERS, demoPassword } from '../../server/db/seeders/users';
import { hashPassword, type Role } from '../../server/modules/identity';
import type { TestApi } from './api';
import { uniq } from './api';

/** The password of every user the tests create. */
export const TEST_PASSWORD = 'test-password-2022';
let hashed: Promise<string> | undefined;

export interface TestUser {
  id: number;
  loginName: string;
  token: string;
}

async function login(api: TestApi, loginName: string, password: string): Promise<string> {
  const data = await api.ok<{ login: { accessToken: string } }>(
    'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
    { input: { loginName, password } },
  );
  return data.login.accessToken;
}

/**
 * Creates a user with the given roles and scope directly in the database (tests arrange their own world) and signs
 * it in through the API, returning a real access token.
 */
export async function createUser(
  api: TestApi,
  options: {
    roles: Array<Role | `${Role}`>;
    fiscalDivisionCode: string;
    departmentId?: number | string | null;
    financeDivisionId?: number | string | null;
    email?: string;
  },
): Promise<TestUser> {
  hashed ??= hashPassword(TEST_PASSWORD);
  const loginName = uniq('u').toLowerCase();
  const now = new Date();
  const [row] = await api.sql<{ id: number }>(
    `insert into app_user (fiscal_division_code, login_name, display_name, password_hash, roles, department_id,
       finance_division_id, email, phone, active, password_changed_at, created_at, updated_at, version)
     values (?, ?, ?, ?, ?::text[], ?, ?, ?, ?, true, ?, ?, ?, 1) returning id`,
    [
      options.fiscalDivisionCode,
      loginName,
      `测试用户 ${loginName}`,
      await hashed,
      `{${options.roles.join(',')}}`,
      options.departmentId ?? null,
      options.financeDivisionId ?? null,
      options.email ?? `${loginName}@test.invalid`,
      '0371-12345678',
      now,
      now,
      now,
    ],
  );
  return { id: Number(row?.id), loginName, token: await login(api, loginName, TEST_PASSWORD) };
}

/** A fiscal division of the test's own (a unique 9-digit code starting with 9), inserted directly. */
export async function createFiscalDivision(api: TestApi, name = '测试区划'): Promise<string> {
  for (;;) {
    const code = `9${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const inserted = await api.sql<{ code: string }>(
      `insert into fiscal_division (code, name, level, created_at, updated_at) values (?, ?, 'CITY', now(), now())
       on conflict do nothing returning code`,
      [code, `${name}${code}`],
    );
    if (inserted.length) return code;
  }
}

/** Signs in a demo user (from the demo data) and returns its access token. */
export function demoToken(api: TestApi, loginName: (typeof DEMO_USERS)[number]['loginName']): Promise<string> {
  return login(api, loginName, demoPassword(loginName));
}
