import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { loadConfig } from '../config';
import { buildApiSchema } from '../graphql/schema';
import { createLogger } from '../logger';
import { openDatabase } from './database';
import { migrate } from './orm';
import { loadDemoData } from './seeders/demo';

const usage = `usage: node dist/server/db/cli.js <command>
  migrate            apply pending migrations
  seed               load the demo data into an empty database
  migration:create   write a migration for the difference between the entities and the database
  schema:print       write schema/schema.graphql`;

async function main(command: string | undefined): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config);
  if (command === 'schema:print') {
    const schema = await buildApiSchema();
    writeFileSync(resolve('schema/schema.graphql'), `${printSchema(lexicographicSortSchema(schema))}\n`);
    return;
  }
  if (!command || !['migrate', 'seed', 'migration:create'].includes(command)) {
    process.stderr.write(`${usage}\n`);
    process.exitCode = 2;
    return;
  }
  const db = await openDatabase(config, log);
  try {
    if (command === 'migration:create') {
      await migrate(db.orm);
      const result = await db.orm.getMigrator().createMigration(resolve('server/db/migrations'), false, false);
      log.info({ file: result.fileName, statements: result.diff.up.length }, 'migration written');
    } else {
      const applied = await migrate(db.orm);
      log.info({ applied }, 'migrations applied');
      if (command === 'seed') {
        const loaded = await loadDemoData(db.orm.em.fork(), log);
        if (!loaded) log.warn('the database already holds data; demo data not loaded');
      }
    }
  } finally {
    await db.close();
  }
}

main(process.argv[2]).catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
