/**
 * A small typed GraphQL fetch for what is not a list: the dashboard's aggregates, a record's history, reference
 * look-ups for forms. It reuses the signed-in session's access token (refreshed first when about to expire) and
 * throws the API's first error, so callers show it instead of a half-empty chart.
 */
import { useEffect, useState } from 'react';
import { freshSession, graphql } from '../session';

/** One query with the current access token. */
export async function apiQuery<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const session = await freshSession();
  return graphql<T>(query, variables, session?.accessToken);
}

export interface ApiState<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  readonly loading: boolean;
}

/**
 * Runs `query` whenever it or `variables` change (compared by value) and answers the latest result; a stale answer
 * that arrives after a newer request started is dropped. `skip` holds the request (e.g. without the permission).
 */
export function useApiQuery<T>(query: string, variables?: Record<string, unknown>, skip = false): ApiState<T> {
  const key = JSON.stringify(variables ?? {});
  const [state, setState] = useState<ApiState<T>>({ data: undefined, error: undefined, loading: !skip });
  useEffect(() => {
    if (skip) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    let current = true;
    setState((s) => ({ data: s.data, error: undefined, loading: true }));
    apiQuery<T>(query, JSON.parse(key) as Record<string, unknown>).then(
      (data) => {
        if (current) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (current)
          setState({
            data: undefined,
            error: error instanceof Error ? error : new Error(String(error)),
            loading: false,
          });
      },
    );
    return () => {
      current = false;
    };
  }, [query, key, skip]);
  return state;
}

/** Yuan (the API's Money decimal string) → 万元 as a number, for chart scales; display text uses format.ts. */
export function wan(yuan: string | null | undefined): number {
  if (!yuan) return 0;
  const n = Number(yuan);
  return Number.isFinite(n) ? Math.round(n / 100) / 100 : 0;
}
