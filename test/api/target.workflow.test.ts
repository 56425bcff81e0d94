import { Role } from '../../server/modules/identity';
import { type Client, type GqlError, startApi, type TestApi } from '../helpers/api';
import {
  as,
  buildWorld,
  insertIndicator,
  insertProject,
  newFinanceDivision,
  releaseDefaults,
  userOf,
  type World,
} from '../helpers/targetFixtures';

/** A fiscal year no other data uses: the world's default frameworks start in it. */
const YEAR = 2091;

let api: TestApi;
let w: World;
let preparer: Client;
let officer: Client;
let expenditure: Client;
let evaluation: Client;
let bureau: Client;
let observer: Client;
let strangerReviewer: Client;

beforeAll(async () => {
  api = await startApi();
  w = await buildWorld(api, YEAR);
  preparer = as(api, w.users.preparer);
  bureau = as(api, w.users.bureau);
  officer = as(api, await userOf(api, w, Role.DEPARTMENT_OFFICER, { departmentId: w.parentDept }));
  expenditure = as(api, await userOf(api, w, Role.EXPENDITURE_REVIEWER, { financeDivisionId: w.expenditureDivision }));
  evaluation = as(api, await userOf(api, w, Role.EVALUATION_REVIEWER));
  observer = as(api, await userOf(api, w, Role.OBSERVER));
  const otherDivision = await newFinanceDivision(api, w.city, '农业农村处');
  strangerReviewer = as(api, await userOf(api, w, Role.EXPENDITURE_REVIEWER, { financeDivisionId: otherDivision }));
});
afterAll(async () => {
  await releaseDefaults(api, w);
  await api.stop();
});

interface Target {
  id: string;
  status: string;
  version: number;
  grade: string | null;
  reviewRound: number;
  submitToCongress: boolean;
}

/** A project with a budget request, and its draft target with two quantitative rows that pass the pre-check. */
async function draftTarget(
  options: { funds?: string; requested?: string; rows?: 'good' | 'none'; transferPayment?: boolean } = {},
) {
  const projectId = await insertProject(api, w, {
    departmentId: w.parentDept,
    transferPayment: options.transferPayment ?? false,
  });
  await api.sql(
    `insert into project_budget (fiscal_division_code, project_id, fiscal_year, requested, created_at, updated_at)
     values (?, ?, ?, ?, now(), now())`,
    [w.city, projectId, YEAR, options.requested ?? '500000.00'],
  );
  const { createPerformanceTarget: t } = await preparer.ok<{ createPerformanceTarget: Target }>(CREATE_TARGET, {
    input: {
      kind: 'PROJECT',
      projectId,
      fiscalYear: YEAR,
      funds: options.funds ?? '500000.00',
      overallGoal: '提升基层社会救助人员业务能力',
      annualGoal: '全年培训 6.2 万人次，合格率不低于 95%',
    },
  });
  const rowIds: string[] = [];
  if (options.rows !== 'none') {
    for (const [indicatorId, value] of [
      [w.library.trainees, '62000'],
      [w.library.passRate, '95'],
    ] as const) {
      const { addTargetIndicator } = await preparer.ok<{ addTargetIndicator: { id: string } }>(ADD_ROW, {
        input: { targetId: t.id, indicatorId: String(indicatorId), comparator: 'GE', targetValue: value },
      });
      rowIds.push(addTargetIndicator.id);
    }
  }
  return { ...(await current(t.id)), projectId, rowIds };
}

async function current(id: string): Promise<Target> {
  const { performanceTarget } = await bureau.ok<{ performanceTarget: Target }>(GET_TARGET, { id });
  return performanceTarget;
}

async function submit(t: Target): Promise<Target> {
  const { submitPerformanceTarget } = await preparer.ok<{ submitPerformanceTarget: { target: Target } }>(SUBMIT, {
    targetId: t.id,
    version: t.version,
  });
  return submitPerformanceTarget.target;
}

