import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../identity/identity.viewer';
import type { EventFeed, FeedEvent, FeedSubscriber } from './events.feed';
import { type EventFilterSpec, later, matchesFilter, visibleTo } from './events.model';
import { readEvents } from './events.reads';

const PAGE = 500;
/** Live events handed out back to back before the stream lets the event loop run other work. */
const YIELD_EVERY = 16;
const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

export interface StreamOptions {
  feed: EventFeed;
  /** Where replays read from (a fork of the request's EntityManager). */
  em: EntityManager;
  viewer: Viewer;
  filter: EventFilterSpec;
  /** Replay every matching event after this position first; by default start with the next new event. */
  after?: bigint;
  /** Live events queued before the subscriber falls back to reading from the table. */
  maxBuffer: number;
}

/**
 * One subscriber's stream: first the matching committed events after `after`, read from the outbox, then the live
 * ones the feed delivers, with no gap and no duplicate at the hand-over:
 * - it registers with the feed first, then notes L, the feed's position at that moment (one synchronous step, so
 *   every live event it is handed afterwards is above L);
 * - it replays (after, L] from the table (all of it has committed, since the feed has read it) and then the live
 *   events, skipping any at or below max(L, after).
 * A consumer that falls more than `maxBuffer` events behind loses its queue and replays again from the last event it
 * took, so memory stays bounded and nothing is lost. `return()` ends it at once, even while it waits.
 */
export class EventStream implements AsyncIterableIterator<FeedEvent> {
  private readonly unregister: () => void;
  private cursor: bigint;
  private floor = 0n;
  private replayUpTo = 0n;
  private replaying = false;
  private replayBuffer: FeedEvent[] = [];
  private queue: FeedEvent[] = [];
  private overflowed = false;
  private closed = false;
  private waiter: (() => void) | null = null;
  private sinceYield = 0;

  constructor(private readonly o: StreamOptions) {
    const subscriber: FeedSubscriber = { deliver: (e) => this.deliver(e) };
    this.unregister = o.feed.add(subscriber);
    this.cursor = o.after ?? o.feed.position;
    this.startReplay();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<FeedEvent>> {
    for (;;) {
      if (this.closed) return DONE;
      const replayed = this.replayBuffer.shift();
      if (replayed) return this.handOut(replayed);
      if (this.replaying) {
        const page = await readEvents(this.o.em, {
          after: this.cursor,
          upTo: this.replayUpTo,
          viewer: this.o.viewer,
          filter: this.o.filter,
          limit: PAGE,
        });
        this.o.em.clear();
        if (page.length < PAGE) this.replaying = false;
        this.replayBuffer = page;
        // Nothing matched up to L: the stream has still seen up to L.
        if (!this.replaying && page.length === 0 && this.cursor < this.replayUpTo) this.cursor = this.replayUpTo;
        continue;
      }
      if (this.overflowed) {
        this.startReplay();
        continue;
      }
      const live = this.queue.shift();
      if (live) return this.handOut(live);
      this.sinceYield = 0;
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
  }

  async return(): Promise<IteratorResult<FeedEvent>> {
    this.close();
    return DONE;
  }

  async throw(err?: unknown): Promise<IteratorResult<FeedEvent>> {
    this.close();
    throw err;
  }

  /** The last position this stream handed out (or has seen past). */
  get position(): bigint {
    return this.cursor;
  }

  /**
   * A consumer that never waits (a socket that takes every write at once) would otherwise chain deliveries in
   * microtasks and starve the process's other I/O: every few events the stream gives the event loop a turn.
   */
  private async handOut(e: FeedEvent): Promise<IteratorResult<FeedEvent>> {
    if (++this.sinceYield >= YIELD_EVERY) {
      this.sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.closed) return DONE;
    }
    return this.take(e);
  }

  private take(e: FeedEvent): IteratorYieldResult<FeedEvent> {
    if (e.seq > this.cursor) this.cursor = e.seq;
    return { done: false, value: e };
  }

  private startReplay(): void {
    this.overflowed = false;
    this.queue = [];
    const L = this.o.feed.position;
    this.replayUpTo = L;
    this.floor = later(L, this.cursor);
    this.replaying = this.cursor < L;
  }

  private deliver(e: FeedEvent): void {
    if (this.closed || this.overflowed || e.seq <= this.floor) return;
    if (!visibleTo(this.o.viewer, e) || !matchesFilter(this.o.filter, e)) return;
    this.queue.push(e);
    if (this.queue.length > this.o.maxBuffer) {
      this.queue = [];
      this.overflowed = true;
    }
    this.wakeUp();
  }

  private wakeUp(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unregister();
    this.queue = [];
    this.replayBuffer = [];
    this.wakeUp();
  }
}
