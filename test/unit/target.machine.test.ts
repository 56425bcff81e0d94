import { Role } from '../../server/modules/identity/identity.enums';
import { Grade, TargetKind, TargetStatus } from '../../server/modules/target/target.enums';
import { gradeFor } from '../../server/modules/target/target.grading';
import {
  allowedActions,
  initialStageOf,
  nextState,
  TARGET_MACHINE,
  TargetAction,
} from '../../server/modules/target/target.machine';
import { type PrecheckInput, precheck } from '../../server/modules/target/target.precheck';
import { DomainError } from '../../server/shared/errors';

const S = TargetStatus;
const A = TargetAction;
const roles = (...r: Role[]) => ({ roles: r });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof DomainError ? err.code : 'OTHER';
  }
  return undefined;
}

describe('target state machine: every legal step', () => {
  it('DRAFT -submit-> DEPARTMENT_REVIEW (department roles)', () => {
    expect(nextState(S.DRAFT, A.SUBMIT, roles(Role.UNIT_PREPARER)).to).toBe(S.DEPARTMENT_REVIEW);
    expect(nextState(S.DRAFT, A.SUBMIT, roles(Role.DEPARTMENT_OFFICER)).to).toBe(S.DEPARTMENT_REVIEW);
  });

  it('DEPARTMENT_REVIEW: the department officer passes or returns', () => {
    expect(nextState(S.DEPARTMENT_REVIEW, A.PASS, roles(Role.DEPARTMENT_OFFICER)).to).toBe(S.INITIAL_REVIEW);
    expect(nextState(S.DEPARTMENT_REVIEW, A.RETURN, roles(Role.DEPARTMENT_OFFICER))).toEqual({
      to: S.DRAFT,
      nextRound: true,
    });
  });

  it('INITIAL_REVIEW: both halves must pass, in either order', () => {
    const exp = { roles: [Role.EXPENDITURE_REVIEWER], initialStage: 'INITIAL_EXPENDITURE' as const };
    const evl = { roles: [Role.EVALUATION_REVIEWER], initialStage: 'INITIAL_EVALUATION' as const };
    expect(nextState(S.INITIAL_REVIEW, A.PASS, { ...exp, passedInitialStages: [] }).to).toBe(S.INITIAL_REVIEW);
    expect(nextState(S.INITIAL_REVIEW, A.PASS, { ...evl, passedInitialStages: ['INITIAL_EXPENDITURE'] }).to).toBe(
      S.RECHECK,
    );
    expect(nextState(S.INITIAL_REVIEW, A.PASS, { ...evl, passedInitialStages: [] }).to).toBe(S.INITIAL_REVIEW);
    expect(nextState(S.INITIAL_REVIEW, A.PASS, { ...exp, passedInitialStages: ['INITIAL_EVALUATION'] }).to).toBe(
      S.RECHECK,
    );
  });

  it('INITIAL_REVIEW: either return sends it to DRAFT with a new round', () => {
    for (const r of [Role.EXPENDITURE_REVIEWER, Role.EVALUATION_REVIEWER]) {
      expect(nextState(S.INITIAL_REVIEW, A.RETURN, roles(r))).toEqual({ to: S.DRAFT, nextRound: true });
    }
  });

  it('RECHECK: the performance division passes to JOINT_REVIEW or returns', () => {
    expect(nextState(S.RECHECK, A.PASS, roles(Role.PERFORMANCE_ADMIN)).to).toBe(S.JOINT_REVIEW);
    expect(nextState(S.RECHECK, A.RETURN, roles(Role.PERFORMANCE_ADMIN)).to).toBe(S.DRAFT);
  });

  it('JOINT_REVIEW -grade-> by the grade and the ex-ante outcome', () => {
    const g = (
      grade: Grade,
      exAnte?: 'NOT_NEEDED' | 'SUPPORT' | 'MISSING' | 'NOT_SUPPORT' | 'SUPPORT_AFTER_REVISION',
    ) => nextState(S.JOINT_REVIEW, A.GRADE, { roles: [Role.PERFORMANCE_ADMIN], grade, exAnte });
    expect(g(Grade.EXCELLENT, 'NOT_NEEDED')).toEqual({ to: S.READY_FOR_BUDGET, submitToCongress: true });
    expect(g(Grade.EXCELLENT, 'SUPPORT')).toEqual({ to: S.READY_FOR_BUDGET, submitToCongress: true });
    expect(g(Grade.EXCELLENT, 'SUPPORT_AFTER_REVISION')).toEqual({ to: S.READY_FOR_BUDGET, submitToCongress: false });
    expect(g(Grade.EXCELLENT, 'MISSING').to).toBe(S.BLOCKED);
    expect(g(Grade.EXCELLENT, 'NOT_SUPPORT').to).toBe(S.BLOCKED);
    expect(g(Grade.GOOD, 'NOT_NEEDED').to).toBe(S.GRADED);
    expect(g(Grade.FAIR, 'NOT_NEEDED')).toEqual({ to: S.DRAFT, nextRound: true });
    expect(g(Grade.POOR, 'SUPPORT').to).toBe(S.BLOCKED);
    expect(g(Grade.GOOD, 'MISSING').to).toBe(S.BLOCKED);
  });

  it('GRADED -refine-> READY_FOR_BUDGET by the performance division; READY_FOR_BUDGET -approve-> APPROVED', () => {
    expect(nextState(S.GRADED, A.REFINE, roles(Role.PERFORMANCE_ADMIN)).to).toBe(S.READY_FOR_BUDGET);
    expect(nextState(S.READY_FOR_BUDGET, A.APPROVE, roles(Role.BUDGET_OFFICER)).to).toBe(S.APPROVED);
  });
});