async function review(client: Client, t: Target, decision: 'PASS' | 'RETURN', extra: Record<string, unknown> = {}) {
  const { reviewPerformanceTarget } = await client.ok<{ reviewPerformanceTarget: Target }>(REVIEW, {
    input: { targetId: t.id, version: t.version, decision, ...extra },
  });
  return reviewPerformanceTarget;
}

const scores = (each: number, compliance = true) => ({
  compliance,
  relevance: each,
  completeness: each,
  feasibility: each,
  soundness: each,
  appropriateness: each,
});

async function grade(t: Target, each: number, compliance = true): Promise<Target> {
  const { gradePerformanceTarget } = await bureau.ok<{ gradePerformanceTarget: Target }>(GRADE, {
    input: { targetId: t.id, version: t.version, scores: scores(each, compliance), feedback: '会审意见' },
  });
  return gradePerformanceTarget;
}

/** Takes a fresh target up to the joint review. */
async function toJointReview(): Promise<Target & { projectId: string }> {
  const d = await draftTarget();
  let t = await submit(d);
  t = await review(officer, t, 'PASS');
  t = await review(expenditure, t, 'PASS');
  t = await review(evaluation, t, 'PASS');
  t = await review(bureau, t, 'PASS');
  expect(t.status).toBe('JOINT_REVIEW');
  return { ...t, projectId: d.projectId };
}

async function refusal(client: Client, query: string, variables: Record<string, unknown>): Promise<GqlError> {
  const r = await client.gql(query, variables);
  expect(r.errors).toHaveLength(1);
  return r.errors?.[0] as GqlError;
}

async function trailCounts(targetId: string): Promise<{ audit: number; events: number; reviews: number }> {
  const [r] = await api.sql<{ audit: string; events: string; reviews: string }>(
    `select (select count(*) from audit_entry where subject_type = 'PerformanceTarget' and subject_id = ?) as audit,
            (select count(*) from review_event where target_id = ?) as events,
            (select count(*) from target_review where target_id = ?) as reviews`,
    [targetId, Number(targetId), Number(targetId)],
  );
  return { audit: Number(r?.audit), events: Number(r?.events), reviews: Number(r?.reviews) };
}

