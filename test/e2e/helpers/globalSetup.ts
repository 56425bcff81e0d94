import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { browserRequired, chromiumPath, missingBrowserMessage, skipNotice } from './gate';

const ROOT = resolve(__dirname, '../../..');
const ADMIN = join(ROOT, 'admin');
const BUILT = join(ADMIN, 'dist/index.html');
/** The screenshots and console log of this run (test/e2e/helpers/browser.ts ARTIFACTS). */
const ARTIFACTS = join(ROOT, 'test-results/e2e');

/** The newest modification time of the console's sources (admin/src, its index.html and Vite config). */
function newestSource(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newestSource(join(path, name))), s.mtimeMs);
}

/** Builds the console when admin/dist is missing or older than its sources, so the browser tests see the code. */
function buildConsoleIfStale(): void {
  const sources = ['src', 'index.html', 'vite.config.mts'].map((p) => join(ADMIN, p)).filter((p) => existsSync(p));
  const newest = Math.max(...sources.map(newestSource));
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= newest) return;
  process.stdout.write('e2e: building the console (admin/dist is missing or older than admin/src)\n');
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  try {
    execFileSync(process.execPath, [vite, 'build', '--config', 'admin/vite.config.mts', '--logLevel', 'warn'], {
      cwd: ROOT,
      // jest sets NODE_ENV=test, which would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`building the console failed:\n${err.stderr ?? ''}\n${err.stdout ?? ''}`);
  }
}

/** Global setup of the e2e project (runs only when browser tests are selected). */
export default async function e2eGlobalSetup(): Promise<void> {
  if (chromiumPath()) {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    buildConsoleIfStale();
  } else if (browserRequired()) {
    process.stdout.write(`\nBrowser tests will FAIL (E2E_REQUIRE_BROWSER=1): ${missingBrowserMessage()}\n`);
  } else {
    process.stdout.write(skipNotice());
  }
}
