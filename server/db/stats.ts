import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request SQL statement counter, used by the N+1 test, the logs and the benchmarks. */
export interface SqlStats {
  statements: number;
}

export const sqlStatsStorage = new AsyncLocalStorage<SqlStats>();

/** Process-wide statement count (requests and background work alike). */
export const globalSqlStats: SqlStats = { statements: 0 };

export function countStatement(): void {
  globalSqlStats.statements++;
  const current = sqlStatsStorage.getStore();
  if (current) current.statements++;
}

const finished = new Map<string, number>();

/** Keeps the statement count of a finished request by its id (the last 1,000), for tests and benchmarks. */
export function recordRequestStatements(requestId: string, statements: number): void {
  finished.set(requestId, statements);
  if (finished.size > 1000) {
    const oldest = finished.keys().next().value;
    if (oldest !== undefined) finished.delete(oldest);
  }
}

/** The statement count of a finished request, if it is among the last 1,000. */
export function requestStatements(requestId: string): number | undefined {
  return finished.get(requestId);
}
