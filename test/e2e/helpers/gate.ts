import { existsSync } from 'node:fs';

/**
 * The browser tests' one gate: whether Debian's Chromium (or CHROMIUM_PATH) is there to drive.
 *
 * Without Chromium the suites are reported as skipped (with a loud line from the e2e global setup and teardown),
 * unless E2E_REQUIRE_BROWSER=1 (CI), where a missing browser fails every browser suite.
 */

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium to drive: CHROMIUM_PATH or Debian's /usr/bin/chromium. */
export function chromiumCandidate(): string {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

/** The Chromium executable, or null when it is not installed. */
export function chromiumPath(): string | null {
  const path = chromiumCandidate();
  return existsSync(path) ? path : null;
}

/** Whether a missing browser is a failure (CI sets E2E_REQUIRE_BROWSER=1). */
export function browserRequired(): boolean {
  const v = process.env.E2E_REQUIRE_BROWSER;
  return !!v && v !== '0' && v.toLowerCase() !== 'false';
}

export function missingBrowserMessage(): string {
  return (
    `Chromium not found at ${chromiumCandidate()}. Install it with \`apt-get install -y chromium fonts-noto-cjk\` ` +
    '(Debian), or point CHROMIUM_PATH at a Chromium executable.'
  );
}

export function skipNotice(): string {
  const line = '!'.repeat(100);
  return (
    `\n${line}\n!!! Browser tests SKIPPED: ${missingBrowserMessage()}\n` +
    '!!! Everything else ran. Set E2E_REQUIRE_BROWSER=1 to make a missing browser a failure (CI does).\n' +
    `${line}\n`
  );
}

/**
 * `describe` for browser suites, and the only place they may be skipped: with Chromium the suite runs; without it
 * the suite is skipped, or, when E2E_REQUIRE_BROWSER=1, fails with the reason.
 */
export function describeInBrowser(name: string, fn: () => void): void {
  if (chromiumPath()) {
    describe(name, fn);
  } else if (browserRequired()) {
    describe(name, () => {
      test('Chromium is installed (E2E_REQUIRE_BROWSER=1)', () => {
        throw new Error(`Browser tests cannot run: ${missingBrowserMessage()}`);
      });
    });
  } else {
    describe.skip(name, fn);
  }
}
