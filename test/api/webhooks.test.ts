import { Role } from '../../server/modules/identity';
import { verifyWebhookSignature } from '../../server/modules/webhooks';
import { type Client, startApi, type TestApi, uniq } from '../helpers/api';
import { acquireExclusive, WEBHOOK_DELIVERY } from '../helpers/exclusive';
import { type Receiver, startReceiver, waitFor } from '../helpers/receiver';
import { createUser } from '../helpers/users';
import { buildIndicatorLibrary, signIn } from '../helpers/world';

const ENV = {
  WEBHOOKS_ENABLED: 'true',
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_BACKOFF_MS: '50',
  WEBHOOK_BACKOFF_MAX_MS: '200',
  WEBHOOK_POLL_MS: '50',
  WEBHOOK_MAX_ATTEMPTS: '4',
  EVENTS_POLL_MS: '100',
  WEBHOOK_TIMEOUT_MS: '1000',
};
const SECRET = 'whsec-test-0123456789-abcd';

// Delivering instances claim every due delivery on the shared database: no other file delivers while this one does.
let release: () => void = () => undefined;
beforeAll(async () => {
  release = await acquireExclusive(WEBHOOK_DELIVERY);
});
afterAll(() => release());

interface Endpoint {
  id: string;
  url: string;
  active: boolean;
  secretHint: string;
  ownerLogin: string;
  version: number;
  filter: { types: string[] | null };
  deliveryCounts: { pending: number; delivered: number; failed: number } | null;
}
interface Delivery {
  id: string;
  endpointId: string;
  eventPosition: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  attemptLog: Array<{ number: number; statusCode: number | null; error: string | null }>;
}

/** A fiscal division of the test's own with an indicator library, a preparer who causes events, and webhook users. */
async function world(api: TestApi) {
  const lib = await buildIndicatorLibrary(api, {
    name: '推送区划',
    frameworkName: '推送体系',
    category: { code: uniq('C').slice(0, 8) },
  });
  const preparer = await createUser(api, {
    roles: [Role.UNIT_PREPARER],
    fiscalDivisionCode: lib.fd,
    departmentId: lib.cityMgmt,
  });
  return {
    ...lib,
    preparerLogin: preparer.loginName,
    preparer: api.as(preparer.token),
    integration: await signIn(api, [Role.INTEGRATION], lib.fd),
    admin: await signIn(api, [Role.ADMIN], lib.fd),
  };
}
type World = Awaited<ReturnType<typeof world>>;

/** Proposes a new indicator: emits ADMISSION_PROPOSED. */
async function propose(w: World, name = `推送指标${uniq('')}`): Promise<{ id: string; version: number }> {
  const data = await w.preparer.ok<{ proposeIndicatorChange: { request: { id: string; version: number } } }>(PROPOSE, {
    input: {
      type: 'ADMIT',
      reason: '项目绩效目标需要该指标',
      exampleProject: '智慧环卫建设项目',
      definition: {
        name,
        scope: 'INDUSTRY',
        categoryId: w.category,
        level2NodeId: w.quantity,
        explanation: '在线车辆数/环卫车辆总数',
        defaultComparator: 'GE',
        defaultUnit: '%',
        valueType: 'QUANTITATIVE',
      },
    },
  });
  return data.proposeIndicatorChange.request;
}

async function create(client: Client, input: Record<string, unknown>): Promise<Endpoint> {
  const data = await client.ok<{ createWebhookEndpoint: Endpoint }>(CREATE, { input: { secret: SECRET, ...input } });
  return data.createWebhookEndpoint;
}

async function deliveries(client: Client, endpointId: string, status?: string): Promise<Delivery[]> {
  const data = await client.ok<{ webhookDeliveries: { items: Delivery[] } }>(DELIVERIES, {
    filter: { endpointId, ...(status ? { status } : {}) },
  });
  return data.webhookDeliveries.items;
}

const codeOf = (r: { errors?: Array<{ extensions?: { code?: string } }> }) => r.errors?.[0]?.extensions?.code;

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const r = await startReceiver();
  await r.stop();
  return r.port;
}

