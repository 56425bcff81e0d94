import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { type ServerProcess, startServerProcess } from '../helpers/processes';

/**
 * Review-event delivery benchmark: two API processes on one fresh PostgreSQL database, 1,000 GraphQL subscribers
 * (graphql-ws) split evenly between them, and events committed outside both (plain SQL) or through a mutation on one
 * of them. Prints latency and throughput figures and writes them to bench-results/events.json; it asserts nothing,
 * but reports any lost, duplicated or out-of-order event loudly.
 *
 * Everything is measured in this one process with performance.now(): t0 just before COMMIT is sent (or just before
 * the mutation's HTTP request), the receive time when graphql-ws hands the `next` message to the subscriber. The
 * receive time therefore includes this process's own queueing: the 1,000 messages of one event are parsed one after
 * the other on one thread, on the same machine as both servers and PostgreSQL.
 *
 * Settings (environment): BENCH_DATABASE_URL / TEST_DATABASE_URL (a PostgreSQL server), BENCH_SUBSCRIBERS (1000),
 * BENCH_CONNECTIONS (1000: one subscription per WebSocket), BENCH_LIGHT_EVENTS (50) at BENCH_LIGHT_RATE (5/s) for a
 * light-load pass, then BENCH_LATENCY_EVENTS (200) at BENCH_LATENCY_RATE (20/s),
 * BENCH_MUTATIONS (50), BENCH_MUTATION_RATE (5/s), BENCH_WRITERS (4), BENCH_WRITE_SECONDS (10),
 * BENCH_MAX_EVENTS (cap on events written in the throughput phase, 1000), BENCH_DRAIN_SECONDS (90),
 * BENCH_TIMEOUT_SECONDS (600, the whole run), BENCH_CPU_PROF (a directory: both servers write a V8 CPU profile there).
 */

const setting = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
};

const S = {
  subscribers: setting('BENCH_SUBSCRIBERS', 1000),
  connections: setting('BENCH_CONNECTIONS', 1000),
  lightEvents: setting('BENCH_LIGHT_EVENTS', 50),
  lightRate: setting('BENCH_LIGHT_RATE', 5),
  latencyEvents: setting('BENCH_LATENCY_EVENTS', 200),
  latencyRate: setting('BENCH_LATENCY_RATE', 20),
  mutations: setting('BENCH_MUTATIONS', 50),
  mutationRate: setting('BENCH_MUTATION_RATE', 5),
  writers: setting('BENCH_WRITERS', 4),
  writeSeconds: setting('BENCH_WRITE_SECONDS', 10),
  maxEvents: setting('BENCH_MAX_EVENTS', 1000),
  drainSeconds: setting('BENCH_DRAIN_SECONDS', 90),
  /** The whole run, after which it gives up, cleans up and exits 1. */
  overallSeconds: setting('BENCH_TIMEOUT_SECONDS', 600),
};

const FISCAL_DIVISION = '410100000';
const JWT_SECRET = 'yardstick-bench-events-secret-0123456789'; // 40 characters, shared by both instances
const SUBSCRIBE = `subscription($after: ID) { reviewEvents(after: $after) { position type subjectId } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;
const PROPOSE = `mutation($input: ProposeIndicatorChangeInput!) { proposeIndicatorChange(input: $input) { request { id } } }`;
const INSERT_EVENT = `insert into review_event (fiscal_division_code, type, subject_type, subject_id, at)
  values ('${FISCAL_DIVISION}', 'INDICATOR_PUBLISHED', 'Indicator', $1, now()) returning position::text as p`;

const log = (line: string) =>
  process.stderr.write(`[bench:events ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

const RESULTS_DIR = resolve(__dirname, '../../../bench-results');

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

/** CPU seconds of every process named postgres on this machine (any database, not only the benchmark's). */
function postgresCpuSeconds(): number {
  let total = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += cpuSecondsOf(Number(entry));
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    return Number.NaN;
  }
  return total;
}

/** CPU seconds all CPUs of the machine have been busy (not idle or waiting for I/O), from /proc/stat. */
function machineBusySeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.slice(0, 8).reduce((x, y) => x + y, 0);
    return (total - (v[3] ?? 0) - (v[4] ?? 0)) / 100;
  } catch {
    return Number.NaN;
  }
}

interface CpuSnapshot {
  at: number;
  bench: number;
  A: number;
  B: number;
  postgres: number;
  machine: number;
}

let instancePids: [number | undefined, number | undefined] = [undefined, undefined];
function cpuSnapshot(): CpuSnapshot {
  const u = process.cpuUsage();
  return {
    at: performance.now(),
    bench: (u.user + u.system) / 1e6,
    A: cpuSecondsOf(instancePids[0]),
    B: cpuSecondsOf(instancePids[1]),
    postgres: postgresCpuSeconds(),
    machine: machineBusySeconds(),
  };
}

/** Per process: CPU seconds used between two snapshots and the share of one CPU that is (100 % = one core busy). */
/** Deliveries received between two snapshots, per instance. */
function deliveriesBetween(subs: Subscriber[], from: CpuSnapshot, to: CpuSnapshot): [number, number] {
  const n: [number, number] = [0, 0];
  for (const s of subs) {
    for (const t of s.times) if (t >= from.at && t < to.at) n[s.instance] += 1;
  }
  return n;
}

/**
 * CPU time per (event, subscriber) delivery: what each instance spent per delivery it made in the phase, and what this
 * process spent per message received. Unlike the latencies this hardly depends on other work on the machine.
 */
