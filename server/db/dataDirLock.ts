import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

function readLock(file: string): LockHolder | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const lock = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    // process.kill(0 or a negative pid, 0) signals a process group: only a real pid can name a holder.
    return Number.isInteger(lock.pid) && lock.pid > 0 ? lock : undefined;
  } catch {
    return undefined; // not a lock this code wrote (locks appear whole, see lockDataDir): treated as stale
  }
}

/** The lock's holder if it is a live process other than this one (see lockHolder for `otherHosts`). */
function liveHolder(lock: LockHolder | undefined, otherHosts: boolean): LockHolder | undefined {
  if (!lock || (lock.pid === process.pid && lock.host === hostname())) return undefined;
  if (lock.host !== hostname()) return otherHosts ? lock : undefined;
  if (!running(lock.pid)) return undefined;
  const start = processStart(lock.pid);
  // The pid was reused by another process since the holder died.
  if (lock.start && start && lock.start !== start) return undefined;
  return lock;
}

/**
 * The live process (other than this one) that holds `dataDir`, if any. A lock written on another host (a container
 * that was replaced, a shared volume) cannot be checked: with `otherHosts` it is reported as held, and the message
 * says how to remove it when that host's process is really gone; without, it is taken as stale.
 */
export function lockHolder(dataDir: string, otherHosts = true): LockHolder | undefined {
  return liveHolder(readLock(join(dataDir, LOCK_FILE)), otherHosts);
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
  const unique = `${process.pid}.${randomBytes(4).toString('hex')}`;
  // The lock appears whole or not at all: written to a file of this process's own, then hard-linked to the lock's
  // name, which fails if the name exists — two processes starting at once cannot both take it, and nobody ever
  // reads a half-written lock.
  const mine = `${file}.${unique}`;
  writeFileSync(mine, `${JSON.stringify(lock)}\n`);
  try {
    for (let attempt = 0; ; attempt += 1) {
      if (linkedAs(mine, file)) break;
      const holder = lockHolder(dataDir, otherHosts);
      if (holder) throw new DataDirBusyError(describeHolder(dataDir, holder));
      if (attempt >= MAX_ATTEMPTS) {
        throw new DataDirBusyError(`${dataDir}: could not take ${LOCK_FILE}; other processes keep contending for it.`);
      }
      removeStale(file, mine, otherHosts);
    }
  } finally {
    rmSync(mine, { force: true });
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const current = readLock(file);
    if (current?.pid === process.pid && current.host === lock.host) rmSync(file, { force: true });
  };
}

const MAX_ATTEMPTS = 400;

/** Hard-links `source` to `name`: true when this process created `name`, false when it exists already. */
function linkedAs(source: string, name: string): boolean {
  try {
    linkSync(source, name);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Removes a stale lock so that the caller can try to create its own. Removing is serialised by a second exclusive
 * file (`<lock>.takeover`, holding the remover's pid): while a remover holds it the lock file can only disappear
 * through it, so what it reads as stale is what it removes — never a lock another process has just taken (taking
 * over by rename had that race under contention, and two processes could win). A takeover file whose process died is
 * removed in turn; contenders that find it held wait a few milliseconds and look again.
 */
function removeStale(file: string, mine: string, otherHosts: boolean): void {
  const takeover = `${file}.takeover`;
  if (!linkedAs(mine, takeover)) {
    if (!liveHolder(readLock(takeover), false)) rmSync(takeover, { force: true });
    sleepSync(5);
    return;
  }
  try {
    if (!liveHolder(readLock(file), otherHosts)) rmSync(file, { force: true });
  } finally {
    rmSync(takeover, { force: true });
  }
}
