import { Role } from '../../server/modules/identity';
import { type Client, startApi, type TestApi, uniq } from '../helpers/api';
import { createFiscalDivision, createUser } from '../helpers/users';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

type Id = { id: string };

interface RowResult {
  rowNumber: number;
  ok: boolean;
  code: string | null;
  indicatorId: string | null;
  errors: { field: string | null; code: string; message: string }[];
}
interface ImportResult {
  dryRun: boolean;
  ok: boolean;
  rowCount: number;
  invalidCount: number;
  createdCount: number;
  rows: RowResult[];
}

interface World {
  fd: string;
  curator: Client;
  owner: string;
  ownerCode: string;
  frameworkCode: string;
}

/** A fiscal division of this test's own (counts are ours alone), with a framework, categories and a department. */
async function world(): Promise<World> {
  const fd = await createFiscalDivision(api, '导入测试区划');
  const curator = api.as((await createUser(api, { roles: [Role.PERFORMANCE_ADMIN], fiscalDivisionCode: fd })).token);
  const ownerCode = uniq('D').slice(0, 12);
  const [dept] = await api.sql<{ id: number }>(
    `insert into department (fiscal_division_code, code, name, kind, created_at, updated_at)
     values (?, ?, '郑州市民政局', 'ADMINISTRATIVE', now(), now()) returning id`,
    [fd, ownerCode],
  );
  const frameworkCode = uniq('FW');
  const framework = (
    await curator.ok<{ createIndicatorFramework: Id }>(CREATE_FRAMEWORK, {
      input: { code: frameworkCode, name: '导入测试体系', kind: 'PROJECT' },
    })
  ).createIndicatorFramework.id;
  const node = async (code: string, name: string, parentId?: string) =>
    (
      await curator.ok<{ createIndicatorFrameworkNode: Id }>(CREATE_NODE, {
        input: { frameworkId: framework, parentId, code, name },
      })
    ).createIndicatorFrameworkNode.id;
  const output = await node('01', '产出指标');
  await node('0101', '数量指标', output);
  await node('02', '效益指标');
  for (const [scope, code, name, ownerDepartmentId] of [
    ['COMMON', '01', '会议培训', undefined],
    ['DEPARTMENT', '90', '民政个性指标', String(dept?.id)],
  ]) {
    await curator.ok(CREATE_CATEGORY, { input: { fiscalDivisionCode: fd, scope, code, name, ownerDepartmentId } });
  }
  return { fd, curator, owner: String(dept?.id), ownerCode, frameworkCode };
}

/** A valid spreadsheet row: a quantitative common indicator under 产出 / 数量 (level 2 by code). */
function row(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: uniq('GX'),
    name: '培训人次',
    scope: 'COMMON',
    categoryCode: '01',
    level2Code: '0101',
    defaultComparator: 'GE',
    defaultUnit: '人次',
    valueType: 'QUANTITATIVE',
    ...overrides,
  };
}

async function counts(fd: string): Promise<{ indicators: number; audits: number }> {
  const [r] = await api.sql<{ indicators: string; audits: string }>(
    `select (select count(*) from indicator where fiscal_division_code = ?) as indicators,
            (select count(*) from audit_entry where fiscal_division_code = ? and subject_type = 'Indicator') as audits`,
    [fd, fd],
  );
  return { indicators: Number(r?.indicators), audits: Number(r?.audits) };
}

const importAs = (client: Client, w: World, rows: Record<string, unknown>[], dryRun?: boolean) =>
  client.gql<{ importIndicators: ImportResult }>(IMPORT, {
    input: { frameworkCode: w.frameworkCode, rows, dryRun },
  });

