import DataLoader from 'dataloader';
import type { Context } from './context';
import { rows, type Selection, selectList, type Table, widthOf } from './sql';

type Key = string | number;

/** What a `many` batch loads next for the rows it found (named: the name is part of the loader's identity). */
export interface Prefetch<T> {
  readonly name: string;
  run(found: T[]): Promise<unknown>;
}

function manyName<T>(
  t: Table<T>,
  column: string,
  orderBy: string,
  extraWhere: string,
  prefetch: Prefetch<T> | undefined,
  fields: Selection,
): string {
  const suffix = prefetch ? `:then:${prefetch.name}` : '';
  return `many:${t.name}:${column}:${orderBy}:${extraWhere}:${widthOf(t, fields)}${suffix}`;
}

/**
 * Per-request DataLoaders: each relation of a response is fetched with one set-based statement, whatever the
 * page size. Loaders are created lazily, keyed by table and column.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<Key, unknown>>();
  /** Values of `one` loaders whose batch has completed, by loader and key: read synchronously by `oneNow`. */
  private readonly settled = new Map<string, unknown>();

  constructor(private readonly ctx: Pick<Context, 'em'>) {}

  /**
   * Rows of `t` whose `column` (default the primary key) equals the key; one row or undefined per key. Given the
   * fields a query selects, the lazy columns it does not ask for are left out (a separate loader per width).
   */
  one<T>(t: Table<T>, column = 'id', extraWhere = '', fields?: Selection): DataLoader<Key, T | undefined> {
    const name = `one:${t.name}:${column}:${extraWhere}:${widthOf(t, fields)}`;
    return this.get(name, async (keys) => {
      const found = await rows<T>(
        this.ctx,
        `select ${selectList(t, 't', fields)} from ${t.name} t where t.${column} in (${keys.map(() => '?').join(', ')})${extraWhere ? ` and ${extraWhere}` : ''}`,
        keys,
      );
      const field = fieldOf(t, column);
      const byKey = new Map(found.map((r) => [String((r as Record<string, unknown>)[field]), r]));
      return keys.map((k) => {
        const value = byKey.get(String(k));
        this.settled.set(`${name}\u0000${String(k)}`, value);
        return value;
      });
    }) as DataLoader<Key, T | undefined>;
  }

  /**
   * Like `one(t).load(key)`, but answers synchronously when a batch of this request already loaded the key (e.g.
   * prefetched by the parent list): graphql-js completes a plain value far more cheaply than a promise, which
   * matters for relations resolved thousands of times per response.
   */
  oneNow<T>(
    t: Table<T>,
    key: Key,
    column = 'id',
    extraWhere = '',
    fields?: Selection,
  ): T | undefined | Promise<T | undefined> {
    const name = `one:${t.name}:${column}:${extraWhere}:${widthOf(t, fields)}`;
    const id = `${name}\u0000${String(key)}`;
    if (this.settled.has(id)) return this.settled.get(id) as T | undefined;
    return this.one(t, column, extraWhere, fields).load(key);
  }

  /** Records a row read by another statement (a list's join) as what `one(t).load(key)` answers in this request. */
  prime<T>(t: Table<T>, key: Key, value: T, fields?: Selection): void {
    const name = `one:${t.name}:id::${widthOf(t, fields)}`;
    this.settled.set(`${name}\u0000${String(key)}`, value);
    this.one(t, 'id', '', fields).prime(key, value);
  }

  /** Drops a cached `one` value (after a write), so the next read goes to the database. */
  forgetOne<T>(t: Table<T>, column: string, key: Key): void {
    this.settled.delete(`one:${t.name}:${column}::*\u0000${String(key)}`);
    this.one(t, column).clear(key);
  }

  /** All rows of `t` whose `column` equals the key, in `orderBy` order; a list per key. */
  many<T>(
    t: Table<T>,
    column: string,
    orderBy = 't.id',
    extraWhere = '',
    prefetch?: Prefetch<T>,
    fields?: Selection,
  ): DataLoader<Key, T[]> {
    const name = manyName(t, column, orderBy, extraWhere, prefetch, fields);
    return this.get(name, async (keys) => {
      const found = await rows<T>(
        this.ctx,
        `select ${selectList(t, 't', fields)} from ${t.name} t where t.${column} in (${keys.map(() => '?').join(', ')})${extraWhere ? ` and ${extraWhere}` : ''} order by ${orderBy}`,
        keys,
      );
      const field = fieldOf(t, column);
      const byKey = new Map<string, T[]>();
      for (const r of found) {
        const k = String((r as Record<string, unknown>)[field]);
        const list = byKey.get(k);
        if (list) list.push(r);
        else byKey.set(k, [r]);
      }
      // Loads what the caller will ask of every row next, in the same round, so those relations answer at once.
      if (prefetch) await prefetch.run(found);
      return keys.map((k) => {
        const list = byKey.get(String(k)) ?? [];
        this.settled.set(`${name}\u0000${String(k)}`, list);
        return list;
      });
    }) as DataLoader<Key, T[]>;
  }

  /**
   * Like `many(...).load(key)`, but answers synchronously once a batch of this request loaded the key (a parent list
   * prefetched it): a page's relations then complete without a promise per object.
   */
  manyNow<T>(
    t: Table<T>,
    column: string,
    key: Key,
    orderBy = 't.id',
    extraWhere = '',
    prefetch?: Prefetch<T>,
    fields?: Selection,
  ): T[] | Promise<T[]> {
    const id = `${manyName(t, column, orderBy, extraWhere, prefetch, fields)}\u0000${String(key)}`;
    if (this.settled.has(id)) return this.settled.get(id) as T[];
    return this.many(t, column, orderBy, extraWhere, prefetch, fields).load(key);
  }

  /** A loader with a batch function of the caller's own, for relations that are not a plain column match. */
  custom<V>(name: string, batch: (keys: readonly Key[]) => Promise<V[]>): DataLoader<Key, V> {
    return this.get(`custom:${name}`, batch) as DataLoader<Key, V>;
  }

  private get(name: string, batch: (keys: readonly Key[]) => Promise<unknown[]>): DataLoader<Key, unknown> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<Key, unknown>(batch, { cacheKeyFn: (k) => String(k), maxBatchSize: 1000 });
      this.loaders.set(name, loader);
    }
    return loader;
  }
}

function fieldOf<T>(t: Table<T>, column: string): string {
  for (const [field, col] of Object.entries(t.columns as Record<string, unknown>)) {
    if (col === column) return field;
  }
  throw new Error(`table ${t.name} has no field for column ${column}`);
}

/** Reads a row after its write committed, bypassing any value the request's loaders cached before. */
export async function fresh<T>(
  ctx: Pick<Context, 'loaders'>,
  t: Table<T>,
  column: string,
  key: string | number,
): Promise<T> {
  ctx.loaders.forgetOne(t, column, key);
  const row = await ctx.loaders.one(t, column).load(key);
  if (!row) throw new Error(`${t.name} ${key} vanished after its write`);
  return row;
}
