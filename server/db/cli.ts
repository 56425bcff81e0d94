import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { loadConfig } from '../config';
import { buildApiSchema } from '../graphql/schema';
import { createLogger } from '../logger';
import { createAdministrator } from '../modules/identity/identity.admin';
import { renderFieldMatrix, renderRolePermissions } from '../modules/identity/identity.matrix';
import { BackupError, exportEmbedded, importEmbedded, SERVER_BACKUP_HINT } from './backup';
import { openDatabase } from './database';
import { DataDirBusyError } from './dataDirLock';
import { generate, isScale, SCALES } from './generate';
import { progressBar, summary } from './generate/progress';
import { migrate } from './orm';
import { loadDemoData } from './seeders/demo';

const usage = `usage: node dist/server/db/cli.js <command>
  migrate            apply pending migrations
  seed               load the demo data into an empty database
  generate --scale tiny|city|province|nation [--cities N] [--seed S]
                     add generated cities (new fiscal divisions) with realistic data at scale
  migration:create   write a migration for the difference between the entities and the database
  schema:print       write schema/schema.graphql
  docs:matrix        rewrite the README's role/permission table and field matrix from the code
  create-admin --login NAME --name "DISPLAY NAME" --fiscal-division CODE [--division-name "郑州市本级"]
                     create an ADMIN user; the password is read from ADMIN_PASSWORD or the first line of stdin
  export [--out FILE] [--data-dir DIR]
                     copy the embedded database (DATA_DIR) into one file (default yardstick-data-<time>.tar.gz);
                     the server must be stopped
  import --in FILE [--data-dir DIR] [--force]
                     restore such a file into an empty DATA_DIR (--force replaces what is there once the file has
                     loaded and been checked); the server must be stopped`;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  let input = '';
  for await (const chunk of process.stdin) {
    input += chunk;
    if (input.includes('\n')) break;
  }
  return input.split('\n')[0]?.trim() ?? '';
}

async function main(command: string | undefined): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config);
  if (command === 'docs:matrix') {
    const readme = resolve('README.md');
    const text = readFileSync(readme, 'utf8')
      .replace(
        /(<!-- role-permissions:start -->\n)[\s\S]*?(<!-- role-permissions:end -->)/,
        (_m, a, b) => `${a}${renderRolePermissions()}${b}`,
      )
      .replace(
        /(<!-- field-matrix:start -->\n)[\s\S]*?(<!-- field-matrix:end -->)/,
        (_m, a, b) => `${a}${renderFieldMatrix()}${b}`,
      );
    writeFileSync(readme, text);
    return;
  }
  if (command === 'export' || command === 'import') {
    await backup(command, config.databaseUrl, option('--data-dir') ?? config.dataDir);
    return;
  }
  if (command === 'schema:print') {
    const schema = await buildApiSchema();
    writeFileSync(resolve('schema/schema.graphql'), `${printSchema(lexicographicSortSchema(schema))}\n`);
    return;
  }
  if (!command || !['migrate', 'seed', 'generate', 'migration:create', 'create-admin'].includes(command)) {
    process.stderr.write(`${usage}\n`);
    process.exitCode = 2;
    return;
  }
  const scale = option('--scale');
  const cities = option('--cities');
  const seed = option('--seed');
  if (command === 'generate') {
    const bad = (what: string) => {
      process.stderr.write(`${what}\n${usage}\n`);
      process.exitCode = 2;
    };
    if (!isScale(scale)) return bad(`unknown scale "${scale ?? ''}": use --scale ${Object.keys(SCALES).join('|')}`);
    if (cities !== undefined && !/^[1-9]\d*$/.test(cities)) return bad(`--cities must be a positive integer`);
    if (seed !== undefined && !/^\d+$/.test(seed)) return bad(`--seed must be a non-negative integer`);
  }
  const db = await openDatabase(config, log);
  try {
    if (command === 'create-admin') {
      await migrate(db.orm);
      const login = option('--login');
      const name = option('--name') ?? login;
      const division = option('--fiscal-division');
      if (!login || !division) throw new Error('create-admin needs --login and --fiscal-division');
      const password = await readPassword();
      const em = db.orm.em.fork();
      const user = await createAdministrator(em, {
        loginName: login,
        displayName: name ?? login,
        fiscalDivisionCode: division,
        divisionName: option('--division-name'),
        password,
      });
      log.info({ id: user.id, loginName: user.loginName }, 'administrator created');
    } else if (command === 'migration:create') {
      await migrate(db.orm);
      const result = await db.orm.getMigrator().createMigration(resolve('server/db/migrations'), false, false);
      log.info({ file: result.fileName, statements: result.diff.up.length }, 'migration written');
    } else {
      const applied = await migrate(db.orm);
      log.info({ applied }, 'migrations applied');
      if (command === 'seed') {
        const loaded = await loadDemoData(db.orm.em.fork(), log);
        if (!loaded) log.warn('the database already holds data; demo data not loaded');
      } else if (command === 'generate' && isScale(scale)) {
        const result = await generate(db.orm.em.fork(), {
          scale,
          cities: cities === undefined ? undefined : Number(cities),
          seed: seed === undefined ? undefined : Number(seed),
          onProgress: progressBar(process.stderr),
        });
        process.stderr.write(`${summary(result)}\n`);
      }
    }
  } finally {
    await db.close();
  }
}

/** db:export / db:import (server/db/backup.ts): a refusal is a message and exit code 2, not a stack trace. */
async function backup(command: 'export' | 'import', databaseUrl: string | undefined, dataDir: string): Promise<void> {
  const refuse = (message: string) => {
    process.stderr.write(`${command}: ${message}\n`);
    process.exitCode = 2;
  };
  if (databaseUrl) return refuse(SERVER_BACKUP_HINT);
  try {
    if (command === 'export') {
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
      const r = await exportEmbedded(dataDir, option('--out') ?? `yardstick-data-${stamp}.tar.gz`);
      process.stdout.write(
        `exported ${dataDir} (${r.migrations} migrations) to ${r.file} (${(r.bytes / 1e6).toFixed(1)} MB)\n`,
      );
    } else {
      const input = option('--in');
      if (!input) return refuse('--in FILE is required (a file written by db:export)');
      const r = await importEmbedded(dataDir, input, { force: process.argv.includes('--force') });
      process.stdout.write(
        `imported ${input} into ${r.dataDir} (${r.migrations} migrations${r.replaced ? `, replaced ${r.replaced} entries` : ''}); ` +
          'the next start applies any newer migrations\n',
      );
    }
  } catch (err) {
    if (err instanceof BackupError || err instanceof DataDirBusyError) return refuse(err.message);
    throw err;
  }
}

main(process.argv[2]).catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
