import { Extensions } from 'type-graphql';

/**
 * Marks a query or mutation as open to anonymous callers (sign-in itself). Every other operation names the
 * permission it needs with `@Authorized(...)`; a test walks the schema and fails on any operation with neither.
 */
export function Public(): MethodDecorator {
  return Extensions({ public: true });
}
