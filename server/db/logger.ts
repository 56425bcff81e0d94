import type { LogContext, LoggerNamespace, Logger as OrmLogger } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { countStatement } from './stats';

/** MikroORM's logger, routed to pino; it also counts every SQL statement for the per-request statistics. */
export class OrmPinoLogger implements OrmLogger {
  constructor(
    private readonly pino: Logger,
    private readonly logSql: boolean,
  ) {}

  private write(level: 'info' | 'warn' | 'error', namespace: string, message: string): void {
    this.pino[level]({ namespace }, message);
  }

  log(namespace: LoggerNamespace | string, message: string): void {
    if (namespace === 'info' || namespace === 'deprecated') this.write('info', namespace, message);
  }

  error(namespace: LoggerNamespace | string, message: string): void {
    this.write('error', namespace, message);
  }

  warn(namespace: LoggerNamespace | string, message: string): void {
    this.write('warn', namespace, message);
  }

  logQuery(context: LogContext): void {
    countStatement();
    if (context.level === 'error') {
      this.pino.warn({ sql: context.query, took: context.took }, 'SQL statement failed');
    } else if (this.logSql) {
      this.pino.info({ sql: context.query, took: context.took }, 'sql');
    }
  }

  setDebugMode(): void {}

  isEnabled(namespace: LoggerNamespace): boolean {
    return namespace === 'query' ? this.logSql : false;
  }
}
