import { Role } from '../../server/modules/identity';
import { type Client, type TestApi, uniq } from './api';
import { createFiscalDivision, createUser } from './users';

/** Who a test acts as: a signed-in user of the world's fiscal division (see USERS), or the anonymous public. */
export type Who = 'anonymous' | keyof typeof USERS;

/** The reference data of one test: its own fiscal division, so lists and counts see only what the test made. */
export interface BaseWorld {
  fd: string;
  /** 教科文处 (expenditure), manages 教育局 (and so its child unit, when there is one). */
  jkw: string;
  /** 社会保障处 (expenditure), manages 民政局. */
  shb: string;
  /** 教育局, a first-level unit. */
  edu: string;
  /** 民政局, a first-level unit. */
  civil: string;
  /** A client acting as a user of the world (signed in once, on first use). */
  as(who: Who): Promise<Client>;
}

/** A world that also has a budget division and a child unit. */
export interface World extends BaseWorld {
  /** 预算处 (budget division, not expenditure). */
  ysc: string;
  /** 第一中学, a child unit of 教育局 with no managing division of its own. */
  school: string;
}

type Ids = Omit<BaseWorld, 'as'> & Partial<Pick<World, 'ysc' | 'school'>>;

/** The role and scope of each user of a world. */
const USERS = {
  preparer: { roles: [Role.UNIT_PREPARER], scope: (w: Ids) => ({ departmentId: w.edu }) },
  officer: { roles: [Role.DEPARTMENT_OFFICER], scope: (w: Ids) => ({ departmentId: w.edu }) },
  schoolPreparer: { roles: [Role.UNIT_PREPARER], scope: (w: Ids) => ({ departmentId: required(w.school, 'school') }) },
  civilPreparer: { roles: [Role.UNIT_PREPARER], scope: (w: Ids) => ({ departmentId: w.civil }) },
  civilOfficer: { roles: [Role.DEPARTMENT_OFFICER], scope: (w: Ids) => ({ departmentId: w.civil }) },
  jkwReviewer: { roles: [Role.EXPENDITURE_REVIEWER], scope: (w: Ids) => ({ financeDivisionId: w.jkw }) },
  shbReviewer: { roles: [Role.EXPENDITURE_REVIEWER], scope: (w: Ids) => ({ financeDivisionId: w.shb }) },
  evaluator: { roles: [Role.EVALUATION_REVIEWER] },
  perfAdmin: { roles: [Role.PERFORMANCE_ADMIN] },
  budgetOfficer: { roles: [Role.BUDGET_OFFICER] },
  observer: { roles: [Role.OBSERVER] },
  analyst: { roles: [Role.ANALYST] },
  integration: { roles: [Role.INTEGRATION] },
  admin: { roles: [Role.ADMIN] },
} satisfies Record<
  string,
  { roles: Role[]; scope?: (w: Ids) => { departmentId?: string; financeDivisionId?: string } }
>;

function required(id: string | undefined, what: string): string {
  if (id === undefined) throw new Error(`this world has no ${what}: build it with { full: true }`);
  return id;
}

/** Inserts a row with the given SQL (without `returning`) and returns its id as a string. */
export async function insertId(api: TestApi, sql: string, params: unknown[]): Promise<string> {
  const [row] = await api.sql<{ id: number }>(`${sql} returning id`, params);
  return String(row?.id);
}

/** A signed-in client of a new user with the given roles in a fiscal division and, for scoped roles, its unit. */
export async function signIn(
  api: TestApi,
  roles: Role[],
  fiscalDivisionCode: string,
  scope: { departmentId?: number | string | null; financeDivisionId?: number | string | null } = {},
): Promise<Client> {
  return api.as((await createUser(api, { roles, fiscalDivisionCode, ...scope })).token);
}

/**
 * A world arranged with SQL (the fiscal module's own tests cover creating reference data through the API): a new
 * fiscal division named after `name`, 教科文处 and 社会保障处 managing 教育局 and 民政局, and with `full` also
 * 预算处 and 教育局's child unit 第一中学.
 */
export function buildWorld(api: TestApi, options: { name: string; full: true }): Promise<World>;
export function buildWorld(api: TestApi, options: { name: string; full?: false }): Promise<BaseWorld>;
export async function buildWorld(api: TestApi, options: { name: string; full?: boolean }): Promise<BaseWorld> {
  const fd = await createFiscalDivision(api, options.name);
  const division = (code: string, name: string, kind: string) =>
    insertId(
      api,
      `insert into finance_division (fiscal_division_code, code, name, kind, created_at, updated_at)
       values (?, ?, ?, ?, now(), now())`,
      [fd, code, name, kind],
    );
  const department = (code: string, name: string, parentId: string | null, managingDivisionId: string | null) =>
    insertId(
      api,
      `insert into department (fiscal_division_code, code, name, kind, parent_id, managing_division_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, now(), now())`,
      [fd, code, name, parentId ? 'INSTITUTION' : 'ADMINISTRATIVE', parentId, managingDivisionId],
    );
  const jkw = await division('JKW', '教科文处', 'EXPENDITURE');
  const shb = await division('SHB', '社会保障处', 'EXPENDITURE');
  const ysc = options.full ? await division('YSC', '预算处', 'BUDGET') : undefined;
  const edu = await department('101', '郑州市教育局', null, jkw);
  const school = options.full ? await department('101001', '郑州市第一中学', edu, null) : undefined;
  const civil = await department('201', '郑州市民政局', null, shb);
  const ids: Ids = { fd, jkw, shb, edu, civil, ...(options.full ? { ysc, school } : {}) };
  const clients = new Map<Who, Promise<Client>>();
  return {
    ...ids,
    as(who: Who): Promise<Client> {
      if (who === 'anonymous') return Promise.resolve(api);
      let client = clients.get(who);
      if (!client) {
        const user: { roles: Role[]; scope?: (w: Ids) => { departmentId?: string; financeDivisionId?: string } } =
          USERS[who];
        client = signIn(api, user.roles, fd, user.scope?.(ids) ?? {});
        clients.set(who, client);
      }
      return client;
    },
  };
}

