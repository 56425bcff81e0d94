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

/** A signed-in client of a new user with one role in a fiscal division (and department, for department roles). */
async function signIn(role: Role, fiscalDivisionCode: string, departmentId?: string): Promise<Client> {
  return api.as((await createUser(api, { roles: [role], fiscalDivisionCode, departmentId })).token);
}

/** A department arranged in SQL (the fiscal tests cover creating them through the API). */
async function department(fd: string, code: string, name: string, parentId?: string): Promise<string> {
  const [row] = await api.sql<{ id: number }>(
    `insert into department (fiscal_division_code, code, name, kind, parent_id, created_at, updated_at)
     values (?, ?, ?, 'ADMINISTRATIVE', ?, now(), now()) returning id`,
    [fd, code, name, parentId ? Number(parentId) : null],
  );
  return String(row?.id);
}

interface World {
  /** A fiscal division of this test's own, so counts are ours alone. */
  fd: string;
  /** A PERFORMANCE_ADMIN of the division: curates its library and sees all of it, drafts included. */
  curator: Client;
  /** A first-level unit, its child unit and an unrelated department. */
  parent: string;
  child: string;
  other: string;
  framework: string;
  output: string;
  quantity: string;
  quality: string;
  benefit: string;
  social: string;
  /** COMMON 01 会议培训 → 0101 培训组织 → 010101 培训考核; COMMON 02 民生保障; DEPARTMENT 90 owned by parent. */
  training: string;
  trainingOrg: string;
  trainingExam: string;
  welfare: string;
  deptCategory: string;
}

async function world(): Promise<World> {
  const fd = await createFiscalDivision(api, '指标测试区划');
  const curator = await signIn(Role.PERFORMANCE_ADMIN, fd);
  const parent = await department(fd, '101', '郑州市社会福利局');
  const child = await department(fd, '101001', '郑州市救助管理站', parent);
  const other = await department(fd, '102', '郑州市城市管理局');

  const framework = (
    await curator.ok<{ createIndicatorFramework: Id }>(CREATE_FRAMEWORK, {
      input: { code: uniq('FW'), name: '测试指标体系', kind: 'PROJECT', fromYear: 2021 },
    })
  ).createIndicatorFramework.id;
  const node = async (code: string, name: string, sortOrder: number, parentId?: string) =>
    (
      await curator.ok<{ createIndicatorFrameworkNode: Id }>(CREATE_NODE, {
        input: { frameworkId: framework, parentId, code, name, sortOrder },
      })
    ).createIndicatorFrameworkNode.id;
  const benefit = await node('BENEFIT', '效益指标', 2);
  const output = await node('OUTPUT', '产出指标', 1);
  const quality = await node('OUTPUT_QUALITY', '质量指标', 2, output);
  const quantity = await node('OUTPUT_QUANTITY', '数量指标', 1, output);
  const social = await node('BENEFIT_SOCIAL', '社会效益指标', 1, benefit);

  const category = async (scope: string, code: string, name: string, parentId?: string, ownerDepartmentId?: string) =>
    (
      await curator.ok<{ createIndicatorCategory: Id }>(CREATE_CATEGORY, {
        input: { fiscalDivisionCode: fd, scope, code, name, parentId, ownerDepartmentId },
      })
    ).createIndicatorCategory.id;
  const training = await category('COMMON', '01', '会议培训');
  const trainingOrg = await category('COMMON', '0101', '培训组织', training);
  const trainingExam = await category('COMMON', '010101', '培训考核', trainingOrg);
  const welfare = await category('COMMON', '02', '民生保障');
  const deptCategory = await category('DEPARTMENT', '90', '民政个性指标', undefined, parent);
  return {
    fd,
    curator,
    parent,
    child,
    other,
    framework,
    output,
    quantity,
    quality,
    benefit,
    social,
    training,
    trainingOrg,
    trainingExam,
    welfare,
    deptCategory,
  };
}

/** A valid draft definition in the world: a quantitative common indicator under 产出 / 数量. */
function draft(w: World, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    fiscalDivisionCode: w.fd,
    code: uniq('GX'),
    name: '培训人次',
    scope: 'COMMON',
    categoryId: w.training,
    level2NodeId: w.quantity,
    defaultComparator: 'GE',
    defaultUnit: '人次',
    valueType: 'QUANTITATIVE',
    ...overrides,
  };
}

async function createDraft(w: World, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await w.curator.ok<{ createIndicator: Id }>(CREATE_INDICATOR, { input: draft(w, overrides) })).createIndicator
    .id;
}

/** Publishing belongs to the admission workflow (a later issue); tests arrange it in SQL. */
async function publish(id: string, enabled = true): Promise<void> {
  await api.sql(`update indicator set status = 'PUBLISHED', published_at = now(), enabled = ? where id = ?`, [
    enabled,
    Number(id),
  ]);
}

async function countIndicators(fd: string): Promise<number> {
  const [row] = await api.sql<{ n: string }>('select count(*) as n from indicator where fiscal_division_code = ?', [
    fd,
  ]);
  return Number(row?.n);
}

type ListResult = { indicators: { totalCount: number; items: Array<{ code: string; name: string }> } };

/** The codes of the indicators a caller sees, by code. */
async function codes(client: Client, filter: Record<string, unknown>): Promise<string[]> {
  const data = await client.ok<ListResult>(LIST_INDICATORS, { filter, sort: [{ field: 'CODE' }] });
  expect(data.indicators.totalCount).toBe(data.indicators.items.length);
  return data.indicators.items.map((i) => i.code);
}

