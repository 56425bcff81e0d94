import type { Context } from './context';

/**
 * A table as the read side sees it: the SQL table name and, for each field of the API's plain object,
 * the column it comes from. Reads select into these shapes directly, with no entity hydration.
 */
export interface Table<T> {
  readonly name: string;
  readonly columns: { readonly [K in keyof T]-?: Column };
  /**
   * Fields read only when a query selects them: long texts and timestamps that no rule, guard or relation looks at.
   * A read given the selected fields (`Selection`) leaves the others out; one given none reads every column.
   */
  readonly lazy: ReadonlySet<string>;
}

/** The fields a GraphQL selection asks for at one level (see shared/lookahead `fieldsAt`); undefined: all. */
export type Selection = { has(field: string): boolean } | undefined;

/** A column name, or a computed SQL expression over the row (written with the alias `t`). */
export type Column = string | { readonly expression: string };

/** A computed column, e.g. `expression('t.requested - t.approved')`. */
export function expression(sql: string): Column {
  return { expression: sql };
}

export function table<T>(
  name: string,
  columns: { readonly [K in keyof T]-?: Column },
  options: { lazy?: readonly (keyof T & string)[] } = {},
): Table<T> {
  return { name, columns, lazy: new Set(options.lazy ?? []) };
}

/**
 * Which columns a read of `t` selects: a key naming the lazy fields it includes ('*' for all columns), so loaders of
 * different widths never share cached rows. Measured on the nested project list (100 projects with targets, rows and
 * indicators): leaving out the unselected long texts and timestamps cut the Node CPU per request by about a quarter.
 */
export function widthOf<T>(t: Table<T>, fields: Selection): string {
  if (!fields || t.lazy.size === 0) return '*';
  const included = [...t.lazy].filter((f) => fields.has(f));
  return included.length === t.lazy.size ? '*' : included.sort().join(',');
}

const selectLists = new Map<string, string>();

/**
 * `t.col as "field", (expression) as "field", ...` for the fields of the table a read needs (all by default); with a
 * prefix the names become "prefix.field" (a joined table's columns beside the main one's).
 */
export function selectList<T>(t: Table<T>, alias = 't', fields?: Selection, prefix = ''): string {
  const width = widthOf(t, fields);
  const key = `${t.name}\u0000${alias}\u0000${width}\u0000${prefix}`;
  let list = selectLists.get(key);
  if (list === undefined) {
    list = Object.entries(t.columns as Record<string, Column>)
      .filter(([field]) => width === '*' || !t.lazy.has(field) || fields?.has(field))
      .map(([field, col]) =>
        typeof col === 'string'
          ? `${alias}.${col} as "${prefix}${field}"`
          : `(${alias === 't' ? col.expression : col.expression.replace(/\bt\./g, `${alias}.`)}) as "${prefix}${field}"`,
      )
      .join(', ');
    selectLists.set(key, list);
  }
  return list;
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
