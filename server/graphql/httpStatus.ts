import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../shared/context';
import { LIMIT_ERROR_CODES } from './limits';

const LEGACY = 'application/json';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** Request errors (the operation never executed) that Apollo answers with 400 whatever the client accepts. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT', // variable coercion
  'OPERATION_RESOLUTION_FAILURE',
  ...LIMIT_ERROR_CODES,
]);

interface AcceptEntry {
  type: string;
  q: number;
  index: number;
}

function parseAccept(accept: string): AcceptEntry[] {
  return accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      const value = q === undefined ? 1 : Number(q.slice(2));
      return { type, q: Number.isFinite(value) ? value : 0, index };
    })
    .filter((e) => e.type !== '');
}

/** How well one accept entry matches a media type: 2 exact, 1 `type/*`, 0 `*\/*`, -1 not at all. */
function specificity(entry: string, mediaType: string): number {
  if (entry === mediaType) return 2;
  if (entry === '*/*') return 0;
  if (entry.endsWith('/*') && mediaType.startsWith(entry.slice(0, -1))) return 1;
  return -1;
}

/**
 * The media type a client's `Accept` selects among the two GraphQL-over-HTTP JSON types, as Apollo negotiates it
 * (missing header: application/json; ties on q and specificity go to the one listed first, then to application/json).
 */
export function negotiatedMediaType(accept: string | undefined | null): string | null {
  if (!accept) return LEGACY;
  const entries = parseAccept(accept);
  let best: { type: string; q: number; s: number; index: number } | null = null;
  for (const type of [LEGACY, GRAPHQL_RESPONSE]) {
    let match: { q: number; s: number; index: number } | null = null;
    for (const e of entries) {
      const s = specificity(e.type, type);
      if (s < 0 || (match && s <= match.s)) continue;
      match = { q: e.q, s, index: e.index };
    }
    if (!match || match.q <= 0) continue;
    if (
      !best ||
      match.q > best.q ||
      (match.q === best.q && (match.s > best.s || (match.s === best.s && match.index < best.index)))
    ) {
      best = { type, ...match };
    }
  }
  return best?.type ?? null;
}

/**
 * GraphQL over HTTP: a well-formed request whose operation fails to parse, validate or coerce its variables is
 * answered 200 when the response is the legacy `application/json` (clients of that type read errors from the body),
 * and 4xx when it is `application/graphql-response+json`. Apollo answers 400 to both; this keeps its 400 for the
 * latter only. Malformed HTTP requests (bad JSON, no query, mutation over GET, CSRF) never reach this hook.
 */
export const legacyJsonStatusPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ request, response, errors }) {
        if (response.http.status !== 400 || response.body.kind !== 'single') return;
        if (response.body.singleResult.data !== undefined) return;
        if (!errors?.length || !errors.every((e) => REQUEST_ERROR_CODES.has(String(e.extensions?.code)))) return;
        if (negotiatedMediaType(request.http?.headers.get('accept')) !== LEGACY) return;
        response.http.status = 200;
      },
    };
  },
};
