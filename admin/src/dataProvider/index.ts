import { buildSchema, introspectionFromSchema } from 'graphql';
import buildDataProvider from 'ra-data-graphql';
import type { DataProvider } from 'react-admin';
// The checked-in schema (test/api/schema.test.ts keeps it current): production servers turn introspection off.
import sdl from '../../../schema/schema.graphql?raw';
import { currentPermissions, freshSession, GRAPHQL_URL } from '../session';
import { makeBuildQuery } from './buildQuery';

const schema = introspectionFromSchema(buildSchema(sdl)).__schema;

/** Sends the current access token with every query and mutation. */
function withToken() {
  const token = (JSON.parse(localStorage.getItem('yardstick.session') ?? 'null') as { accessToken?: string } | null)
    ?.accessToken;
  return { context: { headers: token ? { authorization: `Bearer ${token}` } : {} } };
}

/** The data provider: ra-data-graphql over the API's single list shape, one buildQuery for every resource. */
export async function createDataProvider(): Promise<DataProvider> {
  const inner = await buildDataProvider({
    clientOptions: { uri: GRAPHQL_URL },
    introspection: { schema },
    buildQuery: makeBuildQuery(currentPermissions),
    query: withToken,
    mutation: withToken,
  });
  // Refresh the access token before a request when it is about to expire.
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await freshSession();
        return value.apply(target, args);
      };
    },
  });
}
