import type { Context } from './context';
import type { SelectionTree } from './lookahead';

/**
 * Loads, for a page of items of one GraphQL type, the relations the query selects below them, before graphql-js
 * walks the page. The relation resolvers then find their batches settled (`Loaders.oneNow` / `manyNow`) and answer
 * synchronously, so a page of 100 projects with their targets and rows completes without a promise per object.
 * The module that owns a relation registers its prefetcher for the parent type, so modules stay decoupled; a
 * prefetcher must load through the same loaders, with the same arguments, as the relation's resolver (otherwise the
 * resolver simply loads again, which the N+1 tests would notice as extra statements).
 */
export type Prefetcher<T> = (ctx: Context, items: readonly T[], tree: SelectionTree) => Promise<void>;

const prefetchers = new Map<string, Prefetcher<never>[]>();

export function registerPrefetch<T>(typeName: string, prefetcher: Prefetcher<T>): void {
  const list = prefetchers.get(typeName) ?? [];
  list.push(prefetcher as Prefetcher<never>);
  prefetchers.set(typeName, list);
}

/** Runs every prefetcher registered for the type over the items, in parallel (each batches one statement). */
export async function prefetch<T>(ctx: Context, typeName: string, items: readonly T[], tree: SelectionTree) {
  const list = prefetchers.get(typeName);
  if (!list || items.length === 0) return;
  await Promise.all(list.map((p) => (p as Prefetcher<T>)(ctx, items, tree)));
}
