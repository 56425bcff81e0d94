import { startApi, type TestApi, uniq } from '../helpers/api';
import { buildWorld, insertProject, releaseDefaults, type World } from '../helpers/targetFixtures';

/** A fiscal year no other data uses (the target tests use another). */
const YEAR = 2086;

let api: TestApi;
let w: World;
/** The expenditure division that reviews, two targets of different departments, and a row of the first. */
let divisionId: string;
let target: string;
let otherTarget: string;
let rowId: string;
/** Reviews of the first target, inserted out of time order, and one of the other target. */
let department: string;
let expenditure: string;
let evaluation: string;
let otherReview: string;

async function createTarget(departmentId: string): Promise<string> {
  const projectId = await insertProject(api, w, { departmentId });
  const data = await api.ok<{ createPerformanceTarget: { id: string } }>(CREATE_TARGET, {
    input: { kind: 'PROJECT', projectId, fiscalYear: YEAR, funds: '880000.00' },
  });
  return data.createPerformanceTarget.id;
}

async function insertReview(values: Record<string, unknown>): Promise<string> {
  const row = {
    fiscal_division_code: w.city,
    round: 0,
    organisation_id: null,
    organisation_name: null,
    scores: null,
    total_score: null,
    feedback: null,
    row_feedback: null,
    grade_proposal: null,
    internal_note: null,
    ...values,
  };
  const columns = Object.keys(row);
  const placeholders = columns.map((c) => (c === 'scores' || c === 'row_feedback' ? '?::jsonb' : '?'));
  const params = Object.values(row).map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v));
  const [r] = await api.sql<{ id: number }>(
    `insert into target_review (${columns.join(', ')}) values (${placeholders.join(', ')}) returning id`,
    params,
  );
  return String(r?.id);
}

beforeAll(async () => {
  api = await startApi();
  w = await buildWorld(api, YEAR);
  const division = await api.ok<{ createFinanceDivision: { id: string } }>(CREATE_FINANCE_DIVISION, {
    input: { fiscalDivisionCode: w.city, code: uniq('SB'), name: '社会保障处', kind: 'EXPENDITURE' },
  });
  divisionId = division.createFinanceDivision.id;
  target = await createTarget(w.parentDept);
  otherTarget = await createTarget(w.otherDept);
  const row = await api.ok<{ addTargetIndicator: { id: string } }>(ADD_ROW, {
    input: { targetId: target, indicatorId: String(w.library.trainees), targetValue: '62000' },
  });
  rowId = row.addTargetIndicator.id;

  department = await insertReview({
    target_id: target,
    stage: 'DEPARTMENT',
    reviewer_name: '张三',
    decision: 'PASS',
    reviewed_at: '2086-01-10T08:00:00Z',
  });
  expenditure = await insertReview({
    target_id: target,
    stage: 'INITIAL_EXPENDITURE',
    reviewer_name: '李四',
    organisation_id: divisionId,
    organisation_name: '社会保障处',
    scores: [
      { criterion: 'COMPLIANCE', passed: true },
      { criterion: 'SOUNDNESS', score: 12.5, comment: '量化不足' },
    ],
    total_score: '78.50',
    decision: 'RETURN',
    feedback: '请细化产出指标',
    row_feedback: [{ targetIndicatorId: Number(rowId), comment: '指标值低于上年实际' }],
    internal_note: '下一轮重点看数量指标',
    reviewed_at: '2086-01-12T09:30:00Z',
  });
  evaluation = await insertReview({
    target_id: target,
    stage: 'INITIAL_EVALUATION',
    round: 1,
    reviewer_name: '王五',
    organisation_name: '预算绩效评价中心',
    decision: 'PASS',
    grade_proposal: 'GOOD',
    reviewed_at: '2086-01-11T10:00:00Z',
  });
  otherReview = await insertReview({
    target_id: otherTarget,
    stage: 'DEPARTMENT',
    reviewer_name: '赵六',
    decision: 'RETURN',
    feedback: '目标不明确',
    reviewed_at: '2086-01-09T08:00:00Z',
  });
});
afterAll(async () => {
  await releaseDefaults(api, w);
  await api.stop();
});

