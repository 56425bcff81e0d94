import { Role } from '../../server/modules/identity';
import { type Client, type GqlError, startApi, type TestApi, uniq } from '../helpers/api';
import {
  as,
  buildWorld,
  insertIndicator,
  insertProject,
  newFinanceDivision,
  releaseDefaults,
  userOf,
  type World,
} from '../helpers/targetFixtures';

/** A fiscal year no other data uses: the world's default frameworks start in it. */
const YEAR = 2087;

let api: TestApi;
let w: World;
/** UNIT_PREPARER of the first-level unit (writes its and its child unit's targets), of the other department, and a
 * PERFORMANCE_ADMIN who reads the whole city. */
let writer: Client;
let otherWriter: Client;
let bureau: Client;
beforeAll(async () => {
  api = await startApi();
  w = await buildWorld(api, YEAR);
  writer = as(api, w.users.preparer);
  otherWriter = as(api, w.users.otherPreparer);
  bureau = as(api, w.users.bureau);
});
afterAll(async () => {
  await releaseDefaults(api, w);
  await api.stop();
});

interface Target {
  id: string;
  kind: string;
  fiscalYear: number;
  fiscalDivisionCode: string;
  funds: string;
  status: string;
  version: number;
  overallGoal: string;
  annualGoal: string;
  measures: string | null;
  department: { id: string };
  project: { id: string } | null;
  framework: { id: string };
  parent: { id: string } | null;
  region: { code: string } | null;
}

interface Row {
  id: string;
  comparator: string;
  targetValue: string;
  numericValue: string | null;
  unit: string | null;
  weight: string | null;
  period: string;
  sortOrder: number;
  indicatorVersion: number;
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const [r] = await api.sql<{ n: string }>(`select count(*) as n from ${sql}`, params);
  return Number(r?.n);
}

/** The one error of a refused operation (by default the first-level unit's preparer's). */
async function refusal(query: string, variables: Record<string, unknown>, client = writer): Promise<GqlError> {
  const r = await client.gql(query, variables);
  expect(r.errors).toHaveLength(1);
  return r.errors?.[0] as GqlError;
}

/** The writer of a department's targets: the first-level unit's preparer also writes its child unit's. */
const writerOf = (departmentId: string): Client => (departmentId === w.otherDept ? otherWriter : writer);

async function createTarget(input: Record<string, unknown>, client = writer): Promise<Target> {
  const data = await client.ok<{ createPerformanceTarget: Target }>(CREATE_TARGET, {
    input: { fiscalYear: YEAR, funds: '100000.00', ...input },
  });
  return data.createPerformanceTarget;
}

async function projectTarget(departmentId = w.parentDept, input: Record<string, unknown> = {}): Promise<Target> {
  const projectId = await insertProject(api, w, { departmentId });
  return createTarget({ kind: 'PROJECT', projectId, ...input }, writerOf(departmentId));
}

async function addRow(
  targetId: string,
  indicatorId: number,
  input: Record<string, unknown> = {},
  client = writer,
): Promise<Row> {
  const data = await client.ok<{ addTargetIndicator: Row }>(ADD_ROW, {
    input: { targetId, indicatorId: String(indicatorId), targetValue: '95', ...input },
  });
  return data.addTargetIndicator;
}

const rowsOf = (targetId: string) => count('target_indicator where target_id = ?', [targetId]);
const targetsOfCity = () => count('performance_target where fiscal_division_code = ?', [w.city]);
const stored = async (targetId: string) =>
  (
    await api.sql<Record<string, unknown>>(
      'select funds::text as funds, overall_goal, measures, status, version from performance_target where id = ?',
      [targetId],
    )
  )[0];

