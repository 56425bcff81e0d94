import { spawn } from 'node:child_process';
import { Client as PgClient } from 'pg';

/**
 * Helpers the benchmarks share (test/bench/api.ts, test/bench/load.ts): the PostgreSQL server they create their
 * throwaway databases on, child processes, percentiles and number formatting.
 */

/** A server whose user may create databases: BENCH_DATABASE_URL / TEST_DATABASE_URL, else the local one. */
export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** A log line on stderr with the benchmark's name and the time of day. */
export function logger(name: string): (line: string) => void {
  return (line) => process.stderr.write(`[${name} ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

/** The URL of database `name` on the same server as `base`. */
export function dbUrl(name: string, base = ADMIN_URL): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs `fn` on a fresh connection to the administrative database and closes it. */
export async function admin<T>(fn: (c: PgClient) => Promise<T>, url = ADMIN_URL): Promise<T> {
  const c = new PgClient({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Runs a node script to its end; resolves with its output, rejects with it when the exit code is not 0. */
export function runChild(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => (code === 0 ? ok(out) : fail(new Error(`${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

/** The p-th percentile (nearest rank) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** A number with `d` decimals and thousands separators; '—' for undefined and non-finite values. */
export const fmt = (n: number | undefined, d = 1) =>
  n === undefined || !Number.isFinite(n)
    ? '—'
    : n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
