import { ExAnteStage } from '../../server/modules/exante/exante.enums';
import { mayAssessStage } from '../../server/modules/exante/exante.rules';
import { Role, ScopeKind } from '../../server/modules/identity/identity.enums';
import { Permission, permissionsOf } from '../../server/modules/identity/identity.permissions';
import type { Viewer } from '../../server/modules/identity/identity.viewer';
import { assertMayWriteBudgetFields, type BudgetField } from '../../server/modules/project/project.access';
import { DomainError } from '../../server/shared/errors';

const viewer = (role: Role): Viewer => ({
  id: 1,
  loginName: 'u',
  roles: [role],
  fiscalDivisionCode: '410100000',
  scope: ScopeKind.BUREAU,
  departmentId: null,
  financeDivisionId: null,
  permissions: permissionsOf([role]),
});

/** The field a budget write is refused on, or 'allowed'. */
function refusedField(role: Role | null, field: BudgetField): string {
  try {
    assertMayWriteBudgetFields({ viewer: role ? viewer(role) : null }, { [field]: '1.00' });
    return 'allowed';
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'FORBIDDEN') throw err;
    return String(err.details?.field);
  }
}

const ALL_ROLES = Object.values(Role);

describe('who writes which budget field (项目预算)', () => {
  const writers: Record<BudgetField, Role[]> = {
    requested: [Role.UNIT_PREPARER, Role.DEPARTMENT_OFFICER],
    audited: [Role.EXPENDITURE_REVIEWER],
    approved: [Role.BUDGET_OFFICER],
    decision: [Role.BUDGET_OFFICER],
    decisionReason: [Role.BUDGET_OFFICER],
    mergedIntoProjectId: [Role.BUDGET_OFFICER],
  };

  it.each(Object.entries(writers) as [BudgetField, Role[]][])('%s: only %j', (field, roles) => {
    const table = Object.fromEntries([...ALL_ROLES, null].map((r) => [String(r), refusedField(r, field)]));
    const expected = Object.fromEntries(
      [...ALL_ROLES, null].map((r) => [String(r), r && roles.includes(r) ? 'allowed' : `ProjectBudget.${field}`]),
    );
    expect(table).toEqual(expected);
  });

  it('ignores fields left out (undefined) and refuses an explicit null (clearing is a write)', () => {
    expect(() =>
      assertMayWriteBudgetFields({ viewer: viewer(Role.UNIT_PREPARER) }, { audited: undefined }),
    ).not.toThrow();
    expect(() => assertMayWriteBudgetFields({ viewer: viewer(Role.UNIT_PREPARER) }, { audited: null })).toThrow(
      'Your role may not write ProjectBudget.audited.',
    );
  });
});

describe('who records which ex-ante stage (事前绩效评估)', () => {
  const assessors: Record<ExAnteStage, Role[]> = {
    [ExAnteStage.SELF]: [Role.UNIT_PREPARER, Role.DEPARTMENT_OFFICER],
    [ExAnteStage.FINANCE_AUDIT]: [Role.EXPENDITURE_REVIEWER, Role.EVALUATION_REVIEWER],
    [ExAnteStage.THIRD_PARTY]: [Role.EXPENDITURE_REVIEWER, Role.EVALUATION_REVIEWER],
  };

  it.each(Object.entries(assessors) as [ExAnteStage, Role[]][])('%s: only %j', (stage, roles) => {
    const table = Object.fromEntries(ALL_ROLES.map((r) => [r, mayAssessStage(viewer(r), stage)]));
    expect(table).toEqual(Object.fromEntries(ALL_ROLES.map((r) => [r, roles.includes(r)])));
    expect(mayAssessStage(null, stage)).toBe(false);
  });

  it('gives every role that records a stage the AssessExAnte permission its mutations need', () => {
    const stageRoles = [...new Set(Object.values(assessors).flat())];
    expect(stageRoles.filter((r) => !permissionsOf([r]).has(Permission.AssessExAnte))).toEqual([]);
  });
});
