import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A lock shared by the jest workers of one test database, for work that must not overlap across test files. Webhook
 * delivery is one: every delivering instance claims every due delivery on the database, so two files delivering at
 * once would attempt (and, with their own WEBHOOK_MAX_ATTEMPTS, fail) each other's deliveries. The lock is a
 * directory (mkdir is atomic) holding the owner's pid; a lock whose owner died is taken over.
 */
export async function acquireExclusive(name: string, timeoutMs = 120_000): Promise<() => void> {
  const key = createHash('sha256')
    .update(`${process.env.YARDSTICK_TEST_DB_URL ?? ''}:${name}`)
    .digest('hex')
    .slice(0, 16);
  const dir = join(tmpdir(), `yardstick-test-lock-${key}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(dir, { recursive: true, force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner = 0;
    try {
      owner = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    } catch {
      owner = 0; // being created or removed right now
    }
    if (owner && !alive(owner)) rmSync(dir, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for the test lock "${name}" (${dir})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock taken by test files that run webhook-delivering instances (WEBHOOKS_ENABLED=true). */
export const WEBHOOK_DELIVERY = 'webhook-delivery';
