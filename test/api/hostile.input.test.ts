import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { buildApiSchema } from '../../server/graphql/schema';
import { ROLE_PERMISSIONS, Role } from '../../server/modules/identity';
import { startApi, type TestApi } from '../helpers/api';
import { createPrivateDatabase, type PrivateDatabase } from '../helpers/privateDatabase';
import { buildWorld, insertProject, userOf } from '../helpers/targetFixtures';
import { createUser, TEST_PASSWORD } from '../helpers/users';

/**
 * Hostile and malformed input (issue 8), property-based: for every mutation and every query that takes arguments,
 * arguments generated from the schema's own input types (valid-shaped values mixed with nulls, wrong types, missing
 * required fields, extra fields, huge numbers, long strings, NUL, lone surrogates, RTL, emoji and combining marks),
 * sent as variables by a caller whose role may use the operation (and by the anonymous public). Properties:
 *
 * 1. never an HTTP 5xx nor `extensions.code: INTERNAL_SERVER_ERROR`;
 * 2. no stack trace (`extensions.stacktrace` / `exception`, "    at " frames) and no SQL in any error;
 * 3. a refused mutation (errors, and its field null) leaves every table as it was (row count and an md5 of all rows,
 *    per table); a query never writes. The one documented exception: a refused `login` counts the failure in
 *    `login_throttle` (README: failed sign-ins are counted per login name), and nothing else.
 *
 * The file runs on a database of its own (test/helpers/privateDatabase.ts): other files write to the shared one
 * while this one runs, which whole-table checksums would see.
 *
 * FC_SEED (default 20261126) and FC_RUNS (runs per mutation as its caller, default 8) explore more; a failure
 * prints fast-check's seed and the shrunk counterexample.
 */

const SEED = Number(process.env.FC_SEED ?? 20261126);
const RUNS = Number(process.env.FC_RUNS ?? 8);
/** Per test: a run may hash a password (argon2) or wait out a slowed sign-in. */
const TIMEOUT = 30_000 + RUNS * 2_000;
/** Runs per mutation as the anonymous public, and per query. */
const ANON_RUNS = Math.max(1, Math.ceil(RUNS / 4));
const QUERY_RUNS = Math.max(1, Math.ceil(RUNS * 0.8));

/** Refusals that are allowed to write, and where: nothing else may change when a mutation is refused. */
const REFUSAL_WRITES: Record<string, readonly string[]> = {
  // A failed sign-in is counted per login name (slowed after 3, locked after LOGIN_MAX_FAILURES): that count is the
  // point of the refusal. The test clears the table after each login run so that generated names repeating across
  // runs are not slowed down or locked out.
  login: ['login_throttle'],
};

const sdl = readFileSync(resolve(__dirname, '../../schema/schema.graphql'), 'utf8');
const printed = buildSchema(sdl);
const MUTATIONS = Object.keys(printed.getMutationType()?.getFields() ?? {}).sort();
const QUERIES = Object.entries(printed.getQueryType()?.getFields() ?? {})
  .filter(([, f]) => f.args.length > 0)
  .map(([name]) => name)
  .sort();

// ---------------------------------------------------------------------------------------------------------------
// Hostile values

/** Long strings, each well under the 1 MB body limit on its own (several in one request may pass it: a 413). */
const LONG = [
  'x'.repeat(300_000),
  "';".repeat(100_000),
  '😀'.repeat(60_000),
  '预算绩效'.repeat(25_000),
  '\u0000'.repeat(20_000),
  '\ud800'.repeat(20_000),
  `a${'\u0301'.repeat(100_000)}`,
  '%_\\'.repeat(50_000),
];

