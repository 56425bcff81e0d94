import WebSocket from 'ws';
import { Role } from '../../server/modules/identity';
import { startApi, type TestApi } from '../helpers/api';
import { createFiscalDivision, createUser, demoToken } from '../helpers/users';
import { rawSocket, waitUntil } from '../helpers/ws';

/**
 * Limits over the WebSocket (README, "Limits"): a subscribe message gets the checks an HTTP request gets — parse,
 * validation, variables, depth/cost/aliases — and counts against the same per-user rate limit; queries and
 * mutations are refused (they go over HTTP); a connection runs at most WS_MAX_SUBSCRIPTIONS operations at once;
 * a message over 1 MB closes the socket.
 */

const EVENTS = 'subscription { reviewEvents { position type } }';

type Message = { id?: string; type: string; payload?: unknown };

/** A signed-in raw graphql-transport-ws connection that has been acknowledged. */
async function signedIn(api: TestApi, token: string) {
  const ws = await rawSocket(api.url);
  ws.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
  await waitUntil(() => ws.messages.some((m) => (m as Message).type === 'connection_ack'), 5000, 'connection_ack');
  const answer = async (id: string, type = 'error'): Promise<Message> => {
    let found: Message | undefined;
    await waitUntil(
      () => {
        found = (ws.messages as Message[]).find((m) => m.id === id && m.type === type);
        return !!found;
      },
      5000,
      `${type} for ${id}`,
    );
    return found as Message;
  };
  return { ...ws, answer };
}

/** The codes of an error message's GraphQL errors. */
function codes(message: Message): string[] {
  return (message.payload as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code ?? '');
}

describe('subscribe messages are checked like HTTP requests', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startApi({ env: { QUERY_MAX_ALIASES: '1', QUERY_MAX_COST: '10', WS_MAX_SUBSCRIPTIONS: '2' } });
    token = await demoToken(api, 'perf-admin');
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('queries and mutations are refused with SUBSCRIPTIONS_ONLY, and nothing is written', async () => {
    // A division of this test's own, so the count below sees only what this test writes.
    const fd = await createFiscalDivision(api, '订阅限制区划');
    const curator = await createUser(api, { roles: [Role.PERFORMANCE_ADMIN], fiscalDivisionCode: fd });
    const categories = async () =>
      (
        await api.sql<{ n: number }>(
          'select count(*)::int as n from indicator_category where fiscal_division_code = ?',
          [fd],
        )
      )[0]?.n;
    const create = `mutation { createIndicatorCategory(input: { fiscalDivisionCode: "${fd}", scope: COMMON, code: "98",
      name: "经WebSocket提交" }) { id } }`;
    const ws = await signedIn(api, curator.token);
    ws.send({ id: 'q', type: 'subscribe', payload: { query: '{ me { loginName } }' } });
    ws.send({ id: 'm', type: 'subscribe', payload: { query: create } });
    const q = await ws.answer('q');
    expect(codes(q)).toEqual(['SUBSCRIPTIONS_ONLY']);
    expect((q.payload as { message: string }[])[0]?.message).toContain('send the query as an HTTP POST to /graphql');
    expect(codes(await ws.answer('m'))).toEqual(['SUBSCRIPTIONS_ONLY']);
    expect(await categories()).toBe(0);
    // The same mutation over HTTP is a valid one: it writes.
    await api.as(curator.token).ok(create);
    expect(await categories()).toBe(1);
    ws.socket.close();
  });

  it('a document that does not parse, validate or coerce gets the HTTP codes, never INTERNAL_SERVER_ERROR', async () => {
    const ws = await signedIn(api, token);
    // One at a time: this connection may run only two operations at once (WS_MAX_SUBSCRIPTIONS), refused ones too.
    ws.send({ id: 'p', type: 'subscribe', payload: { query: 'subscription { reviewEvents { ' } });
    expect(codes(await ws.answer('p'))).toEqual(['GRAPHQL_PARSE_FAILED']);
    ws.send({ id: 'v', type: 'subscribe', payload: { query: 'subscription { reviewEvents { nope } }' } });
    expect(codes(await ws.answer('v'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    ws.send({
      id: 'c',
      type: 'subscribe',
      payload: {
        query: 'subscription ($after: ID) { reviewEvents(after: $after) { position } }',
        variables: { after: { not: 'an id' } },
      },
    });
    const coerced = await ws.answer('c');
    expect(codes(coerced)).toEqual(['BAD_USER_INPUT']);
    expect((coerced.payload as { message: string }[])[0]?.message).toContain('$after');
    ws.send({
      id: 'n',
      type: 'subscribe',
      payload: { query: 'subscription A { reviewEvents { position } } subscription B { reviewEvents { type } }' },
    });
    expect(codes(await ws.answer('n'))).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    ws.socket.close();
  });

  it('aliases and cost over the limits are refused before anything runs', async () => {
    const ws = await signedIn(api, token);
    ws.send({
      id: 'a',
      type: 'subscribe',
      payload: { query: 'subscription { reviewEvents { a: position b: type } }' },
    });
    ws.send({
      id: 'c',
      type: 'subscribe',
      payload: {
        query:
          'subscription { reviewEvents { position type at subjectType subjectId fromState toState grade round stage } }',
      },
    });
    const aliases = await ws.answer('a');
    expect(aliases.payload).toEqual([
      expect.objectContaining({ extensions: { code: 'TOO_MANY_ALIASES', aliases: 2, maxAliases: 1 } }),
    ]);
    const cost = await ws.answer('c');
    expect(cost.payload).toEqual([
      expect.objectContaining({ extensions: { code: 'QUERY_TOO_COSTLY', cost: 11, maxCost: 10 } }),
    ]);
    ws.socket.close();
  });

  it('a connection runs at most WS_MAX_SUBSCRIPTIONS at once; completing one makes room', async () => {
    const ws = await signedIn(api, token);
    ws.send({ id: 's1', type: 'subscribe', payload: { query: EVENTS } });
    ws.send({ id: 's2', type: 'subscribe', payload: { query: EVENTS } });
    ws.send({ id: 's3', type: 'subscribe', payload: { query: EVENTS } });
    const third = await ws.answer('s3');
    expect(third.payload).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('already runs 2 subscriptions'),
        extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', maxSubscriptions: 2 },
      }),
    ]);
    expect((ws.messages as Message[]).filter((m) => m.type === 'error').map((m) => m.id)).toEqual(['s3']);
    ws.send({ id: 's1', type: 'complete' });
    // The completion frees s1's place at once: s4 is accepted, and then s2 and s4 fill the connection again.
    ws.send({ id: 's4', type: 'subscribe', payload: { query: EVENTS } });
    ws.send({ id: 's5', type: 'subscribe', payload: { query: EVENTS } });
    expect(codes(await ws.answer('s5'))).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    expect((ws.messages as Message[]).filter((m) => m.type === 'error').map((m) => m.id)).toEqual(['s3', 's5']);
    ws.socket.close();
  });

  it('a message over 1 MB closes the socket with 1009', async () => {
    // graphql-ws reports the socket's error on the console (its own message); expected here, so it is captured.
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const ws = await signedIn(api, token);
      ws.send({ id: 'big', type: 'subscribe', payload: { query: `# ${'x'.repeat(1024 * 1024)}\n${EVENTS}` } });
      expect((await ws.closed).code).toBe(1009);
      expect(String(logged.mock.calls[0]?.[1])).toContain('Max payload size exceeded');
    } finally {
      logged.mockRestore();
    }
  });
});