describe('target state machine: illegal steps are refused', () => {
  it('a step the state does not have is INVALID_TRANSITION, naming the state and allowed actions', () => {
    expect(codeOf(() => nextState(S.DRAFT, A.PASS, roles(Role.DEPARTMENT_OFFICER)))).toBe('INVALID_TRANSITION');
    expect(codeOf(() => nextState(S.APPROVED, A.SUBMIT, roles(Role.UNIT_PREPARER)))).toBe('INVALID_TRANSITION');
    expect(codeOf(() => nextState(S.BLOCKED, A.GRADE, roles(Role.PERFORMANCE_ADMIN)))).toBe('INVALID_TRANSITION');
    try {
      nextState(S.RECHECK, A.SUBMIT, roles(Role.UNIT_PREPARER));
      throw new Error('not refused');
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      const e = err as DomainError;
      expect(e.message).toContain('RECHECK');
      expect(e.details).toMatchObject({ currentState: 'RECHECK', allowedActions: ['PASS', 'RETURN'] });
    }
  });

  it('a legal step by the wrong role is FORBIDDEN', () => {
    expect(codeOf(() => nextState(S.DRAFT, A.SUBMIT, roles(Role.PERFORMANCE_ADMIN)))).toBe('FORBIDDEN');
    expect(codeOf(() => nextState(S.DEPARTMENT_REVIEW, A.PASS, roles(Role.UNIT_PREPARER)))).toBe('FORBIDDEN');
    expect(
      codeOf(() => nextState(S.INITIAL_REVIEW, A.PASS, { roles: [Role.DEPARTMENT_OFFICER], initialStage: undefined })),
    ).toBe('FORBIDDEN');
    expect(codeOf(() => nextState(S.RECHECK, A.PASS, roles(Role.EVALUATION_REVIEWER)))).toBe('FORBIDDEN');
    expect(codeOf(() => nextState(S.JOINT_REVIEW, A.GRADE, roles(Role.OBSERVER)))).toBe('FORBIDDEN');
    expect(codeOf(() => nextState(S.GRADED, A.REFINE, roles(Role.EXPENDITURE_REVIEWER)))).toBe('FORBIDDEN');
  });

  it('no step leaves a state it does not list', () => {
    const states = new Set(TARGET_MACHINE.map((s) => s.from));
    expect([...states].sort()).toEqual(
      [S.DRAFT, S.DEPARTMENT_REVIEW, S.INITIAL_REVIEW, S.RECHECK, S.JOINT_REVIEW, S.GRADED, S.READY_FOR_BUDGET].sort(),
    );
  });
});

describe('allowedActions and the initial stage', () => {
  it('lists what a role may do in a state', () => {
    expect(allowedActions(S.DRAFT, [Role.UNIT_PREPARER])).toEqual([A.SUBMIT]);
    expect(allowedActions(S.DRAFT, [Role.PERFORMANCE_ADMIN])).toEqual([]);
    expect(allowedActions(S.INITIAL_REVIEW, [Role.EVALUATION_REVIEWER])).toEqual([A.PASS, A.RETURN]);
    expect(allowedActions(S.JOINT_REVIEW, [Role.PERFORMANCE_ADMIN])).toEqual([A.GRADE]);
    expect(allowedActions(S.BLOCKED, [Role.PERFORMANCE_ADMIN])).toEqual([]);
  });

  it('the initial stage follows the role', () => {
    expect(initialStageOf([Role.EXPENDITURE_REVIEWER])).toBe('INITIAL_EXPENDITURE');
    expect(initialStageOf([Role.EVALUATION_REVIEWER])).toBe('INITIAL_EVALUATION');
    expect(initialStageOf([Role.PERFORMANCE_ADMIN])).toBeNull();
  });
});