const NASTY = [
  '',
  ' ',
  '   ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '\udc00y',
  '\u202egnp.exe',
  '\u200fשלום עולם\u200f',
  'مرحبا',
  '😀',
  '👨‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǵ̟',
  '\ufeff',
  '\uffff',
  '\u2028\u2029',
  '\t\n\r',
  "'; drop table indicator; --",
  "' or 1=1 --",
  '" or ""="',
  "') or ('a'='a",
  '1; select pg_sleep(5)',
  '%',
  '_',
  '\\',
  '%_%',
  '\\%',
  '$1',
  '$$',
  "'",
  '"',
  '`',
  '‘’“”',
  '＇',
  '\\x00',
  "E'\\\\'",
  '*/ /*',
  '-- ',
  ';',
  '{"a":1}',
  '$.a[*] ? (@ > 1)',
  '[1,2]',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '9007199254740993',
  '0x10',
  '١٢٣',
  '^.*$',
  '(a+)+$',
  '[[:alpha:]]',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell-style string, sent literally
  '${jndi:ldap://x}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  '2026-02-30',
  'https://93.184.215.14/hook',
  'http://127.0.0.1:4000/graphql',
  'file:///etc/passwd',
  'https://user:pw@example.org/',
  'javascript:alert(1)',
];

const SPECIAL_UNITS = ['\u0000', '%', '_', '\\', "'", '"', '\u202e', '\u0301', '😀', '预', '\ufeff', ' ', '\n'];

/** Characters: any code point, the special ones above, and lone surrogate halves. */
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_UNITS) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
);

interface Pools {
  /** Ids of every row of the private database, as the strings and numbers a client could send. */
  ids: string[];
  /** Codes and names that valid-shaped strings draw on: division and function-class codes, login names, … */
  strings: string[];
  year: number;
}

function wrongType(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant([]),
    fc.constant({}),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  );
}

/** Builds arbitraries for GraphQL input types; throws on a type it does not know (a new scalar), so coverage fails. */
class InputArbitraries {
  private readonly cache = new Map<string, fc.Arbitrary<unknown>>();
  private readonly building = new Set<string>();
  readonly text: fc.Arbitrary<string>;

