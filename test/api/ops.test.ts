import { Migration } from '@mikro-orm/migrations';
import pino from 'pino';
import { migrationsList } from '../../server/db/migrations';
import { createOrm } from '../../server/db/orm';
import { ReadinessCheck } from '../../server/ops/readiness';
import { startApi, type TestApi } from '../helpers/api';

let api: TestApi;

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await api.stop();
});

async function scrape(): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${api.url}/metrics`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** The value of one sample line (name with its labels exactly as printed), or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('operations endpoints', () => {
  it('GET /healthz answers 200 without asking the database', async () => {
    const res = await fetch(`${api.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 ready when the database answers and every migration is applied', async () => {
    for (let i = 0; i < 2; i += 1) {
      const res = await fetch(`${api.url}/readyz`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(await res.json()).toEqual({ status: 'ready' });
    }
  });

  it('GET /metrics reports request durations by operation name and type', async () => {
    await api.ok('query OpsProbe { __typename }');
    await api.ok('{ __typename }');
    const m = await scrape();
    expect(m.status).toBe(200);
    expect(m.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(m.text).toContain('# TYPE graphql_request_duration_seconds histogram');
    expect(sample(m.text, 'graphql_request_duration_seconds_count{operation="OpsProbe",type="query"}')).toBe(1);
    expect(sample(m.text, 'graphql_request_duration_seconds_count{operation="anonymous",type="query"}')).toBe(1);
    expect(m.text).toMatch(/graphql_request_duration_seconds_bucket\{le="0\.005",operation="OpsProbe",type="query"\}/);
    // Default process metrics.
    expect(m.text).toContain('process_cpu_user_seconds_total');
    expect(m.text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('counts errors by their extensions.code', async () => {
    const before = sample((await scrape()).text, 'graphql_errors_total{code="UNAUTHENTICATED"}') ?? 0;
    const refused = await api.gql('query OpsRefused { webhookEndpoints(limit: 1) { __typename } }');
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const invalid = await api.gql('query OpsInvalid { noSuchField }');
    expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const m = await scrape();
    expect(sample(m.text, 'graphql_errors_total{code="UNAUTHENTICATED"}')).toBe(before + 1);
    expect(sample(m.text, 'graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBeGreaterThanOrEqual(1);
    expect(sample(m.text, 'graphql_request_duration_seconds_count{operation="OpsRefused",type="query"}')).toBe(1);
  });

  it('reports the database pool, the event feed and webhook deliveries', async () => {
    const m = await scrape();
    for (const state of ['used', 'free', 'pending']) {
      expect(sample(m.text, `db_pool_connections{state="${state}"}`)).toBeGreaterThanOrEqual(0);
    }
    expect(sample(m.text, 'events_feed_position')).toBe(Number(api.services.events.position));
    expect(sample(m.text, 'events_feed_lag_events')).toBeGreaterThanOrEqual(0);
    expect(sample(m.text, 'events_delivery_lag_seconds')).toBeGreaterThanOrEqual(0);
    const [counts] = await api.sql<{ failed: string }>(
      `select count(*)::text as failed from webhook_delivery where status = 'FAILED'`,
    );
    for (const status of ['PENDING', 'DELIVERED', 'FAILED']) {
      expect(sample(m.text, `webhook_deliveries{status="${status}"}`)).toBeGreaterThanOrEqual(0);
    }
    // Other test files share the database and may fail deliveries between the scrape and this read.
    expect(sample(m.text, 'webhook_deliveries_failed')).toBeLessThanOrEqual(Number(counts?.failed));
  });
});

describe('METRICS_ENABLED=false', () => {
  it('serves no /metrics, while /healthz and /readyz stay', async () => {
    const off = await startApi({ env: { METRICS_ENABLED: 'false' } });
    try {
      expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
      expect((await fetch(`${off.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${off.url}/readyz`)).status).toBe(200);
      await off.ok('query StillWorks { __typename }');
    } finally {
      await off.stop();
    }
  });
});

describe('the readiness check', () => {
  it('is unavailable when the database does not answer (a closed connection pool)', async () => {
    const url = process.env.YARDSTICK_TEST_DB_URL;
    if (!url) throw new Error('YARDSTICK_TEST_DB_URL is not set');
    const log = pino({ level: 'silent' });
    const orm = await createOrm({ url, poolMax: 1, log });
    const check = new ReadinessCheck(orm, log);
    expect(await check.check()).toEqual({ ready: true });
    await orm.close(true);
    const r = await check.check();
    expect(r.ready).toBe(false);
    expect(r).toMatchObject({ reason: expect.stringContaining('database unreachable') });
  });

  it('is unavailable while a migration of this release has not been applied to the database', async () => {
    const url = process.env.YARDSTICK_TEST_DB_URL;
    if (!url) throw new Error('YARDSTICK_TEST_DB_URL is not set');
    const log = pino({ level: 'silent' });
    // This code's release carries one migration more than the shared test database has applied.
    class Migration20991231000000_next extends Migration {
      async up(): Promise<void> {
        this.addSql('select 1');
      }
    }
    const orm = await createOrm({
      url,
      poolMax: 1,
      log,
      migrations: [...migrationsList, { name: 'Migration20991231000000_next', class: Migration20991231000000_next }],
    });
    try {
      const check = new ReadinessCheck(orm, log);
      expect(await check.check()).toEqual({
        ready: false,
        reason: 'migrations pending: Migration20991231000000_next',
      });
      // The same code with the checked-in list is ready on the same database.
      const current = await createOrm({ url, poolMax: 1, log });
      try {
        expect(await new ReadinessCheck(current, log).check()).toEqual({ ready: true });
      } finally {
        await current.close(true);
      }
    } finally {
      await orm.close(true);
    }
  });
});
