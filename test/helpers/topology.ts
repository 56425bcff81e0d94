import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

/**
 * The compose topology (docker/compose.yaml) without Docker: the real docker/nginx.conf, minimally rewritten for
 * loopback ports and a temp dir, in front of API processes; and the API environment the compose file gives its
 * replicas. Used by test/api/topology.test.ts.
 *
 * The gate: without nginx the suite is reported as skipped with a loud line, unless TOPOLOGY_REQUIRE_NGINX=1 (CI),
 * where a missing nginx fails it (as test/e2e/helpers/gate.ts does for Chromium).
 */

export const NGINX_CONF = resolve(__dirname, '../../docker/nginx.conf');
export const COMPOSE_FILE = resolve(__dirname, '../../docker/compose.yaml');

/** The nginx executable: NGINX_PATH, or `nginx` on PATH or in the sbin directories (Debian's is /usr/sbin/nginx). */
export function nginxPath(): string | null {
  if (process.env.NGINX_PATH) return existsSync(process.env.NGINX_PATH) ? process.env.NGINX_PATH : null;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    const candidate = join(dir, 'nginx');
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Whether a missing nginx is a failure (CI sets TOPOLOGY_REQUIRE_NGINX=1). */
export function nginxRequired(): boolean {
  const v = process.env.TOPOLOGY_REQUIRE_NGINX;
  return !!v && v !== '0' && v.toLowerCase() !== 'false';
}

export function missingNginxMessage(): string {
  return (
    'nginx not found (NGINX_PATH, PATH, /usr/sbin). Install it with ' +
    '`apt-get install -y --no-install-recommends nginx` (Debian), or point NGINX_PATH at an nginx executable.'
  );
}

function skipNotice(name: string): string {
  const line = '!'.repeat(100);
  return (
    `\n${line}\n!!! "${name}" SKIPPED: ${missingNginxMessage()}\n` +
    '!!! Set TOPOLOGY_REQUIRE_NGINX=1 to make a missing nginx a failure (CI does).\n' +
    `${line}\n`
  );
}

/**
 * `describe` for suites that need nginx, and the only place they may be skipped: with nginx the suite runs; without
 * it the suite is skipped with a loud line on stderr, or, when TOPOLOGY_REQUIRE_NGINX=1, fails with the reason.
 */
export function describeWithNginx(name: string, fn: () => void): void {
  if (nginxPath()) {
    describe(name, fn);
  } else if (nginxRequired()) {
    describe(name, () => {
      test('nginx is installed (TOPOLOGY_REQUIRE_NGINX=1)', () => {
        throw new Error(`The topology test cannot run: ${missingNginxMessage()}`);
      });
    });
  } else {
    process.stderr.write(skipNotice(name));
    describe.skip(name, fn);
  }
}

/** Replaces the one match of `pattern` in `text`; throws when there is not exactly one. */
function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const found = text.match(global)?.length ?? 0;
  if (found !== 1) {
    throw new Error(
      `docker/nginx.conf changed shape: expected exactly one ${what} (${pattern}), found ${found}. ` +
        'Update the transform in test/helpers/topology.ts so the topology test keeps testing the real file.',
    );
  }
  return text.replace(pattern, replacement);
}

export interface ProxyConfigOptions {
  /** host:port of the processes standing in for the compose services api1 and api2. */
  upstreams: { api1: string; api2: string };
  /** The loopback port nginx listens on instead of 8080. */
  port: number;
  /** The directory for the pid file, the logs and the temp files. */
  dir: string;
}

/**
 * docker/nginx.conf with only what cannot work outside the compose network changed: the upstream servers api1:4000
 * and api2:4000 become the processes' loopback addresses, `listen 8080` becomes 127.0.0.1:<port>, and the pid
 * file, the two logs and nginx's temp files go to `dir`. Every pattern must be found exactly once, so a change of
 * the file's shape fails the test instead of silently testing something else.
 */
export function proxyConfig(conf: string, o: ProxyConfigOptions): string {
  const upstreamBlock = /upstream yardstick \{[^}]*\}/;
  const blocks = conf.match(new RegExp(upstreamBlock.source, 'g')) ?? [];
  if (blocks.length !== 1) {
    throw new Error(`docker/nginx.conf changed shape: expected one "upstream yardstick { … }", found ${blocks.length}`);
  }
  const block = blocks[0] as string;
  const servers = [...block.matchAll(/^\s*server\s+([^\s;]+)/gm)].map((m) => m[1]);
  if (servers.join(' ') !== 'api1:4000 api2:4000') {
    throw new Error(
      `docker/nginx.conf changed shape: the upstream names ${servers.join(', ') || 'no servers'}, the test starts ` +
        'api1:4000 and api2:4000 (update test/api/topology.test.ts and test/helpers/topology.ts with the compose file)',
    );
  }
  const upstream = block
    .replace(/(^\s*server\s+)api1:4000\b/m, `$1${o.upstreams.api1}`)
    .replace(/(^\s*server\s+)api2:4000\b/m, `$1${o.upstreams.api2}`);
  let out = conf.replace(block, upstream);
  out = replaceOnce(out, /^(\s*)listen 8080;$/m, `$1listen 127.0.0.1:${o.port};`, '`listen 8080;`');
  const listens = out.match(/^\s*listen\b/gm)?.length ?? 0;
  if (listens !== 1) throw new Error(`docker/nginx.conf changed shape: ${listens} listen directives, expected 1`);
  out = replaceOnce(out, /^pid [^;]+;$/m, `pid ${join(o.dir, 'nginx.pid')};`, 'top-level `pid …;`');
  out = replaceOnce(
    out,
    /^(\s*)access_log \/var\/log\/nginx\/access\.log;$/m,
    `$1access_log ${join(o.dir, 'access.log')};`,
    '`access_log /var/log/nginx/access.log;`',
  );
  out = replaceOnce(
    out,
    /^(\s*)error_log \/var\/log\/nginx\/error\.log (\w+);$/m,
    `$1error_log ${join(o.dir, 'error.log')} $2;`,
    '`error_log /var/log/nginx/error.log <level>;`',
  );
  // nginx's compiled-in temp paths (/var/lib/nginx/… on Debian) are not writable without root.
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `  ${t}_temp_path ${join(o.dir, `${t}_temp`)};`)
    .join('\n');
  out = replaceOnce(out, /^http \{$/m, `http {\n${temp}`, 'top-level `http {`');
  const leftovers = out.match(/\bapi[0-9]+:|\/var\/|\/tmp\/nginx/g);
  if (leftovers) throw new Error(`docker/nginx.conf: not rewritten: ${leftovers.join(', ')}`);
  return out;
}

