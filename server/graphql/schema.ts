import 'reflect-metadata';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { type AuthCheckerFn, buildSchema } from 'type-graphql';
import { DateTime } from '../shared/scalars';
import { refuseUnstorableText } from '../shared/text';
import { authChecker } from './auth';
import { leanFieldResolvers } from './lean';
import { resolvers } from './resolvers';

let built: Promise<GraphQLSchema> | undefined;

/** Builds the API schema from the modules' resolvers (once per process). */
export function buildApiSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    validate: { forbidUnknownValues: false },
    scalarsMap: [{ type: Date, scalar: DateTime }],
    authChecker,
    authMode: 'error',
    // Subscriptions bring their own async iterators (the event feed); type-graphql insists on a PubSub all the same.
    pubSub: {
      publish: () => {
        throw new Error('publishing through the GraphQL PubSub is not used: events come from the outbox');
      },
      subscribe: () => {
        throw new Error('subscriptions use their own streams');
      },
    },
  }).then((schema) => {
    leanFieldResolvers(schema, authChecker as AuthCheckerFn<object, unknown>);
    checkRootArguments(schema);
    return schema;
  });
  return built;
}

/**
 * Every root field (query, mutation, subscription) refuses arguments with text PostgreSQL cannot store before its
 * resolver runs (shared/text.ts). Done here rather than per resolver, so that no new operation can miss it, and on
 * root fields only, so nested fields keep their synchronous resolvers.
 */
function checkRootArguments(schema: GraphQLSchema): void {
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      const wrap = (fn: GraphQLFieldResolver<unknown, unknown> | undefined) =>
        fn &&
        ((source: unknown, args: Record<string, unknown>, context: unknown, info: Parameters<typeof fn>[3]) => {
          refuseUnstorableText(args);
          return fn(source, args, context, info);
        });
      // A subscription's arguments are checked once, when it starts; its resolve runs for every event.
      if (type === schema.getSubscriptionType()) field.subscribe = wrap(field.subscribe);
      else field.resolve = wrap(field.resolve);
    }
  }
}
