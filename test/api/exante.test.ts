import { startApi, type TestApi } from '../helpers/api';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

interface World {
  fd: string;
  edu: string;
  civil: string;
}

async function world(): Promise<World> {
  let fd = '';
  for (;;) {
    fd = `6${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const taken = await api.sql<{ n: string }>('select count(*) as n from fiscal_division where code = ?', [fd]);
    if (Number(taken[0]?.n) === 0) break;
  }
  await api.ok(CREATE_DIVISION, { input: { code: fd, name: `事前评估测试区划${fd}`, level: 'DISTRICT' } });
  const department = async (code: string, name: string) =>
    (
      await api.ok<{ createDepartment: { id: string } }>(CREATE_DEPARTMENT, {
        input: { fiscalDivisionCode: fd, code, name, kind: 'ADMINISTRATIVE' },
      })
    ).createDepartment.id;
  return { fd, edu: await department('101', '郑州市教育局'), civil: await department('201', '郑州市民政局') };
}

async function createProject(w: World, input: Record<string, unknown>): Promise<string> {
  const data = await api.ok<{ createProject: { id: string } }>(CREATE_PROJECT, {
    input: {
      fiscalDivisionCode: w.fd,
      departmentId: w.edu,
      attribute: 'NEW',
      startYear: 2026,
      budgetType: 'GENERAL_PUBLIC',
      ...input,
    },
  });
  return data.createProject.id;
}

const scores = (necessity: string, economy: string, target: string, feasibility: string, funding: string) => ({
  necessityScore: necessity,
  economyScore: economy,
  targetReasonablenessScore: target,
  feasibilityScore: feasibility,
  fundingComplianceScore: funding,
});

async function assess(input: Record<string, unknown>): Promise<Record<string, unknown> & { id: string }> {
  const data = await api.ok<{ createExAnteAssessment: Record<string, unknown> & { id: string } }>(CREATE_EX_ANTE, {
    input: { fiscalYear: 2026, stage: 'SELF', ...scores('18', '18', '18', '18', '18'), ...input },
  });
  return data.createExAnteAssessment;
}

async function countFor(projectId: string): Promise<number> {
  const r = await api.sql<{ n: string }>('select count(*) as n from ex_ante_assessment where project_id = ?', [
    Number(projectId),
  ]);
  return Number(r[0]?.n);
}

describe('ex-ante assessments (事前绩效评估)', () => {
  it('records the five scores, computes the exact total and the conclusion, and links the project', async () => {
    const w = await world();
    const project = await createProject(w, { code: 'X1', name: '职业技能提升培训补贴', majorPolicy: true });
    const a = await assess({
      projectId: project,
      assessor: '郑州市人社局',
      summary: '立项依据充分',
      assessedAt: '2026-03-01T08:00:00Z',
      ...scores('18.50', '17', '19.25', '16', '20'),
    });
    expect(a).toEqual({
      id: a.id,
      fiscalDivisionCode: w.fd,
      fiscalYear: 2026,
      stage: 'SELF',
      assessor: '郑州市人社局',
      necessityScore: '18.50',
      economyScore: '17.00',
      targetReasonablenessScore: '19.25',
      feasibilityScore: '16.00',
      fundingComplianceScore: '20.00',
      totalScore: '90.75',
      conclusion: 'SUPPORT',
      summary: '立项依据充分',
      assessedAt: '2026-03-01T08:00:00.000Z',
      project: { id: project, code: 'X1', needsExAnte: true },
    });

    const viaProject = await api.ok<{ project: { exAnteAssessments: unknown[] } }>(PROJECT_ASSESSMENTS, {
      id: project,
    });
    expect(viaProject.project.exAnteAssessments).toEqual([{ stage: 'SELF', totalScore: '90.75' }]);
  });

  it('sums exactly at the thresholds: 90.00 supports, 89.99 and 70.00 support after revision, 69.99 does not', async () => {
    const w = await world();
    const project = await createProject(w, { code: 'X2', name: '大气污染防治专项资金', specialFund: true });
    // As floats 15.02 + 19.24 + 18 + 18 + 19.74 is 89.99999999999999.
    const ninety = await assess({
      projectId: project,
      stage: 'SELF',
      ...scores('15.02', '19.24', '18', '18', '19.74'),
    });
    expect(ninety).toMatchObject({ totalScore: '90.00', conclusion: 'SUPPORT' });
    const below = await assess({
      projectId: project,
      stage: 'FINANCE_AUDIT',
      ...scores('17.99', '18', '18', '18', '18'),
    });
    expect(below).toMatchObject({ totalScore: '89.99', conclusion: 'SUPPORT_AFTER_REVISION' });
    const seventy = await assess({ projectId: project, stage: 'THIRD_PARTY', ...scores('14', '14', '14', '14', '14') });
    expect(seventy).toMatchObject({ totalScore: '70.00', conclusion: 'SUPPORT_AFTER_REVISION' });
    const notSupport = await assess({
      projectId: project,
      fiscalYear: 2027,
      ...scores('13.99', '14', '14', '14', '14'),
    });
    expect(notSupport).toMatchObject({ totalScore: '69.99', conclusion: 'NOT_SUPPORT' });
    const [row] = await api.sql<{ total: string }>(
      'select total_score::text as total from ex_ante_assessment where id = ?',
      [Number(ninety.id)],
    );
    expect(row).toEqual({ total: '90.00' });
  });

  it('refuses a score outside 0–20 or with more than two decimals, naming the dimension, and writes nothing', async () => {
    const w = await world();
    const project = await createProject(w, { code: 'X3', name: '评分校验项目' });
    const attempt = (s: Record<string, string>) =>
      api.gql(CREATE_EX_ANTE, {
        input: { projectId: project, fiscalYear: 2026, stage: 'SELF', ...scores('18', '18', '18', '18', '18'), ...s },
      });
    const tooHigh = await attempt({ economyScore: '20.01' });
    expect(tooHigh.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'economyScore' });
    expect(tooHigh.errors?.[0]?.message).toMatch(/economy \(投入经济性\) score must be between 0 and 20.*got 20.01/);
    const negative = await attempt({ fundingComplianceScore: '-1' });
    expect(negative.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'fundingComplianceScore',
    });
    expect(negative.errors?.[0]?.message).toMatch(/funding compliance \(筹资合规性\)/);
    const fine = await attempt({ targetReasonablenessScore: '10.005' });
    expect(fine.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'targetReasonablenessScore',
    });
    const notANumber = await attempt({ necessityScore: 'high' });
    expect(notANumber.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countFor(project)).toBe(0);

    const a = await assess({ projectId: project });
    const badUpdate = await api.gql(UPDATE_EX_ANTE, { id: a.id, input: { feasibilityScore: '25' } });
    expect(badUpdate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'feasibilityScore' });
    const [row] = await api.sql<{ f: string; total: string }>(
      'select feasibility_score::text as f, total_score::text as total from ex_ante_assessment where id = ?',
      [Number(a.id)],
    );
    expect(row).toEqual({ f: '18.00', total: '90.00' });
  });

  it('keeps one assessment per project, year and stage (DUPLICATE), and refuses an unknown project', async () => {
    const w = await world();
    const project = await createProject(w, { code: 'X4', name: '唯一性项目' });
    const self = await assess({ projectId: project, stage: 'SELF' });
    const dup = await api.gql(CREATE_EX_ANTE, {
      input: { projectId: project, fiscalYear: 2026, stage: 'SELF', ...scores('1', '1', '1', '1', '1') },
    });
    expect(dup.errors?.[0]?.extensions?.code).toBe('DUPLICATE');
    expect(dup.errors?.[0]?.message).toMatch(/X4 already has a SELF ex-ante assessment for 2026/);
    expect(await countFor(project)).toBe(1);

    const audit = await assess({ projectId: project, stage: 'FINANCE_AUDIT' });
    await assess({ projectId: project, stage: 'SELF', fiscalYear: 2027 });
    expect(await countFor(project)).toBe(3);

    const clash = await api.gql(UPDATE_EX_ANTE, { id: audit.id, input: { stage: 'SELF' } });
    expect(clash.errors?.[0]?.extensions?.code).toBe('DUPLICATE');
    const [row] = await api.sql<{ stage: string }>('select stage from ex_ante_assessment where id = ?', [
      Number(audit.id),
    ]);
    expect(row).toEqual({ stage: 'FINANCE_AUDIT' });
    // Saving an assessment under its own year and stage is no clash.
    const same = await api.ok<{ updateExAnteAssessment: { stage: string } }>(UPDATE_EX_ANTE, {
      id: self.id,
      input: { stage: 'SELF', fiscalYear: 2026 },
    });
    expect(same.updateExAnteAssessment.stage).toBe('SELF');

    const unknown = await api.gql(CREATE_EX_ANTE, {
      input: { projectId: '999999999', fiscalYear: 2026, stage: 'SELF', ...scores('1', '1', '1', '1', '1') },
    });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_REFERENCE', field: 'projectId' });
  });

  it('recomputes the total and the conclusion on update and clears optional text with null', async () => {
    const w = await world();
    const project = await createProject(w, { code: 'X5', name: '修改评分项目' });
    const a = await assess({ projectId: project, assessor: '第三方机构', ...scores('19', '19', '19', '19', '19') });
    expect(a).toMatchObject({ totalScore: '95.00', conclusion: 'SUPPORT' });
    const revised = await api.ok<{ updateExAnteAssessment: Record<string, unknown> }>(UPDATE_EX_ANTE, {
      id: a.id,
      input: { economyScore: '5.5', feasibilityScore: '10', assessor: null, summary: '实施方案需完善' },
    });
    expect(revised.updateExAnteAssessment).toMatchObject({
      economyScore: '5.50',
      feasibilityScore: '10.00',
      totalScore: '72.50',
      conclusion: 'SUPPORT_AFTER_REVISION',
      assessor: null,
      summary: '实施方案需完善',
    });
    const lower = await api.ok<{ updateExAnteAssessment: Record<string, unknown> }>(UPDATE_EX_ANTE, {
      id: a.id,
      input: { necessityScore: '0' },
    });
    expect(lower.updateExAnteAssessment).toMatchObject({ totalScore: '53.50', conclusion: 'NOT_SUPPORT' });
    const missing = await api.gql(UPDATE_EX_ANTE, { id: '999999999', input: { necessityScore: '1' } });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('filters by division, project, department, year, stage and conclusion, and sorts by total', async () => {
    const w = await world();
    const edu = await createProject(w, { code: 'Y1', name: '教育项目', departmentId: w.edu });
    const civil = await createProject(w, { code: 'Y2', name: '民政项目', departmentId: w.civil });
    await assess({ projectId: edu, stage: 'SELF', ...scores('19', '19', '19', '19', '19') }); // 95 SUPPORT
    await assess({ projectId: edu, stage: 'FINANCE_AUDIT', ...scores('16', '16', '16', '16', '16') }); // 80
    await assess({ projectId: civil, fiscalYear: 2027, ...scores('10', '10', '10', '10', '10') }); // 50
    const list = async (filter: Record<string, unknown>, sort?: unknown) => {
      const data = await api.ok<{
        exAnteAssessments: { totalCount: number; items: Array<{ totalScore: string; project: { code: string } }> };
      }>(LIST_EX_ANTE, { filter: { fiscalDivisionCode: w.fd, ...filter }, sort });
      expect(data.exAnteAssessments.totalCount).toBe(data.exAnteAssessments.items.length);
      return data.exAnteAssessments.items.map((i) => `${i.project.code}:${i.totalScore}`);
    };
    // Default order: fiscal year, then stage in process order (self-assessment before the finance audit).
    expect(await list({})).toEqual(['Y1:95.00', 'Y1:80.00', 'Y2:50.00']);
    expect(await list({ projectId: civil })).toEqual(['Y2:50.00']);
    expect(await list({ departmentId: w.edu })).toEqual(['Y1:95.00', 'Y1:80.00']);
    expect(await list({ fiscalYear: 2027 })).toEqual(['Y2:50.00']);
    expect(await list({ stage: 'FINANCE_AUDIT' })).toEqual(['Y1:80.00']);
    expect(await list({ conclusion: 'SUPPORT_AFTER_REVISION' })).toEqual(['Y1:80.00']);
    expect(await list({ conclusion: 'NOT_SUPPORT' })).toEqual(['Y2:50.00']);
    expect(await list({}, [{ field: 'TOTAL_SCORE', direction: 'ASC' }])).toEqual(['Y2:50.00', 'Y1:80.00', 'Y1:95.00']);
    const viaProject = await api.ok<{ project: { exAnteAssessments: Array<{ stage: string }> } }>(PROJECT_ASSESSMENTS, {
      id: edu,
    });
    expect(viaProject.project.exAnteAssessments.map((a) => a.stage)).toEqual(['SELF', 'FINANCE_AUDIT']);
  });

  it('deletes an assessment, after which its project is no longer held by it', async () => {
    const w = await world();
    const project = await createProject(w, { code: 'X6', name: '待删除项目' });
    const a = await assess({ projectId: project });
    const held = await api.gql(DELETE_PROJECT, { id: project });
    expect(held.errors?.[0]?.extensions).toMatchObject({
      code: 'STILL_REFERENCED',
      references: { 'ex-ante assessments': 1 },
    });
    const deleted = await api.ok<{ deleteExAnteAssessment: boolean }>(DELETE_EX_ANTE, { id: a.id });
    expect(deleted.deleteExAnteAssessment).toBe(true);
    expect(await countFor(project)).toBe(0);
    const again = await api.gql(DELETE_EX_ANTE, { id: a.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await api.ok(DELETE_PROJECT, { id: project })).toEqual({ deleteProject: true });
  });
});

const CREATE_DIVISION = `mutation($input: CreateFiscalDivisionInput!) { createFiscalDivision(input: $input) { code } }`;
const CREATE_DEPARTMENT = `mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }`;
const CREATE_PROJECT = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`;
const DELETE_PROJECT = `mutation($id: ID!) { deleteProject(id: $id) }`;
const EX_ANTE_FIELDS = `
  id fiscalDivisionCode fiscalYear stage assessor
  necessityScore economyScore targetReasonablenessScore feasibilityScore fundingComplianceScore
  totalScore conclusion summary assessedAt
  project { id code needsExAnte }`;
const CREATE_EX_ANTE = `mutation($input: CreateExAnteAssessmentInput!) { createExAnteAssessment(input: $input) { ${EX_ANTE_FIELDS} } }`;
const UPDATE_EX_ANTE = `mutation($id: ID!, $input: UpdateExAnteAssessmentInput!) { updateExAnteAssessment(id: $id, input: $input) { ${EX_ANTE_FIELDS} } }`;
const DELETE_EX_ANTE = `mutation($id: ID!) { deleteExAnteAssessment(id: $id) }`;
const LIST_EX_ANTE = `query($filter: ExAnteAssessmentFilter, $sort: [ExAnteAssessmentSort!]) {
  exAnteAssessments(filter: $filter, sort: $sort) { totalCount items { totalScore project { code } } }
}`;
const PROJECT_ASSESSMENTS = `query($id: ID!) { project(id: $id) { exAnteAssessments { stage totalScore } } }`;
