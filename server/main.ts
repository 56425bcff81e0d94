import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { migrate } from './db/orm';
import { loadDemoData } from './db/seeders/demo';
import { createLogger } from './logger';

/** Process entry: config → database (migrated, demo data on first start) → app → listen; graceful shutdown. */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const log = createLogger(config);
  const db = await openDatabase(config, log);
  const applied = await migrate(db.orm);
  if (applied.length) log.info({ applied }, 'migrations applied');
  if (config.demoData && (await loadDemoData(db.orm.em.fork(), log))) log.info('demo data loaded');
  const app = await createApp(config, db.orm, log);
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject);
    app.server.listen(config.port, config.host, () => resolve());
  });
  const { port } = app.server.address() as AddressInfo;
  log.info(
    {
      url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/graphql`,
      embedded: db.embedded,
      ms: Date.now() - started,
    },
    'Yardstick is listening',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    try {
      await app.stop();
      log.info('HTTP server closed');
      await db.close();
      log.info('stopped');
    } catch (err) {
      log.error({ err }, 'error during shutdown');
      process.exitCode = 1;
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(
    `Yardstick failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
