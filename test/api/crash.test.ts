import { Role } from '../../server/modules/identity';
import { startApi, type TestApi, uniq } from '../helpers/api';
import { acquireExclusive, WEBHOOK_DELIVERY } from '../helpers/exclusive';
import { type ServerProcess, startServerProcess } from '../helpers/processes';
import { type Receiver, startReceiver, waitFor } from '../helpers/receiver';
import { createFiscalDivision, createUser } from '../helpers/users';
import { buildIndicatorLibrary } from '../helpers/world';

/**
 * Crashes: API processes killed with SIGKILL in the middle of their work, then a new process on the same database.
 * What a killed process was doing is applied entirely or not at all (the database rolls back a transaction whose
 * client vanished), nothing committed is lost, and what was queued (webhook deliveries) is picked up again.
 *
 * Making the kill land inside the work: on a PostgreSQL server the test watches the process's own connections in
 * pg_stat_activity / pg_locks (each process gets its own application_name) and kills once a transaction has written
 * (the import) or is provably held inside its transaction (the workflow steps wait for the review-event outbox's
 * advisory lock, which the test holds). The embedded PGlite is one backend serving its connections in turn, so
 * nothing can be watched while a transaction runs; there the kill comes after delays measured from the work's own
 * duration.
 */
const DB = process.env.YARDSTICK_TEST_DB_URL as string;
let api: TestApi;
let embedded = false;
const running = new Set<ServerProcess>();

beforeAll(async () => {
  api = await startApi();
  const [row] = await api.sql<{ v: string }>('select version() as v');
  embedded = /PGlite/i.test(row?.v ?? '');
});
afterAll(async () => {
  await Promise.all([...running].map((p) => p.kill().catch(() => undefined)));
  await api.stop();
});

/** A server process on the shared test database, its connections named `name` (application_name, via PGAPPNAME). */
async function serve(name: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const p = await startServerProcess(DB, { PGAPPNAME: name, ...env });
  running.add(p);
  return p;
}

async function crash(p: ServerProcess): Promise<void> {
  await p.kill();
  running.delete(p);
}

