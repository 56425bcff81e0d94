import 'reflect-metadata';
import pino from 'pino';
import { startEmbedded } from './embedded';
import { createOrm, migrate } from './orm';
import { loadDemoData } from './seeders/demo';

/**
 * Runs the embedded PostgreSQL as a process of its own, migrated and (unless --empty) loaded with the demo data, and
 * prints its URL as the first line of stdout: `node dist/server/db/embedded-server.js [--data-dir DIR] [--port N]`.
 * The tests use it (jest's own processes must not host the database), and it lets psql look into the embedded data.
 */
async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, process.stderr);
  const db = await startEmbedded(arg('--data-dir'), { maxConnections: 64, port: Number(arg('--port') ?? 0) });
  const orm = await createOrm({ url: db.url, poolMax: 2, log });
  await migrate(orm);
  if (!argv.includes('--empty')) await loadDemoData(orm.em.fork(), log);
  await orm.close(true);
  process.stdout.write(`${db.url}\n`);
  const stop = () => {
    db.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Stop with the parent: stdin closes when the process that started us goes away.
  process.stdin.on('end', stop);
  process.stdin.resume();
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
