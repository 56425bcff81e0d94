import { startApi, type TestApi, uniq } from '../helpers/api';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

type Id = { id: string };

/** A fiscal division of this test's own (random 9-digit code starting with 6), so counts are ours alone. */
async function newDivision(): Promise<string> {
  for (;;) {
    const code = `6${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const [row] = await api.sql<{ n: string }>('select count(*) as n from fiscal_division where code = ?', [code]);
    if (Number(row?.n) > 0) continue;
    await api.ok(CREATE_DIVISION, { input: { code, name: `入库测试区划${code}`, level: 'DISTRICT' } });
    return code;
  }
}

interface Queue {
  fd: string;
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
  const fd = await newDivision();
  const dept = async (code: string, name: string) =>
    (
      await api.ok<{ createDepartment: Id }>(CREATE_DEPARTMENT, {
        input: { fiscalDivisionCode: fd, code, name, kind: 'ADMINISTRATIVE' },
      })
    ).createDepartment.id;
  const cityMgmt = await dept('120', '郑州市城市管理局');
  const agriculture = await dept('130', '郑州市农业农村工作委员会');
  const framework = (
    await api.ok<{ createIndicatorFramework: Id }>(CREATE_FRAMEWORK, {
      input: { code: uniq('FW'), name: '入库测试体系', kind: 'PROJECT' },
    })
  ).createIndicatorFramework.id;
  const output = (
    await api.ok<{ createIndicatorFrameworkNode: Id }>(CREATE_NODE, {
      input: { frameworkId: framework, code: 'OUTPUT', name: '产出指标' },
    })
  ).createIndicatorFrameworkNode.id;
  const quantity = (
    await api.ok<{ createIndicatorFrameworkNode: Id }>(CREATE_NODE, {
      input: { frameworkId: framework, parentId: output, code: 'QTY', name: '数量指标' },
    })
  ).createIndicatorFrameworkNode.id;
  const category = (
    await api.ok<{ createIndicatorCategory: Id }>(CREATE_CATEGORY, {
      input: { fiscalDivisionCode: fd, scope: 'INDUSTRY', code: '12', name: '城市管理', ownerDepartmentId: cityMgmt },
    })
  ).createIndicatorCategory.id;
  const create = async (code: string, name: string) =>
    (
      await api.ok<{ createIndicator: Id }>(CREATE_INDICATOR, {
        input: {
          fiscalDivisionCode: fd,
          code,
          name,
          scope: 'INDUSTRY',
          categoryId: category,
          level2NodeId: quantity,
          defaultComparator: 'GE',
          defaultUnit: '%',
          valueType: 'QUANTITATIVE',
        },
      })
    ).createIndicator.id;
  const v1 = await create('HY12010001', '主次干道机械化清扫率');
  const vegetables = await create('HY12010002', '蔬菜生产保供基地面积');
  await api.sql(`update indicator set status = 'PUBLISHED', published_at = now() where id in (?, ?)`, [
    Number(v1),
    Number(vegetables),
  ]);
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
  return { fd, cityMgmt, agriculture, category, output, quantity, v1, v2, admit, returned, rejected, modify };
}

type ListResult = {
  indicatorChangeRequests: { totalCount: number; items: Array<{ id: string; name: string; status: string }> };
};

async function ids(filter: Record<string, unknown>, sort?: unknown): Promise<string[]> {
  const data = await api.ok<ListResult>(LIST_REQUESTS, { filter, sort });
  expect(data.indicatorChangeRequests.totalCount).toBe(data.indicatorChangeRequests.items.length);
  return data.indicatorChangeRequests.items.map((r) => r.id);
}

describe('indicator change requests (the admission queue, read side)', () => {
  it('shows a request with its typed proposal, department and relations', async () => {
    const q = await queue();
    const data = await api.ok<{ indicatorChangeRequest: Record<string, unknown> }>(REQUEST, { id: q.admit });
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
    const data = await api.ok<{ indicatorChangeRequest: { proposal: Record<string, unknown> } }>(PROPOSAL, {
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
    const returned = await api.ok<{ indicatorChangeRequest: { approvals: unknown[] } }>(APPROVALS, { id: q.returned });
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

    const links = await api.ok<Record<string, { [k: string]: unknown }>>(LINKS, {
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
    const data = await api.ok<Record<string, { changeRequests: Array<{ id: string; type: string }> }>>(
      INDICATOR_REQUESTS,
      { v1: q.v1, v2: q.v2 },
    );
    expect(data.v1?.changeRequests).toEqual([{ id: q.modify, type: 'MODIFY' }]);
    expect(data.v2?.changeRequests).toEqual([{ id: q.modify, type: 'MODIFY' }]);
    expect(await ids({ indicatorId: q.v2 })).toEqual([q.modify]);
  });

  it('lists the queue oldest first and filters it by type, status, department, indicator and name', async () => {
    const q = await queue();
    const fd = q.fd;
    expect(await ids({ fiscalDivisionCode: fd })).toEqual([q.admit, q.returned, q.rejected, q.modify]);
    expect(await ids({ fiscalDivisionCode: fd, type: 'MODIFY' })).toEqual([q.modify]);
    expect(await ids({ fiscalDivisionCode: fd, status: 'IN_REVIEW' })).toEqual([q.admit]);
    expect(await ids({ fiscalDivisionCode: fd, statuses: ['RETURNED', 'REJECTED'] })).toEqual([q.returned, q.rejected]);
    expect(await ids({ departmentId: q.agriculture })).toEqual([q.rejected]);
    expect(await ids({ indicatorId: q.v1 })).toEqual([q.modify]);
    expect(await ids({ fiscalDivisionCode: fd, search: '环卫' })).toEqual([q.admit]);
    expect(await ids({ fiscalDivisionCode: fd, search: '清扫率（含' })).toEqual([q.modify]);
    expect(await ids({ fiscalDivisionCode: fd, search: '%' })).toEqual([]);
  });

  it('sorts the queue by decision time, submission time and status', async () => {
    const q = await queue();
    const fd = q.fd;
    expect(
      await ids({ fiscalDivisionCode: fd, statuses: ['RETURNED', 'REJECTED', 'APPROVED'] }, [
        { field: 'DECIDED_AT', direction: 'DESC' },
      ]),
    ).toEqual([q.rejected, q.modify, q.returned]);
    expect(await ids({ fiscalDivisionCode: fd }, [{ field: 'SUBMITTED_AT', direction: 'DESC' }])).toEqual([
      q.modify,
      q.rejected,
      q.returned,
      q.admit,
    ]);
    expect(await ids({ fiscalDivisionCode: fd }, [{ field: 'STATUS' }])).toEqual([
      q.modify,
      q.admit,
      q.rejected,
      q.returned,
    ]);
    expect(await ids({ fiscalDivisionCode: fd }, [{ field: 'CREATED_AT', direction: 'DESC' }])).toEqual([
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
    const small = await api.gql<ListResult>(LIST_NESTED, { filter: { fiscalDivisionCode: q.fd }, sort, limit: 2 });
    const large = await api.gql<ListResult>(LIST_NESTED, { filter: { fiscalDivisionCode: q.fd }, sort, limit: 4 });
    expect(small.errors).toBeUndefined();
    expect(large.data?.indicatorChangeRequests.items).toHaveLength(4);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(8);
  });

  it('bounds the page size at 200 and answers an unknown id with null', async () => {
    const tooMany = await api.gql(LIST_REQUESTS, { filter: {}, limit: 201 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toMatch(/limit/);
    const badId = await api.gql(LIST_REQUESTS, { filter: { departmentId: '-1' } });
    expect(badId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const one = await api.ok<{ indicatorChangeRequest: unknown }>(REQUEST, { id: '999999999' });
    expect(one.indicatorChangeRequest).toBeNull();
  });
});

const CREATE_DIVISION = `mutation($input: CreateFiscalDivisionInput!) { createFiscalDivision(input: $input) { code } }`;
const CREATE_DEPARTMENT = `mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }`;
const CREATE_FRAMEWORK = `mutation($input: CreateIndicatorFrameworkInput!) { createIndicatorFramework(input: $input) { id } }`;
const CREATE_NODE = `mutation($input: CreateIndicatorFrameworkNodeInput!) { createIndicatorFrameworkNode(input: $input) { id } }`;
const CREATE_CATEGORY = `mutation($input: CreateIndicatorCategoryInput!) { createIndicatorCategory(input: $input) { id } }`;
const CREATE_INDICATOR = `mutation($input: CreateIndicatorInput!) { createIndicator(input: $input) { id } }`;
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
