import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';

/** A live subscription that collects what arrives, for tests to wait on. */
export interface Collector<T> {
  readonly items: T[];
  readonly errors: unknown[];
  /** Resolves once at least `n` items arrived; fails after `ms`. */
  waitFor(n: number, ms?: number): Promise<T[]>;
  /** Ends the subscription and closes the connection. */
  close(): Promise<void>;
}

/** The graphql-ws client of a test, signed in with a token (or anonymous). */
export function wsClient(httpUrl: string, token?: string): WsClient {
  return createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Subscribes and collects every `next` payload's data field `field`. */
export function collect<T>(
  client: WsClient,
  query: string,
  variables: Record<string, unknown>,
  field: string,
): Collector<T> {
  const items: T[] = [];
  const errors: unknown[] = [];
  let changed: () => void = () => undefined;
  let completed = false;
  const dispose = client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next: (r) => {
        if (r.errors) errors.push(...r.errors);
        const value = r.data?.[field];
        if (value) items.push(value);
        changed();
      },
      error: (e) => {
        errors.push(e);
        changed();
      },
      complete: () => {
        completed = true;
        changed();
      },
    },
  );
  return {
    items,
    errors,
    async waitFor(n, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (items.length < n) {
        if (errors.length) throw new Error(`subscription failed: ${JSON.stringify(errors)}`);
        if (completed) throw new Error(`subscription completed after ${items.length} of ${n} items`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out with ${items.length} of ${n} items`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.min(left, 250));
          changed = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
      return items;
    },
    async close() {
      dispose();
      await client.dispose();
    },
  };
}

/** A raw graphql-transport-ws socket, to test the protocol's close codes. */
export async function rawSocket(httpUrl: string): Promise<{
  socket: WebSocket;
  send(message: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
  messages: unknown[];
}> {
  const socket = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const messages: unknown[] = [];
  socket.on('message', (m) => messages.push(JSON.parse(String(m))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, send: (m) => socket.send(typeof m === 'string' ? m : JSON.stringify(m)), closed, messages };
}

/** Polls `check` until it returns true; fails after `ms`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  ms = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
