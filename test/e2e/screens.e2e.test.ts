import { MAX_PAGE_SIZE } from '../../admin/src/dataProvider/buildQuery';
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

  test('projects: the list, its CSV export of every row (past one API page), and a project with its budgets', async () => {
    // The whole list as the API has it (code order), page by page: more rows than one API page, so a CSV export that
    // read a single page (react-admin's ExportButton, clamped to MAX_PAGE_SIZE) would be caught.
    const token = await c.server.token('perf-admin', demoPassword('perf-admin'));
    const codes = async (search?: string) => {
      const out: string[] = [];
      for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
        const data = await c.server.ok<{ projects: { totalCount: number; items: { code: string }[] } }>(
          `query($filter: ProjectFilter, $offset: Int!, $limit: Int!) {
            projects(filter: $filter, sort: [{ field: CODE, direction: ASC }], offset: $offset, limit: $limit) {
              totalCount items { code } } }`,
          { filter: search ? { search } : undefined, offset, limit: MAX_PAGE_SIZE },
          token,
        );
        out.push(...data.projects.items.map((p) => p.code));
        if (out.length >= data.projects.totalCount || data.projects.items.length === 0) {
          expect(out).toHaveLength(data.projects.totalCount);
          return out;
        }
      }
    };
    const allCodes = await codes();
    expect(allCodes.length).toBeGreaterThan(MAX_PAGE_SIZE);

    const { page } = await signIn('perf-admin');
    await openMenu(page, 'projects');
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(1);
    // The list says how many rows it has (第 1-25 条，共 293 条).
    await page.getByText(`共 ${allCodes.length} 条`).first().waitFor();
    await screenshot(page, 'projects');

    // 导出: a CSV Excel opens as UTF-8 (a BOM), under the list's Chinese column labels, enums in Chinese, and every
    // row of the list in the list's order, not only the first page.
    const exportCsv = async () => {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^项目.*-\d{4}-\d{2}-\d{2}\.csv$/);
      const stream = await file.createReadStream();
      let bytes = Buffer.alloc(0);
      for await (const chunk of stream) bytes = Buffer.concat([bytes, chunk as Buffer]);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      // The button is back (not busy) once the file is written.
      await page.getByRole('button', { name: '导出' }).and(page.locator(':enabled')).waitFor();
      return parseCsv(bytes.toString('utf8').slice(1));
    };
    const [header, ...records] = await exportCsv();
    expect(header?.slice(0, 2)).toEqual([
      zhDomain.resources.projects.fields.code,
      zhDomain.resources.projects.fields.name,
    ]);
    expect(header).toHaveLength(10);
    expect(records.find((r) => r[1]?.includes('城乡最低生活保障资金'))?.[3]).toBe(
      zhDomain.enums.BudgetType.GENERAL_PUBLIC,
    );
    expect(records).toHaveLength(allCodes.length);
    expect(records.map((r) => r[0])).toEqual(allCodes);

    // With a filter, the export is the filtered list.
    await page.locator('input[name="q"]').fill('城乡最低生活保障资金');
    const filteredCodes = await codes('城乡最低生活保障资金');
    expect(filteredCodes.length).toBeGreaterThan(0);
    expect(filteredCodes.length).toBeLessThan(allCodes.length);
    await page.getByText(`共 ${filteredCodes.length} 条`).first().waitFor();
    const [, ...filtered] = await exportCsv();
    expect(filtered.map((r) => r[0])).toEqual(filteredCodes);

    await page.locator('table tbody tr', { hasText: '城乡最低生活保障资金' }).first().click();
    await page.waitForURL(/#\/projects\/[^/]+\/show/);
    await page.getByText('城乡最低生活保障资金').first().waitFor();
    await screenshot(page, 'project-show');
  });

  test('targets: the list, and a target with its indicator rows and review timeline', async () => {
    const token = await c.server.token('perf-admin', demoPassword('perf-admin'));
    const data = await c.server.ok<{
      performanceTargets: {
        items: { id: string; rows: { id: string; weight: string | null }[]; reviews: { id: string }[] | null }[];
      };
    }>(
      `{ performanceTargets(filter: { search: "城乡最低生活保障资金", kind: PROJECT }, limit: 20) {
          items { id rows { id weight } reviews { id } } } }`,
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
    // The weight line: none set (they are optional), or their total, which must be 100.
    const weights = (target?.rows ?? [])
      .filter((r) => r.weight !== null)
      .map((r) => Math.round(Number(r.weight) * 100));
    const cents = weights.reduce((a, b) => a + b, 0);
    const expected =
      weights.length === 0
        ? '未设置权重'
        : `权重合计 ${(cents / 100).toFixed(2)}%${cents === 10_000 ? '' : '，须为 100%'}`;
    expect(await page.getByTestId('weight-total').textContent()).toContain(expected);
    await screenshot(page, 'target-rows');
    await page.getByRole('tab', { name: '审核过程' }).click();
    await page.getByTestId('review-timeline').waitFor();
    expect(await page.getByTestId('review-entry').count()).toBeGreaterThan(0);
    await screenshot(page, 'target-timeline');
  });

  test('indicator import: a file that is not an Excel workbook is refused in Chinese, without the library’s message', async () => {
    const { page } = await signIn('perf-admin');
    await go(page, '/indicators/import');
    await page.getByTestId('indicator-import-file').setInputFiles({
      name: '指标清单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('指标编码,指标名称\nGX0001,培训人次\n'),
    });
    const alert = page.getByText('它不是有效的 Excel 工作簿');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('无法读取“指标清单.xlsx”');
    expect(await page.getByText('central directory').count()).toBe(0);
  });

  test('a role without access that opens the queue by its address is told so, with no live connection and no page error', async () => {
    const { page } = await signIn('analyst');
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await go(page, '/indicatorChangeRequests');
    await page.getByText('无权访问').first().waitFor();
    await page.waitForTimeout(500);
    expect(sockets).toEqual([]);
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

/** The records of a CSV file (RFC 4180: quoted cells may hold commas, quotes and line breaks), CRLF-terminated. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || record.length > 0) records.push([...record, cell]);
  return records;
}
