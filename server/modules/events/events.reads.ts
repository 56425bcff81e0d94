import type { EntityManager } from '@mikro-orm/postgresql';
import { visibleDepartmentIds } from '../../shared/scope';
import type { Viewer } from '../identity/identity.viewer';
import { EVENT_SELECT, type EventFilterSpec, type EventRecord, filterSql } from './events.model';

export interface EventRange {
  /** Exclusive lower bound. */
  after: bigint;
  /** Inclusive upper bound; none for "up to the newest committed". */
  upTo?: bigint;
  viewer: Viewer;
  filter: EventFilterSpec;
  limit: number;
}

/** Adds the parsed position to a row as read. */
export function withSeq(r: EventRecord): EventRecord & { seq: bigint } {
  return Object.assign(r, { seq: BigInt(r.position) });
}

/**
 * Committed events in a position range that the viewer may see and the filter matches, oldest first. Because
 * positions become visible in commit order (see the events migration), reading "after p" never skips an event that
 * commits later with a smaller position.
 */
export async function readEvents(em: EntityManager, range: EventRange): Promise<(EventRecord & { seq: bigint })[]> {
  const parts = ['e.position > ?', 'e.fiscal_division_code = ?'];
  const params: unknown[] = [range.after.toString(), range.viewer.fiscalDivisionCode];
  if (range.upTo !== undefined) {
    parts.push('e.position <= ?');
    params.push(range.upTo.toString());
  }
  const departments = visibleDepartmentIds(range.viewer);
  if (departments) parts.push(`(e.department_id is null or e.department_id in (${departments}))`);
  const f = filterSql(range.filter);
  parts.push(...f.parts);
  params.push(...f.params, range.limit);
  const found = (await em.execute(
    `${EVENT_SELECT} where ${parts.join(' and ')} order by e.position limit ?`,
    params,
    'all',
  )) as EventRecord[];
  return found.map(withSeq);
}

/** The newest committed position (0 when there is none). */
export async function newestPosition(em: EntityManager): Promise<bigint> {
  const [row] = (await em.execute('select coalesce(max(position), 0)::text as p from review_event', [], 'all')) as {
    p: string;
  }[];
  return BigInt(row?.p ?? '0');
}

/** Every committed event after a position, whoever may see it (the feed's own read), oldest first. */
export async function readAll(
  em: EntityManager,
  after: bigint,
  limit: number,
): Promise<(EventRecord & { seq: bigint })[]> {
  const found = (await em.execute(
    `${EVENT_SELECT} where e.position > ? order by e.position limit ?`,
    [after.toString(), limit],
    'all',
  )) as EventRecord[];
  return found.map(withSeq);
}
