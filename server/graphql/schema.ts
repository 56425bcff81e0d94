import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { type AuthCheckerFn, buildSchema } from 'type-graphql';
import { DateTime } from '../shared/scalars';
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
    return schema;
  });
  return built;
}
