import { connect, createServer, type Socket } from 'node:net';

/**
 * A tiny PostgreSQL wire-protocol proxy that counts what clients send: `Q` (simple query: one message, which may hold
 * several statements), `P` (parse), `E` (execute: one statement run through the extended protocol). "Statements"
 * below = Q + E messages, i.e. round trips that run SQL, counted the same way for every server. It assumes no TLS
 * (the benchmark connects over loopback without sslmode). Used only in the counting pass, never while timing.
 */
export interface CountingProxy {
  readonly port: number;
  counts(): { query: number; parse: number; execute: number; statements: number };
  close(): Promise<void>;
}

export async function startCountingProxy(host: string, port: number): Promise<CountingProxy> {
  const totals = { query: 0, parse: 0, execute: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(port, host);
    sockets.add(client);
    sockets.add(upstream);
    let startup = true;
    let skip = 0;
    let header = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      let i = 0;
      while (i < chunk.length) {
        if (skip > 0) {
          const n = Math.min(skip, chunk.length - i);
          skip -= n;
          i += n;
          continue;
        }
        const need = startup ? 4 : 5;
        const take = Math.min(need - header.length, chunk.length - i);
        header = Buffer.concat([header, chunk.subarray(i, i + take)]);
        i += take;
        if (header.length < need) break;
        if (startup) {
          skip = header.readInt32BE(0) - 4;
          startup = false;
        } else {
          const type = String.fromCharCode(header[0] ?? 0);
          skip = header.readInt32BE(1) - 4;
          if (type === 'Q') totals.query++;
          else if (type === 'P') totals.parse++;
          else if (type === 'E') totals.execute++;
        }
        header = Buffer.alloc(0);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    counts: () => ({ ...totals, statements: totals.query + totals.execute }),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
