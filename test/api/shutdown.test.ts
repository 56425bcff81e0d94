import { request } from 'node:http';
import { demoPassword } from '../../server/db/seeders/users';
import { Role } from '../../server/modules/identity';
import { startApi, type TestApi, uniq } from '../helpers/api';
import { acquireExclusive, WEBHOOK_DELIVERY } from '../helpers/exclusive';
import { type ServerProcess, startServerProcess } from '../helpers/processes';
import { type Receiver, startReceiver, waitFor } from '../helpers/receiver';
import { createUser } from '../helpers/users';
import { buildIndicatorLibrary } from '../helpers/world';
import { rawSocket, waitUntil } from '../helpers/ws';

/**
 * Graceful shutdown (README, "Operations"): on SIGTERM the server stops accepting connections, lets the requests
 * in flight finish, closes every subscription with 1001 (going away) so clients reconnect elsewhere and resume
 * after their last position, closes the database and exits 0.
 */

let server: ServerProcess | undefined;
const others: ServerProcess[] = [];
afterAll(async () => {
  for (const p of [server, ...others]) if (p && p.child.exitCode === null) await p.kill();
});

async function gql(url: string, query: string, variables?: Record<string, unknown>, token?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/** A request whose body arrives in two parts: in flight from the first write until `finish()`. */
function slowRequest(url: string, body: string) {
  const cut = Math.floor(body.length / 2);
  let answered: (r: { status: number; body: string }) => void = () => undefined;
  let failed: (e: Error) => void = () => undefined;
  const response = new Promise<{ status: number; body: string }>((ok, fail) => {
    answered = ok;
    failed = fail;
  });
  const req = request(
    `${url}/graphql`,
    { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
    (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => answered({ status: res.statusCode ?? 0, body: text }));
    },
  );
  req.on('error', failed);
  req.write(body.slice(0, cut));
  return {
    response,
    finish: () => req.end(body.slice(cut)),
  };
}

describe('SIGTERM', () => {
  it('drains requests in flight, closes subscriptions with 1001 and exits 0', async () => {
    const url = process.env.YARDSTICK_TEST_DB_URL;
    if (!url) throw new Error('YARDSTICK_TEST_DB_URL is not set');
    server = await startServerProcess(url, { EVENTS_POLL_MS: '100' });
    const proc = server;
    const login = await gql(proc.url, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
      i: { loginName: 'perf-admin', password: demoPassword('perf-admin') },
    });
    expect(login.errors).toBeUndefined();
    const token = (login.data as { login: { accessToken: string } }).login.accessToken;

    // A live subscription.
    const ws = await rawSocket(proc.url);
    ws.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    await waitUntil(() => ws.messages.some((m) => (m as { type: string }).type === 'connection_ack'), 5000, 'ack');
    ws.send({ id: 'live', type: 'subscribe', payload: { query: 'subscription { reviewEvents { position } }' } });

    // A request the server has started to read and cannot answer yet.
    const slow = slowRequest(proc.url, JSON.stringify({ query: 'query InFlight { __typename }' }));
    await new Promise((r) => setTimeout(r, 100));

    const exited = new Promise<number | null>((r) => proc.child.once('exit', (code) => r(code)));
    proc.child.kill('SIGTERM');

    // The subscription is told the server is going away.
    const closed = await ws.closed;
    expect(closed.code).toBe(1001);
    // No new connections are accepted while the server drains.
    await expect(fetch(`${proc.url}/healthz`)).rejects.toThrow();
    // The request in flight still gets its answer.
    slow.finish();
    const answer = await slow.response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { __typename: 'Query' } });

    expect(await exited).toBe(0);
    const log = proc.output();
    expect(log).toContain('"msg":"shutting down"');
    expect(log).toContain('"msg":"stopped"');
    expect(log).not.toContain('"level":50');
  });
});

describe('SIGTERM with a webhook POST in flight', () => {
  const HOOKS = {
    WEBHOOKS_ENABLED: 'true',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_POLL_MS: '50',
    // Far longer than the shutdown may take: only cutting the POST off lets the process stop in time.
    WEBHOOK_TIMEOUT_MS: '60000',
    EVENTS_POLL_MS: '100',
  };
  let api: TestApi;
  let receiver: Receiver | undefined;
  let release: () => void = () => undefined;
  beforeAll(async () => {
    release = await acquireExclusive(WEBHOOK_DELIVERY);
    api = await startApi();
  });
  afterAll(async () => {
    await receiver?.stop();
    await api?.stop();
    release();
  });

  it('cuts the POST off, gives its claim back uncounted, exits 0, and the next process delivers it', async () => {
    const url = process.env.YARDSTICK_TEST_DB_URL as string;
    const lib = await buildIndicatorLibrary(api, {
      name: '停机推送区划',
      frameworkName: '停机推送体系',
      category: { code: uniq('S').slice(0, 8) },
    });
    const preparer = await createUser(api, {
      roles: [Role.UNIT_PREPARER],
      fiscalDivisionCode: lib.fd,
      departmentId: lib.cityMgmt,
    });
    const integration = await createUser(api, { roles: [Role.INTEGRATION], fiscalDivisionCode: lib.fd });
    receiver = await startReceiver();
    receiver.hangNext(1);
    const first = await startServerProcess(url, HOOKS);
    others.push(first);
    const endpoint = (
      await gql(
        first.url,
        'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { id } }',
        { input: { url: receiver.url, secret: 'whsec-stop-0123456789' } },
        integration.token,
      )
    ).data?.createWebhookEndpoint as { id: string };
    const proposed = await gql(
      first.url,
      'mutation($input: ProposeIndicatorChangeInput!) { proposeIndicatorChange(input: $input) { request { id } } }',
      {
        input: {
          type: 'ADMIT',
          reason: '停机推送测试',
          definition: {
            name: `停机推送指标${uniq('')}`,
            scope: 'INDUSTRY',
            categoryId: lib.category,
            level2NodeId: lib.quantity,
            defaultComparator: 'GE',
            defaultUnit: '%',
            valueType: 'QUANTITATIVE',
          },
        },
      },
      preparer.token,
    );
    expect(proposed.errors).toBeUndefined();
    const delivery = () =>
      api.sql<{ status: string; attempts: number; locked: boolean }>(
        `select status, attempts, locked_until is not null as locked from webhook_delivery where endpoint_id = ?`,
        [Number(endpoint.id)],
      );
    // The POST has reached the receiver, which does not answer.
    await waitFor(() => (receiver as Receiver).requests.some((r) => r.json.endpointId === endpoint.id), 10_000, 'POST');
    expect(await delivery()).toEqual([{ status: 'PENDING', attempts: 1, locked: true }]);

    const started = Date.now();
    const exited = new Promise<number | null>((r) => first.child.once('exit', (code) => r(code)));
    first.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(first.output()).not.toContain('shutdown took too long');
    // Given back: not an attempt of the endpoint's, and free for the next instance at once.
    expect(await delivery()).toEqual([{ status: 'PENDING', attempts: 0, locked: false }]);

    const next = await startServerProcess(url, HOOKS);
    others.push(next);
    await waitFor(async () => (await delivery())[0]?.status === 'DELIVERED', 10_000, 'DELIVERED');
    // At least once: the cut-off POST had reached the receiver, and the delivery came again with the same id.
    const got = (receiver as Receiver).requests.filter((r) => r.json.endpointId === endpoint.id);
    expect(got).toHaveLength(2);
    expect(new Set(got.map((r) => r.json.deliveryId)).size).toBe(1);
    await next.stop();
  }, 40_000);
});
