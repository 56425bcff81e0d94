import { createServer } from 'node:http';
import { PgAggregatesPreset } from '@graphile/pg-aggregates';
import { Pool } from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { PostGraphileConnectionFilterPreset } from 'postgraphile-plugin-connection-filter';

/**
 * The benchmark peer: PostGraphile 5 (Amber preset + @graphile/pg-aggregates + postgraphile-plugin-connection-filter)
 * over the same database, anonymous, in production mode. Run by test/bench/api.ts as its own process:
 *   node --require dist/test/bench/with-resolvers.js dist/test/bench/postgraphile.js
 * Environment: DATABASE_URL, PORT (0: a free one), DB_POOL_MAX (10, as Yardstick). Prints one line
 * `postgraphile listening on http://127.0.0.1:<port>/graphql` when ready.
 */
async function main() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is required');
  const pool = new Pool({ connectionString, max: Number(process.env.DB_POOL_MAX ?? 10) });
  const pgl = postgraphile({
    extends: [PostGraphileAmberPreset, PgAggregatesPreset, PostGraphileConnectionFilterPreset],
    pgServices: [makePgService({ pool, schemas: ['public'] })],
    grafast: { explain: false },
    grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false, maxRequestLength: 1_000_000 },
  });
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  serv.addTo(server).catch((e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
  await pgl.getSchema();
  await new Promise<void>((ok) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`postgraphile listening on http://127.0.0.1:${port}/graphql\n`);
  const stop = () => {
    server.close();
    void Promise.resolve(pgl.release()).then(() => pool.end().then(() => process.exit(0)));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
