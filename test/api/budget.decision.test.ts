import { Role } from '../../server/modules/identity';
import { type Client, type GqlResult, startApi, type TestApi, uniq } from '../helpers/api';
import { createFiscalDivision, createUser } from '../helpers/users';
import { insertId, signIn } from '../helpers/world';

/**
 * The budget decision (预算安排): the budget officer applies the review grade and the ex-ante conclusion to a
 * project's money. Each test arranges its own project, budget, target and assessments with SQL (the review workflow
 * that brings a target to READY_FOR_BUDGET or BLOCKED is tested on its own) and decides through GraphQL.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

const YEAR = 2027;

interface World {
  fd: string;
  dept: number;
  framework: number;
  budgetOfficer: Client;
  perfAdmin: Client;
  preparer: Client;
  expenditure: Client;
  foreignOfficer: Client;
}

let w: World;

const id = async (sql: string, params: unknown[]): Promise<number> => Number(await insertId(api, sql, params));

beforeAll(async () => {
  const fd = await createFiscalDivision(api, '预算安排测试市');
  const elsewhere = await createFiscalDivision(api, '预算安排外市');
  const division = await id(
    `insert into finance_division (fiscal_division_code, code, name, kind, created_at, updated_at)
     values (?, ?, '社会保障处', 'EXPENDITURE', now(), now())`,
    [fd, uniq('FD')],
  );
  const dept = await id(
    `insert into department (fiscal_division_code, code, name, kind, managing_division_id, created_at, updated_at)
     values (?, ?, '预算安排测试局', 'ADMINISTRATIVE', ?, now(), now())`,
    [fd, uniq('D'), division],
  );
  const framework = await id(
    `insert into indicator_framework (code, name, kind, is_default) values (?, '预算安排测试框架', 'PROJECT', false)`,
    [uniq('FW')],
  );
  const client = (roles: Role[], scope: { departmentId?: number; financeDivisionId?: number } = {}, code = fd) =>
    signIn(api, roles, code, scope);
  w = {
    fd,
    dept,
    framework,
    budgetOfficer: await client([Role.BUDGET_OFFICER]),
    perfAdmin: await client([Role.PERFORMANCE_ADMIN]),
    preparer: await client([Role.UNIT_PREPARER], { departmentId: dept }),
    expenditure: await client([Role.EXPENDITURE_REVIEWER], { financeDivisionId: division }),
    foreignOfficer: await client([Role.BUDGET_OFFICER], {}, elsewhere),
  };
});

interface CaseSpec {
  attribute?: 'NEW' | 'CONTINUING';
  majorPolicy?: boolean;
  specialFund?: boolean;
  status?: string;
  grade?: string | null;
  submitToCongress?: boolean;
  requested?: string;
  /** Ex-ante assessments present for the year: stage → conclusion. */
  exAnte?: Partial<
    Record<'SELF' | 'FINANCE_AUDIT' | 'THIRD_PARTY', 'SUPPORT' | 'SUPPORT_AFTER_REVISION' | 'NOT_SUPPORT'>
  >;
}

interface Case {
  project: number;
  budget: number;
  target: number;
}