function cpuPerDelivery(
  subs: Subscriber[],
  from: CpuSnapshot,
  to: CpuSnapshot,
): {
  deliveriesA: number;
  deliveriesB: number;
  microsecondsA: number;
  microsecondsB: number;
  microsecondsBench: number;
} {
  const [a, b] = deliveriesBetween(subs, from, to);
  const us = (seconds: number, n: number) => (n ? Math.round((seconds * 1e6) / n) : Number.NaN);
  return {
    deliveriesA: a,
    deliveriesB: b,
    microsecondsA: us(to.A - from.A, a),
    microsecondsB: us(to.B - from.B, b),
    microsecondsBench: us(to.bench - from.bench, a + b),
  };
}

type CpuKey = 'bench' | 'A' | 'B' | 'postgres' | 'machine';
type CpuUse = { cpuSeconds: number; percentOfOneCore: number };
function cpuBetween(from: CpuSnapshot, to: CpuSnapshot): Record<CpuKey | 'others', CpuUse> & { wallSeconds: number } {
  const wall = (to.at - from.at) / 1000;
  const use = (seconds: number): CpuUse => ({
    cpuSeconds: Math.round(seconds * 100) / 100,
    percentOfOneCore: Math.round((seconds / wall) * 100),
  });
  // Never below 0: a postgres backend that exits between the snapshots takes its CPU time with it.
  const d = (k: CpuKey) => Math.max(0, to[k] - from[k]);
  return {
    wallSeconds: Math.round(wall * 10) / 10,
    bench: use(d('bench')),
    A: use(d('A')),
    B: use(d('B')),
    postgres: use(d('postgres')),
    machine: use(d('machine')),
    // Whatever else ran on the machine meanwhile (other people's tests, builds...).
    others: use(Math.max(0, d('machine') - d('bench') - d('A') - d('B') - d('postgres'))),
  };
}