  constructor(private readonly pools: Pools) {
    this.text = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...NASTY) },
      { weight: 4, arbitrary: fc.constantFrom(...pools.strings) },
      { weight: 6, arbitrary: fc.string({ unit, maxLength: 40 }) },
      { weight: 1, arbitrary: fc.constantFrom(...LONG) },
    );
  }

  private scalar(name: string): fc.Arbitrary<unknown> {
    const { ids, year } = this.pools;
    switch (name) {
      case 'String':
        return this.text;
      case 'Boolean':
        return fc.boolean();
      case 'Int':
        return fc.oneof(
          { weight: 4, arbitrary: fc.integer({ min: -3, max: 5 }) },
          { weight: 3, arbitrary: fc.constantFrom(year, year - 1, year + 1, 2022) },
          {
            weight: 3,
            arbitrary: fc.constantFrom(
              0,
              -1,
              2147483647,
              2147483648,
              -2147483649,
              2 ** 53,
              2 ** 53 + 2,
              1e308,
              -1e308,
              1.5,
              4e9,
              10_000_001,
              201,
            ),
          },
          { weight: 1, arbitrary: fc.integer() },
        );
      case 'Float':
        return fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(1e308, -1e308, 5e-324, 0, -0));
      case 'ID':
        return fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom(...ids) },
          { weight: 2, arbitrary: fc.constantFrom(...ids).map(Number) },
          {
            weight: 3,
            arbitrary: fc.constantFrom(
              '0',
              '-1',
              '1.5',
              '99999999999',
              '2147483648',
              '9223372036854775808',
              '1e3',
              ' 1',
              '١',
              '00001',
              '',
              2 ** 53 + 2,
              1e308,
              -1,
            ),
          },
          { weight: 2, arbitrary: this.text },
        );
      case 'Money':
      case 'Decimal':
        return fc.oneof(
          {
            weight: 6,
            arbitrary: fc.constantFrom(
              '0',
              '0.00',
              '1',
              '100000.00',
              '92.5',
              '90',
              '-0.01',
              '-5',
              '9999999999999999.99',
              '99999999999999999',
              '1e308',
              '1E2',
              '.5',
              '5.',
              '1,000',
              '١٢',
              'NaN',
              'Infinity',
              ' 1 ',
              '+1',
              '100.0001',
            ),
          },
          { weight: 2, arbitrary: fc.double().map(String) },
          { weight: 1, arbitrary: fc.double({ noNaN: true }) },
          { weight: 1, arbitrary: fc.integer().map(String) },
          { weight: 1, arbitrary: this.text },
        );
      case 'DateTime':
        return fc.oneof(
          {
            weight: 6,
            arbitrary: fc.constantFrom(
              '2026-03-01T08:00:00Z',
              '2026-03-01',
              '+275760-09-13T00:00:00.000Z',
              '-271821-04-20T00:00:00Z',
              '0000-01-01T00:00:00Z',
              '-004713-01-01T00:00:00Z',
              '9999-12-31T23:59:59.999Z',
              '1970-01-01T00:00:00Z',
              '2026-02-30T00:00:00Z',
              '2026-13-01',
              'infinity',
              '-infinity',
              'epoch',
              '2026-03-01 08:00:00+99',
            ),
          },
          { weight: 1, arbitrary: fc.integer() },
          { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
          { weight: 1, arbitrary: this.text },
        );
      default:
        throw new Error(
          `the hostile-input generator has no arbitrary for the scalar ${name}: add one to test/api/hostile.input.test.ts`,
        );
    }
  }

  named(type: GraphQLNamedType): fc.Arbitrary<unknown> {
    const cached = this.cache.get(type.name);
    if (cached) return cached;
    let arb: fc.Arbitrary<unknown>;
    if (isScalarType(type)) arb = this.scalar(type.name);
    else if (isEnumType(type)) {
      const values = type.getValues().map((v) => v.name);
      arb = fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...values) },
        { weight: 1, arbitrary: fc.constantFrom(...values.map((v) => v.toLowerCase())) },
        { weight: 1, arbitrary: this.text },
      );
    } else if (isInputObjectType(type)) {
      // A recursive input type is cut at its second occurrence (null).
      if (this.building.has(type.name)) return fc.constant(null);
      this.building.add(type.name);
      const fields = Object.values(type.getFields());
      const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name);
      const model = Object.fromEntries(fields.map((f) => [f.name, this.input(f.type)]));
      const record = fc.record(model, { requiredKeys: required });
      this.building.delete(type.name);
      const extraKeys = ['extra', '__proto__', 'constructor', 'toString', 'id', 'fiscalDivisionCode', ''];
      arb = fc
        .tuple(record, fc.integer({ min: 0, max: 19 }), fc.constantFrom(...extraKeys), wrongType())
        .map(([value, roll, key, extra]) => {
          const o: Record<string, unknown> = { ...value };
          if (roll === 0 && required.length > 0) delete o[required[roll % required.length] as string];
          // An extra field, as an own enumerable property even for "__proto__".
          if (roll === 1) Object.defineProperty(o, key, { value: extra, enumerable: true, configurable: true });
          return o;
        });
    } else {
      throw new Error(`the hostile-input generator cannot build input type ${type.name}`);
    }
    this.cache.set(type.name, arb);
    return arb;
  }

  input(type: GraphQLInputType): fc.Arbitrary<unknown> {
    if (isNonNullType(type)) {
      return fc.oneof(
        { weight: 14, arbitrary: this.input(type.ofType) },
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: wrongType() },
      );
    }
    let inner: fc.Arbitrary<unknown>;
    if (isListType(type)) {
      const item = this.input(type.ofType);
      inner = fc.oneof(
        { weight: 6, arbitrary: fc.array(item, { maxLength: 4 }) },
        { weight: 1, arbitrary: item },
        { weight: 1, arbitrary: item.map((v) => Array.from({ length: 300 }, () => v)) },
      );
    } else inner = this.named(type);
    return fc.oneof(
      { weight: 12, arbitrary: inner },
      { weight: 2, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: wrongType() },
    );
  }

  /** An operation's variables: each argument present, absent or generated; required ones sometimes missing. */
  args(args: readonly GraphQLArgument[]): fc.Arbitrary<Record<string, unknown>> {
    const model = Object.fromEntries(args.map((a) => [a.name, this.input(a.type)]));
    const required = args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => a.name);
    return fc.record(model, { requiredKeys: required });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Operations