describe('target reviews', () => {
  it('reads one review with its scores, row feedback, organisation and target', async () => {
    const data = await api.ok<{ targetReview: Record<string, unknown> }>(GET_REVIEW, { id: expenditure });
    expect(data.targetReview).toEqual({
      id: expenditure,
      fiscalDivisionCode: w.city,
      stage: 'INITIAL_EXPENDITURE',
      round: 0,
      reviewerName: '李四',
      organisationName: '社会保障处',
      scores: [
        { criterion: 'COMPLIANCE', score: null, passed: true, comment: null },
        { criterion: 'SOUNDNESS', score: '12.5', passed: null, comment: '量化不足' },
      ],
      totalScore: '78.50',
      decision: 'RETURN',
      feedback: '请细化产出指标',
      rowFeedback: [{ targetIndicatorId: rowId, comment: '指标值低于上年实际' }],
      gradeProposal: null,
      internalNote: '下一轮重点看数量指标',
      reviewedAt: '2086-01-12T09:30:00.000Z',
      organisation: { id: divisionId, name: '社会保障处', kind: 'EXPENDITURE' },
      target: { id: target, kind: 'PROJECT' },
    });

    const plain = await api.ok<{ targetReview: Record<string, unknown> }>(GET_REVIEW, { id: evaluation });
    expect(plain.targetReview).toMatchObject({
      round: 1,
      scores: null,
      rowFeedback: null,
      totalScore: null,
      gradeProposal: 'GOOD',
      organisation: null,
      organisationName: '预算绩效评价中心',
    });

    const missing = await api.ok<{ targetReview: null }>(GET_REVIEW, { id: '999999999' });
    expect(missing.targetReview).toBeNull();
  });

  it('lists a target’s reviews in the order they were given', async () => {
    const data = await api.ok<{ performanceTarget: { reviews: Array<{ id: string; stage: string }> } }>(
      TARGET_REVIEWS,
      { id: target },
    );
    expect(data.performanceTarget.reviews).toEqual([
      { id: department, stage: 'DEPARTMENT' },
      { id: evaluation, stage: 'INITIAL_EVALUATION' },
      { id: expenditure, stage: 'INITIAL_EXPENDITURE' },
    ]);
  });

  it('filters reviews by target, stage, decision, round and department, and sorts them', async () => {
    const ids = async (filter: Record<string, unknown>, sort?: unknown[]) => {
      const data = await api.ok<{ targetReviews: { totalCount: number; items: Array<{ id: string }> } }>(LIST_REVIEWS, {
        filter,
        sort,
      });
      expect(data.targetReviews.totalCount).toBe(data.targetReviews.items.length);
      return data.targetReviews.items.map((r) => r.id);
    };
    expect(await ids({ targetId: target })).toEqual([expenditure, evaluation, department]);
    expect(await ids({ targetId: target }, [{ field: 'REVIEWED_AT', direction: 'ASC' }])).toEqual([
      department,
      evaluation,
      expenditure,
    ]);
    // Stages sort in workflow order: 部门自审, 支出处室初审, 评价中心初审, 复核, 集中会审.
    expect(await ids({ targetId: target }, [{ field: 'STAGE' }])).toEqual([department, expenditure, evaluation]);
    expect(
      await ids({ targetId: target }, [
        { field: 'ROUND', direction: 'DESC' },
        { field: 'STAGE', direction: 'DESC' },
      ]),
    ).toEqual([evaluation, expenditure, department]);
    expect(await ids({ targetId: target, stage: 'INITIAL_EXPENDITURE' })).toEqual([expenditure]);
    expect(await ids({ targetId: target, decision: 'PASS' })).toEqual([evaluation, department]);
    expect(await ids({ targetId: target, round: 1 })).toEqual([evaluation]);
    expect(await ids({ departmentId: w.otherDept })).toEqual([otherReview]);
    expect(await ids({ departmentId: w.parentDept, decision: 'RETURN' })).toEqual([expenditure]);

    const bad = await api.gql(LIST_REVIEWS, { filter: { targetId: 'abc' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('loads the reviews of a page of targets with their organisations in a fixed number of statements', async () => {
    const run = async (ids: string[]) => {
      const r = await api.gql<{ performanceTargets: { items: Array<{ reviews: Array<{ id: string }> }> } }>(
        NESTED_REVIEWS,
        { ids },
      );
      expect(r.errors).toBeUndefined();
      return { statements: r.statements, reviews: r.data?.performanceTargets.items.map((t) => t.reviews.length) };
    };
    const one = await run([target]);
    const two = await run([target, otherTarget]);
    expect(one.reviews).toEqual([3]);
    expect(two.reviews).toEqual([3, 1]);
    expect(two.statements).toBe(one.statements);
    expect(two.statements).toBeLessThanOrEqual(4);
  });
});

const CREATE_FINANCE_DIVISION = `mutation($input: CreateFinanceDivisionInput!) { createFinanceDivision(input: $input) { id } }`;
const CREATE_TARGET = `mutation($input: CreatePerformanceTargetInput!) { createPerformanceTarget(input: $input) { id } }`;
const ADD_ROW = `mutation($input: AddTargetIndicatorInput!) { addTargetIndicator(input: $input) { id } }`;
const GET_REVIEW = `query($id: ID!) {
  targetReview(id: $id) {
    id fiscalDivisionCode stage round reviewerName organisationName
    scores { criterion score passed comment }
    totalScore decision feedback
    rowFeedback { targetIndicatorId comment }
    gradeProposal internalNote reviewedAt
    organisation { id name kind }
    target { id kind }
  }
}`;
const TARGET_REVIEWS = `query($id: ID!) { performanceTarget(id: $id) { reviews { id stage } } }`;
const LIST_REVIEWS = `query($filter: TargetReviewFilter, $sort: [TargetReviewSort!]) {
  targetReviews(filter: $filter, sort: $sort) { totalCount items { id } }
}`;
const NESTED_REVIEWS = `query($ids: [ID!]) {
  performanceTargets(filter: { ids: $ids }, sort: [{ field: CREATED_AT }]) {
    items { id reviews { id decision organisation { name } target { id } } }
  }
}`;
