import { DomainError } from './errors';

/**
 * A NUL character or a UTF-16 surrogate without its pair. PostgreSQL text cannot hold NUL at all (and a NUL inside a
 * statement breaks the wire protocol), and an unpaired surrogate is not Unicode: the driver would store U+FFFD in a
 * text column and jsonb (the audit trail) refuses its escape. Neither can be stored as sent.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string in `value` that cannot be stored, e.g. "input.name" or "input.rows[2].name". */
export function unstorableText(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = unstorableText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, v] of Object.entries(value)) {
      const found = unstorableText(v, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Refuses an operation whose arguments carry text that cannot be stored or searched for (see UNSTORABLE) with
 * BAD_USER_INPUT naming the field, before its resolver runs. server/graphql/schema.ts wraps every root field (queries,
 * mutations, subscriptions) with it, so it costs one walk over the arguments per operation and a new resolver cannot
 * forget it; test/api/hostile.input.test.ts sends NUL and lone surrogates to every operation. `rows()`
 * (shared/sql.ts) refuses NUL in any statement parameter as well, for arguments of nested fields.
 */
export function refuseUnstorableText(args: unknown): void {
  const field = unstorableText(args, '');
  if (field) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `${field} contains a NUL character (U+0000) or an unpaired UTF-16 surrogate, which cannot be stored or searched for; remove it and send again.`,
      { field },
    );
  }
}