/** A client of one server process; a request cut by a crash answers `{ crashed: true }`. */
function clientOf(p: ServerProcess, token: string) {
  const gql = async <T>(query: string, variables?: Record<string, unknown>) => {
    try {
      const res = await fetch(`${p.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { crashed: false, ...((await res.json()) as { data?: T; errors?: { message: string }[] }) };
    } catch {
      return { crashed: true } as { crashed: true; data?: undefined; errors?: undefined };
    }
  };
  return {
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const r = await gql<T>(query, variables);
      if (r.crashed || r.errors?.length) throw new Error(JSON.stringify(r));
      return r.data as T;
    },
  };
}

/** Resolves once `sql` (on the test's own connection) answers a row with `n` ≥ 1; PostgreSQL server only. */
function watch(sql: string, params: unknown[], ms = 10_000): Promise<unknown> {
  return waitFor(async () => {
    const [row] = await api.sql<{ n: string }>(sql, params);
    return Number(row?.n) > 0;
  }, ms);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('kill -9 during an indicator import', () => {
  it('leaves the import applied entirely or not at all, and the next process imports normally', async () => {
    const fd = await createFiscalDivision(api, '崩溃导入区划');
    const curator = await createUser(api, { roles: [Role.PERFORMANCE_ADMIN], fiscalDivisionCode: fd });
    const curatorApi = api.as(curator.token);
    const frameworkCode = uniq('FW');
    const framework = (
      await curatorApi.ok<{ createIndicatorFramework: { id: string } }>(CREATE_FRAMEWORK, {
        input: { code: frameworkCode, name: '崩溃测试体系', kind: 'PROJECT' },
      })
    ).createIndicatorFramework.id;
    const output = (
      await curatorApi.ok<{ createIndicatorFrameworkNode: { id: string } }>(CREATE_NODE, {
        input: { frameworkId: framework, code: '01', name: '产出指标' },
      })
    ).createIndicatorFrameworkNode.id;
    await curatorApi.ok(CREATE_NODE, {
      input: { frameworkId: framework, parentId: output, code: '0101', name: '数量' },
    });
    await curatorApi.ok(CREATE_CATEGORY, {
      input: { fiscalDivisionCode: fd, scope: 'COMMON', code: '01', name: '会议培训' },
    });

    const N = 1000;
    const rows = (prefix: string) =>
      Array.from({ length: N }, (_, i) => ({
        code: `${prefix}${String(i).padStart(4, '0')}`,
        name: `崩溃导入指标${i}`,
        scope: 'COMMON',
        categoryCode: '01',
        level2Code: '0101',
        defaultComparator: 'GE',
        defaultUnit: '人次',
        valueType: 'QUANTITATIVE',
      }));
    const state = async (prefix: string) => {
      const [r] = await api.sql<{ indicators: string; audits: string; events: string }>(
        `with mine as (select id::text as id from indicator where fiscal_division_code = ? and code like ?)
         select (select count(*) from mine) as indicators,
                (select count(*) from audit_entry where subject_type = 'Indicator' and subject_id in (select id from mine)) as audits,
                (select count(*) from review_event where subject_type = 'Indicator' and subject_id in (select id from mine)) as events`,
        [fd, `${prefix}%`],
      );
      return { indicators: Number(r?.indicators), audits: Number(r?.audits), events: Number(r?.events) };
    };
    const nothing = { indicators: 0, audits: 0, events: 0 };
    // An import writes DRAFT indicators with their audit entries and no review event (README, design notes).
    const everything = { indicators: N, audits: N, events: 0 };

    // On the embedded database, how long the work takes here: the kill delays are fractions of it.
    const measure = async () => {
      const t0 = Date.now();
      await curatorApi.ok(IMPORT, { input: { frameworkCode, rows: rows(uniq('CI').slice(0, 10)) } });
      return Date.now() - t0;
    };
    const took = embedded ? await measure() : 0;

    const killed: { prefix: string; outcome: typeof nothing; crashed: boolean }[] = [];
    for (const fraction of [0.5, 0.85]) {
      const name = `crash-import-${uniq()}`;
      const p = await serve(name);
      const prefix = uniq('CI').slice(0, 10);
      const sent = clientOf(p, curator.token).gql(IMPORT, { input: { frameworkCode, rows: rows(prefix) } });
      if (embedded) await sleep(Math.round(took * fraction));
      // On a server: once the import's transaction has written (it holds a transaction id).
      else
        await watch(
          `select count(*) as n from pg_stat_activity where application_name = ? and backend_xid is not null`,
          [name],
        );
      await crash(p);
      killed.push({ prefix, outcome: await state(prefix), crashed: (await sent).crashed });
    }
    for (const k of killed) expect([nothing, everything]).toContainEqual(k.outcome);
    // The kills landed before the answer (the client saw its connection cut), at least the earlier one.
    expect(killed.some((k) => k.crashed)).toBe(true);

    // A new process on the same database: the killed import sent again applies, so does a fresh one.
    const p = await serve(`crash-import-${uniq()}`);
    const again = killed.find((k) => k.outcome.indicators === 0)?.prefix ?? uniq('CI').slice(0, 10);
    const result = await clientOf(p, curator.token).gql<{ importIndicators: { createdCount: number } }>(IMPORT, {
      input: { frameworkCode, rows: rows(again) },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.importIndicators.createdCount).toBe(N);
    expect(await state(again)).toEqual(everything);
    const [total] = await api.sql<{ n: string }>('select count(*) as n from indicator where fiscal_division_code = ?', [
      fd,
    ]);
    expect(Number(total?.n) % N).toBe(0);
    await crash(p);
  }, 40_000);
});

describe('kill -9 during a workflow step', () => {
  it('leaves each admission decision applied entirely or not at all; every committed event is readable in order', async () => {
    const categoryCode = uniq('C').slice(0, 8);
    const lib = await buildIndicatorLibrary(api, {
      name: '崩溃审核区划',
      frameworkName: '崩溃审核体系',
      category: { code: categoryCode },
    });
    const preparer = api.as(
      (await createUser(api, { roles: [Role.UNIT_PREPARER], fiscalDivisionCode: lib.fd, departmentId: lib.cityMgmt }))
        .token,
    );
    const officer = api.as(
      (
        await createUser(api, {
          roles: [Role.DEPARTMENT_OFFICER],
          fiscalDivisionCode: lib.fd,
          departmentId: lib.cityMgmt,
        })
      ).token,
    );
    const curator = await createUser(api, { roles: [Role.PERFORMANCE_ADMIN], fiscalDivisionCode: lib.fd });
    const [cursor] = await api.sql<{ p: string }>('select coalesce(max(position), 0)::text as p from review_event');

    /** K requests waiting for the performance division's decision. */
    const K = 4;
    const ids: string[] = [];
    for (let i = 0; i <= K; i++) {
      const proposed = await preparer.ok<{ proposeIndicatorChange: { request: Req } }>(PROPOSE, {
        input: {
          type: 'ADMIT',
          reason: '崩溃测试',
          definition: {
            name: `崩溃审核指标${i}${uniq('')}`,
            scope: 'INDUSTRY',
            categoryId: lib.category,
            level2NodeId: lib.quantity,
            defaultComparator: 'GE',
            defaultUnit: '%',
            valueType: 'QUANTITATIVE',
          },
        },
      });
      const r = proposed.proposeIndicatorChange.request;
      const submitted = await preparer.ok<{ submitIndicatorChangeRequest: Req }>(SUBMIT, { ...r });
      await officer.ok(PRECHECK, { ...submitted.submitIndicatorChangeRequest, decision: 'PASS' });
      ids.push(r.id);
    }
    const versionOf = async (id: string) =>
      Number(
        (await api.sql<{ v: number }>('select version as v from indicator_change_request where id = ?', [id]))[0]?.v,
      );
    /** Everything an approval writes, read back: all of it or none of it must be there. */
    const applied = async (id: string) => {
      const [r] = await api.sql<Record<string, string | number | boolean>>(
        `select r.status = 'APPROVED' as approved,
                (select count(*) from indicator_change_approval a where a.request_id = r.id and a.decision = 'APPROVE') as approvals,
                (select count(*) from audit_entry e where e.subject_type = 'IndicatorChangeRequest' and e.subject_id = r.id::text
                    and e.changes::text like '%APPROVED%') as audits,
                (select count(*) from review_event v where v.subject_type = 'IndicatorChangeRequest'
                    and v.subject_id = r.id::text and v.type = 'ADMISSION_APPROVED') as events,
                (select count(*) from indicator i where i.fiscal_division_code = r.fiscal_division_code and i.name = r.name
                    and i.status = 'PUBLISHED') as published
           from indicator_change_request r where r.id = ?`,
        [id],
      );
      return [r?.approved, Number(r?.approvals), Number(r?.audits), Number(r?.events), Number(r?.published)];
    };
    const YES = [true, 1, 1, 1, 1];
    const NO = [false, 0, 0, 0, 0];

    // One decision to the end, in process: how long a step takes here.
    const spare = ids.pop() as string;
    const t0 = Date.now();
    await api.as(curator.token).ok(APPROVE, { id: spare, version: await versionOf(spare) });
    const took = Date.now() - t0;
    expect(await applied(spare)).toEqual(YES);

    // K decisions at once on a process that is then killed.
    const name = `crash-step-${uniq()}`;
    const p = await serve(name);
    const versions = await Promise.all(ids.map(versionOf));
    let lock: import('pg').Client | undefined;
    if (!embedded) {
      // Hold the code-assignment lock of this test's division and category (admission.definition.ts nextCode), which
      // only these decisions take: each stops inside its transaction, at the code of the indicator it publishes.
      // (The outbox's lock would stop every writer of the shared database, other test files' too.)
      const { Client: PgClient } = await import('pg');
      lock = new PgClient({ connectionString: DB });
      await lock.connect();
      await lock.query('begin');
      await lock.query('select pg_advisory_xact_lock(72405, hashtext($1))', [`${lib.fd}:HY${categoryCode}`]);
    }
    const sent = ids.map((id, i) => clientOf(p, curator.token).gql(APPROVE, { id, version: versions[i] }));
    if (embedded) await sleep(Math.round(took * 3));
    else {
      await watch(
        `select (count(*) >= ?)::int as n from pg_stat_activity where application_name = ? and wait_event_type = 'Lock'`,
        [K, name],
      );
    }
    await crash(p);
    await lock?.query('rollback');
    await lock?.end();
    const answers = await Promise.all(sent);
    const outcomes = await Promise.all(ids.map(applied));
    for (const o of outcomes) expect([YES, NO]).toContainEqual(o);
    // On a server every decision was held inside its transaction when the process died: none applied.
    expect(embedded || outcomes.every((o) => o[0] === false)).toBe(true);
    // A decision the client saw succeed is applied.
    answers.forEach((a, i) => {
      expect([a.crashed || Boolean(a.errors), outcomes[i]?.[0]]).not.toEqual([false, false]);
    });

    // A new process decides what was lost; the state, version, decision, audit and event agree.
    const q = await serve(`crash-step-${uniq()}`);
    const curatorQ = clientOf(q, curator.token);
    for (const [i, id] of ids.entries()) {
      const before = await versionOf(id);
      const done = await curatorQ.gql(APPROVE, { id, version: before });
      const expectedCode = outcomes[i]?.[0] ? 'INVALID_TRANSITION' : undefined;
      expect((done.errors?.[0] as { extensions?: { code?: string } } | undefined)?.extensions?.code).toBe(expectedCode);
      expect(await applied(id)).toEqual(YES);
    }

    // Every committed event of the division, read through the API after the cursor: all there, once, in order.
    const page = await curatorQ.ok<{
      reviewEvents: { events: { position: string; type: string; subjectId: string }[] };
    }>(EVENTS, { after: cursor?.p });
    const committed = await api.sql<{ pos: string; type: string; subject_id: string }>(
      `select position::text as pos, type, subject_id from review_event
        where fiscal_division_code = ? and position > ? order by position`,
      [lib.fd, cursor?.p],
    );
    expect(page.reviewEvents.events.map((e) => [e.position, e.type, e.subjectId])).toEqual(
      committed.map((e) => [e.pos, e.type, e.subject_id]),
    );
    const positions = committed.map((e) => BigInt(e.pos));
    expect(positions.every((v, i) => i === 0 || v > (positions[i - 1] as bigint))).toBe(true);
    const approvals = committed.filter((e) => e.type === 'ADMISSION_APPROVED').map((e) => e.subject_id);
    expect(approvals.sort()).toEqual([...ids, spare].sort());
    await crash(q);
  }, 40_000);
});

describe('kill -9 with webhook deliveries pending', () => {
  it('a new process delivers every pending delivery once the receiver is back', async () => {
    const release = await acquireExclusive(WEBHOOK_DELIVERY);
    const port = await closedPort();
    let receiver: Receiver | undefined;
    try {
      const lib = await buildIndicatorLibrary(api, {
        name: '崩溃推送区划',
        frameworkName: '崩溃推送体系',
        category: { code: uniq('C').slice(0, 8) },
      });
      const preparer = await createUser(api, {
        roles: [Role.UNIT_PREPARER],
        fiscalDivisionCode: lib.fd,
        departmentId: lib.cityMgmt,
      });
      const integration = await createUser(api, { roles: [Role.INTEGRATION], fiscalDivisionCode: lib.fd });
      const pending = async () =>
        api.sql<{ status: string; attempts: number; event_position: string }>(
          'select status, attempts, event_position::text as event_position from webhook_delivery where endpoint_id = ?',
          [endpoint],
        );

      // The receiver is down: the deliveries are attempted, fail and stay pending.
      const a = await serve(`crash-hooks-${uniq()}`, HOOKS);
      const endpoint = (
        await clientOf(a, integration.token).ok<{ createWebhookEndpoint: { id: string } }>(CREATE_ENDPOINT, {
          input: { url: `http://127.0.0.1:${port}/hook`, secret: 'whsec-crash-0123456789' },
        })
      ).createWebhookEndpoint.id;
      const viaA = clientOf(a, preparer.token);
      const propose = (client: typeof viaA) =>
        client.ok(PROPOSE, {
          input: {
            type: 'ADMIT',
            reason: '崩溃推送测试',
            definition: {
              name: `崩溃推送指标${uniq('')}`,
              scope: 'INDUSTRY',
              categoryId: lib.category,
              level2NodeId: lib.quantity,
              defaultComparator: 'GE',
              defaultUnit: '%',
              valueType: 'QUANTITATIVE',
            },
          },
        });
      for (let i = 0; i < 4; i++) await propose(viaA);
      await waitFor(async () => {
        const rows = await pending();
        return rows.length === 4 && rows.every((r) => r.status === 'PENDING' && r.attempts >= 1);
      });
      // Two more events, and the process dies at once (perhaps before it made their deliveries).
      for (let i = 0; i < 2; i++) await propose(viaA);
      await crash(a);

      receiver = await startReceiver(port);
      const b = await serve(`crash-hooks-${uniq()}`, HOOKS);
      const events = await api.sql<{ position: string }>(
        `select position::text as position from review_event where fiscal_division_code = ? order by position`,
        [lib.fd],
      );
      expect(events).toHaveLength(6);
      const done = await waitFor(
        async () => {
          const rows = await pending();
          return rows.length === 6 && rows.every((r) => r.status === 'DELIVERED') ? rows : null;
        },
        20_000,
        'every delivery DELIVERED',
      );
      expect(done.map((r) => r.event_position).sort()).toEqual(events.map((e) => e.position).sort());
      // Nothing reached the receiver before it came back, and B's sends were not cut: each event arrived exactly once
      // (README: at least once in general; a send cut by a crash may be repeated).
      const got = (receiver as Receiver).requests.filter((r) => r.json.endpointId === endpoint);
      expect(got.map((r) => r.json.event.position).sort()).toEqual(events.map((e) => e.position).sort());
      expect(new Set(got.map((r) => r.json.deliveryId)).size).toBe(6);
      await crash(b);
    } finally {
      await receiver?.stop();
      release();
    }
  }, 40_000);
});

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const r = await startReceiver();
  await r.stop();
  return r.port;
}

