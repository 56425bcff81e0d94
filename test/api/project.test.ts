import { type Client, type GqlResult, startApi, type TestApi, uniq } from '../helpers/api';
import { buildWorld, type Who, type World } from '../helpers/world';

let api: TestApi;
let functionClass: string;
beforeAll(async () => {
  api = await startApi();
  functionClass = await newFunctionClass();
});
afterAll(async () => {
  await api.stop();
});

async function newFunctionClass(): Promise<string> {
  for (;;) {
    const code = String(300 + Math.floor(Math.random() * 600));
    const inserted = await api.sql(
      `insert into function_class (code, name, level) values (?, '项目测试功能分类', 1) on conflict do nothing returning code`,
      [code],
    );
    if (inserted.length) return code;
  }
}

const world = () => buildWorld(api, { name: '项目测试区划', full: true });

/** The department roles that write a department's projects: 教育局's preparer also writes its child unit's. */
const writerFor = (w: World, departmentId: string): Who => (departmentId === w.civil ? 'civilPreparer' : 'preparer');
/** The expenditure reviewer of the division that manages a department. */
const reviewerFor = (w: World, departmentId: string): Who => (departmentId === w.civil ? 'shbReviewer' : 'jkwReviewer');

async function departmentOf(projectId: string): Promise<string> {
  const [row] = await api.sql<{ department_id: number }>('select department_id from project where id = ?', [
    Number(projectId),
  ]);
  return String(row?.department_id);
}

async function createProject(w: World, input: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const departmentId = String(input.departmentId ?? w.edu);
  const writer = await w.as(writerFor(w, departmentId));
  const data = await writer.ok<{ createProject: { id: string; version: number } }>(CREATE_PROJECT_SHORT, {
    input: {
      fiscalDivisionCode: w.fd,
      departmentId,
      attribute: 'NEW',
      startYear: 2026,
      budgetType: 'GENERAL_PUBLIC',
      ...input,
    },
  });
  return data.createProject;
}

/**
 * A budget row as three roles make it: the department requests, its expenditure division audits, the budget division
 * approves and decides. Returns the row's id and final version.
 */
async function createBudget(w: World, input: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const { projectId, fiscalYear, requested, audited, ...decided } = input;
  const departmentId = await departmentOf(String(projectId));
  const writer = await w.as(writerFor(w, departmentId));
  let budget = (
    await writer.ok<{ createProjectBudget: { id: string; version: number } }>(CREATE_BUDGET_SHORT, {
      input: { projectId, fiscalYear, requested },
    })
  ).createProjectBudget;
  const update = async (who: Who, changes: Record<string, unknown>) =>
    (
      await (
        await w.as(who)
      ).ok<{ updateProjectBudget: { id: string; version: number } }>(UPDATE_BUDGET_SHORT, {
        id: budget.id,
        input: changes,
      })
    ).updateProjectBudget;
  if (audited !== undefined) budget = await update(reviewerFor(w, departmentId), { audited });
  if (Object.keys(decided).length > 0) budget = await update('budgetOfficer', decided);
  return budget;
}

async function count(table: string, column: string, value: unknown): Promise<number> {
  const r = await api.sql<{ n: string }>(`select count(*) as n from ${table} where ${column} = ?`, [value]);
  return Number(r[0]?.n);
}

/** Codes of a project list, in the order the API returned them; the total count must match the items. */
async function listCodes(client: Client, filter: Record<string, unknown>, sort?: unknown): Promise<string[]> {
  const data = await client.ok<{ projects: { totalCount: number; items: Array<{ code: string }> } }>(
    LIST_PROJECT_CODES,
    { filter, sort },
  );
  expect(data.projects.totalCount).toBe(data.projects.items.length);
  return data.projects.items.map((p) => p.code);
}

/** A performance target for a project and year, arranged directly in SQL (the target module has its own tests). */
async function insertTarget(w: World, projectId: string, fiscalYear: number, status = 'DRAFT'): Promise<void> {
  const [framework] = await api.sql<{ id: number }>(
    `insert into indicator_framework (code, name, kind, is_default) values (?, '项目测试框架', 'PROJECT', false) returning id`,
    [uniq('FW')],
  );
  await api.sql(
    `insert into performance_target (fiscal_division_code, kind, fiscal_year, project_id, department_id, framework_id, funds, status, created_at, updated_at)
     values (?, 'PROJECT', ?, ?, ?, ?, 100.00, ?, now(), now())`,
    [w.fd, fiscalYear, Number(projectId), Number(await departmentOf(projectId)), framework!.id, status],
  );
}

const codeOf = (r: GqlResult<unknown>) => r.errors?.[0]?.extensions?.code;