describe('joint review grade', () => {
  const scores = (each: number, compliance = true) => ({
    compliance,
    relevance: each,
    completeness: each,
    feasibility: each,
    soundness: each,
    appropriateness: each,
  });
  it('bands 90 / 80 / 60, compliance a veto', () => {
    expect(gradeFor(scores(18))).toEqual({ total: 90, grade: Grade.EXCELLENT });
    expect(gradeFor(scores(17.9)).grade).toBe(Grade.GOOD);
    expect(gradeFor(scores(16)).grade).toBe(Grade.GOOD);
    expect(gradeFor(scores(12)).grade).toBe(Grade.FAIR);
    expect(gradeFor(scores(11.9)).grade).toBe(Grade.POOR);
    expect(gradeFor(scores(20, false))).toEqual({ total: 100, grade: Grade.POOR });
  });
  it('refuses a score out of range', () => {
    expect(codeOf(() => gradeFor(scores(21)))).toBe('BAD_USER_INPUT');
  });
});

describe('pre-check on submit', () => {
  const base = (): PrecheckInput => ({
    kind: TargetKind.PROJECT,
    overallGoal: '总体目标',
    annualGoal: '年度目标',
    funds: '100000.00',
    requested: '100000',
    dimensions: [
      { id: 1, code: 'CC', name: '产出' },
      { id: 2, code: 'XY', name: '效益' },
    ],
    rows: [
      { id: 11, comparator: 'GE', unit: '人', numericValue: '10', weight: null, level1NodeId: 1, level1Code: 'CC' },
      { id: 12, comparator: 'GE', unit: '%', numericValue: '95', weight: null, level1NodeId: 2, level1Code: 'XY' },
    ],
  });

  it('a complete target passes without findings', () => {
    expect(precheck(base())).toEqual({ blocking: [], warnings: [] });
  });

  it('lists every blocking finding', () => {
    const input = base();
    input.overallGoal = ' ';
    input.annualGoal = '';
    input.funds = '99999.99';
    input.rows = [
      { id: 11, comparator: 'GE', unit: null, numericValue: null, weight: '60', level1NodeId: 1, level1Code: 'CC' },
      {
        id: 13,
        comparator: 'QUALITATIVE',
        unit: null,
        numericValue: null,
        weight: '30',
        level1NodeId: 1,
        level1Code: 'CC',
      },
    ];
    const { blocking } = precheck(input);
    expect(blocking.map((f) => f.code)).toEqual([
      'OVERALL_GOAL_EMPTY',
      'ANNUAL_GOAL_EMPTY',
      'DIMENSION_WITHOUT_ROW',
      'UNIT_MISSING',
      'VALUE_NOT_NUMERIC',
      'WEIGHTS_NOT_100',
      'FUNDS_MISMATCH',
    ]);
    expect(blocking.find((f) => f.code === 'UNIT_MISSING')?.rowId).toBe('11');
    expect(blocking.find((f) => f.code === 'WEIGHTS_NOT_100')?.message).toContain('90');
  });

  it('a transfer target’s regional shares must add up to its funds', () => {
    const input = base();
    input.shares = { count: 4, total: '100000.00' };
    expect(precheck(input).blocking).toEqual([]);
    input.shares = { count: 4, total: '90000.00' };
    const [finding] = precheck(input).blocking;
    expect(finding?.code).toBe('SHARES_MISMATCH');
    expect(finding?.message).toContain('90000.00');
    input.shares = { count: 0, total: '0' };
    expect(precheck(input).blocking).toEqual([]);
  });

  it('weights that add up to 100 pass; a project without a budget request is blocked', () => {
    const input = base();
    input.rows[0]!.weight = '40.5';
    input.rows[1]!.weight = '59.50';
    expect(precheck(input).blocking).toEqual([]);
    input.requested = null;
    expect(precheck(input).blocking.map((f) => f.code)).toEqual(['NO_BUDGET_REQUEST']);
  });

  it('department targets are not matched against a project request', () => {
    const input = { ...base(), kind: TargetKind.DEPARTMENT, requested: null };
    expect(precheck(input).blocking).toEqual([]);
  });

  it('warns below 50% quantitative rows', () => {
    const input = base();
    input.rows.push(
      {
        id: 14,
        comparator: 'QUALITATIVE',
        unit: null,
        numericValue: null,
        weight: null,
        level1NodeId: 2,
        level1Code: 'XY',
      },
      {
        id: 15,
        comparator: 'QUALITATIVE',
        unit: null,
        numericValue: null,
        weight: null,
        level1NodeId: 2,
        level1Code: 'XY',
      },
      {
        id: 16,
        comparator: 'QUALITATIVE',
        unit: null,
        numericValue: null,
        weight: null,
        level1NodeId: 2,
        level1Code: 'XY',
      },
    );
    const result = precheck(input);
    expect(result.blocking).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['LOW_QUANTIFICATION']);
  });
});
