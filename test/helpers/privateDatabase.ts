import pino from 'pino';
import { createOrm, migrate } from '../../server/db/orm';
import { createEmptyServerDatabase, startEmbeddedProcess } from './testDatabase';

/**
 * A database of one test file's own: migrated, empty (no demo data), dropped when the file ends.
 *
 * Test files share one test database and jest runs two of them at once, so a test that compares whole tables before
 * and after a request (the hostile-input properties) would see the other file's writes. Copying the shared database
 * (`create database … template …`) needs no other session on the template, which never holds while other files run,
 * and restricting checksums to one fiscal division's rows would need a division column on every table. A fresh
 * database is both robust and quick:
 * - on a PostgreSQL server (TEST_DATABASE_URL / DATABASE_URL) a new database on the same server, migrated here
 *   (MikroORM is already initialised in test workers; only jest's global-setup process must not do it);
 * - on the embedded PGlite, a second embedded server process (`dist/server/db/embedded-server.js --empty`, as the
 *   global setup does without `--empty`): one PGlite serves one database, and jest's process must not host it.
 */
export interface PrivateDatabase {
  url: string;
  kind: 'pglite' | 'postgresql';
  stop(): Promise<void>;
}

async function onServer(server: string, label: string): Promise<PrivateDatabase> {
  const { url, drop } = await createEmptyServerDatabase(server, label);
  try {
    const orm = await createOrm({ url, poolMax: 1, log: pino({ level: 'silent' }) });
    try {
      await migrate(orm);
    } finally {
      await orm.close(true);
    }
  } catch (err) {
    await drop(); // a database that could not be prepared is not left behind
    throw err;
  }
  return { url, kind: 'postgresql', stop: drop };
}

/** A fresh, migrated, empty database on the same kind of server as the shared test database. */
export function createPrivateDatabase(label: string): Promise<PrivateDatabase> {
  const server = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  return server ? onServer(server, label) : startEmbeddedProcess(['--empty']);
}