/** A project with a budget row and a target for YEAR, in the given state. */
async function arrange(spec: CaseSpec = {}): Promise<Case> {
  const project = await id(
    `insert into project (fiscal_division_code, code, name, department_id, attribute, start_year, budget_type,
       major_policy, special_fund, transfer_payment, phase, created_at, updated_at, version)
     values (?, ?, ?, ?, ?, ?, 'GENERAL_PUBLIC', ?, ?, false, 'ADMITTED', now(), now(), 1)`,
    [
      w.fd,
      uniq('P'),
      `预算安排测试项目${uniq()}`,
      w.dept,
      spec.attribute ?? 'CONTINUING',
      YEAR,
      spec.majorPolicy ?? false,
      spec.specialFund ?? false,
    ],
  );
  const budget = await id(
    `insert into project_budget (fiscal_division_code, project_id, fiscal_year, requested, audited, created_at,
       updated_at, version)
     values (?, ?, ?, ?, ?, now(), now(), 1)`,
    [w.fd, project, YEAR, spec.requested ?? '1000000.00', spec.requested ?? '1000000.00'],
  );
  const target = await id(
    `insert into performance_target (fiscal_division_code, kind, fiscal_year, project_id, department_id, framework_id,
       overall_goal, annual_goal, funds, status, grade, review_round, submit_to_congress, submitted_at, created_at,
       updated_at, version)
     values (?, 'PROJECT', ?, ?, ?, ?, '总体目标', '年度目标', ?, ?, ?, 1, ?, now(), now(), now(), 1)`,
    [
      w.fd,
      YEAR,
      project,
      w.dept,
      w.framework,
      spec.requested ?? '1000000.00',
      spec.status ?? 'READY_FOR_BUDGET',
      spec.grade === undefined ? 'EXCELLENT' : spec.grade,
      spec.submitToCongress ?? false,
    ],
  );
  for (const [stage, conclusion] of Object.entries(spec.exAnte ?? {})) {
    const total = conclusion === 'SUPPORT' ? '92.00' : conclusion === 'SUPPORT_AFTER_REVISION' ? '80.00' : '60.00';
    const each = (Number(total) / 5).toFixed(2);
    await api.sql(
      `insert into ex_ante_assessment (fiscal_division_code, project_id, fiscal_year, stage, necessity_score,
         economy_score, target_reasonableness_score, feasibility_score, funding_compliance_score, total_score,
         conclusion, assessed_at, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now(), now())`,
      [w.fd, project, YEAR, stage, each, each, each, each, each, total, conclusion],
    );
  }
  return { project, budget, target };
}

const DECIDE = `mutation($input: DecideProjectBudgetInput!) {
  decideProjectBudget(input: $input) {
    targetId targetStatus targetVersion submitToCongress
    budget { id requested approved cut decision decisionReason version mergedInto { id } }
  }
}`;

interface Decided {
  decideProjectBudget: {
    targetId: string;
    targetStatus: string;
    targetVersion: number;
    submitToCongress: boolean;
    budget: {
      id: string;
      requested: string;
      approved: string | null;
      cut: string | null;
      decision: string | null;
      decisionReason: string | null;
      version: number;
      mergedInto: { id: string } | null;
    };
  };
}

function decide(
  c: Case,
  input: { decision: string; approved?: string; mergedIntoProjectId?: string; reason?: string; version?: number },
  who: Client = w.budgetOfficer,
): Promise<GqlResult<Decided>> {
  return who.gql<Decided>(DECIDE, {
    input: { targetId: String(c.target), version: 1, reason: '经集中会审，按评审结果安排', ...input },
  });
}

const codeOf = (r: GqlResult<unknown>) => r.errors?.[0]?.extensions?.code;

async function state(c: Case) {
  const [target] = await api.sql<{
    status: string;
    approvedAt: Date | null;
    version: number;
    submitToCongress: boolean;
  }>(
    `select status, approved_at as "approvedAt", version, submit_to_congress as "submitToCongress"
       from performance_target where id = ?`,
    [c.target],
  );
  const [budget] = await api.sql<{
    approved: string | null;
    decision: string | null;
    reason: string | null;
    mergedInto: number | null;
    version: number;
  }>(
    `select approved::text as approved, decision, decision_reason as reason, merged_into_id as "mergedInto", version
       from project_budget where id = ?`,
    [c.budget],
  );
  const [project] = await api.sql<{ phase: string }>('select phase from project where id = ?', [c.project]);
  const [counts] = await api.sql<{ audits: string; events: string }>(
    `select (select count(*) from audit_entry where fiscal_division_code = ? and
              ((subject_type = 'PerformanceTarget' and subject_id = ?) or (subject_type = 'ProjectBudget' and subject_id = ?)
               or (subject_type = 'Project' and subject_id = ?))) as audits,
            (select count(*) from review_event where target_id = ?) as events`,
    [w.fd, String(c.target), String(c.budget), String(c.project), c.target],
  );
  return {
    target: target!,
    budget: budget!,
    phase: project!.phase,
    audits: Number(counts!.audits),
    events: Number(counts!.events),
  };
}

/** Nothing was written: target, budget and project as arranged, no audit entry, no review event. */
async function expectUntouched(c: Case, status = 'READY_FOR_BUDGET') {
  const s = await state(c);
  expect(s.target).toMatchObject({ status, approvedAt: null, version: 1 });
  expect(s.budget).toMatchObject({ approved: null, decision: null, reason: null, mergedInto: null, version: 1 });
  expect(s.phase).toBe('ADMITTED');
  expect(s.audits).toBe(0);
  expect(s.events).toBe(0);
}

