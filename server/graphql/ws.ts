import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  Kind,
  parse,
  validate,
} from 'graphql';
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
import { checkLimits, measureOperation, type QueryLimits } from './limits';
import { RateLimiter, rateLimitedError } from './rateLimit';

type Extra = {
  viewer?: Viewer;
  expiry?: NodeJS.Timeout;
};

/** The largest WebSocket message accepted, as for an HTTP body; a larger one closes the socket with 1009. */
export const WS_MAX_PAYLOAD_BYTES = 1024 * 1024;

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
 * reused) and 4429 (connection_init sent twice); `ws` closes with 1009 a message over WS_MAX_PAYLOAD_BYTES.
 *
 * The socket carries subscriptions only: queries and mutations go over HTTP, where the rate limit, the answer cache,
 * CSRF prevention and the request metrics apply (README, "Limits"). Every subscribe message is checked like an HTTP
 * request before anything runs — parse, validation, variables, then depth, cost and aliases — and counts against
 * the user's per-minute rate limit, as does signing in; at most `maxSubscriptions` run at once per connection.
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
    limits: QueryLimits;
    /** Requests per minute per user, shared with the HTTP rate limit (0: off). */
    ratePerUser: number;
    limiter: RateLimiter;
    maxSubscriptions: number;
  },
): SubscriptionServer {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: WS_MAX_PAYLOAD_BYTES });
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
        const retryAfter = deps.limiter.take(`u:${viewer.id}`, deps.ratePerUser);
        if (retryAfter !== null) {
          // 1013 "try again later": graphql-ws clients retry it with their backoff, unlike the 44xx codes.
          close(socket, 1013, rateLimitedError('this user', deps.ratePerUser, retryAfter).message);
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
      onSubscribe: (ctx, _id, payload) => {
        const viewer = ctx.extra.viewer;
        // graphql-ws acknowledges nobody before onConnect allowed them; the guard keeps the types honest.
        if (!viewer) return [refusal('Sign in to subscribe', 'UNAUTHENTICATED')];
        const retryAfter = deps.limiter.take(`u:${viewer.id}`, deps.ratePerUser);
        if (retryAfter !== null) {
          const e = rateLimitedError('this user', deps.ratePerUser, retryAfter);
          return [new GraphQLError(e.message, { extensions: e.extensions })];
        }
        // graphql-ws keeps every operation of the connection, this one included, in ctx.subscriptions from its
        // subscribe message until it ends; a client's complete message removes it at once.
        const others = Object.keys(ctx.subscriptions).length - 1;
        if (others >= deps.maxSubscriptions) {
          return [
            refusal(
              `This connection already runs ${others} subscriptions, the most one connection may; ` +
                'complete one first, or combine them with a filter.',
              'TOO_MANY_SUBSCRIPTIONS',
              { maxSubscriptions: deps.maxSubscriptions },
            ),
          ];
        }
        return checkSubscription(schema, payload, deps.limits);
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

function refusal(message: string, code: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

/** What the checks of one subscribe message give: the arguments to execute, or the errors to answer with. */
type Checked = {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown>;
};

/**
 * The checks an HTTP request gets from Apollo and the limits plugin, for one subscribe message: it parses and
 * validates, names a subscription, has variables of the right types, and is within the depth, alias and cost limits.
 */
function checkSubscription(
  schema: GraphQLSchema,
  payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
  limits: QueryLimits,
): Checked | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query);
  } catch (err) {
    return [refusal(err instanceof Error ? err.message : 'The query cannot be parsed', 'GRAPHQL_PARSE_FAILED')];
  }
  const invalid = validate(schema, document);
  if (invalid.length) return invalid.map((e) => refusal(e.message, 'GRAPHQL_VALIDATION_FAILED'));
  const operation = getOperationAST(document, payload.operationName ?? undefined);
  if (!operation) {
    return [
      refusal(
        payload.operationName
          ? `The document has no operation named "${payload.operationName}".`
          : 'The document has several operations: name the one to run in operationName.',
        'OPERATION_RESOLUTION_FAILURE',
      ),
    ];
  }
  if (operation.operation !== 'subscription') {
    return [
      refusal(
        `This WebSocket carries subscriptions only; send the ${operation.operation} as an HTTP POST to /graphql.`,
        'SUBSCRIPTIONS_ONLY',
      ),
    ];
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, {
    maxErrors: 20,
  });
  if (coerced.errors) return coerced.errors.map((e) => refusal(e.message, 'BAD_USER_INPUT'));
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  }
  const over = checkLimits(measureOperation(schema, operation, fragments, coerced.coerced), limits);
  if (over) {
    const { http: _http, ...extensions } = over.extensions;
    return [new GraphQLError(over.message, { extensions })];
  }
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables ?? {} };
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
