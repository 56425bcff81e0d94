import { MikroORM, ReflectMetadataProvider } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { entities } from './entities';
import { OrmPinoLogger } from './logger';
import { migrationsList } from './migrations';

export interface OrmOptions {
  readonly url: string;
  readonly poolMax: number;
  readonly log: Logger;
  readonly logSql?: boolean;
  /** The migrations this code expects (the checked-in list; a test gives a newer release's). */
  readonly migrations?: typeof migrationsList;
}

/** Connects MikroORM to PostgreSQL (a server or the embedded PGlite), with the checked-in migrations. */
export async function createOrm(options: OrmOptions): Promise<MikroORM<PostgreSqlDriver>> {
  return MikroORM.init<PostgreSqlDriver>({
    driver: PostgreSqlDriver,
    clientUrl: options.url,
    entities,
    metadataProvider: ReflectMetadataProvider,
    discovery: { warnWhenNoEntities: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations ?? migrationsList,
      path: 'server/db/migrations',
      pathTs: 'server/db/migrations',
      emit: 'ts',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
    },
    pool: { min: 0, max: options.poolMax },
    loggerFactory: () => new OrmPinoLogger(options.log, options.logSql ?? false),
    debug: options.logSql ? ['query'] : false,
    forceUtcTimezone: true,
    // Reads select into plain objects; only mutations use entities, so lazy relations are never auto-loaded.
    populateWhere: 'infer',
    allowGlobalContext: false,
  });
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
