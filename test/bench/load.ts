import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client as PgClient } from 'pg';
import { hashPassword } from '../../server/modules/identity';
import { type ServerProcess, startServerProcess } from '../helpers/processes';
import { ADMIN_URL, admin, dbUrl, fmt, logger, percentile, runChild } from './common';

/**
 * Load and faults (`npm run bench:load`, never part of `npm test`): LOAD_CLIENTS concurrent clients (50) mix reads
 * and workflow writes for LOAD_SECONDS (60) against one API process, then against two processes on the same
 * PostgreSQL server, and the database is counted against what the API acknowledged.
 *
 * - Data: a fresh database on the PostgreSQL server (DATABASE_URL / BENCH_DATABASE_URL / TEST_DATABASE_URL, default
 *   postgres://postgres@127.0.0.1:5432) with the demo data (`cli.js seed`), a realistic set of users per role for
 *   eight departments under three expenditure divisions, and a department category each; dropped afterwards
 *   (LOAD_KEEP_DATABASE=true keeps it).
 * - Servers: `node dist/server/main.js` processes (NODE_ENV=production, one JWT_SECRET, rate limits off by env,
 *   DB_POOL_MAX 10 each). In the second phase client i talks to instance i mod 2, so the members of a racing squad
 *   sit on different instances.
 * - Clients (closed loop, no think time except an idle worker's 100 ms): department preparers file projects,
 *   budgets, targets and rows, submit, resubmit returned targets and propose indicators; department officers review
 *   and pre-check; expenditure reviewers work their division's initial reviews; the performance division re-checks,
 *   grades, refines and decides admissions; observers comment in the joint review; and readers search the library,
 *   list projects and targets with their nesting, load the console's dashboard and poll the review events.
 * - Contention, on purpose: squads of several users of one role (the evaluation center, the performance division
 *   deciding admissions, budget officers) fire the same step on the same record with the same `version` at the
 *   same moment. Exactly one may win; the others must get a clean refusal (CONFLICT or the domain's code).
 * - The ledger: every acknowledged write is recorded with the audit entries, review events, review and approval
 *   rows it must have written, the rows it created and the version it moved its record to. Every request carries its
 *   own `x-request-id`, which the server stores on the audit entries. After each phase the database is counted
 *   against the ledger: acknowledged but missing is a lost update, present more than once (or present for a request
 *   that was refused) a double or phantom one.
 *
 * Exit status 1 on any 5xx (an HTTP status >= 500 or an INTERNAL_SERVER_ERROR in `errors`), transport failure,
 * ledger mismatch or race with more than one winner.
 */

const SERVER_URL = process.env.DATABASE_URL || ADMIN_URL;
const SECONDS = Number(process.env.LOAD_SECONDS || 60);
const CLIENTS = Number(process.env.LOAD_CLIENTS || 50);
const KEEP = /^(1|true|yes|on)$/i.test(process.env.LOAD_KEEP_DATABASE ?? '');
const JWT_SECRET = 'yardstick-bench-load-secret-0123456789abcdef';
const PASSWORD = 'bench-load-password-2023';
/** The demo data's city and year; the load files targets for the next year. */
const CITY = '410100000';
const DEMO_YEAR = 2022;
const YEAR = 2023;
const REQUEST_TIMEOUT_MS = 30_000;
const IDLE_MS = 100;
const ROOT = resolve(__dirname, '../../..');

const log = logger('bench:load');

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are walked loosely here
type J = any;

// ---------------------------------------------------------------------------------------------------------------
// GraphQL documents

const T = 'id version status reviewRound';
const Q = {
  createProject: `mutation($input: CreateProjectInput!) { createProject(input: $input) { id version } }`,
  createBudget: `mutation($input: CreateProjectBudgetInput!) { createProjectBudget(input: $input) { id } }`,
  createTarget: `mutation($input: CreatePerformanceTargetInput!) { createPerformanceTarget(input: $input) { ${T} } }`,
  addRow: `mutation($input: AddTargetIndicatorInput!) { addTargetIndicator(input: $input) { id } }`,
  submit: `mutation($targetId: ID!, $version: Int!) {
  submitPerformanceTarget(targetId: $targetId, version: $version) { target { ${T} } warnings { code } }
}`,
  review: `mutation($input: ReviewPerformanceTargetInput!) { reviewPerformanceTarget(input: $input) { ${T} } }`,
  comment: `mutation($targetId: ID!, $comment: String!) { commentJointReview(targetId: $targetId, comment: $comment) { ${T} } }`,
  grade: `mutation($input: GradePerformanceTargetInput!) { gradePerformanceTarget(input: $input) { ${T} grade } }`,
  refine: `mutation($targetId: ID!, $version: Int!) { refinePerformanceTarget(targetId: $targetId, version: $version) { ${T} } }`,
  decide: `mutation($input: DecideProjectBudgetInput!) {
  decideProjectBudget(input: $input) { targetId targetStatus targetVersion budget { id decision } }
}`,
  propose: `mutation($input: ProposeIndicatorChangeInput!) {
  proposeIndicatorChange(input: $input) { request { id version status step } similar { similarity indicator { code name } } }
}`,
  submitRequest: `mutation($id: ID!, $version: Int!) { submitIndicatorChangeRequest(id: $id, version: $version) { id version status step } }`,
  precheck: `mutation($id: ID!, $version: Int!, $decision: PrecheckDecision!, $comment: String) {
  precheckIndicatorChangeRequest(id: $id, version: $version, decision: $decision, comment: $comment) { id version status step }
}`,
  approve: `mutation($id: ID!, $version: Int!, $comment: String) {
  approveIndicatorChangeRequest(id: $id, version: $version, comment: $comment) { id version status step resultIndicator { id code } }
}`,
  returnRequest: `mutation($id: ID!, $version: Int!, $comment: String!) {
  returnIndicatorChangeRequest(id: $id, version: $version, comment: $comment) { id version status step }
}`,
  reject: `mutation($id: ID!, $version: Int!, $reason: String!) {
  rejectIndicatorChangeRequest(id: $id, version: $version, reason: $reason) { id version status step }
}`,

  /** A worklist: targets in a state, oldest change first, with what the caller may do next. */
  worklist: `query($filter: PerformanceTargetFilter, $limit: Int! = 30) {
  performanceTargets(filter: $filter, sort: [{ field: UPDATED_AT, direction: ASC }], limit: $limit) {
    totalCount
    items {
      ${T} fiscalYear allowedActions department { name }
      project { id code name phase budgets { id fiscalYear requested decision } }
      reviews { stage decision round }
    }
  }
}`,
  target: `query($id: ID!) {
  performanceTarget(id: $id) {
    ${T} funds annualGoal quantificationRatio
    rows { id period comparator targetValue unit indicator { code name level1 { name } } }
    reviews { stage decision round feedback }
  }
}`,
  requests: `query($filter: IndicatorChangeRequestFilter) {
  indicatorChangeRequests(filter: $filter, limit: 30) {
    totalCount
    items { id version type status step name department { name } indicator { id code } }
  }
}`,
  search: `query($filter: IndicatorFilter) {
  indicators(filter: $filter, limit: 20) {
    totalCount
    items { id code name defaultComparator defaultUnit level1 { name } level2 { name } category { name } }
  }
}`,
  projects: `query($filter: ProjectFilter) {
  projects(filter: $filter, sort: [{ field: CODE }], limit: 50) {
    totalCount
    items {
      code name phase
      department { code name }
      budgets { fiscalYear requested audited approved decision }
      targets { status funds rows { comparator targetValue unit indicator { code name category { code name } } } }
    }
  }
}`,
  targets: `query($filter: PerformanceTargetFilter) {
  performanceTargets(filter: $filter, sort: [{ field: UPDATED_AT, direction: DESC }], limit: 50) {
    totalCount
    items { id status grade funds reviewRound department { name } project { code name } reviews { stage decision round } }
  }
}`,
  publicTargets: `query($filter: PerformanceTargetFilter) {
  performanceTargets(filter: $filter, limit: 20) {
    totalCount
    items { id funds annualGoal project { name } rows { comparator targetValue unit indicator { name } } }
  }
}`,
  /** The console's dashboard (admin/src/dashboard/queries.ts): the year's figures and the static ones. */
  dashboardYear: `query DashboardYear($years: [Int!]) {
  funnel: fundsAggregate(groupBy: [DEPARTMENT, BUDGET_TYPE], filter: { fiscalYears: $years }) {
    groups { departmentId departmentName budgetType budgets requested audited approved cut }
    total { budgets decidedBudgets requested audited approved cut cutRate }
  }
  decisions: fundsAggregate(groupBy: [DECISION], filter: { fiscalYears: $years }) { groups { decision budgets approved } }
  targets: targetAggregate(filter: { fiscalYears: $years }) {
    total { targets submitted graded excellent good fair poor firstPassRate averageRounds }
  }
  coverage: coverageAggregate(groupBy: [BUDGET_TYPE], filter: { fiscalYears: $years }) {
    groups { budgetType budgets withTarget coverage }
    total { budgets withTarget coverage }
  }
}`,
  dashboardStatic: `query DashboardStatic {
  years: fundsAggregate(groupBy: [FISCAL_YEAR]) { groups { fiscalYear } }
  targetYears: targetAggregate(groupBy: [FISCAL_YEAR]) { groups { fiscalYear } }
  library: libraryAggregate(groupBy: [SCOPE, CATEGORY], filter: { statuses: [PUBLISHED] }) {
    groups { scope categoryId categoryName indicators used neverUsed }
    total { indicators used neverUsed }
  }
  queue: admissionAggregate(groupBy: [STEP]) {
    groups { step requests pending oldestPendingDays }
    total { requests pending decided averageDaysToDecision medianDaysToDecision oldestPendingDays }
  }
}`,
  events: `query($after: ID) {
  reviewEvents(after: $after, limit: 100) {
    endPosition hasMore
    events { position type subjectType subjectId targetId fromState toState at }
  }
}`,
  login: 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
};