describe('importIndicators: dry run (the preview)', () => {
  it('validates every row with the rules of createIndicator and writes nothing', async () => {
    const w = await world();
    const existing = uniq('GX');
    await importAs(w.curator, w, [row({ code: existing })]);
    const before = await counts(w.fd);
    expect(before).toEqual({ indicators: 1, audits: 1 });

    const dup = uniq('GX');
    const r = await importAs(
      w.curator,
      w,
      [
        row({ rowNumber: 2, code: dup, level1Code: '产出指标', level2Code: '数量指标' }),
        row({ rowNumber: 3, code: dup }),
        row({ rowNumber: 4, code: existing }),
        row({ rowNumber: 5, categoryCode: '77', scope: 'SHARED', defaultComparator: '≥', name: '  ' }),
        row({ rowNumber: 7, defaultUnit: '' }),
        row({ rowNumber: 8, level2Code: '02' }),
        row({ rowNumber: 9, scope: 'DEPARTMENT', categoryCode: '90' }),
        row({ rowNumber: 10, scope: 'DEPARTMENT', categoryCode: '90', ownerDepartmentCode: w.ownerCode }),
        row({ rowNumber: 11, ownerDepartmentCode: 'NOPE', validFrom: '2026-13-01' }),
        row({ rowNumber: 12, defaultComparator: 'QUALITATIVE', valueType: 'QUALITATIVE', defaultUnit: null }),
      ],
      true,
    );
    expect(r.errors).toBeUndefined();
    const result = r.data?.importIndicators as ImportResult;
    expect(result).toMatchObject({ dryRun: true, ok: false, rowCount: 10, invalidCount: 7, createdCount: 0 });
    const problems = Object.fromEntries(
      result.rows.map((x) => [x.rowNumber, x.errors.map((e) => `${e.field}:${e.code}`).sort()]),
    );
    expect(problems).toEqual({
      2: [],
      3: ['code:DUPLICATE'],
      4: ['code:DUPLICATE'],
      5: [
        'categoryCode:INVALID_REFERENCE',
        'defaultComparator:BAD_USER_INPUT',
        'name:BAD_USER_INPUT',
        'scope:BAD_USER_INPUT',
      ],
      7: ['defaultUnit:UNIT_REQUIRED'],
      8: ['level2Code:BAD_USER_INPUT'],
      9: ['ownerDepartmentCode:BAD_USER_INPUT'],
      10: [],
      11: ['ownerDepartmentCode:INVALID_REFERENCE', 'validFrom:BAD_USER_INPUT'],
      12: [],
    });
    expect(result.rows[1]?.errors[0]?.message).toContain('row 2');
    expect(result.rows.every((x) => x.indicatorId === null)).toBe(true);
    expect(await counts(w.fd)).toEqual(before);
  });
});

describe('importIndicators: all or nothing', () => {
  it('writes nothing when one row fails, answering IMPORT_INVALID with the failing rows', async () => {
    const w = await world();
    const before = await counts(w.fd);
    const rows = [row(), row(), row({ rowNumber: 40, categoryCode: '99' }), row()];
    const r = await importAs(w.curator, w, rows);
    expect(r.data).toBeNull();
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['IMPORT_INVALID']);
    expect(r.errors?.[0]?.extensions).toMatchObject({
      invalidCount: 1,
      rows: [{ rowNumber: 40, ok: false, errors: [{ field: 'categoryCode', code: 'INVALID_REFERENCE' }] }],
    });
    expect(await counts(w.fd)).toEqual(before);
  });

  it('writes every row as a DRAFT with its audit record, in one transaction', async () => {
    const w = await world();
    const before = await counts(w.fd);
    const rows = Array.from({ length: 25 }, (_, i) =>
      row({ code: `IMP${String(i).padStart(3, '0')}`, name: `导入指标${i}`, enabled: i % 2 === 0 }),
    );
    rows.push(
      row({
        code: 'IMPDEPT',
        scope: 'DEPARTMENT',
        categoryCode: '90',
        level1Code: '02',
        level2Code: ' ',
        ownerDepartmentCode: w.ownerCode,
        visibility: 'PRIVATE',
        explanation: '说明',
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
      }),
    );
    const r = await importAs(w.curator, w, rows);
    expect(r.errors).toBeUndefined();
    const result = r.data?.importIndicators as ImportResult;
    expect(result).toMatchObject({ dryRun: false, ok: true, rowCount: 26, invalidCount: 0, createdCount: 26 });
    expect(await counts(w.fd)).toEqual({ indicators: before.indicators + 26, audits: before.audits + 26 });

    const written = await api.sql<Record<string, unknown>>(
      `select i.id, i.code, i.status, i.version_no, i.enabled, i.scope, i.visibility, i.owner_department_id,
              i.level2node_id, n.code as level1, i.valid_to::text as valid_to
         from indicator i join indicator_framework_node n on n.id = i.level1node_id
        where i.fiscal_division_code = ? order by i.code`,
      [w.fd],
    );
    expect(written.map((x) => x.code)).toEqual([...rows.map((x) => x.code)].sort());
    expect(new Set(written.map((x) => x.status))).toEqual(new Set(['DRAFT']));
    expect(written[0]).toMatchObject({ code: 'IMP000', version_no: 1, enabled: true, level1: '01' });
    expect(written[1]).toMatchObject({ code: 'IMP001', enabled: false });
    expect(written.at(-1)).toMatchObject({
      code: 'IMPDEPT',
      scope: 'DEPARTMENT',
      visibility: 'PRIVATE',
      owner_department_id: Number(w.owner),
      level2node_id: null,
      level1: '02',
      valid_to: '2026-12-31',
    });
    const ids = result.rows.map((x) => Number(x.indicatorId)).sort((a, b) => a - b);
    expect(ids).toEqual(written.map((x) => Number(x.id)).sort((a, b) => a - b));

    const audits = await api.sql<{ subject_id: string; action: string; request_id: string | null }>(
      `select subject_id, action, request_id from audit_entry where subject_type = 'Indicator' and subject_id in (?)`,
      [ids.map(String)],
    );
    expect(audits).toHaveLength(26);
    expect(new Set(audits.map((a) => a.action))).toEqual(new Set(['create']));
    expect(new Set(audits.map((a) => a.request_id)).size).toBe(1);

    // Importing the same file again: every code is now taken, nothing more is written.
    const again = await importAs(w.curator, w, rows);
    expect(again.errors?.map((e) => e.extensions?.code)).toEqual(['IMPORT_INVALID']);
    expect(again.errors?.[0]?.extensions?.invalidCount).toBe(26);
    expect((await counts(w.fd)).indicators).toBe(before.indicators + 26);
  });
});