describe('performance targets', () => {
  it('creates a project target in its project’s department and navigates project → targets → rows → indicator', async () => {
    const projectId = await insertProject(api, w, {
      departmentId: w.parentDept,
      name: `城乡最低生活保障资金${uniq()}`,
    });
    const target = await createTarget({
      kind: 'PROJECT',
      projectId,
      funds: '1250000.50',
      overallGoal: '保障城乡低保对象基本生活',
      annualGoal: '按月足额发放低保金',
    });
    expect(target).toEqual({
      id: expect.any(String),
      kind: 'PROJECT',
      fiscalYear: YEAR,
      fiscalDivisionCode: w.city,
      funds: '1250000.50',
      status: 'DRAFT',
      version: 1,
      overallGoal: '保障城乡低保对象基本生活',
      annualGoal: '按月足额发放低保金',
      measures: null,
      department: { id: w.parentDept },
      project: { id: projectId },
      framework: { id: String(w.projectFramework) },
      parent: null,
      region: null,
    });

    const trainees = await addRow(target.id, w.library.trainees, { targetValue: '62,000' });
    expect(trainees).toEqual({
      id: expect.any(String),
      comparator: 'GE',
      targetValue: '62,000',
      numericValue: '62000.0000',
      unit: '人次',
      weight: null,
      period: 'ANNUAL',
      sortOrder: 0,
      indicatorVersion: 1,
    });
    const rate = await addRow(target.id, w.library.passRate, { targetValue: '100%', comparator: 'EQ', weight: '30' });
    expect(rate).toMatchObject({
      comparator: 'EQ',
      numericValue: '100.0000',
      unit: '%',
      weight: '30.00',
      sortOrder: 1,
    });
    const qualitative = await addRow(target.id, w.library.satisfaction, { targetValue: '明显提升' });
    expect(qualitative).toMatchObject({ comparator: 'QUALITATIVE', numericValue: null, unit: null, sortOrder: 2 });

    const tree = await writer.ok<{ project: { targets: Array<Record<string, unknown>> } }>(PROJECT_TREE, {
      id: projectId,
    });
    expect(tree.project.targets).toEqual([
      {
        id: target.id,
        version: 4,
        quantificationRatio: expect.closeTo(2 / 3, 6),
        rows: [
          {
            targetValue: '62,000',
            indicatorVersion: 1,
            indicator: { id: String(w.library.trainees), name: '培训人次' },
          },
          {
            targetValue: '100%',
            indicatorVersion: 1,
            indicator: { id: String(w.library.passRate), name: '培训人员合格率' },
          },
          {
            targetValue: '明显提升',
            indicatorVersion: 1,
            indicator: { id: String(w.library.satisfaction), name: '服务对象满意度提升' },
          },
        ],
      },
    ]);

    const dept = await writer.ok<{ department: { targets: Array<{ id: string }> } }>(DEPARTMENT_TARGETS, {
      id: w.parentDept,
    });
    expect(dept.department.targets.map((t) => t.id)).toContain(target.id);

    const row = await writer.ok<{ targetIndicator: { target: { id: string }; indicator: { id: string } } }>(GET_ROW, {
      id: rate.id,
    });
    expect(row.targetIndicator).toEqual({ target: { id: target.id }, indicator: { id: String(w.library.passRate) } });
  });

  it('reports a null quantification ratio for a target without rows and 1 for an all-quantitative one', async () => {
    const empty = await projectTarget();
    const full = await projectTarget();
    await addRow(full.id, w.library.trainees);
    const data = await writer.ok<{
      performanceTargets: { items: Array<{ id: string; quantificationRatio: number | null }> };
    }>(LIST_TARGETS, { filter: { ids: [empty.id, full.id] }, sort: [{ field: 'CREATED_AT' }] });
    expect(data.performanceTargets.items).toEqual([
      { id: empty.id, quantificationRatio: null },
      { id: full.id, quantificationRatio: 1 },
    ]);
  });

  it('refuses a second project target for a project and year, and a project target without its project', async () => {
    const projectId = await insertProject(api, w, { departmentId: w.parentDept });
    const first = await createTarget({ kind: 'PROJECT', projectId });
    const before = await targetsOfCity();

    const dup = await refusal(CREATE_TARGET, {
      input: { kind: 'PROJECT', projectId, fiscalYear: YEAR, funds: '1.00' },
    });
    expect(dup.extensions?.code).toBe('DUPLICATE');
    expect(dup.message).toContain(`performance target ${first.id}`);

    const noProject = await refusal(CREATE_TARGET, { input: { kind: 'PROJECT', fiscalYear: YEAR, funds: '1.00' } });
    expect(noProject.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId' });

    const otherProject = await insertProject(api, w, { departmentId: w.parentDept });
    const wrongDept = await refusal(CREATE_TARGET, {
      input: { kind: 'PROJECT', projectId: otherProject, departmentId: w.otherDept, fiscalYear: YEAR, funds: '1.00' },
    });
    expect(wrongDept.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departmentId' });

    const negative = await refusal(CREATE_TARGET, {
      input: { kind: 'PROJECT', projectId: otherProject, fiscalYear: YEAR, funds: '-0.01' },
    });
    expect(negative.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'funds' });

    const missing = await refusal(CREATE_TARGET, {
      input: { kind: 'PROJECT', projectId: '999999999', fiscalYear: YEAR, funds: '1.00' },
    });
    expect(missing.extensions).toMatchObject({ code: 'INVALID_REFERENCE', field: 'projectId' });
    expect(await targetsOfCity()).toBe(before);

    // Another year is another target; a named framework is used as given.
    const next = await createTarget({
      kind: 'PROJECT',
      projectId,
      fiscalYear: YEAR + 1,
      frameworkId: String(w.extraFramework),
    });
    expect(next).toMatchObject({ fiscalYear: YEAR + 1, framework: { id: String(w.extraFramework) } });
  });

  it('creates one department-wide target per department and year, on a department framework', async () => {
    const target = await createTarget({ kind: 'DEPARTMENT', departmentId: w.childDept, funds: '5000000.00' });
    expect(target).toMatchObject({
      kind: 'DEPARTMENT',
      fiscalDivisionCode: w.city,
      department: { id: w.childDept },
      project: null,
      framework: { id: String(w.departmentFramework) },
    });
    const before = await targetsOfCity();

    const dup = await refusal(CREATE_TARGET, {
      input: { kind: 'DEPARTMENT', departmentId: w.childDept, fiscalYear: YEAR, funds: '1.00' },
    });
    expect(dup.extensions?.code).toBe('DUPLICATE');

    const withProject = await refusal(CREATE_TARGET, {
      input: {
        kind: 'DEPARTMENT',
        departmentId: w.otherDept,
        projectId: await insertProject(api, w, { departmentId: w.otherDept }),
        fiscalYear: YEAR,
        funds: '1.00',
      },
    });
    expect(withProject.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId' });

    const wrongFramework = await refusal(
      CREATE_TARGET,
      {
        input: {
          kind: 'DEPARTMENT',
          departmentId: w.otherDept,
          frameworkId: String(w.projectFramework),
          fiscalYear: YEAR,
          funds: '1.00',
        },
      },
      otherWriter,
    );
    expect(wrongFramework.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'frameworkId' });
    expect(wrongFramework.message).toMatch(/needs a DEPARTMENT framework/);

    const noDepartment = await refusal(CREATE_TARGET, { input: { kind: 'DEPARTMENT', fiscalYear: YEAR, funds: '1' } });
    expect(noDepartment.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departmentId' });
    expect(await targetsOfCity()).toBe(before);
  });

  it('splits a transfer payment’s target into regional shares that may not add up to more than its funds', async () => {
    const transfer = await insertProject(api, w, {
      departmentId: w.parentDept,
      name: `老旧小区改造市级补助${uniq()}`,
      transferPayment: true,
    });
    const parent = await createTarget({ kind: 'PROJECT', projectId: transfer, funds: '1000000.00' });
    const share = (regionCode: string, funds: string, extra: Record<string, unknown> = {}) => ({
      input: { kind: 'TRANSFER_REGIONAL', parentTargetId: parent.id, regionCode, fiscalYear: YEAR, funds, ...extra },
    });

    const a = (await writer.ok<{ createPerformanceTarget: Target }>(CREATE_TARGET, share(w.districtA, '600000.00')))
      .createPerformanceTarget;
    expect(a).toMatchObject({
      kind: 'TRANSFER_REGIONAL',
      fiscalDivisionCode: w.city,
      region: { code: w.districtA },
      parent: { id: parent.id },
      project: { id: transfer },
      department: { id: w.parentDept },
      framework: { id: String(w.projectFramework) },
      funds: '600000.00',
    });
    await writer.ok(CREATE_TARGET, share(w.districtB, '400000.00'));
    const before = await targetsOfCity();

    const over = await refusal(CREATE_TARGET, share(w.districtC, '0.01'));
    expect(over.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'funds' });
    expect(over.message).toBe(
      "The regional shares would total 1000000.01 yuan (1000000.00 already allocated + 0.01), more than the parent target's funds of 1000000.00; lower this share to at most 0.00.",
    );
    expect((await refusal(CREATE_TARGET, share(w.districtA, '0.00'))).extensions?.code).toBe('DUPLICATE');
    const notChild = await refusal(CREATE_TARGET, share(w.elsewhere, '0.00'));
    expect(notChild.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    const wrongYear = await refusal(CREATE_TARGET, share(w.districtC, '0.00', { fiscalYear: YEAR + 1 }));
    expect(wrongYear.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fiscalYear' });
    const ofShare = await refusal(CREATE_TARGET, share(w.districtC, '0.00', { parentTargetId: a.id }));
    expect(ofShare.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentTargetId' });
    const noRegion = await refusal(CREATE_TARGET, share(w.districtC, '0.00', { regionCode: undefined }));
    expect(noRegion.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });

    const ordinary = await projectTarget();
    const notTransfer = await refusal(CREATE_TARGET, share(w.districtC, '0.00', { parentTargetId: ordinary.id }));
    expect(notTransfer.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentTargetId' });
    expect(notTransfer.message).toMatch(/not a transfer payment \(转移支付\)/);
    expect(await targetsOfCity()).toBe(before + 1);

    // Changing funds keeps the invariant from both sides.
    const shareUp = await refusal(UPDATE_TARGET, { id: a.id, input: { funds: '600000.01' } });
    expect(shareUp.extensions?.code).toBe('BAD_USER_INPUT');
    const parentDown = await refusal(UPDATE_TARGET, { id: parent.id, input: { funds: '999999.99' } });
    expect(parentDown.extensions?.code).toBe('BAD_USER_INPUT');
    expect(parentDown.message).toMatch(/already total 1000000.00 yuan/);
    expect(await stored(a.id)).toMatchObject({ funds: '600000.00', version: 1 });
    expect(await stored(parent.id)).toMatchObject({ funds: '1000000.00', version: 1 });
    await writer.ok(UPDATE_TARGET, { id: a.id, input: { funds: '500000.00' } });
    await writer.ok(CREATE_TARGET, share(w.districtC, '100000.00'));

    const tree = await writer.ok<{
      performanceTarget: { regionalShares: Array<{ funds: string; region: { code: string } }> };
    }>(GET_TARGET, { id: parent.id });
    const expected = [
      { funds: '500000.00', region: { code: w.districtA } },
      { funds: '400000.00', region: { code: w.districtB } },
      { funds: '100000.00', region: { code: w.districtC } },
    ].sort((x, y) => x.region.code.localeCompare(y.region.code));
    expect(tree.performanceTarget.regionalShares).toEqual(expected);
    const byParent = await writer.ok<{ performanceTargets: { totalCount: number } }>(LIST_TARGETS, {
      filter: { parentId: parent.id },
    });
    expect(byParent.performanceTargets.totalCount).toBe(3);

    const del = await refusal(DELETE_TARGET, { id: parent.id });
    expect(del.extensions?.code).toBe('STILL_REFERENCED');
    expect(del.message).toMatch(/3 regional shares/);
    expect(await count('performance_target where id = ?', [parent.id])).toBe(1);
  });

  it('edits and deletes only drafts, and refuses a stale version', async () => {
    const target = await projectTarget();
    const updated = await writer.ok<{ updatePerformanceTarget: Target }>(UPDATE_TARGET, {
      id: target.id,
      input: { version: 1, overallGoal: '新目标', annualGoal: '年度', funds: '2000.00', measures: '专款专用' },
    });
    expect(updated.updatePerformanceTarget).toMatchObject({
      overallGoal: '新目标',
      annualGoal: '年度',
      funds: '2000.00',
      measures: '专款专用',
      version: 2,
    });
    const cleared = await writer.ok<{ updatePerformanceTarget: Target }>(UPDATE_TARGET, {
      id: target.id,
      input: { measures: null },
    });
    expect(cleared.updatePerformanceTarget).toMatchObject({ measures: null, overallGoal: '新目标', version: 3 });

    const stale = await refusal(UPDATE_TARGET, { id: target.id, input: { version: 2, overallGoal: '覆盖' } });
    expect(stale.extensions?.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/your version 2, now 3/);
    const staleDelete = await refusal(DELETE_TARGET, { id: target.id, version: 1 });
    expect(staleDelete.extensions?.code).toBe('CONFLICT');
    expect(await stored(target.id)).toEqual({
      funds: '2000.00',
      overall_goal: '新目标',
      measures: null,
      status: 'DRAFT',
      version: 3,
    });

    const row = await addRow(target.id, w.library.trainees);
    await api.sql("update performance_target set status = 'INITIAL_REVIEW' where id = ?", [target.id]);
    const locked = await stored(target.id);
    const notEditable = await refusal(UPDATE_TARGET, { id: target.id, input: { overallGoal: 'x' } });
    expect(notEditable.extensions).toMatchObject({ code: 'TARGET_NOT_EDITABLE', status: 'INITIAL_REVIEW' });
    expect(notEditable.message).toMatch(/is INITIAL_REVIEW \(双初审\); only a DRAFT target can be changed/);
    expect((await refusal(DELETE_TARGET, { id: target.id })).extensions?.code).toBe('TARGET_NOT_EDITABLE');
    const rowAdd = await refusal(ADD_ROW, {
      input: { targetId: target.id, indicatorId: String(w.library.passRate), targetValue: '90' },
    });
    expect(rowAdd.extensions?.code).toBe('TARGET_NOT_EDITABLE');
    const rowUpdate = await refusal(UPDATE_ROW, { id: row.id, input: { targetValue: '1' } });
    expect(rowUpdate.extensions?.code).toBe('TARGET_NOT_EDITABLE');
    expect((await refusal(REMOVE_ROW, { id: row.id })).extensions?.code).toBe('TARGET_NOT_EDITABLE');
    expect(await stored(target.id)).toEqual(locked);
    expect(await rowsOf(target.id)).toBe(1);
    const rowNow = await api.sql<{ target_value: string }>('select target_value from target_indicator where id = ?', [
      row.id,
    ]);
    expect(rowNow[0]?.target_value).toBe('95');

    const missing = await refusal(UPDATE_TARGET, { id: '999999999', input: { overallGoal: 'x' } });
    expect(missing.extensions?.code).toBe('NOT_FOUND');
  });

  it('deletes a draft target with its rows', async () => {
    const target = await projectTarget();
    await addRow(target.id, w.library.trainees);
    await addRow(target.id, w.library.satisfaction, { targetValue: '群众满意' });
    const data = await writer.ok<{ deletePerformanceTarget: boolean }>(DELETE_TARGET, { id: target.id, version: 3 });
    expect(data.deletePerformanceTarget).toBe(true);
    expect(await count('performance_target where id = ?', [target.id])).toBe(0);
    expect(await rowsOf(target.id)).toBe(0);
  });
});

describe('target rows', () => {
  it('uses only published, enabled indicators the target’s department can see (先入库、后使用)', async () => {
    // A target of the child unit: it sees the public library and what its first-level unit owns.
    const target = await projectTarget(w.childDept);
    const add = (indicatorId: number) =>
      refusal(ADD_ROW, { input: { targetId: target.id, indicatorId: String(indicatorId), targetValue: '90' } });

    const draft = await add(w.library.draft);
    expect(draft.extensions).toMatchObject({ code: 'INDICATOR_NOT_PUBLISHED', field: 'indicatorId' });
    expect(draft.message).toMatch(/must be admitted to the library first \(先入库、后使用\)/);
    const disabled = await add(w.library.disabled);
    expect(disabled.extensions?.code).toBe('INDICATOR_NOT_PUBLISHED');
    expect(disabled.message).toMatch(/disabled/);
    expect((await add(w.library.privateOther)).extensions?.code).toBe('INDICATOR_NOT_VISIBLE');
    expect((await add(w.library.foreign)).extensions?.code).toBe('INDICATOR_NOT_VISIBLE');
    expect((await add(999999999)).extensions).toMatchObject({ code: 'INVALID_REFERENCE', field: 'indicatorId' });
    expect(await rowsOf(target.id)).toBe(0);
    expect(await stored(target.id)).toMatchObject({ version: 1 });

    const own = await addRow(target.id, w.library.parentOwned, { targetValue: '100%' });
    expect(own).toMatchObject({ comparator: 'GE', unit: '%', numericValue: '100.0000' });
    // The owner's own department sees it too; the unrelated department does not.
    const other = await projectTarget(w.otherDept);
    const hidden = await refusal(
      ADD_ROW,
      { input: { targetId: other.id, indicatorId: String(w.library.parentOwned), targetValue: '100' } },
      otherWriter,
    );
    expect(hidden.extensions?.code).toBe('INDICATOR_NOT_VISIBLE');
    expect(await rowsOf(other.id)).toBe(0);
  });

  it('requires a unit for quantitative rows, a number as their value, and a weight from 0 to 100', async () => {
    const target = await projectTarget();
    const add = (indicatorId: number, input: Record<string, unknown>) =>
      refusal(ADD_ROW, {
        input: { targetId: target.id, indicatorId: String(indicatorId), targetValue: '90', ...input },
      });

    const qualitativeAsNumber = await add(w.library.satisfaction, { comparator: 'GE' });
    expect(qualitativeAsNumber.extensions).toMatchObject({ code: 'UNIT_REQUIRED', field: 'unit' });
    expect((await add(w.library.noUnit, { unit: '  ' })).extensions?.code).toBe('UNIT_REQUIRED');
    const words = await add(w.library.trainees, { targetValue: '约六万人' });
    expect(words.extensions).toMatchObject({ code: 'VALUE_NOT_NUMERIC', field: 'targetValue' });
    expect(words.message).toMatch(/62,000/);
    expect((await add(w.library.trainees, { weight: '100.5' })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'weight',
    });
    expect(await rowsOf(target.id)).toBe(0);

    const classes = await addRow(target.id, w.library.noUnit, { targetValue: '12', unit: '期', weight: '100' });
    expect(classes).toMatchObject({ unit: '期', numericValue: '12.0000', weight: '100.00' });
    const statement = await addRow(target.id, w.library.satisfaction, { targetValue: '显著提高', unit: null });
    expect(statement).toMatchObject({ comparator: 'QUALITATIVE', numericValue: null, unit: null });
  });

  it('refuses the same indicator twice in one target and period, whatever its version', async () => {
    const target = await projectTarget();
    const code = uniq('GX');
    const common = { division: w.city, category: w.library.commonCategory, node: w.library.node, code };
    const v1 = await insertIndicator(api, { ...common, name: '培训计划按期完成率', comparator: 'EQ' });
    const first = await addRow(target.id, v1, { targetValue: '100%' });
    expect(first).toMatchObject({ comparator: 'EQ', indicatorVersion: 1 });

    const again = await refusal(ADD_ROW, {
      input: { targetId: target.id, indicatorId: String(v1), targetValue: '90' },
    });
    expect(again.extensions).toMatchObject({ code: 'DUPLICATE_INDICATOR_ROW', field: 'indicatorId' });
    expect(again.message).toContain(code);

    // A modification publishes version 2 and supersedes version 1; the row keeps version 1.
    await api.sql("update indicator set status = 'SUPERSEDED' where id = ?", [v1]);
    const v2 = await insertIndicator(api, { ...common, name: '培训计划按期完成率', comparator: 'EQ', version: 2 });
    const newVersion = await refusal(ADD_ROW, {
      input: { targetId: target.id, indicatorId: String(v2), targetValue: '90' },
    });
    expect(newVersion.extensions?.code).toBe('DUPLICATE_INDICATOR_ROW');
    const superseded = await refusal(ADD_ROW, {
      input: { targetId: target.id, indicatorId: String(v1), targetValue: '90', period: 'TOTAL' },
    });
    expect(superseded.extensions?.code).toBe('INDICATOR_NOT_PUBLISHED');
    expect(superseded.message).toMatch(/newer version/);
    expect(await rowsOf(target.id)).toBe(1);

    // The whole-term row of the same indicator is another row.
    const total = await addRow(target.id, v2, { targetValue: '100%', period: 'TOTAL' });
    expect(total).toMatchObject({ period: 'TOTAL', indicatorVersion: 2 });
    const rows = await writer.ok<{ performanceTarget: { rows: Array<{ indicatorVersion: number; period: string }> } }>(
      GET_TARGET,
      { id: target.id },
    );
    expect(rows.performanceTarget.rows.map((r) => [r.period, r.indicatorVersion])).toEqual([
      ['ANNUAL', 1],
      ['TOTAL', 2],
    ]);
  });

  it('updates and removes rows under the same rules, counting each change in the target’s version', async () => {
    const target = await projectTarget();
    const row = await addRow(target.id, w.library.trainees, { targetValue: '50000', weight: '40' });
    await addRow(target.id, w.library.trainees, { targetValue: '150000', period: 'TOTAL' });

    const changed = await writer.ok<{ updateTargetIndicator: Row }>(UPDATE_ROW, {
      id: row.id,
      input: { targetValue: '70,000', weight: null, sortOrder: 5 },
    });
    expect(changed.updateTargetIndicator).toMatchObject({
      targetValue: '70,000',
      numericValue: '70000.0000',
      weight: null,
      unit: '人次',
      sortOrder: 5,
    });
    const qualitative = await writer.ok<{ updateTargetIndicator: Row }>(UPDATE_ROW, {
      id: row.id,
      input: { comparator: 'QUALITATIVE', targetValue: '稳步提高', unit: null },
    });
    expect(qualitative.updateTargetIndicator).toMatchObject({
      comparator: 'QUALITATIVE',
      numericValue: null,
      unit: null,
    });

    const noUnit = await refusal(UPDATE_ROW, { id: row.id, input: { comparator: 'GE', targetValue: '1' } });
    expect(noUnit.extensions?.code).toBe('UNIT_REQUIRED');
    const notNumber = await refusal(UPDATE_ROW, { id: row.id, input: { comparator: 'GE', unit: '人次' } });
    expect(notNumber.extensions?.code).toBe('VALUE_NOT_NUMERIC');
    const clash = await refusal(UPDATE_ROW, { id: row.id, input: { period: 'TOTAL' } });
    expect(clash.extensions?.code).toBe('DUPLICATE_INDICATOR_ROW');
    const stillThere = await api.sql<Record<string, unknown>>(
      'select comparator, target_value, unit, period from target_indicator where id = ?',
      [row.id],
    );
    expect(stillThere[0]).toEqual({
      comparator: 'QUALITATIVE',
      target_value: '稳步提高',
      unit: null,
      period: 'ANNUAL',
    });

    expect(await stored(target.id)).toMatchObject({ version: 5 });
    const removed = await writer.ok<{ removeTargetIndicator: boolean }>(REMOVE_ROW, { id: row.id });
    expect(removed.removeTargetIndicator).toBe(true);
    expect(await rowsOf(target.id)).toBe(1);
    expect(await stored(target.id)).toMatchObject({ version: 6 });
    expect((await refusal(REMOVE_ROW, { id: row.id })).extensions?.code).toBe('NOT_FOUND');
  });
});

describe('the audit trail of target writes', () => {
  interface Entry {
    action: string;
    actorLogin: string;
    actorRoles: string[];
    changes: { field: string; before: string | null; after: string | null }[];
  }
  const historyOf = async (type: string, id: string, client = writer): Promise<Entry[]> =>
    (await client.ok<{ history: Entry[] }>(HISTORY, { type, id })).history;
  const changesOf = (e: Entry | undefined) =>
    Object.fromEntries((e?.changes ?? []).map((c) => [c.field, [c.before, c.after]]));
  const auditCount = () => count('audit_entry where fiscal_division_code = ?', [w.city]);

  it('records who created, changed and deleted a target and its rows, with the fields before and after', async () => {
    const target = await projectTarget(w.parentDept, { overallGoal: '初始目标' });
    await writer.ok(UPDATE_TARGET, { id: target.id, input: { overallGoal: '审计目标', funds: '2000.50' } });
    const row = await addRow(target.id, w.library.trainees, { targetValue: '50000', weight: '40' });
    await writer.ok(UPDATE_ROW, { id: row.id, input: { targetValue: '60000' } });
    await writer.ok(REMOVE_ROW, { id: row.id });

    const trail = await historyOf('PerformanceTarget', target.id);
    // Row edits are recorded on the row, not as changes of the target.
    expect(trail.map((e) => e.action)).toEqual(['CREATE', 'UPDATE']);
    for (const e of trail) {
      expect(e).toMatchObject({ actorLogin: w.users.preparer.loginName, actorRoles: ['UNIT_PREPARER'] });
    }
    expect(changesOf(trail[0])).toMatchObject({
      kind: [null, '"PROJECT"'],
      fiscalYear: [null, String(YEAR)],
      departmentId: [null, w.parentDept],
      overallGoal: [null, '"初始目标"'],
      funds: [null, '"100000.00"'],
    });
    expect(changesOf(trail[1])).toEqual({
      overallGoal: ['"初始目标"', '"审计目标"'],
      funds: ['"100000.00"', '"2000.50"'],
    });

    const rowTrail = await historyOf('TargetIndicator', row.id);
    expect(rowTrail.map((e) => e.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
    expect(rowTrail.every((e) => e.actorLogin === w.users.preparer.loginName)).toBe(true);
    expect(changesOf(rowTrail[0])).toMatchObject({
      targetId: [null, target.id],
      indicatorId: [null, String(w.library.trainees)],
      targetValue: [null, '"50000"'],
      weight: [null, '"40.00"'],
    });
    expect(changesOf(rowTrail[1])).toEqual({
      targetValue: ['"50000"', '"60000"'],
      numericValue: ['"50000.0000"', '"60000.0000"'],
    });
    expect(changesOf(rowTrail[2])).toMatchObject({ targetValue: ['"60000"', null], unit: ['"人次"', null] });

    // The bureau reads the same trail; another department's preparer sees none of it.
    expect(await historyOf('TargetIndicator', row.id, bureau)).toHaveLength(3);
    expect(await historyOf('PerformanceTarget', target.id, otherWriter)).toEqual([]);

    await writer.ok(DELETE_TARGET, { id: target.id });
    const deleted = await historyOf('PerformanceTarget', target.id);
    expect(deleted.map((e) => e.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
    expect(changesOf(deleted[2])).toMatchObject({ funds: ['"2000.50"', null], overallGoal: ['"审计目标"', null] });
  });

  it('a refused write adds no audit entry', async () => {
    const target = await projectTarget();
    const row = await addRow(target.id, w.library.trainees);
    const before = await auditCount();
    expect(before).toBeGreaterThan(0);
    const stale = await refusal(UPDATE_TARGET, { id: target.id, input: { version: 1, overallGoal: 'x' } });
    expect(stale.extensions?.code).toBe('CONFLICT');
    const badFunds = await refusal(UPDATE_TARGET, { id: target.id, input: { funds: '-1.00' } });
    expect(badFunds.extensions?.code).toBe('BAD_USER_INPUT');
    const draftIndicator = await refusal(ADD_ROW, {
      input: { targetId: target.id, indicatorId: String(w.library.draft), targetValue: '1' },
    });
    expect(draftIndicator.extensions?.code).toBeDefined();
    const notNumber = await refusal(UPDATE_ROW, { id: row.id, input: { targetValue: '很多' } });
    expect(notNumber.extensions?.code).toBe('VALUE_NOT_NUMERIC');
    const foreign = await refusal(REMOVE_ROW, { id: row.id }, otherWriter);
    expect(foreign.extensions?.code).toBe('NOT_FOUND');
    const foreignDelete = await refusal(DELETE_TARGET, { id: target.id }, otherWriter);
    expect(foreignDelete.extensions?.code).toBe('NOT_FOUND');
    const noProject = await refusal(CREATE_TARGET, { input: { kind: 'PROJECT', fiscalYear: YEAR, funds: '1.00' } });
    expect(noProject.extensions?.code).toBeDefined();
    expect(await auditCount()).toBe(before);
    expect((await historyOf('TargetIndicator', row.id)).map((e) => e.action)).toEqual(['CREATE']);
  });
});

describe('target lists', () => {
  it('filters and sorts targets', async () => {
    const year = YEAR + 5;
    const fw = String(w.extraFramework);
    const tag = uniq();
    const pa = await insertProject(api, w, { departmentId: w.parentDept, name: `城乡低保资金${tag}` });
    const pb = await insertProject(api, w, {
      departmentId: w.childDept,
      name: `养老服务补贴${tag}`,
      budgetType: 'GOVERNMENT_FUND',
    });
    const a = await createTarget({ kind: 'PROJECT', projectId: pa, fiscalYear: year, frameworkId: fw, funds: '300' });
    const b = await createTarget({ kind: 'PROJECT', projectId: pb, fiscalYear: year, frameworkId: fw, funds: '100' });
    const d = await createTarget(
      {
        kind: 'DEPARTMENT',
        departmentId: w.otherDept,
        fiscalYear: year,
        frameworkId: String(w.departmentFramework),
        funds: '200',
      },
      otherWriter,
    );
    await api.sql("update performance_target set status = 'RECHECK', grade = 'GOOD' where id = ?", [b.id]);
    await api.sql("update performance_target set status = 'DEPARTMENT_REVIEW' where id = ?", [d.id]);

    const ids = async (filter: Record<string, unknown>, sort: unknown[] = [{ field: 'FUNDS', direction: 'DESC' }]) => {
      const data = await bureau.ok<{ performanceTargets: { totalCount: number; items: Array<{ id: string }> } }>(
        LIST_TARGETS,
        { filter: { fiscalDivisionCode: w.city, fiscalYear: year, ...filter }, sort },
      );
      expect(data.performanceTargets.totalCount).toBe(data.performanceTargets.items.length);
      return data.performanceTargets.items.map((t) => t.id);
    };
    expect(await ids({})).toEqual([a.id, d.id, b.id]);
    expect(await ids({}, [{ field: 'CREATED_AT', direction: 'DESC' }])).toEqual([d.id, b.id, a.id]);
    // Statuses sort in lifecycle order (草稿, 部门自审, ..., 复核), not alphabetically.
    expect(await ids({}, [{ field: 'STATUS' }, { field: 'FUNDS' }])).toEqual([a.id, d.id, b.id]);
    expect(await ids({ kind: 'DEPARTMENT' })).toEqual([d.id]);
    expect(await ids({ status: 'RECHECK' })).toEqual([b.id]);
    expect(await ids({ statuses: ['DRAFT', 'DEPARTMENT_REVIEW'] })).toEqual([a.id, d.id]);
    expect(await ids({ departmentId: w.parentDept })).toEqual([a.id]);
    expect(await ids({ departmentId: w.parentDept, includeChildUnits: true })).toEqual([a.id, b.id]);
    expect(await ids({ projectId: pb })).toEqual([b.id]);
    expect(await ids({ grade: 'GOOD' })).toEqual([b.id]);
    expect(await ids({ budgetType: 'GOVERNMENT_FUND' })).toEqual([b.id]);
    expect(await ids({ search: `养老服务补贴${tag}` })).toEqual([b.id]);
    expect(await ids({ search: w.parentDeptName })).toEqual([a.id]);
    expect(await ids({ search: '救助管理站' })).toEqual([b.id]);
    expect(await ids({ ids: [a.id, d.id] })).toEqual([a.id, d.id]);
    expect(await ids({ search: '100%_' })).toEqual([]);

    const page = await bureau.ok<{ performanceTargets: { totalCount: number; items: Array<{ id: string }> } }>(
      LIST_TARGETS,
      {
        filter: { fiscalDivisionCode: w.city, fiscalYear: year },
        sort: [{ field: 'FUNDS' }],
        offset: 1,
        limit: 1,
      },
    );
    expect(page.performanceTargets).toEqual({ totalCount: 3, items: [{ id: d.id, quantificationRatio: null }] });
  });

  it('filters target rows by target, indicator and comparator', async () => {
    const target = await projectTarget();
    const trainees = await addRow(target.id, w.library.trainees);
    const statement = await addRow(target.id, w.library.satisfaction, { targetValue: '提高' });
    const rate = await addRow(target.id, w.library.passRate, { comparator: 'EQ', targetValue: '100' });
    const rows = async (filter: Record<string, unknown>, sort?: unknown[]) => {
      const data = await writer.ok<{ targetIndicators: { totalCount: number; items: Array<{ id: string }> } }>(
        LIST_ROWS,
        {
          filter: { targetId: target.id, ...filter },
          sort,
        },
      );
      return data.targetIndicators.items.map((r) => r.id);
    };
    expect(await rows({})).toEqual([trainees.id, statement.id, rate.id]);
    expect(await rows({}, [{ field: 'SORT_ORDER', direction: 'DESC' }])).toEqual([rate.id, statement.id, trainees.id]);
    expect(await rows({ comparator: 'QUALITATIVE' })).toEqual([statement.id]);
    expect(await rows({ indicatorId: String(w.library.passRate) })).toEqual([rate.id]);
    expect(await rows({ indicatorIds: [String(w.library.passRate), String(w.library.satisfaction)] })).toEqual([
      statement.id,
      rate.id,
    ]);
    expect(await rows({ indicatorIds: [] })).toEqual([]);
    const byIndicator = await writer.ok<{ targetIndicators: { totalCount: number } }>(LIST_ROWS, {
      filter: { indicatorId: String(w.library.satisfaction) },
    });
    expect(byIndicator.targetIndicators.totalCount).toBeGreaterThanOrEqual(1);
    const unknown = await writer.gql<{ performanceTarget: null; targetIndicator: null }>(
      'query { performanceTarget(id: "999999999") { id } targetIndicator(id: "999999999") { id } }',
    );
    expect(unknown.data).toEqual({ performanceTarget: null, targetIndicator: null });
    const byPath = [...(unknown.errors ?? [])].sort((x, y) => String(x.path?.[0]).localeCompare(String(y.path?.[0])));
    expect(byPath.map((e) => [e.path?.[0], e.extensions?.code, e.message])).toEqual([
      ['performanceTarget', 'NOT_FOUND', 'PerformanceTarget 999999999 does not exist.'],
      ['targetIndicator', 'NOT_FOUND', 'TargetIndicator 999999999 does not exist.'],
    ]);
  });

  it('serves a page of targets with their relations in a fixed number of statements', async () => {
    const year = YEAR + 6;
    for (let i = 0; i < 4; i++) {
      const projectId = await insertProject(api, w, { departmentId: i % 2 ? w.childDept : w.parentDept });
      const t = await createTarget({
        kind: 'PROJECT',
        projectId,
        fiscalYear: year,
        frameworkId: String(w.extraFramework),
      });
      await addRow(t.id, w.library.trainees);
      await addRow(t.id, w.library.satisfaction, { targetValue: '提高' });
    }
    const run = async (limit: number) => {
      const r = await bureau.gql<{
        performanceTargets: { items: Array<{ rows: unknown[]; quantificationRatio: number }> };
      }>(NESTED_TARGETS, { filter: { fiscalDivisionCode: w.city, fiscalYear: year }, limit });
      expect(r.errors).toBeUndefined();
      expect(r.data?.performanceTargets.items).toHaveLength(limit);
      expect(r.data?.performanceTargets.items.every((t) => t.rows.length === 2 && t.quantificationRatio === 0.5)).toBe(
        true,
      );
      return r.statements;
    };
    const one = await run(1);
    const four = await run(4);
    expect(four).toBe(one);
    expect(four).toBeLessThanOrEqual(8);
  });
});

describe('who sees which targets', () => {
  const year = YEAR + 7;
  const fw = { fiscalYear: year, frameworkId: '' };
  /** Targets of the first-level unit, its child unit and the other department, in several states. */
  let approved: Target;
  let draft: Target;
  let child: Target;
  let otherApproved: Target;
  let otherDraft: Target;
  /** A transfer target (approved) with an approved and a draft share; a draft one with an approved share. */
  let transfer: Target;
  let shareApproved: Target;
  let shareDraft: Target;
  let draftTransfer: Target;
  let orphanShare: Target;
  let approvedRows: Row[];
  let draftRow: Row;
  let otherRow: Row;
  let childUnit: Client;

  const share = (parent: Target, regionCode: string) =>
    createTarget({ kind: 'TRANSFER_REGIONAL', parentTargetId: parent.id, regionCode, funds: '1000.00', ...fw });
  const transferTarget = async (departmentId: string, client: Client) => {
    const projectId = await insertProject(api, w, { departmentId, transferPayment: true });
    return createTarget({ kind: 'PROJECT', projectId, funds: '5000.00', ...fw }, client);
  };
  const approve = (...targets: Target[]) =>
    api.sql(
      `update performance_target set status = 'APPROVED', approved_at = now() where id in (${targets.map(() => '?').join(', ')})`,
      targets.map((t) => t.id),
    );
  const list = async (client: Client, filter: Record<string, unknown> = {}) => {
    const data = await client.ok<{ performanceTargets: { totalCount: number; items: Array<{ id: string }> } }>(
      LIST_TARGETS,
      { filter: { fiscalDivisionCode: w.city, fiscalYear: year, ...filter }, sort: [{ field: 'CREATED_AT' }] },
    );
    return { totalCount: data.performanceTargets.totalCount, ids: data.performanceTargets.items.map((t) => t.id) };
  };
  const ids = (...targets: Target[]) => targets.map((t) => t.id);

  beforeAll(async () => {
    fw.frameworkId = String(w.extraFramework);
    approved = await projectTarget(w.parentDept, fw);
    approvedRows = [
      await addRow(approved.id, w.library.trainees),
      await addRow(approved.id, w.library.satisfaction, { targetValue: '提高' }),
    ];
    draft = await projectTarget(w.parentDept, fw);
    draftRow = await addRow(draft.id, w.library.trainees);
    child = await projectTarget(w.childDept, fw);
    otherApproved = await projectTarget(w.otherDept, fw);
    otherDraft = await projectTarget(w.otherDept, fw);
    otherRow = await addRow(otherDraft.id, w.library.trainees, {}, otherWriter);
    transfer = await transferTarget(w.parentDept, writer);
    shareApproved = await share(transfer, w.districtA);
    shareDraft = await share(transfer, w.districtB);
    draftTransfer = await transferTarget(w.parentDept, writer);
    orphanShare = await share(draftTransfer, w.districtA);
    await approve(approved, otherApproved, transfer, shareApproved, orphanShare);
    childUnit = as(api, await userOf(api, w, Role.UNIT_PREPARER, { departmentId: w.childDept }));
  });

  it('shows anonymous callers only approved targets with their rows, shares and relations (公开同步)', async () => {
    expect(await list(api)).toEqual({
      totalCount: 5,
      ids: ids(approved, otherApproved, transfer, shareApproved, orphanShare),
    });

    const hidden = await api.gql<{ performanceTarget: null }>(GET_TARGET, { id: draft.id });
    expect(hidden.data).toEqual({ performanceTarget: null });
    expect(hidden.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['NOT_FOUND', `PerformanceTarget ${draft.id} does not exist.`],
    ]);

    const seen = await api.ok<{ performanceTarget: Record<string, unknown> }>(PUBLIC_TARGET, { id: approved.id });
    expect(seen.performanceTarget).toEqual({
      id: approved.id,
      funds: '100000.00',
      quantificationRatio: 0.5,
      rows: [
        { id: approvedRows[0]?.id, indicator: { id: String(w.library.trainees) } },
        { id: approvedRows[1]?.id, indicator: { id: String(w.library.satisfaction) } },
      ],
      regionalShares: [],
      parent: null,
    });
    const shares = await api.ok<{ performanceTarget: { regionalShares: Array<{ id: string }> } }>(PUBLIC_TARGET, {
      id: transfer.id,
    });
    expect(shares.performanceTarget.regionalShares).toEqual([{ id: shareApproved.id }]);
    // The share of a target the caller may not see is disclosed without its parent.
    const orphan = await api.ok<{ performanceTarget: { parent: null } }>(PUBLIC_TARGET, { id: orphanShare.id });
    expect(orphan.performanceTarget.parent).toBeNull();
    const withParent = await writer.ok<{ performanceTarget: { parent: { id: string } } }>(PUBLIC_TARGET, {
      id: orphanShare.id,
    });
    expect(withParent.performanceTarget.parent).toEqual({ id: draftTransfer.id });

    const rowsOf = async (targetId: string) =>
      (
        await api.ok<{ targetIndicators: { totalCount: number; items: Array<{ id: string }> } }>(LIST_ROWS, {
          filter: { targetId },
        })
      ).targetIndicators;
    expect(await rowsOf(approved.id)).toEqual({ totalCount: 2, items: approvedRows.map((r) => ({ id: r.id })) });
    expect(await rowsOf(draft.id)).toEqual({ totalCount: 0, items: [] });
    const row = await api.gql(GET_ROW, { id: draftRow.id });
    expect(row.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['NOT_FOUND', `TargetIndicator ${draftRow.id} does not exist.`],
    ]);
    const publicRow = await api.ok<{ targetIndicator: unknown }>(GET_ROW, { id: approvedRows[0]?.id });
    expect(publicRow.targetIndicator).toEqual({
      target: { id: approved.id },
      indicator: { id: String(w.library.trainees) },
    });

    const dept = await api.ok<{ department: { targets: Array<{ id: string }> } }>(DEPARTMENT_TARGETS, {
      id: w.parentDept,
    });
    expect(dept.department.targets.map((t) => t.id)).toEqual(ids(approved, transfer, shareApproved, orphanShare));
    const project = await api.ok<{ project: { targets: Array<{ id: string }> } }>(PROJECT_TARGETS, {
      id: transfer.project?.id,
    });
    expect(project.project.targets.map((t) => t.id)).toEqual(ids(transfer, shareApproved));
  });

  it('refuses the draft state of targets to anonymous callers, field by field, in filters and in sorts', async () => {
    const r = await api.gql<{ performanceTarget: Record<string, unknown> }>(DRAFT_STATE, { id: approved.id });
    expect(r.data?.performanceTarget).toEqual({
      id: approved.id,
      kind: 'PROJECT',
      funds: '100000.00',
      status: null,
      reviewRound: null,
      submittedAt: null,
      approvedAt: expect.any(String),
    });
    const refused = [...(r.errors ?? [])].sort((a, b) => String(a.path?.[1]).localeCompare(String(b.path?.[1])));
    expect(refused.map((e) => [e.path, e.extensions?.code, e.extensions?.field, e.message])).toEqual(
      ['reviewRound', 'status', 'submittedAt'].map((f) => [
        ['performanceTarget', f],
        'FORBIDDEN',
        `PerformanceTarget.${f}`,
        `Your role may not read PerformanceTarget.${f}.`,
      ]),
    );

    for (const args of [
      { filter: { status: 'APPROVED' } },
      { filter: { statuses: ['APPROVED'] } },
      { filter: {}, sort: [{ field: 'STATUS' }] },
    ]) {
      const leak = await api.gql(LIST_TARGETS, args);
      expect(leak.data).toBeNull();
      expect(leak.errors?.map((e) => [e.extensions?.code, e.extensions?.field, e.message])).toEqual([
        ['FORBIDDEN', 'PerformanceTarget.status', 'Your role may not filter or sort by PerformanceTarget.status.'],
      ]);
    }

    // A role that reads reviews reads the state and may filter by it.
    const integration = as(api, await userOf(api, w, Role.INTEGRATION));
    const status = await integration.ok<{ performanceTarget: { status: string } }>(DRAFT_STATE, { id: draft.id });
    expect(status.performanceTarget.status).toBe('DRAFT');
    expect(await list(integration, { status: 'APPROVED' })).toEqual({
      totalCount: 5,
      ids: ids(approved, otherApproved, transfer, shareApproved, orphanShare),
    });

    // A role without ReadProject reads no targets at all.
    const analyst = as(api, await userOf(api, w, Role.ANALYST));
    const refusedList = await analyst.gql(LIST_TARGETS, {});
    expect(refusedList.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['FORBIDDEN', 'Your role may not use performanceTargets.'],
    ]);
  });

  it('shows department roles their own department and its child units, and nothing of other departments', async () => {
    const ownAndChild = ids(approved, draft, child, transfer, shareApproved, shareDraft, draftTransfer, orphanShare);
    expect(await list(writer)).toEqual({ totalCount: 8, ids: ownAndChild });
    expect(await list(childUnit)).toEqual({ totalCount: 1, ids: ids(child) });
    expect(await list(otherWriter)).toEqual({ totalCount: 2, ids: ids(otherApproved, otherDraft) });
    expect(await list(writer, { departmentId: w.otherDept })).toEqual({ totalCount: 0, ids: [] });

    for (const id of [otherDraft.id, otherApproved.id]) {
      const probe = await writer.gql(GET_TARGET, { id });
      expect(probe.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['NOT_FOUND', `PerformanceTarget ${id} does not exist.`],
      ]);
    }
    const parentOfChild = await childUnit.gql(GET_TARGET, { id: draft.id });
    expect(parentOfChild.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const row = await writer.gql(GET_ROW, { id: otherRow.id });
    expect(row.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const rows = await writer.ok<{ targetIndicators: { totalCount: number } }>(LIST_ROWS, {
      filter: { targetId: otherDraft.id },
    });
    expect(rows.targetIndicators.totalCount).toBe(0);
    const dept = await writer.ok<{ department: { targets: unknown[] } }>(DEPARTMENT_TARGETS, { id: w.otherDept });
    expect(dept.department.targets).toEqual([]);
    const own = await otherWriter.ok<{ performanceTarget: { rows: Array<{ id: string }> } }>(GET_TARGET, {
      id: otherDraft.id,
    });
    expect(own.performanceTarget.rows.map((r) => r.id)).toEqual([otherRow.id]);
  });

  it('shows an expenditure reviewer the departments its division manages, with their child units', async () => {
    const reviewer = as(
      api,
      await userOf(api, w, Role.EXPENDITURE_REVIEWER, { financeDivisionId: w.expenditureDivision }),
    );
    expect(await list(reviewer)).toEqual({
      totalCount: 8,
      ids: ids(approved, draft, child, transfer, shareApproved, shareDraft, draftTransfer, orphanShare),
    });
    const probe = await reviewer.gql(GET_TARGET, { id: otherDraft.id });
    expect(probe.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const idle = await newFinanceDivision(api, w.city, '农业农村处');
    const nobody = as(api, await userOf(api, w, Role.EXPENDITURE_REVIEWER, { financeDivisionId: idle }));
    expect(await list(nobody)).toEqual({ totalCount: 0, ids: [] });
  });

  it('refuses writes to another department’s targets exactly as if they did not exist, writing nothing', async () => {
    const otherTransfer = await transferTarget(w.otherDept, otherWriter);
    const before = {
      target: await stored(otherDraft.id),
      rows: await api.sql('select * from target_indicator where target_id = ?', [otherDraft.id]),
      targets: await targetsOfCity(),
    };
    const answer = async (query: string, variables: Record<string, unknown>, client = writer) => {
      const e = await refusal(query, variables, client);
      return [e.extensions?.code, e.message];
    };
    const missing = '999999999';

    // Changing a target or a row of another department: NOT_FOUND, word for word as for an id that does not exist.
    expect(await answer(UPDATE_TARGET, { id: otherDraft.id, input: { overallGoal: '改写' } })).toEqual([
      'NOT_FOUND',
      `PerformanceTarget ${otherDraft.id} does not exist.`,
    ]);
    expect(await answer(UPDATE_TARGET, { id: missing, input: { overallGoal: '改写' } })).toEqual([
      'NOT_FOUND',
      `PerformanceTarget ${missing} does not exist.`,
    ]);
    expect(await answer(DELETE_TARGET, { id: otherDraft.id })).toEqual([
      'NOT_FOUND',
      `PerformanceTarget ${otherDraft.id} does not exist.`,
    ]);
    expect(await answer(UPDATE_ROW, { id: otherRow.id, input: { targetValue: '1' } })).toEqual([
      'NOT_FOUND',
      `TargetIndicator ${otherRow.id} does not exist.`,
    ]);
    expect(await answer(REMOVE_ROW, { id: otherRow.id })).toEqual([
      'NOT_FOUND',
      `TargetIndicator ${otherRow.id} does not exist.`,
    ]);
    // A child unit does not write its first-level unit's targets.
    expect(await answer(UPDATE_TARGET, { id: draft.id, input: { overallGoal: '改写' } }, childUnit)).toEqual([
      'NOT_FOUND',
      `PerformanceTarget ${draft.id} does not exist.`,
    ]);

    // Naming another department's target, project or department in an input: as for an id that does not exist.
    const addTo = (targetId: string) => ({
      input: { targetId, indicatorId: String(w.library.passRate), targetValue: '90' },
    });
    expect(await answer(ADD_ROW, addTo(otherDraft.id))).toEqual(
      await answer(ADD_ROW, addTo(missing)).then(swap(missing, otherDraft.id)),
    );
    const projectInput = (projectId: string | undefined) => ({
      input: { kind: 'PROJECT', projectId, funds: '1.00', ...fw },
    });
    // The other department's project already has a target this year: no DUPLICATE may give that away.
    expect(await answer(CREATE_TARGET, projectInput(otherDraft.project?.id))).toEqual(
      await answer(CREATE_TARGET, projectInput(missing)).then(swap(missing, otherDraft.project?.id)),
    );
    const departmentInput = (departmentId: string) => ({
      input: { kind: 'DEPARTMENT', departmentId, funds: '1.00', ...fw },
    });
    expect(await answer(CREATE_TARGET, departmentInput(w.otherDept))).toEqual(
      await answer(CREATE_TARGET, departmentInput(missing)).then(swap(missing, w.otherDept)),
    );
    const shareInput = (parentTargetId: string) => ({
      input: { kind: 'TRANSFER_REGIONAL', parentTargetId, regionCode: w.districtC, funds: '1.00', ...fw },
    });
    expect(await answer(CREATE_TARGET, shareInput(otherTransfer.id))).toEqual(
      await answer(CREATE_TARGET, shareInput(missing)).then(swap(missing, otherTransfer.id)),
    );
    expect((await answer(CREATE_TARGET, shareInput(otherTransfer.id)))[0]).toBe('INVALID_REFERENCE');

    // Without WriteProject, or anonymously, no target is written at all.
    expect(await answer(CREATE_TARGET, departmentInput(w.parentDept), bureau)).toEqual([
      'FORBIDDEN',
      'Your role may not use createPerformanceTarget.',
    ]);
    expect(await answer(UPDATE_TARGET, { id: draft.id, input: { overallGoal: '改写' } }, api)).toEqual([
      'UNAUTHENTICATED',
      'Sign in to use updatePerformanceTarget.',
    ]);

    expect(await stored(otherDraft.id)).toEqual(before.target);
    expect(await api.sql('select * from target_indicator where target_id = ?', [otherDraft.id])).toEqual(before.rows);
    expect(await targetsOfCity()).toBe(before.targets);
    expect(await stored(draft.id)).toMatchObject({ overall_goal: '', version: 2 });
  });
});

/** Puts `to` where a refusal's message named `from`, to compare the answers for two ids. */
const swap =
  (from: string, to: string | undefined) =>
  ([code, message]: unknown[]): unknown[] => [code, String(message).replace(`"${from}"`, `"${to}"`)];

const TARGET_FIELDS = `id kind fiscalYear fiscalDivisionCode funds status version overallGoal annualGoal measures
  department { id } project { id } framework { id } parent { id } region { code }`;
const ROW_FIELDS = 'id comparator targetValue numericValue unit weight period sortOrder indicatorVersion';
const CREATE_TARGET = `mutation($input: CreatePerformanceTargetInput!) { createPerformanceTarget(input: $input) { ${TARGET_FIELDS} } }`;
const UPDATE_TARGET = `mutation($id: ID!, $input: UpdatePerformanceTargetInput!) {
  updatePerformanceTarget(id: $id, input: $input) { ${TARGET_FIELDS} }
}`;
const DELETE_TARGET = `mutation($id: ID!, $version: Int) { deletePerformanceTarget(id: $id, version: $version) }`;
const ADD_ROW = `mutation($input: AddTargetIndicatorInput!) { addTargetIndicator(input: $input) { ${ROW_FIELDS} } }`;
const UPDATE_ROW = `mutation($id: ID!, $input: UpdateTargetIndicatorInput!) {
  updateTargetIndicator(id: $id, input: $input) { ${ROW_FIELDS} }
}`;
const REMOVE_ROW = `mutation($id: ID!) { removeTargetIndicator(id: $id) }`;
const HISTORY = `query($type: String!, $id: ID!) {
  history(type: $type, id: $id) { action actorLogin actorRoles changes { field before after } }
}`;
const GET_TARGET = `query($id: ID!) {
  performanceTarget(id: $id) {
    ${TARGET_FIELDS}
    rows { ${ROW_FIELDS} }
    regionalShares { funds region { code } }
  }
}`;
const GET_ROW = `query($id: ID!) { targetIndicator(id: $id) { target { id } indicator { id } } }`;
const LIST_TARGETS = `query($filter: PerformanceTargetFilter, $sort: [PerformanceTargetSort!], $offset: Int, $limit: Int) {
  performanceTargets(filter: $filter, sort: $sort, offset: $offset, limit: $limit) {
    totalCount
    items { id quantificationRatio }
  }
}`;
const LIST_ROWS = `query($filter: TargetIndicatorFilter, $sort: [TargetIndicatorSort!]) {
  targetIndicators(filter: $filter, sort: $sort) { totalCount items { id } }
}`;
const PROJECT_TREE = `query($id: ID!) {
  project(id: $id) {
    targets {
      id version quantificationRatio
      rows { targetValue indicatorVersion indicator { id name } }
    }
  }
}`;
const DEPARTMENT_TARGETS = `query($id: ID!) { department(id: $id) { targets { id } } }`;
const NESTED_TARGETS = `query($filter: PerformanceTargetFilter, $limit: Int) {
  performanceTargets(filter: $filter, limit: $limit, sort: [{ field: CREATED_AT }]) {
    totalCount
    items {
      id funds quantificationRatio
      project { name }
      department { name }
      framework { id }
      regionalShares { id }
      rows { unit numericValue indicatorVersion indicator { code name } }
    }
  }
}`;
const PUBLIC_TARGET = `query($id: ID!) {
  performanceTarget(id: $id) {
    id funds quantificationRatio
    rows { id indicator { id } }
    regionalShares { id }
    parent { id }
  }
}`;
const DRAFT_STATE = `query($id: ID!) {
  performanceTarget(id: $id) { id kind funds status reviewRound submittedAt approvedAt }
}`;
const PROJECT_TARGETS = `query($id: ID!) { project(id: $id) { targets { id } } }`;
