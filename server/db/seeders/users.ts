import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword, Role } from '../../modules/identity';

/**
 * One demo user per role, for trying the API and the console. DEMO ONLY: the passwords are published in the README;
 * a production start (NODE_ENV=production) loads no demo data and so creates no users with default passwords.
 */
export const DEMO_USERS: ReadonlyArray<{
  loginName: string;
  displayName: string;
  role: Role;
  department?: string;
  financeDivision?: string;
}> = [
  { loginName: 'preparer', displayName: '民政局填报员', role: Role.UNIT_PREPARER, department: '郑州市民政局' },
  {
    loginName: 'dept-officer',
    displayName: '民政局绩效管理员',
    role: Role.DEPARTMENT_OFFICER,
    department: '郑州市民政局',
  },
  {
    loginName: 'exp-reviewer',
    displayName: '社会保障处审核员',
    role: Role.EXPENDITURE_REVIEWER,
    financeDivision: '社会保障处',
  },
  { loginName: 'eval-reviewer', displayName: '评价中心审核员', role: Role.EVALUATION_REVIEWER },
  { loginName: 'perf-admin', displayName: '绩效管理处管理员', role: Role.PERFORMANCE_ADMIN },
  { loginName: 'budget-officer', displayName: '预算处审核员', role: Role.BUDGET_OFFICER },
  { loginName: 'observer', displayName: '人大观察员', role: Role.OBSERVER },
  { loginName: 'analyst', displayName: '数据分析员', role: Role.ANALYST },
  { loginName: 'integration', displayName: '一体化系统接口', role: Role.INTEGRATION },
  { loginName: 'admin', displayName: '系统管理员', role: Role.ADMIN },
];

/** The demo password of a demo user: its login name followed by "-demo-2022". */
export function demoPassword(loginName: string): string {
  return `${loginName}-demo-2022`;
}

export const DEMO_FISCAL_DIVISION = '410100000';

export async function insertDemoUsers(tx: EntityManager): Promise<number> {
  const now = new Date();
  for (const u of DEMO_USERS) {
    const hash = await hashPassword(demoPassword(u.loginName));
    await tx.execute(
      `insert into app_user (fiscal_division_code, login_name, display_name, password_hash, roles, department_id,
         finance_division_id, email, phone, active, password_changed_at, created_at, updated_at, version)
       values (?, ?, ?, ?, ?::text[],
         (select id from department where fiscal_division_code = ? and name = ?),
         (select id from finance_division where fiscal_division_code = ? and name = ?),
         ?, ?, true, ?, ?, ?, 1)`,
      [
        DEMO_FISCAL_DIVISION,
        u.loginName,
        u.displayName,
        hash,
        `{${u.role}}`,
        DEMO_FISCAL_DIVISION,
        u.department ?? null,
        DEMO_FISCAL_DIVISION,
        u.financeDivision ?? null,
        `${u.loginName}@demo.yardstick.invalid`,
        '0371-00000000',
        now,
        now,
        now,
      ],
    );
  }
  return DEMO_USERS.length;
}
