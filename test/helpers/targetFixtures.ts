import { Role } from '../../server/modules/identity';
import { type Client, type TestApi, uniq } from './api';
import { createFiscalDivision, createUser, type TestUser } from './users';

/**
 * Arranges what the target and review tests stand on, in fiscal divisions of their own: divisions, finance
 * divisions, departments, the indicator library and projects with SQL (their own tests cover creating them), and
 * users of the roles the tests act as.
 */

export interface Library {
  /** Published common indicators of the city: 培训人次 (≥ 人次) and 培训人员合格率 (≥ %). */
  trainees: number;
  passRate: number;
  /** A published qualitative common indicator (定性, no unit). */
  satisfaction: number;
  /** A quantitative published indicator without a default unit. */
  noUnit: number;
  /** Still a DRAFT: proposed, not admitted to the library. */
  draft: number;
  /** Published but disabled. */
  disabled: number;
  /** An industry indicator private to the other department. */
  privateOther: number;
  /** A department indicator (部门个性) owned by the first-level unit. */
  parentOwned: number;
  /** A public common indicator of another fiscal division. */
  foreign: number;
  /** The library category of the common indicators. */
  commonCategory: number;
  node: number;
}

export interface World {
  /** The city-level division that owns everything. */
  city: string;
  /** Two districts of the city and one division that is not. */
  districtA: string;
  districtB: string;
  districtC: string;
  elsewhere: string;
  /** A first-level unit, its child unit, and an unrelated department (ids). */
  parentDept: string;
  childDept: string;
  otherDept: string;
  parentDeptName: string;
  /** The expenditure division (支出处室) that manages the first-level unit (and so its child unit), not the other. */
  expenditureDivision: string;
  /** Default frameworks for the world's year, and a non-default project framework. */
  projectFramework: number;
  departmentFramework: number;
  extraFramework: number;
  year: number;
  library: Library;
  users: Users;
}

/** Users of the world, signed in. */
export interface Users {
  /** UNIT_PREPARER of the first-level unit: writes its targets and its child unit's. */
  preparer: TestUser;
  /** UNIT_PREPARER of the unrelated department. */
  otherPreparer: TestUser;
  /** PERFORMANCE_ADMIN of the city: reads everything, writes no targets. */
  bureau: TestUser;
}

async function insertId(api: TestApi, sql: string, params: unknown[]): Promise<number> {
  const [row] = await api.sql<{ id: number }>(`${sql} returning id`, params);
  return Number(row?.id);
}