/** The leaves of a type, and of its object fields one level down (enough to serialize what a mutation wrote). */
function selection(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named) && !isInterfaceType(named)) return '{ __typename }';
  const parts = ['__typename'];
  for (const f of Object.values(named.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const inner = getNamedType(f.type);
    if (isLeafType(inner)) parts.push(f.name);
    else if (depth < 1) parts.push(`${f.name} ${selection(f.type, depth + 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

function operation(kind: 'mutation' | 'query', field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${kind} Hostile${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection(field.type)} }`;
}

// ---------------------------------------------------------------------------------------------------------------
// Responses

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  raw: string;
}

const SQL_LEAKS = [
  /\bselect\b[\s\S]+\bfrom\b/i,
  /\binsert\s+into\b/i,
  /\bupdate\s+"?\w+"?\s+set\b/i,
  /\bdelete\s+from\b/i,
  /\bviolates\b/i,
  /\brelation\s+"/i,
  /syntax error at or near/i,
  /\bcolumn\s+"/i,
  /\bSQLSTATE\b/,
  /invalid byte sequence/i,
  /invalid input syntax/i,
  /out of range for type/i,
  /duplicate key value/i,
  /null value in column/i,
  /pg_catalog|information_schema/i,
  /\bknex\b|mikro-?orm|DriverException/i,
];
const STACK_LEAKS = [/\n\s+at /, / {4}at /, /\.(ts|js):\d+/, /node_modules/];

/** Every string in the variables (and its trimmed and JSON-escaped forms): an error may quote what was sent. */
function sentStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    for (const s of [value, value.trim(), JSON.stringify(value).slice(1, -1), JSON.stringify(value)]) {
      if (s.length > 0) out.push(s, s.slice(0, 100));
    }
  } else if (Array.isArray(value)) for (const v of value) sentStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) sentStrings(v, out);
  return out;
}

/**
 * What is wrong with an answer: 5xx, INTERNAL_SERVER_ERROR, a stack trace or SQL in an error, or a value only the
 * database refused (reason DATABASE_REFUSED_VALUE: the client gets BAD_USER_INPUT, but an input check is missing).
 */
function faults(answer: Answer, variables: Record<string, unknown>): string[] {
  const found: string[] = [];
  if (answer.status >= 500) found.push(`HTTP ${answer.status}: ${answer.raw.slice(0, 500)}`);
  const sent = [...new Set(sentStrings(variables))].sort((a, b) => b.length - a.length);
  for (const e of answer.body.errors ?? []) {
    const code = e.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) found.push(`code ${String(code)}: ${e.message}`);
    if (e.extensions?.reason === 'DATABASE_REFUSED_VALUE') found.push(`an input check is missing: ${e.message}`);
    for (const key of ['stacktrace', 'exception']) {
      if (e.extensions && key in e.extensions) found.push(`extensions.${key} sent: ${e.message}`);
    }
    let text = `${e.message} ${JSON.stringify(e.extensions ?? {})}`;
    for (const s of sent) text = text.split(s).join('');
    for (const re of [...SQL_LEAKS, ...STACK_LEAKS]) {
      if (re.test(text)) found.push(`error shows ${re}: ${e.message.slice(0, 500)}`);
    }
  }
  return found;
}

/** Per table: row count and an md5 over its rows in a fixed order. */
type Snapshot = Record<string, string>;

function changedTables(before: Snapshot, after: Snapshot, allowed: readonly string[] = []): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t] && !allowed.includes(t));
}

// ---------------------------------------------------------------------------------------------------------------
// The world: a private database with one of each kind of row, and a caller for every role

let db: PrivateDatabase;
let api: TestApi;
let schema: GraphQLSchema;
let snapshotSql: string;
let arbs: InputArbitraries;
let current: Snapshot;
const tokens = new Map<Role | 'self', string>();