describe('arranging the money: FULL, REDUCED, MERGED', () => {
  it('FULL approves the requested amount, approves the target with the budget and budgets the project', async () => {
    const c = await arrange({ submitToCongress: true, requested: '1234567.89' });
    const r = await decide(c, { decision: 'FULL', reason: '优，全额安排' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.decideProjectBudget).toEqual({
      targetId: String(c.target),
      targetStatus: 'APPROVED',
      targetVersion: 2,
      submitToCongress: true,
      budget: {
        id: String(c.budget),
        requested: '1234567.89',
        approved: '1234567.89',
        cut: '0.00',
        decision: 'FULL',
        decisionReason: '优，全额安排',
        version: 2,
        mergedInto: null,
      },
    });
    const s = await state(c);
    expect(s.target.status).toBe('APPROVED');
    expect(s.target.approvedAt).not.toBeNull();
    expect(s.target.submitToCongress).toBe(true);
    expect(s.phase).toBe('BUDGETED');

    const audits = await api.sql<{
      subjectType: string;
      action: string;
      actorRoles: string;
      changes: Record<string, unknown>;
    }>(
      `select subject_type as "subjectType", action, actor_roles as "actorRoles", changes from audit_entry
        where fiscal_division_code = ? and ((subject_type = 'PerformanceTarget' and subject_id = ?)
           or (subject_type = 'ProjectBudget' and subject_id = ?) or (subject_type = 'Project' and subject_id = ?))
        order by id`,
      [w.fd, String(c.target), String(c.budget), String(c.project)],
    );
    expect(audits.map((a) => a.subjectType).sort()).toEqual(['PerformanceTarget', 'Project', 'ProjectBudget']);
    expect(audits.every((a) => a.action === 'DECIDE_BUDGET' && a.actorRoles === 'BUDGET_OFFICER')).toBe(true);
    expect(audits.find((a) => a.subjectType === 'ProjectBudget')!.changes).toMatchObject({
      approved: { before: null, after: '1234567.89' },
      decision: { before: null, after: 'FULL' },
    });
    expect(audits.find((a) => a.subjectType === 'PerformanceTarget')!.changes).toMatchObject({
      status: { before: 'READY_FOR_BUDGET', after: 'APPROVED' },
    });
    const events = await api.sql<Record<string, unknown>>(
      `select type, subject_type as "subjectType", from_state as "fromState", to_state as "toState", project_id as "projectId",
              department_id as "departmentId", payload
         from review_event where target_id = ?`,
      [c.target],
    );
    expect(events).toEqual([
      {
        type: 'BUDGET_DECIDED',
        subjectType: 'PerformanceTarget',
        fromState: 'READY_FOR_BUDGET',
        toState: 'APPROVED',
        projectId: c.project,
        departmentId: w.dept,
        payload: expect.objectContaining({ decision: 'FULL', approved: '1234567.89', cut: '0.00' }),
      },
    ]);

    // The target's history shows the decision to the bureau.
    const history = await w.perfAdmin.ok<{ history: Array<{ action: string; actorRoles: string[] }> }>(
      `query($id: ID!) { history(type: "PerformanceTarget", id: $id) { action actorRoles } }`,
      { id: String(c.target) },
    );
    expect(history.history).toEqual([{ action: 'DECIDE_BUDGET', actorRoles: ['BUDGET_OFFICER'] }]);
  });

  it('FULL refuses an approved amount other than the request', async () => {
    const c = await arrange();
    const r = await decide(c, { decision: 'FULL', approved: '999999.99' });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toContain('1000000.00');
    await expectUntouched(c);
  });

  it('REDUCED approves the given amount, the cut exact to the fen', async () => {
    const c = await arrange({ grade: 'GOOD' });
    const r = await decide(c, { decision: 'REDUCED', approved: '750000.51', reason: '核减非必要支出' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.decideProjectBudget).toMatchObject({
      targetStatus: 'APPROVED',
      submitToCongress: false,
      budget: { approved: '750000.51', cut: '249999.49', decision: 'REDUCED', decisionReason: '核减非必要支出' },
    });
    const s = await state(c);
    expect(s.budget).toMatchObject({ approved: '750000.51', decision: 'REDUCED' });
    expect(s.target.status).toBe('APPROVED');
    expect(s.phase).toBe('BUDGETED');
  });

  it.each([
    ['the whole request', '1000000.00'],
    ['more than requested', '1000000.01'],
    ['nothing', '0'],
    ['no amount', undefined],
  ])('REDUCED refuses %s', async (_label, approved) => {
    const c = await arrange();
    const r = await decide(c, { decision: 'REDUCED', ...(approved === undefined ? {} : { approved }) });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    await expectUntouched(c);
  });

  it('MERGED approves nothing here and names the project that takes the money over', async () => {
    const into = await arrange();
    const c = await arrange();
    const r = await decide(c, {
      decision: 'MERGED',
      mergedIntoProjectId: String(into.project),
      reason: '并入同类项目',
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.decideProjectBudget).toMatchObject({
      targetStatus: 'APPROVED',
      budget: { approved: '0.00', cut: '1000000.00', decision: 'MERGED', mergedInto: { id: String(into.project) } },
    });
    const s = await state(c);
    expect(s.budget).toMatchObject({ approved: '0.00', decision: 'MERGED', mergedInto: into.project });
    expect(s.phase).toBe('BUDGETED');
  });

  it('MERGED needs a project to merge into, not itself; other decisions take none', async () => {
    const c = await arrange();
    expect(codeOf(await decide(c, { decision: 'MERGED' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await decide(c, { decision: 'MERGED', mergedIntoProjectId: String(c.project) }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await decide(c, { decision: 'MERGED', mergedIntoProjectId: '99999999' }))).toBe('INVALID_REFERENCE');
    expect(codeOf(await decide(c, { decision: 'FULL', mergedIntoProjectId: String(c.project) }))).toBe(
      'BAD_USER_INPUT',
    );
    await expectUntouched(c);
  });

  it('needs a reason', async () => {
    const c = await arrange();
    const r = await decide(c, { decision: 'FULL', reason: '   ' });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    await expectUntouched(c);
  });
});

describe('deferring and cancelling', () => {
  it.each(['DEFERRED', 'CANCELLED'])('%s approves nothing and leaves the target BLOCKED', async (decision) => {
    const c = await arrange({ grade: 'GOOD' });
    const r = await decide(c, { decision, reason: '项目尚不具备实施条件' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.decideProjectBudget).toMatchObject({
      targetStatus: 'BLOCKED',
      targetVersion: 2,
      budget: { approved: '0.00', cut: '1000000.00', decision },
    });
    const s = await state(c);
    expect(s.target).toMatchObject({ status: 'BLOCKED', approvedAt: null });
    expect(s.phase).toBe('ADMITTED');
    const [event] = await api.sql<{ fromState: string; toState: string; payload: { decision: string } }>(
      'select from_state as "fromState", to_state as "toState", payload from review_event where target_id = ?',
      [c.target],
    );
    expect(event).toMatchObject({ fromState: 'READY_FOR_BUDGET', toState: 'BLOCKED', payload: { decision } });
  });

  it('refuses an approved amount for a deferral', async () => {
    const c = await arrange();
    expect(codeOf(await decide(c, { decision: 'DEFERRED', approved: '1.00' }))).toBe('BAD_USER_INPUT');
    await expectUntouched(c);
  });
});

describe('the article’s rules: what blocks budget arrangement', () => {
  it('a BLOCKED target (graded 差) may only be deferred or cancelled', async () => {
    for (const decision of ['FULL', 'REDUCED', 'MERGED']) {
      const c = await arrange({ status: 'BLOCKED', grade: 'POOR' });
      const into = decision === 'MERGED' ? await arrange() : null;
      const r = await decide(c, {
        decision,
        ...(decision === 'REDUCED' ? { approved: '500000.00' } : {}),
        ...(into ? { mergedIntoProjectId: String(into.project) } : {}),
      });
      expect(codeOf(r)).toBe('BUDGET_BLOCKED');
      expect(r.errors?.[0]?.message).toContain('差');
      expect(r.errors?.[0]?.extensions).toMatchObject({ allowedDecisions: ['DEFERRED', 'CANCELLED'] });
      await expectUntouched(c, 'BLOCKED');
    }
    const c = await arrange({ status: 'BLOCKED', grade: 'POOR' });
    const r = await decide(c, { decision: 'CANCELLED', reason: '评审等级为差，不予安排' });
    expect(r.data?.decideProjectBudget).toMatchObject({ targetStatus: 'BLOCKED', budget: { decision: 'CANCELLED' } });
    const [event] = await api.sql<{ fromState: string; toState: string }>(
      'select from_state as "fromState", to_state as "toState" from review_event where target_id = ?',
      [c.target],
    );
    expect(event).toEqual({ fromState: 'BLOCKED', toState: 'BLOCKED' });
  });

  it('a target BLOCKED for a missing ex-ante assessment says so', async () => {
    const c = await arrange({ status: 'BLOCKED', attribute: 'NEW', specialFund: true });
    const r = await decide(c, { decision: 'FULL' });
    expect(codeOf(r)).toBe('BUDGET_BLOCKED');
    expect(r.errors?.[0]?.message).toContain('without an ex-ante assessment');
    await expectUntouched(c, 'BLOCKED');
    expect(codeOf(await decide(c, { decision: 'DEFERRED' }))).toBeUndefined();
  });

  it('a new major policy without an ex-ante assessment is refused arrangement even when READY_FOR_BUDGET', async () => {
    const c = await arrange({ attribute: 'NEW', majorPolicy: true });
    const r = await decide(c, { decision: 'FULL' });
    expect(codeOf(r)).toBe('BUDGET_BLOCKED');
    expect(r.errors?.[0]?.message).toContain('without an ex-ante assessment');
    await expectUntouched(c);
    const deferred = await decide(c, { decision: 'DEFERRED', reason: '待补充事前绩效评估' });
    expect(deferred.data?.decideProjectBudget.targetStatus).toBe('BLOCKED');
  });

  it('a "not support" ex-ante conclusion blocks arrangement; the most authoritative stage counts', async () => {
    const notSupported = await arrange({
      attribute: 'NEW',
      specialFund: true,
      exAnte: { SELF: 'SUPPORT', FINANCE_AUDIT: 'NOT_SUPPORT' },
    });
    const r = await decide(notSupported, { decision: 'REDUCED', approved: '100.00' });
    expect(codeOf(r)).toBe('BUDGET_BLOCKED');
    expect(r.errors?.[0]?.message).toContain('NOT_SUPPORT');
    await expectUntouched(notSupported);

    // The third-party assessment outranks the finance audit, which outranks the self-assessment.
    const overruled = await arrange({
      attribute: 'NEW',
      specialFund: true,
      exAnte: { SELF: 'NOT_SUPPORT', FINANCE_AUDIT: 'NOT_SUPPORT', THIRD_PARTY: 'SUPPORT_AFTER_REVISION' },
    });
    expect((await decide(overruled, { decision: 'FULL' })).data?.decideProjectBudget.targetStatus).toBe('APPROVED');
  });

  it('an ex-ante assessment is not needed by continuing projects or new ordinary ones', async () => {
    for (const spec of [
      { attribute: 'CONTINUING', majorPolicy: true },
      { attribute: 'NEW', majorPolicy: false, specialFund: false },
    ] as CaseSpec[]) {
      const c = await arrange(spec);
      expect((await decide(c, { decision: 'FULL' })).data?.decideProjectBudget.targetStatus).toBe('APPROVED');
    }
  });

  it('a supported new special fund graded 优 goes to the People’s Congress as the grading flagged it', async () => {
    const c = await arrange({
      attribute: 'NEW',
      specialFund: true,
      submitToCongress: true,
      exAnte: { SELF: 'SUPPORT' },
    });
    const r = await decide(c, { decision: 'FULL' });
    expect(r.data?.decideProjectBudget).toMatchObject({ targetStatus: 'APPROVED', submitToCongress: true });
  });
});

describe('refusals', () => {
  it.each(['DRAFT', 'JOINT_REVIEW', 'GRADED'])('a %s target is INVALID_TRANSITION naming the state', async (status) => {
    const c = await arrange({ status, grade: null });
    const r = await decide(c, { decision: 'FULL' });
    expect(codeOf(r)).toBe('INVALID_TRANSITION');
    expect(r.errors?.[0]?.message).toContain(status);
    expect(r.errors?.[0]?.extensions).toMatchObject({ currentState: status });
    await expectUntouched(c, status);
  });

  it('a decided (APPROVED) target cannot be decided again', async () => {
    const c = await arrange();
    const first = await decide(c, { decision: 'FULL' });
    const again = await decide(c, {
      decision: 'CANCELLED',
      version: first.data!.decideProjectBudget.targetVersion,
    });
    expect(codeOf(again)).toBe('INVALID_TRANSITION');
    expect(again.errors?.[0]?.message).toContain('APPROVED');
  });

  it.each([
    ['the performance division', () => w.perfAdmin],
    ['a department preparer', () => w.preparer],
    ['an expenditure reviewer', () => w.expenditure],
  ])('%s may not decide budgets (FORBIDDEN)', async (_label, who) => {
    const c = await arrange();
    const r = await decide(c, { decision: 'FULL' }, who());
    expect(codeOf(r)).toBe('FORBIDDEN');
    await expectUntouched(c);
  });

  it('anonymous callers are UNAUTHENTICATED; another division’s budget officer does not see the target', async () => {
    const c = await arrange();
    expect(codeOf(await decide(c, { decision: 'FULL' }, api))).toBe('UNAUTHENTICATED');
    expect(codeOf(await decide(c, { decision: 'FULL' }, w.foreignOfficer))).toBe('NOT_FOUND');
    await expectUntouched(c);
  });

  it('a stale version is CONFLICT and changes nothing', async () => {
    const c = await arrange();
    await api.sql('update performance_target set version = 2 where id = ?', [c.target]);
    const r = await decide(c, { decision: 'FULL', version: 1 });
    expect(codeOf(r)).toBe('CONFLICT');
    const s = await state(c);
    expect(s.budget).toMatchObject({ approved: null, decision: null, version: 1 });
    expect(s.target.status).toBe('READY_FOR_BUDGET');
    expect(s.audits + s.events).toBe(0);
  });

  it('of two decisions fired at once on the same version, exactly one succeeds', async () => {
    const c = await arrange();
    const results = await Promise.all([
      decide(c, { decision: 'FULL' }),
      decide(c, { decision: 'REDUCED', approved: '10.00' }),
      decide(c, { decision: 'CANCELLED' }),
    ]);
    const succeeded = results.filter((r) => !r.errors);
    expect(succeeded).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) {
      expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(codeOf(r));
    }
    const s = await state(c);
    expect(s.events).toBe(1);
    expect(s.budget.decision).toBe(succeeded[0]!.data!.decideProjectBudget.budget.decision);
  });

  it('a project without a budget row for the year is refused', async () => {
    const c = await arrange();
    await api.sql('delete from project_budget where id = ?', [c.budget]);
    const r = await decide(c, { decision: 'FULL' });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toContain(String(YEAR));
  });
});

describe('configurable ex-ante thresholds reach the service', () => {
  it('EXANTE_SUPPORT_MIN=95 makes a total of 92 SUPPORT_AFTER_REVISION', async () => {
    const strict = await startApi({ env: { EXANTE_SUPPORT_MIN: '95', EXANTE_REVISION_MIN: '75' } });
    try {
      const c = await arrange({ attribute: 'NEW', majorPolicy: true });
      const officer = await createUser(strict, {
        roles: [Role.DEPARTMENT_OFFICER],
        fiscalDivisionCode: w.fd,
        departmentId: w.dept,
      });
      const create = `mutation($input: CreateExAnteAssessmentInput!) { createExAnteAssessment(input: $input) { totalScore conclusion } }`;
      const input = (stage: string, score: string) => ({
        projectId: String(c.project),
        fiscalYear: YEAR,
        stage,
        necessityScore: score,
        economyScore: score,
        targetReasonablenessScore: score,
        feasibilityScore: score,
        fundingComplianceScore: score,
      });
      const r = await strict
        .as(officer.token)
        .ok<{ createExAnteAssessment: { totalScore: string; conclusion: string } }>(create, {
          input: input('SELF', '18.4'),
        });
      expect(r.createExAnteAssessment).toEqual({ totalScore: '92.00', conclusion: 'SUPPORT_AFTER_REVISION' });
      // The same total under the defaults (the shared test API) is SUPPORT.
      const other = await arrange({ attribute: 'NEW', majorPolicy: true });
      const d = await api.as(officer.token).ok<{ createExAnteAssessment: { conclusion: string } }>(create, {
        input: { ...input('SELF', '18.4'), projectId: String(other.project) },
      });
      expect(d.createExAnteAssessment.conclusion).toBe('SUPPORT');
    } finally {
      await strict.stop();
    }
  });
});
