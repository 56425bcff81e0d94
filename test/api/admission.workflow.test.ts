import { Role } from '../../server/modules/identity';
import { type Client, startApi, type TestApi } from '../helpers/api';
import { buildIndicatorLibrary, insertId, signIn as signInAs } from '../helpers/world';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

interface Request {
  id: string;
  type: string;
  status: string;
  step: string | null;
  version: number;
  name: string;
  decisionComment: string | null;
  approvals: Array<{ step: string; decision: string; comment: string | null; actorName: string }>;
  resultIndicator: { id: string; code: string; version: number; status: string; name: string } | null;
  duplicateOf: { id: string; code: string } | null;
}
interface Similar {
  similarity: number;
  indicator: { id: string; code: string; name: string };
}

const signIn = (role: Role, fd: string, departmentId?: string) => signInAs(api, [role], fd, { departmentId });

/** A fiscal division of the test's own with two departments, a category, dimensions and two published indicators. */
async function world() {
  const library = await buildIndicatorLibrary(api, {
    name: '入库流程区划',
    frameworkName: '入库流程体系',
    category: { code: '1201' },
  });
  const { fd, cityMgmt, agriculture } = library;
  return {
    ...library,
    preparer: await signIn(Role.UNIT_PREPARER, fd, cityMgmt),
    officer: await signIn(Role.DEPARTMENT_OFFICER, fd, cityMgmt),
    agriPreparer: await signIn(Role.UNIT_PREPARER, fd, agriculture),
    agriOfficer: await signIn(Role.DEPARTMENT_OFFICER, fd, agriculture),
  };
}
type World = Awaited<ReturnType<typeof world>>;

function definition(w: World, name: string) {
  return {
    name,
    scope: 'INDUSTRY',
    categoryId: w.category,
    level2NodeId: w.quantity,
    explanation: '在线车辆数/环卫车辆总数',
    defaultComparator: 'GE',
    defaultUnit: '%',
    valueType: 'QUANTITATIVE',
  };
}

async function propose(client: Client, input: Record<string, unknown>) {
  const data = await client.ok<{ proposeIndicatorChange: { request: Request; similar: Similar[] } }>(PROPOSE, {
    input: { reason: '项目绩效目标需要该指标', exampleProject: '智慧环卫建设项目', ...input },
  });
  return data.proposeIndicatorChange;
}

async function act(client: Client, mutation: string, variables: Record<string, unknown>): Promise<Request> {
  const data = await client.ok<Record<string, Request>>(mutation, variables);
  return Object.values(data)[0] as Request;
}

/** Proposed, submitted and pre-checked: waiting for the performance division. */
async function toReview(w: World, request: Request): Promise<Request> {
  const submitted = await act(w.preparer, SUBMIT, { id: request.id, version: request.version });
  expect([submitted.status, submitted.step]).toEqual(['IN_REVIEW', 'DEPARTMENT_PRECHECK']);
  const prechecked = await act(w.officer, PRECHECK, {
    id: request.id,
    version: submitted.version,
    decision: 'PASS',
    comment: '同意报送',
  });
  expect([prechecked.status, prechecked.step]).toEqual(['IN_REVIEW', 'PERFORMANCE_REVIEW']);
  return prechecked;
}

async function counts(fd: string) {
  const [row] = await api.sql<{ audit: string; events: string }>(
    `select (select count(*) from audit_entry where fiscal_division_code = ?) as audit,
            (select count(*) from review_event where fiscal_division_code = ?) as events`,
    [fd, fd],
  );
  return { audit: Number(row?.audit), events: Number(row?.events) };
}

async function eventTypes(fd: string, requestId: string): Promise<string[]> {
  const found = await api.sql<{ type: string }>(
    `select type from review_event where fiscal_division_code = ? and subject_type = 'IndicatorChangeRequest'
       and subject_id = ? order by position`,
    [fd, requestId],
  );
  return found.map((r) => r.type);
}