/**
 * The webhook fan-out turns committed review events into delivery rows in the background (webhook_fanout's cursor,
 * webhook_delivery), whether or not delivery is on: a mutation that succeeded writes there a moment later. Snapshots
 * wait until the fan-out has caught up with the outbox, so that its write is not blamed on the next request.
 */
async function fannedOut(): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const [row] = await api.sql<{ done: boolean }>(
      `select coalesce((select max(position) from review_event), 0)
              <= coalesce((select position from webhook_fanout where id = 1), 0) as done`,
    );
    if (row?.done) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the webhook fan-out did not catch up with the review events within 5 s');
}

async function snapshot(): Promise<Snapshot> {
  await fannedOut();
  const found = await api.sql<{ t: string; h: string }>(snapshotSql);
  return Object.fromEntries(found.map((r) => [r.t, r.h]));
}

async function post(query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const raw = await res.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(raw);
  } catch {
    body = { errors: [{ message: `not JSON: ${raw.slice(0, 200)}`, extensions: { code: 'NOT_JSON' } }] };
  }
  return { status: res.status, body, raw };
}

/** Operations' guards, from type-graphql's metadata: public, or the permissions any of which admits. */
function guardOf(kind: 'Mutation' | 'Query', name: string): { isPublic: boolean; permissions: string[] } {
  const storage = getMetadataStorage();
  const op = (kind === 'Mutation' ? storage.mutations : storage.queries).find((o) => o.schemaName === name);
  if (!op) throw new Error(`${kind}.${name} has no resolver metadata`);
  const isPublic = storage.fieldExtensions.some(
    (e) => e.target === op.target && e.fieldName === op.methodName && e.extensions.public === true,
  );
  const auth = storage.authorizedFields.find((a) => a.target === op.target && a.fieldName === op.methodName);
  return { isPublic, permissions: (auth?.roles ?? []) as string[] };
}

/** Writers first for mutations (a department's preparer owns the world's projects), bureau readers for queries. */
const MUTATION_ROLES = [
  Role.UNIT_PREPARER,
  Role.DEPARTMENT_OFFICER,
  Role.ADMIN,
  Role.PERFORMANCE_ADMIN,
  Role.EXPENDITURE_REVIEWER,
  Role.BUDGET_OFFICER,
  Role.OBSERVER,
  Role.EVALUATION_REVIEWER,
  Role.INTEGRATION,
  Role.ANALYST,
];
const QUERY_ROLES = [Role.PERFORMANCE_ADMIN, Role.ADMIN, ...MUTATION_ROLES];

/** The token of a caller allowed to use the operation; throws when no role of the world may (coverage fails). */
function callerOf(kind: 'Mutation' | 'Query', name: string): { token?: string; isPublic: boolean } {
  const { isPublic, permissions } = guardOf(kind, name);
  if (isPublic) return { isPublic };
  const role = (kind === 'Mutation' ? MUTATION_ROLES : QUERY_ROLES).find((r) =>
    permissions.length === 0 ? true : permissions.some((p) => (ROLE_PERMISSIONS[r] as readonly string[]).includes(p)),
  );
  const token = role && tokens.get(role);
  if (!token) throw new Error(`no caller of the world may use ${kind}.${name} (${permissions.join(', ')})`);
  return { token, isPublic };
}

