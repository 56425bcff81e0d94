import { resolve } from 'node:path';

/** Typed, validated configuration. The only module that reads `process.env`. */
export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  /** A PostgreSQL server URL; when absent an embedded PGlite database is used. */
  readonly databaseUrl: string | undefined;
  /** Where the embedded database keeps its files. */
  readonly dataDir: string;
  readonly dbPoolMax: number;
  /** Load the demo data into an empty database on start. */
  readonly demoData: boolean;
  /** Serve the GraphQL IDE (Apollo Sandbox landing page) at GET /graphql. */
  readonly graphqlIde: boolean;
  readonly introspection: boolean;
  readonly logLevel: string;
  /** Log every SQL statement (debug). */
  readonly logSql: boolean;
  /** Secret that signs access tokens (HS256); shared by every instance. */
  readonly jwtSecret: string | undefined;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlDays: number;
  /** Failed sign-ins for one login name before it is refused for a while. */
  readonly loginMaxFailures: number;
  readonly loginLockMinutes: number;
  /** Lowest ex-ante total (0–100) that concludes SUPPORT 建议予以支持. */
  readonly exAnteSupportMin: number;
  /** Lowest ex-ante total (0–100) that concludes SUPPORT_AFTER_REVISION 建议调整完善后予以支持; below it NOT_SUPPORT. */
  readonly exAnteRevisionMin: number;
  /** Review events: wake on PostgreSQL LISTEN/NOTIFY (a server only; PGlite wakes in process). */
  readonly eventsListen: boolean;
  /** Review events: how often each instance also looks for new events, in ms (a safety net behind NOTIFY). */
  readonly eventsPollMs: number;
  /** Review events: events queued for one slow subscriber before it falls back to reading from the table. */
  readonly eventsMaxBuffer: number;
  /** Dashboard answers kept per instance for the current data generation (0: off). */
  readonly aggregateCacheEntries: number;
  /** Subscriptions: how long a new WebSocket may take to send connection_init, in ms (then closed with 4408). */
  readonly wsInitTimeoutMs: number;
  /** Subscriptions: operations one WebSocket connection may have running at once (README, "Limits"). */
  readonly wsMaxSubscriptions: number;
  /** Webhooks: deliver from this instance (every instance may; a lock keeps each attempt to one). */
  readonly webhooksEnabled: boolean;
  /** Webhooks: allow endpoints on loopback and private networks (off in production; tests turn it on). */
  readonly webhookAllowPrivate: boolean;
  /** Webhooks: attempts per delivery before it is marked failed. */
  readonly webhookMaxAttempts: number;
  /** Webhooks: the first retry's delay in ms; each next one doubles, up to webhookBackoffMaxMs. */
  readonly webhookBackoffMs: number;
  readonly webhookBackoffMaxMs: number;
  /** Webhooks: how long one POST may take, in ms. */
  readonly webhookTimeoutMs: number;
  /** Webhooks: how often the worker looks for due deliveries, in ms. */
  readonly webhookPollMs: number;
  /** Serve Prometheus metrics at GET /metrics. */
  readonly metricsEnabled: boolean;
  /** Limits (README, "Limits"): deepest field nesting of an operation. */
  readonly queryMaxDepth: number;
  /** Limits: largest estimated cost, lists weighted by their page size. */
  readonly queryMaxCost: number;
  /** Limits: aliased fields in one operation. */
  readonly queryMaxAliases: number;
  /** Limits: operations in one HTTP request (1: batching refused). */
  readonly queryMaxBatch: number;
  /** Requests per minute per signed-in user, per instance (0: off). */
  readonly rateLimitPerMinute: number;
  /** Requests per minute per IP address without a valid token, per instance (0: off). */
  readonly rateLimitIpPerMinute: number;
  /** Origins allowed to call /graphql from a browser (CORS); none by default. */
  readonly corsOrigins: readonly string[];
  /** Reverse proxies in front whose X-Forwarded-For is believed (express's `trust proxy` hop count). */
  readonly trustProxy: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const production = nodeEnv === 'production';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    env: nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 4000, 0, 65535),
    databaseUrl,
    dataDir: resolve(env.DATA_DIR || './data'),
    dbPoolMax: int(env, 'DB_POOL_MAX', 10, 1, 200),
    demoData: bool(env, 'DEMO_DATA', !production),
    graphqlIde: bool(env, 'GRAPHQL_IDE', !production),
    introspection: bool(env, 'GRAPHQL_INTROSPECTION', !production),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'warn' : 'info'),
    logSql: bool(env, 'LOG_SQL', false),
    jwtSecret: jwtSecret(env, production),
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL', 900, 30, 86_400),
    refreshTokenTtlDays: int(env, 'REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 10, 3, 1000),
    loginLockMinutes: int(env, 'LOGIN_LOCK_MINUTES', 15, 1, 1440),
    ...exAnteThresholds(env),
    eventsListen: bool(env, 'EVENTS_LISTEN', true),
    eventsPollMs: int(env, 'EVENTS_POLL_MS', 1000, 20, 600_000),
    eventsMaxBuffer: int(env, 'EVENTS_MAX_BUFFER', 10_000, 10, 1_000_000),
    aggregateCacheEntries: int(env, 'AGGREGATE_CACHE_ENTRIES', 200, 0, 100_000),
    wsInitTimeoutMs: int(env, 'WS_INIT_TIMEOUT_MS', 10_000, 50, 120_000),
    wsMaxSubscriptions: int(env, 'WS_MAX_SUBSCRIPTIONS', 20, 1, 1000),
    webhooksEnabled: bool(env, 'WEBHOOKS_ENABLED', true),
    webhookAllowPrivate: bool(env, 'WEBHOOK_ALLOW_PRIVATE', false),
    webhookMaxAttempts: int(env, 'WEBHOOK_MAX_ATTEMPTS', 8, 1, 100),
    webhookBackoffMs: int(env, 'WEBHOOK_BACKOFF_MS', 30_000, 1, 86_400_000),
    webhookBackoffMaxMs: int(env, 'WEBHOOK_BACKOFF_MAX_MS', 3_600_000, 1, 86_400_000),
    webhookTimeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    webhookPollMs: int(env, 'WEBHOOK_POLL_MS', 1000, 20, 600_000),
    metricsEnabled: bool(env, 'METRICS_ENABLED', true),
    queryMaxDepth: int(env, 'QUERY_MAX_DEPTH', 12, 2, 100),
    queryMaxCost: int(env, 'QUERY_MAX_COST', 50_000, 10, 100_000_000),
    queryMaxAliases: int(env, 'QUERY_MAX_ALIASES', 30, 0, 10_000),
    queryMaxBatch: int(env, 'QUERY_MAX_BATCH', 1, 1, 100),
    // Off outside production: tests and benchmarks send thousands of requests a minute from one user.
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', production ? 600 : 0, 0, 1_000_000),
    rateLimitIpPerMinute: int(env, 'RATE_LIMIT_IP_PER_MINUTE', production ? 120 : 0, 0, 1_000_000),
    corsOrigins: corsOrigins(env),
    trustProxy: int(env, 'TRUST_PROXY', 0, 0, 10),
  };
}