describe('the target lifecycle, end to end', () => {
  it('takes a target from DRAFT through every stage to READY_FOR_BUDGET, signing in as each role', async () => {
    const d = await draftTarget();
    expect(d.status).toBe('DRAFT');

    const submitted = await preparer.ok<{
      submitPerformanceTarget: { target: Target; warnings: { code: string }[] };
    }>(SUBMIT, { targetId: d.id, version: d.version });
    let t = submitted.submitPerformanceTarget.target;
    expect(t.status).toBe('DEPARTMENT_REVIEW');
    expect(submitted.submitPerformanceTarget.warnings).toEqual([]);

    t = await review(officer, t, 'PASS', { feedback: '部门自审通过' });
    expect(t.status).toBe('INITIAL_REVIEW');
    const actionsOf = async (client: Client) =>
      (await client.ok<{ performanceTarget: { allowedActions: string[] } }>(ACTIONS, { id: t.id })).performanceTarget
        .allowedActions;
    expect(await actionsOf(expenditure)).toEqual(['PASS', 'RETURN']);
    expect(await actionsOf(evaluation)).toEqual(['PASS', 'RETURN']);
    t = await review(expenditure, t, 'PASS');
    expect(t.status).toBe('INITIAL_REVIEW');
    // The expenditure division's half has passed: only the evaluation center has a step left in this round.
    expect(await actionsOf(expenditure)).toEqual([]);
    expect(await actionsOf(evaluation)).toEqual(['PASS', 'RETURN']);
    t = await review(evaluation, t, 'PASS', { internalNote: '指标较完整' });
    expect(t.status).toBe('RECHECK');
    const seen = await bureau.ok<{ performanceTarget: { allowedActions: string[] } }>(ACTIONS, { id: t.id });
    expect(seen.performanceTarget.allowedActions).toEqual(['PASS', 'RETURN']);
    const byPreparer = await preparer.ok<{ performanceTarget: { allowedActions: string[] } }>(ACTIONS, { id: t.id });
    expect(byPreparer.performanceTarget.allowedActions).toEqual([]);
    t = await review(bureau, t, 'PASS');
    expect(t.status).toBe('JOINT_REVIEW');

    const commented = await observer.ok<{ commentJointReview: Target }>(COMMENT, {
      targetId: t.id,
      comment: '建议细化满意度指标',
    });
    expect(commented.commentJointReview.status).toBe('JOINT_REVIEW');

    t = await grade(t, 17); // 85: 良
    expect(t).toMatchObject({ status: 'GRADED', grade: 'GOOD', submitToCongress: false });
    const { refinePerformanceTarget } = await bureau.ok<{ refinePerformanceTarget: Target }>(REFINE, {
      targetId: t.id,
      version: t.version,
    });
    expect(refinePerformanceTarget).toMatchObject({ status: 'READY_FOR_BUDGET', grade: 'GOOD', reviewRound: 0 });

    const reviews = await api.sql<{ stage: string; decision: string; round: number }>(
      'select stage, decision, round from target_review where target_id = ? order by id',
      [Number(t.id)],
    );
    expect(reviews.map((r) => `${r.stage}:${r.decision}`)).toEqual([
      'DEPARTMENT:PASS',
      'INITIAL_EXPENDITURE:PASS',
      'INITIAL_EVALUATION:PASS',
      'RECHECK:PASS',
      'JOINT:PASS',
      'JOINT:PASS',
      'JOINT:PASS',
    ]);
    const events = await api.sql<{ type: string; from_state: string; to_state: string }>(
      'select type, from_state, to_state from review_event where target_id = ? order by position',
      [Number(t.id)],
    );
    expect(events.map((e) => `${e.type} ${e.from_state}->${e.to_state}`)).toEqual([
      'TARGET_SUBMITTED DRAFT->DEPARTMENT_REVIEW',
      'TARGET_PASSED DEPARTMENT_REVIEW->INITIAL_REVIEW',
      'TARGET_PASSED INITIAL_REVIEW->INITIAL_REVIEW',
      'TARGET_PASSED INITIAL_REVIEW->RECHECK',
      'TARGET_PASSED RECHECK->JOINT_REVIEW',
      'TARGET_COMMENTED JOINT_REVIEW->JOINT_REVIEW',
      'TARGET_GRADED JOINT_REVIEW->GRADED',
      'TARGET_REFINED GRADED->READY_FOR_BUDGET',
    ]);

    const { history } = await preparer.ok<{
      history: { action: string; actorLogin: string; changes: { field: string; before: string; after: string }[] }[];
    }>(HISTORY, { id: t.id });
    const steps = history.filter((h) => h.changes.some((c) => c.field === 'status'));
    expect(
      steps.map((h) => {
        const s = h.changes.find((c) => c.field === 'status');
        return `${h.action} ${s?.before}->${s?.after}`;
      }),
    ).toEqual([
      'SUBMIT "DRAFT"->"DEPARTMENT_REVIEW"',
      'DEPARTMENT_PASS "DEPARTMENT_REVIEW"->"INITIAL_REVIEW"',
      'INITIAL_EVALUATION_PASS "INITIAL_REVIEW"->"RECHECK"',
      'RECHECK_PASS "RECHECK"->"JOINT_REVIEW"',
      'GRADE "JOINT_REVIEW"->"GRADED"',
      'REFINE "GRADED"->"READY_FOR_BUDGET"',
    ]);
    expect(history.map((h) => h.action)).toContain('INITIAL_EXPENDITURE_PASS');
    expect(history.find((h) => h.action === 'GRADE')?.changes).toEqual(
      expect.arrayContaining([{ field: 'grade', before: null, after: '"GOOD"' }]),
    );
  });

  it('the dual initial review passes in the other order too', async () => {
    let t = await submit(await draftTarget());
    t = await review(officer, t, 'PASS');
    t = await review(evaluation, t, 'PASS');
    expect(t.status).toBe('INITIAL_REVIEW');
    const again = await refusal(evaluation, REVIEW, {
      input: { targetId: t.id, version: t.version, decision: 'PASS' },
    });
    expect(again.extensions?.code).toBe('INVALID_TRANSITION');
    t = await review(expenditure, t, 'PASS');
    expect(t.status).toBe('RECHECK');
  });

  it('优 with no ex-ante needed goes to budget flagged for the People’s Congress; 中 goes back; 差 is blocked', async () => {
    const excellent = await grade(await toJointReview(), 19);
    expect(excellent).toMatchObject({ status: 'READY_FOR_BUDGET', grade: 'EXCELLENT', submitToCongress: true });
    const fair = await grade(await toJointReview(), 13);
    expect(fair).toMatchObject({ status: 'DRAFT', grade: 'FAIR', reviewRound: 1 });
    const vetoed = await grade(await toJointReview(), 20, false);
    expect(vetoed).toMatchObject({ status: 'BLOCKED', grade: 'POOR' });
  });

  it('优 of a project that needs an ex-ante assessment but has none is blocked', async () => {
    const t = await toJointReview();
    await api.sql("update project set major_policy = true, attribute = 'NEW' where id = ?", [Number(t.projectId)]);
    const graded = await grade(t, 19);
    expect(graded).toMatchObject({ status: 'BLOCKED', grade: 'EXCELLENT', submitToCongress: false });
  });
});