beforeAll(async () => {
  db = await createPrivateDatabase('hostile');
  // The event feed looks for new events every 20 ms (instead of every second), so the fan-out catches up quickly.
  api = await startApi({ url: db.url, env: { EVENTS_POLL_MS: '20' } });
  schema = await buildApiSchema();
  const YEAR = 2031;

  // Callers get ids far above every other row's, so that no generated id (drawn from the rows of the database)
  // names them: updateUser or deleting a caller would sign it out and stop the runs that follow from going deep.
  await api.sql(`select setval(pg_get_serial_sequence('app_user', 'id'), 1000000)`);
  const w = await buildWorld(api, YEAR);
  tokens.set(Role.UNIT_PREPARER, w.users.preparer.token);
  tokens.set(Role.PERFORMANCE_ADMIN, w.users.bureau.token);
  const scoped: Partial<Record<Role, { departmentId?: string; financeDivisionId?: string }>> = {
    [Role.DEPARTMENT_OFFICER]: { departmentId: w.parentDept },
    [Role.EXPENDITURE_REVIEWER]: { financeDivisionId: w.expenditureDivision },
  };
  for (const role of [
    Role.DEPARTMENT_OFFICER,
    Role.EXPENDITURE_REVIEWER,
    Role.EVALUATION_REVIEWER,
    Role.BUDGET_OFFICER,
    Role.OBSERVER,
    Role.ANALYST,
    Role.INTEGRATION,
    Role.ADMIN,
  ]) {
    tokens.set(role, (await userOf(api, w, role, scoped[role] ?? {})).token);
  }
  // The signed-in caller of the public self-service mutations (changePassword, logout).
  const self = await createUser(api, { roles: [Role.OBSERVER], fiscalDivisionCode: w.city });
  tokens.set('self', self.token);
  // Users the generated ids may name (and change, deactivate or delete).
  await api.sql(`select setval(pg_get_serial_sequence('app_user', 'id'), 1, false)`);
  const victims = [
    await createUser(api, { roles: [Role.UNIT_PREPARER], fiscalDivisionCode: w.city, departmentId: w.otherDept }),
    await createUser(api, { roles: [Role.ANALYST], fiscalDivisionCode: w.city }),
  ];

  // One row of each kind the mutations work on, made through the API as their owners would.
  const as = (role: Role) => api.as(tokens.get(role) as string);
  const projectId = await insertProject(api, w, { departmentId: w.parentDept });
  await insertProject(api, w, { departmentId: w.childDept, name: '100%_完成\\项目' });
  const target = await as(Role.UNIT_PREPARER).ok<{ createPerformanceTarget: { id: string } }>(
    'mutation($input: CreatePerformanceTargetInput!) { createPerformanceTarget(input: $input) { id } }',
    { input: { kind: 'PROJECT', projectId, fiscalYear: YEAR, funds: '100000.00', annualGoal: '年度目标' } },
  );
  await as(Role.UNIT_PREPARER).ok(
    'mutation($input: AddTargetIndicatorInput!) { addTargetIndicator(input: $input) { id } }',
    {
      input: {
        targetId: target.createPerformanceTarget.id,
        indicatorId: String(w.library.trainees),
        targetValue: '95',
      },
    },
  );
  await as(Role.UNIT_PREPARER).ok(
    'mutation($input: CreateProjectBudgetInput!) { createProjectBudget(input: $input) { id } }',
    { input: { projectId, fiscalYear: YEAR, requested: '100000.00' } },
  );
  await as(Role.UNIT_PREPARER).ok(
    'mutation($input: CreateExAnteAssessmentInput!) { createExAnteAssessment(input: $input) { id } }',
    {
      input: {
        projectId,
        fiscalYear: YEAR,
        stage: 'SELF',
        necessityScore: '18',
        feasibilityScore: '18',
        economyScore: '18',
        fundingComplianceScore: '18',
        targetReasonablenessScore: '18',
      },
    },
  );
  // Change requests: a DRAFT, and one submitted and pre-checked (in the performance division's review).
  const PROPOSE = `mutation($input: ProposeIndicatorChangeInput!) {
    proposeIndicatorChange(input: $input) { request { id version } } }`;
  type Proposed = { proposeIndicatorChange: { request: { id: string; version: number } } };
  await as(Role.UNIT_PREPARER).ok(PROPOSE, {
    input: {
      type: 'ADMIT',
      reason: '需要新指标',
      definition: {
        name: '新增指标',
        scope: 'COMMON',
        categoryId: String(w.library.commonCategory),
        level1NodeId: String(w.library.node),
        defaultComparator: 'GE',
        defaultUnit: '%',
        valueType: 'QUANTITATIVE',
      },
    },
  });
  const retire = (
    await as(Role.UNIT_PREPARER).ok<Proposed>(PROPOSE, {
      input: { type: 'RETIRE', reason: '不再使用', indicatorId: String(w.library.parentOwned) },
    })
  ).proposeIndicatorChange.request;
  const submitted = await as(Role.UNIT_PREPARER).ok<{ submitIndicatorChangeRequest: { version: number } }>(
    'mutation($id: ID!, $version: Int!) { submitIndicatorChangeRequest(id: $id, version: $version) { version } }',
    retire,
  );
  await as(Role.DEPARTMENT_OFFICER).ok(
    `mutation($id: ID!, $version: Int!) {
      precheckIndicatorChangeRequest(id: $id, version: $version, decision: PASS) { id } }`,
    { id: retire.id, version: submitted.submitIndicatorChangeRequest.version },
  );
  await as(Role.ADMIN).ok(
    'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { id } }',
    { input: { url: 'https://93.184.215.14/hook', secret: 's'.repeat(32) } },
  );
  await as(Role.ADMIN).ok(
    'mutation($input: CreateFunctionClassInput!) { createFunctionClass(input: $input) { code } }',
    { input: { code: '208', name: '社会保障和就业支出' } },
  );

  // Everything the generated values draw on: ids of every row, codes, login names, the test password.
  const tables = (
    await api.sql<{ t: string; hasId: boolean }>(
      `select t.table_name as t, exists (select 1 from information_schema.columns c
         where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'id') as "hasId"
       from information_schema.tables t
       where t.table_schema = 'public' and t.table_type = 'BASE TABLE' and t.table_name not like 'mikro_orm%'
       order by 1`,
    )
  ).map((r) => ({ name: r.t, hasId: r.hasId }));
  snapshotSql = tables
    .map(
      (t) =>
        `select '${t.name}' as t, count(*) || ':' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t.name}" x`,
    )
    .join(' union all ');
  const idTables = tables.filter((t) => t.hasId);
  const ids = await api.sql<{ id: string }>(
    idTables.map((t) => `select id::text as id from "${t.name}" where id < 1000000`).join(' union '),
  );
  const codes = await api.sql<{ c: string }>(
    'select code as c from fiscal_division union select code from function_class union select code from indicator',
  );
  arbs = new InputArbitraries({
    ids: [...new Set(ids.map((r) => r.id))],
    strings: [
      ...codes.map((r) => r.c),
      ...victims.map((v) => v.loginName),
      TEST_PASSWORD,
      'new-password-2031-long',
      w.parentDeptName,
      '培训',
      'https://93.184.215.14/other',
      's'.repeat(40),
    ],
    year: YEAR,
  });
  current = await snapshot();
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await db?.stop();
});

