import { zhDomain } from '../../admin/src/i18n/zh-domain';
import { demoPassword } from '../../server/db/seeders/users';
import {
  type ConsoleSession,
  describeInBrowser,
  go,
  menuItem,
  openConsole,
  openMenu,
  screenshot,
} from './helpers/browser';

/**
 * The read screens on the demo data, in Chromium: the dashboard's charts, projects, a target with its rows and
 * review timeline, and the users (ADMIN only). Read only, so the demo users are used as they are.
 */
describeInBrowser('the console in Chromium: dashboard, projects, targets, users', () => {
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

  const signIn = (login: string) => c.signIn(login, demoPassword(login));

  test('the dashboard draws its five charts for a chosen year', async () => {
    const { page } = await signIn('perf-admin');
    await go(page, '/');
    const charts = ['chart-funnel', 'chart-grades', 'chart-coverage', 'chart-library', 'chart-queue'];
    /** Every chart drawn (recharts' SVG surface, or its empty state: no spinner) and none showing an error. */
    const drawn = async () => {
      for (const chart of charts) {
        await page
          .locator(`[data-testid="${chart}"]`)
          .locator('.recharts-surface, [data-empty="true"]')
          .first()
          .waitFor();
      }
      expect(await page.locator('[data-testid^="chart-"] .MuiAlert-standardError').count()).toBe(0);
    };
    await drawn();

    // Another year reloads the figures; then back to the default year for the picture.
    const year = page.getByTestId('year-select');
    const current = await year.inputValue();
    const years = (await year.locator('option').allTextContents()).map((y) => y.trim());
    expect(years).toContain(current);
    const other = years.find((y) => y !== current);
    expect(other).toBeDefined();
    const reloaded = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes(String(other)),
    );
    await year.selectOption(String(other));
    await reloaded;
    expect(await year.inputValue()).toBe(other);
    await drawn();
    await year.selectOption(current);
    await drawn();
    // The default year of the demo data has something in every chart.
    for (const chart of charts) {
      expect(await page.locator(`[data-testid="${chart}"] .recharts-surface`).count()).toBeGreaterThan(0);
    }
    // The charts animate in (script, not CSS): let them finish before the picture.
    await page.waitForTimeout(1_500);
    await screenshot(page, 'dashboard');
  });

  test('projects: the list and a project with its budgets', async () => {
    const { page } = await signIn('perf-admin');
    await openMenu(page, 'projects');
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(1);
    await screenshot(page, 'projects');

    // 导出: a CSV Excel opens as UTF-8 (a BOM), under the list's Chinese column labels, enums in Chinese.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^项目.*-\d{4}-\d{2}-\d{2}\.csv$/);
    const stream = await file.createReadStream();
    let bytes = Buffer.alloc(0);
    for await (const chunk of stream) bytes = Buffer.concat([bytes, chunk as Buffer]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]?.split(',').slice(0, 2)).toEqual([
      zhDomain.resources.projects.fields.code,
      zhDomain.resources.projects.fields.name,
    ]);
    expect(lines.find((l) => l.includes('城乡最低生活保障资金'))).toContain(zhDomain.enums.BudgetType.GENERAL_PUBLIC);
    expect(lines.length - 1).toBeGreaterThanOrEqual(await rows.count());

    await page.locator('input[name="q"]').fill('城乡最低生活保障资金');
    await page.locator('table tbody tr', { hasText: '城乡最低生活保障资金' }).first().click();
    await page.waitForURL(/#\/projects\/[^/]+\/show/);
    await page.getByText('城乡最低生活保障资金').first().waitFor();
    await screenshot(page, 'project-show');
  });

  test('targets: the list, and a target with its indicator rows and review timeline', async () => {
    const token = await c.server.token('perf-admin', demoPassword('perf-admin'));
    const data = await c.server.ok<{
      performanceTargets: { items: { id: string; rows: { id: string }[]; reviews: { id: string }[] | null }[] };
    }>(
      `{ performanceTargets(filter: { search: "城乡最低生活保障资金", kind: PROJECT }, limit: 20) {
          items { id rows { id } reviews { id } } } }`,
      {},
      token,
    );
    const target = data.performanceTargets.items.find((t) => t.rows.length > 0 && (t.reviews?.length ?? 0) > 0);
    expect(target).toBeDefined();

    const { page } = await signIn('perf-admin');
    await openMenu(page, 'performanceTargets');
    await page.locator('table tbody tr').first().waitFor();
    await screenshot(page, 'targets');

    await go(page, `/performanceTargets/${target?.id}/show`);
    await page.getByText('城乡最低生活保障资金').first().waitFor();
    await page.getByRole('tab', { name: '绩效指标表' }).click();
    await page.getByText('城乡低保保障人数').first().waitFor();
    await screenshot(page, 'target-rows');
    await page.getByRole('tab', { name: '审核过程' }).click();
    await page.getByTestId('review-timeline').waitFor();
    expect(await page.getByTestId('review-entry').count()).toBeGreaterThan(0);
    await screenshot(page, 'target-timeline');
  });

  test('users: the ADMIN manages them; the performance division has no such menu', async () => {
    const { page } = await signIn('admin');
    await openMenu(page, 'users');
    await page.locator('table tbody tr', { hasText: 'perf-admin' }).first().waitFor();
    await screenshot(page, 'users');

    const bureau = await signIn('perf-admin');
    await menuItem(bureau.page, '预算部门').first().waitFor();
    expect(await bureau.page.locator('a[role="menuitem"][href$="#/users"]').count()).toBe(0);
  });
});
