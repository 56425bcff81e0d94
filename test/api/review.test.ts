import { Role } from '../../server/modules/identity';
import { type Client, type GqlError, startApi, type TestApi } from '../helpers/api';
import { as, buildWorld, insertProject, releaseDefaults, userOf, type World } from '../helpers/targetFixtures';

/** A fiscal year no other data uses (the target tests use another). */
const YEAR = 2086;

let api: TestApi;
let w: World;
/** The first-level unit's preparer, the other department's, and a PERFORMANCE_ADMIN. */
let writer: Client;
let otherWriter: Client;
let bureau: Client;
/** The expenditure division that reviews, two targets of different departments, and a row of the first. */
let divisionId: string;
/** In initial review (the first-level unit), approved (the other department), in joint review (the child unit). */
let target: string;
let otherTarget: string;
let jointTarget: string;
let rowId: string;
/** Reviews of the first target, inserted out of time order, one of the other target, one of the joint review. */
let department: string;
let expenditure: string;
let evaluation: string;
let otherReview: string;
let joint: string;

async function createTarget(departmentId: string, client: Client): Promise<string> {
  const projectId = await insertProject(api, w, { departmentId });
  const data = await client.ok<{ createPerformanceTarget: { id: string } }>(CREATE_TARGET, {
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
  writer = as(api, w.users.preparer);
  otherWriter = as(api, w.users.otherPreparer);
  bureau = as(api, w.users.bureau);
  divisionId = w.expenditureDivision;
  target = await createTarget(w.parentDept, writer);
  otherTarget = await createTarget(w.otherDept, otherWriter);
  jointTarget = await createTarget(w.childDept, writer);
  const row = await writer.ok<{ addTargetIndicator: { id: string } }>(ADD_ROW, {
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
  joint = await insertReview({
    target_id: jointTarget,
    stage: 'JOINT',
    reviewer_name: '钱七',
    organisation_name: '人大预工委',
    scores: [{ criterion: 'RELEVANCE', score: 18, comment: '与部门职能相符' }],
    total_score: '88.00',
    decision: 'PASS',
    feedback: '目标清晰',
    grade_proposal: 'GOOD',
    internal_note: '建议定为良',
    reviewed_at: '2086-01-20T09:00:00Z',
  });
  await setStatus(target, 'INITIAL_REVIEW');
  await setStatus(otherTarget, 'APPROVED');
  await setStatus(jointTarget, 'JOINT_REVIEW');
});

const setStatus = (id: string, status: string) =>
  api.sql('update performance_target set status = ? where id = ?', [status, id]);
afterAll(async () => {
  await releaseDefaults(api, w);
  await api.stop();
});

describe('target reviews', () => {
  it('reads one review with its scores, row feedback, organisation and target', async () => {
    const data = await bureau.ok<{ targetReview: Record<string, unknown> }>(GET_REVIEW, { id: expenditure });
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

    const plain = await bureau.ok<{ targetReview: Record<string, unknown> }>(GET_REVIEW, { id: evaluation });
    expect(plain.targetReview).toMatchObject({
      round: 1,
      scores: null,
      rowFeedback: null,
      totalScore: null,
      gradeProposal: 'GOOD',
      organisation: null,
      organisationName: '预算绩效评价中心',
    });

    const missing = await bureau.gql<{ targetReview: null }>(GET_REVIEW, { id: '999999999' });
    expect(missing.data).toEqual({ targetReview: null });
    expect(missing.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['NOT_FOUND', 'TargetReview 999999999 does not exist.'],
    ]);
  });

  it('lists a target’s reviews in the order they were given', async () => {
    const data = await bureau.ok<{ performanceTarget: { reviews: Array<{ id: string; stage: string }> } }>(
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
      const data = await bureau.ok<{ targetReviews: { totalCount: number; items: Array<{ id: string }> } }>(
        LIST_REVIEWS,
        {
          filter,
          sort,
        },
      );
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

    const bad = await bureau.gql(LIST_REVIEWS, { filter: { targetId: 'abc' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('loads the reviews of a page of targets with their organisations in a fixed number of statements', async () => {
    const run = async (ids: string[]) => {
      const r = await bureau.gql<{ performanceTargets: { items: Array<{ reviews: Array<{ id: string }> }> } }>(
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

/** The refused fields of a response, by path, with their codes and messages. */
const refusedFields = (errors: GqlError[] | undefined) =>
  (errors ?? [])
    .map((e) => [e.path?.join('.'), e.extensions?.code, e.extensions?.field, e.message])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

const refusedRead = (path: string, field: string) => [path, 'FORBIDDEN', field, `Your role may not read ${field}.`];

describe('who reads which reviews', () => {
  const list = async (client: Client, filter: Record<string, unknown> = {}) => {
    const data = await client.ok<{ targetReviews: { totalCount: number; items: Array<{ id: string }> } }>(
      LIST_REVIEWS,
      { filter },
    );
    return { totalCount: data.targetReviews.totalCount, ids: data.targetReviews.items.map((r) => r.id) };
  };
  const probe = async (client: Client, id: string) => {
    const r = await client.gql(GET_INTERNALS, { id });
    return r.errors?.map((e) => [e.extensions?.code, e.message]);
  };

  it('shows each role the reviews of the targets it sees, and answers NOT_FOUND for the others', async () => {
    // Newest verdict first.
    const ownAndChild = [joint, expenditure, evaluation, department];
    expect(await list(bureau)).toEqual({
      totalCount: 5,
      ids: [joint, expenditure, evaluation, department, otherReview],
    });
    expect(await list(writer)).toEqual({ totalCount: 4, ids: ownAndChild });
    expect(await list(writer, { departmentId: w.otherDept })).toEqual({ totalCount: 0, ids: [] });
    expect(await list(otherWriter)).toEqual({ totalCount: 1, ids: [otherReview] });
    const reviewer = as(api, await userOf(api, w, Role.EXPENDITURE_REVIEWER, { financeDivisionId: divisionId }));
    expect(await list(reviewer)).toEqual({ totalCount: 4, ids: ownAndChild });

    expect(await probe(writer, otherReview)).toEqual([['NOT_FOUND', `TargetReview ${otherReview} does not exist.`]]);
    expect(await probe(reviewer, otherReview)).toEqual([['NOT_FOUND', `TargetReview ${otherReview} does not exist.`]]);
    expect(await probe(otherWriter, expenditure)).toEqual([
      ['NOT_FOUND', `TargetReview ${expenditure} does not exist.`],
    ]);

    const nested = await writer.ok<{ performanceTarget: { reviews: Array<{ id: string }> } }>(TARGET_REVIEWS, {
      id: target,
    });
    expect(nested.performanceTarget.reviews.map((r) => r.id)).toEqual([department, evaluation, expenditure]);
  });

  it('shows no reviews to anonymous callers or roles without ReadReviews', async () => {
    const anonymous = await api.gql(LIST_REVIEWS, {});
    expect(anonymous.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['UNAUTHENTICATED', 'Sign in to use targetReviews.'],
    ]);
    const one = await api.gql(GET_INTERNALS, { id: otherReview });
    expect(one.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);

    // The approved target is public; its reviews are not.
    const r = await api.gql<{ performanceTarget: { id: string; reviews: null } }>(TARGET_REVIEWS_WITH_ID, {
      id: otherTarget,
    });
    expect(r.data).toEqual({ performanceTarget: { id: otherTarget, reviews: null } });
    expect(refusedFields(r.errors)).toEqual([refusedRead('performanceTarget.reviews', 'PerformanceTarget.reviews')]);

    const analyst = as(api, await userOf(api, w, Role.ANALYST));
    const refused = await analyst.gql(LIST_REVIEWS, {});
    expect(refused.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['FORBIDDEN', 'Your role may not use targetReviews.'],
    ]);
  });

  it('gives department roles the verdict and feedback but not the internal note or the scores', async () => {
    const r = await writer.gql<{ targetReview: Record<string, unknown> }>(GET_REVIEW, { id: expenditure });
    expect(r.data?.targetReview).toMatchObject({
      id: expenditure,
      decision: 'RETURN',
      feedback: '请细化产出指标',
      rowFeedback: [{ targetIndicatorId: rowId, comment: '指标值低于上年实际' }],
      reviewerName: '李四',
      organisation: { id: divisionId, name: '社会保障处', kind: 'EXPENDITURE' },
      internalNote: null,
      scores: null,
      totalScore: null,
    });
    expect(refusedFields(r.errors)).toEqual([
      refusedRead('targetReview.internalNote', 'TargetReview.internalNote'),
      refusedRead('targetReview.scores', 'TargetReview.scores'),
      refusedRead('targetReview.totalScore', 'TargetReview.totalScore'),
    ]);

    // Through the target, one refusal per review, the rest of the list intact.
    const nested = await writer.gql<{ performanceTarget: { reviews: Array<Record<string, unknown>> } }>(
      TARGET_INTERNALS,
      { id: target },
    );
    expect(nested.data?.performanceTarget.reviews).toEqual([
      { id: department, decision: 'PASS', internalNote: null },
      { id: evaluation, decision: 'PASS', internalNote: null },
      { id: expenditure, decision: 'RETURN', internalNote: null },
    ]);
    expect(refusedFields(nested.errors)).toEqual(
      [0, 1, 2].map((i) => refusedRead(`performanceTarget.reviews.${i}.internalNote`, 'TargetReview.internalNote')),
    );
  });

  it('shows observers the internal note and scores only while the target is in joint review', async () => {
    const observer = as(api, await userOf(api, w, Role.OBSERVER));
    const during = await observer.ok<{ targetReview: Record<string, unknown> }>(GET_INTERNALS, { id: joint });
    expect(during.targetReview).toEqual({
      id: joint,
      decision: 'PASS',
      internalNote: '建议定为良',
      scores: [{ criterion: 'RELEVANCE', score: '18' }],
      totalScore: '88.00',
    });

    const refusedInternals = (path: string) =>
      ['internalNote', 'scores', 'totalScore'].map((f) => refusedRead(`${path}.${f}`, `TargetReview.${f}`));
    const outside = await observer.gql<{ targetReview: Record<string, unknown> }>(GET_INTERNALS, { id: expenditure });
    expect(outside.data?.targetReview).toEqual({
      id: expenditure,
      decision: 'RETURN',
      internalNote: null,
      scores: null,
      totalScore: null,
    });
    expect(refusedFields(outside.errors)).toEqual(refusedInternals('targetReview'));

    // Once graded, the joint review's internals are the bureau's again.
    await setStatus(jointTarget, 'GRADED');
    try {
      const after = await observer.gql<{ targetReview: Record<string, unknown> }>(GET_INTERNALS, { id: joint });
      expect(after.data?.targetReview).toMatchObject({ internalNote: null, scores: null, totalScore: null });
      expect(refusedFields(after.errors)).toEqual(refusedInternals('targetReview'));
    } finally {
      await setStatus(jointTarget, 'JOINT_REVIEW');
    }

    // Bureau roles read them at any stage.
    const evaluator = as(api, await userOf(api, w, Role.EVALUATION_REVIEWER));
    const bureauView = await evaluator.ok<{ targetReview: Record<string, unknown> }>(GET_INTERNALS, {
      id: expenditure,
    });
    expect(bureauView.targetReview).toMatchObject({ internalNote: '下一轮重点看数量指标', totalScore: '78.50' });
  });

  it('hides reviewer identities from service accounts, and everything else stays', async () => {
    const integration = as(api, await userOf(api, w, Role.INTEGRATION));
    const r = await integration.gql<{ targetReview: Record<string, unknown> }>(GET_IDENTITY, { id: expenditure });
    expect(r.data?.targetReview).toEqual({
      id: expenditure,
      decision: 'RETURN',
      feedback: '请细化产出指标',
      reviewerName: null,
      organisationName: null,
      organisation: null,
    });
    expect(refusedFields(r.errors)).toEqual([
      refusedRead('targetReview.organisation', 'TargetReview.organisation'),
      refusedRead('targetReview.organisationName', 'TargetReview.organisationName'),
      refusedRead('targetReview.reviewerName', 'TargetReview.reviewerName'),
    ]);
    const seen = await writer.ok<{ targetReview: Record<string, unknown> }>(GET_IDENTITY, { id: expenditure });
    expect(seen.targetReview).toMatchObject({ reviewerName: '李四', organisationName: '社会保障处' });
  });
});

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
const TARGET_REVIEWS_WITH_ID = `query($id: ID!) { performanceTarget(id: $id) { id reviews { id } } }`;
const GET_INTERNALS = `query($id: ID!) {
  targetReview(id: $id) { id decision internalNote scores { criterion score } totalScore }
}`;
const TARGET_INTERNALS = `query($id: ID!) { performanceTarget(id: $id) { reviews { id decision internalNote } } }`;
const GET_IDENTITY = `query($id: ID!) {
  targetReview(id: $id) { id decision feedback reviewerName organisationName organisation { id } }
}`;
