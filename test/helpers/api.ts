import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import pino from 'pino';
import { type App, createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createOrm } from '../../server/db/orm';
import { requestStatements } from '../../server/db/stats';
import type { Services } from '../../server/shared/context';

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [k: string]: unknown };
}

export interface GqlResult<T> {
  data?: T | null;
  errors?: GqlError[];
  /** SQL statements the server sent while answering this request. */
  statements: number;
  status: number;
  headers: Headers;
}

/** A running API on a loopback port, over the shared test database, driven through HTTP like a real client. */
/** Sends GraphQL requests, anonymously or with one caller's access token. */
export interface Client {
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  /** Like gql, but fails the test on any error and returns the data. */
  ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export interface TestApi extends Client {
  readonly url: string;
  readonly orm: MikroORM<PostgreSqlDriver>;
  /** The app's process-wide services (the event feed), for tests that wait on them. */
  readonly services: Services;
  /** A client that sends `Authorization: Bearer <token>`. */
  as(token: string): Client;
  /** Runs SQL directly against the test database (for arranging data and checking what was written). */
  sql<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  stop(): Promise<void>;
}

export async function startApi(
  options: {
    env?: Record<string, string>;
    /** Another database than the shared test database (a test that needs one of its own). */
    url?: string;
  } = {},
): Promise<TestApi> {
  const url = options.url ?? process.env.YARDSTICK_TEST_DB_URL;
  if (!url) throw new Error('YARDSTICK_TEST_DB_URL is not set: run the tests through jest (global setup)');
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  // Webhook delivery is off unless a test turns it on: test files share one database, and a worker of another
  // file's API would claim (and, refusing loopback receivers, fail) the deliveries of the webhook tests.
  const config = {
    ...loadConfig({ NODE_ENV: 'test', WEBHOOKS_ENABLED: 'false', ...options.env }),
    port: 0,
    host: '127.0.0.1',
  };
  const orm = await createOrm({ url, poolMax: 4, log });
  const app: App = await createApp(config, orm, log);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = app.server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}/graphql`;

  const client = (token?: string): Client => {
    const gql = async <T>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> => {
      const requestId = randomUUID();
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-request-id': requestId,
      };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: T; errors?: GqlError[] };
      // The count of this request only (background work such as the event feed's poll is not in it).
      let statements = requestStatements(requestId);
      for (let i = 0; statements === undefined && i < 100; i += 1) {
        await new Promise((r) => setTimeout(r, 5));
        statements = requestStatements(requestId);
      }
      return { ...body, statements: statements ?? Number.NaN, status: res.status, headers: res.headers };
    };
    return {
      gql,
      async ok<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
        const r = await gql<T>(query, variables);
        if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors, null, 2)}`);
        return r.data as T;
      },
    };
  };
  const anonymous = client();

  return {
    url: `http://127.0.0.1:${port}`,
    orm,
    services: app.services,
    ...anonymous,
    as: (token: string) => client(token),
    async sql<R>(sql: string, params: unknown[] = []): Promise<R[]> {
      return (await orm.em.fork().getConnection().execute(sql, params, 'all')) as R[];
    },
    async stop() {
      await app.stop();
      await orm.close(true);
    },
  };
}

/** A short unique suffix for codes that tests create, so test files can share one database. */
export function uniq(prefix = 'T'): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.toUpperCase();
}
