import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Loaders } from './loaders';

/**
 * The request context every read and service takes first: a forked EntityManager made once per request,
 * the per-request DataLoaders, and the request's logger and id.
 */
export interface Context {
  readonly requestId: string;
  readonly em: EntityManager;
  readonly loaders: Loaders;
  readonly log: Logger;
}