/** A district of `parentCode` with a fresh random 9-digit code. */
export async function newDistrict(api: TestApi, name: string, parentCode: string): Promise<string> {
  for (;;) {
    const code = `9${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const inserted = await api.sql<{ code: string }>(
      `insert into fiscal_division (code, name, level, parent_code, created_at, updated_at)
       values (?, ?, 'DISTRICT', ?, now(), now()) on conflict do nothing returning code`,
      [code, `${name}${code}`, parentCode],
    );
    if (inserted.length) return code;
  }
}

export async function newDepartment(
  api: TestApi,
  city: string,
  name: string,
  options: { parentId?: string; managingDivisionId?: string } = {},
): Promise<string> {
  const id = await insertId(
    api,
    `insert into department (fiscal_division_code, code, name, kind, parent_id, managing_division_id, created_at,
       updated_at)
     values (?, ?, ?, 'ADMINISTRATIVE', ?, ?, now(), now())`,
    [city, uniq('D'), name, options.parentId ?? null, options.managingDivisionId ?? null],
  );
  return String(id);
}

export async function newFinanceDivision(
  api: TestApi,
  city: string,
  name: string,
  kind: 'EXPENDITURE' | 'BUDGET' | 'PERFORMANCE' | 'EVALUATION_CENTER' = 'EXPENDITURE',
): Promise<string> {
  const id = await insertId(
    api,
    `insert into finance_division (fiscal_division_code, code, name, kind, created_at, updated_at)
     values (?, ?, ?, ?, now(), now())`,
    [city, uniq('FD'), name, kind],
  );
  return String(id);
}

/** A signed-in user of the world's city with one role, scoped to a department or finance division where it needs one. */
export function userOf(
  api: TestApi,
  w: Pick<World, 'city'>,
  role: Role,
  scope: { departmentId?: string; financeDivisionId?: string } = {},
): Promise<TestUser> {
  return createUser(api, { roles: [role], fiscalDivisionCode: w.city, ...scope });
}

/** The client of a signed-in user. */
export const as = (api: TestApi, user: TestUser): Client => api.as(user.token);

interface IndicatorSpec {
  division: string;
  category: number;
  node: number;
  name: string;
  code?: string;
  version?: number;
  scope?: 'COMMON' | 'INDUSTRY' | 'DEPARTMENT';
  comparator?: string;
  unit?: string | null;
  valueType?: 'QUANTITATIVE' | 'QUALITATIVE';
  visibility?: 'PUBLIC' | 'PRIVATE';
  owner?: string | null;
  status?: 'DRAFT' | 'PUBLISHED' | 'SUPERSEDED' | 'RETIRED';
  enabled?: boolean;
}

export function insertIndicator(api: TestApi, s: IndicatorSpec): Promise<number> {
  return insertId(
    api,
    `insert into indicator (fiscal_division_code, code, version_no, name, scope, category_id, level1node_id,
       default_comparator, default_unit, value_type, visibility, owner_department_id, status, enabled,
       published_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now(), now())`,
    [
      s.division,
      s.code ?? uniq('GX'),
      s.version ?? 1,
      s.name,
      s.scope ?? 'COMMON',
      s.category,
      s.node,
      s.comparator ?? 'GE',
      s.unit === undefined ? '%' : s.unit,
      s.valueType ?? 'QUANTITATIVE',
      s.visibility ?? 'PUBLIC',
      s.owner ?? null,
      s.status ?? 'PUBLISHED',
      s.enabled ?? true,
    ],
  );
}

function insertCategory(api: TestApi, division: string, scope: string, name: string, owner: string | null = null) {
  return insertId(
    api,
    'insert into indicator_category (fiscal_division_code, scope, code, name, owner_department_id) values (?, ?, ?, ?, ?)',
    [division, scope, uniq('C'), name, owner],
  );
}

function insertFramework(api: TestApi, kind: 'PROJECT' | 'DEPARTMENT', year: number, isDefault: boolean) {
  return insertId(
    api,
    'insert into indicator_framework (code, name, kind, from_year, is_default) values (?, ?, ?, ?, ?)',
    [uniq('FW'), `测试${kind}指标体系`, kind, year, isDefault],
  );
}

/**
 * A city with districts, departments and a small library. Its default frameworks start in `year` (a year no other
 * data uses, so that they are the defaults for it); call `releaseDefaults` after the tests.
 */
export async function buildWorld(api: TestApi, year: number): Promise<World> {
  const city = await createFiscalDivision(api, '测试市');
  const districtA = await newDistrict(api, '测试金水区', city);
  const districtB = await newDistrict(api, '测试二七区', city);
  const districtC = await newDistrict(api, '测试中原区', city);
  const elsewhere = await createFiscalDivision(api, '测试外市');
  const expenditureDivision = await newFinanceDivision(api, city, '社会保障处');
  const parentDeptName = `测试民政局${uniq()}`;
  const parentDept = await newDepartment(api, city, parentDeptName, { managingDivisionId: expenditureDivision });
  const childDept = await newDepartment(api, city, '测试救助管理站', { parentId: parentDept });
  const otherDept = await newDepartment(api, city, '测试城市管理局');
  const users: Users = {
    preparer: await userOf(api, { city }, Role.UNIT_PREPARER, { departmentId: parentDept }),
    otherPreparer: await userOf(api, { city }, Role.UNIT_PREPARER, { departmentId: otherDept }),
    bureau: await userOf(api, { city }, Role.PERFORMANCE_ADMIN),
  };

  const projectFramework = await insertFramework(api, 'PROJECT', year, true);
  const departmentFramework = await insertFramework(api, 'DEPARTMENT', year, true);
  const extraFramework = await insertFramework(api, 'PROJECT', year, false);
  const node = await insertId(
    api,
    "insert into indicator_framework_node (framework_id, level, code, name) values (?, 1, 'CC', '产出')",
    [projectFramework],
  );
  const commonCategory = await insertCategory(api, city, 'COMMON', '会议培训');
  const industryCategory = await insertCategory(api, city, 'INDUSTRY', '城市管理', otherDept);
  const deptCategory = await insertCategory(api, city, 'DEPARTMENT', '民政个性', parentDept);
  const foreignCategory = await insertCategory(api, elsewhere, 'COMMON', '外市共性');
  const common = { division: city, category: commonCategory, node };

  const library: Library = {
    trainees: await insertIndicator(api, { ...common, name: '培训人次', unit: '人次' }),
    passRate: await insertIndicator(api, { ...common, name: '培训人员合格率' }),
    satisfaction: await insertIndicator(api, {
      ...common,
      name: '服务对象满意度提升',
      comparator: 'QUALITATIVE',
      unit: null,
      valueType: 'QUALITATIVE',
    }),
    noUnit: await insertIndicator(api, { ...common, name: '培训班次', unit: null }),
    draft: await insertIndicator(api, { ...common, name: '智慧环卫车辆在线率', status: 'DRAFT' }),
    disabled: await insertIndicator(api, { ...common, name: '停用指标', enabled: false }),
    privateOther: await insertIndicator(api, {
      division: city,
      category: industryCategory,
      node,
      name: '主次干道机械化清扫率',
      scope: 'INDUSTRY',
      visibility: 'PRIVATE',
      owner: otherDept,
    }),
    parentOwned: await insertIndicator(api, {
      division: city,
      category: deptCategory,
      node,
      name: '低保金按月足额发放率',
      scope: 'DEPARTMENT',
      visibility: 'PRIVATE',
      owner: parentDept,
    }),
    foreign: await insertIndicator(api, { division: elsewhere, category: foreignCategory, node, name: '外市指标' }),
    commonCategory,
    node,
  };
  return {
    city,
    districtA,
    districtB,
    districtC,
    elsewhere,
    parentDept,
    childDept,
    otherDept,
    parentDeptName,
    expenditureDivision,
    projectFramework,
    departmentFramework,
    extraFramework,
    year,
    library,
    users,
  };
}

/** Takes the world's frameworks out of the default set again, so that other test files are not affected. */
export async function releaseDefaults(api: TestApi, world: World): Promise<void> {
  await api.sql('update indicator_framework set is_default = false where id in (?, ?)', [
    world.projectFramework,
    world.departmentFramework,
  ]);
}

export interface ProjectSpec {
  departmentId: string;
  name?: string;
  transferPayment?: boolean;
  budgetType?: 'GENERAL_PUBLIC' | 'GOVERNMENT_FUND' | 'STATE_CAPITAL' | 'SOCIAL_INSURANCE';
}

export async function insertProject(api: TestApi, world: World, p: ProjectSpec): Promise<string> {
  const id = await insertId(
    api,
    `insert into project (fiscal_division_code, code, name, department_id, attribute, start_year, budget_type,
       transfer_payment, created_at, updated_at)
     values (?, ?, ?, ?, 'NEW', ?, ?, ?, now(), now())`,
    [
      world.city,
      uniq('P'),
      p.name ?? `测试项目${uniq()}`,
      p.departmentId,
      world.year,
      p.budgetType ?? 'GENERAL_PUBLIC',
      p.transferPayment ?? false,
    ],
  );
  return String(id);
}
