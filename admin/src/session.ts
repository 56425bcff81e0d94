/** The signed-in session: tokens and permissions in localStorage, refreshed shortly before the access token expires. */
export const GRAPHQL_URL = '/graphql';
const KEY = 'yardstick.session';
/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;

export interface SessionUser {
  id: string;
  loginName: string;
  displayName: string;
  roles: string[];
  permissions: string[];
}

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: SessionUser;
}

/** A refused request: the API's message, its `extensions.code`, and the rest of its extensions (e.g. `findings`). */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const AUTH_PAYLOAD = `accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt
  user { id loginName displayName roles permissions }`;

/** One GraphQL request outside the data provider (sign-in, refresh, identity). */
export async function graphql<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(GRAPHQL_URL, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as {
    data?: T;
    errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>;
  };
  const error = body.errors?.[0];
  if (error) throw new GraphQLRequestError(error.message, error.extensions?.code, error.extensions ?? {});
  return body.data as T;
}

/** One request as the signed-in user (the token refreshed first when it is about to expire). */
export async function graphqlAsUser<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const session = await freshSession();
  if (!session) throw new GraphQLRequestError('ra.auth.auth_check_error', 'UNAUTHENTICATED');
  return graphql<T>(query, variables, session.accessToken);
}

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<Session | null> | null = null;

export function saveSession(session: Session | null): void {
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = undefined;
  if (!session) {
    localStorage.removeItem(KEY);
    return;
  }
  localStorage.setItem(KEY, JSON.stringify(session));
  scheduleRefresh(session);
}

function scheduleRefresh(session: Session): void {
  const due = new Date(session.accessTokenExpiresAt).getTime() - REFRESH_MARGIN_MS - Date.now();
  refreshTimer = setTimeout(
    () => {
      void freshSession();
    },
    Math.max(due, 1_000),
  );
}

async function refreshNow(session: Session): Promise<Session | null> {
  try {
    const data = await graphql<{ refresh: Session }>(
      `mutation Refresh($refreshToken: String!) { refresh(refreshToken: $refreshToken) { ${AUTH_PAYLOAD} } }`,
      { refreshToken: session.refreshToken },
    );
    saveSession(data.refresh);
    return data.refresh;
  } catch {
    saveSession(null);
    return null;
  }
}

/** The session with an access token valid for at least the margin, refreshing it first if needed (once at a time). */
export async function freshSession(): Promise<Session | null> {
  const session = loadSession();
  if (!session) return null;
  if (new Date(session.accessTokenExpiresAt).getTime() - REFRESH_MARGIN_MS > Date.now()) return session;
  if (new Date(session.refreshTokenExpiresAt).getTime() <= Date.now()) {
    saveSession(null);
    return null;
  }
  refreshing ??= refreshNow(session).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Restarts the refresh timer after a page load. */
export function resumeSession(): void {
  const session = loadSession();
  if (session) scheduleRefresh(session);
}

/** The signed-in user's permissions (fetched once at sign-in), empty when signed out. */
export function currentPermissions(): ReadonlySet<string> {
  return new Set(loadSession()?.user.permissions ?? []);
}
