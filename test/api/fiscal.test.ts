import { startApi, type TestApi, uniq } from '../helpers/api';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

/** A fiscal division of this test's own, so counts are not disturbed by other test files. */
async function newDivision(): Promise<string> {
  const code = `9${String(Date.now() % 1e8).padStart(8, '0')}`.slice(0, 9);
  const existing = await api.sql<{ n: string }>('select count(*) as n from fiscal_division where code = ?', [code]);
  const free = Number(existing[0]?.n) === 0 ? code : `8${code.slice(1)}`;
  await api.ok(CREATE_DIVISION, { input: { code: free, name: `测试区划${free}`, level: 'DISTRICT' } });
  return free;
}

describe('fiscal divisions, finance divisions and departments', () => {
  it('creates a department under an expenditure division and navigates the relations', async () => {
    const fd = await newDivision();
    const exp = await api.ok<{ createFinanceDivision: { id: string } }>(CREATE_FINANCE_DIVISION, {
      input: { fiscalDivisionCode: fd, code: 'JKW', name: '教科文处', kind: 'EXPENDITURE' },
    });
    const parent = await api.ok<{ createDepartment: { id: string } }>(CREATE_DEPARTMENT, {
      input: {
        fiscalDivisionCode: fd,
        code: '101',
        name: '郑州市教育局',
        kind: 'ADMINISTRATIVE',
        managingDivisionId: exp.createFinanceDivision.id,
      },
    });
    await api.ok(CREATE_DEPARTMENT, {
      input: {
        fiscalDivisionCode: fd,
        code: '101001',
        name: '郑州市第一中学',
        kind: 'INSTITUTION',
        parentId: parent.createDepartment.id,
      },
    });

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
  });

  it('refuses a duplicate code, a non-expenditure managing division and deleting a referenced department', async () => {
    const fd = await newDivision();
    const budget = await api.ok<{ createFinanceDivision: { id: string } }>(CREATE_FINANCE_DIVISION, {
      input: { fiscalDivisionCode: fd, code: 'YSC', name: '预算处', kind: 'BUDGET' },
    });
    const wrongKind = await api.gql(CREATE_DEPARTMENT, {
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

    const dept = await api.ok<{ createDepartment: { id: string } }>(CREATE_DEPARTMENT, {
      input: { fiscalDivisionCode: fd, code: '201', name: '民政局', kind: 'ADMINISTRATIVE' },
    });
    const dup = await api.gql(CREATE_DEPARTMENT, {
      input: { fiscalDivisionCode: fd, code: '201', name: '另一个民政局', kind: 'ADMINISTRATIVE' },
    });
    expect(dup.errors?.[0]?.extensions?.code).toBe('DUPLICATE');

    await api.ok(CREATE_DEPARTMENT, {
      input: {
        fiscalDivisionCode: fd,
        code: '201001',
        name: '救助站',
        kind: 'INSTITUTION',
        parentId: dept.createDepartment.id,
      },
    });
    const del = await api.gql(DELETE_DEPARTMENT, { id: dept.createDepartment.id });
    expect(del.errors?.[0]?.extensions?.code).toBe('STILL_REFERENCED');
    expect(del.errors?.[0]?.message).toMatch(/1 child units/);
    const count = await api.sql<{ n: string }>('select count(*) as n from department where fiscal_division_code = ?', [
      fd,
    ]);
    expect(Number(count[0]?.n)).toBe(2);

    const delDivision = await api.gql(DELETE_DIVISION, { code: fd });
    expect(delDivision.errors?.[0]?.extensions?.code).toBe('STILL_REFERENCED');
  });

  it('validates input with actionable messages and answers unknown ids as NOT_FOUND', async () => {
    const bad = await api.gql(CREATE_DIVISION, { input: { code: '12', name: 'x', level: 'CITY' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/9-digit/);

    const page = await api.gql(LIST_DEPARTMENTS, { filter: {}, limit: 201 });
    expect(page.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const missing = await api.gql(UPDATE_DEPARTMENT, { id: '999999999', input: { name: 'x' } });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const one = await api.ok<{ department: unknown }>('query($id: ID!) { department(id: $id) { id } }', {
      id: '999999999',
    });
    expect(one.department).toBeNull();
  });

  it('keeps function classes in a tree and refuses an orphan code', async () => {
    const base = String(900 + Math.floor(Math.random() * 99));
    await api.ok(CREATE_FUNCTION_CLASS, { input: { code: base, name: '测试类' } });
    await api.ok(CREATE_FUNCTION_CLASS, { input: { code: `${base}01`, name: '测试款' } });
    const orphan = await api.gql(CREATE_FUNCTION_CLASS, { input: { code: `${base}0201`, name: '孤儿项' } });
    expect(orphan.errors?.[0]?.extensions?.code).toBe('INVALID_REFERENCE');
    const tree = await api.ok<{
      functionClass: { level: number; children: Array<{ code: string; level: number; parent: { code: string } }> };
    }>('query($c: String!) { functionClass(code: $c) { level children { code level parent { code } } } }', { c: base });
    expect(tree.functionClass).toEqual({
      level: 1,
      children: [{ code: `${base}01`, level: 2, parent: { code: base } }],
    });
    await api.ok('mutation($c: String!) { deleteFunctionClass(code: $c) }', { c: `${base}01` });
    await api.ok('mutation($c: String!) { deleteFunctionClass(code: $c) }', { c: base });
  });

  it('gives every test its own unique codes', () => {
    expect(uniq('A')).not.toBe(uniq('A'));
  });
});

const CREATE_DIVISION = `mutation($input: CreateFiscalDivisionInput!) { createFiscalDivision(input: $input) { code } }`;
const DELETE_DIVISION = `mutation($code: String!) { deleteFiscalDivision(code: $code) }`;
const CREATE_FINANCE_DIVISION = `mutation($input: CreateFinanceDivisionInput!) { createFinanceDivision(input: $input) { id } }`;
const CREATE_DEPARTMENT = `mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }`;
const UPDATE_DEPARTMENT = `mutation($id: ID!, $input: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $input) { id } }`;
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