describe('indicator frameworks and their dimensions', () => {
  it('derives the level from the parent and lists the nodes by level and position', async () => {
    const w = await world();
    // Frameworks are public reference: read without signing in.
    const data = await api.ok<{ indicatorFramework: Record<string, unknown> }>(FRAMEWORK, { id: w.framework });
    expect(data.indicatorFramework).toEqual({
      name: '测试指标体系',
      kind: 'PROJECT',
      fromYear: 2021,
      isDefault: false,
      nodes: [
        { name: '产出指标', level: 1, sortOrder: 1, parent: null },
        { name: '效益指标', level: 1, sortOrder: 2, parent: null },
        // Ties in level and position fall back to the code: BENEFIT_SOCIAL before OUTPUT_QUANTITY.
        { name: '社会效益指标', level: 2, sortOrder: 1, parent: { name: '效益指标' } },
        { name: '数量指标', level: 2, sortOrder: 1, parent: { name: '产出指标' } },
        { name: '质量指标', level: 2, sortOrder: 2, parent: { name: '产出指标' } },
      ],
      roots: [
        { name: '产出指标', children: [{ name: '数量指标' }, { name: '质量指标' }] },
        { name: '效益指标', children: [{ name: '社会效益指标' }] },
      ],
    });
    const node = await api.ok<{ indicatorFrameworkNode: Record<string, unknown> }>(NODE, { id: w.quality });
    expect(node.indicatorFrameworkNode).toEqual({
      code: 'OUTPUT_QUALITY',
      level: 2,
      framework: { id: w.framework },
      parent: { id: w.output },
    });
  });

  it('refuses a third level and a parent from another framework, writing nothing', async () => {
    const w = await world();
    const third = await w.curator.gql(CREATE_NODE, {
      input: { frameworkId: w.framework, parentId: w.quantity, code: 'DEEP', name: '三级' },
    });
    expect(third.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(third.errors?.[0]?.message).toMatch(/two levels/);

    const another = (
      await w.curator.ok<{ createIndicatorFramework: Id }>(CREATE_FRAMEWORK, {
        input: { code: uniq('FW'), name: '另一体系', kind: 'DEPARTMENT' },
      })
    ).createIndicatorFramework.id;
    const foreign = await w.curator.gql(CREATE_NODE, {
      input: { frameworkId: another, parentId: w.output, code: 'X', name: '跨体系' },
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(foreign.errors?.[0]?.message).toMatch(/another framework/);

    const [row] = await api.sql<{ n: string }>(
      'select count(*) as n from indicator_framework_node where framework_id in (?, ?)',
      [Number(w.framework), Number(another)],
    );
    expect(Number(row?.n)).toBe(5);
  });

  it('refuses a duplicate dimension code and deleting a dimension or framework still referenced', async () => {
    const w = await world();
    const dup = await w.curator.gql(CREATE_NODE, { input: { frameworkId: w.framework, code: 'OUTPUT', name: '重复' } });
    expect(dup.errors?.[0]?.extensions?.code).toBe('DUPLICATE');

    await createDraft(w);
    const delNode = await w.curator.gql(DELETE_NODE, { id: w.quantity });
    expect(delNode.errors?.[0]?.extensions?.code).toBe('STILL_REFERENCED');
    expect(delNode.errors?.[0]?.message).toMatch(/1 indicators \(level 2\)/);
    const delFramework = await w.curator.gql(DELETE_FRAMEWORK, { id: w.framework });
    expect(delFramework.errors?.[0]?.extensions?.code).toBe('STILL_REFERENCED');
    expect(delFramework.errors?.[0]?.message).toMatch(/5 framework dimensions/);

    expect(await w.curator.ok(DELETE_NODE, { id: w.quality })).toEqual({ deleteIndicatorFrameworkNode: true });
    const [row] = await api.sql<{ n: string }>(
      'select count(*) as n from indicator_framework_node where framework_id = ?',
      [Number(w.framework)],
    );
    expect(Number(row?.n)).toBe(4);
  });

  it('keeps one default framework per kind', async () => {
    const w = await world();
    // Other files may rely on the shared database's default frameworks: put them back afterwards.
    const kind = 'DEPARTMENT';
    const previous = await api.sql<{ id: number }>('select id from indicator_framework where kind = ? and is_default', [
      kind,
    ]);
    const a = (
      await w.curator.ok<{ createIndicatorFramework: Id }>(CREATE_FRAMEWORK, {
        input: { code: uniq('FWA'), name: '部门整体A', kind, isDefault: true },
      })
    ).createIndicatorFramework.id;
    const b = (
      await w.curator.ok<{ createIndicatorFramework: Id }>(CREATE_FRAMEWORK, {
        input: { code: uniq('FWB'), name: '部门整体B', kind, isDefault: true },
      })
    ).createIndicatorFramework.id;
    const defaults = await api.sql<{ id: number }>('select id from indicator_framework where kind = ? and is_default', [
      kind,
    ]);
    const listed = await w.curator.ok<{ indicatorFrameworks: { items: Id[] } }>(LIST_FRAMEWORKS, {
      filter: { kind, isDefault: true },
    });
    await api.sql('update indicator_framework set is_default = false where id in (?, ?)', [Number(a), Number(b)]);
    for (const p of previous) await api.sql('update indicator_framework set is_default = true where id = ?', [p.id]);

    expect(defaults.map((d) => String(d.id))).toEqual([b]);
    expect(listed.indicatorFrameworks.items).toEqual([{ id: b }]);
  });
});

describe('indicator categories', () => {
  it('navigates the tree, its owner and its indicator count (descendants included)', async () => {
    const w = await world();
    await createDraft(w, { categoryId: w.training });
    await createDraft(w, { categoryId: w.trainingExam });
    await createDraft(w, { categoryId: w.welfare });
    const data = await w.curator.ok<{ indicatorCategory: Record<string, unknown> }>(CATEGORY, { id: w.trainingOrg });
    expect(data.indicatorCategory).toEqual({
      code: '0101',
      name: '培训组织',
      scope: 'COMMON',
      fiscalDivisionCode: w.fd,
      parent: { code: '01', indicatorCount: 2 },
      children: [{ code: '010101', indicatorCount: 1 }],
      ownerDepartment: null,
      indicatorCount: 1,
    });
    const owned = await w.curator.ok<{ indicatorCategory: { ownerDepartment: { name: string } } }>(CATEGORY, {
      id: w.deptCategory,
    });
    expect(owned.indicatorCategory.ownerDepartment.name).toBe('郑州市社会福利局');
  });

  it('filters categories by division, scope, parent, top level, owner and text', async () => {
    const w = await world();
    // Categories are public reference: listed without signing in.
    const list = async (filter: Record<string, unknown>) =>
      (
        await api.ok<{ indicatorCategories: { totalCount: number; items: Array<{ code: string }> } }>(LIST_CATEGORIES, {
          filter: { fiscalDivisionCode: w.fd, ...filter },
        })
      ).indicatorCategories;
    expect((await list({})).items.map((c) => c.code)).toEqual(['01', '0101', '010101', '02', '90']);
    expect((await list({ scope: 'COMMON', topLevel: true })).items.map((c) => c.code)).toEqual(['01', '02']);
    expect((await list({ topLevel: false })).totalCount).toBe(2);
    expect((await list({ parentId: w.training })).items.map((c) => c.code)).toEqual(['0101']);
    expect((await list({ ownerDepartmentId: w.parent })).items.map((c) => c.code)).toEqual(['90']);
    expect((await list({ search: '培训' })).items.map((c) => c.code)).toEqual(['01', '0101', '010101']);
  });

  it('refuses a parent of another scope, a DEPARTMENT category without owner and a cycle', async () => {
    const w = await world();
    const wrongScope = await w.curator.gql(CREATE_CATEGORY, {
      input: { fiscalDivisionCode: w.fd, scope: 'INDUSTRY', code: '01', name: '行业', parentId: w.training },
    });
    expect(wrongScope.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrongScope.errors?.[0]?.message).toMatch(/same scope and fiscal division/);

    const noOwner = await w.curator.gql(CREATE_CATEGORY, {
      input: { fiscalDivisionCode: w.fd, scope: 'DEPARTMENT', code: '91', name: '无主' },
    });
    expect(noOwner.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(noOwner.errors?.[0]?.message).toMatch(/ownerDepartmentId/);

    const cycle = await w.curator.gql(UPDATE_CATEGORY, { id: w.training, input: { parentId: w.trainingExam } });
    expect(cycle.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(cycle.errors?.[0]?.message).toMatch(/under itself/);

    const dup = await w.curator.gql(CREATE_CATEGORY, {
      input: { fiscalDivisionCode: w.fd, scope: 'COMMON', code: '02', name: '重复' },
    });
    expect(dup.errors?.[0]?.extensions?.code).toBe('DUPLICATE');

    const rows = await api.sql<{ code: string; parent_id: number | null }>(
      'select code, parent_id from indicator_category where fiscal_division_code = ? order by code',
      [w.fd],
    );
    expect(rows.map((r) => r.code)).toEqual(['01', '0101', '010101', '02', '90']);
    expect(rows[0]?.parent_id).toBeNull();
  });

  it('moves a category and refuses deleting one that still holds sub-categories or indicators', async () => {
    const w = await world();
    const moved = await w.curator.ok<{ updateIndicatorCategory: { parent: { code: string } } }>(UPDATE_CATEGORY, {
      id: w.trainingExam,
      input: { parentId: w.training, name: '培训考核评估' },
    });
    expect(moved.updateIndicatorCategory.parent.code).toBe('01');

    await createDraft(w, { categoryId: w.welfare });
    const del = await w.curator.gql(DELETE_CATEGORY, { id: w.welfare });
    expect(del.errors?.[0]?.extensions?.code).toBe('STILL_REFERENCED');
    expect(del.errors?.[0]?.message).toMatch(/1 indicators/);
    const delParent = await w.curator.gql(DELETE_CATEGORY, { id: w.training });
    expect(delParent.errors?.[0]?.message).toMatch(/2 sub-categories/);
    expect(await w.curator.ok(DELETE_CATEGORY, { id: w.trainingOrg })).toEqual({ deleteIndicatorCategory: true });
  });
});

describe('indicators: creating drafts', () => {
  it('creates a DRAFT version 1 with level 1 derived from level 2, and navigates its relations', async () => {
    const w = await world();
    const code = uniq('GX');
    const created = await w.curator.ok<{ createIndicator: Record<string, unknown> }>(CREATE_INDICATOR_FULL, {
      input: draft(w, {
        code,
        explanation: '年度内参加培训的人次',
        referenceValue: '≥1000',
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        categoryId: w.trainingOrg,
      }),
    });
    expect(created.createIndicator).toEqual({
      code,
      version: 1,
      name: '培训人次',
      scope: 'COMMON',
      status: 'DRAFT',
      enabled: true,
      visibility: 'PUBLIC',
      defaultComparator: 'GE',
      defaultUnit: '人次',
      valueType: 'QUANTITATIVE',
      explanation: '年度内参加培训的人次',
      referenceValue: '≥1000',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      publishedAt: null,
      fiscalDivisionCode: w.fd,
      category: { code: '0101', parent: { code: '01', name: '会议培训' } },
      level1: { id: w.output, name: '产出指标', level: 1 },
      level2: { id: w.quantity, name: '数量指标', level: 2, framework: { id: w.framework } },
      ownerDepartment: null,
      supersedes: null,
      versions: [{ version: 1, status: 'DRAFT' }],
    });
  });

  it('requires a unit unless the comparator is qualitative (UNIT_REQUIRED)', async () => {
    const w = await world();
    const refused = await w.curator.gql(CREATE_INDICATOR, { input: draft(w, { defaultUnit: '  ' }) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNIT_REQUIRED');
    expect(refused.errors?.[0]?.message).toMatch(/unit/);
    expect(await countIndicators(w.fd)).toBe(0);

    const qualitative = await w.curator.ok<{ createIndicator: { defaultUnit: string | null; valueType: string } }>(
      CREATE_INDICATOR,
      {
        input: draft(w, {
          name: '群众满意程度',
          defaultComparator: 'QUALITATIVE',
          valueType: 'QUALITATIVE',
          defaultUnit: undefined,
        }),
      },
    );
    expect(qualitative.createIndicator).toMatchObject({ defaultUnit: null, valueType: 'QUALITATIVE' });
  });

  it('requires valueType QUALITATIVE exactly when the comparator is QUALITATIVE', async () => {
    const w = await world();
    const a = await w.curator.gql(CREATE_INDICATOR, { input: draft(w, { valueType: 'QUALITATIVE' }) });
    expect(a.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(a.errors?.[0]?.message).toMatch(/valueType QUALITATIVE exactly when/);
    const b = await w.curator.gql(CREATE_INDICATOR, {
      input: draft(w, { defaultComparator: 'QUALITATIVE', valueType: 'QUANTITATIVE' }),
    });
    expect(b.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countIndicators(w.fd)).toBe(0);
  });

  it('requires the category scope to equal the indicator scope, and an owner for DEPARTMENT or PRIVATE', async () => {
    const w = await world();
    const scope = await w.curator.gql(CREATE_INDICATOR, { input: draft(w, { scope: 'INDUSTRY' }) });
    expect(scope.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(scope.errors?.[0]?.message).toMatch(/COMMON library/);
    const dept = await w.curator.gql(CREATE_INDICATOR, {
      input: draft(w, { scope: 'DEPARTMENT', categoryId: w.deptCategory }),
    });
    expect(dept.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(dept.errors?.[0]?.message).toMatch(/ownerDepartmentId/);
    const priv = await w.curator.gql(CREATE_INDICATOR, { input: draft(w, { visibility: 'PRIVATE' }) });
    expect(priv.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countIndicators(w.fd)).toBe(0);

    const owned = await w.curator.ok<{ createIndicator: { ownerDepartment: { name: string }; scope: string } }>(
      CREATE_INDICATOR,
      { input: draft(w, { scope: 'DEPARTMENT', categoryId: w.deptCategory, ownerDepartmentId: w.parent }) },
    );
    expect(owned.createIndicator).toEqual(
      expect.objectContaining({ scope: 'DEPARTMENT', ownerDepartment: { name: '郑州市社会福利局' } }),
    );
  });

  it('requires a level-1 dimension, given or derived, that fits the level-2 one', async () => {
    const w = await world();
    const none = await w.curator.gql(CREATE_INDICATOR, { input: draft(w, { level2NodeId: undefined }) });
    expect(none.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(none.errors?.[0]?.message).toMatch(/level2NodeId/);
    const mismatch = await w.curator.gql(CREATE_INDICATOR, { input: draft(w, { level1NodeId: w.benefit }) });
    expect(mismatch.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const swapped = await w.curator.gql(CREATE_INDICATOR, { input: draft(w, { level2NodeId: w.output }) });
    expect(swapped.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countIndicators(w.fd)).toBe(0);

    const level1Only = await w.curator.ok<{ createIndicator: { level1: Id; level2: null } }>(CREATE_INDICATOR_FULL, {
      input: draft(w, { level2NodeId: undefined, level1NodeId: w.benefit }),
    });
    expect(level1Only.createIndicator.level1).toEqual(expect.objectContaining({ id: w.benefit }));
    expect(level1Only.createIndicator.level2).toBeNull();
  });

  it('refuses a code already used by any version in the fiscal division (DUPLICATE)', async () => {
    const w = await world();
    const code = uniq('GX');
    const first = await createDraft(w, { code });
    await api.sql(
      `insert into indicator (fiscal_division_code, code, version_no, name, scope, category_id, level1node_id,
         default_comparator, default_unit, value_type, status, supersedes_id, created_at, updated_at)
       select fiscal_division_code, code, 2, name, scope, category_id, level1node_id, default_comparator, default_unit,
         value_type, 'DRAFT', id, now(), now() from indicator where id = ?`,
      [Number(first)],
    );
    await api.sql('delete from indicator where id = ?', [Number(first)]);
    const dup = await w.curator.gql(CREATE_INDICATOR, { input: draft(w, { code, name: '另一个指标' }) });
    expect(dup.errors?.[0]?.extensions?.code).toBe('DUPLICATE');
    expect(dup.errors?.[0]?.message).toContain(code);
    expect(await countIndicators(w.fd)).toBe(1);

    // Codes are unique per fiscal division: another division (and its own curator) may use the same one.
    const other = await world();
    expect(await createDraft(other, { code })).toBeTruthy();
    expect(await countIndicators(other.fd)).toBe(1);
  });
});

describe('indicators: published versions never change', () => {
  it('refuses to update or delete a published version (INDICATOR_IMMUTABLE) and changes nothing', async () => {
    const w = await world();
    const id = await createDraft(w, { name: '培训班次', defaultUnit: '期' });
    await publish(id);
    const [before] = await api.sql<Record<string, unknown>>('select * from indicator where id = ?', [Number(id)]);

    const update = await w.curator.gql(UPDATE_INDICATOR, { id, input: { name: '培训班次（改）' } });
    expect(update.errors?.[0]?.extensions?.code).toBe('INDICATOR_IMMUTABLE');
    expect(update.errors?.[0]?.message).toMatch(/a published version never changes/);
    expect(update.errors?.[0]?.message).toMatch(/MODIFY/);
    expect(update.errors?.[0]?.message).toMatch(/admission queue/);
    const del = await w.curator.gql(DELETE_INDICATOR, { id });
    expect(del.errors?.[0]?.extensions?.code).toBe('INDICATOR_IMMUTABLE');

    const [after] = await api.sql<Record<string, unknown>>('select * from indicator where id = ?', [Number(id)]);
    expect(after).toEqual(before);
  });

  it('edits a draft: clears optional fields, moves level 2 (level 1 follows) and re-checks the rules', async () => {
    const w = await world();
    const id = await createDraft(w, { explanation: '说明', dataSource: '培训签到表' });
    const updated = await w.curator.ok<{ updateIndicator: Record<string, unknown> }>(UPDATE_INDICATOR, {
      id,
      input: { name: '培训人员合格率', defaultUnit: '%', explanation: null, level2NodeId: w.social },
    });
    expect(updated.updateIndicator).toEqual({
      id,
      name: '培训人员合格率',
      defaultUnit: '%',
      explanation: null,
      dataSource: '培训签到表',
      status: 'DRAFT',
      level1: { name: '效益指标' },
      level2: { name: '社会效益指标' },
    });
    const unit = await w.curator.gql(UPDATE_INDICATOR, { id, input: { defaultUnit: null } });
    expect(unit.errors?.[0]?.extensions?.code).toBe('UNIT_REQUIRED');
    const [row] = await api.sql<{ default_unit: string }>('select default_unit from indicator where id = ?', [
      Number(id),
    ]);
    expect(row?.default_unit).toBe('%');
  });

  it('lists every version of an indicator, oldest first, with the one it supersedes', async () => {
    const w = await world();
    const code = uniq('GX');
    const v1 = await createDraft(w, { code, name: '培训人次' });
    await publish(v1);
    const [v2row] = await api.sql<{ id: number }>(
      `insert into indicator (fiscal_division_code, code, version_no, name, scope, category_id, level1node_id,
         level2node_id, default_comparator, default_unit, value_type, status, supersedes_id, published_at,
         created_at, updated_at)
       select fiscal_division_code, code, 2, '培训人次（含线上）', scope, category_id, level1node_id, level2node_id,
         default_comparator, default_unit, value_type, 'PUBLISHED', id, now(), now(), now()
       from indicator where id = ? returning id`,
      [Number(v1)],
    );
    await api.sql(`update indicator set status = 'SUPERSEDED' where id = ?`, [Number(v1)]);
    const v2 = String(v2row?.id);

    const data = await w.curator.ok<{ indicator: Record<string, unknown> }>(VERSIONS, { id: v2 });
    expect(data.indicator).toEqual({
      version: 2,
      status: 'PUBLISHED',
      supersedes: { id: v1, version: 1, status: 'SUPERSEDED' },
      versions: [
        { id: v1, version: 1, name: '培训人次' },
        { id: v2, version: 2, name: '培训人次（含线上）' },
      ],
    });
    expect(await codes(w.curator, { fiscalDivisionCode: w.fd })).toEqual([code, code]);
    expect(await codes(w.curator, { fiscalDivisionCode: w.fd, status: 'PUBLISHED' })).toEqual([code]);
    expect(await codes(w.curator, { fiscalDivisionCode: w.fd, statuses: ['SUPERSEDED', 'DRAFT'] })).toEqual([code]);
  });

  it('refuses to delete a draft a change request references (STILL_REFERENCED) and deletes an unreferenced one', async () => {
    const w = await world();
    const referenced = await createDraft(w);
    await api.sql(
      `insert into indicator_change_request (fiscal_division_code, type, status, indicator_id, name, proposal, reason,
         department_id, created_at, updated_at)
       values (?, 'MODIFY', 'DRAFT', ?, '培训人次', cast(? as jsonb), '口径调整', ?, now(), now())`,
      [w.fd, Number(referenced), JSON.stringify({ name: '培训人次' }), Number(w.parent)],
    );
    const del = await w.curator.gql(DELETE_INDICATOR, { id: referenced });
    expect(del.errors?.[0]?.extensions?.code).toBe('STILL_REFERENCED');
    expect(del.errors?.[0]?.message).toMatch(/1 change requests/);
    expect(await countIndicators(w.fd)).toBe(1);

    const free = await createDraft(w);
    expect(await w.curator.ok(DELETE_INDICATOR, { id: free })).toEqual({ deleteIndicator: true });
    expect(await countIndicators(w.fd)).toBe(1);
  });
});

describe('indicators: the audit trail', () => {
  it('records create, update and delete of a draft, its category and framework, and nothing for a refused change', async () => {
    const w = await world();
    const curatorUser = await createUser(api, { roles: [Role.PERFORMANCE_ADMIN], fiscalDivisionCode: w.fd });
    const curator = api.as(curatorUser.token);
    const auditRows = async () => {
      const [row] = await api.sql<{ n: string }>(
        `select count(*) as n from audit_entry where fiscal_division_code = ? and subject_type = 'Indicator'`,
        [w.fd],
      );
      return Number(row?.n);
    };
    const code = uniq('GX');
    const id = (await curator.ok<{ createIndicator: Id }>(CREATE_INDICATOR, { input: draft(w, { code }) }))
      .createIndicator.id;
    await curator.ok(UPDATE_INDICATOR, { id, input: { name: '培训合格人次', defaultUnit: '人' } });

    const rowsBefore = await auditRows();
    const dup = await curator.gql(CREATE_INDICATOR, { input: draft(w, { code, name: '重复的指标' }) });
    expect(dup.errors?.[0]?.extensions?.code).toBe('DUPLICATE');
    expect(await auditRows()).toBe(rowsBefore);

    await curator.ok(DELETE_INDICATOR, { id });

    const { history } = await curator.ok<{ history: HistoryEntry[] }>(HISTORY, { type: 'Indicator', id });
    expect(history.map((h) => [h.action, h.actorLogin, h.actorRoles])).toEqual([
      ['create', curatorUser.loginName, ['PERFORMANCE_ADMIN']],
      ['update', curatorUser.loginName, ['PERFORMANCE_ADMIN']],
      ['delete', curatorUser.loginName, ['PERFORMANCE_ADMIN']],
    ]);
    const changes = (i: number) =>
      Object.fromEntries(history[i]?.changes.map((c) => [c.field, [c.before, c.after]]) ?? []);
    expect(changes(0)).toMatchObject({
      code: [null, JSON.stringify(code)],
      name: [null, '"培训人次"'],
      status: [null, '"DRAFT"'],
      level2NodeId: [null, w.quantity],
    });
    expect(changes(1)).toEqual({ name: ['"培训人次"', '"培训合格人次"'], defaultUnit: ['"人次"', '"人"'] });
    expect(changes(2)).toMatchObject({ code: [JSON.stringify(code), null], name: ['"培训合格人次"', null] });

    // The structure is audited alike: a category (with its owner department) and a framework.
    const category = (
      await curator.ok<{ createIndicatorCategory: Id }>(CREATE_CATEGORY, {
        input: {
          fiscalDivisionCode: w.fd,
          scope: 'DEPARTMENT',
          code: '91',
          name: '审计分类',
          ownerDepartmentId: w.parent,
        },
      })
    ).createIndicatorCategory.id;
    await curator.ok(UPDATE_CATEGORY, { id: category, input: { name: '审计分类（改）' } });
    await curator.ok(DELETE_CATEGORY, { id: category });
    const categoryHistory = await curator.ok<{ history: HistoryEntry[] }>(HISTORY, {
      type: 'IndicatorCategory',
      id: category,
    });
    expect(categoryHistory.history.map((h) => h.action)).toEqual(['create', 'update', 'delete']);
    expect(categoryHistory.history[1]?.changes).toEqual([
      { field: 'name', before: '"审计分类"', after: '"审计分类（改）"' },
    ]);
    const [owned] = await api.sql<{ department_id: number }>(
      `select department_id from audit_entry where subject_type = 'IndicatorCategory' and subject_id = ? limit 1`,
      [category],
    );
    expect(String(owned?.department_id)).toBe(w.parent);

    const framework = (
      await curator.ok<{ createIndicatorFramework: Id }>(CREATE_FRAMEWORK, {
        input: { code: uniq('FW'), name: '审计体系', kind: 'PROJECT' },
      })
    ).createIndicatorFramework.id;
    await curator.ok(DELETE_FRAMEWORK, { id: framework });
    const frameworkHistory = await curator.ok<{ history: HistoryEntry[] }>(HISTORY, {
      type: 'IndicatorFramework',
      id: framework,
    });
    expect(frameworkHistory.history.map((h) => h.action)).toEqual(['create', 'delete']);
  });
});

describe('indicators: lists and filters', () => {
  it('filters by category including all its descendants', async () => {
    const w = await world();
    await createDraft(w, { code: 'GX01', categoryId: w.training });
    await createDraft(w, { code: 'GX0101', categoryId: w.trainingOrg });
    await createDraft(w, { code: 'GX010101', categoryId: w.trainingExam });
    await createDraft(w, { code: 'GX02', categoryId: w.welfare });
    expect(await codes(w.curator, { fiscalDivisionCode: w.fd, categoryId: w.training })).toEqual([
      'GX01',
      'GX0101',
      'GX010101',
    ]);
    expect(await codes(w.curator, { fiscalDivisionCode: w.fd, categoryId: w.trainingOrg })).toEqual([
      'GX0101',
      'GX010101',
    ]);
    expect(await codes(w.curator, { categoryId: w.trainingExam })).toEqual(['GX010101']);
    expect(await codes(w.curator, { categoryId: w.welfare })).toEqual(['GX02']);
  });

  it('searches code and name case-insensitively, Chinese included, with wildcards taken literally', async () => {
    const w = await world();
    await createDraft(w, { code: 'GX01010001', name: '培训人次' });
    await createDraft(w, { code: 'GX01010002', name: '培训人员合格率', defaultUnit: '%' });
    await createDraft(w, { code: 'GX02010001', name: '低保对象满意度', defaultUnit: '%', categoryId: w.welfare });
    await createDraft(w, { code: 'GX02010002', name: '应保尽保率(100%)', defaultUnit: '%', categoryId: w.welfare });
    const search = (text: string) => codes(w.curator, { fiscalDivisionCode: w.fd, search: text });
    expect(await search('培训')).toEqual(['GX01010001', 'GX01010002']);
    expect(await search('满意')).toEqual(['GX02010001']);
    expect(await search('gx0201')).toEqual(['GX02010001', 'GX02010002']);
    expect(await search('%')).toEqual(['GX02010002']);
    expect(await search('GX0_01')).toEqual([]);
    expect(await search('  人员合格  ')).toEqual(['GX01010002']);
  });

  it('filters by level-1 and level-2 dimension, scope, value type and owner', async () => {
    const w = await world();
    await createDraft(w, { code: 'A1', level2NodeId: w.quantity });
    await createDraft(w, { code: 'A2', level2NodeId: w.quality, defaultUnit: '%' });
    await createDraft(w, {
      code: 'B1',
      level2NodeId: w.social,
      defaultComparator: 'QUALITATIVE',
      valueType: 'QUALITATIVE',
    });
    await createDraft(w, {
      code: 'D1',
      scope: 'DEPARTMENT',
      categoryId: w.deptCategory,
      ownerDepartmentId: w.parent,
      level2NodeId: undefined,
      level1NodeId: w.benefit,
    });
    const fd = w.fd;
    expect(await codes(w.curator, { fiscalDivisionCode: fd, level1NodeId: w.output })).toEqual(['A1', 'A2']);
    expect(await codes(w.curator, { fiscalDivisionCode: fd, level1NodeId: w.benefit })).toEqual(['B1', 'D1']);
    expect(await codes(w.curator, { fiscalDivisionCode: fd, level2NodeId: w.quality })).toEqual(['A2']);
    expect(await codes(w.curator, { fiscalDivisionCode: fd, scope: 'DEPARTMENT' })).toEqual(['D1']);
    expect(await codes(w.curator, { fiscalDivisionCode: fd, valueType: 'QUALITATIVE' })).toEqual(['B1']);
    expect(await codes(w.curator, { fiscalDivisionCode: fd, ownerDepartmentId: w.parent })).toEqual(['D1']);
    expect(await codes(w.curator, { fiscalDivisionCode: fd, enabled: false })).toEqual([]);
  });

  it('offers a department only the published, enabled indicators visible to it (usableByDepartmentId)', async () => {
    const w = await world();
    const make = async (code: string, extra: Record<string, unknown>, state: 'draft' | 'published' | 'disabled') => {
      const id = await createDraft(w, { code, ...extra });
      if (state !== 'draft') await publish(id, state === 'published');
    };
    await make('PUBLIC', {}, 'published');
    await make('PUBLIC_DRAFT', {}, 'draft');
    await make('PUBLIC_DISABLED', {}, 'disabled');
    await make('PRIVATE_PARENT', { visibility: 'PRIVATE', ownerDepartmentId: w.parent }, 'published');
    await make('PRIVATE_CHILD', { visibility: 'PRIVATE', ownerDepartmentId: w.child }, 'published');
    await make('PRIVATE_OTHER', { visibility: 'PRIVATE', ownerDepartmentId: w.other }, 'published');
    await make(
      'DEPT_PUBLIC',
      { scope: 'DEPARTMENT', categoryId: w.deptCategory, ownerDepartmentId: w.parent },
      'published',
    );

    expect(await codes(w.curator, { usableByDepartmentId: w.child })).toEqual([
      'DEPT_PUBLIC',
      'PRIVATE_CHILD',
      'PRIVATE_PARENT',
      'PUBLIC',
    ]);
    expect(await codes(w.curator, { usableByDepartmentId: w.parent })).toEqual([
      'DEPT_PUBLIC',
      'PRIVATE_PARENT',
      'PUBLIC',
    ]);
    expect(await codes(w.curator, { usableByDepartmentId: w.other })).toEqual([
      'DEPT_PUBLIC',
      'PRIVATE_OTHER',
      'PUBLIC',
    ]);
    expect(await codes(w.curator, { usableByDepartmentId: w.other, search: 'PRIVATE' })).toEqual(['PRIVATE_OTHER']);

    // A department of another fiscal division sees none of this division's indicators.
    const stranger = await department(await createFiscalDivision(api), '101', '外区社会福利局');
    expect(await codes(w.curator, { usableByDepartmentId: stranger })).toEqual([]);
  });

  it('sorts, pages and bounds the page size at 200', async () => {
    const w = await world();
    for (const code of ['S3', 'S1', 'S2']) await createDraft(w, { code, name: `排序${code}` });
    const page = await w.curator.ok<ListResult>(LIST_INDICATORS, {
      filter: { fiscalDivisionCode: w.fd },
      sort: [{ field: 'NAME', direction: 'DESC' }],
      limit: 2,
      offset: 1,
    });
    expect(page.indicators).toEqual({
      totalCount: 3,
      items: [
        { code: 'S2', name: '排序S2' },
        { code: 'S1', name: '排序S1' },
      ],
    });
    const past = await w.curator.ok<ListResult>(LIST_INDICATORS, { filter: { fiscalDivisionCode: w.fd }, offset: 10 });
    expect(past.indicators).toEqual({ totalCount: 3, items: [] });

    const tooMany = await w.curator.gql(LIST_INDICATORS, { filter: {}, limit: 201 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toMatch(/limit/);
    const categories = await w.curator.gql(LIST_CATEGORIES, { filter: {}, limit: 201 });
    expect(categories.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const longSearch = await w.curator.gql(LIST_INDICATORS, { filter: { search: 'x'.repeat(101) } });
    expect(longSearch.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badId = await w.curator.gql(LIST_INDICATORS, { filter: { categoryId: 'abc' } });
    expect(badId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('loads the relations of a page with a fixed number of statements, whatever its size', async () => {
    const w = await world();
    for (let n = 0; n < 6; n++) {
      await createDraft(w, {
        code: `N${n}`,
        categoryId: n % 2 ? w.trainingOrg : w.welfare,
        level2NodeId: n % 2 ? w.quantity : w.social,
        visibility: 'PRIVATE',
        ownerDepartmentId: n % 2 ? w.parent : w.child,
      });
    }
    const small = await w.curator.gql<ListResult>(LIST_NESTED, { filter: { fiscalDivisionCode: w.fd }, limit: 2 });
    const large = await w.curator.gql<ListResult>(LIST_NESTED, { filter: { fiscalDivisionCode: w.fd }, limit: 6 });
    expect(small.errors).toBeUndefined();
    expect(large.data?.indicators.items).toHaveLength(6);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(9);
  });

  it('answers unknown ids as NOT_FOUND, to lookups and to changes alike', async () => {
    const w = await world();
    for (const [field, type] of [
      ['indicator', 'Indicator'],
      ['indicatorCategory', 'IndicatorCategory'],
      ['indicatorFramework', 'IndicatorFramework'],
      ['indicatorFrameworkNode', 'IndicatorFrameworkNode'],
    ]) {
      const r = await w.curator.gql(`query { ${field}(id: "999999999") { id } }`);
      expect(r.data).toBeNull();
      expect(r.errors?.map((e) => [e.extensions?.code, e.extensions?.type])).toEqual([['NOT_FOUND', type]]);
    }
    const missing = await w.curator.gql(UPDATE_INDICATOR, { id: '999999999', input: { name: 'x' } });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('who sees which indicators (row scope)', () => {
  interface Library {
    w: World;
    ids: Record<'pub' | 'draft' | 'privParent' | 'draftParent' | 'privOther' | 'v1' | 'v2', string>;
  }

  /**
   * In the 会议培训 category: a published public indicator, a public draft, published private ones of the first-level
   * unit and of the unrelated department, a private draft of the first-level unit, and VER in two versions (v1
   * superseded by the published v2).
   */
  async function library(): Promise<Library> {
    const w = await world();
    const make = async (code: string, extra: Record<string, unknown>, published: boolean) => {
      const id = await createDraft(w, { code, ...extra });
      if (published) await publish(id);
      return id;
    };
    const pub = await make('PUB', {}, true);
    const draft = await make('DRAFT', {}, false);
    const privParent = await make('PRIV_PARENT', { visibility: 'PRIVATE', ownerDepartmentId: w.parent }, true);
    const draftParent = await make('DRAFT_PARENT', { visibility: 'PRIVATE', ownerDepartmentId: w.parent }, false);
    const privOther = await make('PRIV_OTHER', { visibility: 'PRIVATE', ownerDepartmentId: w.other }, true);
    const v1 = await make('VER', {}, true);
    const [v2] = await api.sql<{ id: number }>(
      `insert into indicator (fiscal_division_code, code, version_no, name, scope, category_id, level1node_id,
         level2node_id, default_comparator, default_unit, value_type, status, supersedes_id, published_at,
         created_at, updated_at)
       select fiscal_division_code, code, 2, name, scope, category_id, level1node_id, level2node_id,
         default_comparator, default_unit, value_type, 'PUBLISHED', id, now(), now(), now()
       from indicator where id = ? returning id`,
      [Number(v1)],
    );
    await api.sql(`update indicator set status = 'SUPERSEDED' where id = ?`, [Number(v1)]);
    return { w, ids: { pub, draft, privParent, draftParent, privOther, v1, v2: String(v2?.id) } };
  }

  /** What a caller sees of the library: the list (by code), the category's count and which single lookups succeed. */
  async function seen(client: Client, lib: Library) {
    const list = await codes(client, { fiscalDivisionCode: lib.w.fd });
    const category = await client.ok<{ indicatorCategory: { indicatorCount: number } }>(COUNT, {
      id: lib.w.training,
    });
    const lookups: Record<string, string> = {};
    for (const [key, id] of Object.entries(lib.ids)) {
      const r = await client.gql<{ indicator: { id: string } | null }>(ONE, { id });
      lookups[key] = r.data?.indicator?.id === id ? 'found' : String(r.errors?.[0]?.extensions?.code);
    }
    return { list, count: category.indicatorCategory.indicatorCount, lookups };
  }

  const found = (keys: string[]) =>
    Object.fromEntries(
      ['pub', 'draft', 'privParent', 'draftParent', 'privOther', 'v1', 'v2'].map((k) => [
        k,
        keys.includes(k) ? 'found' : 'NOT_FOUND',
      ]),
    );

  it('shows anonymous callers only published public indicators, in lists, counts, lookups and relations', async () => {
    const lib = await library();
    expect(await seen(api, lib)).toEqual({ list: ['PUB', 'VER'], count: 2, lookups: found(['pub', 'v2']) });

    const versions = await api.ok<{ indicator: Record<string, unknown> }>(VERSIONS, { id: lib.ids.v2 });
    expect(versions.indicator).toEqual({
      version: 2,
      status: 'PUBLISHED',
      supersedes: null,
      versions: [{ id: lib.ids.v2, version: 2, name: '培训人次' }],
    });
  });

  it('shows a department the public library and its own private indicators, never another department’s', async () => {
    const lib = await library();
    const { w } = lib;
    const own = ['pub', 'privParent', 'draftParent', 'v1', 'v2'];
    const preparer = await signIn(Role.UNIT_PREPARER, w.fd, w.parent);
    expect(await seen(preparer, lib)).toEqual({
      list: ['DRAFT_PARENT', 'PRIV_PARENT', 'PUB', 'VER', 'VER'],
      count: 5,
      lookups: found(own),
    });
    // A child unit uses its first-level unit's private indicators too.
    const childPreparer = await signIn(Role.UNIT_PREPARER, w.fd, w.child);
    expect(await seen(childPreparer, lib)).toEqual({
      list: ['DRAFT_PARENT', 'PRIV_PARENT', 'PUB', 'VER', 'VER'],
      count: 5,
      lookups: found(own),
    });
    const officer = await signIn(Role.DEPARTMENT_OFFICER, w.fd, w.other);
    expect(await seen(officer, lib)).toEqual({
      list: ['PRIV_OTHER', 'PUB', 'VER', 'VER'],
      count: 4,
      lookups: found(['pub', 'privOther', 'v1', 'v2']),
    });

    // Filtering for another department's private indicator finds nothing, and probing its id answers exactly as
    // for an id that does not exist.
    expect(await codes(preparer, { ownerDepartmentId: w.other })).toEqual([]);
    expect(await codes(preparer, { ids: [lib.ids.privOther] })).toEqual([]);
    const probe = await preparer.gql(ONE, { id: lib.ids.privOther });
    const missing = await preparer.gql(ONE, { id: '999999999' });
    expect(probe.errors?.[0]?.message.replace(lib.ids.privOther, 'ID')).toBe(
      missing.errors?.[0]?.message.replace('999999999', 'ID'),
    );
    expect(probe.errors?.[0]?.extensions?.code).toBe(missing.errors?.[0]?.extensions?.code);

    const versions = await preparer.ok<{ indicator: Record<string, unknown> }>(VERSIONS, { id: lib.ids.v2 });
    expect(versions.indicator).toEqual({
      version: 2,
      status: 'PUBLISHED',
      supersedes: { id: lib.ids.v1, version: 1, status: 'SUPERSEDED' },
      versions: [
        { id: lib.ids.v1, version: 1, name: '培训人次' },
        { id: lib.ids.v2, version: 2, name: '培训人次' },
      ],
    });
  });

  it('shows bureau roles their whole division, drafts included, and nothing of another division', async () => {
    const lib = await library();
    expect(await seen(lib.w.curator, lib)).toEqual({
      list: ['DRAFT', 'DRAFT_PARENT', 'PRIV_OTHER', 'PRIV_PARENT', 'PUB', 'VER', 'VER'],
      count: 7,
      lookups: found(Object.keys(lib.ids)),
    });
    const analyst = await signIn(Role.ANALYST, lib.w.fd);
    expect((await seen(analyst, lib)).count).toBe(7);
    const elsewhere = await signIn(Role.PERFORMANCE_ADMIN, await createFiscalDivision(api));
    expect(await seen(elsewhere, lib)).toEqual({ list: [], count: 0, lookups: found([]) });
  });
});

describe('who may curate the library', () => {
  it('lets a PERFORMANCE_ADMIN create a draft; refuses a UNIT_PREPARER (FORBIDDEN) and anonymous callers', async () => {
    const w = await world();
    const preparer = await signIn(Role.UNIT_PREPARER, w.fd, w.parent);
    const categories = () =>
      api.sql('select * from indicator_category where fiscal_division_code = ? order by id', [w.fd]);
    const before = await categories();

    const forbidden = await preparer.gql(CREATE_INDICATOR, { input: draft(w, { code: 'REFUSED' }) });
    expect(forbidden.data).toBeNull();
    expect(forbidden.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['FORBIDDEN', 'Mutation.createIndicator'],
    ]);
    const category = await preparer.gql(CREATE_CATEGORY, {
      input: { fiscalDivisionCode: w.fd, scope: 'COMMON', code: '03', name: '越权分类' },
    });
    expect(category.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const framework = await preparer.gql(CREATE_FRAMEWORK, {
      input: { code: uniq('FW'), name: '越权', kind: 'PROJECT' },
    });
    expect(framework.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const anonymous = await api.gql(CREATE_INDICATOR, { input: draft(w, { code: 'REFUSED' }) });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(await countIndicators(w.fd)).toBe(0);
    expect(await categories()).toEqual(before);

    const created = await w.curator.ok<{ createIndicator: Id }>(CREATE_INDICATOR, { input: draft(w, { code: 'OK1' }) });
    const rows = await api.sql<{ id: number; code: string; status: string }>(
      'select id, code, status from indicator where fiscal_division_code = ?',
      [w.fd],
    );
    expect(rows).toEqual([{ id: Number(created.createIndicator.id), code: 'OK1', status: 'DRAFT' }]);
  });

  it('keeps a curator to its own division: another division’s library is NOT_FOUND / INVALID_REFERENCE', async () => {
    const w = await world();
    const id = await createDraft(w, { code: 'MINE' });
    const stranger = await signIn(Role.PERFORMANCE_ADMIN, await createFiscalDivision(api));
    const snapshot = async () => ({
      indicators: await api.sql('select * from indicator where fiscal_division_code = ? order by id', [w.fd]),
      categories: await api.sql('select * from indicator_category where fiscal_division_code = ? order by id', [w.fd]),
    });
    const before = await snapshot();

    const create = await stranger.gql(CREATE_INDICATOR, { input: draft(w, { code: 'THEIRS' }) });
    expect(create.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['INVALID_REFERENCE', 'fiscalDivisionCode'],
    ]);
    const update = await stranger.gql(UPDATE_INDICATOR, { id, input: { name: '被改名' } });
    expect(update.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['NOT_FOUND', `Indicator ${id} does not exist.`],
    ]);
    const del = await stranger.gql(DELETE_INDICATOR, { id });
    expect(del.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const createCategory = await stranger.gql(CREATE_CATEGORY, {
      input: { fiscalDivisionCode: w.fd, scope: 'COMMON', code: '03', name: '越界分类' },
    });
    expect(createCategory.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_REFERENCE']);
    const updateCategory = await stranger.gql(UPDATE_CATEGORY, { id: w.welfare, input: { name: '被改名' } });
    expect(updateCategory.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const deleteCategory = await stranger.gql(DELETE_CATEGORY, { id: w.welfare });
    expect(deleteCategory.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);

    expect(await snapshot()).toEqual(before);
  });
});

type HistoryEntry = {
  action: string;
  actorLogin: string;
  actorRoles: string[];
  changes: Array<{ field: string; before: string | null; after: string | null }>;
};
const HISTORY = `query($type: String!, $id: ID!) {
  history(type: $type, id: $id) { action actorLogin actorRoles changes { field before after } }
}`;
const CREATE_FRAMEWORK = `mutation($input: CreateIndicatorFrameworkInput!) { createIndicatorFramework(input: $input) { id } }`;
const DELETE_FRAMEWORK = `mutation($id: ID!) { deleteIndicatorFramework(id: $id) }`;
const CREATE_NODE = `mutation($input: CreateIndicatorFrameworkNodeInput!) { createIndicatorFrameworkNode(input: $input) { id } }`;
const DELETE_NODE = `mutation($id: ID!) { deleteIndicatorFrameworkNode(id: $id) }`;
const CREATE_CATEGORY = `mutation($input: CreateIndicatorCategoryInput!) { createIndicatorCategory(input: $input) { id } }`;
const UPDATE_CATEGORY = `mutation($id: ID!, $input: UpdateIndicatorCategoryInput!) {
  updateIndicatorCategory(id: $id, input: $input) { id parent { code } }
}`;
const DELETE_CATEGORY = `mutation($id: ID!) { deleteIndicatorCategory(id: $id) }`;
const CREATE_INDICATOR = `mutation($input: CreateIndicatorInput!) {
  createIndicator(input: $input) { id defaultUnit valueType scope ownerDepartment { name } }
}`;
const CREATE_INDICATOR_FULL = `mutation($input: CreateIndicatorInput!) {
  createIndicator(input: $input) {
    code version name scope status enabled visibility defaultComparator defaultUnit valueType explanation
    referenceValue validFrom validTo publishedAt fiscalDivisionCode
    category { code parent { code name } }
    level1 { id name level }
    level2 { id name level framework { id } }
    ownerDepartment { name }
    supersedes { id }
    versions { version status }
  }
}`;
const UPDATE_INDICATOR = `mutation($id: ID!, $input: UpdateIndicatorInput!) {
  updateIndicator(id: $id, input: $input) {
    id name defaultUnit explanation dataSource status level1 { name } level2 { name }
  }
}`;
const DELETE_INDICATOR = `mutation($id: ID!) { deleteIndicator(id: $id) }`;
const FRAMEWORK = `query($id: ID!) {
  indicatorFramework(id: $id) {
    name kind fromYear isDefault
    nodes { name level sortOrder parent { name } }
    roots { name children { name } }
  }
}`;
const LIST_FRAMEWORKS = `query($filter: IndicatorFrameworkFilter) { indicatorFrameworks(filter: $filter) { items { id } } }`;
const NODE = `query($id: ID!) { indicatorFrameworkNode(id: $id) { code level framework { id } parent { id } } }`;
const CATEGORY = `query($id: ID!) {
  indicatorCategory(id: $id) {
    code name scope fiscalDivisionCode
    parent { code indicatorCount }
    children { code indicatorCount }
    ownerDepartment { name }
    indicatorCount
  }
}`;
const LIST_CATEGORIES = `query($filter: IndicatorCategoryFilter, $limit: Int) {
  indicatorCategories(filter: $filter, limit: $limit, sort: [{ field: CODE }]) { totalCount items { code } }
}`;
const LIST_INDICATORS = `query($filter: IndicatorFilter, $sort: [IndicatorSort!], $limit: Int, $offset: Int) {
  indicators(filter: $filter, sort: $sort, limit: $limit, offset: $offset) { totalCount items { code name } }
}`;
const VERSIONS = `query($id: ID!) {
  indicator(id: $id) {
    version status
    supersedes { id version status }
    versions { id version name }
  }
}`;
const LIST_NESTED = `query($filter: IndicatorFilter, $limit: Int) {
  indicators(filter: $filter, limit: $limit, sort: [{ field: CODE }]) {
    totalCount
    items {
      code
      category { name parent { name } indicatorCount }
      level1 { name framework { name } }
      level2 { name parent { name } }
      ownerDepartment { name parent { name } }
      versions { version }
    }
  }
}`;
const ONE = `query($id: ID!) { indicator(id: $id) { id } }`;
const COUNT = `query($id: ID!) { indicatorCategory(id: $id) { indicatorCount } }`;
