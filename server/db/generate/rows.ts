import type { EntityManager } from '@mikro-orm/postgresql';
import type { Table } from '../seeders/context';
import { insertRows, type Row } from '../seeders/sql';

/** A reference to a row generated in the same city, by its local (1-based, per table) id. */
export class Ref {
  constructor(
    readonly table: Table,
    readonly local: number,
  ) {}
}

/** A jsonb value that may hold Refs (resolved to database ids before it is stringified). */
export class Json {
  constructor(readonly value: unknown) {}
}

export type Cell = string | number | boolean | null | Ref | Json;
export type GenRow = Record<string, Cell>;

/** Tables whose rows a city brings (in foreign-key order); frameworks and function classes are shared. */
export const CITY_TABLES = [
  'finance_division',
  'department',
  'indicator_category',
  'indicator',
  'indicator_change_request',
  'indicator_change_approval',
  'project',
  'project_budget',
  'ex_ante_assessment',
  'performance_target',
  'target_indicator',
  'target_review',
] as const satisfies readonly Table[];
export type CityTable = (typeof CITY_TABLES)[number];

/** The rows of one city, with local ids: they become database ids only when the city is inserted. */
export class CityRows {
  readonly rows = Object.fromEntries(CITY_TABLES.map((t) => [t, [] as GenRow[]])) as Record<CityTable, GenRow[]>;
  private readonly counters = new Map<CityTable, number>();

  nextId(table: CityTable): Ref {
    const n = (this.counters.get(table) ?? 0) + 1;
    this.counters.set(table, n);
    return new Ref(table, n);
  }

  /** Makes sure later nextId calls do not hand out ids up to `local` (for rows imported with their own ids). */
  reserveUpTo(table: CityTable, local: number): void {
    if ((this.counters.get(table) ?? 0) < local) this.counters.set(table, local);
  }

  count(table: CityTable): number {
    return this.counters.get(table) ?? 0;
  }

  add(table: CityTable, row: GenRow): void {
    this.rows[table].push(row);
  }
}

/** Local → database ids of the shared tables (frameworks and their nodes), the same for every city. */
export type SharedIds = Partial<Record<Table, ReadonlyMap<number, number>>>;

/**
 * Reserves one database id per local id of every table from the table's own sequence (nextval, so concurrent
 * writers never get the same ids), then inserts the rows table by table with the references resolved.
 * Returns the number of rows written per table.
 */
export async function insertCity(
  tx: EntityManager,
  city: CityRows,
  shared: SharedIds,
): Promise<Record<CityTable, number>> {
  const ids = new Map<Table, number[]>();
  for (const table of CITY_TABLES) {
    const n = city.count(table);
    if (n === 0) continue;
    const rows = await tx.execute<Array<{ id: number }>>(
      `select nextval(pg_get_serial_sequence('${table}', 'id'))::int as id from generate_series(1, ?) as g(n) order by g.n`,
      [n],
    );
    ids.set(
      table,
      rows.map((r) => Number(r.id)),
    );
  }
  const resolveRef = (r: Ref): number => {
    const own = ids.get(r.table)?.[r.local - 1];
    if (own !== undefined) return own;
    const id = shared[r.table]?.get(r.local);
    if (id === undefined) throw new Error(`unresolved reference ${r.table}#${r.local}`);
    return id;
  };
  const deep = (v: unknown): unknown => {
    if (v instanceof Ref) return resolveRef(v);
    if (Array.isArray(v)) return v.map(deep);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]));
    }
    return v;
  };
  const written = {} as Record<CityTable, number>;
  for (const table of CITY_TABLES) {
    const source = city.rows[table];
    const out: Row[] = new Array(source.length);
    for (let i = 0; i < source.length; i++) {
      const row: Row = {};
      for (const [k, v] of Object.entries(source[i]!)) {
        row[k] = v instanceof Ref ? resolveRef(v) : v instanceof Json ? JSON.stringify(deep(v.value)) : v;
      }
      out[i] = row;
    }
    await insertRows(tx, table, out);
    written[table] = out.length;
    source.length = 0;
  }
  return written;
}
