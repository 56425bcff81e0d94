import { mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import { lockDataDir } from './dataDirLock';

/**
 * The embedded PostgreSQL (PGlite, PostgreSQL compiled to WASM) that `npm start` and the tests use when no
 * DATABASE_URL is given. It is served over the PostgreSQL wire protocol on a loopback port, so the application
 * talks to it with the same driver, SQL and migrations as to a real server.
 */
export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startEmbedded(
  dataDir: string | undefined,
  options: { maxConnections?: number; port?: number } = {},
): Promise<EmbeddedDatabase> {
  // PGlite is published as ESM only; a dynamic import keeps this file CommonJS.
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    // Two processes on one data directory would corrupt it; db:export and db:import check this lock too.
    const [script, command] = process.argv.slice(1);
    release = lockDataDir(
      dataDir,
      `a Yardstick process (${[basename(script ?? 'node'), command].join(' ').trim()})`,
      false,
    );
  }
  let db: Awaited<ReturnType<typeof PGlite.create>>;
  try {
    db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  } catch (err) {
    release();
    throw err;
  }
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    // Must be at least the pool size, or connections beyond the first are refused.
    maxConnections: options.maxConnections ?? 64,
  });
  await server.start();
  const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres`;
  return {
    url,
    async stop() {
      await server.stop();
      await db.close();
      release();
    },
  };
}
