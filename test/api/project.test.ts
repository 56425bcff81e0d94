import { startApi, type TestApi, uniq } from '../helpers/api';

let api: TestApi;
let functionClass: string;
beforeAll(async () => {
  api = await startApi();
  functionClass = await newFunctionClass();
});
afterAll(async () => {
  await api.stop();
});

/** The reference data of one test: its own fiscal division, so lists and counts see only what the test made. */
interface World {
  fd: string;
  /** 教科文处 (expenditure), manages 教育局. */
  jkw: string;
  /** 社会保障处 (expenditure), manages 民政局. */
  shb: string;
  /** 预算处 (budget division, not expenditure). */
  ysc: string;
  /** 教育局, a first-level unit. */
  edu: string;
  /** 第一中学, a child unit of 教育局. */
  school: string;
  /** 民政局, a first-level unit. */
  civil: string;
}

async function newDivision(): Promise<string> {
  for (;;) {
    const code = `7${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const taken = await api.sql<{ n: string }>('select count(*) as n from fiscal_division where code = ?', [code]);
    if (Number(taken[0]?.n) > 0) continue;
    await api.ok(CREATE_DIVISION, { input: { code, name: `项目测试区划${code}`, level: 'DISTRICT' } });
    return code;
  }
}

async function newFunctionClass(): Promise<string> {
  for (;;) {
    const code = String(300 + Math.floor(Math.random() * 600));
    const taken = await api.sql<{ n: string }>('select count(*) as n from function_class where code = ?', [code]);
    if (Number(taken[0]?.n) > 0) continue;
    await api.ok(CREATE_FUNCTION_CLASS, { input: { code, name: '项目测试功能分类' } });
    return code;
  }
}

async function world(): Promise<World> {
  const fd = await newDivision();
  const division = async (code: string, name: string, kind: string) =>
    (
      await api.ok<{ createFinanceDivision: { id: string } }>(CREATE_FINANCE_DIVISION, {
        input: { fiscalDivisionCode: fd, code, name, kind },
      })
    ).createFinanceDivision.id;
  const jkw = await division('JKW', '教科文处', 'EXPENDITURE');
  const shb = await division('SHB', '社会保障处', 'EXPENDITURE');
  const ysc = await division('YSC', '预算处', 'BUDGET');
  const department = async (input: Record<string, unknown>) =>
    (
      await api.ok<{ createDepartment: { id: string } }>(CREATE_DEPARTMENT, {
        input: { fiscalDivisionCode: fd, kind: 'ADMINISTRATIVE', ...input },
      })
    ).createDepartment.id;
  const edu = await department({ code: '101', name: '郑州市教育局', managingDivisionId: jkw });
  const school = await department({ code: '101001', name: '郑州市第一中学', kind: 'INSTITUTION', parentId: edu });
  const civil = await department({ code: '201', name: '郑州市民政局', managingDivisionId: shb });
  return { fd, jkw, shb, ysc, edu, school, civil };
}

async function createProject(w: World, input: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const data = await api.ok<{ createProject: { id: string; version: number } }>(CREATE_PROJECT_SHORT, {
    input: {
      fiscalDivisionCode: w.fd,
      departmentId: w.edu,
      attribute: 'NEW',
      startYear: 2026,
      budgetType: 'GENERAL_PUBLIC',
      ...input,
    },
  });
  return data.createProject;
}

async function createBudget(input: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const data = await api.ok<{ createProjectBudget: { id: string; version: number } }>(CREATE_BUDGET, { input });
  return data.createProjectBudget;
}

async function count(table: string, column: string, value: unknown): Promise<number> {
  const r = await api.sql<{ n: string }>(`select count(*) as n from ${table} where ${column} = ?`, [value]);
  return Number(r[0]?.n);
}

/** Codes of a project list, in the order the API returned them. */
async function listCodes(filter: Record<string, unknown>, sort?: unknown): Promise<string[]> {
  const data = await api.ok<{ projects: { totalCount: number; items: Array<{ code: string }> } }>(LIST_PROJECT_CODES, {
    filter,
    sort,
  });
  expect(data.projects.totalCount).toBe(data.projects.items.length);
  return data.projects.items.map((p) => p.code);
}

/** A performance target row for a project and year, arranged directly in SQL (the target module has its own tests). */
async function insertTarget(w: World, projectId: string, fiscalYear: number): Promise<void> {
  const [framework] = await api.sql<{ id: number }>(
    `insert into indicator_framework (code, name, kind, is_default) values (?, '项目测试框架', 'PROJECT', false) returning id`,
    [uniq('FW')],
  );
  await api.sql(
    `insert into performance_target (fiscal_division_code, kind, fiscal_year, project_id, department_id, framework_id, funds, created_at, updated_at)
     values (?, 'PROJECT', ?, ?, ?, ?, 100.00, now(), now())`,
    [w.fd, fiscalYear, Number(projectId), Number(w.edu), framework!.id],
  );
}

describe('projects (项目库)', () => {
  it('creates a project under its department’s managing division and navigates the relations', async () => {
    const w = await world();
    const created = await api.ok<{ createProject: Record<string, unknown> }>(CREATE_PROJECT, {
      input: {
        fiscalDivisionCode: w.fd,
        code: 'P001',
        name: '城乡义务教育补助经费',
        departmentId: w.edu,
        category: '特定目标类',
        attribute: 'NEW',
        startYear: 2026,
        termYears: 3,
        functionClassCode: functionClass,
        budgetType: 'GENERAL_PUBLIC',
        majorPolicy: true,
        description: '义务教育阶段公用经费补助',
      },
    });
    const policy = created.createProject as { id: string };
    expect(created.createProject).toEqual({
      id: policy.id,
      fiscalDivisionCode: w.fd,
      code: 'P001',
      name: '城乡义务教育补助经费',
      category: '特定目标类',
      attribute: 'NEW',
      startYear: 2026,
      termYears: 3,
      budgetType: 'GENERAL_PUBLIC',
      majorPolicy: true,
      specialFund: false,
      transferPayment: false,
      phase: 'CANDIDATE',
      description: '义务教育阶段公用经费补助',
      needsExAnte: true,
      version: 1,
      fiscalDivision: { code: w.fd },
      department: { id: w.edu, name: '郑州市教育局' },
      managingDivision: { id: w.jkw, name: '教科文处' },
      functionClass: { code: functionClass },
      parent: null,
      children: [],
      budgets: [],
    });

    const item = await createProject(w, { code: 'P001-01', name: '农村学校公用经费', parentId: policy.id });
    const read = await api.ok<{ project: Record<string, unknown> }>(GET_PROJECT, { id: policy.id });
    expect(read.project).toMatchObject({ code: 'P001', children: [{ code: 'P001-01' }] });
    const child = await api.ok<{ project: Record<string, unknown> }>(GET_PROJECT, { id: item.id });
    expect(child.project).toMatchObject({ parent: { id: policy.id, code: 'P001' }, functionClass: null });

    const dept = await api.ok<{ department: { projects: Array<{ code: string }> } }>(DEPARTMENT_PROJECTS, {
      id: w.edu,
    });
    expect(dept.department.projects.map((p) => p.code)).toEqual(['P001', 'P001-01']);
    const none = await api.ok<{ department: { projects: unknown[] } }>(DEPARTMENT_PROJECTS, { id: w.civil });
    expect(none.department.projects).toEqual([]);
  });

  it('needs an ex-ante assessment for every NEW major policy and special fund, and only for those', async () => {
    const w = await world();
    await createProject(w, { code: 'E1', name: '新增重大政策', attribute: 'NEW', majorPolicy: true });
    await createProject(w, { code: 'E2', name: '新增专项资金', attribute: 'NEW', specialFund: true });
    await createProject(w, { code: 'E3', name: '新增一般项目', attribute: 'NEW' });
    await createProject(w, { code: 'E4', name: '延续重大政策', attribute: 'CONTINUING', majorPolicy: true });
    const data = await api.ok<{ projects: { items: Array<{ code: string; needsExAnte: boolean }> } }>(
      LIST_NEEDS_EX_ANTE,
      { filter: { fiscalDivisionCode: w.fd } },
    );
    expect(data.projects.items).toEqual([
      { code: 'E1', needsExAnte: true },
      { code: 'E2', needsExAnte: true },
      { code: 'E3', needsExAnte: false },
      { code: 'E4', needsExAnte: false },
    ]);
    expect(await listCodes({ fiscalDivisionCode: w.fd, needsExAnte: true })).toEqual(['E1', 'E2']);
    expect(await listCodes({ fiscalDivisionCode: w.fd, needsExAnte: false })).toEqual(['E3', 'E4']);
  });

  it('filters by department with child units, budget type, fiscal year, flags, phase and Chinese search', async () => {
    const w = await world();
    const p1 = await createProject(w, {
      code: 'F1',
      name: '义务教育学生营养改善计划',
      departmentId: w.edu,
      budgetType: 'GENERAL_PUBLIC',
      majorPolicy: true,
      phase: 'ADMITTED',
      startYear: 2024,
    });
    const p2 = await createProject(w, {
      code: 'F2',
      name: '校舍安全工程',
      departmentId: w.school,
      budgetType: 'GOVERNMENT_FUND',
      attribute: 'CONTINUING',
      specialFund: true,
      phase: 'BUDGETED',
      startYear: 2025,
    });
    const p3 = await createProject(w, {
      code: 'F3',
      name: '城乡最低生活保障资金',
      departmentId: w.civil,
      budgetType: 'SOCIAL_INSURANCE',
      transferPayment: true,
      startYear: 2023,
    });
    await createBudget({ projectId: p1.id, fiscalYear: 2026, requested: '100.00' });
    await createBudget({ projectId: p2.id, fiscalYear: 2027, requested: '200.00' });
    await createBudget({ projectId: p3.id, fiscalYear: 2026, requested: '300.00' });
    await createBudget({ projectId: p3.id, fiscalYear: 2027, requested: '300.00' });
    const fd = w.fd;

    expect(await listCodes({ fiscalDivisionCode: fd })).toEqual(['F1', 'F2', 'F3']);
    expect(await listCodes({ fiscalDivisionCode: fd, departmentId: w.edu })).toEqual(['F1']);
    expect(await listCodes({ fiscalDivisionCode: fd, departmentId: w.edu, includeChildUnits: true })).toEqual([
      'F1',
      'F2',
    ]);
    expect(await listCodes({ fiscalDivisionCode: fd, departmentId: w.school, includeChildUnits: true })).toEqual([
      'F2',
    ]);
    expect(await listCodes({ fiscalDivisionCode: fd, managingDivisionId: w.shb })).toEqual(['F3']);
    expect(await listCodes({ fiscalDivisionCode: fd, budgetType: 'GOVERNMENT_FUND' })).toEqual(['F2']);
    expect(await listCodes({ fiscalDivisionCode: fd, budgetTypes: ['GENERAL_PUBLIC', 'SOCIAL_INSURANCE'] })).toEqual([
      'F1',
      'F3',
    ]);
    expect(await listCodes({ fiscalDivisionCode: fd, fiscalYear: 2026 })).toEqual(['F1', 'F3']);
    expect(await listCodes({ fiscalDivisionCode: fd, fiscalYear: 2027 })).toEqual(['F2', 'F3']);
    expect(await listCodes({ fiscalDivisionCode: fd, fiscalYear: 2028 })).toEqual([]);
    expect(await listCodes({ fiscalDivisionCode: fd, attribute: 'CONTINUING' })).toEqual(['F2']);
    expect(await listCodes({ fiscalDivisionCode: fd, majorPolicy: true })).toEqual(['F1']);
    expect(await listCodes({ fiscalDivisionCode: fd, specialFund: true })).toEqual(['F2']);
    expect(await listCodes({ fiscalDivisionCode: fd, transferPayment: true })).toEqual(['F3']);
    expect(await listCodes({ fiscalDivisionCode: fd, transferPayment: false })).toEqual(['F1', 'F2']);
    expect(await listCodes({ fiscalDivisionCode: fd, phase: 'BUDGETED' })).toEqual(['F2']);
    expect(await listCodes({ fiscalDivisionCode: fd, phases: ['CANDIDATE', 'ADMITTED'] })).toEqual(['F1', 'F3']);
    expect(await listCodes({ fiscalDivisionCode: fd, search: '生活保障' })).toEqual(['F3']);
    expect(await listCodes({ fiscalDivisionCode: fd, search: 'f2' })).toEqual(['F2']);
    expect(await listCodes({ fiscalDivisionCode: fd, search: '%' })).toEqual([]);
    expect(await listCodes({ fiscalDivisionCode: fd, ids: [p1.id, p3.id] })).toEqual(['F1', 'F3']);
    expect(
      await listCodes({ fiscalDivisionCode: fd, departmentId: w.edu, includeChildUnits: true, fiscalYear: 2027 }),
    ).toEqual(['F2']);

    expect(await listCodes({ fiscalDivisionCode: fd }, [{ field: 'START_YEAR', direction: 'DESC' }])).toEqual([
      'F2',
      'F1',
      'F3',
    ]);
    expect(await listCodes({ fiscalDivisionCode: fd }, [{ field: 'CODE', direction: 'DESC' }])).toEqual([
      'F3',
      'F2',
      'F1',
    ]);

    const page = await api.ok<{ projects: { totalCount: number; items: Array<{ code: string }> } }>(
      LIST_PROJECT_CODES,
      { filter: { fiscalDivisionCode: fd }, offset: 1, limit: 1 },
    );
    expect(page.projects).toEqual({ totalCount: 3, items: [{ code: 'F2' }] });
  });

  it('refuses a department or division of another fiscal division, a budget division, an unknown function class and a duplicate code, changing nothing', async () => {
    const w = await world();
    const other = await world();
    await createProject(w, { code: 'R1', name: '已有项目' });
    const before = await count('project', 'fiscal_division_code', w.fd);
    const attempt = (input: Record<string, unknown>) =>
      api.gql(CREATE_PROJECT_SHORT, {
        input: {
          fiscalDivisionCode: w.fd,
          code: 'R2',
          name: '新项目',
          departmentId: w.edu,
          attribute: 'NEW',
          startYear: 2026,
          budgetType: 'GENERAL_PUBLIC',
          ...input,
        },
      });

    const foreignDepartment = await attempt({ departmentId: other.edu });
    expect(foreignDepartment.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departmentId' });
    expect(foreignDepartment.errors?.[0]?.message).toMatch(/belongs to fiscal division/);

    const budgetDivision = await attempt({ managingDivisionId: w.ysc });
    expect(budgetDivision.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(budgetDivision.errors?.[0]?.message).toMatch(/expenditure division \(支出处室\); 预算处 is BUDGET/);

    const foreignDivision = await attempt({ managingDivisionId: other.jkw });
    expect(foreignDivision.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'managingDivisionId',
    });
    expect(foreignDivision.errors?.[0]?.message).toMatch(/another fiscal division/);

    const unknownClass = await attempt({ functionClassCode: '99999' });
    expect(unknownClass.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_REFERENCE',
      field: 'functionClassCode',
    });

    const unknownDepartment = await attempt({ departmentId: '999999999' });
    expect(unknownDepartment.errors?.[0]?.extensions?.code).toBe('INVALID_REFERENCE');

    const duplicate = await attempt({ code: 'R1' });
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('DUPLICATE');
    expect(duplicate.errors?.[0]?.message).toMatch(/Project R1/);

    const badYear = await attempt({ startYear: 1900 });
    expect(badYear.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badYear.errors?.[0]?.message).toMatch(/startYear/);

    expect(await count('project', 'fiscal_division_code', w.fd)).toBe(before);

    // The same code is free in another fiscal division.
    await createProject(other, { code: 'R1', name: '另一区划的同号项目' });
  });

  it('keeps second-level items in the department of their first-level policy project', async () => {
    const w = await world();
    const policy = await createProject(w, { code: 'S1', name: '学生资助政策' });
    const item = await createProject(w, { code: 'S1-01', name: '普通高中国家助学金', parentId: policy.id });
    const before = await count('project', 'fiscal_division_code', w.fd);

    const otherDepartment = await api.gql(CREATE_PROJECT_SHORT, {
      input: {
        fiscalDivisionCode: w.fd,
        code: 'S1-02',
        name: '民政局的二级项目',
        departmentId: w.civil,
        attribute: 'NEW',
        startYear: 2026,
        budgetType: 'GENERAL_PUBLIC',
        parentId: policy.id,
      },
    });
    expect(otherDepartment.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentId' });
    expect(otherDepartment.errors?.[0]?.message).toMatch(/another department/);

    const grandchild = await api.gql(CREATE_PROJECT_SHORT, {
      input: {
        fiscalDivisionCode: w.fd,
        code: 'S1-01-01',
        name: '三级项目',
        departmentId: w.edu,
        attribute: 'NEW',
        startYear: 2026,
        budgetType: 'GENERAL_PUBLIC',
        parentId: item.id,
      },
    });
    expect(grandchild.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(grandchild.errors?.[0]?.message).toMatch(/itself a second-level item/);
    expect(await count('project', 'fiscal_division_code', w.fd)).toBe(before);

    const ownParent = await api.gql(UPDATE_PROJECT, { id: policy.id, input: { parentId: policy.id } });
    expect(ownParent.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const moveItem = await api.gql(UPDATE_PROJECT, { id: item.id, input: { departmentId: w.civil } });
    expect(moveItem.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departmentId' });
    const movePolicy = await api.gql(UPDATE_PROJECT, { id: policy.id, input: { departmentId: w.civil } });
    expect(movePolicy.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departmentId' });
    expect(movePolicy.errors?.[0]?.message).toMatch(/detach them/);
    const rows = await api.sql<{ code: string; department_id: number }>(
      'select code, department_id from project where fiscal_division_code = ? order by code',
      [w.fd],
    );
    expect(rows).toEqual([
      { code: 'S1', department_id: Number(w.edu) },
      { code: 'S1-01', department_id: Number(w.edu) },
    ]);

    const detached = await api.ok<{ updateProject: { parent: unknown; department: { id: string } } }>(UPDATE_PROJECT, {
      id: item.id,
      input: { parentId: null, departmentId: w.civil },
    });
    expect(detached.updateProject).toMatchObject({ parent: null, department: { id: w.civil } });
    expect(await listCodes({ fiscalDivisionCode: w.fd, parentId: policy.id })).toEqual([]);
  });

  it('moves a project to another department together with its managing division, unless one is named', async () => {
    const w = await world();
    const p = await createProject(w, { code: 'M1', name: '教育信息化建设' });
    const moved = await api.ok<{ updateProject: Record<string, unknown> }>(UPDATE_PROJECT, {
      id: p.id,
      input: { departmentId: w.civil, name: '智慧民政建设', functionClassCode: functionClass, version: p.version },
    });
    expect(moved.updateProject).toMatchObject({
      name: '智慧民政建设',
      department: { id: w.civil },
      managingDivision: { id: w.shb, name: '社会保障处' },
      functionClass: { code: functionClass },
      version: p.version + 1,
    });
    const named = await api.ok<{ updateProject: Record<string, unknown> }>(UPDATE_PROJECT, {
      id: p.id,
      input: { departmentId: w.edu, managingDivisionId: w.shb, functionClassCode: null, category: null },
    });
    expect(named.updateProject).toMatchObject({
      department: { id: w.edu },
      managingDivision: { id: w.shb },
      functionClass: null,
      category: null,
    });
    const cleared = await api.ok<{ updateProject: Record<string, unknown> }>(UPDATE_PROJECT, {
      id: p.id,
      input: { managingDivisionId: null },
    });
    expect(cleared.updateProject).toMatchObject({ managingDivision: null });
    const [row] = await api.sql<{ managing_division_id: number | null; function_class_code: string | null }>(
      'select managing_division_id, function_class_code from project where id = ?',
      [Number(p.id)],
    );
    expect(row).toEqual({ managing_division_id: null, function_class_code: null });
  });

  it('refuses an update made on a stale version with CONFLICT, changing nothing', async () => {
    const w = await world();
    const p = await createProject(w, { code: 'C1', name: '原名称' });
    expect(p.version).toBe(1);
    const first = await api.ok<{ updateProject: { name: string; version: number } }>(UPDATE_PROJECT, {
      id: p.id,
      input: { name: '第一次修改', version: 1 },
    });
    expect(first.updateProject).toMatchObject({ name: '第一次修改', version: 2 });

    const stale = await api.gql(UPDATE_PROJECT, { id: p.id, input: { name: '过期的修改', version: 1 } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(stale.errors?.[0]?.message).toMatch(/changed by someone else.*reload/);
    const [row] = await api.sql<{ name: string; version: number }>('select name, version from project where id = ?', [
      Number(p.id),
    ]);
    expect(row).toEqual({ name: '第一次修改', version: 2 });

    // Without a version the update is last-writer-wins, as before.
    const blind = await api.ok<{ updateProject: { version: number } }>(UPDATE_PROJECT, {
      id: p.id,
      input: { phase: 'ADMITTED' },
    });
    expect(blind.updateProject.version).toBe(3);
  });

  it('refuses to delete a project still referenced, naming what references it, and deletes a free one', async () => {
    const w = await world();
    const p = await createProject(w, { code: 'D1', name: '被引用的政策项目', majorPolicy: true });
    const other = await createProject(w, { code: 'D2', name: '接收整合资金的项目' });
    await createProject(w, { code: 'D1-01', name: '二级项目', parentId: p.id });
    await createBudget({ projectId: p.id, fiscalYear: 2026, requested: '10.00' });
    await createBudget({ projectId: p.id, fiscalYear: 2027, requested: '10.00' });
    await createBudget({ projectId: other.id, fiscalYear: 2026, requested: '5.00' });
    await api.ok(CREATE_EX_ANTE, {
      input: {
        projectId: p.id,
        fiscalYear: 2026,
        stage: 'SELF',
        necessityScore: '18',
        economyScore: '18',
        targetReasonablenessScore: '18',
        feasibilityScore: '18',
        fundingComplianceScore: '18',
      },
    });
    await insertTarget(w, p.id, 2026);
    // The other project's 2026 money was merged into D1.
    const otherBudget = await api.ok<{ projectBudgets: { items: Array<{ id: string }> } }>(LIST_BUDGETS, {
      filter: { projectId: other.id },
    });
    await api.ok(UPDATE_BUDGET, {
      id: otherBudget.projectBudgets.items[0]!.id,
      input: { decision: 'MERGED', mergedIntoProjectId: p.id, approved: '0' },
    });

    const refused = await api.gql(DELETE_PROJECT, { id: p.id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'STILL_REFERENCED',
      references: {
        budgets: 2,
        'performance targets': 1,
        'ex-ante assessments': 1,
        'child projects': 1,
        'budgets merged into it': 1,
      },
    });
    expect(refused.errors?.[0]?.message).toMatch(
      /Project D1 \(被引用的政策项目\) is still referenced by 2 budgets, 1 performance targets, 1 ex-ante assessments, 1 child projects, 1 budgets merged into it/,
    );
    expect(await count('project', 'id', Number(p.id))).toBe(1);

    const free = await createProject(w, { code: 'D3', name: '无引用项目' });
    const deleted = await api.ok<{ deleteProject: boolean }>(DELETE_PROJECT, { id: free.id });
    expect(deleted.deleteProject).toBe(true);
    expect(await count('project', 'id', Number(free.id))).toBe(0);
  });

  it('answers unknown ids as NOT_FOUND or null, malformed ids and oversized filters as BAD_USER_INPUT', async () => {
    const missing = await api.gql(UPDATE_PROJECT, { id: '999999999', input: { name: 'x' } });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const gone = await api.gql(DELETE_PROJECT, { id: '999999999' });
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const one = await api.ok<{ project: unknown; projectBudget: unknown }>(
      'query($id: ID!) { project(id: $id) { id } projectBudget(id: $id) { id } }',
      { id: '999999999' },
    );
    expect(one).toEqual({ project: null, projectBudget: null });
    const malformed = await api.gql('query { project(id: "abc") { id } }');
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const longSearch = await api.gql(LIST_PROJECT_CODES, { filter: { search: 'x'.repeat(101) } });
    expect(longSearch.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(longSearch.errors?.[0]?.message).toMatch(/search/);
    const bigPage = await api.gql(LIST_PROJECT_CODES, { filter: {}, limit: 201 });
    expect(bigPage.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('project budgets (项目预算)', () => {
  it('keeps money exact: 12345678901234.56 round-trips and the cut is computed exactly in SQL', async () => {
    const w = await world();
    const p = await createProject(w, { code: 'B1', name: '大额资金项目' });
    const created = await api.ok<{ createProjectBudget: Record<string, unknown> }>(CREATE_BUDGET, {
      input: { projectId: p.id, fiscalYear: 2026, requested: '12345678901234.56' },
    });
    expect(created.createProjectBudget).toMatchObject({
      fiscalDivisionCode: w.fd,
      fiscalYear: 2026,
      requested: '12345678901234.56',
      audited: null,
      approved: null,
      cut: null,
      decision: null,
      version: 1,
      project: { id: p.id, code: 'B1' },
      mergedInto: null,
    });
    const id = (created.createProjectBudget as { id: string }).id;

    const updated = await api.ok<{ updateProjectBudget: Record<string, unknown> }>(UPDATE_BUDGET, {
      id,
      input: {
        audited: '12345678901234.00',
        approved: '12000000000000.01',
        decision: 'REDUCED',
        decisionReason: '压减一般性支出',
        version: 1,
      },
    });
    // As floats the difference would be 345678901234.5508.
    expect(updated.updateProjectBudget).toMatchObject({
      requested: '12345678901234.56',
      audited: '12345678901234.00',
      approved: '12000000000000.01',
      cut: '345678901234.55',
      decision: 'REDUCED',
      decisionReason: '压减一般性支出',
      version: 2,
    });
    const [row] = await api.sql<{ requested: string; approved: string }>(
      'select requested::text as requested, approved::text as approved from project_budget where id = ?',
      [Number(id)],
    );
    expect(row).toEqual({ requested: '12345678901234.56', approved: '12000000000000.01' });

    const viaProject = await api.ok<{ project: { budgets: unknown[]; budget: unknown; other: unknown } }>(
      PROJECT_BUDGETS,
      { id: p.id },
    );
    expect(viaProject.project).toEqual({
      budgets: [{ fiscalYear: 2026, requested: '12345678901234.56', cut: '345678901234.55' }],
      budget: { fiscalYear: 2026, approved: '12000000000000.01' },
      other: null,
    });

    // Clearing the approved amount (and the decision that needs it) makes the cut empty again.
    const cleared = await api.ok<{ updateProjectBudget: Record<string, unknown> }>(UPDATE_BUDGET, {
      id,
      input: { approved: null, decision: null, decisionReason: null },
    });
    expect(cleared.updateProjectBudget).toMatchObject({
      approved: null,
      cut: null,
      decision: null,
      decisionReason: null,
    });
    const [clearedRow] = await api.sql<{ approved: string | null; decision: string | null }>(
      'select approved, decision from project_budget where id = ?',
      [Number(id)],
    );
    expect(clearedRow).toEqual({ approved: null, decision: null });
  });

  it('refuses a second budget for the same project and year with DUPLICATE', async () => {
    const w = await world();
    const p = await createProject(w, { code: 'B2', name: '年度预算唯一' });
    await createBudget({ projectId: p.id, fiscalYear: 2026, requested: '100.00' });
    const dup = await api.gql(CREATE_BUDGET, { input: { projectId: p.id, fiscalYear: 2026, requested: '1.00' } });
    expect(dup.errors?.[0]?.extensions?.code).toBe('DUPLICATE');
    expect(dup.errors?.[0]?.message).toMatch(/already has a budget for 2026/);
    expect(await count('project_budget', 'project_id', Number(p.id))).toBe(1);
    await createBudget({ projectId: p.id, fiscalYear: 2027, requested: '100.00' });
    expect(await count('project_budget', 'project_id', Number(p.id))).toBe(2);
  });

  it('refuses negative money and audited or approved amounts above the request, changing nothing', async () => {
    const w = await world();
    const p = await createProject(w, { code: 'B3', name: '金额校验' });
    const negative = await api.gql(CREATE_BUDGET, { input: { projectId: p.id, fiscalYear: 2026, requested: '-1.00' } });
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(negative.errors?.[0]?.message).toMatch(/requested must be an amount in yuan of at least 0/);

    const audited = await api.gql(CREATE_BUDGET, {
      input: { projectId: p.id, fiscalYear: 2026, requested: '100.00', audited: '100.01' },
    });
    expect(audited.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'audited' });
    expect(audited.errors?.[0]?.message).toMatch(
      /audited amount .* 100.01 may not exceed the requested amount .* 100.00/,
    );

    const approved = await api.gql(CREATE_BUDGET, {
      input: { projectId: p.id, fiscalYear: 2026, requested: '100', approved: '101' },
    });
    expect(approved.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approved' });
    expect(approved.errors?.[0]?.message).toMatch(/may not exceed the requested amount/);
    expect(await count('project_budget', 'project_id', Number(p.id))).toBe(0);

    const b = await createBudget({
      projectId: p.id,
      fiscalYear: 2026,
      requested: '100',
      audited: '90',
      approved: '90',
    });
    const lowered = await api.gql(UPDATE_BUDGET, { id: b.id, input: { requested: '89.99' } });
    expect(lowered.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'audited' });
    const [row] = await api.sql<{ requested: string; version: number }>(
      'select requested::text as requested, version from project_budget where id = ?',
      [Number(b.id)],
    );
    expect(row).toEqual({ requested: '100.00', version: 1 });
  });

  it('requires a MERGED decision to name another project of the same fiscal division', async () => {
    const w = await world();
    const other = await world();
    const p = await createProject(w, { code: 'B4', name: '被整合项目' });
    const into = await createProject(w, { code: 'B5', name: '整合后项目' });
    const foreign = await createProject(other, { code: 'B6', name: '外区划项目' });
    const b = await createBudget({ projectId: p.id, fiscalYear: 2026, requested: '500.00' });

    const withoutTarget = await api.gql(UPDATE_BUDGET, { id: b.id, input: { decision: 'MERGED' } });
    expect(withoutTarget.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'mergedIntoProjectId',
    });
    expect(withoutTarget.errors?.[0]?.message).toMatch(/MERGED .* needs mergedIntoProjectId/);

    const itself = await api.gql(UPDATE_BUDGET, { id: b.id, input: { decision: 'MERGED', mergedIntoProjectId: p.id } });
    expect(itself.errors?.[0]?.message).toMatch(/cannot be merged into itself/);

    const acrossDivisions = await api.gql(UPDATE_BUDGET, {
      id: b.id,
      input: { decision: 'MERGED', mergedIntoProjectId: foreign.id },
    });
    expect(acrossDivisions.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'mergedIntoProjectId',
    });
    expect(acrossDivisions.errors?.[0]?.message).toMatch(/another fiscal division/);

    const notMerged = await api.gql(UPDATE_BUDGET, {
      id: b.id,
      input: { decision: 'FULL', mergedIntoProjectId: into.id },
    });
    expect(notMerged.errors?.[0]?.message).toMatch(/only for a MERGED/);

    const [unchanged] = await api.sql<{ decision: string | null; merged_into_id: number | null; version: number }>(
      'select decision, merged_into_id, version from project_budget where id = ?',
      [Number(b.id)],
    );
    expect(unchanged).toEqual({ decision: null, merged_into_id: null, version: 1 });

    const merged = await api.ok<{ updateProjectBudget: Record<string, unknown> }>(UPDATE_BUDGET, {
      id: b.id,
      input: { decision: 'MERGED', mergedIntoProjectId: into.id, approved: '0', decisionReason: '整合至B5' },
    });
    expect(merged.updateProjectBudget).toMatchObject({
      decision: 'MERGED',
      mergedInto: { id: into.id, code: 'B5' },
      cut: '500.00',
    });

    // Leaving MERGED drops the link.
    const deferred = await api.ok<{ updateProjectBudget: Record<string, unknown> }>(UPDATE_BUDGET, {
      id: b.id,
      input: { decision: 'DEFERRED' },
    });
    expect(deferred.updateProjectBudget).toMatchObject({ decision: 'DEFERRED', mergedInto: null });
  });

  it('requires a REDUCED decision to approve less than was requested', async () => {
    const w = await world();
    const p = await createProject(w, { code: 'B7', name: '核减项目' });
    const equal = await api.gql(CREATE_BUDGET, {
      input: { projectId: p.id, fiscalYear: 2026, requested: '100.00', approved: '100', decision: 'REDUCED' },
    });
    expect(equal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approved' });
    expect(equal.errors?.[0]?.message).toMatch(/REDUCED .* needs an approved amount below the requested amount 100.00/);
    const missing = await api.gql(CREATE_BUDGET, {
      input: { projectId: p.id, fiscalYear: 2026, requested: '100.00', decision: 'REDUCED' },
    });
    expect(missing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count('project_budget', 'project_id', Number(p.id))).toBe(0);

    const reduced = await createBudget({
      projectId: p.id,
      fiscalYear: 2026,
      requested: '100.00',
      approved: '99.99',
      decision: 'REDUCED',
    });
    const read = await api.ok<{ projectBudget: { cut: string; decision: string } }>(GET_BUDGET, { id: reduced.id });
    expect(read.projectBudget).toMatchObject({ cut: '0.01', decision: 'REDUCED' });
  });

  it('refuses a budget update made on a stale version with CONFLICT', async () => {
    const w = await world();
    const p = await createProject(w, { code: 'B8', name: '并发修改' });
    const b = await createBudget({ projectId: p.id, fiscalYear: 2026, requested: '100.00' });
    await api.ok(UPDATE_BUDGET, { id: b.id, input: { audited: '80.00', version: b.version } });
    const stale = await api.gql(UPDATE_BUDGET, { id: b.id, input: { audited: '70.00', version: b.version } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(stale.errors?.[0]?.message).toMatch(/reload/);
    const [row] = await api.sql<{ audited: string }>(
      'select audited::text as audited from project_budget where id = ?',
      [Number(b.id)],
    );
    expect(row).toEqual({ audited: '80.00' });
  });

  it('refuses to delete a budget while the project has a performance target for that year', async () => {
    const w = await world();
    const p = await createProject(w, { code: 'B9', name: '有目标的项目' });
    const with2026 = await createBudget({ projectId: p.id, fiscalYear: 2026, requested: '100.00' });
    const with2027 = await createBudget({ projectId: p.id, fiscalYear: 2027, requested: '100.00' });
    await insertTarget(w, p.id, 2026);

    const refused = await api.gql(DELETE_BUDGET, { id: with2026.id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'STILL_REFERENCED',
      references: { 'performance targets of 2026': 1 },
    });
    expect(refused.errors?.[0]?.message).toMatch(/The 2026 budget of project B9 is still referenced by 1 performance/);
    expect(await count('project_budget', 'id', Number(with2026.id))).toBe(1);

    const deleted = await api.ok<{ deleteProjectBudget: boolean }>(DELETE_BUDGET, { id: with2027.id });
    expect(deleted.deleteProjectBudget).toBe(true);
    expect(await count('project_budget', 'project_id', Number(p.id))).toBe(1);
  });

  it('lists budgets by department, year, decision and budget type, sorted by amount', async () => {
    const w = await world();
    const a = await createProject(w, { code: 'L1', name: '教育项目', departmentId: w.edu });
    const b = await createProject(w, {
      code: 'L2',
      name: '民政项目',
      departmentId: w.civil,
      budgetType: 'GOVERNMENT_FUND',
    });
    await createBudget({ projectId: a.id, fiscalYear: 2026, requested: '300.00', approved: '300', decision: 'FULL' });
    await createBudget({ projectId: a.id, fiscalYear: 2027, requested: '100.00' });
    await createBudget({
      projectId: b.id,
      fiscalYear: 2026,
      requested: '200.00',
      approved: '0',
      decision: 'CANCELLED',
    });
    const list = async (filter: Record<string, unknown>, sort?: unknown) => {
      const data = await api.ok<{
        projectBudgets: { totalCount: number; items: Array<{ requested: string; project: { code: string } }> };
      }>(LIST_BUDGETS, { filter: { fiscalDivisionCode: w.fd, ...filter }, sort });
      expect(data.projectBudgets.totalCount).toBe(data.projectBudgets.items.length);
      return data.projectBudgets.items.map((i) => `${i.project.code}:${i.requested}`);
    };
    expect(await list({})).toEqual(['L1:300.00', 'L2:200.00', 'L1:100.00']);
    expect(await list({ departmentId: w.edu })).toEqual(['L1:300.00', 'L1:100.00']);
    expect(await list({ projectId: b.id })).toEqual(['L2:200.00']);
    expect(await list({ fiscalYear: 2027 })).toEqual(['L1:100.00']);
    expect(await list({ decision: 'CANCELLED' })).toEqual(['L2:200.00']);
    expect(await list({ budgetType: 'GOVERNMENT_FUND' })).toEqual(['L2:200.00']);
    expect(await list({}, [{ field: 'REQUESTED', direction: 'ASC' }])).toEqual(['L1:100.00', 'L2:200.00', 'L1:300.00']);
    expect(await list({}, [{ field: 'APPROVED', direction: 'DESC' }])).toEqual(['L1:100.00', 'L1:300.00', 'L2:200.00']);
  });

  it('serves a page of projects with their relations in the same few statements for 10 and for 100', async () => {
    const w = await world();
    await api.sql(
      `insert into project (fiscal_division_code, code, name, department_id, managing_division_id, attribute, start_year,
         function_class_code, budget_type, major_policy, created_at, updated_at)
       select ?, 'N' || lpad(g::text, 4, '0'), '批量项目' || g, case when g % 2 = 0 then ? else ? end, ?, 'NEW', 2026,
         ?, 'GENERAL_PUBLIC', g % 3 = 0, now(), now()
       from generate_series(1, 120) g`,
      [w.fd, Number(w.edu), Number(w.school), Number(w.jkw), functionClass],
    );
    await api.sql(
      `update project set parent_id = (select id from project where fiscal_division_code = ? and code = 'N0001')
       where fiscal_division_code = ? and code <> 'N0001' and department_id = (select department_id from project where fiscal_division_code = ? and code = 'N0001')`,
      [w.fd, w.fd, w.fd],
    );
    await api.sql(
      `insert into project_budget (fiscal_division_code, project_id, fiscal_year, requested, approved, created_at, updated_at)
       select p.fiscal_division_code, p.id, y, 1000.10 + p.id, 900.05 + p.id, now(), now()
       from project p cross join generate_series(2025, 2026) y where p.fiscal_division_code = ?`,
      [w.fd],
    );
    const page = async (limit: number) => {
      const r = await api.gql<{ projects: { items: Array<Record<string, unknown>> } }>(NESTED_PAGE, {
        filter: { fiscalDivisionCode: w.fd },
        limit,
      });
      expect(r.errors).toBeUndefined();
      return r;
    };
    await page(1); // warm-up: schema and connection pool
    const ten = await page(10);
    const hundred = await page(100);
    expect(ten.data?.projects.items).toHaveLength(10);
    expect(hundred.data?.projects.items).toHaveLength(100);
    expect(ten.statements).toBe(hundred.statements);
    expect(hundred.statements).toBeLessThanOrEqual(8);

    const first = hundred.data?.projects.items[0] as {
      code: string;
      children: unknown[];
      budgets: Array<{ cut: string }>;
      budget: { requested: string };
    };
    expect(first.code).toBe('N0001');
    expect(first.children).toHaveLength(59);
    expect(first.budgets.map((b) => b.cut)).toEqual(['100.05', '100.05']);
    expect(hundred.data?.projects.items[2]).toMatchObject({
      code: 'N0003',
      needsExAnte: true,
      department: { name: '郑州市第一中学' },
      parent: { code: 'N0001' },
      managingDivision: { name: '教科文处' },
      functionClass: { code: functionClass },
    });
  });
});

const CREATE_DIVISION = `mutation($input: CreateFiscalDivisionInput!) { createFiscalDivision(input: $input) { code } }`;
const CREATE_FINANCE_DIVISION = `mutation($input: CreateFinanceDivisionInput!) { createFinanceDivision(input: $input) { id } }`;
const CREATE_DEPARTMENT = `mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }`;
const CREATE_FUNCTION_CLASS = `mutation($input: CreateFunctionClassInput!) { createFunctionClass(input: $input) { code } }`;
const PROJECT_FIELDS = `
  id fiscalDivisionCode code name category attribute startYear termYears budgetType majorPolicy specialFund
  transferPayment phase description needsExAnte version
  fiscalDivision { code }
  department { id name }
  managingDivision { id name }
  functionClass { code }
  parent { id code }
  children { code }
  budgets { fiscalYear }`;
const CREATE_PROJECT = `mutation($input: CreateProjectInput!) { createProject(input: $input) { ${PROJECT_FIELDS} } }`;
const CREATE_PROJECT_SHORT = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id version } }`;
const GET_PROJECT = `query($id: ID!) { project(id: $id) { ${PROJECT_FIELDS} } }`;
const UPDATE_PROJECT = `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { ${PROJECT_FIELDS} } }`;
const DELETE_PROJECT = `mutation($id: ID!) { deleteProject(id: $id) }`;
const DEPARTMENT_PROJECTS = `query($id: ID!) { department(id: $id) { projects { code } } }`;
const LIST_PROJECT_CODES = `query($filter: ProjectFilter, $sort: [ProjectSort!], $offset: Int, $limit: Int) {
  projects(filter: $filter, sort: $sort, offset: $offset, limit: $limit) { totalCount items { code } }
}`;
const LIST_NEEDS_EX_ANTE = `query($filter: ProjectFilter) {
  projects(filter: $filter, sort: [{ field: CODE }]) { items { code needsExAnte } }
}`;
const BUDGET_FIELDS = `
  id fiscalDivisionCode fiscalYear requested audited approved cut decision decisionReason version
  project { id code }
  mergedInto { id code }`;
const CREATE_BUDGET = `mutation($input: CreateProjectBudgetInput!) { createProjectBudget(input: $input) { ${BUDGET_FIELDS} } }`;
const UPDATE_BUDGET = `mutation($id: ID!, $input: UpdateProjectBudgetInput!) { updateProjectBudget(id: $id, input: $input) { ${BUDGET_FIELDS} } }`;
const DELETE_BUDGET = `mutation($id: ID!) { deleteProjectBudget(id: $id) }`;
const GET_BUDGET = `query($id: ID!) { projectBudget(id: $id) { ${BUDGET_FIELDS} } }`;
const LIST_BUDGETS = `query($filter: ProjectBudgetFilter, $sort: [ProjectBudgetSort!]) {
  projectBudgets(filter: $filter, sort: $sort) { totalCount items { id requested project { code } } }
}`;
const PROJECT_BUDGETS = `query($id: ID!) { project(id: $id) {
  budgets { fiscalYear requested cut }
  budget(fiscalYear: 2026) { fiscalYear approved }
  other: budget(fiscalYear: 2030) { fiscalYear }
} }`;
const CREATE_EX_ANTE = `mutation($input: CreateExAnteAssessmentInput!) { createExAnteAssessment(input: $input) { id } }`;
const NESTED_PAGE = `query($filter: ProjectFilter, $limit: Int) {
  projects(filter: $filter, limit: $limit, sort: [{ field: CODE }]) {
    items {
      code needsExAnte
      department { name }
      managingDivision { name }
      functionClass { code }
      parent { code }
      children { code }
      budgets { fiscalYear requested approved cut }
      budget(fiscalYear: 2026) { requested }
      exAnteAssessments { totalScore }
    }
  }
}`;
