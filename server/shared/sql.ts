import { createHash } from 'node:crypto';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/postgresql';
import type { Context } from './context';
import { DomainError } from './errors';

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
  let byTable = widths.get(fields);
  if (!byTable) {
    byTable = new Map();
    widths.set(fields, byTable);
  }
  let width = byTable.get(t.name);
  if (width === undefined) {
    const included = [...t.lazy].filter((f) => fields.has(f));
    width = included.length === t.lazy.size ? '*' : included.sort().join(',');
    byTable.set(t.name, width);
  }
  return width;
}

/** Widths by selection object (selections are computed once per field and request, see shared/lookahead). */
const widths = new WeakMap<object, Map<string, string>>();

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
 * PostgreSQL text cannot hold NUL: a bound parameter with one fails (22021), and one inlined into the statement's text
 * (the ORM's path, and every read on the embedded database) breaks the wire protocol (08P01). Refused here for every
 * statement, as the client's mistake; the operations' arguments are checked with their field names before
 * (shared/text.ts).
 */
function refuseNul(params: readonly unknown[]): void {
  for (const p of params) {
    if (typeof p === 'string' && p.includes('\u0000')) {
      throw new DomainError(
        'BAD_USER_INPUT',
        'Text may not contain NUL characters (U+0000); remove them and send again.',
      );
    }
  }
}

/**
 * Runs one statement with `?` placeholders and returns plain rows.
 *
 * Inside a write (and on the embedded database) it goes through the EntityManager, so it joins the write's
 * transaction (a statement on another connection would not see uncommitted rows, and on the embedded database it
 * would wait for the transaction forever). Reads outside a transaction go to a pooled connection as a named prepared statement with bound
 * parameters: MikroORM's `execute` inlines every value into the text, so PostgreSQL parsed and planned each request
 * anew (1.7 ms of planning for the library search, more than its execution); a prepared statement is planned once
 * per connection, and the values are not formatted into SQL in Node either.
 */
export async function rows<R>(ctx: Pick<Context, 'em'>, sql: string, params: readonly unknown[] = []): Promise<R[]> {
  refuseNul(params);
  const em = ctx.em as SqlEntityManager;
  if (em.isInTransaction() || (await sessionsShared(em))) {
    return (await em.execute(sql, params as unknown[], 'all')) as R[];
  }
  const { text, name } = prepared(sql);
  const knex = em.getKnex();
  const connection = (await knex.client.acquireConnection()) as PgClient;
  const started = performance.now();
  try {
    const result = await connection.query(
      name ? { name, text, values: params as unknown[] } : { text, values: params as unknown[] },
    );
    log(em, sql, params, started, 'info');
    return result.rows as R[];
  } catch (e) {
    log(em, sql, params, started, 'error');
    throw e;
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

/**
 * PGlite serves every pooled connection from one backend session: a statement prepared on one connection would
 * already exist for the next, and unnamed ones of two connections could interleave. There reads keep the ORM's
 * plain text queries, as before. Asked once per ORM (its configuration object).
 */
const shared = new WeakMap<object, Promise<boolean>>();
function sessionsShared(em: SqlEntityManager): Promise<boolean> {
  let answer = shared.get(em.config);
  if (!answer) {
    answer = em
      .getKnex()
      .raw('select version() as v')
      .then((r: { rows: Array<{ v: string }> }) => /PGlite/i.test(r.rows[0]?.v ?? ''));
    shared.set(em.config, answer);
  }
  return answer;
}

interface PgClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** The statement counter and the SQL log see these reads as they see the ORM's own. */
function log(em: SqlEntityManager, sql: string, params: readonly unknown[], started: number, level: 'info' | 'error') {
  em.config.getLogger().logQuery({
    query: sql,
    params: params as unknown[],
    took: Math.round(performance.now() - started),
    level,
  });
}

/** Distinct statement texts get a prepared statement each, up to this many per process; the rest run unnamed. */
const MAX_PREPARED = 2000;
const preparedTexts = new Map<string, { text: string; name: string | undefined }>();

/** `?` placeholders as `$1`, `$2`… (outside quoted strings), and the statement's name. */
function prepared(sql: string): { text: string; name: string | undefined } {
  let found = preparedTexts.get(sql);
  if (found) return found;
  let text = '';
  let n = 0;
  let quote: string | undefined;
  for (let i = 0; i < sql.length; i += 1) {
    const c = sql[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      text += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      text += c;
    } else if (c === '?') {
      n += 1;
      text += `$${n}`;
    } else text += c;
  }
  const name =
    preparedTexts.size < MAX_PREPARED ? `ys_${createHash('sha1').update(sql).digest('hex').slice(0, 30)}` : undefined;
  found = { text, name };
  if (name) preparedTexts.set(sql, found);
  return found;
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

/**
 * Splits rows that carry joined tables' columns ("j0.name", …) into the main row and one object per prefix, building
 * new objects from key lists computed once per result (deleting keys from the driver's rows instead would turn every
 * row into a slow dictionary-mode object). A joined object whose id is null (no match) comes back as undefined.
 */
export function splitJoined(
  found: readonly Record<string, unknown>[],
  prefixes: readonly string[],
): Array<{ row: Record<string, unknown>; joined: Array<Record<string, unknown> | undefined> }> {
  const first = found[0];
  if (!first) return [];
  const keys = Object.keys(first);
  const own = keys.filter((k) => !prefixes.some((p) => k.startsWith(p)));
  const theirs = prefixes.map((p) => keys.filter((k) => k.startsWith(p)).map((k) => [k, k.slice(p.length)] as const));
  return found.map((source) => {
    const row: Record<string, unknown> = {};
    for (const k of own) row[k] = source[k];
    const joined = theirs.map((pairs) => {
      const related: Record<string, unknown> = {};
      for (const [from, to] of pairs) related[to] = source[from];
      return related.id === null || related.id === undefined ? undefined : related;
    });
    return { row, joined };
  });
}
