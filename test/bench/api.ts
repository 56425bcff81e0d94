import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { Client as PgClient, Pool } from 'pg';
import { hashPassword } from '../../server/modules/identity';
import { type ServerProcess, startServerProcess } from '../helpers/processes';
import { ADMIN_URL, admin, dbUrl, fmt, logger, percentile, runChild } from './common';
import { startCountingProxy } from './pgcount';

/**
 * API benchmark (`npm run bench:api`, never part of `npm test`): city-scale generated data in a fresh PostgreSQL
 * database, four request shapes against Yardstick, the same read shapes against PostGraphile 5 over the same database
 * in the same run, and the raw SQL of each read shape as the floor. Writes bench-results/api.json and api.md.
 *
 * - Load: autocannon 9 at 10 connections (closed loop). Latencies are taken from autocannon's per-response timings
 *   (fractional ms, from process.hrtime), so p50/p95/p99 are exact even for sub-millisecond shapes.
 * - Cores: this process (autocannon and the raw-SQL loops) runs on core 1, each server process on core 0
 *   (`taskset -a -p`); PostgreSQL is not pinned (it is shared with the machine).
 * - SQL statements per request: a counting pass before timing connects both servers through a wire-protocol proxy
 *   (test/bench/pgcount.ts) and counts Query + Execute messages over sequential requests; for Yardstick the server's
 *   own per-request count (server/db/stats.ts, logged at LOG_LEVEL=debug) is reported next to it.
 * - Raw SQL floor: hand-written SQL fetching the same data (the statements Yardstick runs, minus its scope and
 *   formatting), run from a pg Pool of 10 in this process by 10 concurrent loops.
 * - Province: the funds funnel again on 20 generated cities (BENCH_PROVINCE=false skips it).
 *
 * Settings: BENCH_DATABASE_URL / TEST_DATABASE_URL (a server whose user may create databases; default
 * postgres://postgres@127.0.0.1:5432/postgres), BENCH_SECONDS (10 per measurement), BENCH_WARMUP_SECONDS (3),
 * BENCH_PROVINCE (true), BENCH_CPU_PROF (a directory: the timed Yardstick writes a V8 CPU profile there),
 * BENCH_KEEP_DATABASES (true: do not drop them).
 */

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS || 3);
const PROVINCE = !/^(0|false|no|off)$/i.test(process.env.BENCH_PROVINCE ?? '');
const CPU_PROF = process.env.BENCH_CPU_PROF;
const KEEP = /^(1|true|yes|on)$/i.test(process.env.BENCH_KEEP_DATABASES ?? '');
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const CONNECTIONS = 10;
const COUNT_REQUESTS = 20;
const JWT_SECRET = 'yardstick-bench-api-secret-0123456789abcdef';
const PASSWORD = 'bench-password-2023';
const YEAR = 2023;
const SEARCH = '率';
const ROOT = resolve(__dirname, '../../..');
const RESULTS_DIR = resolve(ROOT, 'bench-results');

const log = logger('bench:api');

