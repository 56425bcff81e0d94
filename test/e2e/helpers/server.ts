import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ServerProcess, startServerProcess } from '../../helpers/processes';

/** The built console the server serves at /admin (`npm run admin:build`; the e2e global setup builds it). */
export const ADMIN_INDEX = resolve(__dirname, '../../../admin/dist/index.html');

export interface GqlError {
  message: string;
  extensions?: { code?: string; [k: string]: unknown };
}

/** The API server (`node dist/server/main.js`) of one browser test file, on the shared test database. */
export interface ConsoleServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly process: ServerProcess;
  /** A GraphQL request over HTTP, anonymously or with an access token. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ data?: T | null; errors?: GqlError[] }>;
  /** Like gql, but throws on any error. */
  ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  /** Signs in through the API and returns the access token. */
  token(loginName: string, password: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startConsoleServer(env: Record<string, string> = {}): Promise<ConsoleServer> {
  const databaseUrl = process.env.YARDSTICK_TEST_DB_URL;
  if (!databaseUrl) throw new Error('YARDSTICK_TEST_DB_URL is not set: run the tests through jest (global setup)');
  if (!existsSync(ADMIN_INDEX)) {
    throw new Error('admin/dist is missing: run `npm run admin:build` (the e2e global setup does it for you)');
  }
  const proc = await startServerProcess(databaseUrl, env);
  const gql: ConsoleServer['gql'] = async (query, variables, token) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${proc.url}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: never; errors?: GqlError[] };
  };
  const ok: ConsoleServer['ok'] = async <T>(query: string, variables?: Record<string, unknown>, token?: string) => {
    const r = await gql<T>(query, variables, token);
    if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors, null, 2)}`);
    return r.data as T;
  };
  return {
    url: proc.url,
    process: proc,
    gql,
    ok,
    async token(loginName, password) {
      const data = await ok<{ login: { accessToken: string } }>(
        'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
        { input: { loginName, password } },
      );
      return data.login.accessToken;
    },
    stop: () => proc.stop(),
  };
}
