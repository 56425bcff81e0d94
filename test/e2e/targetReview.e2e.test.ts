import type { Page } from 'playwright-core';
import { Role } from '../../server/modules/identity';
import { startApi, type TestApi } from '../helpers/api';
import { buildWorld, insertProject, releaseDefaults, userOf, type World } from '../helpers/targetFixtures';
import { TEST_PASSWORD, type TestUser } from '../helpers/users';
import { type ConsoleSession, describeInBrowser, go, openConsole, screenshot, settled } from './helpers/browser';

/**
 * The target review (绩效目标审核) in the browser, each step by the role that takes it, on the target page's action
 * bar: the preparer submits (and sees the pre-check's findings when it fails), the department officer passes the
 * self-review, the expenditure division passes its half of the dual initial review (and then has no step left), the
 * evaluation center returns it with feedback (back to DRAFT, one round more), the preparer resubmits; an observer
 * comments in the joint review and the performance division grades it and refines the 良 target; a stale page answers
 * the API's CONFLICT message.
 *
 * It acts in a city of its own (test/helpers/targetFixtures: users with the demo roles UNIT_PREPARER,
 * DEPARTMENT_OFFICER, EXPENDITURE_REVIEWER, EVALUATION_REVIEWER, PERFORMANCE_ADMIN, OBSERVER), so that the demo city's
 * targets, which the read-only screens and the aggregate tests read while it runs, never change.
 */

/** A fiscal year no other test file uses: the world's default frameworks start in it. */
const YEAR = 2093;

interface Target {
  id: string;
  status: string;
  version: number;
  reviewRound: number;
  grade: string | null;
}

const TARGET = 'id status version reviewRound grade';

