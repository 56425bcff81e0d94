import { demoPassword } from '../../server/db/seeders/users';
import {
  type ConsoleSession,
  describeInBrowser,
  go,
  menuItem,
  openConsole,
  screenshot,
  settled,
} from './helpers/browser';

/** The console's frame in Chromium: sign-in, the Chinese labels, the language switch, a first list. */
describeInBrowser('the console in Chromium: sign-in, Chinese labels, language switch', () => {
  let c: ConsoleSession;
  beforeAll(async () => {
    c = await openConsole();
  });
  afterAll(async () => {
    await c?.close();
  });
  afterEach(async () => {
    await c?.checkErrors();
  });

  test('the sign-in page refuses a wrong password', async () => {
    const { page } = await c.open();
    await page.locator('input[name="username"]').waitFor();
    await screenshot(page, 'sign-in');
    // An unknown login name: failed sign-ins are counted per name, and the demo users must stay unlocked.
    await page.locator('input[name="username"]').fill(`nobody-${Date.now()}`);
    await page.locator('input[name="password"]').fill('not-the-password');
    await page.locator('button[type="submit"]').click();
    // react-admin shows the refusal in a notification and stays on the sign-in page.
    await page.locator('.MuiSnackbar-root, [role="alert"]').first().waitFor();
    // In the user's language, not the API's English message.
    expect(await page.locator('.MuiSnackbar-root, [role="alert"]').first().textContent()).toContain('登录名或密码错误');
    expect(await page.locator('input[name="username"]').isVisible()).toBe(true);
  });

  test('perf-admin signs in: Chinese by default, English switchable and back; the departments list loads', async () => {
    const { page } = await c.signIn('perf-admin', demoPassword('perf-admin'));
    // The app title and the menu in Simplified Chinese.
    await page.getByText('预算绩效目标管理平台').first().waitFor();
    await menuItem(page, '预算部门').first().waitFor();
    // Every menu entry is labelled in Chinese (no raw i18n keys, no English left over).
    const labels = await page.locator('a[role="menuitem"]').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatch(/[\u4e00-\u9fff]/);

    // The departments list: the demo city's first-level units, searchable by name.
    await menuItem(page, '预算部门').first().click();
    await page.waitForURL(/#\/departments/);
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(1);
    await page.locator('input[name="q"]').fill('民政局');
    await page.getByText('郑州市民政局').first().waitFor();
    await settled(page);
    const headers = await page.locator('table thead th').allInnerTexts();
    expect(headers.join(' ')).toMatch(/名称/);
    await screenshot(page, 'departments-zh');

    // English, then back to Chinese: the switch in the app bar (it shows the current language's name).
    await page.locator('button[aria-controls="simple-menu"]').click();
    await page.locator('[role="menuitem"]', { hasText: 'English' }).click();
    await page.getByText('Budget Performance Target Platform').first().waitFor();
    await menuItem(page, 'Departments').first().waitFor();
    for (const label of await page.locator('a[role="menuitem"]').allTextContents()) {
      expect(label).not.toMatch(/[\u4e00-\u9fff]|resources\./);
    }
    expect(await page.locator('table thead th').allInnerTexts()).toContain('Name');
    await screenshot(page, 'departments-en');

    await page.locator('button[aria-controls="simple-menu"]').click();
    await page.locator('[role="menuitem"]', { hasText: '简体中文' }).click();
    await page.getByText('预算绩效目标管理平台').first().waitFor();
    await menuItem(page, '预算部门').first().waitFor();

    // A department's page (a client-side route inside the console).
    await page.getByText('郑州市民政局').first().click();
    await page.waitForURL(/#\/departments\/[^/]+\/show/);
    await page.getByText('郑州市民政局').first().waitFor();
    await screenshot(page, 'department-show');

    // Reloading a deep route keeps the session and the page.
    await go(page, '/departments');
    await rows.first().waitFor();
  });
});