interface Req {
  id: string;
  version: number;
}
const HOOKS = {
  WEBHOOKS_ENABLED: 'true',
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_POLL_MS: '50',
  WEBHOOK_BACKOFF_MS: '100',
  WEBHOOK_BACKOFF_MAX_MS: '400',
  WEBHOOK_MAX_ATTEMPTS: '100',
  WEBHOOK_TIMEOUT_MS: '1000',
  EVENTS_POLL_MS: '100',
};

const CREATE_FRAMEWORK = `mutation($input: CreateIndicatorFrameworkInput!) { createIndicatorFramework(input: $input) { id } }`;
const CREATE_NODE = `mutation($input: CreateIndicatorFrameworkNodeInput!) { createIndicatorFrameworkNode(input: $input) { id } }`;
const CREATE_CATEGORY = `mutation($input: CreateIndicatorCategoryInput!) { createIndicatorCategory(input: $input) { id } }`;
const IMPORT = `mutation($input: ImportIndicatorsInput!) { importIndicators(input: $input) { createdCount } }`;
const PROPOSE = `mutation($input: ProposeIndicatorChangeInput!) { proposeIndicatorChange(input: $input) { request { id version } } }`;
const SUBMIT = `mutation($id: ID!, $version: Int!) { submitIndicatorChangeRequest(id: $id, version: $version) { id version } }`;
const PRECHECK = `mutation($id: ID!, $version: Int!, $decision: PrecheckDecision!) {
  precheckIndicatorChangeRequest(id: $id, version: $version, decision: $decision) { id version }
}`;
const APPROVE = `mutation($id: ID!, $version: Int!) { approveIndicatorChangeRequest(id: $id, version: $version) { id version } }`;
const EVENTS = `query($after: ID) { reviewEvents(after: $after, limit: 500) { events { position type subjectId } } }`;
const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { id } }`;