describe('the rate limit counts WebSocket sign-ins and subscriptions with HTTP requests', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { RATE_LIMIT_PER_MINUTE: '4', RATE_LIMIT_IP_PER_MINUTE: '100' } });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('over the budget a subscribe gets RATE_LIMITED, and a new connection is closed with 1013', async () => {
    const token = await demoToken(api, 'perf-admin');
    const user = api.as(token);
    // 1 and 2: HTTP requests.
    expect((await user.gql('{ __typename }')).status).toBe(200);
    expect((await user.gql('{ __typename }')).status).toBe(200);
    // 3: signing in on the socket; 4: a subscription.
    const ws = await signedIn(api, token);
    ws.send({ id: 'ok', type: 'subscribe', payload: { query: EVENTS } });
    // 5: over the budget.
    ws.send({ id: 'over', type: 'subscribe', payload: { query: EVENTS } });
    const over = await ws.answer('over');
    expect(over.payload).toEqual([
      {
        message: expect.stringContaining('this user may send 4 per minute'),
        extensions: { code: 'RATE_LIMITED', limitPerMinute: 4, retryAfterSeconds: expect.any(Number) },
      },
    ]);
    expect((ws.messages as Message[]).filter((m) => m.id === 'ok' && m.type === 'error')).toEqual([]);
    // HTTP shares the count.
    expect((await user.gql('{ __typename }')).status).toBe(429);
    // A new connection by the same user is turned away with "try again later", which clients retry with backoff.
    const again = await rawSocket(api.url);
    again.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    const closed = await again.closed;
    expect(closed.code).toBe(1013);
    expect(closed.reason).toContain('Too many requests');
    ws.socket.close();
    expect(again.socket.readyState).toBe(WebSocket.CLOSED);
  });
});