function pin(pid: number | undefined, core: number): void {
  if (pid === undefined) return;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
  } catch {
    log(`taskset failed for pid ${pid}: running unpinned`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Servers

interface PgServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startPostGraphile(databaseUrl: string, profile: boolean): Promise<PgServer> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      resolve(__dirname, 'with-resolvers.js'),
      ...(CPU_PROF && profile ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []),
      resolve(__dirname, 'postgraphile.js'),
    ],
    {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, PORT: '0', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stderr.on('data', (d) => (out += d));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`PostGraphile did not start in 60 s:\n${out}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /postgraphile listening on (http:\/\/\S+)\/graphql/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`PostGraphile exited (${code}):\n${out}`));
    });
  });
  const exited = new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
  return {
    url,
    child,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

const running = new Set<{ stop(): Promise<void> }>();

async function yardstick(
  databaseUrl: string,
  env: Record<string, string> = {},
  profile = true,
): Promise<ServerProcess> {
  const s = await startServerProcess(
    databaseUrl,
    {
      NODE_ENV: 'production',
      JWT_SECRET,
      DB_POOL_MAX: '10',
      // Production turns the per-user and per-IP rate limits on; a benchmark is one user sending thousands a minute.
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_IP_PER_MINUTE: '0',
      ...env,
    },
    { nodeArgs: CPU_PROF && profile ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [] },
  );
  running.add(s);
  return s;
}

async function peer(databaseUrl: string, profile = true): Promise<PgServer> {
  const s = await startPostGraphile(databaseUrl, profile);
  running.add(s);
  return s;
}

async function stop(s: { stop(): Promise<void> }): Promise<void> {
  running.delete(s);
  await s.stop();
}

async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`${url}: ${JSON.stringify(body.errors ?? body).slice(0, 800)}\nquery: ${query.slice(0, 200)}`);
  }
  return body.data;
}

async function login(url: string, loginName: string): Promise<string> {
  const d = await gql<{ login: { accessToken: string } }>(
    url,
    'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
    { input: { loginName, password: PASSWORD } },
  );
  return d.login.accessToken;
}

// ---------------------------------------------------------------------------------------------------------------
// Shapes

interface World {
  city: string;
  cities: string[];
  categoryId: number;
  categoryIds: number[];
  jointTargets: string[];
}

interface ReadShape {
  name: string;
  yardstick: { query: string; variables: Record<string, unknown> };
  postgraphile?: { query: string; variables: Record<string, unknown> };
  /** The same summary from both answers, compared before timing. */
  summarizeYardstick(data: Record<string, unknown>): Record<string, unknown>;
  summarizePostGraphile(data: Record<string, unknown>): Record<string, unknown>;
  /** One "request" of raw SQL: the statements, run one after the other on one pooled connection. */
  sql(c: PoolClientLike): Promise<unknown>;
}

interface PoolClientLike {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are walked loosely here
type J = any;
const money = (v: unknown) => Math.round(Number(v ?? 0) * 100);

function nestedShape(w: World): ReadShape {
  return {
    name: 'nested list (100 projects → department, budgets, targets → rows → indicator → category)',
    yardstick: {
      query: `query($division: String!) {
  projects(limit: 100, filter: { fiscalDivisionCode: $division }, sort: [{ field: CODE }]) {
    totalCount
    items {
      code name
      department { code name }
      budgets { fiscalYear requested audited approved }
      targets {
        status funds
        rows { comparator targetValue unit indicator { code name category { code name } } }
      }
    }
  }
}`,
      variables: { division: w.city },
    },
    postgraphile: {
      query: `query($division: String!) {
  allProjects(first: 100, filter: { fiscalDivisionCode: { equalTo: $division } }, orderBy: [CODE_ASC]) {
    totalCount
    nodes {
      code name
      departmentByDepartmentId { code name }
      projectBudgetsByProjectId { nodes { fiscalYear requested audited approved } }
      performanceTargetsByProjectId {
        nodes {
          status funds
          targetIndicatorsByTargetId {
            nodes { comparator targetValue unit indicatorByIndicatorId { code name indicatorCategoryByCategoryId { code name } } }
          }
        }
      }
    }
  }
}`,
      variables: { division: w.city },
    },
    summarizeYardstick(d: J) {
      const items: J[] = d.projects.items;
      const rows = items.flatMap((p) => p.targets.flatMap((t: J) => t.rows));
      return {
        totalCount: d.projects.totalCount,
        projects: items.length,
        firstCode: items[0]?.code,
        lastCode: items.at(-1)?.code,
        departments: items.filter((p) => p.department?.name).length,
        budgets: items.reduce((n, p) => n + p.budgets.length, 0),
        requested: items.reduce((n, p) => n + p.budgets.reduce((m: number, b: J) => m + money(b.requested), 0), 0),
        targets: items.reduce((n, p) => n + p.targets.length, 0),
        rows: rows.length,
        categories: rows.filter((r: J) => r.indicator?.category?.name).length,
      };
    },
    summarizePostGraphile(d: J) {
      const items: J[] = d.allProjects.nodes;
      const budgets = (p: J) => p.projectBudgetsByProjectId.nodes as J[];
      const targets = (p: J) => p.performanceTargetsByProjectId.nodes as J[];
      const rows = items.flatMap((p) => targets(p).flatMap((t) => t.targetIndicatorsByTargetId.nodes as J[]));
      return {
        totalCount: d.allProjects.totalCount,
        projects: items.length,
        firstCode: items[0]?.code,
        lastCode: items.at(-1)?.code,
        departments: items.filter((p) => p.departmentByDepartmentId?.name).length,
        budgets: items.reduce((n, p) => n + budgets(p).length, 0),
        requested: items.reduce((n, p) => n + budgets(p).reduce((m, b) => m + money(b.requested), 0), 0),
        targets: items.reduce((n, p) => n + targets(p).length, 0),
        rows: rows.length,
        categories: rows.filter((r) => r.indicatorByIndicatorId?.indicatorCategoryByCategoryId?.name).length,
      };
    },
    async sql(c) {
      const page = await c.query(
        `select p.id, p.code, p.name, d.code as department_code, d.name as department_name, count(*) over () as total
           from project p join department d on d.id = p.department_id
          where p.fiscal_division_code = $1 order by p.code limit 100`,
        [w.city],
      );
      const ids = page.rows.map((r) => r.id);
      await c.query(
        `select project_id, fiscal_year, requested, audited, approved from project_budget
          where project_id = any($1) order by project_id, fiscal_year`,
        [ids],
      );
      await c.query(
        `select t.project_id, t.id, t.status, t.funds, r.comparator, r.target_value, r.unit,
                i.code, i.name, c.code as category_code, c.name as category_name
           from performance_target t
           left join target_indicator r on r.target_id = t.id
           left join indicator i on i.id = r.indicator_id
           left join indicator_category c on c.id = i.category_id
          where t.project_id = any($1) order by t.project_id, t.id, r.sort_order`,
        [ids],
      );
    },
  };
}

const FUNNEL_FIELDS = 'budgets requested audited approved cut cutRate';

function funnelShape(cities: string[], viewerDivision: string): ReadShape {
  const sumFields = 'budgets requested audited approved decidedRequested cut';
  const pgSummary = (sum: J) => ({
    budgets: Number(sum.budgets),
    requested: money(sum.requested),
    audited: money(sum.audited),
    approved: money(sum.approved),
    cut: money(sum.cut),
  });
  return {
    name: `funds funnel by department × budget type, ${YEAR}, ${cities.length} ${cities.length === 1 ? 'city' : 'cities'}`,
    yardstick: {
      query: `query($years: [Int!], $divisions: [String!]) {
  fundsAggregate(groupBy: [DEPARTMENT, BUDGET_TYPE], filter: { fiscalYears: $years, fiscalDivisionCodes: $divisions }) {
    groups { departmentId departmentName budgetType ${FUNNEL_FIELDS} }
    total { ${FUNNEL_FIELDS} }
  }
}`,
      variables: { years: [YEAR], divisions: cities },
    },
    postgraphile: {
      query: `query($year: Int!, $divisions: [String!]) {
  allBenchBudgetFacts(filter: { fiscalYear: { equalTo: $year }, fiscalDivisionCode: { in: $divisions } }) {
    aggregates { sum { ${sumFields} } }
    groupedAggregates(groupBy: [DEPARTMENT_ID, DEPARTMENT_NAME, BUDGET_TYPE]) { keys sum { ${sumFields} } }
  }
}`,
      variables: { year: YEAR, divisions: cities },
    },
    summarizeYardstick(d: J) {
      const t = d.fundsAggregate.total;
      return {
        groups: d.fundsAggregate.groups.length,
        budgets: t.budgets,
        requested: money(t.requested),
        audited: money(t.audited),
        approved: money(t.approved),
        cut: money(t.cut),
      };
    },
    summarizePostGraphile(d: J) {
      return {
        groups: d.allBenchBudgetFacts.groupedAggregates.length,
        ...pgSummary(d.allBenchBudgetFacts.aggregates.sum),
      };
    },
    async sql(c) {
      // Yardstick's statement (server/modules/dashboard: the rollup grouped by grouping sets, with the viewer's scope).
      await c.query(
        `with recursive scope_division(code) as (
           select $1::varchar union all
           select f.code from fiscal_division f join scope_division s on f.parent_code = s.code)
         select r.department_id, dd.code, dd.name, r.budget_type,
                grouping(r.department_id, dd.code, dd.name, r.budget_type) <> 0 as is_total,
                coalesce(sum(r.budgets), 0)::int as budgets, coalesce(sum(r.requested), 0)::text as requested,
                coalesce(sum(r.audited), 0)::text as audited, coalesce(sum(r.approved), 0)::text as approved,
                coalesce(sum(r.decided_requested) - sum(r.approved), 0)::text as cut,
                round((sum(r.decided_requested) - sum(r.approved)) / nullif(sum(r.decided_requested), 0), 4)::float8
                  as cut_rate
           from budget_rollup r join department dd on dd.id = r.department_id
          where r.fiscal_division_code in (select code from scope_division)
            and r.fiscal_division_code = any($2) and r.fiscal_year = any($3)
          group by grouping sets ((r.department_id, dd.code, dd.name, r.budget_type), ())
         having sum(r.budgets) > 0`,
        [viewerDivision, cities, [YEAR]],
      );
    },
  };
}

function searchShape(w: World): ReadShape {
  return {
    name: `library search: "${SEARCH}" in code or name, one category subtree, 20 rows + count`,
    yardstick: {
      query: `query($division: String!, $search: String!, $category: ID!) {
  indicators(filter: { fiscalDivisionCode: $division, search: $search, categoryId: $category }, limit: 20) {
    totalCount
    items { code name versionNo: version status category { code name } }
  }
}`,
      variables: { division: w.city, search: SEARCH, category: String(w.categoryId) },
    },
    postgraphile: {
      query: `query($division: String!, $search: String!, $categories: [Int!]) {
  allIndicators(
    first: 20
    orderBy: [CODE_ASC, VERSION_NO_ASC]
    filter: {
      fiscalDivisionCode: { equalTo: $division }
      categoryId: { in: $categories }
      or: [{ code: { includesInsensitive: $search } }, { name: { includesInsensitive: $search } }]
    }
  ) {
    totalCount
    nodes { code name versionNo status indicatorCategoryByCategoryId { code name } }
  }
}`,
      variables: { division: w.city, search: SEARCH, categories: w.categoryIds },
    },
    summarizeYardstick(d: J) {
      const items: J[] = d.indicators.items;
      return { totalCount: d.indicators.totalCount, codes: items.map((i) => `${i.code}/${i.versionNo}`).join(',') };
    },
    summarizePostGraphile(d: J) {
      const items: J[] = d.allIndicators.nodes;
      return { totalCount: d.allIndicators.totalCount, codes: items.map((i) => `${i.code}/${i.versionNo}`).join(',') };
    },
    async sql(c) {
      const page = await c.query(
        `with recursive sub(id) as (select $2::int union all
           select c.id from indicator_category c join sub on c.parent_id = sub.id)
         select t.id, t.code, t.version_no, t.name, t.status, t.category_id, count(*) over () as total
           from indicator t
          where t.fiscal_division_code = $1 and t.category_id in (select id from sub)
            and (t.code ilike $3 or t.name ilike $3)
          order by t.code, t.version_no, t.id limit 20`,
        [w.city, w.categoryId, `%${SEARCH}%`],
      );
      await c.query('select id, code, name from indicator_category where id = any($1)', [
        [...new Set(page.rows.map((r) => r.category_id))],
      ]);
    },
  };
}

const COMMENT = `mutation($id: ID!, $comment: String!) { commentJointReview(targetId: $id, comment: $comment) { id status } }`;

// ---------------------------------------------------------------------------------------------------------------
// Measuring

interface Measure {
  rps: number;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  errors: number;
  seconds: number;
  /** CPU time the server process used per request (user + system), ms: hardly depends on other load. */
  cpuMsPerRequest?: number;
  /** The machine's 1-minute load average when the measurement ended (2 cores: above ~2.5 means other work). */
  loadAverage?: number;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux only; NaN elsewhere). */
function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

function summarize(latencies: number[], errors: number, seconds: number): Measure {
  const sorted = Float64Array.from(latencies).sort();
  const arr = Array.from(sorted);
  return {
    rps: latencies.length / seconds,
    requests: latencies.length,
    p50: percentile(arr, 50),
    p95: percentile(arr, 95),
    p99: percentile(arr, 99),
    mean: arr.reduce((a, b) => a + b, 0) / Math.max(1, arr.length),
    errors,
    seconds,
  };
}

/** autocannon at 10 connections; latency from its per-response hrtime; a 2xx without "errors" counts as success. */
async function load(
  url: string,
  body: () => string,
  token: string | undefined,
  seconds: number,
  errorsOf?: (body: string) => boolean,
  pid?: number,
  connections = CONNECTIONS,
): Promise<Measure> {
  const cpu0 = cpuSecondsOf(pid);
  const latencies: number[] = [];
  let errors = 0;
  let sample = '';
  const instance = autocannon({
    url: `${url}/graphql`,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        setupRequest: (req) => ({ ...req, body: body() }),
        onResponse: (status, text) => {
          const bad = status !== 200 || (errorsOf ? errorsOf(text) : text.startsWith('{"errors"'));
          if (bad) {
            errors++;
            if (!sample) sample = `${status} ${text.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  if (sample) log(`  errors: ${errors}, first: ${sample}`);
  const m = summarize(latencies, errors + result.errors + result.timeouts, result.duration || seconds);
  m.cpuMsPerRequest = ((cpuSecondsOf(pid) - cpu0) * 1000) / Math.max(1, latencies.length);
  m.loadAverage = loadavg()[0];
  return m;
}

async function sqlFloor(pool: Pool, shape: ReadShape, seconds: number, loops = CONNECTIONS): Promise<Measure> {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (performance.now() < until) {
        const c = await pool.connect();
        const t0 = performance.now();
        try {
          await shape.sql(c);
          latencies.push(performance.now() - t0);
        } catch (e) {
          errors++;
          if (errors === 1) log(`  SQL error: ${(e as Error).message}`);
        } finally {
          c.release();
        }
      }
    }),
  );
  const m = summarize(latencies, errors, (performance.now() - started) / 1000);
  m.loadAverage = loadavg()[0];
  return m;
}

