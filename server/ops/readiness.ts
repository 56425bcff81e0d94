import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

export type Readiness = { ready: true } | { ready: false; reason: string };

/** How long one readiness check may wait for the database before it answers "unavailable". */
const CHECK_TIMEOUT_MS = 3000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_ok, fail) => {
    timer = setTimeout(() => fail(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Readiness: the database answers `select 1` and every checked-in migration has been applied. Once the migrations
 * are known to be applied the answer is kept (they are never un-applied under a running process); the database
 * is asked on every check.
 */
export class ReadinessCheck {
  private migrationsApplied = false;

  constructor(
    private readonly orm: MikroORM<PostgreSqlDriver>,
    private readonly log: Logger,
  ) {}

  async check(): Promise<Readiness> {
    try {
      await withTimeout(this.orm.em.fork().execute('select 1', [], 'all'), CHECK_TIMEOUT_MS, 'the database');
    } catch (err) {
      this.log.warn({ err }, 'readiness: the database does not answer');
      return { ready: false, reason: `database unreachable: ${(err as Error).message}` };
    }
    if (!this.migrationsApplied) {
      try {
        const pending = await withTimeout(
          this.orm.getMigrator().getPendingMigrations(),
          CHECK_TIMEOUT_MS,
          'the migration check',
        );
        if (pending.length) {
          return { ready: false, reason: `migrations pending: ${pending.map((m) => m.name).join(', ')}` };
        }
        this.migrationsApplied = true;
      } catch (err) {
        this.log.warn({ err }, 'readiness: could not check the migrations');
        return { ready: false, reason: `migration check failed: ${(err as Error).message}` };
      }
    }
    return { ready: true };
  }

  /** GET /readyz: 200 {status:"ready"} or 503 {status:"unavailable", reason}. */
  handler(): RequestHandler {
    return async (_req, res) => {
      const r = await this.check();
      res.setHeader('cache-control', 'no-store');
      if (r.ready) res.json({ status: 'ready' });
      else res.status(503).json({ status: 'unavailable', reason: r.reason });
    };
  }
}