/** The ex-ante conclusion thresholds: each 0–100, SUPPORT strictly above SUPPORT_AFTER_REVISION. */
function exAnteThresholds(env: Env): Pick<Config, 'exAnteSupportMin' | 'exAnteRevisionMin'> {
  const exAnteSupportMin = int(env, 'EXANTE_SUPPORT_MIN', 90, 0, 100);
  const exAnteRevisionMin = int(env, 'EXANTE_REVISION_MIN', 70, 0, 100);
  if (exAnteSupportMin <= exAnteRevisionMin) {
    throw new ConfigError(
      `EXANTE_SUPPORT_MIN (${exAnteSupportMin}) must be greater than EXANTE_REVISION_MIN (${exAnteRevisionMin})`,
    );
  }
  return { exAnteSupportMin, exAnteRevisionMin };
}

/** CORS_ORIGINS: comma-separated origins such as https://portal.example.gov.cn (scheme, host, optional port). */
function corsOrigins(env: Env): string[] {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw) return [];
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(
        `CORS_ORIGINS must list origins like https://portal.example.org (no path, no trailing slash, no *), got "${origin}"`,
      );
    }
    return origin;
  });
}

function jwtSecret(env: Env, production: boolean): string | undefined {
  const secret = env.JWT_SECRET || undefined;
  if (secret && secret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters long');
  if (!secret && production) throw new ConfigError('JWT_SECRET must be set in production (32 characters or more)');
  // Outside production a missing secret is generated and kept in the data directory (see server/main.ts).
  return secret;
}