/** The outcome of each run as the allowed caller: the first error's code, or "ok". */
const outcomes = new Map<string, string[]>();

/** One run: send, check the answer, compare the tables. Throws what is wrong (fast-check shrinks and reports it). */
async function runOnce(
  kind: 'mutation' | 'query',
  field: GraphQLField<unknown, unknown>,
  variables: Record<string, unknown>,
  token: string | undefined,
): Promise<void> {
  const query = operation(kind, field);
  const answer = await post(query, variables, token);
  if (token) {
    const code = String(answer.body.errors?.[0]?.extensions?.code ?? 'ok');
    outcomes.set(field.name, [...(outcomes.get(field.name) ?? []), code]);
  }
  const found = faults(answer, variables);
  const after = await snapshot();
  const refused = (answer.body.errors?.length ?? 0) > 0 && answer.body.data?.[field.name] == null;
  if (kind === 'query' || refused) {
    const changed = changedTables(current, after, kind === 'mutation' ? REFUSAL_WRITES[field.name] : []);
    if (changed.length > 0) {
      found.push(
        `${kind === 'query' ? 'a query' : 'a refused mutation'} changed ${changed.join(', ')}: ${JSON.stringify(answer.body.errors)?.slice(0, 500)}`,
      );
    }
  }
  current = after;
  if (field.name === 'login') {
    await api.sql('delete from login_throttle');
    current = await snapshot();
  }
  if (found.length > 0) {
    throw new Error(`${field.name} as ${token ? 'a signed-in caller' : 'anonymous'}:\n${found.join('\n')}`);
  }
}

