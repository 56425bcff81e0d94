import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { type EmbeddedDatabase, startEmbedded } from './embedded';
import { createOrm } from './orm';

/** An open database: MikroORM on a PostgreSQL server, or on the embedded PGlite it started. */
export interface Database {
  readonly orm: MikroORM<PostgreSqlDriver>;
  readonly embedded: boolean;
  readonly url: string;
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbedded(config.dataDir, { maxConnections: config.dbPoolMax * 2 + 4 });
    url = embedded.url;
    log.info({ dataDir: config.dataDir }, 'embedded PostgreSQL (PGlite) started');
  }
  const orm = await createOrm({ url, poolMax: config.dbPoolMax, log, logSql: config.logSql });
  return {
    orm,
    embedded: embedded !== undefined,
    url,
    async close() {
      await orm.close(true);
      await embedded?.stop();
    },
  };
}
