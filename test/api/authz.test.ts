import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getMetadataStorage } from 'type-graphql';
import { buildApiSchema } from '../../server/graphql/schema';
import { Role } from '../../server/modules/identity';
import {
  FIELD_MATRIX,
  type FieldAccess,
  renderFieldMatrix,
  renderRolePermissions,
} from '../../server/modules/identity/identity.matrix';
import { type Client, startApi, type TestApi } from '../helpers/api';
import { createFiscalDivision, createUser } from '../helpers/users';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

describe('the README shows the tables the code enforces', () => {
  const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
  const block = (name: string) =>
    new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(readme)?.[1];
  it('role → permission table', () => {
    expect(block('role-permissions')).toBe(renderRolePermissions());
  });
  it('field matrix', () => {
    expect(block('field-matrix')).toBe(renderFieldMatrix());
  });
});

describe('every operation is guarded or explicitly public', () => {
  it('walks the schema: each query and mutation has @Authorized or @Public', async () => {
    await buildApiSchema();
    const storage = getMetadataStorage();
    const operations = [...storage.queries, ...storage.mutations];
    const unguarded = operations
      .filter((op) => {
        const guarded = storage.authorizedFields.some((a) => a.target === op.target && a.fieldName === op.methodName);
        const isPublic = storage.fieldExtensions.some(
          (e) => e.target === op.target && e.fieldName === op.methodName && e.extensions.public === true,
        );
        return !guarded && !isPublic;
      })
      .map((op) => op.schemaName);
    expect(operations.length).toBeGreaterThan(50);
    expect(unguarded).toEqual([]);
  });

  it('the restricted fields carry the guards the matrix names', async () => {
    await buildApiSchema();
    const storage = getMetadataStorage();
    const guardOf = (type: string, field: string) =>
      storage.authorizedFields.find((a) => a.target.name === type && a.fieldName === field)?.roles ?? [];
    const mismatches = FIELD_MATRIX.filter((f) => f.guard !== undefined)
      .map((f) => ({ field: `${f.type}.${f.field}`, expected: [f.guard], actual: guardOf(f.type, f.field) }))
      .filter((m) => JSON.stringify(m.expected) !== JSON.stringify(m.actual));
    expect(mismatches).toEqual([]);
  });
});

/** A world with one row of each kind a restricted field lives on, and a user of every role that can see it. */
interface World {
  clients: Record<Role | 'ANONYMOUS', Client>;
  userIds: Record<Role, number>;
  reviewInJoint: number;
  reviewApproved: number;
  budgetOpen: number;
  budgetApproved: number;
  targetApproved: number;
}

async function buildWorld(): Promise<World> {
  const fd = await createFiscalDivision(api, '矩阵测试区');
  const one = async (sql: string, params: unknown[]) => Number((await api.sql<{ id: number }>(sql, params))[0]?.id);
  const division = await one(
    `insert into finance_division (fiscal_division_code, code, name, kind, created_at, updated_at)
     values (?, 'EXP', '社会保障处', 'EXPENDITURE', now(), now()) returning id`,
    [fd],
  );
  const department = await one(
    `insert into department (fiscal_division_code, code, name, kind, managing_division_id, industry_pilot, created_at, updated_at)
     values (?, 'D1', '矩阵民政局', 'ADMINISTRATIVE', ?, false, now(), now()) returning id`,
    [fd, division],
  );
  const framework = Number(
    (await api.sql<{ id: number }>(`select id from indicator_framework where code = 'Y2021'`))[0]?.id,
  );
  const project = (code: string) =>
    one(
      `insert into project (fiscal_division_code, code, name, department_id, managing_division_id, attribute, start_year,
         term_years, budget_type, major_policy, special_fund, transfer_payment, phase, created_at, updated_at, version)
       values (?, ?, ?, ?, ?, 'CONTINUING', 2022, 1, 'GENERAL_PUBLIC', false, false, false, 'BUDGETED', now(), now(), 1) returning id`,
      [fd, code, `矩阵项目${code}`, department, division],
    );
  const p1 = await project('P1');
  const p2 = await project('P2');
  const budget = (p: number, approved: string | null) =>
    one(
      `insert into project_budget (fiscal_division_code, project_id, fiscal_year, requested, audited, approved, decision,
         created_at, updated_at, version)
       values (?, ?, 2022, '1000000.00', '900000.00', ?, ?, now(), now(), 1) returning id`,
      [fd, p, approved, approved ? 'REDUCED' : null],
    );
  const target = (p: number, status: string) =>
    one(
      `insert into performance_target (fiscal_division_code, kind, fiscal_year, project_id, department_id, framework_id,
         overall_goal, annual_goal, funds, status, review_round, submit_to_congress, submitted_at, created_at, updated_at, version)
       values (?, 'PROJECT', 2022, ?, ?, ?, '总体目标', '年度目标', '1000000.00', ?, 1, false, now(), now(), now(), 1) returning id`,
      [fd, p, department, framework, status],
    );
  const review = (t: number) =>
    one(
      `insert into target_review (fiscal_division_code, target_id, stage, round, reviewer_name, organisation_id,
         organisation_name, scores, total_score, decision, feedback, internal_note, reviewed_at)
       values (?, ?, 'INITIAL_EXPENDITURE', 1, '张审核', ?, '社会保障处',
         '[{"criterion":"RELEVANCE","score":"18.00","passed":null,"comment":"相关"}]'::jsonb, '88.00', 'PASS', '通过', '内部意见', now())
       returning id`,
      [fd, t, division],
    );
  const tJoint = await target(p1, 'JOINT_REVIEW');
  const tApproved = await target(p2, 'APPROVED');
  const world = {
    reviewInJoint: await review(tJoint),
    reviewApproved: await review(tApproved),
    budgetOpen: await budget(p1, null),
    budgetApproved: await budget(p2, '800000.00'),
    targetApproved: tApproved,
  };
  const clients = { ANONYMOUS: api as Client } as World['clients'];
  const userIds = {} as World['userIds'];
  for (const role of Object.values(Role)) {
    const user = await createUser(api, {
      roles: [role],
      fiscalDivisionCode: fd,
      departmentId: role === Role.UNIT_PREPARER || role === Role.DEPARTMENT_OFFICER ? department : null,
      financeDivisionId: role === Role.EXPENDITURE_REVIEWER ? division : null,
      email: `${role.toLowerCase()}@example.invalid`,
    });
    clients[role] = api.as(user.token);
    userIds[role] = user.id;
  }
  return { ...world, clients, userIds };
}