describe('hostile input: every mutation', () => {
  it('the generator covers every mutation the server has, and every one has a caller', async () => {
    const built = Object.keys(schema.getMutationType()?.getFields() ?? {}).sort();
    expect(built).toEqual(MUTATIONS);
    expect(MUTATIONS.length).toBeGreaterThan(50);
    const uncovered = MUTATIONS.filter((name) => {
      try {
        callerOf('Mutation', name);
        arbs.args(schema.getMutationType()?.getFields()[name]?.args ?? []);
        return false;
      } catch {
        return true;
      }
    });
    expect(uncovered).toEqual([]);
  });

  it('the checksums see a change to one row of one table, and nothing else', async () => {
    const before = await snapshot();
    await api.sql(`update function_class set name = name || '·' where code = '208'`);
    const changed = changedTables(before, await snapshot());
    await api.sql(`update function_class set name = rtrim(name, '·') where code = '208'`);
    expect(changed).toEqual(['function_class']);
    expect(changedTables(before, await snapshot())).toEqual([]);
  });

  it.each(MUTATIONS.map((name, i) => [name, i] as const))(
    '%s',
    async (name, i) => {
      const field = schema.getMutationType()?.getFields()[name] as GraphQLField<unknown, unknown>;
      const { token, isPublic } = callerOf('Mutation', name);
      const self = tokens.get('self');
      // As the allowed caller (public mutations: anonymous or signed in), then as the anonymous public.
      await fc.assert(
        fc.asyncProperty(arbs.args(field.args), fc.boolean(), (variables, signedIn) =>
          runOnce('mutation', field, variables, isPublic ? (signedIn ? self : undefined) : token),
        ),
        { seed: SEED + i, numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(arbs.args(field.args), (variables) => runOnce('mutation', field, variables, undefined)),
        { seed: SEED + 1000 + i, numRuns: ANON_RUNS },
      );
      // The caller got past authorization at least once (a wrong caller would only ever see FORBIDDEN), so the runs
      // reached input handling; a public mutation answers a bad token or password UNAUTHENTICATED after reading it.
      const codes = outcomes.get(name) ?? [];
      const reached = codes.filter((c) => c !== 'FORBIDDEN' && (isPublic || c !== 'UNAUTHENTICATED'));
      expect(reached.length).toBeGreaterThan(0);
    },
    TIMEOUT,
  );
});

describe('hostile input: every query with arguments (list filters, sort and paging, lookups, aggregates)', () => {
  it('the generator covers every such query, and every one has a caller', () => {
    const built = Object.entries(schema.getQueryType()?.getFields() ?? {})
      .filter(([, f]) => f.args.length > 0)
      .map(([n]) => n)
      .sort();
    expect(built).toEqual(QUERIES);
    expect(QUERIES.filter((q) => q.endsWith('s')).length).toBeGreaterThan(15);
    const uncovered = QUERIES.filter((name) => {
      try {
        callerOf('Query', name);
        arbs.args(schema.getQueryType()?.getFields()[name]?.args ?? []);
        return false;
      } catch {
        return true;
      }
    });
    expect(uncovered).toEqual([]);
  });

  it.each(QUERIES.map((name, i) => [name, i] as const))(
    '%s',
    async (name, i) => {
      const field = schema.getQueryType()?.getFields()[name] as GraphQLField<unknown, unknown>;
      const { token } = callerOf('Query', name);
      await fc.assert(
        fc.asyncProperty(arbs.args(field.args), fc.boolean(), (variables, anonymous) =>
          runOnce('query', field, variables, anonymous ? undefined : token),
        ),
        { seed: SEED + 2000 + i, numRuns: QUERY_RUNS },
      );
    },
    TIMEOUT,
  );
});