type Id = { id: string };
const CREATE_FRAMEWORK = `mutation($input: CreateIndicatorFrameworkInput!) { createIndicatorFramework(input: $input) { id } }`;
const CREATE_NODE = `mutation($input: CreateIndicatorFrameworkNodeInput!) { createIndicatorFrameworkNode(input: $input) { id } }`;
const CREATE_CATEGORY = `mutation($input: CreateIndicatorCategoryInput!) { createIndicatorCategory(input: $input) { id } }`;
const CREATE_INDICATOR = `mutation($input: CreateIndicatorInput!) { createIndicator(input: $input) { id } }`;

/** The indicator library of a fiscal division of the test's own, for the admission tests. */
export interface IndicatorLibrary {
  fd: string;
  /** A PERFORMANCE_ADMIN of the division: curates the library. */
  bureau: Client;
  /** 郑州市城市管理局 and 郑州市农业农村工作委员会, two departments. */
  cityMgmt: string;
  agriculture: string;
  /** The 城市管理 category and the framework's 产出指标 › 数量指标 dimensions. */
  category: string;
  output: string;
  quantity: string;
  /** Two published indicators: HY12010001 主次干道机械化清扫率 and HY12010002 蔬菜生产保供基地面积. */
  sweeping: string;
  vegetables: string;
}

/**
 * A fiscal division named after `name` with two departments (inserted with SQL), and a framework named
 * `frameworkName`, a category and two indicators created through the API by its bureau and then published with SQL.
 */
export async function buildIndicatorLibrary(
  api: TestApi,
  options: {
    name: string;
    frameworkName: string;
    category: { code: string /** Whether 城市管理局 owns the category. */; ownedByCityMgmt?: boolean };
  },
): Promise<IndicatorLibrary> {
  const fd = await createFiscalDivision(api, options.name);
  const bureau = await signIn(api, [Role.PERFORMANCE_ADMIN], fd);
  const dept = (code: string, name: string) =>
    insertId(
      api,
      `insert into department (fiscal_division_code, code, name, kind, created_at, updated_at)
       values (?, ?, ?, 'ADMINISTRATIVE', now(), now())`,
      [fd, code, name],
    );
  const cityMgmt = await dept('120', '郑州市城市管理局');
  const agriculture = await dept('130', '郑州市农业农村工作委员会');
  const framework = (
    await bureau.ok<{ createIndicatorFramework: Id }>(CREATE_FRAMEWORK, {
      input: { code: uniq('FW'), name: options.frameworkName, kind: 'PROJECT' },
    })
  ).createIndicatorFramework.id;
  const output = (
    await bureau.ok<{ createIndicatorFrameworkNode: Id }>(CREATE_NODE, {
      input: { frameworkId: framework, code: 'OUTPUT', name: '产出指标' },
    })
  ).createIndicatorFrameworkNode.id;
  const quantity = (
    await bureau.ok<{ createIndicatorFrameworkNode: Id }>(CREATE_NODE, {
      input: { frameworkId: framework, parentId: output, code: 'QTY', name: '数量指标' },
    })
  ).createIndicatorFrameworkNode.id;
  const category = (
    await bureau.ok<{ createIndicatorCategory: Id }>(CREATE_CATEGORY, {
      input: {
        fiscalDivisionCode: fd,
        scope: 'INDUSTRY',
        code: options.category.code,
        name: '城市管理',
        ...(options.category.ownedByCityMgmt ? { ownerDepartmentId: cityMgmt } : {}),
      },
    })
  ).createIndicatorCategory.id;
  const create = async (code: string, name: string) =>
    (
      await bureau.ok<{ createIndicator: Id }>(CREATE_INDICATOR, {
        input: {
          fiscalDivisionCode: fd,
          code,
          name,
          scope: 'INDUSTRY',
          categoryId: category,
          level2NodeId: quantity,
          defaultComparator: 'GE',
          defaultUnit: '%',
          valueType: 'QUANTITATIVE',
        },
      })
    ).createIndicator.id;
  const sweeping = await create('HY12010001', '主次干道机械化清扫率');
  const vegetables = await create('HY12010002', '蔬菜生产保供基地面积');
  await api.sql(`update indicator set status = 'PUBLISHED', published_at = now() where id in (?, ?)`, [
    Number(sweeping),
    Number(vegetables),
  ]);
  return { fd, bureau, cityMgmt, agriculture, category, output, quantity, sweeping, vegetables };
}
