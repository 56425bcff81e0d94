import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * Who is using an embedded data directory. PGlite takes no lock of its own (its postmaster.pid always says -42), and
 * two processes opening one directory would corrupt it, so every process that opens it (the server, db:export,
 * db:import) writes `yardstick.lock` into it: its pid, host and process start time. A lock whose process is gone —
 * a crash, kill -9 — is stale and is simply replaced.
 */
export const LOCK_FILE = 'yardstick.lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** The process's start time in clock ticks since boot (Linux /proc), to tell a reused pid from the holder. */
  start: string | null;
  command: string;
  since: string;
}

/** The start time of a process (field 22 of /proc/<pid>/stat), or null where there is no /proc. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(dataDir: string): LockHolder | undefined {
  const file = join(dataDir, LOCK_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const lock = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    return typeof lock.pid === 'number' ? lock : undefined;
  } catch {
    return undefined; // torn or foreign: treated as absent
  }
}

/**
 * The live process (other than this one) that holds `dataDir`, if any. A lock written on another host (a container
 * that was replaced, a shared volume) cannot be checked: with `otherHosts` it is reported as held, and the message
 * says how to remove it when that host's process is really gone; without, it is taken as stale.
 */
export function lockHolder(dataDir: string, otherHosts = true): LockHolder | undefined {
  const lock = readLock(dataDir);
  if (!lock || (lock.pid === process.pid && lock.host === hostname())) return undefined;
  if (lock.host !== hostname()) return otherHosts ? lock : undefined;
  if (!running(lock.pid)) return undefined;
  const start = processStart(lock.pid);
  // The pid was reused by another process since the holder died.
  if (lock.start && start && lock.start !== start) return undefined;
  return lock;
}

export function describeHolder(dataDir: string, lock: LockHolder): string {
  return (
    `${dataDir} is in use by ${lock.command} (pid ${lock.pid} on ${lock.host}, since ${lock.since}). ` +
    `Stop it first; if it is not running any more, delete ${join(dataDir, LOCK_FILE)}.`
  );
}

export class DataDirBusyError extends Error {}

/**
 * Takes `dataDir` for this process, refusing one a live process holds; returns the release. The server passes
 * `otherHosts: false`, so that a container replaced on the same volume starts; the commands refuse such a lock.
 */
export function lockDataDir(dataDir: string, command: string, otherHosts = true): () => void {
  const lock: LockHolder = {
    pid: process.pid,
    host: hostname(),
    start: processStart(process.pid),
    command,
    since: new Date().toISOString(),
  };
  const file = join(dataDir, LOCK_FILE);
  // Created exclusively ('wx'), so two processes starting at once cannot both take it; a stale or own lock is
  // removed and the creation tried again.
  for (let attempt = 0; ; attempt += 1) {
    try {
      writeFileSync(file, `${JSON.stringify(lock)}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
      const holder = lockHolder(dataDir, otherHosts);
      if (holder) throw new DataDirBusyError(describeHolder(dataDir, holder));
      rmSync(file, { force: true });
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const current = readLock(dataDir);
    if (current?.pid === process.pid && current.host === lock.host) rmSync(file, { force: true });
  };
}
