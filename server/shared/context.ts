import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { EventFeed } from '../modules/events/events.feed';
import type { ExAnteConfig } from '../modules/exante/exante.config';
import type { AuthSettings } from '../modules/identity/identity.service';
import type { Viewer } from '../modules/identity/identity.viewer';
import type { WebhookSettings } from '../modules/webhooks/webhooks.config';
import type { Loaders } from './loaders';

/** Process-wide services some resolvers need; absent where a context is made outside the HTTP app (e.g. seeding). */
export interface Services {
  /** This process's view of the review-event outbox. */
  readonly events: EventFeed;
  /** Live events queued for one slow subscriber before it falls back to reading from the table. */
  readonly eventsMaxBuffer: number;
  readonly webhooks: WebhookSettings;
}

/**
 * The request context every read and service takes first: a forked EntityManager made once per request,
 * the per-request DataLoaders, and the request's logger and id.
 */
export interface Context {
  readonly requestId: string;
  readonly em: EntityManager;
  readonly loaders: Loaders;
  readonly log: Logger;
  /** The signed-in caller, or null for an anonymous one. */
  readonly viewer: Viewer | null;
  /** How tokens are signed and sign-ins throttled. */
  readonly auth: AuthSettings;
  /** The ex-ante conclusion thresholds from the configuration; the defaults of exante.config.ts when absent. */
  readonly exAnte?: ExAnteConfig;
  readonly services?: Services;
}
