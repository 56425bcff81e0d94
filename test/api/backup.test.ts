import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type ServerProcess, startServerProcess } from '../helpers/processes';

/**
 * The embedded database in a data directory, as `npm start` runs it (no DATABASE_URL; DATA_DIR; the demo data by
 * default): it survives a kill -9, and `db:export` / `db:import` copy it into a new directory that a server then
 * runs on. One directory is built (initdb and the demo data) and used by both tests, in order.
 */
const CLI = resolve(__dirname, '../../dist/server/db/cli.js');
const root = mkdtempSync(join(tmpdir(), 'yardstick-backup-'));
const data = join(root, 'data');
const running = new Set<ServerProcess>();
const DEPARTMENT = `崩溃后仍在的部门${Date.now().toString(36)}`;

afterAll(async () => {
  await Promise.all([...running].map((p) => p.kill()));
  rmSync(root, { recursive: true, force: true });
});

async function serve(dataDir: string): Promise<ServerProcess> {
  const p = await startServerProcess(null, { DATA_DIR: dataDir }, { startTimeoutMs: 60_000 });
  running.add(p);
  return p;
}

async function gql<T>(p: ServerProcess, query: string, variables?: Record<string, unknown>, token?: string) {
  const res = await fetch(`${p.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

const signIn = async (p: ServerProcess) =>
  (
    await gql<{ login: { accessToken: string } }>(
      p,
      'mutation { login(input: { loginName: "admin", password: "admin-demo-2022" }) { accessToken } }',
    )
  ).login.accessToken;

/** What the demo data holds, and whether the department written by the test is there. */
async function contents(p: ServerProcess) {
  const token = await signIn(p);
  const d = await gql<{
    all: { totalCount: number };
    mine: { items: { code: string }[] };
    indicators: { totalCount: number };
    users: { totalCount: number };
  }>(
    p,
    `query($name: String!) {
      all: departments(filter: { fiscalDivisionCode: "410100000" }) { totalCount }
      mine: departments(filter: { search: $name }) { items { code } }
      indicators { totalCount }
      users { totalCount }
    }`,
    { name: DEPARTMENT },
    token,
  );
  return {
    departments: d.all.totalCount,
    written: d.mine.items.map((x) => x.code),
    indicators: d.indicators.totalCount,
    users: d.users.totalCount,
  };
}

/** Runs `node dist/server/db/cli.js <args>` as `npm run db:export -- …` does. */
function cli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; out: string }>((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', DATA_DIR: data, ...env },
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('close', (status) => done({ status, out }));
  });
}

let server: ServerProcess | undefined;
let before: Awaited<ReturnType<typeof contents>>;

test('the data directory survives kill -9: it starts again with the write and without a second demo data', async () => {
  const first = await serve(data);
  const empty = await contents(first);
  expect(empty.departments).toBeGreaterThan(50);
  expect(empty.written).toEqual([]);
  await gql(
    first,
    `mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }`,
    { input: { fiscalDivisionCode: '410100000', code: 'CRASH01', name: DEPARTMENT, kind: 'ADMINISTRATIVE' } },
    await signIn(first),
  );
  // A second server on the same directory would corrupt it: refused while the first one lives.
  await expect(startServerProcess(null, { DATA_DIR: data })).rejects.toThrow(
    /in use by a Yardstick process \(main\.js\)/,
  );
  await first.kill();
  running.delete(first);
  // The dead server's lock is left behind (stale), and does not stop the next start.
  expect(existsSync(join(data, 'yardstick.lock'))).toBe(true);

  server = await serve(data);
  before = await contents(server);
  expect(before).toEqual({ ...empty, departments: empty.departments + 1, written: ['CRASH01'] });
  expect(server.output()).not.toContain('demo data loaded');
}, 60_000);

test('db:export and db:import copy it into a new directory that a server runs on; refusals are explained', async () => {
  const file = join(root, 'yardstick.tar.gz');
  const restored = join(root, 'restored');

  // While a server holds the directory, neither command touches it.
  const busy = await cli(['export', '--out', file]);
  expect([busy.status, existsSync(file)]).toEqual([2, false]);
  expect(busy.out).toMatch(/in use by a Yardstick process \(main\.js\) \(pid \d+ on /);
  const busyImport = await cli(['import', '--in', file, '--force']);
  expect(busyImport.status).toBe(2);
  expect(busyImport.out).toMatch(/in use by a Yardstick process \(main\.js\)/);
  await server?.stop();
  if (server) running.delete(server);

  const exported = await cli(['export', '--out', file]);
  expect(exported.out).toMatch(/^exported .* \(\d+ migrations\) to .*yardstick\.tar\.gz/);
  expect([exported.status, existsSync(file)]).toEqual([0, true]);

  // Into a directory that is not empty: refused, and what is there is left alone; --force replaces it.
  mkdirSync(restored);
  writeFileSync(join(restored, 'notes.txt'), 'keep me');
  const refused = await cli(['import', '--in', file], { DATA_DIR: restored });
  expect(refused.status).toBe(2);
  expect(refused.out).toContain('is not empty (1 entries: notes.txt)');
  expect(readdirSync(restored)).toEqual(['notes.txt']);
  const notAnExport = await cli(['import', '--in', join(restored, 'notes.txt'), '--force'], { DATA_DIR: restored });
  expect([notAnExport.status, readdirSync(restored)]).toEqual([2, ['notes.txt']]);
  expect(notAnExport.out).toContain('is not an export of the embedded database');
  const imported = await cli(['import', '--in', file, '--force'], { DATA_DIR: restored });
  expect(imported.out).toMatch(/^imported .* \(\d+ migrations, replaced 1 entries\)/);
  expect(imported.status).toBe(0);
  expect(readdirSync(restored)).toContain('PG_VERSION');
  expect(readdirSync(restored)).not.toContain('notes.txt');
  expect(readdirSync(restored).filter((f) => f.startsWith('.import') || f === 'yardstick.lock')).toEqual([]);

  // A server on the copy has everything, once.
  const copy = await serve(restored);
  expect(await contents(copy)).toEqual(before);
  expect(copy.output()).not.toContain('demo data loaded');
  await copy.stop();
  running.delete(copy);

  // With DATABASE_URL the commands point to pg_dump / pg_restore.
  const onServer = await cli(['export'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
  expect(onServer.status).toBe(2);
  expect(onServer.out).toContain('pg_dump -Fc');
  const noInput = await cli(['import']);
  expect([noInput.status, noInput.out]).toEqual([2, 'import: --in FILE is required (a file written by db:export)\n']);
}, 60_000);
