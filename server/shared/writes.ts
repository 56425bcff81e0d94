import type { EntityClass, EntityManager } from '@mikro-orm/core';
import { DomainError, notFound, stillReferenced } from './errors';
import { rows } from './sql';

/** Parses a GraphQL ID into a row id, refusing anything that is not a positive integer. */
export function toId(id: string | number, label = 'id'): number {
  const n = typeof id === 'number' ? id : /^\d{1,10}$/.test(id) ? Number(id) : Number.NaN;
  if (!Number.isSafeInteger(n) || n <= 0 || n > 2_147_483_647) {
    throw new DomainError('BAD_USER_INPUT', `${label} must be a positive integer id, got "${id}".`, { field: label });
  }
  return n;
}

/** How an entity is keyed: a numeric `id`, or a `code` (fiscal divisions, function classes). */
export type KeyKind = 'id' | 'code';

function primaryKey(id: string | number, kind: KeyKind, label: string): string | number {
  return kind === 'code' ? String(id) : toId(id, label);
}

/** Loads an entity for a write, or answers NOT_FOUND naming the type and id. */
export async function loadOr404<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  typeName: string,
  id: string | number,
  kind: KeyKind = 'id',
): Promise<T> {
  const pk = primaryKey(id, kind, 'id');
  const found = await em.findOne(entity, pk as never);
  if (!found) throw notFound(typeName, id);
  return found;
}

/** Resolves a referenced row for a write, or answers INVALID_REFERENCE naming the input field. */
export async function reference<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  field: string,
  id: string | number,
  kind: KeyKind = 'id',
): Promise<T> {
  const pk = primaryKey(id, kind, field);
  const found = await em.findOne(entity, pk as never);
  if (!found) {
    throw new DomainError('INVALID_REFERENCE', `${field} "${id}" does not refer to an existing record.`, { field });
  }
  return found;
}

export interface ReferenceCheck {
  /** What the references are called in the message, e.g. "projects". */
  readonly label: string;
  readonly table: string;
  readonly column: string;
}

/** Refuses to delete a row that other rows still reference, saying which and how many (one statement). */
export async function assertUnreferenced(
  em: EntityManager,
  what: string,
  key: string | number,
  checks: readonly ReferenceCheck[],
): Promise<void> {
  const sql = `select ${checks
    .map((c, i) => `(select count(*) from ${c.table} where ${c.column} = ?) as "c${i}"`)
    .join(', ')}`;
  const [counts] = await rows<Record<string, string>>(
    { em } as never,
    sql,
    checks.map(() => key),
  );
  const references: Record<string, number> = {};
  let total = 0;
  checks.forEach((c, i) => {
    const n = Number(counts?.[`c${i}`] ?? 0);
    references[c.label] = (references[c.label] ?? 0) + n;
    total += n;
  });
  if (total > 0) throw stillReferenced(what, references);
}

/** Copies the defined (not undefined) properties of a patch onto an entity. */
export function applyPatch<T extends object>(entity: T, patch: Partial<Record<keyof T, unknown>>): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined) (entity as Record<string, unknown>)[k] = v;
  }
}

/**
 * Refuses a create or rename whose key is taken: DUPLICATE, naming what exists. Call it before `em.create`: a count
 * flushes pending new entities first, so afterwards it would find the record being created.
 */
export async function assertAbsent(count: Promise<number>, what: string): Promise<void> {
  if ((await count) > 0) {
    throw new DomainError('DUPLICATE', `${what} already exists; choose another code or edit the existing one.`);
  }
}

/**
 * Optimistic concurrency: when the caller names the version of the record it loaded, that version must still be
 * current, or two people acting at once would overwrite each other.
 */
export function assertVersion(current: number, seen: number | null | undefined, what: string): void {
  if (seen === undefined || seen === null || seen === current) return;
  throw new DomainError(
    'CONFLICT',
    `${what} was changed by someone else since you loaded it (your version ${seen}, now ${current}); reload it and apply your change again.`,
    { currentVersion: current },
  );
}