describe('projects (项目库)', () => {
  it('creates a project under its department’s managing division and navigates the relations', async () => {
    const w = await world();
    const preparer = await w.as('preparer');
    const created = await preparer.ok<{ createProject: Record<string, unknown> }>(CREATE_PROJECT, {
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
    const read = await preparer.ok<{ project: Record<string, unknown> }>(GET_PROJECT, { id: policy.id });
    expect(read.project).toMatchObject({ code: 'P001', children: [{ code: 'P001-01' }] });
    const child = await preparer.ok<{ project: Record<string, unknown> }>(GET_PROJECT, { id: item.id });
    expect(child.project).toMatchObject({ parent: { id: policy.id, code: 'P001' }, functionClass: null });

    const dept = await preparer.ok<{ department: { projects: Array<{ code: string }> } }>(DEPARTMENT_PROJECTS, {
      id: w.edu,
    });
    expect(dept.department.projects.map((p) => p.code)).toEqual(['P001', 'P001-01']);
    const none = await (await w.as('perfAdmin')).ok<{ department: { projects: unknown[] } }>(DEPARTMENT_PROJECTS, {
      id: w.civil,
    });
    expect(none.department.projects).toEqual([]);
  });

  it('needs an ex-ante assessment for every NEW major policy and special fund, and only for those', async () => {
    const w = await world();
    const preparer = await w.as('preparer');
    await createProject(w, { code: 'E1', name: '新增重大政策', attribute: 'NEW', majorPolicy: true });
    await createProject(w, { code: 'E2', name: '新增专项资金', attribute: 'NEW', specialFund: true });
    await createProject(w, { code: 'E3', name: '新增一般项目', attribute: 'NEW' });
    await createProject(w, { code: 'E4', name: '延续重大政策', attribute: 'CONTINUING', majorPolicy: true });
    const data = await preparer.ok<{ projects: { items: Array<{ code: string; needsExAnte: boolean }> } }>(
      LIST_NEEDS_EX_ANTE,
      { filter: { fiscalDivisionCode: w.fd } },
    );
    expect(data.projects.items).toEqual([
      { code: 'E1', needsExAnte: true },
      { code: 'E2', needsExAnte: true },
      { code: 'E3', needsExAnte: false },
      { code: 'E4', needsExAnte: false },
    ]);
    expect(await listCodes(preparer, { fiscalDivisionCode: w.fd, needsExAnte: true })).toEqual(['E1', 'E2']);
    expect(await listCodes(preparer, { fiscalDivisionCode: w.fd, needsExAnte: false })).toEqual(['E3', 'E4']);
  });

  it('filters by department with child units, budget type, fiscal year, flags, phase and Chinese search', async () => {
    const w = await world();
    const bureau = await w.as('perfAdmin');
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
    await createBudget(w, { projectId: p1.id, fiscalYear: 2026, requested: '100.00' });
    await createBudget(w, { projectId: p2.id, fiscalYear: 2027, requested: '200.00' });
    await createBudget(w, { projectId: p3.id, fiscalYear: 2026, requested: '300.00' });
    await createBudget(w, { projectId: p3.id, fiscalYear: 2027, requested: '300.00' });
    const fd = w.fd;
    const list = (filter: Record<string, unknown>, sort?: unknown) =>
      listCodes(bureau, { fiscalDivisionCode: fd, ...filter }, sort);

    expect(await list({})).toEqual(['F1', 'F2', 'F3']);
    expect(await list({ departmentId: w.edu })).toEqual(['F1']);
    expect(await list({ departmentId: w.edu, includeChildUnits: true })).toEqual(['F1', 'F2']);
    expect(await list({ departmentId: w.school, includeChildUnits: true })).toEqual(['F2']);
    expect(await list({ managingDivisionId: w.shb })).toEqual(['F3']);
    expect(await list({ budgetType: 'GOVERNMENT_FUND' })).toEqual(['F2']);
    expect(await list({ budgetTypes: ['GENERAL_PUBLIC', 'SOCIAL_INSURANCE'] })).toEqual(['F1', 'F3']);
    expect(await list({ fiscalYear: 2026 })).toEqual(['F1', 'F3']);
    expect(await list({ fiscalYear: 2027 })).toEqual(['F2', 'F3']);
    expect(await list({ fiscalYear: 2028 })).toEqual([]);
    expect(await list({ attribute: 'CONTINUING' })).toEqual(['F2']);
    expect(await list({ majorPolicy: true })).toEqual(['F1']);
    expect(await list({ specialFund: true })).toEqual(['F2']);
    expect(await list({ transferPayment: true })).toEqual(['F3']);
    expect(await list({ transferPayment: false })).toEqual(['F1', 'F2']);
    expect(await list({ phase: 'BUDGETED' })).toEqual(['F2']);
    expect(await list({ phases: ['CANDIDATE', 'ADMITTED'] })).toEqual(['F1', 'F3']);
    expect(await list({ search: '生活保障' })).toEqual(['F3']);
    expect(await list({ search: 'f2' })).toEqual(['F2']);
    expect(await list({ search: '%' })).toEqual([]);
    expect(await list({ ids: [p1.id, p3.id] })).toEqual(['F1', 'F3']);
    expect(await list({ departmentId: w.edu, includeChildUnits: true, fiscalYear: 2027 })).toEqual(['F2']);

    expect(await list({}, [{ field: 'START_YEAR', direction: 'DESC' }])).toEqual(['F2', 'F1', 'F3']);
    expect(await list({}, [{ field: 'CODE', direction: 'DESC' }])).toEqual(['F3', 'F2', 'F1']);

    const page = await bureau.ok<{ projects: { totalCount: number; items: Array<{ code: string }> } }>(
      LIST_PROJECT_CODES,
      { filter: { fiscalDivisionCode: fd }, offset: 1, limit: 1 },
    );
    expect(page.projects).toEqual({ totalCount: 3, items: [{ code: 'F2' }] });
  });

  it('refuses a department or division of another fiscal division, a budget division, an unknown function class and a duplicate code, changing nothing', async () => {
    const w = await world();
    const other = await world();
    const preparer = await w.as('preparer');
    await createProject(w, { code: 'R1', name: '已有项目' });
    const before = await count('project', 'fiscal_division_code', w.fd);
    const attempt = (input: Record<string, unknown>) =>
      preparer.gql(CREATE_PROJECT_SHORT, {
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
    expect(codeOf(budgetDivision)).toBe('BAD_USER_INPUT');
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
    expect(codeOf(unknownDepartment)).toBe('INVALID_REFERENCE');

    const duplicate = await attempt({ code: 'R1' });
    expect(codeOf(duplicate)).toBe('DUPLICATE');
    expect(duplicate.errors?.[0]?.message).toMatch(/Project R1/);

    const badYear = await attempt({ startYear: 1900 });
    expect(codeOf(badYear)).toBe('BAD_USER_INPUT');
    expect(badYear.errors?.[0]?.message).toMatch(/startYear/);

    expect(await count('project', 'fiscal_division_code', w.fd)).toBe(before);

    // The same code is free in another fiscal division.
    await createProject(other, { code: 'R1', name: '另一区划的同号项目' });
  });

  it('keeps second-level items in the department of their first-level policy project', async () => {
    const w = await world();
    const preparer = await w.as('preparer');
    const policy = await createProject(w, { code: 'S1', name: '学生资助政策' });
    const item = await createProject(w, { code: 'S1-01', name: '普通高中国家助学金', parentId: policy.id });
    const before = await count('project', 'fiscal_division_code', w.fd);

    const otherDepartment = await preparer.gql(CREATE_PROJECT_SHORT, {
      input: {
        fiscalDivisionCode: w.fd,
        code: 'S1-02',
        name: '第一中学的二级项目',
        departmentId: w.school,
        attribute: 'NEW',
        startYear: 2026,
        budgetType: 'GENERAL_PUBLIC',
        parentId: policy.id,
      },
    });
    expect(otherDepartment.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentId' });
    expect(otherDepartment.errors?.[0]?.message).toMatch(/another department/);

    const grandchild = await preparer.gql(CREATE_PROJECT_SHORT, {
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
    expect(codeOf(grandchild)).toBe('BAD_USER_INPUT');
    expect(grandchild.errors?.[0]?.message).toMatch(/itself a second-level item/);
    expect(await count('project', 'fiscal_division_code', w.fd)).toBe(before);

    const ownParent = await preparer.gql(UPDATE_PROJECT, { id: policy.id, input: { parentId: policy.id } });
    expect(codeOf(ownParent)).toBe('BAD_USER_INPUT');

    const moveItem = await preparer.gql(UPDATE_PROJECT, { id: item.id, input: { departmentId: w.school } });
    expect(moveItem.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departmentId' });
    const movePolicy = await preparer.gql(UPDATE_PROJECT, { id: policy.id, input: { departmentId: w.school } });
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

    const detached = await preparer.ok<{ updateProject: { parent: unknown; department: { id: string } } }>(
      UPDATE_PROJECT,
      { id: item.id, input: { parentId: null, departmentId: w.school } },
    );
    expect(detached.updateProject).toMatchObject({ parent: null, department: { id: w.school } });
    expect(await listCodes(preparer, { fiscalDivisionCode: w.fd, parentId: policy.id })).toEqual([]);
  });

  it('moves a project to another department together with its managing division, unless one is named', async () => {
    const w = await world();
    const preparer = await w.as('preparer');
    // The child unit has no managing division of its own; 教育局's is 教科文处.
    const p = await createProject(w, { code: 'M1', name: '教育信息化建设', departmentId: w.school });
    const moved = await preparer.ok<{ updateProject: Record<string, unknown> }>(UPDATE_PROJECT, {
      id: p.id,
      input: { departmentId: w.edu, name: '智慧教育建设', functionClassCode: functionClass, version: p.version },
    });
    expect(moved.updateProject).toMatchObject({
      name: '智慧教育建设',
      department: { id: w.edu },
      managingDivision: { id: w.jkw, name: '教科文处' },
      functionClass: { code: functionClass },
      version: p.version + 1,
    });
    const named = await preparer.ok<{ updateProject: Record<string, unknown> }>(UPDATE_PROJECT, {
      id: p.id,
      input: { departmentId: w.school, managingDivisionId: w.shb, functionClassCode: null, category: null },
    });
    expect(named.updateProject).toMatchObject({
      department: { id: w.school },
      managingDivision: { id: w.shb },
      functionClass: null,
      category: null,
    });
    const cleared = await preparer.ok<{ updateProject: Record<string, unknown> }>(UPDATE_PROJECT, {
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
    const preparer = await w.as('preparer');
    const p = await createProject(w, { code: 'C1', name: '原名称' });
    expect(p.version).toBe(1);
    const first = await preparer.ok<{ updateProject: { name: string; version: number } }>(UPDATE_PROJECT, {
      id: p.id,
      input: { name: '第一次修改', version: 1 },
    });
    expect(first.updateProject).toMatchObject({ name: '第一次修改', version: 2 });

    const stale = await preparer.gql(UPDATE_PROJECT, { id: p.id, input: { name: '过期的修改', version: 1 } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(stale.errors?.[0]?.message).toMatch(/changed by someone else.*reload/);
    const [row] = await api.sql<{ name: string; version: number }>('select name, version from project where id = ?', [
      Number(p.id),
    ]);
    expect(row).toEqual({ name: '第一次修改', version: 2 });

    // Without a version the update is last-writer-wins, as before.
    const blind = await preparer.ok<{ updateProject: { version: number } }>(UPDATE_PROJECT, {
      id: p.id,
      input: { phase: 'ADMITTED' },
    });
    expect(blind.updateProject.version).toBe(3);
  });

  it('refuses to delete a project still referenced, naming what references it, and deletes a free one', async () => {
    const w = await world();
    const preparer = await w.as('preparer');
    const p = await createProject(w, { code: 'D1', name: '被引用的政策项目', majorPolicy: true });
    const other = await createProject(w, { code: 'D2', name: '接收整合资金的项目' });
    await createProject(w, { code: 'D1-01', name: '二级项目', parentId: p.id });
    await createBudget(w, { projectId: p.id, fiscalYear: 2026, requested: '10.00' });
    await createBudget(w, { projectId: p.id, fiscalYear: 2027, requested: '10.00' });
    // The other project's 2026 money was merged into D1.
    await createBudget(w, {
      projectId: other.id,
      fiscalYear: 2026,
      requested: '5.00',
      decision: 'MERGED',
      mergedIntoProjectId: p.id,
      approved: '0',
    });
    await preparer.ok(CREATE_EX_ANTE, {
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

    const refused = await preparer.gql(DELETE_PROJECT, { id: p.id });
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
    const deleted = await preparer.ok<{ deleteProject: boolean }>(DELETE_PROJECT, { id: free.id });
    expect(deleted.deleteProject).toBe(true);
    expect(await count('project', 'id', Number(free.id))).toBe(0);
  });

  it('answers unknown ids as NOT_FOUND, malformed ids and oversized filters as BAD_USER_INPUT', async () => {
    const w = await world();
    const preparer = await w.as('preparer');
    const missing = await preparer.gql(UPDATE_PROJECT, { id: '999999999', input: { name: 'x' } });
    expect(codeOf(missing)).toBe('NOT_FOUND');
    const gone = await preparer.gql(DELETE_PROJECT, { id: '999999999' });
    expect(codeOf(gone)).toBe('NOT_FOUND');
    const project = await preparer.gql('query($id: ID!) { project(id: $id) { id } }', { id: '999999999' });
    expect(project.errors?.[0]).toMatchObject({
      message: 'Project 999999999 does not exist.',
      extensions: { code: 'NOT_FOUND' },
    });
    const budget = await preparer.gql('query($id: ID!) { projectBudget(id: $id) { id } }', { id: '999999999' });
    expect(budget.errors?.[0]).toMatchObject({
      message: 'ProjectBudget 999999999 does not exist.',
      extensions: { code: 'NOT_FOUND' },
    });
    const malformed = await preparer.gql('query { project(id: "abc") { id } }');
    expect(codeOf(malformed)).toBe('BAD_USER_INPUT');
    const longSearch = await preparer.gql(LIST_PROJECT_CODES, { filter: { search: 'x'.repeat(101) } });
    expect(codeOf(longSearch)).toBe('BAD_USER_INPUT');
    expect(longSearch.errors?.[0]?.message).toMatch(/search/);
    const bigPage = await preparer.gql(LIST_PROJECT_CODES, { filter: {}, limit: 201 });
    expect(codeOf(bigPage)).toBe('BAD_USER_INPUT');
  });
});

describe('project budgets (项目预算)', () => {
  it('keeps money exact: 12345678901234.56 round-trips and the cut is computed exactly in SQL', async () => {
    const w = await world();
    const preparer = await w.as('preparer');
    const reviewer = await w.as('jkwReviewer');
    const budgetOfficer = await w.as('budgetOfficer');
    const p = await createProject(w, { code: 'B1', name: '大额资金项目' });
    const created = await preparer.ok<{ createProjectBudget: Record<string, unknown> }>(CREATE_BUDGET, {
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

    const audited = await reviewer.ok<{ updateProjectBudget: Record<string, unknown> }>(UPDATE_BUDGET, {
      id,
      input: { audited: '12345678901234.00', version: 1 },
    });
    expect(audited.updateProjectBudget).toMatchObject({ audited: '12345678901234.00', version: 2 });
    const updated = await budgetOfficer.ok<{ updateProjectBudget: Record<string, unknown> }>(UPDATE_BUDGET, {
      id,
      input: {
        approved: '12000000000000.01',
        decision: 'REDUCED',
        decisionReason: '压减一般性支出',
        version: 2,
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
      version: 3,
    });
    const [row] = await api.sql<{ requested: string; approved: string }>(
      'select requested::text as requested, approved::text as approved from project_budget where id = ?',
      [Number(id)],
    );
    expect(row).toEqual({ requested: '12345678901234.56', approved: '12000000000000.01' });

    const viaProject = await preparer.ok<{ project: { budgets: unknown[]; budget: unknown; other: unknown } }>(
      PROJECT_BUDGETS,
      { id: p.id },
    );
    expect(viaProject.project).toEqual({
      budgets: [{ fiscalYear: 2026, requested: '12345678901234.56', cut: '345678901234.55' }],
      budget: { fiscalYear: 2026, approved: '12000000000000.01' },
      other: null,
    });

    // Clearing the approved amount (and the decision that needs it) makes the cut empty again.
    const cleared = await budgetOfficer.ok<{ updateProjectBudget: Record<string, unknown> }>(UPDATE_BUDGET, {
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
    const preparer = await w.as('preparer');
    const p = await createProject(w, { code: 'B2', name: '年度预算唯一' });
    await createBudget(w, { projectId: p.id, fiscalYear: 2026, requested: '100.00' });
    const dup = await preparer.gql(CREATE_BUDGET, { input: { projectId: p.id, fiscalYear: 2026, requested: '1.00' } });
    expect(codeOf(dup)).toBe('DUPLICATE');
    expect(dup.errors?.[0]?.message).toMatch(/already has a budget for 2026/);
    expect(await count('project_budget', 'project_id', Number(p.id))).toBe(1);
    await createBudget(w, { projectId: p.id, fiscalYear: 2027, requested: '100.00' });
    expect(await count('project_budget', 'project_id', Number(p.id))).toBe(2);
  });

  it('refuses negative money and audited or approved amounts above the request, changing nothing', async () => {
    const w = await world();
    const preparer = await w.as('preparer');
    const reviewer = await w.as('jkwReviewer');
    const budgetOfficer = await w.as('budgetOfficer');
    const p = await createProject(w, { code: 'B3', name: '金额校验' });
    const negative = await preparer.gql(CREATE_BUDGET, {
      input: { projectId: p.id, fiscalYear: 2026, requested: '-1.00' },
    });
    expect(codeOf(negative)).toBe('BAD_USER_INPUT');
    expect(negative.errors?.[0]?.message).toMatch(/requested must be an amount in yuan of at least 0/);
    expect(await count('project_budget', 'project_id', Number(p.id))).toBe(0);

    const b = await createBudget(w, { projectId: p.id, fiscalYear: 2026, requested: '100.00' });
    const audited = await reviewer.gql(UPDATE_BUDGET, { id: b.id, input: { audited: '100.01' } });
    expect(audited.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'audited' });
    expect(audited.errors?.[0]?.message).toMatch(
      /audited amount .* 100.01 may not exceed the requested amount .* 100.00/,
    );
    const approved = await budgetOfficer.gql(UPDATE_BUDGET, { id: b.id, input: { approved: '101' } });
    expect(approved.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approved' });
    expect(approved.errors?.[0]?.message).toMatch(/may not exceed the requested amount/);
    const [untouched] = await api.sql<{ audited: string | null; approved: string | null; version: number }>(
      'select audited, approved, version from project_budget where id = ?',
      [Number(b.id)],
    );
    expect(untouched).toEqual({ audited: null, approved: null, version: 1 });

    const full = await createBudget(w, {
      projectId: p.id,
      fiscalYear: 2027,
      requested: '100',
      audited: '90',
      approved: '90',
    });
    expect(full.version).toBe(3);
    const lowered = await preparer.gql(UPDATE_BUDGET, { id: full.id, input: { requested: '89.99' } });
    expect(lowered.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'audited' });
    const [row] = await api.sql<{ requested: string; version: number }>(
      'select requested::text as requested, version from project_budget where id = ?',
      [Number(full.id)],
    );
    expect(row).toEqual({ requested: '100.00', version: 3 });
  });

  it('requires a MERGED decision to name another project the budget division sees', async () => {
    const w = await world();
    const other = await world();
    const budgetOfficer = await w.as('budgetOfficer');
    const p = await createProject(w, { code: 'B4', name: '被整合项目' });
    const into = await createProject(w, { code: 'B5', name: '整合后项目' });
    const foreign = await createProject(other, { code: 'B6', name: '外区划项目' });
    const b = await createBudget(w, { projectId: p.id, fiscalYear: 2026, requested: '500.00' });

    const withoutTarget = await budgetOfficer.gql(UPDATE_BUDGET, { id: b.id, input: { decision: 'MERGED' } });
    expect(withoutTarget.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'mergedIntoProjectId',
    });
    expect(withoutTarget.errors?.[0]?.message).toMatch(/MERGED .* needs mergedIntoProjectId/);

    const itself = await budgetOfficer.gql(UPDATE_BUDGET, {
      id: b.id,
      input: { decision: 'MERGED', mergedIntoProjectId: p.id },
    });
    expect(itself.errors?.[0]?.message).toMatch(/cannot be merged into itself/);

    // A project of another fiscal division is outside the budget officer's scope: as if it did not exist.
    const acrossDivisions = await budgetOfficer.gql(UPDATE_BUDGET, {
      id: b.id,
      input: { decision: 'MERGED', mergedIntoProjectId: foreign.id },
    });
    expect(acrossDivisions.errors?.[0]).toMatchObject({
      message: `mergedIntoProjectId "${foreign.id}" does not refer to an existing record.`,
      extensions: { code: 'INVALID_REFERENCE', field: 'mergedIntoProjectId' },
    });
    const nonexistent = await budgetOfficer.gql(UPDATE_BUDGET, {
      id: b.id,
      input: { decision: 'MERGED', mergedIntoProjectId: '999999999' },
    });
    expect(nonexistent.errors?.[0]?.extensions).toEqual(acrossDivisions.errors?.[0]?.extensions);

    const notMerged = await budgetOfficer.gql(UPDATE_BUDGET, {
      id: b.id,
      input: { decision: 'FULL', mergedIntoProjectId: into.id },
    });
    expect(notMerged.errors?.[0]?.message).toMatch(/only for a MERGED/);

    const [unchanged] = await api.sql<{ decision: string | null; merged_into_id: number | null; version: number }>(
      'select decision, merged_into_id, version from project_budget where id = ?',
      [Number(b.id)],
    );
    expect(unchanged).toEqual({ decision: null, merged_into_id: null, version: 1 });

    const merged = await budgetOfficer.ok<{ updateProjectBudget: Record<string, unknown> }>(UPDATE_BUDGET, {
      id: b.id,
      input: { decision: 'MERGED', mergedIntoProjectId: into.id, approved: '0', decisionReason: '整合至B5' },
    });
    expect(merged.updateProjectBudget).toMatchObject({
      decision: 'MERGED',
      mergedInto: { id: into.id, code: 'B5' },
      cut: '500.00',
    });

    // Leaving MERGED drops the link.
    const deferred = await budgetOfficer.ok<{ updateProjectBudget: Record<string, unknown> }>(UPDATE_BUDGET, {
      id: b.id,
      input: { decision: 'DEFERRED' },
    });
    expect(deferred.updateProjectBudget).toMatchObject({ decision: 'DEFERRED', mergedInto: null });
  });

  it('requires a REDUCED decision to approve less than was requested', async () => {
    const w = await world();
    const budgetOfficer = await w.as('budgetOfficer');
    const p = await createProject(w, { code: 'B7', name: '核减项目' });
    const b = await createBudget(w, { projectId: p.id, fiscalYear: 2026, requested: '100.00' });
    const equal = await budgetOfficer.gql(UPDATE_BUDGET, {
      id: b.id,
      input: { approved: '100', decision: 'REDUCED' },
    });
    expect(equal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approved' });
    expect(equal.errors?.[0]?.message).toMatch(/REDUCED .* needs an approved amount below the requested amount 100.00/);
    const missing = await budgetOfficer.gql(UPDATE_BUDGET, { id: b.id, input: { decision: 'REDUCED' } });
    expect(codeOf(missing)).toBe('BAD_USER_INPUT');
    const [untouched] = await api.sql<{ decision: string | null; version: number }>(
      'select decision, version from project_budget where id = ?',
      [Number(b.id)],
    );
    expect(untouched).toEqual({ decision: null, version: 1 });

    await budgetOfficer.ok(UPDATE_BUDGET, { id: b.id, input: { approved: '99.99', decision: 'REDUCED' } });
    const read = await budgetOfficer.ok<{ projectBudget: { cut: string; decision: string } }>(GET_BUDGET, {
      id: b.id,
    });
    expect(read.projectBudget).toMatchObject({ cut: '0.01', decision: 'REDUCED' });
  });

  it('refuses a budget update made on a stale version with CONFLICT', async () => {
    const w = await world();
    const reviewer = await w.as('jkwReviewer');
    const p = await createProject(w, { code: 'B8', name: '并发修改' });
    const b = await createBudget(w, { projectId: p.id, fiscalYear: 2026, requested: '100.00' });
    await reviewer.ok(UPDATE_BUDGET, { id: b.id, input: { audited: '80.00', version: b.version } });
    const stale = await reviewer.gql(UPDATE_BUDGET, { id: b.id, input: { audited: '70.00', version: b.version } });
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
    const preparer = await w.as('preparer');
    const p = await createProject(w, { code: 'B9', name: '有目标的项目' });
    const with2026 = await createBudget(w, { projectId: p.id, fiscalYear: 2026, requested: '100.00' });
    const with2027 = await createBudget(w, { projectId: p.id, fiscalYear: 2027, requested: '100.00' });
    await insertTarget(w, p.id, 2026);

    const refused = await preparer.gql(DELETE_BUDGET, { id: with2026.id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'STILL_REFERENCED',
      references: { 'performance targets of 2026': 1 },
    });
    expect(refused.errors?.[0]?.message).toMatch(/The 2026 budget of project B9 is still referenced by 1 performance/);
    expect(await count('project_budget', 'id', Number(with2026.id))).toBe(1);

    const deleted = await preparer.ok<{ deleteProjectBudget: boolean }>(DELETE_BUDGET, { id: with2027.id });
    expect(deleted.deleteProjectBudget).toBe(true);
    expect(await count('project_budget', 'project_id', Number(p.id))).toBe(1);
  });

  it('lists budgets by department, year, decision and budget type, sorted by amount', async () => {
    const w = await world();
    const bureau = await w.as('perfAdmin');
    const a = await createProject(w, { code: 'L1', name: '教育项目', departmentId: w.edu });
    const b = await createProject(w, {
      code: 'L2',
      name: '民政项目',
      departmentId: w.civil,
      budgetType: 'GOVERNMENT_FUND',
    });
    await createBudget(w, {
      projectId: a.id,
      fiscalYear: 2026,
      requested: '300.00',
      approved: '300',
      decision: 'FULL',
    });
    await createBudget(w, { projectId: a.id, fiscalYear: 2027, requested: '100.00' });
    await createBudget(w, {
      projectId: b.id,
      fiscalYear: 2026,
      requested: '200.00',
      approved: '0',
      decision: 'CANCELLED',
    });
    const list = async (filter: Record<string, unknown>, sort?: unknown) => {
      const data = await bureau.ok<{
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
    const preparer = await w.as('preparer');
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
    // Read by the department itself: the row scope rides along inside each statement, it adds none.
    const page = async (limit: number) => {
      const r = await preparer.gql<{ projects: { items: Array<Record<string, unknown>> } }>(NESTED_PAGE, {
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

describe('the audit trail of projects and budgets', () => {
  type Entry = {
    action: string;
    actorLogin: string;
    changes: Array<{ field: string; before: string | null; after: string | null }>;
  };
  const HISTORY = `query($type: String!, $id: ID!) { history(type: $type, id: $id) { action actorLogin changes { field before after } } }`;
  const changeOf = (e: Entry | undefined, field: string) => e?.changes.find((c) => c.field === field);
  const auditCount = async (fd: string) =>
    Number(
      (await api.sql<{ n: string }>('select count(*) as n from audit_entry where fiscal_division_code = ?', [fd]))[0]
        ?.n,
    );

  it('records create, update and delete with who and the changed fields, and nothing for a refused change', async () => {
    const w = await world();
    const preparer = await w.as('preparer');
    const login = (await preparer.ok<{ me: { loginName: string } }>('{ me { loginName } }')).me.loginName;
    const p = await createProject(w, { code: 'AU1', name: '审计项目' });
    await preparer.ok(UPDATE_PROJECT, { id: p.id, input: { name: '审计项目（改）', version: p.version } });
    const b = await createBudget(w, { projectId: p.id, fiscalYear: 2026, requested: '100' });
    await preparer.ok(UPDATE_BUDGET, { id: b.id, input: { requested: '120.50' } });

    const before = await auditCount(w.fd);
    const refused = await preparer.gql(UPDATE_BUDGET, { id: b.id, input: { audited: '90.00' } });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const stale = await preparer.gql(UPDATE_PROJECT, { id: p.id, input: { name: '过期', version: 1 } });
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(await auditCount(w.fd)).toBe(before);

    expect((await preparer.ok<{ deleteProjectBudget: boolean }>(DELETE_BUDGET, { id: b.id })).deleteProjectBudget).toBe(
      true,
    );
    expect((await preparer.ok<{ deleteProject: boolean }>(DELETE_PROJECT, { id: p.id })).deleteProject).toBe(true);

    for (const who of ['budgetOfficer', 'preparer'] as const) {
      const client = await w.as(who);
      const project = (await client.ok<{ history: Entry[] }>(HISTORY, { type: 'Project', id: p.id })).history;
      expect(project.map((e) => [e.action, e.actorLogin])).toEqual([
        ['create', login],
        ['update', login],
        ['delete', login],
      ]);
      expect(changeOf(project[0], 'name')).toEqual({ field: 'name', before: null, after: '"审计项目"' });
      expect(changeOf(project[0], 'departmentId')?.after).toBe(w.edu);
      expect(project[1]?.changes).toEqual([{ field: 'name', before: '"审计项目"', after: '"审计项目（改）"' }]);
      expect(changeOf(project[2], 'code')).toEqual({ field: 'code', before: '"AU1"', after: null });

      const budget = (await client.ok<{ history: Entry[] }>(HISTORY, { type: 'ProjectBudget', id: b.id })).history;
      expect(budget.map((e) => [e.action, e.actorLogin])).toEqual([
        ['create', login],
        ['update', login],
        ['delete', login],
      ]);
      expect(changeOf(budget[0], 'requested')).toEqual({ field: 'requested', before: null, after: '"100.00"' });
      expect(budget[1]?.changes).toEqual([{ field: 'requested', before: '"100.00"', after: '"120.50"' }]);
      expect(changeOf(budget[2], 'requested')).toEqual({ field: 'requested', before: '"120.50"', after: null });
    }
    // Another department's preparer sees none of it.
    const civil = await w.as('civilPreparer');
    expect((await civil.ok<{ history: Entry[] }>(HISTORY, { type: 'Project', id: p.id })).history).toEqual([]);
  });
});

describe('who sees which projects and budgets (row scope)', () => {
  /** 教育局's E1, its child unit's E2 (a second-level item of E1), 民政局's C1; a budget each; C1's money merged into E1. */
  let w: World;
  let e1: string;
  let e2: string;
  let c1: string;
  const budgets: Record<string, string> = {};
  beforeAll(async () => {
    w = await world();
    e1 = (await createProject(w, { code: 'E1', name: '教育政策项目' })).id;
    e2 = (await createProject(w, { code: 'E2', name: '中学二级项目', departmentId: w.school })).id;
    c1 = (await createProject(w, { code: 'C1', name: '民政项目', departmentId: w.civil })).id;
    // A second-level item in the child unit under the first-level unit's policy (arranged: the API keeps both in one
    // department), so that the child unit sees an item whose parent it may not see.
    await api.sql('update project set parent_id = ? where id = ?', [Number(e1), Number(e2)]);
    budgets.E1 = (await createBudget(w, { projectId: e1, fiscalYear: 2026, requested: '100.00' })).id;
    budgets.E2 = (await createBudget(w, { projectId: e2, fiscalYear: 2026, requested: '200.00' })).id;
    budgets.C1 = (
      await createBudget(w, {
        projectId: c1,
        fiscalYear: 2026,
        requested: '300.00',
        approved: '0',
        decision: 'MERGED',
        mergedIntoProjectId: e1,
      })
    ).id;
  });

  const visible: Array<[Who, string[]]> = [
    ['preparer', ['E1', 'E2']],
    ['officer', ['E1', 'E2']],
    ['schoolPreparer', ['E2']],
    ['civilOfficer', ['C1']],
    ['jkwReviewer', ['E1', 'E2']],
    ['shbReviewer', ['C1']],
    ['evaluator', ['C1', 'E1', 'E2']],
    ['perfAdmin', ['C1', 'E1', 'E2']],
    ['budgetOfficer', ['C1', 'E1', 'E2']],
    ['observer', ['C1', 'E1', 'E2']],
    ['integration', ['C1', 'E1', 'E2']],
    ['admin', ['C1', 'E1', 'E2']],
    ['anonymous', []],
  ];

  it.each(visible)('%s sees %j in lists, counts, lookups, budgets and department relations', async (who, codes) => {
    const client = await w.as(who);
    const ids: Record<string, string> = { E1: e1, E2: e2, C1: c1 };
    expect(await listCodes(client, { fiscalDivisionCode: w.fd })).toEqual(codes);

    const budgetList = await client.ok<{
      projectBudgets: { totalCount: number; items: Array<{ project: { code: string } }> };
    }>(LIST_BUDGETS, { filter: { fiscalDivisionCode: w.fd }, sort: [{ field: 'REQUESTED', direction: 'ASC' }] });
    expect(budgetList.projectBudgets.totalCount).toBe(codes.length);
    expect(budgetList.projectBudgets.items.map((b) => b.project.code).sort()).toEqual(codes);

    const seen = await Promise.all(
      Object.entries(ids).map(async ([code, id]) => {
        const r = await client.gql<{ project: { code: string } }>('query($id: ID!) { project(id: $id) { code } }', {
          id,
        });
        return r.data?.project ? code : `${code}:${codeOf(r)}`;
      }),
    );
    expect(seen).toEqual(Object.keys(ids).map((code) => (codes.includes(code) ? code : `${code}:NOT_FOUND`)));
    const seenBudgets = await Promise.all(
      Object.entries(budgets).map(async ([code, id]) => {
        const r = await client.gql<{ projectBudget: { id: string } }>(
          'query($id: ID!) { projectBudget(id: $id) { id } }',
          { id },
        );
        return r.data?.projectBudget ? code : `${code}:${codeOf(r)}`;
      }),
    );
    expect(seenBudgets).toEqual(
      Object.keys(budgets).map((code) => (codes.includes(code) ? code : `${code}:NOT_FOUND`)),
    );

    const departments = await client.ok<{
      edu: { projects: Array<{ code: string }> };
      school: { projects: Array<{ code: string }> };
      civil: { projects: Array<{ code: string }> };
    }>(DEPARTMENTS_PROJECTS, { edu: w.edu, school: w.school, civil: w.civil });
    expect(
      [...departments.edu.projects, ...departments.school.projects, ...departments.civil.projects]
        .map((p) => p.code)
        .sort(),
    ).toEqual(codes);
  });

  it('answers an invisible project exactly like one that does not exist', async () => {
    const civil = await w.as('civilOfficer');
    const hidden = await civil.gql('query($id: ID!) { project(id: $id) { code } }', { id: e1 });
    const absent = await civil.gql('query($id: ID!) { project(id: $id) { code } }', { id: '999999998' });
    expect(hidden.errors?.[0]).toMatchObject({
      message: `Project ${e1} does not exist.`,
      extensions: { code: 'NOT_FOUND', type: 'Project', id: e1 },
    });
    expect(absent.errors?.[0]).toMatchObject({
      message: 'Project 999999998 does not exist.',
      extensions: { code: 'NOT_FOUND', type: 'Project', id: '999999998' },
    });
    expect(hidden.data).toBeNull();
  });

  it('keeps relations inside the scope: an invisible parent is null, invisible children and merge targets are left out', async () => {
    const school = await w.as('schoolPreparer');
    const item = await school.ok<{ project: { code: string; parent: unknown } }>(
      'query($id: ID!) { project(id: $id) { code parent { code } } }',
      { id: e2 },
    );
    expect(item.project).toEqual({ code: 'E2', parent: null });

    const preparer = await w.as('preparer');
    const policy = await preparer.ok<{ project: { children: Array<{ code: string }> } }>(
      'query($id: ID!) { project(id: $id) { children { code } } }',
      { id: e1 },
    );
    expect(policy.project.children).toEqual([{ code: 'E2' }]);

    const merged = 'query($id: ID!) { projectBudget(id: $id) { decision mergedInto { code } project { code } } }';
    const civil = await w.as('civilOfficer');
    expect(await civil.ok(merged, { id: budgets.C1 })).toEqual({
      projectBudget: { decision: 'MERGED', mergedInto: null, project: { code: 'C1' } },
    });
    expect(await (await w.as('budgetOfficer')).ok(merged, { id: budgets.C1 })).toEqual({
      projectBudget: { decision: 'MERGED', mergedInto: { code: 'E1' }, project: { code: 'C1' } },
    });
  });

  it('gives bureau roles of another fiscal division nothing of this one', async () => {
    const other = await world();
    const bureau = await other.as('perfAdmin');
    expect(await listCodes(bureau, { fiscalDivisionCode: w.fd })).toEqual([]);
    const lookup = await bureau.gql('query($id: ID!) { project(id: $id) { code } }', { id: e1 });
    expect(codeOf(lookup)).toBe('NOT_FOUND');
  });

  it('refuses project reads to a role without ReadProject (ANALYST: aggregates only)', async () => {
    const analyst = await w.as('analyst');
    const list = await analyst.gql(LIST_PROJECT_CODES, { filter: { fiscalDivisionCode: w.fd } });
    expect(list.errors?.[0]).toMatchObject({
      message: 'Your role may not use projects.',
      extensions: { code: 'FORBIDDEN' },
    });
    const budget = await analyst.gql('query($id: ID!) { projectBudget(id: $id) { id } }', { id: budgets.E1 });
    expect(codeOf(budget)).toBe('FORBIDDEN');
  });
});

describe('what the public sees (公开)', () => {
  it('shows anonymous callers only projects with an approved target, their budgets, and no ex-ante assessments', async () => {
    const w = await world();
    const approved = await createProject(w, { code: 'A1', name: '已批复目标的项目', majorPolicy: true });
    const draft = await createProject(w, { code: 'A2', name: '目标未批复的项目' });
    const none = await createProject(w, { code: 'A3', name: '没有目标的项目' });
    await insertTarget(w, approved.id, 2026, 'APPROVED');
    await insertTarget(w, draft.id, 2026, 'JOINT_REVIEW');
    const visibleBudget = await createBudget(w, { projectId: approved.id, fiscalYear: 2026, requested: '10.00' });
    const hiddenBudget = await createBudget(w, { projectId: draft.id, fiscalYear: 2026, requested: '20.00' });
    await (await w.as('preparer')).ok(CREATE_EX_ANTE, {
      input: {
        projectId: approved.id,
        fiscalYear: 2026,
        stage: 'SELF',
        necessityScore: '18',
        economyScore: '18',
        targetReasonablenessScore: '18',
        feasibilityScore: '18',
        fundingComplianceScore: '18',
      },
    });

    expect(await listCodes(api, { fiscalDivisionCode: w.fd })).toEqual(['A1']);
    const read = await api.ok<{ project: Record<string, unknown> }>(
      'query($id: ID!) { project(id: $id) { code budgets { requested } exAnteAssessments { id } } }',
      { id: approved.id },
    );
    expect(read.project).toEqual({ code: 'A1', budgets: [{ requested: '10.00' }], exAnteAssessments: [] });
    for (const id of [draft.id, none.id]) {
      const hidden = await api.gql('query($id: ID!) { project(id: $id) { code } }', { id });
      expect(codeOf(hidden)).toBe('NOT_FOUND');
    }
    const budgetList = await api.ok<{ projectBudgets: { totalCount: number; items: Array<{ id: string }> } }>(
      LIST_BUDGETS,
      { filter: { fiscalDivisionCode: w.fd } },
    );
    expect(budgetList.projectBudgets).toMatchObject({ totalCount: 1, items: [{ id: visibleBudget.id }] });
    expect(codeOf(await api.gql(GET_BUDGET, { id: hiddenBudget.id }))).toBe('NOT_FOUND');
    const dept = await api.ok<{ department: { projects: Array<{ code: string }> } }>(DEPARTMENT_PROJECTS, {
      id: w.edu,
    });
    expect(dept.department.projects).toEqual([{ code: 'A1' }]);

    // Writing needs a signed-in caller.
    const write = await api.gql(UPDATE_PROJECT, { id: approved.id, input: { name: '匿名修改' } });
    expect(write.errors?.[0]).toMatchObject({
      message: 'Sign in to use updateProject.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const createBudgetAnonymously = await api.gql(CREATE_BUDGET_SHORT, {
      input: { projectId: none.id, fiscalYear: 2026, requested: '1.00' },
    });
    expect(codeOf(createBudgetAnonymously)).toBe('UNAUTHENTICATED');
    expect(await count('project_budget', 'project_id', Number(none.id))).toBe(0);
  });
});

describe('who writes projects (department roles, own department)', () => {
  it('answers another department’s project as NOT_FOUND to update, move and delete, and changes nothing', async () => {
    const w = await world();
    const edu = await createProject(w, { code: 'W1', name: '教育局项目' });
    const civil = await w.as('civilOfficer');
    const before = await api.sql('select name, department_id, version from project where id = ?', [Number(edu.id)]);

    const update = await civil.gql(UPDATE_PROJECT, { id: edu.id, input: { name: '被民政局修改', version: 1 } });
    expect(update.errors?.[0]).toMatchObject({
      message: `Project ${edu.id} does not exist.`,
      extensions: { code: 'NOT_FOUND' },
    });
    const remove = await civil.gql(DELETE_PROJECT, { id: edu.id });
    expect(codeOf(remove)).toBe('NOT_FOUND');
    // The department's own preparer may not move it out of its scope either.
    const move = await (await w.as('preparer')).gql(UPDATE_PROJECT, {
      id: edu.id,
      input: { departmentId: w.civil },
    });
    expect(move.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', type: 'Department' });
    // A child unit does not write its parent department's projects.
    const child = await (await w.as('schoolPreparer')).gql(UPDATE_PROJECT, { id: edu.id, input: { name: '子单位' } });
    expect(codeOf(child)).toBe('NOT_FOUND');

    expect(await api.sql('select name, department_id, version from project where id = ?', [Number(edu.id)])).toEqual(
      before,
    );
  });

  it('refuses to create a project in another department or under another department’s policy project', async () => {
    const w = await world();
    const civilPolicy = await createProject(w, { code: 'CP', name: '民政政策', departmentId: w.civil });
    const preparer = await w.as('preparer');
    const base = {
      fiscalDivisionCode: w.fd,
      code: 'W2',
      name: '越权项目',
      attribute: 'NEW',
      startYear: 2026,
      budgetType: 'GENERAL_PUBLIC',
    };
    const elsewhere = await preparer.gql(CREATE_PROJECT_SHORT, { input: { ...base, departmentId: w.civil } });
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', type: 'Department' });
    // Naming another department's project as parent reads like naming one that does not exist.
    const parent = await preparer.gql(CREATE_PROJECT_SHORT, {
      input: { ...base, departmentId: w.edu, parentId: civilPolicy.id },
    });
    expect(parent.errors?.[0]).toMatchObject({
      message: `parentId "${civilPolicy.id}" does not refer to an existing record.`,
      extensions: { code: 'INVALID_REFERENCE', field: 'parentId' },
    });
    expect(await count('project', 'fiscal_division_code', w.fd)).toBe(1);
  });

  it.each<Who>(['jkwReviewer', 'evaluator', 'perfAdmin', 'budgetOfficer', 'observer', 'integration', 'admin'])(
    '%s may not create, update or delete projects (FORBIDDEN)',
    async (who) => {
      const w = await world();
      const p = await createProject(w, { code: 'W3', name: '部门项目' });
      const client = await w.as(who);
      const create = await client.gql(CREATE_PROJECT_SHORT, {
        input: {
          fiscalDivisionCode: w.fd,
          departmentId: w.edu,
          code: 'W4',
          name: '局外人项目',
          attribute: 'NEW',
          startYear: 2026,
          budgetType: 'GENERAL_PUBLIC',
        },
      });
      expect(create.errors?.[0]).toMatchObject({
        message: 'Your role may not use createProject.',
        extensions: { code: 'FORBIDDEN' },
      });
      expect(codeOf(await client.gql(UPDATE_PROJECT, { id: p.id, input: { name: '改名' } }))).toBe('FORBIDDEN');
      expect(codeOf(await client.gql(DELETE_PROJECT, { id: p.id }))).toBe('FORBIDDEN');
      expect(await api.sql('select code, name from project where fiscal_division_code = ?', [w.fd])).toEqual([
        { code: 'W3', name: '部门项目' },
      ]);
    },
  );
});

describe('who writes which budget field', () => {
  async function budgetRow(id: string) {
    const [row] = await api.sql<Record<string, unknown>>(
      `select requested::text as requested, audited::text as audited, approved::text as approved, decision,
         decision_reason as "decisionReason", version from project_budget where id = ?`,
      [Number(id)],
    );
    return row;
  }

  it('lets the department request, refuses it the audited and approved amounts and the decision', async () => {
    const w = await world();
    const preparer = await w.as('preparer');
    const p = await createProject(w, { code: 'BW1', name: '预算字段权限' });
    const withAudited = await preparer.gql(CREATE_BUDGET_SHORT, {
      input: { projectId: p.id, fiscalYear: 2026, requested: '100.00', audited: '90.00' },
    });
    expect(withAudited.errors?.[0]).toMatchObject({
      message: 'Your role may not write ProjectBudget.audited.',
      extensions: { code: 'FORBIDDEN', field: 'ProjectBudget.audited' },
    });
    const withApproved = await preparer.gql(CREATE_BUDGET_SHORT, {
      input: { projectId: p.id, fiscalYear: 2026, requested: '100.00', approved: '90.00' },
    });
    expect(withApproved.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'ProjectBudget.approved',
    });
    expect(await count('project_budget', 'project_id', Number(p.id))).toBe(0);

    const b = await createBudget(w, { projectId: p.id, fiscalYear: 2026, requested: '100.00' });
    for (const [field, value] of [
      ['audited', '90.00'],
      ['approved', '90.00'],
      ['decision', 'FULL'],
      ['decisionReason', '理由'],
      ['mergedIntoProjectId', p.id],
    ] as const) {
      const r = await preparer.gql(UPDATE_BUDGET, { id: b.id, input: { [field]: value } });
      expect(r.errors?.[0]).toMatchObject({
        message: `Your role may not write ProjectBudget.${field}.`,
        extensions: { code: 'FORBIDDEN', field: `ProjectBudget.${field}` },
      });
    }
    const requested = await preparer.ok<{ updateProjectBudget: { requested: string } }>(UPDATE_BUDGET, {
      id: b.id,
      input: { requested: '120.00' },
    });
    expect(requested.updateProjectBudget.requested).toBe('120.00');
    expect(await budgetRow(b.id)).toEqual({
      requested: '120.00',
      audited: null,
      approved: null,
      decision: null,
      decisionReason: null,
      version: 2,
    });
  });

  it('lets the expenditure reviewer of the department audit, nothing else, and refuses other divisions’ reviewers', async () => {
    const w = await world();
    const p = await createProject(w, { code: 'BW2', name: '财政审核' });
    const b = await createBudget(w, { projectId: p.id, fiscalYear: 2026, requested: '100.00' });
    const reviewer = await w.as('jkwReviewer');

    const audited = await reviewer.ok<{ updateProjectBudget: { audited: string } }>(UPDATE_BUDGET, {
      id: b.id,
      input: { audited: '85.00' },
    });
    expect(audited.updateProjectBudget.audited).toBe('85.00');
    // All or nothing: a permitted field does not carry a refused one through.
    const mixed = await reviewer.gql(UPDATE_BUDGET, { id: b.id, input: { audited: '80.00', approved: '80.00' } });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'ProjectBudget.approved' });
    const requested = await reviewer.gql(UPDATE_BUDGET, { id: b.id, input: { requested: '1.00' } });
    expect(requested.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'ProjectBudget.requested' });
    const create = await reviewer.gql(CREATE_BUDGET_SHORT, {
      input: { projectId: p.id, fiscalYear: 2027, requested: '1.00' },
    });
    expect(codeOf(create)).toBe('FORBIDDEN');
    expect(codeOf(await reviewer.gql(DELETE_BUDGET, { id: b.id }))).toBe('FORBIDDEN');

    const otherReviewer = await w.as('shbReviewer');
    const outside = await otherReviewer.gql(UPDATE_BUDGET, { id: b.id, input: { audited: '1.00' } });
    expect(outside.errors?.[0]).toMatchObject({
      message: `ProjectBudget ${b.id} does not exist.`,
      extensions: { code: 'NOT_FOUND' },
    });
    expect(await budgetRow(b.id)).toMatchObject({ requested: '100.00', audited: '85.00', approved: null, version: 2 });
  });

  it('lets the budget officer approve and decide, and nothing else', async () => {
    const w = await world();
    const p = await createProject(w, { code: 'BW3', name: '预算批复' });
    const b = await createBudget(w, { projectId: p.id, fiscalYear: 2026, requested: '100.00', audited: '90.00' });
    const officer = await w.as('budgetOfficer');
    const decided = await officer.ok<{ updateProjectBudget: Record<string, unknown> }>(UPDATE_BUDGET, {
      id: b.id,
      input: { approved: '90.00', decision: 'REDUCED', decisionReason: '按审核数安排' },
    });
    expect(decided.updateProjectBudget).toMatchObject({
      approved: '90.00',
      decision: 'REDUCED',
      decisionReason: '按审核数安排',
      cut: '10.00',
    });
    const audited = await officer.gql(UPDATE_BUDGET, { id: b.id, input: { audited: '95.00' } });
    expect(audited.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'ProjectBudget.audited' });
    const create = await officer.gql(CREATE_BUDGET_SHORT, {
      input: { projectId: p.id, fiscalYear: 2027, requested: '1.00' },
    });
    expect(create.errors?.[0]).toMatchObject({
      message: 'Your role may not use createProjectBudget.',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await budgetRow(b.id)).toEqual({
      requested: '100.00',
      audited: '90.00',
      approved: '90.00',
      decision: 'REDUCED',
      decisionReason: '按审核数安排',
      version: 3,
    });
  });

  it('answers another department’s budget as NOT_FOUND and refuses roles without a budget permission', async () => {
    const w = await world();
    const p = await createProject(w, { code: 'BW4', name: '他部门预算' });
    const b = await createBudget(w, { projectId: p.id, fiscalYear: 2026, requested: '100.00' });
    const civil = await w.as('civilOfficer');
    expect(codeOf(await civil.gql(UPDATE_BUDGET, { id: b.id, input: { requested: '1.00' } }))).toBe('NOT_FOUND');
    expect(codeOf(await civil.gql(DELETE_BUDGET, { id: b.id }))).toBe('NOT_FOUND');
    const create = await civil.gql(CREATE_BUDGET_SHORT, {
      input: { projectId: p.id, fiscalYear: 2027, requested: '1.00' },
    });
    expect(create.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_REFERENCE', field: 'projectId' });
    for (const who of ['evaluator', 'perfAdmin', 'observer', 'integration', 'admin', 'analyst'] as const) {
      const r = await (await w.as(who)).gql(UPDATE_BUDGET, { id: b.id, input: { requested: '1.00' } });
      expect([who, r.errors?.[0]?.message]).toEqual([who, 'Your role may not use updateProjectBudget.']);
    }
    expect(await budgetRow(b.id)).toMatchObject({ requested: '100.00', version: 1 });
    expect(await count('project_budget', 'project_id', Number(p.id))).toBe(1);
  });
});

describe('the finance-audited amount (财政审核数) before and after approval', () => {
  let w: World;
  let budgetId: string;
  beforeAll(async () => {
    w = await world();
    const p = await createProject(w, { code: 'AU1', name: '审核数可见性' });
    // An approved target makes the project public, so anonymous callers see the row.
    await insertTarget(w, p.id, 2026, 'APPROVED');
    budgetId = (await createBudget(w, { projectId: p.id, fiscalYear: 2026, requested: '100.00', audited: '80.00' })).id;
  });

  // As the permission table has it: ReadAuditedAmount is the department's and the review and budget staff's; ADMIN
  // (IT) manages users and reference data and reads budgets like any other reader of the division.
  const readers: Who[] = ['preparer', 'officer', 'jkwReviewer', 'evaluator', 'perfAdmin', 'budgetOfficer'];
  const refused: Who[] = ['observer', 'integration', 'admin', 'anonymous'];

  it.each(readers)('%s reads it before approval', async (who) => {
    const r = await (await w.as(who)).ok(READ_AUDITED, { id: budgetId });
    expect(r).toEqual({ projectBudget: { requested: '100.00', audited: '80.00', approved: null } });
  });

  it.each(refused)('%s gets null and FORBIDDEN naming the field before approval, the rest intact', async (who) => {
    const r = await (await w.as(who)).gql(READ_AUDITED, { id: budgetId });
    expect(r.data).toEqual({ projectBudget: { requested: '100.00', audited: null, approved: null } });
    expect(r.errors).toEqual([
      expect.objectContaining({
        message: 'Your role may not read ProjectBudget.audited.',
        path: ['projectBudget', 'audited'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN', field: 'ProjectBudget.audited' }),
      }),
    ]);
    // In lists and relations alike.
    const list = await (await w.as(who)).gql<{ projectBudgets: { items: Array<Record<string, unknown>> } }>(
      `query($filter: ProjectBudgetFilter) { projectBudgets(filter: $filter) { items { requested audited } } }`,
      { filter: { fiscalDivisionCode: w.fd } },
    );
    expect(list.data?.projectBudgets.items).toEqual([{ requested: '100.00', audited: null }]);
    expect(list.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('refuses ANALYST the budget itself (no ReadProject)', async () => {
    const r = await (await w.as('analyst')).gql(READ_AUDITED, { id: budgetId });
    expect(r.errors?.[0]).toMatchObject({
      message: 'Your role may not use projectBudget.',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('offers no filter or sort on it, so it cannot be inferred by filtering or ordering', async () => {
    const r = await api.ok<{
      filter: { inputFields: Array<{ name: string }> };
      sort: { enumValues: Array<{ name: string }> };
    }>(
      `{ filter: __type(name: "ProjectBudgetFilter") { inputFields { name } }
         sort: __type(name: "ProjectBudgetSortField") { enumValues { name } } }`,
    );
    const names = [...r.filter.inputFields, ...r.sort.enumValues].map((f) => f.name);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((n) => /audit/i.test(n))).toEqual([]);
  });

  describe('once approved', () => {
    beforeAll(async () => {
      await (await w.as('budgetOfficer')).ok(UPDATE_BUDGET, {
        id: budgetId,
        input: { approved: '80.00', decision: 'REDUCED' },
      });
    });

    it.each([...readers, ...refused])('%s reads it', async (who) => {
      const r = await (await w.as(who)).ok(READ_AUDITED, { id: budgetId });
      expect(r).toEqual({ projectBudget: { requested: '100.00', audited: '80.00', approved: '80.00' } });
    });
  });
});

const CREATE_PROJECT_SHORT = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id version } }`;
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
const GET_PROJECT = `query($id: ID!) { project(id: $id) { ${PROJECT_FIELDS} } }`;
const UPDATE_PROJECT = `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { ${PROJECT_FIELDS} } }`;
const DELETE_PROJECT = `mutation($id: ID!) { deleteProject(id: $id) }`;
const DEPARTMENT_PROJECTS = `query($id: ID!) { department(id: $id) { projects { code } } }`;
const DEPARTMENTS_PROJECTS = `query($edu: ID!, $school: ID!, $civil: ID!) {
  edu: department(id: $edu) { projects { code } }
  school: department(id: $school) { projects { code } }
  civil: department(id: $civil) { projects { code } }
}`;
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
const CREATE_BUDGET_SHORT = `mutation($input: CreateProjectBudgetInput!) { createProjectBudget(input: $input) { id version } }`;
const UPDATE_BUDGET = `mutation($id: ID!, $input: UpdateProjectBudgetInput!) { updateProjectBudget(id: $id, input: $input) { ${BUDGET_FIELDS} } }`;
const UPDATE_BUDGET_SHORT = `mutation($id: ID!, $input: UpdateProjectBudgetInput!) { updateProjectBudget(id: $id, input: $input) { id version } }`;
const DELETE_BUDGET = `mutation($id: ID!) { deleteProjectBudget(id: $id) }`;
const GET_BUDGET = `query($id: ID!) { projectBudget(id: $id) { ${BUDGET_FIELDS} } }`;
const READ_AUDITED = `query($id: ID!) { projectBudget(id: $id) { requested audited approved } }`;
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
