import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { EventFeed } from '../events';
import type { WebhookSettings } from './webhooks.config';
import { fanOutStep } from './webhooks.fanout';
import { deliverDue } from './webhooks.worker';

/** A job that runs one at a time; a call made while it runs causes one more run afterwards. */
class SingleFlight {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly body: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.body();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }
}

const DEBOUNCE_MS = 10;
const LOCKED_RETRY_MS = 100;

/**
 * The webhook machinery of one API instance (事件推送): the fan-out turns committed review events into delivery rows
 * (once, whichever instance does it), and the worker sends due deliveries and retries failures with backoff. Both
 * run when woken (a new event from the feed, a new delivery) and every `pollMs`; every instance may run them.
 */
export class WebhookDispatcher {
  private readonly em: EntityManager;
  private readonly fanout: SingleFlight;
  private readonly worker: SingleFlight;
  private timers: NodeJS.Timeout[] = [];
  private debounce: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;
  /** Aborted on stop: POSTs in flight are cut off and their claims given back. */
  private readonly stopping = new AbortController();
  /** The fan-out cursor as last seen here; while the feed has read nothing newer, a poll needs no statement. */
  private cursor = -1n;

  constructor(
    orm: MikroORM<PostgreSqlDriver>,
    private readonly feed: EventFeed,
    private readonly settings: WebhookSettings,
    private readonly log: Logger,
  ) {
    this.em = orm.em.fork();
    this.fanout = new SingleFlight(() => this.fanOut());
    this.worker = new SingleFlight(() => this.deliver());
  }

  start(): void {
    this.unsubscribe = this.feed.add({ deliver: () => this.scheduleFanout() });
    this.every(this.settings.pollMs, () => {
      if (this.feed.position > this.cursor) void this.fanout.run();
    });
    if (this.settings.enabled) this.every(this.settings.pollMs, () => this.wakeWorker());
    void this.fanout.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    this.unsubscribe?.();
    for (const t of this.timers) clearInterval(t);
    if (this.debounce) clearTimeout(this.debounce);
    await Promise.all([this.fanout.idle(), this.worker.idle()]);
  }

  /** Sends what is due now (also called after the fan-out created deliveries). */
  wakeWorker(): void {
    if (!this.settings.enabled || this.stopped) return;
    void this.worker.run();
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    t.unref();
    this.timers.push(t);
  }

  private scheduleFanout(): void {
    if (this.debounce || this.stopped) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      void this.fanout.run();
    }, DEBOUNCE_MS);
    this.debounce.unref();
  }

  private async fanOut(): Promise<void> {
    try {
      for (;;) {
        if (this.stopped) return;
        const outcome = await fanOutStep(this.em);
        if (outcome.locked) {
          // Another instance is fanning out; look again shortly for what it may have left.
          const t = setTimeout(() => void this.fanout.run(), LOCKED_RETRY_MS);
          t.unref();
          return;
        }
        if (outcome.cursor > this.cursor) this.cursor = outcome.cursor;
        if (outcome.created > 0) this.wakeWorker();
        if (!outcome.more) return;
      }
    } catch (err) {
      if (!this.stopped) this.log.error({ err }, 'webhooks: fan-out failed; will retry');
    }
  }

  private async deliver(): Promise<void> {
    try {
      while (!this.stopped && (await deliverDue(this.em, this.settings, this.log, this.stopping.signal)) > 0) {
        // Claimed a round; there may be more due.
      }
    } catch (err) {
      if (!this.stopped) this.log.error({ err }, 'webhooks: delivering failed; will retry');
    }
  }
}