describe('other kinds of target', () => {
  it('a department-wide target goes through the same flow, with rows covering its framework’s dimensions', async () => {
    // The department framework's level-1 dimensions (一级指标), and a library indicator under each.
    const dimensions = [
      ['LZ', '履职效能'],
      ['GL', '管理效率'],
    ] as const;
    const indicators: number[] = [];
    for (const [code, name] of dimensions) {
      const [node] = await api.sql<{ id: number }>(
        'insert into indicator_framework_node (framework_id, level, code, name) values (?, 1, ?, ?) returning id',
        [w.departmentFramework, code, name],
      );
      indicators.push(
        await insertIndicator(api, {
          division: w.city,
          category: w.library.commonCategory,
          node: Number(node?.id),
          name: `${name}达标率`,
        }),
      );
    }
    const { createPerformanceTarget: created } = await preparer.ok<{
      createPerformanceTarget: Target & { kind: string; framework: { id: string } };
    }>(
      `mutation($input: CreatePerformanceTargetInput!) { createPerformanceTarget(input: $input) { ${TARGET} kind framework { id } } }`,
      {
        input: {
          kind: 'DEPARTMENT',
          departmentId: w.parentDept,
          fiscalYear: YEAR,
          funds: '8000000.00',
          overallGoal: '健全社会救助体系',
          annualGoal: '全年救助对象按时足额保障',
        },
      },
    );
    expect(created).toMatchObject({ kind: 'DEPARTMENT', framework: { id: String(w.departmentFramework) } });

    // With a row under only one dimension the pre-check names the uncovered one.
    await preparer.ok(ADD_ROW, {
      input: { targetId: created.id, indicatorId: String(indicators[0]), comparator: 'GE', targetValue: '98' },
    });
    const partial = await current(created.id);
    const uncovered = await refusal(preparer, SUBMIT, { targetId: partial.id, version: partial.version });
    expect(uncovered.extensions?.code).toBe('PRECHECK_FAILED');
    const gaps = uncovered.extensions?.findings as { code: string }[];
    expect(gaps.map((f) => f.code)).toEqual(['DIMENSION_WITHOUT_ROW']);
    await preparer.ok(ADD_ROW, {
      input: { targetId: created.id, indicatorId: String(indicators[1]), comparator: 'GE', targetValue: '95' },
    });

    let t = await submit(await current(created.id));
    expect(t.status).toBe('DEPARTMENT_REVIEW');
    t = await review(officer, t, 'PASS');
    t = await review(expenditure, t, 'PASS');
    t = await review(evaluation, t, 'PASS');
    expect(t.status).toBe('RECHECK');
    t = await review(bureau, t, 'PASS');
    expect(t.status).toBe('JOINT_REVIEW');
    t = await grade(t, 17);
    expect(t).toMatchObject({ status: 'GRADED', grade: 'GOOD' });

    const { history } = await preparer.ok<{ history: { action: string }[] }>(HISTORY, { id: t.id });
    expect(history.map((h) => h.action)).toEqual([
      'CREATE',
      'SUBMIT',
      'DEPARTMENT_PASS',
      'INITIAL_EXPENDITURE_PASS',
      'INITIAL_EVALUATION_PASS',
      'RECHECK_PASS',
      'GRADE',
    ]);
  });

  it('a transfer payment’s target whose regional shares do not add up to its funds is refused on submit', async () => {
    const parent = await draftTarget({ funds: '1000000.00', requested: '1000000.00', transferPayment: true });
    const share = (regionCode: string, funds: string) =>
      preparer.ok(CREATE_TARGET, {
        input: { kind: 'TRANSFER_REGIONAL', parentTargetId: parent.id, regionCode, fiscalYear: YEAR, funds },
      });
    await share(w.districtA, '600000.00');
    await share(w.districtB, '300000.00');

    const before = await trailCounts(parent.id);
    const err = await refusal(preparer, SUBMIT, { targetId: parent.id, version: parent.version });
    expect(err.extensions?.code).toBe('PRECHECK_FAILED');
    const findings = err.extensions?.findings as { code: string; message: string }[];
    expect(findings.map((f) => f.code)).toEqual(['SHARES_MISMATCH']);
    expect(findings[0]?.message).toMatch(/add up to 900000\.00, not the target's funds of 1000000\.00/);
    expect(await current(parent.id)).toMatchObject({ status: 'DRAFT', version: parent.version });
    expect(await trailCounts(parent.id)).toEqual(before);

    await share(w.districtC, '100000.00');
    const t = await submit(await current(parent.id));
    expect(t.status).toBe('DEPARTMENT_REVIEW');
  });
});

describe('returns and feedback', () => {
  it('a return from the evaluation center sends it back with round + 1 and row feedback the department sees', async () => {
    const d = await draftTarget();
    let t = await submit(d);
    t = await review(officer, t, 'PASS');
    t = await review(expenditure, t, 'PASS');
    t = await review(evaluation, t, 'RETURN', {
      feedback: '合格率指标值偏低',
      rowFeedback: [{ targetIndicatorId: d.rowIds[1], comment: '合格率应不低于 98%' }],
      internalNote: '仅局内可见',
    });
    expect(t).toMatchObject({ status: 'DRAFT', reviewRound: 1 });

    const { targetReviews } = await preparer.ok<{
      targetReviews: {
        items: {
          stage: string;
          decision: string;
          round: number;
          feedback: string;
          rowFeedback: { targetIndicatorId: string; comment: string }[] | null;
        }[];
      };
    }>(REVIEWS, { filter: { targetId: t.id, decision: 'RETURN' } });
    expect(targetReviews.items).toEqual([
      {
        stage: 'INITIAL_EVALUATION',
        decision: 'RETURN',
        round: 0,
        feedback: '合格率指标值偏低',
        rowFeedback: [{ targetIndicatorId: d.rowIds[1], comment: '合格率应不低于 98%' }],
      },
    ]);

    // Resubmitted, the new round needs both initial passes again.
    t = await submit(t);
    t = await review(officer, t, 'PASS');
    t = await review(evaluation, t, 'PASS');
    expect(t.status).toBe('INITIAL_REVIEW');
    t = await review(expenditure, t, 'PASS');
    expect(t).toMatchObject({ status: 'RECHECK', reviewRound: 1 });
  });

  it('a return needs written feedback, and row feedback must name rows of the target', async () => {
    const t = await submit(await draftTarget());
    const noFeedback = await refusal(officer, REVIEW, {
      input: { targetId: t.id, version: t.version, decision: 'RETURN' },
    });
    expect(noFeedback.extensions?.code).toBe('BAD_USER_INPUT');
    const other = await draftTarget();
    const foreignRow = await refusal(officer, REVIEW, {
      input: {
        targetId: t.id,
        version: t.version,
        decision: 'RETURN',
        feedback: '请修改',
        rowFeedback: [{ targetIndicatorId: other.rowIds[0], comment: 'x' }],
      },
    });
    expect(foreignRow.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await current(t.id)).toMatchObject({ status: 'DEPARTMENT_REVIEW', version: t.version });
  });
});

describe('the pre-check on submit', () => {
  it('lists every blocking finding and refuses the submission', async () => {
    const d = await draftTarget({ funds: '400000.00', rows: 'none' });
    await api.sql("update performance_target set annual_goal = '' where id = ?", [Number(d.id)]);
    const t = await current(d.id);
    const err = await refusal(preparer, SUBMIT, { targetId: t.id, version: t.version });
    expect(err.extensions?.code).toBe('PRECHECK_FAILED');
    const findings = err.extensions?.findings as { code: string }[];
    expect(findings.map((f) => f.code).sort()).toEqual([
      'ANNUAL_GOAL_EMPTY',
      'DIMENSION_WITHOUT_ROW',
      'FUNDS_MISMATCH',
    ]);
    expect((await current(t.id)).status).toBe('DRAFT');
  });

  it('returns a low share of quantitative rows as a warning and records it', async () => {
    const d = await draftTarget();
    for (const value of ['明显提升', '持续改善']) {
      await preparer.ok(ADD_ROW, {
        input: {
          targetId: d.id,
          indicatorId: String(w.library.satisfaction),
          targetValue: value,
          period: value === '明显提升' ? 'TOTAL' : 'ANNUAL',
        },
      });
    }
    const t = await current(d.id);
    const ratioRows = await api.sql<{ q: string; n: string }>(
      "select count(*) filter (where comparator <> 'QUALITATIVE') as q, count(*) as n from target_indicator where target_id = ?",
      [Number(t.id)],
    );
    expect(Number(ratioRows[0]?.q)).toBe(2);
    expect(Number(ratioRows[0]?.n)).toBe(4);
    // 2 of 4 is not below 50%: no warning.
    const half = await preparer.ok<{ submitPerformanceTarget: { warnings: { code: string }[] } }>(SUBMIT, {
      targetId: t.id,
      version: t.version,
    });
    expect(half.submitPerformanceTarget.warnings).toEqual([]);

    const low = await draftTarget();
    await api.sql(
      "update target_indicator set comparator = 'QUALITATIVE', unit = null, numeric_value = null where id = ?",
      [Number(low.rowIds[0])],
    );
    await api.sql(
      "update target_indicator set comparator = 'QUALITATIVE', unit = null, numeric_value = null where id = ?",
      [Number(low.rowIds[1])],
    );
    const res = await preparer.ok<{ submitPerformanceTarget: { target: Target; warnings: { code: string }[] } }>(
      SUBMIT,
      { targetId: low.id, version: low.version },
    );
    expect(res.submitPerformanceTarget.warnings.map((x) => x.code)).toEqual(['LOW_QUANTIFICATION']);
    const [entry] = await api.sql<{ changes: Record<string, { after: unknown }> }>(
      "select changes from audit_entry where subject_type = 'PerformanceTarget' and subject_id = ? and action = 'SUBMIT'",
      [low.id],
    );
    expect(entry?.changes.precheckWarnings?.after).toEqual([expect.objectContaining({ code: 'LOW_QUANTIFICATION' })]);
  });
});

describe('refusals', () => {
  it('an illegal step is INVALID_TRANSITION naming the state and the allowed actions', async () => {
    const d = await draftTarget();
    const err = await refusal(officer, REVIEW, { input: { targetId: d.id, version: d.version, decision: 'PASS' } });
    expect(err.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      currentState: 'DRAFT',
      allowedActions: ['SUBMIT'],
    });
    expect(err.message).toContain('DRAFT');
    const graded = await refusal(bureau, GRADE, { input: { targetId: d.id, version: d.version, scores: scores(18) } });
    expect(graded.extensions).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'DRAFT' });
  });

  it('a step by the wrong role is FORBIDDEN; a reviewer outside their scope gets NOT_FOUND', async () => {
    let t = await submit(await draftTarget());
    const byPreparer = await refusal(preparer, REVIEW, {
      input: { targetId: t.id, version: t.version, decision: 'PASS' },
    });
    expect(byPreparer.extensions?.code).toBe('FORBIDDEN');
    const byEvaluation = await refusal(evaluation, REVIEW, {
      input: { targetId: t.id, version: t.version, decision: 'PASS' },
    });
    expect(byEvaluation.extensions?.code).toBe('FORBIDDEN');
    t = await review(officer, t, 'PASS');
    const byOfficer = await refusal(officer, REVIEW, {
      input: { targetId: t.id, version: t.version, decision: 'PASS' },
    });
    expect(byOfficer.extensions?.code).toBe('FORBIDDEN');
    const byStranger = await refusal(strangerReviewer, REVIEW, {
      input: { targetId: t.id, version: t.version, decision: 'PASS' },
    });
    expect(byStranger.extensions?.code).toBe('NOT_FOUND');
    const comment = await refusal(preparer, COMMENT, { targetId: t.id, comment: 'x' });
    expect(comment.extensions?.code).toBe('FORBIDDEN');
  });

  it('a stale version is CONFLICT', async () => {
    const d = await draftTarget();
    const err = await refusal(preparer, SUBMIT, { targetId: d.id, version: d.version - 1 });
    expect(err.extensions?.code).toBe('CONFLICT');
  });

  it('two identical passes of one step at once: exactly one succeeds', async () => {
    let t = await submit(await draftTarget());
    t = await review(officer, t, 'PASS');
    const vars = { input: { targetId: t.id, version: t.version, decision: 'PASS' } };
    const results = await Promise.all([expenditure.gql(REVIEW, vars), expenditure.gql(REVIEW, vars)]);
    const ok = results.filter((r) => !r.errors);
    const failed = results.filter((r) => r.errors);
    expect(ok).toHaveLength(1);
    expect(failed.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['CONFLICT']);
    const passes = await api.sql<{ n: string }>(
      "select count(*) as n from target_review where target_id = ? and stage = 'INITIAL_EXPENDITURE'",
      [Number(t.id)],
    );
    expect(Number(passes[0]?.n)).toBe(1);
  });

  it('a refused mutation leaves neither audit entries nor review events', async () => {
    let t = await submit(await draftTarget());
    t = await review(officer, t, 'PASS');
    const before = await trailCounts(t.id);
    expect(before).toEqual({ audit: expect.any(Number), events: 2, reviews: 1 });
    await refusal(officer, REVIEW, { input: { targetId: t.id, version: t.version, decision: 'PASS' } });
    await refusal(expenditure, REVIEW, { input: { targetId: t.id, version: t.version - 1, decision: 'PASS' } });
    await refusal(preparer, SUBMIT, { targetId: t.id, version: t.version });
    await refusal(bureau, GRADE, { input: { targetId: t.id, version: t.version, scores: scores(18) } });
    expect(await trailCounts(t.id)).toEqual(before);
  });
});

