import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, introspectionFromSchema, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { STATIC_QUERY, YEAR_QUERY } from '../../admin/src/dashboard/queries';
import { type BuiltQuery, makeBuildQuery } from '../../admin/src/dataProvider/buildQuery';
import { RESOURCES } from '../../admin/src/dataProvider/fields';
import { loadConfig } from '../../server/config';
import { type Measure, measureOperation } from '../../server/graphql/limits';
import { type Client, startApi, type TestApi } from '../helpers/api';
import { demoToken } from '../helpers/users';

/**
 * Limits (README, "Limits"): depth, cost, aliases and batching refused before anything executes; a per-user and
 * per-IP rate limit; security headers and CORS.
 */

const sdl = readFileSync(resolve(__dirname, '../../schema/schema.graphql'), 'utf8');
const schema = buildSchema(sdl);

/** The README's GraphQL examples (its tour, the aggregates, the events). */
const README_EXAMPLES = [
  ...readFileSync(resolve(__dirname, '../../README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g),
].map((m) => m[1] ?? '');

function measure(query: string, variables: Record<string, unknown> = {}): Measure {
  const doc = parse(query);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('no operation');
  const fragments = Object.fromEntries(
    doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
  );
  return measureOperation(schema, operation, fragments, variables);
}

describe('the default limits admit what the project itself sends', () => {
  const defaults = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) });
  const within = (m: Measure) => {
    expect(m.depth).toBeLessThanOrEqual(defaults.queryMaxDepth);
    expect(m.cost).toBeLessThanOrEqual(defaults.queryMaxCost);
    expect(m.aliases).toBeLessThanOrEqual(defaults.queryMaxAliases);
  };

  it('the benchmark’s nested list of 100 projects', () => {
    const m = measure(NESTED_BENCH, { division: '110000' });
    expect(m).toEqual({ depth: 7, cost: 26_901, aliases: 0 });
    within(m);
  });

  it.each([...README_EXAMPLES.map((q, i) => [`README example ${i + 1}`, q] as const)])('%s', (_name, query) => {
    within(measure(query));
  });

  it('the dashboard’s queries', () => {
    within(measure(YEAR_QUERY, { years: [2024, 2025] }));
    within(measure(STATIC_QUERY));
  });

  it('every console list at its largest page, and every record page, with every permission', () => {
    const intro = introspectionFromSchema(schema).__schema;
    const queries = intro.types
      .filter((t) => t.name === 'Query' || t.name === 'Mutation')
      .flatMap((t) => ('fields' in t ? t.fields : []));
    const all = new Set(['ReadReference', 'ManageUsers', 'ReadContactData', 'ReadReviews', 'ReadLibrary']);
    const build = makeBuildQuery(() => all)({ types: intro.types, queries, schema: intro });
    const resources = Object.keys(RESOURCES);
    expect(resources.length).toBeGreaterThan(5);
    for (const resource of resources) {
      for (const [type, params] of [
        ['GET_LIST', { pagination: { page: 1, perPage: 200 }, sort: { field: 'id', order: 'ASC' }, filter: {} }],
        ['GET_ONE', { id: '1' }],
      ] as const) {
        let built: BuiltQuery | undefined;
        try {
          built = build(type, resource, params);
        } catch {
          continue; // a resource without that operation
        }
        const doc = built.query;
        const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
        if (!op) continue;
        within(measureOperation(schema, op, {}, built.variables));
      }
    }
  });

  it('fragments are measured once each, so a fragment bomb is measured quickly and refused', () => {
    const levels = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on Department { code p1: parent { ...F${i + 1} } p2: parent { ...F${i + 1} } }`,
    );
    const query = `{ departments { items { ...F0 } } } ${levels.join(' ')} fragment F30 on Department { code }`;
    const started = Date.now();
    const m = measure(query);
    expect(Date.now() - started).toBeLessThan(500);
    expect(m.depth).toBeGreaterThan(defaults.queryMaxDepth);
    expect(m.cost).toBeGreaterThan(defaults.queryMaxCost);
  });
});

describe('depth, cost and aliases over HTTP', () => {
  let api: TestApi;
  let admin: Client;
  beforeAll(async () => {
    api = await startApi({ env: { QUERY_MAX_DEPTH: '4', QUERY_MAX_COST: '500', QUERY_MAX_ALIASES: '3' } });
    admin = api.as(await demoToken(api, 'perf-admin'));
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('a query nested deeper than QUERY_MAX_DEPTH is refused before it runs', async () => {
    const ok = await admin.gql(DEPTH_4);
    expect(ok.errors).toBeUndefined();
    expect(ok.statements).toBeGreaterThan(0);
    const r = await admin.gql(DEPTH_5);
    expect(r.status).toBe(200); // application/json: request errors are answered 200 (GraphQL over HTTP)
    expect(r.data).toBeUndefined();
    expect(r.errors).toEqual([
      {
        message: expect.stringContaining('5 levels deep; at most 4'),
        extensions: { code: 'QUERY_TOO_DEEP', depth: 5, maxDepth: 4 },
      },
    ]);
    expect(r.statements).toBe(0);
  });

  it('answers 400 to a client that accepts application/graphql-response+json', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: DEPTH_5 }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('QUERY_TOO_DEEP');
  });

  it('lists weigh their page size, from the literal, the variable or the default', async () => {
    // departments(limit: n) { items { code name } } costs 1 + n × (1 + 2).
    expect((await admin.gql(`{ departments(limit: 100) { items { code name } } }`)).errors).toBeUndefined();
    const r = await admin.gql(`{ departments(limit: 200) { items { code name } } }`);
    expect(r.errors).toEqual([
      {
        message: expect.stringContaining('cost is 601; at most 500'),
        extensions: { code: 'QUERY_TOO_COSTLY', cost: 601, maxCost: 500 },
      },
    ]);
    expect(r.statements).toBe(0);
    const viaVariable = await admin.gql(`query($n: Int!) { departments(limit: $n) { items { code name } } }`, {
      n: 200,
    });
    expect(viaVariable.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    // The default page (50) and an unpaged list (×5) under it: 1 + 50 × (1 + 2 + (1 + 5 × 2)) = 701.
    const nested = await admin.gql(`{ projects { items { code name targets { status funds } } } }`);
    expect(nested.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COSTLY', cost: 701, maxCost: 500 });
  });

  it('more aliases than QUERY_MAX_ALIASES are refused, and a refused mutation changes nothing', async () => {
    expect((await admin.gql(`{ a: __typename b: __typename c: __typename }`)).errors).toBeUndefined();
    const r = await admin.gql(`{ a: __typename b: __typename c: __typename d: __typename }`);
    expect(r.errors).toEqual([
      {
        message: expect.stringContaining('4 aliases; at most 3'),
        extensions: { code: 'TOO_MANY_ALIASES', aliases: 4, maxAliases: 3 },
      },
    ]);
    const before = await api.sql('select * from login_throttle order by 1');
    const m = await api.gql(
      `mutation { a: login(input: { loginName: "perf-admin", password: "wrong-password-1" }) { accessToken } b: login(input: { loginName: "perf-admin", password: "wrong-password-1" }) { accessToken } c: login(input: { loginName: "perf-admin", password: "wrong-password-1" }) { accessToken } d: login(input: { loginName: "perf-admin", password: "wrong-password-1" }) { accessToken } }`,
    );
    expect(m.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    expect(m.statements).toBe(0);
    expect(await api.sql('select * from login_throttle order by 1')).toEqual(before);
  });

  it('a batch (an array body) is refused with BATCHING_NOT_ALLOWED', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BATCHING_NOT_ALLOWED');
    expect(body.errors[0]?.message).toContain('one operation per request');
  });
});

describe('request bodies', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api?.stop();
  });

  const post = (body: string) =>
    fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body,
    });

  it('a body over 1 MB is refused with 413 and PAYLOAD_TOO_LARGE', async () => {
    const res = await post(JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(1_100_000) } }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      errors: [{ message: expect.stringContaining('larger than'), extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });

  it('a body that is not JSON is a 400 without a stack trace', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(text).not.toMatch(/at .*\.js/);
  });
});

describe('batches up to QUERY_MAX_BATCH', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { QUERY_MAX_BATCH: '2' } });
  });
  afterAll(async () => {
    await api?.stop();
  });

  const post = (body: unknown) =>
    fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers a batch within the limit and refuses a longer one', async () => {
    const ok = await post([{ query: '{ __typename }' }, { query: '{ a: __typename }' }]);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual([{ data: { __typename: 'Query' } }, { data: { a: 'Query' } }]);
    const refused = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BATCHING_NOT_ALLOWED');
    expect(body.errors[0]?.message).toContain('at most 2 operations; this one has 3');
  });
});

describe('rate limits', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { RATE_LIMIT_PER_MINUTE: '4', RATE_LIMIT_IP_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('anonymous callers are limited per IP and a signed-in user per user, with 429 and Retry-After', async () => {
    // demoToken signs in anonymously: the first of this address's 3 requests.
    const user = api.as(await demoToken(api, 'perf-admin'));
    expect((await api.gql('{ __typename }')).status).toBe(200);
    expect((await api.gql('{ __typename }')).status).toBe(200);
    const limited = await api.gql('{ __typename }');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.errors).toEqual([
      {
        message: expect.stringContaining('this address may send 3 per minute'),
        extensions: { code: 'RATE_LIMITED', limitPerMinute: 3, retryAfterSeconds: expect.any(Number) },
      },
    ]);
    // The user has a budget of their own.
    for (let i = 0; i < 4; i += 1) expect((await user.gql('{ __typename }')).status).toBe(200);
    const over = await user.gql('{ __typename }');
    expect(over.status).toBe(429);
    expect(over.errors?.[0]?.message).toContain('this user may send 4 per minute');
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('security headers and CORS', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { CORS_ORIGINS: 'https://portal.example.org,http://localhost:5173' } });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('a 404 carries them too (with express’s own CSP)', async () => {
    const res = await fetch(`${api.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
  });

  it.each(['/graphql', '/admin/', '/healthz'])('%s carries the security headers', async (path) => {
    const res = await fetch(`${api.url}${path}`, { headers: { accept: 'application/json' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('the console gets a CSP that allows only its own origin’s scripts', async () => {
    const csp = (await fetch(`${api.url}/admin/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
  });

  it('a listed origin is allowed, preflight included; another gets no CORS headers', async () => {
    const preflight = await fetch(`${api.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://portal.example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://portal.example.org');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const post = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(post.headers.get('vary')).toContain('Origin');
    const other = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('CORS_ORIGINS and the limits are validated at start', () => {
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' })).toThrow(/CORS_ORIGINS/);
    expect(loadConfig({ CORS_ORIGINS: ' https://a.example , http://b.example:8080' }).corsOrigins).toEqual([
      'https://a.example',
      'http://b.example:8080',
    ]);
    expect(() => loadConfig({ QUERY_MAX_DEPTH: '1' })).toThrow(/QUERY_MAX_DEPTH/);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(loadConfig({ NODE_ENV: 'test' }).rateLimitPerMinute).toBe(0);
  });
});

// --- Operations

/** test/bench/api.ts nestedShape. */
const NESTED_BENCH = `query($division: String!) {
  projects(limit: 100, filter: { fiscalDivisionCode: $division }, sort: [{ field: CODE }]) {
    totalCount
    items {
      code name
      department { code name }
      budgets { fiscalYear requested audited approved }
      targets {
        status funds
        rows { comparator targetValue unit indicator { code name category { code name } } }
      }
    }
  }
}`;

const DEPTH_4 = `{ departments(limit: 5) { items { parent { code } } } }`;
const DEPTH_5 = `{ departments(limit: 5) { items { parent { parent { code } } } } }`;
