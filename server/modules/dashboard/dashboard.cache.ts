import type { Context } from '../../shared/context';
import { one } from '../../shared/sql';

/**
 * The aggregates whose answer depends only on the data and the caller's scope. admissionAggregate is not among them:
 * the age of the oldest pending request grows with the clock, not with the data.
 */
export const CACHEABLE_AGGREGATES: ReadonlySet<string> = new Set([
  'fundsAggregate',
  'coverageAggregate',
  'targetAggregate',
  'reviewAggregate',
  'exAnteAggregate',
  'libraryAggregate',
]);

/**
 * The data generation: moves, in the committing transaction, with every change to a table the aggregates read
 * (migration Migration20261126170000_generation). One indexed single-row read.
 */
export async function dataGeneration(ctx: Pick<Context, 'em'>): Promise<string> {
  const row = await one<{ generation: string }>(ctx, 'select generation::text as generation from data_generation');
  if (!row) throw new Error('data_generation has no row: migrations not applied');
  return row.generation;
}

/**
 * Answers computed for a generation of the data, by request key (the query, its variables and the caller's scope).
 * An answer is served only while the generation it was computed at is still the current one, so it is never stale;
 * the generation is read before computing, so an answer that already includes a later commit is stored under the
 * older generation and simply recomputed once the newer one is read. Least recently used answers go first.
 */
export class AggregateCache<V> {
  private readonly entries = new Map<string, { generation: string; value: V }>();

  constructor(private readonly maxEntries: number) {}

  get enabled(): boolean {
    return this.maxEntries > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether an answer is kept for the key, whatever its generation. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string, generation: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.generation !== generation) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, generation: string, value: V): void {
    if (!this.enabled) return;
    this.entries.delete(key);
    this.entries.set(key, { generation, value });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
