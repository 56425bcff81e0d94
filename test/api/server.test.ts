import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const MAIN = resolve(__dirname, '../../dist/server/main.js');

interface Running {
  child: ChildProcess;
  base: string;
  readyMs: number;
  logs: string[];
}

/** Starts the built server as `npm start` does, and waits for its "listening" log line. */
async function start(env: Record<string, string>): Promise<Running> {
  const started = Date.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const base = await new Promise<string>((ok, fail) => {
    let buffer = '';
    child.stdout?.on('data', (d) => {
      buffer += d;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'Yardstick is listening' && entry.url) ok(entry.url.replace(/\/graphql$/, ''));
      }
    });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('exit', (code) => fail(new Error(`server exited with ${code} before listening:\n${stderr}`)));
  });
  return { child, base, readyMs: Date.now() - started, logs };
}

/** Sends SIGTERM and resolves with the exit code once the process is gone. */
function stop(r: Running): Promise<number | null> {
  return new Promise((ok) => {
    r.child.once('exit', (code) => ok(code));
    r.child.kill('SIGTERM');
  });
}

async function gql<T>(base: string, query: string, variables?: Record<string, unknown>, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('the server process (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'yardstick-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on an empty data directory with the demo data, serves /healthz, /admin and the IDE, and keeps changes across a restart', async () => {
    const first = await start({ DATA_DIR: dataDir });
    try {
      // Start-up time is measured by `npm run bench:startup`, not asserted here (the suite loads both cores).
      expect(first.readyMs).toBeGreaterThan(0);
      const health = await fetch(`${first.base}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const admin = await fetch(`${first.base}/admin`);
      expect(admin.status).toBe(200);
      expect(await admin.text()).toContain('预算绩效目标管理平台');
      // A console route reloaded in the browser answers the console's page (SPA fallback), built or not.
      const route = await fetch(`${first.base}/admin/departments/1/show`);
      expect(route.status).toBe(200);
      expect(route.headers.get('content-type')).toContain('text/html');
      expect(await route.text()).toContain('预算绩效目标管理平台');
      const ide = await fetch(`${first.base}/graphql`, { headers: { accept: 'text/html' } });
      expect(ide.status).toBe(200);
      expect(ide.headers.get('content-type')).toContain('text/html');

      const demo = await gql<{ departments: { totalCount: number } }>(
        first.base,
        '{ departments(filter: { fiscalDivisionCode: "410100000", topLevel: true }) { totalCount } }',
      );
      expect(demo.departments.totalCount).toBe(90);
      const signIn = await gql<{ login: { accessToken: string } }>(
        first.base,
        'mutation { login(input: { loginName: "admin", password: "admin-demo-2022" }) { accessToken } }',
      );
      await gql(
        first.base,
        'mutation { createFiscalDivision(input: { code: "419900000", name: "重启测试区", level: DISTRICT, parentCode: "410100000" }) { code } }',
        undefined,
        signIn.login.accessToken,
      );
    } finally {
      expect(await stop(first)).toBe(0);
    }
    expect(first.logs.some((l) => l.includes('"msg":"stopped"'))).toBe(true);

    const second = await start({ DATA_DIR: dataDir });
    try {
      const kept = await gql<{ fiscalDivision: { name: string } | null; departments: { totalCount: number } }>(
        second.base,
        '{ fiscalDivision(code: "419900000") { name } departments(filter: { fiscalDivisionCode: "410100000", topLevel: true }) { totalCount } }',
      );
      expect(kept.fiscalDivision).toEqual({ name: '重启测试区' });
      // The demo data is loaded once, not again on restart.
      expect(kept.departments.totalCount).toBe(90);
      expect(second.logs.some((l) => l.includes('demo data loaded'))).toBe(false);
    } finally {
      expect(await stop(second)).toBe(0);
    }
  }, 120_000);

  it('runs the same build on a PostgreSQL database named by DATABASE_URL', async () => {
    const url = process.env.YARDSTICK_TEST_DB_URL as string;
    const running = await start({ DATABASE_URL: url, DB_POOL_MAX: '2' });
    try {
      const data = await gql<{ fiscalDivision: { name: string } }>(
        running.base,
        '{ fiscalDivision(code: "410100000") { name } }',
      );
      expect(data.fiscalDivision.name).toBe('郑州市本级');
      expect(running.logs.some((l) => l.includes('"embedded":false'))).toBe(true);
    } finally {
      expect(await stop(running)).toBe(0);
    }
  }, 30_000);
});

describe('a production installation', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'yardstick-prod-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('has no demo users or default passwords; the first administrator comes from `npm run create-admin`', async () => {
    const env = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-chars', DATA_DIR: dataDir };
    const created = await new Promise<number | null>((ok) => {
      const child = spawn(
        process.execPath,
        [
          resolve(__dirname, '../../dist/server/db/cli.js'),
          'create-admin',
          '--login',
          'root',
          '--name',
          '管理员',
          '--fiscal-division',
          '410100000',
          '--division-name',
          '郑州市本级',
        ],
        { env: { ...process.env, ...env, ADMIN_PASSWORD: 'first-admin-pass-1', LOG_LEVEL: 'warn' }, stdio: 'ignore' },
      );
      child.on('exit', ok);
    });
    expect(created).toBe(0);

    const running = await start(env);
    try {
      const demo = await fetch(`${running.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation { login(input: { loginName: "admin", password: "admin-demo-2022" }) { accessToken } }',
        }),
      });
      expect(
        ((await demo.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code,
      ).toBe('UNAUTHENTICATED');
      const root = await gql<{ login: { user: { roles: string[] } } }>(
        running.base,
        'mutation { login(input: { loginName: "root", password: "first-admin-pass-1" }) { user { roles } } }',
      );
      expect(root.login.user.roles).toEqual(['ADMIN']);
      const empty = await gql<{ departments: { totalCount: number } }>(running.base, '{ departments { totalCount } }');
      expect(empty.departments.totalCount).toBe(0);
      // No IDE in production.
      const ide = await fetch(`${running.base}/graphql`, { headers: { accept: 'text/html' } });
      expect(ide.headers.get('content-type') ?? '').not.toContain('text/html');
    } finally {
      expect(await stop(running)).toBe(0);
    }
  }, 120_000);
});
