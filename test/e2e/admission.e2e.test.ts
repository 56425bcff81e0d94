import type { Locator, Page } from 'playwright-core';
import { Role } from '../../server/modules/identity';
import { startApi, type TestApi, uniq } from '../helpers/api';
import { createUser, TEST_PASSWORD, type TestUser } from '../helpers/users';
import { buildIndicatorLibrary, type IndicatorLibrary, insertId } from '../helpers/world';
import {
  type ConsoleSession,
  describeInBrowser,
  go,
  openConsole,
  openMenu,
  screenshot,
  settled,
  waitForCount,
} from './helpers/browser';

/**
 * 先入库、后使用 in the browser: a department officer proposes an indicator in the console and pre-checks it, the
 * performance division approves it in the queue, it is published in the catalog and a target row can use it; a role
 * without ApproveAdmission sees no approve button and the server refuses the mutation when it is forced.
 *
 * It acts in a fiscal division of its own (users with the demo roles, created for the test): the API tests that
 * compare the demo city's aggregates with SQL run at the same time, and must not see this test's writes.
 */
describeInBrowser('admission in Chromium: propose, pre-check, approve, publish, use', () => {
  let c: ConsoleSession;
  let api: TestApi;
  let lib: IndicatorLibrary;
  /** DEPARTMENT_OFFICER of 城市管理局: proposes, pre-checks, writes its targets. */
  let officer: TestUser;
  /** PERFORMANCE_ADMIN: approves. */
  let bureau: TestUser;
  /** OBSERVER: reads the queue, decides nothing. */
  let observer: TestUser;
  const name = `主次干道机械化清扫覆盖率${uniq('E')}`;
  const categoryName = `城市管理${uniq('C')}`;
  /** The request, once proposed. */
  let requestId: string;

  beforeAll(async () => {
    [c, api] = await Promise.all([openConsole(), startApi()]);
    lib = await buildIndicatorLibrary(api, {
      name: '浏览器入库区划',
      frameworkName: '浏览器入库体系',
      category: { code: '1301', ownedByCityMgmt: true },
    });
    // A name no other category has, to pick it by in the autocomplete (which offers the user's division's categories).
    await api.sql('update indicator_category set name = ? where id = ?', [categoryName, Number(lib.category)]);
    const user = (roles: Role[], departmentId?: string) =>
      createUser(api, { roles, fiscalDivisionCode: lib.fd, departmentId });
    [officer, bureau, observer] = await Promise.all([
      user([Role.DEPARTMENT_OFFICER], lib.cityMgmt),
      user([Role.PERFORMANCE_ADMIN]),
      user([Role.OBSERVER]),
    ]);
  });
  afterAll(async () => {
    await c?.close();
    await api?.stop();
  });
  afterEach(async () => {
    await c?.checkErrors();
  });

  const signIn = (u: TestUser) => c.signIn(u.loginName, TEST_PASSWORD);

  /** The request as the API sees it (as the performance division). */
  async function request(): Promise<{
    status: string;
    step: string | null;
    version: number;
    resultIndicator: { id: string; code: string; status: string } | null;
  }> {
    if (!requestId) throw new Error('no change request: the proposal (the first test of this file) did not complete');
    const data = await c.server.ok<{ indicatorChangeRequest: Awaited<ReturnType<typeof request>> }>(
      `query($id: ID!) { indicatorChangeRequest(id: $id) {
         status step version resultIndicator { id code status } } }`,
      { id: requestId },
      bureau.token,
    );
    return data.indicatorChangeRequest;
  }

  /** Picks an option of a react-admin SelectInput (MUI select) by its label. */
  async function select(page: Page, source: string, option: string | RegExp | null): Promise<void> {
    // MUI renders the select as a combobox beside a hidden input named after the source.
    await page
      .locator('.MuiInputBase-root', { has: page.locator(`input[name="${source}"]`) })
      .locator('[role="combobox"]')
      .click();
    const listbox = page.locator('[role="listbox"]');
    await listbox.waitFor();
    const options = listbox.locator('[role="option"]:not([aria-disabled="true"])');
    // null: the first real choice (a SelectInput may start with an empty one).
    const choice = option === null ? await firstNonEmpty(options) : options.filter({ hasText: option }).first();
    await choice.click();
    await listbox.waitFor({ state: 'hidden' });
  }

  async function firstNonEmpty(options: Locator): Promise<Locator> {
    const n = await options.count();
    for (let i = 0; i < n; i += 1) {
      const text = ((await options.nth(i).textContent()) ?? '').trim();
      if (text) return options.nth(i);
    }
    throw new Error('the select offers no choice');
  }

  /** Clicks a workflow button, writes the comment in its dialog and confirms, waiting for the API's answer. */
  async function act(page: Page, testId: string, mutation: string, comment: string): Promise<void> {
    await page.getByTestId(testId).click();
    const dialog = page.locator('[role="dialog"]');
    await dialog.waitFor();
    await dialog.getByTestId('decision-comment').fill(comment);
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes(mutation),
    );
    await dialog.getByTestId('decision-confirm').click();
    const body = (await (await answered).json()) as { errors?: unknown[] };
    expect(body.errors ?? []).toEqual([]);
    await dialog.waitFor({ state: 'hidden' });
  }

  test('a department officer proposes an indicator in the console and pre-checks it', async () => {
    const { page } = await signIn(officer);
    await openMenu(page, 'indicators');
    await page.getByTestId('propose-new-indicator').click();
    await page.waitForURL(/#\/indicators\/create/);

    await page.locator('input[name="name"]').fill(name);
    await select(page, 'scope', '分行业分领域指标');
    // The category: an autocomplete over the division's categories of that scope.
    const category = page.locator('form .MuiAutocomplete-root input').first();
    await category.click();
    await category.fill(categoryName);
    await page.locator('[role="option"]', { hasText: categoryName }).click();
    await select(page, 'level1NodeId', null);
    await select(page, 'level2NodeId', null);
    await page.locator('input[name="defaultUnit"]').fill('%');
    await page.locator('textarea[name="explanation"]').fill('作业覆盖面积/应作业面积');
    await page.locator('textarea[name="reason"]').fill('智慧环卫项目需要该指标，库中没有可用指标');
    await page.locator('input[name="exampleProject"]').fill('智慧环卫建设项目');
    await screenshot(page, 'propose-form');

    // Saved as a draft: the similar existing indicators are shown before submitting.
    const proposed = page.waitForResponse((r) => (r.request().postData() ?? '').includes('proposeIndicatorChange'));
    await page.getByTestId('propose-check').click();
    expect(((await (await proposed).json()) as { errors?: unknown[] }).errors ?? []).toEqual([]);
    await page.getByTestId('propose-submit').waitFor();
    await screenshot(page, 'propose-similar');
    // Each similar indicator opens in a new tab, so the proposal being written stays.
    const rows = page.getByTestId('similar-row');
    expect(await rows.count()).toBeGreaterThan(0);
    const first = rows.first();
    const link = first.getByTestId('similar-link');
    expect(await link.getAttribute('href')).toContain(`/indicators/${await first.getAttribute('data-id')}/show`);
    expect(await link.getAttribute('target')).toBe('_blank');
    const submitted = page.waitForResponse((r) =>
      (r.request().postData() ?? '').includes('submitIndicatorChangeRequest'),
    );
    await page.getByTestId('propose-submit').click();
    await submitted;
    await page.waitForURL(/#\/indicatorChangeRequests\/[^/]+\/show/);
    requestId = decodeURIComponent(/#\/indicatorChangeRequests\/([^/]+)\/show/.exec(page.url())?.[1] ?? '');
    expect(requestId).toBeTruthy();
    expect(await request()).toMatchObject({ status: 'IN_REVIEW', step: 'DEPARTMENT_PRECHECK' });

    // The same officer pre-checks it (PrecheckProposal): passed on to the performance division.
    await page.getByText(name).first().waitFor();
    await act(page, 'precheck-pass-button', 'precheckIndicatorChangeRequest', '同意报送');
    expect(await request()).toMatchObject({ status: 'IN_REVIEW', step: 'PERFORMANCE_REVIEW' });

    // Without ApproveAdmission the officer is offered no decision on it.
    await page.reload();
    await page.getByText(name).first().waitFor();
    await settled(page);
    await page.waitForTimeout(500);
    for (const button of ['approve-button', 'return-button', 'reject-button']) {
      expect(await page.getByTestId(button).count()).toBe(0);
    }
  });

  test('roles without ApproveAdmission see no approve button, and the server refuses it when forced', async () => {
    const { version } = await request();
    const { page } = await signIn(observer);
    await go(page, `/indicatorChangeRequests/${encodeURIComponent(requestId)}/show`);
    await page.getByText(name).first().waitFor();
    await settled(page);
    // A negative check: give the permission-driven buttons the time they take for the bureau (test 3) to appear.
    await page.waitForTimeout(500);
    for (const button of ['approve-button', 'return-button', 'reject-button', 'precheck-pass-button']) {
      expect(await page.getByTestId(button).count()).toBe(0);
    }
    await screenshot(page, 'queue-request-observer');

    for (const who of [officer, observer]) {
      const forced = await c.server.gql(
        'mutation($id: ID!, $version: Int!) { approveIndicatorChangeRequest(id: $id, version: $version) { id status } }',
        { id: requestId, version },
        who.token,
      );
      expect(forced.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await request()).toMatchObject({ status: 'IN_REVIEW', step: 'PERFORMANCE_REVIEW', version });
  });

  test('the performance division approves it in the queue; it is published in the catalog', async () => {
    expect(await request()).toMatchObject({ status: 'IN_REVIEW', step: 'PERFORMANCE_REVIEW' });
    // An observer watches the queue (in review, by default): it updates itself when the request is decided.
    const watcher = await signIn(observer);
    await openMenu(watcher.page, 'indicatorChangeRequests');
    const watched = watcher.page.locator(`[data-testid="queue-row"][data-id="${requestId}"]`);
    await watched.waitFor();

    const { page } = await signIn(bureau);
    await openMenu(page, 'indicatorChangeRequests');
    const row = page.locator(`[data-testid="queue-row"][data-id="${requestId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-step')).toBe('PERFORMANCE_REVIEW');
    await screenshot(page, 'queue');

    await row.getByText(name).click();
    await page.waitForURL(/#\/indicatorChangeRequests\/[^/]+\/show/);
    await page.getByTestId('approve-button').waitFor();
    await screenshot(page, 'queue-request');
    await act(page, 'approve-button', 'approveIndicatorChangeRequest', '同意入库');
    const approved = await request();
    expect(approved).toMatchObject({ status: 'APPROVED', step: null, resultIndicator: { status: 'PUBLISHED' } });
    await page.getByTestId('approve-button').waitFor({ state: 'detached' });
    await screenshot(page, 'queue-request-approved');

    // The watcher's queue dropped the decided request without a reload (graphql-ws review events).
    await watched.waitFor({ state: 'detached' });

    // The catalog lists it as published (the list shows published versions by default).
    await openMenu(page, 'indicators');
    await page.locator('input[name="q"]').fill(name);
    await waitForCount(page.locator('table tbody tr'), 1);
    const published = page.locator('table tbody tr', { hasText: name });
    await published.first().waitFor();
    await published.first().getByText('已发布').waitFor();
    expect(await published.first().textContent()).toContain(approved.resultIndicator?.code ?? '?');
    await screenshot(page, 'catalog');
  });

  test('a target row of the department can use the published indicator', async () => {
    const { resultIndicator } = await request();
    expect(resultIndicator?.status).toBe('PUBLISHED');
    const [framework] = await api.sql<{ framework_id: number }>(
      `select n.framework_id from indicator i join indicator_framework_node n on n.id = i.level1node_id where i.id = ?`,
      [Number(resultIndicator?.id)],
    );
    const projectId = await insertId(
      api,
      `insert into project (fiscal_division_code, code, name, department_id, attribute, start_year, budget_type,
         transfer_payment, created_at, updated_at)
       values (?, ?, ?, ?, 'NEW', 2026, 'GENERAL_PUBLIC', false, now(), now())`,
      [lib.fd, uniq('P'), '智慧环卫建设项目', lib.cityMgmt],
    );
    const target = await c.server.ok<{ createPerformanceTarget: { id: string; status: string } }>(
      `mutation($input: CreatePerformanceTargetInput!) { createPerformanceTarget(input: $input) { id status } }`,
      {
        input: {
          kind: 'PROJECT',
          projectId,
          fiscalYear: 2026,
          funds: '1200000.00',
          frameworkId: String(framework?.framework_id),
        },
      },
      officer.token,
    );
    expect(target.createPerformanceTarget.status).toBe('DRAFT');
    const row = await c.server.ok<{ addTargetIndicator: { indicator: { id: string; name: string } } }>(
      `mutation($input: AddTargetIndicatorInput!) { addTargetIndicator(input: $input) { indicator { id name } } }`,
      { input: { targetId: target.createPerformanceTarget.id, indicatorId: resultIndicator?.id, targetValue: '95' } },
      officer.token,
    );
    expect(row.addTargetIndicator.indicator).toEqual({ id: resultIndicator?.id, name });
  });
});
