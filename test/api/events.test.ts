import jwt from 'jsonwebtoken';
import { Role } from '../../server/modules/identity';
import { type Client, startApi, type TestApi } from '../helpers/api';
import { createUser } from '../helpers/users';
import { buildIndicatorLibrary } from '../helpers/world';
import { collect, rawSocket, waitUntil, wsClient } from '../helpers/ws';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ env: { EVENTS_POLL_MS: '200', WS_INIT_TIMEOUT_MS: '300' } });
});
afterAll(async () => {
  await api.stop();
});

interface Event {
  position: string;
  type: string;
  subjectType: string;
  subjectId: string;
  departmentId: string | null;
  fromState: string | null;
  toState: string | null;
  requestType: string | null;
  name: string | null;
}

const FIELDS = 'position type subjectType subjectId departmentId fromState toState requestType name';
const FEED = `query($after: ID, $limit: Int!, $filter: ReviewEventFilter) {
  reviewEvents(after: $after, limit: $limit, filter: $filter) { events { ${FIELDS} } endPosition hasMore }
}`;
const SUBSCRIBE = `subscription($after: ID, $filter: ReviewEventFilter) {
  reviewEvents(after: $after, filter: $filter) { ${FIELDS} }
}`;
const PROPOSE = `mutation($input: ProposeIndicatorChangeInput!) { proposeIndicatorChange(input: $input) { request { id } } }`;

async function world(name: string) {
  const library = await buildIndicatorLibrary(api, { name, frameworkName: `${name}体系`, category: { code: '1201' } });
  const { fd, cityMgmt, agriculture } = library;
  const user = async (roles: Role[], departmentId?: string) =>
    createUser(api, { roles, fiscalDivisionCode: fd, departmentId: departmentId ?? null });
  const users = {
    cityPreparer: await user([Role.UNIT_PREPARER], cityMgmt),
    agriPreparer: await user([Role.UNIT_PREPARER], agriculture),
    cityOfficer: await user([Role.DEPARTMENT_OFFICER], cityMgmt),
    admin: await user([Role.PERFORMANCE_ADMIN]),
    integration: await user([Role.INTEGRATION]),
    analyst: await user([Role.ANALYST]),
  };
  let n = 0;
  /** Proposes a new indicator as `client`, which records one ADMISSION_PROPOSED event; returns the request id. */
  const propose = async (client: Client) => {
    n += 1;
    const data = await client.ok<{ proposeIndicatorChange: { request: { id: string } } }>(PROPOSE, {
      input: {
        type: 'ADMIT',
        reason: '项目绩效目标需要该指标',
        definition: {
          name: `${name}指标${n}号${Math.random().toString(36).slice(2, 6)}`,
          scope: 'INDUSTRY',
          categoryId: library.category,
          level2NodeId: library.quantity,
          defaultComparator: 'GE',
          defaultUnit: '%',
          valueType: 'QUANTITATIVE',
        },
      },
    });
    return data.proposeIndicatorChange.request.id;
  };
  return { ...library, users, as: (u: { token: string }) => api.as(u.token), propose };
}

/** The newest position now: what a client that starts "from now" would pass as `after`. */
async function now(): Promise<string> {
  const [row] = await api.sql<{ p: string }>('select coalesce(max(position), 0)::text as p from review_event');
  return row?.p ?? '0';
}

async function poll(client: Client, variables: Record<string, unknown>) {
  return (
    await client.ok<{ reviewEvents: { events: Event[]; endPosition: string; hasMore: boolean } }>(FEED, {
      limit: 100,
      ...variables,
    })
  ).reviewEvents;
}

const positions = (events: Event[]) => events.map((e) => BigInt(e.position));
const increasing = (ps: bigint[]) => ps.every((p, i) => i === 0 || p > (ps[i - 1] as bigint));

