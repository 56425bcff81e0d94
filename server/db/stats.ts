import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request SQL statement counter, used by the N+1 test, the logs and the benchmarks. */
export interface SqlStats {
  statements: number;
}

export const sqlStatsStorage = new AsyncLocalStorage<SqlStats>();

/** Process-wide statement count (all requests), for tests that measure one request at a time. */
export const globalSqlStats: SqlStats = { statements: 0 };

export function countStatement(): void {
  globalSqlStats.statements++;
  const current = sqlStatsStorage.getStore();
  if (current) current.statements++;
}
