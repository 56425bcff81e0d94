import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { EventFeed } from '../modules/events/events.feed';
import { WebhookDeliveryStatus } from '../modules/webhooks/webhooks.enums';
import type { Context } from '../shared/context';

/** Distinct operation names kept as label values; later new names are counted under "other" (clients choose names). */
const MAX_OPERATION_NAMES = 500;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/** The tarn pool under MikroORM's knex (its counters only). */
interface PoolLike {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates?(): number;
}

/**
 * The process's Prometheus metrics, in a registry of its own (several apps in one test process do not clash):
 * default process metrics, GraphQL request durations and errors (an Apollo plugin), the database pool, the event
 * feed, and webhook deliveries by status (read from the database at scrape time).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly names = new Set<string>();
  private readonly duration: Histogram<'operation' | 'type'>;
  private readonly errors: Counter<'code'>;
  private readonly cacheHits: Counter<'operation'>;
  private readonly pool: Gauge<'state'>;
  private readonly feedPosition: Gauge;
  private readonly feedLagEvents: Gauge;
  private readonly feedLagSeconds: Gauge;
  private readonly deliveries: Gauge<'status'>;
  private readonly failures: Gauge;

  constructor(
    private readonly orm: MikroORM<PostgreSqlDriver>,
    private readonly events: EventFeed,
    private readonly log: Logger,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.duration = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'GraphQL request duration in seconds, by operation name (or "anonymous") and operation type.',
      labelNames: ['operation', 'type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({
      name: 'graphql_errors_total',
      help: 'GraphQL errors sent to clients, by extensions.code.',
      labelNames: ['code'],
      registers,
    });
    this.cacheHits = new Counter({
      name: 'graphql_aggregate_cache_hits_total',
      help: 'Dashboard answers served from the aggregate answer cache (also counted in the request durations), by operation name.',
      labelNames: ['operation'],
      registers,
    });
    this.pool = new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections: used (checked out), free (idle), pending (requests waiting for one).',
      labelNames: ['state'],
      registers,
    });
    this.feedPosition = new Gauge({
      name: 'events_feed_position',
      help: 'The highest review-event position this process has read and delivered.',
      registers,
    });
    this.feedLagEvents = new Gauge({
      name: 'events_feed_lag_events',
      help: 'Committed review events this process has not read yet (newest position minus the feed position).',
      registers,
    });
    this.feedLagSeconds = new Gauge({
      name: 'events_delivery_lag_seconds',
      help: 'How long the oldest committed review event this process has not read yet has waited (0 when caught up).',
      registers,
    });
    this.deliveries = new Gauge({
      name: 'webhook_deliveries',
      help: 'Webhook deliveries by status (PENDING, DELIVERED, FAILED), across every instance.',
      labelNames: ['status'],
      registers,
    });
    this.failures = new Gauge({
      name: 'webhook_deliveries_failed',
      help: 'Webhook deliveries that are FAILED (every attempt failed) and not redelivered since.',
      registers,
    });
  }

  private operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_NAMES) return 'other';
    this.names.add(name);
    return name;
  }

  /** Times every GraphQL request and counts the errors of its response by their formatted code. */
  plugin(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        return {
          willSendResponse: async ({ request, operation, operationName, response }) => {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            this.duration.observe(
              {
                operation: this.operationLabel(operationName ?? request.operationName),
                type: operation?.operation ?? 'unknown',
              },
              seconds,
            );
            const body = response.body;
            const errors: readonly GraphQLFormattedError[] | undefined =
              body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
            for (const e of errors ?? []) {
              const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN';
              this.errors.inc({ code });
            }
          },
        };
      },
    };
  }

  /** An answer served by the aggregate cache before Apollo: a query, timed from the cache's own start. */
  observeCacheHit(operationName: string | undefined, seconds: number): void {
    const operation = this.operationLabel(operationName);
    this.duration.observe({ operation, type: 'query' }, seconds);
    this.cacheHits.inc({ operation });
  }

  /** Reads what the scrape reports from the pool, the feed and the database. */
  private async refresh(): Promise<void> {
    const pool = (this.orm.em.getKnex().client as { pool?: PoolLike }).pool;
    if (pool) {
      this.pool.set({ state: 'used' }, pool.numUsed());
      this.pool.set({ state: 'free' }, pool.numFree());
      this.pool.set({ state: 'pending' }, pool.numPendingAcquires() + (pool.numPendingCreates?.() ?? 0));
    }
    const position = this.events.position;
    this.feedPosition.set(Number(position));
    try {
      const em = this.orm.em.fork();
      const [feed] = (await em.execute(
        `select (select coalesce(max(position), 0)::text from review_event) as newest,
                (select extract(epoch from (now() - at))::float8 from review_event
                  where position > ? order by position limit 1) as waited`,
        [position.toString()],
        'all',
      )) as { newest: string; waited: number | string | null }[];
      const newest = BigInt(feed?.newest ?? '0');
      this.feedLagEvents.set(newest > position ? Number(newest - position) : 0);
      this.feedLagSeconds.set(Math.max(0, Number(feed?.waited ?? 0)));
      const byStatus = (await em.execute(
        'select status, count(*)::int as n from webhook_delivery group by status',
        [],
        'all',
      )) as { status: string; n: number | string }[];
      const counts = new Map<string, number>(Object.values(WebhookDeliveryStatus).map((s) => [s, 0]));
      for (const r of byStatus) counts.set(r.status, Number(r.n));
      for (const [status, n] of counts) this.deliveries.set({ status }, n);
      this.failures.set(counts.get(WebhookDeliveryStatus.FAILED) ?? 0);
    } catch (err) {
      this.log.warn({ err }, 'metrics: reading the event and webhook counts failed');
    }
  }

  /** GET /metrics in the Prometheus text format. */
  handler(): RequestHandler {
    return async (_req, res) => {
      await this.refresh();
      res.setHeader('content-type', this.registry.contentType);
      res.setHeader('cache-control', 'no-store');
      res.send(await this.registry.metrics());
    };
  }
}
