import { request } from 'node:http';
import { demoPassword } from '../../server/db/seeders/users';
import { type ServerProcess, startServerProcess } from '../helpers/processes';
import { rawSocket, waitUntil } from '../helpers/ws';

/**
 * Graceful shutdown (README, "Operations"): on SIGTERM the server stops accepting connections, lets the requests
 * in flight finish, closes every subscription with 1001 (going away) so clients reconnect elsewhere and resume
 * after their last position, closes the database and exits 0.
 */

let server: ServerProcess | undefined;
afterAll(async () => {
  if (server && server.child.exitCode === null) await server.kill();
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