// ---------------------------------------------------------------------------------------------------------------
// HTTP

const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

interface Reply {
  status: number;
  body?: { data?: J; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  /** A connection error or timeout: no answer at all. */
  failure?: string;
}

/** One POST /graphql over a kept-alive connection. */
function post(base: string, token: string | undefined, rid: string, payload: string): Promise<Reply> {
  return new Promise((ok) => {
    const u = new URL('/graphql', base);
    const req = request(
      {
        agent,
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'x-request-id': rid,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            ok({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch {
            ok({ status: res.statusCode ?? 0, failure: `not JSON: ${text.slice(0, 200)}` });
          }
        });
        res.on('error', (e) => ok({ status: 0, failure: e.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', (e) => ok({ status: 0, failure: e.message }));
    req.end(payload);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The ledger

/**
 * An acknowledged write and everything it must have left in the database. Keys: audit entries
 * `Type:id:ACTION`, review events `Type:id:EVENT`, target reviews `targetId:STAGE`, admission approvals
 * `requestId:STEP:DECISION`, created rows `table:id`.
 */
interface Ack {
  rid: string;
  op: string;
  audits: string[];
  /** Audit entries the write may or may not leave (a project's phase change that depends on its prior phase). */
  optionalAudits?: string[];
  events: string[];
  reviews?: string[];
  approvals?: string[];
  created?: string[];
  /** Rows added to a target (table target_indicator), by target id. */
  rowOf?: string;
  /** A version-checked step: the record, the version it moved it to, and the state the answer showed. */
  claim?: { key: string; version: number; answeredVersion: number; answeredStatus: string };
}

interface Race {
  op: string;
  members: number;
  /** Winners there must be: 1 when the members race for one record, more when each has its own. */
  expected: number;
  winners: number;
  codes: string[];
}

/** Everything one phase measured and acknowledged. */
class PhaseLog {
  readonly reads: number[] = [];
  readonly writes: number[] = [];
  /** Latencies by operation (`read <op>` / `write <op>`). */
  readonly byOp = new Map<string, number[]>();
  readonly serverErrors: Array<{ rid: string; op: string; status: number; message: string }> = [];
  readonly failures: Array<{ rid: string; op: string; message: string }> = [];
  readonly refusals = new Map<string, number>();
  /** The first message of each kind of refusal, to show what it says. */
  readonly samples = new Map<string, string>();
  readonly readErrors = new Map<string, number>();
  readonly acks: Ack[] = [];
  /** Writes whose outcome the client cannot know (5xx, no answer): they must not be acknowledged in the count. */
  readonly indeterminate = new Set<string>();
  readonly races: Race[] = [];
  clients = 0;
  /** CPU seconds the API processes used during the phase, and the machine's load average at its end. */
  serverCpu = Number.NaN;
  loadAverage = Number.NaN;
  started = 0;
  ended = 0;
  /** No request starts after this (performance.now()); until the clients have signed in, never. */
  deadline = Number.POSITIVE_INFINITY;
  /** After the deadline: requests that finish the count run, neither stopped nor measured. */
  draining = false;
  /** What each integration read from the review-event feed. */
  feeds: Feed[] = [];
  constructor(readonly name: string) {}

  count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}

/** Thrown by a request the deadline has passed: the worker's loop ends (a started cycle is left unfinished). */
class Stop extends Error {}

/** What a request answered: the data, or the code of its first error. */
interface Answer {
  rid: string;
  data?: J;
  code?: string;
}

/** One simulated user: a token, an instance, and a sequence of request ids. */
class Client {
  private seq = 0;
  constructor(
    readonly name: string,
    readonly server: string,
    readonly token: string | undefined,
    readonly phase: PhaseLog,
  ) {}

  read(op: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
    return this.call('read', op, query, variables);
  }

  write(op: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
    return this.call('write', op, query, variables);
  }

  private async call(
    kind: 'read' | 'write',
    op: string,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<Answer> {
    const measured = !this.phase.draining;
    if (measured && performance.now() >= this.phase.deadline) throw new Stop();
    const rid = `${this.phase.name}-${this.name}-${++this.seq}`;
    const t0 = performance.now();
    const reply = await post(this.server, this.token, rid, JSON.stringify({ query, variables }));
    const ms = performance.now() - t0;
    const p = this.phase;
    if (measured) {
      (kind === 'read' ? p.reads : p.writes).push(ms);
      const key = `${kind} ${op}`;
      const list = p.byOp.get(key);
      if (list) list.push(ms);
      else p.byOp.set(key, [ms]);
    }
    if (reply.failure) {
      p.failures.push({ rid, op, message: reply.failure });
      if (kind === 'write') p.indeterminate.add(rid);
      return { rid, code: 'NO_ANSWER' };
    }
    const errors = reply.body?.errors ?? [];
    const internal = errors.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
    if (reply.status >= 500 || internal) {
      p.serverErrors.push({ rid, op, status: reply.status, message: internal?.message ?? JSON.stringify(reply.body) });
      if (kind === 'write') p.indeterminate.add(rid);
      return { rid, code: 'INTERNAL_SERVER_ERROR' };
    }
    if (errors.length) {
      const code = errors[0]?.extensions?.code ?? 'NO_CODE';
      p.count(kind === 'read' ? p.readErrors : p.refusals, `${op} ${code}`);
      if (!p.samples.has(`${op} ${code}`)) p.samples.set(`${op} ${code}`, errors[0]?.message ?? '');
      return { rid, code };
    }
    return { rid, data: reply.body?.data };
  }

  /** Records an acknowledged write in the phase's ledger. */
  ack(entry: Ack): void {
    this.phase.acks.push(entry);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The world: what setup found and created

interface World {
  departments: Array<{ id: string; name: string; categoryId: string }>;
  /** Level-1 dimensions of the default project framework, each with usable indicators. */
  dimensions: Array<{ nodeId: string; indicators: string[] }>;
  /** A level-2 dimension (数量指标) for proposals, and the common category 会议培训. */
  level2NodeId: string;
  commonCategoryId: string;
  users: Record<Role, Array<{ login: string; departmentId?: string; financeDivisionId?: string }>>;
}

type Role =
  | 'UNIT_PREPARER'
  | 'DEPARTMENT_OFFICER'
  | 'EXPENDITURE_REVIEWER'
  | 'EVALUATION_REVIEWER'
  | 'PERFORMANCE_ADMIN'
  | 'BUDGET_OFFICER'
  | 'OBSERVER'
  | 'ANALYST'
  | 'INTEGRATION';

const pick = <X>(xs: readonly X[]): X => xs[Math.floor(Math.random() * xs.length)] as X;
const chance = (p: number) => Math.random() < p;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let unique = 0;
const uniq = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++unique).toString(36)}`.toUpperCase();

async function setupWorld(databaseUrl: string): Promise<World> {
  const c = new PgClient({ connectionString: databaseUrl });
  await c.connect();
  try {
    // Eight first-level departments under the three expenditure divisions that manage the most of them.
    const depts = (
      await c.query<{ id: number; name: string; managing_division_id: number }>(
        `with top as (select managing_division_id from department where parent_id is null and managing_division_id is not null
                       group by 1 order by count(*) desc, 1 limit 3)
         select d.id, d.name, d.managing_division_id from department d join top using (managing_division_id)
          where d.parent_id is null and d.fiscal_division_code = $1
          order by d.managing_division_id, d.id`,
        [CITY],
      )
    ).rows;
    const byDivision = new Map<number, typeof depts>();
    for (const d of depts)
      byDivision.set(d.managing_division_id, [...(byDivision.get(d.managing_division_id) ?? []), d]);
    const chosen = [...byDivision.values()].flatMap((ds, i) => ds.slice(0, i === 2 ? 2 : 3));
    const divisions = [...byDivision.keys()];
    const departments: World['departments'] = [];
    for (const [i, d] of chosen.entries()) {
      // A department library category (部门个性指标) for its own proposals.
      const cat = await c.query<{ id: number }>(
        `insert into indicator_category (fiscal_division_code, scope, code, name, owner_department_id, sort_order)
         values ($1, 'DEPARTMENT', $2, $3, $4, 99) returning id`,
        [CITY, `LD${String(i + 1).padStart(2, '0')}`, `${d.name}个性指标（负载）`, d.id],
      );
      departments.push({ id: String(d.id), name: d.name, categoryId: String(cat.rows[0]?.id) });
    }
    const framework = (
      await c.query<{ id: number }>(
        `select id from indicator_framework where kind = 'PROJECT' and is_default and coalesce(from_year, 0) <= $1
          order by from_year desc nulls last limit 1`,
        [YEAR],
      )
    ).rows[0]?.id;
    const nodes = (
      await c.query<{ id: number }>(
        'select id from indicator_framework_node where framework_id = $1 and level = 1 order by code',
        [framework],
      )
    ).rows;
    const dimensions: World['dimensions'] = [];
    for (const n of nodes) {
      const found = await c.query<{ id: number }>(
        `select id from indicator where fiscal_division_code = $1 and level1node_id = $2 and status = 'PUBLISHED'
            and enabled and scope = 'COMMON' and visibility = 'PUBLIC' and value_type = 'QUANTITATIVE'
            and default_comparator in ('GE', 'LE', 'EQ') and default_unit is not null
          order by id limit 12`,
        [CITY, n.id],
      );
      if (!found.rows.length) throw new Error(`no usable indicator under dimension ${n.id}`);
      dimensions.push({ nodeId: String(n.id), indicators: found.rows.map((r) => String(r.id)) });
    }
    const level2 = (
      await c.query<{ id: number }>(
        'select id from indicator_framework_node where parent_id = $1 and level = 2 order by code limit 1',
        [nodes[0]?.id],
      )
    ).rows[0]?.id;
    const common = (
      await c.query<{ id: number }>(
        `select id from indicator_category where fiscal_division_code = $1 and scope = 'COMMON' and parent_id is null
          order by code limit 1`,
        [CITY],
      )
    ).rows[0]?.id;

    // A realistic set of users: per department two preparers and an officer, two reviewers per expenditure
    // division, and the bureau's roles.
    const users = {} as World['users'];
    const add = (role: Role, login: string, scope: { departmentId?: string; financeDivisionId?: string } = {}) => {
      users[role] = [...(users[role] ?? []), { login, ...scope }];
    };
    for (const [i, d] of departments.entries()) {
      add('UNIT_PREPARER', `load-prep-${i + 1}a`, { departmentId: d.id });
      add('UNIT_PREPARER', `load-prep-${i + 1}b`, { departmentId: d.id });
      add('DEPARTMENT_OFFICER', `load-officer-${i + 1}`, { departmentId: d.id });
    }
    for (const [i, fd] of divisions.entries()) {
      add('EXPENDITURE_REVIEWER', `load-exp-${i + 1}a`, { financeDivisionId: String(fd) });
      add('EXPENDITURE_REVIEWER', `load-exp-${i + 1}b`, { financeDivisionId: String(fd) });
    }
    const bureau: Array<[Role, number]> = [
      ['EVALUATION_REVIEWER', 4],
      ['PERFORMANCE_ADMIN', 6],
      ['BUDGET_OFFICER', 3],
      ['OBSERVER', 4],
      ['ANALYST', 6],
      ['INTEGRATION', 6],
    ];
    for (const [role, n] of bureau) {
      for (let i = 1; i <= n; i++) add(role, `load-${role.toLowerCase().replace(/_/g, '-')}-${i}`);
    }
    const hash = await hashPassword(PASSWORD);
    for (const [role, list] of Object.entries(users)) {
      for (const u of list) {
        await c.query(
          `insert into app_user (fiscal_division_code, login_name, display_name, password_hash, roles, department_id,
             finance_division_id, active, password_changed_at, created_at, updated_at, version)
           values ($1, $2, $3, $4, $5::text[], $6, $7, true, now(), now(), now(), 1)`,
          [CITY, u.login, `负载用户 ${u.login}`, hash, [role], u.departmentId ?? null, u.financeDivisionId ?? null],
        );
      }
    }
    await c.query('analyze');
    return {
      departments,
      dimensions,
      level2NodeId: String(level2),
      commonCategoryId: String(common),
      users,
    };
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Workers: one async loop per client (or per racing squad), until the phase's deadline

/** Runs a worker until the deadline; a worker's own bug stops the benchmark rather than hiding in the figures. */
async function loop(body: () => Promise<boolean>): Promise<void> {
  for (;;) {
    try {
      const worked = await body();
      if (!worked) await sleep(IDLE_MS);
    } catch (e) {
      if (e instanceof Stop) return;
      throw e;
    }
  }
}

const scores = (each: number) => ({
  compliance: true,
  relevance: each,
  completeness: each,
  feasibility: each,
  soundness: each,
  appropriateness: each,
});

/** Acknowledges a version-checked target step. */
function targetClaim(id: string, version: number, answered: J): Ack['claim'] {
  return {
    key: `PerformanceTarget:${id}`,
    version: version + 1,
    answeredVersion: Number(answered?.version ?? answered?.targetVersion),
    answeredStatus: String(answered?.status ?? answered?.targetStatus),
  };
}

function requestClaim(id: string, version: number, answered: J): Ack['claim'] {
  return {
    key: `IndicatorChangeRequest:${id}`,
    version: version + 1,
    answeredVersion: Number(answered?.version),
    answeredStatus: String(answered?.status),
  };
}

/** The audit action and review stage of a review step by each reviewing role. */
const STAGE: Partial<Record<Role, string>> = {
  DEPARTMENT_OFFICER: 'DEPARTMENT',
  EXPENDITURE_REVIEWER: 'INITIAL_EXPENDITURE',
  EVALUATION_REVIEWER: 'INITIAL_EVALUATION',
  PERFORMANCE_ADMIN: 'RECHECK',
};

/**
 * Whether an initial reviewer still has to act on a target in INITIAL_REVIEW: its stage has not passed in the
 * target's current round. (`allowedActions` answers from the state and the roles only, so it still offers PASS
 * after one's own half of the dual review has passed.)
 */
function initialDue(t: J, stage: string): boolean {
  return (
    t.allowedActions.includes('PASS') &&
    !(t.reviews ?? []).some((r: J) => r.stage === stage && r.round === t.reviewRound && r.decision === 'PASS')
  );
}

/** reviewPerformanceTarget by a reviewer; records the acknowledgement. */
async function reviewStep(c: Client, role: Role, t: J, decision: 'PASS' | 'RETURN'): Promise<Answer> {
  const a = await c.write(`review ${STAGE[role]}`, Q.review, {
    input: {
      targetId: t.id,
      version: t.version,
      decision,
      ...(decision === 'RETURN' ? { feedback: '指标值偏低，请修改后重新报送（负载测试）' } : {}),
    },
  });
  if (a.data) {
    const r = a.data.reviewPerformanceTarget;
    c.ack({
      rid: a.rid,
      op: 'reviewPerformanceTarget',
      audits: [`PerformanceTarget:${t.id}:${STAGE[role]}_${decision}`],
      events: [`PerformanceTarget:${t.id}:${decision === 'PASS' ? 'TARGET_PASSED' : 'TARGET_RETURNED'}`],
      reviews: [`${t.id}:${STAGE[role]}`],
      claim: targetClaim(t.id, t.version, r),
    });
  }
  return a;
}

function admissionAck(c: Client, a: Answer, op: string, r: J, decision: string, field: string): void {
  const answered = a.data?.[field];
  if (!answered) return;
  const id = String(r.id);
  const audits = [`IndicatorChangeRequest:${id}:${op}`];
  const events: string[] = [];
  const step = r.step as string | null;
  const approvals: string[] = [];
  const event = {
    SUBMIT: 'ADMISSION_SUBMITTED',
    PRECHECK_PASS: 'ADMISSION_PRECHECKED',
    PRECHECK_RETURN: 'ADMISSION_RETURNED',
    APPROVE: 'ADMISSION_APPROVED',
    RETURN: 'ADMISSION_RETURNED',
    REJECT: 'ADMISSION_REJECTED',
  }[op];
  events.push(`IndicatorChangeRequest:${id}:${event}`);
  if (step && op !== 'SUBMIT') approvals.push(`${id}:${step}:${decision}`);
  const created: string[] = [];
  if (op === 'APPROVE') {
    const result = answered.resultIndicator?.id;
    if (r.type === 'ADMIT' || r.type === 'MODIFY') {
      audits.push(`Indicator:${result}:PUBLISH`);
      events.push(`Indicator:${result}:INDICATOR_PUBLISHED`);
      created.push(`indicator:${result}`);
    }
    if (r.type === 'MODIFY') {
      audits.push(`Indicator:${r.indicator?.id}:SUPERSEDE`);
      events.push(`Indicator:${r.indicator?.id}:INDICATOR_SUPERSEDED`);
    }
    if (r.type === 'RETIRE') {
      audits.push(`Indicator:${r.indicator?.id}:RETIRE`);
      events.push(`Indicator:${r.indicator?.id}:INDICATOR_RETIRED`);
    }
  }
  c.ack({
    rid: a.rid,
    op,
    audits,
    events,
    approvals,
    created,
    claim: requestClaim(id, Number(r.version), answered),
  });
}

/** The performance division's decision on a request waiting for it. */
async function decideRequest(c: Client, r: J, how: 'APPROVE' | 'RETURN' | 'REJECT'): Promise<Answer> {
  if (how === 'APPROVE') {
    const a = await c.write('approveIndicatorChangeRequest', Q.approve, {
      id: r.id,
      version: r.version,
      comment: '同意入库',
    });
    admissionAck(c, a, 'APPROVE', r, 'APPROVE', 'approveIndicatorChangeRequest');
    return a;
  }
  if (how === 'RETURN') {
    const a = await c.write('returnIndicatorChangeRequest', Q.returnRequest, {
      id: r.id,
      version: r.version,
      comment: '请补充计算方法',
    });
    admissionAck(c, a, 'RETURN', r, 'RETURN', 'returnIndicatorChangeRequest');
    return a;
  }
  const a = await c.write('rejectIndicatorChangeRequest', Q.reject, {
    id: r.id,
    version: r.version,
    reason: '与现有指标重复',
  });
  admissionAck(c, a, 'REJECT', r, 'REJECT', 'rejectIndicatorChangeRequest');
  return a;
}

/** Files a new project with its budget request and a target whose rows cover every dimension, then submits it. */
async function fileTarget(c: Client, w: World, dept: World['departments'][number]): Promise<void> {
  await c.read('library search', Q.search, {
    filter: {
      usableByDepartmentId: dept.id,
      search: pick(['率', '培训', '满意度', '建设', '成本']),
      status: 'PUBLISHED',
    },
  });
  const code = uniq('LP');
  const p = await c.write('createProject', Q.createProject, {
    input: {
      fiscalDivisionCode: CITY,
      departmentId: dept.id,
      code,
      name: `${dept.name}负载测试项目${code}`,
      attribute: 'CONTINUING',
      startYear: YEAR,
      budgetType: 'GENERAL_PUBLIC',
    },
  });
  const projectId = p.data?.createProject?.id;
  if (!projectId) return;
  c.ack({
    rid: p.rid,
    op: 'createProject',
    audits: [`Project:${projectId}:create`],
    events: [],
    created: [`project:${projectId}`],
  });
  const requested = `${(100 + Math.floor(Math.random() * 900)) * 1000}.00`;
  const b = await c.write('createProjectBudget', Q.createBudget, {
    input: { projectId, fiscalYear: YEAR, requested },
  });
  const budgetId = b.data?.createProjectBudget?.id;
  if (!budgetId) return;
  c.ack({
    rid: b.rid,
    op: 'createProjectBudget',
    audits: [`ProjectBudget:${budgetId}:create`],
    events: [],
    created: [`project_budget:${budgetId}`],
  });
  const t = await c.write('createPerformanceTarget', Q.createTarget, {
    input: {
      kind: 'PROJECT',
      projectId,
      fiscalYear: YEAR,
      funds: requested,
      overallGoal: '保障项目按期实施，提升公共服务质量',
      annualGoal: '全年完成建设任务，服务对象满意度不低于 90%',
    },
  });
  const target = t.data?.createPerformanceTarget;
  if (!target) return;
  c.ack({
    rid: t.rid,
    op: 'createPerformanceTarget',
    audits: [`PerformanceTarget:${target.id}:CREATE`],
    events: [],
    created: [`performance_target:${target.id}`],
  });
  for (const d of w.dimensions) {
    const r = await c.write('addTargetIndicator', Q.addRow, {
      input: {
        targetId: target.id,
        indicatorId: pick(d.indicators),
        targetValue: String(80 + Math.floor(Math.random() * 20)),
      },
    });
    const rowId = r.data?.addTargetIndicator?.id;
    if (!rowId) return;
    c.ack({
      rid: r.rid,
      op: 'addTargetIndicator',
      audits: [`TargetIndicator:${rowId}:CREATE`],
      events: [],
      created: [`target_indicator:${rowId}`],
      rowOf: String(target.id),
    });
  }
  const seen = (await c.read('target', Q.target, { id: target.id })).data?.performanceTarget;
  if (!seen) return;
  await submitTarget(c, seen);
}

async function submitTarget(c: Client, t: J): Promise<Answer> {
  const a = await c.write('submitPerformanceTarget', Q.submit, { targetId: t.id, version: t.version });
  if (a.data) {
    c.ack({
      rid: a.rid,
      op: 'submitPerformanceTarget',
      audits: [`PerformanceTarget:${t.id}:SUBMIT`],
      events: [`PerformanceTarget:${t.id}:TARGET_SUBMITTED`],
      claim: targetClaim(t.id, t.version, a.data.submitPerformanceTarget.target),
    });
  }
  return a;
}

/** Proposes an indicator for the library (in its own or the common category) and submits it. */
async function propose(c: Client, w: World, dept: World['departments'][number]): Promise<void> {
  const common = chance(0.6);
  const name = `${common ? COMMON_PREFIX : `${dept.name}负载指标`}${uniq('')}`;
  const a = await c.write('proposeIndicatorChange', Q.propose, {
    input: {
      type: 'ADMIT',
      reason: '项目绩效目标需要该指标，库内无可用指标',
      exampleProject: `${dept.name}负载测试项目`,
      definition: {
        name,
        scope: common ? 'COMMON' : 'DEPARTMENT',
        categoryId: common ? w.commonCategoryId : dept.categoryId,
        level2NodeId: w.level2NodeId,
        explanation: '完成数/计划数×100%',
        defaultComparator: 'GE',
        defaultUnit: '%',
        valueType: 'QUANTITATIVE',
      },
    },
  });
  const r = a.data?.proposeIndicatorChange?.request;
  if (!r) return;
  c.ack({
    rid: a.rid,
    op: 'PROPOSE',
    audits: [`IndicatorChangeRequest:${r.id}:PROPOSE`],
    events: [`IndicatorChangeRequest:${r.id}:ADMISSION_PROPOSED`],
    created: [`indicator_change_request:${r.id}`],
  });
  const s = await c.write('submitIndicatorChangeRequest', Q.submitRequest, { id: r.id, version: r.version });
  admissionAck(c, s, 'SUBMIT', r, 'SUBMIT', 'submitIndicatorChangeRequest');
}

function preparer(c: Client, w: World, dept: World['departments'][number]): Promise<void> {
  return loop(async () => {
    const r = Math.random();
    if (r < 0.25) {
      await propose(c, w, dept);
      return true;
    }
    if (r < 0.45) {
      // Returned work: targets sent back to the department (round > 0) and returned proposals.
      const list = await c.read('worklist DRAFT', Q.worklist, {
        filter: { status: 'DRAFT', departmentId: dept.id, fiscalYear: YEAR },
      });
      const returned = (list.data?.performanceTargets.items ?? []).filter((t: J) => t.reviewRound > 0);
      if (returned.length) {
        await submitTarget(c, pick(returned));
        return true;
      }
      const requests = await c.read('admission queue', Q.requests, {
        filter: { status: 'RETURNED', departmentId: dept.id },
      });
      const back = requests.data?.indicatorChangeRequests.items ?? [];
      if (back.length) {
        const req = pick(back as J[]);
        const s = await c.write('submitIndicatorChangeRequest', Q.submitRequest, { id: req.id, version: req.version });
        admissionAck(c, s, 'SUBMIT', req, 'SUBMIT', 'submitIndicatorChangeRequest');
        return true;
      }
    }
    await fileTarget(c, w, dept);
    return true;
  });
}

function officer(c: Client, dept: World['departments'][number]): Promise<void> {
  let n = 0;
  return loop(async () => {
    if (++n % 3 === 0) {
      const list = await c.read('admission queue', Q.requests, {
        filter: { status: 'IN_REVIEW', departmentId: dept.id },
      });
      const due = (list.data?.indicatorChangeRequests.items ?? []).filter((r: J) => r.step === 'DEPARTMENT_PRECHECK');
      if (due.length) {
        const r = pick(due.slice(0, 5) as J[]);
        const pass = chance(0.9);
        const a = await c.write('precheckIndicatorChangeRequest', Q.precheck, {
          id: r.id,
          version: r.version,
          decision: pass ? 'PASS' : 'RETURN',
          comment: pass ? '同意报送' : '请补充指标解释',
        });
        admissionAck(
          c,
          a,
          pass ? 'PRECHECK_PASS' : 'PRECHECK_RETURN',
          r,
          pass ? 'PASS' : 'RETURN',
          'precheckIndicatorChangeRequest',
        );
        return true;
      }
    }
    const list = await c.read('worklist DEPARTMENT_REVIEW', Q.worklist, {
      filter: { status: 'DEPARTMENT_REVIEW', departmentId: dept.id },
    });
    const items: J[] = list.data?.performanceTargets.items ?? [];
    if (!items.length) return false;
    const t = pick(items.slice(0, 5));
    await c.read('target', Q.target, { id: t.id });
    await reviewStep(c, 'DEPARTMENT_OFFICER', t, chance(0.9) ? 'PASS' : 'RETURN');
    return true;
  });
}

function expenditureReviewer(c: Client): Promise<void> {
  return loop(async () => {
    const list = await c.read('worklist INITIAL_REVIEW', Q.worklist, { filter: { status: 'INITIAL_REVIEW' } });
    const due = (list.data?.performanceTargets.items ?? []).filter((t: J) => initialDue(t, 'INITIAL_EXPENDITURE'));
    if (!due.length) return false;
    const t = pick(due.slice(0, 5) as J[]);
    await reviewStep(c, 'EXPENDITURE_REVIEWER', t, chance(0.95) ? 'PASS' : 'RETURN');
    return true;
  });
}

/** The performance division's day job: re-check, grade, refine, and now and then an admission decision. */
function performanceDivision(c: Client): Promise<void> {
  let n = 0;
  return loop(async () => {
    const turn = ++n % 4;
    if (turn === 0) {
      const list = await c.read('admission queue', Q.requests, { filter: { status: 'IN_REVIEW' } });
      // Requests of department categories; the common category's are the admission squad's (see there).
      const due = (list.data?.indicatorChangeRequests.items ?? []).filter(
        (r: J) => r.step === 'PERFORMANCE_REVIEW' && !r.name.startsWith(COMMON_PREFIX),
      );
      if (!due.length) return false;
      await decideRequest(c, pick(due as J[]), chance(0.8) ? 'APPROVE' : chance(0.5) ? 'RETURN' : 'REJECT');
      return true;
    }
    const status = turn === 1 ? 'RECHECK' : turn === 2 ? 'JOINT_REVIEW' : 'GRADED';
    const list = await c.read(`worklist ${status}`, Q.worklist, { filter: { status } });
    const items: J[] = list.data?.performanceTargets.items ?? [];
    if (!items.length) return false;
    const t = pick(items.slice(0, 5));
    if (status === 'RECHECK') {
      await reviewStep(c, 'PERFORMANCE_ADMIN', t, chance(0.95) ? 'PASS' : 'RETURN');
    } else if (status === 'JOINT_REVIEW') {
      await c.read('target', Q.target, { id: t.id });
      // About 优 45%, 良 35%, 中 12%, 差 8%.
      const r = Math.random();
      const each = r < 0.45 ? 19 : r < 0.8 ? 17 : r < 0.92 ? 13 : 10;
      const a = await c.write('gradePerformanceTarget', Q.grade, {
        input: { targetId: t.id, version: t.version, scores: scores(each), feedback: '会审意见（负载测试）' },
      });
      if (a.data) {
        c.ack({
          rid: a.rid,
          op: 'gradePerformanceTarget',
          audits: [`PerformanceTarget:${t.id}:GRADE`],
          events: [`PerformanceTarget:${t.id}:TARGET_GRADED`],
          reviews: [`${t.id}:JOINT`],
          claim: targetClaim(t.id, t.version, a.data.gradePerformanceTarget),
        });
      }
    } else {
      const a = await c.write('refinePerformanceTarget', Q.refine, { targetId: t.id, version: t.version });
      if (a.data) {
        c.ack({
          rid: a.rid,
          op: 'refinePerformanceTarget',
          audits: [`PerformanceTarget:${t.id}:REFINE`],
          events: [`PerformanceTarget:${t.id}:TARGET_REFINED`],
          reviews: [`${t.id}:JOINT`],
          claim: targetClaim(t.id, t.version, a.data.refinePerformanceTarget),
        });
      }
    }
    return true;
  });
}

function observer(c: Client): Promise<void> {
  return loop(async () => {
    const list = await c.read('worklist JOINT_REVIEW', Q.worklist, { filter: { status: 'JOINT_REVIEW' } });
    const items: J[] = list.data?.performanceTargets.items ?? [];
    if (!items.length) return false;
    const t = pick(items);
    await c.read('target', Q.target, { id: t.id });
    const a = await c.write('commentJointReview', Q.comment, {
      targetId: t.id,
      comment: '人大代表：建议细化满意度指标',
    });
    if (a.data) {
      // A comment changes no field of the target: no version claim.
      c.ack({
        rid: a.rid,
        op: 'commentJointReview',
        audits: [`PerformanceTarget:${t.id}:JOINT_COMMENT`],
        events: [`PerformanceTarget:${t.id}:TARGET_COMMENTED`],
        reviews: [`${t.id}:JOINT`],
      });
    }
    return true;
  });
}

/**
 * A racing squad: the first member finds the work, then every member fires the same step on the same record with
 * the same version at once. At most one may win.
 */
function squad(
  phase: PhaseLog,
  members: Client[],
  op: string | ((work: J) => string),
  find: (leader: Client) => Promise<J | undefined>,
  fire: (member: Client, index: number, work: J) => Promise<Answer>,
  /**
   * How many of the members fire and must win: all fire and one wins when they race for one record (the default);
   * with distinct records, as many fire as there are records, and each must win.
   */
  distinct: (work: J) => number | undefined = () => undefined,
): Promise<void> {
  const [leader] = members;
  if (!leader) return Promise.resolve();
  return loop(async () => {
    const work = await find(leader);
    if (!work) return false;
    const name = typeof op === 'string' ? op : op(work);
    const n = distinct(work);
    const firing = n === undefined ? members : members.slice(0, n);
    const answers = await Promise.allSettled(firing.map((m, i) => fire(m, i, work)));
    const settled = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    phase.races.push({
      op: name,
      members: firing.length,
      expected: n ?? 1,
      winners: settled.filter((a) => a.data).length,
      codes: settled.flatMap((a) => (a.code ? [a.code] : [])),
    });
    const stopped = answers.find((a) => a.status === 'rejected');
    if (stopped?.status === 'rejected') throw stopped.reason;
    return true;
  });
}

function evaluationSquad(phase: PhaseLog, members: Client[]): Promise<void> {
  return squad(
    phase,
    members,
    'reviewPerformanceTarget INITIAL_EVALUATION',
    async (leader) => {
      const list = await leader.read('worklist INITIAL_REVIEW', Q.worklist, { filter: { status: 'INITIAL_REVIEW' } });
      return (list.data?.performanceTargets.items ?? []).find((t: J) => initialDue(t, 'INITIAL_EVALUATION'));
    },
    (m, _i, t) => reviewStep(m, 'EVALUATION_REVIEWER', t, 'PASS'),
  );
}

/** Proposals filed in the common category (会议培训) by any department: their codes come from one sequence. */
const COMMON_PREFIX = '会议培训负载指标';

function admissionSquad(phase: PhaseLog, members: Client[]): Promise<void> {
  return squad(
    phase,
    members,
    (work) =>
      work.distinct ? 'approve distinct requests of one category' : 'approve/return/reject one request (same version)',
    async (leader) => {
      const list = await leader.read('admission queue', Q.requests, { filter: { status: 'IN_REVIEW' } });
      const due: J[] = (list.data?.indicatorChangeRequests.items ?? []).filter(
        (r: J) => r.step === 'PERFORMANCE_REVIEW',
      );
      // Several requests of the common category waiting: distinct requests approved at once, which must all be
      // admitted, each under its own code.
      const common = due.filter((r) => r.type === 'ADMIT' && r.name.startsWith(COMMON_PREFIX));
      if (common.length >= 2) return { distinct: common.slice(0, members.length) };
      // Otherwise they race for the oldest request of a department category, leaving a lone common one waiting for
      // the next.
      const same = due.find((r) => !common.includes(r));
      return same ? { same } : undefined;
    },
    (m, i, work) => {
      if (work.distinct) return decideRequest(m, work.distinct[i], 'APPROVE');
      // Mostly everyone approves; now and then one of them rejects or returns the same version instead.
      return decideRequest(m, work.same, i === 2 && chance(0.3) ? (chance(0.5) ? 'REJECT' : 'RETURN') : 'APPROVE');
    },
    (work) => work.distinct?.length,
  );
}

function budgetSquad(phase: PhaseLog, members: Client[]): Promise<void> {
  return squad(
    phase,
    members,
    'decideProjectBudget',
    async (leader) => {
      const budgetOf = (t: J) => t.project?.budgets.find((b: J) => b.fiscalYear === t.fiscalYear);
      const ready = await leader.read('worklist READY_FOR_BUDGET', Q.worklist, {
        filter: { status: 'READY_FOR_BUDGET', kind: 'PROJECT' },
      });
      const arrange = (ready.data?.performanceTargets.items ?? []).find(budgetOf);
      if (arrange) return arrange;
      // Blocked targets stay BLOCKED once their budget is deferred or cancelled: only undecided ones are work.
      const blocked = await leader.read('worklist BLOCKED', Q.worklist, {
        filter: { status: 'BLOCKED', kind: 'PROJECT' },
        limit: 200,
      });
      return (blocked.data?.performanceTargets.items ?? []).find((t: J) => budgetOf(t) && !budgetOf(t).decision);
    },
    async (m, _i, t) => {
      const budget = t.project.budgets.find((b: J) => b.fiscalYear === t.fiscalYear);
      const ready = t.status === 'READY_FOR_BUDGET';
      const decision = ready ? 'FULL' : chance(0.5) ? 'DEFERRED' : 'CANCELLED';
      const a = await m.write('decideProjectBudget', Q.decide, {
        input: {
          targetId: t.id,
          version: t.version,
          decision,
          reason: ready ? '全额安排' : '绩效目标未通过，暂缓安排',
        },
      });
      if (a.data) {
        const d = a.data.decideProjectBudget;
        m.ack({
          rid: a.rid,
          op: 'decideProjectBudget',
          audits: [`ProjectBudget:${budget.id}:DECIDE_BUDGET`, `PerformanceTarget:${t.id}:DECIDE_BUDGET`],
          // An arranged budget moves its project to BUDGETED unless it already is (or has ended).
          optionalAudits: [`Project:${t.project.id}:DECIDE_BUDGET`],
          events: [`PerformanceTarget:${t.id}:BUDGET_DECIDED`],
          claim: targetClaim(t.id, t.version, d),
        });
      }
      return a;
    },
  );
}

// --- Readers

function dashboardReader(c: Client): Promise<void> {
  let n = 0;
  return loop(async () => {
    if (++n % 4 === 0) await c.read('dashboard (static)', Q.dashboardStatic);
    else await c.read('dashboard (year)', Q.dashboardYear, { years: [chance(0.5) ? DEMO_YEAR : YEAR] });
    return true;
  });
}

/** What an integration polling the review events has read: positions in the order the feed gave them. */
interface Feed {
  after?: string;
  positions: number[];
}

/** One page of the feed after `feed.after`; false when the feed has nothing more right now. */
async function readFeed(c: Client, feed: Feed): Promise<boolean> {
  const a = await c.read('reviewEvents poll', Q.events, feed.after ? { after: feed.after } : {});
  const page = a.data?.reviewEvents;
  if (!page) return false;
  feed.after = page.endPosition;
  for (const e of page.events) feed.positions.push(Number(e.position));
  return page.hasMore;
}

/** An integration polling the feed from its first event, as a new integration would, then every 250 ms. */
function eventPoller(c: Client, feed: Feed): Promise<void> {
  return loop(async () => {
    if (!(await readFeed(c, feed))) await sleep(250);
    return true;
  });
}

function bureauReader(c: Client, w: World): Promise<void> {
  return loop(async () => {
    if (chance(0.5)) {
      await c.read('projects nested', Q.projects, {
        filter: { fiscalDivisionCode: CITY, ...(chance(0.5) ? { departmentId: pick(w.departments).id } : {}) },
      });
    } else {
      await c.read('targets list', Q.targets, {
        filter: { fiscalYear: chance(0.5) ? DEMO_YEAR : YEAR, ...(chance(0.3) ? { status: 'JOINT_REVIEW' } : {}) },
      });
    }
    return true;
  });
}

function publicReader(c: Client): Promise<void> {
  return loop(async () => {
    if (chance(0.6)) {
      await c.read('library search (public)', Q.search, {
        filter: {
          fiscalDivisionCode: CITY,
          search: pick(['率', '培训', '满意度', '数量', '覆盖']),
          status: 'PUBLISHED',
        },
      });
    } else {
      await c.read('approved targets (public)', Q.publicTargets, { filter: { fiscalYear: DEMO_YEAR } });
    }
    return true;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// A phase

/** The base mix for 50 clients; other counts scale it (at least one of each role, at least two per squad). */
const MIX = {
  preparers: 8,
  officers: 8,
  expenditure: 4,
  evaluationSquad: 3,
  performance: 2,
  admissionSquad: 3,
  budgetSquad: 2,
  observers: 2,
  dashboards: 5,
  pollers: 4,
  bureauReaders: 5,
  publicReaders: 4,
};

function mix(): Record<keyof typeof MIX, number> {
  const f = CLIENTS / 50;
  const out = {} as Record<keyof typeof MIX, number>;
  for (const [k, n] of Object.entries(MIX) as Array<[keyof typeof MIX, number]>) {
    out[k] = Math.max(k.endsWith('Squad') ? 2 : 1, Math.round(n * f));
  }
  return out;
}

interface Baseline {
  audit: number;
  position: number;
  review: number;
  approval: number;
  project: number;
  budget: number;
  target: number;
  row: number;
  indicator: number;
  request: number;
}

async function baseline(db: PgClient): Promise<Baseline> {
  const { rows } = await db.query<Record<keyof Baseline, string>>(
    `select (select coalesce(max(id), 0) from audit_entry) as audit,
            (select coalesce(max(position), 0) from review_event) as position,
            (select coalesce(max(id), 0) from target_review) as review,
            (select coalesce(max(id), 0) from indicator_change_approval) as approval,
            (select coalesce(max(id), 0) from project) as project,
            (select coalesce(max(id), 0) from project_budget) as budget,
            (select coalesce(max(id), 0) from performance_target) as target,
            (select coalesce(max(id), 0) from target_indicator) as row,
            (select coalesce(max(id), 0) from indicator) as indicator,
            (select coalesce(max(id), 0) from indicator_change_request) as request`,
  );
  const r = rows[0] as Record<keyof Baseline, string>;
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as unknown as Baseline;
}

async function signIn(server: string, login: string): Promise<string> {
  const reply = await post(
    server,
    undefined,
    `signin-${login}`,
    JSON.stringify({ query: Q.login, variables: { input: { loginName: login, password: PASSWORD } } }),
  );
  const token = reply.body?.data?.login?.accessToken;
  if (!token) throw new Error(`sign-in of ${login} failed: ${reply.failure ?? JSON.stringify(reply.body)}`);
  return token;
}

async function runPhase(name: string, processes: ServerProcess[], w: World, db: PgClient): Promise<PhaseLog> {
  const servers = processes.map((s) => s.url);
  const cpu = () => processes.reduce((t, s) => t + cpuSecondsOf(s.child.pid), 0);
  const m = mix();
  const phase = new PhaseLog(name);
  // Every client signs in on its instance before the clock starts: client i talks to instance i mod n.
  const clients: Client[] = [];
  const signedIn = async (label: string, login: string | undefined): Promise<Client> => {
    const server = servers[clients.length % servers.length] as string;
    const c = new Client(label, server, login ? await signIn(server, login) : undefined, phase);
    clients.push(c);
    return c;
  };
  const taken = new Map<Role, number>();
  /** The next user of a role (round robin over the role's users). */
  const next = (role: Role) => {
    const i = taken.get(role) ?? 0;
    taken.set(role, i + 1);
    return w.users[role][i % w.users[role].length]?.login;
  };
  const starts: Array<() => Promise<void>> = [];
  for (let i = 0; i < m.preparers; i++) {
    const dept = w.departments[i % w.departments.length] as World['departments'][number];
    const users = w.users.UNIT_PREPARER.filter((u) => u.departmentId === dept.id);
    const c = await signedIn(`prep${i + 1}`, users[Math.floor(i / w.departments.length) % users.length]?.login);
    starts.push(() => preparer(c, w, dept));
  }
  for (let i = 0; i < m.officers; i++) {
    const dept = w.departments[i % w.departments.length] as World['departments'][number];
    const user = w.users.DEPARTMENT_OFFICER.find((u) => u.departmentId === dept.id);
    const c = await signedIn(`officer${i + 1}`, user?.login);
    starts.push(() => officer(c, dept));
  }
  // One reviewer per expenditure division first, then a second one for a division (natural contention).
  const divisions = [...new Set(w.users.EXPENDITURE_REVIEWER.map((u) => u.financeDivisionId))];
  for (let i = 0; i < m.expenditure; i++) {
    const division = divisions[i % divisions.length];
    const users = w.users.EXPENDITURE_REVIEWER.filter((u) => u.financeDivisionId === division);
    const c = await signedIn(`exp${i + 1}`, users[Math.floor(i / divisions.length) % users.length]?.login);
    starts.push(() => expenditureReviewer(c));
  }
  const squadOf = async (role: Role, n: number, label: string) => {
    const members: Client[] = [];
    for (let i = 0; i < n; i++) members.push(await signedIn(`${label}${i + 1}`, next(role)));
    return members;
  };
  const evaluation = await squadOf('EVALUATION_REVIEWER', m.evaluationSquad, 'eval');
  starts.push(() => evaluationSquad(phase, evaluation));
  for (let i = 0; i < m.performance; i++) {
    const c = await signedIn(`perf${i + 1}`, next('PERFORMANCE_ADMIN'));
    starts.push(() => performanceDivision(c));
  }
  const admission = await squadOf('PERFORMANCE_ADMIN', m.admissionSquad, 'admit');
  starts.push(() => admissionSquad(phase, admission));
  const budget = await squadOf('BUDGET_OFFICER', m.budgetSquad, 'budget');
  starts.push(() => budgetSquad(phase, budget));
  for (let i = 0; i < m.observers; i++) {
    const c = await signedIn(`observer${i + 1}`, next('OBSERVER'));
    starts.push(() => observer(c));
  }
  for (let i = 0; i < m.dashboards; i++) {
    const c = await signedIn(`analyst${i + 1}`, next('ANALYST'));
    starts.push(() => dashboardReader(c));
  }
  const feeds: Array<{ client: Client; feed: Feed }> = [];
  for (let i = 0; i < m.pollers; i++) {
    const c = await signedIn(`poller${i + 1}`, next('INTEGRATION'));
    const feed: Feed = { positions: [] };
    feeds.push({ client: c, feed });
    starts.push(() => eventPoller(c, feed));
  }
  for (let i = 0; i < m.bureauReaders; i++) {
    const c = await signedIn(`reader${i + 1}`, next(i % 2 ? 'BUDGET_OFFICER' : 'PERFORMANCE_ADMIN'));
    starts.push(() => bureauReader(c, w));
  }
  for (let i = 0; i < m.publicReaders; i++) {
    const c = await signedIn(`public${i + 1}`, undefined);
    starts.push(() => publicReader(c));
  }

  const before = await baseline(db);
  log(`${name}: ${clients.length} clients on ${servers.length} instance(s) for ${SECONDS} s`);
  phase.clients = clients.length;
  phase.started = performance.now();
  phase.deadline = phase.started + SECONDS * 1000;
  const cpu0 = cpu();
  await Promise.all(starts.map((s) => s()));
  phase.ended = performance.now();
  phase.serverCpu = cpu() - cpu0;
  phase.loadAverage = loadavg()[0] ?? Number.NaN;
  // The pollers read on to the end of the feed (not measured), then their feeds are counted with the rest.
  phase.draining = true;
  for (const { client, feed } of feeds) while (await readFeed(client, feed));
  phase.feeds = feeds.map((f) => f.feed);
  log(`${name}: counting the database against the ledger`);
  await checkLedger(db, before, phase);
  return phase;
}

// ---------------------------------------------------------------------------------------------------------------
// The count

interface Verdict {
  discrepancies: string[];
  counted: Record<string, number>;
}

const verdicts = new WeakMap<PhaseLog, Verdict>();

function multiset(keys: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** Compares what the ledger expects with what the database holds, key by key. */
function compare(what: string, expected: Map<string, number>, actual: Map<string, number>, out: string[]): void {
  for (const [k, n] of expected) {
    const got = actual.get(k) ?? 0;
    if (got < n) out.push(`${what}: ${k} acknowledged ${n}×, found ${got}× (lost)`);
    if (got > n) out.push(`${what}: ${k} acknowledged ${n}×, found ${got}× (applied twice or without acknowledgement)`);
  }
  for (const [k, n] of actual) {
    if (!expected.has(k)) out.push(`${what}: ${k} found ${n}× but never acknowledged`);
  }
}

async function checkLedger(db: PgClient, b: Baseline, phase: PhaseLog): Promise<void> {
  const out: string[] = [];
  const acks = phase.acks;

  // 1. The audit trail, request by request: every acknowledged write left exactly its entries, and no refused or
  //    unanswered request left any.
  const audit = await db.query<{ request_id: string | null; subject_type: string; subject_id: string; action: string }>(
    'select request_id, subject_type, subject_id, action from audit_entry where id > $1',
    [b.audit],
  );
  const byRequest = new Map<string, string[]>();
  for (const r of audit.rows) {
    const k = r.request_id ?? '(none)';
    byRequest.set(k, [...(byRequest.get(k) ?? []), `${r.subject_type}:${r.subject_id}:${r.action}`]);
  }
  for (const a of acks) {
    const found = multiset(byRequest.get(a.rid) ?? []);
    const optional = new Set(a.optionalAudits ?? []);
    for (const [k, n] of multiset(a.audits)) {
      const got = found.get(k) ?? 0;
      if (got !== n) out.push(`audit of ${a.rid} (${a.op}): ${k} expected ${n}×, found ${got}×`);
      found.delete(k);
    }
    for (const [k, n] of found) {
      if (!optional.has(k) || n > 1) out.push(`audit of ${a.rid} (${a.op}): unexpected ${k} ${n}×`);
    }
    byRequest.delete(a.rid);
  }
  for (const [rid, entries] of byRequest) {
    const why = phase.indeterminate.has(rid) ? 'a request that got no clean answer' : 'a refused request';
    out.push(`audit: ${entries.length} entries of ${why} ${rid}: ${entries.slice(0, 3).join(', ')}`);
  }

  // 2. The review event outbox: per subject and type, as many events as acknowledged steps.
  const events = await db.query<{ subject_type: string; subject_id: string; type: string; n: string }>(
    `select subject_type, subject_id, type, count(*) as n from review_event where position > $1 group by 1, 2, 3`,
    [b.position],
  );
  compare(
    'review events',
    multiset(acks.flatMap((a) => a.events)),
    new Map(events.rows.map((r) => [`${r.subject_type}:${r.subject_id}:${r.type}`, Number(r.n)])),
    out,
  );

  // 3. Review records and admission approvals.
  const reviews = await db.query<{ target_id: string; stage: string; n: string }>(
    'select target_id, stage, count(*) as n from target_review where id > $1 group by 1, 2',
    [b.review],
  );
  compare(
    'target reviews',
    multiset(acks.flatMap((a) => a.reviews ?? [])),
    new Map(reviews.rows.map((r) => [`${r.target_id}:${r.stage}`, Number(r.n)])),
    out,
  );
  const approvals = await db.query<{ request_id: string; step: string; decision: string; n: string }>(
    'select request_id, step, decision, count(*) as n from indicator_change_approval where id > $1 group by 1, 2, 3',
    [b.approval],
  );
  compare(
    'admission approvals',
    multiset(acks.flatMap((a) => a.approvals ?? [])),
    new Map(approvals.rows.map((r) => [`${r.request_id}:${r.step}:${r.decision}`, Number(r.n)])),
    out,
  );

  // 4. Rows created: exactly the acknowledged ones, and each target's rows as acknowledged.
  const created = await db.query<{ k: string }>(
    `select 'project:' || id as k from project where id > $1
     union all select 'project_budget:' || id from project_budget where id > $2
     union all select 'performance_target:' || id from performance_target where id > $3
     union all select 'target_indicator:' || id from target_indicator where id > $4
     union all select 'indicator:' || id from indicator where id > $5
     union all select 'indicator_change_request:' || id from indicator_change_request where id > $6`,
    [b.project, b.budget, b.target, b.row, b.indicator, b.request],
  );
  compare('created rows', multiset(acks.flatMap((a) => a.created ?? [])), multiset(created.rows.map((r) => r.k)), out);
  const rowsOf = await db.query<{ target_id: string; n: string }>(
    'select target_id, count(*) as n from target_indicator where id > $1 group by 1',
    [b.row],
  );
  compare(
    'rows per target',
    multiset(acks.flatMap((a) => (a.rowOf ? [a.rowOf] : []))),
    new Map(rowsOf.rows.map((r) => [String(r.target_id), Number(r.n)])),
    out,
  );

  // 5. Versions: no two acknowledged steps moved one record to the same version (a double application), and each
  //    record stands at the last acknowledged version, in the state that step answered when it was the last.
  const claims = new Map<string, NonNullable<Ack['claim']>[]>();
  for (const a of acks) if (a.claim) claims.set(a.claim.key, [...(claims.get(a.claim.key) ?? []), a.claim]);
  const ids = (type: string) =>
    [...claims.keys()].filter((k) => k.startsWith(`${type}:`)).map((k) => Number(k.slice(type.length + 1)));
  const states = await db.query<{ k: string; version: number; status: string }>(
    `select 'PerformanceTarget:' || id as k, version, status from performance_target where id = any($1)
     union all
     select 'IndicatorChangeRequest:' || id, version, status from indicator_change_request where id = any($2)`,
    [ids('PerformanceTarget'), ids('IndicatorChangeRequest')],
  );
  const state = new Map(states.rows.map((r) => [r.k, r]));
  for (const [key, list] of claims) {
    const versions = multiset(list.map((c) => String(c.version)));
    for (const [v, n] of versions) if (n > 1) out.push(`${key}: ${n} acknowledged steps moved it to version ${v}`);
    const last = list.reduce((x, y) => (y.version > x.version ? y : x));
    const db = state.get(key);
    if (!db) out.push(`${key}: acknowledged but missing`);
    else if (db.version !== last.version) {
      out.push(`${key}: at version ${db.version}, the last acknowledged step moved it to ${last.version}`);
    } else if (last.answeredVersion === last.version && db.status !== last.answeredStatus) {
      out.push(`${key}: ${db.status}, the last acknowledged step answered ${last.answeredStatus}`);
    }
  }

  // 6. The feed as integrations read it: every event committed in the phase exactly once, in increasing positions.
  const committed = events.rows.length
    ? (
        await db.query<{ position: string }>('select position from review_event where position > $1', [b.position])
      ).rows.map((r) => Number(r.position))
    : [];
  for (const [i, feed] of phase.feeds.entries()) {
    const disorder = feed.positions.findIndex((p, j) => j > 0 && p <= (feed.positions[j - 1] as number));
    if (disorder >= 0)
      out.push(`feed ${i + 1}: position ${feed.positions[disorder]} after ${feed.positions[disorder - 1]}`);
    const seen = new Set(feed.positions.filter((p) => p > b.position));
    const missed = committed.filter((p) => !seen.has(p));
    if (missed.length)
      out.push(`feed ${i + 1}: ${missed.length} committed events never read, e.g. ${missed.slice(0, 5).join(', ')}`);
    const all = new Set(committed);
    const phantom = [...seen].filter((p) => !all.has(p));
    if (phantom.length)
      out.push(`feed ${i + 1}: read events that are not in the outbox: ${phantom.slice(0, 5).join(', ')}`);
  }

  // 7. Races: at most one winner each.
  for (const r of phase.races) {
    if (r.expected === 1 && r.winners > 1) out.push(`race ${r.op}: ${r.winners} of ${r.members} won`);
    // Distinct records at once: each must win, unless someone else moved it first (CONFLICT, INVALID_TRANSITION).
    const spurious = r.codes.filter((c) => !['CONFLICT', 'INVALID_TRANSITION'].includes(c));
    if (r.expected > 1 && spurious.length) out.push(`race ${r.op}: refused with ${spurious.join(', ')}`);
  }
  for (const rid of phase.indeterminate) out.push(`write ${rid} got no clean answer: its outcome is unknown`);

  verdicts.set(phase, {
    discrepancies: out,
    counted: {
      'acknowledged writes': acks.length,
      'audit entries': audit.rows.length,
      'review events': events.rows.reduce((n, r) => n + Number(r.n), 0),
      'target reviews': reviews.rows.reduce((n, r) => n + Number(r.n), 0),
      'admission approvals': approvals.rows.reduce((n, r) => n + Number(r.n), 0),
      'created rows': created.rows.length,
      'records with version claims': claims.size,
      'feeds read to the end': phase.feeds.length,
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Report

function sorted(xs: number[]): Float64Array {
  return Float64Array.from(xs).sort();
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux only; NaN elsewhere). */
function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(rest[11]) + Number(rest[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

function report(phase: PhaseLog, servers: ServerProcess[]): boolean {
  const seconds = (phase.ended - phase.started) / 1000;
  const all = sorted([...phase.reads, ...phase.writes]);
  const reads = sorted(phase.reads);
  const writes = sorted(phase.writes);
  const v = verdicts.get(phase);
  const lines: string[] = [];
  const lat = (s: Float64Array) => `p50 ${fmt(percentile(s, 50), 1)} ms, p99 ${fmt(percentile(s, 99), 1)} ms`;
  lines.push(`=== ${phase.name}: ${phase.clients} clients, ${servers.length} instance(s), ${fmt(seconds, 1)} s ===`);
  lines.push(
    `machine: 1-minute load average ${fmt(phase.loadAverage, 1)} on ${cpus().length} cores; API CPU ${fmt(phase.serverCpu, 1)} s (${fmt((phase.serverCpu * 1000) / Math.max(1, all.length), 2)} ms per request)`,
  );
  lines.push(
    `requests: ${all.length} (${fmt(all.length / seconds, 1)} req/s) · ${lat(all)}`,
    `  reads:  ${reads.length} (${fmt(reads.length / seconds, 1)}/s) · ${lat(reads)}`,
    `  writes: ${writes.length} (${fmt(writes.length / seconds, 1)}/s) · ${lat(writes)} · acknowledged ${phase.acks.length}`,
  );
  lines.push('  by operation (count, p50, p99 ms):');
  for (const [op, ms] of [...phase.byOp].sort((a, b) => b[1].length - a[1].length)) {
    const s = sorted(ms);
    lines.push(
      `    ${op.padEnd(44)} ${String(s.length).padStart(6)} ${fmt(percentile(s, 50), 1).padStart(9)} ${fmt(percentile(s, 99), 1).padStart(9)}`,
    );
  }
  const ops = multiset(phase.acks.map((a) => a.op));
  lines.push(
    `acknowledged writes by operation: ${[...ops]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  lines.push(`5xx: ${phase.serverErrors.length} · no answer: ${phase.failures.length}`);
  for (const e of phase.serverErrors.slice(0, 10))
    lines.push(`  5xx ${e.rid} ${e.op} (HTTP ${e.status}): ${e.message}`);
  for (const e of phase.failures.slice(0, 10)) lines.push(`  no answer ${e.rid} ${e.op}: ${e.message}`);
  if (phase.serverErrors.length) {
    const logged = servers
      .flatMap((s) => s.output().split('\n'))
      .filter((l) => l.includes('"unexpected error"'))
      .slice(0, 5);
    for (const l of logged) lines.push(`  server log: ${l.slice(0, 600)}`);
  }
  const refusals = [...phase.refusals].sort((a, b) => b[1] - a[1]);
  const byCode = multiset([...phase.refusals].flatMap(([k, n]) => Array(n).fill(k.split(' ').at(-1))));
  lines.push(
    `refusals (non-5xx) by code: ${[...byCode].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`,
    ...refusals.map(([k, n]) => `  ${k}: ${n} (first: ${phase.samples.get(k)?.slice(0, 160)})`),
  );
  if (phase.readErrors.size) {
    lines.push(
      `read errors: ${[...phase.readErrors].map(([k, n]) => `${k} ${n} (first: ${phase.samples.get(k)?.slice(0, 160)})`).join(', ')}`,
    );
  }
  const races = multiset(phase.races.map((r) => r.op));
  for (const [op, n] of races) {
    const rs = phase.races.filter((r) => r.op === op);
    const codes = [...multiset(rs.flatMap((r) => r.codes))].map(([k, c]) => `${k} ${c}`).join(', ') || 'nothing';
    if (rs[0]?.expected === 1) {
      const one = rs.filter((r) => r.winners === 1).length;
      const none = rs.filter((r) => r.winners === 0).length;
      lines.push(
        `race ${op}: ${n} × ${rs[0]?.members} clients: one winner ${one}, none ${none}, more than one ${n - one - none}; the others got ${codes}`,
      );
    } else {
      const all = rs.filter((r) => r.winners === r.expected).length;
      lines.push(`race ${op}: ${n} rounds, all admitted in ${all}; refusals: ${codes}`);
    }
  }
  if (v) {
    lines.push(
      `ledger check: ${v.discrepancies.length ? 'FAIL' : 'PASS'} (${Object.entries(v.counted)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')})`,
    );
    for (const d of v.discrepancies.slice(0, 30)) lines.push(`  ${d}`);
    if (v.discrepancies.length > 30) lines.push(`  … ${v.discrepancies.length - 30} more`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  return !phase.serverErrors.length && !phase.failures.length && !v?.discrepancies.length;
}

// ---------------------------------------------------------------------------------------------------------------
// Main

const running = new Set<ServerProcess>();
let database: string | undefined;

async function start(url: string): Promise<ServerProcess> {
  const s = await startServerProcess(url, {
    NODE_ENV: 'production',
    JWT_SECRET,
    // The production rate limits (600 a minute per user) would refuse a closed-loop client within seconds.
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_IP_PER_MINUTE: '0',
    DB_POOL_MAX: '10',
  });
  running.add(s);
  return s;
}

async function stopAll(): Promise<void> {
  for (const s of [...running]) {
    running.delete(s);
    await s.stop().catch(() => undefined);
  }
}

async function dropDatabase(): Promise<void> {
  if (!database) return;
  if (KEEP) {
    log(`kept database ${database}`);
    return;
  }
  const name = database;
  database = undefined;
  await admin((c) => c.query(`drop database if exists ${name} with (force)`), SERVER_URL).catch((e) =>
    log(`could not drop ${name}: ${(e as Error).message}`),
  );
}

async function main(): Promise<boolean> {
  await admin((c) => c.query('select 1'), SERVER_URL).catch((e) => {
    throw new Error(
      `cannot reach ${SERVER_URL} (${(e as Error).message}); start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
    );
  });
  const name = `yardstick_bench_load_${Date.now()}`;
  await admin((c) => c.query(`create database ${name}`), SERVER_URL);
  database = name;
  const url = dbUrl(name, SERVER_URL);
  log(`database ${name}: migrating and loading the demo data`);
  await runChild([resolve(ROOT, 'dist/server/db/cli.js'), 'seed'], { DATABASE_URL: url, LOG_LEVEL: 'warn' });
  const w = await setupWorld(url);
  log(
    `${w.departments.length} departments (${w.departments.map((d) => d.name).join('、')}), ${Object.values(w.users).flat().length} users, ${w.dimensions.length} dimensions`,
  );
  const db = new PgClient({ connectionString: url });
  await db.connect();
  let ok = true;
  try {
    const one = [await start(url)];
    const p1 = await runPhase('1 instance', one, w, db);
    ok = report(p1, one) && ok;
    await stopAll();
    const two = [await start(url), await start(url)];
    const p2 = await runPhase('2 instances', two, w, db);
    ok = report(p2, two) && ok;
    await stopAll();
  } finally {
    await db.end();
  }
  await dropDatabase();
  process.stdout.write(
    ok
      ? 'PASS: no 5xx, every request answered, the database equal to the ledger in both phases\n'
      : 'FAIL: see the phases above\n',
  );
  return ok;
}

async function cleanup(): Promise<void> {
  await stopAll();
  await dropDatabase();
}

process.on('SIGINT', () => {
  void cleanup().then(() => process.exit(130));
});

main()
  .then(async (ok) => {
    agent.destroy();
    process.exit(ok ? 0 : 1);
  })
  .catch(async (e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    await cleanup();
    process.exit(1);
  });
