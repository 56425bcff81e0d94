import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DataDirBusyError, describeHolder, LOCK_FILE, lockDataDir, lockHolder } from './dataDirLock';

/**
 * `npm run db:export` / `npm run db:import`: a copy of the embedded database (PGlite in DATA_DIR) as one file.
 *
 * The file is PGlite's own physical image of the data directory (`dumpDataDir`, a gzipped tar of the PostgreSQL
 * files, taken after a CHECKPOINT by the only process that has the directory open), restored with PGlite's
 * `loadDataDir`. It is exact (every table, sequence, trigger and setting, the migrations table included) and needs no
 * other package, but it is read by PGlite (PostgreSQL 18) only, not by a PostgreSQL server. A portable SQL dump was
 * weighed: @electric-sql/pglite-tools 0.4.8 (a WASM pg_dump 18) dumps this database, and the dump loads into a
 * PostgreSQL 15 server with psql apart from one `SET transaction_timeout` line; but that package pins its peer
 * @electric-sql/pglite to exactly 0.5.8 (we run 0.5.14), and loading such a dump back into PGlite means running a
 * multi-megabyte script through initdb + exec, slower and less exact than the image. It can be added as a second
 * format later.
 *
 * Both refuse a data directory a live process holds (`yardstick.lock`, see dataDirLock.ts); import restores only into
 * an empty directory unless forced, and verifies the image in a staging directory inside the target before anything
 * already there is touched.
 */
export class BackupError extends Error {}

/** Files of the embedded database's directory that say it holds one. */
const MARKER = 'PG_VERSION';
const MIGRATIONS = 'select count(*)::int as n from mikro_orm_migrations';

async function openPglite(dataDir: string, loadDataDir?: Blob) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  return PGlite.create({ dataDir, extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
}

/** How many migrations the database has applied; refuses a database that is not Yardstick's. */
async function migrationsApplied(db: Awaited<ReturnType<typeof openPglite>>, what: string): Promise<number> {
  try {
    const result = await db.query<{ n: number }>(MIGRATIONS);
    return result.rows[0]?.n ?? 0;
  } catch {
    throw new BackupError(`${what} is not a Yardstick database (it has no mikro_orm_migrations table).`);
  }
}

export interface ExportResult {
  file: string;
  bytes: number;
  migrations: number;
}

/** Writes the embedded database in `dataDir` to `out` (a .tar.gz), atomically (a partial file never has the name). */
export async function exportEmbedded(dataDir: string, out: string): Promise<ExportResult> {
  const dir = resolve(dataDir);
  const file = resolve(out);
  if (!existsSync(join(dir, MARKER))) {
    throw new BackupError(`${dir} holds no embedded database (no ${MARKER}); set DATA_DIR or pass --data-dir.`);
  }
  if (existsSync(file) && statSync(file).isDirectory()) throw new BackupError(`--out ${file} is a directory.`);
  if (!existsSync(dirname(file))) throw new BackupError(`the directory of --out, ${dirname(file)}, does not exist.`);
  const release = lockDataDir(dir, 'npm run db:export');
  try {
    const db = await openPglite(dir);
    try {
      const migrations = await migrationsApplied(db, dir);
      await db.exec('CHECKPOINT');
      const image = await db.dumpDataDir('gzip');
      const bytes = Buffer.from(await image.arrayBuffer());
      const partial = join(dirname(file), `.${basename(file)}.partial-${process.pid}`);
      writeFileSync(partial, bytes);
      renameSync(partial, file);
      return { file, bytes: bytes.length, migrations };
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
}

export interface ImportResult {
  dataDir: string;
  migrations: number;
  /** Entries of the directory that --force replaced. */
  replaced: number;
}

/** Restores an export into `dataDir`, which must be empty (or missing) unless `force`. */
export async function importEmbedded(dataDir: string, input: string, options: { force?: boolean } = {}) {
  const dir = resolve(dataDir);
  const file = resolve(input);
  // A live server's directory is refused before anything else is looked at.
  const holder = existsSync(dir) ? lockHolder(dir) : undefined;
  if (holder) throw new DataDirBusyError(describeHolder(dir, holder));
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupError(`--in ${file} is not a file.`);
  const bytes = readFileSync(file);
  // gzip (what db:export writes) or a plain tar ("ustar" at offset 257).
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (!gzip && bytes.subarray(257, 262).toString('latin1') !== 'ustar') {
    throw new BackupError(`${file} is not an export of the embedded database (expected a .tar.gz from db:export).`);
  }
  mkdirSync(dir, { recursive: true });
  const release = lockDataDir(dir, 'npm run db:import');
  const staging = join(dir, `.import-${process.pid}`);
  try {
    const existing = readdirSync(dir).filter((name) => name !== LOCK_FILE);
    if (existing.length > 0 && !options.force) {
      const shown = existing.slice(0, 5).join(', ') + (existing.length > 5 ? ', …' : '');
      throw new BackupError(
        `${dir} is not empty (${existing.length} entries: ${shown}). db:import restores into an empty directory: ` +
          'point DATA_DIR (or --data-dir) at a new one, or pass --force to replace what is there ' +
          '(it is deleted only once the export has loaded and been checked).',
      );
    }
    // Load and check the image beside the data, on the same file system, before anything is deleted.
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    let migrations: number;
    try {
      const db = await openPglite(staging, new Blob([bytes]));
      try {
        migrations = await migrationsApplied(db, file);
      } finally {
        await db.close();
      }
    } catch (err) {
      if (err instanceof BackupError) throw err;
      throw new BackupError(`${file} could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    }
    for (const name of existing) rmSync(join(dir, name), { recursive: true, force: true });
    // The exporting process's own lock came along in the image.
    rmSync(join(staging, LOCK_FILE), { force: true });
    for (const name of readdirSync(staging)) renameSync(join(staging, name), join(dir, name));
    return { dataDir: dir, migrations, replaced: options.force ? existing.length : 0 };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    release();
  }
}

/** What db:export and db:import answer when DATABASE_URL names a server. */
export const SERVER_BACKUP_HINT =
  'DATABASE_URL is set: db:export and db:import copy the embedded database (DATA_DIR). For a PostgreSQL server use ' +
  'its own tools: pg_dump -Fc "$DATABASE_URL" > yardstick.dump, and into an empty database ' +
  'pg_restore --no-owner -d "$DATABASE_URL" yardstick.dump (README, Deployment).';
