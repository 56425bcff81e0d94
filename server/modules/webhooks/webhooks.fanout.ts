import type { EntityManager } from '@mikro-orm/postgresql';
import { type EventFilterSpec, matchesFilter, readAll, visibleTo } from '../events';
import { OWNER_SELECT, type OwnerRow, ownerViewer } from './webhooks.owner';

/** Events read per fan-out transaction. */
export const FANOUT_PAGE = 1000;
const INSERT_BATCH = 500;

export type FanoutOutcome = { locked: true } | { locked: false; created: number; more: boolean; cursor: bigint };

interface EndpointRow extends OwnerRow {
  id: number;
  filter: EventFilterSpec | null;
  startAfter: string;
}

/**
 * One fan-out step, in one transaction: takes the cursor row (skipping it when another instance holds it), reads the
 * events after it, creates a delivery for every active endpoint whose active owner may see the event and whose filter
 * matches it, and moves the cursor. Deliveries are unique per (endpoint, event), so a step repeated after a crash
 * creates nothing twice.
 */
export async function fanOutStep(root: EntityManager): Promise<FanoutOutcome> {
  return root.fork().transactional(async (em) => {
    const [cursor] = (await em.execute(
      'select position::text as p from webhook_fanout where id = 1 for update skip locked',
      [],
      'all',
    )) as { p: string }[];
    if (!cursor) return { locked: true } as const;
    const events = await readAll(em, BigInt(cursor.p), FANOUT_PAGE);
    const last = events.at(-1);
    if (!last) return { locked: false, created: 0, more: false, cursor: BigInt(cursor.p) } as const;
    const endpoints = (await em.execute(
      `select w.id, w.filter, w.start_after_position::text as "startAfter", ${OWNER_SELECT}
         from webhook_endpoint w join app_user u on u.id = w.owner_id
        where w.active and u.active and w.start_after_position < ?`,
      [last.position],
      'all',
    )) as EndpointRow[];
    const rows: unknown[][] = [];
    for (const endpoint of endpoints) {
      const owner = ownerViewer(endpoint);
      const after = BigInt(endpoint.startAfter);
      const filter = endpoint.filter ?? {};
      for (const e of events) {
        if (e.seq > after && visibleTo(owner, e) && matchesFilter(filter, e))
          rows.push([endpoint.id, e.position, e.type]);
      }
    }
    let created = 0;
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const batch = rows.slice(i, i + INSERT_BATCH);
      const inserted = (await em.execute(
        `insert into webhook_delivery (endpoint_id, event_position, event_type, status, attempts, next_attempt_at, created_at)
         values ${batch.map(() => "(?, ?, ?, 'PENDING', 0, now(), now())").join(', ')}
         on conflict (endpoint_id, event_position) do nothing returning id`,
        batch.flat(),
        'all',
      )) as unknown[];
      created += inserted.length;
    }
    await em.execute('update webhook_fanout set position = ? where id = 1', [last.position], 'run');
    return { locked: false, created, more: events.length === FANOUT_PAGE, cursor: last.seq } as const;
  });
}
