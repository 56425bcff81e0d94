import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { DateTime } from '../shared/scalars';
import { authChecker } from './auth';
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
  });
  return built;
}
