import { Role } from '../../server/modules/identity';
import { type Client, startApi, type TestApi } from '../helpers/api';
import { type ServerProcess, startServerProcess } from '../helpers/processes';
import { createUser } from '../helpers/users';
import { buildIndicatorLibrary } from '../helpers/world';
import { collect, wsClient } from '../helpers/ws';

/**
 * Several API instances on one database. Two server processes share the test database; a subscriber on A must see
 * what is committed through B. On a PostgreSQL server the instances poll only once a minute here, so an event can
 * only arrive within the second through LISTEN/NOTIFY. The embedded PGlite cannot notify another connection, so
 * there the same test runs with the instances polling every 200 ms (the same code path behind the wake-up).
 */
let api: TestApi;
let embedded = false;
const running: ServerProcess[] = [];

beforeAll(async () => {
  api = await startApi();
  const [row] = await api.sql<{ v: string }>('select version() as v');
  embedded = /PGlite/i.test(row?.v ?? '');
});
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop().catch(() => undefined)));
  await api.stop();
});

async function instance(): Promise<ServerProcess> {
  const p = await startServerProcess(process.env.YARDSTICK_TEST_DB_URL as string, {
    EVENTS_POLL_MS: embedded ? '200' : '60000',
    LOG_LEVEL: 'info',
  });
  running.push(p);
  return p;
}

/** A client of one server process. */
function clientOf(p: ServerProcess, token: string): Client {
  const gql = async <T>(query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(`${p.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    return { ...body, statements: 0, status: res.status };
  };
  return {
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>) {
      const r = await gql<T>(query, variables);
      if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
      return r.data as T;
    },
  } as Client;
}

interface Event {
  position: string;
  type: string;
  subjectId: string;
}
const SUBSCRIBE = `subscription($after: ID, $filter: ReviewEventFilter) {
  reviewEvents(after: $after, filter: $filter) { position type subjectId }
}`;
const PROPOSE = `mutation($input: ProposeIndicatorChangeInput!) { proposeIndicatorChange(input: $input) { request { id } } }`;

test('an event committed through one instance reaches a subscriber on another once; a restarted subscriber resumes without loss', async () => {
  const lib = await buildIndicatorLibrary(api, {
    name: '多实例区划',
    frameworkName: '多实例体系',
    category: { code: '1201' },
  });
  const preparer = await createUser(api, {
    roles: [Role.UNIT_PREPARER],
    fiscalDivisionCode: lib.fd,
    departmentId: lib.cityMgmt,
  });
  const watcher = await createUser(api, { roles: [Role.INTEGRATION], fiscalDivisionCode: lib.fd });
  let n = 0;
  const propose = async (through: ServerProcess) => {
    n += 1;
    const data = await clientOf(through, preparer.token).ok<{ proposeIndicatorChange: { request: { id: string } } }>(
      PROPOSE,
      {
        input: {
          type: 'ADMIT',
          reason: '多实例测试',
          definition: {
            name: `多实例指标${n}${Math.random().toString(36).slice(2, 6)}`,
            scope: 'INDUSTRY',
            categoryId: lib.category,
            level2NodeId: lib.quantity,
            defaultComparator: 'GE',
            defaultUnit: '%',
            valueType: 'QUANTITATIVE',
          },
        },
      },
    );
    return data.proposeIndicatorChange.request.id;
  };
  const filter = { departmentIds: [lib.cityMgmt] };

  let a = await instance();
  const b = await instance();
  const [start] = await api.sql<{ p: string }>('select coalesce(max(position), 0)::text as p from review_event');
  const first = collect<Event>(wsClient(a.url, watcher.token), SUBSCRIBE, { after: start?.p, filter }, 'reviewEvents');
  // The subscription is live once a replayed event arrives: commit one through A first.
  const warmUp = await propose(a);
  await first.waitFor(1);

  const committed = Date.now();
  const viaB = await propose(b);
  await first.waitFor(2, 1000);
  const latency = Date.now() - committed;
  expect(latency).toBeLessThan(1000);
  await new Promise((r) => setTimeout(r, embedded ? 500 : 300));
  expect(first.items.map((e) => e.subjectId)).toEqual([warmUp, viaB]);
  const lastSeen = first.items.at(-1)?.position as string;
  await first.close();

  // A goes away; B keeps committing.
  await a.stop();
  const whileDown = [await propose(b), await propose(b), await propose(b)];
  a = await instance();
  const resumed = collect<Event>(
    wsClient(a.url, watcher.token),
    SUBSCRIBE,
    { after: lastSeen, filter },
    'reviewEvents',
  );
  await resumed.waitFor(3);
  const live = await propose(b);
  await resumed.waitFor(4, 2000);
  await new Promise((r) => setTimeout(r, 300));
  expect(resumed.items.map((e) => e.subjectId)).toEqual([...whileDown, live]);
  const ps = resumed.items.map((e) => BigInt(e.position));
  expect(ps.every((p, i) => i === 0 || p > (ps[i - 1] as bigint))).toBe(true);
  expect(ps[0]).toBeGreaterThan(BigInt(lastSeen));
  await resumed.close();
}, 90_000);
