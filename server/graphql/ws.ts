import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import jwt from 'jsonwebtoken';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { ExAnteConfig } from '../modules/exante/exante.config';
import type { AuthSettings, Viewer } from '../modules/identity';
import { Permission } from '../modules/identity/identity.permissions';
import type { Services } from '../shared/context';
import { createContext, viewerFromAuthorization } from './context';
import { formatError } from './errors';

type Extra = {
  viewer?: Viewer;
  expiry?: NodeJS.Timeout;
};

export interface SubscriptionServer {
  /** Closes every connection with 1001 (going away) and stops accepting new ones. */
  dispose(): Promise<void>;
}

const CLOSE_REASON_MAX = 120;

/**
 * GraphQL subscriptions over graphql-ws on the same path as queries (/graphql). A connection signs in with its
 * connection_init payload `{ authorization: "Bearer <access token>" }`:
 * - no token, or a bad or expired one: closed with 4401 Unauthorized;
 * - a valid token of a user who may not follow events, or is no longer active: closed with 4403 Forbidden;
 * - when the token expires the connection is closed with 4401: reconnect with a fresh token and resume with
 *   `after` set to the last position received.
 * graphql-ws itself closes with 4400 (malformed message), 4408 (no connection_init in time), 4409 (an operation id
 * reused) and 4429 (connection_init sent twice).
 */
export function attachSubscriptions(
  httpServer: Server,
  schema: GraphQLSchema,
  deps: {
    orm: MikroORM<PostgreSqlDriver>;
    log: Logger;
    auth: AuthSettings;
    exAnte: ExAnteConfig;
    services: Services;
    connectionInitWaitTimeoutMs?: number;
  },
): SubscriptionServer {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const close = (socket: { close(code: number, reason: string): void }, code: number, reason: string) =>
    socket.close(code, reason.slice(0, CLOSE_REASON_MAX));

  const server = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema,
      connectionInitWaitTimeout: deps.connectionInitWaitTimeoutMs ?? 10_000,
      onConnect: async (ctx) => {
        const socket = ctx.extra.socket;
        const params = ctx.connectionParams ?? {};
        const header = params.authorization ?? params.Authorization;
        if (header === undefined || header === null || header === '') {
          close(socket, CloseCode.Unauthorized, 'Sign in: send { authorization: "Bearer <token>" } in connection_init');
          return false;
        }
        let viewer: Viewer | null;
        try {
          viewer = viewerFromAuthorization(header, deps.auth);
        } catch (err) {
          close(socket, CloseCode.Unauthorized, err instanceof Error ? err.message : 'Invalid access token');
          return false;
        }
        if (!viewer) {
          close(socket, CloseCode.Unauthorized, 'Sign in to subscribe');
          return false;
        }
        if (!viewer.permissions.has(Permission.ReadEvents)) {
          close(socket, CloseCode.Forbidden, 'Your role may not follow review events');
          return false;
        }
        if (!(await isActive(deps.orm, viewer.id))) {
          close(socket, CloseCode.Forbidden, 'This account is disabled');
          return false;
        }
        ctx.extra.viewer = viewer;
        const exp = (jwt.decode(String(header).replace(/^Bearer\s+/i, '')) as { exp?: number } | null)?.exp;
        if (exp) {
          const ms = exp * 1000 - Date.now();
          ctx.extra.expiry = setTimeout(
            () =>
              close(
                socket,
                CloseCode.Unauthorized,
                'Token expired: reconnect with a fresh token and resume after the last position',
              ),
            Math.max(0, Math.min(ms, 2_147_483_647)),
          );
          ctx.extra.expiry.unref();
        }
        return true;
      },
      onClose: (ctx) => {
        if (ctx.extra.expiry) clearTimeout(ctx.extra.expiry);
      },
      context: (ctx) =>
        createContext(deps.orm, deps.log, deps.auth, ctx.extra.viewer ?? null, randomUUID(), {
          exAnte: deps.exAnte,
          services: deps.services,
        }),
      // The same error shapes and codes as over HTTP (never a stack or SQL).
      onError: (_ctx, _id, _payload, errors) => toClient(errors),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors?.length ? { ...result, errors: toClient(result.errors) } : result,
    },
    wss,
  );

  return {
    async dispose() {
      await server.dispose();
    },
  };
}

const format = formatError();

function toClient(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.map((e) => {
    const f = format(e.toJSON(), e);
    return new GraphQLError(f.message, {
      ...(e.nodes ? { nodes: e.nodes } : {}),
      ...(e.path ? { path: e.path } : {}),
      ...(f.extensions ? { extensions: f.extensions } : {}),
    });
  });
}

async function isActive(orm: MikroORM<PostgreSqlDriver>, userId: number): Promise<boolean> {
  const [row] = (await orm.em
    .fork()
    .execute('select 1 as ok from app_user where id = ? and active', [userId], 'all')) as { ok: number }[];
  return !!row;
}
