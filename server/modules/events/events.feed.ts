import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { sqlStatsStorage } from '../../db/stats';
import type { EventRecord } from './events.model';
import { newestPosition, readAll } from './events.reads';

export type FeedEvent = EventRecord & { seq: bigint };

/** Whoever wants every committed event of this process's feed, in position order, exactly once each. */
export interface FeedSubscriber {
  deliver(event: FeedEvent): void;
}

export interface FeedOptions {
  /** Wake on PostgreSQL LISTEN/NOTIFY (ignored on PGlite, which cannot notify another connection). */
  listen: boolean;
  /** Look for new events this often even without a notification, in ms. */
  pollMs: number;
}

const PAGE = 500;
const CHANNEL = 'review_event';

/**
 * The process's view of the event outbox. The table is the source of truth: the feed remembers the highest position
 * it has read and, whenever it is woken, reads what committed after it, in position order, and hands each event to
 * its subscribers (live GraphQL subscriptions, the webhook fan-out). Wake-ups come from three places, any of which is
 * enough: a commit in this process, a NOTIFY from any instance on the same PostgreSQL server (raised by the
 * outbox's trigger at commit), and a poll every `pollMs` as a safety net for a lost listening connection.
 */
export class EventFeed {
  private last = 0n;
  private readonly subscribers = new Set<FeedSubscriber>();
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private listener: Client | undefined;
  private reconnect: NodeJS.Timeout | undefined;
  private listening = false;

  constructor(
    private readonly orm: MikroORM<PostgreSqlDriver>,
    private readonly log: Logger,
    private readonly options: FeedOptions,
  ) {}

  /** The highest position this process has read: every committed event up to it has been delivered. */
  get position(): bigint {
    return this.last;
  }

  /** Whether a LISTEN connection is up (a PostgreSQL server with EVENTS_LISTEN on). */
  get isListening(): boolean {
    return this.listening;
  }

  async start(): Promise<void> {
    const em = this.orm.em.fork();
    this.last = await newestPosition(em);
    this.orm.em.getEventManager().registerSubscriber({
      afterTransactionCommit: () => this.wake(),
    });
    if (this.options.listen && !(await this.isEmbedded())) await this.connectListener();
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.reconnect) clearTimeout(this.reconnect);
    const listener = this.listener;
    this.listener = undefined;
    this.listening = false;
    if (listener) await listener.end().catch(() => undefined);
    await this.running?.catch(() => undefined);
    this.subscribers.clear();
  }

  /** Adds a subscriber; returns the function that removes it. */
  add(subscriber: FeedSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => {
      this.subscribers.delete(subscriber);
    };
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Reads and delivers what committed since the last read; calls made while it runs cause one more run. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    // Outside any request's statement count: the read is the process's, not the request's that woke it.
    this.running = sqlStatsStorage.exit(async () => {
      try {
        do {
          this.again = false;
          await this.drain();
        } while (this.again && !this.stopped);
      } catch (err) {
        this.log.error({ err }, 'review events: reading the outbox failed; will retry');
      } finally {
        this.running = null;
      }
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const page = await readAll(this.orm.em.fork(), this.last, PAGE);
      for (const event of page) {
        this.last = event.seq;
        for (const s of this.subscribers) {
          try {
            s.deliver(event);
          } catch (err) {
            this.log.error({ err, position: event.position }, 'review events: a subscriber failed');
          }
        }
      }
      if (page.length < PAGE || this.stopped) return;
    }
  }

  private async isEmbedded(): Promise<boolean> {
    const [row] = (await this.orm.em.fork().execute('select version() as v', [], 'all')) as { v: string }[];
    return /PGlite/i.test(row?.v ?? '');
  }

  private async connectListener(): Promise<void> {
    const client = new Client({ connectionString: this.orm.config.get('clientUrl') });
    client.on('notification', () => void this.wake());
    client.on('error', (err) => {
      this.log.warn({ err }, 'review events: the LISTEN connection failed; reconnecting');
    });
    client.on('end', () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.listening = false;
      if (!this.stopped) this.scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      this.listener = client;
      this.listening = true;
      // Anything committed while we were not listening.
      void this.wake();
    } catch (err) {
      this.log.warn({ err }, 'review events: could not LISTEN; relying on polling until it can');
      await client.end().catch(() => undefined);
      if (!this.stopped) this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.reconnect) return;
    this.reconnect = setTimeout(() => {
      this.reconnect = undefined;
      void this.connectListener();
    }, 1000);
    this.reconnect.unref();
  }
}
