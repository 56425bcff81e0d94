import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { Role } from '../../server/modules/identity';
import { startApi, type TestApi } from '../helpers/api';
import { type ServerProcess, startServerProcess } from '../helpers/processes';
import {
  COMPOSE_FILE,
  composeApiEnvironment,
  describeWithNginx,
  NGINX_CONF,
  type NginxProxy,
  proxyConfig,
  startProxy,
} from '../helpers/topology';
import { createUser, TEST_PASSWORD } from '../helpers/users';
import { buildIndicatorLibrary } from '../helpers/world';
import { type Collector, collect, waitUntil, wsClient } from '../helpers/ws';

/**
 * The deployment of docker/compose.yaml without Docker: the test database stands in for `postgres`, two API
 * processes for `api1` and `api2` (with the compose file's environment), and nginx runs the real docker/nginx.conf
 * as `proxy`, rewritten only for loopback ports and a temp dir (test/helpers/topology.ts). Everything below goes
 * through the proxy. Which replica answered a request is read from the replicas' logs: nginx sends its own
 * `X-Request-Id` upstream, the API answers with it and logs it per request at debug level.
 *
 * Without nginx the suite is skipped loudly; with TOPOLOGY_REQUIRE_NGINX=1 (CI) it fails instead.
 */

const PLAIN = { upstreams: { api1: '127.0.0.1:1', api2: '127.0.0.1:2' }, port: 3, dir: '/x' };

