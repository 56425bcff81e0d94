import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { chromiumPath, missingBrowserMessage } from './gate';
import { type ConsoleServer, startConsoleServer } from './server';

/** The browser tests' toolkit: Chromium driven by playwright-core against a real server process on the test database. */

export { describeInBrowser } from './gate';

/** Where the screenshots of the main screens go (a CI artifact; ignored by git with test-results/). */
export const ARTIFACTS = resolve(__dirname, '../../../test-results/e2e');
/**
 * Chromium flags that work as root in a container (see /work/shared/stack.md); playwright adds --headless and a
 * fresh --user-data-dir of its own.
 */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(missingBrowserMessage());
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** A page of the console with what went wrong in it: uncaught errors fail the test, console errors are reported. */
export interface ConsolePage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Uncaught exceptions in the page, errors thrown while rendering and 5xx answers: they fail the test. */
  readonly pageErrors: string[];
  /** console.error messages and 4xx answers: logged to test-results/e2e/console-errors.log, not a failure. */
  readonly consoleErrors: string[];
}

/** One browser and one server for a test file, with signed-in pages and the checks every test gets. */
export interface ConsoleSession {
  readonly server: ConsoleServer;
  readonly browser: Browser;
  /** A fresh browser context (no shared storage) on the console's sign-in page. */
  open(): Promise<ConsolePage>;
  /** A fresh context signed in through the sign-in form. */
  signIn(loginName: string, password: string): Promise<ConsolePage>;
  /**
   * Call it in afterEach: closes the pages the test opened (screenshots of them first when the test failed), logs
   * their console errors, and fails on uncaught errors, render crashes and 5xx answers.
   */
  checkErrors(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the server (with extra environment, e.g. a short token lifetime) and Chromium for one test file. */
export async function openConsole(env: Record<string, string> = {}): Promise<ConsoleSession> {
  const server = await startConsoleServer(env);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    await server.stop();
    throw e;
  }
  const opened: ConsolePage[] = [];

  const open = async (): Promise<ConsolePage> => {
    const { child } = server.process;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server process has exited (${child.exitCode ?? child.signalCode}):\n${tail(server)}`);
    }
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const cp: ConsolePage = { page, context, pageErrors: [], consoleErrors: [] };
    page.on('pageerror', (e) => cp.pageErrors.push(`${e.name}: ${e.message}\n${e.stack ?? ''}`));
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const where = m.location().url;
      cp.consoleErrors.push(where ? `${m.text()} (${where})` : m.text());
      // A component that threw (react-admin's error boundary logs it and shows its error page) is a failure too.
      if (/^\w*Error: /.test(m.text())) cp.pageErrors.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 500) cp.pageErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
      else if (r.status() >= 400) cp.consoleErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
    opened.push(cp);
    await page.goto(`${server.url}/admin/`);
    return cp;
  };

  return {
    server,
    browser,
    open,
    async signIn(loginName, password) {
      const cp = await open();
      await signInForm(cp.page, loginName, password);
      return cp;
    },
    async checkErrors() {
      const pages = opened.splice(0);
      const test = expect.getState().currentTestName ?? 'test';
      if ((globalThis as { __e2eTestFailed?: boolean }).__e2eTestFailed) {
        // What the pages showed when the test failed (test-results/e2e/failed/), for the CI artifacts.
        const dir = join(ARTIFACTS, 'failed');
        mkdirSync(dir, { recursive: true });
        const base = test.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 100);
        for (const [i, p] of pages.entries()) {
          await p.page.screenshot({ path: join(dir, `${base}-${i + 1}.png`), fullPage: true }).catch(() => undefined);
        }
      }
      await Promise.all(pages.map((p) => p.context.close().catch(() => undefined)));
      const errors = pages.flatMap((p) => p.pageErrors);
      const consoleErrors = pages.flatMap((p) => p.consoleErrors);
      if (consoleErrors.length) {
        mkdirSync(ARTIFACTS, { recursive: true });
        appendFileSync(
          join(ARTIFACTS, 'console-errors.log'),
          `# ${test}\n${consoleErrors.map((e) => `  ${e.replace(/\n/g, '\n  ')}`).join('\n')}\n`,
        );
      }
      if (errors.length) {
        throw new Error(
          `uncaught errors in the console page:\n${errors.join('\n')}\n\nconsole errors:\n${consoleErrors.join('\n')}`,
        );
      }
    },
    async close() {
      await browser.close().catch(() => undefined);
      const { child } = server.process;
      if (child.exitCode !== null || child.signalCode !== null) {
        // It died during the tests: keep its log with the artifacts.
        mkdirSync(ARTIFACTS, { recursive: true });
        writeFileSync(join(ARTIFACTS, `server-exited-${child.pid}.log`), server.process.output());
      }
      await server.stop();
    },
  };
}

/** The end of the server's log, for failure messages. */
function tail(server: ConsoleServer): string {
  return server.process.output().slice(-4000);
}

/** Fills react-admin's sign-in form and waits for the signed-in frame (the app bar with its title). */
export async function signInForm(page: Page, loginName: string, password: string): Promise<void> {
  const username = page.locator('input[name="username"]');
  await username.waitFor();
  await username.fill(loginName);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  // Signed in: the sidebar menu is there (the sign-in page has none).
  await page.locator('.RaSidebar-fixed, .MuiDrawer-root').first().waitFor();
}

/** Navigates inside the console (react-admin's hash router): `go(page, '/departments')`. */
export async function go(page: Page, path: string): Promise<void> {
  const base = new URL(page.url());
  await page.goto(`${base.origin}/admin/#${path}`);
}

/** The sidebar's menu entry with this label. */
export function menuItem(page: Page, label: string): Locator {
  return page.locator('[role="menuitem"]', { hasText: label });
}

/** Opens a resource's list through its sidebar menu entry (found by its link, whatever its label). */
export async function openMenu(page: Page, resource: string): Promise<void> {
  await page.locator(`a[role="menuitem"][href$="#/${resource}"]`).click();
  await page.waitForURL(new RegExp(`#/${resource}(\\?|$)`));
}

/** Waits until react-admin has no request in flight (its loading indicator gone) and the page has settled. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page
    .locator('[role="progressbar"]')
    .first()
    .waitFor({ state: 'hidden', timeout: 15_000 })
    .catch(() => undefined);
}

/** Saves a full-page screenshot to test-results/e2e/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await settled(page);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/** Waits until the locator matches exactly `count` elements (e.g. a filtered list has settled). */
export async function waitForCount(locator: Locator, count: number, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let seen = await locator.count();
  while (seen !== count) {
    if (Date.now() > until) throw new Error(`expected ${count} matches of ${locator}, found ${seen}`);
    await new Promise((r) => setTimeout(r, 100));
    seen = await locator.count();
  }
}
