import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  /** The body exactly as received. */
  raw: string;
  json: { deliveryId: string; endpointId: string; event: Record<string, unknown> };
  at: number;
}

/**
 * A webhook receiver on 127.0.0.1 for the tests: records every request with its raw body, and can answer 500 to the
 * first N requests, fail every request, or hang past the sender's timeout.
 */
export interface Receiver {
  readonly url: string;
  readonly port: number;
  readonly requests: Received[];
  /** Requests per delivery id. */
  count(deliveryId: string): number;
  /** Answer 500 to the next `n` requests. */
  failNext(n: number): void;
  /** Answer 500 to every request (until set back to false). */
  failAlways(on: boolean): void;
  /** Never answer the next `n` requests (the sender times out). */
  hangNext(n: number): void;
  stop(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<Receiver> {
  const requests: Received[] = [];
  let failing = 0;
  let always = false;
  let hanging = 0;
  const hung: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let json: Received['json'];
      try {
        json = JSON.parse(raw);
      } catch {
        json = { deliveryId: '', endpointId: '', event: {} };
      }
      requests.push({ headers: req.headers, raw, json, at: Date.now() });
      if (hanging > 0) {
        hanging--;
        hung.push(res);
        return;
      }
      if (always || failing > 0) {
        if (failing > 0) failing--;
        res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver says no');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/hook`,
    port: actual,
    requests,
    count: (id) => requests.filter((r) => r.json.deliveryId === id).length,
    failNext(n) {
      failing = n;
    },
    failAlways(on) {
      always = on;
    },
    hangNext(n) {
      hanging = n;
    },
    async stop() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls `fn` until it returns a truthy value (returned) or the deadline passes (the last error or a timeout throws). */
type Falsy = null | undefined | false | 0 | '';

export async function waitFor<T>(
  fn: () => Promise<T | Falsy> | T | Falsy,
  ms = 10_000,
  what = 'the condition',
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw last instanceof Error ? last : new Error(`timed out after ${ms} ms waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