describe('docker/nginx.conf and docker/compose.yaml as the topology test reads them', () => {
  test('the transform finds every pattern it rewrites in the real docker/nginx.conf, and nothing else changes', () => {
    const source = readFileSync(NGINX_CONF, 'utf8');
    const out = proxyConfig(source, PLAIN);
    expect(out).toContain('server 127.0.0.1:1 max_fails=3 fail_timeout=10s;');
    expect(out).toContain('server 127.0.0.1:2 max_fails=3 fail_timeout=10s;');
    expect(out).toContain('listen 127.0.0.1:3;');
    expect(out).toContain('pid /x/nginx.pid;');
    expect(out).toContain('access_log /x/access.log;');
    expect(out).toContain('error_log /x/error.log warn;');
    // Every other line of the real file is kept as it is.
    const kept = new Set(out.split('\n'));
    const changed = source.split('\n').filter((l) => !kept.has(l));
    expect(changed.map((l) => l.trim())).toEqual([
      'pid /tmp/nginx.pid;',
      'access_log /var/log/nginx/access.log;',
      'error_log /var/log/nginx/error.log warn;',
      'server api1:4000 max_fails=3 fail_timeout=10s;',
      'server api2:4000 max_fails=3 fail_timeout=10s;',
      'listen 8080;',
    ]);
  });

  test('the transform fails loudly when the file changes shape', () => {
    const source = readFileSync(NGINX_CONF, 'utf8');
    expect(() => proxyConfig(source.replace('listen 8080;', 'listen 8081;'), PLAIN)).toThrow(/changed shape/);
    expect(() =>
      proxyConfig(source.replace('server api2:4000', 'server api2:4000;\n    server api3:4000'), PLAIN),
    ).toThrow(/api1:4000, api2:4000, api3:4000/);
    expect(() => proxyConfig(source.replace(/^pid .*$/m, ''), PLAIN)).toThrow(/pid/);
    expect(() => proxyConfig(source.replace('/var/log/nginx/access.log', 'off'), PLAIN)).toThrow(/access_log/);
  });

  test('the compose file gives the replicas the environment the test starts them with', () => {
    const env = composeApiEnvironment(readFileSync(COMPOSE_FILE, 'utf8'), { JWT_SECRET: 's'.repeat(32) });
    expect(env).toEqual(
      expect.objectContaining({
        NODE_ENV: 'production',
        PORT: '4000',
        JWT_SECRET: 's'.repeat(32),
        TRUST_PROXY: '1',
        DATABASE_URL: 'postgres://yardstick:yardstick@postgres:5432/yardstick',
      }),
    );
    // The proxy publishes the port nginx listens on, and reaches the replicas on the port they listen on.
    expect(readFileSync(COMPOSE_FILE, 'utf8')).toMatch(/^ {6}- "\$\{PROXY_PORT:-8080\}:8080"$/m);
  });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One HTTP request over a fresh connection, optionally from another loopback address (a different client IP). */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown; from?: string } = {},
): Promise<Reply> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((ok, fail) => {
    const req = httpRequest(
      url,
      {
        method: options.method ?? (body ? 'POST' : 'GET'),
        agent: false,
        localAddress: options.from,
        headers: {
          ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

interface GqlReply<T> {
  status: number;
  requestId: string;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const ME = '{ me { loginName } }';
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';
const PROPOSE = `mutation($input: ProposeIndicatorChangeInput!) { proposeIndicatorChange(input: $input) { request { id } } }`;
const CHANGE_REQUEST = 'query($id: ID!) { indicatorChangeRequest(id: $id) { id reason } }';
const SUBSCRIBE = `subscription($after: ID, $filter: ReviewEventFilter) {
  reviewEvents(after: $after, filter: $filter) { position type subjectId }
}`;

interface Event {
  position: string;
  type: string;
  subjectId: string;
}

describeWithNginx('the compose topology without Docker: PostgreSQL, two API replicas and nginx', () => {
  let api: TestApi;
  let proxy: NginxProxy | undefined;
  const replicas: Record<'api1' | 'api2', ServerProcess | undefined> = { api1: undefined, api2: undefined };
  const collectors: Collector<unknown>[] = [];
  let lib: Awaited<ReturnType<typeof buildIndicatorLibrary>>;
  let preparer: { loginName: string; token: string };
  let watcher: { loginName: string; token: string };
  /** The replica that answered the first mutation; the other holds the subscription. */
  let mutated: 'api1' | 'api2';
  let subscription: Collector<Event>;
  const IP_LIMIT = 5;

  beforeAll(async () => {
    const databaseUrl = process.env.YARDSTICK_TEST_DB_URL as string;
    api = await startApi();
    // As the compose file starts them: its environment, the same JWT_SECRET on both, api2 once api1 has migrated.
    // Changed: loopback and a free port instead of 0.0.0.0:4000 (a container's own), the test database, debug logs
    // (a line per request, with nginx's request id), webhooks off (test files share the database) and a low per-IP
    // rate limit to observe which address the API counts.
    const env = {
      ...composeApiEnvironment(readFileSync(COMPOSE_FILE, 'utf8'), {
        JWT_SECRET: randomBytes(48).toString('base64'),
      }),
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'debug',
      WEBHOOKS_ENABLED: 'false',
      RATE_LIMIT_IP_PER_MINUTE: String(IP_LIMIT),
    };
    replicas.api1 = await startServerProcess(databaseUrl, env);
    replicas.api2 = await startServerProcess(databaseUrl, env);
    const hostPort = (p: ServerProcess) => p.url.replace(/^http:\/\//, '');
    proxy = await startProxy({ api1: hostPort(replicas.api1), api2: hostPort(replicas.api2) });

    lib = await buildIndicatorLibrary(api, { name: '拓扑区划', frameworkName: '拓扑体系', category: { code: '1301' } });
    const p = await createUser(api, {
      roles: [Role.UNIT_PREPARER],
      fiscalDivisionCode: lib.fd,
      departmentId: lib.cityMgmt,
    });
    const w = await createUser(api, { roles: [Role.INTEGRATION], fiscalDivisionCode: lib.fd });
    // Tokens come from the replicas' sign-in (their JWT_SECRET), below.
    preparer = { loginName: p.loginName, token: '' };
    watcher = { loginName: w.loginName, token: '' };
  }, 60_000);

  afterAll(async () => {
    await Promise.all(collectors.map((c) => c.close().catch(() => undefined)));
    await proxy?.stop();
    await Promise.all(Object.values(replicas).map((r) => r?.stop()));
    await api?.stop();
  });

  const proxyUrl = () => (proxy as NginxProxy).url;
  const logs = () => `nginx:\n${proxy?.log()}\napi1:\n${replicas.api1?.output()}\napi2:\n${replicas.api2?.output()}`;

  async function gql<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlReply<T>> {
    const r = await send(`${proxyUrl()}/graphql`, {
      body: { query, variables },
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const parsed = JSON.parse(r.text) as Omit<GqlReply<T>, 'status' | 'requestId'>;
    return { ...parsed, status: r.status, requestId: String(r.headers['x-request-id']) };
  }

  async function ok<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlReply<T>> {
    const r = await gql<T>(query, variables, token);
    if (r.status !== 200 || r.errors?.length) throw new Error(`HTTP ${r.status}: ${JSON.stringify(r.errors)}`);
    return r;
  }

  /** The replicas whose log has the request id (the API logs each /graphql request at debug level on finish). */
  async function servedBy(requestId: string): Promise<string[]> {
    const line = `"requestId":"${requestId}"`;
    const has = () => (['api1', 'api2'] as const).filter((n) => replicas[n]?.output().includes(line));
    await waitUntil(() => has().length > 0, 5000, `request ${requestId} in a replica's log\n${logs()}`);
    return has();
  }

  let proposals = 0;
  const propose = async () => {
    proposals += 1;
    const r = await ok<{ proposeIndicatorChange: { request: { id: string } } }>(
      PROPOSE,
      {
        input: {
          type: 'ADMIT',
          reason: `拓扑测试${proposals}`,
          definition: {
            name: `拓扑指标${proposals}${randomBytes(3).toString('hex')}`,
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
    return { id: r.data?.proposeIndicatorChange.request.id as string, requestId: r.requestId };
  };

  test('health and readiness answer through the proxy; /metrics is not proxied; / redirects to the console', async () => {
    const healthz = await send(`${proxyUrl()}/healthz`);
    expect([healthz.status, JSON.parse(healthz.text)]).toEqual([200, { status: 'ok' }]);
    const readyz = await send(`${proxyUrl()}/readyz`);
    expect([readyz.status, JSON.parse(readyz.text)]).toEqual([200, { status: 'ready' }]);
    expect((await send(`${proxyUrl()}/metrics`)).status).toBe(404);
    // A client of a published port other than 8080 (PROXY_PORT=9000) must be sent to that port, not to nginx's own.
    const root = await send(`${proxyUrl()}/`, { headers: { host: 'localhost:9000' } });
    expect([root.status, root.headers.location]).toEqual([302, '/admin/']);
    expect((await send(`${proxyUrl()}/nothing-here`)).status).toBe(404);
  });

  test('a sign-in, authenticated queries and a mutation through the proxy, answered by both replicas', async () => {
    const signIn = async (loginName: string) =>
      ok<{ login: { accessToken: string } }>(LOGIN, { input: { loginName, password: TEST_PASSWORD } });
    const first = await signIn(preparer.loginName);
    preparer.token = first.data?.login.accessToken as string;
    watcher.token = (await signIn(watcher.loginName)).data?.login.accessToken as string;

    // nginx's $request_id (32 hex digits) reaches the API, which answers with it and logs it.
    expect(first.requestId).toMatch(/^[0-9a-f]{32}$/);
    const served: string[][] = [await servedBy(first.requestId)];

    // A token signed by one replica is accepted by the other (the same JWT_SECRET): sequential requests alternate.
    for (let i = 0; i < 6; i += 1) {
      const r = await ok<{ me: { loginName: string } }>(ME, undefined, preparer.token);
      expect(r.data?.me.loginName).toBe(preparer.loginName);
      served.push(await servedBy(r.requestId));
    }
    const proposed = await propose();
    served.push(await servedBy(proposed.requestId));
    const read = await ok<{ indicatorChangeRequest: { id: string; reason: string } }>(
      CHANGE_REQUEST,
      { id: proposed.id },
      preparer.token,
    );
    expect(read.data?.indicatorChangeRequest).toEqual({ id: proposed.id, reason: `拓扑测试${proposals}` });
    served.push(await servedBy(read.requestId));

    // Each request was answered by exactly one replica, and both replicas answered some.
    expect(served.every((s) => s.length === 1)).toBe(true);
    expect(new Set(served.flat())).toEqual(new Set(['api1', 'api2']));
  });

  test('a subscription through the WebSocket upgrade receives the event of a mutation answered by the other replica', async () => {
    const [start] = await api.sql<{ p: string }>('select coalesce(max(position), 0)::text as p from review_event');
    const client = wsClient(proxyUrl(), watcher.token);
    const connected = new Promise<void>((r) => client.on('connected', () => r()));
    subscription = collect<Event>(
      client,
      SUBSCRIBE,
      { after: start?.p, filter: { departmentIds: [lib.cityMgmt] } },
      'reviewEvents',
    );
    collectors.push(subscription as Collector<unknown>);
    await connected;

    // least_conn: the open WebSocket counts on its replica, so the next request goes to the other one.
    const proposed = await propose();
    const [replica] = await servedBy(proposed.requestId);
    mutated = replica as 'api1' | 'api2';
    await subscription.waitFor(1);
    expect(subscription.items.map((e) => e.subjectId)).toEqual([proposed.id]);
    // Which replica holds the subscription is shown by the next test: it survives stopping `mutated`.
  });

  test('with one replica stopped every request through the proxy still succeeds on the other, and the subscription lives on', async () => {
    const survivor = mutated === 'api1' ? 'api2' : 'api1';
    await replicas[mutated]?.stop();

    // nginx.conf: an unreachable replica is skipped (proxy_next_upstream error timeout), a POST included, since
    // it was never sent; /healthz and /readyz use nginx's default, the same.
    for (let i = 0; i < 4; i += 1) {
      expect((await send(`${proxyUrl()}/healthz`)).status).toBe(200);
      expect((await send(`${proxyUrl()}/readyz`)).status).toBe(200);
    }
    const served: string[][] = [];
    for (let i = 0; i < 4; i += 1) {
      const r = await ok<{ me: { loginName: string } }>(ME, undefined, preparer.token);
      served.push(await servedBy(r.requestId));
    }
    const proposed = await propose();
    served.push(await servedBy(proposed.requestId));
    expect(served).toEqual(served.map(() => [survivor]));

    // The subscription was on the survivor (stopping the other replica did not close it), so the first event
    // crossed replicas: committed by one, delivered by the other.
    await subscription.waitFor(2);
    expect(subscription.items.map((e) => e.subjectId).slice(1)).toEqual([proposed.id]);
    expect(subscription.errors).toEqual([]);
  });

  test('the API counts the caller’s address forwarded by nginx (TRUST_PROXY=1), and believes only that one hop', async () => {
    const anonymous = (from: string, headers: Record<string, string> = {}) =>
      send(`${proxyUrl()}/graphql`, { body: { query: '{ __typename }' }, from, headers });
    // Exhaust 127.0.0.2's per-IP budget (with one replica left, every request reaches the same counts). A window
    // turning over mid-way only delays the 429; one ending within 2 s is waited out so the checks below share it.
    const exhaust = async () => {
      for (let i = 0; i < 2 * IP_LIMIT + 2; i += 1) {
        const r = await anonymous('127.0.0.2');
        if (r.status === 429) return Number(r.headers['retry-after']);
      }
      throw new Error('127.0.0.2 was never limited');
    };
    let retryAfter = await exhaust();
    if (retryAfter < 3) {
      await new Promise((r) => setTimeout(r, retryAfter * 1000 + 100));
      retryAfter = await exhaust();
    }
    expect(retryAfter).toBeGreaterThanOrEqual(3);

    // Another client address is not limited: the API does not count the proxy's own address (127.0.0.1 for all).
    const other = await anonymous('127.0.0.3');
    expect([other.status, JSON.parse(other.text)]).toEqual([200, { data: { __typename: 'Query' } }]);
    // A forged X-Forwarded-For does not help: nginx appends the real address, and only the last hop is believed.
    const forged = await anonymous('127.0.0.2', { 'x-forwarded-for': '203.0.113.9' });
    expect(forged.status).toBe(429);
    expect(JSON.parse(forged.text).errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});