// ---------------------------------------------------------------------------------------------------------------
// Data

async function createDatabase(name: string, scale: 'city' | 'province'): Promise<number> {
  await admin((c) => c.query(`create database ${name}`));
  databases.add(name);
  const t0 = performance.now();
  await runChild([resolve(ROOT, 'dist/server/db/cli.js'), 'generate', '--scale', scale], {
    DATABASE_URL: dbUrl(name),
    LOG_LEVEL: 'warn',
  });
  return (performance.now() - t0) / 1000;
}

const databases = new Set<string>();

async function dropDatabases(): Promise<void> {
  if (KEEP) {
    log(`kept databases: ${[...databases].join(', ')}`);
    return;
  }
  for (const name of databases) {
    try {
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
      databases.delete(name);
    } catch (e) {
      log(`could not drop ${name}: ${(e as Error).message}`);
    }
  }
}

/** Bench-only objects in the throwaway database: users, PostGraphile's view and smart tags. */
async function prepare(name: string, users: Array<{ login: string; division: string; roles: string[] }>) {
  const c = new PgClient({ connectionString: dbUrl(name) });
  await c.connect();
  try {
    const hash = await hashPassword(PASSWORD);
    for (const u of users) {
      await c.query(
        `insert into app_user (fiscal_division_code, login_name, display_name, password_hash, roles, active,
           password_changed_at, created_at, updated_at, version)
         values ($1, $2, $2, $3, $4::text[], true, now(), now(), now(), 1)`,
        [u.division, u.login, hash, u.roles],
      );
    }
    // PostGraphile's pg-aggregates groups only by columns of the aggregated collection: a view of budgets with their
    // project's department and budget type. Smart tags make the filtered and ordered columns available.
    await c.query(`create view bench_budget_fact as
      select b.id, p.fiscal_division_code, b.fiscal_year, p.department_id, d.name as department_name, p.budget_type,
             1 as budgets, b.requested, b.audited, b.approved,
             case when b.approved is not null then b.requested end as decided_requested,
             case when b.approved is not null then b.requested - b.approved end as cut
        from project_budget b join project p on p.id = b.project_id join department d on d.id = p.department_id`);
    const tag = `E'@behavior +filterBy +orderBy'`;
    for (const col of [
      'bench_budget_fact.fiscal_year',
      'bench_budget_fact.fiscal_division_code',
      'indicator.name',
      'indicator.code',
      'indicator.version_no',
      'indicator.fiscal_division_code',
      'indicator.category_id',
      'project.code',
      'project.fiscal_division_code',
    ]) {
      await c.query(`comment on column ${col} is ${tag}`);
    }
    await c.query('analyze');
  } finally {
    await c.end();
  }
}

