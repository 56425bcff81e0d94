/** Dashboard module: aggregates for dashboard builders (one shape: group-by dimensions, filter, groups and total). */
export { BudgetRollupEntity } from './dashboard.entity';
export { dashboardReads } from './dashboard.reads';
export { DashboardResolver } from './dashboard.resolver';
export * from './dashboard.types';

import { DashboardResolver } from './dashboard.resolver';

export const dashboardResolvers = [DashboardResolver] as const;
export { AggregateCache, CACHEABLE_AGGREGATES, dataGeneration } from './dashboard.cache';