const TARGET = 'id status version grade reviewRound submitToCongress';

describe('end to end: from a new draft to the budget, signing in as each role in turn', () => {
  const DECIDE = `mutation($input: DecideProjectBudgetInput!) {
    decideProjectBudget(input: $input) { targetStatus budget { requested approved cut decision } }
  }`;
  const PROJECT = `query($id: ID!) { project(id: $id) { phase } }`;

  it('优 → ready for budget → FULL: the target is approved with its budget and the project budgeted', async () => {
    const budgetOfficer = as(api, await userOf(api, w, Role.BUDGET_OFFICER));
    let t = await toJointReview();
    await observer.ok(COMMENT, { targetId: t.id, comment: '人大代表：目标明确' });
    t = { ...(await grade(t, 19)), projectId: t.projectId };
    expect(t).toMatchObject({ status: 'READY_FOR_BUDGET', grade: 'EXCELLENT', submitToCongress: true });
    const decided = await budgetOfficer.ok<{
      decideProjectBudget: {
        targetStatus: string;
        budget: { requested: string; approved: string; cut: string; decision: string };
      };
    }>(DECIDE, { input: { targetId: t.id, version: t.version, decision: 'FULL', reason: '全额安排' } });
    expect(decided.decideProjectBudget).toEqual({
      targetStatus: 'APPROVED',
      budget: { requested: '500000.00', approved: '500000.00', cut: '0.00', decision: 'FULL' },
    });
    expect((await bureau.ok<{ project: { phase: string } }>(PROJECT, { id: t.projectId })).project.phase).toBe(
      'BUDGETED',
    );
    // Disclosed together (公开同步): the public now sees the approved target.
    const publicView = await api.gql<{ performanceTarget: { id: string } }>(
      'query($id: ID!) { performanceTarget(id: $id) { id } }',
      {
        id: t.id,
      },
    );
    expect(publicView.data?.performanceTarget.id).toBe(t.id);
    const trail = await bureau.ok<{ history: Array<{ action: string }> }>(HISTORY, { id: t.id });
    expect(trail.history.length).toBeGreaterThanOrEqual(7);
  });

  it('差 → blocked → only DEFERRED or CANCELLED: the budget ends cancelled and nothing is arranged', async () => {
    const budgetOfficer = as(api, await userOf(api, w, Role.BUDGET_OFFICER));
    let t = await toJointReview();
    t = { ...(await grade(t, 10)), projectId: t.projectId };
    expect(t).toMatchObject({ status: 'BLOCKED', grade: 'POOR' });
    const arrange = await budgetOfficer.gql(DECIDE, {
      input: { targetId: t.id, version: t.version, decision: 'FULL', reason: '尝试安排' },
    });
    expect(arrange.errors?.[0]?.extensions?.code).toBe('BUDGET_BLOCKED');
    const cancelled = await budgetOfficer.ok<{
      decideProjectBudget: { targetStatus: string; budget: { approved: string; cut: string; decision: string } };
    }>(DECIDE, {
      input: { targetId: t.id, version: t.version, decision: 'CANCELLED', reason: '绩效目标评审为差，取消预算安排' },
    });
    expect(cancelled.decideProjectBudget).toEqual({
      targetStatus: 'BLOCKED',
      budget: { requested: '500000.00', approved: '0.00', cut: '500000.00', decision: 'CANCELLED' },
    });
  });
});