describe('the admission queue: propose, pre-check, approve', () => {
  it('admits a new indicator: code assigned, version 1 published, every step recorded', async () => {
    const w = await world();
    const { request } = await propose(w.preparer, { type: 'ADMIT', definition: definition(w, '智慧环卫车辆在线率') });
    expect([request.type, request.status, request.step, request.name]).toEqual([
      'ADMIT',
      'DRAFT',
      null,
      '智慧环卫车辆在线率',
    ]);
    const review = await toReview(w, request);
    const approved = await act(w.bureau, APPROVE, { id: request.id, version: review.version, comment: '同意入库' });
    expect(approved.status).toBe('APPROVED');
    expect(approved.step).toBeNull();
    expect(approved.decisionComment).toBe('同意入库');
    expect(approved.resultIndicator).toEqual({
      id: expect.any(String),
      code: 'HY12010003',
      version: 1,
      status: 'PUBLISHED',
      name: '智慧环卫车辆在线率',
    });
    expect(approved.approvals.map((a) => [a.step, a.decision, a.comment])).toEqual([
      ['DEPARTMENT_PRECHECK', 'PASS', '同意报送'],
      ['PERFORMANCE_REVIEW', 'APPROVE', '同意入库'],
    ]);
    expect(approved.approvals.every((a) => a.actorName.startsWith('测试用户'))).toBe(true);
    expect(await eventTypes(w.fd, request.id)).toEqual([
      'ADMISSION_PROPOSED',
      'ADMISSION_SUBMITTED',
      'ADMISSION_PRECHECKED',
      'ADMISSION_APPROVED',
    ]);
    const published = await api.sql<{ type: string; subject_id: string }>(
      `select type, subject_id from review_event where fiscal_division_code = ? and subject_type = 'Indicator'`,
      [w.fd],
    );
    expect(published).toEqual([{ type: 'INDICATOR_PUBLISHED', subject_id: approved.resultIndicator?.id }]);
    const audit = await api.sql<{ action: string }>(
      `select action from audit_entry where subject_type = 'IndicatorChangeRequest' and subject_id = ? order by id`,
      [request.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['PROPOSE', 'SUBMIT', 'PRECHECK_PASS', 'APPROVE']);
  });

  it('modifies a published indicator: a new version of the same code supersedes the old one', async () => {
    const w = await world();
    const { request } = await propose(w.preparer, {
      type: 'MODIFY',
      indicatorId: w.sweeping,
      definition: { name: '主次干道机械化清扫率（含夜间）' },
    });
    const review = await toReview(w, request);
    const approved = await act(w.bureau, APPROVE, { id: request.id, version: review.version });
    expect(approved.resultIndicator).toMatchObject({
      code: 'HY12010001',
      version: 2,
      status: 'PUBLISHED',
      name: '主次干道机械化清扫率（含夜间）',
    });
    const versions = await api.sql<{ id: number; version_no: number; status: string; supersedes_id: number | null }>(
      `select id, version_no, status, supersedes_id from indicator where fiscal_division_code = ? and code = ?
       order by version_no`,
      [w.fd, 'HY12010001'],
    );
    expect(
      versions.map((v) => [v.version_no, v.status, v.supersedes_id === null ? null : String(v.supersedes_id)]),
    ).toEqual([
      [1, 'SUPERSEDED', null],
      [2, 'PUBLISHED', w.sweeping],
    ]);
  });

  it('a MODIFY clears an optional field with null, keeps omitted ones, and may not clear a required one', async () => {
    const w = await world();
    const refused = await w.preparer.gql(PROPOSE, {
      input: {
        type: 'MODIFY',
        indicatorId: w.sweeping,
        reason: '单位调整',
        definition: { name: null, defaultUnit: null },
      },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'definition.name' });
    expect(refused.errors?.[0]?.message).toContain('name cannot be cleared');
    const { request } = await propose(w.preparer, {
      type: 'MODIFY',
      indicatorId: w.sweeping,
      definition: { level2NodeId: null, explanation: '机械化清扫面积/应清扫面积', dataSource: '城市管理局作业台账' },
    });
    // An edit of the draft clears what it had set, too.
    const edited = await act(w.preparer, UPDATE, {
      id: request.id,
      input: { version: request.version, definition: { explanation: null, referenceValue: '95' } },
    });
    const review = await toReview(w, edited);
    const approved = await act(w.bureau, APPROVE, { id: request.id, version: review.version });
    const [v2] = await api.sql<Record<string, unknown>>(
      `select name, default_unit, level1node_id, level2node_id, explanation, reference_value, data_source
         from indicator where id = ?`,
      [Number(approved.resultIndicator?.id)],
    );
    expect(v2).toEqual({
      name: '主次干道机械化清扫率',
      default_unit: '%',
      level1node_id: Number(w.output),
      level2node_id: null,
      explanation: null,
      reference_value: '95',
      data_source: '城市管理局作业台账',
    });
  });

  it('retires a published indicator', async () => {
    const w = await world();
    const { request } = await propose(w.preparer, { type: 'RETIRE', indicatorId: w.sweeping });
    const review = await toReview(w, request);
    const approved = await act(w.bureau, APPROVE, { id: request.id, version: review.version });
    expect(approved.status).toBe('APPROVED');
    const [row] = await api.sql<{ status: string; enabled: boolean }>(
      'select status, enabled from indicator where id = ?',
      [Number(w.sweeping)],
    );
    expect(row).toEqual({ status: 'RETIRED', enabled: false });
  });

  it('returns a request with a comment; the applicant revises and resubmits', async () => {
    const w = await world();
    const { request } = await propose(w.preparer, { type: 'ADMIT', definition: definition(w, '道路保洁作业覆盖率') });
    const review = await toReview(w, request);
    const noComment = await w.bureau.gql(RETURN, { id: request.id, version: review.version, comment: ' ' });
    expect(noComment.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const returned = await act(w.bureau, RETURN, {
      id: request.id,
      version: review.version,
      comment: '请补充计算方法',
    });
    expect([returned.status, returned.step, returned.decisionComment]).toEqual(['RETURNED', null, '请补充计算方法']);
    const edited = await act(w.preparer, UPDATE, {
      id: request.id,
      input: { version: returned.version, definition: { name: '道路机械化保洁作业覆盖率' } },
    });
    expect([edited.status, edited.name]).toEqual(['RETURNED', '道路机械化保洁作业覆盖率']);
    const resubmitted = await act(w.preparer, SUBMIT, { id: request.id, version: edited.version });
    expect([resubmitted.status, resubmitted.step]).toEqual(['IN_REVIEW', 'DEPARTMENT_PRECHECK']);
    expect(resubmitted.approvals.map((a) => a.decision)).toEqual(['PASS', 'RETURN']);
    expect(await eventTypes(w.fd, request.id)).toEqual([
      'ADMISSION_PROPOSED',
      'ADMISSION_SUBMITTED',
      'ADMISSION_PRECHECKED',
      'ADMISSION_RETURNED',
      'ADMISSION_EDITED',
      'ADMISSION_SUBMITTED',
    ]);
  });

  it('shows a near-duplicate Chinese name its existing indicator first, and rejects it as that duplicate', async () => {
    const w = await world();
    const proposed = await propose(w.agriPreparer, {
      type: 'ADMIT',
      definition: { ...definition(w, '蔬菜保供基地面积'), defaultUnit: '亩' },
    });
    expect(proposed.similar[0]?.indicator).toEqual({
      id: w.vegetables,
      code: 'HY12010002',
      name: '蔬菜生产保供基地面积',
    });
    expect(proposed.similar[0]?.similarity).toBeCloseTo(0.75, 2);
    expect(proposed.similar.every((s) => s.similarity >= 0.3)).toBe(true);
    expect(proposed.similar.map((s) => s.indicator.code)).not.toContain('HY12010001');

    const request = proposed.request;
    const review = await (async () => {
      const submitted = await act(w.agriPreparer, SUBMIT, { id: request.id, version: request.version });
      return act(w.agriOfficer, PRECHECK, { id: request.id, version: submitted.version, decision: 'PASS' });
    })();
    const seen = await w.bureau.ok<{ indicatorChangeRequest: { similarIndicators: Similar[] } }>(SIMILAR, {
      id: request.id,
    });
    expect(seen.indicatorChangeRequest.similarIndicators).toEqual(proposed.similar);

    const rejected = await act(w.bureau, REJECT, {
      id: request.id,
      version: review.version,
      reason: '与现有指标 HY12010002 重复',
      duplicateOfId: w.vegetables,
    });
    expect([rejected.status, rejected.decisionComment]).toEqual(['REJECTED', '与现有指标 HY12010002 重复']);
    expect(rejected.duplicateOf).toEqual({ id: w.vegetables, code: 'HY12010002' });
    expect(rejected.approvals.map((a) => a.decision)).toEqual(['PASS', 'REJECT']);
  });
});

describe('the admission queue refuses what is not allowed, and records nothing then', () => {
  it('INVALID_TRANSITION for approving a draft, naming the state and the allowed actions', async () => {
    const w = await world();
    const { request } = await propose(w.preparer, { type: 'ADMIT', definition: definition(w, '环卫车辆作业率') });
    const before = await counts(w.fd);
    const r = await w.bureau.gql(APPROVE, { id: request.id, version: request.version });
    expect(r.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    expect(r.errors?.[0]?.message).toMatch(/is DRAFT/);
    expect(r.errors?.[0]?.message).toMatch(/updateIndicatorChangeRequest, submitIndicatorChangeRequest/);
    expect(await counts(w.fd)).toEqual(before);
  });

  it('FORBIDDEN for a preparer approving, NOT_FOUND for another department, CONFLICT for a stale version', async () => {
    const w = await world();
    const { request } = await propose(w.preparer, { type: 'ADMIT', definition: definition(w, '垃圾清运及时率') });
    const review = await toReview(w, request);
    const before = await counts(w.fd);

    const forbidden = await w.preparer.gql(APPROVE, { id: request.id, version: review.version });
    expect(forbidden.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const officerApproves = await w.officer.gql(APPROVE, { id: request.id, version: review.version });
    expect(officerApproves.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    const foreign = await w.agriOfficer.gql(PRECHECK, { id: request.id, version: review.version, decision: 'PASS' });
    expect(foreign.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['NOT_FOUND', `IndicatorChangeRequest ${request.id} does not exist.`],
    ]);

    const stale = await w.bureau.gql(APPROVE, { id: request.id, version: request.version });
    expect(stale.errors?.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    expect(await counts(w.fd)).toEqual(before);

    const [row] = await api.sql<{ status: string }>('select status from indicator_change_request where id = ?', [
      Number(request.id),
    ]);
    expect(row?.status).toBe('IN_REVIEW');
  });

  it('BAD_USER_INPUT for a department indicator filed in another department’s library', async () => {
    const w = await world();
    const category = (code: string, department: string) =>
      insertId(
        api,
        `insert into indicator_category (fiscal_division_code, code, name, scope, owner_department_id, sort_order)
         values (?, ?, ?, 'DEPARTMENT', ?, 1)`,
        [w.fd, code, `部门分类${code}`, department],
      );
    const own = await category('BM01', w.cityMgmt);
    const others = await category('BM02', w.agriculture);
    const departmental = (categoryId: string, name: string) => ({
      ...definition(w, name),
      scope: 'DEPARTMENT',
      categoryId,
    });
    const before = await counts(w.fd);
    const refused = await w.preparer.gql(PROPOSE, {
      input: { type: 'ADMIT', reason: '需要', definition: departmental(others, '农业示范基地数') },
    });
    expect(refused.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['BAD_USER_INPUT', 'categoryId'],
    ]);
    expect(refused.errors?.[0]?.message).toMatch(/another department's library/);
    expect(await counts(w.fd)).toEqual(before);
    // Its own department's category is fine.
    const { request } = await propose(w.preparer, { type: 'ADMIT', definition: departmental(own, '道路保洁面积') });
    expect(request.status).toBe('DRAFT');
  });

  it('lets exactly one of two simultaneous approvals of the same version through', async () => {
    const w = await world();
    const { request } = await propose(w.preparer, { type: 'ADMIT', definition: definition(w, '公厕保洁达标率') });
    const review = await toReview(w, request);
    const other = await signIn(Role.PERFORMANCE_ADMIN, w.fd);
    const results = await Promise.all([
      w.bureau.gql(APPROVE, { id: request.id, version: review.version }),
      other.gql(APPROVE, { id: request.id, version: review.version }),
    ]);
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(refused[0]?.errors?.[0]?.extensions?.code);
    const published = await api.sql<{ n: string }>(
      `select count(*) as n from indicator where fiscal_division_code = ? and name = '公厕保洁达标率'`,
      [w.fd],
    );
    expect(Number(published[0]?.n)).toBe(1);
    expect(await eventTypes(w.fd, request.id)).toEqual([
      'ADMISSION_PROPOSED',
      'ADMISSION_SUBMITTED',
      'ADMISSION_PRECHECKED',
      'ADMISSION_APPROVED',
    ]);
  });
});

const REQUEST_FIELDS = `id type status step version name decisionComment
  approvals { step decision comment actorName }
  resultIndicator { id code version status name }
  duplicateOf { id code }`;
const SIMILAR_FIELDS = 'similarity indicator { id code name }';
const PROPOSE = `mutation($input: ProposeIndicatorChangeInput!) {
  proposeIndicatorChange(input: $input) { request { ${REQUEST_FIELDS} } similar { ${SIMILAR_FIELDS} } }
}`;
const UPDATE = `mutation($id: ID!, $input: UpdateIndicatorChangeRequestInput!) {
  updateIndicatorChangeRequest(id: $id, input: $input) { ${REQUEST_FIELDS} }
}`;
const SUBMIT = `mutation($id: ID!, $version: Int!) { submitIndicatorChangeRequest(id: $id, version: $version) { ${REQUEST_FIELDS} } }`;
const PRECHECK = `mutation($id: ID!, $version: Int!, $decision: PrecheckDecision!, $comment: String) {
  precheckIndicatorChangeRequest(id: $id, version: $version, decision: $decision, comment: $comment) { ${REQUEST_FIELDS} }
}`;
const APPROVE = `mutation($id: ID!, $version: Int!, $comment: String) {
  approveIndicatorChangeRequest(id: $id, version: $version, comment: $comment) { ${REQUEST_FIELDS} }
}`;
const RETURN = `mutation($id: ID!, $version: Int!, $comment: String!) {
  returnIndicatorChangeRequest(id: $id, version: $version, comment: $comment) { ${REQUEST_FIELDS} }
}`;
const REJECT = `mutation($id: ID!, $version: Int!, $reason: String!, $duplicateOfId: ID) {
  rejectIndicatorChangeRequest(id: $id, version: $version, reason: $reason, duplicateOfId: $duplicateOfId) { ${REQUEST_FIELDS} }
}`;
const SIMILAR = `query($id: ID!) { indicatorChangeRequest(id: $id) { similarIndicators { ${SIMILAR_FIELDS} } } }`;
