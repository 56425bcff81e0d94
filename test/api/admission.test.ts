import { Role } from '../../server/modules/identity';
import { type Client, startApi, type TestApi } from '../helpers/api';
import { createFiscalDivision } from '../helpers/users';
import { buildIndicatorLibrary, signIn as signInAs } from '../helpers/world';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

type Id = { id: string };

/** A signed-in client of a new user with one role in a fiscal division and, for scoped roles, its unit. */
const signIn = (
  role: Role,
  fiscalDivisionCode: string,
  scope: { departmentId?: string; financeDivisionId?: string } = {},
) => signInAs(api, [role], fiscalDivisionCode, scope);

interface Queue {
  /** A fiscal division of this test's own, so counts are ours alone. */
  fd: string;
  /** A PERFORMANCE_ADMIN of the division: curates the library and reads the whole queue. */
  bureau: Client;
  cityMgmt: string;
  agriculture: string;
  category: string;
  output: string;
  quantity: string;
  /** A published indicator (version 1) and its version 2 published by the MODIFY request. */
  v1: string;
  v2: string;
  /** ADMIT in review (oldest), ADMIT returned, ADMIT rejected as duplicate, MODIFY approved (newest). */
  admit: string;
  returned: string;
  rejected: string;
  modify: string;
}

async function request(
  fd: string,
  values: {
    type: string;
    status: string;
    step?: string;
    name: string;
    proposal: unknown;
    departmentId: string;
    indicatorId?: string;
    resultIndicatorId?: string;
    duplicateOfId?: string;
    decisionComment?: string;
    createdAt: string;
    submittedAt?: string;
    decidedAt?: string;
  },
): Promise<string> {
  const [row] = await api.sql<{ id: number }>(
    `insert into indicator_change_request (fiscal_division_code, type, status, step, indicator_id, name, proposal,
       reason, example_project, department_id, applicant_name, result_indicator_id, duplicate_of_id, decision_comment,
       submitted_at, decided_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [
      fd,
      values.type,
      values.status,
      values.step ?? null,
      values.indicatorId ? Number(values.indicatorId) : null,
      values.name,
      JSON.stringify(values.proposal),
      `需要${values.name}衡量项目产出`,
      '智慧环卫建设项目',
      Number(values.departmentId),
      '张三',
      values.resultIndicatorId ? Number(values.resultIndicatorId) : null,
      values.duplicateOfId ? Number(values.duplicateOfId) : null,
      values.decisionComment ?? null,
      values.submittedAt ?? null,
      values.decidedAt ?? null,
      values.createdAt,
      values.createdAt,
    ],
  );
  return String(row?.id);
}

async function approval(
  fd: string,
  requestId: string,
  step: string,
  decision: string,
  comment: string,
  at: string,
): Promise<void> {
  await api.sql(
    `insert into indicator_change_approval (fiscal_division_code, request_id, step, actor_name, decision, comment, decided_at)
     values (?, ?, ?, ?, ?, ?, ?)`,
    [
      fd,
      Number(requestId),
      step,
      step === 'DEPARTMENT_PRECHECK' ? '部门管理员' : '绩效处审核员',
      decision,
      comment,
      at,
    ],
  );
}

/** The library and a queue arranged in SQL: the admission workflow that writes these rows comes in a later issue. */
async function queue(): Promise<Queue> {
  const { fd, bureau, cityMgmt, agriculture, category, output, quantity, sweeping, vegetables } =
    await buildIndicatorLibrary(api, {
      name: '入库测试区划',
      frameworkName: '入库测试体系',
      category: { code: '12', ownedByCityMgmt: true },
    });
  const v1 = sweeping;
  const [v2row] = await api.sql<{ id: number }>(
    `insert into indicator (fiscal_division_code, code, version_no, name, scope, category_id, level1node_id,
       level2node_id, default_comparator, default_unit, value_type, status, supersedes_id, published_at, created_at,
       updated_at)
     select fiscal_division_code, code, 2, '主次干道机械化清扫率（含夜间）', scope, category_id, level1node_id,
       level2node_id, default_comparator, default_unit, value_type, 'PUBLISHED', id, now(), now(), now()
     from indicator where id = ? returning id`,
    [Number(v1)],
  );
  await api.sql(`update indicator set status = 'SUPERSEDED' where id = ?`, [Number(v1)]);
  const v2 = String(v2row?.id);

  const admit = await request(fd, {
    type: 'ADMIT',
    status: 'IN_REVIEW',
    step: 'PERFORMANCE_REVIEW',
    name: '智慧环卫车辆在线率',
    proposal: {
      name: '智慧环卫车辆在线率',
      scope: 'INDUSTRY',
      categoryId: Number(category),
      level1NodeId: Number(output),
      level2NodeId: Number(quantity),
      explanation: '在线车辆数/环卫车辆总数',
      defaultComparator: 'GE',
      defaultUnit: '%',
      valueType: 'QUANTITATIVE',
      referenceValue: '95',
      visibility: 'PUBLIC',
    },
    departmentId: cityMgmt,
    createdAt: '2026-03-01T08:00:00Z',
    submittedAt: '2026-03-02T08:00:00Z',
  });
  const returned = await request(fd, {
    type: 'ADMIT',
    status: 'RETURNED',
    name: '道路保洁作业覆盖率',
    // Free-form JSON: an unknown comparator and a missing name must not fail the response.
    proposal: { defaultComparator: 'ABOUT', scope: 'INDUSTRY' },
    departmentId: cityMgmt,
    decisionComment: '请补充计算方法',
    createdAt: '2026-03-03T08:00:00Z',
    submittedAt: '2026-03-04T08:00:00Z',
    decidedAt: '2026-03-06T08:00:00Z',
  });
  await approval(fd, returned, 'DEPARTMENT_PRECHECK', 'PASS', '同意报送', '2026-03-05T08:00:00Z');
  await approval(fd, returned, 'PERFORMANCE_REVIEW', 'RETURN', '请补充计算方法', '2026-03-06T08:00:00Z');
  const rejected = await request(fd, {
    type: 'ADMIT',
    status: 'REJECTED',
    name: '蔬菜生产保供基地面积',
    proposal: { name: '蔬菜生产保供基地面积', categoryId: category, defaultComparator: 'GE', defaultUnit: '亩' },
    departmentId: agriculture,
    duplicateOfId: vegetables,
    decisionComment: '与现有指标 HY12010002 重复',
    createdAt: '2026-03-05T08:00:00Z',
    submittedAt: '2026-03-05T09:00:00Z',
    decidedAt: '2026-03-08T08:00:00Z',
  });
  const modify = await request(fd, {
    type: 'MODIFY',
    status: 'APPROVED',
    name: '主次干道机械化清扫率（含夜间）',
    proposal: {
      code: 'HY12010001',
      name: '主次干道机械化清扫率（含夜间）',
      categoryId: Number(category),
      level1NodeId: String(output),
      defaultComparator: 'GE',
      defaultUnit: '%',
    },
    departmentId: cityMgmt,
    indicatorId: v1,
    resultIndicatorId: v2,
    createdAt: '2026-03-07T08:00:00Z',
    submittedAt: '2026-03-07T09:00:00Z',
    decidedAt: '2026-03-07T10:00:00Z',
  });
  return { fd, bureau, cityMgmt, agriculture, category, output, quantity, v1, v2, admit, returned, rejected, modify };
}

type ListResult = {
  indicatorChangeRequests: { totalCount: number; items: Array<{ id: string; name: string; status: string }> };
};

/** The ids of the requests a caller sees. */
async function ids(client: Client, filter: Record<string, unknown>, sort?: unknown): Promise<string[]> {
  const data = await client.ok<ListResult>(LIST_REQUESTS, { filter, sort });
  expect(data.indicatorChangeRequests.totalCount).toBe(data.indicatorChangeRequests.items.length);
  return data.indicatorChangeRequests.items.map((r) => r.id);
}

describe('indicator change requests (the admission queue, read side)', () => {
  it('shows a request with its typed proposal, department and relations', async () => {
    const q = await queue();
    const data = await q.bureau.ok<{ indicatorChangeRequest: Record<string, unknown> }>(REQUEST, { id: q.admit });
    expect(data.indicatorChangeRequest).toEqual({
      id: q.admit,
      fiscalDivisionCode: q.fd,
      type: 'ADMIT',
      status: 'IN_REVIEW',
      step: 'PERFORMANCE_REVIEW',
      name: '智慧环卫车辆在线率',
      reason: '需要智慧环卫车辆在线率衡量项目产出',
      exampleProject: '智慧环卫建设项目',
      applicantName: '张三',
      decisionComment: null,
      submittedAt: '2026-03-02T08:00:00.000Z',
      decidedAt: null,
      createdAt: '2026-03-01T08:00:00.000Z',
      version: 1,
      department: { name: '郑州市城市管理局' },
      indicator: null,
      resultIndicator: null,
      duplicateOf: null,
      approvals: [],
      proposal: {
        code: null,
        name: '智慧环卫车辆在线率',
        scope: 'INDUSTRY',
        categoryId: q.category,
        level1NodeId: q.output,
        level2NodeId: q.quantity,
        explanation: '在线车辆数/环卫车辆总数',
        calculationMethod: null,
        scoringRule: null,
        defaultComparator: 'GE',
        defaultUnit: '%',
        valueType: 'QUANTITATIVE',
        referenceValue: '95',
        dataSource: null,
        visibility: 'PUBLIC',
        category: { name: '城市管理', ownerDepartment: { name: '郑州市城市管理局' } },
        level1: { name: '产出指标' },
        level2: { name: '数量指标' },
      },
    });
  });

  it('keeps an odd proposal readable: unknown values become null and the name falls back to the request', async () => {
    const q = await queue();
    const data = await q.bureau.ok<{ indicatorChangeRequest: { proposal: Record<string, unknown> } }>(PROPOSAL, {
      id: q.returned,
    });
    expect(data.indicatorChangeRequest.proposal).toEqual({
      name: '道路保洁作业覆盖率',
      scope: 'INDUSTRY',
      defaultComparator: null,
      category: null,
    });
  });

  it('lists the approval records in order and links duplicates, modified and resulting versions', async () => {
    const q = await queue();
    const returned = await q.bureau.ok<{ indicatorChangeRequest: { approvals: unknown[] } }>(APPROVALS, {
      id: q.returned,
    });
    expect(returned.indicatorChangeRequest.approvals).toEqual([
      {
        step: 'DEPARTMENT_PRECHECK',
        actorName: '部门管理员',
        decision: 'PASS',
        comment: '同意报送',
        decidedAt: '2026-03-05T08:00:00.000Z',
      },
      {
        step: 'PERFORMANCE_REVIEW',
        actorName: '绩效处审核员',
        decision: 'RETURN',
        comment: '请补充计算方法',
        decidedAt: '2026-03-06T08:00:00.000Z',
      },
    ]);

    const links = await q.bureau.ok<Record<string, { [k: string]: unknown }>>(LINKS, {
      rejected: q.rejected,
      modify: q.modify,
    });
    expect(links.rejected).toEqual({
      status: 'REJECTED',
      decisionComment: '与现有指标 HY12010002 重复',
      department: { name: '郑州市农业农村工作委员会' },
      duplicateOf: { code: 'HY12010002', status: 'PUBLISHED' },
      indicator: null,
      resultIndicator: null,
    });
    expect(links.modify).toEqual({
      status: 'APPROVED',
      decisionComment: null,
      department: { name: '郑州市城市管理局' },
      duplicateOf: null,
      indicator: { id: q.v1, version: 1, status: 'SUPERSEDED' },
      resultIndicator: { id: q.v2, version: 2, status: 'PUBLISHED' },
    });
  });

  it('answers Indicator.changeRequests with the requests about a version or that published it', async () => {
    const q = await queue();
    const data = await q.bureau.ok<Record<string, { changeRequests: Array<{ id: string; type: string }> }>>(
      INDICATOR_REQUESTS,
      { v1: q.v1, v2: q.v2 },
    );
    expect(data.v1?.changeRequests).toEqual([{ id: q.modify, type: 'MODIFY' }]);
    expect(data.v2?.changeRequests).toEqual([{ id: q.modify, type: 'MODIFY' }]);
    expect(await ids(q.bureau, { indicatorId: q.v2 })).toEqual([q.modify]);
  });

  it('lists the queue oldest first and filters it by type, status, department, indicator and name', async () => {
    const q = await queue();
    const fd = q.fd;
    expect(await ids(q.bureau, { fiscalDivisionCode: fd })).toEqual([q.admit, q.returned, q.rejected, q.modify]);
    expect(await ids(q.bureau, { fiscalDivisionCode: fd, type: 'MODIFY' })).toEqual([q.modify]);
    expect(await ids(q.bureau, { fiscalDivisionCode: fd, status: 'IN_REVIEW' })).toEqual([q.admit]);
    expect(await ids(q.bureau, { fiscalDivisionCode: fd, statuses: ['RETURNED', 'REJECTED'] })).toEqual([
      q.returned,
      q.rejected,
    ]);
    expect(await ids(q.bureau, { departmentId: q.agriculture })).toEqual([q.rejected]);
    expect(await ids(q.bureau, { indicatorId: q.v1 })).toEqual([q.modify]);
    expect(await ids(q.bureau, { fiscalDivisionCode: fd, search: '环卫' })).toEqual([q.admit]);
    expect(await ids(q.bureau, { fiscalDivisionCode: fd, search: '清扫率（含' })).toEqual([q.modify]);
    expect(await ids(q.bureau, { fiscalDivisionCode: fd, search: '%' })).toEqual([]);
  });

  it('sorts the queue by decision time, submission time and status', async () => {
    const q = await queue();
    const fd = q.fd;
    expect(
      await ids(q.bureau, { fiscalDivisionCode: fd, statuses: ['RETURNED', 'REJECTED', 'APPROVED'] }, [
        { field: 'DECIDED_AT', direction: 'DESC' },
      ]),
    ).toEqual([q.rejected, q.modify, q.returned]);
    expect(await ids(q.bureau, { fiscalDivisionCode: fd }, [{ field: 'SUBMITTED_AT', direction: 'DESC' }])).toEqual([
      q.modify,
      q.rejected,
      q.returned,
      q.admit,
    ]);
    expect(await ids(q.bureau, { fiscalDivisionCode: fd }, [{ field: 'STATUS' }])).toEqual([
      q.modify,
      q.admit,
      q.rejected,
      q.returned,
    ]);
    expect(await ids(q.bureau, { fiscalDivisionCode: fd }, [{ field: 'CREATED_AT', direction: 'DESC' }])).toEqual([
      q.modify,
      q.rejected,
      q.returned,
      q.admit,
    ]);
  });

  it('loads the relations of a page with a fixed number of statements, whatever its size', async () => {
    const q = await queue();
    // Newest first, so the small page already holds every kind of relation (the MODIFY and the duplicate).
    const sort = [{ field: 'CREATED_AT', direction: 'DESC' }];
    const small = await q.bureau.gql<ListResult>(LIST_NESTED, { filter: { fiscalDivisionCode: q.fd }, sort, limit: 2 });
    const large = await q.bureau.gql<ListResult>(LIST_NESTED, { filter: { fiscalDivisionCode: q.fd }, sort, limit: 4 });
    expect(small.errors).toBeUndefined();
    expect(large.data?.indicatorChangeRequests.items).toHaveLength(4);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(8);
  });

  it('bounds the page size at 200 and answers an unknown id as NOT_FOUND', async () => {
    const q = await queue();
    const tooMany = await q.bureau.gql(LIST_REQUESTS, { filter: {}, limit: 201 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toMatch(/limit/);
    const badId = await q.bureau.gql(LIST_REQUESTS, { filter: { departmentId: '-1' } });
    expect(badId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const one = await q.bureau.gql(REQUEST, { id: '999999999' });
    expect(one.data).toBeNull();
    expect(one.errors?.map((e) => [e.extensions?.code, e.extensions?.type])).toEqual([
      ['NOT_FOUND', 'IndicatorChangeRequest'],
    ]);
  });
});

describe('who sees the admission queue', () => {
  it('refuses the queue to anonymous callers (UNAUTHENTICATED) and shows them no requests on indicators', async () => {
    const q = await queue();
    const list = await api.gql(LIST_REQUESTS, { filter: { fiscalDivisionCode: q.fd } });
    expect(list.data).toBeNull();
    expect(list.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const one = await api.gql(REQUEST, { id: q.admit });
    expect(one.data).toBeNull();
    expect(one.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);

    // v2 is published and public, so the public sees it, but not the request that published it.
    const published = await api.ok<{ indicator: { id: string; changeRequests: unknown[] } }>(CHANGE_REQUESTS_OF, {
      id: q.v2,
    });
    expect(published.indicator).toEqual({ id: q.v2, changeRequests: [] });
  });

  it('refuses the queue to roles without ReadAdmission (FORBIDDEN) and shows them no requests on indicators', async () => {
    const q = await queue();
    for (const role of [Role.ANALYST, Role.INTEGRATION]) {
      const client = await signIn(role, q.fd);
      const list = await client.gql(LIST_REQUESTS, { filter: { fiscalDivisionCode: q.fd } });
      expect(list.data).toBeNull();
      expect(list.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
        ['FORBIDDEN', 'Query.indicatorChangeRequests'],
      ]);
      const one = await client.gql(REQUEST, { id: q.admit });
      expect(one.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const relation = await client.ok<{ indicator: { changeRequests: unknown[] } }>(CHANGE_REQUESTS_OF, { id: q.v2 });
      expect(relation.indicator.changeRequests).toEqual([]);
    }
  });

  it('shows a department only its own department’s requests: list, count, lookup and relation', async () => {
    const q = await queue();
    const cityMgmt = await signIn(Role.UNIT_PREPARER, q.fd, { departmentId: q.cityMgmt });
    const agriculture = await signIn(Role.DEPARTMENT_OFFICER, q.fd, { departmentId: q.agriculture });

    expect(await ids(cityMgmt, { fiscalDivisionCode: q.fd })).toEqual([q.admit, q.returned, q.modify]);
    expect(await ids(agriculture, { fiscalDivisionCode: q.fd })).toEqual([q.rejected]);
    // Filtering for another department's requests finds nothing, rather than refusing (which would tell them apart).
    expect(await ids(cityMgmt, { departmentId: q.agriculture })).toEqual([]);
    const page = await cityMgmt.ok<ListResult>(LIST_REQUESTS, { filter: { fiscalDivisionCode: q.fd }, limit: 1 });
    expect(page.indicatorChangeRequests.totalCount).toBe(3);

    // Another department's request answers exactly as one that does not exist.
    const probe = await cityMgmt.gql(REQUEST, { id: q.rejected });
    const missing = await cityMgmt.gql(REQUEST, { id: '999999999' });
    expect(probe.data).toBeNull();
    expect(probe.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['NOT_FOUND', `IndicatorChangeRequest ${q.rejected} does not exist.`],
    ]);
    expect(missing.errors?.[0]?.message).toBe('IndicatorChangeRequest 999999999 does not exist.');
    const theirs = await agriculture.gql(REQUEST, { id: q.modify });
    expect(theirs.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);

    // The approvals of a request it sees come with it.
    const own = await cityMgmt.ok<{ indicatorChangeRequest: { approvals: Array<{ decision: string }> } }>(APPROVALS, {
      id: q.returned,
    });
    expect(own.indicatorChangeRequest.approvals.map((a) => a.decision)).toEqual(['PASS', 'RETURN']);

    // Indicator.changeRequests obeys the same rule.
    const forCityMgmt = await cityMgmt.ok<{ indicator: { changeRequests: Id[] } }>(CHANGE_REQUESTS_OF, { id: q.v2 });
    expect(forCityMgmt.indicator.changeRequests).toEqual([{ id: q.modify }]);
    const forAgriculture = await agriculture.ok<{ indicator: { changeRequests: Id[] } }>(CHANGE_REQUESTS_OF, {
      id: q.v2,
    });
    expect(forAgriculture.indicator.changeRequests).toEqual([]);
  });

  it('shows an expenditure reviewer its managed departments’ requests and bureau roles their own division’s', async () => {
    const q = await queue();
    const [division] = await api.sql<{ id: number }>(
      `insert into finance_division (fiscal_division_code, code, name, kind, created_at, updated_at)
       values (?, 'CJC', '城建处', 'EXPENDITURE', now(), now()) returning id`,
      [q.fd],
    );
    await api.sql('update department set managing_division_id = ? where id = ?', [division?.id, Number(q.cityMgmt)]);
    const reviewer = await signIn(Role.EXPENDITURE_REVIEWER, q.fd, { financeDivisionId: String(division?.id) });
    expect(await ids(reviewer, { fiscalDivisionCode: q.fd })).toEqual([q.admit, q.returned, q.modify]);
    const unmanaged = await reviewer.gql(REQUEST, { id: q.rejected });
    expect(unmanaged.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);

    const observer = await signIn(Role.OBSERVER, q.fd);
    expect(await ids(observer, { fiscalDivisionCode: q.fd })).toEqual([q.admit, q.returned, q.rejected, q.modify]);
    const elsewhere = await signIn(Role.PERFORMANCE_ADMIN, await createFiscalDivision(api));
    expect(await ids(elsewhere, {})).toEqual([]);
    const foreign = await elsewhere.gql(REQUEST, { id: q.admit });
    expect(foreign.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });
});

const REQUEST = `query($id: ID!) {
  indicatorChangeRequest(id: $id) {
    id fiscalDivisionCode type status step name reason exampleProject applicantName decisionComment
    submittedAt decidedAt createdAt version
    department { name }
    indicator { id }
    resultIndicator { id }
    duplicateOf { id }
    approvals { id }
    proposal {
      code name scope categoryId level1NodeId level2NodeId explanation calculationMethod scoringRule
      defaultComparator defaultUnit valueType referenceValue dataSource visibility
      category { name ownerDepartment { name } }
      level1 { name }
      level2 { name }
    }
  }
}`;
const PROPOSAL = `query($id: ID!) {
  indicatorChangeRequest(id: $id) { proposal { name scope defaultComparator category { name } } }
}`;
const APPROVALS = `query($id: ID!) {
  indicatorChangeRequest(id: $id) { approvals { step actorName decision comment decidedAt } }
}`;
const LINK_FIELDS = `status decisionComment department { name } duplicateOf { code status }
  indicator { id version status } resultIndicator { id version status }`;
const LINKS = `query($rejected: ID!, $modify: ID!) {
  rejected: indicatorChangeRequest(id: $rejected) { ${LINK_FIELDS} }
  modify: indicatorChangeRequest(id: $modify) { ${LINK_FIELDS} }
}`;
const INDICATOR_REQUESTS = `query($v1: ID!, $v2: ID!) {
  v1: indicator(id: $v1) { changeRequests { id type } }
  v2: indicator(id: $v2) { changeRequests { id type } }
}`;
const LIST_REQUESTS = `query($filter: IndicatorChangeRequestFilter, $sort: [IndicatorChangeRequestSort!], $limit: Int) {
  indicatorChangeRequests(filter: $filter, sort: $sort, limit: $limit) { totalCount items { id name status } }
}`;
const LIST_NESTED = `query($filter: IndicatorChangeRequestFilter, $sort: [IndicatorChangeRequestSort!], $limit: Int) {
  indicatorChangeRequests(filter: $filter, sort: $sort, limit: $limit) {
    totalCount
    items {
      id name status
      department { name }
      indicator { code versions { version } }
      resultIndicator { code category { name } }
      duplicateOf { code }
      approvals { decision }
      proposal { name category { name } level1 { name } }
    }
  }
}`;
const CHANGE_REQUESTS_OF = `query($id: ID!) { indicator(id: $id) { id changeRequests { id } } }`;