const CREATE_TARGET = `mutation($input: CreatePerformanceTargetInput!) { createPerformanceTarget(input: $input) { ${TARGET} } }`;
const ADD_ROW = `mutation($input: AddTargetIndicatorInput!) { addTargetIndicator(input: $input) { id } }`;
const GET_TARGET = `query($id: ID!) { performanceTarget(id: $id) { ${TARGET} } }`;
const SUBMIT = `mutation($targetId: ID!, $version: Int!) {
  submitPerformanceTarget(targetId: $targetId, version: $version) { target { ${TARGET} } warnings { code message rowId } }
}`;
const REVIEW = `mutation($input: ReviewPerformanceTargetInput!) { reviewPerformanceTarget(input: $input) { ${TARGET} } }`;
const COMMENT = `mutation($targetId: ID!, $comment: String!) { commentJointReview(targetId: $targetId, comment: $comment) { ${TARGET} } }`;
const GRADE = `mutation($input: GradePerformanceTargetInput!) { gradePerformanceTarget(input: $input) { ${TARGET} } }`;
const REFINE = `mutation($targetId: ID!, $version: Int!) { refinePerformanceTarget(targetId: $targetId, version: $version) { ${TARGET} } }`;
const HISTORY = `query($id: ID!) { history(type: "PerformanceTarget", id: $id) { action actorLogin changes { field before after } } }`;
const ACTIONS = 'query($id: ID!) { performanceTarget(id: $id) { allowedActions } }';
const REVIEWS = `query($filter: TargetReviewFilter) {
  targetReviews(filter: $filter) { items { stage decision round feedback rowFeedback { targetIndicatorId comment } } }
}`;