/** Reads one field of one row as a caller; `value` is undefined when the field or the row was refused. */
async function read(client: Client, query: string, variables: Record<string, unknown>, root: string, field: string) {
  const r = await client.gql<Record<string, Record<string, unknown> | null>>(query, variables);
  const value = r.data?.[root]?.[field];
  const fieldError = r.errors?.find((e) => e.path?.[e.path.length - 1] === field);
  return { value: value === null ? undefined : value, fieldError, errors: r.errors ?? [] };
}

const subjects = ['ANONYMOUS', ...Object.values(Role)] as const;

function expectedReader(f: FieldAccess, who: Role | 'ANONYMOUS', condition: 'plain' | 'joint' | 'approved' | 'self') {
  if (who === 'ANONYMOUS')
    return f.anonymous === true || (f.anonymous === 'once the budget is approved' && condition === 'approved');
  if (f.readers.includes(who)) return true;
  const c = f.conditionalReaders;
  if (!c?.roles.includes(who)) return false;
  return (
    (c.when === 'while the target is in JOINT_REVIEW' && condition === 'joint') ||
    (c.when === 'once the budget is approved' && condition === 'approved') ||
    (c.when === 'on their own user' && condition === 'self')
  );
}

describe('the field matrix, cell by cell', () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  }, 60_000);

  const REVIEW = (field: string) =>
    `query($id: ID!) { targetReview(id: $id) { id ${field === 'scores' ? 'scores { criterion score }' : field} } }`;
  const reviewFields = FIELD_MATRIX.filter((f) => f.type === 'TargetReview');

  it.each(reviewFields.map((f) => [f.field, f]))(
    'TargetReview.%s: read as written, for every role',
    async (_name, f) => {
      const cells: string[] = [];
      for (const who of subjects) {
        for (const [condition, id] of [
          ['joint', world.reviewInJoint],
          ['plain', world.reviewApproved],
        ] as const) {
          const r = await read(world.clients[who], REVIEW(f.field), { id: String(id) }, 'targetReview', f.field);
          const allowed = expectedReader(f, who, condition);
          if ((r.value !== undefined) !== allowed)
            cells.push(`${who}/${condition}: expected ${allowed ? 'value' : 'refusal'}`);
        }
      }
      expect(cells).toEqual([]);
    },
  );

  it('a refused field is null with FORBIDDEN naming it, and the rest of the row is intact', async () => {
    const r = await world.clients[Role.DEPARTMENT_OFFICER].gql<{
      targetReview: { id: string; decision: string; internalNote: null };
    }>('query($id: ID!) { targetReview(id: $id) { id decision internalNote } }', { id: String(world.reviewInJoint) });
    expect(r.data?.targetReview).toEqual({ id: String(world.reviewInJoint), decision: 'PASS', internalNote: null });
    expect(r.errors?.map((e) => ({ code: e.extensions?.code, field: e.extensions?.field }))).toEqual([
      { code: 'FORBIDDEN', field: 'TargetReview.internalNote' },
    ]);
  });

  it.each(FIELD_MATRIX.filter((f) => f.type === 'ProjectBudget' && f.guard !== undefined).map((f) => [f.field, f]))(
    'ProjectBudget.%s: read as written, before and after approval, for every role',
    async (_name, f) => {
      const cells: string[] = [];
      for (const who of subjects) {
        for (const [condition, id] of [
          ['plain', world.budgetOpen],
          ['approved', world.budgetApproved],
        ] as const) {
          const q = `query($id: ID!) { projectBudget(id: $id) { id ${f.field} } }`;
          const r = await read(world.clients[who], q, { id: String(id) }, 'projectBudget', f.field);
          const allowed = expectedReader(f, who, condition);
          if ((r.value !== undefined) !== allowed)
            cells.push(`${who}/${condition}: expected ${allowed ? 'value' : 'refusal'}`);
        }
      }
      expect(cells).toEqual([]);
    },
  );

  it.each(FIELD_MATRIX.filter((f) => f.type === 'PerformanceTarget').map((f) => [f.field, f]))(
    'PerformanceTarget.%s: read as written, for every role',
    async (_name, f) => {
      const cells: string[] = [];
      for (const who of subjects) {
        const q = `query($id: ID!) { performanceTarget(id: $id) { id ${f.field} } }`;
        const r = await read(world.clients[who], q, { id: String(world.targetApproved) }, 'performanceTarget', f.field);
        const allowed = expectedReader(f, who, 'plain');
        if ((r.value !== undefined) !== allowed) cells.push(`${who}: expected ${allowed ? 'value' : 'refusal'}`);
      }
      expect(cells).toEqual([]);
    },
  );

  it.each(FIELD_MATRIX.filter((f) => f.type === 'User').map((f) => [f.field, f]))(
    'User.%s: the user itself, and whom the matrix names',
    async (_name, f) => {
      const cells: string[] = [];
      for (const who of Object.values(Role)) {
        const self = await read(world.clients[who], `{ me { id ${f.field} } }`, {}, 'me', f.field);
        if ((self.value !== undefined) !== expectedReader(f, who, 'self')) cells.push(`${who}/self`);
        const other = await read(
          world.clients[who],
          `query($id: ID!) { user(id: $id) { id ${f.field} } }`,
          {
            id: String(world.userIds[who === Role.ANALYST ? Role.OBSERVER : Role.ANALYST]),
          },
          'user',
          f.field,
        );
        if ((other.value !== undefined) !== expectedReader(f, who, 'plain')) cells.push(`${who}/other`);
      }
      expect(cells).toEqual([]);
    },
  );

  it('writes budget fields exactly as the matrix says', async () => {
    const attempts: Array<{ field: string; input: Record<string, unknown> }> = [
      { field: 'audited', input: { audited: '950000.00' } },
      { field: 'requested', input: { requested: '1000000.00' } },
      { field: 'decision', input: { approved: '1000000.00', decision: 'FULL', decisionReason: '全额安排' } },
    ];
    const cells: string[] = [];
    for (const { field, input } of attempts) {
      const f = FIELD_MATRIX.find((m) => m.type === 'ProjectBudget' && m.field === field) as FieldAccess;
      for (const who of subjects) {
        const r = await world.clients[who].gql(
          'mutation($id: ID!, $input: UpdateProjectBudgetInput!) { updateProjectBudget(id: $id, input: $input) { id } }',
          { id: String(world.budgetOpen), input },
        );
        const allowed = who !== 'ANONYMOUS' && (f.writers ?? []).includes(who);
        if ((r.errors === undefined) !== allowed) {
          cells.push(
            `${who} writing ${field}: expected ${allowed ? 'success' : 'refusal'}, got ${r.errors?.[0]?.extensions?.code ?? 'success'}`,
          );
        }
      }
      // Put the row back for the next field.
      await api.sql(
        `update project_budget set requested = '1000000.00', audited = '900000.00', approved = null, decision = null, decision_reason = null where id = ?`,
        [world.budgetOpen],
      );
    }
    expect(cells).toEqual([]);
  });
});

