import type { Context } from '../../shared/context';
import { badInput } from '../../shared/errors';
import { listPage, orderBy, type Page } from '../../shared/list';
import { orNotFound } from '../../shared/scope';
import { expression, rows, table, Where } from '../../shared/sql';
import { toId } from '../../shared/writes';
import { Role } from '../identity';
import type { WebhookDeliveryListArgs, WebhookEndpointListArgs } from './webhooks.inputs';
import type { WebhookAttempt, WebhookDelivery, WebhookDeliveryCounts, WebhookEndpoint } from './webhooks.types';

export const endpointTable = table<WebhookEndpoint>('webhook_endpoint', {
  id: 'id',
  fiscalDivisionCode: 'fiscal_division_code',
  ownerId: 'owner_id',
  url: 'url',
  description: 'description',
  filter: 'filter',
  active: 'active',
  secretHint: expression('right(t.secret, 4)'),
  ownerLogin: expression('(select ou.login_name from app_user ou where ou.id = t.owner_id)'),
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  version: 'version',
});

export const deliveryTable = table<WebhookDelivery>('webhook_delivery', {
  id: 'id',
  endpointId: 'endpoint_id',
  eventPosition: 'event_position',
  eventType: 'event_type',
  status: 'status',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  deliveredAt: 'delivered_at',
  lastStatusCode: 'last_status_code',
  lastError: 'last_error',
  createdAt: 'created_at',
});

export const attemptTable = table<WebhookAttempt>('webhook_attempt', {
  id: 'id',
  deliveryId: 'delivery_id',
  number: 'number',
  startedAt: 'started_at',
  durationMs: 'duration_ms',
  statusCode: 'status_code',
  error: 'error',
  responseExcerpt: 'response_excerpt',
});

/**
 * The row rule of webhook endpoints (and through them, deliveries): ADMIN sees every endpoint of its fiscal division,
 * INTEGRATION only its own, everyone else none. Values are the verified caller's, checked before they are written
 * into the SQL.
 */
export function endpointScope(ctx: Pick<Context, 'viewer'>, a = 't'): string {
  const v = ctx.viewer;
  if (!v || !/^\d{9}$/.test(v.fiscalDivisionCode) || !Number.isSafeInteger(v.id)) return 'false';
  const division = `${a}.fiscal_division_code = '${v.fiscalDivisionCode}'`;
  if (v.roles.includes(Role.ADMIN)) return division;
  if (v.roles.includes(Role.INTEGRATION)) return `${division} and ${a}.owner_id = ${v.id}`;
  return 'false';
}

const deliveryScope = (ctx: Pick<Context, 'viewer'>) =>
  `t.endpoint_id in (select we.id from webhook_endpoint we where ${endpointScope(ctx, 'we')})`;

/** Delivery ids are bigint; they travel as decimal text. */
export function toDeliveryId(id: string): string {
  if (!/^\d{1,18}$/.test(id.trim()) || BigInt(id.trim()) <= 0n) {
    throw badInput(`id must be a positive integer id, got "${id}".`, 'id');
  }
  return id.trim();
}

export const webhookReads = {
  endpoint(ctx: Context, id: string | number): Promise<WebhookEndpoint | undefined> {
    return ctx.loaders.one(endpointTable, 'id', endpointScope(ctx)).load(toId(id));
  },

  /** NOT_FOUND for an endpoint that does not exist and for one outside the caller's rule alike. */
  endpointOr404(ctx: Context, id: string | number): Promise<WebhookEndpoint> {
    return orNotFound(webhookReads.endpoint(ctx, id), 'WebhookEndpoint', id);
  },

  endpoints(ctx: Context, args: WebhookEndpointListArgs): Promise<Page<WebhookEndpoint>> {
    const where = new Where().add(endpointScope(ctx)).eq('t.active', args.filter?.active);
    const order = orderBy(args.sort, { CREATED_AT: 't.created_at', URL: 't.url' }, 't.id asc');
    return listPage(ctx, endpointTable, where, order, args);
  },

  delivery(ctx: Context, id: string): Promise<WebhookDelivery | undefined> {
    return ctx.loaders.one(deliveryTable, 'id', deliveryScope(ctx)).load(toDeliveryId(id));
  },

  deliveryOr404(ctx: Context, id: string): Promise<WebhookDelivery> {
    return orNotFound(webhookReads.delivery(ctx, id), 'WebhookDelivery', id);
  },

  /** Deliveries newest first. */
  deliveries(ctx: Context, args: WebhookDeliveryListArgs): Promise<Page<WebhookDelivery>> {
    const f = args.filter ?? {};
    const where = new Where()
      .add(deliveryScope(ctx))
      .eq(
        't.endpoint_id',
        f.endpointId === undefined || f.endpointId === null ? undefined : toId(f.endpointId, 'filter.endpointId'),
      )
      .eq('t.status', f.status);
    return listPage(ctx, deliveryTable, where, 't.id desc', args);
  },

  /** The attempts of a delivery, oldest first, batched across a page. */
  attempts(ctx: Context, deliveryId: string): Promise<WebhookAttempt[]> {
    return ctx.loaders.many(attemptTable, 'delivery_id', 't.number').load(deliveryId);
  },

  /** How many deliveries of an endpoint stand in each state, batched across a page. */
  counts(ctx: Context, endpointId: number): Promise<WebhookDeliveryCounts> {
    return ctx.loaders
      .custom<WebhookDeliveryCounts>('webhookDeliveryCounts', async (keys) => {
        const found = await rows<{ endpointId: number; status: string; n: string }>(
          ctx,
          `select endpoint_id as "endpointId", status, count(*) as n from webhook_delivery
            where endpoint_id in (${keys.map(() => '?').join(', ')}) group by endpoint_id, status`,
          keys,
        );
        const byKey = new Map<string, WebhookDeliveryCounts>();
        for (const k of keys) byKey.set(String(k), { pending: 0, delivered: 0, failed: 0 });
        for (const r of found) {
          const c = byKey.get(String(r.endpointId));
          if (!c) continue;
          if (r.status === 'PENDING') c.pending = Number(r.n);
          else if (r.status === 'DELIVERED') c.delivered = Number(r.n);
          else if (r.status === 'FAILED') c.failed = Number(r.n);
        }
        return keys.map((k) => byKey.get(String(k)) as WebhookDeliveryCounts);
      })
      .load(endpointId);
  },
};
