import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AuthSettings } from '../modules/identity/identity.service';
import type { Viewer } from '../modules/identity/identity.viewer';
import type { Context } from '../shared/context';
import { Loaders } from '../shared/loaders';

/** A request context: a forked EntityManager (never the global one), fresh loaders, a child logger. */
export function createContext(
  orm: MikroORM<PostgreSqlDriver>,
  log: Logger,
  auth: AuthSettings,
  viewer: Viewer | null = null,
  requestId: string = randomUUID(),
): Context {
  const em = orm.em.fork();
  return { requestId, em, loaders: new Loaders({ em }), log: log.child({ requestId }), viewer, auth };
}
