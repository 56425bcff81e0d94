import { type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLSchema, isObjectType } from 'graphql';
import { type AuthCheckerFn, getMetadataStorage } from 'type-graphql';
import { DomainError } from '../shared/errors';
import { parentOf } from '../shared/parent';

type Instance = Record<string, (...args: unknown[]) => unknown>;

/**
 * Calls plain field resolvers directly. type-graphql wraps every field resolver in a pipeline (resolver instance
 * lookup, middlewares, parameter collection with conversion and validation) that costs several microseconds per
 * call; a page of 100 projects with their targets and rows resolves ~7,000 relation fields. A field resolver whose
 * parameters are only the context, the info and the parent (`@Parent()`), with no `@Authorized` and no middleware,
 * gets nothing from that pipeline, so the schema's resolver for it is replaced by a direct call of the same method.
 * Fields with arguments or guards keep type-graphql's resolver.
 */
export function leanFieldResolvers(schema: GraphQLSchema, authChecker: AuthCheckerFn<object, unknown>): number {
  return leanPlainFields(schema, authChecker) + leanRelationResolvers(schema);
}

/**
 * Plain fields (no resolver of their own) get a synchronous resolver. type-graphql gives each one a wrapper, and a
 * guarded one (`@Authorized` on a field) an async middleware chain: several promises per value, for a field such as
 * ProjectBudget.audited that a page of projects resolves hundreds of times. Unguarded fields whose property has the
 * field's name fall back to graphql-js's default resolver; guarded ones call the same auth checker synchronously (it
 * answers true or throws the FORBIDDEN error, which graphql-js turns into null plus the error, as before).
 */
function leanPlainFields(schema: GraphQLSchema, authChecker: AuthCheckerFn<object, unknown>): number {
  const storage = getMetadataStorage();
  const withResolver = new Set<string>();
  for (const fr of storage.fieldResolvers) {
    const owner = fr.getObjectType?.();
    if (owner) withResolver.add(`${owner.name}\u0000${fr.schemaName}`);
  }
  let replaced = 0;
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!type || !isObjectType(type)) continue;
    const graphqlFields = type.getFields();
    for (const meta of objectType.fields ?? []) {
      const field = graphqlFields[meta.schemaName];
      if (!field || field.args.length > 0 || (meta.middlewares?.length ?? 0) > 0) continue;
      if (withResolver.has(`${objectType.target.name}\u0000${meta.schemaName}`)) continue;
      const property = meta.name;
      const roles = meta.roles;
      if (roles === undefined) {
        field.resolve =
          property === meta.schemaName ? undefined : (root) => (root as Record<string, unknown>)[property];
      } else {
        field.resolve = (root, args, context, info) => {
          // Ours answers true or throws the error naming the field; anything else is refused all the same.
          if (authChecker({ root, args, context, info }, roles) !== true) {
            throw new DomainError('FORBIDDEN', `Your role may not read ${info.parentType.name}.${info.fieldName}.`);
          }
          return (root as Record<string, unknown>)[property];
        };
      }
      replaced += 1;
    }
  }
  return replaced;
}

function leanRelationResolvers(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  const instances = new Map<unknown, Instance>();
  let replaced = 0;
  for (const fr of storage.fieldResolvers) {
    if (fr.kind !== 'external' || fr.roles !== undefined || (fr.middlewares?.length ?? 0) > 0) continue;
    const params = [...(fr.params ?? [])].sort((a, b) => a.index - b.index);
    const simple = params.every(
      (p) =>
        p.kind === 'context' ||
        p.kind === 'info' ||
        (p.kind === 'custom' && (p as { resolver?: unknown }).resolver === parentOf),
    );
    if (!simple || params.some((p) => p.kind === 'context' && (p as { propertyName?: string }).propertyName)) continue;
    const objectClass = fr.getObjectType?.();
    const typeName = storage.objectTypes.find((o) => o.target === objectClass)?.name;
    const type = typeName ? (schema.getType(typeName) as GraphQLObjectType | undefined) : undefined;
    const field = type?.getFields()[fr.schemaName];
    if (!field || field.args.length > 0) continue;
    let instance = instances.get(fr.target);
    if (!instance) {
      instance = new (fr.target as new () => Instance)();
      instances.set(fr.target, instance);
    }
    const method = instance[fr.methodName];
    if (typeof method !== 'function') continue;
    const target = instance;
    const kinds = params.map((p) => p.kind);
    const resolve: GraphQLFieldResolver<unknown, unknown> = (root, _args, context, info) =>
      method.apply(
        target,
        kinds.map((k) => (k === 'context' ? context : k === 'info' ? info : root)),
      );
    field.resolve = resolve;
    replaced += 1;
  }
  return replaced;
}
