import { type GqlResult, startApi, type TestApi, uniq } from '../helpers/api';
import { buildWorld, type Who, type BaseWorld as World } from '../helpers/world';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

const world = () => buildWorld(api, { name: '事前评估测试区划' });

/** A project, created through the API by a preparer of its department. */
async function createProject(w: World, input: Record<string, unknown>): Promise<string> {
  const departmentId = String(input.departmentId ?? w.edu);
  const writer = await w.as(departmentId === w.civil ? 'civilOfficer' : 'preparer');
  const data = await writer.ok<{ createProject: { id: string } }>(CREATE_PROJECT, {
    input: {
      fiscalDivisionCode: w.fd,
      departmentId,
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

/** Who records a stage by default: the department its self-assessment, the evaluation center the others. */
const assessorOf = (stage: string): Who => (stage === 'SELF' ? 'preparer' : 'evaluator');

async function assess(
  w: World,
  input: Record<string, unknown>,
  who?: Who,
): Promise<Record<string, unknown> & { id: string }> {
  const stage = String(input.stage ?? 'SELF');
  const client = await w.as(who ?? assessorOf(stage));
  const data = await client.ok<{ createExAnteAssessment: Record<string, unknown> & { id: string } }>(CREATE_EX_ANTE, {
    input: { fiscalYear: 2026, stage, ...scores('18', '18', '18', '18', '18'), ...input },
  });
  return data.createExAnteAssessment;
}

async function countFor(projectId: string): Promise<number> {
  const r = await api.sql<{ n: string }>('select count(*) as n from ex_ante_assessment where project_id = ?', [
    Number(projectId),
  ]);
  return Number(r[0]?.n);
}

async function rowOf(id: string) {
  const [row] = await api.sql<Record<string, unknown>>(
    'select stage, total_score::text as total, summary from ex_ante_assessment where id = ?',
    [Number(id)],
  );
  return row;
}

const codeOf = (r: GqlResult<unknown>) => r.errors?.[0]?.extensions?.code;

describe('ex-ante assessments (事前绩效评估)', () => {
  it('records the five scores, computes the exact total and the conclusion, and links the project', async () => {
    const w = await world();
    const project = await createProject(w, { code: 'X1', name: '职业技能提升培训补贴', majorPolicy: true });
    const a = await assess(w, {
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

    const viaProject = await (await w.as('preparer')).ok<{ project: { exAnteAssessments: unknown[] } }>(
      PROJECT_ASSESSMENTS,
      { id: project },
    );
    expect(viaProject.project.exAnteAssessments).toEqual([{ stage: 'SELF', totalScore: '90.75' }]);
    const lookup = await (await w.as('evaluator')).ok<{ exAnteAssessment: { totalScore: string } }>(GET_EX_ANTE, {
      id: a.id,
    });
    expect(lookup.exAnteAssessment).toMatchObject({ id: a.id, totalScore: '90.75', project: { code: 'X1' } });
  });

  it('sums exactly at the thresholds: 90.00 supports, 89.99 and 70.00 support after revision, 69.99 does not', async () => {
    const w = await world();
    const project = await createProject(w, { code: 'X2', name: '大气污染防治专项资金', specialFund: true });
    // As floats 15.02 + 19.24 + 18 + 18 + 19.74 is 89.99999999999999.
    const ninety = await assess(w, {
      projectId: project,
      stage: 'SELF',
      ...scores('15.02', '19.24', '18', '18', '19.74'),
    });
    expect(ninety).toMatchObject({ totalScore: '90.00', conclusion: 'SUPPORT' });
    const below = await assess(
      w,
      { projectId: project, stage: 'FINANCE_AUDIT', ...scores('17.99', '18', '18', '18', '18') },
      'jkwReviewer',
    );
    expect(below).toMatchObject({ totalScore: '89.99', conclusion: 'SUPPORT_AFTER_REVISION' });
    const seventy = await assess(w, {
      projectId: project,
      stage: 'THIRD_PARTY',
      ...scores('14', '14', '14', '14', '14'),
    });
    expect(seventy).toMatchObject({ totalScore: '70.00', conclusion: 'SUPPORT_AFTER_REVISION' });
    const notSupport = await assess(w, {
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
    const preparer = await w.as('preparer');
    const project = await createProject(w, { code: 'X3', name: '评分校验项目' });
    const attempt = (s: Record<string, string>) =>
      preparer.gql(CREATE_EX_ANTE, {
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
    expect(codeOf(notANumber)).toBe('BAD_USER_INPUT');
    expect(await countFor(project)).toBe(0);

    const a = await assess(w, { projectId: project });
    const badUpdate = await preparer.gql(UPDATE_EX_ANTE, { id: a.id, input: { feasibilityScore: '25' } });
    expect(badUpdate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'feasibilityScore' });
    const [row] = await api.sql<{ f: string; total: string }>(
      'select feasibility_score::text as f, total_score::text as total from ex_ante_assessment where id = ?',
      [Number(a.id)],
    );
    expect(row).toEqual({ f: '18.00', total: '90.00' });
  });

  it('keeps one assessment per project, year and stage (DUPLICATE), and refuses an unknown project', async () => {
    const w = await world();
    const preparer = await w.as('preparer');
    const evaluator = await w.as('evaluator');
    const project = await createProject(w, { code: 'X4', name: '唯一性项目' });
    const self = await assess(w, { projectId: project, stage: 'SELF' });
    const dup = await preparer.gql(CREATE_EX_ANTE, {
      input: { projectId: project, fiscalYear: 2026, stage: 'SELF', ...scores('1', '1', '1', '1', '1') },
    });
    expect(codeOf(dup)).toBe('DUPLICATE');
    expect(dup.errors?.[0]?.message).toMatch(/X4 already has a SELF ex-ante assessment for 2026/);
    expect(await countFor(project)).toBe(1);

    const audit = await assess(w, { projectId: project, stage: 'FINANCE_AUDIT' });
    await assess(w, { projectId: project, stage: 'THIRD_PARTY' });
    await assess(w, { projectId: project, stage: 'SELF', fiscalYear: 2027 });
    expect(await countFor(project)).toBe(4);

    const clash = await evaluator.gql(UPDATE_EX_ANTE, { id: audit.id, input: { stage: 'THIRD_PARTY' } });
    expect(codeOf(clash)).toBe('DUPLICATE');
    expect(await rowOf(audit.id)).toMatchObject({ stage: 'FINANCE_AUDIT' });
    // Saving an assessment under its own year and stage is no clash.
    const same = await preparer.ok<{ updateExAnteAssessment: { stage: string } }>(UPDATE_EX_ANTE, {
      id: self.id,
      input: { stage: 'SELF', fiscalYear: 2026 },
    });
    expect(same.updateExAnteAssessment.stage).toBe('SELF');

    const unknown = await preparer.gql(CREATE_EX_ANTE, {
      input: { projectId: '999999999', fiscalYear: 2026, stage: 'SELF', ...scores('1', '1', '1', '1', '1') },
    });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_REFERENCE', field: 'projectId' });
  });

  it('recomputes the total and the conclusion on update and clears optional text with null', async () => {
    const w = await world();
    const preparer = await w.as('preparer');
    const project = await createProject(w, { code: 'X5', name: '修改评分项目' });
    const a = await assess(w, { projectId: project, assessor: '第三方机构', ...scores('19', '19', '19', '19', '19') });
    expect(a).toMatchObject({ totalScore: '95.00', conclusion: 'SUPPORT' });
    const revised = await preparer.ok<{ updateExAnteAssessment: Record<string, unknown> }>(UPDATE_EX_ANTE, {
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
    const lower = await preparer.ok<{ updateExAnteAssessment: Record<string, unknown> }>(UPDATE_EX_ANTE, {
      id: a.id,
      input: { necessityScore: '0' },
    });
    expect(lower.updateExAnteAssessment).toMatchObject({ totalScore: '53.50', conclusion: 'NOT_SUPPORT' });
    const missing = await preparer.gql(UPDATE_EX_ANTE, { id: '999999999', input: { necessityScore: '1' } });
    expect(codeOf(missing)).toBe('NOT_FOUND');
  });

  it('filters by division, project, department, year, stage and conclusion, and sorts by total', async () => {
    const w = await world();
    const bureau = await w.as('perfAdmin');
    const edu = await createProject(w, { code: 'Y1', name: '教育项目', departmentId: w.edu });
    const civil = await createProject(w, { code: 'Y2', name: '民政项目', departmentId: w.civil });
    await assess(w, { projectId: edu, stage: 'SELF', ...scores('19', '19', '19', '19', '19') }); // 95 SUPPORT
    await assess(w, { projectId: edu, stage: 'FINANCE_AUDIT', ...scores('16', '16', '16', '16', '16') }); // 80
    await assess(w, { projectId: civil, fiscalYear: 2027, ...scores('10', '10', '10', '10', '10') }, 'civilOfficer'); // 50
    const list = async (filter: Record<string, unknown>, sort?: unknown) => {
      const data = await bureau.ok<{
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
    const viaProject = await bureau.ok<{ project: { exAnteAssessments: Array<{ stage: string }> } }>(
      PROJECT_ASSESSMENTS,
      { id: edu },
    );
    expect(viaProject.project.exAnteAssessments.map((a) => a.stage)).toEqual(['SELF', 'FINANCE_AUDIT']);
  });

  it('deletes an assessment, after which its project is no longer held by it', async () => {
    const w = await world();
    const preparer = await w.as('preparer');
    const project = await createProject(w, { code: 'X6', name: '待删除项目' });
    const a = await assess(w, { projectId: project });
    const held = await preparer.gql(DELETE_PROJECT, { id: project });
    expect(held.errors?.[0]?.extensions).toMatchObject({
      code: 'STILL_REFERENCED',
      references: { 'ex-ante assessments': 1 },
    });
    const deleted = await preparer.ok<{ deleteExAnteAssessment: boolean }>(DELETE_EX_ANTE, { id: a.id });
    expect(deleted.deleteExAnteAssessment).toBe(true);
    expect(await countFor(project)).toBe(0);
    const again = await preparer.gql(DELETE_EX_ANTE, { id: a.id });
    expect(codeOf(again)).toBe('NOT_FOUND');
    expect(await preparer.ok(DELETE_PROJECT, { id: project })).toEqual({ deleteProject: true });
  });
});

describe('the audit trail of ex-ante assessments', () => {
  type Entry = {
    action: string;
    actorLogin: string;
    changes: Array<{ field: string; before: string | null; after: string | null }>;
  };
  const HISTORY = `query($id: ID!) { history(type: "ExAnteAssessment", id: $id) { action actorLogin changes { field before after } } }`;
  const auditCount = async (fd: string) =>
    Number(
      (await api.sql<{ n: string }>('select count(*) as n from audit_entry where fiscal_division_code = ?', [fd]))[0]
        ?.n,
    );

  it('records create, update and delete with who and the changed fields, and nothing for a refused change', async () => {
    const w = await world();
    const preparer = await w.as('preparer');
    const login = (await preparer.ok<{ me: { loginName: string } }>('{ me { loginName } }')).me.loginName;
    const projectId = await createProject(w, { code: uniq('AU'), name: '审计评估项目' });
    const a = await assess(w, { projectId });
    await preparer.ok(UPDATE_EX_ANTE, { id: a.id, input: { necessityScore: '10' } });

    const before = await auditCount(w.fd);
    const refused = await preparer.gql(UPDATE_EX_ANTE, { id: a.id, input: { stage: 'THIRD_PARTY' } });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const outOfRange = await preparer.gql(UPDATE_EX_ANTE, { id: a.id, input: { economyScore: '21' } });
    expect(codeOf(outOfRange)).toBe('BAD_USER_INPUT');
    expect(await auditCount(w.fd)).toBe(before);

    await preparer.ok(DELETE_EX_ANTE, { id: a.id });

    for (const who of ['evaluator', 'preparer'] as const) {
      const history = (await (await w.as(who)).ok<{ history: Entry[] }>(HISTORY, { id: a.id })).history;
      expect(history.map((e) => [e.action, e.actorLogin])).toEqual([
        ['create', login],
        ['update', login],
        ['delete', login],
      ]);
      expect(history[0]?.changes).toContainEqual({ field: 'totalScore', before: null, after: '"90.00"' });
      expect(history[0]?.changes).toContainEqual({ field: 'projectId', before: null, after: projectId });
      const updated = Object.fromEntries((history[1]?.changes ?? []).map((c) => [c.field, [c.before, c.after]]));
      expect(updated).toEqual({
        necessityScore: ['"18.00"', '"10.00"'],
        totalScore: ['"90.00"', '"82.00"'],
        conclusion: ['"SUPPORT"', '"SUPPORT_AFTER_REVISION"'],
      });
      expect(history[2]?.changes).toContainEqual({ field: 'stage', before: '"SELF"', after: null });
    }
    expect((await (await w.as('civilPreparer')).ok<{ history: Entry[] }>(HISTORY, { id: a.id })).history).toEqual([]);
  });
});

describe('who sees ex-ante assessments (row scope)', () => {
  let w: World;
  let eduProject: string;
  let eduSelf: string;
  let eduAudit: string;
  let civilSelf: string;
  beforeAll(async () => {
    w = await world();
    eduProject = await createProject(w, { code: 'V1', name: '教育政策', majorPolicy: true });
    const civilProject = await createProject(w, { code: 'V2', name: '民政政策', departmentId: w.civil });
    // Even a project the public sees (an approved target) keeps its assessments to the signed-in.
    const [framework] = await api.sql<{ id: number }>(
      `insert into indicator_framework (code, name, kind, is_default) values (?, '事前评估测试框架', 'PROJECT', false) returning id`,
      [uniq('FW')],
    );
    await api.sql(
      `insert into performance_target (fiscal_division_code, kind, fiscal_year, project_id, department_id, framework_id, funds, status, created_at, updated_at)
       values (?, 'PROJECT', 2026, ?, ?, ?, 100.00, 'APPROVED', now(), now())`,
      [w.fd, Number(eduProject), Number(w.edu), framework!.id],
    );
    eduSelf = (await assess(w, { projectId: eduProject, stage: 'SELF' })).id;
    eduAudit = (await assess(w, { projectId: eduProject, stage: 'FINANCE_AUDIT' }, 'jkwReviewer')).id;
    civilSelf = (await assess(w, { projectId: civilProject, stage: 'SELF' }, 'civilOfficer')).id;
  });

  const visible: Array<[Who, string[]]> = [
    ['preparer', ['V1:SELF', 'V1:FINANCE_AUDIT']],
    ['officer', ['V1:SELF', 'V1:FINANCE_AUDIT']],
    ['civilOfficer', ['V2:SELF']],
    ['jkwReviewer', ['V1:SELF', 'V1:FINANCE_AUDIT']],
    ['shbReviewer', ['V2:SELF']],
    ['evaluator', ['V1:SELF', 'V1:FINANCE_AUDIT', 'V2:SELF']],
    ['perfAdmin', ['V1:SELF', 'V1:FINANCE_AUDIT', 'V2:SELF']],
    ['budgetOfficer', ['V1:SELF', 'V1:FINANCE_AUDIT', 'V2:SELF']],
    ['observer', ['V1:SELF', 'V1:FINANCE_AUDIT', 'V2:SELF']],
    ['integration', ['V1:SELF', 'V1:FINANCE_AUDIT', 'V2:SELF']],
    ['anonymous', []],
  ];

  it.each(visible)('%s sees %j in the list, its count, lookups and Project.exAnteAssessments', async (who, seen) => {
    const client = await w.as(who);
    const list = await client.ok<{
      exAnteAssessments: { totalCount: number; items: Array<{ stage: string; project: { code: string } }> };
    }>(LIST_EX_ANTE_STAGES, { filter: { fiscalDivisionCode: w.fd }, sort: [{ field: 'FISCAL_YEAR' }] });
    expect(list.exAnteAssessments.totalCount).toBe(seen.length);
    expect(list.exAnteAssessments.items.map((a) => `${a.project.code}:${a.stage}`).sort()).toEqual([...seen].sort());

    const ids: Record<string, string> = { 'V1:SELF': eduSelf, 'V1:FINANCE_AUDIT': eduAudit, 'V2:SELF': civilSelf };
    const lookups = await Promise.all(
      Object.entries(ids).map(async ([key, id]) => {
        const r = await client.gql<{ exAnteAssessment: { id: string } }>(GET_EX_ANTE, { id });
        return r.data?.exAnteAssessment ? key : `${key}:${codeOf(r)}`;
      }),
    );
    expect(lookups).toEqual(Object.keys(ids).map((key) => (seen.includes(key) ? key : `${key}:NOT_FOUND`)));
  });

  it('gives the public the project (approved target) but none of its assessments', async () => {
    const read = await api.ok<{ project: { code: string; exAnteAssessments: unknown[] } }>(
      'query($id: ID!) { project(id: $id) { code exAnteAssessments { id } } }',
      { id: eduProject },
    );
    expect(read.project).toEqual({ code: 'V1', exAnteAssessments: [] });
    const lookup = await api.gql(GET_EX_ANTE, { id: eduSelf });
    expect(lookup.errors?.[0]).toMatchObject({
      message: `ExAnteAssessment ${eduSelf} does not exist.`,
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('refuses ex-ante reads to a role without ReadProject (ANALYST)', async () => {
    const r = await (await w.as('analyst')).gql(LIST_EX_ANTE, { filter: { fiscalDivisionCode: w.fd } });
    expect(r.errors?.[0]).toMatchObject({
      message: 'Your role may not use exAnteAssessments.',
      extensions: { code: 'FORBIDDEN' },
    });
  });
});

describe('who records which stage', () => {
  it('lets only the department record its self-assessment, and only the bureau the finance audit and third party', async () => {
    const w = await world();
    const project = await createProject(w, { code: 'Z1', name: '阶段权限' });
    const input = (stage: string) => ({
      projectId: project,
      fiscalYear: 2026,
      stage,
      ...scores('18', '18', '18', '18', '18'),
    });
    const refusals: Array<[Who, string]> = [
      ['preparer', 'FINANCE_AUDIT'],
      ['officer', 'THIRD_PARTY'],
      ['jkwReviewer', 'SELF'],
      ['evaluator', 'SELF'],
    ];
    for (const [who, stage] of refusals) {
      const r = await (await w.as(who)).gql(CREATE_EX_ANTE, { input: input(stage) });
      expect([who, stage, r.errors?.[0]?.extensions]).toEqual([
        who,
        stage,
        { code: 'FORBIDDEN', field: 'ExAnteAssessment.stage', stage },
      ]);
    }
    expect(await countFor(project)).toBe(0);

    const self = await assess(w, { projectId: project, stage: 'SELF' }, 'officer');
    const audit = await assess(w, { projectId: project, stage: 'FINANCE_AUDIT' }, 'jkwReviewer');
    const third = await assess(w, { projectId: project, stage: 'THIRD_PARTY' }, 'evaluator');
    expect([self.stage, audit.stage, third.stage]).toEqual(['SELF', 'FINANCE_AUDIT', 'THIRD_PARTY']);

    // Changing or deleting another side's stage, or moving one's own to it, is refused as well; nothing changes.
    const preparer = await w.as('preparer');
    const reviewer = await w.as('jkwReviewer');
    const attempts: Array<[string, GqlResult<unknown>]> = [
      ['update audit', await preparer.gql(UPDATE_EX_ANTE, { id: audit.id, input: { summary: '部门改写' } })],
      ['delete audit', await preparer.gql(DELETE_EX_ANTE, { id: audit.id })],
      ['self → audit', await preparer.gql(UPDATE_EX_ANTE, { id: self.id, input: { stage: 'FINANCE_AUDIT' } })],
      ['update self', await reviewer.gql(UPDATE_EX_ANTE, { id: self.id, input: { summary: '处室改写' } })],
      ['delete self', await reviewer.gql(DELETE_EX_ANTE, { id: self.id })],
    ];
    expect(attempts.map(([what, r]) => [what, codeOf(r)])).toEqual(attempts.map(([what]) => [what, 'FORBIDDEN']));
    expect(await rowOf(self.id)).toEqual({ stage: 'SELF', total: '90.00', summary: null });
    expect(await rowOf(audit.id)).toEqual({ stage: 'FINANCE_AUDIT', total: '90.00', summary: null });
  });

  it('answers a project or assessment outside the caller’s scope as if it did not exist', async () => {
    const w = await world();
    const project = await createProject(w, { code: 'Z2', name: '范围外' });
    const self = await assess(w, { projectId: project, stage: 'SELF' });
    const audit = await assess(w, { projectId: project, stage: 'FINANCE_AUDIT' }, 'jkwReviewer');

    // Another department's and another division's reviewer: the project reads like one that does not exist.
    const civil = await (await w.as('civilOfficer')).gql(CREATE_EX_ANTE, {
      input: { projectId: project, fiscalYear: 2027, stage: 'SELF', ...scores('1', '1', '1', '1', '1') },
    });
    expect(civil.errors?.[0]).toMatchObject({
      message: `projectId "${project}" does not refer to an existing record.`,
      extensions: { code: 'INVALID_REFERENCE', field: 'projectId' },
    });
    const shb = await w.as('shbReviewer');
    const create = await shb.gql(CREATE_EX_ANTE, {
      input: { projectId: project, fiscalYear: 2027, stage: 'THIRD_PARTY', ...scores('1', '1', '1', '1', '1') },
    });
    expect(create.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_REFERENCE', field: 'projectId' });
    expect(await countFor(project)).toBe(2);

    const update = await shb.gql(UPDATE_EX_ANTE, { id: audit.id, input: { summary: '越权' } });
    expect(update.errors?.[0]).toMatchObject({
      message: `ExAnteAssessment ${audit.id} does not exist.`,
      extensions: { code: 'NOT_FOUND' },
    });
    expect(codeOf(await shb.gql(DELETE_EX_ANTE, { id: audit.id }))).toBe('NOT_FOUND');
    const civilOfficer = await w.as('civilOfficer');
    expect(codeOf(await civilOfficer.gql(UPDATE_EX_ANTE, { id: self.id, input: { summary: '越权' } }))).toBe(
      'NOT_FOUND',
    );
    expect(await rowOf(self.id)).toEqual({ stage: 'SELF', total: '90.00', summary: null });
    expect(await rowOf(audit.id)).toEqual({ stage: 'FINANCE_AUDIT', total: '90.00', summary: null });
  });

  it.each<Who>(['perfAdmin', 'budgetOfficer', 'observer', 'integration', 'analyst'])(
    '%s may not record assessments (FORBIDDEN), and anonymous callers must sign in',
    async (who) => {
      const w = await world();
      const project = await createProject(w, { code: 'Z3', name: '无评估权限' });
      const input = { projectId: project, fiscalYear: 2026, stage: 'THIRD_PARTY', ...scores('1', '1', '1', '1', '1') };
      const r = await (await w.as(who)).gql(CREATE_EX_ANTE, { input });
      expect(r.errors?.[0]).toMatchObject({
        message: 'Your role may not use createExAnteAssessment.',
        extensions: { code: 'FORBIDDEN' },
      });
      const anonymous = await api.gql(CREATE_EX_ANTE, { input });
      expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
      expect(await countFor(project)).toBe(0);
    },
  );
});

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
const GET_EX_ANTE = `query($id: ID!) { exAnteAssessment(id: $id) { id totalScore project { code } } }`;
const LIST_EX_ANTE = `query($filter: ExAnteAssessmentFilter, $sort: [ExAnteAssessmentSort!]) {
  exAnteAssessments(filter: $filter, sort: $sort) { totalCount items { totalScore project { code } } }
}`;
const LIST_EX_ANTE_STAGES = `query($filter: ExAnteAssessmentFilter, $sort: [ExAnteAssessmentSort!]) {
  exAnteAssessments(filter: $filter, sort: $sort) { totalCount items { stage project { code } } }
}`;
const PROJECT_ASSESSMENTS = `query($id: ID!) { project(id: $id) { exAnteAssessments { stage totalScore } } }`;
