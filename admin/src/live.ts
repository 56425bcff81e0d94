/**
 * Live review events over graphql-ws (README "Review events for integrations"): `useReviewEvents(filter, onEvent)`
 * subscribes to `reviewEvents` on /graphql of this host, signed in with the current access token in the
 * connection_init payload. The server closes with 4401 when the token expires while connected: the hook then
 * reconnects with a fresh token and `after` the last position it received, so no event is missed or repeated.
 */
import { type Client, createClient } from 'graphql-ws';
import { useEffect, useRef } from 'react';
import { currentPermissions, freshSession, GRAPHQL_URL } from './session';

/** The API's ReviewEventFilter. */
export interface ReviewEventFilter {
  readonly types?: readonly string[];
  readonly departmentIds?: readonly string[];
  readonly projectIds?: readonly string[];
  readonly targetIds?: readonly string[];
  readonly subjectTypes?: readonly string[];
}

/** The fields of a review event the console reads. */
export interface ReviewEventMessage {
  readonly position: string;
  readonly type: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly requestId: string | null;
  readonly requestType: string | null;
  readonly name: string | null;
  readonly fromState: string | null;
  readonly toState: string | null;
  readonly at: string;
}

const SUBSCRIPTION = `subscription ConsoleReviewEvents($after: ID, $filter: ReviewEventFilter) {
  reviewEvents(after: $after, filter: $filter) {
    position type subjectType subjectId requestId requestType name fromState toState at
  }
}`;

/** 4401: no token, a bad one, or it expired while connected. */
const UNAUTHORIZED = 4401;
/** 4403: a role that may not follow events; retrying will not help. */
const FORBIDDEN = 4403;
const MAX_BACKOFF_MS = 30_000;

/** ws(s)://<this host>/graphql. */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${GRAPHQL_URL}`;
}

function closeCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

function makeClient(): Client {
  return createClient({
    url: webSocketUrl(),
    lazy: true,
    // Called on every connection attempt: a reconnect always signs in with a fresh token.
    connectionParams: async () => {
      const session = await freshSession();
      return session ? { authorization: `Bearer ${session.accessToken}` } : {};
    },
    retryAttempts: 5,
  });
}

/**
 * Calls `onEvent` for each review event matching `filter` while the component is mounted (`filter` null, or a user
 * without the ReadEvents permission: none).
 * The filter is compared by value, so an inline object literal does not resubscribe on every render.
 */
export function useReviewEvents(filter: ReviewEventFilter | null, onEvent: (event: ReviewEventMessage) => void): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  // A role that may not follow events would only be turned away (4403): it does not connect at all.
  const key = filter && currentPermissions().has('ReadEvents') ? JSON.stringify(filter) : null;

  useEffect(() => {
    if (key === null) return;
    const variables: { filter: ReviewEventFilter; after?: string } = { filter: JSON.parse(key) as ReviewEventFilter };
    const client = makeClient();
    let stopped = false;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe: (() => void) | undefined;

    const subscribe = (delay: number) => {
      timer = setTimeout(() => {
        if (stopped) return;
        unsubscribe = client.subscribe<{ reviewEvents: ReviewEventMessage }>(
          { query: SUBSCRIPTION, variables: { ...variables } },
          {
            next: (result) => {
              const event = result.data?.reviewEvents;
              if (!event) return;
              failures = 0;
              variables.after = event.position;
              handler.current(event);
            },
            error: async (error) => {
              if (stopped) return;
              const code = closeCode(error);
              if (code === FORBIDDEN) return;
              // Signed out: nothing to reconnect with.
              if (code === UNAUTHORIZED && !(await freshSession())) return;
              failures += 1;
              subscribe(code === UNAUTHORIZED && failures === 1 ? 0 : Math.min(1_000 * 2 ** failures, MAX_BACKOFF_MS));
            },
            complete: () => undefined,
          },
        );
      }, delay);
    };
    subscribe(0);

    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe?.();
      void client.dispose();
    };
  }, [key]);
}
