import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { buildChangeRequests } from './admission';
import { DemoContext, SERIAL_TABLES, TABLES } from './context';
import { buildCommonLibrary, buildDepartmentLibraries, buildIndustryLibraries } from './library';
import { buildBudgets, buildExAnte, buildProjects, writeProjects } from './projects';
import { buildReference } from './reference';
import { buildReviews } from './reviews';
import { insertRows, resetSequences } from './sql';
import { planTargets } from './targetPlan';
import { buildTargetRows } from './targetRows';
import { insertDemoUsers } from './users';

/**
 * Builds the whole demo data set in memory (deterministic: a seeded PRNG, fixed dates), table by table in
 * foreign-key order. Illustrative Zhengzhou-like data, not claims about the real city.
 */
export function buildDemoData(): DemoContext {
  const ctx = new DemoContext();
  buildReference(ctx);
  buildCommonLibrary(ctx);
  buildIndustryLibraries(ctx);
  buildDepartmentLibraries(ctx);
  buildProjects(ctx);
  planTargets(ctx);
  writeProjects(ctx);
  buildBudgets(ctx);
  buildExAnte(ctx);
  buildTargetRows(ctx);
  buildReviews(ctx);
  buildChangeRequests(ctx);
  return ctx;
}

async function isEmpty(em: EntityManager): Promise<boolean> {
  const rows = await em.execute<Array<{ present: boolean }>>(
    'select exists (select 1 from fiscal_division) as present',
  );
  return rows[0]?.present !== true;
}

/**
 * Loads the demo data into an empty database (no fiscal division yet) in one transaction, with multi-row
 * inserts, and returns true; returns false and changes nothing when the database already holds data.
 */
export async function loadDemoData(em: EntityManager, log: Logger): Promise<boolean> {
  if (!(await isEmpty(em))) return false;
  const started = Date.now();
  const ctx = buildDemoData();
  const built = Date.now();
  const loaded = await em.transactional(async (tx) => {
    if (!(await isEmpty(tx))) return false;
    for (const table of TABLES) {
      const t0 = Date.now();
      await insertRows(tx, table, ctx.rows[table]);
      log.debug({ table, rows: ctx.rows[table].length, ms: Date.now() - t0 }, 'demo data table inserted');
    }
    await resetSequences(tx, SERIAL_TABLES);
    await insertDemoUsers(tx);
    return true;
  });
  if (loaded) {
    const rows = Object.fromEntries(TABLES.map((t) => [t, ctx.rows[t].length]));
    log.info({ rows, buildMs: built - started, totalMs: Date.now() - started }, 'demo data inserted');
  }
  return loaded;
}
