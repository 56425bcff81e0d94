import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** An API server running as its own process (`node dist/server/main.js`), as in production. */
export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM and wait for the exit (graceful shutdown). */
  stop(): Promise<void>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
}

const MAIN = resolve(__dirname, '../../server/main.js');
const MAIN_BUILT = resolve(__dirname, '../../dist/server/main.js');

/** The built entry point: from the tests' sources (dist/ next to them) or from the built tests (dist/test/...). */
function entry(): string {
  if (existsSync(MAIN)) return MAIN;
  if (existsSync(MAIN_BUILT)) return MAIN_BUILT;
  throw new Error('dist/server/main.js is missing: run `npm run build` (npm test does it for you)');
}

/**
 * Starts the API as a separate process on a free loopback port against `databaseUrl` and waits until it listens.
 * Extra environment (EVENTS_POLL_MS, JWT_SECRET, ...) comes from `env`; `options.nodeArgs` go before the script
 * (e.g. `--cpu-prof` for the benchmarks, which NODE_OPTIONS does not accept).
 */
export async function startServerProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: { nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), entry()], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DEMO_DATA: 'false',
      // Test files share one database: a process of one file must not claim (and, refusing loopback receivers,
      // fail) the webhook deliveries of another. Tests that deliver turn it on.
      WEBHOOKS_ENABLED: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start in 30 s:\n${out}`)), 30_000);
    const check = () => {
      const match = /"url":"(http:\/\/[^"]+)\/graphql"[^\n]*"msg":"Yardstick is listening"/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        ok(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (${code}) before listening:\n${out}`));
    });
  });
  const exited = new Promise<void>((r) => {
    if (child.exitCode !== null) r();
    else child.once('exit', () => r());
  });
  return {
    url,
    child,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