describe('webhook delivery', () => {
  let api: TestApi;
  let receiver: Receiver;
  beforeAll(async () => {
    api = await startApi({ env: ENV });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.stop();
    await api.stop();
  });

  it('POSTs a signed event that verifies with the secret and not with another; the owner’s field rules apply', async () => {
    const w = await world(api);
    const endpoint = await create(w.integration, { url: receiver.url, description: '测试' });
    expect([endpoint.active, endpoint.secretHint, endpoint.version]).toEqual([true, SECRET.slice(-4), 1]);
    const request = await propose(w);
    const got = await waitFor(
      () => receiver.requests.find((r) => r.json.endpointId === endpoint.id),
      10_000,
      'the delivery',
    );
    const h = got.headers;
    expect(h['content-type']).toBe('application/json');
    expect(h['user-agent']).toBe('Yardstick-Webhooks/1');
    expect(h['x-yardstick-event']).toBe('ADMISSION_PROPOSED');
    expect(h['x-yardstick-delivery']).toBe(got.json.deliveryId);
    expect(h['x-yardstick-position']).toBe(got.json.event.position);
    expect(h['x-yardstick-signature']).toBe(
      `t=${h['x-yardstick-timestamp']},v1=${String(h['x-yardstick-signature']).split('v1=')[1]}`,
    );
    const signature = String(h['x-yardstick-signature']);
    expect(verifyWebhookSignature(SECRET, signature, got.raw, 300)).toBe(true);
    expect(verifyWebhookSignature(`${SECRET}x`, signature, got.raw, 300)).toBe(false);
    expect(verifyWebhookSignature(SECRET, signature, `${got.raw} `, 300)).toBe(false);
    // An old signature is refused (replay).
    expect(verifyWebhookSignature(SECRET, signature, got.raw, 300, Number(h['x-yardstick-timestamp']) + 301)).toBe(
      false,
    );
    expect(got.json.event).toMatchObject({
      type: 'ADMISSION_PROPOSED',
      subjectType: 'IndicatorChangeRequest',
      subjectId: request.id,
      fiscalDivisionCode: w.fd,
      departmentId: w.cityMgmt,
      requestType: 'ADMIT',
    });
    // INTEGRATION may not read reviewers' identities or review internals; the helper property is never sent.
    expect(Object.keys(got.json.event)).not.toEqual(expect.arrayContaining(['actorLogin']));
    expect('actorRoles' in got.json.event).toBe(false);
    expect('totalScore' in got.json.event).toBe(false);
    expect('targetStatus' in got.json.event).toBe(false);

    const [d] = await waitFor(async () => {
      const list = await deliveries(w.integration, endpoint.id, 'DELIVERED');
      return list.length === 1 ? list : null;
    });
    expect(d).toMatchObject({
      id: got.json.deliveryId,
      eventType: 'ADMISSION_PROPOSED',
      status: 'DELIVERED',
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
    });
    expect(d?.attemptLog.map((a) => [a.number, a.statusCode, a.error])).toEqual([[1, 200, null]]);
    const one = await w.integration.ok<{ webhookEndpoint: Endpoint }>(ENDPOINT, { id: endpoint.id });
    expect(one.webhookEndpoint.deliveryCounts).toEqual({ pending: 0, delivered: 1, failed: 0 });
    // The secret is in no audit entry.
    const audit = await api.sql<{ changes: unknown }>(
      `select changes from audit_entry where subject_type = 'WebhookEndpoint' and subject_id = ?`,
      [endpoint.id],
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it('an ADMIN owner receives the actor’s login and roles (ReadReviewerIdentity)', async () => {
    const w = await world(api);
    const endpoint = await create(w.admin, { url: receiver.url });
    await propose(w);
    const got = await waitFor(() => receiver.requests.find((r) => r.json.endpointId === endpoint.id));
    expect(got.json.event.actorLogin).toBe(w.preparerLogin);
    expect(got.json.event.actorRoles).toEqual(['UNIT_PREPARER']);
    expect('totalScore' in got.json.event).toBe(false);
  });

  it('sends only the event types of the filter', async () => {
    const w = await world(api);
    const endpoint = await create(w.integration, { url: receiver.url, filter: { types: ['ADMISSION_SUBMITTED'] } });
    expect(endpoint.filter.types).toEqual(['ADMISSION_SUBMITTED']);
    const request = await propose(w);
    await w.preparer.ok(SUBMIT, { id: request.id, version: request.version });
    const got = await waitFor(() => receiver.requests.find((r) => r.json.endpointId === endpoint.id));
    expect(got.json.event.type).toBe('ADMISSION_SUBMITTED');
    // The fan-out handles events in order: the earlier ADMISSION_PROPOSED was looked at and left out.
    const rows = await api.sql<{ event_type: string }>(
      'select event_type from webhook_delivery where endpoint_id = ?',
      [endpoint.id],
    );
    expect(rows.map((r) => r.event_type)).toEqual(['ADMISSION_SUBMITTED']);
    expect(receiver.requests.filter((r) => r.json.endpointId === endpoint.id)).toHaveLength(1);
  });

  it('retries with backoff: two 500s, then delivered on the third attempt', async () => {
    const w = await world(api);
    const endpoint = await create(w.integration, { url: receiver.url });
    receiver.failNext(2);
    await propose(w);
    const [d] = await waitFor(async () => {
      const list = await deliveries(w.integration, endpoint.id, 'DELIVERED');
      return list.length === 1 ? list : null;
    });
    expect(d?.attempts).toBe(3);
    expect(d?.attemptLog.map((a) => [a.number, a.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect(d?.attemptLog[0]?.error).toBe('answered 500');
    expect(receiver.count(d?.id as string)).toBe(3);
  });

  it('marks a delivery FAILED after the last attempt; redeliverWebhook sends it again', async () => {
    const w = await world(api);
    const failing = await startReceiver();
    try {
      failing.failAlways(true);
      const endpoint = await create(w.integration, { url: failing.url });
      await propose(w);
      const [d] = await waitFor(async () => {
        const list = await deliveries(w.integration, endpoint.id, 'FAILED');
        return list.length === 1 ? list : null;
      });
      expect([d?.attempts, d?.lastStatusCode, d?.lastError]).toEqual([4, 500, 'answered 500']);
      expect(d?.attemptLog).toHaveLength(4);
      // Paused, the endpoint is not sent to, so what redeliverWebhook answers is not raced by the worker.
      const setActive = async (active: boolean, version: number) =>
        (
          await w.integration.ok<{ updateWebhookEndpoint: Endpoint }>(UPDATE, {
            id: endpoint.id,
            input: { version, active },
          })
        ).updateWebhookEndpoint.version;
      let version = await setActive(false, endpoint.version);
      const pendingAgain = await w.integration.gql(REDELIVER, { id: d?.id });
      expect(pendingAgain.errors).toBeUndefined();
      expect(pendingAgain.data).toMatchObject({ redeliverWebhook: { status: 'PENDING', attempts: 0 } });
      failing.failAlways(false);
      version = await setActive(true, version);
      const [done] = await waitFor(async () => {
        const list = await deliveries(w.integration, endpoint.id, 'DELIVERED');
        return list.length === 1 ? list : null;
      });
      expect(done?.attemptLog.map((a) => [a.number, a.statusCode])).toEqual([
        [1, 500],
        [2, 500],
        [3, 500],
        [4, 500],
        [5, 200],
      ]);
      // A queued delivery cannot be queued again.
      await setActive(false, version);
      const again = await w.integration.gql(REDELIVER, { id: done?.id });
      expect(again.errors).toBeUndefined();
      const twice = await w.integration.gql(REDELIVER, { id: done?.id });
      expect(codeOf(twice)).toBe('INVALID_TRANSITION');
    } finally {
      await failing.stop();
    }
  });

  it('counts a timeout as a failed attempt', async () => {
    const w = await world(api);
    const endpoint = await create(w.integration, { url: receiver.url });
    receiver.hangNext(1);
    await propose(w);
    const [d] = await waitFor(async () => {
      const list = await deliveries(w.integration, endpoint.id, 'DELIVERED');
      return list.length === 1 ? list : null;
    });
    expect(d?.attemptLog.map((a) => [a.number, a.statusCode])).toEqual([
      [1, null],
      [2, 200],
    ]);
    expect(d?.attemptLog[0]?.error).toMatch(/timed out after 1000 ms/);
  });

  it('updates with the version (CONFLICT when stale) and stops sending while inactive', async () => {
    const w = await world(api);
    const endpoint = await create(w.integration, { url: receiver.url });
    const paused = await w.integration.ok<{ updateWebhookEndpoint: Endpoint }>(UPDATE, {
      id: endpoint.id,
      input: { version: endpoint.version, active: false, secret: 'another-secret-0123456789' },
    });
    expect([paused.updateWebhookEndpoint.active, paused.updateWebhookEndpoint.version]).toEqual([false, 2]);
    expect(paused.updateWebhookEndpoint.secretHint).toBe('6789');
    const stale = await w.integration.gql(UPDATE, { id: endpoint.id, input: { version: 1, active: true } });
    expect(codeOf(stale)).toBe('CONFLICT');
    const audit = await api.sql<{ changes: unknown }>(
      `select changes from audit_entry where subject_type = 'WebhookEndpoint' and subject_id = ?`,
      [endpoint.id],
    );
    expect(JSON.stringify(audit)).not.toContain('another-secret');
    expect(await w.integration.ok(DELETE, { id: endpoint.id })).toEqual({ deleteWebhookEndpoint: true });
    expect(codeOf(await w.integration.gql(ENDPOINT, { id: endpoint.id }))).toBe('NOT_FOUND');
  });

  it('row rules: an integration sees only its own endpoints, ADMIN its division’s, other roles are FORBIDDEN', async () => {
    const w = await world(api);
    const mine = await create(w.integration, { url: receiver.url });
    const other = await signIn(api, [Role.INTEGRATION], w.fd);
    expect(codeOf(await other.gql(ENDPOINT, { id: mine.id }))).toBe('NOT_FOUND');
    expect(codeOf(await other.gql(UPDATE, { id: mine.id, input: { version: 1, active: false } }))).toBe('NOT_FOUND');
    expect(codeOf(await other.gql(DELETE, { id: mine.id }))).toBe('NOT_FOUND');
    const list = await other.ok<{ webhookEndpoints: { totalCount: number } }>(LIST);
    expect(list.webhookEndpoints.totalCount).toBe(0);
    const seen = await w.admin.ok<{ webhookEndpoint: Endpoint }>(ENDPOINT, { id: mine.id });
    expect(seen.webhookEndpoint.ownerLogin).toBe(mine.ownerLogin);
    const elsewhere = await signIn(api, [Role.ADMIN], (await world(api)).fd);
    expect(codeOf(await elsewhere.gql(ENDPOINT, { id: mine.id }))).toBe('NOT_FOUND');
    for (const role of [Role.PERFORMANCE_ADMIN, Role.OBSERVER, Role.ANALYST]) {
      const client = await signIn(api, [role], w.fd);
      expect(codeOf(await client.gql(LIST))).toBe('FORBIDDEN');
      expect(codeOf(await client.gql(CREATE, { input: { url: receiver.url, secret: SECRET } }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await w.preparer.gql(DELIVERIES, { filter: {} }))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(LIST))).toBe('UNAUTHENTICATED');
  });

  it('refuses a secret of the wrong length and a URL that is not http(s) or carries credentials', async () => {
    const w = await world(api);
    for (const secret of ['short', 'x'.repeat(201)]) {
      expect(codeOf(await w.integration.gql(CREATE, { input: { url: receiver.url, secret } }))).toBe('BAD_USER_INPUT');
    }
    for (const url of ['ftp://example.org/hook', 'http://user:pass@example.org/hook', 'not a url']) {
      expect(codeOf(await w.integration.gql(CREATE, { input: { url, secret: SECRET } }))).toBe('BAD_USER_INPUT');
    }
  });
});

describe('webhook URLs on private networks', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { ...ENV, WEBHOOK_ALLOW_PRIVATE: 'false' } });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('refuses loopback, private, link-local and mapped addresses with WEBHOOK_URL_REFUSED', async () => {
    const integration = await signIn(api, [Role.INTEGRATION], (await world(api)).fd);
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://10.0.0.1/hook',
      'https://[::1]/hook',
      'http://localhost/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::ffff:127.0.0.1]/hook',
      'http://100.64.0.1/hook',
      'http://[fd00::1]/hook',
      'http://0.0.0.0/hook',
    ]) {
      const r = await integration.gql(CREATE, { input: { url, secret: SECRET } });
      expect([url, codeOf(r)]).toEqual([url, 'WEBHOOK_URL_REFUSED']);
      expect(r.errors?.[0]?.message).toMatch(/public/);
    }
    expect(codeOf(await integration.gql(CREATE, { input: { url: 'ftp://10.0.0.1/x', secret: SECRET } }))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('webhook deliveries across restarts and instances', () => {
  it('a pending delivery survives a restart and is delivered by the next instance', async () => {
    const port = await closedPort();
    const first = await startApi({ env: { ...ENV, WEBHOOK_MAX_ATTEMPTS: '100' } });
    let w: World;
    let endpoint: Endpoint;
    try {
      w = await world(first);
      endpoint = await create(w.integration, { url: `http://127.0.0.1:${port}/hook` });
      await propose(w);
      // Refused connections: retried, still pending.
      await waitFor(async () => {
        const [row] = await first.sql<{ attempts: number; status: string }>(
          'select attempts, status from webhook_delivery where endpoint_id = ?',
          [endpoint.id],
        );
        return row && row.attempts >= 2 && row.status === 'PENDING';
      });
    } finally {
      await first.stop();
    }
    const receiver = await startReceiver(port);
    const second = await startApi({ env: ENV });
    try {
      const got = await waitFor(() => receiver.requests.find((r) => r.json.endpointId === endpoint.id));
      expect(got.json.event.type).toBe('ADMISSION_PROPOSED');
      await waitFor(async () => {
        const [row] = await second.sql<{ status: string }>(
          'select status from webhook_delivery where endpoint_id = ?',
          [endpoint.id],
        );
        return row?.status === 'DELIVERED';
      });
    } finally {
      await second.stop();
      await receiver.stop();
    }
  });

  it('two instances on one database create each delivery once and send each once', async () => {
    const a = await startApi({ env: ENV });
    const b = await startApi({ env: ENV });
    const receiver = await startReceiver();
    try {
      const w = await world(a);
      const endpoint = await create(w.integration, { url: receiver.url });
      const viaB = b.as(
        (await createUser(b, { roles: [Role.UNIT_PREPARER], fiscalDivisionCode: w.fd, departmentId: w.cityMgmt }))
          .token,
      );
      const n = 6;
      for (let i = 0; i < n; i++) await propose(i % 2 ? w : { ...w, preparer: viaB });
      await waitFor(async () => {
        const [row] = await a.sql<{ n: string }>(
          `select count(*) as n from webhook_delivery where endpoint_id = ? and status = 'DELIVERED'`,
          [endpoint.id],
        );
        return Number(row?.n) === n;
      }, 20_000);
      const mine = receiver.requests.filter((r) => r.json.endpointId === endpoint.id);
      const ids = mine.map((r) => r.json.deliveryId);
      expect(new Set(ids).size).toBe(n);
      for (const id of ids) expect(receiver.count(id)).toBe(1);
      const dup = await a.sql(
        'select event_position from webhook_delivery where endpoint_id = ? group by event_position having count(*) > 1',
        [endpoint.id],
      );
      expect(dup).toEqual([]);
      const positions = new Set(mine.map((r) => r.json.event.position));
      expect(positions.size).toBe(n);
    } finally {
      await receiver.stop();
      await a.stop();
      await b.stop();
    }
  });
});

const ENDPOINT_FIELDS = `id url active secretHint ownerLogin version filter { types }
  deliveryCounts { pending delivered failed }`;
const DELIVERY_FIELDS = `id endpointId eventPosition eventType status attempts lastStatusCode lastError deliveredAt
  attemptLog { number statusCode error }`;
const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { ${ENDPOINT_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(id: $id, input: $input) { ${ENDPOINT_FIELDS} }
}`;
const DELETE = 'mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }';
const ENDPOINT = `query($id: ID!) { webhookEndpoint(id: $id) { ${ENDPOINT_FIELDS} } }`;
const LIST = `{ webhookEndpoints { totalCount items { ${ENDPOINT_FIELDS} } } }`;
const DELIVERIES = `query($filter: WebhookDeliveryFilter) {
  webhookDeliveries(filter: $filter, limit: 200) { totalCount items { ${DELIVERY_FIELDS} } }
}`;
const REDELIVER = `mutation($id: ID!) { redeliverWebhook(id: $id) { ${DELIVERY_FIELDS} } }`;
const PROPOSE = `mutation($input: ProposeIndicatorChangeInput!) {
  proposeIndicatorChange(input: $input) { request { id version } }
}`;
const SUBMIT = `mutation($id: ID!, $version: Int!) { submitIndicatorChangeRequest(id: $id, version: $version) { id } }`;