/** Runs `work` with a deadline; the error names what timed out. */
async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, fail) => {
        timer = setTimeout(() => fail(new Error(`timed out after ${Math.round(ms / 1000)} s: ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Clean-up: every resource registers how to release it; released in reverse order, also on failure and on Ctrl-C.

const cleanups: Array<{ what: string; run: () => Promise<void> }> = [];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const c = cleanups.pop();
      if (!c) break;
      try {
        await within(20_000, `clean-up: ${c.what}`, c.run());
      } catch (err) {
        log(`clean-up of ${c.what} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  })();
  return cleaning;
}

// ---------------------------------------------------------------------------------------------------------------
// Database

async function createDatabase(server: string): Promise<string> {
  const name = `yardstick_bench_events_${Date.now()}`;
  const admin = new PgClient({ connectionString: server });
  await within(10_000, `connecting to the PostgreSQL server ${server}`, admin.connect());
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  cleanups.push({
    what: `dropping database ${name}`,
    run: async () => {
      const c = new PgClient({ connectionString: server });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  });
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  // The same command the tests use (test/helpers/testDatabase.ts): migrate, then load the demo data.
  const cli = resolve(__dirname, '../../server/db/cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\``);
  const child = spawn(process.execPath, [cli, 'seed'], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const status = await within(
    120_000,
    'migrating and seeding the benchmark database',
    new Promise<number | null>((done) => child.on('close', done)),
  ).catch((err) => {
    child.kill('SIGKILL');
    throw err;
  });
  if (status !== 0) throw new Error(`migrating and seeding the benchmark database failed (${status}):\n${out}`);
  log(`database ${name} created, migrated and seeded`);
  return url;
}

async function sqlClient(url: string, what: string): Promise<PgClient> {
  const c = new PgClient({ connectionString: url });
  await within(10_000, `connecting ${what}`, c.connect());
  cleanups.push({ what, run: () => c.end() });
  return c;
}

// ---------------------------------------------------------------------------------------------------------------
// API processes

/**
 * With BENCH_CPU_PROF, each server loads this preload (--cpu-prof may not go in NODE_OPTIONS): the first SIGUSR2
 * starts the V8 profiler, the second writes the profile to BENCH_PROFILE_FILE. The benchmark signals around the
 * SQL latency phase.
 */
function profilerPreload(): string {
  const file = resolve(os.tmpdir(), `yardstick-bench-profiler-${process.pid}.js`);
  if (!existsSync(file)) {
    writeFileSync(
      file,
      `const inspector = require('node:inspector');
const fs = require('node:fs');
const session = new inspector.Session();
session.connect();
let on = false;
process.on('SIGUSR2', () => {
  if (!on) {
    on = true;
    session.post('Profiler.enable', () => session.post('Profiler.start'));
    return;
  }
  on = false;
  session.post('Profiler.stop', (err, r) => {
    if (!err) fs.writeFileSync(process.env.BENCH_PROFILE_FILE, JSON.stringify(r.profile));
  });
});
`,
    );
    cleanups.push({ what: 'removing the profiler preload', run: async () => rmSync(file, { force: true }) });
  }
  return file;
}

function signalProfilers(): void {
  if (!process.env.BENCH_CPU_PROF) return;
  for (const pid of instancePids) if (pid) process.kill(pid, 'SIGUSR2');
}

async function startInstance(label: string, databaseUrl: string): Promise<ServerProcess> {
  // LOG_LEVEL stays at startServerProcess's `info`: it finds the port in the "listening" line.
  const profile = process.env.BENCH_CPU_PROF;
  const p = await startServerProcess(databaseUrl, {
    JWT_SECRET,
    EVENTS_POLL_MS: '60000',
    EVENTS_LISTEN: 'true',
    ...(profile
      ? {
          NODE_OPTIONS: `--require ${profilerPreload()}`,
          BENCH_PROFILE_FILE: resolve(profile, `instance-${label}.cpuprofile`),
        }
      : {}),
  });
  cleanups.push({
    what: `stopping instance ${label}`,
    run: async () => {
      const stopped = Date.now();
      try {
        // The server gives itself 10 s to shut down gracefully, then exits on its own.
        await within(15_000, `instance ${label} shutting down`, p.stop());
        log(`instance ${label} stopped in ${Date.now() - stopped} ms`);
      } catch {
        log(`instance ${label} did not exit within 15 s of SIGTERM; killing it`);
        await p.kill();
      }
      mkdirSync(RESULTS_DIR, { recursive: true });
      writeFileSync(resolve(RESULTS_DIR, `events-instance-${label}.log`), p.output());
    },
  });
  log(`instance ${label} listening on ${p.url} (pid ${p.child.pid})`);
  return p;
}

async function gql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const res = await within(
    30_000,
    `HTTP request to ${url}`,
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    }),
  );
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (!res.ok || body.errors?.length || !body.data) {
    throw new Error(`GraphQL request failed (${res.status}): ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  }
  return body.data;
}

async function signIn(url: string, loginName: string): Promise<string> {
  const data = await gql<{ login: { accessToken: string } }>(url, LOGIN, {
    input: { loginName, password: `${loginName}-demo-2022` },
  });
  return data.login.accessToken;
}

/**
 * How quickly each instance answers a trivial HTTP query while it fans events out: one `{ __typename }` at a time per
 * instance, every 250 ms. A slow answer means the instance's event loop is not getting to its I/O.
 */
class Probe {
  private readonly times: [number[], number[]] = [[], []];
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(urls: [string, string]) {
    this.loops = urls.map((url, i) => this.loop(url, this.times[i as 0 | 1]));
  }

  private async loop(url: string, into: number[]): Promise<void> {
    while (this.running) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
          signal: AbortSignal.timeout(60_000),
        });
        await res.text();
        into.push(performance.now() - t0);
      } catch {
        into.push(performance.now() - t0); // timed out or refused: count the time it took to find out
      }
      await sleep(250 - (performance.now() - t0));
    }
  }

  /** The answers since the last take, per instance. */
  take(): { A: Dist; B: Dist } {
    const r = { A: dist(this.times[0]), B: dist(this.times[1]) };
    this.times[0].length = 0;
    this.times[1].length = 0;
    return r;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Subscribers

interface Subscriber {
  index: number;
  /** 0 = instance A, 1 = instance B. */
  instance: 0 | 1;
  positions: number[];
  times: number[];
  errors: string[];
  done: boolean;
}

let closingClients = false;

async function openSubscribers(
  urls: [string, string],
  token: string,
  after: string,
): Promise<{ subs: Subscriber[]; clients: WsClient[] }> {
  const perConnection = Math.max(1, Math.round(S.subscribers / S.connections));
  const connections = Math.ceil(S.subscribers / perConnection);
  const subs: Subscriber[] = [];
  const clients: WsClient[] = [];
  cleanups.push({
    what: `closing ${connections} WebSocket connections`,
    run: async () => {
      closingClients = true;
      await Promise.all(clients.map((c) => c.dispose()));
    },
  });
  const openOne = async (c: number) => {
    const instance = (c % 2) as 0 | 1;
    let connected!: () => void;
    let failed!: (err: Error) => void;
    const ready = new Promise<void>((ok, fail) => {
      connected = ok;
      failed = fail;
    });
    const own: Subscriber[] = [];
    const client = createClient({
      url: `${urls[instance].replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: true,
      on: {
        connected: () => connected(),
        closed: (ev) => {
          const e = ev as { code?: number; reason?: string };
          const why = `connection ${c} closed (${e.code ?? '?'} ${e.reason ?? ''})`;
          failed(new Error(why));
          if (!closingClients) for (const s of own) if (!s.done) s.errors.push(why);
        },
      },
    });
    clients.push(client);
    for (let k = 0; k < perConnection && subs.length < S.subscribers; k += 1) {
      const sub: Subscriber = { index: subs.length, instance, positions: [], times: [], errors: [], done: false };
      subs.push(sub);
      own.push(sub);
      client.subscribe<{ reviewEvents: { position: string; type: string; subjectId: string } }>(
        { query: SUBSCRIBE, variables: { after } },
        {
          next: (r) => {
            const t = performance.now();
            const e = r.data?.reviewEvents;
            if (!e) {
              sub.errors.push(JSON.stringify(r.errors ?? r).slice(0, 300));
              return;
            }
            const p = Number(e.position);
            sub.positions.push(p);
            sub.times.push(t);
          },
          error: (err) => {
            sub.errors.push(err instanceof Error ? err.message : JSON.stringify(err).slice(0, 300));
          },
          complete: () => {
            sub.done = true;
            if (!closingClients) sub.errors.push('the server completed the subscription');
          },
        },
      );
    }
    await within(20_000, `WebSocket connection ${c} to be acknowledged`, ready);
  };
  // In batches, so the listen backlog and the sign-in queries are not flooded.
  const BATCH = 100;
  for (let c = 0; c < connections; c += BATCH) {
    await Promise.all(Array.from({ length: Math.min(BATCH, connections - c) }, (_, i) => openOne(c + i)));
  }
  log(`${subs.length} subscriptions open on ${connections} connections (${perConnection} per connection)`);
  return { subs, clients };
}

function failures(subs: Subscriber[]): string | null {
  const bad = subs.filter((s) => s.errors.length);
  if (!bad.length) return null;
  return `${bad.length} subscriber(s) failed, e.g. #${bad[0]?.index}: ${bad[0]?.errors.slice(0, 3).join('; ')}`;
}

/** Waits until every subscriber has received `position` (positions arrive in increasing order). */
async function waitDelivered(
  subs: Subscriber[],
  position: number,
  ms: number,
  what: string,
  tolerateFailures = false,
): Promise<void> {
  const deadline = Date.now() + ms;
  let lastReport = Date.now();
  let reported = 0;
  for (;;) {
    const failure = failures(subs);
    if (failure && !tolerateFailures) throw new Error(`${what}: ${failure}`);
    const failed = subs.filter((s) => s.errors.length).length;
    if (failure && failed > reported) {
      reported = failed;
      log(`!!! ${what}: ${failure}; waiting for the others`);
    }
    const behind = subs.filter((s) => !s.errors.length && (s.positions.at(-1) ?? 0) < position);
    if (!behind.length) return;
    if (Date.now() > deadline) {
      const worst = Math.min(...behind.map((s) => s.positions.at(-1) ?? 0));
      throw new Error(
        `${what}: timed out after ${Math.round(ms / 1000)} s, ${behind.length} of ${subs.length} subscribers have ` +
          `not received position ${position} (the furthest behind is at ${worst})`,
      );
    }
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      const worst = Math.min(...behind.map((s) => s.positions.at(-1) ?? 0));
      log(`  ${what}: ${behind.length} subscribers still behind; the furthest behind is at ${worst} of ${position}`);
    }
    await sleep(20);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Figures

interface Dist {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

function dist(values: ArrayLike<number>): Dist {
  const a = Float64Array.from(values as ArrayLike<number>).sort();
  const at = (q: number) =>
    a.length ? (a[Math.min(a.length - 1, Math.ceil(q * a.length) - 1)] as number) : Number.NaN;
  let sum = 0;
  for (const v of a) sum += v;
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    n: a.length,
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    max: round(a.length ? (a[a.length - 1] as number) : Number.NaN),
    mean: round(a.length ? sum / a.length : Number.NaN),
  };
}

interface LatencyFigures {
  /** Every (event, subscriber) pair. */
  all: Dist;
  A: Dist;
  B: Dist;
  /** Per event: the first and the last subscriber to receive it (the fan-out's spread), per instance. */
  firstA: Dist;
  lastA: Dist;
  firstB: Dist;
  lastB: Dist;
}

/** Latencies receive − t0 for the events in `t0s` (position → t0). */
function latencies(subs: Subscriber[], t0s: Map<number, number>, instances: Array<0 | 1> = [0, 1]): LatencyFigures {
  const all: number[] = [];
  const per: [number[], number[]] = [[], []];
  const first: [Map<number, number>, Map<number, number>] = [new Map(), new Map()];
  const last: [Map<number, number>, Map<number, number>] = [new Map(), new Map()];
  for (const s of subs) {
    if (!instances.includes(s.instance)) continue;
    for (let i = 0; i < s.positions.length; i += 1) {
      const p = s.positions[i] as number;
      const t0 = t0s.get(p);
      if (t0 === undefined) continue;
      const l = (s.times[i] as number) - t0;
      all.push(l);
      per[s.instance].push(l);
      const f = first[s.instance];
      const z = last[s.instance];
      if (!f.has(p) || (f.get(p) as number) > l) f.set(p, l);
      if (!z.has(p) || (z.get(p) as number) < l) z.set(p, l);
    }
  }
  return {
    all: dist(all),
    A: dist(per[0]),
    B: dist(per[1]),
    firstA: dist([...first[0].values()]),
    lastA: dist([...last[0].values()]),
    firstB: dist([...first[1].values()]),
    lastB: dist([...last[1].values()]),
  };
}

interface Integrity {
  expectedEvents: number;
  subscribersChecked: number;
  subscribersWithProblems: number;
  /** Holes: a committed event missing below a position the subscriber did receive (lost for good). */
  missing: number;
  /** Committed events above the last one a subscriber received: still queued when the run ended (backlog). */
  notYetDelivered: number;
  duplicates: number;
  outOfOrder: number;
  unexpected: number;
  examples: string[];
}

/** Every subscriber must have received exactly the committed positions, strictly increasing. */
function integrity(subs: Subscriber[], expected: number[]): Integrity {
  const index = new Map<number, number>(expected.map((p, i) => [p, i]));
  const r: Integrity = {
    expectedEvents: expected.length,
    subscribersChecked: subs.length,
    subscribersWithProblems: 0,
    missing: 0,
    notYetDelivered: 0,
    duplicates: 0,
    outOfOrder: 0,
    unexpected: 0,
    examples: [],
  };
  for (const s of subs) {
    const got = new Uint8Array(expected.length);
    let dup = 0;
    let order = 0;
    let unexpected = 0;
    let prev = Number.NEGATIVE_INFINITY;
    for (const p of s.positions) {
      const i = index.get(p);
      if (i === undefined) unexpected += 1;
      else if (got[i]) dup += 1;
      else got[i] = 1;
      if (p <= prev) order += 1;
      prev = Math.max(prev, p);
    }
    let missing = 0;
    let backlog = 0;
    let firstMissing: number | undefined;
    got.forEach((g, i) => {
      if (g) return;
      if ((expected[i] as number) > prev) {
        backlog += 1;
      } else {
        missing += 1;
        firstMissing ??= expected[i];
      }
    });
    if (missing || dup || order || unexpected) {
      r.subscribersWithProblems += 1;
      if (r.examples.length < 5) {
        r.examples.push(
          `subscriber #${s.index} (instance ${s.instance ? 'B' : 'A'}): ${missing} missing` +
            `${firstMissing !== undefined ? ` (first ${firstMissing})` : ''}, ${dup} duplicate, ${order} out of order, ` +
            `${unexpected} unexpected`,
        );
      }
    }
    r.missing += missing;
    r.notYetDelivered += backlog;
    r.duplicates += dup;
    r.outOfOrder += order;
    r.unexpected += unexpected;
  }
  return r;
}

// ---------------------------------------------------------------------------------------------------------------
// Phases

async function latencyPhase(
  pg: PgClient,
  subs: Subscriber[],
  events: number,
  rate: number,
): Promise<{ t0s: Map<number, number>; commitMs: Dist }> {
  const t0s = new Map<number, number>();
  const commitMs: number[] = [];
  const interval = 1000 / rate;
  const start = performance.now();
  let lastPosition = 0;
  for (let i = 0; i < events; i += 1) {
    await sleep(start + i * interval - performance.now());
    await pg.query('begin');
    const { rows } = await pg.query<{ p: string }>(INSERT_EVENT, [`bench-latency-${rate}-${i}`]);
    const t0 = performance.now();
    await pg.query('commit');
    commitMs.push(performance.now() - t0);
    lastPosition = Number(rows[0]?.p);
    t0s.set(lastPosition, t0);
  }
  await waitDelivered(subs, lastPosition, 60_000, 'latency phase (SQL commits)', true);
  return { t0s, commitMs: dist(commitMs) };
}

async function findProposalInputs(pg: PgClient): Promise<{ categoryId: string; level2NodeId: string }> {
  const { rows: category } = await pg.query<{ id: string }>(
    `select c.id::text as id from indicator_category c join app_user u on u.department_id = c.owner_department_id
      where u.login_name = 'preparer' and c.scope = 'INDUSTRY' order by c.id limit 1`,
  );
  const { rows: node } = await pg.query<{ id: string }>(
    `select n.id::text as id from indicator_framework_node n join indicator_framework f on f.id = n.framework_id
      where n.level = 2 and f.kind = 'PROJECT' order by f.is_default desc, n.id limit 1`,
  );
  if (!category[0] || !node[0])
    throw new Error('the demo data has no INDUSTRY category of the preparer or no level-2 node');
  return { categoryId: category[0].id, level2NodeId: node[0].id };
}

async function mutationPhase(
  pg: PgClient,
  subs: Subscriber[],
  urlB: string,
): Promise<{ t0s: Map<number, number>; mutationMs: Dist }> {
  const token = await signIn(urlB, 'preparer');
  const { categoryId, level2NodeId } = await findProposalInputs(pg);
  const t0ById = new Map<string, number>();
  const mutationMs: number[] = [];
  const interval = 1000 / S.mutationRate;
  const tag = randomBytes(3).toString('hex');
  const start = performance.now();
  for (let i = 0; i < S.mutations; i += 1) {
    await sleep(start + i * interval - performance.now());
    const input = {
      type: 'ADMIT',
      reason: '基准测试：事件投递延迟',
      definition: {
        name: `基准测试指标${tag}第${i + 1}号`,
        scope: 'INDUSTRY',
        categoryId,
        level2NodeId,
        defaultComparator: 'GE',
        defaultUnit: '%',
        valueType: 'QUANTITATIVE',
      },
    };
    const t0 = performance.now();
    const data = await gql<{ proposeIndicatorChange: { request: { id: string } } }>(urlB, PROPOSE, { input }, token);
    mutationMs.push(performance.now() - t0);
    t0ById.set(data.proposeIndicatorChange.request.id, t0);
  }
  const { rows } = await pg.query<{ p: string; id: string }>(
    `select position::text as p, subject_id as id from review_event
      where subject_type = 'IndicatorChangeRequest' and subject_id = any($1::text[]) order by position`,
    [[...t0ById.keys()]],
  );
  const t0s = new Map<number, number>();
  for (const r of rows) t0s.set(Number(r.p), t0ById.get(r.id) as number);
  if (rows.length !== S.mutations) log(`note: ${S.mutations} proposals recorded ${rows.length} events`);
  const lastPosition = Math.max(...t0s.keys());
  await waitDelivered(subs, lastPosition, 60_000, 'latency phase (mutations on instance B)', true);
  return { t0s, mutationMs: dist(mutationMs) };
}

interface Throughput {
  writers: number;
  events: number;
  writeSeconds: number;
  committedPerSecond: number;
  stoppedBy: 'time' | 'event cap';
  /** From the first write to the last delivery of the phase to every subscriber. */
  drainSeconds: number;
  /** Whether every subscriber still connected received every event within BENCH_DRAIN_SECONDS. */
  drained: boolean;
  /** Subscribers whose connection or subscription failed during the phase (their rates count up to the failure). */
  failedSubscribers: number;
  /** Per subscriber: phase events received / (its last receive − start of writing). */
  perSubscriberPerSecond: { min: number; p50: number; max: number };
  perInstancePerSubscriberPerSecond: { A: number; B: number };
  totalDeliveries: number;
  totalDeliveriesPerSecond: number;
  /** After the writers stopped, how long until the last subscriber had everything. */
  lagAfterLastCommitMs: number;
}

async function throughputPhase(databaseUrl: string, subs: Subscriber[]): Promise<Throughput> {
  const clients = await Promise.all(
    Array.from({ length: S.writers }, (_, i) => sqlClient(databaseUrl, `writer ${i + 1} connection`)),
  );
  const positions: number[] = [];
  const start = performance.now();
  const deadline = start + S.writeSeconds * 1000;
  let capped = false;
  let issued = 0;
  await Promise.all(
    clients.map(async (c, w) => {
      for (let i = 0; ; i += 1) {
        if (performance.now() >= deadline) return;
        if (issued >= S.maxEvents) {
          capped = true;
          return;
        }
        issued += 1;
        // One statement outside a transaction block: its own transaction, committed when it returns.
        const { rows } = await c.query<{ p: string }>(INSERT_EVENT, [`bench-throughput-${w}-${i}`]);
        positions.push(Number(rows[0]?.p));
      }
    }),
  );
  const end = performance.now();
  const writeSeconds = (end - start) / 1000;
  log(
    `  ${positions.length} events committed by ${S.writers} writers in ${writeSeconds.toFixed(2)} s ` +
      `(${Math.round(positions.length / writeSeconds)}/s); waiting for delivery`,
  );
  const last = Math.max(...positions);
  const first = Math.min(...positions);
  let drained = true;
  try {
    await waitDelivered(subs, last, S.drainSeconds * 1000, 'throughput phase', true);
  } catch (err) {
    drained = false;
    log(`!!! ${err instanceof Error ? err.message : String(err)}`);
  }
  const failedSubscribers = subs.filter((s) => s.errors.length).length;
  const perSub: number[] = [];
  const perInstance: [number[], number[]] = [[], []];
  let totalDeliveries = 0;
  let lastReceive = start;
  for (const s of subs) {
    let n = 0;
    let lastT = start;
    for (let i = 0; i < s.positions.length; i += 1) {
      const p = s.positions[i] as number;
      if (p < first || p > last) continue;
      n += 1;
      lastT = Math.max(lastT, s.times[i] as number);
    }
    totalDeliveries += n;
    lastReceive = Math.max(lastReceive, lastT);
    const rate = n / Math.max(1e-3, (lastT - start) / 1000);
    perSub.push(rate);
    perInstance[s.instance].push(rate);
  }
  const d = dist(perSub);
  const round = (v: number) => Math.round(v * 10) / 10;
  const mean = (a: number[]) => round(a.reduce((x, y) => x + y, 0) / Math.max(1, a.length));
  const drainSeconds = (lastReceive - start) / 1000;
  return {
    writers: S.writers,
    events: positions.length,
    writeSeconds: round(writeSeconds),
    committedPerSecond: Math.round(positions.length / writeSeconds),
    stoppedBy: capped ? 'event cap' : 'time',
    drainSeconds: round(drainSeconds),
    drained,
    failedSubscribers,
    perSubscriberPerSecond: { min: round(Math.min(...perSub)), p50: round(d.p50), max: round(Math.max(...perSub)) },
    perInstancePerSubscriberPerSecond: { A: mean(perInstance[0]), B: mean(perInstance[1]) },
    totalDeliveries,
    totalDeliveriesPerSecond: Math.round(totalDeliveries / Math.max(1e-3, drainSeconds)),
    lagAfterLastCommitMs: Math.round(lastReceive - end),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Report

function table(rows: Array<Array<string | number>>): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length))) ?? [];
  return rows
    .map((r, i) => {
      const line = r.map((v, c) => (c === 0 ? String(v).padEnd(widths[c] ?? 0) : String(v).padStart(widths[c] ?? 0)));
      const text = `  ${line.join('  ')}`;
      return i === 0 ? `${text}\n  ${widths.map((w) => '-'.repeat(w)).join('  ')}` : text;
    })
    .join('\n');
}

