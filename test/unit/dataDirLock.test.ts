import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The embedded data directory's lock (server/db/dataDirLock.ts): two processes on one PGlite directory corrupt it, so
 * of several processes that try to take the lock at the same moment exactly one may get it — with no lock there
 * yet, and when the lock left behind is a dead process's (stale), which all of them try to take over at once.
 */

const LOCK_MODULE = resolve(__dirname, '../../dist/server/db/dataDirLock.js');

/** A process that waits for the start time, tries the lock, prints "won" or "busy", holds it a while, dies. */
const CONTENDER = `
const { lockDataDir, DataDirBusyError } = require(process.argv[1]);
const [dir, at] = [process.argv[2], Number(process.argv[3])];
while (Date.now() < at) {}
let result;
try {
  lockDataDir(dir, 'contender');
  result = 'won';
} catch (err) {
  result = err instanceof DataDirBusyError ? 'busy' : 'error ' + err.message;
}
process.stdout.write(result);
// Exit without releasing: the next round finds a dead process's lock.
setTimeout(() => process.exit(0), 400);
`;

function contend(dir: string, at: number): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-e', CONTENDER, LOCK_MODULE, dir, String(at)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('exit', () => done(out.trim()));
  });
}

describe('the data-directory lock', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(LOCK_MODULE)) throw new Error('dist/ is missing: run `npm run build` (npm test does it for you)');
    dir = mkdtempSync(join(tmpdir(), 'yardstick-lock-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('goes to exactly one of four processes starting at once, fresh and over a dead holder’s lock, every round', async () => {
    const rounds: string[][] = [];
    for (let round = 0; round < 8; round += 1) {
      // Every process is started and waiting before the common start time.
      const at = Date.now() + 700;
      rounds.push((await Promise.all([0, 1, 2, 3].map(() => contend(dir, at)))).sort());
    }
    expect(rounds).toEqual(Array.from({ length: 8 }, () => ['busy', 'busy', 'busy', 'won']));
    // Only the last winner's lock is left; no temporary or moved-aside files.
    expect(readdirSync(dir)).toEqual(['yardstick.lock']);
  });

  it('treats a file that is not a lock, or names no real process, as stale', async () => {
    for (const content of ['{"pid":0,"host":"x"}', '{"pid":-1}', 'not json']) {
      writeFileSync(join(dir, 'yardstick.lock'), content);
      expect(await contend(dir, Date.now())).toBe('won');
    }
  });
});
