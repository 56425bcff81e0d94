import { Max, Min } from 'class-validator';
import { ArgsType, type ClassType, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Context } from './context';
import { rows, type Selection, selectList, splitJoined, type Table, type Where } from './sql';

/** The largest page any list returns. */
export const MAX_PAGE_SIZE = 200;

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Ascending or descending order.',
  valuesConfig: {
    ASC: { description: 'Ascending (升序): smallest or earliest first.' },
    DESC: { description: 'Descending (降序): largest or latest first.' },
  },
});

/** Paging arguments shared by every list: `offset` and a page size bounded at 200. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 0, description: 'How many items to skip.' })
  @Min(0)
  @Max(10_000_000)
  offset: number = 0;

  @Field(() => Int, { defaultValue: 50, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 50;
}

/** Every list in the API returns this shape: a page of `items` and the `totalCount` matching the filter. */
export function ListResult<T extends object>(item: ClassType<T>) {
  @ObjectType()
  abstract class ListResultClass {
    @Field(() => [item], { description: 'The items of this page.' })
    items!: T[];

    @Field(() => Int, { description: 'How many items match the filter, over all pages.' })
    totalCount!: number;
  }
  return ListResultClass;
}

/** A sort key: a field of the list's sort enum and a direction. */
export function SortInput<E extends object>(fieldEnum: E, name: string) {
  @InputType(`${name}Sort`, { description: `One sort key of ${name} lists.` })
  class SortInputClass {
    @Field(() => fieldEnum, { description: 'The field to sort by.' })
    field!: E[keyof E];

    @Field(() => SortDirection, {
      defaultValue: SortDirection.ASC,
      description: 'Ascending or descending; ascending when omitted.',
    })
    direction: SortDirection = SortDirection.ASC;
  }
  return SortInputClass;
}

export interface SortKey<F> {
  field: F;
  direction: SortDirection;
}

/** ORDER BY from sort keys (columns from the map), always ending with the primary key so pages are stable. */
export function orderBy<F extends string>(
  sort: readonly SortKey<F>[] | undefined | null,
  columns: Record<F, string>,
  fallback: string,
  primaryKey = 't.id',
): string {
  const keys = (sort ?? []).map((s) => `${columns[s.field]} ${s.direction === SortDirection.DESC ? 'desc' : 'asc'}`);
  const primary = `${primaryKey} asc`;
  if (keys.length === 0) return fallback === primary ? primary : `${fallback}, ${primary}`;
  return [...keys, primary].join(', ');
}

export interface Page<T> {
  items: T[];
  totalCount: number;
}

/**
 * A to-one relation read in the list's own statement (a left join on its primary key) instead of a second one:
 * the joined rows are handed to the request's loaders, so the relation's resolver (`Loaders.oneNow` on the same
 * table, by id, with no extra condition) answers them at once. Only for relations whose loader applies no row scope.
 */
export interface JoinedOne {
  readonly table: Table<unknown>;
  /** The main table's column holding the related row's id. */
  readonly foreignKey: string;
  readonly fields?: Selection;
}

/**
 * One page of a list and its total count in a single statement (`count(*) over ()`); a second statement is needed
 * only when the page is past the end.
 */
export async function listPage<T>(
  ctx: Pick<Context, 'em' | 'loaders'>,
  t: Table<T>,
  where: Where,
  order: string,
  page: { offset: number; limit: number },
  joins = '',
  fields?: Selection,
  joined: readonly JoinedOne[] = [],
): Promise<Page<T>> {
  const joinSql = joined.map((j, k) => ` left join ${j.table.name} j${k} on j${k}.id = t.${j.foreignKey}`).join('');
  const joinSelect = joined.map((j, k) => `, ${selectList(j.table, `j${k}`, j.fields, `j${k}.`)}`).join('');
  // With joined relations, the page is cut first and only its rows are joined (not every row the count sees).
  const sql = joined.length
    ? `select ${selectList(t, 't', fields)}${joinSelect}, t.__total as "__total" from (select t.*, count(*) over () as __total from ${t.name} t ${joins} ${where.sql} order by ${order} limit ? offset ?) t${joinSql} order by ${order}`
    : `select ${selectList(t, 't', fields)}, count(*) over () as "__total" from ${t.name} t ${joins} ${where.sql} order by ${order} limit ? offset ?`;
  const found = await rows<T & { __total: string }>(ctx, sql, [...where.params, page.limit, page.offset]);
  if (found.length === 0) {
    if (page.offset === 0) return { items: [], totalCount: 0 };
    const [c] = await rows<{ n: string }>(
      ctx,
      `select count(*) as n from ${t.name} t ${joins} ${where.sql}`,
      where.params,
    );
    return { items: [], totalCount: Number(c?.n ?? 0) };
  }
  const totalCount = Number(found[0]?.__total ?? 0);
  // New objects without the total and the joined columns (deleting keys would leave slow dictionary-mode rows).
  const split = splitJoined(found, ['__total', ...joined.map((_, k) => `j${k}.`)]);
  const items = split.map(({ row, joined: related }) => {
    joined.forEach((j, k) => {
      const r = related[k + 1];
      if (r) ctx.loaders.prime(j.table, r.id as string | number, r, j.fields);
    });
    return row as T;
  });
  return { items, totalCount };
}
