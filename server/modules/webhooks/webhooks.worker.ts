import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { EVENT_SELECT, type EventRecord, visibleTo } from '../events';
import type { WebhookSettings } from './webhooks.config';
import { OWNER_SELECT, type OwnerRow, ownerViewer } from './webhooks.owner';
import { deliveryBody } from './webhooks.payload';
import { type SendResult, sendDelivery } from './webhooks.send';

/** Deliveries claimed per round, and POSTs in flight at once. */
const CLAIM = 20;
const CONCURRENCY = 8;
/** How much longer than the POST's own timeout a claim is leased for. */
const LEASE_EXTRA_MS = 5000;

interface Claimed {
  id: string;
  endpointId: number;
  eventPosition: string;
  eventType: string;
  attempts: number;
}

interface EndpointRow extends OwnerRow {
  id: number;
  url: string;
  secret: string;
}

/** The retry delay after the n-th failed attempt: backoff × 2^(n-1), at most backoffMax. */
export function retryDelayMs(settings: Pick<WebhookSettings, 'backoffMs' | 'backoffMaxMs'>, attempts: number): number {
  const exp = Math.min(Math.max(attempts - 1, 0), 40);
  return Math.min(settings.backoffMaxMs, settings.backoffMs * 2 ** exp);
}

/**
 * Claims due deliveries in a short transaction of its own: each claimed row gets a lease (locked_until) and its
 * attempt counted, and `for update skip locked` keeps two instances from claiming the same row. A claim whose
 * instance died expires with its lease, and another instance retries it.
 */
async function claim(root: EntityManager, settings: WebhookSettings): Promise<Claimed[]> {
  return root.fork().transactional(
    async (em) =>
      (await em.execute(
        `update webhook_delivery d
            set locked_until = now() + (? * interval '1 millisecond'), attempts = d.attempts + 1
          where d.id in (
                select c.id from webhook_delivery c
                 where c.status = 'PENDING' and c.next_attempt_at <= now()
                   and (c.locked_until is null or c.locked_until < now())
                   and exists (select 1 from webhook_endpoint w join app_user u on u.id = w.owner_id
                                where w.id = c.endpoint_id and w.active and u.active)
                 order by c.next_attempt_at, c.id
                 limit ${CLAIM}
                   for update skip locked)
          returning d.id::text as id, d.endpoint_id as "endpointId", d.event_position::text as "eventPosition",
                    d.event_type as "eventType", d.attempts`,
        [settings.timeoutMs + LEASE_EXTRA_MS],
        'all',
      )) as Claimed[],
  );
}

/**
 * Gives a claim back uncounted when this instance stops before or while sending it: the next instance (or this one,
 * restarted) sends it at once. The POST may have reached the endpoint: deliveries are at least once.
 */
async function release(root: EntityManager, d: Claimed, log: Logger): Promise<void> {
  try {
    await root.fork().execute(
      `update webhook_delivery set locked_until = null, attempts = attempts - 1
          where id = ? and status = 'PENDING' and attempts = ?`,
      [d.id, d.attempts],
      'run',
    );
  } catch (err) {
    // The lease expires instead, and the delivery is retried then.
    log.warn({ err, deliveryId: d.id }, 'webhooks: giving back a claim on stop failed');
  }
}