describe('filters and sorts cannot infer a restricted value', () => {
  it('refuses filtering and sorting targets by status for callers who may not read it', async () => {
    const byFilter = await api.gql('{ performanceTargets(filter: { status: DRAFT }) { totalCount } }');
    expect(byFilter.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byFilter.errors?.[0]?.message).toMatch(/PerformanceTarget\.status/);
    const bySort = await api.gql('{ performanceTargets(sort: [{ field: STATUS }]) { totalCount } }');
    expect(bySort.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('offers no filter or sort on the other restricted fields', async () => {
    const schema = await buildApiSchema();
    const allowedLeaks = [
      'PerformanceTargetFilter.status',
      'PerformanceTargetFilter.statuses',
      'PerformanceTargetSortField.STATUS',
    ];
    const leaks: string[] = [];
    for (const f of FIELD_MATRIX.filter((m) => m.guard !== undefined)) {
      const filter = schema.getType(`${f.type}Filter`);
      if (filter && 'getFields' in filter) {
        for (const name of Object.keys(filter.getFields())) {
          if (name === f.field || name === `${f.field}s`) leaks.push(`${f.type}Filter.${name}`);
        }
      }
      const sort = schema.getType(`${f.type}SortField`);
      if (sort && 'getValues' in sort) {
        for (const v of sort.getValues()) {
          const camel = v.name.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
          if (camel === f.field) leaks.push(`${f.type}SortField.${v.name}`);
        }
      }
    }
    // Every restricted field that can be filtered or sorted on is one whose refusal is tested above.
    expect(leaks.filter((l) => !allowedLeaks.includes(l))).toEqual([]);
  });
});
