import type { GraphQLResolveInfo } from 'graphql';
import type { AuthCheckerFn } from 'type-graphql';
import type { Guard } from '../modules/identity';
import { allows } from '../modules/identity/identity.rules';
import type { Context } from '../shared/context';
import { DomainError } from '../shared/errors';

function isOperation(info: GraphQLResolveInfo): 'query' | 'mutation' | 'subscription' | undefined {
  if (info.parentType === info.schema.getQueryType()) return 'query';
  if (info.parentType === info.schema.getMutationType()) return 'mutation';
  if (info.parentType === info.schema.getSubscriptionType()) return 'subscription';
  return undefined;
}

/**
 * type-graphql's auth checker: one of the guards named in `@Authorized(...)` must allow the caller (no guard: any
 * signed-in caller). An operation refused
 * to an anonymous caller is UNAUTHENTICATED; anything else refused is FORBIDDEN naming the field, and a refused field
 * comes back null while the rest of the response stays intact.
 */
export const authChecker: AuthCheckerFn<Context, Guard> = ({ context, root, info }, guards) => {
  const row = root as Record<string, unknown> | undefined;
  if (guards.length === 0 ? context.viewer !== null : guards.some((g) => allows(g, context.viewer, row))) return true;
  const operation = isOperation(info);
  const field = `${info.parentType.name}.${info.fieldName}`;
  if (operation && !context.viewer) {
    throw new DomainError('UNAUTHENTICATED', `Sign in to use ${info.fieldName}.`);
  }
  if (operation) {
    throw new DomainError('FORBIDDEN', `Your role may not use ${info.fieldName}.`, { field });
  }
  throw new DomainError('FORBIDDEN', `Your role may not read ${field}.`, { field });
};