/** Writes the attempt and the delivery's new state in one short transaction. */
async function record(root: EntityManager, settings: WebhookSettings, d: Claimed, r: SendResult, started: Date) {
  await root.fork().transactional(async (em) => {
    await em.execute(
      `insert into webhook_attempt (delivery_id, number, started_at, duration_ms, status_code, error, response_excerpt)
       values (?, (select coalesce(max(a.number), 0) + 1 from webhook_attempt a where a.delivery_id = ?), ?, ?, ?, ?, ?)`,
      [d.id, d.id, started, Math.round(r.durationMs), r.statusCode, r.error?.slice(0, 500) ?? null, r.excerpt],
      'run',
    );
    if (r.ok) {
      await em.execute(
        `update webhook_delivery set status = 'DELIVERED', delivered_at = now(), last_status_code = ?, last_error = null,
                locked_until = null
          where id = ? and status = 'PENDING'`,
        [r.statusCode, d.id],
        'run',
      );
      return;
    }
    const failed = d.attempts >= settings.maxAttempts;
    // Only the holder of the current claim moves the delivery on (a lease that expired mid-POST was claimed again).
    await em.execute(
      `update webhook_delivery
          set status = ?, next_attempt_at = now() + (? * interval '1 millisecond'), last_status_code = ?,
              last_error = ?, locked_until = null
        where id = ? and status = 'PENDING' and attempts = ?`,
      [
        failed ? 'FAILED' : 'PENDING',
        failed ? 0 : retryDelayMs(settings, d.attempts),
        r.statusCode,
        r.error?.slice(0, 500) ?? null,
        d.id,
        d.attempts,
      ],
      'run',
    );
  });
}

/** Runs `fn` over `items` with at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  });
  await Promise.all(lanes);
}

/**
 * One worker round: claims due deliveries, POSTs each (no transaction is open during a POST) and records the
 * outcome. Returns how many it claimed.
 */
export async function deliverDue(
  root: EntityManager,
  settings: WebhookSettings,
  log: Logger,
  signal?: AbortSignal,
): Promise<number> {
  const claimed = await claim(root, settings);
  if (claimed.length === 0) return 0;
  const em = root.fork();
  const endpointIds = [...new Set(claimed.map((d) => d.endpointId))];
  const endpoints = (await em.execute(
    `select w.id, w.url, w.secret, ${OWNER_SELECT}
       from webhook_endpoint w join app_user u on u.id = w.owner_id
      where w.id in (${endpointIds.map(() => '?').join(', ')})`,
    endpointIds,
    'all',
  )) as EndpointRow[];
  const byEndpoint = new Map(endpoints.map((e) => [e.id, e]));
  const positions = [...new Set(claimed.map((d) => d.eventPosition))];
  const events = (await em.execute(
    `${EVENT_SELECT} where e.position in (${positions.map(() => '?').join(', ')})`,
    positions,
    'all',
  )) as EventRecord[];
  const byPosition = new Map(events.map((e) => [String(e.position), e]));

  await pool(claimed, CONCURRENCY, async (d) => {
    if (signal?.aborted) return release(root, d, log);
    const started = new Date();
    const endpoint = byEndpoint.get(d.endpointId);
    const event = byPosition.get(d.eventPosition);
    let result: SendResult;
    if (!endpoint || !event) {
      result = {
        statusCode: null,
        error: 'the endpoint or the event no longer exists',
        excerpt: null,
        durationMs: 0,
        ok: false,
      };
    } else {
      const owner = ownerViewer(endpoint);
      if (!visibleTo(owner, event)) {
        // The owner's roles or scope changed since the delivery was created: it may no longer see this event.
        result = {
          statusCode: null,
          error: "the endpoint's owner may no longer see this event",
          excerpt: null,
          durationMs: 0,
          ok: false,
        };
      } else {
        result = await sendDelivery(
          {
            url: endpoint.url,
            secret: endpoint.secret,
            deliveryId: d.id,
            eventType: d.eventType,
            position: d.eventPosition,
            body: deliveryBody(d.id, endpoint.id, event, owner),
          },
          { timeoutMs: settings.timeoutMs, allowPrivate: settings.allowPrivate, signal },
        );
      }
    }
    if (result.interrupted) return release(root, d, log);
    try {
      await record(root, settings, d, result, started);
    } catch (err) {
      // The lease expires and the delivery is retried: at least once.
      log.error({ err, deliveryId: d.id }, 'webhooks: recording a delivery attempt failed');
    }
  });
  return claimed.length;
}
