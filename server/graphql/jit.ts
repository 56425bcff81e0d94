import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { type DocumentNode, type ExecutionResult, execute, GraphQLError, type GraphQLSchema } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/**
 * Queries run compiled (graphql-jit): each operation is compiled once into a function that walks its selection
 * without graphql-js's generic per-field machinery (path objects, argument coercion, type checks per value).
 * Mutations and anything graphql-jit cannot compile run through graphql-js's `execute`. Apollo 5 accepts another
 * executor only through its gateway interface, so this is a gateway that serves the local schema.
 */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  const compiledFor = (document: DocumentNode, operationName: string | null): CompiledQuery | null => {
    let byName = compiled.get(document);
    if (!byName) {
      byName = new Map();
      compiled.set(document, byName);
    }
    const key = operationName ?? '';
    if (byName.has(key)) return byName.get(key) ?? null;
    const query = compileQuery(schema, document, operationName ?? undefined);
    const usable = isCompiledQuery(query) ? query : null;
    byName.set(key, usable);
    return usable;
  };
  const executor: GatewayExecutor = async (rc) => {
    const variables = rc.request.variables ?? {};
    if (rc.operation.operation === 'query') {
      const query = compiledFor(rc.document, rc.operationName);
      // Variables are coerced by graphql-js first: graphql-jit does not fill input fields' default values (a sort
      // key without `direction` would be refused). Coerced values coerce to themselves; on an error graphql-js
      // answers below with its usual messages.
      const coerced = getVariableValues(schema, rc.operation.variableDefinitions ?? [], variables);
      if (query && coerced.coerced) {
        return withExtensions((await query.query(undefined, rc.context, coerced.coerced)) as ExecutionResult);
      }
    }
    return execute({
      schema,
      document: rc.document,
      contextValue: rc.context,
      variableValues: variables,
      operationName: rc.operationName,
    }) as Promise<ExecutionResult>;
  };
  return {
    async load() {
      return { schema, executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors leave `extensions` undefined (read-only) when the original error has none, where graphql-js
 * always gives an object, which Apollo's error handling reads: they are rebuilt as graphql-js errors, with the same
 * message, path, locations and original error, so they are formatted like any other field error.
 */
function withExtensions(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e) => {
    if (e.extensions !== undefined) return e;
    const rebuilt = new GraphQLError(e.message, {
      path: e.path,
      originalError: e.originalError ?? undefined,
      extensions: {},
    });
    (rebuilt as { locations?: GraphQLError['locations'] }).locations = e.locations;
    return rebuilt;
  });
  return { ...result, errors };
}
