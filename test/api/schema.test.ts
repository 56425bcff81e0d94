import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import pino from 'pino';
import { createOrm } from '../../server/db/orm';
import { buildApiSchema } from '../../server/graphql/schema';

describe('the printed schema and the migrations', () => {
  it('schema/schema.graphql is the current printed schema (run `npm run schema:print` after an API change)', async () => {
    const printed = `${printSchema(lexicographicSortSchema(await buildApiSchema()))}\n`;
    const file = readFileSync(resolve(__dirname, '../../schema/schema.graphql'), 'utf8');
    const stale = printed
      .split('\n')
      .filter((line, i) => file.split('\n')[i] !== line)
      .slice(0, 5);
    expect({ upToDate: file === printed, firstDifferences: stale }).toEqual({ upToDate: true, firstDifferences: [] });
  });

  it('the entities and the checked-in migrations describe the same database', async () => {
    const url = process.env.YARDSTICK_TEST_DB_URL as string;
    const orm = await createOrm({ url, poolMax: 1, log: pino({ level: 'silent' }) });
    try {
      expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
      const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: false });
      expect(diff.trim()).toBe('');
    } finally {
      await orm.close(true);
    }
  });
});