describe('importIndicators: who may import, and limits', () => {
  it('refuses a role without ManageLibrary (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
    const w = await world();
    const preparer = api.as(
      (await createUser(api, { roles: [Role.UNIT_PREPARER], fiscalDivisionCode: w.fd, departmentId: w.owner })).token,
    );
    const forbidden = await importAs(preparer, w, [row()], true);
    expect(forbidden.data).toBeNull();
    expect(forbidden.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['FORBIDDEN', 'Mutation.importIndicators'],
    ]);
    const anonymous = await importAs(api, w, [row()]);
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(await counts(w.fd)).toEqual({ indicators: 0, audits: 0 });
  });

  it('takes 1 to 2,000 rows, and only into the curator own fiscal division', async () => {
    const w = await world();
    const none = await importAs(w.curator, w, [], true);
    expect(none.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(none.errors?.[0]?.message).toContain('at least one row');
    const tooMany = await importAs(
      w.curator,
      w,
      Array.from({ length: 2001 }, () => ({ code: 'X' })),
      true,
    );
    expect(tooMany.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors?.[0]?.message).toContain('at most 2000 rows');
    const full = await importAs(
      w.curator,
      w,
      Array.from({ length: 2000 }, (_, i) => row({ code: `MAX${i}` })),
      true,
    );
    expect(full.data?.importIndicators).toMatchObject({ ok: true, rowCount: 2000, invalidCount: 0 });

    const elsewhere = await w.curator.gql(IMPORT, { input: { fiscalDivisionCode: '410100000', rows: [row()] } });
    expect(elsewhere.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['INVALID_REFERENCE', 'fiscalDivisionCode'],
    ]);
    const noFramework = await w.curator.gql(IMPORT, { input: { frameworkCode: 'NOPE', rows: [row()] } });
    expect(noFramework.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['INVALID_REFERENCE', 'frameworkCode'],
    ]);
    expect(await counts(w.fd)).toEqual({ indicators: 0, audits: 0 });
  });
});

const CREATE_FRAMEWORK = `mutation($input: CreateIndicatorFrameworkInput!) { createIndicatorFramework(input: $input) { id } }`;
const CREATE_NODE = `mutation($input: CreateIndicatorFrameworkNodeInput!) { createIndicatorFrameworkNode(input: $input) { id } }`;
const CREATE_CATEGORY = `mutation($input: CreateIndicatorCategoryInput!) { createIndicatorCategory(input: $input) { id } }`;
const IMPORT = `mutation($input: ImportIndicatorsInput!) {
  importIndicators(input: $input) {
    dryRun ok rowCount invalidCount createdCount
    rows { rowNumber ok code indicatorId errors { field code message } }
  }
}`;
