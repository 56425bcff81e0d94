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
 * With `databaseUrl` null the process runs as `npm start` does without DATABASE_URL: on the embedded PGlite in the
 * `DATA_DIR` that `env` names. Extra environment (EVENTS_POLL_MS, JWT_SECRET, ...) comes from `env`;
 * `options.nodeArgs` go before the script (e.g. `--cpu-prof` for the benchmarks, which NODE_OPTIONS does not
 * accept); `options.startTimeoutMs` (30 s) bounds the wait for "listening" (a first embedded start runs initdb and
 * loads the demo data).
 */
export async function startServerProcess(
  databaseUrl: string | null,
  env: Record<string, string> = {},
  options: { nodeArgs?: string[]; startTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  if (databaseUrl === null && !env.DATA_DIR) throw new Error('an embedded server process needs DATA_DIR in env');
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), entry()], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      // On a server (the shared test database) no demo data; embedded, DEMO_DATA keeps its default, as `npm start`.
      ...(databaseUrl === null ? {} : { DATABASE_URL: databaseUrl, DEMO_DATA: 'false' }),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
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
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the server did not start in ${startTimeoutMs / 1000} s:\n${out}`));
    }, startTimeoutMs);
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
