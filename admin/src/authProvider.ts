import type { AuthProvider } from 'react-admin';
import { allowed } from './access';
import {
  AUTH_PAYLOAD,
  currentPermissions,
  freshSession,
  GraphQLRequestError,
  graphql,
  loadSession,
  resumeSession,
  type Session,
  saveSession,
} from './session';

resumeSession();

/** Sign-in against the API: tokens in localStorage, refreshed before they expire, permissions fetched once. */
export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const data = await graphql<{ login: Session }>(
      `mutation Login($input: LoginInput!) { login(input: $input) { ${AUTH_PAYLOAD} } }`,
      { input: { loginName: username, password } },
    );
    saveSession(data.login);
  },
  async logout() {
    const session = loadSession();
    saveSession(null);
    if (session) {
      await graphql('mutation Logout($t: String!) { logout(refreshToken: $t) }', { t: session.refreshToken }).catch(
        () => undefined,
      );
    }
  },
  async checkAuth() {
    if (!(await freshSession())) throw new Error('ra.auth.auth_check_error');
  },
  async checkError(error: unknown) {
    const code =
      error instanceof GraphQLRequestError
        ? error.code
        : (error as { graphQLErrors?: Array<{ extensions?: { code?: string } }> })?.graphQLErrors?.[0]?.extensions
            ?.code;
    const status = (error as { status?: number; networkError?: { statusCode?: number } })?.networkError?.statusCode;
    if (code === 'UNAUTHENTICATED' || status === 401) {
      saveSession(null);
      throw new Error('ra.auth.auth_check_error');
    }
  },
  async getIdentity() {
    const session = await freshSession();
    if (!session) throw new Error('ra.auth.auth_check_error');
    const data = await graphql<{ me: { id: string; displayName: string } | null }>(
      '{ me { id displayName } }',
      {},
      session.accessToken,
    );
    if (!data.me) throw new Error('ra.auth.auth_check_error');
    return { id: data.me.id, fullName: data.me.displayName };
  },
  async canAccess({ action, resource }: { action: string; resource: string }) {
    return allowed(currentPermissions(), resource, action);
  },
};
