import type { Context } from './context';

/**
 * A table as the read side sees it: the SQL table name and, for each field of the API's plain object,
 * the column it comes from. Reads select into these shapes directly, with no entity hydration.
 */
export interface Table<T> {
  readonly name: string;
  readonly columns: { readonly [K in keyof T]-?: Column };
}

/** A column name, or a computed SQL expression over the row (written with the alias `t`). */
export type Column = string | { readonly expression: string };

/** A computed column, e.g. `expression('t.requested - t.approved')`. */
export function expression(sql: string): Column {
  return { expression: sql };
}

export function table<T>(name: string, columns: { readonly [K in keyof T]-?: Column }): Table<T> {
  return { name, columns };
}

/** `t.col as "field", (expression) as "field", ...` for every field of the table. */
export function selectList<T>(t: Table<T>, alias = 't'): string {
  return Object.entries(t.columns as Record<string, Column>)
    .map(([field, col]) =>
      typeof col === 'string'
        ? `${alias}.${col} as "${field}"`
        : `(${alias === 't' ? col.expression : col.expression.replace(/\bt\./g, `${alias}.`)}) as "${field}"`,
    )
    .join(', ');
}

/**
 * Runs one statement with `?` placeholders and returns plain rows. It goes through the EntityManager so that inside a
 * write it joins the write's transaction (a statement on another connection would not see uncommitted rows, and on
 * the embedded database it would wait for the transaction forever).
 */
export async function rows<R>(ctx: Pick<Context, 'em'>, sql: string, params: readonly unknown[] = []): Promise<R[]> {
  return (await ctx.em.execute(sql, params as unknown[], 'all')) as R[];
}

export async function one<R>(
  ctx: Pick<Context, 'em'>,
  sql: string,
  params: readonly unknown[] = [],
): Promise<R | undefined> {
  const r = await rows<R>(ctx, sql, params);
  return r[0];
}

/** A WHERE clause under construction: conditions joined by AND, with their parameters. */
export class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(condition: string, ...params: unknown[]): this {
    this.parts.push(condition);
    this.params.push(...params);
    return this;
  }

  /** Adds `column = ?` when the value is given (not undefined / null). */
  eq(column: string, value: unknown): this {
    if (value !== undefined && value !== null) this.add(`${column} = ?`, value);
    return this;
  }

  /** Adds `column in (...)` when a non-empty list is given; an empty list matches nothing. */
  in(column: string, values: readonly unknown[] | undefined | null): this {
    if (values === undefined || values === null) return this;
    if (values.length === 0) return this.add('false');
    return this.add(`${column} in (${values.map(() => '?').join(', ')})`, ...values);
  }

  get sql(): string {
    return this.parts.length ? `where ${this.parts.join(' and ')}` : '';
  }
}

/** Escapes LIKE wildcards so user text matches literally. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