/**
 * The `environment` of the API replicas in docker/compose.yaml (the `x-api` anchor), with `${NAME:-default}` taken
 * at its default and `${NAME:?message}` taken from `required`. A small line reader, enough for that one block: it
 * throws when the block is not where it was.
 */
export function composeApiEnvironment(compose: string, required: Record<string, string>): Record<string, string> {
  const lines = compose.split('\n');
  const anchor = lines.findIndex((l) => /^x-api: &api\s*$/.test(l));
  if (anchor < 0) throw new Error('docker/compose.yaml changed shape: no `x-api: &api` block');
  let i = anchor + 1;
  while (i < lines.length && !/^ {2}environment:\s*$/.test(lines[i] as string)) {
    if (/^\S/.test(lines[i] as string)) break;
    i += 1;
  }
  if (!/^ {2}environment:\s*$/.test(lines[i] ?? '')) {
    throw new Error('docker/compose.yaml changed shape: no `environment:` map in the `x-api` block');
  }
  const env: Record<string, string> = {};
  for (i += 1; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const m = /^ {4}([A-Z_][A-Z0-9_]*): (.*)$/.exec(line);
    if (!m) break;
    const raw = (m[2] as string).trim().replace(/^"(.*)"$/, '$1');
    env[m[1] as string] = raw.replace(/\$\{(\w+)(?::-([^}]*)|:\?[^}]*)\}/g, (_all, name: string, dflt?: string) => {
      if (dflt !== undefined) return dflt;
      const value = required[name];
      if (value === undefined) throw new Error(`docker/compose.yaml requires ${name}; pass it in \`required\``);
      return value;
    });
  }
  if (!Object.keys(env).length) throw new Error('docker/compose.yaml changed shape: the `x-api` environment is empty');
  return env;
}

/** A free loopback port (closed again: nginx binds it next, which the caller retries on a race). */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => ok(port));
    });
  });
}

/** nginx running docker/nginx.conf (transformed) in the foreground, as a child of the test. */
export interface NginxProxy {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly dir: string;
  readonly child: ChildProcess;
  /** What nginx wrote to stderr and its error log so far, for failure messages. */
  log(): string;
  /** Graceful stop (SIGQUIT; SIGTERM, then SIGKILL, if it lingers), and the temp dir removed. */
  stop(): Promise<void>;
}

async function exitWithin(child: ChildProcess, exited: Promise<void>, signal: NodeJS.Signals, ms: number) {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((r) => {
    timer = setTimeout(() => r(false), ms);
  });
  const done = await Promise.race([exited.then(() => true), late]);
  clearTimeout(timer);
  return done;
}

/** Starts nginx with docker/nginx.conf in front of `upstreams` and waits until GET /healthz answers through it. */
export async function startProxy(upstreams: ProxyConfigOptions['upstreams']): Promise<NginxProxy> {
  const nginx = nginxPath();
  if (!nginx) throw new Error(missingNginxMessage());
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-proxy-'));
  // Started as root (CI), nginx runs its workers as `nobody`: they must reach the temp dirs under `dir`.
  chmodSync(dir, 0o755);
  const source = readFileSync(NGINX_CONF, 'utf8');
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, proxyConfig(source, { upstreams, port, dir }));
    const child = spawn(nginx, ['-p', `${dir}/`, '-e', join(dir, 'error.log'), '-c', conf, '-g', 'daemon off;'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const log = () => {
      const errorLog = join(dir, 'error.log');
      return `${out}${existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : ''}`;
    };
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 10_000;
    let up = false;
    while (!up && child.exitCode === null && Date.now() < deadline) {
      up = await fetch(`${url}/healthz`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (!up) await new Promise((r) => setTimeout(r, 50));
    }
    if (up) {
      return {
        url,
        dir,
        child,
        log,
        async stop() {
          // SIGQUIT waits for open connections (an upgraded WebSocket keeps one for up to proxy_read_timeout).
          if (!(await exitWithin(child, exited, 'SIGQUIT', 3000))) {
            if (!(await exitWithin(child, exited, 'SIGTERM', 2000))) await exitWithin(child, exited, 'SIGKILL', 2000);
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    lastError = log();
    await exitWithin(child, exited, 'SIGKILL', 2000);
    if (!/Address already in use/.test(lastError)) break;
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`nginx did not come up with docker/nginx.conf:\n${lastError}`);
}
