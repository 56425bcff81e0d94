import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Start-up benchmark: from an empty data directory (initdb, migrations, demo data) to the first answered query, and a
 * warm restart on the same directory. Prints the figures; it asserts nothing.
 */
async function timeToFirstAnswer(dataDir: string): Promise<{ listeningMs: number; answeredMs: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [resolve(__dirname, '../../server/main.js')], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((ok, fail) => {
      let buffer = '';
      child.stdout.on('data', (d) => {
        buffer += d;
        const match = /"url":"([^"]+)"[^\n]*"msg":"Yardstick is listening"/.exec(buffer);
        if (match?.[1]) ok(match[1]);
      });
      child.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
    });
    const listeningMs = Date.now() - started;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ departments(filter: { topLevel: true }) { totalCount } }' }),
    });
    await res.json();
    return { listeningMs, answeredMs: Date.now() - started };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-bench-'));
  try {
    const cold = await timeToFirstAnswer(dir);
    const warm = await timeToFirstAnswer(dir);
    process.stdout.write(
      `start-up from an empty data directory: listening after ${cold.listeningMs} ms, first answer after ${cold.answeredMs} ms\n` +
        `restart on the same data directory:    listening after ${warm.listeningMs} ms, first answer after ${warm.answeredMs} ms\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