describeInBrowser('the target review in Chromium: submit, self-review, dual initial review, return, grade', () => {
  let c: ConsoleSession;
  let api: TestApi;
  let w: World;
  let preparer: TestUser;
  let officer: TestUser;
  let expenditure: TestUser;
  let evaluation: TestUser;
  let bureau: TestUser;
  let observer: TestUser;

  beforeAll(async () => {
    [c, api] = await Promise.all([openConsole(), startApi()]);
    w = await buildWorld(api, YEAR);
    preparer = w.users.preparer;
    bureau = w.users.bureau;
    [officer, expenditure, evaluation, observer] = await Promise.all([
      userOf(api, w, Role.DEPARTMENT_OFFICER, { departmentId: w.parentDept }),
      userOf(api, w, Role.EXPENDITURE_REVIEWER, { financeDivisionId: w.expenditureDivision }),
      userOf(api, w, Role.EVALUATION_REVIEWER),
      userOf(api, w, Role.OBSERVER),
    ]);
  });
  afterAll(async () => {
    if (api && w) await releaseDefaults(api, w);
    await c?.close();
    await api?.stop();
  });
  afterEach(async () => {
    await c?.checkErrors();
  });

  const signIn = (u: TestUser) => c.signIn(u.loginName, TEST_PASSWORD);
  const gql = <T>(u: TestUser, query: string, variables: Record<string, unknown>) =>
    c.server.ok<T>(query, variables, u.token);

  /** The target as the performance division sees it. */
  async function current(id: string): Promise<Target> {
    const d = await gql<{ performanceTarget: Target }>(
      bureau,
      `query($id: ID!) { performanceTarget(id: $id) { ${TARGET} } }`,
      {
        id,
      },
    );
    return d.performanceTarget;
  }

  /** A project with a budget request and its draft target, created through the API by the preparer. */
  async function draftTarget(rows: boolean): Promise<Target> {
    const projectId = await insertProject(api, w, { departmentId: w.parentDept, name: `浏览器审核项目${Date.now()}` });
    await api.sql(
      `insert into project_budget (fiscal_division_code, project_id, fiscal_year, requested, created_at, updated_at)
       values (?, ?, ?, '500000.00', now(), now())`,
      [w.city, projectId, YEAR],
    );
    const { createPerformanceTarget: t } = await gql<{ createPerformanceTarget: Target }>(
      preparer,
      `mutation($input: CreatePerformanceTargetInput!) { createPerformanceTarget(input: $input) { ${TARGET} } }`,
      {
        input: {
          kind: 'PROJECT',
          projectId,
          fiscalYear: YEAR,
          funds: '500000.00',
          overallGoal: '提升基层社会救助人员业务能力',
          annualGoal: '全年培训 6.2 万人次，合格率不低于 95%',
        },
      },
    );
    if (rows) {
      for (const [indicatorId, value] of [
        [w.library.trainees, '62000'],
        [w.library.passRate, '95'],
      ] as const) {
        await gql(preparer, 'mutation($input: AddTargetIndicatorInput!) { addTargetIndicator(input: $input) { id } }', {
          input: { targetId: t.id, indicatorId: String(indicatorId), comparator: 'GE', targetValue: value },
        });
      }
    }
    return current(t.id);
  }

  async function review(u: TestUser, t: Target, decision: 'PASS' | 'RETURN'): Promise<Target> {
    const d = await gql<{ reviewPerformanceTarget: Target }>(
      u,
      `mutation($input: ReviewPerformanceTargetInput!) { reviewPerformanceTarget(input: $input) { ${TARGET} } }`,
      { input: { targetId: t.id, version: t.version, decision } },
    );
    return d.reviewPerformanceTarget;
  }

  /** Opens the target page and waits for its action bar to know the user's steps. */
  async function openTarget(page: Page, id: string): Promise<void> {
    await go(page, `/performanceTargets/${id}/show`);
    await page.getByTestId('target-actions').waitFor();
    await settled(page);
  }

  /** The workflow buttons the page offers, by test id. */
  async function buttons(page: Page): Promise<string[]> {
    await settled(page);
    // In one evaluation: a refresh re-renders the bar, so elements found one by one may be gone by the next call.
    return page
      .getByTestId('target-actions')
      .locator('[data-testid^="target-"]')
      .evaluateAll((els) =>
        els.map(
          (e) => (e as unknown as { getAttribute(name: string): string | null }).getAttribute('data-testid') ?? '',
        ),
      );
  }

  /** Waits for the answer of the mutation this click sends, and returns its body. */
  async function answerOf(page: Page, mutation: string, click: () => Promise<void>) {
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes(mutation),
    );
    await click();
    return (await (await answered).json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
  }

  /** A review step through its dialog: the button, the feedback, confirm; the API must accept it. */
  async function decide(page: Page, button: 'target-pass' | 'target-return', feedback: string): Promise<void> {
    await page.getByTestId(button).click();
    const dialog = page.locator('[role="dialog"]');
    await dialog.waitFor();
    if (feedback) await dialog.getByTestId('target-feedback').fill(feedback);
    const body = await answerOf(page, 'ReviewPerformanceTarget', () =>
      dialog.getByTestId('target-step-confirm').click(),
    );
    expect(body.errors ?? []).toEqual([]);
    await dialog.waitFor({ state: 'hidden' });
  }

  /** Waits until the page's action bar offers exactly these steps (after the refresh that follows a step). */
  async function expectButtons(page: Page, expected: string[]): Promise<void> {
    const until = Date.now() + 15_000;
    let seen = await buttons(page);
    while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < until) {
      await page.waitForTimeout(150);
      seen = await buttons(page);
    }
    expect(seen).toEqual(expected);
  }

  test('submit, self-review, one half of the dual initial review, a return with feedback and the resubmission', async () => {
    let t = await draftTarget(true);
    expect(t.status).toBe('DRAFT');

    // 1. The preparer submits the draft from the target page.
    const prep = await signIn(preparer);
    await openTarget(prep.page, t.id);
    await expectButtons(prep.page, ['target-submit']);
    const submitted = await answerOf(prep.page, 'SubmitPerformanceTarget', () =>
      prep.page.getByTestId('target-submit').click(),
    );
    expect(submitted.errors ?? []).toEqual([]);
    await expectButtons(prep.page, []);
    t = await current(t.id);
    expect(t.status).toBe('DEPARTMENT_REVIEW');

    // 2. The department officer passes the self-review.
    const off = await signIn(officer);
    await openTarget(off.page, t.id);
    await expectButtons(off.page, ['target-pass', 'target-return']);
    await screenshot(off.page, 'target-review-actions');
    await decide(off.page, 'target-pass', '部门自审通过');
    await expectButtons(off.page, []);
    t = await current(t.id);
    expect(t.status).toBe('INITIAL_REVIEW');

    // 3. The expenditure division passes its half; then it has no step left in this round.
    const exp = await signIn(expenditure);
    await openTarget(exp.page, t.id);
    await expectButtons(exp.page, ['target-pass', 'target-return']);
    await decide(exp.page, 'target-pass', '');
    await expectButtons(exp.page, []);
    t = await current(t.id);
    expect(t.status).toBe('INITIAL_REVIEW');

    // 4. The evaluation center returns it with written feedback: back to DRAFT, one round more.
    const ev = await signIn(evaluation);
    await openTarget(ev.page, t.id);
    await expectButtons(ev.page, ['target-pass', 'target-return']);
    // Feedback is required to return: confirm stays disabled without it.
    await ev.page.getByTestId('target-return').click();
    const dialog = ev.page.locator('[role="dialog"]');
    await dialog.waitFor();
    expect(await dialog.getByTestId('target-step-confirm').isDisabled()).toBe(true);
    await dialog.getByRole('button').first().click();
    await dialog.waitFor({ state: 'hidden' });
    await decide(ev.page, 'target-return', '满意度指标需量化，请补充计量单位');
    await expectButtons(ev.page, []);
    t = await current(t.id);
    expect(t).toMatchObject({ status: 'DRAFT', reviewRound: 1 });
    // The feedback is on the timeline.
    await go(ev.page, `/performanceTargets/${t.id}/show/timeline`);
    await ev.page.getByTestId('review-timeline').getByText('满意度指标需量化，请补充计量单位').waitFor();
    await screenshot(ev.page, 'target-review-returned');

    // 5. The preparer, back on the page (reloaded: it still shows the target as submitted), submits the returned draft.
    await prep.page.reload();
    await openTarget(prep.page, t.id);
    await expectButtons(prep.page, ['target-submit']);
    const resubmitted = await answerOf(prep.page, 'SubmitPerformanceTarget', () =>
      prep.page.getByTestId('target-submit').click(),
    );
    expect(resubmitted.errors ?? []).toEqual([]);
    await expectButtons(prep.page, []);
    expect(await current(t.id)).toMatchObject({ status: 'DEPARTMENT_REVIEW', reviewRound: 1 });
  });

  test('a draft that fails the pre-check is not submitted, and its findings are listed', async () => {
    const t = await draftTarget(false);
    const { page } = await signIn(preparer);
    await openTarget(page, t.id);
    const answer = await answerOf(page, 'SubmitPerformanceTarget', () => page.getByTestId('target-submit').click());
    expect(answer.errors?.[0]?.extensions?.code).toBe('PRECHECK_FAILED');
    const findings = page.getByTestId('precheck-findings');
    await findings.waitFor();
    expect(await findings.locator('li').count()).toBeGreaterThan(0);
    await screenshot(page, 'target-review-precheck-failed');
    expect((await current(t.id)).status).toBe('DRAFT');
  });

  test('an observer comments in the joint review; the performance division grades 良 and refines', async () => {
    let t = await draftTarget(true);
    const s = await gql<{ submitPerformanceTarget: { target: Target } }>(
      preparer,
      `mutation($targetId: ID!, $version: Int!) { submitPerformanceTarget(targetId: $targetId, version: $version) { target { ${TARGET} } } }`,
      { targetId: t.id, version: t.version },
    );
    t = s.submitPerformanceTarget.target;
    t = await review(officer, t, 'PASS');
    t = await review(expenditure, t, 'PASS');
    t = await review(evaluation, t, 'PASS');
    t = await review(bureau, t, 'PASS');
    expect(t.status).toBe('JOINT_REVIEW');

    const obs = await signIn(observer);
    await openTarget(obs.page, t.id);
    await expectButtons(obs.page, ['target-comment']);
    await obs.page.getByTestId('target-comment').click();
    const commentDialog = obs.page.locator('[role="dialog"]');
    await commentDialog.getByTestId('target-comment-text').fill('建议细化满意度指标');
    const commented = await answerOf(obs.page, 'CommentJointReview', () =>
      commentDialog.getByTestId('target-step-confirm').click(),
    );
    expect(commented.errors ?? []).toEqual([]);
    await commentDialog.waitFor({ state: 'hidden' });

    const perf = await signIn(bureau);
    await openTarget(perf.page, t.id);
    await expectButtons(perf.page, ['target-grade']);
    await perf.page.getByTestId('target-grade').click();
    const gradeDialog = perf.page.locator('[role="dialog"]');
    for (const k of ['relevance', 'completeness', 'feasibility', 'soundness', 'appropriateness']) {
      await gradeDialog.getByTestId(`target-score-${k}`).fill('17');
    }
    // 5 × 17 = 85: 良, shown before confirming.
    await gradeDialog.getByTestId('target-grade-preview').getByText('85').waitFor();
    await screenshot(perf.page, 'target-review-grade');
    const graded = await answerOf(perf.page, 'GradePerformanceTarget', () =>
      gradeDialog.getByTestId('target-step-confirm').click(),
    );
    expect(graded.errors ?? []).toEqual([]);
    await gradeDialog.waitFor({ state: 'hidden' });
    await expectButtons(perf.page, ['target-refine']);
    expect(await current(t.id)).toMatchObject({ status: 'GRADED', grade: 'GOOD' });

    await perf.page.getByTestId('target-refine').click();
    const refineDialog = perf.page.locator('[role="dialog"]');
    const refined = await answerOf(perf.page, 'RefinePerformanceTarget', () =>
      refineDialog.getByTestId('target-step-confirm').click(),
    );
    expect(refined.errors ?? []).toEqual([]);
    await expectButtons(perf.page, []);
    expect(await current(t.id)).toMatchObject({ status: 'READY_FOR_BUDGET', grade: 'GOOD' });
  });

  test("a step on a stale page is refused with CONFLICT and the API's message is shown", async () => {
    let t = await draftTarget(true);
    const s = await gql<{ submitPerformanceTarget: { target: Target } }>(
      preparer,
      `mutation($targetId: ID!, $version: Int!) { submitPerformanceTarget(targetId: $targetId, version: $version) { target { ${TARGET} } } }`,
      { targetId: t.id, version: t.version },
    );
    t = s.submitPerformanceTarget.target;
    t = await review(officer, t, 'PASS');
    expect(t.status).toBe('INITIAL_REVIEW');

    const ev = await signIn(evaluation);
    await openTarget(ev.page, t.id);
    await expectButtons(ev.page, ['target-pass', 'target-return']);
    // Meanwhile the expenditure division passes its half: the page's version is stale now.
    await review(expenditure, t, 'PASS');
    await ev.page.getByTestId('target-pass').click();
    const dialog = ev.page.locator('[role="dialog"]');
    const answer = await answerOf(ev.page, 'ReviewPerformanceTarget', () =>
      dialog.getByTestId('target-step-confirm').click(),
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const message = (answer.errors?.[0] as { message?: string } | undefined)?.message ?? '';
    await ev.page
      .locator('.MuiSnackbar-root', { hasText: message.slice(0, 30) })
      .first()
      .waitFor();
    expect((await current(t.id)).status).toBe('INITIAL_REVIEW');
  });
});
