import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import express from 'express';
import type { Logger } from 'pino';
import type { Config } from './config';
import { recordRequestStatements, type SqlStats, sqlStatsStorage } from './db/stats';
import { AggregateResponseCache } from './graphql/aggregateCache';
import { createContext, viewerFromAuthorization } from './graphql/context';
import { errorLoggingPlugin, formatError } from './graphql/errors';
import { legacyJsonStatusPlugin } from './graphql/httpStatus';
import { jitGateway } from './graphql/jit';
import { batchLimit, bodyErrors, limitsPlugin } from './graphql/limits';
import { RateLimiter, rateLimit } from './graphql/rateLimit';
import { buildApiSchema } from './graphql/schema';
import { attachSubscriptions } from './graphql/ws';
import { EventFeed } from './modules/events/events.feed';
import { exAnteConfigFrom } from './modules/exante/exante.config';
import { type AuthSettings, signingSecret } from './modules/identity/identity.service';
import { webhookSettingsFrom } from './modules/webhooks/webhooks.config';
import { WebhookDispatcher } from './modules/webhooks/webhooks.dispatcher';
import { cors, securityHeaders } from './ops/headers';
import { Metrics } from './ops/metrics';
import { ReadinessCheck } from './ops/readiness';
import type { Context, Services } from './shared/context';

export interface App {
  readonly server: Server;
  readonly services: Services;
  stop(): Promise<void>;
}

const ADMIN_PLACEHOLDER = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Yardstick 预算绩效目标管理平台</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:4rem auto;line-height:1.6;color:#222}</style>
</head><body>
<h1>Yardstick 预算绩效目标管理平台</h1>
<p>管理控制台尚未构建：请运行 <code>npm run admin:build</code>（<code>npm install</code> 与 <code>npm start</code> 会自动构建）。当前可通过 <a href="../graphql">GraphQL API</a> 使用全部功能。</p>
<p>The console has not been built: run <code>npm run admin:build</code> (<code>npm install</code> and <code>npm start</code> build it). Everything is available through the <a href="../graphql">GraphQL API</a> meanwhile.</p>
</body></html>`;

/** The HTTP app: /graphql (API and, in development, the IDE), /admin, /healthz. */
export async function createApp(config: Config, orm: MikroORM<PostgreSqlDriver>, log: Logger): Promise<App> {
  const schema = await buildApiSchema();
  const auth: AuthSettings = {
    jwtSecret: await signingSecret(orm.em.fork(), config.jwtSecret),
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    refreshTokenTtlDays: config.refreshTokenTtlDays,
    loginMaxFailures: config.loginMaxFailures,
    loginLockMinutes: config.loginLockMinutes,
  };
  const exAnte = exAnteConfigFrom(config);
  const events = new EventFeed(orm, log, { listen: config.eventsListen, pollMs: config.eventsPollMs });
  await events.start();
  const webhooks = new WebhookDispatcher(orm, events, webhookSettingsFrom(config), log);
  webhooks.start();
  const metrics = config.metricsEnabled ? new Metrics(orm, events, log) : undefined;
  const services: Services = {
    events,
    eventsMaxBuffer: config.eventsMaxBuffer,
    webhooks: webhookSettingsFrom(config),
  };
  const app = express();
  app.disable('x-powered-by');
  if (config.trustProxy > 0) app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders);
  const server = createServer(app);
  const limits = {
    maxDepth: config.queryMaxDepth,
    maxCost: config.queryMaxCost,
    maxAliases: config.queryMaxAliases,
    maxBatch: config.queryMaxBatch,
  };
  // One count per user for HTTP requests and WebSocket sign-ins and subscriptions.
  const limiter = new RateLimiter();
  const subscriptions = attachSubscriptions(server, schema, {
    orm,
    log,
    auth,
    exAnte,
    services,
    connectionInitWaitTimeoutMs: config.wsInitTimeoutMs,
    limits,
    ratePerUser: config.rateLimitPerMinute,
    limiter,
    maxSubscriptions: config.wsMaxSubscriptions,
  });

  const aggregates = new AggregateResponseCache(config.aggregateCacheEntries, orm, auth, (name, seconds) =>
    metrics?.observeCacheHit(name, seconds),
  );
  const apollo = new ApolloServer<Context>({
    gateway: jitGateway(schema),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // main.ts owns the shutdown order (HTTP, then the database); Apollo must not race it on SIGTERM.
    stopOnTerminationSignals: false,
    formatError: formatError(),
    // GraphQL over HTTP (README, "GraphQL over HTTP compliance"): a GET needs a preflighted header.
    csrfPrevention: true,
    // README, "Limits": an array body is refused by batchLimit below unless QUERY_MAX_BATCH allows it.
    allowBatchedHttpRequests: config.queryMaxBatch > 1,
    plugins: [
      // Requests in flight get 8 s to finish on SIGTERM, then their connections are closed; main.ts exits 1 at 10 s.
      ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: 8_000 }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await subscriptions.dispose();
            },
          };
        },
      },
      ApolloServerPluginCacheControlDisabled(),
      limitsPlugin(limits),
      aggregates.plugin(),
      errorLoggingPlugin,
      ...(metrics ? [metrics.plugin()] : []),
      legacyJsonStatusPlugin,
      config.graphqlIde
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', new ReadinessCheck(orm, log).handler());
  if (metrics) app.get('/metrics', metrics.handler());

  const adminDist = resolve(__dirname, '../../admin/dist');
  if (existsSync(resolve(adminDist, 'index.html'))) {
    app.use('/admin', express.static(adminDist));
    // Client-side routes (/admin/departments/3/show) answer the console's page; missing assets stay 404.
    app.get(/^\/admin(\/.*)?$/, (req, res, next) => {
      if (/\.[a-z0-9]+$/i.test(req.path) && !req.path.endsWith('.html')) return next();
      res.sendFile(resolve(adminDist, 'index.html'));
    });
  } else {
    app.get(/^\/admin(\/.*)?$/, (_req, res) => {
      res.type('html').send(ADMIN_PLACEHOLDER);
    });
  }

  app.use(
    '/graphql',
    (req, res, next) => {
      const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
      res.setHeader('x-request-id', requestId);
      (req as { requestId?: string }).requestId = requestId;
      const stats: SqlStats = { statements: 0 };
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        recordRequestStatements(requestId, stats.statements);
        log.debug(
          {
            requestId,
            status: res.statusCode,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            sql: stats.statements,
          },
          'graphql request',
        );
      });
      sqlStatsStorage.run(stats, next);
    },
    cors(config.corsOrigins),
    rateLimit({ perUser: config.rateLimitPerMinute, perIp: config.rateLimitIpPerMinute }, auth, limiter),
    express.json({ limit: '1mb' }),
    batchLimit(config.queryMaxBatch),
    aggregates.middleware,
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext(
          orm,
          log,
          auth,
          viewerFromAuthorization(req.headers.authorization, auth),
          (req as { requestId?: string }).requestId,
          { exAnte, services },
        ),
    }),
  );
  app.use('/graphql', bodyErrors);

  app.get('/', (_req, res) => {
    res.redirect('/graphql');
  });

  return {
    server,
    services,
    async stop() {
      // The webhook worker stops at once (POSTs in flight cut off, their claims given back), while Apollo drains.
      await Promise.all([apollo.stop(), webhooks.stop()]);
      await events.stop();
      if (server.listening) await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