async function world(name: string): Promise<World> {
  const c = new PgClient({ connectionString: dbUrl(name) });
  await c.connect();
  try {
    const cities = (
      await c.query<{ code: string }>(`select code from fiscal_division where level = 'CITY' order by code`)
    ).rows.map((r) => r.code);
    const city = cities[0];
    if (!city) throw new Error('no generated city');
    // The top-level category whose subtree holds the most indicators matching the search text.
    const cat = await c.query<{ id: number; ids: number[]; n: string }>(
      `with recursive tree(root, id) as (
         select id, id from indicator_category where fiscal_division_code = $1 and parent_id is null
         union all select tree.root, c.id from indicator_category c join tree on c.parent_id = tree.id)
       select tree.root as id, array_agg(distinct tree.id) as ids,
              (select count(*) from indicator i where i.category_id = any(array_agg(distinct tree.id))
                 and (i.code ilike $2 or i.name ilike $2)) as n
         from tree group by tree.root order by n desc limit 1`,
      [city, `%${SEARCH}%`],
    );
    const jointTargets = (
      await c.query<{ id: number }>(
        `select id from performance_target where fiscal_division_code = $1 and status = 'JOINT_REVIEW' order by id`,
        [city],
      )
    ).rows.map((r) => String(r.id));
    const row = cat.rows[0];
    if (!row) throw new Error('no indicator category');
    return { city, cities, categoryId: row.id, categoryIds: row.ids, jointTargets };
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Main

interface ShapeResult {
  shape: string;
  /** Concurrent requests (autocannon connections, raw-SQL loops); 10 unless said. */
  connections?: number;
  statements: { yardstick?: number; yardstickServerCount?: number; postgraphile?: number; sqlFloor?: number };
  yardstick: Measure;
  postgraphile?: Measure;
  sql?: Measure;
  check?: { yardstick: Record<string, unknown>; postgraphile?: Record<string, unknown> };
}

function table(results: ShapeResult[]): string {
  const lines = [
    '| shape | server | req/s | p50 ms | p95 ms | p99 ms | SQL/req | server CPU ms/req | errors | load avg | YS÷PG req/s | YS÷SQL p50 |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const ratioPg = r.postgraphile ? r.yardstick.rps / r.postgraphile.rps : undefined;
    const ratioSql = r.sql ? r.yardstick.p50 / r.sql.p50 : undefined;
    const st = r.statements;
    const ysSql =
      st.yardstick === undefined
        ? '—'
        : `${fmt(st.yardstick, 1)}${st.yardstickServerCount !== undefined ? ` (server: ${fmt(st.yardstickServerCount, 1)})` : ''}`;
    const row = (who: string, m: Measure | undefined, sql: string, a = '', b = '') =>
      m
        ? `| ${who === 'Yardstick' ? r.shape : ''} | ${who} | ${fmt(m.rps, 0)} | ${fmt(m.p50, 2)} | ${fmt(m.p95, 2)} | ${fmt(m.p99, 2)} | ${sql} | ${fmt(m.cpuMsPerRequest, 2)} | ${m.errors} | ${fmt(m.loadAverage, 1)} | ${a} | ${b} |`
        : undefined;
    for (const l of [
      row('Yardstick', r.yardstick, ysSql, fmt(ratioPg, 2), fmt(ratioSql, 1)),
      row('PostGraphile 5.1.5', r.postgraphile, fmt(st.postgraphile, 1)),
      row(`raw SQL (pg Pool, ${r.connections ?? CONNECTIONS} loops)`, r.sql, fmt(st.sqlFloor, 0)),
    ]) {
      if (l) lines.push(l);
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const ts = Date.now();
  pin(process.pid, 1);
  await admin((c) => c.query('select 1')).catch((e) => {
    throw new Error(
      `cannot reach ${ADMIN_URL} (${(e as Error).message}); start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
    );
  });
  const cityDb = `yardstick_bench_api_${ts}`;
  log(`generating city-scale data into ${cityDb}`);
  const generateSeconds = await createDatabase(cityDb, 'city');
  log(`  ${fmt(generateSeconds)} s`);
  const w = await world(cityDb);
  await prepare(cityDb, [
    { login: 'bench-reader', division: w.city, roles: ['PERFORMANCE_ADMIN'] },
    { login: 'bench-observer', division: w.city, roles: ['OBSERVER'] },
  ]);
  log(
    `city ${w.city}; search category ${w.categoryId} (${w.categoryIds.length} in subtree); ${w.jointTargets.length} targets in JOINT_REVIEW`,
  );
  const want = (key: string) => !ONLY.length || ONLY.includes(key);
  const shapes = [
    ...(want('nested') ? [nestedShape(w)] : []),
    ...(want('funnel') ? [funnelShape([w.city], w.city)] : []),
    ...(want('search') ? [searchShape(w)] : []),
  ];
  if (!want('mutation')) w.jointTargets = [];

  // --- Counting pass: both servers through the counting proxy, sequential requests, answers compared.
  const db = new URL(dbUrl(cityDb));
  const proxy = await startCountingProxy(db.hostname, Number(db.port || 5432));
  const viaProxy = new URL(dbUrl(cityDb));
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  const counted: Array<ShapeResult['statements'] & { check: ShapeResult['check'] }> = [];
  let mutationStatements: { yardstick?: number; yardstickServerCount?: number } = {};
  {
    const ys = await yardstick(
      viaProxy.toString(),
      {
        LOG_LEVEL: 'debug',
        EVENTS_POLL_MS: '600000',
        WEBHOOKS_ENABLED: 'false',
      },
      false,
    );
    const pg = await peer(viaProxy.toString(), false);
    try {
      const reader = await login(ys.url, 'bench-reader');
      const observer = await login(ys.url, 'bench-observer');
      const serverCounts = (n: number) => {
        const lines = ys
          .output()
          .split('\n')
          .filter((l) => l.includes('"msg":"graphql request"'))
          .slice(-n);
        return lines.reduce((s, l) => s + Number(/"sql":(\d+)/.exec(l)?.[1] ?? Number.NaN), 0) / n;
      };
      const countOf = async (fn: () => Promise<unknown>) => {
        await fn(); // warm: pools connected, statements prepared
        await new Promise((r) => setTimeout(r, 100));
        const before = proxy.counts().statements;
        for (let i = 0; i < COUNT_REQUESTS; i++) await fn();
        return (proxy.counts().statements - before) / COUNT_REQUESTS;
      };
      for (const shape of shapes) {
        const y = shape.summarizeYardstick(await gql(ys.url, shape.yardstick.query, shape.yardstick.variables, reader));
        const p = shape.postgraphile
          ? shape.summarizePostGraphile(await gql(pg.url, shape.postgraphile.query, shape.postgraphile.variables))
          : undefined;
        const same = p === undefined || JSON.stringify(y) === JSON.stringify(p);
        log(
          `check ${shape.name}: ${same ? 'same' : 'DIFFERENT'}\n    Yardstick    ${JSON.stringify(y)}${p ? `\n    PostGraphile ${JSON.stringify(p)}` : ''}`,
        );
        if (!same) throw new Error(`the servers answer "${shape.name}" differently`);
        const yardstickCount = await countOf(() =>
          gql(ys.url, shape.yardstick.query, shape.yardstick.variables, reader),
        );
        await new Promise((r) => setTimeout(r, 200));
        const yardstickServerCount = serverCounts(COUNT_REQUESTS);
        const pgQuery = shape.postgraphile;
        const postgraphileCount = pgQuery
          ? await countOf(() => gql(pg.url, pgQuery.query, pgQuery.variables))
          : undefined;
        const sqlPool = new Pool({ connectionString: viaProxy.toString(), max: 1 });
        const sqlFloorCount = await countOf(async () => {
          const c = await sqlPool.connect();
          try {
            await shape.sql(c);
          } finally {
            c.release();
          }
        });
        await sqlPool.end();
        counted.push({
          yardstick: yardstickCount,
          yardstickServerCount,
          postgraphile: postgraphileCount,
          sqlFloor: sqlFloorCount,
          check: { yardstick: y, postgraphile: p },
        });
        log(
          `  SQL statements per request: Yardstick ${yardstickCount} (server's count ${yardstickServerCount}), PostGraphile ${postgraphileCount}, floor ${sqlFloorCount}`,
        );
      }
      if (w.jointTargets.length) {
        let i = 0;
        const one = () =>
          gql(
            ys.url,
            COMMENT,
            { id: w.jointTargets[i++ % w.jointTargets.length], comment: '会审意见：基准测试' },
            observer,
          );
        const n = await countOf(one);
        await new Promise((r) => setTimeout(r, 200));
        mutationStatements = { yardstick: n, yardstickServerCount: serverCounts(COUNT_REQUESTS) };
        log(`  commentJointReview: ${n} statements (server's count ${mutationStatements.yardstickServerCount})`);
      }
    } finally {
      await stop(ys);
      await stop(pg);
      await proxy.close();
    }
  }

  // --- Timing pass.
  const results: ShapeResult[] = shapes.map((s, i) => ({
    shape: s.name,
    statements: { ...counted[i] },
    check: counted[i]?.check,
    yardstick: summarize([], 0, 1),
  }));
  for (const r of results) delete (r.statements as { check?: unknown }).check;
  const uncached: ShapeResult[] = [];
  {
    const ys = await yardstick(dbUrl(cityDb));
    pin(ys.child.pid, 0);
    const reader = await login(ys.url, 'bench-reader');
    const observer = await login(ys.url, 'bench-observer');
    try {
      for (const [i, shape] of shapes.entries()) {
        const body = JSON.stringify({ query: shape.yardstick.query, variables: shape.yardstick.variables });
        log(`Yardstick: ${shape.name}`);
        await load(ys.url, () => body, reader, WARMUP);
        const r = results[i];
        if (r) r.yardstick = await load(ys.url, () => body, reader, SECONDS, undefined, ys.child.pid);
        log(
          `  ${fmt(r?.yardstick.rps, 0)} req/s, p50 ${fmt(r?.yardstick.p50, 2)} ms, p99 ${fmt(r?.yardstick.p99, 2)} ms`,
        );
      }
      if (w.jointTargets.length) {
        let n = 0;
        const body = () =>
          JSON.stringify({
            query: COMMENT,
            variables: { id: w.jointTargets[n++ % w.jointTargets.length], comment: `会审意见：基准测试 ${n}` },
          });
        log(`Yardstick: commentJointReview over ${w.jointTargets.length} targets`);
        await load(ys.url, body, observer, WARMUP, (t) => !t.includes('"status":"JOINT_REVIEW"'));
        const m = await load(
          ys.url,
          body,
          observer,
          SECONDS,
          (t) => !t.includes('"status":"JOINT_REVIEW"'),
          ys.child.pid,
        );
        log(`  ${fmt(m.rps, 0)} req/s, p50 ${fmt(m.p50, 2)} ms, p99 ${fmt(m.p99, 2)} ms, errors ${m.errors}`);
        results.push({
          shape: `review mutation: commentJointReview round-robin over ${w.jointTargets.length} targets in JOINT_REVIEW`,
          statements: mutationStatements,
          yardstick: m,
        });
      }
    } finally {
      await stop(ys);
    }
    // The funnel again with the answer cache off: every request executed (the first request after each write).
    const funnelIndex = shapes.findIndex((s) => s.name.startsWith('funds funnel'));
    const funnel = shapes[funnelIndex];
    if (funnel) {
      const cold = await yardstick(dbUrl(cityDb), { AGGREGATE_CACHE_ENTRIES: '0' });
      pin(cold.child.pid, 0);
      try {
        const reader = await login(cold.url, 'bench-reader');
        const body = JSON.stringify({ query: funnel.yardstick.query, variables: funnel.yardstick.variables });
        log(`Yardstick, answer cache off: ${funnel.name}`);
        await load(cold.url, () => body, reader, WARMUP);
        const m = await load(cold.url, () => body, reader, SECONDS, undefined, cold.child.pid);
        log(`  ${fmt(m.rps, 0)} req/s, p50 ${fmt(m.p50, 2)} ms, p99 ${fmt(m.p99, 2)} ms`);
        uncached.push({ shape: `${funnel.name}, answer cache off`, statements: {}, yardstick: m });
      } finally {
        await stop(cold);
      }
    }
    const pg = await peer(dbUrl(cityDb));
    pin(pg.child.pid, 0);
    try {
      for (const [i, shape] of shapes.entries()) {
        const q = shape.postgraphile;
        const r = results[i];
        if (!q || !r) continue;
        const body = JSON.stringify({ query: q.query, variables: q.variables });
        log(`PostGraphile: ${shape.name}`);
        await load(pg.url, () => body, undefined, WARMUP);
        r.postgraphile = await load(pg.url, () => body, undefined, SECONDS, undefined, pg.child.pid);
        log(
          `  ${fmt(r.postgraphile.rps, 0)} req/s, p50 ${fmt(r.postgraphile.p50, 2)} ms, p99 ${fmt(r.postgraphile.p99, 2)} ms`,
        );
      }
    } finally {
      await stop(pg);
    }
    const pool = new Pool({ connectionString: dbUrl(cityDb), max: CONNECTIONS });
    pool.on('error', (e) => log(`pool: ${e.message}`));
    try {
      for (const [i, shape] of shapes.entries()) {
        const r = results[i];
        if (!r) continue;
        log(`raw SQL: ${shape.name}`);
        await sqlFloor(pool, shape, Math.min(WARMUP, 2));
        r.sql = await sqlFloor(pool, shape, SECONDS);
        log(`  ${fmt(r.sql.rps, 0)} /s, p50 ${fmt(r.sql.p50, 2)} ms, p99 ${fmt(r.sql.p99, 2)} ms`);
      }
    } finally {
      await pool.end();
    }
  }
  results.push(...uncached);
  await dropDatabases();

  // --- Province: the funnel over 20 cities.
  const funnelCounts = results.find((r) => r.shape.startsWith('funds funnel'))?.statements ?? {};
  let province: ShapeResult | undefined;
  let provinceGenerateSeconds: number | undefined;
  if (PROVINCE && want('funnel')) {
    const provDb = `yardstick_bench_api_${ts}_province`;
    log(`generating province-scale data (20 cities) into ${provDb}`);
    provinceGenerateSeconds = await createDatabase(provDb, 'province');
    log(`  ${fmt(provinceGenerateSeconds)} s`);
    const pw = await world(provDb);
    const pc = new PgClient({ connectionString: dbUrl(provDb) });
    await pc.connect();
    const parent = (
      await pc.query<{ p: string | null }>('select parent_code as p from fiscal_division where code = $1', [pw.city])
    ).rows[0]?.p;
    await pc.end();
    if (!parent) throw new Error('the generated cities have no province');
    await prepare(provDb, [{ login: 'bench-reader', division: parent, roles: ['PERFORMANCE_ADMIN'] }]);
    const shape = funnelShape(pw.cities, parent);
    const ys = await yardstick(dbUrl(provDb));
    pin(ys.child.pid, 0);
    const pg = await peer(dbUrl(provDb));
    pin(pg.child.pid, 0);
    const pool = new Pool({ connectionString: dbUrl(provDb), max: CONNECTIONS });
    pool.on('error', (e) => log(`pool: ${e.message}`));
    try {
      const reader = await login(ys.url, 'bench-reader');
      const y = shape.summarizeYardstick(await gql(ys.url, shape.yardstick.query, shape.yardstick.variables, reader));
      const q = shape.postgraphile;
      const p = q ? shape.summarizePostGraphile(await gql(pg.url, q.query, q.variables)) : undefined;
      const same = JSON.stringify(y) === JSON.stringify(p);
      log(`check province funnel: ${same ? 'same' : 'DIFFERENT'} ${JSON.stringify(y)} / ${JSON.stringify(p)}`);
      if (!same) throw new Error('the servers answer the province funnel differently');
      const ysBody = JSON.stringify({ query: shape.yardstick.query, variables: shape.yardstick.variables });
      await load(ys.url, () => ysBody, reader, WARMUP);
      const ym = await load(ys.url, () => ysBody, reader, SECONDS, undefined, ys.child.pid);
      log(`  Yardstick ${fmt(ym.rps, 0)} req/s, p95 ${fmt(ym.p95, 2)} ms`);
      // One dashboard user at a time: the latency a single caller sees, without queueing behind nine others.
      const y1 = await load(ys.url, () => ysBody, reader, SECONDS, undefined, ys.child.pid, 1);
      log(`  Yardstick, 1 connection: ${fmt(y1.rps, 0)} req/s, p95 ${fmt(y1.p95, 2)} ms`);
      const cold = await yardstick(dbUrl(provDb), { AGGREGATE_CACHE_ENTRIES: '0' });
      pin(cold.child.pid, 0);
      let yc: ReturnType<typeof summarize>;
      let yc1: ReturnType<typeof summarize>;
      try {
        const coldReader = await login(cold.url, 'bench-reader');
        await load(cold.url, () => ysBody, coldReader, WARMUP);
        yc = await load(cold.url, () => ysBody, coldReader, SECONDS, undefined, cold.child.pid);
        yc1 = await load(cold.url, () => ysBody, coldReader, SECONDS, undefined, cold.child.pid, 1);
        log(
          `  Yardstick, answer cache off: ${fmt(yc.rps, 0)} req/s, p95 ${fmt(yc.p95, 2)} ms; 1 connection p95 ${fmt(yc1.p95, 2)} ms`,
        );
      } finally {
        await stop(cold);
      }
      const pgBody = JSON.stringify({ query: q?.query, variables: q?.variables });
      await load(pg.url, () => pgBody, undefined, WARMUP);
      const pm = await load(pg.url, () => pgBody, undefined, SECONDS, undefined, pg.child.pid);
      log(`  PostGraphile ${fmt(pm.rps, 0)} req/s, p95 ${fmt(pm.p95, 2)} ms`);
      await sqlFloor(pool, shape, 2);
      const sm = await sqlFloor(pool, shape, SECONDS);
      const s1 = await sqlFloor(pool, shape, SECONDS, 1);
      province = {
        shape: `${shape.name} (province)`,
        statements: { ...funnelCounts },
        yardstick: ym,
        postgraphile: pm,
        sql: sm,
        check: { yardstick: y, postgraphile: p },
      };
      results.push(
        province,
        {
          shape: `${shape.name} (province), 1 connection`,
          connections: 1,
          statements: { ...funnelCounts },
          yardstick: y1,
          sql: s1,
        },
        { shape: `${shape.name} (province), answer cache off`, statements: {}, yardstick: yc },
        {
          shape: `${shape.name} (province), answer cache off, 1 connection`,
          connections: 1,
          statements: {},
          yardstick: yc1,
        },
      );
    } finally {
      await pool.end();
      await stop(ys);
      await stop(pg);
    }
    await dropDatabases();
  }

  const md = [
    `# API benchmark (${new Date(ts).toISOString()})`,
    '',
    `City-scale generated data (${fmt(generateSeconds)} s to generate)${province ? `; province = 20 cities (${fmt(provinceGenerateSeconds)} s)` : ''}.`,
    `autocannon 9 at ${CONNECTIONS} connections, ${SECONDS} s per measurement after ${WARMUP} s warm-up; servers pinned to core 0,`,
    'autocannon and the raw-SQL loops to core 1 (taskset); PostgreSQL 15 unpinned. Latency from per-response hrtime.',
    'SQL/req: Query + Execute messages counted by a wire-protocol proxy in a separate pass (Yardstick: its own per-request',
    'count in parentheses). Yardstick NODE_ENV=production; PostGraphile 5.1.5 (Amber + pg-aggregates + connection-filter),',
    'GRAPHILE_ENV unset (production), anonymous. YS÷SQL p50 = Yardstick p50 latency ÷ raw SQL p50 latency.',
    '',
    table(results),
    '',
  ].join('\n');
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    resolve(RESULTS_DIR, 'api.json'),
    `${JSON.stringify({ at: new Date(ts).toISOString(), seconds: SECONDS, connections: CONNECTIONS, generateSeconds, provinceGenerateSeconds, results }, null, 2)}\n`,
  );
  writeFileSync(resolve(RESULTS_DIR, 'api.md'), md);
  process.stdout.write(`${md}\n`);
  // A figure measured over failing requests means nothing: fail loudly rather than print it as a result.
  const failing = results.filter((r) => r.yardstick.errors > 0).map((r) => `${r.shape}: ${r.yardstick.errors} errors`);
  if (failing.length) throw new Error(`Yardstick answered errors, so these figures are void:\n${failing.join('\n')}`);
}

async function cleanup(): Promise<void> {
  for (const s of [...running]) {
    running.delete(s);
    await s.stop().catch(() => undefined);
  }
  await dropDatabases();
}

process.on('unhandledRejection', (e) => {
  process.stderr.write(`unhandled: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  void cleanup().then(() => process.exit(1));
});

process.on('SIGINT', () => {
  void cleanup().then(() => process.exit(130));
});

main()
  .then(() => process.exit(0))
  .catch(async (e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    await cleanup();
    process.exit(1);
  });
