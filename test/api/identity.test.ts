import jwt from 'jsonwebtoken';
import { startApi, type TestApi } from '../helpers/api';
import { createFiscalDivision, createUser, demoToken, TEST_PASSWORD } from '../helpers/users';

let api: TestApi;
let division: string;
let secret: string;
beforeAll(async () => {
  // Three failures lock a login name here (the default is 10), so the lock can be tested quickly.
  api = await startApi({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '5' } });
  division = await createFiscalDivision(api);
  const [row] = await api.sql<{ value: string }>("select value from app_setting where key = 'jwt_secret'");
  secret = row?.value ?? '';
});
afterAll(async () => {
  await api.stop();
});

async function login(loginName: string, password: string) {
  return api.gql<{ login: { accessToken: string; refreshToken: string; user: { loginName: string; email: string } } }>(
    LOGIN,
    { input: { loginName, password } },
  );
}

describe('sign-in and tokens', () => {
  it('signs in, answers me, and returns the user’s own contact data but never a password', async () => {
    const u = await createUser(api, { roles: ['ANALYST'], fiscalDivisionCode: division, email: 'a@example.invalid' });
    const r = await login(u.loginName, TEST_PASSWORD);
    expect(r.errors).toBeUndefined();
    expect(r.data?.login.user).toEqual({ loginName: u.loginName, email: 'a@example.invalid' });
    const me = await api
      .as(r.data?.login.accessToken ?? '')
      .ok<{ me: { loginName: string; roles: string[]; scope: string } }>('{ me { loginName roles scope } }');
    expect(me.me).toEqual({ loginName: u.loginName, roles: ['ANALYST'], scope: 'BUREAU' });
    expect((await api.ok<{ me: null }>('{ me { loginName } }')).me).toBeNull();

    const userType = await api.ok<{ __type: { fields: Array<{ name: string }> } }>(
      '{ __type(name: "User") { fields { name } } }',
    );
    expect(userType.__type.fields.map((f) => f.name).filter((n) => /password/i.test(n))).toEqual([]);
  });

  it('refuses a wrong password, then slows and locks the login name with a message that says until when', async () => {
    const u = await createUser(api, { roles: ['ANALYST'], fiscalDivisionCode: division });
    const first = await login(u.loginName, 'wrong-password-1');
    expect(first.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(first.errors?.[0]?.message).toBe('The login name or password is wrong.');
    await login(u.loginName, 'wrong-password-2');
    await login(u.loginName, 'wrong-password-3');
    const locked = await login(u.loginName, TEST_PASSWORD);
    expect(locked.errors?.[0]?.extensions?.code).toBe('LOGIN_LOCKED');
    expect(locked.errors?.[0]?.message).toMatch(/refused for \d+ more minute\(s\), until 20\d\d-/);
    expect(locked.data).toBeNull();
    // An unknown name is counted the same way, so names cannot be told apart.
    const unknown = await login('nobody-here', 'whatever-123');
    expect(unknown.errors?.[0]?.message).toBe('The login name or password is wrong.');
  });

  it('rotates refresh tokens, refuses a reused one and revokes the user’s other sessions', async () => {
    const u = await createUser(api, { roles: ['ANALYST'], fiscalDivisionCode: division });
    const one = (await login(u.loginName, TEST_PASSWORD)).data?.login;
    const two = await api.ok<{ refresh: { accessToken: string; refreshToken: string } }>(REFRESH, {
      token: one?.refreshToken,
    });
    expect(two.refresh.refreshToken).not.toBe(one?.refreshToken);
    const reused = await api.gql(REFRESH, { token: one?.refreshToken });
    expect(reused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The reuse revoked the session that the rotation had issued.
    const afterTheft = await api.gql(REFRESH, { token: two.refresh.refreshToken });
    expect(afterTheft.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('logout revokes the refresh token', async () => {
    const u = await createUser(api, { roles: ['ANALYST'], fiscalDivisionCode: division });
    const session = (await login(u.loginName, TEST_PASSWORD)).data?.login;
    expect(await api.ok('mutation($t: String!) { logout(refreshToken: $t) }', { t: session?.refreshToken })).toEqual({
      logout: true,
    });
    const revoked = await api.gql(REFRESH, { token: session?.refreshToken });
    expect(revoked.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses expired, tampered, wrongly signed and alg "none" access tokens with UNAUTHENTICATED', async () => {
    const u = await createUser(api, { roles: ['ANALYST'], fiscalDivisionCode: division });
    const claims = {
      sub: String(u.id),
      name: u.loginName,
      roles: ['ANALYST'],
      fd: division,
      dept: null,
      fdiv: null,
      typ: 'access',
    };
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, secret, { algorithm: 'HS256' });
    const wrongKey = jwt.sign(claims, 'another-secret-another-secret-another-secret', { algorithm: 'HS256' });
    const wrongAlg = jwt.sign(claims, secret, { algorithm: 'HS512' });
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
      JSON.stringify({ ...claims, roles: ['ADMIN'] }),
    ).toString('base64url')}.`;
    const [, payload, signature] = u.token.split('.');
    const elevated = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), roles: ['ADMIN'] }),
    );
    const tampered = `${u.token.split('.')[0]}.${elevated.toString('base64url')}.${signature}`;

    for (const token of [expired, wrongKey, wrongAlg, none, tampered, 'not-a-jwt']) {
      const r = await api.as(token).gql('{ me { loginName } }');
      expect({ status: r.status, code: r.errors?.[0]?.extensions?.code, data: r.data }).toEqual({
        status: 401,
        code: 'UNAUTHENTICATED',
        data: undefined,
      });
    }
    const expiredMessage = await api.as(expired).gql('{ me { loginName } }');
    expect(expiredMessage.errors?.[0]?.message).toMatch(/expired/);
    // The genuine token still works.
    expect((await api.as(u.token).ok<{ me: { loginName: string } }>('{ me { loginName } }')).me.loginName).toBe(
      u.loginName,
    );
  });

  it('changes a password and signs out other sessions', async () => {
    const u = await createUser(api, { roles: ['ANALYST'], fiscalDivisionCode: division });
    const session = (await login(u.loginName, TEST_PASSWORD)).data?.login;
    const wrong = await api
      .as(u.token)
      .gql(CHANGE_PASSWORD, { input: { currentPassword: 'nope-nope-1', newPassword: 'a-new-secret-42' } });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await api
      .as(u.token)
      .ok(CHANGE_PASSWORD, { input: { currentPassword: TEST_PASSWORD, newPassword: 'a-new-secret-42' } });
    expect((await login(u.loginName, TEST_PASSWORD)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await login(u.loginName, 'a-new-secret-42')).errors).toBeUndefined();
    expect((await api.gql(REFRESH, { token: session?.refreshToken })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const anonymous = await api.gql(CHANGE_PASSWORD, {
      input: { currentPassword: 'x', newPassword: 'a-new-secret-43' },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('user administration', () => {
  it('lets ADMIN create users with a scope, change roles and deactivate them; others are refused', async () => {
    const [dept] = await api.sql<{ id: number }>(
      `insert into department (fiscal_division_code, code, name, kind, industry_pilot, created_at, updated_at)
       values (?, 'U1', '测试局', 'ADMINISTRATIVE', false, now(), now()) returning id`,
      [division],
    );
    const admin = await createUser(api, { roles: ['ADMIN'], fiscalDivisionCode: division });
    const created = await api
      .as(admin.token)
      .ok<{ createUser: { id: string; scope: string; department: { name: string }; email: string } }>(CREATE_USER, {
        input: {
          loginName: `officer${Date.now()}`,
          displayName: '绩效管理员',
          password: 'initial-pass-1',
          roles: ['DEPARTMENT_OFFICER'],
          fiscalDivisionCode: division,
          departmentId: String(dept?.id),
          email: 'officer@example.invalid',
        },
      });
    expect(created.createUser).toMatchObject({
      scope: 'DEPARTMENT',
      department: { name: '测试局' },
      email: 'officer@example.invalid',
    });

    const mixed = await api
      .as(admin.token)
      .gql(UPDATE_USER, { id: created.createUser.id, input: { roles: ['DEPARTMENT_OFFICER', 'ADMIN'] } });
    expect(mixed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const noDepartment = await api.as(admin.token).gql(CREATE_USER, {
      input: {
        loginName: `prep${Date.now()}`,
        displayName: 'x',
        password: 'initial-pass-1',
        roles: ['UNIT_PREPARER'],
        fiscalDivisionCode: division,
      },
    });
    expect(noDepartment.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departmentId' });

    const analyst = await createUser(api, { roles: ['ANALYST'], fiscalDivisionCode: division });
    const refused = await api
      .as(analyst.token)
      .gql(UPDATE_USER, { id: created.createUser.id, input: { active: false } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await api.as(admin.token).ok(UPDATE_USER, { id: created.createUser.id, input: { active: false } });
    const [row] = await api.sql<{ login_name: string }>('select login_name from app_user where id = ?', [
      created.createUser.id,
    ]);
    expect((await login(row?.login_name ?? '', 'initial-pass-1')).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('records creating and updating a user in the audit trail, never a password hash', async () => {
    const admin = await createUser(api, { roles: ['ADMIN'], fiscalDivisionCode: division });
    const client = api.as(admin.token);
    const auditRows = async () => {
      const [row] = await api.sql<{ n: string }>(
        `select count(*) as n from audit_entry where fiscal_division_code = ? and subject_type = 'User'`,
        [division],
      );
      return Number(row?.n);
    };
    const loginName = `audited${Date.now()}`;
    const input = { loginName, displayName: '审计用户', password: 'initial-pass-1', roles: ['ANALYST'] };
    const created = await client.ok<{ createUser: { id: string } }>(CREATE_USER, {
      input: { ...input, fiscalDivisionCode: division },
    });
    const id = created.createUser.id;
    await client.ok(UPDATE_USER, { id, input: { displayName: '审计用户（改）', password: 'changed-pass-2' } });

    const rowsBefore = await auditRows();
    const dup = await client.gql(CREATE_USER, { input: { ...input, fiscalDivisionCode: division } });
    expect(dup.errors?.[0]?.extensions?.code).toBe('DUPLICATE');
    expect(await auditRows()).toBe(rowsBefore);

    const { history } = await client.ok<{
      history: Array<{
        action: string;
        actorLogin: string;
        changes: Array<{ field: string; before: string; after: string }>;
      }>;
    }>(`query($id: ID!) { history(type: "User", id: $id) { action actorLogin changes { field before after } } }`, {
      id,
    });
    expect(history.map((h) => [h.action, h.actorLogin])).toEqual([
      ['create', admin.loginName],
      ['update', admin.loginName],
    ]);
    const changes = (i: number) =>
      Object.fromEntries(history[i]?.changes.map((c) => [c.field, [c.before, c.after]]) ?? []);
    expect(changes(0)).toMatchObject({
      loginName: [null, JSON.stringify(loginName)],
      roles: [null, '["ANALYST"]'],
      passwordChanged: [null, 'true'],
    });
    expect(changes(1)).toEqual({
      displayName: ['"审计用户"', '"审计用户（改）"'],
      passwordChanged: [null, 'true'],
    });
    const [stored] = await api.sql<{ n: string }>(
      `select count(*) as n from audit_entry where subject_type = 'User' and subject_id = ?
          and (changes::text ilike '%argon%' or changes::text ilike '%password_hash%' or changes::text ilike '%passwordHash%')`,
      [id],
    );
    expect(Number(stored?.n)).toBe(0);
  });

  it('shows contact data to the user and ADMIN only', async () => {
    const admin = await createUser(api, { roles: ['ADMIN'], fiscalDivisionCode: division });
    const other = await createUser(api, {
      roles: ['ANALYST'],
      fiscalDivisionCode: division,
      email: 'other@example.invalid',
    });
    const asAdmin = await api.as(admin.token).ok<{ user: { email: string } }>(USER, { id: String(other.id) });
    expect(asAdmin.user.email).toBe('other@example.invalid');
    const self = await api.as(other.token).ok<{ me: { email: string } }>('{ me { email } }');
    expect(self.me.email).toBe('other@example.invalid');
    // A user in another fiscal division is not found for this ADMIN.
    const perfAdmin = await demoToken(api, 'admin');
    const elsewhere = await api.as(perfAdmin).gql(USER, { id: String(other.id) });
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers one’s own permissions at sign-in and from me, and nobody else’s, not even to ADMIN', async () => {
    const officer = await createUser(api, { roles: ['DEPARTMENT_OFFICER'], fiscalDivisionCode: division });
    const signedIn = await api.ok<{ login: { user: { permissions: string[] } } }>(LOGIN_PERMISSIONS, {
      input: { loginName: officer.loginName, password: TEST_PASSWORD },
    });
    const expected = [
      'ReadReference',
      'ReadLibrary',
      'ReadAdmission',
      'ReadProject',
      'WriteProject',
      'AssessExAnte',
      'ReadReviews',
      'ReadReviewerIdentity',
      'ReadAuditedAmount',
      'ReadAggregates',
      'ProposeIndicator',
      'PrecheckProposal',
      'ReviewDepartment',
      'ReadEvents',
    ];
    expect(signedIn.login.user.permissions).toEqual(expected);
    const me = await api.as(officer.token).ok<{ me: { permissions: string[] } }>('{ me { permissions } }');
    expect(me.me.permissions).toEqual(expected);

    const admin = await createUser(api, { roles: ['ADMIN'], fiscalDivisionCode: division });
    const other = await api
      .as(admin.token)
      .gql<{ user: { loginName: string; permissions: string[] | null } }>(USER_PERMISSIONS, { id: String(officer.id) });
    expect(other.data?.user).toEqual({ loginName: officer.loginName, permissions: null });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(other.errors?.[0]?.message).toMatch(/User\.permissions/);
    const list = await api
      .as(admin.token)
      .gql<{ users: { items: Array<{ permissions: string[] | null }> } }>(
        `query($search: String) { users(filter: { search: $search }) { items { permissions } } }`,
        { search: officer.loginName },
      );
    expect(list.data?.users.items).toEqual([{ permissions: null }]);
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { loginName email } } }`;
const REFRESH = `mutation($token: String!) { refresh(refreshToken: $token) { accessToken refreshToken } }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id scope department { name } email } }`;
const UPDATE_USER = `mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id active } }`;
const USER = `query($id: ID!) { user(id: $id) { loginName email } }`;
const LOGIN_PERMISSIONS = `mutation($input: LoginInput!) { login(input: $input) { user { permissions } } }`;
const USER_PERMISSIONS = `query($id: ID!) { user(id: $id) { loginName permissions } }`;