describe('reviewEvents query (the polling feed)', () => {
  test('returns committed events after a position in order, pages with endPosition, and resumes exactly', async () => {
    const w = await world('事件查询区划');
    const start = await now();
    const ids = [];
    for (let i = 0; i < 5; i += 1) ids.push(await w.propose(w.as(w.users.cityPreparer)));
    const admin = w.as(w.users.admin);

    const first = await poll(admin, { after: start, limit: 3 });
    expect(first.hasMore).toBe(true);
    expect(first.events.map((e) => e.subjectId)).toEqual(ids.slice(0, 3));
    expect(first.endPosition).toBe(first.events[2]?.position);
    const second = await poll(admin, { after: first.endPosition, limit: 3 });
    expect(second.hasMore).toBe(false);
    expect(second.events.map((e) => e.subjectId)).toEqual(ids.slice(3));
    expect(increasing(positions([...first.events, ...second.events]))).toBe(true);
    expect(second.events[0]).toMatchObject({
      type: 'ADMISSION_PROPOSED',
      subjectType: 'IndicatorChangeRequest',
      departmentId: w.cityMgmt,
      toState: 'DRAFT',
      requestType: 'ADMIT',
    });
    // Nothing new: an empty page whose endPosition does not go backwards.
    const third = await poll(admin, { after: second.endPosition });
    expect(third.events).toEqual([]);
    expect(BigInt(third.endPosition)).toBeGreaterThanOrEqual(BigInt(second.endPosition));
  });

  test('the endPosition moves past events the filter leaves out, so they are not read again', async () => {
    const w = await world('事件过滤区划');
    const start = await now();
    await w.propose(w.as(w.users.cityPreparer));
    const onlyGraded = await poll(w.as(w.users.admin), { after: start, filter: { types: ['TARGET_GRADED'] } });
    expect(onlyGraded.events).toEqual([]);
    expect(BigInt(onlyGraded.endPosition)).toBeGreaterThan(BigInt(start));
    const byDepartment = await poll(w.as(w.users.admin), { after: start, filter: { departmentIds: [w.cityMgmt] } });
    expect(byDepartment.events).toHaveLength(1);
  });

  test('row rules: a department sees its own events, another division sees none, library events reach all', async () => {
    const w = await world('事件行权限区划');
    const start = await now();
    const city = await w.propose(w.as(w.users.cityPreparer));
    const agri = await w.propose(w.as(w.users.agriPreparer));
    const ids = (events: Event[]) => events.map((e) => e.subjectId);
    expect(ids((await poll(w.as(w.users.admin), { after: start })).events)).toEqual([city, agri]);
    expect(ids((await poll(w.as(w.users.cityOfficer), { after: start })).events)).toEqual([city]);
    expect(ids((await poll(w.as(w.users.integration), { after: start })).events)).toEqual([city, agri]);
    const other = await world('事件他区划');
    expect((await poll(other.as(other.users.admin), { after: start })).events.map((e) => e.subjectId)).not.toContain(
      city,
    );
    // A department user asking for another department's events by filter still gets none of them.
    const forced = await poll(w.as(w.users.cityOfficer), { after: start, filter: { departmentIds: [w.agriculture] } });
    expect(forced.events).toEqual([]);
  });

  test('field rules: reviewer identity is withheld from integrations and shown to bureau staff', async () => {
    const w = await world('事件字段区划');
    const start = await now();
    await w.propose(w.as(w.users.cityPreparer));
    const query = `query($after: ID) { reviewEvents(after: $after) { events { position actorLogin } } }`;
    const asAdmin = await w.as(w.users.admin).ok<{ reviewEvents: { events: { actorLogin: string }[] } }>(query, {
      after: start,
    });
    expect(asAdmin.reviewEvents.events[0]?.actorLogin).toBe(w.users.cityPreparer.loginName);
    const asIntegration = await w.as(w.users.integration).gql<{
      reviewEvents: { events: { position: string; actorLogin: string | null }[] };
    }>(query, { after: start });
    expect(asIntegration.data?.reviewEvents.events[0]?.actorLogin).toBeNull();
    expect(asIntegration.data?.reviewEvents.events[0]?.position).toBeTruthy();
    expect(asIntegration.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('refuses callers without the right and bad arguments with clear codes', async () => {
    const w = await world('事件拒绝区划');
    const anonymous = await api.gql(FEED, { limit: 10 });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const analyst = await w.as(w.users.analyst).gql(FEED, { limit: 10 });
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = w.as(w.users.admin);
    for (const [variables, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 501 }, 'limit'],
      [{ limit: 10, after: '-1' }, 'after'],
      [{ limit: 10, after: 'abc' }, 'after'],
      [{ limit: 10, filter: { departmentIds: ['x'] } }, 'filter.departmentIds'],
    ] as const) {
      const r = await admin.gql(FEED, variables);
      expect({ field, code: r.errors?.[0]?.extensions?.code }).toEqual({ field, code: 'BAD_USER_INPUT' });
      expect(r.errors?.[0]?.message).toContain(field.split('.')[0] as string);
    }
  });
});

describe('reviewEvents subscription (graphql-ws)', () => {
  test('replays from a position, then streams live events, with no gap and no duplicate at the hand-over', async () => {
    const w = await world('事件订阅区划');
    const start = await now();
    const before = [];
    for (let i = 0; i < 4; i += 1) before.push(await w.propose(w.as(w.users.cityPreparer)));
    const sub = collect<Event>(wsClient(api.url, w.users.admin.token), SUBSCRIBE, { after: start }, 'reviewEvents');
    // Writers keep committing while the subscriber is replaying and switching to live.
    const during = await Promise.all([0, 1, 2, 3].map(() => w.propose(w.as(w.users.agriPreparer))));
    const after = [];
    for (let i = 0; i < 3; i += 1) after.push(await w.propose(w.as(w.users.cityPreparer)));
    const got = await sub.waitFor(11);
    await new Promise((r) => setTimeout(r, 300));
    expect(got).toHaveLength(11);
    expect(increasing(positions(got))).toBe(true);
    expect(new Set(got.map((e) => e.subjectId))).toEqual(new Set([...before, ...during, ...after]));
    expect(got.slice(0, 4).map((e) => e.subjectId)).toEqual(before);
    await sub.close();

    // Reconnect after the 6th event: exactly the rest, then new ones.
    const resume = collect<Event>(
      wsClient(api.url, w.users.admin.token),
      SUBSCRIBE,
      { after: got[5]?.position },
      'reviewEvents',
    );
    await resume.waitFor(5);
    const more = await w.propose(w.as(w.users.cityPreparer));
    const rest = await resume.waitFor(6);
    expect(rest.map((e) => e.position)).toEqual([...got.slice(6).map((e) => e.position), rest[5]?.position]);
    expect(rest[5]?.subjectId).toBe(more);
    await resume.close();
  });

  test('without `after` it starts with the next event; filters and row rules apply to live events', async () => {
    const w = await world('事件实时区划');
    await w.propose(w.as(w.users.cityPreparer));
    const base = api.services.events.subscriberCount;
    const all = collect<Event>(wsClient(api.url, w.users.admin.token), SUBSCRIBE, {}, 'reviewEvents');
    const own = collect<Event>(wsClient(api.url, w.users.cityOfficer.token), SUBSCRIBE, {}, 'reviewEvents');
    const agriOnly = collect<Event>(
      wsClient(api.url, w.users.admin.token),
      SUBSCRIBE,
      { filter: { departmentIds: [w.agriculture] } },
      'reviewEvents',
    );
    const none = collect<Event>(
      wsClient(api.url, w.users.admin.token),
      SUBSCRIBE,
      { filter: { types: ['TARGET_GRADED'] } },
      'reviewEvents',
    );
    // Let the subscriptions start before the events they should see.
    await waitUntil(() => api.services.events.subscriberCount === base + 4, 5000, 'four subscribers');
    const city = await w.propose(w.as(w.users.cityPreparer));
    const agri = await w.propose(w.as(w.users.agriPreparer));
    const mine = (events: Event[]) => events.filter((e) => [city, agri].includes(e.subjectId)).map((e) => e.subjectId);
    expect(mine(await all.waitFor(2))).toEqual([city, agri]);
    await agriOnly.waitFor(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(mine(own.items)).toEqual([city]);
    expect(mine(agriOnly.items)).toEqual([agri]);
    expect(none.items).toEqual([]);
    await Promise.all([all.close(), own.close(), agriOnly.close(), none.close()]);
  });

  test('many concurrent writers: a live subscriber gets every committed event exactly once, in order', async () => {
    const w = await world('事件并发区划');
    const start = await now();
    const sub = collect<Event>(wsClient(api.url, w.users.admin.token), SUBSCRIBE, { after: start }, 'reviewEvents');
    const writers = [w.users.cityPreparer, w.users.agriPreparer];
    const ids = await Promise.all(
      Array.from({ length: 24 }, (_, i) => w.propose(w.as(writers[i % 2] as { token: string }))),
    );
    const got = await sub.waitFor(24);
    await new Promise((r) => setTimeout(r, 300));
    expect(got).toHaveLength(24);
    expect(increasing(positions(got))).toBe(true);
    expect(new Set(got.map((e) => e.subjectId))).toEqual(new Set(ids));
    await sub.close();
  });

  test('errors in a subscription come back with the API codes', async () => {
    const w = await world('事件订阅错误区划');
    const bad = collect<Event>(wsClient(api.url, w.users.admin.token), SUBSCRIBE, { after: 'x' }, 'reviewEvents');
    await waitUntil(() => bad.errors.length > 0, 5000, 'an error');
    expect(JSON.stringify(bad.errors)).toContain('BAD_USER_INPUT');
    await bad.close();
  });
});

describe('graphql-ws protocol and sign-in', () => {
  const init = (token?: string) => ({
    type: 'connection_init',
    payload: token ? { authorization: `Bearer ${token}` } : {},
  });

  test('4401 without a token or with a bad one, 4403 for a role that may not follow events', async () => {
    const w = await world('事件协议区划');
    const anonymous = await rawSocket(api.url);
    anonymous.send(init());
    expect((await anonymous.closed).code).toBe(4401);
    const bad = await rawSocket(api.url);
    bad.send(init('not-a-token'));
    expect((await bad.closed).code).toBe(4401);
    const analyst = await rawSocket(api.url);
    analyst.send(init(w.users.analyst.token));
    expect((await analyst.closed).code).toBe(4403);
    await api.sql('update app_user set active = false where id = ?', [w.users.integration.id]);
    const disabled = await rawSocket(api.url);
    disabled.send(init(w.users.integration.token));
    expect((await disabled.closed).code).toBe(4403);
  });

  test('4400 for a malformed message, 4408 without connection_init, 4409 for a reused id, 4429 for a second init', async () => {
    const w = await world('事件协议码区划');
    const malformed = await rawSocket(api.url);
    malformed.send('{not json');
    expect((await malformed.closed).code).toBe(4400);

    const silent = await rawSocket(api.url);
    expect((await silent.closed).code).toBe(4408);

    const twice = await rawSocket(api.url);
    twice.send(init(w.users.admin.token));
    await waitUntil(() => twice.messages.length > 0, 5000, 'connection_ack');
    twice.send(init(w.users.admin.token));
    expect((await twice.closed).code).toBe(4429);

    const reuse = await rawSocket(api.url);
    reuse.send(init(w.users.admin.token));
    await waitUntil(() => reuse.messages.length > 0, 5000, 'connection_ack');
    const subscribe = { id: 's1', type: 'subscribe', payload: { query: SUBSCRIBE } };
    reuse.send(subscribe);
    reuse.send(subscribe);
    expect((await reuse.closed).code).toBe(4409);

    const early = await rawSocket(api.url);
    early.send(subscribe);
    expect((await early.closed).code).toBe(4401);
  });

  test('closes with 4401 when the access token expires', async () => {
    const w = await world('事件令牌区划');
    const [row] = await api.sql<{ value: string }>(`select value from app_setting where key = 'jwt_secret'`);
    const claims = jwt.decode(w.users.admin.token) as Record<string, unknown>;
    const { exp: _exp, iat: _iat, ...rest } = claims;
    const shortLived = jwt.sign(rest, row?.value as string, { algorithm: 'HS256', expiresIn: 1 });
    const socket = await rawSocket(api.url);
    socket.send(init(shortLived));
    await waitUntil(() => socket.messages.length > 0, 5000, 'connection_ack');
    expect(socket.messages[0]).toEqual({ type: 'connection_ack' });
    const closed = await socket.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/expired/i);
  });
});
