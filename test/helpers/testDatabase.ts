import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The test database: built from the migrations and loaded with the demo data, once per `npm test`.
 * With TEST_DATABASE_URL or DATABASE_URL naming a PostgreSQL server, a fresh database is created on it;
 * otherwise an in-memory PGlite is started in a child process and served over a loopback socket.
 *
 * Migrating and seeding run in child processes of the built code: MikroORM must not be initialised in jest's
 * global-setup process, or its metadata leaks into the test sandboxes (mikro-orm issue #3783), and jest's own
 * process must not host the embedded database.
 */
export interface TestDatabase {
  url: string;
  kind: 'pglite' | 'postgresql';
  stop(): Promise<void>;
}

const dist = (file: string) => {
  const path = resolve(__dirname, '../../dist/server/db', file);
  if (!existsSync(path)) throw new Error('dist/ is missing: run `npm run build` (npm test does it for you)');
  return path;
};

function run(child: ChildProcess): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/**
 * An embedded PGlite in a child process, served on a loopback port (`dist/server/db/embedded-server.js`; `--empty`
 * leaves it unmigrated and without demo data). Also used for the private databases of single test files.
 */
export async function startEmbeddedProcess(args: string[] = []): Promise<TestDatabase> {
  const child = spawn(process.execPath, [dist('embedded-server.js'), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) ok(line.trim());
    });
    child.on('exit', (code) => fail(new Error(`the embedded test database exited (${code}):\n${stderr}`)));
  });
  return {
    url,
    kind: 'pglite',
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A new, empty database on a PostgreSQL server, and how to drop it (with any sessions still on it). */
export async function createEmptyServerDatabase(
  server: string,
  label: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const { Client } = await import('pg');
  const name = `yardstick_${label}_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

async function createServerDatabase(server: string): Promise<TestDatabase> {
  const { url, drop } = await createEmptyServerDatabase(server, 'test');
  const result = await run(
    spawn(process.execPath, [dist('cli.js'), 'seed'], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', NODE_ENV: 'test' },
    }),
  );
  if (result.status !== 0) {
    await drop();
    throw new Error(`migrating and seeding the test database failed:\n${result.stderr}\n${result.stdout}`);
  }
  return { url, kind: 'postgresql', stop: drop };
}

export function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  return server ? createServerDatabase(server) : startEmbeddedProcess();
}
