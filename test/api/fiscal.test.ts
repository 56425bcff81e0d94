import { Role } from '../../server/modules/identity';
import { type Client, startApi, type TestApi, uniq } from '../helpers/api';
import { createFiscalDivision, createUser } from '../helpers/users';

let api: TestApi;
/** This file's city; its ADMIN keeps the reference data of the city and the districts below it. */
let city: string;
let admin: Client;
/** A bureau role without ManageReference. */
let perfAdmin: Client;

beforeAll(async () => {
  api = await startApi();
  city = await createFiscalDivision(api, '参考数据测试市');
  admin = api.as((await createUser(api, { roles: [Role.ADMIN], fiscalDivisionCode: city })).token);
  perfAdmin = api.as((await createUser(api, { roles: [Role.PERFORMANCE_ADMIN], fiscalDivisionCode: city })).token);
});
afterAll(async () => {
  await api.stop();
});

/** A district of this file's city, created by its ADMIN, so counts are not disturbed by other tests. */
async function newDistrict(): Promise<string> {
  for (;;) {
    const code = `8${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const [row] = await api.sql<{ n: string }>('select count(*) as n from fiscal_division where code = ?', [code]);
    if (Number(row?.n) > 0) continue;
    await admin.ok(CREATE_DIVISION, { input: { code, name: `测试区划${code}`, level: 'DISTRICT', parentCode: city } });
    return code;
  }
}

async function count(table: string, where: string, params: unknown[]): Promise<number> {
  const [row] = await api.sql<{ n: string }>(`select count(*) as n from ${table} where ${where}`, params);
  return Number(row?.n);
}

describe('fiscal divisions, finance divisions and departments', () => {
  it('creates a department under an expenditure division and navigates the relations', async () => {
    const fd = await newDistrict();
    const exp = await admin.ok<{ createFinanceDivision: { id: string } }>(CREATE_FINANCE_DIVISION, {
      input: { fiscalDivisionCode: fd, code: 'JKW', name: '教科文处', kind: 'EXPENDITURE' },
    });
    const parent = await admin.ok<{ createDepartment: { id: string } }>(CREATE_DEPARTMENT, {
      input: {
        fiscalDivisionCode: fd,
        code: '101',
        name: '郑州市教育局',
        kind: 'ADMINISTRATIVE',
        managingDivisionId: exp.createFinanceDivision.id,
      },
    });
    await admin.ok(CREATE_DEPARTMENT, {
      input: {
        fiscalDivisionCode: fd,
        code: '101001',
        name: '郑州市第一中学',
        kind: 'INSTITUTION',
        parentId: parent.createDepartment.id,
      },
    });

    // Reference data is public: read without signing in.
    const data = await api.ok<{ departments: { totalCount: number; items: Array<Record<string, unknown>> } }>(
      LIST_DEPARTMENTS,
      { filter: { fiscalDivisionCode: fd, topLevel: true } },
    );
    expect(data.departments.totalCount).toBe(1);
    expect(data.departments.items[0]).toEqual({
      code: '101',
      name: '郑州市教育局',
      fiscalDivisionCode: fd,
      managingDivision: { name: '教科文处', kind: 'EXPENDITURE', departments: [{ code: '101' }] },
      children: [{ code: '101001', name: '郑州市第一中学', parent: { code: '101' } }],
      fiscalDivision: { code: fd },
    });

    const search = await api.ok<{ departments: { totalCount: number } }>(LIST_DEPARTMENTS, {
      filter: { fiscalDivisionCode: fd, search: '一中' },
    });
    expect(search.departments.totalCount).toBe(1);

    const district = await api.ok<{ fiscalDivision: Record<string, unknown> }>(DIVISION, { code: fd });
    expect(district.fiscalDivision).toEqual({ code: fd, level: 'DISTRICT', parent: { code: city } });
  });

  it('refuses a duplicate code, a non-expenditure managing division and deleting a referenced department', async () => {
    const fd = await newDistrict();
    const budget = await admin.ok<{ createFinanceDivision: { id: string } }>(CREATE_FINANCE_DIVISION, {
      input: { fiscalDivisionCode: fd, code: 'YSC', name: '预算处', kind: 'BUDGET' },
    });
    const wrongKind = await admin.gql(CREATE_DEPARTMENT, {
      input: {
        fiscalDivisionCode: fd,
        code: '201',
        name: '民政局',
        kind: 'ADMINISTRATIVE',
        managingDivisionId: budget.createFinanceDivision.id,
      },
    });
    expect(wrongKind.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrongKind.errors?.[0]?.message).toMatch(/expenditure division/);

    const dept = await admin.ok<{ createDepartment: { id: string } }>(CREATE_DEPARTMENT, {
      input: { fiscalDivisionCode: fd, code: '201', name: '民政局', kind: 'ADMINISTRATIVE' },
    });
    const dup = await admin.gql(CREATE_DEPARTMENT, {
      input: { fiscalDivisionCode: fd, code: '201', name: '另一个民政局', kind: 'ADMINISTRATIVE' },
    });
    expect(dup.errors?.[0]?.extensions?.code).toBe('DUPLICATE');

    await admin.ok(CREATE_DEPARTMENT, {
      input: {
        fiscalDivisionCode: fd,
        code: '201001',
        name: '救助站',
        kind: 'INSTITUTION',
        parentId: dept.createDepartment.id,
      },
    });
    const del = await admin.gql(DELETE_DEPARTMENT, { id: dept.createDepartment.id });
    expect(del.errors?.[0]?.extensions?.code).toBe('STILL_REFERENCED');
    expect(del.errors?.[0]?.message).toMatch(/1 child units/);
    expect(await count('department', 'fiscal_division_code = ?', [fd])).toBe(2);

    const delDivision = await admin.gql(DELETE_DIVISION, { code: fd });
    expect(delDivision.errors?.[0]?.extensions?.code).toBe('STILL_REFERENCED');
  });

  it('refuses deleting a department, finance division or fiscal division that users still belong to', async () => {
    const fd = await newDistrict();
    const [dept] = await api.sql<{ id: number }>(
      `insert into department (fiscal_division_code, code, name, kind, created_at, updated_at)
       values (?, '301', '审计局', 'ADMINISTRATIVE', now(), now()) returning id`,
      [fd],
    );
    const [division] = await api.sql<{ id: number }>(
      `insert into finance_division (fiscal_division_code, code, name, kind, created_at, updated_at)
       values (?, 'SBC', '社会保障处', 'EXPENDITURE', now(), now()) returning id`,
      [fd],
    );
    await createUser(api, { roles: [Role.UNIT_PREPARER], fiscalDivisionCode: fd, departmentId: dept?.id });
    await createUser(api, {
      roles: [Role.EXPENDITURE_REVIEWER],
      fiscalDivisionCode: fd,
      financeDivisionId: division?.id,
    });

    const delDept = await admin.gql(DELETE_DEPARTMENT, { id: String(dept?.id) });
    expect(delDept.errors?.[0]?.extensions?.code).toBe('STILL_REFERENCED');
    expect(delDept.errors?.[0]?.message).toMatch(/1 users/);
    const delFinance = await admin.gql(DELETE_FINANCE_DIVISION, { id: String(division?.id) });
    expect(delFinance.errors?.[0]?.extensions?.code).toBe('STILL_REFERENCED');
    expect(delFinance.errors?.[0]?.message).toMatch(/1 users/);
    const delDivision = await admin.gql(DELETE_DIVISION, { code: fd });
    expect(delDivision.errors?.[0]?.extensions?.code).toBe('STILL_REFERENCED');
    expect(delDivision.errors?.[0]?.message).toMatch(/2 users/);
    expect(await count('department', 'id = ?', [dept?.id])).toBe(1);
    expect(await count('finance_division', 'id = ?', [division?.id])).toBe(1);
    expect(await count('fiscal_division', 'code = ?', [fd])).toBe(1);
  });

  it('validates input with actionable messages and answers unknown keys as NOT_FOUND', async () => {
    const bad = await admin.gql(CREATE_DIVISION, { input: { code: '12', name: 'x', level: 'CITY', parentCode: city } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/9-digit/);

    const page = await api.gql(LIST_DEPARTMENTS, { filter: {}, limit: 201 });
    expect(page.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const missing = await admin.gql(UPDATE_DEPARTMENT, { id: '999999999', input: { name: 'x' } });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const lookups: Array<[string, Record<string, string>, string]> = [
      ['query($id: ID!) { department(id: $id) { id } }', { id: '999999999' }, 'Department'],
      ['query($id: ID!) { financeDivision(id: $id) { id } }', { id: '999999999' }, 'FinanceDivision'],
      ['query($code: String!) { fiscalDivision(code: $code) { code } }', { code: '999999999' }, 'FiscalDivision'],
      ['query($code: String!) { functionClass(code: $code) { code } }', { code: '99999' }, 'FunctionClass'],
    ];
    for (const [query, variables, type] of lookups) {
      const r = await api.gql(query, variables);
      expect(r.data).toBeNull();
      expect(r.errors?.map((e) => [e.extensions?.code, e.extensions?.type])).toEqual([['NOT_FOUND', type]]);
    }
  });

  it('keeps function classes in a tree and refuses an orphan code', async () => {
    const base = String(900 + Math.floor(Math.random() * 99));
    await admin.ok(CREATE_FUNCTION_CLASS, { input: { code: base, name: '测试类' } });
    await admin.ok(CREATE_FUNCTION_CLASS, { input: { code: `${base}01`, name: '测试款' } });
    const orphan = await admin.gql(CREATE_FUNCTION_CLASS, { input: { code: `${base}0201`, name: '孤儿项' } });
    expect(orphan.errors?.[0]?.extensions?.code).toBe('INVALID_REFERENCE');
    const tree = await api.ok<{
      functionClass: { level: number; children: Array<{ code: string; level: number; parent: { code: string } }> };
    }>('query($c: String!) { functionClass(code: $c) { level children { code level parent { code } } } }', { c: base });
    expect(tree.functionClass).toEqual({
      level: 1,
      children: [{ code: `${base}01`, level: 2, parent: { code: base } }],
    });
    await admin.ok('mutation($c: String!) { deleteFunctionClass(code: $c) }', { c: `${base}01` });
    await admin.ok('mutation($c: String!) { deleteFunctionClass(code: $c) }', { c: base });
  });

  it('records create, update and delete in the audit trail, and nothing for a refused change', async () => {
    const fd = await newDistrict();
    const auditor = await createUser(api, { roles: [Role.ADMIN], fiscalDivisionCode: fd });
    const client = api.as(auditor.token);
    const auditRows = () => count('audit_entry', "fiscal_division_code = ? and subject_type = 'Department'", [fd]);

    const created = await client.ok<{ createDepartment: { id: string } }>(CREATE_DEPARTMENT, {
      input: { fiscalDivisionCode: fd, code: '701', name: '审计测试局', kind: 'ADMINISTRATIVE' },
    });
    const id = created.createDepartment.id;
    await client.ok(UPDATE_DEPARTMENT, { id, input: { name: '审计测试局（改）', industryPilot: true } });

    const rowsBefore = await auditRows();
    const dup = await client.gql(CREATE_DEPARTMENT, {
      input: { fiscalDivisionCode: fd, code: '701', name: '重复的局', kind: 'ADMINISTRATIVE' },
    });
    expect(dup.errors?.[0]?.extensions?.code).toBe('DUPLICATE');
    expect(await auditRows()).toBe(rowsBefore);

    await client.ok(DELETE_DEPARTMENT, { id });

    const { history } = await client.ok<{ history: HistoryEntry[] }>(HISTORY, { type: 'Department', id });
    expect(history.map((h) => [h.action, h.actorLogin, h.actorRoles])).toEqual([
      ['create', auditor.loginName, ['ADMIN']],
      ['update', auditor.loginName, ['ADMIN']],
      ['delete', auditor.loginName, ['ADMIN']],
    ]);
    const changes = (i: number) =>
      Object.fromEntries(history[i]?.changes.map((c) => [c.field, [c.before, c.after]]) ?? []);
    expect(changes(0)).toMatchObject({
      code: [null, '"701"'],
      name: [null, '"审计测试局"'],
      industryPilot: [null, 'false'],
    });
    expect(changes(1)).toEqual({ name: ['"审计测试局"', '"审计测试局（改）"'], industryPilot: ['false', 'true'] });
    expect(changes(2)).toMatchObject({ code: ['"701"', null], name: ['"审计测试局（改）"', null] });
  });

  it('gives every test its own unique codes', () => {
    expect(uniq('A')).not.toBe(uniq('A'));
  });
});

describe('who may change reference data', () => {
  it('refuses reference writes to anonymous callers (UNAUTHENTICATED) and to non-ADMIN roles (FORBIDDEN)', async () => {
    const fd = await newDistrict();
    const input = { fiscalDivisionCode: fd, code: '401', name: '越权新建的部门', kind: 'ADMINISTRATIVE' };

    const anonymous = await api.gql(CREATE_DEPARTMENT, { input });
    expect(anonymous.data).toBeNull();
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);

    const forbidden = await perfAdmin.gql(CREATE_DEPARTMENT, { input });
    expect(forbidden.data).toBeNull();
    expect(forbidden.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(forbidden.errors?.[0]?.message).toMatch(/createDepartment/);

    const base = String(900 + Math.floor(Math.random() * 99));
    const functionClass = await perfAdmin.gql(CREATE_FUNCTION_CLASS, { input: { code: `${base}99`, name: '越权' } });
    expect(functionClass.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    expect(await count('department', 'fiscal_division_code = ?', [fd])).toBe(0);
    expect(await count('function_class', 'code = ?', [`${base}99`])).toBe(0);
  });

  it('lets an ADMIN change its own division and those below it, and nothing of another tree (NOT_FOUND)', async () => {
    // Another city with a district, a department and a finance division, arranged in SQL.
    const otherCity = await createFiscalDivision(api, '另一测试市');
    const [foreign] = await api.sql<{ id: number }>(
      `insert into department (fiscal_division_code, code, name, kind, created_at, updated_at)
       values (?, '501', '外市教育局', 'ADMINISTRATIVE', now(), now()) returning id`,
      [otherCity],
    );
    const [foreignDivision] = await api.sql<{ id: number }>(
      `insert into finance_division (fiscal_division_code, code, name, kind, created_at, updated_at)
       values (?, 'JKW', '外市教科文处', 'EXPENDITURE', now(), now()) returning id`,
      [otherCity],
    );
    const foreignId = String(foreign?.id);
    const snapshot = () => api.sql('select * from department where id = ?', [foreign?.id]);
    const before = await snapshot();

    const update = await admin.gql(UPDATE_DEPARTMENT, { id: foreignId, input: { name: '被改名' } });
    expect(update.data).toBeNull();
    expect(update.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['NOT_FOUND', `Department ${foreignId} does not exist.`],
    ]);
    const del = await admin.gql(DELETE_DEPARTMENT, { id: foreignId });
    expect(del.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const financeUpdate = await admin.gql(UPDATE_FINANCE_DIVISION, {
      id: String(foreignDivision?.id),
      input: { name: '被改名' },
    });
    expect(financeUpdate.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const divisionUpdate = await admin.gql(UPDATE_DIVISION, { code: otherCity, input: { name: '被改名' } });
    expect(divisionUpdate.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);

    // Rows in another tree are referred to as if they did not exist.
    const create = await admin.gql(CREATE_DEPARTMENT, {
      input: { fiscalDivisionCode: otherCity, code: '502', name: '越界新建', kind: 'ADMINISTRATIVE' },
    });
    expect(create.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['INVALID_REFERENCE', 'fiscalDivisionCode'],
    ]);
    const district = await admin.gql(CREATE_DIVISION, {
      input: { code: '899999999', name: '越界新建区', level: 'DISTRICT', parentCode: otherCity },
    });
    expect(district.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['INVALID_REFERENCE', 'parentCode'],
    ]);
    const root = await admin.gql(CREATE_DIVISION, { input: { code: '899999998', name: '新省', level: 'PROVINCE' } });
    expect(root.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['BAD_USER_INPUT', 'parentCode'],
    ]);

    expect(await snapshot()).toEqual(before);
    expect(await count('department', 'fiscal_division_code = ?', [otherCity])).toBe(1);
    expect(await count('fiscal_division', 'code in (?, ?)', ['899999999', '899999998'])).toBe(0);
    expect(await count('finance_division', 'id = ? and name = ?', [foreignDivision?.id, '外市教科文处'])).toBe(1);

    // Down the tree it may: a department of one of its districts.
    const fd = await newDistrict();
    const own = await admin.ok<{ createDepartment: { id: string } }>(CREATE_DEPARTMENT, {
      input: { fiscalDivisionCode: fd, code: '601', name: '区民政局', kind: 'ADMINISTRATIVE' },
    });
    const renamed = await admin.ok<{ updateDepartment: { name: string } }>(UPDATE_DEPARTMENT_NAME, {
      id: own.createDepartment.id,
      input: { name: '区民政局（改）' },
    });
    expect(renamed.updateDepartment.name).toBe('区民政局（改）');

    // A district's ADMIN does not reach up to its city.
    const districtAdmin = api.as((await createUser(api, { roles: [Role.ADMIN], fiscalDivisionCode: fd })).token);
    const up = await districtAdmin.gql(UPDATE_DIVISION, { code: city, input: { name: '被改名' } });
    expect(up.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(await count('fiscal_division', 'code = ? and name = ?', [city, '被改名'])).toBe(0);
  });
});

type HistoryEntry = {
  action: string;
  actorLogin: string;
  actorRoles: string[];
  changes: Array<{ field: string; before: string | null; after: string | null }>;
};
const HISTORY = `query($type: String!, $id: ID!) {
  history(type: $type, id: $id) { action actorLogin actorRoles changes { field before after } }
}`;
const CREATE_DIVISION = `mutation($input: CreateFiscalDivisionInput!) { createFiscalDivision(input: $input) { code } }`;
const UPDATE_DIVISION = `mutation($code: String!, $input: UpdateFiscalDivisionInput!) {
  updateFiscalDivision(code: $code, input: $input) { code }
}`;
const DELETE_DIVISION = `mutation($code: String!) { deleteFiscalDivision(code: $code) }`;
const DIVISION = `query($code: String!) { fiscalDivision(code: $code) { code level parent { code } } }`;
const CREATE_FINANCE_DIVISION = `mutation($input: CreateFinanceDivisionInput!) { createFinanceDivision(input: $input) { id } }`;
const UPDATE_FINANCE_DIVISION = `mutation($id: ID!, $input: UpdateFinanceDivisionInput!) {
  updateFinanceDivision(id: $id, input: $input) { id }
}`;
const DELETE_FINANCE_DIVISION = `mutation($id: ID!) { deleteFinanceDivision(id: $id) }`;
const CREATE_DEPARTMENT = `mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }`;
const UPDATE_DEPARTMENT = `mutation($id: ID!, $input: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $input) { id } }`;
const UPDATE_DEPARTMENT_NAME = `mutation($id: ID!, $input: UpdateDepartmentInput!) {
  updateDepartment(id: $id, input: $input) { name }
}`;
const DELETE_DEPARTMENT = `mutation($id: ID!) { deleteDepartment(id: $id) }`;
const CREATE_FUNCTION_CLASS = `mutation($input: CreateFunctionClassInput!) { createFunctionClass(input: $input) { code } }`;
const LIST_DEPARTMENTS = `query($filter: DepartmentFilter, $limit: Int) {
  departments(filter: $filter, limit: $limit, sort: [{ field: CODE }]) {
    totalCount
    items {
      code name fiscalDivisionCode
      managingDivision { name kind departments { code } }
      children { code name parent { code } }
      fiscalDivision { code }
    }
  }
}`;
