import type { AuthProvider, UserIdentity } from 'react-admin';
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

interface Me {
  id: string;
  displayName: string;
  fiscalDivisionCode: string;
  department: { id: string; name: string; parent: { id: string } | null } | null;
}

/** react-admin's identity plus the user's fiscal division (财政区划) and department (`useGetIdentity<Identity>()`). */
export type Identity = UserIdentity & Pick<Me, 'fiscalDivisionCode' | 'department'>;

/** Why the API refused a sign-in, by extensions.code, as the console's message keys. */
const LOGIN_REFUSALS: Record<string, string> = {
  UNAUTHENTICATED: 'app.login.wrong',
  LOGIN_LOCKED: 'app.login.locked',
};

/** Sign-in against the API: tokens in localStorage, refreshed before they expire, permissions fetched once. */
export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    let data: { login: Session };
    try {
      data = await graphql<{ login: Session }>(
        `mutation Login($input: LoginInput!) { login(input: $input) { ${AUTH_PAYLOAD} } }`,
        { input: { loginName: username, password } },
      );
    } catch (e) {
      // The sign-in page shows the message in the user's language (the API's is English), as a translation key.
      const code = e instanceof GraphQLRequestError ? e.code : undefined;
      if (code && code in LOGIN_REFUSALS) throw new Error(LOGIN_REFUSALS[code]);
      throw e;
    }
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
  /** Who is signed in, with the fiscal division and department the forms scope their pickers by. */
  async getIdentity(): Promise<Identity> {
    const session = await freshSession();
    if (!session) throw new Error('ra.auth.auth_check_error');
    const data = await graphql<{ me: Me | null }>(
      '{ me { id displayName fiscalDivisionCode department { id name parent { id } } } }',
      {},
      session.accessToken,
    );
    if (!data.me) throw new Error('ra.auth.auth_check_error');
    const { id, displayName, fiscalDivisionCode, department } = data.me;
    return { id, fullName: displayName, fiscalDivisionCode, department };
  },
  async canAccess({ action, resource }: { action: string; resource: string }) {
    return allowed(currentPermissions(), resource, action);
  },
};
