import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { ExAnteConfig } from '../modules/exante/exante.config';
import { type AuthSettings, type Viewer, verifyAccessToken, viewerFromClaims } from '../modules/identity';
import type { Context, Services } from '../shared/context';
import { DomainError } from '../shared/errors';
import { Loaders } from '../shared/loaders';

/** A request context: a forked EntityManager (never the global one), fresh loaders, a child logger, the caller. */
export function createContext(
  orm: MikroORM<PostgreSqlDriver>,
  log: Logger,
  auth: AuthSettings,
  viewer: Viewer | null = null,
  requestId: string = randomUUID(),
  extras: { exAnte?: ExAnteConfig; services?: Services } = {},
): Context {
  const em = orm.em.fork();
  return {
    requestId,
    em,
    loaders: new Loaders({ em }),
    log: log.child({ requestId, user: viewer?.loginName }),
    viewer,
    auth,
    ...(extras.exAnte ? { exAnte: extras.exAnte } : {}),
    ...(extras.services ? { services: extras.services } : {}),
  };
}

/**
 * The caller named by an `Authorization: Bearer <token>` header (HTTP) or the `authorization` field of a
 * connection_init payload (WebSocket); null without one. A bad, expired or tampered token is refused with
 * UNAUTHENTICATED (HTTP 401) rather than treated as anonymous.
 */
export function viewerFromAuthorization(header: unknown, auth: AuthSettings): Viewer | null {
  if (header === undefined || header === null || header === '') return null;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  try {
    if (!match?.[1])
      throw new DomainError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <access token>".');
    return viewerFromClaims(verifyAccessToken(match[1], auth.jwtSecret));
  } catch (err) {
    const message = err instanceof Error ? err.message : 'The access token is invalid; sign in again.';
    throw new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
}