const latencyRows = (label: string, d: Dist): Array<string | number> => [label, d.n, d.p50, d.p90, d.p99, d.max];

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const server =
    process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const started = Date.now();
  const loadAtStart = os.loadavg();
  const databaseUrl = await createDatabase(server);
  const pg = await sqlClient(databaseUrl, 'the SQL event writer connection');
  const [pgVersion] = (await pg.query<{ v: string }>('select version() as v')).rows;

  const [a, b] = await Promise.all([startInstance('A', databaseUrl), startInstance('B', databaseUrl)]);
  instancePids = [a.child.pid, b.child.pid];
  const token = await signIn(a.url, 'perf-admin');
  const { rows: startRows } = await pg.query<{ p: string }>(
    'select coalesce(max(position), 0)::text as p from review_event',
  );
  const after = startRows[0]?.p ?? '0';
  const { subs } = await openSubscribers([a.url, b.url], token, after);

  // Warm-up: every subscriber receives one event (replayed or live), so all of them are registered with the feed.
  const warm = (await pg.query<{ p: string }>(INSERT_EVENT, ['bench-warm-up'])).rows[0]?.p;
  await waitDelivered(subs, Number(warm), 60_000, 'warm-up event');
  log('all subscribers received the warm-up event');

  const probe = new Probe([a.url, b.url]);
  cleanups.push({ what: 'stopping the responsiveness probe', run: () => probe.stop() });
  log(`latency phase, light load: ${S.lightEvents} SQL commits at ${S.lightRate}/s`);
  const cpuL = cpuSnapshot();
  const lightPhase = await latencyPhase(pg, subs, S.lightEvents, S.lightRate);
  const lightLatency = latencies(subs, lightPhase.t0s);
  log(`latency phase: ${S.latencyEvents} SQL commits at ${S.latencyRate}/s`);
  const cpu0 = cpuSnapshot();
  const probeLight = probe.take();
  signalProfilers();
  const sqlPhase = await latencyPhase(pg, subs, S.latencyEvents, S.latencyRate);
  signalProfilers();
  const cpu1 = cpuSnapshot();
  const probeSql = probe.take();
  const sqlLatency = latencies(subs, sqlPhase.t0s);

  log(`latency phase: ${S.mutations} proposeIndicatorChange mutations on instance B at ${S.mutationRate}/s`);
  const mutPhase = await mutationPhase(pg, subs, b.url);
  const cpu2 = cpuSnapshot();
  const probeMutation = probe.take();
  const mutLatency = latencies(subs, mutPhase.t0s);

  log(
    `throughput phase: ${S.writers} writers for up to ${S.writeSeconds} s or ${S.maxEvents} events, ` +
      `as fast as they can`,
  );
  const throughput = await throughputPhase(databaseUrl, subs);
  const cpu3 = cpuSnapshot();
  const probeThroughput = probe.take();
  await probe.stop();
  const responsiveness = {
    latencyLight: probeLight,
    latencySql: probeSql,
    latencyMutationOnB: probeMutation,
    throughput: probeThroughput,
  };
  const cpu = {
    latencyLight: { ...cpuBetween(cpuL, cpu0), perDelivery: cpuPerDelivery(subs, cpuL, cpu0) },
    latencySql: { ...cpuBetween(cpu0, cpu1), perDelivery: cpuPerDelivery(subs, cpu0, cpu1) },
    latencyMutationOnB: { ...cpuBetween(cpu1, cpu2), perDelivery: cpuPerDelivery(subs, cpu1, cpu2) },
    throughput: { ...cpuBetween(cpu2, cpu3), perDelivery: cpuPerDelivery(subs, cpu2, cpu3) },
  };

  const { rows: committed } = await pg.query<{ p: string }>(
    'select position::text as p from review_event where position > $1 order by position',
    [after],
  );
  const check = integrity(
    subs,
    committed.map((r) => Number(r.p)),
  );

  const machine = {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    postgres: pgVersion?.v.split(' on ')[0] ?? 'unknown',
    loadAverageAtStart: loadAtStart.map((l) => Math.round(l * 100) / 100),
    loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
  const perConnection = Math.max(1, Math.round(S.subscribers / S.connections));
  const setup = {
    subscribers: subs.length,
    connections: Math.ceil(subs.length / perConnection),
    subscriptionsPerConnection: perConnection,
    subscribersPerInstance: {
      A: subs.filter((s) => s.instance === 0).length,
      B: subs.filter((s) => s.instance === 1).length,
    },
    eventsPollMs: 60000,
    lightEvents: S.lightEvents,
    lightRatePerSecond: S.lightRate,
    latencyEvents: S.latencyEvents,
    latencyRatePerSecond: S.latencyRate,
    mutations: S.mutations,
    mutationRatePerSecond: S.mutationRate,
    writers: S.writers,
    writeSeconds: S.writeSeconds,
    maxThroughputEvents: S.maxEvents,
  };

  const out: string[] = [];
  out.push('');
  out.push('Review-event delivery benchmark (two API instances, one PostgreSQL)');
  out.push(
    `  node ${machine.node}, ${machine.cpus} CPU (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.platform}, ${machine.postgres}`,
  );
  out.push(
    `  load average at start ${machine.loadAverageAtStart.join(' / ')}, at end ${machine.loadAverageAtEnd.join(' / ')}` +
      (Math.max(machine.loadAverageAtStart[0] ?? 0, machine.loadAverageAtEnd[0] ?? 0) > machine.cpus / 2
        ? '  !!! the machine was busy with other work: the figures are skewed (see "others" below)'
        : ''),
  );
  out.push(
    `  ${setup.subscribers} subscribers (${setup.subscribersPerInstance.A} on A, ${setup.subscribersPerInstance.B} on B) ` +
      `on ${setup.connections} WebSocket connections, ${perConnection} subscription(s) each; EVENTS_POLL_MS=60000`,
  );
  out.push('');
  for (const [events, rate, l, phase] of [
    [S.lightEvents, S.lightRate, lightLatency, lightPhase],
    [S.latencyEvents, S.latencyRate, sqlLatency, sqlPhase],
  ] as const) {
    out.push(
      `Latency, SQL commit outside both instances (${events} events at ${rate}/s) — ms from just before COMMIT to receipt`,
    );
    out.push(
      table([
        ['', 'pairs', 'p50', 'p90', 'p99', 'max'],
        latencyRows('all subscribers', l.all),
        latencyRows('instance A', l.A),
        latencyRows('instance B', l.B),
        latencyRows('A: first subscriber/event', l.firstA),
        latencyRows('A: last subscriber/event', l.lastA),
        latencyRows('B: first subscriber/event', l.firstB),
        latencyRows('B: last subscriber/event', l.lastB),
        latencyRows('(COMMIT round trip)', phase.commitMs),
      ]),
    );
    out.push('');
  }
  out.push(
    `Latency, proposeIndicatorChange on instance B (${S.mutations} at ${S.mutationRate}/s) — ms from just before the HTTP request to receipt (includes the mutation)`,
  );
  out.push(
    table([
      ['', 'pairs', 'p50', 'p90', 'p99', 'max'],
      latencyRows('instance A (via NOTIFY)', mutLatency.A),
      latencyRows('instance B (own commit)', mutLatency.B),
      latencyRows('A: last subscriber/event', mutLatency.lastA),
      latencyRows('B: last subscriber/event', mutLatency.lastB),
      latencyRows('(mutation round trip)', mutPhase.mutationMs),
    ]),
  );
  out.push('');
  out.push(
    `Throughput (${throughput.writers} SQL writers, stopped by ${throughput.stoppedBy}; ` +
      `${throughput.drained ? 'all delivered to the subscribers still connected' : `NOT ALL DELIVERED WITHIN ${S.drainSeconds} s`}` +
      `${throughput.failedSubscribers ? `; !!! ${throughput.failedSubscribers} SUBSCRIBERS LOST THEIR CONNECTION` : ''})`,
  );
  out.push(
    table([
      ['', 'value'],
      ['events committed', throughput.events],
      ['subscribers failed by the end of the drain', throughput.failedSubscribers],
      ['writing time (s)', throughput.writeSeconds],
      ['events committed/s', throughput.committedPerSecond],
      ['first write → last delivery (s)', throughput.drainSeconds],
      ['lag after last commit (ms)', throughput.lagAfterLastCommitMs],
      ['delivered/s per subscriber: min', throughput.perSubscriberPerSecond.min],
      ['delivered/s per subscriber: p50', throughput.perSubscriberPerSecond.p50],
      ['delivered/s per subscriber: max', throughput.perSubscriberPerSecond.max],
      ['delivered/s per subscriber on A (mean)', throughput.perInstancePerSubscriberPerSecond.A],
      ['delivered/s per subscriber on B (mean)', throughput.perInstancePerSubscriberPerSecond.B],
      ['total deliveries', throughput.totalDeliveries],
      ['total deliveries/s', throughput.totalDeliveriesPerSecond],
    ]),
  );
  out.push('');
  out.push(
    `CPU per phase (% of one core over the phase; the machine has ${machine.cpus} = ${machine.cpus * 100} %; ` +
      'postgres = every postgres process; others = the rest of the machine; µs/dlv = instance CPU per delivery made)',
  );
  const cpuRow = (label: string, c: (typeof cpu)['throughput']) => [
    label,
    c.wallSeconds,
    c.bench.percentOfOneCore,
    c.A.percentOfOneCore,
    c.B.percentOfOneCore,
    c.postgres.percentOfOneCore,
    c.others.percentOfOneCore,
    c.machine.percentOfOneCore,
    c.perDelivery.microsecondsA,
    c.perDelivery.microsecondsB,
    c.perDelivery.microsecondsBench,
  ];
  out.push(
    table([
      [
        '',
        'wall s',
        'bench %',
        'A %',
        'B %',
        'postgres %',
        'others %',
        'machine %',
        'A µs/dlv',
        'B µs/dlv',
        'bench µs/msg',
      ],
      cpuRow(`latency, SQL ${S.lightRate}/s`, cpu.latencyLight),
      cpuRow(`latency, SQL ${S.latencyRate}/s`, cpu.latencySql),
      cpuRow('latency, mutations on B', cpu.latencyMutationOnB),
      cpuRow('throughput (write + drain)', cpu.throughput),
    ]),
  );
  out.push('');
  out.push('Responsiveness: ms for a `{ __typename }` HTTP query to each instance, one every 250 ms during each phase');
  out.push(
    table([
      ['', 'A n', 'A p50', 'A p99', 'A max', 'B n', 'B p50', 'B p99', 'B max'],
      ...(
        [
          [`latency, SQL ${S.lightRate}/s`, probeLight],
          [`latency, SQL ${S.latencyRate}/s`, probeSql],
          ['latency, mutations on B', probeMutation],
          ['throughput (write + drain)', probeThroughput],
        ] as const
      ).map(([label, r]) => [label, r.A.n, r.A.p50, r.A.p99, r.A.max, r.B.n, r.B.p50, r.B.p99, r.B.max]),
    ]),
  );
  out.push('');
  const clean = !check.missing && !check.duplicates && !check.outOfOrder && !check.unexpected;
  const failed = failures(subs);
  if (failed) out.push(`!!! subscriptions failed by the end of the run: ${failed}`);
  out.push(
    `Integrity over all ${check.expectedEvents} committed events × ${check.subscribersChecked} subscribers: ` +
      (clean
        ? `no event lost, duplicated or out of order${check.notYetDelivered ? '' : '; every subscriber received every event'}`
        : `!!! PROBLEMS: ${check.subscribersWithProblems} subscribers; ${check.missing} lost (holes), ${check.duplicates} duplicate, ` +
          `${check.outOfOrder} out of order, ${check.unexpected} unexpected deliveries`),
  );
  if (check.notYetDelivered) {
    out.push(
      `  !!! ${check.notYetDelivered} (event, subscriber) deliveries were still outstanding when the run stopped waiting ` +
        "(a backlog past each subscriber's last received position, not holes)",
    );
  }
  for (const e of check.examples) out.push(`  !!! ${e}`);
  out.push(`Run time ${Math.round((Date.now() - started) / 1000)} s`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (!clean) log('!!! EVENT LOSS, DUPLICATION OR REORDERING DETECTED — see the integrity line above');

  const results = {
    at: new Date().toISOString(),
    machine,
    setup,
    latencyLight: { ...lightLatency, commitRoundTrip: lightPhase.commitMs },
    latencySql: { ...sqlLatency, commitRoundTrip: sqlPhase.commitMs },
    latencyMutationOnB: { ...mutLatency, mutationRoundTrip: mutPhase.mutationMs },
    throughput,
    cpu,
    httpProbeMs: responsiveness,
    integrity: check,
    subscriptionFailures: failed,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(resolve(RESULTS_DIR, 'events.json'), `${JSON.stringify(results, null, 2)}\n`);
  log(`figures written to ${resolve(RESULTS_DIR, 'events.json')}`);
}

const watchdog = setTimeout(() => {
  log(`!!! the benchmark did not finish in ${S.overallSeconds} s; cleaning up`);
  void cleanup().finally(() => process.exit(1));
}, S.overallSeconds * 1000);
watchdog.unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .then(
    () => cleanup(),
    async (err) => {
      log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      await cleanup();
      process.exitCode = 1;
    },
  )
  .finally(() => {
    clearTimeout(watchdog);
    // Everything is closed by now; should a stray handle remain, do not hang on it.
    setTimeout(() => {
      log('a handle was still open after clean-up; exiting anyway');
      process.exit(process.exitCode ?? 0);
    }, 5000).unref();
  });
