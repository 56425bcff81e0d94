import { demoPassword } from '../../server/db/seeders/users';
import { type ConsoleSession, describeInBrowser, menuItem, openConsole, screenshot } from './helpers/browser';

interface StoredSession {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
}

/**
 * The console refreshes its access token a minute before it expires. With a 65-second token the refresh is due five
 * seconds after sign-in: the page must hold a new token pair without signing in again, and keep working with it.
 */
describeInBrowser('the console keeps its session: the access token is refreshed before it expires', () => {
  let c: ConsoleSession;
  beforeAll(async () => {
    c = await openConsole({ ACCESS_TOKEN_TTL: '65' });
  });
  afterAll(async () => {
    await c?.close();
  });
  afterEach(async () => {
    await c?.checkErrors();
  });

  test('a new token pair arrives by itself, and requests go on with it', async () => {
    const { page } = await c.signIn('perf-admin', demoPassword('perf-admin'));
    const stored = async () =>
      JSON.parse(
        (await page.evaluate<string | null>("localStorage.getItem('yardstick.session')")) ?? 'null',
      ) as StoredSession;
    const first = await stored();
    expect(first.accessToken).toBeTruthy();
    // The refresh is due at expiry minus one minute: about five seconds from now.
    // Polled from here: the console's Content-Security-Policy forbids the string evaluation waitForFunction uses.
    const deadline = Date.now() + 20_000;
    while ((await stored()).accessToken === first.accessToken && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
    }
    const second = await stored();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(new Date(second.accessTokenExpiresAt).getTime()).toBeGreaterThan(
      new Date(first.accessTokenExpiresAt).getTime(),
    );
    // The new token is one the API accepts. (That the old refresh token is spent is the identity tests' matter:
    // reusing it here would sign perf-admin out everywhere.)
    const me = await c.server.ok<{ me: { loginName: string } }>('query { me { loginName } }', {}, second.accessToken);
    expect(me.me.loginName).toBe('perf-admin');

    // Still signed in: a list loads without the sign-in page.
    await menuItem(page, '预算部门').first().click();
    await page.locator('table tbody tr').first().waitFor();
    expect(await page.locator('input[name="password"]').count()).toBe(0);
    await screenshot(page, 'session-refreshed');
  });
});
